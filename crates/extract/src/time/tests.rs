//! Table-driven tests over `tests/fixtures/time/expressions.tsv` (one row per expression:
//! publication date, sentence, expected expression text, type and value), plus the seed
//! article's times.

use super::*;
use newsgraph_core::Meta;

const TABLE: &str = include_str!("../../tests/fixtures/time/expressions.tsv");

fn tag(published: Option<&str>, text: &str) -> Doc {
    let meta = Meta {
        published: published.map(str::to_string),
        ..Meta::default()
    };
    let mut doc = Doc::new(meta, text.to_string());
    TimeTagger::new().process(&mut doc);
    doc
}

#[test]
fn expression_table() {
    let mut rows = 0;
    let mut failures = Vec::new();
    for (n, line) in TABLE.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(
            f.len(),
            5,
            "line {}: expected 5 tab-separated fields",
            n + 1
        );
        rows += 1;
        let published = (f[0] != "-").then_some(f[0]);
        let doc = tag(published, f[1]);
        let found: Vec<(&str, &str, &str)> = doc
            .times
            .iter()
            .map(|t| (t.span.text(&doc.text), t.kind.as_str(), t.value.as_str()))
            .collect();
        if f[3] == "NONE" {
            // A negative row: nothing may be tagged over these words.
            if found
                .iter()
                .any(|(text, _, _)| text.contains(f[2]) || f[2].contains(text))
            {
                failures.push(format!(
                    "line {}: {:?} must not be tagged, got {:?}",
                    n + 1,
                    f[2],
                    found
                ));
            }
            continue;
        }
        match found.iter().find(|(text, _, _)| *text == f[2]) {
            Some(&(_, kind, value)) if kind == f[3] && value == f[4] => {
                let t = doc
                    .times
                    .iter()
                    .find(|t| t.span.text(&doc.text) == f[2])
                    .unwrap();
                let relative = published.is_none()
                    && value.starts_with('X')
                    && !matches!(kind, "SET" | "DURATION");
                if t.underspecified != relative {
                    failures.push(format!(
                        "line {}: {:?} underspecified={}",
                        n + 1,
                        f[2],
                        t.underspecified
                    ));
                }
            }
            _ => failures.push(format!(
                "line {}: {:?} want {} {} got {:?}",
                n + 1,
                f[2],
                f[3],
                f[4],
                found
            )),
        }
    }
    assert!(
        rows >= 200,
        "the table must keep at least 200 rows, has {rows}"
    );
    assert!(
        failures.is_empty(),
        "{} of {rows} rows failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn seed_article_times() {
    let text = include_str!("../../../../examples/wagner-belarus.txt");
    let doc = tag(Some("2023-06-30"), text);
    let want = [
        ("Friday", "DATE", "2023-06-30"),
        ("last Saturday", "DATE", "2023-06-24"),
        ("Monday", "DATE", "2023-06-26"),
        ("Tuesday", "DATE", "2023-06-27"),
        ("Earlier this week", "DATE", "2023-W26"),
        ("a week", "DURATION", "P1W"),
        ("Tuesday morning", "TIME", "2023-06-27TMO"),
        ("a long time", "DURATION", "PXX"),
    ];
    for (text, kind, value) in want {
        let occ: Vec<_> = doc
            .times
            .iter()
            .filter(|t| t.span.text(&doc.text) == text)
            .collect();
        assert!(!occ.is_empty(), "{text} not found");
        for t in occ {
            assert_eq!((t.kind.as_str(), t.value.as_str()), (kind, value), "{text}");
        }
    }
}

#[test]
fn never_reads_the_clock() {
    let a = tag(None, "He left yesterday.");
    let b = tag(None, "He left yesterday.");
    assert_eq!(a.times, b.times);
    assert!(a.times[0].underspecified);
}

#[test]
fn uses_pos_tags_for_tense_when_present() {
    use newsgraph_core::{
        tagsets::{id_of, XPOS},
        Sentence, Span, TokenTags,
    };
    // Dec. 29 is 183 days before and 182 days after the publication date: the past tense
    // picks the past one, no tense the nearest.
    let text = "Ministers met on Dec. 29.";
    let mut doc = Doc::new(
        Meta {
            published: Some("2023-06-30".into()),
            ..Meta::default()
        },
        text.into(),
    );
    doc.tokens = vec![
        Span::new(0, 9),
        Span::new(10, 13),
        Span::new(14, 16),
        Span::new(17, 21),
        Span::new(22, 24),
        Span::new(24, 25),
    ];
    doc.sentences = vec![Sentence {
        first: 0,
        end: 6,
        paragraph_start: true,
    }];
    let tags = ["NNS", "VBD", "IN", "NNP", "CD", "."];
    doc.tags = tags
        .iter()
        .map(|t| TokenTags {
            xpos: id_of(&XPOS, t).unwrap(),
            ..TokenTags::default()
        })
        .collect();
    TimeTagger::new().process(&mut doc);
    assert_eq!(doc.times[0].value, "2022-12-29");
    // The tagger's reading wins over the word list: "met" tagged as a base-form verb.
    doc.tags[1].xpos = id_of(&XPOS, "VB").unwrap();
    TimeTagger::new().process(&mut doc);
    assert_eq!(doc.times[0].value, "2023-12-29");
    // Without tags, the word list knows "met".
    doc.tags.clear();
    TimeTagger::new().process(&mut doc);
    assert_eq!(doc.times[0].value, "2022-12-29");
}
