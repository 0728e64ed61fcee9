//! The file form of the tables that are not perceptron weights (the word clusters, the
//! GeoNames places index): 8 magic bytes naming the kind of file, the raw length (u64, little
//! endian), then zstd(postcard(value)). It does not check the value: each caller validates
//! its own tables and words its own errors.

use serde::de::DeserializeOwned;
use serde::Serialize;

/// Why [`read`] failed.
#[derive(Debug, PartialEq)]
pub enum ReadError {
    /// The bytes do not start with the expected magic: another kind of file.
    WrongKind,
    /// The right kind of file, but truncated, oversized or undecodable.
    Bad(String),
}

/// Serialise `value` behind `magic`.
pub fn write<T: Serialize>(magic: &[u8; 8], value: &T) -> Result<Vec<u8>, String> {
    let raw = postcard::to_allocvec(value).map_err(|e| e.to_string())?;
    let z = zstd::bulk::compress(&raw, 19).map_err(|e| e.to_string())?;
    let mut out = Vec::with_capacity(z.len() + 16);
    out.extend_from_slice(magic);
    out.extend((raw.len() as u64).to_le_bytes());
    out.extend(z);
    Ok(out)
}

/// Read what [`write`] wrote with the same `magic`; a raw length above `max_raw` is refused
/// (a guard against a corrupt length field).
pub fn read<T: DeserializeOwned>(magic: &[u8; 8], bytes: &[u8], max_raw: u64) -> Result<T, ReadError> {
    if bytes.len() < 16 || &bytes[..8] != magic {
        return Err(ReadError::WrongKind);
    }
    let mut len = [0u8; 8];
    len.copy_from_slice(&bytes[8..16]);
    let len = u64::from_le_bytes(len);
    if len > max_raw {
        return Err(ReadError::Bad(format!("implausible size {len}")));
    }
    let raw = zstd::bulk::decompress(&bytes[16..], len as usize).map_err(|e| ReadError::Bad(e.to_string()))?;
    postcard::from_bytes(&raw).map_err(|e| ReadError::Bad(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_guards() {
        let value = (vec![1u32, 2, 3], "Minsk".to_string());
        let bytes = write(b"NGTEST01", &value).unwrap();
        assert_eq!(read::<(Vec<u32>, String)>(b"NGTEST01", &bytes, 1 << 20), Ok(value));
        assert_eq!(read::<(Vec<u32>, String)>(b"NGOTHER1", &bytes, 1 << 20), Err(ReadError::WrongKind));
        assert!(matches!(read::<(Vec<u32>, String)>(b"NGTEST01", &bytes, 2), Err(ReadError::Bad(_))));
        assert!(matches!(read::<(Vec<u32>, String)>(b"NGTEST01", &bytes[..20], 1 << 20), Err(ReadError::Bad(_))));
    }
}
