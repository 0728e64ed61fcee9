//! The lemmatizer: suffix-rewrite rules per PTB tag learned from a treebank, plus an
//! exception table for the (form, tag) pairs the rules get wrong (went → go, better → good,
//! I → I). It needs a tag; it does not tag.

use std::collections::HashMap;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::hash;

/// The longest suffix (in characters) a rule may condition on.
const MAX_SUFFIX: usize = 5;
/// A rule needs this many training words behind it.
const MIN_RULE_COUNT: u32 = 2;

/// How to turn a form into a lemma: drop `cut` characters, append `add`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
struct Edit {
    cut: u8,
    add: String,
}

/// A learned lemmatizer.
#[derive(Clone, Serialize, Deserialize, Default)]
pub struct Lemmatizer {
    /// hash(xpos, suffix) → index into `edits`.
    rules: FxHashMap<u64, u32>,
    edits: Vec<Edit>,
    /// hash(xpos, form) → lemma.
    exceptions: FxHashMap<u64, String>,
}

/// Proper nouns keep their case; everything else is lemmatised from the lowercase form.
fn keeps_case(xpos: &str) -> bool {
    xpos.starts_with("NNP")
}

/// The `cut` of the edit "capitalise the first letter": adjectives and nouns made from names
/// are lemmatised with a capital (American, Belarusian, Christmas). As an ordinary edit
/// ("drop 5, add Asian") it would rewrite every other word with the suffix ("Belarusian" →
/// "belarAsian"). No real edit cuts 255 characters, so the file format stays as it was.
const CAPITALISE: u8 = u8::MAX;

/// Put the first letter of `s` in upper case.
fn capitalise(s: &mut String) {
    let Some(c) = s.chars().next() else { return };
    if c.is_ascii() {
        s[..1].make_ascii_uppercase();
    } else {
        let upper: String = c.to_uppercase().collect();
        s.replace_range(..c.len_utf8(), &upper);
    }
}

fn edit_between(input: &str, lemma: &str) -> Edit {
    let common = input.chars().zip(lemma.chars()).take_while(|(a, b)| a == b).count();
    let cut = input.chars().count() - common;
    Edit { cut: cut.min(255) as u8, add: lemma.chars().skip(common).collect() }
}

impl Lemmatizer {
    /// Learn from (form, xpos, lemma) triples.
    pub fn train<'a>(data: impl Iterator<Item = (&'a str, &'a str, &'a str)> + Clone) -> Self {
        let mut counts: HashMap<(String, String), HashMap<Edit, u32>> = HashMap::new();
        let mut pairs: HashMap<(String, String), HashMap<String, u32>> = HashMap::new();
        for (form, xpos, lemma) in data.clone() {
            if lemma == "_" || form.is_empty() {
                continue;
            }
            *pairs.entry((form.to_string(), xpos.to_string())).or_default().entry(lemma.to_string()).or_default() += 1;
        }
        // Rules from distinct (form, tag, lemma) types, so frequent words do not drown them.
        let mut types: Vec<(&(String, String), String)> = pairs
            .iter()
            .map(|(k, v)| (k, best(v).to_string()))
            .collect();
        types.sort();
        for ((form, xpos), lemma) in &types {
            let input = if keeps_case(xpos) { form.clone() } else { form.to_lowercase() };
            let mut title = input.clone();
            capitalise(&mut title);
            let e = if *lemma == input || lemma.to_lowercase() != input {
                edit_between(&input, lemma)
            } else if *lemma == title {
                Edit { cut: CAPITALISE, add: String::new() }
            } else {
                // Other case changes ("pro-Palestinian") would make splicing rules: the
                // exception table keeps them.
                continue;
            };
            let chars: Vec<char> = input.chars().collect();
            for k in 0..=MAX_SUFFIX.min(chars.len()) {
                let suf: String = chars[chars.len() - k..].iter().collect();
                *counts.entry((xpos.clone(), suf)).or_default().entry(e.clone()).or_default() += 1;
            }
        }
        let mut lem = Lemmatizer::default();
        let mut edit_ids: HashMap<Edit, u32> = HashMap::new();
        let mut keys: Vec<_> = counts.into_iter().collect();
        keys.sort_by(|a, b| a.0.cmp(&b.0));
        for ((xpos, suf), edits) in keys {
            let total: u32 = edits.values().sum();
            if total < MIN_RULE_COUNT && !suf.is_empty() {
                continue;
            }
            let e = best(&edits).clone();
            let n = edit_ids.len() as u32;
            let id = *edit_ids.entry(e.clone()).or_insert_with(|| {
                lem.edits.push(e);
                n
            });
            lem.rules.insert(hash::f2(1, &xpos, &suf), id);
        }
        // Exceptions: whatever the rules get wrong.
        let mut buf = String::new();
        for ((form, xpos), lemma) in &types {
            lem.by_rules(form, xpos, &mut buf);
            if buf != *lemma {
                lem.exceptions.insert(hash::f2(2, xpos, form), lemma.clone());
            }
        }
        lem
    }

    fn by_rules(&self, form: &str, xpos: &str, out: &mut String) {
        // Lowercase into `out` first (no allocation once it has grown), then rewrite in place.
        out.clear();
        if keeps_case(xpos) {
            out.push_str(form);
        } else {
            out.extend(form.chars().flat_map(char::to_lowercase));
        }
        let n = out.chars().count();
        for k in (0..=MAX_SUFFIX.min(n)).rev() {
            let suf = crate::word::suffix(out, k);
            if let Some(&id) = self.rules.get(&hash::f2(1, xpos, suf)) {
                if let Some(e) = self.edits.get(id as usize) {
                    if e.cut == CAPITALISE {
                        capitalise(out);
                        return;
                    }
                    if (e.cut as usize) <= n {
                        let keep = out.char_indices().nth(n - e.cut as usize).map_or(out.len(), |(i, _)| i);
                        out.truncate(keep);
                        out.push_str(&e.add);
                        return;
                    }
                }
            }
        }
    }

    /// Write the lemma of `form` tagged `xpos` into `out` (cleared first).
    pub fn lemmatize(&self, form: &str, xpos: &str, out: &mut String) {
        if let Some(l) = self.exceptions.get(&hash::f2(2, xpos, form)) {
            out.clear();
            out.push_str(l);
            return;
        }
        self.by_rules(form, xpos, out);
        if out.is_empty() {
            out.push_str(form);
        }
    }

    /// Number of exceptions and rules, for reports.
    pub fn sizes(&self) -> (usize, usize) {
        (self.exceptions.len(), self.rules.len())
    }
}

fn best<K: Ord + Clone>(counts: &HashMap<K, u32>) -> &K {
    // Highest count, ties broken by the smallest key: deterministic.
    counts
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
        .map(|(k, _)| k)
        .expect("non-empty counts")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_rules_and_exceptions() {
        let data = vec![
            ("walked", "VBD", "walk"),
            ("talked", "VBD", "talk"),
            ("jumped", "VBD", "jump"),
            ("went", "VBD", "go"),
            ("dogs", "NNS", "dog"),
            ("cats", "NNS", "cat"),
            ("Paris", "NNP", "Paris"),
            ("The", "DT", "the"),
        ];
        let l = Lemmatizer::train(data.iter().copied());
        let mut out = String::new();
        l.lemmatize("kicked", "VBD", &mut out);
        assert_eq!(out, "kick");
        l.lemmatize("went", "VBD", &mut out);
        assert_eq!(out, "go");
        l.lemmatize("Birds", "NNS", &mut out);
        assert_eq!(out, "bird");
        l.lemmatize("London", "NNP", &mut out);
        assert_eq!(out, "London");
    }

    #[test]
    fn adjectives_from_names_are_capitalised_not_spliced() {
        let data = [("Asian", "JJ", "Asian"), ("pro-Asian", "JJ", "pro-Asian"), ("Russian", "JJ", "Russian"), ("Indonesian", "JJ", "Indonesian"), ("big", "JJ", "big"), ("Big", "JJ", "big"), ("small", "JJ", "small"), ("Old", "JJ", "old")];
        let l = Lemmatizer::train(data.iter().copied());
        let mut out = String::new();
        l.lemmatize("Belarusian", "JJ", &mut out);
        assert_eq!(out, "Belarusian", "not another word's capitals spliced in");
        l.lemmatize("BELARUSIAN", "JJ", &mut out);
        assert_eq!(out, "Belarusian");
        l.lemmatize("Large", "JJ", &mut out);
        assert_eq!(out, "large");
    }
}
