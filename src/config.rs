//! The site configuration, `touchbase.toml`: read strictly (unknown keys are
//! errors with a hint) into a `RawConfig`, then validated once into `Config`.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::Diagnostic;
use crate::schema::{self, Shape};
use crate::source::Source;

pub const CONFIG_FILE: &str = "touchbase.toml";

const LABEL_KEYS: &[(&str, Shape)] = &[("id", Shape::Value), ("label", Shape::Free)];
const KEYS: &[(&str, Shape)] = &[
    ("title", Shape::Value),
    ("base_url", Shape::Value),
    ("default_language", Shape::Value),
    ("languages", Shape::Value),
    ("output_dir", Shape::Value),
    ("theme", Shape::Value),
    (
        "autolink",
        Shape::Table(&[("enabled", Shape::Value), ("first_only", Shape::Value)]),
    ),
    ("links", Shape::Table(&[("broken", Shape::Value)])),
    ("brand", Shape::Table(crate::brand::KEYS)),
    ("stages", Shape::Tables(LABEL_KEYS)),
    ("channels", Shape::Tables(LABEL_KEYS)),
    ("extra", Shape::Free),
];

#[derive(Deserialize)]
struct RawConfig {
    title: Option<Spanned<String>>,
    base_url: Option<Spanned<String>>,
    default_language: Option<Spanned<String>>,
    languages: Option<Spanned<Vec<Spanned<String>>>>,
    output_dir: Option<String>,
    theme: Option<String>,
    #[serde(default)]
    autolink: RawAutolink,
    #[serde(default)]
    links: RawLinks,
    #[serde(default)]
    brand: crate::brand::RawBrand,
    stages: Option<Vec<RawCategory>>,
    channels: Option<Vec<RawCategory>>,
    #[serde(default)]
    extra: toml::Table,
}

#[derive(Deserialize, Default)]
struct RawAutolink {
    enabled: Option<bool>,
    first_only: Option<bool>,
}

#[derive(Deserialize, Default)]
struct RawLinks {
    broken: Option<Spanned<String>>,
}

#[derive(Deserialize)]
struct RawCategory {
    id: Spanned<String>,
    label: Option<Spanned<RawLabel>>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawLabel {
    One(String),
    PerLanguage(BTreeMap<String, String>),
}

/// The validated site configuration.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Config {
    pub title: String,
    pub base_url: BaseUrl,
    pub default_language: String,
    /// All languages, the default one first.
    pub languages: Vec<String>,
    pub output_dir: PathBuf,
    pub theme: String,
    pub autolink: Autolink,
    /// How a link to nothing is reported: an error (default) or a warning.
    pub broken_links: crate::diagnostic::Severity,
    pub stages: Vec<Category>,
    pub channels: Vec<Category>,
    /// `[brand]`: logo, favicon, accent colour, footer links.
    pub brand: crate::brand::Brand,
    pub extra: toml::Table,
}

#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct Autolink {
    pub enabled: bool,
    pub first_only: bool,
}

/// A stage or a channel: an id and its label per language.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Category {
    pub id: String,
    pub labels: BTreeMap<String, String>,
}

impl Category {
    /// The label in `lang`, else in the default language, else the one
    /// label given for all languages, else the id.
    pub fn label<'a>(&'a self, lang: &str, default_language: &str) -> &'a str {
        self.labels
            .get(lang)
            .or_else(|| self.labels.get(default_language))
            .or_else(|| self.labels.get(""))
            .map_or(&self.id, String::as_str)
    }
}

/// `base_url` split into the full URL and its path, both ending in `/`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct BaseUrl {
    /// `https://example.com/kb/`
    pub full: String,
    /// `/kb/`
    pub path: String,
}

impl BaseUrl {
    /// Parses an absolute `http(s)://` URL; a missing trailing slash is added.
    pub fn parse(url: &str) -> Result<Self, String> {
        let url = url.trim();
        let Some((scheme, rest)) = url.split_once("://") else {
            return Err(format!("`{url}` is not an absolute URL"));
        };
        if scheme != "http" && scheme != "https" {
            return Err(format!("`{url}` must start with http:// or https://"));
        }
        let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
        if host.is_empty() || url.contains(['?', '#', ' ', '"', '<', '>']) {
            return Err(format!("`{url}` is not a valid base URL"));
        }
        let mut path = if path.is_empty() {
            "/".to_string()
        } else {
            path.to_string()
        };
        if !path.ends_with('/') {
            path.push('/');
        }
        Ok(Self {
            full: format!("{scheme}://{host}{path}"),
            path,
        })
    }
}

fn default_stages() -> Vec<Category> {
    categories(&[
        ("awareness", "Bewusstsein", "Awareness"),
        ("consideration", "Abwägung", "Consideration"),
        ("purchase", "Kauf", "Purchase"),
        ("onboarding", "Onboarding", "Onboarding"),
        ("usage", "Nutzung", "Usage"),
        ("loyalty", "Bindung", "Loyalty"),
        ("advocacy", "Weiterempfehlung", "Advocacy"),
    ])
}

fn default_channels() -> Vec<Category> {
    categories(&[
        ("online", "Online-Präsenz", "Online presence"),
        ("offline", "Offline-Kanäle", "Offline channels"),
        ("service", "Kundenservice", "Customer service"),
        ("after-purchase", "Nach dem Kauf", "After purchase"),
    ])
}

fn categories(list: &[(&str, &str, &str)]) -> Vec<Category> {
    list.iter()
        .map(|(id, de, en)| Category {
            id: id.to_string(),
            labels: BTreeMap::from([("de".into(), de.to_string()), ("en".into(), en.to_string())]),
        })
        .collect()
}

fn valid_language(code: &str) -> bool {
    let mut parts = code.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_lowercase())
        && parts
            .all(|p| !p.is_empty() && p.len() <= 8 && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

impl Config {
    /// Parses and validates the text of `touchbase.toml`.
    pub fn parse(source: &Source) -> Result<Self, Vec<Diagnostic>> {
        let raw: RawConfig = schema::parse(source, 0..source.text.len(), KEYS, CONFIG_FILE)?;
        Validator {
            source,
            diagnostics: Vec::new(),
        }
        .validate(raw)
    }
}

struct Validator<'a> {
    source: &'a Source,
    diagnostics: Vec<Diagnostic>,
}

impl Validator<'_> {
    fn error(&mut self, span: std::ops::Range<usize>, message: String, hint: &str) {
        self.diagnostics
            .push(self.source.error(span, message).with_hint(hint));
    }

    fn validate(mut self, raw: RawConfig) -> Result<Config, Vec<Diagnostic>> {
        let RawConfig {
            title,
            base_url,
            default_language,
            languages,
            output_dir,
            theme,
            autolink,
            links,
            brand,
            stages,
            channels,
            extra,
        } = raw;
        let title = match title {
            Some(t) if !t.get_ref().trim().is_empty() => t.into_inner(),
            Some(t) => {
                self.error(t.span(), "`title` is empty".into(), "give the site a name");
                String::new()
            }
            None => {
                self.error(
                    0..0,
                    "`title` is missing".into(),
                    "add `title = \"My knowledge base\"`",
                );
                String::new()
            }
        };
        let base_url = match base_url {
            Some(url) => BaseUrl::parse(url.get_ref()).unwrap_or_else(|message| {
                self.error(
                    url.span(),
                    message,
                    "use the address the site is published at, like \"https://example.com/kb/\"",
                );
                BaseUrl::parse("http://localhost/").expect("valid fallback")
            }),
            None => {
                self.error(
                    0..0,
                    "`base_url` is missing".into(),
                    "add `base_url = \"https://example.com/\"`",
                );
                BaseUrl::parse("http://localhost/").expect("valid fallback")
            }
        };
        let (default_language, languages) = self.languages(default_language, languages);
        let broken_links = match links.broken {
            None => crate::diagnostic::Severity::Error,
            Some(b) => match b.get_ref().as_str() {
                "error" => crate::diagnostic::Severity::Error,
                "warning" => crate::diagnostic::Severity::Warning,
                other => {
                    self.error(
                        b.span(),
                        format!("`links.broken` cannot be `{other}`"),
                        "use \"error\" or \"warning\"",
                    );
                    crate::diagnostic::Severity::Error
                }
            },
        };
        let stages = self
            .categories(stages, "stage")
            .unwrap_or_else(default_stages);
        let channels = self
            .categories(channels, "channel")
            .unwrap_or_else(default_channels);
        let brand = crate::brand::validate(brand, self.source, &languages, &mut self.diagnostics);
        if !self.diagnostics.is_empty() {
            return Err(self.diagnostics);
        }
        Ok(Config {
            title,
            base_url,
            default_language,
            languages,
            output_dir: PathBuf::from(output_dir.unwrap_or_else(|| "public".into())),
            theme: theme.unwrap_or_else(|| "default".into()),
            autolink: Autolink {
                enabled: autolink.enabled.unwrap_or(true),
                first_only: autolink.first_only.unwrap_or(true),
            },
            broken_links,
            stages,
            channels,
            brand,
            extra,
        })
    }

    fn languages(
        &mut self,
        default: Option<Spanned<String>>,
        languages: Option<Spanned<Vec<Spanned<String>>>>,
    ) -> (String, Vec<String>) {
        let hint = "use a lowercase language code such as \"de\" or \"en\"";
        let mut list: Vec<String> = Vec::new();
        for code in languages.iter().flat_map(|l| l.get_ref()) {
            if !valid_language(code.get_ref()) {
                self.error(
                    code.span(),
                    format!("`{}` is not a language code", code.get_ref()),
                    hint,
                );
            } else if list.contains(code.get_ref()) {
                self.error(
                    code.span(),
                    format!("language `{}` is listed twice", code.get_ref()),
                    "list each language once",
                );
            } else {
                list.push(code.get_ref().clone());
            }
        }
        let default_code = match &default {
            Some(d) => d.get_ref().clone(),
            None => list.first().cloned().unwrap_or_else(|| "de".into()),
        };
        if let Some(d) = &default {
            if !valid_language(d.get_ref()) {
                self.error(
                    d.span(),
                    format!("`{}` is not a language code", d.get_ref()),
                    hint,
                );
            } else if languages.is_some() && !list.contains(d.get_ref()) {
                self.error(
                    d.span(),
                    format!("default language `{}` is not in `languages`", d.get_ref()),
                    "add it to `languages`",
                );
            }
        }
        list.retain(|l| *l != default_code);
        list.insert(0, default_code.clone());
        (default_code, list)
    }

    fn categories(&mut self, raw: Option<Vec<RawCategory>>, what: &str) -> Option<Vec<Category>> {
        let raw = raw?;
        let mut out: Vec<Category> = Vec::new();
        for item in raw {
            let id = item.id.get_ref();
            if id.is_empty() || crate::slug::slugify(id) != *id {
                self.error(
                    item.id.span(),
                    format!("{what} id `{id}` is not a slug"),
                    &format!(
                        "use lowercase letters, digits and `-`, like \"{}\"",
                        crate::slug::slugify(id)
                    ),
                );
            } else if out.iter().any(|c| c.id == *id) {
                self.error(
                    item.id.span(),
                    format!("{what} `{id}` is defined twice"),
                    "give every entry its own id",
                );
            }
            let labels = match item.label.map(Spanned::into_inner) {
                Some(RawLabel::One(label)) => BTreeMap::from([(String::new(), label)]),
                Some(RawLabel::PerLanguage(map)) => map,
                None => BTreeMap::new(),
            };
            out.push(Category {
                id: id.clone(),
                labels,
            });
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, Vec<Diagnostic>> {
        Config::parse(&Source::new(CONFIG_FILE, text.to_string()))
    }

    #[test]
    fn minimal_config_gets_defaults() {
        let c = parse("title = \"KB\"\nbase_url = \"https://example.com/kb\"\n").unwrap();
        assert_eq!(c.base_url.full, "https://example.com/kb/");
        assert_eq!(c.base_url.path, "/kb/");
        assert_eq!(c.languages, ["de"]);
        let ids = |list: &[Category]| list.iter().map(|s| s.id.clone()).collect::<Vec<_>>();
        assert_eq!(
            ids(&c.stages),
            [
                "awareness",
                "consideration",
                "purchase",
                "onboarding",
                "usage",
                "loyalty",
                "advocacy"
            ]
        );
        assert_eq!(
            ids(&c.channels),
            ["online", "offline", "service", "after-purchase"]
        );
        assert_eq!(c.channels[0].label("en", "de"), "Online presence");
        assert!(c.autolink.enabled && c.autolink.first_only);
    }

    #[test]
    fn unknown_keys_all_reported_with_hints() {
        let errors =
            parse("titel = \"KB\"\nbase_url = \"https://e.com/\"\n[autolink]\nfirst_olny = true\n")
                .unwrap_err();
        let lines: Vec<_> = errors
            .iter()
            .map(|d| (d.line, d.column, d.hint.clone().unwrap()))
            .collect();
        assert_eq!(
            lines,
            [
                (1, 1, "did you mean \"title\"?".to_string()),
                (4, 1, "did you mean \"first_only\"?".to_string())
            ]
        );
    }

    #[test]
    fn validation_errors() {
        let errors = parse(
            "title = \"KB\"\nbase_url = \"ftp://x\"\ndefault_language = \"fr\"\nlanguages = [\"de\", \"EN\"]\n[[stages]]\nid = \"Awareness\"\n",
        )
        .unwrap_err();
        let messages: Vec<_> = errors
            .iter()
            .map(|d| (d.line, d.message.as_str()))
            .collect();
        assert_eq!(
            messages,
            [
                (2, "`ftp://x` must start with http:// or https://"),
                (4, "`EN` is not a language code"),
                (3, "default language `fr` is not in `languages`"),
                (6, "stage id `Awareness` is not a slug"),
            ]
        );
    }

    #[test]
    fn single_string_label_applies_to_every_language() {
        let c = parse("title = \"KB\"\nbase_url = \"https://e.com/\"\n[[channels]]\nid = \"web\"\nlabel = \"Web\"\n").unwrap();
        assert_eq!(c.channels[0].label("en", "de"), "Web");
    }
}
