//! Values of relative expressions: shifting the anchor by calendar units, picking the
//! previous or next weekday, month, season or quarter by tense, and the quarter last
//! mentioned. Without an anchor every value here is underspecified (`XXXX-...`).

use super::*;

impl<'s> Grammar<'s> {
    pub(super) fn tense(&self, i: usize, j: usize) -> Tense {
        tense_at(self.s, self.xpos, i, j)
    }

    pub(super) fn day(&self, off: i64) -> String {
        match self.anchor {
            Some(a) => a.add_days(off).ymd(),
            None => "XXXX-XX-XX".into(),
        }
    }

    pub(super) fn shift(&self, unit: Unit, n: i64) -> String {
        let Some(a) = self.anchor else {
            return match unit {
                Unit::Day | Unit::Hour | Unit::Minute | Unit::Second => "XXXX-XX-XX",
                Unit::Week | Unit::Fortnight => "XXXX-WXX",
                Unit::Weekend => "XXXX-WXX-WE",
                Unit::Month => "XXXX-XX",
                Unit::Quarter => "XXXX-QX",
                Unit::Year => "XXXX",
                Unit::Decade => "XXXX",
                Unit::Century | Unit::Millennium => "XXXX",
            }
            .into();
        };
        match unit {
            Unit::Day => a.add_days(n).ymd(),
            Unit::Hour | Unit::Minute | Unit::Second => a.ymd(),
            Unit::Week => a.add_days(7 * n).week_value(),
            Unit::Fortnight => a.add_days(14 * n).week_value(),
            Unit::Weekend => format!("{}-WE", a.add_days(7 * n).week_value()),
            Unit::Month => {
                let (y, m) = a.add_months(n as i32);
                format!("{y:04}-{m:02}")
            }
            Unit::Quarter => {
                let q = a.y as i64 * 4 + (a.quarter() - 1) as i64 + n;
                format!("{:04}-Q{}", q.div_euclid(4), q.rem_euclid(4) + 1)
            }
            Unit::Year => format!("{:04}", a.y as i64 + n),
            Unit::Decade => format!("{:03}", (a.y as i64).div_euclid(10) + n),
            Unit::Century => format!("{:02}XX", (a.y as i64).div_euclid(100) + n),
            Unit::Millennium => format!("{}XXX", (a.y as i64).div_euclid(1000) + n),
        }
    }

    /// Weekday `wd` relative to the anchor: `dir` -1 = on or before, -2 = strictly before,
    /// 1 = on or after, 2 = strictly after.
    pub(super) fn weekday(&self, wd: u32, dir: i8) -> String {
        let Some(a) = self.anchor else {
            return format!("XXXX-WXX-{wd}");
        };
        let cur = a.weekday() as i64;
        let wd = wd as i64;
        let off = if dir < 0 {
            let back = (cur - wd).rem_euclid(7);
            -(if back == 0 && dir == -2 { 7 } else { back })
        } else {
            let fwd = (wd - cur).rem_euclid(7);
            if fwd == 0 && dir == 2 {
                7
            } else {
                fwd
            }
        };
        a.add_days(off).ymd()
    }

    pub(super) fn weekday_dir(&self, t: Tense) -> i8 {
        if t == Tense::Future {
            1
        } else {
            -1
        }
    }

    /// Year of month `m` given the tense (`strict`: -1 last, 1 next, 0 this, None bare).
    pub(super) fn month_year(&self, m: u32, t: Tense, strict: Option<i8>) -> Option<i32> {
        let a = self.anchor?;
        let back = (a.m as i32 - m as i32).rem_euclid(12);
        let fwd = (m as i32 - a.m as i32).rem_euclid(12);
        let past_y = if m <= a.m { a.y } else { a.y - 1 };
        let fut_y = if m >= a.m { a.y } else { a.y + 1 };
        Some(match strict {
            Some(0) => a.y,
            Some(-1) => {
                if m < a.m {
                    a.y
                } else {
                    a.y - 1
                }
            }
            Some(_) => {
                if m > a.m {
                    a.y
                } else {
                    a.y + 1
                }
            }
            // Tense picks the side only within half a year: a date written without its year
            // is rarely more than six months away.
            None => match t {
                Tense::Past if back <= 6 => past_y,
                Tense::Future if fwd <= 6 => fut_y,
                _ => {
                    if back <= fwd {
                        past_y
                    } else {
                        fut_y
                    }
                }
            },
        })
    }

    pub(super) fn month_value(&self, m: u32, t: Tense, strict: Option<i8>) -> String {
        match self.month_year(m, t, strict) {
            Some(y) => format!("{y:04}-{m:02}"),
            None => format!("XXXX-{m:02}"),
        }
    }

    /// A month and day written without a year at token `at` ("December 27"): its year is
    /// the one nearest the reference time (see [`Grammar::reference_at`]).
    pub(super) fn month_day_value(&self, m: u32, d: u32, t: Tense, at: usize) -> String {
        self.yearly_value_from(self.reference_at(at), |y| Date::new(y, m, d), t).unwrap_or_else(|| format!("XXXX-{m:02}-{d:02}"))
    }

    /// The reference time at token `at`: the publication date, unless the text has just
    /// given a full date (day, month and year) more than half a year away from it — a
    /// story told from the past ("On December 16, 2010 … On December 27 …"), whose
    /// yearless dates belong to that time; "just" means within the last ten sentences.
    pub(super) fn reference_at(&self, at: usize) -> Option<Date> {
        let a = self.anchor?;
        let sent = self.s.toks.get(at).map_or(0, |t| t.sent);
        match self.narrative.get() {
            Some((d, s)) if sent.saturating_sub(s) <= 10 && (d.days() - a.days()).abs() > 183 => Some(d),
            _ => Some(a),
        }
    }

    /// Remember a full date written at token `at` as the story's time (see `reference_at`).
    pub(super) fn narrate(&self, d: Date, at: usize) {
        self.narrative.set(Some((d, self.s.toks.get(at).map_or(0, |t| t.sent))));
    }

    /// The value of a day that comes once a year (`cand(year)`), written without its year:
    /// the one before or after `anchor` by tense within half a year, else the nearer.
    /// `None` without an anchor.
    pub(super) fn yearly_value_from(&self, anchor: Option<Date>, cand: impl Fn(i32) -> Option<Date>, t: Tense) -> Option<String> {
        let a = anchor?;
        let this = cand(a.y);
        let (past, fut) = match this {
            Some(c) if c <= a => (Some(c), cand(a.y + 1)),
            Some(c) => (cand(a.y - 1), Some(c)),
            None => (cand(a.y - 1), cand(a.y + 1)),
        };
        let pick = match (past, fut, t) {
            (Some(p), _, Tense::Past) if a.days() - p.days() <= 183 => p,
            (_, Some(f), Tense::Future) if f.days() - a.days() <= 183 => f,
            (Some(p), Some(f), _) => {
                if a.days() - p.days() <= f.days() - a.days() {
                    p
                } else {
                    f
                }
            }
            (Some(p), None, _) => p,
            (None, Some(f), _) => f,
            (None, None, _) => return None,
        };
        Some(pick.ymd())
    }

    pub(super) fn season_value(&self, s: u8, t: Tense, strict: Option<i8>) -> String {
        let code = SEASON_CODES[s as usize];
        let Some(a) = self.anchor else {
            return format!("XXXX-{code}");
        };
        // Winter belongs to the year of its December: in January, the current season is
        // the previous year's winter.
        let (sy, cur) = match a.m {
            3..=5 => (a.y, 0),
            6..=8 => (a.y, 1),
            9..=11 => (a.y, 2),
            12 => (a.y, 3),
            _ => (a.y - 1, 3),
        };
        let y = match (strict, t) {
            (Some(0), _) => sy,
            (Some(-1), _) => {
                if s < cur {
                    sy
                } else {
                    sy - 1
                }
            }
            (Some(_), _) => {
                if s > cur {
                    sy
                } else {
                    sy + 1
                }
            }
            (None, Tense::Past) => {
                if s <= cur {
                    sy
                } else {
                    sy - 1
                }
            }
            (None, Tense::Future) => {
                if s >= cur {
                    sy
                } else {
                    sy + 1
                }
            }
            (None, Tense::Unknown) => sy,
        };
        format!("{y:04}-{code}")
    }

    /// Year of an ordinal quarter without an explicit year.
    pub(super) fn quarter_year(&self, q: u32, t: Tense) -> Option<i32> {
        let a = self.anchor?;
        Some(if q > a.quarter() && t != Tense::Future {
            a.y - 1
        } else {
            a.y
        })
    }

    /// The last mentioned quarter, if it is recent (within three sentences).
    pub(super) fn ref_quarter(&self, i: usize) -> Option<(i32, u32)> {
        let (y, q, sent) = self.last_quarter.get()?;
        (self.s.toks[i].sent.saturating_sub(sent) <= 2).then_some((y, q))
    }
}
