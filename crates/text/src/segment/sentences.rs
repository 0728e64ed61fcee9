//! Sentence boundaries over a token sequence. A sentence ends at a paragraph or line break,
//! or after terminal punctuation (. ! ? … and closing quotes or brackets glued to it) when the
//! next token can start a sentence. An abbreviation that keeps its period ("U.S.", "Inc.")
//! ends a sentence only when a typical sentence opener follows. It does not look at
//! part-of-speech tags (the tagger runs after segmentation).

use newsgraph_core::{Sentence, Span};

use super::lexicon::{SENTENCE_STARTERS, TITLES};
use super::tokenize::is_abbreviation;

/// Longest sentence emitted, in tokens: a guard for text without punctuation.
const MAX_SENTENCE_TOKENS: usize = 400;

#[derive(PartialEq)]
enum Gap {
    /// No whitespace between the tokens.
    None,
    /// Spaces only.
    Space,
    /// One line break.
    Line,
    /// A blank line: a paragraph break.
    Paragraph,
}

fn gap(text: &str, a: Span, b: Span) -> Gap {
    let between = &text[a.end as usize..b.start as usize];
    match between.as_bytes() {
        [] => return Gap::None,
        [b' '] => return Gap::Space,
        _ => {}
    }
    match memchr::memchr_iter(b'\n', between.as_bytes()).count() {
        0 => Gap::Space,
        1 => Gap::Line,
        _ => Gap::Paragraph,
    }
}

fn is_terminal(t: &str) -> bool {
    matches!(t, "." | "!" | "?" | "…" | "?!" | "!?") || (t.len() >= 2 && t.bytes().all(|b| b == b'.' || b == b'!' || b == b'?'))
}

fn is_closer(t: &str) -> bool {
    matches!(t, "\"" | "”" | "’" | "'" | ")" | "]" | "}" | "»" | "›")
}

/// Can `t` open a sentence?
fn can_start(t: &str) -> bool {
    match t.chars().next() {
        Some(c) => c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '“' | '‘' | '\'' | '(' | '[' | '«' | '—' | '–' | '-' | '*' | '•' | '$' | '£' | '€'),
        None => false,
    }
}

/// Group `tokens` of `text` into sentences.
pub fn split(text: &str, tokens: &[Span], out: &mut Vec<Sentence>) {
    if tokens.is_empty() {
        return;
    }
    let mut first = 0usize;
    let mut paragraph_start = true;
    let mut i = 0usize;
    while i < tokens.len() {
        let mut end = i + 1;
        let mut boundary = false;
        // Only tokens ending in . ! ? or … can end a sentence: test the last byte first.
        let last = text.as_bytes()[tokens[i].end as usize - 1];
        let t = if matches!(last, b'.' | b'!' | b'?' | 0xA6) { tokens[i].text(text) } else { "" };
        if !t.is_empty() && (is_terminal(t) || (t.ends_with('.') && t.len() > 1 && is_abbreviation(t))) {
            // Glue closing quotes/brackets that touch the mark.
            while end < tokens.len() && is_closer(tokens[end].text(text)) && gap(text, tokens[end - 1], tokens[end]) == Gap::None {
                end += 1;
            }
            if end < tokens.len() {
                let next = tokens[end].text(text);
                boundary = if is_terminal(t) {
                    can_start(next)
                } else {
                    !TITLES.contains(&t) && SENTENCE_STARTERS.contains(&next)
                };
            }
        }
        // Line and paragraph breaks always end a sentence.
        let hard = end < tokens.len() && matches!(gap(text, tokens[end - 1], tokens[end]), Gap::Line | Gap::Paragraph);
        if boundary || hard || end == tokens.len() || end - first >= MAX_SENTENCE_TOKENS {
            out.push(Sentence { first: first as u32, end: end as u32, paragraph_start });
            paragraph_start = end < tokens.len() && hard;
            first = end;
        }
        i = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::tokenize::tokenize;

    fn sents(text: &str) -> Vec<String> {
        let mut toks = Vec::new();
        tokenize(text, &mut toks);
        let mut out = Vec::new();
        split(text, &toks, &mut out);
        out.iter().map(|s| toks[s.first as usize..s.end as usize].iter().map(|t| t.text(text)).collect::<Vec<_>>().join(" ")).collect()
    }

    #[test]
    fn ends_at_terminal_punctuation() {
        assert_eq!(sents("He left. She stayed! Why? Yes."), ["He left .", "She stayed !", "Why ?", "Yes ."]);
    }

    #[test]
    fn abbreviations_and_initials_do_not_end_sentences() {
        assert_eq!(sents("Sen. Ben Sasse met Dmitry K. Kiselyov at 3 p.m. on Jan. 5 in Washington."), ["Sen. Ben Sasse met Dmitry K. Kiselyov at 3 p.m. on Jan. 5 in Washington ."]);
        assert_eq!(sents("He flew to the U.S. The trip was short."), ["He flew to the U.S.", "The trip was short ."]);
        assert_eq!(sents("The U.S. Senate voted."), ["The U.S. Senate voted ."]);
        // A temperature's scale letter is no initial.
        assert_eq!(sents("It warmed by 2.4°C. This October was hot."), ["It warmed by 2.4°C .", "This October was hot ."]);
    }

    #[test]
    fn quotes_closing_after_the_period_stay_with_the_sentence() {
        assert_eq!(sents("“We will accept it.” Lukashenko smiled. He said: “Go.”"), ["“ We will accept it . ”", "Lukashenko smiled .", "He said : “ Go . ”"]);
        assert_eq!(sents("“Here,” he said. Then"), ["“ Here , ” he said .", "Then"]);
    }

    #[test]
    fn paragraph_breaks_end_sentences_and_are_marked() {
        let text = "Media group shut down\n\nThe regulator acted. It said so";
        let mut toks = Vec::new();
        tokenize(text, &mut toks);
        let mut out = Vec::new();
        split(text, &toks, &mut out);
        assert_eq!(out.len(), 3);
        assert!(out[0].paragraph_start && out[1].paragraph_start && !out[2].paragraph_start);
    }

    #[test]
    fn lowercase_after_period_continues() {
        assert_eq!(sents("Jeb! was better, etc. and so on."), ["Jeb ! was better , etc. and so on ."]);
    }
}
