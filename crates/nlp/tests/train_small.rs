//! End-to-end training on the repository's small GUM fixtures: the tagger and the NER model
//! learn from ~150 sentences and must score well above chance on a held-out document, and
//! the saved files must load back to the same predictions.

use newsgraph_nlp::ModelFile;
use std::path::Path;

use newsgraph_nlp::gazetteer::Gazetteer;
use newsgraph_nlp::tagger::{self, TagScratch};
use newsgraph_nlp::word::Words;
use newsgraph_nlp::{corpus, ner, ner_data, Ner, Tagger};

fn fixture(name: &str) -> Vec<newsgraph_text::conllu::Sentence> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
    corpus::read_conllu(&p).expect("fixture reads")
}

fn examples(sents: &[newsgraph_text::conllu::Sentence], t: &Tagger, g: &Gazetteer) -> Vec<ner::Example> {
    let mut w = Words::default();
    let mut scratch = TagScratch::default();
    let mut labels = Vec::new();
    corpus::gum_named_entities(sents)
        .into_iter()
        .map(|s| {
            let spans = ner_data::map_gum(&s, g, &mut w, false);
            t.tag(&s.words, &mut scratch, &mut labels);
            let xpos = labels.iter().map(|&l| t.xpos(l)).collect();
            ner::Example { words: s.words, xpos, spans, doc: 0 }
        })
        .collect()
}

#[test]
fn tagger_and_ner_train_end_to_end() {
    let train_s = fixture("gum_train.conllu");
    let dev_s = fixture("gum_dev.conllu");
    assert!(train_s.len() > 100 && dev_s.len() > 20);
    let (train, dev) = (corpus::tagged(&train_s), corpus::tagged(&dev_s));
    let cfg = tagger::TrainConfig { epochs: 6, seed: 3, patience: 6, min_weight: 0.0 };
    let t = tagger::train(&train, &dev, &cfg, |_| {}).expect("tagger trains");
    let (upos, xpos, lemma, n) = tagger::evaluate(&t, &dev);
    assert!(n > 500);
    // 150 sentences: far from the real model, far above the most-frequent-tag baseline (~0.2).
    assert!(upos > 0.80, "UPOS {upos}");
    assert!(xpos > 0.75, "XPOS {xpos}");
    assert!(lemma > 0.85, "lemma {lemma}");

    // Round trip through bytes gives the same tags.
    let back = Tagger::from_bytes(&t.to_bytes().unwrap(), "test").unwrap();
    assert_eq!(tagger::evaluate(&back, &dev), (upos, xpos, lemma, n));

    let g = Gazetteer::builtin();
    let ner_train = examples(&train_s, &t, &g);
    let ner_dev_ex = examples(&dev_s, &t, &g);
    let gold: Vec<(ner::Example, Vec<(usize, usize, String)>)> = ner_dev_ex
        .into_iter()
        .map(|e| {
            let spans = e.spans.iter().map(|&(a, b, ty)| (a, b, ner::TYPES[ty as usize].to_string())).collect();
            (e, spans)
        })
        .collect();
    let names = |t: u8| Some(ner::TYPES[t as usize]);
    let dev_sets = [ner::DevSet { name: "gum", gold: &gold, map: names }];
    let cfg = ner::TrainConfig { epochs: 8, seed: 3, patience: 8, min_weight: 0.0 };
    let m = ner::train(&ner_train, &dev_sets, g, &cfg, |_| {}).expect("ner trains");
    let score = ner::evaluate(&m, &gold, names);
    let (p, r, f) = score.micro();
    assert!(f > 0.2, "NER dev F1 {f} (P {p}, R {r}): {:?}", score.labels);
    let back = Ner::from_bytes(&m.to_bytes().unwrap(), "test").unwrap();
    assert_eq!(ner::evaluate(&back, &gold, names).micro(), (p, r, f));
}

#[test]
fn parser_trains_end_to_end_greedy_for_the_beam_and_with_supertags() {
    use newsgraph_nlp::parser::{train, Parser};
    let (train_t, dev_t) = (train::trees(&fixture("gum_train.conllu")), train::trees(&fixture("gum_dev.conllu")));
    let mut uas = Vec::new();
    for (beam, supertags) in [(1, false), (3, false), (1, true)] {
        let cfg = train::TrainConfig { epochs: 6, seed: 1, beam, supertags, ..Default::default() };
        let parser = train::train(&train_t, &dev_t, &cfg, |_| {}).expect("parser trains");
        assert_eq!(parser.beam(), beam);
        assert_eq!(parser.supertag_classes() > 0, supertags);
        let s = train::evaluate(&parser, &dev_t);
        assert!(s.words > 500);
        // 150 sentences with gold tags: far from the real model, far above attaching every
        // word to its neighbour (~0.3).
        assert!(s.uas() > 0.6 && s.las() > 0.5, "beam {beam}: UAS {} LAS {}", s.uas(), s.las());
        let back = Parser::from_bytes(&parser.to_bytes().unwrap(), "test").unwrap();
        assert_eq!(back.beam(), beam);
        assert_eq!(back.supertag_classes(), parser.supertag_classes());
        assert_eq!(train::evaluate(&back, &dev_t).labelled, s.labelled);
        uas.push(s.uas());
    }
    eprintln!("fixture UAS: greedy {:.3}, beam 3 {:.3}, greedy with supertags {:.3}", uas[0], uas[1], uas[2]);
}
