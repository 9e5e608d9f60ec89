//! The command line: one thin module per subcommand, each an `Args` struct
//! and a `run` returning the exit code.

pub mod build;
pub mod check;
pub mod import;
pub mod init;
pub mod new;
pub mod serve;

use std::io::Write;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Exit code: content errors found.
pub const CONTENT_ERRORS: u8 = 1;
/// Exit code: usage or I/O error.
pub const FAILURE: u8 = 2;

/// touchbase builds a knowledge base of customer touchpoints — glossary,
/// touchpoint catalogue and customer journeys — from markdown files.
///
/// Start with `touchbase init my-site`, then `touchbase build --root my-site`
/// and open my-site/public/index.html.
#[derive(Debug, Parser)]
#[command(name = "touchbase", version, about, long_about, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new site with a config and sample content.
    Init(init::Args),
    /// Build the site into the output folder (public/ by default).
    Build(build::Args),
    /// Validate content, links and templates; write nothing.
    Check(check::Args),
    /// Preview the site locally with live reload.
    Serve(serve::Args),
    /// Create a content file with a front matter skeleton.
    New(new::Args),
    /// Turn a spreadsheet (.csv, .xlsx, .ods) into terms or touchpoints.
    Import(import::Args),
}

pub fn run(cli: Cli) -> ExitCode {
    let result = match cli.command {
        Command::Init(args) => init::run(&args),
        Command::Build(args) => build::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Serve(args) => serve::run(&args),
        Command::New(args) => new::run(&args),
        Command::Import(args) => import::run(&args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(FAILURE)
        }
    }
}

/// Writes to stdout; a closed pipe (`touchbase check | head`) is not an error.
pub fn print(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
}

/// Writes to stderr, ignoring a closed pipe.
pub fn eprint(text: &str) {
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(text.as_bytes());
}

/// The diagnostics of a run, rustc-style, one blank line between them.
pub fn format_diagnostics(diagnostics: &[crate::Diagnostic]) -> String {
    diagnostics.iter().map(|d| format!("{d}\n")).collect()
}
