//! CSV as spreadsheet programs write it: UTF-8 with or without a
//! byte-order mark (or UTF-16 with one, Excel's "Unicode text"), else
//! Windows-1252 or Mac Roman as older Excel versions save it; `,`, `;` or
//! tab, detected from the header line (or an Excel `sep=;` first line);
//! CRLF or LF; quoted cells holding delimiters, quotes and line breaks.
//! Parsing is the `csv` crate's; this module decides what to feed it and
//! numbers the records the way a spreadsheet numbers its rows.

use std::path::Path;

use encoding_rs::{Encoding, MACINTOSH, UTF_16BE, UTF_16LE, WINDOWS_1252};

use super::table::{Row, Table, normalise_line_breaks};
use crate::diagnostic::{Diagnostic, Severity};

/// How a file's bytes became text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decoded {
    Utf8,
    Utf16,
    /// Not UTF-8: read in this legacy encoding.
    Legacy(&'static str),
}

/// Turns a CSV file's bytes into text. `Err` holds a message and hint for
/// bytes that are no text at all.
pub fn decode(bytes: &[u8]) -> Result<(String, Decoded), (String, String)> {
    let hint = "save the sheet as \"CSV UTF-8 (comma delimited)\" — in Excel: File → Save As → file type \"CSV UTF-8\"";
    if bytes.starts_with(b"PK\x03\x04") {
        return Err((
            "the file is a zip archive (an .xlsx or .ods workbook?), not CSV".into(),
            "give it its real extension (.xlsx or .ods), or save it as CSV UTF-8".into(),
        ));
    }
    if bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        return Err((
            "the file is an old binary Office document (.xls?), not CSV".into(),
            hint.into(),
        ));
    }
    for (bom, encoding) in [(&b"\xFF\xFE"[..], UTF_16LE), (&b"\xFE\xFF"[..], UTF_16BE)] {
        if bytes.starts_with(bom) {
            let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[2..]);
            if had_errors {
                return Err(("the file is not valid UTF-16".into(), hint.into()));
            }
            return Ok((text.into_owned(), Decoded::Utf16));
        }
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if body.contains(&0) {
        return Err((
            "the file holds binary data (NUL bytes), not text".into(),
            hint.into(),
        ));
    }
    match std::str::from_utf8(body) {
        Ok(text) => Ok((text.to_string(), Decoded::Utf8)),
        Err(_) if body.len() < bytes.len() => Err((
            "the file starts with a UTF-8 byte-order mark but is not valid UTF-8".into(),
            hint.into(),
        )),
        Err(_) => {
            let encoding = legacy_encoding(body);
            let (text, _) = encoding.decode_without_bom_handling(body);
            Ok((text.into_owned(), Decoded::Legacy(encoding.name())))
        }
    }
}

/// Windows-1252 (Excel on Windows) or Mac Roman (Excel on a Mac): the one
/// that turns more of the bytes above 127 standing inside a word (between
/// two ASCII letters, like the `ä` of `Präsenz`) into lowercase letters.
/// German text in the wrong one turns umlauts into symbols or capitals
/// (`ä` → `‰` or `Š`); typographic quotes at word boundaries do not count.
fn legacy_encoding(bytes: &[u8]) -> &'static Encoding {
    let inside_words = |encoding: &'static Encoding| {
        bytes
            .windows(3)
            .filter(|w| w[1] >= 0x80 && w[0].is_ascii_alphabetic() && w[2].is_ascii_alphabetic())
            .filter(|w| {
                let byte = [w[1]];
                let (text, _) = encoding.decode_without_bom_handling(&byte);
                text.chars().all(char::is_lowercase)
            })
            .count()
    };
    if inside_words(MACINTOSH) > inside_words(WINDOWS_1252) {
        MACINTOSH
    } else {
        WINDOWS_1252
    }
}

/// The delimiter of the header line: the most frequent of tab, `;` and
/// `,` outside quotes (a comma when there is none).
pub fn detect_delimiter(header_line: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in header_line.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' if !quoted => break,
            '\t' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            ',' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let delimiters = [b'\t', b';', b','];
    let best = (0..3).max_by_key(|&i| (counts[i], i == 2)).unwrap_or(2);
    if counts[best] == 0 {
        b','
    } else {
        delimiters[best]
    }
}

/// Line breaks in a run of `\r` and `\n` (`\r\n` counts once).
fn line_breaks(run: &str) -> usize {
    let bytes = run.as_bytes();
    let mut count = 0;
    let mut i = 0;
    while i < bytes.len() {
        count += 1;
        i += if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
            2
        } else {
            1
        };
    }
    count
}

/// The trailing run of line-break characters of `text`.
fn trailing_breaks(text: &str) -> &str {
    &text[text.trim_end_matches(['\r', '\n']).len()..]
}

/// The index of the cell whose opening quote is never closed, if the
/// record `text` (from its start to the end of the file) has one.
fn unclosed_quote(text: &str, delimiter: char) -> Option<usize> {
    let mut field = 0;
    let mut at_start = true;
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                } else {
                    quoted = false;
                }
            }
            continue;
        }
        match c {
            '"' if at_start => quoted = true,
            '\r' | '\n' => return None,
            c if c == delimiter => {
                field += 1;
                at_start = true;
                continue;
            }
            _ => {}
        }
        at_start = false;
    }
    quoted.then_some(field)
}

/// Reads CSV bytes into a table. Problems with the file as a whole are
/// returned as `Err`.
pub fn read(file: &Path, bytes: &[u8]) -> Result<Table, Vec<Diagnostic>> {
    let mut table = Table {
        file: file.to_path_buf(),
        sheet: None,
        header: Vec::new(),
        header_row: 1,
        first_column: 1,
        rows: Vec::new(),
        notes: Vec::new(),
    };
    let (mut text, decoded) = decode(bytes).map_err(|(message, hint)| {
        vec![
            table
                .file_diagnostic(Severity::Error, message)
                .with_hint(hint),
        ]
    })?;
    if let Decoded::Legacy(name) = decoded {
        table.notes.push(
            table
                .file_diagnostic(
                    Severity::Warning,
                    format!("the file is not UTF-8; it was read as {name}"),
                )
                .with_hint(
                    "check umlauts and other special letters in the result; to be sure, save the sheet as \"CSV UTF-8\" (Excel: File → Save As → \"CSV UTF-8 (comma delimited)\")",
                ),
        );
    }
    // Excel's `sep=;` line names the delimiter and is not a row.
    let mut delimiter = None;
    let line_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if let Some(sep) = text[..line_end].strip_prefix("sep=") {
        if let [d] = sep.trim_end_matches(['\r', '\n']).as_bytes() {
            delimiter = Some(*d);
            text.drain(..line_end);
        }
    }
    let start = text.len() - text.trim_start_matches(['\r', '\n']).len();
    let delimiter = delimiter.unwrap_or_else(|| detect_delimiter(&text[start..]));
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut row = 1 + line_breaks(&text[..start]);
    let mut previous_start: Option<usize> = None;
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                return Err(vec![
                    table
                        .file_diagnostic(Severity::Error, format!("the CSV cannot be read: {e}"))
                        .with_hint("save the sheet again as CSV UTF-8"),
                ]);
            }
        }
        let position = record.position().map_or(0, |p| p.byte() as usize);
        let record_start = position
            + (text[position..].len() - text[position..].trim_start_matches(['\r', '\n']).len());
        if let Some(previous) = previous_start {
            row += line_breaks(trailing_breaks(&text[previous..record_start]));
        }
        previous_start = Some(record_start);
        let cells: Vec<String> = record
            .iter()
            .map(|c| normalise_line_breaks(c.to_string()))
            .collect();
        if table.header.is_empty() && table.rows.is_empty() {
            table.header_row = row;
            table.header = cells;
        } else {
            table.rows.push(Row { number: row, cells });
        }
    }
    if let Some(start) = previous_start {
        if let Some(field) = unclosed_quote(&text[start..], delimiter as char) {
            let last = table.rows.last().cloned().unwrap_or(Row {
                number: table.header_row,
                cells: table.header.clone(),
            });
            let d = table
                .cell_diagnostic(
                    Severity::Error,
                    &last,
                    field,
                    Some(0..0),
                    "this cell's opening quote `\"` is never closed: it runs to the end of the file",
                )
                .with_hint(
                    "close the quote, or write a quote inside a quoted cell as two quotes `\"\"`",
                );
            return Err(vec![d]);
        }
    }
    Ok(table)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiter_from_the_header_line() {
        assert_eq!(detect_delimiter("Titel;Kanal;Phasen\r\na,b,c,d"), b';');
        assert_eq!(detect_delimiter("title,channel\n"), b',');
        assert_eq!(detect_delimiter("title\tchannel\tstages"), b'\t');
        assert_eq!(detect_delimiter("\"Titel; mit Semikolon\",Kanal"), b',');
        assert_eq!(detect_delimiter("title"), b',');
        assert_eq!(detect_delimiter("a;b,c"), b',', "a tie goes to the comma");
    }

    #[test]
    fn encodings() {
        assert_eq!(
            decode(b"\xEF\xBB\xBFTitel").unwrap(),
            ("Titel".into(), Decoded::Utf8)
        );
        assert_eq!(
            decode("Außen".as_bytes()).unwrap(),
            ("Außen".into(), Decoded::Utf8)
        );
        assert_eq!(
            decode(b"Au\xDFenwerbung; K\xFCndigung").unwrap(),
            (
                "Außenwerbung; Kündigung".into(),
                Decoded::Legacy("windows-1252")
            )
        );
        assert_eq!(
            decode(b"Au\xA7enwerbung; K\x9Fndigung").unwrap(),
            (
                "Außenwerbung; Kündigung".into(),
                Decoded::Legacy("macintosh")
            )
        );
        // Typographic quotes at word boundaries do not make it Mac Roman.
        assert_eq!(
            decode(b"\x84Kundenservice\x93 im Online-Pr\xE4senz").unwrap(),
            (
                "„Kundenservice“ im Online-Präsenz".into(),
                Decoded::Legacy("windows-1252")
            )
        );
        assert_eq!(
            decode(b"\xFF\xFEA\x00\xE4\x00").unwrap(),
            ("Aä".into(), Decoded::Utf16)
        );
        assert!(decode(b"PK\x03\x04rest").unwrap_err().0.contains("zip"));
        assert!(decode(b"a\x00b").unwrap_err().0.contains("binary"));
        assert!(decode(b"\xEF\xBB\xBFM\xFCller").is_err());
    }

    fn rows(text: &str) -> Table {
        read(Path::new("t.csv"), text.as_bytes()).unwrap()
    }

    #[test]
    fn rows_are_numbered_like_a_spreadsheet() {
        let t =
            rows("\u{feff}Titel;Text\r\nA;\"zwei\r\nZeilen\"\r\n\r\nB;x\r\n\"C;\"\"D\"\"\";y\n");
        assert_eq!(t.header, ["Titel", "Text"]);
        let got: Vec<(usize, Vec<String>)> =
            t.rows.iter().map(|r| (r.number, r.cells.clone())).collect();
        assert_eq!(
            got,
            [
                (2, vec!["A".to_string(), "zwei\nZeilen".to_string()]),
                (4, vec!["B".to_string(), "x".to_string()]),
                (5, vec!["C;\"D\"".to_string(), "y".to_string()]),
            ]
        );
    }

    #[test]
    fn excel_sep_line_and_tabs() {
        let t = rows("sep=;\nTitel;Kanal\nChat;online\n");
        assert_eq!(t.header, ["Titel", "Kanal"]);
        assert_eq!(t.rows[0].number, 2);
        let t = rows("title\tchannel\nChat\tonline");
        assert_eq!(t.rows[0].cells, ["Chat", "online"]);
    }

    #[test]
    fn unclosed_quote_is_an_error_at_its_cell() {
        let e = read(Path::new("t.csv"), b"Titel,Text\nA,b\nB,\"offen\nC,d\n").unwrap_err();
        assert_eq!((e[0].line, e[0].column), (3, 2));
        assert_eq!(unclosed_quote("a,\"b\"\"c\",d", ','), None);
        assert_eq!(unclosed_quote("a,b\"c,d", ','), None);
    }

    #[test]
    fn legacy_encoding_is_noted() {
        let t = read(Path::new("t.csv"), b"Titel\nK\xFCndigung\n").unwrap();
        assert_eq!(t.rows[0].cells, ["Kündigung"]);
        assert!(t.notes[0].message.contains("windows-1252"));
    }
}
