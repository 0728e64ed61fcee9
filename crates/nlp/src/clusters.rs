//! Word clusters learned from unlabelled text, for features that generalise over words the
//! annotated treebanks rarely show (Koo et al. 2008 used Brown clusters this way).
//!
//! The clustering is the predictive exchange algorithm (Uszkoreit & Brants 2008, after
//! Kneser & Ney 1993 and Martin et al. 1998): each word goes to one class so as to maximise
//! the likelihood of the class bigram model P(w | c(w)) · P(c(w) | previous word). A pass
//! moves every word, most frequent first, to the class that gains the most; passes repeat
//! until few words move. It is deterministic: words are ordered by count then by string,
//! the start is round-robin over that order, and ties keep the current class.
//! Written by hand because no maintained crate does word clustering.
//!
//! Words are keyed by their normalised form (`word::Words::norm`: lowercase, digits as `0`),
//! which is what the parser hashes. Two independent clusterings give two granularities
//! (coarse and fine). This module does not read corpora (the CLI collects the sentences).

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::container::{self, ReadError};
use crate::hash::f1;
use crate::Error;

/// No cluster (a word too rare in the clustering text, or no word at all).
pub const NO_CLUSTER: u16 = u16::MAX;

/// Clustering settings.
#[derive(Clone, Debug)]
pub struct Config {
    /// Classes of the coarse clustering.
    pub coarse: usize,
    /// Classes of the fine clustering.
    pub fine: usize,
    /// Words seen fewer times are not clustered (they share one "rare" history and class).
    pub min_count: usize,
    /// Most exchange passes per clustering.
    pub passes: usize,
    /// Seed: rotates the round-robin start, so that other seeds give other local optima.
    pub seed: u64,
}

impl Default for Config {
    fn default() -> Self {
        Config { coarse: 64, fine: 512, min_count: 3, passes: 15, seed: 1 }
    }
}

/// Word → (coarse, fine) class, as stored in a file or a parser model.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct Clusters {
    /// Normalised word forms, sorted.
    words: Vec<String>,
    /// Coarse class per word.
    coarse: Vec<u16>,
    /// Fine class per word.
    fine: Vec<u16>,
    /// Lookup by the word's feature hash (`hash::f1(0, norm)`), built on load.
    #[serde(skip)]
    index: FxHashMap<u64, (u16, u16)>,
}

const MAGIC: &[u8; 8] = b"NGCLUS01";

impl Clusters {
    /// Build the lookup table (after deserialising).
    pub fn build_index(&mut self) {
        self.index = self.words.iter().enumerate().map(|(i, w)| (word_key(w), (self.coarse[i], self.fine[i]))).collect();
    }

    /// Number of clustered words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// True when no word is clustered.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// (coarse, fine) class of a normalised word, or `(NO_CLUSTER, NO_CLUSTER)`.
    pub fn get(&self, norm: &str) -> (u16, u16) {
        self.by_key(word_key(norm))
    }

    /// (coarse, fine) class by the word's feature hash `hash::f1(0, norm)`.
    #[inline]
    pub fn by_key(&self, key: u64) -> (u16, u16) {
        self.index.get(&key).copied().unwrap_or((NO_CLUSTER, NO_CLUSTER))
    }

    /// Serialise (`crate::container`: magic, length, zstd(postcard)).
    pub fn to_bytes(&self) -> Result<Vec<u8>, Error> {
        container::write(MAGIC, self).map_err(Error::Encode)
    }

    /// Read what [`Clusters::to_bytes`] wrote; `what` names the source in errors.
    pub fn from_bytes(bytes: &[u8], what: &str) -> Result<Self, Error> {
        let bad = |m: String| Error::Decode { what: what.to_string(), message: m };
        let mut c: Clusters = container::read(MAGIC, bytes, 1 << 30).map_err(|e| match e {
            ReadError::WrongKind => bad("not a clusters file (newsgraph train clusters writes them)".into()),
            ReadError::Bad(m) => bad(m),
        })?;
        if c.coarse.len() != c.words.len() || c.fine.len() != c.words.len() {
            return Err(bad("word and class counts differ".into()));
        }
        c.build_index();
        Ok(c)
    }

    /// Load a clusters file.
    pub fn load(path: &std::path::Path) -> Result<Self, Error> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        Self::from_bytes(&bytes, &path.display().to_string())
    }

    /// Write a clusters file.
    pub fn save(&self, path: &std::path::Path) -> Result<(), Error> {
        std::fs::write(path, self.to_bytes()?).map_err(|e| Error::io(path, e))
    }

    /// The words of a class (for inspection), in word order.
    pub fn members(&self, fine: bool, class: u16) -> impl Iterator<Item = &str> {
        let classes = if fine { &self.fine } else { &self.coarse };
        self.words.iter().zip(classes).filter(move |(_, &c)| c == class).map(|(w, _)| w.as_str())
    }
}

/// The parser's hash of a normalised word (the same as its word features).
pub fn word_key(norm: &str) -> u64 {
    f1(0, norm)
}

/// Bigram statistics of a text over a vocabulary: id 0 is "rare word", id 1 is the sentence
/// start (a history only), words are 2.. in order of decreasing count.
struct Bigrams {
    /// Vocabulary strings of ids 2.. (index id - 2).
    words: Vec<String>,
    /// Count of each id as a successor.
    counts: Vec<u64>,
    /// For each successor id, its (history id, count) pairs (CSR layout).
    pred_start: Vec<usize>,
    preds: Vec<(u32, u32)>,
}

fn bigrams<'a>(sentences: impl Fn() -> Box<dyn Iterator<Item = Vec<String>> + 'a>, min_count: usize) -> Bigrams {
    let mut freq: FxHashMap<String, u64> = FxHashMap::default();
    for s in sentences() {
        for w in s {
            *freq.entry(w).or_insert(0) += 1;
        }
    }
    let mut vocab: Vec<(String, u64)> = freq.into_iter().filter(|(_, c)| *c as usize >= min_count).collect();
    vocab.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let id: FxHashMap<&str, u32> = vocab.iter().enumerate().map(|(i, (w, _))| (w.as_str(), i as u32 + 2)).collect();
    let n = vocab.len() + 2;
    let mut pairs: FxHashMap<(u32, u32), u32> = FxHashMap::default();
    let mut counts = vec![0u64; n];
    for s in sentences() {
        let mut prev = 1u32;
        for w in &s {
            let cur = id.get(w.as_str()).copied().unwrap_or(0);
            counts[cur as usize] += 1;
            *pairs.entry((cur, prev)).or_insert(0) += 1;
            prev = cur;
        }
    }
    let mut pairs: Vec<((u32, u32), u32)> = pairs.into_iter().collect();
    pairs.sort_unstable();
    let mut pred_start = vec![0usize; n + 1];
    for &((cur, _), _) in &pairs {
        pred_start[cur as usize + 1] += 1;
    }
    for i in 0..n {
        pred_start[i + 1] += pred_start[i];
    }
    let preds = pairs.into_iter().map(|((_, prev), c)| (prev, c)).collect();
    Bigrams { words: vocab.into_iter().map(|(w, _)| w).collect(), counts, pred_start, preds }
}

/// `x ln x`, tabulated for small counts (most of the calls).
struct XLogX(Vec<f64>);

impl XLogX {
    fn new(n: usize) -> Self {
        XLogX((0..n).map(|x| if x == 0 { 0.0 } else { x as f64 * (x as f64).ln() }).collect())
    }
    #[inline]
    fn at(&self, x: u64) -> f64 {
        match self.0.get(x as usize) {
            Some(&v) => v,
            None => x as f64 * (x as f64).ln(),
        }
    }
}

/// Exchange clustering of the ids of `b` into `k` classes; returns the class of each id and
/// logs one line per pass.
fn exchange(b: &Bigrams, k: usize, passes: usize, seed: u64, log: &mut impl FnMut(&str)) -> Vec<u16> {
    let n = b.counts.len();
    let k = k.clamp(2, usize::from(NO_CLUSTER) - 1);
    // Round-robin by frequency: the most frequent words start in classes of their own.
    let offset = (seed as usize).wrapping_mul(7919) % k;
    let mut class: Vec<u16> = (0..n).map(|i| ((i + offset) % k) as u16).collect();
    // hist[v * k + c]: times history v is followed by a word of class c.
    let mut hist = vec![0u32; n * k];
    let mut size = vec![0u64; k];
    for w in 0..n {
        let c = class[w] as usize;
        size[c] += b.counts[w];
        for &(v, cnt) in &b.preds[b.pred_start[w]..b.pred_start[w + 1]] {
            hist[v as usize * k + c] += cnt;
        }
    }
    let f = XLogX::new(1 << 16);
    let mut gain = vec![0f64; k];
    for pass in 0..passes {
        let mut moved = 0usize;
        // Id 1 (sentence start) never follows anything; id 0 (rare words) is clustered too
        // but not reported.
        for w in (0..n).filter(|&w| w != 1) {
            let preds = &b.preds[b.pred_start[w]..b.pred_start[w + 1]];
            let (old, nw) = (class[w] as usize, b.counts[w]);
            if nw == 0 {
                continue;
            }
            for &(v, cnt) in preds {
                hist[v as usize * k + old] -= cnt;
            }
            size[old] -= nw;
            for (c, g) in gain.iter_mut().enumerate() {
                *g = f.at(size[c]) - f.at(size[c] + nw);
            }
            for &(v, cnt) in preds {
                let row = &hist[v as usize * k..(v as usize + 1) * k];
                let cnt = u64::from(cnt);
                for (g, &h) in gain.iter_mut().zip(row) {
                    let h = u64::from(h);
                    *g += f.at(h + cnt) - f.at(h);
                }
            }
            let mut best = old;
            for c in 0..k {
                if gain[c] > gain[best] + 1e-9 {
                    best = c;
                }
            }
            for &(v, cnt) in preds {
                hist[v as usize * k + best] += cnt;
            }
            size[best] += nw;
            if best != old {
                class[w] = best as u16;
                moved += 1;
            }
        }
        log(&format!("{k} classes, pass {}: {moved} words moved", pass + 1));
        if moved * 1000 < n {
            break;
        }
    }
    class
}

/// Cluster the words of `sentences` (each a list of normalised forms; the closure is called
/// twice, to count and to collect bigrams). Logs progress through `log`.
pub fn train<'a>(sentences: impl Fn() -> Box<dyn Iterator<Item = Vec<String>> + 'a>, cfg: &Config, mut log: impl FnMut(&str)) -> Result<Clusters, Error> {
    let b = bigrams(sentences, cfg.min_count.max(1));
    if b.words.is_empty() {
        return Err(Error::NoData("no word occurs often enough to cluster".into()));
    }
    log(&format!("{} words to cluster, {} distinct bigrams, {} tokens", b.words.len(), b.preds.len(), b.counts.iter().sum::<u64>()));
    let coarse = exchange(&b, cfg.coarse, cfg.passes, cfg.seed, &mut log);
    let fine = exchange(&b, cfg.fine, cfg.passes, cfg.seed, &mut log);
    let mut rows: Vec<(String, u16, u16)> = b.words.iter().enumerate().map(|(i, w)| (w.clone(), coarse[i + 2], fine[i + 2])).collect();
    rows.sort();
    let mut c = Clusters {
        words: rows.iter().map(|r| r.0.clone()).collect(),
        coarse: rows.iter().map(|r| r.1).collect(),
        fine: rows.iter().map(|r| r.2).collect(),
        index: FxHashMap::default(),
    };
    c.build_index();
    Ok(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two kinds of word in interchangeable positions: names before verbs, verbs before
    /// names. The exchange algorithm must put each kind in its own class.
    fn text() -> Vec<Vec<String>> {
        let names = ["putin", "lukashenko", "prigozhin", "biden", "scholz", "macron"];
        let verbs = ["met", "called", "praised", "warned", "thanked", "visited"];
        let mut out = Vec::new();
        for (i, a) in names.iter().enumerate() {
            for (j, v) in verbs.iter().enumerate() {
                let b = names[(i + j + 1) % names.len()];
                out.push(vec![a.to_string(), v.to_string(), b.to_string(), ".".to_string()]);
            }
        }
        out
    }

    fn cluster(cfg: &Config) -> Clusters {
        let t = text();
        train(|| Box::new(t.clone().into_iter()), cfg, |_| {}).unwrap()
    }

    #[test]
    fn separates_names_from_verbs() {
        let c = cluster(&Config { coarse: 2, fine: 3, min_count: 2, passes: 10, seed: 1 });
        assert_eq!(c.len(), 13);
        let (p, m) = (c.get("putin"), c.get("met"));
        for w in ["lukashenko", "prigozhin", "biden", "scholz", "macron"] {
            assert_eq!(c.get(w).0, p.0, "{w} with putin");
        }
        let verbs = ["met", "called", "praised", "warned", "thanked", "visited"];
        for w in verbs {
            assert_eq!(c.get(w).0, m.0, "{w} with met");
        }
        assert_ne!(p.0, m.0);
        // The finer clustering may split a kind, never mix the two.
        for n in ["putin", "lukashenko", "prigozhin", "biden", "scholz", "macron"] {
            assert!(verbs.iter().all(|v| c.get(v).1 != c.get(n).1), "{n} shares a fine class with a verb");
        }
        assert_eq!(c.get("unseen"), (NO_CLUSTER, NO_CLUSTER));
        assert_eq!(c.by_key(word_key("met")), m);
    }

    #[test]
    fn deterministic_and_round_trips() {
        let cfg = Config { coarse: 2, fine: 4, min_count: 1, passes: 5, seed: 3 };
        let (a, b) = (cluster(&cfg), cluster(&cfg));
        assert_eq!(a, b);
        let back = Clusters::from_bytes(&a.to_bytes().unwrap(), "test").unwrap();
        assert_eq!(back, a);
        assert_eq!(back.get("macron"), a.get("macron"));
        assert!(Clusters::from_bytes(b"garbage", "test").is_err());
    }
}
