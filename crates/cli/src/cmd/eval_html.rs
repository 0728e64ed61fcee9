//! `newsgraph eval html`: score the HTML article-body extractor on the html-dev pages
//! (precision, recall and F1 of the expected/unwanted snippets, pages per second).

use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use newsgraph_text::read::html::eval;

/// Flags of `newsgraph eval html`.
#[derive(clap::Args)]
pub struct Args {
    /// The html-dev folder, or the data root that contains it (default: $NEWSGRAPH_DATA).
    #[arg(long)]
    data: Option<PathBuf>,
    /// Score only the first N pages (sorted by name).
    #[arg(long)]
    limit: Option<usize>,
    /// Print this many failed pages (no text or unreadable).
    #[arg(long, default_value_t = 10)]
    failures: usize,
    /// Exit with an error when F1 is below this value (for CI quality gates).
    #[arg(long)]
    min_f1: Option<f64>,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
    /// Write each page's extracted text to DIR/<page>.txt, to read what the score hides.
    #[arg(long)]
    dump: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<()> {
    let Some(dir) = args.data.or_else(|| std::env::var_os("NEWSGRAPH_DATA").map(PathBuf::from)) else {
        bail!("no data folder: pass --data DIR (the html-dev folder or the data root) or set NEWSGRAPH_DATA");
    };
    if let Some(d) = &args.dump {
        std::fs::create_dir_all(d).with_context(|| format!("{}: cannot create", d.display()))?;
    }
    let s = eval::score_dir(&dir, args.limit, |name, bytes| {
        let r = eval::newsgraph_extract(bytes);
        if let (Some(d), Ok(text)) = (&args.dump, &r) {
            // Best effort: a dump that cannot be written does not change the score.
            let _ = std::fs::write(d.join(format!("{name}.txt")), text);
        }
        r
    })?;
    if args.json {
        let v = serde_json::json!({
            "pages": s.pages, "tp": s.tp, "fn": s.fn_, "fp": s.fp, "tn": s.tn,
            "precision": s.precision(), "recall": s.recall(), "f1": s.f1(),
            "pages_per_second": s.pages_per_second(), "failures": s.failures.len(),
        });
        println!("{v}");
    } else {
        println!("html-dev: {} pages", s.pages);
        println!("precision {:.3}  recall {:.3}  F1 {:.3}", s.precision(), s.recall(), s.f1());
        println!("snippets: with found {} / missed {}; without found {} / absent {}", s.tp, s.fn_, s.fp, s.tn);
        println!("speed: {:.1} pages/s (decode + extract, one core)", s.pages_per_second());
        println!("failures: {}", s.failures.len());
        for (name, why) in s.failures.iter().take(args.failures) {
            println!("  {name}: {why}");
        }
    }
    if let Some(min) = args.min_f1 {
        if s.f1() < min {
            bail!("html-dev F1 {:.3} is below the required {min:.3}", s.f1());
        }
    }
    Ok(())
}
