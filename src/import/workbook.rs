//! `.xlsx` and `.ods` workbooks, read with `calamine`: the first sheet or
//! the one named by `--sheet`, every cell turned into the text the
//! importer works with. calamine gives values, not the cell's display
//! format, so numbers are written plainly (`3`, `0.25`, no thousands
//! separator), dates as `YYYY-MM-DD` (with ` HH:MM:SS` when they have a
//! time of day), booleans as `TRUE`/`FALSE`, and a formula as the value
//! the spreadsheet program last computed for it.

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Ods, Range, Reader, Xlsx};

use super::table::{Row, Table, normalise_line_breaks};
use crate::diagnostic::{Diagnostic, Severity};

/// The workbook formats, by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Xlsx,
    Ods,
}

/// What went wrong opening a workbook: a problem of the file (exit 1) or
/// of the command line (`--sheet` names no sheet: exit 2).
#[derive(Debug)]
pub enum Error {
    File(Vec<Diagnostic>),
    Usage(String),
}

/// Reads the chosen sheet of a workbook.
pub fn read(
    file: &Path,
    bytes: Vec<u8>,
    format: Format,
    sheet: Option<&str>,
) -> Result<Table, Error> {
    let name = match format {
        Format::Xlsx => ".xlsx",
        Format::Ods => ".ods",
    };
    let broken = |message: String| {
        Error::File(vec![
            Diagnostic::file(file, Severity::Error, message).with_hint(format!(
                "open it in a spreadsheet program and save it again as {name}, or as CSV UTF-8"
            )),
        ])
    };
    if !bytes.starts_with(b"PK\x03\x04") {
        return Err(Error::File(vec![
            Diagnostic::file(
                file,
                Severity::Error,
                format!("the file is not a {name} workbook (a text file under a workbook's name?)"),
            )
            .with_hint("if it is CSV, give it the extension .csv; else save it again as .xlsx, .ods or CSV UTF-8"),
        ]));
    }
    let (name, range) = match format {
        Format::Xlsx => sheet_range(Xlsx::new(Cursor::new(bytes)), sheet, &broken)?,
        Format::Ods => sheet_range(Ods::new(Cursor::new(bytes)), sheet, &broken)?,
    };
    Ok(table(file, name, &range))
}

/// The sheet to read: `wanted` (exactly, else ignoring case), else the first.
/// The chosen sheet's name and cells, from an opened workbook of either
/// format.
fn sheet_range<R>(
    opened: Result<R, R::Error>,
    sheet: Option<&str>,
    broken: &dyn Fn(String) -> Error,
) -> Result<(String, Range<Data>), Error>
where
    R: Reader<Cursor<Vec<u8>>>,
    R::Error: std::fmt::Display,
{
    let mut book = opened.map_err(|e| broken(format!("the workbook cannot be read: {e}")))?;
    let names = book.sheet_names();
    let name = choose(&names, sheet)?;
    let range = book
        .worksheet_range(&name)
        .map_err(|e| broken(format!("sheet \"{name}\" cannot be read: {e}")))?;
    Ok((name, range))
}

fn choose(names: &[String], wanted: Option<&str>) -> Result<String, Error> {
    let Some(wanted) = wanted else {
        return names
            .first()
            .cloned()
            .ok_or_else(|| Error::Usage("the workbook has no sheet".into()));
    };
    if let Some(name) = names.iter().find(|n| *n == wanted).or_else(|| {
        names
            .iter()
            .find(|n| n.to_lowercase() == wanted.to_lowercase())
    }) {
        return Ok(name.clone());
    }
    let quoted: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
    let hint = crate::suggest::did_you_mean(wanted, names.iter().map(String::as_str))
        .unwrap_or_else(|| format!("the sheets are {}", quoted.join(", ")));
    Err(Error::Usage(format!(
        "--sheet: the workbook has no sheet \"{wanted}\"\n  hint: {hint}"
    )))
}

/// The used range of a sheet as a table: its first row is the header.
fn table(file: &Path, sheet: String, range: &Range<Data>) -> Table {
    let (start_row, start_column) = range.start().unwrap_or((0, 0));
    let mut table = Table {
        file: file.to_path_buf(),
        sheet: Some(sheet),
        header: Vec::new(),
        header_row: start_row as usize + 1,
        first_column: start_column as usize + 1,
        rows: Vec::new(),
        notes: Vec::new(),
    };
    let mut errors = Vec::new();
    for (i, cells) in range.rows().enumerate() {
        let number = table.header_row + i;
        let mut texts: Vec<String> = Vec::with_capacity(cells.len());
        for (j, cell) in cells.iter().enumerate() {
            if let Data::Error(e) = cell {
                errors.push((number, j, e.to_string()));
            }
            texts.push(text(cell));
        }
        while texts.last().is_some_and(String::is_empty) {
            texts.pop();
        }
        if i == 0 {
            table.header = texts;
        } else {
            table.rows.push(Row {
                number,
                cells: texts,
            });
        }
    }
    for (number, index, error) in errors {
        let row = match table.rows.iter().find(|r| r.number == number) {
            Some(row) => row.clone(),
            None => Row {
                number,
                cells: table.header.clone(),
            },
        };
        let d = table
            .cell_diagnostic(
                Severity::Error,
                &row,
                index,
                None,
                format!("the cell holds the formula error {error}"),
            )
            .with_hint("fix the formula, or type the value into the cell");
        table.notes.push(d);
    }
    table
}

/// A cell as text, the way the importer reads every cell.
pub fn text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => normalise_line_breaks(s.clone()),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number(*f),
        Data::Bool(true) => "TRUE".into(),
        Data::Bool(false) => "FALSE".into(),
        Data::DateTime(dt) if dt.is_duration() => {
            let seconds = (dt.as_f64() * 86_400.0).round() as i64;
            format!(
                "{}:{:02}:{:02}",
                seconds / 3600,
                seconds / 60 % 60,
                seconds % 60
            )
        }
        Data::DateTime(dt) => {
            let (y, m, d, h, mi, s, _) = dt.to_ymd_hms_milli();
            match (dt.as_f64() < 1.0, (h, mi, s) == (0, 0, 0)) {
                (true, _) => format!("{h:02}:{mi:02}:{s:02}"),
                (false, true) => format!("{y:04}-{m:02}-{d:02}"),
                (false, false) => format!("{y:04}-{m:02}-{d:02} {h:02}:{mi:02}:{s:02}"),
            }
        }
        Data::DateTimeIso(s) => match s.split_once('T') {
            Some((date, time)) if time.trim_start_matches(['0', ':', '.']).is_empty() => {
                date.to_string()
            }
            Some((date, time)) => format!("{date} {time}"),
            None => s.clone(),
        },
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
    }
}

/// A number without a needless `.0` and without exponent for whole numbers
/// a sheet can hold exactly.
fn number(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{ExcelDateTime, ExcelDateTimeType};

    #[test]
    fn cells_as_text() {
        assert_eq!(text(&Data::Float(3.0)), "3");
        assert_eq!(text(&Data::Float(0.25)), "0.25");
        assert_eq!(text(&Data::Int(-7)), "-7");
        assert_eq!(text(&Data::Bool(true)), "TRUE");
        assert_eq!(text(&Data::String("a\r\nb".into())), "a\nb");
        let date = ExcelDateTime::new(46122.0, ExcelDateTimeType::DateTime, false);
        assert_eq!(text(&Data::DateTime(date)), "2026-04-10");
        let stamp = ExcelDateTime::new(46122.5, ExcelDateTimeType::DateTime, false);
        assert_eq!(text(&Data::DateTime(stamp)), "2026-04-10 12:00:00");
        assert_eq!(
            text(&Data::DateTimeIso("2026-04-10T00:00:00".into())),
            "2026-04-10"
        );
        assert_eq!(text(&Data::DateTimeIso("2026-04-10".into())), "2026-04-10");
    }

    #[test]
    fn sheet_choice() {
        let names = vec!["Begriffe".to_string(), "Touchpoints".to_string()];
        assert_eq!(choose(&names, None).unwrap(), "Begriffe");
        assert_eq!(choose(&names, Some("touchpoints")).unwrap(), "Touchpoints");
        let Err(Error::Usage(message)) = choose(&names, Some("Touchpoint")) else {
            panic!("a missing sheet is a usage error");
        };
        assert!(
            message.contains("did you mean \"Touchpoints\"?"),
            "{message}"
        );
    }
}
