//! Attribution: who said what, on whose authority. [`Attributor`] is the stage that fills
//! `Doc::attributions` with direct quotes, mixed quotes (indirect speech with a quoted
//! fragment), indirect speech and thought, "according to", reports by media and evidence
//! ("satellite imagery showed"), each with its source phrase (linked to an entity of
//! `Doc::entities` when possible), its cue and its content span.
//!
//! How it works, in one pass over the document:
//! 1. [`quotes`] pairs quotation marks; the rules (`rules.rs`) attach each quotation to a
//!    cue and a speaker on either side ("…,” he said", "said Sen. Ben Sasse: “…”"), then
//!    give unattributed paragraph quotes the speaker of the neighbouring quote.
//! 2. The rules find the remaining cues with the lexicon learned from PolNeAR train
//!    ([`lexicon`]) and read the subject to the left or right and the content to the clause
//!    end, or before the cue for parenthetical attributions ("…, officials said").
//! 3. With `attribution.bin`, the learned tagger's source, cue and content runs ([`model`])
//!    are combined with the rules' attributions (`rules/combine.rs`).
//! 4. With a parse, the subject of each cue's governing word (`syntax.rs`) fills missing
//!    sources and replaces ones that are no noun phrase; then the learned source chooser
//!    ([`source_model`]) has the last word on each source and the learned filter
//!    ([`keep_model`]) drops false alarms.
//! 5. [`link`] turns each source phrase into an entity: a name inside it, a pronoun's
//!    nearest subject or speaker, or a description's premodified name.
//!
//! Run it after NER and entity grouping; without tags or entities it still works, with
//! sources left as text. It does not decide whether the content is true, and it does not
//! resolve entities for other layers.
//!
//! ```
//! use newsgraph_core::{Doc, Meta, Stage, Span};
//! use newsgraph_extract::attribution::Attributor;
//! let text = "“We will win,” she said.";
//! let mut doc = Doc::new(Meta::default(), text.to_string());
//! // A toy segmentation; the pipeline uses newsgraph_text::Segmenter.
//! let toks = [(0, 3), (3, 5), (6, 10), (11, 14), (14, 15), (15, 18), (19, 22), (23, 27), (27, 28)];
//! doc.tokens = toks.iter().map(|&(a, b)| Span::new(a, b)).collect();
//! doc.sentences = vec![newsgraph_core::Sentence { first: 0, end: 9, paragraph_start: true }];
//! Attributor::new().process(&mut doc);
//! assert_eq!(doc.attributions[0].kind, "direct");
//! assert_eq!(doc.attributions[0].content.text(text), "We will win,");
//! ```

pub mod keep_model;
pub mod lexicon;
pub mod link;
pub mod margin_model;
pub mod model;
pub mod polnear;
pub mod quotes;
mod rules;
pub mod source_model;
mod syntax;

use std::path::Path;
use std::sync::Arc;

use newsgraph_core::{Doc, Stage};

pub use model::{AttributionModel, ATTRIBUTION_FILE};

/// The attribution stage. Build once (it holds no per-document state) and share.
#[derive(Debug, Default, Clone)]
pub struct Attributor {
    /// Drop attributions nested inside another's content ("X said Y claimed Z"). PolNeAR
    /// annotates the outer one only (the evaluation drops them); the analysis keeps both.
    pub drop_nested: bool,
    /// The learned tagger; `None` runs the rules alone.
    pub model: Option<Arc<AttributionModel>>,
}

impl Attributor {
    /// The stage with its defaults (rules only).
    pub fn new() -> Self {
        Attributor::default()
    }

    /// The stage with the learned tagger `models_dir/attribution.bin` when that file exists,
    /// else rules only.
    pub fn load(models_dir: &Path) -> Result<Self, newsgraph_nlp::Error> {
        let path = models_dir.join(ATTRIBUTION_FILE);
        let model = if path.exists() { Some(Arc::new(AttributionModel::load_file(&path)?)) } else { None };
        Ok(Attributor { drop_nested: false, model })
    }
}

impl Stage for Attributor {
    fn name(&self) -> &'static str {
        "attribution"
    }

    fn process(&self, doc: &mut Doc) {
        let scored = self.model.as_ref().map(|m| (m, m.tag_scored(doc)));
        let mut finder = rules::Finder::new(doc);
        if let Some((m, (labels, margins))) = &scored {
            finder = finder.with_learned(rules::Learned { chooser: m.sources(), filter: m.filter(), labels, margins });
        }
        let mut found = finder.run(scored.as_ref().map(|(_, (labels, _))| labels.as_slice()));
        if self.drop_nested {
            rules::drop_nested(&mut found);
        }
        doc.attributions = found;
    }
}

#[cfg(test)]
mod tests;
