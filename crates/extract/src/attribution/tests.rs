//! Constructions the attributor must handle, on invented sentences, segmented by the real
//! segmenter, with entities given by name (standing in for NER + grouping).

use newsgraph_core::{Doc, Entity, Meta, Stage};
use newsgraph_text::Segmenter;

use super::Attributor;

/// A segmented document with one entity per `(name, label)`, mentions at every
/// token-aligned occurrence (label 0 = PERSON, 1 = ORG, 2 = GPE).
pub(crate) fn doc(text: &str, ents: &[(&str, u8)]) -> Doc {
    let mut d = Doc::new(Meta::default(), text.to_string());
    Segmenter.process(&mut d);
    for &(name, label) in ents {
        let mut mentions = Vec::new();
        let mut from = 0;
        while let Some(p) = text[from..].find(name) {
            let (a, b) = (from + p, from + p + name.len());
            let aligned = d.tokens.iter().any(|t| t.start as usize == a) && d.tokens.iter().any(|t| t.end as usize == b);
            if aligned {
                mentions.push(newsgraph_core::Span::new(a, b));
            }
            from = b;
        }
        d.entities.push(Entity { label, name: name.into(), aliases: vec![], descriptions: vec![], mentions, extra: Default::default() });
    }
    Attributor::new().process(&mut d);
    d
}

/// (kind, source text, source entity name, cue, content) of every attribution.
fn rows(d: &Doc) -> Vec<(String, String, String, String, String)> {
    d.attributions
        .iter()
        .map(|a| {
            (
                a.kind.clone(),
                a.source_span.map_or(String::new(), |s| s.text(&d.text).to_string()),
                a.source.map_or(String::new(), |e| d.entities[e as usize].name.clone()),
                a.cue_span.map_or(String::new(), |s| s.text(&d.text).to_string()),
                a.content.text(&d.text).to_string(),
            )
        })
        .collect()
}

fn find<'a>(r: &'a [(String, String, String, String, String)], content: &str) -> &'a (String, String, String, String, String) {
    r.iter().find(|x| x.4.contains(content)).unwrap_or_else(|| panic!("no attribution with content {content:?} in {r:#?}"))
}

#[test]
fn quote_then_pronoun_cue() {
    let d = doc("Maria Lopez runs the clinic.\n\n“We cannot keep up with demand,” she said.", &[("Maria Lopez", 0)]);
    let r = rows(&d);
    let a = find(&r, "We cannot keep up with demand,");
    assert_eq!((a.0.as_str(), a.1.as_str(), a.2.as_str(), a.3.as_str()), ("direct", "she", "Maria Lopez", "said"));
    assert_eq!(a.4, "We cannot keep up with demand,");
}

#[test]
fn inverted_speaker_after_cue() {
    let d = doc("“This bill is a disaster for farmers,” said Sen. Ben Sasse.", &[("Ben Sasse", 0)]);
    let r = rows(&d);
    let a = find(&r, "disaster for farmers");
    assert_eq!(a.0, "direct");
    assert_eq!(a.1, "Sen. Ben Sasse");
    assert_eq!(a.2, "Ben Sasse");
}

#[test]
fn non_entity_speaker_is_kept_as_text() {
    let d = doc("“The two agencies will cooperate fully,” said a joint statement from the two agencies.", &[]);
    let r = rows(&d);
    let a = find(&r, "cooperate fully");
    assert_eq!(a.1, "a joint statement from the two agencies");
    assert_eq!(a.2, "");
}

#[test]
fn split_quote_gives_both_parts_the_speaker() {
    let d = doc("“We will rebuild,” Smith said, “and we will do it this year.”", &[("Smith", 0)]);
    let r = rows(&d);
    assert_eq!(find(&r, "We will rebuild").2, "Smith");
    let b = find(&r, "and we will do it this year");
    assert_eq!((b.0.as_str(), b.2.as_str()), ("direct", "Smith"));
}

#[test]
fn quote_after_colon_cue() {
    let d = doc("Mayor Ana Ruiz told reporters: “The water is safe to drink.”", &[("Ana Ruiz", 0)]);
    let r = rows(&d);
    let a = find(&r, "The water is safe");
    assert_eq!((a.0.as_str(), a.2.as_str(), a.3.as_str()), ("direct", "Ana Ruiz", "told"));
}

#[test]
fn consecutive_quote_takes_neighbouring_speaker() {
    let text = "“Prices will rise,” Jones said.\n\n“There is nothing we can do about it in the short run.”";
    let d = doc(text, &[("Jones", 0)]);
    let r = rows(&d);
    let a = find(&r, "nothing we can do");
    // The same speech going on: the neighbour's cue too (one attribution relation).
    assert_eq!((a.0.as_str(), a.2.as_str(), a.3.as_str()), ("direct", "Jones", "said"));
}

#[test]
fn multi_paragraph_quote() {
    let text = "Chen said the plan was sound.\n\n“We studied every option.\n\n“In the end, we chose the cheapest one,” Chen added.";
    let d = doc(text, &[("Chen", 0)]);
    let r = rows(&d);
    let a = find(&r, "We studied every option.");
    assert!(a.4.contains("we chose the cheapest one"), "{a:?}");
    assert_eq!(a.2, "Chen");
}

#[test]
fn scare_quotes_and_titles_are_not_attributions() {
    let d = doc("The so-called “experts” met on Tuesday to discuss the film “Gone Girl” with students.", &[]);
    assert!(d.attributions.is_empty(), "{:#?}", rows(&d));
}

#[test]
fn mixed_quote_inside_indirect_speech() {
    let d = doc("Lukashenko said he had “known them for a long time.”", &[("Lukashenko", 0)]);
    let r = rows(&d);
    let a = find(&r, "known them");
    assert_eq!((a.0.as_str(), a.2.as_str(), a.3.as_str()), ("mixed", "Lukashenko", "said"));
    assert!(a.4.starts_with("he had"));
}

#[test]
fn indirect_with_that_and_aux() {
    let d = doc("The governor has said that the budget will be balanced by June.", &[]);
    let r = rows(&d);
    let a = find(&r, "the budget will be balanced");
    assert_eq!((a.0.as_str(), a.1.as_str(), a.3.as_str()), ("indirect", "The governor", "has said"));
    assert!(a.4.starts_with("that the budget"));
}

#[test]
fn parenthetical_source_after_content() {
    let d = doc("The talks will resume next week, officials said.", &[]);
    let r = rows(&d);
    let a = find(&r, "The talks will resume next week");
    assert_eq!((a.1.as_str(), a.3.as_str()), ("officials", "said"));
}

#[test]
fn according_to_either_side() {
    let d = doc(
        "According to Zubarev, the sites drew 300 million visitors. The deal was signed on Friday, according to state news agency Belta.",
        &[("Zubarev", 0), ("Belta", 1)],
    );
    let r = rows(&d);
    let a = find(&r, "the sites drew 300 million visitors");
    assert_eq!((a.0.as_str(), a.2.as_str(), a.3.as_str()), ("according_to", "Zubarev", "According to"));
    let b = find(&r, "The deal was signed on Friday");
    assert_eq!((b.0.as_str(), b.2.as_str()), ("according_to", "Belta"));
    assert!(!b.4.contains("according"));
}

#[test]
fn per_a_source_is_according_to_it() {
    let d = doc(
        "Biden has far more endorsement points than any other candidate, per FiveThirtyEight's endorsement tracker. Per CTV News, she had moved to Egypt. Taxes rose 3 per cent, or $40 per person.",
        &[("FiveThirtyEight", 1), ("CTV News", 1)],
    );
    let r = rows(&d);
    let a = find(&r, "Biden has far more endorsement points than any other candidate");
    assert_eq!((a.0.as_str(), a.2.as_str(), a.3.as_str()), ("according_to", "FiveThirtyEight", "per"));
    let b = find(&r, "she had moved to Egypt");
    assert_eq!((b.2.as_str(), b.3.as_str()), ("CTV News", "Per"));
    // A rate is no source.
    assert!(r.iter().all(|x| !x.4.contains("Taxes rose")), "{r:#?}");
}

#[test]
fn report_by_a_medium() {
    let d = doc("Russian state media TASS reported Friday that the regulator has restricted access.", &[("TASS", 1)]);
    let r = rows(&d);
    let a = find(&r, "the regulator has restricted access");
    assert_eq!((a.0.as_str(), a.2.as_str(), a.3.as_str()), ("report", "TASS", "reported"));
}

#[test]
fn evidence_source() {
    let d = doc("While no photos exist, satellite imagery of an airbase outside Minsk showed two planes landing there.", &[("Minsk", 2)]);
    let r = rows(&d);
    let a = find(&r, "two planes landing there");
    assert_eq!(a.0, "evidence");
    assert!(a.1.starts_with("satellite imagery"));
    assert_eq!(a.2, "", "Minsk is not the source");
}

#[test]
fn study_by_an_organisation() {
    let d = doc("A study by Harvard found that the drug cut deaths by half.", &[("Harvard", 1)]);
    let r = rows(&d);
    let a = find(&r, "the drug cut deaths");
    assert_eq!((a.0.as_str(), a.2.as_str()), ("evidence", "Harvard"));
}

#[test]
fn pronoun_resolves_to_subject_not_object() {
    let text = "Wagner leader Yevgeny Prigozhin had marched on Moscow to confront Vladimir Putin, in what he said was a response to an attack.";
    let d = doc(text, &[("Yevgeny Prigozhin", 0), ("Vladimir Putin", 0)]);
    let r = rows(&d);
    let a = find(&r, "a response to an attack");
    assert_eq!((a.1.as_str(), a.2.as_str()), ("he", "Yevgeny Prigozhin"));
}

#[test]
fn short_name_and_description_resolve_to_the_full_name() {
    let text = "Belarusian President Aleksandr Lukashenko met the press. Lukashenko said the talks went well. Later, the Belarusian leader claimed he had won.";
    let d = doc(text, &[("Aleksandr Lukashenko", 0), ("Lukashenko", 0)]);
    let r = rows(&d);
    assert_eq!(find(&r, "the talks went well").2, "Aleksandr Lukashenko");
    let a = find(&r, "he had won");
    assert_eq!((a.1.as_str(), a.2.as_str()), ("the Belarusian leader", "Aleksandr Lukashenko"));
}

#[test]
fn nested_quoted_as_saying() {
    let text = "The RBK news website quoted Ms. Simonyan as saying the channel would keep broadcasting.";
    let d = doc(text, &[("Margarita Simonyan", 0), ("Simonyan", 0), ("RBK", 1)]);
    let r = rows(&d);
    let a = find(&r, "the channel would keep broadcasting");
    assert_eq!(a.2, "Margarita Simonyan");
    assert!(a.1.contains("Simonyan"));
}

#[test]
fn coordinated_cues_split_the_content() {
    let text = "He accused the union of “stalling the talks” and claimed the strike was illegal.";
    let d = doc(text, &[]);
    let r = rows(&d);
    let a = find(&r, "stalling the talks");
    assert_eq!(a.0, "mixed");
    assert!(!a.4.contains("claimed"), "{a:?}");
    let b = find(&r, "the strike was illegal");
    assert_eq!(b.3, "claimed");
}

#[test]
fn said_in_a_statement() {
    let d = doc("The ministry said in a statement that the border would stay closed.", &[("ministry", 1)]);
    let r = rows(&d);
    let a = find(&r, "the border would stay closed");
    assert_eq!(a.1, "The ministry");
}

#[test]
fn works_without_any_layers_but_tokens() {
    let mut d = Doc::new(Meta::default(), "“Fine,” he said.".into());
    Segmenter.process(&mut d);
    d.sentences.clear();
    Attributor::new().process(&mut d);
    assert_eq!(d.attributions.len(), 1);
    let empty = &mut Doc::new(Meta::default(), String::new());
    Attributor::new().process(empty);
    assert!(empty.attributions.is_empty());
}

#[test]
fn no_cue_no_attribution() {
    let d = doc("The company opened a plant in Ohio. Workers built it in two years.", &[]);
    assert!(d.attributions.is_empty(), "{:#?}", rows(&d));
}

#[test]
fn nested_are_dropped_on_request() {
    let mut d = doc("Smith said Jones told him the deal was off.", &[]);
    assert!(d.attributions.len() >= 2, "{:#?}", rows(&d));
    super::rules::drop_nested(&mut d.attributions);
    assert_eq!(d.attributions.len(), 1);
}

#[test]
fn name_dash_quote_lines_are_speakers() {
    let text = "Readers sent us their views.\n\nAna Ruiz ― “The debate told me nothing new about the economy.”\n\nTom Berg: “I am still undecided and will watch the next one.”";
    let d = doc(text, &[("Ana Ruiz", 0), ("Tom Berg", 0)]);
    let r = rows(&d);
    let a = find(&r, "told me nothing new");
    assert_eq!((a.0.as_str(), a.1.as_str(), a.2.as_str(), a.3.as_str()), ("direct", "Ana Ruiz", "Ana Ruiz", "―"));
    let b = find(&r, "still undecided");
    assert_eq!((b.1.as_str(), b.3.as_str()), ("Tom Berg", ":"));
    let d = doc("“He never answered the question about jobs.” ― Lena Ortiz\n\nThe next debate is in October.", &[("Lena Ortiz", 0)]);
    let r = rows(&d);
    let c = find(&r, "never answered");
    assert_eq!((c.0.as_str(), c.1.as_str(), c.3.as_str()), ("direct", "Lena Ortiz", "―"));
}

#[test]
fn a_described_speaker_is_the_name_before_the_comma_not_a_name_in_the_description() {
    let d = doc(
        "The campaign will go on, Jeff Weaver, Sanders' campaign manager, said on Monday. The troops will stay, Benjamin Rhodes, Mr. Obama's deputy adviser, said.",
        &[("Jeff Weaver", 0), ("Sanders", 0), ("Benjamin Rhodes", 0), ("Obama", 0)],
    );
    let r = rows(&d);
    assert_eq!(find(&r, "The campaign will go on").2, "Jeff Weaver");
    assert_eq!(find(&r, "The troops will stay").2, "Benjamin Rhodes", "{r:#?}");
}

#[test]
fn a_quoted_sentence_no_attribution_touches_is_kept_as_a_direct_quote() {
    let text = "He called it an “inland hurricane” then. “There are actual firms in Ukraine that bribe judges.” Then “we will win this fight soon,” she said.";
    let doc = Doc::new(Meta::default(), text.to_string());
    let start = text.find("we will").unwrap();
    let said = newsgraph_core::Attribution {
        kind: "direct".into(),
        source: None,
        source_span: None,
        source_phrase: None,
        cue_span: None,
        content: newsgraph_core::Span::new(start, start + "we will win this fight soon,".len()),
    };
    let mut found = vec![said];
    super::rules::keep_quoted_sentences(&doc.text, &super::quotes::find_quotes(text), &mut found);
    found.sort_by_key(|a| a.content.start);
    let contents: Vec<&str> = found.iter().map(|a| a.content.text(text)).collect();
    // The scare quote is no sentence; the attributed quote is not added twice.
    assert_eq!(contents, ["There are actual firms in Ukraine that bribe judges.", "we will win this fight soon,"]);
}
