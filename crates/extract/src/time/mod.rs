//! Time expressions (TIMEX3): recognition and normalisation against the publication date.
//!
//! [`TimeTagger`] fills `Doc::times` with DATE, TIME, DURATION and SET expressions whose
//! values follow TimeML/TempEval-3 (`2023-06-24`, `2023-W26`, `2023-06-27TMO`, `P1W`, `PXY`,
//! `XXXX-WXX-1`, `PRESENT_REF`...; a decade is its first three digits, "198" for the
//! 1980s, as TimeBank writes most of them). Relative expressions are resolved against
//! `Doc::meta.published` or, failing that, a dateline date at the start of the text, and the
//! tense of their clause ("arrived Tuesday" is the previous Tuesday, "will meet Tuesday" the
//! next). Without any anchor, relative values stay underspecified (`XXXX-XX-XX`) and the
//! expression is flagged. The system clock is never read.
//!
//! Modules: `words` scans the text, `lexicon` holds the word tables, `grammar` the patterns,
//! `tense` the tense cues, `calendar` the date arithmetic. This module does not tag amounts
//! (see [`crate::amounts`]) and does not link times to events.
//!
//! ```
//! use newsgraph_core::{Doc, Meta, Stage};
//! use newsgraph_extract::time::TimeTagger;
//! let mut doc = Doc::new(Meta { published: Some("2023-06-30".into()), ..Meta::default() },
//!     "He arrived last Saturday and will stay for a week.".into());
//! TimeTagger::new().process(&mut doc);
//! let values: Vec<&str> = doc.times.iter().map(|t| t.value.as_str()).collect();
//! assert_eq!(values, ["2023-06-24", "P1W"]);
//! ```

pub mod calendar;
mod grammar;
pub(crate) mod lexicon;
pub(crate) mod tense;
pub(crate) mod words;

use newsgraph_core::{tagsets::XPOS, Doc, Span, Stage, TimeExpr};

use calendar::{parse_iso, Date};
use grammar::Grammar;
use words::Scan;

/// The TIMEX3 tagger stage. Cheap to build (the word tables are compiled once per process)
/// and shareable between threads.
#[derive(Debug, Default, Clone)]
pub struct TimeTagger;

impl TimeTagger {
    /// A tagger.
    pub fn new() -> Self {
        TimeTagger
    }

    /// Tag `text` with an explicit anchor (publication date) and no POS tags.
    pub fn tag_text(&self, text: &str, anchor: Option<Date>) -> Vec<TimeExpr> {
        let scan = Scan::new(text);
        to_exprs(
            &scan,
            &Grammar::new(&scan, anchor, None).run(),
            anchor.is_none(),
        )
    }
}

/// The anchor of a document: its publication date, else a dateline date in the first
/// characters of the text ("LONDON, June 5, 2023 (Reuters) -", "Jan. 3, 2019 —").
pub fn anchor_of(doc: &Doc) -> Option<Date> {
    if let Some(d) = doc.meta.published.as_deref().and_then(parse_iso) {
        return Some(d);
    }
    dateline_date(&doc.text)
}

/// A fully specified date in the first line of `text` (within 120 bytes), if any.
pub fn dateline_date(text: &str) -> Option<Date> {
    let mut cut = text.len().min(120);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = &text[..cut];
    let head = head.split("\n\n").next().unwrap_or(head);
    let scan = Scan::new(head);
    Grammar::new(&scan, None, None)
        .run()
        .into_iter()
        .filter(|m| m.kind == "DATE" && m.value.len() == 10)
        .find_map(|m| parse_iso(&m.value))
}

fn to_exprs(scan: &Scan, ms: &[grammar::M], no_anchor: bool) -> Vec<TimeExpr> {
    ms.iter()
        .map(|m| {
            let span = Span {
                start: scan.toks[m.start].start,
                end: scan.toks[m.end - 1].end,
            };
            let underspecified =
                no_anchor && matches!(m.kind, "DATE" | "TIME") && m.value.starts_with('X');
            TimeExpr {
                span,
                kind: m.kind.to_string(),
                value: m.value.clone(),
                underspecified,
            }
        })
        .collect()
}

/// Penn tags aligned with the scan tokens, when the tagger has run (a scan token takes the
/// tag of the document token that starts at or contains its first byte).
pub(crate) fn aligned_xpos(doc: &Doc, scan: &Scan) -> Option<Vec<&'static str>> {
    if doc.tags.is_empty() || doc.tags.len() != doc.tokens.len() {
        return None;
    }
    let mut out = Vec::with_capacity(scan.toks.len());
    let mut k = 0;
    for t in &scan.toks {
        while k + 1 < doc.tokens.len() && doc.tokens[k].end <= t.start {
            k += 1;
        }
        let tag = doc
            .tags
            .get(k)
            .map_or("_", |tt| XPOS.get(tt.xpos as usize).copied().unwrap_or("_"));
        out.push(tag);
    }
    Some(out)
}

impl Stage for TimeTagger {
    fn name(&self) -> &'static str {
        "time"
    }

    fn process(&self, doc: &mut Doc) {
        let anchor = anchor_of(doc);
        let mut scan = Scan::new(&doc.text);
        // The segmenter's sentences are better than the scanner's guesses when present.
        if doc.sentences.len() > 1 && !doc.tokens.is_empty() {
            let mut si = 0;
            for t in scan.toks.iter_mut() {
                while si + 1 < doc.sentences.len() {
                    let s = doc.sentences[si];
                    let last = (s.end as usize).saturating_sub(1).min(doc.tokens.len() - 1);
                    if doc.tokens[last].end <= t.start {
                        si += 1;
                    } else {
                        break;
                    }
                }
                t.sent = si as u32;
            }
        }
        let xpos = aligned_xpos(doc, &scan);
        let ms = Grammar::new(&scan, anchor, xpos.as_deref()).run();
        doc.times = to_exprs(&scan, &ms, anchor.is_none());
    }
}

#[cfg(test)]
mod tests;
