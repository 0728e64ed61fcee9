//! The learned source chooser: given an attribution found by the rules and the tagger (its
//! cue, its content and the source they chose), which noun phrase of the cue's sentence is
//! the source, if any. Every nominal word of the sentence outside the cue, the content and
//! quotations is a candidate (with the phrase it heads), and so are "no source" and "keep
//! the source found" when that one lies elsewhere (another sentence, a quotation's
//! speaker); an averaged perceptron ranks them by the dependency path to the cue word, the
//! cue's lemma, the word itself, its entity type, side and distance, and whether it is the
//! source already found. Trained by stacking (`newsgraph train attribution`): the tagger's
//! labels on each PolNeAR train article come from a tagger trained without that article, the
//! rules run on them, and each attribution that meets a gold one learns the gold source.
//!
//! Why ranked rather than read off the parse: the subject rule (`syntax.rs`) is right
//! for "X said", but news cues take their source in many other places ("told X" is no
//! source, "WASHINGTON —" is a dateline, "a statement from X", "X's announcement", "was
//! criticized by X"), and which one depends on the cue word. This module scores
//! candidates, and [`examples`] builds the stacked training examples of both the chooser and
//! the filter ([`super::keep_model`]); it does not build or link attributions.

use newsgraph_core::{tagsets, CharIndex, Doc, Span};
use newsgraph_nlp::hash::{f0, f1, f2, fi, fsi};
use newsgraph_nlp::perceptron::{Model, TrainConfig, Trainer};
use newsgraph_nlp::Error;

use super::keep_model::KeepExample;
use super::margin_model::{margin_of, train_epochs, MarginModel};
pub(super) use super::model::bucket;
use super::polnear::{GoldAttribution, Ranges};
use super::rules::Finder;
use super::lexicon as lx;
use super::syntax::Syntax;

/// Longest dependency path (edges up plus edges down) spelled out in a feature.
const MAX_PATH: usize = 5;

/// One candidate source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Candidate {
    /// No source.
    Null,
    /// The source already found, which no phrase candidate covers.
    Keep,
    /// The phrase `[a, b)` headed by `head`.
    Phrase { head: usize, a: usize, b: usize },
}

/// What the chooser knows of one attribution: its cue and content token ranges, its kind and
/// the source found so far.
#[derive(Debug, Clone, Copy)]
pub(super) struct Found<'a> {
    pub cue: Option<(usize, usize)>,
    pub content: &'a [(usize, usize)],
    pub kind: &'a str,
    pub current: Option<(usize, usize)>,
}

/// A small id for an attribution kind (for features).
pub(super) fn kind_id(kind: &str) -> u32 {
    match kind {
        "direct" => 0,
        "mixed" => 1,
        "indirect" => 2,
        "according_to" => 3,
        "report" => 4,
        "evidence" => 5,
        _ => 6,
    }
}

/// One ranking problem: the features of each candidate, the gold candidate's index (the
/// best of the right ones) and which candidates are right (the scorer's reading: a source
/// is right when it overlaps the gold one).
pub struct RankExample {
    feats: Vec<Vec<u64>>,
    gold: usize,
    right: Vec<bool>,
    /// The candidate holding the source found before the chooser, for the baseline in the log.
    current: usize,
}

/// The trained chooser.
#[derive(Default, Debug)]
pub struct SourceChooser {
    /// Its weights.
    pub weights: MarginModel,
}

fn rel_name(id: u8) -> &'static str {
    tagsets::DEPRELS.get(id as usize).copied().unwrap_or("_")
}

/// Relations of words that are part of a larger noun phrase, never its head.
fn inner_rel(rel: &str) -> bool {
    matches!(rel, "compound" | "flat" | "flat:name" | "fixed" | "goeswith" | "det" | "case" | "punct")
}

/// The document-level facts the features read, computed once per document.
pub(super) struct Context<'d> {
    doc: &'d Doc,
    syn: &'d Syntax,
    /// Entity label + 1 of each token inside an NER mention, else 0.
    ner: Vec<u32>,
    /// Is the token inside quotation marks (marks included)?
    quoted: Vec<bool>,
    /// Lowercased lemmas of all tokens, concatenated; `lemma_at` delimits each.
    lemmas: String,
    lemma_at: Vec<(u32, u32)>,
    /// The attribution tagger's labels and margins, when it ran.
    tagged: Option<(&'d [u8], &'d [f32])>,
}

impl<'d> Context<'d> {
    /// `quoted` marks the tokens inside quotation marks; `tagged` holds the attribution
    /// tagger's labels and margins.
    pub(super) fn new(doc: &'d Doc, syn: &'d Syntax, quoted: Vec<bool>, tagged: Option<(&'d [u8], &'d [f32])>) -> Self {
        let n = doc.tokens.len();
        let mut ner = vec![0u32; n];
        for m in &doc.mentions {
            for t in m.first as usize..(m.end as usize).min(n) {
                ner[t] = 1 + u32::from(m.label);
            }
        }
        let has_tags = doc.tags.len() == n;
        let mut lemmas = String::with_capacity(doc.text.len());
        let mut lemma_at = Vec::with_capacity(n);
        for i in 0..n {
            let start = lemmas.len() as u32;
            let w = if has_tags { doc.lemma(i) } else { doc.token_text(i) };
            lemmas.extend(w.chars().flat_map(char::to_lowercase));
            lemma_at.push((start, lemmas.len() as u32));
        }
        Context { doc, syn, ner, quoted, lemmas, lemma_at, tagged }
    }

    /// The lowercased lemma of token `i`.
    pub(super) fn lemma(&self, i: usize) -> &str {
        let (a, b) = self.lemma_at[i];
        &self.lemmas[a as usize..b as usize]
    }

    pub(super) fn doc(&self) -> &Doc {
        self.doc
    }

    pub(super) fn syn(&self) -> &Syntax {
        self.syn
    }

    /// Entity label + 1 of token `i` when it is inside an NER mention, else 0.
    pub(super) fn ner(&self, i: usize) -> u32 {
        self.ner[i]
    }

    /// The attribution tagger's label and margin of token `i`.
    pub(super) fn tagged(&self, i: usize) -> Option<(u8, f32)> {
        self.tagged.and_then(|(l, m)| Some((*l.get(i)?, *m.get(i)?)))
    }

    pub(super) fn quoted(&self, i: usize) -> bool {
        self.quoted[i]
    }

    pub(super) fn upos(&self, i: usize) -> &'static str {
        self.doc.tags.get(i).and_then(|t| tagsets::UPOS.get(t.upos as usize).copied()).unwrap_or("_")
    }

    pub(super) fn rel(&self, i: usize) -> &'static str {
        self.doc.tags.get(i).map_or("_", |t| rel_name(t.deprel))
    }

    /// `v` and its ancestors, nearest first, as far as a path feature reaches.
    pub(super) fn ancestors(&self, v: usize) -> Vec<usize> {
        let mut up = vec![v];
        while up.len() <= MAX_PATH {
            match up.last().and_then(|&x| self.syn.head(x)) {
                Some(y) if !up.contains(&y) => up.push(y),
                _ => break,
            }
        }
        up
    }

    /// The dependency path from `h` up to the lowest common ancestor with the cue word and
    /// down to it (`up_v`: [`Self::ancestors`] of the cue word), as a code of the relations
    /// and directions (0 past [`MAX_PATH`] edges). A code, not a string: it is made for
    /// every candidate of every attribution.
    pub(super) fn path(&self, h: usize, up_v: &[usize]) -> u32 {
        let step = |code: u32, rel: u8, down: bool| (code ^ (u32::from(rel) + 1 + 256 * u32::from(down))).wrapping_mul(16_777_619);
        let rel = |i: usize| self.doc.tags.get(i).map_or(u8::MAX, |t| t.deprel);
        let mut code = 2_166_136_261u32;
        let mut x = h;
        for steps in 0..=MAX_PATH {
            if let Some(k) = up_v.iter().position(|&y| y == x) {
                if steps + k > MAX_PATH {
                    return 0;
                }
                return (0..k).rev().fold(code, |c, j| step(c, rel(up_v[j]), true));
            }
            code = step(code, rel(x), false);
            match self.syn.head(x) {
                Some(y) => x = y,
                None => return 0,
            }
        }
        0
    }

    /// The candidates of frame `fr`: "no source", every nominal word of its sentence outside
    /// the cue, the content (a source never overlaps them) and quotations, with the phrase it
    /// heads, and [`Candidate::Keep`] when no phrase covers the `current` source.
    fn candidates(&self, fr: &Frame, current: Option<(usize, usize)>) -> Vec<Candidate> {
        let (lo, hi) = (fr.lo, fr.hi);
        let blocked = |k: usize| fr.blocked[k - lo];
        let mut out = vec![Candidate::Null];
        for h in lo..hi {
            if blocked(h) || self.quoted[h] || !matches!(self.upos(h), "NOUN" | "PROPN" | "PRON" | "NUM") || inner_rel(self.rel(h)) || lx::is_time_noun(self.lemma(h)) {
                continue;
            }
            let (pa, pb) = self.syn.phrase(h);
            let (mut a, mut b) = (h, h + 1);
            while a > pa.max(lo) && !blocked(a - 1) && !self.quoted[a - 1] {
                a -= 1;
            }
            while b < pb.min(hi) && !blocked(b) && !self.quoted[b] {
                b += 1;
            }
            out.push(Candidate::Phrase { head: h, a, b });
        }
        if let Some((x, y)) = current {
            if !out.iter().any(|c| matches!(c, Candidate::Phrase { head, .. } if (x..y).contains(head))) {
                out.push(Candidate::Keep);
            }
        }
        out
    }

    /// The features of every candidate of one attribution whose cue word is `v`.
    fn features(&self, fr: &Frame, found: &Found<'_>, cands: &[Candidate]) -> Vec<Vec<u64>> {
        let (v, content) = (fr.v, fr.content);
        let cue = self.lemma(v);
        let rel_v = self.rel(v);
        // Attributions with no cue of their own are told apart by kind.
        let kind = kind_id(found.kind) + if found.cue.is_none() { 8 } else { 0 };
        // Content before the cue (parenthetical "…, X said"), after it, or around it.
        let side = if content.1 <= v {
            0
        } else if content.0 > v {
            1
        } else {
            2
        };
        let subject = self.syn.subject_of(v, cue == "according");
        let nominal_heads: Vec<usize> = cands.iter().filter_map(|c| if let Candidate::Phrase { head, .. } = c { Some(*head) } else { None }).collect();
        let ncands = bucket(nominal_heads.len());
        let has_current = u32::from(found.current.is_some());
        let up_v = self.ancestors(v);
        cands
            .iter()
            .map(|c| match *c {
                Candidate::Null => vec![f0(50), f1(51, cue), f1(52, rel_v), fi(53, side, u32::from(subject.is_some())), fi(54, ncands, side), fsi(55, cue, side), fi(56, has_current, kind)],
                Candidate::Keep => {
                    let (x, y) = found.current.unwrap_or((v, v + 1));
                    let same = u32::from(self.doc.sentence_of(x) == self.doc.sentence_of(v));
                    let quoted = u32::from((x..y).any(|k| self.quoted[k]));
                    vec![f0(60), fi(61, kind, same), fi(62, quoted, side), f1(63, cue), fi(64, kind, side), f1(65, self.upos(y.saturating_sub(1)))]
                }
                Candidate::Phrase { head: h, a, b } => {
                    let rel_h = self.rel(h);
                    let path = self.path(h, &up_v);
                    let left = u32::from(h < v);
                    let dist = bucket(h.abs_diff(v));
                    let (x, y) = if h < v { (h, v) } else { (v, h) };
                    let between = nominal_heads.iter().filter(|&&k| x < k && k < y).count();
                    let comma = (x + 1..y).any(|k| self.doc.token_text(k) == ",");
                    let word = self.lemma(h);
                    let text = self.doc.token_text(h);
                    let shape = if text.chars().all(|c| !c.is_lowercase()) && text.chars().count() > 1 {
                        1
                    } else if text.starts_with(char::is_uppercase) {
                        2
                    } else {
                        3
                    };
                    let first = self.doc.sentence_of(h).is_some_and(|s| self.doc.sentences[s].first as usize == a);
                    let is_subject = u32::from(subject == Some(h));
                    let is_current = u32::from(found.current.is_some_and(|(x, y)| (x..y).contains(&h)));
                    vec![
                        f0(1),
                        f1(2, rel_h),
                        f2(3, rel_h, cue),
                        fi(4, path, 0),
                        fsi(5, cue, path),
                        fi(6, left, dist),
                        fi(7, path, left * 8 + dist),
                        f1(8, self.upos(h)),
                        fi(9, self.ner[h], u32::from(self.upos(h) == "PRON")),
                        f1(10, word),
                        f2(11, word, rel_h),
                        fi(12, shape, u32::from(first)),
                        fi(13, bucket(between), left),
                        fi(14, side, left),
                        fi(15, is_subject, side),
                        fsi(16, cue, is_subject),
                        f2(17, rel_v, rel_h),
                        fi(18, bucket(b - a), u32::from(comma)),
                        fi(19, u32::from(comma), left * 4 + side),
                        fi(20, path, self.ner[h]),
                        fi(21, is_current, kind),
                        fi(22, path, is_current),
                        fi(23, is_current * 4 + side, has_current),
                        fi(24, is_current, is_subject),
                        f2(25, word, cue),
                        fi(26, path, kind),
                        f2(27, self.syn.head(h).map_or("<root>", |g| self.lemma(g)), rel_h),
                    ]
                }
            })
            .collect()
    }
}

/// Where one attribution's source is looked for.
pub(super) struct Frame {
    /// The cue word (the governing word of the content when there is no cue).
    pub v: usize,
    /// The sentence of `v`.
    lo: usize,
    hi: usize,
    /// The cue's and the content's tokens among the sentence's (index − `lo`).
    blocked: Vec<bool>,
    /// The content's first and last-but-one token.
    content: (usize, usize),
}

/// The frame of one attribution: its cue word (for an attribution with no cue, the word its
/// content hangs on, when that is a verb outside it in the same sentence) and sentence;
/// `None` when the cue is only punctuation or there is no such word.
pub(super) fn frame(ctx: &Context<'_>, found: &Found<'_>) -> Option<Frame> {
    let doc = ctx.doc;
    let (mut lo, mut hi) = (usize::MAX, 0);
    for &(a, b) in found.content {
        lo = lo.min(a);
        hi = hi.max(b);
    }
    let content = (lo.min(hi), hi);
    let v = match found.cue {
        Some((ca, cb)) => {
            if !(ca..cb).any(|k| ctx.upos(k) != "PUNCT") {
                return None;
            }
            let according = (ca..cb).find(|&k| ctx.lemma(k) == "according");
            according.unwrap_or_else(|| ctx.syn.root_of(ca, cb))
        }
        None => {
            let h = ctx.syn.head(ctx.syn.root_of(content.0, content.1))?;
            let inside = found.content.iter().any(|&(a, b)| (a..b).contains(&h));
            if inside || ctx.quoted[h] || ctx.upos(h) != "VERB" || doc.sentence_of(h) != doc.sentence_of(content.0) {
                return None;
            }
            h
        }
    };
    let s = doc.sentence_of(v)?;
    let (lo, hi) = (doc.sentences[s].first as usize, (doc.sentences[s].end as usize).min(doc.tokens.len()));
    let mut blocked = vec![false; hi - lo];
    let (ca, cb) = found.cue.unwrap_or((v, v + 1));
    for &(a, b) in found.content.iter().chain([(ca, cb)].iter()) {
        for k in a.max(lo)..b.min(hi) {
            blocked[k - lo] = true;
        }
    }
    Some(Frame { v, lo, hi, blocked, content })
}

impl SourceChooser {
    /// The best candidate for one attribution in its frame `fr` ([`frame`]).
    pub(super) fn choose(&self, ctx: &Context<'_>, found: &Found<'_>, fr: &Frame) -> Candidate {
        let cands = ctx.candidates(fr, found.current);
        let ex = RankExample { feats: ctx.features(fr, found, &cands), gold: 0, right: Vec::new(), current: 0 };
        let k = top(|f, s| self.weights.model.scores(f, s), &ex, &mut Vec::new());
        cands.get(k).copied().unwrap_or(Candidate::Keep)
    }
}

/// Token ranges of character ranges (a token belongs when it overlaps).
fn token_ranges(doc: &Doc, idx: &CharIndex, ranges: &Ranges) -> Vec<(usize, usize)> {
    let chars = |t: usize| (idx.char_offset(doc.tokens[t].start) as usize, idx.char_offset(doc.tokens[t].end) as usize);
    ranges
        .iter()
        .filter_map(|&(a, b)| {
            let first = doc.tokens.partition_point(|t| (idx.char_offset(t.end) as usize) <= a);
            let mut end = first;
            while end < doc.tokens.len() && chars(end).0 < b {
                end += 1;
            }
            (end > first).then_some((first, end))
        })
        .collect()
}

/// The stacked training examples of one document.
#[derive(Default)]
pub struct Stacked {
    /// The source chooser's ranking problems.
    pub sources: Vec<RankExample>,
    /// The attribution filter's examples ([`super::keep_model`]).
    pub keep: Vec<KeepExample>,
}

/// The stacked training examples of one processed document: the rules run with the
/// tagger's labels (and its margins). Every attribution they find is a filter example
/// (direct quotes too: the filter leaves them alone, but they teach it what a kept one looks
/// like; without them dev source F1 0.738 against 0.739), kept when it overlaps some gold
/// attribution's content. Every one that does and has a frame is a ranking problem for the
/// source chooser, with the source of the gold attribution it overlaps most: no source, or the candidates that overlap it (the
/// best one, whose head lies in it, with the widest overlap). Gold sources no candidate
/// reaches are skipped.
pub fn examples(doc: &Doc, (labels, margins): (&[u8], &[f32]), gold: &[GoldAttribution]) -> Stacked {
    let mut finder = Finder::new(doc);
    let Some(syn) = finder.find(Some(labels)) else { return Stacked::default() };
    let ctx = Context::new(doc, &syn, finder.quoted_tokens(), Some((labels, margins)));
    let idx = CharIndex::new(&doc.text);
    let tokens = |s: Span| {
        let a = doc.tokens.partition_point(|t| t.end <= s.start);
        (a, doc.tokens.partition_point(|t| t.start < s.end).max(a + 1).min(doc.tokens.len()))
    };
    let gold: Vec<(Vec<(usize, usize)>, Vec<(usize, usize)>)> = gold.iter().map(|g| (token_ranges(doc, &idx, &g.content), token_ranges(doc, &idx, &g.source))).collect();
    let contents: Vec<(usize, usize)> = finder.found().iter().map(|a| tokens(a.content)).collect();
    let shared = |g: &[(usize, usize)], (x, y): (usize, usize)| g.iter().map(|&(ga, gb)| gb.min(y).saturating_sub(ga.max(x))).sum::<usize>();
    let mut out = Stacked::default();
    for (i, a) in finder.found().iter().enumerate() {
        let content = [contents[i]];
        let found = Found { cue: a.cue_span.map(tokens), content: &content, kind: &a.kind, current: a.source_span.map(tokens) };
        let best = gold.iter().max_by_key(|(gc, _)| shared(gc, contents[i])).filter(|(gc, _)| shared(gc, contents[i]) > 0);
        let fr = frame(&ctx, &found);
        out.keep.push(KeepExample::new(&ctx, &found, fr.as_ref(), best.is_some()));
        let (Some((_, source)), Some(fr)) = (best, fr) else { continue };
        let cands = ctx.candidates(&fr, found.current);
        let in_source = |k: usize| source.iter().any(|&(a, b)| (a..b).contains(&k));
        let overlap = |c: &Candidate| match *c {
            Candidate::Null => 0,
            Candidate::Keep => found.current.map_or(0, |(a, b)| (a..b).filter(|&t| in_source(t)).count()),
            Candidate::Phrase { head, a, b } => usize::from(in_source(head)) * (a..b).filter(|&t| in_source(t)).count(),
        };
        let gold_k = if source.is_empty() {
            Some(0)
        } else {
            cands.iter().enumerate().filter(|(_, c)| overlap(c) > 0).max_by_key(|(k, c)| (overlap(c), std::cmp::Reverse(*k))).map(|(k, _)| k)
        };
        let Some(gold_k) = gold_k else { continue };
        let current = cands.iter().position(|c| match (*c, found.current) {
            (Candidate::Phrase { head, .. }, Some((a, b))) => (a..b).contains(&head),
            (Candidate::Keep, _) => true,
            (Candidate::Null, None) => true,
            _ => false,
        });
        let right = cands.iter().enumerate().map(|(k, c)| k == gold_k || overlap(c) > 0).collect();
        out.sources.push(RankExample { feats: ctx.features(&fr, &found, &cands), gold: gold_k, right, current: current.unwrap_or(usize::MAX) });
    }
    out
}

/// The index of the best-scored candidate of `ex` (`score` gives the two class scores of
/// a candidate: the trainer's while training, the model's after).
fn top(score: impl Fn(&[u64], &mut Vec<f32>), ex: &RankExample, scratch: &mut Vec<f32>) -> usize {
    let mut best = (f32::NEG_INFINITY, 0);
    for (k, f) in ex.feats.iter().enumerate() {
        score(f, scratch);
        let m = margin_of(scratch);
        if m > best.0 {
            best = (m, k);
        }
    }
    best.1
}

/// Accuracy of `model` on `dev`.
fn accuracy(model: &Model, dev: &[RankExample]) -> f64 {
    let mut scratch = Vec::new();
    let hits = dev.iter().filter(|ex| ex.right[top(|f, s| model.scores(f, s), ex, &mut scratch)]).count();
    hits as f64 / dev.len().max(1) as f64
}

/// Train the chooser as a ranking perceptron on the margin between its two classes; the
/// epoch kept is the one most often right on `dev`.
pub fn train(train: &[RankExample], dev: &[RankExample], cfg: &TrainConfig, mut log: impl FnMut(&str)) -> Result<SourceChooser, Error> {
    if train.is_empty() {
        return Err(Error::NoData("no source ranking examples (no parse?)".into()));
    }
    let mut scratch = vec![0.0f32; 2];
    let step = |trainer: &mut Trainer, i: usize| {
        let ex = &train[i];
        let guess = top(|f, s: &mut Vec<f32>| {
            s.resize(2, 0.0);
            trainer.scores(f, s)
        }, ex, &mut scratch);
        if !ex.right[guess] {
            trainer.update(1, 0, &ex.feats[ex.gold]);
            trainer.update(0, 1, &ex.feats[guess]);
        }
        ex.right[guess]
    };
    let baseline = dev.iter().filter(|ex| ex.right.get(ex.current).copied().unwrap_or(false)).count() as f64 / dev.len().max(1) as f64;
    train_epochs(train.len(), cfg, step, |epoch, train_acc, model| {
        let acc = accuracy(&model.model, dev);
        log(&format!("sources epoch {epoch}: train acc {train_acc:.4}, dev acc {acc:.4} (without the chooser: {baseline:.4}; {} attributions), rows {}", dev.len(), model.model.rows()));
        (if dev.is_empty() { epoch as f64 } else { acc }, SourceChooser { weights: model })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::super::rules::senator_said as said;

    fn gold(source: bool) -> Vec<GoldAttribution> {
        vec![GoldAttribution { source: if source { vec![(0, 21)] } else { Vec::new() }, cue: vec![(22, 26)], content: vec![(27, 37)] }]
    }

    #[test]
    fn candidates_are_the_sentence_nominals_outside_cue_and_content() {
        let d = said();
        let syn = Syntax::new(&d).expect("parsed");
        let ctx = Context::new(&d, &syn, vec![false; d.tokens.len()], None);
        let content = [(5, 7)];
        let found = Found { cue: Some((4, 5)), content: &content, kind: "indirect", current: None };
        let fr = frame(&ctx, &found).expect("a frame");
        assert_eq!(fr.v, 4);
        let senator = Candidate::Phrase { head: 1, a: 0, b: 4 };
        let ohio = Candidate::Phrase { head: 3, a: 3, b: 4 };
        assert_eq!(ctx.candidates(&fr, None), vec![Candidate::Null, senator, ohio]);
        // Paths: "nsubj up" for the senator, "nmod up, nsubj up" for Ohio, "ccomp down" from
        // the root to the content verb.
        let up = ctx.ancestors(4);
        assert_eq!(up, vec![4]);
        let (nsubj, nmod, ccomp) = (d.tags[1].deprel, d.tags[3].deprel, d.tags[6].deprel);
        let step = |c: u32, rel: u8, down: bool| (c ^ (u32::from(rel) + 1 + 256 * u32::from(down))).wrapping_mul(16_777_619);
        let start = 2_166_136_261u32;
        assert_eq!(ctx.path(1, &up), step(start, nsubj, false));
        assert_eq!(ctx.path(3, &up), step(step(start, nmod, false), nsubj, false));
        assert_eq!(ctx.path(4, &ctx.ancestors(6)), step(start, ccomp, true));
        assert_ne!(ctx.path(1, &up), ctx.path(3, &up));
        // A source found elsewhere (here: "The") that no phrase covers is offered as kept.
        assert_eq!(ctx.candidates(&fr, Some((0, 1))).last(), Some(&Candidate::Keep));
        // With no cue, the verb the content hangs on frames it.
        let cueless = Found { cue: None, ..found };
        assert_eq!(frame(&ctx, &cueless).map(|f| f.v), Some(4));
    }

    #[test]
    fn learns_the_gold_source_or_none() {
        let d = said();
        let (labels, margins) = (vec![0u8; d.tokens.len()], vec![1.0f32; d.tokens.len()]);
        let with = examples(&d, (&labels, &margins), &gold(true));
        assert_eq!(with.keep.len(), 1, "the rules find the one attribution");
        assert!(with.keep[0].keeps(), "and it is the gold one");
        let (with, without) = (with.sources, examples(&d, (&labels, &margins), &gold(false)).sources);
        assert_eq!(with.len(), 1);
        assert_eq!(without[0].gold, 0, "no gold source: the Null candidate");
        let syn = Syntax::new(&d).expect("parsed");
        let ctx = Context::new(&d, &syn, vec![false; d.tokens.len()], None);
        let content = [(5, 7)];
        let found = Found { cue: Some((4, 5)), content: &content, kind: "indirect", current: Some((3, 4)) };
        let cfg = TrainConfig { epochs: 3, seed: 1, patience: 3, min_weight: 0.0 };
        let chooser = train(&with, &with, &cfg, |_| {}).expect("trains");
        let fr = frame(&ctx, &found).expect("a frame");
        assert_eq!(chooser.choose(&ctx, &found, &fr), Candidate::Phrase { head: 1, a: 0, b: 4 });
        let chooser = train(&without, &without, &cfg, |_| {}).expect("trains");
        assert_eq!(chooser.choose(&ctx, &found, &fr), Candidate::Null);
    }

    #[test]
    fn the_filter_learns_to_keep_or_drop() {
        let d = said();
        let (labels, margins) = (vec![0u8; d.tokens.len()], vec![1.0f32; d.tokens.len()]);
        let kept = examples(&d, (&labels, &margins), &gold(true)).keep;
        // A gold attribution elsewhere: the one found overlaps no gold content.
        let elsewhere = vec![GoldAttribution { source: Vec::new(), cue: Vec::new(), content: vec![(0, 3)] }];
        let dropped = examples(&d, (&labels, &margins), &elsewhere).keep;
        assert!(kept[0].keeps() && !dropped[0].keeps());
        let syn = Syntax::new(&d).expect("parsed");
        let ctx = Context::new(&d, &syn, vec![false; d.tokens.len()], Some((&labels, &margins)));
        let content = [(5, 7)];
        let found = Found { cue: Some((4, 5)), content: &content, kind: "indirect", current: Some((0, 4)) };
        let cfg = TrainConfig { epochs: 3, seed: 1, patience: 3, min_weight: 0.0 };
        let mut scratch = (Vec::new(), Vec::new());
        let filter = crate::attribution::keep_model::train(&kept, &kept, &cfg, |_| {}).expect("trains");
        let fr = frame(&ctx, &found);
        assert!(filter.keeps(&ctx, &found, fr.as_ref(), &mut scratch));
        let filter = crate::attribution::keep_model::train(&dropped, &dropped, &cfg, |_| {}).expect("trains");
        assert!(!filter.keeps(&ctx, &found, fr.as_ref(), &mut scratch));
    }
}
