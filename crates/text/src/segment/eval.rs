//! Scoring the segmenter against a CoNLL-U treebank: the raw text is rebuilt from the
//! `# text` lines (a blank line at each paragraph or document start), segmented, and token and
//! sentence spans are compared with the gold ones (F1 over exact character spans, as the
//! CoNLL 2018 UD evaluation does). Gold tokens are UD words: a multiword token is split into
//! its words when they spell it, as the tokenizer splits clitics; otherwise it counts whole.

use std::collections::HashSet;
use std::time::Instant;

use newsgraph_core::Span;

use crate::conllu::Sentence as GoldSentence;

use super::Segmenter;

/// Precision, recall and F1 of one kind of span.
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize)]
pub struct Score {
    /// Spans in the gold standard.
    pub gold: usize,
    /// Spans predicted.
    pub predicted: usize,
    /// Predicted spans that are in the gold standard.
    pub correct: usize,
}

impl Score {
    /// Precision.
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }
    /// Recall.
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }
    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// The result of [`evaluate`].
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Report {
    /// Token spans.
    pub tokens: Score,
    /// Sentence spans.
    pub sentences: Score,
    /// Bytes of rebuilt text.
    pub bytes: usize,
    /// Seconds spent segmenting.
    pub seconds: f64,
    /// Gold words whose form could not be found in the `# text` line.
    pub unaligned: usize,
    /// Up to `max_errors` token errors: (gold tokens, predicted tokens) around a mismatch.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<(String, String)>,
}

/// The raw text of a treebank and its gold token and sentence spans.
pub struct Gold {
    /// Rebuilt text.
    pub text: String,
    /// Gold token spans.
    pub tokens: Vec<Span>,
    /// Gold sentence spans.
    pub sentences: Vec<Span>,
    /// Words that did not align.
    pub unaligned: usize,
}

/// Rebuild raw text and gold spans from treebank sentences.
pub fn rebuild(sentences: &[GoldSentence]) -> Gold {
    let mut g = Gold { text: String::new(), tokens: Vec::new(), sentences: Vec::new(), unaligned: 0 };
    for s in sentences {
        if !g.text.is_empty() {
            g.text.push_str(if s.new_par || s.new_doc { "\n\n" } else { " " });
        }
        let base = g.text.len();
        let line = if s.text.is_empty() { s.surface_tokens().iter().map(|t| t.0).collect::<Vec<_>>().join(" ") } else { s.text.clone() };
        g.text.push_str(&line);
        let mut cursor = 0;
        let first_token = g.tokens.len();
        let mut i = 0;
        while i < s.words.len() {
            let (form, words): (&str, &[crate::conllu::Word]) = match s.multiwords.iter().find(|m| m.first == i) {
                Some(m) => (m.form.as_str(), &s.words[m.first..=m.last]),
                None => (s.words[i].form.as_str(), &s.words[i..=i]),
            };
            i += words.len();
            while cursor < line.len() && line[cursor..].starts_with(char::is_whitespace) {
                cursor += line[cursor..].chars().next().map_or(1, char::len_utf8);
            }
            let at = if line[cursor..].starts_with(form) { Some(cursor) } else { line[cursor..].find(form).filter(|&d| d < 8).map(|d| cursor + d) };
            let Some(at) = at else {
                g.unaligned += words.len();
                continue;
            };
            let spelled: String = words.iter().map(|w| w.form.as_str()).collect();
            if words.len() > 1 && spelled == form {
                let mut p = at;
                for w in words {
                    g.tokens.push(Span::new(base + p, base + p + w.form.len()));
                    p += w.form.len();
                }
            } else {
                g.tokens.push(Span::new(base + at, base + at + form.len()));
            }
            cursor = at + form.len();
        }
        if g.tokens.len() > first_token {
            g.sentences.push(Span { start: g.tokens[first_token].start, end: g.tokens[g.tokens.len() - 1].end });
        }
    }
    g
}

fn score(gold: &[Span], predicted: &[Span]) -> Score {
    let gold_set: HashSet<Span> = gold.iter().copied().collect();
    Score { gold: gold.len(), predicted: predicted.len(), correct: predicted.iter().filter(|s| gold_set.contains(s)).count() }
}

/// Token mismatches with their gold and predicted tokenisation, for inspection.
fn token_errors(text: &str, gold: &[Span], predicted: &[Span], max: usize) -> Vec<(String, String)> {
    let gold_set: HashSet<Span> = gold.iter().copied().collect();
    let mut out = Vec::new();
    let mut last_end = 0;
    for p in predicted.iter().filter(|p| !gold_set.contains(p)) {
        if out.len() >= max {
            break;
        }
        if p.start < last_end {
            continue;
        }
        let (from, to) = (p.start.saturating_sub(12), p.end + 12);
        let show = |spans: &[Span]| spans.iter().filter(|s| s.start >= from && s.end <= to).map(|s| s.text(text)).collect::<Vec<_>>().join(" ");
        out.push((show(gold), show(predicted)));
        last_end = to;
    }
    out
}

/// Segment the rebuilt text of `sentences` and score it, keeping up to `max_errors` examples
/// of token errors.
pub fn evaluate(sentences: &[GoldSentence], max_errors: usize) -> Report {
    let gold = rebuild(sentences);
    let (mut tokens, mut sents) = (Vec::new(), Vec::new());
    let started = Instant::now();
    Segmenter.segment_into(&gold.text, &mut tokens, &mut sents);
    let seconds = started.elapsed().as_secs_f64();
    let predicted_sentences: Vec<Span> = sents.iter().filter(|s| s.end > s.first).map(|s| Span { start: tokens[s.first as usize].start, end: tokens[s.end as usize - 1].end }).collect();
    Report {
        tokens: score(&gold.tokens, &tokens),
        sentences: score(&gold.sentences, &predicted_sentences),
        bytes: gold.text.len(),
        seconds,
        unaligned: gold.unaligned,
        errors: token_errors(&gold.text, &gold.tokens, &tokens, max_errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conllu::Reader;

    const SAMPLE: &str = "# newdoc id = d\n# text = I don't know.\n1\tI\t_\t_\t_\t_\t0\t_\t_\t_\n2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n2\tdo\t_\t_\t_\t_\t0\t_\t_\t_\n3\tn't\t_\t_\t_\t_\t0\t_\t_\t_\n4\tknow\t_\t_\t_\t_\t0\t_\t_\tSpaceAfter=No\n5\t.\t_\t_\t_\t_\t0\t_\t_\t_\n\n# text = He left.\n1\tHe\t_\t_\t_\t_\t0\t_\t_\t_\n2\tleft\t_\t_\t_\t_\t0\t_\t_\tSpaceAfter=No\n3\t.\t_\t_\t_\t_\t0\t_\t_\t_\n\n";

    #[test]
    fn perfect_segmentation_scores_one() {
        let sents: Vec<_> = Reader::new(SAMPLE.as_bytes()).collect::<Result<_, _>>().unwrap();
        let gold = rebuild(&sents);
        assert_eq!(gold.text, "I don't know. He left.");
        assert_eq!(gold.tokens.len(), 8);
        let r = evaluate(&sents, 0);
        assert_eq!(r.tokens.f1(), 1.0);
        assert_eq!(r.sentences.correct, 2);
    }
}
