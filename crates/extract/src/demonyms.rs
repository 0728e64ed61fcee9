//! The nationality-word table (`data/demonyms.tsv`: "Belarusian" → Belarus, BY) that the
//! relations and places stages share. This module only reads the table; each stage keys it
//! its own way.

/// Embedded at build time so that no stage needs a file at run time.
const DEMONYMS_TSV: &str = include_str!("../data/demonyms.tsv");

/// One row of the table.
pub struct Demonym {
    /// The nationality word as written ("Belarusian", "Briton").
    pub word: &'static str,
    /// The country as news usually names it ("Belarus").
    pub country: &'static str,
    /// Its ISO 3166-1 alpha-2 code ("BY").
    pub code: &'static str,
}

/// Every row of the table, in file order.
pub fn all() -> impl Iterator<Item = Demonym> {
    DEMONYMS_TSV.lines().filter(|l| !l.starts_with('#')).filter_map(|l| {
        let mut it = l.split('\t');
        Some(Demonym { word: it.next()?, country: it.next()?, code: it.next()? })
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_row_has_a_word_a_country_and_a_two_letter_code() {
        let rows: Vec<_> = super::all().collect();
        assert!(rows.len() > 150);
        assert_eq!(rows.len(), include_str!("../data/demonyms.tsv").lines().filter(|l| !l.starts_with('#')).count());
        for r in &rows {
            assert!(!r.word.is_empty() && !r.country.is_empty(), "{}", r.word);
            assert!(r.code.len() == 2 && r.code.bytes().all(|b| b.is_ascii_uppercase()), "{}: {}", r.word, r.code);
        }
        assert!(rows.iter().any(|r| r.word == "Belarusian" && r.country == "Belarus" && r.code == "BY"));
    }
}
