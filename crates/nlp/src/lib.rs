//! Statistical models trained by the project: the averaged perceptron ([`perceptron`]), the
//! part-of-speech tagger and lemmatizer ([`tagger`], [`lemma`]), and named-entity
//! recognition ([`ner`]), with the corpus readers that train them ([`corpus`]) and the
//! pipeline stages that run them on a `Doc` ([`stage`]).
#![deny(missing_docs)]

pub mod casing;
pub mod clusters;
pub mod container;
pub mod corpus;
pub mod gazetteer;
mod error;
pub mod hash;
pub mod lemma;
pub mod ner;
pub mod ner_data;
pub mod parser;
pub mod perceptron;
pub mod stage;
pub mod tagger;
pub mod word;

pub use error::Error;
pub use perceptron::ModelFile;
pub use ner::Ner;
pub use stage::{default_models_dir, Models, NerStage, TagStage};
pub use tagger::Tagger;
