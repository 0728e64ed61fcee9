//! Cleaning a [`RawDoc`] into a [`Doc`]: Unicode NFC, `\n` line endings, runs of spaces
//! collapsed inside lines, paragraphs separated by one blank line; then boilerplate
//! ([`rules::RULES`]: syndication trailers, read-more links, newsletter prompts, copyright
//! lines, photo credits, social prompts, share buttons, wire credits) and a leading dateline
//! ([`dateline`]) are removed and listed in `Doc::removed` with a reason. Characters are
//! otherwise kept: every later offset refers to the cleaned text. Sentence splitting is not
//! done here.
//!
//! ```
//! use newsgraph_text::clean::Cleaner;
//! use newsgraph_text::read::RawDoc;
//! let cleaner = Cleaner::new();
//! let raw = RawDoc { body: "MOSCOW — Talks   resumed.\r\n\r\nThis post appeared first on Example News.".into(), ..Default::default() };
//! let doc = cleaner.clean(raw);
//! assert_eq!(doc.text, "Talks resumed.");
//! assert_eq!(doc.meta.dateline_place.as_deref(), Some("MOSCOW"));
//! assert_eq!(doc.removed.len(), 2);
//! ```

pub mod dateline;
pub mod rules;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use newsgraph_core::{Doc, Removed};
use std::borrow::Cow;

use regex::Regex;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use crate::read::RawDoc;
use crate::swar::{bytes_below, load, HIGH, LANES};
use rules::{At, READ_MORE, RULES};

/// Paragraphs up to this many bytes are scanned whole for trigger words.
const SHORT: usize = 320;
/// Bytes at the end of a long paragraph where end rules' trigger words must be.
const TAIL: usize = 320;
/// Lines longer than this are not boilerplate lines.
const SHORT_LINE: usize = 300;
/// Bytes at the start of a paragraph or line where start-of-text triggers are looked for.
const HEAD: usize = 24;
/// Bytes after an opening parenthesis where an inline credit's trigger word must be.
const WINDOW: usize = 40;
/// Tail rules apply to this many last paragraphs (counted before any is removed).
const TAIL_PARAGRAPHS: usize = 4;
/// Headlines a "Related" heading may list below it.
const MAX_LINKS: usize = 5;

/// The largest char boundary of `s` at or below `i`.
fn floor(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Cleans documents; build once and share (it is `Send + Sync`).
#[derive(Debug)]
pub struct Cleaner {
    /// Rule bits by [`At`] variant.
    masks: [u64; 6],
    /// Trigger words that may occur anywhere.
    triggers: AhoCorasick,
    /// Rule index of each trigger pattern.
    trigger_rule: Vec<usize>,
    /// Trigger words that must occur at the start of a paragraph or line.
    head_triggers: AhoCorasick,
    head_rule: Vec<usize>,
    regexes: Vec<Regex>,
    /// Index of the "Read more" rule, whose line makes the short line before it a link.
    read_more: usize,
    /// Index of the photo-credit line rule, whose line makes a caption of the line before.
    photo_credit: usize,
    datelines: dateline::Datelines,
}

impl Default for Cleaner {
    fn default() -> Self {
        Self::new()
    }
}

/// Normalise characters and spacing: NFC, `\n` line endings, no control characters but
/// tab and newline, tabs and runs of spaces collapsed to one space, lines trimmed, blank
/// lines collapsed into one paragraph break.
pub fn normalize(text: &str) -> String {
    let (spaced, unchecked) = spacing(text);
    if !unchecked || is_nfc(&spaced) {
        return spaced;
    }
    // NFC never composes across a line break, so only the lines that need it are
    // normalised: a stray combining mark should not cost a pass over the whole document.
    let mut nfc = String::with_capacity(spaced.len() + 16);
    for line in spaced.split_inclusive('\n') {
        if is_nfc(line) {
            nfc.push_str(line);
        } else {
            nfc.extend(line.nfc());
        }
    }
    nfc
}

/// NFC quick check on the characters that can matter: everything below U+0300 is stable
/// under NFC, so ASCII and Latin-1 text is checked without decoding most of it. Skipping
/// characters can only turn a "yes" into a "maybe", which costs a normalisation, never a
/// wrong result.
fn is_nfc(text: &str) -> bool {
    if text.is_ascii() {
        return true;
    }
    let bytes = text.as_bytes();
    let mut i = 0;
    let chars = std::iter::from_fn(|| {
        while i < bytes.len() {
            let b = bytes[i];
            // U+2002..U+203F (E2 80 82..BF: spaces, dashes, curly quotes, ellipsis) are
            // stable under NFC and frequent in news: skipped without decoding.
            if b == 0xE2 && bytes.get(i + 1) == Some(&0x80) && bytes.get(i + 2).is_some_and(|&c| c >= 0x82) {
                i += 3;
                continue;
            }
            if b >= 0xCC && b & 0xC0 == 0xC0 {
                let c = text[i..].chars().next()?;
                i += c.len_utf8();
                return Some(c);
            }
            i += 1;
        }
        None
    });
    is_nfc_quick(chars) == IsNormalized::Yes
}

/// Before text is appended: write the pending paragraph break, line break or space (none at
/// the start) and clear them.
#[inline]
fn separate(out: &mut String, pending_break: &mut u32, pending_space: &mut bool) {
    if !out.is_empty() {
        if *pending_break >= 2 {
            out.push_str("\n\n");
        } else if *pending_break == 1 {
            out.push('\n');
        } else if *pending_space {
            out.push(' ');
        }
    }
    *pending_break = 0;
    *pending_space = false;
}

/// Are `bytes[i..i + 8]` ordinary for [`spacing`]: printable ASCII, and every space followed
/// by a byte above 0x20 (not another space, a tab, a line break or a control)? Needs
/// `i + 9 <= bytes.len()`. Eight bytes per test instead of one: this pass sees every byte
/// of every document.
#[inline]
fn plain_ascii8(bytes: &[u8], i: usize) -> bool {
    let (x, next) = (load(bytes, i), load(bytes, i + 1));
    let unusual = bytes_below(x, 0x20) | (!bytes_below(x, 0x7f) & HIGH);
    let spaces = bytes_below(x ^ (LANES * 0x20), 1);
    unusual | (spaces & bytes_below(next, 0x21)) == 0
}

/// The spacing part of [`normalize`]; also says whether the text has characters that
/// `is_nfc` must check (NFC is applied after spacing: spacing only drops and collapses
/// characters that canonical decomposition never produces).
fn spacing(text: &str) -> (String, bool) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut unchecked = false;
    let mut out = String::with_capacity(n);
    let mut pending_break = 0u32; // line breaks since the last text
    let mut pending_space = false;
    let mut i = 0;
    while i < n {
        // Leading spaces of a line (or of the text) are dropped.
        if out.is_empty() || pending_break > 0 {
            while i < n && (bytes[i] == b' ' || bytes[i] == b'\t') {
                i += 1;
            }
            if i == n {
                break;
            }
        }
        // A run of ordinary bytes; a single space followed by text is ordinary, and so are
        // non-ASCII characters other than the few handled below (checked on their bytes,
        // without decoding).
        let start = i;
        while i < n {
            if i + 9 <= n && plain_ascii8(bytes, i) {
                i += 8;
                continue;
            }
            let b = bytes[i];
            if (0x20..0x7f).contains(&b) {
                if b == b' ' && (i + 1 == n || matches!(bytes[i + 1], b' ' | b'\t' | b'\n' | b'\r')) {
                    break;
                }
                i += 1;
                continue;
            }
            if b >= 0x80 {
                // A character at or above U+0300 may not be NFC (see `is_nfc`).
                unchecked |= b >= 0xCC && !(b == 0xE2 && bytes.get(i + 1) == Some(&0x80) && bytes.get(i + 2).is_some_and(|&c| c >= 0x82));
                let special = match b {
                    0xC2 => bytes.get(i + 1).is_some_and(|&c| (0x80..=0x9F).contains(&c) || c == 0xAD),
                    0xE2 => bytes.get(i + 1) == Some(&0x80) && matches!(bytes.get(i + 2), Some(0x8B | 0xA8 | 0xA9)),
                    0xEF => bytes.get(i + 1) == Some(&0xBB) && bytes.get(i + 2) == Some(&0xBF),
                    _ => false,
                };
                if special {
                    break;
                }
                i += 1;
                continue;
            }
            break;
        }
        if i > start {
            separate(&mut out, &mut pending_break, &mut pending_space);
            out.push_str(&text[start..i]);
            continue;
        }
        let b = bytes[i];
        match b {
            b' ' | b'\t' => {
                pending_space = true;
                while i < n && (bytes[i] == b' ' || bytes[i] == b'\t') {
                    i += 1;
                }
            }
            b'\n' | 0x0b | 0x0c => {
                pending_break += 1;
                pending_space = false;
                i += 1;
            }
            b'\r' => {
                pending_break += 1;
                pending_space = false;
                i += if bytes.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
            }
            0xC2 | 0xE2 | 0xEF => {
                let Some(c) = text[i..].chars().next() else { break };
                let len = c.len_utf8();
                match c {
                    '\u{2028}' | '\u{85}' => {
                        pending_break += 1;
                        pending_space = false;
                    }
                    '\u{2029}' => {
                        pending_break += 2;
                        pending_space = false;
                    }
                    // Invisible characters that only get in the way of matching and tokenising.
                    '\u{feff}' | '\u{200b}' | '\u{ad}' => {}
                    c if c.is_control() => {}
                    c => {
                        separate(&mut out, &mut pending_break, &mut pending_space);
                        out.push(c);
                    }
                }
                i += len;
            }
            // Other control characters.
            _ => i += 1,
        }
    }
    (out, unchecked)
}

/// One line of `words` words that ends no sentence: no final full stop, question or
/// exclamation mark, colon, semicolon or comma (closing quotes aside). Headlines are such
/// lines of 2–20 words, pictures' captions often of 3–50; body paragraphs end sentences.
fn unfinished_line(p: &str, words: std::ops::RangeInclusive<usize>) -> bool {
    let p = p.trim();
    let last = p.trim_end_matches(['\'', '’', '"', '”', ')']).chars().last();
    words.contains(&p.split_whitespace().count()) && !p.contains('\n') && !matches!(last, Some('.' | '!' | '?' | '…' | ':' | ';' | ','))
}

impl Cleaner {
    /// Compile the rule table and dateline patterns.
    pub fn new() -> Self {
        let (mut pats, mut trigger_rule, mut head, mut head_rule) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for (i, r) in RULES.iter().enumerate() {
            for t in r.triggers {
                match t.strip_prefix('^') {
                    Some(h) => {
                        head.push(h);
                        head_rule.push(i);
                    }
                    None => {
                        pats.push(*t);
                        trigger_rule.push(i);
                    }
                }
            }
        }
        let build = |pats: &[&str]| {
            AhoCorasickBuilder::new()
                .kind(Some(AhoCorasickKind::DFA))
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .build(pats)
                .expect("the trigger words build an automaton")
        };
        let triggers = build(&pats);
        let head_triggers = build(&head);
        let regexes = RULES
            .iter()
            .map(|r| {
                let p = match r.at {
                    At::Paragraph | At::Lead | At::Tail => format!(r"\A(?:{})\z", r.pattern),
                    At::Line => format!(r"(?m)^(?:{})$", r.pattern),
                    At::End => format!(r"(?:{})\z", r.pattern),
                    At::Inline => r.pattern.to_string(),
                };
                // ASCII word boundaries keep the fast lazy DFA usable on non-ASCII text.
                let p = p.replace(r"\b", r"(?-u:\b)");
                Regex::new(&p).expect("the boilerplate rules are valid regular expressions")
            })
            .collect();
        let mut masks = [0u64; 6];
        for (i, r) in RULES.iter().enumerate() {
            masks[r.at as usize] |= 1 << i;
        }
        assert!(RULES.len() <= 64, "the candidate set is a u64");
        let read_more = RULES.iter().position(|r| r.reason == READ_MORE).expect("the table has a read-more rule");
        let photo_credit = RULES.iter().position(|r| r.reason == "photo credit" && r.at == At::Line).expect("the table has a photo-credit line rule");
        Cleaner { masks, triggers, trigger_rule, head_triggers, head_rule, regexes, read_more, photo_credit, datelines: dateline::Datelines::new() }
    }

    /// Rules whose trigger words occur in `text`, as a bit set.
    fn scan(&self, text: &str) -> u64 {
        let mut set = 0u64;
        // Overlapping: one rule's trigger may hold another's ("photo" and "photo:").
        for m in self.triggers.find_overlapping_iter(text) {
            set |= 1 << self.trigger_rule[m.pattern().as_usize()];
        }
        set
    }

    /// Rules whose start-of-text trigger words open `text`.
    fn scan_head(&self, text: &str) -> u64 {
        let head = &text[..floor(text, text.len().min(HEAD))];
        let mut set = 0u64;
        for m in self.head_triggers.find_overlapping_iter(head) {
            if m.start() == 0 {
                set |= 1 << self.head_rule[m.pattern().as_usize()];
            }
        }
        set
    }

    /// Rules worth trying on `para`, as a bit set. Short paragraphs are scanned whole; in a
    /// long one only the places where a rule can match are scanned: the tail (end rules),
    /// short lines (line rules) and the start of each parenthesis (inline credits). Whole-
    /// paragraph rules cannot match long paragraphs (their patterns are length-bounded).
    fn candidates(&self, para: &str, near_end: bool) -> u64 {
        let mut set = self.scan_head(para);
        let multiline = para.contains('\n');
        if multiline {
            for line in para.split('\n').skip(1) {
                set |= self.scan_head(line) & self.masks[At::Line as usize];
            }
        }
        if para.len() <= SHORT {
            return set | self.scan(para);
        }
        set &= !(self.masks[At::Paragraph as usize] | self.masks[At::Lead as usize] | self.masks[At::Tail as usize]);
        if near_end {
            // Tail rules read whole paragraphs of any length, but only the last few.
            set |= self.scan(para) & self.masks[At::Tail as usize];
        }
        set |= self.scan(&para[floor(para, para.len() - TAIL)..]) & self.masks[At::End as usize];
        if multiline {
            for line in para.split('\n').filter(|l| l.len() <= SHORT_LINE) {
                set |= self.scan(line) & self.masks[At::Line as usize];
            }
        }
        for pos in memchr::memchr_iter(b'(', para.as_bytes()) {
            let end = floor(para, (pos + WINDOW).min(para.len()));
            set |= self.scan(&para[pos..end]) & self.masks[At::Inline as usize];
        }
        set
    }

    /// Apply the rules to one paragraph; returns what is left of it.
    fn clean_paragraph<'p>(&self, para: &'p str, index: usize, from_end: usize, removed: &mut Vec<Removed>, byline: &mut Option<String>) -> Cow<'p, str> {
        let set = self.candidates(para, from_end < TAIL_PARAGRAPHS);
        if set == 0 {
            return Cow::Borrowed(para);
        }
        let mut p = para.to_string();
        for (i, rule) in RULES.iter().enumerate() {
            if set & (1 << i) == 0 || p.is_empty() {
                continue;
            }
            let re = &self.regexes[i];
            let push = |removed: &mut Vec<Removed>, text: &str| {
                removed.push(Removed { text: text.trim().to_string(), reason: rule.reason.to_string() })
            };
            match rule.at {
                At::Paragraph | At::Lead | At::Tail => {
                    if rule.at == At::Lead && index >= 3 || rule.at == At::Tail && from_end >= TAIL_PARAGRAPHS {
                        continue;
                    }
                    if re.is_match(&p) {
                        if rule.reason == "byline" && byline.is_none() {
                            *byline = Some(p[2..].trim().to_string());
                        }
                        push(removed, &p);
                        p.clear();
                    }
                }
                At::End => {
                    // The lazy DFA answers most paragraphs; captures only on a match.
                    if !re.is_match(&p) {
                        continue;
                    }
                    if let Some(c) = re.captures(&p) {
                        let m = c.name("cut").or_else(|| c.get(0)).expect("group 0 always exists");
                        push(removed, m.as_str());
                        p.truncate(m.start());
                        p.truncate(p.trim_end().len());
                    }
                }
                At::Line => {
                    if re.is_match(&p) {
                        let mut kept = String::with_capacity(p.len());
                        for line in p.split('\n') {
                            // Line patterns are anchored with (?m); test the line alone.
                            if re.is_match(line) {
                                push(removed, line);
                            } else {
                                if !kept.is_empty() {
                                    kept.push('\n');
                                }
                                kept.push_str(line);
                            }
                        }
                        p = kept;
                    }
                }
                At::Inline => {
                    if re.is_match(&p) {
                        let mut kept = String::with_capacity(p.len());
                        let mut last = 0;
                        for m in re.find_iter(&p) {
                            push(removed, m.as_str());
                            kept.push_str(&p[last..m.start()]);
                            last = m.end();
                        }
                        kept.push_str(&p[last..]);
                        p = kept.trim().to_string();
                    }
                }
            }
        }
        if p == para {
            Cow::Borrowed(para)
        } else {
            Cow::Owned(p)
        }
    }

    /// Clean a document read from input.
    pub fn clean(&self, raw: RawDoc) -> Doc {
        let RawDoc { mut meta, body } = raw;
        let text = normalize(&body);
        let mut removed = Vec::new();
        let mut out = String::with_capacity(text.len());
        let mut byline = meta.byline.clone();
        let mut index = 0;
        let paragraphs: Vec<&str> = text.split("\n\n").collect();
        let count = paragraphs.len();
        // Paragraphs after a "Related" heading that may still be its links.
        let mut links_left = 0;
        for (at, &para) in paragraphs.iter().enumerate() {
            let mut para = para;
            if index == 0 {
                // The headline repeated as the first paragraph (HTML pages, some feeds).
                if meta.title.as_deref().is_some_and(|t| normalize(t) == para) {
                    removed.push(Removed { text: para.to_string(), reason: "title".into() });
                    continue;
                }
                if meta.dateline_place.is_none() && meta.dateline_agency.is_none() {
                    if let Some(d) = self.datelines.find(para) {
                        removed.push(Removed { text: para[..d.len].trim().to_string(), reason: "dateline".into() });
                        meta.dateline_place = d.place;
                        meta.dateline_agency = d.agency;
                        para = &para[d.len..];
                    }
                }
            }
            let before = removed.len();
            let kept = self.clean_paragraph(para, index, count - 1 - at, &mut removed, &mut byline);
            if kept.is_empty() {
                // "Related", "Explore further": the headlines listed under such a heading,
                // each set apart and ending no sentence, are links too.
                let heading = removed.len() == before + 1 && removed[before].reason == "related links";
                links_left = if heading { MAX_LINKS } else { 0 };
                continue;
            }
            if links_left > 0 && unfinished_line(&kept, 2..=20) {
                removed.push(Removed { text: kept.trim().to_string(), reason: "related links".into() });
                links_left -= 1;
                continue;
            }
            links_left = 0;
            // "Third of staff 'have experienced bullying'" then "Read more": the headline of
            // a linked article, set apart like a paragraph.
            if unfinished_line(&kept, 2..=20) && paragraphs.get(at + 1).is_some_and(|next| self.regexes[self.read_more].is_match(next.trim())) {
                removed.push(Removed { text: kept.trim().to_string(), reason: "related links".into() });
                continue;
            }
            // "Children are treated at a hospital in Gaza" then "Photo: Jane Roe/Getty
            // Images": a caption, which ends no sentence, above its picture's credit.
            if unfinished_line(&kept, 3..=50) && paragraphs.get(at + 1).is_some_and(|next| self.regexes[self.photo_credit].is_match(next.trim())) {
                removed.push(Removed { text: kept.trim().to_string(), reason: "photo caption".into() });
                continue;
            }
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(&kept);
            index += 1;
        }
        meta.byline = byline;
        let mut doc = Doc::new(meta, out);
        doc.removed = removed;
        doc
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsgraph_core::Meta;

    fn clean(body: &str) -> Doc {
        Cleaner::new().clean(RawDoc { meta: Meta::default(), body: body.to_string() })
    }

    fn reasons(d: &Doc) -> Vec<(&str, &str)> {
        d.removed.iter().map(|r| (r.text.as_str(), r.reason.as_str())).collect()
    }

    #[test]
    fn normalisation() {
        assert_eq!(normalize("  A  b\t\tc \r\n\r\n\r\n d\re\u{feff}"), "A b c\n\nd\ne");
        // NFC: e + combining acute becomes é.
        assert_eq!(normalize("Cafe\u{301}"), "Caf\u{e9}");
        assert_eq!(normalize(" \u{2019}Tis  the\u{a0}end \n  \u{2028}x\u{85}y\u{ad}z\u{1}"), "\u{2019}Tis the\u{a0}end\n\nx\nyz");
    }

    #[test]
    fn eight_byte_test_agrees_with_the_byte_rule() {
        let ordinary = |b: &[u8], j: usize| (0x20..0x7f).contains(&b[j]) && !(b[j] == b' ' && b[j + 1] <= 0x20);
        let samples: [&[u8]; 6] = [b"The cat sat on it!", b"two  spaces here..", b"tab\there and more", b"line\nbreak today..", b"caf\xc3\xa9 au lait ok", b"end of it \n\nnext.."];
        for s in samples {
            for i in 0..s.len() - 9 {
                assert_eq!(plain_ascii8(s, i), (i..i + 8).all(|j| ordinary(s, j)), "{:?} at {i}", std::str::from_utf8(s));
            }
        }
        for b in 0..=255u8 {
            let mut s = *b"abcdefghijk";
            s[3] = b;
            assert_eq!(plain_ascii8(&s, 0), (0x20..0x7f).contains(&b), "byte {b:#x}");
            s[3] = b' ';
            s[4] = b;
            assert_eq!(plain_ascii8(&s, 0), (0x21..0x7f).contains(&b), "space then {b:#x}");
        }
    }

    #[test]
    fn line_by_line_nfc_equals_whole_text_nfc() {
        let text = "A\u{2019}s cafe\u{301}\nplain line \u{201c}q\u{201d}\n\nn\u{303}o\u{308} and \u{212b}\n\u{301}leading mark\n";
        assert_eq!(normalize(text), spacing(&text.nfc().collect::<String>()).0);
    }

    #[test]
    fn skipped_punctuation_block_is_nfc_stable() {
        // is_nfc skips U+2002..U+203F without decoding; that is only sound if each is stable.
        for c in '\u{2002}'..='\u{203f}' {
            assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "{:04X}", c as u32);
        }
        // U+2000 and U+2001 are not (they decompose to U+2002 and U+2003), and are checked.
        assert!(!is_nfc("a\u{2000}b"));
    }

    #[test]
    fn seed_style_trailer_without_outlet() {
        let d = clean("Troops moved north.\n\nThis post appeared first on");
        assert_eq!(d.text, "Troops moved north.");
        assert_eq!(reasons(&d), vec![("This post appeared first on", "syndication trailer")]);
    }

    #[test]
    fn trailers_with_outlets_and_inline() {
        let d = clean("The vote passed 7-2. This article originally appeared on The Valley Ledger.");
        assert_eq!(d.text, "The vote passed 7-2.");
        assert_eq!(d.removed[0].text, "This article originally appeared on The Valley Ledger.");
        let d = clean("Floods eased.\n\nThe post Floods ease in the north appeared first on River Times.");
        assert_eq!(d.text, "Floods eased.");
        // Ordinary sentences about publishing stay.
        let d = clean("The study was published in a journal last week.");
        assert!(d.removed.is_empty());
        let d = clean("The report appeared to contradict the minister.");
        assert_eq!(d.text, "The report appeared to contradict the minister.");
    }

    #[test]
    fn prompts_credits_and_notices() {
        let body = "The mayor (Photo: Jane Roe/City Desk) opened the bridge.\n\n\
            READ MORE: Bridge closures across the county\n\n\
            Sign up for our free morning newsletter to get the news in your inbox.\n\n\
            Click here to subscribe\n\n\
            Photo by Sam Poe/Getty Images\n\n\
            Share this article\n\n\
            Traffic will resume on Monday. Follow Jane Roe on Twitter @janeroe.\n\n\
            Reporting by Jane Roe; Editing by Tom Poe\n\n\
            © 2023 City Desk Media. All rights reserved.";
        let d = clean(body);
        assert_eq!(d.text, "The mayor opened the bridge.\n\nTraffic will resume on Monday.");
        let rs: Vec<&str> = d.removed.iter().map(|r| r.reason.as_str()).collect();
        assert_eq!(
            rs,
            vec![
                "photo credit",
                "read more link",
                "newsletter prompt",
                "subscription prompt",
                "photo credit",
                "share buttons",
                "social media prompt",
                "wire credits",
                "copyright notice"
            ]
        );
    }

    #[test]
    fn corrections_bracketed_credits_newsletters_and_captions_go() {
        let body = "The mayor opened the bridge. (Jane Doe/City Desk)\n\n\
            (Jane Doe/City Desk)\n\n\
            Children wait at the new crossing in Springfield\n\n\
            Photo: Sam Poe/Getty Images\n\n\
            Traffic will resume on Monday.\n\n\
            Join Our Newsletter\n\n\
            Inside politics newsletter\n\n\
            The latest news on politics direct to your inbox every weekday\n\n\
            UK news in pictures\n\n\
            Spread the news:\n\n\
            Report a correction or typo";
        let d = clean(body);
        assert_eq!(d.text, "The mayor opened the bridge.\n\nTraffic will resume on Monday.");
        let rs: Vec<&str> = d.removed.iter().map(|r| r.reason.as_str()).collect();
        assert_eq!(rs, vec!["photo credit", "photo credit", "photo caption", "photo credit", "newsletter prompt", "newsletter prompt", "newsletter prompt", "media link", "share buttons", "call to action"]);
        // A sentence before a credit is prose, and brackets without a slash are not a credit.
        let kept = "The mayor opened the bridge on Monday.\n\nPhoto: Sam Poe/Getty Images\n\n(Jane Doe)";
        assert_eq!(clean(kept).text, "The mayor opened the bridge on Monday.\n\n(Jane Doe)");
    }

    #[test]
    fn dateline_becomes_metadata() {
        let d = clean("WASHINGTON (AP) — The Senate passed the bill.\n\nIt now goes to the House.");
        assert_eq!(d.text, "The Senate passed the bill.\n\nIt now goes to the House.");
        assert_eq!(d.meta.dateline_place.as_deref(), Some("WASHINGTON"));
        assert_eq!(d.meta.dateline_agency.as_deref(), Some("AP"));
        assert_eq!(reasons(&d), vec![("WASHINGTON (AP) —", "dateline")]);
        // Only at the start of the body.
        let d = clean("Talks went on.\n\nMOSCOW — Officials said more.");
        assert!(d.meta.dateline_place.is_none());
    }

    #[test]
    fn byline_and_repeated_title() {
        let raw = RawDoc {
            meta: Meta { title: Some("Port strike ends".into()), ..Meta::default() },
            body: "Port strike ends\n\nBy Ana Ruiz and Tom Lee\n\nDockers returned to work.".into(),
        };
        let d = Cleaner::new().clean(raw);
        assert_eq!(d.text, "Dockers returned to work.");
        assert_eq!(d.meta.byline.as_deref(), Some("Ana Ruiz and Tom Lee"));
        // "By" opening a normal sentence is not a byline.
        let d = clean("By Monday, the river had risen two metres.");
        assert!(d.removed.is_empty());
    }

    #[test]
    fn cleaner_is_send_sync() {
        fn check<T: Send + Sync>() {}
        check::<Cleaner>();
    }
}

/// Throughput and removals on the PolNeAR texts (`$NEWSGRAPH_DATA/polnear/*/text/*.txt`):
/// `cargo test --release -p newsgraph-text clean_throughput -- --ignored --nocapture`.
/// Prints MB/s of reading + cleaning and every removal, so that false positives show.
#[cfg(test)]
mod throughput {
    #[test]
    #[ignore]
    fn clean_throughput() {
        let root = std::env::var("NEWSGRAPH_DATA").unwrap_or_else(|_| "../../../shared/data".into());
        let mut files = Vec::new();
        for split in ["train", "dev"] {
            let dir = std::path::Path::new(&root).join("polnear").join(split).join("text");
            let Ok(rd) = std::fs::read_dir(&dir) else { continue };
            files.extend(rd.filter_map(|e| e.ok().map(|e| e.path())));
        }
        files.sort();
        assert!(!files.is_empty(), "no PolNeAR texts under {root}");
        let texts: Vec<Vec<u8>> = files.iter().map(|f| std::fs::read(f).unwrap()).collect();
        let bytes: usize = texts.iter().map(Vec::len).sum();
        let cleaner = super::Cleaner::new();
        let opts = crate::read::ReadOptions::default();
        let mut removed = Vec::new();
        let rounds = 7;
        // CPU time of this thread (Linux), so that a busy machine does not skew the figure.
        let cpu_ns = || -> Option<u64> {
            std::fs::read_to_string("/proc/thread-self/schedstat").ok()?.split_whitespace().next()?.parse().ok()
        };
        let mut best_cpu = f64::MAX;
        let mut best_wall = f64::MAX;
        for round in 0..rounds {
            let c0 = cpu_ns();
            let t0 = std::time::Instant::now();
            for (f, t) in files.iter().zip(&texts) {
                for raw in crate::read::read_bytes(t, "x.txt", Some(crate::read::Format::Text), &opts) {
                    let doc = cleaner.clean(raw.unwrap());
                    if round == 0 {
                        for r in doc.removed {
                            removed.push((f.file_name().unwrap().to_string_lossy().into_owned(), r));
                        }
                    }
                }
            }
            let wall = t0.elapsed().as_secs_f64();
            let cpu = match (c0, cpu_ns()) {
                (Some(a), Some(b)) => (b - a) as f64 / 1e9,
                _ => wall,
            };
            best_cpu = best_cpu.min(cpu);
            best_wall = best_wall.min(wall);
        }
        for (f, r) in &removed {
            eprintln!("{f}\t{}\t{}", r.reason, r.text);
        }
        eprintln!(
            "{} files, {:.1} MB, read+clean {:.1} MB/s of CPU time ({:.1} MB/s wall clock), best of {rounds}, {} removals",
            files.len(),
            bytes as f64 / 1e6,
            bytes as f64 / 1e6 / best_cpu,
            bytes as f64 / 1e6 / best_wall,
            removed.len()
        );
    }
}
