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
