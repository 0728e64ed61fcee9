//! Near-duplicate detection on real news texts with known perturbations (trailer added,
//! trimmed, retitled, paragraphs dropped): precision and recall of the store's clusters.
//!
//! `cargo run --release -p newsgraph-store --example dedup_bench -- [DATA_DIR] [MIN_PRECISION MIN_RECALL]`
//! (default `$NEWSGRAPH_DATA` or `../shared/data`); reads `polnear/{train,dev}/text/*.txt`.
//! With thresholds, exits 1 when a score falls below them (a quality gate).

use std::path::PathBuf;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let min = |i: usize| args.get(i).and_then(|s| s.parse::<f64>().ok()).unwrap_or(0.0);
    let (min_p, min_r) = (min(2), min(3));
    let data = args
        .get(1)
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("NEWSGRAPH_DATA").map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from("../shared/data"));
    let mut files = Vec::new();
    for split in ["train", "dev"] {
        let dir = data.join("polnear").join(split).join("text");
        let Ok(rd) = std::fs::read_dir(&dir) else {
            eprintln!("{}: cannot read; pass the data directory as the first argument", dir.display());
            std::process::exit(2);
        };
        files.extend(rd.filter_map(|e| e.ok()).map(|e| e.path()));
    }
    files.sort();
    let mut texts: Vec<String> = files.iter().filter_map(|p| std::fs::read_to_string(p).ok()).collect();
    // Exact repeats in the corpus are not perturbation pairs; keep one of each.
    let mut seen = std::collections::HashSet::new();
    texts.retain(|t| seen.insert(t.clone()));
    let s = newsgraph_store::bench::evaluate_dedup(&texts, 42).expect("dedup benchmark");
    println!(
        "originals {} copies {}  precision {:.3}  recall {:.3}  (TP {} FP {} FN {})  {:.0} docs/s",
        s.originals, s.copies, s.precision, s.recall, s.true_positives, s.false_positives, s.false_negatives, s.docs_per_second
    );
    for (kind, found, total) in &s.recall_by_kind {
        println!("  {kind:<20} recall {:.3} ({found}/{total})", *found as f64 / (*total).max(1) as f64);
    }
    if s.precision < min_p || s.recall < min_r {
        eprintln!("dedup_bench: below the gate (precision >= {min_p}, recall >= {min_r})");
        std::process::exit(1);
    }
}
