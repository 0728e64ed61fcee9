//! Development driver: print NER errors on a dev set
//! (`nerdump DATA TAGGER NER conll|uner|uner-heldout`).
use newsgraph_nlp::ModelFile;
use std::path::Path;

use newsgraph_nlp::{ner, ner_data, Ner, Tagger};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let data = Path::new(&args[1]);
    let tagger = Tagger::load(Path::new(&args[2]))?;
    let m = Ner::load(Path::new(&args[3]))?;
    let (gold, map): (_, fn(u8) -> Option<&'static str>) = if args[4] == "uner" {
        (ner_data::uner_dev(data, &tagger)?, ner::to_uner)
    } else if args[4] == "uner-heldout" {
        (ner_data::uner_heldout(data, &tagger)?, ner::to_uner)
    } else {
        (ner_data::conll_dev(data, &tagger)?, ner::to_conll)
    };
    let mut scratch = ner::NerScratch::default();
    let mut out = Vec::new();
    let stats = ner::doc_stats(gold.iter().map(|(e, _)| e));
    for (ex, spans) in &gold {
        m.recognize(&ex.words, &ex.xpos, &stats[ex.doc as usize], &mut scratch, &mut out);
        let pred: Vec<(usize, usize, &str)> = out.iter().filter_map(|&(a, b, t)| map(t).map(|l| (a, b, l))).collect();
        for (a, b, l) in &pred {
            if !spans.iter().any(|(ga, gb, gl)| ga == a && gb == b && gl == l) {
                println!("FP\t{l}\t{}\t|| {}", ex.words[*a..*b].join(" "), ex.words.join(" "));
            }
        }
        for (a, b, l) in spans {
            if !pred.iter().any(|(pa, pb, pl)| pa == a && pb == b && pl == l) {
                println!("FN\t{l}\t{}\t|| {}", ex.words[*a..*b].join(" "), ex.words.join(" "));
            }
        }
    }
    Ok(())
}
