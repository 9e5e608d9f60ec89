//! Stage 2: front matter into validated documents. Each file's TOML is read
//! strictly (see `schema`), checked against the config (channels, stages,
//! languages) and turned into a `Term`, `Touchpoint`, `Journey` or `Page`.
//! Checks that need all files at once (duplicate URLs) run at the end.
//! The markdown body is left for the `link` stage, which converts it once.

use std::collections::BTreeMap;
use std::ops::Range;

use rayon::prelude::*;
use serde::Deserialize;
use toml::Spanned;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::frontmatter;
use crate::load::{ContentFile, Loaded};
use crate::model::{Journey, Kind, Meta, Page, Persona, Term, Touchpoint};
use crate::schema::{self, Shape};
use crate::source::Source;

const COMMON: [(&str, Shape); 10] = [
    ("title", Shape::Value),
    ("description", Shape::Value),
    ("tags", Shape::Value),
    ("draft", Shape::Value),
    ("updated", Shape::Value),
    ("lang", Shape::Value),
    ("translation_key", Shape::Value),
    ("slug", Shape::Value),
    ("weight", Shape::Value),
    ("extra", Shape::Free),
];

const fn with<const N: usize, const M: usize>(
    extra: [(&'static str, Shape); M],
) -> [(&'static str, Shape); N] {
    let mut out = [("", Shape::Value); N];
    let mut i = 0;
    while i < COMMON.len() {
        out[i] = COMMON[i];
        i += 1;
    }
    let mut j = 0;
    while j < M {
        out[i + j] = extra[j];
        j += 1;
    }
    out
}

const TERM_KEYS: [(&str, Shape); 13] = with([
    ("aliases", Shape::Value),
    ("abbreviation", Shape::Value),
    ("related", Shape::Value),
]);
const TOUCHPOINT_KEYS: [(&str, Shape); 16] = with([
    ("channel", Shape::Value),
    ("stages", Shape::Value),
    ("owner", Shape::Value),
    ("kpis", Shape::Value),
    ("ownership", Shape::Value),
    ("terms", Shape::Value),
]);
const JOURNEY_KEYS: [(&str, Shape); 14] = with([
    ("persona", Shape::Value),
    ("state", Shape::Value),
    ("improves", Shape::Value),
    (
        "steps",
        Shape::Tables(&[
            ("stage", Shape::Value),
            ("touchpoint", Shape::Value),
            ("emotion", Shape::Value),
            ("note", Shape::Value),
            ("action", Shape::Value),
            ("thinking", Shape::Value),
            ("channel", Shape::Value),
            ("pain_points", Shape::Value),
            ("backstage", Shape::Value),
            // Strings are allowed beside tables; only tables have keys.
            (
                "opportunities",
                Shape::Tables(&[
                    ("title", Shape::Value),
                    ("owner", Shape::Value),
                    ("priority", Shape::Value),
                ]),
            ),
        ]),
    ),
]);
const PERSONA_KEYS: [(&str, Shape); 17] = with([
    ("aliases", Shape::Value),
    ("role", Shape::Value),
    ("goals", Shape::Value),
    ("needs", Shape::Value),
    ("frustrations", Shape::Value),
    ("quote", Shape::Value),
    ("image", Shape::Value),
]);

/// The site's own sections, in every language tree (`glossary/`, `en/tags/` …).
pub const SECTIONS: &[&str] = &[
    "glossary",
    "touchpoints",
    "journey",
    "journeys",
    "personas",
    "tags",
    "channels",
    "stages",
    "owners",
    "search",
    "opportunities",
];

/// Top-level URL segments the site itself uses besides its sections; a
/// page may take neither.
pub const RESERVED_FILES: &[&str] = &["assets", "404.html", "sitemap.xml", "robots.txt"];

#[derive(Deserialize)]
struct RawFrontMatter {
    title: Option<Spanned<String>>,
    description: Option<String>,
    tags: Option<Vec<String>>,
    draft: Option<bool>,
    updated: Option<Spanned<toml::Value>>,
    lang: Option<Spanned<String>>,
    translation_key: Option<String>,
    slug: Option<Spanned<String>>,
    weight: Option<i64>,
    #[serde(default)]
    extra: toml::Table,
    aliases: Option<Vec<String>>,
    abbreviation: Option<String>,
    related: Option<Vec<Spanned<String>>>,
    channel: Option<Spanned<String>>,
    stages: Option<Vec<Spanned<String>>>,
    owner: Option<String>,
    kpis: Option<Vec<String>>,
    ownership: Option<Spanned<String>>,
    terms: Option<Vec<Spanned<String>>>,
    persona: Option<Spanned<String>>,
    state: Option<Spanned<String>>,
    improves: Option<Spanned<String>>,
    steps: Option<Vec<RawStep>>,
    role: Option<String>,
    goals: Option<Vec<String>>,
    needs: Option<Vec<String>>,
    frustrations: Option<Vec<String>>,
    quote: Option<String>,
    image: Option<Spanned<String>>,
}

#[derive(Deserialize)]
struct RawStep {
    stage: Spanned<String>,
    touchpoint: Spanned<String>,
    emotion: Spanned<i64>,
    note: Option<String>,
    action: Option<String>,
    thinking: Option<String>,
    channel: Option<Spanned<String>>,
    pain_points: Option<Vec<Spanned<String>>>,
    backstage: Option<Vec<Spanned<String>>>,
    opportunities: Option<Vec<Spanned<RawOpportunity>>>,
}

/// An opportunity as written: a plain string or a table.
enum RawOpportunity {
    Text(String),
    Table {
        title: Option<Spanned<String>>,
        owner: Option<Spanned<String>>,
        priority: Option<Spanned<String>>,
    },
}

/// A validated document of any kind.
#[derive(Debug, Clone)]
pub enum Doc {
    Term(Term),
    Touchpoint(Touchpoint),
    Journey(Journey),
    Persona(Persona),
    Page(Page),
}

impl Doc {
    pub fn kind(&self) -> Kind {
        self.meta().kind
    }

    pub fn meta(&self) -> &Meta {
        match self {
            Doc::Term(t) => &t.meta,
            Doc::Touchpoint(t) => &t.meta,
            Doc::Journey(j) => &j.meta,
            Doc::Persona(p) => &p.meta,
            Doc::Page(p) => &p.meta,
        }
    }
}

/// The output of `parse`: every document of the site, validated.
#[derive(Debug)]
pub struct ParsedSite {
    pub config: Config,
    /// Every content file's text; documents point here by index.
    pub sources: Vec<Source>,
    /// Every published document, in file order (sorted by path).
    pub docs: Vec<Doc>,
    /// Non-markdown files of `content/`.
    pub assets: Vec<(std::path::PathBuf, String)>,
    pub diagnostics: Vec<Diagnostic>,
}

impl ParsedSite {
    /// Every document's common fields, in file order.
    pub fn metas(&self) -> impl Iterator<Item = &Meta> {
        self.docs.iter().map(Doc::meta)
    }
}

/// Parses every loaded file. Drafts are validated but left out unless
/// `drafts` is set.
pub fn parse(config: Config, loaded: Loaded, drafts: bool) -> ParsedSite {
    let Loaded {
        files,
        assets,
        mut diagnostics,
    } = loaded;
    let results: Vec<(Option<Doc>, Vec<Diagnostic>)> = files
        .par_iter()
        .enumerate()
        .map(|(index, file)| FileParser::new(&config, file, index).run())
        .collect();
    let mut site = ParsedSite {
        config,
        sources: Vec::with_capacity(files.len()),
        docs: Vec::new(),
        assets,
        diagnostics: Vec::new(),
    };
    for (doc, found) in results {
        diagnostics.extend(found);
        match doc {
            Some(doc) if drafts || !doc.meta().draft => site.docs.push(doc),
            _ => {}
        }
    }
    site.sources = files.into_iter().map(|f| f.source).collect();
    check_unique_urls(&site, &mut diagnostics);
    check_unique_translations(&site, &mut diagnostics);
    site.diagnostics = diagnostics;
    site
}

/// Parses one file on its own (for rebuilding after an edit): the
/// document, if it is valid, and the file's problems. `index` is the
/// position its source will have in `ParsedSite::sources`. Checks across
/// files (duplicate URLs) are not run.
pub fn parse_file(
    config: &Config,
    file: &ContentFile,
    index: usize,
) -> (Option<Doc>, Vec<Diagnostic>) {
    FileParser::new(config, file, index).run()
}

/// Two documents mapping to one URL is an error naming both.
fn check_unique_urls(site: &ParsedSite, diagnostics: &mut Vec<Diagnostic>) {
    let mut seen: BTreeMap<&str, &Meta> = BTreeMap::new();
    for meta in site.metas() {
        if let Some(first) = seen.insert(&meta.path, meta) {
            let source = &site.sources[meta.source];
            let other = &site.sources[first.source];
            diagnostics.push(
                source
                    .error(0..3, format!("two files map to the URL /{}", meta.path))
                    .with_hint(format!(
                        "{} has the same slug `{}`; set a different `slug` in one of them",
                        other.path().display(),
                        meta.slug
                    )),
            );
            seen.insert(&first.path, first);
        }
    }
}

/// Within one kind, one translation per language and `translation_key`.
fn check_unique_translations(site: &ParsedSite, diagnostics: &mut Vec<Diagnostic>) {
    let mut seen: BTreeMap<(Kind, &str, &str), &Meta> = BTreeMap::new();
    for meta in site.metas() {
        let key = (meta.kind, meta.lang.as_str(), meta.translation_key.as_str());
        if let Some(first) = seen.get(&key) {
            let source = &site.sources[meta.source];
            diagnostics.push(
                source
                    .error(
                        0..3,
                        format!(
                            "two `{}` pages share the translation_key `{}`",
                            meta.lang, meta.translation_key
                        ),
                    )
                    .with_hint(format!(
                        "{} has the same key; give each translation its own `translation_key`",
                        site.sources[first.source].path().display()
                    )),
            );
        } else {
            seen.insert(key, meta);
        }
    }
}

/// Parses one file; collects every problem it finds.
struct FileParser<'a> {
    config: &'a Config,
    file: &'a ContentFile,
    index: usize,
    /// Offset of the front matter in the file, added to TOML spans.
    offset: usize,
    diagnostics: Vec<Diagnostic>,
}

impl<'a> FileParser<'a> {
    fn new(config: &'a Config, file: &'a ContentFile, index: usize) -> Self {
        Self {
            config,
            file,
            index,
            offset: 0,
            diagnostics: Vec::new(),
        }
    }

    fn source(&self) -> &'a Source {
        &self.file.source
    }

    fn error(&mut self, span: Range<usize>, message: impl Into<String>, hint: impl Into<String>) {
        let span = self.offset + span.start..self.offset + span.end;
        self.diagnostics
            .push(self.source().error(span, message).with_hint(hint));
    }

    fn run(mut self) -> (Option<Doc>, Vec<Diagnostic>) {
        let doc = self.parse();
        (doc, self.diagnostics)
    }

    fn parse(&mut self) -> Option<Doc> {
        let text = &self.source().text;
        let split = match frontmatter::split(text) {
            Ok(split) => split,
            Err(e) => {
                let end = text.find('\n').unwrap_or(text.len()).min(3);
                self.error(0..end, e.message(), e.hint());
                return None;
            }
        };
        let keys: &[(&str, Shape)] = match self.file.kind {
            Kind::Term => &TERM_KEYS,
            Kind::Touchpoint => &TOUCHPOINT_KEYS,
            Kind::Journey => &JOURNEY_KEYS,
            Kind::Persona => &PERSONA_KEYS,
            Kind::Page => &COMMON,
        };
        let what = format!("{} front matter", self.file.kind.name());
        let raw: RawFrontMatter =
            match schema::parse(self.source(), split.front_matter.clone(), keys, &what) {
                Ok(raw) => raw,
                Err(found) => {
                    self.diagnostics.extend(found);
                    return None;
                }
            };
        self.offset = split.front_matter.start;
        let meta = self.meta(&raw, split.body)?;
        Some(match self.file.kind {
            Kind::Term => Doc::Term(self.term(meta, raw)),
            Kind::Touchpoint => Doc::Touchpoint(self.touchpoint(meta, raw)),
            Kind::Journey => Doc::Journey(self.journey(meta, raw)),
            Kind::Persona => Doc::Persona(self.persona(meta, raw)),
            Kind::Page => Doc::Page(Page { meta }),
        })
    }
}

mod fields;
pub(crate) use fields::is_calendar_day;
mod journey;
mod raw_opportunity;
