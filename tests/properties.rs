//! Properties of every site, checked on generated ones (proptest): sites
//! of terms, touchpoints, journeys and pages with random wiki links —
//! existing and broken, with shown text, anchors and section prefixes —
//! headings, code and autolinked mentions.
//!
//! - A build never panics; every diagnostic names a line and column that
//!   exist in its file.
//! - Two builds of the same input are byte-identical.
//! - Every `href` and `src` of a page leads to a file of the output, or
//!   out of the site.
//! - The live preview's rebuilds (the `session` that `serve` runs) after a
//!   random sequence of edits, renames, deletions and additions leave
//!   exactly what a full build writes.
//!
//! Bounded to stay fast in `cargo test`: `PROPTEST_CASES=200 cargo test
//! --test properties` runs more.

#[path = "common/files.rs"]
#[allow(dead_code)]
mod files;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use proptest::prelude::*;
use proptest::test_runner::Config;
use touchbase::build::Options;
use touchbase::session::Session;

const BASE: &str = "https://example.com/kb/";

/// Names documents may take, and links may ask for (some name nothing).
const NAMES: &[&str] = &[
    "Kundenbindung",
    "CRM",
    "Live-Chat",
    "Onboarding",
    "Hotline",
    "Newsletter",
    "Rückgabe",
    "Außendienst",
    "Treue Programm",
    "Paket",
];
const CHANNELS: &[&str] = &["online", "offline", "service", "after-purchase"];
const STAGES: &[&str] = &["awareness", "consideration", "purchase", "loyalty"];

/// One markdown file of a generated site.
#[derive(Debug, Clone)]
struct File {
    /// Path below `content/`.
    rel: String,
    text: String,
}

/// A piece of body text.
#[derive(Debug, Clone)]
enum Piece {
    Word(usize),
    Link {
        target: usize,
        shown: bool,
        anchor: bool,
        section: bool,
    },
    Heading(usize),
    Code,
    Mention(usize),
}

fn piece() -> impl Strategy<Value = Piece> {
    prop_oneof![
        3 => (0..40usize).prop_map(Piece::Word),
        3 => (0..NAMES.len(), any::<bool>(), prop::bool::weighted(0.2), prop::bool::weighted(0.2))
            .prop_map(|(target, shown, anchor, section)| Piece::Link { target, shown, anchor, section }),
        1 => (0..NAMES.len()).prop_map(Piece::Heading),
        1 => Just(Piece::Code),
        2 => (0..NAMES.len()).prop_map(Piece::Mention),
    ]
}

fn body(pieces: &[Piece]) -> String {
    let mut out = String::from("\n");
    for piece in pieces {
        match piece {
            Piece::Word(n) => out.push_str(&format!("Wort{n} ")),
            Piece::Link {
                target,
                shown,
                anchor,
                section,
            } => {
                let prefix = if *section { "touchpoints/" } else { "" };
                let anchor = if *anchor {
                    "#Abschnitt Kundenbindung"
                } else {
                    ""
                };
                let shown = if *shown { "|gezeigter Text" } else { "" };
                out.push_str(&format!("[[{prefix}{}{anchor}{shown}]] ", NAMES[*target]));
            }
            Piece::Heading(n) => out.push_str(&format!("\n\n## Abschnitt {}\n\n", NAMES[*n])),
            Piece::Code => out.push_str("\n\n```rust\nlet x = \"[[CRM]]\";\n```\n\n"),
            Piece::Mention(n) => out.push_str(&format!("über {} ", NAMES[*n])),
        }
    }
    out.push('\n');
    out
}

fn slug(name: &str) -> String {
    touchbase::slug::slugify(name)
}

/// A term, touchpoint, journey or page named `NAMES[name]`.
fn file() -> impl Strategy<Value = File> {
    (
        0..4usize,
        0..NAMES.len(),
        prop::collection::vec(piece(), 0..12),
        // An unknown channel now and then.
        prop_oneof![9 => 0..CHANNELS.len(), 1 => Just(CHANNELS.len())],
        prop::collection::vec(0..STAGES.len(), 0..3),
        prop::collection::vec(0..NAMES.len(), 0..2),
        prop::bool::weighted(0.15),
    )
        .prop_map(|(kind, name, pieces, channel, stages, refs, english)| {
            let title = NAMES[name];
            let lang = if english { ".en" } else { "" };
            let body = body(&pieces);
            let list = |items: Vec<&str>| {
                items.iter().map(|s| format!("{s:?}")).collect::<Vec<_>>().join(", ")
            };
            let refs: Vec<&str> = refs.iter().map(|&r| NAMES[r]).collect();
            let stages: Vec<&str> = stages.iter().map(|&s| STAGES[s]).collect();
            match kind {
                0 => File {
                    rel: format!("glossary/{}{lang}.md", slug(title)),
                    text: format!(
                        "+++\ntitle = {title:?}\ndescription = \"Über {title}.\"\naliases = [\"{title}s\"]\nrelated = [{}]\n+++\n{body}",
                        list(refs)
                    ),
                },
                1 => File {
                    rel: format!("touchpoints/{}{lang}.md", slug(title)),
                    text: format!(
                        "+++\ntitle = {title:?}\ndescription = \"Kontakt {title}.\"\nchannel = {:?}\nstages = [{}]\nowner = \"Team {}\"\nterms = [{}]\n+++\n{body}",
                        CHANNELS.get(channel).unwrap_or(&"nirgends"),
                        list(stages.clone()),
                        name % 3,
                        list(refs)
                    ),
                },
                2 => {
                    let steps: String = refs
                        .iter()
                        .zip(STAGES.iter().cycle())
                        .map(|(touchpoint, stage)| {
                            format!("[[steps]]\nstage = {stage:?}\ntouchpoint = {:?}\nemotion = 1\n", slug(touchpoint))
                        })
                        .collect();
                    File {
                        rel: format!("journeys/{}{lang}.md", slug(title)),
                        text: format!("+++\ntitle = {title:?}\npersona = \"Neukundin\"\n{steps}+++\n{body}"),
                    }
                }
                _ => File {
                    rel: format!("guides/{}{lang}.md", slug(title)),
                    text: format!("+++\ntitle = {title:?}\n+++\n{body}"),
                },
            }
        })
}

/// Files with distinct paths (a later file of the same path is dropped).
fn site() -> impl Strategy<Value = Vec<File>> {
    prop::collection::vec(file(), 1..10).prop_map(|files| {
        let mut by_path: BTreeMap<String, File> = BTreeMap::new();
        for f in files {
            by_path.entry(f.rel.clone()).or_insert(f);
        }
        by_path.into_values().collect()
    })
}

const CONFIG: &str = "title = \"Eigenschaften\"\nbase_url = \"https://example.com/kb/\"\nlanguages = [\"de\", \"en\"]\n";

/// The same with broken wiki links as warnings, so most sequences of
/// changes leave a site that builds.
const LENIENT: &str = "title = \"Eigenschaften\"\nbase_url = \"https://example.com/kb/\"\nlanguages = [\"de\", \"en\"]\n[links]\nbroken = \"warning\"\n";

fn write_site(root: &Path, files: &[File], config: &str) {
    std::fs::create_dir_all(root.join("content")).unwrap();
    std::fs::write(root.join("touchbase.toml"), config).unwrap();
    for f in files {
        let path = root.join("content").join(&f.rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, &f.text).unwrap();
    }
}

fn options(root: &Path, output: PathBuf) -> Options {
    Options {
        root: root.to_path_buf(),
        output: Some(output),
        base_url: None,
        drafts: false,
        write: true,
    }
}

/// Every diagnostic's line and column exist in its file.
fn check_locations(root: &Path, report: &touchbase::build::Report) -> Result<(), TestCaseError> {
    for d in &report.diagnostics {
        let text = std::fs::read_to_string(root.join(&d.path))
            .map_err(|e| TestCaseError::fail(format!("{}: {e}: {d}", d.path.display())))?;
        let lines: Vec<&str> = text.split('\n').collect();
        prop_assert!(
            d.line >= 1 && d.line <= lines.len(),
            "line {} of {}: {d}",
            d.line,
            lines.len()
        );
        let chars = lines[d.line - 1].trim_end_matches('\r').chars().count();
        prop_assert!(
            d.column >= 1 && d.column <= chars + 1,
            "column {} of {chars}: {d}",
            d.column
        );
    }
    Ok(())
}

/// `href`/`src` values of an HTML text.
fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        for (at, _) in html.match_indices(attr) {
            let rest = &html[at + attr.len()..];
            out.push(rest[..rest.find('"').unwrap_or(0)].replace("&amp;", "&"));
        }
    }
    out
}

/// Links of output pages that lead into the site but to no file there.
fn broken_hrefs(output: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let mut broken = Vec::new();
    for (page, bytes) in output.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        for link in links(&html) {
            let inside = link
                .strip_prefix(BASE)
                .or_else(|| link.strip_prefix("/kb/"));
            let Some(path) = inside else {
                let external = link.starts_with("https://")
                    || link.starts_with("http://")
                    || link.starts_with("mailto:")
                    || link.starts_with('#');
                if !external {
                    broken.push(format!("{page}: {link} (neither inside nor outside)"));
                }
                continue;
            };
            let path = path.split(['#', '?']).next().unwrap_or_default();
            let file = match path.is_empty() || path.ends_with('/') {
                true => format!("{path}index.html"),
                false => path.to_string(),
            };
            if !output.contains_key(&file) {
                broken.push(format!("{page}: {link}"));
            }
        }
    }
    broken
}

/// `default` cases, or `PROPTEST_CASES`.
fn config(default: u32) -> Config {
    Config {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(default),
        failure_persistence: None,
        ..Config::default()
    }
}

proptest! {
    #![proptest_config(config(10))]

    #[test]
    fn any_site_builds_deterministically_with_located_diagnostics_and_whole_links(files in site()) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        write_site(&root, &files, CONFIG);
        let first = touchbase::build::run(&options(&root, dir.path().join("a"))).unwrap();
        check_locations(&root, &first)?;
        let second = touchbase::build::run(&options(&root, dir.path().join("b"))).unwrap();
        prop_assert_eq!(first.diagnostics.clone(), second.diagnostics);
        let (a, b) = (files::tree(&dir.path().join("a")), files::tree(&dir.path().join("b")));
        prop_assert!(a == b, "two builds differ");
        if !first.has_errors() {
            prop_assert!(!a.is_empty());
            let broken = broken_hrefs(&a);
            prop_assert!(broken.is_empty(), "{:#?}", broken);
        }
    }
}

/// A change to the site between two rebuilds.
#[derive(Debug, Clone)]
enum Change {
    /// Replace a file's text with that of a generated file of its kind.
    Edit(usize, File),
    /// Append text to a file's body (an edit the preview rebuilds alone).
    Append(usize, Vec<Piece>),
    Rename(usize, usize),
    Delete(usize),
    Add(File),
}

fn change() -> impl Strategy<Value = Change> {
    prop_oneof![
        2 => (any::<usize>(), file()).prop_map(|(i, f)| Change::Edit(i, f)),
        4 => (any::<usize>(), prop::collection::vec(piece(), 1..6)).prop_map(|(i, p)| Change::Append(i, p)),
        1 => (any::<usize>(), 0..NAMES.len()).prop_map(|(i, n)| Change::Rename(i, n)),
        1 => any::<usize>().prop_map(Change::Delete),
        1 => file().prop_map(Change::Add),
    ]
}

/// Applies `change` to the site at `root`; returns the paths a watcher
/// would report.
fn apply(root: &Path, files: &mut Vec<File>, change: &Change) -> Vec<PathBuf> {
    let content = root.join("content");
    let path = |rel: &str| content.join(rel);
    if files.is_empty() && !matches!(change, Change::Add(_)) {
        return Vec::new();
    }
    let pick = |i: &usize| i % files.len();
    match change {
        Change::Edit(i, new) => {
            let i = pick(i);
            files[i].text = new.text.clone();
            std::fs::write(path(&files[i].rel), &files[i].text).unwrap();
            vec![path(&files[i].rel)]
        }
        Change::Append(i, pieces) => {
            let i = pick(i);
            files[i].text.push_str(&body(pieces));
            std::fs::write(path(&files[i].rel), &files[i].text).unwrap();
            vec![path(&files[i].rel)]
        }
        Change::Rename(i, name) => {
            let i = pick(i);
            let folder = files[i]
                .rel
                .rsplit_once('/')
                .map_or("", |(f, _)| f)
                .to_string();
            let rel = format!("{folder}/{}-neu.md", slug(NAMES[*name]));
            if files.iter().any(|f| f.rel == rel) {
                return Vec::new();
            }
            std::fs::rename(path(&files[i].rel), path(&rel)).unwrap();
            let old = std::mem::replace(&mut files[i].rel, rel);
            vec![path(&old), path(&files[i].rel)]
        }
        Change::Delete(i) => {
            let removed = files.remove(pick(i));
            std::fs::remove_file(path(&removed.rel)).unwrap();
            vec![path(&removed.rel)]
        }
        Change::Add(new) => {
            if files.iter().any(|f| f.rel == new.rel) {
                return Vec::new();
            }
            let target = path(&new.rel);
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::write(&target, &new.text).unwrap();
            files.push(new.clone());
            vec![target]
        }
    }
}

proptest! {
    #![proptest_config(config(6))]

    #[test]
    fn preview_rebuilds_after_any_changes_equal_a_full_build(
        files in site(),
        changes in prop::collection::vec(change(), 1..6),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        write_site(&root, &files, LENIENT);
        let mut files = files;
        let live = dir.path().join("live");
        let mut session = Session::new(options(&root, live.clone()));
        session.build().unwrap();
        for (n, change) in changes.iter().enumerate() {
            let changed = apply(&root, &mut files, change);
            if changed.is_empty() {
                continue;
            }
            let outcome = session.rebuild(&changed).unwrap();
            session.settle().unwrap();
            let fresh = dir.path().join(format!("fresh-{n}"));
            let full = touchbase::build::run(&options(&root, fresh.clone())).unwrap();
            prop_assert_eq!(
                outcome.report.has_errors(), full.has_errors(),
                "after {:?}: {:?} / {:?}", change, outcome.report.diagnostics, full.diagnostics
            );
            if full.has_errors() {
                continue;
            }
            let (a, b) = (files::tree(&live), files::tree(&fresh));
            prop_assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>(), "after {:?}", change);
            for (path, bytes) in &b {
                prop_assert!(a[path] == *bytes, "{} differs after {:?}", path, change);
            }
        }
    }
}
