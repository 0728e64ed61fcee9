//! Builds the [`PlaceIndex`] from the GeoNames files of the `shared/data` layout
//! (`geonames/cities15000.json`, `countries.json`, `us_states.json`, `us_counties.json`,
//! `continents.json`) plus the hand tables of `names`. Runs at training time only
//! (`newsgraph train places`); the analysis loads the result.
//!
//! Which names are kept: every primary name (and "St X" for "Saint X", "X" for "X City");
//! for cities of at least [`ALT_MIN_POPULATION`] people also their Latin-script alternate
//! names, minus all-capital codes ("LON", "PAR") and minus names that are a country,
//! first-level area or continent (those keep their own meaning). Alternate names are marked
//! so that the resolver ranks them below primary ones ("Victoria" is an alternate name of
//! Hong Kong). Areas get a representative point: the population-weighted mean position of
//! their cities on the sphere (the continent's own point for continents); the output marks
//! them with their precision, so the point is not mistaken for a location.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::index::{normalize_key, CountryInfo, Feature, Place, PlaceIndex, Posting, ALT};
use super::names::{COUNTRY_ALIASES, EXTRA_ADMIN1};
use crate::name_heads::{self, Use};
use super::PlacesError;

/// Alternate names are indexed only for cities at least this populous: small towns' lists
/// are mostly transliterations that would only add wrong matches.
pub const ALT_MIN_POPULATION: u64 = 50_000;

/// What a build produced, for the command's report.
#[derive(Debug, Clone, Default)]
pub struct BuildReport {
    /// Places by feature.
    pub places: BTreeMap<&'static str, usize>,
    /// Distinct keys.
    pub keys: usize,
    /// Hand-listed admin areas skipped because their reference city disagreed with the data.
    pub warnings: Vec<String>,
}

fn read_json(path: &Path) -> Result<Value, PlacesError> {
    let bytes = std::fs::read(path).map_err(|e| PlacesError::Io { path: path.to_path_buf(), source: e })?;
    serde_json::from_slice(&bytes).map_err(|e| PlacesError::Json { path: path.to_path_buf(), line: e.line(), message: e.to_string() })
}

fn bad(path: &Path, message: String) -> PlacesError {
    PlacesError::Json { path: path.to_path_buf(), line: 0, message }
}

fn code2(s: &str) -> Option<[u8; 2]> {
    let b = s.as_bytes();
    (b.len() == 2 && b.iter().all(u8::is_ascii_alphabetic)).then(|| [b[0].to_ascii_uppercase(), b[1].to_ascii_uppercase()])
}

fn deg(x: f64) -> i32 {
    (x * 1e5).round() as i32
}

/// A city row of `cities15000.json`.
struct City {
    id: u32,
    name: String,
    country: [u8; 2],
    admin1: String,
    lat: f64,
    lon: f64,
    population: u64,
    alternates: Vec<String>,
}

fn read_cities(path: &Path) -> Result<Vec<City>, PlacesError> {
    let v = read_json(path)?;
    let obj = v.as_object().ok_or_else(|| bad(path, "expected one JSON object keyed by geonameid".into()))?;
    let mut cities = Vec::with_capacity(obj.len());
    for (k, c) in obj {
        let s = |f: &str| c.get(f).and_then(Value::as_str).unwrap_or("").to_string();
        let id = c.get("geonameid").and_then(Value::as_u64).ok_or_else(|| bad(path, format!("city {k}: no geonameid")))?;
        let (Some(lat), Some(lon)) = (c.get("latitude").and_then(Value::as_f64), c.get("longitude").and_then(Value::as_f64)) else {
            return Err(bad(path, format!("city {k}: no latitude/longitude")));
        };
        let Some(country) = code2(&s("countrycode")) else { continue };
        cities.push(City {
            id: id as u32,
            name: s("name"),
            country,
            admin1: s("admin1code"),
            lat,
            lon,
            population: c.get("population").and_then(Value::as_u64).unwrap_or(0),
            alternates: c
                .get("alternatenames")
                .and_then(Value::as_array)
                .map(|a| a.iter().filter_map(Value::as_str).map(str::to_string).collect())
                .unwrap_or_default(),
        });
    }
    // The JSON object order is the file's; sort so the output never depends on it.
    cities.sort_by_key(|c| c.id);
    Ok(cities)
}

/// Population-weighted mean position on the unit sphere (handles the antimeridian).
#[derive(Default, Clone, Copy)]
struct Centroid {
    x: f64,
    y: f64,
    z: f64,
    pop: u64,
}

impl Centroid {
    fn add(&mut self, lat: f64, lon: f64, pop: u64) {
        let (la, lo) = (lat.to_radians(), lon.to_radians());
        let w = pop.max(1) as f64;
        self.x += w * la.cos() * lo.cos();
        self.y += w * la.cos() * lo.sin();
        self.z += w * la.sin();
        self.pop += pop;
    }
    fn point(&self) -> Option<(f64, f64)> {
        let r = (self.x * self.x + self.y * self.y).sqrt();
        (r > 0.0 || self.z != 0.0).then(|| (self.z.atan2(r).to_degrees(), self.y.atan2(self.x).to_degrees()))
    }
}

/// An alternate name worth indexing: Latin script once folded, at least 4 characters, not
/// an all-capital code, not ending in a facility word (`data/name_heads.tsv`: "White House"
/// for Casablanca is a translation English news does not use for the city, and would catch
/// the building).
fn useful_alternate(alt: &str, key: &str) -> bool {
    let letters = alt.chars().filter(|c| c.is_alphabetic()).count();
    let all_caps = alt.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
    let facility = key.rsplit(' ').next().is_some_and(|w| key.contains(' ') && name_heads::is(w, Use::Facility));
    key.len() >= 4 && key.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b' ') && !(all_caps && letters <= 5) && !facility
}

/// Primary-tier variants of a primary name: itself, "st x" for "saint x", "x" for "x city".
fn primary_keys(name: &str) -> Vec<String> {
    let key = normalize_key(name);
    let mut keys = vec![key.clone()];
    if let Some(rest) = key.strip_prefix("saint ") {
        keys.push(format!("st {rest}"));
    }
    if let Some(rest) = key.strip_suffix(" city") {
        if !rest.is_empty() {
            keys.push(rest.to_string());
        }
    }
    // NER spans usually leave the article out ("in The Hague" → "Hague").
    if let Some(rest) = key.strip_prefix("the ") {
        keys.push(rest.to_string());
    }
    keys
}

/// Build the index from `data/geonames`.
pub fn build(data: &Path) -> Result<(PlaceIndex, BuildReport), PlacesError> {
    let dir: PathBuf = data.join("geonames");
    let cities = read_cities(&dir.join("cities15000.json"))?;
    let countries_path = dir.join("countries.json");
    let countries = read_json(&countries_path)?;
    let countries = countries.as_object().ok_or_else(|| bad(&countries_path, "expected an object keyed by ISO code".into()))?;
    let states_path = dir.join("us_states.json");
    let states = read_json(&states_path)?;
    let states = states.as_object().ok_or_else(|| bad(&states_path, "expected an object keyed by postal code".into()))?;
    let counties_path = dir.join("us_counties.json");
    let counties = read_json(&counties_path)?;
    let counties = counties.as_array().ok_or_else(|| bad(&counties_path, "expected a list".into()))?;
    let continents_path = dir.join("continents.json");
    let continents = read_json(&continents_path)?;
    let continents = continents.as_object().ok_or_else(|| bad(&continents_path, "expected an object keyed by continent code".into()))?;

    let mut report = BuildReport::default();
    let mut places: Vec<Place> = Vec::new();
    let mut names: Vec<(String, Posting)> = Vec::new();
    let mut infos: Vec<CountryInfo> = Vec::new();

    // Centroids and populations of countries and admin1 areas, from their cities.
    let mut by_country: BTreeMap<[u8; 2], Centroid> = BTreeMap::new();
    let mut by_admin: BTreeMap<([u8; 2], &str), Centroid> = BTreeMap::new();
    for c in &cities {
        by_country.entry(c.country).or_default().add(c.lat, c.lon, c.population);
        if !c.admin1.is_empty() {
            by_admin.entry((c.country, c.admin1.as_str())).or_default().add(c.lat, c.lon, c.population);
        }
    }

    // Major cities: each country's capital (by name, the most populous match) and largest city.
    let mut major: BTreeMap<u32, ()> = BTreeMap::new();
    let mut largest: BTreeMap<[u8; 2], (u64, u32)> = BTreeMap::new();
    for c in &cities {
        let e = largest.entry(c.country).or_insert((0, c.id));
        if c.population > e.0 {
            *e = (c.population, c.id);
        }
    }
    major.extend(largest.values().map(|&(_, id)| (id, ())));
    let mut area_keys: BTreeMap<String, ()> = BTreeMap::new();

    // Continents.
    let mut conts: Vec<(&String, &Value)> = continents.iter().collect();
    conts.sort_by_key(|(k, _)| k.as_str());
    for (code, v) in conts {
        let name = v.get("name").or_else(|| v.get("toponymName")).and_then(Value::as_str).unwrap_or(code).to_string();
        let num = |f: &str| v.get(f).and_then(|x| x.as_f64().or_else(|| x.as_str().and_then(|s| s.parse().ok())));
        let i = places.len() as u32;
        let (lat, lon) = (num("lat"), num("lng"));
        places.push(Place {
            geonames_id: v.get("geonameId").and_then(Value::as_u64).unwrap_or(0) as u32,
            name: name.clone(),
            country: [0, 0],
            admin1: String::new(),
            lat: lat.map(deg).unwrap_or(0),
            lon: lon.map(deg).unwrap_or(0),
            has_point: lat.is_some() && lon.is_some(),
            population: v.get("population").and_then(Value::as_u64).unwrap_or(0),
            feature: Feature::Continent,
            major: false,
        });
        let mut add = |n: &str| {
            let k = normalize_key(n);
            if !k.is_empty() {
                area_keys.insert(k.clone(), ());
                names.push((k, i));
            }
        };
        add(&name);
        for alt in v.get("alternateNames").and_then(Value::as_array).into_iter().flatten() {
            if alt.get("lang").and_then(Value::as_str) == Some("en") {
                if let Some(n) = alt.get("name").and_then(Value::as_str) {
                    add(n);
                }
            }
        }
    }

    // Countries.
    let mut capital_of: Vec<([u8; 2], String)> = Vec::new();
    let mut country_rows: Vec<(&String, &Value)> = countries.iter().collect();
    country_rows.sort_by_key(|(k, _)| k.as_str());
    for (code, v) in country_rows {
        let Some(cc) = code2(code) else { continue };
        let name = v.get("name").and_then(Value::as_str).unwrap_or(code).trim().to_string();
        let cen = by_country.get(&cc).copied().unwrap_or_default();
        let point = cen.point();
        let i = places.len() as u32;
        places.push(Place {
            geonames_id: v.get("geonameid").and_then(Value::as_u64).unwrap_or(0) as u32,
            name: name.clone(),
            country: cc,
            admin1: String::new(),
            lat: point.map(|p| deg(p.0)).unwrap_or(0),
            lon: point.map(|p| deg(p.1)).unwrap_or(0),
            has_point: point.is_some(),
            population: v.get("population").and_then(Value::as_u64).unwrap_or(0),
            feature: Feature::Country,
            major: false,
        });
        for k in primary_keys(&name) {
            area_keys.insert(k.clone(), ());
            names.push((k, i));
        }
        for (acc, alias) in COUNTRY_ALIASES {
            if code2(acc) == Some(cc) {
                let k = normalize_key(alias);
                area_keys.insert(k.clone(), ());
                names.push((k, i));
            }
        }
        let neighbours = v.get("neighbours").and_then(Value::as_str).unwrap_or("").split(',').filter_map(|n| code2(n.trim())).collect();
        infos.push(CountryInfo { code: cc, neighbours, capital: None });
        if let Some(cap) = v.get("capital").and_then(Value::as_str) {
            if !cap.trim().is_empty() {
                capital_of.push((cc, normalize_key(cap)));
            }
        }
    }
    let mut capital_city: BTreeMap<[u8; 2], u32> = BTreeMap::new();
    for (cc, cap) in &capital_of {
        // By primary name first: "New Delhi" is also an alternate name of Delhi.
        let by_primary = cities.iter().filter(|c| c.country == *cc && normalize_key(&c.name) == *cap).max_by_key(|c| (c.population, std::cmp::Reverse(c.id)));
        let best = by_primary.or_else(|| {
            cities
                .iter()
                .filter(|c| c.country == *cc && c.alternates.iter().any(|a| normalize_key(a) == *cap))
                .max_by_key(|c| (c.population, std::cmp::Reverse(c.id)))
        });
        if let Some(c) = best {
            major.insert(c.id, ());
            capital_city.insert(*cc, c.id);
        }
    }

    // First-level areas: US states, then the hand-listed ones checked against a reference city.
    let mut admin_rows: Vec<([u8; 2], String, u32, Vec<String>)> = Vec::new();
    let mut state_rows: Vec<(&String, &Value)> = states.iter().collect();
    state_rows.sort_by_key(|(k, _)| k.as_str());
    for (code, v) in state_rows {
        let name = v.get("name").and_then(Value::as_str).unwrap_or(code).to_string();
        let id = v.get("geonameid").and_then(Value::as_u64).unwrap_or(0) as u32;
        admin_rows.push((*b"US", code.clone(), id, vec![name]));
    }
    for (cc, code, id, area_names, reference) in EXTRA_ADMIN1 {
        let Some(cc2) = code2(cc) else { continue };
        let rk = normalize_key(reference);
        let ok = cities.iter().any(|c| c.country == cc2 && c.admin1 == *code && normalize_key(&c.name) == rk);
        if ok {
            admin_rows.push((cc2, code.to_string(), *id, area_names.iter().map(|s| s.to_string()).collect()));
        } else {
            report.warnings.push(format!("{} ({cc} {code}): reference city {reference} not found with that code; skipped", area_names[0]));
        }
    }
    for (cc, code, id, area_names) in admin_rows {
        let cen = by_admin.get(&(cc, code.as_str())).copied().unwrap_or_default();
        let point = cen.point();
        let i = places.len() as u32;
        places.push(Place {
            geonames_id: id,
            name: area_names[0].clone(),
            country: cc,
            admin1: code,
            lat: point.map(|p| deg(p.0)).unwrap_or(0),
            lon: point.map(|p| deg(p.1)).unwrap_or(0),
            has_point: point.is_some(),
            population: cen.pop,
            feature: Feature::Admin1,
            major: false,
        });
        for n in &area_names {
            for k in primary_keys(n) {
                area_keys.insert(k.clone(), ());
                names.push((k, i));
            }
        }
    }

    // US counties: no id and no point in the data; useful for "Cook County".
    for c in counties {
        let (Some(name), Some(state)) = (c.get("name").and_then(Value::as_str), c.get("state").and_then(Value::as_str)) else {
            continue;
        };
        let i = places.len() as u32;
        places.push(Place {
            geonames_id: 0,
            name: name.to_string(),
            country: *b"US",
            admin1: state.to_string(),
            lat: 0,
            lon: 0,
            has_point: false,
            population: 0,
            feature: Feature::Admin2,
            major: false,
        });
        names.push((normalize_key(name), i));
    }

    // Cities.
    for c in &cities {
        let i = places.len() as u32;
        places.push(Place {
            geonames_id: c.id,
            name: c.name.clone(),
            country: c.country,
            admin1: c.admin1.clone(),
            lat: deg(c.lat),
            lon: deg(c.lon),
            has_point: true,
            population: c.population,
            feature: Feature::City,
            major: major.contains_key(&c.id),
        });
        let prim = primary_keys(&c.name);
        if c.population >= ALT_MIN_POPULATION {
            for alt in &c.alternates {
                let k = normalize_key(alt);
                if useful_alternate(alt, &k) && !prim.contains(&k) && !area_keys.contains_key(&k) {
                    names.push((k, i | ALT));
                }
            }
        }
        names.extend(prim.into_iter().map(|k| (k, i)));
    }

    for p in &places {
        *report.places.entry(p.feature.as_str()).or_default() += 1;
    }
    let city_at: BTreeMap<u32, u32> =
        places.iter().enumerate().filter(|(_, p)| p.feature == Feature::City).map(|(i, p)| (p.geonames_id, i as u32)).collect();
    for info in &mut infos {
        info.capital = capital_city.get(&info.code).and_then(|id| city_at.get(id)).copied();
    }
    let idx = PlaceIndex::from_parts(places, names, infos);
    report.keys = idx.key_count();
    Ok((idx, report))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alternate_filter_keeps_latin_names_and_drops_codes() {
        assert!(useful_alternate("Moskva", "moskva"));
        assert!(!useful_alternate("LON", "lon"));
        assert!(!useful_alternate("Москва", &normalize_key("Москва")));
        assert!(!useful_alternate("Pa", "pa"));
        assert!(!useful_alternate("White House", "white house"), "a translation of Casablanca, and a building");
    }

    #[test]
    fn primary_variants() {
        assert_eq!(primary_keys("Saint Petersburg"), ["saint petersburg", "st petersburg"]);
        assert_eq!(primary_keys("New York City"), ["new york city", "new york"]);
        assert_eq!(primary_keys("The Hague"), ["the hague", "hague"]);
    }

    #[test]
    fn centroid_crosses_the_antimeridian() {
        let mut c = Centroid::default();
        c.add(0.0, 179.0, 1);
        c.add(0.0, -179.0, 1);
        let (lat, lon) = c.point().unwrap();
        assert!(lat.abs() < 1e-9 && lon.abs() > 179.9, "{lat} {lon}");
    }
}
