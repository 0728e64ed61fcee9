//! End-to-end tests of `newsgraph tag` with the repository's models: CoNLL-U gets lemmas,
//! tags, a dependency tree and `NER=` in MISC; CoNLL-2003 style gets an IOB2 column.

use assert_cmd::Command;

fn newsgraph() -> Command {
    let mut cmd = Command::cargo_bin("newsgraph").expect("binary built");
    cmd.env_remove("NEWSGRAPH_MODELS");
    cmd
}

fn tag(format: &str, input: &str) -> String {
    let out = newsgraph().args(["tag", "--input", format, "-"]).write_stdin(input).output().expect("runs");
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8")
}

const CONLLU: &str = "# newdoc id = a\n# text = Lukashenko met Prigozhin in Minsk.\n1\tLukashenko\t_\t_\t_\t_\t_\t_\t_\t_\n2\tmet\t_\t_\t_\t_\t_\t_\t_\t_\n3\tPrigozhin\t_\t_\t_\t_\t_\t_\t_\t_\n4\tin\t_\t_\t_\t_\t_\t_\t_\t_\n5\tMinsk\t_\t_\t_\t_\t_\t_\t_\t_\n6\t.\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n\n# text = The talks ended.\n1\tThe\t_\t_\t_\t_\t_\t_\t_\t_\n2\ttalks\t_\t_\t_\t_\t_\t_\t_\t_\n3\tended\t_\t_\t_\t_\t_\t_\t_\t_\n4\t.\t_\t_\t_\t_\t_\t_\t_\t_\n\n";

#[test]
fn conllu_gets_lemmas_tags_a_tree_and_entities() {
    let out = tag("conllu", CONLLU);
    let sentences: Vec<Vec<Vec<&str>>> = out
        .split("\n\n")
        .filter(|s| !s.trim().is_empty())
        .map(|s| s.lines().filter(|l| !l.starts_with('#')).map(|l| l.split('\t').collect()).collect())
        .collect();
    assert_eq!(sentences.len(), 2);
    assert!(out.starts_with("# newdoc id = a\n# text = Lukashenko met Prigozhin in Minsk.\n"));
    for rows in &sentences {
        let n = rows.len();
        let mut roots = 0;
        for r in rows {
            assert_eq!(r.len(), 10, "{r:?}");
            let head: usize = r[6].parse().expect("HEAD is a number");
            assert!(head <= n, "{r:?}");
            assert_ne!(r[7], "_", "{r:?}");
            if head == 0 {
                roots += 1;
                assert_eq!(r[7], "root");
            }
        }
        assert_eq!(roots, 1, "one root per sentence: {rows:?}");
    }
    let first = &sentences[0];
    assert_eq!((first[1][2], first[1][3], first[1][6], first[1][7]), ("meet", "VERB", "0", "root"));
    assert_eq!((first[0][6], first[0][7]), ("2", "nsubj"));
    assert_eq!(first[0][9], "NER=B-PERSON");
    assert_eq!(first[4][9], "NER=B-GPE");
    assert_eq!(first[5][9], "SpaceAfter=No|NER=O");
    assert_eq!((sentences[1][1][2], sentences[1][1][4]), ("talk", "NNS"));
}

#[test]
fn conll_gets_an_iob2_column() {
    let out = tag("conll", "-DOCSTART- -X- O O\n\nLukashenko NNP\ninvited VBD\nWagner NNP\n.\n");
    let lines: Vec<&str> = out.lines().filter(|l| !l.is_empty()).collect();
    assert_eq!(lines[0], "-DOCSTART- -X- O O");
    assert_eq!(lines[1], "Lukashenko NNP B-PERSON");
    assert!(lines[3].starts_with("Wagner NNP "), "{}", lines[3]);
    assert_eq!(lines[4], ". O");
}
