//! The search page: full-text search over documents, or quote search with filters (speaker,
//! outlet, cue, kind, date range, words of the content).

use std::fmt::Write;

use axum::extract::State;
use axum::response::Html;

use super::{pager, quote_table, PageResult};
use crate::api::quote_filter;
use crate::html::{esc, opt, page};
use crate::params::Params;
use crate::AppState;

const KINDS: &[&str] = &["direct", "indirect", "mixed", "according_to", "report", "evidence"];

pub(crate) async fn search(State(s): State<AppState>, p: Params) -> PageResult {
    let page_ = p.page(25)?;
    let quotes = p.text("mode").as_deref() == Some("quotes");
    let q = p.text("q");
    let v = |k: &str| esc(p.text(k).as_deref().unwrap_or(""));
    let mut b = String::from("<h1>Search</h1>");
    let _ = write!(
        b,
        "<form class=\"filters search-form\" action=\"/search\" method=\"get\">\
         <label>Words <input name=\"q\" type=\"search\" value=\"{}\"></label> \
         <label><input type=\"radio\" name=\"mode\" value=\"documents\"{}> documents</label> \
         <label><input type=\"radio\" name=\"mode\" value=\"quotes\"{}> quotes and claims</label><br>\
         <label>Speaker <input name=\"speaker\" value=\"{}\" placeholder=\"name or entity id\"></label> \
         <label>Outlet <input name=\"outlet\" value=\"{}\"></label> \
         <label>Cue <input name=\"cue\" value=\"{}\" placeholder=\"said, claimed…\"></label> \
         <label>Kind <select name=\"kind\"><option value=\"\">any</option>",
        v("q"),
        if quotes { "" } else { " checked" },
        if quotes { " checked" } else { "" },
        v("speaker"),
        v("outlet"),
        v("cue"),
    );
    let kind = p.text("kind");
    for k in KINDS {
        let sel = if kind.as_deref() == Some(*k) { " selected" } else { "" };
        let _ = write!(b, "<option{sel}>{k}</option>");
    }
    let _ = write!(
        b,
        "</select></label> <label>From <input name=\"from\" type=\"date\" value=\"{}\"></label> \
         <label>To <input name=\"to\" type=\"date\" value=\"{}\"></label> <button>Search</button>\
         <p class=\"meta\">Speaker, outlet, cue, kind and dates filter quotes; a speaker or another filter alone switches to quote search.</p></form>",
        v("from"),
        v("to")
    );
    let filtered = ["speaker", "outlet", "cue", "kind", "from", "to"].iter().any(|k| p.text(k).is_some());
    let keep: Vec<(&str, Option<String>)> =
        ["q", "mode", "speaker", "outlet", "cue", "kind", "from", "to"].iter().map(|k| (*k, p.text(k))).collect();
    if quotes || filtered {
        let f = quote_filter(&p, page_.prefix())?;
        let rows = s.read(move |st| Ok(st.quotes(&f)?)).await?;
        let more = rows.len() > page_.offset + page_.limit;
        let rows: Vec<_> = rows.into_iter().skip(page_.offset).take(page_.limit).collect();
        let _ = write!(b, "<h2 id=\"results\">Quotes and claims</h2>");
        quote_table(&mut b, &rows);
        let mut keep = keep;
        keep[1].1 = Some("quotes".into());
        pager(&mut b, "/search", &keep, page_, more);
    } else if let Some(q) = q {
        let hits = s.read(move |st| Ok(st.search(&q, page_.prefix())?)).await?;
        let more = hits.len() > page_.offset + page_.limit;
        b.push_str("<h2 id=\"results\">Documents</h2>");
        if hits.len() <= page_.offset {
            b.push_str("<p class=\"empty\">No document matches.</p>");
        }
        b.push_str("<ol class=\"hits\">");
        for h in hits.iter().skip(page_.offset).take(page_.limit) {
            let d = &h.doc;
            let _ = write!(
                b,
                "<li class=\"hit\"><a href=\"/documents/{}\">{}</a> <span class=\"meta\">{} · {}</span><br><span class=\"snippet\">{}</span></li>",
                d.id,
                esc(d.title.as_deref().filter(|t| !t.is_empty()).unwrap_or("(untitled)")),
                opt(&d.published),
                opt(&d.source),
                snippet(&h.snippet)
            );
        }
        b.push_str("</ol>");
        pager(&mut b, "/search", &keep, page_, more);
    }
    Ok(Html(page("Search", &b)))
}

/// The store marks matches with `[` `]`; show them as `<mark>` (the rest escaped). A
/// bracket in the text itself may be taken for a marker: that only moves a highlight.
fn snippet(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 32);
    let mut open = false;
    for part in s.split_inclusive(['[', ']']) {
        let (text, marker) = match part.chars().last() {
            Some(c @ ('[' | ']')) => (&part[..part.len() - 1], Some(c)),
            _ => (part, None),
        };
        out.push_str(&esc(text));
        match marker {
            Some('[') if !open => {
                out.push_str("<mark>");
                open = true;
            }
            Some(']') if open => {
                out.push_str("</mark>");
                open = false;
            }
            Some(c) => out.push(c),
            None => {}
        }
    }
    if open {
        out.push_str("</mark>");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::snippet;

    #[test]
    fn snippet_marks_matches_and_escapes_the_rest() {
        assert_eq!(snippet("a [Wagner] <b>"), "a <mark>Wagner</mark> &lt;b&gt;");
        assert_eq!(snippet("x ] y [z"), "x ] y <mark>z</mark>");
    }
}
