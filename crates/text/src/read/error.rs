//! [`ReadError`]: every way an input can fail to become a document. Each message is one line
//! that names the file (and line or item), says what is wrong and what to do about it.

/// Why an input (or one record of it) could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The path could not be opened or read (missing, permission denied, ...).
    #[error("{path}: cannot read: {source} (check that the path exists and is readable)")]
    Io {
        /// The file.
        path: String,
        /// The OS error.
        source: std::io::Error,
    },
    /// The file is empty or holds only whitespace.
    #[error("{path}: empty file, nothing to analyse (remove it from the input)")]
    Empty {
        /// The file.
        path: String,
    },
    /// The file holds binary data (NUL bytes, many control characters).
    #[error("{path}: binary file, not text (give a text, HTML, JSONL or feed file)")]
    Binary {
        /// The file.
        path: String,
    },
    /// The bytes are not UTF-8 and no declared or plausible encoding decodes them.
    #[error("{path}: undecodable text: not UTF-8 and no usable encoding declared (convert it to UTF-8, e.g. with iconv)")]
    Undecodable {
        /// The file.
        path: String,
    },
    /// One document is bigger than `ReadOptions::max_bytes`.
    #[error("{path}: too large: {size} bytes, the limit for one document is {limit} bytes (split it, or use JSONL with one document per line)")]
    TooLarge {
        /// The file (and line for JSONL).
        path: String,
        /// Its size in bytes (a lower bound when the size was unknown beforehand).
        size: u64,
        /// The limit in force.
        limit: u64,
    },
    /// An HTML page with no usable text (truncated, or only markup).
    #[error("{path}: no article text found in the HTML{detail} (check that the page is complete)")]
    NoText {
        /// The file (or feed item).
        path: String,
        /// Extra detail, e.g. " (the file looks truncated)".
        detail: String,
    },
    /// A feed that is not well-formed XML or not RSS/Atom.
    #[error("{path}: malformed XML feed: {problem} (check that the file is a complete RSS 2.0 or Atom document)")]
    Feed {
        /// The file.
        path: String,
        /// What the XML parser found.
        problem: String,
    },
    /// One JSONL line that is not a JSON object with a text field.
    #[error("{path}:{line}: malformed JSONL line: {problem} (each line must be a JSON object with a \"text\" field)")]
    Jsonl {
        /// The file.
        path: String,
        /// 1-based line number.
        line: u64,
        /// What is wrong.
        problem: String,
    },
}
