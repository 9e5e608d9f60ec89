//! Valid HTML from nothing but the site itself: every page the demo, the
//! fixture sites and the CNCF corpus produce passes the Nu Html Checker
//! (vnu.jar, the W3C's validator: a pinned release of the npm package
//! `vnu-jar`, installed by this test into Cargo's test folder on first
//! use, run offline with Java), and no page, stylesheet or script of the
//! demo loads anything from another host.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::helper::{build_copy, build_fixture, touchbase, tree};
use crate::html::attr_values;

/// The Nu Html Checker release the pages are checked with.
const VNU_VERSION: &str = "26.9.27";

/// The demo site of the repository, built for its own `base_url` into a
/// temporary folder (`<tmp>/public`).
fn demo() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let public = dir.path().join("public");
    let ran = touchbase(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &["build", "--output", public.to_str().expect("a UTF-8 path")],
    );
    assert_eq!(ran.status, 0, "{}", ran.stderr);
    (dir, public)
}

/// `vnu.jar`, installed with npm on first use; `None` (after saying so)
/// when Java or npm is missing and the checks may be skipped.
fn vnu() -> Option<PathBuf> {
    let works = |program: &str, arg: &str| {
        Command::new(program)
            .arg(arg)
            .output()
            .is_ok_and(|o| o.status.success())
    };
    let prefix = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("vnu-jar-{VNU_VERSION}"));
    let jar = prefix.join("node_modules/vnu-jar/build/dist/vnu.jar");
    let what = "the HTML validation (tests/site/validity.rs)";
    if !works("java", "-version") {
        crate::skip::skip(
            what,
            "java is missing",
            "apt-get install default-jre-headless",
            &[],
        );
        return None;
    }
    if !jar.is_file() && !works("npm", "--version") {
        crate::skip::skip(what, "npm is missing", "install Node.js and npm", &[]);
        return None;
    }
    crate::npm::install(&prefix, &format!("vnu-jar@{VNU_VERSION}"), &jar)
        .unwrap_or_else(|e| panic!("{e}"));
    Some(jar)
}

/// Every error and warning the checker reports for the HTML files below
/// `dirs`, as `file:line:column: message`.
fn problems(jar: &Path, dirs: &[PathBuf]) -> Vec<String> {
    let run = Command::new("java")
        .arg("-jar")
        .arg(jar)
        .args(["--skip-non-html", "--format", "json", "--stdout"])
        .args(dirs)
        .output()
        .expect("java runs");
    let report: Value = serde_json::from_slice(&run.stdout).unwrap_or_else(|e| {
        panic!(
            "vnu.jar printed no report ({e}): {}",
            String::from_utf8_lossy(&run.stderr)
        )
    });
    report["messages"]
        .as_array()
        .expect("a list of messages")
        .iter()
        // `info` without the `warning` subtype is advice, such as the
        // trailing slash of a task list's checkbox.
        .filter(|m| m["type"] != "info" || m["subType"] == "warning")
        .map(|m| {
            format!(
                "{}:{}:{}: {} [{}] `{}`",
                m["url"].as_str().unwrap_or_default(),
                m["lastLine"],
                m["firstColumn"],
                m["message"].as_str().unwrap_or_default(),
                m["type"].as_str().unwrap_or_default(),
                m["extract"].as_str().unwrap_or_default().trim(),
            )
        })
        .collect()
}

#[test]
fn every_page_is_valid_html() {
    let Some(jar) = vnu() else { return };
    let (_demo, public) = demo();
    let mut dirs = vec![public];
    // One language or several, with code, tables, journeys, Unicode, a
    // theme of the site's own: the fixtures add what the demo lacks.
    let mut built = Vec::new();
    for case in [
        "basic",
        "crosslinks",
        "heading-ids",
        "i18n",
        "journey",
        "search",
        "source-links",
        "template-override",
        "theme",
        "unicode",
    ] {
        let site = build_fixture(case, &[]);
        site.assert_clean();
        dirs.push(site.output());
        built.push(site);
    }
    let corpus = build_copy(
        Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/corpora/cncf-glossary"
        )),
        &[],
    );
    assert_eq!(corpus.status, 0, "{}", corpus.stderr);
    dirs.push(corpus.output());
    let found = problems(&jar, &dirs);
    assert!(
        found.is_empty(),
        "{} problem(s):\n{}",
        found.len(),
        found.join("\n")
    );
}

#[test]
fn the_validator_finds_invalid_html() {
    let Some(jar) = vnu() else { return };
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("index.html"),
        "<!doctype html>\n<html lang=\"de\"><head><title>x</title></head>\n<body><p><div>x</div></p><input role=\"combobox\" type=\"search\"></body></html>\n",
    )
    .unwrap();
    let found = problems(&jar, &[dir.path().to_path_buf()]);
    let messages: Vec<&str> = found
        .iter()
        .map(|p| p.split(": ").nth(1).unwrap_or_default())
        .map(|m| m.split(" [").next().unwrap_or_default())
        .collect();
    assert_eq!(
        messages,
        [
            "No “p” element in scope but a “p” end tag seen.",
            "Bad value “combobox” for attribute “role” on element “input”."
        ],
        "{found:#?}"
    );
}

/// The origin of a URL that names a host (`https://cdn.example/x` →
/// `https://cdn.example`), or `None` for a path or a fragment.
fn origin(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .or_else(|| url.strip_prefix("//"))?;
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    Some(&url[..url.len() - rest.len() + host_end])
}

/// Every URL a page, stylesheet or script would fetch (or point a form
/// to): attribute values of every tag but `<a>`, and `url(…)` and
/// `@import` in CSS.
fn fetched(file: &str, text: &str) -> Vec<String> {
    let mut urls = Vec::new();
    if file.ends_with(".html") {
        for tag in text.split('<').skip(1) {
            let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
            let name = tag.split_whitespace().next().unwrap_or_default();
            if name == "a" || name.starts_with('/') || name.starts_with('!') {
                continue;
            }
            // rel=canonical and rel=alternate name pages, they load nothing.
            if name == "link"
                && (tag.contains("rel=\"canonical\"") || tag.contains("rel=\"alternate\""))
            {
                continue;
            }
            for attr in [
                "src", "srcset", "href", "action", "poster", "data", "content",
            ] {
                urls.extend(attr_values(tag, attr).into_iter().map(String::from));
            }
        }
    }
    if file.ends_with(".html") || file.ends_with(".css") {
        for (at, _) in text.match_indices("url(") {
            let rest = &text[at + 4..];
            let value = rest[..rest.find(')').unwrap_or(rest.len())].trim_matches(['"', '\'', ' ']);
            urls.push(value.to_string());
        }
        for (at, _) in text.match_indices("@import") {
            urls.push(text[at..].chars().take(80).collect());
        }
    }
    if file.ends_with(".js") {
        for scheme in ["http://", "https://"] {
            for (at, _) in text.match_indices(scheme) {
                urls.push(
                    text[at..]
                        .chars()
                        .take_while(|c| !"'\"` )".contains(*c))
                        .collect(),
                );
            }
        }
    }
    urls
}

#[test]
fn no_page_loads_anything_from_another_host() {
    let (_demo, public) = demo();
    // The site's own address (canonical URLs, the sitemap) is not another host.
    let own = "https://example.com";
    let mut foreign = Vec::new();
    let files = tree(&public);
    for (file, bytes) in &files {
        let Ok(text) = std::str::from_utf8(bytes) else {
            continue;
        };
        for url in fetched(file, text) {
            let other = url.starts_with("@import") || origin(&url).is_some_and(|o| o != own);
            // `content` holds meta text, not URLs, unless it names a host.
            if other {
                foreign.push(format!("{file}: {url}"));
            }
        }
    }
    assert!(foreign.is_empty(), "{foreign:#?}");
    // The scan sees what it looks for.
    assert!(files.contains_key("assets/style.css") && files.contains_key("assets/search.js"));
    assert_eq!(
        fetched(
            "x.html",
            "<link rel=\"stylesheet\" href=\"https://cdn.example/a.css\"><img src=\"//img.example/b.png\"><a href=\"https://ok.example/\">"
        )
        .iter()
        .filter_map(|u| origin(u))
        .collect::<Vec<_>>(),
        ["https://cdn.example", "//img.example"]
    );
    assert_eq!(
        fetched(
            "x.css",
            "a { background: url(\"https://font.example/f.woff2\") }"
        ),
        ["https://font.example/f.woff2"]
    );
}
