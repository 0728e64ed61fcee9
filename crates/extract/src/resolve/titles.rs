//! Name mentions the recogniser ran together with the title before them: "Cambridge Police
//! Commissioner Christine Elow" tagged as one place. Such a mention is cut at the title (a
//! role phrase of `data/roles.tsv` held by a person, written with a capital inside the
//! name) into the organisation or place before it and the person after it, so that the
//! person can be a speaker and the organisation an entity of its own. The title is left
//! out; the descriptions pass reads it from the text as before. A short mention that is
//! nothing but a title ("Conservative MP" tagged as an organisation) is dropped. It never
//! adds or retypes other mentions.

use newsgraph_core::{Doc, EntityMention};

use super::descriptions::is_org_noun;
use super::names::{ORG, PERSON};
use crate::relations::{Holder, Roles};

/// Words that end organisation names ("Electric Co"): a capitalised run ending in one is
/// no person's name.
fn ends_organisation(word: &str) -> bool {
    matches!(
        word.trim_end_matches('.').to_lowercase().as_str(),
        "co" | "corp" | "inc" | "ltd" | "llc" | "plc" | "group" | "company" | "institute" | "university" | "bank" | "party" | "fund" | "foundation"
    )
}

/// A word that can be part of a person's name: capitalised, letters only (initials,
/// hyphens and apostrophes allowed: "J.", "Ocasio-Cortez", "O'Neill").
fn name_word(word: &str) -> bool {
    word.starts_with(char::is_uppercase) && word.chars().all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’'))
}

/// A short non-person mention that ends in a person's title ("Conservative MP", "Foreign
/// Minister") names a role, not an organisation: it is dropped, and the words stay for the
/// descriptions pass. Publications named after a role ("The Economist", "The Hollywood
/// Reporter") open with "The" and are kept.
fn is_bare_title(doc: &Doc, roles: &Roles, label: u8, a: usize, b: usize) -> bool {
    let the = |i: usize| doc.token_text(i) == "The";
    label != PERSON
        && b <= a + 3
        && b > a
        && !the(a)
        && !(a > 0 && the(a - 1))
        && (a..b).any(|i| roles.phrase_at(doc, i, b).is_some_and(|t| t.end == b && t.holder == Holder::Person && doc.token_text(i).starts_with(char::is_uppercase)))
}

/// A capitalised person title in tokens `[from, b)` followed by a two- or three-word name
/// that ends at `b` ("Trade Secretary Liz Truss"): the title's first token and the name's.
pub(crate) fn title_then_name(doc: &Doc, roles: &Roles, from: usize, b: usize) -> Option<(usize, usize)> {
    if b < from + 3 {
        return None;
    }
    (from..b - 2).find_map(|i| {
        let title = roles.phrase_at(doc, i, b)?;
        let capital = doc.token_text(i).starts_with(char::is_uppercase);
        let name = title.end..b;
        let is_name = (2..=3).contains(&name.len()) && name.clone().all(|k| name_word(doc.token_text(k)) && roles.phrase_at(doc, k, b).is_none()) && !ends_organisation(doc.token_text(b - 1));
        (capital && title.holder == Holder::Person && is_name).then_some((i, title.end))
    })
}

/// Split every mention of at least four tokens that holds a capitalised person title
/// followed by a two- or three-word name at its end; a person's mention that opens with
/// such a title ("Superintendent Robert Runcie") loses it.
pub(crate) fn split(doc: &mut Doc) {
    let roles = Roles::shared();
    let mut out: Vec<EntityMention> = Vec::with_capacity(doc.mentions.len());
    let mut changed = false;
    for m in &doc.mentions {
        let (a, b) = (m.first as usize, (m.end as usize).min(doc.tokens.len()));
        // A title can open a person's mention; in other mentions a first word that is a
        // title is part of the name ("General Electric Power Co.").
        let from = if m.label == PERSON { a } else { a + 1 };
        let cut = title_then_name(doc, roles, from, b);
        if cut.is_none() && is_bare_title(doc, roles, m.label, a, b) {
            changed = true;
            continue;
        }
        match cut {
            Some((title, name)) => {
                // The title with its modifiers ("Justice Secretary Humza Yousaf"): what
                // comes before them, if anything, is the organisation or place.
                let title = (a..title).find(|&j| roles.phrase_at(doc, j, b).is_some_and(|t| t.end == name)).unwrap_or(title);
                if title > a {
                    // "Cambridge Police" is an organisation whatever NER called the whole.
                    let org_head = is_org_noun(&doc.token_text(title - 1).to_lowercase());
                    let before = if m.label == PERSON || org_head { ORG } else { m.label };
                    out.push(EntityMention { first: m.first, end: title as u32, label: before });
                }
                out.push(EntityMention { first: name as u32, end: m.end, label: PERSON });
                changed = true;
            }
            None => out.push(*m),
        }
    }
    if changed {
        doc.mentions = out;
    }
}

#[cfg(test)]
mod tests {
    use super::super::names::{GPE, ORG, PERSON};
    use super::super::tests::after_pass_on_whole_text;

    fn split_all(text: &str, label: u8) -> Vec<(String, u8)> {
        after_pass_on_whole_text(text, label, super::split)
    }

    #[test]
    fn a_title_inside_a_name_cuts_it_into_organisation_and_person() {
        assert_eq!(split_all("Cambridge Police Commissioner Christine Elow.", GPE), [("Cambridge Police".to_string(), ORG), ("Christine Elow".to_string(), PERSON)]);
        assert_eq!(split_all("Boston Mayor Michelle Wu.", GPE), [("Boston".to_string(), GPE), ("Michelle Wu".to_string(), PERSON)]);
        // A modifier of the title is part of it, not an organisation.
        assert_eq!(split_all("Justice Secretary Humza Yousaf.", PERSON), [("Humza Yousaf".to_string(), PERSON)]);
        assert_eq!(split_all("Bank of America Chief Executive Brian Moynihan.", PERSON), [("Bank of America".to_string(), ORG), ("Brian Moynihan".to_string(), PERSON)]);
        // A title opening a person's mention is left out of it.
        assert_eq!(split_all("Superintendent Robert Runcie.", PERSON), [("Robert Runcie".to_string(), PERSON)]);
        assert_eq!(split_all("Vice-President Mike Pence.", PERSON), [("Mike Pence".to_string(), PERSON)]);
    }

    #[test]
    fn a_bare_title_is_no_organisation() {
        assert_eq!(split_all("Conservative MP.", ORG), []);
        assert_eq!(split_all("The Economist.", ORG), [("The Economist".to_string(), ORG)]);
        assert_eq!(split_all("Jane Minister.", PERSON), [("Jane Minister".to_string(), PERSON)]);
    }

    #[test]
    fn names_that_only_contain_a_title_word_stay_whole() {
        // The title first, an organisation's end, a lowercase title, a one-word tail.
        for (text, label) in [("General Electric Power Co.", ORG), ("Boston Police Department Headquarters Building.", ORG), ("Cambridge police commissioner Christine Elow.", GPE), ("Rhode Island Attorney General.", ORG)] {
            assert_eq!(split_all(text, label).len(), 1, "{text}");
        }
    }
}
