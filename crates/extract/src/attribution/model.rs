//! The learned part of attribution: a token tagger (averaged perceptron,
//! `newsgraph_nlp::perceptron`) that labels every token of a document as source, cue,
//! content or nothing, in BIO form, as PolNeAR annotates them (each token belongs to at most
//! one attribution). Features: word, lemma, POS, NER, the parse (deprel, head, the first
//! cue-verb ancestor and the branch under it), quotation marks, the learned cue lexicon and
//! the distance to the nearest cue verb. Decoding is left to right with the BIO constraint
//! only: label-history features were tried and dropped, since one early mistake then ran on
//! through a whole content span (PolNeAR dev token-role F1 0.67 with them, 0.82 without).
//! Trained by `newsgraph train attribution`; the rules (`rules/combine.rs`) combine its
//! spans with theirs. This module tags and trains; it does not build attributions.

use std::path::Path;

use newsgraph_core::{tagsets, CharIndex, Doc};
use newsgraph_nlp::hash::{f0, f1, f2, fi, fsi};
use newsgraph_nlp::perceptron::{self, BestEpoch, Model, ModelFile, Rng, Trainer};
pub use newsgraph_nlp::perceptron::TrainConfig;
use newsgraph_nlp::Error;
use serde::{Deserialize, Serialize};

use super::lexicon as lx;
use super::polnear::GoldAttribution;
use super::quotes::find_quotes;
use super::keep_model::KeepFilter;
use super::source_model::SourceChooser;

/// File name of the model inside a models directory.
pub const ATTRIBUTION_FILE: &str = "attribution.bin";

/// Label ids: O, then B/I for source, cue and content.
pub const O: u8 = 0;
const NCLASS: usize = 7;
/// 3: the tagger, the source chooser ([`super::source_model`]) and the attribution filter
/// ([`super::keep_model`]) in one file.
const FORMAT: u32 = 3;
/// Models in a file of [`FORMAT`].
const MODELS: usize = 3;

/// The role of a labelled token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// The one whose words or thoughts are reported.
    Source,
    /// The reporting word(s).
    Cue,
    /// What is reported.
    Content,
}

impl Role {
    fn id(self) -> u8 {
        match self {
            Role::Source => 0,
            Role::Cue => 1,
            Role::Content => 2,
        }
    }
    /// The role of a label id (`None` for O).
    pub fn of(label: u8) -> Option<Role> {
        match label {
            1 | 2 => Some(Role::Source),
            3 | 4 => Some(Role::Cue),
            5 | 6 => Some(Role::Content),
            _ => None,
        }
    }
}

fn begin(r: Role) -> u8 {
    1 + 2 * r.id()
}

fn is_inside(label: u8) -> bool {
    label != O && label % 2 == 0
}

/// May `cur` follow `prev`? An inside label continues a span of its role.
fn allowed(prev: u8, cur: u8) -> bool {
    !is_inside(cur) || (prev != O && Role::of(prev) == Role::of(cur))
}

/// A run of tokens `[a, b)` with one role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    /// The role.
    pub role: Role,
    /// First token.
    pub a: usize,
    /// One past the last token.
    pub b: usize,
}

/// The labelled runs of a label sequence.
pub fn segments(labels: &[u8]) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    for (i, &l) in labels.iter().enumerate() {
        let Some(role) = Role::of(l) else { continue };
        match out.last_mut() {
            Some(s) if is_inside(l) && s.b == i && s.role == role => s.b = i + 1,
            _ => out.push(Segment { role, a: i, b: i + 1 }),
        }
    }
    out
}

/// Gold labels of `doc`'s tokens from character-offset attributions (PolNeAR): a token
/// takes the role of the span it overlaps; B starts each span of each attribution.
pub fn gold_labels(doc: &Doc, gold: &[GoldAttribution]) -> Vec<u8> {
    let idx = CharIndex::new(&doc.text);
    let chars: Vec<(usize, usize)> = doc.tokens.iter().map(|t| (idx.char_offset(t.start) as usize, idx.char_offset(t.end) as usize)).collect();
    // (attribution, role) of each token, later roles of a token not overriding earlier ones.
    let mut owner: Vec<Option<(usize, Role)>> = vec![None; chars.len()];
    for (k, g) in gold.iter().enumerate() {
        for (role, ranges) in [(Role::Source, &g.source), (Role::Cue, &g.cue), (Role::Content, &g.content)] {
            for &(a, b) in ranges {
                let first = chars.partition_point(|&(_, e)| e <= a);
                for (t, &(s, e)) in chars.iter().enumerate().skip(first) {
                    if s >= b {
                        break;
                    }
                    if e > a && owner[t].is_none() {
                        owner[t] = Some((k, role));
                    }
                }
            }
        }
    }
    let mut labels = vec![O; chars.len()];
    for t in 0..chars.len() {
        if let Some((k, role)) = owner[t] {
            let cont = t > 0 && owner[t - 1] == Some((k, role));
            labels[t] = begin(role) + u8::from(cont);
        }
    }
    labels
}

/// The trained tagger.
#[derive(Serialize, Deserialize)]
pub struct AttributionModel {
    format: u32,
    #[serde(skip)]
    model: Model,
    #[serde(skip)]
    sources: SourceChooser,
    #[serde(skip)]
    filter: KeepFilter,
}

impl std::fmt::Debug for AttributionModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "AttributionModel({} rows)", self.model.rows())
    }
}

impl ModelFile for AttributionModel {
    fn to_bytes(&self) -> Result<Vec<u8>, Error> {
        perceptron::to_bytes_many(self, &[&self.model, &self.sources.weights.model, &self.filter.weights.model])
    }

    fn from_bytes(bytes: &[u8], what: &str) -> Result<Self, Error> {
        let (mut meta, mut models): (Self, Vec<Model>) = match perceptron::from_bytes_many(bytes, what, MODELS) {
            Ok(read) => read,
            // An older file holds fewer models: read it to name its format in the error.
            Err(e) => match (1..MODELS).rev().find_map(|n| perceptron::from_bytes_many::<Self>(bytes, what, n).ok()) {
                Some(old) if old.0.format != FORMAT => old,
                _ => return Err(e),
            },
        };
        if meta.format != FORMAT || models.len() != MODELS {
            return Err(Error::Format { what: what.to_string(), found: meta.format, expected: FORMAT, retrain: "newsgraph train attribution" });
        }
        meta.filter.weights.model = models.pop().unwrap_or_default();
        meta.sources.weights.model = models.pop().unwrap_or_default();
        meta.model = models.pop().unwrap_or_default();
        Ok(meta)
    }
}

/// Static (label-independent) features of every token of a document, flattened.
pub struct DocFeatures {
    off: Vec<u32>,
    keys: Vec<u64>,
}

impl DocFeatures {
    fn of(&self, i: usize) -> &[u64] {
        &self.keys[self.off[i] as usize..self.off[i + 1] as usize]
    }
    fn len(&self) -> usize {
        self.off.len() - 1
    }
}

const NONE: u32 = u32::MAX;

/// Buckets of a token distance.
pub(super) fn bucket(d: usize) -> u32 {
    match d {
        0..=3 => d as u32,
        4..=6 => 4,
        7..=10 => 5,
        11..=20 => 6,
        _ => 7,
    }
}

/// Buckets of a cue-lexicon ratio ([`lx::cue_ratio`]).
pub(super) fn cue_bucket(r: f32) -> u32 {
    if r <= 0.0 {
        0
    } else if r < 0.05 {
        1
    } else if r < 0.2 {
        2
    } else if r < 0.5 {
        3
    } else {
        4
    }
}

fn shape(t: &str) -> u32 {
    let mut cs = t.chars();
    match cs.next() {
        Some(c) if c.is_uppercase() => {
            if t.chars().all(|c| !c.is_lowercase()) && t.chars().count() > 1 {
                1
            } else {
                2
            }
        }
        Some(c) if c.is_lowercase() => 3,
        Some(c) if c.is_numeric() => 4,
        Some(c) if "\"“”«»„‘’'`".contains(c) => 5,
        Some(_) => 6,
        None => 0,
    }
}

/// Compute the static features of every token of `doc`.
pub fn doc_features(doc: &Doc) -> DocFeatures {
    let mut out = DocFeatures { off: Vec::new(), keys: Vec::new() };
    doc_features_into(doc, &mut out);
    out
}

/// [`doc_features`] into `out`'s buffers (reused across documents by [`AttributionModel::tag`]:
/// a document's features take a few hundred kB, and fresh pages for them every time cost
/// more than filling them).
fn doc_features_into(doc: &Doc, out: &mut DocFeatures) {
    let n = doc.tokens.len();
    let lower_text = doc.text.to_lowercase();
    let same_len = lower_text.len() == doc.text.len();
    let low = |i: usize| -> &str {
        if same_len {
            doc.tokens[i].text(&lower_text)
        } else {
            doc.token_text(i)
        }
    };
    let tagged = doc.tags.len() == n;
    let parsed = tagged && doc.tags.iter().any(|t| t.head != NONE);
    let upos = |i: usize| if tagged { tagsets::UPOS.get(doc.tags[i].upos as usize).copied().unwrap_or("_") } else { "_" };
    let lemma = |i: usize| if tagged { doc.lemma(i) } else { low(i) };
    // Quote state per token: 0 outside, 1 inside a short quote (scare quotes, titles), 2
    // inside a long one, 3 a quotation mark.
    let quotes = find_quotes(&doc.text);
    let mut qstate = vec![0u32; n];
    {
        let mut qi = 0;
        for (i, t) in doc.tokens.iter().enumerate() {
            while qi < quotes.len() && quotes[qi].outer.end <= t.start {
                qi += 1;
            }
            if qi < quotes.len() && quotes[qi].outer.start <= t.start && t.end <= quotes[qi].outer.end {
                let q = &quotes[qi];
                qstate[i] = if t.end <= q.inner.start || t.start >= q.inner.end {
                    3
                } else if q.inner.text(&doc.text).split_whitespace().count() >= 4 {
                    2
                } else {
                    1
                };
            }
        }
    }
    let ratio: Vec<f32> = (0..n).map(|i| lx::cue_ratio(low(i))).collect();
    let cue_verb: Vec<bool> = (0..n).map(|i| ratio[i] >= lx::CUE_RATIO && (!tagged || matches!(upos(i), "VERB" | "AUX")) || (low(i) == "according")).collect();
    // NER: B/I + type per token.
    let mut ner = vec![0u32; n];
    for m in &doc.mentions {
        for t in m.first as usize..(m.end as usize).min(n) {
            ner[t] = 1 + u32::from(m.label) * 2 + u32::from(t > m.first as usize);
        }
    }
    // Sentence of each token and the nearest cue verb on each side within it.
    let mut sent_start = vec![0usize; n];
    let mut sent_end = vec![n; n];
    for s in &doc.sentences {
        for t in s.first as usize..(s.end as usize).min(n) {
            sent_start[t] = s.first as usize;
            sent_end[t] = s.end as usize;
        }
    }
    let mut left_cue = vec![usize::MAX; n];
    let mut right_cue = vec![usize::MAX; n];
    for i in 0..n {
        let prev = if i > sent_start[i] { left_cue[i - 1] } else { usize::MAX };
        left_cue[i] = if i > sent_start[i] && cue_verb[i - 1] { i - 1 } else { prev };
    }
    for i in (0..n).rev() {
        let next = if i + 1 < sent_end[i].min(n) { right_cue[i + 1] } else { usize::MAX };
        right_cue[i] = if i + 1 < sent_end[i].min(n) && cue_verb[i + 1] { i + 1 } else { next };
    }
    let para_start: Vec<bool> = (0..n).map(|i| i == 0 || doc.text[doc.tokens[i - 1].end as usize..doc.tokens[i].start as usize].contains('\n')).collect();

    let DocFeatures { off, keys } = out;
    off.clear();
    keys.clear();
    off.reserve(n + 1);
    keys.reserve(n * 40);
    off.push(0u32);
    let w = |i: isize| -> &str {
        if i < 0 {
            "<s>"
        } else if i as usize >= n {
            "</s>"
        } else {
            low(i as usize)
        }
    };
    let p = |i: isize| -> &str {
        if i < 0 || i as usize >= n {
            "<s>"
        } else {
            upos(i as usize)
        }
    };
    for i in 0..n {
        let ii = i as isize;
        let q = qstate[i];
        keys.push(f0(1));
        keys.push(f1(2, w(ii)));
        keys.push(f1(3, w(ii - 1)));
        keys.push(f1(4, w(ii + 1)));
        keys.push(f1(5, w(ii - 2)));
        keys.push(f1(6, w(ii + 2)));
        keys.push(f2(7, w(ii - 1), w(ii)));
        keys.push(f2(8, w(ii), w(ii + 1)));
        keys.push(f1(9, lemma(i)));
        keys.push(f1(10, p(ii)));
        keys.push(f2(11, p(ii - 1), p(ii)));
        keys.push(f2(12, p(ii), p(ii + 1)));
        keys.push(fi(13, shape(doc.token_text(i)), q));
        keys.push(fi(14, ner[i], q));
        keys.push(fi(15, ner[i.saturating_sub(1)], ner[(i + 1).min(n - 1)]));
        keys.push(fi(16, q, if i > 0 { qstate[i - 1] } else { 9 }));
        keys.push(fi(17, q, if i + 1 < n { qstate[i + 1] } else { 9 }));
        keys.push(fsi(18, p(ii), cue_bucket(ratio[i])));
        keys.push(fi(19, cue_bucket(ratio[i.saturating_sub(1)]), cue_bucket(ratio[(i + 1).min(n - 1)])));
        keys.push(fsi(20, w(ii), q));
        // Distance to the nearest cue verb on each side, with the quote state.
        let dl = if left_cue[i] == usize::MAX { 9 } else { bucket(i - left_cue[i]) };
        let dr = if right_cue[i] == usize::MAX { 9 } else { bucket(right_cue[i] - i) };
        keys.push(fi(21, dl, dr));
        keys.push(fi(22, dl * 16 + dr, q));
        if left_cue[i] != usize::MAX {
            keys.push(fsi(23, lemma(left_cue[i]), dl));
        }
        if right_cue[i] != usize::MAX {
            keys.push(fsi(24, lemma(right_cue[i]), dr));
        }
        keys.push(fi(25, u32::from(i == sent_start[i]), u32::from(para_start[i])));
        keys.push(fi(26, bucket(i - sent_start[i]), bucket(sent_end[i].saturating_sub(i + 1))));
        if parsed {
            let t = doc.tags[i];
            let rel = u32::from(t.deprel);
            keys.push(fi(27, rel, 0));
            let h = t.head as usize;
            if t.head != NONE && h < n {
                keys.push(fsi(28, lemma(h), rel));
                keys.push(fi(29, rel, u32::from(cue_verb[h])));
                keys.push(fsi(30, p(h as isize), rel));
            }
            if cue_verb[i] {
                keys.push(fi(31, rel, cue_bucket(ratio[i])));
            }
            // The first cue-verb ancestor and the relation of the branch below it: the
            // content of "said" is its ccomp subtree, the source its nsubj.
            let (mut x, mut depth) = (i, 0u32);
            while depth < 12 {
                let hx = doc.tags[x].head;
                if hx == NONE || hx as usize >= n || hx as usize == x {
                    break;
                }
                let hx = hx as usize;
                depth += 1;
                if cue_verb[hx] {
                    let branch = u32::from(doc.tags[x].deprel);
                    keys.push(fi(32, branch, depth.min(6)));
                    keys.push(fsi(33, lemma(hx), branch));
                    keys.push(fi(34, branch, u32::from(hx < i)));
                    keys.push(fi(35, branch * 8 + q, u32::from(sent_start[hx] == sent_start[i])));
                    break;
                }
                x = hx;
            }
            if depth == 12 || !cue_verb.get(x).copied().unwrap_or(false) {
                keys.push(f0(36));
            }
        }
        off.push(keys.len() as u32);
    }
}

/// Greedy decoding with the BIO constraint: `score(i, scores)` gives the class scores of
/// token `i`; `margins`, when given, gets each token's margin: its label's score over the
/// best other allowed label's.
fn greedy(n: usize, mut score: impl FnMut(usize, &mut Vec<f32>), out: &mut Vec<u8>, mut margins: Option<&mut Vec<f32>>) {
    out.clear();
    if let Some(m) = margins.as_deref_mut() {
        m.clear();
    }
    let mut p1 = O;
    let mut scores = Vec::new();
    for i in 0..n {
        scores.resize(NCLASS, 0.0);
        score(i, &mut scores);
        let mut best = O;
        for c in 1..NCLASS as u8 {
            if allowed(p1, c) && scores[c as usize] > scores[best as usize] {
                best = c;
            }
        }
        if let Some(m) = margins.as_deref_mut() {
            let second = (0..NCLASS as u8).filter(|&c| c != best && allowed(p1, c)).map(|c| scores[c as usize]).fold(f32::NEG_INFINITY, f32::max);
            m.push(scores[best as usize] - second);
        }
        out.push(best);
        p1 = best;
    }
}

thread_local! {
    /// Feature buffers reused from one document to the next: a document's features take a
    /// few hundred kB, and fresh pages for them every time cost more than filling them.
    static SCRATCH: std::cell::RefCell<DocFeatures> = const { std::cell::RefCell::new(DocFeatures { off: Vec::new(), keys: Vec::new() }) };
}

impl AttributionModel {
    /// Load a model file.
    pub fn load_file(path: &Path) -> Result<Self, Error> {
        <Self as ModelFile>::load(path)
    }

    /// Labels of every token of `doc` (ids as in [`segments`]).
    pub fn tag(&self, doc: &Doc) -> Vec<u8> {
        self.tag_scored(doc).0
    }

    /// Labels of every token of `doc`, and how sure the tagger is of each: the label's score
    /// over the best other allowed label's.
    pub fn tag_scored(&self, doc: &Doc) -> (Vec<u8>, Vec<f32>) {
        SCRATCH.with(|cell| {
            let mut feats = cell.borrow_mut();
            doc_features_into(doc, &mut feats);
            let (mut out, mut margins) = (Vec::new(), Vec::new());
            decode(&self.model, &feats, &mut out, Some(&mut margins));
            (out, margins)
        })
    }

    /// Number of weight rows (for reports): tagger, source chooser and filter.
    pub fn rows(&self) -> usize {
        self.model.rows() + self.sources.weights.model.rows() + self.filter.weights.model.rows()
    }

    /// The source chooser trained with the tagger; `None` when it was trained without a
    /// parse (it has no weights then).
    pub fn sources(&self) -> Option<&SourceChooser> {
        self.sources.weights.is_trained().then_some(&self.sources)
    }

    /// The attribution filter trained with the tagger; `None` when it was trained without a
    /// parse.
    pub fn filter(&self) -> Option<&KeepFilter> {
        self.filter.weights.is_trained().then_some(&self.filter)
    }

    /// This model with `sources` as its source chooser and `filter` as its attribution
    /// filter.
    pub fn with_stacked(self, sources: SourceChooser, filter: KeepFilter) -> Self {
        AttributionModel { sources, filter, ..self }
    }
}

/// One training or dev document: its static features and gold labels.
pub struct Example {
    /// Static features ([`doc_features`]).
    pub feats: DocFeatures,
    /// Gold labels ([`gold_labels`]).
    pub gold: Vec<u8>,
}

impl Example {
    /// Build from a processed document and its gold attributions.
    pub fn new(doc: &Doc, gold: &[GoldAttribution]) -> Self {
        Example { feats: doc_features(doc), gold: gold_labels(doc, gold) }
    }
}

/// Label `feats` with `model`. A token's scores do not depend on the labels before it, so
/// the table slots of the token two ahead are requested while this one is scored (cache
/// misses are most of the cost).
fn decode(model: &Model, feats: &DocFeatures, out: &mut Vec<u8>, margins: Option<&mut Vec<f32>>) {
    greedy(
        feats.len(),
        |i, s| {
            if i + 2 < feats.len() {
                model.prefetch(feats.of(i + 2));
            }
            model.scores(feats.of(i), s);
        },
        out,
        margins,
    );
}

/// Token-level precision, recall and F1 of roles (B/I ignored) over non-O tokens.
pub fn role_prf(pred: &[u8], gold: &[u8]) -> (usize, usize, usize) {
    let (mut hit, mut np, mut ng) = (0, 0, 0);
    for (&p, &g) in pred.iter().zip(gold) {
        np += usize::from(p != O);
        ng += usize::from(g != O);
        hit += usize::from(p != O && Role::of(p) == Role::of(g));
    }
    (hit, np, ng)
}

fn f1_of(hit: usize, np: usize, ng: usize) -> (f64, f64, f64) {
    let p = hit as f64 / np.max(1) as f64;
    let r = hit as f64 / ng.max(1) as f64;
    (p, r, if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 })
}

/// Train the tagger; the epoch kept is the one with the best token-role F1 on `dev`.
pub fn train(train: &[&Example], dev: &[&Example], cfg: &TrainConfig, mut log: impl FnMut(&str)) -> Result<AttributionModel, Error> {
    if train.is_empty() {
        return Err(Error::NoData("the attribution training set is empty".into()));
    }
    let mut trainer = Trainer::new(NCLASS);
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut rng = Rng::new(cfg.seed);
    let mut best = BestEpoch::new(cfg.patience);
    let mut scores = Vec::new();
    let mut pred = Vec::new();
    for epoch in 1..=cfg.epochs {
        rng.shuffle(&mut order);
        let (mut correct, mut total) = (0usize, 0usize);
        for &d in &order {
            let ex = &train[d];
            let mut p1 = O;
            for i in 0..ex.feats.len() {
                let feats = ex.feats.of(i);
                scores.resize(NCLASS, 0.0);
                trainer.scores(feats, &mut scores);
                let mut guess = O;
                for c in 1..NCLASS as u8 {
                    if allowed(p1, c) && scores[c as usize] > scores[guess as usize] {
                        guess = c;
                    }
                }
                let truth = ex.gold[i];
                trainer.update(truth as usize, guess as usize, feats);
                trainer.tick();
                correct += usize::from(guess == truth);
                total += 1;
                p1 = guess;
            }
        }
        let model = AttributionModel { format: FORMAT, model: trainer.average(cfg.min_weight), sources: SourceChooser::default(), filter: KeepFilter::default() };
        let (mut hit, mut np, mut ng) = (0, 0, 0);
        for ex in dev {
            decode(&model.model, &ex.feats, &mut pred, None);
            let (h, p, g) = role_prf(&pred, &ex.gold);
            hit += h;
            np += p;
            ng += g;
        }
        let (p, r, f) = f1_of(hit, np, ng);
        let score = if dev.is_empty() { epoch as f64 } else { f };
        log(&format!("epoch {epoch}: train acc {:.4}, dev token roles P {p:.4} R {r:.4} F1 {f:.4}, rows {}", correct as f64 / total.max(1) as f64, model.model.rows()));
        if best.record(score, model) {
            break;
        }
    }
    best.into_best()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_of_another_format_says_whether_to_rebuild_or_retrain() {
        let with_format = |format| {
            let m = AttributionModel { format, model: Trainer::new(NCLASS).average(0.0), sources: SourceChooser::default(), filter: KeepFilter::default() };
            let bytes = m.to_bytes().expect("encodes");
            AttributionModel::from_bytes(&bytes, "test.bin").expect_err("another format").to_string()
        };
        let newer = with_format(FORMAT + 1);
        assert!(newer.contains("newer than this build") && newer.contains("cargo build --release"), "{newer}");
        let older = with_format(FORMAT - 1);
        assert!(older.contains("older than this build") && older.contains("newsgraph train attribution"), "{older}");
    }

    #[test]
    fn segments_follow_bio() {
        // O B-SRC I-SRC B-CUE B-CON I-CON B-CON
        let s = segments(&[0, 1, 2, 3, 5, 6, 5]);
        assert_eq!(
            s,
            vec![
                Segment { role: Role::Source, a: 1, b: 3 },
                Segment { role: Role::Cue, a: 3, b: 4 },
                Segment { role: Role::Content, a: 4, b: 6 },
                Segment { role: Role::Content, a: 6, b: 7 },
            ]
        );
        assert!(!allowed(O, 2));
        assert!(allowed(1, 2));
        assert!(!allowed(3, 6));
    }
}
