//! Throughput of the time and amount taggers on a folder of plain-text articles (one core).
//!
//! `cargo run --release -p newsgraph-extract --example bench_time -- DIR [PUBLISHED]`
//! reads every `*.txt` under DIR (recursively; e.g. `../shared/data/polnear`), then tags all
//! of them with `TimeTagger` + `AmountTagger`, three rounds, and prints MB/s and counts (the
//! counts make a change in output visible next to a change in speed).

use std::path::{Path, PathBuf};
use std::time::Instant;

use newsgraph_core::{Doc, Meta, Stage};
use newsgraph_extract::amounts::AmountTagger;
use newsgraph_extract::time::TimeTagger;

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for e in std::fs::read_dir(dir)? {
        let p = e?.path();
        if p.is_dir() {
            collect(&p, out)?;
        } else if p.extension().is_some_and(|x| x == "txt") {
            out.push(p);
        }
    }
    Ok(())
}

/// CPU time of this thread (Linux `/proc/thread-self/stat`, in clock ticks of 1/100 s):
/// on a loaded machine wall time understates the tagger's speed.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split(' ').collect();
    let utime: f64 = f.get(11)?.parse().ok()?;
    let stime: f64 = f.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first() else {
        eprintln!("usage: bench_time DIR [PUBLISHED]");
        std::process::exit(2);
    };
    let published = args.get(1).cloned().unwrap_or_else(|| "2016-10-01".into());
    let mut paths = Vec::new();
    collect(Path::new(dir), &mut paths)?;
    paths.sort();
    let texts: Vec<String> = paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let (times, amounts) = (TimeTagger::new(), AmountTagger::new());
    let cpu0 = cpu_seconds();
    let mut best = f64::MAX;
    let (mut n_times, mut n_amounts) = (0, 0);
    for _ in 0..3 {
        let t = Instant::now();
        n_times = 0;
        n_amounts = 0;
        for text in &texts {
            let meta = Meta {
                published: Some(published.clone()),
                ..Meta::default()
            };
            let mut doc = Doc::new(meta, text.clone());
            times.process(&mut doc);
            amounts.process(&mut doc);
            n_times += doc.times.len();
            n_amounts += doc.amounts.len();
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    let cpu = cpu_seconds().zip(cpu0).map(|(b, a)| b - a);
    println!(
        "{} files, {:.1} MB: {:.1} MB/s wall (best of 3, one thread){}; {} times, {} amounts",
        texts.len(),
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / best,
        cpu.map_or(String::new(), |c| format!(
            ", {:.1} MB/s of CPU time",
            3.0 * bytes as f64 / 1e6 / c
        )),
        n_times,
        n_amounts
    );
    Ok(())
}
