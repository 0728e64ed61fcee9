//! Speed and size at scale: builds a store of N synthetic analyses (default 100,000; varied
//! names, quotes, places and dates), reports ingest docs/s and bytes per document, then the
//! p50/p95 latency of entity profiles and quote searches.
//!
//! `cargo run --release -p newsgraph-store --example scale_bench -- [N] [DB]`
//! (DB defaults to a temporary file; an existing DB with documents is reused as it is).

use std::time::Instant;

use newsgraph_store::bench::{synthetic_analysis, Rng};
use newsgraph_store::{IngestOptions, QuoteFilter, Store};

fn pct(mut v: Vec<f64>, p: f64) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[((v.len() as f64 - 1.0) * p).round() as usize]
}

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(100_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let db = std::env::args().nth(2).map(std::path::PathBuf::from).unwrap_or_else(|| dir.path().join("scale.db"));
    let mut store = Store::open(&db).expect("open store");
    if store.counts().expect("counts").documents == 0 {
        let mut rng = Rng::new(2024);
        let start = Instant::now();
        let items = (0..n).map(|i| Ok(synthetic_analysis(i, &mut rng)));
        let sum = store.ingest(items, &IngestOptions { batch: 1000, ..Default::default() }, |_| {}).expect("ingest");
        let secs = start.elapsed().as_secs_f64();
        store.connection().execute_batch("PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;").expect("checkpoint");
        println!("ingested {} docs in {secs:.1}s: {:.0} docs/s (storage only, no analysis)", sum.added, sum.added as f64 / secs);
    }
    let c = store.counts().expect("counts");
    let bytes = store.size_bytes();
    println!("store: {} documents, {} entities, {} bytes, {} bytes/doc", c.documents, c.entities, bytes, bytes / c.documents.max(1) as u64);

    let ents = store.entities(Some("PERSON"), None, 2000).expect("entities");
    let mut rng = Rng::new(7);
    let (mut profile, mut quotes, mut text) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..200 {
        let e = &ents[rng.below(ents.len())];
        let t = Instant::now();
        let p = store.profile(e.id, 50).expect("profile");
        profile.push(t.elapsed().as_secs_f64() * 1000.0);
        assert!(!p.documents.is_empty());
        let t = Instant::now();
        store.quotes(&QuoteFilter { speaker: Some(e.id), from: Some("2022-01-01".into()), limit: 50, ..Default::default() }).expect("quotes");
        quotes.push(t.elapsed().as_secs_f64() * 1000.0);
        let t = Instant::now();
        store.quotes(&QuoteFilter { text: Some("sanctions treaty".into()), cue: Some("said".into()), limit: 50, ..Default::default() }).expect("quotes");
        text.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    let top = &ents[0];
    let t = Instant::now();
    store.profile(top.id, 50).expect("profile");
    println!("profile of the most frequent person ({}, {} docs): {:.1} ms", top.name, top.documents, t.elapsed().as_secs_f64() * 1000.0);
    println!("entity profile      p50 {:.1} ms  p95 {:.1} ms", pct(profile.clone(), 0.5), pct(profile, 0.95));
    println!("quotes by speaker   p50 {:.1} ms  p95 {:.1} ms", pct(quotes.clone(), 0.5), pct(quotes, 0.95));
    println!("quotes by text+cue  p50 {:.1} ms  p95 {:.1} ms", pct(text.clone(), 0.5), pct(text, 0.95));
}
