//! The theme: templates, static files and UI strings. The built-in default
//! theme is embedded in the binary; a site's `themes/<name>/` and its own
//! `templates/` override it file by file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::diagnostic::Diagnostic;
use crate::source::Source;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/theme.rs"));
}

/// Where a theme file comes from, for error messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    BuiltIn,
    File(PathBuf),
}

/// A template's text and where it was found.
#[derive(Debug, Clone)]
pub struct Template {
    pub text: String,
    /// Path shown in diagnostics (`templates/term.html`, or the built-in path).
    pub display: PathBuf,
}

/// A static file to copy into the output.
#[derive(Debug, Clone)]
pub enum StaticFile {
    BuiltIn(&'static [u8]),
    File(PathBuf),
}

/// Everything the render stage takes from the theme.
#[derive(Debug, Default, Clone)]
pub struct Theme {
    /// Template name (`term.html`) → template.
    pub templates: BTreeMap<String, Template>,
    /// Output path (`assets/style.css`) → file.
    pub statics: BTreeMap<String, StaticFile>,
    /// Language → UI string key → text.
    pub strings: BTreeMap<String, BTreeMap<String, String>>,
}

/// Files of the built-in default theme (path relative to the theme folder).
pub fn builtin_files() -> &'static [(&'static str, &'static [u8])] {
    embedded::THEME_FILES
}

impl Theme {
    /// Loads the built-in theme, then `root/themes/<name>/`, then
    /// `root/templates/` and `root/static/` on top. UI strings are merged
    /// key by key, so an override file may hold only the strings it changes.
    pub fn load(root: &Path, name: &str) -> Result<(Self, Vec<Diagnostic>)> {
        let mut theme = Theme::default();
        let mut diagnostics = Vec::new();
        for (path, bytes) in builtin_files() {
            let display = PathBuf::from("themes/default").join(path);
            theme.add(path, Origin::BuiltIn, bytes, &display, &mut diagnostics);
        }
        let dirs = [
            (
                root.join("themes").join(name),
                PathBuf::from("themes").join(name),
            ),
            (root.to_path_buf(), PathBuf::new()),
        ];
        for (dir, display_dir) in dirs {
            for part in ["templates", "static", "i18n"] {
                for (abs, rel) in crate::fs::walk_files(&dir.join(part))? {
                    let rel = format!("{part}/{}", rel.to_string_lossy().replace('\\', "/"));
                    let bytes = if part == "static" {
                        Vec::new()
                    } else {
                        crate::fs::read(&abs)?
                    };
                    theme.add(
                        &rel,
                        Origin::File(abs),
                        &bytes,
                        &display_dir.join(&rel),
                        &mut diagnostics,
                    );
                }
            }
        }
        Ok((theme, diagnostics))
    }

    fn add(
        &mut self,
        rel: &str,
        origin: Origin,
        bytes: &[u8],
        display: &Path,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        let Some((part, name)) = rel.split_once('/') else {
            return;
        };
        match part {
            "templates" => match std::str::from_utf8(bytes) {
                Ok(text) => {
                    let template = Template {
                        // No NUL byte reaches a page (see `load`).
                        text: text.replace('\0', "\u{FFFD}"),
                        display: display.to_path_buf(),
                    };
                    self.templates.insert(name.to_string(), template);
                }
                Err(_) => diagnostics.push(Diagnostic::file(
                    display,
                    crate::Severity::Error,
                    "the template is not valid UTF-8",
                )),
            },
            "static" => {
                let file = match origin {
                    Origin::BuiltIn => StaticFile::BuiltIn(builtin_bytes(rel)),
                    Origin::File(path) => StaticFile::File(path),
                };
                self.statics.insert(name.to_string(), file);
            }
            "i18n" => {
                let Some(lang) = name.strip_suffix(".toml") else {
                    return;
                };
                let text = String::from_utf8_lossy(bytes).into_owned();
                let source = Source::new(display, text);
                match toml::from_str::<BTreeMap<String, String>>(&source.text) {
                    Ok(strings) => self.strings.entry(lang.to_string()).or_default().extend(
                        strings
                            .into_iter()
                            .map(|(k, v)| (k, v.replace('\0', "\u{FFFD}"))),
                    ),
                    Err(e) => diagnostics.push(
                        source
                            .error(
                                e.span().unwrap_or(0..0),
                                format!("invalid UI strings: {}", e.message()),
                            )
                            .with_hint("the file holds `key = \"text\"` lines only"),
                    ),
                }
            }
            _ => {}
        }
    }

    /// The fixed `id="…"` values the templates use (`main`, `backlinks` …):
    /// heading ids in content must not repeat them.
    pub fn reserved_ids(&self) -> std::collections::HashSet<String> {
        let mut ids = std::collections::HashSet::new();
        for template in self.templates.values() {
            for (start, _) in template.text.match_indices("id=\"") {
                let rest = &template.text[start + 4..];
                let Some(end) = rest.find('"') else { continue };
                let id = &rest[..end];
                if !id.is_empty() && !id.contains(['{', '}', '%', ' ']) {
                    ids.insert(id.to_string());
                }
            }
        }
        ids
    }

    /// The UI strings for `lang`: English strings under the language's own,
    /// so a language the theme does not translate still gets every key.
    pub fn strings_for(&self, lang: &str) -> BTreeMap<String, String> {
        let mut strings = self.strings.get("en").cloned().unwrap_or_default();
        if let Some(own) = self.strings.get(lang) {
            strings.extend(own.clone());
        }
        strings
    }
}

fn builtin_bytes(rel: &str) -> &'static [u8] {
    builtin_files()
        .iter()
        .find(|(p, _)| *p == rel)
        .map_or(&[], |(_, b)| *b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_theme_has_templates_strings_and_styles() {
        let dir = std::env::temp_dir().join("touchbase-theme-test-empty");
        let (theme, diagnostics) = Theme::load(&dir, "default").unwrap();
        assert!(diagnostics.is_empty());
        for name in ["base.html", "term.html", "glossary.html", "404.html"] {
            assert!(theme.templates.contains_key(name), "{name}");
        }
        assert!(theme.statics.contains_key("assets/style.css"));
        assert_eq!(theme.strings_for("de")["nav_glossary"], "Glossar");
        assert_eq!(theme.strings_for("fr")["nav_glossary"], "Glossary");
    }
}
