//! End-to-end tests of `newsgraph analyze` on the repository's fixtures.

use assert_cmd::Command;
use predicates::prelude::*;

fn repo(path: &str) -> String {
    format!("{}/../../{path}", env!("CARGO_MANIFEST_DIR"))
}

fn newsgraph() -> Command {
    let mut cmd = Command::cargo_bin("newsgraph").expect("binary built");
    cmd.env_remove("NEWSGRAPH_MODELS");
    cmd
}

fn analyze_json(args: &[&str]) -> serde_json::Value {
    let out = newsgraph().arg("analyze").args(args).output().expect("runs");
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

#[test]
fn seed_article_has_its_title_and_schema() {
    let v = analyze_json(&["--published", "2023-06-30", "--format", "json", &repo("examples/wagner-belarus.txt")]);
    assert_eq!(v["schema"], "newsgraph.analysis/1");
    assert_eq!(v["document"]["title"], "Belarusian leader asks Wagner mercenaries to train his military");
    assert_eq!(v["document"]["published"], "2023-06-30");
    let text = v["document"]["text"].as_str().unwrap();
    assert!(text.starts_with("Belarusian President Aleksandr Lukashenko"));
    for layer in ["entities", "attributions", "times", "amounts", "relations", "events"] {
        assert!(v[layer].is_array(), "{layer}");
    }
}

#[test]
fn tokens_flag_adds_tokens_with_code_point_offsets() {
    let v = analyze_json(&["--published", "2023-06-30", "--tokens", &repo("examples/wagner-belarus.txt")]);
    let text: Vec<char> = v["document"]["text"].as_str().unwrap().chars().collect();
    let tokens = v["tokens"].as_array().unwrap();
    assert!(tokens.len() > 600);
    for t in tokens {
        let (s, e) = (t["start"].as_u64().unwrap() as usize, t["end"].as_u64().unwrap() as usize);
        assert_eq!(text[s..e].iter().collect::<String>(), t["text"].as_str().unwrap());
    }
    assert!(v["sentences"].as_array().unwrap().len() > 25);
}

#[test]
fn several_documents_make_an_array_and_jsonl_makes_lines() {
    let seed = repo("examples/wagner-belarus.txt");
    let v = analyze_json(&[&seed, &seed]);
    assert_eq!(v.as_array().map(Vec::len), Some(2));
    let out = newsgraph().args(["analyze", "--format", "jsonl", &seed, &seed, &seed]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 3);
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(v["document"]["text"].is_string());
    }
}

#[test]
fn report_format_is_readable() {
    newsgraph()
        .args(["analyze", "--format", "report", "--published", "2023-06-30", &repo("examples/wagner-belarus.txt")])
        .assert()
        .success()
        .stdout(predicate::str::contains("Belarusian leader asks Wagner mercenaries").and(predicate::str::contains("published 2023-06-30")));
}

#[test]
fn bad_published_date_is_a_usage_error() {
    newsgraph()
        .args(["analyze", "--published", "30/06/2023", &repo("examples/wagner-belarus.txt")])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("YYYY-MM-DD"));
}

#[test]
fn missing_file_is_reported_and_others_still_analysed() {
    let out = newsgraph().args(["analyze", "--format", "jsonl", "/nonexistent/news.txt", &repo("examples/wagner-belarus.txt")]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("/nonexistent/news.txt"), "{stderr}");
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 1);
}

#[test]
fn help_teaches_inputs_and_exit_status() {
    newsgraph().args(["analyze", "--help"]).assert().success().stdout(predicate::str::contains("Exit status").and(predicate::str::contains("Not implemented yet")));
}
