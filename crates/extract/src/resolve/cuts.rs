//! Name mentions the recogniser ran on past the name, over lowercase words that no name
//! holds: "Kimbell Art Museum in Fort Worth", "WhiTim Napa LLC who represents Camp
//! Margaritaville Resorts", "Office for Students should demand". Such a mention is cut at
//! every lowercase word other than a name's connectors ("of", "for", "and", "de", "the",
//! …) and after a weekday that opens it ("In his speech Friday Lukashenko said"), and each
//! run of words left that holds a capital becomes a mention of its own:
//! - the first keeps the recogniser's type;
//! - a run after a locating preposition ("in Fort Worth", "near Kherson") is a place,
//!   unless it ends in an institution or building word ("at Harvard Law School");
//! - any other run keeps the type of the whole.
//!
//! In a sentence written in title case (a headline or a link to another story) a mention
//! also ends before a capitalised verb or function word ("Seagate Will Ship 18TB …"), and
//! the headline's words after it are dropped.
//!
//! It does not join or retype whole mentions, and leaves "and" alone: "Food and
//! Agriculture Organization" is one name, "Cambridge and Watertown" is not, and the words
//! do not tell them apart.

use newsgraph_core::{Doc, EntityMention};

use super::names::{is_surname_particle, is_weekday, FAC, GPE, LOC, ORG, PERSON};
use crate::name_heads::{self, Use};

/// Lowercase words that occur inside names ("Bank of America", "Charles de Gaulle",
/// "Organization for Security and Cooperation in Europe" is the rare name with "in").
fn connector(word: &str) -> bool {
    is_surname_particle(word) || matches!(word, "of" | "for" | "and" | "the" | "la" | "le" | "les" | "y" | "e" | "on" | "upon" | "&" | "'s" | "’s" | "'" | "’" | "el")
}

/// A word that ends a name: lowercase letters only and no connector.
fn breaks_name(word: &str) -> bool {
    word.chars().all(|c| c.is_lowercase()) && !connector(word)
}

/// Does the mention `a..b` open with a weekday before more words (a date told before the
/// name, not a given name)?
fn opens_with_weekday(doc: &Doc, a: usize, b: usize) -> bool {
    b > a + 1 && is_weekday(doc.token_text(a))
}

/// Prepositions after which a name is where something is.
fn locating(word: &str) -> bool {
    matches!(word, "in" | "near" | "outside" | "across")
}

/// Does token `k` of mention `a..b` (labelled `label`) end a name: a lowercase word, a
/// weekday after the first word ("Clarendon on Tuesday"), or a comma between two places
/// ("Osborne Store, Clarendon"; in other names a comma can belong: "Skadden, Arps")?
fn breaks_at(doc: &Doc, a: usize, b: usize, k: usize, label: u8) -> bool {
    let w = doc.token_text(k);
    breaks_name(w) || (k > a && is_weekday(w) && !day_name(doc.token_text(k - 1))) || (k > a && k + 1 < b && w == "," && matches!(label, GPE | LOC))
}

/// Words that make a weekday part of a name ("Super Tuesday", "Black Friday", "Palm Sunday").
fn day_name(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "super" | "black" | "good" | "cyber" | "ash" | "holy" | "bloody" | "easter" | "palm" | "shrove" | "maundy" | "giving" | "fat" | "small" | "blue" | "whit" | "low"
    )
}

/// Does a mention open with "of" or "for", the end of a title the recogniser cut ("of
/// Education Kay McConney")? Name particles ("bin Laden", "de Gaulle") are no such opening.
fn opens_with_title_end(doc: &Doc, a: usize) -> bool {
    matches!(doc.token_text(a), "of" | "for")
}

/// Does the run `a..b` hold a word with a capital?
fn has_capital(doc: &Doc, a: usize, b: usize) -> bool {
    (a..b).any(|k| doc.token_text(k).chars().any(char::is_uppercase))
}

/// In a sentence written in title case, a capitalised verb or function word ends a name
/// ("Seagate Will Ship 18TB and 20TB Hard Drives": "Seagate"): the words after it are the
/// headline's, not the name's.
fn headline_break(word: &str) -> bool {
    word.starts_with(char::is_uppercase)
        && matches!(
        word.to_lowercase().as_str(),
        "will" | "would" | "can" | "could" | "may" | "might" | "must" | "shall" | "should" | "is" | "are" | "was" | "were" | "be"
            | "been" | "has" | "have" | "had" | "does" | "did" | "says" | "said" | "to" | "in" | "on" | "at" | "by" | "from" | "with"
            | "after" | "before" | "over" | "into" | "vs" | "vs." | "a" | "an" | "not" | "gets" | "makes" | "wins"
        )
}

/// The end of mention `a..b` in a title-case sentence: its first headline word.
fn headline_end(doc: &Doc, a: usize, b: usize, title_case: &[bool]) -> usize {
    if !title_case.get(a).copied().unwrap_or(false) {
        return b;
    }
    (a + 1..b).find(|&k| headline_break(doc.token_text(k))).unwrap_or(b)
}

/// Cut every mention as the module comment says; `title_case` marks the tokens of
/// sentences written in title case ([`crate::title_case::title_case_tokens`]).
pub(crate) fn cut(doc: &mut Doc, title_case: &[bool]) {
    let n = doc.tokens.len();
    if !doc.mentions.iter().any(|m| {
        let (a, b) = (m.first as usize, (m.end as usize).min(n));
        opens_with_weekday(doc, a, b) || opens_with_title_end(doc, a) || (a + 1..b).any(|k| breaks_at(doc, a, b, k, m.label)) || headline_end(doc, a, b, title_case) < b
    }) {
        return;
    }
    let mut out: Vec<EntityMention> = Vec::with_capacity(doc.mentions.len() + 4);
    for m in &doc.mentions {
        let a = m.first as usize;
        let b = headline_end(doc, a, (m.end as usize).min(n), title_case);
        let mut start = a;
        let mut after: Option<usize> = None; // the word that ended the previous run
        for k in a..=b {
            if k < b && !breaks_at(doc, a, b, k, m.label) && !(k == a && opens_with_weekday(doc, a, b)) {
                continue;
            }
            // Connectors at the edges of a run belong to no name ("the", "of").
            let (mut s, mut e) = (start, k);
            while s < e && connector(doc.token_text(s)) {
                s += 1;
            }
            // "Minister of Education Kay McConney" tagged from "of": the title's last word
            // goes with it when a full name is left.
            if m.label == PERSON && start == a && opens_with_title_end(doc, a) && e >= s + 3 {
                s += 1;
            }
            while e > s && connector(doc.token_text(e - 1)) {
                e -= 1;
            }
            if s < e && has_capital(doc, s, e) {
                let last = doc.token_text(e - 1);
                let label = match after {
                    None => m.label,
                    // "Cambridge, Imperial College London": a run after a comma that holds
                    // an institution word is an organisation.
                    Some(w) if doc.token_text(w) == "," && (s..e).any(|i| name_heads::is_capitalised(doc.token_text(i), Use::Institution)) => ORG,
                    Some(w) if locating(doc.token_text(w)) => {
                        if name_heads::is_capitalised(last, Use::Institution) {
                            ORG
                        } else if name_heads::is_capitalised(last, Use::Building) {
                            FAC
                        } else {
                            GPE
                        }
                    }
                    Some(_) => m.label,
                };
                out.push(EntityMention { first: s as u32, end: e as u32, label });
            }
            start = k + 1;
            after = Some(k);
        }
    }
    doc.mentions = out;
}

#[cfg(test)]
mod tests {
    use super::super::names::{GPE, ORG, PERSON};
    use super::super::tests::after_pass_on_whole_text;

    fn cut_all(text: &str, label: u8) -> Vec<(String, u8)> {
        after_pass_on_whole_text(text, label, |d| {
            let title_case = crate::title_case::title_case_tokens(d);
            super::cut(d, &title_case)
        })
    }

    #[test]
    fn a_name_run_on_past_a_lowercase_word_is_cut_there() {
        assert_eq!(cut_all("Kimbell Art Museum in Fort Worth.", ORG), [("Kimbell Art Museum".to_string(), ORG), ("Fort Worth".to_string(), GPE)]);
        assert_eq!(
            cut_all("WhiTim Napa LLC who represents Camp Margaritaville Resorts.", ORG),
            [("WhiTim Napa LLC".to_string(), ORG), ("Camp Margaritaville Resorts".to_string(), ORG)]
        );
        assert_eq!(cut_all("Office for Students should demand.", ORG), [("Office for Students".to_string(), ORG)]);
        assert_eq!(cut_all("Berkman Centre at Harvard University.", ORG), [("Berkman Centre".to_string(), ORG), ("Harvard University".to_string(), ORG)]);
    }

    #[test]
    fn in_a_headline_a_name_ends_before_a_verb_or_function_word() {
        assert_eq!(cut_all("Seagate Will Ship 18TB Hard Drives In 2020.", PERSON), [("Seagate".to_string(), PERSON)]);
        assert_eq!(cut_all("Bank Of America Says It Will Cut Jobs.", ORG), [("Bank Of America".to_string(), ORG)]);
    }

    #[test]
    fn a_weekday_opening_a_name_is_cut_off() {
        assert_eq!(cut_all("Friday Lukashenko.", PERSON), [("Lukashenko".to_string(), PERSON)]);
        assert_eq!(cut_all("Friday.", PERSON), [("Friday".to_string(), PERSON)], "a one-word mention is left to the recogniser");
    }

    #[test]
    fn a_weekday_a_comma_between_places_and_a_title_before_a_name_are_cut_off() {
        assert_eq!(cut_all("Osborne Store, Clarendon on Tuesday.", GPE), [("Osborne Store".to_string(), GPE), ("Clarendon".to_string(), GPE)]);
        assert_eq!(cut_all("Cambridge, Imperial College London.", GPE), [("Cambridge".to_string(), GPE), ("Imperial College London".to_string(), ORG)]);
        assert_eq!(cut_all("Skadden, Arps.", ORG), [("Skadden, Arps".to_string(), ORG)], "a comma can be part of a firm's name");
        assert_eq!(cut_all("of Education Kay McConney.", PERSON), [("Kay McConney".to_string(), PERSON)]);
        assert_eq!(cut_all("of Kay McConney.", PERSON), [("Kay McConney".to_string(), PERSON)]);
        assert_eq!(cut_all("Super Tuesday.", GPE), [("Super Tuesday".to_string(), GPE)], "a weekday can be part of a name");
        assert_eq!(cut_all("bin Laden.", PERSON), [("bin Laden".to_string(), PERSON)], "a name particle is no title's end");
    }

    #[test]
    fn names_with_connectors_stay_whole() {
        for (text, label) in [
            ("Bank of America.", ORG),
            ("Charles de Gaulle.", PERSON),
            ("Food and Agriculture Organization.", ORG),
            ("Ludwig van Beethoven.", PERSON),
            ("Procter & Gamble.", ORG),
            ("Southwest 117th Avenue.", GPE),
            ("eBay.", ORG),
        ] {
            assert_eq!(cut_all(text, label), [(text.trim_end_matches('.').to_string(), label)], "{text}");
        }
    }
}
