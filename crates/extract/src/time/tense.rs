//! Tense of the clause around a time expression, to resolve "Tuesday" or "June" to the
//! previous or the next one. Uses Penn tags from the tagger when they are there (VBD = past,
//! MD will/shall = future) and falls back on word cues (will/'ll/going to; was, said, -ed
//! verbs). The nearest cue in the sentence wins.

use super::words::{Kind, Scan};

/// The tense governing an expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    /// Past narrative.
    Past,
    /// Future (will, going to, scheduled to...).
    Future,
    /// No cue found.
    Unknown,
}

/// Irregular past forms (regular -ed forms are recognised by their ending).
pub(crate) const PAST_WORDS: &[&str] = &[
    "was",
    "were",
    "had",
    "did",
    "said",
    "told",
    "went",
    "came",
    "saw",
    "made",
    "took",
    "gave",
    "met",
    "left",
    "began",
    "held",
    "led",
    "won",
    "lost",
    "sold",
    "bought",
    "paid",
    "fell",
    "rose",
    "got",
    "found",
    "thought",
    "knew",
    "spoke",
    "wrote",
    "ran",
    "sent",
    "spent",
    "struck",
    "brought",
    "became",
    "kept",
    "felt",
    "heard",
    "flew",
    "fled",
    "drove",
    "broke",
    "chose",
    "grew",
    "hit",
    "shot",
    "stood",
    "swore",
    "taught",
    "threw",
    "understood",
    "woke",
    "wore",
    "beat",
    "bit",
    "built",
    "caught",
    "dealt",
    "drew",
    "ate",
    "fought",
    "forgot",
    "froze",
    "hung",
    "hid",
    "lay",
    "lent",
    "meant",
    "rode",
    "rang",
    "sang",
    "sank",
    "sat",
    "slept",
    "sought",
    "stole",
    "stuck",
    "swept",
    "swam",
    "tore",
    "won",
    "withdrew",
    "arose",
    "overtook",
    "underwent",
    "declined",
    "reported",
];

/// Words ending in -ed that are not past verbs.
const NOT_PAST_ED: &[&str] = &[
    "need",
    "speed",
    "feed",
    "bed",
    "red",
    "shed",
    "seed",
    "hundred",
    "indeed",
    "embed",
    "breed",
    "creed",
    "greed",
    "weed",
    "deed",
    "proceed",
    "succeed",
    "exceed",
    "bleed",
    "steed",
    "united",
    "limited",
    "based",
    "related",
    "armed",
    "so-called",
    "concerned",
    "supposed",
    "used",
    "interested",
    "detailed",
    "advanced",
    "expected",
    "scheduled",
    "planned",
    "due",
];

/// Classify `scan` token `k` as a tense cue. `xpos` holds a Penn tag string per scan token
/// when the tagger ran.
fn cue(scan: &Scan, xpos: Option<&[&'static str]>, k: usize) -> Option<Tense> {
    let t = &scan.toks[k];
    if t.kind != Kind::Word {
        return None;
    }
    let w = scan.low(k);
    match w {
        "will" | "shall" | "ll" | "would" => return Some(Tense::Future),
        "won" if matches!(scan.raw(k + 1), "'" | "’") && scan.is(k + 2, "t") => {
            return Some(Tense::Future)
        }
        "going" if scan.is(k + 1, "to") => return Some(Tense::Future),
        // "must self-isolate from 4am on Saturday"; "must have left" is past.
        "must" | "should" if !scan.is(k + 1, "have") => return Some(Tense::Future),
        // "ahead of Tuesday's debate".
        "ahead" if scan.is(k + 1, "of") => return Some(Tense::Future),
        // "Wednesday is forecast to be colder" ("less than forecast in July" is past).
        "scheduled" | "expected" | "due" | "plans" | "planned" | "set" | "slated" | "poised" | "projected" | "predicted" | "likely" | "forecast" | "forecasted"
            if scan.is(k + 1, "to") || scan.is(k + 1, "for") =>
        {
            return Some(Tense::Future)
        }
        _ => {}
    }
    if let Some(tags) = xpos {
        return match tags.get(k).copied().unwrap_or("") {
            "VBD" => Some(Tense::Past),
            "MD" => None,
            "VBN" if k >= 1 && matches!(scan.low(k - 1), "has" | "have" | "had" | "'s") => {
                Some(Tense::Past)
            }
            _ => None,
        };
    }
    if PAST_WORDS.contains(&w)
        || matches!(w, "has" | "have")
            && scan.toks.get(k + 1).is_some_and(|n| n.kind == Kind::Word)
            && scan.low(k + 1).ends_with("ed")
    {
        return Some(Tense::Past);
    }
    if w.len() >= 5 && w.ends_with("ed") && !t.cap && !NOT_PAST_ED.contains(&w) {
        return Some(Tense::Past);
    }
    None
}

/// The tense for an expression covering scan tokens `[i, j)`.
pub fn tense_at(scan: &Scan, xpos: Option<&[&'static str]>, i: usize, j: usize) -> Tense {
    let n = scan.toks.len();
    if i >= n {
        return Tense::Unknown;
    }
    let sent = scan.toks[i].sent;
    // A relative clause after the expression has a tense of its own ("approved it on
    // Tuesday that will grant billions"): cues past its opener are not read.
    let mut right_open = true;
    for d in 1..=25usize {
        let mut any = false;
        if i >= d && scan.toks[i - d].sent == sent {
            any = true;
            if let Some(t) = cue(scan, xpos, i - d) {
                return t;
            }
        }
        let k = j + d - 1;
        if right_open && k < n && scan.toks[k].sent == sent {
            any = true;
            if matches!(scan.low(k), "that" | "which" | "who") {
                right_open = false;
            } else if let Some(t) = cue(scan, xpos, k) {
                return t;
            }
        }
        if !any {
            break;
        }
    }
    Tense::Unknown
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(text: &str, word: &str) -> Tense {
        let s = Scan::new(text);
        let i = (0..s.toks.len()).find(|&i| s.raw(i) == word).unwrap();
        tense_at(&s, None, i, i + 1)
    }

    #[test]
    fn cues() {
        assert_eq!(t("He arrived in Minsk Tuesday.", "Tuesday"), Tense::Past);
        assert_eq!(t("They will meet Tuesday.", "Tuesday"), Tense::Future);
        assert_eq!(t("He said they'll meet Tuesday.", "Tuesday"), Tense::Future);
        assert_eq!(t("He is going to fly Tuesday.", "Tuesday"), Tense::Future);
        assert_eq!(t("Talks on Tuesday.", "Tuesday"), Tense::Unknown);
        assert_eq!(
            t("She spoke Tuesday. They will go.", "Tuesday"),
            Tense::Past
        );
        assert_eq!(t("Voters approved it on Tuesday that will grant billions.", "Tuesday"), Tense::Past);
        assert_eq!(t("Arrivals after Saturday must self-isolate.", "Saturday"), Tense::Future);
        assert_eq!(t("Candidates prepared ahead of Tuesday's debate.", "Tuesday"), Tense::Future);
    }
}
