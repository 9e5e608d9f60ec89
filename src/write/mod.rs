//! Stage 5: the only stage that touches the output folder. Files go into a
//! fresh folder beside the output, which replaces the old output only once
//! everything is written: a failed build leaves the previous site intact,
//! and nothing is ever written into a folder that was just deleted. On
//! Linux the two folders swap in one step, so the output is never missing,
//! not even for a moment; elsewhere two renames follow each other. Builds
//! into one output folder take turns ([`lock`]).

pub mod lock;

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::render::{Content, OutputFile, Sink};

/// Refuses output folders whose replacement would destroy the site's
/// sources: the site root, `content/`, or any folder containing them.
pub fn check_output_dir(root: &Path, output: &Path) -> Result<()> {
    let absolute = |p: &Path| -> Result<PathBuf> {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir()?.join(p)
        };
        Ok(normalize(&p))
    };
    let root = absolute(&crate::fs::canonicalize(root)?)?;
    let mut out = absolute(output)?;
    // Resolve symlinks of the existing part of the output path.
    if let Ok(real) = std::fs::canonicalize(&out) {
        out = real;
    }
    let shown = match normalize(output) {
        p if p.as_os_str().is_empty() => PathBuf::from("."),
        p => p,
    };
    let output = shown.as_path();
    if root.starts_with(&out) {
        bail!(
            "refusing to use {} as the output folder: it would replace the site itself ({})\n  hint: choose a folder inside the site, such as `public`",
            output.display(),
            root.display()
        );
    }
    // The site's sources: the output may be neither one of them nor inside one.
    for name in [
        crate::load::CONTENT_DIR,
        "templates",
        "static",
        "themes",
        "i18n",
    ] {
        if out.starts_with(root.join(name)) {
            bail!(
                "refusing to use {} as the output folder: it would replace the site's {name}/ folder\n  hint: choose a folder such as `public`",
                output.display()
            );
        }
    }
    if out.exists() && !out.is_dir() {
        bail!(
            "the output path {} exists and is not a folder",
            output.display()
        );
    }
    Ok(())
}

/// Removes `.` and `..` components without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// A fresh folder beside the output that receives the rendered files and
/// replaces the output on [`Staging::commit`]. Dropped without a commit, it
/// removes itself and the output stays as it was. It holds the output's
/// lock from creation to commit.
pub struct Staging {
    dir: PathBuf,
    old: PathBuf,
    out_dir: PathBuf,
    committed: bool,
    _lock: lock::OutputLock,
}

impl Staging {
    pub fn create(out_dir: &Path) -> Result<Self> {
        let parent = match out_dir.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        crate::fs::create_dir_all(&parent)?;
        let name = out_dir
            .file_name()
            .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
        let output_lock = lock::OutputLock::acquire(&parent, &name)?;
        // Our own earlier folders (a reused process id) go too.
        lock::remove_leftovers(&parent, &name)?;
        let pid = std::process::id();
        let dir = parent.join(lock::staging_name(&name, "new", pid));
        let old = parent.join(lock::staging_name(&name, "old", pid));
        crate::fs::create_dir_all(&dir)?;
        Ok(Self {
            dir,
            old,
            out_dir: out_dir.to_path_buf(),
            committed: false,
            _lock: output_lock,
        })
    }

    /// Swaps the staging folder in as the output, then removes the
    /// previous output.
    pub fn commit(mut self) -> Result<()> {
        hold_before_commit();
        if !self.out_dir.exists() {
            crate::fs::rename(&self.dir, &self.out_dir)?;
            self.committed = true;
            return Ok(());
        }
        if crate::fs::exchange(&self.dir, &self.out_dir)? {
            // The staging folder's name now holds the previous output.
            self.committed = true;
            return crate::fs::remove_dir_all(&self.dir);
        }
        crate::fs::rename(&self.out_dir, &self.old)?;
        if let Err(e) = crate::fs::rename(&self.dir, &self.out_dir) {
            // Put the previous output back before reporting.
            let _ = std::fs::rename(&self.old, &self.out_dir);
            return Err(e);
        }
        self.committed = true;
        crate::fs::remove_dir_all(&self.old)
    }
}

/// A hook for tests of concurrent and killed builds: with
/// `TOUCHBASE_TEST_HOLD_COMMIT` naming a FIFO, a build that has written
/// its whole output into the staging folder (holding the output's lock)
/// opens the FIFO and waits until a writer closes it. Not for users.
fn hold_before_commit() {
    if let Some(fifo) = std::env::var_os("TOUCHBASE_TEST_HOLD_COMMIT") {
        if let Ok(mut fifo) = std::fs::File::open(fifo) {
            let _ = std::io::copy(&mut fifo, &mut std::io::sink());
        }
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

impl Sink for Staging {
    fn put(&self, file: OutputFile) -> Result<()> {
        let target = self.dir.join(&file.path);
        if let Some(parent) = target.parent() {
            crate::fs::create_dir_all(parent)?;
        }
        match &file.content {
            Content::Bytes(bytes) => crate::fs::write(&target, bytes),
            Content::Static(bytes) => crate::fs::write(&target, bytes),
            Content::Copy(source) => std::fs::copy(source, &target)
                .map(drop)
                .with_context(|| format!("copying {} to {}", source.display(), target.display())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_dots() {
        assert_eq!(
            normalize(Path::new("/a/b/../c/./d")),
            PathBuf::from("/a/c/d")
        );
    }
}
