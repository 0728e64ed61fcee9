//! Turning the NER corpora into training examples with internal (OntoNotes) types, by
//! explicit mappings (documented in models/MODELS.md):
//!
//! - CoNLL-2003: PER → PERSON, ORG → ORG; LOC → FAC when its last word is a facility word,
//!   LOC when a region/natural-feature name, else GPE (countries, cities, states and the
//!   unknown towns that dominate CoNLL LOC); MISC → NORP when its words are nationality or
//!   religion words, EVENT/LAW by head word, else the internal MISC.
//! - GUM (named mentions only: proper-noun heads): person → PERSON (NORP for nationality
//!   words), organization → ORG, place → as CoNLL LOC, event → EVENT, object → PRODUCT,
//!   abstract → MISC; time, substance, animal, plant are left out (O); with
//!   [`Sources::trim_titles`] (the shipped model) leading person titles (Mr., Dr.,
//!   President, …) are trimmed from person spans. GUM does not annotate nationality adjectives, so capitalised
//!   NORP-list words outside any mention become NORP.
//!
//! - [`Sources::uner_copies`] copies (8 in the shipped model) of UNER EWT dev, training
//!   half only (even-numbered documents in file order, see [`split_uner_docs`]): PER → PERSON, ORG → ORG, LOC → as CoNLL LOC when the gazetteer or
//!   the head-word lists know the span, else FAC (UNER LOC in web text is mostly venues:
//!   restaurants, shops, hotels; CoNLL's unknown LOC is mostly towns, hence GPE there).
//!   The odd-numbered documents are never trained on: they are the honest held-out score.
//!
//! Every example gets XPOS from our own tagger, as at run time.

use std::path::Path;

use newsgraph_core::tagsets;

use crate::corpus::{self, NerSentence};
use crate::gazetteer::{Cat, Gazetteer};
use crate::ner::{Example, TYPES};
use crate::perceptron::Rng;
use crate::tagger::{TagScratch, Tagger};
use crate::word::Words;
use crate::Error;

/// Last words of natural places and regions: a place span ending in one is LOC, not GPE.
const LOC_WORDS: &[&str] = &[
    "river", "mountain", "mountains", "mount", "mt.", "sea", "ocean", "lake", "valley", "island", "islands", "bay",
    "desert", "peninsula", "strait", "straits", "gulf", "coast", "basin", "forest", "canyon", "falls", "hills", "alps",
    "region", "channel", "plateau",
];

fn ty(name: &str) -> u8 {
    TYPES.iter().position(|t| *t == name).unwrap_or(10) as u8
}

fn has(mask: u16, c: Cat) -> bool {
    mask & (1 << c as u16) != 0
}

/// Internal type of a place span `[a, b)`.
fn place_type(w: &Words, g: &Gazetteer, a: usize, b: usize) -> u8 {
    let whole = g.lookup_span(w, a, b);
    let last = g.lookup_span(w, b - 1, b);
    if has(whole, Cat::Region) {
        return ty("LOC");
    }
    if has(whole, Cat::Country) || has(whole, Cat::City) || has(whole, Cat::Admin) {
        return ty("GPE");
    }
    if b - a > 1 && has(last, Cat::FacWord) {
        return ty("FAC");
    }
    if LOC_WORDS.contains(&w.norm(b - 1)) || (b - a > 1 && LOC_WORDS.contains(&w.norm(a))) {
        return ty("LOC");
    }
    ty("GPE")
}

/// Internal type of a UNER LOC span: as [`place_type`] when the gazetteer or the word lists
/// say something about it, else FAC (see the module comment).
fn uner_place_type(w: &Words, g: &Gazetteer, a: usize, b: usize) -> u8 {
    let known = g.lookup_span(w, a, b) != 0
        || (b - a > 1 && has(g.lookup_span(w, b - 1, b), Cat::FacWord))
        || LOC_WORDS.contains(&w.norm(b - 1))
        || (b - a > 1 && LOC_WORDS.contains(&w.norm(a)));
    if known {
        place_type(w, g, a, b)
    } else {
        ty("FAC")
    }
}

/// UNER spans (PER/ORG/LOC) → internal types; see the module comment.
pub fn map_uner(s: &NerSentence, g: &Gazetteer, w: &mut Words) -> Vec<(usize, usize, u8)> {
    w.fill(&s.words);
    s.spans
        .iter()
        .filter_map(|(a, b, l)| {
            let t = match l.as_str() {
                "PER" => ty("PERSON"),
                "ORG" => ty("ORG"),
                "LOC" => uner_place_type(w, g, *a, *b),
                _ => return None,
            };
            Some((*a, *b, t))
        })
        .collect()
}

/// Split UNER EWT dev sentences by document (a document starts at a `# newdoc` line, i.e.
/// `doc_start`): documents 0, 2, 4, … in file order form the training half, 1, 3, 5, … the
/// held-out half. Alternating keeps both halves balanced over the genres, which the file
/// stores in blocks (answers, e-mail, newsgroups, reviews, weblogs). Sentences before the
/// first `doc_start` belong to document 0.
pub fn split_uner_docs(sents: Vec<NerSentence>) -> (Vec<NerSentence>, Vec<NerSentence>) {
    let (mut train, mut held) = (Vec::new(), Vec::new());
    let mut doc = 0usize;
    let mut first = true;
    for s in sents {
        if s.doc_start && !first {
            doc += 1;
        }
        first = false;
        if doc % 2 == 0 {
            train.push(s);
        } else {
            held.push(s);
        }
    }
    (train, held)
}

fn uner_file(data: &Path) -> std::path::PathBuf {
    data.join("uner_english_ewt/en_ewt-ud-dev.iob2")
}

fn all_norp(w: &Words, g: &Gazetteer, a: usize, b: usize) -> bool {
    has(g.lookup_span(w, a, b), Cat::Norp) || (a..b).all(|i| has(g.lookup_span(w, i, i + 1), Cat::Norp))
}

/// CoNLL-2003 spans (PER/ORG/LOC/MISC) → internal types.
pub fn map_conll(s: &NerSentence, g: &Gazetteer, w: &mut Words) -> Vec<(usize, usize, u8)> {
    w.fill(&s.words);
    s.spans
        .iter()
        .map(|(a, b, l)| {
            let (a, b) = (*a, *b);
            let t = match l.as_str() {
                "PER" => ty("PERSON"),
                "ORG" => ty("ORG"),
                "LOC" => place_type(w, g, a, b),
                _ => {
                    let last = g.lookup_span(w, b - 1, b);
                    if all_norp(w, g, a, b) {
                        ty("NORP")
                    } else if b - a > 1 && has(last, Cat::EventWord) {
                        ty("EVENT")
                    } else if b - a > 1 && has(last, Cat::LawWord) {
                        ty("LAW")
                    } else {
                        ty("MISC")
                    }
                }
            };
            (a, b, t)
        })
        .collect()
}

/// GUM named mentions (GUM types) → internal types; see the module comment.
/// With `trim_titles`, person spans lose their leading titles.
pub fn map_gum(s: &NerSentence, g: &Gazetteer, w: &mut Words, trim_titles: bool) -> Vec<(usize, usize, u8)> {
    w.fill(&s.words);
    let mut out: Vec<(usize, usize, u8)> = Vec::new();
    for (a, b, l) in &s.spans {
        let (mut a, b) = (*a, *b);
        if trim_titles && l == "person" {
            // GUM person mentions include leading titles ("Dr. Vincent Kaminski"); CoNLL,
            // OntoNotes and UNER leave them out, so trim them (keeping at least one word).
            while b - a > 1 && has(g.lookup_span(w, a, a + 1), Cat::Title) {
                a += 1;
            }
        }
        let t = match l.as_str() {
            _ if all_norp(w, g, a, b) => ty("NORP"),
            "person" => ty("PERSON"),
            "organization" => ty("ORG"),
            "place" => place_type(w, g, a, b),
            "event" => ty("EVENT"),
            "object" => ty("PRODUCT"),
            "abstract" => ty("MISC"),
            _ => continue,
        };
        out.push((a, b, t));
    }
    for i in 0..s.words.len() {
        let covered = s.spans.iter().any(|(a, b, _)| *a <= i && i < *b);
        if !covered && w.flags(i) & crate::word::CAP != 0 && has(g.lookup_span(w, i, i + 1), Cat::Norp) {
            out.push((i, i + 1, ty("NORP")));
        }
    }
    out.sort_unstable();
    out
}

fn xpos_of(tagger: &Tagger, words: &[String], scratch: &mut TagScratch, labels: &mut Vec<u16>) -> Vec<u8> {
    tagger.tag(words, scratch, labels);
    labels.iter().map(|&l| tagger.xpos(l)).collect()
}

/// Training-set choices beyond the fixed corpora (the defaults made the shipped model).
#[derive(Debug, Clone, Copy)]
pub struct Sources {
    /// A lowercased copy of one document in this many (0: none).
    pub lower_every: usize,
    /// Copies of the UNER EWT dev training half (0: none; see [`split_uner_docs`]).
    pub uner_copies: usize,
    /// Trim leading titles from GUM person spans, as CoNLL, OntoNotes and UNER annotate them.
    pub trim_titles: bool,
}

impl Default for Sources {
    fn default() -> Self {
        Sources { lower_every: 3, uner_copies: 0, trim_titles: false }
    }
}

/// The NER training set: CoNLL-2003 eng.train and GUM train, `uner_copies` copies of the
/// UNER EWT dev training half (see [`Sources`]), each sentence tagged by `tagger`, plus a
/// lowercased copy of one document in `lower_every` (0: none).
pub fn training_set(data: &Path, tagger: &Tagger, g: &Gazetteer, sources: Sources, seed: u64) -> Result<Vec<Example>, Error> {
    let Sources { lower_every, uner_copies, trim_titles } = sources;
    let mut w = Words::default();
    // Documents of (words, spans).
    let mut docs: Vec<Vec<(Vec<String>, Vec<(usize, usize, u8)>)>> = Vec::new();
    for s in corpus::read_conll2003(&data.join("conll2003/eng.train"))? {
        if s.doc_start || docs.is_empty() {
            docs.push(Vec::new());
        }
        let spans = map_conll(&s, g, &mut w);
        docs.last_mut().expect("a document").push((s.words, spans));
    }
    for f in corpus::gum_files(data, "train")? {
        docs.push(Vec::new());
        for s in corpus::gum_named_entities(&corpus::read_conllu(&f)?) {
            let spans = map_gum(&s, g, &mut w, trim_titles);
            docs.last_mut().expect("a document").push((s.words, spans));
        }
    }
    if uner_copies > 0 {
        let (half, _) = split_uner_docs(corpus::read_uner(&uner_file(data))?);
        let mut udocs: Vec<Vec<(Vec<String>, Vec<(usize, usize, u8)>)>> = Vec::new();
        for s in half {
            if s.doc_start || udocs.is_empty() {
                udocs.push(Vec::new());
            }
            let spans = map_uner(&s, g, &mut w);
            udocs.last_mut().expect("a document").push((s.words, spans));
        }
        for _ in 0..uner_copies {
            docs.extend(udocs.iter().cloned());
        }
    }
    let mut rng = Rng::new(seed ^ 0x5eed);
    let mut scratch = TagScratch::default();
    let mut labels = Vec::new();
    let mut out = Vec::new();
    let mut doc = 0u32;
    for d in docs {
        if lower_every > 0 && rng.next_u64() % lower_every as u64 == 0 {
            for (words, spans) in &d {
                let lw: Vec<String> = words.iter().map(|x| x.to_lowercase()).collect();
                let xpos = xpos_of(tagger, &lw, &mut scratch, &mut labels);
                out.push(Example { words: lw, xpos, spans: spans.clone(), doc });
            }
            doc += 1;
        }
        for (words, spans) in d {
            let xpos = xpos_of(tagger, &words, &mut scratch, &mut labels);
            out.push(Example { words, xpos, spans, doc });
        }
        doc += 1;
    }
    Ok(out)
}

/// Casing counts for the gazetteer's `Common` list from the unlabelled training texts under
/// `data`: the PolNeAR train articles (raw news text) and the words of the UD EWT and GUM
/// train treebanks. No dev or test text is read.
pub fn casing_counts(data: &Path) -> Result<crate::casing::CasingCounts, Error> {
    let mut c = crate::casing::CasingCounts::default();
    let dir = data.join("polnear/train/text");
    let mut files: Vec<_> = std::fs::read_dir(&dir).map_err(|e| Error::io(&dir, e))?.filter_map(|e| e.ok().map(|e| e.path())).collect();
    files.sort();
    for f in files {
        c.add_text(&std::fs::read_to_string(&f).map_err(|e| Error::io(&f, e))?);
    }
    for s in corpus::ud_tagged(data, "train", true)? {
        let forms: Vec<&str> = s.iter().map(|w| w.form.as_str()).collect();
        c.add_sentence(&forms);
    }
    Ok(c)
}

/// A dev set of external-scheme sentences, tagged by `tagger`.
pub fn dev_set(sents: Vec<NerSentence>, tagger: &Tagger) -> Vec<(Example, Vec<(usize, usize, String)>)> {
    let mut scratch = TagScratch::default();
    let mut labels = Vec::new();
    let mut doc = 0u32;
    let mut first = true;
    sents
        .into_iter()
        .map(|s| {
            if s.doc_start && !first {
                doc += 1;
            }
            first = false;
            let xpos = xpos_of(tagger, &s.words, &mut scratch, &mut labels);
            (Example { words: s.words, xpos, spans: Vec::new(), doc }, s.spans)
        })
        .collect()
}

/// CoNLL-2003 eng.testa as a dev set (PER/ORG/LOC/MISC).
pub fn conll_dev(data: &Path, tagger: &Tagger) -> Result<Vec<(Example, Vec<(usize, usize, String)>)>, Error> {
    Ok(dev_set(corpus::read_conll2003(&data.join("conll2003/eng.testa"))?, tagger))
}

/// UNER EWT dev as a dev set (PER/ORG/LOC), all documents (half of them are trained on when
/// `train ner --uner-copies` > 0).
pub fn uner_dev(data: &Path, tagger: &Tagger) -> Result<Vec<(Example, Vec<(usize, usize, String)>)>, Error> {
    Ok(dev_set(corpus::read_uner(&uner_file(data))?, tagger))
}

/// The held-out half of UNER EWT dev (odd-numbered documents, never trained on).
pub fn uner_heldout(data: &Path, tagger: &Tagger) -> Result<Vec<(Example, Vec<(usize, usize, String)>)>, Error> {
    Ok(dev_set(split_uner_docs(corpus::read_uner(&uner_file(data))?).1, tagger))
}

/// XPOS id of a tag string (0 when unknown), for callers that have gold tags.
pub fn xpos_id(tag: &str) -> u8 {
    tagsets::id_of(&tagsets::XPOS, tag).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conll_mapping_splits_loc_and_misc() {
        let mut g = Gazetteer::builtin();
        g.add("Paris", Cat::City);
        let s = NerSentence {
            words: ["German", "tourists", "left", "Paris", "for", "the", "Rhine", "River", "and", "the", "World", "Cup"]
                .iter()
                .map(|s| s.to_string())
                .collect(),
            spans: vec![(0, 1, "MISC".into()), (3, 4, "LOC".into()), (6, 8, "LOC".into()), (10, 12, "MISC".into())],
            doc_start: true,
        };
        let mut w = Words::default();
        let m = map_conll(&s, &g, &mut w);
        assert_eq!(m, vec![(0, 1, ty("NORP")), (3, 4, ty("GPE")), (6, 8, ty("LOC")), (10, 12, ty("EVENT"))]);
    }

    fn sent(word: &str, doc_start: bool) -> NerSentence {
        NerSentence { words: vec![word.to_string()], spans: Vec::new(), doc_start }
    }

    #[test]
    fn uner_split_is_by_document_deterministic_disjoint_and_complete() {
        // 5 documents of 1–3 sentences; each word names its document and sentence.
        let mut sents = Vec::new();
        for (d, n) in [(0, 2), (1, 1), (2, 3), (3, 2), (4, 1)] {
            for i in 0..n {
                sents.push(sent(&format!("d{d}s{i}"), i == 0));
            }
        }
        let words = |v: &[NerSentence]| v.iter().map(|s| s.words[0].clone()).collect::<Vec<_>>();
        let (a, b) = split_uner_docs(sents.clone());
        let (a2, b2) = split_uner_docs(sents.clone());
        assert_eq!((words(&a), words(&b)), (words(&a2), words(&b2)));
        assert_eq!(words(&a), ["d0s0", "d0s1", "d2s0", "d2s1", "d2s2", "d4s0"]);
        assert_eq!(words(&b), ["d1s0", "d3s0", "d3s1"]);
        // Complete: every sentence lands in exactly one half, and documents stay whole.
        let mut all = words(&a);
        all.extend(words(&b));
        all.sort();
        let mut expect = words(&sents);
        expect.sort();
        assert_eq!(all, expect);
        // Each half still starts its documents, so document statistics stay per document.
        assert_eq!(a.iter().filter(|s| s.doc_start).count(), 3);
        assert_eq!(b.iter().filter(|s| s.doc_start).count(), 2);
    }

    #[test]
    fn gum_person_spans_lose_leading_titles() {
        let g = Gazetteer::builtin();
        let s = NerSentence {
            words: ["Dr.", "Vincent", "Kaminski", "met", "President", "Obama", "and", "Mr."].iter().map(|s| s.to_string()).collect(),
            spans: vec![(0, 3, "person".into()), (4, 6, "person".into()), (7, 8, "person".into())],
            doc_start: true,
        };
        let mut w = Words::default();
        let m = map_gum(&s, &g, &mut w, true);
        assert_eq!(m, vec![(1, 3, ty("PERSON")), (5, 6, ty("PERSON")), (7, 8, ty("PERSON"))]);
    }

    #[test]
    fn uner_mapping_types_places_by_gazetteer_else_facility() {
        let mut g = Gazetteer::builtin();
        g.add("Houston", Cat::City);
        let s = NerSentence {
            words: ["Ann", "ate", "at", "Burger", "King", "in", "Houston", "for", "Enron"].iter().map(|s| s.to_string()).collect(),
            spans: vec![(0, 1, "PER".into()), (3, 5, "LOC".into()), (6, 7, "LOC".into()), (8, 9, "ORG".into())],
            doc_start: true,
        };
        let mut w = Words::default();
        let m = map_uner(&s, &g, &mut w);
        assert_eq!(m, vec![(0, 1, ty("PERSON")), (3, 5, ty("FAC")), (6, 7, ty("GPE")), (8, 9, ty("ORG"))]);
    }
}
