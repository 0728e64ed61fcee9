//! "Redmond, Washington", "Christiana, Manchester", "Toronto, Canada": a place written with
//! its containing area after a comma lies in that area. Each such pair of place entities
//! becomes a relation (role `part of`, predicate `located in`), and the area's entity is
//! geocoded as the area when the article uses its name for nothing else ("Washington" after
//! "Redmond," is the state, not the capital).
//!
//! Only areas the index knows (countries and first-level areas, by name, abbreviation or
//! postal code) are read, and only around a place resolved inside that area: in a list
//! ("Georgia, Russia and Armenia") the second name does not contain the first, so nothing
//! is linked. A place the index does not know is left alone, whatever follows it.

use newsgraph_core::{Doc, Relation, Span};

use super::Places;

/// The containment links of `doc`, given the place each entity resolved to; re-resolves in
/// `chosen` the area entities named only as containers.
pub(super) fn link(places: &Places, doc: &Doc, chosen: &mut [Option<u32>]) -> Vec<Relation> {
    // Place mentions by start offset, to find the one after ", ".
    let mut starts: Vec<(u32, u32, usize)> = Vec::new();
    for (e, ent) in doc.entities.iter().enumerate() {
        if super::is_place_label(ent.label) {
            starts.extend(ent.mentions.iter().map(|m| (m.start, m.end, e)));
        }
    }
    starts.sort_unstable();
    let mention_at = |start: u32| starts.binary_search_by_key(&start, |&(s, _, _)| s).ok().map(|i| starts[i]);

    let mut out: Vec<Relation> = Vec::new();
    // (area entity, area place) for each mention read as a container.
    let mut as_area: Vec<(usize, u32)> = Vec::new();
    for &(start, end, e) in &starts {
        let Some(place) = chosen[e] else { continue };
        let p = places.index.place(place);
        let Some(after) = after_comma(&doc.text, end as usize) else { continue };
        let Some((_, area_end, area)) = mention_at(after as u32) else { continue };
        if area == e {
            continue;
        }
        let area_text = doc.text.get(after..area_end as usize).unwrap_or("");
        // The area may be written short ("St. Thomas, USVI"): its entity's full name then
        // tells the index which area it is.
        let (mut containers, _) = places.tables.container(area_text);
        if containers.is_empty() {
            containers = places.tables.container(&doc.entities[area].name).0;
        }
        let Some(c) = containers.iter().find(|c| c.contains(&p)) else { continue };
        let Some(area_place) = places.tables.area_place(c) else { continue };
        as_area.push((area, area_place));
        if !out.iter().any(|r| r.subject == e as u32 && r.object == area as u32) {
            out.push(Relation { subject: e as u32, predicate: "located in".into(), role: "part of".into(), object: area as u32, evidence: Span::new(start as usize, area_end as usize) });
        }
    }
    as_area.sort_unstable();
    for uses in as_area.chunk_by(|a, b| a.0 == b.0) {
        let (area, area_place) = uses[0];
        if uses.len() == doc.entities[area].mentions.len() && uses.iter().all(|&(_, p)| p == area_place) {
            chosen[area] = Some(area_place);
        }
    }
    out
}

/// The byte where the next word starts after a comma at `end` (", Texas"), if there is one.
pub(super) fn after_comma(text: &str, end: usize) -> Option<usize> {
    let rest = text.get(end..)?.strip_prefix(',')?;
    let word = rest.trim_start_matches([' ', '\u{a0}']);
    (word.len() < rest.len()).then(|| text.len() - word.len())
}
