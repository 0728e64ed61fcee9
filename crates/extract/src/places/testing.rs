//! A tiny hand-made index (a few dozen real GeoNames records: the classic ambiguous names and
//! their areas) for unit tests and examples, so that they run without `models/places.bin`
//! or the GeoNames files. Not for production use.

use super::index::{normalize_key, CountryInfo, Feature, Place, PlaceIndex, Posting, ALT};

/// (geonames id, name, country, admin1, lat, lon, population, feature, major, extra names,
/// alternate names)
type Row = (u32, &'static str, &'static str, &'static str, f64, f64, u64, Feature, bool, &'static [&'static str], &'static [&'static str]);

const ROWS: &[Row] = &[
    (6255148, "Europe", "", "", 48.69, 9.14, 741_000_000, Feature::Continent, false, &[], &[]),
    (3017382, "France", "FR", "", 46.5, 2.5, 66_987_244, Feature::Country, false, &[], &[]),
    (6252001, "United States", "US", "", 39.8, -98.5, 327_167_434, Feature::Country, false, &["U.S.", "America", "US"], &[]),
    (2635167, "United Kingdom", "GB", "", 52.8, -1.6, 66_488_991, Feature::Country, false, &["Britain", "UK"], &[]),
    (614540, "Georgia", "GE", "", 42.0, 43.5, 3_704_500, Feature::Country, false, &[], &[]),
    (2017370, "Russia", "RU", "", 56.0, 50.0, 144_478_050, Feature::Country, false, &[], &[]),
    (1819730, "Hong Kong", "HK", "", 22.3, 114.2, 7_396_076, Feature::Country, false, &[], &[]),
    (4736286, "Texas", "US", "TX", 31.0, -97.0, 20_000_000, Feature::Admin1, false, &[], &[]),
    (4197000, "Georgia", "US", "GA", 33.3, -84.0, 4_000_000, Feature::Admin1, false, &[], &[]),
    (5596512, "Idaho", "US", "ID", 44.0, -115.0, 1_000_000, Feature::Admin1, false, &[], &[]),
    (4829764, "Alabama", "US", "AL", 33.0, -86.7, 2_000_000, Feature::Admin1, false, &[], &[]),
    (4971068, "Maine", "US", "ME", 44.0, -70.0, 300_000, Feature::Admin1, false, &[], &[]),
    (5744337, "Oregon", "US", "OR", 44.5, -122.0, 3_000_000, Feature::Admin1, false, &[], &[]),
    (6269131, "England", "GB", "ENG", 52.5, -1.5, 40_000_000, Feature::Admin1, false, &[], &[]),
    (2988507, "Paris", "FR", "11", 48.85341, 2.3488, 2_138_551, Feature::City, true, &[], &["Lutece"]),
    (4717560, "Paris", "US", "TX", 33.66094, -95.55551, 24_782, Feature::City, false, &[], &[]),
    (4180439, "Atlanta", "US", "GA", 33.749, -84.38798, 498_715, Feature::City, false, &[], &[]),
    (611717, "Tbilisi", "GE", "TB", 41.69411, 44.83368, 1_049_498, Feature::City, true, &[], &["Tiflis"]),
    (524901, "Moscow", "RU", "48", 55.75222, 37.61556, 10_381_222, Feature::City, true, &[], &["Moskva"]),
    (5601538, "Moscow", "US", "ID", 46.73239, -117.00017, 25_060, Feature::City, false, &[], &[]),
    (5586437, "Boise", "US", "ID", 43.6135, -116.20345, 235_684, Feature::City, false, &[], &[]),
    (2655603, "Birmingham", "GB", "ENG", 52.48142, -1.89983, 1_157_603, Feature::City, false, &[], &[]),
    (4049979, "Birmingham", "US", "AL", 33.52066, -86.80249, 196_357, Feature::City, false, &[], &[]),
    (5746545, "Portland", "US", "OR", 45.52345, -122.67621, 652_503, Feature::City, false, &[], &[]),
    (4975802, "Portland", "US", "ME", 43.66147, -70.25533, 66_881, Feature::City, false, &[], &[]),
    (1819729, "Hong Kong", "HK", "", 22.27832, 114.17469, 7_396_076, Feature::City, true, &[], &["Victoria"]),
    (5128581, "New York City", "US", "NY", 40.71427, -74.00597, 8_804_190, Feature::City, true, &["New York"], &[]),
    (5128638, "New York", "US", "NY", 43.0, -75.5, 12_000_000, Feature::Admin1, false, &[], &[]),
    (5110629, "Buffalo", "US", "NY", 42.88645, -78.87837, 256_902, Feature::City, false, &[], &[]),
];

/// The row index of a GeoNames id.
fn row_of(id: u32) -> Option<u32> {
    ROWS.iter().position(|r| r.0 == id).map(|i| i as u32)
}

/// The tiny index.
pub fn tiny_index() -> PlaceIndex {
    let mut places = Vec::new();
    let mut names: Vec<(String, Posting)> = Vec::new();
    for (i, &(id, name, cc, a1, lat, lon, pop, feature, major, extra, alts)) in ROWS.iter().enumerate() {
        let b = cc.as_bytes();
        places.push(Place {
            geonames_id: id,
            name: name.to_string(),
            country: if b.len() == 2 { [b[0], b[1]] } else { [0, 0] },
            admin1: a1.to_string(),
            lat: (lat * 1e5) as i32,
            lon: (lon * 1e5) as i32,
            has_point: true,
            population: pop,
            feature,
            major,
        });
        let i = i as u32;
        names.push((normalize_key(name), i));
        names.extend(extra.iter().map(|n| (normalize_key(n), i)));
        names.extend(alts.iter().map(|n| (normalize_key(n), i | ALT)));
    }
    let countries = vec![
        CountryInfo { code: *b"GE", neighbours: vec![*b"RU", *b"AM", *b"AZ", *b"TR"], capital: row_of(611717) },
        CountryInfo { code: *b"RU", neighbours: vec![*b"GE", *b"UA", *b"BY"], capital: row_of(524901) },
        CountryInfo { code: *b"FR", neighbours: vec![], capital: row_of(2988507) },
    ];
    PlaceIndex::from_parts(places, names, countries)
}
