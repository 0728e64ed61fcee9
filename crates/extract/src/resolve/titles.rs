//! Name mentions the recogniser ran together with the title before them: "Cambridge Police
//! Commissioner Christine Elow" tagged as one place. Such a mention is cut at the title (a
//! role phrase of `data/roles.tsv` held by a person, written with a capital inside the
//! name) into the organisation or place before it and the person after it, so that the
//! person can be a speaker and the organisation an entity of its own. The title is left
//! out; the descriptions pass reads it from the text as before. It only splits mentions;
//! it never adds or retypes others.

use std::sync::LazyLock;

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

/// A word that can be part of a person's name: capitalised, then lowercase letters
/// (initials and hyphens allowed).
fn name_word(word: &str) -> bool {
    let mut cs = word.chars();
    cs.next().is_some_and(char::is_uppercase) && cs.all(|c| c.is_lowercase() || matches!(c, '.' | '-' | '\'' | '’') || c.is_uppercase())
        && word.chars().any(char::is_alphabetic)
}

static ROLES: LazyLock<Roles> = LazyLock::new(Roles::builtin);

/// Split every mention of at least four tokens that holds a capitalised person title
/// followed by a two- or three-word name at its end.
pub(crate) fn split(doc: &mut Doc) {
    let roles = &*ROLES;
    let mut out: Vec<EntityMention> = Vec::with_capacity(doc.mentions.len());
    let mut changed = false;
    for m in &doc.mentions {
        let (a, b) = (m.first as usize, (m.end as usize).min(doc.tokens.len()));
        let cut = (b >= a + 4)
            .then(|| {
                (a + 1..b - 2).find_map(|i| {
                    let title = roles.phrase_at(doc, i, b)?;
                    let capital = doc.token_text(i).starts_with(char::is_uppercase);
                    let name = title.end..b;
                    let is_name = (2..=3).contains(&name.len())
                        && name.clone().all(|k| name_word(doc.token_text(k)) && roles.phrase_at(doc, k, b).is_none())
                        && !ends_organisation(doc.token_text(b - 1));
                    (capital && title.holder == Holder::Person && is_name).then_some((i, title.end))
                })
            })
            .flatten();
        match cut {
            Some((title, name)) => {
                // "Cambridge Police" is an organisation whatever NER called the whole.
                let org_head = is_org_noun(&doc.token_text(title - 1).to_lowercase());
                let before = if m.label == PERSON || org_head { ORG } else { m.label };
                out.push(EntityMention { first: m.first, end: title as u32, label: before });
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
    use newsgraph_core::{Doc, EntityMention, Meta, Stage};
    use newsgraph_text::Segmenter;

    use super::super::names::{GPE, ORG, PERSON};

    /// The mentions of `text` after splitting one mention over all of its tokens but the
    /// last (the full stop), as (text, label).
    fn split_all(text: &str, label: u8) -> Vec<(String, u8)> {
        let mut d = Doc::new(Meta::default(), text.to_string());
        Segmenter.process(&mut d);
        d.mentions = vec![EntityMention { first: 0, end: d.tokens.len() as u32 - 1, label }];
        super::split(&mut d);
        d.mentions.iter().map(|m| (d.text[d.tokens[m.first as usize].start as usize..d.tokens[m.end as usize - 1].end as usize].to_string(), m.label)).collect()
    }

    #[test]
    fn a_title_inside_a_name_cuts_it_into_organisation_and_person() {
        assert_eq!(split_all("Cambridge Police Commissioner Christine Elow.", GPE), [("Cambridge Police".to_string(), ORG), ("Christine Elow".to_string(), PERSON)]);
        assert_eq!(split_all("Boston Mayor Michelle Wu.", GPE), [("Boston".to_string(), GPE), ("Michelle Wu".to_string(), PERSON)]);
        assert_eq!(split_all("Bank of America Chief Executive Brian Moynihan.", PERSON), [("Bank of America".to_string(), ORG), ("Brian Moynihan".to_string(), PERSON)]);
    }

    #[test]
    fn names_that_only_contain_a_title_word_stay_whole() {
        // The title first, an organisation's end, a lowercase title, a one-word tail.
        for (text, label) in [("General Electric Power Co.", ORG), ("Boston Police Department Headquarters Building.", ORG), ("Cambridge police commissioner Christine Elow.", GPE), ("Rhode Island Attorney General.", ORG)] {
            assert_eq!(split_all(text, label).len(), 1, "{text}");
        }
    }
}
