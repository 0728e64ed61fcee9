//! The analysis pipeline as one value: [`Analyzer`] cleans a [`RawDoc`], runs every stage in
//! data-flow order and returns the [`Analysis`]. The CLI (`analyze`, `ingest`) and the server
//! share it, so that every entry point analyses documents the same way. It reads no files and
//! prints nothing.
//!
//! ```
//! use newsgraph_pipeline::{Analyzer, Options};
//! use newsgraph_text::read::RawDoc;
//! let analyzer = Analyzer::new(&Options { models: None, ..Options::default() }).unwrap();
//! let raw = RawDoc { body: "Lukashenko spoke on Friday.".into(), ..RawDoc::default() };
//! let analysis = analyzer.analyze(raw).unwrap();
//! assert_eq!(analysis.document.text, "Lukashenko spoke on Friday.");
//! ```
#![deny(missing_docs)]

use newsgraph_nlp::ModelFile;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use newsgraph_core::{Analysis, Doc, Pipeline};
use newsgraph_extract::attribution::Attributor;
use newsgraph_extract::amounts::AmountTagger;
use newsgraph_extract::events::Events;
use newsgraph_extract::places::{Places, PlacesError, PLACES_FILE};
use newsgraph_extract::relations::Relations;
use newsgraph_extract::resolve::Resolver;
use newsgraph_extract::time::TimeTagger;
use newsgraph_nlp::parser::vote::Vote;
use newsgraph_nlp::parser::{ParseStage, Parser};
use newsgraph_nlp::Models;
use newsgraph_text::clean::Cleaner;
use newsgraph_text::read::RawDoc;
use newsgraph_text::Segmenter;

/// How to build an [`Analyzer`].
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Directory of trained models; `None` runs without the statistical stages (no tags, no
    /// entities), which tests and `--no-models` use.
    pub models: Option<PathBuf>,
    /// Publication date for documents that carry none (`YYYY-MM-DD`).
    pub published: Option<String>,
    /// Add the token and sentence layers to each analysis.
    pub tokens: bool,
    /// Parser model files instead of the models directory's `parser.bin` (for instance
    /// `models/parser-beam.bin`, the slower beam-search parser); with several, they vote.
    pub parser: Vec<PathBuf>,
}

/// Why an analyzer could not be built or a document not analysed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The models could not be loaded.
    // Not `#[from]`: a source would make `{:#}` print the inner message twice.
    #[error("loading models: {0}")]
    Models(newsgraph_nlp::Error),
    /// The parser model could not be loaded.
    // The error names the file already.
    #[error("loading the parser: {error} (give a file written by `newsgraph train parser`, such as models/parser.bin or models/parser-beam.bin)")]
    Parser {
        /// The parser file.
        path: PathBuf,
        /// Why it could not be loaded.
        error: newsgraph_nlp::Error,
    },
    /// The GeoNames place index could not be loaded.
    #[error("loading the places index: {0}")]
    Places(PlacesError),
    /// A stage panicked on this document (a bug: the batch goes on without it).
    #[error("{origin}: internal error while analysing ({message}); please report it with this document")]
    Internal {
        /// Where the document came from.
        origin: String,
        /// The panic message.
        message: String,
    },
}

impl From<newsgraph_nlp::Error> for Error {
    fn from(e: newsgraph_nlp::Error) -> Self {
        Error::Models(e)
    }
}

impl From<PlacesError> for Error {
    fn from(e: PlacesError) -> Self {
        Error::Places(e)
    }
}

/// Cleans and analyses documents. Build once; share across threads.
pub struct Analyzer {
    cleaner: Cleaner,
    pipeline: Pipeline,
    options: Options,
}

/// File name of the parser model inside a models directory.
pub const PARSER_FILE: &str = "parser.bin";

/// The parsers `files` name (voting when there are several), or the models directory's
/// `parser.bin` when none is named; `None` when none is named and `dir` has no parser.
pub fn load_parsers(dir: &Path, files: &[PathBuf]) -> Result<Option<Vote>, Error> {
    let default = dir.join(PARSER_FILE);
    let files = match files {
        [] if default.exists() => std::slice::from_ref(&default),
        [] => return Ok(None),
        named => named,
    };
    let mut parsers = Vec::with_capacity(files.len());
    for path in files {
        parsers.push(Parser::load(path).map_err(|error| Error::Parser { path: path.clone(), error })?);
    }
    Ok(Vote::new(parsers))
}

impl Analyzer {
    /// Build the pipeline, loading models when `options.models` is set.
    pub fn new(options: &Options) -> Result<Self, Error> {
        let mut pipeline = Pipeline::new();
        pipeline.push(Segmenter);
        if let Some(dir) = &options.models {
            let models = Models::load(dir)?;
            pipeline.push(models.tag_stage());
            if let Some(parsers) = load_parsers(dir, &options.parser)? {
                pipeline.push(ParseStage::vote(parsers));
            }
            pipeline.push(models.ner_stage());
        }
        pipeline.push(TimeTagger::new());
        pipeline.push(AmountTagger::new());
        pipeline.push(Resolver);
        // The learned attribution tagger joins the rules when models/attribution.bin exists.
        pipeline.push(match &options.models {
            Some(dir) => Attributor::load(dir)?,
            None => Attributor::new(),
        });
        pipeline.push(Relations::new());
        if let Some(dir) = &options.models {
            if dir.join(PLACES_FILE).exists() {
                pipeline.push(Places::load(dir)?);
            }
        }
        pipeline.push(Events);
        Ok(Analyzer { cleaner: Cleaner::new(), pipeline, options: options.clone() })
    }

    /// The stage names, in order.
    pub fn stages(&self) -> Vec<&'static str> {
        self.pipeline.names()
    }

    /// Run the stages on an already cleaned `Doc`, adding each stage's time to `seconds`
    /// (one slot per name of [`Analyzer::stages`]).
    pub fn run_timed(&self, doc: &mut Doc, seconds: &mut [f64]) {
        self.pipeline.run_timed(doc, seconds);
    }

    /// Run the stages on an already cleaned `Doc`.
    pub fn run(&self, doc: &mut Doc) {
        self.pipeline.run(doc);
    }

    /// Clean and analyse one document. A panic inside a stage becomes an error for this
    /// document only.
    pub fn analyze(&self, raw: RawDoc) -> Result<Analysis, Error> {
        let origin = raw.meta.origin.clone().unwrap_or_else(|| "<input>".into());
        catch_unwind(AssertUnwindSafe(|| {
            let mut doc = self.cleaner.clean(raw);
            if doc.meta.published.is_none() {
                doc.meta.published = self.options.published.clone();
            }
            self.run(&mut doc);
            let analysis = Analysis::from_doc(&doc);
            if self.options.tokens { analysis.with_tokens(&doc) } else { analysis }
        }))
        .map_err(|panic| Error::Internal {
            origin,
            message: panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "panic".into()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn analyzer_is_shareable_across_threads() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Analyzer>();
    }

    #[test]
    fn fills_published_from_options() {
        let a = Analyzer::new(&Options { published: Some("2023-06-30".into()), ..Options::default() }).unwrap();
        let out = a.analyze(RawDoc { body: "Text.".into(), ..RawDoc::default() }).unwrap();
        assert_eq!(out.document.published.as_deref(), Some("2023-06-30"));
    }
}
