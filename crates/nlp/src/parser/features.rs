//! Parser features over a configuration: words, tags and relation labels of the top three
//! stack words, the first three buffer words and their outermost dependents, with distance
//! and valency, in the style of Zhang & Nivre (2011); and the features of one arc for the
//! relation classifier. Keys are hashed (see `crate::hash`);
//! nothing is allocated per feature.

use crate::clusters::{Clusters, NO_CLUSTER};
use crate::hash::f1;
use crate::word::Words;

use super::state::State;

/// Tag id used for "no such word".
const NO_TAG: u32 = 255;
/// Label id used for "no such dependent".
const NO_LABEL: u32 = 254;

/// The sentence being parsed: hashed normalised forms and tag ids of words 1..=n
/// (index i-1). Word strings are hashed once per sentence, not once per feature.
pub struct Sentence<'a> {
    /// Hash of each word's normalised form.
    pub words: &'a [u64],
    /// Hash of each word's three-letter suffix (what an unseen word still tells: "-ed").
    pub suffixes: &'a [u64],
    /// Parser tag id per word (`tags::TagMap`).
    pub tags: &'a [u8],
    /// Coarse word cluster per word; empty when the parser has no clusters.
    pub coarse: &'a [u16],
    /// Fine word cluster per word; empty when the parser has no clusters.
    pub fine: &'a [u16],
    /// Packed supertag per word (`supertag::pack`); empty when the parser has no supertagger.
    pub stags: &'a [u8],
}

/// Hash every normalised form of `words` into `out`, then every suffix: `out` holds `2n`
/// values, split by [`Sentence::new`].
pub fn hash_words(words: &Words, out: &mut Vec<u64>) {
    out.clear();
    out.extend((0..words.len()).map(|i| f1(0, words.norm(i))));
    out.extend((0..words.len()).map(|i| f1(1, words.suffix(i, 3))));
}

/// The (coarse, fine) clusters of the words hashed by [`hash_words`] into `coarse` and
/// `fine`; both are left empty without clusters.
pub fn cluster_words(clusters: Option<&Clusters>, hashes: &[u64], coarse: &mut Vec<u16>, fine: &mut Vec<u16>) {
    coarse.clear();
    fine.clear();
    if let Some(c) = clusters {
        for &h in &hashes[..hashes.len() / 2] {
            let (a, b) = c.by_key(h);
            coarse.push(a);
            fine.push(b);
        }
    }
}

impl<'a> Sentence<'a> {
    /// The sentence over hashes made by [`hash_words`], tag ids and the clusters of
    /// [`cluster_words`].
    pub fn new(hashes: &'a [u64], tags: &'a [u8], coarse: &'a [u16], fine: &'a [u16]) -> Self {
        let n = hashes.len() / 2;
        Sentence { words: &hashes[..n], suffixes: &hashes[n..], tags, coarse, fine, stags: &[] }
    }

    /// The same sentence with the supertags of its words.
    pub fn with_supertags(self, stags: &'a [u8]) -> Self {
        Sentence { stags, ..self }
    }
}

/// Cluster id of the root.
const ROOT_CLUSTER: u16 = NO_CLUSTER - 1;

const ROOT_WORD: u64 = 0x9e37_79b9_7f4a_7c15;
const NO_WORD: u64 = 0x6a09_e667_f3bc_c909;

/// A feature key from a template number and two values (word hashes or small ints):
/// splitmix64-style mixing, cheap and well spread.
#[inline]
pub(super) fn key(template: u32, a: u64, b: u64) -> u64 {
    let mut z = (u64::from(template) << 56) ^ a.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ b.rotate_left(29).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^= z >> 31;
    z | (z == 0) as u64
}

impl Sentence<'_> {
    pub(super) fn word(&self, w: Option<u32>) -> u64 {
        match w {
            Some(0) => ROOT_WORD,
            Some(w) => self.words[w as usize - 1],
            None => NO_WORD,
        }
    }
    pub(super) fn suffix(&self, w: Option<u32>) -> u64 {
        match w {
            Some(0) => ROOT_WORD,
            Some(w) => self.suffixes[w as usize - 1],
            None => NO_WORD,
        }
    }
    fn cluster(classes: &[u16], w: Option<u32>) -> u64 {
        u64::from(match w {
            Some(0) => ROOT_CLUSTER,
            Some(w) => classes[w as usize - 1],
            None => NO_CLUSTER,
        })
    }
    pub(super) fn fine(&self, w: Option<u32>) -> u64 {
        Self::cluster(self.fine, w)
    }
    pub(super) fn coarse(&self, w: Option<u32>) -> u64 {
        Self::cluster(self.coarse, w)
    }
    fn stag(&self, w: Option<u32>) -> u64 {
        u64::from(match w {
            Some(0) => 255,
            Some(w) => self.stags[w as usize - 1],
            None => 0,
        })
    }
    pub(super) fn tag(&self, w: Option<u32>) -> u32 {
        match w {
            Some(0) => 253,
            Some(w) => u32::from(self.tags[w as usize - 1]),
            None => NO_TAG,
        }
    }
}

fn label(state: &State, w: Option<u32>) -> u32 {
    match w {
        Some(w) if w != 0 => u32::from(state.labels[w as usize]),
        _ => NO_LABEL,
    }
}

fn nonzero(w: u32) -> Option<u32> {
    (w != 0).then_some(w)
}

fn tags3(a: u32, b: u32, c: u32) -> u32 {
    a | (b << 8) | (c << 16)
}

/// Fill `out` with the features of `state`.
pub fn extract(sent: &Sentence, state: &State, out: &mut Vec<u64>) {
    out.clear();
    let (s0, s1, s2) = (state.s(0), state.s(1), state.s(2));
    let (b0, b1, b2) = (state.b(0), state.b(1), state.b(2));
    let left = |w: Option<u32>, i: usize| w.and_then(|w| nonzero(state.lefts[w as usize][i]));
    let right = |w: Option<u32>, i: usize| w.and_then(|w| nonzero(state.rights[w as usize][i]));
    let (s0l, s0l2, s0r, s0r2) = (left(s0, 0), left(s0, 1), right(s0, 0), right(s0, 1));
    let (s1l, s1r, b0l, b0l2) = (left(s1, 0), right(s1, 0), left(b0, 0), left(b0, 1));

    let (s0w, s1w, s2w, b0w, b1w, b2w): (u64, u64, u64, u64, u64, u64) = (sent.word(s0), sent.word(s1), sent.word(s2), sent.word(b0), sent.word(b1), sent.word(b2));
    let (s0t, s1t, s2t, b0t, b1t, b2t) = (sent.tag(s0), sent.tag(s1), sent.tag(s2), sent.tag(b0), sent.tag(b1), sent.tag(b2));
    let (s0lt, s0l2t, s0rt, s0r2t) = (sent.tag(s0l), sent.tag(s0l2), sent.tag(s0r), sent.tag(s0r2));
    let (s1lt, s1rt, b0lt, b0l2t) = (sent.tag(s1l), sent.tag(s1r), sent.tag(b0l), sent.tag(b0l2));
    let (s0ll, s0rl, b0ll, s1ll, s1rl) = (label(state, s0l), label(state, s0r), label(state, b0l), label(state, s1l), label(state, s1r));

    // Single words.
    out.push(key(1, s0w, 0));
    out.push(key(2, u64::from(s0t), 0));
    out.push(key(3, s0w, u64::from(s0t)));
    out.push(key(4, b0w, 0));
    out.push(key(5, u64::from(b0t), 0));
    out.push(key(6, b0w, u64::from(b0t)));
    out.push(key(7, b1w, 0));
    out.push(key(8, u64::from(b1t), 0));
    out.push(key(9, b1w, u64::from(b1t)));
    out.push(key(10, s1w, 0));
    out.push(key(11, u64::from(s1t), 0));
    out.push(key(12, s1w, u64::from(s1t)));
    out.push(key(13, b2w, 0));
    out.push(key(14, u64::from(b2t), u64::from(s2t)));
    out.push(key(15, s2w, 0));
    // Pairs.
    out.push(key(16, s0w, b0w));
    out.push(key(17, s0w, u64::from(tags3(s0t, b0t, 0))));
    out.push(key(18, b0w, u64::from(tags3(s0t, b0t, 0))));
    out.push(key(19, s0w, u64::from(b0t)));
    out.push(key(20, b0w, u64::from(s0t)));
    out.push(key(21, u64::from(s0t), u64::from(b0t)));
    out.push(key(22, u64::from(b0t), u64::from(b1t)));
    out.push(key(23, u64::from(s0t), u64::from(s1t)));
    out.push(key(24, s0w, s1w));
    out.push(key(25, s1w, u64::from(s0t)));
    out.push(key(26, s0w, u64::from(s1t)));
    out.push(key(27, b0w, b1w));
    // Tag trigrams.
    out.push(key(28, u64::from(tags3(b0t, b1t, b2t)), 0));
    out.push(key(29, u64::from(tags3(s0t, b0t, b1t)), 0));
    out.push(key(30, u64::from(tags3(s1t, s0t, b0t)), 0));
    out.push(key(31, u64::from(tags3(s2t, s1t, s0t)), 0));
    out.push(key(32, u64::from(tags3(s0t, s0lt, b0t)), 0));
    out.push(key(33, u64::from(tags3(s0t, s0rt, b0t)), 0));
    out.push(key(34, u64::from(tags3(s0t, b0t, b0lt)), 0));
    out.push(key(35, u64::from(tags3(s0t, s0lt, s0l2t)), 0));
    out.push(key(36, u64::from(tags3(s0t, s0rt, s0r2t)), 0));
    out.push(key(37, u64::from(tags3(b0t, b0lt, b0l2t)), 0));
    out.push(key(38, u64::from(tags3(s1t, s0t, s1lt)), 0));
    out.push(key(39, u64::from(tags3(s1t, s0t, s1rt)), 0));
    // Distance and valency.
    let dist = match (s0, b0) {
        (Some(s), Some(b)) if s != 0 => (b - s).min(5),
        _ => 0,
    };
    out.push(key(40, s0w, u64::from(dist)));
    out.push(key(41, u64::from(s0t), u64::from(dist)));
    out.push(key(42, u64::from(tags3(s0t, b0t, dist)), 1));
    let val = |w: Option<u32>, side: usize| w.map_or(0, |w| u32::from(state.valency[w as usize][side]).min(4));
    out.push(key(43, s0w, u64::from(val(s0, 1))));
    out.push(key(44, u64::from(s0t), u64::from(val(s0, 1))));
    out.push(key(45, s0w, u64::from(val(s0, 0))));
    out.push(key(46, u64::from(s0t), u64::from(val(s0, 0))));
    out.push(key(47, b0w, u64::from(val(b0, 0))));
    out.push(key(48, u64::from(b0t), u64::from(val(b0, 0))));
    // Dependents: words, tags, labels.
    out.push(key(49, sent.word(s0l), 0));
    out.push(key(50, sent.word(s0r), 0));
    out.push(key(51, sent.word(b0l), 0));
    out.push(key(52, u64::from(s0ll), u64::from(s0t)));
    out.push(key(53, u64::from(s0rl), u64::from(s0t)));
    out.push(key(54, u64::from(b0ll), u64::from(b0t)));
    out.push(key(55, u64::from(tags3(s0ll, s0rl, 0)), u64::from(s0t)));
    out.push(key(56, u64::from(s1ll), u64::from(s1rl)));
    out.push(key(57, s0w, u64::from(s0rl)));
    out.push(key(58, b0w, u64::from(b0ll)));
    out.push(key(59, u64::from(label(state, s0)), u64::from(s0t)));
    // Suffixes stand in for rare words; second dependents' labels (third-order features).
    let (s0x, b0x, b1x) = (sent.suffix(s0), sent.suffix(b0), sent.suffix(b1));
    out.push(key(60, s0x, u64::from(s0t)));
    out.push(key(61, b0x, u64::from(b0t)));
    out.push(key(62, s0x, b0x));
    out.push(key(63, b1x, u64::from(b1t)));
    out.push(key(64, u64::from(tags3(s0ll, label(state, s0l2), 0)), u64::from(s0t)));
    out.push(key(65, u64::from(tags3(s0rl, label(state, s0r2), 0)), u64::from(s0t)));
    out.push(key(66, u64::from(tags3(b0ll, label(state, b0l2), 0)), u64::from(b0t)));
    out.push(key(67, s0w, u64::from(tags3(s0t, b0t, b1t))));
    out.push(key(68, b0w, u64::from(tags3(s0t, b0t, b1t))));
    out.push(key(69, s0w ^ b0w.rotate_left(17), u64::from(b0t)));
    out.push(key(70, u64::from(tags3(b0t, b1t, b2t)), u64::from(s0t)));
    if !sent.fine.is_empty() {
        // Word clusters: a class stands in for the word where the word itself is too rare.
        let (s0f, s1f, b0f, b1f) = (sent.fine(s0), sent.fine(s1), sent.fine(b0), sent.fine(b1));
        let (s0c, s1c, b0c) = (sent.coarse(s0), sent.coarse(s1), sent.coarse(b0));
        out.push(key(71, s0f, u64::from(s0t)));
        out.push(key(72, b0f, u64::from(b0t)));
        out.push(key(73, b1f, u64::from(b1t)));
        out.push(key(74, s1f, u64::from(s1t)));
        out.push(key(75, s0f, b0f));
        out.push(key(76, s0c | b0c << 16, u64::from(tags3(s0t, b0t, 0))));
        out.push(key(77, s0f << 16 | u64::from(b0t), b0c << 16 | u64::from(s0t)));
        out.push(key(78, s1c << 32 | s0c << 16 | b0c, 0));
        out.push(key(79, sent.fine(s0l), u64::from(s0t)));
        out.push(key(80, sent.fine(s0r), u64::from(s0t)));
        out.push(key(81, sent.fine(b0l), u64::from(b0t)));
        out.push(key(82, s0f, s1f));
        out.push(key(83, b0f, b1f));
    }
    if !sent.stags.is_empty() {
        // Supertags: what the words on both sides are predicted to need.
        let (s0s, s1s, b0s, b1s, b2s) = (sent.stag(s0), sent.stag(s1), sent.stag(b0), sent.stag(b1), sent.stag(b2));
        out.push(key(84, s0s, 0));
        out.push(key(85, b0s, 0));
        out.push(key(86, b1s, 0));
        out.push(key(87, s1s, 0));
        out.push(key(88, b2s, 0));
        out.push(key(89, s0s, b0s));
        out.push(key(90, s0s << 8 | b0s, u64::from(tags3(s0t, b0t, 0))));
        out.push(key(91, s1s, s0s));
        out.push(key(92, b0s, b1s));
        out.push(key(95, s0s << 8 | b0s, u64::from(dist)));
    }
}

/// Fill `out` with the features of the arc `head → dep` for the relation classifier. The
/// dependent's own dependents are complete when it is attached (arc-hybrid pops it), so its
/// leftmost dependent (a case marker, a determiner) is known.
pub fn extract_label(sent: &Sentence, state: &State, dep: u32, head: u32, out: &mut Vec<u64>) {
    out.clear();
    let (d, h) = (Some(dep), Some(head));
    let (dw, dt, hw, ht) = (sent.word(d), u64::from(sent.tag(d)), sent.word(h), u64::from(sent.tag(h)));
    let (dx, hx) = (sent.suffix(d), sent.suffix(h));
    let dist = u64::from(dep.abs_diff(head).min(6)) | (u64::from(dep < head) << 4);
    let n = sent.words.len() as u32;
    let near = |w: u32, delta: i32| {
        let v = w as i64 + i64::from(delta);
        if v < 1 || v > i64::from(n) { None } else { Some(v as u32) }
    };
    let (dprev, dnext) = (u64::from(sent.tag(near(dep, -1))), u64::from(sent.tag(near(dep, 1))));
    let first_left = nonzero(state.lefts[dep as usize][0]);
    let last_right = nonzero(state.rights[dep as usize][0]);
    let (flw, flt) = (sent.word(first_left), u64::from(sent.tag(first_left)));
    let (lrt, lrl) = (u64::from(sent.tag(last_right)), u64::from(label(state, last_right)));
    // The head is not attached yet; what it already governs tells subject from object.
    let head_deps = u64::from(label(state, nonzero(state.lefts[head as usize][0]))) << 8 | u64::from(label(state, nonzero(state.rights[head as usize][0])));
    let val = u64::from(state.valency[dep as usize][0].min(3)) | u64::from(state.valency[dep as usize][1].min(3)) << 2;

    out.push(key(101, dw, 0));
    out.push(key(102, dt, 0));
    out.push(key(103, dw, dt));
    out.push(key(104, hw, 0));
    out.push(key(105, ht, 0));
    out.push(key(106, hw, ht));
    out.push(key(107, dt, ht));
    out.push(key(108, dw, ht));
    out.push(key(109, hw, dt));
    out.push(key(110, dw, hw));
    out.push(key(111, dist, dt << 8 | ht));
    out.push(key(112, dist, 0));
    out.push(key(113, flw, 0));
    out.push(key(114, flw, ht));
    out.push(key(115, flt, dt << 8 | ht));
    out.push(key(116, lrt, lrl));
    out.push(key(117, lrl, dt));
    out.push(key(118, dprev, dt << 8 | dnext));
    out.push(key(119, head_deps, ht << 8 | dt));
    out.push(key(120, val, dt));
    out.push(key(121, dist, dw));
    out.push(key(122, flw, dt));
    out.push(key(123, u64::from(head == 0), dt));
    out.push(key(124, dx, dt));
    out.push(key(125, dx, ht));
    out.push(key(126, hx, dt));
    if !sent.fine.is_empty() {
        let (df, hf, dc, hc) = (sent.fine(d), sent.fine(h), sent.coarse(d), sent.coarse(h));
        out.push(key(127, df, ht));
        out.push(key(128, hf, dt));
        out.push(key(129, dc << 16 | hc, dt << 8 | ht));
        out.push(key(130, df, hf));
    }
    if !sent.stags.is_empty() {
        let (ds, hs) = (sent.stag(d), sent.stag(h));
        out.push(key(131, ds, 0));
        out.push(key(132, ds, dt));
        out.push(key(133, ds, ht << 8 | dist));
        out.push(key(134, hs, dt));
        out.push(key(135, ds, dw));
    }
}
