//! The newsgraph corpus store: analyses of many documents in one SQLite file, linked across
//! documents, de-duplicated, searchable and exportable.
//!
//! A [`Store`] is opened on a file ([`Store::open`]); [`Store::ingest`] writes a stream of
//! [`newsgraph_core::Analysis`] values in batched transactions (idempotent by content hash,
//! versioned by url), links each document entity to a corpus entity (`link`), assigns
//! near-duplicate clusters and stories (`dedup`, [`minhash`]), and records failures. Queries
//! live in [`query`], curation in [`curate`], exports in [`export`], and the generated
//! benchmark corpora (perturbed copies for duplicate detection, synthetic analyses for speed
//! at scale) in [`bench`]. Text analysis is not done here: callers pass analyses.
//!
//! ```
//! use newsgraph_core::{Analysis, Doc, Meta};
//! use newsgraph_store::Store;
//! let mut store = Store::open_in_memory().unwrap();
//! let a = Analysis::from_doc(&Doc::new(Meta::default(), "Putin spoke.".into()));
//! store.add(&a).unwrap();
//! store.add(&a).unwrap(); // same content: nothing changes
//! assert_eq!(store.counts().unwrap().documents, 1);
//! ```
#![deny(missing_docs)]

pub mod bench;
pub mod curate;
mod dedup;
pub mod document;
mod error;
pub mod export;
mod ingest;
mod jsonl;
mod link;
pub mod minhash;
pub mod normalize;
pub mod query;
mod schema;
mod store;

pub use error::{Error, Result};
pub use curate::{Curation, EntityBrief, EntityRef};
pub use document::StoredDocument;
pub use ingest::{content_hash, DocError, ErrorRow, IngestOptions, IngestSummary, Outcome};
pub use jsonl::read_analyses;
pub use query::{QuoteFilter, Tabular};
pub use store::{Counts, Store};
