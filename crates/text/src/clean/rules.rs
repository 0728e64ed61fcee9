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
        pattern: r"(?i)^.{0,60}\b(?:sign\s+up|subscribe|register)\b.{0,60}\b(?:newsletters?|inbox|e-?mail\s+(?:updates|alerts)|briefing|digest|mailing\s+list)\b.{0,100}$",
        at: At::Paragraph,
        triggers: &["newsletter", "inbox", "mail updates", "mail alerts", "briefing", "digest", "mailing list"],
        reason: "newsletter prompt",
    },
    Rule {
        pattern: r"(?i)^(?:(?:click|tap)\s+here\s+to\s+|please\s+)?(?:subscribe|sign\s+up|become\s+a\s+(?:member|subscriber|patron)|support\s+(?:our|independent|local)\s+journalism|download\s+(?:our|the)\s+(?:free\s+)?app|get\s+(?:our|the)\s+(?:free\s+)?(?:app|newsletter))\b.{0,200}$",
        at: At::Paragraph,
        triggers: &["^subscribe", "^sign up", "^become a", "^support", "^download", "^get ", "^click", "^tap", "^please"],
        reason: "subscription prompt",
    },
    Rule {
        pattern: r"(?i)^(?:(?:please\s+)?(?:read|see|click|tap|watch|listen)\s+(?:here\b|more|also|the\s+full|full|next|related)|continue\s+reading|keep\s+reading)\b.{0,160}$",
        at: At::Paragraph,
        triggers: &["^read", "^see ", "^click", "^tap ", "^watch", "^listen", "^continue", "^keep", "^please"],
        reason: "read more link",
    },
    Rule {
        pattern: r"(?i)^(?:related|more|also|recommended|trending|most\s+read|most\s+popular)(?:\s+(?:stories|articles|coverage|news|content|reading|links))?\s*:.{0,200}$",
        at: At::Paragraph,
        triggers: &["^related", "^more", "^also", "^recommended", "^trending", "^most "],
        reason: "related links",
    },
    Rule {
        pattern: r"(?i)^(?:©|\(c\)\s|copyright\b).{0,200}$|^.{0,160}\ball\s+rights\s+reserved\.?$",
        at: At::Line,
        triggers: &["©", "(c) ", "copyright", "all rights reserved"],
        reason: "copyright notice",
    },
    Rule {
        // "(Photo: ...)", "(AP Photo/Jane Doe)", "(Photo by X/Getty Images)", "(Image credit: ...)".
        pattern: r"(?i)\s?\((?:[A-Z]{2,8}\s+)?(?:photo|photograph|image|picture|file\s+photo|video)s?(?:\s+credit)?\s*(?::|by|/|credit)[^()\n]{1,120}\)",
        at: At::Inline,
        triggers: &["photo", "image", "picture", "video"],
        reason: "photo credit",
    },
    Rule {
        pattern: r"(?i)^(?:(?:photo|photograph|image|picture)s?(?:\s+credit)?\s*(?::|by)|credit\s*:)\s*.{1,150}$|^.{0,150}(?:/|\bvia\s|\s)getty\s+images\.?\)?$",
        at: At::Line,
        triggers: &["^photo", "^image", "^picture", "^credit", "getty"],
        reason: "photo credit",
    },
    Rule {
        pattern: r"(?i)(?:^|[.!?…]['’”]?\s+)(?P<cut>follow\s+(?:\S+\s+){1,6}?on\s+(?:twitter|x|facebook|instagram|threads|bluesky|linkedin|mastodon|tiktok|youtube)\b.{0,150})$",
        at: At::End,
        // With its space: "following" and "followed" are everywhere in news, and each
        // false trigger costs a reverse regex search over the paragraph's end.
        triggers: &["follow "],
        reason: "social media prompt",
    },
    Rule {
        pattern: r"(?i)^(?:share|tweet|e-?mail|print|facebook|twitter|whatsapp|linkedin|pinterest|reddit|copy\s+link|comments?)(?:\s+(?:this|the)\s+(?:article|story|post|page))?(?:\s*(?:on|via)\s+\w+)?(?:\s*[|/,·•]?\s*(?:share|tweet|e-?mail|print|facebook|twitter|whatsapp|linkedin|pinterest|reddit|copy\s+link|comments?|save))*\s*:?$",
        at: At::Paragraph,
        triggers: &["^share", "^tweet", "^e-mail", "^email", "^print", "^facebook", "^twitter", "^whatsapp", "^linkedin", "^pinterest", "^reddit", "^copy link", "^comment"],
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
        pattern: r"(?i)^(?:advertisement|advertising|sponsored(?:\s+content)?|story\s+continues\s+below(?:\s+advertisement)?|scroll\s+to\s+continue(?:\s+with\s+content)?|skip\s+advertisement|article\s+continues\s+below)$",
        at: At::Paragraph,
        triggers: &["^advert", "^sponsored", "^story continues", "^article continues", "^scroll to", "^skip"],
        reason: "advertisement",
    },
    Rule {
        pattern: r"(?i)^(?:got|have)\s+a\s+(?:news\s+)?tip\b.{0,200}$|^(?:contact|email|e-mail)\s+(?:the\s+)?(?:author|reporter|writer)s?\b.{0,160}$",
        at: At::Paragraph,
        triggers: &["^got a", "^have a", "^contact", "^email", "^e-mail"],
        reason: "call to action",
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
        // a site shows readers who block its ads, one paragraph at a time.
        pattern: r"(?i)^.{0,120}\b(?:you(?:'re|’re|\s+are|\s+seem\s+to\s+be)?\s+(?:using|running|have)\s+an?\s+ad\s?-?blocker|(?:disable|turn\s+off|pause)\s+(?:your\s+)?ad\s?-?blocker|whitelist(?:ing)?\s+(?:us\b|our\b|this\b|\S+\.(?:com|org|net|co\.uk|de)\b)|how\s+do\s+i\s+whitelist\b).{0,200}$",
        at: At::Paragraph,
        triggers: &["blocker", "whitelist"],
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
        let text = "The vote was close.\n\nfor-phone-onlyfor-tablet-portrait-upfor-desktop-up\n\nA well-known, long-standing man-of-the-people won.";
        assert_eq!(removed(text), ["page furniture"]);
        // Prose about ad blockers stays.
        for prose in ["Publishers say ad blockers cost them a fifth of their revenue, a study found.", "Many readers use ad blockers, the report said, and revenue fell."] {
            assert!(removed(&format!("The report came out.\n\n{prose}")).is_empty(), "{prose}");
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
