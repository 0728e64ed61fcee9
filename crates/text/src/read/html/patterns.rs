//! Data tables for HTML main-text extraction: which tags, ARIA roles and class/id words mark
//! boilerplate, and which mark article content. Kept as data so they can be tuned (on the
//! html-dev set, never on one page) without touching the extraction logic.

/// Elements dropped with everything inside them.
pub const DROP_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "figcaption", "svg", "canvas", "object",
    "embed", "video", "audio", "map", "button", "input", "select", "textarea", "option", "label", "dialog",
    "menu", "head", "title", "meta", "link", "math", "picture", "img",
];

/// Chrome elements and how strongly they are boilerplate (see `blocks::El::boiler`): they
/// are dropped unless they turn out to wrap the page's main text (some sites put the whole
/// article in an `<aside>` or `<header>`).
pub const CHROME_TAGS: &[(&str, u8)] = &[("nav", 2), ("footer", 2), ("aside", 1), ("header", 1)];

/// Class tokens that start with one of these words describe layout ("with-sidebar",
/// "no-sidebars", "has-navigation"), not the element's own role: they are ignored.
pub const LAYOUT_PREFIXES: &[&str] = &["with", "without", "has", "no", "show", "hide"];

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
/// (see [`CONTENT_WORDS`]) is also present ("comment-body" is still comments) or when it
/// holds prose; weak ones ("sidebar", "ads") are often layout or modifier names
/// ("content right-sidebar", "Section--Ads") and give way to content words and to prose.
pub const BOILERPLATE_WORDS: &[(&str, Match, bool)] = &[
    ("comment", Match::Sub, true),
    ("kommentar", Match::Sub, true),
    ("disqus", Match::Sub, true),
    ("share", Match::Sub, true),
    ("sharing", Match::Sub, true),
    ("social", Match::Sub, true),
    ("related", Match::Sub, true),
    ("newsletter", Match::Sub, true),
    ("subscribe", Match::Sub, false),
    ("subscription", Match::Sub, true),
    ("signup", Match::Sub, true),
    ("paywall", Match::Sub, false),
    ("sidebar", Match::Sub, false),
    ("cookie", Match::Sub, true),
    ("consent", Match::Sub, true),
    ("gdpr", Match::Sub, true),
    ("breadcrumb", Match::Sub, true),
    ("advert", Match::Sub, false),
    ("werbung", Match::Sub, false),
    ("anzeige", Match::Sub, false),
    ("sponsor", Match::Sub, false),
    ("outbrain", Match::Sub, true),
    ("taboola", Match::Sub, true),
    ("popup", Match::Sub, false),
    ("modal", Match::Sub, false),
    ("overlay", Match::Sub, false),
    ("recommend", Match::Sub, false),
    ("empfehlung", Match::Sub, false),
    ("trending", Match::Sub, false),
    ("popular", Match::Sub, false),
    ("mostread", Match::Sub, false),
    ("navigation", Match::Sub, true),
    ("navbar", Match::Sub, true),
    ("skiplink", Match::Sub, true),
    ("toolbar", Match::Sub, true),
    ("sronly", Match::Sub, true),
    ("screenreader", Match::Sub, true),
    ("visuallyhidden", Match::Sub, true),
    ("masthead", Match::Sub, false),
    ("pagination", Match::Sub, false),
    ("pager", Match::Word, false),
    ("login", Match::Sub, false),
    ("promo", Match::Sub, false),
    ("teaser", Match::Sub, false),
    ("widget", Match::Sub, false),
    ("banner", Match::Sub, false),
    ("footer", Match::Sub, false),
    ("header", Match::Sub, false),
    ("menu", Match::Sub, false),
    ("nav", Match::Word, false),
    ("ad", Match::Word, false),
    ("ads", Match::Word, false),
    ("adv", Match::Word, false),
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
    "html", "fieldset", "caption", "nav", "aside",
];

/// Short blocks that head or announce teasers, link lists and UI rather than article text
/// ("You may also like", "Lesen Sie auch"), lower-case; a block of at most 60 characters
/// that starts with one is dropped.
pub const TEASER_STARTS: &[&str] = &[
    "related", "you may also like", "you might also like", "more from", "more stories", "recommended",
    "most popular", "most read", "read more", "read also", "see also", "also read", "share this",
    "auch interessant", "das könnte sie auch", "das könnte dich auch", "das könnte ihnen auch",
    "könnte sie auch interessieren", "verwandte", "weitere artikel", "mehr zum thema", "lesen sie auch",
    "lesen sie mehr", "weiterlesen", "meistgelesen", "artikel teilen", "beitrag teilen", "teilen:",
    "te puede interesar", "también te puede", "noticias relacionadas", "lee también", "à lire aussi",
    "lire aussi", "voir aussi", "sur le même sujet", "czytaj także", "czytaj też", "zobacz też",
    "zobacz także", "leggi anche", "articoli correlati", "leia também", "meist gelesen", "schon gelesen",
    "lust auf mehr", "über den autor", "about the author", "advertisement", "anzeige", "werbung", "reklama",
    "publicidad", "publicité", "news teilen", "jetzt teilen",
];
