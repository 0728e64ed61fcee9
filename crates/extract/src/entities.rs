//! Entities from NER mentions, one per distinct name and type: mentions whose texts are the
//! same (whitespace and curly apostrophes folded) and whose types agree become one entity.
//! This is the baseline before within-document resolution (aliases, descriptions, pronouns);
//! it does not merge "Lukashenko" into "Aleksandr Lukashenko".

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

impl Stage for GroupMentions {
    fn name(&self) -> &'static str {
        "entities"
    }

    fn process(&self, doc: &mut Doc) {
        let mut index: HashMap<(String, u8), usize> = HashMap::new();
        let mut entities: Vec<Entity> = Vec::new();
        for m in &doc.mentions {
            if m.end <= m.first {
                continue;
            }
            let span = doc.token_span(m.first as usize, m.end as usize);
            let text = span.text(&doc.text);
            let slot = *index.entry((name_key(text), m.label)).or_insert_with(|| {
                entities.push(Entity {
                    label: m.label,
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
    fn keys_fold_space_and_apostrophes() {
        assert_eq!(name_key("People’s  News"), "People's News");
    }
}
