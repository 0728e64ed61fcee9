//! A greedy transition-based dependency parser: arc-hybrid transitions (`state.rs`), rich
//! feature templates (`features.rs`) and the shared averaged perceptron, trained with a
//! dynamic oracle and error exploration (`train.rs`). Relations are Universal Dependencies
//! labels (`newsgraph_core::tagsets::DEPRELS`). It parses one sentence at a time from word
//! forms and the tagger's XPOS and UPOS (`tags.rs`), with word clusters learned from
//! unlabelled text (`crate::clusters`) when the model has them; it does not tag. A parser
//! file records whether it decodes greedily or with a beam (`beam.rs`) and whether it reads
//! left to right or right to left, and may carry a relabeller that chooses the relations
//! again on the finished tree (`relabel.rs`); `vote.rs` lets several parsers vote on one
//! tree.

pub mod beam;
mod features;
pub mod relabel;
pub mod state;
pub mod supertag;
pub mod tags;
pub mod train;
pub mod vote;


use newsgraph_core::tagsets::{self, DEPRELS};
use newsgraph_core::{Doc, Stage};
use serde::{Deserialize, Serialize};

use crate::clusters::Clusters;
use crate::perceptron::{self, ModelFile, Model};
use crate::word::Words;
use crate::Error;

use state::{Move, State, NONE};
use tags::TagMap;

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
    tags: Vec<u8>,
    coarse: Vec<u16>,
    fine: Vec<u16>,
    beam: beam::BeamScratch,
    relabel: relabel::RelabelScratch,
    stags: Vec<u8>,
    supertag: supertag::SupertagScratch,
}

impl ParseScratch {
    /// Reverse the per-word features of a sentence of `n` words: every feature input is per
    /// word, so this reverses the sentence (for right-to-left parsers).
    fn reverse_words(&mut self, n: usize) {
        let (words, suffixes) = self.hashes.split_at_mut(n);
        for v in [words, suffixes] {
            v.reverse();
        }
        self.tags.reverse();
        self.coarse.reverse();
        self.fine.reverse();
    }
}

/// What the first parser files stored.
#[derive(Serialize, Deserialize)]
struct MetaV1 {
    labels: Vec<String>,
}

/// What files stored before the beam: relation labels, the tag map and the word clusters.
#[derive(Serialize, Deserialize)]
struct MetaV2 {
    labels: Vec<String>,
    tags: TagMap,
    clusters: Option<Clusters>,
}

/// What files stored before right-to-left parsers: [`MetaV2`] and the beam.
#[derive(Serialize, Deserialize)]
struct MetaV3 {
    labels: Vec<String>,
    tags: TagMap,
    clusters: Option<Clusters>,
    beam: u32,
}

/// What files stored before the relabeller: [`MetaV3`] and the direction the parser reads
/// in.
#[derive(Serialize, Deserialize)]
struct MetaV4 {
    labels: Vec<String>,
    tags: TagMap,
    clusters: Option<Clusters>,
    beam: u32,
    right_to_left: bool,
}

/// What files stored before supertags: [`MetaV4`] and whether a relabeller (a third model)
/// follows.
#[derive(Serialize, Deserialize)]
struct MetaV5 {
    labels: Vec<String>,
    tags: TagMap,
    clusters: Option<Clusters>,
    beam: u32,
    right_to_left: bool,
    relabel: bool,
}

/// The current file metadata: [`MetaV5`] (postcard writes a nested struct as its fields, so
/// the layout is MetaV5's followed by one more field) and the supertagger's classes when its
/// weights follow (after the relabeller's).
#[derive(Serialize, Deserialize)]
struct Meta {
    base: MetaV5,
    supertags: Option<supertag::SupertagMeta>,
}

/// A trained parser: a transition classifier (shift, left, right) and a relation classifier
/// asked once per arc. Two small models instead of one over every labelled transition keep
/// the weight count (file size, cache misses) several times lower at the same accuracy.
pub struct Parser {
    moves: Model,
    labels: Model,
    tags: TagMap,
    /// Word clusters the features use (`None`: no cluster features).
    clusters: Option<Clusters>,
    /// Hypotheses kept while parsing (1: greedy).
    beam: usize,
    /// Reads the sentence from its last word to its first: it makes other mistakes than a
    /// left-to-right parser, which is what a vote between them needs (`vote.rs`).
    right_to_left: bool,
    /// Chooses every relation again once the tree is finished (`relabel.rs`); `None`: the
    /// labels given while parsing stay.
    relabel: Option<Model>,
    /// Predicts every word's relation and head side before parsing (`supertag.rs`);
    /// `None`: no supertag features.
    supertagger: Option<supertag::Supertagger>,
}

impl Parser {
    /// Parse one sentence from its forms and the tagger's XPOS and UPOS ids: `heads[i]` is
    /// the 1-based head of word `i + 1` (0 = root) and `labels[i]` its relation id.
    pub fn parse<S: AsRef<str>>(&self, forms: &[S], xpos: &[u8], upos: &[u8], scratch: &mut ParseScratch, heads: &mut Vec<u32>, labels: &mut Vec<u8>) {
        self.parse_unrelabelled(forms, xpos, upos, scratch, heads, labels);
        if self.relabel.is_some() {
            if self.right_to_left {
                // The relabeller reads the sentence in its own order.
                scratch.reverse_words(forms.len());
            }
            self.relabel_tree(scratch, heads, labels);
        }
    }

    /// [`Parser::parse`] with the relations given while parsing (what a vote needs from
    /// each voter: the relabeller chooses once, on the voted tree).
    pub(crate) fn parse_unrelabelled<S: AsRef<str>>(&self, forms: &[S], xpos: &[u8], upos: &[u8], scratch: &mut ParseScratch, heads: &mut Vec<u32>, labels: &mut Vec<u8>) {
        let n = forms.len();
        self.fill_features(forms, xpos, upos, scratch);
        if self.right_to_left {
            scratch.reverse_words(n);
        }
        // A right-to-left parser's supertagger learned on reversed sentences: it tags them
        // in the order the parser reads.
        match &self.supertagger {
            Some(st) => {
                let sent = features::Sentence::new(&scratch.hashes, &scratch.tags, &scratch.coarse, &scratch.fine);
                st.tag(&sent, &mut scratch.supertag, &mut scratch.stags);
            }
            None => scratch.stags.clear(),
        }
        self.decode(n, scratch, heads, labels);
        if self.right_to_left {
            heads.reverse();
            labels.reverse();
            for h in heads.iter_mut().filter(|h| **h != 0) {
                *h = n as u32 + 1 - *h;
            }
        }
    }

    /// Hash the words, map the tags and look up the clusters of one sentence into `scratch`.
    fn fill_features<S: AsRef<str>>(&self, forms: &[S], xpos: &[u8], upos: &[u8], scratch: &mut ParseScratch) {
        scratch.words.fill(forms);
        features::hash_words(&scratch.words, &mut scratch.hashes);
        self.tags.fill(xpos, upos, &mut scratch.tags);
        features::cluster_words(self.clusters.as_ref(), &scratch.hashes, &mut scratch.coarse, &mut scratch.fine);
    }

    /// True when the parser chooses relations again on the finished tree.
    pub fn relabels(&self) -> bool {
        self.relabel.is_some()
    }

    /// Choose the relations of a tree made by others (a vote) again with this parser's
    /// relabeller; no change when it has none or `heads` is not a tree of the sentence's
    /// words (a head past its last word).
    pub fn relabel<S: AsRef<str>>(&self, forms: &[S], xpos: &[u8], upos: &[u8], scratch: &mut ParseScratch, heads: &[u32], labels: &mut [u8]) {
        let fits = heads.len() == forms.len() && labels.len() == forms.len() && heads.iter().all(|&h| h as usize <= forms.len());
        if self.relabel.is_some() && fits {
            self.fill_features(forms, xpos, upos, scratch);
            self.relabel_tree(scratch, heads, labels);
        }
    }

    /// Choose the relations of a finished tree again with the relabeller, if the parser has
    /// one; `scratch` holds the sentence's features, in its own order.
    fn relabel_tree(&self, scratch: &mut ParseScratch, heads: &[u32], labels: &mut [u8]) {
        if let Some(model) = &self.relabel {
            let sent = features::Sentence::new(&scratch.hashes, &scratch.tags, &scratch.coarse, &scratch.fine);
            relabel::relabel(model, &sent, heads, labels, &mut scratch.relabel);
        }
    }

    /// Parse the sentence whose per-word features `scratch` holds, in their order.
    fn decode(&self, n: usize, scratch: &mut ParseScratch, heads: &mut Vec<u32>, labels: &mut Vec<u8>) {
        if self.beam > 1 {
            let sent = features::Sentence::new(&scratch.hashes, &scratch.tags, &scratch.coarse, &scratch.fine).with_supertags(&scratch.stags);
            beam::decode(&sent, n, self.beam, self, &mut scratch.beam);
            read_tree(scratch.beam.best(), heads, labels);
            return;
        }
        scratch.state.reset(n);
        while !scratch.state.is_final() {
            let sent = features::Sentence::new(&scratch.hashes, &scratch.tags, &scratch.coarse, &scratch.fine).with_supertags(&scratch.stags);
            // A forced move (only the root on the stack: shift; empty buffer: right) needs no
            // scores: skipping them saves a good share of the transitions at no change.
            let m = match only_valid(&scratch.state) {
                Some(m) => m,
                None => {
                    features::extract(&sent, &scratch.state, &mut scratch.feats);
                    self.moves.scores(&scratch.feats, &mut scratch.scores);
                    best_valid(&scratch.state, &scratch.scores)
                }
            };
            let label = match scratch.state.arc(m) {
                Some((dep, head)) => self.label(&sent, &scratch.state, dep, head, &mut scratch.feats, &mut scratch.scores),
                None => 0,
            };
            scratch.state.apply(m, label);
        }
        read_tree(&scratch.state, heads, labels);
    }

    /// Hypotheses kept while parsing (1: greedy).
    pub fn beam(&self) -> usize {
        self.beam
    }

    /// True when the parser reads sentences from their last word to their first.
    pub fn right_to_left(&self) -> bool {
        self.right_to_left
    }

    /// Parse with a beam of `k` hypotheses from now on (1: greedy).
    pub fn set_beam(&mut self, k: usize) {
        self.beam = k.max(1);
    }

    /// A copy without transition weights smaller than `min_move` and relation weights
    /// smaller than `min_label` (a smaller file, a faster parse).
    pub fn pruned(&self, min_move: f32, min_label: f32) -> Parser {
        Parser { moves: self.moves.pruned(min_move), labels: self.labels.pruned(min_label), tags: self.tags.clone(), clusters: self.clusters.clone(), beam: self.beam, right_to_left: self.right_to_left, relabel: self.relabel.clone(), supertagger: self.supertagger.clone() }
    }

    /// The weight mean of parsers trained alike (same tag map and clusters) from other
    /// seeds: it scores every transition and relation as the average of their scores (see
    /// [`Model::mean`], which prunes it only if it would not fit). `None` when the parsers
    /// differ in tags, clusters or direction, or none is given.
    pub fn mean(parsers: &[Parser]) -> Option<Parser> {
        let first = parsers.first()?;
        if parsers.iter().any(|p| p.tags != first.tags || p.clusters != first.clusters || p.right_to_left != first.right_to_left) {
            return None;
        }
        let moves = Model::mean(&parsers.iter().map(|p| &p.moves).collect::<Vec<_>>(), 0.0)?;
        let labels = Model::mean(&parsers.iter().map(|p| &p.labels).collect::<Vec<_>>(), 0.0)?;
        let supertagger = match parsers.iter().map(|p| p.supertagger.as_ref()).collect::<Option<Vec<_>>>() {
            Some(all) => Some(supertag::Supertagger::mean(&all)?),
            None if parsers.iter().all(|p| p.supertagger.is_none()) => None,
            None => return None,
        };
        Some(Parser { moves, labels, tags: first.tags.clone(), clusters: first.clusters.clone(), beam: first.beam, right_to_left: first.right_to_left, relabel: None, supertagger })
    }

    /// Parser tag ids beyond XPOS (0 when the model does not use UPOS).
    pub fn refined_tags(&self) -> usize {
        self.tags.refined()
    }

    /// The word clusters the parser's features use, if any.
    pub fn clusters(&self) -> Option<&Clusters> {
        self.clusters.as_ref()
    }

    /// Supertags the parser's supertagger can predict (0 without one).
    pub fn supertag_classes(&self) -> usize {
        self.supertagger.as_ref().map_or(0, |st| st.classes.len())
    }

    /// Words in the parser's clusters (0 without clusters).
    pub fn clustered_words(&self) -> usize {
        self.clusters.as_ref().map_or(0, Clusters::len)
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

impl beam::Scorer for Parser {
    fn move_scores(&self, feats: &[u64], out: &mut Vec<f32>) {
        self.moves.scores(feats, out);
    }
    fn label(&self, sent: &features::Sentence, state: &State, dep: u32, head: u32, feats: &mut Vec<u64>, scores: &mut Vec<f32>) -> u8 {
        Parser::label(self, sent, state, dep, head, feats, scores)
    }
}

/// The heads (1-based, 0 = root) and relations of a final state's words.
fn read_tree(state: &State, heads: &mut Vec<u32>, labels: &mut Vec<u8>) {
    heads.clear();
    labels.clear();
    for w in 1..state.heads.len() {
        let h = state.heads[w];
        heads.push(if h == NONE { 0 } else { h });
        labels.push(state.labels[w]);
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

/// The move, when only one is valid.
fn only_valid(state: &State) -> Option<Move> {
    let mut found = None;
    for m in MOVES {
        if state.valid(m) {
            if found.is_some() {
                return None;
            }
            found = Some(m);
        }
    }
    found
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
    parser: vote::Vote,
}

impl ParseStage {
    /// A stage around a loaded parser.
    pub fn new(parser: Parser) -> Self {
        ParseStage { parser: vote::Vote::one(parser) }
    }

    /// A stage where several parsers vote on each sentence (`vote.rs`).
    pub fn vote(parsers: vote::Vote) -> Self {
        ParseStage { parser: parsers }
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
        let mut scratch = vote::VoteScratch::default();
        let (mut forms, mut xpos, mut upos, mut heads, mut labels) = (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for si in 0..doc.sentences.len() {
            let range = doc.sentences[si].tokens();
            forms.clear();
            xpos.clear();
            upos.clear();
            for i in range.clone() {
                forms.push(doc.tokens[i].text(&doc.text));
                xpos.push(doc.tags[i].xpos);
                upos.push(doc.tags[i].upos);
            }
            self.parser.parse(&forms, &xpos, &upos, &mut scratch, &mut heads, &mut labels);
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
        let supertags = self.supertagger.as_ref().map(|st| supertag::SupertagMeta { classes: st.classes.clone() });
        let base = MetaV5 { labels: DEPRELS.iter().map(|s| s.to_string()).collect(), tags: self.tags.clone(), clusters: self.clusters.clone(), beam: self.beam as u32, right_to_left: self.right_to_left, relabel: self.relabel.is_some() };
        let meta = Meta { base, supertags };
        let mut models = vec![&self.moves, &self.labels];
        models.extend(&self.relabel);
        models.extend(self.supertagger.as_ref().map(|st| &st.model));
        perceptron::to_bytes_many(&meta, &models)
    }

    fn from_bytes(bytes: &[u8], what: &str) -> Result<Self, Error> {
        // Older files: no supertagger, no relabeller, left to right, without the beam
        // (greedy), or with only the labels (XPOS-only features).
        let (mut meta, supertags, mut models): (MetaV5, Option<supertag::SupertagMeta>, Vec<Model>) = match perceptron::from_bytes_counted(bytes, what, |m: &Meta| 2 + usize::from(m.base.relabel) + usize::from(m.supertags.is_some())) {
            Ok((m, models)) => (m.base, m.supertags, models),
            Err(e) => match perceptron::from_bytes_counted(bytes, what, |m: &MetaV5| 2 + usize::from(m.relabel)) {
                Ok((old, models)) => (old, None, models),
                Err(_) => match perceptron::from_bytes_many::<MetaV4>(bytes, what, 2) {
                    Ok((old, models)) => (MetaV5 { labels: old.labels, tags: old.tags, clusters: old.clusters, beam: old.beam, right_to_left: old.right_to_left, relabel: false }, None, models),
                    Err(_) => match perceptron::from_bytes_many::<MetaV3>(bytes, what, 2) {
                        Ok((old, models)) => (MetaV5 { labels: old.labels, tags: old.tags, clusters: old.clusters, beam: old.beam, right_to_left: false, relabel: false }, None, models),
                        Err(_) => match perceptron::from_bytes_many::<MetaV2>(bytes, what, 2) {
                            Ok((old, models)) => (MetaV5 { labels: old.labels, tags: old.tags, clusters: old.clusters, beam: 1, right_to_left: false, relabel: false }, None, models),
                            Err(_) => match perceptron::from_bytes_many::<MetaV1>(bytes, what, 2) {
                                Ok((old, models)) => (MetaV5 { labels: old.labels, tags: TagMap::xpos_only(), clusters: None, beam: 1, right_to_left: false, relabel: false }, None, models),
                                Err(_) => return Err(e),
                            },
                        },
                    },
                },
            },
        };
        let supertagger = match supertags {
            Some(st) => match models.pop() {
                Some(model) if model.nclass() == st.classes.len() => Some(supertag::Supertagger { model, classes: st.classes }),
                _ => return Err(Error::Decode { what: what.to_string(), message: "the supertagger's classes do not match its weights; retrain it with `newsgraph train parser --supertags`".into() }),
            },
            None => None,
        };
        let relabel = if meta.relabel { models.pop() } else { None };
        if relabel.as_ref().is_some_and(|m| m.nclass() != NLABELS) {
            return Err(Error::Decode { what: what.to_string(), message: "the relabeller's relations differ from this build's; retrain it with `newsgraph train parser --relabel`".into() });
        }
        let (labels, moves) = (models.pop(), models.pop());
        match (moves, labels) {
            (Some(moves), Some(labels)) if meta.labels.iter().map(String::as_str).eq(DEPRELS.iter().copied()) && moves.nclass() == MOVES.len() && labels.nclass() == NLABELS => {
                if let Some(c) = meta.clusters.as_mut() {
                    c.build_index();
                }
                Ok(Parser { moves, labels, tags: meta.tags, clusters: meta.clusters, beam: (meta.beam as usize).max(1), right_to_left: meta.right_to_left, relabel, supertagger })
            }
            _ => Err(Error::Decode { what: what.to_string(), message: "not a parser of this build (relation labels or classes differ); retrain it with `newsgraph train parser`".into() }),
        }
    }
}
