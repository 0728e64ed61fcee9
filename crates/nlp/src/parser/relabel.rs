//! Relation labels chosen again once the whole tree is known. While it parses, the parser
//! labels each arc as it makes it, when the head's later dependents, its own head and the
//! dependent's siblings are still unknown: the other objects of a ditransitive verb, the
//! clause a subject's verb hangs from. A second averaged perceptron sees the finished tree
//! and chooses every label again from the parser's own label (stacking), the dependent,
//! the head, the head's head, the nearest siblings, the dependent's own dependents and the
//! commas between them. It learns from parses of the training sentences by parsers that
//! never saw them (jackknifed), on the arcs they got right, so that what it learns from
//! looks like what it meets; it is applied to whatever tree the parser or a vote made. It
//! never moves a head.

use crate::hash::f1;
use crate::perceptron::{Model, Trainer};

use super::features::{key, Sentence};
use super::best_label;
use super::NLABELS;

/// The dependents of every word of one tree, in sentence order: `of(h)` lists the words
/// whose head is `h` (0 = the root). Built in linear time, reusing its buffers.
#[derive(Default)]
pub struct Kids {
    start: Vec<u32>,
    list: Vec<u32>,
    /// Next free slot per head while building.
    fill: Vec<u32>,
    /// Commas before each position: `commas[i]` counts words `1..=i` that are ",".
    commas: Vec<u32>,
}

impl Kids {
    /// Index `heads` (`heads[i]` is the 1-based head of word `i + 1`, 0 the root).
    pub fn build(&mut self, heads: &[u32], sent: &Sentence) {
        let n = heads.len();
        self.start.clear();
        self.start.resize(n + 2, 0);
        for &h in heads {
            if let Some(s) = self.start.get_mut(h as usize + 1) {
                *s += 1;
            }
        }
        for i in 1..self.start.len() {
            self.start[i] += self.start[i - 1];
        }
        self.list.clear();
        self.list.resize(n, 0);
        self.fill.clone_from(&self.start);
        for (i, &h) in heads.iter().enumerate() {
            if let Some(slot) = self.fill.get_mut(h as usize) {
                self.list[*slot as usize] = i as u32 + 1;
                *slot += 1;
            }
        }
        let comma = f1(0, ",");
        self.commas.clear();
        self.commas.push(0);
        let mut c = 0;
        for &w in sent.words {
            c += u32::from(w == comma);
            self.commas.push(c);
        }
    }

    /// The dependents of `h`, leftmost first.
    pub fn of(&self, h: u32) -> &[u32] {
        let h = h as usize;
        match (self.start.get(h), self.start.get(h + 1)) {
            (Some(&a), Some(&b)) => &self.list[a as usize..b as usize],
            _ => &[],
        }
    }

    /// Commas strictly between words `a` and `b`.
    fn commas_between(&self, a: u32, b: u32) -> u32 {
        let (lo, hi) = (a.min(b) as usize, a.max(b) as usize);
        if hi <= lo + 1 {
            return 0;
        }
        self.commas[hi - 1] - self.commas[lo]
    }
}

/// Siblings looked at on each side of the dependent: the nearest ones say most, and a cap
/// keeps a head with very many dependents from costing quadratic time.
const SIBLINGS: usize = 3;

/// Fill `out` with the features of word `d`'s relation to its head in the tree `heads`
/// (indexed by `kids`), whose relations the parser gave as `own`.
pub fn extract(sent: &Sentence, heads: &[u32], own: &[u8], kids: &Kids, d: u32, out: &mut Vec<u64>) {
    out.clear();
    let h = heads[d as usize - 1];
    let n = heads.len() as u32;
    let (dd, hh) = (Some(d), Some(h));
    let (dw, dt, hw, ht) = (sent.word(dd), u64::from(sent.tag(dd)), sent.word(hh), u64::from(sent.tag(hh)));
    let (dx, hx) = (sent.suffix(dd), sent.suffix(hh));
    let left = u64::from(d < h);
    let dist = if h == 0 { 7 } else { u64::from(d.abs_diff(h).min(6)) | left << 4 };
    let near = |delta: i64| {
        let v = i64::from(d) + delta;
        (v >= 1 && v <= i64::from(n)).then_some(v as u32)
    };
    let (dprev, dnext) = (u64::from(sent.tag(near(-1))), u64::from(sent.tag(near(1))));
    let pair = dt << 8 | ht;

    out.push(key(201, dw, 0));
    out.push(key(202, dt, 0));
    out.push(key(203, dw, dt));
    out.push(key(204, hw, 0));
    out.push(key(205, ht, 0));
    out.push(key(206, hw, ht));
    out.push(key(207, pair, 0));
    out.push(key(208, dw, ht));
    out.push(key(209, hw, dt));
    out.push(key(210, dw, hw));
    out.push(key(211, dist, pair));
    out.push(key(212, dist, dw));
    out.push(key(213, dx, dt));
    out.push(key(214, dx, ht));
    out.push(key(215, hx, dt));
    out.push(key(216, dprev, dt << 8 | dnext));
    // What the parser said, alone and in context: right 96% of the time on a right arc.
    let mine = u64::from(own[d as usize - 1]);
    out.push(key(240, mine, 0));
    out.push(key(241, mine, pair));
    out.push(key(242, mine, dw));
    out.push(key(243, mine, hw));
    let of = |w: u32| if w == 0 { 0 } else { u64::from(own[w as usize - 1]) };
    out.push(key(244, of(h), mine << 8 | dt));

    // The dependent's own dependents: a "to" or "that" under it, a determiner, a "cc".
    let own = kids.of(d);
    let nl = own.iter().take_while(|&&c| c < d).count();
    let nr = own.len() - nl;
    out.push(key(217, (nl.min(3) | nr.min(3) << 2) as u64, dt));
    let (first, last) = (own.first().copied(), own.last().copied());
    out.push(key(218, sent.word(first), dt));
    out.push(key(219, u64::from(sent.tag(first)), pair));
    out.push(key(220, sent.word(last), dt));
    out.push(key(221, u64::from(sent.tag(last)), pair));
    for &c in own {
        let side = u64::from(c < d);
        out.push(key(222, sent.word(Some(c)), dt << 1 | side));
        out.push(key(223, u64::from(sent.tag(Some(c))) | side << 8, pair));
        out.push(key(245, of(c) | side << 8, mine << 8 | dt));
    }

    // The head's own head: a subject of a clause under another verb, a modifier's noun.
    let g = if h == 0 { None } else { heads.get(h as usize - 1).copied() };
    let up = g.map_or(2, |g| u64::from(h < g));
    out.push(key(224, u64::from(sent.tag(g)) | up << 8, pair));
    out.push(key(225, sent.word(g), pair));

    // Siblings: what else the head governs, nearest first on each side.
    let sibs = kids.of(h);
    let at = sibs.partition_point(|&s| s < d);
    let before = &sibs[at.saturating_sub(SIBLINGS)..at];
    let after = sibs.get(at + 1..).unwrap_or(&[]);
    let after = &after[..after.len().min(SIBLINGS)];
    for &s in before.iter().chain(after) {
        let side = u64::from(s < d) | u64::from(s < h) << 1;
        out.push(key(226, u64::from(sent.tag(Some(s))) | side << 8, pair));
        out.push(key(227, sent.word(Some(s)), dt << 2 | side));
        out.push(key(246, of(s) | side << 8, mine << 8 | dt));
    }
    let (ls, rs) = (before.last().copied(), after.first().copied());
    out.push(key(228, u64::from(sent.tag(ls)) | u64::from(sent.tag(rs)) << 8, pair));
    out.push(key(229, sent.word(ls), dt));
    out.push(key(230, sent.word(rs), dt));
    // How many of the head's dependents lie between it and this one.
    let between = if d < h { sibs[at + 1..].iter().take_while(|&&s| s < h).count() } else { sibs[..at].iter().rev().take_while(|&&s| s > h).count() };
    out.push(key(231, between.min(3) as u64 | left << 2, pair));
    out.push(key(232, u64::from(kids.commas_between(d, h).min(2)) | left << 2, pair));
    out.push(key(233, (sibs.len().min(6)) as u64, pair));

    if !sent.fine.is_empty() {
        let (df, hf, dc, hc) = (sent.fine(dd), sent.fine(hh), sent.coarse(dd), sent.coarse(hh));
        out.push(key(234, df, ht));
        out.push(key(235, hf, dt));
        out.push(key(236, dc << 16 | hc, pair));
        out.push(key(237, df, hf));
    }
}

/// Reused buffers for [`relabel`].
#[derive(Default)]
pub struct RelabelScratch {
    kids: Kids,
    own: Vec<u8>,
    feats: Vec<u64>,
    scores: Vec<f32>,
}

/// Choose every word's relation again with `model`, keeping the heads.
pub fn relabel(model: &Model, sent: &Sentence, heads: &[u32], labels: &mut [u8], scratch: &mut RelabelScratch) {
    scratch.kids.build(heads, sent);
    scratch.own.clear();
    scratch.own.extend_from_slice(labels);
    for (i, l) in labels.iter_mut().enumerate() {
        extract(sent, heads, &scratch.own, &scratch.kids, i as u32 + 1, &mut scratch.feats);
        model.scores(&scratch.feats, &mut scratch.scores);
        *l = best_label(&scratch.scores);
    }
}

/// A training sentence: a parser's tree of it and the gold tree.
pub struct Example<'a> {
    /// The sentence's feature inputs.
    pub sent: Sentence<'a>,
    /// The parser's heads.
    pub heads: &'a [u32],
    /// The parser's relations.
    pub own: &'a [u8],
    /// The gold heads.
    pub gold_heads: &'a [u32],
    /// The gold relations.
    pub gold: &'a [u8],
}

/// One training pass: each word the parser attached right has its relation predicted from
/// the parser's tree, and the perceptron is updated when it is wrong (a wrong arc has no
/// right relation to learn). Returns (words, errors).
pub fn train_pass<'a>(trainer: &mut Trainer, examples: impl Iterator<Item = Example<'a>>, scratch: &mut RelabelScratch) -> (usize, usize) {
    let (mut words, mut errors) = (0, 0);
    scratch.scores.resize(NLABELS, 0.0);
    for ex in examples {
        scratch.kids.build(ex.heads, &ex.sent);
        for (i, &truth) in ex.gold.iter().enumerate() {
            if ex.heads[i] != ex.gold_heads[i] {
                continue;
            }
            extract(&ex.sent, ex.heads, ex.own, &scratch.kids, i as u32 + 1, &mut scratch.feats);
            trainer.scores(&scratch.feats, &mut scratch.scores);
            let guess = best_label(&scratch.scores);
            trainer.tick();
            words += 1;
            if guess != truth {
                errors += 1;
                trainer.update(truth as usize, guess as usize, &scratch.feats);
            }
        }
    }
    (words, errors)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parser::deprel_id;

    /// "the cat saw a dog ." as hashes and one tag per word (the tags stand in for words).
    fn sentence(words: &[&str]) -> (Vec<u64>, Vec<u8>) {
        let mut hashes: Vec<u64> = words.iter().map(|w| f1(0, w)).collect();
        hashes.extend(words.iter().map(|w| f1(1, w)));
        let tags = (0..words.len() as u8).collect();
        (hashes, tags)
    }

    #[test]
    fn kids_list_dependents_in_order_and_count_commas_between() {
        let words = ["Smith", ",", "a", "lawyer", ",", "said", "it"];
        let (hashes, tags) = sentence(&words);
        let sent = Sentence::new(&hashes, &tags, &[], &[]);
        let heads = [6, 1, 4, 1, 1, 0, 6];
        let mut kids = Kids::default();
        kids.build(&heads, &sent);
        assert_eq!(kids.of(0), &[6]);
        assert_eq!(kids.of(1), &[2, 4, 5]);
        assert_eq!(kids.of(6), &[1, 7]);
        assert!(kids.of(3).is_empty());
        assert!(kids.of(99).is_empty(), "a word outside the sentence has no dependents");
        assert_eq!(kids.commas_between(1, 6), 2);
        assert_eq!(kids.commas_between(6, 1), 2);
        assert_eq!(kids.commas_between(3, 4), 0);
    }

    #[test]
    fn learns_relations_from_the_tree_when_the_parser_gives_none() {
        // The parser's own relation is always `dep`: only the tree and the words can tell
        // the subject (before the verb) from the object (after it).
        let words = ["cats", "see", "dogs"];
        let (hashes, tags) = sentence(&words);
        let heads = [2, 0, 2];
        let gold = [deprel_id("nsubj"), deprel_id("root"), deprel_id("obj")];
        let own = [deprel_id("dep"); 3];
        let mut trainer = Trainer::new(NLABELS);
        let mut scratch = RelabelScratch::default();
        for _ in 0..5 {
            let ex = Example { sent: Sentence::new(&hashes, &tags, &[], &[]), heads: &heads, own: &own, gold_heads: &heads, gold: &gold };
            train_pass(&mut trainer, std::iter::once(ex), &mut scratch);
        }
        let model = trainer.average(0.0);
        let mut labels = own.to_vec();
        relabel(&model, &Sentence::new(&hashes, &tags, &[], &[]), &heads, &mut labels, &mut scratch);
        assert_eq!(labels, gold);
        // A word the parser attached wrongly teaches nothing: no update is made.
        let wrong = [3, 0, 2];
        let mut fresh = Trainer::new(NLABELS);
        let ex = Example { sent: Sentence::new(&hashes, &tags, &[], &[]), heads: &wrong, own: &own, gold_heads: &heads, gold: &gold };
        assert_eq!(train_pass(&mut fresh, std::iter::once(ex), &mut scratch).0, 2);
    }
}
