//! Crash safety of `newsgraph ingest`: kill -9 mid-way, rerun, and check that nothing is lost
//! or duplicated.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use newsgraph_store::Store;

const DOCS: usize = 400;

/// Many small distinct analyses built from the first fixture document: the text gets a
/// distinct tail so every document has its own content hash and url.
fn write_corpus(path: &Path) {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("../store/tests/fixtures/corpus.jsonl");
    let first = std::fs::read_to_string(fixture).unwrap().lines().next().unwrap().to_string();
    let mut out = String::new();
    for i in 0..DOCS {
        let mut v: serde_json::Value = serde_json::from_str(&first).unwrap();
        let text = v["document"]["text"].as_str().unwrap().to_string();
        v["document"]["text"] = format!("{text} Report {i} of the series, filed {} hours later.", i * 7).into();
        v["document"]["url"] = format!("https://crash.example.com/{i}").into();
        v["document"]["id"] = format!("crash-{i}").into();
        out.push_str(&serde_json::to_string(&v).unwrap());
        out.push('\n');
    }
    std::fs::write(path, out).unwrap();
}

fn count(db: &Path) -> i64 {
    match Store::open_read_only(db) {
        Ok(s) => s.counts().map(|c| c.documents).unwrap_or(0),
        Err(_) => 0,
    }
}

#[test]
fn kill_9_during_ingest_loses_nothing_committed_and_rerun_completes() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("many.jsonl");
    let db = dir.path().join("crash.db");
    write_corpus(&input);
    let bin = assert_cmd::cargo::cargo_bin("newsgraph");
    let mut child = Command::new(&bin)
        .args(["ingest", "--quiet", "--batch", "10", "--pause-ms", "40", "--analysis"])
        .arg(&input)
        .arg("--db")
        .arg(&db)
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while count(&db) < 50 {
        assert!(start.elapsed() < Duration::from_secs(60), "ingest made no progress");
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();
    let partial = count(&db);
    assert!(partial >= 50 && partial < DOCS as i64, "killed mid-way: {partial}");
    assert_eq!(partial % 10, 0, "only whole batches are committed: {partial}");

    let status = Command::new(&bin).args(["ingest", "--quiet", "--analysis"]).arg(&input).arg("--db").arg(&db).status().unwrap();
    assert!(status.success());
    let s = Store::open_read_only(&db).unwrap();
    let c = s.counts().unwrap();
    assert_eq!(c.documents, DOCS as i64);
    assert_eq!(c.versions, DOCS as i64, "no duplicate rows");
    // Every layer exactly once per document: 7 entities and 4 attributions each.
    assert_eq!(c.doc_entities, 7 * DOCS as i64);
    assert_eq!(c.attributions, 4 * DOCS as i64);
    let fts: i64 = s.connection().query_row("SELECT count(*) FROM documents_fts_docsize", [], |r| r.get(0)).unwrap();
    assert_eq!(fts, DOCS as i64, "full-text index in step");
    let distinct: i64 = s.connection().query_row("SELECT count(DISTINCT url) FROM documents", [], |r| r.get(0)).unwrap();
    assert_eq!(distinct, DOCS as i64);
}
