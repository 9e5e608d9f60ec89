//! The pipeline end to end: config → load → parse → link → render →
//! write. `check` runs the same pipeline without the last stage.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use crate::config::{BaseUrl, CONFIG_FILE, Config};
use crate::diagnostic::{self, Diagnostic};
use crate::source::Source;
use crate::theme::Theme;

/// What to build and where.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The site folder (holding `touchbase.toml`).
    pub root: PathBuf,
    /// Overrides `output_dir`; relative to the current folder.
    pub output: Option<PathBuf>,
    /// Overrides `base_url`.
    pub base_url: Option<String>,
    pub drafts: bool,
    /// `false` for `check`: run every stage but write nothing.
    pub write: bool,
}

/// The outcome of a run with content problems or without.
#[derive(Debug, Default)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
    /// HTML pages rendered (0 when the build stopped early).
    pub pages: usize,
    pub files: usize,
    pub output_dir: Option<PathBuf>,
    pub elapsed: Duration,
    /// The address the site was built for (`None` when the config failed).
    pub base_url: Option<BaseUrl>,
}

impl Report {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Reads and validates `touchbase.toml`. A missing file is an operational
/// error; problems inside it are diagnostics.
pub fn read_config(root: &Path) -> Result<Result<Config, Vec<Diagnostic>>> {
    let path = root.join(CONFIG_FILE);
    if !path.is_file() {
        bail!(
            "no {CONFIG_FILE} in {}\n  hint: run `touchbase init` to create a site, or pass --root with the site folder",
            root.display()
        );
    }
    Ok(Config::parse(&config_source(root)?))
}

/// The text of `touchbase.toml`, without a byte-order mark.
pub(crate) fn config_source(root: &Path) -> Result<Source> {
    let text = crate::fs::read_to_string(&root.join(CONFIG_FILE))?;
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text);
    Ok(Source::new(CONFIG_FILE, text))
}

/// Runs the pipeline. `Err` means an operational failure (exit 2); content
/// problems are in the report (exit 1 when any is an error).
pub fn run(options: &Options) -> Result<Report> {
    pipeline(options, false).map(|(report, _)| report)
}

/// What a successful build leaves behind for rebuilding parts of it.
pub struct Kept {
    /// Shared with a search index being built beside the next rebuild.
    pub linked: std::sync::Arc<crate::link::LinkedSite>,
    pub theme: Theme,
    pub output_dir: PathBuf,
    /// Diagnostics that do not depend on content bodies: from the theme
    /// and from collecting the output files.
    pub fixed_diagnostics: Vec<Diagnostic>,
}

/// Runs the pipeline like [`run`] and, when it wrote a site without errors,
/// keeps its state.
pub fn run_kept(options: &Options) -> Result<(Report, Option<Kept>)> {
    pipeline(options, true)
}

/// The pipeline; `keep` when its state is kept for rebuilding parts of
/// the site (the live preview), which then needs all of its input.
fn pipeline(options: &Options, keep: bool) -> Result<(Report, Option<Kept>)> {
    let started = Instant::now();
    let root = &options.root;
    let mut report = Report::default();
    let mut config = match read_config(root)? {
        Ok(config) => config,
        Err(found) => {
            report.diagnostics = found;
            finish(&mut report, started);
            return Ok((report, None));
        }
    };
    if let Some(url) = &options.base_url {
        config.base_url = BaseUrl::parse(url).map_err(|e| anyhow::anyhow!("--base-url: {e}"))?;
    }
    report.base_url = Some(config.base_url.clone());
    let brand_problems = config.brand.resolve(root, &config_source(root)?);
    let output_dir = match &options.output {
        Some(dir) => dir.clone(),
        None => root.join(&config.output_dir),
    };
    if options.write {
        crate::write::check_output_dir(root, &output_dir)?;
    }
    let (theme, theme_problems) = Theme::load(root, &config.theme).context("loading the theme")?;
    let timer = Timer::new();
    // The templates compile on a thread of their own while the content is
    // read, parsed and linked: for a small site, a good part of the run.
    let compiling = {
        let theme = theme.clone();
        std::thread::spawn(move || crate::render::compile_templates(&theme))
    };
    let loaded = crate::load::load(root, &config.languages)?;
    timer.lap("load");
    let parsed = crate::parse::parse(config, loaded, options.drafts);
    timer.lap("parse");
    // A build that keeps nothing for later lets each part of the input go
    // as soon as its last reader is done with it. `check`, which writes
    // nothing, keeps it all: it holds less than a build at its peak, and
    // freeing ten thousand pieces mid-run leaves glibc's free lists so long
    // that every later allocation pays for searching them (a quarter more
    // time in malloc on the 10k corpus).
    let one_shot = !keep && options.write;
    let mut linked = link(parsed, &theme, !one_shot);
    timer.lap("link");
    report.diagnostics = linked.diagnostics.clone();
    let mut brand_problems = brand_problems;
    brand_problems.extend(linked.config.brand.check_footer_paths(
        |path| linked.links.check_site_path(path),
        linked.config.broken_links,
        &config_source(root)?,
    ));
    let mut fixed_diagnostics = theme_problems.clone();
    fixed_diagnostics.extend(brand_problems.iter().cloned());
    report.diagnostics.extend(theme_problems);
    report.diagnostics.extend(brand_problems);
    // Gaps of a site with errors would mislead (a touchpoint that failed
    // to parse leaves its cells empty): they are reported only when the
    // site has no errors, template errors included. They are found before
    // rendering, while the sources they point into are still there.
    let gaps = match report.has_errors() {
        false => crate::gaps::analyse(&linked, &config_source(root)?),
        true => Vec::new(),
    };
    // Content errors: still render (to find template errors too), but
    // write nothing.
    let staging = match options.write && !report.has_errors() {
        true => Some(crate::write::Staging::create(&output_dir)?),
        false => None,
    };
    // The converted bodies go to the pages, the plain text to the search
    // index, each freed once read.
    let (bodies, texts) = match one_shot && staging.is_some() {
        true => {
            let released = linked.release_for_rendering();
            crate::memory::give_back();
            (Some(released.html), Some(released.text))
        }
        false => (None, None),
    };
    let sink: &dyn crate::render::Sink = match &staging {
        Some(staging) => staging,
        None => &crate::render::Discard,
    };
    // The search index needs only the linked site: it is built and
    // written beside the pages, on the cores rendering leaves idle while
    // it waits for the file system.
    let tera = compiling
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
    let (rendered, indexed) = rayon::join(
        || match &tera {
            Ok(tera) => crate::render::render(&linked, &theme, tera, sink, bodies),
            Err(found) => Err(crate::render::Error::Templates(found.clone())),
        },
        || {
            let started = Instant::now();
            let written = match &staging {
                Some(staging) => crate::search::write(&linked, texts, staging),
                None => Ok(0),
            };
            (written, started.elapsed())
        },
    );
    let (indexed, indexing) = indexed;
    timer.lap("render");
    timer.took("search", indexing);
    match rendered {
        Ok((stats, warnings)) => {
            report.pages = stats.pages;
            report.files = stats.files;
            fixed_diagnostics.extend(warnings.iter().cloned());
            report.diagnostics.extend(warnings);
            if let Some(staging) = staging {
                report.files += indexed?;
                staging.commit()?;
                timer.lap("write");
                report.output_dir = Some(output_dir);
            }
        }
        Err(crate::render::Error::Templates(found)) => report.diagnostics.extend(found),
        Err(crate::render::Error::Sink(e)) => return Err(e),
    }
    if !report.has_errors() {
        report.diagnostics.extend(gaps);
    }
    finish(&mut report, started);
    let kept = match &report.output_dir {
        Some(output_dir) if !report.has_errors() => Some(Kept {
            output_dir: output_dir.clone(),
            linked: std::sync::Arc::new(linked),
            theme,
            fixed_diagnostics,
        }),
        _ => None,
    };
    Ok((report, kept))
}

/// The content checks of `touchbase check` — front matter, references,
/// duplicate URLs, the gap analysis — on the site as it would be with
/// `overlay`'s files (path below `content/`, text) added or replacing files
/// of the same path. Nothing
/// is rendered or written; for checking an import before it writes.
pub fn check_content(root: &Path, overlay: Vec<(String, Vec<u8>)>) -> Result<Report> {
    let started = Instant::now();
    let mut report = Report::default();
    let mut config = match read_config(root)? {
        Ok(config) => config,
        Err(found) => {
            report.diagnostics = found;
            finish(&mut report, started);
            return Ok(report);
        }
    };
    let brand_problems = config.brand.resolve(root, &config_source(root)?);
    let (theme, theme_problems) = Theme::load(root, &config.theme).context("loading the theme")?;
    let mut loaded = crate::load::load(root, &config.languages)?;
    let known: std::collections::HashMap<String, usize> = loaded
        .files
        .iter()
        .enumerate()
        .map(|(i, f)| (f.rel.clone(), i))
        .collect();
    for (rel, bytes) in overlay {
        let file = crate::load::from_bytes(&rel, bytes, &config.languages);
        match known.get(&file.rel) {
            Some(&i) => loaded.files[i] = file,
            None => loaded.files.push(file),
        }
    }
    let parsed = crate::parse::parse(config, loaded, false);
    let linked = link(parsed, &theme, false);
    report.pages = linked.docs.len();
    report.diagnostics = linked.diagnostics.clone();
    report.diagnostics.extend(theme_problems);
    report.diagnostics.extend(brand_problems);
    if !report.has_errors() {
        let found = crate::gaps::analyse(&linked, &config_source(root)?);
        report.diagnostics.extend(found);
    }
    finish(&mut report, started);
    Ok(report)
}

/// Sorts the report's diagnostics and stamps its duration.
pub(crate) fn finish(report: &mut Report, started: Instant) {
    diagnostic::sort(&mut report.diagnostics);
    report.elapsed = started.elapsed();
}

/// Links the parsed site, knowing which files the theme and the build
/// write besides the pages (so links to them resolve); `keep` as for
/// [`crate::link::link`]'s `keep_bodies`.
pub(crate) fn link(
    parsed: crate::parse::ParsedSite,
    theme: &Theme,
    keep: bool,
) -> crate::link::LinkedSite {
    let files = theme
        .statics
        .keys()
        .cloned()
        .chain(crate::highlight::STYLESHEETS.map(String::from))
        .chain(crate::export::FILES.map(String::from));
    crate::link::link(parsed, files, &theme.reserved_ids(), keep)
}

/// Stage timings on stderr when `TOUCHBASE_LOG` is set (`debug`).
struct Timer {
    enabled: bool,
    last: std::cell::Cell<Instant>,
}

impl Timer {
    fn new() -> Self {
        let enabled = std::env::var("TOUCHBASE_LOG")
            .is_ok_and(|v| v.contains("debug") || v.contains("trace"));
        Self {
            enabled,
            last: std::cell::Cell::new(Instant::now()),
        }
    }

    fn lap(&self, stage: &str) {
        let now = Instant::now();
        self.took(stage, now - self.last.get());
        self.last.set(now);
    }

    /// A stage that ran beside the others (its own duration).
    fn took(&self, stage: &str, duration: std::time::Duration) {
        if self.enabled {
            eprintln!(
                "[touchbase] {stage}: {:.1} ms",
                duration.as_secs_f64() * 1000.0
            );
        }
    }
}
