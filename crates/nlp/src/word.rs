//! Per-sentence word views shared by the tagger and NER features: a normalised form
//! (lowercase, digits folded to `0`), a short shape (`Xx`, `d`, `X.`), prefixes and
//! suffixes, all written into one reused arena so that building them allocates nothing per
//! token once the buffers have grown. It does not compute features itself.

/// Normalised forms and shapes of one sentence's words.
#[derive(Default, Clone)]
pub struct Words {
    arena: String,
    norm: Vec<(u32, u32)>,
    shape: Vec<(u32, u32)>,
    flags: Vec<u8>,
}

/// The word starts with an uppercase letter.
pub const CAP: u8 = 1;
/// Every letter is uppercase (and there is at least one).
pub const ALLCAP: u8 = 2;
/// The word has a digit.
pub const DIGIT: u8 = 4;
/// The word has a hyphen inside.
pub const HYPHEN: u8 = 8;
/// The word has no letters.
pub const NOLETTER: u8 = 16;

impl Words {
    /// Fill from `forms`, replacing what was there.
    pub fn fill<S: AsRef<str>>(&mut self, forms: &[S]) {
        self.arena.clear();
        self.norm.clear();
        self.shape.clear();
        self.flags.clear();
        for f in forms {
            let f = f.as_ref();
            let a = self.arena.len() as u32;
            let (mut letters, mut upper, mut flags) = (0u32, 0u32, 0u8);
            for (i, c) in f.chars().enumerate() {
                if c.is_ascii_digit() {
                    self.arena.push('0');
                    flags |= DIGIT;
                } else {
                    if c.is_alphabetic() {
                        letters += 1;
                        if c.is_uppercase() {
                            upper += 1;
                            if i == 0 {
                                flags |= CAP;
                            }
                        }
                    } else if c == '-' && i > 0 {
                        flags |= HYPHEN;
                    }
                    for l in c.to_lowercase() {
                        self.arena.push(l);
                    }
                }
            }
            if letters > 0 && upper == letters {
                flags |= ALLCAP;
            }
            if letters == 0 {
                flags |= NOLETTER;
            }
            let b = self.arena.len() as u32;
            self.norm.push((a, b));
            // Short shape: character classes with runs collapsed, at most 6 symbols.
            let mut last = '\0';
            let mut n = 0;
            for c in f.chars() {
                let k = if c.is_uppercase() {
                    'X'
                } else if c.is_alphabetic() {
                    'x'
                } else if c.is_ascii_digit() {
                    'd'
                } else {
                    c
                };
                if k != last && n < 6 {
                    self.arena.push(k);
                    n += 1;
                }
                last = k;
            }
            self.shape.push((b, self.arena.len() as u32));
            self.flags.push(flags);
        }
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.norm.len()
    }

    /// True when there are no words.
    pub fn is_empty(&self) -> bool {
        self.norm.is_empty()
    }

    /// Lowercased form with digits as `0`.
    #[inline]
    pub fn norm(&self, i: usize) -> &str {
        let (a, b) = self.norm[i];
        &self.arena[a as usize..b as usize]
    }

    /// Short shape.
    #[inline]
    pub fn shape(&self, i: usize) -> &str {
        let (a, b) = self.shape[i];
        &self.arena[a as usize..b as usize]
    }

    /// Flag bits ([`CAP`], [`ALLCAP`], ...).
    #[inline]
    pub fn flags(&self, i: usize) -> u8 {
        self.flags[i]
    }

    /// Last `n` characters of the normalised form (all of it when shorter).
    #[inline]
    pub fn suffix(&self, i: usize, n: usize) -> &str {
        suffix(self.norm(i), n)
    }

    /// First `n` characters of the normalised form.
    #[inline]
    pub fn prefix(&self, i: usize, n: usize) -> &str {
        prefix(self.norm(i), n)
    }
}

/// Last `n` characters of `s`.
#[inline]
pub fn suffix(s: &str, n: usize) -> &str {
    match s.char_indices().rev().nth(n.saturating_sub(1)) {
        Some((i, _)) if n > 0 => &s[i..],
        _ if n == 0 => "",
        _ => s,
    }
}

/// First `n` characters of `s`.
#[inline]
pub fn prefix(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn norms_shapes_and_affixes() {
        let mut w = Words::default();
        w.fill(&["McDonald's", "1990s", "U.S.", "état"]);
        assert_eq!(w.norm(0), "mcdonald's");
        assert_eq!(w.shape(0), "XxXx'x");
        assert_eq!(w.norm(1), "0000s");
        assert_eq!(w.shape(1), "dx");
        assert!(w.flags(2) & ALLCAP != 0 && w.flags(2) & CAP != 0);
        assert_eq!(w.suffix(3, 2), "at");
        assert_eq!(w.prefix(3, 2), "ét");
        assert_eq!(suffix("ab", 5), "ab");
        assert_eq!(prefix("ab", 5), "ab");
    }
}
