//! Development driver: re-save model files in the current file layout without retraining
//! (`resave tagger|ner|parser IN OUT`). Weights are written back exactly as loaded.
use std::path::Path;

use newsgraph_nlp::ModelFile;

fn main() {
    let a: Vec<String> = std::env::args().collect();
    let (kind, inp, out) = (a[1].as_str(), Path::new(&a[2]), Path::new(&a[3]));
    let r = match kind {
        "tagger" => newsgraph_nlp::Tagger::load(inp).and_then(|m| m.save(out)),
        "ner" => newsgraph_nlp::Ner::load(inp).and_then(|m| m.save(out)),
        "parser" => newsgraph_nlp::parser::Parser::load(inp).and_then(|m| m.save(out)),
        _ => panic!("kind must be tagger, ner or parser"),
    };
    r.unwrap_or_else(|e| panic!("{e}"));
}
