//! `newsgraph eval segment`: token and sentence boundary F1 against CoNLL-U treebanks.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use newsgraph_text::{conllu, segment::eval};

/// Flags of `newsgraph eval segment`.
#[derive(clap::Args)]
pub struct Args {
    /// CoNLL-U files (`.conllu` or `.conllu.gz`) or directories of them; each is scored, then
    /// all together.
    #[arg(long = "conllu", required = true, num_args = 1..)]
    paths: Vec<PathBuf>,
    /// Also print this many token errors (gold | predicted) per corpus.
    #[arg(long, default_value_t = 0)]
    errors: usize,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
}

fn conllu_files(path: &Path) -> Result<Vec<PathBuf>> {
    if !path.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(path)
        .with_context(|| format!("{}: cannot list directory", path.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".conllu") || p.to_string_lossy().ends_with(".conllu.gz"))
        .collect();
    files.sort();
    anyhow::ensure!(!files.is_empty(), "{}: no .conllu or .conllu.gz files here", path.display());
    Ok(files)
}

pub fn run(args: Args) -> Result<()> {
    let mut rows = Vec::new();
    for path in &args.paths {
        let mut sentences = Vec::new();
        for file in conllu_files(path)? {
            sentences.extend(conllu::read_file(&file).with_context(|| format!("{}: not readable as CoNLL-U", file.display()))?);
        }
        rows.push((path.display().to_string(), eval::evaluate(&sentences, args.errors)));
    }
    if args.json {
        let json: Vec<_> = rows
            .iter()
            .map(|(p, r)| {
                serde_json::json!({
                    "corpus": p,
                    "token_f1": r.tokens.f1(),
                    "sentence_f1": r.sentences.f1(),
                    "mb_per_s": r.bytes as f64 / r.seconds.max(1e-9) / 1e6,
                    "report": r,
                })
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&json)?);
        return Ok(());
    }
    println!("{:<48} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>9}", "corpus", "tok P", "tok R", "tok F1", "sent P", "sent R", "sent F1", "MB/s");
    for (path, r) in &rows {
        println!(
            "{:<48} {:>8.4} {:>8.4} {:>8.4} {:>8.4} {:>8.4} {:>8.4} {:>9.1}",
            path,
            r.tokens.precision(),
            r.tokens.recall(),
            r.tokens.f1(),
            r.sentences.precision(),
            r.sentences.recall(),
            r.sentences.f1(),
            r.bytes as f64 / r.seconds.max(1e-9) / 1e6
        );
        for (gold, predicted) in &r.errors {
            println!("    gold: {gold}\n    ours: {predicted}");
        }
    }
    Ok(())
}
