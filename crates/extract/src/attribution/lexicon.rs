//! Word classes the attribution rules use: the cue lexicon learned from PolNeAR train
//! (`data/cues.tsv`, written by `scripts/polnear_cues.py`: for each word form, how often it
//! is part of an annotated cue and how often it occurs at all) and a few closed classes
//! (auxiliaries, pronouns, prepositions, clause openers, evidence nouns, role nouns). This
//! module only answers "is this word a ...?"; it does not look at context.

use std::collections::HashMap;
use std::sync::LazyLock;

use newsgraph_nlp::hash::IdentityBuild;

/// The learned cue table, embedded at build time so the stage needs no file at run time.
const CUES_TSV: &str = include_str!("../../data/cues.tsv");

/// A cue form is used when at least this share of its training occurrences were cues.
/// Tuned on PolNeAR dev (`newsgraph eval attribution`).
pub const CUE_RATIO: f32 = 0.2;
/// A strong reporting cue ("said", "says", "announced"): at least this share of its
/// training occurrences were cues. The parenthetical readings that override the tagger or a
/// weaker cue word in the same sentence ask for one.
pub const STRONG_CUE_RATIO: f32 = 0.5;
/// The threshold without POS tags, when nouns ("statement") cannot be told from verbs.
pub const CUE_RATIO_UNTAGGED: f32 = 0.42;
/// ... and when it was a cue at least this many times.
pub const CUE_MIN: u32 = 5;

/// The learned table: word form (lowercase) and crude stem → (cue count, occurrences),
/// keyed by a 64-bit hash of the word (looked up for every token of every document: the
/// hash is cheaper than SipHash over the string, and collisions among ~20k words are
/// negligible at 64 bits).
struct Cues {
    forms: HashMap<u64, (u32, u32), IdentityBuild>,
    stems: HashMap<u64, (u32, u32), IdentityBuild>,
}

fn key(w: &str) -> u64 {
    newsgraph_nlp::hash::f1(0, w)
}

static CUES: LazyLock<Cues> = LazyLock::new(|| {
    let mut forms = HashMap::default();
    let mut stems: HashMap<u64, (u32, u32), IdentityBuild> = HashMap::default();
    for line in CUES_TSV.lines() {
        if line.starts_with('#') {
            continue;
        }
        let mut it = line.split('\t');
        let (Some(w), Some(c), Some(t)) = (it.next(), it.next(), it.next()) else { continue };
        let (Ok(c), Ok(t)) = (c.parse::<u32>(), t.parse::<u32>()) else { continue };
        if is_function_word(w) {
            continue;
        }
        forms.insert(key(w), (c, t.max(c)));
        let e = stems.entry(key(stem(w))).or_default();
        e.0 += c;
        e.1 += t.max(c);
    }
    Cues { forms, stems }
});

/// A crude English stem so that unseen inflections share their siblings' counts
/// ("stressing" with "stressed"); not a lemmatizer.
pub fn stem(w: &str) -> &str {
    let s = if w.len() > 5 && w.ends_with("ing") {
        &w[..w.len() - 3]
    } else if w.len() > 4 && w.ends_with("ied") {
        &w[..w.len() - 3]
    } else if w.len() > 4 && w.ends_with("ed") {
        &w[..w.len() - 2]
    } else if w.len() > 4 && (w.ends_with("sses") || w.ends_with("shes") || w.ends_with("ches") || w.ends_with("xes")) {
        &w[..w.len() - 2]
    } else if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") {
        &w[..w.len() - 1]
    } else {
        w
    };
    s.strip_suffix('e').filter(|x| x.len() > 2).unwrap_or(s)
}

/// Share of training occurrences of `lower` that were cues (0 when unknown): the form's own
/// share when it was seen often enough, else its stem's.
pub fn cue_ratio(lower: &str) -> f32 {
    let cues = &*CUES;
    if let Some(&(c, t)) = cues.forms.get(&key(lower)) {
        if c >= CUE_MIN {
            return c as f32 / t as f32;
        }
    }
    if lower.len() < 4 {
        return 0.0;
    }
    // The function-word test (a scan of short lists) only for the few stems that are cues.
    match cues.stems.get(&key(stem(lower))) {
        Some(&(c, t)) if c >= CUE_MIN && !is_function_word(lower) => c as f32 / t as f32,
        _ => 0.0,
    }
}

/// True when `lower` is a cue by the learned lexicon at the tuned threshold.
pub fn is_cue_word(lower: &str) -> bool {
    cue_ratio(lower) >= *THRESHOLD
}

/// True when `lower` is a cue at the threshold for untagged text.
pub fn is_cue_word_untagged(lower: &str) -> bool {
    cue_ratio(lower) >= CUE_RATIO_UNTAGGED
}

/// The threshold; `NEWSGRAPH_CUE_RATIO` overrides it for tuning runs on dev.
static THRESHOLD: LazyLock<f32> = LazyLock::new(|| std::env::var("NEWSGRAPH_CUE_RATIO").ok().and_then(|v| v.parse().ok()).unwrap_or(CUE_RATIO));

fn one_of(list: &[&str], w: &str) -> bool {
    list.contains(&w)
}

/// Words that occur in cue spans but never head one (auxiliaries, particles, determiners).
pub fn is_function_word(w: &str) -> bool {
    is_aux(w) || is_preposition(w) || is_determiner(w) || is_pronoun(w) || is_clause_word(w)
        || one_of(&["not", "n't", "s", "'s", "also", "more", "out", "up", "it", "as"], w)
}

/// Auxiliaries and modals that sit between a subject and its cue ("has said").
pub fn is_aux(w: &str) -> bool {
    one_of(
        &["has", "have", "had", "having", "is", "was", "were", "are", "am", "be", "been", "being", "will", "would", "could",
          "can", "may", "might", "should", "must", "did", "does", "do", "'s", "'ve", "'d", "'ll", "shall"],
        w,
    )
}

/// Verbs of hearing and recording that put a speaker before a gerund cue ("was quoted as
/// saying", "could be heard saying"), with the "as" between.
pub fn is_reporting_frame(w: &str) -> bool {
    one_of(&["heard", "seen", "quoted", "caught", "overheard", "recorded", "filmed", "as"], w)
}

/// Subordinators that may follow a parenthetical speaker ("…, warns Director Carissa
/// Etienne as she urged …"): what comes after is another clause, not the speaker's name.
pub fn is_clause_after_speaker(w: &str) -> bool {
    one_of(&["as", "while", "when", "after", "before"], w)
}

/// Adverbs that often sit between subject and cue.
pub fn is_pre_cue_adverb(w: &str) -> bool {
    (w.len() > 4 && w.ends_with("ly") && w != "only")
        || one_of(&["also", "not", "n't", "never", "then", "later", "again", "once", "still", "often", "soon", "already", "even", "just", "since", "ever", "too"], w)
}

/// Nouns for what someone said ("had a more succinct statement", "in a message"): a
/// sentence with one of them introduces the quotation after it.
pub fn is_statement_noun(w: &str) -> bool {
    matches!(w, "statement" | "statements" | "comment" | "comments" | "remarks" | "message" | "response" | "reply" | "reaction" | "words" | "warning" | "explanation" | "answer")
}

/// Personal pronouns that can be speakers.
pub fn is_pronoun(w: &str) -> bool {
    one_of(&["he", "she", "they", "it", "i", "we", "you", "him", "her", "them", "us", "me"], w)
}

/// Determiners.
pub fn is_determiner(w: &str) -> bool {
    one_of(&["the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my", "your", "some", "many", "several", "two", "three", "both", "other", "another", "one", "any", "each", "most", "all", "no"], w)
}

/// Prepositions.
pub fn is_preposition(w: &str) -> bool {
    one_of(
        &["of", "in", "on", "at", "for", "from", "with", "by", "to", "about", "after", "before", "during", "outside", "inside",
          "near", "over", "under", "into", "onto", "against", "between", "among", "through", "since", "until", "without",
          "within", "across", "behind", "toward", "towards", "amid", "despite", "like", "via", "per", "upon", "around", "earlier"],
        w,
    )
}

/// Words that open a new clause: a subject search stops before them.
pub fn is_clause_word(w: &str) -> bool {
    one_of(
        &["that", "which", "who", "whom", "whose", "when", "while", "because", "if", "and", "but", "or", "as", "where",
          "although", "though", "so", "than", "whether", "what", "why", "how", "unless", "once", "nor", "yet"],
        w,
    )
}

/// Time words that can sit between a subject and its cue ("Lukashenko on Friday said").
pub fn is_time_word(w: &str) -> bool {
    one_of(
        &["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday", "tonight",
          "morning", "evening", "afternoon", "night", "week", "month", "year", "earlier", "recently", "last", "this", "later"],
        w,
    )
}

/// Labels a newsroom puts before a colon that name no speaker ("CORRECTION:", "UPDATE:",
/// "Editor's note:"), lowercase.
pub fn is_newsroom_label(w: &str) -> bool {
    one_of(
        &["correction", "clarification", "update", "updated", "editor's note", "editor’s note", "note", "warning", "video", "watch",
          "photo", "photos", "byline", "speech", "breaking", "exclusive", "related", "source", "sources", "advertisement", "read more"],
        w,
    )
}

/// Nouns that name a time ("this month", "Friday", "last year"): a time phrase is never
/// who said something. Units, weekdays and parts of the day come from the time lexicon;
/// month names do not count, as they are given names and surnames too ("Theresa May").
pub fn is_time_noun(w: &str) -> bool {
    use crate::time::lexicon::{lookup, Lex};
    is_time_word(w) || matches!(lookup(w), Lex::Unit(..) | Lex::Weekday(..) | Lex::DayPart(_) | Lex::Season(..))
}

/// Nouns for people who speak on an organisation's behalf ("a spokesman for Acme").
pub fn speaks_for(w: &str) -> bool {
    one_of(&["spokesperson", "spokespersons", "spokesman", "spokesmen", "spokeswoman", "spokeswomen", "spokespeople", "representative", "representatives", "official", "officials"], w)
}

/// Nouns that make a source evidence rather than a speaker ("satellite imagery showed").
pub fn is_evidence_noun(w: &str) -> bool {
    one_of(
        &["imagery", "images", "image", "photos", "photographs", "video", "videos", "footage", "data", "figures", "study",
          "studies", "survey", "surveys", "poll", "polls", "polling", "report", "reports", "analysis", "research", "documents",
          "document", "records", "statistics", "results", "evidence", "tests", "test", "numbers", "filings", "filing",
          "emails", "recordings", "recording", "map", "maps", "review", "audit", "investigation", "estimates", "chart", "graph",
          "tracker", "tally", "count", "database", "forecast", "forecasts", "calculations"],
        w,
    )
}

/// Verbs that present evidence ("showed", "found"): a closed class used only with an
/// evidence-noun source, so their low cue ratio on PolNeAR does not matter.
pub fn is_evidence_cue(w: &str) -> bool {
    one_of(&["show", "shows", "showed", "shown", "showing", "found", "finds", "find", "indicate", "indicates", "indicated",
             "suggest", "suggests", "suggested", "reveal", "reveals", "revealed", "confirm", "confirms", "confirmed"], w)
}

/// Cues that make an attribution a report by a medium.
pub fn is_report_cue(w: &str) -> bool {
    one_of(&["reported", "reports", "report", "reporting", "wrote", "writes", "write", "quoted", "quotes", "quoting", "published", "cited", "cites", "citing"], w)
}

/// Verbs whose first object is the addressee, not the content ("told reporters that").
pub fn takes_addressee(w: &str) -> bool {
    one_of(&["told", "tells", "tell", "telling", "warned", "warns", "assured", "reminded", "informed", "urged", "asked", "advised", "promised", "convinced"], w)
}

/// Nouns naming a person by role (weak evidence when a description is matched to an
/// entity): the person roles of `data/roles.tsv` ("leader", "spokeswoman", "mp") and the
/// few words that table lists for anyone or not at all.
pub fn is_role_noun(w: &str) -> bool {
    crate::relations::Roles::shared().is_person_role(w)
        || one_of(&["officials", "candidate", "nominee", "general", "prime", "owner", "executive", "gov.", "man", "woman"], w)
}

/// Titles and honorifics ignored when matching names ("Ms. Simonyan" → "Margarita Simonyan").
pub fn is_honorific(w: &str) -> bool {
    one_of(&["mr.", "mrs.", "ms.", "dr.", "sen.", "rep.", "gov.", "gen.", "prof.", "mr", "mrs", "ms", "dr", "president", "senator", "sir", "lord", "pres.", "sgt.", "lt.", "col.", "capt."], w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_nouns_are_no_names() {
        for w in ["month", "years", "friday", "weekend", "morning", "today"] {
            assert!(is_time_noun(w), "{w}");
        }
        for w in ["may", "june", "senator", "report"] {
            assert!(!is_time_noun(w), "{w}");
        }
    }

    #[test]
    fn learned_lexicon_has_reporting_verbs_and_no_function_words() {
        for w in ["said", "says", "told", "according", "added", "argued", "noted", "wrote"] {
            assert!(is_cue_word(w), "{w} should be a cue");
        }
        for w in ["the", "has", "to", "of", "and", "table"] {
            assert!(!is_cue_word(w), "{w} should not be a cue");
        }
    }
}
