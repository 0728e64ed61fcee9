//! Type correction (`types.rs`) can make two entities of one referent the same type too
//! late for clustering (`names.rs`) to join them: NER typed "Wagner Group" as a person and
//! "Wagner" in "the Wagner chief" as an organisation, so they were clustered apart; once
//! "Wagner Group" is an organisation they are one. After correction, an entity joins the
//! one earlier entity of its type whose names hold all of its own, or all of whose names
//! it holds (a name, or a word of the longest name; for places only a name), when either
//! of the two was retyped.
//!
//! Pairs whose types were both left alone stay as clustering left them.

use super::names::{fragment_ok, GPE, LOC};
use super::Ent;

/// Does `e` (whose lowercased names are `own`) hold every name of `names` as a name or a
/// word of its longest name? A place holds only the names the place rule of clustering
/// allows: "Pacific" in "Pacific Ocean", not "California" in "Southern California".
fn holds(e: &Ent, own: &[String], names: &[String]) -> bool {
    let place = matches!(e.label, GPE | LOC);
    names.iter().all(|n| {
        own.contains(n) || if place { fragment_ok(&n.split(' ').map(str::to_string).collect::<Vec<_>>(), &e.words, e.label) } else { e.words.contains(n) }
    })
}

/// Merge the entities of `ents` as the module comment says; `before` holds their types
/// before correction, index for index.
pub(crate) fn merge(ents: &mut Vec<Ent>, before: &[u8]) {
    let retyped: Vec<bool> = ents.iter().enumerate().map(|(i, e)| before.get(i).is_some_and(|&b| b != e.label)).collect();
    if !retyped.contains(&true) {
        return;
    }
    let lower: Vec<Vec<String>> = ents.iter().map(|e| e.names.iter().map(|(n, _)| n.to_lowercase()).collect()).collect();
    let mut into: Vec<Option<usize>> = vec![None; ents.len()];
    for i in 0..ents.len() {
        let joins = |j: usize| {
            into[j].is_none()
                && (retyped[i] || retyped[j])
                && ents[j].label == ents[i].label
                && (holds(&ents[j], &lower[j], &lower[i]) || holds(&ents[i], &lower[i], &lower[j]))
        };
        let mut found = (0..i).filter(|&j| joins(j));
        if let (Some(j), None) = (found.next(), found.next()) {
            into[i] = Some(j);
        }
    }
    // From the last entity back, so that one merged into an entity that is merged in turn
    // has already brought its content along.
    for i in (0..ents.len()).rev() {
        let Some(j) = into[i] else { continue };
        let other = ents[i].clone();
        let to = &mut ents[j];
        to.mentions.extend(other.mentions);
        for (k, v) in other.votes.iter().enumerate() {
            to.votes[k] += v;
        }
        for name in other.names {
            if !to.names.iter().any(|(n, _)| *n == name.0) {
                to.names.push(name);
            }
        }
        if other.words.len() > to.words.len() {
            to.words = other.words;
            to.initials = other.initials;
        }
        for (list, more) in [(&mut to.descriptions, other.descriptions), (&mut to.desc_words, other.desc_words), (&mut to.desc_heads, other.desc_heads)] {
            for d in more {
                if !list.contains(&d) {
                    list.push(d);
                }
            }
        }
        to.gender = to.gender.or(other.gender);
        to.person_cue |= other.person_cue;
        to.last = to.last.max(other.last);
    }
    let mut k = 0;
    ents.retain(|_| {
        k += 1;
        into[k - 1].is_none()
    });
}
