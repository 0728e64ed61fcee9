//! `newsgraph errors`: the documents that failed during ingest, with file and reason.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use newsgraph_store::Store;

use super::query::{print_rows, OutFormat};

/// Flags of `newsgraph errors`.
#[derive(clap::Args)]
pub struct Args {
    /// The store file.
    #[arg(long, default_value = "newsgraph.db", env = "NEWSGRAPH_DB")]
    db: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutFormat::Table)]
    format: OutFormat,
    /// Forget the recorded errors.
    #[arg(long)]
    clear: bool,
}

pub fn run(args: Args) -> Result<ExitCode> {
    if args.clear {
        let n = Store::open(&args.db)?.clear_errors()?;
        eprintln!("newsgraph: cleared {n} recorded errors");
        return Ok(ExitCode::SUCCESS);
    }
    let store = Store::open_read_only(&args.db)?;
    print_rows(&store.errors()?, args.format)?;
    Ok(ExitCode::SUCCESS)
}
