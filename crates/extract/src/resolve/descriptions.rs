//! Descriptions: the phrases an article uses for an entity, and the definite descriptions
//! that refer back to it. Anchored descriptions come from a name's own phrase: a premodifier
//! ("Belarusian President Aleksandr Lukashenko" → "Belarusian President"), an apposition
//! ("Yevgeny Zubarev, CEO of the Federal News Agency," → "CEO of the Federal News Agency";
//! also before a name that opens its sentence: "One company, Avigilon, sells" → "company")
//! and a predicative ("Prigozhin is the founder of Wagner" → "founder of Wagner"). Then each
//! later definite noun phrase whose head names a role, an organisation or a place ("the
//! Belarusian leader", "the Wagner chief") is linked to the entity whose descriptions share
//! its modifiers and head (nearest on ties) and becomes one of its mentions. A proper
//! modifier that contradicts the descriptions ("the Russian president" for the Belarusian
//! one) rules a candidate out.
//!
//! With POS tags the phrases are read from the tags (and the parse, when there is one, can
//! veto an apposition); without them only role and title words are trusted. It does
//! not read relations out of the descriptions (that is the relations stage).

use newsgraph_core::Doc;

use super::names::{self, GPE, LOC, ORG, PERSON};
use super::{is, one_of, Ctx, Ent, Gender, Mention, MentionKind};
use crate::attribution::lexicon;

/// How many sentences back "the company" may look for the one organisation it refers to
/// (0: never link a description by its type alone). Tuned on GUM dev (`eval coref`).
const TYPE_ONLY_WINDOW: u32 = 3;

/// Nouns naming a person by role or relation.
pub fn is_person_noun(w: &str) -> bool {
    lexicon::is_role_noun(&w.to_lowercase())
        || one_of(
            w,
            &["businessman", "businesswoman", "billionaire", "oligarch", "tycoon", "mogul", "actor", "actress", "singer", "star",
              "player", "coach", "author", "writer", "journalist", "reporter", "editor", "analyst", "lawyer", "attorney", "judge",
              "prosecutor", "doctor", "scientist", "researcher", "professor", "activist", "politician", "diplomat", "dictator",
              "strongman", "prince", "princess", "emperor", "pope", "priest", "bishop", "soldier", "officer", "pilot", "father",
              "mother", "son", "daughter", "husband", "wife", "brother", "sister", "boy", "girl", "teenager", "victim", "suspect",
              "defendant", "incumbent", "challenger", "rapper", "musician", "artist", "entrepreneur", "investor", "economist",
              "envoy", "negotiator", "congressman", "congresswoman", "chancellor", "deputy", "mercenary", "warlord", "president-elect",
              "chairperson", "manager", "founder", "expert", "specialist", "owner", "member", "developer", "candidate", "co-founder", "leader", "chief", "head", "boss", "ceo", "spokesman"],
        )
}

/// Nouns naming an organisation.
pub fn is_org_noun(w: &str) -> bool {
    one_of(
        w,
        &["company", "firm", "group", "agency", "organization", "organisation", "party", "ministry", "department", "bank", "network",
          "channel", "broadcaster", "newspaper", "outlet", "website", "publisher", "regulator", "watchdog", "union", "team", "club",
          "league", "university", "college", "institute", "council", "committee", "commission", "board", "militia", "corporation",
          "conglomerate", "startup", "retailer", "airline", "carrier", "manufacturer", "maker", "automaker", "insurer", "lender",
          "charity", "foundation", "alliance", "bloc", "coalition", "movement", "broadcaster", "chain", "operator", "developer",
          "contractor", "outfit", "media", "daily", "tabloid", "magazine", "paper", "studio", "label", "giant", "business",
          "police"],
    )
}

/// Nouns naming a place.
pub fn is_place_noun(w: &str) -> bool {
    one_of(
        w,
        &["country", "nation", "city", "town", "village", "capital", "region", "province", "republic", "kingdom", "island",
          "territory", "county", "district", "port", "continent", "state"],
    )
}

/// Head nouns that refer to the same kind of role or thing ("leader" ~ "chief").
fn same_group(a: &str, b: &str) -> bool {
    a == b || GROUPS.iter().any(|g| g.contains(&a) && g.contains(&b))
}

/// The head nouns of `w`'s group (itself alone when it has none).
fn group_of(w: &str) -> &[&'static str] {
    GROUPS.iter().find(|g| g.contains(&w)).copied().unwrap_or(&[])
}

/// Head nouns that refer to the same kind of role or thing.
const GROUPS: &[&[&str]] = &[
        &["leader", "chief", "head", "boss", "commander", "president", "chairman", "chairwoman", "ceo", "director", "executive", "premier", "ruler"],
        &["spokesman", "spokeswoman", "spokesperson"],
        &["company", "firm", "group", "corporation", "business", "conglomerate", "outfit", "operator", "giant"],
        &["newspaper", "paper", "outlet", "website", "site", "publisher", "media", "network", "channel", "broadcaster", "agency", "daily", "tabloid"],
        &["country", "nation", "state", "republic", "kingdom"],
        &["city", "town", "capital"],
    ];

/// Types a head noun may describe; `None` when the noun is of no known class.
fn head_types(head: &str) -> Option<&'static [u8]> {
    if is_person_noun(head) {
        Some(&[PERSON])
    } else if is_org_noun(head) {
        Some(&[ORG])
    } else if is_place_noun(head) {
        Some(&[GPE, LOC])
    } else {
        None
    }
}

/// Gender a role noun implies.
fn noun_gender(w: &str) -> Option<Gender> {
    if one_of(w, &["spokeswoman", "chairwoman", "businesswoman", "congresswoman", "actress", "woman", "mother", "daughter", "wife", "sister", "girl", "queen", "princess"]) {
        Some(Gender::Female)
    } else if one_of(w, &["spokesman", "chairman", "businessman", "congressman", "actor", "man", "father", "son", "husband", "brother", "boy", "king", "prince"]) {
        Some(Gender::Male)
    } else {
        None
    }
}

fn is_det(w: &str) -> bool {
    one_of(w, &["the", "a", "an", "its", "his", "her", "their", "this", "that"])
}

fn is_punct_stop(w: &str) -> bool {
    matches!(w, "," | "." | ";" | ":" | "(" | ")" | "—" | "–" | "-" | "\"" | "“" | "”" | "‘" | "’" | "'" | "?" | "!" | "[" | "]")
}

/// Token-level facts the description rules share.
struct Scan<'a> {
    doc: &'a Doc,
    ctx: &'a Ctx,
    /// Entity of the name mention covering each token, or `u32::MAX`.
    owner: Vec<u32>,
}

impl Scan<'_> {
    fn text(&self, i: usize) -> &str {
        self.doc.token_text(i)
    }

    fn same_sentence(&self, a: usize, b: usize) -> bool {
        self.ctx.sentence.get(a) == self.ctx.sentence.get(b)
    }

    /// A common noun (by the tagger; without tags, a role or title word).
    fn noun(&self, i: usize) -> bool {
        let w = self.text(i);
        if self.ctx.tagged {
            self.ctx.upos(self.doc, i) == "NOUN" || (names::is_office_title(w) && self.owner[i] == u32::MAX) || (is_person_noun(w) && self.owner[i] == u32::MAX)
        } else {
            is_person_noun(w) || names::is_office_title(w) || is_org_noun(w)
        }
    }

    /// A word that may premodify a noun inside a description.
    fn modifier(&self, i: usize) -> bool {
        let w = self.text(i);
        if self.ctx.tagged {
            matches!(self.ctx.upos(self.doc, i), "ADJ" | "NOUN" | "PROPN") && !is_punct_stop(w)
        } else {
            w.chars().next().is_some_and(char::is_uppercase) || is_person_noun(w) || names::is_office_title(w)
        }
    }

    /// Words that end a description phrase: punctuation, clause openers, verbs.
    fn stops(&self, i: usize) -> bool {
        let w = self.text(i);
        if is_punct_stop(w) || self.ctx.time_start[i] || lexicon::is_clause_word(&w.to_lowercase()) {
            return true;
        }
        if self.ctx.tagged {
            matches!(self.ctx.upos(self.doc, i), "VERB" | "AUX" | "PRON" | "SCONJ" | "CCONJ" | "PART" | "INTJ")
                && self.ctx.xpos(self.doc, i) != "POS"
        } else {
            let l = w.to_lowercase();
            lexicon::is_aux(&l) || lexicon::is_cue_word_untagged(&l) || lexicon::is_pronoun(&l)
        }
    }

    /// A noun phrase starting at `s` (a determiner, adjective or noun; no name first) and
    /// running to the first stop: `(end, stopped_by_punctuation_or_time)`. `None` when it
    /// holds no common noun outside names or is too long.
    fn phrase(&self, s: usize, limit: usize) -> Option<(usize, bool)> {
        let n = self.doc.tokens.len();
        if s >= n || self.owner[s] != u32::MAX || self.ctx.time_start[s] {
            return None;
        }
        let w = self.text(s);
        let starts_ok = if self.ctx.tagged {
            is_det(w) || matches!(self.ctx.upos(self.doc, s), "ADJ" | "NOUN") || names::is_office_title(w) || is_person_noun(w)
        } else {
            is_det(w) || is_person_noun(w) || names::is_office_title(w)
        };
        if !starts_ok || one_of(w, &["that", "this"]) {
            return None;
        }
        let mut e = s;
        while e < n && e - s < limit && self.same_sentence(s, e) && !(e > s && self.stops(e)) {
            e += 1;
        }
        if e - s >= limit {
            return None;
        }
        let clean_stop = e >= n || !self.same_sentence(s, e) || is_punct_stop(self.text(e)) || self.ctx.time_start[e];
        // Drop trailing prepositions and determiners ("CEO of the agency on [Friday]").
        while e > s && (lexicon::is_preposition(&self.text(e - 1).to_lowercase()) || is_det(self.text(e - 1))) {
            e -= 1;
        }
        let has_noun = (s..e).any(|i| self.owner[i] == u32::MAX && self.noun(i));
        (has_noun && e > s).then_some((e, clean_stop))
    }

    /// The description text of tokens `[a, b)`: leading determiners dropped, space folded.
    fn describe(&self, mut a: usize, b: usize) -> Option<(String, usize)> {
        while a < b && is_det(self.text(a)) {
            a += 1;
        }
        if a >= b {
            return None;
        }
        let text = self.doc.token_span(a, b).text(&self.doc.text).split_whitespace().collect::<Vec<_>>().join(" ");
        Some((text, a))
    }
}

/// The head of description `[a, b)`: the last word before a preposition ("CEO of the
/// agency" → "CEO").
fn head_of(scan: &Scan, a: usize, b: usize) -> usize {
    (a + 1..b).find(|&i| lexicon::is_preposition(&scan.text(i).to_lowercase())).unwrap_or(b) - 1
}

/// Record description `[a, b)` (as written) on entity `e`.
fn add_description(scan: &Scan, ent: &mut Ent, a: usize, b: usize) {
    let Some((text, a)) = scan.describe(a, b) else { return };
    let head = scan.text(head_of(scan, a, b)).to_lowercase();
    if ent.gender.is_none() {
        ent.gender = noun_gender(&head);
    }
    if !ent.desc_heads.contains(&head) {
        ent.desc_heads.push(head);
    }
    for i in a..b {
        let w = scan.text(i).to_lowercase();
        if !is_det(&w) && !lexicon::is_preposition(&w) && w.chars().any(char::is_alphanumeric) && !ent.desc_words.contains(&w) {
            ent.desc_words.push(w);
        }
    }
    if !ent.descriptions.iter().any(|d| d.eq_ignore_ascii_case(&text)) {
        ent.descriptions.push(text);
    }
}

/// Premodifier of name mention `[first, end)`: title words inside it and role phrases just
/// before it ("Wagner leader", "Russian state media"), as a token range.
fn premodifier(scan: &Scan, first: usize, end: usize, label: u8) -> Option<(usize, usize)> {
    let ns = names::name_start(scan.doc, first, end, label);
    let mut a = first;
    while a > 0 && first - a < 4 && scan.same_sentence(a - 1, first) && scan.modifier(a - 1) && scan.ctx.quoted[a - 1] == scan.ctx.quoted[first] {
        let w = scan.text(a - 1);
        if names::is_courtesy(w) {
            break;
        }
        a -= 1;
    }
    // The word next to the name must be a common noun or a title ("President", "leader").
    let b = ns;
    if a >= b {
        return None;
    }
    let last = b - 1;
    // ... and a role, organisation or place noun: "Wagner leader", "state news agency", not
    // "cited derogatory comments Trump had made".
    let class = noun_class(&scan.text(last).to_lowercase()).is_some() || names::is_office_title(scan.text(last));
    let last_ok = class && ((last < first && scan.owner[last] == u32::MAX && scan.noun(last)) || (last >= first && names::is_office_title(scan.text(last))));
    if !last_ok || (a..b).all(|i| names::is_courtesy(scan.text(i))) {
        return None;
    }
    Some((a, b))
}

/// Apposition after name mention ending at `end`: ", CEO of the Federal News Agency,".
fn apposition(scan: &Scan, end: usize) -> Option<(usize, usize)> {
    if end + 1 >= scan.doc.tokens.len() || scan.text(end) != "," || !scan.same_sentence(end, end + 1) {
        return None;
    }
    let (e, clean) = scan.phrase(end + 1, 14)?;
    // A determiner or a role, organisation or place head: "a nursing home owner", "CEO of
    // the agency"; not "derogatory comments".
    let det = is_det(scan.text(end + 1));
    let head = scan.text(head_of(scan, end + 1, e)).to_lowercase();
    if !clean || !(det || noun_class(&head).is_some()) {
        return None;
    }
    if scan.ctx.parsed {
        // The parse vetoes a phrase it reads as a clause argument or a list member ("X, the
        // group said", "Sydney, Australia, and the coast"); parsers often misattach real
        // appositions, so it does not have to confirm one.
        let h = scan.ctx.phrase_head(scan.doc, end + 1, e);
        if matches!(scan.ctx.deprel(scan.doc, h), "nsubj" | "nsubj:pass" | "obj" | "iobj" | "conj") {
            return None;
        }
    }
    Some((end + 1, e))
}

/// Apposition before a name mention `[first, end)` that opens its sentence: "One company,
/// Avigilon, sells …", "His lawyer, John Smith, said …". The phrase runs from the sentence
/// start (an optional determiner or "one"/"another", then modifiers) to a role,
/// organisation or place noun right before the comma, and the name is closed by a comma.
fn pre_apposition(scan: &Scan, first: usize, end: usize) -> Option<(usize, usize)> {
    let n = scan.doc.tokens.len();
    if first < 2 || end >= n || scan.text(first - 1) != "," || scan.text(end) != "," || !scan.same_sentence(first - 2, end) {
        return None;
    }
    let head = first - 2;
    if scan.owner[head] != u32::MAX || !scan.noun(head) || noun_class(&scan.text(head).to_lowercase()).is_none() {
        return None;
    }
    let mut a = head;
    while a > 0 && scan.same_sentence(a - 1, head) && scan.owner[a - 1] == u32::MAX && scan.modifier(a - 1) && head - a < 4 {
        a -= 1;
    }
    let phrase = a;
    if a > 0 && scan.same_sentence(a - 1, head) && (is_det(&scan.text(a - 1).to_lowercase()) || one_of(&scan.text(a - 1).to_lowercase(), &["one", "another"])) {
        a -= 1;
    }
    let opens = a == 0 || !scan.same_sentence(a - 1, a);
    opens.then_some((phrase, first - 1))
}

/// Predicative after a subject name ending at `end`: "is the founder of ...", also in a
/// relative clause (", who is the founder of ...").
fn predicative(scan: &Scan, end: usize) -> Option<(usize, usize)> {
    let n = scan.doc.tokens.len();
    let mut i = end;
    if i + 1 < n && scan.text(i) == "," && one_of(scan.text(i + 1), &["who"]) {
        i += 2;
    }
    let mut copula = false;
    while i < n && scan.same_sentence(end.saturating_sub(1), i) {
        let w = scan.text(i);
        let be = one_of(w, &["is", "was", "are", "were", "been", "be", "became", "becomes", "remains", "remained"])
            || (w == "'s" || w == "’s") && (!scan.ctx.tagged || scan.ctx.xpos(scan.doc, i) == "VBZ");
        let aux = one_of(w, &["has", "had", "have", "will", "would"]);
        let adv = one_of(w, &["also", "now", "still", "currently", "already", "later", "previously", "formerly", "once"]);
        if be {
            copula = true;
        } else if !(aux || adv) {
            break;
        }
        i += 1;
    }
    if !copula || i >= n || one_of(scan.text(i), &["not", "n't"]) {
        return None;
    }
    let (e, _) = scan.phrase(i, 14)?;
    Some((i, e))
}

/// Attach anchored descriptions (premodifiers, appositions, predicatives) to every entity.
/// Returns the tokens they cover, where no definite description may start.
pub(crate) fn anchor(doc: &Doc, ctx: &Ctx, ents: &mut [Ent]) -> Vec<bool> {
    let n = doc.tokens.len();
    let scan = Scan { doc, ctx, owner: owners(n, ents) };
    let mut used = vec![false; n];
    let mut anchored: Vec<(usize, usize, usize, bool)> = Vec::new(); // (entity, a, b, is mention)
    for (e, ent) in ents.iter().enumerate() {
        for m in &ent.mentions {
            let (first, end) = (m.first as usize, m.end as usize);
            if let Some((a, b)) = premodifier(&scan, first, end, ent.label) {
                anchored.push((e, a, b, false));
            }
            if let Some((a, b)) = pre_apposition(&scan, first, end) {
                anchored.push((e, a, b, true));
            }
            if let Some((a, b)) = apposition(&scan, end) {
                anchored.push((e, a, b, true));
            } else if let Some((a, b)) = predicative(&scan, end) {
                // A predicative counts when its head noun names the entity's kind ("the
                // founder of ..." for a person), not for "Trump is a big debate".
                let head = scan.text(head_of(&scan, a, b)).to_lowercase();
                if noun_class(&head).is_some_and(|c| c == ent.label || (c == GPE && ent.label == LOC)) {
                    anchored.push((e, a, b, false));
                }
            }
        }
    }
    anchored.sort_by_key(|&(e, a, _, _)| (a, e));
    for &(e, a, b, mention) in &anchored {
        add_description(&scan, &mut ents[e], a, b);
        used[a..b].fill(true);
        if mention {
            ents[e].mentions.push(Mention { first: a as u32, end: b as u32, kind: MentionKind::Description });
        }
    }
    used
}

/// Entity of the mention covering each token (`u32::MAX` for none).
fn owners(n: usize, ents: &[Ent]) -> Vec<u32> {
    let mut owner = vec![u32::MAX; n];
    for (e, ent) in ents.iter().enumerate() {
        for m in &ent.mentions {
            owner[m.first as usize..m.end as usize].fill(e as u32);
        }
    }
    owner
}

/// Link later definite descriptions ("the Belarusian leader") to the entities whose
/// anchored descriptions they match; `used` is what [`anchor`] returned.
pub(crate) fn link(doc: &Doc, ctx: &Ctx, ents: &mut [Ent], used: &[bool]) {
    let scan = Scan { doc, ctx, owner: owners(doc.tokens.len(), ents) };
    link_definites(&scan, ents, used);
}

/// The class of a head noun, for type evidence: PERSON, ORG or GPE.
pub(crate) fn noun_class(w: &str) -> Option<u8> {
    head_types(w).and_then(|t| t.first().copied())
}

/// The head noun of a name of two words or more, lowercase: the word before "of" or "for"
/// ("Court" of "4th District Court of Appeal"), else the last word ("University" of "West
/// Virginia University").
pub(crate) fn name_head(name: &str) -> Option<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() < 2 {
        return None;
    }
    let end = words.iter().position(|w| matches!(*w, "of" | "for")).unwrap_or(words.len());
    let head = words[..end].last()?;
    head.chars().all(char::is_alphabetic).then(|| head.to_lowercase())
}

/// Link "the + modifiers + head noun" phrases to the entity they describe.
fn link_definites(scan: &Scan, ents: &mut [Ent], used: &[bool]) {
    let doc = scan.doc;
    let n = doc.tokens.len();
    // Name mentions in text order, to know which entities were seen before a token and when.
    let mut seen: Vec<(usize, u32)> = Vec::new();
    for (e, ent) in ents.iter().enumerate() {
        for m in &ent.mentions {
            seen.push((m.first as usize, e as u32));
        }
    }
    seen.sort_unstable();
    let mut last_seen = vec![usize::MAX; ents.len()];
    let mut next = 0;
    let mut links: Vec<(u32, usize, usize, bool)> = Vec::new();
    // Mentions seen so far in text order (for "the company": the last few sentences).
    let mut recent: Vec<(usize, u32)> = Vec::new();
    // Head nouns of indefinite phrases seen so far that introduce someone or something new.
    let mut introduced: std::collections::HashSet<String> = std::collections::HashSet::new();
    // Entities by the head nouns of their descriptions.
    let mut by_head: std::collections::HashMap<&str, Vec<u32>> = std::collections::HashMap::new();
    for (e, ent) in ents.iter().enumerate() {
        for h in &ent.desc_heads {
            by_head.entry(h.as_str()).or_default().push(e as u32);
        }
    }
    let mut by_name_head: std::collections::HashMap<String, Vec<u32>> = std::collections::HashMap::new();
    for (e, ent) in ents.iter().enumerate().filter(|(_, ent)| ent.label != PERSON) {
        for (name, _) in &ent.names {
            if let Some(h) = name_head(name) {
                let list = by_name_head.entry(h).or_default();
                if !list.contains(&(e as u32)) {
                    list.push(e as u32);
                }
            }
        }
    }
    for i in 0..n {
        while next < seen.len() && seen[next].0 < i {
            last_seen[seen[next].1 as usize] = seen[next].0;
            recent.push(seen[next]);
            next += 1;
        }
        let article = scan.text(i).to_ascii_lowercase();
        let indefinite = matches!(article.as_str(), "a" | "an");
        // A description anchored to a name may hold a possessor that refers on its own
        // ("Wolfarth, the trust’s new chairman": the trust is the one named before); its
        // words belong to the anchored mention, which does not count as a name here.
        let inside = used[i] && article == "the";
        let named = |k: usize| scan.owner[k] != u32::MAX && !(inside && used[k]);
        if !(indefinite || article == "the") || (used[i] && !inside) || named(i) || scan.ctx.quoted[i] {
            continue;
        }
        // The phrase: modifiers and a noun head, ending before a non-modifier.
        let mut j = i + 1;
        while j < n && j - i <= 5 && scan.same_sentence(i, j) && scan.modifier(j) && (!used[j] || inside) {
            j += 1;
        }
        if inside && !(j < n && matches!(scan.text(j), "'s" | "’s" | "'" | "’")) {
            continue;
        }
        // "The company claims that …": a reporting verb the tagger read as a plural noun
        // ends the phrase, it does not head it.
        if j > i + 2 && scan.text(j - 1).ends_with('s') && lexicon::is_cue_word(&scan.text(j - 1).to_lowercase()) {
            j -= 1;
        }
        if j == i + 1 || j - i > 5 {
            continue;
        }
        let head = j - 1;
        if named(head) || !scan.noun(head) {
            continue;
        }
        if indefinite {
            // "a man entered …": someone new and unnamed, unless the phrase glosses a name
            // ("Hasib, a man who …", "Hasib is a man …", "as a man").
            let glosses = i > 0 && (matches!(scan.text(i - 1), "," | "as") || lexicon::is_aux(&scan.text(i - 1).to_lowercase()));
            let head_word = scan.text(head).to_lowercase();
            // People only: "a new study … the study" is as often the named study.
            if !glosses && is_person_noun(&head_word) {
                introduced.insert(head_word);
            }
            continue;
        }
        // "the man" after "a man" is that unnamed person, not a named one nearby.
        if introduced.contains(&scan.text(head).to_lowercase()) {
            continue;
        }
        // A premodifier of a name ("the Russian media regulator Roskomnadzor") or a phrase
        // with a complement ("the head of ...") is not a standalone description.
        if j < n && (named(j) || is(scan.text(j), "of")) {
            continue;
        }
        let head_word = scan.text(head).to_lowercase();
        let types = head_types(&head_word);
        let mods: Vec<(String, bool)> = (i + 1..head)
            .map(|k| (scan.text(k).to_lowercase(), scan.text(k).chars().next().is_some_and(char::is_uppercase)))
            .collect();
        let mut best: Option<(i32, usize, u32)> = None;
        // Only entities with a description head of the same group can match.
        let mut cands: Vec<u32> = Vec::new();
        for w in std::iter::once(head_word.as_str()).chain(group_of(&head_word).iter().copied()) {
            cands.extend(by_head.get(w).into_iter().flatten().copied());
        }
        cands.sort_unstable();
        cands.dedup();
        for e in cands.into_iter().map(|e| e as usize) {
            let ent = &ents[e];
            if last_seen[e] == usize::MAX {
                continue;
            }
            if let Some(t) = types {
                if !t.contains(&ent.label) {
                    continue;
                }
            }
            let head_match = ent.desc_heads.iter().any(|h| same_group(h, &head_word));
            if types.is_none() && !head_match {
                continue;
            }
            let mut score = i32::from(head_match);
            let mut strong = false;
            for (w, proper) in &mods {
                if ent.desc_words.contains(w) {
                    score += 2;
                    strong = true;
                } else if *proper {
                    score -= 3;
                }
            }
            // The head must fit ("the Mexican president" is not the Mexican secretary), and
            // proper modifiers must match ("the Belarusian leader").
            let ok = head_match && (strong || !mods.iter().any(|(_, p)| *p));
            if !ok || score < 1 {
                continue;
            }
            let cand = (score, last_seen[e], e as u32);
            if best.is_none_or(|b| (cand.0, cand.1) > (b.0, b.1)) {
                best = Some(cand);
            }
        }
        if best.is_none() {
            // "the court" for the "4th District Court of Appeal" named before: the most
            // recent organisation or place whose name has this head noun, every modifier
            // being a word of the name.
            best = by_name_head
                .get(head_word.as_str())
                .into_iter()
                .flatten()
                .map(|&e| e as usize)
                .filter(|&e| last_seen[e] != usize::MAX && mods.iter().all(|(w, _)| ents[e].words.contains(w)))
                // "the state" is a place, not the "Islamic State".
                .filter(|&e| types.is_none_or(|t| t.contains(&ents[e].label)))
                .map(|e| (0, last_seen[e], e as u32))
                .max_by_key(|&(_, seen, _)| seen);
        }
        if best.is_none() && mods.is_empty() && TYPE_ONLY_WINDOW > 0 {
            // "the company", "the city": the one entity of that type seen in the last few
            // sentences, when there is exactly one.
            if let Some(t) = types {
                let here = scan.ctx.sentence[i];
                let mut cands: Vec<u32> = recent
                    .iter()
                    .rev()
                    .take_while(|&&(pos, _)| scan.ctx.sentence[pos] + TYPE_ONLY_WINDOW > here)
                    .map(|&(_, e)| e)
                    .filter(|&e| t.contains(&ents[e as usize].label))
                    .collect();
                cands.sort_unstable();
                cands.dedup();
                if let [e] = cands[..] {
                    best = Some((0, last_seen[e as usize], e));
                }
            }
        }
        if let Some((score, _, e)) = best {
            links.push((e, i, j, score > 0));
            last_seen[e as usize] = i;
            recent.push((i, e));
        }
    }
    for (e, a, b, described) in links {
        // "the company" linked by type alone is a mention but tells nothing new.
        if described {
            add_description(scan, &mut ents[e as usize], a, b);
        }
        ents[e as usize].mentions.push(Mention { first: a as u32, end: b as u32, kind: MentionKind::Description });
    }
}
