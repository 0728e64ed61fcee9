//! The [`Store`]: one SQLite file opened in WAL mode and migrated to the current schema.
//! Ingest, linking, queries and exports are methods defined in their own modules.

use std::path::Path;

use rusqlite::{Connection, OpenFlags};
use serde::Serialize;

use crate::{schema, Error, Result};

/// A corpus store backed by one SQLite database.
pub struct Store {
    pub(crate) conn: Connection,
    pub(crate) path: String,
}

/// Row counts of the main tables.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Current document versions.
    pub documents: i64,
    /// All stored versions, including superseded ones.
    pub versions: i64,
    /// Near-duplicate clusters among current documents (documents counted once per cluster).
    pub clusters: i64,
    /// Stories among current documents.
    pub stories: i64,
    /// Corpus entities (not deleted) that have at least one document.
    pub entities: i64,
    /// Document entities.
    pub doc_entities: i64,
    /// Mentions.
    pub mentions: i64,
    /// Attributions (quotes and claims).
    pub attributions: i64,
    /// Time expressions.
    pub times: i64,
    /// Amounts.
    pub amounts: i64,
    /// Relations.
    pub relations: i64,
    /// Events.
    pub events: i64,
    /// Documents that failed.
    pub errors: i64,
}

impl Store {
    /// Open (or create) the store at `path`, in WAL mode, migrating the schema if needed.
    pub fn open(path: &Path) -> Result<Store> {
        let name = path.display().to_string();
        let conn = Connection::open(path).map_err(|e| Error::Invalid(format!("{name}: cannot open the store: {e}")))?;
        Self::setup(conn, name)
    }

    /// Open an existing store read-only (queries and exports); fails when it does not exist.
    pub fn open_read_only(path: &Path) -> Result<Store> {
        let name = path.display().to_string();
        if !path.exists() {
            return Err(Error::Invalid(format!("{name}: no such store; create it with `newsgraph ingest --db {name} ...`")));
        }
        let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
            .map_err(|e| Error::Invalid(format!("{name}: cannot open the store: {e}")))?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        // Memory-mapped reads: queries that hop between many rows avoid a syscall per page.
        let _: Option<i64> = conn.query_row("PRAGMA mmap_size = 1073741824", [], |r| r.get(0)).ok();
        conn.pragma_update(None, "cache_size", -64000)?;
        let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if found != schema::VERSION {
            return Err(Error::Invalid(format!(
                "{name}: store schema version {found}, this program uses {}; open it once with `newsgraph ingest` to migrate",
                schema::VERSION
            )));
        }
        Ok(Store { conn, path: name })
    }

    /// A private in-memory store (tests, benchmarks).
    pub fn open_in_memory() -> Result<Store> {
        Self::setup(Connection::open_in_memory()?, ":memory:".into())
    }

    fn setup(mut conn: Connection, path: String) -> Result<Store> {
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        // WAL: readers never block the writer; synchronous=NORMAL keeps every committed
        // transaction across a process crash (kill -9), which is the guarantee ingest gives.
        let _mode: String = conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "cache_size", -64000)?;
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        let _: Option<i64> = conn.query_row("PRAGMA mmap_size = 1073741824", [], |r| r.get(0)).ok();
        schema::migrate(&mut conn, &path)?;
        Ok(Store { conn, path })
    }

    /// The database file name, for messages.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The underlying connection, for ad-hoc SQL by advanced users and tests.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// Row counts.
    pub fn counts(&self) -> Result<Counts> {
        let one = |sql: &str| -> Result<i64> { Ok(self.conn.query_row(sql, [], |r| r.get(0))?) };
        Ok(Counts {
            documents: one("SELECT count(*) FROM documents WHERE current = 1")?,
            versions: one("SELECT count(*) FROM documents")?,
            clusters: one("SELECT count(DISTINCT coalesce(dup_of, id)) FROM documents WHERE current = 1")?,
            stories: one("SELECT count(DISTINCT coalesce(story, id)) FROM documents WHERE current = 1")?,
            entities: one(
                "SELECT count(*) FROM entities e WHERE deleted = 0 AND EXISTS (SELECT 1 FROM doc_entities d WHERE d.entity_id = e.id)",
            )?,
            doc_entities: one("SELECT count(*) FROM doc_entities")?,
            mentions: one("SELECT count(*) FROM mentions")?,
            attributions: one("SELECT count(*) FROM attributions")?,
            times: one("SELECT count(*) FROM times")?,
            amounts: one("SELECT count(*) FROM amounts")?,
            relations: one("SELECT count(*) FROM relations")?,
            events: one("SELECT count(*) FROM events")?,
            errors: one("SELECT count(*) FROM errors")?,
        })
    }

    /// Size of the database file(s) in bytes (main file plus WAL).
    pub fn size_bytes(&self) -> u64 {
        let main = std::fs::metadata(&self.path).map(|m| m.len()).unwrap_or(0);
        let wal = std::fs::metadata(format!("{}-wal", self.path)).map(|m| m.len()).unwrap_or(0);
        main + wal
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fts5_is_compiled_in_and_schema_migrates() {
        let s = Store::open_in_memory().unwrap();
        let v: i64 = s.conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(v, schema::VERSION);
        s.conn.execute("INSERT INTO documents_fts(rowid, title, text) VALUES (1, 't', 'hello world')", []).unwrap();
        let n: i64 = s.conn.query_row("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'hello'", [], |r| r.get(0)).unwrap();
        assert_eq!(n, 1);
    }

    #[test]
    fn reopening_does_not_remigrate() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.db");
        drop(Store::open(&p).unwrap());
        let s = Store::open(&p).unwrap();
        assert_eq!(s.counts().unwrap().documents, 0);
        let mode: String = s.conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
        assert_eq!(mode, "wal");
    }
}
