//! Stage 1: walk `content/` in sorted order and read every file. Markdown
//! files become `Source`s tagged with their kind and language suffix; other
//! files are assets copied as they are.

use std::path::{Path, PathBuf};

use anyhow::Result;
use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::model::Kind;
use crate::source::Source;

/// A markdown file of `content/`, read and decoded.
#[derive(Debug)]
pub struct ContentFile {
    pub source: Source,
    /// Path relative to `content/`, with `/` separators.
    pub rel: String,
    pub kind: Kind,
    /// File stem without a language suffix (`crm` for `crm.en.md`).
    pub stem: String,
    /// The language suffix, if any (`en` for `crm.en.md`).
    pub lang_suffix: Option<String>,
    /// A problem found while decoding (invalid UTF-8), moved into
    /// `Loaded::diagnostics` by `load`.
    pub problem: Option<Diagnostic>,
}

/// Everything `content/` holds.
#[derive(Debug, Default)]
pub struct Loaded {
    pub files: Vec<ContentFile>,
    /// Non-markdown files: (absolute path, path relative to `content/`).
    pub assets: Vec<(PathBuf, String)>,
    pub diagnostics: Vec<Diagnostic>,
}

pub const CONTENT_DIR: &str = "content";

/// Reads `root/content`, sorted by path, files in parallel.
pub fn load(root: &Path) -> Result<Loaded> {
    let content = root.join(CONTENT_DIR);
    let mut loaded = Loaded::default();
    let mut markdown = Vec::new();
    for (abs, rel) in crate::fs::walk_files(&content)? {
        let rel = rel.to_string_lossy().replace('\\', "/");
        if rel.ends_with(".md") {
            markdown.push((abs, rel));
        } else {
            loaded.assets.push((abs, rel));
        }
    }
    loaded.files = markdown
        .par_iter()
        .map(|(abs, rel)| read_one(abs, rel))
        .collect::<Result<_>>()?;
    for file in &mut loaded.files {
        loaded.diagnostics.extend(file.problem.take());
    }
    Ok(loaded)
}

/// Reads one markdown file of `root/content` by its path relative to
/// `content/` (`glossary/crm.md`).
pub fn read_file(root: &Path, rel: &str) -> Result<ContentFile> {
    read_one(&root.join(CONTENT_DIR).join(rel), rel)
}

fn read_one(abs: &Path, rel: &str) -> Result<ContentFile> {
    let bytes = crate::fs::read(abs)?;
    let (text, problem) = decode(bytes);
    let mut file = ContentFile::from_text(rel, text);
    file.problem = problem.map(|d| d.with_path(file.source.path.clone()));
    Ok(file)
}

impl ContentFile {
    /// A content file from its path relative to `content/` and its text,
    /// as if read from disk (for checking files before they are written).
    pub fn from_text(rel: &str, text: String) -> Self {
        let display = Path::new(CONTENT_DIR).join(rel);
        let file_name = rel.rsplit('/').next().unwrap_or(rel);
        let base = file_name.strip_suffix(".md").unwrap_or(file_name);
        let (stem, lang_suffix) = match base.rsplit_once('.') {
            Some((stem, suffix)) if looks_like_language(suffix) && !stem.is_empty() => {
                (stem.to_string(), Some(suffix.to_string()))
            }
            _ => (base.to_string(), None),
        };
        ContentFile {
            problem: None,
            source: Source::new(display, text),
            kind: Kind::from_section(rel.split('/').next().filter(|_| rel.contains('/'))),
            rel: rel.to_string(),
            stem,
            lang_suffix,
        }
    }
}

fn looks_like_language(s: &str) -> bool {
    (2..=3).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_lowercase())
}

/// UTF-8 text without a byte-order mark. Invalid bytes are an error at
/// their line and column; the rest of the file is still read (with U+FFFD
/// in their place) so its other problems are reported in the same run.
fn decode(mut bytes: Vec<u8>) -> (String, Option<Diagnostic>) {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    match String::from_utf8(bytes) {
        Ok(text) => (text, None),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let source = Source::new("", text);
            let diagnostic = source
                .error(valid..valid + 1, "the file is not valid UTF-8")
                .with_hint(
                    "save the file as UTF-8 (it looks like another encoding, such as Windows-1252)",
                );
            (source.text, Some(diagnostic))
        }
    }
}

impl Diagnostic {
    fn with_path(mut self, path: PathBuf) -> Self {
        self.path = path;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;

    #[test]
    fn bom_is_dropped() {
        assert_eq!(
            decode(b"\xEF\xBB\xBF+++".to_vec()),
            ("+++".to_string(), None)
        );
    }

    #[test]
    fn invalid_utf8_points_at_the_byte() {
        let (text, d) = decode(b"+++\ntitle = \"M\xFCller\"\n+++\n".to_vec());
        assert_eq!(text, "+++\ntitle = \"M\u{FFFD}ller\"\n+++\n");
        let d = d.unwrap();
        assert_eq!((d.line, d.column), (2, 11));
        assert_eq!(d.severity, Severity::Error);
        assert_eq!(d.line_text, "title = \"M\u{FFFD}ller\"");
    }
}
