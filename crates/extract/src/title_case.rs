//! Which sentences are written in title case, as headlines often are ("Clinton Hid Past
//! Health Problems From Public, Former White House Doctor Says"). In them capitals mark no
//! names, so the stages that read capitals as names (the tagger's proper nouns, the
//! resolver's missed names) must not trust them. One definition for every stage; this module
//! only classifies sentences.

use newsgraph_core::Doc;

use crate::attribution::lexicon as lx;

/// Share of a sentence's longer words (four letters or more) that must be capitalised.
const MIN_SHARE: f32 = 0.8;
/// Longer words a sentence with some lowercase ones needs before it can count.
const MIN_WORDS: usize = 3;

/// For each token, whether its sentence is in title case: it has no lowercase word of four
/// letters or more, or (after its first word) at least four in five of its longer words are
/// capitalised, three at least, and a capitalised word is a cue or a function word ("For",
/// "Says": a list of names is no headline).
pub(crate) fn title_case_tokens(doc: &Doc) -> Vec<bool> {
    let mut out = vec![false; doc.tokens.len()];
    let mut lower = String::new();
    for s in &doc.sentences {
        let (a, b) = (s.first as usize, (s.end as usize).min(doc.tokens.len()));
        if title_case(doc, a, b, &mut lower) {
            out[a..b].fill(true);
        }
    }
    out
}

/// Is the sentence of tokens `[a, b)` in title case (see [`title_case_tokens`])?
fn title_case(doc: &Doc, a: usize, b: usize, lower: &mut String) -> bool {
    let (mut words, mut capital, mut common, mut lowercase_word) = (0usize, 0usize, false, false);
    for i in a..b {
        let t = doc.token_text(i);
        if !t.chars().all(char::is_alphabetic) {
            continue;
        }
        let long = t.chars().count() >= 4;
        let capitalised = t.starts_with(char::is_uppercase);
        lowercase_word |= long && !capitalised;
        if i == a {
            continue;
        }
        if capitalised {
            lower.clear();
            lower.extend(t.chars().flat_map(char::to_lowercase));
            let w = lower.as_str();
            common |= lx::is_cue_word_untagged(w) || lx::is_preposition(w) || lx::is_clause_word(w) || lx::is_determiner(w);
        }
        if long {
            words += 1;
            capital += usize::from(capitalised);
        }
    }
    !lowercase_word || (words >= MIN_WORDS && common && capital as f32 >= MIN_SHARE * words as f32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsgraph_core::{Meta, Stage};
    use newsgraph_text::Segmenter;

    fn title_case_of(text: &str) -> bool {
        let mut d = Doc::new(Meta::default(), text.into());
        Segmenter.process(&mut d);
        title_case_tokens(&d)[0]
    }

    #[test]
    fn headlines_are_title_case_and_prose_is_not() {
        assert!(title_case_of("Clinton Hid Past Health Problems From Public, Former White House Doctor Says"));
        assert!(title_case_of("Lukashenko Invites Wagner"), "no lowercase word at all");
        assert!(!title_case_of("Lukashenko said the Wagner Group would train his army."));
        // Mostly capitals but no function or cue word among them: a list of names.
        assert!(!title_case_of("Among them were Mayor Eric Adams, Governor Kathy Hochul and Senator Chuck Schumer."));
    }
}
