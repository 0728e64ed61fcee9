//! Sentence and token segmentation (placeholder: whitespace and punctuation splitting; the
//! real segmenter replaces it).

use newsgraph_core::{Doc, Sentence, Span, Stage};

/// Splits `Doc::text` into tokens and sentences.
#[derive(Debug, Default, Clone)]
pub struct Segmenter;

impl Stage for Segmenter {
    fn name(&self) -> &'static str {
        "segment"
    }
    fn process(&self, doc: &mut Doc) {
        let text = &doc.text;
        let mut start = None;
        for (i, c) in text.char_indices() {
            if c.is_alphanumeric() {
                start.get_or_insert(i);
                continue;
            }
            if let Some(s) = start.take() {
                doc.tokens.push(Span::new(s, i));
            }
            if !c.is_whitespace() {
                doc.tokens.push(Span::new(i, i + c.len_utf8()));
            }
        }
        if let Some(s) = start {
            doc.tokens.push(Span::new(s, text.len()));
        }
        doc.sentences.push(Sentence { first: 0, end: doc.tokens.len() as u32, paragraph_start: true });
    }
}
