// End-to-end tests of the newsgraph web UI in the system's headless Chromium, driven by
// playwright-core (no browser download). Run by .ci/browser.sh, which builds the store and
// starts `newsgraph serve`; this script only talks to BASE_URL.
//
//   BASE_URL=http://127.0.0.1:8080 SHOTS=target/browser node tests/browser/ui.test.mjs
//
// Screenshots of each page go to $SHOTS. Exit status 1 on any failure; the last line is
// "browser: N passed, N failed".
import { chromium } from 'playwright-core';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BASE = (process.env.BASE_URL || 'http://127.0.0.1:8080').replace(/\/$/, '');
const SHOTS = process.env.SHOTS || 'target/browser';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
mkdirSync(SHOTS, { recursive: true });

let passed = 0;
let failed = 0;
const dialogs = [];
const pageErrors = [];
const cspViolations = [];

function check(cond, what) {
  if (!cond) { throw new Error(what); }
}

async function step(name, fn) {
  const t = Date.now();
  try {
    await fn();
    passed++;
    console.log(`ok   ${name} (${Date.now() - t} ms)`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}: ${e && e.message ? e.message : e}`);
  }
}

async function api(path) {
  const r = await fetch(BASE + path);
  if (!r.ok) { throw new Error(`${path}: HTTP ${r.status}`); }
  return r.json();
}

async function waitForServer() {
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(BASE + '/healthz');
      if (r.ok) { return; }
    } catch (_) { /* not up yet */ }
    await new Promise((res) => setTimeout(res, 200));
  }
  throw new Error(`no server at ${BASE}`);
}

async function shot(page, name) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

await waitForServer();
const profile = mkdtempSync(join(tmpdir(), 'newsgraph-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: CHROMIUM,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1280, height: 900 },
});
const page = context.pages()[0] || await context.newPage();
page.setDefaultTimeout(15000);
page.on('dialog', async (d) => { dialogs.push(`${d.type()}: ${d.message()}`); await d.dismiss(); });
page.on('pageerror', (e) => pageErrors.push(String(e)));
page.on('console', (m) => {
  if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) { cspViolations.push(m.text()); }
});

const stats = await api('/api/stats');
console.log(`store: ${stats.documents} documents, ${stats.entities} entities, ${stats.attributions} quotes/claims, ${stats.relations} relations, ${stats.events} events`);

let lukaUrl = null;
let docUrl = null;

await step('start page lists entities and documents', async () => {
  const res = await page.goto(BASE + '/');
  check(res.ok(), `HTTP ${res.status()}`);
  check(await page.locator('ul.entities li').count() > 0, 'no entity listed');
  check(await page.locator('ul.docs li').count() > 0, 'no document listed');
  await shot(page, '01-home');
});

await step("open Lukashenko's entity page from the entity list", async () => {
  await page.goto(BASE + '/entities?name=Lukashenko');
  const link = page.locator('table a.ent', { hasText: 'Lukashenko' }).first();
  check(await link.count() === 1, 'Lukashenko is not in the entity list');
  await Promise.all([page.waitForURL(/\/entities\/\d+$/), link.click()]);
  lukaUrl = page.url();
  check((await page.locator('h1.entity-name').innerText()).includes('Lukashenko'), 'heading does not name him');
});

await step('his quotes are listed', async () => {
  const rows = page.locator('h2#quotes + table.quotes tbody tr');
  const n = await rows.count();
  check(n > 0, 'no quote by Lukashenko');
  const first = await rows.first().innerText();
  console.log(`     ${n} quotes; first: ${first.replace(/\s+/g, ' ').slice(0, 120)}`);
});

// In the seed's gold analysis Lukashenko's link to Wagner is the event "invited Wagner
// Group" (his typed relation is "president of Belarus"), so it is looked for among his
// relations and his timeline; it is required once the store has events.
await step('the Wagner relation or event (when the store has relations/events)', async () => {
  const rels = await page.locator('li.relation').allInnerTexts();
  const events = await page.locator('ol.timeline li').allInnerTexts();
  const clean = (t) => t.replace(/\s+/g, ' ').trim();
  console.log(`     relations (${rels.length}): ${rels.map(clean).join(' | ') || '-'}`);
  console.log(`     timeline (${events.length}): ${events.slice(0, 8).map(clean).join(' | ') || '-'}`);
  if (stats.relations === 0) { check(rels.length === 0, 'relations shown although the store has none'); }
  if (stats.events === 0) { check(events.length === 0, 'events shown although the store has none'); }
  const found = rels.concat(events).some((t) => /Wagner/.test(t));
  if (found) { return; }
  if (stats.events > 0) { throw new Error('no relation or event links Lukashenko to Wagner'); }
  console.log(stats.relations === 0
    ? '     NOTE: the store has no relations and no events yet: Wagner relation check skipped'
    : `     NOTE: ${stats.relations} relations in the store, none links Lukashenko to Wagner, and no events yet ` +
      '(the gold has this link as the event "invited Wagner Group"): check skipped until events land');
});

await step('the network graph is drawn by Cytoscape', async () => {
  await page.waitForSelector('#graph.ready, #graph[data-error]');
  const err = await page.getAttribute('#graph', 'data-error');
  check(!err, `graph error: ${err}`);
  const nodes = Number(await page.getAttribute('#graph', 'data-nodes'));
  check(nodes >= 2, `only ${nodes} nodes`);
  check(await page.locator('#graph canvas').count() > 0, 'no canvas in the graph');
  console.log(`     ${nodes} nodes, ${await page.getAttribute('#graph', 'data-edges')} edges`);
  await shot(page, '02-entity-lukashenko');
});

await step('the full graph page opens and a node leads to an entity', async () => {
  await page.goto(lukaUrl + '/graph');
  await page.waitForSelector('#graph.ready');
  const nodes = Number(await page.getAttribute('#graph', 'data-nodes'));
  check(nodes >= 2, `only ${nodes} nodes`);
  await shot(page, '03-graph');
});

await step('full-text search finds Wagner', async () => {
  await page.goto(BASE + '/search');
  await page.fill('form.search-form input[name=q]', 'Wagner');
  await Promise.all([page.waitForURL(/\/search\?/), page.click('form.search-form button')]);
  const hits = page.locator('li.hit');
  check(await hits.count() > 0, 'no hit');
  check(await page.locator('li.hit mark').count() > 0, 'matches are not highlighted');
  await shot(page, '04-search');
});

await step('quote search by speaker and cue', async () => {
  await page.goto(BASE + '/search');
  await page.check('input[name=mode][value=quotes]');
  await page.fill('input[name=speaker]', 'Lukashenko');
  await Promise.all([page.waitForURL(/mode=quotes/), page.click('form.search-form button')]);
  const rows = page.locator('table.quotes tbody tr');
  check(await rows.count() > 0, 'no quote found for speaker Lukashenko');
  const speakers = await page.locator('table.quotes td.speaker').allInnerTexts();
  check(speakers.every((s) => /Lukashenko/.test(s)), `other speakers: ${speakers.join(', ')}`);
  await shot(page, '05-quote-search');
});

await step('a document page shows the text with its layers and the facts', async () => {
  await page.goto(lukaUrl);
  const link = page.locator('ul.docs a').first();
  await Promise.all([page.waitForURL(/\/documents\/\d+$/), link.click()]);
  docUrl = page.url();
  check(await page.locator('#text .ent').count() > 0, 'no entity highlighted');
  check(await page.locator('#text .quote').count() > 0, 'no quote highlighted');
  check(await page.locator('#text .time').count() > 0, 'no time highlighted');
  const value = await page.locator('#text .time').first().getAttribute('data-value');
  check(value && value.length > 0, 'time without value');
  // A fact links to its evidence in the text.
  const factLink = page.locator('aside.facts ul.atts a').first();
  const href = await factLink.getAttribute('href');
  check(href && href.startsWith('#') && await page.locator(href).count() === 1, `fact link ${href} has no target`);
  await shot(page, '06-document');
});

await step('sources and duplicates views render', async () => {
  let res = await page.goto(BASE + '/sources');
  check(res.ok(), `sources: HTTP ${res.status()}`);
  check(await page.locator('table tbody tr').count() > 0, 'no source listed');
  await shot(page, '07-sources');
  res = await page.goto(BASE + '/duplicates');
  check(res.ok(), `duplicates: HTTP ${res.status()}`);
  await shot(page, '08-duplicates');
});

await step('XSS: documents full of markup are shown as text and run nothing', async () => {
  const hits = await api('/api/search?q=Mallory&limit=20');
  check(hits.items.length >= 1, 'the XSS documents are not in the store');
  const before = dialogs.length;
  for (const [i, h] of hits.items.entries()) {
    await page.goto(`${BASE}/documents/${h.doc.id}`);
    await page.waitForLoadState('load');
    const injected = await page.locator('#text script, #text img, #text svg, #text iframe, main img, main svg').count();
    check(injected === 0, `${injected} injected elements on document ${h.doc.id}`);
    const text = await page.locator('#text').innerText();
    check(text.includes('<script>') || text.includes('<img'), `markup not shown as text on document ${h.doc.id}`);
    await shot(page, `09-xss-${i + 1}`);
  }
  const mallory = await api('/api/entities?name=Mallory');
  if (mallory.items.length) {
    await page.goto(`${BASE}/entities/${mallory.items[0].id}`);
    await page.waitForLoadState('load');
  }
  await page.goto(`${BASE}/search?mode=quotes&speaker=Mallory`);
  await page.waitForTimeout(300);
  check(dialogs.length === before, `dialogs fired: ${dialogs.slice(before).join('; ')}`);
});

await step('every link on the start page and an entity page answers', async () => {
  const seen = new Set();
  for (const from of [BASE + '/', lukaUrl, docUrl].filter(Boolean)) {
    await page.goto(from);
    const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => a.href));
    for (const h of hrefs) {
      const u = new URL(h);
      if (u.origin !== new URL(BASE).origin) { continue; }
      const key = u.pathname + u.search;
      if (seen.has(key) || seen.size >= 150) { continue; }
      seen.add(key);
      const r = await page.request.get(BASE + key);
      check(r.ok(), `${key}: HTTP ${r.status()}`);
    }
  }
  console.log(`     ${seen.size} links checked`);
});

await step('no dialog, page error or CSP violation in the whole run', async () => {
  check(dialogs.length === 0, `dialogs: ${dialogs.join('; ')}`);
  check(pageErrors.length === 0, `page errors: ${pageErrors.join('; ')}`);
  check(cspViolations.length === 0, `CSP violations: ${cspViolations.join('; ')}`);
});

await context.close();
rmSync(profile, { recursive: true, force: true });
console.log(`screenshots in ${SHOTS}`);
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
