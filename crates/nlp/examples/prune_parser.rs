//! Prune a trained parser file the way `newsgraph train parser --prune-moves M
//! --prune-labels L` does at the end of training, and print its EWT dev scores and size:
//! how to choose the two thresholds without training again. Given several parser files
//! (other seeds), it prunes their weight mean (`Parser::mean`), as `train parser --seeds`.
//!
//! `cargo run --release -p newsgraph-nlp --example prune_parser -- DATA OUT M L PARSER...`

use std::path::Path;

use newsgraph_nlp::corpus;
use newsgraph_nlp::parser::{train, Parser};
use newsgraph_nlp::tagger::{TagScratch, Tagger};
use newsgraph_nlp::ModelFile;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let [_, data, out, m, l, inputs @ ..] = args.as_slice() else {
        return Err("usage: prune_parser DATA OUT MIN_MOVE MIN_LABEL PARSER...".into());
    };
    let parsers = inputs.iter().map(|p| Parser::load(Path::new(p))).collect::<Result<Vec<_>, _>>()?;
    let parser = Parser::mean(&parsers).ok_or("no parser given, or parsers with other tags or clusters")?.pruned(m.parse()?, l.parse()?);
    let tagger = Tagger::load(Path::new("models/tagger.bin"))?;
    let mut dev = train::trees(&corpus::read_conllu(&corpus::ewt_path(Path::new(data), "dev"))?);
    let (mut scratch, mut labels) = (TagScratch::default(), Vec::new());
    for t in &mut dev {
        tagger.tag(&t.forms, &mut scratch, &mut labels);
        t.tags = labels.iter().map(|&x| tagger.xpos(x)).collect();
        t.upos = labels.iter().map(|&x| tagger.upos(x)).collect();
    }
    let s = train::evaluate(&parser, &dev);
    parser.save(Path::new(out))?;
    println!("weights {:?} · EWT dev UAS {:.4} LAS {:.4} · {:.1} MB", parser.weights(), s.uas(), s.las(), std::fs::metadata(out)?.len() as f64 / 1e6);
    Ok(())
}
