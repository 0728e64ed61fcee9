//! HTML pages and fragments to plain text. [`extract_article`] parses with html5ever (via
//! `scraper`), reads the metadata ([`meta`]), cuts the DOM into text blocks with boilerplate
//! elements dropped ([`blocks`]), picks the article container readability-style
//! ([`select`]) and joins its blocks, headings and paragraphs in order, with blank lines.
//! [`fragment_text`] does the same without choosing a container (feed item HTML).
//! [`eval`] scores the extractor on the html-dev pages.

pub mod blocks;
pub mod eval;
pub mod meta;
pub mod patterns;
pub mod select;

use newsgraph_core::Meta;
use scraper::Html;

/// What extraction found in a page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extracted {
    /// Metadata from the markup.
    pub meta: Meta,
    /// The article text: blocks separated by blank lines (empty when nothing was found).
    pub body: String,
}

fn join(b: &blocks::Blocks, chosen: impl Iterator<Item = usize>) -> String {
    let mut out = String::new();
    let mut last: Option<&str> = None;
    for i in chosen {
        let t = b.blocks[i].text.as_str();
        // Responsive layouts repeat a block (mobile and desktop copies).
        if last == Some(t) {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(t);
        last = Some(t);
    }
    out
}

/// Extract the metadata and main text of a whole page.
pub fn extract_article(html: &str) -> Extracted {
    let doc = Html::parse_document(html);
    let meta = meta::extract(&doc);
    let mut b = blocks::build(&doc, true);
    let chosen = select::select(&mut b);
    let body = join(&b, chosen.into_iter());
    Extracted { meta, body }
}

/// The text of an HTML fragment (a feed item's content), blocks separated by blank lines.
pub fn fragment_text(html: &str) -> String {
    let doc = Html::parse_fragment(html);
    let b = blocks::build(&doc, false);
    if b.blocks.is_empty() {
        // Text with no block element at all: html5ever still gives one text run per node;
        // fall back to the plain characters.
        return doc.root_element().text().collect::<String>().trim().to_string();
    }
    join(&b, 0..b.blocks.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_with_chrome() {
        let html = r##"<html lang="en"><head><title>Bridge reopens | Town Times</title>
            <meta property="article:published_time" content="2024-03-02T08:00:00Z"></head>
            <body><header><a href="/">Town Times</a><nav><a href="/news">News</a></nav></header>
            <main><article><h1>Bridge reopens after repairs</h1>
            <p>The old stone bridge reopened on Saturday, after eight months of repairs, to cars and bikes.</p>
            <h2>Costs</h2>
            <p>The work cost &pound;2.1m, paid by the county, the town and a national heritage fund.</p>
            <div class="social-share"><a href="#">Share on Facebook</a></div>
            </article></main><footer>Copyright Town Times</footer></body></html>"##;
        let e = extract_article(html);
        assert_eq!(e.meta.title.as_deref(), Some("Bridge reopens | Town Times"));
        assert_eq!(e.meta.published.as_deref(), Some("2024-03-02T08:00:00Z"));
        assert!(e.body.contains("Bridge reopens after repairs\n\nThe old stone bridge"), "{}", e.body);
        assert!(e.body.contains("\n\nCosts\n\nThe work cost \u{a3}2.1m"), "{}", e.body);
        assert!(!e.body.contains("Share on"));
        assert!(!e.body.contains("Copyright"));
        assert!(!e.body.contains("News"));
    }

    #[test]
    fn fragments() {
        assert_eq!(fragment_text("<p>One &amp; two.</p><p>Three.</p>"), "One & two.\n\nThree.");
        assert_eq!(fragment_text("Just text &lt;here&gt;"), "Just text <here>");
    }
}
