//! Writing analyses into the store. One writer, batches of documents per transaction: a
//! crash loses at most the batch in flight, and a rerun skips what was committed because a
//! document is known by its content hash. A known url with new content becomes a new version
//! and the old version's layers are retired. It does not analyse text: callers pass
//! `Analysis` values (from the pipeline or a JSONL file).

use std::collections::HashMap;
use std::time::{Duration, Instant};

use newsgraph_core::Analysis;
use rusqlite::{params, OptionalExtension, Transaction};
use serde::Serialize;

use crate::minhash::Signature;
use crate::{dedup, link, Result, Store};

/// A document that could not be analysed or read: where it came from and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocError {
    /// File (and line or item) of the input.
    pub origin: String,
    /// What went wrong.
    pub message: String,
}

/// How ingest batches its writes.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// Documents per transaction.
    pub batch: usize,
    /// Sleep after each commit (only for the crash test, which needs a slow writer).
    pub pause: Duration,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions { batch: 200, pause: Duration::ZERO }
    }
}

/// What happened to one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Stored as a new document.
    Added,
    /// Stored as a new version of a document with the same url.
    NewVersion,
    /// Already stored (same content): nothing written.
    Unchanged,
}

/// Running totals of an ingest.
#[derive(Debug, Clone, Default, Serialize)]
pub struct IngestSummary {
    /// Inputs seen (analyses and failures).
    pub seen: u64,
    /// New documents.
    pub added: u64,
    /// New versions of known urls.
    pub versions: u64,
    /// Already stored, skipped.
    pub unchanged: u64,
    /// New documents found to be near-duplicates of a stored one.
    pub near_duplicates: u64,
    /// Inputs that failed (recorded in the `errors` table).
    pub failed: u64,
    /// Seconds elapsed.
    pub seconds: f64,
}

/// The stored content hash: 64-bit FNV-1a of the text plus its length in bytes, so a
/// collision would also need equal lengths.
pub fn content_hash(text: &str) -> String {
    format!("{}-{}", newsgraph_core::content_id(text), text.len())
}

impl Store {
    /// Store every analysis of `items`, `opts.batch` documents per transaction, calling
    /// `progress` after each commit. Failed inputs are recorded in the `errors` table.
    pub fn ingest<I>(&mut self, items: I, opts: &IngestOptions, mut progress: impl FnMut(&IngestSummary)) -> Result<IngestSummary>
    where
        I: IntoIterator<Item = Result<Analysis, DocError>>,
    {
        let start = Instant::now();
        let mut sum = IngestSummary::default();
        let mut batch = Vec::with_capacity(opts.batch.max(1));
        let mut items = items.into_iter().peekable();
        while items.peek().is_some() {
            batch.clear();
            batch.extend(items.by_ref().take(opts.batch.max(1)));
            let tx = self.conn.transaction()?;
            for item in batch.drain(..) {
                sum.seen += 1;
                match item {
                    Ok(a) => match write_document(&tx, &a)? {
                        (Outcome::Added, dup) => {
                            sum.added += 1;
                            sum.near_duplicates += dup as u64;
                        }
                        (Outcome::NewVersion, _) => sum.versions += 1,
                        (Outcome::Unchanged, _) => sum.unchanged += 1,
                    },
                    Err(e) => {
                        sum.failed += 1;
                        record_error(&tx, &e)?;
                    }
                }
            }
            tx.commit()?;
            sum.seconds = start.elapsed().as_secs_f64();
            progress(&sum);
            if !opts.pause.is_zero() {
                std::thread::sleep(opts.pause);
            }
        }
        sum.seconds = start.elapsed().as_secs_f64();
        Ok(sum)
    }

    /// Store one analysis in its own transaction.
    pub fn add(&mut self, a: &Analysis) -> Result<Outcome> {
        let tx = self.conn.transaction()?;
        let (out, _) = write_document(&tx, a)?;
        tx.commit()?;
        Ok(out)
    }
}

fn record_error(tx: &Transaction, e: &DocError) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO errors(origin, message) VALUES (?1, ?2)
         ON CONFLICT(origin) DO UPDATE SET message = excluded.message, count = count + 1,
           last_at = strftime('%Y-%m-%dT%H:%M:%SZ','now')",
    )?
    .execute(params![e.origin, e.message])?;
    Ok(())
}

/// Remove the layers of a superseded version (its document row and text stay, so the old
/// content is still recognised as known).
fn retire(tx: &Transaction, doc: i64) -> Result<()> {
    tx.execute(
        "INSERT INTO documents_fts(documents_fts, rowid, title, text) SELECT 'delete', id, title, text FROM document_texts WHERE id = ?1",
        [doc],
    )?;
    tx.execute(
        "INSERT INTO attributions_fts(attributions_fts, rowid, content, source_text)
         SELECT 'delete', id, content, source_text FROM attributions WHERE doc_id = ?1",
        [doc],
    )?;
    for table in ["doc_entities", "mentions", "attributions", "times", "amounts", "relations", "events", "lsh"] {
        tx.execute(&format!("DELETE FROM {table} WHERE doc_id = ?1"), [doc])?;
    }
    tx.execute("UPDATE documents SET current = 0 WHERE id = ?1", [doc])?;
    Ok(())
}

/// Write one analysis; returns its outcome and whether it is a near-duplicate.
pub(crate) fn write_document(tx: &Transaction, a: &Analysis) -> Result<(Outcome, bool)> {
    let d = &a.document;
    let hash = content_hash(&d.text);
    let known: Option<i64> =
        tx.prepare_cached("SELECT id FROM documents WHERE content_hash = ?1")?.query_row([&hash], |r| r.get(0)).optional()?;
    if known.is_some() {
        return Ok((Outcome::Unchanged, false));
    }
    let mut version = 1;
    let mut outcome = Outcome::Added;
    if let Some(url) = d.url.as_deref().filter(|u| !u.is_empty()) {
        let old: Option<(i64, i64)> = tx
            .prepare_cached("SELECT id, version FROM documents WHERE url = ?1 AND current = 1 ORDER BY version DESC LIMIT 1")?
            .query_row([url], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        if let Some((old_id, old_version)) = old {
            retire(tx, old_id)?;
            version = old_version + 1;
            outcome = Outcome::NewVersion;
        }
    }
    // The analysis is kept (without the text, stored once in its column) for JSONL export.
    let mut slim = a.clone();
    slim.document.text = String::new();
    let blob = serde_json::to_vec(&slim)?;
    let sig = Signature::of(&d.text);
    tx.prepare_cached(
        "INSERT INTO documents(doc_key, content_hash, url, title, published, source, language, version, shingles, minhash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        d.id,
        hash,
        d.url,
        d.title,
        d.published,
        d.source,
        d.language,
        version,
        sig.shingles,
        sig.to_bytes()
    ])?;
    let doc = tx.last_insert_rowid();
    tx.prepare_cached("INSERT INTO document_texts(id, title, text, analysis) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![doc, d.title.as_deref().unwrap_or(""), d.text, blob])?;
    tx.prepare_cached("INSERT INTO documents_fts(rowid, title, text) VALUES (?1, ?2, ?3)")?.execute(params![
        doc,
        d.title.as_deref().unwrap_or(""),
        d.text
    ])?;

    // Publication day on each document entity: stories are looked up by entity and day range.
    let day = d.published.as_deref().and_then(dedup::day_number);
    let mut ents: HashMap<&str, i64> = HashMap::with_capacity(a.entities.len());
    let mut to_link = Vec::with_capacity(a.entities.len());
    for e in &a.entities {
        tx.prepare_cached(
            "INSERT INTO doc_entities(doc_id, local_id, type, name, aliases, descriptions, mention_count, day)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?
        .execute(params![
            doc,
            e.id,
            e.kind,
            e.name,
            serde_json::to_string(&e.aliases)?,
            serde_json::to_string(&e.descriptions)?,
            e.mentions.len() as i64,
            day
        ])?;
        let de = tx.last_insert_rowid();
        ents.insert(e.id.as_str(), de);
        let mut m = tx.prepare_cached("INSERT INTO mentions(doc_id, doc_entity, start, end, text) VALUES (?1, ?2, ?3, ?4, ?5)")?;
        for s in &e.mentions {
            m.execute(params![doc, de, s.start, s.end, s.text])?;
        }
        to_link.push(link::DocEntity { row: de, kind: e.kind.clone(), name: e.name.clone(), aliases: e.aliases.clone() });
    }
    link::link_document(tx, &to_link)?;
    let ent = |id: &Option<String>| id.as_deref().and_then(|i| ents.get(i).copied());

    let mut attrs: HashMap<&str, i64> = HashMap::with_capacity(a.attributions.len());
    for at in &a.attributions {
        tx.prepare_cached(
            "INSERT INTO attributions(doc_id, local_id, kind, source, source_text, source_start, source_end, cue, cue_start, cue_end,
               content, content_start, content_end) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        )?
        .execute(params![
            doc,
            at.id,
            at.kind,
            ent(&at.source),
            at.source_text,
            at.source_start,
            at.source_end,
            at.cue,
            at.cue_start,
            at.cue_end,
            at.content,
            at.content_start,
            at.content_end
        ])?;
        let id = tx.last_insert_rowid();
        attrs.insert(at.id.as_str(), id);
        tx.prepare_cached("INSERT INTO attributions_fts(rowid, content, source_text) VALUES (?1, ?2, ?3)")?
            .execute(params![id, at.content, at.source_text])?;
    }
    for t in &a.times {
        tx.prepare_cached("INSERT INTO times(doc_id, text, start, end, type, value, underspecified) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")?
            .execute(params![doc, t.text, t.start, t.end, t.kind, t.value, t.underspecified])?;
    }
    for m in &a.amounts {
        tx.prepare_cached(
            "INSERT INTO amounts(doc_id, text, start, end, value, high, unit, currency, qualifier) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?
        .execute(params![doc, m.text, m.start, m.end, m.value.as_f64(), m.high.as_ref().and_then(|h| h.as_f64()), m.unit, m.currency, m.qualifier])?;
    }
    for r in &a.relations {
        let (Some(s), Some(o)) = (ents.get(r.subject.as_str()), ents.get(r.object.as_str())) else { continue };
        tx.prepare_cached(
            "INSERT INTO relations(doc_id, subject, predicate, role, object, start, end, text) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?
        .execute(params![doc, s, r.predicate, r.role, o, r.evidence.start, r.evidence.end, r.evidence.text])?;
    }
    for e in &a.events {
        tx.prepare_cached(
            "INSERT INTO events(doc_id, actor, action, lemma, target, date, place, attribution, start, end, text)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?
        .execute(params![
            doc,
            ent(&e.actor),
            e.action,
            e.lemma,
            ent(&e.target),
            e.date,
            ent(&e.place),
            e.attribution.as_deref().and_then(|x| attrs.get(x).copied()),
            e.evidence.start,
            e.evidence.end,
            e.evidence.text
        ])?;
    }
    let dup = dedup::assign(tx, doc, &sig, d.published.as_deref())?;
    Ok((outcome, dup))
}

/// A recorded ingest failure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorRow {
    /// File (and line) of the input.
    pub origin: String,
    /// The latest message.
    pub message: String,
    /// How many ingests failed on it.
    pub count: i64,
    /// When it last failed (UTC).
    pub last_at: String,
}

impl crate::query::Tabular for ErrorRow {
    fn columns() -> &'static [&'static str] {
        &["origin", "message", "count", "last_at"]
    }
    fn cells(&self) -> Vec<String> {
        vec![self.origin.clone(), self.message.clone(), self.count.to_string(), self.last_at.clone()]
    }
}

impl Store {
    /// Recorded failures, by origin.
    pub fn errors(&self) -> Result<Vec<ErrorRow>> {
        let mut st = self.conn.prepare("SELECT origin, message, count, last_at FROM errors ORDER BY origin")?;
        let rows = st.query_map([], |r| Ok(ErrorRow { origin: r.get(0)?, message: r.get(1)?, count: r.get(2)?, last_at: r.get(3)? }))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Forget recorded failures; returns how many were removed.
    pub fn clear_errors(&mut self) -> Result<usize> {
        Ok(self.conn.execute("DELETE FROM errors", [])?)
    }
}
