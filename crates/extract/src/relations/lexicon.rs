//! The word lists behind relations: role nouns with their normalised role
//! (`data/roles.tsv`) and country adjectives (`data/demonyms.tsv`). Loading only; the
//! patterns that use them are in `patterns.rs`.

use std::collections::HashMap;

use newsgraph_core::Doc;

const ROLES_TSV: &str = include_str!("../../data/roles.tsv");

/// Who can hold a role.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Holder {
    /// People only ("president", "spokeswoman").
    Person,
    /// Organisations only ("subsidiary", "unit").
    Org,
    /// Either ("owner", "member").
    Any,
}

#[derive(Clone, Debug, Default)]
struct Entry {
    /// Normalised role, when the phrase names one, who holds it, and whether it is a family
    /// role (held towards another person).
    role: Option<(String, Holder, bool)>,
    /// The phrase can qualify a following role ("deputy", "former").
    modifier: bool,
}

/// A role phrase found in the text: tokens `[first, end)` and its normalised role.
#[derive(Clone, Debug, PartialEq)]
pub struct RolePhrase {
    /// First token.
    pub first: usize,
    /// One past the last token.
    pub end: usize,
    /// Normalised role ("leader" for "chief").
    pub role: String,
    /// Who can hold it.
    pub holder: Holder,
    /// A family role ("sister", "son-in-law"): held by a person towards another person.
    pub kin: bool,
}

/// Role nouns and modifiers, looked up by lower-cased phrases of up to three words.
pub struct Roles {
    entries: HashMap<String, Entry>,
    longest: usize,
}

impl Roles {
    /// The built-in lexicon.
    pub fn builtin() -> Self {
        Self::parse(ROLES_TSV)
    }

    /// The built-in lexicon, parsed once for the stages that only look words up.
    pub fn shared() -> &'static Roles {
        static ROLES: std::sync::OnceLock<Roles> = std::sync::OnceLock::new();
        ROLES.get_or_init(Roles::builtin)
    }

    /// Is lower-case `word` a role only a person holds ("mp", "senator")?
    pub fn is_person_role(&self, word: &str) -> bool {
        self.entries.get(word).and_then(|e| e.role.as_ref()).is_some_and(|(_, h, _)| *h == Holder::Person)
    }

    fn parse(tsv: &str) -> Self {
        let mut entries: HashMap<String, Entry> = HashMap::new();
        let mut longest = 1;
        for line in tsv.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
            let mut cols = line.split('\t');
            let (Some(word), Some(role)) = (cols.next(), cols.next()) else { continue };
            let who = cols.next().unwrap_or("ANY");
            let holder = match who {
                "PERSON" | "KIN" => Holder::Person,
                "ORG" => Holder::Org,
                _ => Holder::Any,
            };
            // In tokens: a hyphen is a token of its own ("son-in-law" is five).
            longest = longest.max(word.split(' ').map(|w| 2 * w.matches('-').count() + 1).sum());
            let e = entries.entry(word.to_string()).or_default();
            if role == "=mod" {
                e.modifier = true;
            } else {
                e.role = Some((role.to_string(), holder, who == "KIN"));
            }
        }
        Roles { entries, longest }
    }

    /// The longest lexicon phrase starting at token `i` (no further than `limit`): its end
    /// and entry.
    fn entry_at(&self, doc: &Doc, i: usize, limit: usize, key: &mut String) -> Option<(usize, &Entry)> {
        let mut found = None;
        key.clear();
        for j in i..limit.min(i + self.longest) {
            // Tokens written together ("son-in-law", split at its hyphens) stay together.
            if j > i && doc.tokens[j].start > doc.tokens[j - 1].end {
                key.push(' ');
            }
            key.extend(doc.token_text(j).chars().flat_map(char::to_lowercase).map(|c| if c == '’' { '\'' } else { c }));
            if let Some(e) = self.entries.get(key.as_str()) {
                found = Some((j + 1, e));
            }
        }
        found
    }

    /// A role phrase starting at token `i`: modifiers then role words ("deputy head",
    /// "former prime minister", "chief executive"), ending before `limit`. Trailing
    /// modifiers are not part of it.
    pub fn phrase_at(&self, doc: &Doc, i: usize, limit: usize) -> Option<RolePhrase> {
        let mut key = String::new();
        let mut at = i;
        let mut best = None;
        while let Some((end, e)) = self.entry_at(doc, at, limit, &mut key) {
            if let Some((role, holder, kin)) = &e.role {
                best = Some(RolePhrase { first: i, end, role: role.clone(), holder: *holder, kin: *kin });
            } else if !e.modifier {
                break;
            }
            at = end;
            // "vice-chancellor", "co-chair": a modifier joined to the role by a hyphen.
            if e.modifier && at + 1 < limit && doc.token_text(at) == "-" && doc.tokens[at].start == doc.tokens[at - 1].end && doc.tokens[at + 1].start == doc.tokens[at].end {
                at += 1;
            }
        }
        best
    }

    /// A role phrase at `i` as [`Roles::phrase_at`] finds it or, failing that, one
    /// lower-case agent noun no list has ("epidemiologist", "student", "co-star"): held by a
    /// person, normalised to itself. Only for places where the sentence already says it is
    /// a role (an apposition or a predicate followed by "of"/"at" and an organisation).
    pub fn phrase_or_agent_at(&self, doc: &Doc, i: usize, limit: usize) -> Option<RolePhrase> {
        if let Some(p) = self.phrase_at(doc, i, limit) {
            return Some(p);
        }
        // An apposition may end the text ("…, a"): no word to read.
        if i >= limit.min(doc.tokens.len()) {
            return None;
        }
        // A hyphenated noun is several tokens ("co", "-", "star"): take the whole word.
        let mut end = i + 1;
        while end + 1 < limit && doc.token_text(end) == "-" && doc.tokens[end].start == doc.tokens[end - 1].end && doc.tokens[end + 1].start == doc.tokens[end].end {
            end += 2;
        }
        let word = doc.token_span(i, end).text(&doc.text).to_lowercase();
        let last = doc.token_text(end - 1);
        let noun = doc.tags.get(end - 1).is_some_and(|t| t.upos == super::patterns::upos::NOUN);
        (noun && end <= limit && is_agent_noun(last) && word.chars().all(|c| c.is_lowercase() || c == '-'))
            .then(|| RolePhrase { first: i, end, role: word, holder: Holder::Person, kin: false })
    }

    /// A role phrase ending exactly at token `end` and starting no earlier than `floor`.
    pub fn phrase_ending_at(&self, doc: &Doc, floor: usize, end: usize) -> Option<RolePhrase> {
        (floor..end).find_map(|start| self.phrase_at(doc, start, end).filter(|p| p.end == end))
    }
}

/// A person's age as written after their name ("Heather Grant, 33, of …"): one to three
/// digits.
pub fn is_age(w: &str) -> bool {
    (1..=3).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit())
}

/// A noun naming a person by what they do ("epidemiologist", "lecturer", "student"): a
/// person noun of the resolver's list, or an agent suffix. The suffixes also end some
/// things ("center", "sector", "event"); the common ones are ruled out here, and the rest
/// rarely stand in an apposition to a person with "of" and an organisation after them.
pub fn is_agent_noun(w: &str) -> bool {
    const SUFFIXES: &[&str] = &["ist", "ian", "er", "or", "ent", "ant", "eer", "man", "woman", "person", "star"];
    const THINGS: &[&str] = &[
        "center", "centre", "number", "paper", "order", "matter", "water", "letter", "corner", "border", "power", "chapter",
        "quarter", "winter", "summer", "cancer", "computer", "cluster", "layer", "tower", "river", "theater", "register",
        "floor", "door", "sector", "factor", "error", "color", "colour", "mirror", "motor", "tumor", "labor", "labour",
        "honor", "honour", "favor", "behavior", "interior", "exterior", "corridor", "terror", "event", "percent", "content",
        "extent", "element", "component", "incident", "accident", "talent", "patent", "current", "plant", "grant",
        "restaurant", "human", "median", "list", "wrist", "twist", "mist", "fist", "after", "under", "over", "other",
        "thriller", "blockbuster", "bestseller", "trailer", "poster", "banner", "container", "tanker", "freighter",
        "fighter", "bomber", "carrier", "cruiser", "destroyer", "helicopter", "scooter", "tractor", "reactor", "monitor",
    ];
    let w = w.to_lowercase();
    w.len() >= 5
        && !w.ends_with("ment")
        && !THINGS.contains(&w.as_str())
        && (SUFFIXES.iter().any(|s| w.ends_with(s)) || crate::resolve::descriptions::is_person_noun(&w))
}

/// Country adjectives: "Belarusian" → "Belarus".
pub struct Demonyms {
    countries: HashMap<String, String>,
}

impl Demonyms {
    /// The built-in list.
    pub fn builtin() -> Self {
        let countries = crate::demonyms::all().map(|d| (d.word.to_string(), d.country.to_string())).collect();
        Demonyms { countries }
    }

    /// The country named by the adjective `word`, if it is one.
    pub fn country(&self, word: &str) -> Option<&str> {
        self.countries.get(word.trim()).map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsgraph_core::{Meta, Stage};
    use newsgraph_text::Segmenter;

    fn doc(text: &str) -> Doc {
        let mut d = Doc::new(Meta::default(), text.into());
        Segmenter.process(&mut d);
        d
    }

    #[test]
    fn role_phrases_take_modifiers_and_multiword_roles() {
        let roles = Roles::builtin();
        let d = doc("the former deputy head of it");
        let p = roles.phrase_at(&d, 1, d.tokens.len()).unwrap();
        assert_eq!((p.first, p.end, p.role.as_str()), (1, 4, "leader"));
        let d = doc("its chief executive officer said");
        let p = roles.phrase_at(&d, 1, d.tokens.len()).unwrap();
        assert_eq!((p.end, p.role.as_str()), (4, "CEO"));
        let d = doc("a former colleague");
        assert!(roles.phrase_at(&d, 1, d.tokens.len()).is_none(), "a modifier alone is no role");
        let d = doc("Wagner leader Yevgeny");
        let p = roles.phrase_ending_at(&d, 0, 2).unwrap();
        assert_eq!((p.first, p.role.as_str()), (1, "leader"));
        assert!(!p.kin);
        let d = doc("his son-in-law");
        let p = roles.phrase_at(&d, 1, d.tokens.len()).unwrap();
        assert!(p.kin && p.holder == Holder::Person, "family roles are marked KIN in roles.tsv");
    }

    #[test]
    fn demonyms_name_countries() {
        let d = Demonyms::builtin();
        assert_eq!(d.country("French"), Some("France"));
        assert_eq!(d.country("Parisian"), None);
    }
}
