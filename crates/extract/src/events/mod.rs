//! Events: who did what to whom, when and where, read off the dependency parse. Each verb
//! whose subject or object is an entity of the document becomes an event with its `actor`,
//! `action` (surface form, with its particle: "shut down", "calling off") and `lemma`,
//! `target`, `date` (the date expression the clause governs) and `place`.
//!
//! Coordinated names make one event each ("Balter and Chen graduated": two events).
//! Passive clauses swap the roles ("X was restricted by Y": actor Y, target X); a verb with
//! no subject of its own (a conjunct, "leaving" in "was spotted leaving") takes its
//! governor's subject and date; a relative pronoun subject ("Peters, who went to Africa")
//! is the noun its clause modifies; an event's date is a calendar day (a clock time gives
//! its day); a target may sit in a prepositional phrase ("marched toward
//! Moscow", "arrived in Belarus") or inside the object's phrase ("access to sites belonging
//! to Patriot"). An event inside attributed content keeps the attribution's index: it is
//! a claim, not a fact the article asserts. Reporting verbs that are attribution cues are
//! not events, except "tell" between two entities ("Fauci told NBC News"): who spoke to
//! whom. Without a parse (no parser model), this stage finds nothing.

mod clause;

use std::collections::HashSet;

use newsgraph_core::{Doc, Event, Stage};

use clause::Clauses;

/// The event stage; fills `Doc::events`.
#[derive(Debug, Default, Clone, Copy)]
pub struct Events;

impl Stage for Events {
    fn name(&self) -> &'static str {
        "events"
    }

    fn process(&self, doc: &mut Doc) {
        doc.events.clear();
        if doc.tags.len() != doc.tokens.len() || doc.tags.iter().all(|t| t.deprel == 0) {
            return;
        }
        let owner = crate::resolve::entity_at_tokens(doc);
        let clauses = Clauses::new(doc, &owner);
        let mut events: Vec<Event> = Vec::new();
        let mut seen: HashSet<(Option<u32>, Option<u32>, String, Option<String>)> = HashSet::new();
        for v in 0..doc.tokens.len() {
            let Some(c) = clauses.clause(v) else { continue };
            if (c.actor.is_none() && c.target.is_none()) || (c.actor.is_some() && c.actor == c.target) {
                continue;
            }
            // One event per coordinated actor and target ("Balter and Chen graduated").
            let actors: Vec<Option<u32>> = std::iter::once(c.actor).chain(c.co_actors.iter().copied().map(Some)).collect();
            let targets: Vec<Option<u32>> = std::iter::once(c.target).chain(c.co_targets.iter().copied().map(Some)).collect();
            for &actor in &actors {
                for &target in &targets {
                    if (actor.is_some() && actor == target) || !seen.insert((actor, target, c.lemma.clone(), c.date.clone())) {
                        continue;
                    }
                    events.push(Event {
                        actor,
                        action: c.action.clone(),
                        lemma: c.lemma.clone(),
                        target,
                        date: c.date.clone(),
                        place: c.place,
                        attribution: c.attribution,
                        evidence: doc.token_span(c.first, c.end),
                    });
                }
            }
        }
        doc.events = events;
    }
}

#[cfg(test)]
mod tests;
