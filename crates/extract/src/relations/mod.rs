//! Relations between the entities of a document: who leads, founded, speaks for, works for
//! or is part of what, each with a normalised `role`, the article's own wording as
//! `predicate`, and the tokens that support it as `evidence`.
//!
//! Patterns over tokens, tags and entity mentions (`patterns.rs`): premodifier titles
//! ("Wagner leader Yevgeny Prigozhin", "Belarusian President Aleksandr Lukashenko"),
//! appositions ("Yevgeny Zubarev, CEO of the Federal News Agency"), a role before the name
//! ("the head of Wagner, Yevgeny Prigozhin"), position clauses ("had held the position of
//! deputy head of X"), organisations "led/founded/owned by" a person, possessives
//! ("Prigozhin's Patriot media group") and membership lists
//! ("X, which includes A, B and C"). Role words are data (`data/roles.tsv`); country
//! adjectives name their country (`data/demonyms.tsv`), and when the article names the
//! country only through its adjective, a GPE entity is added for it. This stage does not
//! resolve mentions (that is `resolve`) and reads the parse only where it has one.

mod lexicon;
mod patterns;

use std::collections::HashSet;

use newsgraph_core::tagsets::ENTITY_TYPES;
use newsgraph_core::{Doc, Entity, Relation, Span, Stage};

use crate::resolve::names::country_key;
use crate::resolve::token_range;

pub use lexicon::{is_age, is_agent_noun, Demonyms, Holder, RolePhrase, Roles};

/// Label ids of the entity types the patterns look at.
pub(crate) mod label {
    pub use crate::resolve::names::{FAC, GPE, LOC, NORP, ORG, PERSON};
}

/// Finds relations; fills `Doc::relations` (and may add GPE entities named by adjectives).
pub struct Relations {
    roles: Roles,
    demonyms: Demonyms,
}

impl Default for Relations {
    fn default() -> Self {
        Self::new()
    }
}

impl Relations {
    /// The stage with the built-in lexicons.
    pub fn new() -> Self {
        Relations { roles: Roles::builtin(), demonyms: Demonyms::builtin() }
    }
}

/// A run of tokens `[first, end)` that is one mention of entity `entity`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Unit {
    pub first: usize,
    pub end: usize,
    pub entity: u32,
}

/// For each token, the entity one of whose *names* covers it (`u32::MAX` for none).
/// Description and pronoun mentions ("the Wagner chief", "he") are left out: the patterns
/// read descriptions as words ("chief") and need the names inside them ("Wagner").
pub fn name_tokens(doc: &Doc) -> Vec<u32> {
    let mut out = vec![u32::MAX; doc.tokens.len()];
    for (e, entity) in doc.entities.iter().enumerate() {
        for m in &entity.mentions {
            let text = m.text(&doc.text);
            let is_name = crate::entities::name_key(text) == crate::entities::name_key(&entity.name)
                || entity.aliases.iter().any(|a| crate::entities::name_key(a) == crate::entities::name_key(text));
            if !is_name {
                continue;
            }
            let (a, b) = token_range(doc, *m);
            out[a..b].fill(e as u32);
        }
    }
    out
}

/// For each token, the entity a description or pronoun mention covering it stands for
/// (`u32::MAX` for none): "his", "the congressman" in "the congressman's wife".
pub(crate) fn referring_tokens(doc: &Doc, names: &[u32]) -> Vec<u32> {
    let mut out = vec![u32::MAX; doc.tokens.len()];
    let mut runs: Vec<(usize, usize, u32)> = Vec::new();
    for (e, entity) in doc.entities.iter().enumerate() {
        for m in &entity.mentions {
            let (a, b) = token_range(doc, *m);
            if (a..b).all(|k| names[k] == u32::MAX) {
                runs.push((a, b, e as u32));
            }
        }
    }
    // A mention inside a longer one keeps its own entity: "the trust" in "the trust’s new
    // chairman" stands for the trust, the whole phrase for the chairman.
    runs.sort_by_key(|&(a, b, _)| std::cmp::Reverse(b - a));
    for (a, b, e) in runs {
        out[a..b].fill(e);
    }
    out
}

/// Mentions as token runs, in text order, and for each token the run it belongs to.
pub(crate) fn units(owner: &[u32]) -> (Vec<Unit>, Vec<u32>) {
    let mut units = Vec::new();
    let mut of_token = vec![u32::MAX; owner.len()];
    let mut i = 0;
    while i < owner.len() {
        let e = owner[i];
        if e == u32::MAX {
            i += 1;
            continue;
        }
        let first = i;
        while i < owner.len() && owner[i] == e {
            of_token[i] = units.len() as u32;
            i += 1;
        }
        units.push(Unit { first, end: i, entity: e });
    }
    (units, of_token)
}

/// One side of a relation found by a pattern.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Arg {
    /// An entity mention.
    Unit(Unit),
    /// A name no entity covers (an item of a membership list): tokens `[first, end)`,
    /// which become an ORG entity.
    Name(usize, usize),
}

/// A relation found by a pattern, before it is checked and stored.
#[derive(Clone, Debug)]
pub(crate) struct Found {
    pub subject: Arg,
    pub object: Arg,
    pub predicate: String,
    pub role: String,
    pub first: usize,
    pub end: usize,
}

/// The entity an argument stands for: a unit's own entity, or for a country adjective
/// (NORP "Belarusian") the country's GPE entity, added when the article has none; a name
/// no entity covers becomes an ORG entity.
fn arg_entity(doc: &mut Doc, demonyms: &Demonyms, arg: Arg) -> Option<u32> {
    let unit = match arg {
        Arg::Unit(u) => u,
        Arg::Name(first, end) => {
            let name = text_of(doc, first, end);
            let span = doc.token_span(first, end);
            if let Some(i) = doc.entities.iter().position(|e| e.name == name) {
                if !doc.entities[i].mentions.contains(&span) {
                    doc.entities[i].mentions.push(span);
                    doc.entities[i].mentions.sort_by_key(|s| s.start);
                }
                return Some(i as u32);
            }
            let mut extra = serde_json::Map::new();
            extra.insert("found_by".into(), serde_json::Value::String("relations".into()));
            doc.entities.push(Entity { label: label::ORG, name, aliases: Vec::new(), descriptions: Vec::new(), mentions: vec![span], extra });
            return Some(doc.entities.len() as u32 - 1);
        }
    };
    let e = &doc.entities[unit.entity as usize];
    if e.label != label::NORP {
        return Some(unit.entity);
    }
    let word = doc.token_span(unit.first, unit.end).text(&doc.text);
    let country = demonyms.country(word)?.to_string();
    let key = country_key(&country);
    let existing = doc.entities.iter().position(|e| {
        e.label == label::GPE && (country_key(&e.name) == key || e.aliases.iter().any(|a| country_key(a) == key))
    });
    if let Some(i) = existing {
        return Some(i as u32);
    }
    let mut extra = serde_json::Map::new();
    extra.insert("named_by".into(), serde_json::Value::String(word.to_string()));
    doc.entities.push(Entity { label: label::GPE, name: country, aliases: Vec::new(), descriptions: Vec::new(), mentions: Vec::new(), extra });
    Some(doc.entities.len() as u32 - 1)
}

impl Stage for Relations {
    fn name(&self) -> &'static str {
        "relations"
    }

    fn process(&self, doc: &mut Doc) {
        if doc.entities.is_empty() {
            return;
        }
        let owner = name_tokens(doc);
        let (units, of_token) = units(&owner);
        let referring = referring_tokens(doc, &owner);
        let org_heads = patterns::org_heads(doc);
        let found = patterns::Matcher { doc, roles: &self.roles, owner: &owner, units: &units, of_token: &of_token, referring: &referring, org_heads: &org_heads }.run();
        let mut seen: HashSet<(u32, u32, String)> = HashSet::new();
        let mut relations = Vec::new();
        for f in found {
            let (Some(subject), Some(object)) = (arg_entity(doc, &self.demonyms, f.subject), arg_entity(doc, &self.demonyms, f.object)) else {
                continue;
            };
            if object == subject || !seen.insert((subject, object, f.role.to_lowercase())) {
                continue;
            }
            relations.push(Relation { subject, predicate: f.predicate, role: f.role, object, evidence: doc.token_span(f.first, f.end) });
        }
        // Where someone lives is a place, whatever NER called the one-word name there.
        for r in relations.iter().filter(|r| r.role == "resident") {
            let e = &mut doc.entities[r.object as usize];
            if e.label == label::PERSON {
                e.label = label::GPE;
            }
        }
        doc.relations = relations;
    }
}

/// The type name of entity `e` (for messages and tests).
pub fn type_name(doc: &Doc, e: u32) -> &'static str {
    doc.entities.get(e as usize).and_then(|e| ENTITY_TYPES.get(e.label as usize)).copied().unwrap_or("?")
}

/// The text of tokens `[first, end)`.
pub(crate) fn text_of(doc: &Doc, first: usize, end: usize) -> String {
    if first >= end {
        return String::new();
    }
    let span: Span = doc.token_span(first, end);
    span.text(&doc.text).split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests;
