//! The one way the site tests run touchbase: copy a site into a temporary
//! folder, run the real binary there, and read back the files it wrote.

use std::path::{Path, PathBuf};
use std::process::Command;

use tempfile::TempDir;

pub(crate) use crate::files::{copy_dir, tree};

/// The fixture sites, one folder per feature.
pub(crate) const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

/// What one run of the binary returned and printed.
#[derive(Debug)]
pub(crate) struct Ran {
    /// Exit status; -1 when the process was killed by a signal.
    pub(crate) status: i32,
    pub(crate) stdout: String,
    pub(crate) stderr: String,
}

/// Runs `touchbase args…` in `cwd`.
pub(crate) fn touchbase(cwd: &Path, args: &[&str]) -> Ran {
    touchbase_with_log(cwd, args, None)
}

/// Runs `touchbase args…` in `cwd` with `TOUCHBASE_LOG` set to `log`
/// (unset for `None`).
pub(crate) fn touchbase_with_log(cwd: &Path, args: &[&str], log: Option<&str>) -> Ran {
    let mut command = Command::new(env!("CARGO_BIN_EXE_touchbase"));
    command.args(args).current_dir(cwd);
    match log {
        Some(level) => command.env("TOUCHBASE_LOG", level),
        None => command.env_remove("TOUCHBASE_LOG"),
    };
    let output = command.output().expect("the touchbase binary runs");
    Ran {
        status: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

/// A copy of a site in a temporary folder (`<tmp>/site`) after a run of
/// `touchbase build`. The output lands in `<tmp>/site/public` unless the
/// arguments or the site's config say otherwise.
#[derive(Debug)]
pub(crate) struct Built {
    pub(crate) dir: TempDir,
    pub(crate) status: i32,
    pub(crate) stdout: String,
    pub(crate) stderr: String,
}

/// Copies `tests/fixtures/<case>` and builds it with `args` added.
pub(crate) fn build_fixture(case: &str, args: &[&str]) -> Built {
    build_copy(&Path::new(FIXTURES).join(case), args)
}

/// Copies `tests/fixtures/<case>`, lets `edit` change the copy (its site
/// folder is passed), and builds it with `args` added.
pub(crate) fn build_edited(case: &str, edit: impl FnOnce(&Path), args: &[&str]) -> Built {
    let mut built = copy(&Path::new(FIXTURES).join(case));
    edit(&built.root());
    built.rebuild(args);
    built
}

/// Copies the site at `source` (which is never written to) and builds it.
pub(crate) fn build_copy(source: &Path, args: &[&str]) -> Built {
    let mut built = copy(source);
    built.rebuild(args);
    built
}

/// A copy of the site at `source`, not built yet.
fn copy(source: &Path) -> Built {
    assert!(
        source.join("touchbase.toml").is_file(),
        "{} is not a site",
        source.display()
    );
    let dir = tempfile::tempdir().expect("a temporary folder");
    copy_dir(source, &dir.path().join("site"));
    Built {
        dir,
        status: -1,
        stdout: String::new(),
        stderr: String::new(),
    }
}

impl Built {
    /// The site folder, holding `touchbase.toml`.
    pub(crate) fn root(&self) -> PathBuf {
        self.dir.path().join("site")
    }

    /// The default output folder.
    pub(crate) fn output(&self) -> PathBuf {
        self.root().join("public")
    }

    /// Runs `touchbase args…` (any command) in the site folder.
    pub(crate) fn run(&self, args: &[&str]) -> Ran {
        touchbase(&self.root(), args)
    }

    /// Runs `touchbase build args…` again in the same site.
    pub(crate) fn rebuild(&mut self, args: &[&str]) {
        let mut all = vec!["build"];
        all.extend_from_slice(args);
        let ran = touchbase(&self.root(), &all);
        self.status = ran.status;
        self.stdout = ran.stdout;
        self.stderr = ran.stderr;
    }

    /// Panics with everything the binary printed unless the build succeeded
    /// without a single diagnostic besides the gap analysis' warnings
    /// (which most small sites have: empty matrix cells, unlinked terms).
    pub(crate) fn assert_clean(&self) -> &Self {
        assert!(
            self.status == 0
                && without_gap_warnings(&self.stderr).is_empty()
                && self.stdout.starts_with("Built "),
            "build failed with status {}\nstdout:\n{}\nstderr:\n{}",
            self.status,
            self.stdout,
            self.stderr
        );
        self
    }

    /// The output file of a page, given as its path below the output folder
    /// (`glossary/crm/`, `404.html`, `` for the start page).
    pub(crate) fn page(&self, path: &str) -> String {
        read(&self.output().join(page_file(path)))
    }

    /// Every file of the output folder, as sorted relative paths.
    pub(crate) fn files(&self) -> Vec<String> {
        tree(&self.output()).into_keys().collect()
    }
}

/// `stderr` without the warnings of the gap analysis (`touchbase::gaps`)
/// and the build's closing note on robots.txt under a sub-path;
/// diagnostics are separated by blank lines.
pub(crate) fn without_gap_warnings(stderr: &str) -> String {
    stderr
        .split_inclusive("\n\n")
        .filter(|block| {
            !block
                .strip_prefix("warning: ")
                .is_some_and(|rest| touchbase::gaps::is_gap(rest.lines().next().unwrap_or("")))
                && !block.starts_with("note: the site lives under ")
        })
        .collect()
}

/// `glossary/crm/` → `glossary/crm/index.html`.
pub(crate) fn page_file(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()))
}

/// The names of the entries directly inside `dir`, sorted.
pub(crate) fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("listing a folder")
        .map(|e| {
            e.expect("a folder entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}
