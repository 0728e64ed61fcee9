//! The store commands end to end on the fixture analyses: ingest (twice), errors, queries in
//! each format, curation, exports.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../store/tests/fixtures").join(name)
}

fn ng(db: &Path) -> impl FnMut(&[&str]) -> assert_cmd::assert::Assert {
    let db = db.to_path_buf();
    move |args: &[&str]| Command::cargo_bin("newsgraph").unwrap().args(args).arg("--db").arg(&db).assert()
}

fn ingested() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    ng(&db)(&["ingest", "--analysis", fixture("corpus.jsonl").to_str().unwrap()]).success();
    (dir, db)
}

#[test]
fn ingest_twice_gives_identical_counts() {
    let (_dir, db) = ingested();
    let mut run = ng(&db);
    let first = String::from_utf8(run(&["query", "stats", "--format", "json"]).success().get_output().stdout.clone()).unwrap();
    run(&["ingest", "--analysis", fixture("corpus.jsonl").to_str().unwrap()])
        .success()
        .stderr(predicate::str::contains("0 new").and(predicate::str::contains("6 unchanged")));
    let second = String::from_utf8(run(&["query", "stats", "--format", "json"]).success().get_output().stdout.clone()).unwrap();
    let strip = |s: &str| serde_json::from_str::<serde_json::Value>(s).unwrap()["counts"].clone();
    assert_eq!(strip(&first), strip(&second));
    assert_eq!(strip(&first)["documents"], 6);
}

#[test]
fn failures_are_listed_and_set_the_exit_status() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("e.db");
    let mut run = ng(&db);
    run(&["ingest", "--analysis", fixture("bad.jsonl").to_str().unwrap()]).code(1).stderr(predicate::str::contains("2 failed"));
    run(&["errors", "--format", "csv"]).success().stdout(predicate::str::contains("bad.jsonl:3").and(predicate::str::contains("not a newsgraph analysis")));
}

#[test]
fn entity_profile_in_three_formats() {
    let (_dir, db) = ingested();
    let mut run = ng(&db);
    run(&["query", "entity", "Lukashenko"])
        .success()
        .stdout(predicate::str::contains("Aleksandr Lukashenko").and(predicate::str::contains("president")).and(predicate::str::contains("2023-07-01")));
    let out = run(&["query", "entity", "Lukashenko", "--format", "json"]).success().get_output().stdout.clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["entity"]["name"], "Aleksandr Lukashenko");
    assert!(v["quotes"].as_array().unwrap().iter().any(|q| q["content"] == "Unfortunately, they are not here,"));
    run(&["query", "entity", "Lukashenko", "--format", "csv"]).success().stdout(predicate::str::contains("subject,predicate,role,object,count"));
}

#[test]
fn quotes_timeline_search_graph_sources() {
    let (_dir, db) = ingested();
    let mut run = ng(&db);
    let out = run(&["query", "quotes", "--speaker", "Putin", "--format", "json"]).success().get_output().stdout.clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1);
    run(&["query", "quotes", "--kind", "direct", "--from", "2024-01-01", "--format", "csv"])
        .success()
        .stdout(predicate::str::contains("We deserved it.").and(predicate::str::contains("Unfortunately").not()));
    run(&["query", "timeline", "Prigozhin"]).success().stdout(predicate::str::contains("2023-06-27"));
    run(&["query", "search", "Minsk"]).success().stdout(predicate::str::contains("[Minsk]"));
    run(&["query", "graph", "Prigozhin"]).success().stdout(predicate::str::contains("founder").and(predicate::str::contains("Wagner Group")));
    run(&["query", "duplicates", "--format", "csv"]).success().stdout(predicate::str::contains("Example News").and(predicate::str::contains("Mirror Daily")));
    run(&["query", "sources", "--format", "csv"]).success().stdout(predicate::str::contains("Example News,Aleksandr Lukashenko,said,2"));
}

#[test]
fn curation_commands_survive_reingest() {
    let (_dir, db) = ingested();
    let mut run = ng(&db);
    run(&["entity", "rename", "Monaco", "Mario Monaco", "--type", "PERSON"]).success();
    run(&["entity", "merge", "NATO", "Belta"]).success();
    run(&["ingest", "--analysis", fixture("update.jsonl").to_str().unwrap()]).success();
    run(&["entity", "relink"]).success();
    run(&["query", "entities", "--type", "PERSON", "--format", "csv"]).success().stdout(predicate::str::contains("Mario Monaco"));
    let out = run(&["query", "entities", "--name", "Belta", "--format", "json"]).success().get_output().stdout.clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v[0]["name"], "North Atlantic Treaty Organization");
    run(&["entity", "log"]).success().stdout(predicate::str::contains("\"op\":\"merge\""));
    // An ambiguous name is refused with the candidates.
    run(&["entity", "delete", "Monaco"]).failure().stderr(predicate::str::contains("ambiguous"));
}

#[test]
fn exports() {
    let (dir, db) = ingested();
    let mut run = ng(&db);
    let csv = dir.path().join("csv");
    run(&["export", "--format", "csv", "--out", csv.to_str().unwrap()]).success();
    let ents = std::fs::read_to_string(csv.join("events.csv")).unwrap();
    assert!(ents.contains("Yevgeny Prigozhin,arrived,arrive,,Minsk"), "{ents}");
    for (fmt, file, needle) in [
        ("jsonl", "a.jsonl", "\"corpus_entity\""),
        ("graphml", "g.graphml", "<graphml"),
        ("gexf", "g.gexf", "<gexf"),
        ("ftm", "f.ftm.json", "\"schema\":\"Membership\""),
    ] {
        let p = dir.path().join(file);
        run(&["export", "--format", fmt, "--out", p.to_str().unwrap()]).success();
        assert!(std::fs::read_to_string(&p).unwrap().contains(needle), "{fmt}");
    }
    run(&["export", "--format", "xls", "--out", "x"]).failure().stderr(predicate::str::contains("unknown export format"));
}
