//! `touchbase check`: run the whole pipeline, write nothing, list every
//! problem — rustc-style for a terminal, or as JSON for a CI job. With
//! `--strict` the warnings of the gap analysis (and any other warning)
//! fail the check too.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use serde::Serialize;

use crate::build::{self, Options};
use crate::diagnostic::{self, Diagnostic, Severity};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Site folder, the one holding touchbase.toml.
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// Also check files marked `draft = true` as if published.
    #[arg(long)]
    pub drafts: bool,
    /// Fail on warnings too (gaps, unlinked terms …): exit status 1.
    #[arg(long)]
    pub strict: bool,
    /// `text` for people, `json` for tools.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

pub fn run(args: &Args) -> Result<ExitCode> {
    let options = Options {
        root: args.root.clone(),
        drafts: args.drafts,
        write: false,
        ..Options::default()
    };
    let mut report = build::run(&options)?;
    if args.strict {
        for d in &mut report.diagnostics {
            d.severity = Severity::Error;
        }
    }
    let failed = report.has_errors();
    match args.format {
        Format::Text => {
            super::print(&super::format_diagnostics(&report.diagnostics));
            let summary = diagnostic::summary(&report.diagnostics);
            if failed {
                super::print(&format!("Check failed: {summary}.\n"));
            } else {
                super::print(&format!("Checked {} pages: {summary}.\n", report.pages));
            }
        }
        Format::Json => super::print(&json(&report.diagnostics, report.pages, failed)),
    }
    Ok(if failed {
        ExitCode::from(super::CONTENT_ERRORS)
    } else {
        ExitCode::SUCCESS
    })
}

/// One problem as `--format json` lists it. The field names are stable.
#[derive(Debug, Serialize)]
struct JsonDiagnostic<'a> {
    /// Relative to the site folder, with `/`.
    path: String,
    line: usize,
    column: usize,
    severity: Severity,
    message: &'a str,
    hint: Option<&'a str>,
}

#[derive(Debug, Serialize)]
struct JsonSummary {
    ok: bool,
    errors: usize,
    warnings: usize,
    /// Pages rendered (0 when the check stopped early).
    pages: usize,
}

#[derive(Debug, Serialize)]
struct JsonReport<'a> {
    diagnostics: Vec<JsonDiagnostic<'a>>,
    summary: JsonSummary,
}

/// `{"diagnostics": [...], "summary": {...}}`, pretty-printed, one
/// trailing newline.
fn json(diagnostics: &[Diagnostic], pages: usize, failed: bool) -> String {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let report = JsonReport {
        diagnostics: diagnostics
            .iter()
            .map(|d| JsonDiagnostic {
                path: d.path.to_string_lossy().replace('\\', "/"),
                line: d.line,
                column: d.column,
                severity: d.severity,
                message: &d.message,
                hint: d.hint.as_deref(),
            })
            .collect(),
        summary: JsonSummary {
            ok: !failed,
            errors,
            warnings: diagnostics.len() - errors,
            pages,
        },
    };
    let mut text = serde_json::to_string_pretty(&report).expect("the report serialises");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_lists_every_field() {
        let d = Diagnostic::file(
            "content\\a.md",
            Severity::Warning,
            "touchpoint without KPIs: \"A\"",
        )
        .with_hint("add kpis");
        let v: serde_json::Value = serde_json::from_str(&json(&[d], 3, false)).unwrap();
        let first = &v["diagnostics"][0];
        assert_eq!(first["path"], "content/a.md");
        assert_eq!(
            (first["line"].as_u64(), first["column"].as_u64()),
            (Some(1), Some(1))
        );
        assert_eq!(first["severity"], "warning");
        assert_eq!(first["hint"], "add kpis");
        assert_eq!(v["summary"]["warnings"], 1);
        assert_eq!(v["summary"]["errors"], 0);
        assert_eq!(v["summary"]["ok"], true);
        assert_eq!(v["summary"]["pages"], 3);
    }
}
