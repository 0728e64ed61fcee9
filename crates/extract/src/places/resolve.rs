//! Disambiguation: which place a GPE/LOC/FAC entity names. Candidates come from the index
//! (every place one of the entity's names leads to); each gets a score made of
//! - a prior: log10 of population, a bonus for countries and continents (a name that is a
//!   country is usually the country), a small one for first-level areas, and one for
//!   "major" cities (national capitals and largest cities beat a same-named state: "New
//!   York", "Washington"); alternate (non-primary) names rank below primary ones;
//! - the document's country context: the share of the other places (and the dateline, and
//!   nationality words) that point to the candidate's country, to its first-level area, or
//!   to a neighbouring country;
//! - a containing area written next to a mention ("Paris, Texas", "Portland, Ore.",
//!   "Birmingham, England"), which all but decides.
//!
//! The weights are set by hand (see `docs/places.md` for how they were checked). This module
//! reads the document but does not write it (see the stage in `mod.rs`).

use std::collections::HashMap;

use super::index::{normalize_key, Feature, PlaceIndex, ALT};
use super::names::{COUNTRY_ALIASES, EXTRA_ADMIN1, US_STATE_ABBREVIATIONS};

/// Score weights.
pub mod weights {
    /// Bonus for countries and continents.
    pub const COUNTRY: f64 = 1.5;
    /// Bonus for first-level areas.
    pub const ADMIN1: f64 = 0.5;
    /// Penalty for second-level areas (no population in the data).
    pub const ADMIN2: f64 = -1.0;
    /// Bonus for capitals and largest cities.
    pub const MAJOR: f64 = 2.0;
    /// Penalty for a match through an alternate name.
    pub const ALTERNATE: f64 = -3.0;
    /// Weight of the share of context votes for the candidate's country.
    pub const CONTEXT_COUNTRY: f64 = 3.0;
    /// Weight of the share of context votes for the candidate's first-level area.
    pub const CONTEXT_ADMIN: f64 = 3.0;
    /// Weight of the share of context votes for a neighbouring country.
    pub const CONTEXT_NEIGHBOUR: f64 = 1.0;
    /// Bonus when a containing area written next to a mention matches.
    pub const CONTAINER: f64 = 6.0;
    /// Votes of the dateline place.
    pub const DATELINE_VOTES: f64 = 3.0;
    /// Votes of a nationality word entity.
    pub const DEMONYM_VOTES: f64 = 0.5;
    /// Most votes one entity casts (by its number of mentions).
    pub const MAX_ENTITY_VOTES: f64 = 3.0;
}

/// A containing area: a country, or a first-level area of one.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Container {
    /// ISO country code.
    pub country: [u8; 2],
    /// Admin1 code, when the container is a first-level area.
    pub admin1: Option<String>,
}

impl Container {
    /// Is `p` inside this area? Countries and continents are inside nothing.
    pub fn contains(&self, p: &super::index::PlaceRef) -> bool {
        !matches!(p.feature, Feature::Country | Feature::Continent)
            && self.country == p.country
            && self.admin1.as_deref().is_none_or(|a| a == p.admin1)
    }
}

/// Names that can follow a place after a comma, and nationality words; built once.
#[derive(Debug, Clone, Default)]
pub struct Tables {
    containers: HashMap<String, Vec<Container>>,
    /// Postal codes ("TX"), matched only when written in capitals.
    postal: HashMap<String, Container>,
    /// State abbreviations ("Tex.", "Ore."): written only after a place they contain, never in
    /// a list of places, so a place that is not in them is not the one meant.
    abbreviations: HashMap<String, Container>,
    demonyms: HashMap<String, [u8; 2]>,
    /// The index's first-level areas by (country, admin1 code).
    admin_places: HashMap<([u8; 2], String), u32>,
    /// The index's countries by code.
    country_places: HashMap<[u8; 2], u32>,
}

fn cc(s: &str) -> [u8; 2] {
    let b = s.as_bytes();
    [b[0], b[1]]
}

impl Tables {
    /// Build from the index's countries and first-level areas plus the hand tables.
    pub fn new(index: &PlaceIndex) -> Self {
        let mut t = Tables::default();
        let mut add = |name: &str, c: Container| {
            let v = t.containers.entry(normalize_key(name)).or_default();
            if !v.contains(&c) {
                v.push(c);
            }
        };
        for i in 0..index.len() as u32 {
            let p = index.place(i);
            match p.feature {
                Feature::Country => {
                    add(p.name, Container { country: p.country, admin1: None });
                    t.country_places.entry(p.country).or_insert(i);
                }
                Feature::Admin1 => {
                    add(p.name, Container { country: p.country, admin1: Some(p.admin1.to_string()) });
                    t.admin_places.insert((p.country, p.admin1.to_string()), i);
                }
                _ => {}
            }
        }
        for (code, alias) in COUNTRY_ALIASES {
            add(alias, Container { country: cc(code), admin1: None });
        }
        for (code, admin1, _, names, _) in EXTRA_ADMIN1 {
            for n in names.iter() {
                add(n, Container { country: cc(code), admin1: Some(admin1.to_string()) });
            }
        }
        for (postal, abbrevs) in US_STATE_ABBREVIATIONS {
            for a in abbrevs.iter() {
                t.abbreviations.insert(a.to_string(), Container { country: *b"US", admin1: Some(postal.to_string()) });
            }
            t.postal.insert(postal.to_string(), Container { country: *b"US", admin1: Some(postal.to_string()) });
        }
        t.demonyms = crate::demonyms::all().map(|d| (normalize_key(d.word), cc(d.code))).collect();
        t
    }

    /// The first-level area a state abbreviation or postal code stands for, when it is the
    /// whole name ("Mich." split off "FLINT, Mich." by NER).
    pub fn abbreviated_area(&self, name: &str) -> Option<u32> {
        let (found, strict) = self.container(name);
        let c = found.first().filter(|c| strict && c.admin1.is_some())?;
        self.area_place(c)
    }

    /// The index's place for a containing area (the country, or the first-level area).
    pub fn area_place(&self, c: &Container) -> Option<u32> {
        match &c.admin1 {
            Some(a) => self.admin_places.get(&(c.country, a.clone())).copied(),
            None => self.country_places.get(&c.country).copied(),
        }
    }

    /// The country a nationality word points to ("Russian", "Russians").
    pub fn demonym(&self, word: &str) -> Option<[u8; 2]> {
        let k = normalize_key(word);
        self.demonyms.get(&k).or_else(|| k.strip_suffix('s').and_then(|s| self.demonyms.get(s))).copied()
    }

    /// The containing areas named by `text` (a whole phrase like "Texas", "Ore.", "TX"), and
    /// whether they are an abbreviation (which only ever names a container; see
    /// `abbreviations`).
    pub fn container(&self, text: &str) -> (&[Container], bool) {
        let t = text.trim();
        if t.len() == 2 && t.bytes().all(|b| b.is_ascii_uppercase()) {
            if let Some(c) = self.postal.get(t) {
                return (std::slice::from_ref(c), true);
            }
        }
        if let Some(c) = self.abbreviations.get(t) {
            return (std::slice::from_ref(c), true);
        }
        (self.containers.get(&normalize_key(t)).map(Vec::as_slice).unwrap_or(&[]), false)
    }

    /// The containing areas written right after byte `end` of `text` (", Texas", ", Ore."),
    /// as [`Tables::container`].
    pub fn container_after(&self, text: &str, end: usize) -> (&[Container], bool) {
        let rest = match text.get(end..) {
            Some(r) => r,
            None => return (&[], false),
        };
        let Some(rest) = rest.strip_prefix(',') else { return (&[], false) };
        let rest = rest.trim_start_matches([' ', '\u{a0}']);
        // Up to four words of letters and periods, the first capitalised.
        let mut words: Vec<&str> = Vec::with_capacity(4);
        let mut at = 0;
        for w in rest.split(' ') {
            let clean_end = w.find(|c: char| !(c.is_alphabetic() || c == '.' || c == '-')).unwrap_or(w.len());
            let word = &w[..clean_end];
            if word.is_empty() || (words.is_empty() && !word.starts_with(|c: char| c.is_uppercase())) {
                break;
            }
            words.push(word);
            at += 1;
            if clean_end < w.len() || at == 4 {
                break;
            }
        }
        for n in (1..=words.len()).rev() {
            let phrase = words[..n].join(" ");
            let found = self.container(&phrase);
            if !found.0.is_empty() {
                return found;
            }
            // "Maine." at a sentence end: the period is not part of the name.
            if let Some(stripped) = phrase.strip_suffix('.') {
                let found = self.container(stripped);
                if !found.0.is_empty() {
                    return found;
                }
            }
        }
        (&[], false)
    }
}

/// True when the word right after byte `end` is a lowercase "state" ("Washington state",
/// "New York state legislature"): the name is the first-level area, not its city.
pub fn state_after(text: &str, end: usize) -> bool {
    let Some(rest) = text.get(end..).and_then(|r| r.strip_prefix(' ')) else { return false };
    rest.strip_prefix("state").is_some_and(|r| !r.starts_with(|c: char| c.is_alphanumeric()))
}

/// One name the entity is known by, cleaned for lookup, with what it says about the place.
#[derive(Debug, Clone, Default)]
pub struct Query {
    /// Keys to look up (without "the", possessive, trailing "state").
    pub keys: Vec<String>,
    /// Only first-level areas ("Washington state").
    pub admin_only: bool,
    /// A containing area written inside the name ("Paris, Texas").
    pub container: Option<String>,
}

/// Clean a surface name: possessive, leading article, "X state", "X, Y".
pub fn query(name: &str) -> Query {
    let mut q = Query::default();
    let mut n = name.trim();
    for suffix in ["'s", "’s", "'", "’"] {
        if let Some(s) = n.strip_suffix(suffix) {
            n = s;
            break;
        }
    }
    if let Some((head, tail)) = n.split_once(',') {
        if !tail.trim().is_empty() {
            q.container = Some(tail.trim().to_string());
        }
        n = head.trim();
    }
    // Lowercase modifiers NER sometimes keeps ("northern Mexico"); a capitalised word starts
    // the name ("North Korea" stays whole).
    while let Some((first, rest)) = n.split_once(' ') {
        if first.starts_with(|c: char| c.is_lowercase()) && first != "the" && rest.starts_with(|c: char| c.is_uppercase()) {
            n = rest.trim_start();
        } else {
            break;
        }
    }
    let key = normalize_key(n);
    if key.is_empty() {
        return q;
    }
    q.keys.push(key.clone());
    if let Some(rest) = key.strip_prefix("the ") {
        q.keys.push(rest.to_string());
    }
    for suffix in [" state", " province"] {
        if let Some(rest) = key.strip_suffix(suffix) {
            if !rest.is_empty() {
                q.keys.push(rest.to_string());
                q.admin_only = true;
            }
        }
    }
    q
}

/// A candidate place for an entity: place index, whether reached by an alternate name only.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Candidate {
    /// Index into the place index.
    pub place: u32,
    /// Reached only through alternate names.
    pub alternate: bool,
    /// Matches a containing area written next to a mention.
    pub contained: bool,
}

/// Candidates for a set of queries: the union of their postings, a place keeping its best
/// tier. "X state" restricts to first-level areas when any exists.
pub fn candidates(index: &PlaceIndex, queries: &[Query]) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::new();
    let admin_only = queries.iter().any(|q| q.admin_only);
    for q in queries {
        for key in &q.keys {
            for p in index.lookup_key(key) {
                let place = p & !ALT;
                let alternate = p & ALT != 0;
                match out.iter_mut().find(|c| c.place == place) {
                    Some(c) => c.alternate &= alternate,
                    None => out.push(Candidate { place, alternate, contained: false }),
                }
            }
        }
    }
    if admin_only && out.iter().any(|c| index.place(c.place).feature == Feature::Admin1) {
        out.retain(|c| index.place(c.place).feature == Feature::Admin1);
    }
    out
}

/// Mark the candidates inside one of `containers`.
pub fn apply_containers(index: &PlaceIndex, cands: &mut [Candidate], containers: &[Container]) {
    for c in cands.iter_mut() {
        let p = index.place(c.place);
        c.contained |= containers.iter().any(|k| k.contains(&p));
    }
}

/// Country and first-level-area votes of the document's context.
#[derive(Debug, Clone, Default)]
pub struct Votes {
    country: HashMap<[u8; 2], f64>,
    admin: HashMap<([u8; 2], String), f64>,
    total: f64,
}

impl Votes {
    /// Add `w` votes for the place's country (and area, for cities and areas).
    pub fn add_place(&mut self, index: &PlaceIndex, place: u32, w: f64) {
        let p = index.place(place);
        if p.feature == Feature::Continent {
            return;
        }
        self.add_country(p.country, w);
        if matches!(p.feature, Feature::City | Feature::Admin1 | Feature::Admin2) && !p.admin1.is_empty() {
            *self.admin.entry((p.country, p.admin1.to_string())).or_default() += w;
        }
    }

    /// Add `w` votes for a country alone.
    pub fn add_country(&mut self, country: [u8; 2], w: f64) {
        *self.country.entry(country).or_default() += w;
        self.total += w;
    }

    /// These votes minus `other` (an entity's own votes, so that it does not vote for itself).
    pub fn minus(&self, other: &Votes) -> Votes {
        let mut v = self.clone();
        for (k, w) in &other.country {
            *v.country.entry(*k).or_default() -= w;
        }
        for (k, w) in &other.admin {
            *v.admin.entry(k.clone()).or_default() -= w;
        }
        v.total -= other.total;
        v
    }

    fn share_country(&self, c: [u8; 2]) -> f64 {
        if self.total <= 1e-9 {
            return 0.0;
        }
        (self.country.get(&c).copied().unwrap_or(0.0) / self.total).clamp(0.0, 1.0)
    }

    fn share_admin(&self, c: [u8; 2], a: &str) -> f64 {
        if self.total <= 1e-9 || a.is_empty() {
            return 0.0;
        }
        // Keyed by owned strings; a document has a handful of areas, so a scan is cheapest.
        let w: f64 = self.admin.iter().filter(|((k, ka), _)| *k == c && ka == a).map(|(_, w)| *w).sum();
        (w / self.total).clamp(0.0, 1.0)
    }
}

/// The score of a candidate under `votes`.
pub fn score(index: &PlaceIndex, c: &Candidate, votes: &Votes) -> f64 {
    use weights::*;
    let p = index.place(c.place);
    let mut s = (p.population.max(1000) as f64).log10();
    s += match p.feature {
        Feature::Country | Feature::Continent => COUNTRY,
        Feature::Admin1 => ADMIN1,
        Feature::Admin2 => ADMIN2,
        Feature::City => {
            if p.major {
                MAJOR
            } else {
                0.0
            }
        }
    };
    if c.alternate {
        s += ALTERNATE;
    }
    if c.contained {
        s += CONTAINER;
    }
    if p.feature != Feature::Continent {
        s += CONTEXT_COUNTRY * votes.share_country(p.country);
        if p.feature != Feature::Country {
            s += CONTEXT_ADMIN * votes.share_admin(p.country, p.admin1);
        }
        let neighbour = index.neighbours(p.country).iter().map(|&n| votes.share_country(n)).fold(0.0, f64::max);
        s += CONTEXT_NEIGHBOUR * neighbour;
    }
    s
}

/// The best candidate (ties: lower place index, i.e. build order, for determinism).
pub fn best(index: &PlaceIndex, cands: &[Candidate], votes: &Votes) -> Option<Candidate> {
    let mut best: Option<(f64, Candidate)> = None;
    for c in cands {
        let s = score(index, c, votes);
        if best.as_ref().is_none_or(|(bs, bc)| s > *bs + 1e-12 || ((s - bs).abs() <= 1e-12 && c.place < bc.place)) {
            best = Some((s, *c));
        }
    }
    best.map(|(_, c)| c)
}
