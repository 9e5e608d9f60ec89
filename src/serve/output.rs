//! The private output folder of a preview: in the system's temporary
//! folder, never the site's `public/`, so a preview cannot overwrite a
//! real build. A server stopped with Ctrl-C cannot remove its folder, so
//! the next server of the same site removes those whose port nobody
//! listens on any more: left-overs do not pile up.

use std::hash::{Hash, Hasher};
use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};

use anyhow::Result;

/// `<temp>/touchbase-serve-<site hash>-<port>/`, removed when dropped.
#[derive(Debug)]
pub(crate) struct Folder {
    path: PathBuf,
    site: PathBuf,
}

impl Folder {
    /// Creates the folder for the site at `root` (canonical) served on
    /// `addr` (already bound), removing those earlier runs left behind.
    pub(crate) fn create(root: &Path, addr: SocketAddr) -> Result<Self> {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        root.hash(&mut hasher);
        addr.ip().hash(&mut hasher);
        let prefix = format!("touchbase-serve-{:016x}-", hasher.finish());
        let temp = std::env::temp_dir();
        let path = temp.join(format!("{prefix}{}", addr.port()));
        if path.exists() {
            crate::fs::remove_dir_all(&path)?;
        }
        remove_left_overs(&temp, &prefix, addr);
        crate::fs::create_dir_all(&path)?;
        Ok(Self {
            site: path.join("site"),
            path,
        })
    }

    /// The folder itself (the build stages its output beside `site`).
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// Where the built site is.
    pub(crate) fn site(&self) -> &Path {
        &self.site
    }
}

/// Removes the folders of earlier servers of this site and address
/// whose port is free again: their server is gone.
fn remove_left_overs(temp: &Path, prefix: &str, addr: SocketAddr) {
    let Ok(entries) = std::fs::read_dir(temp) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(port) = name
            .strip_prefix(prefix)
            .and_then(|p| p.parse::<u16>().ok())
        else {
            continue;
        };
        if port == addr.port() || TcpListener::bind((addr.ip(), port)).is_err() {
            continue;
        }
        if let Err(e) = crate::fs::remove_dir_all(&entry.path()) {
            crate::cmd::eprint(&format!("warning: {e:#}\n"));
        }
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn left_overs_of_the_same_site_are_removed() {
        let site = Path::new("/sites/touchbase-output-test");
        // A port nobody listens on any more, and one that is taken.
        let free = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap();
        let taken = TcpListener::bind("127.0.0.1:0").unwrap();
        let busy = Folder::create(site, taken.local_addr().unwrap()).unwrap();
        let old = Folder::create(site, free).unwrap();
        let other_site = Folder::create(Path::new("/sites/other"), free).unwrap();
        assert!(old.path().is_dir() && old.site().starts_with(old.path()));
        assert_ne!(old.path(), other_site.path());
        // Folders left behind by servers stopped with Ctrl-C.
        let (old, busy, other_site) = (leave(old), leave(busy), leave(other_site));
        let me = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap();
        let new = Folder::create(site, me).unwrap();
        assert!(new.path().is_dir());
        assert!(
            !old.exists(),
            "the left-over of a stopped server is removed"
        );
        assert!(busy.exists(), "a running server keeps its folder");
        assert!(other_site.exists(), "another site's folder is left alone");
        let path = new.path().to_path_buf();
        drop(new);
        assert!(!path.exists());
        for dir in [busy, other_site] {
            std::fs::remove_dir_all(dir).unwrap();
        }
    }

    /// Forgets a folder without removing it, as a killed server does.
    fn leave(folder: Folder) -> PathBuf {
        let path = folder.path().to_path_buf();
        std::mem::forget(folder);
        path
    }
}
