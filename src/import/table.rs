//! A spreadsheet as the importer sees it: one header row and the rows
//! below it, every cell as text, each with the row and column number a
//! spreadsheet program shows. The CSV and workbook readers make one; the
//! rest of the importer never knows which file type it came from.

use std::ops::Range;
use std::path::PathBuf;

use crate::diagnostic::{Diagnostic, Severity};

/// One row below the header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The row number a spreadsheet shows (the header is row 1 in a CSV).
    pub number: usize,
    /// The cells, from the header's first column on; missing cells at the
    /// end are simply absent.
    pub cells: Vec<String>,
}

impl Row {
    /// The text of the cell in column `index` (0-based from the first
    /// column), empty when the row is shorter.
    pub fn cell(&self, index: usize) -> &str {
        self.cells.get(index).map_or("", String::as_str)
    }

    /// Whether every cell is empty or blank.
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.trim().is_empty())
    }
}

/// A read spreadsheet.
#[derive(Debug, Clone)]
pub struct Table {
    /// The file as named on the command line.
    pub file: PathBuf,
    /// The sheet read, for workbooks.
    pub sheet: Option<String>,
    /// The column names, as written (line breaks made `\n`).
    pub header: Vec<String>,
    /// The row number of the header (1 unless a workbook's sheet starts lower).
    pub header_row: usize,
    /// The column number of the first column (1 unless a sheet starts further right).
    pub first_column: usize,
    pub rows: Vec<Row>,
    /// What the reader noticed: the encoding it assumed, cells holding
    /// formula errors …
    pub notes: Vec<Diagnostic>,
}

impl Table {
    /// The spreadsheet column number of column `index`.
    pub fn column_number(&self, index: usize) -> usize {
        self.first_column + index
    }

    /// The name of column `index` as shown in messages: its header, or
    /// its letter when the header is empty.
    pub fn column_name(&self, index: usize) -> String {
        match self.header.get(index).map(|h| h.trim()) {
            Some(h) if !h.is_empty() => h.replace('\n', " "),
            _ => format!("column {}", column_letter(self.column_number(index))),
        }
    }

    /// A problem with the header cell of column `index`: the excerpt is
    /// the whole header row, the name underlined.
    pub fn header_diagnostic(
        &self,
        severity: Severity,
        index: usize,
        message: impl Into<String>,
    ) -> Diagnostic {
        let names: Vec<String> = (0..self.header.len())
            .map(|i| self.column_name(i))
            .collect();
        let before: usize = names[..index.min(names.len())]
            .iter()
            .map(|n| n.chars().count() + 3)
            .sum();
        let width = names.get(index).map_or(1, |n| n.chars().count());
        Diagnostic {
            path: self.file.clone(),
            line: self.header_row,
            column: self.column_number(index),
            width,
            line_text: names.join(" | "),
            excerpt_column: Some(before + 1),
            severity,
            message: message.into(),
            hint: None,
        }
    }

    /// A problem with the cell of `row` in column `index`, underlining
    /// `span` (byte offsets into the cell's text; the whole cell when
    /// `None`). The excerpt is `Header: text`, showing the line of the cell
    /// the span starts on.
    pub fn cell_diagnostic(
        &self,
        severity: Severity,
        row: &Row,
        index: usize,
        span: Option<Range<usize>>,
        message: impl Into<String>,
    ) -> Diagnostic {
        let text = row.cell(index);
        let span = span.unwrap_or_else(|| {
            let start = text.len() - text.trim_start().len();
            start..text.trim_end().len().max(start)
        });
        let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[span.start..]
            .find('\n')
            .map_or(text.len(), |i| span.start + i);
        let line = &text[line_start..line_end];
        let label = format!("{}: ", self.column_name(index));
        let before = label.chars().count() + text[line_start..span.start].chars().count();
        let width = text[span.start..span.end.min(line_end).max(span.start)]
            .chars()
            .count();
        Diagnostic {
            path: self.file.clone(),
            line: row.number,
            column: self.column_number(index),
            width: width.max(1),
            line_text: format!("{label}{line}"),
            excerpt_column: Some(before + 1),
            severity,
            message: message.into(),
            hint: None,
        }
    }

    /// A problem with the file as a whole, shown at row 1, column 1.
    pub fn file_diagnostic(&self, severity: Severity, message: impl Into<String>) -> Diagnostic {
        Diagnostic::file(self.file.clone(), severity, message)
    }
}

/// `1` → `A`, `27` → `AA`: the column letters of spreadsheet programs.
pub fn column_letter(mut number: usize) -> String {
    let mut letters = Vec::new();
    while number > 0 {
        let rest = (number - 1) % 26;
        letters.push(b'A' + rest as u8);
        number = (number - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).expect("ASCII letters")
}

/// Spreadsheet line breaks (`\r\n`, a lone `\r`) as `\n`.
pub fn normalise_line_breaks(text: String) -> String {
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Table {
        Table {
            file: "t.csv".into(),
            sheet: None,
            header: vec!["Titel".into(), "Phasen".into()],
            header_row: 1,
            first_column: 1,
            rows: vec![Row {
                number: 3,
                cells: vec!["Chat".into(), "Kauf\nNutzng".into()],
            }],
            notes: Vec::new(),
        }
    }

    #[test]
    fn column_letters() {
        assert_eq!(column_letter(1), "A");
        assert_eq!(column_letter(26), "Z");
        assert_eq!(column_letter(27), "AA");
        assert_eq!(column_letter(703), "AAA");
    }

    #[test]
    fn cell_excerpt_shows_the_line_of_the_span() {
        let t = table();
        let d = t.cell_diagnostic(Severity::Error, &t.rows[0], 1, Some(5..11), "unknown stage");
        assert_eq!((d.line, d.column, d.width), (3, 2, 6));
        assert_eq!(d.line_text, "Phasen: Nutzng");
        assert_eq!(d.excerpt_column, Some(9));
        assert!(
            d.to_string()
                .contains("3 | Phasen: Nutzng\n  |         ^^^^^^\n")
        );
    }

    #[test]
    fn header_excerpt_underlines_the_name() {
        let t = table();
        let d = t.header_diagnostic(Severity::Warning, 1, "unknown column");
        assert_eq!(d.line_text, "Titel | Phasen");
        assert_eq!((d.excerpt_column, d.width), (Some(9), 6));
    }

    #[test]
    fn line_breaks() {
        assert_eq!(normalise_line_breaks("a\r\nb\rc\n".into()), "a\nb\nc\n");
    }
}
