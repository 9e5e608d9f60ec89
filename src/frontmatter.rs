//! Splits a content file into its `+++` TOML front matter and markdown body.

use std::ops::Range;

/// Where the front matter and the body lie in a file's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// The TOML between the `+++` lines.
    pub front_matter: Range<usize>,
    /// Everything after the closing `+++` line.
    pub body: Range<usize>,
}

/// Why a file could not be split; the offset says where to point.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SplitError {
    Empty,
    /// The file does not start with a `+++` line.
    NoFrontMatter,
    /// The opening `+++` at offset 0 has no closing `+++` line.
    Unclosed,
}

impl SplitError {
    pub fn message(&self) -> &'static str {
        match self {
            SplitError::Empty => "the file is empty",
            SplitError::NoFrontMatter => "the file does not start with `+++` front matter",
            SplitError::Unclosed => "the front matter is not closed",
        }
    }

    pub fn hint(&self) -> &'static str {
        match self {
            SplitError::Empty | SplitError::NoFrontMatter => {
                "start the file with a line `+++`, then `title = \"…\"`, then another line `+++`"
            }
            SplitError::Unclosed => "add a line `+++` after the last front matter key",
        }
    }
}

/// Is `line` (without its `\n`) a `+++` delimiter? Trailing spaces and a `\r` are allowed.
fn is_delimiter(line: &str) -> bool {
    line.trim_end_matches(['\r', ' ', '\t']) == "+++"
}

pub fn split(text: &str) -> Result<Split, SplitError> {
    if text.trim().is_empty() {
        return Err(SplitError::Empty);
    }
    let first_end = text.find('\n').unwrap_or(text.len());
    if !is_delimiter(&text[..first_end]) {
        return Err(SplitError::NoFrontMatter);
    }
    let fm_start = (first_end + 1).min(text.len());
    let mut line_start = fm_start;
    while line_start < text.len() {
        let line_end = text[line_start..]
            .find('\n')
            .map_or(text.len(), |i| line_start + i);
        if is_delimiter(&text[line_start..line_end]) {
            return Ok(Split {
                front_matter: fm_start..line_start,
                body: (line_end + 1).min(text.len())..text.len(),
            });
        }
        line_start = line_end + 1;
    }
    Err(SplitError::Unclosed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(text: &str) -> (&str, &str) {
        let s = split(text).unwrap();
        (&text[s.front_matter], &text[s.body])
    }

    #[test]
    fn splits_front_matter_and_body() {
        assert_eq!(
            parts("+++\ntitle = \"A\"\n+++\nBody\n"),
            ("title = \"A\"\n", "Body\n")
        );
    }

    #[test]
    fn crlf_and_trailing_spaces() {
        assert_eq!(
            parts("+++\r\ntitle = \"A\"\r\n+++  \r\nBody"),
            ("title = \"A\"\r\n", "Body")
        );
    }

    #[test]
    fn empty_front_matter_and_no_body() {
        assert_eq!(parts("+++\n+++"), ("", ""));
        assert_eq!(parts("+++\n+++\n"), ("", ""));
    }

    #[test]
    fn plus_signs_inside_values_do_not_close() {
        assert_eq!(parts("+++\na = \"+++\"\n+++\nx"), ("a = \"+++\"\n", "x"));
    }

    #[test]
    fn errors() {
        assert_eq!(split(""), Err(SplitError::Empty));
        assert_eq!(split(" \n\n"), Err(SplitError::Empty));
        assert_eq!(split("# Title\n"), Err(SplitError::NoFrontMatter));
        assert_eq!(
            split("---\ntitle: x\n---\n"),
            Err(SplitError::NoFrontMatter)
        );
        assert_eq!(split("+++\ntitle = \"A\"\n"), Err(SplitError::Unclosed));
        assert_eq!(split("+++"), Err(SplitError::Unclosed));
    }
}
