//! Quantities of time: durations ("three days", "the past two months", "10-year"),
//! anchored counts ("two years ago"), vague spans ("a long time") and sets ("every week").

use super::*;

impl<'s> Grammar<'s> {
    /// Quantity + unit: durations, "two years ago", "10-year".
    pub(super) fn qty_unit(&self, i: usize) -> Option<M> {
        let s = self.s;
        let (j, mut v) = self.qty(i)?;
        let mut k = j;
        let hyph = s.hyphen(k);
        if hyph || (UNIT_FILLERS.contains(&s.low(k)) && matches!(s.lex(k + 1), Lex::Unit(..))) {
            k += 1;
        }
        // "two to three weeks", "12 to 18 months"
        if !hyph && matches!(s.low(k), "to" | "or" | "-") {
            if let Some((k2, _)) = self.qty(k + 1) {
                if matches!(s.lex(k2), Lex::Unit(_, true)) {
                    k = k2;
                }
            }
        }
        let Lex::Unit(u, plural) = s.lex(k) else {
            return None;
        };
        if !plural && !hyph && s.toks[i].kind == Kind::Num && s.raw(i).len() == 4 {
            return None;
        }
        // "a quarter of", "three-quarters", "more than a quarter": fractions, not periods.
        if u == Unit::Quarter
            && (s.is(k + 1, "of")
                || (hyph && plural)
                || (i > 0
                    && matches!(
                        s.low(i - 1),
                        "about" | "than" | "nearly" | "almost" | "roughly" | "some"
                    )))
        {
            return None;
        }
        if s.hyphen(k + 1) && !s.is(k + 2, "long") {
            return None;
        }
        if u == Unit::Second
            && !(v == Some(1.0) || s.low(k) == "seconds")
            && s.lex(i) != Lex::Num(1)
        {
            // "a second quarter": ordinal, not a unit
            if matches!(s.lex(k + 1), Lex::Unit(..)) {
                return None;
            }
        }
        // A single "a" before a bare unit is weak evidence when the unit is "second".
        let mut end = k + 1;
        if s.hyphen(end) {
            end += 2;
        }
        if hyph {
            if s.hyphen(end) && s.is(end + 1, "old") {
                return None;
            }
            // Adjectival ("the two-week truce"): the determiner belongs to the noun.
            return Some(M::new(i, end, "DURATION", u.duration(v)));
        }
        if s.is(end, "old") || (s.is(end, "of") && s.is(end + 1, "age")) {
            return None;
        }
        if s.is(end, "and") && s.is(end + 1, "a") && s.is(end + 2, "half") {
            v = v.map(|x| x + 0.5);
            end += 3;
        }
        // "a week or so ago", "two years or so"
        if s.is(end, "or") && s.is(end + 1, "so") {
            end += 2;
        }
        if matches!(s.low(i), "a" | "an")
            && i > 0
            && !plural
            && !matches!(s.low(end), "ago" | "earlier" | "later" | "before")
        {
            let p = s.low(i - 1);
            if s.toks[i - 1].kind == Kind::Num
                || matches!(s.lex(i - 1), Lex::Scale(_))
                || matches!(
                    p,
                    "%" | "percent"
                        | "times"
                        | "dollars"
                        | "cents"
                        | "euros"
                        | "pounds"
                        | "once"
                        | "twice"
                )
            {
                return Some(M::new(i, end, "SET", u.duration(Some(1.0))));
            }
        }
        let next = s.low(end);
        if matches!(next, "ago" | "earlier" | "before" | "later" | "hence")
            || (next == "from" && s.is(end + 1, "now"))
        {
            if next == "before" {
                return Some(M::new(i, end, "DURATION", u.duration(v)).the());
            }
            let back = matches!(next, "ago" | "earlier");
            let e = if next == "from" { end + 2 } else { end + 1 };
            let val = match v {
                None => (if back { "PAST_REF" } else { "FUTURE_REF" }).to_string(),
                Some(n) => {
                    let n = n.round() as i64;
                    let n = if back { -n } else { n };
                    match (u, self.ref_quarter(i)) {
                        (Unit::Year, Some((y, q))) if n == -1 && next != "ago" => {
                            format!("{:04}-Q{q}", y - 1)
                        }
                        (Unit::Year, Some((y, q)))
                            if n == -1 && self.anchor.is_some_and(|a| a.y == y) =>
                        {
                            format!("{:04}-Q{q}", y - 1)
                        }
                        // "12 days earlier", "two days later" count from the day the text
                        // last spoke of ("ago", "hence", "from now" count from publication).
                        (Unit::Day, _) if matches!(next, "earlier" | "later") => match self.last_day.get() {
                            Some(d) => d.add_days(n).ymd(),
                            None => self.shift(u, n),
                        },
                        _ => self.shift(u, n),
                    }
                }
            };
            let mut m = M::new(i, e, "DATE", val);
            m.ago = true;
            return Some(m);
        }
        Some(M::new(i, end, "DURATION", u.duration(v)).the())
    }

    /// "a long time", "a while", "some time".
    pub(super) fn vague_span(&self, i: usize) -> Option<M> {
        let s = self.s;
        let w = s.low(i);
        if w == "a" || w == "an" {
            if s.is(i + 1, "long") && matches!(s.low(i + 2), "time" | "while") {
                return Some(M::new(i, i + 3, "DURATION", "PXX".into()));
            }
            if s.is(i + 1, "while") && !s.is(i + 2, "ago") {
                return Some(M::new(i, i + 2, "DURATION", "PXX".into()));
            }
        }
        if w == "some" && s.is(i + 1, "time") && !s.is(i + 2, "ago") && !s.is(i + 2, "to") {
            return Some(M::new(i, i + 2, "DURATION", "PXX".into()));
        }
        None
    }

    pub(super) fn set(&self, i: usize) -> Option<M> {
        let s = self.s;
        let mut j = i + 1;
        let mut n = 1.0;
        if s.is(j, "other") {
            n = 2.0;
            j += 1;
        }
        match s.lex(j) {
            Lex::Unit(u, false) => Some(M::new(i, j + 1, "SET", u.duration(Some(n)))),
            Lex::Weekday(d, false) if s.low(j).len() >= 6 => {
                Some(M::new(i, j + 1, "SET", format!("XXXX-WXX-{d}")))
            }
            Lex::Month(m) if s.toks[j].cap => Some(M::new(i, j + 1, "SET", format!("XXXX-{m:02}"))),
            Lex::Season(se, false) => Some(M::new(
                i,
                j + 1,
                "SET",
                format!("XXXX-{}", SEASON_CODES[se as usize]),
            )),
            Lex::DayPart(p) => Some(M::new(i, j + 1, "SET", format!("XXXX-XX-XXT{p}"))),
            _ => {
                let (k, v) = self.qty(j)?;
                let Lex::Unit(u, true) = s.lex(k) else {
                    return None;
                };
                Some(M::new(i, k + 1, "SET", u.duration(v)))
            }
        }
    }
}
