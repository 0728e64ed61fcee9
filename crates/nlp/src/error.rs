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
    /// A model file in another format version than this build reads.
    #[error("{what}: model format {found}, but this build of newsgraph reads format {expected}; {}", format_advice(*.found, *.expected, .retrain))]
    Format {
        /// Which file or model.
        what: String,
        /// The file's format version.
        found: u32,
        /// The version this build reads.
        expected: u32,
        /// The command that retrains the model.
        retrain: &'static str,
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

/// What to do about a model of another format: a newer file wants a newer build, an older
/// one a retraining.
fn format_advice(found: u32, expected: u32, retrain: &str) -> String {
    if found > expected {
        "the file is newer than this build: rebuild newsgraph (`cargo build --release`)".to_string()
    } else {
        format!("the file is older than this build: retrain it with `{retrain}` or restore it from the repository")
    }
}
