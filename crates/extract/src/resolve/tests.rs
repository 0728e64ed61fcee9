//! Resolution on small hand-built documents: tokens from the real segmenter, NER mentions
//! and (where a test needs them) tags set by hand.

use newsgraph_core::{tagsets, Doc, EntityMention, Meta, Stage, TokenTags};
use newsgraph_text::Segmenter;

use super::names::{FAC, GPE, LOC, ORG, PERSON};
use super::*;

/// A segmented document with NER mentions on the given (text, type) occurrences, in order.
/// Each pattern marks every occurrence of it that is not inside an earlier-marked mention.
pub(super) fn doc(text: &str, names: &[(&str, u8)]) -> Doc {
    let mut doc = Doc::new(Meta::default(), text.to_string());
    Segmenter.process(&mut doc);
    let mut mentions: Vec<EntityMention> = Vec::new();
    for &(name, label) in names {
        let mut from = 0;
        while let Some(p) = text[from..].find(name) {
            let (a, b) = (from + p, from + p + name.len());
            from = b;
            let first = doc.tokens.iter().position(|t| t.start as usize == a);
            let last = doc.tokens.iter().position(|t| t.end as usize == b);
            let (Some(f), Some(l)) = (first, last) else { continue };
            if mentions.iter().any(|m| (m.first as usize) <= l && f < m.end as usize) {
                continue;
            }
            mentions.push(EntityMention { first: f as u32, end: l as u32 + 1, label });
        }
    }
    mentions.sort_by_key(|m| m.first);
    doc.mentions = mentions;
    doc
}

/// `text` segmented, with one mention of type `label` over all of its tokens but the last
/// (the full stop), after the mention pass `pass`.
pub(super) fn after_pass_on_whole_text(text: &str, label: u8, pass: fn(&mut Doc)) -> Vec<(String, u8)> {
    let mut d = Doc::new(Meta::default(), text.to_string());
    Segmenter.process(&mut d);
    d.mentions = vec![EntityMention { first: 0, end: d.tokens.len() as u32 - 1, label }];
    pass(&mut d);
    mention_texts(&d)
}

/// The mentions of `d` as (text, label).
pub(super) fn mention_texts(d: &Doc) -> Vec<(String, u8)> {
    d.mentions.iter().map(|m| (d.text[d.tokens[m.first as usize].start as usize..d.tokens[m.end as usize - 1].end as usize].to_string(), m.label)).collect()
}

/// Tag every token with a UPOS/XPOS pair given per word form (default NOUN/NN for lowercase
/// words, PROPN/NNP for capitalised ones, PUNCT for the rest).
fn tag(doc: &mut Doc, table: &[(&str, &str, &str)]) {
    let n = doc.tokens.len();
    doc.tags = (0..n)
        .map(|i| {
            let w = doc.token_text(i);
            let (u, x) = table.iter().find(|(f, _, _)| *f == w).map(|&(_, u, x)| (u, x)).unwrap_or_else(|| {
                if !w.chars().any(char::is_alphanumeric) {
                    ("PUNCT", ".")
                } else if w.chars().next().is_some_and(char::is_uppercase) {
                    ("PROPN", "NNP")
                } else {
                    ("NOUN", "NN")
                }
            });
            TokenTags {
                upos: tagsets::id_of(&tagsets::UPOS, u).unwrap(),
                xpos: tagsets::id_of(&tagsets::XPOS, x).unwrap(),
                head: u32::MAX,
                ..Default::default()
            }
        })
        .collect();
}

const FUNCTION_WORDS: &[(&str, &str, &str)] = &[
    ("the", "DET", "DT"),
    ("a", "DET", "DT"),
    ("of", "ADP", "IN"),
    ("in", "ADP", "IN"),
    ("on", "ADP", "IN"),
    ("to", "ADP", "IN"),
    ("and", "CCONJ", "CC"),
    ("said", "VERB", "VBD"),
    ("met", "VERB", "VBD"),
    ("spoke", "VERB", "VBD"),
    ("arrived", "VERB", "VBD"),
    ("left", "VERB", "VBD"),
    ("was", "AUX", "VBD"),
    ("is", "AUX", "VBZ"),
    ("has", "AUX", "VBZ"),
    ("invited", "VERB", "VBN"),
    ("he", "PRON", "PRP"),
    ("she", "PRON", "PRP"),
    ("his", "PRON", "PRP$"),
    ("it", "PRON", "PRP"),
    ("Belarusian", "ADJ", "JJ"),
    ("Russian", "ADJ", "JJ"),
    ("private", "ADJ", "JJ"),
    ("military", "ADJ", "JJ"),
    ("later", "ADV", "RB"),
    ("President", "PROPN", "NNP"),
    ("CEO", "NOUN", "NN"),
];

/// Give the tagged document `d` a parse: (head, 1-based, 0 for the root; relation) per token.
fn set_parse(d: &mut Doc, parse: &[(u32, &str)]) {
    assert_eq!(d.tokens.len(), parse.len());
    for (t, &(h, rel)) in d.tags.iter_mut().zip(parse) {
        t.head = if h == 0 { u32::MAX } else { h - 1 };
        t.deprel = tagsets::id_of(&tagsets::DEPRELS, rel).unwrap();
    }
}

fn entity<'d>(doc: &'d Doc, name: &str) -> &'d newsgraph_core::Entity {
    doc.entities.iter().find(|e| e.name == name).unwrap_or_else(|| panic!("no entity {name}: {:?}", doc.entities.iter().map(|e| &e.name).collect::<Vec<_>>()))
}

#[test]
fn short_names_and_titles_join_the_full_name() {
    let mut d = doc(
        "Belarusian President Aleksandr Lukashenko spoke. Lukashenko said Ms. Simonyan and Margarita Simonyan met.",
        &[("Aleksandr Lukashenko", PERSON), ("Lukashenko", PERSON), ("Ms. Simonyan", PERSON), ("Margarita Simonyan", PERSON)],
    );
    Resolver.process(&mut d);
    assert_eq!(d.entities.len(), 2);
    let l = entity(&d, "Aleksandr Lukashenko");
    assert_eq!(l.aliases, ["Lukashenko"]);
    assert_eq!(l.mentions.len(), 2);
    let s = entity(&d, "Margarita Simonyan");
    assert_eq!(s.aliases, ["Ms. Simonyan"]);
}

#[test]
fn commonwealth_honorifics_are_titles_and_name_no_one_alone() {
    let mut d = doc(
        "Grenada's Prime Minister, Dr the Rt. Hon. Keith Mitchell spoke. Mitchell left. RT America aired it.",
        &[("Rt", GPE), ("Hon. Keith Mitchell", PERSON), ("Mitchell", PERSON), ("RT America", ORG), ("Grenada", GPE)],
    );
    Resolver.process(&mut d);
    let names: Vec<&str> = d.entities.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["Grenada", "Keith Mitchell", "RT America"]);
    assert_eq!(entity(&d, "Keith Mitchell").mentions.len(), 2);
}

#[test]
fn acronyms_and_country_aliases_merge() {
    let mut d = doc(
        "The Democratic National Committee met. The DNC said the United States and the U.S. government agreed.",
        &[("Democratic National Committee", ORG), ("DNC", ORG), ("United States", GPE), ("U.S.", GPE)],
    );
    Resolver.process(&mut d);
    assert_eq!(d.entities.len(), 2);
    assert_eq!(entity(&d, "Democratic National Committee").aliases, ["DNC"]);
    assert_eq!(entity(&d, "United States").aliases, ["U.S."]);
}

#[test]
fn an_acronym_of_a_name_without_its_leading_place_merges() {
    let mut d = doc(
        "The California Independent System Operator acted. California ISO said the U.S. Environmental Protection Agency and the EPA agreed.",
        &[("California Independent System Operator", ORG), ("California", GPE), ("ISO", ORG), ("U.S. Environmental Protection Agency", ORG), ("EPA", ORG)],
    );
    Resolver.process(&mut d);
    assert_eq!(entity(&d, "California Independent System Operator").aliases, ["ISO"]);
    assert_eq!(entity(&d, "U.S. Environmental Protection Agency").aliases, ["EPA"]);
}

#[test]
fn a_person_typed_name_ending_in_a_company_word_is_an_organisation() {
    let mut d = doc("The battery was sold by Lenoge Technology and carried by Carbon Engineering.", &[("Lenoge Technology", PERSON), ("Carbon Engineering", PERSON)]);
    Resolver.process(&mut d);
    assert_eq!(entity(&d, "Lenoge Technology").label, ORG);
    assert_eq!(entity(&d, "Carbon Engineering").label, ORG);
}

#[test]
fn acronym_before_full_name_also_merges() {
    let mut d = doc("The EU said so. The European Union agreed.", &[("EU", ORG), ("European Union", ORG)]);
    Resolver.process(&mut d);
    assert_eq!(d.entities.len(), 1);
    assert_eq!(d.entities[0].name, "European Union");
    assert_eq!(d.entities[0].aliases, ["EU"]);
}

#[test]
fn shared_surname_goes_to_the_most_recent_full_name() {
    let mut d = doc(
        "Thomas Sam spoke. His wife Manju Sam spoke later. Sam said no.",
        &[("Thomas Sam", PERSON), ("Manju Sam", PERSON), ("Sam", PERSON)],
    );
    Resolver.process(&mut d);
    assert_eq!(d.entities.len(), 2);
    let last_sam = d.text.rfind("Sam said").unwrap() as u32;
    let manju = entity(&d, "Manju Sam");
    assert!(manju.mentions.iter().any(|m| m.start == last_sam));
    assert!(!entity(&d, "Thomas Sam").mentions.iter().any(|m| m.start == last_sam));
}

#[test]
fn monaco_the_person_and_monaco_the_country_stay_apart() {
    let mut d = doc(
        "Lisa O. Monaco spoke in Monaco on Friday. Ms. Monaco said the talks in Monaco went well.",
        &[("Lisa O. Monaco", PERSON), ("Ms. Monaco", PERSON), ("Monaco", GPE)],
    );
    Resolver.process(&mut d);
    let person = entity(&d, "Lisa O. Monaco");
    assert_eq!(person.label, PERSON);
    assert_eq!(person.aliases, ["Ms. Monaco"]);
    let country = entity(&d, "Monaco");
    assert_eq!(country.label, GPE);
    assert_eq!(country.mentions.len(), 2);
}

#[test]
fn places_that_only_share_a_word_stay_apart() {
    let mut d = doc("North Korea and South Korea met. Korea was quiet.", &[("North Korea", GPE), ("South Korea", GPE), ("Korea", GPE)]);
    Resolver.process(&mut d);
    assert_eq!(d.entities.len(), 3);
}

#[test]
fn organisation_fragment_and_long_form_first_seen_short() {
    let mut d = doc("Wagner fighters left. The Wagner Group said it would stay.", &[("Wagner Group", ORG), ("Wagner", ORG)]);
    Resolver.process(&mut d);
    assert_eq!(d.entities.len(), 1);
    assert_eq!(d.entities[0].name, "Wagner Group");
    assert_eq!(d.entities[0].aliases, ["Wagner"]);
}

#[test]
fn descriptions_from_premodifier_apposition_and_definite_np() {
    let text = "Belarusian President Aleksandr Lukashenko has invited Wagner leader Yevgeny Prigozhin. \
                Prigozhin, the founder of the private military company Wagner, arrived. \
                Yevgeny Zubarev, CEO of the Federal News Agency, said the Belarusian leader met the Wagner chief.";
    let mut d = doc(
        text,
        &[("Aleksandr Lukashenko", PERSON), ("Yevgeny Prigozhin", PERSON), ("Prigozhin", PERSON), ("Yevgeny Zubarev", PERSON), ("Federal News Agency", ORG), ("Wagner", ORG)],
    );
    tag(&mut d, FUNCTION_WORDS);
    Resolver.process(&mut d);
    let l = entity(&d, "Aleksandr Lukashenko");
    assert!(l.descriptions.contains(&"Belarusian President".to_string()), "{:?}", l.descriptions);
    assert!(l.descriptions.contains(&"Belarusian leader".to_string()), "{:?}", l.descriptions);
    let leader_at = text.find("the Belarusian leader").unwrap() as u32;
    assert!(l.mentions.iter().any(|m| m.start == leader_at));
    let p = entity(&d, "Yevgeny Prigozhin");
    assert!(p.descriptions.contains(&"Wagner leader".to_string()), "{:?}", p.descriptions);
    assert!(p.descriptions.contains(&"founder of the private military company Wagner".to_string()), "{:?}", p.descriptions);
    assert!(p.descriptions.contains(&"Wagner chief".to_string()), "{:?}", p.descriptions);
    let z = entity(&d, "Yevgeny Zubarev");
    assert_eq!(z.descriptions, ["CEO of the Federal News Agency"]);
    // The ORG Wagner keeps its own mentions, including the one inside the description.
    let at = entity_at_tokens(&d);
    let wagner = d.entities.iter().position(|e| e.name == "Wagner").unwrap() as u32;
    let chief = d.tokens.iter().rposition(|t| t.text(&d.text) == "chief").unwrap();
    assert_eq!(at[chief - 1], wagner);
    let prig = d.entities.iter().position(|e| e.name == "Yevgeny Prigozhin").unwrap() as u32;
    assert_eq!(at[chief], prig);
}

#[test]
fn contradicting_nationality_blocks_a_description() {
    let text = "Belarusian President Aleksandr Lukashenko spoke. The Russian president said no.";
    let mut d = doc(text, &[("Aleksandr Lukashenko", PERSON)]);
    tag(&mut d, &[&[("president", "NOUN", "NN")], FUNCTION_WORDS].concat());
    Resolver.process(&mut d);
    assert_eq!(d.entities[0].mentions.len(), 1);
}

#[test]
fn a_person_named_like_a_street_or_building_is_a_place() {
    let text = "Traffic on Bruckner Boulevard stopped near Jacobi Hospital and Whitestone Bridge, Ann Lee and Phoebe Waller-Bridge said.";
    let names = [("Bruckner Boulevard", PERSON), ("Jacobi Hospital", PERSON), ("Whitestone Bridge", PERSON), ("Ann Lee", PERSON), ("Phoebe Waller-Bridge", PERSON)];
    let mut d = doc(text, &names);
    tag(&mut d, FUNCTION_WORDS);
    Resolver.process(&mut d);
    let label = |name: &str| tagsets::ENTITY_TYPES[entity(&d, name).label as usize];
    // A hospital is a building and an institution: an organisation. The second half of a
    // hyphenated surname names no bridge.
    assert_eq!(
        (label("Bruckner Boulevard"), label("Jacobi Hospital"), label("Whitestone Bridge"), label("Ann Lee"), label("Phoebe Waller-Bridge")),
        ("LOC", "ORG", "FAC", "PERSON", "PERSON")
    );
}

#[test]
fn facilities_and_organisations_are_retyped_by_the_last_word_of_their_names() {
    let text = "Officials in Broward County sent patients to Suddie Public Hospital. Broward County Public Schools closed. Riverside County met at the Montego Bay Convention Centre near Times Square Park. The Department of Biomedical Engineering and the Gulf of Mexico are far apart.";
    let names = [("Broward County Public Schools", ORG), ("Broward County", ORG), ("Suddie Public Hospital", FAC), ("Riverside County", FAC), ("Montego Bay Convention Centre", GPE), ("Times Square Park", FAC), ("Department of Biomedical Engineering", GPE), ("Gulf of Mexico", LOC)];
    let mut d = doc(text, &names);
    tag(&mut d, FUNCTION_WORDS);
    Resolver.process(&mut d);
    let label = |name: &str| tagsets::ENTITY_TYPES[entity(&d, name).label as usize];
    assert_eq!(
        (label("Broward County"), label("Suddie Public Hospital"), label("Broward County Public Schools")),
        ("LOC", "ORG", "ORG")
    );
    // A county is no facility, a centre no place; a park may be a facility.
    assert_eq!(
        (label("Riverside County"), label("Montego Bay Convention Centre"), label("Times Square Park")),
        ("LOC", "ORG", "FAC")
    );
    assert_eq!((label("Department of Biomedical Engineering"), label("Gulf of Mexico")), ("ORG", "LOC"));
}

#[test]
fn an_organisation_named_after_a_noun_for_a_person_is_a_person() {
    let text = "The show is the work of artist and educator Alexandria Douziech. Douziech grew up in Los Angeles. A former White House aide and the caucus member Black Caucus spoke.";
    let names = [("Alexandria Douziech", ORG), ("Douziech", ORG), ("Los Angeles", GPE), ("White House", ORG), ("Black Caucus", ORG)];
    let mut d = doc(text, &names);
    tag(&mut d, &[("former", "ADJ", "JJ"), ("grew", "VERB", "VBD"), ("up", "ADP", "RP"), ("and", "CCONJ", "CC"), ("spoke", "VERB", "VBD"), ("The", "DET", "DT"), ("A", "DET", "DT"), ("is", "AUX", "VBZ")]);
    Resolver.process(&mut d);
    let label = |name: &str| tagsets::ENTITY_TYPES[entity(&d, name).label as usize];
    assert_eq!(label("Alexandria Douziech"), "PERSON");
    // An adjective before the name, or an institution word ending it, leaves it alone.
    assert_eq!((label("White House"), label("Black Caucus"), label("Los Angeles")), ("ORG", "ORG", "GPE"));
}

#[test]
fn compass_parts_of_named_places_and_homes_of_natives_are_places() {
    let text = "I moved to California. Southern California has been perfect for this tree. Guanajuato natives run the Pacific Ocean bar.";
    let names = [("Southern California", ORG), ("California", GPE), ("Guanajuato", ORG), ("Pacific Ocean", LOC)];
    let mut d = doc(text, &names);
    tag(&mut d, FUNCTION_WORDS);
    Resolver.process(&mut d);
    let label = |name: &str| tagsets::ENTITY_TYPES[entity(&d, name).label as usize];
    assert_eq!((label("Southern California"), label("Guanajuato")), ("GPE", "GPE"));
    // The part is not the whole: two places.
    assert_ne!(entity(&d, "Southern California").name, entity(&d, "California").name);
}

#[test]
fn an_acronym_spells_every_letter_of_a_dotted_abbreviation() {
    let text = "The boat came from St. Thomas, USVI, on Sunday. Agents patrol the U.S. Virgin Islands.";
    let mut d = doc(text, &[("St. Thomas", GPE), ("USVI", GPE), ("U.S. Virgin Islands", GPE)]);
    tag(&mut d, FUNCTION_WORDS);
    Resolver.process(&mut d);
    assert_eq!(entity(&d, "U.S. Virgin Islands").aliases, ["USVI"]);
}

#[test]
fn a_reporting_verb_tagged_as_a_noun_ends_a_description() {
    // The tagger reads "claims" as a plural noun after "The company".
    let text = "CVS Health helps people. The company claims that this is its purpose.";
    let mut d = doc(text, &[("CVS Health", ORG)]);
    tag(&mut d, &[("helps", "VERB", "VBZ"), ("The", "DET", "DT"), ("that", "SCONJ", "IN"), ("this", "PRON", "DT"), ("is", "AUX", "VBZ"), ("its", "PRON", "PRP$")]);
    Resolver.process(&mut d);
    let texts: Vec<&str> = entity(&d, "CVS Health").mentions.iter().map(|m| m.text(&d.text)).collect();
    assert!(texts.contains(&"The company"), "{texts:?}");
}

#[test]
fn a_name_that_only_premodifies_a_campaign_or_administration_is_a_person() {
    let text = "The Biden campaign pledged clean power. The Senate campaign cost more.";
    let mut d = doc(text, &[("Biden", ORG), ("Senate", ORG)]);
    tag(&mut d, FUNCTION_WORDS);
    Resolver.process(&mut d);
    let label = |name: &str| tagsets::ENTITY_TYPES[entity(&d, name).label as usize];
    assert_eq!((label("Biden"), label("Senate")), ("PERSON", "ORG"));
}

#[test]
fn the_head_noun_of_an_organisation_name_refers_to_it() {
    let text = "The 4th District Court of Appeal ruled on Thursday. The court said the seller was liable. The appeals court agreed.";
    let mut d = doc(text, &[("4th District Court of Appeal", ORG)]);
    tag(&mut d, FUNCTION_WORDS);
    Resolver.process(&mut d);
    let court = entity(&d, "4th District Court of Appeal");
    let texts: Vec<&str> = court.mentions.iter().map(|m| m.text(&d.text)).collect();
    // "The court" is a mention; "The appeals court" is not ("appeals" is no word of the name),
    // and the name's head makes no description.
    assert_eq!(texts, ["4th District Court of Appeal", "The court"]);
    assert!(court.descriptions.is_empty(), "{:?}", court.descriptions);
}

#[test]
fn predicative_gives_a_description() {
    let mut d = doc("Yevgeny Prigozhin is the founder of Wagner.", &[("Yevgeny Prigozhin", PERSON), ("Wagner", ORG)]);
    tag(&mut d, FUNCTION_WORDS);
    Resolver.process(&mut d);
    assert_eq!(entity(&d, "Yevgeny Prigozhin").descriptions, ["founder of Wagner"]);
}

#[test]
fn pronouns_link_to_the_nearest_compatible_subject() {
    let text = "Aleksandr Lukashenko spoke on Friday. He said Wagner was welcome. In his speech Lukashenko said it was strong.";
    let mut d = doc(text, &[("Aleksandr Lukashenko", PERSON), ("Lukashenko", PERSON), ("Wagner", ORG)]);
    tag(&mut d, FUNCTION_WORDS);
    Resolver.process(&mut d);
    let l = entity(&d, "Aleksandr Lukashenko");
    let he = text.find("He said").unwrap() as u32;
    let his = text.find("his").unwrap() as u32;
    assert!(l.mentions.iter().any(|m| m.start == he), "{:?}", l.mentions);
    assert!(l.mentions.iter().any(|m| m.start == his), "{:?}", l.mentions);
    // "it" is a thing: Wagner, not Lukashenko.
    let it = text.find("it was").unwrap() as u32;
    assert!(entity(&d, "Wagner").mentions.iter().any(|m| m.start == it));
}

#[test]
fn object_pronouns_skip_the_subject_of_their_own_clause() {
    let text = "Mr. Bloomberg met Mr. Smith. He blamed him. Jane Roe sang to Ann Lee before asking her.";
    let mut d = doc(text, &[("Mr. Bloomberg", PERSON), ("Mr. Smith", PERSON), ("Jane Roe", PERSON), ("Ann Lee", PERSON)]);
    let words = [("He", "PRON", "PRP"), ("him", "PRON", "PRP"), ("her", "PRON", "PRP"), ("met", "VERB", "VBD"), ("blamed", "VERB", "VBD"), ("sang", "VERB", "VBD"), ("asking", "VERB", "VBG"), ("before", "SCONJ", "IN")];
    tag(&mut d, &[&words[..], FUNCTION_WORDS].concat());
    let parse = [
        (2, "compound"), (3, "nsubj"), (0, "root"), (5, "compound"), (3, "obj"), (3, "punct"),
        (8, "nsubj"), (0, "root"), (8, "obj"), (8, "punct"),
        (13, "nsubj"), (11, "flat"), (0, "root"), (15, "case"), (13, "obl"), (15, "flat"), (18, "mark"), (13, "advcl"), (18, "obj"), (13, "punct"),
    ];
    set_parse(&mut d, &parse);
    Resolver.process(&mut d);
    let at = |s: &str| text.find(s).unwrap() as u32;
    // "He" is the subject Bloomberg; "him" cannot be the man who blamed him.
    assert!(entity(&d, "Mr. Bloomberg").mentions.iter().any(|m| m.start == at("He blamed")));
    assert!(entity(&d, "Mr. Smith").mentions.iter().any(|m| m.start == at("him")), "{:?}", entity(&d, "Mr. Smith").mentions);
    // "asking" shares the subject of "sang": "her" is not Jane Roe.
    assert!(entity(&d, "Ann Lee").mentions.iter().any(|m| m.start == at("her.")), "{:?}", entity(&d, "Ann Lee").mentions);
    assert!(!entity(&d, "Jane Roe").mentions.iter().any(|m| m.start == at("her.")));
}

#[test]
fn a_name_in_apposition_to_the_subject_is_the_subject_but_not_its_own_possessor() {
    let text = "Jane Roe spoke. Foreign Secretary Ann Lee said she was appalled. On Monday, her boyfriend Bob Stone arrived.";
    let mut d = doc(text, &[("Jane Roe", PERSON), ("Ann Lee", PERSON), ("Bob Stone", PERSON)]);
    let words = [("her", "PRON", "PRP$"), ("appalled", "VERB", "VBN")];
    tag(&mut d, &[&words[..], FUNCTION_WORDS].concat());
    let parse = [
        (3, "nsubj"), (1, "flat"), (0, "root"), (3, "punct"),
        (6, "compound"), (9, "nsubj"), (6, "appos"), (7, "flat"), (0, "root"), (12, "nsubj"), (12, "cop"), (9, "ccomp"), (9, "punct"),
        (15, "case"), (21, "obl"), (21, "punct"), (18, "nmod:poss"), (21, "nsubj"), (18, "appos"), (19, "flat"), (0, "root"), (21, "punct"),
    ];
    set_parse(&mut d, &parse);
    Resolver.process(&mut d);
    let at = |s: &str| text.find(s).unwrap() as u32;
    // The parse hangs "Ann Lee" on "Secretary", the subject: "she" is her, not Jane Roe.
    assert!(entity(&d, "Ann Lee").mentions.iter().any(|m| m.start == at("she")), "{:?}", entity(&d, "Ann Lee").mentions);
    // "her boyfriend Bob Stone": the possessive is not Bob Stone, whose phrase it opens.
    assert!(!entity(&d, "Bob Stone").mentions.iter().any(|m| m.start == at("her")), "{:?}", entity(&d, "Bob Stone").mentions);
    assert!(entity(&d, "Ann Lee").mentions.iter().any(|m| m.start == at("her")), "{:?}", entity(&d, "Ann Lee").mentions);
}

#[test]
fn a_place_noun_does_not_name_an_organisation_by_its_head() {
    // "the state" shares its head with "Islamic State" but is a place.
    let text = "The Islamic State attacked the town. The state said no.";
    let mut d = doc(text, &[("Islamic State", ORG)]);
    tag(&mut d, FUNCTION_WORDS);
    Resolver.process(&mut d);
    let state = text.find("The state").unwrap() as u32;
    assert!(!entity(&d, "Islamic State").mentions.iter().any(|m| m.start == state), "{:?}", entity(&d, "Islamic State").mentions);
}

#[test]
fn a_natural_feature_listed_among_companies_is_a_company() {
    let mut d = doc("Microsoft, Amazon, and Google all declined to comment.", &[("Microsoft", ORG), ("Amazon", LOC), ("Google", ORG)]);
    Resolver.process(&mut d);
    assert_eq!(entity(&d, "Amazon").label, ORG);
    // Among rivers it stays a river.
    let mut d = doc("The Nile, the Amazon and the Danube flooded.", &[("Nile", LOC), ("Amazon", LOC), ("Danube", LOC)]);
    Resolver.process(&mut d);
    assert_eq!(entity(&d, "Amazon").label, LOC);
}

#[test]
fn gender_from_a_title_blocks_the_wrong_pronoun() {
    let text = "Ms. Simonyan met Mr. Zubarev. She said no.";
    let mut d = doc(text, &[("Ms. Simonyan", PERSON), ("Mr. Zubarev", PERSON)]);
    tag(&mut d, &[&[("Ms.", "PROPN", "NNP"), ("Mr.", "PROPN", "NNP"), ("She", "PRON", "PRP")], FUNCTION_WORDS].concat());
    Resolver.process(&mut d);
    let she = text.find("She").unwrap() as u32;
    assert!(entity(&d, "Ms. Simonyan").mentions.iter().any(|m| m.start == she));
}

#[test]
fn works_without_tags_and_keeps_hyphenated_names_whole() {
    let text = "Prigozhin left Rostov-on-Don and Russian-backed units stayed.";
    let mut d = doc(text, &[("Prigozhin", PERSON), ("Rostov", GPE), ("Don", GPE), ("Russian", 4)]);
    Resolver.process(&mut d);
    let names: Vec<&str> = d.entities.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["Prigozhin", "Rostov-on-Don", "Russian"]);
    assert_eq!(Resolver.name(), "entities");
}

#[test]
fn a_name_premodifying_an_organisation_noun_is_an_organisation() {
    let text = "Prigozhin’s Patriot media group, which includes several sites, said it would close. Regulators blocked sites belonging to Patriot.";
    let mut d = doc(text, &[("Prigozhin", PERSON), ("Patriot", PERSON)]);
    tag(&mut d, FUNCTION_WORDS);
    Resolver.process(&mut d);
    assert_eq!(entity(&d, "Patriot").label, ORG);
    assert_eq!(entity(&d, "Prigozhin").label, PERSON);
}

#[test]
fn an_entity_retyped_to_organisation_joins_the_organisation_of_its_name() {
    // NER calls "Wagner" a person twice, so the entity of "Wagner Group" is a person when
    // the organisation "Wagner" of "the Wagner chief" comes and stays apart; "Wagner media
    // group" then makes that entity an organisation, and the two are one.
    let text = "Wagner Group fighters left. Wagner fighters stayed. Wagner media group said so. The Wagner chief spoke.";
    let mut d = doc(text, &[("Wagner Group", ORG), ("Wagner", PERSON)]);
    let last = d.mentions.len() - 1;
    d.mentions[last].label = ORG;
    tag(&mut d, FUNCTION_WORDS);
    Resolver.process(&mut d);
    let wagner: Vec<(&str, u8, usize)> = d.entities.iter().map(|e| (e.name.as_str(), e.label, e.mentions.len())).collect();
    assert_eq!(wagner, [("Wagner Group", ORG, 4)]);
}

#[test]
fn a_name_after_in_or_before_a_comma_and_a_place_is_a_place() {
    let text = "Nadella spoke in Redmond, Washington. The firm has an office in Torrance. Meadows stood near Bennett and praised Bennett's work in Smith's view.";
    let names = [("Nadella", PERSON), ("Redmond", PERSON), ("Washington", GPE), ("Torrance", PERSON), ("Meadows", PERSON), ("Bennett", PERSON), ("Smith", PERSON)];
    let mut d = doc(text, &names);
    tag(&mut d, FUNCTION_WORDS);
    Resolver.process(&mut d);
    assert_eq!(entity(&d, "Redmond").label, GPE);
    assert_eq!(entity(&d, "Torrance").label, GPE);
    // "near" is said of people too, and "in Smith's view" names a possessor.
    for person in ["Nadella", "Meadows", "Bennett", "Smith"] {
        assert_eq!(entity(&d, person).label, PERSON, "{person}");
    }
}

#[test]
fn a_repeat_after_a_place_that_modifies_it_is_a_mention() {
    // "ISO" is tagged once; "California ISO" has the place tagged and "ISO" not.
    let text = "The ISO ordered cuts. Later California ISO said demand fell.";
    let mut d = doc(text, &[("ISO", ORG), ("California", GPE)]);
    // Only the first "ISO" is the recogniser's.
    let second_iso = d.tokens.iter().rposition(|t| &text[t.start as usize..t.end as usize] == "ISO").unwrap();
    d.mentions.retain(|m| m.first as usize != second_iso);
    tag(&mut d, FUNCTION_WORDS);
    Resolver.process(&mut d);
    let iso = entity(&d, "ISO");
    assert_eq!(iso.mentions.len(), 2, "{:?}", iso.mentions);
}

#[test]
fn untagged_repeats_of_a_tagged_name_become_mentions() {
    // The recogniser found "Patriot" once; the other occurrence, with the evidence that it
    // is an organisation, is found by repetition.
    let text = "Prigozhin’s Patriot media group said it would close. Regulators blocked sites belonging to Patriot. The Patriot Act is a law. Patriotic songs played.";
    let mut d = doc(text, &[("Prigozhin", PERSON)]);
    let at = text.rfind("to Patriot").unwrap() + 3;
    let first = d.tokens.iter().position(|t| t.start as usize == at).unwrap() as u32;
    d.mentions.push(EntityMention { first, end: first + 1, label: PERSON });
    d.mentions.sort_by_key(|m| m.first);
    tag(&mut d, FUNCTION_WORDS);
    Resolver.process(&mut d);
    let patriot = entity(&d, "Patriot");
    assert_eq!(patriot.label, ORG, "the media-group occurrence decides the type");
    let texts: Vec<&str> = patriot.mentions.iter().map(|m| m.text(&d.text)).filter(|t| t.starts_with('P')).collect();
    assert_eq!(texts, ["Patriot", "Patriot"], "not inside 'The Patriot Act', not 'Patriotic'");
    assert_eq!(patriot.mentions[0].start, text.find("Patriot media").unwrap() as u32);
}

/// The mentions of the one named entity `(name, label)` after resolving `text`, tagged with
/// the function words and `words`.
fn mentions_after(text: &str, (name, label): (&str, u8), words: &[(&str, &str, &str)]) -> Vec<String> {
    let mut d = doc(text, &[(name, label)]);
    tag(&mut d, &[FUNCTION_WORDS, words].concat());
    Resolver.process(&mut d);
    entity(&d, name).mentions.iter().map(|m| m.text(&d.text).to_string()).collect()
}

#[test]
fn the_person_an_indefinite_phrase_introduced_is_not_a_named_one() {
    let words = [("entered", "VERB", "VBD"), ("runs", "VERB", "VBZ"), ("safe", "ADJ", "JJ")];
    let hasib = ("Usman Hasib", PERSON);
    // With no one else about, "the man" is the person just named.
    assert_eq!(mentions_after("Usman Hasib runs the salon. The man said it was safe.", hasib, &words), ["Usman Hasib", "The man"]);
    // After "a man …", it is that unnamed man.
    assert_eq!(mentions_after("A man entered the salon. Usman Hasib runs the salon. The man said it was safe.", hasib, &words), ["Usman Hasib"]);
}

#[test]
fn they_after_a_plural_subject_is_that_group_not_an_organisation_before_it() {
    let words = [("they", "PRON", "PRP"), ("loggers", "NOUN", "NNS"), ("told", "VERB", "VBD"), ("learnt", "VERB", "VBD"), ("claimed", "VERB", "VBD"), ("ran", "VERB", "VBD")];
    let news = ("Kaieteur News", ORG);
    assert_eq!(mentions_after("Kaieteur News learnt of the deaths. Later they claimed the hunter ran.", news, &words), ["Kaieteur News", "they"]);
    assert_eq!(mentions_after("Kaieteur News learnt of the deaths. The loggers told police. Later they claimed the hunter ran.", news, &words), ["Kaieteur News"]);
    // A group named after the organisation is the organisation's.
    let words = [&words[..], &[("reporters", "NOUN", "NNS")]].concat();
    assert_eq!(mentions_after("Kaieteur News learnt of the deaths. Kaieteur News reporters told police. Later they claimed the hunter ran.", news, &words), ["Kaieteur News", "Kaieteur News", "they"]);
}

#[test]
fn an_apposition_before_a_name_that_opens_its_sentence_describes_it() {
    let mut d = doc("One company, Avigilon, sells cameras to schools.", &[("Avigilon", PERSON)]);
    tag(&mut d, &[FUNCTION_WORDS, &[("One", "NUM", "CD"), ("sells", "VERB", "VBZ")][..]].concat());
    Resolver.process(&mut d);
    let e = entity(&d, "Avigilon");
    assert_eq!(e.descriptions, ["company"]);
    // An organisation noun describing a name NER called a person makes it an organisation.
    assert_eq!(e.label, ORG);
}

#[test]
fn a_sentence_opening_name_with_an_apposition_before_its_verb_is_a_subject() {
    // The parse hangs "says" on the apposition (a frequent parser error); "he" is still
    // Preston, the subject of his sentence, not Avery from the sentence before.
    let text = "Tom Avery spoke first. Kenneth Preston, a student, says he supports the plan.";
    let mut d = doc(text, &[("Tom Avery", PERSON), ("Kenneth Preston", PERSON)]);
    tag(&mut d, &[FUNCTION_WORDS, &[("spoke", "VERB", "VBD"), ("says", "VERB", "VBZ"), ("supports", "VERB", "VBZ"), ("first", "ADV", "RB")][..]].concat());
    let at = |w: &str| (0..d.tokens.len()).find(|&i| d.token_text(i) == w).unwrap();
    let rel = |r: &str| tagsets::id_of(&tagsets::DEPRELS, r).unwrap();
    let (tom, spoke, kenneth, student, says, he, supports) = (at("Tom"), at("spoke"), at("Kenneth"), at("student"), at("says"), at("he"), at("supports"));
    for (i, head, r) in [(tom, spoke, "nsubj"), (kenneth, u32::MAX as usize, "root"), (student, kenneth, "appos"), (says, student, "acl:relcl"), (he, supports, "nsubj"), (supports, says, "ccomp")] {
        d.tags[i].head = head as u32;
        d.tags[i].deprel = rel(r);
    }
    Resolver.process(&mut d);
    let he_at = text.find("he supports").unwrap() as u32;
    assert!(entity(&d, "Kenneth Preston").mentions.iter().any(|m| m.start == he_at), "{:?}", d.entities);
}

#[test]
fn a_possessor_inside_an_anchored_description_refers_on_its_own() {
    let text = "Acme Trust met on Monday. Ann Lee, the trust's chairman, spoke.";
    let mut d = doc(text, &[("Acme Trust", ORG), ("Ann Lee", PERSON)]);
    tag(&mut d, &[("the", "DET", "DT"), ("'s", "PART", "POS"), ("met", "VERB", "VBD"), ("spoke", "VERB", "VBD"), ("on", "ADP", "IN")]);
    Resolver.process(&mut d);
    let lee = entity(&d, "Ann Lee");
    assert_eq!(lee.descriptions, ["trust's chairman"]);
    let trust_at = text.find("the trust").unwrap() as u32;
    assert!(entity(&d, "Acme Trust").mentions.iter().any(|m| m.start == trust_at), "{:?}", entity(&d, "Acme Trust").mentions);
}

#[test]
fn a_surname_tagged_as_an_organisation_joins_the_person() {
    let text = "Ramona Archer-Bradshaw spoke on Monday. Archer-Bradshaw said more. Denzel Washington flew to Washington.";
    let mut d = doc(text, &[("Ramona Archer-Bradshaw", PERSON), ("Archer-Bradshaw", ORG), ("Denzel Washington", PERSON), ("Washington", GPE)]);
    tag(&mut d, FUNCTION_WORDS);
    Resolver.process(&mut d);
    let person = entity(&d, "Ramona Archer-Bradshaw");
    assert_eq!(person.label, PERSON);
    assert_eq!(person.mentions.len(), 2, "{:?}", d.entities.iter().map(|e| &e.name).collect::<Vec<_>>());
    assert!(d.entities.iter().any(|e| e.name == "Washington" && e.label == GPE), "a place keeps its own entity");
}

/// The people of `text` with person mentions on `names`, resolved: (name, aliases).
fn people(text: &str, names: &[&str]) -> Vec<(String, Vec<String>)> {
    let named: Vec<(&str, u8)> = names.iter().map(|&n| (n, PERSON)).collect();
    let mut d = doc(text, &named);
    Resolver.process(&mut d);
    d.entities.iter().map(|e| (e.name.clone(), e.aliases.clone())).collect()
}

#[test]
fn two_mentions_before_and_after_and_are_left_alone() {
    // A lone name before "and" may be a given name or a surname used alone: the words do
    // not tell.
    let got = people("Obama and Hillary Clinton arrived in Paris.", &["Hillary Clinton", "Obama"]);
    assert_eq!(got, [("Obama".to_string(), vec![]), ("Hillary Clinton".to_string(), vec![])]);
}

#[test]
fn one_mention_of_a_couple_becomes_two_people() {
    let got = people("John and Mary Smith said they were pleased.", &["John and Mary Smith"]);
    assert_eq!(got, [("John Smith".to_string(), vec![]), ("Mary Smith".to_string(), vec![])]);
    // An organisation's "and" stays.
    let mut d = doc("Procter and Gamble Company said so.", &[("Procter and Gamble Company", ORG)]);
    Resolver.process(&mut d);
    assert_eq!(d.entities.len(), 1);
}

#[test]
fn a_couple_named_again_by_the_given_name_keeps_the_surname() {
    let got = people("John and Mary Smith moved here. John said so.", &["John and Mary Smith", "John"]);
    assert_eq!(got[0], ("John Smith".to_string(), vec!["John".to_string()]));
    // The given name is clustered with its surname, not with another person of that name.
    let got = people("Bill de Blasio spoke. Bill and Melinda Gates gave money.", &["Bill de Blasio", "Bill and Melinda Gates"]);
    let names: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["Bill de Blasio", "Bill Gates", "Melinda Gates"]);
}

#[test]
fn a_title_of_rank_belongs_to_the_name_an_office_does_not() {
    // NER's span with the title, and one without it after the title.
    let got = people("Prince Harry met Lord Curry and President Joe Biden. Harry left.", &["Prince Harry", "Curry", "President Joe Biden", "Harry"]);
    assert_eq!(
        got,
        [
            ("Prince Harry".to_string(), vec!["Harry".to_string()]),
            ("Lord Curry".to_string(), vec!["Curry".to_string()]),
            ("Joe Biden".to_string(), vec![]),
        ]
    );
}

#[test]
fn a_surname_alone_repeats_a_tagged_person_name() {
    // Only the full name is tagged; "Myers" alone and "Washington" the state are not hers.
    let text = "Dee Dee Myers left the studio. Myers, who was its spokeswoman, spoke. Washington agreed. George Washington did not.";
    let mut d = doc(text, &[("Dee Dee Myers", PERSON), ("George Washington", PERSON)]);
    let state = d.tokens.iter().position(|t| &text[t.start as usize..t.end as usize] == "Washington").unwrap();
    d.mentions.push(EntityMention { first: state as u32, end: state as u32 + 1, label: GPE });
    d.mentions.sort_by_key(|m| m.first);
    tag(&mut d, FUNCTION_WORDS);
    Resolver.process(&mut d);
    assert_eq!(entity(&d, "Dee Dee Myers").mentions.len(), 2, "{:?}", entity(&d, "Dee Dee Myers").mentions);
    assert_eq!(entity(&d, "George Washington").mentions.len(), 1);
    // A surname the text also uses as a word is left alone.
    let text = "Al From spoke. From the start, he argued from memory.";
    let mut d = doc(text, &[("Al From", PERSON)]);
    tag(&mut d, FUNCTION_WORDS);
    Resolver.process(&mut d);
    assert_eq!(entity(&d, "Al From").mentions.iter().filter(|m| m.end - m.start > 2).count(), 1);
}

#[test]
fn a_named_house_or_group_is_an_organisation_not_a_place() {
    let text = "The White House said the House would vote. Kentucky stayed calm. She worked at the firm Glover Park Group.";
    let mut d = doc(text, &[("White House", GPE), ("House", ORG), ("Kentucky", GPE), ("Park Group", GPE)]);
    tag(&mut d, FUNCTION_WORDS);
    Resolver.process(&mut d);
    let types: Vec<(&str, u8)> = d.entities.iter().map(|e| (e.name.as_str(), e.label)).collect();
    // A "place" ending in a company word is an organisation, with the name word before it.
    assert_eq!(types, [("White House", ORG), ("House", ORG), ("Kentucky", GPE), ("Glover Park Group", ORG)]);
}
