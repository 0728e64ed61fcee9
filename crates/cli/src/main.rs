//! `newsgraph`: the command-line program. It parses flags, wires the library crates together
//! and owns what the user sees (output formats, messages, exit status); the work itself lives
//! in the library crates.

mod cmd;
mod cputime;
mod output;
mod report;

use clap::{Parser, Subcommand};

/// Read news and rebuild what it describes: actors, relations, events, and who said what.
#[derive(Parser)]
#[command(
    name = "newsgraph",
    version,
    about = "Read news and rebuild what it describes: actors, relations, events, and who said what.",
    after_help = "Start with:\n  newsgraph analyze --published 2023-06-30 --format report examples/wagner-belarus.txt\n\nEach command has its own --help."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Analyse news documents and print the analysis (JSON, JSONL or a readable report).
    Analyze(cmd::analyze::Args),
    /// Measure throughput on the corpora (see `newsgraph bench --help`).
    #[command(subcommand)]
    Bench(cmd::bench::Bench),
    /// Score a component against a dev corpus (see `newsgraph eval --help`).
    #[command(subcommand)]
    Eval(cmd::eval::Eval),
    /// Train a model (tagger, NER, parser) from the corpora and write it to a file.
    #[command(subcommand)]
    Train(cmd::train::Train),
    /// Analyse documents and store them in the corpus store (SQLite; default newsgraph.db).
    Ingest(cmd::ingest::Args),
    /// Ask the corpus store: entity profiles, quotes, timelines, search, graphs, sources.
    Query(cmd::query::Args),
    /// Curate corpus entities: merge, split, rename, retype, delete (kept across re-ingest).
    Entity(cmd::entity::Args),
    /// Export the corpus store: JSONL, CSV, GraphML, GEXF, FollowTheMoney.
    Export(cmd::export::Args),
    /// List documents that failed during ingest, with file and reason.
    Errors(cmd::errors::Args),
    /// Serve the corpus store: JSON API and browser UI (loopback, read-only by default).
    Serve(cmd::serve::Args),
    /// Tag pre-tokenised text (CoNLL-U or CoNLL-2003 columns) with POS, lemma and NER.
    Tag(cmd::tag::Args),
}

/// The models directory: `--models`/`NEWSGRAPH_MODELS` when given, else the repository's
/// `models/` folder this binary was built from.
pub fn models_dir(given: Option<std::path::PathBuf>) -> std::path::PathBuf {
    given.unwrap_or_else(|| std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models")))
}

/// A failed write to stdout: a closed pipe (`| head`) ends quietly, anything else is an error.
pub fn output_error(e: std::io::Error) -> anyhow::Result<std::process::ExitCode> {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        return Ok(std::process::ExitCode::SUCCESS);
    }
    Err(anyhow::Error::new(e).context("writing output"))
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Analyze(args) => cmd::analyze::run(args),
        Command::Eval(eval) => cmd::eval::run(eval),
        Command::Bench(b) => cmd::bench::run(b),
        Command::Train(t) => cmd::train::run(t),
        Command::Ingest(a) => cmd::ingest::run(a),
        Command::Query(a) => cmd::query::run(a),
        Command::Entity(a) => cmd::entity::run(a),
        Command::Export(a) => cmd::export::run(a),
        Command::Errors(a) => cmd::errors::run(a),
        Command::Serve(a) => cmd::serve::run(a),
        Command::Tag(args) => cmd::tag::run(args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("newsgraph: error: {err:#}");
            std::process::ExitCode::from(2)
        }
    }
}
