//! Errors of the nlp crate: loading models and reading training data.

use std::path::PathBuf;

/// What can go wrong loading a model or reading a corpus.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read or written. The OS error is part of the message, not a
    /// separate source, so that error chains do not print it twice.
    #[error("{path}: {cause}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The OS error.
        cause: std::io::Error,
    },
    /// A model file is not a valid model.
    #[error("{what}: not a valid newsgraph model ({message}); retrain it with `newsgraph train` or restore it from the repository")]
    Decode {
        /// Which file or model.
        what: String,
        /// The decoder's message.
        message: String,
    },
    /// A model could not be encoded.
    #[error("encoding a model: {0}")]
    Encode(String),
    /// The models directory is missing.
    #[error("models directory {0} not found: set NEWSGRAPH_MODELS to the folder holding tagger.bin and ner.bin")]
    NoModels(PathBuf),
    /// A corpus file is malformed.
    #[error("{path}:{line}: {message}")]
    Corpus {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// No training data was found where it was expected.
    #[error("no training data: {0}")]
    NoData(String),
}

impl Error {
    /// An I/O error on `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io { path: path.into(), cause: source }
    }
}
