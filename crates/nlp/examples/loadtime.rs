//! Development driver: time model loading (`loadtime N TAGGER [NER]`: N loads in a row, so
//! that `/usr/bin/time` CPU seconds / N is the CPU cost of one load).
use newsgraph_nlp::ModelFile;
fn main() {
    let a: Vec<String> = std::env::args().collect();
    let n: usize = a[1].parse().unwrap_or(1);
    for _ in 0..n {
        let t = std::time::Instant::now();
        let m = newsgraph_nlp::Tagger::load(std::path::Path::new(&a[2])).unwrap_or_else(|e| panic!("{e}"));
        let t1 = t.elapsed();
        print!("tagger {:?} {:?}", t1, m.stats());
        if let Some(p) = a.get(3) {
            let n = newsgraph_nlp::Ner::load(std::path::Path::new(p)).unwrap_or_else(|e| panic!("{e}"));
            print!("; ner {:?} {:?}", t.elapsed() - t1, n.stats());
        }
        println!();
    }
}
