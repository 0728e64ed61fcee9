//! The store's error type. Messages name the database file or the input and say what to do.

/// What went wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// SQLite failed.
    #[error("database error: {0}")]
    Sql(#[from] rusqlite::Error),
    /// JSON (de)serialisation failed.
    #[error("JSON error: {0}")]
    Json(#[from] serde_json::Error),
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The OS error.
        source: std::io::Error,
    },
    /// The database was written by a newer newsgraph.
    #[error("{path}: store schema version {found} is newer than this program knows ({known}); upgrade newsgraph")]
    TooNew {
        /// The database file.
        path: String,
        /// Version found in the file.
        found: i64,
        /// Latest version this build knows.
        known: i64,
    },
    /// A user-supplied reference (entity name or id) matched nothing.
    #[error("no entity matches {0:?}; try `newsgraph query entities --name ...` to list candidates")]
    NoEntity(String),
    /// A reference matched several entities.
    #[error("{reference:?} is ambiguous: matches {candidates}; use the numeric id")]
    Ambiguous {
        /// What the user typed.
        reference: String,
        /// A short list of `id name (type)` candidates.
        candidates: String,
    },
    /// Invalid argument.
    #[error("{0}")]
    Invalid(String),
    /// CSV writing failed.
    #[error("CSV error: {0}")]
    Csv(#[from] csv::Error),
}

/// Result with the store's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub(crate) fn io(path: impl std::fmt::Display, source: std::io::Error) -> Error {
        Error::Io { path: path.to_string(), source }
    }
}
