//! The dependency parse of a document as child lists: for each token, its dependents in
//! text order, built once per document by a counting sort over the heads (O(n)). Events and
//! attribution both walk the parse downwards; this is the one index they share. It keeps
//! no labels: callers read `Doc::tags` for relations.

use newsgraph_core::Doc;

/// Child lists of a parsed document.
pub(crate) struct Children {
    /// Children of token `i`: `kids[start[i]..start[i + 1]]`, in text order.
    start: Vec<u32>,
    kids: Vec<u32>,
}

impl Children {
    /// Index the heads of `doc.tags` (heads outside the document, such as the root's, have
    /// no parent here).
    pub(crate) fn new(doc: &Doc) -> Self {
        let n = doc.tags.len();
        let head = |i: usize| doc.tags[i].head as usize;
        let mut start = vec![0u32; n + 1];
        for i in 0..n {
            if head(i) < n {
                start[head(i) + 1] += 1;
            }
        }
        for i in 0..n {
            start[i + 1] += start[i];
        }
        let mut fill = start.clone();
        let mut kids = vec![0u32; start[n] as usize];
        for i in 0..n {
            if head(i) < n {
                kids[fill[head(i)] as usize] = i as u32;
                fill[head(i)] += 1;
            }
        }
        Children { start, kids }
    }

    /// The dependents of token `i`, in text order.
    pub(crate) fn of(&self, i: usize) -> &[u32] {
        &self.kids[self.start[i] as usize..self.start[i + 1] as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsgraph_core::{Meta, Span, TokenTags};

    #[test]
    fn lists_dependents_in_text_order() {
        let mut doc = Doc::new(Meta::default(), "a b c d".into());
        doc.tokens = (0..4).map(|i| Span::new(2 * i, 2 * i + 1)).collect();
        // b is the root (head out of range); a and c hang on b, d on c.
        doc.tags = [1u32, u32::MAX, 1, 2].iter().map(|&h| TokenTags { head: h, ..Default::default() }).collect();
        let c = Children::new(&doc);
        assert_eq!(c.of(1), &[0, 2]);
        assert_eq!(c.of(2), &[3]);
        assert!(c.of(0).is_empty() && c.of(3).is_empty());
    }
}
