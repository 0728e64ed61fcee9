//! Writing analyses: `json` (one document: an object; several: an array, streamed), `jsonl`
//! (one compact object per line) and `report` (the readable terminal view in `report.rs`).

use std::io::{self, Write};

use newsgraph_core::Analysis;

/// Output formats of `analyze`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Pretty JSON: an object for one document, an array for several.
    Json,
    /// One compact JSON object per line, streamed.
    Jsonl,
    /// A readable view for the terminal.
    Report,
}

/// Streams analyses to a writer in one format.
pub struct Sink<W: Write> {
    out: W,
    format: Format,
    /// For `json`: the first analysis, held until we know whether a second one follows.
    pending: Option<Analysis>,
    written: usize,
}

impl<W: Write> Sink<W> {
    /// A sink writing `format` to `out`.
    pub fn new(out: W, format: Format) -> Self {
        Sink { out, format, pending: None, written: 0 }
    }

    /// Write one analysis.
    pub fn write(&mut self, analysis: Analysis) -> io::Result<()> {
        match self.format {
            Format::Jsonl => {
                serde_json::to_writer(&mut self.out, &analysis)?;
                self.out.write_all(b"\n")?;
            }
            Format::Report => {
                if self.written > 0 {
                    self.out.write_all(b"\n")?;
                }
                crate::report::write(&mut self.out, &analysis)?;
            }
            Format::Json => match self.pending.take() {
                None if self.written == 0 => {
                    self.pending = Some(analysis);
                    return Ok(());
                }
                Some(first) => {
                    self.out.write_all(b"[\n")?;
                    serde_json::to_writer_pretty(&mut self.out, &first)?;
                    self.out.write_all(b",\n")?;
                    serde_json::to_writer_pretty(&mut self.out, &analysis)?;
                    self.written += 1;
                }
                None => {
                    self.out.write_all(b",\n")?;
                    serde_json::to_writer_pretty(&mut self.out, &analysis)?;
                }
            },
        }
        self.written += 1;
        self.out.flush()
    }

    /// Close the output (the JSON array, or the single pending object). Returns how many
    /// analyses were written.
    pub fn finish(mut self) -> io::Result<usize> {
        if self.format == Format::Json {
            if let Some(only) = self.pending.take() {
                serde_json::to_writer_pretty(&mut self.out, &only)?;
                self.out.write_all(b"\n")?;
                self.written += 1;
            } else if self.written > 1 {
                self.out.write_all(b"\n]\n")?;
            }
        }
        self.out.flush()?;
        Ok(self.written)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsgraph_core::{Doc, Meta};

    fn analysis(text: &str) -> Analysis {
        Analysis::from_doc(&Doc::new(Meta::default(), text.into()))
    }

    #[test]
    fn json_is_an_object_for_one_and_an_array_for_several() {
        let mut one = Vec::new();
        let mut sink = Sink::new(&mut one, Format::Json);
        sink.write(analysis("a")).unwrap();
        assert_eq!(sink.finish().unwrap(), 1);
        assert!(serde_json::from_slice::<serde_json::Value>(&one).unwrap().is_object());

        let mut many = Vec::new();
        let mut sink = Sink::new(&mut many, Format::Json);
        for t in ["a", "b", "c"] {
            sink.write(analysis(t)).unwrap();
        }
        assert_eq!(sink.finish().unwrap(), 3);
        let v: serde_json::Value = serde_json::from_slice(&many).unwrap();
        assert_eq!(v.as_array().unwrap().len(), 3);
    }

    #[test]
    fn jsonl_is_one_object_per_line() {
        let mut out = Vec::new();
        let mut sink = Sink::new(&mut out, Format::Jsonl);
        sink.write(analysis("a")).unwrap();
        sink.write(analysis("b")).unwrap();
        sink.finish().unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text.lines().count(), 2);
        for line in text.lines() {
            serde_json::from_str::<Analysis>(line).unwrap();
        }
    }
}
