//! Near-duplicates and stories at ingest. A new document's MinHash band keys find candidate
//! copies in the `lsh` table; a confirmed copy joins the cluster of the best match and takes
//! its canonical document (the first stored). Documents that are not copies are grouped into
//! stories with earlier documents published within a few days that share rare corpus
//! entities. It does not compute signatures (`minhash.rs`).

use std::collections::{BTreeMap, BTreeSet};

use rusqlite::{params, OptionalExtension, Transaction};

use crate::minhash::{is_near_duplicate, Signature};
use crate::Result;

/// Days apart two documents of one story may be published.
const STORY_DAYS: i64 = 3;
/// Weighted entity overlap (Jaccard with idf weights) needed to join a story.
const STORY_OVERLAP: f64 = 0.3;

/// Assign the near-duplicate cluster and the story of `doc`; true when it is a copy.
pub(crate) fn assign(tx: &Transaction, doc: i64, sig: &Signature, published: Option<&str>) -> Result<bool> {
    let keys = sig.band_keys();
    let mut candidates = BTreeSet::new();
    {
        let mut st = tx.prepare_cached("SELECT doc_id FROM lsh WHERE h = ?1 LIMIT 50")?;
        for k in keys {
            for id in st.query_map([k], |r| r.get::<_, i64>(0))? {
                candidates.insert(id?);
            }
        }
    }
    let mut best: Option<(f64, i64)> = None;
    {
        let mut st = tx.prepare_cached("SELECT minhash, shingles, coalesce(dup_of, id) FROM documents WHERE id = ?1 AND current = 1")?;
        for c in candidates {
            let row: Option<(Vec<u8>, u32, i64)> = st.query_row([c], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).optional()?;
            let Some((bytes, n, canon)) = row else { continue };
            let Some(other) = Signature::from_bytes(&bytes, n) else { continue };
            if is_near_duplicate(sig, &other) {
                let score = sig.jaccard(&other);
                if !matches!(best, Some((s, _)) if s >= score) {
                    best = Some((score, canon));
                }
            }
        }
    }
    let mut ins = tx.prepare_cached("INSERT OR IGNORE INTO lsh(h, doc_id) VALUES (?1, ?2)")?;
    for k in keys {
        ins.execute(params![k, doc])?;
    }
    if let Some((score, canon)) = best {
        let story: Option<i64> = tx.query_row("SELECT coalesce(story, id) FROM documents WHERE id = ?1", [canon], |r| r.get(0))?;
        tx.execute("UPDATE documents SET dup_of = ?1, dup_score = ?2, story = ?3 WHERE id = ?4", params![canon, score, story, doc])?;
        return Ok(true);
    }
    let story = find_story(tx, doc, published)?.unwrap_or(doc);
    tx.execute("UPDATE documents SET dup_of = ?1, story = ?2 WHERE id = ?1", params![doc, story])?;
    Ok(false)
}

/// Day number of an ISO date prefix (`YYYY-MM-DD...`), for date windows.
pub(crate) fn day_number(date: &str) -> Option<i64> {
    let y: i64 = date.get(0..4)?.parse().ok()?;
    let m: i64 = date.get(5..7)?.parse().ok()?;
    let d: i64 = date.get(8..10)?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Days from civil date (H. Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146097 + doe - 719468)
}

fn entity_set(tx: &Transaction, doc: i64) -> Result<BTreeSet<i64>> {
    let mut st = tx.prepare_cached("SELECT DISTINCT entity_id FROM doc_entities WHERE doc_id = ?1 AND entity_id IS NOT NULL")?;
    let ids = st.query_map([doc], |r| r.get::<_, i64>(0))?.collect::<rusqlite::Result<BTreeSet<i64>>>()?;
    Ok(ids)
}

/// The story of the best-matching earlier document, if any matches well enough.
fn find_story(tx: &Transaction, doc: i64, published: Option<&str>) -> Result<Option<i64>> {
    let mine = entity_set(tx, doc)?;
    if mine.len() < 2 {
        return Ok(None);
    }
    let day = published.and_then(day_number);
    // The largest row id stands in for the number of documents (an index lookup, not a scan).
    let total: f64 = tx.query_row("SELECT coalesce(max(id), 1) FROM documents", [], |r| r.get::<_, i64>(0))? as f64;
    // Document frequency of each entity, capped so a very common entity costs little.
    let mut df = BTreeMap::new();
    {
        let mut st = tx.prepare_cached("SELECT count(*) FROM (SELECT 1 FROM doc_entities WHERE entity_id = ?1 LIMIT 1000)")?;
        for &e in &mine {
            df.insert(e, st.query_row([e], |r| r.get::<_, i64>(0))?.max(1));
        }
    }
    let idf = |e: &i64, df: &BTreeMap<i64, i64>| (total.max(2.0) / *df.get(e).unwrap_or(&1) as f64).ln().max(0.1);
    // Entities in a thousand documents or more ("United States") do not make a story.
    let mut rare: Vec<i64> = mine.iter().copied().filter(|e| (2..1000).contains(&df[e])).collect();
    rare.sort_by_key(|e| (df[e], *e));
    rare.truncate(4);
    // Earlier documents in the date window sharing the rarest entities; the 20 sharing most.
    let mut shared: BTreeMap<i64, u32> = BTreeMap::new();
    {
        let mut dated = tx.prepare_cached(
            "SELECT DISTINCT doc_id FROM doc_entities WHERE entity_id = ?1 AND day BETWEEN ?2 AND ?3 AND doc_id != ?4 LIMIT 500",
        )?;
        let mut undated = tx.prepare_cached("SELECT DISTINCT doc_id FROM doc_entities WHERE entity_id = ?1 AND doc_id != ?2 LIMIT 200")?;
        for e in &rare {
            let ids: Vec<i64> = match day {
                Some(d) => dated.query_map(params![e, d - STORY_DAYS, d + STORY_DAYS, doc], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?,
                None => undated.query_map(params![e, doc], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?,
            };
            for id in ids {
                *shared.entry(id).or_default() += 1;
            }
        }
    }
    let mut ranked: Vec<(u32, i64)> = shared.iter().filter(|(_, &n)| n >= 2).map(|(&d, &n)| (n, d)).collect();
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)));
    ranked.truncate(10);
    let shared: BTreeMap<i64, u32> = ranked.into_iter().map(|(n, d)| (d, n)).collect();
    let mut best: Option<(f64, i64)> = None;
    let mut meta = tx.prepare_cached("SELECT published, coalesce(story, id) FROM documents WHERE id = ?1 AND current = 1")?;
    for (&other, &n) in shared.iter().filter(|(_, &n)| n >= 2) {
        let _ = n;
        let Some((pub_other, story)) =
            meta.query_row([other], |r| Ok((r.get::<_, Option<String>>(0)?, r.get::<_, i64>(1)?))).optional()?
        else {
            continue;
        };
        let other_day = pub_other.as_deref().and_then(day_number);
        let need = match (day, other_day) {
            (Some(a), Some(b)) if (a - b).abs() > STORY_DAYS => continue,
            (Some(_), Some(_)) => STORY_OVERLAP,
            _ => STORY_OVERLAP + 0.15,
        };
        let theirs = entity_set(tx, other)?;
        let mut df_all = df.clone();
        let mut st = tx.prepare_cached("SELECT count(*) FROM (SELECT 1 FROM doc_entities WHERE entity_id = ?1 LIMIT 1000)")?;
        for e in theirs.difference(&mine) {
            df_all.insert(*e, st.query_row([e], |r| r.get::<_, i64>(0))?.max(1));
        }
        let inter: f64 = mine.intersection(&theirs).map(|e| idf(e, &df_all)).sum();
        let union: f64 = mine.union(&theirs).map(|e| idf(e, &df_all)).sum();
        let score = if union > 0.0 { inter / union } else { 0.0 };
        if score >= need && !matches!(best, Some((s, _)) if s >= score) {
            best = Some((score, story));
        }
    }
    Ok(best.map(|(_, s)| s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(day_number("2023-06-30").unwrap() - day_number("2023-06-24").unwrap(), 6);
        assert_eq!(day_number("2024-03-01").unwrap() - day_number("2024-02-28").unwrap(), 2);
        assert_eq!(day_number("June"), None);

    }
}
