//! Where each entry goes and what its file will hold. A row becomes
//! `content/<section>/<name>.md`, or `<name>.<lang>.md` for a language
//! other than the default, where the name is the entry's translation key
//! when it has one that can be a file name (so translations share a file
//! name, like `crm.md` and `crm.en.md`), else its slug. A row meets an
//! existing page when that page has the same language and slug, or its
//! file has the row's name: without `--update` that is an error, with it
//! the front matter is rewritten from the row and the body kept byte for
//! byte. Two rows making the same page are an error naming both.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use anyhow::Result;
use toml::{Table as TomlTable, Value};

use super::columns::{Columns, Field};
use super::emit;
use super::entry::Entry;
use super::table::Table;
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Severity};
use crate::load::ContentFile;
use crate::model::Kind;
use crate::slug::slugify;

/// What happens to one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Create,
    Update,
    /// The file exists and already says what the row says: left alone.
    Unchanged,
}

/// One file the import writes (or would write).
#[derive(Debug, Clone)]
pub struct Planned {
    /// Relative to `content/`, with `/`: `touchpoints/live-chat.md`.
    pub rel: String,
    /// The spreadsheet row it comes from.
    pub row: usize,
    pub action: Action,
    /// The whole new text of the file.
    pub text: String,
}

/// The pages of one section that exist already.
#[derive(Debug, Default)]
pub struct Existing {
    /// `(lang, slug)` → file, relative to `content/`.
    by_url: HashMap<(String, String), String>,
    /// `(lang, translation_key)` → file.
    by_key: HashMap<(String, String), String>,
    /// Every markdown file of the section, parsed or not.
    files: BTreeSet<String>,
    /// The text of every file of the section.
    texts: HashMap<String, String>,
}

impl Existing {
    /// Indexes the section's files among `files` (as `load` read them).
    pub fn new(files: &[ContentFile], kind: Kind, config: &Config) -> Self {
        let mut existing = Existing::default();
        for (index, file) in files.iter().enumerate() {
            if file.kind != kind {
                continue;
            }
            existing.files.insert(file.rel.clone());
            existing
                .texts
                .insert(file.rel.clone(), file.source.text.clone());
            if let (Some(doc), _) = crate::parse::parse_file(config, file, index) {
                let meta = doc.meta();
                existing
                    .by_url
                    .insert((meta.lang.clone(), meta.slug.clone()), file.rel.clone());
                existing.by_key.insert(
                    (meta.lang.clone(), meta.translation_key.clone()),
                    file.rel.clone(),
                );
            }
        }
        existing
    }
}

/// Plans the files for `entries`: a diagnostic for every conflict.
pub fn plan(
    table: &Table,
    columns: &Columns,
    entries: &[Entry],
    kind: Kind,
    config: &Config,
    existing: &Existing,
    update: bool,
) -> (Vec<Planned>, Vec<Diagnostic>) {
    let mut planner = Planner {
        table,
        columns,
        kind,
        config,
        existing,
        update,
        seen_url: HashMap::new(),
        seen_key: HashMap::new(),
        seen_file: HashMap::new(),
        found: Vec::new(),
        bodies_kept: 0,
    };
    let planned = entries.iter().filter_map(|e| planner.entry(e)).collect();
    if let (true, Some(column)) = (planner.bodies_kept > 0, columns.of(Field::Body)) {
        let d = table
            .header_diagnostic(
                Severity::Warning,
                column,
                format!(
                    "the `{}` column is not applied to the {} existing file{} of the import",
                    table.column_name(column),
                    planner.bodies_kept,
                    if planner.bodies_kept == 1 { "" } else { "s" }
                ),
            )
            .with_hint("--update keeps the text of existing files as it is; edit it in the files");
        planner.found.push(d);
    }
    (planned, planner.found)
}

struct Planner<'a> {
    table: &'a Table,
    columns: &'a Columns,
    kind: Kind,
    config: &'a Config,
    existing: &'a Existing,
    update: bool,
    seen_url: HashMap<(String, String), usize>,
    seen_key: HashMap<(String, String), usize>,
    seen_file: HashMap<String, usize>,
    found: Vec<Diagnostic>,
    /// Existing files whose row has a body that is not applied.
    bodies_kept: usize,
}

impl Planner<'_> {
    fn row_number(&self, entry: &Entry) -> usize {
        self.table.rows[entry.row].number
    }

    /// An error at the entry's slug cell (else its title cell).
    fn error(&mut self, entry: &Entry, message: String, hint: String) {
        let column = self
            .columns
            .of(Field::Slug)
            .filter(|&c| !self.table.rows[entry.row].cell(c).trim().is_empty())
            .or_else(|| self.columns.of(Field::Title))
            .unwrap_or(0);
        let d = self
            .table
            .cell_diagnostic(
                Severity::Error,
                &self.table.rows[entry.row],
                column,
                None,
                message,
            )
            .with_hint(hint);
        self.found.push(d);
    }

    /// The file name without `.md`: the translation key when it is a
    /// valid file name, else the slug; with the language suffix.
    fn file_name(&self, entry: &Entry) -> (String, String) {
        let stem = match &entry.translation_key {
            Some(key) if slugify(key) == *key => key.clone(),
            _ => entry.slug.clone(),
        };
        let suffix = if entry.lang == self.config.default_language {
            String::new()
        } else {
            format!(".{}", entry.lang)
        };
        let rel = format!("{}/{stem}{suffix}.md", self.kind.section());
        (stem, rel)
    }

    fn entry(&mut self, entry: &Entry) -> Option<Planned> {
        let row = self.row_number(entry);
        let what = self.kind.name();
        let (stem, rel) = self.file_name(entry);
        let key = entry
            .translation_key
            .clone()
            .unwrap_or_else(|| stem.clone());
        let url = (entry.lang.clone(), entry.slug.clone());
        if let Some(first) = self.seen_url.insert(url.clone(), row) {
            self.error(
                entry,
                format!("rows {first} and {row} both make the {what} `{}` ({})", entry.slug, entry.lang),
                format!("give one of them another title, or a `slug` column value; a {what}'s slug is unique per language"),
            );
            return None;
        }
        if let Some(first) = self.seen_key.insert((entry.lang.clone(), key.clone()), row) {
            self.error(
                entry,
                format!(
                    "rows {first} and {row} both are the `{}` translation of `{key}`",
                    entry.lang
                ),
                "give each row its own `translation_key`".into(),
            );
            return None;
        }
        if let Some(first) = self.seen_file.insert(rel.clone(), row) {
            self.error(
                entry,
                format!("rows {first} and {row} both make the file content/{rel}"),
                "give one of them another `slug` or `translation_key`".into(),
            );
            return None;
        }
        let found = self
            .existing
            .by_url
            .get(&url)
            .cloned()
            .or_else(|| self.existing.files.contains(&rel).then(|| rel.clone()));
        if let Some(other) = self.existing.by_key.get(&(entry.lang.clone(), key.clone())) {
            if found.as_ref() != Some(other) {
                self.error(
                    entry,
                    format!("content/{other} already is the `{}` translation of `{key}`", entry.lang),
                    format!("to update that {what}, give the row its slug; else give the row another `translation_key`"),
                );
                return None;
            }
        }
        match found {
            None => Some(self.create(entry, row, &stem, rel)),
            Some(existing) if !self.update => {
                self.error(
                    entry,
                    format!("content/{existing} already exists"),
                    "run the import with --update to rewrite its front matter from the row (its text is kept), or remove the row".into(),
                );
                None
            }
            Some(existing) => self.update(entry, row, existing),
        }
    }

    /// The values of the row's cells, set or removed in `table`.
    fn apply(&self, entry: &Entry, table: &mut TomlTable) {
        table.insert("title".into(), Value::String(entry.title.clone()));
        for (field, value) in &entry.values {
            match value {
                Some(v) if !matches!(v, Value::Array(a) if a.is_empty()) => {
                    table.insert(field.key().into(), v.clone());
                }
                _ => {
                    table.remove(field.key());
                }
            }
        }
    }

    fn create(&self, entry: &Entry, row: usize, stem: &str, rel: String) -> Planned {
        let mut table = TomlTable::new();
        self.apply(entry, &mut table);
        if entry.slug != slugify(stem) {
            table.insert("slug".into(), Value::String(entry.slug.clone()));
        }
        if let Some(key) = entry.translation_key.as_ref().filter(|k| *k != stem) {
            table.insert("translation_key".into(), Value::String(key.clone()));
        }
        let mut text = emit::front_matter(&table);
        if let Some(body) = &entry.body {
            text.push('\n');
            text.push_str(body);
            text.push('\n');
        }
        Planned {
            rel,
            row,
            action: Action::Create,
            text,
        }
    }

    fn update(&mut self, entry: &Entry, row: usize, rel: String) -> Option<Planned> {
        let text = &self.existing.texts[&rel];
        let old = match read_front_matter(text) {
            Ok(old) => old,
            Err(message) => {
                self.error(
                    entry,
                    format!("content/{rel} cannot be updated: {message}"),
                    format!("fix the front matter of content/{rel} (`touchbase check` shows where), then import again"),
                );
                return None;
            }
        };
        let mut table = old.0.clone();
        self.apply(entry, &mut table);
        if entry.body.is_some() {
            self.bodies_kept += 1;
        }
        let (stem, suffix) = crate::load::split_name(&rel, &self.config.languages);
        if self.columns.has(Field::Slug) {
            set_or_remove(
                &mut table,
                "slug",
                (entry.slug != slugify(stem)).then(|| entry.slug.clone()),
            );
        }
        if self.columns.has(Field::Lang) {
            let by_name = suffix.unwrap_or(&self.config.default_language);
            set_or_remove(
                &mut table,
                "lang",
                (entry.lang != by_name).then(|| entry.lang.clone()),
            );
        }
        if self.columns.has(Field::TranslationKey) {
            let key = entry.translation_key.clone().filter(|k| k != stem);
            set_or_remove(&mut table, "translation_key", key);
        }
        if table == old.0 {
            return Some(Planned {
                rel,
                row,
                action: Action::Unchanged,
                text: text.clone(),
            });
        }
        Some(Planned {
            rel,
            row,
            action: Action::Update,
            text: format!("{}{}", emit::front_matter(&table), &text[old.1]),
        })
    }
}

fn set_or_remove(table: &mut TomlTable, key: &str, value: Option<String>) {
    match value {
        Some(v) => {
            table.insert(key.into(), Value::String(v));
        }
        None => {
            table.remove(key);
        }
    }
}

/// A file's front matter as a table, and where its body starts.
fn read_front_matter(text: &str) -> Result<(TomlTable, std::ops::Range<usize>), String> {
    let split = crate::frontmatter::split(text).map_err(|e| e.message().to_string())?;
    let table: TomlTable = toml::from_str(&text[split.front_matter.clone()])
        .map_err(|e| format!("its front matter is not valid TOML ({})", e.message()))?;
    Ok((table, split.body))
}

/// Writes the planned files: new ones only if they still do not exist,
/// changed ones through a temporary file, so each file is whole.
pub fn write(root: &Path, planned: &[Planned]) -> Result<()> {
    let content = root.join(crate::load::CONTENT_DIR);
    for p in planned {
        let path = content.join(&p.rel);
        match p.action {
            Action::Create => {
                if let Some(dir) = path.parent() {
                    crate::fs::create_dir_all(dir)?;
                }
                crate::fs::create_new(&path, &p.text)?;
            }
            Action::Update => crate::fs::replace(&path, &p.text)?,
            Action::Unchanged => {}
        }
    }
    Ok(())
}
