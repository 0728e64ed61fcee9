//! List pages: entities (by name or type), documents, sources (who is cited, how often, with
//! which verbs, by which outlets) and duplicates (syndication clusters and stories).

use std::collections::BTreeMap;
use std::fmt::Write;

use axum::extract::State;
use axum::response::Html;

use super::{doc_item, pager, PageResult};
use crate::html::{class, esc, opt, page, url};
use crate::params::Params;
use crate::AppState;

pub(crate) async fn entities(State(s): State<AppState>, p: Params) -> PageResult {
    let page_ = p.page(100)?;
    let (name, kind) = (p.text("name"), p.text("type"));
    let (n, k) = (name.clone(), kind.clone());
    let rows = s.read(move |st| Ok(st.entities(k.as_deref(), n.as_deref(), page_.prefix())?)).await?;
    let more = rows.len() > page_.offset + page_.limit;
    let mut b = String::from("<h1>Entities</h1>");
    let _ = write!(
        b,
        "<form class=\"filters\" action=\"/entities\" method=\"get\"><label>Name <input name=\"name\" value=\"{}\"></label> \
         <label>Type <select name=\"type\"><option value=\"\">any</option>",
        esc(name.as_deref().unwrap_or(""))
    );
    for t in ["PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART"] {
        let sel = if kind.as_deref() == Some(t) { " selected" } else { "" };
        let _ = write!(b, "<option{sel}>{t}</option>");
    }
    b.push_str("</select></label> <button>Filter</button></form>");
    b.push_str("<table><thead><tr><th>Name</th><th>Type</th><th>Documents</th></tr></thead><tbody>");
    for e in rows.iter().skip(page_.offset).take(page_.limit) {
        let _ = write!(
            b,
            "<tr><td><a class=\"ent ent-{}\" href=\"/entities/{}\">{}</a></td><td>{}</td><td>{}</td></tr>",
            class(&e.kind),
            e.id,
            esc(&e.name),
            esc(&e.kind),
            e.documents
        );
    }
    b.push_str("</tbody></table>");
    pager(&mut b, "/entities", &[("name", name), ("type", kind)], page_, more);
    Ok(Html(page("Entities", &b)))
}

pub(crate) async fn documents(State(s): State<AppState>, p: Params) -> PageResult {
    let page_ = p.page(50)?;
    let rows = s.read(move |st| Ok(st.documents(false, page_.window(), page_.offset)?)).await?;
    let mut b = String::from("<h1>Documents</h1><p class=\"meta\">Latest first; near-duplicate copies are folded into their canonical document.</p><ul class=\"docs\">");
    for d in rows.iter().take(page_.limit) {
        doc_item(&mut b, d);
    }
    b.push_str("</ul>");
    pager(&mut b, "/documents", &[], page_, rows.len() > page_.limit);
    Ok(Html(page("Documents", &b)))
}

pub(crate) async fn sources(State(s): State<AppState>, p: Params) -> PageResult {
    let page_ = p.page(200)?;
    let outlet = p.text("outlet");
    let o = outlet.clone();
    // Totals per source are summed over up to TOTALS rows (all of them on most stores: the
    // query groups every attribution whatever the limit, so asking more costs little).
    const TOTALS: usize = 5000;
    let all = s.read(move |st| Ok(st.sources(o.as_deref(), page_.prefix().max(TOTALS))?)).await?;
    let more = all.len() > page_.offset + page_.limit;
    let rows: Vec<_> = all.iter().skip(page_.offset).take(page_.limit).collect();
    let mut b = String::from("<h1>Sources</h1><p class=\"meta\">Who is cited, how often, with which verbs, by which outlets (copies folded).</p>");
    let _ = write!(
        b,
        "<form class=\"filters\" action=\"/sources\" method=\"get\"><label>Outlet <input name=\"outlet\" value=\"{}\"></label> <button>Filter</button></form>",
        esc(outlet.as_deref().unwrap_or(""))
    );
    let mut totals: BTreeMap<&str, (i64, BTreeMap<&str, i64>)> = BTreeMap::new();
    for r in &all {
        let t = totals.entry(r.source.as_str()).or_default();
        t.0 += r.count;
        *t.1.entry(r.cue.as_deref().unwrap_or("–")).or_default() += r.count;
    }
    let mut ranked: Vec<_> = totals.into_iter().collect();
    ranked.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(b.0)));
    let scope = if all.len() < TOTALS { String::new() } else { format!(" (over the {TOTALS} most frequent outlet, source and cue combinations)") };
    let _ = write!(b, "<div class=\"cols\"><section><h2>Most cited{scope}</h2>");
    b.push_str("<table><thead><tr><th>Source</th><th>Citations</th><th>Verbs</th></tr></thead><tbody>");
    for (source, (n, cues)) in ranked.iter().take(50) {
        let verbs: Vec<String> = cues.iter().map(|(c, k)| format!("{} ({k})", esc(c))).collect();
        let _ = write!(
            b,
            "<tr><td><a href=\"/search?mode=quotes&amp;speaker={}\">{}</a></td><td>{n}</td><td>{}</td></tr>",
            esc(&url(source)),
            esc(source),
            verbs.join(", ")
        );
    }
    b.push_str("</tbody></table></section><section><h2>By outlet</h2><table><thead><tr><th>Outlet</th><th>Source</th><th>Cue</th><th>Count</th></tr></thead><tbody>");
    for r in rows {
        let outlet_link = match &r.outlet {
            Some(o) => format!("<a href=\"/sources?outlet={}\">{}</a>", esc(&url(o)), esc(o)),
            None => "–".into(),
        };
        let _ = write!(b, "<tr><td>{outlet_link}</td><td>{}</td><td>{}</td><td>{}</td></tr>", esc(&r.source), opt(&r.cue), r.count);
    }
    b.push_str("</tbody></table></section></div>");
    pager(&mut b, "/sources", &[("outlet", outlet)], page_, more);
    Ok(Html(page("Sources", &b)))
}

pub(crate) async fn duplicates(State(s): State<AppState>, p: Params) -> PageResult {
    let page_ = p.page(50)?;
    let (clusters, stories) = s.read(move |st| Ok((st.duplicates(page_.prefix())?, st.stories(page_.window(), page_.offset)?))).await?;
    let more = clusters.len() > page_.offset + page_.limit || stories.len() > page_.limit;
    let mut b = String::from("<h1>Duplicates and stories</h1><div class=\"cols\"><section><h2>Syndication clusters</h2>");
    if clusters.len() <= page_.offset {
        b.push_str("<p class=\"empty\">No near-duplicate copies.</p>");
    } else {
        b.push_str("<table><thead><tr><th>Canonical document</th><th>Copies</th><th>Copy outlets</th><th>Similarity</th></tr></thead><tbody>");
        for c in clusters.iter().skip(page_.offset).take(page_.limit) {
            let d = &c.canonical;
            let _ = write!(
                b,
                "<tr><td><a href=\"/documents/{}\">{}</a> <span class=\"meta\">{} · {}</span></td><td>{}</td><td>{}</td><td>{:.2}</td></tr>",
                d.id,
                esc(d.title.as_deref().unwrap_or("(untitled)")),
                opt(&d.published),
                opt(&d.source),
                d.copies,
                esc(&c.copy_sources),
                c.similarity
            );
        }
        b.push_str("</tbody></table>");
    }
    b.push_str("</section><section><h2>Stories</h2><p class=\"meta\">Different articles about the same event.</p>");
    if stories.is_empty() {
        b.push_str("<p class=\"empty\">No story with several articles.</p>");
    }
    for st in stories.iter().take(page_.limit) {
        let _ = write!(b, "<div class=\"story\"><h3>Story {} · {} articles</h3><ul class=\"docs\">", st.story, st.documents.len());
        for d in &st.documents {
            doc_item(&mut b, d);
        }
        b.push_str("</ul></div>");
    }
    b.push_str("</section></div>");
    pager(&mut b, "/duplicates", &[], page_, more);
    Ok(Html(page("Duplicates", &b)))
}
