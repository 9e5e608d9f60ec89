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
    if let Some(note) = report.base_url.as_ref().and_then(robots_note) {
        super::eprint(&note);
    }
    Ok(ExitCode::SUCCESS)
}

/// Under a sub-path (`https://example.com/kb/`) the `robots.txt` of the
/// build is not where crawlers look (`https://example.com/robots.txt`):
/// say so, and what to put there instead.
fn robots_note(base_url: &crate::config::BaseUrl) -> Option<String> {
    if base_url.path == "/" {
        return None;
    }
    let origin = base_url.full.strip_suffix(&base_url.path[1..])?;
    Some(format!(
        "note: the site lives under {}, but crawlers read robots.txt only at {origin}robots.txt\n  hint: add `Sitemap: {}sitemap.xml` to that file; the robots.txt of this build is not used there\n",
        base_url.path, base_url.full
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::BaseUrl;

    #[test]
    fn robots_note_only_under_a_sub_path() {
        assert_eq!(
            robots_note(&BaseUrl::parse("https://example.com/").unwrap()),
            None
        );
        let note = robots_note(&BaseUrl::parse("https://example.com/kb/").unwrap()).unwrap();
        assert!(
            note.starts_with("note: the site lives under /kb/, but crawlers read robots.txt only at https://example.com/robots.txt\n"),
            "{note}"
        );
        assert!(
            note.contains("`Sitemap: https://example.com/kb/sitemap.xml`"),
            "{note}"
        );
    }
}
