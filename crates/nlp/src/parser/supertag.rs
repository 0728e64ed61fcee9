//! Supertags: each word's relation and the side its head lies on ("nsubj, head to the
//! right"), predicted left to right before parsing by a small averaged perceptron over the
//! parser's own per-word inputs (words, suffixes, tags, clusters). A greedy parser decides
//! an arc while the words that would settle it are still in the buffer; their supertags are
//! a cheap look at what those words will need (Ouchi, Duh & Matsumoto 2014). This module
//! tags and trains; it does not parse: the parser reads the tags through
//! `features::Sentence`.

use serde::{Deserialize, Serialize};

use crate::perceptron::{BestEpoch, Model, Rng, Trainer};
use crate::Error;

use super::features::{key, Sentence};

/// A trained supertagger.
#[derive(Clone)]
pub struct Supertagger {
    pub(super) model: Model,
    /// Class index → packed supertag ([`pack`]).
    pub(super) classes: Vec<u8>,
}

/// Supertagger weights smaller than this are dropped, in training and from the mean of
/// several: on EWT dev, 1.0 keeps the accuracy of 0.1 (0.827) with a third of the weights
/// (0.56 M), and tags faster; 2.0 loses 0.003.
pub(super) const PRUNE: f32 = 1.0;

/// What the parser file stores beside the supertagger's weights.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct SupertagMeta {
    pub classes: Vec<u8>,
}

/// The packed supertag of a word (1-based `dep`) with relation id `label` and head `head`
/// (0 = root): never 0, which means "no supertag" to the features.
pub fn pack(label: u8, head: u32, dep: u32) -> u8 {
    let side = match head {
        0 => 0,
        h if h < dep => 1,
        _ => 2,
    };
    // 52 relations × 3 sides + 1 stays below 256.
    (u32::from(label) * 3 + side + 1).min(255) as u8
}

/// The supertags of a gold tree (1-based heads, relation ids).
pub fn of_tree(heads: &[u32], labels: &[u8], out: &mut Vec<u8>) {
    out.clear();
    out.extend(heads.iter().zip(labels).enumerate().map(|(i, (&h, &l))| pack(l, h, i as u32 + 1)));
}

/// Features of a word that depend on the previous supertags: the first `LABEL_FEATURES`
/// keys of each word's block, filled by [`set_label_features`] while decoding.
const LABEL_FEATURES: usize = 5;

/// Append the feature keys of word `i` (1-based) to `out`, with 0 in the places of the
/// [`LABEL_FEATURES`]: every word's block can be made before decoding, which lets the model
/// fetch the next words' weights early.
fn static_features(sent: &Sentence, i: u32, out: &mut Vec<u64>) {
    let n = sent.words.len() as i64;
    // Before the sentence: the root's markers; after it: "no word".
    let at = |d: i64| {
        let v = i64::from(i) + d;
        if v < 0 { Some(0) } else if v > n { None } else { Some(v as u32) }
    };
    let w = |d: i64| sent.word(at(d));
    let t = |d: i64| u64::from(sent.tag(at(d)));
    let (t0, tm1, tp1, tm2, tp2) = (t(0), t(-1), t(1), t(-2), t(2));
    out.extend([0; LABEL_FEATURES]);
    out.push(key(200, 0, 0));
    out.push(key(201, w(0), 0));
    out.push(key(202, w(-1), 0));
    out.push(key(203, w(1), 0));
    out.push(key(204, w(-2), 0));
    out.push(key(205, w(2), 0));
    out.push(key(206, sent.suffix(at(0)), 0));
    out.push(key(209, t0, 0));
    out.push(key(210, tm1, 0));
    out.push(key(211, tp1, 0));
    out.push(key(212, tm2, 0));
    out.push(key(213, tp2, 0));
    out.push(key(214, tm1 << 8 | t0, 0));
    out.push(key(215, t0 << 8 | tp1, 0));
    out.push(key(216, tm1 << 16 | t0 << 8 | tp1, 0));
    out.push(key(217, t0 << 16 | tp1 << 8 | tp2, 0));
    out.push(key(218, tm2 << 16 | tm1 << 8 | t0, 0));
    out.push(key(219, w(0), t0));
    if !sent.fine.is_empty() {
        let (f0, c0) = (sent.fine(at(0)), sent.coarse(at(0)));
        out.push(key(224, f0, 0));
        out.push(key(225, f0, t0));
        out.push(key(226, sent.coarse(at(-1)) << 32 | c0 << 16 | sent.coarse(at(1)), 0));
        out.push(key(227, sent.fine(at(1)), t0));
        out.push(key(228, sent.fine(at(-1)), t0));
    }
}

/// Fill the [`LABEL_FEATURES`] of word `i`'s block `feats` from the two previous supertags.
#[inline]
fn set_label_features(sent: &Sentence, i: u32, p1: u8, p2: u8, feats: &mut [u64]) {
    let (p1, p2) = (u64::from(p1), u64::from(p2));
    let w0 = sent.word(Some(i));
    let t = |d: u32| u64::from(sent.tag(Some(i + d).filter(|&v| v as usize <= sent.words.len())));
    let (t0, tp1) = (t(0), t(1));
    feats[0] = key(229, p1, 0);
    feats[1] = key(230, p1 << 8 | p2, 0);
    feats[2] = key(231, p1, t0);
    feats[3] = key(232, p1, w0);
    feats[4] = key(233, p1 << 16 | t0 << 8 | tp1, 0);
}

/// Every word's feature block, placeholders and all, into `out`; returns the block length.
fn sentence_features(sent: &Sentence, out: &mut Vec<u64>) -> usize {
    out.clear();
    for i in 1..=sent.words.len() as u32 {
        static_features(sent, i, out);
    }
    out.len() / sent.words.len().max(1)
}

/// Reused buffers for tagging.
#[derive(Default)]
pub struct SupertagScratch {
    feats: Vec<u64>,
    scores: Vec<f32>,
}

impl Supertagger {
    /// The packed supertag of every word of `sent` into `out`, greedily left to right.
    pub(super) fn tag(&self, sent: &Sentence, scratch: &mut SupertagScratch, out: &mut Vec<u8>) {
        out.clear();
        let per = sentence_features(sent, &mut scratch.feats);
        let n = sent.words.len();
        // Ask for the table slots two words ahead, as the tagger does, so that cache misses
        // overlap with the scoring of the word at hand.
        for k in 0..n.min(2) {
            self.model.prefetch(&scratch.feats[k * per..(k + 1) * per]);
        }
        let (mut p1, mut p2) = (0u8, 0u8);
        for k in 0..n {
            if k + 2 < n {
                self.model.prefetch(&scratch.feats[(k + 2) * per..(k + 3) * per]);
            }
            let f = &mut scratch.feats[k * per..(k + 1) * per];
            set_label_features(sent, k as u32 + 1, p1, p2, f);
            let c = self.model.predict(f, &mut scratch.scores);
            let st = self.classes.get(c).copied().unwrap_or(0);
            out.push(st);
            (p2, p1) = (p1, st);
        }
    }

    /// Share of the words of `data` whose supertag is right.
    pub(super) fn accuracy(&self, data: &[Example]) -> f64 {
        let (mut right, mut total) = (0usize, 0usize);
        let (mut scratch, mut out) = (SupertagScratch::default(), Vec::new());
        for ex in data {
            self.tag(&ex.sent, &mut scratch, &mut out);
            right += out.iter().zip(ex.gold).filter(|(a, b)| a == b).count();
            total += ex.gold.len();
        }
        right as f64 / total.max(1) as f64
    }

    /// The weight mean of supertaggers trained alike (see `Model::mean`), pruned as one is
    /// in training ([`PRUNE`]: the mean holds the union of their features); `None` when
    /// their classes differ.
    pub fn mean(taggers: &[&Supertagger]) -> Option<Supertagger> {
        let first = taggers.first()?;
        if taggers.iter().any(|t| t.classes != first.classes) {
            return None;
        }
        let model = Model::mean(&taggers.iter().map(|t| &t.model).collect::<Vec<_>>(), 0.0)?.pruned(PRUNE);
        Some(Supertagger { model, classes: first.classes.clone() })
    }
}

/// A training or dev sentence: the parser's inputs and the gold supertags.
pub(super) struct Example<'a> {
    pub sent: Sentence<'a>,
    pub gold: &'a [u8],
}

/// Train a supertagger on `train`, choosing the epoch on `dev` accuracy; weights smaller than
/// `prune` are dropped from each epoch's model before it is scored.
pub(super) fn train(train: &[Example], dev: &[Example], epochs: usize, seed: u64, prune: f32) -> Result<(Supertagger, f64), Error> {
    let mut classes: Vec<u8> = train.iter().flat_map(|e| e.gold.iter().copied()).collect();
    classes.sort_unstable();
    classes.dedup();
    if classes.is_empty() || classes.len() > 256 {
        return Err(Error::NoData(format!("supertagger: {} classes in the training trees", classes.len())));
    }
    let mut class_of = [0u16; 256];
    for (c, &st) in classes.iter().enumerate() {
        class_of[st as usize] = c as u16;
    }
    let mut trainer = Trainer::new(classes.len());
    let mut rng = Rng::new(seed);
    let mut order: Vec<usize> = (0..train.len()).collect();
    let (mut feats, mut scores) = (Vec::new(), Vec::new());
    let mut best = BestEpoch::new(2);
    for _ in 0..epochs {
        rng.shuffle(&mut order);
        for &k in &order {
            let ex = &train[k];
            let per = sentence_features(&ex.sent, &mut feats);
            let (mut p1, mut p2) = (0u8, 0u8);
            for (i, &gold) in ex.gold.iter().enumerate() {
                let f = &mut feats[i * per..(i + 1) * per];
                set_label_features(&ex.sent, i as u32 + 1, p1, p2, f);
                let guess = trainer.predict(f, &mut scores);
                let truth = class_of[gold as usize] as usize;
                trainer.update(truth, guess, f);
                trainer.tick();
                // Learn from its own previous tags, as it will tag.
                (p2, p1) = (p1, classes[guess]);
            }
        }
        let tagger = Supertagger { model: trainer.average(0.02).pruned(prune), classes: classes.clone() };
        let acc = tagger.accuracy(dev);
        if best.record(acc, (tagger, acc)) {
            break;
        }
    }
    best.into_best()
}
