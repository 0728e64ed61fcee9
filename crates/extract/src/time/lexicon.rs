//! The word tables of the time and amount taggers: months, weekdays, units, seasons, parts
//! of the day, number words, ordinals, scales and the keywords the grammar looks for.
//! Everything is data compiled once into one hash map (`LazyLock`); the grammar in
//! `grammar.rs` reads the `Lex` class of each token instead of comparing strings.

use std::collections::HashMap;
use std::sync::LazyLock;

/// A unit of power ("watt", "kilowatt", "terawatt"): a time unit after it is part of an
/// energy unit ("terawatt hours"), not a time.
pub fn is_power_unit(word: &str) -> bool {
    word.to_ascii_lowercase().ends_with("watt")
}

/// Calendar units, in TIMEX3 duration letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Unit {
    /// second
    Second,
    /// minute
    Minute,
    /// hour
    Hour,
    /// day
    Day,
    /// week
    Week,
    /// weekend
    Weekend,
    /// fortnight
    Fortnight,
    /// month
    Month,
    /// quarter
    Quarter,
    /// year
    Year,
    /// decade
    Decade,
    /// century
    Century,
    /// millennium
    Millennium,
}

impl Unit {
    /// The duration value for `n` of this unit (`n` = None for "X": several, a few).
    pub fn duration(self, n: Option<f64>) -> String {
        let (t, letter, mult) = match self {
            Unit::Second => ("T", "S", 1.0),
            Unit::Minute => ("T", "M", 1.0),
            Unit::Hour => ("T", "H", 1.0),
            Unit::Day => ("", "D", 1.0),
            Unit::Week => ("", "W", 1.0),
            Unit::Weekend => ("", "WE", 1.0),
            Unit::Fortnight => ("", "W", 2.0),
            Unit::Month => ("", "M", 1.0),
            Unit::Quarter => ("", "Q", 1.0),
            Unit::Year => ("", "Y", 1.0),
            Unit::Decade => ("", "E", 1.0),
            Unit::Century => ("", "C", 1.0),
            Unit::Millennium => ("", "L", 1.0),
        };
        match n {
            None => format!("P{t}X{letter}"),
            Some(v) => {
                let v = v * mult;
                if v.fract() == 0.5 && v >= 0.5 {
                    // Halves go down one unit: 2.5 years = P2Y6M, 1.5 hours = PT1H30M.
                    let half = match self {
                        Unit::Year => Some(("Y", "6M")),
                        Unit::Hour => Some(("H", "30M")),
                        Unit::Minute => Some(("M", "30S")),
                        Unit::Day => Some(("D", "T12H")),
                        _ => None,
                    };
                    // Half a decade or century is whole years: P5Y, P50Y.
                    let years = match self {
                        Unit::Decade => Some(10.0),
                        Unit::Century => Some(100.0),
                        _ => None,
                    };
                    if let Some(y) = years {
                        return format!("P{}Y", (v * y) as u64);
                    }
                    if let Some((l, h)) = half {
                        let whole = v.trunc() as u64;
                        return if whole == 0 {
                            format!("P{t}{h}")
                        } else {
                            format!("P{t}{whole}{l}{h}")
                        };
                    }
                }
                if v.fract() == 0.0 {
                    format!("P{t}{}{letter}", v as u64)
                } else {
                    format!("P{t}{v}{letter}")
                }
            }
        }
    }
}

/// Keywords the grammar needs to recognise quickly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// last, past, previous
    Last,
    /// next, coming, following
    Next,
    /// this, current
    This,
    /// the
    The,
    /// a, an
    A,
    /// early, earlier, late, later, mid, end...
    Edge,
    /// yesterday, today, tomorrow, tonight
    Deictic,
    /// now, currently, recently, ...
    Ref,
    /// ago, earlier, later (after a quantity)
    Ago,
    /// every, each
    Every,
    /// about, nearly, more ... (approximation)
    Approx,
    /// fiscal
    Fiscal,
    /// noon, midnight
    Clock,
    /// a.m., p.m.
    Meridiem,
    /// half
    Half,
    /// few, several, many, couple
    Vague,
    /// percent, per
    Percent,
    /// Words that may start an amount: between, as (many as), at (least), tens (of)...
    AmountCue,
    /// recent, future, ...
    Other,
}

/// The class of a lowercased word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lex {
    /// Not in the lexicon.
    #[default]
    None,
    /// January = 1.
    Month(u8),
    /// Monday = 1; `true` when plural ("Mondays").
    Weekday(u8, bool),
    /// A unit; `true` when plural.
    Unit(Unit, bool),
    /// spring = 0, summer, fall, winter; `true` when plural.
    Season(u8, bool),
    /// Part of day code (MO, AF, EV, NI).
    DayPart(&'static str),
    /// Cardinal number word (one..ninety; "zero").
    Num(u32),
    /// Ordinal word (first = 1).
    Ord(u32),
    /// hundred, thousand, million... (multiplier).
    Scale(u64),
    /// Keyword.
    Key(Key),
}

/// Month names and abbreviations (May and March are handled as months only when
/// capitalised; see the grammar).
const MONTHS: &[(&str, u8)] = &[
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
];

const WEEKDAYS: &[(&str, u8)] = &[
    ("monday", 1),
    ("tuesday", 2),
    ("wednesday", 3),
    ("thursday", 4),
    ("friday", 5),
    ("saturday", 6),
    ("sunday", 7),
    ("mon", 1),
    ("tue", 2),
    ("tues", 2),
    ("wed", 3),
    ("thu", 4),
    ("thur", 4),
    ("thurs", 4),
    ("fri", 5),
    ("sat", 6),
    ("sun", 7),
];

const UNITS: &[(&str, Unit)] = &[
    ("second", Unit::Second),
    ("minute", Unit::Minute),
    ("hour", Unit::Hour),
    ("day", Unit::Day),
    ("week", Unit::Week),
    ("weekend", Unit::Weekend),
    ("fortnight", Unit::Fortnight),
    ("month", Unit::Month),
    ("quarter", Unit::Quarter),
    ("year", Unit::Year),
    ("decade", Unit::Decade),
    ("century", Unit::Century),
    ("millennium", Unit::Millennium),
    ("yr", Unit::Year),
    ("hr", Unit::Hour),
    ("min", Unit::Minute),
];

const SEASONS: &[(&str, u8)] = &[
    ("spring", 0),
    ("summer", 1),
    ("fall", 2),
    ("autumn", 2),
    ("winter", 3),
];

const DAY_PARTS: &[(&str, &str)] = &[
    ("morning", "MO"),
    ("afternoon", "AF"),
    ("evening", "EV"),
    ("night", "NI"),
    ("overnight", "NI"),
    ("dawn", "MO"),
    ("daybreak", "MO"),
    ("dusk", "EV"),
];

/// Cardinal words below a hundred, the tens, and a dozen.
pub const NUMBERS: &[(&str, u32)] = &[
    ("zero", 0),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
    ("dozen", 12),
];

const ORDINALS: &[(&str, u32)] = &[
    ("first", 1),
    ("second", 2),
    ("third", 3),
    ("fourth", 4),
    ("fifth", 5),
    ("sixth", 6),
    ("seventh", 7),
    ("eighth", 8),
    ("ninth", 9),
    ("tenth", 10),
    ("eleventh", 11),
    ("twelfth", 12),
    ("thirteenth", 13),
    ("fourteenth", 14),
    ("fifteenth", 15),
    ("sixteenth", 16),
    ("seventeenth", 17),
    ("eighteenth", 18),
    ("nineteenth", 19),
    ("twentieth", 20),
    ("thirtieth", 30),
    ("twenty-first", 21),
];

const SCALES: &[(&str, u64)] = &[
    ("hundred", 100),
    ("thousand", 1_000),
    ("million", 1_000_000),
    ("billion", 1_000_000_000),
    ("trillion", 1_000_000_000_000),
    ("mn", 1_000_000),
    ("mln", 1_000_000),
    ("bn", 1_000_000_000),
    ("tn", 1_000_000_000_000),
    ("k", 1_000),
    ("m", 1_000_000),
    ("b", 1_000_000_000),
];

const KEYS: &[(&str, Key)] = &[
    ("last", Key::Last),
    ("past", Key::Last),
    ("previous", Key::Last),
    ("prior", Key::Last),
    ("latest", Key::Last),
    ("next", Key::Next),
    ("coming", Key::Next),
    ("following", Key::Next),
    ("upcoming", Key::Next),
    ("this", Key::This),
    ("current", Key::This),
    ("that", Key::This),
    ("the", Key::The),
    ("a", Key::A),
    ("an", Key::A),
    ("early", Key::Edge),
    ("earlier", Key::Ago),
    ("late", Key::Edge),
    ("later", Key::Ago),
    ("mid", Key::Edge),
    ("end", Key::Edge),
    ("beginning", Key::Edge),
    ("start", Key::Edge),
    ("middle", Key::Edge),
    ("yesterday", Key::Deictic),
    ("today", Key::Deictic),
    ("tomorrow", Key::Deictic),
    ("tonight", Key::Deictic),
    ("now", Key::Ref),
    ("currently", Key::Ref),
    ("recently", Key::Ref),
    ("nowadays", Key::Ref),
    ("presently", Key::Ref),
    ("formerly", Key::Ref),
    ("ago", Key::Ago),
    ("hence", Key::Ago),
    ("every", Key::Every),
    ("each", Key::Every),
    ("about", Key::Approx),
    ("around", Key::Approx),
    ("nearly", Key::Approx),
    ("almost", Key::Approx),
    ("approximately", Key::Approx),
    ("roughly", Key::Approx),
    ("some", Key::Approx),
    ("over", Key::Approx),
    ("more", Key::Approx),
    ("less", Key::Approx),
    ("fewer", Key::Approx),
    ("least", Key::Approx),
    ("up", Key::Approx),
    ("under", Key::Approx),
    ("just", Key::Approx),
    ("close", Key::Approx),
    ("estimated", Key::Approx),
    ("fiscal", Key::Fiscal),
    ("noon", Key::Clock),
    ("midnight", Key::Clock),
    ("midday", Key::Clock),
    ("a.m.", Key::Meridiem),
    ("p.m.", Key::Meridiem),
    ("am", Key::Meridiem),
    ("pm", Key::Meridiem),
    ("half", Key::Half),
    ("few", Key::Vague),
    ("several", Key::Vague),
    ("many", Key::Vague),
    ("couple", Key::Vague),
    ("percent", Key::Percent),
    ("per", Key::Percent),
    ("pct", Key::Percent),
    ("recent", Key::Other),
    ("future", Key::Other),
    ("these", Key::Other),
    ("year-end", Key::Other),
    ("annually", Key::Other),
    ("hourly", Key::Other),
    ("quarterly", Key::Other),
    ("weekly", Key::Other),
    ("monthly", Key::Other),
    ("yearly", Key::Other),
    ("daily", Key::Other),
    ("while", Key::Other),
    ("long", Key::Other),
    ("eighties", Key::Other),
    ("nineties", Key::Other),
    ("seventies", Key::Other),
    ("sixties", Key::Other),
    ("fifties", Key::Other),
    ("q", Key::Other),
    ("h", Key::Other),
    ("fy", Key::Other),
    ("weekends", Key::Other),
    ("then", Key::Other),
    ("once", Key::Other),
    ("time", Key::Other),
    ("term", Key::Other),
];

/// FNV-1a: the keys are short ASCII words, for which SipHash's setup dominates the lookup
/// time (it showed as 15% of the tagging time); no untrusted input chooses the keys.
#[derive(Default, Clone, Copy)]
pub struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf29ce484222325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= b as u64;
            h = h.wrapping_mul(0x100000001b3);
        }
        self.0 = h;
    }
}

type FnvBuild = std::hash::BuildHasherDefault<Fnv>;

static LEXICON: LazyLock<HashMap<&'static str, Lex, FnvBuild>> = LazyLock::new(|| {
    let mut m = HashMap::default();
    for &w in AMOUNT_CUES {
        m.insert(w, Lex::Key(Key::AmountCue));
    }
    for &(w, k) in KEYS {
        m.insert(w, Lex::Key(k));
    }
    for &(w, s) in SCALES {
        m.insert(w, Lex::Scale(s));
    }
    for &(w, n) in ORDINALS {
        m.insert(w, Lex::Ord(n));
    }
    for &(w, n) in NUMBERS {
        m.insert(w, Lex::Num(n));
    }
    for &(w, u) in UNITS {
        m.insert(w, Lex::Unit(u, false));
    }
    for &(w, u) in PLURAL_UNITS {
        m.insert(w, Lex::Unit(u, true));
    }
    for &(w, s) in SEASONS {
        m.insert(w, Lex::Season(s, false));
    }
    for &(w, p) in DAY_PARTS {
        m.insert(w, Lex::DayPart(p));
    }
    for &(w, d) in WEEKDAYS {
        m.insert(w, Lex::Weekday(d, false));
    }
    for &(w, d) in PLURAL_WEEKDAYS {
        m.insert(w, Lex::Weekday(d, true));
    }
    for &(w, n) in MONTHS {
        m.insert(w, Lex::Month(n));
    }
    for &(w, s) in &[
        ("springs", 0u8),
        ("summers", 1),
        ("autumns", 2),
        ("winters", 3),
    ] {
        m.insert(w, Lex::Season(s, true));
    }
    m
});

const PLURAL_UNITS: &[(&str, Unit)] = &[
    ("seconds", Unit::Second),
    ("minutes", Unit::Minute),
    ("hours", Unit::Hour),
    ("days", Unit::Day),
    ("weeks", Unit::Week),
    ("fortnights", Unit::Fortnight),
    ("months", Unit::Month),
    ("quarters", Unit::Quarter),
    ("years", Unit::Year),
    ("decades", Unit::Decade),
    ("centuries", Unit::Century),
    ("millennia", Unit::Millennium),
    ("yrs", Unit::Year),
    ("hrs", Unit::Hour),
    ("mins", Unit::Minute),
];

const AMOUNT_CUES: &[&str] = &[
    "between",
    "as",
    "at",
    "no",
    "in",
    "upwards",
    "only",
    "exactly",
    "tens",
    "hundreds",
    "thousands",
    "millions",
    "billions",
    "dozens",
    "scores",
];

const PLURAL_WEEKDAYS: &[(&str, u8)] = &[
    ("mondays", 1),
    ("tuesdays", 2),
    ("wednesdays", 3),
    ("thursdays", 4),
    ("fridays", 5),
    ("saturdays", 6),
    ("sundays", 7),
];

/// The class of a lowercased word.
#[inline]
pub fn lookup(lower: &str) -> Lex {
    LEXICON.get(lower).copied().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_and_durations() {
        assert_eq!(lookup("sept"), Lex::Month(9));
        assert_eq!(lookup("years"), Lex::Unit(Unit::Year, true));
        assert_eq!(lookup("second"), Lex::Unit(Unit::Second, false));
        assert_eq!(lookup("weekend"), Lex::Unit(Unit::Weekend, false));
        assert_eq!(Unit::Week.duration(Some(1.0)), "P1W");
        assert_eq!(Unit::Hour.duration(Some(5.0)), "PT5H");
        assert_eq!(Unit::Year.duration(None), "PXY");
        assert_eq!(Unit::Year.duration(Some(2.5)), "P2Y6M");
        assert_eq!(Unit::Hour.duration(Some(0.5)), "PT30M");
        assert_eq!(Unit::Fortnight.duration(Some(1.0)), "P2W");
    }
}
