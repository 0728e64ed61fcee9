//! The `Doc`: cleaned text, metadata, and one layer per stage. Offsets inside a `Doc` are
//! byte offsets into `Doc::text` (cheap to slice); the analysis JSON converts them to code
//! points. This module holds data only; stages live in the crates that compute them.

use serde::{Deserialize, Serialize};

/// Where a document came from and what it says about itself.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    /// Stable id: given by the input, else a content hash.
    pub id: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Publication date or date-time, ISO 8601 (`2023-06-30` or `2023-06-30T10:00:00Z`).
    pub published: Option<String>,
    /// Canonical URL.
    pub url: Option<String>,
    /// Outlet name (og:site_name, feed title, JSONL `source`).
    pub source: Option<String>,
    /// Author line.
    pub byline: Option<String>,
    /// ISO 639-1 language code when known.
    pub language: Option<String>,
    /// Place named by a dateline ("MOSCOW — ").
    pub dateline_place: Option<String>,
    /// News agency named by a dateline ("(AFP)").
    pub dateline_agency: Option<String>,
    /// The file (and line or item) the document was read from, for error messages.
    pub origin: Option<String>,
}

/// A piece of the input that cleaning removed from the body, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Removed {
    /// The removed text.
    pub text: String,
    /// Why it was removed ("syndication trailer", "photo credit", ...).
    pub reason: String,
}

/// A half-open byte range `[start, end)` in `Doc::text`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize)]
pub struct Span {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

// `#[inline]` on the small accessors here and on `Doc`: they are called per token from other
// crates, which cannot inline a non-generic function without it.
impl Span {
    /// A span from byte offsets.
    #[inline]
    pub fn new(start: usize, end: usize) -> Self {
        Span { start: start as u32, end: end as u32 }
    }
    /// The covered text.
    #[inline]
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start as usize..self.end as usize]
    }
    /// Length in bytes.
    #[inline]
    pub fn len(&self) -> usize {
        (self.end - self.start) as usize
    }
    /// True when the span covers nothing.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
}

/// A token: a byte span of the text. Its form is `&text[start..end]`.
pub type Token = Span;

/// A sentence: a range of token indices `[first, end)` and the byte span it covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    /// Index of the first token.
    pub first: u32,
    /// One past the index of the last token.
    pub end: u32,
    /// True when the sentence starts a paragraph.
    pub paragraph_start: bool,
}

impl Sentence {
    /// Token indices of the sentence.
    #[inline]
    pub fn tokens(&self) -> std::ops::Range<usize> {
        self.first as usize..self.end as usize
    }
}

/// Morpho-syntactic annotation of one token (tagger and parser layers).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TokenTags {
    /// Index into [`crate::tagsets::UPOS`].
    pub upos: u8,
    /// Index into [`crate::tagsets::XPOS`].
    pub xpos: u8,
    /// Byte range of the lemma in `Doc::lemma_arena` (lemmas are not allocated per token).
    pub lemma: Span,
    /// Index of the syntactic head in the document's token array; `u32::MAX` for a root or
    /// when no parse was made.
    pub head: u32,
    /// Index into [`crate::tagsets::DEPRELS`]; 0 when unparsed.
    pub deprel: u8,
}

/// One named-entity mention found by NER: a token range and an OntoNotes type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityMention {
    /// First token.
    pub first: u32,
    /// One past the last token.
    pub end: u32,
    /// Index into [`crate::tagsets::ENTITY_TYPES`].
    pub label: u8,
}

/// An entity: one referent and the mentions (indices into `Doc::mentions`) that denote it,
/// plus the descriptive phrases the text uses for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Index into [`crate::tagsets::ENTITY_TYPES`].
    pub label: u8,
    /// Canonical name (the longest proper name used).
    pub name: String,
    /// Other names.
    pub aliases: Vec<String>,
    /// Descriptive phrases ("the Belarusian leader").
    pub descriptions: Vec<String>,
    /// Byte spans of every mention, names, descriptions and pronouns alike.
    pub mentions: Vec<Span>,
    /// Extra facts (geocoding, ...) as free JSON, merged into the output object.
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// A TIMEX3 time expression with its normalised value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimeExpr {
    /// Where it is.
    pub span: Span,
    /// DATE, TIME, DURATION or SET.
    pub kind: String,
    /// TIMEX3 value (`2023-06-24`, `P1W`, `XXXX-XX-XX`...).
    pub value: String,
    /// True when the value is relative and no publication date was known to anchor it.
    pub underspecified: bool,
}

/// A number with what it counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Amount {
    /// Where it is (number, currency and counted noun).
    pub span: Span,
    /// The value (the low end of a range).
    pub value: f64,
    /// The high end of a range.
    pub high: Option<f64>,
    /// The counted noun, or `percent`.
    pub unit: Option<String>,
    /// ISO 4217 currency code for money.
    pub currency: Option<String>,
    /// Approximation qualifier ("about", "more than", "nearly").
    pub qualifier: Option<String>,
}

/// Something a source says, reports or shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attribution {
    /// direct, mixed, indirect, according_to, report, evidence.
    pub kind: String,
    /// Index into `Doc::entities` when the source is an entity.
    pub source: Option<u32>,
    /// The words naming the source, if any.
    pub source_span: Option<Span>,
    /// When `source_span` is a pronoun standing for a speaker the article names only by a
    /// description ("a spokesperson for the association … he said"), that description: the
    /// analysis reports it as the source phrase. `None` otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_phrase: Option<Span>,
    /// The cue ("said", "according to").
    pub cue_span: Option<Span>,
    /// The attributed content.
    pub content: Span,
}

/// A typed link between two entities, with its evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Relation {
    /// Index into `Doc::entities`.
    pub subject: u32,
    /// Free-text predicate ("leader of").
    pub predicate: String,
    /// Normalised role ("leader", "part of").
    pub role: String,
    /// Index into `Doc::entities`.
    pub object: u32,
    /// The words that support it.
    pub evidence: Span,
}

/// Something that happened: who did what to whom, when and where.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Index into `Doc::entities`.
    pub actor: Option<u32>,
    /// The verb as written ("invited", "shut down").
    pub action: String,
    /// Its lemma.
    pub lemma: String,
    /// Index into `Doc::entities`.
    pub target: Option<u32>,
    /// A TIMEX3 value.
    pub date: Option<String>,
    /// Index into `Doc::entities`.
    pub place: Option<u32>,
    /// The attribution that reports it, when it is not asserted by the article itself.
    pub attribution: Option<u32>,
    /// The words that support it.
    pub evidence: Span,
}

/// One document and all its layers.
#[derive(Debug, Clone, Default)]
pub struct Doc {
    /// Metadata.
    pub meta: Meta,
    /// The cleaned body; every offset refers to it.
    pub text: String,
    /// What cleaning removed.
    pub removed: Vec<Removed>,
    /// Tokens in text order.
    pub tokens: Vec<Token>,
    /// Sentences in text order, covering every token.
    pub sentences: Vec<Sentence>,
    /// Tags per token (empty until the tagger runs; then one per token).
    pub tags: Vec<TokenTags>,
    /// Lemmas of all tokens, concatenated; `TokenTags::lemma` indexes it.
    pub lemma_arena: String,
    /// NER mentions in text order, not overlapping.
    pub mentions: Vec<EntityMention>,
    /// Entities (after grouping or resolution of mentions).
    pub entities: Vec<Entity>,
    /// Time expressions.
    pub times: Vec<TimeExpr>,
    /// Amounts.
    pub amounts: Vec<Amount>,
    /// Attributions.
    pub attributions: Vec<Attribution>,
    /// Relations.
    pub relations: Vec<Relation>,
    /// Events.
    pub events: Vec<Event>,
}

impl Doc {
    /// A document with metadata and cleaned text and no layers yet.
    pub fn new(meta: Meta, text: String) -> Self {
        Doc { meta, text, ..Default::default() }
    }

    /// The text of token `i`.
    #[inline]
    pub fn token_text(&self, i: usize) -> &str {
        self.tokens[i].text(&self.text)
    }

    /// The lemma of token `i`, or its form when the tagger has not run.
    #[inline]
    pub fn lemma(&self, i: usize) -> &str {
        match self.tags.get(i) {
            Some(t) if !t.lemma.is_empty() => t.lemma.text(&self.lemma_arena),
            _ => self.token_text(i),
        }
    }

    /// The byte span covered by tokens `[first, end)`.
    #[inline]
    pub fn token_span(&self, first: usize, end: usize) -> Span {
        Span { start: self.tokens[first].start, end: self.tokens[end - 1].end }
    }

    /// The index of the sentence containing token `i`.
    pub fn sentence_of(&self, i: usize) -> Option<usize> {
        let i = i as u32;
        let idx = self.sentences.partition_point(|s| s.end <= i);
        (idx < self.sentences.len() && self.sentences[idx].first <= i).then_some(idx)
    }
}
