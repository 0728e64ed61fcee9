//! Relation patterns on hand-made sentences: tokens and tags from the real segmenter and
//! the repository's tagger, entity mentions given by the test (so that a change in the NER
//! model does not change what these tests check).

use newsgraph_core::tagsets::ENTITY_TYPES;
use newsgraph_core::{Doc, EntityMention, Meta, Stage};

use super::*;
use crate::entities::GroupMentions;

/// A tagged document with `names` marked as mentions of the given type wherever they occur.
pub(crate) fn doc_with(text: &str, names: &[(&str, &str)]) -> Doc {
    static MODELS: std::sync::OnceLock<newsgraph_nlp::stage::Models> = std::sync::OnceLock::new();
    let models = MODELS.get_or_init(|| {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models");
        newsgraph_nlp::stage::Models::load(&dir).expect("models/tagger.bin is in the repository")
    });
    let mut doc = Doc::new(Meta::default(), text.into());
    newsgraph_text::Segmenter.process(&mut doc);
    models.tag_stage().process(&mut doc);
    for &(name, ty) in names {
        let label = ENTITY_TYPES.iter().position(|t| *t == ty).expect("known type") as u8;
        for (at, _) in text.match_indices(name) {
            let first = doc.tokens.iter().position(|t| t.start as usize == at).expect("name starts a token");
            let end = doc.tokens.iter().position(|t| t.end as usize == at + name.len()).expect("name ends a token") + 1;
            doc.mentions.push(EntityMention { first: first as u32, end: end as u32, label });
        }
    }
    doc.mentions.sort_by_key(|m| m.first);
    GroupMentions.process(&mut doc);
    doc
}

/// The span of the first `s` in `text`.
fn span_of(text: &str, s: &str) -> newsgraph_core::Span {
    let at = text.find(s).expect("the test text holds it");
    newsgraph_core::Span::new(at, at + s.len())
}

/// The relations as "subject -role-> object" strings.
fn relations(doc: &mut Doc) -> Vec<String> {
    described(doc, |r| &r.role)
}

/// The relations as "subject -predicate-> object" strings (the article's own wording).
fn predicates(doc: &mut Doc) -> Vec<String> {
    described(doc, |r| &r.predicate)
}

/// The relations as "subject -X-> object" strings, X read by `what`.
fn described(doc: &mut Doc, what: impl Fn(&newsgraph_core::Relation) -> &String) -> Vec<String> {
    Relations::new().process(doc);
    doc.relations
        .iter()
        .map(|r| format!("{} -{}-> {}", doc.entities[r.subject as usize].name, what(r), doc.entities[r.object as usize].name))
        .collect()
}

#[test]
fn premodifier_titles() {
    let mut d = doc_with(
        "Acme chief John Smith met French President Jean Dupont and Zedland state media Znews.",
        &[("Acme", "ORG"), ("John Smith", "PERSON"), ("French", "NORP"), ("Jean Dupont", "PERSON"), ("Zedland", "GPE"), ("Znews", "ORG")],
    );
    let r = relations(&mut d);
    assert!(r.contains(&"John Smith -leader-> Acme".to_string()), "{r:?}");
    assert!(r.contains(&"Jean Dupont -president-> France".to_string()), "a country adjective names its country: {r:?}");
    assert!(r.contains(&"Znews -state media-> Zedland".to_string()), "{r:?}");
    let france = d.entities.iter().find(|e| e.name == "France").unwrap();
    assert_eq!(type_name(&d, d.entities.iter().position(|e| e.name == "France").unwrap() as u32), "GPE");
    assert_eq!(france.extra.get("named_by").and_then(|v| v.as_str()), Some("French"));
}

#[test]
fn adjective_reuses_the_articles_country() {
    let mut d = doc_with("The U.S. said American Secretary Jane Roe left.", &[("U.S.", "GPE"), ("American", "NORP"), ("Jane Roe", "PERSON")]);
    let r = relations(&mut d);
    assert_eq!(r, vec!["Jane Roe -secretary-> U.S.".to_string()]);
}

#[test]
fn appositions_and_position_clauses() {
    let mut d = doc_with(
        "Mary Major, CEO of the Example News Agency, spoke. Bob Stone, the founder of the private security company Guardco, had recently held the position of deputy head of the Orbit's supervisory board.",
        &[("Mary Major", "PERSON"), ("Example News Agency", "ORG"), ("Bob Stone", "PERSON"), ("Guardco", "ORG"), ("Orbit", "ORG")],
    );
    let r = relations(&mut d);
    assert!(r.contains(&"Mary Major -CEO-> Example News Agency".to_string()), "{r:?}");
    assert!(r.contains(&"Bob Stone -founder-> Guardco".to_string()), "{r:?}");
    assert!(r.contains(&"Bob Stone -leader-> Orbit".to_string()), "{r:?}");
    let deputy = d.relations.iter().find(|x| x.role == "leader").unwrap();
    assert_eq!(deputy.predicate, "deputy head of");
}

#[test]
fn a_dash_opens_an_apposition_as_a_comma_does() {
    let mut d = doc_with(
        "Ann Roe — a White House press secretary for Bill Stone — is leaving. Ann Lee — daughter of Max Lee — spoke.",
        &[("Ann Roe", "PERSON"), ("White House", "ORG"), ("Bill Stone", "PERSON"), ("Ann Lee", "PERSON"), ("Max Lee", "PERSON")],
    );
    let r = predicates(&mut d);
    assert!(r.contains(&"Ann Roe -press secretary-> White House".to_string()), "{r:?}");
    assert!(r.contains(&"Ann Roe -press secretary for-> Bill Stone".to_string()), "{r:?}");
    assert!(r.contains(&"Ann Lee -daughter of-> Max Lee".to_string()), "{r:?}");
}

#[test]
fn titles_with_of_acronyms_relative_clauses_and_coordinated_roles() {
    let mut d = doc_with(
        "Supervisor Ann Lee of Napa County spoke. The risk is real, warns Pan American Health Organization (PAHO) Director Carla Etienne. \
         \"It will be fine,\" said Leigh Sears who is the Lake Berryessa concessions manager. \
         It fell, said David Marcus, an energy consultant and former adviser at the California Energy Commission. \
         It is hard, said Anne Gonzales, a spokeswoman for California ISO.",
        &[
            ("Ann Lee", "PERSON"),
            ("Napa County", "GPE"),
            ("Pan American Health Organization", "ORG"),
            ("PAHO", "ORG"),
            ("Carla Etienne", "PERSON"),
            ("Leigh Sears", "PERSON"),
            ("Lake Berryessa", "LOC"),
            ("David Marcus", "PERSON"),
            ("California Energy Commission", "ORG"),
            ("Anne Gonzales", "PERSON"),
            ("California", "GPE"),
            ("ISO", "ORG"),
        ],
    );
    let r = relations(&mut d);
    for want in [
        "Ann Lee -supervisor-> Napa County",
        "Carla Etienne -director-> Pan American Health Organization",
        "Leigh Sears -manager-> Lake Berryessa",
        "David Marcus -adviser-> California Energy Commission",
        "Anne Gonzales -spokesperson-> ISO",
    ] {
        assert!(r.contains(&want.to_string()), "{want}: {r:?}");
    }
}

#[test]
fn family_roles_are_held_towards_a_person() {
    let mut d = doc_with(
        "Walter Reed, the grandson of South Carolina Congressman James Clyburn, spoke. Ann Lee, the sister of Boston, left.",
        &[("Walter Reed", "PERSON"), ("South Carolina", "GPE"), ("James Clyburn", "PERSON"), ("Ann Lee", "PERSON"), ("Boston", "GPE")],
    );
    let r = relations(&mut d);
    assert!(r.contains(&"Walter Reed -grandson-> James Clyburn".to_string()), "{r:?}");
    assert!(!r.iter().any(|x| x.starts_with("Walter Reed") && x.contains("South Carolina")), "{r:?}");
    assert!(!r.iter().any(|x| x.starts_with("Ann Lee")), "{r:?}");
}

#[test]
fn a_possessor_the_resolver_linked_holds_the_role() {
    let text = "Acme Corp makes tools. Ann Lee, the company's chief executive, and Bob Stone, his son-in-law, spoke. Her boyfriend Carl Lee came too.";
    let mut d = doc_with(text, &[("Acme Corp", "ORG"), ("Ann Lee", "PERSON"), ("Bob Stone", "PERSON"), ("Carl Lee", "PERSON")]);
    // What the resolver would have linked: "the company" to Acme, "his" to Ann Lee.
    let span = |s: &str| span_of(text, s);
    let acme = d.entities.iter().position(|e| e.name == "Acme Corp").unwrap();
    d.entities[acme].mentions.push(span("the company"));
    let lee = d.entities.iter().position(|e| e.name == "Ann Lee").unwrap();
    d.entities[lee].mentions.push(span("his"));
    d.entities[lee].mentions.push(span("Her"));
    let r = relations(&mut d);
    assert!(r.contains(&"Ann Lee -CEO-> Acme Corp".to_string()), "{r:?}");
    assert!(r.contains(&"Bob Stone -son-in-law-> Ann Lee".to_string()), "{r:?}");
    // A possessive pronoun before a role and a name: "Her boyfriend Carl Lee".
    assert!(r.contains(&"Carl Lee -boyfriend-> Ann Lee".to_string()), "{r:?}");
}

#[test]
fn a_possessor_inside_the_holders_own_description_keeps_its_entity() {
    let text = "Acme Trust met. Ann Lee, the trust's new chairman, spoke.";
    let mut d = doc_with(text, &[("Acme Trust", "ORG"), ("Ann Lee", "PERSON")]);
    let span = |s: &str| span_of(text, s);
    // The resolver's links: the whole phrase to Ann Lee, "the trust" inside it to Acme.
    let lee = d.entities.iter().position(|e| e.name == "Ann Lee").unwrap();
    d.entities[lee].mentions.push(span("the trust's new chairman"));
    let acme = d.entities.iter().position(|e| e.name == "Acme Trust").unwrap();
    d.entities[acme].mentions.push(span("the trust"));
    assert_eq!(relations(&mut d), vec!["Ann Lee -chair-> Acme Trust".to_string()]);
}

#[test]
fn role_before_the_name_and_possessives() {
    let mut d = doc_with(
        "The head of Orbit, Ann Lee, spoke as Lee's Blue Media group grew.",
        &[("Orbit", "ORG"), ("Ann Lee", "PERSON"), ("Lee", "PERSON"), ("Blue Media", "ORG")],
    );
    let r = relations(&mut d);
    assert!(r.contains(&"Ann Lee -leader-> Orbit".to_string()), "{r:?}");
    assert!(r.iter().any(|x| x.starts_with("Blue Media -associated->")), "{r:?}");
}

#[test]
fn membership_lists_name_the_parts() {
    let mut d = doc_with(
        "The Orbit media group, which includes the Daily Star, People's Voice and Morning Post, closed.",
        &[("Orbit", "ORG"), ("Daily Star", "ORG")],
    );
    let r = relations(&mut d);
    for part in ["Daily Star", "People's Voice", "Morning Post"] {
        assert!(r.contains(&format!("{part} -part of-> Orbit")), "{part}: {r:?}");
    }
    let added = d.entities.iter().find(|e| e.name == "Morning Post").unwrap();
    assert_eq!(added.label, label::ORG);
    assert_eq!(added.mentions.len(), 1);
}

#[test]
fn no_relation_without_a_role() {
    let mut d = doc_with("Orbit troops met John Smith in Zedland.", &[("Orbit", "ORG"), ("John Smith", "PERSON"), ("Zedland", "GPE")]);
    assert!(relations(&mut d).is_empty());
}

#[test]
fn a_list_container_nobody_tagged_is_found_by_its_noun() {
    let mut d = doc_with("Lee's Orbit media group, which includes the Daily Star and Morning Post, closed.", &[("Lee", "PERSON"), ("Daily Star", "ORG")]);
    let r = relations(&mut d);
    assert!(r.contains(&"Daily Star -part of-> Orbit".to_string()), "{r:?}");
    assert!(r.contains(&"Morning Post -part of-> Orbit".to_string()), "{r:?}");
}

#[test]
fn a_corporate_parent_owns_the_company() {
    let mut d = doc_with("NatWest's corporate parent, the Royal Bank of Scotland Group, said so.", &[("NatWest", "ORG"), ("Royal Bank of Scotland Group", "ORG")]);
    let r = relations(&mut d);
    assert_eq!(r, vec!["NatWest -part of-> Royal Bank of Scotland Group".to_string()]);
}

#[test]
fn an_agent_noun_no_list_has_is_a_role_in_an_apposition() {
    let mut d = doc_with("Tom Smith, an epidemiologist at Imperial College, said the risk was high.", &[("Tom Smith", "PERSON"), ("Imperial College", "ORG")]);
    assert_eq!(relations(&mut d), vec!["Tom Smith -epidemiologist-> Imperial College".to_string()]);
    let mut d = doc_with("Sarah Jones, the vice-chancellor of Leeds University, said it was unfair.", &[("Sarah Jones", "PERSON"), ("Leeds University", "ORG")]);
    assert_eq!(predicates(&mut d), vec!["Sarah Jones -vice-chancellor of-> Leeds University".to_string()]);
    // A thing with an agent suffix is no role.
    let mut d = doc_with("Mary Poe, the center of attention at Acme, smiled.", &[("Mary Poe", "PERSON"), ("Acme", "ORG")]);
    assert!(relations(&mut d).is_empty());
}

#[test]
fn two_coordinated_roles_with_their_own_organisations() {
    let mut d = doc_with(
        "John Fa, a senior scientist with the Forest Center and a professor of biology at Kent University, said so.",
        &[("John Fa", "PERSON"), ("Forest Center", "ORG"), ("Kent University", "ORG")],
    );
    let r = relations(&mut d);
    assert!(r.contains(&"John Fa -scientist-> Forest Center".to_string()), "{r:?}");
    assert!(r.contains(&"John Fa -professor-> Kent University".to_string()), "{r:?}");
}


#[test]
fn a_title_with_its_portfolio_is_held_in_the_ministry_the_article_names() {
    let mut d = doc_with(
        "The Ministry of Education said so. Minister of Education Kay Lee spoke, and Minister of Sport Ann Roe left.",
        &[("Ministry of Education", "ORG"), ("Kay Lee", "PERSON"), ("Ann Roe", "PERSON")],
    );
    // No "Ministry of Sport" in the article: no relation for Ann Roe.
    assert_eq!(predicates(&mut d), vec!["Kay Lee -Minister of Education-> Ministry of Education".to_string()]);
    // The portfolio before the title, with the title's own modifiers kept.
    let mut d = doc_with(
        "The Ministry of Education said so. Education Minister Kay Lee spoke, Chief Education Officer Dr Ann Roe agreed and Health Minister Bob Stone left.",
        &[("Ministry of Education", "ORG"), ("Kay Lee", "PERSON"), ("Ann Roe", "PERSON"), ("Bob Stone", "PERSON")],
    );
    assert_eq!(
        predicates(&mut d),
        vec!["Kay Lee -Education Minister-> Ministry of Education".to_string(), "Ann Roe -Chief Education Officer-> Ministry of Education".to_string()]
    );
}

#[test]
fn modifiers_a_field_a_relative_clause_and_a_possessive_place_around_the_role() {
    for (text, names, role, expected) in [
        // A field before "at" the organisation: the predicate says where.
        ("Fraser Lee, a final-year student in economics at Warwick University, is helping.", &[("Fraser Lee", "PERSON"), ("Warwick University", "ORG")][..], false, "Fraser Lee -final-year student at-> Warwick University"),
        ("Paul Smith, who was a longtime adviser to Jane Roe, said it was a risk.", &[("Paul Smith", "PERSON"), ("Jane Roe", "PERSON")][..], true, "Paul Smith -adviser-> Jane Roe"),
        ("Ann Berg, the state epidemiologist at Sweden's Health Agency, spoke.", &[("Ann Berg", "PERSON"), ("Sweden", "GPE"), ("Health Agency", "ORG")][..], true, "Ann Berg -epidemiologist-> Health Agency"),
    ] {
        let mut d = doc_with(text, names);
        let found = if role { relations(&mut d) } else { predicates(&mut d) };
        assert_eq!(found, vec![expected.to_string()], "{text}");
    }
}

#[test]
fn an_organisations_head_noun_before_a_role_stands_for_it() {
    let mut d = doc_with(
        "The Citizens' Independent Transportation Trust met on Monday. Trust Executive Director Javier Barros spoke, and trust member Ann Roe asked questions. \
         Transportation chief Bob Lake of the Florida Department of Transportation left.",
        &[("Citizens' Independent Transportation Trust", "ORG"), ("Javier Barros", "PERSON"), ("Ann Roe", "PERSON"), ("Bob Lake", "PERSON"), ("Florida Department of Transportation", "ORG")],
    );
    let r = relations(&mut d);
    assert!(r.contains(&"Javier Barros -director-> Citizens' Independent Transportation Trust".to_string()), "{r:?}");
    assert!(r.contains(&"Ann Roe -member-> Citizens' Independent Transportation Trust".to_string()), "{r:?}");
    // "Transportation" ends the department's name but is not its head ("Department").
    assert!(!r.iter().any(|x| x.starts_with("Bob Lake -leader-> Florida")), "{r:?}");

    // An organisation described by nouns: the noun before its name is its own description.
    let mut d = doc_with(
        "The Federal News Agency closed. He said so, according to state news agency Belta.",
        &[("Federal News Agency", "ORG"), ("Belta", "ORG")],
    );
    assert!(!relations(&mut d).iter().any(|x| x.starts_with("Belta")));

    // Two organisations with the same head: the head noun names neither.
    let mut d = doc_with(
        "Acme Company and Zenith Company merged. Company spokesman Tom Poe spoke.",
        &[("Acme Company", "ORG"), ("Zenith Company", "ORG"), ("Tom Poe", "PERSON")],
    );
    assert!(!relations(&mut d).iter().any(|x| x.starts_with("Tom Poe")));
}

#[test]
fn an_organisation_led_or_founded_by_a_person() {
    let mut d = doc_with(
        "Money came from LVMH (LVMUY), the luxury conglomerate led by French billionaire Bernard Arnault. \
         The Allen Institute, a research institute founded by the late Acme cofounder Paul Allen, spoke. Zeta, owned by Mary Major, grew. \
         Orbit, a firm praised by Bob Stone, fell.",
        &[("LVMH", "ORG"), ("French", "NORP"), ("Bernard Arnault", "PERSON"), ("Allen Institute", "ORG"), ("Acme", "ORG"), ("Paul Allen", "PERSON"),
          ("Zeta", "ORG"), ("Mary Major", "PERSON"), ("Orbit", "ORG"), ("Bob Stone", "PERSON")],
    );
    let r = relations(&mut d);
    assert!(r.contains(&"Bernard Arnault -leader-> LVMH".to_string()), "{r:?}");
    assert!(r.contains(&"Paul Allen -founder-> Allen Institute".to_string()), "{r:?}");
    assert!(r.contains(&"Mary Major -owner-> Zeta".to_string()), "{r:?}");
    assert!(!r.iter().any(|x| x.starts_with("Bob Stone")), "praise is no role: {r:?}");
}

#[test]
fn an_age_between_commas_then_of_a_place_is_where_the_person_lives() {
    let mut d = doc_with(
        "Police named the driver as Heather Grant, 33, of Christiana, and said Sen. Jane Roe of Ohio was told.",
        &[("Heather Grant", "PERSON"), ("Christiana", "GPE"), ("Jane Roe", "PERSON"), ("Ohio", "GPE")],
    );
    let r = relations(&mut d);
    assert!(r.contains(&"Heather Grant -resident-> Christiana".to_string()), "{r:?}");
    assert!(!r.iter().any(|x| x.starts_with("Jane Roe -resident")), "without an age, 'X of Y' is not read as where X lives: {r:?}");
}

#[test]
fn a_place_before_based_is_where_the_organisation_or_person_after_it_is_based() {
    let text = "Bill Gates backed British Columbia-based Carbon Engineering. The Richmond-based utility giant Dominion Resources \
                agreed, as did Acme, a Paris-based firm, and Zeta, which is headquartered in Oslo. A Mississippi-based GOP strategist said no.";
    let mut d = doc_with(
        text,
        &[("Bill Gates", "PERSON"), ("British Columbia", "GPE"), ("Richmond", "ORG"), ("Dominion Resources", "ORG"), ("Acme", "ORG"), ("Paris", "GPE"), ("Zeta", "ORG"), ("Oslo", "GPE"), ("Mississippi", "GPE"), ("GOP", "ORG")],
    );
    let r = relations(&mut d);
    for want in ["Carbon Engineering -based in-> British Columbia", "Dominion Resources -based in-> Richmond", "Acme -based in-> Paris", "Zeta -based in-> Oslo"] {
        assert!(r.contains(&want.to_string()), "{want}: {r:?}");
    }
    // The place is no object of a role before it, and a name before a noun modifies that noun.
    assert!(!r.iter().any(|x| x.starts_with("Bill Gates") || x.starts_with("GOP")), "{r:?}");
    assert_eq!(d.entities.iter().filter(|e| e.name == "Carbon Engineering").count(), 1, "the name NER missed becomes an organisation");
}

#[test]
fn a_name_before_the_role_qualifies_it() {
    let mut d = doc_with("Chi Onwurah, the Labour MP for Newcastle Central, said so.", &[("Chi Onwurah", "PERSON"), ("Newcastle Central", "GPE")]);
    let r = predicates(&mut d);
    assert!(r.contains(&"Chi Onwurah -Labour MP for-> Newcastle Central".to_string()), "{r:?}");
}

#[test]
fn an_organisation_or_facility_right_before_in_and_a_place_lies_in_it() {
    let mut d = doc_with(
        "A judge at the Court of Appeal in Santa Ana ruled, and doctors at Mercy Hospital in Gaza agreed with Ann Lee in Paris.",
        &[("Court of Appeal", "ORG"), ("Santa Ana", "GPE"), ("Mercy Hospital", "FAC"), ("Gaza", "GPE"), ("Ann Lee", "PERSON"), ("Paris", "GPE")],
    );
    let r = relations(&mut d);
    assert!(r.contains(&"Court of Appeal -located in-> Santa Ana".to_string()), "{r:?}");
    assert!(r.contains(&"Mercy Hospital -located in-> Gaza".to_string()), "{r:?}");
    assert!(!r.iter().any(|x| x.starts_with("Ann Lee")), "a person is not located by 'in': {r:?}");
    let mut d = doc_with(
        "Cheorwon in Gangwon Province was coldest, as troops from the US in Afghanistan left.",
        &[("Cheorwon", "GPE"), ("Gangwon Province", "GPE"), ("US", "GPE"), ("Afghanistan", "GPE")],
    );
    assert_eq!(relations(&mut d), ["Cheorwon -located in-> Gangwon Province"]);
}

#[test]
fn a_police_blotter_names_the_town_after_the_age_without_of() {
    let mut d = doc_with("Jamie Miller, 46, Decatur, was arrested for retail theft.", &[("Jamie Miller", "PERSON"), ("Decatur", "GPE")]);
    assert_eq!(relations(&mut d), vec!["Jamie Miller -resident-> Decatur".to_string()]);
}

#[test]
fn a_one_word_person_after_an_age_is_a_town() {
    let mut d = doc_with("Chad Hull, 37, Bulpitt, was arrested.", &[("Chad Hull", "PERSON"), ("Bulpitt", "PERSON")]);
    assert_eq!(relations(&mut d), vec!["Chad Hull -resident-> Bulpitt".to_string()]);
    assert_eq!(type_name(&d, d.entities.iter().position(|e| e.name == "Bulpitt").unwrap() as u32), "GPE");
    // A person named in full there is someone else ("John Roe, 37, Ann Lee and …").
    let mut d = doc_with("John Roe, 37, Ann Lee, 35, and others were arrested.", &[("John Roe", "PERSON"), ("Ann Lee", "PERSON")]);
    assert!(relations(&mut d).is_empty());
}

#[test]
fn a_person_from_an_organisation_is_affiliated_with_it() {
    let mut d = doc_with(
        "Researchers like Ann Lee from the University of Reading agree, and Tom Roe, from Acme, said so. Mia Kay from Ohio came.",
        &[("Ann Lee", "PERSON"), ("University of Reading", "ORG"), ("Tom Roe", "PERSON"), ("Acme", "ORG"), ("Mia Kay", "PERSON"), ("Ohio", "GPE")],
    );
    let r = relations(&mut d);
    assert!(r.contains(&"Ann Lee -affiliated-> University of Reading".to_string()), "{r:?}");
    assert!(r.contains(&"Tom Roe -affiliated-> Acme".to_string()), "{r:?}");
    assert!(!r.iter().any(|x| x.starts_with("Mia Kay")), "a place after 'from' is no affiliation: {r:?}");
}

#[test]
fn a_bracketed_qualifier_may_stand_between_a_role_and_its_organisation() {
    let mut d = doc_with(
        "Chief Executive Officer (Acting) of the Zone Authority, Gary Scott, added that more will come.",
        &[("Zone Authority", "ORG"), ("Gary Scott", "PERSON")],
    );
    let p = predicates(&mut d);
    assert_eq!(p, ["Gary Scott -Chief Executive Officer (Acting) of-> Zone Authority"]);
}

#[test]
fn an_apposition_cut_off_by_the_end_of_the_text_is_no_relation() {
    // A page that ends mid-phrase (an html-dev page did) must not read past its last token.
    let mut d = doc_with("They met Ann Lee, a", &[("Ann Lee", "PERSON")]);
    assert!(relations(&mut d).is_empty());
}
