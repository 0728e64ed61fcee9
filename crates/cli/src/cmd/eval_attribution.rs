//! `newsgraph eval attribution --polnear DIR`: scores the attributor on PolNeAR dev.
//!
//! Each article is segmented, tagged and NER'd with the project's models (when present),
//! entities are grouped, and the attributor runs; its attributions are compared with the
//! gold `.ann` (for articles with several annotators, the first file in name order). Gold
//! and predicted attributions are paired one to one per article, largest content overlap
//! first; spans overlap when they share a letter or digit. Reported:
//! - content: exact (after trimming punctuation, quote marks and spaces), overlap (any
//!   shared word character), and proportional (share of word characters covered);
//! - source and cue: overlap within a matched pair (P over predictions that have one, R over
//!   gold that has one); triples: content, source and cue all overlapping; for scale, the
//!   source overlap over matched pairs only (P over matched predictions with a source, R
//!   over matched gold with one: how right the sources are where the content was found);
//! - direct quotes (gold content that is wholly inside quotation marks): recall, and speaker
//!   accuracy on the found ones (sources overlapping, or both absent).
//!
//! Predicted records that share one cue span are merged into one attribution with a
//! discontinuous content before pairing: a quote split by its attribution ("“A,” he said,
//! “B”") and a quote that goes on with no cue of its own are one attribution relation, as
//! PolNeAR (univocal: a cue token belongs to one attribution) annotates them. The table also
//! prints content and source overlap with every record on its own ("unmerged"), the
//! stricter reading, which the figures before this merge used.
//!
//! Nested attributions are dropped for the comparison, since PolNeAR annotates only the
//! outer one (`--keep-nested` to score them too). `--dump FILE` writes every article's gold
//! and predicted attributions, their pairing, tokens, parse and the tagger's labels as JSONL
//! for error analysis.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context, Result};
use newsgraph_core::{CharIndex, Doc, Meta, Pipeline, Stage};
use newsgraph_extract::attribution::{model, polnear, Attributor};
use newsgraph_extract::resolve::Resolver;
use newsgraph_nlp::parser::ParseStage;
use newsgraph_text::Segmenter;
use rayon::prelude::*;

/// Flags of `newsgraph eval attribution`.
#[derive(clap::Args)]
pub struct Args {
    /// PolNeAR root (with `dev/`) or a split folder (with `text/` and `attributions/`).
    #[arg(long)]
    polnear: PathBuf,
    /// Split to score when `--polnear` is the root.
    #[arg(long, default_value = "dev")]
    split: String,
    /// Models directory for the tagger and NER (default: $NEWSGRAPH_MODELS or models/).
    #[arg(long)]
    models: Option<PathBuf>,
    /// Run without tagger and NER (sources stay text).
    #[arg(long)]
    no_models: bool,
    /// Parser file instead of MODELS/parser.bin; repeat it to let several parsers vote
    /// (as `analyze --parser`).
    #[arg(long, value_name = "FILE", conflicts_with = "no_models")]
    parser: Vec<PathBuf>,
    /// Ignore the learned tagger (`attribution.bin`): score the rules alone.
    #[arg(long)]
    rules_only: bool,
    /// Keep attributions nested in another's content.
    #[arg(long)]
    keep_nested: bool,
    /// Print up to N missed and N spurious contents.
    #[arg(long, default_value_t = 0)]
    errors: usize,
    /// Write every article's gold and predicted attributions, their pairing, sentences and
    /// tokens (character offsets) to this JSONL file, one article a line, for error analysis.
    #[arg(long)]
    dump: Option<PathBuf>,
    /// Instead of scoring, print the analysis JSON of this plain-text file as the evaluation
    /// pipeline (segment, tag, NER, entities, attribution) sees it.
    #[arg(long)]
    analyze: Option<PathBuf>,
    /// Exit with an error when content overlap F1 is below this.
    #[arg(long)]
    min_content_f1: Option<f64>,
    /// Exit with an error when source overlap F1 is below this.
    #[arg(long)]
    min_source_f1: Option<f64>,
}

/// A span made of character ranges (discontinuous in the gold).
type Ranges = polnear::Ranges;

#[derive(Default, Clone)]
struct Att {
    source: Ranges,
    cue: Ranges,
    content: Ranges,
    kind: String,
}

struct Article {
    name: String,
    text: String,
    gold: Vec<Att>,
}

fn read_split(dir: &Path) -> Result<Vec<Article>> {
    let arts = polnear::read_split(dir)?;
    Ok(arts
        .into_iter()
        .map(|a| Article {
            name: a.name,
            text: a.text,
            gold: a.gold.into_iter().map(|g| Att { source: g.source, cue: g.cue, content: g.content, kind: String::new() }).collect(),
        })
        .collect())
}

/// Word characters (letters, digits) covered by `r`, as a sorted list of char indices.
fn word_chars(text: &[char], r: &Ranges) -> Vec<usize> {
    let mut v: Vec<usize> = r.iter().flat_map(|&(a, b)| a..b.min(text.len())).filter(|&i| text[i].is_alphanumeric()).collect();
    v.sort_unstable();
    v.dedup();
    v
}

fn overlap(a: &[usize], b: &[usize]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

const QUOTES: &str = "\"'“”‘’«»„";

fn trimmed(text: &[char], r: &Ranges) -> String {
    let s: Vec<String> = r.iter().map(|&(a, b)| text[a.min(text.len())..b.min(text.len())].iter().collect()).collect();
    let s = s.join(" ");
    let s = s.trim_matches(|c: char| c.is_whitespace() || c.is_ascii_punctuation() || QUOTES.contains(c) || c == '—');
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Gold content wholly inside quotation marks.
fn is_direct(text: &[char], r: &Ranges) -> bool {
    let s: String = r.iter().map(|&(a, b)| text[a.min(text.len())..b.min(text.len())].iter().collect::<String>()).collect::<Vec<_>>().join(" ");
    let s = s.trim_matches(|c: char| c.is_whitespace() || ".,;:".contains(c));
    // Archives that write quotation marks as two apostrophes ('' … '').
    let s = s.replace("''", "\"").replace("``", "\"");
    let s = s.as_str();
    let (Some(f), Some(l)) = (s.chars().next(), s.chars().last()) else { return false };
    if !"\"“«".contains(f) || !"\"”»".contains(l) {
        return false;
    }
    // No closing mark followed by an opening one inside: one quotation, not two with text between.
    let inner: String = s.chars().skip(1).collect();
    !inner.trim_end_matches(|c: char| "\"”»".contains(c)).contains(['”', '»'])
}

#[derive(Default)]
struct Counts {
    pred: usize,
    gold: usize,
    content_exact_p: usize,
    content_exact_r: usize,
    content_overlap: usize,
    cover_pred: usize,
    cover_gold: usize,
    cover_hit: usize,
    pred_src: usize,
    gold_src: usize,
    src_hit: usize,
    /// Matched pairs whose prediction / gold has a source (the looser reading of "source
    /// overlap within a matched attribution").
    matched_pred_src: usize,
    matched_gold_src: usize,
    pred_cue: usize,
    gold_cue: usize,
    cue_hit: usize,
    triple: usize,
    direct: usize,
    direct_found: usize,
    direct_speaker: usize,
}

impl Counts {
    fn add(&mut self, o: &Counts) {
        macro_rules! sum { ($($f:ident),*) => { $( self.$f += o.$f; )* } }
        sum!(pred, gold, content_exact_p, content_exact_r, content_overlap, cover_pred, cover_gold, cover_hit, pred_src, gold_src, src_hit, matched_pred_src, matched_gold_src, pred_cue, gold_cue, cue_hit, triple, direct, direct_found, direct_speaker);
    }
}

fn prf(hit_p: usize, np: usize, hit_r: usize, ng: usize) -> (f64, f64, f64) {
    let p = if np == 0 { 0.0 } else { hit_p as f64 / np as f64 };
    let r = if ng == 0 { 0.0 } else { hit_r as f64 / ng as f64 };
    let f = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
    (p, r, f)
}

fn score(text: &[char], gold: &[Att], pred: &[Att], misses: &mut Vec<String>, spurious: &mut Vec<String>, pairing: &mut Vec<Option<usize>>) -> Counts {
    let mut c = Counts { pred: pred.len(), gold: gold.len(), ..Default::default() };
    let gw: Vec<_> = gold.iter().map(|g| word_chars(text, &g.content)).collect();
    let pw: Vec<_> = pred.iter().map(|p| word_chars(text, &p.content)).collect();
    // Exact (trimmed) matches, each side on its own.
    let gt: Vec<String> = gold.iter().map(|g| trimmed(text, &g.content)).collect();
    let pt: Vec<String> = pred.iter().map(|p| trimmed(text, &p.content)).collect();
    c.content_exact_p = pt.iter().filter(|p| gt.contains(p)).count();
    c.content_exact_r = gt.iter().filter(|g| pt.contains(g)).count();
    // One-to-one pairing, largest overlap first.
    let mut pairs: Vec<(usize, usize, usize)> = Vec::new();
    for (i, g) in gw.iter().enumerate() {
        for (j, p) in pw.iter().enumerate() {
            if g.first() > p.last() || p.first() > g.last() {
                continue;
            }
            let o = overlap(g, p);
            if o > 0 {
                pairs.push((o, i, j));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut gm = vec![None; gold.len()];
    let mut pm = vec![false; pred.len()];
    for (o, i, j) in pairs {
        if gm[i].is_none() && !pm[j] {
            gm[i] = Some((j, o));
            pm[j] = true;
        }
    }
    pairing.clear();
    pairing.extend(gm.iter().map(|m| m.map(|(j, _)| j)));
    c.cover_pred = pw.iter().map(Vec::len).sum();
    c.cover_gold = gw.iter().map(Vec::len).sum();
    c.pred_src = pred.iter().filter(|p| !p.source.is_empty()).count();
    c.gold_src = gold.iter().filter(|g| !g.source.is_empty()).count();
    c.pred_cue = pred.iter().filter(|p| !p.cue.is_empty()).count();
    c.gold_cue = gold.iter().filter(|g| !g.cue.is_empty()).count();
    let ov = |a: &Ranges, b: &Ranges| overlap(&word_chars(text, a), &word_chars(text, b)) > 0;
    for (i, g) in gold.iter().enumerate() {
        let direct = is_direct(text, &g.content);
        c.direct += usize::from(direct);
        let Some((j, o)) = gm[i] else {
            if misses.len() < 100_000 {
                misses.push(format!("{}[{} | {}] {}", if direct { "[direct] " } else { "" }, trimmed(text, &g.source), trimmed(text, &g.cue), trimmed(text, &g.content)));
            }
            continue;
        };
        let p = &pred[j];
        c.content_overlap += 1;
        c.cover_hit += o;
        let src_ok = !g.source.is_empty() && !p.source.is_empty() && ov(&g.source, &p.source);
        let cue_ok = !g.cue.is_empty() && !p.cue.is_empty() && ov(&g.cue, &p.cue);
        c.src_hit += usize::from(src_ok);
        c.matched_pred_src += usize::from(!p.source.is_empty());
        c.matched_gold_src += usize::from(!g.source.is_empty());
        if !src_ok && !g.source.is_empty() {
            spurious.push(format!("{}[source: gold {:?}, got {:?}; cue: gold {:?}, got {:?}] {}", if direct { "[direct] " } else { "" }, trimmed(text, &g.source), trimmed(text, &p.source), trimmed(text, &g.cue), trimmed(text, &p.cue), trimmed(text, &p.content)));
        }
        c.cue_hit += usize::from(cue_ok);
        let src_same = src_ok || (g.source.is_empty() && p.source.is_empty());
        c.triple += usize::from(src_same && cue_ok);
        if direct {
            c.direct_found += 1;
            c.direct_speaker += usize::from(src_same);
        }
    }
    for (j, p) in pred.iter().enumerate() {
        if !pm[j] {
            spurious.push(trimmed(text, &p.content));
        }
    }
    c
}

fn pipeline(a: &Args) -> Result<Pipeline> {
    build_pipeline(a.models.as_deref(), a.no_models, &a.parser)
}

/// The stages before attribution as the evaluation and the trainer run them: segment, tag,
/// parse (with `parsers`, voting when there are several, else `parser.bin` when it exists),
/// NER, entity grouping. `no_models` keeps only segmentation and grouping.
pub(crate) fn build_pipeline(models: Option<&Path>, no_models: bool, parsers: &[PathBuf]) -> Result<Pipeline> {
    let mut p = Pipeline::new();
    p.push(Segmenter);
    if !no_models {
        let dir = models.map(Path::to_path_buf).unwrap_or_else(newsgraph_nlp::default_models_dir);
        let models = newsgraph_nlp::Models::load(&dir).with_context(|| format!("loading models from {} (or pass --no-models)", dir.display()))?;
        p.push(models.tag_stage());
        if let Some(vote) = newsgraph_pipeline::load_parsers(&dir, parsers)? {
            p.push(ParseStage::vote(vote));
        }
        p.push(models.ner_stage());
    }
    // The same entity stage as `analyze`, so that pronoun and description speakers are
    // linked as users see them.
    p.push(Resolver);
    Ok(p)
}

/// The attributor as evaluated: with `attribution.bin` from the models directory unless
/// `rules_only` (or `no_models`).
fn attributor(a: &Args) -> Result<Attributor> {
    if a.no_models || a.rules_only {
        return Ok(Attributor::new());
    }
    let dir = a.models.clone().unwrap_or_else(newsgraph_nlp::default_models_dir);
    Attributor::load(&dir).with_context(|| format!("loading {}", dir.join(newsgraph_extract::attribution::ATTRIBUTION_FILE).display()))
}

pub fn run(a: Args) -> Result<()> {
    if let Some(file) = &a.analyze {
        let text = std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
        let mut doc = Doc::new(Meta::default(), text);
        pipeline(&a)?.run(&mut doc);
        attributor(&a)?.process(&mut doc);
        println!("{}", serde_json::to_string_pretty(&newsgraph_core::Analysis::from_doc(&doc))?);
        return Ok(());
    }
    let dir = if a.polnear.join("attributions").is_dir() { a.polnear.clone() } else { a.polnear.join(&a.split) };
    let articles = read_split(&dir)?;
    if articles.is_empty() {
        bail!("{}: no PolNeAR articles found (expected text/ and attributions/)", dir.display());
    }
    let pipe = pipeline(&a)?;
    let attributor = Attributor { drop_nested: !a.keep_nested, ..attributor(&a)? };
    let t0 = Instant::now();
    let results: Vec<(Counts, Counts, Vec<String>, Vec<String>, f64, f64, usize, String)> = articles
        .par_iter()
        .map(|art| {
            let mut doc = Doc::new(Meta { id: Some(art.name.clone()), ..Meta::default() }, art.text.clone());
            let t = Instant::now();
            pipe.run(&mut doc);
            let before = t.elapsed().as_secs_f64();
            let t = Instant::now();
            attributor.process(&mut doc);
            let attr = t.elapsed().as_secs_f64();
            let records = to_chars(&doc);
            let text: Vec<char> = art.text.chars().collect();
            let (mut m, mut s, mut pairing) = (Vec::new(), Vec::new(), Vec::new());
            let unmerged = score(&text, &art.gold, &records, &mut Vec::new(), &mut Vec::new(), &mut pairing);
            let pred = merge_shared_cues(records);
            let c = score(&text, &art.gold, &pred, &mut m, &mut s, &mut pairing);
            let dump = if a.dump.is_some() {
                let labels = attributor.model.as_ref().map(|m| m.tag(&doc)).unwrap_or_default();
                let gold = polnear_gold(&art.gold);
                dump_line(art, &doc, &pred, &pairing, &labels, &model::gold_labels(&doc, &gold))
            } else {
                String::new()
            };
            (c, unmerged, m, s, before, attr, doc.tokens.len(), dump)
        })
        .collect();
    let wall = t0.elapsed().as_secs_f64();
    let mut c = Counts::default();
    let mut raw = Counts::default();
    let (mut misses, mut spurious) = (Vec::new(), Vec::new());
    let (mut t_before, mut t_attr, mut tokens) = (0.0, 0.0, 0);
    let mut dump = String::new();
    for (k, u, m, s, b, at, n, d) in results {
        dump.push_str(&d);
        c.add(&k);
        raw.add(&u);
        misses.extend(m);
        spurious.extend(s);
        t_before += b;
        t_attr += at;
        tokens += n;
    }
    if let Some(path) = &a.dump {
        std::fs::write(path, dump).with_context(|| format!("writing {}", path.display()))?;
    }
    println!("PolNeAR {} ({}): {} articles, {} gold attributions, {} predicted", a.split, dir.display(), articles.len(), c.gold, c.pred);
    println!("{:<28} {:>6} {:>6} {:>6}", "", "P", "R", "F1");
    let row = |name: &str, (p, r, f): (f64, f64, f64)| println!("{name:<28} {p:>6.3} {r:>6.3} {f:>6.3}");
    row("content exact (trimmed)", prf(c.content_exact_p, c.pred, c.content_exact_r, c.gold));
    let content = prf(c.content_overlap, c.pred, c.content_overlap, c.gold);
    row("content overlap", content);
    row("content words (proportional)", prf(c.cover_hit, c.cover_pred, c.cover_hit, c.cover_gold));
    let source = prf(c.src_hit, c.pred_src, c.src_hit, c.gold_src);
    row("source overlap", source);
    row("cue overlap", prf(c.cue_hit, c.pred_cue, c.cue_hit, c.gold_cue));
    row("triple (all overlap)", prf(c.triple, c.pred, c.triple, c.gold));
    row("source, matched pairs only", prf(c.src_hit, c.matched_pred_src, c.src_hit, c.matched_gold_src));
    row("content overlap, unmerged", prf(raw.content_overlap, raw.pred, raw.content_overlap, raw.gold));
    row("source overlap, unmerged", prf(raw.src_hit, raw.pred_src, raw.src_hit, raw.gold_src));
    let dr = if c.direct == 0 { 0.0 } else { c.direct_found as f64 / c.direct as f64 };
    let ds = if c.direct_found == 0 { 0.0 } else { c.direct_speaker as f64 / c.direct_found as f64 };
    println!("direct quotes: {} gold, recall {dr:.3}, speaker accuracy {ds:.3}", c.direct);
    let udr = raw.direct_found as f64 / raw.direct.max(1) as f64;
    let uds = raw.direct_speaker as f64 / raw.direct_found.max(1) as f64;
    println!("direct quotes, unmerged: recall {udr:.3}, speaker accuracy {uds:.3}");
    println!(
        "speed: {tokens} tokens; attribution {:.1} ms total ({:.2}% of the {:.1} ms the earlier stages took); wall {wall:.1} s",
        t_attr * 1e3,
        100.0 * t_attr / t_before.max(1e-9),
        t_before * 1e3
    );
    if a.errors > 0 {
        println!("\nmissed (first {}):", a.errors);
        for m in misses.iter().take(a.errors) {
            println!("  - {}", m.chars().take(160).collect::<String>());
        }
        println!("\nspurious (first {}):", a.errors);
        for s in spurious.iter().take(a.errors) {
            println!("  + {}", s.chars().take(160).collect::<String>());
        }
    }
    if let Some(min) = a.min_content_f1 {
        if content.2 < min {
            bail!("content overlap F1 {:.3} is below the required {min}", content.2);
        }
    }
    if let Some(min) = a.min_source_f1 {
        if source.2 < min {
            bail!("source overlap F1 {:.3} is below the required {min}", source.2);
        }
    }
    Ok(())
}

/// One JSONL line for `--dump`: the article's text, gold and predicted attributions (char
/// ranges), the gold-to-prediction pairing, sentences and tokens with their UPOS and parse.
fn dump_line(art: &Article, doc: &Doc, pred: &[Att], pairing: &[Option<usize>], labels: &[u8], gold_labels: &[u8]) -> String {
    let idx = CharIndex::new(&doc.text);
    let ch = |b: u32| idx.char_offset(b);
    let att = |x: &Att| serde_json::json!({"source": x.source, "cue": x.cue, "content": x.content});
    let tokens: Vec<_> = doc
        .tokens
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let tag = doc.tags.get(i);
            let upos = tag.and_then(|t| newsgraph_core::tagsets::UPOS.get(t.upos as usize).copied()).unwrap_or("_");
            let rel = tag.and_then(|t| newsgraph_core::tagsets::DEPRELS.get(t.deprel as usize).copied()).unwrap_or("_");
            let head = tag.map_or(-1, |t| if t.head == u32::MAX { -1 } else { i64::from(t.head) });
            serde_json::json!([ch(t.start), ch(t.end), upos, head, rel])
        })
        .collect();
    let sentences: Vec<_> = doc.sentences.iter().map(|s| [s.first, s.end]).collect();
    let line = serde_json::json!({
        "name": art.name,
        "text": art.text,
        "gold": art.gold.iter().map(att).collect::<Vec<_>>(),
        "pred": pred.iter().map(|p| { let mut v = att(p); v["kind"] = p.kind.clone().into(); v }).collect::<Vec<_>>(),
        "pairing": pairing,
        "sentences": sentences,
        "tokens": tokens,
        "labels": labels,
        "gold_labels": gold_labels,
    });
    format!("{line}\n")
}

/// Gold attributions back in the reader's form (for the tagger's gold labels).
fn polnear_gold(gold: &[Att]) -> Vec<polnear::GoldAttribution> {
    gold.iter().map(|g| polnear::GoldAttribution { source: g.source.clone(), cue: g.cue.clone(), content: g.content.clone() }).collect()
}

/// The document's attributions as character ranges.
fn to_chars(doc: &Doc) -> Vec<Att> {
    let idx = CharIndex::new(&doc.text);
    let r = |s: newsgraph_core::Span| vec![(idx.char_offset(s.start) as usize, idx.char_offset(s.end) as usize)];
    doc.attributions
        .iter()
        .map(|a| Att { source: a.source_span.map(r).unwrap_or_default(), cue: a.cue_span.map(r).unwrap_or_default(), content: r(a.content), kind: a.kind.clone() })
        .collect()
}

/// Predicted records that share one cue span are one attribution relation (a quote split
/// by its attribution, a quote that continues the previous one's speech): PolNeAR, whose
/// annotation gives each token to at most one attribution, annotates them as one
/// attribution with a discontinuous content. Merged in text order; the first record's kind
/// and source stand for the group, other sources are added when they differ.
fn merge_shared_cues(pred: Vec<Att>) -> Vec<Att> {
    let mut out: Vec<Att> = Vec::with_capacity(pred.len());
    // The record each cue went to, so that merging stays linear in the predictions.
    let mut by_cue: std::collections::HashMap<Vec<(usize, usize)>, usize> = std::collections::HashMap::new();
    for p in pred {
        let seen = if p.cue.is_empty() { None } else { by_cue.get(&p.cue).copied() };
        match seen.map(|i| &mut out[i]) {
            Some(o) => {
                o.content.extend(&p.content);
                o.content.sort_unstable();
                for r in p.source {
                    if !o.source.contains(&r) {
                        o.source.push(r);
                    }
                }
            }
            None => {
                if !p.cue.is_empty() {
                    by_cue.insert(p.cue.clone(), out.len());
                }
                out.push(p);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn att(source: &[(usize, usize)], cue: &[(usize, usize)], content: &[(usize, usize)]) -> Att {
        Att { source: source.to_vec(), cue: cue.to_vec(), content: content.to_vec(), kind: "direct".into() }
    }

    #[test]
    fn records_sharing_a_cue_are_one_attribution() {
        // “Prices will rise,” Jones said. “Nothing can be done.”  (+ an unrelated record)
        let text: Vec<char> = "“Prices will rise,” Jones said. “Nothing can be done.” Smith left.".chars().collect();
        let first = att(&[(20, 25)], &[(26, 30)], &[(1, 18)]);
        let second = att(&[(20, 25)], &[(26, 30)], &[(33, 53)]);
        let other = att(&[], &[], &[(55, 65)]);
        let merged = merge_shared_cues(vec![first.clone(), second.clone(), other.clone()]);
        assert_eq!(merged.len(), 2);
        assert_eq!(merged[0].content, vec![(1, 18), (33, 53)]);
        assert_eq!(merged[0].source, vec![(20, 25)]);
        // PolNeAR's one discontinuous attribution: one hit and no false positive merged,
        // one spurious record unmerged.
        let gold = vec![att(&[(20, 25)], &[(26, 30)], &[(0, 19), (32, 54)])];
        let mut p = Vec::new();
        let m = score(&text, &gold, &merged[..1], &mut Vec::new(), &mut Vec::new(), &mut p);
        assert_eq!((m.pred, m.content_overlap, m.src_hit, m.pred_src), (1, 1, 1, 1));
        let u = score(&text, &gold, &[first, second], &mut Vec::new(), &mut Vec::new(), &mut p);
        assert_eq!((u.pred, u.content_overlap, u.src_hit, u.pred_src), (2, 1, 1, 2));
    }
}
