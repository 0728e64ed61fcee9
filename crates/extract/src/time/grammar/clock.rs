//! Clock times ("3 p.m.", "10:30 a.m. Wednesday", "noon Saturday"), with the date that
//! follows them ("noon on Dec. 20" too, the date kept as its own expression), else the
//! last day-precise date mentioned before them, else the anchor's.

use super::*;

impl<'s> Grammar<'s> {
    /// Clock times: "3 p.m.", "10:30 a.m. EST Wednesday", "14:30 GMT".
    pub(super) fn clock(&self, i: usize) -> Option<M> {
        let s = self.s;
        let mut h = s.int(i)?;
        // Military time: "0500 GMT", "1430 hours".
        if s.raw(i).len() == 4 {
            let zone = matches!(
                s.raw(i + 1),
                "GMT" | "UTC" | "Z" | "hours" | "hrs" | "local"
            );
            let (hh, mm) = (h / 100, h % 100);
            if !zone || hh > 24 || mm > 59 {
                return None;
            }
            let end = if s.is(i + 1, "local") && s.is(i + 2, "time") {
                i + 3
            } else {
                i + 2
            };
            let (date, end) = self.date_after(end).unwrap_or_else(|| (self.day(0), end));
            return Some(M::new(i, end, "TIME", format!("{date}T{hh:02}:{mm:02}")));
        }
        if s.raw(i).len() > 2 {
            return None;
        }
        let mut j = i + 1;
        let mut min = None;
        if s.raw(j) == ":" && s.glued(j) && s.glued(j + 1) && s.raw(j + 1).len() == 2 {
            min = Some(s.int(j + 1)?);
            j += 2;
        } else if s.raw(j) == "." && s.glued(j) {
            // "3.30pm" is scanned as one number; nothing to do here.
        }
        let mer = match s.low(j) {
            "a.m." | "am" | "a.m" => Some(false),
            "p.m." | "pm" | "p.m" => Some(true),
            "o" if matches!(s.raw(j + 1), "'" | "’") && s.is(j + 2, "clock") => {
                j += 3;
                None
            }
            _ => {
                // A 24-hour "14:30" needs a zone or a preposition to be a time.
                min?;
                let zone = matches!(
                    s.low(j),
                    "gmt"
                        | "utc"
                        | "hours"
                        | "hrs"
                        | "local"
                        | "est"
                        | "edt"
                        | "cet"
                        | "bst"
                        | "et"
                        | "pt"
                );
                let prep = i > 0
                    && matches!(
                        s.low(i - 1),
                        "at" | "by" | "until" | "before" | "after" | "from" | "since"
                    );
                if !zone && !prep {
                    return None;
                }
                None
            }
        };
        if matches!(s.low(j), "a.m." | "am" | "a.m" | "p.m." | "pm" | "p.m") {
            j += 1;
        }
        if h > 24 || min.is_some_and(|m| m > 59) || (mer.is_some() && (h == 0 || h > 12)) {
            return None;
        }
        if mer == Some(true) && h < 12 {
            h += 12;
        } else if mer == Some(false) && h == 12 {
            h = 0;
        }
        if matches!(
            s.raw(j),
            "EST"
                | "EDT"
                | "GMT"
                | "UTC"
                | "CET"
                | "BST"
                | "ET"
                | "PT"
                | "PST"
                | "PDT"
                | "CST"
                | "CDT"
                | "MSK"
        ) {
            j += 1;
        } else if s.is(j, "local") && s.is(j + 1, "time") {
            j += 2;
        }
        let time = format!("T{h:02}:{:02}", min.unwrap_or(0));
        let (date, end) = self.date_after(j).unwrap_or_else(|| (self.reference_day(), j));
        Some(M::new(i, end, "TIME", format!("{date}{time}")))
    }

    /// The day a clock time with no date of its own falls on: the last day-precise date
    /// mentioned before it, else the anchor's day.
    fn reference_day(&self) -> String {
        self.last_day.get().map_or_else(|| self.day(0), Date::ymd)
    }

    /// A day-precise date right after a clock time ("Wednesday", ", Nov. 9", "yesterday"),
    /// and where the time expression ends. After "on" ("noon on Dec. 20") the date gives
    /// the time its day but stays an expression of its own, as TimeBank marks them.
    pub(super) fn date_after(&self, j: usize) -> Option<(String, usize)> {
        let s = self.s;
        if s.raw(j) == "on" {
            return self.date_after(j + 1).filter(|_| s.raw(j + 1) != ",").map(|(day, _)| (day, j));
        }
        let k = if s.raw(j) == "," { j + 1 } else { j };
        if k >= s.toks.len() || !s.same_sent(j.saturating_sub(1), k) {
            return None;
        }
        let m = match s.lex(k) {
            Lex::Weekday(..) | Lex::Month(_) | Lex::Key(Key::Deictic) => self.at(k)?,
            _ => return None,
        };
        let day = m.value.get(..10)?;
        (m.kind == "DATE" && (day.len() == 10 && day.as_bytes()[4] == b'-'))
            .then(|| (day.to_string(), m.end))
    }

    pub(super) fn noon(&self, i: usize) -> Option<M> {
        let s = self.s;
        let time = if s.is(i, "midnight") {
            "T24:00"
        } else {
            "T12:00"
        };
        let (date, end) = self
            .date_after(i + 1)
            .unwrap_or_else(|| (self.reference_day(), i + 1));
        Some(M::new(i, end, "TIME", format!("{date}{time}")))
    }
}
