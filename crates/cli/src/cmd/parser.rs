//! `newsgraph train parser` and `newsgraph eval parser`: the dependency parser on UD EWT and
//! GUM, with predicted tags (jackknifed on the training side so that the parser learns from
//! tags as noisy as the ones it will see).

use newsgraph_nlp::ModelFile;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result};
use newsgraph_core::tagsets::DEPRELS;
use newsgraph_nlp::parser::train::{self, Tree};
use newsgraph_nlp::parser::vote::Vote;
use newsgraph_nlp::parser::Parser;
use newsgraph_nlp::tagger::{self, TagScratch, Tagger};
use newsgraph_nlp::clusters::Clusters;
use newsgraph_nlp::corpus;

/// Flags of `newsgraph train parser`.
#[derive(clap::Args)]
pub struct TrainArgs {
    /// Data root (the `shared/data` layout); defaults to $NEWSGRAPH_DATA.
    #[arg(long, env = "NEWSGRAPH_DATA")]
    data: PathBuf,
    /// Where to write the model.
    #[arg(long)]
    out: PathBuf,
    /// Shuffle and exploration seed (also the jackknife taggers' seed).
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Train this many parsers, with seeds SEED, SEED+1, … (each its own jackknifed tags,
    /// shuffles and epoch, chosen on its unpruned model), one per core, and write the mean
    /// of their weights, pruned by --prune-moves and --prune-labels: it scores as the
    /// average of the ensemble at the cost of one parser.
    #[arg(long, default_value_t = 1)]
    seeds: u64,
    /// Maximum epochs (early stopping on EWT dev LAS may stop sooner).
    #[arg(long, default_value_t = 15)]
    epochs: usize,
    /// Tagger model for the dev tags (default: models/tagger.bin).
    #[arg(long)]
    tagger: Option<PathBuf>,
    /// Folds for jackknifed training tags (0 = train on gold tags).
    #[arg(long, default_value_t = 4)]
    jackknife: usize,
    /// Epochs of each jackknife tagger.
    #[arg(long, default_value_t = 6)]
    jackknife_epochs: usize,
    /// Train on projective trees only (to measure what non-projective training brings).
    #[arg(long)]
    projective_only: bool,
    /// Most weights kept in each of the two classifiers (transitions, relations): smaller
    /// weights are pruned until the model fits, which sets the file size and load time.
    #[arg(long, default_value_t = 1_500_000)]
    max_weights: usize,
    /// Drop transition weights smaller than this from each epoch's model, before it is
    /// scored for early stopping (file size against accuracy; the epoch is chosen on the
    /// pruned model, which is the one written).
    #[arg(long, default_value_t = 2.0)]
    prune_moves: f32,
    /// Drop relation weights smaller than this (as `--prune-moves`).
    #[arg(long, default_value_t = 0.8)]
    prune_labels: f32,
    /// Features over XPOS only (the tagger's UPOS does not refine the parser's tags).
    #[arg(long)]
    no_upos: bool,
    /// Word clusters for features (`newsgraph train clusters`), stored inside the model.
    #[arg(long)]
    clusters: Option<PathBuf>,
    /// With --seeds: also write each member, unpruned, to DIR/parser-seedN.bin (to try
    /// other pruning thresholds on their mean without training again: the example
    /// `prune_parser`).
    #[arg(long, value_name = "DIR")]
    members: Option<PathBuf>,
    /// Train for beam search with this many hypotheses (global, max-violation perceptron);
    /// 1 trains the greedy parser with the dynamic oracle.
    #[arg(long, default_value_t = 1)]
    beam: usize,
    /// Parse from the last word of a sentence to the first: less accurate alone, but its
    /// mistakes differ from a left-to-right parser's, so the two vote well together
    /// (`--parser A --parser B`).
    #[arg(long)]
    right_to_left: bool,
    /// Uptraining: these parsers (voting, if more than one) parse the unlabelled train-side
    /// news (CoNLL-2003 eng.train, PolNeAR train articles; prose sentences of 5–120 words
    /// with a verb), tagged by --tagger, and the parser trains on their trees beside the
    /// treebanks, so that a fast parser learns what slower, more accurate ones know: for
    /// instance `--teacher models/parser-beam.bin --teacher models/parser-beam-rtl.bin
    /// --teacher models/parser.bin`. Repeatable. The parser then knows the PolNeAR train
    /// articles: an attribution model trained on its parses of them should be compared on
    /// PolNeAR dev before it replaces the shipped one (models/MODELS.md, "Uptraining").
    #[arg(long, value_name = "FILE")]
    teacher: Vec<PathBuf>,
    /// Parsed CoNLL-U to train on beside the treebanks, with the tags and trees it carries
    /// (uptraining on text of your own, for instance parsed by `newsgraph tag --input conllu
    /// --parser A --parser B --parser C`). Repeatable. Neither these nor the teachers'
    /// sentences are jackknifed, and the tag map counts the treebanks only.
    #[arg(long, value_name = "FILE")]
    extra: Vec<PathBuf>,
    /// Supertags: a small tagger inside the parser predicts each word's relation and the
    /// side of its head before parsing, and the parser reads them as features (a look at
    /// what the words still in the buffer will need). The training trees get theirs from
    /// supertaggers trained on the other folds, so they are as wrong as at parse time.
    #[arg(long)]
    supertags: bool,
}

/// Flags of `newsgraph train relabeller`.
#[derive(clap::Args)]
pub struct RelabelArgs {
    /// Data root (the `shared/data` layout); defaults to $NEWSGRAPH_DATA.
    #[arg(long, env = "NEWSGRAPH_DATA")]
    data: PathBuf,
    /// The parser file to add the relabeller to (any parser: greedy, beam, right to left).
    #[arg(long)]
    parser: PathBuf,
    /// Where to write the parser with its relabeller (may be the --parser file itself).
    #[arg(long)]
    out: PathBuf,
    /// Tagger model for the dev tags (default: models/tagger.bin).
    #[arg(long)]
    tagger: Option<PathBuf>,
    /// Shuffle seed (also the jackknife taggers' seed).
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Maximum epochs of the relabeller and of each fold parser (early stopping on EWT dev
    /// LAS may stop sooner).
    #[arg(long, default_value_t = 12)]
    epochs: usize,
    /// Folds for jackknifed training tags (0 = train on gold tags).
    #[arg(long, default_value_t = 4)]
    jackknife: usize,
    /// Epochs of each jackknife tagger.
    #[arg(long, default_value_t = 6)]
    jackknife_epochs: usize,
    /// Folds for the training parses: each fold of EWT + GUM train is parsed by a greedy
    /// parser trained on the others (with the --parser file's word clusters), so the
    /// relabeller learns from parses like the ones it will relabel.
    #[arg(long, default_value_t = 4)]
    folds: usize,
    /// Most weights kept (smaller ones are pruned until the model fits).
    #[arg(long, default_value_t = 1_500_000)]
    max_weights: usize,
    /// Drop weights smaller than this from each epoch's model before it is scored (the
    /// epoch is chosen on the pruned model, which is the one written): 1.5 keeps most of
    /// the gain in a tenth of the weights.
    #[arg(long, default_value_t = 1.5)]
    prune: f32,
}

/// Flags of `newsgraph eval parser`.
#[derive(clap::Args)]
pub struct EvalArgs {
    /// Data root (the `shared/data` layout); defaults to $NEWSGRAPH_DATA.
    #[arg(long, env = "NEWSGRAPH_DATA")]
    data: PathBuf,
    /// Models directory (tagger.bin, parser.bin); default: the repository's models/.
    #[arg(long, env = "NEWSGRAPH_MODELS")]
    models: Option<PathBuf>,
    /// Score with gold tags instead of predicted ones.
    #[arg(long)]
    gold_tags: bool,
    /// Print per-relation scores.
    #[arg(long)]
    relations: bool,
    /// Print JSON.
    #[arg(long)]
    json: bool,
    /// Tag and parse each corpus this many times and report the fastest run (speed on a
    /// shared machine); the tokens/s is by thread CPU time when the OS reports it.
    #[arg(long, default_value_t = 1)]
    repeat: usize,
    /// Parse with a beam of this many hypotheses instead of the model's own setting.
    #[arg(long)]
    beam: Option<usize>,
    /// Parser file to score instead of MODELS/parser.bin. Given more than once, the parsers
    /// vote on every arc (the first breaks ties): for instance `--parser
    /// models/parser-beam.bin --parser models/parser-beam-rtl.bin --parser models/parser.bin`.
    #[arg(long)]
    parser: Vec<PathBuf>,
}

fn ud_trees(data: &Path, split: &str, gum: bool) -> Result<Vec<Tree>> {
    let mut out = train::trees(&corpus::read_conllu(&corpus::ewt_path(data, split))?);
    if gum {
        out.extend(gum_trees(data, split)?);
    }
    Ok(out)
}

/// Replace the tags of `trees` with `tagger`'s predictions.
fn retag(tagger: &Tagger, trees: &mut [Tree]) {
    let mut scratch = TagScratch::default();
    let mut labels = Vec::new();
    for t in trees {
        tagger.tag(&t.forms, &mut scratch, &mut labels);
        t.tags = labels.iter().map(|&l| tagger.xpos(l)).collect();
        t.upos = labels.iter().map(|&l| tagger.upos(l)).collect();
    }
}

/// The tagger (`tagger`, default models/tagger.bin), and EWT dev and GUM dev with its tags:
/// the parser's dev sets, tagged as the parser will see text.
fn tagged_dev(data: &Path, tagger: Option<&Path>) -> Result<(Tagger, Vec<Tree>, Vec<Tree>)> {
    let mut dev = ud_trees(data, "dev", false).context("reading EWT dev")?;
    let tagger_path = tagger.map_or_else(|| crate::models_dir(None).join("tagger.bin"), Path::to_path_buf);
    let tagger = Tagger::load(&tagger_path).with_context(|| format!("loading the tagger {} (train it first: newsgraph train tagger)", tagger_path.display()))?;
    retag(&tagger, &mut dev);
    let mut gum_dev = gum_trees(data, "dev")?;
    retag(&tagger, &mut gum_dev);
    Ok((tagger, dev, gum_dev))
}

/// The GUM trees of one split.
fn gum_trees(data: &Path, split: &str) -> Result<Vec<Tree>> {
    let mut out = Vec::new();
    for f in corpus::gum_files(data, split)? {
        out.extend(train::trees(&corpus::read_conllu(&f)?));
    }
    Ok(out)
}

/// Word clusters from `path` (`None`: no cluster features).
fn load_clusters(path: Option<&Path>) -> Result<Option<Clusters>> {
    path.map(|p| Clusters::load(p).with_context(|| format!("loading the word clusters {} (make them with newsgraph train clusters)", p.display()))).transpose()
}

pub fn run_train(a: TrainArgs) -> Result<()> {
    let started = Instant::now();
    let train_trees = ud_trees(&a.data, "train", true).context("reading EWT and GUM train")?;
    let (tagger, dev, gum_dev) = tagged_dev(&a.data, a.tagger.as_deref())?;
    // UPOS/lemma columns are not needed to predict XPOS for the parser; the jackknife taggers
    // are trained on the gold tags of the other folds.
    let gold = if a.jackknife > 1 { Some(corpus::ud_tagged(&a.data, "train", true)?) } else { None };
    let mut extra = match Vote::new(load_all(&a.teacher)?) {
        Some(teachers) => taught(&a.data, &tagger, &teachers)?,
        None => Vec::new(),
    };
    for f in &a.extra {
        let sents = corpus::read_conllu(f).with_context(|| format!("reading the extra trees {}", f.display()))?;
        if let Some(i) = sents.iter().position(|s| s.words.iter().any(|w| w.deprel.is_empty() || w.deprel == "_")) {
            anyhow::bail!("{}: sentence {} has no relations: --extra takes parsed CoNLL-U (HEAD and DEPREL filled, as `newsgraph tag --input conllu` writes)", f.display(), i + 1);
        }
        extra.extend(train::trees(&sents));
    }
    eprintln!("train: {} sentences (EWT + GUM) + {} extra, dev: {} sentences (EWT)", train_trees.len(), extra.len(), dev.len());
    let clusters = load_clusters(a.clusters.as_deref())?;
    let ensemble = a.seeds > 1;
    let train_one = |seed: u64| -> Result<Parser> {
        let tag = if ensemble { format!("seed {seed}: ") } else { String::new() };
        let mut trees = train_trees.clone();
        if let Some(gold) = &gold {
            jackknife(&mut trees, gold, a.jackknife, a.jackknife_epochs, seed, &tag)?;
        }
        let treebank = trees.len();
        trees.extend(extra.iter().cloned());
        // An ensemble member keeps all its weights: the mean is pruned once, at the end.
        let prune = if ensemble { (0.0, 0.0) } else { (a.prune_moves, a.prune_labels) };
        let cfg = train::TrainConfig { epochs: a.epochs, seed, projective_only: a.projective_only, max_weights: a.max_weights, upos: !a.no_upos, clusters: clusters.clone(), prune, beam: a.beam, right_to_left: a.right_to_left, tag_map_trees: Some(treebank), supertags: a.supertags, ..Default::default() };
        Ok(train::train_reporting(&trees, &dev, &[("GUM dev", &gum_dev)], &cfg, |line| eprintln!("{tag}{line}"))?)
    };
    let parser = if ensemble {
        use rayon::prelude::*;
        let parsers = (a.seed..a.seed + a.seeds).into_par_iter().map(train_one).collect::<Result<Vec<_>>>()?;
        if let Some(dir) = &a.members {
            std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
            for (seed, p) in (a.seed..).zip(&parsers) {
                p.save(&dir.join(format!("parser-seed{seed}.bin")))?;
            }
        }
        Parser::mean(&parsers).context("the seeds' parsers differ in tags or clusters")?.pruned(a.prune_moves, a.prune_labels)
    } else {
        train_one(a.seed)?
    };
    parser.save(&a.out)?;
    let (s, g) = (train::evaluate(&parser, &dev), train::evaluate(&parser, &gum_dev));
    eprintln!("EWT dev (predicted tags): UAS {:.4} LAS {:.4}; GUM dev UAS {:.4} LAS {:.4}; {:.0} s; wrote {}", s.uas(), s.las(), g.uas(), g.las(), started.elapsed().as_secs_f64(), a.out.display());
    Ok(())
}

/// `newsgraph train relabeller`: learn to choose relations on finished trees and add that
/// to a parser file.
pub fn run_relabel(a: RelabelArgs) -> Result<()> {
    let started = Instant::now();
    if a.folds < 2 {
        anyhow::bail!("--folds {}: the training parses need at least 2 folds (each fold is parsed by a parser trained on the others)", a.folds);
    }
    let parser = Parser::load(&a.parser).with_context(|| format!("loading the parser {} (train it: newsgraph train parser)", a.parser.display()))?;
    let mut trees = ud_trees(&a.data, "train", true).context("reading EWT and GUM train")?;
    let (_, dev, gum_dev) = tagged_dev(&a.data, a.tagger.as_deref())?;
    if a.jackknife > 1 {
        let gold = corpus::ud_tagged(&a.data, "train", true)?;
        jackknife(&mut trees, &gold, a.jackknife, a.jackknife_epochs, a.seed, "")?;
    }
    eprintln!("train: {} gold trees (EWT + GUM) parsed in {} folds, dev: {} sentences (EWT)", trees.len(), a.folds, dev.len());
    // The fold parsers are greedy single parsers of the shipped kind (see `train parser`),
    // over the word clusters of the parser being relabelled.
    let fold_cfg = train::TrainConfig { epochs: a.epochs, seed: a.seed, max_weights: 1_500_000, clusters: parser.clusters().cloned(), prune: (1.0, 0.8), ..Default::default() };
    let folds = {
        use rayon::prelude::*;
        (0..a.folds).into_par_iter().map(|fold| train::parse_fold(&trees, a.folds, fold, &fold_cfg, &dev, |line| eprintln!("parse fold {}/{}: {line}", fold + 1, a.folds))).collect::<Result<Vec<_>, _>>()?
    };
    let parses = train::merge_folds(folds, trees.len());
    let cfg = train::RelabelConfig { epochs: a.epochs, seed: a.seed, max_weights: a.max_weights, prune: a.prune, ..Default::default() };
    let parser = train::train_relabeller(parser, &trees, &parses, &dev, &[("GUM dev", &gum_dev)], &cfg, |line| eprintln!("{line}"))?;
    parser.save(&a.out)?;
    let (s, g) = (train::evaluate(&parser, &dev), train::evaluate(&parser, &gum_dev));
    eprintln!("EWT dev (predicted tags): UAS {:.4} LAS {:.4}; GUM dev UAS {:.4} LAS {:.4}; {:.0} s; wrote {}", s.uas(), s.las(), g.uas(), g.las(), started.elapsed().as_secs_f64(), a.out.display());
    Ok(())
}

/// Load parser files, naming the one that fails.
fn load_all(files: &[PathBuf]) -> Result<Vec<Parser>> {
    files.iter().map(|f| Parser::load(f).with_context(|| format!("loading the parser {} (train it: newsgraph train parser)", f.display()))).collect()
}

/// The unlabelled news (`unlabelled::news_sentences`) tagged by `tagger` and parsed by
/// `teachers`: the trees an uptrained parser learns from. Only prose is kept (5–120 words, a
/// verb or auxiliary, under 30% numbers): tables of results and headlines teach little.
fn taught(data: &Path, tagger: &Tagger, teachers: &Vote) -> Result<Vec<Tree>> {
    use newsgraph_core::tagsets::{id_of, UPOS};
    use newsgraph_nlp::parser::vote::VoteScratch;
    use rayon::prelude::*;
    let t0 = Instant::now();
    let sents = super::unlabelled::news_sentences(data)?;
    let [verb, aux, num] = ["VERB", "AUX", "NUM"].map(|t| id_of(&UPOS, t));
    let prose = |upos: &[u8]| upos.iter().any(|&u| Some(u) == verb || Some(u) == aux) && 10 * upos.iter().filter(|&&u| Some(u) == num).count() < 3 * upos.len();
    let trees: Vec<Tree> = sents
        .par_iter()
        .map_init(
            || (TagScratch::default(), VoteScratch::default(), Vec::new()),
            |(tag_scratch, vote_scratch, labels), forms| {
                if !(5..=120).contains(&forms.len()) {
                    return None;
                }
                tagger.tag(forms, tag_scratch, labels);
                let upos: Vec<u8> = labels.iter().map(|&l| tagger.upos(l)).collect();
                if !prose(&upos) {
                    return None;
                }
                let tags: Vec<u8> = labels.iter().map(|&l| tagger.xpos(l)).collect();
                let (mut heads, mut rels) = (Vec::new(), Vec::new());
                teachers.parse(forms, &tags, &upos, vote_scratch, &mut heads, &mut rels);
                Some(Tree { forms: forms.clone(), tags, upos, heads, labels: rels })
            },
        )
        .flatten()
        .collect();
    let words: usize = trees.iter().map(|t| t.forms.len()).sum();
    eprintln!("uptraining: {} of {} unlabelled sentences kept ({words} words), parsed by the teachers in {:.0} s", trees.len(), sents.len(), t0.elapsed().as_secs_f64());
    Ok(trees)
}

/// Replace the tags of `trees` by jackknifed ones: fold `i` of `k` is tagged by a tagger
/// trained on the gold tags (`gold`, same sentences) of the other folds.
fn jackknife(trees: &mut [Tree], gold: &[corpus::TaggedSentence], k: usize, epochs: usize, seed: u64, log_tag: &str) -> Result<()> {
    for fold in 0..k {
        let t0 = Instant::now();
        let rest: Vec<_> = gold.iter().enumerate().filter(|(i, _)| i % k != fold).map(|(_, s)| s.clone()).collect();
        let cfg = tagger::TrainConfig { epochs, seed, patience: epochs, ..Default::default() };
        let fold_tagger = tagger::train(&rest, &[], &cfg, |_| {})?;
        let mut held: Vec<Tree> = trees.iter().enumerate().filter(|(i, _)| i % k == fold).map(|(_, t)| t.clone()).collect();
        retag(&fold_tagger, &mut held);
        let mut it = held.into_iter();
        for (i, t) in trees.iter_mut().enumerate() {
            if i % k == fold {
                if let Some(h) = it.next() {
                    t.tags = h.tags;
                    t.upos = h.upos;
                }
            }
        }
        eprintln!("{log_tag}jackknife fold {}/{k}: tagged {} sentences in {:.0} s", fold + 1, trees.len() / k, t0.elapsed().as_secs_f64());
    }
    Ok(())
}

pub fn run_eval(a: EvalArgs) -> Result<()> {
    let dir = crate::models_dir(a.models.clone());
    let tagger = Tagger::load(&dir.join("tagger.bin")).context("loading the tagger")?;
    let files = if a.parser.is_empty() { vec![dir.join("parser.bin")] } else { a.parser.clone() };
    let mut parsers = load_all(&files)?;
    if let Some(k) = a.beam {
        parsers.iter_mut().for_each(|p| p.set_beam(k));
    }
    let parser = Vote::new(parsers).context("no parser given")?;
    let mut rows = Vec::new();
    for (name, split_gum) in [("EWT dev", false), ("GUM dev", true)] {
        let mut trees = if split_gum {
            gum_trees(&a.data, "dev")?
        } else {
            ud_trees(&a.data, "dev", false)?
        };
        let words: usize = trees.iter().map(|t| t.forms.len()).sum();
        let mut best = f64::INFINITY;
        let mut s = train::Scores::default();
        for _ in 0..a.repeat.max(1) {
            let (t0, c0) = (Instant::now(), crate::cputime::thread_cpu());
            if !a.gold_tags {
                retag(&tagger, &mut trees);
            }
            s = train::evaluate_vote(&parser, &trees);
            let secs = match (c0, crate::cputime::thread_cpu()) {
                (Some(c0), Some(c1)) if a.repeat > 1 => c1 - c0,
                _ => t0.elapsed().as_secs_f64(),
            };
            best = best.min(secs);
        }
        rows.push((name, s, words as f64 / best));
    }
    if a.json {
        let v: Vec<_> = rows.iter().map(|(n, s, tps)| serde_json::json!({"corpus": n, "uas": s.uas(), "las": s.las(), "words": s.words, "tokens_per_s": tps})).collect();
        println!("{}", serde_json::to_string_pretty(&v)?);
        return Ok(());
    }
    println!("{:<10} {:>8} {:>8} {:>8} {:>14}", "corpus", "words", "UAS", "LAS", "tag+parse tok/s");
    for (name, s, tps) in &rows {
        println!("{:<10} {:>8} {:>8.4} {:>8.4} {:>14.0}", name, s.words, s.uas(), s.las(), tps);
    }
    if a.relations {
        let s = &rows[0].1;
        println!("\nper relation on EWT dev (gold, predicted, labelled attachment P/R/F1):");
        for (id, &(g, p, c)) in s.per_label.iter().enumerate().filter(|(_, x)| x.0 > 0 || x.1 > 0) {
            let (pr, re) = (c as f64 / p.max(1) as f64, c as f64 / g.max(1) as f64);
            let f = if pr + re > 0.0 { 2.0 * pr * re / (pr + re) } else { 0.0 };
            println!("  {:<14} {:>6} {:>6}  P {:.3} R {:.3} F1 {:.3}", DEPRELS[id], g, p, pr, re, f);
        }
    }
    Ok(())
}
