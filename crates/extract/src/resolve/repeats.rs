//! Names the recogniser tagged somewhere in a document but missed elsewhere in it: each
//! untagged occurrence of a tagged name, or of the surname of a person's tagged name,
//! becomes a mention too ("one sense per discourse").
//! The NER decides each occurrence from a few words around it, so a name it knows in one
//! sentence ("sites belonging to Patriot") is often missed in another ("Prigozhin's Patriot
//! media group"), and resolution then loses the evidence that sentence holds.
//!
//! An occurrence counts only where the tagged form could not be part of a longer name (no
//! capitalised word glued to either side, except a place or nationality mention before it:
//! "California" + "ISO") and where it is a name by its tag (PROPN) or by
//! its capital letter away from the sentence start. Nationality words (NORP) are left alone:
//! the recogniser's choice between "Russian" the group and "Russian" the adjective is
//! deliberate. It only adds mentions; it never changes or removes the recogniser's own.

use std::collections::{HashMap, HashSet};

use newsgraph_core::{tagsets::ENTITY_TYPES, Doc, EntityMention};

use super::names::{GPE, NORP, PERSON};
use super::Ctx;

/// Add a mention for every untagged occurrence of a tagged name, with the type the
/// recogniser gave that name most often.
pub(crate) fn fill(doc: &mut Doc, ctx: &Ctx) {
    let n = doc.tokens.len();
    let mut covered = vec![false; n];
    // Tagged names by their first word: (token count, the tokens of one occurrence, votes).
    let mut names: HashMap<&str, Vec<(usize, usize, [u32; ENTITY_TYPES.len()])>> = HashMap::new();
    for m in &doc.mentions {
        let (a, b) = (m.first as usize, m.end as usize);
        if a >= b || b > n {
            continue;
        }
        covered[a..b].fill(true);
        let first = doc.token_text(a);
        if m.label == NORP || !first.chars().next().is_some_and(char::is_uppercase) || doc.token_span(a, b).len() < 2 {
            continue;
        }
        let entry = names.entry(first).or_default();
        let same = entry.iter().position(|&(len, at, _)| len == b - a && (0..len).all(|k| doc.token_text(at + k) == doc.token_text(a + k)));
        let slot = match same {
            Some(s) => s,
            None => {
                entry.push((b - a, a, [0; ENTITY_TYPES.len()]));
                entry.len() - 1
            }
        };
        if let Some(v) = entry[slot].2.get_mut(m.label as usize) {
            *v += 1;
        }
    }
    if names.is_empty() {
        return;
    }
    // A person's surname alone is a name too ("Dee Dee Myers … Myers, who was …"), unless
    // the recogniser tagged that word alone as something else ("Washington" the state).
    let mut surnames: Vec<(&str, usize, [u32; ENTITY_TYPES.len()])> = Vec::new();
    for list in names.values() {
        for &(len, at, votes) in list {
            let person = (0..votes.len()).max_by_key(|&l| (votes[l], std::cmp::Reverse(l))) == Some(PERSON as usize);
            let last = doc.token_text(at + len - 1);
            // A name of two words or more once titles are set aside ("Madam Speaker" is
            // a title), every word capitalised ("Emperor of the United States" is no name).
            let proper = at + len - super::names::name_start(doc, at, at + len, PERSON) >= 2 && (at..at + len).all(|k| doc.token_text(k).starts_with(char::is_uppercase));
            if person && proper && last.chars().count() >= 3 && last.chars().all(char::is_alphabetic) {
                surnames.push((last, at + len - 1, votes));
            }
        }
    }
    let tagged_otherwise: HashSet<&str> = doc.mentions.iter().filter(|m| m.end == m.first + 1 && m.label != PERSON).map(|m| doc.token_text(m.first as usize)).collect();
    surnames.retain(|&(s, _, _)| !tagged_otherwise.contains(s));
    // A surname the document also writes in lower case is a word as well ("Love", "From",
    // "King"): left out. The others count even at a sentence start, where the tagger often
    // reads a surname as a plural noun ("Myers, who …").
    let lower: HashSet<&str> = (0..n).map(|k| doc.token_text(k)).filter(|w| w.starts_with(char::is_lowercase)).collect();
    let mut surname_opens = HashSet::new();
    for (last, at, votes) in surnames {
        let entry = names.entry(last).or_default();
        if !lower.contains(last.to_lowercase().as_str()) && !entry.iter().any(|&(len, _, _)| len == 1) {
            entry.push((1, at, votes));
            surname_opens.insert(last);
        }
    }
    for list in names.values_mut() {
        list.sort_by_key(|&(len, at, _)| (std::cmp::Reverse(len), at));
    }
    let sentence_start = sentence_starts(doc);
    let capitalised = |k: usize| doc.token_text(k).chars().next().is_some_and(char::is_uppercase);
    // A place or nationality right before a name modifies it ("California" + "ISO").
    let mut place_last = vec![false; n];
    for m in doc.mentions.iter().filter(|m| matches!(m.label, GPE | NORP)) {
        if let Some(k) = (m.end as usize).checked_sub(1).filter(|&k| k < n) {
            place_last[k] = true;
        }
    }
    let mut added = Vec::new();
    let mut i = 0;
    while i < n {
        let Some(list) = names.get(doc.token_text(i)).filter(|_| !covered[i]) else {
            i += 1;
            continue;
        };
        let found = list.iter().find(|&&(len, at, _)| {
            i + len <= n
                && (0..len).all(|k| !covered[i + k] && doc.token_text(i + k) == doc.token_text(at + k))
                && !(i > 0 && !sentence_start[i] && !sentence_start[i - 1] && capitalised(i - 1) && !place_last[i - 1])
                && !(i + len < n && capitalised(i + len) && !sentence_start[i + len])
                && (ctx.upos(doc, i) == "PROPN" || !sentence_start[i] || (len == 1 && surname_opens.contains(doc.token_text(i))))
        });
        match found {
            Some(&(len, _, votes)) => {
                let label = (0..votes.len()).max_by_key(|&l| (votes[l], std::cmp::Reverse(l))).unwrap_or(0) as u8;
                added.push(EntityMention { first: i as u32, end: (i + len) as u32, label });
                i += len;
            }
            None => i += 1,
        }
    }
    if !added.is_empty() {
        doc.mentions.extend(added);
        doc.mentions.sort_by_key(|m| (m.first, m.end));
    }
}

/// For each token, whether it opens its sentence (after any opening quotes or brackets).
fn sentence_starts(doc: &Doc) -> Vec<bool> {
    let mut out = vec![false; doc.tokens.len()];
    for s in &doc.sentences {
        for k in s.tokens() {
            out[k] = true;
            if doc.token_text(k).chars().any(char::is_alphanumeric) {
                break;
            }
        }
    }
    out
}
