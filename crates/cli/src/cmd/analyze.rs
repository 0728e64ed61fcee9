//! `newsgraph analyze`: read inputs, run the pipeline, print analyses.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use newsgraph_core::{Analysis, Doc, Pipeline};
use newsgraph_text::{read, Segmenter};

/// Flags of `newsgraph analyze`.
#[derive(clap::Args)]
pub struct Args {
    /// Input files or directories.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Publication date (YYYY-MM-DD) for documents that carry none.
    #[arg(long)]
    published: Option<String>,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let mut pipeline = Pipeline::new();
    pipeline.push(Segmenter);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut failed = 0;
    for raw in read::read_paths(&args.paths) {
        match raw {
            Ok(raw) => {
                let mut meta = raw.meta;
                if meta.published.is_none() {
                    meta.published = args.published.clone();
                }
                let mut doc = Doc::new(meta, raw.body);
                pipeline.run(&mut doc);
                serde_json::to_writer_pretty(&mut out, &Analysis::from_doc(&doc))?;
                writeln!(out)?;
            }
            Err(e) => {
                failed += 1;
                eprintln!("newsgraph: {e}");
            }
        }
    }
    Ok(if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
