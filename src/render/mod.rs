//! Stage 4: templates → output files. Every page of every language is
//! rendered in parallel from the `LinkedSite`; the result is a plain list
//! of files for `write` (the only stage that touches the output folder).

pub mod context;
pub mod lists;
pub mod pages;
pub mod sitemap;
pub mod templates;

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

/// What `render` produced.
#[derive(Debug, Default)]
pub struct Output {
    pub files: Vec<OutputFile>,
    /// Number of HTML pages among `files`.
    pub pages: usize,
}

/// Renders the whole site. Template problems come back as diagnostics.
pub fn render(site: &LinkedSite, theme: &Theme) -> Result<Output, Vec<Diagnostic>> {
    let tera = templates::compile(theme)?;
    let renderer = pages::Renderer::new(site, theme, &tera);
    let jobs = renderer.jobs();
    let results: Vec<Result<OutputFile, Diagnostic>> =
        jobs.par_iter().map(|job| renderer.render(job)).collect();
    let mut output = Output::default();
    let mut diagnostics = Vec::new();
    for result in results {
        match result {
            Ok(file) => output.files.push(file),
            Err(d) => diagnostics.push(d),
        }
    }
    if !diagnostics.is_empty() {
        diagnostics
            .sort_by(|a, b| (&a.path, a.line, &a.message).cmp(&(&b.path, b.line, &b.message)));
        diagnostics.dedup_by(|a, b| a.path == b.path && a.line == b.line && a.message == b.message);
        return Err(diagnostics);
    }
    output.pages = output.files.len();
    output
        .files
        .push(sitemap::sitemap(&renderer.sitemap_entries(&jobs)));
    output
        .files
        .push(sitemap::robots(&site.config.base_url.full));
    let (light, dark) = crate::highlight::stylesheets();
    output.files.push(bytes("assets/syntax-light.css", light));
    output.files.push(bytes("assets/syntax-dark.css", dark));
    for (path, file) in &theme.statics {
        let content = match file {
            StaticFile::BuiltIn(b) => Content::Static(b),
            StaticFile::File(p) => Content::Copy(p.clone()),
        };
        output.files.push(OutputFile {
            path: path.clone(),
            content,
        });
    }
    for (abs, rel) in &site.assets {
        output.files.push(OutputFile {
            path: rel.clone(),
            content: Content::Copy(abs.clone()),
        });
    }
    // Later entries override earlier ones with the same path (a site's own
    // static file wins over the theme's); keep the output sorted.
    output.files.reverse();
    output.files.sort_by(|a, b| a.path.cmp(&b.path));
    output
        .files
        .dedup_by(|later, earlier| later.path == earlier.path);
    Ok(output)
}

fn bytes(path: &str, text: String) -> OutputFile {
    OutputFile {
        path: path.to_string(),
        content: Content::Bytes(text.into_bytes()),
    }
}
