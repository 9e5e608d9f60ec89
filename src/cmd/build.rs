//! `touchbase build`: render the site into the output folder.

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
    /// Output folder (default: `output_dir` from touchbase.toml, else public/).
    /// Its previous content is replaced only when the build succeeds.
    #[arg(long, short, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Publish under this address instead of `base_url`, e.g. https://example.com/kb/.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Include files marked `draft = true`.
    #[arg(long)]
    pub drafts: bool,
}

pub fn run(args: &Args) -> Result<ExitCode> {
    let options = Options {
        root: args.root.clone(),
        output: args.output.clone(),
        base_url: args.base_url.clone(),
        drafts: args.drafts,
        write: true,
    };
    let report = build::run(&options)?;
    super::eprint(&super::format_diagnostics(&report.diagnostics));
    if report.has_errors() {
        super::eprint(&format!(
            "Build failed: {}. The output folder was left unchanged.\n",
            diagnostic::summary(&report.diagnostics)
        ));
        return Ok(ExitCode::from(super::CONTENT_ERRORS));
    }
    let dir = report
        .output_dir
        .as_deref()
        .map(|d| d.display().to_string())
        .unwrap_or_default();
    let warnings = if report.diagnostics.is_empty() {
        String::new()
    } else {
        format!(", {}", diagnostic::summary(&report.diagnostics))
    };
    super::print(&format!(
        "Built {} pages ({} files) into {dir} in {:.2} s{warnings}\n",
        report.pages,
        report.files,
        report.elapsed.as_secs_f64()
    ));
    Ok(ExitCode::SUCCESS)
}
