//! Reshaping the tagger's runs before and after they are paired: content runs cut at a
//! coordinated cue, and cue runs left without content given the clause after them. Part of
//! [`super`]'s combination of the tagger's runs with the rules.

use newsgraph_core::Span;

use super::super::{Finder, Range};
use crate::attribution::lexicon as lx;
use crate::attribution::model::{Role, Segment};
use crate::attribution::syntax::Syntax;

/// Largest gap (tokens) between a cue with no content run and the source run before it.
const ORPHAN_SRC_GAP: usize = 6;

impl Finder<'_> {
    /// Content runs that hold a coordinated cue ("he would order a review and warned
    /// against hackers"): the tagger reads the second verb as content, PolNeAR annotates two
    /// attributions. Each such run is cut at the conjunction into content, cue, content.
    pub(super) fn split_coordinated(&self, segs: Vec<Segment>) -> Vec<Segment> {
        let mut out = Vec::with_capacity(segs.len());
        for s in segs {
            if s.role != Role::Content {
                out.push(s);
                continue;
            }
            let mut a = s.a;
            let mut k = s.a + 2;
            while k + 2 < s.b {
                if !self.in_quote(k) && matches!(self.low(k), "and" | "but") && self.coordinated_cue(k + 1, s.b) {
                    let mut c = k + 1;
                    while c < s.b && lx::is_pre_cue_adverb(self.low(c)) {
                        c += 1;
                    }
                    let mut e = k;
                    while e > a && self.low(e - 1) == "," {
                        e -= 1;
                    }
                    let mut start = c + 1;
                    if start < s.b && self.low(start) == "that" {
                        start += 1;
                    }
                    if e > a && start < s.b {
                        out.push(Segment { role: Role::Content, a, b: e });
                        out.push(Segment { role: Role::Cue, a: c, b: c + 1 });
                        a = start;
                        k = start + 2;
                        continue;
                    }
                }
                k += 1;
            }
            out.push(Segment { role: Role::Content, a, b: s.b });
        }
        out
    }

    /// Content runs the tagger broke at a comma ("that in his ten years in São Paulo , he
    /// has never seen smoke like that"): two content runs with one comma between them are
    /// one, unless a cue run follows the second (it has a cue of its own) or the second is
    /// shorter than [`super::MIN_CONTENT`] or opens with a relative pronoun.
    pub(super) fn join_comma_split(&self, segs: Vec<Segment>) -> Vec<Segment> {
        let mut out: Vec<Segment> = Vec::with_capacity(segs.len());
        for (k, s) in segs.iter().enumerate() {
            if let Some(prev) = out.last_mut() {
                // A cue run just after the second run (a source run may come between) is
                // its own; a relative pronoun opens a clause about the first run's words.
                let own_cue = segs[k + 1..].iter().take(2).any(|n| n.role == Role::Cue && n.a <= s.b + 4 && self.sentence_id(n.a) == self.sentence_id(s.b - 1));
                let whole = s.b - s.a >= super::MIN_CONTENT && !matches!(self.low(s.a), "who" | "whom" | "which" | "whose");
                if prev.role == Role::Content && s.role == Role::Content && s.a == prev.b + 1 && self.low(prev.b) == "," && whole && !own_cue && !self.in_quote(prev.b) {
                    prev.b = s.b;
                    continue;
                }
            }
            out.push(*s);
        }
        out
    }

    /// Cue runs the tagger found with no content run near them ("Several experts
    /// cautioned, as did the campaign, that …", "These voters point to the 1994 crime
    /// bill"): the tagger often leaves untagged a complement it has not seen with such a
    /// cue. When a source run stands just before the cue, or else the parse gives the cue a
    /// subject, the content is what follows the cue to the clause end, as the rules read it.
    /// (PolNeAR dev: content recall +0.018, source F1 +0.003; taking them without a source
    /// gained content recall 0.032 but lost source precision.)
    ///
    /// A cue the rules read as parenthetical ("…, federal authorities announced Wednesday.")
    /// is left to the rules' attribution in `parenthetical` (byte spans of such cues, sorted): its
    /// content is the clause before the cue, and the clause after it, if any, is not what
    /// the source said.
    pub(super) fn orphan_cues(&mut self, segs: &[Segment], taken: &mut [bool], syn: Option<&Syntax>, parenthetical: &[Span]) {
        for k in 0..segs.len() {
            let cue = segs[k];
            let cue_bytes = self.doc.token_span(cue.a, cue.b);
            // `parenthetical` is sorted by start and its spans do not overlap one another.
            let read_by_rules = parenthetical.get(parenthetical.partition_point(|c| c.end <= cue_bytes.start)).is_some_and(|&c| super::overlaps(c, cue_bytes));
            if cue.role != Role::Cue || taken[k] || !self.free(cue_bytes) || read_by_rules {
                continue;
            }
            let hi = self.doc.sentence_of(cue.a).map_or(self.n(), |s| (self.doc.sentences[s].end as usize).min(self.n()));
            let mut start = cue.b;
            while start < hi && matches!(self.low(start), "," | "that") {
                start += 1;
            }
            if start >= hi || self.in_quote(start) {
                continue;
            }
            let e = self.clause_end(start, hi);
            if e < start + 2 || !self.free(self.doc.token_span(start, e)) {
                continue;
            }
            let content = self.doc.token_span(start, e);
            let cue_span = self.doc.token_span(cue.a, cue.b);
            let sk = self.nearest(segs, Role::Source, &cue, ORPHAN_SRC_GAP, taken).filter(|&sk| segs[sk].b <= cue.a && self.free(self.doc.token_span(segs[sk].a, segs[sk].b)));
            let src = match sk {
                Some(sk) => {
                    taken[sk] = true;
                    Range { a: segs[sk].a, b: segs[sk].b }
                }
                None => match syn.and_then(|syn| self.parse_source(syn, cue_span, content)) {
                    Some(r) => r,
                    None => continue,
                },
            };
            taken[k] = true;
            let head = self.cue_head(cue.a, cue.b);
            let kind = self.kind_of(head, Some(src), content);
            self.push(kind, Some(src), Some(cue_span), content);
        }
    }
}
