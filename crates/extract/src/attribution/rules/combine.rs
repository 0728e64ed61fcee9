//! Combining the learned tagger's spans ([`crate::attribution::model`]) with the rules'
//! attributions. Tuned on PolNeAR dev (`newsgraph eval attribution`):
//! - the rules' direct quotes stay as they are (quote pairing and speakers are reliable);
//! - the model leads elsewhere: a content run with a cue run near it in the same sentence
//!   and a source run near that cue becomes an attribution; a content run with no cue in its
//!   sentence (a quote standing alone) takes a source run in its paragraph, else, when it
//!   is quoted, the source of the next attribution in the paragraph or the previous one
//!   nearby;
//! - the rules' other attributions come back where the model found nothing; one that shares
//!   its cue with a model attribution widens that content to the clause end, and one whose
//!   content holds the model's cue (the model found a nested attribution) replaces it;
//! - attributions with a cue but no source take the model's source run next to the cue,
//!   else the subject the rules read left of it.

use newsgraph_core::Span;

use super::{Finder, Range};
use crate::attribution::model::{segments, Role, Segment};

/// Model content shorter than this (tokens) is not added on its own.
const MIN_CONTENT: usize = 3;
/// Largest gap (tokens) between a content run and its cue.
const MAX_CUE_GAP: usize = 12;
/// Largest gap (tokens) between a cue and its source.
const MAX_SOURCE_GAP: usize = 20;
/// Content with no cue in its sentence is kept from this length (tokens).
const NO_CUE_MIN: usize = 4;
/// Largest gap (tokens) between a cueless content and a source run in its paragraph.
const CUELESS_SRC_GAP: usize = 30;

fn gap(a: &Segment, b: &Segment) -> usize {
    if a.b <= b.a {
        b.a - a.b
    } else if b.b <= a.a {
        a.a - b.b
    } else {
        0
    }
}

/// Do two byte spans share a byte?
pub(super) fn overlaps(a: Span, b: Span) -> bool {
    a.start < b.end && b.start < a.end
}

impl Finder<'_> {
    fn sentence_id(&self, i: usize) -> usize {
        self.doc.sentence_of(i).unwrap_or(0)
    }

    /// Is the byte span free of what the rules already found (contents, cues, sources)?
    fn free(&self, s: Span) -> bool {
        !self.out.iter().any(|a| overlaps(a.content, s) || a.cue_span.is_some_and(|c| overlaps(c, s)) || a.source_span.is_some_and(|c| overlaps(c, s)))
    }

    /// The nearest run of `role` to `to` within `max` tokens, sharing a sentence with it.
    fn nearest(&self, segs: &[Segment], role: Role, to: &Segment, max: usize, taken: &[bool]) -> Option<usize> {
        let sents = [self.sentence_id(to.a), self.sentence_id(to.b - 1)];
        segs.iter()
            .enumerate()
            .filter(|(k, s)| s.role == role && !taken[*k] && gap(s, to) <= max && (sents.contains(&self.sentence_id(s.a)) || sents.contains(&self.sentence_id(s.b - 1))))
            .min_by_key(|(k, s)| (gap(s, to), *k))
            .map(|(k, _)| k)
    }

    /// A content run with no cue in its sentence (a quote standing on its own, a quote
    /// whose attribution sits in the next sentence): its source is a source run next to it
    /// in the paragraph, else, for a quotation, the source of the next attribution in the
    /// paragraph (or the previous one nearby).
    fn cueless(&mut self, segs: &[Segment], c: Segment, content: Span) {
        let para = |t: usize| self.para[t.min(self.n() - 1)];
        let near = segs
            .iter()
            .filter(|s| s.role == Role::Source && gap(s, &c) <= CUELESS_SRC_GAP && para(s.a) == para(c.a) && self.free(self.doc.token_span(s.a, s.b)))
            .min_by_key(|s| gap(s, &c))
            .copied();
        let quoted = self.quotes.iter().any(|q| q.outer.start <= content.start && content.end <= q.outer.end);
        let kind = if quoted { "direct" } else { "indirect" };
        if let Some(s) = near {
            self.push(kind, Some(Range { a: s.a, b: s.b }), None, content);
            return;
        }
        // A quotation continues its neighbour's speech; unquoted text with no cue rarely
        // belongs to the neighbour's source (PolNeAR dev, taking it anyway: source precision
        // 0.668 against 0.703, recall 0.659 against 0.652), so it stays without a source.
        if !quoted {
            self.push(kind, None, None, content);
            return;
        }
        let prev = self.out.iter().enumerate().filter(|(_, a)| a.content.end <= content.start && a.source_span.is_some()).max_by_key(|(_, a)| a.content.end).map(|(i, _)| i);
        let next = self.out.iter().enumerate().filter(|(_, a)| a.content.start >= content.end && a.source_span.is_some()).min_by_key(|(_, a)| a.content.start).map(|(i, _)| i);
        let tok = |i: usize| self.doc.tokens.partition_point(|t| t.start < self.out[i].content.start);
        let next = next.filter(|&i| para(tok(i)) == para(c.a));
        if let Some(i) = next.or(prev) {
            let t = tok(i);
            if para(c.a).abs_diff(para(t)) <= 1 {
                let (source, source_span, src) = (self.out[i].source, self.out[i].source_span, self.out_src[i]);
                self.out.push(newsgraph_core::Attribution { kind: kind.into(), source, source_span, cue_span: None, content });
                self.out_src.push(src);
                return;
            }
        }
        self.push(kind, None, None, content);
    }

    /// Sources for attributions that have a cue but no source: a source run the model
    /// tagged next to the cue, else the subject the rules read left of the cue.
    fn repair_sources(&mut self, segs: &[Segment], taken: &mut [bool]) {
        for i in 0..self.out.len() {
            let (Some(cue), None) = (self.out[i].cue_span, self.out[i].source_span) else { continue };
            let a = self.doc.tokens.partition_point(|t| t.start < cue.start);
            let b = self.doc.tokens.partition_point(|t| t.start < cue.end).max(a + 1);
            let cue_seg = Segment { role: Role::Cue, a, b };
            let content = self.out[i].content;
            let from_model = self.nearest(segs, Role::Source, &cue_seg, MAX_SOURCE_GAP, taken).filter(|&k| !overlaps(self.doc.token_span(segs[k].a, segs[k].b), content));
            let r = match from_model {
                Some(k) => {
                    taken[k] = true;
                    Range { a: segs[k].a, b: segs[k].b }
                }
                None => {
                    let head = (a..b).rev().find(|&t| super::lx::cue_ratio(self.low(t)) > 0.0).unwrap_or(b - 1);
                    let lo = self.sentence_start(head);
                    match self.subject_left(head, lo) {
                        Some(r) if !overlaps(self.doc.token_span(r.a, r.b), content) => r,
                        _ => continue,
                    }
                }
            };
            self.out[i].source = self.resolve(r);
            self.out[i].source_span = Some(self.doc.token_span(r.a, r.b));
            self.out_src[i] = Some(r);
        }
    }

    /// A rule attribution with a subject and a cue that overlaps one model attribution: on
    /// the same cue, the content is the union of both (the rules read to the clause end,
    /// the model stops early); when the model's cue lies inside the rule's content, the
    /// model found a nested attribution and the rule's outer one replaces it.
    fn reconcile(&mut self, first_model: usize, a: newsgraph_core::Attribution, src: Option<Range>) {
        let over: Vec<usize> = (first_model..self.out.len()).filter(|&i| overlaps(self.out[i].content, a.content)).collect();
        let [i] = over[..] else { return };
        let m = &self.out[i];
        let same_cue = m.cue_span.zip(a.cue_span).is_some_and(|(x, y)| overlaps(x, y));
        let nested = m.cue_span.is_some_and(|c| a.content.start <= c.start && c.end <= a.content.end);
        if same_cue {
            let m = &mut self.out[i];
            m.content = Span { start: m.content.start.min(a.content.start), end: m.content.end.max(a.content.end) };
            if m.source_span.is_none() {
                m.source = a.source;
                m.source_span = a.source_span;
                self.out_src[i] = src;
            }
        } else if nested {
            self.out[i] = a;
            self.out_src[i] = src;
        }
    }

    /// Merge the tagger's `labels` (one per token) into the rules' attributions.
    pub(super) fn add_model(&mut self, labels: &[u8]) {
        if labels.len() != self.n() {
            return;
        }
        let segs = segments(labels);
        let mut taken = vec![false; segs.len()];
        // The model leads except over direct quotes: set the rules' other findings aside
        // and give them back where the model found nothing.
        let rules = std::mem::take(&mut self.out);
        let rules_src = std::mem::take(&mut self.out_src);
        let mut rest = Vec::new();
        for (a, s) in rules.into_iter().zip(rules_src) {
            if a.kind == "direct" {
                self.out.push(a);
                self.out_src.push(s);
            } else {
                rest.push((a, s));
            }
        }
        let first_model = self.out.len();
        // New attributions, longest content first so that it claims the shared cue.
        let mut contents: Vec<usize> = (0..segs.len()).filter(|&k| segs[k].role == Role::Content && segs[k].b - segs[k].a >= MIN_CONTENT).collect();
        contents.sort_by_key(|&k| (std::cmp::Reverse(segs[k].b - segs[k].a), k));
        for k in contents {
            let c = segs[k];
            let content = self.doc.token_span(c.a, c.b);
            if !self.free(content) {
                continue;
            }
            let ck = self.nearest(&segs, Role::Cue, &c, MAX_CUE_GAP, &taken).filter(|&ck| self.free(self.doc.token_span(segs[ck].a, segs[ck].b)));
            let Some(ck) = ck else {
                if c.b - c.a >= NO_CUE_MIN {
                    taken[k] = true;
                    self.cueless(&segs, c, content);
                }
                continue;
            };
            let cue = segs[ck];
            let cue_span = self.doc.token_span(cue.a, cue.b);
            let src = self.nearest(&segs, Role::Source, &cue, MAX_SOURCE_GAP, &taken).filter(|&sk| {
                let s = segs[sk];
                self.free(self.doc.token_span(s.a, s.b)) && !overlaps(self.doc.token_span(s.a, s.b), content)
            });
            taken[k] = true;
            taken[ck] = true;
            if let Some(sk) = src {
                taken[sk] = true;
            }
            let src = src.map(|sk| Range { a: segs[sk].a, b: segs[sk].b });
            // The cue's head word decides the kind: the last cue-lexicon word of the run.
            let head = (cue.a..cue.b).rev().find(|&t| super::lx::cue_ratio(self.low(t)) > 0.0).unwrap_or(cue.b - 1);
            let according = (cue.a..cue.b).any(|t| self.low(t) == "according");
            let kind = if according { "according_to" } else { self.kind_of(head, src, content) };
            self.push(kind, src, Some(cue_span), content);
        }
        for (a, s) in rest {
            if self.free(a.content) && a.cue_span.is_none_or(|c| self.free(c)) {
                self.out.push(a);
                self.out_src.push(s);
            } else if a.source_span.is_some() && a.cue_span.is_some() {
                self.reconcile(first_model, a, s);
            }
        }
        self.repair_sources(&segs, &mut taken);
    }
}
