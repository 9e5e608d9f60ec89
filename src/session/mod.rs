//! A build that lives on between rebuilds, for `serve`: the first build is
//! a full one; after that, an edit to the text of existing pages (their
//! front matter unchanged) converts only those pages again and renders
//! only the pages whose output depends on them — the edited pages and
//! those whose backlinks changed — plus the site-wide files built from page
//! text (search index, exports). Any other change (front matter, a new or
//! deleted file, config, templates, static files) rebuilds everything.
//! Either way the output is byte-identical to a full `touchbase build`.
//!
//! The search index, which holds every page's text, is left for a quiet
//! moment ([`Session::idle`]) and then built on a thread of its own, from
//! a snapshot: an edit that comes meanwhile is rebuilt at once, never
//! after the index. The index build it overtook is called off and writes
//! nothing more; the next quiet moment starts a new one.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use anyhow::{Context, Result};

use crate::build::{self, Kept, Options, Report};
use crate::link::DocId;
use crate::load::CONTENT_DIR;
use crate::render::pages::{Job, Renderer};
use crate::render::{Content, OutputFile, Sink};

/// The result of one (re)build.
#[derive(Debug)]
pub struct Outcome {
    pub report: Report,
    /// Output paths (relative to the output folder, `/`-separated) whose
    /// content changed; empty when unknown (treat as "everything").
    pub changed: Vec<String>,
    /// Only stylesheets changed: a page can swap them without reloading.
    pub css_only: bool,
    /// The rebuild redid only the pages that depend on the change.
    pub incremental: bool,
}

/// A site kept ready for rebuilds.
pub struct Session {
    options: Options,
    /// The state of the last build that wrote the site without errors.
    kept: Option<Kept>,
    /// The compiled templates of `kept`'s theme, once a rebuild needed them.
    tera: Option<tera::Tera>,
    /// The search index still reflects the text before the last rebuild.
    search_pending: bool,
    /// The search index being built beside, if any.
    indexer: Option<Indexer>,
    /// Called on the indexing thread as it starts (see [`Session::set_index_hook`]).
    index_hook: Option<IndexHook>,
}

mod index;

pub use index::IndexHook;
use index::Indexer;

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("options", &self.options)
            .finish()
    }
}

impl Session {
    /// A session building `options.root` into `options.output` (which must
    /// be set; `options.write` is forced on).
    pub fn new(mut options: Options) -> Self {
        options.write = true;
        Self {
            options,
            kept: None,
            tera: None,
            search_pending: false,
            indexer: None,
            index_hook: None,
        }
    }

    /// Sets a function the indexing thread runs before it starts building
    /// the search index; tests use it to hold the index back while they
    /// edit and rebuild.
    pub fn set_index_hook(&mut self, hook: IndexHook) {
        self.index_hook = Some(hook);
    }

    /// A full build. On content errors the previous output stays in place.
    pub fn build(&mut self) -> Result<Outcome> {
        self.cancel_index();
        let (report, kept) = build::run_kept(&self.options)?;
        // After a failed build the next one starts from scratch.
        self.kept = kept;
        self.tera = None;
        self.search_pending = false;
        Ok(Outcome {
            report,
            changed: Vec::new(),
            css_only: false,
            incremental: false,
        })
    }

    /// Rebuilds after the files in `changed` (paths as the watcher reports
    /// them) were created, modified or deleted.
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> Result<Outcome> {
        self.cancel_index();
        if let Some(outcome) = self.try_incremental(changed)? {
            return Ok(outcome);
        }
        let css_only = !changed.is_empty()
            && changed
                .iter()
                .all(|p| p.extension().is_some_and(|e| e == "css"));
        let mut outcome = self.build()?;
        outcome.css_only = css_only && !outcome.report.has_errors();
        Ok(outcome)
    }

    /// The edited pages, when every change is an edit of an existing,
    /// published page that keeps what other pages find it by, and whether
    /// any edit touched the front matter; `None` when a full rebuild is
    /// needed.
    fn edits(&self, changed: &[PathBuf]) -> Result<Option<(Vec<Edit>, bool)>> {
        let Some(kept) = &self.kept else {
            return Ok(None);
        };
        let root = &self.options.root;
        let content = absolute(&root.join(CONTENT_DIR));
        let linked = &kept.linked;
        let mut edits: Vec<Edit> = Vec::new();
        let mut front_matter = false;
        for path in changed {
            let Ok(rel) = absolute(path).strip_prefix(&content).map(Path::to_path_buf) else {
                return Ok(None);
            };
            let rel = rel.to_string_lossy().replace('\\', "/");
            if !rel.ends_with(".md") || !root.join(CONTENT_DIR).join(&rel).is_file() {
                return Ok(None);
            }
            let Some(id) = linked.links.index.by_source(&rel) else {
                return Ok(None);
            };
            if edits.iter().any(|e| e.id == id) {
                continue;
            }
            let file = crate::load::read_file(root, &rel, &linked.config.languages)?;
            if file.problem.is_some() {
                return Ok(None);
            }
            let source_index = linked.docs[id].meta().source;
            let (doc, found) = crate::parse::parse_file(&linked.config, &file, source_index);
            let Some(doc) = doc.filter(|_| found.iter().all(|d| !d.is_error())) else {
                return Ok(None);
            };
            let old = &linked.docs[id];
            if !same_identity(old, &doc) {
                return Ok(None);
            }
            let old_text = &linked.sources[source_index].text;
            front_matter |=
                old_text[..old.meta().body.start] != file.source.text[..doc.meta().body.start];
            edits.push(Edit {
                id,
                source: file.source,
                doc,
            });
        }
        Ok((!edits.is_empty()).then_some((edits, front_matter)))
    }

    fn try_incremental(&mut self, changed: &[PathBuf]) -> Result<Option<Outcome>> {
        let started = Instant::now();
        let Some((edits, front_matter)) = self.edits(changed)? else {
            return Ok(None);
        };
        let Some(kept) = self.kept.as_mut() else {
            return Ok(None);
        };
        // Copied only if an index build still reads the previous state.
        let linked = Arc::make_mut(&mut kept.linked);
        let edits = edits.into_iter().map(|e| (e.id, e.source, e.doc)).collect();
        let pages = linked.replace_docs(edits, front_matter);
        let linked = &kept.linked;
        let mut report = Report {
            diagnostics: linked.diagnostics.clone(),
            pages: 0,
            files: 0,
            output_dir: Some(kept.output_dir.clone()),
            elapsed: Default::default(),
            base_url: Some(linked.config.base_url.clone()),
        };
        report
            .diagnostics
            .extend(kept.fixed_diagnostics.iter().cloned());
        if report.has_errors() {
            // Keep the last good pages; the next rebuild starts over.
            build::finish(&mut report, started);
            self.kept = None;
            return Ok(Some(Outcome {
                report,
                changed: Vec::new(),
                css_only: false,
                incremental: true,
            }));
        }
        if self.tera.is_none() {
            let compiled = crate::render::compile_templates(&kept.theme)
                .map_err(|_| anyhow::anyhow!("the templates compiled before and no longer do"))?;
            self.tera = Some(compiled);
        }
        let tera = self.tera.as_ref().expect("compiled above");
        let renderer = Renderer::new(linked, &kept.theme, tera);
        let sink = ChangedFiles::new(&kept.output_dir);
        let mut jobs: Vec<Job> = pages.into_iter().map(Job::Doc).collect();
        if front_matter {
            // Listings show descriptions, facets and order of every page.
            jobs.extend(
                renderer
                    .jobs()
                    .into_iter()
                    .filter(|j| !matches!(j, Job::Doc(_))),
            );
        }
        use rayon::prelude::*;
        jobs.par_iter().try_for_each(|job| {
            let file = renderer.render(job).map_err(|d| anyhow::anyhow!("{d}"))?;
            sink.put(file)
        })?;
        report.pages = jobs.len();
        if front_matter {
            let all = renderer.jobs();
            for file in crate::render::site_files(linked, &kept.theme, &renderer, &all) {
                sink.put(file)?;
            }
        }
        // The exports hold no page text; the search index does, and is
        // brought up to date by `settle`, after the pages are out.
        self.search_pending = true;
        report.files = sink.written();
        report.diagnostics.extend(crate::gaps::analyse(
            linked,
            &build::config_source(&self.options.root)?,
        ));
        build::finish(&mut report, started);
        let changed = sink.into_changed();
        Ok(Some(Outcome {
            report,
            changed,
            css_only: false,
            incremental: true,
        }))
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        self.cancel_index();
    }
}

/// An edited document, parsed.
struct Edit {
    id: DocId,
    source: crate::source::Source,
    doc: crate::parse::Doc,
}

/// Whether an edited document is still found the same way by every other
/// page: same kind, language, URL, translation, names, tags and owner.
fn same_identity(old: &crate::parse::Doc, new: &crate::parse::Doc) -> bool {
    use crate::parse::Doc;
    let (a, b) = (old.meta(), new.meta());
    let names = match (old, new) {
        (Doc::Term(x), Doc::Term(y)) => x.aliases == y.aliases && x.abbreviation == y.abbreviation,
        (Doc::Touchpoint(x), Doc::Touchpoint(y)) => x.owner == y.owner,
        (Doc::Persona(x), Doc::Persona(y)) => x.aliases == y.aliases,
        (Doc::Journey(_), Doc::Journey(_)) | (Doc::Page(_), Doc::Page(_)) => true,
        _ => false,
    };
    names
        && a.kind == b.kind
        && a.lang == b.lang
        && a.path == b.path
        && a.slug == b.slug
        && a.translation_key == b.translation_key
        && a.title == b.title
        && a.tags == b.tags
        && a.draft == b.draft
}

fn absolute(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Writes into the live output folder only the files whose bytes differ
/// from what is there, and remembers which.
struct ChangedFiles {
    dir: PathBuf,
    changed: Mutex<Vec<String>>,
    written: std::sync::atomic::AtomicUsize,
}

impl ChangedFiles {
    fn new(dir: &Path) -> Self {
        Self {
            dir: dir.to_path_buf(),
            changed: Mutex::new(Vec::new()),
            written: Default::default(),
        }
    }

    fn written(&self) -> usize {
        self.written.load(std::sync::atomic::Ordering::Relaxed)
    }

    fn into_changed(self) -> Vec<String> {
        let mut changed = self.changed.into_inner().unwrap_or_else(|e| e.into_inner());
        changed.sort();
        changed
    }
}

impl Sink for ChangedFiles {
    fn put(&self, file: OutputFile) -> Result<()> {
        self.written
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let target = self.dir.join(&file.path);
        let bytes: std::borrow::Cow<'_, [u8]> = match &file.content {
            Content::Bytes(b) => b.into(),
            Content::Static(b) => (*b).into(),
            Content::Copy(p) => crate::fs::read(p)?.into(),
        };
        if std::fs::read(&target).is_ok_and(|old| old == *bytes) {
            return Ok(());
        }
        if let Some(parent) = target.parent() {
            crate::fs::create_dir_all(parent)?;
        }
        crate::fs::write(&target, &bytes).with_context(|| format!("updating {}", file.path))?;
        self.changed
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(file.path);
        Ok(())
    }
}
