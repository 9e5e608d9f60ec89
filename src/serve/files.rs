//! Maps a request path to a file of the built site, and never to anything
//! else: `..` and `.` segments (plain or percent-encoded), encoded slashes,
//! backslashes, NUL bytes and symlinks leading out of the output folder
//! are refused. Folders are served by their `index.html`, never listed.

use std::path::{Component, Path, PathBuf};

/// What a request path leads to.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Target {
    File(PathBuf),
    /// A folder requested without its trailing slash: redirect here.
    Redirect(String),
    NotFound,
    /// The path resolves outside the output folder (through a symlink).
    Forbidden,
}

/// A request path that cannot name a file of the site.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct BadPath(pub(crate) &'static str);

/// A decoded request path: its segments and whether it ended in `/`.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct SitePath {
    pub(crate) segments: Vec<String>,
    pub(crate) trailing_slash: bool,
    /// The path as sent (still encoded), without empty segments and
    /// without a trailing slash: `/glossary/crm`.
    pub(crate) location: String,
}

/// Splits off the query, percent-decodes each segment and checks it.
pub(crate) fn decode(target: &str) -> Result<SitePath, BadPath> {
    let path = target.split(['?', '#']).next().unwrap_or_default();
    if !path.starts_with('/') {
        return Err(BadPath("the path must start with /"));
    }
    if path.contains('\\') {
        return Err(BadPath("backslashes are not allowed in paths"));
    }
    let mut segments = Vec::new();
    let mut location = String::new();
    let raw: Vec<&str> = path[1..].split('/').collect();
    for part in &raw {
        if part.is_empty() {
            continue;
        }
        location.push('/');
        location.push_str(part);
        let bytes = percent_decode(part)?;
        let segment = String::from_utf8(bytes).map_err(|_| BadPath("the path is not UTF-8"))?;
        check_segment(&segment)?;
        segments.push(segment);
    }
    Ok(SitePath {
        segments,
        trailing_slash: raw.last().is_some_and(|s| s.is_empty()),
        location,
    })
}

fn check_segment(segment: &str) -> Result<(), BadPath> {
    if segment == "." || segment == ".." {
        return Err(BadPath("dot segments are not allowed in paths"));
    }
    if segment.contains(['/', '\\']) {
        return Err(BadPath("encoded slashes are not allowed in paths"));
    }
    if segment.chars().any(char::is_control) {
        return Err(BadPath("control characters are not allowed in paths"));
    }
    // On Windows `C:` or `\\server` would replace the whole path when joined.
    let mut parts = Path::new(segment).components();
    match (parts.next(), parts.next()) {
        (Some(Component::Normal(_)), None) => Ok(()),
        _ => Err(BadPath("the path has a segment that is not a plain name")),
    }
}

pub(crate) fn percent_decode(text: &str) -> Result<Vec<u8>, BadPath> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
                .ok_or(BadPath("malformed percent escape"))?;
            out.push(u8::from_str_radix(hex, 16).map_err(|_| BadPath("malformed percent escape"))?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Ok(out)
}

/// Finds the file for `path` inside `output`.
pub(crate) fn resolve(output: &Path, path: &SitePath) -> Target {
    let Ok(root) = std::fs::canonicalize(output) else {
        return Target::NotFound;
    };
    let mut candidate = root.clone();
    candidate.extend(&path.segments);
    let Ok(real) = std::fs::canonicalize(&candidate) else {
        return Target::NotFound;
    };
    if !real.starts_with(&root) {
        return Target::Forbidden;
    }
    if real.is_dir() {
        if !path.trailing_slash && !path.segments.is_empty() {
            return Target::Redirect(format!("{}/", path.location));
        }
        let Ok(index) = std::fs::canonicalize(real.join("index.html")) else {
            return Target::NotFound;
        };
        if !index.starts_with(&root) {
            return Target::Forbidden;
        }
        return match index.is_file() {
            true => Target::File(index),
            false => Target::NotFound,
        };
    }
    match real.is_file() && !path.trailing_slash {
        true => Target::File(real),
        false => Target::NotFound,
    }
}

/// The `Content-Type` for a file name; text types carry `charset=utf-8`.
pub(crate) fn content_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json; charset=utf-8",
        "webmanifest" => "application/manifest+json; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        "wasm" => "application/wasm",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "mp3" => "audio/mpeg",
        "ogg" => "audio/ogg",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segments(target: &str) -> Vec<String> {
        decode(target).unwrap().segments
    }

    #[test]
    fn decodes_paths() {
        assert_eq!(segments("/"), Vec::<String>::new());
        assert_eq!(segments("/glossary/crm/?q=1#x"), ["glossary", "crm"]);
        assert_eq!(segments("/glossary/%C3%A4rger/"), ["glossary", "ärger"]);
        assert_eq!(segments("/a%20b.txt"), ["a b.txt"]);
        assert!(decode("/glossary/").unwrap().trailing_slash);
        assert!(!decode("/glossary").unwrap().trailing_slash);
        assert!(decode("/").unwrap().trailing_slash);
    }

    #[test]
    fn refuses_traversal_in_every_spelling() {
        for target in [
            "/../etc/passwd",
            "/glossary/../../etc/passwd",
            "/./index.html",
            "/%2e%2e/etc/passwd",
            "/%2E%2E/etc/passwd",
            "/.%2e/etc/passwd",
            "/glossary/%2e%2e%2f%2e%2e%2fetc/passwd",
            "/..%2fetc%2fpasswd",
            "/%2fetc/passwd",
            "/..\\etc\\passwd",
            "/%5c..%5cetc",
            "/a%00b",
            "/%zz",
            "/%2",
            "/%ff",
            "relative",
        ] {
            assert!(decode(target).is_err(), "{target}");
        }
    }

    #[test]
    fn resolves_files_folders_and_redirects() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        std::fs::create_dir_all(out.join("glossary/crm")).unwrap();
        std::fs::create_dir_all(out.join("empty")).unwrap();
        std::fs::write(out.join("index.html"), "home").unwrap();
        std::fs::write(out.join("glossary/crm/index.html"), "crm").unwrap();
        std::fs::write(out.join("robots.txt"), "r").unwrap();
        let real = |p: &str| std::fs::canonicalize(out.join(p)).unwrap();
        let get = |t: &str| resolve(&out, &decode(t).unwrap());
        assert_eq!(get("/"), Target::File(real("index.html")));
        assert_eq!(
            get("/glossary/crm/"),
            Target::File(real("glossary/crm/index.html"))
        );
        assert_eq!(
            get("/glossary/crm"),
            Target::Redirect("/glossary/crm/".into())
        );
        // Never a protocol-relative `//host/` redirect.
        assert_eq!(
            get("//glossary//crm"),
            Target::Redirect("/glossary/crm/".into())
        );
        assert_eq!(get("/robots.txt"), Target::File(real("robots.txt")));
        assert_eq!(get("/robots.txt/"), Target::NotFound);
        assert_eq!(get("/empty/"), Target::NotFound);
        assert_eq!(get("/missing"), Target::NotFound);
    }

    #[cfg(unix)]
    #[test]
    fn refuses_symlinks_leading_outside() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        std::fs::create_dir_all(out.join("inner")).unwrap();
        std::fs::write(dir.path().join("secret.txt"), "secret").unwrap();
        std::fs::write(out.join("inner/page.txt"), "page").unwrap();
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), out.join("leak.txt")).unwrap();
        std::os::unix::fs::symlink(dir.path(), out.join("up")).unwrap();
        std::os::unix::fs::symlink(out.join("inner/page.txt"), out.join("alias.txt")).unwrap();
        let get = |t: &str| resolve(&out, &decode(t).unwrap());
        assert_eq!(get("/leak.txt"), Target::Forbidden);
        assert_eq!(get("/up/secret.txt"), Target::Forbidden);
        assert_eq!(get("/up/"), Target::Forbidden);
        let inside = std::fs::canonicalize(out.join("inner/page.txt")).unwrap();
        assert_eq!(get("/alias.txt"), Target::File(inside));
    }

    #[test]
    fn content_types() {
        assert_eq!(
            content_type(Path::new("a/index.html")),
            "text/html; charset=utf-8"
        );
        assert_eq!(content_type(Path::new("s.CSS")), "text/css; charset=utf-8");
        assert_eq!(
            content_type(Path::new("x.js")),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(content_type(Path::new("t.csv")), "text/csv; charset=utf-8");
        assert_eq!(content_type(Path::new("p.png")), "image/png");
        assert_eq!(content_type(Path::new("noext")), "application/octet-stream");
    }
}
