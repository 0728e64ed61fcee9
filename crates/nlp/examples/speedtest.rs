//! Development driver: CPU cost of tagging, lemmatising and NER on the PolNeAR texts
//! (`speedtest DATA MODELS`). CPU time comes from /proc/thread-self/stat (Linux).
use std::path::Path;

use newsgraph_core::{Doc, Meta, Stage};
use newsgraph_nlp::{ner::DocStats, ner::NerScratch, tagger::TagScratch, Models};

fn cpu() -> f64 {
    let s = std::fs::read_to_string("/proc/thread-self/stat").unwrap_or_default();
    let f: Vec<&str> = s.rsplit(')').next().unwrap_or("").split_whitespace().collect();
    let t: f64 = f.get(11).and_then(|x| x.parse().ok()).unwrap_or(0.0) + f.get(12).and_then(|x| x.parse().ok()).unwrap_or(0.0);
    t / 100.0
}

fn main() {
    let a: Vec<String> = std::env::args().collect();
    let m = Models::load(Path::new(&a[2])).unwrap();
    let mut docs = Vec::new();
    for split in ["train", "dev"] {
        let d = Path::new(&a[1]).join("polnear").join(split).join("text");
        let mut files: Vec<_> = std::fs::read_dir(&d).unwrap().map(|e| e.unwrap().path()).collect();
        files.sort();
        for f in files {
            let mut doc = Doc::new(Meta::default(), std::fs::read_to_string(f).unwrap());
            newsgraph_text::Segmenter.process(&mut doc);
            docs.push(doc);
        }
    }
    let n: usize = docs.iter().map(|d| d.tokens.len()).sum();
    let sents: Vec<Vec<String>> = docs.iter().flat_map(|d| d.sentences.iter().map(|s| s.tokens().map(|i| d.token_text(i).to_string()).collect::<Vec<_>>())).collect();
    let mut scratch = TagScratch::default();
    let mut out = Vec::new();
    let c = cpu();
    let mut xp: Vec<Vec<u8>> = Vec::new();
    for s in &sents {
        m.tagger.tag(s, &mut scratch, &mut out);
        xp.push(out.iter().map(|&l| m.tagger.xpos(l)).collect());
    }
    let tag = cpu() - c;
    let mut lemma = String::new();
    let c = cpu();
    for (s, x) in sents.iter().zip(&xp) {
        for (w, &t) in s.iter().zip(x) {
            m.tagger.lemmatize(w, t, &mut lemma);
        }
    }
    let lem = cpu() - c;
    let mut ns = NerScratch::default();
    let mut spans = Vec::new();
    let stats = DocStats::default();
    let c = cpu();
    for (s, x) in sents.iter().zip(&xp) {
        m.ner.recognize(s, x, &stats, &mut ns, &mut spans);
    }
    let ner = cpu() - c;
    println!("{n} tokens; CPU s: tag {tag:.2} lemma {lem:.2} ner {ner:.2}; tok/s tag {:.0} lemma {:.0} ner {:.0} all {:.0}", n as f64 / tag, n as f64 / lem, n as f64 / ner, n as f64 / (tag + lem + ner));
}
