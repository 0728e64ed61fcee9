//! End-to-end attribution on small invented articles (tests/fixtures/attribution): each
//! `NAME.txt` is segmented, given the entities listed in `NAME.tsv` (standing in for NER),
//! run through the attributor, and compared with the expected rows of `NAME.tsv`: every
//! expected attribution must be found with its kind, source and cue, and every attribution
//! found must be one of the expected ones (so a spurious one fails the test).

use std::path::Path;

use newsgraph_core::{tagsets, Doc, Entity, Meta, Span, Stage};
use newsgraph_extract::attribution::Attributor;
use newsgraph_text::Segmenter;

struct Expected {
    kind: String,
    source: String,
    cue: String,
    content: String,
}

fn load(name: &str) -> (Doc, Vec<Expected>) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/attribution");
    let text = std::fs::read_to_string(dir.join(format!("{name}.txt"))).unwrap();
    let tsv = std::fs::read_to_string(dir.join(format!("{name}.tsv"))).unwrap();
    let mut doc = Doc::new(Meta::default(), text.clone());
    Segmenter.process(&mut doc);
    let mut expected = Vec::new();
    for line in tsv.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
        let f: Vec<&str> = line.split('\t').collect();
        if f[0] == "entity" {
            let label = tagsets::id_of(&tagsets::ENTITY_TYPES, f[1]).unwrap();
            let mut mentions = Vec::new();
            let mut from = 0;
            while let Some(p) = text[from..].find(f[2]) {
                let (a, b) = (from + p, from + p + f[2].len());
                let starts = doc.tokens.iter().any(|t| t.start as usize == a);
                let ends = doc.tokens.iter().any(|t| t.end as usize == b);
                // Shorter names inside longer ones are mentions of the longer entity only.
                let inside = doc.entities.iter().any(|e| e.mentions.iter().any(|m| m.start as usize <= a && b <= m.end as usize));
                if starts && ends && !inside {
                    mentions.push(Span::new(a, b));
                }
                from = b;
            }
            doc.entities.push(Entity { label, name: f[2].into(), aliases: vec![], descriptions: vec![], mentions, extra: Default::default() });
        } else {
            expected.push(Expected { kind: f[0].into(), source: f[1].into(), cue: f[2].into(), content: f[3].into() });
        }
    }
    (doc, expected)
}

fn check(name: &str) {
    let (mut doc, expected) = load(name);
    Attributor::new().process(&mut doc);
    let show = |a: &newsgraph_core::Attribution| {
        format!(
            "{} | {} | {} | {}",
            a.kind,
            a.source.map_or_else(|| a.source_span.map_or(String::new(), |s| s.text(&doc.text).to_string()), |e| doc.entities[e as usize].name.clone()),
            a.cue_span.map_or("-".to_string(), |s| s.text(&doc.text).to_string()),
            a.content.text(&doc.text)
        )
    };
    let all: Vec<String> = doc.attributions.iter().map(show).collect();
    for x in &expected {
        let hit = doc.attributions.iter().any(|a| {
            let source = a.source.map(|e| doc.entities[e as usize].name.as_str()).or(a.source_span.map(|s| s.text(&doc.text))).unwrap_or("");
            let cue = a.cue_span.map_or("-", |s| s.text(&doc.text));
            a.content.text(&doc.text).contains(&x.content) && a.kind == x.kind && source == x.source && cue.ends_with(&x.cue)
        });
        assert!(hit, "{name}: expected {} | {} | {} | {}\nfound:\n{}", x.kind, x.source, x.cue, x.content, all.join("\n"));
    }
    for (a, line) in doc.attributions.iter().zip(&all) {
        let known = expected.iter().any(|x| a.content.text(&doc.text).contains(&x.content));
        assert!(known, "{name}: unexpected attribution {line}");
    }
}

#[test]
fn harbor_article() {
    check("harbor");
}

#[test]
fn vaccine_article() {
    check("vaccine");
}
