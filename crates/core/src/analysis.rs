//! The analysis JSON (`docs/analysis-schema.md`): serde types and the conversion from a
//! finished `Doc`. Field names here are a public contract: renaming one is a breaking change
//! and bumps [`SCHEMA`]. Offsets are code points into `document.text`.

use serde::{Deserialize, Serialize};

use crate::tagsets::{DEPRELS, ENTITY_TYPES, UPOS, XPOS};
use crate::{CharIndex, Doc, Removed, Span};

/// The schema identifier written in every analysis.
pub const SCHEMA: &str = "newsgraph.analysis/1";

/// One analysed document, as printed by `newsgraph analyze`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[allow(missing_docs)]
pub struct Analysis {
    pub schema: String,
    pub document: DocumentOut,
    pub entities: Vec<EntityOut>,
    pub attributions: Vec<AttributionOut>,
    pub times: Vec<TimeOut>,
    pub amounts: Vec<AmountOut>,
    pub relations: Vec<RelationOut>,
    pub events: Vec<EventOut>,
    /// Only with `analyze --tokens`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tokens: Option<Vec<TokenOut>>,
    /// Only with `analyze --tokens`: sentences as code-point spans.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sentences: Option<Vec<SpanOut>>,
}

/// `document`: metadata, cleaned text and what cleaning removed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[allow(missing_docs)]
pub struct DocumentOut {
    pub id: String,
    pub title: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub byline: Option<String>,
    pub language: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dateline: Option<DatelineOut>,
    pub text: String,
    pub removed: Vec<Removed>,
}

/// The place and agency of a dateline ("MOSCOW (Reuters) —").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[allow(missing_docs)]
pub struct DatelineOut {
    pub place: Option<String>,
    pub agency: Option<String>,
}

/// A code-point span with its text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[allow(missing_docs)]
pub struct SpanOut {
    pub start: u32,
    pub end: u32,
    pub text: String,
}

/// `entities[]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[allow(missing_docs)]
pub struct EntityOut {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub descriptions: Vec<String>,
    pub mentions: Vec<SpanOut>,
    /// Stage-specific extras (geocoding, ...).
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// `attributions[]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[allow(missing_docs)]
pub struct AttributionOut {
    pub id: String,
    pub kind: String,
    pub source: Option<String>,
    pub source_text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_start: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_end: Option<u32>,
    pub cue: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue_start: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue_end: Option<u32>,
    pub content: String,
    pub content_start: u32,
    pub content_end: u32,
}

/// `times[]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[allow(missing_docs)]
pub struct TimeOut {
    pub text: String,
    pub start: u32,
    pub end: u32,
    #[serde(rename = "type")]
    pub kind: String,
    pub value: String,
    /// Present and true when the value could not be anchored to a publication date.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub underspecified: bool,
}

/// `amounts[]`. `value` is written as an integer when it is one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[allow(missing_docs)]
pub struct AmountOut {
    pub text: String,
    pub start: u32,
    pub end: u32,
    pub value: serde_json::Number,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub high: Option<serde_json::Number>,
    pub unit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<String>,
}

/// `relations[]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[allow(missing_docs)]
pub struct RelationOut {
    pub subject: String,
    pub predicate: String,
    pub role: String,
    pub object: String,
    pub evidence: SpanOut,
}

/// `events[]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[allow(missing_docs)]
pub struct EventOut {
    pub actor: Option<String>,
    pub action: String,
    pub lemma: String,
    pub target: Option<String>,
    pub date: Option<String>,
    pub place: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribution: Option<String>,
    pub evidence: SpanOut,
}

/// `tokens[]` (with `--tokens`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[allow(missing_docs)]
pub struct TokenOut {
    pub text: String,
    pub start: u32,
    pub end: u32,
    pub lemma: Option<String>,
    pub upos: Option<String>,
    pub xpos: Option<String>,
    /// Index of the head token in this array; null for the root or without a parse.
    pub head: Option<u32>,
    pub deprel: Option<String>,
}

fn number(v: f64) -> serde_json::Number {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        serde_json::Number::from(v as i64)
    } else {
        serde_json::Number::from_f64(v).unwrap_or_else(|| serde_json::Number::from(0))
    }
}

struct Converter<'d> {
    doc: &'d Doc,
    index: CharIndex,
}

impl Converter<'_> {
    fn span(&self, s: Span) -> SpanOut {
        SpanOut {
            start: self.index.char_offset(s.start),
            end: self.index.char_offset(s.end),
            text: s.text(&self.doc.text).to_string(),
        }
    }
    fn pos(&self, byte: u32) -> u32 {
        self.index.char_offset(byte)
    }
    fn text(&self, s: Span) -> String {
        s.text(&self.doc.text).to_string()
    }
}

fn entity_id(i: u32) -> String {
    format!("e{}", i + 1)
}

impl Analysis {
    /// Convert a finished `Doc` into the public analysis, without the token layer.
    pub fn from_doc(doc: &Doc) -> Analysis {
        let c = Converter { doc, index: CharIndex::new(&doc.text) };
        let meta = &doc.meta;
        let document = DocumentOut {
            id: meta.id.clone().unwrap_or_else(|| content_id(&doc.text)),
            title: meta.title.clone(),
            published: meta.published.clone(),
            url: meta.url.clone(),
            source: meta.source.clone(),
            byline: meta.byline.clone(),
            language: meta.language.clone().unwrap_or_else(|| "en".into()),
            dateline: (meta.dateline_place.is_some() || meta.dateline_agency.is_some()).then(|| {
                DatelineOut { place: meta.dateline_place.clone(), agency: meta.dateline_agency.clone() }
            }),
            text: doc.text.clone(),
            removed: doc.removed.clone(),
        };
        let entities = doc
            .entities
            .iter()
            .enumerate()
            .map(|(i, e)| EntityOut {
                id: entity_id(i as u32),
                kind: ENTITY_TYPES.get(e.label as usize).unwrap_or(&"MISC").to_string(),
                name: e.name.clone(),
                aliases: e.aliases.clone(),
                descriptions: e.descriptions.clone(),
                mentions: e.mentions.iter().map(|&m| c.span(m)).collect(),
                extra: e.extra.clone(),
            })
            .collect();
        let attributions = doc
            .attributions
            .iter()
            .enumerate()
            .map(|(i, a)| {
                // The phrase naming the source: a pronoun's described antecedent when there is one.
                let named = a.source_phrase.or(a.source_span);
                AttributionOut {
                    id: format!("a{}", i + 1),
                    kind: a.kind.clone(),
                    source: a.source.map(entity_id),
                    source_text: named.map(|s| c.text(s)),
                    source_start: named.map(|s| c.pos(s.start)),
                    source_end: named.map(|s| c.pos(s.end)),
                    cue: a.cue_span.map(|s| c.text(s)),
                    cue_start: a.cue_span.map(|s| c.pos(s.start)),
                    cue_end: a.cue_span.map(|s| c.pos(s.end)),
                    content: c.text(a.content),
                    content_start: c.pos(a.content.start),
                    content_end: c.pos(a.content.end),
                }
            })
            .collect();
        let times = doc
            .times
            .iter()
            .map(|t| {
                let s = c.span(t.span);
                TimeOut {
                    text: s.text,
                    start: s.start,
                    end: s.end,
                    kind: t.kind.clone(),
                    value: t.value.clone(),
                    underspecified: t.underspecified,
                }
            })
            .collect();
        let amounts = doc
            .amounts
            .iter()
            .map(|a| {
                let s = c.span(a.span);
                AmountOut {
                    text: s.text,
                    start: s.start,
                    end: s.end,
                    value: number(a.value),
                    high: a.high.map(number),
                    unit: a.unit.clone(),
                    currency: a.currency.clone(),
                    qualifier: a.qualifier.clone(),
                }
            })
            .collect();
        let relations = doc
            .relations
            .iter()
            .map(|r| RelationOut {
                subject: entity_id(r.subject),
                predicate: r.predicate.clone(),
                role: r.role.clone(),
                object: entity_id(r.object),
                evidence: c.span(r.evidence),
            })
            .collect();
        let events = doc
            .events
            .iter()
            .map(|e| EventOut {
                actor: e.actor.map(entity_id),
                action: e.action.clone(),
                lemma: e.lemma.clone(),
                target: e.target.map(entity_id),
                date: e.date.clone(),
                place: e.place.map(entity_id),
                attribution: e.attribution.map(|a| format!("a{}", a + 1)),
                evidence: c.span(e.evidence),
            })
            .collect();
        Analysis {
            schema: SCHEMA.to_string(),
            document,
            entities,
            attributions,
            times,
            amounts,
            relations,
            events,
            tokens: None,
            sentences: None,
        }
    }

    /// Add the token and sentence layers (`analyze --tokens`).
    pub fn with_tokens(mut self, doc: &Doc) -> Analysis {
        let c = Converter { doc, index: CharIndex::new(&doc.text) };
        let tagged = doc.tags.len() == doc.tokens.len();
        let tokens = doc
            .tokens
            .iter()
            .enumerate()
            .map(|(i, &t)| {
                let tags = if tagged { Some(doc.tags[i]) } else { None };
                TokenOut {
                    text: c.text(t),
                    start: c.pos(t.start),
                    end: c.pos(t.end),
                    lemma: tags.map(|_| doc.lemma(i).to_string()),
                    upos: tags.map(|g| UPOS.get(g.upos as usize).unwrap_or(&"X").to_string()),
                    xpos: tags.map(|g| XPOS.get(g.xpos as usize).unwrap_or(&"_").to_string()),
                    head: tags.and_then(|g| (g.deprel != 0 && g.head != u32::MAX).then_some(g.head)),
                    deprel: tags.and_then(|g| {
                        (g.deprel != 0).then(|| DEPRELS.get(g.deprel as usize).unwrap_or(&"dep").to_string())
                    }),
                }
            })
            .collect();
        let sentences = doc
            .sentences
            .iter()
            .filter(|s| s.end > s.first)
            .map(|s| c.span(doc.token_span(s.first as usize, s.end as usize)))
            .collect();
        self.tokens = Some(tokens);
        self.sentences = Some(sentences);
        self
    }
}

/// A stable content id: 64-bit FNV-1a of the text, hex. Not cryptographic; it only has to
/// be stable across runs and platforms (std's hasher is not).
pub fn content_id(text: &str) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in text.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    format!("{h:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Entity, Meta, TimeExpr};

    #[test]
    fn offsets_are_code_points() {
        let mut doc = Doc::new(Meta::default(), "“Hi,” said Putin.".to_string());
        let start = doc.text.find("Putin").unwrap();
        doc.entities.push(Entity {
            label: 0,
            name: "Putin".into(),
            aliases: vec![],
            descriptions: vec![],
            mentions: vec![Span::new(start, start + 5)],
            extra: Default::default(),
        });
        let a = Analysis::from_doc(&doc);
        let m = &a.entities[0].mentions[0];
        assert_eq!((m.start, m.end), (11, 16));
        assert_eq!(a.entities[0].kind, "PERSON");
        assert_eq!(a.schema, SCHEMA);
    }

    #[test]
    fn integral_amounts_print_as_integers() {
        assert_eq!(serde_json::to_string(&number(300000000.0)).unwrap(), "300000000");
        assert_eq!(serde_json::to_string(&number(1.57)).unwrap(), "1.57");
    }

    #[test]
    fn round_trips_through_json() {
        let mut doc = Doc::new(Meta::default(), "Friday".to_string());
        doc.times.push(TimeExpr { span: Span::new(0, 6), kind: "DATE".into(), value: "2023-06-30".into(), underspecified: false });
        let a = Analysis::from_doc(&doc);
        let json = serde_json::to_string(&a).unwrap();
        let back: Analysis = serde_json::from_str(&json).unwrap();
        assert_eq!(a, back);
    }
}
