//! The boilerplate table: each rule is a regular expression, where it applies (a whole
//! paragraph, the end of a paragraph, a whole line, or anywhere inline), the literal trigger
//! words that must occur for the rule to be tried (an aho-corasick prefilter, so most
//! paragraphs run no regex at all), and the reason recorded in `Doc::removed`. The text
//! removed is the named group `cut` when the pattern has one, else the whole match.
//! Rules are general news conventions, written for and tested on invented examples.

/// Where a rule applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum At {
    /// The pattern must match the whole paragraph.
    Paragraph,
    /// The pattern must match the end of the paragraph.
    End,
    /// The pattern must match a whole line of the paragraph.
    Line,
    /// Every match inside the paragraph.
    Inline,
    /// The whole paragraph, only among the first three paragraphs.
    Lead,
    /// The whole paragraph (of any length), only among the last four paragraphs.
    Tail,
}

/// One boilerplate rule.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    /// Regular expression (write `(?i)` for case-insensitive rules).
    pub pattern: &'static str,
    /// Where it applies.
    pub at: At,
    /// Literal words (matched ASCII case-insensitively) of which one must occur; a leading
    /// `^` means "within the first bytes of the paragraph or line" (cheaper, and enough
    /// for rules whose pattern starts with the word).
    pub triggers: &'static [&'static str],
    /// Why the text is removed.
    pub reason: &'static str,
}

/// The reason of the rule for "Read more" lines (the cleaner also reads it: the short line
/// before such a line is a link).
pub const READ_MORE: &str = "read more link";

/// The rules, tried in this order.
pub const RULES: &[Rule] = &[
    Rule {
        // "This post appeared first on Example News." / "This article originally appeared
        // in ..." / "The post X appeared first on Y." — also when the outlet name is missing.
        pattern: r"(?i)(?:^|[.!?…]['’”]?\s+)(?P<cut>(?:this|the)\s+(?:post|article|story|piece|item|entry|report)\b.{0,200}?\b(?:appeared|was\s+(?:first\s+|originally\s+)?(?:published|posted))(?:\s+(?:first|originally))?(?:\s+(?:on|in|at|by)\b.{0,150})?)$",
        at: At::End,
        triggers: &["appeared", "originally published", "first published", "originally posted", "first posted"],
        reason: "syndication trailer",
    },
    Rule {
        pattern: r"(?i)^.{0,60}\b(?:sign\s+up|subscribe|register)\b.{0,60}\b(?:newsletters?|inbox|e-?mail\s+(?:updates|alerts)|briefing|digest|mailing\s+list)\b.{0,100}$|^.{0,80}\b(?:delivered\s+(?:straight\s+|directly\s+)?|(?:straight|direct|directly)\s+)to\s+your\s+inbox\b.{0,100}$|^join\s+(?:our|the)\s+(?:free\s+)?(?:\S+\s+){0,2}newsletters?\s*[.!]?$|^(?:[\p{L}'’&-]+\s+){1,4}newsletter$",
        at: At::Paragraph,
        triggers: &["newsletter", "inbox", "mail updates", "mail alerts", "briefing", "digest", "mailing list"],
        reason: "newsletter prompt",
    },
    Rule {
        pattern: r"(?i)^(?:to\s+(?:view|read|see|continue\s+reading)\s+(?:the\s+(?:full|whole|rest\s+of\s+the)\s+)?(?:story|article)\s*,?\s*)?(?:(?:click|tap)\s+here\s+to\s+|please\s+)?(?:subscribe|sign\s+up|become\s+a\s+(?:member|subscriber|patron)|support\s+(?:our|independent|local)\s+journalism|download\s+(?:our|the)\s+(?:free\s+)?app|get\s+(?:our|the)\s+(?:free\s+)?(?:app|newsletter))\b.{0,200}$",
        at: At::Paragraph,
        triggers: &["^subscribe", "^sign up", "^become a", "^support", "^download", "^get ", "^click", "^tap", "^please", "^to view", "^to read", "^to see", "^to continue"],
        reason: "subscription prompt",
    },
    Rule {
        // A paywall's other paragraphs: "When you join the Example Times family, you'll
        // get …", "First-time subscribers also receive …", "If you're already a subscriber,
        // log in …".
        pattern: r"(?i)^(?:when\s+you\s+(?:subscribe|become\s+a\s+(?:member|subscriber)|join\s+(?:the\s+|our\s+).{1,40}?\b(?:family|community|club|membership))\b|(?:first-time\s+|new\s+)?subscribers\s+(?:also\s+)?(?:get|receive|enjoy)\b|if\s+you(?:'re|’re|\s+are)\s+(?:seeing\s+this\s+message|already\s+a\s+(?:subscriber|member))\b|already\s+a\s+(?:subscriber|member)\s*\?).{0,300}$",
        at: At::Paragraph,
        triggers: &["^when you", "^first-time", "^new subscribers", "^subscribers", "^if you", "^already"],
        reason: "subscription prompt",
    },
    Rule {
        // "For the latest stories download the Example apps for iOS and Android.", "Get
        // the latest news straight to your phone with the Example app."
        pattern: r"(?i)^(?:for\s+(?:the\s+)?latest\b.{0,80}?\s)?(?:download|get|install)\s+(?:the\s+latest\b.{0,60}?\s(?:with|on|via|from)\s+)?(?:our|the)\s+.{0,40}?\bapps?\b.{0,60}$",
        at: At::Paragraph,
        triggers: &["^for the latest", "^for latest", "^download", "^get ", "^install"],
        reason: "app prompt",
    },
    Rule {
        // "Read more: …", "See also …", and a bare "Read: Two disasters are worse than one".
        pattern: r"(?i)^(?:(?:please\s+)?(?:read|see|click|tap|watch|listen)\s+(?:here\b|more|also|the\s+full|full|next|related)|continue\s+reading|keep\s+reading)\b.{0,160}$|^read\s*:\s*\S.{0,160}$",
        at: At::Paragraph,
        triggers: &["^read", "^see ", "^click", "^tap ", "^watch", "^listen", "^continue", "^keep", "^please"],
        reason: READ_MORE,
    },
    Rule {
        // The neighbouring articles' links, in capitals: "PREVIOUS Cost-of-living adjustment
        // for retired teachers passes", "NEXT: …". Case-sensitive: "Next year, …" is prose.
        pattern: r"^(?:PREVIOUS|PREV|NEXT)(?:\s+(?:ARTICLE|STORY|POST))?\s*[:|»›>]?\s+\p{Lu}.{4,200}$",
        at: At::Paragraph,
        triggers: &["^previous", "^prev", "^next"],
        reason: "related links",
    },
    Rule {
        pattern: r"(?i)^(?:related|more|also|recommended|trending|most\s+read|most\s+popular)(?:\s+(?:stories|articles|coverage|news|content|reading|links))?\s*:.{0,200}$",
        at: At::Paragraph,
        triggers: &["^related", "^more", "^also", "^recommended", "^trending", "^most "],
        reason: "related links",
    },
    Rule {
        // Headings of link lists: "Related Articles", "More Great Example Stories", "More
        // on coronavirus:", "You may also like".
        pattern: r"(?i)^(?:related(?:\s+(?:articles|stories|posts|content|coverage|links|reading|news|videos))?|more\s+(?:great\s+|top\s+)?(?:\S+\s+)?(?:stories|articles|news|videos)(?:\s+from\s+.{1,40})?|more\s+(?:on|about|from)\s+.{1,40}:|you\s+(?:may|might)\s+also\s+(?:like|be\s+interested\s+in)|recommended\s+for\s+you|explore\s+further)\s*:?$",
        at: At::Paragraph,
        triggers: &["^related", "^more ", "^you may", "^you might", "^recommended", "^explore"],
        reason: "related links",
    },
    Rule {
        // A link list's heading in capitals: "MORE SIXERS", "MORE FROM THE AUTHOR".
        // Case-sensitive: "More people came" is prose.
        pattern: r"^MORE\s+\p{Lu}[\p{Lu}\s'’&-]{1,30}$",
        at: At::Paragraph,
        triggers: &["^more "],
        reason: "related links",
    },
    Rule {
        // A picture's address left as a paragraph ("i.redd.it/whs5mnaxwft31.jpg") and a
        // page's counters ("37 views", "12 comments").
        pattern: r"(?i)^(?:https?://)?[\w.-]+\.[a-z]{2,}/\S+\.(?:jpe?g|png|gif|webp)$|^\d[\d,.]*\s+(?:views|comments|shares|likes)$",
        at: At::Paragraph,
        triggers: &[".jpg", ".jpeg", ".png", ".gif", ".webp", " views", " comments", " shares", " likes"],
        reason: "page furniture",
    },
    Rule {
        // A paragraph wholly in square brackets is the site's aside, not the story: "[Our
        // Latest Forecast: Who Will Win?]", "[Related: …]".
        pattern: r#"^\[[\p{Lu}\d"“‘'][^\[\]\n]{2,200}\]$"#,
        at: At::Paragraph,
        triggers: &["^["],
        reason: "related links",
    },
    Rule {
        // The reference of the paper a story reports, set apart: "More information: Jane
        // Doe et al. Title, Journal (2019). DOI: 10.1073/…", "Journal information: Nature".
        pattern: r"(?i)^(?:more\s+information|journal\s+(?:information|reference)|citation|doi)\s*:.{1,500}$",
        at: At::Paragraph,
        triggers: &["^more information", "^journal information", "^journal reference", "^citation", "^doi"],
        reason: "citation",
    },
    Rule {
        // A link to the page's pictures or clips, set apart: "Gallery: Coronavirus outbreak
        // around the world (Photo Services)", "Video: …", "In pictures: …".
        // A gallery's heading: "UK news in pictures".
        pattern: r"(?i)^(?:gallery|slideshow|photo\s+gallery|video|watch|in\s+pictures)\s*:.{1,150}$|^(?:[\p{L}'’-]+\s+){1,4}in\s+pictures$",
        at: At::Paragraph,
        triggers: &["^gallery", "^slideshow", "^photo gallery", "^video", "^watch", "in pictures"],
        reason: "media link",
    },
    Rule {
        // A rule drawn with characters: "_____", "-----", "*****".
        pattern: r"[_\-=*~]{3,}",
        at: At::Line,
        triggers: &["___", "---", "===", "***", "~~~"],
        reason: "page furniture",
    },
    Rule {
        pattern: r"(?i)^(?:©|\(c\)\s|copyright\b).{0,200}$|^.{0,160}\ball\s+rights\s+reserved\.?$",
        at: At::Line,
        triggers: &["©", "(c) ", "copyright", "all rights reserved"],
        reason: "copyright notice",
    },
    Rule {
        // "(Photo: ...)", "(AP Photo/Jane Doe)", "(Photo by X/Getty Images)", "(Image credit: ...)".
        pattern: r"(?i)\s?\((?:(?:[A-Z]{2,8}\s+)?(?:photo|photograph|image|picture|file\s+photo|video)s?(?:\s+credit)?\s*(?::|by|/|credit)|(?:credit|courtesy)\s*:)[^()\n]{1,120}\)",
        at: At::Inline,
        triggers: &["photo", "image", "picture", "video", "credit", "courtesy"],
        reason: "photo credit",
    },
    Rule {
        pattern: r"(?i)^(?:(?:photo|photograph|image|picture)s?(?:\s+credit)?\s*(?::|by)|credit\s*:)\s*.{1,150}$|^.{0,150}(?:/|\bvia\s|\s)getty\s+images\.?\)?$",
        at: At::Line,
        triggers: &["^photo", "^image", "^picture", "^credit", "getty"],
        reason: "photo credit",
    },
    Rule {
        // A caption that ends in its picture's credit, with no sentence before it: "A
        // student erasing answers from a test (smolaw11/iStock)", "Crowds in Kyiv (Jane
        // Doe/Example Times)".
        // Four words at least before the credit, which is a handle ("smolaw11") or a
        // person's name, then "/" and the agency ("Softshell (Polyester/Spandex)" is no
        // caption).
        pattern: r"^(?:[^\s.!?()]+\s+){3,}[^.!?\n()]{0,180}\((?:[a-z0-9][\w.-]{1,29}|\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){1,3})\s*/\s*\w[^()\n/:%]{1,60}\)$",
        at: At::Paragraph,
        triggers: &["/"],
        reason: "photo caption",
    },
    Rule {
        // A photographer's credit in brackets, alone or after a caption: "(Matt Stone/Boston
        // Herald)", "… at the rally. (Jane Doe / Example Times)".
        pattern: r"(?:^|[.!?…]['’”]?\s+)(?P<cut>\(\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){1,3}\s*/\s*\p{Lu}[^()\n/]{1,60}\))$",
        at: At::End,
        triggers: &["/"],
        reason: "photo credit",
    },
    Rule {
        // A caption labelled as the page's picture: "Header Image: A petroglyph in Napo
        // province. Credit: …", "Featured photo: …".
        pattern: r"(?i)^(?:header|featured|top|lead|main|cover|hero)\s+(?:image|photo|picture)\s*:.{1,400}$",
        at: At::Paragraph,
        triggers: &["^header ", "^featured ", "^top image", "^top photo", "^lead image", "^lead photo", "^main image", "^main photo", "^cover ", "^hero "],
        reason: "photo caption",
    },
    Rule {
        // A caption's credit after its last sentence: "… at a briefing. Photo: Jane Doe/AFP",
        // "… in Napo province. Credit: John Roe/CIFOR (CC BY 2.0)".
        pattern: r"(?i)[.!?…]['’”]?\s+(?P<cut>(?:(?:photo|photograph|image|picture)s?(?:\s+credit)?|credit)\s*:\s*[^.!?:\n]{1,80}(?:\([^()\n]{1,40}\))?)$",
        at: At::End,
        triggers: &["photo:", "photos:", "photograph:", "image:", "picture:", "credit:", "credit :", "photo credit"],
        reason: "photo credit",
    },
    Rule {
        // A credit paragraph: "Courtesy of Example News", "Photo courtesy of Jane Doe".
        pattern: r"(?i)^(?:(?:photo|image|video)s?\s+)?courtesy\s+(?:of\s+)?\S.{0,60}$",
        at: At::Paragraph,
        triggers: &["^courtesy", "^photo courtesy", "^photos courtesy", "^image courtesy", "^video courtesy"],
        reason: "photo credit",
    },
    Rule {
        // The same credit as "Care of Example Associates LLC": a name follows, and no
        // sentence ends ("Care of the elderly costs more." is prose).
        pattern: r"^(?i:care\s+of)\s+\p{Lu}[^.!?\n]{0,60}$",
        at: At::Paragraph,
        triggers: &["^care of"],
        reason: "photo credit",
    },
    Rule {
        pattern: r"(?i)(?:^|[.!?…]['’”]?\s+)(?P<cut>follow\s+(?:\S+\s+){1,6}?on\s+(?:twitter|x|facebook|instagram|threads|bluesky|linkedin|mastodon|tiktok|youtube)\b.{0,300})$",
        at: At::End,
        // With its space: "following" and "followed" are everywhere in news, and each
        // false trigger costs a reverse regex search over the paragraph's end.
        triggers: &["follow "],
        reason: "social media prompt",
    },
    Rule {
        pattern: r"(?i)^(?:share|spread)\s+the\s+(?:news|word|love)\s*:?$|^(?:share|tweet|e-?mail|print|facebook|twitter|whatsapp|linkedin|pinterest|reddit|copy\s+link|comments?)(?:\s+(?:this|the)(?:\s+(?:article|story|post|page))?)?(?:\s*(?:on|via)\s+\w+)?(?:\s*[|/,·•]?\s*(?:share|tweet|e-?mail|print|facebook|twitter|whatsapp|linkedin|pinterest|reddit|copy\s+link|comments?|save))*\s*:?$",
        at: At::Paragraph,
        triggers: &["^share", "^spread", "^tweet", "^e-mail", "^email", "^print", "^facebook", "^twitter", "^whatsapp", "^linkedin", "^pinterest", "^reddit", "^copy link", "^comment"],
        reason: "share buttons",
    },
    Rule {
        // Wire credits: "Reporting by A; Editing by B", "(Additional reporting by C)".
        pattern: r"(?i)(?:^|[.!?…]['’”]?\s+)(?P<cut>\(?(?:additional\s+)?(?:reporting|writing|editing|compiled|research|graphics)\s+by\b[^\n]{0,300})$",
        at: At::End,
        triggers: &["reporting by", "writing by", "editing by", "compiled by", "research by", "graphics by"],
        reason: "wire credits",
    },
    Rule {
        pattern: r"(?i)^(?:the\s+)?(?:associated\s+press|ap|reuters|afp)?\s*(?:staff\s+)?(?:writers?|reporters?|correspondents?|journalists?)\s+.{1,200}\s+contributed\s+(?:to\s+)?(?:this|the)\s+(?:report|story|article)\.?$",
        at: At::Paragraph,
        triggers: &["contributed"],
        reason: "wire credits",
    },
    Rule {
        pattern: r"(?i)^[-–—\s]*(?:advertisement|advertising|sponsored(?:\s+content)?|story\s+continues\s+below(?:\s+advertisement)?|scroll\s+to\s+continue(?:\s+with\s+content)?|skip\s+advertisement|article\s+continues\s+below)[-–—\s]*$",
        at: At::Paragraph,
        triggers: &["advert", "^sponsored", "^story continues", "^article continues", "^scroll to", "^skip"],
        reason: "advertisement",
    },
    Rule {
        // "Got a news tip?", "Contact the author", "Report a correction or typo", "Spot a
        // typo? Let us know".
        pattern: r"(?i)^(?:got|have)\s+a\s+(?:news\s+)?tip\b.{0,200}$|^(?:contact|email|e-mail)\s+(?:the\s+)?(?:author|reporter|writer)s?\b.{0,160}$|^(?:report|submit|suggest)\s+an?\s+(?:correction|typo|error)(?:\s+or\s+(?:an?\s+)?(?:correction|typo|error))?\s*[.!]?$|^(?:spot(?:ted)?|see|found|notice)\s+an?\s+(?:typo|error|mistake)\s*\?.{0,160}$",
        at: At::Paragraph,
        triggers: &["^got a", "^have a", "^contact", "^email", "^e-mail", "^report a", "^submit a", "^suggest a", "^spot", "^see a", "^found a", "^notice a"],
        reason: "call to action",
    },
    Rule {
        // A call for readers' letters: "We want to hear what you think about this article.
        // Submit a letter to the editor or write to letters@example.com."
        pattern: r"(?i)^we\s+(?:want|would\s+like|['’]d\s+(?:like|love))\s+to\s+hear\s+(?:from\s+you|what\s+you\s+think)\b.{0,300}$|^.{0,80}\b(?:submit|send|write)\s+(?:us\s+)?an?\s+letter\s+to\s+the\s+editor\b.{0,200}$",
        at: At::Paragraph,
        triggers: &["to hear", "letter to the editor"],
        reason: "call to action",
    },
    Rule {
        // "Follow us: Google News | Reddit | Instagram", "Follow us on social media".
        pattern: r"(?i)^follow\s+us\s*(?::|on\b).{0,200}$",
        at: At::Paragraph,
        triggers: &["^follow us"],
        reason: "social media prompt",
    },
    Rule {
        // A paragraph that is only a telephone number ("313-974-7441", "(248) 268-3915"):
        // a listing's contact line.
        pattern: r"^(?:\+1[\s.-]?)?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]\d{4}$",
        at: At::Paragraph,
        triggers: &["^0", "^1", "^2", "^3", "^4", "^5", "^6", "^7", "^8", "^9", "^(", "^+"],
        reason: "contact details",
    },
    Rule {
        // The wire credit of Indian and other outlets, alone: "Agencies", "(With inputs
        // from agencies)", "With agency inputs".
        pattern: r"(?i)^\(?(?:(?:with\s+)?inputs\s+from\s+(?:agencies|\p{L}+)|with\s+(?:agency|wire)\s+inputs?|agencies)\)?\.?$",
        at: At::Paragraph,
        triggers: &["agenc", "inputs"],
        reason: "wire credits",
    },
    Rule {
        // Affiliate and advertising disclosures: "Advertising disclosure: We may receive
        // compensation for some of the links in our stories.", "We may earn a commission
        // when you buy through links on our site."
        pattern: r"(?i)^.{0,60}\b(?:advertising|affiliate)\s+(?:disclosure|disclaimer)\b.{0,400}$|^.{0,60}\bwe\s+may\s+(?:receive|earn|get)\s+(?:a\s+)?(?:compensation|commission)\b.{0,300}$|^.{0,60}\bdisclaimer\s+below\s+refers\s+to\b.{0,300}$",
        at: At::Paragraph,
        triggers: &["disclosure", "disclaimer", "compensation", "commission"],
        reason: "disclaimer",
    },
    Rule {
        pattern: r"(?i)^listen\s+to\s+(?:this\s+)?(?:article|story)\b.{0,40}$|^\d+\s+min(?:ute)?s?\s+read$",
        at: At::Paragraph,
        triggers: &["^listen to", "min read", "minute read", "minutes read"],
        reason: "page furniture",
    },
    Rule {
        // "We noticed you're using an ad blocker.", "It looks like you are using an
        // adblocker", "How do I whitelist …?", "Please disable your ad blocker": the notice
        // a site shows readers who block its ads, one paragraph at a time (of a few
        // lines: "We get it: … please turn off your ad blocker.\nWe'd really appreciate it.").
        pattern: r"(?is)^.{0,300}\b(?:you(?:'re|’re|\s+are|\s+seem\s+to\s+be)?\s+(?:using|running|have)\s+an?\s+ad\s?-?blocker|(?:disable|turn\s+off|pause)\s+(?:your\s+)?ad\s?-?blocker|whitelist(?:ing)?\s+(?:us\b|our\b|this\b|\S+\.(?:com|org|net|co\.uk|de)\b)|how\s+do\s+i\s+whitelist\b).{0,200}$",
        at: At::Paragraph,
        triggers: &["blocker", "whitelist"],
        reason: "ad-blocker notice",
    },
    Rule {
        // The steps of the same notice: "For Adblock Plus on Google Chrome:", "Click the
        // AdBlock button on your browser and select …".
        pattern: r"(?i)for\s+ad\s?block(?:\s+plus)?(?:\s+on\s+[\w ]{1,30})?:|click\s+the\s+ad\s?block(?:\s+plus)?\s+(?:button|icon)\b.{0,120}",
        at: At::Line,
        triggers: &["adblock", "ad block"],
        reason: "ad-blocker notice",
    },
    Rule {
        // Style class names that leaked into the text as a paragraph of one lowercase,
        // many-hyphened token ("for-phone-onlyfor-tablet-portrait-up…"): no prose looks so.
        pattern: r"^[a-z0-9]+(?:-[a-z0-9]+){3,}$",
        at: At::Paragraph,
        triggers: &["-"],
        reason: "page furniture",
    },
    Rule {
        // "Written by: Jane Doe", "Posted by Jane Doe": a byline anywhere.
        pattern: r"(?i:written|posted|story|words|text)\s+(?i:by)\s*:?\s*\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,4}$",
        at: At::Paragraph,
        triggers: &["^written by", "^posted by", "^story by", "^words by", "^text by"],
        reason: "byline",
    },
    Rule {
        // A paragraph that is only a time stamp, with an author or desk before it: "01.21.2020
        // 07:00 AM", "Staff Example | May 10, 2022 01:52:54 PM".
        pattern: r"(?i)^(?:[\p{L}. ]{1,40}\|\s*)?(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4})(?:,?\s+(?:at\s+)?\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s+[a-z]{2,4})?)?$",
        at: At::Paragraph,
        // Head triggers for a stamp that opens the paragraph; " | " for a desk before it.
        triggers: &[" | ", "^0", "^1", "^2", "^3", "^4", "^5", "^6", "^7", "^8", "^9", "^jan", "^feb", "^mar", "^apr", "^may", "^jun", "^jul", "^aug", "^sep", "^oct", "^nov", "^dec"],
        reason: "time stamp",
    },
    Rule {
        // A site's bare domain as a paragraph ("EXAMPLENEWS.COM"): a source credit.
        pattern: r"(?i)^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|co\.uk|info|news)\.?$",
        at: At::Paragraph,
        triggers: &[".com", ".net", ".org", ".co.uk", ".info", ".news"],
        reason: "source credit",
    },
    Rule {
        // The author's note at the end: "Jane Doe is a senior writer for Example, covering
        // …", "John Roe writes about energy policy …".
        // An essay's author by full name: "Leah C. Stokes is an assistant professor of
        // political science at UC Santa Barbara." (a story names a source in full only once,
        // and not in a sentence of its own at the end).
        pattern: r"^\p{Lu}[\p{L}'’.-]+(?:\s+\p{Lu}[\p{L}'’.-]+){1,3}\s+(?:is\s+(?:an?|the)\s+(?:[\p{L}-]+\s+){0,3}(?:writer|reporter|correspondent|editor|journalist|columnist|contributor|producer)\b|writes\s+(?:about|for|on)\b|covers\s)[^\n]{0,700}$|^\p{Lu}[\p{L}'’.-]+(?:\s+\p{Lu}[\p{L}'’.-]+){1,3}\s+is\s+(?:an?|the)\s+(?:(?:assistant|associate|adjunct|visiting|senior|research|distinguished)\s+)*(?:professor|fellow|lecturer)\s+(?:of|at|in|with)\s[^\n]{0,200}$",
        at: At::Tail,
        triggers: &[" writer for", " writer at", " reporter for", " reporter at", " correspondent for", " correspondent at", " editor for", " editor at", " journalist for", " columnist for", " contributor to", " contributor for", " producer for", " writes about", " writes for", " writes on", " covers ", " professor ", " fellow ", " lecturer "],
        reason: "author note",
    },
    Rule {
        // A site's disclaimer at the end: "Example News is not responsible for the opinions,
        // statements or media content presented by contributors.", "The views expressed
        // are those of the author and do not necessarily reflect …".
        pattern: r"(?i)^.{0,80}\b(?:is|are)\s+not\s+responsible\s+for\s+(?:the\s+|any\s+)?(?:opinions|views|content|statements|comments)\b.{0,300}$|^(?:the\s+)?(?:views|opinions)\s+expressed\b.{0,200}\b(?:do|does)\s+not\s+necessarily\s+reflect\b.{0,200}$",
        at: At::Tail,
        triggers: &["not responsible for", "necessarily reflect"],
        reason: "disclaimer",
    },
    Rule {
        // A byline whose names the page left out: "By , ,".
        pattern: r"^(?i:by)[\s,;&|]*$",
        at: At::Lead,
        triggers: &["^by"],
        reason: "byline",
    },
    Rule {
        // A byline paragraph at the top: "By Jane Doe", "By Jane Doe and John Roe, Reuters".
        pattern: r"^(?i:by)\s+\p{Lu}[\p{L}.'’-]*(?:\s+(?:\p{Lu}[\p{L}.'’-]*|(?i:and|de|van|von|da|al)|,))*(?:\s*[,|—–-]\s*\p{Lu}[\p{L}.&]*(?:\s+\p{Lu}[\p{L}.&]*){0,5})?$",
        at: At::Lead,
        triggers: &["^by "],
        reason: "byline",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    fn removed(text: &str) -> Vec<String> {
        let raw = crate::read::RawDoc { body: text.into(), ..Default::default() };
        crate::clean::Cleaner::new().clean(raw).removed.into_iter().map(|r| r.reason).collect()
    }

    #[test]
    fn ad_blocker_notices_and_empty_bylines_go() {
        let text = "By , ,\n\nThe council met on Tuesday and voted for the bridge.\n\nWe noticed you're using an ad blocker.\n\nHow Do I Whitelist Example.com?\n\nThe vote was close, the mayor said on Wednesday.";
        assert_eq!(removed(text), ["byline", "ad-blocker notice", "ad-blocker notice"]);
        let text = "The vote was close.\n\nWe get it: you like to have control of your own internet experience.\nBut advertising revenue helps support our journalism.\nTo read our full stories, please turn off your ad blocker.\nWe'd really appreciate it.\n\nFor Adblock Plus on Google Chrome:\n\nClick the AdBlock Plus button on your browser and select Enabled on this site.";
        assert_eq!(removed(text), ["ad-blocker notice"; 3]);
        let text = "The vote was close.\n\nfor-phone-onlyfor-tablet-portrait-upfor-desktop-up\n\nA well-known, long-standing man-of-the-people won.";
        assert_eq!(removed(text), ["page furniture"]);
        // Prose about ad blockers stays.
        for prose in ["Publishers say ad blockers cost them a fifth of their revenue, a study found.", "Many readers use ad blockers, the report said, and revenue fell."] {
            assert!(removed(&format!("The report came out.\n\n{prose}")).is_empty(), "{prose}");
        }
    }

    #[test]
    fn neighbour_links_credits_and_disclaimers_go() {
        let body = "The council met on Tuesday and voted for the bridge.";
        let text = format!("{body}\n\nPREVIOUS Council delays vote on the new bridge\n\nCare of Example Associates LLC\n\n{body}\n\n{body}\n\nExample News is not responsible for the opinions, statements or media content presented by contributors.");
        assert_eq!(removed(&text), ["related links", "photo credit", "disclaimer"]);
        // Prose that starts alike stays, and so does a disclaimer-like sentence far from the end.
        let text = format!("The firm is not responsible for the content of other sites, the judge said.\n\nNext year, the council will vote again.\n\nCare of the elderly costs more.\n\n{body}\n\n{body}\n\n{body}\n\n{body}");
        assert!(removed(&text).is_empty());
    }

    #[test]
    fn the_headlines_under_a_related_heading_are_links() {
        let body = "The council met on Tuesday and voted for the bridge.";
        let text = format!("{body}\n\nRelated\n\nMicrosoft Is Using DNA to Store Data\n\nSeagate Will Ship 20TB Drives in 2020\n\n{body}\n\nExplore further\n\nNeanderthal tool-making may have been simpler than thought\n\n{body}");
        assert_eq!(removed(&text), ["related links"; 5]);
        // The list ends at the first sentence.
        let text = format!("{body}\n\nRelated Articles\n\n{body}\n\nA Heading Of The Article\n\n{body}");
        assert_eq!(removed(&text), ["related links"]);
    }

    #[test]
    fn a_headline_before_read_more_is_a_link() {
        let body = "The council met on Tuesday and voted for the bridge.";
        let text = format!("{body}\n\nThird of council staff 'have experienced bullying'\n\nRead more\n\n{body}");
        assert_eq!(removed(&text), ["related links", "read more link"]);
        // A sentence before the link is the article's own.
        let text = format!("{body}\n\nRead more\n\n{body}");
        assert_eq!(removed(&text), ["read more link"]);
    }

    #[test]
    fn media_links_and_drawn_rules_go() {
        let text = "The vote was close.\n\n____________________\n\nGallery: Coronavirus outbreak around the world (Photo Services)\n\nThe mayor spoke on Wednesday.";
        assert_eq!(removed(text), ["page furniture", "media link"]);
        // A colon after "video" inside a sentence, and a dash in prose, stay.
        assert!(removed("The vote was close.\n\nThe video: a clip of the mayor - shot on Tuesday - spread fast.").is_empty());
    }

    #[test]
    fn credits_paywalls_app_prompts_headings_and_stamps_go() {
        let body = "The council met on Tuesday and voted for the bridge, the mayor said.";
        for (furniture, reason) in [
            ("Headlines Delivered to Your Inbox", "newsletter prompt"),
            ("To view the full story, please subscribe to The Example Times. You can choose a $60 annual plan.", "subscription prompt"),
            ("When you join the Example Times family, you’ll get unlimited digital access.", "subscription prompt"),
            ("First-time subscribers also receive a welcome gift.", "subscription prompt"),
            ("If you’re already a subscriber, you can log in for immediate access.", "subscription prompt"),
            ("For the latest stories and breaking news download the Example apps for iOS and Android.", "app prompt"),
            ("Get the latest news straight to your phone with the Example app.", "app prompt"),
            ("Related Articles", "related links"),
            ("More Great Example Stories", "related links"),
            ("More on the flood:", "related links"),
            ("Courtesy of Example News", "photo credit"),
            ("Share this:", "share buttons"),
            ("- Advertisement -", "advertisement"),
            ("Written by: Jane Doe", "byline"),
            ("01.21.2020 07:00 AM", "time stamp"),
            ("Staff Example | May 10, 2022 01:52:54 PM", "time stamp"),
            ("EXAMPLENEWS.COM", "source credit"),
            ("Jane Doe is a senior writer for Example, covering artificial intelligence. She was previously an editor at Example Review.", "author note"),
            ("Header Image: People have lived in these forests for thousands of years. Credit: John Roe/Example", "photo caption"),
            ("John Roe writes about a broad range of policy issues out of Washington D.C.", "author note"),
            ("[Our Latest Forecast: Who Will Win The Primary?]", "related links"),
            ("More information: Jane Doe et al. A tar-backed tool from the North Sea, Example Journal (2019). DOI: 10.1073/example", "citation"),
            ("Journal information: Example Journal of Sciences", "citation"),
            ("A student erasing answers from a test (smolaw11/iStock)", "photo caption"),
            ("Crowds gather in the square (Jane Doe/Example Times)", "photo caption"),
            ("Read: Two disasters are exponentially worse than one", "read more link"),
            ("MORE SIXERS", "related links"),
            ("i.redd.it/whs5mnaxwft31.jpg", "page furniture"),
            ("37 views", "page furniture"),
            ("We want to hear what you think about this article. Submit a letter to the editor or write to letters@example.com.", "call to action"),
            ("Follow us: Google News | Reddit | Instagram | Facebook", "social media prompt"),
            ("313-974-7441", "contact details"),
            ("Agencies", "wire credits"),
            ("(With inputs from agencies)", "wire credits"),
            ("Advertising disclosure: We may receive compensation for some of the links in our stories.", "disclaimer"),
            ("Jane C. Doe is an assistant professor of political science at Example University.", "author note"),
        ] {
            assert_eq!(removed(&format!("{body}\n\n{furniture}\n\n{body}")), [reason], "{furniture}");
        }
        // A caption keeps its words and loses its credit; a credit in brackets goes too.
        let raw = crate::read::RawDoc { body: format!("{body}\n\nThe mayor at a briefing on Monday. Photo: Jane Doe/AFP\n\nThe river rose (Credit: John Roe / Example) overnight."), ..Default::default() };
        let cleaned = crate::clean::Cleaner::new().clean(raw);
        assert!(cleaned.text.contains("The mayor at a briefing on Monday.") && !cleaned.text.contains("Jane Doe"), "{}", cleaned.text);
        assert!(cleaned.text.contains("The river rose overnight."), "{}", cleaned.text);
        // An author's note in the middle of the article is prose.
        let note = "Jane Doe is a senior writer for Example, covering artificial intelligence.";
        assert!(removed(&format!("{body}\n\n{note}\n\n{body}\n\n{body}\n\n{body}\n\n{body}")).is_empty());
        // Prose that looks like it stays.
        for prose in [
            "Users can download the app for free, the company said on Monday.",
            "Related charges were filed against two more officers, prosecutors said.",
            "When you join a union, you get a vote, the organiser said.",
            "Subscribers to the service rose 10% last year, the firm said.",
            "The photo: a man, a dog and a bridge, all in grey.",
            "May 10, 2022 was the day the bridge opened, the mayor said.",
            "Citation counts rose (Roe/Example) last year.",
            "The poll was run by two firms (YouGov/Economist).",
            "Readers: the council wants your views on the bridge by Monday.",
            "The agencies said they would respond on Monday.",
            "We want to hear more about the plan, the mayor said.",
            "More people came than expected, the mayor said.",
            "The photo.jpg file was leaked, police said.",
        ] {
            assert!(removed(&format!("{body}\n\n{prose}")).is_empty(), "{prose}: {:?}", removed(&format!("{body}\n\n{prose}")));
        }
    }

    #[test]
    fn every_rule_compiles_and_has_triggers() {
        for r in RULES {
            regex::Regex::new(r.pattern).unwrap_or_else(|e| panic!("{}: {e}", r.pattern));
            assert!(!r.triggers.is_empty(), "{}", r.pattern);
        }
    }
}
