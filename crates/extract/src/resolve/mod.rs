//! Within-document resolution: one entity per referent. [`Resolver`] is the "entities" stage;
//! it turns the NER mentions of a `Doc` into `Doc::entities`, each with its canonical `name`
//! (the longest proper name used), its other names (`aliases`), the phrases the article uses
//! for it (`descriptions`) and every mention: names, descriptions and pronouns.
//!
//! Three passes, each linear in the document (maps keyed by name words, small windows):
//! 1. [`names`]: names are clustered in text order by exact key, acronym ("DNC" for
//!    "Democratic National Committee") and token subset ("Lukashenko" in "Aleksandr
//!    Lukashenko"), titles and honorifics stripped, with type agreement; a short name goes to
//!    the most recent compatible full name, so two people who share a surname stay apart.
//! 2. [`descriptions`]: premodifier titles ("Belarusian President Aleksandr Lukashenko"),
//!    appositions ("Yevgeny Zubarev, CEO of the Federal News Agency"), predicatives ("X is the
//!    founder of Y") become descriptions; later definite descriptions ("the Belarusian
//!    leader") are linked to the entity whose descriptions they match and become mentions.
//!    Between the two, [`types`] corrects NER types with document evidence (a name ending
//!    in "Group", a description headed by "regulator", a list of organisations).
//! 3. [`pronouns`]: third-person pronouns in subject and possessive positions go to the
//!    nearest compatible antecedent (number, person vs thing, gender when known).
//!
//! It uses POS tags and the dependency parse when they are there (`head == u32::MAX` means
//! no parse) and falls back on surface cues without them. It does not link entities across
//! documents (the store does) and does not find relations between entities.
//! [`eval`] scores it against GUM coreference (`newsgraph eval coref`).

mod acronyms;
mod couples;
mod cuts;
pub mod descriptions;
pub mod eval;
pub mod names;
pub mod pronouns;
mod joins;
mod orphans;
mod repeats;
mod retyped;
mod titles;
pub mod types;

use newsgraph_core::{tagsets, Doc, Entity, Span, Stage};

use crate::attribution::quotes;

/// The entity-resolution stage (stage name `entities`): fills `Doc::entities` from
/// `Doc::mentions`, the tags and the parse.
#[derive(Debug, Default, Clone, Copy)]
pub struct Resolver;

impl Stage for Resolver {
    fn name(&self) -> &'static str {
        "entities"
    }

    fn process(&self, doc: &mut Doc) {
        titles::split(doc);
        let couples = couples::split(doc);
        // Which sentences are headlines: names are cut and found differently there.
        let title_case = crate::title_case::title_case_tokens(doc);
        cuts::cut(doc, &title_case);
        joins::join(doc);
        joins::take_the(doc, &title_case);
        acronyms::define(doc);
        orphans::add(doc, &title_case);
        let ctx = Ctx::new(doc);
        repeats::fill(doc, &ctx);
        let mut ents = names::cluster(doc, &ctx, &couples);
        let used = descriptions::anchor(doc, &ctx, &mut ents);
        let before: Vec<u8> = ents.iter().map(|e| e.label).collect();
        types::correct(doc, &ctx, &mut ents);
        retyped::merge(&mut ents, &before);
        descriptions::link(doc, &ctx, &mut ents, &used);
        pronouns::link(doc, &ctx, &mut ents);
        doc.entities = ents.into_iter().map(|e| e.finish(doc)).collect();
    }
}

/// For each token, the index in `doc.entities` of the entity one of whose mentions covers
/// it, or `u32::MAX`. Where mentions nest ("the Wagner chief" around "Wagner"), the
/// shortest mention wins, so a name inside a description keeps its own entity. Linear in the
/// number of mention tokens; relations and events use it to find entities in clauses.
pub fn entity_at_tokens(doc: &Doc) -> Vec<u32> {
    let mut out = vec![u32::MAX; doc.tokens.len()];
    let mut spans: Vec<(usize, usize, u32)> = Vec::new();
    for (e, ent) in doc.entities.iter().enumerate() {
        for m in &ent.mentions {
            let (a, b) = token_range(doc, *m);
            if a < b {
                spans.push((a, b, e as u32));
            }
        }
    }
    // Longest first, so shorter (inner) mentions overwrite.
    spans.sort_by_key(|&(a, b, e)| (std::cmp::Reverse(b - a), a, e));
    for (a, b, e) in spans {
        out[a..b].fill(e);
    }
    out
}

/// The tokens `[a, b)` whose starts lie inside byte span `s`.
pub fn token_range(doc: &Doc, s: Span) -> (usize, usize) {
    let a = doc.tokens.partition_point(|t| t.start < s.start);
    let b = doc.tokens.partition_point(|t| t.start < s.end);
    (a, b)
}

/// A mention of an entity while resolving: tokens `[first, end)` and what kind it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Mention {
    pub first: u32,
    pub end: u32,
    pub kind: MentionKind,
}

/// What a mention is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MentionKind {
    Name,
    Description,
    Pronoun,
}

/// Grammatical gender known for a person (from honorifics, role nouns or earlier pronouns).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gender {
    Male,
    Female,
}

/// An entity being built.
#[derive(Debug, Clone)]
pub(crate) struct Ent {
    /// Votes per entity type over its name mentions.
    pub votes: [u16; tagsets::ENTITY_TYPES.len()],
    /// Current type (the majority of votes, ties to the longest name's).
    pub label: u8,
    /// Distinct name texts, in order of first use, with their word counts.
    pub names: Vec<(String, usize)>,
    /// Matching words of the longest name (lowercase, titles stripped).
    pub words: Vec<String>,
    /// Initials of the longest multi-word name ("dnc"), for acronyms.
    pub initials: String,
    /// Descriptions as written (determiners dropped), in order of first use.
    pub descriptions: Vec<String>,
    /// Lowercase content words of the descriptions.
    pub desc_words: Vec<String>,
    /// Head nouns of the descriptions.
    pub desc_heads: Vec<String>,
    pub mentions: Vec<Mention>,
    pub gender: Option<Gender>,
    /// A courtesy or office title was used with one of its names.
    pub person_cue: bool,
    /// Last token of the latest name mention (for "most recent" choices).
    pub last: u32,
}

impl Ent {
    fn finish(mut self, doc: &Doc) -> Entity {
        self.mentions.sort_by_key(|m| (m.first, m.end));
        self.mentions.dedup_by_key(|m| (m.first, m.end));
        let name = names::canonical(&self.names);
        let aliases: Vec<String> = {
            let mut seen: Vec<String> = vec![newsgraph_core_key(&name)];
            let mut out = Vec::new();
            // "The Hague" goes by "Hague" too, for whoever looks it up without the article.
            let forms = self.names.iter().flat_map(|(n, _)| std::iter::once(n.as_str()).chain(n.strip_prefix("The ")));
            for n in forms {
                let k = newsgraph_core_key(n);
                if !seen.contains(&k) {
                    seen.push(k);
                    out.push(n.to_string());
                }
            }
            out
        };
        Entity {
            label: self.label,
            name,
            aliases,
            descriptions: self.descriptions,
            mentions: self.mentions.iter().map(|m| doc.token_span(m.first as usize, m.end as usize)).collect(),
            extra: Default::default(),
        }
    }
}

/// Comparison key of a name for alias deduplication.
fn newsgraph_core_key(name: &str) -> String {
    crate::entities::name_key(name).to_lowercase()
}

/// Per-document lookups shared by the passes: tags, parse, quotes and sentences by token.
pub(crate) struct Ctx {
    /// True when the tagger ran.
    pub tagged: bool,
    /// True when at least one token has a syntactic head.
    pub parsed: bool,
    /// Sentence index of each token.
    pub sentence: Vec<u32>,
    /// True for tokens inside quotation marks.
    pub quoted: Vec<bool>,
    /// True for tokens that start a time expression.
    pub time_start: Vec<bool>,
}

impl Ctx {
    pub fn new(doc: &Doc) -> Self {
        let n = doc.tokens.len();
        let tagged = doc.tags.len() == n && n > 0;
        let parsed = tagged && doc.tags.iter().any(|t| t.head != u32::MAX && t.deprel != 0);
        let mut sentence = vec![0u32; n];
        for (k, s) in doc.sentences.iter().enumerate() {
            for i in s.tokens() {
                if i < n {
                    sentence[i] = k as u32;
                }
            }
        }
        let mut quoted = vec![false; n];
        for q in quotes::find_quotes(&doc.text) {
            let (a, b) = token_range(doc, q.inner);
            quoted[a..b].fill(true);
        }
        let mut time_start = vec![false; n];
        for t in &doc.times {
            let (a, b) = token_range(doc, t.span);
            if a < b {
                time_start[a] = true;
            }
        }
        Ctx { tagged, parsed, sentence, quoted, time_start }
    }

    /// UPOS of token `i` ("" when untagged).
    pub fn upos(&self, doc: &Doc, i: usize) -> &'static str {
        if !self.tagged {
            return "";
        }
        doc.tags.get(i).and_then(|t| tagsets::UPOS.get(t.upos as usize)).copied().unwrap_or("")
    }

    /// XPOS of token `i` ("" when untagged).
    pub fn xpos(&self, doc: &Doc, i: usize) -> &'static str {
        if !self.tagged {
            return "";
        }
        doc.tags.get(i).and_then(|t| tagsets::XPOS.get(t.xpos as usize)).copied().unwrap_or("")
    }

    /// Dependency relation of token `i` ("" when unparsed).
    pub fn deprel(&self, doc: &Doc, i: usize) -> &'static str {
        if !self.parsed {
            return "";
        }
        match doc.tags.get(i) {
            Some(t) if t.head != u32::MAX || t.deprel != 0 => tagsets::DEPRELS.get(t.deprel as usize).copied().unwrap_or(""),
            _ => "",
        }
    }

    /// Head of token `i`, when parsed.
    pub fn head(&self, doc: &Doc, i: usize) -> Option<usize> {
        if !self.parsed {
            return None;
        }
        doc.tags.get(i).map(|t| t.head).filter(|&h| h != u32::MAX && (h as usize) < doc.tokens.len()).map(|h| h as usize)
    }

    /// The token of `[a, b)` whose head lies outside it (the last token when unparsed).
    pub fn phrase_head(&self, doc: &Doc, a: usize, b: usize) -> usize {
        if self.parsed {
            for k in a..b {
                match self.head(doc, k) {
                    Some(h) if h >= a && h < b => {}
                    _ => return k,
                }
            }
        }
        b - 1
    }

    /// True when token `i` is a verb or auxiliary by the tagger.
    pub fn is_verb(&self, doc: &Doc, i: usize) -> bool {
        matches!(self.upos(doc, i), "VERB" | "AUX")
    }
}

/// `word` equals `lower` ignoring ASCII case (no allocation).
pub(crate) fn is(word: &str, lower: &str) -> bool {
    word.eq_ignore_ascii_case(lower)
}

/// True when `word` is one of `list` (lowercase entries), ignoring ASCII case.
pub(crate) fn one_of(word: &str, list: &[&str]) -> bool {
    list.iter().any(|w| word.eq_ignore_ascii_case(w))
}

#[cfg(test)]
mod tests;
