//! `newsgraph bench ...`: throughput measurements on the corpora in `NEWSGRAPH_DATA`, single
//! threaded, printing the work done (documents, bytes, tokens) beside the speed so that a
//! speed-up cannot silently change the output.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{ensure, Context, Result};
use newsgraph_core::Stage;
use newsgraph_text::clean::Cleaner;
use newsgraph_text::read::{self, ReadOptions};
use newsgraph_text::Segmenter;

/// Which benchmark to run.
#[derive(clap::Subcommand)]
pub enum Bench {
    /// Reading + cleaning + segmentation of the PolNeAR news texts (plain text), one core.
    Text(TextArgs),
    /// The whole analysis of the PolNeAR news texts, one core: time per stage and its share.
    Stages(StagesArgs),
}

/// Flags of `newsgraph bench stages`.
#[derive(clap::Args)]
pub struct StagesArgs {
    /// The data directory (holding `polnear/`), or a directory of .txt files.
    #[arg(long, env = "NEWSGRAPH_DATA", value_name = "DIR")]
    data: PathBuf,
    /// Models directory; default: the repository's models/.
    #[arg(long, env = "NEWSGRAPH_MODELS", value_name = "DIR")]
    models: Option<PathBuf>,
    /// Analyse at most this many texts.
    #[arg(long, default_value_t = 300)]
    limit: usize,
}

/// Flags of `newsgraph bench text`.
#[derive(clap::Args)]
pub struct TextArgs {
    /// The data directory (holding `polnear/`), or a directory of .txt files.
    #[arg(long, env = "NEWSGRAPH_DATA", value_name = "DIR")]
    data: PathBuf,
    /// Passes over the texts (the first warms the file cache and is not timed).
    #[arg(long, default_value_t = 3)]
    passes: usize,
}

pub fn run(bench: Bench) -> Result<ExitCode> {
    match bench {
        Bench::Text(args) => text(args),
        Bench::Stages(args) => stages(args),
    }
    .map(|()| ExitCode::SUCCESS)
}

/// Every `.txt` under the PolNeAR folders of `data` (or under `data` itself), sorted.
fn polnear_texts(data: &Path) -> Result<Vec<PathBuf>> {
    let root = if data.join("polnear").is_dir() { data.join("polnear") } else { data.to_path_buf() };
    let mut files = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).with_context(|| format!("{}: cannot list directory", dir.display()))? {
            let path = entry?.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "txt") {
                files.push(path);
            }
        }
    }
    files.sort();
    ensure!(!files.is_empty(), "{}: no .txt files found (set --data to the shared data folder)", root.display());
    Ok(files)
}

fn text(args: TextArgs) -> Result<()> {
    let files = polnear_texts(&args.data)?;
    let cleaner = Cleaner::new();
    let options = ReadOptions::default();
    let (mut best, mut best_cpu, mut total_timed, mut total_cpu) = (f64::MAX, f64::MAX, 0f64, 0f64);
    let mut phases = [0f64; 3];
    let (mut docs, mut bytes, mut tokens, mut sentences) = (0usize, 0usize, 0usize, 0usize);
    for pass in 0..args.passes.max(1) + 1 {
        let started = Instant::now();
        let cpu_started = crate::cputime::thread_cpu();
        (docs, bytes, tokens, sentences) = (0, 0, 0, 0);
        phases = [0.0; 3];
        let mut inputs = read::read_paths(&files, &options);
        loop {
            let t0 = Instant::now();
            let Some(raw) = inputs.next() else { break };
            let raw = raw?;
            let t1 = Instant::now();
            bytes += raw.body.len();
            let mut doc = cleaner.clean(raw);
            let t2 = Instant::now();
            Segmenter.process(&mut doc);
            let t3 = Instant::now();
            phases[0] += (t1 - t0).as_secs_f64();
            phases[1] += (t2 - t1).as_secs_f64();
            phases[2] += (t3 - t2).as_secs_f64();
            docs += 1;
            tokens += doc.tokens.len();
            sentences += doc.sentences.len();
        }
        if pass > 0 {
            best = best.min(started.elapsed().as_secs_f64());
            total_timed += started.elapsed().as_secs_f64();
            if let (Some(a), Some(b)) = (cpu_started, crate::cputime::thread_cpu()) {
                best_cpu = best_cpu.min(b - a);
                total_cpu += b - a;
            }
        }
    }
    println!("bench text: read + clean + segment, one core, best of {} passes", args.passes.max(1));
    println!("  {docs} documents, {:.1} MB, {tokens} tokens, {sentences} sentences", bytes as f64 / 1e6);
    println!("  wall {:.3} s  →  {:.1} MB/s, {:.0} tokens/s (best pass)", best, bytes as f64 / best / 1e6, tokens as f64 / best);
    let mean = total_timed / args.passes.max(1) as f64;
    println!("  wall {:.3} s  →  {:.1} MB/s (mean of the timed passes)", mean, bytes as f64 / mean / 1e6);
    let total: f64 = phases.iter().sum::<f64>().max(1e-9);
    println!("  time shares (last pass): read {:.0}%, clean {:.0}%, segment {:.0}%", 100.0 * phases[0] / total, 100.0 * phases[1] / total, 100.0 * phases[2] / total);
    if best_cpu < f64::MAX && best_cpu > 0.0 {
        println!("  cpu  {:.3} s  →  {:.1} MB/s, {:.0} tokens/s (thread CPU time, best pass)", best_cpu, bytes as f64 / best_cpu / 1e6, tokens as f64 / best_cpu);
        let mean_cpu = total_cpu / args.passes.max(1) as f64;
        println!("  cpu  {:.3} s  →  {:.1} MB/s (thread CPU time, mean of the timed passes)", mean_cpu, bytes as f64 / mean_cpu / 1e6);
    }
    Ok(())
}

fn stages(args: StagesArgs) -> Result<()> {
    let mut files = polnear_texts(&args.data)?;
    files.truncate(args.limit.max(1));
    let options = newsgraph_pipeline::Options { models: Some(crate::models_dir(args.models.clone())), ..Default::default() };
    let analyzer = newsgraph_pipeline::Analyzer::new(&options).context("loading the models")?;
    let names = analyzer.stages();
    let mut seconds = vec![0f64; names.len()];
    let cleaner = Cleaner::new();
    let (mut docs, mut tokens) = (0usize, 0usize);
    for raw in read::read_paths(&files, &ReadOptions::default()) {
        let mut doc = cleaner.clean(raw?);
        analyzer.run_timed(&mut doc, &mut seconds);
        docs += 1;
        tokens += doc.tokens.len();
    }
    let total: f64 = seconds.iter().sum::<f64>().max(1e-9);
    println!("bench stages: {docs} documents, {tokens} tokens, {total:.2} s in the stages ({:.0} tokens/s), one core", tokens as f64 / total);
    for (name, s) in names.iter().zip(&seconds) {
        println!("  {name:<12} {:>8.3} s  {:>5.1}%", s, 100.0 * s / total);
    }
    Ok(())
}
