//! All file-system access. Every error names the path it concerns, so an
//! I/O failure is never a bare "No such file or directory".

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

pub fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).with_context(|| format!("reading {}", path.display()))
}

pub fn read_to_string(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))
}

pub fn write(path: &Path, contents: impl AsRef<[u8]>) -> Result<()> {
    std::fs::write(path, contents).with_context(|| format!("writing {}", path.display()))
}

pub fn create_dir_all(path: &Path) -> Result<()> {
    std::fs::create_dir_all(path).with_context(|| format!("creating folder {}", path.display()))
}

pub fn rename(from: &Path, to: &Path) -> Result<()> {
    std::fs::rename(from, to)
        .with_context(|| format!("renaming {} to {}", from.display(), to.display()))
}

pub fn remove_dir_all(path: &Path) -> Result<()> {
    std::fs::remove_dir_all(path).with_context(|| format!("removing {}", path.display()))
}

pub fn canonicalize(path: &Path) -> Result<PathBuf> {
    std::fs::canonicalize(path).with_context(|| format!("resolving {}", path.display()))
}

/// Creates a file only if it does not exist yet; never overwrites.
pub fn create_new(path: &Path, contents: impl AsRef<[u8]>) -> Result<()> {
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .with_context(|| format!("creating {}", path.display()))?;
    file.write_all(contents.as_ref())
        .with_context(|| format!("writing {}", path.display()))
}

/// Replaces a file's content as a whole: the new text goes into a
/// temporary file beside it, which then takes its place, so a failure
/// never leaves half a file.
pub fn replace(path: &Path, contents: impl AsRef<[u8]>) -> Result<()> {
    let name = path
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    let temporary = path.with_file_name(format!(".{name}.touchbase-tmp"));
    write(&temporary, contents)?;
    rename(&temporary, path)
}

/// Every file below `dir`, sorted by path, as (absolute, relative) pairs.
/// Hidden files and folders (starting with `.`) are skipped; a missing
/// `dir` yields nothing. Errors while walking are returned, never skipped.
pub fn walk_files(dir: &Path) -> Result<Vec<(PathBuf, PathBuf)>> {
    if !dir.exists() {
        return Ok(Vec::new());
    }
    let mut files = Vec::new();
    let walker = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .follow_links(true)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = entry.with_context(|| format!("listing {}", dir.display()))?;
        if entry.file_type().is_file() {
            let rel = entry
                .path()
                .strip_prefix(dir)
                .expect("walkdir yields paths below its root")
                .to_path_buf();
            files.push((entry.path().to_path_buf(), rel));
        }
    }
    Ok(files)
}

/// An open file holding an exclusive advisory lock (`flock`), released
/// when it is dropped or its process ends, however that happens.
#[derive(Debug)]
pub struct Locked {
    pub file: std::fs::File,
}

/// Opens (creating if needed) `path` and locks it exclusively. Returns
/// `Ok(None)` when another process holds the lock and `wait` is false;
/// with `wait`, blocks until the lock is free. The holder may delete the
/// file before it lets go (see [`unlock_and_remove`]): a lock taken on a
/// file that is no longer at `path` is let go and taken again.
pub fn lock(path: &Path, wait: bool) -> Result<Option<Locked>> {
    loop {
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(path)
            .with_context(|| format!("opening the lock file {}", path.display()))?;
        match flock(&file, wait) {
            Ok(true) if still_at(&file, path) => return Ok(Some(Locked { file })),
            Ok(true) => continue,
            Ok(false) => return Ok(None),
            Err(e) => return Err(e).with_context(|| format!("locking {}", path.display())),
        }
    }
}

/// Deletes the lock file `path` while `locked` still holds it, then lets
/// go: whoever waits for it takes the deleted file's lock, sees that, and
/// starts over with a new file.
pub fn unlock_and_remove(locked: Locked, path: &Path) {
    let _ = std::fs::remove_file(path);
    drop(locked);
}

/// Whether `file` is (still) the file at `path`.
#[cfg(unix)]
fn still_at(file: &std::fs::File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn still_at(_file: &std::fs::File, _path: &Path) -> bool {
    true
}

#[cfg(unix)]
fn flock(file: &std::fs::File, wait: bool) -> std::io::Result<bool> {
    use std::os::fd::AsRawFd;
    let operation = match wait {
        true => libc::LOCK_EX,
        false => libc::LOCK_EX | libc::LOCK_NB,
    };
    loop {
        // SAFETY: flock only reads the descriptor, which `file` keeps open.
        if unsafe { libc::flock(file.as_raw_fd(), operation) } == 0 {
            return Ok(true);
        }
        let e = std::io::Error::last_os_error();
        match e.kind() {
            std::io::ErrorKind::Interrupted => continue,
            std::io::ErrorKind::WouldBlock => return Ok(false),
            _ => return Err(e),
        }
    }
}

/// Without `flock` (not Unix) there is no lock: builds are not kept apart.
#[cfg(not(unix))]
fn flock(_file: &std::fs::File, _wait: bool) -> std::io::Result<bool> {
    Ok(true)
}

/// Swaps two folders in one step, so no one ever sees neither. `Ok(false)`
/// where the system cannot (not Linux, or a file system without
/// `RENAME_EXCHANGE`): the caller renames in two steps instead.
pub fn exchange(a: &Path, b: &Path) -> Result<bool> {
    exchange_paths(a, b).with_context(|| format!("swapping {} and {}", a.display(), b.display()))
}

#[cfg(target_os = "linux")]
fn exchange_paths(a: &Path, b: &Path) -> std::io::Result<bool> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| {
        CString::new(p.as_os_str().as_bytes())
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))
    };
    let (a, b) = (c(a)?, c(b)?);
    // SAFETY: both paths are NUL-terminated strings that outlive the call.
    let result = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if result == 0 {
        return Ok(true);
    }
    let e = std::io::Error::last_os_error();
    match e.raw_os_error() {
        Some(libc::EINVAL | libc::ENOSYS | libc::EOPNOTSUPP) => Ok(false),
        _ => Err(e),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange_paths(_a: &Path, _b: &Path) -> std::io::Result<bool> {
    Ok(false)
}

/// Whether a process with this id is running (on Unix; elsewhere every
/// process is taken to be running, so nothing of it is ever removed).
pub fn process_running(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return true;
        };
        if pid <= 0 {
            return true;
        }
        // SAFETY: signal 0 only checks that the process exists.
        if unsafe { libc::kill(pid, 0) } == 0 {
            return true;
        }
        // EPERM: it exists but belongs to someone else.
        std::io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

/// The entries directly inside `dir`, sorted by name.
pub fn list_dir(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut entries = Vec::new();
    for entry in std::fs::read_dir(dir).with_context(|| format!("listing {}", dir.display()))? {
        entries.push(
            entry
                .with_context(|| format!("listing {}", dir.display()))?
                .path(),
        );
    }
    entries.sort();
    Ok(entries)
}
