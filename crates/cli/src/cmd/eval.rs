//! `newsgraph eval ...`: score a component on a dev corpus. One variant per component; each
//! lives in its own module so that components can be added without touching the others.

use std::process::ExitCode;

use anyhow::Result;

/// Which component to evaluate.
#[derive(clap::Subcommand)]
pub enum Eval {
    /// Token and sentence segmentation against CoNLL-U treebanks (UD EWT, GUM).
    Segment(super::eval_segment::Args),
    /// HTML article-body extraction against the html-dev pages (snippet P/R/F1).
    Html(super::eval_html::Args),
    /// TIMEX3 recognition and normalisation against TimeML files (TE3 scores).
    Time(super::eval_time::Args),
    /// POS tagger and lemmatizer on EWT dev and GUM dev (accuracy, tokens/s).
    Tagger(super::eval_nlp::TaggerArgs),
    /// NER on CoNLL-2003 eng.testa and UNER EWT dev (conlleval P/R/F1, tokens/s).
    Ner(super::eval_nlp::NerArgs),
    /// Attribution (source, cue, content) on PolNeAR dev: span P/R/F1, direct quotes.
    Attribution(super::eval_attribution::Args),
    /// Entity resolution on GUM dev coreference: MUC, B3 and link P/R/F1, pronoun links.
    Coref(super::eval_coref::Args),
    /// Tagger + NER throughput over the PolNeAR texts (tokens/s on one thread, load time).
    NlpSpeed(super::eval_nlp::SpeedArgs),
    /// Dependency parser on EWT dev and GUM dev with predicted tags (UAS, LAS, tokens/s).
    Parser(super::parser::EvalArgs),
    /// Place resolution (GeoNames id) on hand-checked cases (tests/fixtures/places/cases.tsv).
    Places(super::eval_places::Args),
}

pub fn run(eval: Eval) -> Result<ExitCode> {
    match eval {
        Eval::Segment(args) => super::eval_segment::run(args),
        Eval::Html(args) => super::eval_html::run(args),
        Eval::Time(args) => super::eval_time::run(args),
        Eval::Tagger(args) => super::eval_nlp::run_tagger(args),
        Eval::Ner(args) => super::eval_nlp::run_ner(args),
        Eval::Attribution(args) => super::eval_attribution::run(args),
        Eval::Coref(args) => super::eval_coref::run(args),
        Eval::NlpSpeed(args) => super::eval_nlp::run_speed(args),
        Eval::Parser(args) => super::parser::run_eval(args),
        Eval::Places(args) => super::eval_places::run(args),
    }
    .map(|()| ExitCode::SUCCESS)
}
