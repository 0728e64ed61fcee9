//! A last pass over the attributions found: the source read from the dependency parse (the
//! subject of the cue word, see [`crate::attribution::syntax`]) fills a missing source and
//! replaces one that is no noun phrase ("from", "who was under", "away": leftovers of the
//! tagger's token-by-token decisions). It leaves noun-phrase sources alone: where the
//! tagger's or the rules' noun phrase and the parse's subject differ, each is right about
//! as often on PolNeAR dev (always replacing: source F1 0.654 against 0.658). First, a
//! content that runs into its cue's own subject ("…, Jane Smith, a professor at Leeds,
//! said") gives that subject back as the source. Without a parse it does nothing.
//!
//! Then, when the model file has one, the learned source chooser
//! ([`crate::attribution::source_model`]) has the last word on every attribution whose cue
//! (or, with no cue, the verb its content hangs on) it can frame: it keeps the source found,
//! takes another phrase of the sentence, or drops the source (PolNeAR dev: source F1 0.708 →
//! 0.733; with no cue, the verb becomes the cue when a phrase is chosen); and the learned
//! filter ([`crate::attribution::keep_model`]) drops the attributions it judges false
//! alarms, quotations excepted (source F1 0.733 → 0.739, content 0.820 → 0.822).

use newsgraph_core::Span;

use super::combine::overlaps;
use super::{Finder, Range};
use crate::attribution::source_model::{frame, Candidate, Context, Found};
use crate::attribution::syntax::Syntax;

/// The subject the parse gives a cue: its head token, its phrase, and whether the cue is
/// "according to" (whose "subject" is the object of "to").
struct Subject {
    h: usize,
    phrase: Range,
    according: bool,
}

impl Finder<'_> {
    /// Which tokens lie inside quotation marks (marks included).
    pub(in crate::attribution) fn quoted_tokens(&self) -> Vec<bool> {
        self.tok_quote.iter().map(|&q| q != super::NONE).collect()
    }

    /// The token range of byte span `s`.
    pub(super) fn tokens_of(&self, s: Span) -> (usize, usize) {
        let a = self.doc.tokens.partition_point(|t| t.end <= s.start);
        let b = self.doc.tokens.partition_point(|t| t.start < s.end).max(a + 1).min(self.n());
        (a, b)
    }

    /// Does `[a, b)` hold a noun, a proper noun, a pronoun or a number?
    fn nominal(&self, a: usize, b: usize) -> bool {
        (a..b).any(|k| matches!(self.upos(k), Some("NOUN" | "PROPN" | "PRON" | "NUM")))
    }

    /// A source phrase that is no noun phrase: no noun, pronoun or number, a verb inside
    /// ("who was under"), or a preposition or adverb first ("from", "away").
    fn odd_source(&self, a: usize, b: usize) -> bool {
        !self.nominal(a, b) || (a..b).any(|k| matches!(self.upos(k), Some("VERB" | "AUX"))) || matches!(self.upos(a), Some("ADP" | "ADV" | "PART" | "SCONJ" | "CCONJ"))
    }

    /// The subject of a cue span's governing word ("according to X": X) as its head token
    /// and phrase; `None` for a cue of punctuation only (a dash or colon standing for the
    /// cue of a signed quote) or a governing word without a subject.
    fn cue_subject(&self, syn: &Syntax, cue: Span) -> Option<Subject> {
        let (a, b) = self.tokens_of(cue);
        if !(a..b).any(|k| !self.is_punct(k)) {
            return None;
        }
        let according = (a..b).find(|&k| self.low(k) == "according");
        let h = match according {
            Some(k) => syn.subject_of(k, true)?,
            None => syn.subject_of(syn.root_of(a, b), false)?,
        };
        let (sa, sb) = syn.phrase(h);
        Some(Subject { h, phrase: Range { a: sa, b: sb }, according: according.is_some() })
    }

    /// The parse's source for a cue span: the subject phrase of its governing word, unless
    /// it overlaps `content` or is no noun phrase.
    pub(super) fn parse_source(&self, syn: &Syntax, cue: Span, content: Span) -> Option<Range> {
        self.subject_source(&self.cue_subject(syn, cue)?, cue, content)
    }

    /// [`Self::parse_source`] for a subject already found.
    fn subject_source(&self, s: &Subject, cue: Span, content: Span) -> Option<Range> {
        let r = s.phrase;
        let span = self.doc.token_span(r.a, r.b);
        if overlaps(span, content) || overlaps(span, cue) || !self.nominal(r.a, r.b) || self.in_quote(s.h) {
            return None;
        }
        Some(r)
    }

    /// "The plan will fail, Prof Jane Smith, an economist at Leeds University, said": when
    /// a content before its cue ends with the cue's own subject, set off by a comma, the
    /// subject is the source and not part of what was said (the tagger's token-by-token
    /// runs tend to carry the content on through a name it does not take for a speaker).
    fn release_swallowed_speaker(&mut self, i: usize, cue: Span, s: &Subject) {
        if s.according || self.out[i].content.end > cue.start {
            return;
        }
        let (ca, ce) = self.tokens_of(self.out[i].content);
        let (qa, _) = self.tokens_of(cue);
        let Range { a: sa, b: sb } = s.phrase;
        // The content runs into the subject, which starts after a comma and reaches the cue
        // (punctuation aside), and the content keeps a clause of its own before that comma.
        let tail_of_content = sa > ca + 3 && sa < ce && self.low(sa - 1) == "," && sb <= qa && (sb..qa).all(|k| self.is_punct(k));
        if !tail_of_content || !matches!(self.upos(s.h), Some("PROPN" | "NOUN" | "PRON")) || (sa..sb).any(|k| self.in_quote(k)) {
            return;
        }
        let mut e = sa - 1;
        while e > ca && self.is_punct(e - 1) {
            e -= 1;
        }
        self.out[i].content = self.doc.token_span(ca, e);
        self.out[i].source = self.resolve(s.phrase);
        self.out[i].source_span = Some(self.doc.token_span(sa, sb));
        self.out_src[i] = Some(s.phrase);
    }

    /// The learned models' pass, when the model file has them: the filter's verdict on
    /// every attribution (read before any change, as in training), then the chooser's source
    /// for every attribution it can frame (a cue word, or the verb a cueless content hangs
    /// on): a phrase of that sentence, the source already found, or none; then the rejected
    /// attributions go.
    pub(super) fn learned(&mut self, syn: &Syntax) {
        let Some(learned) = self.learned else { return };
        let ctx = Context::new(self.doc, syn, self.quoted_tokens(), Some((learned.labels, learned.margins)));
        let mut keep = vec![true; self.out.len()];
        let mut scratch = (Vec::new(), Vec::new());
        for i in 0..self.out.len() {
            let a = &self.out[i];
            let content = [self.tokens_of(a.content)];
            let found = Found { cue: a.cue_span.map(|c| self.tokens_of(c)), content: &content, kind: &a.kind, current: a.source_span.map(|s| self.tokens_of(s)) };
            let fr = frame(&ctx, &found);
            // Quotations stay: quote pairing and speakers are the rules' reliable part; so do
            // speaker labels ("PENCE: …", "Poll: …"), which name their source outright.
            let labelled = super::is_labelled(a, &self.doc.text);
            // The filter reads tags and the tagger's margins, which title case misleads.
            let title_case = found.cue.is_some_and(|(c, _)| self.title_case[c]);
            let described = self.described_speaker(a).is_some();
            // "According to X" and "per X" name their source outright, like quotations.
            let sourced = a.kind == "according_to";
            if let Some(filter) = learned.filter.filter(|_| a.kind != "direct" && !sourced && !labelled && !title_case && !described) {
                keep[i] = filter.keeps(&ctx, &found, fr.as_ref(), &mut scratch);
            }
            // The rules' described speaker (of indirect speech or of a quotation) is the name
            // with its description; the chooser, framing the clause by a parse that went wrong, would
            // pick a phrase inside the description ("the campaign" of "Ms Carter, who
            // leads the campaign").
            if labelled || described {
                continue;
            }
            let (Some(chooser), Some(fr)) = (learned.chooser, fr) else { continue };
            // A quotation with no cue whose speaker the rules carried over from the speech
            // around it keeps that speaker: the chooser would frame it by whatever verb the
            // parse hangs it on ("BA.2 has been detected …, and the Director noted that
            // “…,” but we now “know …”").
            if a.kind == "direct" && a.cue_span.is_none() && a.source_span.is_some() {
                continue;
            }
            match chooser.choose(&ctx, &found, &fr) {
                Candidate::Keep => {}
                Candidate::Null => {
                    self.out[i].source = None;
                    self.out[i].source_span = None;
                    self.out_src[i] = None;
                }
                Candidate::Phrase { a, b, .. } => {
                    let v = fr.v;
                    let r = Range { a, b };
                    // An attribution with no cue takes the word its content hangs on.
                    if self.out[i].cue_span.is_none() {
                        let cue = self.cue_span(v, self.sentence_start(v));
                        if !overlaps(self.out[i].content, cue) {
                            self.out[i].cue_span = Some(cue);
                        }
                    }
                    if self.out_src[i] != Some(r) {
                        self.out[i].source = self.resolve(r);
                        self.out[i].source_span = Some(self.doc.token_span(a, b));
                        self.out_src[i] = Some(r);
                    }
                }
            }
        }
        let mut k = keep.iter();
        self.out_src.retain(|_| k.next().copied().unwrap_or(true));
        let mut k = keep.iter();
        self.out.retain(|_| k.next().copied().unwrap_or(true));
    }

    /// Fill missing and odd sources of the attributions found so far with the parse's.
    pub(super) fn parse_sources(&mut self, syn: &Syntax) {
        for i in 0..self.out.len() {
            let Some(cue) = self.out[i].cue_span else { continue };
            let Some(subject) = self.cue_subject(syn, cue) else { continue };
            self.release_swallowed_speaker(i, cue, &subject);
            let a = &self.out[i];
            let current = a.source_span.map(|s| self.tokens_of(s));
            if current.is_some_and(|(x, y)| !self.odd_source(x, y)) {
                continue;
            }
            let Some(r) = self.subject_source(&subject, cue, a.content) else { continue };
            self.out[i].source = self.resolve(r);
            self.out[i].source_span = Some(self.doc.token_span(r.a, r.b));
            self.out_src[i] = Some(r);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Finder, Range};
    use crate::attribution::syntax::Syntax;

    use super::super::senator_said as parsed;

    fn source_of(f: &Finder<'_>, i: usize) -> Option<String> {
        f.out[i].source_span.map(|s| s.text(&f.doc.text).to_string())
    }

    #[test]
    fn parse_subject_fills_missing_and_replaces_odd_sources_only() {
        let d = parsed();
        let mut f = Finder::new(&d);
        let cue = Some(d.token_span(4, 5));
        let content = d.token_span(5, 7);
        f.push("indirect", Some(Range { a: 2, b: 3 }), cue, content); // "from": no noun phrase
        f.push("indirect", None, cue, content); // missing
        f.push("indirect", Some(Range { a: 3, b: 4 }), cue, content); // "Ohio": a noun phrase, kept
        f.push("indirect", None, None, content); // no cue: nothing to read the subject from
        f.parse_sources(&Syntax::new(&d).expect("the test document is parsed"));
        assert_eq!(source_of(&f, 0).as_deref(), Some("The senator from Ohio"));
        assert_eq!(source_of(&f, 1).as_deref(), Some("The senator from Ohio"));
        assert_eq!(source_of(&f, 2).as_deref(), Some("Ohio"));
        assert_eq!(source_of(&f, 3), None);
    }

    #[test]
    fn a_content_that_runs_into_its_speaker_gives_the_speaker_back() {
        let words = ["The", "plan", "will", "fail", ",", "Jane", "Smith", ",", "an", "economist", ",", "said", "."];
        let upos = ["DET", "NOUN", "AUX", "VERB", "PUNCT", "PROPN", "PROPN", "PUNCT", "DET", "NOUN", "PUNCT", "VERB", "PUNCT"];
        let heads = [1, 3, 3, 11, 3, 11, 5, 9, 9, 5, 5, u32::MAX, 11];
        let rels = ["det", "nsubj", "aux", "ccomp", "punct", "nsubj", "flat", "punct", "det", "appos", "punct", "root", "punct"];
        let d = super::super::parsed_doc(&words, &upos, &heads, &rels);
        let mut f = Finder::new(&d);
        let cue = Some(d.token_span(11, 12));
        // The tagger's runs: the name inside the content, the apposition taken for the source.
        f.push("indirect", Some(Range { a: 8, b: 10 }), cue, d.token_span(0, 7));
        // A content that stops at its own clause is left alone.
        f.push("indirect", Some(Range { a: 5, b: 10 }), cue, d.token_span(0, 4));
        f.parse_sources(&Syntax::new(&d).expect("parsed"));
        assert_eq!(f.out[0].content.text(&d.text), "The plan will fail");
        assert_eq!(source_of(&f, 0).as_deref(), Some("Jane Smith , an economist"));
        assert_eq!(f.out[1].content.text(&d.text), "The plan will fail");
        assert_eq!(source_of(&f, 1).as_deref(), Some("Jane Smith , an economist"));
    }

    #[test]
    fn no_parse_no_change() {
        let mut d = parsed();
        d.tags.iter_mut().for_each(|t| t.head = u32::MAX);
        let mut f = Finder::new(&d);
        f.push("indirect", None, Some(d.token_span(4, 5)), d.token_span(5, 7));
        // As `Finder::run` does: the source repair runs only over a parse.
        let syn = Syntax::new(&d);
        assert!(syn.is_none());
        if let Some(syn) = &syn {
            f.parse_sources(syn);
        }
        assert_eq!(source_of(&f, 0), None);
    }
}
