//! Which pages the site has (`Job`s) and how each one's context is built.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::{Mutex, PoisonError};

use serde::Serialize;
use tera::{Context, Tera};

use super::context::*;
use super::lists::Lists;
use super::{Content, OutputFile};
use crate::config::Category;
use crate::diagnostic::Diagnostic;
use crate::link::{DocId, LinkedSite};
use crate::theme::Theme;

/// Listing pages that exist per language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Taxon {
    Tags,
    Channels,
    Stages,
    Owners,
}

impl Taxon {
    const ALL: [Taxon; 4] = [Taxon::Tags, Taxon::Channels, Taxon::Stages, Taxon::Owners];

    fn key(self) -> &'static str {
        match self {
            Taxon::Tags => "tags",
            Taxon::Channels => "channels",
            Taxon::Stages => "stages",
            Taxon::Owners => "owners",
        }
    }
}

/// One page to render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Job {
    Doc(DocId),
    Home(String),
    Glossary(String),
    Touchpoints(String),
    Matrix(String),
    Journeys(String),
    /// `/personas/`, on sites that have personas.
    Personas(String),
    Taxonomy(String, Taxon),
    /// A listing: language, kind of listing, slug or id.
    Listing(String, Taxon, String),
    /// The search page of a language (results come from `search.js`).
    Search(String),
    /// The opportunity backlog of a language, whole or cut to one owner
    /// or priority (by its id).
    Opportunities(String, Option<(Facet, String)>),
    NotFound,
}

/// Per-language values shared by all pages of that language.
struct LangData {
    /// The [`Shared`] variables as template values, lent to one page at a
    /// time.
    shared: SharedPool,
    raw: BTreeMap<String, String>,
    home: String,
}

/// A language's [`Shared`] variables (`t`, `site`, `brand` …) as
/// template values. A page borrows them, adds its own variables, and gives
/// them back once rendered, so the shared values are made once per thread
/// instead of once per page; only `nav` is changed, to mark the page's
/// section.
struct SharedPool {
    values: tera::Map<String, tera::Value>,
    /// The section of each `nav` item.
    nav_sections: Vec<&'static str>,
    spare: std::sync::Mutex<Vec<tera::Map<String, tera::Value>>>,
}

impl SharedPool {
    fn new(shared: &Shared<'_>, nav_sections: Vec<&'static str>) -> Self {
        let tera::Value::Object(values) = tera::to_value(shared).expect("shared values serialise")
        else {
            unreachable!("a struct serialises to a map")
        };
        Self {
            values,
            nav_sections,
            spare: std::sync::Mutex::new(Vec::new()),
        }
    }

    /// A context holding only the shared variables, with `nav` marking
    /// `section` as the current one.
    fn lend(&self, section: &str) -> Context {
        let spare = self.spare.lock().map(|mut s| s.pop()).unwrap_or(None);
        let mut values = spare.unwrap_or_else(|| self.values.clone());
        if let Some(tera::Value::Array(items)) = values.get_mut("nav") {
            for (item, own) in items.iter_mut().zip(&self.nav_sections) {
                if let Some(active) = item.get_mut("active") {
                    *active = tera::Value::Bool(*own == section);
                }
            }
        }
        Context::from_value(tera::Value::Object(values)).expect("a map is an object")
    }

    /// Takes the shared variables back from a context made by
    /// [`SharedPool::lend`]; the page's own variables are dropped.
    fn give_back(&self, mut context: Context) {
        let mut values = tera::Map::new();
        for name in Shared::NAMES {
            if let Some(value) = context.remove(name) {
                values.insert(name.to_string(), value);
            }
        }
        if let Ok(mut spare) = self.spare.lock() {
            spare.push(values);
        }
    }
}

pub struct Renderer<'a> {
    site: &'a LinkedSite,
    tera: &'a Tera,
    theme: &'a Theme,
    lists: Lists,
    langs: BTreeMap<String, LangData>,
    info: SiteInfo,
    /// Whether the site has personas (and so `/personas/`).
    has_personas: bool,
    /// Whether the site has journeys (and so `/opportunities/`).
    has_journeys: bool,
    /// Per language, its whole backlog once a backlog page needed it.
    backlogs: BTreeMap<String, std::sync::OnceLock<opportunities_ctx::BacklogRows<'a>>>,
    /// The documents' converted bodies, when the site handed them over.
    bodies: Option<Vec<Mutex<String>>>,
}

impl<'a> Renderer<'a> {
    pub fn new(site: &'a LinkedSite, theme: &'a Theme, tera: &'a Tera) -> Self {
        let config = &site.config;
        let base = &config.base_url.path;
        let info = SiteInfo {
            title: config.title.clone(),
            base_url: config.base_url.full.clone(),
            base_path: base.clone(),
            default_language: config.default_language.clone(),
            languages: config.languages.clone(),
            extra: config.extra.clone(),
        };
        let assets = format!("{base}assets/");
        let has_personas = site
            .docs
            .iter()
            .any(|d| d.kind() == crate::model::Kind::Persona);
        let has_journeys = site
            .docs
            .iter()
            .any(|d| d.kind() == crate::model::Kind::Journey);
        let langs = config
            .languages
            .iter()
            .map(|lang| {
                let raw = theme.strings_for(lang);
                let home = format!("{base}{}", lang_prefix(config, lang));
                let sections = nav_sections(has_personas, has_journeys);
                let nav: Vec<NavItem> = sections
                    .iter()
                    .map(|(key, section)| NavItem {
                        label: raw.get(*key).cloned().unwrap_or_else(|| key.to_string()),
                        url: format!("{home}{section}/"),
                        active: false,
                    })
                    .collect();
                let shared = SharedPool::new(
                    &Shared {
                        site: &info,
                        brand: &head_ctx::brand_view(config, theme, lang),
                        lang,
                        home_url: &home,
                        assets: &assets,
                        nav: &nav,
                        t: &raw,
                    },
                    sections.into_iter().map(|(_, section)| section).collect(),
                );
                (lang.clone(), LangData { shared, raw, home })
            })
            .collect();
        Self {
            site,
            tera,
            theme,
            lists: Lists::new(site),
            langs,
            info,
            backlogs: config
                .languages
                .iter()
                .map(|lang| (lang.clone(), std::sync::OnceLock::new()))
                .collect(),
            has_personas,
            has_journeys,
            bodies: None,
        }
    }

    /// Renders from `bodies` (the converted body of each document, by id)
    /// instead of the site's, letting each go once its page is rendered.
    /// For a site rendered once ([`LinkedSite::release_for_rendering`]).
    pub fn with_bodies(mut self, bodies: Vec<String>) -> Self {
        self.bodies = Some(bodies.into_iter().map(Mutex::new).collect());
        self
    }

    /// The derived lists (display order, reverse references), for the
    /// export files.
    pub fn lists(&self) -> &Lists {
        &self.lists
    }

    fn lang(&self, lang: &str) -> &LangData {
        self.langs
            .get(lang)
            .unwrap_or_else(|| &self.langs[&self.site.config.default_language])
    }

    fn t(&self, lang: &str, key: &str) -> String {
        self.lang(lang)
            .raw
            .get(key)
            .cloned()
            .unwrap_or_else(|| key.to_string())
    }

    /// The variables of a job's page every template gets; `name` is what a
    /// listing or backlog cut is of, and `body` a document's converted
    /// body, for its description.
    fn common(
        &self,
        job: &Job,
        page_title: String,
        name: &str,
        has_code: bool,
        body: &str,
    ) -> Common {
        let lang = self.job_lang(job);
        let path = self.path(job);
        let alternates = self.alternates(job);
        let x_default = if alternates.is_empty() {
            String::new()
        } else {
            let default = &self.site.config.default_language;
            alternates
                .iter()
                .find(|a| a.lang == *default)
                .map_or_else(|| alternates[0].url.clone(), |a| a.url.clone())
        };
        let languages = self
            .site
            .config
            .languages
            .iter()
            .map(|l| LanguageLink {
                lang: l.clone(),
                label: self.t(l, "language_name"),
                url: self
                    .in_language(job, l)
                    .map_or_else(|| self.lang(l).home.clone(), |j| self.url(&self.path(&j))),
                current: l == lang,
            })
            .collect();
        // The 404 page is served at any address: it has no URL of its own.
        let canonical = match job {
            Job::NotFound => String::new(),
            _ => self.full_url(&path),
        };
        Common {
            languages,
            alternates,
            x_default,
            canonical,
            page_title,
            description: self.description(job, name, body),
            has_code,
        }
    }

    /// The section of the site a job's page is in, which `nav` marks.
    fn section(&self, job: &Job) -> &'static str {
        match job {
            Job::Doc(id) => self.site.docs[*id].kind().section(),
            Job::Glossary(_) => "glossary",
            Job::Touchpoints(_) => "touchpoints",
            Job::Matrix(_) => "journey",
            Job::Journeys(_) => "journeys",
            Job::Personas(_) => "personas",
            Job::Opportunities(..) => "opportunities",
            _ => "",
        }
    }

    /// Renders one page into an output file.
    pub fn render(&self, job: &Job) -> Result<OutputFile, Diagnostic> {
        let body = self.body(job);
        let (template, page) = self.context(job, &body);
        debug_assert!(
            Shared::NAMES.iter().all(|name| !page.contains_key(name)),
            "a page's own variables never hide the shared ones"
        );
        let shared = &self.lang(self.job_lang(job)).shared;
        let mut context = shared.lend(self.section(job));
        context.extend(page);
        // Rendered straight into the file's bytes: tera's own `render`
        // starts from a small buffer and checks the UTF-8 it wrote.
        // Room for the body and about 24 KB of navigation, links and
        // metadata, so that most pages never grow their buffer.
        let mut html = Vec::with_capacity(body.len() * 2 + 24 * 1024);
        let rendered = self.tera.render_to(template, &context, &mut html);
        shared.give_back(context);
        rendered.map_err(|e| super::templates::error(self.theme, template, &e))?;
        Ok(OutputFile {
            path: self.file_path(job),
            content: Content::Bytes(html),
        })
    }

    /// The converted body of a document's page: taken from the bodies
    /// handed over ([`Renderer::with_bodies`]), so that it goes once its
    /// page is written, or else borrowed from the site.
    fn body(&self, job: &Job) -> Cow<'_, str> {
        let Job::Doc(id) = job else {
            return Cow::Borrowed("");
        };
        match &self.bodies {
            Some(bodies) => {
                let mut body = bodies[*id].lock().unwrap_or_else(PoisonError::into_inner);
                Cow::Owned(std::mem::take(&mut *body))
            }
            None => Cow::Borrowed(&self.site.rendered[*id].html),
        }
    }

    /// The template of a job's page and its own variables (the
    /// [`Shared`] ones aside).
    fn context(&self, job: &Job, body: &str) -> (&'static str, Context) {
        let lang = self.job_lang(job);
        let mut ctx;
        let template = match job {
            Job::Doc(id) => {
                let (template, page) = self.page_view(*id, body);
                let meta = self.site.docs[*id].meta();
                let has_code = self.site.rendered[*id].has_code;
                let common = self.common(job, meta.title.clone(), "", has_code, body);
                ctx = context_of(&common);
                ctx.insert("page", &page);
                if template == "term.html" {
                    ctx.insert("jsonld", &self.term_jsonld(*id));
                }
                template
            }
            Job::Home(_) => {
                ctx = self.titled(job, "home_title");
                ctx.insert("counts", &self.counts(lang));
                ctx.insert("stages", &self.stage_counts(lang));
                ctx.insert("recent", &self.recent(lang));
                let matrix = self.matrix(lang);
                ctx.insert("gaps", &matrix.gaps);
                "index.html"
            }
            Job::Glossary(_) => {
                ctx = self.titled(job, "glossary_title");
                ctx.insert("letters", &self.letters(lang));
                ctx.insert("jsonld", &self.glossary_jsonld(lang));
                "glossary.html"
            }
            Job::Touchpoints(_) => {
                ctx = self.titled(job, "touchpoints_title");
                self.insert_catalogue(&mut ctx, lang);
                "touchpoints.html"
            }
            Job::Matrix(_) => {
                ctx = self.titled(job, "matrix_title");
                ctx.insert("matrix", &self.matrix(lang));
                "journey-matrix.html"
            }
            Job::Journeys(_) => {
                ctx = self.titled(job, "journeys_title");
                ctx.insert("journeys", &self.journey_entries(lang));
                "journeys.html"
            }
            Job::Personas(_) => {
                ctx = self.titled(job, "personas_title");
                ctx.insert("personas", &self.persona_entries(lang));
                "personas.html"
            }
            Job::Taxonomy(_, taxon) => {
                ctx = self.titled(job, taxon.key());
                ctx.insert("taxonomy", &self.taxonomy(lang, *taxon));
                "taxonomy.html"
            }
            Job::Listing(_, taxon, key) => {
                let listing = self.listing(lang, *taxon, key);
                ctx = context_of(&self.common(job, listing.name.clone(), &listing.name, false, ""));
                ctx.insert("listing", &listing);
                "listing.html"
            }
            Job::Search(_) => {
                ctx = self.titled(job, "search_title");
                let config = &self.site.config;
                let labels = |list: &[Category], taxon| -> Vec<Label> {
                    list.iter().map(|c| self.label(c, lang, taxon)).collect()
                };
                ctx.insert("channels", &labels(&config.channels, Taxon::Channels));
                ctx.insert("stages", &labels(&config.stages, Taxon::Stages));
                "search.html"
            }
            Job::Opportunities(_, cut) => {
                let backlog = self.backlog(lang, cut.as_ref().map(|(f, id)| (*f, id.as_str())));
                let title = match &backlog.cut {
                    Some(cut) => format!(
                        "{} – {}: {}",
                        self.t(lang, "opportunities_title"),
                        self.t(lang, cut.kind),
                        cut.label
                    ),
                    None => self.t(lang, "opportunities_title"),
                };
                let name = backlog.cut.as_ref().map_or("", |cut| cut.label.as_str());
                ctx = context_of(&self.common(job, title, name, false, ""));
                ctx.insert("opportunities", &backlog);
                "opportunities.html"
            }
            Job::NotFound => {
                ctx = self.titled(job, "page_not_found");
                "404.html"
            }
        };
        (template, ctx)
    }

    fn titled(&self, job: &Job, key: &str) -> Context {
        let lang = self.job_lang(job);
        context_of(&self.common(job, self.t(lang, key), "", false, ""))
    }
}

mod catalogue_ctx;
mod doc_ctx;
mod head_ctx;
mod jobs;
mod journey_compare_ctx;
pub(super) use head_ctx::THEME_FAVICONS;
mod journey_ctx;
mod lists_ctx;
mod opportunities_ctx;

pub use opportunities_ctx::Facet;

/// The site-relative prefix of a language's tree: `` or `en/`.
pub fn lang_prefix(config: &crate::config::Config, lang: &str) -> String {
    if lang == config.default_language {
        String::new()
    } else {
        format!("{lang}/")
    }
}

/// The sections of the header navigation, each with the UI string of its
/// label: personas on sites that have personas, the opportunity backlog on
/// sites with journeys.
fn nav_sections(has_personas: bool, has_journeys: bool) -> Vec<(&'static str, &'static str)> {
    [
        ("nav_glossary", "glossary"),
        ("nav_touchpoints", "touchpoints"),
        ("nav_journey", "journey"),
        ("nav_journeys", "journeys"),
        ("nav_personas", "personas"),
        ("nav_opportunities", "opportunities"),
    ]
    .into_iter()
    .filter(|(_, s)| match *s {
        "personas" => has_personas,
        "opportunities" => has_journeys,
        _ => true,
    })
    .collect()
}

fn context_of<T: Serialize>(value: &T) -> Context {
    Context::from_serialize(value).expect("context structs serialise to a map")
}
