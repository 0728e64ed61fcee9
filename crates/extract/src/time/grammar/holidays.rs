//! Holidays as dates. Fixed ones ("Christmas", "New Year's Eve", "Halloween") take their
//! year like a month and day written without one (tense, then the nearer side); Easter and
//! its neighbours and US Thanksgiving are computed for the year chosen. Holidays whose date
//! depends on the country ("Independence Day", "Labour Day", "Mother's Day") are left out:
//! no date can be given without knowing which country's.

use super::*;

/// When a holiday falls in a given year.
#[derive(Clone, Copy)]
enum Rule {
    /// The same month and day every year.
    Fixed(u32, u32),
    /// Days after Easter Sunday (Gregorian computus).
    Easter(i64),
    /// US Thanksgiving: the fourth Thursday of November.
    Thanksgiving,
}

/// Holiday names, lowercase, with `'` for either apostrophe; where one name extends
/// another the longer comes first.
const HOLIDAYS: &[(&str, Rule)] = &[
    ("christmas eve", Rule::Fixed(12, 24)),
    ("christmas day", Rule::Fixed(12, 25)),
    ("christmas", Rule::Fixed(12, 25)),
    ("boxing day", Rule::Fixed(12, 26)),
    ("new year's eve", Rule::Fixed(12, 31)),
    ("new year's day", Rule::Fixed(1, 1)),
    ("halloween", Rule::Fixed(10, 31)),
    ("valentine's day", Rule::Fixed(2, 14)),
    ("st. patrick's day", Rule::Fixed(3, 17)),
    ("st patrick's day", Rule::Fixed(3, 17)),
    ("saint patrick's day", Rule::Fixed(3, 17)),
    ("good friday", Rule::Easter(-2)),
    ("easter sunday", Rule::Easter(0)),
    ("easter monday", Rule::Easter(1)),
    ("easter", Rule::Easter(0)),
    ("thanksgiving day", Rule::Thanksgiving),
    ("thanksgiving", Rule::Thanksgiving),
];

impl Rule {
    fn date(self, y: i32) -> Option<Date> {
        match self {
            Rule::Fixed(m, d) => Date::new(y, m, d),
            Rule::Easter(off) => easter(y).map(|e| e.add_days(off)),
            Rule::Thanksgiving => {
                let first = Date::new(y, 11, 1)?;
                // Days from 1 November to its first Thursday (ISO weekday 4), then 3 weeks.
                let to_thursday = (4 + 7 - first.weekday() as i64) % 7;
                Some(first.add_days(to_thursday + 21))
            }
        }
    }
}

/// Easter Sunday of year `y` (the anonymous Gregorian algorithm).
fn easter(y: i32) -> Option<Date> {
    let a = y % 19;
    let (b, c) = (y / 100, y % 100);
    let (d, e) = (b / 4, b % 4);
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    Date::new(y, month as u32, day as u32)
}

impl<'s> Grammar<'s> {
    /// A holiday name starting at token `i`, capitalised ("Christmas", "New Year's Eve"),
    /// not used as a noun modifier ("a Christmas tree") or inside a place name ("Easter
    /// Island").
    pub(super) fn holiday(&self, i: usize) -> Option<M> {
        let s = self.s;
        if !s.toks[i].cap {
            return None;
        }
        let from = s.toks[i].start as usize;
        let (len, rule) = HOLIDAYS.iter().find_map(|(name, rule)| phrase_len(&s.lower[from..], name).map(|l| (l, *rule)))?;
        // The name must end where a token ends.
        let end = i + s.toks[i..].iter().position(|t| t.end as usize == from + len)? + 1;
        if let Some(next) = s.toks.get(end).filter(|_| s.same_sent(end - 1, end) && s.toks[end].kind == Kind::Word) {
            let noun = self.xpos.and_then(|x| x.get(end)).is_some_and(|x| x.starts_with("NN"));
            if next.cap || noun {
                return None;
            }
        }
        let t = self.tense(i, end);
        let value = self.yearly_value_from(self.reference_at(i), |y| rule.date(y), t).unwrap_or_else(|| match rule {
            Rule::Fixed(m, d) => format!("XXXX-{m:02}-{d:02}"),
            _ => "XXXX-XX-XX".to_string(),
        });
        Some(M::new(i, end, "DATE", value))
    }
}

/// The byte length of `name` at the start of the lowercased `text`, where an apostrophe
/// in `name` matches `'` or `’` and a space matches any run of spaces.
fn phrase_len(text: &str, name: &str) -> Option<usize> {
    let mut rest = text;
    for c in name.chars() {
        match c {
            ' ' => {
                let trimmed = rest.trim_start_matches(' ');
                if trimmed.len() == rest.len() {
                    return None;
                }
                rest = trimmed;
            }
            '\'' => rest = rest.strip_prefix('\'').or_else(|| rest.strip_prefix('’'))?,
            c => rest = rest.strip_prefix(c)?,
        }
    }
    Some(text.len() - rest.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn movable_feasts() {
        assert_eq!(easter(2024).map(Date::ymd).as_deref(), Some("2024-03-31"));
        assert_eq!(easter(2023).map(Date::ymd).as_deref(), Some("2023-04-09"));
        assert_eq!(easter(2000).map(Date::ymd).as_deref(), Some("2000-04-23"));
        assert_eq!(Rule::Thanksgiving.date(2023).map(Date::ymd).as_deref(), Some("2023-11-23"));
        assert_eq!(Rule::Thanksgiving.date(2024).map(Date::ymd).as_deref(), Some("2024-11-28"));
        assert_eq!(Rule::Easter(-2).date(2024).map(Date::ymd).as_deref(), Some("2024-03-29"));
    }

    #[test]
    fn names_match_either_apostrophe_and_whole_words_only() {
        assert_eq!(phrase_len("new year’s eve party", "new year's eve"), Some("new year’s eve".len()));
        assert_eq!(phrase_len("new year's day", "new year's eve"), None);
        assert_eq!(phrase_len("christmas  day", "christmas day"), Some(14));
    }
}
