//! The start page: store counts, a search box, the most-documented entities and the latest
//! documents.

use std::fmt::Write;

use axum::extract::State;
use axum::response::Html;

use super::{doc_item, PageResult};
use crate::html::{class, esc, page};
use crate::AppState;

pub(crate) async fn home(State(s): State<AppState>) -> PageResult {
    let (counts, top, recent) = s
        .read(|st| Ok((st.counts()?, st.entities(None, None, 40)?, st.documents(false, 15, 0)?)))
        .await?;
    let mut b = String::new();
    b.push_str("<h1>Corpus</h1>");
    let _ = write!(
        b,
        "<p class=\"counts\">{} documents ({} stories) · {} entities · {} quotes and claims · {} relations · {} events · {} times · {} amounts</p>",
        counts.documents, counts.stories, counts.entities, counts.attributions, counts.relations, counts.events, counts.times, counts.amounts
    );
    b.push_str("<form class=\"search\" action=\"/search\" method=\"get\"><input name=\"q\" type=\"search\" placeholder=\"Words, names…\"> <button>Search</button></form>");
    b.push_str("<div class=\"cols\"><section><h2>Most mentioned</h2><ul class=\"entities\">");
    for e in &top {
        let _ = write!(
            b,
            "<li><a class=\"ent ent-{}\" href=\"/entities/{}\">{}</a> <span class=\"meta\">{} · {} docs</span></li>",
            class(&e.kind),
            e.id,
            esc(&e.name),
            esc(&e.kind),
            e.documents
        );
    }
    b.push_str("</ul><p><a href=\"/entities\">All entities →</a></p></section><section><h2>Latest documents</h2><ul class=\"docs\">");
    for d in &recent {
        doc_item(&mut b, d);
    }
    b.push_str("</ul><p><a href=\"/documents\">All documents →</a></p></section></div>");
    Ok(Html(page("Corpus", &b)))
}
