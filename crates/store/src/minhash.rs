//! MinHash signatures over word 4-shingles and the LSH band keys that find near-duplicate
//! candidates. Written by hand because it is ~80 lines and the crates that do it pull in
//! hashing and RNG stacks we do not need. It does not touch the database: `dedup.rs` does.

/// Hash functions per signature.
pub const HASHES: usize = 60;
/// LSH bands; each band is `ROWS` consecutive hashes. 20 × 3 finds pairs with Jaccard 0.5
/// with probability 0.93 and 0.3 with 0.42.
pub const BANDS: usize = 20;
/// Hashes per band.
pub const ROWS: usize = HASHES / BANDS;
/// Words per shingle.
pub const SHINGLE: usize = 4;

/// A MinHash signature and the number of distinct shingles it summarises.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    /// Minimum of each hash function over the shingles.
    pub mins: [u32; HASHES],
    /// Number of shingles (to estimate containment from Jaccard).
    pub shingles: u32,
}

fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E3779B97F4A7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58476D1CE4E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D049BB133111EB);
    x ^ (x >> 31)
}

fn word_hash(w: &str) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for c in w.chars().flat_map(char::to_lowercase) {
        h ^= c as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

/// Hashes of the distinct word shingles of `text` (lowercased alphanumeric words).
pub fn shingles(text: &str) -> Vec<u64> {
    let words: Vec<u64> = text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(word_hash).collect();
    let mut out: Vec<u64> = if words.len() < SHINGLE {
        words.iter().map(|&w| splitmix(w)).collect()
    } else {
        words
            .windows(SHINGLE)
            .map(|win| win.iter().enumerate().fold(0u64, |h, (i, &w)| splitmix(h ^ w.rotate_left(i as u32 * 13))))
            .collect()
    };
    out.sort_unstable();
    out.dedup();
    out
}

impl Signature {
    /// The signature of `text`.
    pub fn of(text: &str) -> Signature {
        let sh = shingles(text);
        let mut mins = [u32::MAX; HASHES];
        for &s in &sh {
            for (i, m) in mins.iter_mut().enumerate() {
                let h = (splitmix(s ^ (i as u64).wrapping_mul(0xA24BAED4963EE407)) >> 32) as u32;
                if h < *m {
                    *m = h;
                }
            }
        }
        Signature { mins, shingles: sh.len() as u32 }
    }

    /// Estimated Jaccard similarity of the shingle sets.
    pub fn jaccard(&self, other: &Signature) -> f64 {
        if self.shingles == 0 || other.shingles == 0 {
            return 0.0;
        }
        let same = self.mins.iter().zip(other.mins.iter()).filter(|(a, b)| a == b).count();
        same as f64 / HASHES as f64
    }

    /// Estimated containment of the smaller shingle set in the larger one, from the Jaccard
    /// estimate and the set sizes: |A∩B| = J(|A|+|B|)/(1+J).
    pub fn containment(&self, other: &Signature) -> f64 {
        let j = self.jaccard(other);
        let small = self.shingles.min(other.shingles).max(1) as f64;
        (j * (self.shingles + other.shingles) as f64 / (1.0 + j) / small).min(1.0)
    }

    /// One key per band, for the LSH table.
    pub fn band_keys(&self) -> [i64; BANDS] {
        let mut keys = [0i64; BANDS];
        for (b, key) in keys.iter_mut().enumerate() {
            let mut h = splitmix(b as u64 + 1);
            for r in 0..ROWS {
                h = splitmix(h ^ self.mins[b * ROWS + r] as u64);
            }
            *key = h as i64;
        }
        keys
    }

    /// Little-endian bytes for storage.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.mins.iter().flat_map(|m| m.to_le_bytes()).collect()
    }

    /// Read back [`Signature::to_bytes`]; `None` when the blob has the wrong size.
    pub fn from_bytes(bytes: &[u8], shingles: u32) -> Option<Signature> {
        if bytes.len() != HASHES * 4 {
            return None;
        }
        let mut mins = [0u32; HASHES];
        for (i, m) in mins.iter_mut().enumerate() {
            *m = u32::from_le_bytes([bytes[4 * i], bytes[4 * i + 1], bytes[4 * i + 2], bytes[4 * i + 3]]);
        }
        Some(Signature { mins, shingles })
    }
}

/// The duplicate decision: near-identical texts, or one text (nearly) contained in the other
/// when the smaller keeps at least 40% of the larger (a trimmed copy).
pub fn is_near_duplicate(a: &Signature, b: &Signature) -> bool {
    let j = a.jaccard(b);
    let big = a.shingles.max(b.shingles).max(1) as f64;
    let small = a.shingles.min(b.shingles) as f64;
    j >= 0.6 || (a.containment(b) >= 0.85 && small / big >= 0.4 && j >= 0.25)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "The president of Belarus said on Friday that Wagner fighters would train his army. \
        He added that the mercenaries had not yet arrived in the country, and that their instructors \
        would be welcome. Officials in Warsaw said they were watching the border closely and would \
        respond to any provocation. Analysts said the move was meant to unsettle NATO members.";

    #[test]
    fn identical_texts_match_and_roundtrip() {
        let a = Signature::of(TEXT);
        assert_eq!(a.jaccard(&Signature::of(TEXT)), 1.0);
        assert_eq!(Signature::from_bytes(&a.to_bytes(), a.shingles), Some(a.clone()));
        assert_eq!(a.band_keys(), Signature::of(TEXT).band_keys());
    }

    #[test]
    fn trailer_and_trim_are_duplicates_other_text_is_not() {
        let a = Signature::of(TEXT);
        let trailer = Signature::of(&format!("{TEXT} This article first appeared on Example News. Subscribe now."));
        assert!(is_near_duplicate(&a, &trailer));
        let trimmed = Signature::of(&TEXT[..TEXT.len() * 2 / 3]);
        assert!(is_near_duplicate(&a, &trimmed), "containment {}", a.containment(&trimmed));
        let other = Signature::of("Stock markets rose sharply in Tokyo on Monday as investors bet on lower interest rates and stronger exports across the region, traders said.");
        assert!(!is_near_duplicate(&a, &other));
    }
}
