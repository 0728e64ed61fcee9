//! The table of head words of names (`data/name_heads.tsv`: "Institute", "Boulevard",
//! "Bridge", …) with what each is used for, shared by the resolver (joining cut institution
//! names, typing streets as places and buildings as facilities) and the places index (no
//! settlement ends in a facility word). This module only reads the table.

use std::collections::HashMap;
use std::sync::OnceLock;

/// Embedded at build time so that no stage needs a file at run time.
const NAME_HEADS_TSV: &str = include_str!("../data/name_heads.tsv");

/// What a head word is listed for (the table's second column).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Use {
    /// Heads an institution's name ("Institute", "University").
    Institution,
    /// Ends a street, square, park or settlement name ("Boulevard", "Village").
    Area,
    /// Ends a building or structure name ("Bridge", "Airport").
    Building,
    /// Ends a facility's name, for the places index ("church", "market").
    Facility,
    /// Ends a company's name ("Group", "Inc."): no place, whatever NER said.
    Company,
    /// Ends a newspaper's name after a place or people ("Times", "Register").
    Publication,
    /// Ends the name of a region that holds places ("Province", "County").
    Region,
}

impl Use {
    fn bit(self) -> u8 {
        1 << self as u8
    }

    fn parse(s: &str) -> Option<Use> {
        Some(match s {
            "institution" => Use::Institution,
            "area" => Use::Area,
            "building" => Use::Building,
            "facility" => Use::Facility,
            "company" => Use::Company,
            "publication" => Use::Publication,
            "region" => Use::Region,
            _ => return None,
        })
    }
}

fn table() -> &'static HashMap<&'static str, u8> {
    static TABLE: OnceLock<HashMap<&'static str, u8>> = OnceLock::new();
    TABLE.get_or_init(|| {
        NAME_HEADS_TSV
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| {
                let (word, uses) = l.split_once('\t')?;
                Some((word, uses.split(',').filter_map(Use::parse).fold(0u8, |b, u| b | u.bit())))
            })
            .collect()
    })
}

/// Is the lower-case `word` listed for `u`?
pub fn is(word: &str, u: Use) -> bool {
    table().get(word).is_some_and(|b| b & u.bit() != 0)
}

/// Is `word`, as written in a name, capitalised and listed for `u` ("Institute")?
pub fn is_capitalised(word: &str, u: Use) -> bool {
    word.starts_with(char::is_uppercase) && is(&word.to_lowercase(), u)
}

#[cfg(test)]
mod tests {
    use super::{is, is_capitalised, Use};

    #[test]
    fn every_row_names_known_uses_and_words_have_theirs() {
        for l in super::NAME_HEADS_TSV.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
            let (word, uses) = l.split_once('\t').unwrap_or_else(|| panic!("no tab in {l:?}"));
            assert_eq!(word, word.to_lowercase(), "{l}");
            assert!(uses.split(',').all(|u| Use::parse(u).is_some()), "{l}");
        }
        assert!(is_capitalised("Institute", Use::Institution) && !is_capitalised("institute", Use::Institution));
        assert!(is("hospital", Use::Institution) && is("hospital", Use::Building) && is("hospital", Use::Facility));
        assert!(is("boulevard", Use::Area) && !is("boulevard", Use::Building));
        assert!(!is("market", Use::Area) && is("market", Use::Facility));
    }
}
