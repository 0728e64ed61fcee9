//! `newsgraph export`: write the store as JSONL analyses, CSV tables, GraphML, GEXF or
//! FollowTheMoney entities.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use newsgraph_store::export::Format;
use newsgraph_store::Store;

/// Flags of `newsgraph export`.
#[derive(clap::Args)]
pub struct Args {
    /// The store file.
    #[arg(long, default_value = "newsgraph.db", env = "NEWSGRAPH_DB")]
    db: PathBuf,
    /// jsonl (analyses), csv (a directory of tables), graphml, gexf, ftm (FollowTheMoney).
    #[arg(long)]
    format: String,
    /// Output file (a directory for csv).
    #[arg(long)]
    out: PathBuf,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let format: Format = args.format.parse()?;
    let store = Store::open_read_only(&args.db)?;
    let sum = store.export(format, &args.out)?;
    eprintln!("newsgraph: wrote {} records to {}", sum.records, sum.files.join(", "));
    Ok(ExitCode::SUCCESS)
}
