//! Institution names the recogniser missed altogether: a run of two or more capitalised
//! words inside a sentence, with no mention on it, that ends in an institution noun or in
//! one with its "of"/"for" part ("Joint Biosecurity Centre", "Superior Court", "4th District
//! Court of Appeal", "Universities and Colleges Employers' Association"), becomes an
//! organisation mention. Connectors ("of", "for", "and", "&")
//! may join the words; leading sentence-initial function words ("The", "In") are left out.
//! Sentences in title case (headlines, `crate::title_case`) are skipped.
//!
//! A run of capitalised words ending in a word for a kind of place ("Korean Peninsula",
//! "Dresden Drive"; `area` in `data/name_heads.tsv`) becomes a place (LOC).
//!
//! Likewise a person's name the recogniser missed right after a role noun of
//! `data/roles.tsv` held by people ("her Republican challenger Kristy Marmorato"), or after
//! such a title written with capitals inside the run ("Trade Secretary Liz Truss"): two or
//! three capitalised words there become a person mention.
//!
//! Two to four capitalised words before an age between commas ("Verdale V. Marquardt, 58,")
//! are a person; and the capitalised words after a person's name and age ("Robert Stephens,
//! 73, of Taylorville,") are a place: added when untagged, made a place when NER said
//! organisation or person.
//!
//! A bare institution phrase found right after an organisation's or person's name ("Rutgers
//! Robert Wood Johnson" + "Medical School") extends that name instead.
//!
//! It adds mentions where there were none, extends a name by its institution and retypes
//! only those home towns; it never cuts one.

use newsgraph_core::{Doc, EntityMention};

use super::names::{GPE, LOC, ORG, PERSON};
use crate::name_heads::{self, Use};
use super::descriptions::is_org_noun;
use crate::relations::{is_age, is_agent_noun, Holder, Roles};

/// A word of a name: capitalised, or a number ("4th District Court").
fn name_word(w: &str) -> bool {
    w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) && w.chars().any(char::is_alphanumeric)
}

/// A word written in two or three capitalised parts, each with a vowel ("FiveThirtyEight",
/// "YouGov", "RealClearPolitics", "BuzzFeed"): media and companies write their names so,
/// and NER, which learned from words it saw, misses the ones it did not. Surnames with a
/// capitalised prefix ("McCain", "DeSantis", "LeBron", "VanderBilt") are not such names.
fn camel_case_brand(w: &str) -> bool {
    const PREFIXES: &[&str] = &["Mc", "Mac", "De", "Di", "Da", "Du", "La", "Le", "Van", "Vander", "Von", "Fitz", "St"];
    if !w.chars().all(|c| c.is_ascii_alphabetic()) || !w.starts_with(|c: char| c.is_ascii_uppercase()) {
        return false;
    }
    let vowel = |h: &str| h.bytes().any(|c| b"aeiouyAEIOUY".contains(&c));
    // "XYZPrinting", "NYTimes": a few capitals, then a capitalised word.
    let caps = w.bytes().take_while(u8::is_ascii_uppercase).count();
    // ("GOPers", "DREAMers" are plural people.)
    if (3..=5).contains(&caps) && w.len() >= caps + 4 && w[caps..].bytes().all(|b| b.is_ascii_lowercase()) {
        return vowel(&w[caps - 1..]);
    }
    // The parts, each a capital and lowercase letters ("Five", "Thirty", "Eight").
    let mut parts = 0;
    let mut start = 0;
    for end in w.char_indices().skip(1).filter(|(_, c)| c.is_ascii_uppercase()).map(|(i, _)| i).chain([w.len()]) {
        let part = &w[start..end];
        if part.len() < 2 || !vowel(part) || !part[1..].bytes().all(|b| b.is_ascii_lowercase()) || (parts == 0 && PREFIXES.contains(&part)) {
            return false;
        }
        parts += 1;
        start = end;
    }
    (2..=3).contains(&parts)
}

/// Is token `k` a handle, a hashtag or an attribute value ("@RandPaul", "#ImWithHer",
/// "(hashtag)StopGunViolence", `author="HillaryClinton"`): one of its two preceding
/// characters marks it so?
fn markup_before(doc: &Doc, k: usize) -> bool {
    let start = doc.tokens[k].start as usize;
    doc.text[..start].chars().rev().take(2).any(|c| matches!(c, '@' | '#' | '=' | ')' | '/'))
}

/// Lowercase words that may join the words of a name.
fn connector(w: &str) -> bool {
    matches!(w, "of" | "for" | "and" | "&" | "’" | "'")
}

/// Capitalised function words that open sentences, not names.
pub(crate) fn opener(w: &str) -> bool {
    matches!(w, "The" | "A" | "An" | "In" | "At" | "On" | "For" | "By" | "With" | "From" | "As" | "And" | "But" | "If" | "When" | "After" | "Before" | "This" | "That" | "Its" | "Their")
}

/// Does a lowercase role noun held by people ("challenger", "spokeswoman"), or a noun that
/// names a person by what they do ("trust member", "the rapper"; not an organisation's
/// "retailer"), end right before token `a` (not before `floor`)?
pub(super) fn after_person_role(doc: &Doc, roles: &Roles, a: usize, floor: usize) -> bool {
    let before = doc.token_text(a.saturating_sub(1));
    a > floor
        && before.starts_with(char::is_lowercase)
        && (roles.phrase_ending_at(doc, a.saturating_sub(3).max(floor), a).is_some_and(|p| p.holder == Holder::Person)
            || (is_agent_noun(before) && !is_org_noun(&before.to_lowercase())))
}

/// Are tokens `[a, b)` written like a person's name: each word mixed case or an initial
/// ("THINKS HE" is a shouted headline), the last no designator or law ("Free Choice Act")?
pub(super) fn plausible_person(doc: &Doc, a: usize, b: usize) -> bool {
    let last = doc.token_text(b - 1).to_lowercase();
    (a..b).all(|i| {
        let w = doc.token_text(i);
        w.chars().any(char::is_lowercase) || (w.len() == 2 && w.ends_with('.'))
    }) && super::names::designated(&last).is_none()
        && !matches!(last.as_str(), "act" | "bill" | "law" | "treaty" | "accord")
}

/// Add the missed names the module comment describes (mentions kept sorted); `title_case`
/// marks the tokens of headline sentences, where capitals mark no names.
pub(crate) fn add(doc: &mut Doc, title_case: &[bool]) {
    let roles = Roles::shared();
    let n = doc.tokens.len();
    let mut covered = vec![false; n];
    for m in &doc.mentions {
        let b = (m.end as usize).min(n);
        covered[(m.first as usize).min(b)..b].fill(true);
    }
    let mut found: Vec<EntityMention> = Vec::new();
    // (mention index, new end) of names that take the institution phrase after them.
    let mut extended: Vec<(usize, u32)> = Vec::new();
    for s in &doc.sentences {
        let (first, end) = (s.first as usize, (s.end as usize).min(n));
        // In a headline capitals mark no names.
        if title_case.get(first).copied().unwrap_or(false) {
            continue;
        }
        let mut k = first;
        while k < end {
            if covered[k] || !name_word(doc.token_text(k)) {
                k += 1;
                continue;
            }
            // The run of name words and connectors from k; it must end on a name word.
            let mut e = k;
            let mut last = k;
            while e < end && !covered[e] && (name_word(doc.token_text(e)) || (connector(doc.token_text(e)) && e > k)) {
                if name_word(doc.token_text(e)) {
                    last = e;
                }
                e += 1;
            }
            let mut a = k;
            while a < last && opener(doc.token_text(a)) {
                a += 1;
            }
            let capitalised = (a..=last).filter(|&i| doc.token_text(i).starts_with(char::is_uppercase)).count();
            // The institution noun ends the name or is followed by its "of"/"for" part
            // ("4th District Court of Appeal").
            let institution = |i: usize| name_heads::is_capitalised(doc.token_text(i), Use::Institution);
            let headed = institution(last) || (a..last).any(|i| institution(i) && matches!(doc.token_text(i + 1), "of" | "for"));
            if last > a && capitalised >= 2 && headed {
                // "Rutgers Robert Wood Johnson" + "Medical School": a bare institution phrase
                // right after an organisation's or person's name is that name's institution.
                let at = doc.mentions.partition_point(|m| (m.first as usize) < a);
                let owner = at.checked_sub(1).filter(|&i| doc.mentions[i].end as usize == a && matches!(doc.mentions[i].label, ORG | PERSON));
                let phrase = EntityMention { first: a as u32, end: last as u32 + 1, label: ORG };
                match owner {
                    Some(i) if super::joins::namesake_institution(doc, &phrase) => extended.push((i, phrase.end)),
                    _ => found.push(phrase),
                }
            } else if last > a && capitalised == last + 1 - a && name_heads::is_capitalised(doc.token_text(last), Use::Area) {
                // "the Korean Peninsula", "Dresden Drive": a place NER missed, named by its
                // kind of place.
                found.push(EntityMention { first: a as u32, end: last as u32 + 1, label: LOC });
            } else if a == k && (2..=3).contains(&(last + 1 - a)) && capitalised == last + 1 - a && !(a..=last).any(|i| connector(doc.token_text(i))) && after_person_role(doc, roles, a, first) {
                found.push(EntityMention { first: a as u32, end: last as u32 + 1, label: PERSON });
            } else if let Some((_, name)) = super::titles::title_then_name(doc, roles, a, last + 1).filter(|&(_, name)| plausible_person(doc, name, last + 1)) {
                // The name after a capitalised title in the run ("International Trade
                // Secretary Liz Truss", "Tory MP Neil Parish").
                found.push(EntityMention { first: name as u32, end: last as u32 + 1, label: PERSON });
            } else if a == k && (2..=4).contains(&(last + 1 - a)) && capitalised == last + 1 - a && before_age(doc, last + 1) && plausible_person(doc, a, last + 1) {
                // "driven by Verdale V. Marquardt, 58, of Quincy": a name before an age.
                found.push(EntityMention { first: a as u32, end: last as u32 + 1, label: PERSON });
            } else if (last == k || connector(doc.token_text(last - 1))) && camel_case_brand(doc.token_text(last)) && !markup_before(doc, last) {
                // Alone, or after a connector ("CEO of XYZPrinting").
                found.push(EntityMention { first: last as u32, end: last as u32 + 1, label: ORG });
            }
            k = e.max(k + 1);
        }
    }
    for (i, end) in extended {
        doc.mentions[i].end = end;
        doc.mentions[i].label = ORG;
    }
    hometowns(doc, &covered, &mut found);
    if !found.is_empty() {
        doc.mentions.extend(found);
        doc.mentions.sort_by_key(|m| m.first);
    }
}

/// Do tokens from `b` read ", 58," (an age between commas)?
fn before_age(doc: &Doc, b: usize) -> bool {
    b + 2 < doc.tokens.len() && doc.token_text(b) == "," && is_age(doc.token_text(b + 1)) && doc.token_text(b + 2) == ","
}

/// "Robert J. Stephens, 73, of Taylorville, was …", "Amanda Roe, 32, Taylorville, was
/// arrested": the capitalised words after a person's name and age are their home town, a
/// place. NER knows few small towns: it leaves them untagged (a mention is added) or calls
/// them an organisation or a person (the mention becomes a place, before clustering can
/// fold "Taylorville" into "Taylorville Police Department").
fn hometowns(doc: &mut Doc, covered: &[bool], found: &mut Vec<EntityMention>) {
    let n = doc.tokens.len();
    let mut retype = Vec::new();
    let persons: Vec<usize> = doc.mentions.iter().chain(found.iter()).filter(|m| m.label == PERSON).map(|m| m.end as usize).collect();
    for b in persons {
        if b + 3 >= n || !before_age(doc, b) {
            continue;
        }
        let start = if doc.token_text(b + 3) == "of" { b + 4 } else { b + 3 };
        let mut end = start;
        while end < n && end < start + 3 && name_word(doc.token_text(end)) && !doc.token_text(end).starts_with(|c: char| c.is_ascii_digit()) {
            end += 1;
        }
        // The town ends at punctuation: "Taylorville," or "Quincy."
        if end == start || end >= n || !matches!(doc.token_text(end), "," | "." | ";") {
            continue;
        }
        if !covered[start..end].contains(&true) {
            found.push(EntityMention { first: start as u32, end: end as u32, label: GPE });
        } else {
            // Mentions are in text order: the one that starts at the town, if any.
            let i = doc.mentions.partition_point(|x| (x.first as usize) < start);
            if doc.mentions.get(i).is_some_and(|x| x.end as usize == end && matches!(x.label, ORG | PERSON)) {
                retype.push(i);
            }
        }
    }
    for i in retype {
        doc.mentions[i].label = GPE;
    }
}

#[cfg(test)]
mod tests {
    use newsgraph_core::{Doc, Meta, Stage};
    use newsgraph_text::Segmenter;

    /// The mentions `add` finds in `text` (which has none), as texts.
    fn added(text: &str) -> Vec<String> {
        let mut d = Doc::new(Meta::default(), text.to_string());
        Segmenter.process(&mut d);
        let title_case = crate::title_case::title_case_tokens(&d);
        super::add(&mut d, &title_case);
        super::super::tests::mention_texts(&d).into_iter().map(|(text, _)| text).collect()
    }

    #[test]
    fn missed_institution_names_become_organisations() {
        assert_eq!(added("Data from the Joint Biosecurity Centre was updated on Thursday."), ["Joint Biosecurity Centre"]);
        assert_eq!(added("The Universities and Colleges Employers’ Association said it would respond."), ["Universities and Colleges Employers’ Association"]);
        assert_eq!(added("The Joint Biosecurity Centre said so."), ["Joint Biosecurity Centre"]);
        assert_eq!(added("A ruling by the 4th District Court of Appeal in Santa Ana stands."), ["4th District Court of Appeal"]);
        assert_eq!(added("She is leaving her role at studio Warner Bros. after five years."), ["Warner Bros."]);
        assert_eq!(added("The loan came from Ford Motor Credit Co. on Monday."), ["Ford Motor Credit Co."]);
        assert_eq!(added("It is run by the Youth Accountability Team in the county."), ["Youth Accountability Team"]);
        assert_eq!(added("Cold air came from the northwest of the Korean Peninsula on Tuesday."), ["Korean Peninsula"]);
        assert_eq!(added("She trailed her Republican challenger Kristy Marmorato by 700 votes."), ["Kristy Marmorato"]);
        assert_eq!(added("After trust member Peggy Bell asked last week, he left."), ["Peggy Bell"]);
        assert_eq!(added("The award went to the epidemiologist Anna Lind on Monday."), ["Anna Lind"]);
        assert_eq!(added("It worries International Trade Secretary Liz Truss and senior Tory MP Neil Parish."), ["Liz Truss", "Neil Parish"]);
    }

    #[test]
    fn a_name_after_a_noun_for_an_organisation_or_a_thing_is_no_person() {
        assert!(added("Shoppers went to the retailer Best Buy on Monday.").is_empty());
        assert!(added("They seized the tanker Stena Impero at sea.").is_empty());
        assert!(added("They backed the Employee Free Choice Act in May.").is_empty());
    }

    #[test]
    fn a_town_after_a_name_and_an_age_is_a_place() {
        let mut d = Doc::new(Meta::default(), "The car, driven by Robert Stephens, 73, of Taylorville, stopped. Amanda Roe, 32, Pana, was arrested.".to_string());
        Segmenter.process(&mut d);
        for name in ["Robert Stephens", "Amanda Roe"] {
            let at = d.text.find(name).unwrap();
            let first = d.tokens.iter().position(|t| t.start as usize == at).unwrap() as u32;
            d.mentions.push(newsgraph_core::EntityMention { first, end: first + 2, label: super::PERSON });
        }
        // NER called one town an organisation.
        let at = d.text.find("Pana").unwrap();
        let first = d.tokens.iter().position(|t| t.start as usize == at).unwrap() as u32;
        d.mentions.push(newsgraph_core::EntityMention { first, end: first + 1, label: super::ORG });
        d.mentions.sort_by_key(|m| m.first);
        let title_case = crate::title_case::title_case_tokens(&d);
        super::add(&mut d, &title_case);
        let got = super::super::tests::mention_texts(&d);
        assert!(got.contains(&("Taylorville".to_string(), super::GPE)) && got.contains(&("Pana".to_string(), super::GPE)), "{got:?}");
    }

    #[test]
    fn an_institution_phrase_right_after_a_name_is_that_names_institution() {
        let mut d = Doc::new(Meta::default(), "She works at Rutgers Robert Wood Johnson Medical School now.".to_string());
        Segmenter.process(&mut d);
        let at = d.text.find("Rutgers").unwrap();
        let first = d.tokens.iter().position(|t| t.start as usize == at).unwrap() as u32;
        d.mentions.push(newsgraph_core::EntityMention { first, end: first + 4, label: super::ORG });
        let title_case = crate::title_case::title_case_tokens(&d);
        super::add(&mut d, &title_case);
        let got = super::super::tests::mention_texts(&d);
        assert_eq!(got, [("Rutgers Robert Wood Johnson Medical School".to_string(), super::ORG)]);
    }

    #[test]
    fn a_name_before_an_age_is_a_person_and_the_town_after_it_a_place() {
        assert_eq!(added("A truck driven by Verdale V. Marquardt, 58, of Quincy, was hit."), ["Verdale V. Marquardt", "Quincy"]);
        // Not a run of title-case words that happens to precede a number.
        assert!(added("The count at Gate B, 12, was done.").is_empty());
    }

    #[test]
    fn names_written_in_capitalised_parts_are_organisations() {
        assert_eq!(added("Biden leads, per FiveThirtyEight’s tracker and a YouGov poll."), ["FiveThirtyEight", "YouGov"]);
        assert_eq!(added("Simon Shen, CEO of XYZPrinting, agreed."), ["XYZPrinting"]);
        // Surnames with a capitalised prefix, handles, tags and random strings are not.
        assert!(added("Senators McCain and DeSantis spoke to @RandPaul about #StopGunViolence.").is_empty());
        assert!(added("Some GOPers backed the DREAMers.").is_empty());
        assert!(added("The link was https://t.co/SkKglwQycb today.").is_empty());
    }

    #[test]
    fn other_capitalised_runs_and_headlines_are_left_alone() {
        assert!(added("She visited Paris and Rome with her family last year.").is_empty());
        assert!(added("The Centre opened in May.").is_empty());
        assert!(added("Data From The Joint Biosecurity Centre Shows Rise").is_empty());
    }
}
