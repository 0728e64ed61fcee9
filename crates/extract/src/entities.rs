//! Entities from NER mentions, one per distinct name and type: mentions whose texts are the
//! same (whitespace and curly apostrophes folded) and whose types agree become one entity.
//! This is the exact-name baseline that `newsgraph eval coref` compares the resolver with;
//! the pipeline's "entities" stage is [`crate::resolve::Resolver`], which merges
//! "Lukashenko" into "Aleksandr Lukashenko" and adds descriptions and pronouns. The name
//! helpers here ([`name_key`], [`hyphenated_word`]) are shared with it. The tokenizer splits hyphens
//! as the treebanks do, so a name written as one hyphenated word ("Rostov-on-Don") can come
//! out of NER in pieces; the entity takes the whole word (see [`hyphenated_word`]).

use std::collections::HashMap;

use newsgraph_core::{Doc, Entity, Stage};

/// Groups `Doc::mentions` into `Doc::entities` by exact name and type.
#[derive(Debug, Default, Clone, Copy)]
pub struct GroupMentions;

/// The comparison key of a name: whitespace folded, curly apostrophes straightened.
pub fn name_key(name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    for word in name.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        key.extend(word.chars().map(|c| if c == '’' { '\'' } else { c }));
    }
    key
}

/// Tokens `a` and `b` touch (no character between them).
fn glued(doc: &Doc, a: usize, b: usize) -> bool {
    doc.tokens[a].end == doc.tokens[b].start
}

/// The token range of the hyphenated word around mention tokens `[first, end)`, when the
/// mention is part of one: its pieces are joined by hyphens with no space, and the word ends
/// in a capitalised piece ("Rostov-on-Don", "Guinea-Bissau", not "Russian-backed").
pub fn hyphenated_word(doc: &Doc, first: usize, end: usize) -> (usize, usize) {
    let is_hyphen = |i: usize| doc.token_text(i) == "-";
    let (mut a, mut b) = (first, end);
    while a >= 2 && is_hyphen(a - 1) && glued(doc, a - 2, a - 1) && glued(doc, a - 1, a) {
        a -= 2;
    }
    while b + 1 < doc.tokens.len() && is_hyphen(b) && glued(doc, b - 1, b) && glued(doc, b, b + 1) {
        b += 2;
    }
    let capitalised = |i: usize| doc.token_text(i).chars().next().is_some_and(char::is_uppercase);
    if (a, b) != (first, end) && capitalised(a) && capitalised(b - 1) {
        (a, b)
    } else {
        (first, end)
    }
}

/// The end of a person's name of two words or more whose last word goes on in a short
/// lower-case syllable after a hyphen, as romanised Chinese and Korean given names do ("Tsai
/// Ing-wen", "Kim Jong-un", "Carrie Lam Cheng Yuet-ngor"), which NER tends to cut at the
/// hyphen; else `end`. A one-word name is left alone ("Obama-era").
fn romanised_given_name_end(doc: &Doc, first: usize, end: usize) -> usize {
    let n = doc.tokens.len();
    // Both pieces are syllables of up to four letters ("Ki-moon", "Jong-un"), which keeps
    // out surnames with a suffix word ("Trump-led", "Graham-type"); of the short words
    // that make compound adjectives after a name ("Bush-era"), verbs are told by their tag
    // and the rest are listed.
    let verb = newsgraph_core::tagsets::id_of(&newsgraph_core::tagsets::UPOS, "VERB");
    let syllable = |i: usize, lower: bool| {
        let w = doc.token_text(i);
        let mut letters = w.chars();
        let case_ok = if lower { w.bytes().all(|c| c.is_ascii_lowercase()) } else { letters.next().is_some_and(char::is_uppercase) && letters.all(char::is_lowercase) };
        (1..=4).contains(&w.chars().count()) && case_ok
    };
    let suffix_word = |i: usize| {
        doc.tags.get(i).is_some_and(|t| Some(t.upos) == verb) || ["era", "type", "like", "free", "made", "born", "wise", "less", "ish", "ism", "ist", "run", "led"].contains(&doc.token_text(i))
    };
    let hyphen = |i: usize| i < n && doc.token_text(i) == "-";
    // NER may stop before the hyphen or take it and stop after it.
    let h = if hyphen(end - 1) { end - 1 } else { end };
    let s = h + 1;
    let glued_on = h > first && hyphen(h) && s < n && glued(doc, h - 1, h) && glued(doc, h, s);
    if h - first >= 2 && glued_on && syllable(h - 1, false) && syllable(s, true) && !suffix_word(s) && !(hyphen(s + 1) && glued(doc, s, s + 1)) {
        s + 1
    } else {
        end
    }
}

/// A NER mention widened to its whole hyphenated word: tokens `[first, end)`, their byte
/// span and the NER label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WholeMention {
    /// First token.
    pub first: usize,
    /// One past the last token.
    pub end: usize,
    /// Byte span of the tokens.
    pub span: newsgraph_core::Span,
    /// NER label id.
    pub label: u8,
}

/// The NER mentions of `doc` in text order, each widened to its whole hyphenated word
/// ([`hyphenated_word`]); the other pieces of a word already taken, and malformed mentions,
/// are skipped.
pub fn whole_mentions(doc: &Doc) -> impl Iterator<Item = WholeMention> + '_ {
    let mut last_end = 0u32;
    doc.mentions.iter().filter_map(move |m| {
        if m.end <= m.first || m.end as usize > doc.tokens.len() {
            return None;
        }
        let (first, end) = hyphenated_word(doc, m.first as usize, m.end as usize);
        let end = if m.label == crate::resolve::names::PERSON { romanised_given_name_end(doc, first, end) } else { end };
        let span = doc.token_span(first, end);
        if span.start < last_end {
            return None;
        }
        last_end = span.end;
        Some(WholeMention { first, end, span, label: m.label })
    })
}

impl Stage for GroupMentions {
    fn name(&self) -> &'static str {
        "entities"
    }

    fn process(&self, doc: &mut Doc) {
        let mut index: HashMap<(String, u8), usize> = HashMap::new();
        let mut entities: Vec<Entity> = Vec::new();
        for WholeMention { span, label, .. } in whole_mentions(doc) {
            let text = span.text(&doc.text);
            let slot = *index.entry((name_key(text), label)).or_insert_with(|| {
                entities.push(Entity {
                    label,
                    name: text.split_whitespace().collect::<Vec<_>>().join(" "),
                    aliases: Vec::new(),
                    descriptions: Vec::new(),
                    mentions: Vec::new(),
                    extra: Default::default(),
                });
                entities.len() - 1
            });
            entities[slot].mentions.push(span);
        }
        doc.entities = entities;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsgraph_core::{EntityMention, Meta, Span};
    use newsgraph_text::Segmenter;

    #[test]
    fn same_name_and_type_make_one_entity() {
        let mut doc = Doc::new(Meta::default(), "Putin met Putin in Minsk".into());
        doc.tokens = vec![Span::new(0, 5), Span::new(6, 9), Span::new(10, 15), Span::new(16, 18), Span::new(19, 24)];
        doc.mentions = vec![
            EntityMention { first: 0, end: 1, label: 0 },
            EntityMention { first: 2, end: 3, label: 0 },
            EntityMention { first: 4, end: 5, label: 2 },
        ];
        GroupMentions.process(&mut doc);
        assert_eq!(doc.entities.len(), 2);
        assert_eq!(doc.entities[0].name, "Putin");
        assert_eq!(doc.entities[0].mentions.len(), 2);
        assert_eq!(doc.entities[1].label, 2);
    }

    #[test]
    fn hyphenated_names_are_taken_whole() {
        let text = "left Rostov-on-Don and Russian-backed units";
        let mut doc = Doc::new(Meta::default(), text.into());
        newsgraph_core::Stage::process(&Segmenter, &mut doc);
        let idx = |w: &str| (0..doc.tokens.len()).find(|&i| doc.token_text(i) == w).unwrap();
        let (rostov, don, russian) = (idx("Rostov"), idx("Don"), idx("Russian"));
        doc.mentions = vec![
            EntityMention { first: rostov as u32, end: rostov as u32 + 1, label: 2 },
            EntityMention { first: don as u32, end: don as u32 + 1, label: 1 },
            EntityMention { first: russian as u32, end: russian as u32 + 1, label: 4 },
        ];
        GroupMentions.process(&mut doc);
        let names: Vec<&str> = doc.entities.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["Rostov-on-Don", "Russian"]);
        assert_eq!(doc.entities[0].label, 2);
    }

    #[test]
    fn romanised_given_names_keep_their_last_syllable() {
        let text = "Tsai Ing-wen met Ban Ki-moon, a Donald Trump-led team and a George W. Bush-era aide.";
        let mut doc = Doc::new(Meta::default(), text.into());
        newsgraph_core::Stage::process(&Segmenter, &mut doc);
        let idx = |w: &str| (0..doc.tokens.len()).find(|&i| doc.token_text(i) == w).unwrap();
        let person = |a: usize, end: usize| EntityMention { first: a as u32, end: end as u32, label: 0 };
        // NER stops before the hyphen ("Tsai Ing") or just after it ("Ban Ki-").
        doc.mentions = vec![
            person(idx("Tsai"), idx("Ing") + 1),
            person(idx("Ban"), idx("Ki") + 2),
            person(idx("Donald"), idx("Trump") + 1),
            person(idx("George"), idx("Bush") + 1),
        ];
        GroupMentions.process(&mut doc);
        let names: Vec<&str> = doc.entities.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["Tsai Ing-wen", "Ban Ki-moon", "Donald Trump", "George W. Bush"]);
    }

    #[test]
    fn keys_fold_space_and_apostrophes() {
        assert_eq!(name_key("People’s  News"), "People's News");
    }
}
