//! Publication dates from metadata into ISO 8601: ISO dates and date-times are kept (a
//! space before the time becomes `T`), RFC 822/2822 dates (RSS `pubDate`) are converted.
//! Anything else is dropped rather than guessed: free-text dates are the time stage's job.
//! Hand-written because only these two fixed formats are needed (a date crate would bring
//! a large dependency for two parsers).

/// Normalise a metadata date to ISO 8601, or `None` when it is neither ISO nor RFC 2822.
pub fn normalize(s: &str) -> Option<String> {
    let s = s.trim();
    iso(s).or_else(|| rfc2822(s))
}

fn digits(s: &str, n: usize) -> Option<u32> {
    let d = s.get(..n)?;
    if d.bytes().all(|b| b.is_ascii_digit()) {
        d.parse().ok()
    } else {
        None
    }
}

fn iso(s: &str) -> Option<String> {
    let y = digits(s, 4)?;
    let b = s.as_bytes();
    if b.get(4) != Some(&b'-') {
        return None;
    }
    let m = digits(&s[5..], 2)?;
    if b.get(7) != Some(&b'-') {
        return None;
    }
    let d = digits(&s[8..], 2)?;
    if !(1000..=2999).contains(&y) || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let mut out = format!("{y:04}-{m:02}-{d:02}");
    let rest = &s[10..];
    if let Some(t) = rest.strip_prefix('T').or_else(|| rest.strip_prefix(' ')) {
        // HH:MM[:SS[.fff]][Z|+HH:MM|+HHMM]
        let end = t.find(|c: char| !(c.is_ascii_digit() || matches!(c, ':' | '.' | '+' | '-' | 'Z'))).unwrap_or(t.len());
        let t = &t[..end];
        if digits(t, 2).is_some() && t.as_bytes().get(2) == Some(&b':') && digits(&t[3..], 2).is_some() {
            out.push('T');
            out.push_str(t);
        }
    }
    Some(out)
}

const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

fn rfc2822(s: &str) -> Option<String> {
    // Optional "Fri," then "30 Jun 2023 10:00:00 +0200".
    let s = match s.find(',') {
        Some(i) if i <= 10 => &s[i + 1..],
        _ => s,
    };
    let mut parts = s.split_whitespace();
    let day: u32 = parts.next()?.parse().ok()?;
    let mon = parts.next()?.to_ascii_lowercase();
    let m = MONTHS.iter().position(|x| mon.starts_with(x))? as u32 + 1;
    let year_s = parts.next()?;
    let mut y: u32 = year_s.parse().ok()?;
    if year_s.len() == 2 {
        y += if y < 50 { 2000 } else { 1900 };
    }
    if !(1..=31).contains(&day) || !(1000..=2999).contains(&y) {
        return None;
    }
    let mut out = format!("{y:04}-{m:02}-{day:02}");
    if let Some(time) = parts.next() {
        let hms: Vec<&str> = time.split(':').collect();
        if hms.len() >= 2 && hms.iter().all(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit())) {
            out.push('T');
            out.push_str(time);
            if hms.len() == 2 {
                out.push_str(":00");
            }
            match parts.next() {
                Some(z) if z.len() == 5 && (z.starts_with('+') || z.starts_with('-')) && digits(&z[1..], 4).is_some() => {
                    if &z[1..] == "0000" {
                        out.push('Z');
                    } else {
                        out.push_str(&z[..3]);
                        out.push(':');
                        out.push_str(&z[3..]);
                    }
                }
                Some("GMT" | "UT" | "UTC" | "Z") => out.push('Z'),
                _ => {}
            }
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn iso_forms() {
        assert_eq!(normalize("2023-06-30").as_deref(), Some("2023-06-30"));
        assert_eq!(normalize(" 2023-06-30T10:05:00+02:00 ").as_deref(), Some("2023-06-30T10:05:00+02:00"));
        assert_eq!(normalize("2023-06-30 10:05").as_deref(), Some("2023-06-30T10:05"));
        assert_eq!(normalize("2023-13-30"), None);
    }

    #[test]
    fn rfc2822_forms() {
        assert_eq!(normalize("Fri, 30 Jun 2023 10:00:00 GMT").as_deref(), Some("2023-06-30T10:00:00Z"));
        assert_eq!(normalize("Mon, 3 Jul 2023 08:15:00 +0200").as_deref(), Some("2023-07-03T08:15:00+02:00"));
        assert_eq!(normalize("5 June 2023").as_deref(), Some("2023-06-05"));
        assert_eq!(normalize("last Tuesday"), None);
    }
}
