//! Reading inputs into [`RawDoc`]s: plain text, HTML pages, JSONL streams, RSS/Atom feeds,
//! directories (recursive, sorted) and stdin (`-`). The format comes from the extension and
//! is checked by sniffing the content; bytes are decoded by [`decode`] (BOM, declared
//! charset, UTF-8, Windows-1252). Every failure is a [`ReadError`] naming the file, and the
//! iterator goes on with the next input. Cleaning the text is not done here (see
//! `crate::clean`).
//!
//! ```
//! use newsgraph_text::read::{read_bytes, Format, ReadOptions};
//! let docs = read_bytes(b"Storm hits coast\n\nWinds reached 120 km/h.", "-", Some(Format::Text), &ReadOptions::default());
//! let doc = docs[0].as_ref().unwrap();
//! assert_eq!(doc.meta.title.as_deref(), Some("Storm hits coast"));
//! assert_eq!(doc.body, "Winds reached 120 km/h.");
//! ```

pub mod date;
pub mod decode;
mod error;
pub mod feed;
pub mod html;
pub mod jsonl;
pub mod plain;

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use newsgraph_core::Meta;

use decode::{DecodeProblem, Declared};
pub use error::ReadError;

/// A document as read, before cleaning: metadata and the body as plain text, paragraphs
/// separated by blank lines, headings as their own paragraphs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawDoc {
    /// Metadata found in the input (`origin` always set).
    pub meta: Meta,
    /// The body text.
    pub body: String,
}

/// Input formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text: optional headline line, then the body.
    Text,
    /// An HTML page.
    Html,
    /// One JSON object per line.
    Jsonl,
    /// RSS or Atom.
    Feed,
}

/// How to read.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Largest single document in bytes (a file, or one JSONL line). Default 64 MiB.
    pub max_bytes: u64,
    /// Force a format instead of detecting it.
    pub format: Option<Format>,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions { max_bytes: 64 << 20, format: None }
    }
}

/// The format an extension stands for, `None` for unknown extensions.
pub fn format_of_extension(path: &Path) -> Option<Format> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    Some(match ext.as_str() {
        "txt" | "text" | "md" => Format::Text,
        "html" | "htm" | "xhtml" | "shtml" => Format::Html,
        "jsonl" | "ndjson" | "json" => Format::Jsonl,
        "rss" | "atom" | "xml" => Format::Feed,
        _ => return None,
    })
}

const HTML_STARTS: &[&[u8]] = &[b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<p>", b"<div", b"<article"];

/// Detect the format from the first bytes, given what the extension suggests.
pub fn sniff(head: &[u8], by_extension: Option<Format>) -> Format {
    let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let start = head.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(head.len());
    let lower = head[start..head.len().min(start + 2048)].to_ascii_lowercase();
    let has = |s: &[u8]| memchr::memmem::find(&lower, s).is_some();
    let htmlish = HTML_STARTS.iter().any(|s| lower.starts_with(s)) || (lower.starts_with(b"<!--") && has(b"<html"));
    let feedish = has(b"<rss") || has(b"<feed") || has(b"<rdf:rdf");
    match by_extension {
        Some(Format::Text) if htmlish => Format::Html,
        Some(Format::Feed) if !feedish && (htmlish || has(b"<html")) => Format::Html,
        Some(Format::Html) if lower.starts_with(b"<?xml") && feedish && !has(b"<html") => Format::Feed,
        Some(f) => f,
        None => {
            if lower.starts_with(b"<?xml") || lower.starts_with(b"<rss") || lower.starts_with(b"<feed") {
                if feedish || !has(b"<html") {
                    Format::Feed
                } else {
                    Format::Html
                }
            } else if htmlish {
                Format::Html
            } else if lower.starts_with(b"{") {
                Format::Jsonl
            } else {
                Format::Text
            }
        }
    }
}

fn io_err(path: &str) -> impl FnOnce(std::io::Error) -> ReadError + '_ {
    move |source| ReadError::Io { path: path.to_string(), source }
}

fn decode_err(path: &str, p: DecodeProblem) -> ReadError {
    match p {
        DecodeProblem::Binary => ReadError::Binary { path: path.to_string() },
        DecodeProblem::Undecodable => ReadError::Undecodable { path: path.to_string() },
    }
}

/// Read the documents in `bytes` (a whole file or stdin). `name` names the input in origins
/// and errors; `format` is what the extension (or the caller) says, checked by sniffing.
pub fn read_bytes(bytes: &[u8], name: &str, format: Option<Format>, opts: &ReadOptions) -> Vec<Result<RawDoc, ReadError>> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return vec![Err(ReadError::Empty { path: name.to_string() })];
    }
    if bytes.len() as u64 > opts.max_bytes && format != Some(Format::Jsonl) {
        return vec![Err(ReadError::TooLarge { path: name.to_string(), size: bytes.len() as u64, limit: opts.max_bytes })];
    }
    let format = opts.format.unwrap_or_else(|| sniff(bytes, format));
    let declared = match format {
        Format::Html => Declared::Html,
        Format::Feed => Declared::Xml,
        Format::Text | Format::Jsonl => Declared::None,
    };
    if format == Format::Jsonl {
        if decode::looks_binary(bytes) {
            return vec![Err(ReadError::Binary { path: name.to_string() })];
        }
        return jsonl::JsonlDocs::new(bytes, name.to_string(), opts.max_bytes).collect();
    }
    let text = match decode::decode(bytes, declared) {
        Ok(t) => t,
        Err(p) => return vec![Err(decode_err(name, p))],
    };
    if text.trim().is_empty() {
        return vec![Err(ReadError::Empty { path: name.to_string() })];
    }
    let origin = || Meta { origin: Some(name.to_string()), ..Meta::default() };
    match format {
        Format::Text => {
            let (title, body) = plain::split_title(&text);
            vec![Ok(RawDoc { meta: Meta { title, ..origin() }, body: body.to_string() })]
        }
        Format::Html => {
            let e = html::extract_article(&text);
            if e.body.trim().is_empty() {
                let tail = text.trim_end().to_ascii_lowercase();
                let detail = if tail.ends_with("</html>") || tail.ends_with("</body>") { "" } else { " (the file looks truncated)" };
                return vec![Err(ReadError::NoText { path: name.to_string(), detail: detail.to_string() })];
            }
            vec![Ok(RawDoc { meta: Meta { origin: Some(name.to_string()), ..e.meta }, body: e.body })]
        }
        Format::Feed => match feed::parse(&text, name) {
            Ok(docs) if docs.is_empty() => {
                vec![Err(ReadError::Feed { path: name.to_string(), problem: "no item or entry with text".into() })]
            }
            Ok(docs) => docs.into_iter().map(Ok).collect(),
            Err(problem) => vec![Err(ReadError::Feed { path: name.to_string(), problem })],
        },
        Format::Jsonl => unreachable!("handled above"),
    }
}

/// Read one file (not a directory).
pub fn read_file<'a>(path: &Path, opts: &'a ReadOptions) -> Box<dyn Iterator<Item = Result<RawDoc, ReadError>> + 'a> {
    let name = path.display().to_string();
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => return Box::new(std::iter::once(Err(io_err(&name)(e)))),
    };
    let by_ext = format_of_extension(path);
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => return Box::new(std::iter::once(Err(io_err(&name)(e)))),
    };
    if meta.is_file() && meta.len() == 0 {
        return Box::new(std::iter::once(Err(ReadError::Empty { path: name })));
    }
    let jsonl = opts.format == Some(Format::Jsonl) || (opts.format.is_none() && by_ext == Some(Format::Jsonl));
    if jsonl {
        // Streamed line by line: never the whole file in memory.
        let mut reader = BufReader::with_capacity(1 << 16, file);
        match reader.fill_buf() {
            Ok(head) if decode::looks_binary(head) => return Box::new(std::iter::once(Err(ReadError::Binary { path: name }))),
            Ok(head) if head.iter().all(u8::is_ascii_whitespace) && (head.len() as u64) == meta.len() => {
                return Box::new(std::iter::once(Err(ReadError::Empty { path: name })))
            }
            Err(e) => return Box::new(std::iter::once(Err(io_err(&name)(e)))),
            _ => {}
        }
        return Box::new(jsonl::JsonlDocs::new(reader, name, opts.max_bytes));
    }
    // Refuse big files from their size, before reading anything.
    if meta.is_file() && meta.len() > opts.max_bytes {
        return Box::new(std::iter::once(Err(ReadError::TooLarge { path: name, size: meta.len(), limit: opts.max_bytes })));
    }
    let mut bytes = Vec::with_capacity(meta.len().min(opts.max_bytes) as usize + 1);
    // `take` guards against files that grow or lie about their size (pipes, /dev files).
    if let Err(e) = file.take(opts.max_bytes + 1).read_to_end(&mut bytes) {
        return Box::new(std::iter::once(Err(io_err(&name)(e))));
    }
    Box::new(read_bytes(&bytes, &name, by_ext, opts).into_iter())
}

/// Read stdin: the format is sniffed; JSONL is streamed, anything else is read whole (up to
/// `max_bytes`).
fn read_stdin(opts: &ReadOptions) -> Box<dyn Iterator<Item = Result<RawDoc, ReadError>> + '_> {
    let name = "<stdin>".to_string();
    let mut stdin = std::io::stdin().lock();
    let mut head = Vec::new();
    if let Err(e) = (&mut stdin).take(4096).read_to_end(&mut head) {
        return Box::new(std::iter::once(Err(io_err(&name)(e))));
    }
    let format = opts.format.unwrap_or_else(|| sniff(&head, None));
    if format == Format::Jsonl {
        let reader = BufReader::new(std::io::Cursor::new(head).chain(stdin));
        return Box::new(jsonl::JsonlDocs::new(reader, name, opts.max_bytes));
    }
    let mut bytes = head;
    if let Err(e) = stdin.take(opts.max_bytes + 1).read_to_end(&mut bytes) {
        return Box::new(std::iter::once(Err(io_err(&name)(e))));
    }
    Box::new(read_bytes(&bytes, &name, Some(format), opts).into_iter())
}

/// Files under a directory with a known extension, recursively, sorted, hidden entries
/// (names starting with '.') skipped. Symbolic links to directories are not followed.
pub fn walk(dir: &Path) -> Result<Vec<PathBuf>, ReadError> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        let name = d.display().to_string();
        let mut entries: Vec<_> = std::fs::read_dir(&d)
            .map_err(io_err(&name))?
            .filter_map(Result::ok)
            .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
            .collect();
        entries.sort_by_key(|e| e.file_name());
        let mut subdirs = Vec::new();
        for e in entries {
            let p = e.path();
            match e.file_type() {
                Ok(t) if t.is_dir() => subdirs.push(p),
                Ok(_) if p.is_file() && format_of_extension(&p).is_some() => out.push(p),
                _ => {}
            }
        }
        // Depth-first in sorted order: push in reverse so the first subdir is next.
        todo.extend(subdirs.into_iter().rev());
    }
    out.sort();
    Ok(out)
}

struct Reader<'a> {
    opts: &'a ReadOptions,
    inputs: std::slice::Iter<'a, PathBuf>,
    pending: VecDeque<PathBuf>,
    current: Option<Box<dyn Iterator<Item = Result<RawDoc, ReadError>> + 'a>>,
}

impl Iterator for Reader<'_> {
    type Item = Result<RawDoc, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(cur) = self.current.as_mut() {
                match cur.next() {
                    Some(x) => return Some(x),
                    None => self.current = None,
                }
            }
            if let Some(p) = self.pending.pop_front() {
                self.current = Some(read_file(&p, self.opts));
                continue;
            }
            let p = self.inputs.next()?;
            if p.as_os_str() == "-" {
                self.current = Some(read_stdin(self.opts));
            } else if p.is_dir() {
                match walk(p) {
                    Ok(files) => self.pending.extend(files),
                    Err(e) => return Some(Err(e)),
                }
            } else {
                self.current = Some(read_file(p, self.opts));
            }
        }
    }
}

/// Read every input path in order: files, directories (recursively, sorted, known
/// extensions only) and `-` for stdin. One item per document or per failure; documents are
/// produced as they are read (JSONL streams never sit in memory whole).
pub fn read_paths<'a>(paths: &'a [PathBuf], opts: &'a ReadOptions) -> impl Iterator<Item = Result<RawDoc, ReadError>> + 'a {
    Reader { opts, inputs: paths.iter(), pending: VecDeque::new(), current: None }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffing() {
        assert_eq!(sniff(b"  <!DOCTYPE html><html>", None), Format::Html);
        assert_eq!(sniff(b"<?xml version='1.0'?><rss version='2.0'>", None), Format::Feed);
        assert_eq!(sniff(b"<feed xmlns='http://www.w3.org/2005/Atom'>", None), Format::Feed);
        assert_eq!(sniff(b"{\"text\": \"x\"}\n", None), Format::Jsonl);
        assert_eq!(sniff(b"Headline\n\nBody <b>not html</b>.", None), Format::Text);
        assert_eq!(sniff(b"<html><body>saved as txt", Some(Format::Text)), Format::Html);
        assert_eq!(sniff(b"<?xml version='1.0'?><html xmlns='http://www.w3.org/1999/xhtml'>", Some(Format::Feed)), Format::Html);
    }

    #[test]
    fn too_large_and_empty_from_bytes() {
        let opts = ReadOptions { max_bytes: 10, format: None };
        let r = read_bytes(b"Some text longer than ten bytes", "big.txt", Some(Format::Text), &opts);
        assert!(matches!(r[0], Err(ReadError::TooLarge { .. })));
        let r = read_bytes(b" \n\t ", "e.txt", None, &ReadOptions::default());
        assert_eq!(r[0].as_ref().unwrap_err().to_string(), "e.txt: empty file, nothing to analyse (remove it from the input)");
    }
}
