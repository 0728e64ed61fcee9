//! Events on hand-parsed sentences: the parse is given by the test, so these check the
//! clause logic and not a parser model.

use newsgraph_core::tagsets::{id_of, DEPRELS, UPOS, XPOS};
use newsgraph_core::{Attribution, Doc, Entity, Meta, Span, Stage, TimeExpr, TokenTags};

use super::Events;

/// A document from `word/UPOS/head/deprel[/XPOS]` items (heads 1-based within the text, 0
/// = root), with `entities` given as (name, type id) and marked at every occurrence.
fn parsed(items: &str, entities: &[(&str, u8)]) -> Doc {
    let rows: Vec<(&str, &str, usize, &str, &str)> = items
        .split_whitespace()
        .map(|it| {
            let p: Vec<&str> = it.split('/').collect();
            (p[0], p[1], p[2].parse().unwrap(), p[3], p.get(4).copied().unwrap_or(""))
        })
        .collect();
    let text = rows.iter().map(|r| r.0.replace('_', " ")).collect::<Vec<_>>().join(" ");
    let mut doc = Doc::new(Meta::default(), text);
    let mut at = 0u32;
    for r in &rows {
        let w = r.0.replace('_', " ");
        doc.tokens.push(Span::new(at as usize, at as usize + w.len()));
        let lemma_start = doc.lemma_arena.len();
        doc.lemma_arena.push_str(&lemma_of(r.0));
        doc.tags.push(TokenTags {
            upos: id_of(&UPOS, r.1).unwrap(),
            xpos: if r.4.is_empty() { 0 } else { id_of(&XPOS, r.4).unwrap() },
            lemma: Span::new(lemma_start, doc.lemma_arena.len()),
            head: if r.2 == 0 { u32::MAX } else { r.2 as u32 - 1 },
            deprel: id_of(&DEPRELS, r.3).unwrap(),
        });
        at += w.len() as u32 + 1;
    }
    doc.sentences.push(newsgraph_core::Sentence { first: 0, end: rows.len() as u32, paragraph_start: true });
    for &(name, label) in entities {
        let mentions = doc.text.match_indices(name).map(|(i, _)| Span::new(i, i + name.len())).collect();
        doc.entities.push(Entity { label, name: name.into(), aliases: vec![], descriptions: vec![], mentions, extra: Default::default() });
    }
    doc
}

/// Lemmas for the test verbs.
fn lemma_of(w: &str) -> String {
    match w {
        "invited" => "invite",
        "left" | "leaving" => "leave",
        "restricted" => "restrict",
        "marched" => "march",
        "spotted" => "spot",
        "said" => "say",
        "was" => "be",
        "shut" => "shut",
        "arrived" => "arrive",
        "went" => "go",
        "ordered" => "order",
        "told" => "tell",
        "wants" => "want",
        "announced" => "announce",
        "arrested" => "arrest",
        other => other,
    }
    .to_string()
}

fn events(doc: &mut Doc) -> Vec<String> {
    Events.process(doc);
    let name = |e: Option<u32>| e.map_or("-".to_string(), |e| doc.entities[e as usize].name.clone());
    doc.events
        .iter()
        .map(|e| format!("{} {} {} @{} in {} {:?}", name(e.actor), e.lemma, name(e.target), e.date.clone().unwrap_or_default(), name(e.place), e.attribution))
        .collect()
}

#[test]
fn active_clause_with_object_and_date() {
    let mut d = parsed("Lukashenko/PROPN/2/nsubj invited/VERB/0/root Wagner/PROPN/2/obj on/ADP/5/case Friday/PROPN/2/obl ./PUNCT/2/punct", &[("Lukashenko", 0), ("Wagner", 1)]);
    d.times.push(TimeExpr { span: Span::new(29, 35), kind: "DATE".into(), value: "2023-06-30".into(), underspecified: false });
    assert_eq!(events(&mut d), vec!["Lukashenko invite Wagner @2023-06-30 in - None"]);
    assert_eq!(d.events[0].action, "invited");
}

#[test]
fn a_relative_pronoun_subject_is_the_noun_its_clause_modifies() {
    // "Peters , who went to Africa": "who" is Peters.
    let mut d = parsed(
        "Peters/PROPN/0/root ,/PUNCT/4/punct who/PRON/4/nsubj went/VERB/1/acl:relcl to/ADP/6/case Africa/PROPN/4/obl",
        &[("Peters", 0), ("Africa", 2)],
    );
    assert_eq!(events(&mut d), vec!["Peters go Africa @ in - None"]);
}

#[test]
fn a_clock_time_dates_an_event_by_its_day() {
    // "ISO ordered cuts at 6:36 p.m." with the time resolved to a day.
    let mut d = parsed("ISO/PROPN/2/nsubj ordered/VERB/0/root cuts/NOUN/2/obj at/ADP/5/case 6:36_p.m./NOUN/2/obl", &[("ISO", 1)]);
    d.times.push(TimeExpr { span: Span::new(20, 29), kind: "TIME".into(), value: "2020-08-14T18:36".into(), underspecified: false });
    assert_eq!(events(&mut d), vec!["ISO order - @2020-08-14 in - None"]);
}

#[test]
fn a_date_that_labels_the_paragraph_dates_its_events() {
    // "October_25 : Police arrested Hull": a blotter entry; its first token is the date.
    let items = "October_25/PROPN/4/obl :/PUNCT/1/punct Police/PROPN/4/nsubj arrested/VERB/0/root Hull/PROPN/4/obj";
    let mut d = parsed(items, &[("Police", 1), ("Hull", 0)]);
    d.times.push(TimeExpr { span: Span::new(0, 10), kind: "DATE".into(), value: "2023-10-25".into(), underspecified: false });
    // The parse hangs the date on the verb anyway; cut that tie so only the label dates it.
    d.tags[0].head = 1;
    assert_eq!(events(&mut d), vec!["Police arrest Hull @2023-10-25 in - None"]);
    // Not without the colon.
    let mut d = parsed("October_25/PROPN/4/obl ,/PUNCT/1/punct Police/PROPN/4/nsubj arrested/VERB/0/root Hull/PROPN/4/obj", &[("Police", 1), ("Hull", 0)]);
    d.times.push(TimeExpr { span: Span::new(0, 10), kind: "DATE".into(), value: "2023-10-25".into(), underspecified: false });
    d.tags[0].head = 1;
    assert_eq!(events(&mut d), vec!["Police arrest Hull @ in - None"]);
}

#[test]
fn coordinated_names_make_one_event_each() {
    // "Smith and Jones founded Acme": the conjunct hangs from the first name.
    let items = "Smith/PROPN/4/nsubj and/CCONJ/3/cc Jones/PROPN/1/conj founded/VERB/0/root Acme/PROPN/4/obj";
    let mut d = parsed(items, &[("Smith", 0), ("Jones", 0), ("Acme", 1)]);
    assert_eq!(events(&mut d), vec!["Smith founded Acme @ in - None", "Jones founded Acme @ in - None"]);
    // "Police arrested Hull and Conaway": two targets.
    let items = "Police/PROPN/2/nsubj arrested/VERB/0/root Hull/PROPN/2/obj and/CCONJ/5/cc Conaway/PROPN/3/conj";
    let mut d = parsed(items, &[("Police", 1), ("Hull", 0), ("Conaway", 0)]);
    assert_eq!(events(&mut d), vec!["Police arrest Hull @ in - None", "Police arrest Conaway @ in - None"]);
    // "Two leaders, Jayapal and Pocan, back Sanders": the conjunct hangs on the apposition.
    let items = "Two/NUM/2/nummod leaders/NOUN/8/nsubj ,/PUNCT/4/punct Jayapal/PROPN/2/appos and/CCONJ/6/cc Pocan/PROPN/4/conj ,/PUNCT/4/punct back/VERB/0/root Sanders/PROPN/8/obj";
    let mut d = parsed(items, &[("Jayapal", 0), ("Pocan", 0), ("Sanders", 0)]);
    assert_eq!(events(&mut d), vec!["Jayapal back Sanders @ in - None", "Pocan back Sanders @ in - None"]);
}

#[test]
fn passive_agent_and_prepositional_target() {
    let mut d = parsed(
        "Patriot/PROPN/3/nsubj:pass was/AUX/3/aux:pass restricted/VERB/0/root by/ADP/5/case Roskomnadzor/PROPN/3/obl:agent",
        &[("Patriot", 1), ("Roskomnadzor", 1)],
    );
    assert_eq!(events(&mut d), vec!["Roskomnadzor restrict Patriot @ in - None"]);
    let mut d = parsed("Prigozhin/PROPN/2/nsubj marched/VERB/0/root toward/ADP/4/case Moscow/PROPN/2/obl", &[("Prigozhin", 0), ("Moscow", 2)]);
    assert_eq!(events(&mut d), vec!["Prigozhin march Moscow @ in - None"]);
}

#[test]
fn controlled_verb_takes_the_subject_particle_and_place() {
    // "Prigozhin was spotted leaving Rostov" / "Patriot shut down in Minsk".
    let mut d = parsed(
        "Prigozhin/PROPN/3/nsubj:pass was/AUX/3/aux:pass spotted/VERB/0/root leaving/VERB/3/xcomp Rostov/PROPN/4/obj",
        &[("Prigozhin", 0), ("Rostov", 2)],
    );
    let e = events(&mut d);
    assert!(e.contains(&"Prigozhin leave Rostov @ in - None".to_string()), "{e:?}");
    let mut d = parsed("Patriot/PROPN/2/nsubj shut/VERB/0/root down/ADP/2/compound:prt in/ADP/5/case Minsk/PROPN/2/obl", &[("Patriot", 1), ("Minsk", 2)]);
    assert_eq!(events(&mut d), vec!["Patriot shut down - @ in Minsk None"]);
    assert_eq!(d.events[0].action, "shut down");
}

#[test]
fn the_named_object_of_the_governor_is_the_subject_of_its_complement() {
    // "Lukashenko invited Wagner to train soldiers": Wagner trains (object control).
    let mut d = parsed(
        "Lukashenko/PROPN/2/nsubj invited/VERB/0/root Wagner/PROPN/2/obj to/PART/5/mark train/VERB/2/xcomp soldiers/NOUN/5/obj",
        &[("Lukashenko", 0), ("Wagner", 1)],
    );
    let e = events(&mut d);
    assert!(e.contains(&"Lukashenko invite Wagner @ in - None".to_string()), "{e:?}");
    assert!(e.contains(&"Wagner train - @ in - None".to_string()), "{e:?}");
    // "Lukashenko criticized the West for not recognizing the need": the West recognizes.
    let mut d = parsed(
        "Lukashenko/PROPN/2/nsubj criticized/VERB/0/root West/PROPN/2/obj for/SCONJ/5/mark recognizing/VERB/2/advcl need/NOUN/5/obj",
        &[("Lukashenko", 0), ("West", 2)],
    );
    let e = events(&mut d);
    assert!(e.contains(&"West recognizing - @ in - None".to_string()), "{e:?}");
    // Without an object the subject controls: "Lukashenko wants to train soldiers". Wanting
    // is no event of its own; training is.
    let mut d = parsed("Lukashenko/PROPN/2/nsubj wants/VERB/0/root to/PART/4/mark train/VERB/2/xcomp soldiers/NOUN/4/obj", &[("Lukashenko", 0)]);
    assert_eq!(events(&mut d), vec!["Lukashenko train - @ in - None".to_string()]);
}

#[test]
fn a_passive_participle_on_a_noun_takes_its_agent_as_actor() {
    // "Basket, purchased by Kimbell": Kimbell purchased the Basket.
    let mut d = parsed("Basket/PROPN/0/root purchased/VERB/1/acl by/ADP/4/case Kimbell/PROPN/2/obl:agent", &[("Basket", 1), ("Kimbell", 1)]);
    let e = events(&mut d);
    assert!(e.contains(&"Kimbell purchased Basket @ in - None".to_string()), "{e:?}");
}

#[test]
fn cues_are_not_events_and_claims_keep_their_attribution() {
    let mut d = parsed("Lukashenko/PROPN/2/nsubj said/VERB/0/root Wagner/PROPN/4/nsubj arrived/VERB/2/ccomp", &[("Lukashenko", 0), ("Wagner", 1)]);
    d.attributions.push(Attribution { kind: "indirect".into(), source: Some(0), source_span: None, source_phrase: None, cue_span: Some(Span::new(11, 15)), content: Span::new(16, 30) });
    assert_eq!(events(&mut d), vec!["Wagner arrive - @ in - Some(0)"]);
}

#[test]
fn no_parse_no_events() {
    let mut d = parsed("Lukashenko/PROPN/2/nsubj invited/VERB/0/root Wagner/PROPN/2/obj", &[("Lukashenko", 0), ("Wagner", 1)]);
    for t in &mut d.tags {
        t.deprel = 0;
        t.head = u32::MAX;
    }
    assert!(events(&mut d).is_empty());
}

#[test]
fn a_name_right_after_the_verb_is_its_object_when_the_parse_has_none() {
    // "mercenaries" mis-tagged as a verb leaves "invited" without an object.
    let mut d = parsed("Lukashenko/PROPN/2/nsubj invited/VERB/0/root the/DET/4/det Wagner/PROPN/5/nsubj mercenaries/VERB/2/acl:relcl", &[("Lukashenko", 0), ("Wagner", 1)]);
    let e = events(&mut d);
    assert!(e.contains(&"Lukashenko invite Wagner @ in - None".to_string()), "{e:?}");
}

#[test]
fn a_date_left_hanging_by_the_parse_goes_to_the_verb_before_it() {
    let mut d = parsed("Prigozhin/PROPN/2/nsubj left/VERB/0/root Rostov/PROPN/2/obj Saturday/PROPN/3/nmod:unmarked", &[("Prigozhin", 0), ("Rostov", 2)]);
    d.times.push(TimeExpr { span: Span::new(22, 30), kind: "DATE".into(), value: "2023-06-24".into(), underspecified: false });
    assert_eq!(events(&mut d), vec!["Prigozhin leave Rostov @2023-06-24 in - None"]);
}

#[test]
fn the_name_a_subject_noun_stands_for_comes_before_a_name_that_modifies_it() {
    // "“Fleabag” creator Phoebe Waller accepted": the parse hangs the surname on the first
    // name, one level deeper than the modifier "Fleabag".
    let mut d = parsed("Fleabag/PROPN/2/compound creator/NOUN/5/nsubj Phoebe/PROPN/2/flat Waller/PROPN/3/flat accepted/VERB/0/root", &[("Fleabag", 1), ("Waller", 0)]);
    assert_eq!(events(&mut d), vec!["Waller accepted - @ in - None"]);
}

#[test]
fn a_name_read_as_a_vocative_is_the_subject_of_a_finite_verb() {
    let mut d = parsed("Zellweger/PROPN/4/vocative ,/PUNCT/1/punct has/AUX/4/aux picked/VERB/0/root prizes/NOUN/4/obj", &[("Zellweger", 0)]);
    assert_eq!(events(&mut d), vec!["Zellweger picked - @ in - None"]);
    // A command keeps its vocative: "John, come here".
    let mut d = parsed("John/PROPN/3/vocative ,/PUNCT/1/punct come/VERB/0/root here/ADV/3/advmod", &[("John", 0)]);
    assert!(events(&mut d).is_empty());
}

#[test]
fn an_infinitive_on_a_noun_is_its_possessors_act() {
    let mut d = parsed("Acme/PROPN/3/nmod:poss 's/PART/1/case plan/NOUN/0/root to/PART/5/mark buy/VERB/3/acl Zeta/PROPN/5/obj", &[("Acme", 1), ("Zeta", 1)]);
    assert_eq!(events(&mut d), vec!["Acme buy Zeta @ in - None"]);
    // A noun that names someone itself is the doer ("Trump's running mate, Pence, plans to").
    let mut d = parsed("Trump/PROPN/3/nmod:poss 's/PART/1/case mate/NOUN/0/root Pence/PROPN/3/appos to/PART/6/mark release/VERB/3/acl returns/NOUN/6/obj", &[("Trump", 0), ("Pence", 0)]);
    assert_eq!(events(&mut d), vec!["Pence release - @ in - None"]);
    // "their" is not trusted ("immigrants waiting their turn to enter").
    let mut d = parsed("immigrants/NOUN/0/root waiting/VERB/1/acl their/PRON/4/nmod:poss turn/NOUN/2/obj to/PART/6/mark enter/VERB/4/acl Utopia/PROPN/6/obj", &[("Utopia", 2), ("their", 1)]);
    assert_eq!(events(&mut d), vec!["- enter Utopia @ in - None"]);
}

#[test]
fn a_name_right_before_a_finite_verb_the_parse_left_without_subject_is_its_subject() {
    // "Yesterday Ann Lee met Cabinet Office Minister John Roe ." with the name hung from
    // "Yesterday" and the object split in two: the person before the verb meets the minister.
    let mut d = parsed(
        "Yesterday/NOUN/4/obl:unmarked Ann/PROPN/1/appos Lee/PROPN/2/flat met/VERB/0/root/VBD Cabinet/PROPN/4/obj Office/PROPN/8/compound \
         Minister/PROPN/8/compound John/PROPN/4/obj Roe/PROPN/8/flat ./PUNCT/4/punct",
        &[("Ann Lee", 0), ("Cabinet Office", 1), ("John Roe", 0)],
    );
    assert_eq!(events(&mut d), vec!["Ann Lee met John Roe @ in - None"]);
    // Two objects that are no single name: the first is the recipient.
    let mut d = parsed("Acme/PROPN/2/nsubj sent/VERB/0/root/VBD Ann/PROPN/2/obj Lee/PROPN/3/flat a/DET/6/det letter/NOUN/2/obj", &[("Acme", 1), ("Ann Lee", 0)]);
    assert_eq!(events(&mut d), vec!["Acme sent Ann Lee @ in - None"]);
    // A place before such a verb modifies something else; an infinitive has no subject.
    let mut d = parsed("Families/NOUN/4/obl from/ADP/3/case Ohio/PROPN/1/nmod dropped/VERB/0/root/VBD sharply/ADV/4/advmod", &[("Ohio", 2)]);
    assert!(events(&mut d).iter().all(|e| !e.starts_with("Ohio")), "{:?}", d.events);
    let mut d = parsed("Acme/PROPN/3/nmod to/PART/3/mark buy/VERB/0/root/VB Zeta/PROPN/3/obj", &[("Acme", 1), ("Zeta", 1)]);
    assert_eq!(events(&mut d), vec!["- buy Zeta @ in - None"]);
}

#[test]
fn a_name_run_hung_from_its_first_word_names_its_last() {
    // "Vermont Sen. Bernie Sanders pledged": the parse makes "Vermont" head of the run.
    let mut d = parsed(
        "Vermont/PROPN/5/nsubj Sen./PROPN/1/flat Bernie/PROPN/1/flat Sanders/PROPN/3/flat pledged/VERB/0/root Iowa/PROPN/5/obj",
        &[("Vermont", 2), ("Bernie Sanders", 0), ("Iowa", 2)],
    );
    let e = events(&mut d);
    assert_eq!(e, vec!["Bernie Sanders pledged Iowa @ in - None".to_string()]);
    // A name alone keeps its own entity, and a run that ends in a common noun is no name.
    let mut d = parsed("Vermont/PROPN/3/nsubj officials/NOUN/1/flat pledged/VERB/0/root Iowa/PROPN/3/obj", &[("Vermont", 2), ("Iowa", 2)]);
    assert_eq!(events(&mut d), vec!["Vermont pledged Iowa @ in - None".to_string()]);
}

#[test]
fn telling_someone_named_is_an_event_other_reporting_is_not() {
    // "Fauci told NBC it worked": the cue links two actors. "Fauci told reporters" and "Fauci
    // said" do not.
    let cue = |d: &mut Doc, at: usize, len: usize, content: usize| {
        d.attributions.push(Attribution { kind: "indirect".into(), source: Some(0), source_span: None, source_phrase: None, cue_span: Some(Span::new(at, at + len)), content: Span::new(content, d.text.len()) });
    };
    let mut d = parsed("Fauci/PROPN/2/nsubj told/VERB/0/root NBC/PROPN/2/obj it/PRON/5/nsubj worked/VERB/2/ccomp", &[("Fauci", 0), ("NBC", 1)]);
    cue(&mut d, 6, 4, 15);
    assert_eq!(events(&mut d), vec!["Fauci tell NBC @ in - None"]);
    let mut d = parsed("Fauci/PROPN/2/nsubj told/VERB/0/root reporters/NOUN/2/obj it/PRON/5/nsubj worked/VERB/2/ccomp", &[("Fauci", 0)]);
    cue(&mut d, 6, 4, 21);
    assert!(events(&mut d).is_empty());
    let mut d = parsed("Fauci/PROPN/2/nsubj said/VERB/0/root NBC/PROPN/4/nsubj worked/VERB/2/ccomp", &[("Fauci", 0), ("NBC", 1)]);
    cue(&mut d, 6, 4, 11);
    assert_eq!(events(&mut d), vec!["NBC worked - @ in - Some(0)"]);
}

#[test]
fn any_verb_that_cues_a_quotation_reports_speech() {
    // "“We will grow,” shared Scott.": the verb is how the quotation was said, no event;
    // the same verb cueing no quotation is one.
    let mut d = parsed("grow/VERB/2/ccomp shared/VERB/0/root Scott/PROPN/2/nsubj", &[("Scott", 0)]);
    d.attributions.push(Attribution { kind: "direct".into(), source: Some(0), source_span: None, source_phrase: None, cue_span: Some(Span::new(5, 11)), content: Span::new(0, 4) });
    assert!(events(&mut d).iter().all(|e| !e.contains("shared")), "{:?}", d.events);
    let mut d = parsed("Scott/PROPN/2/nsubj shared/VERB/0/root data/NOUN/2/obj", &[("Scott", 0)]);
    assert_eq!(events(&mut d), vec!["Scott shared - @ in - None"]);
    // An act done by speaking stays an event: "the IMF announced: “…”".
    let mut d = parsed("IMF/PROPN/2/nsubj announced/VERB/0/root grow/VERB/2/ccomp", &[("IMF", 1)]);
    d.attributions.push(Attribution { kind: "direct".into(), source: Some(0), source_span: None, source_phrase: None, cue_span: Some(Span::new(4, 13)), content: Span::new(14, 18) });
    assert!(events(&mut d).iter().any(|e| e.starts_with("IMF announce ")), "{:?}", d.events);
}
