//! Model content runs with no cue in their sentence: the verb they hang on in the parse
//! becomes the cue, else a source run nearby or a neighbouring quotation's speaker gives
//! the source. Part of [`super`]'s combination of the tagger's runs with the rules.

use newsgraph_core::Span;

use super::super::{Finder, Range};
use super::gap;
use crate::attribution::model::{Role, Segment};
use crate::attribution::syntax::Syntax;

/// Largest gap (tokens) between a cueless content and a source run in its paragraph.
const CUELESS_SRC_GAP: usize = 30;
/// Unquoted content with neither cue nor source is kept from this length (tokens): shorter
/// ones are right about a third of the time on PolNeAR dev (content F1 +0.002 at 6).
const BARE_MIN: usize = 6;

impl Finder<'_> {
    /// A content run with no cue in its sentence (a quote standing on its own, a quote
    /// whose attribution sits in the next sentence, a cue the tagger missed): its cue and
    /// source are the verb it hangs on in the parse and that verb's subject, else its source
    /// is a source run next to it in the paragraph, else, for a quotation, the source of the
    /// next attribution in the paragraph (or the previous one nearby).
    pub(super) fn cueless(&mut self, segs: &[Segment], c: Segment, content: Span, syn: Option<&Syntax>) {
        let para = |t: usize| self.para[t.min(self.n() - 1)];
        // A first or second person ("but we now “know …”") is the quoted speaker's own word
        // outside the marks, not a source of the narrator's.
        let personal = |s: &Segment| s.b == s.a + 1 && matches!(self.low(s.a), "i" | "we" | "you" | "us" | "me");
        let near = segs
            .iter()
            .filter(|s| s.role == Role::Source && !personal(s) && gap(s, &c) <= CUELESS_SRC_GAP && para(s.a) == para(c.a) && self.free(self.doc.token_span(s.a, s.b)))
            .min_by_key(|s| gap(s, &c))
            .copied();
        let quoted = self.quotes.iter().any(|q| q.outer.start <= content.start && content.end <= q.outer.end);
        let kind = if quoted { "direct" } else { "indirect" };
        // The verb the run hangs on, with a subject, is its cue (PolNeAR dev: triple F1
        // 0.616 → 0.630, source 0.708 → 0.710, before the source run nearby).
        // A quotation hanging on a verb that reports nothing ("BA.2 has been detected …, and
        // the Director noted that “…,” but we now “know …”") goes on with a neighbour's speech.
        let governing = syn.and_then(|syn| self.governing_cue(syn, c, content)).filter(|&(h, _, _)| !quoted || self.is_cue(h));
        if let Some((h, cue, Some(src))) = governing {
            let kind = self.kind_of(h, Some(src), content);
            self.push(kind, Some(src), Some(cue), content);
            return;
        }
        // A source run nearby is taken for quoted content only: for unquoted text with no
        // cue it is right less often than not (PolNeAR dev: source F1 0.707 → 0.708, P
        // 0.736 → 0.747, R 0.680 → 0.674; content unchanged).
        if let Some(s) = near.filter(|_| quoted) {
            self.push(kind, Some(Range { a: s.a, b: s.b }), None, content);
            return;
        }
        // A quotation continues its neighbour's speech; unquoted text with no cue rarely
        // belongs to the neighbour's source (PolNeAR dev, taking it anyway: source precision
        // 0.668 against 0.703, recall 0.659 against 0.652), so it stays without a source.
        if !quoted {
            if c.b - c.a >= BARE_MIN {
                self.push(kind, None, None, content);
            }
            return;
        }
        let prev = self.out.iter().enumerate().filter(|(_, a)| a.content.end <= content.start && a.source_span.is_some()).max_by_key(|(_, a)| a.content.end).map(|(i, _)| i);
        let next = self.out.iter().enumerate().filter(|(_, a)| a.content.start >= content.end && a.source_span.is_some()).min_by_key(|(_, a)| a.content.start).map(|(i, _)| i);
        let tok = |i: usize| self.doc.tokens.partition_point(|t| t.start < self.out[i].content.start);
        let next = next.filter(|&i| para(tok(i)) == para(c.a));
        if let Some(i) = next.or(prev) {
            let t = tok(i);
            if para(c.a).abs_diff(para(t)) <= 1 {
                let (source, source_span, cue_span, src) = (self.out[i].source, self.out[i].source_span, self.out[i].cue_span, self.out_src[i]);
                self.out.push(newsgraph_core::Attribution { kind: kind.into(), source, source_span, source_phrase: None, cue_span, content });
                self.out_src.push(src);
                return;
            }
        }
        self.push(kind, None, None, content);
    }

    /// The word a content run hangs on in the parse, when it is a verb outside the run in
    /// the same sentence and no cue yet ("Mr. Obama warned that …" with "warned" untagged):
    /// that word, the cue span around it (with its auxiliaries) and its subject as source.
    fn governing_cue(&self, syn: &Syntax, c: Segment, content: Span) -> Option<(usize, Span, Option<Range>)> {
        let r = syn.root_of(c.a, c.b);
        let h = syn.head(r)?;
        if (c.a..c.b).contains(&h) || self.in_quote(h) || self.sentence_id(h) != self.sentence_id(r) || !matches!(self.upos(h), Some("VERB")) {
            return None;
        }
        let cue = self.cue_span(h, self.sentence_start(h));
        if !self.free(cue) {
            return None;
        }
        Some((h, cue, self.parse_source(syn, cue, content)))
    }
}
