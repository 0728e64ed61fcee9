//! One pass over the parsed DOM: drops boilerplate elements (by tag, role, class/id words,
//! hidden markers) and cuts the remaining text into blocks (paragraphs, headings, list
//! items), each owned by an element of a compact arena with parent links. Choosing which
//! blocks form the article is `select`'s job, not this module's.

use ego_tree::iter::Edge;
use scraper::{Html, Node};

use super::patterns::{
    Match, BLOCK_TAGS, BOILERPLATE_WORDS, CHROME_TAGS, CONTENT_WORDS, DROP_ROLES, DROP_TAGS, LAYOUT_PREFIXES,
    NEGATIVE_WORDS,
};

/// Sentinel parent of the root element.
pub const NO_PARENT: u32 = u32::MAX;

/// An element kept in the arena (only block-level elements are kept).
#[derive(Debug, Clone)]
pub struct El {
    /// Index of the parent block element, or [`NO_PARENT`].
    pub parent: u32,
    /// Lower-case tag name.
    pub tag: &'static str,
    /// Class/id weight: positive for content words, negative for boilerplate words.
    pub class_weight: f32,
    /// Marked as the article body (`itemprop="articleBody"`, `<article>`, `<main>`).
    pub article_hint: bool,
    /// Characters of text in blocks under this element.
    pub chars: u32,
    /// Of which inside links.
    pub link_chars: u32,
    /// Readability-style content score (0 when not a candidate).
    pub score: f32,
    /// Its class/id words say boilerplate: 0 no, 1 weakly, 2 strongly. Kept in the arena
    /// (not dropped while parsing) so that a layout wrapper named like chrome
    /// ("right-sidebar") that holds most of the page text can be kept.
    pub boiler: u8,
    /// Prose blocks under it (100+ characters, almost no links).
    pub prose: u32,
    /// It is or holds the page's `<main>` (or `role="main"`) element: never boilerplate,
    /// whatever its class, role or links say.
    pub holds_main: bool,
}

/// What kind of block a piece of text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `h1`..`h6`.
    Heading,
    /// A list item.
    Item,
    /// Anything else (paragraphs, text directly inside a div, table cells, quotes).
    Para,
}

/// A block of text, owned by the innermost block element around it.
#[derive(Debug, Clone)]
pub struct Block {
    /// Owning element in the arena.
    pub owner: u32,
    /// Heading, item or paragraph.
    pub kind: Kind,
    /// Whitespace-collapsed text (`\n` for `<br>`).
    pub text: String,
    /// Characters.
    pub chars: u32,
    /// Characters inside `<a>`.
    pub link_chars: u32,
}

/// The DOM reduced to block elements and text blocks, in document order.
#[derive(Debug, Default)]
pub struct Blocks {
    /// Block elements.
    pub els: Vec<El>,
    /// Text blocks.
    pub blocks: Vec<Block>,
}

fn intern(tag: &str) -> Option<&'static str> {
    BLOCK_TAGS.iter().copied().find(|t| *t == tag)
}

/// Words of a class/id attribute value: lower-case, split on non-alphanumerics, and the
/// whole value with separators removed (so "sr-only" also yields "sronly").
fn words(attr: &str, out: &mut Vec<String>) {
    out.clear();
    let lower = attr.to_lowercase();
    for tok in lower.split_whitespace() {
        let mut parts = tok.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).peekable();
        if parts.peek().is_some_and(|first| LAYOUT_PREFIXES.contains(first)) && tok.len() > 4 {
            continue;
        }
        for w in parts {
            out.push(w.to_string());
        }
        // Joined compounds within one class token: "most-read" -> "mostread".
        let joined: String = tok.chars().filter(|c| c.is_alphanumeric()).collect();
        if joined.len() != tok.len() && !joined.is_empty() {
            out.push(joined);
        }
    }
}

fn matches(words: &[String], pat: &str, how: Match) -> bool {
    words.iter().any(|w| match how {
        Match::Word => w == pat,
        Match::Sub => w.contains(pat),
    })
}

/// Class/id verdict: (boilerplate level 0/1/2, weight).
fn classify(words: &[String]) -> (u8, f32) {
    if words.is_empty() {
        return (0, 0.0);
    }
    let content = CONTENT_WORDS.iter().any(|(p, m)| matches(words, p, *m));
    let mut drop = 0;
    for (p, m, strong) in BOILERPLATE_WORDS {
        if matches(words, p, *m) {
            if *strong {
                drop = 2;
                break;
            } else if !content {
                drop = 1;
            }
        }
    }
    let mut weight = 0.0;
    if content {
        weight += 25.0;
    }
    if NEGATIVE_WORDS.iter().any(|(p, m)| matches(words, p, *m)) {
        weight -= 25.0;
    }
    (drop, weight)
}

fn hidden(el: &scraper::node::Element) -> bool {
    if el.attr("hidden").is_some() || el.attr("aria-hidden") == Some("true") {
        return true;
    }
    if let Some(style) = el.attr("style") {
        let s: String = style.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
        if s.contains("display:none") || s.contains("visibility:hidden") {
            return true;
        }
    }
    false
}

struct Builder {
    out: Blocks,
    buf: String,
    buf_link_chars: u32,
    in_link: u32,
    in_pre: u32,
}

impl Builder {
    fn push_text(&mut self, text: &str) {
        if self.in_pre > 0 {
            let n = text.chars().count() as u32;
            self.buf.push_str(text);
            if self.in_link > 0 {
                self.buf_link_chars += n;
            }
            return;
        }
        let mut n = 0u32;
        for c in text.chars() {
            if c.is_whitespace() && c != '\u{a0}' {
                if !self.buf.is_empty() && !self.buf.ends_with([' ', '\n']) {
                    self.buf.push(' ');
                }
            } else {
                self.buf.push(c);
                n += 1;
            }
        }
        if self.in_link > 0 {
            self.buf_link_chars += n;
        }
    }

    fn flush(&mut self, owner: u32) {
        let text = tidy(&self.buf);
        self.buf.clear();
        let link_chars = std::mem::take(&mut self.buf_link_chars);
        if text.is_empty() || owner == NO_PARENT {
            return;
        }
        let chars = text.chars().filter(|c| !c.is_whitespace()).count() as u32;
        let tag = self.out.els[owner as usize].tag;
        let kind = match tag {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Kind::Heading,
            "li" | "dt" | "dd" => Kind::Item,
            _ => Kind::Para,
        };
        self.out.blocks.push(Block { owner, kind, text, chars, link_chars: link_chars.min(chars) });
    }
}

/// Trim each line and drop empty ones around `<br>` breaks.
fn tidy(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for line in s.split('\n') {
        let line = line.trim_matches(|c: char| c.is_whitespace() && c != '\u{a0}');
        if line.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(line);
    }
    out
}

/// The page's `<main>` and `role="main"` elements and all their ancestors.
fn main_ancestors(html: &Html) -> std::collections::HashSet<ego_tree::NodeId> {
    static MAIN: std::sync::LazyLock<Option<scraper::Selector>> = std::sync::LazyLock::new(|| scraper::Selector::parse("main, [role=main]").ok());
    let mut out = std::collections::HashSet::new();
    for m in MAIN.iter().flat_map(|sel| html.select(sel)) {
        out.insert(m.id());
        out.extend(m.ancestors().map(|a| a.id()));
    }
    out
}

/// Walk the DOM once. With `filter` false only script-like elements are dropped (feed item
/// fragments, where everything else is content).
pub fn build(html: &Html, filter: bool) -> Blocks {
    let mut b = Builder { out: Blocks::default(), buf: String::new(), buf_link_chars: 0, in_link: 0, in_pre: 0 };
    // Stack of (dom node id, arena index or NO_PARENT if the element is inline).
    let mut stack: Vec<(ego_tree::NodeId, u32)> = Vec::new();
    let mut owners: Vec<u32> = Vec::new();
    let mut skip: Option<ego_tree::NodeId> = None;
    let mut article_depth = 0u32;
    let mut wbuf = Vec::new();
    let main_path = if filter { main_ancestors(html) } else { Default::default() };
    for edge in html.tree.root().traverse() {
        match edge {
            Edge::Open(node) => {
                if skip.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Text(t) => b.push_text(t),
                    Node::Element(el) => {
                        let name = el.name();
                        let always_drop = matches!(name, "script" | "style" | "noscript" | "template" | "head");
                        let mut drop = always_drop;
                        let mut weight = 0.0;
                        let mut boiler = 0u8;
                        if filter && !always_drop {
                            // A page that never closes its `<header role="banner">` has its
                            // main element inside: chrome around the main element is kept.
                            let chrome_role = el.attr("role").is_some_and(|r| DROP_ROLES.contains(&r.trim())) && !main_path.contains(&node.id());
                            drop = DROP_TAGS.contains(&name) || chrome_role || hidden(el);
                            if !drop && !matches!(name, "html" | "body" | "article" | "main") {
                                let mut attr = String::new();
                                if let Some(c) = el.attr("class") {
                                    attr.push_str(c);
                                }
                                if let Some(i) = el.attr("id") {
                                    attr.push(' ');
                                    attr.push_str(i);
                                }
                                words(&attr, &mut wbuf);
                                let (mut d, w) = classify(&wbuf);
                                if let Some((_, level)) = CHROME_TAGS.iter().find(|(t, _)| *t == name) {
                                    // A header inside the article holds its headline and lead.
                                    if !(name == "header" && article_depth > 0) {
                                        d = d.max(*level);
                                    }
                                }
                                // Block elements are judged later, with their text counted.
                                if intern(name).is_some() {
                                    boiler = d;
                                } else {
                                    drop = d > 0;
                                }
                                weight = w;
                            }
                        } else if !filter && matches!(name, "img" | "svg" | "iframe" | "button" | "input" | "select" | "object" | "embed") {
                            drop = true;
                        }
                        if drop {
                            skip = Some(node.id());
                            continue;
                        }
                        if name == "br" {
                            b.buf.push('\n');
                        }
                        if name == "a" {
                            b.in_link += 1;
                        }
                        if name == "pre" {
                            b.in_pre += 1;
                        }
                        if name == "article" || name == "main" {
                            article_depth += 1;
                        }
                        let idx = match intern(name) {
                            Some(tag) => {
                                let cur = owners.last().copied().unwrap_or(NO_PARENT);
                                b.flush(cur);
                                let hint = name == "article"
                                    || name == "main"
                                    || el.attr("itemprop").is_some_and(|p| p.eq_ignore_ascii_case("articleBody"));
                                b.out.els.push(El {
                                    parent: cur,
                                    tag,
                                    class_weight: weight,
                                    article_hint: hint,
                                    chars: 0,
                                    link_chars: 0,
                                    score: 0.0,
                                    boiler,
                                    prose: 0,
                                    holds_main: main_path.contains(&node.id()),
                                });
                                let i = (b.out.els.len() - 1) as u32;
                                owners.push(i);
                                i
                            }
                            None => NO_PARENT,
                        };
                        stack.push((node.id(), idx));
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if let Some(id) = skip {
                    if id == node.id() {
                        skip = None;
                        // A dropped block element still separates the text around it.
                        if let Some(Node::Element(el)) = Some(node.value()) {
                            if intern(el.name()).is_some() {
                                let cur = owners.last().copied().unwrap_or(NO_PARENT);
                                b.flush(cur);
                            }
                        }
                    }
                    continue;
                }
                let Node::Element(el) = node.value() else { continue };
                let Some((_, idx)) = stack.pop() else { continue };
                let name = el.name();
                if name == "a" {
                    b.in_link = b.in_link.saturating_sub(1);
                }
                if name == "pre" {
                    b.in_pre = b.in_pre.saturating_sub(1);
                }
                if name == "article" || name == "main" {
                    article_depth = article_depth.saturating_sub(1);
                }
                if idx != NO_PARENT {
                    b.flush(idx);
                    owners.pop();
                }
            }
        }
    }
    let mut out = b.out;
    out.count();
    out
}

impl Blocks {
    /// (Re)compute every element's text and link counts from the blocks under it.
    pub fn count(&mut self) {
        for el in &mut self.els {
            el.chars = 0;
            el.link_chars = 0;
            el.prose = 0;
        }
        for bl in &self.blocks {
            let prose = (bl.chars >= 100 && bl.link_chars * 10 < bl.chars) as u32;
            let mut e = bl.owner;
            while e != NO_PARENT {
                let el = &mut self.els[e as usize];
                el.chars += bl.chars;
                el.link_chars += bl.link_chars;
                el.prose += prose;
                e = el.parent;
            }
        }
    }

    /// Drop the blocks under elements whose class/id says boilerplate, except wrappers that
    /// hold at least `keep_share` of the page's text with few links.
    pub fn drop_boilerplate(&mut self, keep_share: f32) {
        let total: u32 = self.blocks.iter().map(|b| b.chars).sum();
        let total_prose: u32 = self.blocks.iter().filter(|b| b.chars >= 100 && b.link_chars * 10 < b.chars).count() as u32;
        let mut dead = vec![false; self.els.len()];
        for i in 0..self.els.len() {
            let el = &self.els[i];
            let parent_dead = el.parent != NO_PARENT && dead[el.parent as usize];
            let ld = if el.chars == 0 { 0.0 } else { el.link_chars as f32 / el.chars as f32 };
            // A real wrapper holds an article's worth of text, not a few words of a tiny page.
            let wrapper = el.chars >= 500 && el.chars as f32 >= keep_share * total as f32 && ld < 0.3;
            // Weakly marked elements stay when they hold prose: two paragraphs, or most of
            // the page's.
            let prose = el.boiler == 1 && (el.prose >= 2 || el.prose * 2 > total_prose);
            dead[i] = parent_dead || (el.boiler > 0 && !wrapper && !prose && !el.holds_main);
        }
        self.blocks.retain(|b| !dead[b.owner as usize]);
        self.count();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(html: &str, filter: bool) -> Vec<String> {
        let mut b = build(&Html::parse_document(html), filter);
        b.drop_boilerplate(0.4);
        b.blocks.into_iter().map(|b| b.text).collect()
    }

    #[test]
    fn layout_wrapper_named_like_chrome_is_kept() {
        let html = r#"<body><div class="content-block right-sidebar"><p>Most of the page text is in here, long enough.</p></div>
            <div class="sidebar"><p>Short aside.</p></div></body>"#;
        assert_eq!(texts(html, true), vec!["Most of the page text is in here, long enough."]);
    }

    #[test]
    fn blocks_in_order_and_boilerplate_dropped() {
        let html = r#"<html><body><nav><a href="/">Home</a></nav>
            <div class="share-bar">Share on X</div>
            <article><h1>Flood  warning</h1><p>Rivers rose &amp; fell.<br>Again.</p>
            <ul><li>One</li><li>Two <b>bold</b></li></ul></article>
            <div id="comments"><p>First!</p></div><footer>(c) Site</footer>
            <script>var x = 1;</script></body></html>"#;
        assert_eq!(texts(html, true), vec!["Flood warning", "Rivers rose & fell.\nAgain.", "One", "Two bold"]);
    }

    #[test]
    fn hidden_and_roles_dropped_but_content_class_protects_weak_words() {
        let html = r#"<body><div role="navigation">Menu</div><p style="display: none">Hidden</p>
            <div class="article-header"><p>Lead text here.</p></div><div class="site-header">Logo</div></body>"#;
        assert_eq!(texts(html, true), vec!["Lead text here."]);
    }

    #[test]
    fn chrome_around_the_main_element_is_kept() {
        // The header is never closed: the parser puts the whole page inside it.
        let html = r#"<body><header class="header" role="banner"><nav><a href="/">Home</a></nav>
            <main role="main"><p>The council voted on Tuesday to reopen the old stone bridge.</p></main>
            <div role="complementary">Most read</div></body>"#;
        assert_eq!(texts(html, true), vec!["The council voted on Tuesday to reopen the old stone bridge."]);
    }

    #[test]
    fn link_chars_counted() {
        let b = build(&Html::parse_document("<p>Read <a href='x'>this story</a> now</p>"), true);
        assert_eq!(b.blocks[0].chars, 16);
        assert_eq!(b.blocks[0].link_chars, 9);
    }

    #[test]
    fn fragment_mode_keeps_everything_but_scripts() {
        let html = "<p>Para one.</p><div class='related'>Kept in a fragment.</div><script>x()</script>";
        assert_eq!(texts(html, false), vec!["Para one.", "Kept in a fragment."]);
    }
}
