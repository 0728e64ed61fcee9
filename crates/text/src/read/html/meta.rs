//! Article metadata from an HTML page: title (og:title, `<title>`, first `<h1>`), published
//! date (article:published_time and similar `<meta>`, JSON-LD datePublished, `<time
//! datetime>`), URL (canonical, og:url), source (og:site_name, JSON-LD publisher), byline
//! (meta author, JSON-LD author) and language (`<html lang>`). It reads markup only; it does
//! not look at the body text.

use newsgraph_core::Meta;
use scraper::{Html, Node};
use serde_json::Value;

use crate::read::date;

/// Candidates per field, filled in document order; the first by priority wins.
#[derive(Default)]
struct Found {
    og_title: Option<String>,
    title_tag: Option<String>,
    h1: Option<String>,
    ld_headline: Option<String>,
    published_meta: Option<String>,
    published_ld: Option<String>,
    published_time: Option<String>,
    canonical: Option<String>,
    og_url: Option<String>,
    site_name: Option<String>,
    ld_publisher: Option<String>,
    author_meta: Option<String>,
    author_ld: Option<String>,
    lang: Option<String>,
}

fn set(slot: &mut Option<String>, v: &str) {
    let v = v.split_whitespace().collect::<Vec<_>>().join(" ");
    if slot.is_none() && !v.is_empty() {
        *slot = Some(v);
    }
}

fn node_text(node: ego_tree::NodeRef<'_, Node>) -> String {
    let mut s = String::new();
    for d in node.descendants() {
        if let Node::Text(t) = d.value() {
            s.push_str(t);
        }
    }
    s
}

/// Read the metadata of a parsed page.
pub fn extract(html: &Html) -> Meta {
    let mut f = Found::default();
    for node in html.tree.root().descendants() {
        let Node::Element(el) = node.value() else { continue };
        match el.name() {
            "html" => {
                if let Some(l) = el.attr("lang").or_else(|| el.attr("xml:lang")) {
                    set(&mut f.lang, l);
                }
            }
            "meta" => {
                let key = el.attr("property").or_else(|| el.attr("name")).or_else(|| el.attr("itemprop"));
                let (Some(key), Some(content)) = (key, el.attr("content")) else { continue };
                match key.to_ascii_lowercase().as_str() {
                    "og:title" | "twitter:title" => set(&mut f.og_title, content),
                    "article:published_time" | "og:published_time" | "datepublished" | "pubdate" | "publishdate"
                    | "date" | "dc.date" | "dc.date.issued" | "dcterms.date" | "sailthru.date" | "parsely-pub-date"
                    | "publish-date" | "article.published" => set(&mut f.published_meta, content),
                    "og:url" => set(&mut f.og_url, content),
                    "og:site_name" | "application-name" => set(&mut f.site_name, content),
                    "author" | "article:author" | "dc.creator" | "parsely-author" | "sailthru.author"
                        if !content.contains("://") =>
                    {
                        set(&mut f.author_meta, content)
                    }
                    _ => {}
                }
            }
            "link" => {
                let rel = el.attr("rel").unwrap_or("");
                if rel.split_whitespace().any(|r| r.eq_ignore_ascii_case("canonical")) {
                    if let Some(h) = el.attr("href") {
                        set(&mut f.canonical, h);
                    }
                }
            }
            "title" if f.title_tag.is_none() => set(&mut f.title_tag, &node_text(node)),
            "h1" if f.h1.is_none() => set(&mut f.h1, &node_text(node)),
            "time" if f.published_time.is_none() => {
                if let Some(dt) = el.attr("datetime") {
                    set(&mut f.published_time, dt);
                }
            }
            "script" if el.attr("type").is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) => {
                if let Ok(v) = serde_json::from_str::<Value>(node_text(node).trim()) {
                    json_ld(&v, &mut f, 0);
                }
            }
            _ => {}
        }
    }
    let published = [&f.published_meta, &f.published_ld, &f.published_time]
        .into_iter()
        .flatten()
        .find_map(|d| date::normalize(d));
    Meta {
        title: f.og_title.or(f.ld_headline).or(f.title_tag).or(f.h1),
        published,
        url: f.canonical.or(f.og_url).filter(|u| u.starts_with("http")),
        source: f.site_name.or(f.ld_publisher),
        byline: f.author_meta.or(f.author_ld),
        language: f.lang.and_then(|l| {
            let code = l.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
            (code.len() == 2 && code.bytes().all(|b| b.is_ascii_lowercase())).then_some(code)
        }),
        ..Meta::default()
    }
}

fn is_article_type(v: &Value) -> bool {
    let ok = |s: &str| s.ends_with("Article") || matches!(s, "BlogPosting" | "Report" | "LiveBlogPosting" | "WebPage");
    match v.get("@type") {
        Some(Value::String(s)) => ok(s),
        Some(Value::Array(a)) => a.iter().any(|t| t.as_str().is_some_and(ok)),
        _ => false,
    }
}

fn names(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => vec![s.clone()],
        Value::Array(a) => a.iter().flat_map(names).collect(),
        Value::Object(o) => o.get("name").map(names).unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// Walk JSON-LD (objects, arrays, `@graph`) for article fields. Depth-limited: hostile input.
fn json_ld(v: &Value, f: &mut Found, depth: usize) {
    if depth > 8 {
        return;
    }
    match v {
        Value::Array(a) => a.iter().for_each(|x| json_ld(x, f, depth + 1)),
        Value::Object(o) => {
            if is_article_type(v) {
                if let Some(Value::String(d)) = o.get("datePublished") {
                    set(&mut f.published_ld, d);
                }
                if let Some(Value::String(h)) = o.get("headline") {
                    set(&mut f.ld_headline, h);
                }
                if let Some(a) = o.get("author") {
                    let n = names(a).join(", ");
                    set(&mut f.author_ld, &n);
                }
                if let Some(p) = o.get("publisher") {
                    if let Some(n) = names(p).first() {
                        set(&mut f.ld_publisher, n);
                    }
                }
            }
            if let Some(g) = o.get("@graph") {
                json_ld(g, f, depth + 1);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn og_and_json_ld() {
        let html = r#"<!doctype html><html lang="en-GB"><head><title>Page | Site</title>
          <meta property="og:title" content="Storm hits  coast">
          <meta property="og:site_name" content="Coast News">
          <link rel="canonical" href="https://example.org/storm">
          <script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","datePublished":"2024-02-01T09:00:00Z",
            "author":[{"@type":"Person","name":"Ana Ruiz"},{"name":"Tom Lee"}]}]}</script>
          </head><body><h1>Storm</h1></body></html>"#;
        let m = extract(&Html::parse_document(html));
        assert_eq!(m.title.as_deref(), Some("Storm hits coast"));
        assert_eq!(m.source.as_deref(), Some("Coast News"));
        assert_eq!(m.url.as_deref(), Some("https://example.org/storm"));
        assert_eq!(m.published.as_deref(), Some("2024-02-01T09:00:00Z"));
        assert_eq!(m.byline.as_deref(), Some("Ana Ruiz, Tom Lee"));
        assert_eq!(m.language.as_deref(), Some("en"));
    }

    #[test]
    fn fallbacks_title_h1_time() {
        let m = extract(&Html::parse_document("<body><h1>Only  heading</h1><time datetime='2022-05-04'>May 4</time></body>"));
        assert_eq!(m.title.as_deref(), Some("Only heading"));
        assert_eq!(m.published.as_deref(), Some("2022-05-04"));
        assert_eq!(m.url, None);
    }
}
