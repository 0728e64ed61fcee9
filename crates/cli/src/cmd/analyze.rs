//! `newsgraph analyze`: read inputs, analyse each document, print the analyses.
//! Documents are analysed in parallel in small batches and printed in input order; a
//! document that cannot be read or analysed is reported on stderr and the batch goes on.

use std::io::{self, BufWriter};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use newsgraph_pipeline::{Analyzer, Options};
use newsgraph_text::read::{self, ReadOptions};
use rayon::prelude::*;

use crate::output::{Format, Sink};

/// Printed after the flags in `newsgraph analyze --help`.
pub const AFTER_HELP: &str = "\
Inputs: plain text (.txt; a short first line followed by a blank line is the title), HTML
pages, JSONL (one document per line: text, title, published, url, source, id), RSS and Atom
feeds, directories (read recursively), and - for standard input.

Layers: entities (one per referent, with aliases, descriptions and pronoun mentions),
attributions, times, amounts, relations (roles and affiliations), events (actor, action,
target, date, place; read off the dependency parse, so empty when models/parser.bin is
missing), places (GeoNames ids and coordinates on GPE/LOC/FAC entities).

Exit status: 0 when every document was analysed, 1 when some failed (each is reported on
stderr with its file and the reason; the others are still analysed), 2 on a usage error.

Examples:
  newsgraph analyze --published 2023-06-30 examples/wagner-belarus.txt
  newsgraph analyze --format report article.html
  newsgraph analyze --format jsonl news/ > analyses.jsonl";

/// Flags of `newsgraph analyze`.
#[derive(clap::Args)]
#[command(after_help = AFTER_HELP)]
pub struct Args {
    /// Input files or directories, or - for standard input.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Publication date (YYYY-MM-DD) for documents that carry none; relative dates
    /// ("last Saturday") are resolved against it.
    #[arg(long, value_name = "DATE")]
    published: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
    /// Add the token layer (text, offsets, lemma, tags, head, relation) and sentences.
    #[arg(long)]
    tokens: bool,
    /// Directory of trained models.
    #[arg(long, env = "NEWSGRAPH_MODELS", value_name = "DIR")]
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
    /// Worker threads (default: one per core).
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// Largest document accepted, in MiB (a file, or one JSONL line).
    #[arg(long, default_value_t = 64, value_name = "MIB")]
    max_mib: u64,
}

/// Documents analysed together before printing: bounds memory on endless streams.
const BATCH: usize = 64;

/// Check a `--published` value: an ISO date, optionally with a time.
pub fn check_date(value: &str) -> Result<()> {
    let date = value.get(..10).unwrap_or("");
    let parts: Vec<&str> = date.split('-').collect();
    let ok = value.len() >= 10
        && parts.len() == 3
        && parts[0].len() == 4
        && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()))
        && matches!(parts[1].parse::<u32>(), Ok(1..=12))
        && matches!(parts[2].parse::<u32>(), Ok(1..=31))
        && (value.len() == 10 || value.as_bytes()[10] == b'T');
    if !ok {
        bail!("--published {value:?} is not a date: write it as YYYY-MM-DD (e.g. 2023-06-30)");
    }
    Ok(())
}

pub fn run(args: Args) -> Result<ExitCode> {
    if let Some(p) = &args.published {
        check_date(p)?;
    }
    if let Some(n) = args.threads {
        rayon::ThreadPoolBuilder::new().num_threads(n.max(1)).build_global().context("setting up worker threads")?;
    }
    let models = if args.no_models { None } else { Some(crate::models_dir(args.models.clone())) };
    let analyzer = Analyzer::new(&Options { models, published: args.published.clone(), tokens: args.tokens, parser: args.parser.clone() })?;
    let read_options = ReadOptions { max_bytes: args.max_mib << 20, ..ReadOptions::default() };

    let stdout = io::stdout();
    let mut sink = Sink::new(BufWriter::new(stdout.lock()), args.format);
    let mut failed = 0usize;
    let mut inputs = read::read_paths(&args.paths, &read_options);
    loop {
        let batch: Vec<_> = inputs.by_ref().take(BATCH).collect();
        if batch.is_empty() {
            break;
        }
        let results: Vec<_> = batch
            .into_par_iter()
            .map(|raw| raw.map_err(|e| e.to_string()).and_then(|raw| analyzer.analyze(raw).map_err(|e| e.to_string())))
            .collect();
        for result in results {
            match result {
                Ok(analysis) => {
                    if let Err(e) = sink.write(analysis) {
                        return crate::output_error(e);
                    }
                }
                Err(message) => {
                    failed += 1;
                    eprintln!("newsgraph: {message}");
                }
            }
        }
    }
    let written = match sink.finish() {
        Ok(n) => n,
        Err(e) => return crate::output_error(e),
    };
    if failed > 0 {
        eprintln!("newsgraph: {failed} document(s) failed, {written} analysed");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_must_be_a_date() {
        assert!(check_date("2023-06-30").is_ok());
        assert!(check_date("2023-06-30T10:00:00Z").is_ok());
        for bad in ["2023-13-01", "30/06/2023", "2023-6-3", "yesterday"] {
            assert!(check_date(bad).is_err(), "{bad}");
        }
    }
}
