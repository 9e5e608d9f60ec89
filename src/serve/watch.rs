//! Watches the site's sources (`touchbase.toml`, `content/`, `templates/`,
//! `static/`, `i18n/`, `themes/`) and turns the file system's events into
//! batches of changed paths: one batch once the sources have been quiet
//! for a moment, so an editor's save (temporary file, then rename) or a
//! `git checkout` of hundreds of files causes one rebuild, not hundreds.
//! Editor swap and backup files and hidden files are ignored.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use notify::event::{
    AccessKind, AccessMode, CreateKind, EventKind, MetadataKind, ModifyKind, RemoveKind,
};
use notify::{RecursiveMode, Watcher as _};

/// Folders of the site whose files feed the build.
const SOURCES: [&str; 5] = ["content", "templates", "static", "i18n", "themes"];
/// A batch ends after this long without a new event...
const QUIET: Duration = Duration::from_millis(25);
/// ...or after this long in total, so a never-ending stream of changes
/// still gets rebuilt now and then.
const LONGEST: Duration = Duration::from_secs(2);

/// What changed, ready for a rebuild.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Batch {
    /// These files were created, changed, renamed or deleted.
    Files(Vec<PathBuf>),
    /// Too much or too unclear to list (a folder moved, events lost):
    /// rebuild everything.
    Everything,
}

/// The sources of one site, watched.
pub(crate) struct Watcher {
    watcher: notify::RecommendedWatcher,
    events: Receiver<notify::Result<notify::Event>>,
    filter: Filter,
    /// Source folders currently watched (recursively).
    watched: BTreeSet<PathBuf>,
}

impl Watcher {
    /// Starts watching `root`; changes below `ignore` (the preview's own
    /// output) are not reported.
    pub(crate) fn new(root: &Path, ignore: &Path) -> Result<Self> {
        let (sender, events) = mpsc::channel();
        let mut watcher = notify::recommended_watcher(move |event| {
            // The receiver is gone only when serve is shutting down.
            let _ = sender.send(event);
        })
        .context("starting the file watcher")?;
        watcher
            .watch(root, RecursiveMode::NonRecursive)
            .with_context(|| format!("watching {}", root.display()))?;
        let mut this = Self {
            watcher,
            events,
            filter: Filter {
                root: root.to_path_buf(),
                ignore: ignore.to_path_buf(),
            },
            watched: BTreeSet::new(),
        };
        this.sync_watches(&BTreeSet::new())?;
        Ok(this)
    }

    /// Waits for the next change to the sources and returns it once they
    /// have been quiet for a moment. With `wait`, gives up after that long without a change (`None`), so
    /// idle time can be used for deferred work.
    pub(crate) fn next_within(
        &mut self,
        wait: Option<std::time::Duration>,
    ) -> Result<Option<Batch>> {
        let mut batch = Collected::default();
        let deadline = wait.map(|w| std::time::Instant::now() + w);
        while batch.is_empty() {
            let event = match deadline {
                None => self.events.recv().context("the file watcher stopped")?,
                Some(deadline) => {
                    let left = deadline.saturating_duration_since(std::time::Instant::now());
                    match self.events.recv_timeout(left) {
                        Ok(event) => event,
                        Err(RecvTimeoutError::Timeout) => return Ok(None),
                        Err(RecvTimeoutError::Disconnected) => {
                            anyhow::bail!("the file watcher stopped")
                        }
                    }
                }
            };
            batch.add(&self.filter, event);
        }
        collect_burst(&self.events, &self.filter, &mut batch);
        self.sync_watches(&batch.folders)?;
        Ok(Some(batch.finish()))
    }

    /// Watches source folders that appeared, re-watches those that were
    /// replaced, forgets those that went away.
    fn sync_watches(&mut self, touched: &BTreeSet<PathBuf>) -> Result<()> {
        for name in SOURCES {
            let dir = self.filter.root.join(name);
            let was = self.watched.contains(&dir);
            if was && (touched.contains(&dir) || !dir.is_dir()) {
                // Fails when the folder (and so its watch) is gone already.
                let _ = self.watcher.unwatch(&dir);
                self.watched.remove(&dir);
            }
            if dir.is_dir() && !self.watched.contains(&dir) {
                self.watcher
                    .watch(&dir, RecursiveMode::Recursive)
                    .with_context(|| format!("watching {}", dir.display()))
                    .context("on Linux, `sysctl fs.inotify.max_user_watches` may need raising")?;
                self.watched.insert(dir);
            }
        }
        Ok(())
    }
}

/// Adds events to `batch` until none came for [`QUIET`] (or [`LONGEST`]
/// passed).
fn collect_burst(
    events: &Receiver<notify::Result<notify::Event>>,
    filter: &Filter,
    batch: &mut Collected,
) {
    let started = Instant::now();
    while started.elapsed() < LONGEST {
        match events.recv_timeout(QUIET) {
            Ok(event) => batch.add(filter, event),
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => break,
        }
    }
}

/// Which paths matter.
#[derive(Debug)]
struct Filter {
    root: PathBuf,
    ignore: PathBuf,
}

impl Filter {
    fn relevant(&self, path: &Path) -> bool {
        if path.starts_with(&self.ignore) {
            return false;
        }
        let Ok(rel) = path.strip_prefix(&self.root) else {
            return false;
        };
        let mut parts = rel.components();
        let Some(Component::Normal(first)) = parts.next() else {
            return false;
        };
        let first = first.to_string_lossy();
        if first == crate::config::CONFIG_FILE {
            return parts.next().is_none();
        }
        SOURCES.contains(&first.as_ref())
            && rel.components().all(|part| match part {
                Component::Normal(name) => !is_ignored_name(&name.to_string_lossy()),
                _ => false,
            })
    }
}

/// Hidden files (which the build skips too), editor swap, backup and
/// temporary files.
pub(crate) fn is_ignored_name(name: &str) -> bool {
    let ext = name
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase());
    name.starts_with('.')
        || name.ends_with('~')
        || (name.starts_with('#') && name.ends_with('#'))
        || name.ends_with("___jb_tmp___")
        || name.ends_with("___jb_old___")
        // Vim writes and deletes this file to test whether it may write.
        || name == "4913"
        || matches!(
            ext.as_deref(),
            Some("swp" | "swx" | "swo" | "tmp" | "bak" | "bck" | "orig" | "crdownload" | "part")
        )
}

/// Events of one batch.
#[derive(Debug, Default)]
struct Collected {
    paths: BTreeSet<PathBuf>,
    everything: bool,
    /// Paths that were (or may have been) folders.
    folders: BTreeSet<PathBuf>,
}

impl Collected {
    fn is_empty(&self) -> bool {
        self.paths.is_empty() && !self.everything
    }

    fn add(&mut self, filter: &Filter, event: notify::Result<notify::Event>) {
        let event = match event {
            Ok(event) => event,
            Err(e) => {
                crate::cmd::eprint(&format!(
                    "warning: file watcher: {e}; rebuilding everything\n"
                ));
                self.everything = true;
                return;
            }
        };
        if event.need_rescan() {
            self.everything = true;
            return;
        }
        if !is_change(&event.kind) {
            return;
        }
        let folder = matches!(
            event.kind,
            EventKind::Create(CreateKind::Folder) | EventKind::Remove(RemoveKind::Folder)
        );
        for path in event.paths {
            if !filter.relevant(&path) {
                continue;
            }
            // A folder moved in or out: its files sent no events of their own.
            if folder || path.is_dir() || (!path.exists() && path.extension().is_none()) {
                self.everything = true;
                self.folders.insert(path.clone());
            }
            self.paths.insert(path);
        }
    }

    fn finish(self) -> Batch {
        match self.everything {
            true => Batch::Everything,
            false => Batch::Files(self.paths.into_iter().collect()),
        }
    }
}

/// Events that may change what the build reads. Opening and reading a
/// file (which the build itself does) is not one.
fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => false,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{DataChange, RenameMode};

    fn filter() -> Filter {
        Filter {
            root: PathBuf::from("/site"),
            ignore: PathBuf::from("/site/content/tmp-out"),
        }
    }

    fn event(kind: EventKind, paths: &[&str]) -> notify::Result<notify::Event> {
        let mut event = notify::Event::new(kind);
        for path in paths {
            event = event.add_path(PathBuf::from(path));
        }
        Ok(event)
    }

    fn modify(path: &str) -> notify::Result<notify::Event> {
        event(
            EventKind::Modify(ModifyKind::Data(DataChange::Content)),
            &[path],
        )
    }

    #[test]
    fn relevant_paths() {
        let f = filter();
        for path in [
            "/site/touchbase.toml",
            "/site/content/glossary/crm.md",
            "/site/content/bild.png",
            "/site/templates/term.html",
            "/site/static/logo.svg",
            "/site/themes/mine/templates/base.html",
            "/site/i18n/de.toml",
        ] {
            assert!(f.relevant(Path::new(path)), "{path}");
        }
        for path in [
            "/site/public/index.html",
            "/site/README.md",
            "/site/touchbase.toml~",
            "/site/content/glossary/.crm.md.swp",
            "/site/content/glossary/crm.md~",
            "/site/content/glossary/#crm.md#",
            "/site/content/glossary/.#crm.md",
            "/site/content/glossary/crm.md.tmp",
            "/site/content/glossary/4913",
            "/site/content/.git/index",
            "/site/content/tmp-out/index.html",
            "/elsewhere/content/x.md",
        ] {
            assert!(!f.relevant(Path::new(path)), "{path}");
        }
    }

    #[test]
    fn a_burst_is_one_batch() {
        let (sender, receiver) = mpsc::channel();
        for i in 0..500 {
            sender
                .send(modify(&format!("/site/content/glossary/t{i}.md")))
                .unwrap();
        }
        let mut batch = Collected::default();
        collect_burst(&receiver, &filter(), &mut batch);
        match batch.finish() {
            Batch::Files(paths) => assert_eq!(paths.len(), 500),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn save_by_rename_reports_the_target() {
        let (sender, receiver) = mpsc::channel();
        let tmp = "/site/content/glossary/crm.md.tmp";
        let real = "/site/content/glossary/crm.md";
        sender
            .send(event(EventKind::Create(CreateKind::File), &[tmp]))
            .unwrap();
        sender.send(modify(tmp)).unwrap();
        sender
            .send(event(
                EventKind::Modify(ModifyKind::Name(RenameMode::Both)),
                &[tmp, real],
            ))
            .unwrap();
        sender
            .send(event(
                EventKind::Access(AccessKind::Open(notify::event::AccessMode::Any)),
                &[real],
            ))
            .unwrap();
        let mut batch = Collected::default();
        collect_burst(&receiver, &filter(), &mut batch);
        assert_eq!(batch.finish(), Batch::Files(vec![PathBuf::from(real)]));
    }

    #[test]
    fn folders_and_lost_events_rebuild_everything() {
        let f = filter();
        let mut batch = Collected::default();
        batch.add(
            &f,
            event(
                EventKind::Remove(RemoveKind::Folder),
                &["/site/content/glossary"],
            ),
        );
        assert_eq!(batch.finish(), Batch::Everything);
        let mut batch = Collected::default();
        let renamed = EventKind::Modify(ModifyKind::Name(RenameMode::From));
        batch.add(&f, event(renamed, &["/site/content/old-folder"]));
        assert_eq!(batch.finish(), Batch::Everything);
        let mut batch = Collected::default();
        let lost = notify::Event::new(EventKind::Other).set_flag(notify::event::Flag::Rescan);
        batch.add(&f, Ok(lost));
        assert_eq!(batch.finish(), Batch::Everything);
        // Reading files is no change.
        let mut batch = Collected::default();
        let read = EventKind::Access(AccessKind::Close(AccessMode::Read));
        batch.add(&f, event(read, &["/site/content/x.md"]));
        assert!(batch.is_empty());
    }
}
