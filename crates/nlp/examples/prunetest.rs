//! Development driver: accuracy and size of a pruned tagger (`prunetest DATA TAGGER MIN...`).
use newsgraph_nlp::ModelFile;
use std::path::Path;

use newsgraph_nlp::{corpus, tagger, Tagger};

fn main() {
    let a: Vec<String> = std::env::args().collect();
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
