//! Getting text into a [`newsgraph_core::Doc`]: reading input formats, cleaning, segmenting.
//!
//! - [`conllu`] reads CoNLL-U treebanks (training and evaluation data, not news input).
//! - [`segment`] splits a document into sentences and UD/PTB-style tokens with offsets.
#![deny(missing_docs)]

pub mod clean;
pub mod conllu;
pub mod read;
pub mod segment;
mod swar;

pub use segment::Segmenter;
