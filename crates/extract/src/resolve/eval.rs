//! Scoring entity resolution against gold coreference: reading GUM's `Entity=` annotation
//! (CorefUD style, in the CoNLL-U MISC column) into gold mentions and clusters, and the MUC,
//! B³ and pairwise-link scores over a shared list of mentions.
//!
//! The scores are computed over the gold mentions: each gold mention gets the system entity
//! of the system mention that covers its head token (a gold mention no system mention
//! covers is its own singleton), so precision is measured on gold mentions only, and system
//! mentions that GUM does not annotate are not counted. This module does no I/O; `newsgraph
//! eval coref` reads the files and runs the pipeline.

use std::collections::HashMap;

/// What a gold mention is, by the UPOS of its head word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GoldKind {
    /// Headed by a proper noun ("Aleksandr Lukashenko").
    Proper,
    /// Headed by a common noun ("the Belarusian leader").
    Nominal,
    /// A pronoun.
    Pronoun,
    /// Anything else (numbers, clauses, ...).
    Other,
}

/// One gold mention, in document-level word indices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldMention {
    /// First word.
    pub first: usize,
    /// One past the last word.
    pub end: usize,
    /// The head word: the word of the span whose syntactic head lies outside it.
    pub head: usize,
    /// Gold entity (cluster) id.
    pub cluster: u32,
    /// GUM entity type (person, place, organization, ...).
    pub etype: String,
    /// Kind by head POS.
    pub kind: GoldKind,
}

/// One word of a gold document as the reader needs it.
#[derive(Debug, Clone, Copy)]
pub struct GoldWord<'a> {
    /// The MISC column.
    pub misc: &'a str,
    /// Gold UPOS.
    pub upos: &'a str,
    /// Document-level index of the syntactic head; `None` for the root.
    pub head: Option<usize>,
}

/// The gold mentions of one document from the `Entity=` fields of its words. Brackets are
/// `(id-type-...` to open, `id)` to close, `(id-type-...)` for a one-word mention.
pub fn gum_mentions(words: &[GoldWord]) -> Vec<GoldMention> {
    let mut open: Vec<(u32, usize, String)> = Vec::new();
    let mut out = Vec::new();
    let close = |first: usize, end: usize, id: u32, etype: String, out: &mut Vec<GoldMention>| {
        let head = (first..end).find(|&k| words[k].head.is_none_or(|h| h < first || h >= end)).unwrap_or(end - 1);
        let kind = match words[head].upos {
            "PROPN" => GoldKind::Proper,
            "NOUN" => GoldKind::Nominal,
            "PRON" => GoldKind::Pronoun,
            _ => GoldKind::Other,
        };
        out.push(GoldMention { first, end, head, cluster: id, etype, kind });
    };
    for (i, w) in words.iter().enumerate() {
        let Some(ent) = w.misc.split('|').find_map(|f| f.strip_prefix("Entity=")) else { continue };
        let mut rest = ent;
        while !rest.is_empty() {
            if let Some(r) = rest.strip_prefix('(') {
                let stop = r.find(['(', ')']).unwrap_or(r.len());
                let mut parts = r[..stop].split('-');
                let id: u32 = parts.next().and_then(|p| p.parse().ok()).unwrap_or(u32::MAX);
                let etype = parts.next().unwrap_or("").to_string();
                if r[stop..].starts_with(')') {
                    close(i, i + 1, id, etype, &mut out);
                    rest = &r[stop + 1..];
                } else {
                    open.push((id, i, etype));
                    rest = &r[stop..];
                }
            } else {
                let stop = rest.find(')').unwrap_or(rest.len());
                let id: u32 = rest[..stop].parse().unwrap_or(u32::MAX);
                if let Some(pos) = open.iter().rposition(|(oid, _, _)| *oid == id) {
                    let (_, first, etype) = open.remove(pos);
                    close(first, i + 1, id, etype, &mut out);
                }
                rest = rest.get(stop + 1..).unwrap_or("");
            }
        }
    }
    out.sort_by_key(|m| (m.first, std::cmp::Reverse(m.end)));
    out
}

/// Summed counts of MUC, B³ and pairwise links over documents.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Counts {
    /// MUC recall numerator and denominator.
    pub muc_r: (f64, f64),
    /// MUC precision numerator and denominator.
    pub muc_p: (f64, f64),
    /// B³ recall and precision sums over mentions, and the number of mentions.
    pub b3: (f64, f64, f64),
    /// Pairwise: links in both, links in the key, links in the response.
    pub links: (f64, f64, f64),
}

/// Precision, recall and F1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Prf {
    /// Precision.
    pub p: f64,
    /// Recall.
    pub r: f64,
    /// F1.
    pub f: f64,
}

fn prf(p: f64, r: f64) -> Prf {
    let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    Prf { p, r, f }
}

fn ratio(a: f64, b: f64) -> f64 {
    if b > 0.0 {
        a / b
    } else {
        1.0
    }
}

impl Counts {
    /// Add one document: `key[i]` and `response[i]` are the gold and system clusters of
    /// mention `i` (ids only need to be distinct within each labelling).
    pub fn add(&mut self, key: &[u64], response: &[u64]) {
        let mut k_size: HashMap<u64, f64> = HashMap::new();
        let mut r_size: HashMap<u64, f64> = HashMap::new();
        let mut both: HashMap<(u64, u64), f64> = HashMap::new();
        for (&k, &r) in key.iter().zip(response) {
            *k_size.entry(k).or_default() += 1.0;
            *r_size.entry(r).or_default() += 1.0;
            *both.entry((k, r)).or_default() += 1.0;
        }
        // MUC: a cluster of size n needs n-1 links; the other side splits it into parts.
        let mut k_parts: HashMap<u64, f64> = HashMap::new();
        let mut r_parts: HashMap<u64, f64> = HashMap::new();
        for &(k, r) in both.keys() {
            *k_parts.entry(k).or_default() += 1.0;
            *r_parts.entry(r).or_default() += 1.0;
        }
        for (k, n) in &k_size {
            self.muc_r.0 += n - k_parts[k];
            self.muc_r.1 += n - 1.0;
        }
        for (r, n) in &r_size {
            self.muc_p.0 += n - r_parts[r];
            self.muc_p.1 += n - 1.0;
        }
        for (&(k, r), &c) in &both {
            self.b3.0 += c * c / k_size[&k];
            self.b3.1 += c * c / r_size[&r];
            self.links.0 += c * (c - 1.0) / 2.0;
        }
        self.b3.2 += key.len() as f64;
        self.links.1 += k_size.values().map(|n| n * (n - 1.0) / 2.0).sum::<f64>();
        self.links.2 += r_size.values().map(|n| n * (n - 1.0) / 2.0).sum::<f64>();
    }

    /// MUC precision, recall and F1.
    pub fn muc(&self) -> Prf {
        prf(ratio(self.muc_p.0, self.muc_p.1), ratio(self.muc_r.0, self.muc_r.1))
    }

    /// B³ precision, recall and F1.
    pub fn b3(&self) -> Prf {
        prf(ratio(self.b3.1, self.b3.2), ratio(self.b3.0, self.b3.2))
    }

    /// Pairwise coreference-link precision, recall and F1.
    pub fn pairwise(&self) -> Prf {
        prf(ratio(self.links.0, self.links.2), ratio(self.links.0, self.links.1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perfect_response_scores_one() {
        let mut c = Counts::default();
        c.add(&[1, 1, 2, 2, 3], &[7, 7, 8, 8, 9]);
        assert_eq!(c.muc().f, 1.0);
        assert_eq!(c.b3().f, 1.0);
        assert_eq!(c.pairwise().f, 1.0);
    }

    #[test]
    fn muc_and_b3_on_the_textbook_example() {
        // Key {a,b,c} {d,e}; response {a,b} {c,d,e}.
        let mut c = Counts::default();
        c.add(&[1, 1, 1, 2, 2], &[1, 1, 2, 2, 2]);
        let m = c.muc();
        assert!((m.r - 2.0 / 3.0).abs() < 1e-9 && (m.p - 2.0 / 3.0).abs() < 1e-9);
        let b = c.b3();
        // Recall: a,b 2/3 each; c 1/3; d,e 1 each → (2/3+2/3+1/3+1+1)/5.
        assert!((b.r - (11.0 / 3.0) / 5.0).abs() < 1e-9);
        // Precision: a,b 1; c 1/3; d,e 2/3 → (1+1+1/3+2/3+2/3)/5.
        assert!((b.p - (11.0 / 3.0) / 5.0).abs() < 1e-9);
        let l = c.pairwise();
        assert!((l.r - 2.0 / 4.0).abs() < 1e-9 && (l.p - 2.0 / 4.0).abs() < 1e-9);
    }

    #[test]
    fn reads_nested_and_one_word_gum_mentions() {
        let w = |misc, upos, head| GoldWord { misc, upos, head };
        // "his wife Manju": (8 (7) 8) with "wife" as the head.
        let words = [
            w("Entity=(8-person-acc-sssss-cf2-2-coref(7-person-giv-sssss-cf1-1-ana)", "PRON", Some(1)),
            w("Entity=8)", "NOUN", None),
            w("Entity=(9-place-new-nssns-cf7-1-sgl-Sydney)", "PROPN", Some(1)),
        ];
        let m = gum_mentions(&words);
        assert_eq!(m.len(), 3);
        assert_eq!((m[0].first, m[0].end, m[0].cluster, m[0].head, m[0].kind), (0, 2, 8, 1, GoldKind::Nominal));
        assert_eq!((m[1].first, m[1].end, m[1].cluster, m[1].kind), (0, 1, 7, GoldKind::Pronoun));
        assert_eq!((m[2].cluster, m[2].etype.as_str(), m[2].kind), (9, "place", GoldKind::Proper));
    }
}
