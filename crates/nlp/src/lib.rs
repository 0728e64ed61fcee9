//! Statistical models trained by the project (averaged perceptron, tagger, NER, parser).
#![deny(missing_docs)]
