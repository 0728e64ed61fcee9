//! Scoring the HTML extractor on the html-dev pages (`shared/data/html-dev`) the way its
//! README says (upstream Trafilatura's scoring): raw gzipped bytes in, whitespace folded in
//! output and snippets, `with` snippets found are true positives, `without` snippets found
//! are false positives; precision, recall and F1 summed over all pages.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Instant;

use serde_json::Value;

/// Scores and counts of one evaluation run.
#[derive(Debug, Clone, Default)]
pub struct HtmlScore {
    /// Pages scored.
    pub pages: usize,
    /// `with` snippets found.
    pub tp: usize,
    /// `with` snippets missing.
    pub fn_: usize,
    /// `without` snippets found.
    pub fp: usize,
    /// `without` snippets absent.
    pub tn: usize,
    /// Pages that could not be read or gave no text, with the reason.
    pub failures: Vec<(String, String)>,
    /// Seconds spent decoding and extracting (not reading and unzipping).
    pub seconds: f64,
}

impl HtmlScore {
    /// TP / (TP + FP).
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    /// TP / (TP + FN).
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    /// Pages per second of extraction.
    pub fn pages_per_second(&self) -> f64 {
        if self.seconds > 0.0 {
            self.pages as f64 / self.seconds
        } else {
            0.0
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Why an evaluation could not run.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// Neither `DIR/expected.json` nor `DIR/html-dev/expected.json` exists or is readable.
    #[error("{path}: cannot read the html-dev annotations: {problem} (pass the html-dev folder or the data root with --data)")]
    Annotations {
        /// The file tried.
        path: String,
        /// What went wrong.
        problem: String,
    },
}

/// Collapse whitespace runs to one space and trim.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// The html-dev folder: `dir` itself or `dir/html-dev`.
pub fn locate(dir: &Path) -> PathBuf {
    if dir.join("expected.json").is_file() {
        dir.to_path_buf()
    } else {
        dir.join("html-dev")
    }
}

fn strings(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::Array(a)) => a.iter().filter_map(|s| s.as_str().map(fold)).collect(),
        Some(Value::String(s)) => vec![fold(s)],
        _ => Vec::new(),
    }
}

/// Score `extract` (page name and raw page bytes to plain text) on every page of the html-dev folder
/// (`dir` is the folder or the data root). `limit` caps the number of pages (for quick runs).
pub fn score_dir<F>(dir: &Path, limit: Option<usize>, mut extract: F) -> Result<HtmlScore, EvalError>
where
    F: FnMut(&str, &[u8]) -> Result<String, String>,
{
    let dir = locate(dir);
    let ann_path = dir.join("expected.json");
    let ann_err = |problem: String| EvalError::Annotations { path: ann_path.display().to_string(), problem };
    let raw = std::fs::read(&ann_path).map_err(|e| ann_err(e.to_string()))?;
    let ann: serde_json::Map<String, Value> = serde_json::from_slice(&raw).map_err(|e| ann_err(e.to_string()))?;
    let mut score = HtmlScore::default();
    // serde_json's map is sorted by key: a stable order.
    for (name, entry) in ann.iter().take(limit.unwrap_or(usize::MAX)) {
        let with = strings(entry.get("with"));
        let without = strings(entry.get("without"));
        score.pages += 1;
        let page = dir.join("pages").join(format!("{name}.gz"));
        let mut bytes = Vec::new();
        let read = std::fs::File::open(&page).and_then(|f| flate2::read::GzDecoder::new(f).read_to_end(&mut bytes));
        let text = match read {
            Err(e) => Err(format!("cannot read: {e}")),
            Ok(_) => {
                let t0 = Instant::now();
                let r = extract(name, &bytes);
                score.seconds += t0.elapsed().as_secs_f64();
                r
            }
        };
        let text = match text {
            Ok(t) if !t.trim().is_empty() => fold(&t),
            Ok(_) => {
                score.failures.push((name.clone(), "no text".into()));
                String::new()
            }
            Err(e) => {
                score.failures.push((name.clone(), e));
                String::new()
            }
        };
        for s in &with {
            if !text.is_empty() && text.contains(s.as_str()) {
                score.tp += 1;
            } else {
                score.fn_ += 1;
            }
        }
        for s in &without {
            if !text.is_empty() && text.contains(s.as_str()) {
                score.fp += 1;
            } else {
                score.tn += 1;
            }
        }
    }
    Ok(score)
}

/// The newsgraph extractor as scored: decode the raw bytes (BOM, charset, fallback), then
/// [`super::extract_article`].
pub fn newsgraph_extract(bytes: &[u8]) -> Result<String, String> {
    let text = crate::read::decode::decode(bytes, crate::read::decode::Declared::Html)
        .map_err(|p| format!("{p:?}"))?;
    Ok(super::extract_article(&text).body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_and_scores() {
        assert_eq!(fold("  a \n\t b  "), "a b");
        let s = HtmlScore { tp: 8, fn_: 2, fp: 2, tn: 8, ..Default::default() };
        assert!((s.precision() - 0.8).abs() < 1e-9);
        assert!((s.recall() - 0.8).abs() < 1e-9);
        assert!((s.f1() - 0.8).abs() < 1e-9);
    }

    /// Quality gate on the real html-dev pages (needs `NEWSGRAPH_DATA`):
    /// `cargo test --release -p newsgraph-text html_dev_f1 -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn html_dev_f1() {
        let root = std::env::var("NEWSGRAPH_DATA").expect("set NEWSGRAPH_DATA to the data root");
        // NEWSGRAPH_HTML_DUMP=DIR writes each page's text to DIR/<page>.txt for reading.
        let dump = std::env::var_os("NEWSGRAPH_HTML_DUMP").map(PathBuf::from);
        let s = score_dir(Path::new(&root), None, |name, b| {
            let r = newsgraph_extract(b);
            if let (Some(d), Ok(t)) = (&dump, &r) {
                std::fs::create_dir_all(d).unwrap();
                std::fs::write(d.join(format!("{name}.txt")), t).unwrap();
            }
            r
        })
        .unwrap();
        eprintln!(
            "html-dev: {} pages, P {:.3} R {:.3} F1 {:.3}, {:.1} pages/s, {} failures",
            s.pages,
            s.precision(),
            s.recall(),
            s.f1(),
            s.pages_per_second(),
            s.failures.len()
        );
        assert!(s.f1() >= 0.85, "F1 {:.3} below 0.85", s.f1());
    }

    #[test]
    fn scores_a_tiny_corpus() {
        let dir = std::env::temp_dir().join(format!("ng-html-eval-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("pages")).unwrap();
        let page = b"<html><body><nav>Menu Home</nav><p>The main text is here.</p></body></html>";
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut gz, page).unwrap();
        std::fs::write(dir.join("pages/a.html.gz"), gz.finish().unwrap()).unwrap();
        std::fs::write(dir.join("expected.json"), r#"{"a.html":{"with":["main  text"],"without":["Menu Home"]}}"#).unwrap();
        let s = score_dir(&dir, None, |_, b| newsgraph_extract(b)).unwrap();
        std::fs::remove_dir_all(&dir).ok();
        assert_eq!((s.pages, s.tp, s.fn_, s.fp, s.tn), (1, 1, 0, 0, 1));
    }
}
