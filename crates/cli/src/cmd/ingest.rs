//! `newsgraph ingest`: analyse documents in parallel (rayon) or load pre-computed analyses
//! (`--analysis FILE.jsonl`), and store them with one writer thread committing in batches.
//! Shows a progress bar on a terminal and ends with a summary line; failures are recorded in
//! the store (`newsgraph errors`) and make the exit status 1.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::Duration;

use anyhow::Result;
use newsgraph_core::Analysis;
use newsgraph_pipeline::{Analyzer, Options};
use newsgraph_store::{read_analyses, DocError, IngestOptions, Store};
use newsgraph_text::read::{self, ReadOptions};
use rayon::prelude::*;

/// Flags of `newsgraph ingest`.
#[derive(clap::Args)]
pub struct Args {
    /// Input files or directories (everything `newsgraph analyze` reads).
    paths: Vec<PathBuf>,
    /// The store file (created if missing).
    #[arg(long, default_value = "newsgraph.db", env = "NEWSGRAPH_DB")]
    db: PathBuf,
    /// Pre-computed analyses to load instead of analysing (JSONL of analysis objects, as
    /// written by `newsgraph analyze --format jsonl`). Repeatable.
    #[arg(long)]
    analysis: Vec<PathBuf>,
    /// Publication date (YYYY-MM-DD) for documents that carry none.
    #[arg(long)]
    published: Option<String>,
    /// Directory of trained models (default: the repository's `models/`).
    #[arg(long, env = "NEWSGRAPH_MODELS")]
    models: Option<PathBuf>,
    /// Run without the statistical models (segmentation, times and amounts only).
    #[arg(long, conflicts_with = "models")]
    no_models: bool,
    /// Parser model file instead of MODELS/parser.bin: `models/parser-beam.bin` parses more
    /// accurately (beam search) at about half the speed. Repeat it to let several parsers
    /// vote on each arc (the first breaks ties), for instance `--parser
    /// models/parser-beam.bin --parser models/parser-beam-rtl.bin --parser models/parser.bin`:
    /// the most accurate parse, at the cost of running them all.
    #[arg(long, value_name = "FILE", conflicts_with = "no_models")]
    parser: Vec<PathBuf>,
    /// Documents per transaction.
    #[arg(long, default_value_t = 200)]
    batch: usize,
    /// No progress bar.
    #[arg(long, short)]
    quiet: bool,
    /// Sleep this long after each commit (for the crash test).
    #[arg(long, hide = true, default_value_t = 0)]
    pause_ms: u64,
}

type Item = Result<Analysis, DocError>;

/// Documents analysed per parallel chunk: big enough to keep both cores busy, small enough to
/// bound memory.
const CHUNK: usize = 64;

/// Read `paths` and analyse the documents in parallel chunks, sending results in input order.
fn analyse_into(paths: Vec<PathBuf>, options: Options, tx: mpsc::SyncSender<Item>) -> Result<(), String> {
    let analyzer = Analyzer::new(&options).map_err(|e| e.to_string())?;
    let read_opts = ReadOptions::default();
    let mut reader = read::read_paths(&paths, &read_opts);
    loop {
        let chunk: Vec<_> = reader.by_ref().take(CHUNK).collect();
        if chunk.is_empty() {
            return Ok(());
        }
        let results: Vec<Item> = chunk
            .into_par_iter()
            .map(|raw| match raw {
                Ok(raw) => analyzer.analyze(raw).map_err(|e| split_error(&e.to_string())),
                Err(e) => Err(split_error(&e.to_string())),
            })
            .collect();
        for r in results {
            if tx.send(r).is_err() {
                return Ok(()); // the writer stopped (it reports its own error)
            }
        }
    }
}

/// Library messages start with the origin ("file:line: problem"); keep it as the key.
fn split_error(message: &str) -> DocError {
    match message.split_once(": ") {
        Some((origin, rest)) if !origin.is_empty() => DocError { origin: origin.to_string(), message: rest.to_string() },
        _ => DocError { origin: "<input>".into(), message: message.to_string() },
    }
}

pub fn run(args: Args) -> Result<ExitCode> {
    if args.paths.is_empty() && args.analysis.is_empty() {
        anyhow::bail!("nothing to ingest: give input paths, or --analysis FILE.jsonl");
    }
    let mut store = Store::open(&args.db)?;
    let (tx, rx) = mpsc::sync_channel::<Item>(4 * CHUNK);
    let analysis_files = args.analysis.clone();
    let paths = args.paths.clone();
    let models = if args.no_models { None } else { Some(crate::models_dir(args.models.clone())) };
    let options = Options { models, published: args.published.clone(), tokens: false, parser: args.parser.clone() };
    let producer = std::thread::spawn(move || -> Result<(), String> {
        for f in analysis_files {
            match read_analyses(&f) {
                Ok(items) => {
                    for it in items {
                        if tx.send(it).is_err() {
                            return Ok(());
                        }
                    }
                }
                Err(e) => {
                    let _ = tx.send(Err(DocError { origin: f.display().to_string(), message: e.to_string() }));
                }
            }
        }
        if !paths.is_empty() {
            analyse_into(paths, options, tx)?;
        }
        Ok(())
    });

    let bar = if !args.quiet && std::io::stderr().is_terminal() {
        let b = indicatif::ProgressBar::new_spinner();
        b.set_style(
            indicatif::ProgressStyle::with_template("{spinner} {elapsed_precise} {pos} docs ({per_sec}) {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        b.enable_steady_tick(Duration::from_millis(200));
        Some(b)
    } else {
        None
    };
    let opts = IngestOptions { batch: args.batch.max(1), pause: Duration::from_millis(args.pause_ms) };
    let result = store.ingest(rx.iter(), &opts, |s| {
        if let Some(b) = &bar {
            b.set_position(s.seen);
            b.set_message(format!("{} new, {} unchanged, {} errors", s.added + s.versions, s.unchanged, s.failed));
        }
    });
    drop(rx);
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    let sum = result?;
    match producer.join() {
        Ok(Ok(())) => {}
        Ok(Err(e)) => anyhow::bail!("cannot analyse: {e}"),
        Err(_) => anyhow::bail!("the analysis thread panicked"),
    }
    let counts = store.counts()?;
    let size = store.size_bytes();
    let rate = if sum.seconds > 0.0 { sum.seen as f64 / sum.seconds } else { 0.0 };
    eprintln!(
        "newsgraph: ingested {} inputs in {:.1}s ({rate:.0} docs/s): {} new, {} new versions, {} unchanged, {} near-duplicates, {} failed; \
         store {}: {} documents, {} entities, {} quotes/claims, {} bytes ({} bytes/doc)",
        sum.seen,
        sum.seconds,
        sum.added,
        sum.versions,
        sum.unchanged,
        sum.near_duplicates,
        sum.failed,
        store.path(),
        counts.documents,
        counts.entities,
        counts.attributions,
        size,
        if counts.versions > 0 { size / counts.versions as u64 } else { 0 }
    );
    if sum.failed > 0 {
        eprintln!("newsgraph: {} inputs failed; list them with `newsgraph errors --db {}`", sum.failed, store.path());
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
