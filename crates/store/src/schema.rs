//! The SQLite schema and its migrations, versioned with `PRAGMA user_version`. Each migration
//! runs in one transaction, so a crash leaves the database at the previous version. It does
//! not hold queries: those live beside the code that uses them.

use rusqlite::Connection;

use crate::{Error, Result};

/// Migrations in order; `MIGRATIONS[i]` takes the schema from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[r#"
CREATE TABLE documents(
  id INTEGER PRIMARY KEY,
  doc_key TEXT NOT NULL,
  content_hash TEXT NOT NULL UNIQUE,
  url TEXT, title TEXT, published TEXT, source TEXT, language TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  current INTEGER NOT NULL DEFAULT 1,
  shingles INTEGER NOT NULL DEFAULT 0,
  minhash BLOB,
  dup_of INTEGER,
  dup_score REAL,
  story INTEGER,
  ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX documents_url ON documents(url) WHERE url IS NOT NULL;
CREATE INDEX documents_published ON documents(published);
CREATE INDEX documents_dup ON documents(dup_of);
CREATE INDEX documents_story ON documents(story);
CREATE INDEX documents_source ON documents(source);
-- Texts and analyses apart, so that document rows stay small and queries that join many of
-- them read few pages.
CREATE TABLE document_texts(
  id INTEGER PRIMARY KEY,
  title TEXT,
  text TEXT NOT NULL,
  analysis BLOB NOT NULL
);

CREATE TABLE entities(
  id INTEGER PRIMARY KEY,
  type TEXT NOT NULL,
  class TEXT NOT NULL,
  name TEXT NOT NULL,
  name_locked INTEGER NOT NULL DEFAULT 0,
  deleted INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX entities_name ON entities(name COLLATE NOCASE);
CREATE TABLE entity_keys(
  class TEXT NOT NULL, key TEXT NOT NULL, entity_id INTEGER NOT NULL,
  PRIMARY KEY(class, key, entity_id)
) WITHOUT ROWID;
CREATE INDEX entity_keys_entity ON entity_keys(entity_id);

CREATE TABLE doc_entities(
  id INTEGER PRIMARY KEY,
  doc_id INTEGER NOT NULL,
  local_id TEXT NOT NULL,
  type TEXT NOT NULL,
  name TEXT NOT NULL,
  aliases TEXT NOT NULL,
  descriptions TEXT NOT NULL,
  mention_count INTEGER NOT NULL,
  entity_id INTEGER,
  day INTEGER
);
CREATE INDEX doc_entities_doc ON doc_entities(doc_id);
CREATE INDEX doc_entities_entity ON doc_entities(entity_id, doc_id);
CREATE INDEX doc_entities_day ON doc_entities(entity_id, day);

CREATE TABLE mentions(
  doc_id INTEGER NOT NULL, doc_entity INTEGER NOT NULL,
  start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL
);
CREATE INDEX mentions_doc ON mentions(doc_id, start);
CREATE INDEX mentions_entity ON mentions(doc_entity);

CREATE TABLE attributions(
  id INTEGER PRIMARY KEY,
  doc_id INTEGER NOT NULL, local_id TEXT NOT NULL, kind TEXT NOT NULL,
  source INTEGER, source_text TEXT, source_start INTEGER, source_end INTEGER,
  cue TEXT, cue_start INTEGER, cue_end INTEGER,
  content TEXT NOT NULL, content_start INTEGER NOT NULL, content_end INTEGER NOT NULL
);
CREATE INDEX attributions_doc ON attributions(doc_id);
CREATE INDEX attributions_source ON attributions(source);
CREATE INDEX attributions_cue ON attributions(cue);

CREATE TABLE times(
  doc_id INTEGER NOT NULL, text TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
  type TEXT NOT NULL, value TEXT NOT NULL, underspecified INTEGER NOT NULL
);
CREATE INDEX times_doc ON times(doc_id);
CREATE TABLE amounts(
  doc_id INTEGER NOT NULL, text TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
  value REAL, high REAL, unit TEXT, currency TEXT, qualifier TEXT
);
CREATE INDEX amounts_doc ON amounts(doc_id);
CREATE TABLE relations(
  doc_id INTEGER NOT NULL, subject INTEGER NOT NULL, predicate TEXT NOT NULL, role TEXT NOT NULL,
  object INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL
);
CREATE INDEX relations_doc ON relations(doc_id);
CREATE INDEX relations_subject ON relations(subject);
CREATE INDEX relations_object ON relations(object);
CREATE TABLE events(
  doc_id INTEGER NOT NULL, actor INTEGER, action TEXT NOT NULL, lemma TEXT NOT NULL,
  target INTEGER, date TEXT, place INTEGER, attribution INTEGER,
  start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL
);
CREATE INDEX events_doc ON events(doc_id);
CREATE INDEX events_actor ON events(actor);
CREATE INDEX events_target ON events(target);
CREATE INDEX events_place ON events(place);

CREATE TABLE lsh(h INTEGER NOT NULL, doc_id INTEGER NOT NULL, PRIMARY KEY(h, doc_id)) WITHOUT ROWID;

CREATE TABLE curation(
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  op TEXT NOT NULL,
  args TEXT NOT NULL
);

CREATE TABLE errors(
  origin TEXT PRIMARY KEY,
  message TEXT NOT NULL,
  count INTEGER NOT NULL DEFAULT 1,
  first_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  last_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);

CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='document_texts', content_rowid='id');
CREATE VIRTUAL TABLE attributions_fts USING fts5(content, source_text, content='attributions', content_rowid='id');
"#];

/// The schema version this build writes.
pub const VERSION: i64 = MIGRATIONS.len() as i64;

/// Bring `conn` to [`VERSION`], refusing databases from a newer build.
pub(crate) fn migrate(conn: &mut Connection, path: &str) -> Result<()> {
    let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found > VERSION {
        return Err(Error::TooNew { path: path.to_string(), found, known: VERSION });
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
        tx.commit()?;
    }
    Ok(())
}
