//! `newsgraph eval tagger|ner`: score the shipped (or given) models on the dev corpora and
//! report speed; optional `--min-*` thresholds make the command fail when a score drops, for
//! CI quality gates.

use newsgraph_nlp::ModelFile;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use newsgraph_nlp::{corpus, ner, ner_data, stage, tagger, Ner, Tagger};

/// Flags of `eval tagger`.
#[derive(clap::Args)]
pub struct TaggerArgs {
    /// Data root (the `shared/data` layout); defaults to $NEWSGRAPH_DATA.
    #[arg(long, env = "NEWSGRAPH_DATA")]
    pub data: PathBuf,
    /// Tagger model (default: tagger.bin in $NEWSGRAPH_MODELS or the repository's models/).
    #[arg(long)]
    pub model: Option<PathBuf>,
    /// Fail when EWT dev UPOS accuracy is below this.
    #[arg(long)]
    pub min_upos: Option<f64>,
    /// Fail when EWT dev XPOS accuracy is below this.
    #[arg(long)]
    pub min_xpos: Option<f64>,
}

/// Flags of `eval ner`.
#[derive(clap::Args)]
pub struct NerArgs {
    /// Data root (the `shared/data` layout); defaults to $NEWSGRAPH_DATA.
    #[arg(long, env = "NEWSGRAPH_DATA")]
    pub data: PathBuf,
    /// Models directory holding tagger.bin and ner.bin (default: $NEWSGRAPH_MODELS or models/).
    #[arg(long)]
    pub models: Option<PathBuf>,
    /// Fail when CoNLL-2003 eng.testa micro F1 is below this.
    #[arg(long)]
    pub min_conll: Option<f64>,
    /// Fail when UNER EWT dev micro F1 (all documents) is below this.
    #[arg(long)]
    pub min_uner: Option<f64>,
    /// Fail when the micro F1 on the held-out half of UNER EWT dev (odd-numbered documents,
    /// never trained on) is below this.
    #[arg(long)]
    pub min_uner_heldout: Option<f64>,
}

pub fn run_tagger(a: TaggerArgs) -> Result<()> {
    let path = a.model.unwrap_or_else(|| stage::default_models_dir().join(stage::TAGGER_FILE));
    let t0 = Instant::now();
    let model = Tagger::load(&path)?;
    let load_ms = t0.elapsed().as_secs_f64() * 1e3;
    let ewt = corpus::ud_tagged(&a.data, "dev", false).context("reading EWT dev")?;
    let mut gum = Vec::new();
    for f in corpus::gum_files(&a.data, "dev")? {
        gum.extend(corpus::tagged(&corpus::read_conllu(&f)?));
    }
    println!("tagger {} (loaded in {load_ms:.1} ms)", path.display());
    println!("{:<10} {:>8} {:>8} {:>8} {:>8} {:>12}", "set", "words", "UPOS", "XPOS", "lemma", "tokens/s");
    let mut ewt_scores = (0.0, 0.0);
    for (name, set) in [("EWT dev", &ewt), ("GUM dev", &gum)] {
        let t = Instant::now();
        let (u, x, l, n) = tagger::evaluate(&model, set);
        let rate = n as f64 / t.elapsed().as_secs_f64();
        println!("{name:<10} {n:>8} {u:>8.4} {x:>8.4} {l:>8.4} {rate:>12.0}");
        if name == "EWT dev" {
            ewt_scores = (u, x);
        }
    }
    println!("(tokens/s includes lemmatisation and scoring)");
    if a.min_upos.is_some_and(|m| ewt_scores.0 < m) || a.min_xpos.is_some_and(|m| ewt_scores.1 < m) {
        bail!("EWT dev UPOS {:.4} / XPOS {:.4} below the threshold", ewt_scores.0, ewt_scores.1);
    }
    Ok(())
}

fn print_score(name: &str, s: &ner::Score) {
    println!("{name}");
    println!("  {:<8} {:>9} {:>9} {:>9} {:>7} {:>7}", "label", "precision", "recall", "F1", "pred", "gold");
    for (l, tp, p, g) in &s.labels {
        let (pr, rc, f) = ner::prf(*tp, *p, *g);
        println!("  {l:<8} {pr:>9.4} {rc:>9.4} {f:>9.4} {p:>7} {g:>7}");
    }
    let (pr, rc, f) = s.micro();
    let (p, g) = s.labels.iter().fold((0, 0), |a, l| (a.0 + l.2, a.1 + l.3));
    println!("  {:<8} {pr:>9.4} {rc:>9.4} {f:>9.4} {p:>7} {g:>7}", "micro");
}

pub fn run_ner(a: NerArgs) -> Result<()> {
    let dir = a.models.unwrap_or_else(stage::default_models_dir);
    let t0 = Instant::now();
    let tagger = Tagger::load(&dir.join(stage::TAGGER_FILE))?;
    let model = Ner::load(&dir.join(stage::NER_FILE))?;
    let load_ms = t0.elapsed().as_secs_f64() * 1e3;
    println!("models {} (tagger + NER loaded in {load_ms:.1} ms)", dir.display());
    let conll = ner_data::conll_dev(&a.data, &tagger).context("reading CoNLL-2003 eng.testa")?;
    let uner = ner_data::uner_dev(&a.data, &tagger).context("reading UNER EWT dev")?;
    let uner_held = ner_data::uner_heldout(&a.data, &tagger).context("reading UNER EWT dev")?;
    let mut f1s = Vec::new();
    for (name, set, map) in [
        ("CoNLL-2003 eng.testa (PER/ORG/LOC/MISC; GPE/LOC/FAC -> LOC, NORP/EVENT/PRODUCT/WORK_OF_ART/LAW/MISC -> MISC)", &conll, ner::to_conll as fn(u8) -> Option<&'static str>),
        ("UNER EWT dev, all documents (PER/ORG/LOC; GPE/LOC/FAC -> LOC, other types ignored; a model trained with --uner-copies has seen the even-numbered half)", &uner, ner::to_uner),
        ("UNER EWT dev, held-out half (odd-numbered documents, never trained on)", &uner_held, ner::to_uner),
    ] {
        let t = Instant::now();
        let s = ner::evaluate(&model, set, map);
        let n: usize = set.iter().map(|(e, _)| e.words.len()).sum();
        print_score(name, &s);
        println!("  NER only: {:.0} tokens/s", n as f64 / t.elapsed().as_secs_f64());
        f1s.push(s.micro().2);
    }
    if a.min_conll.is_some_and(|m| f1s[0] < m) || a.min_uner.is_some_and(|m| f1s[1] < m) || a.min_uner_heldout.is_some_and(|m| f1s[2] < m) {
        bail!("NER micro F1 CoNLL {:.4} / UNER all {:.4} / UNER held-out half {:.4} below the threshold", f1s[0], f1s[1], f1s[2]);
    }
    Ok(())
}

/// Flags of `eval nlp-speed`.
#[derive(clap::Args)]
pub struct SpeedArgs {
    /// Data root (the `shared/data` layout); defaults to $NEWSGRAPH_DATA.
    #[arg(long, env = "NEWSGRAPH_DATA")]
    pub data: PathBuf,
    /// Models directory (default: $NEWSGRAPH_MODELS or models/).
    #[arg(long)]
    pub models: Option<PathBuf>,
    /// Fail when tagger + NER run slower than this many tokens per second.
    #[arg(long)]
    pub min_tokens_per_sec: Option<f64>,
    /// Fail when loading both models takes longer than this many milliseconds.
    #[arg(long)]
    pub max_load_ms: Option<f64>,
}

/// Tagger + NER throughput on one core over the PolNeAR texts (train + dev), segmented by
/// the project's segmenter; segmentation is not timed.
pub fn run_speed(a: SpeedArgs) -> Result<()> {
    use newsgraph_core::{Doc, Meta, Stage};
    let dir = a.models.unwrap_or_else(stage::default_models_dir);
    let t0 = Instant::now();
    let models = newsgraph_nlp::Models::load(&dir)?;
    let load_ms = t0.elapsed().as_secs_f64() * 1e3;
    let mut docs = Vec::new();
    for split in ["train", "dev"] {
        let d = a.data.join("polnear").join(split).join("text");
        let mut files: Vec<PathBuf> = std::fs::read_dir(&d).with_context(|| format!("reading {}", d.display()))?.filter_map(|e| e.ok().map(|e| e.path())).collect();
        files.sort();
        for f in files {
            let text = std::fs::read_to_string(&f).with_context(|| format!("reading {}", f.display()))?;
            let mut doc = Doc::new(Meta::default(), text);
            newsgraph_text::Segmenter.process(&mut doc);
            docs.push(doc);
        }
    }
    let tokens: usize = docs.iter().map(|d| d.tokens.len()).sum();
    let (tag, ner) = (models.tag_stage(), models.ner_stage());
    let (t, c) = (Instant::now(), crate::cputime::thread_cpu());
    for d in &mut docs {
        tag.process(d);
    }
    let (tag_s, tag_cpu) = (t.elapsed().as_secs_f64(), crate::cputime::thread_cpu().zip(c).map(|(b, a)| b - a));
    let (t, c) = (Instant::now(), crate::cputime::thread_cpu());
    for d in &mut docs {
        ner.process(d);
    }
    let (ner_s, ner_cpu) = (t.elapsed().as_secs_f64(), crate::cputime::thread_cpu().zip(c).map(|(b, a)| b - a));
    if let (Some(a), Some(b)) = (tag_cpu, ner_cpu) {
        println!(
            "by thread CPU time: tagger {:.0} tokens/s, NER {:.0} tokens/s, tagger + NER {:.0} tokens/s",
            tokens as f64 / a.max(1e-9),
            tokens as f64 / b.max(1e-9),
            tokens as f64 / (a + b).max(1e-9)
        );
    }
    let mentions: usize = docs.iter().map(|d| d.mentions.len()).sum();
    let rate = tokens as f64 / (tag_s + ner_s);
    println!("PolNeAR texts: {} documents, {tokens} tokens, {mentions} mentions", docs.len());
    println!("models loaded in {load_ms:.1} ms");
    println!("tagger {:.0} tokens/s, NER {:.0} tokens/s, tagger + NER {rate:.0} tokens/s (one thread)", tokens as f64 / tag_s, tokens as f64 / ner_s);
    if a.min_tokens_per_sec.is_some_and(|m| rate < m) {
        bail!("tagger + NER throughput {rate:.0} tokens/s is below the threshold");
    }
    if a.max_load_ms.is_some_and(|m| load_ms > m) {
        bail!("loading the models took {load_ms:.1} ms, above the threshold");
    }
    Ok(())
}

