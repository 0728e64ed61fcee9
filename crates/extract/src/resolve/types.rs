//! Type correction with document evidence. NER types each mention from a few words around
//! it and often calls an unfamiliar organisation a person ("Roskomnadzor", "Economy
//! Today"). An entity typed PERSON with no personal evidence (no courtesy or office title,
//! no gendered role noun) becomes an organisation or a place when the document says so:
//! - its descriptions are headed by organisation or place nouns ("Russian media regulator
//!   Roskomnadzor", "the private military company Wagner");
//! - one of its names is followed by an organisation noun ("Patriot media group");
//! - one of its names follows "in" or precedes a comma and a place ("in Redmond,
//!   Washington"): a place (GPE);
//! - it is a one-time member of a list of names whose other, surer members are mostly
//!   organisations ("the Federal News Agency, People's News, Economy Today and ..."; this
//!   also moves a natural feature (LOC) among companies: "Microsoft, Amazon, and Google");
//! - one of its names of two words or more ends in a street, square or settlement word
//!   ("Bruckner Boulevard", "Indian Village"): a place (LOC); in a building word ("Jacobi
//!   Hospital", "Whitestone Bridge"): a facility (FAC).
//!
//!
//! A one-word organisation that only premodifies "administration", "campaign" or
//! "presidency" is the person who leads it ("the Biden campaign").
//!
//! An organisation or person named by a compass word before a place the article names
//! ("Southern California"), or followed by "natives" or "residents", is a place (GPE).
//!
//! The other way, an organisation whose name of two or three words follows a lowercase
//! noun for a person ("artist and educator Alexandria Douziech", "her challenger Kristy
//! Marmorato") is a person, unless a description or an institution word ("Caucus") says
//! it is an organisation. NER's places are left alone: "a New Jersey voter" is no person.
//!
//! It only moves entities away from PERSON (and listed LOC), or to PERSON or GPE on that
//! evidence; it does not merge or split entities.

use newsgraph_core::{tagsets, Doc};

use super::descriptions::{is_org_noun, noun_class};
use super::orphans::{after_person_role, plausible_person};
use crate::relations::Roles;
use super::names::{FAC, GPE, LOC, ORG, PERSON};
use super::{Ctx, Ent, MentionKind};
use crate::name_heads::{self, Use};

/// True when nothing but NER says the entity is a person.
fn unsure_person(ent: &Ent) -> bool {
    ent.label == PERSON && !ent.person_cue && ent.gender.is_none() && !ent.desc_heads.iter().any(|h| noun_class(h) == Some(PERSON))
}

/// Correct the types of `ents` (after anchored descriptions, before definite descriptions
/// and pronouns, which depend on types).
pub(crate) fn correct(doc: &Doc, ctx: &Ctx, ents: &mut [Ent]) {
    let n = doc.tokens.len();
    let mut place_starts: Vec<u32> = doc.mentions.iter().filter(|m| m.label == GPE).map(|m| m.first).collect();
    place_starts.sort_unstable();
    for ent in ents.iter_mut() {
        if !unsure_person(ent) {
            continue;
        }
        let (mut org, mut place) = (0, 0);
        for h in &ent.desc_heads {
            match noun_class(h) {
                Some(ORG) => org += 1,
                Some(GPE) => place += 1,
                _ => {}
            }
        }
        for m in ent.mentions.iter().filter(|m| m.kind == MentionKind::Name) {
            let e = m.end as usize;
            // "in Redmond, Washington": a name after "in" (not a possessor: "in Smith's
            // view"), or before a comma and a place, is a place. Other prepositions of
            // place are used for people too ("stood near Bennett").
            let possessive = e < n && matches!(doc.token_text(e), "'s" | "’s");
            if m.first > 0 && doc.token_text(m.first as usize - 1) == "in" && !possessive {
                place += 1;
            }
            if e + 1 < n && doc.token_text(e) == "," && place_starts.binary_search(&(e as u32 + 1)).is_ok() {
                place += 1;
            }
            // "Patriot media group": the name premodifies an organisation noun.
            let next = (e..(e + 2).min(n)).find(|&k| is_org_noun(doc.token_text(k)) && doc.token_text(k).chars().next().is_some_and(char::is_lowercase));
            if next.is_some_and(|k| k == e || !ctx.is_verb(doc, e)) {
                org += 1;
            }
        }
        // "Bruckner Boulevard", "Indian Village", "Whitestone Bridge", "Jacobi Hospital": a
        // name ending in a street, settlement or building word is a place or a facility,
        // one ending in an institution word an organisation.
        let area = last_words(ent).any(is_area_word);
        let institution = last_words(ent).any(is_institution_word);
        let building = last_words(ent).any(is_building_word);
        if org > 0 && org >= place {
            ent.label = ORG;
        } else if place > 0 {
            ent.label = GPE;
        } else if area {
            ent.label = LOC;
        } else if institution {
            ent.label = ORG;
        } else if building {
            ent.label = FAC;
        }
    }
    let roles = Roles::shared();
    let places: std::collections::HashSet<String> = ents.iter().filter(|e| matches!(e.label, GPE | LOC)).flat_map(|e| e.names.iter().map(|(n, _)| n.clone())).collect();
    for ent in ents.iter_mut() {
        let every = |f: fn(&str) -> bool| last_words(ent).next().is_some() && last_words(ent).all(f);
        // "Jacobi Hospital" tagged a facility, or "Montego Bay Convention Centre" tagged a
        // place, is an institution (hospitals, schools and museums are organisations in
        // OntoNotes and in the seed's convention); "Broward County" or "Rikers Island"
        // tagged an organisation is a place, unless a description calls it an
        // organisation, and so is "Riverside County" tagged a facility (a county is no
        // building; "Park" or "Street" may be).
        // "Department of Biomedical Engineering" tagged a place: the head before "of" names
        // the institution.
        let headed_by_institution = ent.names.iter().any(|(name, _)| name.split_once(" of ").is_some_and(|(head, _)| head.rsplit(' ').next().is_some_and(is_institution_word)));
        if matches!(ent.label, FAC | GPE | LOC) && (every(is_institution_word) || headed_by_institution) {
            ent.label = ORG;
        } else if ent.label == ORG && every(is_area_word) && !ent.desc_heads.iter().any(|h| noun_class(h) == Some(ORG)) {
            ent.label = LOC;
        } else if ent.label == FAC && every(|w| is_area_word(w) && !name_heads::is(&w.to_lowercase(), Use::Facility)) {
            ent.label = LOC;
        } else if ent.label == ORG && leads_a_government(doc, ent) {
            ent.label = PERSON;
        } else if matches!(ent.label, ORG | PERSON) && (part_of_known_place(ent, &places) || natives_of(doc, ent)) {
            ent.label = GPE;
        } else if ent.label == ORG && !last_words(ent).any(|w| is_institution_word(w) || is_area_word(w) || is_building_word(w)) && introduced_as_person(doc, roles, ent) {
            ent.label = PERSON;
        }
    }
    lists(doc, ents);
}

/// Is the entity a one-word name that only ever premodifies a person's office or campaign
/// ("the Biden campaign", "the Trump administration")? NER tags such names as organisations.
fn leads_a_government(doc: &Doc, ent: &Ent) -> bool {
    // Bodies and parties run campaigns too ("the Senate campaign", "the Labour campaign").
    const BODIES: &[&str] = &["Senate", "House", "Congress", "Assembly", "Parliament", "Council", "Labour", "Conservative", "Republican", "Democratic", "Green", "Liberal", "Reform", "Remain", "Leave"];
    ent.names.iter().all(|(name, words)| *words == 1 && name.chars().any(char::is_lowercase) && !BODIES.contains(&name.as_str()) && !is_institution_word(name))
        && words_after_names(doc, ent).next().is_some()
        && words_after_names(doc, ent).all(|w| matches!(w, "administration" | "campaign" | "presidency"))
}

/// The word right after each of the entity's name mentions ("" at the end of the text).
fn words_after_names<'d>(doc: &'d Doc, ent: &'d Ent) -> impl Iterator<Item = &'d str> {
    ent.mentions.iter().filter(|m| m.kind == MentionKind::Name).map(|m| if (m.end as usize) < doc.tokens.len() { doc.token_text(m.end as usize) } else { "" })
}

/// Is one of the entity's names a compass word before a place the article names
/// ("Southern California" beside "California")?
fn part_of_known_place(ent: &Ent, places: &std::collections::HashSet<String>) -> bool {
    const COMPASS: &[&str] = &["Northern", "Southern", "Eastern", "Western", "Central", "North", "South", "East", "West", "Northeast", "Northwest", "Southeast", "Southwest"];
    ent.names.iter().any(|(name, _)| name.split_once(' ').is_some_and(|(first, rest)| COMPASS.contains(&first) && places.contains(rest)))
}

/// Is one of the entity's names followed by "native(s)" or "resident(s)" ("Guanajuato
/// natives José Granados and Sandra Haro")?
fn natives_of(doc: &Doc, ent: &Ent) -> bool {
    words_after_names(doc, ent).any(|w| matches!(w, "native" | "natives" | "resident" | "residents"))
}

/// Does a name of the entity, two or three words written like a person's, follow a
/// lowercase noun for a person in its sentence, with no description calling it an
/// organisation?
fn introduced_as_person(doc: &Doc, roles: &Roles, ent: &Ent) -> bool {
    !ent.desc_heads.iter().any(|h| noun_class(h) == Some(ORG))
        && ent.mentions.iter().filter(|m| m.kind == MentionKind::Name).any(|m| {
            let (a, b) = (m.first as usize, m.end as usize);
            let floor = doc.sentence_of(a).map_or(0, |s| doc.sentences[s].first as usize);
            // A noun by its tag: "former" and "senior" look like agent nouns.
            let noun_before = a > floor && doc.tags.get(a - 1).is_some_and(|t| tagsets::UPOS.get(t.upos as usize) == Some(&"NOUN"));
            (2..=3).contains(&(b - a)) && noun_before && plausible_person(doc, a, b) && after_person_role(doc, roles, a, floor)
        })
}

/// The last words of an entity's names of two words or more ("Boulevard" of "Bruckner
/// Boulevard"): one-word names say nothing about the kind of thing named.
fn last_words(ent: &Ent) -> impl Iterator<Item = &str> {
    ent.names.iter().filter(|(_, words)| *words >= 2).filter_map(|(name, _)| name.rsplit(' ').next())
}

/// Last words of institution names ("Hospital", "University").
fn is_institution_word(w: &str) -> bool {
    name_heads::is_capitalised(w, Use::Institution)
}

/// Last words of street, square, park and settlement names (places).
fn is_area_word(w: &str) -> bool {
    name_heads::is_capitalised(w, Use::Area)
}

/// Last words of building and structure names (facilities): "Bridge", not "Hospital", which
/// is an institution too.
fn is_building_word(w: &str) -> bool {
    name_heads::is_capitalised(w, Use::Building) && !is_institution_word(w)
}

/// Lists of three or more names joined by commas and "and"/"or": unsure one-time persons,
/// and natural features among organisations, take the type most of the other members have,
/// when at least two have it.
fn lists(doc: &Doc, ents: &mut [Ent]) {
    let mut names: Vec<(u32, u32, u32)> = Vec::new(); // (first, end, entity)
    for (e, ent) in ents.iter().enumerate() {
        for m in ent.mentions.iter().filter(|m| m.kind == MentionKind::Name) {
            names.push((m.first, m.end, e as u32));
        }
    }
    names.sort_unstable();
    let joined = |a: u32, b: u32| {
        let gap = a as usize..b as usize;
        !gap.is_empty()
            && gap.len() <= 3
            && gap.clone().any(|k| matches!(doc.token_text(k), "," | "and" | "or" | "&"))
            && gap.into_iter().all(|k| matches!(doc.token_text(k), "," | "and" | "or" | "&" | "the" | "The"))
    };
    let mut start = 0;
    while start < names.len() {
        let mut end = start + 1;
        while end < names.len() && joined(names[end - 1].1, names[end].0) {
            end += 1;
        }
        if end - start >= 3 {
            let members: Vec<u32> = names[start..end].iter().map(|m| m.2).collect();
            let mut counts = [0usize; newsgraph_core::tagsets::ENTITY_TYPES.len()];
            for &e in &members {
                let ent = &ents[e as usize];
                if !unsure_person(ent) {
                    if let Some(c) = counts.get_mut(ent.label as usize) {
                        *c += 1;
                    }
                }
            }
            let (best, &count) = counts.iter().enumerate().max_by_key(|&(l, c)| (*c, std::cmp::Reverse(l))).unwrap_or((0, &0));
            if count >= 2 && best as u8 != PERSON {
                for &e in &members {
                    let ent = &mut ents[e as usize];
                    let once = ent.mentions.iter().filter(|m| m.kind == MentionKind::Name).count() == 1;
                    // A natural feature among companies is a company of that name ("Microsoft,
                    // Amazon, and Google").
                    let feature_among_orgs = ent.label == LOC && best as u8 == ORG;
                    if once && (unsure_person(ent) || feature_among_orgs) {
                        ent.label = best as u8;
                    }
                }
            }
        }
        start = end;
    }
}
