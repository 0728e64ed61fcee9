//! Curation of corpus entities (merge, split, rename, retype, delete) and the log that makes
//! those decisions survive re-ingest and relinking. Each operation names entities by a
//! stable reference (their class and name key), not by row id, so `relink` can rebuild all
//! entities from the document entities and replay the log on the new ids. Keys of a merged,
//! split or retyped entity are re-pointed, so documents ingested later link the way the user
//! decided.

use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use crate::normalize::{class_of, name_key};
use crate::{link, Error, Result, Store};

/// A stable reference to a corpus entity: the class and name key of its name when the
/// decision was taken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityRef {
    /// Linking class (`person`, `org`, `place`, ...).
    pub class: String,
    /// `n:` key of the name.
    pub key: String,
    /// The name as shown then (for people reading the log).
    pub name: String,
}

/// One curation decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "lowercase")]
pub enum Curation {
    /// `from` is the same referent as `into`.
    Merge {
        /// Survivor.
        into: EntityRef,
        /// Absorbed entity.
        from: EntityRef,
    },
    /// Document entities named `name` are a different referent from `entity`.
    Split {
        /// The entity to split.
        entity: EntityRef,
        /// The name whose document entities move to a new entity.
        name: String,
    },
    /// Show the entity under `name`.
    Rename {
        /// The entity.
        entity: EntityRef,
        /// New name.
        name: String,
    },
    /// Change the entity's type.
    Retype {
        /// The entity.
        entity: EntityRef,
        /// New OntoNotes type.
        kind: String,
    },
    /// Hide the entity (noise from NER); later mentions stay hidden.
    Delete {
        /// The entity.
        entity: EntityRef,
    },
}

/// A corpus entity, briefly.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntityBrief {
    /// Row id.
    pub id: i64,
    /// Canonical name.
    pub name: String,
    /// Type.
    #[serde(rename = "type")]
    pub kind: String,
    /// Current documents that mention it.
    pub documents: i64,
}

fn brief(tx: &rusqlite::Connection, id: i64) -> Result<Option<EntityBrief>> {
    Ok(tx
        .query_row(
            "SELECT id, name, type, (SELECT count(DISTINCT doc_id) FROM doc_entities WHERE entity_id = e.id) FROM entities e WHERE id = ?1",
            [id],
            |r| Ok(EntityBrief { id: r.get(0)?, name: r.get(1)?, kind: r.get(2)?, documents: r.get(3)? }),
        )
        .optional()?)
}

/// Entities answering to `reference` (a numeric id, or a name matched on folded names and
/// aliases), optionally of one type, most-documented first. Deleted entities are left out.
pub(crate) fn find(conn: &rusqlite::Connection, reference: &str, kind: Option<&str>) -> Result<Vec<EntityBrief>> {
    if let Ok(id) = reference.trim().trim_start_matches('#').parse::<i64>() {
        return Ok(brief(conn, id)?.into_iter().collect());
    }
    let mut ids = std::collections::BTreeSet::new();
    let classes: Vec<&str> = match kind {
        Some(k) => vec![class_of(k)],
        None => vec!["person", "org", "place", "norp", "fac", "event", "product", "work", "law", "other"],
    };
    let mut st = conn.prepare_cached("SELECT entity_id FROM entity_keys WHERE class = ?1 AND key = ?2")?;
    for c in &classes {
        let key = format!("n:{}", name_key(c, reference));
        for id in st.query_map(params![c, key], |r| r.get::<_, i64>(0))? {
            ids.insert(id?);
        }
    }
    let mut out = Vec::new();
    for id in ids {
        let deleted: i64 = conn.query_row("SELECT deleted FROM entities WHERE id = ?1", [id], |r| r.get(0)).optional()?.unwrap_or(1);
        if deleted != 0 {
            continue;
        }
        if let Some(b) = brief(conn, id)? {
            if kind.is_none() || kind.map(class_of) == Some(class_of(&b.kind)) {
                out.push(b);
            }
        }
    }
    out.sort_by(|a, b| b.documents.cmp(&a.documents).then(a.id.cmp(&b.id)));
    Ok(out)
}

fn reference_of(conn: &rusqlite::Connection, id: i64) -> Result<EntityRef> {
    let (class, name): (String, String) = conn
        .query_row("SELECT class, name FROM entities WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(|| Error::NoEntity(id.to_string()))?;
    Ok(EntityRef { key: format!("n:{}", name_key(&class, &name)), class, name })
}

/// The entity a logged reference denotes now, if any (lowest id among its key's entities).
fn resolve(tx: &Transaction, r: &EntityRef) -> Result<Option<i64>> {
    Ok(tx
        .query_row("SELECT min(entity_id) FROM entity_keys WHERE class = ?1 AND key = ?2", params![r.class, r.key], |row| {
            row.get::<_, Option<i64>>(0)
        })
        .optional()?
        .flatten())
}

fn apply(tx: &Transaction, op: &Curation) -> Result<bool> {
    match op {
        Curation::Merge { into, from } => {
            let (Some(a), Some(b)) = (resolve(tx, into)?, resolve(tx, from)?) else { return Ok(false) };
            if a == b {
                return Ok(true);
            }
            tx.execute("UPDATE doc_entities SET entity_id = ?1 WHERE entity_id = ?2", params![a, b])?;
            tx.execute("UPDATE OR IGNORE entity_keys SET entity_id = ?1 WHERE entity_id = ?2", params![a, b])?;
            tx.execute("DELETE FROM entity_keys WHERE entity_id = ?1", [b])?;
            tx.execute("DELETE FROM entities WHERE id = ?1", [b])?;
        }
        Curation::Split { entity, name } => {
            let Some(e) = resolve(tx, entity)? else { return Ok(false) };
            let (kind, class): (String, String) = tx.query_row("SELECT type, class FROM entities WHERE id = ?1", [e], |r| Ok((r.get(0)?, r.get(1)?)))?;
            let key = name_key(&class, name);
            let mut moved = Vec::new();
            {
                let mut st = tx.prepare("SELECT id, name FROM doc_entities WHERE entity_id = ?1")?;
                for row in st.query_map([e], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
                    let (id, n) = row?;
                    if name_key(&class, &n) == key {
                        moved.push(id);
                    }
                }
            }
            if moved.is_empty() {
                return Ok(false);
            }
            tx.execute("INSERT INTO entities(type, class, name, name_locked) VALUES (?1, ?2, ?3, 1)", params![kind, class, name])?;
            let new = tx.last_insert_rowid();
            for id in moved {
                tx.execute("UPDATE doc_entities SET entity_id = ?1 WHERE id = ?2", params![new, id])?;
            }
            tx.execute("DELETE FROM entity_keys WHERE entity_id = ?1 AND key = ?2", params![e, format!("n:{key}")])?;
            tx.execute("INSERT OR IGNORE INTO entity_keys(class, key, entity_id) VALUES (?1, ?2, ?3)", params![class, format!("n:{key}"), new])?;
        }
        Curation::Rename { entity, name } => {
            let Some(e) = resolve(tx, entity)? else { return Ok(false) };
            let class: String = tx.query_row("SELECT class FROM entities WHERE id = ?1", [e], |r| r.get(0))?;
            tx.execute("UPDATE entities SET name = ?1, name_locked = 1 WHERE id = ?2", params![name, e])?;
            tx.execute(
                "INSERT OR IGNORE INTO entity_keys(class, key, entity_id) VALUES (?1, ?2, ?3)",
                params![class, format!("n:{}", name_key(&class, name)), e],
            )?;
        }
        Curation::Retype { entity, kind } => {
            let Some(e) = resolve(tx, entity)? else { return Ok(false) };
            let class = class_of(kind);
            tx.execute("UPDATE entities SET type = ?1, class = ?2 WHERE id = ?3", params![kind, class, e])?;
            // Keys stay in the old class too: NER will keep calling it by the old type.
            tx.execute(
                "INSERT OR IGNORE INTO entity_keys(class, key, entity_id) SELECT ?1, key, entity_id FROM entity_keys WHERE entity_id = ?2",
                params![class, e],
            )?;
        }
        Curation::Delete { entity } => {
            let Some(e) = resolve(tx, entity)? else { return Ok(false) };
            tx.execute("UPDATE entities SET deleted = 1 WHERE id = ?1", [e])?;
        }
    }
    Ok(true)
}

impl Store {
    /// Entities answering to `reference` (id or name), most-documented first.
    pub fn find_entities(&self, reference: &str, kind: Option<&str>) -> Result<Vec<EntityBrief>> {
        find(&self.conn, reference, kind)
    }

    /// The single entity `reference` denotes, or an error naming the candidates.
    pub fn entity_id(&self, reference: &str, kind: Option<&str>) -> Result<i64> {
        let found = self.find_entities(reference, kind)?;
        match found.as_slice() {
            [] => Err(Error::NoEntity(reference.to_string())),
            [one] => Ok(one.id),
            many => Err(Error::Ambiguous {
                reference: reference.to_string(),
                candidates: many.iter().take(8).map(|b| format!("#{} {} ({}, {} docs)", b.id, b.name, b.kind, b.documents)).collect::<Vec<_>>().join("; "),
            }),
        }
    }

    fn curate(&mut self, op: Curation) -> Result<Curation> {
        let tx = self.conn.transaction()?;
        if !apply(&tx, &op)? {
            return Err(Error::Invalid(format!("curation had no effect: {}", serde_json::to_string(&op)?)));
        }
        tx.execute("INSERT INTO curation(op, args) VALUES (?1, ?2)", params![op_name(&op), serde_json::to_string(&op)?])?;
        tx.commit()?;
        Ok(op)
    }

    /// Merge entity `from` into `into` (ids or unambiguous names).
    pub fn merge(&mut self, into: i64, from: i64) -> Result<Curation> {
        if into == from {
            return Err(Error::Invalid("cannot merge an entity with itself".into()));
        }
        let op = Curation::Merge { into: reference_of(&self.conn, into)?, from: reference_of(&self.conn, from)? };
        self.curate(op)
    }

    /// Move the document entities of `entity` named `name` to a new entity.
    pub fn split(&mut self, entity: i64, name: &str) -> Result<Curation> {
        let op = Curation::Split { entity: reference_of(&self.conn, entity)?, name: name.to_string() };
        self.curate(op)
    }

    /// Rename an entity (the name is then kept against later, fuller names).
    pub fn rename(&mut self, entity: i64, name: &str) -> Result<Curation> {
        let op = Curation::Rename { entity: reference_of(&self.conn, entity)?, name: name.to_string() };
        self.curate(op)
    }

    /// Change an entity's type.
    pub fn retype(&mut self, entity: i64, kind: &str) -> Result<Curation> {
        let op = Curation::Retype { entity: reference_of(&self.conn, entity)?, kind: kind.to_uppercase() };
        self.curate(op)
    }

    /// Hide an entity.
    pub fn delete_entity(&mut self, entity: i64) -> Result<Curation> {
        let op = Curation::Delete { entity: reference_of(&self.conn, entity)? };
        self.curate(op)
    }

    /// The curation log, oldest first.
    pub fn curation_log(&self) -> Result<Vec<Curation>> {
        let mut st = self.conn.prepare("SELECT args FROM curation ORDER BY id")?;
        let rows = st.query_map([], |r| r.get::<_, String>(0))?;
        let mut out = Vec::new();
        for r in rows {
            out.push(serde_json::from_str(&r?)?);
        }
        Ok(out)
    }

    /// Append decisions (from another store's log) and apply them; returns how many applied.
    pub fn import_curation(&mut self, ops: &[Curation]) -> Result<usize> {
        let tx = self.conn.transaction()?;
        let mut n = 0;
        for op in ops {
            if apply(&tx, op)? {
                n += 1;
            }
            tx.execute("INSERT INTO curation(op, args) VALUES (?1, ?2)", params![op_name(op), serde_json::to_string(op)?])?;
        }
        tx.commit()?;
        Ok(n)
    }

    /// Rebuild every corpus entity from the document entities (in document order), then
    /// replay the curation log. Returns the number of corpus entities.
    pub fn relink(&mut self) -> Result<i64> {
        let tx = self.conn.transaction()?;
        tx.execute_batch("DELETE FROM entities; DELETE FROM entity_keys; UPDATE doc_entities SET entity_id = NULL;")?;
        let rows: Vec<(i64, i64, String, String, String)> = {
            let mut st = tx.prepare("SELECT doc_id, id, type, name, aliases FROM doc_entities ORDER BY doc_id, id")?;
            let r = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?.collect::<rusqlite::Result<_>>()?;
            r
        };
        let mut doc = Vec::new();
        for (i, (doc_id, row, kind, name, aliases)) in rows.iter().enumerate() {
            doc.push(link::DocEntity { row: *row, kind: kind.clone(), name: name.clone(), aliases: serde_json::from_str(aliases)? });
            if rows.get(i + 1).map(|n| n.0) != Some(*doc_id) {
                link::link_document(&tx, &doc)?;
                doc.clear();
            }
        }
        let ops: Vec<String> = {
            let mut st = tx.prepare("SELECT args FROM curation ORDER BY id")?;
            let r = st.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
            r
        };
        for op in ops {
            apply(&tx, &serde_json::from_str(&op)?)?;
        }
        let n: i64 = tx.query_row("SELECT count(*) FROM entities", [], |r| r.get(0))?;
        tx.commit()?;
        Ok(n)
    }
}

fn op_name(op: &Curation) -> &'static str {
    match op {
        Curation::Merge { .. } => "merge",
        Curation::Split { .. } => "split",
        Curation::Rename { .. } => "rename",
        Curation::Retype { .. } => "retype",
        Curation::Delete { .. } => "delete",
    }
}
