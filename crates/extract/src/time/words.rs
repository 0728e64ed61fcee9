//! A light word scanner shared by the time and amount taggers: splits `Doc::text` into
//! words, numbers and punctuation with byte offsets, marks sentence starts and whether a
//! token touches the previous one (so "mid-2021", "1.5bn" and "10-year" are recognisable),
//! and looks every word up once in the lexicon.
//!
//! The taggers scan their own tokens rather than `Doc::tokens` because their patterns need
//! sub-token pieces ("1980s", "$4.2bn", "2023-06-24") that PTB tokens keep whole; the
//! segmenter's sentences and tags are still used when present (see `tense`). One `Vec` per
//! document; no allocation per token.

use super::lexicon::{lookup, Lex};

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Letters (with internal dots for "p.m.", "U.S.").
    Word,
    /// Digits with internal `,` or `.` ("926,000", "1.57").
    Num,
    /// One punctuation or symbol character.
    Punct,
}

/// One scanned token.
#[derive(Debug, Clone, Copy)]
pub struct Tok {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
    /// Letters, digits or punctuation.
    pub kind: Kind,
    /// Lexicon entry of the lowercased word.
    pub lex: Lex,
    /// Whitespace (or the text start) precedes the token.
    pub space_before: bool,
    /// The first character is uppercase.
    pub cap: bool,
    /// Sentence number.
    pub sent: u32,
}

/// The scanned text: tokens plus the lowercased copy their strings are read from.
pub struct Scan<'a> {
    /// Original text.
    pub text: &'a str,
    /// ASCII-lowercased text (same byte offsets).
    pub lower: String,
    /// Tokens in order.
    pub toks: Vec<Tok>,
}

impl<'a> Scan<'a> {
    /// Scan `text`.
    pub fn new(text: &'a str) -> Scan<'a> {
        let lower = text.to_ascii_lowercase();
        let mut toks = Vec::with_capacity(text.len() / 5 + 1);
        let b = text.as_bytes();
        let mut i = 0;
        let mut space = true;
        let mut newline = true;
        let mut sent = 0u32;
        while i < b.len() {
            let c = b[i];
            if c.is_ascii_whitespace() {
                space = true;
                if c == b'\n' {
                    newline = true;
                }
                i += 1;
                continue;
            }
            let start = i;
            let kind;
            if c.is_ascii_digit() {
                i += 1;
                while i < b.len() {
                    if b[i].is_ascii_digit() {
                        i += 1;
                    } else if (b[i] == b',' || b[i] == b'.')
                        && i + 1 < b.len()
                        && b[i + 1].is_ascii_digit()
                    {
                        i += 2;
                    } else {
                        break;
                    }
                }
                kind = Kind::Num;
            } else if is_letter_at(text, i) {
                i = word_end(text, i);
                // Dotted abbreviations: "p.m.", "a.m.", "U.S.", "U.N." (single letters only).
                if i - start == 1
                    && i + 1 < b.len()
                    && b[i] == b'.'
                    && b[i + 1].is_ascii_alphabetic()
                {
                    let mut j = i;
                    while j + 1 < b.len()
                        && b[j] == b'.'
                        && b[j + 1].is_ascii_alphabetic()
                        && (j + 2 >= b.len() || !b[j + 2].is_ascii_alphabetic())
                    {
                        j += 2;
                    }
                    if j < b.len() && b[j] == b'.' {
                        j += 1;
                    }
                    i = j;
                }
                kind = Kind::Word;
            } else {
                i += text[i..].chars().next().map_or(1, char::len_utf8);
                kind = Kind::Punct;
            }
            if let Some(prev) = toks.last() {
                let prev: &Tok = prev;
                let ends = prev.end - prev.start == 1
                    && matches!(b[prev.start as usize], b'.' | b'!' | b'?');
                if newline
                    || (ends
                        && space
                        && (b[start].is_ascii_uppercase() || !b[start].is_ascii_alphanumeric()))
                {
                    sent += 1;
                }
            }
            let lex = if kind == Kind::Word && i - start <= 13 {
                lookup(&lower[start..i])
            } else {
                Lex::None
            };
            toks.push(Tok {
                start: start as u32,
                end: i as u32,
                kind,
                lex,
                space_before: space,
                cap: b[start].is_ascii_uppercase(),
                sent,
            });
            space = false;
            newline = false;
        }
        Scan { text, lower, toks }
    }

    /// Lowercased text of token `i` ("" past the end).
    #[inline]
    pub fn low(&self, i: usize) -> &str {
        match self.toks.get(i) {
            Some(t) => &self.lower[t.start as usize..t.end as usize],
            None => "",
        }
    }

    /// Original text of token `i`.
    #[inline]
    pub fn raw(&self, i: usize) -> &str {
        match self.toks.get(i) {
            Some(t) => &self.text[t.start as usize..t.end as usize],
            None => "",
        }
    }

    /// Token `i` is `w` (lowercased comparison).
    #[inline]
    pub fn is(&self, i: usize, w: &str) -> bool {
        self.low(i) == w
    }

    /// Token `i` touches token `i - 1` (no space between).
    #[inline]
    pub fn glued(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| !t.space_before)
    }

    /// Token `i` is a `-` glued on both sides (a compound hyphen).
    #[inline]
    pub fn hyphen(&self, i: usize) -> bool {
        matches!(self.raw(i), "-" | "‑") && self.glued(i) && self.glued(i + 1)
    }

    /// Lexicon entry of token `i`.
    #[inline]
    pub fn lex(&self, i: usize) -> Lex {
        self.toks.get(i).map_or(Lex::None, |t| t.lex)
    }

    /// Integer value of a digit token without separators ("2023" → 2023).
    pub fn int(&self, i: usize) -> Option<u32> {
        let t = self.toks.get(i)?;
        if t.kind != Kind::Num {
            return None;
        }
        let s = self.raw(i);
        if s.len() > 9 || !s.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        s.parse().ok()
    }

    /// Same sentence.
    #[inline]
    pub fn same_sent(&self, i: usize, j: usize) -> bool {
        match (self.toks.get(i), self.toks.get(j)) {
            (Some(a), Some(b)) => a.sent == b.sent,
            _ => false,
        }
    }
}

/// The value of a digit token, ignoring group commas ("926,000" → 926000, "1.57"), without
/// allocating.
pub fn num_value(raw: &str) -> Option<f64> {
    let mut buf = [0u8; 40];
    let mut n = 0;
    for &b in raw.as_bytes() {
        if b == b',' {
            continue;
        }
        *buf.get_mut(n)? = b;
        n += 1;
    }
    std::str::from_utf8(&buf[..n]).ok()?.parse().ok()
}

fn is_letter_at(text: &str, i: usize) -> bool {
    let c = text.as_bytes()[i];
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    text[i..].chars().next().is_some_and(char::is_alphabetic)
}

fn word_end(text: &str, mut i: usize) -> usize {
    let b = text.as_bytes();
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_alphabetic() {
            i += 1;
        } else if c.is_ascii() {
            break;
        } else {
            match text[i..].chars().next() {
                Some(ch) if ch.is_alphabetic() => i += ch.len_utf8(),
                _ => break,
            }
        }
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scans_pieces() {
        let s = Scan::new("At 3 p.m. on mid-2021, $4.2bn and 926,000. The U.S. won");
        let words: Vec<&str> = (0..s.toks.len()).map(|i| s.raw(i)).collect();
        assert_eq!(
            words,
            [
                "At", "3", "p.m.", "on", "mid", "-", "2021", ",", "$", "4.2", "bn", "and",
                "926,000", ".", "The", "U.S.", "won"
            ]
        );
        assert!(s.hyphen(5));
        assert!(s.glued(10));
        assert_eq!(s.toks[14].sent, 1);
        assert_eq!(s.toks[13].sent, 0);
    }
}
