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
    newsgraph().args(["analyze", "--help"]).assert().success().stdout(predicate::str::contains("Exit status").and(predicate::str::contains("Layers:")));
}

fn analyze_lines(args: &[&str]) -> (Option<i32>, Vec<serde_json::Value>, String) {
    let out = newsgraph().args(["analyze", "--no-models", "--format", "jsonl"]).args(args).output().expect("runs");
    let docs = String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).expect("each line is JSON")).collect();
    (out.status.code(), docs, String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn html_page_gives_article_text_and_metadata() {
    let (code, docs, _) = analyze_lines(&[&repo("tests/fixtures/read/article.html")]);
    assert_eq!(code, Some(0));
    let d = &docs[0]["document"];
    assert!(d["title"].as_str().is_some_and(|t| !t.is_empty()));
    let text = d["text"].as_str().unwrap();
    assert!(!text.contains("<script") && !text.contains("function("), "{text}");
}

#[test]
fn feeds_give_one_document_per_item() {
    for feed in ["tests/fixtures/read/feed.rss", "tests/fixtures/read/feed.atom"] {
        let (code, docs, stderr) = analyze_lines(&[&repo(feed)]);
        assert_eq!(code, Some(0), "{feed}: {stderr}");
        assert_eq!(docs.len(), 2, "{feed}");
        for d in &docs {
            assert!(d["document"]["published"].is_string(), "{feed}: items carry their dates");
        }
    }
}

#[test]
fn jsonl_gives_one_document_per_line_with_metadata() {
    let (code, docs, _) = analyze_lines(&[&repo("tests/fixtures/read/docs.jsonl")]);
    assert_eq!(code, Some(0));
    assert_eq!(docs.len(), 3);
    assert_eq!(docs[0]["document"]["id"], "j1");
    assert_eq!(docs[0]["document"]["source"], "Example Wire");
    assert_eq!(docs[0]["document"]["published"], "2024-02-10");
    // The dateline became metadata, not body text.
    assert!(!docs[0]["document"]["text"].as_str().unwrap().starts_with("LONDON"));
}

#[test]
fn legacy_encodings_come_out_right() {
    let (code, docs, _) = analyze_lines(&[&repo("tests/fixtures/read/cp1252.txt"), &repo("tests/fixtures/read/latin1.html")]);
    assert_eq!(code, Some(0));
    for d in &docs {
        let text = d["document"]["text"].as_str().unwrap();
        assert!(!text.contains('\u{fffd}'), "no replacement characters: {text}");
    }
}

#[test]
fn bad_inputs_are_reported_one_line_each_and_the_batch_goes_on() {
    let (code, docs, stderr) = analyze_lines(&[&repo("tests/fixtures/read")]);
    assert_eq!(code, Some(1), "some documents failed");
    for bad in ["empty.txt", "binary.txt", "garbage.txt", "malformed.rss", "mixed.jsonl:2", "truncated-head.html"] {
        assert!(stderr.lines().any(|l| l.contains(bad)), "{bad} reported in:\n{stderr}");
    }
    // The good files, the good JSONL lines and the truncated-but-usable page are analysed.
    let titles: Vec<&str> = docs.iter().filter_map(|d| d["document"]["title"].as_str()).collect();
    assert!(titles.contains(&"Good one") && titles.contains(&"Good two"), "{titles:?}");
    assert!(docs.len() >= 10, "{} documents analysed", docs.len());
}

#[test]
fn oversized_file_is_refused_without_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("huge.txt");
    // A sparse 200 MB file: refused from its size, so the test stays fast and small.
    std::fs::File::create(&big).unwrap().set_len(200 << 20).unwrap();
    let started = std::time::Instant::now();
    let (code, docs, stderr) = analyze_lines(&[big.to_str().unwrap(), &repo("examples/wagner-belarus.txt")]);
    assert_eq!(code, Some(1));
    assert_eq!(docs.len(), 1);
    assert!(stderr.contains("huge.txt"), "{stderr}");
    assert!(started.elapsed().as_secs() < 20);
}

#[test]
fn stdin_is_read_with_dash() {
    let out = newsgraph()
        .args(["analyze", "--no-models", "--format", "jsonl", "-"])
        .write_stdin("Headline here\n\nThe body of the story is here. It has two sentences.\n")
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["document"]["title"], "Headline here");
}

#[test]
fn seed_article_drops_the_syndication_trailer() {
    let v = analyze_json(&["--no-models", "--published", "2023-06-30", &repo("examples/wagner-belarus.txt")]);
    assert!(!v["document"]["text"].as_str().unwrap().contains("This post appeared first on"));
    let removed = v["document"]["removed"].as_array().unwrap();
    assert!(removed.iter().any(|r| r["text"].as_str().is_some_and(|t| t.contains("This post appeared first on"))));
}

#[test]
fn parser_flag_given_three_times_votes_one_tree_per_sentence() {
    let v = analyze_json(&["--parser", &repo("models/parser-beam.bin"), "--parser", &repo("models/parser-beam-rtl.bin"), "--parser", &repo("models/parser.bin"), "--published", "2023-06-30", "--tokens", &repo("examples/wagner-belarus.txt")]);
    let tokens = v["tokens"].as_array().expect("tokens");
    let sentences = v["sentences"].as_array().expect("sentences");
    // Every sentence is one tree: one root, and every word reaches it inside the sentence.
    for s in sentences {
        let (start, end) = (s["start"].as_u64().unwrap(), s["end"].as_u64().unwrap());
        let ids: Vec<usize> = (0..tokens.len()).filter(|&i| tokens[i]["start"].as_u64().unwrap() >= start && tokens[i]["end"].as_u64().unwrap() <= end).collect();
        assert_eq!(ids.iter().filter(|&&i| tokens[i]["deprel"] == "root").count(), 1, "{}", s["text"]);
        for &i in &ids {
            let (mut at, mut steps) = (i, 0);
            while let Some(h) = tokens[at]["head"].as_u64() {
                at = h as usize;
                assert!(ids.contains(&at), "head outside the sentence: {}", s["text"]);
                steps += 1;
                assert!(steps <= ids.len(), "cycle in: {}", s["text"]);
            }
        }
    }
    assert!(v["events"].as_array().is_some_and(|e| !e.is_empty()), "events stand on the voted parse");
}

#[test]
fn eval_attribution_runs_on_the_parsers_given() {
    let fixture = repo("crates/extract/tests/fixtures/attribution-train");
    let voters = ["--parser", &repo("models/parser-beam.bin"), "--parser", &repo("models/parser-beam-rtl.bin"), "--parser", &repo("models/parser.bin")];
    newsgraph().args(["eval", "attribution", "--polnear", &fixture, "--split", "dev"]).args(voters).assert().success().stdout(predicate::str::contains("source overlap"));
    newsgraph()
        .args(["eval", "attribution", "--polnear", &fixture, "--split", "dev", "--parser", "/nonexistent/parser.bin"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("/nonexistent/parser.bin"));
}

#[test]
fn parser_flag_takes_the_beam_parser_and_names_a_bad_file() {
    // The beam-search parser file parses the seed article through the whole pipeline.
    let v = analyze_json(&["--parser", &repo("models/parser-beam.bin"), "--published", "2023-06-30", "--tokens", &repo("examples/wagner-belarus.txt")]);
    let tokens = v["tokens"].as_array().expect("tokens");
    assert!(tokens.iter().filter(|t| t["deprel"] == "root").count() > 25, "one root per sentence");
    assert!(v["events"].as_array().is_some_and(|e| !e.is_empty()), "events stand on the parse");
    // A file that is not a parser is refused with its name and what to give instead.
    newsgraph()
        .args(["analyze", "--parser", "/nonexistent/parser.bin", &repo("examples/wagner-belarus.txt")])
        .assert()
        .failure()
        .stderr(predicate::str::contains("loading the parser").and(predicate::str::contains("/nonexistent/parser.bin")).and(predicate::str::contains("train parser")));
}

#[test]
fn agency_style_speakers_described_between_commas_are_the_sources() {
    // "…, NAME, DESCRIPTION, said.": the greedy parser often hangs the cue as a conjunct,
    // and the tagger takes the speaker for content; the rules read it from the sentence end,
    // and neither the tagger nor the learned filter and source chooser overrule that reading.
    let text = "Agency roundup\n\n\
        The company will cut 200 jobs, John Smith, a spokesman for Acme, said on Monday.\n\n\
        Prices will keep rising this year, Jane Doe, chief economist at Barclays, said.\n\n\
        The talks have collapsed, Peter Brown, the union's general secretary, told reporters.\n\n\
        The river will rise again this week, Prof Mark Jones, a hydrologist at the University of Leeds, said on Wednesday.\n\n\
        The vaccine is safe, Dr Sarah Hill, a virologist at Oxford, said.\n\n\
        We will not back down, Ms Carter, who leads the campaign, said on Friday.\n";
    let analyze_stdin = |text: &str| -> serde_json::Value {
        let out = newsgraph().args(["analyze", "--published", "2024-01-10", "-"]).write_stdin(text).output().expect("runs");
        assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).expect("valid JSON")
    };
    let v = analyze_stdin(text);
    let name_of = |id: &serde_json::Value| v["entities"].as_array().unwrap().iter().find(|e| &e["id"] == id).and_then(|e| e["name"].as_str()).map(str::to_string);
    let got: Vec<(Option<String>, String)> = v["attributions"].as_array().unwrap().iter().map(|a| (name_of(&a["source"]), a["content"].as_str().unwrap().to_string())).collect();
    for (speaker, content) in [
        ("John Smith", "The company will cut 200 jobs"),
        ("Jane Doe", "Prices will keep rising this year"),
        ("Peter Brown", "The talks have collapsed"),
        ("Mark Jones", "The river will rise again this week"),
        ("Sarah Hill", "The vaccine is safe"),
        // The learned source chooser took "the campaign".
        ("Carter", "We will not back down"),
    ] {
        assert!(got.contains(&(Some(speaker.to_string()), content.to_string())), "{speaker}: {content} not in {got:?}");
    }
    // Alone in its document, the learned filter took this one for a false alarm.
    let v = analyze_stdin("Job cuts\n\nThe company will cut 200 jobs, John Smith, a spokesman for Acme, told reporters on Monday.\n");
    let got: Vec<_> = v["attributions"].as_array().unwrap().iter().map(|a| (a["source_text"].as_str(), a["content"].as_str())).collect();
    assert_eq!(got, [(Some("John Smith, a spokesman for Acme"), Some("The company will cut 200 jobs"))]);
}
