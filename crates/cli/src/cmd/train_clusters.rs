//! `newsgraph train clusters --data DIR --out models/clusters.bin`: word clusters for the
//! parser's features (`newsgraph_nlp::clusters`), learned from unlabelled text under `DIR`:
//! the PolNeAR train articles, the word forms of UD EWT train, GUM train and CoNLL-2003
//! eng.train. Dev and test material is never read. Deterministic: the same data and flags
//! give the same file.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result};
use newsgraph_nlp::clusters::{self, Config};
use newsgraph_nlp::corpus;
use newsgraph_nlp::word::Words;

/// Flags of `newsgraph train clusters`.
#[derive(clap::Args)]
pub struct Args {
    /// Data root (the `shared/data` layout); defaults to $NEWSGRAPH_DATA.
    #[arg(long, env = "NEWSGRAPH_DATA")]
    pub data: PathBuf,
    /// Where to write the clusters (normally models/clusters.bin).
    #[arg(long)]
    pub out: PathBuf,
    /// Classes of the fine clustering.
    #[arg(long, default_value_t = 512)]
    pub classes: usize,
    /// Classes of the coarse clustering.
    #[arg(long, default_value_t = 64)]
    pub coarse: usize,
    /// Words seen fewer times are left unclustered.
    #[arg(long, default_value_t = 3)]
    pub min_count: usize,
    /// Most exchange passes per clustering.
    #[arg(long, default_value_t = 15)]
    pub passes: usize,
    /// Seed (rotates the initial assignment).
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

/// Normalised forms of each sentence (`Words::norm`, as the parser sees words).
fn normalise<S: AsRef<str>>(words: &mut Words, forms: &[S], out: &mut Vec<Vec<String>>) {
    if forms.is_empty() {
        return;
    }
    words.fill(forms);
    out.push((0..words.len()).map(|i| words.norm(i).to_string()).collect());
}

/// Every sentence of the unlabelled training text, in a fixed order: the treebanks' words,
/// then the unlabelled news (`unlabelled::news_sentences`).
fn sentences(data: &Path) -> Result<Vec<Vec<String>>> {
    let mut out = Vec::new();
    let mut words = Words::default();
    let mut conllu = vec![corpus::ewt_path(data, "train")];
    conllu.extend(corpus::gum_files(data, "train")?);
    for f in &conllu {
        for s in corpus::read_conllu(f).with_context(|| format!("reading {}", f.display()))? {
            let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            normalise(&mut words, &forms, &mut out);
        }
    }
    for forms in super::unlabelled::news_sentences(data)? {
        normalise(&mut words, &forms, &mut out);
    }
    Ok(out)
}

pub fn run(a: Args) -> Result<()> {
    let t0 = Instant::now();
    let text = sentences(&a.data)?;
    let tokens: usize = text.iter().map(Vec::len).sum();
    eprintln!("{} sentences, {tokens} tokens of unlabelled text", text.len());
    let cfg = Config { coarse: a.coarse, fine: a.classes, min_count: a.min_count, passes: a.passes, seed: a.seed };
    let c = clusters::train(|| Box::new(text.iter().cloned()), &cfg, |line| eprintln!("{line}"))?;
    c.save(&a.out).with_context(|| format!("writing {}", a.out.display()))?;
    let size = std::fs::metadata(&a.out).map(|m| m.len()).unwrap_or(0);
    eprintln!("{} words clustered; {} bytes; {:.0} s; wrote {}", c.len(), size, t0.elapsed().as_secs_f64(), a.out.display());
    Ok(())
}
