//! `newsgraph eval ...`: score a component on a dev corpus. One variant per component; each
//! lives in its own module so that components can be added without touching the others.

use std::process::ExitCode;

use anyhow::Result;

/// Which component to evaluate.
#[derive(clap::Subcommand)]
pub enum Eval {
    /// Token and sentence segmentation against CoNLL-U treebanks (UD EWT, GUM).
    Segment(super::eval_segment::Args),
}

pub fn run(eval: Eval) -> Result<ExitCode> {
    match eval {
        Eval::Segment(args) => super::eval_segment::run(args),
    }
    .map(|()| ExitCode::SUCCESS)
}
