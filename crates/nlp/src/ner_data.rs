//! Turning the NER corpora into training examples with internal (OntoNotes) types, by
//! explicit mappings (documented in models/MODELS.md):
//!
//! - CoNLL-2003: PER → PERSON, ORG → ORG; LOC → FAC when its last word is a facility word,
//!   LOC when a region/natural-feature name, else GPE (countries, cities, states and the
//!   unknown towns that dominate CoNLL LOC); MISC → NORP when its words are nationality or
//!   religion words, EVENT/LAW by head word, else the internal MISC.
//! - GUM (named mentions only: proper-noun heads): person → PERSON (NORP for nationality
//!   words), organization → ORG, place → as CoNLL LOC, event → EVENT, object → PRODUCT,
//!   abstract → MISC; time, substance, animal, plant are left out (O). GUM does not annotate
//!   nationality adjectives, so capitalised NORP-list words outside any mention become NORP.
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
pub fn map_gum(s: &NerSentence, g: &Gazetteer, w: &mut Words) -> Vec<(usize, usize, u8)> {
    w.fill(&s.words);
    let mut out: Vec<(usize, usize, u8)> = Vec::new();
    for (a, b, l) in &s.spans {
        let (a, b) = (*a, *b);
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

/// The NER training set: CoNLL-2003 eng.train and GUM train, each sentence tagged by
/// `tagger`, plus a lowercased copy of one document in `lower_every` (0: none).
pub fn training_set(data: &Path, tagger: &Tagger, g: &Gazetteer, lower_every: usize, seed: u64) -> Result<Vec<Example>, Error> {
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
            let spans = map_gum(&s, g, &mut w);
            docs.last_mut().expect("a document").push((s.words, spans));
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

/// UNER EWT dev as a dev set (PER/ORG/LOC).
pub fn uner_dev(data: &Path, tagger: &Tagger) -> Result<Vec<(Example, Vec<(usize, usize, String)>)>, Error> {
    Ok(dev_set(corpus::read_uner(&data.join("uner_english_ewt/en_ewt-ud-dev.iob2"))?, tagger))
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
}
