//! `newsgraph eval ...`: score a component on a dev corpus. One variant per component; each
//! lives in its own module so that components can be added without touching the others.

use std::process::ExitCode;

use anyhow::Result;

/// Which component to evaluate.
#[derive(clap::Subcommand)]
pub enum Eval {}

pub fn run(eval: Eval) -> Result<ExitCode> {
    match eval {}
}
