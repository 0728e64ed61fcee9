//! Behaviour of the `Places` stage on the tiny index.

use newsgraph_core::{Doc, Entity, Meta, Span, Stage};

use super::testing::tiny_index;
use super::Places;

const GPE: u8 = 2;
const PERSON: u8 = 0;
const NORP: u8 = 4;

/// A document whose entities are the bracketed spans of `marked` ("[Paris], [Texas]"), one
/// entity per distinct text; `[Name|4]` sets the label id.
fn doc(marked: &str, dateline: Option<&str>) -> Doc {
    let mut text = String::new();
    let mut spans: Vec<(String, u8, Span)> = Vec::new();
    let mut rest = marked;
    while let Some(open) = rest.find('[') {
        text.push_str(&rest[..open]);
        let close = rest[open..].find(']').unwrap() + open;
        let inner = &rest[open + 1..close];
        let (name, label) = match inner.split_once('|') {
            Some((n, l)) => (n, l.parse().unwrap()),
            None => (inner, GPE),
        };
        let start = text.len();
        text.push_str(name);
        spans.push((name.to_string(), label, Span::new(start, text.len())));
        rest = &rest[close + 1..];
    }
    text.push_str(rest);
    let mut d = Doc::new(Meta { dateline_place: dateline.map(str::to_string), ..Meta::default() }, text);
    for (name, label, span) in spans {
        match d.entities.iter_mut().find(|e| e.name == name && e.label == label) {
            Some(e) => e.mentions.push(span),
            None => d.entities.push(Entity {
                label,
                name,
                aliases: vec![],
                descriptions: vec![],
                mentions: vec![span],
                extra: Default::default(),
            }),
        }
    }
    d
}

fn run(marked: &str, dateline: Option<&str>) -> Doc {
    let mut d = doc(marked, dateline);
    Places::new(tiny_index()).process(&mut d);
    d
}

fn id_of(d: &Doc, name: &str) -> Option<u64> {
    d.entities.iter().find(|e| e.name == name).and_then(|e| e.extra.get("geonames_id")).and_then(|v| v.as_u64())
}

#[test]
fn population_decides_without_context() {
    let d = run("Talks opened in [Paris] on Monday.", None);
    assert_eq!(id_of(&d, "Paris"), Some(2988507));
    assert_eq!(d.entities[0].extra["precision"], "city");
    assert_eq!(d.entities[0].extra["country_code"], "FR");
}

#[test]
fn containing_area_after_a_comma_decides() {
    assert_eq!(id_of(&run("He grew up in [Paris], [Texas], and left.", None), "Paris"), Some(4717560));
    assert_eq!(id_of(&run("He grew up in [Paris], Tex., and left.", None), "Paris"), Some(4717560));
    assert_eq!(id_of(&run("The mill in [Portland], Maine.", None), "Portland"), Some(4975802));
    assert_eq!(id_of(&run("Police in [Moscow], [Idaho], said.", None), "Moscow"), Some(5601538));
    assert_eq!(id_of(&run("A plant in [Birmingham], [Alabama], closed.", None), "Birmingham"), Some(4049979));
    assert_eq!(id_of(&run("A plant in [Birmingham], [England], closed.", None), "Birmingham"), Some(2655603));
    // A name that holds the container itself.
    assert_eq!(id_of(&run("He lives in [Paris, Texas].", None), "Paris, Texas"), Some(4717560));
}

#[test]
fn a_state_abbreviation_that_contains_no_candidate_leaves_the_name_unresolved() {
    let d = run("The farm outside [Paris], Ky., was sold.", None);
    assert!(d.entities[0].extra.is_empty(), "Paris, Ky. is not in the index; Paris, France would be wrong");
}

#[test]
fn a_list_of_places_is_not_a_container() {
    // "Georgia, Russia and ..." : Russia does not contain any Georgia, so it does not count.
    let d = run("Envoys from [Georgia], [Russia] and Armenia met.", None);
    assert_eq!(id_of(&d, "Georgia"), Some(614540));
}

#[test]
fn document_context_decides_between_country_and_state() {
    assert_eq!(id_of(&run("Voters in [Georgia] went to the polls.", None), "Georgia"), Some(614540));
    assert_eq!(id_of(&run("Voters in [Georgia] lined up in [Atlanta].", None), "Georgia"), Some(4197000));
    assert_eq!(id_of(&run("Protesters in [Tbilisi], the capital of [Georgia].", None), "Georgia"), Some(614540));
    // The dateline votes too.
    assert_eq!(id_of(&run("Voters in [Georgia] went to the polls.", Some("ATLANTA")), "Georgia"), Some(4197000));
    // Nationality words vote for their country without being geocoded themselves.
    let d = run("[American|4] voters in [Georgia] went to the polls.", None);
    assert_eq!(id_of(&d, "Georgia"), Some(4197000));
    assert!(d.entities.iter().find(|e| e.label == NORP).unwrap().extra.is_empty());
}

#[test]
fn a_world_city_keeps_its_name_in_a_national_context() {
    let d = run("Officials in [New York] and the [U.S.] spoke of [Moscow].", None);
    assert_eq!(id_of(&d, "Moscow"), Some(524901), "a US context alone does not move Moscow");
    // A document mostly about one area does: two Idaho places make Moscow the Idaho town.
    let d = run("Officials in [Boise] and [Idaho] spoke of [Moscow] and the [U.S.].", None);
    assert_eq!(id_of(&d, "Moscow"), Some(5601538));
}

#[test]
fn lowercase_state_after_the_name_means_the_area() {
    let d = run("Lawmakers in [New York] state passed the budget.", None);
    assert_eq!(id_of(&d, "New York"), Some(5128638));
    assert_eq!(d.entities[0].extra["precision"], "admin1");
}

#[test]
fn lowercase_modifiers_and_lone_state_abbreviations() {
    let d = run("Fighting in eastern [Georgia] and [Tbilisi].", None);
    assert_eq!(id_of(&d, "Georgia"), Some(614540));
    let d = run("Troops moved into [northern Georgia] near [Tbilisi].", None);
    assert_eq!(id_of(&d, "northern Georgia"), Some(614540));
    let d = run("BOISE, [Ida.] (AP)", None);
    assert!(d.entities[0].extra.is_empty(), "not a known abbreviation");
    let d = run("PORTLAND, [Ore.] (AP)", None);
    assert_eq!(id_of(&d, "Ore."), Some(5744337));
}

#[test]
fn a_capital_beats_its_same_named_state_and_areas_say_so() {
    let d = run("[New York] and [France] signed.", None);
    assert_eq!(id_of(&d, "New York"), Some(5128581));
    let france = d.entities.iter().find(|e| e.name == "France").unwrap();
    assert_eq!(france.extra["precision"], "country");
    assert_eq!(france.extra["feature"], "country");
}

#[test]
fn aliases_possessives_and_alternate_names() {
    assert_eq!(id_of(&run("[Russia's] army.", None), "Russia's"), Some(2017370));
    assert_eq!(id_of(&run("The [U.S.] said.", None), "U.S."), Some(6252001));
    assert_eq!(id_of(&run("In [Moskva] today.", None), "Moskva"), Some(524901));
    // An alternate name is used when no primary name matches.
    assert_eq!(id_of(&run("In [Victoria] harbour.", None), "Victoria"), Some(1819729));
}

#[test]
fn unknown_names_and_other_types_are_left_alone() {
    let d = run("[Wakanda] and [Paris|0] and [Europe].", None);
    assert!(d.entities[0].extra.is_empty(), "unknown GPE gets nothing");
    assert_eq!(d.entities[1].label, PERSON);
    assert!(d.entities[1].extra.is_empty(), "a PERSON named Paris is not geocoded");
    assert_eq!(d.entities[2].extra["feature"], "continent");
    assert!(d.entities[2].extra.get("country_code").is_none());
}

#[test]
fn resolution_is_deterministic() {
    let a = run("[Georgia], [Paris], [Moscow], [Birmingham] and [Portland].", None);
    let b = run("[Georgia], [Paris], [Moscow], [Birmingham] and [Portland].", None);
    let ids = |d: &Doc| d.entities.iter().map(|e| e.extra.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&a), ids(&b));
}

/// `run` on a segmented document whose tokens are tagged NOUN when listed in `nouns`, else X.
fn run_segmented(marked: &str, nouns: &[&str]) -> Doc {
    let mut d = doc(marked, None);
    newsgraph_text::Segmenter.process(&mut d);
    let (noun, x) = (7, 16);
    d.tags = (0..d.tokens.len())
        .map(|i| newsgraph_core::TokenTags { upos: if nouns.contains(&d.token_text(i)) { noun } else { x }, head: u32::MAX, ..Default::default() })
        .collect();
    Places::new(tiny_index()).process(&mut d);
    d
}

#[test]
fn a_countrys_capital_named_by_its_adjective_becomes_the_city() {
    let d = run_segmented("Troops marched toward the Russian capital on Monday.", &["capital", "Troops"]);
    let moscow = d.entities.iter().find(|e| e.name == "Moscow").expect("a Moscow entity");
    assert_eq!(moscow.extra["geonames_id"], 524901);
    assert_eq!(moscow.extra["named_by"], "the Russian capital");
    assert_eq!(moscow.mentions.iter().map(|m| m.text(&d.text)).collect::<Vec<_>>(), ["the Russian capital"]);
    assert_eq!(moscow.descriptions, ["Russian capital"]);
}

#[test]
fn a_capital_phrase_joins_the_city_the_article_names() {
    let d = run_segmented("[Moscow] is calm. Crowds left the French capital and [Russia]’s capital.", &["capital", "Crowds"]);
    let names: Vec<&str> = d.entities.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["Moscow", "Russia", "Paris"]);
    let moscow = &d.entities[0];
    assert_eq!(moscow.mentions.iter().map(|m| m.text(&d.text)).collect::<Vec<_>>(), ["Moscow", "Russia’s capital"]);
    assert_eq!(d.entities[2].extra["country_code"], "FR");
}

#[test]
fn capital_as_a_modifier_or_alone_is_left_alone() {
    let d = run_segmented("The Russian capital market fell. Investors fled the capital.", &["capital", "market", "Investors"]);
    assert!(d.entities.is_empty(), "{:?}", d.entities.iter().map(|e| &e.name).collect::<Vec<_>>());
}

/// The relations as "subject -role/predicate-> object".
fn relations_of(d: &Doc) -> Vec<String> {
    d.relations.iter().map(|r| format!("{} -{}/{}-> {}", d.entities[r.subject as usize].name, r.role, r.predicate, d.entities[r.object as usize].name)).collect()
}

#[test]
fn a_place_written_with_its_area_lies_in_it() {
    let d = run("A plant in [Portland], [Maine], closed; another in [Buffalo], [New York], opened.", None);
    assert_eq!(relations_of(&d), vec!["Portland -part of/located in-> Maine", "Buffalo -part of/located in-> New York"]);
    // "New York" named only as Buffalo's area is the state, not the city.
    assert_eq!(id_of(&d, "New York"), Some(5128638));
    assert_eq!(d.relations[0].evidence.text(&d.text), "Portland, Maine");
}

#[test]
fn an_area_written_short_is_known_by_its_entity_name() {
    // The entity of "TXS" is Texas (its full name elsewhere in the article).
    let mut d = doc("He grew up in [Paris], [TXS], and left.", None);
    d.entities[1].name = "Texas".into();
    Places::new(tiny_index()).process(&mut d);
    assert_eq!(id_of(&d, "Paris"), Some(4717560));
    assert_eq!(relations_of(&d), vec!["Paris -part of/located in-> Texas"]);
}

#[test]
fn an_area_named_for_itself_elsewhere_keeps_its_own_resolution() {
    let d = run("Flights from [Buffalo], [New York], landed in [New York] on Monday.", None);
    assert_eq!(relations_of(&d), vec!["Buffalo -part of/located in-> New York"]);
    assert_eq!(id_of(&d, "New York"), Some(5128581), "the city, as resolution alone chose");
}

#[test]
fn a_list_of_places_links_nothing() {
    for text in ["Envoys from [Georgia], [Russia] and Armenia met.", "Talks in [Paris], [Moscow] and [Tbilisi] failed."] {
        assert!(run(text, None).relations.is_empty(), "{text}");
    }
}
