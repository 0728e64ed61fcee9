//! The document model every newsgraph stage shares, and the analysis JSON it turns into.
//!
//! A [`Doc`] owns the cleaned text and one array per layer (tokens, sentences, tags, parse,
//! entity mentions, times, amounts, attributions, relations, events). Stages implement
//! [`Stage`]: each reads the `Doc` and fills its own layer, never rewriting another's. A
//! [`Pipeline`] is an ordered list of stages. [`Analysis::from_doc`] turns a finished `Doc`
//! into the public contract of `docs/analysis-schema.md`, converting the internal byte
//! offsets into Unicode code-point offsets.
//!
//! ```
//! use newsgraph_core::{Doc, Meta, Analysis};
//! let doc = Doc::new(Meta::default(), "Putin spoke.".to_string());
//! let analysis = Analysis::from_doc(&doc);
//! assert_eq!(analysis.document.text, "Putin spoke.");
//! ```
#![deny(missing_docs)]

pub mod analysis;
mod doc;
mod offsets;
mod stage;
pub mod tagsets;

pub use analysis::{content_id, Analysis, SCHEMA};
pub use doc::*;
pub use offsets::CharIndex;
pub use stage::{Pipeline, Stage};
