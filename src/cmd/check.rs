//! `touchbase check`: run the whole pipeline, write nothing, list every
//! problem.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;

use crate::build::{self, Options};
use crate::diagnostic;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Site folder, the one holding touchbase.toml.
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// Also check files marked `draft = true` as if published.
    #[arg(long)]
    pub drafts: bool,
}

pub fn run(args: &Args) -> Result<ExitCode> {
    let options = Options {
        root: args.root.clone(),
        drafts: args.drafts,
        write: false,
        ..Options::default()
    };
    let report = build::run(&options)?;
    super::print(&super::format_diagnostics(&report.diagnostics));
    let summary = diagnostic::summary(&report.diagnostics);
    if report.has_errors() {
        super::print(&format!("Check failed: {summary}.\n"));
        return Ok(ExitCode::from(super::CONTENT_ERRORS));
    }
    super::print(&format!("Checked {} pages: {summary}.\n", report.pages));
    Ok(ExitCode::SUCCESS)
}
