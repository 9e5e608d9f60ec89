//! Which column holds which field: by the field's name or its German
//! label (`Titel`, `Kanal`, `Phasen` …), ignoring case, umlaut spelling,
//! surrounding spaces and a trailing colon, or as `--map "Spalte=field"`
//! says. Columns the build adds to its exports (`url`, `journeys`,
//! `touchpoints`) are skipped quietly; any other unknown column is
//! reported once and skipped.

use super::table::Table;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Kind;
use crate::slug::fold;

/// A front matter field a column can fill, or the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    Title,
    Description,
    Slug,
    Lang,
    TranslationKey,
    Aliases,
    Abbreviation,
    Related,
    Channel,
    Stages,
    Owner,
    Kpis,
    Ownership,
    Terms,
    Tags,
    Updated,
    Weight,
    Draft,
    Body,
}

/// Which kinds a field belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Only {
    Both,
    Terms,
    Touchpoints,
}

/// Every field: its front matter key, its kinds, and the other names a
/// column may have (compared after [`normalise`]).
const FIELDS: &[(Field, &str, Only, &[&str])] = &[
    (Field::Title, "title", Only::Both, &["titel", "name"]),
    (
        Field::Description,
        "description",
        Only::Both,
        &["beschreibung", "kurzbeschreibung"],
    ),
    (Field::Slug, "slug", Only::Both, &[]),
    (Field::Lang, "lang", Only::Both, &["language", "sprache"]),
    (
        Field::TranslationKey,
        "translation_key",
        Only::Both,
        &["translation key", "uebersetzungsschluessel"],
    ),
    (
        Field::Aliases,
        "aliases",
        Only::Terms,
        &["alias", "aliase", "synonyme", "synonym", "synonyme/aliase"],
    ),
    (
        Field::Abbreviation,
        "abbreviation",
        Only::Terms,
        &["abkuerzung", "kuerzel"],
    ),
    (
        Field::Related,
        "related",
        Only::Terms,
        &["verwandte begriffe", "siehe auch"],
    ),
    (Field::Channel, "channel", Only::Touchpoints, &["kanal"]),
    (
        Field::Stages,
        "stages",
        Only::Touchpoints,
        &["stage", "phase", "phasen", "phase/phasen"],
    ),
    (
        Field::Owner,
        "owner",
        Only::Touchpoints,
        &["verantwortlich", "verantwortung"],
    ),
    (
        Field::Kpis,
        "kpis",
        Only::Touchpoints,
        &["kpi", "kennzahlen", "kennzahl", "kennzahlen/kpis"],
    ),
    (
        Field::Ownership,
        "ownership",
        Only::Touchpoints,
        &["eigentuemer"],
    ),
    (
        Field::Terms,
        "terms",
        Only::Touchpoints,
        &["term", "begriffe", "glossar"],
    ),
    (
        Field::Tags,
        "tags",
        Only::Both,
        &["tag", "schlagwoerter", "schlagworte", "schlagwort"],
    ),
    (
        Field::Updated,
        "updated",
        Only::Both,
        &["aktualisiert", "stand"],
    ),
    (
        Field::Weight,
        "weight",
        Only::Both,
        &["gewicht", "gewichtung", "reihenfolge"],
    ),
    (Field::Draft, "draft", Only::Both, &["entwurf"]),
    (Field::Body, "body", Only::Both, &["text", "inhalt"]),
];

/// Columns of the build's CSV exports that are computed, not front matter.
const COMPUTED: &[&str] = &["url", "journeys", "touchpoints", "source"];

impl Field {
    /// The front matter key (`body` for the body).
    pub fn key(self) -> &'static str {
        FIELDS.iter().find(|f| f.0 == self).map_or("", |f| f.1)
    }

    fn only(self) -> Only {
        FIELDS
            .iter()
            .find(|f| f.0 == self)
            .map_or(Only::Both, |f| f.2)
    }

    /// Whether a file of `kind` has this field.
    pub fn belongs_to(self, kind: Kind) -> bool {
        match self.only() {
            Only::Both => true,
            Only::Terms => kind == Kind::Term,
            Only::Touchpoints => kind == Kind::Touchpoint,
        }
    }
}

/// A column name as compared: umlauts spelt out, lowercase, spaces
/// collapsed, `_` and `-` as spaces, a trailing colon dropped.
pub fn normalise(name: &str) -> String {
    let name = name.trim().trim_end_matches(':').trim_end();
    fold(&name.replace(['_', '-'], " "))
}

/// Names of the title column that only make sense for one kind.
const TITLE_OF: &[(Kind, &str)] = &[
    (Kind::Term, "begriff"),
    (Kind::Term, "fachbegriff"),
    (Kind::Touchpoint, "touchpoint"),
    (Kind::Touchpoint, "kontaktpunkt"),
];

/// The field a column name means for `kind`, if any.
pub fn field_for(name: &str, kind: Kind) -> Option<Field> {
    let wanted = normalise(name);
    if TITLE_OF.iter().any(|&(k, n)| k == kind && n == wanted) {
        return Some(Field::Title);
    }
    field_named(name)
}

/// The field a column name means, if any (for any kind).
pub fn field_named(name: &str) -> Option<Field> {
    let wanted = normalise(name);
    FIELDS
        .iter()
        .find(|(_, key, _, labels)| normalise(key) == wanted || labels.contains(&wanted.as_str()))
        .map(|f| f.0)
}

/// The names a user could have meant, for "did you mean".
fn known_names(kind: Kind) -> Vec<&'static str> {
    FIELDS
        .iter()
        .filter(|f| f.0.belongs_to(kind))
        .map(|f| f.1)
        .chain(LABELS.iter().copied())
        .collect()
}

/// The German labels as DESIGN.md spells them, for suggestions.
const LABELS: &[&str] = &[
    "Titel",
    "Beschreibung",
    "Synonyme",
    "Abkürzung",
    "Verwandte Begriffe",
    "Schlagwörter",
    "Kanal",
    "Phasen",
    "Verantwortlich",
    "Kennzahlen",
    "Eigentümer",
    "Begriffe",
    "Sprache",
    "Text",
];

/// What each column of a table is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Columns {
    /// `(column index, field)`, in column order.
    pub fields: Vec<(usize, Field)>,
}

impl Columns {
    /// The index of the column holding `field`.
    pub fn of(&self, field: Field) -> Option<usize> {
        self.fields.iter().find(|c| c.1 == field).map(|c| c.0)
    }

    pub fn has(&self, field: Field) -> bool {
        self.of(field).is_some()
    }
}

/// One `--map "Column=field"`: the column's name, and the field (`None`:
/// skip the column quietly).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mapping {
    pub column: String,
    pub field: Option<Field>,
}

/// Parses a `--map` argument. `Err` is a message for the command line.
pub fn parse_mapping(text: &str, kind: Kind) -> Result<Mapping, String> {
    let Some((column, field)) = text.rsplit_once('=') else {
        return Err(format!(
            "--map {text:?}: write it as \"Column=field\", e.g. --map \"Team=owner\""
        ));
    };
    let column = column.trim().to_string();
    if column.is_empty() {
        return Err(format!("--map {text:?}: the column name is empty"));
    }
    let field = field.trim();
    if field.is_empty() || field == "-" {
        return Ok(Mapping {
            column,
            field: None,
        });
    }
    match field_for(field, kind).filter(|f| f.belongs_to(kind)) {
        Some(f) => Ok(Mapping {
            column,
            field: Some(f),
        }),
        None => {
            let names = known_names(kind);
            let hint =
                crate::suggest::did_you_mean(field, names.iter().copied()).unwrap_or_else(|| {
                    let keys: Vec<&str> = FIELDS
                        .iter()
                        .filter(|f| f.0.belongs_to(kind))
                        .map(|f| f.1)
                        .collect();
                    format!("fields of a {}: {}", kind.name(), keys.join(", "))
                });
            Err(format!(
                "--map {text:?}: `{field}` is not a field of a {}\n  hint: {hint}; `-` skips the column",
                kind.name()
            ))
        }
    }
}

/// Matches the header of `table` to fields. Problems (a missing title
/// column, two columns for one field) are errors; unknown columns are
/// warnings. A `--map` naming no column is an error too.
pub fn match_columns(table: &Table, kind: Kind, maps: &[Mapping]) -> (Columns, Vec<Diagnostic>) {
    let mut columns = Columns { fields: Vec::new() };
    let mut found = Vec::new();
    let mut used = vec![false; maps.len()];
    for (index, name) in table.header.iter().enumerate() {
        if name.trim().is_empty() {
            let has_data = table.rows.iter().any(|r| !r.cell(index).trim().is_empty());
            if has_data {
                found.push(
                    table
                        .header_diagnostic(
                            Severity::Warning,
                            index,
                            format!(
                                "column {} has no name; its cells are skipped",
                                super::table::column_letter(table.column_number(index))
                            ),
                        )
                        .with_hint("give it a name in row 1, such as `Beschreibung`"),
                );
            }
            continue;
        }
        let wanted = normalise(name);
        let mapped = maps.iter().position(|m| normalise(&m.column) == wanted);
        let field = match mapped {
            Some(m) => {
                used[m] = true;
                match maps[m].field {
                    Some(field) => field,
                    None => continue,
                }
            }
            None => match field_for(name, kind) {
                Some(field) if field.belongs_to(kind) => field,
                Some(field) => {
                    found.push(
                        table
                            .header_diagnostic(
                                Severity::Warning,
                                index,
                                format!(
                                    "column `{}` is the field `{}`, which a {} does not have; it is skipped",
                                    name.trim(),
                                    field.key(),
                                    kind.name()
                                ),
                            )
                            .with_hint(format!(
                                "check the kind: `touchbase import {} FILE`?",
                                if kind == Kind::Term { "touchpoints" } else { "terms" }
                            )),
                    );
                    continue;
                }
                None if COMPUTED.contains(&wanted.as_str()) => continue,
                None => {
                    let name = name.trim();
                    let map = format!(
                        "name its field with --map \"{name}=field\", or skip it quietly with --map \"{name}=-\""
                    );
                    let hint = match crate::suggest::did_you_mean(name, known_names(kind)) {
                        Some(guess) => format!("{guess} Else {map}"),
                        None => map,
                    };
                    found.push(
                        table
                            .header_diagnostic(
                                Severity::Warning,
                                index,
                                format!("unknown column `{name}` is skipped"),
                            )
                            .with_hint(hint),
                    );
                    continue;
                }
            },
        };
        if let Some(first) = columns.of(field) {
            found.push(
                table
                    .header_diagnostic(
                        Severity::Error,
                        index,
                        format!(
                            "columns `{}` and `{}` both hold the field `{}`",
                            table.column_name(first),
                            name.trim(),
                            field.key()
                        ),
                    )
                    .with_hint(format!(
                        "rename one, or skip it with --map \"{}=-\"",
                        name.trim()
                    )),
            );
            continue;
        }
        columns.fields.push((index, field));
    }
    for (m, mapping) in maps.iter().enumerate() {
        if !used[m] {
            let names: Vec<String> = table
                .header
                .iter()
                .map(|h| format!("`{}`", h.trim()))
                .collect();
            let hint = crate::suggest::did_you_mean(
                &mapping.column,
                table.header.iter().map(String::as_str),
            )
            .unwrap_or_else(|| format!("the columns are {}", names.join(", ")));
            found.push(
                table
                    .file_diagnostic(
                        Severity::Error,
                        format!(
                            "--map names the column `{}`, which the file does not have",
                            mapping.column
                        ),
                    )
                    .with_hint(hint),
            );
        }
    }
    if !columns.has(Field::Title) {
        let first_unknown = table
            .header
            .iter()
            .map(|h| h.trim())
            .find(|h| !h.is_empty() && field_for(h, kind).is_none());
        let names: Vec<String> = (0..table.header.len())
            .filter(|&i| !table.header[i].trim().is_empty())
            .map(|i| format!("`{}`", table.column_name(i)))
            .collect();
        let listed = if names.is_empty() {
            "none".to_string()
        } else {
            names.join(", ")
        };
        let mut d = table
            .header_diagnostic(
                Severity::Error,
                0,
                format!("no title column; the columns found are {listed}"),
            )
            .with_hint(format!(
                "name the column of titles `Titel` or `title`, or map it: --map \"{}=title\"",
                first_unknown.unwrap_or("Name")
            ));
        if table.header.is_empty() {
            d.line_text.clear();
        }
        found.push(d);
    }
    if kind == Kind::Touchpoint && !columns.has(Field::Channel) && columns.has(Field::Title) {
        let mut d = table
            .header_diagnostic(Severity::Error, 0, "no channel column: every touchpoint needs a channel")
            .with_hint("add a column `Kanal` (or `channel`) with a channel's id or label, or map one: --map \"Bereich=channel\"");
        d.width = d.line_text.chars().count().max(1);
        found.push(d);
    }
    (columns, found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::table::Row;

    fn table(header: &[&str]) -> Table {
        Table {
            file: "t.csv".into(),
            sheet: None,
            header: header.iter().map(|h| h.to_string()).collect(),
            header_row: 1,
            first_column: 1,
            rows: vec![Row {
                number: 2,
                cells: header.iter().map(|_| "x".to_string()).collect(),
            }],
            notes: Vec::new(),
        }
    }

    #[test]
    fn header_names_and_labels() {
        assert_eq!(field_named("Titel"), Some(Field::Title));
        assert_eq!(field_named("  Kanal: "), Some(Field::Channel));
        assert_eq!(field_named("ABKÜRZUNG"), Some(Field::Abbreviation));
        assert_eq!(field_named("Abkuerzung"), Some(Field::Abbreviation));
        assert_eq!(field_named("Verwandte  Begriffe"), Some(Field::Related));
        assert_eq!(field_named("translation key"), Some(Field::TranslationKey));
        assert_eq!(field_named("Translation_Key"), Some(Field::TranslationKey));
        assert_eq!(field_named("Phase/Phasen"), Some(Field::Stages));
        assert_eq!(field_named("KPIs"), Some(Field::Kpis));
        assert_eq!(field_named("Eigentümer"), Some(Field::Ownership));
        assert_eq!(field_named("Text"), Some(Field::Body));
        assert_eq!(field_named("Notiz"), None);
    }

    #[test]
    fn columns_are_matched_and_unknown_ones_warned() {
        let (columns, found) = match_columns(
            &table(&["Titel", "Kanal", "Notiz", "url", "Synonyme"]),
            Kind::Touchpoint,
            &[],
        );
        assert_eq!(columns.fields, [(0, Field::Title), (1, Field::Channel)]);
        let messages: Vec<_> = found
            .iter()
            .map(|d| (d.column, d.message.as_str()))
            .collect();
        assert_eq!(
            messages,
            [
                (3, "unknown column `Notiz` is skipped"),
                (
                    5,
                    "column `Synonyme` is the field `aliases`, which a touchpoint does not have; it is skipped"
                )
            ]
        );
        assert!(found.iter().all(|d| !d.is_error()));
    }

    #[test]
    fn mapping_and_missing_title() {
        let maps = [
            parse_mapping("Bezeichnung=title", Kind::Term).unwrap(),
            parse_mapping("Notiz=-", Kind::Term).unwrap(),
        ];
        let (columns, found) = match_columns(&table(&["Bezeichnung", "Notiz"]), Kind::Term, &maps);
        assert_eq!(columns.fields, [(0, Field::Title)]);
        assert!(found.is_empty(), "{found:?}");
        let (columns, _) = match_columns(&table(&["Begriff", "Notiz"]), Kind::Term, &[]);
        assert_eq!(columns.of(Field::Title), Some(0));
        let (_, found) = match_columns(&table(&["Bezeichnung", "Notiz"]), Kind::Term, &[]);
        let error = found.iter().find(|d| d.is_error()).unwrap();
        assert_eq!(
            error.message,
            "no title column; the columns found are `Bezeichnung`, `Notiz`"
        );
        assert!(parse_mapping("Spalte", Kind::Term).is_err());
        let e = parse_mapping("Spalte=titel", Kind::Term).unwrap();
        assert_eq!(e.field, Some(Field::Title));
        let e = parse_mapping("Spalte=chanel", Kind::Touchpoint).unwrap_err();
        assert!(e.contains("did you mean \"channel\"?"), "{e}");
    }

    #[test]
    fn two_columns_for_one_field() {
        let (_, found) = match_columns(&table(&["Titel", "title"]), Kind::Term, &[]);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "columns `Titel` and `title` both hold the field `title`"
        );
    }
}
