//! The search index of a session, built beside its rebuilds: started at
//! a quiet moment from a snapshot of the site, called off by the next
//! rebuild (after which it writes nothing), collected when done.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};

use anyhow::Result;

use super::{ChangedFiles, Session};
use crate::render::Sink;

/// A function run on the indexing thread before it starts.
pub type IndexHook = Arc<dyn Fn() + Send + Sync>;

/// A search index build running on its own thread.
pub(super) struct Indexer {
    /// Set when a rebuild overtakes it: it writes nothing more.
    cancel: Arc<AtomicBool>,
    /// Held while it writes one file, so that once a rebuild has set
    /// `cancel` and taken this lock, no index file is written any more.
    writing: Arc<Mutex<()>>,
    done: Receiver<Result<Vec<String>>>,
}

impl Indexer {
    /// Calls the build off; returns once it can write nothing more (at
    /// most the file it is writing is finished), without waiting for it.
    pub(super) fn cancel(self) {
        self.cancel.store(true, Ordering::SeqCst);
        drop(self.writing.lock().unwrap_or_else(|e| e.into_inner()));
    }
}

impl Session {
    /// Whether a rebuild left work for [`settle`](Self::settle).
    pub fn pending(&self) -> bool {
        self.search_pending && self.kept.is_some()
    }

    /// Whether a search index is being built beside.
    pub fn indexing(&self) -> bool {
        self.indexer.is_some()
    }

    /// What `serve` does when no change has come for a moment: starts
    /// bringing the search index up to date on a thread of its own, from
    /// the current state, and returns at once. A rebuild that comes
    /// meanwhile calls it off; [`poll_index`](Self::poll_index) collects it.
    pub fn idle(&mut self) {
        if !self.pending() || self.indexer.is_some() {
            return;
        }
        let Some(kept) = &self.kept else {
            return;
        };
        let linked = Arc::clone(&kept.linked);
        let sink = ChangedFiles::new(&kept.output_dir);
        let cancel = Arc::new(AtomicBool::new(false));
        let writing = Arc::new(Mutex::new(()));
        let (sender, done) = mpsc::channel();
        let hook = self.index_hook.clone();
        let (stop, lock) = (Arc::clone(&cancel), Arc::clone(&writing));
        let spawned = std::thread::Builder::new()
            .name("touchbase-index".into())
            .spawn(move || {
                if let Some(hook) = hook {
                    hook();
                }
                let written =
                    write_index(&linked, &sink, &stop, &lock).map(|()| sink.into_changed());
                let _ = sender.send(written);
            });
        // Without a thread, the next `settle` does it.
        if spawned.is_ok() {
            self.indexer = Some(Indexer {
                cancel,
                writing,
                done,
            });
        }
    }

    /// The outcome of the index build started by [`idle`](Self::idle),
    /// once it has finished: the output files it changed.
    pub fn poll_index(&mut self) -> Option<Result<Vec<String>>> {
        let indexer = self.indexer.as_ref()?;
        let result = match indexer.done.try_recv() {
            Ok(result) => result,
            Err(mpsc::TryRecvError::Empty) => return None,
            Err(mpsc::TryRecvError::Disconnected) => Err(anyhow::anyhow!(
                "building the search index stopped unexpectedly"
            )),
        };
        self.indexer = None;
        // A failure is tried again at the next quiet moment.
        if result.is_ok() {
            self.search_pending = false;
        }
        Some(result)
    }

    /// Finishes what a rebuild left for later (the search index), so the
    /// output equals a full build again, and returns the output files it
    /// changed. Waits for an index build running beside.
    pub fn settle(&mut self) -> Result<Vec<String>> {
        if let Some(indexer) = &self.indexer {
            let result = indexer
                .done
                .recv()
                .unwrap_or_else(|_| Err(anyhow::anyhow!("building the search index stopped")));
            self.indexer = None;
            let changed = result?;
            self.search_pending = false;
            return Ok(changed);
        }
        let Some(kept) = self.kept.as_ref().filter(|_| self.search_pending) else {
            return Ok(Vec::new());
        };
        let sink = ChangedFiles::new(&kept.output_dir);
        crate::search::write(&kept.linked, None, &sink)?;
        self.search_pending = false;
        Ok(sink.into_changed())
    }

    /// Calls off an index build running beside; it writes nothing more.
    pub(super) fn cancel_index(&mut self) {
        if let Some(indexer) = self.indexer.take() {
            indexer.cancel();
        }
    }
}

/// Builds the search index of `linked` and writes the files that changed,
/// one at a time under `writing`, until `cancel` is set.
fn write_index(
    linked: &crate::link::LinkedSite,
    sink: &ChangedFiles,
    cancel: &AtomicBool,
    writing: &Mutex<()>,
) -> Result<()> {
    for file in crate::search::files(linked) {
        let _writing = writing.lock().unwrap_or_else(|e| e.into_inner());
        if cancel.load(Ordering::SeqCst) {
            anyhow::bail!("the search index build was called off");
        }
        sink.put(file)?;
    }
    Ok(())
}
