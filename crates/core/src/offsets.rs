//! Byte-offset to code-point-offset conversion for the analysis JSON.
//!
//! Internally every span is a byte range (cheap to slice); the public contract counts Unicode
//! code points, as Python and spaCy do. `CharIndex` records, for every non-ASCII character,
//! how many extra bytes came before it, so that a lookup is a binary search over the
//! non-ASCII characters only: free for ASCII text, no per-byte table for large documents.

/// Converts byte offsets of one text into code-point offsets.
#[derive(Debug, Clone, Default)]
pub struct CharIndex {
    /// (byte offset just after a multi-byte char, extra bytes up to and including it).
    marks: Vec<(u32, u32)>,
}

impl CharIndex {
    /// Index `text`.
    pub fn new(text: &str) -> Self {
        let mut marks = Vec::new();
        let mut extra = 0u32;
        for (i, c) in text.char_indices() {
            let len = c.len_utf8() as u32;
            if len > 1 {
                extra += len - 1;
                marks.push((i as u32 + len, extra));
            }
        }
        CharIndex { marks }
    }

    /// The code-point offset of byte offset `byte` (which must be a char boundary).
    pub fn char_offset(&self, byte: u32) -> u32 {
        let n = self.marks.partition_point(|&(end, _)| end <= byte);
        let extra = if n == 0 { 0 } else { self.marks[n - 1].1 };
        byte - extra
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_char_counting() {
        let text = "a’b “c” é—z";
        let idx = CharIndex::new(text);
        for (b, _) in text.char_indices().chain([(text.len(), ' ')]) {
            assert_eq!(idx.char_offset(b as u32) as usize, text[..b].chars().count(), "byte {b}");
        }
    }

    #[test]
    fn ascii_is_identity() {
        let idx = CharIndex::new("plain ascii");
        assert_eq!(idx.char_offset(5), 5);
    }
}
