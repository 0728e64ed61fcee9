//! Quotation spans: pairs of opening and closing marks (straight and curly double quotes,
//! guillemets, curly single quotes at word edges), including quotes that run over several
//! paragraphs (an opening mark at each paragraph start, no closing mark until the last).
//! One linear pass over the characters; a mark that cannot be paired is dropped. This
//! module finds the spans only; deciding whether a span is a quotation, a scare quote or a
//! title is the attributor's job.

use newsgraph_core::Span;

/// One quotation found in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quote {
    /// From the opening mark to just after the closing mark.
    pub outer: Span,
    /// The words between the marks.
    pub inner: Span,
    /// True when the quote runs over more than one paragraph.
    pub multi_paragraph: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Family {
    Double,
    Single,
    Guillemet,
}

fn opening(c: char) -> Option<Family> {
    match c {
        '“' | '„' => Some(Family::Double),
        '«' => Some(Family::Guillemet),
        '‘' => Some(Family::Single),
        _ => None,
    }
}

fn closing(c: char) -> Option<Family> {
    match c {
        '”' => Some(Family::Double),
        '»' => Some(Family::Guillemet),
        '’' => Some(Family::Single),
        _ => None,
    }
}

/// Every quotation in `text`, in text order, not overlapping (nested quotes are inside the
/// outer one and not reported).
pub fn find_quotes(text: &str) -> Vec<Quote> {
    let mut out = Vec::new();
    // Some outlets quote with straight single marks ('Let's not …,' she said) and use no
    // double marks at all. Only in such a text is a straight single mark at the start of a
    // word an opening mark; anywhere else it is an apostrophe.
    let single_style = !text.contains(['"', '“', '”']) && !text.contains("''");
    // (position of the opening mark, its family, paragraphs crossed)
    let mut open: Option<(usize, Family, bool)> = None;
    let mut prev: char = '\n';
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let next = iter.peek().map(|&(_, n)| n).unwrap_or('\n');
        if c == '\n' {
            if let Some((start, fam, _)) = open {
                // A paragraph ends inside a quote: it goes on only if the next paragraph
                // opens with a mark of the same family.
                let rest = &text[i..];
                let trimmed = rest.trim_start();
                let first = trimmed.chars().next();
                let continues = match (fam, first) {
                    (Family::Double, Some('“' | '"' | '„')) => true,
                    (Family::Guillemet, Some('«')) => true,
                    (Family::Single, Some('‘')) => true,
                    (Family::Single, Some('\'')) => single_style,
                    _ => false,
                };
                if continues {
                    let skip_to = i + (rest.len() - trimmed.len()) + first.map_or(0, char::len_utf8);
                    while let Some(&(j, _)) = iter.peek() {
                        if j >= skip_to {
                            break;
                        }
                        iter.next();
                    }
                    open = Some((start, fam, true));
                    prev = ' ';
                    continue;
                }
                open = None;
            }
            prev = c;
            continue;
        }
        let word_before = prev.is_alphanumeric();
        let mut word_after = next.is_alphanumeric();
        // Two apostrophes ('' and ``) stand for a double quotation mark in some archives.
        let mut c = c;
        let mut width = 1;
        if (c == '\'' && next == '\'') || (c == '`' && next == '`') {
            iter.next();
            word_after = iter.peek().is_some_and(|&(_, n)| n.is_alphanumeric());
            c = '"';
            width = 2;
        }
        if c == '\'' && single_style {
            match open {
                None if !word_before && next.is_alphabetic() => open = Some((i, Family::Single, false)),
                Some((start, Family::Single, multi)) if (word_before || matches!(prev, '.' | ',' | '!' | '?' | '…')) && !word_after && !plural_possessive(text, i, prev) => {
                    push(&mut out, text, start, i, 1, multi);
                    open = None;
                }
                _ => {}
            }
        } else if c == '"' {
            match open {
                Some((start, Family::Double, multi)) => {
                    push(&mut out, text, start, i, width, multi);
                    open = None;
                }
                None if !word_before || prev == '(' => open = Some((i, Family::Double, false)),
                _ => {}
            }
        } else if let Some(fam) = opening(c) {
            let edge_ok = fam != Family::Single || !word_before;
            if edge_ok {
                match open {
                    // Single quotes nest inside double ones: leave them to the outer quote.
                    Some((_, outer, _)) if outer != fam || fam != Family::Single => {
                        if outer == fam {
                            // A second opening mark of the same family: the first was stray.
                            open = Some((i, fam, false));
                        }
                    }
                    Some(_) => {}
                    None => open = Some((i, fam, false)),
                }
            }
        } else if let Some(fam) = closing(c) {
            if let Some((start, f, multi)) = open {
                // A curly apostrophe inside a word ("don’t") is not a closing mark.
                let apostrophe = fam == Family::Single && word_before && word_after;
                if f == fam && !apostrophe {
                    push(&mut out, text, start, i, c.len_utf8(), multi);
                    open = None;
                }
            }
        }
        prev = c;
    }
    out
}

/// A straight mark at `i` after an "s" and before a lower-case word ("the farmers' union")
/// is a plural possessive, not a closing mark.
fn plural_possessive(text: &str, i: usize, prev: char) -> bool {
    let mut after = text[i + 1..].chars();
    prev == 's' && after.next() == Some(' ') && after.next().is_some_and(char::is_lowercase)
}

fn push(out: &mut Vec<Quote>, text: &str, start: usize, close: usize, close_len: usize, multi: bool) {
    let open_len = if text[start..].starts_with("''") || text[start..].starts_with("``") {
        2
    } else {
        text[start..].chars().next().map_or(1, char::len_utf8)
    };
    let (mut a, mut b) = (start + open_len, close);
    // The inner span excludes surrounding spaces.
    while a < b && text.as_bytes()[a].is_ascii_whitespace() {
        a += 1;
    }
    while b > a && text.as_bytes()[b - 1].is_ascii_whitespace() {
        b -= 1;
    }
    if b > a {
        out.push(Quote { outer: Span::new(start, close + close_len), inner: Span::new(a, b), multi_paragraph: multi });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inners(text: &str) -> Vec<&str> {
        find_quotes(text).iter().map(|q| q.inner.text(text)).collect()
    }

    #[test]
    fn curly_straight_and_guillemets() {
        assert_eq!(inners("He said “yes,” and \"no\" and «peut-être»."), vec!["yes,", "no", "peut-être"]);
    }

    #[test]
    fn apostrophes_do_not_close_single_quotes() {
        assert_eq!(inners("She called it ‘the people’s choice’ today."), vec!["the people’s choice"]);
        assert_eq!(inners("Don’t worry, it’s fine."), Vec::<&str>::new());
    }

    #[test]
    fn multi_paragraph_quote_continues_at_opening_mark() {
        let text = "“First part.\n\n“Second part,” he said.";
        let q = find_quotes(text);
        assert_eq!(q.len(), 1);
        assert!(q[0].multi_paragraph);
        assert_eq!(q[0].inner.text(text), "First part.\n\n“Second part,");
    }

    #[test]
    fn unclosed_quote_is_dropped_at_paragraph_end() {
        assert_eq!(inners("“Dangling words\n\nNew paragraph “ok” here."), vec!["ok"]);
    }

    #[test]
    fn doubled_apostrophes_are_double_quotes() {
        assert_eq!(inners("''It works,'' he said. ``Yes.''"), vec!["It works,", "Yes."]);
    }

    #[test]
    fn straight_single_marks_quote_only_in_a_text_without_double_marks() {
        let text = "Mr Roe said: 'We're ready. The farmers' union agrees.'\n\nHe called it 'totally misleading' and left the '90s behind.";
        assert_eq!(inners(text), vec!["We're ready. The farmers' union agrees.", "totally misleading"]);
        let text = "'First part.\n\n'Second part,' he said.";
        assert_eq!(find_quotes(text).len(), 1, "a quote over two paragraphs");
        // With double marks in the text, straight single ones are apostrophes.
        assert_eq!(inners("He said “yes” to the 'plan' today."), vec!["yes"]);
    }

    #[test]
    fn nested_single_quotes_stay_inside() {
        assert_eq!(inners("“He told me ‘go home’ twice,” she said."), vec!["He told me ‘go home’ twice,"]);
    }
}
