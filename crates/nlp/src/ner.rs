//! Named-entity recognition: greedy left-to-right BILOU labelling with an averaged
//! perceptron over word, shape, affix, context, part-of-speech, previous-label and
//! gazetteer features (case-robust: the word features use the lowercased form, and the
//! training set adds lowercased copies). Labels are the ten OntoNotes types of
//! `newsgraph_core::tagsets::ENTITY_TYPES` plus an internal `MISC` for CoNLL names that map
//! to none of them. Decoding keeps the BILOU sequence valid. Corpus mapping lives in
//! `ner_data`; the pipeline stage in `stage`.


use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::gazetteer::{Gazetteer, NCAT};
use crate::hash::{f0, f1, f2, fi, fsi};
use crate::perceptron::{self, BestEpoch, ModelFile, Model, Rng, Trainer};
use crate::word::{Words, ALLCAP, CAP};
use crate::Error;

/// Entity types predicted internally: `ENTITY_TYPES` order, then `MISC`.
pub const TYPES: [&str; 11] = ["PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "MISC"];
/// The internal `MISC` type id (not an `ENTITY_TYPES` id).
pub const MISC: u8 = 10;
/// Number of BILOU classes: `O` plus four per type.
pub const NCLASS: usize = 1 + 4 * TYPES.len();

/// BILOU class of (type, position); position 0 B, 1 I, 2 L, 3 U.
#[inline]
pub fn class(ty: u8, pos: u8) -> u8 {
    1 + ty * 4 + pos
}

/// Encode spans `(first, end, type)` of an `n`-word sentence as BILOU classes.
pub fn encode(n: usize, spans: &[(usize, usize, u8)]) -> Vec<u8> {
    let mut out = vec![0u8; n];
    for &(a, b, t) in spans {
        if b <= a || b > n {
            continue;
        }
        if b - a == 1 {
            out[a] = class(t, 3);
        } else {
            out[a] = class(t, 0);
            for o in &mut out[a + 1..b - 1] {
                *o = class(t, 1);
            }
            out[b - 1] = class(t, 2);
        }
    }
    out
}

/// Decode BILOU classes into spans (ill-formed sequences are repaired leniently).
pub fn decode(classes: &[u8], out: &mut Vec<(usize, usize, u8)>) {
    out.clear();
    let mut open: Option<(usize, u8)> = None;
    for (i, &c) in classes.iter().enumerate() {
        if c == 0 {
            if let Some((a, t)) = open.take() {
                out.push((a, i, t));
            }
            continue;
        }
        let (t, p) = ((c - 1) / 4, (c - 1) % 4);
        match (open, p) {
            (Some((a, ot)), 1 | 2) if ot == t => {
                if p == 2 {
                    out.push((a, i + 1, t));
                    open = None;
                }
            }
            _ => {
                if let Some((a, ot)) = open.take() {
                    out.push((a, i, ot));
                }
                match p {
                    3 => out.push((i, i + 1, t)),
                    2 => out.push((i, i + 1, t)),
                    _ => open = Some((i, t)),
                }
            }
        }
    }
    if let Some((a, t)) = open {
        out.push((a, classes.len(), t));
    }
}

/// Whether class `cur` may follow class `prev` (`None` = sentence start).
#[inline]
fn allowed(prev: Option<u8>, cur: u8, last: bool) -> bool {
    let open = |c: u8| c != 0 && matches!((c - 1) % 4, 0 | 1);
    let (cur_t, cur_p) = if cur == 0 { (u8::MAX, u8::MAX) } else { ((cur - 1) / 4, (cur - 1) % 4) };
    if last && cur != 0 && matches!(cur_p, 0 | 1) {
        return false;
    }
    match prev {
        Some(p) if open(p) => cur != 0 && (p - 1) / 4 == cur_t && matches!(cur_p, 1 | 2),
        _ => cur == 0 || matches!(cur_p, 0 | 3),
    }
}

/// Document-level evidence about word forms: how often each is capitalised inside a
/// sentence and how often it is written in lowercase, anywhere in the same document. It
/// lets a sentence-initial or lowercased word borrow what the rest of the document says
/// about it ("Enron" elsewhere makes "enron" a name; "Still" is "still" elsewhere).
#[derive(Default, Clone)]
pub struct DocStats {
    counts: FxHashMap<u64, (u16, u16)>,
    words: Words,
}

impl DocStats {
    /// Forget everything (start a new document).
    pub fn clear(&mut self) {
        self.counts.clear();
    }

    /// Count the words of one sentence.
    pub fn add_sentence<S: AsRef<str>>(&mut self, forms: &[S]) {
        self.words.fill(forms);
        for i in 0..self.words.len() {
            let f = self.words.flags(i);
            if f & crate::word::NOLETTER != 0 {
                continue;
            }
            let e = self.counts.entry(f1(0, self.words.norm(i))).or_default();
            if f & CAP != 0 && i > 0 {
                e.0 = e.0.saturating_add(1);
            } else if f & CAP == 0 {
                e.1 = e.1.saturating_add(1);
            }
        }
    }

    /// (capitalised mid-sentence, lowercase) counts of a normalised form.
    fn get(&self, norm: &str) -> (u16, u16) {
        if self.counts.is_empty() {
            return (0, 0);
        }
        self.counts.get(&f1(0, norm)).copied().unwrap_or((0, 0))
    }
}

/// A trained recogniser.
#[derive(Clone, Serialize, Deserialize)]
pub struct Ner {
    #[serde(skip)]
    model: Model,
    gazetteer: Gazetteer,
}

/// Reusable buffers for recognition (one per thread).
#[derive(Default)]
pub struct NerScratch {
    words: Words,
    gaz: Vec<u8>,
    gazlen: Vec<u8>,
    feats: Vec<u64>,
    /// Where each word's features start in `feats`.
    starts: Vec<u32>,
    scores: Vec<f32>,
    classes: Vec<u8>,
}

const START: u32 = 255;

fn ctx<'a>(w: &'a Words, i: isize) -> &'a str {
    if i < 0 {
        "<s>"
    } else if i as usize >= w.len() {
        "</s>"
    } else {
        w.norm(i as usize)
    }
}

fn ctx_shape<'a>(w: &'a Words, i: isize) -> &'a str {
    if i < 0 || i as usize >= w.len() {
        ctx(w, i)
    } else {
        w.shape(i as usize)
    }
}

fn ctx_tag(x: &[u8], i: isize) -> u32 {
    if i < 0 {
        253
    } else {
        x.get(i as usize).map_or(254, |&t| t as u32)
    }
}

/// Sentence-level context that every word's features share.
struct SentCtx {
    /// Most letters-bearing words are all caps (headlines).
    allcaps: bool,
    /// Most words are lowercase (web text, chat).
    lower: bool,
}

fn sent_ctx(w: &Words) -> SentCtx {
    let (mut letters, mut caps, mut low) = (0, 0, 0);
    for i in 0..w.len() {
        let f = w.flags(i);
        if f & crate::word::NOLETTER == 0 {
            letters += 1;
            if f & ALLCAP != 0 {
                caps += 1;
            }
            if f & CAP == 0 {
                low += 1;
            }
        }
    }
    SentCtx { allcaps: letters >= 3 && caps * 10 >= letters * 8, lower: letters >= 3 && low == letters }
}

#[allow(clippy::too_many_arguments)]
fn features(w: &Words, form: &str, xpos: &[u8], gaz: &[u8], sc: &SentCtx, doc: &DocStats, i: usize, p1: u32, p2: u32, out: &mut Vec<u64>) {
    out.clear();
    static_features(w, form, xpos, gaz, sc, doc, i, out);
    set_label_features(w, xpos, i, p1, p2, out);
}

/// Fill in the features of word `i` that depend on the previous labels (`feats` starts
/// with the word's features from [`static_features`]).
#[inline]
fn set_label_features(w: &Words, xpos: &[u8], i: usize, p1: u32, p2: u32, feats: &mut [u64]) {
    let ii = i as isize;
    feats[19] = fi(19, p1, 0);
    feats[20] = fi(20, p2, p1);
    feats[21] = fsi(21, w.norm(i), p1);
    feats[27] = fi(27, p1, ctx_tag(xpos, ii));
    feats[28] = fsi(28, ctx(w, ii - 1), p1);
}

/// Append the feature keys of word `i`, with 0 in the places of the features of the
/// previous labels (see [`set_label_features`]): they can be computed for a whole sentence
/// before decoding, which lets the model fetch the next words' weights early.
#[allow(clippy::too_many_arguments)]
fn static_features(w: &Words, form: &str, xpos: &[u8], gaz: &[u8], sc: &SentCtx, doc: &DocStats, i: usize, out: &mut Vec<u64>) {
    let ii = i as isize;
    let w0 = w.norm(i);
    let flags = w.flags(i) as u32;
    let mode = sc.allcaps as u32 | (sc.lower as u32) << 1;
    out.push(f0(0));
    out.push(f1(1, w0));
    out.push(f1(2, form));
    out.push(f1(3, w.shape(i)));
    out.push(f1(4, w.prefix(i, 2)));
    out.push(f1(5, w.prefix(i, 3)));
    out.push(f1(6, w.prefix(i, 4)));
    out.push(f1(7, w.suffix(i, 2)));
    out.push(f1(8, w.suffix(i, 3)));
    out.push(f1(9, w.suffix(i, 4)));
    out.push(f1(10, ctx(w, ii - 1)));
    out.push(f1(11, ctx(w, ii + 1)));
    out.push(f1(12, ctx(w, ii - 2)));
    out.push(f1(13, ctx(w, ii + 2)));
    out.push(f2(14, ctx_shape(w, ii - 1), w.shape(i)));
    out.push(f2(15, w.shape(i), ctx_shape(w, ii + 1)));
    out.push(fi(16, ctx_tag(xpos, ii), 0));
    out.push(fi(17, ctx_tag(xpos, ii - 1), ctx_tag(xpos, ii)));
    out.push(fi(18, ctx_tag(xpos, ii), ctx_tag(xpos, ii + 1)));
    out.push(0); // 19: previous label
    out.push(0); // 20: previous two labels
    out.push(0); // 21: word and previous label
    out.push(fi(22, flags, (i == 0) as u32 | mode << 1));
    out.push(fi(23, flags | (ii > 0 && w.flags(i - 1) & CAP as u8 != 0) as u32 * 64, (i + 1 < w.len() && w.flags(i + 1) & CAP != 0) as u32));
    out.push(f2(24, ctx(w, ii - 1), w0));
    out.push(f2(25, w0, ctx(w, ii + 1)));
    out.push(fsi(26, w0, mode));
    out.push(0); // 27: previous label and tag
    out.push(0); // 28: previous word and previous label
    // Document evidence, without this occurrence.
    let (mut cap, mut low) = doc.get(w0);
    if flags & CAP as u32 != 0 && i > 0 {
        cap = cap.saturating_sub(1);
    } else if flags & CAP as u32 == 0 {
        low = low.saturating_sub(1);
    }
    if !doc.counts.is_empty() {
        let b = |x: u16| u32::from(x.min(2));
        out.push(fi(29, b(cap) * 3 + b(low), flags & 3 | ((i == 0) as u32) << 2));
    }
    // Gazetteers: position of this word in a match, with and without capitalisation, and the
    // lists the neighbours are on (a title before, an organisation word after).
    let row = &gaz[i * NCAT..(i + 1) * NCAT];
    for (c, &pos) in row.iter().enumerate() {
        if pos != 0 {
            out.push(fi(30, c as u32, pos as u32));
            out.push(fi(31, (c * 8) as u32 + pos as u32, flags & 3 | mode << 2));
        }
    }
    if i > 0 {
        for (c, &pos) in gaz[(i - 1) * NCAT..i * NCAT].iter().enumerate() {
            if pos != 0 {
                out.push(fi(32, c as u32, pos as u32));
            }
        }
    }
    if i + 1 < w.len() {
        for (c, &pos) in gaz[(i + 1) * NCAT..(i + 2) * NCAT].iter().enumerate() {
            if pos != 0 {
                out.push(fi(33, c as u32, pos as u32 | (flags & 1) << 4));
            }
        }
    }
}

impl Ner {
    /// Find entity spans `(first, end, type)` (type indexes [`TYPES`]) in one sentence, given
    /// the words and their XPOS ids (`tagsets::XPOS`; empty when untagged).
    /// `doc` holds the counts of the whole document (see [`DocStats`]; empty is allowed).
    pub fn recognize<S: AsRef<str>>(&self, forms: &[S], xpos: &[u8], doc: &DocStats, scratch: &mut NerScratch, out: &mut Vec<(usize, usize, u8)>) {
        let n = forms.len();
        scratch.words.fill(forms);
        self.gazetteer.mark(&scratch.words, &mut scratch.gaz, &mut scratch.gazlen);
        let sc = sent_ctx(&scratch.words);
        scratch.classes.clear();
        // Every word's features but the previous labels' first, then greedy decoding, asking
        // the model for the table slots two words ahead so their cache misses overlap.
        scratch.feats.clear();
        scratch.starts.clear();
        scratch.starts.push(0);
        for (i, f) in forms.iter().enumerate() {
            static_features(&scratch.words, f.as_ref(), xpos, &scratch.gaz, &sc, doc, i, &mut scratch.feats);
            scratch.starts.push(scratch.feats.len() as u32);
        }
        let starts = &scratch.starts;
        let at = |k: usize| starts[k] as usize..starts[k + 1] as usize;
        for k in 0..n.min(2) {
            self.model.prefetch(&scratch.feats[at(k)]);
        }
        let (mut p1, mut p2) = (START, START);
        for i in 0..n {
            if i + 2 < n {
                self.model.prefetch(&scratch.feats[at(i + 2)]);
            }
            let feats = &mut scratch.feats[at(i)];
            set_label_features(&scratch.words, xpos, i, p1, p2, feats);
            self.model.scores(feats, &mut scratch.scores);
            let prev = scratch.classes.last().copied();
            let mut best = 0u8;
            let mut best_s = f32::NEG_INFINITY;
            for (c, &s) in scratch.scores.iter().enumerate() {
                if s > best_s && allowed(prev, c as u8, i + 1 == n) {
                    best = c as u8;
                    best_s = s;
                }
            }
            scratch.classes.push(best);
            p2 = p1;
            p1 = best as u32;
        }
        decode(&scratch.classes, out);
    }

    /// Model statistics: (feature rows, weights, gazetteer entries).
    pub fn stats(&self) -> (usize, usize, usize) {
        (self.model.rows(), self.model.nonzero(), self.gazetteer.len())
    }

    /// Drop weights smaller than `min_weight` (see [`Model::pruned`]).
    pub fn prune(&mut self, min_weight: f32) {
        self.model = self.model.pruned(min_weight);
    }

}

/// One training or evaluation sentence: words, predicted XPOS ids, gold spans over
/// internal types, and a document number.
#[derive(Clone, Debug, Default)]
pub struct Example {
    /// Word forms.
    pub words: Vec<String>,
    /// XPOS ids from the tagger.
    pub xpos: Vec<u8>,
    /// Gold spans `(first, end, type)`, type into [`TYPES`].
    pub spans: Vec<(usize, usize, u8)>,
    /// Document number: examples of one document share [`DocStats`]; numbers start at 0.
    pub doc: u32,
}

/// Document statistics for every document of `examples`, indexed by `Example::doc`.
pub fn doc_stats<'a>(examples: impl Iterator<Item = &'a Example>) -> Vec<DocStats> {
    let mut out: Vec<DocStats> = Vec::new();
    for e in examples {
        let d = e.doc as usize;
        if out.len() <= d {
            out.resize(d + 1, DocStats::default());
        }
        out[d].add_sentence(&e.words);
    }
    out
}

/// Training settings (shared by every perceptron model).
pub use crate::perceptron::TrainConfig;

/// Per-label and micro-averaged span counts (conlleval: exact span and type match).
#[derive(Clone, Debug, Default)]
pub struct Score {
    /// (label, true positives, predicted, gold), sorted by label.
    pub labels: Vec<(String, usize, usize, usize)>,
}

impl Score {
    /// Micro (precision, recall, F1).
    pub fn micro(&self) -> (f64, f64, f64) {
        let (tp, p, g) = self.labels.iter().fold((0, 0, 0), |a, l| (a.0 + l.1, a.1 + l.2, a.2 + l.3));
        prf(tp, p, g)
    }
}

/// Precision, recall and F1 from counts.
pub fn prf(tp: usize, pred: usize, gold: usize) -> (f64, f64, f64) {
    let p = if pred == 0 { 0.0 } else { tp as f64 / pred as f64 };
    let r = if gold == 0 { 0.0 } else { tp as f64 / gold as f64 };
    let f = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
    (p, r, f)
}

/// Score `ner` on `gold` sentences whose spans are in some external scheme; `map` turns an
/// internal type into that scheme's label (or `None` to ignore the prediction), and gold
/// spans are compared as given.
pub fn evaluate(ner: &Ner, gold: &[(Example, Vec<(usize, usize, String)>)], map: impl Fn(u8) -> Option<&'static str>) -> Score {
    use std::collections::BTreeMap;
    let mut counts: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    let mut scratch = NerScratch::default();
    let mut out = Vec::new();
    let stats = doc_stats(gold.iter().map(|(e, _)| e));
    for (ex, spans) in gold {
        ner.recognize(&ex.words, &ex.xpos, &stats[ex.doc as usize], &mut scratch, &mut out);
        let pred: Vec<(usize, usize, &str)> = out.iter().filter_map(|&(a, b, t)| map(t).map(|l| (a, b, l))).collect();
        for (a, b, l) in &pred {
            let e = counts.entry(l.to_string()).or_default();
            e.1 += 1;
            if spans.iter().any(|(ga, gb, gl)| ga == a && gb == b && gl == l) {
                e.0 += 1;
            }
        }
        for (_, _, l) in spans {
            counts.entry(l.clone()).or_default().2 += 1;
        }
    }
    Score { labels: counts.into_iter().map(|(l, (tp, p, g))| (l, tp, p, g)).collect() }
}

/// A dev set with the label mapping used to score it.
pub struct DevSet<'a> {
    /// Name for logs.
    pub name: &'a str,
    /// Sentences with gold spans in the dev set's own scheme.
    pub gold: &'a [(Example, Vec<(usize, usize, String)>)],
    /// Internal type → dev-set label.
    pub map: fn(u8) -> Option<&'static str>,
}

/// Train a recogniser; the epoch kept is the one with the best mean micro F1 over `dev`.
pub fn train(train: &[Example], dev: &[DevSet], gazetteer: Gazetteer, cfg: &TrainConfig, mut log: impl FnMut(&str)) -> Result<Ner, Error> {
    if train.is_empty() {
        return Err(Error::NoData("the NER training set is empty".into()));
    }
    let gold: Vec<Vec<u8>> = train.iter().map(|e| encode(e.words.len(), &e.spans)).collect();
    let stats = doc_stats(train.iter());
    let mut trainer = Trainer::new(NCLASS);
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut rng = Rng::new(cfg.seed);
    let mut words = Words::default();
    let (mut gaz, mut gazlen) = (Vec::new(), Vec::new());
    let mut feats = Vec::new();
    let mut scores = Vec::new();
    let mut best = BestEpoch::new(cfg.patience);
    for epoch in 1..=cfg.epochs {
        rng.shuffle(&mut order);
        let (mut correct, mut total) = (0usize, 0usize);
        for &si in &order {
            let ex = &train[si];
            words.fill(&ex.words);
            gazetteer.mark(&words, &mut gaz, &mut gazlen);
            let sc = sent_ctx(&words);
            let (mut p1, mut p2) = (START, START);
            for i in 0..ex.words.len() {
                features(&words, &ex.words[i], &ex.xpos, &gaz, &sc, &stats[ex.doc as usize], i, p1, p2, &mut feats);
                let guess = trainer.predict(&feats, &mut scores);
                let truth = gold[si][i] as usize;
                trainer.update(truth, guess, &feats);
                trainer.tick();
                correct += (guess == truth) as usize;
                total += 1;
                p2 = p1;
                p1 = guess as u32;
            }
        }
        let ner = Ner { model: trainer.average(cfg.min_weight), gazetteer: gazetteer.clone() };
        let mut line = format!("epoch {epoch}: train acc {:.4}", correct as f64 / total.max(1) as f64);
        let mut sum = 0.0;
        for d in dev {
            let (p, r, f) = evaluate(&ner, d.gold, d.map).micro();
            line.push_str(&format!(", {} P {p:.4} R {r:.4} F1 {f:.4}", d.name));
            sum += f;
        }
        let score = if dev.is_empty() { epoch as f64 } else { sum / dev.len() as f64 };
        log(&format!("{line}, rows {}", ner.model.rows()));
        if best.record(score, ner) {
            break;
        }
    }
    best.into_best()
}

/// CoNLL-2003 label of an internal type (PER/ORG/LOC/MISC).
pub fn to_conll(t: u8) -> Option<&'static str> {
    Some(match TYPES.get(t as usize).copied()? {
        "PERSON" => "PER",
        "ORG" => "ORG",
        "GPE" | "LOC" | "FAC" => "LOC",
        _ => "MISC",
    })
}

/// UNER label of an internal type (PER/ORG/LOC; the others are not annotated there).
pub fn to_uner(t: u8) -> Option<&'static str> {
    match TYPES.get(t as usize).copied()? {
        "PERSON" => Some("PER"),
        "ORG" => Some("ORG"),
        "GPE" | "LOC" | "FAC" => Some("LOC"),
        _ => None,
    }
}

impl ModelFile for Ner {
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
    fn bilou_round_trip_and_constraints() {
        let spans = vec![(0, 2, 0), (3, 4, 2), (5, 8, 1)];
        let c = encode(8, &spans);
        let mut out = Vec::new();
        decode(&c, &mut out);
        assert_eq!(out, spans);
        assert!(allowed(None, class(0, 0), false));
        assert!(!allowed(None, class(0, 1), false));
        assert!(!allowed(Some(class(0, 0)), 0, false));
        assert!(allowed(Some(class(0, 0)), class(0, 2), true));
        assert!(!allowed(Some(class(0, 0)), class(1, 2), false));
        assert!(!allowed(Some(0), class(0, 0), true));
    }

    #[test]
    fn label_features_fill_exactly_the_placeholders() {
        // `set_label_features` writes fixed positions: they must stay the placeholders that
        // `static_features` leaves (0), or decoding would score other features than training.
        let mut w = Words::default();
        let forms = ["President", "Biden", "visited", "Paris", "."];
        w.fill(&forms);
        let g = Gazetteer::builtin();
        let (mut gaz, mut lens) = (Vec::new(), Vec::new());
        g.mark(&w, &mut gaz, &mut lens);
        let sc = sent_ctx(&w);
        let mut doc = DocStats::default();
        doc.add_sentence(&forms);
        let xpos = [1u8, 2, 3, 2, 4];
        for i in 0..forms.len() {
            let mut out = Vec::new();
            static_features(&w, forms[i], &xpos, &gaz, &sc, &doc, i, &mut out);
            let zeros: Vec<usize> = (0..out.len()).filter(|&k| out[k] == 0).collect();
            assert_eq!(zeros, [19, 20, 21, 27, 28]);
            features(&w, forms[i], &xpos, &gaz, &sc, &doc, i, 3, 4, &mut out);
            assert!(out.iter().all(|&k| k != 0));
        }
    }

    #[test]
    fn collapsing_to_conll_and_uner() {
        assert_eq!(to_conll(2), Some("LOC"));
        assert_eq!(to_conll(MISC), Some("MISC"));
        assert_eq!(to_uner(4), None);
        assert_eq!(to_uner(0), Some("PER"));
    }
}
