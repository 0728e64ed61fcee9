//! Pipeline stages over a `Doc` and model loading: [`TagStage`] fills `Doc::tags` (UPOS,
//! XPOS, lemma into `Doc::lemma_arena`) and [`NerStage`] fills `Doc::mentions`, both
//! sentence by sentence over the segmenter's tokens. [`Models`] loads both model files from
//! a directory (`NEWSGRAPH_MODELS`, else the repository's `models/`).

use crate::ModelFile;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use newsgraph_core::{Doc, EntityMention, Span, Stage, TokenTags};

use crate::ner::{DocStats, NerScratch, MISC};
use crate::tagger::TagScratch;
use crate::{Error, Ner, Tagger};

/// File name of the tagger model inside a models directory.
pub const TAGGER_FILE: &str = "tagger.bin";
/// File name of the NER model inside a models directory.
pub const NER_FILE: &str = "ner.bin";

/// The models directory: `$NEWSGRAPH_MODELS` when set, else the repository's `models/`.
pub fn default_models_dir() -> PathBuf {
    match std::env::var_os("NEWSGRAPH_MODELS") {
        Some(d) if !d.is_empty() => PathBuf::from(d),
        _ => PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models")),
    }
}

/// The tagger and the recogniser, shared by the stages (cheap to clone).
#[derive(Clone)]
pub struct Models {
    /// POS tagger and lemmatizer.
    pub tagger: Arc<Tagger>,
    /// Named-entity recogniser.
    pub ner: Arc<Ner>,
}

impl Models {
    /// Load `tagger.bin` and `ner.bin` from `dir`.
    pub fn load(dir: &Path) -> Result<Self, Error> {
        if !dir.is_dir() {
            return Err(Error::NoModels(dir.to_path_buf()));
        }
        // The two files load on two threads: loading is decompression and copying, and the
        // pipeline waits for both.
        let (tagger, ner) = std::thread::scope(|s| {
            let ner = s.spawn(|| Ner::load(&dir.join(NER_FILE)));
            let tagger = Tagger::load(&dir.join(TAGGER_FILE));
            (tagger, ner.join())
        });
        let ner = ner.unwrap_or_else(|_| Err(Error::NoData("the NER loading thread panicked".into())))?;
        Ok(Models { tagger: Arc::new(tagger?), ner: Arc::new(ner) })
    }

    /// Load from [`default_models_dir`].
    pub fn load_default() -> Result<Self, Error> {
        Self::load(&default_models_dir())
    }

    /// The tagging stage.
    pub fn tag_stage(&self) -> TagStage {
        TagStage { tagger: self.tagger.clone() }
    }

    /// The NER stage.
    pub fn ner_stage(&self) -> NerStage {
        NerStage { ner: self.ner.clone() }
    }
}

/// Fills `Doc::tags` with UPOS, XPOS and lemma (no parse: `head = u32::MAX`, `deprel = 0`).
pub struct TagStage {
    tagger: Arc<Tagger>,
}

impl TagStage {
    /// A stage running `tagger`.
    pub fn new(tagger: Arc<Tagger>) -> Self {
        TagStage { tagger }
    }
}

impl Stage for TagStage {
    fn name(&self) -> &'static str {
        "tag"
    }

    fn process(&self, doc: &mut Doc) {
        let mut tags = vec![TokenTags { head: u32::MAX, ..Default::default() }; doc.tokens.len()];
        let mut arena = String::with_capacity(doc.text.len());
        let mut scratch = TagScratch::default();
        let mut labels = Vec::new();
        let mut lemma = String::new();
        let mut forms: Vec<&str> = Vec::new();
        for s in &doc.sentences {
            let range = s.tokens();
            if range.end > doc.tokens.len() {
                continue;
            }
            forms.clear();
            forms.extend(doc.tokens[range.clone()].iter().map(|t| t.text(&doc.text)));
            self.tagger.tag(&forms, &mut scratch, &mut labels);
            for ((i, &l), form) in range.zip(&labels).zip(&forms) {
                let xpos = self.tagger.xpos(l);
                self.tagger.lemmatize(form, xpos, &mut lemma);
                let start = arena.len();
                arena.push_str(&lemma);
                tags[i].upos = self.tagger.upos(l);
                tags[i].xpos = xpos;
                tags[i].lemma = Span::new(start, arena.len());
            }
        }
        doc.tags = tags;
        doc.lemma_arena = arena;
    }
}

/// Fills `Doc::mentions`; uses `Doc::tags` for part-of-speech features when the tagger ran.
pub struct NerStage {
    ner: Arc<Ner>,
}

impl NerStage {
    /// A stage running `ner`.
    pub fn new(ner: Arc<Ner>) -> Self {
        NerStage { ner }
    }
}

impl Stage for NerStage {
    fn name(&self) -> &'static str {
        "ner"
    }

    fn process(&self, doc: &mut Doc) {
        let mut scratch = NerScratch::default();
        let mut spans = Vec::new();
        let mut forms: Vec<&str> = Vec::new();
        let mut xpos: Vec<u8> = Vec::new();
        let mut mentions = Vec::new();
        let tagged = doc.tags.len() == doc.tokens.len();
        let mut stats = DocStats::default();
        for s in &doc.sentences {
            if s.tokens().end <= doc.tokens.len() {
                forms.clear();
                forms.extend(doc.tokens[s.tokens()].iter().map(|t| t.text(&doc.text)));
                stats.add_sentence(&forms);
            }
        }
        for s in &doc.sentences {
            let range = s.tokens();
            if range.end > doc.tokens.len() {
                continue;
            }
            forms.clear();
            forms.extend(doc.tokens[range.clone()].iter().map(|t| t.text(&doc.text)));
            xpos.clear();
            if tagged {
                xpos.extend(doc.tags[range.clone()].iter().map(|t| t.xpos));
            }
            self.ner.recognize(&forms, &xpos, &stats, &mut scratch, &mut spans);
            for &(a, b, t) in &spans {
                // MISC (CoNLL names of no OntoNotes type we output) is not an entity type.
                if t != MISC {
                    mentions.push(EntityMention { first: (range.start + a) as u32, end: (range.start + b) as u32, label: t });
                }
            }
        }
        doc.mentions = mentions;
    }
}
