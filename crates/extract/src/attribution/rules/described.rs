//! Speakers the article names only by a description ("a spokesperson for the
//! association", "officials"): a pronoun source right after one stands for it, not for an
//! entity that spoke earlier; after "a spokesperson for Acme" it speaks for Acme. Run by
//! [`super::Finder`] on its final list; it changes sources only, never contents. (PolNeAR
//! annotates the pronoun as the source, so the description goes to
//! `Attribution::source_phrase` and the source span stays the pronoun.)

use newsgraph_core::Span;

use super::{lx, Finder};

impl Finder<'_> {
    /// "A spokesperson for the association said … “…,” he said.": a pronoun source right
    /// after a speaker the article names by description only stands for that description,
    /// not for an entity that spoke earlier. The pronoun's attribution takes the
    /// description as its source phrase (`source_phrase`, and no entity, or the
    /// organisation a spokesperson speaks for) when no
    /// attribution with an entity source came between, the two are at most one paragraph
    /// apart, and the number agrees ("he" and "a spokesperson", "they" and "officials").
    pub(super) fn pronouns_after_described_speakers(&mut self) {
        let mut order: Vec<usize> = (0..self.out.len()).filter(|&i| self.out[i].source_span.is_some()).collect();
        order.sort_by_key(|&i| self.out[i].source_span.map(|s| s.start));
        // The latest described speaker: its span, paragraph, whether it is plural, and the
        // organisation it speaks for ("a spokesperson for Acme"), if any.
        let mut described: Option<(Span, u32, bool, Option<u32>)> = None;
        for i in order {
            let Some(span) = self.out[i].source_span else { continue };
            let a = self.doc.tokens.partition_point(|t| t.start < span.start);
            let b = self.doc.tokens.partition_point(|t| t.start < span.end);
            if a >= b || b > self.n() {
                continue;
            }
            let para = self.para[a];
            if b == a + 1 && matches!(self.low(a), "he" | "she" | "they") {
                // Entity resolution linked this very pronoun to its entity (number, gender,
                // the previous subject): that evidence stands ("a reporter asked …; she
                // replied" is the interviewee).
                let linked = self.out[i].source.is_some_and(|e| self.doc.entities.get(e as usize).is_some_and(|ent| ent.mentions.iter().any(|m| m.start == span.start)));
                if let (Some((d, p, plural, org)), false) = (described, linked) {
                    if para <= p + 1 && plural == (self.low(a) == "they") {
                        self.out[i].source = org;
                        self.out[i].source_phrase = Some(d);
                    }
                }
                continue;
            }
            // The head noun: the last word before a preposition or comma.
            let mut h = a;
            while h + 1 < b && !lx::is_preposition(self.low(h + 1)) && self.low(h + 1) != "," {
                h += 1;
            }
            let head = self.low(h);
            let singular = head.strip_suffix('s').filter(|w| !w.ends_with('s')).unwrap_or(head);
            // A plural noun that speaks is a group of people ("the loggers", "the men"); a
            // singular one must name a person ("a spokesperson", not "the report").
            let plural_noun = self.doc.tags.get(h).is_some_and(|t| newsgraph_core::tagsets::XPOS.get(t.xpos as usize) == Some(&"NNS"));
            // A named source ends the description's run, unless it is the organisation a
            // spokesperson was described by: then the pronoun speaks for it too.
            let org = self.out[i].source;
            if org.is_some() && !lx::speaks_for(head) {
                described = None;
            } else if plural_noun {
                described = Some((span, para, true, org));
            } else if crate::resolve::descriptions::is_person_noun(singular) {
                described = Some((span, para, singular != head, org));
            }
        }
    }
}
