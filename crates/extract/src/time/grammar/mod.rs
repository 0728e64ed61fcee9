//! The TIMEX3 grammar: at each token, the patterns that can start there are tried (chosen by
//! the token's lexicon class), the longest match wins, then the match is widened leftwards
//! with the words TimeBank puts inside the tag (a determiner, "the past", "about", "early").
//! Each pattern computes its value against the anchor (the publication date) and the tense
//! of its clause.
//!
//! Spans follow TimeBank/TE3: determiners and modifiers are inside ("the past two months",
//! "earlier this week", "nearly forty years"), prepositions are outside ("in", "for", "on").

mod clock;
mod dates;
mod durations;
mod holidays;
mod relative;
mod resolve;

use std::cell::Cell;

use super::calendar::{parse_iso, Date};
use super::lexicon::{Key, Lex, Unit};
use super::tense::{tense_at, Tense};
use super::words::{Kind, Scan};

/// One recognised expression over scan tokens `[start, end)`.
#[derive(Debug, Clone)]
pub struct M {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// DATE, TIME, DURATION, SET.
    pub kind: &'static str,
    /// TIMEX3 value.
    pub value: String,
    /// A preceding "the" belongs to the expression.
    pub allow_the: bool,
    /// The value counts back from the anchor ("two years ago").
    pub ago: bool,
    /// An ordinal quarter that later "a year earlier" or "the quarter" may refer to.
    pub sets_ref: bool,
}

impl M {
    fn new(start: usize, end: usize, kind: &'static str, value: String) -> M {
        M {
            start,
            end,
            kind,
            value,
            allow_the: false,
            ago: false,
            sets_ref: false,
        }
    }
    fn the(mut self) -> M {
        self.allow_the = true;
        self
    }
}

const SEASON_CODES: [&str; 4] = ["SP", "SU", "FA", "WI"];

/// Words that sit between a quantity and its unit ("eight trading days").
const UNIT_FILLERS: &[&str] = &[
    "trading",
    "business",
    "working",
    "calendar",
    "full",
    "straight",
    "consecutive",
    "more",
    "additional",
    "extra",
    "long",
    "short",
];

/// Words before a duration that TimeBank keeps inside the tag.
const DURATION_MODS: &[&str] = &[
    "past",
    "last",
    "next",
    "first",
    "coming",
    "previous",
    "final",
    "latest",
    "initial",
    "remaining",
    "following",
    "additional",
    "another",
    "same",
];

/// The grammar over one scanned document.
pub struct Grammar<'s> {
    s: &'s Scan<'s>,
    anchor: Option<Date>,
    xpos: Option<&'s [&'static str]>,
    /// The last quarter mentioned (year, quarter, sentence), for "a year earlier".
    last_quarter: Cell<Option<(i32, u32, u32)>>,
    /// The last explicit year mentioned, for "the following year".
    last_year: Cell<Option<i32>>,
    /// The last day-precise date mentioned: a clock time with no date of its own happens
    /// on it ("On Friday … At 6:36 p.m., the operator ordered"), TimeML's reference time.
    last_day: Cell<Option<Date>>,
    /// The last full date written out (and its sentence), the story's time when it is far
    /// from the publication date (`resolve::reference_at`).
    narrative: Cell<Option<(Date, u32)>>,
}

impl<'s> Grammar<'s> {
    /// A grammar over `s`, resolving against `anchor`.
    pub fn new(s: &'s Scan<'s>, anchor: Option<Date>, xpos: Option<&'s [&'static str]>) -> Self {
        Grammar {
            s,
            anchor,
            xpos,
            last_quarter: Cell::new(None),
            last_year: Cell::new(None),
            last_day: Cell::new(None),
            narrative: Cell::new(None),
        }
    }

    /// All expressions, left to right, not overlapping.
    pub fn run(&self) -> Vec<M> {
        let n = self.s.toks.len();
        let mut out: Vec<M> = Vec::new();
        let mut floor = 0;
        let mut i = 0;
        while i < n {
            if let Some(mut m) = self.at(i) {
                if m.start >= floor && m.end > m.start {
                    self.extend_left(&mut m, floor);
                    if m.kind == "DATE" && m.sets_ref {
                        if let Some((y, q)) = parse_quarter(&m.value) {
                            self.last_quarter
                                .set(Some((y, q, self.s.toks[m.start].sent)));
                        }
                    }
                    if m.kind == "DATE" {
                        if let Some(d) = parse_iso(&m.value) {
                            self.last_day.set(Some(d));
                        }
                    }
                    floor = m.end;
                    i = m.end;
                    out.push(m);
                    continue;
                }
            }
            i += 1;
        }
        out
    }

    fn year4(&self, i: usize) -> Option<i32> {
        let t = self.s.toks.get(i)?;
        if t.kind != Kind::Num || t.end - t.start != 4 {
            return None;
        }
        let v = self.s.int(i)? as i32;
        (1000..=2199).contains(&v).then_some(v)
    }

    /// A written year at `i`: "2023", "nineteen ninety-six", "two thousand (and) three".
    fn year_at(&self, i: usize) -> Option<(i32, usize)> {
        if let Some(y) = self.year4(i) {
            return Some((y, i + 1));
        }
        let s = self.s;
        match s.lex(i) {
            Lex::Num(c @ 10..=20) if c != 12 || !s.is(i, "dozen") => {
                let (t, e) = self.tens_word(i + 1)?;
                (10..=99).contains(&t).then_some(((c * 100 + t) as i32, e))
            }
            Lex::Num(2) if s.is(i + 1, "thousand") => {
                let mut e = i + 2;
                if s.is(e, "and") {
                    e += 1;
                }
                match self.tens_word(e) {
                    Some((t, e2)) => Some((2000 + t as i32, e2)),
                    None => Some((2000, i + 2)),
                }
            }
            _ => None,
        }
    }

    /// "ninety-six", "ninety six", "seventy", "ten".
    fn tens_word(&self, i: usize) -> Option<(u32, usize)> {
        let s = self.s;
        let Lex::Num(t) = s.lex(i) else { return None };
        if s.is(i, "dozen") {
            return None;
        }
        if t >= 20 && t % 10 == 0 {
            if s.hyphen(i + 1) {
                if let Lex::Num(u @ 1..=9) = s.lex(i + 2) {
                    return Some((t + u, i + 3));
                }
            }
            if let Lex::Num(u @ 1..=9) = s.lex(i + 1) {
                return Some((t + u, i + 2));
            }
        }
        Some((t, i + 1))
    }

    /// A quantity: digits, number words, "a", "a few", "a couple of", "half a", and any of
    /// them with "and a half" ("two and a half").
    fn qty(&self, i: usize) -> Option<(usize, Option<f64>)> {
        let s = self.s;
        let (e, v) = self.qty_base(i)?;
        match v {
            Some(v) if s.is(e, "and") && s.is(e + 1, "a") && s.is(e + 2, "half") => Some((e + 3, Some(v + 0.5))),
            _ => Some((e, v)),
        }
    }

    fn qty_base(&self, i: usize) -> Option<(usize, Option<f64>)> {
        let s = self.s;
        let t = s.toks.get(i)?;
        match (t.kind, t.lex) {
            (Kind::Num, _) => {
                let mut v = super::words::num_value(s.raw(i))?;
                let mut e = i + 1;
                // "2 1/2"
                if let (Some(a), Some(b)) = (s.int(i + 1), s.int(i + 3)) {
                    if s.raw(i + 2) == "/" && s.glued(i + 2) && s.glued(i + 3) && b > a && b <= 4 {
                        v += a as f64 / b as f64;
                        e = i + 4;
                    }
                }
                Some((e, Some(v)))
            }
            (_, Lex::Num(_)) => {
                let (mut v, mut e) = self.tens_word(i)?;
                if let Lex::Scale(sc @ (100 | 1000)) = s.lex(e) {
                    v *= sc as u32;
                    e += 1;
                    if s.is(e, "and") || s.hyphen(e) {
                        if let Some((u, e2)) = self.tens_word(e + 1) {
                            v += u;
                            e = e2;
                        }
                    } else if let Some((u, e2)) = self.tens_word(e) {
                        v += u;
                        e = e2;
                    }
                }
                Some((e, Some(v as f64)))
            }
            (_, Lex::Key(Key::A)) => match s.lex(i + 1) {
                Lex::Key(Key::Vague) if s.is(i + 1, "few") => Some((i + 2, None)),
                Lex::Key(Key::Vague) if s.is(i + 1, "couple") => {
                    Some((if s.is(i + 2, "of") { i + 3 } else { i + 2 }, Some(2.0)))
                }
                Lex::Num(12) if s.is(i + 1, "dozen") => Some((i + 2, Some(12.0))),
                Lex::Scale(sc @ (100 | 1000)) => Some((i + 2, Some(sc as f64))),
                Lex::Key(Key::Half) => Some((i + 2, Some(0.5))),
                _ => Some((i + 1, Some(1.0))),
            },
            (_, Lex::Key(Key::Vague)) => {
                if s.is(i, "couple") {
                    return None;
                }
                Some((i + 1, None))
            }
            (_, Lex::Key(Key::Half)) if matches!(s.lex(i + 1), Lex::Key(Key::A)) => {
                Some((i + 2, Some(0.5)))
            }
            _ => None,
        }
    }

    /// An ordinal at `i`: "third", "second", "3rd", "20th".
    fn ordinal(&self, i: usize) -> Option<(u32, usize)> {
        let s = self.s;
        match s.lex(i) {
            Lex::Ord(n) => Some((n, i + 1)),
            Lex::Unit(Unit::Second, false) => Some((2, i + 1)),
            _ => {
                let n = s.int(i)?;
                matches!(s.low(i + 1), "st" | "nd" | "rd" | "th")
                    .then_some(())
                    .filter(|_| s.glued(i + 1))?;
                Some((n, i + 2))
            }
        }
    }

    fn at(&self, i: usize) -> Option<M> {
        let s = self.s;
        let tok = s.toks[i];
        let mut best: Option<M> = None;
        let mut consider = |m: Option<M>| {
            if let Some(m) = m {
                if best.as_ref().is_none_or(|b| m.end > b.end) {
                    best = Some(m);
                }
            }
        };
        if tok.kind == Kind::Word && tok.cap {
            consider(self.holiday(i));
        }
        match tok.kind {
            Kind::Num => {
                consider(self.numeric(i));
                consider(self.clock(i));
                consider(self.qty_unit(i));
                consider(self.ordinal_unit(i));
            }
            Kind::Punct => {
                if matches!(s.raw(i), "'" | "’") {
                    consider(self.short_decade(i));
                }
            }
            Kind::Word => match tok.lex {
                Lex::None | Lex::Scale(_) | Lex::DayPart(_) => {}
                Lex::Month(m) => consider(self.month(i, m as u32)),
                Lex::Weekday(d, plural) => consider(self.weekday_expr(i, d as u32, plural)),
                Lex::Unit(u, plural) => {
                    consider(self.unit_word(i, u, plural));
                    consider(self.ordinal_unit(i));
                }
                Lex::Season(se, plural) => consider(self.season(i, se, plural)),
                Lex::Num(n) => {
                    consider(self.qty_unit(i));
                    consider(self.spelled_year(i));
                    if (1..=12).contains(&n)
                        && s.is(i + 1, "o")
                        && matches!(s.raw(i + 2), "'" | "’")
                        && s.is(i + 3, "clock")
                    {
                        let (date, end) = self
                            .date_after(i + 4)
                            .unwrap_or_else(|| (self.day(0), i + 4));
                        consider(Some(M::new(i, end, "TIME", format!("{date}T{n:02}:00"))));
                    }
                }
                Lex::Ord(_) => consider(self.ordinal_unit(i)),
                Lex::Key(k) => match k {
                    Key::Last | Key::Next | Key::This => consider(self.modifier(i)),
                    Key::A | Key::Vague | Key::Half => {
                        consider(self.qty_unit(i));
                        consider(self.vague_span(i));
                    }
                    Key::Edge | Key::Ago => consider(self.edge(i)),
                    Key::Deictic => consider(self.deictic(i)),
                    Key::Ref => consider(self.reference(i)),
                    Key::Every => consider(self.set(i)),
                    Key::Fiscal => consider(self.fiscal(i)),
                    Key::Clock => consider(self.noon(i)),
                    Key::Approx => consider(self.vague_span(i)),
                    Key::Other => consider(self.other(i)),
                    Key::The | Key::Meridiem | Key::Percent | Key::AmountCue => {}
                },
            },
        }
        best
    }

    fn extend_left(&self, m: &mut M, floor: usize) {
        let s = self.s;
        let ok = |p: usize| p > floor && s.same_sent(p - 1, p);
        // Duration modifiers: "the past two months", "the first nine months".
        if m.kind == "DURATION" && ok(m.start) && DURATION_MODS.contains(&s.low(m.start - 1)) {
            m.start -= 1;
            m.allow_the = true;
            if m.start > floor && s.is(m.start - 1, "this") && s.same_sent(m.start - 1, m.start) {
                m.start -= 1;
                m.allow_the = false;
            }
        }
        if m.allow_the && ok(m.start) && matches!(s.low(m.start - 1), "the" | "this") {
            let w = s.low(m.start - 1);
            let first = s.lex(m.start);
            let this_ok = w != "this"
                || matches!(
                    first,
                    Lex::Ord(_) | Lex::Unit(Unit::Second, _) | Lex::Key(Key::Fiscal)
                );
            // An adjectival "third-quarter" or "1987" leaves its determiner to the noun.
            let adjectival = (m.end - m.start >= 3 && s.hyphen(m.end - 2) && m.value.contains('Q'))
                || (m.end - m.start == 1 && s.toks[m.start].kind == Kind::Num && !s.is(m.end, "s"));
            if this_ok && !adjectival {
                m.start -= 1;
            }
        }
        // Approximation: "about a decade", "more than four hours", "around 7:15 p.m.".
        let approx = m.kind == "DURATION" || m.kind == "TIME" || m.ago;
        if ok(m.start) {
            let w1 = s.low(m.start - 1);
            let w2 = if m.start >= 2 && ok(m.start - 1) {
                s.low(m.start - 2)
            } else {
                ""
            };
            let w3 = if m.start >= 3 && ok(m.start - 2) {
                s.low(m.start - 3)
            } else {
                ""
            };
            if approx {
                if w1 == "than" && matches!(w2, "more" | "less" | "fewer") {
                    m.start -= if w3 == "no" { 3 } else { 2 };
                } else if (w2 == "at" && matches!(w1, "least" | "most"))
                    || (w2 == "up" && w1 == "to")
                    || (w2 == "just" && matches!(w1, "over" | "under"))
                {
                    m.start -= 2;
                } else if matches!(
                    w1,
                    "about" | "around" | "nearly" | "almost" | "approximately" | "roughly" | "some"
                ) && !(w1 == "some" && m.kind != "DURATION")
                {
                    m.start -= 1;
                }
            } else if m.kind == "DATE" && w1 == "around" {
                m.start -= 1;
            }
        }
    }
}

/// "2023-Q3" → (2023, 3).
fn parse_quarter(v: &str) -> Option<(i32, u32)> {
    let b = v.as_bytes();
    if b.len() == 7 && b[4] == b'-' && b[5] == b'Q' && b[6].is_ascii_digit() {
        return Some((v[..4].parse().ok()?, (b[6] - b'0') as u32));
    }
    None
}
