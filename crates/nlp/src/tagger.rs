//! The part-of-speech tagger: one greedy left-to-right averaged perceptron over joint
//! (UPOS, XPOS) labels, with previous-tag features and a tag dictionary that fixes frequent
//! unambiguous words without scoring them; plus the lemmatizer, shipped in the same file.
//! Training and tagging live here; corpus reading is `corpus`, the pipeline stage `stage`.

use std::collections::HashMap;

use newsgraph_core::tagsets;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::corpus::TaggedSentence;
use crate::hash::{f0, f1, f2, fi, fsi};
use crate::lemma::Lemmatizer;
use crate::perceptron::{self, BestEpoch, ModelFile, Model, Rng, Trainer};
use crate::word::Words;
use crate::Error;

/// A trained tagger and lemmatizer.
#[derive(Clone, Serialize, Deserialize)]
pub struct Tagger {
    /// Joint labels: (UPOS id, XPOS id) into `newsgraph_core::tagsets`.
    labels: Vec<(u8, u8)>,
    /// Exact form → label for frequent unambiguous words.
    tagdict: FxHashMap<String, u16>,
    #[serde(skip)]
    model: Model,
    lemmatizer: Lemmatizer,
}

/// Reusable buffers for tagging (one per thread).
#[derive(Default)]
pub struct TagScratch {
    words: Words,
    feats: Vec<u64>,
    /// Words the tag dictionary does not settle.
    todo: Vec<u32>,
    scores: Vec<f32>,
}

const START: u16 = u16::MAX;
const START2: u16 = u16::MAX - 1;

fn ctx<'a>(w: &'a Words, i: isize) -> &'a str {
    if i < 0 {
        if i == -1 {
            "<s>"
        } else {
            "<s2>"
        }
    } else if i as usize >= w.len() {
        if i as usize == w.len() {
            "</s>"
        } else {
            "</s2>"
        }
    } else {
        w.norm(i as usize)
    }
}

fn ctx_suffix<'a>(w: &'a Words, i: isize) -> &'a str {
    if i < 0 || i as usize >= w.len() {
        ctx(w, i)
    } else {
        w.suffix(i as usize, 3)
    }
}

fn ctx_shape<'a>(w: &'a Words, i: isize) -> &'a str {
    if i < 0 || i as usize >= w.len() {
        ctx(w, i)
    } else {
        w.shape(i as usize)
    }
}

/// The feature keys of word `i` given the two previous labels.
fn features(w: &Words, form: &str, i: usize, p1: u16, p2: u16, out: &mut Vec<u64>) {
    out.clear();
    static_features(w, form, i, out);
    let n = out.len();
    set_label_features(w, i, p1, p2, &mut out[n - NFEAT..]);
}

/// Number of features per word.
const NFEAT: usize = 25;

/// Append the NFEAT feature keys of word `i`, with 0 in the places of the features of the
/// previous labels (see [`set_label_features`]): they can be computed for a whole sentence
/// before decoding, which lets the model fetch the next words' weights early.
fn static_features(w: &Words, form: &str, i: usize, out: &mut Vec<u64>) {
    let ii = i as isize;
    let w0 = w.norm(i);
    out.push(f0(0));
    out.push(f1(1, w0));
    out.push(f1(2, w.suffix(i, 3)));
    out.push(f1(3, w.prefix(i, 1)));
    out.push(f1(4, w.shape(i)));
    out.push(0); // 5: previous label
    out.push(0); // 6: previous two labels
    out.push(0); // 7: word and previous label
    out.push(f1(8, ctx(w, ii - 1)));
    out.push(f1(9, ctx_suffix(w, ii - 1)));
    out.push(f1(10, ctx(w, ii - 2)));
    out.push(f1(11, ctx(w, ii + 1)));
    out.push(f1(12, ctx_suffix(w, ii + 1)));
    out.push(f1(13, ctx(w, ii + 2)));
    out.push(f1(14, ctx_shape(w, ii + 1)));
    out.push(f1(15, w.suffix(i, 2)));
    out.push(f1(16, w.suffix(i, 4)));
    out.push(f1(17, form));
    out.push(f1(18, w.prefix(i, 3)));
    out.push(f2(19, ctx(w, ii - 1), w0));
    out.push(f2(20, w0, ctx(w, ii + 1)));
    out.push(fi(21, w.flags(i) as u32, (i == 0) as u32));
    out.push(0); // 22: next word and previous label
    out.push(f1(23, ctx_shape(w, ii - 1)));
    out.push(f1(24, w.suffix(i, 1)));
}

/// Fill in the features of word `i` that depend on the previous labels.
#[inline]
fn set_label_features(w: &Words, i: usize, p1: u16, p2: u16, feats: &mut [u64]) {
    feats[5] = fi(5, p1 as u32, 0);
    feats[6] = fi(6, p2 as u32, p1 as u32);
    feats[7] = fsi(7, w.norm(i), p1 as u32);
    feats[22] = fsi(22, ctx(w, i as isize + 1), p1 as u32);
}

impl Tagger {
    /// Tag one sentence: `out` gets one label per word (see [`Tagger::upos`]).
    pub fn tag<S: AsRef<str>>(&self, forms: &[S], scratch: &mut TagScratch, out: &mut Vec<u16>) {
        out.clear();
        scratch.words.fill(forms);
        // First the tag-dictionary words and every other word's features but the previous
        // labels', then greedy decoding, asking the model for the weights of the words ahead
        // (slots two words ahead, rows one word ahead) so their cache misses overlap.
        scratch.feats.clear();
        scratch.todo.clear();
        for (i, f) in forms.iter().enumerate() {
            let f = f.as_ref();
            match self.tagdict.get(f) {
                Some(&l) => out.push(l),
                None => {
                    out.push(u16::MAX);
                    scratch.todo.push(i as u32);
                    static_features(&scratch.words, f, i, &mut scratch.feats);
                }
            }
        }
        let feats = &mut scratch.feats;
        let at = |k: usize| k * NFEAT..(k + 1) * NFEAT;
        if !scratch.todo.is_empty() {
            self.model.prefetch(&feats[at(0)]);
        }
        if scratch.todo.len() > 1 {
            self.model.prefetch(&feats[at(1)]);
        }
        let mut k = 0;
        let (mut p1, mut p2) = (START, START2);
        for i in 0..forms.len() {
            if k < scratch.todo.len() && scratch.todo[k] as usize == i {
                if k + 2 < scratch.todo.len() {
                    self.model.prefetch(&feats[at(k + 2)]);
                }
                let f = &mut feats[at(k)];
                set_label_features(&scratch.words, i, p1, p2, f);
                out[i] = self.model.predict(f, &mut scratch.scores) as u16;
                k += 1;
            }
            p2 = p1;
            p1 = out[i];
        }
    }

    /// UPOS id (into `tagsets::UPOS`) of a label.
    pub fn upos(&self, label: u16) -> u8 {
        self.labels.get(label as usize).map_or(16, |l| l.0)
    }

    /// XPOS id (into `tagsets::XPOS`) of a label.
    pub fn xpos(&self, label: u16) -> u8 {
        self.labels.get(label as usize).map_or(0, |l| l.1)
    }

    /// The lemma of `form` with XPOS id `xpos`, written into `out`.
    pub fn lemmatize(&self, form: &str, xpos: u8, out: &mut String) {
        let tag = tagsets::XPOS.get(xpos as usize).copied().unwrap_or("_");
        self.lemmatizer.lemmatize(form, tag, out);
    }

    /// Model statistics for reports: (labels, feature rows, weights, tag-dictionary words).
    pub fn stats(&self) -> (usize, usize, usize, usize) {
        (self.labels.len(), self.model.rows(), self.model.nonzero(), self.tagdict.len())
    }

    /// Drop weights smaller than `min_weight` (see [`Model::pruned`]).
    pub fn prune(&mut self, min_weight: f32) {
        self.model = self.model.pruned(min_weight);
    }

}

/// Training settings (shared by every perceptron model).
pub use crate::perceptron::TrainConfig;

/// Accuracy of a tagger on gold sentences: (UPOS, XPOS, lemma, tokens).
pub fn evaluate(tagger: &Tagger, gold: &[TaggedSentence]) -> (f64, f64, f64, usize) {
    let mut scratch = TagScratch::default();
    let mut out = Vec::new();
    let mut lemma = String::new();
    let (mut u, mut x, mut l, mut n) = (0usize, 0usize, 0usize, 0usize);
    let mut forms: Vec<&str> = Vec::new();
    for s in gold {
        forms.clear();
        forms.extend(s.iter().map(|w| w.form.as_str()));
        tagger.tag(&forms, &mut scratch, &mut out);
        for (w, &lab) in s.iter().zip(&out) {
            let (up, xp) = (tagger.upos(lab), tagger.xpos(lab));
            u += (tagsets::UPOS.get(up as usize) == Some(&w.upos.as_str())) as usize;
            x += (tagsets::XPOS.get(xp as usize) == Some(&w.xpos.as_str())) as usize;
            tagger.lemmatize(&w.form, xp, &mut lemma);
            l += (lemma == w.lemma) as usize;
            n += 1;
        }
    }
    let d = n.max(1) as f64;
    (u as f64 / d, x as f64 / d, l as f64 / d, n)
}

/// Train a tagger on `train`, choosing the epoch by accuracy on `dev`. `log` receives one
/// line per epoch.
pub fn train(train: &[TaggedSentence], dev: &[TaggedSentence], cfg: &TrainConfig, mut log: impl FnMut(&str)) -> Result<Tagger, Error> {
    if train.is_empty() {
        return Err(Error::NoData("the tagger training set is empty".into()));
    }
    // Joint labels, in a stable order (by frequency, then name).
    let mut counts: HashMap<(u8, u8), usize> = HashMap::new();
    let mut form_counts: HashMap<&str, HashMap<(u8, u8), usize>> = HashMap::new();
    let ids = |w: &crate::corpus::TaggedWord| {
        (tagsets::id_of(&tagsets::UPOS, &w.upos).unwrap_or(16), tagsets::id_of(&tagsets::XPOS, &w.xpos).unwrap_or(0))
    };
    for s in train {
        for w in s {
            let l = ids(w);
            *counts.entry(l).or_default() += 1;
            *form_counts.entry(w.form.as_str()).or_default().entry(l).or_default() += 1;
        }
    }
    let mut labels: Vec<((u8, u8), usize)> = counts.into_iter().collect();
    labels.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let labels: Vec<(u8, u8)> = labels.into_iter().map(|(l, _)| l).take(256).collect();
    let label_id: HashMap<(u8, u8), u16> = labels.iter().enumerate().map(|(i, &l)| (l, i as u16)).collect();
    let mut tagdict: FxHashMap<String, u16> = FxHashMap::default();
    for (form, c) in &form_counts {
        let total: usize = c.values().sum();
        let (best, n) = c.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))).map(|(l, n)| (*l, *n)).unwrap_or(((16, 0), 0));
        if total >= 20 && n as f64 / total as f64 >= 0.98 {
            if let Some(&id) = label_id.get(&best) {
                tagdict.insert((*form).to_string(), id);
            }
        }
    }
    let lemmatizer = Lemmatizer::train(train.iter().flatten().map(|w| (w.form.as_str(), w.xpos.as_str(), w.lemma.as_str())));
    let gold: Vec<Vec<u16>> = train.iter().map(|s| s.iter().map(|w| *label_id.get(&ids(w)).unwrap_or(&0)).collect()).collect();

    let mut trainer = Trainer::new(labels.len());
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut rng = Rng::new(cfg.seed);
    let mut words = Words::default();
    let mut feats = Vec::new();
    let mut scores = Vec::new();
    let mut best = BestEpoch::new(cfg.patience);
    for epoch in 1..=cfg.epochs {
        rng.shuffle(&mut order);
        let (mut correct, mut total) = (0usize, 0usize);
        for &si in &order {
            let s = &train[si];
            words.fill(&s.iter().map(|w| w.form.as_str()).collect::<Vec<_>>());
            let (mut p1, mut p2) = (START, START2);
            for (i, w) in s.iter().enumerate() {
                let truth = gold[si][i];
                let guess = if let Some(&l) = tagdict.get(w.form.as_str()) {
                    l
                } else {
                    features(&words, &w.form, i, p1, p2, &mut feats);
                    let g = trainer.predict(&feats, &mut scores) as u16;
                    trainer.update(truth as usize, g as usize, &feats);
                    trainer.tick();
                    g
                };
                correct += (guess == truth) as usize;
                total += 1;
                p2 = p1;
                p1 = guess;
            }
        }
        let tagger = Tagger { labels: labels.clone(), tagdict: tagdict.clone(), model: trainer.average(cfg.min_weight), lemmatizer: lemmatizer.clone() };
        let (u, x, l, _) = if dev.is_empty() { (0.0, 0.0, 0.0, 0) } else { evaluate(&tagger, dev) };
        let score = if dev.is_empty() { epoch as f64 } else { (u + x) / 2.0 };
        log(&format!(
            "epoch {epoch}: train acc {:.4}, dev UPOS {u:.4} XPOS {x:.4} lemma {l:.4}, rows {}",
            correct as f64 / total.max(1) as f64,
            tagger.model.rows()
        ));
        if best.record(score, tagger) {
            break;
        }
    }
    best.into_best()
}

impl ModelFile for Tagger {
    fn to_bytes(&self) -> Result<Vec<u8>, Error> {
        perceptron::to_bytes(self, &self.model)
    }

    fn from_bytes(bytes: &[u8], what: &str) -> Result<Self, Error> {
        let (mut meta, model): (Self, Model) = perceptron::from_bytes(bytes, what)?;
        meta.model = model;
        Ok(meta)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_features_fill_exactly_the_placeholders() {
        // `set_label_features` writes fixed positions: they must stay the placeholders that
        // `static_features` leaves (0), or tagging would score other features than training.
        let mut w = Words::default();
        let forms = ["The", "cats", "sat", "."];
        w.fill(&forms);
        for i in 0..forms.len() {
            let mut out = Vec::new();
            static_features(&w, forms[i], i, &mut out);
            assert_eq!(out.len(), NFEAT);
            let zeros: Vec<usize> = (0..NFEAT).filter(|&k| out[k] == 0).collect();
            assert_eq!(zeros, [5, 6, 7, 22]);
            features(&w, forms[i], i, 3, 4, &mut out);
            assert!(out.iter().all(|&k| k != 0));
        }
    }
}
