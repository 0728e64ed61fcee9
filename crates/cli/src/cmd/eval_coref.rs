//! `newsgraph eval coref --data DIR`: scores within-document entity resolution on GUM dev
//! coreference.
//!
//! Each GUM document is rebuilt from its gold words (text from the forms and `SpaceAfter`,
//! gold sentences), then run through our own pipeline: tagger, parser (when
//! `parser.bin` is in the models directory), NER, times, and entity resolution. The key is
//! every gold entity that has at least one proper-name mention (head PROPN), with all of
//! its proper-name and nominal (head NOUN) mentions; pronouns are scored apart. Each gold
//! mention takes the entity of the widest system mention that covers its head word and lies
//! inside the gold span, or is a singleton when none does. Reported: MUC, B³ and pairwise-link P/R/F1 over those gold
//! mentions, once over all of them (mention detection counts) and once over the mentions
//! the system found (linking alone), for the resolver and for the exact-name baseline
//! (`GroupMentions`); and the precision of pronoun links.

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use newsgraph_core::{Doc, Meta, Sentence, Span, Stage};
use newsgraph_extract::entities::GroupMentions;
use newsgraph_extract::resolve::eval::{gum_mentions, Counts, GoldKind, GoldMention, GoldWord};
use newsgraph_extract::resolve::{entity_at_tokens, Resolver};
use newsgraph_extract::time::TimeTagger;
use newsgraph_nlp::parser::ParseStage;
use newsgraph_nlp::{corpus, Models};
use newsgraph_text::conllu;

/// Flags of `newsgraph eval coref`.
#[derive(clap::Args)]
pub struct Args {
    /// Data root (the `shared/data` layout, with `gum/`); defaults to $NEWSGRAPH_DATA.
    #[arg(long, env = "NEWSGRAPH_DATA")]
    data: PathBuf,
    /// GUM split to score.
    #[arg(long, default_value = "dev")]
    split: String,
    /// Models directory (default: $NEWSGRAPH_MODELS or models/).
    #[arg(long)]
    models: Option<PathBuf>,
    /// Print up to N wrong links (system merges of different gold entities) and N missed
    /// links.
    #[arg(long, default_value_t = 0)]
    errors: usize,
    /// Print the resolver's entities of the documents whose name contains this.
    #[arg(long)]
    show: Option<String>,
    /// Instead of scoring, run the same pipeline on this plain-text file and print its NER
    /// mentions and resolved entities.
    #[arg(long)]
    text: Option<PathBuf>,
    /// Print the baseline's wrong and missed links instead of the resolver's.
    #[arg(long)]
    baseline_errors: bool,
    /// Exit with an error when the resolver's MUC F1 (all key mentions) is below this.
    #[arg(long)]
    min_muc_f1: Option<f64>,
    /// Exit with an error when the resolver's B³ F1 (all key mentions) is below this.
    #[arg(long)]
    min_b3_f1: Option<f64>,
}

/// A gold document: our `Doc` on the gold words, and the gold mentions.
struct GoldDoc {
    name: String,
    doc: Doc,
    gold: Vec<GoldMention>,
}

/// Rebuild the text of a GUM document from its words, one token per word.
fn gold_doc(name: String, sents: &[conllu::Sentence]) -> GoldDoc {
    let mut text = String::new();
    let mut tokens = Vec::new();
    let mut sentences = Vec::new();
    let mut words: Vec<GoldWord> = Vec::new();
    for s in sents {
        let base = words.len();
        let first = tokens.len() as u32;
        if !text.is_empty() {
            text.push_str(if s.new_par { "\n\n" } else { " " });
        }
        for (i, w) in s.words.iter().enumerate() {
            let start = text.len();
            text.push_str(&w.form);
            tokens.push(Span::new(start, text.len()));
            // Inside a multiword token only the last word may be followed by a space.
            let mw = s.multiwords.iter().find(|m| m.first <= i && i <= m.last);
            let space = match mw {
                Some(m) if i < m.last => false,
                Some(m) => conllu::space_after(&m.misc),
                None => conllu::space_after(&w.misc),
            };
            if space && i + 1 < s.words.len() {
                text.push(' ');
            }
            words.push(GoldWord { misc: &w.misc, upos: &w.upos, head: (w.head > 0).then(|| base + w.head as usize - 1) });
        }
        sentences.push(Sentence { first, end: tokens.len() as u32, paragraph_start: s.new_par });
    }
    let gold = gum_mentions(&words);
    let mut doc = Doc::new(Meta { published: None, ..Meta::default() }, text);
    doc.tokens = tokens;
    doc.sentences = sentences;
    GoldDoc { name, doc, gold }
}

/// Scores of one system over the key mentions.
#[derive(Default)]
struct Tally {
    all: Counts,
    found: Counts,
    detected: usize,
    key: usize,
    pron_linked: usize,
    pron_right: usize,
}

/// Score the entities of `doc` against its gold mentions.
fn score(g: &GoldDoc, doc: &Doc, t: &mut Tally, errors: &mut Vec<String>, wrong: &mut Vec<String>) {
    let at = entity_at_tokens(doc);
    // System mentions by token, to align gold mentions with a system mention inside them.
    let mut by_token: HashMap<usize, Vec<(usize, usize, u32)>> = HashMap::new();
    for (e, ent) in doc.entities.iter().enumerate() {
        for s in &ent.mentions {
            let (a, b) = newsgraph_extract::resolve::token_range(doc, *s);
            for k in a..b {
                by_token.entry(k).or_default().push((a, b, e as u32));
            }
        }
    }
    // The entity of the widest system mention that covers the head and lies inside the span.
    let align = |m: &GoldMention| {
        by_token.get(&m.head).into_iter().flatten().filter(|&&(a, b, _)| a >= m.first && b <= m.end).max_by_key(|&&(a, b, e)| (b - a, std::cmp::Reverse(a), e)).map_or(u32::MAX, |x| x.2)
    };
    // Gold clusters with a proper name.
    let named: std::collections::HashSet<u32> = g.gold.iter().filter(|m| m.kind == GoldKind::Proper).map(|m| m.cluster).collect();
    let key: Vec<&GoldMention> = g.gold.iter().filter(|m| named.contains(&m.cluster) && matches!(m.kind, GoldKind::Proper | GoldKind::Nominal)).collect();
    // Mentions sharing a head word are one mention for the system: keep the first (widest).
    let mut seen_heads = std::collections::HashSet::new();
    let key: Vec<&GoldMention> = key.into_iter().filter(|m| seen_heads.insert(m.head)).collect();
    let (mut k_all, mut r_all, mut k_found, mut r_found) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (n, m) in key.iter().enumerate() {
        let e = align(m);
        k_all.push(m.cluster as u64);
        if e == u32::MAX {
            r_all.push((1u64 << 40) + n as u64);
        } else {
            r_all.push(e as u64);
            k_found.push(m.cluster as u64);
            r_found.push(e as u64);
        }
    }
    t.all.add(&k_all, &r_all);
    t.found.add(&k_found, &r_found);
    t.detected += k_found.len();
    t.key += key.len();
    let text = |m: &GoldMention| doc.token_span(m.first, m.end).text(&doc.text).to_string();
    // Error lists: system entities holding several gold entities, gold entities split.
    let mut by_sys: HashMap<u64, Vec<&GoldMention>> = HashMap::new();
    let mut by_gold: HashMap<u32, Vec<(&GoldMention, u64)>> = HashMap::new();
    for (m, &r) in key.iter().zip(&r_all) {
        if r < (1u64 << 40) {
            by_sys.entry(r).or_default().push(m);
        }
        by_gold.entry(m.cluster).or_default().push((m, r));
    }
    let mut sys_keys: Vec<_> = by_sys.keys().copied().collect();
    sys_keys.sort_unstable();
    for r in sys_keys {
        let ms = &by_sys[&r];
        let mut clusters: Vec<u32> = ms.iter().map(|m| m.cluster).collect();
        clusters.sort_unstable();
        clusters.dedup();
        if clusters.len() > 1 {
            let list: Vec<String> = ms.iter().map(|m| format!("{}#{}", text(m), m.cluster)).collect();
            wrong.push(format!("{}: merged {}", g.name, list.join(" | ")));
        }
    }
    let mut gold_keys: Vec<_> = by_gold.keys().copied().collect();
    gold_keys.sort_unstable();
    for c in gold_keys {
        let ms = &by_gold[&c];
        let mut sys: Vec<u64> = ms.iter().map(|(_, r)| *r).collect();
        sys.sort_unstable();
        sys.dedup();
        if sys.len() > 1 && ms.len() > 1 {
            let list: Vec<String> = ms.iter().map(|(m, r)| format!("{}@{}", text(m), if *r >= (1 << 40) { "-".to_string() } else { r.to_string() })).collect();
            errors.push(format!("{}: split {}", g.name, list.join(" | ")));
        }
    }
    // Pronouns the system linked: right when another mention of the same gold entity has the
    // same system entity.
    let mut sys_of_cluster: HashMap<u32, Vec<(usize, u32)>> = HashMap::new();
    for m in &g.gold {
        let e = align(m);
        if e != u32::MAX {
            sys_of_cluster.entry(m.cluster).or_default().push((m.head, e));
        }
    }
    for m in g.gold.iter().filter(|m| m.kind == GoldKind::Pronoun && m.end - m.first == 1) {
        let e = at.get(m.head).copied().unwrap_or(u32::MAX);
        if e == u32::MAX {
            continue;
        }
        let covered_alone = doc.entities[e as usize].mentions.iter().any(|s| *s == doc.tokens[m.head]);
        if !covered_alone {
            continue;
        }
        t.pron_linked += 1;
        if sys_of_cluster.get(&m.cluster).is_some_and(|v| v.iter().any(|&(h, x)| h != m.head && x == e)) {
            t.pron_right += 1;
        }
    }
}

/// Print the entities of `doc`, one per line.
fn show(doc: &Doc) {
    for (i, e) in doc.entities.iter().enumerate() {
        let ms: Vec<&str> = e.mentions.iter().map(|m| m.text(&doc.text)).collect();
        let kind = newsgraph_core::tagsets::ENTITY_TYPES.get(e.label as usize).copied().unwrap_or("?");
        println!("  e{i} {kind} {:?} aliases={:?} desc={:?} mentions={:?}", e.name, e.aliases, e.descriptions, ms);
    }
}

fn line(label: &str, c: &Counts) {
    let (m, b, l) = (c.muc(), c.b3(), c.pairwise());
    println!(
        "  {label:<28} MUC P={:.3} R={:.3} F1={:.3}   B3 P={:.3} R={:.3} F1={:.3}   links P={:.3} R={:.3} F1={:.3}",
        m.p, m.r, m.f, b.p, b.r, b.f, l.p, l.r, l.f
    );
}

pub fn run(a: Args) -> Result<()> {
    let dir = a.models.clone().unwrap_or_else(newsgraph_nlp::default_models_dir);
    let models = Models::load(&dir).with_context(|| format!("loading models from {}", dir.display()))?;
    let parser = newsgraph_pipeline::load_parsers(&dir, &[])?.map(ParseStage::vote);
    let (tag, ner, time) = (models.tag_stage(), models.ner_stage(), TimeTagger::new());
    if let Some(path) = &a.text {
        let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        let mut doc = Doc::new(Meta::default(), text);
        newsgraph_text::Segmenter.process(&mut doc);
        tag.process(&mut doc);
        if let Some(p) = &parser {
            p.process(&mut doc);
        }
        ner.process(&mut doc);
        time.process(&mut doc);
        for m in &doc.mentions {
            let s = doc.token_span(m.first as usize, m.end as usize);
            println!("mention {}..{} {} {:?}", s.start, s.end, newsgraph_core::tagsets::ENTITY_TYPES[m.label as usize], s.text(&doc.text));
        }
        Resolver.process(&mut doc);
        show(&doc);
        return Ok(());
    }
    let files = corpus::gum_files(&a.data, &a.split).with_context(|| format!("listing GUM {} under {}", a.split, a.data.display()))?;
    if files.is_empty() {
        bail!("no GUM files under {}/gum/dep/{}", a.data.display(), a.split);
    }
    let (mut res, mut base) = (Tally::default(), Tally::default());
    let (mut errors, mut wrong, mut base_errors, mut base_wrong) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut resolve_secs = 0.0;
    let mut tokens = 0usize;
    for f in &files {
        let sents = corpus::read_conllu(f)?;
        let name = f.file_name().map(|n| n.to_string_lossy().trim_end_matches(".conllu.gz").to_string()).unwrap_or_default();
        let mut g = gold_doc(name, &sents);
        tag.process(&mut g.doc);
        if let Some(p) = &parser {
            p.process(&mut g.doc);
        }
        ner.process(&mut g.doc);
        time.process(&mut g.doc);
        tokens += g.doc.tokens.len();
        let mut baseline = g.doc.clone();
        GroupMentions.process(&mut baseline);
        score(&g, &baseline, &mut base, &mut base_errors, &mut base_wrong);
        let t = Instant::now();
        let mut doc = std::mem::take(&mut g.doc);
        Resolver.process(&mut doc);
        resolve_secs += t.elapsed().as_secs_f64();
        score(&g, &doc, &mut res, &mut errors, &mut wrong);
        if a.show.as_ref().is_some_and(|s| g.name.contains(s.as_str())) {
            println!("== {}", g.name);
            show(&doc);
        }
    }
    println!(
        "GUM {}: {} documents, {tokens} tokens; key: {} proper-name and nominal mentions of named entities{}",
        a.split,
        files.len(),
        res.key,
        if parser.is_some() { " (with parser)" } else { " (no parser model)" }
    );
    for (name, t) in [("exact-name baseline", &base), ("resolver", &res)] {
        println!("{name}: {} of {} key mentions detected ({:.3})", t.detected, t.key, t.detected as f64 / t.key.max(1) as f64);
        line("all key mentions", &t.all);
        line("detected mentions only", &t.found);
    }
    println!(
        "pronoun links: {} linked, precision {:.3}",
        res.pron_linked,
        res.pron_right as f64 / res.pron_linked.max(1) as f64
    );
    println!("resolution time: {:.1} ms for {tokens} tokens ({:.0} tokens/s)", resolve_secs * 1e3, tokens as f64 / resolve_secs.max(1e-9));
    if a.baseline_errors {
        (wrong, errors) = (base_wrong, base_errors);
    }
    if a.errors > 0 {
        for e in wrong.iter().take(a.errors) {
            println!("wrong  {e}");
        }
        for e in errors.iter().take(a.errors) {
            println!("missed {e}");
        }
    }
    let (m, b) = (res.all.muc().f, res.all.b3().f);
    if a.min_muc_f1.is_some_and(|x| m < x) {
        bail!("MUC F1 {m:.3} is below the threshold");
    }
    if a.min_b3_f1.is_some_and(|x| b < x) {
        bail!("B3 F1 {b:.3} is below the threshold");
    }
    Ok(())
}
