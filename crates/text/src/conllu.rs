//! A streaming CoNLL-U reader for the UD treebanks (EWT, GUM): sentences with their comments,
//! words (multiword-token ranges and empty nodes are kept apart from the word list), and the
//! `SpaceAfter=No` flag needed to rebuild raw text. It reads training data; it does not
//! validate the trees.

use std::io::{self, BufRead};

/// One word line (an integer ID) of a CoNLL-U sentence.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Word {
    /// FORM.
    pub form: String,
    /// LEMMA.
    pub lemma: String,
    /// UPOS.
    pub upos: String,
    /// XPOS.
    pub xpos: String,
    /// FEATS.
    pub feats: String,
    /// HEAD (0 = root).
    pub head: u32,
    /// DEPREL.
    pub deprel: String,
    /// MISC.
    pub misc: String,
}

/// A multiword token ("don't" = "do" + "n't" in EWT): its surface form and word range.
#[derive(Debug, Clone, PartialEq)]
pub struct MultiWord {
    /// First word index (0-based into `Sentence::words`).
    pub first: usize,
    /// Last word index, inclusive.
    pub last: usize,
    /// The surface form.
    pub form: String,
    /// MISC of the range line (carries SpaceAfter=No).
    pub misc: String,
}

/// One sentence.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sentence {
    /// `# sent_id`.
    pub id: String,
    /// `# text`.
    pub text: String,
    /// True when `# newdoc` precedes it.
    pub new_doc: bool,
    /// True when `# newpar` precedes it (or `# newdoc`).
    pub new_par: bool,
    /// The words.
    pub words: Vec<Word>,
    /// Multiword tokens.
    pub multiwords: Vec<MultiWord>,
    /// Every comment line, without the leading `# `.
    pub comments: Vec<String>,
}

impl Sentence {
    /// The surface tokens: multiword tokens as one, with their SpaceAfter flag.
    pub fn surface_tokens(&self) -> Vec<(&str, bool)> {
        let mut out = Vec::with_capacity(self.words.len());
        let mut i = 0;
        while i < self.words.len() {
            if let Some(m) = self.multiwords.iter().find(|m| m.first == i) {
                out.push((m.form.as_str(), space_after(&m.misc)));
                i = m.last + 1;
            } else {
                out.push((self.words[i].form.as_str(), space_after(&self.words[i].misc)));
                i += 1;
            }
        }
        out
    }
}

/// False when MISC says `SpaceAfter=No`.
pub fn space_after(misc: &str) -> bool {
    !misc.split('|').any(|f| f == "SpaceAfter=No")
}

/// Errors reading CoNLL-U.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The underlying reader failed.
    #[error("reading CoNLL-U: {0}")]
    Io(#[from] io::Error),
    /// A line that is not CoNLL-U.
    #[error("line {line}: {message}")]
    Format {
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

/// Iterates over the sentences of a CoNLL-U stream.
pub struct Reader<R> {
    input: R,
    line_no: usize,
    buf: String,
}

impl<R: BufRead> Reader<R> {
    /// Read from `input`.
    pub fn new(input: R) -> Self {
        Reader { input, line_no: 0, buf: String::new() }
    }

    fn next_sentence(&mut self) -> Result<Option<Sentence>, Error> {
        let mut s = Sentence::default();
        let mut any = false;
        loop {
            self.buf.clear();
            if self.input.read_line(&mut self.buf)? == 0 {
                return Ok(any.then_some(s));
            }
            self.line_no += 1;
            let line = self.buf.trim_end_matches(['\n', '\r']);
            if line.is_empty() {
                if any {
                    return Ok(Some(s));
                }
                continue;
            }
            any = true;
            if let Some(c) = line.strip_prefix('#') {
                let c = c.trim_start();
                if let Some(v) = c.strip_prefix("sent_id =") {
                    s.id = v.trim().to_string();
                } else if let Some(v) = c.strip_prefix("text =") {
                    s.text = v.trim().to_string();
                } else if c.starts_with("newdoc") {
                    s.new_doc = true;
                    s.new_par = true;
                } else if c.starts_with("newpar") {
                    s.new_par = true;
                }
                s.comments.push(c.to_string());
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() != 10 {
                return Err(Error::Format { line: self.line_no, message: format!("expected 10 tab-separated columns, found {}", cols.len()) });
            }
            let id = cols[0];
            if id.contains('.') {
                continue; // empty node of the enhanced graph
            }
            if let Some((a, b)) = id.split_once('-') {
                let (a, b) = (parse_id(a, self.line_no)?, parse_id(b, self.line_no)?);
                s.multiwords.push(MultiWord { first: a - 1, last: b - 1, form: cols[1].to_string(), misc: cols[9].to_string() });
                continue;
            }
            parse_id(id, self.line_no)?;
            s.words.push(Word {
                form: cols[1].to_string(),
                lemma: cols[2].to_string(),
                upos: cols[3].to_string(),
                xpos: cols[4].to_string(),
                feats: cols[5].to_string(),
                head: cols[6].parse().unwrap_or(0),
                deprel: cols[7].to_string(),
                misc: cols[9].to_string(),
            });
        }
    }
}

fn parse_id(s: &str, line: usize) -> Result<usize, Error> {
    s.parse::<usize>().ok().filter(|&n| n > 0).ok_or_else(|| Error::Format { line, message: format!("bad word id {s:?}") })
}

impl<R: BufRead> Iterator for Reader<R> {
    type Item = Result<Sentence, Error>;
    fn next(&mut self) -> Option<Self::Item> {
        self.next_sentence().transpose()
    }
}

/// Read every sentence of a CoNLL-U file; `.gz` files are decompressed.
pub fn read_file(path: &std::path::Path) -> Result<Vec<Sentence>, Error> {
    let file = std::fs::File::open(path)?;
    let input: Box<dyn BufRead> = if path.extension().is_some_and(|e| e == "gz") {
        Box::new(io::BufReader::new(flate2::read::GzDecoder::new(file)))
    } else {
        Box::new(io::BufReader::new(file))
    };
    Reader::new(input).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# newdoc id = d1\n# sent_id = s1\n# text = I don't know.\n1\tI\tI\tPRON\tPRP\t_\t4\tnsubj\t_\t_\n2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_\n3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n4.1\tx\t_\t_\t_\t_\t_\t_\t_\t_\n5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\n";

    #[test]
    fn reads_words_multiwords_and_comments() {
        let sents: Vec<_> = Reader::new(SAMPLE.as_bytes()).collect::<Result<_, _>>().unwrap();
        assert_eq!(sents.len(), 1);
        let s = &sents[0];
        assert_eq!(s.id, "s1");
        assert_eq!(s.text, "I don't know.");
        assert!(s.new_doc && s.new_par);
        assert_eq!(s.words.len(), 5);
        assert_eq!(s.words[3].head, 0);
        assert_eq!(s.surface_tokens(), vec![("I", true), ("don't", true), ("know", false), (".", true)]);
    }

    #[test]
    fn bad_column_count_names_the_line() {
        let err = Reader::new("# x\n1\tI\n".as_bytes()).next().unwrap().unwrap_err();
        assert!(err.to_string().starts_with("line 2:"), "{err}");
    }
}
