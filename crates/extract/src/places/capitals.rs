//! "The Russian capital", "Ukraine's capital": news names a capital by its country as often
//! as by its name. Each such phrase becomes a mention of the capital city: of the entity
//! already resolved to it when the article names the city, else of a new place entity
//! (named from the index, with `extra.named_by` giving the phrase). The country comes from a
//! nationality adjective (the index's demonym table) or from a country entity before a
//! possessive; the capital from GeoNames (`countries.json`'s capital, built into the index).
//!
//! It does not read "the capital" alone (which capital is a guess) nor "capital" as a
//! modifier ("the Russian capital market"), and it never moves a mention that resolution
//! already gave to an entity.

use newsgraph_core::tagsets::{ENTITY_TYPES, UPOS};
use newsgraph_core::{Doc, Entity, Span};
use serde_json::Value;

use super::index::Feature;
use super::Places;
use crate::resolve::entity_at_tokens;

/// Add the capital mentions of `doc`; `chosen[e]` is the place entity `e` resolved to.
pub(super) fn link(places: &Places, doc: &mut Doc, chosen: &[Option<u32>]) {
    let n = doc.tokens.len();
    let upos = |i: usize| doc.tags.get(i).and_then(|t| UPOS.get(t.upos as usize)).copied().unwrap_or("");
    let mut found: Vec<(Span, u32)> = Vec::new(); // (phrase, capital place)
    let mut owner: Option<Vec<u32>> = None;
    for i in 2..n {
        if doc.token_text(i) != "capital" || (i + 1 < n && upos(i + 1) == "NOUN") {
            continue;
        }
        let owner = owner.get_or_insert_with(|| entity_at_tokens(doc));
        if owner[i] != u32::MAX {
            continue;
        }
        let before = doc.token_text(i - 1);
        let country = if matches!(before, "'s" | "’s") {
            // "Ukraine's capital": the entity before the possessive is a country.
            let e = owner[i - 2];
            let start = (0..i - 1).rev().take_while(|&k| owner[k] == e).last().unwrap_or(i - 2);
            chosen.get(e as usize).copied().flatten().filter(|&p| places.index().place(p).feature == Feature::Country).map(|p| (places.index().place(p).country, start))
        } else if matches!(doc.token_text(i - 2), "the" | "The") && owner[i - 2] == u32::MAX && before.chars().next().is_some_and(char::is_uppercase) {
            places.tables.demonym(before).map(|cc| (cc, i - 2))
        } else {
            None
        };
        let Some((cc, first)) = country else { continue };
        if let Some(capital) = places.index().capital(cc) {
            found.push((doc.token_span(first, i + 1), capital));
        }
    }
    for (phrase, capital) in found {
        let named = chosen.iter().position(|&c| c == Some(capital));
        let e = match named {
            Some(e) => e,
            None => {
                let place = places.index().place(capital);
                let mut extra = places.extra(capital);
                extra.insert("named_by".into(), Value::from(phrase.text(&doc.text)));
                let label = ENTITY_TYPES.iter().position(|t| *t == "GPE").unwrap_or(0) as u8;
                doc.entities.push(Entity { label, name: place.name.to_string(), aliases: vec![], descriptions: vec![], mentions: vec![], extra });
                doc.entities.len() - 1
            }
        };
        let ent = &mut doc.entities[e];
        ent.mentions.push(phrase);
        ent.mentions.sort_by_key(|m| (m.start, m.end));
        let description = phrase.text(&doc.text).trim_start_matches("the ").trim_start_matches("The ").to_string();
        if !ent.descriptions.contains(&description) {
            ent.descriptions.push(description);
        }
    }
}
