//! JSONL / NDJSON: one document per line, read line by line so that memory stays bounded on
//! streams of any size (only one line, at most `max_bytes`, is held at a time). Fields:
//! `text` (or `body`, `content`), `title`, `published` (or `date`), `url`, `source`, `id`,
//! `byline` (or `author`), `language` (or `lang`). A bad line is an error naming the file and
//! line, and reading goes on with the next one.

use std::io::BufRead;

use newsgraph_core::Meta;
use serde_json::Value;

use super::{date, RawDoc, ReadError};

/// An iterator over the documents of a JSONL stream.
pub struct JsonlDocs<R> {
    input: R,
    name: String,
    line_no: u64,
    max_bytes: u64,
    buf: Vec<u8>,
    done: bool,
}

impl<R: BufRead> JsonlDocs<R> {
    /// Read `input`; `name` is used in origins and errors.
    pub fn new(input: R, name: String, max_bytes: u64) -> Self {
        JsonlDocs { input, name, line_no: 0, max_bytes, buf: Vec::new(), done: false }
    }

    /// Read one line into `buf`, without the newline. Returns the length of the whole line;
    /// a line longer than `max_bytes` is consumed but not kept.
    fn next_line(&mut self) -> std::io::Result<Option<u64>> {
        self.buf.clear();
        let mut total = 0u64;
        let mut any = false;
        loop {
            let chunk = match self.input.fill_buf() {
                Ok(c) => c,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if chunk.is_empty() {
                return Ok(any.then_some(total));
            }
            any = true;
            let (part, found) = match memchr::memchr(b'\n', chunk) {
                Some(i) => (&chunk[..i], Some(i + 1)),
                None => (chunk, None),
            };
            total += part.len() as u64;
            if total <= self.max_bytes {
                self.buf.extend_from_slice(part);
            }
            let used = found.unwrap_or(chunk.len());
            self.input.consume(used);
            if found.is_some() {
                return Ok(Some(total));
            }
        }
    }
}

fn field<'v>(obj: &'v serde_json::Map<String, Value>, keys: &[&str]) -> Option<&'v Value> {
    keys.iter().find_map(|k| obj.get(*k).filter(|v| !v.is_null()))
}

fn string_field(obj: &serde_json::Map<String, Value>, keys: &[&str]) -> Option<String> {
    match field(obj, keys)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(a) => {
            let parts: Vec<&str> = a.iter().filter_map(Value::as_str).collect();
            (!parts.is_empty()).then(|| parts.join(", "))
        }
        _ => None,
    }
}

/// Parse one JSONL line into a document.
pub fn parse_line(line: &str, origin: String) -> Result<RawDoc, String> {
    let v: Value = serde_json::from_str(line).map_err(|e| format!("invalid JSON ({e})"))?;
    let Value::Object(obj) = v else { return Err("not a JSON object".into()) };
    let body = match field(&obj, &["text", "body", "content"]) {
        Some(Value::String(s)) if !s.trim().is_empty() => s.clone(),
        Some(Value::String(_)) => return Err("the text field is empty".into()),
        Some(_) => return Err("the text field is not a string".into()),
        None => return Err("no text field (expected \"text\", \"body\" or \"content\")".into()),
    };
    let published = string_field(&obj, &["published", "date", "published_at", "datePublished"]);
    let meta = Meta {
        id: string_field(&obj, &["id"]),
        title: string_field(&obj, &["title", "headline"]),
        published: published.map(|p| date::normalize(&p).unwrap_or(p)),
        url: string_field(&obj, &["url", "link"]),
        source: string_field(&obj, &["source", "site", "outlet"]),
        byline: string_field(&obj, &["byline", "author", "authors"]),
        language: string_field(&obj, &["language", "lang"]),
        origin: Some(origin),
        ..Meta::default()
    };
    Ok(RawDoc { meta, body })
}

impl<R: BufRead> Iterator for JsonlDocs<R> {
    type Item = Result<RawDoc, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.done {
                return None;
            }
            let len = match self.next_line() {
                Ok(Some(len)) => len,
                Ok(None) => {
                    self.done = true;
                    return None;
                }
                Err(source) => {
                    self.done = true;
                    return Some(Err(ReadError::Io { path: self.name.clone(), source }));
                }
            };
            self.line_no += 1;
            let path = || format!("{}:{}", self.name, self.line_no);
            if len > self.max_bytes {
                return Some(Err(ReadError::TooLarge { path: path(), size: len, limit: self.max_bytes }));
            }
            let line = match std::str::from_utf8(&self.buf) {
                Ok(l) => l.trim(),
                Err(_) => {
                    return Some(Err(ReadError::Jsonl { path: self.name.clone(), line: self.line_no, problem: "not valid UTF-8".into() }))
                }
            };
            let line = line.strip_prefix('\u{feff}').unwrap_or(line);
            if line.is_empty() {
                continue;
            }
            return Some(
                parse_line(line, path())
                    .map_err(|problem| ReadError::Jsonl { path: self.name.clone(), line: self.line_no, problem }),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_bad_and_blank_lines() {
        let data = "{\"text\":\"One.\",\"title\":\"A\",\"date\":\"Fri, 30 Jun 2023 10:00:00 GMT\",\"id\":7}\n\n{oops\n{\"body\":\"Two.\",\"author\":[\"X\",\"Y\"]}\n[1]\n{\"title\":\"no text\"}";
        let docs: Vec<_> = JsonlDocs::new(data.as_bytes(), "f.jsonl".into(), 1 << 20).collect();
        assert_eq!(docs.len(), 5);
        let d = docs[0].as_ref().unwrap();
        assert_eq!(d.body, "One.");
        assert_eq!(d.meta.id.as_deref(), Some("7"));
        assert_eq!(d.meta.published.as_deref(), Some("2023-06-30T10:00:00Z"));
        assert_eq!(d.meta.origin.as_deref(), Some("f.jsonl:1"));
        let e = docs[1].as_ref().unwrap_err().to_string();
        assert!(e.starts_with("f.jsonl:3: malformed JSONL line: invalid JSON"), "{e}");
        assert_eq!(docs[2].as_ref().unwrap().meta.byline.as_deref(), Some("X, Y"));
        assert!(docs[3].as_ref().unwrap_err().to_string().contains("f.jsonl:5: malformed JSONL line: not a JSON object"));
        assert!(docs[4].as_ref().unwrap_err().to_string().contains("no text field"));
    }

    /// An endless generated stream: documents come out while the input is still being
    /// produced, so memory does not grow with the stream (only one line is buffered).
    #[test]
    fn streams_without_reading_ahead() {
        struct Endless {
            produced: u64,
            pending: Vec<u8>,
        }
        impl std::io::Read for Endless {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                if self.pending.is_empty() {
                    self.produced += 1;
                    self.pending = format!("{{\"id\":{},\"text\":\"Document number {}.\"}}\n", self.produced, self.produced).into_bytes();
                }
                let n = buf.len().min(self.pending.len());
                buf[..n].copy_from_slice(&self.pending[..n]);
                self.pending.drain(..n);
                Ok(n)
            }
        }
        let reader = std::io::BufReader::with_capacity(4096, Endless { produced: 0, pending: Vec::new() });
        let mut docs = JsonlDocs::new(reader, "gen".into(), 1 << 20);
        for i in 1..=100_000u64 {
            let d = docs.next().unwrap().unwrap();
            assert_eq!(d.meta.id, Some(i.to_string()));
        }
        // The line buffer holds one line, not the stream.
        assert!(docs.buf.capacity() < 4096, "{}", docs.buf.capacity());
    }

    #[test]
    fn long_line_refused_and_stream_continues() {
        let data = format!("{{\"text\":\"{}\"}}\n{{\"text\":\"ok\"}}\n", "x".repeat(100));
        let docs: Vec<_> = JsonlDocs::new(std::io::BufReader::with_capacity(16, data.as_bytes()), "s".into(), 50).collect();
        assert!(matches!(docs[0], Err(ReadError::TooLarge { size: 111, .. })));
        assert_eq!(docs[1].as_ref().unwrap().body, "ok");
    }
}
