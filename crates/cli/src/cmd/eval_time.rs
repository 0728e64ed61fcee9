//! `newsgraph eval time --timeml DIR`: TempEval-3 scoring of the TIMEX3 tagger on TimeML
//! files (TimeBank, AQUAINT, TE3 platinum). Each document is analysed from its `<TEXT>`
//! content with its DCT as the publication date; the DCT's own TIMEX3 is not scored.
//!
//! Scores as the TE3 script defines them: strict (same offsets) and relaxed (overlapping)
//! span precision, recall and F1; type accuracy over relaxed matches; value F1, where a
//! value counts when the relaxed match has the gold value (P over system expressions, R over
//! gold ones). Decade and century values are compared in one notation (`198` = `198X`,
//! `19` = `19XX`), as TimeML 1.2 and TE3 write them differently.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context, Result};
use newsgraph_core::{Doc, Meta, Stage};
use newsgraph_extract::time::TimeTagger;

/// Flags of `newsgraph eval time`.
#[derive(clap::Args)]
pub struct Args {
    /// Directory of TimeML `.tml` files (or a data root containing
    /// `tempeval3/TBAQ-cleaned/TimeBank`).
    #[arg(long)]
    timeml: PathBuf,
    /// Print every missed, spurious and wrongly valued expression.
    #[arg(long)]
    errors: bool,
    /// Fail (exit status 1) when relaxed span F1 is below this (quality gate).
    #[arg(long)]
    min_relaxed: Option<f64>,
    /// Fail when strict span F1 is below this.
    #[arg(long)]
    min_strict: Option<f64>,
    /// Fail when value F1 is below this.
    #[arg(long)]
    min_value: Option<f64>,
}

/// A gold TIMEX3: byte span in the stripped text, type, value.
struct Gold {
    start: usize,
    end: usize,
    kind: String,
    value: String,
}

/// One TimeML document: DCT, plain text of `<TEXT>`, gold expressions.
struct TmlDoc {
    name: String,
    dct: String,
    text: String,
    gold: Vec<Gold>,
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!("{name}=\"");
    let at = tag.find(&key)? + key.len();
    let end = tag[at..].find('"')? + at;
    Some(tag[at..end].to_string())
}

fn decode_entity(s: &str) -> Option<(char, usize)> {
    for (e, c) in [
        ("&amp;", '&'),
        ("&lt;", '<'),
        ("&gt;", '>'),
        ("&quot;", '"'),
        ("&apos;", '\''),
    ] {
        if s.starts_with(e) {
            return Some((c, e.len()));
        }
    }
    None
}

/// Read a TimeML file. Hand-parsed because the format is flat (TEXT holds text and
/// non-nested TIMEX3/EVENT/SIGNAL tags) and we need exact offsets in the stripped text.
fn read_tml(path: &Path) -> Result<TmlDoc> {
    let xml = std::fs::read_to_string(path)
        .with_context(|| format!("{}: cannot read", path.display()))?;
    let dct_at = xml
        .find("<DCT>")
        .with_context(|| format!("{}: no <DCT> element", path.display()))?;
    let dct_tag_end = xml[dct_at..]
        .find('>')
        .map(|e| dct_at + e)
        .unwrap_or(dct_at);
    let timex_at = xml[dct_tag_end..].find("<TIMEX3").map(|e| dct_tag_end + e);
    let dct = timex_at
        .and_then(|t| attr(&xml[t..t + xml[t..].find('>').unwrap_or(0)], "value"))
        .with_context(|| format!("{}: the DCT has no TIMEX3 value", path.display()))?;
    let Some(t0) = xml.find("<TEXT>") else {
        bail!("{}: no <TEXT> element", path.display())
    };
    let Some(t1) = xml.find("</TEXT>") else {
        bail!("{}: <TEXT> is not closed", path.display())
    };
    let body = &xml[t0 + 6..t1];
    let mut text = String::with_capacity(body.len());
    let mut gold = Vec::new();
    let mut open: Option<(usize, String, String)> = None;
    let mut i = 0;
    while i < body.len() {
        let rest = &body[i..];
        if rest.starts_with('<') {
            let Some(e) = rest.find('>') else {
                bail!("{}: unclosed tag in TEXT", path.display())
            };
            let tag = &rest[..=e];
            if tag.starts_with("<TIMEX3") {
                let kind = attr(tag, "type").unwrap_or_default();
                let value = attr(tag, "value").unwrap_or_default();
                open = Some((text.len(), kind, value));
            } else if tag.starts_with("</TIMEX3") {
                if let Some((start, kind, value)) = open.take() {
                    gold.push(Gold {
                        start,
                        end: text.len(),
                        kind,
                        value,
                    });
                }
            }
            i += e + 1;
        } else if rest.starts_with('&') {
            match decode_entity(rest) {
                Some((c, n)) => {
                    text.push(c);
                    i += n;
                }
                None => {
                    text.push('&');
                    i += 1;
                }
            }
        } else {
            let c = rest.chars().next().unwrap_or(' ');
            text.push(c);
            i += c.len_utf8();
        }
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(TmlDoc {
        name,
        dct,
        text,
        gold,
    })
}

/// One notation for decades and centuries: `198` → `198X`, `19` → `19XX`.
fn canon(v: &str) -> String {
    let digits = v.bytes().take_while(u8::is_ascii_digit).count();
    if digits == v.len() && (digits == 2 || digits == 3) {
        return format!("{v}{}", "X".repeat(4 - digits));
    }
    v.to_string()
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

pub fn run(args: Args) -> Result<()> {
    let mut dir = args.timeml.clone();
    let nested = dir.join("tempeval3/TBAQ-cleaned/TimeBank");
    if nested.is_dir() {
        dir = nested;
    }
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .with_context(|| {
            format!(
                "{}: cannot list the directory (give --timeml a folder of .tml files)",
                dir.display()
            )
        })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tml"))
        .collect();
    paths.sort();
    if paths.is_empty() {
        bail!("{}: no .tml files", dir.display());
    }
    let tagger = TimeTagger::new();
    let (mut n_sys, mut n_gold) = (0usize, 0usize);
    let (mut strict, mut sys_rel, mut gold_rel) = (0usize, 0usize, 0usize);
    let (mut pairs, mut type_ok, mut value_ok) = (0usize, 0usize, 0usize);
    let mut bytes = 0usize;
    let mut secs = 0.0f64;
    let mut failed = 0;
    for path in &paths {
        let doc = match read_tml(path) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("newsgraph: {e:#}");
                failed += 1;
                continue;
            }
        };
        let meta = Meta {
            published: Some(doc.dct.clone()),
            ..Meta::default()
        };
        let mut d = Doc::new(meta, doc.text.clone());
        let t = Instant::now();
        tagger.process(&mut d);
        secs += t.elapsed().as_secs_f64();
        bytes += doc.text.len();
        n_sys += d.times.len();
        n_gold += doc.gold.len();
        let overlaps = |a0: usize, a1: usize, b0: usize, b1: usize| a0 < b1 && b0 < a1;
        let mut gold_hit = vec![false; doc.gold.len()];
        for s in &d.times {
            let (s0, s1) = (s.span.start as usize, s.span.end as usize);
            let mut matched = None;
            for (gi, g) in doc.gold.iter().enumerate() {
                if overlaps(s0, s1, g.start, g.end) {
                    gold_hit[gi] = true;
                    if matched.is_none() {
                        matched = Some(gi);
                    }
                    if g.start == s0 && g.end == s1 {
                        strict += 1;
                        matched = Some(gi);
                    }
                }
            }
            match matched {
                Some(gi) => {
                    let g = &doc.gold[gi];
                    sys_rel += 1;
                    pairs += 1;
                    type_ok += (g.kind == s.kind) as usize;
                    let vok = canon(&g.value) == canon(&s.value);
                    value_ok += vok as usize;
                    let exact = g.start == s0 && g.end == s1;
                    if args.errors && (!vok || !exact || g.kind != s.kind) {
                        println!(
                            "MISMATCH {}\t{}\t[{}] {} {}\t<> [{}] {} {}",
                            doc.name,
                            doc.dct,
                            &doc.text[g.start..g.end],
                            g.kind,
                            g.value,
                            &d.text[s0..s1],
                            s.kind,
                            s.value
                        );
                    }
                }
                None if args.errors => {
                    let ctx0 = d.text[..s0]
                        .char_indices()
                        .rev()
                        .nth(30)
                        .map_or(0, |(i, _)| i);
                    println!(
                        "SPURIOUS {}\t{}\t[{}] {} {}\t… {}",
                        doc.name,
                        doc.dct,
                        &d.text[s0..s1],
                        s.kind,
                        s.value,
                        d.text[ctx0..s1].replace('\n', " ")
                    );
                }
                None => {}
            }
        }
        gold_rel += gold_hit.iter().filter(|h| **h).count();
        if args.errors {
            for (g, hit) in doc.gold.iter().zip(&gold_hit) {
                if !hit {
                    let ctx0 = doc.text[..g.start]
                        .char_indices()
                        .rev()
                        .nth(30)
                        .map_or(0, |(i, _)| i);
                    let ctx1 = doc.text[g.end..]
                        .char_indices()
                        .nth(20)
                        .map_or(doc.text.len(), |(i, _)| g.end + i);
                    println!(
                        "MISSED {}\t{}\t[{}] {} {}\t… {}",
                        doc.name,
                        doc.dct,
                        &doc.text[g.start..g.end],
                        g.kind,
                        g.value,
                        doc.text[ctx0..ctx1].replace('\n', " ")
                    );
                }
            }
        }
    }
    let sp = ratio(strict, n_sys);
    let sr = ratio(strict, n_gold);
    let rp = ratio(sys_rel, n_sys);
    let rr = ratio(gold_rel, n_gold);
    let vp = ratio(value_ok, n_sys);
    let vr = ratio(value_ok, n_gold);
    let tp = ratio(type_ok, n_sys);
    let tr = ratio(type_ok, n_gold);
    println!(
        "TimeML files: {} ({} read errors) from {}",
        paths.len(),
        failed,
        dir.display()
    );
    println!("gold TIMEX3 (without DCT): {n_gold}   system: {n_sys}");
    println!("strict   P={sp:.3} R={sr:.3} F1={:.3}", f1(sp, sr));
    println!("relaxed  P={rp:.3} R={rr:.3} F1={:.3}", f1(rp, rr));
    println!(
        "type     accuracy={:.3} F1={:.3}",
        ratio(type_ok, pairs),
        f1(tp, tr)
    );
    println!(
        "value    accuracy={:.3} P={vp:.3} R={vr:.3} F1={:.3}",
        ratio(value_ok, pairs),
        f1(vp, vr)
    );
    println!(
        "speed    {:.0} docs/s, {:.1} MB/s (tagging only, one thread)",
        (paths.len() - failed) as f64 / secs.max(1e-9),
        bytes as f64 / 1e6 / secs.max(1e-9)
    );
    if failed > 0 {
        bail!("{failed} TimeML files could not be read");
    }
    let gates = [
        ("relaxed F1", f1(rp, rr), args.min_relaxed),
        ("strict F1", f1(sp, sr), args.min_strict),
        ("value F1", f1(vp, vr), args.min_value),
    ];
    for (name, got, min) in gates {
        if let Some(min) = min {
            if got < min {
                bail!("{name} {got:.3} is below the required {min:.3}");
            }
        }
    }
    Ok(())
}
