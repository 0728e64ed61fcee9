//! Development driver: CPU cost of tagging, lemmatising and NER on the PolNeAR texts
//! (`speedtest DATA MODELS [REPEATS]`): the best and worst of REPEATS runs of each phase, and
//! a checksum of the output (to check that a speed change did not change results). CPU time
//! comes from /proc/thread-self/stat (Linux).
use std::hash::Hasher;
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
    let reps: usize = a.get(3).and_then(|r| r.parse().ok()).unwrap_or(1);
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
    let mut times = vec![Vec::new(); 5];
    let mut sum = rustc_hash::FxHasher::default();
    for rep in 0..reps {
        let mut scratch = TagScratch::default();
        let mut out = Vec::new();
        let c = cpu();
        let mut xp: Vec<Vec<u8>> = Vec::new();
        for s in &sents {
            m.tagger.tag(s, &mut scratch, &mut out);
            xp.push(out.iter().map(|&l| m.tagger.xpos(l)).collect());
        }
        times[0].push(cpu() - c);
        let mut lemma = String::new();
        let c = cpu();
        for (s, x) in sents.iter().zip(&xp) {
            for (w, &t) in s.iter().zip(x) {
                m.tagger.lemmatize(w, t, &mut lemma);
            }
        }
        times[1].push(cpu() - c);
        let mut ns = NerScratch::default();
        let mut spans = Vec::new();
        let stats = DocStats::default();
        let c = cpu();
        for (s, x) in sents.iter().zip(&xp) {
            m.ner.recognize(s, x, &stats, &mut ns, &mut spans);
            if rep == 0 {
                for &(a, b, t) in &spans {
                    sum.write_usize(a * 1000 + b * 10 + t as usize);
                }
            }
        }
        times[2].push(cpu() - c);
        // The pipeline stages as `newsgraph eval nlp-speed` runs them (lemmas, document
        // statistics and the Doc layers included).
        let (ts, ns) = (m.tag_stage(), m.ner_stage());
        let c = cpu();
        for d in docs.iter_mut() {
            ts.process(d);
        }
        times[3].push(cpu() - c);
        let c = cpu();
        for d in docs.iter_mut() {
            ns.process(d);
        }
        times[4].push(cpu() - c);
        if rep == 0 {
            for x in &xp {
                sum.write(x);
            }
        }
    }
    let min = |v: &Vec<f64>| v.iter().cloned().fold(f64::INFINITY, f64::min);
    let max = |v: &Vec<f64>| v.iter().cloned().fold(0.0, f64::max);
    let (tag, lem, ner) = (min(&times[0]), min(&times[1]), min(&times[2]));
    println!(
        "{n} tokens, checksum {:016x}; best of {reps}: tok/s tag {:.0} lemma {:.0} ner {:.0} all {:.0}; worst: tag {:.0} ner {:.0} all {:.0}",
        sum.finish(),
        n as f64 / tag,
        n as f64 / lem,
        n as f64 / ner,
        n as f64 / (tag + lem + ner),
        n as f64 / max(&times[0]),
        n as f64 / max(&times[2]),
        n as f64 / (max(&times[0]) + max(&times[1]) + max(&times[2]))
    );
    let (ts, ns) = (min(&times[3]), min(&times[4]));
    println!("stages, best of {reps}: tok/s tag {:.0} ner {:.0} all {:.0}; worst all {:.0}", n as f64 / ts, n as f64 / ns, n as f64 / (ts + ns), n as f64 / (max(&times[3]) + max(&times[4])));
}
