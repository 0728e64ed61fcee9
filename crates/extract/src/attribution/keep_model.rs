//! The learned attribution filter: whether an attribution the rules and the tagger found is
//! one a reader would call an attribution, or a false alarm ("A yellow bulldozer pushed the
//! mound", "He went hiking in South America"). A binary averaged perceptron over the cue
//! word (its lemma, the learned cue lexicon's ratio, its part of speech and relation), the
//! kind, the content (length, quotation, first word, how it hangs on the cue), the source
//! (entity type, lemma, path to the cue) and how sure the tagger was of them (its labels
//! and margins, [`super::model::AttributionModel::tag_scored`]). Trained by stacking with the source
//! chooser ([`super::source_model::examples`]): an attribution found on fold-tagged PolNeAR
//! train is kept when it overlaps some gold attribution's content.
//! It only scores; the rules (`rules/sources.rs`) drop what it rejects.

use newsgraph_nlp::hash::{f0, f1, f2, fi, fsi};
use newsgraph_nlp::perceptron::{TrainConfig, Trainer};
use newsgraph_nlp::Error;

use super::lexicon as lx;
use super::model::{cue_bucket, Role};
use super::margin_model::{train_epochs, MarginModel};
use super::source_model::{bucket, kind_id, Context, Found, Frame};

/// One training example: an attribution's features and whether it is kept.
pub struct KeepExample {
    feats: Vec<u64>,
    keep: bool,
}

impl KeepExample {
    /// The example of the attribution `found`, with its frame `fr` ([`frame`]).
    pub(super) fn new(ctx: &Context<'_>, found: &Found<'_>, fr: Option<&Frame>, keep: bool) -> Self {
        let mut feats = Vec::new();
        features(ctx, found, fr, &mut feats);
        KeepExample { feats, keep }
    }

    /// Is this example's attribution one to keep?
    pub fn keeps(&self) -> bool {
        self.keep
    }
}

/// The trained filter.
#[derive(Default, Debug)]
pub struct KeepFilter {
    /// Its weights.
    pub weights: MarginModel,
}

/// Buckets of a tagger margin (negative: the tagger preferred another label).
fn margin_bucket(m: f32) -> u32 {
    const EDGES: [f32; 9] = [-40.0, -20.0, -10.0, -5.0, 0.0, 5.0, 10.0, 20.0, 40.0];
    EDGES.iter().take_while(|&&e| m >= e).count() as u32
}

/// The features of one attribution (its frame `fr`, when it has one) into `out`.
fn features(ctx: &Context<'_>, found: &Found<'_>, fr: Option<&Frame>, out: &mut Vec<u64>) {
    out.clear();
    let (x, y) = found.content.iter().fold((usize::MAX, 0), |(a, b), &(s, e)| (a.min(s), b.max(e)));
    let (x, y) = (x.min(y), y);
    let v = fr.map(|f| f.v);
    let cue = v.map_or("<none>", |v| ctx.lemma(v));
    let kind = kind_id(found.kind);
    let has_cue = u32::from(found.cue.is_some());
    let has_src = u32::from(found.current.is_some());
    let len = bucket(y - x);
    let quoted = (x..y).filter(|&k| ctx.quoted(k)).count();
    let quoted = if quoted == 0 {
        0
    } else if quoted < y - x {
        1
    } else {
        2
    };
    out.extend([
        f0(1),
        f1(2, cue),
        fi(3, kind, has_src),
        fi(4, quoted, has_cue),
        fi(5, len, has_cue),
        fsi(6, cue, has_src),
        fsi(7, cue, quoted),
        f1(8, if x < y { ctx.lemma(x) } else { "" }),
        fi(9, kind, len),
    ]);
    if let Some(v) = v {
        let lower = ctx.doc().token_text(v).to_lowercase();
        let r = ctx.syn().root_of(x, y);
        let hangs = u32::from(ctx.syn().head(r) == Some(v));
        let side = u32::from(x > v);
        out.extend([f1(10, ctx.upos(v)), f1(11, ctx.rel(v)), fi(12, cue_bucket(lx::cue_ratio(&lower)), kind), f2(13, ctx.rel(r), ctx.upos(v)), fsi(14, ctx.rel(r), hangs), fi(15, side, kind), fsi(16, cue, hangs)]);
    }
    // How the tagger saw it: the share of the content it labelled content, whether it
    // labelled the cue, and how sure it was (mean margin over the content, best over the cue).
    if ctx.tagged(x).is_some() {
        let (mut agree, mut sum) = (0usize, 0.0f32);
        for k in x..y {
            if let Some((l, m)) = ctx.tagged(k) {
                let content = Role::of(l) == Some(Role::Content);
                agree += usize::from(content);
                sum += if content { m } else { -m };
            }
        }
        let n = (y - x).max(1);
        let agree = if agree == 0 { 0 } else if agree * 2 < n { 1 } else if agree < n { 2 } else { 3 };
        let mean = margin_bucket(sum / n as f32);
        let (ca, cb) = found.cue.unwrap_or((0, 0));
        let cue_margin = (ca..cb).filter_map(|k| ctx.tagged(k)).map(|(l, m)| if Role::of(l) == Some(Role::Cue) { m } else { -m }).fold(f32::NEG_INFINITY, f32::max);
        let cue_sure = if found.cue.is_none() { 99 } else { margin_bucket(cue_margin) };
        out.extend([fi(21, agree, has_cue), fi(22, mean, agree), fi(23, cue_sure, agree), fi(24, mean, kind), fsi(25, cue, cue_sure)]);
    }
    if let Some((a, b)) = found.current {
        let h = ctx.syn().root_of(a, b);
        out.extend([fi(17, ctx.ner(h), u32::from(ctx.upos(h) == "PRON")), f1(18, ctx.lemma(h)), f2(19, ctx.upos(h), cue)]);
        if let Some(v) = v {
            out.push(fi(20, ctx.path(h, &ctx.ancestors(v)), has_cue));
        }
    }
}

impl KeepFilter {
    /// Is the attribution described by `found`, with its frame `fr`, kept?
    pub(super) fn keeps(&self, ctx: &Context<'_>, found: &Found<'_>, fr: Option<&Frame>, scratch: &mut (Vec<u64>, Vec<f32>)) -> bool {
        features(ctx, found, fr, &mut scratch.0);
        self.weights.score(&scratch.0, &mut scratch.1) >= 0.0
    }
}

/// Share of `dev` the model gets right, and its precision and recall on the dropped ones.
fn score(model: &MarginModel, dev: &[KeepExample]) -> (f64, f64, f64) {
    let mut scratch = Vec::new();
    let (mut right, mut dropped, mut dropped_right, mut false_ones) = (0usize, 0usize, 0usize, 0usize);
    for ex in dev {
        let keep = model.score(&ex.feats, &mut scratch) >= 0.0;
        right += usize::from(keep == ex.keep);
        dropped += usize::from(!keep);
        dropped_right += usize::from(!keep && !ex.keep);
        false_ones += usize::from(!ex.keep);
    }
    let n = dev.len().max(1) as f64;
    (right as f64 / n, dropped_right as f64 / dropped.max(1) as f64, dropped_right as f64 / false_ones.max(1) as f64)
}

/// Train the filter; the epoch kept is the one most often right on `dev`.
pub fn train(train: &[KeepExample], dev: &[KeepExample], cfg: &TrainConfig, mut log: impl FnMut(&str)) -> Result<KeepFilter, Error> {
    if train.is_empty() {
        return Err(Error::NoData("no attribution filter examples".into()));
    }
    let mut scratch = vec![0.0f32; 2];
    let kept = dev.iter().filter(|e| e.keep).count() as f64 / dev.len().max(1) as f64;
    let step = |trainer: &mut Trainer, i: usize| {
        let ex = &train[i];
        trainer.scores(&ex.feats, &mut scratch);
        let guess = usize::from(scratch[1] >= scratch[0]);
        let truth = usize::from(ex.keep);
        trainer.update(truth, guess, &ex.feats);
        guess == truth
    };
    train_epochs(train.len(), cfg, step, |epoch, train_acc, model| {
        let (acc, p, r) = score(&model, dev);
        log(&format!("filter epoch {epoch}: train acc {train_acc:.4}, dev acc {acc:.4} (keeping all: {kept:.4}), dropped ones P {p:.3} R {r:.3}, rows {}", model.model.rows()));
        (if dev.is_empty() { epoch as f64 } else { acc }, KeepFilter { weights: model })
    })
}
