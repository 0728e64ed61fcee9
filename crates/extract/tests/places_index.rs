//! The bundled `models/places.bin`: it loads, and resolves well-known names the way a news
//! reader would, including the containing-area and context rules.

use std::path::PathBuf;
use std::time::Instant;

use newsgraph_core::{Doc, Entity, Meta, Span, Stage};
use newsgraph_extract::places::Places;

fn models() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models"))
}

/// Geocode `names` (GPE entities found by position in `text`) and return their extras.
fn resolve(places: &Places, text: &str, names: &[&str]) -> Vec<serde_json::Map<String, serde_json::Value>> {
    let mut doc = Doc::new(Meta::default(), text.to_string());
    for n in names {
        let start = text.find(n).expect("name in text");
        doc.entities.push(Entity {
            label: 2,
            name: n.to_string(),
            aliases: vec![],
            descriptions: vec![],
            mentions: vec![Span::new(start, start + n.len())],
            extra: Default::default(),
        });
    }
    places.process(&mut doc);
    doc.entities.into_iter().map(|e| e.extra).collect()
}

#[test]
fn bundled_index_loads_and_resolves() {
    let t = Instant::now();
    let places = Places::load(&models()).expect("models/places.bin loads");
    eprintln!("places.bin: {} places, {} keys, loaded in {:?}", places.index().len(), places.index().key_count(), t.elapsed());
    assert!(places.index().len() > 30_000);

    let r = resolve(&places, "Minsk and Rostov-on-Don", &["Minsk", "Rostov-on-Don"]);
    assert_eq!(r[0]["geonames_id"], 625144);
    assert_eq!(r[1]["country_code"], "RU");

    let r = resolve(&places, "A storm hit Paris, Texas, and Belarus.", &["Paris", "Belarus"]);
    assert_eq!(r[0]["geonames_id"], 4717560);
    assert_eq!(r[1]["precision"], "country");
    assert_eq!(r[1]["geonames_id"], 630336);

    let r = resolve(&places, "Voters in Georgia lined up in Atlanta.", &["Georgia", "Atlanta"]);
    assert_eq!(r[0]["feature"], "admin1");
    assert_eq!(r[0]["admin1"], "GA");

    let r = resolve(&places, "Wakanda", &["Wakanda"]);
    assert!(r[0].is_empty());
}
