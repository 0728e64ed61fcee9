//! `newsgraph eval places --cases FILE`: accuracy of the place resolver on hand-checked
//! cases (`tests/fixtures/places/cases.tsv`).
//!
//! Each case is a short news context whose place names are in brackets, the name to check
//! and the expected GeoNames id (or `cc:XX` when only the country is checked, or `none` when
//! the name must stay unresolved). By default the bracketed names are the entities (one per
//! distinct name, type GPE, `[Name|NORP]` for another type), which scores the resolver
//! alone. `--pipeline` instead runs the full analysis (tagger, NER, grouping) on the plain
//! text and looks for the entity with that name, which also counts NER misses.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context, Result};
use newsgraph_core::{tagsets, Doc, Entity, Meta, Span, Stage};
use newsgraph_extract::places::Places;
use newsgraph_pipeline::{Analyzer, Options};

/// Flags of `newsgraph eval places`.
#[derive(clap::Args)]
pub struct Args {
    /// The cases (TSV: id, group, expected, target, dateline, text).
    #[arg(long, required_unless_present = "show")]
    cases: Option<PathBuf>,
    /// Instead of scoring, analyse this plain-text file (full pipeline) and print how each
    /// place entity was resolved.
    #[arg(long)]
    show: Option<PathBuf>,
    /// Models directory holding places.bin (default: $NEWSGRAPH_MODELS or models/).
    #[arg(long, env = "NEWSGRAPH_MODELS")]
    models: Option<PathBuf>,
    /// Find the entities with the full pipeline (tagger, NER) instead of the brackets.
    #[arg(long)]
    pipeline: bool,
    /// Print every wrong case.
    #[arg(long)]
    errors: bool,
    /// Exit with an error when accuracy is below this (quality gate).
    #[arg(long)]
    min_accuracy: Option<f64>,
}

/// One case.
struct Case {
    line: usize,
    id: String,
    group: String,
    expected: String,
    target: String,
    dateline: Option<String>,
    text: String,
}

fn read_cases(path: &Path) -> Result<Vec<Case>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut cases = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() != 6 {
            bail!("{}:{}: expected 6 tab-separated fields (id, group, expected, target, dateline, text), found {}", path.display(), i + 1, f.len());
        }
        cases.push(Case {
            line: i + 1,
            id: f[0].to_string(),
            group: f[1].to_string(),
            expected: f[2].to_string(),
            target: f[3].to_string(),
            dateline: (f[4] != "-" && !f[4].is_empty()).then(|| f[4].to_string()),
            text: f[5].to_string(),
        });
    }
    Ok(cases)
}

/// The plain text and the bracketed entities of a case.
fn parse_marked(case: &Case, path: &Path) -> Result<(String, Vec<Entity>)> {
    let mut text = String::new();
    let mut entities: Vec<Entity> = Vec::new();
    let mut rest = case.text.as_str();
    while let Some(open) = rest.find('[') {
        text.push_str(&rest[..open]);
        let Some(close) = rest[open..].find(']').map(|c| c + open) else {
            bail!("{}:{}: unclosed [", path.display(), case.line);
        };
        let inner = &rest[open + 1..close];
        let (name, label) = match inner.split_once('|') {
            Some((n, l)) => match tagsets::id_of(&tagsets::ENTITY_TYPES, l) {
                Some(id) => (n, id),
                None => bail!("{}:{}: unknown entity type {l}", path.display(), case.line),
            },
            None => (inner, 2),
        };
        let start = text.len();
        text.push_str(name);
        let span = Span::new(start, text.len());
        match entities.iter_mut().find(|e| e.name == name && e.label == label) {
            Some(e) => e.mentions.push(span),
            None => entities.push(Entity { label, name: name.to_string(), aliases: vec![], descriptions: vec![], mentions: vec![span], extra: Default::default() }),
        }
        rest = &rest[close + 1..];
    }
    text.push_str(rest);
    Ok((text, entities))
}

/// What the resolver said for the target: its `extra` (empty when unresolved), or `None`
/// when no entity has that name.
fn outcome(doc: &Doc, target: &str) -> Option<serde_json::Map<String, serde_json::Value>> {
    let ent = doc.entities.iter().find(|e| e.name == target || e.aliases.iter().any(|a| a == target)).or_else(|| {
        doc.entities.iter().find(|e| e.mentions.iter().any(|m| same_name(m.text(&doc.text), target)))
    })?;
    Some(ent.extra.clone())
}

/// NER's span and the case's may differ by a leading article ("Netherlands" / "the
/// Netherlands"), a containing area ("Cambridge, Massachusetts") or a lowercase word after
/// the name ("Washington" in "Washington state").
fn same_name(found: &str, target: &str) -> bool {
    let strip = |s: &'_ str| -> String { s.strip_prefix("the ").or_else(|| s.strip_prefix("The ")).unwrap_or(s).to_string() };
    let (f, t) = (strip(found), strip(target));
    f == t
        || f.strip_prefix(t.as_str()).is_some_and(|rest| rest.starts_with(','))
        || t.strip_prefix(f.as_str()).is_some_and(|rest| rest.starts_with(' ') && rest[1..].starts_with(|c: char| c.is_lowercase()))
}

/// Whether `got` is what `expected` asks: a GeoNames id, `cc:XX` (country code only),
/// `admin:CC:CODE` (a first-level area, for the hand-listed ones without an id), `none`.
fn correct(expected: &str, got: &Option<serde_json::Map<String, serde_json::Value>>) -> bool {
    let Some(extra) = got else { return expected == "none" };
    let field = |k: &str| extra.get(k).map(|v| v.as_str().map(str::to_string).unwrap_or_else(|| v.to_string())).unwrap_or_default();
    if expected == "none" {
        return extra.is_empty();
    }
    if let Some(cc) = expected.strip_prefix("cc:") {
        return field("country_code") == cc;
    }
    if let Some(rest) = expected.strip_prefix("admin:") {
        let (cc, code) = rest.split_once(':').unwrap_or((rest, ""));
        return field("country_code") == cc && field("admin1") == code && field("feature") == "admin1";
    }
    field("geonames_id") == expected
}

fn shown(got: &Option<serde_json::Map<String, serde_json::Value>>) -> String {
    match got {
        None => "entity not found".into(),
        Some(e) if e.is_empty() => "unresolved".into(),
        Some(e) => format!(
            "{} {} ({} {} {})",
            e.get("geonames_id").map(|v| v.to_string()).unwrap_or_else(|| "-".into()),
            e.get("geonames_name").and_then(|v| v.as_str()).unwrap_or(""),
            e.get("country_code").and_then(|v| v.as_str()).unwrap_or(""),
            e.get("admin1").and_then(|v| v.as_str()).unwrap_or(""),
            e.get("feature").and_then(|v| v.as_str()).unwrap_or(""),
        ),
    }
}

/// `--show FILE`: one line per place entity of the analysed file.
fn show(file: &Path, dir: &Path, places: &Places) -> Result<()> {
    let text = std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
    let analyzer = Analyzer::new(&Options { models: Some(dir.to_path_buf()), ..Options::default() })?;
    let mut doc = Doc::new(Meta::default(), text);
    analyzer.run(&mut doc);
    places.process(&mut doc);
    for e in &doc.entities {
        let kind = tagsets::ENTITY_TYPES.get(e.label as usize).copied().unwrap_or("?");
        if matches!(kind, "GPE" | "LOC" | "FAC") {
            println!("{kind:<4} {:<28} {}", e.name, shown(&Some(e.extra.clone())));
        }
    }
    Ok(())
}

pub fn run(a: Args) -> Result<()> {
    let dir = crate::models_dir(a.models.clone());
    let t0 = Instant::now();
    let places = Places::load(&dir).with_context(|| format!("loading {}", dir.join(newsgraph_extract::places::PLACES_FILE).display()))?;
    let load_ms = t0.elapsed().as_secs_f64() * 1e3;
    if let Some(file) = &a.show {
        return show(file, &dir, &places);
    }
    let Some(cases_path) = &a.cases else { bail!("give --cases FILE or --show FILE") };
    let cases = read_cases(cases_path)?;
    let analyzer = if a.pipeline { Some(Analyzer::new(&Options { models: Some(dir.clone()), ..Options::default() })?) } else { None };

    let mut groups: std::collections::BTreeMap<String, (usize, usize)> = Default::default();
    let (mut right, mut total) = (0usize, 0usize);
    let mut resolve_time = 0.0f64;
    for case in &cases {
        let (text, entities) = parse_marked(case, cases_path)?;
        let meta = Meta { dateline_place: case.dateline.clone(), ..Meta::default() };
        let mut doc = Doc::new(meta, text);
        match &analyzer {
            Some(an) => an.run(&mut doc),
            None => doc.entities = entities,
        }
        let t = Instant::now();
        places.process(&mut doc);
        resolve_time += t.elapsed().as_secs_f64();
        let got = outcome(&doc, &case.target);
        let ok = correct(&case.expected, &got);
        total += 1;
        right += ok as usize;
        let g = groups.entry(case.group.clone()).or_default();
        g.0 += ok as usize;
        g.1 += 1;
        if !ok && a.errors {
            println!("WRONG {} [{}] {}: expected {}, got {}", case.id, case.group, case.target, case.expected, shown(&got));
        }
    }
    let acc = right as f64 / total.max(1) as f64;
    println!("places ({}): {right}/{total} correct, accuracy {acc:.3}", if a.pipeline { "pipeline NER" } else { "gold mentions" });
    for (g, (r, n)) in &groups {
        println!("  {g:<12} {r:>3}/{n:<3} {:.3}", *r as f64 / (*n).max(1) as f64);
    }
    println!(
        "index: {} places, {} keys; load {load_ms:.1} ms; resolve {:.1} µs per case",
        places.index().len(),
        places.index().key_count(),
        resolve_time * 1e6 / total.max(1) as f64
    );
    if let Some(min) = a.min_accuracy {
        if acc < min {
            bail!("places accuracy {acc:.3} is below the gate {min}");
        }
    }
    Ok(())
}
