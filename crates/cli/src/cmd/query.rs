//! `newsgraph query ...`: read-only questions to the corpus store (entity profiles, quotes,
//! timelines, full-text search, neighbourhood graphs, who cites whom), printed as a table,
//! JSON or CSV. Also the shared printing helpers for the other store commands.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use newsgraph_store::{QuoteFilter, Store, Tabular};
use serde::Serialize;

/// Output formats of the store commands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum OutFormat {
    /// Aligned columns for reading.
    Table,
    /// JSON (one document).
    Json,
    /// CSV with a header row.
    Csv,
}

/// Flags shared by every query.
#[derive(clap::Args, Clone)]
pub struct Common {
    /// The store file.
    #[arg(long, default_value = "newsgraph.db", env = "NEWSGRAPH_DB", global = true)]
    pub db: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutFormat::Table, global = true)]
    pub format: OutFormat,
    /// At most this many rows (per list).
    #[arg(long, default_value_t = 50, global = true)]
    pub limit: usize,
}

/// `newsgraph query`.
#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    what: What,
    #[command(flatten)]
    common: Common,
}

#[derive(clap::Subcommand)]
enum What {
    /// Profile of an entity: names, type, descriptions, relations, places, first/last seen,
    /// documents, quotes by it, claims about it, events with dates.
    Entity {
        /// Name (any alias) or numeric id.
        name: String,
        /// Restrict to one type (PERSON, ORG, GPE, ...).
        #[arg(long = "type")]
        kind: Option<String>,
    },
    /// List entities by number of documents.
    Entities {
        /// Only this type.
        #[arg(long = "type")]
        kind: Option<String>,
        /// Only entities answering to this name.
        #[arg(long)]
        name: Option<String>,
    },
    /// Quotes and claims, filtered.
    Quotes {
        /// Speaker: entity name/id, or a source phrase ("officials").
        #[arg(long)]
        speaker: Option<String>,
        /// Outlet that published it.
        #[arg(long)]
        source: Option<String>,
        /// Cue verb (said, claimed, according to...).
        #[arg(long)]
        cue: Option<String>,
        /// direct, mixed, indirect, according_to, report, evidence.
        #[arg(long)]
        kind: Option<String>,
        /// Published on or after (YYYY-MM-DD).
        #[arg(long)]
        from: Option<String>,
        /// Published on or before (YYYY-MM-DD).
        #[arg(long)]
        to: Option<String>,
        /// Words the content contains.
        #[arg(long)]
        text: Option<String>,
        /// Include near-duplicate copies.
        #[arg(long)]
        copies: bool,
    },
    /// Events of an entity (or of the documents matching words), by date.
    Timeline {
        /// Entity name/id, or words to search when no entity matches.
        name: String,
    },
    /// Full-text search with highlighted snippets (copies folded).
    Search {
        /// Words (all required; OR between words is not supported).
        text: Vec<String>,
    },
    /// Neighbourhood of an entity: co-occurring entities and typed relations, with weights.
    Graph {
        /// Entity name or id.
        name: String,
    },
    /// Who cites whom: sources per outlet with cue verbs.
    Sources {
        /// Only this outlet.
        #[arg(long)]
        outlet: Option<String>,
    },
    /// Near-duplicate clusters (syndicated or republished copies) with their canonical document.
    Duplicates,
    /// Row counts and size of the store.
    Stats,
}

/// Print rows in `format` on stdout.
pub fn print_rows<T: Tabular + Serialize>(rows: &[T], format: OutFormat) -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match format {
        OutFormat::Json => {
            serde_json::to_writer_pretty(&mut out, rows)?;
            writeln!(out)?;
        }
        OutFormat::Csv => write_csv::<T>(&mut out, rows)?,
        OutFormat::Table => write_table::<T>(&mut out, rows)?,
    }
    Ok(())
}

fn write_csv<T: Tabular>(out: &mut impl Write, rows: &[T]) -> Result<()> {
    let quote = |s: &str| {
        if s.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    };
    writeln!(out, "{}", T::columns().join(","))?;
    for r in rows {
        writeln!(out, "{}", r.cells().iter().map(|c| quote(c)).collect::<Vec<_>>().join(","))?;
    }
    Ok(())
}

/// Longest cell shown in a table; longer ones are cut with an ellipsis.
const CELL: usize = 70;

fn write_table<T: Tabular>(out: &mut impl Write, rows: &[T]) -> Result<()> {
    let cut = |s: String| {
        let s = s.replace(['\n', '\r', '\t'], " ");
        if s.chars().count() > CELL {
            format!("{}…", s.chars().take(CELL - 1).collect::<String>())
        } else {
            s
        }
    };
    let cells: Vec<Vec<String>> = rows.iter().map(|r| r.cells().into_iter().map(cut).collect()).collect();
    let cols = T::columns();
    let mut width: Vec<usize> = cols.iter().map(|c| c.chars().count()).collect();
    for r in &cells {
        for (i, c) in r.iter().enumerate() {
            width[i] = width[i].max(c.chars().count());
        }
    }
    let line = |vals: &[String]| {
        let mut s = String::new();
        for (i, v) in vals.iter().enumerate() {
            if i + 1 == vals.len() {
                s.push_str(v);
            } else {
                s.push_str(&format!("{v:<w$}  ", w = width[i]));
            }
        }
        s.trim_end().to_string()
    };
    writeln!(out, "{}", line(&cols.iter().map(|c| c.to_uppercase()).collect::<Vec<_>>()))?;
    for r in &cells {
        writeln!(out, "{}", line(r))?;
    }
    if rows.is_empty() {
        writeln!(out, "(no results)")?;
    }
    Ok(())
}

fn section<T: Tabular + Serialize>(title: &str, rows: &[T], format: OutFormat) -> Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    match format {
        OutFormat::Csv => println!("# {title}"),
        _ => println!("\n== {title} ({}) ==", rows.len()),
    }
    print_rows(rows, format)
}

pub fn run(args: Args) -> Result<ExitCode> {
    let c = args.common;
    let store = Store::open_read_only(&c.db)?;
    match args.what {
        What::Entity { name, kind } => {
            let e = store.best_entity(&name, kind.as_deref())?;
            let p = store.profile(e.id, c.limit)?;
            if c.format == OutFormat::Json {
                println!("{}", serde_json::to_string_pretty(&p)?);
                return Ok(ExitCode::SUCCESS);
            }
            if c.format == OutFormat::Table {
                println!("{} #{} ({})", p.entity.name, p.entity.id, p.entity.kind);
                println!(
                    "documents: {} · stories: {} · first seen: {} · last seen: {}",
                    p.entity.documents,
                    p.stories,
                    p.first_seen.as_deref().unwrap_or("?"),
                    p.last_seen.as_deref().unwrap_or("?")
                );
                let others = store.find_entities(&name, kind.as_deref())?;
                if others.len() > 1 {
                    println!(
                        "also matching {name:?}: {}",
                        others[1..].iter().map(|o| format!("#{} {} ({})", o.id, o.name, o.kind)).collect::<Vec<_>>().join(", ")
                    );
                }
            }
            section("names", &p.names, c.format)?;
            section("descriptions", &p.descriptions, c.format)?;
            section("relations", &p.relations, c.format)?;
            section("places", &p.places, c.format)?;
            section("events", &p.events, c.format)?;
            section("quotes by it", &p.quotes, c.format)?;
            section("claims about it", &p.claims_about, c.format)?;
            section("documents", &p.documents, c.format)?;
        }
        What::Entities { kind, name } => print_rows(&store.entities(kind.as_deref(), name.as_deref(), c.limit)?, c.format)?,
        What::Quotes { speaker, source, cue, kind, from, to, text, copies } => {
            let mut f = QuoteFilter { outlet: source, cue, kind, from, to, text, copies, limit: c.limit, ..Default::default() };
            if let Some(s) = speaker {
                match store.find_entities(&s, None)?.first() {
                    Some(e) => f.speaker = Some(e.id),
                    None => f.speaker_text = Some(s),
                }
            }
            print_rows(&store.quotes(&f)?, c.format)?;
        }
        What::Timeline { name } => {
            let rows = match store.find_entities(&name, None)?.first() {
                Some(e) => store.timeline(e.id, c.limit)?,
                None => store.timeline_text(&name, c.limit)?,
            };
            print_rows(&rows, c.format)?;
        }
        What::Search { text } => print_rows(&store.search(&text.join(" "), c.limit)?, c.format)?,
        What::Graph { name } => {
            let e = store.best_entity(&name, None)?;
            let g = store.graph(e.id, c.limit)?;
            if c.format == OutFormat::Json {
                println!("{}", serde_json::to_string_pretty(&g)?);
            } else {
                let names: std::collections::BTreeMap<i64, &str> = g.nodes.iter().map(|n| (n.id, n.name.as_str())).collect();
                let rows: Vec<NamedEdge> = g
                    .edges
                    .iter()
                    .map(|e| NamedEdge {
                        source: names.get(&e.source).unwrap_or(&"?").to_string(),
                        kind: e.kind.clone(),
                        target: names.get(&e.target).unwrap_or(&"?").to_string(),
                        weight: e.weight,
                    })
                    .collect();
                print_rows(&rows, c.format)?;
            }
        }
        What::Duplicates => print_rows(&store.duplicates(c.limit)?, c.format)?,
        What::Sources { outlet } => print_rows(&store.sources(outlet.as_deref(), c.limit)?, c.format)?,
        What::Stats => {
            let counts = store.counts()?;
            let size = store.size_bytes();
            if c.format == OutFormat::Json {
                println!("{}", serde_json::to_string_pretty(&serde_json::json!({"counts": counts, "bytes": size}))?);
            } else {
                let v = serde_json::to_value(&counts)?;
                let mut rows: Vec<Stat> = v
                    .as_object()
                    .map(|m| m.iter().map(|(k, v)| Stat { name: k.clone(), value: v.to_string() }).collect())
                    .unwrap_or_default();
                rows.push(Stat { name: "bytes".into(), value: size.to_string() });
                if counts.versions > 0 {
                    rows.push(Stat { name: "bytes_per_document".into(), value: (size / counts.versions as u64).to_string() });
                }
                print_rows(&rows, c.format)?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Serialize)]
struct NamedEdge {
    source: String,
    kind: String,
    target: String,
    weight: i64,
}

impl Tabular for NamedEdge {
    fn columns() -> &'static [&'static str] {
        &["source", "kind", "target", "weight"]
    }
    fn cells(&self) -> Vec<String> {
        vec![self.source.clone(), self.kind.clone(), self.target.clone(), self.weight.to_string()]
    }
}

#[derive(Serialize)]
struct Stat {
    name: String,
    value: String,
}

impl Tabular for Stat {
    fn columns() -> &'static [&'static str] {
        &["name", "value"]
    }
    fn cells(&self) -> Vec<String> {
        vec![self.name.clone(), self.value.clone()]
    }
}
