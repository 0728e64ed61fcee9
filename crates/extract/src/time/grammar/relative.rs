//! Expressions relative to the anchor or to the text: last/next/this + unit, weekday,
//! month or season; early/late/mid and "the end of" around a date; bare units ("years",
//! "the quarter", "year-earlier"); FUTURE_REF phrases.

use super::*;

impl<'s> Grammar<'s> {
    /// last/next/this/coming/past + unit, weekday, month, season, part of day.
    pub(super) fn modifier(&self, i: usize) -> Option<M> {
        let s = self.s;
        let w = s.low(i);
        // A capitalised unit after a modifier inside a sentence is a title ("This Week").
        if s.toks[i].cap
            && s.toks.get(i + 1).is_some_and(|t| t.cap)
            && i > 0
            && s.same_sent(i - 1, i)
        {
            return None;
        }
        if w == "that" {
            return match s.lex(i + 1) {
                Lex::Unit(Unit::Year, false) => self
                    .last_year
                    .get()
                    .map(|y| M::new(i, i + 2, "DATE", format!("{y:04}"))),
                Lex::Unit(Unit::Quarter, false) => self
                    .ref_quarter(i)
                    .map(|(y, q)| M::new(i, i + 2, "DATE", format!("{y:04}-Q{q}"))),
                _ => None,
            };
        }
        if w == "latest" && s.is(i + 1, "period") {
            return Some(M::new(i, i + 2, "DATE", self.shift(Unit::Quarter, -1)).the());
        }
        let mut dir: i8 = match w {
            "last" | "past" | "previous" | "prior" | "latest" => -1,
            "next" | "coming" | "following" | "upcoming" => 1,
            "this" | "current" => 0,
            _ => return None,
        };
        let mut j = i + 1;
        if w == "this" && matches!(s.low(j), "past" | "coming") {
            dir = if s.is(j, "past") { -1 } else { 1 };
            j += 1;
        }
        let the_before = i > 0 && s.is(i - 1, "the");
        if s.is(j, "fiscal") {
            j += 1;
        }
        let t = || self.tense(i, j + 1);
        match s.lex(j) {
            Lex::Unit(u, false) => {
                let v = match u {
                    Unit::Day => {
                        if dir == 0 {
                            return None;
                        }
                        // "the next day", "the previous day" count from the day the text
                        // last spoke of (TimeML's reference time), not from publication.
                        match self.last_day.get().filter(|_| the_before || matches!(w, "following" | "previous" | "prior")) {
                            Some(d) => d.add_days(dir as i64).ymd(),
                            None => self.day(dir as i64),
                        }
                    }
                    Unit::Weekend => {
                        if dir == 0 {
                            let t = t();
                            self.shift(
                                Unit::Weekend,
                                if t == Tense::Past && self.anchor.is_some_and(|a| a.weekday() < 6)
                                {
                                    -1
                                } else {
                                    0
                                },
                            )
                        } else {
                            self.shift(Unit::Weekend, dir as i64)
                        }
                    }
                    Unit::Quarter if w == "latest" || (w == "last" && the_before) => {
                        self.shift(Unit::Quarter, -1)
                    }
                    Unit::Hour | Unit::Minute | Unit::Second => {
                        if dir == 0 {
                            return None;
                        }
                        return Some(M::new(i, j + 1, "DURATION", u.duration(Some(1.0))).the());
                    }
                    Unit::Year if w == "past" && the_before => self.shift(Unit::Year, -1),
                    Unit::Year
                        if the_before
                            && matches!(w, "following" | "previous" | "prior")
                            && self.last_year.get().is_some() =>
                    {
                        format!("{:04}", self.last_year.get().unwrap_or(0) + dir as i32)
                    }
                    Unit::Week | Unit::Month | Unit::Year if w == "past" => {
                        return Some(M::new(i, j + 1, "DURATION", u.duration(Some(1.0))).the());
                    }
                    _ => self.shift(u, dir as i64),
                };
                // "last year's third quarter"
                if u == Unit::Year && matches!(s.raw(j + 1), "'" | "’") && s.is(j + 2, "s") {
                    if let Some(a) = self.anchor {
                        if let Some(mut q) = self.quarter_at(j + 3, Some(a.y + dir as i32)) {
                            q.start = i;
                            return Some(q.the());
                        }
                    }
                }
                Some(M::new(i, j + 1, "DATE", v).the())
            }
            Lex::Unit(_, true) if dir != 0 => {
                let v = if dir < 0 { "PAST_REF" } else { "FUTURE_REF" };
                Some(M::new(i, j + 1, "DATE", v.into()).the())
            }
            Lex::Weekday(d, false) if s.toks[j].cap && s.low(j).len() >= 6 => {
                let v = match dir {
                    -1 => self.weekday(d as u32, -2),
                    1 => self.weekday(d as u32, 2),
                    _ => self.weekday(d as u32, self.weekday_dir(t())),
                };
                Some(M::new(i, j + 1, "DATE", v).the())
            }
            Lex::Month(m) if s.toks[j].cap && s.low(j).len() >= 3 => {
                let v = self.month_value(m as u32, t(), Some(dir));
                Some(M::new(i, j + 1, "DATE", v).the())
            }
            Lex::Season(se, false) => {
                Some(M::new(i, j + 1, "DATE", self.season_value(se, t(), Some(dir))).the())
            }
            Lex::DayPart(p) => {
                let off = match (dir, p) {
                    (-1, _) => -1,
                    (1, _) => 1,
                    _ => 0,
                };
                Some(M::new(i, j + 1, "TIME", format!("{}T{p}", self.day(off))).the())
            }
            Lex::Key(Key::Half) if dir == -1 && s.is(j + 1, "of") => {
                let (y, e) = self.year_at(j + 2)?;
                Some(M::new(i, e, "DATE", format!("{y:04}-H2")).the())
            }
            _ => {
                if w == "past"
                    && the_before
                    && !matches!(
                        s.lex(j),
                        Lex::Num(_) | Lex::Key(Key::Vague) | Lex::Key(Key::A)
                    )
                    && s.toks.get(j).is_none_or(|t| t.kind != Kind::Num)
                {
                    return Some(M::new(i - 1, i + 1, "DATE", "PAST_REF".into()));
                }
                if w == "this" {
                    // "this year's third quarter"
                    None
                } else {
                    None
                }
            }
        }
    }

    /// early/late/mid/earlier/later + date; "the end/beginning/middle of" + date.
    pub(super) fn edge(&self, i: usize) -> Option<M> {
        let s = self.s;
        let w = s.low(i);
        let mut j = i + 1;
        if matches!(w, "end" | "beginning" | "start" | "middle") {
            if !s.is(j, "of") {
                return None;
            }
            j += 1;
            // "the end of the year/month/week"
            let k = if matches!(s.low(j), "the" | "this") {
                j + 1
            } else {
                j
            };
            if let Lex::Unit(
                u @ (Unit::Year
                | Unit::Month
                | Unit::Week
                | Unit::Quarter
                | Unit::Decade
                | Unit::Century),
                false,
            ) = s.lex(k)
            {
                if matches!(s.low(j), "the" | "this") {
                    return Some(M::new(i, k + 1, "DATE", self.shift(u, 0)).the());
                }
            }
            if s.is(j, "the") {
                j += 1;
            }
        } else if s.hyphen(j) {
            j += 1;
        } else if matches!(w, "earlier" | "later") && s.is(j, "in") && s.is(j + 1, "the") {
            if let Lex::Unit(u @ (Unit::Year | Unit::Month | Unit::Week | Unit::Day), false) =
                s.lex(j + 2)
            {
                return Some(M::new(i, j + 3, "DATE", self.shift(u, 0)));
            }
            return None;
        }
        if j >= s.toks.len() || !s.same_sent(i, j) {
            return None;
        }
        let inner = self.at(j)?;
        if inner.start != j
            || !matches!(inner.kind, "DATE" | "TIME")
            || inner.ago
            || inner.value.ends_with("_REF")
        {
            return None;
        }
        Some(M {
            start: i,
            allow_the: true,
            ..inner
        })
    }

    /// A bare unit word: "years" (PXY), "year-earlier", "the quarter", "the weekend",
    /// "the day before yesterday", "year-end".
    pub(super) fn unit_word(&self, i: usize, u: Unit, plural: bool) -> Option<M> {
        let s = self.s;
        let prev = if i > 0 && s.same_sent(i - 1, i) {
            s.low(i - 1)
        } else {
            ""
        };
        if plural {
            if matches!(u, Unit::Second | Unit::Minute | Unit::Quarter) || s.is(i + 1, "old") {
                return None;
            }
            if matches!(
                prev,
                "working"
                    | "office"
                    | "business"
                    | "opening"
                    | "visiting"
                    | "peak"
                    | "trading"
                    | "man"
                    | "wee"
                    | "small"
                    | "those"
                    | "early"
                    | "late"
                    | "his"
                    | "her"
                    | "their"
                    | "my"
                    | "its"
                    | "our"
                    | "your"
            ) {
                return None;
            }
            if s.hyphen(i + 1) || (i > 0 && s.hyphen(i - 1)) {
                return None;
            }
            // "terawatt hours", "light years", "person hours": a unit of something else.
            if prev == "recent" || crate::time::lexicon::is_power_unit(prev) || matches!(prev, "light" | "person") {
                return None;
            }
            let end = if s.is(i + 1, "ahead") { i + 2 } else { i + 1 };
            return Some(M::new(i, end, "DURATION", u.duration(None)).the());
        }
        match u {
            Unit::Year => {
                if s.hyphen(i + 1) && matches!(s.low(i + 2), "earlier" | "ago") {
                    let mut e = i + 3;
                    if let Some(q) = self.quarter_at(e, self.anchor.map(|a| a.y - 1)) {
                        return Some(
                            M {
                                start: i,
                                sets_ref: false,
                                ..q
                            }
                            .the(),
                        );
                    }
                    let v = if matches!(s.low(e), "period" | "quarter") {
                        e += 1;
                        match self.ref_quarter(i) {
                            Some((y, q)) => format!("{:04}-Q{q}", y - 1),
                            None => self.shift(Unit::Quarter, -5),
                        }
                    } else {
                        match self.ref_quarter(i) {
                            Some((y, q)) => format!("{:04}-Q{q}", y - 1),
                            None => self.shift(Unit::Year, -1),
                        }
                    };
                    return Some(M::new(i, e, "DATE", v).the());
                }
                if (s.hyphen(i + 1) && s.is(i + 2, "end")) || s.is(i + 1, "end") {
                    let e = if s.is(i + 1, "end") { i + 2 } else { i + 3 };
                    return Some(M::new(i, e, "DATE", self.shift(Unit::Year, 0)));
                }
                if matches!(s.raw(i + 1), "'" | "’") && s.is(i + 2, "s") && s.is(i + 3, "end") {
                    return Some(M::new(i, i + 4, "DATE", self.shift(Unit::Year, 0)));
                }
                if prev == "the" {
                    if let Some((y, e)) = self.year_at(i + 1) {
                        return Some(M::new(i, e, "DATE", format!("{y:04}")).the());
                    }
                    // "for the year ended Sept. 30": a fiscal year, a duration.
                    if matches!(s.low(i + 1), "ended" | "ending" | "to") {
                        return Some(M::new(i, i + 1, "DURATION", "P1Y".into()).the());
                    }
                    let prev2 = if i >= 2 { s.low(i - 2) } else { "" };
                    if matches!(prev2, "for" | "of" | "during" | "in")
                        && !matches!(s.low(i + 1), "'" | "’" | "before" | "after")
                    {
                        return Some(M::new(i, i + 1, "DATE", self.shift(Unit::Year, 0)).the());
                    }
                }
                if prev == "full" && i >= 2 && s.is(i - 2, "the") {
                    return Some(M::new(i - 1, i + 1, "DATE", self.shift(Unit::Year, 0)).the());
                }
                None
            }
            Unit::Day if prev == "the" => {
                let (off, w) = match s.low(i + 1) {
                    "before" => (-2, "yesterday"),
                    "after" => (2, "tomorrow"),
                    _ => return None,
                };
                s.is(i + 2, w)
                    .then(|| M::new(i, i + 3, "DATE", self.day(off)).the())
            }
            Unit::Quarter
                if prev == "the" && !s.is(i + 1, "of") && !(matches!(s.raw(i + 1), "'" | "’")) =>
            {
                let v = match self.ref_quarter(i) {
                    Some((y, q)) => format!("{y:04}-Q{q}"),
                    None => self.shift(Unit::Quarter, -1),
                };
                Some(M::new(i, i + 1, "DATE", v).the())
            }
            Unit::Weekend if prev == "the" => {
                let t = self.tense(i, i + 1);
                let past = t != Tense::Future && self.anchor.is_some_and(|a| a.weekday() < 6);
                Some(
                    M::new(
                        i,
                        i + 1,
                        "DATE",
                        self.shift(Unit::Weekend, if past { -1 } else { 0 }),
                    )
                    .the(),
                )
            }
            _ => None,
        }
    }

    pub(super) fn other(&self, i: usize) -> Option<M> {
        let s = self.s;
        let w = s.low(i);
        let prev = |k: usize| {
            if i >= k && s.same_sent(i - k, i) {
                s.low(i - k)
            } else {
                ""
            }
        };
        match w {
            "recent" => {
                if let Lex::Unit(u, true) = s.lex(i + 1) {
                    return Some(M::new(i, i + 2, "DURATION", u.duration(None)));
                }
                None
            }
            "future" => {
                if prev(1) == "the" {
                    return Some(M::new(i - 1, i + 1, "DATE", "FUTURE_REF".into()));
                }
                if prev(1) == "near" && prev(2) == "the" {
                    return Some(M::new(i - 2, i + 1, "DATE", "FUTURE_REF".into()));
                }
                None
            }
            "term" if matches!(prev(1), "near" | "short") && prev(2) == "the" => {
                Some(M::new(i - 2, i + 1, "DATE", "FUTURE_REF".into()))
            }
            "these" if s.is(i + 1, "days") => Some(M::new(i, i + 2, "DATE", "PRESENT_REF".into())),
            "eighties" | "nineties" | "seventies" | "sixties" | "fifties" if prev(1) == "the" => {
                let d = match w {
                    "fifties" => 5,
                    "sixties" => 6,
                    "seventies" => 7,
                    "eighties" => 8,
                    _ => 9,
                };
                Some(M::new(i, i + 1, "DATE", format!("19{d}")).the())
            }
            "q" => self.quarter_at(i, None),
            "h" if s.raw(i) == "H" && s.glued(i + 1) && matches!(s.int(i + 1), Some(1 | 2)) => {
                let h = s.int(i + 1)?;
                let (y, e) = match self.year4(i + 2) {
                    Some(y) => (y, i + 3),
                    None => (self.anchor.map(|a| a.y)?, i + 2),
                };
                Some(M::new(i, e, "DATE", format!("{y:04}-H{h}")))
            }
            "fy" if s.toks[i].cap => {
                let k = i + 1;
                let y = self.year4(k).or_else(|| {
                    let n = s.int(k)?;
                    (s.raw(k).len() == 2).then(|| {
                        if n < 50 {
                            2000 + n as i32
                        } else {
                            1900 + n as i32
                        }
                    })
                })?;
                Some(M::new(i, k + 1, "DATE", format!("{y:04}")))
            }
            _ => None,
        }
    }
}
