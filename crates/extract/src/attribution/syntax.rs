//! Reading the dependency parse around a cue: the cue's governing word and the noun phrase
//! that is its subject ("the senator said" → nsubj; "who said" in a relative clause; "was
//! reported by X" → obl:agent; "according to X" → the head of "according"; "…, adding that"
//! → the subject of the verb the participle hangs on). Used by the attributor to pick or
//! check a source; it never builds attributions, and it gives nothing when the document was
//! not parsed.

use newsgraph_core::Doc;

use crate::children::Children;
use crate::deprels::{Rels, RELS};

const NONE: u32 = u32::MAX;

/// The parse of one document with child lists, for subject lookups.
pub(super) struct Syntax {
    children: Children,
    head: Vec<u32>,
    rel: Vec<u8>,
    rels: &'static Rels,
    /// Relations whose subtree is not part of a subject noun phrase.
    cut: [u8; 7],
}

/// Longest subject phrase kept (tokens); longer subtrees keep the words next to the head.
/// Sixteen keeps "a spokesperson for the Universities and Colleges Employers’ Association
/// (UCEA)" whole.
const MAX_NP: usize = 16;

impl Syntax {
    /// Index the parse of `doc`; `None` when it has no parse.
    pub(super) fn new(doc: &Doc) -> Option<Self> {
        let n = doc.tokens.len();
        if doc.tags.len() != n || !doc.tags.iter().any(|t| t.head != NONE) {
            return None;
        }
        let head: Vec<u32> = doc.tags.iter().map(|t| if (t.head as usize) < n { t.head } else { NONE }).collect();
        let rel: Vec<u8> = doc.tags.iter().map(|t| t.deprel).collect();
        let r = &*RELS;
        let cut = [r.relcl, r.acl, r.parataxis, r.ccomp, r.advcl, r.dep, r.list];
        Some(Syntax { children: Children::new(doc), head, rel, rels: r, cut })
    }

    fn children(&self, i: usize) -> &[u32] {
        self.children.of(i)
    }

    /// The token of `[a, b)` whose head lies outside the range (the cue's governing word);
    /// the last such token when there are several.
    pub(super) fn root_of(&self, a: usize, b: usize) -> usize {
        (a..b).rev().find(|&t| self.head[t] == NONE || !(a..b).contains(&(self.head[t] as usize))).unwrap_or(b.saturating_sub(1))
    }

    /// The head of token `i` (`None` for a root).
    pub(super) fn head(&self, i: usize) -> Option<usize> {
        let h = self.head[i];
        (h != NONE).then_some(h as usize)
    }

    /// The head word of the subject of the cue word `v` (`according` = "according to X").
    pub(super) fn subject_of(&self, v: usize, according: bool) -> Option<usize> {
        if according {
            // UD: X is the head of "according" (case), "to" is fixed on "according".
            let h = self.head[v];
            return (h != NONE && h as usize > v).then_some(h as usize);
        }
        let mut v = v;
        for _ in 0..3 {
            let r = &self.rels;
            let subjects = self.children(v).iter().map(|&k| k as usize).filter(|&k| self.rel[k] == r.nsubj || self.rel[k] == r.nsubj_outer);
            if let Some(s) = crate::subject::nearest_subject(v, subjects) {
                return Some(s);
            }
            if let Some(&s) = self.children(v).iter().find(|&&k| self.rel[k as usize] == r.obl_agent) {
                return Some(s as usize);
            }
            let h = self.head[v];
            if h == NONE {
                return None;
            }
            let rel = self.rel[v];
            if rel == r.relcl || rel == r.acl {
                // "the official, speaking on condition …" / a relative clause without a
                // relative pronoun: the noun the clause modifies.
                return Some(h as usize);
            }
            // "… and said", "…, adding", "wants to say": the subject of the governing verb.
            if rel == r.conj || rel == r.xcomp || rel == r.advcl {
                v = h as usize;
                continue;
            }
            return None;
        }
        None
    }

    /// The noun phrase headed by `h` as a token range: its subtree without clauses and
    /// punctuation at the edges, at most [`MAX_NP`] tokens (nearest the head first, and
    /// none past punctuation after it).
    pub(super) fn phrase(&self, h: usize) -> (usize, usize) {
        let (mut a, mut b) = (h, h + 1);
        let mut stack = vec![h];
        let mut seen = 0;
        while let Some(x) = stack.pop() {
            seen += 1;
            if seen > 64 {
                break;
            }
            for &k in self.children(x) {
                let k = k as usize;
                if self.cut.contains(&self.rel[k]) {
                    continue;
                }
                stack.push(k);
                a = a.min(k);
                b = b.max(k + 1);
            }
        }
        if b - a > MAX_NP {
            // Too long: the words before the head, and after it up to the first punctuation
            // ("Prof Gavin Yamey, director of … at Duke University, who …" keeps the name).
            a = a.max(h.saturating_sub(MAX_NP - 1));
            let stop = (h + 1..b).find(|&k| self.rel[k] == self.rels.punct).unwrap_or(b);
            b = stop.min(a + MAX_NP).max(h + 1);
        }
        // Edge words that are no part of the name: "according to X", ", X".
        while a < h && [self.rels.punct, self.rels.case, self.rels.fixed, self.rels.cc].contains(&self.rel[a]) {
            a += 1;
        }
        while b > h + 1 && self.rel[b - 1] == self.rels.punct {
            b -= 1;
        }
        (a, b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsgraph_core::{Meta, Span, TokenTags};

    /// A document with the given words, heads (index, or NONE) and relations.
    fn doc(words: &[&str], heads: &[u32], rels: &[&str]) -> Doc {
        let text = words.join(" ");
        let mut d = Doc::new(Meta::default(), text);
        let mut p = 0usize;
        for w in words {
            d.tokens.push(Span::new(p, p + w.len()));
            p += w.len() + 1;
        }
        d.tags = heads.iter().zip(rels).map(|(&h, r)| TokenTags { head: h, deprel: crate::deprels::id(r), ..TokenTags::default() }).collect();
        d
    }

    #[test]
    fn subject_of_a_cue_and_its_phrase() {
        // The senior senator from Ohio said that …
        let d = doc(
            &["The", "senior", "senator", "from", "Ohio", "said", "that", "taxes", "rise"],
            &[2, 2, 5, 4, 2, NONE, 8, 8, 5],
            &["det", "amod", "nsubj", "case", "nmod", "root", "mark", "nsubj", "ccomp"],
        );
        let s = Syntax::new(&d).unwrap();
        assert_eq!(s.root_of(5, 6), 5);
        assert_eq!(s.subject_of(5, false), Some(2));
        assert_eq!(s.phrase(2), (0, 5));
        // A spokesperson for a long name with its acronym (13 words) is kept whole.
        let words = ["a", "spokesperson", "for", "the", "Universities", "and", "Colleges", "Employers", "’", "Association", "(", "UCEA", ")", "said", "pay", "rose"];
        let heads = [1, 13, 9, 9, 9, 6, 4, 9, 7, 1, 11, 9, 11, NONE, 15, 13];
        let rels = ["det", "nsubj", "case", "det", "compound", "cc", "conj", "compound", "case", "nmod", "punct", "appos", "punct", "root", "nsubj", "ccomp"];
        let s = Syntax::new(&doc(&words, &heads, &rels)).unwrap();
        assert_eq!(s.subject_of(13, false), Some(1));
        assert_eq!(s.phrase(1), (0, 12));
        // Longer still: the name before the apposition's comma is kept, not the head alone.
        let words = ["Prof", "Gavin", "Yamey", ",", "director", "of", "the", "Centre", "for", "Policy", "Impact", "in", "Global", "Health", "at", "Duke", "University", ",", "says"];
        let heads = [18, 0, 1, 4, 0, 7, 7, 4, 10, 10, 7, 13, 13, 7, 16, 16, 4, 0, NONE];
        let rels = ["nsubj", "appos", "flat", "punct", "conj", "case", "det", "nmod", "case", "compound", "nmod", "case", "compound", "nmod", "case", "compound", "nmod", "punct", "root"];
        let s = Syntax::new(&doc(&words, &heads, &rels)).unwrap();
        assert_eq!(s.phrase(0), (0, 3));
    }

    #[test]
    fn participle_and_relative_clause_and_according() {
        // Smith left , saying he was tired
        let d = doc(&["Smith", "left", ",", "saying", "he", "was", "tired"], &[1, NONE, 3, 1, 6, 6, 3], &["nsubj", "root", "punct", "advcl", "nsubj", "cop", "ccomp"]);
        let s = Syntax::new(&d).unwrap();
        assert_eq!(s.subject_of(3, false), Some(0));
        // Smith , who said no , left
        let d = doc(&["Smith", ",", "who", "said", "no", ",", "left"], &[6, 3, 3, 0, 3, 3, NONE], &["nsubj", "punct", "nsubj", "acl:relcl", "obj", "punct", "root"]);
        let s = Syntax::new(&d).unwrap();
        assert_eq!(s.subject_of(3, false), Some(2));
        // according to police , it rained
        let d = doc(&["according", "to", "police", ",", "it", "rained"], &[2, 0, 5, 5, 5, NONE], &["case", "fixed", "obl", "punct", "nsubj", "root"]);
        let s = Syntax::new(&d).unwrap();
        assert_eq!(s.subject_of(0, true), Some(2));
        assert_eq!(s.phrase(2), (2, 3));
        // No parse, no syntax.
        let mut d = d;
        d.tags.iter_mut().for_each(|t| t.head = NONE);
        assert!(Syntax::new(&d).is_none());
    }
}
