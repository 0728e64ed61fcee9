//! The parser's own tag ids: XPOS, refined by UPOS where the tagger's UPOS splits an XPOS
//! in a way that matters for attachment (VB* as AUX or VERB, IN as ADP or SCONJ, DT as DET
//! or PRON). The map is fixed at training time from the (predicted) training tags and
//! stored in the model; an identity map (XPOS only) is what models without it used.
//! It does not tag: the ids come from the tagger's joint UPOS/XPOS labels.

use newsgraph_core::tagsets::{UPOS, XPOS};
use serde::{Deserialize, Serialize};

/// Largest parser tag id + 1: ids 253–255 are reserved by the feature code (root, none).
const MAX_IDS: usize = 253;

/// (XPOS, UPOS) → parser tag id.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TagMap {
    /// `XPOS.len() * UPOS.len()` ids, row per XPOS id.
    ids: Vec<u8>,
}

impl TagMap {
    /// XPOS only: the UPOS is ignored (the features of parsers trained without UPOS).
    pub fn xpos_only() -> Self {
        let ids = (0..XPOS.len()).flat_map(|x| std::iter::repeat(x as u8).take(UPOS.len())).collect();
        TagMap { ids }
    }

    /// A map from counts of (XPOS, UPOS) pairs: each XPOS keeps its own id for its most
    /// frequent UPOS, and every other UPOS seen at least `min_count` times with it gets a new
    /// id (in (XPOS, UPOS) order, so the map does not depend on the order of the data).
    /// Rarer pairs fall back to the XPOS id: too few examples to learn a separate tag.
    pub fn from_pairs(pairs: impl IntoIterator<Item = (u8, u8)>, min_count: usize) -> Self {
        let (nx, nu) = (XPOS.len(), UPOS.len());
        let mut counts = vec![0usize; nx * nu];
        for (x, u) in pairs {
            if let Some(c) = counts.get_mut(x as usize * nu + u as usize) {
                *c += 1;
            }
        }
        let mut map = TagMap::xpos_only();
        let mut next = nx;
        for x in 0..nx {
            let row = &counts[x * nu..(x + 1) * nu];
            let top = (0..nu).max_by_key(|&u| (row[u], std::cmp::Reverse(u))).unwrap_or(0);
            for u in 0..nu {
                if u != top && row[u] >= min_count && next < MAX_IDS {
                    map.ids[x * nu + u] = next as u8;
                    next += 1;
                }
            }
        }
        map
    }

    /// The parser tag of a word.
    #[inline]
    pub fn id(&self, xpos: u8, upos: u8) -> u8 {
        self.ids.get(xpos as usize * UPOS.len() + upos as usize).copied().unwrap_or(xpos)
    }

    /// Number of ids beyond the XPOS ones.
    pub fn refined(&self) -> usize {
        self.ids.iter().filter(|&&i| usize::from(i) >= XPOS.len()).count()
    }

    /// Write the parser tags of a sentence into `out`.
    pub fn fill(&self, xpos: &[u8], upos: &[u8], out: &mut Vec<u8>) {
        out.clear();
        if upos.len() == xpos.len() {
            out.extend(xpos.iter().zip(upos).map(|(&x, &u)| self.id(x, u)));
        } else {
            out.extend_from_slice(xpos);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsgraph_core::tagsets::id_of;

    #[test]
    fn splits_frequent_pairs_only() {
        let vbz = id_of(&XPOS, "VBZ").unwrap();
        let (verb, aux, x) = (id_of(&UPOS, "VERB").unwrap(), id_of(&UPOS, "AUX").unwrap(), id_of(&UPOS, "X").unwrap());
        let pairs = std::iter::repeat((vbz, verb)).take(10).chain(std::iter::repeat((vbz, aux)).take(5)).chain([(vbz, x)]);
        let map = TagMap::from_pairs(pairs, 3);
        assert_eq!(map.id(vbz, verb), vbz);
        assert_eq!(map.id(vbz, x), vbz, "a rare pair keeps the XPOS id");
        assert_eq!(usize::from(map.id(vbz, aux)), XPOS.len());
        assert_eq!(map.refined(), 1);
        assert_eq!(TagMap::xpos_only().id(vbz, aux), vbz);
    }
}
