//! Calendar-named expressions: explicit dates in news formats, years, decades, centuries,
//! months, weekdays, seasons, quarters, halves and fiscal years, yesterday/today/tomorrow,
//! and the PRESENT_REF/PAST_REF adverbs.

use super::*;

impl<'s> Grammar<'s> {
    /// Digit-led dates: ISO, slashed, "24 June 2023", years, decades, "1988 third quarter".
    pub(super) fn numeric(&self, i: usize) -> Option<M> {
        let s = self.s;
        let raw = s.raw(i);
        // ISO 2023-06-24
        if raw.len() == 4
            && s.hyphen(i + 1)
            && s.raw(i + 2).len() == 2
            && s.hyphen(i + 3)
            && s.raw(i + 4).len() == 2
        {
            if let (Some(y), Some(m), Some(d)) = (s.int(i), s.int(i + 2), s.int(i + 4)) {
                if let Some(dt) = Date::new(y as i32, m, d) {
                    return Some(M::new(i, i + 5, "DATE", dt.ymd()));
                }
            }
        }
        // 6/24/2023 (US order; day first when the first number cannot be a month)
        if s.raw(i + 1) == "/"
            && s.glued(i + 1)
            && s.glued(i + 2)
            && s.raw(i + 3) == "/"
            && s.glued(i + 3)
            && s.glued(i + 4)
        {
            if let (Some(a), Some(b), Some(c)) = (s.int(i), s.int(i + 2), s.int(i + 4)) {
                let y = match s.raw(i + 4).len() {
                    4 => c as i32,
                    2 => {
                        if c < 50 {
                            2000 + c as i32
                        } else {
                            1900 + c as i32
                        }
                    }
                    _ => return None,
                };
                let (m, d) = if a > 12 { (b, a) } else { (a, b) };
                return Date::new(y, m, d).map(|dt| M::new(i, i + 5, "DATE", dt.ymd()));
            }
        }
        // 24 June [2023]
        if let Some(d) = s.int(i).filter(|d| (1..=31).contains(d) && raw.len() <= 2) {
            let mut j = i + 1;
            if matches!(s.low(j), "st" | "nd" | "rd" | "th") && s.glued(j) {
                j += 1;
            }
            if s.is(j, "of") {
                j += 1;
            }
            if let Lex::Month(m) = s.lex(j) {
                if s.toks[j].cap && self.month_ok(j) {
                    let mut e = j + 1;
                    if s.raw(e) == "."
                        && s.glued(e)
                        && s.low(j).len() <= 4
                        && !matches!(s.low(j), "may" | "june" | "july")
                    {
                        e += 1;
                    }
                    let m = m as u32;
                    if let Some((y, e2)) = self.year_at(if s.raw(e) == "," { e + 1 } else { e }) {
                        if let Some(dt) = Date::new(y, m, d) {
                            self.narrate(dt, i);
                            return Some(M::new(i, e2, "DATE", dt.ymd()));
                        }
                    }
                    let t = self.tense(i, e);
                    return Some(M::new(i, e, "DATE", self.month_day_value(m, d, t, i)).the());
                }
            }
        }
        // Years and decades.
        let y = self.year4(i)?;
        if s.is(i + 1, "s") && s.glued(i + 1) && y % 10 == 0 {
            // "the 1800s" is the nineteenth century, as people use it (written "18XX" like
            // "the nineteenth century"); "the 2000s" and "the 1980s" are decades.
            let value = if y % 100 == 0 && y < 2000 { format!("{}XX", y / 100) } else { format!("{}", y / 10) };
            return Some(M::new(i, i + 2, "DATE", value).the());
        }
        if i > 0 && matches!(s.raw(i - 1), "$" | "£" | "€" | "#" | "¥") && s.glued(i) {
            return None;
        }
        let next = s.low(i + 1);
        if matches!(next, "%" | "percent" | "per") || matches!(s.lex(i + 1), Lex::Scale(_)) {
            return None;
        }
        if s.glued(i + 1) && s.toks.get(i + 1).is_some_and(|t| t.kind == Kind::Word) {
            return None;
        }
        // A number after a name inside a sentence is part of it: "Vision 2030", "Orion 1980".
        if i >= 2
            && s.same_sent(i - 2, i)
            && s.toks[i - 1].kind == Kind::Word
            && s.toks[i - 1].cap
            && matches!(s.lex(i - 1), Lex::None)
        {
            return None;
        }
        // "2000 dollars", "1500 troops": a count before a plural noun, unless a preposition
        // or determiner makes it a year ("in 2000 elections were held", "the 2000 elections").
        let prev = if i > 0 && s.same_sent(i - 1, i) {
            s.low(i - 1)
        } else {
            ""
        };
        let next_t = s.toks.get(i + 1);
        if next_t.is_some_and(|t| t.kind == Kind::Word && !t.cap && t.lex == Lex::None)
            && next.ends_with('s')
            && !matches!(
                prev,
                "in" | "since"
                    | "until"
                    | "by"
                    | "of"
                    | "from"
                    | "to"
                    | "before"
                    | "after"
                    | "during"
                    | "the"
                    | "its"
                    | "their"
                    | "his"
                    | "her"
                    | "early"
                    | "late"
                    | "mid"
                    | "-"
            )
        {
            return None;
        }
        // Years outside 1900-2099 only after a word that introduces a year ("in 1648"), or
        // between a determiner or possessive and the singular noun or title they date ("a
        // 1761 work", "Caillebotte's 1877 A Boating Party"; not "a 1500 mile trip").
        // The scan splits "Caillebotte's" into "Caillebotte", "'", "s".
        let possessive = i >= 2 && s.low(i - 1) == "s" && matches!(s.raw(i - 2), "'" | "’") && s.glued(i - 1);
        let dated_noun = (matches!(prev, "a" | "an" | "the" | "his" | "her" | "its" | "their") || possessive)
            && next_t.is_some_and(|t| t.kind == Kind::Word && (t.cap || t.lex == Lex::None))
            && !next.ends_with('s')
            && !matches!(next, "mile" | "word" | "metre" | "meter" | "foot" | "feet" | "pound" | "acre" | "page" | "square" | "seat" | "strong" | "member" | "kilometre" | "kilometer" | "yard" | "ton" | "tonne");
        if !(1900..=2099).contains(&y)
            && !dated_noun
            && !matches!(
                prev,
                "in" | "since"
                    | "until"
                    | "by"
                    | "of"
                    | "from"
                    | "year"
                    | "circa"
                    | "before"
                    | "after"
                    | "to"
            )
        {
            return None;
        }
        // "1988 third quarter", "the 1988 period"
        if let Some(mut q) = self.quarter_at(i + 1, Some(y)) {
            q.start = i;
            return Some(q.the());
        }
        // "the 1988 period", "the 1989 quarter"
        if matches!(s.low(i + 1), "period" | "quarter") {
            let v = match self.ref_quarter(i) {
                Some((_, q)) => format!("{y:04}-Q{q}"),
                None => format!("{y:04}"),
            };
            return Some(M::new(i, i + 2, "DATE", v).the());
        }
        self.last_year.set(Some(y));
        Some(M::new(i, i + 1, "DATE", format!("{y:04}")).the())
    }

    /// "May" and "March" are months only in date contexts; other full names when capitalised;
    /// abbreviations only before "." or a number.
    pub(super) fn month_ok(&self, i: usize) -> bool {
        let s = self.s;
        let t = s.toks[i];
        if !t.cap {
            return false;
        }
        let w = s.low(i);
        let next_num = s.toks.get(i + 1).is_some_and(|n| n.kind == Kind::Num);
        if w.len() <= 4 && !matches!(w, "june" | "july" | "may") {
            return (s.raw(i + 1) == "." && s.glued(i + 1)) || next_num;
        }
        if matches!(w, "may" | "march") {
            let prev = if i > 0 { s.low(i - 1) } else { "" };
            return next_num
                || matches!(
                    prev,
                    "in" | "since"
                        | "until"
                        | "by"
                        | "of"
                        | "last"
                        | "next"
                        | "this"
                        | "early"
                        | "late"
                        | "mid"
                        | "before"
                        | "after"
                        | "through"
                        | "from"
                        | "to"
                        | "-"
                        | "between"
                        | "and"
                        | "during"
                        | "till"
                        | "on"
                )
                || matches!(s.low(i + 1), "this" | "last" | "next")
                || s.int(i + 1).is_some()
                || (i > 0 && s.toks[i - 1].kind == Kind::Num);
        }
        true
    }

    pub(super) fn month(&self, i: usize, m: u32) -> Option<M> {
        let s = self.s;
        if !self.month_ok(i) {
            return None;
        }
        let mut j = i + 1;
        if s.raw(j) == "." && s.glued(j) {
            j += 1;
        }
        // Month day [, year]
        if let Some(d) = s
            .int(j)
            .filter(|d| (1..=31).contains(d) && s.raw(j).len() <= 2)
        {
            let mut e = j + 1;
            if matches!(s.low(e), "st" | "nd" | "rd" | "th") && s.glued(e) {
                e += 1;
            }
            let after_comma = if s.raw(e) == "," { e + 1 } else { e };
            if let Some((y, e2)) = self.year_at(after_comma) {
                if let Some(dt) = Date::new(y, m, d) {
                    self.narrate(dt, i);
                    return Some(M::new(i, e2, "DATE", dt.ymd()));
                }
            }
            let t = self.tense(i, e);
            return Some(M::new(i, e, "DATE", self.month_day_value(m, d, t, i)));
        }
        // Month [,|of] year
        let k = if s.raw(j) == "," || s.is(j, "of") {
            j + 1
        } else {
            j
        };
        if let Some((y, e)) = self.year_at(k) {
            return Some(M::new(i, e, "DATE", format!("{y:04}-{m:02}")));
        }
        // Month this/last/next year
        if matches!(s.low(j), "this" | "last" | "next") && s.is(j + 1, "year") {
            let n = match s.low(j) {
                "last" => -1,
                "next" => 1,
                _ => 0,
            };
            let v = match self.anchor {
                Some(a) => format!("{:04}-{m:02}", a.y + n),
                None => format!("XXXX-{m:02}"),
            };
            return Some(M::new(i, j + 2, "DATE", v));
        }
        // Abbreviations alone are too ambiguous ("Mar", "Dec").
        let end = if j > i + 1 { i + 1 } else { j };
        if let Some(y) = self.range_year(end) {
            return Some(M::new(i, end, "DATE", format!("{y:04}-{m:02}")));
        }
        let t = self.tense(i, end);
        Some(M::new(i, end, "DATE", self.month_value(m, t, None)))
    }

    /// The year that closes a range of months opened at `k`: "January to October 2023",
    /// "March and April, 2020", "June - August 12, 2021". The writer gives the year once,
    /// after the second month, and it dates the first too.
    fn range_year(&self, k: usize) -> Option<i32> {
        let s = self.s;
        if !matches!(s.low(k), "to" | "through" | "until" | "and" | "-" | "–") {
            return None;
        }
        let Lex::Month(_) = s.lex(k + 1) else { return None };
        if !self.month_ok(k + 1) {
            return None;
        }
        let mut e = k + 2;
        if s.int(e).is_some_and(|d| (1..=31).contains(&d) && s.raw(e).len() <= 2) {
            e += 1;
        }
        if s.raw(e) == "," {
            e += 1;
        }
        self.year_at(e).map(|(y, _)| y)
    }

    pub(super) fn weekday_expr(&self, i: usize, d: u32, plural: bool) -> Option<M> {
        let s = self.s;
        let w = s.low(i);
        let full = w.len() >= 6;
        let mut j = i + 1;
        if !full && !plural {
            if !(s.raw(j) == "." && s.glued(j)) {
                return None;
            }
            j += 1;
        }
        if !s.toks[i].cap {
            return None;
        }
        if plural {
            return Some(M::new(i, j, "SET", format!("XXXX-WXX-{d}")));
        }
        // Weekday, Month Day [, Year]
        let k = if s.raw(j) == "," { j + 1 } else { j };
        let md = match s.lex(k) {
            Lex::Month(m) => self.month(k, m as u32),
            _ => self.numeric(k),
        };
        if let Some(mut md) = md.filter(|m| m.value.len() == 10) {
            md.start = i;
            // Without a written year, the weekday picks it: "Monday, March 4" is the March 4
            // nearest the anchor that falls on a Monday.
            let has_year = (k..md.end).any(|t| self.year4(t).is_some());
            if let (false, Some(a), Some(dt)) = (has_year, self.anchor, parse_iso(&md.value)) {
                if dt.weekday() != d {
                    let best = [-1, 1, -2, 2]
                        .iter()
                        .filter_map(|dy| Date::new(dt.y + dy, dt.m, dt.d))
                        .filter(|c| c.weekday() == d)
                        .min_by_key(|c| (c.days() - a.days()).abs());
                    if let Some(c) = best {
                        md.value = c.ymd();
                    }
                }
            }
            return Some(md);
        }
        // Weekday part-of-day
        if let Lex::DayPart(p) = s.lex(j) {
            let t = self.tense(i, j + 1);
            let v = self.weekday(d, self.weekday_dir(t));
            return Some(M::new(i, j + 1, "TIME", format!("{v}T{p}")));
        }
        if matches!(s.low(j), "nights" | "mornings" | "evenings" | "afternoons") {
            let p = match s.low(j) {
                "nights" => "NI",
                "mornings" => "MO",
                "evenings" => "EV",
                _ => "AF",
            };
            return Some(M::new(i, j + 1, "SET", format!("XXXX-WXX-{d}T{p}")));
        }
        let t = self.tense(i, j);
        Some(M::new(i, j, "DATE", self.weekday(d, self.weekday_dir(t))))
    }

    /// A capitalised word inside a sentence after another capitalised word is part of a name
    /// ("USA Today", "Economy Today", "Apocalypse Now").
    pub(super) fn in_name(&self, i: usize) -> bool {
        let s = self.s;
        s.toks[i].cap
            && i >= 2
            && s.same_sent(i - 2, i)
            && s.toks[i - 1].cap
            && s.toks[i - 1].kind == Kind::Word
    }

    pub(super) fn deictic(&self, i: usize) -> Option<M> {
        let s = self.s;
        if self.in_name(i) {
            return None;
        }
        let (off, night) = match s.low(i) {
            "yesterday" => (-1, false),
            "today" => (0, false),
            "tomorrow" => (1, false),
            _ => (0, true),
        };
        if night {
            return Some(M::new(i, i + 1, "TIME", format!("{}TNI", self.day(off))));
        }
        if let Lex::DayPart(p) = s.lex(i + 1) {
            return Some(M::new(i, i + 2, "TIME", format!("{}T{p}", self.day(off))));
        }
        Some(M::new(i, i + 1, "DATE", self.day(off)))
    }

    pub(super) fn reference(&self, i: usize) -> Option<M> {
        let s = self.s;
        if self.in_name(i) {
            return None;
        }
        let v = match s.low(i) {
            "now" | "currently" | "nowadays" | "presently" => "PRESENT_REF",
            _ => "PAST_REF",
        };
        // "now" as a discourse marker ("Now, ...") is still tagged by TimeBank; "by now",
        // "until now" and "from now on" too. "just now" / "right now" keep the adverb.
        let mut start = i;
        if i > 0
            && s.same_sent(i - 1, i)
            && ((v == "PRESENT_REF" && s.is(i - 1, "right"))
                || (v == "PAST_REF" && s.is(i - 1, "more")))
        {
            start = i - 1;
        }
        Some(M::new(start, i + 1, "DATE", v.into()))
    }

    /// "'80s".
    pub(super) fn short_decade(&self, i: usize) -> Option<M> {
        let s = self.s;
        let n = s.int(i + 1)?;
        if s.raw(i + 1).len() != 2
            || n % 10 != 0
            || !s.glued(i + 1)
            || !(s.is(i + 2, "s") && s.glued(i + 2))
        {
            return None;
        }
        let century = match self.anchor {
            Some(a) if (n as i32) <= a.y % 100 && a.y >= 2000 => 20,
            _ => 19,
        };
        Some(M::new(i, i + 3, "DATE", format!("{century}{}", n / 10)).the())
    }

    /// "nineteen ninety-six".
    pub(super) fn spelled_year(&self, i: usize) -> Option<M> {
        let s = self.s;
        if !matches!(s.lex(i), Lex::Num(19) | Lex::Num(18) | Lex::Num(20)) {
            return None;
        }
        let (y, e) = self.year_at(i)?;
        Some(M::new(i, e, "DATE", format!("{y:04}")))
    }

    pub(super) fn season(&self, i: usize, se: u8, plural: bool) -> Option<M> {
        let s = self.s;
        if plural {
            return None;
        }
        let prev = if i > 0 { s.low(i - 1) } else { "" };
        let j = if s.is(i + 1, "of") { i + 2 } else { i + 1 };
        if let Some((y, e)) = self.year_at(j) {
            return Some(
                M::new(
                    i,
                    e,
                    "DATE",
                    format!("{y:04}-{}", SEASON_CODES[se as usize]),
                )
                .the(),
            );
        }
        if !matches!(
            prev,
            "the"
                | "this"
                | "in"
                | "early"
                | "late"
                | "mid"
                | "during"
                | "since"
                | "until"
                | "by"
                | "next"
                | "last"
                | "over"
                | "through"
        ) {
            return None;
        }
        if se == 2
            && s.low(i) == "fall"
            && !matches!(
                prev,
                "the"
                    | "this"
                    | "in"
                    | "last"
                    | "next"
                    | "early"
                    | "late"
                    | "since"
                    | "until"
                    | "by"
            )
        {
            return None;
        }
        let t = self.tense(i, i + 1);
        Some(M::new(i, i + 1, "DATE", self.season_value(se, t, None)).the())
    }

    /// [fiscal] ordinal [-] quarter [of YEAR]; `year` given when a year came before.
    pub(super) fn quarter_at(&self, i: usize, year: Option<i32>) -> Option<M> {
        let s = self.s;
        let mut j = i;
        if s.is(j, "fiscal") {
            j += 1;
        }
        // "Q3"
        let (q, mut k) = match s.raw(j) {
            "Q" if s.glued(j + 1) && s.int(j + 1).is_some_and(|q| (1..=4).contains(&q)) => {
                (s.int(j + 1).unwrap_or(1), j + 2)
            }
            _ => {
                let (n, mut k) = self.ordinal(j)?;
                if s.hyphen(k) {
                    k += 1;
                }
                if !(1..=4).contains(&n) || !matches!(s.lex(k), Lex::Unit(Unit::Quarter, _)) {
                    return None;
                }
                if matches!(s.lex(k), Lex::Unit(Unit::Quarter, true)) {
                    return Some(M::new(i, k + 1, "SET", format!("XXXX-Q{n}")));
                }
                (n, k + 1)
            }
        };
        let y = if let Some((y, e)) = self.year_after_of(k) {
            k = e;
            Some(y)
        } else if let Some(y) = self.year4(k).filter(|_| s.raw(j) == "Q") {
            k += 1;
            Some(y)
        } else {
            year.or_else(|| self.quarter_year(q, self.tense(i, k)))
        };
        let v = match y {
            Some(y) => format!("{y:04}-Q{q}"),
            None => format!("XXXX-Q{q}"),
        };
        let mut m = M::new(i, k, "DATE", v);
        m.sets_ref = true;
        Some(m)
    }

    /// Ordinal + quarter/half/century, at `i`.
    pub(super) fn ordinal_unit(&self, i: usize) -> Option<M> {
        if let Some(q) = self.quarter_at(i, None) {
            return Some(q.the());
        }
        let s = self.s;
        let (n, j) = self.ordinal(i)?;
        let mut k = j;
        if s.hyphen(k) {
            k += 1;
        }
        match s.lex(k) {
            Lex::Unit(Unit::Century, false) if (1..=30).contains(&n) => {
                Some(M::new(i, k + 1, "DATE", format!("{:02}XX", n - 1)).the())
            }
            Lex::Key(Key::Half) if n <= 2 => {
                let (y, e) = match self.year_after_of(k + 1) {
                    Some(x) => x,
                    None => (self.anchor.map(|a| a.y)?, k + 1),
                };
                Some(M::new(i, e, "DATE", format!("{y:04}-H{n}")).the())
            }
            _ => None,
        }
    }

    /// "of 2023" after a quarter or half.
    pub(super) fn year_after_of(&self, i: usize) -> Option<(i32, usize)> {
        if self.s.is(i, "of") {
            return self.year_at(i + 1);
        }
        None
    }

    pub(super) fn fiscal(&self, i: usize) -> Option<M> {
        let s = self.s;
        let mut j = i + 1;
        if s.is(j, "year") {
            if let Some((y, e)) = self.year_at(j + 1) {
                return Some(M::new(i, e, "DATE", format!("{y:04}")).the());
            }
            j += 1;
            return Some(M::new(i, j, "DURATION", "P1Y".into()).the());
        }
        if let Some((y, e)) = self.year_at(j) {
            return Some(M::new(i, e, "DATE", format!("{y:04}")).the());
        }
        self.quarter_at(i, None).map(M::the)
    }
}
