//! Pronouns: third-person personal pronouns in subject position ("he said", "it announced")
//! and possessives ("his speech") are linked to the nearest compatible antecedent among the
//! entity mentions before them: a subject earlier in the same sentence, else the first
//! subject of the latest of the two sentences before that has one, else the nearest mention of the sentence or the one
//! before. A possessive that opens its sentence before any candidate ("In his speech,
//! Lukashenko said") takes the subject that follows. Compatibility is number and kind
//! (he/she: a person; it: an organisation, place or thing; they: an organisation or group)
//! and gender when known from titles, role nouns or earlier pronouns. Object pronouns
//! ("him", object "her") are read only with a parse and never link to the subject of their
//! own clause. Pronouns inside quotations are left alone (a speaker's "he" is the
//! speaker's business), as are first and second persons.
//!
//! A "they" after a plural common noun that is a subject ("The loggers told …; they
//! claimed") refers to that unnamed group: only organisations named after it are
//! candidates.
//!
//! It adds the pronouns as mentions of their entity; it does not resolve "this"/"that" or
//! event anaphora.

use newsgraph_core::Doc;

use super::names::{NORP, ORG, PERSON};
use super::{one_of, Ctx, Ent, Gender, Mention, MentionKind};
use crate::attribution::lexicon;

/// What a pronoun can refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    He,
    She,
    It,
    They,
}

/// A candidate antecedent: token position and end, entity, subject or not, sentence.
#[derive(Debug, Clone, Copy)]
struct Ante {
    pos: usize,
    end: usize,
    ent: u32,
    subject: bool,
    sentence: u32,
}

/// Where a pronoun stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Subject,
    Possessive,
    /// "him", object "her": read only with a parse, as an object or a preposition's object.
    Object,
}

/// The kind and slot of pronoun `w` at token `i`, for pronouns handled here.
fn classify(doc: &Doc, ctx: &Ctx, i: usize) -> Option<(Kind, Slot)> {
    let w = doc.token_text(i);
    if w.len() > 10 {
        return None;
    }
    let (kind, poss) = if one_of(w, &["he"]) {
        (Kind::He, false)
    } else if one_of(w, &["his"]) {
        (Kind::He, true)
    } else if one_of(w, &["him"]) {
        return object_pronoun(doc, ctx, i).then_some((Kind::He, Slot::Object));
    } else if one_of(w, &["she"]) {
        (Kind::She, false)
    } else if one_of(w, &["her"]) {
        // "her" is possessive only before a noun phrase (by the tagger).
        if ctx.xpos(doc, i) != "PRP$" {
            return object_pronoun(doc, ctx, i).then_some((Kind::She, Slot::Object));
        }
        (Kind::She, true)
    } else if one_of(w, &["it"]) {
        (Kind::It, false)
    } else if one_of(w, &["its"]) {
        (Kind::It, true)
    } else if one_of(w, &["they"]) {
        (Kind::They, false)
    } else if one_of(w, &["their"]) {
        (Kind::They, true)
    } else {
        return None;
    };
    if !poss && !subject_pronoun(doc, ctx, i) {
        return None;
    }
    if kind == Kind::It && !poss && expletive_it(doc, ctx, i) {
        return None;
    }
    Some((kind, if poss { Slot::Possessive } else { Slot::Subject }))
}

/// An object pronoun by the parse: the object of a verb or of a preposition ("told him",
/// "gave it to her").
fn object_pronoun(doc: &Doc, ctx: &Ctx, i: usize) -> bool {
    ctx.parsed && matches!(ctx.deprel(doc, i), "obj" | "iobj" | "obl" | "nmod")
}

/// The subject token of the clause object pronoun `i` stands in: "him" cannot be the
/// subject of its own verb ("She compares him to Trump"; "he blamed him" names two men).
fn own_subject(doc: &Doc, ctx: &Ctx, i: usize) -> Option<usize> {
    let h = ctx.head(doc, i)?;
    // A preposition's object hangs from a noun or verb: the clause is that word's verb.
    let mut v = if ctx.is_verb(doc, h) { h } else { ctx.head(doc, h).filter(|&v| ctx.is_verb(doc, v))? };
    let sentence = ctx.sentence[i];
    let first = (0..i).rev().take_while(|&k| ctx.sentence[k] == sentence).last().unwrap_or(i);
    let words = || (first..doc.tokens.len()).take_while(|&k| ctx.sentence[k] == sentence);
    // A verb without a subject of its own shares its governor's ("Blige sings to Clinton
    // before asking her": Blige asks, so "her" is not Blige).
    for _ in 0..3 {
        if let Some(s) = words().find(|&k| ctx.head(doc, k) == Some(v) && ctx.deprel(doc, k).starts_with("nsubj")) {
            return Some(s);
        }
        if !matches!(ctx.deprel(doc, v), "xcomp" | "advcl" | "conj") {
            return None;
        }
        v = ctx.head(doc, v)?;
    }
    None
}

/// A subject pronoun: by the parse when there is one, else followed by a verb, an
/// auxiliary or an adverb, or right after a reporting verb ("said he").
fn subject_pronoun(doc: &Doc, ctx: &Ctx, i: usize) -> bool {
    if ctx.parsed {
        return ctx.deprel(doc, i).starts_with("nsubj");
    }
    let next = i + 1;
    if next >= doc.tokens.len() {
        return i > 0 && lexicon::is_cue_word(&doc.token_text(i - 1).to_lowercase());
    }
    if ctx.tagged {
        ctx.is_verb(doc, next) || ctx.upos(doc, next) == "ADV" || (i > 0 && ctx.is_verb(doc, i - 1) && lexicon::is_cue_word(&doc.token_text(i - 1).to_lowercase()))
    } else {
        let w = doc.token_text(next).to_lowercase();
        lexicon::is_aux(&w) || lexicon::is_cue_word_untagged(&w) || lexicon::is_pre_cue_adverb(&w) || w.ends_with("ed")
    }
}

/// "It is clear that ...", "it seems": a pronoun that refers to nothing.
fn expletive_it(doc: &Doc, ctx: &Ctx, i: usize) -> bool {
    if ctx.parsed {
        return ctx.deprel(doc, i) == "expl";
    }
    let n = doc.tokens.len();
    let next = |k: usize| (i + k < n).then(|| doc.token_text(i + k));
    match next(1) {
        Some(w) if one_of(w, &["seems", "seemed", "appears", "appeared", "takes", "took", "remains"]) => true,
        Some(w) if one_of(w, &["is", "was", "'s", "’s", "would", "will"]) => {
            let after = i + 2;
            after < n && (ctx.upos(doc, after) == "ADJ" || one_of(doc.token_text(after), &["not", "be", "time", "likely", "unclear", "clear", "possible", "important", "hard", "difficult", "easy"]))
        }
        _ => false,
    }
}

/// Whether entity `ent` can be what pronoun kind `k` refers to.
fn compatible(ent: &Ent, k: Kind) -> bool {
    match k {
        Kind::He => ent.label == PERSON && ent.gender != Some(Gender::Female),
        Kind::She => ent.label == PERSON && ent.gender != Some(Gender::Male),
        Kind::It => ent.label != PERSON && ent.label != NORP,
        // Nationality adjectives ("Russian cities") are no antecedents; plural nouns are.
        Kind::They => ent.label == ORG || (ent.label == NORP && ent.names.iter().any(|(n, _)| n.ends_with('s'))),
    }
}

/// A mention `[first, end)` that is a clause subject: by the parse, else followed by a
/// verb or auxiliary, or placed right after a reporting verb ("said Lukashenko").
fn subject_mention(doc: &Doc, ctx: &Ctx, first: usize, end: usize) -> bool {
    let n = doc.tokens.len();
    if ctx.parsed {
        // A name in apposition to the subject is the subject ("British Foreign Secretary
        // Elizabeth Truss said she", with the name hung on "Secretary").
        let mut h = ctx.phrase_head(doc, first, end);
        for _ in 0..3 {
            match ctx.deprel(doc, h) {
                d if d.starts_with("nsubj") => return true,
                "appos" | "flat" => match ctx.head(doc, h) {
                    Some(up) => h = up,
                    None => break,
                },
                _ => break,
            }
        }
        // "Kenneth Preston, a student, says he …": a sentence-opening name, an apposition and
        // a verb; parsers often hang the verb on the apposition.
        let opens = first == 0 || ctx.sentence[first - 1] != ctx.sentence[first];
        let comma = |i: usize| i < n && doc.token_text(i) == "," && ctx.sentence[i] == ctx.sentence[first];
        return opens && comma(end) && (end + 2..(end + 14).min(n)).find(|&i| comma(i)).is_some_and(|c| c + 1 < n && ctx.is_verb(doc, c + 1));
    }
    let after_cue = first > 0 && lexicon::is_cue_word(&doc.token_text(first - 1).to_lowercase());
    if end >= n {
        return after_cue;
    }
    let w = doc.token_text(end);
    let lw = w.to_lowercase();
    let verb = if ctx.tagged {
        ctx.is_verb(doc, end) || (ctx.upos(doc, end) == "ADV" && end + 1 < n && ctx.is_verb(doc, end + 1))
    } else {
        w.chars().next().is_some_and(char::is_lowercase)
            && !(lexicon::is_preposition(&lw) || lexicon::is_determiner(&lw) || lexicon::is_clause_word(&lw))
    };
    verb || lexicon::is_aux(&lw) || lexicon::is_cue_word(&lw) || after_cue
}

/// Is possessive `i` inside the phrase of mention `a` ("her boyfriend Alastair Uhlig", the
/// name in apposition to the noun "her" modifies)? A possessive never names its own phrase.
fn owns_possessive(doc: &Doc, ctx: &Ctx, i: usize, a: &Ante) -> bool {
    let Some(owner) = ctx.head(doc, i).filter(|_| ctx.parsed) else { return false };
    let mut h = ctx.phrase_head(doc, a.pos, a.end);
    for _ in 0..3 {
        if h == owner {
            return true;
        }
        match (ctx.deprel(doc, h), ctx.head(doc, h)) {
            ("appos" | "flat" | "compound", Some(up)) => h = up,
            _ => return false,
        }
    }
    h == owner
}

/// Link pronouns to entities and add them as mentions.
pub(crate) fn link(doc: &Doc, ctx: &Ctx, ents: &mut [Ent]) {
    let n = doc.tokens.len();
    let mut antes: Vec<Ante> = Vec::new();
    let mut covered = vec![false; n];
    for (e, ent) in ents.iter().enumerate() {
        for m in &ent.mentions {
            let (a, b) = (m.first as usize, m.end as usize);
            covered[a..b].fill(true);
            if ctx.quoted[a] {
                continue;
            }
            antes.push(Ante { pos: a, end: b, ent: e as u32, subject: subject_mention(doc, ctx, a, b), sentence: ctx.sentence[a] });
        }
    }
    antes.sort_by_key(|a| (a.pos, a.ent));
    // Plural common nouns that are subjects ("The loggers told investigators …"): a "they"
    // after one refers to that group, not to an organisation named before it. A group named
    // after an entity ("Wagner troops") is that entity's.
    let plural_subjects: Vec<usize> = (0..n)
        .filter(|&i| !covered[i] && !(i > 0 && covered[i - 1]) && !ctx.quoted[i] && ctx.xpos(doc, i) == "NNS" && subject_mention(doc, ctx, i, i + 1))
        .collect();
    // Antecedents seen so far, in text order (pronouns appended as they are linked).
    let mut window: Vec<Ante> = Vec::new();
    let mut next = 0;
    let mut links: Vec<(u32, usize)> = Vec::new();
    for i in 0..n {
        while next < antes.len() && antes[next].pos < i {
            window.push(antes[next]);
            next += 1;
        }
        if covered[i] || ctx.quoted[i] {
            continue;
        }
        let Some((kind, slot)) = classify(doc, ctx, i) else { continue };
        let poss = slot == Slot::Possessive;
        let sentence = ctx.sentence[i];
        // The entity of the object pronoun's own subject, which it cannot be.
        let own = if slot == Slot::Object { own_subject(doc, ctx, i) } else { None };
        let own = own.and_then(|s| window.iter().rev().take_while(|a| a.sentence == sentence).find(|a| (a.pos..a.end).contains(&s)).map(|a| a.ent));
        let group = match kind {
            Kind::They => plural_subjects[..plural_subjects.partition_point(|&p| p < i)].last().copied().filter(|&p| ctx.sentence[p] + 3 > sentence),
            _ => None,
        };
        let fits = |a: &Ante| compatible(&ents[a.ent as usize], kind) && group.is_none_or(|p| a.pos > p) && own != Some(a.ent);
        // Only the recent past matters: scan back over at most three sentences.
        let recent = window.iter().rev().take_while(|a| a.sentence + 3 > sentence);
        let mut same_subject = None;
        let mut prev_subject = None;
        let mut near = None;
        for a in recent {
            if !fits(a) {
                continue;
            }
            if a.sentence == sentence && a.subject && same_subject.is_none() {
                same_subject = Some(a.ent);
            }
            // In an earlier sentence, its first subject (the main clause's, usually),
            // from the latest sentence that has one.
            if a.sentence < sentence && a.sentence + 2 >= sentence && a.subject {
                match prev_subject {
                    Some((s, _)) if s != a.sentence => {}
                    _ => prev_subject = Some((a.sentence, a.ent)),
                }
            }
            if a.sentence + 1 >= sentence && near.is_none() {
                near = Some(a.ent);
            }
        }
        let mut pick = same_subject;
        if pick.is_none() && poss {
            // Cataphora: "In his speech Friday Lukashenko said ...".
            pick = antes[next..]
                .iter()
                .take_while(|a| a.sentence == sentence && a.pos <= i + 8)
                .find(|a| a.subject && fits(a) && !owns_possessive(doc, ctx, i, a))
                .map(|a| a.ent);
        }
        let pick = pick.or(prev_subject.map(|(_, e)| e)).or(near);
        if let Some(e) = pick {
            let ent = &mut ents[e as usize];
            if ent.gender.is_none() {
                ent.gender = match kind {
                    Kind::He => Some(Gender::Male),
                    Kind::She => Some(Gender::Female),
                    _ => None,
                };
            }
            links.push((e, i));
            window.push(Ante { pos: i, end: i + 1, ent: e, subject: slot == Slot::Subject, sentence });
        }
    }
    for (e, i) in links {
        ents[e as usize].mentions.push(Mention { first: i as u32, end: i as u32 + 1, kind: MentionKind::Pronoun });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pronoun_kinds_need_matching_entities() {
        let ent = |label: u8, gender: Option<Gender>| Ent {
            votes: Default::default(),
            label,
            names: vec![],
            words: vec![],
            initials: String::new(),
            descriptions: vec![],
            desc_words: vec![],
            desc_heads: vec![],
            mentions: vec![],
            gender,
            person_cue: false,
            last: 0,
        };
        assert!(compatible(&ent(PERSON, None), Kind::He));
        assert!(!compatible(&ent(PERSON, Some(Gender::Female)), Kind::He));
        assert!(!compatible(&ent(ORG, None), Kind::She));
        assert!(compatible(&ent(ORG, None), Kind::It));
        assert!(compatible(&ent(ORG, None), Kind::They));
        assert!(!compatible(&ent(PERSON, None), Kind::It));
    }
}
