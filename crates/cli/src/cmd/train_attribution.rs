//! `newsgraph train attribution --data DIR --out FILE [--seed N]`: train the attribution
//! tagger (`newsgraph_extract::attribution::model`) on PolNeAR train (every annotator's file
//! of the articles annotated several times), picking the epoch on PolNeAR dev, then the
//! source chooser and the filter by stacking (fold taggers, the rules run on their labels).
//! Articles are run through the same stages as `eval attribution` (segment, tag, parse, NER)
//! so the features match what the models see at run time.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context, Result};
use newsgraph_core::{Doc, Meta};
use newsgraph_extract::attribution::model::{self, AttributionModel, Example, TrainConfig};
use newsgraph_extract::attribution::polnear;
use newsgraph_extract::attribution::keep_model;
use newsgraph_extract::attribution::source_model::{self, Stacked};
use newsgraph_nlp::ModelFile;
use rayon::prelude::*;

/// Flags of `newsgraph train attribution`.
#[derive(clap::Args)]
pub struct Args {
    /// `--data` (the `shared/data` layout: reads `polnear/train` and `polnear/dev`, or a folder
    /// with `train/` and `dev/` PolNeAR splits), `--out`, `--seed`, `--epochs` (default 5).
    #[command(flatten)]
    pub common: super::train::TrainArgs,
    /// Averaged weights smaller than this are dropped (model size against accuracy).
    #[arg(long, default_value_t = 3.0)]
    pub min_weight: f32,
    /// Models directory for the tagger, parser and NER that make the features.
    #[arg(long)]
    pub models: Option<PathBuf>,
    /// Train without tagger, parser and NER (words, quotes and the cue lexicon only).
    #[arg(long)]
    pub no_models: bool,
    /// Parser file instead of MODELS/parser.bin for the features; repeat it to train on
    /// the vote of several parsers (as `analyze --parser`).
    #[arg(long, value_name = "FILE", conflicts_with = "no_models")]
    pub parser: Vec<PathBuf>,
    /// Train on the first annotator's file only of the train articles annotated several
    /// times (by default each of their files is a training document; dev always keeps the
    /// first file, as `eval attribution` does).
    #[arg(long)]
    pub first_annotator: bool,
    /// Folds for the stacked training of the source chooser and the filter: each train
    /// article's tagger labels come from a tagger trained on the other folds.
    #[arg(long, default_value_t = 4)]
    pub folds: usize,
}

/// One split's articles run through the pipeline, and the tagger's examples of each.
fn examples(dir: &Path, pipe: &newsgraph_core::Pipeline, all_annotators: bool) -> Result<(Vec<(Doc, polnear::Article)>, Vec<Example>)> {
    let arts = polnear::read_split_with(dir, all_annotators)?;
    Ok(arts
        .into_par_iter()
        .map(|a| {
            let mut doc = Doc::new(Meta { id: Some(a.name.clone()), ..Meta::default() }, a.text.clone());
            pipe.run(&mut doc);
            let ex = Example::new(&doc, &a.gold);
            ((doc, a), ex)
        })
        .unzip())
}

/// The source chooser's and the filter's examples, each article tagged by `tagger_of` its
/// index.
fn stacked(docs: &[(Doc, polnear::Article)], tagger_of: impl Fn(usize) -> usize + Sync, taggers: &[AttributionModel]) -> Stacked {
    let per_doc: Vec<Stacked> = docs.par_iter().enumerate().map(|(i, (doc, art))| {
            let (labels, margins) = taggers[tagger_of(i)].tag_scored(doc);
            source_model::examples(doc, (&labels, &margins), &art.gold)
        }).collect();
    let mut all = Stacked::default();
    for s in per_doc {
        all.sources.extend(s.sources);
        all.keep.extend(s.keep);
    }
    all
}

pub fn run(a: Args) -> Result<()> {
    let t0 = Instant::now();
    let super::train::TrainArgs { data, out, seed, epochs } = &a.common;
    let root = if data.join("polnear").is_dir() { data.join("polnear") } else { data.clone() };
    let pipe = super::eval_attribution::build_pipeline(a.models.as_deref(), a.no_models, &a.parser)?;
    let (train_docs, train) = examples(&root.join("train"), &pipe, !a.first_annotator).with_context(|| format!("reading PolNeAR train under {}", root.display()))?;
    let (dev_docs, dev) = examples(&root.join("dev"), &pipe, false).with_context(|| format!("reading PolNeAR dev under {}", root.display()))?;
    if train.is_empty() {
        bail!("{}: no training articles", root.join("train").display());
    }
    eprintln!("train: {} articles, dev: {} articles; features in {:.1} s", train.len(), dev.len(), t0.elapsed().as_secs_f64());
    let cfg = TrainConfig { epochs: epochs.unwrap_or(5), seed: *seed, patience: 2, min_weight: a.min_weight };
    let all: Vec<&Example> = train.iter().collect();
    let dev: Vec<&Example> = dev.iter().collect();
    let m = model::train(&all, &dev, &cfg, |line| eprintln!("{line}"))?;
    // Stacking: the source chooser learns from the rules' output over tagger labels like
    // the ones it will see, so each train article is tagged by a tagger trained without it.
    let folds = a.folds.max(2);
    let mut taggers = Vec::with_capacity(folds);
    for f in 0..folds {
        let part: Vec<&Example> = train.iter().enumerate().filter(|(i, _)| i % folds != f).map(|(_, e)| e).collect();
        taggers.push(model::train(&part, &dev, &cfg, |_| {})?);
        eprintln!("fold tagger {}/{folds} trained ({:.0} s)", f + 1, t0.elapsed().as_secs_f64());
    }
    let train_st = stacked(&train_docs, |i| i % folds, &taggers);
    let dev_st = stacked(&dev_docs, |_| 0, std::slice::from_ref(&m));
    eprintln!("stacking: {} train and {} dev attributions, {} and {} with a source to choose", train_st.keep.len(), dev_st.keep.len(), train_st.sources.len(), dev_st.sources.len());
    let m = if train_st.sources.is_empty() {
        eprintln!("no parse, so no source chooser and no filter: the rules' and the tagger's attributions stand");
        m
    } else {
        let stacked_cfg = TrainConfig { epochs: 20, patience: 3, min_weight: 0.0, ..cfg };
        let sources = source_model::train(&train_st.sources, &dev_st.sources, &stacked_cfg, |line| eprintln!("{line}"))?;
        let filter = keep_model::train(&train_st.keep, &dev_st.keep, &stacked_cfg, |line| eprintln!("{line}"))?;
        m.with_stacked(sources, filter)
    };
    m.save(out).with_context(|| format!("writing {}", out.display()))?;
    let size = std::fs::metadata(out).map(|m| m.len()).unwrap_or(0);
    eprintln!("{} rows, {:.2} MB; {:.0} s; wrote {}", m.rows(), size as f64 / 1e6, t0.elapsed().as_secs_f64(), out.display());
    Ok(())
}
