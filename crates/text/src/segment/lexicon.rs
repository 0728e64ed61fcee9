//! Word lists the segmenter consults: abbreviations that keep their period, hyphen prefixes
//! that stay attached, contractions that split in the UD/PTB way, and words that typically
//! open a sentence (to decide whether an abbreviation also ends one). They are general English
//! lists, checked against the conventions of the UD EWT and GUM training treebanks.

/// Abbreviations written with a final period (compared case-sensitively, period included).
/// Single capital letters ("K.") and dotted acronyms ("U.S.", "p.m.") are recognised by shape.
pub const ABBREVIATIONS: &[&str] = &[
    "Mr.", "Mrs.", "Ms.", "Mx.", "Dr.", "Prof.", "Sr.", "Jr.", "St.", "Mt.", "Ft.", "Rev.", "Hon.",
    "Gen.", "Lt.", "Col.", "Maj.", "Capt.", "Cmdr.", "Adm.", "Sgt.", "Cpl.", "Pvt.", "Gov.",
    "Sen.", "Rep.", "Reps.", "Sens.", "Pres.", "Supt.", "Amb.", "Atty.", "Insp.", "Msgr.",
    "Fr.", "Sec.", "Dept.", "Inc.", "Corp.", "Co.", "Ltd.", "Bros.", "Assn.", "Univ.", "Ave.",
    "Blvd.", "Rd.", "Hwy.", "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.",
    "Sept.", "Oct.", "Nov.", "Dec.", "Mon.", "Tue.", "Tues.", "Wed.", "Thu.", "Thur.",
    "Thurs.", "Fri.", "Sat.", "Sun.", "No.", "Nos.", "Vol.", "vol.", "pp.", "p.", "ch.",
    "etc.", "vs.", "v.", "al.", "approx.", "est.", "fig.", "Fig.", "ca.", "cf.", "viz.",
    "Ala.", "Ariz.", "Ark.", "Calif.", "Colo.", "Conn.", "Del.", "Fla.", "Ga.", "Ill.", "Ind.",
    "Kan.", "Kans.", "Ky.", "La.", "Md.", "Mass.", "Mich.", "Minn.", "Miss.", "Mo.", "Mont.",
    "Neb.", "Nev.", "Okla.", "Ore.", "Pa.", "Penn.", "Tenn.", "Tex.", "Va.", "Vt.", "Wash.",
    "Wis.", "Wyo.", "Ph.D.", "a.m.", "p.m.", "A.M.", "P.M.", "e.g.", "i.e.", "E.g.", "I.e.",
    "Attn.", "dept.", "govt.", "mins.", "min.", "hrs.", "yr.", "yrs.", "oz.", "lb.", "lbs.",
    "ft.", "mi.", "km.", "sq.", "ext.", "Ext.", "Tel.", "tel.",
];

/// Abbreviations that never end a sentence: titles before a name.
pub const TITLES: &[&str] = &[
    "Mr.", "Mrs.", "Ms.", "Mx.", "Dr.", "Prof.", "St.", "Mt.", "Ft.", "Rev.", "Hon.", "Gen.",
    "Lt.", "Col.", "Maj.", "Capt.", "Cmdr.", "Adm.", "Sgt.", "Cpl.", "Pvt.", "Gov.", "Sen.",
    "Rep.", "Reps.", "Sens.", "Pres.", "Supt.", "Amb.", "Atty.", "Insp.", "Msgr.", "Fr.",
    "No.", "Nos.", "Vol.", "pp.", "p.", "vs.", "v.", "cf.", "e.g.", "i.e.", "E.g.", "I.e.",
];

/// Lowercased prefixes that stay attached to the rest of a hyphenated word ("re-elected",
/// "non-profit", "e-mail"), as UD English tokenises them; other hyphens are split off.
pub const HYPHEN_PREFIXES: &[&str] = &[
    "e", "non", "re", "mid", "co", "anti", "pre", "pro", "cross", "post", "semi", "pan", "sub",
    "multi", "ex", "counter", "inter", "intra", "micro", "macro", "mega", "ultra", "neo",
    "pseudo", "quasi", "bi", "tri", "un", "de", "vice", "extra", "over", "under",
    "trans", "hyper", "infra", "socio", "geo", "euro", "afro", "mis",
];

/// Short forms with a slash that stay one token ("b/c", "w/o").
pub const SLASH_WORDS: &[&str] = &["b/c", "w/", "w/o", "n/a", "a/c", "c/o", "s/he", "y/o", "i/o"];

/// Contractions that split into two UD words other than at an apostrophe
/// (`(surface, length of the first word)`), compared case-insensitively.
pub const FUSED: &[(&str, usize)] = &[
    ("cannot", 3),
    ("gonna", 3),
    ("wanna", 3),
    ("gotta", 3),
    ("dunno", 2),
    ("gimme", 3),
    ("lemme", 3),
];

/// Clitic endings split off a word (after an apostrophe, straight or curly): `'s 're 've 'll
/// 'd 'm` and `n't`. Stored without the apostrophe; lowercase.
pub const CLITICS: &[&str] = &["s", "re", "ve", "ll", "d", "m"];

/// Capitalised words that usually start a sentence rather than continue a name, used to
/// decide whether "U.S." or "Inc." closes a sentence.
pub const SENTENCE_STARTERS: &[&str] = &[
    "The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "This", "That", "These",
    "Those", "There", "Here", "But", "And", "Or", "So", "Yet", "In", "On", "At", "For", "If",
    "When", "While", "After", "Before", "As", "Since", "Although", "Though", "However", "Now",
    "Then", "His", "Her", "Its", "Their", "Our", "My", "Your", "Some", "Many", "Most", "All",
    "No", "Not", "One", "Two", "What", "Who", "Why", "How", "Where", "Which", "Meanwhile",
    "Still", "Also", "According", "During", "Despite", "Under", "With", "Without", "By",
    "From", "To", "Of", "Last", "Next", "Earlier", "Later", "Today", "Yesterday", "Tomorrow",
];
