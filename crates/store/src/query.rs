//! Read-only queries over the store: entity profiles, quotes and claims, timelines, full-text
//! search, entity neighbourhoods and who-cites-whom. Copies (near-duplicates) are left out
//! unless asked for, so counts are of stories and sources, not of syndicated copies. Results
//! are plain structs (serde) that also describe themselves as table rows ([`Tabular`]); the
//! CLI does the printing.

use std::collections::{BTreeMap, BTreeSet};

use rusqlite::{params_from_iter, types::Value, OptionalExtension};
use serde::Serialize;

use crate::{EntityBrief, Error, Result, Store};

/// A row type that can print itself as a table or CSV row.
pub trait Tabular {
    /// Column names.
    fn columns() -> &'static [&'static str];
    /// Cell texts, in column order.
    fn cells(&self) -> Vec<String>;
}

fn opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

/// A value and how often it occurs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Counted {
    /// The value.
    pub value: String,
    /// Occurrences (documents).
    pub count: i64,
}

/// A document, briefly.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocRow {
    /// Row id.
    pub id: i64,
    /// Headline.
    pub title: Option<String>,
    /// Publication date.
    pub published: Option<String>,
    /// Outlet.
    pub source: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Number of stored near-duplicate copies of it.
    pub copies: i64,
}

/// A quote or claim with its speaker and document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuoteRow {
    /// Attribution row id.
    pub id: i64,
    /// Document row id.
    pub doc: i64,
    /// Publication date of the document.
    pub published: Option<String>,
    /// Outlet of the document.
    pub outlet: Option<String>,
    /// Speaker: the corpus entity's name, else the source phrase.
    pub speaker: Option<String>,
    /// Corpus entity id of the speaker, when linked.
    pub speaker_id: Option<i64>,
    /// direct, indirect, mixed, according_to, report, evidence.
    pub kind: String,
    /// Cue ("said", "according to").
    pub cue: Option<String>,
    /// Attributed content.
    pub content: String,
}

/// A relation of the profiled entity, aggregated over documents.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RelationRow {
    /// Subject name.
    pub subject: String,
    /// Predicate as written ("President of").
    pub predicate: String,
    /// Normalised role.
    pub role: String,
    /// Object name.
    pub object: String,
    /// Documents stating it (copies not counted).
    pub count: i64,
}

/// An event with its date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventRow {
    /// Event date, else the document's publication date.
    pub date: Option<String>,
    /// True when `date` is the publication date (the event had none).
    pub date_from_document: bool,
    /// Actor name.
    pub actor: Option<String>,
    /// Action as written.
    pub action: String,
    /// Target name.
    pub target: Option<String>,
    /// Place name.
    pub place: Option<String>,
    /// Document row id.
    pub doc: i64,
    /// Evidence text.
    pub evidence: String,
}

/// Everything the store knows about one corpus entity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Profile {
    /// The entity.
    pub entity: EntityBrief,
    /// Names used for it, most frequent first.
    pub names: Vec<Counted>,
    /// Descriptive phrases ("Belarusian President").
    pub descriptions: Vec<Counted>,
    /// Distinct stories mentioning it.
    pub stories: i64,
    /// First publication date mentioning it.
    pub first_seen: Option<String>,
    /// Last publication date mentioning it.
    pub last_seen: Option<String>,
    /// Relations where it is subject or object.
    pub relations: Vec<RelationRow>,
    /// Places of its events and places it is related to.
    pub places: Vec<Counted>,
    /// Documents (latest first; copies folded).
    pub documents: Vec<DocRow>,
    /// Quotes and claims it is the source of.
    pub quotes: Vec<QuoteRow>,
    /// Claims by others whose content mentions it.
    pub claims_about: Vec<QuoteRow>,
    /// Events it takes part in, by date.
    pub events: Vec<EventRow>,
}

/// Filters of [`Store::quotes`].
#[derive(Debug, Clone, Default)]
pub struct QuoteFilter {
    /// Corpus entity id of the speaker.
    pub speaker: Option<i64>,
    /// Source phrase, when the speaker is not an entity (substring, case-insensitive).
    pub speaker_text: Option<String>,
    /// Outlet (exact, case-insensitive).
    pub outlet: Option<String>,
    /// Cue verb (exact, case-insensitive).
    pub cue: Option<String>,
    /// Attribution kind.
    pub kind: Option<String>,
    /// Earliest publication date (inclusive, YYYY-MM-DD).
    pub from: Option<String>,
    /// Latest publication date (inclusive).
    pub to: Option<String>,
    /// Words the content must contain (full-text).
    pub text: Option<String>,
    /// Include quotes from near-duplicate copies.
    pub copies: bool,
    /// At most this many rows.
    pub limit: usize,
}

/// A full-text hit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit {
    /// Document.
    pub doc: DocRow,
    /// Text around the matches, matches in `[` `]`.
    pub snippet: String,
}

/// A node of a neighbourhood graph.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Node {
    /// Corpus entity id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Type.
    #[serde(rename = "type")]
    pub kind: String,
}

/// An edge: co-occurrence or a typed relation, with a weight (documents, copies folded).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Edge {
    /// Source node id.
    pub source: i64,
    /// Target node id.
    pub target: i64,
    /// `co-occurrence` or the relation role.
    pub kind: String,
    /// Number of stories/documents supporting it.
    pub weight: i64,
}

/// An entity's neighbourhood.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Graph {
    /// Nodes, the centre first.
    pub nodes: Vec<Node>,
    /// Edges, heaviest first.
    pub edges: Vec<Edge>,
}

/// Who cites whom: one outlet, one source, one cue.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceRow {
    /// Outlet publishing the attribution.
    pub outlet: Option<String>,
    /// Cited source (entity name or phrase).
    pub source: String,
    /// Cue verb.
    pub cue: Option<String>,
    /// Attributions (copies folded).
    pub count: i64,
}

impl Tabular for Counted {
    fn columns() -> &'static [&'static str] {
        &["value", "count"]
    }
    fn cells(&self) -> Vec<String> {
        vec![self.value.clone(), self.count.to_string()]
    }
}
impl Tabular for DocRow {
    fn columns() -> &'static [&'static str] {
        &["id", "published", "source", "title", "copies", "url"]
    }
    fn cells(&self) -> Vec<String> {
        vec![self.id.to_string(), opt(&self.published), opt(&self.source), opt(&self.title), self.copies.to_string(), opt(&self.url)]
    }
}
impl Tabular for QuoteRow {
    fn columns() -> &'static [&'static str] {
        &["published", "outlet", "speaker", "kind", "cue", "content", "doc"]
    }
    fn cells(&self) -> Vec<String> {
        vec![
            opt(&self.published),
            opt(&self.outlet),
            opt(&self.speaker),
            self.kind.clone(),
            opt(&self.cue),
            self.content.clone(),
            self.doc.to_string(),
        ]
    }
}
impl Tabular for RelationRow {
    fn columns() -> &'static [&'static str] {
        &["subject", "predicate", "role", "object", "count"]
    }
    fn cells(&self) -> Vec<String> {
        vec![self.subject.clone(), self.predicate.clone(), self.role.clone(), self.object.clone(), self.count.to_string()]
    }
}
impl Tabular for EventRow {
    fn columns() -> &'static [&'static str] {
        &["date", "actor", "action", "target", "place", "doc", "evidence"]
    }
    fn cells(&self) -> Vec<String> {
        let date = match (&self.date, self.date_from_document) {
            (Some(d), true) => format!("{d} (published)"),
            (d, _) => opt(d),
        };
        vec![date, opt(&self.actor), self.action.clone(), opt(&self.target), opt(&self.place), self.doc.to_string(), self.evidence.clone()]
    }
}
impl Tabular for SearchHit {
    fn columns() -> &'static [&'static str] {
        &["id", "published", "source", "title", "copies", "snippet"]
    }
    fn cells(&self) -> Vec<String> {
        let d = &self.doc;
        vec![d.id.to_string(), opt(&d.published), opt(&d.source), opt(&d.title), d.copies.to_string(), self.snippet.clone()]
    }
}
impl Tabular for Edge {
    fn columns() -> &'static [&'static str] {
        &["source", "target", "kind", "weight"]
    }
    fn cells(&self) -> Vec<String> {
        vec![self.source.to_string(), self.target.to_string(), self.kind.clone(), self.weight.to_string()]
    }
}
impl Tabular for SourceRow {
    fn columns() -> &'static [&'static str] {
        &["outlet", "source", "cue", "count"]
    }
    fn cells(&self) -> Vec<String> {
        vec![opt(&self.outlet), self.source.clone(), opt(&self.cue), self.count.to_string()]
    }
}
impl Tabular for EntityBrief {
    fn columns() -> &'static [&'static str] {
        &["id", "name", "type", "documents"]
    }
    fn cells(&self) -> Vec<String> {
        vec![self.id.to_string(), self.name.clone(), self.kind.clone(), self.documents.to_string()]
    }
}

/// Turn user words into an FTS5 query: each word quoted (so punctuation cannot break the
/// syntax), all required.
pub fn fts_query(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{}\"", w.replace('"', "")))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// Condition keeping one document per near-duplicate cluster.
const CANONICAL: &str = "(d.dup_of IS NULL OR d.dup_of = d.id)";

const QUOTE_SELECT: &str = "SELECT a.id, a.doc_id, d.published, d.source, coalesce(e.name, a.source_text), e.id, a.kind, a.cue, a.content
     FROM attributions a JOIN documents d ON d.id = a.doc_id
     LEFT JOIN doc_entities de ON de.id = a.source LEFT JOIN entities e ON e.id = de.entity_id";

fn quote_row(r: &rusqlite::Row) -> rusqlite::Result<QuoteRow> {
    Ok(QuoteRow {
        id: r.get(0)?,
        doc: r.get(1)?,
        published: r.get(2)?,
        outlet: r.get(3)?,
        speaker: r.get(4)?,
        speaker_id: r.get(5)?,
        kind: r.get(6)?,
        cue: r.get(7)?,
        content: r.get(8)?,
    })
}

/// Events matching `filter` (over `ev` and `d`), by date. The inner query sorts row ids only;
/// names are looked up for the rows kept, not for every candidate.
fn events_sql(filter: &str, limit: usize) -> String {
    format!(
        "SELECT coalesce(ev.date, substr(d.published, 1, 10)), ev.date IS NULL,
           (SELECT e.name FROM doc_entities x JOIN entities e ON e.id = x.entity_id WHERE x.id = ev.actor),
           ev.action,
           (SELECT e.name FROM doc_entities x JOIN entities e ON e.id = x.entity_id WHERE x.id = ev.target),
           (SELECT e.name FROM doc_entities x JOIN entities e ON e.id = x.entity_id WHERE x.id = ev.place),
           ev.doc_id, ev.text
         FROM (SELECT ev.rowid rid FROM events ev JOIN documents d ON d.id = ev.doc_id WHERE {filter} AND {CANONICAL}
               ORDER BY coalesce(ev.date, substr(d.published, 1, 10)), ev.doc_id, ev.start LIMIT {limit}) k
         JOIN events ev ON ev.rowid = k.rid JOIN documents d ON d.id = ev.doc_id
         ORDER BY 1, ev.doc_id, ev.start"
    )
}

fn event_row(r: &rusqlite::Row) -> rusqlite::Result<EventRow> {
    Ok(EventRow {
        date: r.get(0)?,
        date_from_document: r.get(1)?,
        actor: r.get(2)?,
        action: r.get(3)?,
        target: r.get(4)?,
        place: r.get(5)?,
        doc: r.get(6)?,
        evidence: r.get(7)?,
    })
}

fn counted(st: &mut rusqlite::CachedStatement, id: i64) -> Result<Vec<Counted>> {
    let rows = st.query_map([id], |r| Ok(Counted { value: r.get(0)?, count: r.get(1)? }))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

impl Store {
    /// Resolve a user reference to the most-documented matching entity.
    pub fn best_entity(&self, reference: &str, kind: Option<&str>) -> Result<EntityBrief> {
        self.find_entities(reference, kind)?.into_iter().next().ok_or_else(|| Error::NoEntity(reference.to_string()))
    }

    /// Entities by number of documents, optionally of one type or matching a name.
    pub fn entities(&self, kind: Option<&str>, name: Option<&str>, limit: usize) -> Result<Vec<EntityBrief>> {
        if let Some(n) = name {
            let mut v = self.find_entities(n, kind)?;
            v.truncate(limit);
            return Ok(v);
        }
        let mut st = self.conn.prepare_cached(
            "SELECT e.id, e.name, e.type, count(DISTINCT de.doc_id) n FROM entities e JOIN doc_entities de ON de.entity_id = e.id
             WHERE e.deleted = 0 AND (?1 IS NULL OR e.type = ?1) GROUP BY e.id ORDER BY n DESC, e.id LIMIT ?2",
        )?;
        let rows = st.query_map(rusqlite::params![kind, limit as i64], |r| {
            Ok(EntityBrief { id: r.get(0)?, name: r.get(1)?, kind: r.get(2)?, documents: r.get(3)? })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The profile of entity `id`, with at most `limit` rows per list.
    pub fn profile(&self, id: i64, limit: usize) -> Result<Profile> {
        let c = &self.conn;
        let entity = crate::curate::find(c, &id.to_string(), None)?.pop().ok_or_else(|| Error::NoEntity(id.to_string()))?;
        // One pass over the entity's document entities gives names, descriptions, stories
        // and first/last seen (three separate scans cost three times as much at scale).
        let mut names: BTreeMap<String, BTreeSet<i64>> = BTreeMap::new();
        let mut descs: BTreeMap<String, BTreeSet<i64>> = BTreeMap::new();
        let mut stories = BTreeSet::new();
        let (mut first_seen, mut last_seen): (Option<String>, Option<String>) = (None, None);
        {
            let mut st = c.prepare_cached(
                "SELECT de.doc_id, de.name, de.aliases, de.descriptions, coalesce(d.story, d.id), d.published
                 FROM doc_entities de JOIN documents d ON d.id = de.doc_id WHERE de.entity_id = ?1",
            )?;
            let mut rows = st.query([id])?;
            while let Some(r) = rows.next()? {
                let doc: i64 = r.get(0)?;
                names.entry(r.get(1)?).or_default().insert(doc);
                for a in serde_json::from_str::<Vec<String>>(&r.get::<_, String>(2)?)? {
                    names.entry(a).or_default().insert(doc);
                }
                for a in serde_json::from_str::<Vec<String>>(&r.get::<_, String>(3)?)? {
                    descs.entry(a).or_default().insert(doc);
                }
                stories.insert(r.get::<_, i64>(4)?);
                if let Some(p) = r.get::<_, Option<String>>(5)? {
                    if first_seen.is_none() || first_seen.as_ref() > Some(&p) {
                        first_seen = Some(p.clone());
                    }
                    if last_seen.is_none() || last_seen.as_ref() < Some(&p) {
                        last_seen = Some(p);
                    }
                }
            }
        }
        let ranked = |m: BTreeMap<String, BTreeSet<i64>>| {
            let mut v: Vec<Counted> = m.into_iter().map(|(value, d)| Counted { value, count: d.len() as i64 }).collect();
            v.sort_by(|a, b| b.count.cmp(&a.count).then(a.value.cmp(&b.value)));
            v.truncate(limit.max(1));
            v
        };
        let (names, descriptions, stories) = (ranked(names), ranked(descs), stories.len() as i64);
        let relations = {
            let mut st = c.prepare_cached(&format!(
                "SELECT es.name, r.predicate, r.role, eo.name, count(DISTINCT coalesce(d.dup_of, d.id)) k
                 FROM relations r JOIN doc_entities s ON s.id = r.subject JOIN doc_entities o ON o.id = r.object
                 JOIN entities es ON es.id = s.entity_id JOIN entities eo ON eo.id = o.entity_id
                 JOIN documents d ON d.id = r.doc_id
                 WHERE r.rowid IN (SELECT rowid FROM relations WHERE subject IN (SELECT id FROM doc_entities WHERE entity_id = ?1)
                                UNION SELECT rowid FROM relations WHERE object IN (SELECT id FROM doc_entities WHERE entity_id = ?1))
                 GROUP BY es.id, r.role, r.predicate, eo.id ORDER BY k DESC LIMIT {limit}"
            ))?;
            let rows = st.query_map([id], |r| {
                Ok(RelationRow { subject: r.get(0)?, predicate: r.get(1)?, role: r.get(2)?, object: r.get(3)?, count: r.get(4)? })
            })?;
            rows.collect::<rusqlite::Result<Vec<_>>>()?
        };
        let places = counted(
            &mut c.prepare_cached(&format!(
                "SELECT pe.name, count(DISTINCT ev.doc_id) k FROM events ev
                 JOIN doc_entities p ON p.id = ev.place JOIN entities pe ON pe.id = p.entity_id
                 WHERE ev.actor IN (SELECT id FROM doc_entities WHERE entity_id = ?1)
                 GROUP BY pe.id ORDER BY k DESC LIMIT {limit}"
            ))?,
            id,
        )?;
        let documents = {
            let mut st = c.prepare_cached(&format!(
                "SELECT d.id, d.title, d.published, d.source, d.url,
                        (SELECT count(*) FROM documents c WHERE c.dup_of = d.id AND c.id != d.id AND c.current = 1)
                 FROM documents d WHERE d.id IN (SELECT doc_id FROM doc_entities WHERE entity_id = ?1) AND {CANONICAL}
                 ORDER BY d.published DESC, d.id DESC LIMIT {limit}"
            ))?;
            let rows = st.query_map([id], |r| {
                Ok(DocRow { id: r.get(0)?, title: r.get(1)?, published: r.get(2)?, source: r.get(3)?, url: r.get(4)?, copies: r.get(5)? })
            })?;
            rows.collect::<rusqlite::Result<Vec<_>>>()?
        };
        let quotes = self.quotes(&QuoteFilter { speaker: Some(id), limit, ..Default::default() })?;
        let claims_about = {
            let mut st = c.prepare_cached(&format!(
                "{QUOTE_SELECT} WHERE a.id IN (
                   SELECT a2.id FROM doc_entities x JOIN mentions m ON m.doc_entity = x.id
                   JOIN attributions a2 ON a2.doc_id = m.doc_id AND m.start >= a2.content_start AND m.end <= a2.content_end
                   WHERE x.entity_id = ?1)
                 AND (e.id IS NULL OR e.id != ?1) AND {CANONICAL}
                 ORDER BY d.published, a.id LIMIT {limit}"
            ))?;
            let rows = st.query_map([id], quote_row)?;
            rows.collect::<rusqlite::Result<Vec<_>>>()?
        };
        let events = self.timeline(id, limit)?;
        Ok(Profile { entity, names, descriptions, stories, first_seen, last_seen, relations, places, documents, quotes, claims_about, events })
    }

    /// Quotes and claims matching `f`, oldest first.
    pub fn quotes(&self, f: &QuoteFilter) -> Result<Vec<QuoteRow>> {
        let mut cond = Vec::new();
        let mut args: Vec<Value> = Vec::new();
        let arg = |v: Value, args: &mut Vec<Value>| {
            args.push(v);
            format!("?{}", args.len())
        };
        if let Some(s) = f.speaker {
            cond.push(format!("a.source IN (SELECT id FROM doc_entities WHERE entity_id = {})", arg(Value::Integer(s), &mut args)));
        }
        if let Some(s) = &f.speaker_text {
            cond.push(format!("instr(lower(coalesce(e.name, a.source_text)), lower({})) > 0", arg(Value::Text(s.clone()), &mut args)));
        }
        if let Some(s) = &f.outlet {
            cond.push(format!("d.source = {} COLLATE NOCASE", arg(Value::Text(s.clone()), &mut args)));
        }
        if let Some(s) = &f.cue {
            cond.push(format!("a.cue = {} COLLATE NOCASE", arg(Value::Text(s.clone()), &mut args)));
        }
        if let Some(s) = &f.kind {
            cond.push(format!("a.kind = {}", arg(Value::Text(s.clone()), &mut args)));
        }
        if let Some(s) = &f.from {
            cond.push(format!("substr(d.published, 1, 10) >= {}", arg(Value::Text(s.clone()), &mut args)));
        }
        if let Some(s) = &f.to {
            cond.push(format!("substr(d.published, 1, 10) <= {}", arg(Value::Text(s.clone()), &mut args)));
        }
        if let Some(t) = &f.text {
            let q = fts_query(t).ok_or_else(|| Error::Invalid(format!("--text {t:?} has no words to search")))?;
            cond.push(format!("a.id IN (SELECT rowid FROM attributions_fts WHERE attributions_fts MATCH {})", arg(Value::Text(q), &mut args)));
        }
        if !f.copies {
            cond.push(CANONICAL.to_string());
        }
        let where_ = if cond.is_empty() { String::new() } else { format!("WHERE {}", cond.join(" AND ")) };
        let limit = if f.limit == 0 { 100 } else { f.limit };
        let sql = format!("{QUOTE_SELECT} {where_} ORDER BY d.published, a.id LIMIT {limit}");
        let mut st = self.conn.prepare_cached(&sql)?;
        let rows = st.query_map(params_from_iter(args), quote_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Events in which entity `id` is actor, target or place, by date.
    pub fn timeline(&self, id: i64, limit: usize) -> Result<Vec<EventRow>> {
        let mut st = self.conn.prepare_cached(&events_sql(
            "ev.rowid IN (
                SELECT rowid FROM events WHERE actor IN (SELECT id FROM doc_entities WHERE entity_id = ?1)
                UNION SELECT rowid FROM events WHERE target IN (SELECT id FROM doc_entities WHERE entity_id = ?1)
                UNION SELECT rowid FROM events WHERE place IN (SELECT id FROM doc_entities WHERE entity_id = ?1))",
            limit,
        ))?;
        let rows = st.query_map([id], event_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Events of the documents matching a full-text query, by date.
    pub fn timeline_text(&self, text: &str, limit: usize) -> Result<Vec<EventRow>> {
        let q = fts_query(text).ok_or_else(|| Error::Invalid(format!("{text:?} has no words to search")))?;
        let mut st =
            self.conn.prepare_cached(&events_sql("ev.doc_id IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?1)", limit))?;
        let rows = st.query_map([q], event_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Full-text search over titles and texts, best first, copies folded into their canonical.
    pub fn search(&self, text: &str, limit: usize) -> Result<Vec<SearchHit>> {
        let q = fts_query(text).ok_or_else(|| Error::Invalid(format!("{text:?} has no words to search")))?;
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT d.id, d.title, d.published, d.source, d.url,
                    (SELECT count(*) FROM documents c WHERE c.dup_of = d.id AND c.id != d.id AND c.current = 1),
                    snippet(documents_fts, 1, '[', ']', '…', 14)
             FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid
             WHERE documents_fts MATCH ?1 AND d.current = 1 AND {CANONICAL}
             ORDER BY rank LIMIT {limit}"
        ))?;
        let rows = st.query_map([q], |r| {
            Ok(SearchHit {
                doc: DocRow { id: r.get(0)?, title: r.get(1)?, published: r.get(2)?, source: r.get(3)?, url: r.get(4)?, copies: r.get(5)? },
                snippet: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The neighbourhood of entity `id`: entities co-occurring in its documents (weight =
    /// stories) and typed relations (weight = documents), at most `limit` neighbours.
    pub fn graph(&self, id: i64, limit: usize) -> Result<Graph> {
        let c = &self.conn;
        let centre = crate::curate::find(c, &id.to_string(), None)?.pop().ok_or_else(|| Error::NoEntity(id.to_string()))?;
        let mut edges = Vec::new();
        {
            let mut st = c.prepare_cached(&format!(
                "SELECT o.entity_id, count(DISTINCT coalesce(d.story, d.id)) w FROM doc_entities o
                 JOIN documents d ON d.id = o.doc_id
                 JOIN entities e ON e.id = o.entity_id
                 WHERE o.doc_id IN (SELECT doc_id FROM doc_entities WHERE entity_id = ?1) AND o.entity_id != ?1
                   AND e.deleted = 0 AND {CANONICAL}
                 GROUP BY o.entity_id ORDER BY w DESC, o.entity_id LIMIT {limit}"
            ))?;
            for r in st.query_map([id], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))? {
                let (other, w) = r?;
                edges.push(Edge { source: id, target: other, kind: "co-occurrence".into(), weight: w });
            }
        }
        {
            let mut st = c.prepare_cached(&format!(
                "SELECT s.entity_id, o.entity_id, r.role, count(DISTINCT coalesce(d.dup_of, d.id)) w
                 FROM relations r JOIN doc_entities s ON s.id = r.subject JOIN doc_entities o ON o.id = r.object
                 JOIN documents d ON d.id = r.doc_id
                 WHERE (s.entity_id = ?1 OR o.entity_id = ?1) AND r.rowid IN (
                    SELECT rowid FROM relations WHERE subject IN (SELECT id FROM doc_entities WHERE entity_id = ?1)
                    UNION SELECT rowid FROM relations WHERE object IN (SELECT id FROM doc_entities WHERE entity_id = ?1))
                 GROUP BY s.entity_id, o.entity_id, r.role ORDER BY w DESC LIMIT {limit}"
            ))?;
            for r in st.query_map([id], |r| Ok(Edge { source: r.get(0)?, target: r.get(1)?, kind: r.get(2)?, weight: r.get(3)? }))? {
                edges.push(r?);
            }
        }
        edges.sort_by(|a, b| b.weight.cmp(&a.weight).then(a.kind.cmp(&b.kind)).then(a.target.cmp(&b.target)));
        let mut nodes = vec![Node { id, name: centre.name, kind: centre.kind }];
        let mut seen = std::collections::BTreeSet::from([id]);
        let mut st = c.prepare_cached("SELECT name, type FROM entities WHERE id = ?1")?;
        for e in &edges {
            for n in [e.source, e.target] {
                if seen.insert(n) {
                    if let Some((name, kind)) = st.query_row([n], |r| Ok((r.get(0)?, r.get(1)?))).optional()? {
                        nodes.push(Node { id: n, name, kind });
                    }
                }
            }
        }
        Ok(Graph { nodes, edges })
    }

    /// Who cites whom: attributions per outlet, source and cue, most frequent first.
    pub fn sources(&self, outlet: Option<&str>, limit: usize) -> Result<Vec<SourceRow>> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT d.source, coalesce(e.name, a.source_text, '(unnamed)') s, lower(a.cue) cu, count(*) k
             FROM attributions a JOIN documents d ON d.id = a.doc_id
             LEFT JOIN doc_entities de ON de.id = a.source LEFT JOIN entities e ON e.id = de.entity_id
             WHERE {CANONICAL} AND (?1 IS NULL OR d.source = ?1 COLLATE NOCASE)
             GROUP BY d.source, s, cu ORDER BY k DESC, d.source, s, cu LIMIT {limit}"
        ))?;
        let rows = st.query_map([outlet], |r| Ok(SourceRow { outlet: r.get(0)?, source: r.get(1)?, cue: r.get(2)?, count: r.get(3)? }))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// A near-duplicate cluster: its canonical document and the copies.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClusterRow {
    /// The canonical document.
    pub canonical: DocRow,
    /// Outlets of the copies (distinct, comma-separated).
    pub copy_sources: String,
    /// Mean estimated Jaccard similarity of the copies to their canonical.
    pub similarity: f64,
}

impl Tabular for ClusterRow {
    fn columns() -> &'static [&'static str] {
        &["id", "published", "source", "title", "copies", "copy_sources", "similarity"]
    }
    fn cells(&self) -> Vec<String> {
        let d = &self.canonical;
        vec![
            d.id.to_string(),
            opt(&d.published),
            opt(&d.source),
            opt(&d.title),
            d.copies.to_string(),
            self.copy_sources.clone(),
            format!("{:.2}", self.similarity),
        ]
    }
}

impl Store {
    /// Near-duplicate clusters with at least one copy, largest first.
    pub fn duplicates(&self, limit: usize) -> Result<Vec<ClusterRow>> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT d.id, d.title, d.published, d.source, d.url, count(*), group_concat(DISTINCT c.source), avg(c.dup_score)
             FROM documents c JOIN documents d ON d.id = c.dup_of
             WHERE c.id != c.dup_of AND c.current = 1
             GROUP BY d.id ORDER BY count(*) DESC, d.id LIMIT {limit}"
        ))?;
        let rows = st.query_map([], |r| {
            Ok(ClusterRow {
                canonical: DocRow { id: r.get(0)?, title: r.get(1)?, published: r.get(2)?, source: r.get(3)?, url: r.get(4)?, copies: r.get(5)? },
                copy_sources: r.get::<_, Option<String>>(6)?.unwrap_or_default(),
                similarity: r.get::<_, Option<f64>>(7)?.unwrap_or(0.0),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
