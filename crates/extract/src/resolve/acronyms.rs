//! Names an article defines with an acronym in brackets: "Homeland Security Investigations
//! (HSI)", "Air and Marine Operations (AMO)", "U.S. Customs and Border Protection (CBP)".
//! The recogniser often cuts such names at "and" or misses them ("Customs" + "Border
//! Protection", each a person), but the bracket states exactly which words the name has:
//! those whose initials spell the acronym, with lowercase connectors ("and", "of") between.
//! Those words become one mention, replacing whatever mentions overlapped them, and so do
//! the same words wherever else the article repeats them.
//!
//! A definition counts only with evidence that it names something: the acronym or one of
//! the words is a mention already, or the name ends in an institution noun ("Institute");
//! "Gross Domestic Product (GDP)" stays untouched. Titles ("Chief Executive Officer (CEO)")
//! are left alone too. The type is the acronym's (an organisation when it has none, or when
//! the recogniser called it a person); a country or nationality right before an
//! organisation's name is part of it ("U.S." + "Customs and Border Protection").
//! It never touches a name that a mention already covers exactly.

use newsgraph_core::{Doc, EntityMention};

use super::names::{GPE, NORP, ORG, PERSON};
use crate::name_heads::{self, Use};
use crate::relations::is_agent_noun;

/// Lowercase words that may stand between the words of an acronym's name.
fn connector(w: &str) -> bool {
    matches!(w, "and" | "of" | "for" | "the" | "&" | "on" | "in" | "de" | "to")
}

/// An acronym: two to eight capital letters.
fn acronym(w: &str) -> bool {
    (2..=8).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_uppercase())
}

/// The first token of the words before `paren` whose initials spell `letters`, connectors
/// allowed between them, within the sentence starting at `floor`.
fn spelled_by(doc: &Doc, letters: &[u8], paren: usize, floor: usize) -> Option<usize> {
    let (mut left, mut k, mut start) = (letters.len(), paren, paren);
    while left > 0 && k > floor {
        k -= 1;
        let w = doc.token_text(k);
        let initial = w.bytes().next()?;
        if initial == letters[left - 1] {
            left -= 1;
            start = k;
        } else if !(connector(w) && left < letters.len()) {
            return None;
        }
    }
    (left == 0).then_some(start)
}

/// Replace the mentions overlapping tokens `[a, b)` by one of type `label`, unless a mention
/// already spans them exactly or holds them inside a longer name.
fn put(mentions: &mut Vec<EntityMention>, a: usize, b: usize, label: u8) {
    let overlaps = |m: &EntityMention| (m.first as usize) < b && a < m.end as usize;
    if mentions.iter().any(|m| m.first as usize <= a && b <= m.end as usize) {
        return;
    }
    mentions.retain(|m| !overlaps(m));
    mentions.push(EntityMention { first: a as u32, end: b as u32, label });
}

/// Find the bracketed acronyms of `doc` and make mentions of the names they define.
pub(crate) fn define(doc: &mut Doc) {
    let n = doc.tokens.len();
    let mention_at = |mentions: &[EntityMention], i: usize| mentions.iter().find(|m| (m.first as usize) <= i && i < m.end as usize).map(|m| m.label);
    // (first, end) of each name as the acronym spells it, for its repetitions.
    let mut defined: Vec<(usize, usize, u8)> = Vec::new();
    let mut mentions = std::mem::take(&mut doc.mentions);
    for p in 1..n.saturating_sub(2) {
        if doc.token_text(p) != "(" || doc.token_text(p + 2) != ")" || !acronym(doc.token_text(p + 1)) {
            continue;
        }
        let floor = doc.sentence_of(p).map_or(0, |s| doc.sentences[s].first as usize);
        let letters = doc.token_text(p + 1).as_bytes();
        let Some(a) = spelled_by(doc, letters, p, floor) else { continue };
        if p - a < 2 || is_agent_noun(doc.token_text(p - 1)) {
            continue;
        }
        let own = mention_at(&mentions, p + 1);
        let evidence = own.is_some() || (a..p).any(|i| mention_at(&mentions, i).is_some()) || name_heads::is_capitalised(doc.token_text(p - 1), Use::Institution);
        if !evidence {
            continue;
        }
        let label = match own {
            Some(l) if l != PERSON => l,
            _ => ORG,
        };
        // "U.S." or "British" before an organisation's name.
        let before = mentions.iter().find(|m| m.end as usize == a && matches!(m.label, GPE | NORP) && m.end - m.first <= 2);
        let from = match before {
            Some(m) if label == ORG => m.first as usize,
            _ => a,
        };
        put(&mut mentions, from, p, label);
        defined.push((a, p, label));
    }
    // The same words elsewhere in the article.
    for &(a, b, label) in &defined {
        let words: Vec<&str> = (a..b).map(|i| doc.token_text(i)).collect();
        for i in 0..n.saturating_sub(words.len()) {
            if (0..words.len()).all(|k| doc.token_text(i + k) == words[k]) {
                put(&mut mentions, i, i + words.len(), label);
            }
        }
    }
    mentions.sort_by_key(|m| m.first);
    doc.mentions = mentions;
}

#[cfg(test)]
mod tests {
    use super::super::names::{GPE, ORG, PERSON};
    use super::super::tests::{doc, mention_texts};

    fn defined(text: &str, names: &[(&str, u8)]) -> Vec<(String, u8)> {
        let mut d = doc(text, names);
        super::define(&mut d);
        mention_texts(&d)
    }

    #[test]
    fn bracketed_acronyms_define_whole_names() {
        let got = defined(
            "U.S. Customs and Border Protection (CBP) agents found it. Later Customs and Border Protection said so.",
            &[("U.S.", GPE), ("Customs", PERSON), ("Border Protection", PERSON), ("CBP", ORG)],
        );
        assert_eq!(
            got,
            [("U.S. Customs and Border Protection".to_string(), ORG), ("CBP".to_string(), ORG), ("Customs and Border Protection".to_string(), ORG)]
        );
        let got = defined("Homeland Security Investigations (HSI) agents took custody.", &[("HSI", ORG)]);
        assert_eq!(got, [("Homeland Security Investigations".to_string(), ORG), ("HSI".to_string(), ORG)]);
        let got = defined("Air and Marine Operations (AMO) found it.", &[("Marine Operations", PERSON)]);
        assert_eq!(got, [("Air and Marine Operations".to_string(), ORG)]);
    }

    #[test]
    fn acronyms_without_evidence_titles_and_covered_names_change_nothing() {
        assert!(defined("Gross Domestic Product (GDP) rose.", &[]).is_empty());
        let got = defined("Its Chief Executive Officer (CEO) quit.", &[("CEO", ORG)]);
        assert_eq!(got, [("CEO".to_string(), ORG)]);
        let got = defined("The World Health Organization (WHO) said so.", &[("World Health Organization", ORG), ("WHO", ORG)]);
        assert_eq!(got, [("World Health Organization".to_string(), ORG), ("WHO".to_string(), ORG)]);
        // Letters that do not spell the words before the bracket.
        let got = defined("She met Border Protection (CBP) staff.", &[("Border Protection", PERSON)]);
        assert_eq!(got, [("Border Protection".to_string(), PERSON)]);
    }
}
