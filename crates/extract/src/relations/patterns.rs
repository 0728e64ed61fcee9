//! The relation patterns, each a short walk over the tokens next to an entity mention.
//! Every walk is bounded (a few tokens, never past the sentence), so the whole pass is
//! linear in the document. What each pattern reads is in its comment; none needs the parse.

use newsgraph_core::Doc;

use super::lexicon::{is_age, Holder, RolePhrase, Roles};
use super::{label, text_of, Arg, Found, Unit};

/// UPOS ids used here and by the lexicon (`newsgraph_core::tagsets::UPOS`).
pub(super) mod upos {
    pub const ADJ: u8 = 0;
    pub const ADV: u8 = 2;
    pub const AUX: u8 = 3;
    pub const DET: u8 = 5;
    pub const NOUN: u8 = 7;
    pub const NUM: u8 = 8;
    pub const PART: u8 = 9;
    pub const PROPN: u8 = 11;
    pub const VERB: u8 = 15;
}

/// Verbs that put a person in a position ("held the position of", "was named", "serves as").
const POSITION_VERBS: &[&str] = &["be", "become", "serve", "hold", "remain", "name", "appoint", "elect", "take", "assume", "work", "act", "step", "return"];
/// Nouns that introduce a position ("the position of deputy head").
const POSITION_NOUNS: &[&str] = &["position", "post", "role", "job", "title", "office", "seat", "rank"];
/// Words after a role that introduce what it is a role in.
const ROLE_PREPOSITIONS: &[&str] = &["of", "at", "for", "with", "in", "to"];
/// Words that open a membership list after an organisation.
const LIST_OPENERS: &[&str] = &["including", "comprising", "includes", "include", "included", "comprises", "comprise", "owns", "own", "owned", "encompasses", "contains", "spans"];

pub(crate) struct Matcher<'a> {
    pub doc: &'a Doc,
    pub roles: &'a Roles,
    pub owner: &'a [u32],
    pub units: &'a [Unit],
    pub of_token: &'a [u32],
    /// The entity of the description or pronoun mention on each token (`referring_tokens`).
    pub referring: &'a [u32],
    /// Each organisation's head noun, lowercase, with its entity ([`org_heads`]).
    pub org_heads: &'a [(String, u32)],
}

/// The head noun of every organisation's name (the resolver's: the word before "of"/"for",
/// else the last; none for a one-word name), computed once per document.
pub(crate) fn org_heads(doc: &Doc) -> Vec<(String, u32)> {
    doc.entities
        .iter()
        .enumerate()
        .filter(|(_, e)| e.label == label::ORG)
        .filter_map(|(k, e)| crate::resolve::descriptions::name_head(&e.name).map(|h| (h, k as u32)))
        .collect()
}

impl Matcher<'_> {
    pub fn run(&self) -> Vec<Found> {
        let mut out = Vec::new();
        for &u in self.units {
            match self.label(u) {
                label::PERSON => {
                    self.premodifier(u, &mut out);
                    self.title_of(u, &mut out);
                    self.portfolio_title(u, &mut out);
                    self.field_title(u, &mut out);
                    let after = self.apposition(u, &mut out);
                    self.role_before(u, &mut out);
                    self.position_clause(u, after.unwrap_or(u.end), &mut out);
                    self.possessive(u, &mut out);
                    self.residence(u, &mut out);
                    self.based_in(u, &mut out);
                    self.from_organisation(u, &mut out);
                }
                label::ORG => {
                    self.premodifier(u, &mut out);
                    self.apposition(u, &mut out);
                    self.made_by(u, &mut out);
                    self.based_in(u, &mut out);
                    self.located_in(u, &mut out);
                }
                label::FAC | label::GPE | label::LOC => self.located_in(u, &mut out),
                _ => {}
            }
        }
        for i in 0..self.doc.tokens.len() {
            if self.lower_is(i, LIST_OPENERS) {
                self.membership_list(i, &mut out);
            } else if self.place_based_at(i) {
                self.place_based(i, &mut out);
            }
        }
        out
    }

    fn label(&self, u: Unit) -> u8 {
        self.doc.entities[u.entity as usize].label
    }

    fn upos(&self, i: usize) -> u8 {
        self.doc.tags.get(i).map_or(u8::MAX, |t| t.upos)
    }

    fn word(&self, i: usize) -> &str {
        self.doc.token_text(i)
    }

    fn lower_is(&self, i: usize, words: &[&str]) -> bool {
        let w = self.word(i);
        words.iter().any(|x| x.eq_ignore_ascii_case(w))
    }

    fn is_possessive(&self, i: usize) -> bool {
        matches!(self.word(i), "'s" | "’s" | "'" | "’")
    }

    fn is_entity(&self, i: usize) -> bool {
        self.owner[i] != u32::MAX
    }

    /// The sentence bounds `[first, end)` around token `i`.
    fn sentence(&self, i: usize) -> (usize, usize) {
        match self.doc.sentence_of(i) {
            Some(s) => (self.doc.sentences[s].first as usize, self.doc.sentences[s].end as usize),
            None => (0, self.doc.tokens.len()),
        }
    }

    /// A possessive pronoun or a description followed by "'s" at token `i` that the resolver
    /// linked to an entity, as a unit.
    fn possessor(&self, i: usize, limit: usize) -> Option<Unit> {
        let e = *self.referring.get(i)?;
        if e == u32::MAX {
            return None;
        }
        if self.lower_is(i, &["his", "her", "its", "their"]) {
            return Some(Unit { first: i, end: i + 1, entity: e });
        }
        let mut end = i;
        while end < limit && self.referring[end] == e {
            end += 1;
        }
        (end < limit && self.is_possessive(end)).then_some(Unit { first: i, end, entity: e })
    }

    /// The unit that starts at token `i`.
    fn unit_starting(&self, i: usize) -> Option<Unit> {
        let u = *self.units.get(*self.of_token.get(i)? as usize)?;
        (u.first == i).then_some(u)
    }

    /// The unit that ends just before token `end`.
    fn unit_ending(&self, end: usize) -> Option<Unit> {
        let u = *self.units.get(*self.of_token.get(end.checked_sub(1)?)? as usize)?;
        (u.end == end).then_some(u)
    }

    /// A word that can sit inside a noun phrase between a role and its organisation
    /// ("the private military company", "the Patriot's supervisory").
    fn filler(&self, i: usize) -> bool {
        !self.is_entity(i)
            && (matches!(self.upos(i), upos::DET | upos::ADJ | upos::NOUN | upos::NUM) || self.is_possessive(i) || self.word(i) == "-")
    }

    /// What the role `p` at `i` is held towards: for a family role the first person within
    /// `max` tokens (past places, titles and nationalities: "the grandson of South Carolina
    /// Congressman James Clyburn"), else the next unit after fillers.
    fn object_after(&self, p: &RolePhrase, i: usize, limit: usize, max: usize) -> Option<Unit> {
        // A family role is held towards a person ("the sister of Bronx Republican chair
        // Michael Rendino").
        if !p.kin {
            return self.next_unit_after_fillers(i, limit, max);
        }
        let stop = limit.min(i + max + 1);
        let mut k = i;
        while k < stop {
            if let Some(u) = self.unit_starting(k) {
                if self.label(u) == label::PERSON {
                    return Some(u);
                }
                k = u.end;
                continue;
            }
            let w = self.word(k);
            if !(self.filler(k) || w.starts_with(char::is_uppercase)) {
                return None;
            }
            k += 1;
        }
        None
    }

    /// Skip fillers from `i` forward (at most `max`, not past `limit`) to the next unit.
    fn next_unit_after_fillers(&self, mut i: usize, limit: usize, max: usize) -> Option<Unit> {
        let (start, stop) = (i, limit.min(i + max + 1));
        let mut hopped = false;
        while i < stop {
            if let Some(u) = self.unit_starting(i) {
                // "a backer of British Columbia-based Carbon Engineering": the place only
                // says where the organisation after it is.
                if self.place_based_at(u.end + 1) {
                    i = u.end + 2;
                    continue;
                }
                // "a spokeswoman for California ISO", "the epidemiologist at Sweden's Public
                // Health Agency": a place or nationality right before an organisation's name
                // modifies it.
                if matches!(self.label(u), label::GPE | label::NORP) {
                    let after = if u.end < limit && self.is_possessive(u.end) { u.end + 1 } else { u.end };
                    if let Some(org) = self.unit_starting(after).filter(|o| self.label(*o) == label::ORG) {
                        return Some(org);
                    }
                }
                return Some(u);
            }
            // "a student in sustainable development at Warwick University", "a professor of
            // biodiversity at MMU": the field, then where the role is held.
            if !hopped && i > start && self.lower_is(i, &["at"]) {
                hopped = true;
            } else if !self.filler(i) {
                return None;
            }
            i += 1;
        }
        None
    }

    /// A role phrase fits the holder's type.
    fn fits(&self, p: &RolePhrase, holder: Unit) -> bool {
        match (p.holder, self.label(holder)) {
            (Holder::Person, l) => l == label::PERSON,
            (Holder::Org, l) => l == label::ORG,
            (Holder::Any, _) => true,
        }
    }

    /// Can `object` be what `holder` holds a role in? Places and organisations always;
    /// another person for personal roles ("Trump lawyer Rudy Giuliani").
    fn object_ok(&self, holder: Unit, object: Unit) -> bool {
        object.entity != holder.entity
            && match self.label(object) {
                label::ORG | label::GPE | label::NORP | label::LOC => true,
                label::PERSON => self.label(holder) == label::PERSON,
                _ => false,
            }
    }

    fn push(&self, out: &mut Vec<Found>, holder: Unit, role: &RolePhrase, predicate: String, object: Unit, first: usize, end: usize) {
        if role.kin && self.label(object) != label::PERSON {
            return;
        }
        // "X's corporate parent, Y": Y is the parent, X is part of it.
        let (subject, object, role) = if role.role == "parent" { (object, holder, "part of".to_string()) } else { (holder, object, role.role.clone()) };
        out.push(Found { subject: Arg::Unit(subject), object: Arg::Unit(object), predicate, role, first, end });
    }

    /// "Wagner leader Yevgeny Prigozhin", "Belarusian President Aleksandr Lukashenko",
    /// "Russia's foreign minister Sergei Lavrov", "Russian state media TASS": an entity, a
    /// role (for an organisation, any nouns), then the holder's name. A title NER put inside
    /// the person's mention ("President Vladimir Putin") counts too.
    fn premodifier(&self, u: Unit, out: &mut Vec<Found>) {
        let (sent_first, _) = self.sentence(u.first);
        // The role may sit at the start of the holder's own mention.
        let inner = self.roles.phrase_at(self.doc, u.first, u.end).filter(|p| p.end < u.end);
        // "X's corporate parent, the Royal Bank of Scotland Group": a comma and a
        // determiner may separate the role from the name.
        let mut role_end = u.first;
        if inner.is_none() && role_end > sent_first && self.upos(role_end - 1) == upos::DET {
            role_end -= 1;
        }
        if inner.is_none() && role_end > sent_first && self.word(role_end - 1) == "," {
            role_end -= 1;
        }
        if role_end < u.first && self.roles.phrase_ending_at(self.doc, role_end.saturating_sub(5).max(sent_first), role_end).is_none() {
            role_end = u.first;
        }
        let floor = role_end.saturating_sub(5).max(sent_first);
        let (role, phrase_first) = match inner {
            Some(p) => (Some(p.clone()), p.first),
            None => match self.roles.phrase_ending_at(self.doc, floor, role_end) {
                Some(p) => (Some(p.clone()), p.first),
                None => (None, role_end),
            },
        };
        // Nouns and adjectives before the role word ("opposition leader", "state media").
        let mut start = phrase_first;
        while start > floor && !self.is_entity(start - 1) && matches!(self.upos(start - 1), upos::NOUN | upos::ADJ) && self.word(start - 1).chars().next().is_some_and(char::is_lowercase) {
            start -= 1;
        }
        let role = match role {
            Some(r) if self.fits(&r, u) => r,
            Some(_) => return,
            // An organisation described by plain nouns ("state media TASS").
            None if self.label(u) == label::ORG && start < role_end => {
                RolePhrase { first: start, end: role_end, role: text_of(self.doc, start, role_end).to_lowercase(), holder: Holder::Org, kin: false }
            }
            None => return,
        };
        let mut x_end = start;
        if x_end > sent_first && self.is_possessive(x_end - 1) {
            x_end -= 1;
        }
        // "Pan American Health Organization (PAHO) Director Carissa F. Etienne": the
        // organisation's acronym in brackets before the role.
        if x_end >= sent_first + 4 && self.word(x_end - 1) == ")" && self.word(x_end - 3) == "(" {
            x_end -= 3;
        }
        // "her boyfriend Alastair Uhlig": a possessive pronoun the resolver linked.
        let pronoun = || x_end.checked_sub(1).filter(|&i| i >= sent_first).and_then(|i| self.possessor(i, x_end)).filter(|p| p.end == x_end);
        // Only for a person's role: an organisation described by nouns ("state news agency
        // Belta") has its description, not another organisation, before its name.
        let by_head = || (self.label(u) == label::PERSON && !inner_is_some(&role, u) && phrase_first > sent_first).then(|| self.organisation_by_head(phrase_first - 1)).flatten();
        let Some(x) = self.unit_ending(x_end).or_else(pronoun).or_else(by_head) else { return };
        if !self.object_ok(u, x) {
            return;
        }
        let pred_end = if inner_is_some(&role, u) { role.end } else { role_end };
        let predicate = text_of(self.doc, start, pred_end);
        self.push(out, u, &role, predicate, x, x.first, u.end);
    }

    /// "trust member Robert Ruano", "Trust Executive Director Javier Betancourt": a noun
    /// right before a role that is the last word of the name of one organisation of the
    /// article, and of no other ("the Citizens' Independent Transportation Trust"), stands for
    /// that organisation. Two organisations with that head ("the company" in an article
    /// about two companies) name neither.
    fn organisation_by_head(&self, i: usize) -> Option<Unit> {
        let w = self.word(i);
        // A capitalised head may be mistagged at the start of a sentence ("Trust" as a verb).
        if self.is_entity(i) || !(matches!(self.upos(i), upos::NOUN | upos::PROPN) || w.starts_with(char::is_uppercase)) {
            return None;
        }
        let w = w.to_lowercase();
        let mut same_head = self.org_heads.iter().filter(|(h, _)| *h == w);
        match (same_head.next(), same_head.next()) {
            (Some(&(_, entity)), None) => Some(Unit { first: i, end: i + 1, entity }),
            _ => None,
        }
    }

    /// "Minister of Education Kay McConney" in an article that names the "Ministry of
    /// Education": a title with its portfolio before the name is held in the ministry or
    /// department of that portfolio, when the article names it.
    fn portfolio_title(&self, u: Unit, out: &mut Vec<Found>) {
        let (sent_first, _) = self.sentence(u.first);
        let end = self.title_end(u, sent_first);
        let mut of = end;
        while of > sent_first && end - of < 4 && self.word(of - 1).starts_with(char::is_uppercase) && !self.is_entity(of - 1) {
            of -= 1;
        }
        if of == end || of <= sent_first || !self.lower_is(of - 1, &["of", "for"]) {
            return;
        }
        let Some(role) = self.roles.phrase_ending_at(self.doc, (of - 1).saturating_sub(3).max(sent_first), of - 1) else { return };
        if !self.fits(&role, u) {
            return;
        }
        let Some(org) = self.ministry_of(&text_of(self.doc, of, end)) else { return };
        let predicate = text_of(self.doc, role.first, end);
        let object = Unit { first: of, end, entity: org };
        out.push(Found { subject: Arg::Unit(u), object: Arg::Unit(object), predicate, role: role.role.clone(), first: role.first, end: u.end });
    }

    /// "Education Minister Kay Lee", "Chief Education Officer Dr Ann Roe" in an article that
    /// names the "Ministry of Education": the portfolio written before the title.
    fn field_title(&self, u: Unit, out: &mut Vec<Found>) {
        let (sent_first, _) = self.sentence(u.first);
        let end = self.title_end(u, sent_first);
        let Some(role) = self.roles.phrase_ending_at(self.doc, end.saturating_sub(3).max(sent_first), end) else { return };
        if !self.fits(&role, u) {
            return;
        }
        // The field: capitalised words before the title that are no name and no title.
        let capital = |i: usize| self.word(i).starts_with(char::is_uppercase) && !self.is_entity(i);
        let mut field = role.first;
        while field > sent_first && role.first - field < 3 && capital(field - 1) && self.roles.phrase_at(self.doc, field - 1, role.first).is_none() {
            field -= 1;
        }
        if field == role.first {
            return;
        }
        let Some(org) = self.ministry_of(&text_of(self.doc, field, role.first)) else { return };
        // The predicate keeps the title's own modifiers ("Chief").
        let mut first = field;
        while first > sent_first && field - first < 2 && capital(first - 1) {
            first -= 1;
        }
        let object = Unit { first: field, end: role.first, entity: org };
        out.push(Found { subject: Arg::Unit(u), object: Arg::Unit(object), predicate: text_of(self.doc, first, end), role: role.role.clone(), first, end: u.end });
    }

    /// Where a title before the person `u` ends: before a courtesy title between them
    /// ("Minister of Health Dr Jane Doe").
    fn title_end(&self, u: Unit, sent_first: usize) -> usize {
        if u.first > sent_first && crate::resolve::names::is_courtesy(self.word(u.first - 1)) {
            u.first - 1
        } else {
            u.first
        }
    }

    /// The organisation of the article named as the ministry or department of `field`.
    fn ministry_of(&self, field: &str) -> Option<u32> {
        let field = field.to_lowercase();
        let names = [format!("ministry of {field}"), format!("department of {field}"), format!("{field} ministry"), format!("{field} department")];
        self.doc.entities.iter().position(|e| e.label == label::ORG && names.iter().any(|n| e.name.eq_ignore_ascii_case(n))).map(|e| e as u32)
    }

    /// "Supervisor Alfredo Pedroza of Napa County", "Sen. Elizabeth Warren of
    /// Massachusetts": a person's title before the name (or at the start of its mention)
    /// and "of" with a place or an organisation right after it.
    fn title_of(&self, u: Unit, out: &mut Vec<Found>) {
        let (sent_first, sent_end) = self.sentence(u.first);
        if u.end + 1 >= sent_end || !self.lower_is(u.end, &["of"]) {
            return;
        }
        let capital = |p: &RolePhrase| self.word(p.first).starts_with(char::is_uppercase);
        let role = match self.roles.phrase_at(self.doc, u.first, u.end).filter(|p| p.end < u.end) {
            Some(p) => p,
            None => match self.roles.phrase_ending_at(self.doc, u.first.saturating_sub(4).max(sent_first), u.first) {
                Some(p) if !(p.first > sent_first && self.is_entity(p.first - 1)) => p,
                _ => return,
            },
        };
        if !capital(&role) || !self.fits(&role, u) {
            return;
        }
        let mut i = u.end + 1;
        if i < sent_end && self.lower_is(i, &["the"]) {
            i += 1;
        }
        let Some(x) = self.unit_starting(i) else { return };
        if matches!(self.label(x), label::ORG | label::GPE | label::LOC) && self.object_ok(u, x) {
            let predicate = format!("{} of", text_of(self.doc, role.first, role.end));
            self.push(out, u, &role, predicate, x, role.first.min(u.first), x.end);
        }
    }

    /// "LVMH, the luxury conglomerate led by French billionaire Bernard Arnault", "the Allen
    /// Institute for AI, a research institute founded by the late Microsoft cofounder Paul
    /// Allen", "Wagner, founded by Prigozhin": an organisation, an optional apposition of a
    /// few nouns and adjectives, a participle of leading, founding or owning with "by", then
    /// within a few words (the person's own titles) a person, who holds that role.
    fn made_by(&self, u: Unit, out: &mut Vec<Found>) {
        let (_, sent_end) = self.sentence(u.first);
        let mut i = u.end;
        // "LVMH (LVMHF), the luxury conglomerate": its acronym or ticker in brackets.
        if i + 2 < sent_end && self.word(i) == "(" && self.word(i + 2) == ")" {
            i += 3;
        }
        if i < sent_end && self.word(i) == "," {
            i += 1;
            let np = i;
            while i < sent_end && i < np + 6 && self.filler(i) && !self.is_possessive(i) {
                i += 1;
            }
        }
        if i + 2 >= sent_end || !self.lower_is(i + 1, &["by"]) {
            return;
        }
        let role = match self.word(i).to_lowercase().as_str() {
            "led" | "headed" | "run" => "leader",
            "founded" | "co-founded" | "cofounded" | "established" | "created" => "founder",
            "owned" | "controlled" => "owner",
            "chaired" => "chair",
            _ => return,
        };
        // The holder's own titles may come first ("the late Microsoft cofounder Paul Allen").
        let mut j = i + 2;
        while j < sent_end && j < i + 8 {
            if let Some(x) = self.unit_starting(j) {
                if self.label(x) == label::PERSON {
                    let phrase = RolePhrase { first: i, end: i + 2, role: role.to_string(), holder: Holder::Person, kin: false };
                    self.push(out, x, &phrase, text_of(self.doc, i, i + 2), u, u.first, x.end);
                    return;
                }
            }
            if matches!(self.word(j), "," | "." | ";" | "and") {
                return;
            }
            j += 1;
        }
    }

    /// "Yevgeny Zubarev, CEO of the Federal News Agency", "Prigozhin, the founder of the
    /// private military company Wagner", "Zubarev, the agency's CEO"; returns where the
    /// apposition ends, so that a position clause after it can be read.
    fn apposition(&self, u: Unit, out: &mut Vec<Found>) -> Option<usize> {
        let (_, sent_end) = self.sentence(u.first);
        let mut i = u.end;
        // A dash opens an apposition as a comma does ("Dee Dee Myers — a White House press
        // secretary for Bill Clinton —").
        if i >= sent_end || !matches!(self.word(i), "," | "—" | "–" | "--") {
            return None;
        }
        i += 1;
        while i < sent_end && matches!(self.upos(i), upos::DET) {
            i += 1;
        }
        // "Zubarev, Federal News Agency CEO" / "Zubarev, the agency's CEO"; the possessor
        // may be a pronoun or a description the resolver linked ("Jamie Casso, his
        // son-in-law", "Debbie Meadows, the congressman's wife").
        if let Some(x) = self.unit_starting(i).or_else(|| self.possessor(i, sent_end)) {
            let mut j = x.end;
            if j < sent_end && self.is_possessive(j) {
                j += 1;
            }
            let role_start = j;
            while j < sent_end && self.roles.phrase_at(self.doc, j, sent_end).is_none() && self.filler(j) && j < role_start + 3 {
                j += 1;
            }
            if let Some(p) = self.roles.phrase_at(self.doc, j, sent_end) {
                if self.fits(&p, u) && self.object_ok(u, x) {
                    self.push(out, u, &p, text_of(self.doc, role_start, p.end), x, u.first, p.end);
                    // "a White House press secretary for Bill Clinton": the person served too.
                    if p.end + 1 < sent_end && self.lower_is(p.end, &["for", "to"]) {
                        if let Some(y) = self.unit_starting(p.end + 1).filter(|&y| self.label(y) == label::PERSON && self.object_ok(u, y)) {
                            self.push(out, u, &p, text_of(self.doc, role_start, p.end + 1), y, u.first, y.end);
                            return Some(skip_comma(self, y.end, sent_end));
                        }
                    }
                    return Some(skip_comma(self, p.end, sent_end));
                }
            }
            return None;
        }
        // "CEO of the Federal News Agency".
        let (predicate, p, x) = self.role_with_object(u, i, sent_end)?;
        self.push(out, u, &p, predicate, x, u.first, x.end);
        let mut end = x.end;
        // "a senior scientist with CIFOR and a professor of biodiversity at MMU": a second
        // role with its own organisation.
        if end + 1 < sent_end && self.lower_is(end, &["and"]) {
            if let Some((predicate, q, y)) = self.role_with_object(u, end + 1, sent_end) {
                self.push(out, u, &q, predicate, y, u.first, y.end);
                end = y.end;
            }
        }
        Some(skip_comma(self, end, sent_end))
    }

    /// A role phrase from token `i` (past determiners and up to four modifiers: "a
    /// final-year student", "the state epidemiologist") with the organisation, place or
    /// person it is held in after a preposition, for holder `u`: the predicate (the role's
    /// words and the preposition that introduces the object), the phrase and the object.
    /// The role may be a lexicon phrase or an agent noun ([`Roles::phrase_or_agent_at`]):
    /// the apposition and the preposition with an entity after it are what make it a role.
    fn role_with_object(&self, u: Unit, mut i: usize, sent_end: usize) -> Option<(String, RolePhrase, Unit)> {
        while i < sent_end && self.upos(i) == upos::DET {
            i += 1;
        }
        let role_start = i;
        // A role here must be followed by its preposition or by a second role ("and").
        let role_here = |k: usize| self.roles.phrase_or_agent_at(self.doc, k, sent_end).filter(|p| p.end < sent_end && (self.lower_is(p.end, ROLE_PREPOSITIONS) || self.lower_is(p.end, &["and"])));
        let mut found = role_here(i);
        // "the Labour MP for Newcastle Central": a name NER missed may qualify the role too.
        while found.is_none() && i < sent_end && i < role_start + 4 && !self.is_entity(i) && (matches!(self.upos(i), upos::ADJ | upos::NOUN | upos::PROPN) || self.word(i) == "-") {
            i += 1;
            found = role_here(i);
        }
        let mut p = found?;
        // "an energy consultant and former adviser at the Commission": the second of two
        // coordinated roles is the one with the organisation.
        if p.end + 1 < sent_end && self.lower_is(p.end, &["and"]) {
            if let Some(q) = self.roles.phrase_or_agent_at(self.doc, p.end + 1, sent_end) {
                p = q;
            }
        }
        if !self.fits(&p, u) || p.end >= sent_end || !self.lower_is(p.end, ROLE_PREPOSITIONS) {
            return None;
        }
        let x = self.object_after(&p, p.end + 1, sent_end, 6)?;
        if !self.object_ok(u, x) {
            return None;
        }
        // The preposition nearest the object: "student in economics at X" is a student at X.
        let prep = (p.end..x.first).rev().find(|&k| self.lower_is(k, ROLE_PREPOSITIONS)).unwrap_or(p.end);
        Some((format!("{} {}", text_of(self.doc, role_start, p.end), self.word(prep).to_lowercase()), p, x))
    }

    /// "the head of Wagner, Yevgeny Prigozhin" and "the head of Wagner Yevgeny Prigozhin":
    /// a role with its organisation written before the name.
    fn role_before(&self, u: Unit, out: &mut Vec<Found>) {
        let (sent_first, _) = self.sentence(u.first);
        let mut x_end = u.first;
        if x_end > sent_first && self.word(x_end - 1) == "," {
            x_end -= 1;
        }
        let Some(x) = self.unit_ending(x_end) else { return };
        // Back over fillers to the preposition.
        let mut i = x.first;
        let floor = x.first.saturating_sub(5).max(sent_first);
        while i > floor && self.filler(i - 1) && !self.lower_is(i - 1, ROLE_PREPOSITIONS) {
            i -= 1;
        }
        if i <= floor || !self.lower_is(i - 1, ROLE_PREPOSITIONS) {
            return;
        }
        let prep = i - 1;
        // "Chief Executive Officer (Acting) of the Authority, Gary Scott": a qualifier in
        // brackets between the role and its preposition.
        let mut role_end = prep;
        if prep >= sent_first + 3 && self.word(prep - 1) == ")" {
            if let Some(open) = (prep.saturating_sub(5).max(sent_first)..prep - 1).rev().find(|&k| self.word(k) == "(") {
                role_end = open;
            }
        }
        let Some(p) = self.roles.phrase_ending_at(self.doc, role_end.saturating_sub(4).max(sent_first), role_end) else { return };
        if self.fits(&p, u) && self.object_ok(u, x) {
            let predicate = format!("{} {}", text_of(self.doc, p.first, prep), self.word(prep).to_lowercase());
            self.push(out, u, &p, predicate, x, p.first, u.end);
        }
    }

    /// "Prigozhin had held the position of deputy head of the Patriot's supervisory board",
    /// "Smith, who was named chief executive of Acme": a position verb after the holder,
    /// then a role and its organisation, all in the holder's clause.
    fn position_clause(&self, u: Unit, from: usize, out: &mut Vec<Found>) {
        let (_, sent_end) = self.sentence(u.first);
        let mut i = from;
        let mut linked = false;
        let stop = sent_end.min(from + 10);
        while i < stop {
            // "who was a longtime advisor to Hillary Clinton": modifiers, then the role.
            if linked && matches!(self.upos(i), upos::ADJ | upos::NOUN) && !self.is_entity(i) {
                if let Some((predicate, p, x)) = self.role_with_object(u, i, sent_end) {
                    self.push(out, u, &p, predicate, x, u.first, x.end);
                    return;
                }
            }
            if let Some(p) = self.roles.phrase_at(self.doc, i, sent_end) {
                if !linked || !self.fits(&p, u) || p.end >= sent_end || !self.lower_is(p.end, ROLE_PREPOSITIONS) {
                    return;
                }
                let Some(x) = self.object_after(&p, p.end + 1, sent_end, 6) else { return };
                if self.object_ok(u, x) {
                    let predicate = format!("{} {}", text_of(self.doc, p.first, p.end), self.word(p.end).to_lowercase());
                    self.push(out, u, &p, predicate, x, u.first, x.end);
                }
                return;
            }
            // "who is the Lake Berryessa concessions manager": after the verb, the
            // organisation or place first, then nouns and the role.
            if linked {
                if let Some(x) = self.unit_starting(i) {
                    let mut j = x.end;
                    while j < stop && j < x.end + 3 && self.roles.phrase_at(self.doc, j, sent_end).is_none() && self.filler(j) {
                        j += 1;
                    }
                    if let Some(p) = self.roles.phrase_at(self.doc, j, sent_end) {
                        if self.fits(&p, u) && self.object_ok(u, x) && matches!(self.label(x), label::ORG | label::GPE | label::LOC) {
                            self.push(out, u, &p, text_of(self.doc, x.end, p.end), x, u.first, p.end);
                        }
                    }
                    return;
                }
            }
            let up = self.upos(i);
            if matches!(up, upos::VERB | upos::AUX) && self.lower_lemma_is(i, POSITION_VERBS) {
                linked = true;
            } else if self.lower_is(i, POSITION_NOUNS) || self.lower_is(i, &["as", "of", "who", ","]) || matches!(up, upos::ADV | upos::DET | upos::AUX | upos::PART) {
                // part of the verb group
            } else {
                return;
            }
            i += 1;
        }
    }

    /// "Heather Grant, 33, of Christiana", "James Lee, 68, of Torrance", and in police
    /// blotters "Jamie Miller, 46, Decatur, was arrested": a person, an age between commas,
    /// then (after "of") a place, is a resident of that place. Without the age "X of Y" is
    /// as often an office ("Sen. Elizabeth Warren of Massachusetts", read by `title_of`),
    /// so it is not read here.
    fn residence(&self, u: Unit, out: &mut Vec<Found>) {
        let (_, sent_end) = self.sentence(u.first);
        let i = u.end;
        let age = |k: usize| is_age(self.word(k));
        if i + 3 >= sent_end || self.word(i) != "," || !age(i + 1) || self.word(i + 2) != "," {
            return;
        }
        let at = if self.lower_is(i + 3, &["of"]) { i + 4 } else { i + 3 };
        let Some(x) = self.unit_starting(at) else { return };
        // A one-word "person" there is a small town NER did not know ("Hull, 30, Bulpitt,
        // was arrested"): a person would be named in full. `Relations` retypes it.
        let town_as_person = self.label(x) == label::PERSON && !self.doc.entities[x.entity as usize].name.contains(' ');
        if matches!(self.label(x), label::GPE | label::LOC) || town_as_person {
            out.push(Found { subject: Arg::Unit(u), object: Arg::Unit(x), predicate: "resident of".into(), role: "resident".into(), first: u.first, end: x.end });
        }
    }

    /// "Akshay Deoras from the University of Reading", "David Reay, from Edinburgh
    /// University,": a person named with the organisation they come from is affiliated with
    /// it (a place after "from" is where they come from, and is left alone).
    fn from_organisation(&self, u: Unit, out: &mut Vec<Found>) {
        let (_, sent_end) = self.sentence(u.first);
        let mut i = u.end;
        if i < sent_end && self.word(i) == "," {
            i += 1;
        }
        if i + 1 >= sent_end || !self.lower_is(i, &["from"]) {
            return;
        }
        let at = if self.lower_is(i + 1, &["the"]) { i + 2 } else { i + 1 };
        let Some(x) = self.unit_starting(at) else { return };
        if self.label(x) == label::ORG {
            out.push(Found { subject: Arg::Unit(u), object: Arg::Unit(x), predicate: "from".into(), role: "affiliated".into(), first: u.first, end: x.end });
        }
    }

    /// "Acme, based in Tupelo", "Acme, which is headquartered in Oslo", "the firm is based in
    /// Paris" after its name: where an organisation (or a person) is based.
    fn based_in(&self, u: Unit, out: &mut Vec<Found>) {
        let (_, sent_end) = self.sentence(u.first);
        let mut i = u.end;
        if i < sent_end && self.word(i) == "," {
            i += 1;
        }
        if i < sent_end && self.lower_is(i, &["which", "that", "who"]) {
            i += 1;
        }
        if i < sent_end && self.lower_is(i, &["is", "was", "are", "were"]) {
            i += 1;
        }
        if i + 2 >= sent_end || !self.lower_is(i, &["based", "headquartered"]) || !self.lower_is(i + 1, &["in"]) {
            return;
        }
        let Some(x) = self.unit_starting(i + 2) else { return };
        if matches!(self.label(x), label::GPE | label::LOC | label::FAC) {
            let predicate = format!("{} in", self.word(i).to_lowercase());
            out.push(Found { subject: Arg::Unit(u), object: Arg::Unit(x), predicate, role: "based in".into(), first: u.first, end: x.end });
        }
    }

    /// "the 4th District Court of Appeal in Santa Ana", "the Indonesian Hospital in Gaza": an
    /// organisation or facility right followed by "in" and a place lies in that place; so
    /// does a place followed by "in" and a region ("Cheorwon in Gangwon Province").
    fn located_in(&self, u: Unit, out: &mut Vec<Found>) {
        let (_, sent_end) = self.sentence(u.first);
        if u.end + 1 >= sent_end || self.word(u.end) != "in" {
            return;
        }
        let mut i = u.end + 1;
        if self.lower_is(i, &["the"]) {
            i += 1;
        }
        let Some(x) = self.unit_starting(i) else { return };
        // A place lies in a region named as one ("Cheorwon in Gangwon Province"); "the US
        // in Afghanistan" is no such fact.
        let region = || crate::name_heads::is_capitalised(self.word(x.end - 1), crate::name_heads::Use::Region);
        if matches!(self.label(u), label::GPE | label::LOC) && !region() {
            return;
        }
        // Not a building: "Wall Street in the White House" is a figure of speech.
        if matches!(self.label(x), label::GPE | label::LOC) && x.entity != u.entity {
            out.push(Found { subject: Arg::Unit(u), object: Arg::Unit(x), predicate: "in".into(), role: "located in".into(), first: u.first, end: x.end });
        }
    }

    /// Token `i` is "based" right after a hyphen that ends a name ("Richmond-based").
    fn place_based_at(&self, i: usize) -> bool {
        i >= 2 && i < self.doc.tokens.len() && self.word(i).eq_ignore_ascii_case("based") && self.word(i - 1) == "-" && self.is_entity(i - 2)
    }

    /// "British Columbia-based Carbon Engineering", "the Richmond-based utility giant
    /// Dominion Resources", "Acme, a Paris-based firm": the place before "-based" is where the
    /// organisation or person it describes is based. `i` is the "based" token. The
    /// described name is the first entity after a few nouns and adjectives, else a
    /// capitalised name right after "-based" (which NER missed, and becomes an
    /// organisation), else the name the phrase stands in apposition to.
    fn place_based(&self, i: usize, out: &mut Vec<Found>) {
        let (sent_first, sent_end) = self.sentence(i);
        let Some(x) = self.unit_ending(i - 1) else { return };
        // NER reads a place before "-based" as an organisation about as often as a place.
        if !matches!(self.label(x), label::GPE | label::LOC | label::FAC | label::ORG) {
            return;
        }
        let mut j = i + 1;
        while j < sent_end && j < i + 5 && self.filler(j) && !self.word(j).starts_with(char::is_uppercase) {
            j += 1;
        }
        let lower = |k: usize| k < sent_end && self.word(k).starts_with(char::is_lowercase);
        // "Mississippi-based GOP strategist Henry Barbour": a name before a noun modifies it;
        // the person after the noun, if any, is the one described.
        let described = |name: Arg, end: usize| {
            if !(lower(end) && self.upos(end) == upos::NOUN) {
                return Some((name, end));
            }
            let mut k = end;
            while k < sent_end && k < end + 3 && self.filler(k) && lower(k) {
                k += 1;
            }
            self.unit_starting(k).filter(|y| self.label(*y) == label::PERSON).map(|y| (Arg::Unit(y), y.end))
        };
        let subject = match self.unit_starting(j) {
            Some(y) if matches!(self.label(y), label::ORG | label::PERSON) => described(Arg::Unit(y), y.end),
            Some(_) => None,
            // A name cut short by a lowercase word ("Meals on Wheels") is not taken.
            None if j == i + 1 => self
                .capitalised_name(j, sent_end)
                .filter(|&end| !(lower(end) && end + 1 < sent_end && self.word(end + 1).starts_with(char::is_uppercase)))
                .and_then(|end| described(Arg::Name(j, end), end)),
            None => {
                // "Acme, a Paris-based firm".
                let k = x.first;
                (k >= sent_first + 2 && self.upos(k - 1) == upos::DET && self.word(k - 2) == ",")
                    .then(|| self.unit_ending(k - 2))
                    .flatten()
                    .filter(|y| matches!(self.label(*y), label::ORG | label::PERSON))
                    .map(|y| (Arg::Unit(y), i + 1))
            }
        };
        let Some((subject, end)) = subject else { return };
        let first = match subject {
            Arg::Unit(y) => y.first.min(x.first),
            Arg::Name(..) => x.first,
        };
        out.push(Found { subject, object: Arg::Unit(x), predicate: "based in".into(), role: "based in".into(), first, end });
    }

    fn lower_lemma_is(&self, i: usize, words: &[&str]) -> bool {
        let l = self.doc.lemma(i);
        words.iter().any(|w| w.eq_ignore_ascii_case(l))
    }

    /// "Prigozhin's Patriot media group": the person's organisation, an association whose
    /// kind the possessive does not say.
    fn possessive(&self, u: Unit, out: &mut Vec<Found>) {
        let (_, sent_end) = self.sentence(u.first);
        if u.end + 1 >= sent_end || !self.is_possessive(u.end) {
            return;
        }
        let Some(org) = self.unit_starting(u.end + 1) else { return };
        if self.label(org) != label::ORG {
            return;
        }
        out.push(Found { subject: Arg::Unit(org), object: Arg::Unit(u), predicate: "associated with".into(), role: "associated".into(), first: u.first, end: org.end });
    }

    /// "Patriot media group, which includes the Federal News Agency, People's News and
    /// Politics Today": each listed organisation is part of the first, which is an
    /// organisation by its type or by the noun after its name ("media group"), whatever type
    /// NER gave it, or a capitalised name NER missed. Listed names that NER missed
    /// (capitalised words) become organisations. `opener` is the "includes" token.
    fn membership_list(&self, opener: usize, out: &mut Vec<Found>) {
        let (sent_first, sent_end) = self.sentence(opener);
        // Back from the opener: "which", ",", the organisation's nouns, then its name.
        let mut j = opener;
        if j > sent_first && self.lower_is(j - 1, &["which", "that"]) {
            j -= 1;
        }
        if j > sent_first && self.word(j - 1) == "," {
            j -= 1;
        }
        let mut org_noun = false;
        let nouns_end = j;
        while j > sent_first && j + 3 > nouns_end && self.upos(j - 1) == upos::NOUN && !self.is_entity(j - 1) {
            org_noun |= crate::resolve::descriptions::is_org_noun(&self.word(j - 1).to_lowercase());
            j -= 1;
        }
        let container = match self.unit_ending(j) {
            Some(u) if self.label(u) == label::ORG || org_noun => Arg::Unit(u),
            Some(_) => return,
            None if org_noun => {
                let mut k = j;
                while k > sent_first && self.word(k - 1).chars().next().is_some_and(char::is_uppercase) && self.upos(k - 1) == upos::PROPN {
                    k -= 1;
                }
                if k == j {
                    return;
                }
                Arg::Name(k, j)
            }
            None => return,
        };
        let mut i = opener + 1;
        let mut items = Vec::new();
        while i < sent_end {
            while i < sent_end && (self.lower_is(i, &[",", "and", "as", "well"]) || self.upos(i) == upos::DET) {
                i += 1;
            }
            let item = match self.unit_starting(i) {
                Some(u) => Some((Arg::Unit(u), u.end)),
                None => self.capitalised_name(i, sent_end).map(|end| (Arg::Name(i, end), end)),
            };
            let Some((arg, end)) = item else { break };
            items.push((arg, i, end));
            i = end;
            if i >= sent_end || !self.lower_is(i, &[",", "and"]) {
                break;
            }
        }
        if items.len() < 2 && !matches!(items.first(), Some((Arg::Unit(_), _, _))) {
            return; // one capitalised word after "including" is too weak alone
        }
        let container_first = match container {
            Arg::Unit(u) => u.first,
            Arg::Name(k, _) => k,
        };
        for (arg, first, end) in items {
            if let (Arg::Unit(u), Arg::Unit(c)) = (arg, container) {
                if self.label(u) != label::ORG || u.entity == c.entity {
                    continue;
                }
            }
            out.push(Found { subject: arg, object: container, predicate: "part of".into(), role: "part of".into(), first: first.min(container_first), end });
        }
    }

    /// A run of capitalised words starting at `i` ("People's News", "Nevskiye Novosti"),
    /// possibly joined by a possessive or "of"; returns its end.
    fn capitalised_name(&self, i: usize, limit: usize) -> Option<usize> {
        let cap = |j: usize| self.word(j).chars().next().is_some_and(char::is_uppercase) && !self.is_entity(j) && matches!(self.upos(j), upos::PROPN | upos::NOUN | upos::ADJ);
        if i >= limit || !cap(i) {
            return None;
        }
        let mut end = i + 1;
        while end < limit {
            if cap(end) {
                end += 1;
            } else if end + 1 < limit && (self.is_possessive(end) || self.word(end) == "of") && cap(end + 1) {
                end += 2;
            } else {
                break;
            }
        }
        Some(end)
    }
}

fn inner_is_some(role: &RolePhrase, u: Unit) -> bool {
    role.first >= u.first && role.end <= u.end
}

/// Past a comma at `i`, if there is one.
fn skip_comma(m: &Matcher, i: usize, limit: usize) -> usize {
    if i < limit && m.word(i) == "," {
        i + 1
    } else {
        i
    }
}
