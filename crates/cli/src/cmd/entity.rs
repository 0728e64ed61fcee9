//! `newsgraph entity merge|split|rename|retype|delete|relink|log|import`: curation of corpus
//! entities. Every decision is logged in the store and re-applied after re-ingest and
//! relinking; `log` and `import` carry decisions to another store.

use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use newsgraph_store::{Curation, Store};

/// `newsgraph entity`.
#[derive(clap::Args)]
pub struct Args {
    /// The store file.
    #[arg(long, default_value = "newsgraph.db", env = "NEWSGRAPH_DB", global = true)]
    db: PathBuf,
    /// Restrict name lookups to one type (PERSON, ORG, GPE, ...).
    #[arg(long = "type", global = true)]
    kind: Option<String>,
    #[command(subcommand)]
    op: Op,
}

#[derive(clap::Subcommand)]
enum Op {
    /// Merge entities into the first one ("Wagner" into "Wagner Group").
    Merge {
        /// Survivor (name or id).
        into: String,
        /// Entities absorbed (names or ids).
        #[arg(required = true)]
        from: Vec<String>,
    },
    /// Move the document entities named NAME out of ENTITY into a new entity.
    Split {
        /// Entity (name or id).
        entity: String,
        /// The name whose mentions form the new entity.
        name: String,
    },
    /// Give an entity a name (kept against later, fuller names).
    Rename {
        /// Entity (name or id).
        entity: String,
        /// New name.
        name: String,
    },
    /// Change an entity's type.
    Retype {
        /// Entity (name or id).
        entity: String,
        /// New type (PERSON, ORG, GPE, LOC, NORP, ...).
        new_type: String,
    },
    /// Hide an entity (NER noise); its later mentions stay hidden.
    Delete {
        /// Entity (name or id).
        entity: String,
    },
    /// Rebuild all corpus entities from the documents and replay the curation log.
    Relink,
    /// Print the curation log as JSON lines.
    Log,
    /// Apply and record decisions from a JSON-lines log (from `entity log`).
    Import {
        /// The log file.
        file: PathBuf,
    },
}

fn describe(op: &Curation) -> String {
    serde_json::to_string(op).unwrap_or_default()
}

pub fn run(args: Args) -> Result<ExitCode> {
    let mut store = Store::open(&args.db)?;
    let kind = args.kind.as_deref();
    match args.op {
        Op::Merge { into, from } => {
            let a = store.entity_id(&into, kind)?;
            for f in from {
                let b = store.entity_id(&f, kind)?;
                eprintln!("newsgraph: {}", describe(&store.merge(a, b)?));
            }
        }
        Op::Split { entity, name } => {
            let e = store.entity_id(&entity, kind)?;
            eprintln!("newsgraph: {}", describe(&store.split(e, &name)?));
        }
        Op::Rename { entity, name } => {
            let e = store.entity_id(&entity, kind)?;
            eprintln!("newsgraph: {}", describe(&store.rename(e, &name)?));
        }
        Op::Retype { entity, new_type } => {
            let e = store.entity_id(&entity, kind)?;
            eprintln!("newsgraph: {}", describe(&store.retype(e, &new_type)?));
        }
        Op::Delete { entity } => {
            let e = store.entity_id(&entity, kind)?;
            eprintln!("newsgraph: {}", describe(&store.delete_entity(e)?));
        }
        Op::Relink => {
            let n = store.relink()?;
            eprintln!("newsgraph: relinked: {n} corpus entities, curation log replayed");
        }
        Op::Log => {
            let stdout = std::io::stdout();
            let mut out = stdout.lock();
            for op in store.curation_log()? {
                writeln!(out, "{}", describe(&op))?;
            }
        }
        Op::Import { file } => {
            let f = std::fs::File::open(&file).with_context(|| format!("{}: cannot open", file.display()))?;
            let mut ops = Vec::new();
            for (i, line) in std::io::BufReader::new(f).lines().enumerate() {
                let line = line?;
                if line.trim().is_empty() {
                    continue;
                }
                ops.push(
                    serde_json::from_str::<Curation>(&line)
                        .with_context(|| format!("{}:{}: not a curation record (from `newsgraph entity log`)", file.display(), i + 1))?,
                );
            }
            let n = store.import_curation(&ops)?;
            eprintln!("newsgraph: imported {} decisions, {n} applied", ops.len());
        }
    }
    Ok(ExitCode::SUCCESS)
}
