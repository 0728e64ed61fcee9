//! Training and evaluating the parser. Training uses the dynamic oracle of `state.rs`: at
//! each step the model's best transition is compared with the best zero-cost one, the
//! perceptron is updated when they differ, and from the second epoch on the parser follows
//! its own (possibly wrong) prediction most of the time, so that it learns to recover from
//! its mistakes (Goldberg & Nivre 2012). With a beam (`TrainConfig::beam` > 1) it trains
//! globally instead, one update per sentence (`beam.rs`). Averaged weights with early
//! stopping on dev LAS.

use newsgraph_text::conllu;

use crate::perceptron::{BestEpoch, Rng, Trainer};
use crate::word::Words;
use crate::Error;

use super::features::{self, Sentence};
use super::beam::{self, BeamScratch, Scorer, TrainWork};
use super::state::{Move, State};
use super::tags::TagMap;
use super::vote::{Vote, VoteScratch};
use crate::clusters::Clusters;
use super::{deprel_id, relabel, supertag, ParseScratch, Parser, NLABELS};

/// A sentence with its gold tree; `tags` and `upos` may be gold or predicted.
#[derive(Clone, Debug, Default)]
pub struct Tree {
    /// Word forms.
    pub forms: Vec<String>,
    /// XPOS ids (`tagsets::XPOS`).
    pub tags: Vec<u8>,
    /// UPOS ids (`tagsets::UPOS`).
    pub upos: Vec<u8>,
    /// 1-based heads, 0 for the root.
    pub heads: Vec<u32>,
    /// Relation ids (`tagsets::DEPRELS`).
    pub labels: Vec<u8>,
}

impl Tree {
    /// The same tree with its words in reverse order (what a right-to-left parser learns
    /// from): word `i` of `n` becomes word `n - 1 - i`, and heads are renumbered alike.
    pub fn reversed(&self) -> Tree {
        let n = self.forms.len() as u32;
        Tree {
            forms: self.forms.iter().rev().cloned().collect(),
            tags: self.tags.iter().rev().copied().collect(),
            upos: self.upos.iter().rev().copied().collect(),
            heads: self.heads.iter().rev().map(|&h| if h == 0 { 0 } else { n + 1 - h }).collect(),
            labels: self.labels.iter().rev().copied().collect(),
        }
    }
}

/// Trees of CoNLL-U sentences, with their gold tags.
pub fn trees(sents: &[conllu::Sentence]) -> Vec<Tree> {
    sents
        .iter()
        .map(|s| Tree {
            forms: s.words.iter().map(|w| w.form.clone()).collect(),
            tags: s.words.iter().map(|w| newsgraph_core::tagsets::id_of(&newsgraph_core::tagsets::XPOS, &w.xpos).unwrap_or(0)).collect(),
            upos: s.words.iter().map(|w| newsgraph_core::tagsets::id_of(&newsgraph_core::tagsets::UPOS, &w.upos).unwrap_or(16)).collect(),
            heads: s.words.iter().map(|w| w.head).collect(),
            labels: s.words.iter().map(|w| deprel_id(&w.deprel)).collect(),
        })
        .collect()
}

/// True when no two arcs of the tree cross.
pub fn is_projective(heads: &[u32]) -> bool {
    let arcs: Vec<(u32, u32)> = heads.iter().enumerate().map(|(i, &h)| {
        let d = i as u32 + 1;
        (h.min(d), h.max(d))
    }).collect();
    arcs.iter().all(|&(a, b)| arcs.iter().all(|&(c, d)| !(a < c && c < b && b < d) && !(c < a && a < d && d < b)))
}

/// Training settings.
#[derive(Clone, Debug)]
pub struct TrainConfig {
    /// Maximum epochs.
    pub epochs: usize,
    /// Shuffle and exploration seed.
    pub seed: u64,
    /// Stop after this many epochs without a dev LAS gain.
    pub patience: usize,
    /// Probability of following the model's own prediction from epoch 2 on.
    pub explore: f64,
    /// Averaged weights smaller than this are dropped.
    pub min_weight: f32,
    /// Train on projective trees only.
    pub projective_only: bool,
    /// Most weights kept in the model: the pruning threshold doubles until it fits (keeps
    /// the file a few MB and within the weight table's limits).
    pub max_weights: usize,
    /// Refine XPOS with UPOS in the features (see `tags::TagMap`); false = XPOS only.
    pub upos: bool,
    /// Word clusters for features (stored in the model); `None`: no cluster features.
    pub clusters: Option<Clusters>,
    /// Transition and relation weights smaller than these are dropped from each epoch's
    /// averaged model before it is scored, so that the epoch is chosen on the model that
    /// is shipped (averaged weights grow with the epochs: a fixed threshold removes more
    /// of an early epoch's model).
    pub prune: (f32, f32),
    /// Hypotheses in the beam: 1 trains the greedy parser with the dynamic oracle; more
    /// trains it globally for beam search (`beam.rs`), and the parser decodes with that beam.
    pub beam: usize,
    /// Learn to parse from the last word to the first (dev sentences stay in their order:
    /// the parser reverses them itself).
    pub right_to_left: bool,
    /// Only the first this many training trees count for the tag map (the treebanks, not
    /// machine-parsed extras, so that members trained with the same extras share one map);
    /// `None`: all of them.
    pub tag_map_trees: Option<usize>,
    /// Predict supertags before parsing and use them as features (`supertag.rs`); the
    /// training trees get theirs from supertaggers trained on the other folds.
    pub supertags: bool,
    /// Supertagger weights smaller than this are dropped (default `supertag::PRUNE`).
    pub supertag_prune: f32,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig { epochs: 15, seed: 1, patience: 3, explore: 0.9, min_weight: 0.02, projective_only: false, max_weights: 3_000_000, upos: true, clusters: None, prune: (0.0, 0.0), beam: 1, right_to_left: false, tag_map_trees: None, supertags: false, supertag_prune: supertag::PRUNE }
    }
}

/// Attachment scores.
#[derive(Clone, Debug, Default)]
pub struct Scores {
    /// Words scored.
    pub words: usize,
    /// Words with the right head.
    pub heads: usize,
    /// Words with the right head and relation.
    pub labelled: usize,
    /// Per relation id: (gold count, predicted count, correct labelled attachments).
    pub per_label: Vec<(usize, usize, usize)>,
}

impl Scores {
    /// Unlabelled attachment score.
    pub fn uas(&self) -> f64 {
        self.heads as f64 / self.words.max(1) as f64
    }
    /// Labelled attachment score.
    pub fn las(&self) -> f64 {
        self.labelled as f64 / self.words.max(1) as f64
    }
}

/// Parse `gold` sentences (with their own tags) and score the trees.
pub fn evaluate(parser: &Parser, gold: &[Tree]) -> Scores {
    let mut scratch = ParseScratch::default();
    evaluate_with(gold, |t, heads, labels| parser.parse(&t.forms, &t.tags, &t.upos, &mut scratch, heads, labels))
}

/// [`evaluate`] with parsers voting.
pub fn evaluate_vote(vote: &Vote, gold: &[Tree]) -> Scores {
    let mut scratch = VoteScratch::default();
    evaluate_with(gold, |t, heads, labels| vote.parse(&t.forms, &t.tags, &t.upos, &mut scratch, heads, labels))
}

/// Score the trees `parse` makes of `gold` sentences (1-based heads, relation ids).
fn evaluate_with(gold: &[Tree], mut parse: impl FnMut(&Tree, &mut Vec<u32>, &mut Vec<u8>)) -> Scores {
    let mut s = Scores { per_label: vec![(0, 0, 0); NLABELS], ..Scores::default() };
    let (mut heads, mut labels) = (Vec::new(), Vec::new());
    for t in gold {
        parse(t, &mut heads, &mut labels);
        for i in 0..t.forms.len() {
            s.words += 1;
            s.per_label[t.labels[i] as usize].0 += 1;
            s.per_label[labels[i] as usize].1 += 1;
            if heads[i] == t.heads[i] {
                s.heads += 1;
                if labels[i] == t.labels[i] {
                    s.labelled += 1;
                    s.per_label[t.labels[i] as usize].2 += 1;
                }
            }
        }
    }
    s
}

/// The beam's view of the models being trained (current, not averaged, weights).
struct TrainScorer<'a> {
    moves: &'a Trainer,
    labels: &'a Trainer,
}

impl Scorer for TrainScorer<'_> {
    fn move_scores(&self, feats: &[u64], out: &mut Vec<f32>) {
        out.resize(self.moves.nclass(), 0.0);
        self.moves.scores(feats, out);
    }
    fn label(&self, sent: &Sentence, state: &State, dep: u32, head: u32, feats: &mut Vec<u64>, scores: &mut Vec<f32>) -> u8 {
        features::extract_label(sent, state, dep, head, feats);
        scores.resize(self.labels.nclass(), 0.0);
        self.labels.scores(feats, scores);
        super::best_label(scores)
    }
}

/// Buffers of [`train_beam_sentence`], reused across sentences.
#[derive(Default)]
struct BeamWork {
    scratch: BeamScratch,
    train: TrainWork,
    gold_heads: Vec<u32>,
    gold_seq: Vec<(Move, u8)>,
    state: State,
    feats: Vec<u64>,
    label_scores: Vec<f32>,
}

/// Global training on one sentence (`cfg.beam > 1`): the relation classifier learns
/// locally on the arcs of the gold sequence, the transition classifier from the beam's
/// largest violation (`beam.rs`). Returns the arcs labelled, the relation errors, and
/// whether the transitions were updated.
fn train_beam_sentence(t: &Tree, sent: &Sentence, k: usize, moves: &mut Trainer, labels: &mut Trainer, w: &mut BeamWork) -> (usize, usize, bool) {
    let n = t.forms.len();
    w.gold_heads.clear();
    w.gold_heads.push(u32::MAX);
    w.gold_heads.extend(&t.heads);
    beam::oracle_sequence(n, &w.gold_heads, &t.labels, &mut w.state, &mut w.gold_seq);
    let (mut arcs, mut label_errors) = (0, 0);
    w.label_scores.resize(NLABELS, 0.0);
    w.state.reset(n);
    for &(m, l) in &w.gold_seq {
        if let Some((dep, head)) = w.state.arc(m) {
            if w.gold_heads[dep as usize] == head {
                features::extract_label(sent, &w.state, dep, head, &mut w.feats);
                labels.scores(&w.feats, &mut w.label_scores);
                let guess = super::best_label(&w.label_scores);
                arcs += 1;
                labels.tick();
                if guess != l {
                    label_errors += 1;
                    labels.update(l as usize, guess as usize, &w.feats);
                }
            }
        }
        w.state.apply(m, l);
    }
    let wrong = beam::search(sent, n, k, &w.gold_seq, &TrainScorer { moves: &*moves, labels: &*labels }, &mut w.scratch, &mut w.train);
    if wrong {
        beam::update(sent, n, &w.gold_seq, &mut w.train, &mut w.feats, |f, class, delta| moves.add(class, f, delta));
    }
    moves.tick();
    (arcs, label_errors, wrong)
}

/// The lowest-cost valid move, preferring higher scores on ties.
fn best_gold(state: &State, gold_heads: &[u32], scores: &[f32]) -> (Move, u32) {
    let mut best = (Move::Shift, u32::MAX, f32::NEG_INFINITY);
    for (k, m) in super::MOVES.into_iter().enumerate() {
        if !state.valid(m) {
            continue;
        }
        let cost = state.cost(m, gold_heads);
        if cost < best.1 || (cost == best.1 && scores[k] > best.2) {
            best = (m, cost, scores[k]);
        }
    }
    (best.0, best.1)
}

/// The averaged model with at most `max` weights: small weights are dropped, the threshold
/// doubling from `min_weight` until the model fits.
fn average_within(trainer: &Trainer, min_weight: f32, max: usize) -> crate::perceptron::Model {
    let mut w = min_weight;
    loop {
        let model = trainer.average(w);
        if model.nonzero() <= max || w > 1e3 {
            return model;
        }
        w *= 2.0;
    }
}

/// Train a parser; logs one line per epoch through `log`.
pub fn train(train: &[Tree], dev: &[Tree], cfg: &TrainConfig, log: impl FnMut(&str)) -> Result<Parser, Error> {
    train_reporting(train, dev, &[], cfg, log)
}

/// [`train`], also logging each epoch's UAS and LAS on the `report` sets (named), which do
/// not take part in choosing the epoch.
pub fn train_reporting(train: &[Tree], dev: &[Tree], report: &[(&str, &[Tree])], cfg: &TrainConfig, mut log: impl FnMut(&str)) -> Result<Parser, Error> {
    let reversed: Vec<Tree>;
    let train = if cfg.right_to_left {
        reversed = train.iter().map(Tree::reversed).collect();
        &reversed[..]
    } else {
        train
    };
    let usable = |t: &&Tree| !t.forms.is_empty() && (!cfg.projective_only || is_projective(&t.heads));
    let data: Vec<&Tree> = train.iter().filter(usable).collect();
    let counted = &train[..cfg.tag_map_trees.unwrap_or(train.len()).min(train.len())];
    // Pairs seen fewer times than this keep their XPOS id.
    const MIN_PAIR: usize = 50;
    let tag_map = if cfg.upos {
        TagMap::from_pairs(counted.iter().filter(usable).flat_map(|t| t.tags.iter().copied().zip(t.upos.iter().copied())), MIN_PAIR)
    } else {
        TagMap::xpos_only()
    };
    let parser_tags: Vec<Vec<u8>> = data.iter().map(|t| {
        let mut out = Vec::new();
        tag_map.fill(&t.tags, &t.upos, &mut out);
        out
    }).collect();
    let (stags, supertagger) = if cfg.supertags {
        let (stags, tagger) = jackknifed_supertags(&data, &parser_tags, &tag_map, dev, cfg, &mut log)?;
        (stags, Some(tagger))
    } else {
        (vec![Vec::new(); data.len()], None)
    };
    let mut moves = Trainer::new(super::MOVES.len());
    let mut labels = Trainer::new(NLABELS);
    let mut rng = Rng::new(cfg.seed);
    let mut order: Vec<usize> = (0..data.len()).collect();
    let (mut words, mut state, mut feats, mut scores) = (Words::default(), State::default(), Vec::new(), vec![0f32; super::MOVES.len()]);
    let (mut label_feats, mut label_scores) = (Vec::new(), vec![0f32; NLABELS]);
    let mut hashes = Vec::new();
    let (mut coarse, mut fine) = (Vec::new(), Vec::new());
    let mut gold_heads = Vec::new();
    let mut beam_work = BeamWork::default();
    let mut best = BestEpoch::new(cfg.patience);
    for epoch in 0..cfg.epochs {
        rng.shuffle(&mut order);
        let (mut steps, mut errors, mut arcs, mut label_errors) = (0usize, 0usize, 0usize, 0usize);
        for &i in &order {
            let (t, tags, stags) = (data[i], &parser_tags[i], &stags[i]);
            words.fill(&t.forms);
            features::hash_words(&words, &mut hashes);
            features::cluster_words(cfg.clusters.as_ref(), &hashes, &mut coarse, &mut fine);
            if cfg.beam > 1 {
                let sent = Sentence::new(&hashes, tags, &coarse, &fine).with_supertags(stags);
                steps += 1;
                let (label_arcs, label_wrong, wrong) = train_beam_sentence(t, &sent, cfg.beam, &mut moves, &mut labels, &mut beam_work);
                (arcs, label_errors, errors) = (arcs + label_arcs, label_errors + label_wrong, errors + usize::from(wrong));
                continue;
            }
            state.reset(t.forms.len());
            gold_heads.clear();
            gold_heads.push(u32::MAX);
            gold_heads.extend(&t.heads);
            while !state.is_final() {
                let sent = Sentence::new(&hashes, tags, &coarse, &fine).with_supertags(stags);
                features::extract(&sent, &state, &mut feats);
                moves.scores(&feats, &mut scores);
                let guess = super::best_valid(&state, &scores);
                let (gold, gold_cost) = best_gold(&state, &gold_heads, &scores);
                steps += 1;
                moves.tick();
                labels.tick();
                if state.cost(guess, &gold_heads) > gold_cost {
                    errors += 1;
                    moves.update(super::move_class(gold), super::move_class(guess), &feats);
                }
                let follow = if epoch > 0 && (rng.next_u64() as f64 / u64::MAX as f64) < cfg.explore { guess } else { gold };
                // The relation classifier learns on the arcs of the gold tree; on a wrong arc
                // it has no right answer, and the parser keeps its own guess.
                let mut label = 0;
                if let Some((dep, head)) = state.arc(follow) {
                    features::extract_label(&sent, &state, dep, head, &mut label_feats);
                    labels.scores(&label_feats, &mut label_scores);
                    label = super::best_label(&label_scores);
                    if gold_heads[dep as usize] == head {
                        arcs += 1;
                        let truth = t.labels[dep as usize - 1];
                        if label != truth {
                            label_errors += 1;
                            labels.update(truth as usize, label as usize, &label_feats);
                            label = truth;
                        }
                    }
                }
                state.apply(follow, label);
            }
        }
        let parser = Parser { moves: average_within(&moves, cfg.min_weight, cfg.max_weights), labels: average_within(&labels, cfg.min_weight, cfg.max_weights), tags: tag_map.clone(), clusters: cfg.clusters.clone(), beam: cfg.beam.max(1), right_to_left: cfg.right_to_left, relabel: None, supertagger: supertagger.clone() }.pruned(cfg.prune.0, cfg.prune.1);
        let s = evaluate(&parser, dev);
        let mut others = String::new();
        for (name, trees) in report {
            let r = evaluate(&parser, trees);
            others.push_str(&format!(" · {name} UAS {:.4} LAS {:.4}", r.uas(), r.las()));
        }
        log(&format!(
            "epoch {:>2}: train move errors {:.2}%, label errors {:.2}% · dev UAS {:.4} LAS {:.4}{others} · weights {} + {}",
            epoch + 1,
            100.0 * errors as f64 / steps.max(1) as f64,
            100.0 * label_errors as f64 / arcs.max(1) as f64,
            s.uas(),
            s.las(),
            parser.moves.nonzero(),
            parser.labels.nonzero()
        ));
        if best.record(s.las(), parser) {
            break;
        }
    }
    best.into_best()
}

/// A sentence's per-word inputs with its gold supertags.
struct Inputs {
    words: Prepared,
    gold: Vec<u8>,
}

impl Inputs {
    fn new(t: &Tree, tags: Vec<u8>, clusters: Option<&Clusters>, words: &mut Words) -> Self {
        let mut gold = Vec::new();
        supertag::of_tree(&t.heads, &t.labels, &mut gold);
        Inputs { words: Prepared::of_tree(t, tags, clusters, words), gold }
    }
    fn example(&self) -> supertag::Example<'_> {
        supertag::Example { sent: self.words.sentence(), gold: &self.gold }
    }
}

/// Folds of the supertagger's training data: every training tree is tagged by a supertagger
/// that did not learn from it, so the parser learns from supertags as wrong as it will meet.
const SUPERTAG_FOLDS: usize = 4;
/// Most epochs of a supertagger (early stopping on dev accuracy).
const SUPERTAG_EPOCHS: usize = 10;

/// The supertags of the training trees `data` (whose parser tags are `parser_tags`), each
/// fold tagged by a supertagger trained on the others, and the supertagger trained on all of
/// them that the parser keeps; epochs are chosen on `dev` (read in the parser's direction).
fn jackknifed_supertags(data: &[&Tree], parser_tags: &[Vec<u8>], tag_map: &TagMap, dev: &[Tree], cfg: &TrainConfig, log: &mut impl FnMut(&str)) -> Result<(Vec<Vec<u8>>, supertag::Supertagger), Error> {
    let mut words = Words::default();
    let clusters = cfg.clusters.as_ref();
    let train: Vec<Inputs> = data.iter().zip(parser_tags).map(|(t, tags)| Inputs::new(t, tags.clone(), clusters, &mut words)).collect();
    let dev: Vec<Inputs> = dev.iter().map(|t| {
        let t = if cfg.right_to_left { t.reversed() } else { t.clone() };
        let mut tags = Vec::new();
        tag_map.fill(&t.tags, &t.upos, &mut tags);
        Inputs::new(&t, tags, clusters, &mut words)
    }).collect();
    let dev: Vec<supertag::Example> = dev.iter().map(Inputs::example).collect();
    let mut stags = vec![Vec::new(); train.len()];
    let mut scratch = supertag::SupertagScratch::default();
    for fold in 0..SUPERTAG_FOLDS {
        let rest: Vec<supertag::Example> = train.iter().enumerate().filter(|(i, _)| i % SUPERTAG_FOLDS != fold).map(|(_, x)| x.example()).collect();
        let (tagger, acc) = supertag::train(&rest, &dev, SUPERTAG_EPOCHS, cfg.seed, cfg.supertag_prune)?;
        let held: Vec<usize> = (fold..train.len()).step_by(SUPERTAG_FOLDS).collect();
        let (mut right, mut total) = (0usize, 0usize);
        for &i in &held {
            let ex = train[i].example();
            tagger.tag(&ex.sent, &mut scratch, &mut stags[i]);
            right += stags[i].iter().zip(ex.gold).filter(|(a, b)| a == b).count();
            total += ex.gold.len();
        }
        log(&format!("supertags fold {}/{SUPERTAG_FOLDS}: dev accuracy {acc:.4}, held-out fold {:.4}", fold + 1, right as f64 / total.max(1) as f64));
    }
    let all: Vec<supertag::Example> = train.iter().map(Inputs::example).collect();
    let (tagger, acc) = supertag::train(&all, &dev, SUPERTAG_EPOCHS, cfg.seed, cfg.supertag_prune)?;
    log(&format!("supertagger: dev accuracy {acc:.4}, {} classes, {} weights", tagger.classes.len(), tagger.model.nonzero()));
    Ok((stags, tagger))
}

/// Fold `fold` of `k` of `trees` (every `k`th sentence) parsed by a parser trained with
/// `cfg` on the other folds (early stopping on `dev`): parses by a parser that never saw
/// them, what the relabeller learns from. [`merge_folds`] puts the folds back in order.
pub fn parse_fold(trees: &[Tree], k: usize, fold: usize, cfg: &TrainConfig, dev: &[Tree], log: impl FnMut(&str)) -> Result<Vec<Parse>, Error> {
    let rest: Vec<Tree> = trees.iter().enumerate().filter(|(i, _)| i % k != fold).map(|(_, t)| t.clone()).collect();
    let parser = train(&rest, dev, cfg, log)?;
    let mut scratch = ParseScratch::default();
    Ok(trees.iter().skip(fold).step_by(k).map(|t| {
        let (mut heads, mut labels) = (Vec::new(), Vec::new());
        parser.parse(&t.forms, &t.tags, &t.upos, &mut scratch, &mut heads, &mut labels);
        (heads, labels)
    }).collect())
}

/// The parses of [`parse_fold`]'s `k` folds, in the order of the `n` sentences they came from.
pub fn merge_folds(folds: Vec<Vec<Parse>>, n: usize) -> Vec<Parse> {
    let k = folds.len().max(1);
    let mut iters: Vec<_> = folds.into_iter().map(Vec::into_iter).collect();
    (0..n).map(|i| iters.get_mut(i % k).and_then(Iterator::next).unwrap_or_default()).collect()
}

/// Relabeller training settings (`relabel.rs`).
#[derive(Clone, Debug)]
pub struct RelabelConfig {
    /// Maximum epochs.
    pub epochs: usize,
    /// Shuffle seed.
    pub seed: u64,
    /// Stop after this many epochs without a dev LAS gain.
    pub patience: usize,
    /// Most weights kept (as [`TrainConfig::max_weights`]).
    pub max_weights: usize,
    /// Weights smaller than this are dropped from each epoch's model before it is scored.
    pub prune: f32,
}

impl Default for RelabelConfig {
    fn default() -> Self {
        RelabelConfig { epochs: 12, seed: 1, patience: 3, max_weights: 1_500_000, prune: 1.5 }
    }
}

/// A sentence's per-word feature inputs as a parser computes them ([`Parser::fill_features`]),
/// kept for every epoch.
struct Prepared {
    hashes: Vec<u64>,
    tags: Vec<u8>,
    coarse: Vec<u16>,
    fine: Vec<u16>,
}

impl Prepared {
    /// The inputs of `t` with parser tags `tags` and the word clusters `clusters`.
    fn of_tree(t: &Tree, tags: Vec<u8>, clusters: Option<&Clusters>, words: &mut Words) -> Self {
        let (mut hashes, mut coarse, mut fine) = (Vec::new(), Vec::new(), Vec::new());
        words.fill(&t.forms);
        features::hash_words(words, &mut hashes);
        features::cluster_words(clusters, &hashes, &mut coarse, &mut fine);
        Prepared { hashes, tags, coarse, fine }
    }
    fn new(parser: &Parser, t: &Tree, scratch: &mut ParseScratch) -> Self {
        parser.fill_features(&t.forms, &t.tags, &t.upos, scratch);
        Prepared { hashes: scratch.hashes.clone(), tags: scratch.tags.clone(), coarse: scratch.coarse.clone(), fine: scratch.fine.clone() }
    }
    fn sentence(&self) -> Sentence<'_> {
        Sentence::new(&self.hashes, &self.tags, &self.coarse, &self.fine)
    }
}

/// A parser's heads and relations of one sentence.
pub type Parse = (Vec<u32>, Vec<u8>);

/// Train a relabeller for `parser` (`relabel.rs`) on the gold trees `train` (tags as noisy
/// as the parser's training tags were) and `parses`, the same sentences parsed by parsers
/// that did not learn from them ([`parse_fold`]); return the parser with it. The
/// epoch is chosen on the LAS of `parser`'s own trees of `dev`, relabelled; `report` sets
/// are logged too. A relabeller that does not beat the parser's own labels on `dev` is not
/// added. Logs one line per epoch through `log`.
pub fn train_relabeller(mut parser: Parser, train: &[Tree], parses: &[Parse], dev: &[Tree], report: &[(&str, &[Tree])], cfg: &RelabelConfig, mut log: impl FnMut(&str)) -> Result<Parser, Error> {
    parser.relabel = None;
    let mut scratch = ParseScratch::default();
    let data: Vec<(Prepared, &Tree, &Parse)> = train.iter().zip(parses).filter(|(t, p)| !t.forms.is_empty() && p.0.len() == t.forms.len()).map(|(t, p)| (Prepared::new(&parser, t, &mut scratch), t, p)).collect();
    // The parser's trees of the scored sets, parsed once: relabelling never moves a head.
    let sets: Vec<&[Tree]> = std::iter::once(dev).chain(report.iter().map(|r| r.1)).collect();
    let scored: Vec<Vec<(Prepared, Parse)>> = sets.iter().map(|trees| trees.iter().map(|t| {
        let (mut heads, mut labels) = (Vec::new(), Vec::new());
        parser.parse_unrelabelled(&t.forms, &t.tags, &t.upos, &mut scratch, &mut heads, &mut labels);
        (Prepared::new(&parser, t, &mut scratch), (heads, labels))
    }).collect()).collect();
    // LAS of every scored set, relabelled by `model` (`None`: the parser's own relations).
    let las = |model: Option<&crate::perceptron::Model>, work: &mut relabel::RelabelScratch| -> Vec<f64> {
        let mut labels = Vec::new();
        scored.iter().zip(&sets).map(|(parsed, gold)| {
            let (mut right, mut total) = (0usize, 0usize);
            for ((p, (heads, own)), g) in parsed.iter().zip(gold.iter()) {
                labels.clone_from(own);
                if let Some(m) = model {
                    relabel::relabel(m, &p.sentence(), heads, &mut labels, work);
                }
                total += g.forms.len();
                right += (0..g.forms.len()).filter(|&i| heads[i] == g.heads[i] && labels[i] == g.labels[i]).count();
            }
            right as f64 / total.max(1) as f64
        }).collect()
    };
    let show = |scores: &[f64]| scores.iter().map(|x| format!("{x:.4}")).collect::<Vec<_>>().join(" / ");
    let mut work = relabel::RelabelScratch::default();
    let own = las(None, &mut work);
    log(&format!("relabeller: the parser's own labels score LAS {} (dev{})", show(&own), report.iter().map(|r| format!(" / {}", r.0)).collect::<String>()));
    let mut trainer = Trainer::new(NLABELS);
    let mut rng = Rng::new(cfg.seed);
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut best = BestEpoch::new(cfg.patience);
    for epoch in 0..cfg.epochs {
        rng.shuffle(&mut order);
        let examples = order.iter().map(|&i| {
            let (prep, gold, parse) = &data[i];
            relabel::Example { sent: prep.sentence(), heads: &parse.0, own: &parse.1, gold_heads: &gold.heads, gold: &gold.labels }
        });
        let (n, errors) = relabel::train_pass(&mut trainer, examples, &mut work);
        let model = average_within(&trainer, 0.02, cfg.max_weights).pruned(cfg.prune);
        let scores = las(Some(&model), &mut work);
        log(&format!("relabeller epoch {:>2}: train label errors {:.2}% · LAS {} · weights {}", epoch + 1, 100.0 * errors as f64 / n.max(1) as f64, show(&scores), model.nonzero()));
        if best.record(scores[0], (scores[0], model)) {
            break;
        }
    }
    let (dev_las, model) = best.into_best()?;
    if dev_las > own[0] {
        parser.relabel = Some(model);
    } else {
        log(&format!("relabeller not added: its best dev LAS {dev_las:.4} does not beat the parser's own labels ({:.4})", own[0]));
    }
    Ok(parser)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ModelFile;

    fn toy() -> Vec<Tree> {
        // "X saw Y ." and "X left ." patterns with tags NNP VBD NNP .
        let nnp = newsgraph_core::tagsets::id_of(&newsgraph_core::tagsets::XPOS, "NNP").unwrap();
        let vbd = newsgraph_core::tagsets::id_of(&newsgraph_core::tagsets::XPOS, "VBD").unwrap();
        let dot = newsgraph_core::tagsets::id_of(&newsgraph_core::tagsets::XPOS, ".").unwrap();
        let names = ["Putin", "Lukashenko", "Wagner", "Zubarev", "Belta", "Tass"];
        let mut out = Vec::new();
        for (i, a) in names.iter().enumerate() {
            let b = names[(i + 1) % names.len()];
            out.push(Tree {
                forms: vec![a.to_string(), "saw".into(), b.to_string(), ".".into()],
                tags: vec![nnp, vbd, nnp, dot],
                upos: Vec::new(),
                heads: vec![2, 0, 2, 2],
                labels: vec![deprel_id("nsubj"), deprel_id("root"), deprel_id("obj"), deprel_id("punct")],
            });
            out.push(Tree {
                forms: vec![a.to_string(), "left".into(), ".".into()],
                tags: vec![nnp, vbd, dot],
                upos: Vec::new(),
                heads: vec![2, 0, 2],
                labels: vec![deprel_id("nsubj"), deprel_id("root"), deprel_id("punct")],
            });
        }
        out
    }

    /// A parser trained on `data` with `cfg`, and its copy through a save and a load: both
    /// must parse `data` without a mistake.
    fn learned_and_reloaded(data: &[Tree], cfg: &TrainConfig) -> (Parser, Parser) {
        let parser = train(data, data, cfg, |_| {}).unwrap();
        assert_eq!(evaluate(&parser, data).las(), 1.0);
        let again = Parser::from_bytes(&parser.to_bytes().unwrap(), "test").unwrap();
        assert_eq!(evaluate(&again, data).las(), 1.0);
        (parser, again)
    }

    #[test]
    fn learns_a_toy_grammar_and_round_trips() {
        learned_and_reloaded(&toy(), &TrainConfig { epochs: 8, ..TrainConfig::default() });
    }

    fn upos(tag: &str) -> u8 {
        newsgraph_core::tagsets::id_of(&newsgraph_core::tagsets::UPOS, tag).unwrap()
    }

    /// [`toy`] with UPOS tags: the verb, the full stop, and names.
    fn toy_with_upos() -> Vec<Tree> {
        let mut data = toy();
        for t in &mut data {
            t.upos = t.forms.iter().enumerate().map(|(i, _)| if i == 1 { upos("VERB") } else if t.forms[i] == "." { upos("PUNCT") } else { upos("PROPN") }).collect();
        }
        data
    }

    #[test]
    fn learns_with_clusters_and_upos_and_keeps_them_in_the_file() {
        let data = toy_with_upos();
        // Clusters from the toy sentences themselves: names and verbs fall apart.
        let text: Vec<Vec<String>> = data.iter().map(|t| t.forms.iter().map(|f| f.to_lowercase()).collect()).collect();
        let cfg = crate::clusters::Config { coarse: 2, fine: 3, min_count: 1, passes: 5, seed: 1 };
        let clusters = crate::clusters::train(|| Box::new(text.clone().into_iter()), &cfg, |_| {}).unwrap();
        let cfg = TrainConfig { epochs: 8, clusters: Some(clusters), prune: (0.5, 0.5), ..TrainConfig::default() };
        let (parser, again) = learned_and_reloaded(&data, &cfg);
        assert_eq!(parser.clustered_words(), 9);
        assert_eq!(again.clustered_words(), 9);
        // A name never seen in training still parses, through its tag.
        let unseen = Tree { forms: vec!["Navalny".into(), "left".into(), ".".into()], ..data[1].clone() };
        assert_eq!(evaluate(&again, &[unseen]).las(), 1.0);
    }

    #[test]
    fn learns_with_supertags_and_keeps_the_supertagger_in_the_file() {
        let data = toy_with_upos();
        // Twelve sentences leave small averaged weights: keep them all.
        let cfg = TrainConfig { epochs: 8, supertags: true, supertag_prune: 0.0, ..TrainConfig::default() };
        let (parser, again) = learned_and_reloaded(&data, &cfg);
        // nsubj (head right), root, obj (head left), punct (head left).
        assert_eq!(parser.supertag_classes(), 4);
        assert_eq!(again.supertag_classes(), 4);
        // What the supertagger predicts for a sentence it learned.
        let (mut scratch, mut heads, mut labels) = (ParseScratch::default(), Vec::new(), Vec::new());
        again.parse(&data[0].forms, &data[0].tags, &data[0].upos, &mut scratch, &mut heads, &mut labels);
        let mut gold = Vec::new();
        supertag::of_tree(&data[0].heads, &data[0].labels, &mut gold);
        assert_eq!(scratch.stags, gold);
        // A parser without supertags still loads and has none.
        let plain = train(&data, &data, &TrainConfig { epochs: 2, ..TrainConfig::default() }, |_| {}).unwrap();
        assert_eq!(Parser::from_bytes(&plain.to_bytes().unwrap(), "test").unwrap().supertag_classes(), 0);
    }

    #[test]
    fn supertags_pack_relation_and_head_side() {
        let (nsubj, obj, root) = (deprel_id("nsubj"), deprel_id("obj"), deprel_id("root"));
        let mut out = Vec::new();
        supertag::of_tree(&[2, 0, 2], &[nsubj, root, obj], &mut out);
        assert_eq!(out, [supertag::pack(nsubj, 2, 1), supertag::pack(root, 0, 2), supertag::pack(obj, 2, 3)]);
        assert!(out.iter().all(|&s| s != 0), "0 means no supertag");
        assert_ne!(supertag::pack(obj, 1, 3), supertag::pack(obj, 4, 3), "the side of the head counts");
        // The last relation and side still fit a byte.
        assert!(u32::from(supertag::pack(51, 1, 2)) < 255);
    }

    #[test]
    fn extra_trees_do_not_count_for_the_tag_map() {
        let mut data = toy_with_upos();
        let treebank = data.len();
        // Machine-parsed extras in which the verb's tag pairs with another UPOS as well as
        // its usual one, both often enough (60 > 50) to be refined if they were counted.
        let mut extra = data[1].clone();
        data.extend(std::iter::repeat_n(extra.clone(), 60));
        extra.upos[1] = upos("AUX");
        data.extend(std::iter::repeat_n(extra, 60));
        let cfg = TrainConfig { epochs: 2, ..TrainConfig::default() };
        let alone = train(&data[..treebank], &data, &cfg, |_| {}).unwrap();
        let counted = train(&data, &data, &cfg, |_| {}).unwrap();
        let treebank_only = train(&data, &data, &TrainConfig { tag_map_trees: Some(treebank), ..cfg }, |_| {}).unwrap();
        assert!(counted.refined_tags() > alone.refined_tags(), "the extras' pairs would refine tags");
        assert_eq!(treebank_only.refined_tags(), alone.refined_tags());
    }

    #[test]
    fn learns_a_toy_grammar_for_beam_search() {
        let data = toy();
        let (_, again) = learned_and_reloaded(&data, &TrainConfig { epochs: 8, beam: 4, ..TrainConfig::default() });
        assert_eq!(again.beam(), 4, "the file keeps the beam it was trained for");
        // A parser trained greedily can still be decoded with a beam.
        let mut greedy = train(&data, &data, &TrainConfig { epochs: 8, ..TrainConfig::default() }, |_| {}).unwrap();
        greedy.set_beam(3);
        assert_eq!(evaluate(&greedy, &data).las(), 1.0);
        // The oracle sequence rebuilds the gold tree, relations included.
        let t = &data[0];
        let gold: Vec<u32> = std::iter::once(u32::MAX).chain(t.heads.iter().copied()).collect();
        let (mut state, mut seq) = (State::default(), Vec::new());
        beam::oracle_sequence(t.forms.len(), &gold, &t.labels, &mut state, &mut seq);
        assert_eq!(seq.len(), 2 * t.forms.len());
        assert_eq!(&state.heads[1..], &t.heads[..]);
        assert_eq!(&state.labels[1..], &t.labels[..]);
    }

    #[test]
    fn learns_right_to_left_and_votes() {
        let data = toy();
        let t = &data[0];
        let back = t.reversed();
        assert_eq!(back.forms, vec![".", "Lukashenko", "saw", "Putin"]);
        assert_eq!(back.heads, vec![3, 3, 0, 3], "heads renumbered: 'saw' is word 3 now");
        assert_eq!(back.reversed().heads, t.heads);
        let rtl = train(&data, &data, &TrainConfig { epochs: 8, right_to_left: true, ..TrainConfig::default() }, |_| {}).unwrap();
        assert!(rtl.right_to_left());
        assert_eq!(evaluate(&rtl, &data).las(), 1.0, "trees come back in the sentence's own order");
        let again = Parser::from_bytes(&rtl.to_bytes().unwrap(), "test").unwrap();
        assert!(again.right_to_left(), "the file keeps the direction");
        assert_eq!(evaluate(&again, &data).las(), 1.0);
        let ltr = train(&data, &data, &TrainConfig { epochs: 8, ..TrainConfig::default() }, |_| {}).unwrap();
        assert!(Parser::mean(&[ltr.pruned(0.0, 0.0), rtl.pruned(0.0, 0.0)]).is_none(), "weights of opposite directions mean different things");
        let vote = Vote::new(vec![ltr, rtl, again]).unwrap();
        assert_eq!(evaluate_vote(&vote, &data).las(), 1.0);
    }

    #[test]
    fn max_violation_search_updates_only_when_the_gold_sequence_loses() {
        let data = toy();
        let t = &data[0];
        let n = t.forms.len();
        let gold: Vec<u32> = std::iter::once(u32::MAX).chain(t.heads.iter().copied()).collect();
        let (mut state, mut seq) = (State::default(), Vec::new());
        beam::oracle_sequence(n, &gold, &t.labels, &mut state, &mut seq);
        let (mut words, mut hashes, mut coarse, mut fine) = (Words::default(), Vec::new(), Vec::new(), Vec::new());
        words.fill(&t.forms);
        features::hash_words(&words, &mut hashes);
        features::cluster_words(None, &hashes, &mut coarse, &mut fine);
        let sent = Sentence::new(&hashes, &t.tags, &coarse, &fine);
        let (mut moves, labels) = (Trainer::new(3), Trainer::new(NLABELS));
        let (mut scratch, mut work, mut feats) = (BeamScratch::default(), TrainWork::default(), Vec::new());
        // All weights zero: every parse ties with the gold one, which counts as a violation.
        let mut updates = 0;
        while beam::search(&sent, n, 2, &seq, &TrainScorer { moves: &moves, labels: &labels }, &mut scratch, &mut work) {
            beam::update(&sent, n, &seq, &mut work, &mut feats, |f, class, delta| moves.add(class, f, delta));
            updates += 1;
            assert!(updates < 20, "the perceptron separates one sentence in a few updates");
        }
        assert!(updates >= 1);
        // Once it wins, the gold sequence is what the beam decodes.
        let mut decoded = BeamScratch::default();
        beam::decode(&sent, n, 2, &TrainScorer { moves: &moves, labels: &labels }, &mut decoded);
        assert_eq!(&decoded.best().heads[1..], &t.heads[..]);
    }

    #[test]
    fn the_mean_of_seeds_parses_like_them() {
        let data = toy();
        let parsers: Vec<Parser> = (1..=3).map(|seed| train(&data, &data, &TrainConfig { epochs: 8, seed, ..TrainConfig::default() }, |_| {}).unwrap()).collect();
        let mean = Parser::mean(&parsers).unwrap();
        assert_eq!(evaluate(&mean, &data).las(), 1.0);
        assert!(mean.weights().0 >= parsers.iter().map(|p| p.weights().0).max().unwrap(), "the union of the seeds' features");
        // Parsers over other word clusters cannot be averaged: their features mean other things.
        let mut odd = parsers[1].pruned(0.0, 0.0);
        odd.clusters = Some(Clusters::default());
        assert!(Parser::mean(&[parsers[0].pruned(0.0, 0.0), odd]).is_none());
        assert!(Parser::mean(&[]).is_none());
    }

    #[test]
    fn a_relabeller_learns_from_fold_parses_and_stays_in_the_file() {
        let data = toy_with_upos();
        let cfg = TrainConfig { epochs: 8, ..TrainConfig::default() };
        let folds = (0..2).map(|fold| parse_fold(&data, 2, fold, &cfg, &data, |_| {})).collect::<Result<Vec<_>, _>>().unwrap();
        let parses = merge_folds(folds, data.len());
        assert_eq!(parses.len(), data.len());
        assert!(parses.iter().zip(&data).all(|(p, t)| p.0.len() == t.forms.len()), "each sentence has its own parse, in order");
        let parser = train(&data, &data, &cfg, |_| {}).unwrap();
        assert!(!parser.relabels());
        let rcfg = RelabelConfig { epochs: 4, prune: 0.0, ..RelabelConfig::default() };
        // Parsers trained on six toy sentences parse the other six badly (the object as a
        // subject): what the relabeller learns from them loses to the parser's own labels
        // on dev, and the parser is returned without it.
        let mut lines = Vec::new();
        let kept = train_relabeller(parser.pruned(0.0, 0.0), &data, &parses, &data, &[], &rcfg, |l| lines.push(l.to_string())).unwrap();
        assert!(!kept.relabels(), "{lines:?}");
        assert!(lines.last().is_some_and(|l| l.contains("not added")), "{lines:?}");
        // A parser that attaches right but has lost its relation weights labels every arc
        // alike; from its parses the relabeller learns the relations, and is kept.
        let weak = parser.pruned(0.0, f32::MAX);
        assert!(evaluate(&weak, &data).las() < 0.5);
        let mut scratch = ParseScratch::default();
        let own: Vec<Parse> = data.iter().map(|t| {
            let (mut heads, mut labels) = (Vec::new(), Vec::new());
            weak.parse(&t.forms, &t.tags, &t.upos, &mut scratch, &mut heads, &mut labels);
            (heads, labels)
        }).collect();
        let mut lines = Vec::new();
        let relabelled = train_relabeller(weak, &data, &own, &data, &[], &rcfg, |l| lines.push(l.to_string())).unwrap();
        assert!(relabelled.relabels(), "{lines:?}");
        assert!(lines.iter().any(|l| l.starts_with("relabeller epoch  1")), "{lines:?}");
        assert_eq!(evaluate(&relabelled, &data).las(), 1.0);
        let again = Parser::from_bytes(&relabelled.to_bytes().unwrap(), "test").unwrap();
        assert!(again.relabels(), "the file keeps the relabeller");
        assert_eq!(evaluate(&again, &data).las(), 1.0);
        // A vote relabels its tree with the relabeller of the first voter that has one: all
        // three voters label every arc alike, the relabeller puts it right.
        let weak = Parser { relabel: None, ..again.pruned(0.0, 0.0) };
        assert!(evaluate_vote(&Vote::new(vec![weak.pruned(0.0, 0.0), weak.pruned(0.0, 0.0), weak.pruned(0.0, 0.0)]).unwrap(), &data).las() < 0.5);
        let vote = Vote::new(vec![weak.pruned(0.0, 0.0), again, weak]).unwrap();
        assert_eq!(evaluate_vote(&vote, &data).las(), 1.0);
        // A right-to-left parser relabels in the sentence's own order.
        let weak_rtl = train(&data, &data, &TrainConfig { right_to_left: true, ..cfg.clone() }, |_| {}).unwrap().pruned(0.0, f32::MAX);
        let own: Vec<Parse> = data.iter().map(|t| {
            let (mut heads, mut labels) = (Vec::new(), Vec::new());
            weak_rtl.parse(&t.forms, &t.tags, &t.upos, &mut scratch, &mut heads, &mut labels);
            (heads, labels)
        }).collect();
        let rtl = train_relabeller(weak_rtl, &data, &own, &data, &[], &rcfg, |_| {}).unwrap();
        assert!(rtl.relabels() && rtl.right_to_left());
        assert_eq!(evaluate(&rtl, &data).las(), 1.0);
    }

    #[test]
    fn projectivity() {
        assert!(is_projective(&[2, 0, 2]));
        assert!(!is_projective(&[3, 4, 0, 3]));
    }
}
