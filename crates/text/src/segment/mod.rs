//! Segmentation: tokens ([`tokenize`]) then sentences ([`sentences`]), as one pipeline stage.
//! Offsets are byte spans into `Doc::text`; nothing is copied. The conventions follow the UD
//! English treebanks the models are trained on; [`eval`] measures that on CoNLL-U files.

pub mod eval;
mod lexicon;
mod sentences;
mod tokenize;

use newsgraph_core::{Doc, Stage};

pub use tokenize::{is_abbreviation, tokenize};

/// Splits `Doc::text` into tokens and sentences (replacing any earlier segmentation).
#[derive(Debug, Default, Clone, Copy)]
pub struct Segmenter;

impl Segmenter {
    /// Segment `text` into fresh token and sentence vectors.
    pub fn segment_into(&self, text: &str, tokens: &mut Vec<newsgraph_core::Token>, sentences: &mut Vec<newsgraph_core::Sentence>) {
        tokens.clear();
        sentences.clear();
        // News text has a token every five to six bytes: reserve once instead of regrowing.
        tokens.reserve(text.len() / 5);
        sentences.reserve(text.len() / 120);
        tokenize::tokenize(text, tokens);
        sentences::split(text, tokens, sentences);
    }
}

impl Stage for Segmenter {
    fn name(&self) -> &'static str {
        "segment"
    }
    fn process(&self, doc: &mut Doc) {
        let (mut tokens, mut sentences) = (std::mem::take(&mut doc.tokens), std::mem::take(&mut doc.sentences));
        self.segment_into(&doc.text, &mut tokens, &mut sentences);
        doc.tokens = tokens;
        doc.sentences = sentences;
    }
}
