//! Feature hashing: a feature is a template number plus one or more strings, hashed to a
//! 64-bit key without building the string. Keys are already well mixed, so the tables that
//! store them use [`IdentityBuild`] instead of hashing them again. This module does not
//! store anything; see `perceptron` for the weight tables.

use std::hash::{BuildHasherDefault, Hasher};

use rustc_hash::FxHasher;

/// Finalises an Fx hash: Fx is fast but its low bits are weak, and tables index by low bits.
#[inline]
fn mix(mut z: u64) -> u64 {
    // splitmix64 finaliser
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^= z >> 31;
    // 0 marks an empty slot in the frozen table: never produce it.
    z | (z == 0) as u64
}

/// The key of a feature made of a template number alone (bias-like features).
#[inline]
pub fn f0(template: u32) -> u64 {
    let mut h = FxHasher::default();
    h.write_u32(template);
    mix(h.finish())
}

/// The key of template `template` with one string value.
#[inline]
pub fn f1(template: u32, a: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write_u32(template);
    h.write(a.as_bytes());
    mix(h.finish())
}

/// The key of template `template` with two string values.
#[inline]
pub fn f2(template: u32, a: &str, b: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write_u32(template);
    h.write(a.as_bytes());
    h.write_u8(0xff); // not valid UTF-8: keeps ("ab","c") apart from ("a","bc")
    h.write(b.as_bytes());
    mix(h.finish())
}

/// The key of template `template` with small integer values (tags, labels, flags).
#[inline]
pub fn fi(template: u32, a: u32, b: u32) -> u64 {
    let mut h = FxHasher::default();
    h.write_u32(template);
    h.write_u32(a);
    h.write_u32(b);
    mix(h.finish())
}

/// The key of template `template` with one string and one small integer.
#[inline]
pub fn fsi(template: u32, a: &str, b: u32) -> u64 {
    let mut h = FxHasher::default();
    h.write_u32(template);
    h.write(a.as_bytes());
    h.write_u8(0xff);
    h.write_u32(b);
    mix(h.finish())
}

/// A `Hasher` that passes a `u64` key through: for maps whose keys are feature hashes.
#[derive(Default, Clone, Copy)]
pub struct Identity(u64);

impl Hasher for Identity {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // Only u64 keys are expected; fold anything else in so it still works.
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// Builds [`Identity`] hashers.
pub type IdentityBuild = BuildHasherDefault<Identity>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_and_values_separate_keys() {
        assert_ne!(f1(1, "the"), f1(2, "the"));
        assert_ne!(f2(1, "ab", "c"), f2(1, "a", "bc"));
        assert_eq!(f1(3, "x"), f1(3, "x"));
        assert_ne!(fi(1, 2, 3), fi(1, 3, 2));
        assert_ne!(f0(1), 0);
    }
}
