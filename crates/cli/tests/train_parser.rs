//! `newsgraph train parser` end to end on a data directory built from the repository's small
//! GUM fixtures, with uptraining: the shipped parser teaches from unlabelled news, and the
//! parser written parses. Also the refusal of an --extra file that carries no trees, and
//! `train relabeller` on a parser trained there.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

fn repo(path: &str) -> String {
    format!("{}/../../{path}", env!("CARGO_MANIFEST_DIR"))
}

fn newsgraph() -> Command {
    let mut cmd = Command::cargo_bin("newsgraph").expect("binary built");
    cmd.env_remove("NEWSGRAPH_MODELS").env_remove("NEWSGRAPH_DATA");
    cmd
}

/// The `shared/data` layout with the GUM fixtures as EWT train and dev, no GUM files, and a
/// little unlabelled news: a CoNLL-2003 file (one headline, one sentence) and one article,
/// in a temporary directory.
fn data_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let fixtures = repo("crates/nlp/tests/fixtures");
    fs::create_dir_all(root.join("ud_english_ewt")).unwrap();
    fs::copy(format!("{fixtures}/gum_train.conllu"), root.join("ud_english_ewt/en_ewt-ud-train.conllu")).unwrap();
    fs::copy(format!("{fixtures}/gum_dev.conllu"), root.join("ud_english_ewt/en_ewt-ud-dev.conllu")).unwrap();
    for split in ["train", "dev"] {
        fs::create_dir_all(root.join("gum/dep").join(split)).unwrap();
    }
    fs::create_dir_all(root.join("conll2003")).unwrap();
    let conll = "-DOCSTART- -X- -X- O\n\nSOCCER NN B-NP O\n- : O O\nRESULTS NNS B-NP O\n\n\
                 The DT B-NP O\ncommittee NN I-NP O\napproved VBD B-VP O\nthe DT B-NP O\nplan NN I-NP O\non IN B-PP O\nFriday NNP B-NP O\n. . O O\n";
    fs::write(root.join("conll2003/eng.train"), conll).unwrap();
    fs::create_dir_all(root.join("polnear/train/text")).unwrap();
    let article = "The mayor said on Tuesday that the city would open two new schools next year. \
                   Officials expect the work to cost more than the council had planned. \
                   Residents who spoke to reporters welcomed the decision.\n";
    fs::write(root.join("polnear/train/text/a.txt"), article).unwrap();
    dir
}

/// `train parser` on the data under `root`, quick: gold tags, `epochs` epochs, the shipped
/// tagger for the dev tags.
fn train_parser(root: &Path, out: &Path, epochs: &str) -> Command {
    let mut cmd = newsgraph();
    cmd.args(["train", "parser", "--jackknife", "0", "--epochs", epochs, "--tagger", &repo("models/tagger.bin")]).arg("--data").arg(root).arg("--out").arg(out);
    cmd
}

/// "The plan failed ." tagged and parsed by `tag --input conllu` with the parser file.
fn tag_with(parser: &Path) -> String {
    let conllu = "1\tThe\t_\t_\t_\t_\t_\t_\t_\t_\n2\tplan\t_\t_\t_\t_\t_\t_\t_\t_\n3\tfailed\t_\t_\t_\t_\t_\t_\t_\t_\n4\t.\t_\t_\t_\t_\t_\t_\t_\t_\n\n";
    let tagged = newsgraph().args(["tag", "--input", "conllu", "--parser"]).arg(parser).arg("-").write_stdin(conllu).output().expect("runs");
    assert!(tagged.status.success(), "stderr: {}", String::from_utf8_lossy(&tagged.stderr));
    String::from_utf8(tagged.stdout).unwrap()
}

#[test]
fn uptrains_on_news_its_teacher_parsed_and_the_model_parses() {
    let dir = data_dir();
    let root = dir.path();
    let out = root.join("parser.bin");
    let run = train_parser(root, &out, "2")
        .args(["--teacher", &repo("models/parser.bin")])
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "stderr: {stderr}");
    // Five sentences of news; the headline is not prose and is left out.
    assert!(stderr.contains("uptraining: 4 of 5 unlabelled sentences kept"), "{stderr}");
    assert!(stderr.contains("+ 4 extra"), "{stderr}");
    let text = tag_with(&out);
    let roots = text.lines().filter(|l| l.split('\t').nth(7) == Some("root")).count();
    assert_eq!(roots, 1, "one root in: {text}");
}

#[test]
fn an_extra_file_without_trees_is_refused() {
    let dir = data_dir();
    let root = dir.path();
    let forms = root.join("forms.conllu");
    fs::write(&forms, "1\tThe\t_\t_\t_\t_\t_\t_\t_\t_\n2\tend\t_\t_\t_\t_\t_\t_\t_\t_\n\n").unwrap();
    train_parser(root, &root.join("p.bin"), "1")
        .arg("--extra")
        .arg(&forms)
        .assert()
        .failure()
        .stderr(predicate::str::contains("forms.conllu: sentence 1 has no relations").and(predicate::str::contains("tag --input conllu")));
}

#[test]
fn a_relabeller_is_trained_for_a_parser_file_and_parses_with_it() {
    let dir = data_dir();
    let root = dir.path();
    let parser = root.join("parser.bin");
    train_parser(root, &parser, "2").assert().success();
    let out = root.join("relabelled.bin");
    let run = newsgraph()
        .args(["train", "relabeller", "--jackknife", "0", "--folds", "2", "--epochs", "2", "--tagger", &repo("models/tagger.bin")])
        .arg("--data")
        .arg(root)
        .arg("--parser")
        .arg(&parser)
        .arg("--out")
        .arg(&out)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "stderr: {stderr}");
    assert!(stderr.contains("parsed in 2 folds"), "{stderr}");
    assert!(stderr.contains("relabeller: the parser's own labels score LAS"), "{stderr}");
    assert!(stderr.contains("relabeller epoch  2"), "{stderr}");
    let text = tag_with(&out);
    assert!(text.lines().filter(|l| !l.is_empty()).all(|l| l.split('\t').nth(7).is_some_and(|r| r != "_")), "every word has a relation: {text}");
}
