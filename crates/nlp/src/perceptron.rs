//! The averaged perceptron shared by every model (tagger, NER, later the parser): features
//! in (hashed `u64` keys, see [`crate::hash`]), one score per class out, and
//! `update(truth, guess, features)` during training.
//!
//! Two types: [`Trainer`] holds dense per-feature rows with lazy averaging (a timestamp per
//! row, so an update costs O(features × classes) and not O(all weights)); [`Model`] is the
//! frozen, averaged result: only the non-zero weights, stored as compressed sparse rows
//! behind an open-addressing table, so scoring touches a few cache lines per feature and
//! loading is a decompress plus one pass to build the table. Decoding strategies (greedy
//! left-to-right, transitions) belong to the models that use this.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::hash::IdentityBuild;

/// Training-time weights with lazy averaging.
pub struct Trainer {
    nclass: usize,
    index: HashMap<u64, u32, IdentityBuild>,
    keys: Vec<u64>,
    weights: Vec<f32>,
    totals: Vec<f64>,
    stamps: Vec<u32>,
    clock: u32,
}

impl Trainer {
    /// A trainer for `nclass` classes (at most 256).
    pub fn new(nclass: usize) -> Self {
        assert!((1..=256).contains(&nclass), "class count must be in 1..=256");
        Trainer {
            nclass,
            index: HashMap::default(),
            keys: Vec::new(),
            weights: Vec::new(),
            totals: Vec::new(),
            stamps: Vec::new(),
            clock: 0,
        }
    }

    /// Number of classes.
    pub fn nclass(&self) -> usize {
        self.nclass
    }

    /// Number of feature rows created so far.
    pub fn rows(&self) -> usize {
        self.keys.len()
    }

    /// Current (not averaged) scores of `feats` into `out` (length `nclass`).
    pub fn scores(&self, feats: &[u64], out: &mut [f32]) {
        out.fill(0.0);
        for f in feats {
            if let Some(&r) = self.index.get(f) {
                let row = &self.weights[r as usize * self.nclass..(r as usize + 1) * self.nclass];
                for (o, w) in out.iter_mut().zip(row) {
                    *o += *w;
                }
            }
        }
    }

    /// The best class for `feats` under the current weights (ties: lowest id).
    pub fn predict(&self, feats: &[u64], scratch: &mut Vec<f32>) -> usize {
        scratch.resize(self.nclass, 0.0);
        self.scores(feats, scratch);
        argmax(scratch)
    }

    /// Advance the averaging clock: call once per training example.
    pub fn tick(&mut self) {
        self.clock += 1;
    }

    /// The perceptron update: reward `truth`, penalise `guess` (no-op when equal).
    pub fn update(&mut self, truth: usize, guess: usize, feats: &[u64]) {
        if truth == guess {
            return;
        }
        for &f in feats {
            let r = self.row_of(f);
            self.catch_up(r);
            let base = r * self.nclass;
            self.weights[base + truth] += 1.0;
            self.weights[base + guess] -= 1.0;
        }
    }

    fn row_of(&mut self, key: u64) -> usize {
        if let Some(&r) = self.index.get(&key) {
            return r as usize;
        }
        let r = self.keys.len();
        self.index.insert(key, r as u32);
        self.keys.push(key);
        self.weights.resize(self.weights.len() + self.nclass, 0.0);
        self.totals.resize(self.totals.len() + self.nclass, 0.0);
        self.stamps.push(self.clock);
        r
    }

    /// Add the weights' contribution since the row's last change to its running totals.
    fn catch_up(&mut self, r: usize) {
        let elapsed = f64::from(self.clock - self.stamps[r]);
        if elapsed > 0.0 {
            let base = r * self.nclass;
            for k in base..base + self.nclass {
                self.totals[k] += f64::from(self.weights[k]) * elapsed;
            }
        }
        self.stamps[r] = self.clock;
    }

    /// The averaged weights as a frozen model; entries with `|w| < min_weight` are dropped
    /// (and rows left empty with them). Training can go on afterwards.
    pub fn average(&self, min_weight: f32) -> Model {
        let clock = f64::from(self.clock.max(1));
        let mut keys = Vec::new();
        let mut starts = vec![0u32];
        let mut classes = Vec::new();
        let mut weights = Vec::new();
        // Rows in key order: the file does not depend on the order features were met.
        let mut order: Vec<usize> = (0..self.keys.len()).collect();
        order.sort_unstable_by_key(|&r| self.keys[r]);
        for r in order {
            let base = r * self.nclass;
            let elapsed = f64::from(self.clock - self.stamps[r]);
            let before = classes.len();
            for k in 0..self.nclass {
                let total = self.totals[base + k] + f64::from(self.weights[base + k]) * elapsed;
                let avg = (total / clock) as f32;
                if avg.abs() >= min_weight && avg != 0.0 {
                    classes.push(k as u8);
                    weights.push(avg);
                }
            }
            if classes.len() > before {
                keys.push(self.keys[r]);
                starts.push(classes.len() as u32);
            }
        }
        // `from_parts` quantises exactly as the file stores weights, so a model behaves the
        // same before and after a save/load round trip.
        Model::from_parts(self.nclass as u32, keys, starts, classes, weights)
    }
}

/// A cache hint for the line holding `*p` (no effect off x86-64).
#[inline(always)]
fn prefetch<T>(p: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch is only a hint: it never faults and has no observable effect, and
    // `p` is a valid reference anyway. SSE is part of the x86-64 baseline.
    unsafe {
        core::arch::x86_64::_mm_prefetch((p as *const T).cast::<i8>(), core::arch::x86_64::_MM_HINT_T0);
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

/// Index of the largest score (first one on ties).
#[inline]
pub fn argmax(scores: &[f32]) -> usize {
    let mut best = 0;
    for (i, &s) in scores.iter().enumerate() {
        if s > scores[best] {
            best = i;
        }
    }
    best
}

/// One stored weight in 4 bytes: the class in the low 8 bits, the weight quantised to i16
/// (times `Model::scale`) above it. Rows are contiguous, so a row is one short read.
#[derive(Clone, Copy, Debug, Default)]
struct Entry(u32);

impl Entry {
    #[inline]
    fn new(class: u8, q: i16) -> Self {
        Entry(u32::from(q as u16) << 8 | u32::from(class))
    }
    #[inline]
    fn class(self) -> usize {
        (self.0 & 0xff) as usize
    }
    #[inline]
    fn q(self) -> i16 {
        (self.0 >> 8) as u16 as i16
    }
}

/// A table slot in 12 bytes: a 32-bit fingerprint of the feature key (the upper half; the
/// lower half chose the slot), where its row lies (start in the upper 24 bits, length in
/// the lower 8) and the row's quantisation scale. Small slots keep the table in cache; a
/// false match needs a 32-bit collision among features that also share a probe sequence,
/// which is negligible.
#[derive(Clone, Copy, Debug, Default)]
struct Slot {
    fp: u32,
    row: u32,
    scale: f32,
}

/// Set in the stored class count when the file has one scale per row (a single global
/// scale loses the small weights of models whose largest weight is large: the parser).
const PER_ROW_SCALES: u32 = 1 << 31;

/// The most entries a model can hold (24-bit row starts).
const MAX_ENTRIES: usize = 1 << 24;

#[inline]
fn fingerprint(key: u64) -> u32 {
    ((key >> 32) as u32).max(1)
}

/// Frozen averaged weights: sparse rows looked up through an open-addressing table. Rows
/// are stored in key order (`keys`, `starts`, `entries`); the table is rebuilt at load.
#[derive(Clone, Default)]
pub struct Model {
    nclass: u32,
    /// Quantisation scale of each row: weight = q × scale.
    scales: Vec<f32>,
    keys: Vec<u64>,
    starts: Vec<u32>,
    entries: Vec<Entry>,
    table: Vec<Slot>,
    mask: usize,
}

impl Model {
    /// Build from rows in any order; weights are quantised (see [`Entry`]).
    fn from_parts(nclass: u32, keys: Vec<u64>, starts: Vec<u32>, classes: Vec<u8>, weights: Vec<f32>) -> Self {
        let mut scales = Vec::with_capacity(keys.len());
        let mut q = Vec::with_capacity(weights.len());
        for r in 0..keys.len() {
            let (a, b) = (starts[r] as usize, starts[r + 1] as usize);
            let max = weights[a..b].iter().fold(0f32, |m, w| m.max(w.abs()));
            let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
            scales.push(scale);
            q.extend(classes[a..b].iter().zip(&weights[a..b]).map(|(&c, &w)| Entry::new(c.min((nclass - 1) as u8), (w / scale).round().clamp(-32767.0, 32767.0) as i16)));
        }
        Self::from_quantised(nclass, scales, keys, starts, q)
    }

    fn from_quantised(nclass: u32, scales: Vec<f32>, keys: Vec<u64>, starts: Vec<u32>, entries: Vec<Entry>) -> Self {
        let n = entries.len().min(MAX_ENTRIES) as u32;
        let well_formed = starts.len() == keys.len() + 1
            && starts.first() == Some(&0)
            && starts.last() == Some(&n)
            && starts.windows(2).all(|w| w[0] < w[1] && w[1] - w[0] <= 255)
            && keys.windows(2).all(|w| w[0] < w[1])
            && scales.len() == keys.len();
        if well_formed {
            // What `write_raw` stores: take it as it is.
            return Self::with_table(nclass, scales, keys, starts, entries);
        }
        // Rows in key order, each at most 255 entries (a row has at most one per class).
        let mut order: Vec<usize> = (0..keys.len()).collect();
        order.sort_unstable_by_key(|&r| keys[r]);
        let (mut k2, mut s2, mut e2) = (Vec::with_capacity(keys.len()), Vec::with_capacity(keys.len() + 1), Vec::with_capacity(entries.len()));
        let mut sc2 = Vec::with_capacity(keys.len());
        s2.push(0u32);
        for r in order {
            let a = starts.get(r).copied().unwrap_or(n).min(n);
            let b = starts.get(r + 1).copied().unwrap_or(n).clamp(a, n).min(a + 255);
            if b > a && (e2.len() + (b - a) as usize) <= MAX_ENTRIES {
                k2.push(keys[r]);
                sc2.push(scales.get(r).copied().unwrap_or(1.0));
                e2.extend_from_slice(&entries[a as usize..b as usize]);
                s2.push(e2.len() as u32);
            }
        }
        Self::with_table(nclass, sc2, k2, s2, e2)
    }

    fn with_table(nclass: u32, scales: Vec<f32>, k2: Vec<u64>, s2: Vec<u32>, e2: Vec<Entry>) -> Self {
        let size = (k2.len() * 2).next_power_of_two().max(16);
        let mask = size - 1;
        let mut table = vec![Slot::default(); size];
        for (r, &k) in k2.iter().enumerate() {
            let fp = fingerprint(k);
            let mut i = k as usize & mask;
            while table[i].fp != 0 {
                i = (i + 1) & mask;
            }
            table[i] = Slot { fp, row: s2[r] << 8 | (s2[r + 1] - s2[r]), scale: scales[r] };
        }
        Model { nclass, scales, keys: k2, starts: s2, entries: e2, table, mask }
    }

    /// Append the raw form, little-endian: nclass (with [`PER_ROW_SCALES`] set), rows,
    /// entries (u32 each), a reserved f32; then per row, in key order, the key (u64), its
    /// entry count (u32) and its scale (f32);
    /// then the entries' classes (u8) and weights quantised to i16 (× scale). Quantising
    /// keeps the file and the load small; the error (≤ scale/2 per weight) is far below
    /// what changes a decision.
    pub fn write_raw(&self, out: &mut Vec<u8>) {
        out.extend((self.nclass | PER_ROW_SCALES).to_le_bytes());
        out.extend((self.keys.len() as u32).to_le_bytes());
        out.extend((self.entries.len() as u32).to_le_bytes());
        out.extend(1f32.to_le_bytes());
        for (r, k) in self.keys.iter().enumerate() {
            out.extend(k.to_le_bytes());
            out.extend((self.starts[r + 1] - self.starts[r]).to_le_bytes());
            out.extend(self.scales[r].to_le_bytes());
        }
        out.extend(self.entries.iter().map(|e| e.class() as u8));
        for e in &self.entries {
            out.extend(e.q().to_le_bytes());
        }
    }

    /// Read the raw form written by [`Model::write_raw`]; returns the model and the bytes used.
    pub fn read_raw(b: &[u8], what: &str) -> Result<(Self, usize), crate::Error> {
        let bad = |m: &str| crate::Error::Decode { what: what.to_string(), message: m.to_string() };
        let u32_at = |o: usize| b.get(o..o + 4).map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]])).ok_or_else(|| bad("truncated header"));
        let (flags, rows, n) = (u32_at(0)?, u32_at(4)? as usize, u32_at(8)? as usize);
        let (nclass, per_row) = (flags & !PER_ROW_SCALES, flags & PER_ROW_SCALES != 0);
        let scale = f32::from_bits(u32_at(12)?);
        let row_len = if per_row { 16 } else { 12 };
        let need = 16 + rows * row_len + n * 3;
        if b.len() < need || nclass == 0 || nclass > 256 || !scale.is_finite() || n > MAX_ENTRIES {
            return Err(bad("truncated or inconsistent weight table"));
        }
        let mut keys = Vec::with_capacity(rows);
        let mut starts = Vec::with_capacity(rows + 1);
        starts.push(0u32);
        let mut acc = 0u32;
        let mut scales = Vec::with_capacity(rows);
        for c in b[16..16 + rows * row_len].chunks_exact(row_len) {
            keys.push(u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]));
            acc = acc.saturating_add(u32::from_le_bytes([c[8], c[9], c[10], c[11]])).min(n as u32);
            starts.push(acc);
            let row_scale = if per_row { f32::from_le_bytes([c[12], c[13], c[14], c[15]]) } else { scale };
            scales.push(if row_scale.is_finite() { row_scale } else { 0.0 });
        }
        let o = 16 + rows * row_len;
        let entries: Vec<Entry> = b[o..o + n]
            .iter()
            .zip(b[o + n..o + n * 3].chunks_exact(2))
            .map(|(&c, w)| Entry::new(c.min((nclass - 1) as u8), i16::from_le_bytes([w[0], w[1]])))
            .collect();
        Ok((Self::from_quantised(nclass, scales, keys, starts, entries), need))
    }

    /// A copy without the weights smaller than `min_weight` in magnitude (rows left empty
    /// are dropped): a smaller, faster model for a small loss of accuracy.
    pub fn pruned(&self, min_weight: f32) -> Model {
        let (mut keys, mut starts, mut classes, mut weights) = (Vec::new(), vec![0u32], Vec::new(), Vec::new());
        for (r, &k) in self.keys.iter().enumerate() {
            let before = classes.len();
            for e in &self.entries[self.starts[r] as usize..self.starts[r + 1] as usize] {
                let w = f32::from(e.q()) * self.scales[r];
                if w.abs() >= min_weight {
                    classes.push(e.class() as u8);
                    weights.push(w);
                }
            }
            if classes.len() > before {
                keys.push(k);
                starts.push(classes.len() as u32);
            }
        }
        Model::from_parts(self.nclass, keys, starts, classes, weights)
    }

    /// Number of classes.
    pub fn nclass(&self) -> usize {
        self.nclass as usize
    }

    /// Number of stored feature rows.
    pub fn rows(&self) -> usize {
        self.keys.len()
    }

    /// Number of stored weights.
    pub fn nonzero(&self) -> usize {
        self.entries.len()
    }

    /// Scores of `feats` into `out` (resized to `nclass`).
    #[inline]
    pub fn scores(&self, feats: &[u64], out: &mut Vec<f32>) {
        out.clear();
        out.resize(self.nclass as usize, 0.0);
        if self.table.is_empty() {
            return;
        }
        // Each feature costs two dependent cache misses (slot, then row). Asking for all the
        // slots first, then all the rows, lets the misses of different features overlap.
        for &f in feats {
            prefetch(&self.table[f as usize & self.mask]);
        }
        let mut rows: [(u32, u32, f32); 96] = [(0, 0, 0.0); 96];
        let mut n = 0;
        for &f in feats {
            if let Some(row) = self.row_range(f) {
                if n < rows.len() {
                    if let Some(e) = self.entries.get(row.0 as usize) {
                        prefetch(e);
                    }
                    rows[n] = row;
                    n += 1;
                } else {
                    self.add_row(row, out);
                }
            }
        }
        for &row in &rows[..n] {
            self.add_row(row, out);
        }
    }

    #[inline]
    fn add_row(&self, (a, len, scale): (u32, u32, f32), out: &mut [f32]) {
        if let Some(row) = self.entries.get(a as usize..(a + len) as usize) {
            for e in row {
                if let Some(o) = out.get_mut(e.class()) {
                    *o += f32::from(e.q()) * scale;
                }
            }
        }
    }

    /// (start, length, scale) of the row of `key`, if it has one.
    #[inline]
    fn row_range(&self, key: u64) -> Option<(u32, u32, f32)> {
        let fp = fingerprint(key);
        let mut i = key as usize & self.mask;
        loop {
            let s = self.table[i];
            if s.fp == fp {
                return Some((s.row >> 8, s.row & 0xff, s.scale));
            }
            if s.fp == 0 {
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }

    /// The best class for `feats`.
    #[inline]
    pub fn predict(&self, feats: &[u64], scratch: &mut Vec<f32>) -> usize {
        self.scores(feats, scratch);
        argmax(scratch)
    }
}

/// A small deterministic generator for shuffling training examples (splitmix64: a seed
/// gives the same order on every platform, which `rand`'s std generators do not promise).
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    /// Next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// Fisher-Yates shuffle.
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

/// Largest decompressed model accepted (a guard against corrupt length fields).
const MAX_RAW: u64 = 1 << 31;

/// Training settings shared by the perceptron models.
#[derive(Clone, Debug)]
pub struct TrainConfig {
    /// Maximum number of epochs.
    pub epochs: usize,
    /// Shuffle seed.
    pub seed: u64,
    /// Stop after this many epochs without a dev improvement.
    pub patience: usize,
    /// Averaged weights smaller than this are dropped from the saved model.
    pub min_weight: f32,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig { epochs: 12, seed: 1, patience: 3, min_weight: 0.02 }
    }
}

/// Early stopping: keeps the best-scoring model of the epochs seen and says when `patience`
/// epochs in a row brought no gain.
pub struct BestEpoch<T> {
    best: Option<(f64, T)>,
    stale: usize,
    patience: usize,
}

impl<T> BestEpoch<T> {
    /// Stop after `patience` epochs without a gain.
    pub fn new(patience: usize) -> Self {
        BestEpoch { best: None, stale: 0, patience }
    }

    /// Record an epoch's dev score and model; true when training should stop.
    pub fn record(&mut self, score: f64, model: T) -> bool {
        if self.best.as_ref().is_none_or(|(b, _)| score > *b) {
            self.best = Some((score, model));
            self.stale = 0;
        } else {
            self.stale += 1;
        }
        self.stale >= self.patience
    }

    /// The best model, or an error when no epoch was recorded.
    pub fn into_best(self) -> Result<T, crate::Error> {
        self.best.map(|(_, m)| m).ok_or_else(|| crate::Error::NoData("no training epoch was run".into()))
    }
}

/// A model stored in a file: serialisation to and from bytes, and the file I/O that every
/// model shares.
pub trait ModelFile: Sized {
    /// Serialise (postcard metadata + weights, zstd).
    fn to_bytes(&self) -> Result<Vec<u8>, crate::Error>;

    /// Load from bytes made by [`ModelFile::to_bytes`]; `what` names the source in errors.
    fn from_bytes(bytes: &[u8], what: &str) -> Result<Self, crate::Error>;

    /// Load a model file.
    fn load(path: &std::path::Path) -> Result<Self, crate::Error> {
        let bytes = std::fs::read(path).map_err(|e| crate::Error::io(path, e))?;
        Self::from_bytes(&bytes, &path.display().to_string())
    }

    /// Write a model file.
    fn save(&self, path: &std::path::Path) -> Result<(), crate::Error> {
        std::fs::write(path, self.to_bytes()?).map_err(|e| crate::Error::io(path, e))
    }
}

/// Serialise a model file: `meta` (postcard) followed by the raw weights of `model`, zstd
/// compressed, behind an 8-byte length so loading decompresses in one call.
pub fn to_bytes<T: Serialize>(meta: &T, model: &Model) -> Result<Vec<u8>, crate::Error> {
    to_bytes_many(meta, &[model])
}

/// [`to_bytes`] for a file holding several models (the parser's transition and label
/// classifiers), stored one after the other.
pub fn to_bytes_many<T: Serialize>(meta: &T, models: &[&Model]) -> Result<Vec<u8>, crate::Error> {
    let m = postcard::to_allocvec(meta).map_err(|e| crate::Error::Encode(e.to_string()))?;
    let weights: usize = models.iter().map(|x| x.nonzero() * 5 + x.rows() * 16 + 32).sum();
    let mut raw = Vec::with_capacity(m.len() + weights);
    raw.extend((m.len() as u64).to_le_bytes());
    raw.extend(&m);
    for model in models {
        model.write_raw(&mut raw);
    }
    let z = zstd::bulk::compress(&raw, 19).map_err(|e| crate::Error::Encode(e.to_string()))?;
    let mut out = Vec::with_capacity(z.len() + 8);
    out.extend((raw.len() as u64).to_le_bytes());
    out.extend(z);
    Ok(out)
}

/// The inverse of [`to_bytes`]; `what` names the source for error messages.
pub fn from_bytes<T: for<'de> Deserialize<'de>>(bytes: &[u8], what: &str) -> Result<(T, Model), crate::Error> {
    let (meta, mut models) = from_bytes_many(bytes, what, 1)?;
    let model = models.pop().ok_or_else(|| crate::Error::Decode { what: what.to_string(), message: "no weights".into() })?;
    Ok((meta, model))
}

/// The inverse of [`to_bytes_many`]: the metadata and `count` models.
pub fn from_bytes_many<T: for<'de> Deserialize<'de>>(bytes: &[u8], what: &str, count: usize) -> Result<(T, Vec<Model>), crate::Error> {
    let bad = |m: String| crate::Error::Decode { what: what.to_string(), message: m };
    let len = bytes.get(..8).map(|b| u64::from_le_bytes(b.try_into().unwrap_or([0; 8]))).ok_or_else(|| bad("file too short".into()))?;
    if len > MAX_RAW {
        return Err(bad(format!("implausible size {len}")));
    }
    let raw = zstd::bulk::decompress(&bytes[8..], len as usize).map_err(|e| bad(e.to_string()))?;
    let mlen = raw.get(..8).map(|b| u64::from_le_bytes(b.try_into().unwrap_or([0; 8]))).ok_or_else(|| bad("truncated".into()))? as usize;
    let meta_bytes = raw.get(8..8usize.saturating_add(mlen)).ok_or_else(|| bad("truncated metadata".into()))?;
    let meta = postcard::from_bytes(meta_bytes).map_err(|e| bad(e.to_string()))?;
    let mut at = 8 + mlen;
    let mut models = Vec::with_capacity(count);
    for _ in 0..count {
        let (model, used) = Model::read_raw(raw.get(at..).unwrap_or(&[]), what)?;
        at += used;
        models.push(model);
    }
    Ok((meta, models))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two linearly separable classes over two features.
    fn train(seed: u64) -> Model {
        let data: Vec<(Vec<u64>, usize)> = vec![(vec![1, 3], 0), (vec![2, 3], 1), (vec![1, 4], 0), (vec![2, 4], 1)];
        let mut t = Trainer::new(2);
        let mut order: Vec<usize> = (0..data.len()).collect();
        let mut rng = Rng::new(seed);
        let mut scratch = Vec::new();
        for _ in 0..5 {
            rng.shuffle(&mut order);
            for &i in &order {
                let (f, y) = &data[i];
                let g = t.predict(f, &mut scratch);
                t.update(*y, g, f);
                t.tick();
            }
        }
        t.average(0.0)
    }

    #[test]
    fn learns_separable_data_deterministically() {
        let m = train(7);
        let mut s = Vec::new();
        assert_eq!(m.predict(&[1, 3], &mut s), 0);
        assert_eq!(m.predict(&[2, 4], &mut s), 1);
        let a = to_bytes(&(), &m).unwrap();
        let b = to_bytes(&(), &train(7)).unwrap();
        assert_eq!(a, b, "same seed, same model bytes");
    }

    #[test]
    fn averaging_weighs_updates_by_how_long_they_lasted() {
        let mut t = Trainer::new(2);
        t.update(0, 1, &[9]); // w = (+1, -1) from clock 0
        t.tick();
        t.tick();
        t.tick();
        t.update(1, 0, &[9]); // back to (0, 0) at clock 3
        t.tick(); // clock 4: average = 3/4 of (+1, -1)
        let m = t.average(0.0);
        let mut s = Vec::new();
        m.scores(&[9], &mut s);
        assert!((s[0] - 0.75).abs() < 1e-6 && (s[1] + 0.75).abs() < 1e-6, "{s:?}");
    }

    #[test]
    fn save_load_round_trip_keeps_scores() {
        let m = train(3);
        let bytes = to_bytes(&1u8, &m).unwrap();
        let (meta, back): (u8, Model) = from_bytes(&bytes, "test").unwrap();
        assert_eq!(meta, 1);
        let (mut a, mut b) = (Vec::new(), Vec::new());
        for f in [[1u64, 3], [2, 4], [1, 4], [5, 6]] {
            m.scores(&f, &mut a);
            back.scores(&f, &mut b);
            for (x, y) in a.iter().zip(&b) {
                assert!((x - y).abs() < 1e-3, "{a:?} vs {b:?}");
            }
        }
        assert_eq!(back.rows(), m.rows());
    }

    #[test]
    fn min_weight_prunes_small_entries() {
        let mut t = Trainer::new(2);
        t.update(0, 1, &[1]);
        for _ in 0..100 {
            t.tick();
        }
        t.update(1, 0, &[1]);
        t.update(0, 1, &[2]);
        t.tick();
        assert_eq!(t.average(0.0).rows(), 2);
        assert_eq!(t.average(0.5).rows(), 1);
    }
}
