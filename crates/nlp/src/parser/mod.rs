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

/// The id of a UD relation, falling back to its universal part ("obl:tmod" → "obl"), then
/// to `dep`.
pub fn deprel_id(rel: &str) -> u8 {
    tagsets::id_of(&DEPRELS, rel)
        .or_else(|| tagsets::id_of(&DEPRELS, rel.split(':').next().unwrap_or(rel)))
        .or_else(|| tagsets::id_of(&DEPRELS, "dep"))
        .unwrap_or(0)
}

/// Class index of a move in the transition classifier.
fn move_class(m: Move) -> usize {
    match m {
        Move::Shift => 0,
        Move::Left => 1,
        Move::Right => 2,
    }
}

const MOVES: [Move; 3] = [Move::Shift, Move::Left, Move::Right];

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

/// A trained parser: a transition classifier (shift, left, right) and a relation classifier
/// asked once per arc. Two small models instead of one over every labelled transition keep
/// the weight count (file size, cache misses) several times lower at the same accuracy.
pub struct Parser {
    moves: Model,
    labels: Model,
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
            let sent = features::Sentence::new(&scratch.hashes, tags);
            features::extract(&sent, &scratch.state, &mut scratch.feats);
            self.moves.scores(&scratch.feats, &mut scratch.scores);
            let m = best_valid(&scratch.state, &scratch.scores);
            let label = match scratch.state.arc(m) {
                Some((dep, head)) => self.label(&sent, &scratch.state, dep, head, &mut scratch.feats, &mut scratch.scores),
                None => 0,
            };
            scratch.state.apply(m, label);
        }
        heads.clear();
        labels.clear();
        for w in 1..=n {
            let h = scratch.state.heads[w];
            heads.push(if h == NONE { 0 } else { h });
            labels.push(scratch.state.labels[w]);
        }
    }

    /// A copy without transition weights smaller than `min_move` and relation weights
    /// smaller than `min_label` (a smaller file, a faster parse).
    pub fn pruned(&self, min_move: f32, min_label: f32) -> Parser {
        Parser { moves: self.moves.pruned(min_move), labels: self.labels.pruned(min_label) }
    }

    /// Stored weights of the transition and relation classifiers.
    pub fn weights(&self) -> (usize, usize) {
        (self.moves.nonzero(), self.labels.nonzero())
    }

    /// The relation of the arc `head → dep` about to be made.
    fn label(&self, sent: &features::Sentence, state: &State, dep: u32, head: u32, feats: &mut Vec<u64>, scores: &mut Vec<f32>) -> u8 {
        features::extract_label(sent, state, dep, head, feats);
        self.labels.scores(feats, scores);
        best_label(scores)
    }
}

/// The best relation (label 0, `_`, is never chosen).
fn best_label(scores: &[f32]) -> u8 {
    let mut best = (1u8, f32::NEG_INFINITY);
    for (l, &s) in scores.iter().enumerate().skip(1) {
        if s > best.1 {
            best = (l as u8, s);
        }
    }
    best.0
}

/// The best-scoring valid transition.
fn best_valid(state: &State, scores: &[f32]) -> Move {
    let mut best = (Move::Shift, f32::NEG_INFINITY);
    for m in MOVES {
        let s = scores.get(move_class(m)).copied().unwrap_or(0.0);
        if state.valid(m) && s > best.1 {
            best = (m, s);
        }
    }
    best.0
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
        perceptron::to_bytes_many(&Meta { labels: DEPRELS.iter().map(|s| s.to_string()).collect() }, &[&self.moves, &self.labels])
    }

    fn from_bytes(bytes: &[u8], what: &str) -> Result<Self, Error> {
        let (meta, mut models): (Meta, Vec<Model>) = perceptron::from_bytes_many(bytes, what, 2)?;
        let (labels, moves) = (models.pop(), models.pop());
        match (moves, labels) {
            (Some(moves), Some(labels)) if meta.labels.iter().map(String::as_str).eq(DEPRELS.iter().copied()) && moves.nclass() == MOVES.len() && labels.nclass() == NLABELS => Ok(Parser { moves, labels }),
            _ => Err(Error::Decode { what: what.to_string(), message: "not a parser of this build (relation labels or classes differ); retrain it with `newsgraph train parser`".into() }),
        }
    }
}
