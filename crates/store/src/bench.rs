//! Benchmark corpora built by program: (1) near-duplicate detection measured on real news
//! texts with known perturbations (trailer added, trimmed, retitled, paragraphs dropped), and
//! (2) a synthetic corpus of analyses with varied names, quotes and dates for speed and size
//! at scale. Deterministic (fixed-seed xorshift); no external data is read here: callers pass
//! the texts.

use newsgraph_core::{Analysis, Doc, Meta};
use serde::Serialize;

use crate::{IngestOptions, Result, Store};

/// A small deterministic RNG (xorshift64*), so benchmark corpora are the same on every run.
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }
    /// Next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545F4914F6CDD1D)
    }
    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
}

/// The perturbations applied to make copies.
pub const PERTURBATIONS: &[&str] = &["trailer", "trimmed", "retitled", "paragraphs dropped"];

const TRAILERS: &[&str] = &[
    "This article originally appeared on The Daily Wire and is republished here with permission.",
    "This post appeared first on Global News Network. Follow us for more updates and subscribe to our newsletter.",
    "Copyright 2016 The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.",
];

/// Make a copy of `text` with perturbation `kind` (an index into [`PERTURBATIONS`]).
pub fn perturb(text: &str, kind: usize, rng: &mut Rng) -> String {
    let paras: Vec<&str> = text.split("\n\n").filter(|p| !p.trim().is_empty()).collect();
    match kind {
        0 => format!("{}\n\n{}", text.trim_end(), TRAILERS[rng.below(TRAILERS.len())]),
        1 => {
            // Keep the first 55–85% of the paragraphs (at least one).
            let keep = ((paras.len() as f64) * (0.55 + 0.3 * (rng.below(100) as f64 / 100.0))).ceil() as usize;
            paras[..keep.clamp(1, paras.len())].join("\n\n")
        }
        2 => {
            let mut p = paras.clone();
            let title = format!("Exclusive: what {} means for voters", ["this", "the report", "the decision", "the debate"][rng.below(4)]);
            if !p.is_empty() {
                p[0] = &title;
            }
            p.join("\n\n")
        }
        _ => {
            let mut p = paras.clone();
            let drop = 1 + (p.len() / 8).min(2);
            for _ in 0..drop {
                if p.len() > 2 {
                    let i = 1 + rng.below(p.len() - 1);
                    p.remove(i);
                }
            }
            p.join("\n\n")
        }
    }
}

/// Precision and recall of near-duplicate detection.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DedupScore {
    /// Original documents.
    pub originals: usize,
    /// Perturbed copies.
    pub copies: usize,
    /// Copies attached to the cluster of their original.
    pub true_positives: usize,
    /// Documents attached to a wrong cluster (originals marked as copies, copies attached to
    /// another original).
    pub false_positives: usize,
    /// Copies left alone.
    pub false_negatives: usize,
    /// TP / (TP + FP).
    pub precision: f64,
    /// TP / copies.
    pub recall: f64,
    /// Recall per perturbation, in [`PERTURBATIONS`] order: (found, total).
    pub recall_by_kind: Vec<(String, usize, usize)>,
    /// Documents per second through `Store::ingest` (no analysis, text only).
    pub docs_per_second: f64,
}

fn analysis_of(text: &str, key: String) -> Analysis {
    let mut a = Analysis::from_doc(&Doc::new(Meta::default(), text.to_string()));
    a.document.id = key;
    a
}

/// Store `texts` and one perturbed copy of each (perturbations in rotation, copies after all
/// originals, in shuffled order), then score the store's duplicate clusters. A copy whose
/// text came out identical is recognised by content hash and counts as found.
pub fn evaluate_dedup(texts: &[String], seed: u64) -> Result<DedupScore> {
    let mut rng = Rng::new(seed);
    let mut copies: Vec<(usize, usize, String)> =
        texts.iter().enumerate().map(|(i, t)| (i, i % PERTURBATIONS.len(), perturb(t, i % PERTURBATIONS.len(), &mut rng))).collect();
    for i in (1..copies.len()).rev() {
        let j = rng.below(i + 1);
        copies.swap(i, j);
    }
    let mut store = Store::open_in_memory()?;
    let items: Vec<Analysis> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| analysis_of(t, format!("o{i}")))
        .chain(copies.iter().enumerate().map(|(k, (_, _, t))| analysis_of(t, format!("c{k}"))))
        .collect();
    let start = std::time::Instant::now();
    store.ingest(items.into_iter().map(Ok), &IngestOptions::default(), |_| {})?;
    let secs = start.elapsed().as_secs_f64();
    // doc key → (row id, canonical row id)
    let mut rows = std::collections::HashMap::new();
    let mut st = store.conn.prepare("SELECT doc_key, id, coalesce(dup_of, id) FROM documents")?;
    for r in st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?, r.get::<_, i64>(2)?)))? {
        let (k, id, d) = r?;
        rows.insert(k, (id, d));
    }
    let n = texts.len();
    let mut s = DedupScore { originals: n, copies: copies.len(), ..Default::default() };
    let mut by_kind = vec![(0usize, 0usize); PERTURBATIONS.len()];
    for i in 0..n {
        if let Some(&(id, d)) = rows.get(&format!("o{i}")) {
            if d != id {
                s.false_positives += 1;
            }
        }
    }
    for (k, (orig, kind, _)) in copies.iter().enumerate() {
        by_kind[*kind].1 += 1;
        let Some(&(_, canon_orig)) = rows.get(&format!("o{orig}")) else { continue };
        let found = match rows.get(&format!("c{k}")) {
            None => true, // identical text: known by its hash
            Some(&(_, d)) if d == canon_orig => true,
            Some(&(id, d)) => {
                if d != id {
                    s.false_positives += 1;
                }
                false
            }
        };
        if found {
            s.true_positives += 1;
            by_kind[*kind].0 += 1;
        } else {
            s.false_negatives += 1;
        }
    }
    drop(st);
    s.precision = s.true_positives as f64 / (s.true_positives + s.false_positives).max(1) as f64;
    s.recall = s.true_positives as f64 / s.copies.max(1) as f64;
    s.recall_by_kind = by_kind.iter().enumerate().map(|(i, (f, t))| (PERTURBATIONS[i].to_string(), *f, *t)).collect();
    s.docs_per_second = (n + copies.len()) as f64 / secs.max(1e-9);
    Ok(s)
}

const FIRST: &[&str] = &[
    "Anna", "Boris", "Carlos", "Dmitri", "Elena", "Farid", "Greta", "Hassan", "Irina", "James", "Katarzyna", "Luis", "Maria", "Nikolai",
    "Olga", "Pedro", "Qiang", "Rosa", "Sergei", "Tomas", "Ursula", "Viktor", "Wei", "Yusuf", "Zofia",
];
const LAST: &[&str] = &[
    "Abramov", "Bauer", "Castillo", "Dubois", "Eriksen", "Fischer", "Garcia", "Horvat", "Ivanova", "Jansen", "Kowalski", "Larsen",
    "Moreau", "Novak", "Okafor", "Petrov", "Quinn", "Rossi", "Schmidt", "Tanaka", "Ueda", "Volkov", "Weber", "Yilmaz", "Zielinski",
    "Andersen", "Brandt", "Costa", "Dimitrov", "Engel", "Ferrari", "Gruber", "Hansen", "Ionescu", "Jovanovic", "Keller",
];
const ORG_A: &[&str] = &["National", "United", "Federal", "Central", "Northern", "Global", "People's", "Liberal", "Green", "Royal"];
const ORG_B: &[&str] = &["Bank", "Party", "Council", "Agency", "Union", "Alliance", "Institute", "Group", "Ministry", "Front"];
const PLACES: &[&str] = &[
    "Minsk", "Warsaw", "Kyiv", "Vilnius", "Riga", "Tallinn", "Prague", "Vienna", "Berlin", "Paris", "Madrid", "Rome", "Athens", "Sofia",
    "Bucharest", "Budapest", "Helsinki", "Oslo", "Stockholm", "Lisbon",
];
const VERBS: &[(&str, &str)] = &[("met", "meet"), ("criticised", "criticise"), ("praised", "praise"), ("visited", "visit"), ("warned", "warn")];
const CUES: &[&str] = &["said", "claimed", "told reporters", "warned", "added"];
const WORDS: &[&str] = &[
    "budget", "election", "border", "talks", "energy", "prices", "security", "troops", "reform", "vote", "court", "ruling", "sanctions",
    "protest", "economy", "growth", "inflation", "strike", "summit", "treaty", "trade", "exports", "minister", "coalition", "crisis",
    "report", "inquiry", "agreement", "deadline", "tariffs", "health", "schools", "housing", "pension", "tax", "debt", "gas", "grid",
];

/// Builds one synthetic analysis with its offsets (code points) as the text grows.
struct Builder {
    text: String,
    chars: u32,
}

impl Builder {
    fn push(&mut self, s: &str) -> newsgraph_core::analysis::SpanOut {
        let start = self.chars;
        self.text.push_str(s);
        self.chars += s.chars().count() as u32;
        newsgraph_core::analysis::SpanOut { start, end: self.chars, text: s.to_string() }
    }
}

/// A synthetic analysis number `i`: two people (Zipf-like popularity), an organisation, a
/// place, a quote, an indirect claim, a relation, an event with a date, and filler sentences
/// of random words so that texts differ. Offsets are consistent with the text.
pub fn synthetic_analysis(i: usize, rng: &mut Rng) -> Analysis {
    use newsgraph_core::analysis::*;
    let people = FIRST.len() * LAST.len();
    // Zipf-like: squaring a uniform draw favours low indices.
    let pick = |rng: &mut Rng, n: usize| {
        let u = rng.below(1_000_000) as f64 / 1_000_000.0;
        ((u * u) * n as f64) as usize
    };
    let p1 = pick(rng, people);
    let mut p2 = pick(rng, people);
    if p2 == p1 {
        p2 = (p1 + 1) % people;
    }
    let name = |p: usize| format!("{} {}", FIRST[p % FIRST.len()], LAST[p / FIRST.len() % LAST.len()]);
    let (n1, n2) = (name(p1), name(p2));
    let s1 = LAST[p1 / FIRST.len() % LAST.len()];
    let org = format!("{} {}", ORG_A[rng.below(ORG_A.len())], ORG_B[rng.below(ORG_B.len())]);
    let place = PLACES[rng.below(PLACES.len())];
    let day = 1 + rng.below(28);
    let month = 1 + rng.below(12);
    let year = 2021 + rng.below(4);
    let date = format!("{year}-{month:02}-{day:02}");
    let (verb, lemma) = VERBS[rng.below(VERBS.len())];
    let cue = CUES[rng.below(CUES.len())];
    let mut b = Builder { text: String::new(), chars: 0 };
    let m1 = b.push(&n1);
    b.push(", the leader of the ");
    let mo = b.push(&org);
    b.push(", ");
    let ev_start = m1.start;
    b.push(verb);
    b.push(" ");
    let m2 = b.push(&n2);
    b.push(" in ");
    let mp = b.push(place);
    let ev_end = b.chars;
    b.push(" on Tuesday. “");
    let words: Vec<&str> = (0..8).map(|_| WORDS[rng.below(WORDS.len())]).collect();
    let quote = b.push(&format!("We will not accept new {} or {} {}", words[0], words[1], words[2]));
    b.push(",” ");
    let ms = b.push(s1);
    b.push(" ");
    let cu = b.push(cue);
    b.push(". Officials said ");
    let claim = b.push(&format!("the {} on {} would be decided by {}", words[3], words[4], words[5]));
    b.push(". ");
    for _ in 0..(6 + rng.below(6)) {
        let n = 8 + rng.below(10);
        let sentence: Vec<&str> = (0..n).map(|_| WORDS[rng.below(WORDS.len())]).collect();
        b.push(&format!("The {} {i}. ", sentence.join(" ")));
    }
    let ev_text = b.text.chars().skip(ev_start as usize).take((ev_end - ev_start) as usize).collect::<String>();
    let ent = |id: &str, kind: &str, name: &str, mentions: Vec<SpanOut>| EntityOut {
        id: id.into(),
        kind: kind.into(),
        name: name.into(),
        aliases: if kind == "PERSON" && id == "e1" { vec![s1.to_string()] } else { vec![] },
        descriptions: if id == "e1" { vec![format!("leader of the {org}")] } else { vec![] },
        mentions,
        extra: Default::default(),
    };
    Analysis {
        schema: newsgraph_core::SCHEMA.into(),
        document: DocumentOut {
            id: format!("synthetic-{i}"),
            title: Some(format!("{n1} {verb} {n2}")),
            published: Some(date.clone()),
            url: Some(format!("https://synthetic.example/{i}")),
            source: Some(["Daily Planet", "Morning Star", "Evening Post", "Wire Service"][i % 4].into()),
            byline: None,
            language: "en".into(),
            dateline: None,
            text: b.text.clone(),
            removed: vec![],
        },
        entities: vec![
            ent("e1", "PERSON", &n1, vec![m1.clone(), ms.clone()]),
            ent("e2", "ORG", &org, vec![mo.clone()]),
            ent("e3", "PERSON", &n2, vec![m2.clone()]),
            ent("e4", "GPE", place, vec![mp.clone()]),
        ],
        attributions: vec![
            AttributionOut {
                id: "a1".into(),
                kind: "direct".into(),
                source: Some("e1".into()),
                source_text: Some(s1.into()),
                source_start: Some(ms.start),
                source_end: Some(ms.end),
                cue: Some(cue.into()),
                cue_start: Some(cu.start),
                cue_end: Some(cu.end),
                content: quote.text.clone(),
                content_start: quote.start,
                content_end: quote.end,
            },
            AttributionOut {
                id: "a2".into(),
                kind: "indirect".into(),
                source: None,
                source_text: Some("Officials".into()),
                source_start: None,
                source_end: None,
                cue: Some("said".into()),
                cue_start: None,
                cue_end: None,
                content: claim.text.clone(),
                content_start: claim.start,
                content_end: claim.end,
            },
        ],
        times: vec![],
        amounts: vec![],
        relations: vec![RelationOut {
            subject: "e1".into(),
            predicate: "leader of".into(),
            role: "leader".into(),
            object: "e2".into(),
            evidence: SpanOut { start: m1.start, end: mo.end, text: b.text.chars().skip(m1.start as usize).take((mo.end - m1.start) as usize).collect() },
        }],
        events: vec![EventOut {
            actor: Some("e1".into()),
            action: verb.into(),
            lemma: lemma.into(),
            target: Some("e3".into()),
            date: Some(date),
            place: Some("e4".into()),
            attribution: None,
            evidence: SpanOut { start: ev_start, end: ev_end, text: ev_text },
        }],
        tokens: None,
        sentences: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fake_text(rng: &mut Rng, paragraphs: usize) -> String {
        (0..paragraphs)
            .map(|_| (0..40).map(|_| WORDS[rng.below(WORDS.len())]).collect::<Vec<_>>().join(" "))
            .collect::<Vec<_>>()
            .join("\n\n")
    }

    #[test]
    fn dedup_finds_perturbed_copies_of_random_texts() {
        let mut rng = Rng::new(7);
        let texts: Vec<String> = (0..40).map(|_| fake_text(&mut rng, 8)).collect();
        let s = evaluate_dedup(&texts, 1).unwrap();
        assert_eq!(s.copies, 40);
        assert!(s.precision >= 0.95, "{s:?}");
        assert!(s.recall >= 0.8, "{s:?}");
    }

    #[test]
    fn synthetic_offsets_match_the_text() {
        let mut rng = Rng::new(3);
        for i in 0..50 {
            let a = synthetic_analysis(i, &mut rng);
            let chars: Vec<char> = a.document.text.chars().collect();
            let at = |s: u32, e: u32| chars[s as usize..e as usize].iter().collect::<String>();
            for e in &a.entities {
                for m in &e.mentions {
                    assert_eq!(at(m.start, m.end), m.text);
                }
            }
            for q in &a.attributions {
                assert_eq!(at(q.content_start, q.content_end), q.content);
            }
            assert_eq!(at(a.events[0].evidence.start, a.events[0].evidence.end), a.events[0].evidence.text);
        }
    }
}
