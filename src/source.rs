//! A file's text with the byte-offset → line/column mapping every diagnostic
//! needs. Lines and columns are 1-based; columns count characters, not bytes.

use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Severity};

/// The text of one input file, as read from disk, plus where its lines start.
#[derive(Debug, Clone)]
pub struct Source {
    /// Path as shown to the user (relative to the site root when possible).
    pub path: PathBuf,
    /// The whole file text, without a leading byte-order mark.
    pub text: String,
    line_starts: Vec<usize>,
}

impl Source {
    pub fn new(path: impl Into<PathBuf>, text: String) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self {
            path: path.into(),
            text,
            line_starts,
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Keeps only the text before `end` (a file's front matter, once its
    /// body is converted and nothing will point into it again).
    pub fn keep_until(&mut self, end: usize) {
        if end >= self.text.len() || !self.text.is_char_boundary(end) {
            return;
        }
        self.text.truncate(end);
        self.text.shrink_to_fit();
        self.line_starts.retain(|&start| start <= end);
        self.line_starts.shrink_to_fit();
    }

    /// Lets the text go once nothing will point into it again (a one-shot
    /// build, after the checks). The path stays; a diagnostic made later
    /// would point at line 1.
    pub fn release_text(&mut self) {
        self.text = String::new();
        self.line_starts = vec![0];
    }

    /// 1-based line and column of a byte offset (clamped to the text).
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let start = self.line_starts[line];
        let mut col_end = offset;
        while !self.text.is_char_boundary(col_end) {
            col_end -= 1;
        }
        let column = self.text[start..col_end].chars().count() + 1;
        // The `\r` of a CRLF line end is not part of the line shown: an
        // offset at its `\n` is just past the last character.
        let visible = self.line_text(line + 1).chars().count();
        (line + 1, column.min(visible + 1))
    }

    /// The text of a 1-based line, without its line ending.
    pub fn line_text(&self, line: usize) -> &str {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return "";
        };
        let end = self
            .line_starts
            .get(line)
            .map_or(self.text.len(), |&next| next - 1);
        self.text[start..end.max(start)].trim_end_matches('\r')
    }

    /// A diagnostic pointing at `span` (byte offsets into `text`).
    pub fn diagnostic(
        &self,
        severity: Severity,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Diagnostic {
        let (line, column) = self.line_col(span.start);
        let line_text = self.line_text(line).to_string();
        // Underline to the end of the span, but never past the end of its line.
        let (end_line, end_column) = self.line_col(span.end.max(span.start));
        let width = if end_line == line && end_column > column {
            end_column - column
        } else {
            1
        };
        Diagnostic {
            path: self.path.clone(),
            line,
            column,
            width,
            line_text,
            excerpt_column: None,
            severity,
            message: message.into(),
            hint: None,
        }
    }

    pub fn error(&self, span: Range<usize>, message: impl Into<String>) -> Diagnostic {
        self.diagnostic(Severity::Error, span, message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_line_and_later_line() {
        let src = Source::new("a.md", "ab\ncdé f\r\nxyz".to_string());
        assert_eq!(src.line_col(0), (1, 1));
        assert_eq!(src.line_col(1), (1, 2));
        assert_eq!(src.line_col(3), (2, 1));
        // 'f' comes after a two-byte character: column counts characters.
        let f = src.text.find('f').unwrap();
        assert_eq!(src.line_col(f), (2, 5));
        assert_eq!(src.line_text(2), "cdé f");
        assert_eq!(src.line_text(3), "xyz");
        assert_eq!(src.line_col(src.text.len()), (3, 4));
    }

    #[test]
    fn the_end_of_a_crlf_line_is_just_past_its_last_character() {
        // Found by fuzzing: TOML reports an unclosed string at the `\n`.
        let src = Source::new("a.md", "ab\r\ncd".to_string());
        assert_eq!(src.line_col(2), (1, 3));
        assert_eq!(src.line_col(3), (1, 3));
        assert_eq!(src.line_col(4), (2, 1));
        let d = src.error(3..4, "unclosed");
        assert_eq!((d.line, d.column, d.width), (1, 3, 1));
    }

    #[test]
    fn offset_inside_a_multibyte_character_is_clamped() {
        let src = Source::new("a.md", "é".to_string());
        assert_eq!(src.line_col(1), (1, 1));
    }

    #[test]
    fn diagnostic_underlines_the_span() {
        let src = Source::new("a.md", "x = 1\ntitel = \"A\"\n".to_string());
        let d = src.error(6..11, "unknown key");
        assert_eq!((d.line, d.column, d.width), (2, 1, 5));
        assert_eq!(d.line_text, "titel = \"A\"");
    }
}
