//! Datelines at the start of a body ("MOSCOW — ", "WASHINGTON (AP) — ", "Washington (AFP) –",
//! "(CNN) —", "LONDON, June 5 (Reuters) -", "KYIV, Ukraine (AP) —"): the place and the agency
//! become metadata and the dateline leaves the text. A dateline must be followed by the start
//! of a sentence (upper-case letter, digit or quote), which keeps "NATO — the alliance" out.

use regex::Regex;

/// A dateline found at the start of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Bytes of the paragraph the dateline covers (including the dash and spaces after it).
    pub len: usize,
    /// The place, as written.
    pub place: Option<String>,
    /// The agency in parentheses, if any.
    pub agency: Option<String>,
}

/// The compiled dateline patterns.
#[derive(Debug)]
pub struct Datelines {
    patterns: Vec<Regex>,
}

const MONTH_DAY: &str = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}";
const AGENCY: &str = r"\((?P<agency>[\p{Lu}][\p{L}/&.\- ]{1,24})\)";
const DASH: &str = r"\s*(?:[—–]|--?)\s+";

impl Datelines {
    /// Compile the patterns (once, at start-up).
    pub fn new() -> Self {
        let caps_place = r"(?P<place>\p{Lu}[\p{Lu}\p{M}.'’\-]*(?:\s+\p{Lu}[\p{Lu}\p{M}.'’\-]*){0,3}(?:,\s*\p{Lu}[\p{L}.]*(?:\s+\p{Lu}[\p{L}.]*){0,2})?)";
        let title_place = r"(?P<place>\p{Lu}[\p{Ll}\p{M}'’\-]+(?:[\s\-]\p{Lu}[\p{Ll}\p{M}'’\-]+){0,3})";
        let sources = [
            // (CNN) —
            format!(r"^{AGENCY}{DASH}"),
            // MOSCOW — / WASHINGTON (AP) — / LONDON, June 5 (Reuters) - / KYIV, Ukraine (AP) —
            format!(r"^{caps_place}(?:,\s*{MONTH_DAY})?\s*(?:{AGENCY})?{DASH}"),
            // Washington (AFP) – : title-case places need the agency.
            format!(r"^{title_place}(?:,\s*{MONTH_DAY})?\s*{AGENCY}{DASH}"),
        ];
        let patterns = sources.iter().map(|s| Regex::new(s).expect("dateline patterns are valid")).collect();
        Datelines { patterns }
    }

    /// The dateline at the start of `para`, if any.
    pub fn find(&self, para: &str) -> Option<Found> {
        // Datelines are short: look at the first 160 bytes only, and run the (slower)
        // capturing engine only when the fast one says there is a match.
        let mut end = para.len().min(160);
        while !para.is_char_boundary(end) {
            end -= 1;
        }
        let head = &para[..end];
        for re in &self.patterns {
            if !re.is_match(head) {
                continue;
            }
            let Some(c) = re.captures(head) else { continue };
            let m = c.get(0)?;
            let Some(next) = para[m.end()..].chars().next() else { continue };
            if !(next.is_uppercase() || next.is_ascii_digit() || matches!(next, '"' | '“' | '‘' | '\'' | '«')) {
                continue;
            }
            let place = c.name("place").map(|p| p.as_str().trim().to_string());
            // An all-caps "place" must have two letters at least and not be a lone initialism
            // followed by no agency (acronyms like "NATO —" open sentences too).
            if let Some(p) = &place {
                let letters = p.chars().filter(|c| c.is_alphabetic()).count();
                if letters < 3 {
                    continue;
                }
            }
            return Some(Found { len: m.end(), place, agency: c.name("agency").map(|a| a.as_str().trim().to_string()) });
        }
        None
    }
}

impl Default for Datelines {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(s: &str) -> Option<(String, Option<String>, Option<String>)> {
        Datelines::new().find(s).map(|d| (s[..d.len].to_string(), d.place, d.agency))
    }

    #[test]
    fn datelines() {
        assert_eq!(f("MOSCOW — The Kremlin said"), Some(("MOSCOW — ".into(), Some("MOSCOW".into()), None)));
        assert_eq!(
            f("WASHINGTON (AP) — Lawmakers voted"),
            Some(("WASHINGTON (AP) — ".into(), Some("WASHINGTON".into()), Some("AP".into())))
        );
        assert_eq!(
            f("Washington (AFP) – The White House"),
            Some(("Washington (AFP) – ".into(), Some("Washington".into()), Some("AFP".into())))
        );
        assert_eq!(f("(CNN) — A storm hit"), Some(("(CNN) — ".into(), None, Some("CNN".into()))));
        assert_eq!(
            f("LONDON, June 5 (Reuters) - British retail sales"),
            Some(("LONDON, June 5 (Reuters) - ".into(), Some("LONDON".into()), Some("Reuters".into())))
        );
        assert_eq!(
            f("KYIV, Ukraine (AP) — Drones struck"),
            Some(("KYIV, Ukraine (AP) — ".into(), Some("KYIV, Ukraine".into()), Some("AP".into())))
        );
        assert_eq!(
            f("SAN JUAN, Puerto Rico — Power returned"),
            Some(("SAN JUAN, Puerto Rico — ".into(), Some("SAN JUAN, Puerto Rico".into()), None))
        );
    }

    #[test]
    fn not_datelines() {
        assert_eq!(f("NATO — the alliance — met"), None);
        assert_eq!(f("The mayor — who spoke first — said"), None);
        assert_eq!(f("Washington — the city — is"), None);
        assert_eq!(f("Belarusian President Aleksandr Lukashenko has invited"), None);
        assert_eq!(f("US — Officials said"), None);
    }
}
