//! Development driver: accuracy and size of a pruned tagger (`prunetest DATA TAGGER MIN...`),
//! or write pruned copies of a model (`prunetest --write tagger|ner MODEL OUT_PREFIX MIN...`:
//! OUT_PREFIX-MIN.bin, to score with `newsgraph eval`).
use newsgraph_nlp::ModelFile;
use std::path::Path;

use newsgraph_nlp::{corpus, tagger, Ner, Tagger};

fn main() {
    let a: Vec<String> = std::env::args().collect();
    if a[1] == "--write" {
        for m in &a[5..] {
            let min: f32 = m.parse().unwrap();
            let out = format!("{}-{m}.bin", a[4]);
            match a[2].as_str() {
                "tagger" => {
                    let mut t = Tagger::load(Path::new(&a[3])).unwrap();
                    t.prune(min);
                    t.save(Path::new(&out)).unwrap();
                    println!("{out}: {:?}", t.stats());
                }
                _ => {
                    let mut n = Ner::load(Path::new(&a[3])).unwrap();
                    n.prune(min);
                    n.save(Path::new(&out)).unwrap();
                    println!("{out}: {:?}", n.stats());
                }
            }
        }
        return;
    }
    let dev = corpus::ud_tagged(Path::new(&a[1]), "dev", false).unwrap();
    let base = Tagger::load(Path::new(&a[2])).unwrap();
    for m in &a[3..] {
        let mut t = base.clone();
        t.prune(m.parse().unwrap());
        let (u, x, _, _) = tagger::evaluate(&t, &dev);
        let bytes = t.to_bytes().unwrap();
        println!("min {m}: UPOS {u:.4} XPOS {x:.4} stats {:?} file {}", t.stats(), bytes.len());
    }
}
