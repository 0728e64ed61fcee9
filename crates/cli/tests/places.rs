//! End-to-end: `newsgraph eval places` with the bundled `models/places.bin` on the
//! repository's hand-checked place cases (no ../shared needed).

use assert_cmd::Command;

fn repo(path: &str) -> String {
    format!("{}/../../{path}", env!("CARGO_MANIFEST_DIR"))
}

fn eval(cases: &str) -> String {
    let out = Command::cargo_bin("newsgraph")
        .expect("binary built")
        .env_remove("NEWSGRAPH_MODELS")
        .args(["eval", "places", "--cases", &repo(cases), "--min-accuracy", "0.95"])
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(out.status.success(), "stdout: {stdout}\nstderr: {}", String::from_utf8_lossy(&out.stderr));
    stdout
}

#[test]
fn bundled_index_resolves_the_cases() {
    let out = eval("tests/fixtures/places/cases.tsv");
    assert!(out.contains("accuracy"), "{out}");
}

#[test]
fn bundled_index_resolves_the_held_out_cases() {
    let out = eval("tests/fixtures/places/heldout.tsv");
    assert!(out.contains("accuracy"), "{out}");
}
