//! Reading PolNeAR-style attribution corpora: a split folder with `text/<article>.txt` and
//! `attributions/<article>_<annotator>.ann` (brat standoff: `T` spans of type Source, Cue,
//! Content, tied together by `E` lines). Offsets are character offsets (not bytes) into the
//! text. Articles with several annotators keep the first `.ann` in name order. This module
//! only reads; training and scoring live elsewhere ([`super::model`], the CLI).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Character ranges of one role (discontinuous spans have several).
pub type Ranges = Vec<(usize, usize)>;

/// One gold attribution.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct GoldAttribution {
    /// Source ranges (empty when the attribution has none).
    pub source: Ranges,
    /// Cue ranges.
    pub cue: Ranges,
    /// Content ranges (never empty).
    pub content: Ranges,
}

/// One article and its gold attributions.
#[derive(Debug, Clone)]
pub struct Article {
    /// File stem (without the annotator suffix).
    pub name: String,
    /// The raw text.
    pub text: String,
    /// Gold attributions, in file order.
    pub gold: Vec<GoldAttribution>,
}

/// Why a corpus could not be read.
#[derive(Debug, thiserror::Error)]
pub enum PolnearError {
    /// A file or folder could not be read.
    #[error("{path}: {source} (expected a PolNeAR split folder with text/ and attributions/)")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A `T` line has offsets that are not `start end[;start end…]`.
    #[error("{path}:{line}: bad offsets {offsets:?}; expected `start end` pairs separated by ';'")]
    Offsets {
        /// The `.ann` file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// The offending text.
        offsets: String,
    },
}

fn parse_ranges(s: &str) -> Option<Ranges> {
    s.split(';')
        .map(|p| {
            let mut it = p.split_whitespace();
            Some((it.next()?.parse().ok()?, it.next()?.parse().ok()?))
        })
        .collect()
}

/// Parse one brat `.ann` file's content; `path` names it in errors.
pub fn parse_ann(raw: &str, path: &Path) -> Result<Vec<GoldAttribution>, PolnearError> {
    let mut spans: HashMap<&str, Ranges> = HashMap::new();
    let mut events = Vec::new();
    for (n, line) in raw.lines().enumerate() {
        let mut parts = line.split('\t');
        let (Some(id), Some(body)) = (parts.next(), parts.next()) else { continue };
        if id.starts_with('T') {
            let Some((_, offs)) = body.split_once(' ') else { continue };
            let r = parse_ranges(offs).ok_or_else(|| PolnearError::Offsets { path: path.to_path_buf(), line: n + 1, offsets: offs.to_string() })?;
            spans.insert(id, r);
        } else if id.starts_with('E') {
            events.push(body);
        }
    }
    let mut out = Vec::new();
    for e in events {
        let mut att = GoldAttribution::default();
        for role in e.split_whitespace() {
            let Some((name, tid)) = role.split_once(':') else { continue };
            let Some(r) = spans.get(tid) else { continue };
            match name.trim_end_matches(|c: char| c.is_ascii_digit()) {
                "Source" => att.source.extend(r),
                "Cue" => att.cue.extend(r),
                "Content" => att.content.extend(r),
                _ => {}
            }
        }
        if !att.content.is_empty() {
            out.push(att);
        }
    }
    Ok(out)
}

/// Every article of a split folder (`text/` and `attributions/`), in name order.
pub fn read_split(dir: &Path) -> Result<Vec<Article>, PolnearError> {
    read_split_with(dir, false)
}

/// [`read_split`]; with `all_annotators`, an article annotated by several people comes
/// once per annotation file (more training signal; scoring keeps the first file only).
pub fn read_split_with(dir: &Path, all_annotators: bool) -> Result<Vec<Article>, PolnearError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| PolnearError::Io { path, source }
    };
    let text_dir = dir.join("text");
    let ann_dir = dir.join("attributions");
    let mut anns: Vec<String> = std::fs::read_dir(&ann_dir)
        .map_err(io(&ann_dir))?
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .filter(|n| n.ends_with(".ann"))
        .collect();
    anns.sort();
    let mut out: Vec<Article> = Vec::new();
    for ann in anns {
        let Some((name, _)) = ann.trim_end_matches(".ann").rsplit_once('_') else { continue };
        if !all_annotators && out.last().is_some_and(|a| a.name == name) {
            continue; // several annotators: keep the first file
        }
        let tpath = text_dir.join(format!("{name}.txt"));
        let text = std::fs::read_to_string(&tpath).map_err(io(&tpath))?;
        let apath = ann_dir.join(&ann);
        let raw = std::fs::read_to_string(&apath).map_err(io(&apath))?;
        let gold = parse_ann(&raw, &apath)?;
        out.push(Article { name: name.to_string(), text, gold });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_tie_roles_and_discontinuous_spans() {
        let ann = "T1\tSource 0 5\tSmith\nT2\tCue 6 10\tsaid\nT3\tContent 11 14;20 25\tfoo bar\nE1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\nT4\tDiscard 30 40\tx\n";
        let g = parse_ann(ann, Path::new("x.ann")).unwrap();
        assert_eq!(g, vec![GoldAttribution { source: vec![(0, 5)], cue: vec![(6, 10)], content: vec![(11, 14), (20, 25)] }]);
    }

    #[test]
    fn bad_offsets_name_the_line() {
        let err = parse_ann("T1\tSource a b\tx\n", Path::new("x.ann")).unwrap_err().to_string();
        assert!(err.contains("x.ann:1"), "{err}");
    }

    #[test]
    fn several_annotators_first_or_all() {
        let dir = std::env::temp_dir().join(format!("ng-polnear-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("text")).unwrap();
        std::fs::create_dir_all(dir.join("attributions")).unwrap();
        std::fs::write(dir.join("text/a.txt"), "Smith said no.").unwrap();
        std::fs::write(dir.join("text/b.txt"), "Jones said yes.").unwrap();
        let ann = |src: (usize, usize)| format!("T1\tSource {} {}\tx\nT2\tContent 11 13\tno\nE1\tAttribution:T2 Content:T2 Source:T1\n", src.0, src.1);
        std::fs::write(dir.join("attributions/a_4b22.ann"), ann((0, 5))).unwrap();
        std::fs::write(dir.join("attributions/a_d473.ann"), ann((0, 3))).unwrap();
        std::fs::write(dir.join("attributions/b_4e07.ann"), ann((0, 5))).unwrap();
        let first = read_split(&dir).unwrap();
        let all = read_split_with(&dir, true).unwrap();
        std::fs::remove_dir_all(&dir).ok();
        assert_eq!(first.iter().map(|a| a.name.as_str()).collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(first[0].gold[0].source, vec![(0, 5)]);
        assert_eq!(all.iter().map(|a| a.name.as_str()).collect::<Vec<_>>(), ["a", "a", "b"]);
        assert_eq!(all[1].gold[0].source, vec![(0, 3)]);
    }
}
