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
    let read: Vec<Result<ContentFile, Diagnostic>> = markdown
        .par_iter()
        .map(|(abs, rel)| read_one(abs, rel))
        .collect::<Result<_>>()?;
    for item in read {
        match item {
            Ok(file) => loaded.files.push(file),
            Err(diagnostic) => loaded.diagnostics.push(diagnostic),
        }
    }
    Ok(loaded)
}

fn read_one(abs: &Path, rel: &str) -> Result<Result<ContentFile, Diagnostic>> {
    let display = Path::new(CONTENT_DIR).join(rel);
    let bytes = crate::fs::read(abs)?;
    let text = match decode(bytes) {
        Ok(text) => text,
        Err(diagnostic) => return Ok(Err(diagnostic.with_path(display))),
    };
    let file_name = rel.rsplit('/').next().unwrap_or(rel);
    let base = file_name.strip_suffix(".md").unwrap_or(file_name);
    let (stem, lang_suffix) = match base.rsplit_once('.') {
        Some((stem, suffix)) if looks_like_language(suffix) && !stem.is_empty() => {
            (stem.to_string(), Some(suffix.to_string()))
        }
        _ => (base.to_string(), None),
    };
    Ok(Ok(ContentFile {
        source: Source::new(display, text),
        kind: Kind::from_section(rel.split('/').next().filter(|_| rel.contains('/'))),
        rel: rel.to_string(),
        stem,
        lang_suffix,
    }))
}

fn looks_like_language(s: &str) -> bool {
    (2..=3).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_lowercase())
}

/// UTF-8 text without a byte-order mark; invalid bytes are an error at
/// their line and column.
fn decode(mut bytes: Vec<u8>) -> Result<String, Diagnostic> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
        let rest_of_line = e.as_bytes()[valid..]
            .split(|&b| b == b'\n')
            .next()
            .unwrap_or_default();
        let source = Source::new(
            "",
            format!("{}{}", prefix, String::from_utf8_lossy(rest_of_line)),
        );
        source
            .error(valid..valid + 1, "the file is not valid UTF-8")
            .with_hint(
                "save the file as UTF-8 (it looks like another encoding, such as Windows-1252)",
            )
    })
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
        assert_eq!(decode(b"\xEF\xBB\xBF+++".to_vec()).unwrap(), "+++");
    }

    #[test]
    fn invalid_utf8_points_at_the_byte() {
        let d = decode(b"+++\ntitle = \"M\xFCller\"\n+++\n".to_vec()).unwrap_err();
        assert_eq!((d.line, d.column), (2, 11));
        assert_eq!(d.severity, Severity::Error);
        assert_eq!(d.line_text, "title = \"M\u{FFFD}ller\"");
    }
}
