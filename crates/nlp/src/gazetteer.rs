//! Gazetteers for NER features: GeoNames places (countries, cities, US states, continents)
//! read at training time and stored inside the NER model, plus the hand-kept word lists in
//! `crates/nlp/data/` (nationality/religion words, organisation suffixes, person titles,
//! facility/event/law head words). Entries are hashed token n-grams of the normalised form
//! (lowercase, digits as 0), so a lookup hashes a few n-grams per token and allocates
//! nothing. It only says which lists a span is on; the model decides what that means.

use std::hash::Hasher;
use std::path::Path;

use rustc_hash::{FxHashMap, FxHasher};
use serde::{Deserialize, Serialize};

use crate::word::Words;
use crate::Error;

/// Longest entry, in tokens.
pub const MAX_N: usize = 5;

/// A gazetteer category (a bit in the stored mask).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Cat {
    /// Country names.
    Country = 0,
    /// Cities of 15,000+ people.
    City = 1,
    /// Cities of 500,000+ people.
    BigCity = 2,
    /// US states (first-level administrative areas).
    Admin = 3,
    /// Continents and large regions.
    Region = 4,
    /// Nationality, religion and political-group words.
    Norp = 5,
    /// Organisation suffixes/heads (Group, Agency, Inc.).
    OrgWord = 6,
    /// Person titles (President, Sen.).
    Title = 7,
    /// Facility head words (Airport, Bridge).
    FacWord = 8,
    /// Event head words (Cup, War).
    EventWord = 9,
    /// Law head words (Act, Treaty).
    LawWord = 10,
    /// Words usually written in lowercase (learned from text, see [`crate::casing`]).
    Common = 11,
    /// Names of weekdays and months.
    TimeWord = 12,
}

/// Number of categories.
pub const NCAT: usize = 13;

/// Weekday and month names (and their usual abbreviations).
const TIME_WORDS: &[&str] = &[
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March", "April",
    "May", "June", "July", "August", "September", "October", "November", "December", "Jan.", "Feb.", "Mar.", "Apr.",
    "Aug.", "Sept.", "Sep.", "Oct.", "Nov.", "Dec.",
];

const NORP: &str = include_str!("../data/norp.txt");
const ORG: &str = include_str!("../data/org_suffix.txt");
const TITLES: &str = include_str!("../data/titles.txt");
const FAC: &str = include_str!("../data/fac_words.txt");
const EVENT: &str = include_str!("../data/event_words.txt");
const LAW: &str = include_str!("../data/law_words.txt");

/// Extra country names GeoNames' `countries.json` does not carry.
const COUNTRY_ALIASES: &[&str] = &[
    "U.S.", "US", "U.S.A.", "USA", "America", "United States of America", "UK", "U.K.", "Britain", "Great Britain",
    "Holland", "Burma", "Russia", "Iran", "Syria", "Vietnam", "Laos", "Moldova", "Tanzania", "Bolivia", "Venezuela",
    "South Korea", "North Korea", "Czech Republic", "Ivory Coast", "Congo", "Vatican", "Palestine", "Taiwan", "Macedonia",
    "England", "Scotland", "Wales", "Northern Ireland", "Soviet Union", "USSR", "Yugoslavia", "EU", "UAE",
];

/// Regions that are places but not countries or cities.
const REGIONS: &[&str] = &[
    "Europe", "Asia", "Africa", "North America", "South America", "Latin America", "Antarctica", "Oceania", "Middle East",
    "Balkans", "Caucasus", "Scandinavia", "Caribbean", "Mediterranean", "Pacific", "Atlantic", "Gulf", "Persian Gulf",
    "Siberia", "Crimea", "Donbas", "Kashmir", "Gaza", "Gaza Strip", "West Bank", "Sahara", "Sahel", "Arctic",
    "Central Asia", "Southeast Asia", "East Asia", "South Asia", "Western Europe", "Eastern Europe", "Central Europe",
    "Baltic", "Black Sea", "Red Sea", "Alps", "Himalayas", "Amazon", "Midwest", "New England",
];

/// Hashed n-grams → category mask.
#[derive(Clone, Default, Serialize, Deserialize)]
pub struct Gazetteer {
    entries: FxHashMap<u64, u16>,
}

fn ngram_hash<'a>(tokens: impl Iterator<Item = &'a str>) -> u64 {
    let mut h = FxHasher::default();
    for t in tokens {
        h.write(t.as_bytes());
        h.write_u8(0xff);
    }
    h.finish()
}

fn normalise(token: &str) -> String {
    token.chars().map(|c| if c.is_ascii_digit() { '0' } else { c }).flat_map(char::to_lowercase).collect()
}

impl Gazetteer {
    /// Add `name` (tokens split on whitespace) to category `cat`.
    pub fn add(&mut self, name: &str, cat: Cat) {
        let toks: Vec<String> = name.split_whitespace().map(normalise).collect();
        if toks.is_empty() || toks.len() > MAX_N {
            return;
        }
        let h = ngram_hash(toks.iter().map(String::as_str));
        *self.entries.entry(h).or_default() |= 1 << cat as u16;
    }

    /// The built-in word lists only (no GeoNames).
    pub fn builtin() -> Self {
        let mut g = Gazetteer::default();
        for (text, cat) in [(NORP, Cat::Norp), (ORG, Cat::OrgWord), (TITLES, Cat::Title), (FAC, Cat::FacWord), (EVENT, Cat::EventWord), (LAW, Cat::LawWord)] {
            for line in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
                g.add(line, cat);
            }
        }
        for n in COUNTRY_ALIASES {
            g.add(n, Cat::Country);
        }
        for n in REGIONS {
            g.add(n, Cat::Region);
        }
        for n in TIME_WORDS {
            g.add(n, Cat::TimeWord);
        }
        g
    }

    /// Add single words to the `Common` list (see [`crate::casing::CasingCounts::common`]).
    pub fn add_common<'a>(&mut self, words: impl IntoIterator<Item = &'a str>) {
        for w in words {
            self.add(w, Cat::Common);
        }
    }

    /// The built-in lists plus GeoNames from `data/geonames` (the `shared/data` layout).
    pub fn with_geonames(data: &Path) -> Result<Self, Error> {
        let mut g = Self::builtin();
        let dir = data.join("geonames");
        let read = |name: &str| -> Result<serde_json::Value, Error> {
            let p = dir.join(name);
            let bytes = std::fs::read(&p).map_err(|e| Error::io(&p, e))?;
            serde_json::from_slice(&bytes).map_err(|e| Error::Corpus { path: p.clone(), line: e.line(), message: e.to_string() })
        };
        if let Some(m) = read("countries.json")?.as_object() {
            for c in m.values() {
                if let Some(n) = c.get("name").and_then(|v| v.as_str()) {
                    g.add(n, Cat::Country);
                }
            }
        }
        if let Some(m) = read("us_states.json")?.as_object() {
            for c in m.values() {
                if let Some(n) = c.get("name").and_then(|v| v.as_str()) {
                    g.add(n, Cat::Admin);
                }
            }
        }
        if let Some(m) = read("continents.json")?.as_object() {
            for c in m.values() {
                if let Some(n) = c.get("name").and_then(|v| v.as_str()) {
                    g.add(n, Cat::Region);
                }
            }
        }
        if let Some(m) = read("cities15000.json")?.as_object() {
            for c in m.values() {
                let pop = c.get("population").and_then(|v| v.as_u64()).unwrap_or(0);
                if let Some(n) = c.get("name").and_then(|v| v.as_str()) {
                    g.add(n, Cat::City);
                    if pop >= 500_000 {
                        g.add(n, Cat::BigCity);
                    }
                }
            }
        }
        Ok(g)
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Category mask of the exact n-gram `tokens` (already normalised words of `words`).
    pub fn lookup_span(&self, words: &Words, first: usize, end: usize) -> u16 {
        if end <= first || end - first > MAX_N {
            return 0;
        }
        let h = ngram_hash((first..end).map(|i| words.norm(i)));
        self.entries.get(&h).copied().unwrap_or(0)
    }

    /// For every word and category, the position of the word in the longest match covering
    /// it: 0 none, 1 begin, 2 inside, 3 last, 4 unit (single word). `out` is
    /// `words.len() * NCAT` long, row per word.
    pub fn mark(&self, words: &Words, out: &mut Vec<u8>, lens: &mut Vec<u8>) {
        let n = words.len();
        out.clear();
        out.resize(n * NCAT, 0);
        lens.clear();
        lens.resize(n * NCAT, 0);
        for i in 0..n {
            let mut h = FxHasher::default();
            for j in i..n.min(i + MAX_N) {
                h.write(words.norm(j).as_bytes());
                h.write_u8(0xff);
                let Some(&mask) = self.entries.get(&h.finish()) else { continue };
                let len = (j - i + 1) as u8;
                for c in 0..NCAT {
                    if mask & (1 << c) == 0 {
                        continue;
                    }
                    for k in i..=j {
                        let slot = k * NCAT + c;
                        if lens[slot] < len {
                            lens[slot] = len;
                            out[slot] = if len == 1 {
                                4
                            } else if k == i {
                                1
                            } else if k == j {
                                3
                            } else {
                                2
                            };
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_longest_matches_per_category() {
        let mut g = Gazetteer::builtin();
        g.add("New York", Cat::City);
        g.add("York", Cat::City);
        let mut w = Words::default();
        w.fill(&["President", "Biden", "visited", "new", "york", "and", "Germans"]);
        let (mut out, mut lens) = (Vec::new(), Vec::new());
        g.mark(&w, &mut out, &mut lens);
        assert_eq!(out[Cat::Title as usize], 4);
        assert_eq!(out[3 * NCAT + Cat::City as usize], 1);
        assert_eq!(out[4 * NCAT + Cat::City as usize], 3);
        assert_eq!(out[6 * NCAT + Cat::Norp as usize], 4);
        assert_eq!(out[2 * NCAT + Cat::City as usize], 0);
        assert_ne!(g.lookup_span(&w, 6, 7) & (1 << Cat::Norp as u16), 0);
    }

    #[test]
    fn marks_time_words_and_learned_common_words() {
        let mut g = Gazetteer::builtin();
        g.add_common(["today", "economy"]);
        let mut w = Words::default();
        w.fill(&["Economy", "Today", "reached", "Belarus", "Tuesday"]);
        let (mut out, mut lens) = (Vec::new(), Vec::new());
        g.mark(&w, &mut out, &mut lens);
        assert_eq!(out[Cat::Common as usize], 4);
        assert_eq!(out[NCAT + Cat::Common as usize], 4);
        assert_eq!(out[2 * NCAT + Cat::Common as usize], 0);
        assert_eq!(out[4 * NCAT + Cat::TimeWord as usize], 4);
        assert_eq!(out[3 * NCAT + Cat::TimeWord as usize], 0);
    }
}
