//! Reading the training and dev corpora into plain sentences: UD treebanks (EWT, GUM) for
//! the tagger, and entity-annotated sentences for NER (CoNLL-2003, UNER IOB2, GUM entity
//! annotation). Paths follow the layout of `shared/data` (see its README); each function
//! takes the data root. This module converts; it does not map labels between schemes
//! (that is `ner_data`).

use std::io::BufRead;
use std::path::{Path, PathBuf};

use newsgraph_text::conllu;

use crate::Error;

/// One word of a tagged sentence.
#[derive(Clone, Debug, Default)]
pub struct TaggedWord {
    /// Surface form.
    pub form: String,
    /// UPOS string.
    pub upos: String,
    /// XPOS (PTB) string.
    pub xpos: String,
    /// Lemma.
    pub lemma: String,
}

/// A sentence with gold tags.
pub type TaggedSentence = Vec<TaggedWord>;

/// The EWT file for `split` ("train" or "dev").
pub fn ewt_path(data: &Path, split: &str) -> PathBuf {
    data.join(format!("ud_english_ewt/en_ewt-ud-{split}.conllu"))
}

/// Every GUM dependency file of `split`, sorted by name.
pub fn gum_files(data: &Path, split: &str) -> Result<Vec<PathBuf>, Error> {
    let dir = data.join("gum/dep").join(split);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| Error::io(&dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".conllu.gz"))
        .collect();
    files.sort();
    Ok(files)
}

/// Read a CoNLL-U file (plain or `.gz`).
pub fn read_conllu(path: &Path) -> Result<Vec<conllu::Sentence>, Error> {
    conllu::read_file(path).map_err(|e| match e {
        conllu::Error::Io(source) => Error::io(path, source),
        conllu::Error::Format { line, message } => Error::Corpus { path: path.to_path_buf(), line, message },
    })
}

/// Tagged sentences of CoNLL-U sentences.
pub fn tagged(sents: &[conllu::Sentence]) -> Vec<TaggedSentence> {
    sents
        .iter()
        .map(|s| {
            s.words
                .iter()
                .map(|w| TaggedWord { form: w.form.clone(), upos: w.upos.clone(), xpos: w.xpos.clone(), lemma: w.lemma.clone() })
                .collect()
        })
        .collect()
}

/// The tagger corpora under `data`: EWT + GUM for `split` ("train" or "dev").
pub fn ud_tagged(data: &Path, split: &str, with_gum: bool) -> Result<Vec<TaggedSentence>, Error> {
    let mut out = tagged(&read_conllu(&ewt_path(data, split))?);
    if with_gum {
        for f in gum_files(data, split)? {
            out.extend(tagged(&read_conllu(&f)?));
        }
    }
    Ok(out)
}

/// One sentence with entity spans: `(first, end, label)` over word indices, and whether it
/// starts a new document.
#[derive(Clone, Debug, Default)]
pub struct NerSentence {
    /// Word forms.
    pub words: Vec<String>,
    /// Entity spans `[first, end)` with their label (scheme of the source).
    pub spans: Vec<(usize, usize, String)>,
    /// True for the first sentence of a document.
    pub doc_start: bool,
}

/// Spans of an IOB1/IOB2 tag sequence (`B-X`, `I-X`, `O`): an `I-X` after `O` or after
/// another type opens a span, as conlleval does.
pub fn spans_of_iob(tags: &[&str]) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, &str)> = None;
    for (i, t) in tags.iter().enumerate() {
        let (bio, ty) = match t.split_once('-') {
            Some((b, ty)) => (b, ty),
            None => ("O", ""),
        };
        let continues = bio == "I" && matches!(open, Some((_, o)) if o == ty);
        if !continues {
            if let Some((s, o)) = open.take() {
                out.push((s, i, o.to_string()));
            }
            if bio == "B" || bio == "I" {
                open = Some((i, ty));
            }
        }
    }
    if let Some((s, o)) = open {
        out.push((s, tags.len(), o.to_string()));
    }
    out
}

fn open_text(path: &Path) -> Result<Box<dyn BufRead>, Error> {
    let f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    Ok(Box::new(std::io::BufReader::new(f)))
}

/// Read a CoNLL-2003 file (`token POS chunk NER`, `-DOCSTART-`, blank lines).
pub fn read_conll2003(path: &Path) -> Result<Vec<NerSentence>, Error> {
    let mut out = Vec::new();
    let mut words: Vec<String> = Vec::new();
    let mut tags: Vec<String> = Vec::new();
    let mut doc_start = true;
    let flush = |words: &mut Vec<String>, tags: &mut Vec<String>, doc_start: &mut bool, out: &mut Vec<NerSentence>| {
        if !words.is_empty() {
            let t: Vec<&str> = tags.iter().map(String::as_str).collect();
            out.push(NerSentence { words: std::mem::take(words), spans: spans_of_iob(&t), doc_start: *doc_start });
            tags.clear();
            *doc_start = false;
        }
    };
    for (n, line) in open_text(path)?.lines().enumerate() {
        let line = line.map_err(|e| Error::io(path, e))?;
        let line = line.trim_end();
        if line.is_empty() {
            flush(&mut words, &mut tags, &mut doc_start, &mut out);
            continue;
        }
        let cols: Vec<&str> = line.split_whitespace().collect();
        if cols[0] == "-DOCSTART-" {
            flush(&mut words, &mut tags, &mut doc_start, &mut out);
            doc_start = true;
            continue;
        }
        if cols.len() < 2 {
            return Err(Error::Corpus { path: path.to_path_buf(), line: n + 1, message: "expected a token and an NER tag".into() });
        }
        words.push(cols[0].to_string());
        tags.push(cols[cols.len() - 1].to_string());
    }
    flush(&mut words, &mut tags, &mut doc_start, &mut out);
    Ok(out)
}

/// Read the UNER IOB2 file (`index token tag - annotator`, `#` comments).
pub fn read_uner(path: &Path) -> Result<Vec<NerSentence>, Error> {
    let mut out = Vec::new();
    let mut words: Vec<String> = Vec::new();
    let mut tags: Vec<String> = Vec::new();
    let mut doc_start = false;
    for (n, line) in open_text(path)?.lines().enumerate() {
        let line = line.map_err(|e| Error::io(path, e))?;
        if line.starts_with("# newdoc") {
            doc_start = true;
        }
        if line.starts_with('#') {
            continue;
        }
        if line.trim().is_empty() {
            if !words.is_empty() {
                let t: Vec<&str> = tags.iter().map(String::as_str).collect();
                out.push(NerSentence { words: std::mem::take(&mut words), spans: spans_of_iob(&t), doc_start });
                tags.clear();
                doc_start = false;
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 3 {
            return Err(Error::Corpus { path: path.to_path_buf(), line: n + 1, message: "expected index, token and tag".into() });
        }
        words.push(cols[1].to_string());
        tags.push(cols[2].to_string());
    }
    if !words.is_empty() {
        let t: Vec<&str> = tags.iter().map(String::as_str).collect();
        out.push(NerSentence { words, spans: spans_of_iob(&t), doc_start });
    }
    Ok(out)
}

/// GUM named entities: mentions whose syntactic head is a proper noun, trimmed of leading
/// determiners and trailing punctuation/possessives, typed with GUM's type (person, place,
/// organization, ...). Nested named mentions lose to the outer one.
pub fn gum_named_entities(sents: &[conllu::Sentence]) -> Vec<NerSentence> {
    sents
        .iter()
        .map(|s| {
            let n = s.words.len();
            let mut stack: Vec<(String, usize, String)> = Vec::new(); // (id, start, type)
            let mut mentions: Vec<(usize, usize, String)> = Vec::new();
            for (i, w) in s.words.iter().enumerate() {
                let Some(ent) = w.misc.split('|').find_map(|f| f.strip_prefix("Entity=")) else { continue };
                // Tokens: "(id-type-...", optionally closed by ")" right away, and "id)".
                let mut rest = ent;
                while !rest.is_empty() {
                    if let Some(r) = rest.strip_prefix('(') {
                        let end = r.find(['(', ')']).unwrap_or(r.len());
                        let body = &r[..end];
                        let mut parts = body.split('-');
                        let id = parts.next().unwrap_or("").to_string();
                        let ty = parts.next().unwrap_or("").to_string();
                        if r[end..].starts_with(')') {
                            mentions.push((i, i + 1, ty));
                            rest = &r[end + 1..];
                        } else {
                            stack.push((id, i, ty));
                            rest = &r[end..];
                        }
                    } else {
                        let end = rest.find(')').unwrap_or(rest.len());
                        let id = &rest[..end];
                        if let Some(pos) = stack.iter().rposition(|(sid, _, _)| sid == id) {
                            let (_, start, ty) = stack.remove(pos);
                            mentions.push((start, i + 1, ty));
                        }
                        rest = rest.get(end + 1..).unwrap_or("");
                    }
                }
            }
            let mut named: Vec<(usize, usize, String)> = Vec::new();
            for (a, b, ty) in mentions {
                // The head: the word of the span whose head lies outside it.
                let head = (a..b).find(|&k| {
                    let h = s.words[k].head as usize;
                    h == 0 || h - 1 < a || h - 1 >= b
                });
                let Some(h) = head else { continue };
                if s.words[h].upos != "PROPN" {
                    continue;
                }
                let mut a2 = a;
                while a2 < b && matches!(s.words[a2].upos.as_str(), "DET" | "PUNCT" | "PRON") {
                    a2 += 1;
                }
                let mut b2 = b;
                while b2 > a2 && (matches!(s.words[b2 - 1].upos.as_str(), "PUNCT" | "PART") || s.words[b2 - 1].xpos == "POS") {
                    b2 -= 1;
                }
                if a2 < b2 && b2 - a2 <= 8 {
                    named.push((a2, b2, ty));
                }
            }
            named.sort_by(|x, y| x.0.cmp(&y.0).then(y.1.cmp(&x.1)));
            let mut spans: Vec<(usize, usize, String)> = Vec::new();
            for m in named {
                if spans.last().is_none_or(|l| m.0 >= l.1) {
                    spans.push(m);
                }
            }
            let _ = n;
            NerSentence { words: s.words.iter().map(|w| w.form.clone()).collect(), spans, doc_start: s.new_doc }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iob1_and_iob2_spans() {
        let t = ["I-PER", "I-PER", "O", "I-LOC", "B-LOC", "B-ORG", "I-ORG"];
        assert_eq!(
            spans_of_iob(&t),
            vec![(0, 2, "PER".into()), (3, 4, "LOC".into()), (4, 5, "LOC".into()), (5, 7, "ORG".into())]
        );
    }

    #[test]
    fn gum_entities_keep_named_heads_only() {
        let text = "1\tthe\tthe\tDET\tDT\t_\t3\tdet\t_\tEntity=(1-organization-new\n\
2\tBig\tBig\tPROPN\tNNP\t_\t3\tcompound\t_\t_\n\
3\tCompany\tCompany\tPROPN\tNNP\t_\t0\troot\t_\tEntity=1)\n\
4\tmy\tmy\tPRON\tPRP$\t_\t5\tnmod:poss\t_\tEntity=(2-person-new\n\
5\tfriend\tfriend\tNOUN\tNN\t_\t3\tappos\t_\tEntity=2)\n\n";
        let sents: Vec<_> = conllu::Reader::new(text.as_bytes()).collect::<Result<_, _>>().unwrap();
        let ner = gum_named_entities(&sents);
        assert_eq!(ner[0].spans, vec![(1, 3, "organization".to_string())]);
    }
}
