//! Parsing with several parsers at once: each parses the sentence, every arc it makes is one
//! vote, and the tree with the most votes wins (the maximum spanning tree over the voted
//! arcs, Chu-Liu-Edmonds, so the result is always a tree even where the votes cross). A
//! relation is the one most voters of the winning arc gave; if a voter has a relabeller
//! (the first such), it then chooses every relation of the voted tree again. Parsers that err differently
//! (left-to-right against right-to-left) gain the most (Sagae & Lavie 2006). This module
//! does not train anything: the voters are ordinary parser files.

use super::{ParseScratch, Parser, NLABELS};

/// Weight of a voter's arc; ties go to the parser listed first by a tiny extra weight, so
/// that with two voters the first one's tree is kept wherever they disagree.
fn vote_weight(rank: usize, voters: usize) -> f64 {
    1.0 + 1e-3 * (voters - rank) as f64
}

/// Score of an arc no parser made: low enough never to be chosen while a voted tree exists
/// (every voter's tree is one), finite so that the contraction's sums stay exact.
const UNVOTED: f64 = -1e9;

/// Taken off every arc from the root, more than any sentence's votes add up to: the best
/// tree then has one word under the root, as UD trees and every voter's tree have.
const ROOT_PENALTY: f64 = 1e6;

/// Parsers voting on each sentence (one parser: it parses alone).
pub struct Vote {
    parsers: Vec<Parser>,
}

/// Reused buffers for [`Vote::parse`].
#[derive(Default)]
pub struct VoteScratch {
    parse: ParseScratch,
    heads: Vec<u32>,
    labels: Vec<u8>,
    /// `(n + 1)²` arc scores, head-major: `scores[h * (n + 1) + d]`.
    scores: Vec<f64>,
    /// Every voter's (head, relation) per word, voter after voter.
    votes: Vec<(u32, u8)>,
    /// Weight per relation of one chosen arc's voters.
    label_votes: Vec<f32>,
}

impl Vote {
    /// Voters in order of trust (ties go to the first). `None` when no parser is given.
    pub fn new(parsers: Vec<Parser>) -> Option<Vote> {
        if parsers.is_empty() {
            return None;
        }
        Some(Vote { parsers })
    }

    /// A single parser, which parses alone.
    pub fn one(parser: Parser) -> Vote {
        Vote { parsers: vec![parser] }
    }

    /// Parse one sentence like [`Parser::parse`].
    pub fn parse<S: AsRef<str>>(&self, forms: &[S], xpos: &[u8], upos: &[u8], scratch: &mut VoteScratch, heads: &mut Vec<u32>, labels: &mut Vec<u8>) {
        if let [parser] = &self.parsers[..] {
            parser.parse(forms, xpos, upos, &mut scratch.parse, heads, labels);
            return;
        }
        let n = forms.len();
        let side = n + 1;
        scratch.scores.clear();
        scratch.scores.resize(side * side, UNVOTED);
        scratch.votes.clear();
        for (rank, parser) in self.parsers.iter().enumerate() {
            parser.parse_unrelabelled(forms, xpos, upos, &mut scratch.parse, &mut scratch.heads, &mut scratch.labels);
            let w = vote_weight(rank, self.parsers.len());
            for (i, (&h, &l)) in scratch.heads.iter().zip(&scratch.labels).enumerate() {
                let cell = &mut scratch.scores[h as usize * side + i + 1];
                *cell = if *cell == UNVOTED { w } else { *cell + w };
                scratch.votes.push((h, l));
            }
        }
        max_spanning_tree(side, &mut scratch.scores, heads);
        // The relation of each chosen arc: the one with the most weight among its voters.
        labels.clear();
        scratch.label_votes.resize(NLABELS, 0.0);
        for d in 0..n {
            scratch.label_votes.fill(0.0);
            for (rank, vote) in scratch.votes.iter().skip(d).step_by(n).enumerate() {
                if vote.0 == heads[d] {
                    scratch.label_votes[vote.1 as usize] += vote_weight(rank, self.parsers.len()) as f32;
                }
            }
            labels.push(super::best_label(&scratch.label_votes));
        }
        // A relabeller sees the voted tree, which none of the voters may have made.
        if let Some(p) = self.parsers.iter().find(|p| p.relabels()) {
            p.relabel(forms, xpos, upos, &mut scratch.parse, heads, labels);
        }
    }
}

/// The heads (1-based, 0 = root) of the highest-scoring tree over nodes `0..side` rooted at
/// node 0 with one child, from head-major arc scores (Chu-Liu-Edmonds; the root's arcs are
/// lowered by [`ROOT_PENALTY`] in place). Written by hand: graph crates offer undirected
/// spanning trees, not this directed one.
fn max_spanning_tree(side: usize, scores: &mut [f64], heads: &mut Vec<u32>) {
    for cell in &mut scores[1..side] {
        *cell -= ROOT_PENALTY;
    }
    let tree = chu_liu_edmonds(side, &|h, d| scores[h * side + d]);
    heads.clear();
    heads.extend(tree[1..].iter().map(|&h| h as u32));
}

/// Best head per node (index 0, the root, has none: `usize::MAX`) of the maximum spanning
/// arborescence over `n` nodes; `score(h, d)` for every pair `h != d`, `d != 0`.
fn chu_liu_edmonds(n: usize, score: &dyn Fn(usize, usize) -> f64) -> Vec<usize> {
    let mut best = vec![usize::MAX; n];
    for (d, b) in best.iter_mut().enumerate().skip(1) {
        *b = (0..n).filter(|&h| h != d).max_by(|&a, &b| score(a, d).total_cmp(&score(b, d)).then(b.cmp(&a))).unwrap_or(0);
    }
    let Some(cycle) = find_cycle(&best) else {
        return best;
    };
    // Contract the cycle into one node `c` (the last index of the smaller graph); `id` maps
    // the other nodes to their indices there.
    let in_cycle: Vec<bool> = (0..n).map(|v| cycle.contains(&v)).collect();
    let mut id = vec![usize::MAX; n];
    let mut outside = Vec::with_capacity(n);
    for v in (0..n).filter(|&v| !in_cycle[v]) {
        id[v] = outside.len();
        outside.push(v);
    }
    let c = outside.len();
    let m = c + 1;
    // For arcs into the cycle, the best entering node; out of it, the best leaving node.
    let mut enter = vec![(f64::NEG_INFINITY, usize::MAX); n];
    let mut leave = vec![(f64::NEG_INFINITY, usize::MAX); n];
    for &x in &cycle {
        let kept = score(best[x], x);
        for (h, e) in enter.iter_mut().enumerate().filter(|&(h, _)| !in_cycle[h]) {
            let s = score(h, x) - kept;
            if s > e.0 {
                *e = (s, x);
            }
        }
        for (d, l) in leave.iter_mut().enumerate().filter(|&(d, _)| !in_cycle[d] && d != 0) {
            let s = score(x, d);
            if s > l.0 {
                *l = (s, x);
            }
        }
    }
    let small = |h: usize, d: usize| -> f64 {
        match (h == c, d == c) {
            (false, false) => score(outside[h], outside[d]),
            (false, true) => enter[outside[h]].0,
            (true, false) => leave[outside[d]].0,
            (true, true) => f64::NEG_INFINITY,
        }
    };
    let sub = chu_liu_edmonds(m, &small);
    // Expand: the cycle keeps its arcs but one, broken where the chosen arc enters it.
    let mut out = best;
    for d in 1..m {
        let h = sub[d];
        if d == c {
            let entry = enter[outside[h]].1;
            out[entry] = outside[h];
        } else if h == c {
            out[outside[d]] = leave[outside[d]].1;
        } else {
            out[outside[d]] = outside[h];
        }
    }
    out
}

/// The nodes of a cycle in the head graph `best`, if there is one.
fn find_cycle(best: &[usize]) -> Option<Vec<usize>> {
    // 0: unvisited, 1: on the current path, 2: done.
    let mut mark = vec![0u8; best.len()];
    mark[0] = 2;
    for start in 1..best.len() {
        let mut v = start;
        while mark[v] == 0 {
            mark[v] = 1;
            v = best[v];
        }
        if mark[v] == 1 {
            let mut cycle = vec![v];
            let mut u = best[v];
            while u != v {
                cycle.push(u);
                u = best[u];
            }
            let mut u = start;
            while mark[u] == 1 {
                mark[u] = 2;
                u = best[u];
            }
            return Some(cycle);
        }
        let mut u = start;
        while mark[u] == 1 {
            mark[u] = 2;
            u = best[u];
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mst(n: usize, arcs: &[(usize, usize, f64)]) -> Vec<u32> {
        let side = n + 1;
        let mut scores = vec![UNVOTED; side * side];
        for &(h, d, s) in arcs {
            scores[h * side + d] = s;
        }
        let mut heads = Vec::new();
        max_spanning_tree(side, &mut scores, &mut heads);
        heads
    }

    #[test]
    fn hangs_one_word_from_the_root() {
        // Alone, the best arcs would put both 1 and 2 under the root.
        assert_eq!(mst(2, &[(0, 1, 3.0), (0, 2, 3.0), (1, 2, 1.0), (2, 1, 0.5)]), vec![0, 1]);
    }

    #[test]
    fn keeps_a_tree_that_has_no_cycle() {
        assert_eq!(mst(3, &[(2, 1, 3.0), (0, 2, 3.0), (2, 3, 3.0)]), vec![2, 0, 2]);
    }

    #[test]
    fn breaks_a_cycle_where_it_costs_least() {
        // 1 and 2 each prefer the other as head (a cycle); the root reaches 1 more cheaply
        // than 2 relative to what each gives up, so 1 hangs from the root and 2 from 1.
        let heads = mst(3, &[(2, 1, 3.0), (1, 2, 3.0), (0, 1, 2.0), (0, 2, 1.0), (1, 3, 3.0)]);
        assert_eq!(heads, vec![0, 1, 1]);
    }

    #[test]
    fn breaks_nested_cycles() {
        // 1→2→3→1 is a cycle, and the contracted node forms another with 4.
        let arcs = [(3, 1, 5.0), (1, 2, 5.0), (2, 3, 5.0), (1, 4, 4.0), (4, 2, 1.0), (4, 3, 6.0), (0, 4, 1.0), (0, 1, 0.5)];
        let heads = mst(4, &arcs);
        // Every node reaches the root, no cycle.
        for start in 1..=4 {
            let (mut v, mut steps) = (start, 0);
            while v != 0 {
                v = heads[v - 1] as usize;
                steps += 1;
                assert!(steps <= 4, "cycle in {heads:?}");
            }
        }
        // The best tree by brute force over all head assignments.
        let score = |hs: &[u32]| -> f64 {
            hs.iter().enumerate().map(|(i, &h)| arcs.iter().find(|a| a.0 == h as usize && a.1 == i + 1).map_or(UNVOTED, |a| a.2)).sum()
        };
        let mut best = f64::NEG_INFINITY;
        for code in 0..5u32.pow(4) {
            let hs: Vec<u32> = (0..4).map(|i| (code / 5u32.pow(i)) % 5).collect();
            let is_tree = (1..=4).all(|s| {
                let (mut v, mut k) = (s, 0);
                while v != 0 && k <= 4 && hs[v - 1] as usize != v {
                    v = hs[v - 1] as usize;
                    k += 1;
                }
                v == 0
            });
            if is_tree {
                best = best.max(score(&hs));
            }
        }
        assert_eq!(score(&heads), best);
    }
}
