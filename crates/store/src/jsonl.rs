//! Reading pre-computed analyses from JSONL (one `Analysis` object per line), streaming, so a
//! large file is never held in memory. A bad line becomes a [`DocError`] naming the file and
//! line; the others are still read.

use std::io::{BufRead, BufReader};
use std::path::Path;

use newsgraph_core::Analysis;

use crate::{DocError, Error, Result};

/// The analyses of a JSONL file, one item per non-empty line.
pub fn read_analyses(path: &Path) -> Result<impl Iterator<Item = Result<Analysis, DocError>>> {
    let name = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|e| Error::io(&name, e))?;
    let mut lines = BufReader::new(file).lines().enumerate();
    Ok(std::iter::from_fn(move || loop {
        let (i, line) = lines.next()?;
        let origin = format!("{name}:{}", i + 1);
        let line = match line {
            Ok(l) => l,
            Err(e) => return Some(Err(DocError { origin, message: format!("cannot read: {e}") })),
        };
        if line.trim().is_empty() {
            continue;
        }
        return Some(serde_json::from_str::<Analysis>(&line).map_err(|e| DocError {
            origin,
            message: format!("not a newsgraph analysis ({e}); produce one with `newsgraph analyze --format jsonl`"),
        }));
    }))
}
