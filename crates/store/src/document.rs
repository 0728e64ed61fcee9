//! Browsing queries the server needs beyond the CLI's: one stored document with all its
//! layers (and its corpus entity links), the list of documents, relations and events of the
//! whole corpus, and stories with several documents. Each takes `limit` and `offset` so a
//! caller can page. It does not render anything.

use std::collections::BTreeMap;

use newsgraph_core::Analysis;
use rusqlite::OptionalExtension;
use serde::Serialize;
use serde_json::json;

use crate::query::DocRow;
use crate::{Result, Store};

/// A stored document: its store bookkeeping and the full analysis (text included). Each
/// entity of `analysis` carries `corpus_entity` (id) and `corpus_name` in its extras when it
/// is linked to a corpus entity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredDocument {
    /// Row id.
    pub id: i64,
    /// Version number of its url (1 for the first).
    pub version: i64,
    /// False for a superseded version.
    pub current: bool,
    /// Canonical document of its near-duplicate cluster (itself when canonical), if any.
    pub dup_of: Option<i64>,
    /// Story id (the id of the story's first document), if grouped.
    pub story: Option<i64>,
    /// When it was ingested (UTC).
    pub ingested_at: String,
    /// Row id of each attribution, by its id in the analysis (`a1` → 17): the ids that
    /// quote queries return.
    pub attribution_rows: BTreeMap<String, i64>,
    /// The analysis with all layers.
    pub analysis: Analysis,
}

/// A relation between two corpus entities in one document, with its evidence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RelationHit {
    /// Document row id.
    pub doc: i64,
    /// Subject corpus entity id (when linked).
    pub subject_id: Option<i64>,
    /// Subject name.
    pub subject: String,
    /// Predicate as written.
    pub predicate: String,
    /// Normalised role.
    pub role: String,
    /// Object corpus entity id (when linked).
    pub object_id: Option<i64>,
    /// Object name.
    pub object: String,
    /// Evidence text.
    pub evidence: String,
    /// Evidence start (code points into the document text).
    pub start: i64,
    /// Evidence end.
    pub end: i64,
}

/// A story grouping several (non-copy) documents.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoryRow {
    /// Story id.
    pub story: i64,
    /// Its documents, oldest first.
    pub documents: Vec<DocRow>,
}

const DOC_ROW: &str = "SELECT d.id, d.title, d.published, d.source, d.url,
        (SELECT count(*) FROM documents c WHERE c.dup_of = d.id AND c.id != d.id AND c.current = 1)
     FROM documents d";

fn doc_row(r: &rusqlite::Row) -> rusqlite::Result<DocRow> {
    Ok(DocRow { id: r.get(0)?, title: r.get(1)?, published: r.get(2)?, source: r.get(3)?, url: r.get(4)?, copies: r.get(5)? })
}

impl Store {
    /// Document `id` with all its layers, or `None` when there is no such row.
    pub fn document(&self, id: i64) -> Result<Option<StoredDocument>> {
        let c = &self.conn;
        let row = c
            .prepare_cached(
                "SELECT d.version, d.current, d.dup_of, d.story, d.ingested_at, t.text, t.analysis
                 FROM documents d JOIN document_texts t ON t.id = d.id WHERE d.id = ?1",
            )?
            .query_row([id], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, bool>(1)?,
                    r.get::<_, Option<i64>>(2)?,
                    r.get::<_, Option<i64>>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, Vec<u8>>(6)?,
                ))
            })
            .optional()?;
        let Some((version, current, dup_of, story, ingested_at, text, blob)) = row else { return Ok(None) };
        let mut analysis: Analysis = serde_json::from_slice(&blob)?;
        analysis.document.text = text;
        let linked: BTreeMap<String, (i64, String)> = c
            .prepare_cached(
                "SELECT de.local_id, e.id, e.name FROM doc_entities de JOIN entities e ON e.id = de.entity_id
                 WHERE de.doc_id = ?1 AND e.deleted = 0",
            )?
            .query_map([id], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?
            .collect::<rusqlite::Result<_>>()?;
        for e in &mut analysis.entities {
            if let Some((cid, name)) = linked.get(&e.id) {
                e.extra.insert("corpus_entity".into(), json!(cid));
                e.extra.insert("corpus_name".into(), json!(name));
            }
        }
        let attribution_rows = c
            .prepare_cached("SELECT local_id, id FROM attributions WHERE doc_id = ?1")?
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Some(StoredDocument { id, version, current, dup_of, story, ingested_at, attribution_rows, analysis }))
    }

    /// Current documents, latest publication first; copies included when `copies`.
    pub fn documents(&self, copies: bool, limit: usize, offset: usize) -> Result<Vec<DocRow>> {
        let filter = if copies { "" } else { "AND (d.dup_of IS NULL OR d.dup_of = d.id)" };
        let mut st = self.conn.prepare_cached(&format!(
            "{DOC_ROW} WHERE d.current = 1 {filter} ORDER BY d.published DESC, d.id DESC LIMIT {limit} OFFSET {offset}"
        ))?;
        let rows = st.query_map([], doc_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Relations, each with its document and evidence; only those where corpus entity
    /// `entity` is subject or object when given. Newest documents first.
    pub fn relations(&self, entity: Option<i64>, limit: usize, offset: usize) -> Result<Vec<RelationHit>> {
        let filter = if entity.is_some() {
            "r.rowid IN (SELECT rowid FROM relations WHERE subject IN (SELECT id FROM doc_entities WHERE entity_id = ?1)
                         UNION SELECT rowid FROM relations WHERE object IN (SELECT id FROM doc_entities WHERE entity_id = ?1))"
        } else {
            "?1 IS NULL"
        };
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT r.doc_id, es.id, coalesce(es.name, s.name), r.predicate, r.role, eo.id, coalesce(eo.name, o.name), r.text, r.start, r.end
             FROM relations r JOIN doc_entities s ON s.id = r.subject JOIN doc_entities o ON o.id = r.object
             LEFT JOIN entities es ON es.id = s.entity_id LEFT JOIN entities eo ON eo.id = o.entity_id
             JOIN documents d ON d.id = r.doc_id
             WHERE {filter} ORDER BY d.published DESC, r.doc_id DESC, r.start LIMIT {limit} OFFSET {offset}"
        ))?;
        let rows = st.query_map([entity], |r| {
            Ok(RelationHit {
                doc: r.get(0)?,
                subject_id: r.get(1)?,
                subject: r.get(2)?,
                predicate: r.get(3)?,
                role: r.get(4)?,
                object_id: r.get(5)?,
                object: r.get(6)?,
                evidence: r.get(7)?,
                start: r.get(8)?,
                end: r.get(9)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Stories with at least two documents that are not copies of each other, largest first.
    pub fn stories(&self, limit: usize, offset: usize) -> Result<Vec<StoryRow>> {
        let ids: Vec<i64> = {
            let mut st = self.conn.prepare_cached(&format!(
                "SELECT d.story FROM documents d WHERE d.current = 1 AND d.story IS NOT NULL AND (d.dup_of IS NULL OR d.dup_of = d.id)
                 GROUP BY d.story HAVING count(*) >= 2 ORDER BY count(*) DESC, d.story LIMIT {limit} OFFSET {offset}"
            ))?;
            let rows = st.query_map([], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let mut st = self.conn.prepare_cached(&format!(
            "{DOC_ROW} WHERE d.story = ?1 AND d.current = 1 AND (d.dup_of IS NULL OR d.dup_of = d.id) ORDER BY d.published, d.id LIMIT 50"
        ))?;
        let mut out = Vec::with_capacity(ids.len());
        for story in ids {
            let documents = st.query_map([story], doc_row)?.collect::<rusqlite::Result<_>>()?;
            out.push(StoryRow { story, documents });
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use newsgraph_core::{Analysis, Doc, Meta};

    use super::*;

    fn analysis(text: &str, published: &str) -> Analysis {
        let meta = Meta { published: Some(published.into()), ..Meta::default() };
        Analysis::from_doc(&Doc::new(meta, text.into()))
    }

    #[test]
    fn document_round_trips_with_text_and_layers() {
        let mut s = Store::open_in_memory().unwrap();
        let mut a = analysis("Putin spoke in Moscow on Friday.", "2023-06-30");
        a.entities.push(serde_json::from_value(serde_json::json!({
            "id": "e1", "type": "PERSON", "name": "Putin", "aliases": [], "descriptions": [],
            "mentions": [{"start": 0, "end": 5, "text": "Putin"}]
        })).unwrap());
        s.add(&a).unwrap();
        let id: i64 = s.connection().query_row("SELECT id FROM documents", [], |r| r.get(0)).unwrap();
        let d = s.document(id).unwrap().unwrap();
        assert_eq!(d.analysis.document.text, "Putin spoke in Moscow on Friday.");
        assert_eq!(d.version, 1);
        assert!(d.current);
        let e = &d.analysis.entities[0];
        assert_eq!(e.extra.get("corpus_name"), Some(&json!("Putin")));
        assert!(e.extra.get("corpus_entity").and_then(|v| v.as_i64()).is_some());
        assert!(s.document(id + 100).unwrap().is_none());
    }

    #[test]
    fn documents_page_latest_first() {
        let mut s = Store::open_in_memory().unwrap();
        for (i, day) in ["2023-01-01", "2023-01-03", "2023-01-02"].iter().enumerate() {
            s.add(&analysis(&format!("Document number {i} about entirely different matters {day}."), day)).unwrap();
        }
        let all = s.documents(false, 10, 0).unwrap();
        let days: Vec<_> = all.iter().map(|d| d.published.clone().unwrap()).collect();
        assert_eq!(days, ["2023-01-03", "2023-01-02", "2023-01-01"]);
        let page = s.documents(false, 1, 1).unwrap();
        assert_eq!(page[0].published.as_deref(), Some("2023-01-02"));
        assert!(s.documents(false, 10, 3).unwrap().is_empty());
    }

    #[test]
    fn relations_of_an_entity_and_empty_stories() {
        let mut s = Store::open_in_memory().unwrap();
        let mut a = analysis("Lukashenko, the President of Belarus, spoke.", "2023-06-30");
        let ents = serde_json::json!([
            {"id": "e1", "type": "PERSON", "name": "Lukashenko", "aliases": [], "descriptions": [], "mentions": [{"start": 0, "end": 10, "text": "Lukashenko"}]},
            {"id": "e2", "type": "GPE", "name": "Belarus", "aliases": [], "descriptions": [], "mentions": [{"start": 29, "end": 36, "text": "Belarus"}]}
        ]);
        a.entities = serde_json::from_value(ents).unwrap();
        a.relations = serde_json::from_value(serde_json::json!([{
            "subject": "e1", "predicate": "President of", "role": "president", "object": "e2",
            "evidence": {"start": 12, "end": 36, "text": "the President of Belarus"}
        }]))
        .unwrap();
        s.add(&a).unwrap();
        let luka = s.best_entity("Lukashenko", None).unwrap().id;
        let r = s.relations(Some(luka), 10, 0).unwrap();
        assert_eq!(r.len(), 1);
        assert_eq!((r[0].subject.as_str(), r[0].role.as_str(), r[0].object.as_str()), ("Lukashenko", "president", "Belarus"));
        assert_eq!(r[0].subject_id, Some(luka));
        assert_eq!(s.relations(None, 10, 0).unwrap().len(), 1);
        assert!(s.relations(Some(luka), 10, 1).unwrap().is_empty());
        assert!(s.stories(10, 0).unwrap().is_empty());
    }
}
