//! Reading and cleaning the fixtures in `tests/fixtures/read/`: every format, encoding and
//! kind of bad input, through the public API the CLI uses (`read_paths`, `Cleaner`).

use std::path::{Path, PathBuf};

use newsgraph_text::clean::Cleaner;
use newsgraph_text::read::{read_paths, RawDoc, ReadError, ReadOptions};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/read")
}

fn read(name: &str) -> Vec<Result<RawDoc, ReadError>> {
    let paths = vec![fixtures().join(name)];
    let opts = ReadOptions::default();
    read_paths(&paths, &opts).collect()
}

fn one(name: &str) -> RawDoc {
    let mut docs = read(name);
    assert_eq!(docs.len(), 1, "{name}");
    docs.remove(0).unwrap_or_else(|e| panic!("{e}"))
}

fn error(name: &str) -> String {
    let docs = read(name);
    assert_eq!(docs.len(), 1, "{name}");
    match &docs[0] {
        Err(e) => e.to_string(),
        Ok(d) => panic!("{name} read as {:?}", d.body),
    }
}

#[test]
fn html_article_without_chrome() {
    let d = one("article.html");
    assert_eq!(d.meta.title.as_deref(), Some("Harbour ferry returns after winter repairs"));
    assert_eq!(d.meta.published.as_deref(), Some("2024-04-12T07:30:00+01:00"));
    assert_eq!(d.meta.url.as_deref(), Some("https://courier.example/news/harbour-ferry-returns"));
    assert_eq!(d.meta.source.as_deref(), Some("The Coastline Courier"));
    assert_eq!(d.meta.byline.as_deref(), Some("Mara Lindqvist"));
    assert_eq!(d.meta.language.as_deref(), Some("en"));
    assert!(d.meta.origin.as_deref().unwrap().ends_with("article.html"));
    let b = &d.body;
    assert!(b.contains("The island ferry resumed its crossings"), "{b}");
    assert!(b.contains("\n\nTimetable changes\n\nCrossings will run"), "{b}");
    assert!(b.contains("the \u{201c}Saltmarsh\u{201d} had a new engine"), "{b}");
    assert!(b.contains("\u{a3}1.2\u{a0}million"), "{b}");
    assert!(b.contains("Fares stay at \u{a3}3.50"), "{b}");
    for junk in ["Share on", "Related stories", "Water taxi fares", "Sign up", "Most read", "Lighthouse", "cookies", "All rights", "dataLayer", "Sport", "font-family"] {
        assert!(!b.contains(junk), "{junk} in {b}");
    }
    // Paragraph order kept.
    assert!(b.find("The island ferry").unwrap() < b.find("Fares stay").unwrap());
}

#[test]
fn rss_two_items() {
    let docs: Vec<RawDoc> = read("feed.rss").into_iter().map(Result::unwrap).collect();
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0].meta.title.as_deref(), Some("Council approves new cycle lanes"));
    assert_eq!(docs[0].meta.published.as_deref(), Some("2024-05-01T09:15:00+01:00"));
    assert_eq!(docs[0].meta.byline.as_deref(), Some("Owen Pritchard"));
    assert_eq!(docs[0].meta.source.as_deref(), Some("Valley Gazette"));
    assert_eq!(docs[0].meta.id.as_deref(), Some("gazette-2024-0501"));
    assert!(docs[0].body.starts_with("Councillors approved plans"));
    assert!(docs[0].body.contains("\n\nWork on the first section"));
    assert_eq!(docs[1].meta.title.as_deref(), Some("Library extends weekend opening & adds study rooms"));
    assert_eq!(docs[1].body, "The central library will open on Sundays from June, and four study rooms can now be booked online.");
    assert!(docs[1].meta.origin.as_deref().unwrap().ends_with("feed.rss#item 2"));
}

#[test]
fn atom_two_entries() {
    let docs: Vec<RawDoc> = read("feed.atom").into_iter().map(Result::unwrap).collect();
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0].meta.published.as_deref(), Some("2024-03-02T08:00:00Z"));
    assert_eq!(docs[0].meta.url.as_deref(), Some("https://ledger.example/wind-farm"));
    assert_eq!(docs[0].meta.byline.as_deref(), Some("Priya Nair"));
    assert_eq!(docs[0].body, "The 14-turbine wind farm on Carrick Moor was approved by the planning board on Friday.\n\nObjectors said they would appeal.");
    assert_eq!(docs[1].meta.published.as_deref(), Some("2024-03-03T11:00:00Z"));
    assert_eq!(docs[1].meta.url.as_deref(), Some("https://ledger.example/bridge-toll"));
    assert!(docs[1].body.starts_with("Drivers will no longer pay"));
}

#[test]
fn jsonl_three_docs_and_cleaning() {
    let docs: Vec<RawDoc> = read("docs.jsonl").into_iter().map(Result::unwrap).collect();
    assert_eq!(docs.len(), 3);
    assert_eq!(docs[0].meta.id.as_deref(), Some("j1"));
    assert_eq!(docs[1].meta.published.as_deref(), Some("2024-02-10T10:00:00Z"));
    assert_eq!(docs[2].meta.byline.as_deref(), Some("Lena Ortiz"));
    assert!(docs[2].meta.origin.as_deref().unwrap().ends_with("docs.jsonl:3"));
    let cleaner = Cleaner::new();
    let d0 = cleaner.clean(docs[0].clone());
    assert_eq!(d0.meta.dateline_place.as_deref(), Some("LONDON"));
    assert_eq!(d0.meta.dateline_agency.as_deref(), Some("Example Wire"));
    assert!(d0.text.starts_with("A planned rail strike"));
    let d1 = cleaner.clean(docs[1].clone());
    assert_eq!(d1.text, "The city museum reopened after a two-year renovation.");
    assert_eq!(d1.removed[0].reason, "syndication trailer");
}

#[test]
fn windows_1252_text() {
    let d = one("cp1252.txt");
    assert_eq!(d.meta.title.as_deref(), Some("Caf\u{e9} owners welcome the new market rules"));
    assert!(d.body.contains("The city\u{2019}s caf\u{e9} owners"));
    assert!(d.body.contains("\u{201c}a fair compromise\u{201d} \u{2013} after"));
    assert!(d.body.contains("\u{20ac}150"));
    assert!(d.body.contains("Am\u{e9}lie"));
}

#[test]
fn latin1_html_with_charset_meta() {
    let d = one("latin1.html");
    assert_eq!(d.meta.title.as_deref(), Some("Neue F\u{e4}hre f\u{fc}r den Bodensee"));
    assert!(d.body.contains("Die \u{dc}berfahrt dauert"), "{}", d.body);
    assert!(d.body.contains("gr\u{f6}\u{df}ere Fahrzeuge"));
    assert!(!d.body.contains("Startseite"));
    assert!(!d.body.contains("Impressum"));
    assert_eq!(d.meta.language.as_deref(), Some("de"));
}

#[test]
fn bad_inputs_have_clear_errors() {
    let e = error("bad/empty.txt");
    assert!(e.contains("bad/empty.txt: empty file"), "{e}");
    let e = error("bad/binary.txt");
    assert!(e.contains("bad/binary.txt: binary file, not text"), "{e}");
    let e = error("bad/garbage.txt");
    assert!(e.contains("bad/garbage.txt: undecodable text"), "{e}");
    let e = error("bad/malformed.rss");
    assert!(e.contains("bad/malformed.rss: malformed XML feed"), "{e}");
    let e = error("bad/truncated-head.html");
    assert!(e.contains("no article text found") && e.contains("truncated"), "{e}");
    let e = error("no/such/file.txt");
    assert!(e.contains("no/such/file.txt: cannot read"), "{e}");
}

#[test]
fn truncated_html_still_gives_what_is_there() {
    let d = one("bad/truncated.html");
    assert!(d.body.contains("A fire damaged the roof of the town hall"), "{}", d.body);
    assert!(!d.body.contains("Home"));
}

#[test]
fn malformed_jsonl_line_does_not_stop_the_stream() {
    let docs = read("bad/mixed.jsonl");
    assert_eq!(docs.len(), 3);
    assert_eq!(docs[0].as_ref().unwrap().body, "The first good document.");
    let e = docs[1].as_ref().unwrap_err().to_string();
    assert!(e.contains("bad/mixed.jsonl:2: malformed JSONL line"), "{e}");
    assert_eq!(docs[2].as_ref().unwrap().body, "The second good document.");
}

#[test]
fn directory_walk_is_sorted_and_goes_on_after_errors() {
    let paths = vec![fixtures()];
    let opts = ReadOptions::default();
    let all: Vec<_> = read_paths(&paths, &opts).collect();
    let origins: Vec<String> = all
        .iter()
        .map(|r| match r {
            Ok(d) => d.meta.origin.clone().unwrap(),
            Err(e) => e.to_string(),
        })
        .collect();
    // article.html, bad/* (sorted; two JSONL docs and a truncated page among them), cp1252.txt,
    // docs.jsonl x3, feed.atom x2, feed.rss x2, latin1.html.
    assert!(origins[0].ends_with("article.html"), "{origins:?}");
    assert!(origins.last().unwrap().ends_with("latin1.html"), "{origins:?}");
    let errors = all.iter().filter(|r| r.is_err()).count();
    // empty, binary, garbage, malformed.rss, truncated-head, one JSONL line.
    assert_eq!(errors, 6, "{origins:?}");
    assert_eq!(all.len() - errors, 13, "{origins:?}");
}

#[test]
fn too_large_refused_from_metadata() {
    // A sparse 200 MB file: refused by size without being read.
    let dir = std::env::temp_dir().join(format!("ng-read-big-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("big.txt");
    let f = std::fs::File::create(&path).unwrap();
    f.set_len(200 << 20).unwrap();
    let t0 = std::time::Instant::now();
    let paths = vec![path.clone()];
    let opts = ReadOptions::default();
    let r: Vec<_> = read_paths(&paths, &opts).collect();
    let elapsed = t0.elapsed();
    std::fs::remove_dir_all(&dir).ok();
    let e = r[0].as_ref().unwrap_err().to_string();
    assert!(e.contains("big.txt: too large: 209715200 bytes"), "{e}");
    assert!(elapsed.as_millis() < 500, "took {elapsed:?}");
}
