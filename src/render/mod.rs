//! Stage 4: templates → output files. Every page of every language is
//! rendered in parallel from the `LinkedSite`; the result is a plain list
//! of files for `write` (the only stage that touches the output folder).

pub mod backlog;
pub mod context;
pub mod emotion;
pub mod emotion_compare;
pub mod emotion_lane;
pub mod journey_view;
pub mod jsonld;
pub mod lists;
pub mod pages;
pub mod sitemap;
pub mod templates;

use std::collections::BTreeMap;
use std::path::PathBuf;

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::link::LinkedSite;
use crate::theme::{StaticFile, Theme};

pub use templates::compile as compile_templates;

/// One file of the output, by its path relative to the output folder.
#[derive(Debug, Clone)]
pub struct OutputFile {
    /// `glossary/crm/index.html`, always with `/`.
    pub path: String,
    pub content: Content,
}

#[derive(Debug, Clone)]
pub enum Content {
    Bytes(Vec<u8>),
    /// A built-in theme file.
    Static(&'static [u8]),
    /// A file copied as it is.
    Copy(PathBuf),
}

/// Where rendered files go: the `write` stage's staging folder, or nowhere
/// (`check`). Called from many threads at once.
pub trait Sink: Sync {
    fn put(&self, file: OutputFile) -> anyhow::Result<()>;
}

/// A sink that keeps nothing, for `check`.
pub struct Discard;

impl Sink for Discard {
    fn put(&self, _file: OutputFile) -> anyhow::Result<()> {
        Ok(())
    }
}

/// What `render` produced.
#[derive(Debug, Default, Clone, Copy)]
pub struct Stats {
    /// HTML pages rendered.
    pub pages: usize,
    /// All files, pages included.
    pub files: usize,
}

/// Why rendering stopped.
#[derive(Debug)]
pub enum Error {
    /// Template problems, each with its template file and line.
    Templates(Vec<Diagnostic>),
    /// The sink failed (an I/O error while writing).
    Sink(anyhow::Error),
}

/// Renders the whole site page by page in parallel, handing each file to
/// `sink` as soon as it is ready, so the site is never held in memory.
/// `bodies` are the documents' converted bodies when the site handed them
/// over ([`LinkedSite::release_for_rendering`]); `tera` the theme's
/// templates, compiled ([`compile_templates`]).
pub fn render(
    site: &LinkedSite,
    theme: &Theme,
    tera: &tera::Tera,
    sink: &dyn Sink,
    bodies: Option<Vec<String>>,
) -> Result<(Stats, Vec<Diagnostic>), Error> {
    let owns_bodies = bodies.is_some();
    let mut renderer = pages::Renderer::new(site, theme, tera);
    if let Some(bodies) = bodies {
        renderer = renderer.with_bodies(bodies);
    }
    let jobs = renderer.jobs();
    let failed: Vec<Diagnostic> = jobs
        .par_iter()
        .map(|job| match renderer.render(job) {
            Ok(file) => sink.put(file).map(|()| None),
            Err(d) => Ok(Some(d)),
        })
        .collect::<anyhow::Result<Vec<Option<Diagnostic>>>>()
        .map_err(Error::Sink)?
        .into_iter()
        .flatten()
        .collect();
    if !failed.is_empty() {
        let mut failed = failed;
        failed.sort_by(|a, b| (&a.path, a.line, &a.message).cmp(&(&b.path, b.line, &b.message)));
        failed.dedup_by(|a, b| a.path == b.path && a.line == b.line && a.message == b.message);
        return Err(Error::Templates(failed));
    }
    if owns_bodies {
        // The pages' bodies are gone: their memory goes back before the
        // export files are made.
        crate::memory::give_back();
    }
    let page_paths: std::collections::HashSet<String> =
        jobs.iter().map(|j| renderer.file_path(j)).collect();
    let (extras, warnings) = extra_files(site, theme, &renderer, &jobs, &page_paths);
    let stats = Stats {
        pages: jobs.len(),
        files: jobs.len() + extras.len(),
    };
    extras
        .into_par_iter()
        .try_for_each(|file| sink.put(file))
        .map_err(Error::Sink)?;
    Ok((stats, warnings))
}

/// The files besides pages (sitemap, exports, stylesheets, static files)
/// of a site whose pages are `jobs`, for rebuilding them after an edit.
pub fn site_files(
    site: &LinkedSite,
    theme: &Theme,
    renderer: &pages::Renderer<'_>,
    jobs: &[pages::Job],
) -> Vec<OutputFile> {
    let page_paths: std::collections::HashSet<String> =
        jobs.iter().map(|j| renderer.file_path(j)).collect();
    extra_files(site, theme, renderer, jobs, &page_paths).0
}

/// The logo and favicon of `[brand]`. A configured favicon replaces the
/// theme's built-in ones, so no address serves touchbase's icon instead.
fn brand_files(brand: &crate::brand::Brand, theme: &Theme, files: &mut BTreeMap<String, Content>) {
    if brand.favicon.is_some() {
        for (path, _, _) in pages::THEME_FAVICONS {
            if matches!(theme.statics.get(path), Some(StaticFile::BuiltIn(_))) {
                files.remove(path);
            }
        }
    }
    for file in brand.logo.iter().chain(&brand.favicon) {
        files.insert(file.output.clone(), Content::Copy(file.path.clone()));
    }
}

/// Everything besides the pages: sitemap, robots.txt, stylesheets, theme and
/// site static files, content assets. A later source overrides an earlier
/// one (a site's static file beats the theme's); a file that would replace
/// a page is left out with a warning.
fn extra_files(
    site: &LinkedSite,
    theme: &Theme,
    renderer: &pages::Renderer<'_>,
    jobs: &[pages::Job],
    page_paths: &std::collections::HashSet<String>,
) -> (Vec<OutputFile>, Vec<Diagnostic>) {
    let mut files: BTreeMap<String, Content> = BTreeMap::new();
    for file in crate::export::files(site, renderer.lists()) {
        files.insert(file.path, file.content);
    }
    let (light, dark) = crate::highlight::stylesheets();
    let [light_path, dark_path] = crate::highlight::STYLESHEETS;
    files.insert(light_path.into(), Content::Bytes(light.into_bytes()));
    files.insert(dark_path.into(), Content::Bytes(dark.into_bytes()));
    for (path, file) in &theme.statics {
        let content = match file {
            StaticFile::BuiltIn(b) => Content::Static(b),
            StaticFile::File(p) => Content::Copy(p.clone()),
        };
        files.insert(path.clone(), content);
    }
    for (abs, rel) in &site.assets {
        files.insert(rel.clone(), Content::Copy(abs.clone()));
    }
    brand_files(&site.config.brand, theme, &mut files);
    let sitemap = sitemap::sitemap(
        &renderer.sitemap_entries(jobs),
        &site.config.default_language,
    );
    let robots = sitemap::robots(&site.config.base_url.full);
    for file in [sitemap, robots] {
        files.insert(file.path, file.content);
    }
    let mut warnings = Vec::new();
    let mut out = Vec::with_capacity(files.len());
    for (path, content) in files {
        if page_paths.contains(&path) {
            let shown = match &content {
                Content::Copy(p) => p.strip_prefix(".").unwrap_or(p).display().to_string(),
                _ => path.clone(),
            };
            warnings.push(Diagnostic::file(
                shown,
                crate::Severity::Warning,
                format!("`{path}` is a page of the site; this file is not copied"),
            ));
        } else {
            out.push(OutputFile { path, content });
        }
    }
    (out, warnings)
}
