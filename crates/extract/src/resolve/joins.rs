//! Institution names the recogniser cut in pieces: "Max Planck Institute" + "for Radio
//! Astronomy", "European Centre" + "for Disease Prevention and Control", "West Virginia" +
//! "University", "Chinese" + "Academy of Sciences". A mention is extended over what
//! continues the name, and becomes an organisation:
//! - a mention ending in an institution noun ("Institute", "Centre", "Ministry") takes a
//!   following "for"/"of" and the run of capitalised words after it (joined by "and",
//!   "of", "for", "&");
//! - a place or nationality mention directly followed by a capitalised institution noun
//!   ("West Virginia University") or by an organisation mention that starts with one
//!   ("Chinese Academy of Sciences") joins it; a place or nationality also joins an
//!   organisation (or facility) mention
//!   that ends in one ("United States Drug Enforcement Agency") and up to two capitalised
//!   words before one ("Puerto Rico Police Department");
//! - a mention after a capitalised institution noun and "of"/"for" that no mention holds
//!   takes them ("University of" + "Washington");
//! - a place, nationality or street followed by a newspaper word is the newspaper ("Des
//!   Moines Register", "Irish Times", "Wall Street Journal"), and a place followed by
//!   "police" its police force ("Chicago police");
//! - two mentions with nothing but "&" between them are one ("San Diego Gas & Electric"),
//!   and so are two newspaper words joined by "and" ("Post and Courier");
//! - a person's mention takes a first name the recogniser left out before it ("Kristy" +
//!   "Marmorato"): a proper noun that opens no sentence and is no title; and a surname
//!   with a particle after it ("Laurence des" + "Cars", "Ursula" + "von der Leyen").
//!
//! It only extends mentions and drops the ones the extension covers; it never splits.

use newsgraph_core::{tagsets, Doc, EntityMention};

use super::names::{is_company_word, is_courtesy, is_office_title, is_surname_particle, is_weekday, FAC, GPE, LOC, NORP, ORG, PERSON};
use crate::relations::Roles;
use crate::name_heads::{self, Use};

/// Head nouns of institution names ("Institute", `data/name_heads.tsv`).
fn institution(word: &str) -> bool {
    name_heads::is_capitalised(word, Use::Institution)
}

/// A capitalised word that can continue a name (not a sentence-initial function word).
fn name_word(w: &str) -> bool {
    w.starts_with(char::is_uppercase) && w.chars().any(char::is_alphabetic) && w != "The"
}

/// "Chicago police said", "Charlotte-Mecklenburg police", "Kincaid police arrested …": the
/// token "police" right after a place (with its whole hyphenated word), or after a town's
/// one word NER took for an organisation or a person, when no mention starts there: the
/// town's police force, an organisation.
fn police_after(doc: &Doc, m: &EntityMention, mentions: &[EntityMention], limit: usize) -> Option<usize> {
    let (a, b) = (m.first as usize, m.end as usize);
    let p = match m.label {
        GPE => crate::entities::hyphenated_word(doc, a, b).1,
        ORG | PERSON if b - a == 1 => b,
        _ => return None,
    };
    let at = mentions.partition_point(|x| (x.first as usize) < p);
    (p < limit && doc.token_text(p) == "police" && mentions.get(at).is_none_or(|x| x.first as usize != p)).then_some(p)
}

/// A capitalised newspaper word ("Post", "Courier", "Observer").
fn is_paper(w: &str) -> bool {
    name_heads::is_capitalised(w, Use::Publication)
}

/// A middle initial: one capital letter and a full stop ("L.").
fn is_initial(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() == 2 && b[0].is_ascii_uppercase() && b[1] == b'.'
}

/// Is mention `x` an organisation's bare institution phrase that a name before it owns:
/// up to three capitalised words ending in an institution noun, with no "of" ("Medical
/// School", "Memorial Hospital", "Foundation")?
pub(super) fn namesake_institution(doc: &Doc, x: &EntityMention) -> bool {
    let (a, b) = (x.first as usize, x.end as usize);
    matches!(x.label, ORG | FAC) && b - a <= 3 && institution(doc.token_text(b - 1)) && (a..b).all(|i| name_word(doc.token_text(i)))
}

/// Is the token before `a` a first name left out of the person mention at `a`: a proper
/// noun (by its tag), capitalised letters only, not the first word of its sentence, and no
/// courtesy or office title ("Mr.", "President") or weekday ("Friday")?
fn first_name_before(doc: &Doc, a: usize) -> bool {
    let k = a - 1;
    let w = doc.token_text(k);
    let propn = doc.tags.get(k).is_some_and(|t| tagsets::UPOS.get(t.upos as usize) == Some(&"PROPN"));
    let sentence_start = doc.sentence_of(k).is_some_and(|s| doc.sentences[s].first as usize == k);
    // "Secretary of State John Kerry", "Minister of Education Kay McConney": the word ends
    // a title.
    let title_object = k > 0 && matches!(doc.token_text(k - 1), "of" | "for");
    propn
        && !sentence_start
        && !title_object
        && w.starts_with(char::is_uppercase)
        && w.chars().all(char::is_alphabetic)
        && !is_courtesy(w)
        && !is_office_title(w)
        && !is_weekday(w)
        && Roles::shared().phrase_at(doc, k, a).is_none()
}

/// The first token of the capitalised words before the institution name at `a` that belong
/// to it: words no mention holds ("Independent"), and a plural possessive ("Citizens’")
/// whose word no mention holds or a one-word person mention holds (the recogniser's
/// misreading, dropped from `out`). Not the sentence's first word unless it is a proper
/// noun, never a sentence-opening function word ("The").
fn words_before_institution(doc: &Doc, a: usize, out: &mut Vec<EntityMention>) -> usize {
    let floor = doc.sentence_of(a).map_or(0, |s| doc.sentences[s].first as usize);
    let free = |i: usize, out: &[EntityMention]| out.last().is_none_or(|l| (l.end as usize) <= i);
    let propn = |i: usize| doc.tags.get(i).is_some_and(|t| tagsets::UPOS.get(t.upos as usize) == Some(&"PROPN"));
    let part = |i: usize| name_word(doc.token_text(i)) && !super::orphans::opener(doc.token_text(i)) && (i > floor || propn(i));
    let mut s = a;
    while s > floor && a - s < 4 {
        let w = doc.token_text(s - 1);
        if part(s - 1) && free(s - 1, out) {
            s -= 1;
        } else if matches!(w, "’" | "'") && s >= floor + 2 && doc.token_text(s - 2).ends_with('s') && part(s - 2) && doc.tokens[s - 1].start == doc.tokens[s - 2].end {
            let possessor = s - 2;
            match out.last() {
                Some(l) if l.end as usize > possessor => {
                    if !(l.first as usize == possessor && l.end as usize == possessor + 1 && l.label == PERSON) {
                        break;
                    }
                    out.pop();
                }
                _ => {}
            }
            s = possessor;
        } else {
            break;
        }
    }
    // "The Global Tourism Resilience and" + "Crisis Management Centre": a name joined by
    // "and" whose first words no mention holds, right after "the". ("Cambridge and" + …
    // is a list: NER holds "Cambridge".)
    if s > floor + 2 && doc.token_text(s - 1) == "and" && free(s - 2, out) && part(s - 2) {
        let mut t = s - 2;
        while t > floor && s - t < 5 && part(t - 1) && free(t - 1, out) {
            t -= 1;
        }
        if t > floor && doc.token_text(t - 1).eq_ignore_ascii_case("the") {
            return t;
        }
    }
    s
}

/// The end of a person's surname with a particle, when the mention ending at `b` stops at
/// the particle or just before it ("Laurence des" + "Cars", "Ursula" + "von der Leyen"): the
/// particles, then one capitalised word.
fn particle_surname(doc: &Doc, b: usize, limit: usize) -> Option<usize> {
    let particle = |i: usize| is_surname_particle(doc.token_text(i));
    let mut e = if particle(b - 1) {
        b
    } else if b < limit && particle(b) {
        b + 1
    } else {
        return None;
    };
    while e < limit && particle(e) {
        e += 1;
    }
    (e < limit && name_word(doc.token_text(e))).then_some(e + 1)
}

/// The end of the capitalised run that continues a name at token `i` ("for Radio Astronomy
/// and Space"): `i` is the connector; `None` when no capitalised word follows it.
fn continuation(doc: &Doc, i: usize, limit: usize) -> Option<usize> {
    if i + 1 >= limit || !matches!(doc.token_text(i), "for" | "of") || !name_word(doc.token_text(i + 1)) {
        return None;
    }
    let mut end = i + 1;
    let mut k = i + 1;
    while k < limit && k < i + 9 {
        let w = doc.token_text(k);
        if name_word(w) {
            end = k + 1;
        } else if !matches!(w, "and" | "of" | "for" | "&") {
            break;
        }
        k += 1;
    }
    Some(end)
}

/// The index of the first mention after mention `k` that the mention extended to token
/// `end` does not cover (the covered ones are part of it).
fn past_covered(mentions: &[EntityMention], k: usize, end: usize) -> usize {
    let mut k = k + 1;
    while k < mentions.len() && (mentions[k].first as usize) < end {
        k += 1;
    }
    k
}

/// "in The Hague", "to The Wall Street Journal": a capitalised "The" after a lowercase word
/// or a comma is part of the name that follows (an organisation or a place), as the
/// name's owner writes it, and so is one before a newspaper's name anywhere ("The Wall
/// Street Journal published …"); the resolver keeps the name without it as an alias. Not when a capitalised word follows the name, which is then
/// part of a longer one ("The New York Daily News"). Elsewhere "The" may just open a
/// sentence or a quotation, and in headlines (`title_case`) every word is capitalised.
pub(crate) fn take_the(doc: &mut Doc, title_case: &[bool]) {
    for k in 0..doc.mentions.len() {
        let (a, b, label) = (doc.mentions[k].first as usize, doc.mentions[k].end as usize, doc.mentions[k].label);
        if a < 1 || !matches!(label, ORG | GPE | LOC | FAC) || doc.token_text(a - 1) != "The" || title_case.get(a - 1).copied().unwrap_or(false) {
            continue;
        }
        let inside = a >= 2 && (doc.token_text(a - 2) == "," || doc.token_text(a - 2).starts_with(char::is_lowercase));
        let paper = label == ORG && name_heads::is_capitalised(doc.token_text(b - 1), Use::Publication);
        let free = k == 0 || doc.mentions[k - 1].end as usize <= a - 1;
        // "The New York" + "Daily News": the "The" is the longer name's.
        let continued = b < doc.tokens.len() && doc.token_text(b).starts_with(char::is_uppercase);
        if free && !continued && (inside || paper) {
            doc.mentions[k].first -= 1;
        }
    }
}

/// Extend and merge the document's mentions as described in the module comment.
pub(crate) fn join(doc: &mut Doc) {
    let n = doc.tokens.len();
    let sentence_end = |i: usize| doc.sentence_of(i).map_or(n, |s| (doc.sentences[s].end as usize).min(n));
    let mut out: Vec<EntityMention> = Vec::with_capacity(doc.mentions.len());
    let mut changed = false;
    let mut k = 0;
    let mentions = &doc.mentions;
    while k < mentions.len() {
        let mut m = mentions[k];
        let (a, b) = (m.first as usize, m.end as usize);
        if b > n || a >= b {
            out.push(m);
            k += 1;
            continue;
        }
        let limit = sentence_end(a);
        let mut end = b;
        let mut joined_label = ORG;
        // "challenger Kristy" + "Marmorato": a first name the recogniser left out of a
        // person's mention (a proper noun, not the sentence's first word, no title).
        if m.label == PERSON && a > 0 && first_name_before(doc, a) && out.last().is_none_or(|l: &EntityMention| (l.end as usize) < a) {
            m.first = a as u32 - 1;
            changed = true;
        }
        // "Martin L." + "Yarmush": a person's name does not end in a middle initial; the
        // capitalised word after it is the surname, whatever NER made of it.
        if m.label == PERSON && b - a >= 2 && b < limit && is_initial(doc.token_text(b - 1)) && name_word(doc.token_text(b)) {
            m.end = b as u32 + 1;
            changed = true;
            k = past_covered(mentions, k, b + 1);
            out.push(m);
            continue;
        }
        // "Laurence des" + "Cars", "Ursula" + "von der Leyen": a surname with a particle
        // the recogniser cut.
        if m.label == PERSON {
            if let Some(e) = particle_surname(doc, b, limit) {
                m.end = e as u32;
                changed = true;
                k = past_covered(mentions, k, e);
                out.push(m);
                continue;
            }
        }
        // "the University of" + "Washington": the institution's words before "of"/"for",
        // when no mention holds them.
        let free = |i: usize| out.last().is_none_or(|l: &EntityMention| (l.end as usize) <= i) && doc.sentence_of(i) == doc.sentence_of(a);
        if a >= 2 && matches!(doc.token_text(a - 1), "of" | "for") && institution(doc.token_text(a - 2)) && free(a - 2) {
            let mut start = a - 2;
            while start > 0 && a - start < 6 && free(start - 1) && name_word(doc.token_text(start - 1)) {
                start -= 1;
            }
            m.first = start as u32;
            m.label = ORG;
            changed = true;
        }
        if institution(doc.token_text(b - 1)) {
            if let Some(e) = continuation(doc, b, limit) {
                end = e;
            }
            // "Citizens’ Independent" + "Transportation Trust": capitalised words the
            // recogniser left out before an institution's name, over a plural possessive.
            // A "place" ending in a company word is an organisation ("Glover" + "Park Group").
            if matches!(m.label, GPE | LOC) && b - a >= 2 && is_company_word(doc.token_text(b - 1)) {
                m.label = ORG;
                changed = true;
            }
            // NER calls an institution a facility as often as not ("Crisis Management Centre").
            if matches!(m.label, ORG | FAC) {
                let first = words_before_institution(doc, a, &mut out);
                if first < a {
                    m.first = first as u32;
                    changed = true;
                }
            }
        } else if let Some(next) = mentions.get(k + 1).filter(|x| matches!(m.label, ORG | PERSON) && x.first as usize == b && namesake_institution(doc, x)) {
            // "Rutgers Robert Wood Johnson" + "Medical School", "Icahn" + "School": an
            // institution named after a person or a founding body.
            end = next.end as usize;
        } else if b + 1 < limit && doc.token_text(b) == "&" && mentions.get(k + 1).is_some_and(|x| x.first as usize == b + 1) {
            // "San Diego Gas" & "Electric": an ampersand joins the words of one name.
            end = mentions[k + 1].end as usize;
        } else if m.label == ORG && b + 1 < limit && matches!(doc.token_text(b), "and" | "&") && is_paper(doc.token_text(b - 1)) && is_paper(doc.token_text(b + 1)) {
            // "Post" and "Courier": two newspaper words joined make one newspaper's name
            // ("The Post and Courier", "News & Observer").
            end = b + 2;
        } else if let Some(p) = police_after(doc, &m, mentions, limit) {
            end = p + 1;
        } else if matches!(m.label, GPE | NORP | LOC | FAC) && b < limit {
            // The place's whole hyphenated word ("Miami" of "Miami-Dade"), and the first
            // mention after it.
            let wb = crate::entities::hyphenated_word(doc, a, b).1;
            let later = mentions[k + 1..].iter().find(|x| x.first as usize >= wb);
            let next = later.filter(|x| x.first as usize == wb);
            // A GPE or nationality before an institution noun names the institution; a LOC
            // mention only takes the place-name join below. A place's or nationality's own
            // institutions may carry more words before the noun: "United States" + "Drug
            // Enforcement Agency", "Puerto Rico" + "Police Department", "Turkish" +
            // "Friendship Hospital", "Japanese" + "Red Cross Kobe Hospital".
            let gpe = m.label == GPE;
            // "Des Moines" + "Register", "New York" + "Times", "Irish" + "Times", "Wall
            // Street" + "Journal": a newspaper named after its place, people or street (not
            // "Times Square", a mention of its own).
            let paper = name_heads::is_capitalised(doc.token_text(wb), Use::Publication);
            if m.label != LOC && wb < limit && paper && next.is_none_or(|x| x.end as usize == wb + 1) {
                end = wb + 1;
            } else if !matches!(m.label, LOC | FAC) {
                // NER calls a hospital or a university a facility as often as not.
                // A company is no nationality's institution ("Russian" + "Wagner Group").
                let last = |x: &EntityMention| doc.token_text(x.end as usize - 1);
                let names_institution = |x: &EntityMention| {
                    (x.label == ORG && institution(doc.token_text(x.first as usize)))
                        || (matches!(x.label, ORG | FAC) && (gpe || (m.label == NORP && !is_company_word(last(x)))) && institution(last(x)))
                };
                let unclaimed = |i: usize| later.is_none_or(|x| x.first as usize > i);
                if let Some(next) = next.filter(|x| names_institution(x)) {
                    end = next.end as usize;
                    // The joined name keeps the type NER gave its institution ("Friendship
                    // Hospital" a facility), so that it clusters with that name's mentions.
                    joined_label = next.label;
                } else if next.is_none() {
                    let mut noun = wb;
                    while gpe && noun < limit && noun < wb + 2 && name_word(doc.token_text(noun)) && !institution(doc.token_text(noun)) {
                        noun += 1;
                    }
                    if noun < limit && institution(doc.token_text(noun)) && unclaimed(noun) {
                        // "Police Department", "School Board", "Police Station".
                        let more = |w: &str| institution(w) || name_heads::is_capitalised(w, Use::Building);
                        while noun + 1 < limit && more(doc.token_text(noun + 1)) && unclaimed(noun + 1) {
                            noun += 1;
                        }
                        end = noun + 1;
                        if let Some(e) = continuation(doc, end, limit) {
                            end = e;
                        }
                    }
                }
            }
            // "St. Louis" + "Park", "Miami" + "Beach": a place name the recogniser cut
            // before its last word stays a place.
            if end == b && !matches!(m.label, NORP | FAC) && next.is_none() && name_heads::is_capitalised(doc.token_text(b), Use::Area) {
                m.end = b as u32 + 1;
                changed = true;
                out.push(m);
                k += 1;
                continue;
            }
        }
        if end > b {
            m.end = end as u32;
            m.label = joined_label;
            changed = true;
            k = past_covered(mentions, k, end);
            out.push(m);
            continue;
        }
        out.push(m);
        k += 1;
    }
    if changed {
        doc.mentions = out;
    }
}

#[cfg(test)]
mod tests {
    use newsgraph_core::{Doc, EntityMention, Meta, Stage};
    use newsgraph_text::Segmenter;

    use super::super::names::{FAC, GPE, LOC, NORP, ORG, PERSON};
    use newsgraph_core::TokenTags;

    /// `text` segmented, with `marks` as (text, label) mentions at their first occurrence.
    fn marked(text: &str, marks: &[(&str, u8)]) -> Doc {
        let mut d = Doc::new(Meta::default(), text.to_string());
        Segmenter.process(&mut d);
        for &(name, label) in marks {
            let at = text.find(name).unwrap();
            let first = d.tokens.iter().position(|t| t.start as usize == at).unwrap();
            let end = d.tokens.iter().position(|t| t.end as usize == at + name.len()).unwrap() + 1;
            d.mentions.push(EntityMention { first: first as u32, end: end as u32, label });
        }
        d.mentions.sort_by_key(|m| m.first);
        d
    }

    /// The mentions after joining, as (text, label); `marks` are (text, label) mentions.
    fn joined(text: &str, marks: &[(&str, u8)]) -> Vec<(String, u8)> {
        let mut d = marked(text, marks);
        super::join(&mut d);
        super::super::tests::mention_texts(&d)
    }

    #[test]
    fn cut_institution_names_are_joined() {
        assert_eq!(joined("She works at the Max Planck Institute for Radio Astronomy in Bonn.", &[("Max Planck Institute", ORG), ("Radio Astronomy", ORG), ("Bonn", GPE)]),
            [("Max Planck Institute for Radio Astronomy".to_string(), ORG), ("Bonn".to_string(), GPE)]);
        assert_eq!(joined("Figures from the European Centre for Disease Prevention and Control show it.", &[("European Centre", ORG), ("Disease Prevention", ORG), ("Control", ORG)]),
            [("European Centre for Disease Prevention and Control".to_string(), ORG)]);
        assert_eq!(joined("A scientist at West Virginia University said so.", &[("West Virginia", GPE)]), [("West Virginia University".to_string(), ORG)]);
        assert_eq!(joined("The Chinese Academy of Sciences built it.", &[("Chinese", NORP), ("Academy of Sciences", ORG)]), [("Chinese Academy of Sciences".to_string(), ORG)]);
        // A nationality before an institution that ends in its noun, which NER may call a
        // facility: the facility's type is kept for clustering.
        assert_eq!(joined("He ran the Turkish Friendship Hospital there.", &[("Turkish", NORP), ("Friendship Hospital", FAC)]), [("Turkish Friendship Hospital".to_string(), FAC)]);
        assert_eq!(joined("The Republican National Committee met.", &[("Republican", NORP), ("National Committee", ORG)]), [("Republican National Committee".to_string(), ORG)]);
        assert_eq!(joined("Experts at the University of Washington agree.", &[("Washington", GPE)]), [("University of Washington".to_string(), ORG)]);
        assert_eq!(joined("He joined the State Department of Health in May.", &[("Health", ORG), ("May", 0)]), [("State Department of Health".to_string(), ORG), ("May".to_string(), 0)]);
        assert_eq!(joined("San Diego Gas & Electric cut power.", &[("San Diego Gas", ORG), ("Electric", PERSON)]), [("San Diego Gas & Electric".to_string(), ORG)]);
        assert_eq!(joined("The Scottish Government said so.", &[("Scottish", NORP)]), [("Scottish Government".to_string(), ORG)]);
    }

    #[test]
    fn a_surname_with_a_particle_joins_the_person() {
        assert_eq!(joined("said Laurence des Cars, the director.", &[("Laurence des", PERSON)]), [("Laurence des Cars".to_string(), PERSON)]);
        assert_eq!(joined("The president, Ursula von der Leyen, spoke.", &[("Ursula", PERSON)]), [("Ursula von der Leyen".to_string(), PERSON)]);
        assert_eq!(joined("Bill de Blasio spoke.", &[("Bill", PERSON), ("Blasio", PERSON)]), [("Bill de Blasio".to_string(), PERSON)]);
        // No capitalised word after the particle: nothing to join.
        assert_eq!(joined("Anna de facto ruled.", &[("Anna", PERSON)]), [("Anna".to_string(), PERSON)]);
    }

    #[test]
    fn a_places_own_institutions_keep_their_place_name() {
        assert_eq!(joined("Agents of the United States Drug Enforcement Agency came.", &[("United States", GPE), ("Drug Enforcement Agency", ORG)]),
            [("United States Drug Enforcement Agency".to_string(), ORG)]);
        assert_eq!(joined("Officers of the Puerto Rico Police Department came.", &[("Puerto Rico", GPE)]), [("Puerto Rico Police Department".to_string(), ORG)]);
        assert_eq!(joined("It was outside the Spanish Town Police Station.", &[("Spanish Town", GPE)]), [("Spanish Town Police Station".to_string(), ORG)]);
        // The place's whole hyphenated word.
        assert_eq!(joined("Miami-Dade Police said so.", &[("Miami", GPE)]), [("Miami-Dade Police".to_string(), ORG)]);
        // A nationality takes only an organisation that opens with an institution noun; other
        // neighbours stay apart.
        assert_eq!(joined("The Russian Wagner Group left.", &[("Russian", NORP), ("Wagner Group", ORG)]),
            [("Russian".to_string(), NORP), ("Wagner Group".to_string(), ORG)]);
        assert_eq!(joined("In Texas Governor Greg Abbott spoke.", &[("Texas", GPE), ("Greg Abbott", PERSON)]),
            [("Texas".to_string(), GPE), ("Greg Abbott".to_string(), PERSON)]);
    }

    #[test]
    fn words_left_out_before_an_institution_name_join_it() {
        assert_eq!(joined("The Citizens’ Independent Transportation Trust refused.", &[("Citizens", PERSON), ("Transportation Trust", ORG)]),
            [("Citizens’ Independent Transportation Trust".to_string(), ORG)]);
        assert_eq!(joined("Money went to the Independent Transportation Trust last year.", &[("Transportation Trust", ORG)]),
            [("Independent Transportation Trust".to_string(), ORG)]);
        // A place that owns the institution stays a place.
        assert_eq!(joined("Texas’ Transportation Trust refused.", &[("Texas", GPE), ("Transportation Trust", ORG)]),
            [("Texas".to_string(), GPE), ("Transportation Trust".to_string(), ORG)]);
        assert_eq!(joined("The Transportation Trust refused.", &[("Transportation Trust", ORG)]), [("Transportation Trust".to_string(), ORG)]);
        assert_eq!(joined("The Global Tourism Resilience and Crisis Management Centre will show it.", &[("Crisis Management Centre", FAC)]),
            [("Global Tourism Resilience and Crisis Management Centre".to_string(), FAC)]);
        // A list of names is no name; nor are words after "and" with no "the" before them.
        assert_eq!(joined("Experts from Cambridge and Harvard Medical School agree.", &[("Cambridge", GPE), ("Harvard Medical School", ORG)]),
            [("Cambridge".to_string(), GPE), ("Harvard Medical School".to_string(), ORG)]);
        assert_eq!(joined("Smith praised Tourism and Crisis Management Centre staff.", &[("Smith", PERSON), ("Crisis Management Centre", ORG)]),
            [("Smith".to_string(), PERSON), ("Crisis Management Centre".to_string(), ORG)]);
    }

    #[test]
    fn a_middle_initial_and_a_namesake_join_what_follows() {
        assert_eq!(joined("The investigator Martin L. Yarmush spoke.", &[("Martin L.", PERSON), ("Yarmush", ORG)]), [("Martin L. Yarmush".to_string(), PERSON)]);
        assert_eq!(joined("He teaches at Rutgers Robert Wood Johnson Medical School now.", &[("Rutgers Robert Wood Johnson", ORG), ("Medical School", ORG)]),
            [("Rutgers Robert Wood Johnson Medical School".to_string(), ORG)]);
        // A place before an institution keeps its own join; a longer name after a person is
        // its own.
        assert_eq!(joined("Ann Lee Harvard University Press said.", &[("Ann Lee", PERSON), ("Harvard University Press", ORG)]),
            [("Ann Lee".to_string(), PERSON), ("Harvard University Press".to_string(), ORG)]);
    }

    #[test]
    fn a_newspaper_named_after_its_place_is_one_organisation() {
        assert_eq!(joined("The Des Moines Register endorsed her.", &[("Des Moines", GPE), ("Register", ORG)]), [("Des Moines Register".to_string(), ORG)]);
        assert_eq!(joined("He told the New York Times so.", &[("New York", GPE)]), [("New York Times".to_string(), ORG)]);
        assert_eq!(joined("She wrote in the Irish Times.", &[("Irish", NORP)]), [("Irish Times".to_string(), ORG)]);
        assert_eq!(joined("The Wall Street Journal said so.", &[("Wall Street", FAC), ("Journal", ORG)]), [("Wall Street Journal".to_string(), ORG)]);
        assert_eq!(joined("She writes for the Post and Courier now.", &[("Post", ORG)]), [("Post and Courier".to_string(), ORG)]);
        assert_eq!(joined("She read the Post and Courier.", &[("Post", ORG), ("Courier", ORG)]), [("Post and Courier".to_string(), ORG)]);
        // A mention of its own after the place, and a lower-case word, stay apart.
        assert_eq!(joined("Crowds filled New York Times Square.", &[("New York", GPE), ("Times Square", LOC)]),
            [("New York".to_string(), GPE), ("Times Square".to_string(), LOC)]);
        assert_eq!(joined("Ohio times its vote.", &[("Ohio", GPE)]), [("Ohio".to_string(), GPE)]);
        assert_eq!(joined("Chicago police arrested him.", &[("Chicago", GPE)]), [("Chicago police".to_string(), ORG)]);
        assert_eq!(joined("Kincaid police arrested him.", &[("Kincaid", ORG)]), [("Kincaid police".to_string(), ORG)]);
    }

    #[test]
    fn a_capitalised_the_inside_a_sentence_belongs_to_the_name() {
        let took = |text: &str, marks: &[(&str, u8)]| {
            let mut d = marked(text, marks);
            let title_case = crate::title_case::title_case_tokens(&d);
            super::take_the(&mut d, &title_case);
            super::super::tests::mention_texts(&d)
        };
        assert_eq!(took("It was heard in The Hague, said The Wall Street Journal.", &[("Hague", GPE), ("Wall Street Journal", ORG)]),
            [("The Hague".to_string(), GPE), ("The Wall Street Journal".to_string(), ORG)]);
        // At the start of a sentence or a quotation "The" is anyone's, but a newspaper's.
        assert_eq!(took("He said: The Guardian was right.", &[("Guardian", ORG)]), [("Guardian".to_string(), ORG)]);
        assert_eq!(took("The Pentagon was right.", &[("Pentagon", ORG)]), [("Pentagon".to_string(), ORG)]);
        assert_eq!(took("The Boston Globe was right.", &[("Boston Globe", ORG)]), [("The Boston Globe".to_string(), ORG)]);
        assert_eq!(took("He read The New York Daily News.", &[("New York", GPE), ("Daily News", ORG)]), [("New York".to_string(), GPE), ("Daily News".to_string(), ORG)]);
    }

    #[test]
    fn a_place_cut_before_its_last_word_is_joined_and_stays_a_place() {
        assert_eq!(joined("St. Louis Park elects a new mayor.", &[("St. Louis", GPE)]), [("St. Louis Park".to_string(), GPE)]);
        assert_eq!(joined("He moved to Miami Beach in May.", &[("Miami", GPE)]), [("Miami Beach".to_string(), GPE)]);
        // A lower-case word is no part of the name.
        assert_eq!(joined("St. Louis park rangers met.", &[("St. Louis", GPE)]), [("St. Louis".to_string(), GPE)]);
    }

    /// The mentions after joining, with the given words tagged PROPN and the rest NOUN.
    fn joined_tagged(text: &str, marks: &[(&str, u8)], propn: &[&str]) -> Vec<(String, u8)> {
        let mut d = Doc::new(Meta::default(), text.to_string());
        Segmenter.process(&mut d);
        let id = |u: &str| newsgraph_core::tagsets::id_of(&newsgraph_core::tagsets::UPOS, u).unwrap();
        d.tags = (0..d.tokens.len()).map(|k| TokenTags { upos: if propn.contains(&d.token_text(k)) { id("PROPN") } else { id("NOUN") }, ..TokenTags::default() }).collect();
        for &(name, label) in marks {
            let at = text.find(name).unwrap();
            let first = d.tokens.iter().position(|t| t.start as usize == at).unwrap();
            let end = d.tokens.iter().position(|t| t.end as usize == at + name.len()).unwrap() + 1;
            d.mentions.push(EntityMention { first: first as u32, end: end as u32, label });
        }
        super::join(&mut d);
        super::super::tests::mention_texts(&d)
    }

    #[test]
    fn a_first_name_left_out_of_a_person_joins_it() {
        let p = "She trailed her challenger Kristy Marmorato.";
        assert_eq!(joined_tagged(p, &[("Marmorato", PERSON)], &["Kristy", "Marmorato"]), [("Kristy Marmorato".to_string(), PERSON)]);
        // Titles, sentence openers, weekdays and untagged words stay out.
        for (text, name, propn) in [
            ("They met President Biden.", "Biden", &["President", "Biden"][..]),
            ("Kristy Marmorato won.", "Marmorato", &["Kristy", "Marmorato"][..]),
            ("She trailed her challenger kristy Marmorato.", "Marmorato", &["Marmorato"][..]),
            ("In his speech Friday Lukashenko said so.", "Lukashenko", &["Friday", "Lukashenko"][..]),
        ] {
            assert_eq!(joined_tagged(text, &[(name, PERSON)], propn), [(name.to_string(), PERSON)], "{text}");
        }
    }

    #[test]
    fn other_neighbours_stay_apart() {
        // A place before a person, an institution followed by a lowercase word.
        assert_eq!(joined("In Boston Mayor Wu spoke.", &[("Boston", GPE), ("Wu", 0)]), [("Boston".to_string(), GPE), ("Wu".to_string(), 0)]);
        assert_eq!(joined("The Institute for the study closed.", &[("Institute", ORG)]), [("Institute".to_string(), ORG)]);
    }
}
