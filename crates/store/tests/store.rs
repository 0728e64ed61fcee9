//! Store integration tests on the hand-made fixture analyses in `tests/fixtures/`.

use std::path::{Path, PathBuf};

use newsgraph_store::export::Format;
use newsgraph_store::{read_analyses, IngestOptions, QuoteFilter, Store};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn ingest(store: &mut Store, name: &str) -> newsgraph_store::IngestSummary {
    let items = read_analyses(&fixture(name)).unwrap();
    store.ingest(items, &IngestOptions { batch: 2, ..Default::default() }, |_| {}).unwrap()
}

fn corpus() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    ingest(&mut s, "corpus.jsonl");
    s
}

#[test]
fn ingest_counts_and_idempotence() {
    let mut s = Store::open_in_memory().unwrap();
    let first = ingest(&mut s, "corpus.jsonl");
    assert_eq!((first.seen, first.added, first.failed), (6, 6, 0));
    let c1 = s.counts().unwrap();
    assert_eq!(c1.documents, 6);
    assert_eq!(c1.attributions, 4 + 4 + 1 + 1 + 1 + 1);
    let again = ingest(&mut s, "corpus.jsonl");
    assert_eq!((again.added, again.unchanged), (0, 6));
    assert_eq!(s.counts().unwrap(), c1);
}

#[test]
fn changed_content_at_same_url_is_a_new_version() {
    let mut s = corpus();
    let before = s.counts().unwrap();
    let sum = ingest(&mut s, "update.jsonl");
    assert_eq!(sum.versions, 1);
    let after = s.counts().unwrap();
    assert_eq!(after.documents, before.documents);
    assert_eq!(after.versions, before.versions + 1);
    // The old version's layers are gone, the new one's are there: same number of quotes.
    assert_eq!(after.attributions, before.attributions);
    let v: i64 = s
        .connection()
        .query_row("SELECT version FROM documents WHERE url = 'https://news.example.com/wagner-belarus' AND current = 1", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, 2);
    // Re-ingesting the update changes nothing.
    assert_eq!(ingest(&mut s, "update.jsonl").unchanged, 1);
}

#[test]
fn bad_lines_are_recorded_as_errors_and_the_rest_is_stored() {
    let mut s = Store::open_in_memory().unwrap();
    let sum = ingest(&mut s, "bad.jsonl");
    assert_eq!((sum.added, sum.failed), (1, 2));
    let errs = s.errors().unwrap();
    assert_eq!(errs.len(), 2);
    assert!(errs[0].origin.ends_with("bad.jsonl:2"), "{:?}", errs[0]);
    // A rerun does not duplicate errors; it counts them.
    ingest(&mut s, "bad.jsonl");
    let errs = s.errors().unwrap();
    assert_eq!(errs.len(), 2);
    assert_eq!(errs[0].count, 2);
}

#[test]
fn links_entities_across_documents() {
    let s = corpus();
    // "Putin" = "Vladimir V. Putin" = "Vladimir Putin".
    let putin = s.find_entities("Vladimir V. Putin", None).unwrap();
    assert_eq!(putin.len(), 1, "{putin:?}");
    assert_eq!(s.best_entity("Putin", None).unwrap().id, putin[0].id);
    assert_eq!(s.best_entity("Vladimir Putin", None).unwrap().id, putin[0].id);
    // A bare surname in one article links to the full name in another.
    let luka = s.best_entity("Lukashenko", None).unwrap();
    assert_eq!(luka.name, "Aleksandr Lukashenko");
    assert_eq!(luka.documents, 3);
    // "Wagner" = "Wagner Group"; acronym "NATO" = "North Atlantic Treaty Organization".
    assert_eq!(s.best_entity("Wagner", None).unwrap().id, s.best_entity("Wagner Group", None).unwrap().id);
    let nato = s.best_entity("NATO", None).unwrap();
    assert_eq!(nato.id, s.best_entity("North Atlantic Treaty Organization", None).unwrap().id);
    assert_eq!(nato.documents, 2);
    // The person Monaco is not the country Monaco.
    let monaco = s.find_entities("Monaco", None).unwrap();
    assert_eq!(monaco.len(), 2);
    assert_ne!(monaco[0].kind, monaco[1].kind);
    // Hillary and Bill Clinton stay apart.
    assert_ne!(s.best_entity("Hillary Clinton", None).unwrap().id, s.best_entity("Bill Clinton", None).unwrap().id);
}

#[test]
fn curation_survives_reingest_and_relink() {
    let mut s = corpus();
    let person = s.entity_id("Monaco", Some("PERSON")).unwrap();
    s.rename(person, "Mario Monaco").unwrap();
    let belta = s.entity_id("Belta", None).unwrap();
    let nato = s.entity_id("NATO", None).unwrap();
    s.merge(nato, belta).unwrap(); // absurd on purpose: must survive anyway
    let bill = s.entity_id("Bill Clinton", None).unwrap();
    s.delete_entity(bill).unwrap();
    let poland = s.entity_id("Poland", None).unwrap();
    s.retype(poland, "ORG").unwrap();
    let check = |s: &Store| {
        assert_eq!(s.best_entity("Monaco", Some("PERSON")).unwrap().name, "Mario Monaco");
        assert_eq!(s.best_entity("Belta", None).unwrap().id, s.best_entity("NATO", None).unwrap().id);
        assert!(s.find_entities("Bill Clinton", None).unwrap().is_empty());
        assert_eq!(s.best_entity("Poland", None).unwrap().kind, "ORG");
    };
    check(&s);
    // New documents (a new version) link according to the decisions.
    ingest(&mut s, "update.jsonl");
    check(&s);
    s.relink().unwrap();
    check(&s);
    // Into a fresh store, with the log carried over.
    let log = s.curation_log().unwrap();
    assert_eq!(log.len(), 4);
    let mut fresh = corpus();
    assert_eq!(fresh.import_curation(&log).unwrap(), 4);
    check(&fresh);
}

#[test]
fn split_separates_a_name() {
    let mut s = corpus();
    let wagner = s.entity_id("Wagner Group", None).unwrap();
    s.split(wagner, "Wagner").unwrap();
    let a = s.best_entity("Wagner", None).unwrap();
    let b = s.best_entity("Wagner Group", None).unwrap();
    assert_ne!(a.id, b.id);
    s.relink().unwrap();
    assert_ne!(s.best_entity("Wagner", None).unwrap().id, s.best_entity("Wagner Group", None).unwrap().id);
}

#[test]
fn syndicated_copy_is_a_near_duplicate_and_counts_once() {
    let s = corpus();
    let c = s.counts().unwrap();
    assert_eq!(c.documents, 6);
    assert_eq!(c.clusters, 5, "the copy with a trailer joins its original");
    // The copy's quotes are not counted twice.
    let luka = s.best_entity("Lukashenko", None).unwrap();
    let q = s.quotes(&QuoteFilter { speaker: Some(luka.id), limit: 100, ..Default::default() }).unwrap();
    assert_eq!(q.len(), 3);
    let with_copies = s.quotes(&QuoteFilter { speaker: Some(luka.id), copies: true, limit: 100, ..Default::default() }).unwrap();
    assert_eq!(with_copies.len(), 6);
    // The Putin article of the next day is the same story as the Wagner one.
    assert!(c.stories < c.clusters, "{c:?}");
}

#[test]
fn profile_lists_quotes_roles_and_dated_events() {
    let s = corpus();
    let id = s.best_entity("Lukashenko", None).unwrap().id;
    let p = s.profile(id, 50).unwrap();
    assert_eq!(p.entity.name, "Aleksandr Lukashenko");
    assert!(p.names.iter().any(|n| n.value == "Lukashenko"));
    assert!(p.descriptions.iter().any(|d| d.value == "Belarusian President"));
    assert!(p.relations.iter().any(|r| r.role == "president" && r.object == "Belarus"), "{:?}", p.relations);
    assert!(p.quotes.iter().any(|q| q.content == "Unfortunately, they are not here," && q.kind == "direct"));
    assert_eq!(p.first_seen.as_deref(), Some("2023-06-30"));
    assert_eq!(p.last_seen.as_deref(), Some("2023-07-01"));
    assert!(p.events.iter().any(|e| e.action == "thanked" && e.date.as_deref() == Some("2023-07-01")), "{:?}", p.events);
    assert!(p.events.iter().any(|e| e.action == "asked" && e.date.as_deref() == Some("2023-06-30")));
    // Claims about him by others: Belta's report does not mention him; Putin's thanks do not
    // either, so claims come only from content naming him.
    assert!(p.claims_about.iter().all(|q| q.speaker_id != Some(id)));
    assert_eq!(p.documents.len(), 2, "copies folded");
    assert_eq!(p.documents.iter().map(|d| d.copies).sum::<i64>(), 1);
}

#[test]
fn quote_filters() {
    let s = corpus();
    let all = |f: QuoteFilter| s.quotes(&QuoteFilter { limit: 100, ..f }).unwrap();
    assert_eq!(all(QuoteFilter { kind: Some("direct".into()), ..Default::default() }).len(), 2);
    assert_eq!(all(QuoteFilter { cue: Some("ADDED".into()), ..Default::default() }).len(), 1);
    assert_eq!(all(QuoteFilter { outlet: Some("AP".into()), ..Default::default() }).len(), 1);
    assert_eq!(all(QuoteFilter { from: Some("2023-07-01".into()), to: Some("2023-07-10".into()), ..Default::default() }).len(), 2);
    let t = all(QuoteFilter { text: Some("mutiny failed".into()), ..Default::default() });
    assert_eq!(t.len(), 1);
    assert_eq!(t[0].speaker.as_deref(), Some("Vladimir Putin"));
    assert_eq!(all(QuoteFilter { speaker_text: Some("officials".into()), ..Default::default() }).len(), 1);
}

#[test]
fn search_timeline_graph_sources() {
    let s = corpus();
    let hits = s.search("mercenaries OR fighters", 10).unwrap();
    assert!(hits.iter().all(|h| h.snippet.contains('[')), "{hits:?}");
    let hits = s.search("Minsk", 10).unwrap();
    assert_eq!(hits.len(), 1, "copy folded: {hits:?}");
    assert_eq!(hits[0].doc.copies, 1);
    assert!(hits[0].snippet.contains("[Minsk]"));

    let tl = s.timeline_text("Prigozhin", 10).unwrap();
    let dates: Vec<_> = tl.iter().map(|e| e.date.clone().unwrap()).collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);
    assert!(dates.contains(&"2023-06-27".to_string()));

    let pr = s.best_entity("Prigozhin", None).unwrap().id;
    let g = s.graph(pr, 20).unwrap();
    assert_eq!(g.nodes[0].id, pr);
    let wagner = s.best_entity("Wagner", None).unwrap().id;
    assert!(g.edges.iter().any(|e| e.kind == "founder" && e.target == wagner));
    assert!(g.edges.iter().any(|e| e.kind == "co-occurrence" && e.target == wagner && e.weight >= 1));

    let src = s.sources(None, 50).unwrap();
    let ex = src.iter().find(|r| r.outlet.as_deref() == Some("Example News") && r.source == "Aleksandr Lukashenko" && r.cue.as_deref() == Some("said")).unwrap();
    assert_eq!(ex.count, 2);
    assert!(src.iter().all(|r| r.outlet.as_deref() != Some("Mirror Daily")), "copies are not sources");
}

#[test]
fn exports_write_names_not_ids() {
    let s = corpus();
    let dir = tempfile::tempdir().unwrap();
    let csv = s.export(Format::Csv, &dir.path().join("csv")).unwrap();
    assert_eq!(csv.files.len(), 6);
    let attr = std::fs::read_to_string(dir.path().join("csv/attributions.csv")).unwrap();
    assert!(attr.starts_with("document,published,outlet,speaker,kind,cue,content"));
    assert!(attr.contains("Aleksandr Lukashenko,direct,said,\"Unfortunately, they are not here,\""), "{attr}");
    let rel = std::fs::read_to_string(dir.path().join("csv/relations.csv")).unwrap();
    assert!(rel.contains("Aleksandr Lukashenko,President of,president,Belarus"));

    let p = dir.path().join("a.jsonl");
    assert_eq!(s.export(Format::Jsonl, &p).unwrap().records, 6);
    let first: newsgraph_core::Analysis = serde_json::from_str(std::fs::read_to_string(&p).unwrap().lines().next().unwrap()).unwrap();
    assert!(first.document.text.starts_with("Aleksandr Lukashenko said"));
    assert!(first.entities[0].extra.contains_key("corpus_entity"));

    let p = dir.path().join("g.graphml");
    s.export(Format::Graphml, &p).unwrap();
    let x = std::fs::read_to_string(&p).unwrap();
    assert!(x.contains("<data key=\"label\">Aleksandr Lukashenko</data>") && x.contains("<edge "));
    let p = dir.path().join("g.gexf");
    s.export(Format::Gexf, &p).unwrap();
    let x = std::fs::read_to_string(&p).unwrap();
    assert!(x.contains("label=\"Yevgeny Prigozhin\"") && x.contains("label=\"founder\""));

    let p = dir.path().join("ftm.jsonl");
    s.export(Format::Ftm, &p).unwrap();
    let lines: Vec<serde_json::Value> = std::fs::read_to_string(&p).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let schemas: std::collections::BTreeSet<&str> = lines.iter().map(|v| v["schema"].as_str().unwrap()).collect();
    for want in ["Person", "Organization", "Article", "Mention", "Membership"] {
        assert!(schemas.contains(want), "{want} missing from {schemas:?}");
    }
    let m = lines.iter().find(|v| v["schema"] == "Membership").unwrap();
    assert_eq!(m["properties"]["role"][0], "founder");
}

#[test]
fn store_file_reopens_with_data() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("c.db");
    {
        let mut s = Store::open(&p).unwrap();
        ingest(&mut s, "corpus.jsonl");
    }
    let s = Store::open_read_only(&p).unwrap();
    assert_eq!(s.counts().unwrap().documents, 6);
}
