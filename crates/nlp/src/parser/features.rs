//! Parser features over a configuration: words, tags and relation labels of the top three
//! stack words, the first three buffer words and their outermost dependents, with distance
//! and valency, in the style of Zhang & Nivre (2011). Keys are hashed (see `crate::hash`);
//! nothing is allocated per feature.

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
    /// XPOS id per word.
    pub tags: &'a [u8],
}

/// Hash every normalised form of `words` into `out`.
pub fn hash_words(words: &Words, out: &mut Vec<u64>) {
    out.clear();
    out.extend((0..words.len()).map(|i| f1(0, words.norm(i))));
}

const ROOT_WORD: u64 = 0x9e37_79b9_7f4a_7c15;
const NO_WORD: u64 = 0x6a09_e667_f3bc_c909;

/// A feature key from a template number and two values (word hashes or small ints):
/// splitmix64-style mixing, cheap and well spread.
#[inline]
fn key(template: u32, a: u64, b: u64) -> u64 {
    let mut z = (u64::from(template) << 56) ^ a.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ b.rotate_left(29).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^= z >> 31;
    z | (z == 0) as u64
}

impl Sentence<'_> {
    fn word(&self, w: Option<u32>) -> u64 {
        match w {
            Some(0) => ROOT_WORD,
            Some(w) => self.words[w as usize - 1],
            None => NO_WORD,
        }
    }
    fn tag(&self, w: Option<u32>) -> u32 {
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
}
