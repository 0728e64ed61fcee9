//! Two people named with one surname: "John and Mary Smith", "Bill and Hillary Clinton".
//! [`split`] cuts a person mention the recogniser made of the whole pair into one mention
//! per person, before names are clustered, and says where the first person's given name
//! and the surname are: `names::cluster` then clusters "John" as "John Smith" (joining the
//! John Smith named elsewhere, not any other John).
//!
//! Only pairs the recogniser read as one name are taken: "Bill" and "Hillary Clinton" as two
//! mentions are left alone, because nothing in the words tells a given name from a surname
//! used alone ("Obama and Hillary Clinton", "Reagan and George Bush"). Pairs of full names
//! ("John Smith and Mary Jones") and organisations ("Procter and Gamble") are not touched.

use newsgraph_core::{Doc, EntityMention};

use super::names::PERSON;

fn capitalised(doc: &Doc, i: usize) -> bool {
    doc.token_text(i).chars().next().is_some_and(char::is_uppercase)
}

fn is_and(doc: &Doc, i: usize) -> bool {
    matches!(doc.token_text(i), "and" | "&")
}

/// "John and Mary Smith" as one person mention: given name, "and", given name, surname.
fn pair_in_one(doc: &Doc, m: &EntityMention) -> bool {
    let (a, b) = (m.first as usize, m.end as usize);
    m.label == PERSON && b == a + 4 && b <= doc.tokens.len() && is_and(doc, a + 1) && [a, a + 2, a + 3].iter().all(|&i| capitalised(doc, i))
}

/// Cut each "John and Mary Smith" person mention into "John" and "Mary Smith"; returns the
/// tokens of each given name cut off and of its surname, in token order.
pub(crate) fn split(doc: &mut Doc) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    if !doc.mentions.iter().any(|m| pair_in_one(doc, m)) {
        return pairs;
    }
    let mut out = Vec::with_capacity(doc.mentions.len() + 1);
    for m in &doc.mentions {
        if pair_in_one(doc, m) {
            out.push(EntityMention { end: m.first + 1, ..*m });
            out.push(EntityMention { first: m.first + 2, ..*m });
            pairs.push((m.first as usize, m.end as usize - 1));
        } else {
            out.push(*m);
        }
    }
    doc.mentions = out;
    pairs
}
