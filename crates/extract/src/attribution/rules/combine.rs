//! Combining the learned tagger's spans ([`crate::attribution::model`]) with the rules'
//! attributions. Tuned on PolNeAR dev (`newsgraph eval attribution`):
//! - the rules' direct quotes stay as they are (quote pairing and speakers are reliable), and
//!   so do their "…, says X, an astronomer" and "…, X, an astronomer, said" readings where
//!   the tagger took X for content;
//! - the model leads elsewhere: a content run that holds a coordinated cue ("… and warned
//!   …") is first cut in two, and two content runs with only a comma between them and no
//!   cue of their own after the second are joined; a content run with a cue run near it in the same sentence
//!   and a source run near that cue becomes an attribution; a content run with no cue in its
//!   sentence takes the verb it hangs on in the parse as cue and that verb's subject as
//!   source, else a source run in its paragraph, else, when it is quoted, the source and
//!   cue of the next attribution in the paragraph or the previous one nearby (the same
//!   speech going on); a cue run left with no content, with a source run before it or a
//!   parse subject, takes the clause after it as content, unless the rules read that cue
//!   as parenthetical ("…, federal authorities announced Wednesday.");
//! - the rules' other attributions come back where the model found nothing; one that shares
//!   its cue with a model attribution widens that content to the clause end, and one whose
//!   content holds the model's cue (the model found a nested attribution) replaces it;
//! - attributions with a cue but no source take the model's source run next to the cue,
//!   else the subject the rules read left of it.

use newsgraph_core::Span;

use super::{Finder, Range};
use crate::attribution::model::{segments, Role, Segment};

mod cueless;
mod runs;
use crate::attribution::syntax::Syntax;

/// Model content shorter than this (tokens) is not added on its own.
const MIN_CONTENT: usize = 3;
/// Largest gap (tokens) between a content run and its cue.
const MAX_CUE_GAP: usize = 12;
/// Largest gap (tokens) between a cue and its source.
const MAX_SOURCE_GAP: usize = 20;
/// Content with no cue in its sentence is kept from this length (tokens).
const NO_CUE_MIN: usize = 4;

pub(super) fn gap(a: &Segment, b: &Segment) -> usize {
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
    pub(super) fn sentence_id(&self, i: usize) -> usize {
        self.doc.sentence_of(i).unwrap_or(0)
    }

    /// Is the byte span free of what the rules already found (contents, cues, sources)?
    pub(super) fn free(&self, s: Span) -> bool {
        !self.out.iter().any(|a| overlaps(a.content, s) || a.cue_span.is_some_and(|c| overlaps(c, s)) || a.source_span.is_some_and(|c| overlaps(c, s)))
    }

    /// The nearest run of `role` to `to` within `max` tokens, sharing a sentence with it.
    pub(super) fn nearest(&self, segs: &[Segment], role: Role, to: &Segment, max: usize, taken: &[bool]) -> Option<usize> {
        let sents = [self.sentence_id(to.a), self.sentence_id(to.b - 1)];
        segs.iter()
            .enumerate()
            .filter(|(k, s)| s.role == role && !taken[*k] && gap(s, to) <= max && (sents.contains(&self.sentence_id(s.a)) || sents.contains(&self.sentence_id(s.b - 1))))
            .min_by_key(|(k, s)| (gap(s, to), *k))
            .map(|(k, _)| k)
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
                    let head = self.cue_head(a, b);
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


    /// A rule attribution read as "…, says Laura Spitler, an astronomer …" (content before
    /// the cue, a capitalised source after a reporting cue, then a comma or the sentence
    /// end) whose source the tagger took for content: the tagger has no content run for
    /// what was said, and pairing its run with the cue would make the speaker the content.
    fn inverted_parenthetical(&self, a: &newsgraph_core::Attribution, segs: &[Segment]) -> bool {
        let (Some(src), Some(cue)) = (a.source_span, a.cue_span) else { return false };
        let (src_a, src_b) = self.tokens_of(src);
        let closed = src_b >= self.n()
            || matches!(self.low(src_b), "," | "." | ";")
            || super::lx::is_clause_after_speaker(self.low(src_b))
            || self.sentence_id(src_b) != self.sentence_id(src_b - 1);
        // Runs are in text order: the first one ending after the source starts.
        let first = segs.partition_point(|s| s.b <= src_a);
        a.content.end <= cue.start
            && cue.end <= src.start
            && closed
            && self.strong_cue(cue)
            && src.text(&self.doc.text).starts_with(char::is_uppercase)
            && segs[first..].iter().take_while(|s| s.a < src_b).any(|s| s.role == Role::Content)
    }

    /// The source tokens of an attribution shaped "…, John Smith, a spokesman for Acme,
    /// said" (the content, then the speaker and its description between commas, then a
    /// strong reporting cue right after the last comma), a reading precise enough that
    /// neither the tagger's runs nor the learned filter (nor, for indirect speech, the source
    /// chooser) overrule it.
    pub(super) fn described_speaker(&self, a: &newsgraph_core::Attribution) -> Option<(usize, usize)> {
        let (src, cue) = (a.source_span?, a.cue_span?);
        let ((src_a, src_b), (cue_a, _)) = (self.tokens_of(src), self.tokens_of(cue));
        let shaped = a.content.end <= src.start
            && src.end <= cue.start
            && src_b < cue_a
            && self.low(cue_a - 1) == ","
            && (src_a + 1..src_b.saturating_sub(1)).any(|k| self.low(k) == ",")
            && self.strong_cue(cue);
        shaped.then_some((src_a, src_b))
    }

    /// A rule attribution with a [`Self::described_speaker`] the tagger took for content
    /// or source: paired with the cue, a content run there would make the speaker part of
    /// what was said.
    fn described_parenthetical(&self, a: &newsgraph_core::Attribution, segs: &[Segment]) -> bool {
        self.described_speaker(a).is_some_and(|(src_a, src_b)| segs.iter().any(|s| matches!(s.role, Role::Content | Role::Source) && s.a < src_b && src_a < s.b))
    }

    /// Is the head word of the cue span a strong reporting cue ([`super::lx::STRONG_CUE_RATIO`])?
    fn strong_cue(&self, cue: Span) -> bool {
        let (a, b) = self.tokens_of(cue);
        super::lx::cue_ratio(self.low(self.cue_head(a, b))) >= super::lx::STRONG_CUE_RATIO
    }

    /// The head word of the cue tokens `[a, b)`: the last one the cue lexicon knows ("said"
    /// of "has said"), else the last token.
    pub(super) fn cue_head(&self, a: usize, b: usize) -> usize {
        (a..b).rev().find(|&t| super::lx::cue_ratio(self.low(t)) > 0.0).unwrap_or(b - 1)
    }

    /// Merge the tagger's `labels` (one per token) into the rules' attributions.
    pub(super) fn add_model(&mut self, labels: &[u8], syn: Option<&Syntax>) {
        if labels.len() != self.n() {
            return;
        }
        let mut segs = self.join_comma_split(self.split_coordinated(segments(labels)));
        // A cue run inside a hyphenated word ("income-restricted housing") is no cue.
        segs.retain(|s| s.role != Role::Cue || !((s.a..s.b).any(|i| self.after_hyphen(i)) && (s.a..s.b).all(|i| self.after_hyphen(i) || self.is_punct(i))));
        let mut taken = vec![false; segs.len()];
        // The model leads except over direct quotes and inverted parentheticals: set the
        // rules' other findings aside and give them back where the model found nothing.
        let rules = std::mem::take(&mut self.out);
        let rules_src = std::mem::take(&mut self.out_src);
        let mut rest = Vec::new();
        for (a, s) in rules.into_iter().zip(rules_src) {
            if a.kind == "direct" || self.inverted_parenthetical(&a, &segs) || self.described_parenthetical(&a, &segs) {
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
                    self.cueless(&segs, c, content, syn);
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
            let head = self.cue_head(cue.a, cue.b);
            let according = (cue.a..cue.b).any(|t| self.low(t) == "according");
            let kind = if according { "according_to" } else { self.kind_of(head, src, content) };
            self.push(kind, src, Some(cue_span), content);
        }
        // Before the rules' leftovers: with the tagger's cue and source they do better
        // than the rules' reading of the same clause (source F1 0.708 against 0.706).
        // Cues the rules read as "…, X said": their clause before the cue is the content.
        // Sorted, so that each cue run looks its own up by bisection.
        let mut parenthetical: Vec<Span> =
            rest.iter().filter_map(|(a, _)| a.cue_span.filter(|c| a.content.end <= c.start && a.source_span.is_some())).collect();
        parenthetical.sort_by_key(|c| c.start);
        self.orphan_cues(&segs, &mut taken, syn, &parenthetical);
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

#[cfg(test)]
mod tests {
    use newsgraph_core::{Doc, Meta, Stage};
    use newsgraph_text::Segmenter;

    use super::super::Finder;

    /// Run the rules and `labels` (one letter a token: O, S/s source begin/inside, C/c cue,
    /// X/x content) over `text`; (source, cue, content) of each attribution.
    fn run(text: &str, labels: &str) -> Vec<(String, String, String)> {
        let mut d = Doc::new(Meta::default(), text.to_string());
        Segmenter.process(&mut d);
        let ids: Vec<u8> = labels.chars().filter(|c| !c.is_whitespace()).map(|c| "OSsCcXx".find(c).unwrap() as u8).collect();
        assert_eq!(ids.len(), d.tokens.len(), "one label a token: {:?}", (0..d.tokens.len()).map(|i| d.token_text(i)).collect::<Vec<_>>());
        let out = Finder::new(&d).run(Some(&ids));
        let t = |s: Option<newsgraph_core::Span>| s.map_or(String::new(), |s| s.text(&d.text).to_string());
        out.iter().map(|a| (t(a.source_span), t(a.cue_span), a.content.text(&d.text).to_string())).collect()
    }

    /// "The senator from Ohio guessed taxes will rise soon ." with a hand-made parse.
    fn parsed(with_heads: bool) -> Doc {
        let words = ["The", "senator", "from", "Ohio", "guessed", "taxes", "will", "rise", "soon", "."];
        let upos = ["DET", "NOUN", "ADP", "PROPN", "VERB", "NOUN", "AUX", "VERB", "ADV", "PUNCT"];
        let heads = if with_heads { [1, 4, 3, 1, u32::MAX, 7, 7, 4, 7, 4] } else { [u32::MAX; 10] };
        let rels = ["det", "nsubj", "case", "nmod", "root", "nsubj", "aux", "ccomp", "advmod", "punct"];
        super::super::parsed_doc(&words, &upos, &heads, &rels)
    }

    #[test]
    fn content_with_no_cue_run_takes_the_verb_it_hangs_on() {
        // The tagger found the content only.
        let labels = [0, 0, 0, 0, 0, 5, 6, 6, 6, 0];
        let d = parsed(true);
        let out = Finder::new(&d).run(Some(&labels));
        let t = |s: Option<newsgraph_core::Span>| s.map_or(String::new(), |s| s.text(&d.text).to_string());
        let got: Vec<_> = out.iter().map(|a| (t(a.source_span), t(a.cue_span), a.content.text(&d.text).to_string())).collect();
        assert_eq!(got, vec![("The senator from Ohio".to_string(), "guessed".to_string(), "taxes will rise soon".to_string())]);
        // Without the parse nothing frames the content: with neither cue nor source, it goes.
        let d = parsed(false);
        let out = Finder::new(&d).run(Some(&labels));
        assert!(out.is_empty(), "{out:?}");
    }

    #[test]
    fn content_run_over_a_coordinated_cue_is_cut_in_two() {
        let got = run("He said the plan was good and warned that costs would rise.", "S C X x x x x x x x x x O");
        let cues: Vec<(&str, &str)> = got.iter().map(|(_, c, x)| (c.as_str(), x.as_str())).collect();
        assert!(cues.contains(&("said", "the plan was good")), "{got:?}");
        assert!(cues.iter().any(|&(c, x)| c == "warned" && x.ends_with("costs would rise") && !x.contains("good")), "{got:?}");
    }

    #[test]
    fn unquoted_content_without_a_cue_borrows_no_source_run() {
        // The tagger marked a source and, a sentence later, content with no cue: unquoted
        // text does not take that source (PolNeAR dev: source precision 0.736 → 0.747), and
        // with neither source nor cue it is no attribution.
        let got = run("Mr. Smith met them. The plan will surely fail in the end.", "S s O O O X x x x x x x x O");
        assert!(got.iter().all(|(_, _, x)| !x.starts_with("The plan")), "{got:?}");
    }

    #[test]
    fn content_runs_broken_at_a_comma_are_one() {
        let got = run("He said that in ten years there, he never saw smoke like that.", "S C X x x x x O X x x x x x O");
        assert_eq!(got, vec![("He".to_string(), "said".to_string(), "that in ten years there, he never saw smoke like that".to_string())]);
    }

    #[test]
    fn cue_read_as_parenthetical_keeps_the_clause_before_it() {
        // The tagger found source and cue but no content: the clause after the cue is an
        // adjunct, the content is the clause before the comma.
        let got = run("Three people were arrested in Boston, federal authorities announced late on Wednesday.", "O O O O O O O S s C O O O O");
        assert_eq!(got, vec![("federal authorities".to_string(), "announced".to_string(), "Three people were arrested in Boston".to_string())]);
    }

    #[test]
    fn inverted_speaker_the_tagger_took_for_content_stays_the_source() {
        let got = run(
            "The telescope will be useful, says Laura Spitler, an astronomer in Bonn.",
            "O O O O O O C X x x x x x x O",
        );
        assert_eq!(got, vec![("Laura Spitler".to_string(), "says".to_string(), "The telescope will be useful".to_string())]);
        // A subordinate clause after the speaker's name ends the parenthetical.
        let got = run("The telescope will be useful, says Laura Spitler as she urged patience.", "O O O O O O C X x x x x x O");
        assert_eq!(got[0], ("Laura Spitler".to_string(), "says".to_string(), "The telescope will be useful".to_string()), "{got:?}");
    }

    #[test]
    fn described_speaker_the_tagger_took_for_content_stays_the_source() {
        // "…, John Smith, a spokesman for Acme, said": the rules' reading (content, speaker
        // and description, cue) stays where the tagger's content runs into the speaker, and
        // where it saw the speaker as a source but found no content.
        for (text, labels, speaker, content) in [
            ("The company will cut 200 jobs, John Smith, a spokesman for Acme, said on Monday.", "X x x x x x x x x O O O O O O C O O O", "John Smith", "The company will cut 200 jobs"),
            ("We will not back down, Ms Carter, who leads the campaign, said on Friday.", "S C c c c O S s O O O O O O C O O O", "Ms Carter", "We will not back down"),
        ] {
            let got = run(text, labels);
            assert_eq!(got.len(), 1, "{got:?}");
            assert!(got[0].0.starts_with(speaker), "{got:?}");
            assert_eq!((got[0].1.as_str(), got[0].2.as_str()), ("said", content));
        }
    }

    #[test]
    fn a_quote_hanging_on_a_verb_that_reports_nothing_goes_on_with_the_speech_before_it() {
        // The tagger found Etienne's words and, apart, the second quote, which the parse
        // hangs on "spread".
        let text = "The virus spread , and Etienne noted that “ we have seen it before , ” but we now “ know what it takes . ”";
        let words: Vec<&str> = text.split(' ').collect();
        let spread = words.iter().position(|w| *w == "spread").unwrap();
        let know = words.iter().position(|w| *w == "know").unwrap();
        let upos: Vec<&str> = words.iter().map(|w| match *w { "spread" | "noted" | "seen" | "know" | "takes" => "VERB", _ if w.chars().all(|c| !c.is_alphanumeric()) => "PUNCT", _ => "NOUN" }).collect();
        // "virus" is the subject of "spread", "know" its conjunct, the rest hangs on "know".
        let heads: Vec<u32> = (0..words.len()).map(|i| if i == spread { u32::MAX } else if i == know || i == 1 { spread as u32 } else { know as u32 }).collect();
        let rels: Vec<&str> = (0..words.len()).map(|i| if i == spread { "root" } else if i == know { "conj" } else if i == 1 { "nsubj" } else { "dep" }).collect();
        let d = super::super::parsed_doc(&words, &upos, &heads, &rels);
        let role = |i: usize| match words[i] {
            "Etienne" => 1,
            "noted" => 3,
            "that" => 5,
            _ if (7..=14).contains(&i) => 6,
            _ if i == know - 1 => 5,
            _ if i >= know => 6,
            _ => 0,
        };
        let mut labels: Vec<u8> = (0..words.len()).map(role).collect();
        let out = Finder::new(&d).run(Some(&labels));
        let know_quote = out.iter().find(|a| a.content.text(&d.text).contains("know what")).expect("the quote is kept");
        assert_eq!(know_quote.source_span.map(|s| s.text(&d.text)), Some("Etienne"), "{out:?}");
        // The tagger's taking the "we" before the quote for a source changes nothing: a first
        // person outside the marks is the speaker's own word.
        labels[know - 3] = 1;
        let out = Finder::new(&d).run(Some(&labels));
        let know_quote = out.iter().find(|a| a.content.text(&d.text).contains("know what")).expect("the quote is kept");
        assert_eq!(know_quote.source_span.map(|s| s.text(&d.text)), Some("Etienne"), "{out:?}");
    }

    #[test]
    fn a_title_the_tagger_took_for_a_quote_is_no_attribution() {
        let got = run("“Parasite,” the satire about wealth, won the prize.", "X x x x S s s s O O O O O");
        assert!(got.iter().all(|(_, _, x)| !x.contains("Parasite")), "{got:?}");
    }

    #[test]
    fn cue_with_a_source_and_no_content_reads_the_clause_after_it() {
        let got = run("These voters point to the 1994 crime bill.", "S s C c O O O O O");
        assert_eq!(got, vec![("These voters".to_string(), "point to".to_string(), "the 1994 crime bill".to_string())]);
        // Without a source run (and no parse), a lone cue run makes nothing.
        assert!(run("These voters point to the 1994 crime bill.", "O O C c O O O O O").is_empty());
    }
}
