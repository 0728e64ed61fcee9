//! End-to-end training of the attribution tagger on a tiny PolNeAR-like fixture
//! (tests/fixtures/attribution-train: invented snippets in brat standoff, train and dev
//! splits): reading, gold labels, training with early stopping, saving and loading, and
//! tagging an unseen document. Segmentation only (no POS, parse or NER), so the model learns
//! from words, quotation marks and the cue lexicon.

use std::path::Path;

use newsgraph_core::{Doc, Meta, Stage};
use newsgraph_extract::attribution::model::{self, gold_labels, role_prf, segments, AttributionModel, Example, Role, TrainConfig};
use newsgraph_extract::attribution::polnear::read_split;
use newsgraph_extract::attribution::Attributor;
use newsgraph_nlp::ModelFile;
use newsgraph_text::Segmenter;

fn docs(split: &str) -> Vec<(Doc, Vec<newsgraph_extract::attribution::polnear::GoldAttribution>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/attribution-train").join(split);
    read_split(&dir)
        .unwrap()
        .into_iter()
        .map(|a| {
            let mut doc = Doc::new(Meta::default(), a.text);
            Segmenter.process(&mut doc);
            (doc, a.gold)
        })
        .collect()
}

#[test]
fn trains_saves_loads_and_tags_unseen_text() {
    let train: Vec<Example> = docs("train").iter().map(|(d, g)| Example::new(d, g)).collect();
    let dev_docs = docs("dev");
    let dev: Vec<Example> = dev_docs.iter().map(|(d, g)| Example::new(d, g)).collect();
    assert_eq!(train.len(), 6);
    let cfg = TrainConfig { epochs: 10, seed: 3, patience: 3, min_weight: 0.0 };
    let (train, dev): (Vec<&Example>, Vec<&Example>) = (train.iter().collect(), dev.iter().collect());
    let m = model::train(&train, &dev, &cfg, |_| {}).unwrap();

    // Round trip through bytes keeps the labels.
    let bytes = m.to_bytes().unwrap();
    let back = AttributionModel::from_bytes(&bytes, "test").unwrap();
    let (doc, gold) = &dev_docs[0];
    let labels = back.tag(doc);
    assert_eq!(labels, m.tag(doc));

    // The unseen dev document: most attributed tokens get their role, and "said" is a cue.
    let truth = gold_labels(doc, gold);
    let (hit, np, ng) = role_prf(&labels, &truth);
    let recall = hit as f64 / ng as f64;
    let precision = hit as f64 / np.max(1) as f64;
    assert!(recall > 0.6 && precision > 0.6, "P {precision:.2} R {recall:.2}");
    let said = doc.tokens.iter().position(|t| t.text(&doc.text) == "said").unwrap();
    let segs = segments(&labels);
    assert!(segs.iter().any(|s| s.role == Role::Cue && s.a <= said && said < s.b), "{segs:?}");
    // The unattributed last sentence stays unlabelled.
    let rained = doc.tokens.iter().position(|t| t.text(&doc.text) == "rained").unwrap();
    assert_eq!(labels[rained], model::O);

    // Same seed, same model bytes.
    let again = model::train(&train, &dev, &cfg, |_| {}).unwrap();
    assert_eq!(again.to_bytes().unwrap(), bytes);
}

#[test]
fn attributor_with_a_model_still_finds_rule_quotes() {
    let train: Vec<Example> = docs("train").iter().map(|(d, g)| Example::new(d, g)).collect();
    let cfg = TrainConfig { epochs: 5, seed: 1, patience: 5, min_weight: 0.0 };
    let m = model::train(&train.iter().collect::<Vec<_>>(), &[], &cfg, |_| {}).unwrap();
    let stage = Attributor { drop_nested: false, model: Some(std::sync::Arc::new(m)) };
    let (mut doc, _) = docs("dev").remove(0);
    stage.process(&mut doc);
    let quote = doc.attributions.iter().find(|a| a.content.text(&doc.text).starts_with("We need more money")).expect("the direct quote");
    assert_eq!(quote.kind, "direct");
    assert_eq!(quote.source_span.map(|s| s.text(&doc.text)), Some("the teacher"));
    assert!(doc.attributions.iter().any(|a| a.content.text(&doc.text).contains("the new road would open")));
}
