//! `newsgraph`: the command-line program. It parses flags, wires the library crates together
//! and owns what the user sees (output formats, messages, exit status); the work itself lives
//! in the library crates.

mod cmd;

use clap::{Parser, Subcommand};

/// Read news and rebuild what it describes: actors, relations, events, and who said what.
#[derive(Parser)]
#[command(name = "newsgraph", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Analyse news documents and print the analysis (JSON, JSONL or a readable report).
    Analyze(cmd::analyze::Args),
    /// Score a component against a dev corpus (see `newsgraph eval --help`).
    #[command(subcommand)]
    Eval(cmd::eval::Eval),
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Analyze(args) => cmd::analyze::run(args),
        Command::Eval(eval) => cmd::eval::run(eval),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("newsgraph: error: {err:#}");
            std::process::ExitCode::from(2)
        }
    }
}
