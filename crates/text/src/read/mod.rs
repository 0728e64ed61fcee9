//! Reading inputs into [`RawDoc`]s: files, directories, stdin. (Initial version: plain text
//! only; HTML, JSONL, feeds and encodings are to come.)

use std::path::{Path, PathBuf};

use newsgraph_core::Meta;

/// A document as read, before cleaning: metadata and the body as plain text, paragraphs
/// separated by blank lines.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawDoc {
    /// Metadata found in the input.
    pub meta: Meta,
    /// The body text.
    pub body: String,
}

/// Why an input could not be read. The message names the file (and line) and the problem.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The file could not be opened or read.
    #[error("{path}: cannot read: {source}")]
    Io {
        /// The file.
        path: String,
        /// The OS error.
        source: std::io::Error,
    },
    /// The file is empty.
    #[error("{path}: empty file")]
    Empty {
        /// The file.
        path: String,
    },
}

/// Read one plain-text file.
pub fn read_file(path: &Path) -> Result<RawDoc, ReadError> {
    let name = path.display().to_string();
    let body = std::fs::read_to_string(path).map_err(|source| ReadError::Io { path: name.clone(), source })?;
    if body.trim().is_empty() {
        return Err(ReadError::Empty { path: name });
    }
    Ok(RawDoc { meta: Meta { origin: Some(name), ..Default::default() }, body })
}

/// Read every input path in order.
pub fn read_paths(paths: &[PathBuf]) -> impl Iterator<Item = Result<RawDoc, ReadError>> + '_ {
    paths.iter().map(|p| read_file(p))
}
