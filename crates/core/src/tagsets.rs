//! Closed tag sets stored as small integer ids on tokens: Universal POS tags, Penn Treebank
//! tags, Universal Dependencies relations, and OntoNotes entity types. Ids index the arrays
//! below; the arrays are the only place the strings live.

/// The 17 Universal POS tags, in UD's order. `UPOS[id]` is the tag string.
pub const UPOS: [&str; 17] = [
    "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN",
    "PUNCT", "SCONJ", "SYM", "VERB", "X",
];

/// Penn Treebank tags as used by UD English EWT and GUM (XPOS column), plus `_` for none.
pub const XPOS: [&str; 52] = [
    "_", "$", "''", ",", "-LRB-", "-RRB-", ".", ":", "ADD", "AFX", "CC", "CD", "DT", "EX", "FW",
    "GW", "HYPH", "IN", "JJ", "JJR", "JJS", "LS", "MD", "NFP", "NN", "NNP", "NNPS", "NNS", "PDT",
    "POS", "PRP", "PRP$", "RB", "RBR", "RBS", "RP", "SYM", "TO", "UH", "VB", "VBD", "VBG", "VBN",
    "VBP", "VBZ", "WDT", "WP", "WP$", "WRB", "XX", "``", "NML",
];

/// Universal Dependencies relations used by English EWT and GUM; index 0 (`_`) means no parse.
pub const DEPRELS: [&str; 52] = [
    "_", "acl", "acl:relcl", "advcl", "advcl:relcl", "advmod", "amod", "appos", "aux", "aux:pass",
    "case", "cc", "cc:preconj", "ccomp", "compound", "compound:prt", "conj", "cop", "csubj",
    "csubj:outer", "csubj:pass", "dep", "det", "det:predet", "discourse", "dislocated", "expl",
    "fixed", "flat", "goeswith", "iobj", "list", "mark", "nmod", "nmod:desc", "nmod:poss",
    "nmod:unmarked", "nsubj", "nsubj:outer", "nsubj:pass", "nummod", "obj", "obl", "obl:agent",
    "obl:unmarked", "orphan", "parataxis", "punct", "reparandum", "root", "vocative", "xcomp",
];

/// OntoNotes-style entity types used in `entities[].type`.
pub const ENTITY_TYPES: [&str; 10] = [
    "PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW",
];

/// The id of `tag` in `set`, if it is there.
pub fn id_of(set: &[&str], tag: &str) -> Option<u8> {
    set.iter().position(|t| *t == tag).map(|i| i as u8)
}
