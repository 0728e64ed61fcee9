//! The unlabelled train-side news the project learns from without its annotations: the
//! sentences of CoNLL-2003 eng.train, then the PolNeAR train articles cut into sentences by
//! the engine's own segmenter. Word clusters are counted on it (`train clusters`) and the
//! parser can be uptrained on it (`train parser --teacher`). Dev and test material is never
//! read, and the order is fixed (files sorted), so whatever is learned from it is
//! deterministic. It does not filter or normalise: each user decides what it keeps.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use newsgraph_nlp::corpus;
use newsgraph_text::Segmenter;

/// Word forms of every non-empty sentence of the unlabelled news under `data`.
pub fn news_sentences(data: &Path) -> Result<Vec<Vec<String>>> {
    let mut out = Vec::new();
    let conll = data.join("conll2003/eng.train");
    for s in corpus::read_conll2003(&conll).with_context(|| format!("reading {}", conll.display()))? {
        if !s.words.is_empty() {
            out.push(s.words);
        }
    }
    let dir = data.join("polnear/train/text");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir).with_context(|| format!("listing {}", dir.display()))?.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "txt")).collect();
    files.sort();
    let (mut tokens, mut sents) = (Vec::new(), Vec::new());
    for f in &files {
        let text = std::fs::read_to_string(f).with_context(|| format!("reading {}", f.display()))?;
        Segmenter.segment_into(&text, &mut tokens, &mut sents);
        for s in &sents {
            let forms: Vec<String> = s.tokens().map(|i| tokens[i].text(&text).to_string()).collect();
            if !forms.is_empty() {
                out.push(forms);
            }
        }
    }
    Ok(out)
}
