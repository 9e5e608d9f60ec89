//! `touchbase import`: a spreadsheet into content files. Beside `load`, the
//! other way content comes in: read the file into a [`table::Table`]
//! (`delimited` for CSV, `workbook` for `.xlsx`/`.ods`), match its
//! columns to fields (`columns`), turn each row into a validated
//! [`entry::Entry`] (`values` for the cell rules), then decide file names
//! and texts (`target`, `emit`). Every problem of every row is collected;
//! with a single error nothing is written.

pub mod columns;
pub mod delimited;
pub mod emit;
pub mod entry;
pub mod table;
pub mod target;
pub mod values;
pub mod workbook;

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

use crate::diagnostic::{self, Diagnostic};
use crate::model::Kind;
pub use target::{Action, Planned};

/// What to import and how.
#[derive(Debug, Clone)]
pub struct Request {
    /// The site folder.
    pub root: PathBuf,
    /// Terms or touchpoints.
    pub kind: Kind,
    /// The spreadsheet, as named on the command line.
    pub file: PathBuf,
    /// The language of rows without a `lang` cell (default: the site's).
    pub lang: Option<String>,
    /// The sheet of a workbook (default: the first).
    pub sheet: Option<String>,
    /// `--map "Column=field"` arguments.
    pub maps: Vec<String>,
    /// Rewrite the front matter of files that exist.
    pub update: bool,
}

/// A successful plan: what would be written.
#[derive(Debug)]
pub struct Plan {
    /// Rows read below the header (blank ones included).
    pub rows: usize,
    pub files: Vec<Planned>,
    /// The sheet read, for workbooks.
    pub sheet: Option<String>,
    /// Warnings: unknown columns, the encoding assumed …
    pub warnings: Vec<Diagnostic>,
}

/// The outcome of planning an import.
#[derive(Debug)]
pub enum Outcome {
    Planned(Plan),
    /// Content problems (errors and warnings): nothing may be written.
    Failed(Vec<Diagnostic>),
}

/// The file types the importer reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FileType {
    Csv,
    Workbook(workbook::Format),
}

fn file_type(file: &Path) -> Result<FileType> {
    let extension = file
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    Ok(match extension.as_str() {
        "csv" | "tsv" | "txt" => FileType::Csv,
        "xlsx" | "xlsm" => FileType::Workbook(workbook::Format::Xlsx),
        "ods" => FileType::Workbook(workbook::Format::Ods),
        "xls" | "xlsb" | "numbers" => bail!(
            "{}: .{extension} files cannot be imported\n  hint: save the sheet as .xlsx, .ods or \"CSV UTF-8\" and import that",
            file.display()
        ),
        _ => bail!(
            "{}: not a spreadsheet file type (.{extension})\n  hint: import a .csv (UTF-8; `,`, `;` or tab), .xlsx or .ods file",
            file.display()
        ),
    })
}

/// Reads the spreadsheet and the site and plans every file. `Err` is a
/// usage or I/O error (a missing file, a bad `--map`, an unknown `--lang`).
pub fn plan(request: &Request) -> Result<Outcome> {
    let config = match crate::build::read_config(&request.root)? {
        Ok(config) => config,
        Err(found) => return Ok(Outcome::Failed(found)),
    };
    let kind = request.kind;
    let lang = request
        .lang
        .clone()
        .unwrap_or_else(|| config.default_language.clone());
    if !config.languages.contains(&lang) {
        bail!(
            "--lang: language `{lang}` is not configured\n  hint: use one of: {}",
            config.languages.join(", ")
        );
    }
    let maps = request
        .maps
        .iter()
        .map(|m| columns::parse_mapping(m, kind))
        .collect::<Result<Vec<_>, String>>()
        .map_err(anyhow::Error::msg)?;
    let file_type = file_type(&request.file)?;
    if file_type == FileType::Csv && request.sheet.is_some() {
        bail!("--sheet is for .xlsx and .ods workbooks; a CSV file has one sheet");
    }
    let bytes = crate::fs::read(&request.file)?;
    let table = match file_type {
        FileType::Csv => delimited::read(&request.file, &bytes),
        FileType::Workbook(format) => {
            match workbook::read(&request.file, bytes, format, request.sheet.as_deref()) {
                Ok(table) => Ok(table),
                Err(workbook::Error::File(found)) => Err(found),
                Err(workbook::Error::Usage(message)) => bail!("{message}"),
            }
        }
    };
    let table = match table {
        Ok(table) => table,
        Err(found) => return Ok(Outcome::Failed(found)),
    };
    let mut found = table.notes.clone();
    let (columns, column_problems) = columns::match_columns(&table, kind, &maps);
    found.extend(column_problems);
    if found.iter().any(Diagnostic::is_error) {
        diagnostic::sort(&mut found);
        return Ok(Outcome::Failed(found));
    }
    let (entries, entry_problems) = entry::entries(&table, &columns, kind, &config, &lang);
    found.extend(entry_problems);
    let loaded = crate::load::load(&request.root, &config.languages)?;
    let existing = target::Existing::new(&loaded.files, kind, &config);
    let (files, plan_problems) = target::plan(
        &table,
        &columns,
        &entries,
        kind,
        &config,
        &existing,
        request.update,
    );
    found.extend(plan_problems);
    diagnostic::sort(&mut found);
    if found.iter().any(Diagnostic::is_error) {
        return Ok(Outcome::Failed(found));
    }
    Ok(Outcome::Planned(Plan {
        rows: table.rows.iter().filter(|r| !r.is_blank()).count(),
        files,
        sheet: table.sheet,
        warnings: found,
    }))
}

/// The content checks on the site as it will be after `plan` is written.
/// A problem in a file of the import names the row it comes from.
pub fn check(root: &Path, plan: &Plan, file: &Path) -> Result<crate::build::Report> {
    let files: Vec<(String, Vec<u8>)> = plan
        .files
        .iter()
        .filter(|p| p.action != Action::Unchanged)
        .map(|p| (p.rel.clone(), p.text.clone().into_bytes()))
        .collect();
    let mut report = crate::build::check_content(root, files)?;
    let rows: std::collections::HashMap<&str, usize> = plan
        .files
        .iter()
        .filter(|p| p.action != Action::Unchanged)
        .map(|p| (p.rel.as_str(), p.row))
        .collect();
    for d in &mut report.diagnostics {
        let Ok(rel) = d.path.strip_prefix(crate::load::CONTENT_DIR) else {
            continue;
        };
        let rel = rel.to_string_lossy().replace('\\', "/");
        if let Some(row) = rows.get(rel.as_str()) {
            let from = format!("the file comes from {} row {row}", file.display());
            d.hint = Some(match d.hint.take() {
                Some(hint) => format!("{hint} ({from})"),
                None => from,
            });
        }
    }
    Ok(report)
}

/// Writes the planned files.
pub fn write(root: &Path, plan: &Plan) -> Result<()> {
    target::write(root, &plan.files)
}
