//! HTML building blocks: escaping of every piece of untrusted text ([`esc`]), query-string
//! encoding for links ([`url`]), and the page shell shared by all UI pages. Pages are built
//! with `write!` into a `String`; any value that did not come from this crate's source must
//! go through [`esc`] (or [`url`] then [`esc`] inside attributes). No inline script or style
//! is ever emitted: the page shell links `/assets/style.css` and `/assets/app.js` only.

use std::fmt::Write;

/// Escape text for HTML element content and quoted attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    esc_into(&mut out, s);
    out
}

/// [`esc`] appending to `out` (no allocation per call).
pub fn esc_into(out: &mut String, s: &str) {
    let mut last = 0;
    for (i, b) in s.bytes().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&s[last..i]);
        out.push_str(rep);
        last = i + 1;
    }
    out.push_str(&s[last..]);
}

/// Percent-encode a query-string value (everything but unreserved characters).
pub fn url(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// A class-name-safe form of a label (letters, digits, `_`), e.g. an entity type.
pub fn class(s: &str) -> String {
    s.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '_').collect()
}

/// A whole page: `title` is escaped, `body` is trusted HTML built by this crate.
pub fn page(title: &str, body: &str) -> String {
    shell(title, body, false)
}

/// A page that also loads Cytoscape.js for a graph.
pub fn graph_page(title: &str, body: &str) -> String {
    shell(title, body, true)
}

fn shell(title: &str, body: &str, graph: bool) -> String {
    let mut out = String::with_capacity(body.len() + 1024);
    out.push_str("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    let _ = write!(out, "<title>{} · newsgraph</title>", esc(title));
    if graph {
        // Cytoscape.js injects a <style> element (blocked by the CSP) unless an element with
        // this id exists; style.css carries the rule it would add.
        out.push_str("<link id=\"__________cytoscape_stylesheet\" rel=\"stylesheet\" href=\"/assets/style.css\">");
        out.push_str("<script src=\"/assets/cytoscape.min.js\" defer></script>");
    } else {
        out.push_str("<link rel=\"stylesheet\" href=\"/assets/style.css\">");
    }
    out.push_str("<script src=\"/assets/app.js\" defer></script>");
    out.push_str("</head><body><header class=\"top\"><a class=\"brand\" href=\"/\">newsgraph</a><nav>");
    out.push_str("<a href=\"/entities\">Entities</a><a href=\"/documents\">Documents</a><a href=\"/search\">Search</a>");
    out.push_str("<a href=\"/sources\">Sources</a><a href=\"/duplicates\">Duplicates</a></nav>");
    out.push_str("<form class=\"quick\" action=\"/search\" method=\"get\"><input name=\"q\" type=\"search\" placeholder=\"Search the corpus\" aria-label=\"Search\"></form>");
    out.push_str("</header><main>");
    out.push_str(body);
    out.push_str("</main><footer><a href=\"/openapi.json\">API</a></footer></body></html>\n");
    out
}

/// `Some(text)` escaped, or a dash.
pub fn opt(s: &Option<String>) -> String {
    s.as_deref().map(esc).unwrap_or_else(|| "–".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(esc("<script>alert('x')</script>"), "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
        assert_eq!(esc("a \"b\" & c"), "a &quot;b&quot; &amp; c");
        assert_eq!(esc("plain"), "plain");
        assert_eq!(esc("été <b>"), "été &lt;b&gt;");
    }

    #[test]
    fn url_encodes_everything_unsafe() {
        assert_eq!(url("a b&c=d/é"), "a%20b%26c%3Dd%2F%C3%A9");
        assert_eq!(class("PERSON\"><x"), "PERSONx");
    }

    #[test]
    fn page_escapes_the_title() {
        let p = page("<img src=x onerror=alert(1)>", "<p>body</p>");
        assert!(p.contains("&lt;img src=x onerror=alert(1)&gt; · newsgraph"));
        assert!(!p.contains("<img"));
    }
}
