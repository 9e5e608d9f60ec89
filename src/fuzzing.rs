//! Entry points for the fuzz targets in `fuzz/` and for the property
//! tests. Each runs one part of touchbase on arbitrary input exactly as a
//! build or `serve` runs it, and returns what came out, so the caller can
//! check what must always hold: no panic, no NUL byte in any output, every
//! diagnostic inside its file, no served file outside the site.
//!
//! These functions exist for testing; they are public only so the fuzz
//! crate (a separate package) can call them, and are not a stable API.

use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::link::LinkedSite;
use crate::load::{ContentFile, Loaded};
use crate::render::{Content, OutputFile};
use crate::source::Source;
use crate::theme::Theme;

/// What one run produced.
#[derive(Debug, Default)]
pub struct Run {
    /// Output files with generated content, by path.
    pub files: BTreeMap<String, Vec<u8>>,
    pub diagnostics: Vec<Diagnostic>,
    /// The text of every input file, by the path diagnostics name.
    pub sources: BTreeMap<PathBuf, String>,
}

impl Run {
    /// Every diagnostic points at a line and column that exist in its
    /// file (column 1 past the end of a line is allowed: "missing here").
    pub fn check_locations(&self) -> Result<(), String> {
        // One source (and line table) per file, not per diagnostic: a
        // file with thousands of problems stays quick to check.
        let mut sources: BTreeMap<&Path, (Source, usize)> = BTreeMap::new();
        for d in &self.diagnostics {
            let source = match sources.entry(d.path.as_path()) {
                std::collections::btree_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::btree_map::Entry::Vacant(e) => {
                    let text = self
                        .sources
                        .get(&d.path)
                        .ok_or_else(|| format!("diagnostic for an unknown file: {d}"))?;
                    let lines = text.split('\n').count();
                    e.insert((Source::new("", text.clone()), lines))
                }
            };
            let (source, lines) = (&source.0, source.1);
            if d.line == 0 || d.line > lines {
                return Err(format!("line {} of {lines}: {d}", d.line));
            }
            let chars = source.line_text(d.line).chars().count();
            if d.column == 0 || d.column > chars + 1 {
                return Err(format!("column {} of {chars} characters: {d}", d.column));
            }
        }
        Ok(())
    }

    /// The paths of output files holding a NUL byte.
    pub fn files_with_nul(&self) -> Vec<&str> {
        self.files
            .iter()
            .filter(|(_, bytes)| bytes.contains(&0))
            .map(|(path, _)| path.as_str())
            .collect()
    }
}

/// The site every run starts from: two languages, a few cross-linked
/// entries to link to, autolink and highlight.
const CONFIG: &str =
    "title = \"Fuzz\"\nbase_url = \"https://example.com/kb/\"\nlanguages = [\"de\", \"en\"]\n";

const SITE: &[(&str, &str)] = &[
    (
        "glossary/kundenbindung.md",
        "+++\ntitle = \"Kundenbindung\"\ndescription = \"Kunden <halten> & \\\"binden\\\".\"\naliases = [\"Loyalität\", \"Customer Retention\"]\nabbreviation = \"KB\"\nrelated = [\"CRM\"]\ntags = [\"CX\"]\n+++\n\n## Messung\n\nWie [[CRM]] hilft.\n",
    ),
    (
        "glossary/kundenbindung.en.md",
        "+++\ntitle = \"Customer retention\"\ndescription = \"Keeping customers.\"\n+++\n\nSee [[Kundenbindung#Messung]].\n",
    ),
    (
        "glossary/crm.md",
        "+++\ntitle = \"Kundenbeziehungsmanagement\"\nabbreviation = \"CRM\"\ndescription = \"Pflege der Beziehungen.\"\n+++\n\n## Aufbau\n\n```rust\nfn main() {}\n```\n",
    ),
    (
        "glossary/live-chat.md",
        "+++\ntitle = \"Live-Chat\"\ndescription = \"Der Begriff.\"\n+++\n\nText.\n",
    ),
    (
        "touchpoints/live-chat.md",
        "+++\ntitle = \"Live-Chat\"\ndescription = \"Chat auf der Website.\"\nchannel = \"online\"\nstages = [\"consideration\", \"purchase\"]\nowner = \"Service\"\nkpis = [\"Antwortzeit\"]\nownership = \"brand\"\nterms = [\"Kundenbindung\"]\n+++\n\nHilft bei [[Kundenbindung]].\n",
    ),
    (
        "journeys/erstkauf.md",
        "+++\ntitle = \"Erstkauf\"\npersona = \"Neukundin\"\n[[steps]]\nstage = \"purchase\"\ntouchpoint = \"live-chat\"\nemotion = 1\nnote = \"Fragt nach.\"\n+++\n\nDie Reise.\n",
    ),
];

/// Front matter without markdown, for input that has none of its own.
const WRAPPER: &str = "+++\ntitle = \"Fuzz\"\ndescription = \"Eine Seite.\"\n+++\n";

fn config() -> &'static Config {
    static CONFIG_PARSED: OnceLock<Config> = OnceLock::new();
    CONFIG_PARSED.get_or_init(|| {
        Config::parse(&Source::new("touchbase.toml", CONFIG.into()))
            .expect("the fuzzing site's config is valid")
    })
}

fn theme() -> &'static (Theme, tera::Tera) {
    static THEME: OnceLock<(Theme, tera::Tera)> = OnceLock::new();
    THEME.get_or_init(|| {
        let (theme, _) = Theme::load(Path::new("/nonexistent/touchbase-fuzz"), "default")
            .expect("the built-in theme loads");
        let tera = crate::render::compile_templates(&theme).expect("the built-in theme compiles");
        (theme, tera)
    })
}

/// Front matter of every kind: the first line of `input` is the file's
/// path below `content/` (`glossary/crm.en.md`; a missing or odd one is
/// replaced), the rest its bytes. Split, parsed and checked alone.
pub fn front_matter(input: &[u8]) -> Run {
    let (name, bytes) = match input.iter().position(|&b| b == b'\n') {
        Some(i) => (&input[..i], &input[i + 1..]),
        None => (&b""[..], input),
    };
    let rel = std::str::from_utf8(name)
        .ok()
        .filter(|n| n.ends_with(".md") && !n.starts_with('/') && !n.contains(['\\', '\0']))
        .unwrap_or("glossary/fuzz.md");
    let file = crate::load::from_bytes(rel, bytes.to_vec(), &config().languages);
    let mut run = Run::default();
    if let Ok(split) = crate::frontmatter::split(&file.source.text) {
        assert!(split.front_matter.end <= split.body.start);
        assert!(file.source.text.is_char_boundary(split.body.start));
    }
    let loaded = Loaded {
        files: vec![file],
        ..Loaded::default()
    };
    let parsed = crate::parse::parse(config().clone(), loaded, true);
    run.diagnostics = parsed.diagnostics;
    for source in parsed.sources {
        run.sources.insert(source.path, source.text);
    }
    run
}

/// One page through the whole pipeline: `input` is a page of the site
/// above (`content/guides/fuzz.md`; text without `+++` front matter gets
/// a title), parsed, linked (wiki links, autolinks, anchors), rendered
/// with the built-in theme, with the site's exports and search index.
pub fn page(input: &str) -> Run {
    let text = match input.starts_with("+++") {
        true => input.to_string(),
        false => format!("{WRAPPER}{input}"),
    };
    site(&[("guides/fuzz.md", &text)])
}

/// The fuzzing site with `extra` files added, built without writing: the
/// pages of its documents, exports, sitemap and search index.
pub fn site(extra: &[(&str, &str)]) -> Run {
    let config = config();
    let files: Vec<ContentFile> = SITE
        .iter()
        .chain(extra)
        .map(|(rel, text)| {
            crate::load::from_bytes(rel, text.as_bytes().to_vec(), &config.languages)
        })
        .collect();
    let mut run = Run::default();
    let linked = link(files);
    for source in &linked.sources {
        run.sources.insert(source.path.clone(), source.text.clone());
    }
    run.diagnostics = linked.diagnostics.clone();
    let (theme, tera) = theme();
    let renderer = crate::render::pages::Renderer::new(&linked, theme, tera);
    let jobs = renderer.jobs();
    let mut out: Vec<OutputFile> = Vec::new();
    // Every document's page (the fuzzed one, and those showing it among
    // their backlinks), not the listings, which repeat titles only: a run
    // stays fast enough to fuzz.
    let pages = jobs
        .iter()
        .filter(|j| matches!(j, crate::render::pages::Job::Doc(_)));
    for job in pages {
        match renderer.render(job) {
            Ok(file) => out.push(file),
            Err(d) => run.diagnostics.push(d),
        }
    }
    out.extend(crate::render::site_files(&linked, theme, &renderer, &jobs));
    out.extend(crate::search::files(&linked));
    for file in out {
        if let Content::Bytes(bytes) = file.content {
            run.files.insert(file.path, bytes);
        }
    }
    run
}

fn link(files: Vec<ContentFile>) -> LinkedSite {
    let mut loaded = Loaded {
        files,
        ..Loaded::default()
    };
    for file in &mut loaded.files {
        loaded.diagnostics.extend(file.problem.take());
    }
    let parsed = crate::parse::parse(config().clone(), loaded, false);
    crate::build::link(parsed, &theme().0, true)
}

/// `touchbase.toml`: parsed and validated.
pub fn site_config(input: &str) -> Run {
    let text = input.strip_prefix('\u{feff}').unwrap_or(input);
    let source = Source::new(crate::config::CONFIG_FILE, text.to_string());
    let mut run = Run::default();
    if let Err(found) = Config::parse(&source) {
        run.diagnostics = found;
    }
    run.sources.insert(source.path, source.text);
    run
}

/// Search: `input` normalised and stemmed as the index and the client do,
/// then run as a query against the index of the site above. Returns the
/// index keys of its words.
pub fn search(input: &str) -> Vec<String> {
    use crate::search::normalize::{Stem, fold_digraphs, name, utf16_len, words};
    use crate::search::query::{Filter, Index};
    static INDEX: OnceLock<BTreeMap<String, String>> = OnceLock::new();
    let files = INDEX.get_or_init(|| {
        let run = site(&[]);
        run.files
            .into_iter()
            .filter(|(path, _)| path.starts_with("search/"))
            .map(|(path, bytes)| (path, String::from_utf8(bytes).expect("the index is UTF-8")))
            .collect()
    });
    let mut keys = Vec::new();
    for lang in ["de", "en"] {
        let stem = Stem::for_language(lang);
        keys.extend(words(input).map(|w| stem.key(&w)));
        let spaced = name(input);
        let _ = (fold_digraphs(&spaced), utf16_len(&spaced));
        let index = Index::open(|path| files.get(&format!("search/{lang}/{path}")).cloned())
            .expect("the index opens");
        for hit in index.search(input, &Filter::default()) {
            assert!(hit.id < index.rows.len());
        }
    }
    keys
}

/// What `serve` made of one request.
#[derive(Debug)]
pub struct Served {
    /// The status line of a refusal, when the request was refused.
    pub refused: Option<&'static str>,
    /// The file the request resolved to.
    pub file: Option<PathBuf>,
    /// The folder being served (canonical): every `file` lies inside it.
    pub root: PathBuf,
}

/// `serve`'s side of a request: the head parsed from `input` as it came
/// off the socket, then the path resolved against a small site folder
/// (with a symlink leading out of it) in the temporary folder.
pub fn request(input: &[u8]) -> Served {
    use crate::serve::fuzzing as serve;
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    let root = ROOT.get_or_init(serve_root);
    let (refused, file) = serve::request(input, root);
    Served {
        refused,
        file,
        root: root.clone(),
    }
}

/// A site folder for [`request`], shared by all runs of a machine.
fn serve_root() -> PathBuf {
    let root = std::env::temp_dir().join("touchbase-fuzz-serve");
    let site = root.join("site");
    for (path, text) in [
        ("index.html", "<p>start</p>"),
        ("404.html", "<p>missing</p>"),
        ("glossary/crm/index.html", "<p>crm</p>"),
        ("assets/style.css", "p{}"),
        ("search/de/names.json", "{}"),
    ] {
        let file = site.join(path);
        if !file.exists() {
            let _ = std::fs::create_dir_all(file.parent().expect("a parent"));
            let _ = std::fs::write(&file, text);
        }
    }
    let _ = std::fs::write(root.join("secret.txt"), "outside the site");
    #[cfg(unix)]
    {
        let _ = std::os::unix::fs::symlink(root.join("secret.txt"), site.join("leak.txt"));
        let _ = std::os::unix::fs::symlink("..", site.join("up"));
    }
    std::fs::canonicalize(&site).unwrap_or(site)
}

/// Reads a request head from bytes as the server does from a socket.
pub(crate) fn cursor(input: &[u8]) -> std::io::BufReader<Cursor<&[u8]>> {
    std::io::BufReader::new(Cursor::new(input))
}

/// A spreadsheet import: `input` is the bytes of a CSV file (the first
/// byte picks terms or touchpoints), read, matched to columns and planned
/// into files for the fuzzing site, as `touchbase import --dry-run` does.
/// Every problem names a row and column of the table; and when the plan
/// succeeds, every file it would write reads back as content of its kind
/// without an error, so an import never writes what the next build
/// rejects.
pub fn import(input: &[u8]) -> Run {
    use crate::diagnostic::Severity;
    use crate::import::{columns, delimited, entry, target};
    use crate::model::Kind;
    let (kind, bytes) = match input.split_first() {
        Some((b, rest)) if b % 2 == 0 => (Kind::Term, rest),
        Some((_, rest)) => (Kind::Touchpoint, rest),
        None => (Kind::Term, input),
    };
    let mut run = Run::default();
    let config = config();
    let Ok(table) = delimited::read(Path::new("import.csv"), bytes) else {
        return run;
    };
    let (columns, mut found) = columns::match_columns(&table, kind, &[]);
    if found.iter().any(Diagnostic::is_error) {
        return run;
    }
    let (entries, problems) = entry::entries(&table, &columns, kind, config, "de");
    found.extend(problems);
    let existing = target::Existing::new(&[], kind, config);
    let (files, problems) =
        target::plan(&table, &columns, &entries, kind, config, &existing, false);
    found.extend(problems);
    if found.iter().any(Diagnostic::is_error) {
        return run;
    }
    let loaded = Loaded {
        files: files
            .iter()
            .map(|p| crate::load::from_bytes(&p.rel, p.text.as_bytes().to_vec(), &config.languages))
            .collect(),
        ..Loaded::default()
    };
    let parsed = crate::parse::parse(config.clone(), loaded, true);
    for source in parsed.sources {
        run.sources.insert(source.path, source.text);
    }
    run.diagnostics = parsed
        .diagnostics
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    run
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fuzzer's finding: a journey's front matter of 43 KB with hundreds
    /// of problems, which once took the location check seconds (it built
    /// a line table per problem). Every problem lies inside the file.
    #[test]
    fn many_problems_in_one_file_are_all_located_inside_it() {
        let input = std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/fuzz/front-matter-many-problems.bin"),
        )
        .expect("the fuzzer's input");
        let run = front_matter(&input);
        assert!(
            run.diagnostics.len() > 10,
            "{} problems",
            run.diagnostics.len()
        );
        run.check_locations()
            .expect("every problem inside its file");
    }

    /// The import target on its seeds, the spreadsheets of the fixtures,
    /// as terms and as touchpoints: what plans reads back without error.
    #[test]
    fn import_target_holds_on_the_fixture_spreadsheets() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/sheets");
        let mut seen = 0;
        for entry in std::fs::read_dir(&dir).expect("the fixture sheets") {
            let path = entry.expect("a fixture sheet").path();
            if path.extension().is_none_or(|e| e != "csv") {
                continue;
            }
            let bytes = std::fs::read(&path).expect("a readable sheet");
            for kind in [0u8, 1] {
                let input: Vec<u8> = std::iter::once(kind).chain(bytes.iter().copied()).collect();
                let run = import(&input);
                assert!(
                    run.diagnostics.is_empty(),
                    "{}: {:?}",
                    path.display(),
                    run.diagnostics
                );
                seen += usize::from(!run.sources.is_empty());
            }
        }
        assert!(seen >= 2, "some sheets plan files ({seen})");
    }
}
