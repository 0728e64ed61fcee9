//! Names and aliases: clusters the NER mentions of a document into entities, in text order.
//! A mention joins an earlier entity when, with titles and honorifics stripped ("Sen.",
//! "Ms.", "President"), its words are the same as or a subset of that entity's longest name
//! ("Lukashenko" ⊂ "Aleksandr Lukashenko"), when it is the acronym of it ("DNC" for
//! "Democratic National Committee", and the other way round), when it is a well-known
//! country alias ("U.S." for "United States"), or when it is a longer form of a name seen
//! first in short (a headline's "Lukashenko"). Types must agree; a fragment of a person's
//! name may carry a weak NER type (NORP, PRODUCT, ...), an ORG and a GPE merge only on the
//! same name or an acronym, and a place or organisation fragment never joins a person
//! ("Monaco" tagged GPE stays the country next to "Lisa O. Monaco"; "Ms. Monaco" is her).
//! Among several matching entities the most recently mentioned wins, so that "Sam" after
//! "Manju Sam" is not "Thomas Sam". Lookups go through maps keyed by words, so the pass is
//! linear in the number of mentions. It does not attach descriptions or pronouns.

use std::collections::HashMap;

use newsgraph_core::{tagsets, Doc};

use super::{is, one_of, Ctx, Ent, Gender, Mention, MentionKind};

/// Entity type ids (indices into `tagsets::ENTITY_TYPES`).
pub const PERSON: u8 = 0;
/// ORG.
pub const ORG: u8 = 1;
/// GPE.
pub const GPE: u8 = 2;
/// LOC.
pub const LOC: u8 = 3;
/// NORP.
pub const NORP: u8 = 4;
/// FAC.
pub const FAC: u8 = 5;

/// Courtesy titles: kept in aliases as written ("Ms. Simonyan"), ignored for matching, and a
/// sign that the name is a person's.
pub fn is_courtesy(w: &str) -> bool {
    // "the Rt. Hon.", as written: "RT" is a television network.
    one_of(w, &["mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr.", "prof", "prof.", "mx.", "sir", "dame", "madam"]) || matches!(w, "Hon" | "Hon." | "Rt" | "Rt.")
}

/// The last word of a name that makes it an organisation's even where NER said a place:
/// "White House", "Chatham House" (a house with a name is an institution in the news;
/// CoNLL-2003 tags the White House a location), and the company words of
/// `data/name_heads.tsv` ("Park Group" of "Glover Park Group"). Not every organisation
/// word: "West Bank" is a place.
pub(crate) fn is_company_word(w: &str) -> bool {
    let w = w.to_lowercase();
    w == "house" || crate::name_heads::is(&w, crate::name_heads::Use::Company)
}

/// A lowercase particle inside a surname ("des Cars", "von der Leyen", "bin Salman").
pub(crate) fn is_surname_particle(w: &str) -> bool {
    matches!(w, "de" | "des" | "du" | "van" | "von" | "der" | "den" | "da" | "di" | "del" | "bin" | "ibn" | "al")
}

/// A weekday written out ("Friday"): a date told before a name ("In his speech Friday
/// Lukashenko said"), not a given name.
pub fn is_weekday(w: &str) -> bool {
    w.len() >= 6 && matches!(crate::time::lexicon::lookup(&w.to_ascii_lowercase()), crate::time::lexicon::Lex::Weekday(_, false))
}

/// Office and rank titles that premodify a person's name ("President", "Sen.", "Gen."):
/// stripped from the name and kept as a description.
pub fn is_office_title(w: &str) -> bool {
    one_of(
        w,
        &["president", "vice", "sen.", "sen", "senator", "rep.", "rep", "representative", "gov.", "governor", "gen.", "general",
          "lt.", "col.", "capt.", "sgt.", "adm.", "maj.", "cpl.", "lieutenant", "colonel", "captain", "sergeant", "admiral",
          "minister", "prime", "chancellor", "king", "queen", "prince", "princess", "pope", "judge", "justice", "secretary",
          "mayor", "ambassador", "chairman", "chairwoman", "ceo", "premier", "sheikh", "ayatollah", "rev.", "reverend",
          "bishop", "archbishop", "cardinal", "emperor", "empress", "lord", "lady", "speaker", "attorney", "commissioner",
          "detective", "officer", "coach", "pres.", "supt.", "insp.", "prosecutor", "chief", "deputy", "director", "professor",
          "sens.", "reps.", "senators", "gens."],
    )
}

/// Gender implied by a courtesy or office title.
pub(crate) fn title_gender(w: &str) -> Option<Gender> {
    if one_of(w, &["mr", "mr.", "sir", "king", "prince", "lord", "emperor", "chairman", "father", "brother"]) {
        Some(Gender::Male)
    } else if one_of(w, &["mrs", "mrs.", "ms", "ms.", "miss", "dame", "madam", "queen", "princess", "lady", "empress", "chairwoman", "sister"]) {
        Some(Gender::Female)
    } else {
        None
    }
}

/// Generational suffixes that tell a father from a son ("Donald Trump Jr.").
fn is_suffix(w: &str) -> bool {
    matches!(w, "jr" | "sr" | "ii" | "iii" | "iv")
}

/// Connectives left out of matching words and initials ("Bank of America").
fn is_connective(w: &str) -> bool {
    matches!(w, "of" | "the" | "and" | "&" | "for" | "on" | "in" | "de" | "la" | "du" | "der" | "von" | "van" | "-")
}

/// Organisation words too generic to identify an organisation alone ("Group", "Party").
fn is_generic_org_word(w: &str) -> bool {
    matches!(
        w,
        "group" | "company" | "corporation" | "corp" | "inc" | "ltd" | "llc" | "co" | "party" | "agency" | "committee" | "council"
            | "ministry" | "department" | "university" | "college" | "school" | "bank" | "news" | "times" | "post" | "union"
            | "association" | "federation" | "foundation" | "institute" | "center" | "centre" | "national" | "international"
            | "service" | "office" | "board" | "court" | "house" | "club" | "team" | "media" | "network" | "press" | "daily"
            | "new" | "american" | "federal" | "state" | "general" | "united" | "world" | "global" | "army" | "force" | "forces"
    )
}

/// Words an organisation's full name may add to its short name.
fn is_org_suffix(w: &str) -> bool {
    matches!(
        w,
        "group" | "company" | "corporation" | "corp" | "inc" | "ltd" | "llc" | "plc" | "co" | "holdings" | "media" | "party"
            | "organization" | "organisation" | "foundation" | "university" | "college" | "institute" | "bank" | "movement"
            | "ag" | "sa" | "gmbh" | "limited" | "incorporated"
    )
}

/// Place words a longer place name may add to a shorter one ("Hubei Province" for "Hubei");
/// anything else makes a different place ("North Korea" is not "Korea", "Mexico City" is
/// not "Mexico"). "City", "region" and "oblast" are left out: "Moscow Oblast" is not the
/// city of Moscow.
fn is_generic_place_word(w: &str) -> bool {
    matches!(
        w,
        "county" | "province" | "ocean" | "republic" | "kingdom" | "islands" | "federation" | "territory" | "commonwealth"
    )
}

/// Well-known alternative country names: general knowledge, not learned from any article.
fn country_alias(key: &str) -> Option<&'static str> {
    Some(match key {
        "us" | "usa" | "america" | "united states" | "united states of america" | "the united states" => "united states",
        "uk" | "britain" | "great britain" | "united kingdom" => "united kingdom",
        "russian federation" => "russia",
        "prc" | "people's republic of china" => "china",
        "drc" | "democratic republic of the congo" | "dr congo" => "drc",
        "uae" | "united arab emirates" | "emirates" => "uae",
        "holland" | "the netherlands" => "netherlands",
        "burma" => "myanmar",
        "czechia" => "czech republic",
        "turkiye" | "türkiye" => "turkey",
        _ => return None,
    })
}

/// The key a country's name is compared by: words folded as names are ("U.S." → "us"),
/// then alternative names folded ("us", "america" → "united states").
pub(crate) fn country_key(name: &str) -> String {
    let k = name.split_whitespace().filter_map(match_word).collect::<Vec<_>>().join(" ");
    country_alias(&k).map(str::to_string).unwrap_or(k)
}

/// True for types that NER assigns unreliably to fragments of other names.
fn weak(label: u8) -> bool {
    !matches!(label, PERSON | ORG | GPE | LOC)
}

/// A mention's name as matching sees it.
#[derive(Debug, Clone)]
pub(crate) struct Form {
    /// The name as written (office titles and a trailing possessive dropped, space folded).
    pub text: String,
    /// Matching words: lowercase, dots and possessives dropped, connectives left out.
    pub words: Vec<String>,
    /// The type to match with: NER's, or PERSON when a courtesy title says so.
    pub label: u8,
    /// A courtesy or office title marks it as a person.
    pub person_cue: bool,
    /// The letters of an acronym mention ("dnc" for "DNC", "us" for "U.S.").
    pub acronym: Option<String>,
    /// Initials of a multi-word name.
    pub initials: String,
    /// Gender from a courtesy title.
    pub gender: Option<Gender>,
    /// A person's name with the title of rank written before it ("Prince Harry", "Lord
    /// Curry"), which is how such people are named.
    pub titled: Option<String>,
}

/// Titles of rank that belong to the name they precede ("Prince Harry", "Lord Curry",
/// "Queen Elizabeth"), unlike offices ("President Biden").
fn is_rank(w: &str) -> bool {
    one_of(w, &["lord", "lady", "prince", "princess", "king", "queen", "duke", "duchess", "baron", "baroness", "earl", "emperor", "empress"])
}

/// The matching form of word `w`: lowercase, curly apostrophes straightened, a possessive
/// and dots dropped; `None` for punctuation.
fn match_word(w: &str) -> Option<String> {
    let mut s: String = w.chars().filter(|&c| c != '.').flat_map(char::to_lowercase).map(|c| if c == '’' { '\'' } else { c }).collect();
    if let Some(t) = s.strip_suffix("'s") {
        s = t.to_string();
    }
    let s = s.trim_matches(|c: char| !c.is_alphanumeric()).to_string();
    (!s.is_empty()).then_some(s)
}

/// The letters of an acronym token: 2 to 6 capitals, with or without dots ("DNC", "U.S.").
fn acronym_of(w: &str) -> Option<String> {
    let letters: Vec<char> = w.chars().filter(|&c| c != '.' && c != '&').collect();
    let ok = (2..=6).contains(&letters.len()) && letters.iter().all(|c| c.is_ascii_uppercase());
    ok.then(|| letters.iter().map(|c| c.to_ascii_lowercase()).collect())
}

/// The first token of the name proper in mention `[first, end)`: leading courtesy titles
/// always, and office titles of a person's name, are skipped (never the last token).
pub(crate) fn name_start(doc: &Doc, first: usize, end: usize, label: u8) -> usize {
    let mut a = first;
    // Stray punctuation NER took in ("”Mr. Trump").
    while a + 1 < end && !doc.token_text(a).chars().any(char::is_alphanumeric) {
        a += 1;
    }
    while a + 1 < end {
        let w = doc.token_text(a);
        // "Emperor of the United States" is a role, not a title before a name.
        let named_next = doc.token_text(a + 1).chars().next().is_some_and(char::is_uppercase);
        if named_next && (is_courtesy(w) || (label == PERSON && is_office_title(w))) {
            a += 1;
        } else {
            break;
        }
    }
    // A title inside a person mention ("Wells Fargo CEO John Stumpf"): the name is what
    // follows it, when that is at least two words.
    if label == PERSON {
        if let Some(t) = (a + 1..end.saturating_sub(2)).rev().find(|&k| is_office_title(doc.token_text(k)) && doc.token_text(k + 1).chars().next().is_some_and(char::is_uppercase)) {
            a = t + 1;
        }
    }
    a
}

impl Form {
    /// The form of NER mention tokens `[first, end)` of type `label`.
    pub fn of(doc: &Doc, first: usize, end: usize, label: u8) -> Form {
        let before = (first > 0).then(|| doc.token_text(first - 1));
        let courtesy_before = before.is_some_and(is_courtesy);
        let courtesy_inside = is_courtesy(doc.token_text(first));
        let office = label == PERSON && is_office_title(doc.token_text(first))
            || before.is_some_and(|w| is_office_title(w) && w.chars().next().is_some_and(char::is_uppercase));
        let person_cue = courtesy_before || courtesy_inside || office;
        let gender = [before, Some(doc.token_text(first))].into_iter().flatten().find_map(title_gender);
        let label = if courtesy_before || courtesy_inside { PERSON } else { label };
        let (mut start, mut b, mut text, mut words) = Self::words(doc, first, end, label, courtesy_inside);
        // A name that ends in a designator ("Group", "Bridge") is not a person's, even after
        // an office title ("Emperor Norton Bridge"); "Ms." still makes it a person.
        // The second half of a hyphenated surname is no designator ("Phoebe Waller-Bridge").
        let hyphenated_last = text.rsplit(' ').next().is_some_and(|w| w.contains(['-', '‐']));
        let designator = words.last().filter(|_| !hyphenated_last).and_then(|w| designated(w)).or_else(|| (words.len() >= 2 && b - start >= 3 && is(doc.token_text(start + 1), "of")).then(|| designated(&words[0])).flatten());
        let (label, person_cue) = match designator {
            Some(d) if label == PERSON && !(courtesy_before || courtesy_inside) && end - first >= 2 => {
                (start, b, text, words) = Self::words(doc, first, end, d, false);
                (d, false)
            }
            _ => (label, person_cue),
        };
        let label = if matches!(label, GPE | LOC) && words.len() >= 2 && words.last().is_some_and(|w| is_company_word(w)) { ORG } else { label };
        let acronym = if b - start == 1 { acronym_of(doc.token_text(start)) } else { None };
        let initials: String = if b - start >= 2 {
            (start..b)
                .map(|i| doc.token_text(i))
                .filter(|w| w.chars().next().is_some_and(char::is_uppercase) && !is_courtesy(w))
                .filter_map(|w| w.chars().next())
                .flat_map(char::to_lowercase)
                .collect()
        } else {
            String::new()
        };
        let rank = if start > first { Some(start - 1) } else { first.checked_sub(1) };
        let titled = rank
            .map(|t| doc.token_text(t))
            .filter(|w| label == PERSON && is_rank(w) && w.starts_with(char::is_uppercase))
            .map(|w| format!("{w} {text}"));
        Form { text, words, label, person_cue, acronym, initials, gender, titled }
    }

    /// The name with `surname` after it: "John" of "John and Mary Smith" is John Smith.
    fn add_surname(&mut self, surname: &str) {
        let Some(word) = match_word(surname) else { return };
        self.text.push(' ');
        self.text.push_str(surname);
        self.words.push(word);
        self.initials = self.text.split(' ').filter_map(|w| w.chars().next()).flat_map(char::to_lowercase).collect();
        self.acronym = None;
    }

    /// The name proper of mention `[first, end)` read as type `label`: its token range, its
    /// text (space folded, trailing possessive dropped) and its matching words.
    fn words(doc: &Doc, first: usize, end: usize, label: u8, keep_courtesy: bool) -> (usize, usize, String, Vec<String>) {
        let start = if keep_courtesy { first } else { name_start(doc, first, end, label) };
        let mut b = end;
        while b > start + 1 && (matches!(doc.token_text(b - 1), "'s" | "’s" | "'" | "’") || !doc.token_text(b - 1).chars().any(char::is_alphanumeric)) {
            b -= 1;
        }
        let raw = doc.token_span(start, b).text(&doc.text);
        let mut text = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        for p in ["'s", "’s"] {
            if text.len() > p.len() + 1 && text.ends_with(p) {
                text.truncate(text.len() - p.len());
            }
        }
        let mut words = Vec::new();
        for i in start..b {
            let w = doc.token_text(i);
            if is_courtesy(w) {
                continue;
            }
            // Hyphenated names keep their pieces as words.
            for piece in w.split(['-', '‐']) {
                if let Some(m) = match_word(piece) {
                    if !is_connective(&m) {
                        words.push(m);
                    }
                }
            }
        }
        (start, b, text, words)
    }

    /// The exact-match key: matching words joined, with country aliases folded.
    pub fn key(&self) -> String {
        let k = self.words.join(" ");
        country_alias(&k).map(str::to_string).unwrap_or(k)
    }
}

/// Is `form` one word typed as an organisation that ends a person's longer name (a
/// hyphenated surname is one word of several tokens: "Archer-Bradshaw")?
fn is_surname(ent: &Ent, form: &Form) -> bool {
    form.label == ORG && !form.words.is_empty() && !form.text.contains(' ') && ent.words.len() > form.words.len() && ent.words.ends_with(&form.words)
}

/// How strongly types allow a merge (0: not at all).
fn type_fit(ent: &Ent, form: &Form, exact: bool) -> u8 {
    let (a, b) = (ent.label, form.label);
    // "Mr. Obama" is not an entity known to be a woman.
    if matches!((ent.gender, form.gender), (Some(x), Some(y)) if x != y) {
        return 0;
    }
    if a == b {
        return 3;
    }
    // NER disagreeing with itself on one and the same name ("West" tagged GPE, then
    // PERSON), unless a title made one side a person: "Ms. Monaco" is not the country.
    let same_name = exact && ent.words == form.words && !ent.person_cue && !form.person_cue;
    if a == PERSON {
        // A fragment of a person's name: with a courtesy title, or with a weak NER type.
        // The surname alone tagged as an organisation ("Archer-Bradshaw said" after "Dr
        // Ramona Archer-Bradshaw") is the recogniser disagreeing with itself as well;
        // places stay apart ("Washington" is not Denzel Washington).
        return if form.person_cue || weak(b) { 2 } else { u8::from(same_name || is_surname(ent, form)) };
    }
    if b == PERSON {
        // A person-typed fragment of an organisation's name ("Wagner" of "Wagner Group"),
        // unless a title says it is a person.
        let fragment = !form.person_cue && a == ORG && ent.words.first() == form.words.first() && form.words.len() == 1;
        return if fragment { 1 } else { u8::from(same_name) };
    }
    // A weak type joins an organisation or place only on the same name ("Wagner" tagged
    // NORP once): "Democratic" is no name of the "Democratic National Committee".
    if weak(a) || weak(b) {
        return u8::from(exact && ent.words == form.words);
    }
    // ORG, GPE and LOC: the same name, or an acronym (strong evidence).
    u8::from(exact)
}

/// The type a designator word gives a name whatever NER said: "Wagner Group" is an
/// organisation, "Norton Bridge" a facility, "Algoa Bay" a place.
pub(crate) fn designated(w: &str) -> Option<u8> {
    Some(match w {
        "group" | "company" | "corporation" | "corp" | "inc" | "ltd" | "llc" | "plc" | "agency" | "party" | "ministry"
        | "committee" | "council" | "university" | "college" | "academy" | "bank" | "association" | "foundation" | "institute"
        | "union" | "federation" | "organization" | "organisation" | "department" | "commission" | "news" | "network"
        | "club" | "times" | "journal" | "press" | "service" | "services" | "police" | "army" | "navy" | "airlines"
        | "holdings" | "court" | "congress" | "parliament" | "senate" | "assembly" | "technology" | "technologies"
        | "systems" | "solutions" | "industries" | "partners" | "ventures" | "resorts" | "hotels" | "foods"
        | "engineering" | "pharmaceuticals" | "motors" | "media" | "entertainment" | "records" | "studios"
        | "society" | "authority" | "board" | "bureau" | "trust" => ORG,
        "bridge" | "tunnel" | "tube" | "airport" | "station" | "mansion" | "hall" | "building" | "tower" | "street"
        | "avenue" | "road" | "square" | "stadium" | "museum" | "hospital" | "palace" | "cathedral" | "church"
        | "temple" | "highway" | "library" => FAC,
        "bay" | "cape" | "river" | "lake" | "mountain" | "mountains" | "island" | "islands" | "valley" | "gulf"
        | "sea" | "ocean" | "peninsula" | "desert" | "county" | "province" => LOC,
        _ => return None,
    })
}

/// True when every word of `small` is in `big`.
fn subset(small: &[String], big: &[String]) -> bool {
    small.iter().all(|w| big.contains(w))
}

/// Whether `short` may name the same thing as `long` (a strict word superset of it), by
/// type-specific rules.
pub(super) fn fragment_ok(short: &[String], long: &[String], label: u8) -> bool {
    if short.is_empty() || !subset(short, long) {
        return false;
    }
    let extra = || long.iter().filter(|w| !short.contains(w));
    match label {
        PERSON => {
            // Father and son: a suffix must be in both or in neither, once both have two words.
            let sa = short.iter().any(|w| is_suffix(w));
            let sb = long.iter().any(|w| is_suffix(w));
            (sb || !sa) && (short.len() < 2 || sa == sb) && !short.iter().all(|w| w.len() == 1)
        }
        GPE | LOC => extra().all(|w| is_generic_place_word(w)),
        // Other names are shortened from the front and only by a legal or generic word
        // ("Wagner" for "Wagner Group", "Hofstra" for "Hofstra University"); "Senate" is not
        // the "Senate Armed Services Committee".
        // A place's police or fire service is named with or without its "Department"
        // ("Taylorville police", "Taylorville Police Department"); a national agency with
        // or without its country ("U.S. Customs and Border Protection").
        _ => {
            let service = short.last().is_some_and(|w| matches!(w.as_str(), "police" | "fire" | "sheriff" | "sheriff's"));
            let national = long.len() == short.len() + 1 && long[1..] == *short && country_alias(&long[0]).is_some();
            short.iter().any(|w| !is_generic_org_word(w) && w.len() > 1)
                && (national
                    || long.starts_with(short)
                        && extra().all(|w| is_org_suffix(w) || service && matches!(w.as_str(), "department" | "dept" | "service" | "force" | "office")))
        }
    }
}

/// Cluster `doc.mentions` into entities (name mentions only).
/// `surnames` pairs the token of a given name cut off a couple ("John" of "John and Mary
/// Smith", see `couples.rs`) with its surname's token, in token order: such a name is
/// clustered as the full name.
pub(crate) fn cluster(doc: &Doc, _ctx: &Ctx, surnames: &[(usize, usize)]) -> Vec<Ent> {
    let mut ents: Vec<Ent> = Vec::new();
    let mut by_key: HashMap<String, Vec<u32>> = HashMap::new();
    let mut by_word: HashMap<String, Vec<u32>> = HashMap::new();
    let mut by_initials: HashMap<String, Vec<u32>> = HashMap::new();
    let mut by_acronym: HashMap<String, Vec<u32>> = HashMap::new();
    for crate::entities::WholeMention { first, end, label, .. } in crate::entities::whole_mentions(doc) {
        // Titles alone name no one ("Dr the Rt. Hon. Keith Mitchell" read as "Rt" and a name).
        if (first..end).all(|k| is_courtesy(doc.token_text(k)) || doc.token_text(k) == ".") {
            continue;
        }
        let mut form = Form::of(doc, first, end, label);
        if let Ok(i) = surnames.binary_search_by_key(&first, |p| p.0) {
            form.add_surname(doc.token_text(surnames[i].1));
        }
        let key = form.key();
        let pick = if form.words.is_empty() { None } else { find(&ents, &form, &key, &by_key, &by_word, &by_initials, &by_acronym) };
        let e = match pick {
            Some(e) => e,
            None => {
                ents.push(Ent {
                    votes: [0; tagsets::ENTITY_TYPES.len()],
                    label: form.label,
                    names: Vec::new(),
                    words: Vec::new(),
                    initials: String::new(),
                    descriptions: Vec::new(),
                    desc_words: Vec::new(),
                    desc_heads: Vec::new(),
                    mentions: Vec::new(),
                    gender: None,
                    person_cue: false,
                    last: 0,
                });
                ents.len() as u32 - 1
            }
        };
        let ent = &mut ents[e as usize];
        ent.mentions.push(Mention { first: first as u32, end: end as u32, kind: MentionKind::Name });
        ent.last = end as u32;
        if ent.gender.is_none() {
            ent.gender = form.gender;
        }
        ent.person_cue |= form.person_cue;
        // A person's surname tagged as an organisation (see `type_fit`) votes for the person.
        let vote = if ent.label == PERSON && is_surname(ent, &form) { PERSON } else { form.label };
        if let Some(v) = ent.votes.get_mut(vote as usize) {
            *v += 1;
        }
        let nwords = form.words.len();
        if !ent.names.iter().any(|(n, _)| *n == form.text) {
            ent.names.push((form.text.clone(), nwords));
        }
        if let Some(t) = form.titled.as_ref().filter(|t| !ent.names.iter().any(|(n, _)| n == *t)) {
            ent.names.push((t.clone(), nwords + 1));
        }
        let longer = nwords > ent.words.len();
        if longer {
            ent.words = form.words.clone();
            if !form.initials.is_empty() {
                ent.initials = form.initials.clone();
            }
        }
        ent.label = best_label(ent, &form);
        // Index the new names and words.
        let push = |map: &mut HashMap<String, Vec<u32>>, k: &str| {
            let v = map.entry(k.to_string()).or_default();
            if !v.contains(&e) {
                v.push(e);
            }
        };
        if !key.is_empty() {
            push(&mut by_key, &key);
        }
        if longer {
            for w in &form.words {
                push(&mut by_word, w);
            }
            if form.initials.len() >= 2 {
                push(&mut by_initials, &form.initials);
            }
            for other in [place_led_initials(&form), spelled_initials(&form)].into_iter().flatten() {
                push(&mut by_initials, &other);
            }
        }
        if let Some(a) = &form.acronym {
            push(&mut by_acronym, a);
        }
    }
    ents
}

/// The initials of a name with every letter of its dotted abbreviations ("usvi" for "U.S.
/// Virgin Islands", whose plain initials are "uvi"), when it has one.
fn spelled_initials(form: &Form) -> Option<String> {
    let dotted = |w: &str| w.len() >= 4 && w.ends_with('.') && w.split('.').filter(|p| !p.is_empty()).all(|p| p.len() == 1 && p.chars().all(char::is_uppercase));
    let words = form.text.split(' ').filter(|w| w.starts_with(char::is_uppercase) && !is_courtesy(w));
    if !form.text.split(' ').any(dotted) || form.initials.len() < 2 {
        return None;
    }
    Some(words.flat_map(|w| if dotted(w) { w.chars().filter(|c| c.is_alphabetic()).collect::<Vec<_>>() } else { w.chars().take(1).collect() }).flat_map(char::to_lowercase).collect())
}

/// The initials of an organisation's name without its first word, when three or more are
/// left: "California Independent System Operator" is also "ISO" ("California ISO"), "U.S.
/// Environmental Protection Agency" also "EPA".
fn place_led_initials(form: &Form) -> Option<String> {
    (form.label != PERSON && form.initials.chars().count() >= 4).then(|| form.initials.chars().skip(1).collect())
}

/// The type of an entity: the majority of its mentions' types; ties go to the type of the
/// longest name (the current mention when it set the longest name).
fn best_label(ent: &Ent, form: &Form) -> u8 {
    let max = ent.votes.iter().copied().max().unwrap_or(0);
    if ent.votes.get(ent.label as usize).copied() == Some(max) {
        if form.words.len() >= ent.words.len() && ent.votes.get(form.label as usize).copied() == Some(max) {
            return form.label;
        }
        return ent.label;
    }
    ent.votes.iter().position(|&v| v == max).map(|p| p as u8).unwrap_or(ent.label)
}

/// The entity a name form joins, if any.
fn find(
    ents: &[Ent],
    form: &Form,
    key: &str,
    by_key: &HashMap<String, Vec<u32>>,
    by_word: &HashMap<String, Vec<u32>>,
    by_initials: &HashMap<String, Vec<u32>>,
    by_acronym: &HashMap<String, Vec<u32>>,
) -> Option<u32> {
    // 1. The same name or a fragment of a longer one: best type fit, then the most recent.
    let mut best: Option<(u8, u32, u32)> = None;
    let mut consider = |e: u32, fit: u8| {
        if fit > 0 {
            let cand = (fit, ents[e as usize].last, e);
            if best.is_none_or(|b| (cand.0, cand.1) > (b.0, b.1)) {
                best = Some(cand);
            }
        }
    };
    for &e in by_key.get(key).into_iter().flatten() {
        consider(e, type_fit(&ents[e as usize], form, true));
    }
    let probe = form.words.last().map(String::as_str).unwrap_or("");
    for &e in by_word.get(probe).into_iter().flatten() {
        let ent = &ents[e as usize];
        if ent.words.len() > form.words.len() && fragment_ok(&form.words, &ent.words, ent.label) {
            consider(e, type_fit(ent, form, false));
        }
    }
    if let Some((_, _, e)) = best {
        return Some(e);
    }
    // 2. Acronyms, both ways: "DNC" after "Democratic National Committee" and before it.
    let acronym_fit = |e: u32| {
        let ent = &ents[e as usize];
        ent.label != PERSON && form.label != PERSON || ent.label == form.label
    };
    let recent = |cands: &mut dyn Iterator<Item = u32>| cands.filter(|&e| acronym_fit(e)).max_by_key(|&e| ents[e as usize].last);
    if let Some(a) = &form.acronym {
        if let Some(e) = recent(&mut by_initials.get(a).into_iter().flatten().copied()) {
            return Some(e);
        }
    }
    if form.initials.len() >= 2 {
        if let Some(e) = recent(&mut by_acronym.get(&form.initials).into_iter().flatten().copied()) {
            return Some(e);
        }
    }
    if let Some(spelled) = spelled_initials(form) {
        if let Some(e) = recent(&mut by_acronym.get(&spelled).into_iter().flatten().copied()) {
            return Some(e);
        }
    }
    if let Some(rest) = place_led_initials(form) {
        if let Some(e) = recent(&mut by_acronym.get(&rest).into_iter().flatten().copied()) {
            return Some(e);
        }
    }
    // 3. A longer form of a name first seen short: the most recent entity whose words it
    //    contains.
    let mut best: Option<(u8, u32, u32)> = None;
    for w in &form.words {
        for &e in by_word.get(w).into_iter().flatten() {
            let ent = &ents[e as usize];
            if ent.words.len() < form.words.len() && fragment_ok(&ent.words, &form.words, form.label) {
                let fit = type_fit(ent, form, false);
                if fit > 0 {
                    let cand = (fit, ent.last, e);
                    if best.is_none_or(|b| (cand.0, cand.1) > (b.0, b.1)) {
                        best = Some(cand);
                    }
                }
            }
        }
    }
    best.map(|(_, _, e)| e)
}

/// The canonical name: the longest name without a courtesy title (most words, then most
/// characters, then written in mixed case rather than in capitals: "Theresa Villiers", not
/// the byline's "THERESA VILLIERS"), else the longest name, without its title when a full
/// name is left ("Prof David Green" → "David Green"; "Ms. Simonyan" stays as written).
pub(crate) fn canonical(names: &[(String, usize)]) -> String {
    let untitled = names.iter().filter_map(|(n, count)| {
        if !n.split_whitespace().next().is_some_and(is_courtesy) {
            return Some((n.clone(), *count));
        }
        let rest: Vec<&str> = n.split_whitespace().skip(1).collect();
        (rest.len() >= 2).then(|| (rest.join(" "), rest.len()))
    });
    let key = |n: &(String, usize)| (n.1, n.0.chars().count(), n.0.chars().any(char::is_lowercase));
    let pick = |it: &mut dyn Iterator<Item = (String, usize)>| it.max_by(|a, b| key(a).cmp(&key(b)).then(b.0.cmp(&a.0))).map(|(n, _)| n);
    pick(&mut untitled.into_iter()).or_else(|| pick(&mut names.iter().cloned())).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn match_words_fold_case_dots_and_possessives() {
        assert_eq!(match_word("U.S.").as_deref(), Some("us"));
        assert_eq!(match_word("Putin’s").as_deref(), Some("putin"));
        assert_eq!(match_word(","), None);
        assert_eq!(acronym_of("DNC").as_deref(), Some("dnc"));
        assert_eq!(acronym_of("U.S.").as_deref(), Some("us"));
        assert_eq!(acronym_of("Putin"), None);
    }

    #[test]
    fn country_keys_fold_alternative_names() {
        assert_eq!(country_key("U.S."), "united states");
        assert_eq!(country_key("United States"), country_key("America"));
        assert_eq!(country_key("Holland"), "netherlands");
        assert_eq!(country_key("Belarus"), "belarus");
    }

    #[test]
    fn fragments_follow_type_rules() {
        let w = |s: &str| s.split(' ').map(str::to_string).collect::<Vec<_>>();
        assert!(fragment_ok(&w("lukashenko"), &w("aleksandr lukashenko"), PERSON));
        assert!(!fragment_ok(&w("korea"), &w("north korea"), GPE));
        assert!(fragment_ok(&w("hubei"), &w("hubei province"), GPE));
        assert!(!fragment_ok(&w("mexico"), &w("mexico city"), GPE));
        assert!(!fragment_ok(&w("oakland"), &w("san francisco oakland bay bridge"), ORG));
        assert!(!fragment_ok(&w("wrestlemania"), &w("wrestlemania 31"), 6));
        assert!(fragment_ok(&w("wagner"), &w("wagner group"), ORG));
        assert!(!fragment_ok(&w("group"), &w("wagner group"), ORG));
        assert!(!fragment_ok(&w("donald trump"), &w("donald trump jr"), PERSON));
        assert!(fragment_ok(&w("taylorville police"), &w("taylorville police department"), ORG));
        assert!(!fragment_ok(&w("taylorville"), &w("taylorville police department"), ORG));
        assert!(!fragment_ok(&w("state"), &w("state department"), ORG));
        assert!(fragment_ok(&w("customs and border protection"), &w("us customs and border protection"), ORG));
        assert!(!fragment_ok(&w("army"), &w("us army"), ORG));
    }

    #[test]
    fn canonical_drops_a_title_before_a_full_name() {
        assert_eq!(canonical(&[("Prof David Green".into(), 3)]), "David Green");
        assert_eq!(canonical(&[("Prof David Green".into(), 3), ("Green".into(), 1)]), "David Green");
        assert_eq!(canonical(&[("Ms. Simonyan".into(), 1)]), "Ms. Simonyan");
    }

    #[test]
    fn canonical_prefers_longest_plain_name() {
        let names = vec![("Ms. Simonyan".to_string(), 1), ("Margarita Simonyan".to_string(), 2), ("Simonyan".to_string(), 1)];
        assert_eq!(canonical(&names), "Margarita Simonyan");
        assert_eq!(canonical(&[("Ms. Simonyan".to_string(), 1)]), "Ms. Simonyan");
        let names = vec![("THERESA VILLIERS".to_string(), 2), ("Theresa Villiers".to_string(), 2)];
        assert_eq!(canonical(&names), "Theresa Villiers", "a name in capitals (a byline) yields to the same name in mixed case");
    }
}
