//! `newsgraph tag --input conllu|conll FILE`: tag pre-tokenised text with the shipped models
//! and write it back in the same format (CoNLL-U with LEMMA, UPOS, XPOS, HEAD and DEPREL
//! (when the models directory has `parser.bin`) and `NER=` in MISC, FEATS and DEPS left `_`,
//! the input MISC kept; CoNLL-2003 style with the IOB2 tag appended). It reads only the token column(s) it needs; comments, multiword-token ranges
//! and `-DOCSTART-` lines pass through.

use std::io::{BufRead, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use newsgraph_core::tagsets;
use newsgraph_nlp::ner::{DocStats, NerScratch, TYPES};
use newsgraph_nlp::parser::vote::{Vote, VoteScratch};
use newsgraph_nlp::tagger::TagScratch;
use newsgraph_nlp::{stage, Models};

/// Input formats.
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Format {
    /// CoNLL-U: ID and FORM are read; LEMMA, UPOS, XPOS, HEAD, DEPREL and MISC `NER=` are
    /// written.
    Conllu,
    /// One token per line (first column), blank line between sentences, `-DOCSTART-` kept.
    Conll,
}

/// Flags of `tag`.
#[derive(clap::Args)]
pub struct Args {
    /// Input format.
    #[arg(long, value_enum)]
    pub input: Format,
    /// The file to tag (`-` for standard input).
    pub file: PathBuf,
    /// Models directory (default: $NEWSGRAPH_MODELS or the repository's models/).
    #[arg(long)]
    pub models: Option<PathBuf>,
    /// Parser model file instead of MODELS/parser.bin (`models/parser-beam.bin`: beam
    /// search, more accurate, about half the speed); repeat it to let several parsers vote
    /// on each arc, as in `analyze --parser`.
    #[arg(long, value_name = "FILE")]
    pub parser: Vec<PathBuf>,
}

struct Tagging {
    models: Models,
    /// The parser, when the models directory has one (CoNLL-U output only).
    parser: Option<Vote>,
    parse: VoteScratch,
    heads: Vec<u32>,
    deprels: Vec<u8>,
    tag: TagScratch,
    ner: NerScratch,
    labels: Vec<u16>,
    xpos: Vec<u8>,
    upos: Vec<u8>,
    spans: Vec<(usize, usize, u8)>,
    iob: Vec<String>,
}

impl Tagging {
    /// Tag one sentence; fills `labels`, `xpos` and `iob`, and `heads` and `deprels` when
    /// there is a parser.
    fn run(&mut self, forms: &[&str], doc: &DocStats) {
        self.models.tagger.tag(forms, &mut self.tag, &mut self.labels);
        self.xpos.clear();
        self.xpos.extend(self.labels.iter().map(|&l| self.models.tagger.xpos(l)));
        if let Some(parser) = &self.parser {
            self.upos.clear();
            self.upos.extend(self.labels.iter().map(|&l| self.models.tagger.upos(l)));
            parser.parse(forms, &self.xpos, &self.upos, &mut self.parse, &mut self.heads, &mut self.deprels);
        }
        self.models.ner.recognize(forms, &self.xpos, doc, &mut self.ner, &mut self.spans);
        self.iob.clear();
        self.iob.resize(forms.len(), "O".to_string());
        for &(a, b, t) in &self.spans {
            let name = TYPES[t as usize];
            self.iob[a] = format!("B-{name}");
            for k in a + 1..b {
                self.iob[k] = format!("I-{name}");
            }
        }
    }
}

/// A piece of the input: a line passed through, or a sentence's lines.
enum Item {
    Pass(String),
    Sentence(Vec<String>),
}

fn forms_of(format: Format, lines: &[String]) -> Vec<(usize, &str)> {
    match format {
        Format::Conll => lines.iter().enumerate().map(|(i, l)| (i, l.split_whitespace().next().unwrap_or(""))).collect(),
        Format::Conllu => lines
            .iter()
            .enumerate()
            .filter(|(_, l)| !l.starts_with('#'))
            .filter_map(|(i, l)| {
                let mut c = l.split('\t');
                let id = c.next()?;
                (!id.is_empty() && id.bytes().all(|b| b.is_ascii_digit())).then(|| (i, c.next().unwrap_or("")))
            })
            .collect(),
    }
}

pub fn run(a: Args) -> Result<ExitCode> {
    let dir = a.models.unwrap_or_else(stage::default_models_dir);
    let models = Models::load(&dir)?;
    let parser = match a.input {
        Format::Conllu => newsgraph_pipeline::load_parsers(&dir, &a.parser)?,
        _ => None,
    };
    let input: Box<dyn BufRead> = if a.file.as_os_str() == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(std::io::BufReader::new(std::fs::File::open(&a.file).with_context(|| format!("opening {}", a.file.display()))?))
    };
    // Read documents whole: NER uses document-level counts (see `DocStats`).
    let name = a.file.display().to_string();
    let mut items: Vec<(usize, Item)> = Vec::new();
    let mut lines: Vec<String> = Vec::new();
    let mut doc = 0usize;
    for line in input.lines() {
        let line = line.with_context(|| format!("reading {name}"))?;
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !lines.is_empty() {
                items.push((doc, Item::Sentence(std::mem::take(&mut lines))));
            }
        } else if matches!(a.input, Format::Conll) && line.starts_with("-DOCSTART-") {
            if !lines.is_empty() {
                items.push((doc, Item::Sentence(std::mem::take(&mut lines))));
            }
            doc += 1;
            items.push((doc, Item::Pass(line.to_string())));
        } else {
            if matches!(a.input, Format::Conllu) && lines.is_empty() && line.starts_with("# newdoc") {
                doc += 1;
            }
            lines.push(line.to_string());
        }
    }
    if !lines.is_empty() {
        items.push((doc, Item::Sentence(lines)));
    }
    let mut stats = vec![DocStats::default(); doc + 1];
    for (d, item) in &items {
        if let Item::Sentence(l) = item {
            let forms: Vec<&str> = forms_of(a.input, l).into_iter().map(|(_, f)| f).collect();
            stats[*d].add_sentence(&forms);
        }
    }
    let mut out = BufWriter::new(std::io::stdout().lock());
    let mut t = Tagging {
        models,
        parser,
        parse: VoteScratch::default(),
        heads: vec![],
        deprels: vec![],
        tag: TagScratch::default(),
        ner: NerScratch::default(),
        labels: vec![],
        xpos: vec![],
        upos: vec![],
        spans: vec![],
        iob: vec![],
    };
    let mut lemma = String::new();
    for (d, item) in &items {
        let lines = match item {
            Item::Pass(l) => {
                writeln!(out, "{l}")?;
                if matches!(a.input, Format::Conll) {
                    writeln!(out)?;
                }
                continue;
            }
            Item::Sentence(l) => l,
        };
        let words = forms_of(a.input, lines);
        let forms: Vec<&str> = words.iter().map(|(_, f)| *f).collect();
        t.run(&forms, &stats[*d]);
        let mut w = 0;
        for (i, l) in lines.iter().enumerate() {
            if w < words.len() && words[w].0 == i {
                match a.input {
                    Format::Conll => {
                        let sep = if l.contains('\t') { "\t" } else { " " };
                        writeln!(out, "{l}{sep}{}", t.iob[w])?;
                    }
                    Format::Conllu => {
                        let c: Vec<&str> = l.split('\t').collect();
                        let label = t.labels[w];
                        let xp = t.models.tagger.xpos(label);
                        t.models.tagger.lemmatize(forms[w], xp, &mut lemma);
                        let misc = match c.get(9).copied().filter(|m| !m.is_empty() && *m != "_") {
                            Some(m) => format!("{m}|NER={}", t.iob[w]),
                            None => format!("NER={}", t.iob[w]),
                        };
                        let col = |k: usize| c.get(k).copied().unwrap_or("_");
                        let (head, deprel) = match t.parser {
                            Some(_) => (t.heads[w].to_string(), tagsets::DEPRELS[t.deprels[w] as usize]),
                            None => ("_".to_string(), "_"),
                        };
                        writeln!(
                            out,
                            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                            col(0),
                            col(1),
                            lemma,
                            tagsets::UPOS[t.models.tagger.upos(label) as usize],
                            tagsets::XPOS[xp as usize],
                            "_",
                            head,
                            deprel,
                            "_",
                            misc
                        )?;
                    }
                }
                w += 1;
            } else {
                writeln!(out, "{l}")?;
            }
        }
        writeln!(out)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
