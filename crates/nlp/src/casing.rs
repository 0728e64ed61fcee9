//! Words that are usually written in lowercase, learned from unlabelled text: the NER
//! gazetteer's `Common` list. A capitalised "Today" or "Economy" inside a sentence is then
//! known to be an ordinary word in a name (a title, an outlet, a company), which tells a
//! person name ("Today" is no one's surname) from an organisation or a work. Counting is
//! done on raw text with a plain whitespace split: only words inside a sentence count
//! (the first word of a line and words after `.`, `!`, `?`, `:` or an opening quote are
//! skipped), so sentence-initial capitals do not make a common word look like a name. It
//! does not tokenise properly or look at tags; it only needs word counts.

use rustc_hash::FxHashMap;

/// Lowercase and capitalised counts of one word, inside sentences.
#[derive(Clone, Copy, Debug, Default)]
struct Counts {
    lower: u32,
    upper: u32,
}

/// Casing counts over a body of text.
#[derive(Debug, Default)]
pub struct CasingCounts {
    counts: FxHashMap<String, Counts>,
}

fn opens_sentence(prev: &str) -> bool {
    prev.ends_with(['.', '!', '?', ':', '“', '"', '‘', '(', '[']) || prev.chars().all(|c| !c.is_alphanumeric())
}

impl CasingCounts {
    /// Count the words of `text` (raw lines).
    pub fn add_text(&mut self, text: &str) {
        for line in text.lines() {
            let mut prev: Option<&str> = None;
            for raw in line.split_whitespace() {
                let inside = prev.is_some_and(|p| !opens_sentence(p));
                prev = Some(raw);
                // A word opening a quotation or a bracket starts a new clause.
                if !inside || raw.starts_with(['“', '"', '‘', '(', '[']) {
                    continue;
                }
                self.add_word(raw.trim_matches(|c: char| !c.is_alphanumeric()));
            }
        }
    }

    /// Count the words of one tokenised sentence, skipping its first word.
    pub fn add_sentence<S: AsRef<str>>(&mut self, words: &[S]) {
        for w in words.iter().skip(1) {
            self.add_word(w.as_ref());
        }
    }

    fn add_word(&mut self, w: &str) {
        let mut chars = w.chars();
        let Some(first) = chars.next() else { return };
        // Words with digits, inner capitals ("iPhone") or no letters say nothing about names.
        if !first.is_alphabetic() || !chars.all(|c| c.is_lowercase() || c == '\'' || c == '-' || c == '’') {
            return;
        }
        let c = self.counts.entry(w.to_lowercase()).or_default();
        if first.is_uppercase() {
            c.upper += 1;
        } else {
            c.lower += 1;
        }
    }

    /// Words seen at least `min_count` times inside sentences, lowercase in at least
    /// `min_lower` of them (0..=1), sorted.
    pub fn common(&self, min_count: u32, min_lower: f64) -> Vec<&str> {
        let mut out: Vec<&str> = self
            .counts
            .iter()
            .filter(|(_, c)| {
                let n = c.lower + c.upper;
                n >= min_count && f64::from(c.lower) >= min_lower * f64::from(n)
            })
            .map(|(w, _)| w.as_str())
            .collect();
        out.sort_unstable();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_only_words_inside_sentences() {
        let mut c = CasingCounts::default();
        c.add_text("Today the economy grew. Today it fell.\nThe Economy Minister said “Today is fine” today.");
        c.add_sentence(&["Economy", "news", "on", "economy", "today"]);
        // "economy": lowercase twice, capitalised once inside a sentence ("The Economy").
        assert_eq!(c.common(3, 0.6), vec!["economy"]);
        assert_eq!(c.common(3, 0.7), Vec::<&str>::new());
        // "today": the sentence-initial and quote-initial capitals are not counted.
        assert_eq!(c.common(2, 1.0), vec!["today"]);
    }

    #[test]
    fn ignores_digits_and_inner_capitals() {
        let mut c = CasingCounts::default();
        c.add_text("we bought an iPhone and 3d glasses, an iphone");
        let all = c.common(1, 0.0);
        assert!(!all.contains(&"3d"));
        // "iPhone" was not counted as a capitalised "iphone".
        assert!(c.common(1, 1.0).contains(&"iphone"));
    }
}
