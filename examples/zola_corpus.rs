//! Writes the content of a touchbase site as a Zola site, so the benchmark
//! (`scripts/bench.sh --peers`) can build the same pages with Zola.
//!
//! ```text
//! cargo run --release --example zola_corpus -- SITE DIR
//! ```
//!
//! `SITE` is a touchbase site (its `content/` is read); `DIR/content/`
//! receives one Zola page per content file, with the same body:
//! - front matter keys Zola knows (`title`, `description`, `slug`, `date`,
//!   `updated`, `weight`, `draft`) stay; every other key — aliases,
//!   abbreviation, related, tags, channel, stages, steps … — moves under
//!   `[extra]`, since Zola refuses unknown keys;
//! - a wiki link `[[Name]]` or `[[Name|text]]` outside code becomes a Zola
//!   internal link `[text](@/glossary/slug.md)` to the file whose title or
//!   alias it names (in the page's language first, then the default one,
//!   terms before touchpoints before journeys), which Zola checks like
//!   touchbase does; a name nothing claims stays as plain text;
//! - every folder gets an `_index.md` (and `_index.en.md` and so on for
//!   each other language found), making it a Zola section.
//!
//! The site's configuration and templates are not written here: the
//! benchmark copies them from `scripts/zola-bench/`. Same input, same
//! output: files are walked in sorted order.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage: zola_corpus SITE DIR";

/// Front matter keys Zola accepts at the top level that the corpus uses
/// with the same meaning.
const ZOLA_KEYS: [&str; 7] = [
    "title",
    "description",
    "slug",
    "date",
    "updated",
    "weight",
    "draft",
];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [site, dir] = args.as_slice() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    match run(Path::new(site), Path::new(dir)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("zola_corpus: {e}");
            ExitCode::from(2)
        }
    }
}

/// One content file: where it is, its language and its parts.
struct Page {
    /// Relative to `content/`, with `/`: `glossary/kundenbindung.en.md`.
    rel: String,
    lang: String,
    front: toml::Table,
    body: String,
}

/// The site's languages, the default one first.
struct Languages(Vec<String>);

impl Languages {
    fn read(site: &Path) -> Result<Self, String> {
        let path = site.join("touchbase.toml");
        let text = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let config: toml::Table =
            toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        let get = |key| config.get(key).and_then(toml::Value::as_str);
        let default = get("default_language").unwrap_or("en").to_string();
        let mut all = vec![default.clone()];
        if let Some(list) = config.get("languages").and_then(toml::Value::as_array) {
            all.extend(
                list.iter()
                    .filter_map(toml::Value::as_str)
                    .filter(|l| **l != default)
                    .map(String::from),
            );
        }
        Ok(Self(all))
    }

    fn default(&self) -> &str {
        &self.0[0]
    }

    /// The language of a file name's stem (`kundenbindung.en`).
    fn of(&self, stem: &str) -> &str {
        match stem.rsplit_once('.') {
            Some((_, lang)) => self.0[1..].iter().find(|l| *l == lang),
            None => None,
        }
        .map_or(self.default(), String::as_str)
    }
}

fn run(site: &Path, dir: &Path) -> Result<(), String> {
    let languages = Languages::read(site)?;
    let content = site.join("content");
    let mut files = Vec::new();
    walk(&content, &mut files)?;
    let mut pages = Vec::with_capacity(files.len());
    for path in files {
        pages.push(read_page(&content, &path, &languages)?);
    }
    let names = names(&pages);
    let out = dir.join("content");
    let mut sections: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let (mut links, mut unresolved) = (0, 0);
    for page in &pages {
        let (body, found, missed) =
            convert_links(&page.body, [&page.lang, languages.default()], &names);
        links += found;
        unresolved += missed;
        let text = format!("+++\n{}+++\n{body}", front_matter(&page.front)?);
        write(&out.join(&page.rel), &text)?;
        let folder = page.rel.rsplit_once('/').map_or("", |(f, _)| f);
        // The folder and every folder above it are sections.
        let mut at = folder;
        loop {
            sections
                .entry(at.to_string())
                .or_default()
                .insert(page.lang.clone());
            match at.rsplit_once('/') {
                Some((up, _)) => at = up,
                None if at.is_empty() => break,
                None => at = "",
            }
        }
    }
    for (folder, langs) in &sections {
        for lang in langs {
            let name = match lang == languages.default() {
                true => "_index.md".to_string(),
                false => format!("_index.{lang}.md"),
            };
            let title = if folder.is_empty() { "Start" } else { folder };
            let text = format!("+++\ntitle = \"{title}\"\n+++\n");
            write(&out.join(folder).join(name), &text)?;
        }
    }
    println!(
        "zola_corpus: {} pages, {} sections, {links} links ({unresolved} left as text) in {}",
        pages.len(),
        sections.values().map(BTreeSet::len).sum::<usize>(),
        out.display()
    );
    Ok(())
}

/// Every `.md` file below `dir`, sorted.
fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> Result<(), String> {
    let entries = fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut paths: Vec<PathBuf> = entries
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .map_err(|e| format!("{}: {e}", dir.display()))?;
    paths.sort();
    for path in paths {
        if path.is_dir() {
            walk(&path, files)?;
        } else if path.extension().is_some_and(|e| e == "md") {
            files.push(path);
        }
    }
    Ok(())
}

fn read_page(content: &Path, path: &Path, languages: &Languages) -> Result<Page, String> {
    let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let rel = path
        .strip_prefix(content)
        .map_err(|e| e.to_string())?
        .to_string_lossy()
        .replace('\\', "/");
    let stem = rel.rsplit('/').next().unwrap_or("").trim_end_matches(".md");
    let lang = languages.of(stem).to_string();
    let rest = text
        .strip_prefix("+++\n")
        .ok_or_else(|| format!("{rel}: no `+++` front matter"))?;
    let end = rest
        .find("\n+++\n")
        .ok_or_else(|| format!("{rel}: front matter not closed"))?;
    let front: toml::Table = toml::from_str(&rest[..end + 1]).map_err(|e| format!("{rel}: {e}"))?;
    let body = rest[end + 5..].to_string();
    Ok(Page {
        rel,
        lang,
        front,
        body,
    })
}

/// Zola's keys at the top, the rest under `[extra]`.
fn front_matter(front: &toml::Table) -> Result<String, String> {
    let mut top = toml::Table::new();
    let mut extra = toml::Table::new();
    for (key, value) in front {
        match ZOLA_KEYS.contains(&key.as_str()) {
            true => top.insert(key.clone(), value.clone()),
            false => extra.insert(key.clone(), value.clone()),
        };
    }
    if !extra.is_empty() {
        top.insert("extra".into(), toml::Value::Table(extra));
    }
    toml::to_string(&top).map_err(|e| e.to_string())
}

/// (language, lower-case name) → the file a wiki link to it points at.
type Names = HashMap<(String, String), String>;

fn names(pages: &[Page]) -> Names {
    let mut names = Names::new();
    // Terms win over touchpoints, touchpoints over journeys.
    let rank = |rel: &str| match rel.split('/').next() {
        Some("glossary") => 0,
        Some("touchpoints") => 1,
        _ => 2,
    };
    let mut ordered: Vec<&Page> = pages.iter().collect();
    ordered.sort_by_key(|p| rank(&p.rel));
    for page in ordered {
        let mut own = Vec::new();
        for key in ["title", "abbreviation"] {
            own.extend(page.front.get(key).and_then(toml::Value::as_str));
        }
        if let Some(aliases) = page.front.get("aliases").and_then(toml::Value::as_array) {
            own.extend(aliases.iter().filter_map(toml::Value::as_str));
        }
        for name in own {
            names
                .entry((page.lang.clone(), name.to_lowercase()))
                .or_insert_with(|| page.rel.clone());
        }
    }
    names
}

/// The body with wiki links outside fenced code turned into internal
/// links; also returns how many were converted and how many not.
fn convert_links(body: &str, langs: [&str; 2], names: &Names) -> (String, usize, usize) {
    let mut out = String::with_capacity(body.len() + body.len() / 8);
    let (mut found, mut missed) = (0, 0);
    let mut in_code = false;
    for line in body.split_inclusive('\n') {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
        }
        if in_code || !line.contains("[[") {
            out.push_str(line);
            continue;
        }
        let mut rest = line;
        while let Some(start) = rest.find("[[") {
            let Some(len) = rest[start + 2..].find("]]") else {
                break;
            };
            let inner = &rest[start + 2..start + 2 + len];
            // In a table cell the pipe is escaped: `[[Name\|text]]`.
            let (target, text) = inner
                .split_once("\\|")
                .or_else(|| inner.split_once('|'))
                .unwrap_or((inner, inner));
            out.push_str(&rest[..start]);
            let file = langs
                .iter()
                .find_map(|l| names.get(&(l.to_string(), target.trim().to_lowercase())));
            match file {
                Some(file) => {
                    found += 1;
                    out.push_str(&format!("[{}](@/{file})", text.replace(['[', ']'], "")));
                }
                None => {
                    missed += 1;
                    out.push_str(text);
                }
            }
            rest = &rest[start + 2 + len + 2..];
        }
        out.push_str(rest);
    }
    (out, found, missed)
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}
