//! Data tables for HTML main-text extraction: which tags, ARIA roles and class/id words mark
//! boilerplate, and which mark article content. Kept as data so they can be tuned (on the
//! html-dev set, never on one page) without touching the extraction logic.

/// Elements dropped with everything inside them.
pub const DROP_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "aside", "footer", "iframe", "svg", "canvas", "object",
    "embed", "video", "audio", "map", "button", "input", "select", "textarea", "option", "label", "dialog",
    "menu", "head", "title", "meta", "link", "math", "picture", "img",
];

/// Elements dropped unless they sit inside `<article>` or `<main>` (where they usually hold
/// the headline or lead rather than site chrome).
pub const DROP_OUTSIDE_ARTICLE: &[&str] = &["header"];

/// ARIA roles of site chrome.
pub const DROP_ROLES: &[&str] = &[
    "navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar", "dialog",
    "alertdialog", "tablist", "toolbar", "tooltip", "status", "alert",
];

/// How a class/id word pattern matches a word of the attribute (words are split on anything
/// that is not a letter or digit, lower-cased).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Match {
    /// The whole word.
    Word,
    /// Anywhere inside a word ("sharebar" contains "share").
    Sub,
}

/// Boilerplate class/id patterns. `strong` ones drop the element even when a content word
/// (see [`CONTENT_WORDS`]) is also present ("comment-body" is still comments).
pub const BOILERPLATE_WORDS: &[(&str, Match, bool)] = &[
    ("comment", Match::Sub, true),
    ("kommentar", Match::Sub, true),
    ("disqus", Match::Sub, true),
    ("share", Match::Sub, true),
    ("sharing", Match::Sub, true),
    ("social", Match::Sub, true),
    ("related", Match::Sub, true),
    ("newsletter", Match::Sub, true),
    ("subscribe", Match::Sub, true),
    ("subscription", Match::Sub, true),
    ("signup", Match::Sub, true),
    ("paywall", Match::Sub, false),
    ("sidebar", Match::Sub, true),
    ("cookie", Match::Sub, true),
    ("consent", Match::Sub, true),
    ("gdpr", Match::Sub, true),
    ("breadcrumb", Match::Sub, true),
    ("advert", Match::Sub, true),
    ("werbung", Match::Sub, true),
    ("anzeige", Match::Sub, true),
    ("sponsor", Match::Sub, true),
    ("outbrain", Match::Sub, true),
    ("taboola", Match::Sub, true),
    ("popup", Match::Sub, true),
    ("modal", Match::Sub, true),
    ("overlay", Match::Sub, false),
    ("recommend", Match::Sub, true),
    ("empfehlung", Match::Sub, true),
    ("trending", Match::Sub, true),
    ("popular", Match::Sub, true),
    ("mostread", Match::Sub, true),
    ("navigation", Match::Sub, true),
    ("navbar", Match::Sub, true),
    ("skiplink", Match::Sub, true),
    ("toolbar", Match::Sub, true),
    ("sronly", Match::Sub, true),
    ("screenreader", Match::Sub, true),
    ("visuallyhidden", Match::Sub, true),
    ("masthead", Match::Sub, true),
    ("pagination", Match::Sub, true),
    ("pager", Match::Word, true),
    ("login", Match::Sub, true),
    ("promo", Match::Sub, false),
    ("teaser", Match::Sub, false),
    ("widget", Match::Sub, false),
    ("banner", Match::Sub, false),
    ("footer", Match::Sub, false),
    ("header", Match::Sub, false),
    ("menu", Match::Sub, false),
    ("nav", Match::Word, false),
    ("ad", Match::Word, true),
    ("ads", Match::Word, true),
    ("adv", Match::Word, true),
    ("tags", Match::Word, false),
    ("tag", Match::Word, false),
    ("meta", Match::Word, false),
    ("print", Match::Word, false),
    ("hidden", Match::Word, false),
    ("hide", Match::Word, false),
    ("author", Match::Sub, false),
    ("byline", Match::Sub, false),
    ("caption", Match::Sub, false),
    ("credit", Match::Sub, false),
    ("rating", Match::Sub, false),
    ("poll", Match::Word, false),
    ("more", Match::Word, false),
];

/// Words that mark article content: they protect an element from the non-strong
/// boilerplate words, and give a positive score to candidate containers.
pub const CONTENT_WORDS: &[(&str, Match)] = &[
    ("article", Match::Sub),
    ("artikel", Match::Sub),
    ("body", Match::Sub),
    ("content", Match::Sub),
    ("inhalt", Match::Sub),
    ("main", Match::Sub),
    ("story", Match::Sub),
    ("entry", Match::Sub),
    ("post", Match::Sub),
    ("text", Match::Sub),
    ("blog", Match::Sub),
    ("hentry", Match::Word),
];

/// Words that lower the score of a candidate container (readability's negative list).
pub const NEGATIVE_WORDS: &[(&str, Match)] = &[
    ("comment", Match::Sub),
    ("contact", Match::Sub),
    ("foot", Match::Sub),
    ("footnote", Match::Sub),
    ("masthead", Match::Sub),
    ("media", Match::Sub),
    ("meta", Match::Word),
    ("outbrain", Match::Sub),
    ("promo", Match::Sub),
    ("related", Match::Sub),
    ("scroll", Match::Sub),
    ("share", Match::Sub),
    ("sidebar", Match::Sub),
    ("sponsor", Match::Sub),
    ("shopping", Match::Sub),
    ("tags", Match::Word),
    ("tool", Match::Sub),
    ("widget", Match::Sub),
    ("banner", Match::Sub),
    ("teaser", Match::Sub),
];

/// Block-level elements: each starts a new block of text.
pub const BLOCK_TAGS: &[&str] = &[
    "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl",
    "dt", "dd", "blockquote", "pre", "table", "tbody", "thead", "tfoot", "tr", "td", "th", "figure",
    "figcaption", "header", "footer", "address", "hr", "form", "center", "details", "summary", "body",
    "html", "fieldset", "caption",
];
