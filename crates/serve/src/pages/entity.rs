//! The entity page: names, descriptions, relations (with their evidence), places, quotes by
//! and claims about the entity, its event timeline, its network (a Cytoscape.js graph that
//! `assets/app.js` draws from `/api/entities/{id}/graph`) and its documents. Also the
//! full-window graph page.

use std::fmt::Write;

use axum::extract::{Path, State};
use axum::response::Html;

use super::{doc_item, quote_table, PageResult};
use crate::api::id;
use crate::html::{class, esc, graph_page, opt, url};
use crate::layers::anchor;
use crate::params::Params;
use crate::AppState;

/// Rows per list on the entity page.
const ROWS: usize = 50;

pub(crate) async fn entity(State(s): State<AppState>, Path(raw): Path<String>) -> PageResult {
    let id = id("entity", &raw)?;
    let (p, relations) = s.read(move |st| Ok((st.profile(id, ROWS)?, st.relations(Some(id), ROWS, 0)?))).await?;
    let e = &p.entity;
    let mut b = String::with_capacity(16 << 10);
    let _ = write!(
        b,
        "<h1 class=\"entity-name\"><span class=\"ent ent-{}\">{}</span></h1><p class=\"meta\">{} · {} documents · {} stories · first seen {} · last seen {}</p>",
        class(&e.kind),
        esc(&e.name),
        esc(&e.kind),
        e.documents,
        p.stories,
        opt(&p.first_seen),
        opt(&p.last_seen)
    );
    b.push_str("<div class=\"cols\"><section>");
    b.push_str("<h2>Names</h2><ul class=\"names\">");
    for n in &p.names {
        let _ = write!(b, "<li>{} <span class=\"meta\">{}</span></li>", esc(&n.value), n.count);
    }
    b.push_str("</ul>");
    if !p.descriptions.is_empty() {
        b.push_str("<h2>Descriptions and roles</h2><ul class=\"descriptions\">");
        for n in &p.descriptions {
            let _ = write!(b, "<li>{} <span class=\"meta\">{}</span></li>", esc(&n.value), n.count);
        }
        b.push_str("</ul>");
    }
    let _ = write!(b, "<h2>Relations ({})</h2>", relations.len());
    if relations.is_empty() {
        b.push_str("<p class=\"empty\" id=\"no-relations\">No relation extracted for this entity.</p>");
    } else {
        b.push_str("<ul class=\"relations\" id=\"relations\">");
        for r in &relations {
            let side = |rid: Option<i64>, name: &str| match rid {
                Some(x) if x != id => format!("<a href=\"/entities/{x}\">{}</a>", esc(name)),
                _ => format!("<strong>{}</strong>", esc(name)),
            };
            let _ = write!(
                b,
                "<li class=\"relation\">{} <span class=\"role\">{}</span> {} <a class=\"ev\" href=\"/documents/{}#{}\" title=\"{}\">evidence</a></li>",
                side(r.subject_id, &r.subject),
                esc(&r.role),
                side(r.object_id, &r.object),
                r.doc,
                anchor::relation(r.start as u32, r.end as u32),
                esc(&r.evidence)
            );
        }
        b.push_str("</ul>");
    }
    if !p.places.is_empty() {
        b.push_str("<h2>Places</h2><ul>");
        for n in &p.places {
            let _ = write!(b, "<li>{} <span class=\"meta\">{}</span></li>", esc(&n.value), n.count);
        }
        b.push_str("</ul>");
    }
    b.push_str("</section><section>");
    let _ = write!(
        b,
        "<h2>Network</h2><div id=\"graph\" class=\"graph\" data-src=\"/api/entities/{id}/graph?limit=30\" data-centre=\"{id}\"></div><p><a href=\"/entities/{id}/graph\">Open the graph on its own page</a></p>"
    );
    b.push_str("</section></div>");
    let _ = write!(b, "<h2 id=\"quotes\">Quotes by {} ({})</h2>", esc(&e.name), p.quotes.len());
    quote_table(&mut b, &p.quotes);
    let _ = write!(b, "<p><a href=\"/search?mode=quotes&amp;speaker={id}\">Search all quotes by {}</a></p>", esc(&e.name));
    let _ = write!(b, "<h2 id=\"claims\">Claims about {} ({})</h2>", esc(&e.name), p.claims_about.len());
    quote_table(&mut b, &p.claims_about);
    let _ = write!(b, "<h2 id=\"timeline\">Timeline ({})</h2>", p.events.len());
    if p.events.is_empty() {
        b.push_str("<p class=\"empty\">No event extracted for this entity.</p>");
    } else {
        b.push_str("<ol class=\"timeline\">");
        for ev in &p.events {
            let date = match (&ev.date, ev.date_from_document) {
                (Some(d), true) => format!("{} <span class=\"meta\">(published)</span>", esc(d)),
                (d, _) => opt(d),
            };
            let _ = write!(
                b,
                "<li><code>{date}</code> {} <strong>{}</strong> {}{} <a class=\"ev\" href=\"/documents/{}\" title=\"{}\">document</a></li>",
                opt(&ev.actor),
                esc(&ev.action),
                opt(&ev.target),
                ev.place.as_deref().map(|p| format!(" in {}", esc(p))).unwrap_or_default(),
                ev.doc,
                esc(&ev.evidence)
            );
        }
        b.push_str("</ol>");
    }
    let _ = write!(b, "<h2 id=\"documents\">Documents ({})</h2><ul class=\"docs\">", p.documents.len());
    for d in &p.documents {
        doc_item(&mut b, d);
    }
    let _ = write!(b, "</ul><p><a href=\"/search?q={}\">Full-text search for {}</a></p>", esc(&url(&e.name)), esc(&e.name));
    Ok(Html(graph_page(&e.name, &b)))
}

pub(crate) async fn graph(State(s): State<AppState>, Path(raw): Path<String>, p: Params) -> PageResult {
    let id = id("entity", &raw)?;
    let limit = p.page(60)?.limit;
    let e = s.read(move |st| Ok(st.best_entity(&id.to_string(), None)?)).await?;
    let mut b = String::new();
    let _ = write!(
        b,
        "<h1>Network of <a href=\"/entities/{id}\">{}</a></h1><p class=\"meta\">Co-occurrence (grey, weight = stories) and typed relations (coloured). Click a node to open its page.</p>\
         <div id=\"graph\" class=\"graph big\" data-src=\"/api/entities/{id}/graph?limit={limit}\" data-centre=\"{id}\"></div>",
        esc(&e.name)
    );
    Ok(Html(graph_page(&format!("Network of {}", e.name), &b)))
}
