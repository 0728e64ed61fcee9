//! Cross-document entity linking: each document entity is attached to one corpus entity by
//! its keys (normalised names and aliases, person surnames, organisation acronyms) within its
//! type class. Exact name keys win; weak keys (a bare surname, an acronym) link only when they
//! point to exactly one entity; person names whose first names disagree never link. Linking
//! is incremental (one document at a time, inside the ingest transaction); `relink` in
//! `curate.rs` redoes it for the whole corpus.

use std::collections::BTreeMap;

use rusqlite::{params, OptionalExtension, Transaction};

use crate::normalize::{acronym, class_of, fold, looks_like_acronym, name_key, person_tokens, persons_conflict};
use crate::Result;

/// The keys a document entity contributes, and the weak keys it may be looked up by.
pub(crate) struct Keys {
    pub class: &'static str,
    /// `n:` keys of its name and aliases.
    pub names: Vec<String>,
    /// Keys stored for others to find it by (surname, acronym).
    pub extra: Vec<String>,
    /// Weak lookups: keys of other entities that may denote it.
    pub weak: Vec<String>,
}

pub(crate) fn keys_for(kind: &str, name: &str, aliases: &[String]) -> Keys {
    let class = class_of(kind);
    let mut names = Vec::new();
    let mut extra = Vec::new();
    let mut weak = Vec::new();
    for n in std::iter::once(name).chain(aliases.iter().map(String::as_str)) {
        let k = name_key(class, n);
        if !k.is_empty() {
            names.push(format!("n:{k}"));
        }
        if class == "org" {
            if let Some(a) = acronym(n) {
                extra.push(format!("a:{a}"));
                weak.push(format!("n:{a}"));
            }
            if looks_like_acronym(n) {
                weak.push(format!("a:{}", fold(n).replace(' ', "")));
            }
        }
    }
    if class == "person" {
        let t = person_tokens(name);
        if t.len() >= 2 {
            let last = t[t.len() - 1].clone();
            extra.push(format!("s:{last}"));
            weak.push(format!("n:{last}"));
        } else if let Some(only) = t.first() {
            weak.push(format!("s:{only}"));
        }
    }
    for v in [&mut names, &mut extra, &mut weak] {
        v.sort();
        v.dedup();
    }
    Keys { class, names, extra, weak }
}

fn lookup(tx: &Transaction, class: &str, key: &str, out: &mut BTreeMap<i64, u32>) -> Result<()> {
    let mut st = tx.prepare_cached("SELECT entity_id FROM entity_keys WHERE class = ?1 AND key = ?2")?;
    let ids = st.query_map(params![class, key], |r| r.get::<_, i64>(0))?;
    for id in ids {
        *out.entry(id?).or_default() += 1;
    }
    Ok(())
}

fn entity_name(tx: &Transaction, id: i64) -> Result<Option<(String, bool)>> {
    let mut st = tx.prepare_cached("SELECT name, name_locked FROM entities WHERE id = ?1")?;
    Ok(st.query_row([id], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? != 0))).optional()?)
}

/// Link one document entity (already inserted as `doc_entity`) and return its corpus entity.
pub(crate) fn link(tx: &Transaction, doc_entity: i64, kind: &str, name: &str, aliases: &[String]) -> Result<i64> {
    link_with_hint(tx, doc_entity, kind, name, aliases, None)
}

/// A document entity to link: its row and names.
pub(crate) struct DocEntity {
    pub row: i64,
    pub kind: String,
    pub name: String,
    pub aliases: Vec<String>,
}

/// Link the entities of one document: full names first, then bare person surnames, which go
/// to the one full name of the document with that surname when there is one.
pub(crate) fn link_document(tx: &Transaction, entities: &[DocEntity]) -> Result<()> {
    let bare = |e: &DocEntity| class_of(&e.kind) == "person" && person_tokens(&e.name).len() == 1;
    let mut full_names = Vec::new();
    for e in entities.iter().filter(|e| !bare(e)) {
        let id = link(tx, e.row, &e.kind, &e.name, &e.aliases)?;
        if class_of(&e.kind) == "person" {
            full_names.push((e.name.clone(), id));
        }
    }
    for e in entities.iter().filter(|e| bare(e)) {
        let hint = surname_hint(&e.name, &e.kind, &full_names);
        link_with_hint(tx, e.row, &e.kind, &e.name, &e.aliases, hint)?;
    }
    Ok(())
}

/// A bare surname whose document also names exactly one person with that surname ("Clinton"
/// beside "Hillary Clinton") denotes that person: the corpus entity of that full name.
pub(crate) fn surname_hint(name: &str, kind: &str, full_names: &[(String, i64)]) -> Option<i64> {
    if class_of(kind) != "person" {
        return None;
    }
    let t = person_tokens(name);
    if t.len() != 1 {
        return None;
    }
    let mut found: Option<i64> = None;
    for (full, entity) in full_names {
        let ft = person_tokens(full);
        if ft.len() >= 2 && ft[ft.len() - 1] == t[0] {
            match found {
                Some(e) if e != *entity => return None,
                _ => found = Some(*entity),
            }
        }
    }
    found
}

/// [`link`], with the corpus entity suggested by the document itself, if any.
pub(crate) fn link_with_hint(
    tx: &Transaction,
    doc_entity: i64,
    kind: &str,
    name: &str,
    aliases: &[String],
    hint: Option<i64>,
) -> Result<i64> {
    if let Some(id) = hint {
        tx.prepare_cached("UPDATE doc_entities SET entity_id = ?1 WHERE id = ?2")?.execute(params![id, doc_entity])?;
        return Ok(id);
    }
    let keys = keys_for(kind, name, aliases);
    let is_person = keys.class == "person";
    let compatible = |id: i64| -> Result<bool> {
        if !is_person {
            return Ok(true);
        }
        Ok(match entity_name(tx, id)? {
            Some((other, _)) => !persons_conflict(name, &other),
            None => false,
        })
    };
    let mut strong = BTreeMap::new();
    for k in &keys.names {
        lookup(tx, keys.class, k, &mut strong)?;
    }
    let mut chosen = None;
    let mut best = 0;
    for (&id, &hits) in &strong {
        if hits > best && compatible(id)? {
            best = hits;
            chosen = Some(id);
        }
    }
    if chosen.is_none() {
        let mut weak = BTreeMap::new();
        for k in &keys.weak {
            lookup(tx, keys.class, k, &mut weak)?;
        }
        // A surname-only entity ("Clinton") is absorbed by a full name only while no other
        // full name with that surname exists: otherwise it may be either of them.
        if is_person {
            let t = person_tokens(name);
            if t.len() >= 2 {
                let mut same_surname = BTreeMap::new();
                lookup(tx, keys.class, &format!("s:{}", t[t.len() - 1]), &mut same_surname)?;
                if !same_surname.is_empty() {
                    weak.clear();
                }
            }
        }
        let mut ok = Vec::new();
        for &id in weak.keys() {
            if compatible(id)? {
                ok.push(id);
            }
        }
        if ok.len() == 1 {
            chosen = Some(ok[0]);
        }
    }
    let id = match chosen {
        Some(id) => {
            maybe_rename(tx, id, keys.class, name)?;
            id
        }
        None => {
            tx.prepare_cached("INSERT INTO entities(type, class, name) VALUES (?1, ?2, ?3)")?
                .execute(params![kind, keys.class, name])?;
            tx.last_insert_rowid()
        }
    };
    let mut ins = tx.prepare_cached("INSERT OR IGNORE INTO entity_keys(class, key, entity_id) VALUES (?1, ?2, ?3)")?;
    for k in keys.names.iter().chain(keys.extra.iter()) {
        ins.execute(params![keys.class, k, id])?;
    }
    tx.prepare_cached("UPDATE doc_entities SET entity_id = ?1 WHERE id = ?2")?.execute(params![id, doc_entity])?;
    Ok(id)
}

/// Prefer the fuller name: a person's name with more tokens ("Putin" → "Vladimir Putin"), or
/// a longer name that contains the current one ("Wagner" → "Wagner Group"). A name set by the
/// user (`entity rename`) is kept.
fn maybe_rename(tx: &Transaction, id: i64, class: &str, name: &str) -> Result<()> {
    let Some((current, locked)) = entity_name(tx, id)? else { return Ok(()) };
    if locked || current == name {
        return Ok(());
    }
    let better = if class == "person" {
        let (new, old) = (person_tokens(name), person_tokens(&current));
        // More name tokens, or the same name without a title ("Senator Bernie Sanders").
        new.len() > old.len() || (new == old && name.chars().count() < current.chars().count())
    } else {
        let (f_new, f_old) = (fold(name), fold(&current));
        f_new.len() > f_old.len() && f_new.split(' ').any(|w| f_old.split(' ').any(|o| o == w)) && f_new.contains(&f_old)
    };
    if better {
        tx.prepare_cached("UPDATE entities SET name = ?1 WHERE id = ?2")?.execute(params![name, id])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_surname_goes_to_the_one_full_name_of_its_document() {
        let full = vec![("Hillary Clinton".to_string(), 7), ("Donald Trump".to_string(), 9)];
        assert_eq!(surname_hint("Clinton", "PERSON", &full), Some(7));
        assert_eq!(surname_hint("Mrs. Clinton", "PERSON", &full), Some(7));
        assert_eq!(surname_hint("Clinton", "ORG", &full), None);
        let both = vec![("Hillary Clinton".to_string(), 7), ("Bill Clinton".to_string(), 8)];
        assert_eq!(surname_hint("Clinton", "PERSON", &both), None, "ambiguous within the document");
    }

    #[test]
    fn keys_cover_names_surnames_and_acronyms() {
        let k = keys_for("PERSON", "Vladimir V. Putin", &["Putin".into()]);
        assert!(k.names.contains(&"n:vladimir putin".to_string()) && k.names.contains(&"n:putin".to_string()));
        assert_eq!(k.extra, vec!["s:putin".to_string()]);
        let k = keys_for("ORG", "North Atlantic Treaty Organization", &[]);
        assert_eq!(k.extra, vec!["a:nato".to_string()]);
        assert!(keys_for("ORG", "NATO", &[]).weak.contains(&"a:nato".to_string()));
    }
}
