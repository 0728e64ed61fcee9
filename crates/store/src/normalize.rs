//! Name normalisation and linking keys for cross-document entities. It folds names (case,
//! accents, punctuation, honorifics, middle initials) and derives the keys the linker looks
//! up: full names, person surnames, organisation acronyms. It does not decide links: that is
//! `link.rs`.

use unicode_normalization::UnicodeNormalization;

/// The linking class of an OntoNotes type: entities link only within a class, so the person
/// "Monaco" never meets the country. GPE and LOC share a class because taggers confuse them.
pub fn class_of(kind: &str) -> &'static str {
    match kind {
        "PERSON" | "PER" => "person",
        "ORG" | "ORGANIZATION" => "org",
        "GPE" | "LOC" | "LOCATION" => "place",
        "NORP" => "norp",
        "FAC" => "fac",
        "EVENT" => "event",
        "PRODUCT" => "product",
        "WORK_OF_ART" => "work",
        "LAW" => "law",
        _ => "other",
    }
}

/// Fold a name for comparison: NFKD without combining marks, lowercase, curly apostrophes
/// straightened, a final possessive dropped, other punctuation turned into spaces, spaces
/// collapsed. "Lukashenko’s" → "lukashenko"; "Vladimir V. Putin" → "vladimir v putin".
pub fn fold(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut pending_space = false;
    for c in name.nfkd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        let c = if c == '’' || c == '`' { '\'' } else { c };
        if c.is_alphanumeric() || c == '\'' {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.extend(c.to_lowercase());
        } else {
            pending_space = true;
        }
    }
    // Possessives and stray apostrophes: "putin's" → "putin".
    let mut words: Vec<&str> = out.split(' ').collect();
    for w in words.iter_mut() {
        if let Some(stem) = w.strip_suffix("'s") {
            *w = stem;
        }
        *w = w.trim_matches('\'');
    }
    words.retain(|w| !w.is_empty());
    words.join(" ")
}

/// Words that precede or follow a person's name without being part of it.
const PERSON_NOISE: &[&str] = &[
    "mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "lord", "lady", "gen", "general", "col", "lt",
    "sgt", "capt", "sen", "senator", "rep", "gov", "governor", "president", "pres", "prime", "minister",
    "pm", "king", "queen", "prince", "princess", "pope", "rev", "st", "jr", "sr", "ii", "iii", "iv",
];

/// The folded tokens of a person name, without honorifics, titles and initials:
/// "President Vladimir V. Putin" → ["vladimir", "putin"].
pub fn person_tokens(name: &str) -> Vec<String> {
    let folded = fold(name);
    let tokens: Vec<String> = folded
        .split(' ')
        .filter(|t| !t.is_empty() && t.chars().count() > 1 && !PERSON_NOISE.contains(t))
        .map(str::to_string)
        .collect();
    if tokens.is_empty() {
        // A name made only of noise words ("Mr. X"): keep the fold rather than nothing.
        folded.split(' ').filter(|t| !t.is_empty()).map(str::to_string).collect()
    } else {
        tokens
    }
}

/// Function words skipped when building an acronym ("Bank of England" → "BE", not "BOE").
const ACRONYM_SKIP: &[&str] = &["of", "the", "for", "and", "on", "in", "de", "du", "des", "la", "le", "&"];

/// The acronym of a multi-word name, lowercase, when it has at least three letters:
/// "North Atlantic Treaty Organization" → "nato".
pub fn acronym(name: &str) -> Option<String> {
    let folded = fold(name);
    let words: Vec<&str> = folded.split(' ').filter(|w| !ACRONYM_SKIP.contains(w)).collect();
    if words.len() < 3 {
        return None;
    }
    Some(words.iter().filter_map(|w| w.chars().next()).collect())
}

/// True for a name written as an acronym: one word, 2 to 6 characters, all capitals ("NATO",
/// "EU", "TASS").
pub fn looks_like_acronym(name: &str) -> bool {
    let n = name.trim().trim_matches('.').replace('.', "");
    let len = n.chars().count();
    (2..=6).contains(&len) && n.chars().all(|c| c.is_uppercase() || c.is_ascii_digit()) && n.chars().any(char::is_alphabetic)
}

/// The key of a name within a class: folded person tokens for people (so titles and
/// initials do not matter), the plain fold otherwise.
pub fn name_key(class: &str, name: &str) -> String {
    if class == "person" {
        person_tokens(name).join(" ")
    } else {
        let f = fold(name);
        f.strip_prefix("the ").map(str::to_string).unwrap_or(f)
    }
}

/// True when two person names cannot denote the same person: both have a first name and the
/// first names differ (neither is a prefix of the other, which lets "Alex" meet "Alexander").
pub fn persons_conflict(a: &str, b: &str) -> bool {
    let ta = person_tokens(a);
    let tb = person_tokens(b);
    if ta.len() < 2 || tb.len() < 2 {
        return false;
    }
    let (fa, fb) = (&ta[0], &tb[0]);
    let surname_differs = ta.last() != tb.last();
    surname_differs || !(fa.starts_with(fb.as_str()) || fb.starts_with(fa.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_case_punctuation_possessives() {
        assert_eq!(fold("Lukashenko’s"), "lukashenko");
        assert_eq!(fold("  Zürich-Nord "), "zurich nord");
        assert_eq!(fold("People’s News"), "people news");
    }

    #[test]
    fn person_keys_ignore_titles_and_initials() {
        assert_eq!(name_key("person", "Vladimir V. Putin"), "vladimir putin");
        assert_eq!(name_key("person", "President Vladimir Putin"), "vladimir putin");
        assert_eq!(name_key("person", "Putin"), "putin");
    }

    #[test]
    fn acronyms() {
        assert_eq!(acronym("North Atlantic Treaty Organization").as_deref(), Some("nato"));
        assert_eq!(acronym("European Union"), None);
        assert!(looks_like_acronym("NATO"));
        assert!(looks_like_acronym("U.N."));
        assert!(!looks_like_acronym("Nato"));
    }

    #[test]
    fn classes_keep_people_apart_from_places() {
        assert_ne!(class_of("PERSON"), class_of("GPE"));
        assert_eq!(class_of("GPE"), class_of("LOC"));
    }

    #[test]
    fn first_name_conflicts() {
        assert!(persons_conflict("Bill Clinton", "Hillary Clinton"));
        assert!(!persons_conflict("Clinton", "Hillary Clinton"));
        assert!(!persons_conflict("Alex Smith", "Alexander Smith"));
        assert!(!persons_conflict("Vladimir V. Putin", "Vladimir Putin"));
    }
}
