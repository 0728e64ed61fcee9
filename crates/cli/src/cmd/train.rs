//! `newsgraph train tagger|ner`: train a model from the corpora under `--data` and write it
//! to `--out`. The training itself lives in `newsgraph_nlp`; this module reads flags and
//! reports progress.

use newsgraph_nlp::ModelFile;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result};
use newsgraph_nlp::{corpus, gazetteer, ner, ner_data, tagger};

/// Which model to train.
#[derive(clap::Subcommand)]
pub enum Train {
    /// Part-of-speech tagger + lemmatizer (UD EWT train + GUM train; dev: EWT dev + GUM dev).
    Tagger(TrainArgs),
    /// Named-entity recognizer (CoNLL-2003 eng.train + GUM train [+ UNER EWT dev training half]; dev: eng.testa + UNER EWT dev [its held-out half]).
    Ner(NerArgs),
    /// Dependency parser (UD EWT train + GUM train, jackknifed tags; dev: EWT dev).
    Parser(super::parser::TrainArgs),
    /// Relation relabeller added to a parser file: chooses every relation again on the
    /// finished tree (UD EWT train + GUM train gold trees, jackknifed tags; dev: EWT dev).
    Relabeller(super::parser::RelabelArgs),
    /// GeoNames place index for the `places` stage (from `--data`/geonames).
    Places(super::train_places::Args),
    /// Word clusters for the parser's features (PolNeAR train text, EWT/GUM/CoNLL train words).
    Clusters(super::train_clusters::Args),
    /// Attribution tagger, source chooser and filter (PolNeAR train, stacked; dev: PolNeAR dev).
    Attribution(super::train_attribution::Args),
}

/// Flags shared by every trainer.
#[derive(clap::Args)]
pub struct TrainArgs {
    /// Data root (the `shared/data` layout); defaults to $NEWSGRAPH_DATA.
    #[arg(long, env = "NEWSGRAPH_DATA")]
    pub data: PathBuf,
    /// Where to write the model.
    #[arg(long)]
    pub out: PathBuf,
    /// Shuffle seed.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Maximum number of epochs (early stopping on dev may stop sooner).
    #[arg(long)]
    pub epochs: Option<usize>,
}

/// Flags of `train ner`.
#[derive(clap::Args)]
pub struct NerArgs {
    #[command(flatten)]
    pub common: TrainArgs,
    /// The tagger model whose predicted tags feed the NER features.
    #[arg(long)]
    pub tagger: Option<PathBuf>,
    /// Add a lowercased copy of one training sentence in N (case robustness; 0 = none).
    #[arg(long, default_value_t = 3)]
    pub lower_every: usize,
    /// Copies of the UNER EWT dev training half (even-numbered documents) to train on
    /// (0 = none); the odd-numbered documents are never trained on, and with copies the
    /// epoch is picked on them instead of on all of UNER dev.
    #[arg(long, default_value_t = 8)]
    pub uner_copies: usize,
    /// Keep leading titles in GUM person spans ("Dr. Vincent Kaminski"); by default they
    /// are trimmed, as CoNLL, OntoNotes and UNER annotate names.
    #[arg(long)]
    pub keep_titles: bool,
    /// The gazetteer's list of common words (usually lowercase inside sentences, counted on
    /// the PolNeAR train texts and the UD train treebanks) takes words seen this many times
    /// (0 = no list).
    #[arg(long, default_value_t = 5)]
    pub common_min_count: u32,
    /// ... and written in lowercase at least this share of those times.
    #[arg(long, default_value_t = 0.9)]
    pub common_min_lower: f64,
}

pub fn run(train: Train) -> Result<ExitCode> {
    match train {
        Train::Tagger(a) => train_tagger(a),
        Train::Ner(a) => train_ner(a),
        Train::Parser(a) => super::parser::run_train(a).map(|()| ExitCode::SUCCESS),
        Train::Relabeller(a) => super::parser::run_relabel(a).map(|()| ExitCode::SUCCESS),
        Train::Places(a) => super::train_places::run(a).map(|()| ExitCode::SUCCESS),
        Train::Clusters(a) => super::train_clusters::run(a).map(|()| ExitCode::SUCCESS),
        Train::Attribution(a) => super::train_attribution::run(a).map(|()| ExitCode::SUCCESS),
    }
}

fn train_tagger(a: TrainArgs) -> Result<ExitCode> {
    let t0 = Instant::now();
    let train = corpus::ud_tagged(&a.data, "train", true).context("reading the tagger training data")?;
    let dev = corpus::ud_tagged(&a.data, "dev", true).context("reading the tagger dev data")?;
    eprintln!("train: {} sentences, dev: {} sentences", train.len(), dev.len());
    let mut cfg = tagger::TrainConfig { seed: a.seed, ..Default::default() };
    if let Some(e) = a.epochs {
        cfg.epochs = e;
    }
    let model = tagger::train(&train, &dev, &cfg, |line| eprintln!("{line}"))?;
    model.save(&a.out)?;
    let ewt_dev = corpus::ud_tagged(&a.data, "dev", false)?;
    let (u, x, l, n) = tagger::evaluate(&model, &ewt_dev);
    let (labels, rows, weights, dict) = model.stats();
    eprintln!(
        "EWT dev ({n} words): UPOS {u:.4} XPOS {x:.4} lemma {l:.4}; {labels} labels, {rows} rows, {weights} weights, {dict} dictionary words; {:.0} s; wrote {}",
        t0.elapsed().as_secs_f64(),
        a.out.display()
    );
    Ok(ExitCode::SUCCESS)
}

fn train_ner(a: NerArgs) -> Result<ExitCode> {
    let t0 = Instant::now();
    let c = a.common;
    let tagger_path = a.tagger.unwrap_or_else(|| newsgraph_nlp::default_models_dir().join(newsgraph_nlp::stage::TAGGER_FILE));
    let tagger = newsgraph_nlp::Tagger::load(&tagger_path).context("loading the tagger that feeds NER features")?;
    let mut gaz = gazetteer::Gazetteer::with_geonames(&c.data).context("building the gazetteer")?;
    if a.common_min_count > 0 {
        let counts = ner_data::casing_counts(&c.data).context("counting word casing for the common-word list")?;
        let common = counts.common(a.common_min_count, a.common_min_lower);
        eprintln!("common-word list: {} words", common.len());
        gaz.add_common(common);
    }
    let train = ner_data::training_set(&c.data, &tagger, &gaz, ner_data::Sources { lower_every: a.lower_every, uner_copies: a.uner_copies, trim_titles: !a.keep_titles }, c.seed).context("reading the NER training data")?;
    let conll = ner_data::conll_dev(&c.data, &tagger)?;
    let (uner, uner_name) = if a.uner_copies > 0 {
        (ner_data::uner_heldout(&c.data, &tagger)?, "UNER EWT dev held-out half")
    } else {
        (ner_data::uner_dev(&c.data, &tagger)?, "UNER EWT dev")
    };
    eprintln!("train: {} sentences (with lowercased copies), gazetteer: {} entries", train.len(), gaz.len());
    let mut cfg = ner::TrainConfig { seed: c.seed, ..Default::default() };
    if let Some(e) = c.epochs {
        cfg.epochs = e;
    }
    let dev = [
        ner::DevSet { name: "CoNLL eng.testa", gold: &conll, map: ner::to_conll },
        ner::DevSet { name: uner_name, gold: &uner, map: ner::to_uner },
    ];
    let model = ner::train(&train, &dev, gaz, &cfg, |line| eprintln!("{line}"))?;
    model.save(&c.out)?;
    let (rows, weights, gaz_n) = model.stats();
    eprintln!("{rows} rows, {weights} weights, {gaz_n} gazetteer entries; {:.0} s; wrote {}", t0.elapsed().as_secs_f64(), c.out.display());
    Ok(ExitCode::SUCCESS)
}
