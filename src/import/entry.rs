//! One row into one entry: the validated front matter values of the
//! fields that have a column, plus what identifies the file (language,
//! slug, translation key). Every problem of a cell becomes a diagnostic
//! at its row and column; a row with problems yields no entry.

use toml::Value;

use super::columns::{Columns, Field};
use super::table::{Row, Table};
use super::values::{self, Miss};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Kind;
use crate::slug::slugify;

/// A row, validated.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Index of the row in `Table::rows`.
    pub row: usize,
    pub title: String,
    pub lang: String,
    /// From the `slug` column, else from the title.
    pub slug: String,
    /// From the `translation_key` column, if it has a value.
    pub translation_key: Option<String>,
    /// The value of every field with a column except the identity
    /// (`slug`, `lang`, `translation_key`) and the body, in column order;
    /// `None` for an empty cell.
    pub values: Vec<(Field, Option<Value>)>,
    /// The `body`/`Text` cell, when there is such a column and it is not empty.
    pub body: Option<String>,
}

/// Converts every non-blank row; blank rows are skipped.
pub fn entries(
    table: &Table,
    columns: &Columns,
    kind: Kind,
    config: &Config,
    lang: &str,
) -> (Vec<Entry>, Vec<Diagnostic>) {
    let mut out = Vec::with_capacity(table.rows.len());
    let mut found = Vec::new();
    let channels = values::Categories::new(&config.channels, "channel");
    let stages = values::Categories::new(&config.stages, "stage");
    for (index, row) in table.rows.iter().enumerate() {
        if row.is_blank() {
            continue;
        }
        let mut reader = RowReader {
            table,
            row,
            config,
            channels: &channels,
            stages: &stages,
            found: Vec::new(),
        };
        let entry = reader.entry(index, columns, kind, lang);
        if reader.found.is_empty() {
            out.extend(entry);
        }
        found.append(&mut reader.found);
    }
    (out, found)
}

struct RowReader<'a> {
    table: &'a Table,
    row: &'a Row,
    config: &'a Config,
    channels: &'a values::Categories<'a>,
    stages: &'a values::Categories<'a>,
    found: Vec<Diagnostic>,
}

impl RowReader<'_> {
    fn error(
        &mut self,
        column: usize,
        span: Option<std::ops::Range<usize>>,
        (message, hint): Miss,
    ) {
        let d = self
            .table
            .cell_diagnostic(Severity::Error, self.row, column, span, message)
            .with_hint(hint);
        self.found.push(d);
    }

    fn entry(&mut self, index: usize, columns: &Columns, kind: Kind, lang: &str) -> Option<Entry> {
        let title_column = columns.of(Field::Title)?;
        let title = self.row.cell(title_column).trim().to_string();
        if title.is_empty() {
            let d = self
                .table
                .cell_diagnostic(
                    Severity::Error,
                    self.row,
                    title_column,
                    Some(0..0),
                    "the row has no title",
                )
                .with_hint("fill in the title, or delete the row");
            self.found.push(d);
        }
        let mut entry = Entry {
            row: index,
            slug: slugify(&title),
            title: title.clone(),
            lang: lang.to_string(),
            translation_key: None,
            values: Vec::new(),
            body: None,
        };
        for &(column, field) in &columns.fields {
            let cell = self.row.cell(column);
            let text = cell.trim();
            match field {
                Field::Slug if !text.is_empty() => {
                    entry.slug = slugify(text);
                    if entry.slug.is_empty() {
                        self.error(column, None, (
                            format!("the slug `{text}` has no letters or digits"),
                            "write a slug such as live-chat, or leave the cell empty to use the title".into(),
                        ));
                    }
                }
                Field::Lang if !text.is_empty() => match self.language(text) {
                    Ok(code) => entry.lang = code,
                    Err(miss) => self.error(column, None, miss),
                },
                Field::TranslationKey if !text.is_empty() => {
                    entry.translation_key = Some(text.to_string());
                }
                Field::Slug | Field::Lang | Field::TranslationKey => {}
                Field::Body => {
                    let body = cell.trim_end().trim_start_matches('\n');
                    if !body.trim().is_empty() {
                        entry.body = Some(body.to_string());
                    }
                }
                _ => {
                    let value = self.value(column, field, cell);
                    entry.values.push((field, value));
                }
            }
        }
        if !title.is_empty() && entry.slug.is_empty() && !columns.has(Field::Slug) {
            let d = self
                .table
                .cell_diagnostic(
                    Severity::Error,
                    self.row,
                    title_column,
                    None,
                    format!(
                        "the title `{title}` has no letters or digits to make a file name from"
                    ),
                )
                .with_hint("add a `slug` column with a name such as live-chat");
            self.found.push(d);
        }
        if kind == Kind::Touchpoint {
            self.require_channel(columns);
        }
        Some(entry)
    }

    fn require_channel(&mut self, columns: &Columns) {
        let Some(column) = columns.of(Field::Channel) else {
            return;
        };
        if self.row.cell(column).trim().is_empty() {
            let ids: Vec<&str> = self.config.channels.iter().map(|c| c.id.as_str()).collect();
            self.error(
                column,
                Some(0..0),
                (
                    "the touchpoint has no channel".into(),
                    format!("every touchpoint needs one: {}", ids.join(", ")),
                ),
            );
        }
    }

    /// A configured language code, written in any case.
    fn language(&self, text: &str) -> Result<String, Miss> {
        let code = text.to_lowercase();
        if self.config.languages.contains(&code) {
            return Ok(code);
        }
        let hint =
            crate::suggest::did_you_mean(text, self.config.languages.iter().map(String::as_str))
                .unwrap_or_else(|| {
                    format!(
                        "use one of: {}, or add it to `languages` in touchbase.toml",
                        self.config.languages.join(", ")
                    )
                });
        Err((format!("language `{text}` is not configured"), hint))
    }

    /// The front matter value of a cell, `None` when it is empty or wrong
    /// (a wrong one is reported).
    fn value(&mut self, column: usize, field: Field, cell: &str) -> Option<Value> {
        let text = cell.trim();
        if text.is_empty() {
            return None;
        }
        let offset = cell.len() - cell.trim_start().len();
        let whole = Some(offset..offset + text.len());
        let result: Result<Value, Miss> = match field {
            Field::Aliases | Field::Related | Field::Tags | Field::Kpis | Field::Terms => {
                let items = values::split_list(cell);
                Ok(Value::Array(
                    items.into_iter().map(|(s, _)| Value::String(s)).collect(),
                ))
            }
            Field::Channel => {
                let items = values::split_list(cell);
                if items.len() > 1 {
                    Err((
                        "a touchpoint has one channel".to_string(),
                        "keep the main channel here; put other aspects into `tags`".to_string(),
                    ))
                } else {
                    match self.channels.find(&items[0].0) {
                        Ok(id) => Ok(Value::String(id.to_string())),
                        Err(miss) => {
                            self.error(column, Some(items[0].1.clone()), miss);
                            return None;
                        }
                    }
                }
            }
            Field::Stages => {
                let mut ids: Vec<Value> = Vec::new();
                for (item, span) in values::split_list(cell) {
                    match self.stages.find(&item) {
                        Ok(id) => {
                            let id = Value::String(id.to_string());
                            if !ids.contains(&id) {
                                ids.push(id);
                            }
                        }
                        Err(miss) => self.error(column, Some(span), miss),
                    }
                }
                Ok(Value::Array(ids))
            }
            Field::Ownership => values::ownership(text).map(|o| Value::String(o.as_str().into())),
            Field::Updated => values::date(text)
                .map(|d| Value::Datetime(d.parse().expect("a checked date is a TOML date"))),
            Field::Weight => values::integer(text).map(Value::Integer),
            Field::Draft => values::boolean(text).map(Value::Boolean),
            _ => Ok(Value::String(text.to_string())),
        };
        match result {
            Ok(value) => Some(value),
            Err(miss) => {
                self.error(column, whole, miss);
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::columns::match_columns;
    use crate::source::Source;

    fn config() -> Config {
        Config::parse(&Source::new(
            "touchbase.toml",
            "title = \"KB\"\nbase_url = \"https://e.com/\"\nlanguages = [\"de\", \"en\"]\n".into(),
        ))
        .unwrap()
    }

    fn table(header: &[&str], rows: &[&[&str]]) -> Table {
        Table {
            file: "t.csv".into(),
            sheet: None,
            header: header.iter().map(|s| s.to_string()).collect(),
            header_row: 1,
            first_column: 1,
            rows: rows
                .iter()
                .enumerate()
                .map(|(i, cells)| Row {
                    number: i + 2,
                    cells: cells.iter().map(|s| s.to_string()).collect(),
                })
                .collect(),
            notes: Vec::new(),
        }
    }

    fn read(t: &Table) -> (Vec<Entry>, Vec<Diagnostic>) {
        let (columns, found) = match_columns(t, Kind::Touchpoint, &[]);
        assert!(found.is_empty(), "{found:?}");
        entries(t, &columns, Kind::Touchpoint, &config(), "de")
    }

    #[test]
    fn labels_become_ids_and_lists_split() {
        let t = table(
            &["Titel", "Kanal", "Phasen", "Eigentümer", "Stand", "Sprache"],
            &[
                &[
                    "Live-Chat",
                    "Kundenservice",
                    "Abwägung;\nPurchase",
                    "Marke",
                    "10.04.2026",
                    "EN",
                ],
                &["", "", "", "", "", ""],
            ],
        );
        let (entries, found) = read(&t);
        assert!(found.is_empty(), "{found:?}");
        assert_eq!(entries.len(), 1, "the blank row is skipped");
        let e = &entries[0];
        assert_eq!((e.slug.as_str(), e.lang.as_str()), ("live-chat", "en"));
        let values: Vec<String> = e
            .values
            .iter()
            .map(|(_, v)| v.as_ref().unwrap().to_string())
            .collect();
        assert_eq!(
            values,
            [
                "\"Live-Chat\"",
                "\"service\"",
                "[\"consideration\", \"purchase\"]",
                "\"brand\"",
                "2026-04-10"
            ]
        );
    }

    #[test]
    fn every_bad_cell_is_reported_and_the_row_dropped() {
        let t = table(
            &["Titel", "Kanal", "Phasen", "Eigentümer"],
            &[
                &["Chat", "Onlne", "Kauf; Nutzng", "unsers"],
                &["", "online", "", ""],
            ],
        );
        let (entries, found) = read(&t);
        assert!(entries.is_empty());
        let got: Vec<_> = found
            .iter()
            .map(|d| (d.line, d.column, d.message.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (2, 2, "unknown channel `Onlne`"),
                (2, 3, "unknown stage `Nutzng`"),
                (2, 4, "unknown ownership `unsers`"),
                (3, 1, "the row has no title"),
            ]
        );
        assert_eq!(found[0].hint.as_deref(), Some("did you mean \"online\"?"));
        assert_eq!(found[1].line_text, "Phasen: Kauf; Nutzng");
    }
}
