//! A greedy transition-based dependency parser: arc-hybrid transitions (`state.rs`), rich
//! feature templates (`features.rs`) and the shared averaged perceptron, trained with a
//! dynamic oracle and error exploration (`train.rs`). Relations are Universal Dependencies
//! labels (`newsgraph_core::tagsets::DEPRELS`). It parses one sentence at a time from word
//! forms and XPOS tags; it does not tag.

mod features;
pub mod state;
pub mod train;


use newsgraph_core::tagsets::{self, DEPRELS};
use newsgraph_core::{Doc, Stage};
use serde::{Deserialize, Serialize};

use crate::perceptron::{self, ModelFile, Model};
use crate::word::Words;
use crate::Error;

use state::{Move, State, NONE};

/// Number of relation labels (index 0, `_`, is never predicted).
pub const NLABELS: usize = DEPRELS.len();
/// Number of transition classes: shift, then left and right for each label.
pub const NCLASSES: usize = 1 + 2 * NLABELS;

/// The labelled transition of class `c`.
pub fn decode_class(c: usize) -> (Move, u8) {
    if c == 0 {
        (Move::Shift, 0)
    } else if c <= NLABELS {
        (Move::Left, (c - 1) as u8)
    } else {
        (Move::Right, (c - 1 - NLABELS) as u8)
    }
}

/// The class of a labelled transition.
pub fn encode_class(m: Move, label: u8) -> usize {
    match m {
        Move::Shift => 0,
        Move::Left => 1 + label as usize,
        Move::Right => 1 + NLABELS + label as usize,
    }
}

/// The id of a UD relation, falling back to its universal part ("obl:tmod" → "obl"), then
/// to `dep`.
pub fn deprel_id(rel: &str) -> u8 {
    tagsets::id_of(&DEPRELS, rel)
        .or_else(|| tagsets::id_of(&DEPRELS, rel.split(':').next().unwrap_or(rel)))
        .or_else(|| tagsets::id_of(&DEPRELS, "dep"))
        .unwrap_or(0)
}

/// Reused buffers for parsing.
#[derive(Default)]
pub struct ParseScratch {
    words: Words,
    hashes: Vec<u64>,
    state: State,
    feats: Vec<u64>,
    scores: Vec<f32>,
}

#[derive(Serialize, Deserialize)]
struct Meta {
    labels: Vec<String>,
}

/// A trained parser.
pub struct Parser {
    model: Model,
}

impl Parser {
    /// Parse one sentence: `heads[i]` is the 1-based head of word `i + 1` (0 = root) and
    /// `labels[i]` its relation id.
    pub fn parse<S: AsRef<str>>(&self, forms: &[S], tags: &[u8], scratch: &mut ParseScratch, heads: &mut Vec<u32>, labels: &mut Vec<u8>) {
        let n = forms.len();
        scratch.words.fill(forms);
        features::hash_words(&scratch.words, &mut scratch.hashes);
        scratch.state.reset(n);
        while !scratch.state.is_final() {
            let sent = features::Sentence { words: &scratch.hashes, tags };
            features::extract(&sent, &scratch.state, &mut scratch.feats);
            self.model.scores(&scratch.feats, &mut scratch.scores);
            let (m, l) = best_valid(&scratch.state, &scratch.scores);
            scratch.state.apply(m, l);
        }
        heads.clear();
        labels.clear();
        for w in 1..=n {
            let h = scratch.state.heads[w];
            heads.push(if h == NONE { 0 } else { h });
            labels.push(scratch.state.labels[w]);
        }
    }

}

/// The best-scoring valid labelled transition (label 0 is never chosen for an arc).
fn best_valid(state: &State, scores: &[f32]) -> (Move, u8) {
    let mut best = (Move::Shift, 0u8);
    let mut best_score = f32::NEG_INFINITY;
    for m in [Move::Shift, Move::Left, Move::Right] {
        if !state.valid(m) {
            continue;
        }
        if m == Move::Shift {
            if scores[0] > best_score {
                best_score = scores[0];
                best = (m, 0);
            }
            continue;
        }
        for l in 1..NLABELS as u8 {
            let s = scores[encode_class(m, l)];
            if s > best_score {
                best_score = s;
                best = (m, l);
            }
        }
    }
    best
}

/// The parsing stage: fills `head` and `deprel` of `Doc::tags` (run after the tagger).
pub struct ParseStage {
    parser: Parser,
}

impl ParseStage {
    /// A stage around a loaded parser.
    pub fn new(parser: Parser) -> Self {
        ParseStage { parser }
    }
}

impl Stage for ParseStage {
    fn name(&self) -> &'static str {
        "parse"
    }

    fn process(&self, doc: &mut Doc) {
        if doc.tags.len() != doc.tokens.len() {
            return;
        }
        let mut scratch = ParseScratch::default();
        let (mut forms, mut tags, mut heads, mut labels) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for si in 0..doc.sentences.len() {
            let range = doc.sentences[si].tokens();
            forms.clear();
            tags.clear();
            for i in range.clone() {
                forms.push(doc.tokens[i].text(&doc.text));
                tags.push(doc.tags[i].xpos);
            }
            self.parser.parse(&forms, &tags, &mut scratch, &mut heads, &mut labels);
            for (k, i) in range.clone().enumerate() {
                let t = &mut doc.tags[i];
                t.head = if heads[k] == 0 { u32::MAX } else { (range.start + heads[k] as usize - 1) as u32 };
                t.deprel = labels[k];
            }
        }
    }
}

impl ModelFile for Parser {
    fn to_bytes(&self) -> Result<Vec<u8>, Error> {
        perceptron::to_bytes(&Meta { labels: DEPRELS.iter().map(|s| s.to_string()).collect() }, &self.model)
    }

    fn from_bytes(bytes: &[u8], what: &str) -> Result<Self, Error> {
        let (meta, model): (Meta, Model) = perceptron::from_bytes(bytes, what)?;
        if meta.labels.iter().map(String::as_str).ne(DEPRELS.iter().copied()) || model.nclass() != NCLASSES {
            return Err(Error::Decode { what: what.to_string(), message: "relation labels differ from this build's; retrain the parser".into() });
        }
        Ok(Parser { model })
    }
}
