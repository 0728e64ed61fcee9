//! `newsgraph train places --data DIR --out models/places.bin`: build the bundled GeoNames
//! place index from `DIR/geonames` (see `newsgraph_extract::places::build`). Deterministic:
//! the same data gives the same bytes.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result};
use newsgraph_extract::places::{build, PlaceIndex};

/// Flags of `newsgraph train places`.
#[derive(clap::Args)]
pub struct Args {
    /// Data root (the `shared/data` layout, reads `geonames/`); defaults to $NEWSGRAPH_DATA.
    #[arg(long, env = "NEWSGRAPH_DATA")]
    pub data: PathBuf,
    /// Where to write the index (normally models/places.bin).
    #[arg(long)]
    pub out: PathBuf,
}

pub fn run(a: Args) -> Result<()> {
    let t0 = Instant::now();
    let (index, report) = build::build(&a.data).with_context(|| format!("building the places index from {}", a.data.join("geonames").display()))?;
    for w in &report.warnings {
        eprintln!("warning: {w}");
    }
    index.save(&a.out).with_context(|| format!("writing {}", a.out.display()))?;
    let size = std::fs::metadata(&a.out).map(|m| m.len()).unwrap_or(0);
    // Load time: mean of a few loads, wall clock and CPU (the machine may be shared).
    const LOADS: u32 = 10;
    let (t1, c1) = (Instant::now(), crate::cputime::thread_cpu());
    for _ in 0..LOADS {
        PlaceIndex::load(&a.out).with_context(|| format!("reading back {}", a.out.display()))?;
    }
    let load_ms = t1.elapsed().as_secs_f64() * 1e3 / LOADS as f64;
    let cpu_ms = match (c1, crate::cputime::thread_cpu()) {
        (Some(a), Some(b)) => format!("{:.1} ms CPU", (b - a) * 1e3 / LOADS as f64),
        _ => "CPU time unknown".into(),
    };
    let by_feature: Vec<String> = report.places.iter().map(|(k, v)| format!("{v} {k}")).collect();
    eprintln!(
        "{} places ({}), {} name keys; {:.2} MB; load {load_ms:.1} ms wall, {cpu_ms} (mean of {LOADS}); built in {:.1} s; wrote {}",
        index.len(),
        by_feature.join(", "),
        report.keys,
        size as f64 / 1e6,
        t0.elapsed().as_secs_f64(),
        a.out.display()
    );
    Ok(())
}
