// newsgraph UI script: draws entity networks with Cytoscape.js. Loaded from /assets/ only:
// the Content-Security-Policy forbids inline scripts, so all behaviour lives here.
'use strict';

(function () {
  var TYPE_COLOURS = {
    PERSON: '#d9534f', ORG: '#337ab7', GPE: '#5cb85c', LOC: '#3c9d6b', NORP: '#f0ad4e',
    FAC: '#8e6c8a', EVENT: '#e07b39', PRODUCT: '#7a7a7a', LAW: '#6f5499', WORK_OF_ART: '#a0522d'
  };

  function drawGraph(el) {
    if (typeof cytoscape !== 'function') {
      el.textContent = 'The graph library did not load.';
      el.setAttribute('data-error', 'no cytoscape');
      return;
    }
    fetch(el.getAttribute('data-src'), { headers: { Accept: 'application/json' } })
      .then(function (r) {
        if (!r.ok) { throw new Error('HTTP ' + r.status); }
        return r.json();
      })
      .then(function (g) {
        var centre = el.getAttribute('data-centre');
        var ids = {};
        var elements = [];
        g.nodes.forEach(function (n) {
          ids[n.id] = true;
          elements.push({ data: { id: String(n.id), label: n.name, type: n.type, centre: String(n.id) === centre ? 1 : 0 } });
        });
        g.edges.forEach(function (e, i) {
          if (!ids[e.source] || !ids[e.target]) { return; }
          elements.push({
            data: { id: 'e' + i, source: String(e.source), target: String(e.target), kind: e.kind, weight: e.weight,
                    label: e.kind === 'co-occurrence' ? '' : e.kind },
            classes: e.kind === 'co-occurrence' ? 'co' : 'typed'
          });
        });
        var style = [
          { selector: 'node', style: { 'label': 'data(label)', 'font-size': 10, 'width': 18, 'height': 18,
              'background-color': '#888', 'text-valign': 'bottom', 'text-margin-y': 3, 'color': '#222' } },
          { selector: 'node[centre = 1]', style: { 'width': 30, 'height': 30, 'border-width': 3, 'border-color': '#222' } },
          { selector: 'edge', style: { 'width': 'mapData(weight, 1, 20, 1, 6)', 'line-color': '#ccc', 'curve-style': 'bezier' } },
          { selector: 'edge.typed', style: { 'line-color': '#c0392b', 'target-arrow-shape': 'triangle',
              'target-arrow-color': '#c0392b', 'label': 'data(label)', 'font-size': 9, 'color': '#c0392b' } }
        ];
        Object.keys(TYPE_COLOURS).forEach(function (t) {
          style.push({ selector: 'node[type = "' + t + '"]', style: { 'background-color': TYPE_COLOURS[t] } });
        });
        var cy = cytoscape({
          container: el, elements: elements, style: style,
          layout: { name: elements.length > 2 ? 'cose' : 'grid', animate: false, randomize: false, nodeRepulsion: 8000 },
          wheelSensitivity: 0.3
        });
        cy.on('tap', 'node', function (ev) { window.location.href = '/entities/' + ev.target.id(); });
        el.setAttribute('data-nodes', String(cy.nodes().length));
        el.setAttribute('data-edges', String(cy.edges().length));
        el.classList.add('ready');
      })
      .catch(function (err) {
        el.textContent = 'Could not draw the graph: ' + err.message;
        el.setAttribute('data-error', err.message);
      });
  }

  document.addEventListener('DOMContentLoaded', function () {
    var el = document.getElementById('graph');
    if (el) { drawGraph(el); }
  });
})();
