//! `touchbase import terms|touchpoints FILE`: turn a spreadsheet into
//! content files, then run the content checks on the result.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;

use crate::diagnostic::{self, Diagnostic};
use crate::import::{self, Action, Outcome, Request};
use crate::model::Kind;

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ImportKind {
    #[value(alias = "term", alias = "glossary")]
    Terms,
    #[value(alias = "touchpoint")]
    Touchpoints,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// What the rows are: terms (into content/glossary/) or touchpoints.
    pub kind: ImportKind,
    /// The spreadsheet: .csv (UTF-8; `,`, `;` or tab), .xlsx or .ods. Row 1
    /// holds the column names.
    pub file: PathBuf,
    /// Site folder, the one holding touchbase.toml.
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// Language of rows without a `lang` cell (default: the site's default language).
    #[arg(long, value_name = "CODE")]
    pub lang: Option<String>,
    /// The sheet of a workbook to read (default: the first).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// Read a column as a field, e.g. --map "Team=owner"; `Column=-` skips
    /// it quietly. Repeatable.
    #[arg(long = "map", value_name = "COLUMN=FIELD")]
    pub maps: Vec<String>,
    /// List the files that would be created or changed; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Rewrite the front matter of files that exist from their rows,
    /// keeping their text.
    #[arg(long)]
    pub update: bool,
}

pub fn run(args: &Args) -> Result<ExitCode> {
    let request = Request {
        root: args.root.clone(),
        kind: match args.kind {
            ImportKind::Terms => Kind::Term,
            ImportKind::Touchpoints => Kind::Touchpoint,
        },
        file: args.file.clone(),
        lang: args.lang.clone(),
        sheet: args.sheet.clone(),
        maps: args.maps.clone(),
        update: args.update,
    };
    let plan = match import::plan(&request)? {
        Outcome::Planned(plan) => plan,
        Outcome::Failed(found) => {
            super::eprint(&super::format_diagnostics(&found));
            super::eprint(&format!(
                "Import failed: {}. Nothing was written.\n",
                diagnostic::summary(&found)
            ));
            return Ok(ExitCode::from(super::CONTENT_ERRORS));
        }
    };
    super::eprint(&super::format_diagnostics(&plan.warnings));
    let report = import::check(&args.root, &plan, &args.file)?;
    if !args.dry_run {
        import::write(&args.root, &plan)?;
    }
    let content = args.root.join(crate::load::CONTENT_DIR);
    let mut listing = String::new();
    let count = |action| plan.files.iter().filter(|p| p.action == action).count();
    for p in plan.files.iter().filter(|p| p.action != Action::Unchanged) {
        let verb = match (p.action, args.dry_run) {
            (Action::Create, false) => "Created",
            (Action::Create, true) => "Would create",
            (_, false) => "Updated",
            (_, true) => "Would update",
        };
        listing.push_str(&format!("{verb} {}\n", content.join(&p.rel).display()));
    }
    let sheet = plan
        .sheet
        .as_ref()
        .map(|s| format!(" (sheet \"{s}\")"))
        .unwrap_or_default();
    let warnings = plural(plan.warnings.len(), "warning");
    let (created, updated) = if args.dry_run {
        ("to create", "to update")
    } else {
        ("created", "updated")
    };
    listing.push_str(&format!(
        "Read {} from {}{sheet}: {} {created}, {} {updated}, {} unchanged; {warnings}.{}\n",
        plural(plan.rows, "row"),
        args.file.display(),
        plural(count(Action::Create), "file"),
        count(Action::Update),
        count(Action::Unchanged),
        if args.dry_run {
            " Nothing was written (--dry-run)."
        } else {
            ""
        }
    ));
    super::print(&listing);
    print_check(&report.diagnostics, args.dry_run)
}

/// The site check after the import: its errors in full, its warnings
/// (mostly gaps of the catalogue) counted.
fn print_check(found: &[Diagnostic], dry_run: bool) -> Result<ExitCode> {
    let errors: Vec<Diagnostic> = found.iter().filter(|d| d.is_error()).cloned().collect();
    let warnings = plural(found.len() - errors.len(), "warning");
    let see = if warnings.starts_with("0 ") {
        ""
    } else {
        " (`touchbase check` lists them)"
    };
    if errors.is_empty() {
        super::print(&format!("Site check: 0 errors, {warnings}{see}.\n"));
        return Ok(ExitCode::SUCCESS);
    }
    super::eprint(&super::format_diagnostics(&errors));
    let written = if dry_run {
        "With these files"
    } else {
        "The files were written, but"
    };
    super::eprint(&format!(
        "Site check failed: {}, {warnings}. {written} the site does not build yet: fix the errors above (a reference to a term may just need the glossary imported too).\n",
        plural(errors.len(), "error"),
    ));
    Ok(ExitCode::from(super::CONTENT_ERRORS))
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}
