//! Linking a source phrase to an entity of the document, for the attributor and, later, for
//! within-document resolution (which can absorb this module): a phrase that contains a
//! named mention links to that mention's entity, raised to the entity with the longest name
//! whose words include it ("Lukashenko" → "Aleksandr Lukashenko", honorifics ignored); a
//! description ("the Belarusian leader") links to the person whose name the article
//! premodified or glossed with the same words ("Belarusian President Aleksandr Lukashenko");
//! a pronoun links to the nearest preceding compatible subject or speaker. It reads
//! `Doc::entities`, never changes them, and makes no guess when nothing fits.

use newsgraph_core::{tagsets, Doc, Span};

use super::lexicon;

const PERSON: u8 = 0;

/// Entities of one document, indexed for linking.
pub struct Linker {
    /// (mention span, entity) sorted by span start.
    mentions: Vec<(Span, u32)>,
    /// Canonical entity of each entity (itself or a longer name of the same type).
    canonical: Vec<u32>,
    /// Lowercased words that premodify or gloss each entity's mentions.
    glosses: Vec<Vec<String>>,
    labels: Vec<u8>,
    /// (position, entity, strong) of person mentions and speakers in text order: pronoun
    /// antecedents; strong ones are subjects and speakers.
    antecedents: Vec<(u32, u32, u8)>,
}

fn name_words(name: &str) -> Vec<String> {
    name.split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '.').to_lowercase().replace('’', "'"))
        .map(|w| w.trim_end_matches("'s").to_string())
        .filter(|w| !w.is_empty() && !lexicon::is_honorific(w))
        .collect()
}

impl Linker {
    /// Index `doc.entities` (and the tokens around their mentions).
    pub fn new(doc: &Doc) -> Self {
        let n = doc.entities.len();
        let mut mentions = Vec::new();
        for (e, ent) in doc.entities.iter().enumerate() {
            for m in &ent.mentions {
                mentions.push((*m, e as u32));
            }
        }
        mentions.sort_by_key(|(s, e)| (s.start, s.end, *e));
        let words: Vec<Vec<String>> = doc.entities.iter().map(|e| name_words(&e.name)).collect();
        let labels: Vec<u8> = doc.entities.iter().map(|e| e.label).collect();
        let mut canonical: Vec<u32> = (0..n as u32).collect();
        for a in 0..n {
            if words[a].is_empty() {
                continue;
            }
            let mut best = a;
            for b in 0..n {
                let longer = words[b].len() > words[best].len()
                    || (words[b].len() == words[best].len() && doc.entities[b].name.len() > doc.entities[best].name.len());
                if b != a && labels[b] == labels[a] && longer && words[a].iter().all(|w| words[b].contains(w)) {
                    best = b;
                }
            }
            canonical[a] = best as u32;
        }
        let mut glosses = vec![Vec::new(); n];
        Self::collect_glosses(doc, &mentions, &canonical, &mut glosses);
        let mut antecedents = Vec::new();
        Self::collect_subjects(doc, &mentions, &canonical, &labels, &mut antecedents);
        Linker { mentions, canonical, glosses, labels, antecedents }
    }

    /// Premodifiers ("Wagner leader Yevgeny Prigozhin") and appositions ("Prigozhin, the
    /// founder of ...") of every mention.
    fn collect_glosses(doc: &Doc, mentions: &[(Span, u32)], canonical: &[u32], glosses: &mut [Vec<String>]) {
        let starts: Vec<u32> = doc.tokens.iter().map(|t| t.start).collect();
        for &(span, e) in mentions {
            let c = canonical[e as usize] as usize;
            let first = starts.partition_point(|&s| s < span.start);
            let last = starts.partition_point(|&s| s < span.end);
            // Up to three words before the name, stopping at punctuation and clause words.
            let mut i = first;
            let mut k = 0;
            while i > 0 && k < 3 {
                i -= 1;
                // "Pan American Health Organization (PAHO) Director Carissa Etienne": an
                // acronym in brackets is one word of the premodifier.
                if doc.token_text(i) == ")" && i >= 2 && doc.token_text(i - 2) == "(" {
                    glosses[c].push(doc.token_text(i - 1).to_lowercase());
                    i -= 2;
                    k += 1;
                    continue;
                }
                let w = doc.token_text(i).to_lowercase();
                if !w.chars().any(char::is_alphanumeric) || lexicon::is_clause_word(&w) || lexicon::is_preposition(&w) {
                    break;
                }
                // Only nominal premodifiers: "Belarusian President", not "has invited".
                let nominal = match doc.tags.get(i) {
                    Some(t) => matches!(tagsets::UPOS.get(t.upos as usize), Some(&"ADJ") | Some(&"NOUN") | Some(&"PROPN") | Some(&"DET")),
                    None => !(lexicon::is_aux(&w) || lexicon::is_cue_word(&w) || lexicon::is_pronoun(&w)),
                };
                if !nominal {
                    break;
                }
                if !lexicon::is_determiner(&w) {
                    glosses[c].push(w);
                }
                k += 1;
            }
            // An apposition: ", the founder of the company," right after the name.
            if last < doc.tokens.len() && doc.token_text(last) == "," {
                let mut j = last + 1;
                let mut k = 0;
                while j < doc.tokens.len() && k < 8 {
                    let w = doc.token_text(j).to_lowercase();
                    if matches!(w.as_str(), "," | "." | ";" | ":" | "—") || lexicon::is_clause_word(&w) {
                        break;
                    }
                    if !lexicon::is_determiner(&w) && !lexicon::is_preposition(&w) {
                        glosses[c].push(w);
                    }
                    j += 1;
                    k += 1;
                }
            }
        }
    }

    /// PERSON mentions that look like subjects: followed by a verb or auxiliary, or opening a
    /// sentence.
    fn collect_subjects(doc: &Doc, mentions: &[(Span, u32)], canonical: &[u32], labels: &[u8], out: &mut Vec<(u32, u32, u8)>) {
        let starts: Vec<u32> = doc.tokens.iter().map(|t| t.start).collect();
        for &(span, e) in mentions {
            if labels[e as usize] != PERSON {
                continue;
            }
            let last = starts.partition_point(|&s| s < span.end);
            let Some(next) = doc.tokens.get(last) else { continue };
            let w = next.text(&doc.text).to_lowercase();
            let verb = match doc.tags.get(last) {
                Some(t) if !doc.tags.is_empty() => matches!(tagsets::UPOS.get(t.upos as usize), Some(&"VERB") | Some(&"AUX")),
                // Without tags: a lowercase word that is no function word.
                _ => {
                    next.text(&doc.text).chars().next().is_some_and(char::is_lowercase)
                        && !(lexicon::is_preposition(&w) || lexicon::is_determiner(&w) || lexicon::is_clause_word(&w))
                }
            } || lexicon::is_aux(&w)
                || lexicon::is_cue_word(&w);
            out.push((span.start, canonical[e as usize], u8::from(verb)));
        }
    }

    /// Forget subjects inside `spans` (sorted, e.g. quotations: a name in a speaker's own
    /// words is no antecedent for the narrator's pronouns).
    pub fn drop_antecedents_in(&mut self, spans: &[Span]) {
        self.antecedents.retain(|&(p, _, _)| {
            let i = spans.partition_point(|s| s.end <= p);
            !(i < spans.len() && spans[i].start <= p)
        });
    }

    /// Record a resolved speaker at byte `pos` so that later pronouns can refer to it.
    pub fn add_speaker(&mut self, pos: u32, entity: u32) {
        let at = self.antecedents.partition_point(|&(p, _, _)| p <= pos);
        self.antecedents.insert(at, (pos, entity, 2));
    }

    /// Is entity `e` a person?
    pub fn is_person(&self, e: u32) -> bool {
        self.labels.get(e as usize) == Some(&PERSON)
    }

    /// The canonical entity of entity `e`.
    pub fn canonical(&self, e: u32) -> u32 {
        self.canonical.get(e as usize).copied().unwrap_or(e)
    }

    /// The mention of entity `e` (or of an entity it is canonical for) ending at byte `end`.
    pub fn mention_ending(&self, e: u32, end: u32) -> Option<Span> {
        let upto = self.mentions.partition_point(|(s, _)| s.start < end);
        self.mentions[..upto].iter().rev().take(8).find(|&&(s, m)| s.end == end && self.canonical(m) == e).map(|&(s, _)| s)
    }

    /// The entity named inside `span`, preferring a person, then the rightmost mention (the
    /// head of "Russian state media TASS").
    pub fn named_in(&self, span: Span) -> Option<u32> {
        let from = self.mentions.partition_point(|(s, _)| s.start < span.start);
        let mut best: Option<(bool, u32, u32)> = None;
        for &(s, e) in &self.mentions[from..] {
            if s.start >= span.end {
                break;
            }
            if s.end > span.end {
                continue;
            }
            let person = self.labels[e as usize] == PERSON;
            // Other names count only as the head of the phrase ("state news agency Belta"),
            // not as a modifier ("the Belarusian leader").
            if !person && s.end != span.end {
                continue;
            }
            let cand = (person, s.start, e);
            if best.map_or(true, |b| (cand.0, cand.1) > (b.0, b.1)) {
                best = Some(cand);
            }
        }
        best.map(|(_, _, e)| self.canonical(e))
    }

    /// The entity of the name mention that the end of `span` falls in, when the phrase was
    /// cut inside a name ("Jeff" of "Jeff Miller", "Dr Anthony" of "Dr Anthony Fauci"):
    /// the last mention starting before the span ends, if it reaches that far.
    pub fn name_around(&self, span: Span) -> Option<u32> {
        let upto = self.mentions.partition_point(|(s, _)| s.start < span.end);
        let &(s, e) = self.mentions[..upto].last()?;
        (span.end <= s.end).then(|| self.canonical(e))
    }

    /// The entity a pronoun at byte `pos` refers to (persons only for he/she, no person for
    /// they/it): the nearest
    /// subject in the same sentence (which starts at byte `sentence`), else the entity
    /// resolution linked it to, else the latest speaker, else the nearest subject, else the
    /// nearest mention.
    pub fn pronoun(&self, pos: u32, word: &str, sentence: u32) -> Option<u32> {
        let person_only = matches!(word, "he" | "she" | "i" | "him" | "her");
        let upto = self.antecedents.partition_point(|&(p, _, _)| p < pos);
        // "They" is a group: an organisation or place, never one person (a group of people
        // that is no entity, "the state's energy experts", leaves the pronoun unresolved
        // rather than given to whoever spoke last).
        let fits = |e: u32| person_only == self.is_person(e);
        let before = &self.antecedents[..upto];
        let find = |min: u8, from: u32| before.iter().rev().take_while(|&&(p, _, _)| p >= from).find(|&&(_, e, k)| k >= min && fits(e)).map(|&(_, e, _)| e);
        // A subject earlier in the same sentence first ("X marched ..., in what he said");
        // then the entity resolution linked the pronoun to, when it did (a pronoun mention
        // of its entity starting at `pos`): it weighs number, gender and the previous
        // sentence's subject, where the latest-speaker rule below would take whoever spoke
        // last ("Lukashenko said ... He released a message").
        let at = self.mentions.partition_point(|(s, _)| s.start < pos);
        let resolved = self.mentions[at..]
            .iter()
            .take_while(|(s, _)| s.start == pos)
            .map(|&(_, e)| e)
            .find(|&e| !person_only || self.labels.get(e as usize) == Some(&PERSON))
            .map(|e| self.canonical(e));
        find(1, sentence)
            .or(resolved)
            .or_else(|| before.iter().rev().find(|&&(_, e, k)| k == 2 && fits(e)).map(|&(_, e, _)| e))
            .or_else(|| find(1, 0))
            .or_else(|| find(0, 0))
    }

    /// The one person who is a subject or speaker between bytes `from` and `pos`, when every
    /// person mentioned there is that one ("Chris Grayling warned …. Speaking in the
    /// Commons, the Conservative MP said"): the referent of a definite role description
    /// that matches no gloss.
    pub fn sole_person_subject(&self, from: u32, pos: u32) -> Option<u32> {
        let lo = self.mentions.partition_point(|(s, _)| s.start < from);
        let hi = self.mentions.partition_point(|(s, _)| s.start < pos);
        let mut persons = self.mentions[lo..hi].iter().filter(|&&(_, e)| self.is_person(e)).map(|&(_, e)| self.canonical(e));
        let first = persons.next()?;
        if persons.any(|e| e != first) {
            return None;
        }
        let a = self.antecedents.partition_point(|&(p, _, _)| p < from);
        let b = self.antecedents.partition_point(|&(p, _, _)| p < pos);
        self.antecedents[a..b].iter().any(|&(_, e, k)| k >= 1 && e == first).then_some(first)
    }

    /// The person a description ("the Belarusian leader") refers to: the entity whose
    /// glosses share the most modifier words (role nouns count for less); `None` on ties
    /// or when no modifier matches.
    pub fn description(&self, words: &[&str]) -> Option<u32> {
        let content: Vec<String> = words
            .iter()
            .map(|w| w.to_lowercase())
            .filter(|w| !lexicon::is_determiner(w) && !lexicon::is_preposition(w) && w.chars().any(char::is_alphanumeric))
            .collect();
        // The head must name a role ("the Belarusian leader"), not a thing ("the county").
        if !content.last().is_some_and(|w| lexicon::is_role_noun(w)) {
            return None;
        }
        let mut best: Option<(u32, u32)> = None;
        let mut tie = false;
        for (e, g) in self.glosses.iter().enumerate() {
            if g.is_empty() || self.canonical[e] != e as u32 {
                continue;
            }
            let mut score = 0;
            let mut strong = false;
            for w in &content {
                if g.contains(w) {
                    if lexicon::is_role_noun(w) {
                        score += 1;
                    } else {
                        score += 2;
                        strong = true;
                    }
                }
            }
            if !strong {
                continue;
            }
            match best {
                Some((s, _)) if s > score => {}
                Some((s, _)) if s == score => tie = true,
                _ => {
                    best = Some((score, e as u32));
                    tie = false;
                }
            }
        }
        if tie {
            None
        } else {
            best.map(|(_, e)| e)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsgraph_core::{Entity, Meta};

    fn doc_with(text: &str, ents: &[(&str, u8)]) -> Doc {
        let mut doc = Doc::new(Meta::default(), text.to_string());
        let mut toks = Vec::new();
        newsgraph_core_tokens(text, &mut toks);
        doc.tokens = toks;
        for &(name, label) in ents {
            let mut mentions = Vec::new();
            let mut from = 0;
            while let Some(p) = text[from..].find(name) {
                mentions.push(Span::new(from + p, from + p + name.len()));
                from += p + name.len();
            }
            doc.entities.push(Entity { label, name: name.into(), aliases: vec![], descriptions: vec![], mentions, extra: Default::default() });
        }
        doc
    }

    /// Whitespace tokens with commas split off: enough for these tests.
    fn newsgraph_core_tokens(text: &str, out: &mut Vec<Span>) {
        let mut start = None;
        for (i, c) in text.char_indices() {
            if c.is_whitespace() || c == ',' || c == '.' {
                if let Some(s) = start.take() {
                    out.push(Span::new(s, i));
                }
                if c == ',' || c == '.' {
                    out.push(Span::new(i, i + 1));
                }
            } else if start.is_none() {
                start = Some(i);
            }
        }
        if let Some(s) = start {
            out.push(Span::new(s, text.len()));
        }
    }

    #[test]
    fn short_name_links_to_full_name() {
        let d = doc_with("Belarusian President Aleksandr Lukashenko spoke. Later Lukashenko said no.", &[("Aleksandr Lukashenko", 0), ("Lukashenko", 0)]);
        let l = Linker::new(&d);
        let at = d.text.rfind("Lukashenko").unwrap();
        assert_eq!(l.named_in(Span::new(at, at + 10)), Some(0));
    }

    #[test]
    fn part_of_a_name_links_to_the_name_around_it() {
        let d = doc_with("\"No,\" said Jeff Miller, a councilman. Miller left.", &[("Jeff Miller", 0), ("Miller", 0)]);
        let l = Linker::new(&d);
        let jeff = d.text.find("Jeff").unwrap();
        assert_eq!(l.named_in(Span::new(jeff, jeff + 4)), None);
        assert_eq!(l.name_around(Span::new(jeff, jeff + 4)), Some(0));
        let said = d.text.find("said").unwrap();
        assert_eq!(l.name_around(Span::new(said, jeff + 4)), Some(0));
        // A span reaching past the name, or between names, is no part of one.
        assert_eq!(l.name_around(Span::new(jeff, jeff + 20)), None);
        let a = d.text.find("a councilman").unwrap();
        assert_eq!(l.name_around(Span::new(a, a + 12)), None);
    }

    #[test]
    fn description_links_by_premodifier() {
        let d = doc_with(
            "Belarusian President Aleksandr Lukashenko met Wagner leader Yevgeny Prigozhin today.",
            &[("Aleksandr Lukashenko", 0), ("Yevgeny Prigozhin", 0)],
        );
        let l = Linker::new(&d);
        assert_eq!(l.description(&["the", "Belarusian", "leader"]), Some(0));
        assert_eq!(l.description(&["the", "Wagner", "chief"]), Some(1));
        assert_eq!(l.description(&["a", "spokeswoman"]), None);
    }

    #[test]
    fn an_acronym_in_brackets_is_a_word_of_the_premodifier() {
        use newsgraph_core::Stage;
        let text = "Pan American Health Organization (PAHO) Director Carissa Etienne spoke.";
        let mut d = doc_with(text, &[("Carissa Etienne", 0)]);
        d.tokens.clear();
        newsgraph_text::Segmenter.process(&mut d);
        assert_eq!(Linker::new(&d).description(&["the", "PAHO", "Director"]), Some(0));
    }

    #[test]
    fn pronoun_takes_nearest_preceding_subject() {
        let d = doc_with("Vladimir Putin stayed home. Yevgeny Prigozhin marched on Putin, in what he said was a response.", &[("Vladimir Putin", 0), ("Yevgeny Prigozhin", 0), ("Putin", 0)]);
        let l = Linker::new(&d);
        let he = d.text.find(" he ").unwrap() as u32;
        assert_eq!(l.pronoun(he, "he", 28), Some(1));
    }

    #[test]
    fn they_is_no_single_person() {
        let d = doc_with("Anne Gonzales spoke for the grid operator. They also said reserves were high.", &[("Anne Gonzales", 0)]);
        let mut l = Linker::new(&d);
        l.add_speaker(0, 0);
        let they = d.text.find("They").unwrap() as u32;
        assert_eq!(l.pronoun(they, "they", they), None);
        // "she" at the same place is the speaker.
        assert_eq!(l.pronoun(they, "she", they), Some(0));
    }

    #[test]
    fn a_pronoun_resolution_already_linked_wins() {
        // The speaker-first rule would give "he" to Putin, the latest speaker; entity
        // resolution linked it to Prigozhin (a pronoun mention of his entity).
        let mut d = doc_with("Putin said no. Yevgeny Prigozhin left. He released a message.", &[("Putin", 0), ("Yevgeny Prigozhin", 0)]);
        let he = d.text.find("He").unwrap();
        d.entities[1].mentions.push(Span::new(he, he + 2));
        let mut l = Linker::new(&d);
        l.add_speaker(0, 0);
        assert_eq!(l.pronoun(he as u32, "he", 37), Some(1));
    }
}
