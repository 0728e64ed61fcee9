//! Which spans of a stored document are highlighted and how: entity mentions by type (linked
//! to the corpus entity), quotes and claims coloured by speaker with their source and cue,
//! times with their normalised value, amounts, relation and event evidence. Each span gets
//! the anchor id that the facts beside the text link to ([`anchor`]). Rendering is done by
//! `highlight`; page layout by `pages::document`.

use std::collections::{BTreeMap, BTreeSet};

use newsgraph_core::analysis::AttributionOut;
use newsgraph_store::StoredDocument;

use crate::highlight::Mark;
use crate::html::{class, esc};

/// Number of speaker colours in the stylesheet (`sp-0` .. `sp-7`).
pub const PALETTE: usize = 8;

/// Anchors of the facts of a document.
pub mod anchor {
    /// Mention `j` of entity `entity` (its id in the analysis).
    pub fn mention(entity: &str, j: usize) -> String {
        format!("m-{entity}-{j}")
    }
    /// An attribution: by its store row id when known (what quote lists link to).
    pub fn attribution(row: Option<i64>, local: &str) -> String {
        match row {
            Some(r) => format!("q-{r}"),
            None => format!("a-{local}"),
        }
    }
    /// Time expression `i`.
    pub fn time(i: usize) -> String {
        format!("t-{i}")
    }
    /// Amount `i`.
    pub fn amount(i: usize) -> String {
        format!("n-{i}")
    }
    /// Relation evidence, by its offsets (what relation lists link to).
    pub fn relation(start: u32, end: u32) -> String {
        format!("r-{start}-{end}")
    }
    /// Event evidence, by its offsets.
    pub fn event(start: u32, end: u32) -> String {
        format!("ev-{start}-{end}")
    }
}

/// Speaker colour index of each attribution, by order of first appearance of its speaker.
pub fn speaker_colours(atts: &[AttributionOut]) -> Vec<usize> {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    atts.iter()
        .map(|a| {
            let key = a.source.clone().unwrap_or_else(|| a.source_text.clone().unwrap_or_default().to_lowercase());
            let n = seen.len();
            *seen.entry(key).or_insert(n) % PALETTE
        })
        .collect()
}

/// The speaker's display name: the document entity's name, else the source phrase.
pub fn speaker_name(doc: &StoredDocument, a: &AttributionOut) -> String {
    a.source
        .as_deref()
        .and_then(|s| doc.analysis.entities.iter().find(|e| e.id == s))
        .map(|e| e.name.clone())
        .or_else(|| a.source_text.clone())
        .unwrap_or_else(|| "(unnamed)".into())
}

/// All highlighted spans of `doc`.
pub fn marks(doc: &StoredDocument) -> Vec<Mark> {
    let a = &doc.analysis;
    let mut marks = Vec::new();
    let mut ids = BTreeSet::new();
    let mut uniq = |id: String| ids.insert(id.clone()).then_some(id);

    // Mentions: links cannot nest, so a mention inside or across an earlier kept one is
    // left out (the outer mention carries the link).
    let mut mentions: Vec<(u32, u32, usize, usize)> = Vec::new();
    for (i, e) in a.entities.iter().enumerate() {
        for (j, m) in e.mentions.iter().enumerate() {
            mentions.push((m.start, m.end, i, j));
        }
    }
    mentions.sort_by(|x, y| x.0.cmp(&y.0).then(y.1.cmp(&x.1)));
    let mut reach = 0;
    for (start, end, i, j) in mentions {
        if start < reach {
            continue;
        }
        reach = end;
        let e = &a.entities[i];
        let corpus = e.extra.get("corpus_entity").and_then(|v| v.as_i64());
        let title = esc(&format!("{}: {}", e.kind, e.name));
        let kind = class(&e.kind);
        let (tag, attrs) = match corpus {
            Some(c) => ("a", format!("class=\"ent ent-{kind}\" href=\"/entities/{c}\" title=\"{title}\"")),
            None => ("span", format!("class=\"ent ent-{kind}\" title=\"{title}\"")),
        };
        marks.push(Mark { start: start as usize, end: end as usize, tag, attrs, id: uniq(anchor::mention(&e.id, j)) });
    }

    let colours = speaker_colours(&a.attributions);
    for (at, &c) in a.attributions.iter().zip(&colours) {
        let speaker = speaker_name(doc, at);
        let kind = class(&at.kind);
        let claim = if at.kind == "direct" { "" } else { " claim" };
        let cue = at.cue.as_deref().unwrap_or("");
        let title = esc(&format!("{} · {speaker}{}{cue}", at.kind, if cue.is_empty() { "" } else { " · " }));
        let row = doc.attribution_rows.get(&at.id).copied();
        marks.push(Mark {
            start: at.content_start as usize,
            end: at.content_end as usize,
            tag: "span",
            attrs: format!("class=\"quote sp-{c} kind-{kind}{claim}\" title=\"{title}\""),
            id: uniq(anchor::attribution(row, &at.id)),
        });
        if let (Some(s), Some(e)) = (at.source_start, at.source_end) {
            let t = esc(&format!("source: {speaker}"));
            marks.push(Mark { start: s as usize, end: e as usize, tag: "span", attrs: format!("class=\"src sp-{c}\" title=\"{t}\""), id: None });
        }
        if let (Some(s), Some(e)) = (at.cue_start, at.cue_end) {
            marks.push(Mark { start: s as usize, end: e as usize, tag: "span", attrs: "class=\"cue\" title=\"cue\"".into(), id: None });
        }
    }
    for (i, t) in a.times.iter().enumerate() {
        let value = esc(&t.value);
        let title = esc(&format!("{}: {}{}", t.kind, t.value, if t.underspecified { " (underspecified)" } else { "" }));
        marks.push(Mark {
            start: t.start as usize,
            end: t.end as usize,
            tag: "span",
            attrs: format!("class=\"time\" data-value=\"{value}\" title=\"{title}\""),
            id: uniq(anchor::time(i)),
        });
    }
    for (i, m) in a.amounts.iter().enumerate() {
        let title = esc(&amount_label(m));
        marks.push(Mark {
            start: m.start as usize,
            end: m.end as usize,
            tag: "span",
            attrs: format!("class=\"amount\" title=\"{title}\""),
            id: uniq(anchor::amount(i)),
        });
    }
    let name = |id: &Option<String>| -> String {
        id.as_deref().and_then(|x| a.entities.iter().find(|e| e.id == x)).map(|e| e.name.clone()).unwrap_or_default()
    };
    for r in &a.relations {
        let title = esc(&format!("{} — {} — {}", name(&Some(r.subject.clone())), r.role, name(&Some(r.object.clone()))));
        marks.push(Mark {
            start: r.evidence.start as usize,
            end: r.evidence.end as usize,
            tag: "span",
            attrs: format!("class=\"rel\" title=\"{title}\""),
            id: uniq(anchor::relation(r.evidence.start, r.evidence.end)),
        });
    }
    for ev in &a.events {
        let title = esc(&format!("{} {} {} {}", name(&ev.actor), ev.action, name(&ev.target), ev.date.as_deref().unwrap_or("")));
        marks.push(Mark {
            start: ev.evidence.start as usize,
            end: ev.evidence.end as usize,
            tag: "span",
            attrs: format!("class=\"event\" title=\"{}\"", title.trim()),
            id: uniq(anchor::event(ev.evidence.start, ev.evidence.end)),
        });
    }
    marks
}

/// "1,000 USD" style label of an amount.
pub fn amount_label(m: &newsgraph_core::analysis::AmountOut) -> String {
    let mut s = m.value.to_string();
    if let Some(h) = &m.high {
        s.push_str(&format!("–{h}"));
    }
    for part in [&m.currency, &m.unit, &m.qualifier].into_iter().flatten() {
        s.push(' ');
        s.push_str(part);
    }
    s
}
