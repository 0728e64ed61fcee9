//! Proleptic Gregorian calendar arithmetic for resolving relative dates: day numbers,
//! weekdays, ISO weeks, month and year shifts, and formatting of TIMEX3 date values.
//!
//! Written by hand (about 100 lines) rather than pulling chrono or jiff: the tagger needs
//! only civil-date arithmetic with no time zones, and the algorithms (Howard Hinnant's
//! days-from-civil) are short and exact. It never reads the system clock.

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    /// Year (astronomical numbering).
    pub y: i32,
    /// Month 1..=12.
    pub m: u32,
    /// Day 1..=31.
    pub d: u32,
}

impl Date {
    /// A date, if the fields are valid.
    pub fn new(y: i32, m: u32, d: u32) -> Option<Date> {
        ((1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m)).then_some(Date { y, m, d })
    }

    /// Days since 1970-01-01.
    pub fn days(self) -> i64 {
        let y = if self.m <= 2 {
            self.y as i64 - 1
        } else {
            self.y as i64
        };
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let m = self.m as i64;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + self.d as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146097 + doe - 719468
    }

    /// The date `z` days after 1970-01-01.
    pub fn from_days(z: i64) -> Date {
        let z = z + 719468;
        let era = if z >= 0 { z } else { z - 146096 } / 146097;
        let doe = z - era * 146097;
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let y = (yoe + era * 400) as i32 + if m <= 2 { 1 } else { 0 };
        Date { y, m, d }
    }

    /// This date shifted by `n` days.
    pub fn add_days(self, n: i64) -> Date {
        Date::from_days(self.days() + n)
    }

    /// ISO weekday, Monday = 1 .. Sunday = 7.
    pub fn weekday(self) -> u32 {
        ((self.days() + 3).rem_euclid(7) + 1) as u32
    }

    /// ISO week-numbering year and week.
    pub fn iso_week(self) -> (i32, u32) {
        let thursday = self.add_days(4 - self.weekday() as i64);
        let jan1 = Date {
            y: thursday.y,
            m: 1,
            d: 1,
        };
        let week = ((thursday.days() - jan1.days()) / 7 + 1) as u32;
        (thursday.y, week)
    }

    /// The first day (1) of the month `n` months away.
    pub fn add_months(self, n: i32) -> (i32, u32) {
        let idx = self.y * 12 + self.m as i32 - 1 + n;
        (idx.div_euclid(12), (idx.rem_euclid(12) + 1) as u32)
    }

    /// `YYYY-MM-DD`.
    pub fn ymd(self) -> String {
        format!("{:04}-{:02}-{:02}", self.y, self.m, self.d)
    }

    /// `YYYY-Www` of this date's ISO week.
    pub fn week_value(self) -> String {
        let (y, w) = self.iso_week();
        format!("{y:04}-W{w:02}")
    }

    /// Quarter 1..=4.
    pub fn quarter(self) -> u32 {
        (self.m - 1) / 3 + 1
    }
}

/// Days in month `m` of year `y`.
pub fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// Parse the date part of an ISO 8601 date or date-time (`2023-06-30`, `2023-06-30T10:00Z`,
/// `20230630`).
pub fn parse_iso(s: &str) -> Option<Date> {
    let s = s.trim();
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<u32> { s.get(r)?.parse().ok() };
    if b.len() >= 10 && b[4] == b'-' && b[7] == b'-' {
        return Date::new(num(0..4)? as i32, num(5..7)?, num(8..10)?);
    }
    if b.len() >= 8 && b[..8].iter().all(u8::is_ascii_digit) {
        return Date::new(num(0..4)? as i32, num(4..6)?, num(6..8)?);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_weekdays() {
        let d = Date::new(2023, 6, 30).unwrap();
        assert_eq!(Date::from_days(d.days()), d);
        assert_eq!(d.weekday(), 5); // Friday
        assert_eq!(d.week_value(), "2023-W26");
        assert_eq!(Date::new(2021, 1, 3).unwrap().week_value(), "2020-W53");
        assert_eq!(d.add_days(-6).ymd(), "2023-06-24");
        assert_eq!(
            Date::new(2024, 2, 28).unwrap().add_days(1).ymd(),
            "2024-02-29"
        );
        assert_eq!(d.add_months(-7), (2022, 11));
        assert_eq!(parse_iso("2023-06-30T10:00:00Z"), Some(d));
        assert_eq!(parse_iso("19891026"), Date::new(1989, 10, 26));
        assert_eq!(parse_iso("June"), None);
    }
}
