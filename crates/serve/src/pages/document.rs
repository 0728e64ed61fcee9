//! The document page: the article text with its layers highlighted (entities by type, quotes
//! and claims coloured by speaker with source and cue, times with their value, amounts,
//! relation and event evidence), the boilerplate cleaning removed, and the extracted facts
//! beside the text, each linked to its evidence anchor.

use std::fmt::Write;

use axum::extract::{Path, State};
use axum::response::Html;
use newsgraph_store::StoredDocument;

use super::PageResult;
use crate::api::id;
use crate::highlight::render;
use crate::html::{class, esc, opt, page};
use crate::layers::{amount_label, anchor, marks, speaker_colours, speaker_name};
use crate::{ApiError, AppState};

pub(crate) async fn document(State(s): State<AppState>, Path(raw): Path<String>) -> PageResult {
    let id = id("document", &raw)?;
    let doc = s.read(move |st| Ok(st.document(id)?)).await?.ok_or_else(|| ApiError::not_found(format!("no document {id}")))?;
    let title = doc.analysis.document.title.clone().filter(|t| !t.is_empty()).unwrap_or_else(|| "(untitled)".into());
    Ok(Html(page(&title, &body(&doc, &title))))
}

fn body(doc: &StoredDocument, title: &str) -> String {
    let a = &doc.analysis;
    let d = &a.document;
    let mut b = String::with_capacity(d.text.len() * 3 + 4096);
    let _ = write!(b, "<article class=\"doc\"><h1>{}</h1><p class=\"meta\">{} · {}", esc(title), opt(&d.published), opt(&d.source));
    if let Some(u) = &d.url {
        // Shown, not linked: a stored url could be `javascript:`.
        let _ = write!(b, " · <span class=\"url\">{}</span>", esc(u));
    }
    if let Some(by) = &d.byline {
        let _ = write!(b, " · {}", esc(by));
    }
    let _ = write!(b, " · version {}", doc.version);
    if !doc.current {
        b.push_str(" <span class=\"badge warn\">superseded</span>");
    }
    if let Some(c) = doc.dup_of.filter(|&c| c != doc.id) {
        let _ = write!(b, " · <a class=\"badge\" href=\"/documents/{c}\">copy of document {c}</a>");
    }
    b.push_str("</p>");
    legend(&mut b, doc);
    b.push_str("<div class=\"reader\"><div class=\"text\" id=\"text\">");
    b.push_str(&render(&d.text, &marks(doc)));
    b.push_str("</div>");
    facts(&mut b, doc);
    b.push_str("</div>");
    if !d.removed.is_empty() {
        let _ = write!(b, "<details class=\"removed\"><summary>Removed by cleaning ({})</summary><ul>", d.removed.len());
        for r in &d.removed {
            let _ = write!(b, "<li><span class=\"badge\">{}</span> <span class=\"removed-text\">{}</span></li>", esc(&r.reason), esc(&r.text));
        }
        b.push_str("</ul></details>");
    }
    let _ = write!(b, "<p class=\"meta\"><a href=\"/api/documents/{}\">This document as JSON</a></p></article>", doc.id);
    b
}

fn legend(b: &mut String, doc: &StoredDocument) {
    let mut kinds: Vec<&str> = doc.analysis.entities.iter().map(|e| e.kind.as_str()).collect();
    kinds.sort_unstable();
    kinds.dedup();
    b.push_str("<p class=\"legend\">");
    for k in kinds {
        let _ = write!(b, "<span class=\"ent ent-{}\">{}</span> ", class(k), esc(k));
    }
    b.push_str("<span class=\"quote sp-0\">quote</span> <span class=\"quote sp-1 claim\">claim</span> <span class=\"time\">time</span> <span class=\"amount\">amount</span> <span class=\"rel\">relation</span> <span class=\"event\">event</span></p>");
}

fn facts(b: &mut String, doc: &StoredDocument) {
    let a = &doc.analysis;
    b.push_str("<aside class=\"facts\">");
    let _ = write!(b, "<h2>Entities ({})</h2><ul class=\"entities\">", a.entities.len());
    for e in &a.entities {
        let first = if e.mentions.is_empty() { String::new() } else { format!("#{}", anchor::mention(&e.id, 0)) };
        let corpus = e.extra.get("corpus_entity").and_then(|v| v.as_i64());
        let _ = write!(b, "<li><span class=\"ent ent-{}\">{}</span> ", class(&e.kind), esc(&e.name));
        let _ = write!(b, "<span class=\"meta\">{} · {} mentions</span>", esc(&e.kind), e.mentions.len());
        if !first.is_empty() {
            let _ = write!(b, " <a href=\"{first}\" class=\"ev\">in text</a>");
        }
        if let Some(c) = corpus {
            let _ = write!(b, " <a href=\"/entities/{c}\" class=\"ev\">profile</a>");
        }
        if !e.descriptions.is_empty() {
            let d: Vec<String> = e.descriptions.iter().map(|x| esc(x)).collect();
            let _ = write!(b, "<br><span class=\"desc\">{}</span>", d.join("; "));
        }
        b.push_str("</li>");
    }
    b.push_str("</ul>");
    let colours = speaker_colours(&a.attributions);
    let _ = write!(b, "<h2>Quotes and claims ({})</h2><ul class=\"atts\">", a.attributions.len());
    for (at, c) in a.attributions.iter().zip(colours) {
        let row = doc.attribution_rows.get(&at.id).copied();
        let _ = write!(
            b,
            "<li class=\"att\"><span class=\"src sp-{c}\">{}</span> <span class=\"cue\">{}</span> <span class=\"badge\">{}</span><br><a href=\"#{}\">{}</a></li>",
            esc(&speaker_name(doc, at)),
            esc(at.cue.as_deref().unwrap_or("")),
            esc(&at.kind),
            anchor::attribution(row, &at.id),
            esc(&at.content)
        );
    }
    b.push_str("</ul>");
    if !a.times.is_empty() {
        let _ = write!(b, "<h2>Times ({})</h2><ul>", a.times.len());
        for (i, t) in a.times.iter().enumerate() {
            let _ = write!(b, "<li><a href=\"#{}\">{}</a> → <code>{}</code> <span class=\"meta\">{}</span></li>", anchor::time(i), esc(&t.text), esc(&t.value), esc(&t.kind));
        }
        b.push_str("</ul>");
    }
    if !a.amounts.is_empty() {
        let _ = write!(b, "<h2>Amounts ({})</h2><ul>", a.amounts.len());
        for (i, m) in a.amounts.iter().enumerate() {
            let _ = write!(b, "<li><a href=\"#{}\">{}</a> → <code>{}</code></li>", anchor::amount(i), esc(&m.text), esc(&amount_label(m)));
        }
        b.push_str("</ul>");
    }
    let name = |id: &str| -> String { a.entities.iter().find(|e| e.id == id).map(|e| e.name.clone()).unwrap_or_else(|| id.to_string()) };
    let _ = write!(b, "<h2>Relations ({})</h2>", a.relations.len());
    if a.relations.is_empty() {
        b.push_str("<p class=\"empty\">None extracted.</p>");
    } else {
        b.push_str("<ul class=\"relations\">");
        for r in &a.relations {
            let _ = write!(
                b,
                "<li><a href=\"#{}\">{} <span class=\"role\">{}</span> {}</a></li>",
                anchor::relation(r.evidence.start, r.evidence.end),
                esc(&name(&r.subject)),
                esc(&r.role),
                esc(&name(&r.object))
            );
        }
        b.push_str("</ul>");
    }
    let _ = write!(b, "<h2>Events ({})</h2>", a.events.len());
    if a.events.is_empty() {
        b.push_str("<p class=\"empty\">None extracted.</p>");
    } else {
        b.push_str("<ul class=\"events\">");
        for ev in &a.events {
            let who = ev.actor.as_deref().map(name).unwrap_or_default();
            let whom = ev.target.as_deref().map(name).unwrap_or_default();
            let _ = write!(
                b,
                "<li><code>{}</code> <a href=\"#{}\">{} {} {}</a></li>",
                esc(ev.date.as_deref().unwrap_or("–")),
                anchor::event(ev.evidence.start, ev.evidence.end),
                esc(&who),
                esc(&ev.action),
                esc(&whom)
            );
        }
        b.push_str("</ul>");
    }
    b.push_str("</aside>");
}
