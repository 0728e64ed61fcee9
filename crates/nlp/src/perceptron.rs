//! The averaged perceptron shared by every model (tagger, NER, later the parser): features
//! in (hashed `u64` keys, see [`crate::hash`]), one score per class out, and
//! `update(truth, guess, features)` during training.
//!
//! Two types: [`Trainer`] holds dense per-feature rows with lazy averaging (a timestamp per
//! row, so an update costs O(features × classes) and not O(all weights)); [`Model`] is the
//! frozen, averaged result: only the non-zero weights, nearly full rows stored dense (vector
//! adds) and the others sparse, behind an open-addressing table, so scoring touches a few
//! cache lines per feature and loading is a decompress plus one streaming pass to build the
//! table. The file layout (`to_bytes_many`) keeps the incompressible keys and scales outside
//! the zstd frame. Decoding strategies (greedy left-to-right, transitions) belong to the
//! models that use this.

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

    /// Add `delta` to the weight of class `class` for every feature of `feats`: one side of
    /// a structured update (the gold sequence's steps gain, the predicted one's lose).
    pub fn add(&mut self, class: usize, feats: &[u64], delta: f32) {
        for &f in feats {
            let r = self.row_of(f);
            self.catch_up(r);
            self.weights[r * self.nclass + class] += delta;
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

/// One weight of a sparse row in 4 bytes: the class in the low 8 bits, the quantised weight
/// (i16) in the high 16. A sparse row in the arena is its scale (f32 bits) followed by its
/// entries. The sparse rows are most of a model's memory and are read at random, so their
/// size matters more than the conversion (`f32::from(q) * scale`, the same product the
/// dense rows store, so both forms give the same bits).
#[inline]
fn pack(class: u32, q: i16) -> u32 {
    u32::from(q as u16) << 16 | (class & 0xff)
}

#[inline]
fn unpack(e: u32) -> (usize, i16) {
    ((e & 0xff) as usize, (e >> 16) as u16 as i16)
}

/// A table slot is a `u64`: in the low half a 32-bit fingerprint of the feature key (its
/// lower half; the upper bits chose the slot, see [`Model::home`]), 0 when empty; in the
/// high half the row word, `offset << 8 | len`, where `len` 0 marks a dense row (`nclass`
/// floats at `dense[offset * nclass..]`) and otherwise the row is `len` entries at
/// `sparse[offset..]`. Small slots keep the table in cache; a false match needs a 32-bit
/// collision among features that also share a probe sequence, which is negligible. (A
/// plain integer rather than a struct so that the table is allocated zeroed, not written.)
type Slot = u64;

/// Set in the stored class count when the file has one scale per row (a single global
/// scale loses the small weights of models whose largest weight is large: the parser).
const PER_ROW_SCALES: u32 = 1 << 31;

/// Set in the stored class count for the compact form (see `Model::write_compact`).
const COMPACT: u32 = 1 << 30;

/// First bytes of a file in the compact container (see [`to_bytes_many`]). Files without
/// it are the older form: the raw length, then one zstd frame with keys inside.
const MAGIC: &[u8; 8] = b"NGPCPT2\0";

/// The most entries a model can hold (24-bit row offsets into the sparse arena, which also
/// holds one scale per row).
const MAX_ENTRIES: usize = 1 << 23;

#[inline]
fn fingerprint(key: u64) -> u32 {
    (key as u32).max(1)
}

/// An empty vector with room for `n` items whose memory the kernel is asked to back with
/// 2 MB pages (Linux transparent huge pages in `madvise` mode). Scoring reads the tables at
/// random: with 4 KB pages nearly every lookup also misses the TLB, and the page walk costs
/// as much as the cache miss. Elsewhere, or for small tables, a plain `Vec`.
fn huge_vec<T>(n: usize) -> Vec<T> {
    let bytes = n * std::mem::size_of::<T>();
    if bytes < HUGE {
        return Vec::with_capacity(n);
    }
    // One extra huge page of room, so that the aligned part covers the whole table.
    let v: Vec<T> = Vec::with_capacity(n + HUGE / std::mem::size_of::<T>().max(1));
    advise_huge(&v);
    v
}

/// 2 MB, the size of a huge page on x86-64.
const HUGE: usize = 2 << 20;

/// Ask for huge pages over the 2 MB-aligned part of `v`'s allocation (Linux only).
#[allow(clippy::ptr_arg)] // the capacity, not just the items, is advised
fn advise_huge<T>(v: &Vec<T>) {
    #[cfg(target_os = "linux")]
    {
        let p = v.as_ptr() as usize;
        let start = (p + HUGE - 1) & !(HUGE - 1);
        let end = (p + v.capacity() * std::mem::size_of::<T>()) & !(HUGE - 1);
        if end > start {
            // SAFETY: the range lies inside `v`'s own allocation; MADV_HUGEPAGE only changes
            // how the kernel backs those pages, never their contents, and failure is harmless.
            unsafe {
                libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_HUGEPAGE);
            }
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = v;
}

/// A zeroed vector of `n` items, backed by 2 MB pages like [`huge_vec`]. Zeroed allocation
/// (`calloc`) takes fresh pages from the kernel, which are zero already: nothing is written
/// until the table is filled.
fn huge_zeroed<T: Clone>(zero: T, n: usize) -> Vec<T> {
    let size = std::mem::size_of::<T>().max(1);
    if n * size < HUGE {
        return vec![zero; n];
    }
    let mut v = vec![zero; n + HUGE / size];
    advise_huge(&v);
    v.truncate(n);
    v
}

/// Whether a row of `len` weights over `nclass` classes is stored dense. A dense row is
/// added with vector instructions, a few classes per instruction; a sparse one costs a
/// scattered add per weight. The rows most features hit (bias, previous labels, shapes,
/// frequent suffixes) are nearly full, and they carry most of the work.
#[inline]
fn is_dense(len: usize, nclass: usize) -> bool {
    len * 4 >= nclass
}

/// Frozen averaged weights: rows looked up through an open-addressing table, each stored
/// dense (nearly full rows) or sparse, dequantised at load. `keys` and `scales` (row order =
/// key order) are kept for saving and pruning; scoring does not read them.
#[derive(Clone, Default)]
pub struct Model {
    nclass: u32,
    /// Feature keys, ascending.
    keys: Vec<u64>,
    /// Quantisation scale of each row, as stored in the file: weight = q × scale.
    scales: Vec<f32>,
    table: Vec<Slot>,
    mask: usize,
    /// `64 - log2(table size)`: a key's home slot is its top bits.
    shift: u32,
    dense: Vec<f32>,
    sparse: Vec<u32>,
    nonzero: usize,
}

/// The quantised rows a [`Model`] is built from (the file's form).
struct Quantised<'a, Q: Fn(usize) -> i16> {
    nclass: u32,
    scales: Vec<f32>,
    keys: Vec<u64>,
    starts: Vec<u32>,
    classes: &'a [u8],
    q: Q,
}

impl Model {
    /// Build from rows in any order; weights are quantised to i16 with one scale per row,
    /// exactly as the file stores them.
    fn from_parts(nclass: u32, keys: Vec<u64>, starts: Vec<u32>, classes: Vec<u8>, weights: Vec<f32>) -> Self {
        let mut scales = Vec::with_capacity(keys.len());
        let mut q = Vec::with_capacity(weights.len());
        for r in 0..keys.len() {
            let (a, b) = (starts[r] as usize, starts[r + 1] as usize);
            let max = weights[a..b].iter().fold(0f32, |m, w| m.max(w.abs()));
            let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
            scales.push(scale);
            q.extend(weights[a..b].iter().map(|&w| (w / scale).round().clamp(-32767.0, 32767.0) as i16));
        }
        Self::from_quantised(Quantised { nclass, scales, keys, starts, classes: &classes, q: |i| q[i] })
    }

    fn from_quantised<Q: Fn(usize) -> i16>(src: Quantised<'_, Q>) -> Self {
        let n = src.classes.len().min(MAX_ENTRIES) as u32;
        let (keys, starts) = (&src.keys, &src.starts);
        let well_formed = starts.len() == keys.len() + 1
            && starts.first() == Some(&0)
            && starts.last() == Some(&n)
            && starts.windows(2).all(|w| w[0] < w[1] && w[1] - w[0] <= 255)
            && keys.windows(2).all(|w| w[0] < w[1])
            && src.scales.len() == keys.len();
        if well_formed {
            // What `write_raw` stores: take it as it is.
            return Self::build(src);
        }
        // Rows in key order, each at most 255 entries (a row has at most one per class).
        let mut order: Vec<usize> = (0..keys.len()).collect();
        order.sort_unstable_by_key(|&r| keys[r]);
        let (mut k2, mut s2, mut c2, mut q2) = (Vec::with_capacity(keys.len()), Vec::with_capacity(keys.len() + 1), Vec::new(), Vec::new());
        let mut sc2 = Vec::with_capacity(keys.len());
        s2.push(0u32);
        for r in order {
            let a = starts.get(r).copied().unwrap_or(n).min(n);
            let b = starts.get(r + 1).copied().unwrap_or(n).clamp(a, n).min(a + 255);
            if b > a && (c2.len() + (b - a) as usize) <= MAX_ENTRIES && k2.last().is_none_or(|&l| l < keys[r]) {
                k2.push(keys[r]);
                sc2.push(src.scales.get(r).copied().unwrap_or(1.0));
                for i in a as usize..b as usize {
                    c2.push(src.classes[i]);
                    q2.push((src.q)(i));
                }
                s2.push(c2.len() as u32);
            }
        }
        Self::build(Quantised { nclass: src.nclass, scales: sc2, keys: k2, starts: s2, classes: &c2, q: |i| q2[i] })
    }

    /// Dequantise well-formed rows into the dense and sparse arenas and index them.
    fn build<Q: Fn(usize) -> i16>(src: Quantised<'_, Q>) -> Self {
        let nclass = src.nclass;
        let nc = nclass as usize;
        let rows = src.keys.len();
        let size = (rows * 2).next_power_of_two().max(16);
        let mask = size - 1;
        let shift = 64 - size.trailing_zeros();
        let mut table: Vec<Slot> = huge_zeroed(0, size);
        let ndense = src.starts.windows(2).filter(|w| is_dense((w[1] - w[0]) as usize, nc)).count();
        let mut dense = huge_zeroed(0f32, ndense * nc);
        let mut next_dense = 0;
        let mut sparse = huge_vec((src.classes.len() + rows).saturating_sub(ndense * nc / 4));
        for (r, &k) in src.keys.iter().enumerate() {
            let (a, b) = (src.starts[r] as usize, src.starts[r + 1] as usize);
            let scale = src.scales[r];
            // `f32::from(q) * scale`, computed once here, is the exact value scoring used to
            // compute per weight: scores are unchanged by this layout.
            let row = if is_dense(b - a, nc) {
                let off = next_dense;
                next_dense += nc;
                for i in a..b {
                    let c = usize::from(src.classes[i]).min(nc - 1);
                    dense[off + c] += f32::from((src.q)(i)) * scale;
                }
                ((off / nc) as u32) << 8
            } else {
                let off = sparse.len() as u32;
                sparse.push(scale.to_bits());
                sparse.extend((a..b).map(|i| pack(u32::from(src.classes[i]).min(nclass - 1), (src.q)(i))));
                off << 8 | (b - a) as u32
            };
            let fp = fingerprint(k);
            // Rows come in key order and the home slot is the key's top bits, so the table
            // fills from start to end: a stream of writes instead of a cache miss per row.
            let mut i = (k >> shift) as usize;
            while table[i] != 0 {
                i = (i + 1) & mask;
            }
            table[i] = u64::from(row) << 32 | u64::from(fp);
        }
        let nonzero = src.classes.len();
        Model { nclass, scales: src.scales, keys: src.keys, table, mask, shift, dense, sparse, nonzero }
    }

    /// The weights of the row of `key` as (class, weight), in class order for dense rows.
    fn row_weights(&self, key: u64) -> Vec<(u8, f32)> {
        let Some(row) = self.find(key) else { return Vec::new() };
        let (off, len) = ((row >> 8) as usize, (row & 0xff) as usize);
        let nc = self.nclass as usize;
        if len == 0 {
            self.dense.get(off * nc..(off + 1) * nc).unwrap_or(&[]).iter().enumerate().filter(|(_, &w)| w != 0.0).map(|(c, &w)| (c as u8, w)).collect()
        } else {
            let Some(s) = self.sparse.get(off..off + 1 + len) else { return Vec::new() };
            let scale = f32::from_bits(s[0]);
            s[1..].iter().map(|&e| unpack(e)).map(|(c, q)| (c as u8, f32::from(q) * scale)).collect()
        }
    }

    /// Append the raw form, little-endian: nclass (with [`PER_ROW_SCALES`] set), rows,
    /// entries (u32 each), a reserved f32; then per row, in key order, the key (u64), its
    /// entry count (u32) and its scale (f32);
    /// then the entries' classes (u8) and weights quantised to i16 (× scale). Quantising
    /// keeps the file and the load small; the error (≤ scale/2 per weight) is far below
    /// what changes a decision.
    pub fn write_raw(&self, out: &mut Vec<u8>) {
        let rows = self.quantised_rows();
        self.write_header(out, PER_ROW_SCALES, &rows);
        for (r, row) in &rows {
            out.extend(self.keys[*r].to_le_bytes());
            out.extend((row.len() as u32).to_le_bytes());
            out.extend(self.scales[*r].to_le_bytes());
        }
        write_entries(out, &rows);
    }

    /// The header both forms share: class count with `flags`, rows, entries, reserved f32.
    fn write_header(&self, out: &mut Vec<u8>, flags: u32, rows: &[(usize, Vec<(u8, i16)>)]) {
        let n: usize = rows.iter().map(|r| r.1.len()).sum();
        out.extend((self.nclass | flags).to_le_bytes());
        out.extend((rows.len() as u32).to_le_bytes());
        out.extend((n as u32).to_le_bytes());
        out.extend(1f32.to_le_bytes());
    }

    /// The stored rows, in key order: (row index, entries as (class, quantised weight)).
    fn quantised_rows(&self) -> Vec<(usize, Vec<(u8, i16)>)> {
        // Dense rows store zeros for absent classes: entries whose quantised weight is 0
        // are not written back (they never changed a score).
        (0..self.keys.len())
            .map(|r| {
                let s = self.scales[r];
                // w = q × scale in f32, so w / scale is within 0.01 of q: rounding gives q back.
                let row = self.row_weights(self.keys[r]).into_iter().map(|(c, w)| (c, if s != 0.0 { (w / s).round().clamp(-32767.0, 32767.0) as i16 } else { 0 })).filter(|&(_, q)| q != 0).collect::<Vec<_>>();
                (r, row)
            })
            .filter(|(_, row)| !row.is_empty())
            .collect()
    }

    /// Append the compact form that [`to_bytes_many`] stores: the header of
    /// [`Model::write_raw`] with [`COMPACT`] set, then per row its entry count (u8), then
    /// the classes (u8) and weights (i16) as in `write_raw`. The keys (u64 each, key order)
    /// and then the row scales (f32 each) go to `side`: they are near-random bits that zstd
    /// barely shrinks, so the file keeps them outside the compressed part and loading reads
    /// them in place instead of decompressing them.
    fn write_compact(&self, out: &mut Vec<u8>, side: &mut Vec<u8>) {
        let rows = self.quantised_rows();
        self.write_header(out, PER_ROW_SCALES | COMPACT, &rows);
        out.extend(rows.iter().map(|(_, row)| row.len() as u8));
        for (r, _) in &rows {
            side.extend(self.keys[*r].to_le_bytes());
        }
        for (r, _) in &rows {
            side.extend(self.scales[*r].to_le_bytes());
        }
        write_entries(out, &rows);
    }

    /// Read the form written by `write_compact` from `b` (keys and scales from `side`);
    /// returns the model and the bytes used of each.
    fn read_compact(b: &[u8], side: &[u8], what: &str) -> Result<(Self, usize, usize), crate::Error> {
        let bad = |m: &str| crate::Error::Decode { what: what.to_string(), message: m.to_string() };
        let u32_at = |o: usize| b.get(o..o + 4).map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]])).ok_or_else(|| bad("truncated header"));
        let (flags, rows, n) = (u32_at(0)?, u32_at(4)? as usize, u32_at(8)? as usize);
        let nclass = flags & !(PER_ROW_SCALES | COMPACT);
        let need = 16 + rows + n * 3;
        if flags & COMPACT == 0 || b.len() < need || side.len() < rows * 12 || nclass == 0 || nclass > 256 || n > MAX_ENTRIES {
            return Err(bad("truncated or inconsistent weight table"));
        }
        let keys: Vec<u64> = side[..rows * 8].chunks_exact(8).map(|c| u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]])).collect();
        let mut starts = Vec::with_capacity(rows + 1);
        starts.push(0u32);
        let mut acc = 0u32;
        for &c in &b[16..16 + rows] {
            acc = (acc + u32::from(c)).min(n as u32);
            starts.push(acc);
        }
        let o = 16 + rows;
        let scales: Vec<f32> = side[rows * 8..rows * 12]
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .map(|s| if s.is_finite() { s } else { 0.0 })
            .collect();
        let qb = &b[o + n..o + n * 3];
        let q = |i: usize| i16::from_le_bytes([qb[2 * i], qb[2 * i + 1]]);
        Ok((Self::from_quantised(Quantised { nclass, scales, keys, starts, classes: &b[o..o + n], q }), need, rows * 12))
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
        let qb = &b[o + n..o + n * 3];
        let q = |i: usize| i16::from_le_bytes([qb[2 * i], qb[2 * i + 1]]);
        Ok((Self::from_quantised(Quantised { nclass, scales, keys, starts, classes: &b[o..o + n], q }), need))
    }

    /// A copy without the weights smaller than `min_weight` in magnitude (rows left empty
    /// are dropped): a smaller, faster model for a small loss of accuracy.
    pub fn pruned(&self, min_weight: f32) -> Model {
        let (mut keys, mut starts, mut classes, mut weights) = (Vec::new(), vec![0u32], Vec::new(), Vec::new());
        for &k in &self.keys {
            let before = classes.len();
            for (c, w) in self.row_weights(k) {
                if w.abs() >= min_weight {
                    classes.push(c);
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

    /// The mean of `models` (same class count): every weight divided by the number of
    /// models and summed with its peers. Scores are linear in the weights, so the mean
    /// scores exactly as the average of the models' scores: an ensemble of independently
    /// trained models (other seeds, other data orders) at the scoring cost of one. The
    /// union of their features makes it larger: mean weights smaller than `min_weight` are
    /// dropped, and the threshold doubles until the model fits the table's limit (so that a
    /// large union is pruned by size, never cut off). `None` when the class counts differ
    /// or `models` is empty.
    pub fn mean(models: &[&Model], min_weight: f32) -> Option<Model> {
        let nclass = models.first()?.nclass;
        if models.iter().any(|m| m.nclass != nclass) {
            return None;
        }
        let share = 1.0 / models.len() as f32;
        let mut entries: Vec<(u64, u8, f32)> = Vec::with_capacity(models.iter().map(|m| m.nonzero).sum());
        for m in models {
            for &k in &m.keys {
                entries.extend(m.row_weights(k).into_iter().map(|(c, w)| (k, c, w * share)));
            }
        }
        // Stable sort, models in their given order: the sums, and so the file, are the same
        // on every run.
        entries.sort_by_key(|&(k, c, _)| (k, c));
        let mut summed: Vec<(u64, u8, f32)> = Vec::with_capacity(entries.len());
        for (k, c, w) in entries {
            match summed.last_mut() {
                Some(last) if (last.0, last.1) == (k, c) => last.2 += w,
                _ => summed.push((k, c, w)),
            }
        }
        let mut threshold = min_weight;
        while summed.iter().filter(|e| e.2.abs() >= threshold && e.2 != 0.0).count() > MAX_ENTRIES {
            threshold = if threshold > 0.0 { threshold * 2.0 } else { 1e-3 };
        }
        let (mut keys, mut starts, mut classes, mut weights) = (Vec::new(), vec![0u32], Vec::new(), Vec::<f32>::new());
        for (k, c, w) in summed.into_iter().filter(|e| e.2.abs() >= threshold && e.2 != 0.0) {
            if keys.last() != Some(&k) {
                keys.push(k);
                starts.push(0);
            }
            classes.push(c);
            weights.push(w);
            if let Some(end) = starts.last_mut() {
                *end = classes.len() as u32;
            }
        }
        Some(Model::from_parts(nclass, keys, starts, classes, weights))
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
        self.nonzero
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
            if let Some(s) = self.table.get(self.home(f)) {
                prefetch(s);
            }
        }
        let mut rows = [0u32; 96];
        let mut n = 0;
        for &f in feats {
            if let Some(row) = self.find(f) {
                if n < rows.len() {
                    self.prefetch_row(row);
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

    /// Start loading the table slots of `feats` into cache, without waiting: call it a
    /// couple of tokens ahead of [`Model::scores`] on the same features, so that the cache
    /// misses of several tokens overlap.
    #[inline]
    pub fn prefetch(&self, feats: &[u64]) {
        for &f in feats {
            if let Some(s) = self.table.get(self.home(f)) {
                prefetch(s);
            }
        }
    }

    /// Start loading the weight rows of `feats` into cache (reads their table slots, so call
    /// [`Model::prefetch`] on them a little earlier).
    #[inline]
    pub fn prefetch_rows(&self, feats: &[u64]) {
        for &f in feats {
            if let Some(row) = self.find(f) {
                self.prefetch_row(row);
            }
        }
    }

    #[inline]
    fn prefetch_row(&self, row: u32) {
        let (off, len) = ((row >> 8) as usize, (row & 0xff) as usize);
        // Dense rows too: in the parser's three-move classifier every row is dense (6 MB of
        // them), and prefetching them made tag + parse 10–20% faster; in the many-class
        // models they are the hot rows of frequent features, and tagger + NER still gained
        // 2–4%.
        if len != 0 {
            if let Some(e) = self.sparse.get(off) {
                prefetch(e);
            }
        } else if let Some(e) = self.dense.get(off * self.nclass as usize) {
            prefetch(e);
        }
    }

    #[inline]
    fn add_row(&self, row: u32, out: &mut [f32]) {
        let (off, len) = ((row >> 8) as usize, (row & 0xff) as usize);
        if len == 0 {
            let nc = out.len();
            if let Some(d) = self.dense.get(off * nc..(off + 1) * nc) {
                // Compiles to vector adds.
                for (o, w) in out.iter_mut().zip(d) {
                    *o += *w;
                }
            }
        } else if let Some(s) = self.sparse.get(off..off + 1 + len) {
            let scale = f32::from_bits(s[0]);
            for &e in &s[1..] {
                let (c, q) = unpack(e);
                if let Some(o) = out.get_mut(c) {
                    *o += f32::from(q) * scale;
                }
            }
        }
    }

    /// The slot where the probe for `key` starts.
    #[inline]
    fn home(&self, key: u64) -> usize {
        // `checked_shr`: an empty model has shift 0 and an empty table.
        key.checked_shr(self.shift).unwrap_or(0) as usize
    }

    /// The row word (see [`Slot`]) of `key`, if it has one.
    #[inline]
    fn find(&self, key: u64) -> Option<u32> {
        let fp = fingerprint(key);
        let mut i = self.home(key);
        loop {
            let s = *self.table.get(i)?;
            if s as u32 == fp {
                return Some((s >> 32) as u32);
            }
            if s == 0 {
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
/// classifiers), stored one after the other. Layout: [`MAGIC`], the raw length (u64), the
/// compressed length (u64), one zstd frame (metadata length (u64), postcard metadata, each
/// model's compact weights), then every model's keys and row scales, uncompressed.
pub fn to_bytes_many<T: Serialize>(meta: &T, models: &[&Model]) -> Result<Vec<u8>, crate::Error> {
    let m = postcard::to_allocvec(meta).map_err(|e| crate::Error::Encode(e.to_string()))?;
    let weights: usize = models.iter().map(|x| x.nonzero() * 3 + x.rows() * 5 + 32).sum();
    let mut raw = Vec::with_capacity(m.len() + weights);
    let mut keys = Vec::new();
    raw.extend((m.len() as u64).to_le_bytes());
    raw.extend(&m);
    for model in models {
        model.write_compact(&mut raw, &mut keys);
    }
    let z = zstd::bulk::compress(&raw, 19).map_err(|e| crate::Error::Encode(e.to_string()))?;
    let mut out = Vec::with_capacity(z.len() + keys.len() + 24);
    out.extend(MAGIC);
    out.extend((raw.len() as u64).to_le_bytes());
    out.extend((z.len() as u64).to_le_bytes());
    out.extend(z);
    out.extend(keys);
    Ok(out)
}

/// The inverse of [`to_bytes`]; `what` names the source for error messages.
pub fn from_bytes<T: for<'de> Deserialize<'de>>(bytes: &[u8], what: &str) -> Result<(T, Model), crate::Error> {
    let (meta, mut models) = from_bytes_many(bytes, what, 1)?;
    let model = models.pop().ok_or_else(|| crate::Error::Decode { what: what.to_string(), message: "no weights".into() })?;
    Ok((meta, model))
}

/// The inverse of [`to_bytes_many`]: the metadata and `count` models. Also reads the older
/// single-frame files (keys inside the frame).
pub fn from_bytes_many<T: for<'de> Deserialize<'de>>(bytes: &[u8], what: &str, count: usize) -> Result<(T, Vec<Model>), crate::Error> {
    from_bytes_counted(bytes, what, |_: &T| count)
}

/// [`from_bytes_many`] for files whose metadata says how many models follow.
pub fn from_bytes_counted<T: for<'de> Deserialize<'de>>(bytes: &[u8], what: &str, count: impl FnOnce(&T) -> usize) -> Result<(T, Vec<Model>), crate::Error> {
    let bad = |m: String| crate::Error::Decode { what: what.to_string(), message: m };
    let u64_at = |o: usize| bytes.get(o..o + 8).map(|b| u64::from_le_bytes(b.try_into().unwrap_or([0; 8]))).ok_or_else(|| bad("file too short".into()));
    let compact = bytes.starts_with(MAGIC);
    let (len, frame, mut keys) = if compact {
        let (len, zlen) = (u64_at(8)?, u64_at(16)?);
        let end = 24usize.saturating_add(usize::try_from(zlen).unwrap_or(usize::MAX));
        let frame = bytes.get(24..end).ok_or_else(|| bad("truncated compressed weights".into()))?;
        (len, frame, &bytes[end..])
    } else {
        (u64_at(0)?, &bytes[8..], &[][..])
    };
    if len > MAX_RAW {
        return Err(bad(format!("implausible size {len}")));
    }
    let raw = zstd::bulk::decompress(frame, len as usize).map_err(|e| bad(e.to_string()))?;
    let mlen = raw.get(..8).map(|b| u64::from_le_bytes(b.try_into().unwrap_or([0; 8]))).ok_or_else(|| bad("truncated".into()))? as usize;
    let meta_bytes = raw.get(8..8usize.saturating_add(mlen)).ok_or_else(|| bad("truncated metadata".into()))?;
    let meta = postcard::from_bytes(meta_bytes).map_err(|e| bad(e.to_string()))?;
    let count = count(&meta);
    let mut at = 8 + mlen;
    let mut models = Vec::with_capacity(count);
    for _ in 0..count {
        let rest = raw.get(at..).unwrap_or(&[]);
        let (model, used) = if compact {
            let (model, used, used_keys) = Model::read_compact(rest, keys, what)?;
            keys = &keys[used_keys..];
            (model, used)
        } else {
            Model::read_raw(rest, what)?
        };
        at += used;
        models.push(model);
    }
    Ok((meta, models))
}

/// The entries of quantised rows, as both stored forms keep them: all classes (u8), then
/// all weights (i16, little-endian), row after row.
fn write_entries(out: &mut Vec<u8>, rows: &[(usize, Vec<(u8, i16)>)]) {
    for (_, row) in rows {
        out.extend(row.iter().map(|e| e.0));
    }
    for (_, row) in rows {
        for e in row {
            out.extend(e.1.to_le_bytes());
        }
    }
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

    /// A model over `nclass` classes with rows of every density, from a fixed generator.
    fn random_model(nclass: usize) -> (Model, Vec<Vec<f32>>) {
        let mut rng = Rng::new(5);
        let (mut keys, mut starts, mut classes, mut weights, mut dense) = (Vec::new(), vec![0u32], Vec::new(), Vec::new(), Vec::new());
        for r in 0..300u64 {
            let mut row = vec![0f32; nclass];
            let len = 1 + (rng.next_u64() % nclass as u64) as usize;
            for c in 0..len {
                let w = (rng.next_u64() % 2000) as f32 / 100.0 - 10.0;
                if w != 0.0 {
                    classes.push(c as u8);
                    weights.push(w);
                    row[c] = w;
                }
            }
            keys.push(crate::hash::fi(1, r as u32, 0));
            starts.push(classes.len() as u32);
            dense.push(row);
        }
        (Model::from_parts(nclass as u32, keys, starts, classes, weights), dense)
    }

    #[test]
    fn dense_and_sparse_rows_score_like_the_plain_sum() {
        for nclass in [3, 45, 117] {
            let (m, rows) = random_model(nclass);
            let mut out = Vec::new();
            let feats: Vec<u64> = [3u32, 17, 150, 299, 1000].iter().map(|&r| crate::hash::fi(1, r, 0)).collect();
            m.scores(&feats, &mut out);
            for c in 0..nclass {
                let want: f32 = [3usize, 17, 150, 299].iter().map(|&r| rows[r][c]).sum();
                assert!((out[c] - want).abs() < 2e-3, "class {c} of {nclass}: {} vs {want}", out[c]);
            }
            // Saving and loading (compact form) keeps every score bit for bit.
            let (_, back): ((), Model) = from_bytes(&to_bytes(&(), &m).unwrap(), "test").unwrap();
            let mut again = Vec::new();
            back.scores(&feats, &mut again);
            assert_eq!(out, again);
            assert_eq!((back.rows(), back.nonzero()), (m.rows(), m.nonzero()));
        }
    }

    #[test]
    fn reads_the_older_single_frame_files() {
        let (m, _) = random_model(45);
        let meta = postcard::to_allocvec(&7u8).unwrap();
        let mut raw = (meta.len() as u64).to_le_bytes().to_vec();
        raw.extend(&meta);
        m.write_raw(&mut raw);
        let mut old = (raw.len() as u64).to_le_bytes().to_vec();
        old.extend(zstd::bulk::compress(&raw, 3).unwrap());
        let (meta, back): (u8, Model) = from_bytes(&old, "old").unwrap();
        assert_eq!(meta, 7);
        let feats: Vec<u64> = (0..300).map(|r| crate::hash::fi(1, r, 0)).collect();
        let (mut a, mut b) = (Vec::new(), Vec::new());
        m.scores(&feats, &mut a);
        back.scores(&feats, &mut b);
        assert_eq!(a, b);
        assert!(from_bytes::<u8>(&old[..old.len() / 2], "cut").is_err());
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

    #[test]
    fn mean_scores_as_the_average_of_the_models() {
        let (a, _) = random_model(45);
        let b = train(3);
        let c = train(7);
        // Models over other feature sets: the mean holds the union of their rows.
        let (mut sa, mut sb, mut sm) = (Vec::new(), Vec::new(), Vec::new());
        let (d, _) = random_model(2);
        let mean = Model::mean(&[&b, &c, &d], 0.0).unwrap();
        let union: std::collections::BTreeSet<u64> = [&b, &c, &d].iter().flat_map(|m| m.keys.iter().copied()).collect();
        assert_eq!(mean.rows(), union.len());
        let feats: Vec<u64> = vec![1, 3, crate::hash::fi(1, 17, 0), crate::hash::fi(1, 150, 0)];
        b.scores(&feats, &mut sa);
        c.scores(&feats, &mut sb);
        d.scores(&feats, &mut sm);
        let want: Vec<f32> = (0..2).map(|k| (sa[k] + sb[k] + sm[k]) / 3.0).collect();
        mean.scores(&feats, &mut sm);
        for k in 0..2 {
            assert!((sm[k] - want[k]).abs() < 2e-3, "{sm:?} vs {want:?}");
        }
        assert!(Model::mean(&[&a, &b], 0.0).is_none(), "class counts differ");
        assert!(Model::mean(&[], 0.0).is_none());
    }
}
