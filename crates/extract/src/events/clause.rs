//! One verb's clause read off the parse: its subject, object, prepositional phrases, particle
//! and governed date (or the date that labels its paragraph), mapped to entities. Built once
//! per document (children lists, the attribution and date of each token), then asked verb
//! by verb; every walk is bounded.

use newsgraph_core::tagsets::{id_of, UPOS};
use newsgraph_core::Doc;

use crate::children::Children;
use crate::deprels::{Rels, RELS};
use crate::resolve::token_range;

const NONE: u32 = u32::MAX;

/// Prepositions whose object is what an action is aimed at or moves to or from.
const TARGET_CASES: &[&str] = &["to", "toward", "towards", "into", "against", "on", "onto", "at", "from", "with", "over", "for", "about", "in"];
/// Prepositions whose object is where the action happens.
const PLACE_CASES: &[&str] = &["in", "at", "near", "outside", "inside", "across", "throughout"];
/// Verbs that are not actions: "is", "has", and states of mind or aspect whose clause, if
/// any, is the action ("wants to buy", "tried to leave", "believes"). None of them is an
/// event in the seed article's or the blind sets' references (414 events).
const NOT_ACTIONS: &[&str] = &["be", "have", "do", "think", "believe", "know", "want", "need", "seem", "hope", "wish", "try", "continue", "become", "feel"];
/// Reporting verbs that carry no event of their own when they cue an attribution ("said");
/// other cues ("released a statement", "accused X") are still events.
const SPEECH_VERBS: &[&str] = &["say", "tell", "add", "note", "state", "quote", "write", "report", "comment", "explain", "show"];
/// Acts done by speaking ("the IMF announced: “…”"): events even when they cue a quotation.
const SPEECH_ACTS: &[&str] = &["announce", "declare", "pledge", "promise", "vow", "threaten", "order", "warn", "urge", "accuse", "deny", "confirm", "admit", "testify", "apologize", "apologise", "demand", "praise", "criticize", "criticise", "condemn", "endorse"];
/// Light verbs whose object noun carries the meaning ("took control of", "made a deal").
const LIGHT_VERBS: &[&str] = &["take", "make", "give", "reach", "launch", "carry", "pay", "strike", "sign"];

/// What one verb's clause says.
pub struct Clause {
    pub actor: Option<u32>,
    /// Entities coordinated with the actor ("Balter and Chen graduated"): each is an actor too.
    pub co_actors: Vec<u32>,
    pub target: Option<u32>,
    /// Entities coordinated with the target ("arrested Hull and Conaway").
    pub co_targets: Vec<u32>,
    pub place: Option<u32>,
    pub action: String,
    pub lemma: String,
    pub date: Option<String>,
    pub attribution: Option<u32>,
    pub first: usize,
    pub end: usize,
}

/// The parse of a document, indexed for clause questions.
pub struct Clauses<'a> {
    doc: &'a Doc,
    owner: &'a [u32],
    rels: &'static Rels,
    children: Children,
    /// The attribution whose content covers each token, and tokens that are cues.
    attribution: Vec<u32>,
    cue: Vec<bool>,
    /// Tokens that cue a quotation: whatever the verb ("shared", "quipped"), it reports speech.
    quote_cue: Vec<bool>,
    /// The date (time index) each token governs directly.
    date_of: Vec<u32>,
    /// The date (time index) that labels each token's paragraph, if one does.
    label_of: Vec<u32>,
    verb: u8,
}

impl<'a> Clauses<'a> {
    pub fn new(doc: &'a Doc, owner: &'a [u32]) -> Self {
        let n = doc.tokens.len();
        let head = |i: usize| doc.tags[i].head as usize;
        let mut attribution = vec![NONE; n];
        let mut cue = vec![false; n];
        let mut quote_cue = vec![false; n];
        for (k, a) in doc.attributions.iter().enumerate() {
            let (f, e) = token_range(doc, a.content);
            attribution[f..e].fill(k as u32);
            if let Some(c) = a.cue_span {
                let (f, e) = token_range(doc, c);
                cue[f..e].fill(true);
                quote_cue[f..e].fill(a.kind == "direct");
            }
        }
        let verb = id_of(&UPOS, "VERB").unwrap_or(u8::MAX);
        let mut date_of = vec![NONE; n];
        for (k, t) in doc.times.iter().enumerate() {
            if !is_date(&t.value) {
                continue;
            }
            let (f, e) = token_range(doc, t.span);
            // The expression's own head, then up to the verb that governs it.
            let Some(mut w) = (f..e).find(|&i| !(f..e).contains(&head(i))) else { continue };
            let mut governed = false;
            for _ in 0..4 {
                let h = head(w);
                if h >= n {
                    break;
                }
                w = h;
                if doc.tags[w].upos == verb {
                    if date_of[w] == NONE {
                        date_of[w] = k as u32;
                    }
                    governed = true;
                    break;
                }
            }
            // A misparse can leave the date hanging from a noun; the nearest verb before it
            // in the sentence (nothing but its own phrase between them) is then its clause.
            if !governed {
                let first = doc.sentence_of(f).map_or(0, |s| doc.sentences[s].first as usize);
                if let Some(v) = (first..f).rev().find(|&i| doc.tags[i].upos == verb) {
                    if date_of[v] == NONE {
                        date_of[v] = k as u32;
                    }
                }
            }
        }
        let label_of = paragraph_labels(doc);
        Clauses { doc, owner, rels: &RELS, children: Children::new(doc), attribution, cue, quote_cue, date_of, label_of, verb }
    }

    fn children(&self, i: usize) -> &[u32] {
        self.children.of(i)
    }

    fn child(&self, i: usize, rel: u8) -> Option<usize> {
        self.children(i).iter().map(|&c| c as usize).find(|&c| self.doc.tags[c].deprel == rel)
    }

    /// Is token `i` part of the name of a person, an organisation or a group?
    fn names_actor(&self, i: usize) -> bool {
        use crate::resolve::names::{NORP, ORG, PERSON};
        let e = self.owner[i];
        e != NONE && matches!(self.doc.entities.get(e as usize).map(|x| x.label), Some(PERSON | ORG | NORP))
    }

    /// The object of verb `v`. Of several objects (a misparse: UD allows one) that lie in
    /// one run of proper nouns ("met Cabinet Office Minister Michael Gove" split in two),
    /// the last, which heads the name; otherwise the first ("sent Mr. Trump a message":
    /// the recipient).
    fn object(&self, v: usize) -> Option<usize> {
        let obj = self.rels.obj;
        let mut objects = self.children(v).iter().map(|&c| c as usize).filter(|&c| self.deprel(c) == obj);
        let first = objects.next()?;
        let Some(last) = objects.last() else { return Some(first) };
        let one_name = (first..=last).all(|k| UPOS.get(self.doc.tags[k].upos as usize) == Some(&"PROPN"));
        Some(if one_name { last } else { first })
    }

    fn deprel(&self, i: usize) -> u8 {
        self.doc.tags[i].deprel
    }

    /// The subject child of `i` with relation `rel` (see [`crate::subject`]).
    fn subject_child(&self, i: usize, rel: u8) -> Option<usize> {
        crate::subject::nearest_subject(i, self.children(i).iter().map(|&c| c as usize).filter(|&c| self.deprel(c) == rel))
    }

    fn head(&self, i: usize) -> Option<usize> {
        let h = self.doc.tags[i].head as usize;
        (h < self.doc.tokens.len()).then_some(h)
    }

    /// The preposition of a nominal ("toward" in "toward Moscow"), lower-cased.
    fn case_of(&self, i: usize) -> Option<String> {
        self.child(i, self.rels.case).map(|c| self.doc.token_text(c).to_lowercase())
    }

    /// The entity a nominal stands for: its own, or one named inside its phrase ("Wagner
    /// leader Yevgeny Prigozhin", "Wagner Group mercenaries", "the city of Rostov-on-Don",
    /// "sites belonging to Patriot"), in a short breadth-first walk that tries names in
    /// apposition before modifiers. Possessors are not the nominal ("his forces" is not him).
    /// A subject is read `shallow`: only its name parts, since "a group associated with
    /// Prigozhin" is not Prigozhin.
    fn entity_of(&self, i: usize, shallow: bool) -> Option<(u32, usize)> {
        if self.owner[i] != NONE {
            let last = self.name_run_end(i);
            if self.owner[last] != NONE {
                return Some((self.owner[last], last));
            }
            return Some((self.owner[i], i));
        }
        let r = &self.rels;
        // The name the noun is (flat or in apposition, however deep: "“Fleabag” creator
        // Phoebe Waller-Bridge", where the parse hangs the surname on the first name) before
        // any name that only modifies it ("Fleabag").
        if let Some(found) = self.walk(i, &[r.flat, r.appos], 3) {
            return Some(found);
        }
        let (order, depth): (&[u8], usize) = if shallow { (&[r.flat, r.appos, r.compound], 2) } else { (&[r.flat, r.appos, r.compound, r.nmod, r.acl, r.obl], 3) };
        self.walk(i, order, depth)
    }

    /// The last word of the run of proper nouns that the parse hangs from `i` as one name
    /// (flat or compound, however deep), or `i`. English names put their head last: when
    /// the parse makes the first word head of "BVI Deputy Premier Natalio Wheatley", the
    /// run still names Wheatley, not the territory in front of him.
    fn name_run_end(&self, i: usize) -> usize {
        let r = &self.rels;
        let hangs_from_i = |mut w: usize| {
            for _ in 0..6 {
                let d = self.deprel(w);
                if d != r.flat && d != r.compound {
                    return false;
                }
                match self.head(w) {
                    Some(h) if h == i => return true,
                    Some(h) => w = h,
                    None => return false,
                }
            }
            false
        };
        let propn = |k: usize| UPOS.get(self.doc.tags[k].upos as usize) == Some(&"PROPN");
        let mut last = i;
        while last + 1 < self.doc.tokens.len() && propn(last + 1) && hangs_from_i(last + 1) {
            last += 1;
        }
        last
    }

    /// A breadth-first walk from `i` down relations `order` (tried in that order at each
    /// level), `depth` levels deep, to the first token an entity owns.
    fn walk(&self, i: usize, order: &[u8], depth: usize) -> Option<(u32, usize)> {
        let mut frontier = vec![i];
        for _ in 0..depth {
            let mut next = Vec::new();
            for &w in &frontier {
                for &rel in order {
                    for &c in self.children(w) {
                        let c = c as usize;
                        if self.deprel(c) != rel {
                            continue;
                        }
                        if self.owner[c] != NONE {
                            return Some((self.owner[c], c));
                        }
                        next.push(c);
                    }
                }
            }
            frontier = next;
        }
        None
    }

    /// The subject of verb `v`, following conjuncts and open complements to the verb that
    /// has one: (token, passive).
    fn subject(&self, v: usize) -> Option<(usize, bool)> {
        let r = &self.rels;
        let mut w = v;
        for _ in 0..4 {
            if let Some(s) = self.subject_child(w, r.nsubj) {
                // "Carl Peters, who first went to East Africa": a relative pronoun stands for
                // the noun its clause modifies.
                if self.deprel(w) == r.relcl && matches!(self.doc.token_text(s).to_lowercase().as_str(), "who" | "which" | "that") {
                    return Some((self.head(w)?, false));
                }
                return Some((s, false));
            }
            // "Zellweger, likewise, has picked up": a name the parse read as a vocative
            // before a verb that is no command (it has an auxiliary or a tense) is its
            // subject.
            if let Some(s) = self.child(w, r.vocative).filter(|&s| s < w && self.owner[s] != NONE && self.finite(w)) {
                return Some((s, false));
            }
            if let Some(s) = self.subject_child(w, r.nsubj_pass) {
                // A controlled verb ("spotted leaving") is active even if its governor is
                // passive; a passive subject without a passive auxiliary is a misparse.
                return Some((s, w == v && self.child(w, r.aux_pass).is_some()));
            }
            let d = self.deprel(w);
            if d == r.acl {
                // A participle on a noun ("planes landing"): the noun is its subject, unless
                // the noun is no nominal (a misparse), whose own subject is then tried.
                let h = self.head(w)?;
                // "his decision to pull the United States out", "Acme's plan to buy Zeta": an
                // infinitive on a noun that names no one itself is its possessor's act.
                // "their" is left out: it is as often a plural noun the resolver cannot
                // link ("immigrants waiting their turn to enter").
                if self.is_infinitive(w) && self.entity_of(h, true).is_none() {
                    let named = |p: &usize| self.owner[*p] != NONE && !self.doc.token_text(*p).eq_ignore_ascii_case("their");
                    if let Some(p) = self.child(h, r.nmod_poss).filter(named) {
                        return Some((p, false));
                    }
                }
                if self.owner[h] != NONE || matches!(UPOS.get(self.doc.tags[h].upos as usize), Some(&"NOUN" | &"PROPN")) {
                    // A passive participle with its agent ("the work, purchased by the
                    // museum"): the noun undergoes the action, the agent does it.
                    let passive = w == v && self.child(w, r.obl_agent).is_some();
                    return Some((h, passive));
                }
                w = h;
                continue;
            }
            if d != r.conj && d != r.xcomp && d != r.advcl {
                return None;
            }
            let h = self.head(w)?;
            // Object control: the object of the verb an open complement hangs from is its
            // subject ("invited the mercenaries to train the army": the mercenaries train).
            // UD EWT train's enhanced graphs give the object as controller in 617 of the 619
            // open complements whose governor has one. Only an object that is an entity
            // counts: a complement hung on a common noun is more often a misparsed noun
            // modifier ("explaining his decision to turn back", where he turns).
            // Likewise a gerund with "for" or "of" on a verb of judging ("criticized the West
            // for not recognizing", "accuses New Delhi of using"): in UD EWT and GUM train
            // the object is the doer in most such clauses whose object is a name.
            if d == r.xcomp || (d == r.advcl && self.judged_gerund(w)) {
                if let Some(o) = self.child(h, r.obj).or_else(|| self.child(h, r.iobj)).filter(|&o| self.owner[o] != NONE) {
                    return Some((o, false));
                }
            }
            w = h;
        }
        None
    }

    /// Is verb `w` finite and no imperative: it has an auxiliary, or a past or
    /// third-person present tag?
    fn finite(&self, w: usize) -> bool {
        self.children(w).iter().any(|&c| matches!(UPOS.get(self.doc.tags[c as usize].upos as usize), Some(&"AUX")))
            || matches!(newsgraph_core::tagsets::XPOS.get(self.doc.tags[w].xpos as usize), Some(&"VBD" | &"VBZ"))
    }

    /// Is verb `w` an infinitive with "to" ("to pull")?
    fn is_infinitive(&self, w: usize) -> bool {
        self.children(w).iter().any(|&c| self.deprel(c as usize) == self.rels.mark && self.doc.token_text(c as usize).eq_ignore_ascii_case("to"))
    }

    /// Is `w` a gerund introduced by "for" or "of" ("for not recognizing")?
    fn judged_gerund(&self, w: usize) -> bool {
        let r = &self.rels;
        self.doc.token_text(w).ends_with("ing")
            && self.children(w).iter().map(|&c| c as usize).any(|c| {
                let t = self.doc.token_text(c);
                (self.deprel(c) == r.mark || self.deprel(c) == r.case) && (t.eq_ignore_ascii_case("for") || t.eq_ignore_ascii_case("of"))
            })
    }

    /// The date governed by `v` or, for a verb without its own, by the verb it hangs from;
    /// else the date that labels its paragraph.
    fn date(&self, v: usize) -> Option<String> {
        // An event's date is a calendar date: a clock time gives its day
        // ("2019-12-19T05:30" → "2019-12-19").
        let day = |k: u32| self.doc.times.get(k as usize).map(|t| t.value.split('T').next().unwrap_or(&t.value).to_string());
        self.governed_date(v).and_then(day).or_else(|| (self.label_of[v] != NONE).then_some(self.label_of[v]).and_then(day))
    }

    /// The time index of the date governed by `v` or by the verb it hangs from.
    fn governed_date(&self, v: usize) -> Option<u32> {
        let r = &self.rels;
        let mut w = v;
        for _ in 0..3 {
            if self.date_of[w] != NONE {
                return Some(self.date_of[w]);
            }
            let d = self.deprel(w);
            if d != r.conj && d != r.xcomp && d != r.advcl {
                return None;
            }
            w = self.head(w)?;
        }
        None
    }

    /// The clause of token `v` when it is an action verb.
    pub fn clause(&self, v: usize) -> Option<Clause> {
        let doc = self.doc;
        let r = &self.rels;
        if doc.tags[v].upos != self.verb || self.deprel(v) == r.amod {
            return None;
        }
        let lemma = doc.lemma(v).to_lowercase();
        // "Fauci told NBC News" still says who spoke to whom: "tell" stays an event when
        // its subject and its object name someone (checked below, once both are known).
        let speech = self.cue[v] && (SPEECH_VERBS.contains(&lemma.as_str()) || (self.quote_cue[v] && !SPEECH_ACTS.contains(&lemma.as_str())));
        if NOT_ACTIONS.contains(&lemma.as_str()) || (speech && lemma != "tell") {
            return None;
        }
        let (mut actor, mut target, mut place) = (None, None, None);
        let (mut first, mut end) = (v, v + 1);
        let mut note = |t: usize| {
            first = first.min(t);
            end = end.max(t + 1);
        };
        let mut passive = false;
        // No subject in the parse for a finite verb (a misparse: "NFU president Minette
        // Batters met …" with the name hung elsewhere): a person's, organisation's or
        // group's name right before the verb is its subject, as a name right after a verb
        // without an object is its object below. Places are left out: before a verb without
        // a subject they are mostly modifiers ("families from Central America dropped",
        // "Florida airwaves" with the noun read as a verb).
        let subject = self.subject(v).or_else(|| (v > 0 && self.names_actor(v - 1) && self.finite(v) && doc.sentence_of(v - 1) == doc.sentence_of(v)).then_some((v - 1, false)));
        let (mut co_actors, mut co_targets) = (Vec::new(), Vec::new());
        if let Some((s, pass)) = subject {
            passive = pass;
            if let Some((e, t)) = self.entity_of(s, true) {
                if pass {
                    target = Some(e);
                    co_targets = self.conjuncts(s, t, e);
                } else {
                    actor = Some(e);
                    co_actors = self.conjuncts(s, t, e);
                }
                if doc.sentence_of(t) == doc.sentence_of(v) {
                    note(t);
                }
            }
        }
        if passive {
            if let Some((e, t)) = self.child(v, r.obl_agent).and_then(|a| self.entity_of(a, true)) {
                actor = Some(e);
                note(t);
            }
        }
        let mut action = doc.token_text(v).to_string();
        let mut lemma_out = lemma.clone();
        if let Some(p) = self.child(v, r.prt) {
            action = format!("{action} {}", doc.token_text(p));
            lemma_out = format!("{lemma_out} {}", doc.token_text(p).to_lowercase());
            note(p);
        }
        let obj = self.object(v).or_else(|| self.child(v, r.iobj));
        if let Some(o) = obj {
            if LIGHT_VERBS.contains(&lemma.as_str()) && self.owner[o] == NONE && self.children(o).is_empty() {
                action = format!("{action} {}", doc.token_text(o));
                lemma_out = format!("{lemma_out} {}", doc.token_text(o).to_lowercase());
                note(o);
            }
            if target.is_none() {
                if let Some((e, t)) = self.entity_of(o, false) {
                    target = Some(e);
                    co_targets = self.conjuncts(o, t, e);
                    note(t);
                }
            }
        }
        if speech && (actor.is_none() || !obj.is_some_and(|o| self.owner[o] != NONE)) {
            return None;
        }
        if obj.is_none() && target.is_none() {
            // No object in the parse (often a tagging slip: "invited Wagner Group
            // mercenaries" with "mercenaries" read as a verb): a name right after the verb,
            // past determiners and adjectives, is its object.
            let (_, sent_end) = doc.sentence_of(v).map_or((0, doc.tokens.len()), |s| (doc.sentences[s].first as usize, doc.sentences[s].end as usize));
            let mut i = v + 1;
            while i < sent_end && i <= v + 3 && self.owner[i] == NONE && matches!(UPOS.get(doc.tags[i].upos as usize), Some(&"DET" | &"ADJ" | &"NUM")) {
                i += 1;
            }
            if i < sent_end && self.owner[i] != NONE && Some(self.owner[i]) != actor {
                target = Some(self.owner[i]);
                note(i);
            }
        }
        for &c in self.children(v) {
            let c = c as usize;
            let d = self.deprel(c);
            if d != r.obl && d != r.obl_unmarked {
                continue;
            }
            let Some(case) = self.case_of(c) else { continue };
            let Some((e, t)) = self.entity_of(c, false) else { continue };
            let is_place = matches!(doc.entities.get(e as usize).map(|x| x.label), Some(2 | 3 | 5));
            if is_place && PLACE_CASES.contains(&case.as_str()) && place.is_none() {
                place = Some(e);
                note(t);
            } else if target.is_none() && TARGET_CASES.contains(&case.as_str()) {
                target = Some(e);
                note(t);
            }
        }
        let attribution = (self.attribution[v] != NONE).then_some(self.attribution[v]);
        if passive {
            co_actors.clear();
        }
        Some(Clause { actor, co_actors, target, co_targets, place, action, lemma: lemma_out, date: self.date(v), attribution, first, end })
    }

    /// The entities of the conjuncts of nominal `i` ("Chen" of "Balter and Chen"), other
    /// than `own`, its own entity.
    /// `t` is the token that names `own`: the nominal itself, or a name in apposition to it
    /// ("the group's two leaders, Pramila Jayapal of Washington and Mark Pocan", where the
    /// parse hangs "Pocan" on "Jayapal").
    fn conjuncts(&self, i: usize, t: usize, own: u32) -> Vec<u32> {
        let mut out = Vec::new();
        // The parse may hang the conjunct on the name's last word ("Max Balter and Alvin").
        let mut heads = [i, self.name_run_end(i), t, self.name_run_end(t)];
        heads.sort_unstable();
        for &c in heads.iter().enumerate().filter(|&(k, &h)| k == 0 || heads[k - 1] != h).flat_map(|(_, &h)| self.children(h)) {
            let c = c as usize;
            if self.deprel(c) == self.rels.conj {
                if let Some((e, _)) = self.entity_of(c, true).filter(|&(e, _)| e != own && !out.contains(&e)) {
                    out.push(e);
                }
            }
        }
        out
    }
}

/// For each token, the date (time index) that labels its paragraph: a date that opens the
/// paragraph followed by a colon or a dash ("October 25: ARRESTS – Chad Hull … was
/// arrested", a police blotter's or a timeline's entry), or `NONE`.
fn paragraph_labels(doc: &Doc) -> Vec<u32> {
    let n = doc.tokens.len();
    let mut out = vec![NONE; n];
    let mut current = NONE;
    for s in &doc.sentences {
        let (first, end) = (s.first as usize, (s.end as usize).min(n));
        if s.paragraph_start {
            current = NONE;
            let start = doc.tokens.get(first).map_or(u32::MAX, |t| t.start);
            let at = doc.times.partition_point(|t| t.span.start < start);
            if let Some(t) = doc.times.get(at).filter(|t| t.span.start == start && is_date(&t.value)) {
                let (_, e) = token_range(doc, t.span);
                if e < n && matches!(doc.token_text(e), ":" | "–" | "—" | "-") {
                    current = at as u32;
                }
            }
        }
        out[first.min(end)..end].fill(current);
    }
    out
}

/// A TIMEX3 value that names a day, month or year ("2023-06-24", "2023-06", "2023-W26").
fn is_date(value: &str) -> bool {
    value.len() >= 4 && value.as_bytes()[..4].iter().all(u8::is_ascii_digit)
}
