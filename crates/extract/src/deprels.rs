//! The UD relation ids that the parse readers compare against (attribution's `syntax.rs`,
//! the events' `clause.rs`), looked up in `tagsets::DEPRELS` once per process instead of by
//! string per token. It names relations; it reads no parse. A name missing from the tag
//! set gets `u8::MAX`, which no token carries.

use std::sync::LazyLock;

use newsgraph_core::tagsets::{id_of, DEPRELS};

/// The id of relation `name` (`u8::MAX` when the tag set lacks it).
pub(crate) fn id(name: &str) -> u8 {
    id_of(&DEPRELS, name).unwrap_or(u8::MAX)
}

/// Relation ids by name.
pub(crate) struct Rels {
    pub nsubj: u8,
    pub nsubj_pass: u8,
    pub nsubj_outer: u8,
    pub aux_pass: u8,
    pub obj: u8,
    pub iobj: u8,
    pub obl: u8,
    pub obl_agent: u8,
    pub obl_unmarked: u8,
    pub prt: u8,
    pub case: u8,
    pub mark: u8,
    pub fixed: u8,
    pub cc: u8,
    pub punct: u8,
    pub conj: u8,
    pub xcomp: u8,
    pub ccomp: u8,
    pub advcl: u8,
    pub parataxis: u8,
    pub list: u8,
    pub dep: u8,
    pub nmod: u8,
    pub nmod_poss: u8,
    pub compound: u8,
    pub flat: u8,
    pub appos: u8,
    pub acl: u8,
    pub relcl: u8,
    pub amod: u8,
    pub vocative: u8,
}

/// The ids, looked up on first use.
pub(crate) static RELS: LazyLock<Rels> = LazyLock::new(|| Rels {
    nsubj: id("nsubj"),
    nsubj_pass: id("nsubj:pass"),
    nsubj_outer: id("nsubj:outer"),
    aux_pass: id("aux:pass"),
    obj: id("obj"),
    iobj: id("iobj"),
    obl: id("obl"),
    obl_agent: id("obl:agent"),
    obl_unmarked: id("obl:unmarked"),
    mark: id("mark"),
    prt: id("compound:prt"),
    case: id("case"),
    fixed: id("fixed"),
    cc: id("cc"),
    punct: id("punct"),
    conj: id("conj"),
    xcomp: id("xcomp"),
    ccomp: id("ccomp"),
    advcl: id("advcl"),
    parataxis: id("parataxis"),
    list: id("list"),
    dep: id("dep"),
    nmod: id("nmod"),
    nmod_poss: id("nmod:poss"),
    compound: id("compound"),
    flat: id("flat"),
    appos: id("appos"),
    acl: id("acl"),
    relcl: id("acl:relcl"),
    amod: id("amod"),
    vocative: id("vocative"),
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_is_in_the_tag_set() {
        let r = &*RELS;
        let all = [
            r.nsubj, r.nsubj_pass, r.nsubj_outer, r.aux_pass, r.obj, r.iobj, r.obl, r.obl_agent, r.obl_unmarked, r.prt, r.case, r.fixed, r.cc, r.punct, r.conj, r.xcomp, r.ccomp, r.advcl, r.parataxis,
            r.list, r.dep, r.nmod, r.nmod_poss, r.compound, r.flat, r.appos, r.acl, r.relcl, r.amod, r.vocative,
        ];
        assert!(all.iter().all(|&x| x != u8::MAX), "a relation name is not in tagsets::DEPRELS");
        assert_eq!(DEPRELS[usize::from(r.relcl)], "acl:relcl");
    }
}
