//! Eight bytes at a time in a `u64` ("SIMD within a register"), for the scans that see every
//! byte of every document (spacing in `clean`, the word scan in `segment`). Hand-written
//! because the few lines needed do not justify a SIMD crate and work on every target.

/// The high bit of every byte lane.
pub(crate) const HIGH: u64 = 0x8080_8080_8080_8080;
/// One in every byte lane: `LANES * b` repeats byte `b` eight times.
pub(crate) const LANES: u64 = 0x0101_0101_0101_0101;

/// The eight bytes at `bytes[i..i + 8]`, first byte lowest.
#[inline]
pub(crate) fn load(bytes: &[u8], i: usize) -> u64 {
    u64::from_le_bytes(bytes[i..i + 8].try_into().expect("eight bytes"))
}

/// The high bit of each byte of `x` that is below `n` (`n` ≤ 0x80), exactly: `(b | 0x80) - n`
/// never borrows from the next byte. Bytes of 0x80 and above are never below.
#[inline]
pub(crate) fn bytes_below(x: u64, n: u8) -> u64 {
    !((x | HIGH) - LANES * n as u64) & !x & HIGH
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_below_is_exact_per_lane() {
        for n in [1u8, 0x20, 0x21, 0x30, 0x61, 0x7b, 0x7f, 0x80] {
            for b in 0..=255u8 {
                let x = u64::from_le_bytes([b'm', b, 0xff, 0, b, b'z', 0x80, b]);
                let got = bytes_below(x, n);
                for (lane, byte) in x.to_le_bytes().into_iter().enumerate() {
                    assert_eq!(got >> (lane * 8 + 7) & 1 == 1, byte < n, "byte {byte:#x} below {n:#x}");
                }
            }
        }
    }
}
