//! Beam-search decoding for the parser and its global training: the structured perceptron
//! with max-violation updates (Huang, Fayong & Guo 2012) over the same transitions and
//! features as the greedy parser. A hypothesis scores the sum of its transitions' scores;
//! relations are still chosen once per arc by the relation classifier, so they are not
//! part of the search. Greedy decoding (beam 1) stays in `mod.rs`: it needs none of this.

use super::features::{self, Sentence};
use super::state::{Move, State};
use super::{move_class, only_valid, MOVES};

/// No history node (the empty parse).
const NO_NODE: u32 = u32::MAX;

/// One partial parse in the beam.
#[derive(Default)]
struct Hyp {
    state: State,
    score: f32,
    /// Its last step in [`BeamScratch::history`] (`NO_NODE` before the first).
    node: u32,
    /// Training: has followed the gold transition sequence so far.
    gold: bool,
}

/// A way to extend hypothesis `parent` by `m`.
struct Cand {
    parent: usize,
    m: Move,
    score: f32,
}

/// Reused buffers for beam decoding and training.
#[derive(Default)]
pub struct BeamScratch {
    beam: Vec<Hyp>,
    next: Vec<Hyp>,
    live: usize,
    cands: Vec<Cand>,
    feats: Vec<u64>,
    scores: Vec<f32>,
    label_feats: Vec<u64>,
    label_scores: Vec<f32>,
    /// Every step taken by a kept hypothesis: (previous node, move, relation).
    history: Vec<(u32, Move, u8)>,
}

/// What the beam asks of the models: transition scores for a feature vector, and the
/// relation of an arc about to be made.
pub trait Scorer {
    /// Scores of the three moves for `feats`.
    fn move_scores(&self, feats: &[u64], out: &mut Vec<f32>);
    /// The relation of `head → dep` in `state` (`feats` and `scores` are scratch space).
    fn label(&self, sent: &Sentence, state: &State, dep: u32, head: u32, feats: &mut Vec<u64>, scores: &mut Vec<f32>) -> u8;
}

impl BeamScratch {
    /// Start a sentence of `n` words with the empty parse.
    fn reset(&mut self, n: usize, gold: bool) {
        if self.beam.is_empty() {
            self.beam.push(Hyp::default());
        }
        let h = &mut self.beam[0];
        h.state.reset(n);
        h.score = 0.0;
        h.node = NO_NODE;
        h.gold = gold;
        self.live = 1;
        self.history.clear();
    }

    /// The best hypothesis' state (after [`decode`]).
    pub fn best(&self) -> &State {
        &self.beam[0].state
    }

    /// Extend every hypothesis by each valid move and keep the `k` best. With `gold` (the
    /// gold move and relation of this step), a hypothesis that has followed the gold
    /// sequence so far and takes the gold move takes the gold relation too.
    fn step(&mut self, sent: &Sentence, k: usize, scorer: &impl Scorer, gold: Option<(Move, u8)>) {
        self.cands.clear();
        for (i, h) in self.beam[..self.live].iter().enumerate() {
            match only_valid(&h.state) {
                Some(m) => self.cands.push(Cand { parent: i, m, score: h.score }),
                None => {
                    features::extract(sent, &h.state, &mut self.feats);
                    scorer.move_scores(&self.feats, &mut self.scores);
                    for m in MOVES {
                        if h.state.valid(m) {
                            let s = self.scores.get(move_class(m)).copied().unwrap_or(0.0);
                            self.cands.push(Cand { parent: i, m, score: h.score + s });
                        }
                    }
                }
            }
        }
        // Stable: equal scores keep the order of their parents, then of the moves.
        self.cands.sort_by(|a, b| b.score.total_cmp(&a.score));
        let kept = self.cands.len().min(k);
        while self.next.len() < kept {
            self.next.push(Hyp::default());
        }
        for (j, c) in self.cands[..kept].iter().enumerate() {
            let parent = &self.beam[c.parent];
            let follows_gold = parent.gold && gold.is_some_and(|(g, _)| g == c.m);
            let next = &mut self.next[j];
            next.state.copy_from(&parent.state);
            let label = match parent.state.arc(c.m) {
                Some((dep, head)) => match gold {
                    Some((_, l)) if follows_gold => l,
                    _ => scorer.label(sent, &parent.state, dep, head, &mut self.label_feats, &mut self.label_scores),
                },
                None => 0,
            };
            next.state.apply(c.m, label);
            next.score = c.score;
            next.gold = follows_gold;
            self.history.push((parent.node, c.m, label));
            next.node = (self.history.len() - 1) as u32;
        }
        std::mem::swap(&mut self.beam, &mut self.next);
        self.live = kept;
    }

    /// The moves and relations that led to history node `node`, first step first.
    fn path(&self, mut node: u32, out: &mut Vec<(Move, u8)>) {
        out.clear();
        while node != NO_NODE {
            let (prev, m, l) = self.history[node as usize];
            out.push((m, l));
            node = prev;
        }
        out.reverse();
    }
}

/// Parse `sent` (of `n` words) with a beam of `k`; the best parse is [`BeamScratch::best`].
pub fn decode(sent: &Sentence, n: usize, k: usize, scorer: &impl Scorer, scratch: &mut BeamScratch) {
    scratch.reset(n, false);
    while !scratch.beam[0].state.is_final() {
        scratch.step(sent, k, scorer, None);
    }
}

/// The gold transition sequence of a tree: at each step the cheapest valid move under the
/// dynamic oracle (reductions first on ties, so that the sequence is canonical), with the
/// gold relation of the word it attaches. On a non-projective tree this is the sequence to
/// one of the closest projective trees.
pub fn oracle_sequence(n: usize, gold_heads: &[u32], gold_labels: &[u8], state: &mut State, out: &mut Vec<(Move, u8)>) {
    out.clear();
    state.reset(n);
    while !state.is_final() {
        let m = [Move::Left, Move::Right, Move::Shift]
            .into_iter()
            .filter(|&m| state.valid(m))
            .min_by_key(|&m| state.cost(m, gold_heads))
            .unwrap_or(Move::Shift);
        let label = state.arc(m).map_or(0, |(dep, _)| gold_labels[dep as usize - 1]);
        state.apply(m, label);
        out.push((m, label));
    }
}

/// States and the predicted path used by global training, reused across sentences.
#[derive(Default)]
pub struct TrainWork {
    gold: State,
    pred: State,
    path: Vec<(Move, u8)>,
    /// The step of the largest violation, when there is one.
    worst: Option<usize>,
}

/// One sentence of global training, first half: runs the beam along the gold sequence
/// `gold` and finds the step where the best hypothesis beats the gold prefix by the most
/// (max-violation). True when there is such a step; [`update`] then applies it.
pub fn search(sent: &Sentence, n: usize, k: usize, gold: &[(Move, u8)], scorer: &impl Scorer, scratch: &mut BeamScratch, work: &mut TrainWork) -> bool {
    scratch.reset(n, true);
    work.gold.reset(n);
    work.worst = None;
    let mut gold_score = 0f32;
    // A tie with the gold prefix is a violation too: with all weights zero every parse
    // ties, and the perceptron must still learn.
    let mut worst = (f32::NEG_INFINITY, NO_NODE);
    for (t, &(gm, gl)) in gold.iter().enumerate() {
        if only_valid(&work.gold).is_none() {
            features::extract(sent, &work.gold, &mut scratch.feats);
            scorer.move_scores(&scratch.feats, &mut scratch.scores);
            gold_score += scratch.scores.get(move_class(gm)).copied().unwrap_or(0.0);
        }
        work.gold.apply(gm, gl);
        scratch.step(sent, k, scorer, Some((gm, gl)));
        let best = &scratch.beam[0];
        if !best.gold && best.score >= gold_score && best.score - gold_score > worst.0 {
            worst = (best.score - gold_score, best.node);
            work.worst = Some(t);
        }
    }
    if work.worst.is_some() {
        scratch.path(worst.1, &mut work.path);
    }
    work.worst.is_some()
}

/// One sentence of global training, second half: calls `add(feats, class, +1)` for the
/// scored steps of the gold prefix and `-1` for those of the predicted one that [`search`]
/// found, from the first step where they part (before it the two cancel out).
pub fn update(sent: &Sentence, n: usize, gold: &[(Move, u8)], work: &mut TrainWork, feats: &mut Vec<u64>, mut add: impl FnMut(&[u64], usize, f32)) {
    let Some(t) = work.worst else { return };
    work.gold.reset(n);
    work.pred.reset(n);
    let mut parted = false;
    for (i, &(gm, gl)) in gold[..=t].iter().enumerate() {
        let (pm, pl) = work.path[i];
        if !parted && (pm, pl) == (gm, gl) {
            work.gold.apply(gm, gl);
            work.pred.apply(pm, pl);
            continue;
        }
        parted = true;
        for (state, m, l, delta) in [(&mut work.gold, gm, gl, 1.0), (&mut work.pred, pm, pl, -1.0)] {
            if only_valid(state).is_none() {
                features::extract(sent, state, feats);
                add(feats, move_class(m), delta);
            }
            state.apply(m, l);
        }
    }
}
