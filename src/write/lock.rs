//! One build at a time per output folder, and no leftovers of killed ones.
//!
//! A build takes an exclusive lock on a file beside its output
//! (`.public.touchbase-lock` for `public/`) before it creates its staging
//! folder, and keeps it until the new output is in place. A second build
//! into the same folder (a watcher and a manual build, two CI jobs on one
//! runner) waits for it, says so, and then writes its own complete output:
//! the output is always one whole build. The lock belongs to the operating
//! system (`flock`): it ends with its process however that ends, so a
//! killed build never blocks the next one.
//!
//! Holding the lock, a build removes the staging folders
//! (`.public.touchbase-new-<pid>`, `-old-<pid>`) that builds killed before
//! they finished left behind — only those whose process no longer runs, so
//! a build of an older touchbase without the lock is never disturbed.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Result;

/// The lock of one output folder, held until dropped; the lock file goes
/// with it (a killed build leaves it behind, which does no harm).
#[derive(Debug)]
pub struct OutputLock {
    locked: Option<crate::fs::Locked>,
    path: PathBuf,
}

impl Drop for OutputLock {
    fn drop(&mut self) {
        if let Some(locked) = self.locked.take() {
            crate::fs::unlock_and_remove(locked, &self.path);
        }
    }
}

/// The names of the files a build keeps beside its output `name`.
pub(super) fn lock_name(name: &str) -> String {
    format!(".{name}.touchbase-lock")
}

pub(super) fn staging_name(name: &str, what: &str, pid: u32) -> String {
    format!(".{name}.touchbase-{what}-{pid}")
}

impl OutputLock {
    /// Locks the output folder `name` inside `parent`, waiting (with a
    /// message on stderr) while another build holds it.
    pub fn acquire(parent: &Path, name: &str) -> Result<Self> {
        let path = parent.join(lock_name(name));
        let locked = match crate::fs::lock(&path, false)? {
            Some(locked) => locked,
            None => {
                let holder = std::fs::read_to_string(&path).unwrap_or_default();
                let holder = match holder.trim() {
                    "" => String::new(),
                    pid => format!(" (process {pid})"),
                };
                let _ = writeln!(
                    std::io::stderr(),
                    "Waiting for another touchbase build{holder} to finish writing {}…",
                    parent.join(name).display()
                );
                crate::fs::lock(&path, true)?.expect("a waiting lock is always taken")
            }
        };
        // Who holds it, for the message of a build that has to wait.
        let _ = locked.file.set_len(0);
        let _ = (&locked.file).write_all(std::process::id().to_string().as_bytes());
        Ok(Self {
            locked: Some(locked),
            path,
        })
    }
}

/// Removes the staging folders of output `name` in `parent` left by builds
/// that no longer run. Call it only holding the output's lock. A folder
/// that cannot be removed is a warning, not a failed build.
pub(super) fn remove_leftovers(parent: &Path, name: &str) -> Result<Vec<PathBuf>> {
    let own = std::process::id();
    let mut removed = Vec::new();
    for path in crate::fs::list_dir(parent)? {
        let Some(pid) = leftover_pid(&path, name) else {
            continue;
        };
        if pid != own && crate::fs::process_running(pid) {
            continue;
        }
        match crate::fs::remove_dir_all(&path) {
            Ok(()) => removed.push(path),
            Err(e) => {
                let _ = writeln!(std::io::stderr(), "warning: {e:#}");
            }
        }
    }
    Ok(removed)
}

/// The process id in the name of a staging folder of output `name`.
fn leftover_pid(path: &Path, name: &str) -> Option<u32> {
    let file_name = path.file_name()?.to_str()?;
    let rest = file_name.strip_prefix(&format!(".{name}.touchbase-"))?;
    let pid = rest
        .strip_prefix("new-")
        .or_else(|| rest.strip_prefix("old-"))?;
    if !path.is_dir() || pid.is_empty() || !pid.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    pid.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_of_leftovers() {
        let dir = tempfile::tempdir().unwrap();
        for name in [
            ".public.touchbase-new-12",
            ".public.touchbase-old-7",
            ".public.touchbase-new-",
            ".public.touchbase-new-1x",
            ".public.touchbase-tmp-3",
            ".other.touchbase-new-5",
            "public",
        ] {
            std::fs::create_dir(dir.path().join(name)).unwrap();
        }
        std::fs::write(dir.path().join(".public.touchbase-new-9"), "a file").unwrap();
        let found: Vec<(String, u32)> = crate::fs::list_dir(dir.path())
            .unwrap()
            .into_iter()
            .filter_map(|p| {
                let pid = leftover_pid(&p, "public")?;
                Some((p.file_name()?.to_string_lossy().into_owned(), pid))
            })
            .collect();
        assert_eq!(
            found,
            [
                (".public.touchbase-new-12".to_string(), 12),
                (".public.touchbase-old-7".to_string(), 7)
            ]
        );
    }
}
