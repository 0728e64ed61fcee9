//! Word tokenisation in the UD/PTB style of the training treebanks: punctuation split off,
//! clitics split ('s n't 're), hyphens split except after common prefixes, numbers, URLs,
//! e-mail addresses, hashtags and abbreviations kept whole. It only finds token boundaries
//! (byte spans); sentences are decided in `sentences.rs`.
//!
//! Hand-written because no maintained crate tokenises English by these conventions with
//! offsets; it works one whitespace-delimited chunk at a time and allocates nothing per token
//! beyond pushing into the caller's vector.

use newsgraph_core::Span;

use crate::swar::{bytes_below, load, HIGH, LANES};

use super::lexicon::{ABBREVIATIONS, CLITICS, FUSED, HYPHEN_PREFIXES, SLASH_WORDS};

/// Append the tokens of `text` to `out`.
pub fn tokenize(text: &str, out: &mut Vec<Span>) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut i = 0;
    while i < n {
        match BYTE_CLASS[bytes[i] as usize] {
            SPACE => {
                i += 1;
                continue;
            }
            MULTI => {
                let c = char_at(text, i);
                if c.is_whitespace() {
                    i += c.len_utf8();
                    continue;
                }
            }
            _ => {}
        }
        let start = i;
        // A run of ASCII letters and digits, in a loop with one well-predicted branch: most
        // chunks are exactly that, or that and one mark.
        i = word_run_end(bytes, i);
        let word_end = i;
        // The rest of the chunk, up to whitespace.
        while i < n {
            match BYTE_CLASS[bytes[i] as usize] {
                SPACE => break,
                MULTI => {
                    let c = char_at(text, i);
                    if c.is_whitespace() {
                        break;
                    }
                    i += c.len_utf8();
                }
                _ => i += 1,
            }
        }
        if word_end == i && !is_fused(&text[start..i]) {
            // The common case: a bare ASCII word or number.
            out.push(Span::new(start, i));
        } else if word_end + 1 == i && word_end > start && !is_fused(&text[start..word_end]) && ends_simply(text, start, i) {
            // The next most common: a bare word and one ASCII mark ("said," "Moscow.").
            out.push(Span::new(start, word_end));
            out.push(Span::new(word_end, i));
        } else {
            chunk(text, start, i, out);
        }
    }
}

const OTHER: u8 = 0;
const SPACE: u8 = 1;
const WORD: u8 = 2;
/// A byte of a multi-byte character: the character decides.
const MULTI: u8 = 3;

/// The end of the run of ASCII letters and digits starting at `i`. Eight bytes per step
/// (SWAR): a per-byte loop mispredicts its exit on nearly every word, and this loop runs
/// over every byte of every document.
#[inline]
fn word_run_end(bytes: &[u8], mut i: usize) -> usize {
    while i + 8 <= bytes.len() {
        let x = load(bytes, i);
        let folded = x | (LANES * 0x20);
        let digit = bytes_below(x, b'9' + 1) & !bytes_below(x, b'0');
        let letter = bytes_below(folded, b'z' + 1) & !bytes_below(folded, b'a') & !x;
        let other = !(digit | letter) & HIGH;
        if other != 0 {
            return i + (other.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < bytes.len() && BYTE_CLASS[bytes[i] as usize] == WORD {
        i += 1;
    }
    i
}

/// Byte classes, so the scanning loops make one lookup per byte.
static BYTE_CLASS: [u8; 256] = {
    let mut t = [MULTI; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_whitespace() { SPACE } else if c.is_ascii_alphanumeric() { WORD } else { OTHER };
        b += 1;
    }
    t
};

/// Does the chunk `text[start..end]` (a bare word and one final ASCII mark) split simply into
/// the word and the mark? True for , ; : ! ? and ) and for a period that is not part of an
/// abbreviation or initial.
fn ends_simply(text: &str, start: usize, end: usize) -> bool {
    match text.as_bytes()[end - 1] {
        b',' | b';' | b':' | b'!' | b'?' | b')' => true,
        b'.' => !is_abbreviation(&text[start..end]),
        _ => false,
    }
}

fn is_fused(word: &str) -> bool {
    word.len() >= 5 && word.len() <= 6 && FUSED.iter().any(|(f, _)| word.eq_ignore_ascii_case(f))
}

#[inline]
fn char_at(text: &str, i: usize) -> char {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        b as char
    } else {
        text[i..].chars().next().unwrap_or(' ')
    }
}

fn last_char(s: &str) -> Option<char> {
    s.chars().next_back()
}

fn is_dash(c: char) -> bool {
    matches!(c, '—' | '–' | '―' | '‒')
}

fn is_opening(c: char) -> bool {
    matches!(c, '(' | '[' | '{' | '"' | '“' | '‘' | '\'' | '«' | '‹' | '„' | '¿' | '¡' | '`' | '*' | '<')
        || is_dash(c)
}

fn is_closing(c: char) -> bool {
    matches!(
        c,
        ')' | ']' | '}' | '"' | '”' | '’' | '\'' | '»' | '›' | ',' | ';' | ':' | '!' | '?' | '%' | '…' | '*' | '>'
    ) || is_dash(c)
}

fn is_currency(c: char) -> bool {
    matches!(c, '$' | '£' | '€' | '¥' | '₽' | '₹')
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Emoticons kept whole.
const EMOTICONS: &[&str] = &[":)", ":-)", ":(", ":-(", ";)", ";-)", ":D", ":-D", ":P", ":-P", ":/", "<3", ":'("];

/// A URL, e-mail address, hashtag or @handle: kept whole.
fn is_url_like(s: &str) -> bool {
    // Every form below has a ':', '@', '#' or starts with "www.": rule the rest out at once.
    if memchr::memchr3(b':', b'@', b'#', s.as_bytes()).is_none() && !s.as_bytes().first().is_some_and(|b| *b == b'w' || *b == b'W') {
        return false;
    }
    let lower_starts = |p: &str| s.len() >= p.len() && s.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes());
    if lower_starts("http://") || lower_starts("https://") || lower_starts("www.") || lower_starts("ftp://") {
        return true;
    }
    let b = s.as_bytes();
    if b.is_empty() {
        return false;
    }
    if (b[0] == b'#' || b[0] == b'@') && b.len() > 1 && (b[1] as char).is_ascii_alphabetic() {
        return true;
    }
    if let Some(at) = s.find('@') {
        let (user, host) = (&s[..at], &s[at + 1..]);
        return !user.is_empty()
            && host.contains('.')
            && user.bytes().all(|c| c.is_ascii_alphanumeric() || b"._%+-".contains(&c))
            && host.trim_end_matches(|c: char| !c.is_alphanumeric()).bytes().all(|c| c.is_ascii_alphanumeric() || c == b'.' || c == b'-');
    }
    false
}

/// The abbreviation list as a set, built once: it is consulted for every word that ends
/// in a period.
static ABBREVIATION_SET: std::sync::LazyLock<std::collections::HashSet<&'static str>> =
    std::sync::LazyLock::new(|| ABBREVIATIONS.iter().copied().collect());

/// Does `word` (ending in a period) keep its period as an abbreviation?
pub fn is_abbreviation(word: &str) -> bool {
    if ABBREVIATION_SET.contains(word) {
        return true;
    }
    let stem = &word[..word.len() - 1];
    let mut chars = stem.chars();
    // An initial: "K."
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return c.is_alphabetic();
    }
    // A dotted acronym: "U.S.", "D.C.", "p.m.": letters each followed by a period.
    let b = word.as_bytes();
    b.len() >= 4 && b.chunks(2).all(|p| p.len() == 2 && p[0].is_ascii_alphabetic() && p[1] == b'.')
}

/// Tokenise one whitespace-free chunk `text[start..end]`.
fn chunk(text: &str, mut start: usize, end: usize, out: &mut Vec<Span>) {
    if matches!(text.as_bytes()[start], b':' | b';' | b'<') && EMOTICONS.contains(&&text[start..end]) {
        out.push(Span::new(start, end));
        return;
    }
    // Opening brackets and quotes before a URL ("[http://...", "<me@example.org>").
    while start < end && matches!(text.as_bytes()[start], b'(' | b'[' | b'<' | b'"' | b'\'' | b'{') && is_url_like(&text[start + 1..end]) {
        out.push(Span::new(start, start + 1));
        start += 1;
    }
    let s = &text[start..end];
    if is_url_like(s) {
        let core = s.trim_end_matches(|c: char| matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '>' | '"' | '”' | '’' | '\''));
        out.push(Span::new(start, start + core.len()));
        for (j, c) in s[core.len()..].char_indices() {
            let p = start + core.len() + j;
            out.push(Span::new(p, p + c.len_utf8()));
        }
        return;
    }
    // Hard separators inside a chunk: dashes, "--", and ellipses between words.
    let mut piece_start = start;
    let mut j = start;
    while j < end {
        let c = char_at(text, j);
        let len = c.len_utf8();
        let run = if is_dash(c) || c == '…' {
            len
        } else if c.is_ascii_punctuation() && !matches!(c, '\'' | '"') && text.as_bytes().get(j + 1) == Some(&(c as u8)) {
            // A run of one repeated mark ("--", "..", "!!", "***", "$$$") is one token.
            text[j..end].bytes().take_while(|&b| b == c as u8).count()
        } else {
            0
        };
        if run > 0 {
            if piece_start < j {
                piece(text, piece_start, j, out);
            }
            out.push(Span::new(j, j + run));
            j += run;
            piece_start = j;
        } else {
            j += len;
        }
    }
    if piece_start < end {
        piece(text, piece_start, end, out);
    }
}

/// Tokenise a piece with no hard separators: peel leading and trailing punctuation, then
/// split the core.
fn piece(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let mut s = start;
    let mut e = end;
    // Leading punctuation, one mark at a time ("'s" and "'90s" keep their apostrophe).
    while s < e {
        let c = char_at(text, s);
        if !is_opening(c) && !is_currency(c) {
            break;
        }
        if is_apostrophe(c) && s + 1 < e {
            let rest = &text[s + c.len_utf8()..e];
            let word: &str = rest.split(|ch: char| !ch.is_alphanumeric()).next().unwrap_or("");
            if CLITICS.iter().any(|cl| word.eq_ignore_ascii_case(cl)) && word.len() == rest.trim_end_matches(|ch: char| !ch.is_alphanumeric()).len()
                || (word.len() == 2 && word.bytes().all(|b| b.is_ascii_digit()))
            {
                break;
            }
        }
        if c == '<' && !text[s..e].contains('>') {
            break;
        }
        out.push(Span::new(s, s + c.len_utf8()));
        s += c.len_utf8();
    }
    // Trailing punctuation, collected then pushed in text order.
    let mut trail = [(0u32, 0u32); 16];
    let mut n_trail = 0;
    while s < e && n_trail < trail.len() {
        let Some(c) = last_char(&text[s..e]) else { break };
        let len = c.len_utf8();
        if c == '.' {
            let word = &text[s..e];
            let last = last_word(word);
            // "2.4°C." is a temperature at the end of a sentence, not an initial.
            let glued = last.len() < word.len() && word[..word.len() - last.len()].ends_with(|c: char| c.is_alphanumeric() || is_apostrophe(c) || matches!(c, '°' | 'º'));
            if word.len() > 1 && !glued && is_abbreviation(last) {
                break;
            }
        } else if !is_closing(c) {
            break;
        } else if c == '>' && text[s..e].contains('<') {
            break;
        }
        trail[n_trail] = ((e - len) as u32, e as u32);
        n_trail += 1;
        e -= len;
    }
    if s < e {
        core(text, s, e, out);
    }
    for &(a, b) in trail[..n_trail].iter().rev() {
        out.push(Span { start: a, end: b });
    }
}

/// The part of `word` after its last non-period punctuation, for abbreviation checks on
/// pieces such as "(U.S.".
fn last_word(word: &str) -> &str {
    match word.rfind(|c: char| !(c.is_alphanumeric() || c == '.')) {
        Some(i) => &word[i + word[i..].chars().next().map_or(1, |c| c.len_utf8())..],
        None => word,
    }
}

/// Split the core of a piece: fused contractions, clitics, hyphens, slashes and other inner
/// punctuation.
fn core(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let s = &text[start..end];
    if is_fused(s) {
        if let Some(&(_, cut)) = FUSED.iter().find(|(f, _)| s.eq_ignore_ascii_case(f)) {
            out.push(Span::new(start, start + cut));
            out.push(Span::new(start + cut, end));
            return;
        }
    }
    // Clitic at the end: n't, 's, 're, ...
    if let Some(cut) = clitic_cut(s) {
        if cut > 0 {
            inner(text, start, start + cut, out);
        }
        out.push(Span::new(start + cut, end));
        return;
    }
    inner(text, start, end, out);
}

/// Where a trailing clitic starts in `s`, if it has one.
fn clitic_cut(s: &str) -> Option<usize> {
    // Every clitic has an apostrophe: most words have none, so look for one first.
    memchr::memchr2(b'\'', 0x99, s.as_bytes())?;
    let lower_ends = |suffix: &str| s.len() > suffix.len() && s.is_char_boundary(s.len() - suffix.len()) && s[s.len() - suffix.len()..].eq_ignore_ascii_case(suffix);
    for nt in ["n't", "n’t"] {
        if lower_ends(nt) {
            return Some(s.len() - nt.len());
        }
    }
    let apos = s.rfind(['\'', '’'])?;
    let after = &s[apos + if s[apos..].starts_with('\'') { 1 } else { 3 }..];
    (apos > 0 && CLITICS.iter().any(|c| after.eq_ignore_ascii_case(c))).then_some(apos)
}

/// "713-853-4567", "345-8702": digit groups joined by hyphens that end in four digits, which
/// UD keeps whole, unlike ranges ("1998-2001", "400-500").
fn is_phone_number(s: &str) -> bool {
    let groups: Vec<usize> = s.split('-').map(|g| if g.bytes().all(|b| b.is_ascii_digit()) { g.len() } else { 0 }).collect();
    groups.len() >= 2 && groups[groups.len() - 1] == 4 && groups[..groups.len() - 1].iter().all(|&n| n == 3)
}

/// Split at hyphens (unless after a known prefix or between digits), slashes between words,
/// and punctuation that is not word-internal.
fn inner(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let s = &text[start..end];
    let b = s.as_bytes();
    let mut tok_start = 0;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let prev = if i > 0 { b[i - 1] } else { 0 };
        let next = b.get(i + 1).copied().unwrap_or(0);
        let split = match c {
            b'-' => {
                let left = &s[tok_start..i];
                !((prev.is_ascii_digit() && next.is_ascii_digit() && is_phone_number(s))
                    || (tok_start == 0 && HYPHEN_PREFIXES.iter().any(|p| left.eq_ignore_ascii_case(p))))
            }
            b'/' => !(prev.is_ascii_digit() && next.is_ascii_digit()) && i > 0 && next != 0 && !SLASH_WORDS.iter().any(|w| s.eq_ignore_ascii_case(w)),
            b',' | b':' => !(prev.is_ascii_digit() && next.is_ascii_digit()),
            b'(' | b')' | b'[' | b']' | b'"' | b';' | b'!' | b'?' => true,
            _ => false,
        };
        if split {
            if tok_start < i {
                out.push(Span::new(start + tok_start, start + i));
            }
            out.push(Span::new(start + i, start + i + 1));
            tok_start = i + 1;
        }
        i += 1;
    }
    if tok_start < b.len() {
        out.push(Span::new(start + tok_start, end));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_run_end_agrees_with_the_byte_classes() {
        let slow = |b: &[u8], mut i: usize| {
            while i < b.len() && BYTE_CLASS[b[i] as usize] == WORD {
                i += 1;
            }
            i
        };
        for b in 0..=255u8 {
            let mut s = *b"abcdefghijklmnopq";
            for pos in [0, 3, 7, 8, 12] {
                s[pos] = b;
                assert_eq!(word_run_end(&s, 0), slow(&s, 0), "byte {b:#x} at {pos}");
                assert_eq!(word_run_end(&s, 1), slow(&s, 1), "byte {b:#x} at {pos}");
                s[pos] = b'x';
            }
        }
        let text = "Rostov-on-Don 926,000 U.S. caf\u{e9} ZZ9 @x [a] `q` {w} /9:0";
        for i in 0..text.len() {
            assert_eq!(word_run_end(text.as_bytes(), i), slow(text.as_bytes(), i), "at {i}");
        }
    }

    fn toks(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        tokenize(text, &mut out);
        out.iter().map(|s| s.text(text)).collect()
    }

    #[test]
    fn splits_punctuation_and_clitics() {
        assert_eq!(toks("I don't know, they're Belarus’ friends."), ["I", "do", "n't", "know", ",", "they", "'re", "Belarus", "’", "friends", "."]);
        assert_eq!(toks("Prigozhin's men can't go"), ["Prigozhin", "'s", "men", "ca", "n't", "go"]);
        assert_eq!(toks("You cannot, gonna"), ["You", "can", "not", ",", "gon", "na"]);
    }

    #[test]
    fn keeps_abbreviations_initials_and_numbers() {
        assert_eq!(toks("Sen. Ben Sasse and Dmitry K. Kiselyov in the U.S."), ["Sen.", "Ben", "Sasse", "and", "Dmitry", "K.", "Kiselyov", "in", "the", "U.S."]);
        assert_eq!(toks("rose 1.57 percent to 926,000 ($4.2 billion), 40%"), ["rose", "1.57", "percent", "to", "926,000", "(", "$", "4.2", "billion", ")", ",", "40", "%"]);
        assert_eq!(toks("at 3:30 p.m. on 6/24/2023"), ["at", "3:30", "p.m.", "on", "6/24/2023"]);
    }

    #[test]
    fn quotes_dashes_and_ellipses() {
        assert_eq!(toks("“Unfortunately, they are not here,” he said."), ["“", "Unfortunately", ",", "they", "are", "not", "here", ",", "”", "he", "said", "."]);
        assert_eq!(toks("powerful – the United States"), ["powerful", "–", "the", "United", "States"]);
        assert_eq!(toks("it—tell us...well…"), ["it", "—", "tell", "us", "...", "well", "…"]);
        assert_eq!(toks("\"Yes.\""), ["\"", "Yes", ".", "\""]);
    }

    #[test]
    fn hyphens_urls_and_handles() {
        assert_eq!(toks("Rostov-on-Don re-elected e-mail 2019-2021 713-853-4567"), ["Rostov", "-", "on", "-", "Don", "re-elected", "e-mail", "2019", "-", "2021", "713-853-4567"]);
        assert_eq!(toks("PS- -0.5 F-16 b/c didn't. Wow!! ***"), ["PS", "-", "-", "0.5", "F", "-", "16", "b/c", "did", "n't", ".", "Wow", "!!", "***"]);
        assert_eq!(toks("see https://example.com/a?b=1. Mail me@example.org, #news @user"), ["see", "https://example.com/a?b=1", ".", "Mail", "me@example.org", ",", "#news", "@user"]);
        assert_eq!(toks("and/or 1/2"), ["and", "/", "or", "1/2"]);
        assert_eq!(toks("[http://x.org/a] <me@example.org> :-)"), ["[", "http://x.org/a", "]", "<", "me@example.org", ">", ":-)"]);
    }

    #[test]
    fn offsets_cover_the_text() {
        let text = "  “Wagner’s chief,” said—Minsk. ";
        let mut out = Vec::new();
        tokenize(text, &mut out);
        for w in out.windows(2) {
            assert!(w[0].end <= w[1].start);
        }
        let joined: String = out.iter().map(|s| s.text(text)).collect();
        assert_eq!(joined, text.split_whitespace().collect::<String>());
    }
}
