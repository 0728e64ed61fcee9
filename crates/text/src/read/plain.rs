//! Plain-text articles: the first line is the title when it looks like a headline (short,
//! at most one sentence, followed by a blank line and more text); the rest is the body.
//! Line endings and spacing are left to cleaning.

/// Split a plain-text article into an optional title and the body.
pub fn split_title(text: &str) -> (Option<String>, &str) {
    let start = text.len() - text.trim_start().len();
    let rest = &text[start..];
    let Some(nl) = rest.find('\n') else { return (None, text) };
    let first = rest[..nl].trim();
    let after = &rest[nl + 1..];
    // A blank line must follow, then more text.
    let Some(nl2) = after.find('\n') else { return (None, text) };
    if !after[..nl2].trim().is_empty() || after[nl2 + 1..].trim().is_empty() {
        return (None, text);
    }
    if looks_like_title(first) {
        (Some(first.to_string()), &after[nl2 + 1..])
    } else {
        (None, text)
    }
}

/// A headline: 1 to 30 words and at most 200 characters, no sentence break inside, and no
/// trailing period unless it is short (some outlets end headlines with one).
pub fn looks_like_title(line: &str) -> bool {
    let words = line.split_whitespace().count();
    if words == 0 || words > 30 || line.chars().count() > 200 {
        return false;
    }
    if line.ends_with([',', ';', ':']) {
        return false;
    }
    // A sentence break inside: ". X", "! X", "? X" with an upper-case letter after, not
    // after a one- or two-letter abbreviation such as "U.S." or "Mr.".
    let bytes = line.as_bytes();
    let mut breaks = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if matches!(b, b'.' | b'!' | b'?') && bytes.get(i + 1) == Some(&b' ') {
            let next_upper = line[i + 2..].chars().next().is_some_and(char::is_uppercase);
            let word_before = line[..i].rsplit(' ').next().unwrap_or("");
            let abbrev = b == b'.' && (word_before.len() <= 3 || word_before.contains('.'));
            if next_upper && !abbrev {
                breaks += 1;
            }
        }
    }
    if breaks > 0 {
        return false;
    }
    !(line.ends_with('.') && !line.ends_with("...") && words > 15)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headline_then_blank_line_is_title() {
        let (t, body) = split_title("Belarusian leader asks Wagner mercenaries to train his military\n\nBelarusian President spoke.\n");
        assert_eq!(t.as_deref(), Some("Belarusian leader asks Wagner mercenaries to train his military"));
        assert_eq!(body, "Belarusian President spoke.\n");
        let (t, _) = split_title("\r\nFloods close 40 roads in Kent\r\n\r\nHeavy rain fell overnight.");
        assert_eq!(t.as_deref(), Some("Floods close 40 roads in Kent"));
    }

    #[test]
    fn sentences_are_not_titles() {
        let text = "The council voted on Monday to close the bridge. Repairs will take a year.\n\nMore text.";
        assert_eq!(split_title(text).0, None);
        // No blank line after the first line: a wrapped paragraph, not a title.
        assert_eq!(split_title("Short first line\nthat continues here.\n\nNext.").0, None);
        // Nothing after it.
        assert_eq!(split_title("Only a line\n\n").0, None);
        let long = "The minister said on Tuesday that the government would review its plans for the new rail line after protests in several towns.\n\nBody.";
        assert_eq!(split_title(long).0, None);
    }

    #[test]
    fn abbreviations_and_short_period_headlines() {
        assert!(looks_like_title("U.S. Sen. Warren visits St. Louis plant"));
        assert!(looks_like_title("Mr. Smith goes to Washington."));
        assert!(!looks_like_title("Prices rose. Wages fell"));
    }
}
