//! The place index: GeoNames records (countries, first-level admin areas, US counties,
//! cities, continents) and the normalised names that lead to them, stored as a sorted key
//! arena so that loading is one decompression plus a few vector reads (no hash table to
//! rebuild) and a lookup is a binary search over ~200k keys. It knows nothing about
//! documents or disambiguation (see `resolve`) nor about the GeoNames JSON files (`build`).

use std::path::Path;

use serde::de::{Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use newsgraph_nlp::container::{self, ReadError};
use unicode_normalization::UnicodeNormalization;

use super::PlacesError;

/// Format version written into the file; bump when the layout changes.
pub const VERSION: u32 = 3;

/// Magic bytes at the start of `places.bin`.
const MAGIC: &[u8; 8] = b"NGPLACE1";

/// Largest raw (decompressed) size accepted, against corrupt headers.
const MAX_RAW: u64 = 256 << 20;

/// What kind of place a record is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Feature {
    /// A continent.
    Continent,
    /// A country or dependent territory.
    Country,
    /// A first-level administrative area (US state, UK nation, Canadian province).
    Admin1,
    /// A second-level administrative area (US county).
    Admin2,
    /// A populated place.
    City,
}

impl Feature {
    /// The name written into `entity.extra.feature` and `precision`.
    pub fn as_str(self) -> &'static str {
        match self {
            Feature::Continent => "continent",
            Feature::Country => "country",
            Feature::Admin1 => "admin1",
            Feature::Admin2 => "admin2",
            Feature::City => "city",
        }
    }
}

/// One place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    /// GeoNames id; 0 when the record does not come with one (hand-listed admin areas,
    /// US counties).
    pub geonames_id: u32,
    /// The GeoNames name.
    pub name: String,
    /// ISO 3166-1 alpha-2 country code (`[0, 0]` for continents).
    pub country: [u8; 2],
    /// GeoNames admin1 code ("TX", "ENG", "08"); empty when unknown or not applicable.
    pub admin1: String,
    /// Latitude in 1e-5 degrees; for areas a representative point (see `build`).
    pub lat: i32,
    /// Longitude in 1e-5 degrees.
    pub lon: i32,
    /// True when `lat`/`lon` are meaningful.
    pub has_point: bool,
    /// Population (for admin areas built from cities, the sum over their cities).
    pub population: u64,
    /// Kind of place.
    pub feature: Feature,
    /// A national capital or the largest city of its country: the usual referent of its
    /// name in news, even against an admin area of the same name ("New York", "Washington").
    pub major: bool,
}

impl Place {
    /// A borrowed view of this place.
    pub fn as_ref(&self) -> PlaceRef<'_> {
        PlaceRef {
            geonames_id: self.geonames_id,
            name: &self.name,
            country: self.country,
            admin1: &self.admin1,
            lat: self.lat,
            lon: self.lon,
            has_point: self.has_point,
            population: self.population,
            feature: self.feature,
            major: self.major,
        }
    }
}

/// A place as stored in the index (see [`Place`] for the fields).
#[derive(Debug, Clone, Copy, PartialEq)]
#[allow(missing_docs)]
pub struct PlaceRef<'a> {
    pub geonames_id: u32,
    pub name: &'a str,
    pub country: [u8; 2],
    pub admin1: &'a str,
    pub lat: i32,
    pub lon: i32,
    pub has_point: bool,
    pub population: u64,
    pub feature: Feature,
    pub major: bool,
}

impl PlaceRef<'_> {
    /// The country code as a string ("" for continents).
    pub fn country_code(&self) -> &str {
        if self.country == [0, 0] {
            ""
        } else {
            std::str::from_utf8(&self.country).unwrap_or("")
        }
    }
    /// Latitude in degrees.
    pub fn lat_deg(&self) -> f64 {
        self.lat as f64 / 1e5
    }
    /// Longitude in degrees.
    pub fn lon_deg(&self) -> f64 {
        self.lon as f64 / 1e5
    }
}

/// Bytes of one stored place record: id, country, feature, flags, lat, lon, population,
/// end of its name in the name arena, end of its admin1 code in the admin1 arena.
const REC: usize = 4 + 2 + 1 + 1 + 4 + 4 + 8 + 4 + 4;

fn feature_code(f: Feature) -> u8 {
    match f {
        Feature::Continent => 0,
        Feature::Country => 1,
        Feature::Admin1 => 2,
        Feature::Admin2 => 3,
        Feature::City => 4,
    }
}

fn feature_of(code: u8) -> Option<Feature> {
    Some(match code {
        0 => Feature::Continent,
        1 => Feature::Country,
        2 => Feature::Admin1,
        3 => Feature::Admin2,
        4 => Feature::City,
        _ => return None,
    })
}

/// A byte vector serialised as one byte string, so that postcard copies it in one go instead
/// of decoding element by element (the difference is most of the load time).
#[derive(Debug, Clone, Default, PartialEq)]
struct Bytes(Vec<u8>);

impl Serialize for Bytes {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(&self.0)
    }
}

impl<'de> Deserialize<'de> for Bytes {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Bytes;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a byte string")
            }
            fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<Bytes, E> {
                Ok(Bytes(v.to_vec()))
            }
            fn visit_byte_buf<E: serde::de::Error>(self, v: Vec<u8>) -> Result<Bytes, E> {
                Ok(Bytes(v))
            }
        }
        d.deserialize_byte_buf(V)
    }
}

impl Bytes {
    fn push_u32(&mut self, x: u32) {
        self.0.extend_from_slice(&x.to_le_bytes());
    }
    fn u32_at(&self, i: usize) -> u32 {
        let mut b = [0u8; 4];
        b.copy_from_slice(&self.0[i * 4..i * 4 + 4]);
        u32::from_le_bytes(b)
    }
    fn u32_len(&self) -> usize {
        self.0.len() / 4
    }
}

/// Per-country facts used for context: neighbours (ISO codes).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CountryInfo {
    /// ISO code.
    pub code: [u8; 2],
    /// Neighbouring countries.
    pub neighbours: Vec<[u8; 2]>,
    /// The national capital (a place index), when GeoNames names one that is in the index.
    pub capital: Option<u32>,
}

/// A posting: the place index, with [`ALT`] set when the key is an alternate name.
pub type Posting = u32;
/// Bit set on postings that come from an alternate (non-primary) name.
pub const ALT: u32 = 1 << 31;

/// The index: places and sorted name keys, in flat tables.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PlaceIndex {
    version: u32,
    /// [`REC`] bytes per place.
    records: Bytes,
    /// Place names, concatenated.
    names: String,
    /// Admin1 codes, concatenated.
    admin1s: String,
    /// All keys, sorted bytewise, concatenated.
    keys: String,
    /// End offset of key `i` in `keys` (u32 LE).
    key_ends: Bytes,
    /// End offset of the postings of key `i` (u32 LE).
    post_ends: Bytes,
    /// Postings (u32 LE).
    postings: Bytes,
    countries: Vec<CountryInfo>,
}

/// The lookup form of a name: Unicode compatibility-decomposed with combining marks removed,
/// lowercased, periods and apostrophes dropped ("U.S." → "us", "Côte d'Ivoire" → "cote
/// divoire"), every other non-alphanumeric run (spaces, hyphens, commas) one space.
pub fn normalize_key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut pending_space = false;
    for c in name.nfkd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        if matches!(c, '.' | '\'' | '’' | 'ʻ' | 'ʼ' | '`' | '‘') {
            continue;
        }
        if c.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.extend(c.to_lowercase());
        } else {
            pending_space = true;
        }
    }
    out
}

impl PlaceIndex {
    /// Build from places and (key, posting) pairs; keys must already be normalised. Pairs
    /// are sorted and deduplicated, so the result does not depend on their order.
    pub fn from_parts(places: Vec<Place>, mut names: Vec<(String, Posting)>, mut countries: Vec<CountryInfo>) -> Self {
        names.sort();
        names.dedup();
        let mut idx = PlaceIndex { version: VERSION, ..Default::default() };
        for p in &places {
            let r = &mut idx.records.0;
            r.extend_from_slice(&p.geonames_id.to_le_bytes());
            r.extend_from_slice(&p.country);
            r.push(feature_code(p.feature));
            r.push(p.has_point as u8 | (p.major as u8) << 1);
            r.extend_from_slice(&p.lat.to_le_bytes());
            r.extend_from_slice(&p.lon.to_le_bytes());
            r.extend_from_slice(&p.population.to_le_bytes());
            idx.names.push_str(&p.name);
            idx.admin1s.push_str(&p.admin1);
            r.extend_from_slice(&(idx.names.len() as u32).to_le_bytes());
            r.extend_from_slice(&(idx.admin1s.len() as u32).to_le_bytes());
        }
        let mut i = 0;
        let mut n_post = 0u32;
        while i < names.len() {
            let key = &names[i].0;
            let mut j = i;
            while j < names.len() && names[j].0 == *key {
                let p = names[j].1;
                // A place reachable by a primary name under a key does not also need the alternate.
                let primary_exists = p & ALT != 0 && names[i..j].iter().any(|(_, q)| *q == p & !ALT);
                if !primary_exists {
                    idx.postings.push_u32(p);
                    n_post += 1;
                }
                j += 1;
            }
            idx.keys.push_str(key);
            idx.key_ends.push_u32(idx.keys.len() as u32);
            idx.post_ends.push_u32(n_post);
            i = j;
        }
        countries.sort_by_key(|c| c.code);
        idx.countries = countries;
        idx
    }

    /// Number of places.
    pub fn len(&self) -> usize {
        self.records.0.len() / REC
    }
    /// True when there are no places.
    pub fn is_empty(&self) -> bool {
        self.records.0.is_empty()
    }
    /// Number of distinct name keys.
    pub fn key_count(&self) -> usize {
        self.key_ends.u32_len()
    }

    fn record_end(&self, i: usize, at: usize) -> usize {
        if i == 0 {
            return 0;
        }
        let r = &self.records.0[(i - 1) * REC..i * REC];
        let mut b = [0u8; 4];
        b.copy_from_slice(&r[at..at + 4]);
        u32::from_le_bytes(b) as usize
    }

    /// Place `i` (`i < len()`; postings always are).
    pub fn place(&self, i: u32) -> PlaceRef<'_> {
        let i = i as usize;
        let r = &self.records.0[i * REC..(i + 1) * REC];
        let u32_at = |at: usize| {
            let mut b = [0u8; 4];
            b.copy_from_slice(&r[at..at + 4]);
            u32::from_le_bytes(b)
        };
        let mut pop = [0u8; 8];
        pop.copy_from_slice(&r[16..24]);
        let name_end = u32_at(24) as usize;
        let admin_end = u32_at(28) as usize;
        PlaceRef {
            geonames_id: u32_at(0),
            name: self.names.get(self.record_end(i, 24)..name_end).unwrap_or(""),
            country: [r[4], r[5]],
            admin1: self.admin1s.get(self.record_end(i, 28)..admin_end).unwrap_or(""),
            lat: u32_at(8) as i32,
            lon: u32_at(12) as i32,
            has_point: r[7] & 1 != 0,
            population: u64::from_le_bytes(pop),
            feature: feature_of(r[6]).unwrap_or(Feature::City),
            major: r[7] & 2 != 0,
        }
    }

    fn key(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.key_ends.u32_at(i - 1) as usize };
        &self.keys[start..self.key_ends.u32_at(i) as usize]
    }

    /// The postings of a normalised key (empty when unknown).
    pub fn lookup_key(&self, key: &str) -> Vec<Posting> {
        let n = self.key_count();
        let (mut lo, mut hi) = (0usize, n);
        while lo < hi {
            let mid = (lo + hi) / 2;
            match self.key(mid).cmp(key) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => {
                    let start = if mid == 0 { 0 } else { self.post_ends.u32_at(mid - 1) as usize };
                    return (start..self.post_ends.u32_at(mid) as usize).map(|j| self.postings.u32_at(j)).collect();
                }
            }
        }
        Vec::new()
    }

    /// The postings of a surface name (normalised here).
    pub fn lookup(&self, name: &str) -> Vec<Posting> {
        self.lookup_key(&normalize_key(name))
    }

    /// The neighbours of a country.
    pub fn neighbours(&self, code: [u8; 2]) -> &[[u8; 2]] {
        match self.countries.binary_search_by_key(&code, |c| c.code) {
            Ok(i) => &self.countries[i].neighbours,
            Err(_) => &[],
        }
    }

    /// The national capital of a country ("the Russian capital").
    pub fn capital(&self, code: [u8; 2]) -> Option<u32> {
        let i = self.countries.binary_search_by_key(&code, |c| c.code).ok()?;
        self.countries[i].capital.filter(|&p| (p as usize) < self.len())
    }

    /// The file bytes: magic, raw length, zstd(postcard(self)) (`newsgraph_nlp::container`).
    pub fn to_bytes(&self) -> Result<Vec<u8>, PlacesError> {
        container::write(MAGIC, self).map_err(PlacesError::Encode)
    }

    /// The inverse of [`PlaceIndex::to_bytes`]; `what` names the source in errors.
    pub fn from_bytes(bytes: &[u8], what: &str) -> Result<Self, PlacesError> {
        let bad = |m: String| PlacesError::Decode { what: what.to_string(), message: m };
        let idx: PlaceIndex = container::read(MAGIC, bytes, MAX_RAW).map_err(|e| match e {
            ReadError::WrongKind => bad("not a places index (bad magic); rebuild it with `newsgraph train places`".into()),
            ReadError::Bad(m) => bad(m),
        })?;
        if idx.version != VERSION {
            return Err(bad(format!("format version {} (this build reads {VERSION}); rebuild it with `newsgraph train places`", idx.version)));
        }
        if !idx.valid() {
            return Err(bad("inconsistent tables; rebuild it with `newsgraph train places`".into()));
        }
        Ok(idx)
    }

    /// Every offset inside its table, every posting a place, names on char boundaries: after
    /// this, lookups cannot panic on a corrupt file.
    fn valid(&self) -> bool {
        let n = self.len();
        let (nk, np) = (self.key_count(), self.postings.u32_len());
        let whole = |b: &Bytes, size: usize| b.0.len().is_multiple_of(size);
        if !whole(&self.records, REC) || !whole(&self.key_ends, 4) || !whole(&self.post_ends, 4) || !whole(&self.postings, 4) || self.post_ends.u32_len() != nk {
            return false;
        }
        let monotone = |b: &Bytes, limit: usize, ok_at: &dyn Fn(usize) -> bool| {
            let mut prev = 0usize;
            (0..b.u32_len()).all(|i| {
                let e = b.u32_at(i) as usize;
                let ok = e >= prev && e <= limit && ok_at(e);
                prev = e;
                ok
            })
        };
        monotone(&self.key_ends, self.keys.len(), &|e| self.keys.is_char_boundary(e))
            && self.key_ends.u32_len().checked_sub(1).is_none_or(|l| self.key_ends.u32_at(l) as usize == self.keys.len())
            && monotone(&self.post_ends, np, &|_| true)
            && (0..np).all(|j| ((self.postings.u32_at(j) & !ALT) as usize) < n)
            && (0..n).all(|i| {
                let r = &self.records.0[i * REC..(i + 1) * REC];
                let end = |at: usize| u32::from_le_bytes([r[at], r[at + 1], r[at + 2], r[at + 3]]) as usize;
                let (ne, ae) = (end(24), end(28));
                ne >= self.record_end(i, 24) && ne <= self.names.len() && self.names.is_char_boundary(ne)
                    && ae >= self.record_end(i, 28) && ae <= self.admin1s.len() && self.admin1s.is_char_boundary(ae)
                    && feature_of(r[6]).is_some()
            })
    }

    /// Read a `places.bin` file.
    pub fn load(path: &Path) -> Result<Self, PlacesError> {
        let bytes = std::fs::read(path).map_err(|e| PlacesError::Io { path: path.to_path_buf(), source: e })?;
        Self::from_bytes(&bytes, &path.display().to_string())
    }

    /// Write a `places.bin` file.
    pub fn save(&self, path: &Path) -> Result<(), PlacesError> {
        let bytes = self.to_bytes()?;
        std::fs::write(path, bytes).map_err(|e| PlacesError::Io { path: path.to_path_buf(), source: e })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fold_case_accents_and_punctuation() {
        assert_eq!(normalize_key("U.S."), "us");
        assert_eq!(normalize_key("Côte d'Ivoire"), "cote divoire");
        assert_eq!(normalize_key("Rostov-on-Don"), "rostov on don");
        assert_eq!(normalize_key("  St.  Petersburg "), "st petersburg");
        assert_eq!(normalize_key("Kraków"), "krakow");
    }

    fn place(name: &str, cc: &str) -> Place {
        Place {
            geonames_id: 1,
            name: name.into(),
            country: [cc.as_bytes()[0], cc.as_bytes()[1]],
            admin1: String::new(),
            lat: 0,
            lon: 0,
            has_point: false,
            population: 1,
            feature: Feature::City,
            major: false,
        }
    }

    #[test]
    fn lookup_and_round_trip() {
        let places = vec![place("Paris", "FR"), place("Lyon", "FR")];
        let names = vec![("paris".to_string(), 0), ("lyon".to_string(), 1), ("lutece".to_string(), ALT), ("paris".to_string(), ALT)];
        let idx = PlaceIndex::from_parts(places, names, vec![CountryInfo { code: *b"FR", neighbours: vec![*b"BE"], capital: None }]);
        assert_eq!(idx.lookup("PARIS"), vec![0], "the alternate duplicate of a primary name is dropped");
        assert_eq!(idx.lookup("Lutèce"), vec![ALT]);
        assert!(idx.lookup("Berlin").is_empty());
        assert_eq!(idx.neighbours(*b"FR"), &[*b"BE"]);
        let bytes = idx.to_bytes().unwrap();
        assert_eq!(PlaceIndex::from_bytes(&bytes, "test").unwrap(), idx);
        assert!(PlaceIndex::from_bytes(b"garbage garbage garbage", "test").is_err());
    }
}
