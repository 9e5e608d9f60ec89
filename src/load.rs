//! Stage 1: walk `content/` in sorted order and read every file. Markdown
//! files become `Source`s tagged with their kind and language suffix (only
//! a configured language is a suffix: `node.js.md` is the page `node.js`);
//! other files are assets copied as they are.

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
    /// The language suffix, if any (`en` for `crm.en.md`): a configured
    /// language only, so `node.js.md` has the stem `node.js` and none.
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

/// Reads `root/content`, sorted by path, files in parallel. `languages`
/// are the configured language codes, the only file-name suffixes taken
/// for a language.
pub fn load(root: &Path, languages: &[String]) -> Result<Loaded> {
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
        .map(|(abs, rel)| read_one(abs, rel, languages))
        .collect::<Result<_>>()?;
    for file in &mut loaded.files {
        loaded.diagnostics.extend(file.problem.take());
    }
    Ok(loaded)
}

/// Reads one markdown file of `root/content` by its path relative to
/// `content/` (`glossary/crm.md`).
pub fn read_file(root: &Path, rel: &str, languages: &[String]) -> Result<ContentFile> {
    read_one(&root.join(CONTENT_DIR).join(rel), rel, languages)
}

fn read_one(abs: &Path, rel: &str, languages: &[String]) -> Result<ContentFile> {
    Ok(from_bytes(rel, crate::fs::read(abs)?, languages))
}

/// A markdown file of `content/` from its bytes, as [`load`] reads it:
/// `rel` is its path relative to `content/` (`glossary/crm.en.md`).
pub fn from_bytes(rel: &str, bytes: Vec<u8>, languages: &[String]) -> ContentFile {
    let display = Path::new(CONTENT_DIR).join(rel);
    let (text, problem) = decode(bytes);
    let (stem, lang_suffix) = split_name(rel, languages);
    ContentFile {
        problem: problem.map(|d| d.with_path(display.clone())),
        source: Source::new(display, text),
        kind: Kind::from_section(rel.split('/').next().filter(|_| rel.contains('/'))),
        rel: rel.to_string(),
        stem: stem.to_string(),
        lang_suffix: lang_suffix.map(str::to_string),
    }
}

/// The file stem and the language suffix of a path below `content/`:
/// `glossary/crm.en.md` → (`crm`, `en`) when `en` is configured;
/// `glossary/node.js.md` → (`node.js`, none) unless `js` is.
pub fn split_name<'a>(rel: &'a str, languages: &[String]) -> (&'a str, Option<&'a str>) {
    let file_name = rel.rsplit('/').next().unwrap_or(rel);
    let base = file_name.strip_suffix(".md").unwrap_or(file_name);
    match base.rsplit_once('.') {
        Some((stem, suffix)) if !stem.is_empty() && languages.iter().any(|l| l == suffix) => {
            (stem, Some(suffix))
        }
        _ => (base, None),
    }
}

/// UTF-8 text without a byte-order mark. Invalid bytes are an error at
/// their line and column; the rest of the file is still read (with U+FFFD
/// in their place) so its other problems are reported in the same run.
fn decode(mut bytes: Vec<u8>) -> (String, Option<Diagnostic>) {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    // CommonMark replaces U+0000 with U+FFFD; so does every other use of
    // the text (front matter, search index, exports). Same length in lines
    // and characters, so positions stay right.
    if bytes.contains(&0) {
        bytes = replace_nul(&bytes);
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

/// `bytes` with every NUL byte replaced by U+FFFD in UTF-8.
fn replace_nul(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() + 16);
    for &b in bytes {
        match b {
            0 => out.extend_from_slice("\u{FFFD}".as_bytes()),
            b => out.push(b),
        }
    }
    out
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
    fn only_configured_languages_are_suffixes() {
        let languages = ["de".to_string(), "en".to_string()];
        for (rel, stem, suffix) in [
            ("glossary/crm.en.md", "crm", Some("en")),
            ("glossary/crm.de.md", "crm", Some("de")),
            ("glossary/node.js.md", "node.js", None),
            ("glossary/asp.net.md", "asp.net", None),
            ("glossary/web-2.0.md", "web-2.0", None),
            ("glossary/crm.fr.md", "crm.fr", None),
            ("glossary/.en.md", ".en", None),
            ("a.b.en.md", "a.b", Some("en")),
            ("guides/en.md", "en", None),
        ] {
            assert_eq!(split_name(rel, &languages), (stem, suffix), "{rel}");
        }
    }

    #[test]
    fn nul_becomes_a_replacement_character() {
        assert_eq!(
            decode(b"+++\n+++\na\0b\0".to_vec()),
            ("+++\n+++\na\u{FFFD}b\u{FFFD}".to_string(), None)
        );
    }

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
