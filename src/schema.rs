//! Strict TOML: which keys a table may hold. Walking the parsed document
//! before deserialising lets a run report *every* unknown key of a file,
//! each at its position and with a "did you mean" hint, where serde would
//! stop at the first.

use std::borrow::Cow;
use std::ops::Range;

use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue, Deserializer};

use crate::diagnostic::Diagnostic;
use crate::source::Source;

/// Parses the TOML in `source.text[range]` strictly into `T`: syntax errors,
/// every unknown key (with a hint) and type errors become diagnostics
/// pointing into the file. `what` names the document ("front matter").
pub fn parse<T: DeserializeOwned>(
    source: &Source,
    range: Range<usize>,
    keys: &[(&str, Shape)],
    what: &str,
) -> Result<T, Vec<Diagnostic>> {
    let text = &source.text[range.clone()];
    let at = |span: Option<Range<usize>>| {
        let span = span.unwrap_or(0..0);
        range.start + span.start..range.start + span.end
    };
    let (mut table, errors) = DeTable::parse_recoverable(text);
    replace_nul(table.get_mut());
    let mut diagnostics: Vec<Diagnostic> = errors
        .iter()
        .map(|e| {
            source
                .error(
                    at(e.span()),
                    format!("invalid TOML in {what}: {}", e.message()),
                )
                .with_hint("check quotes, brackets and `key = value` syntax (https://toml.io)")
        })
        .collect();
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }
    for unknown in unknown_keys(table.get_ref(), keys) {
        diagnostics.push(
            source
                .error(
                    at(Some(unknown.span)),
                    format!("unknown key `{}` in {what}", unknown.path),
                )
                .with_hint(unknown.hint),
        );
    }
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }
    T::deserialize(Deserializer::from(table)).map_err(|e| {
        vec![
            source
                .error(at(e.span()), format!("{what}: {}", e.message().trim_end()))
                .with_hint("README.md lists every key and the type of its value"),
        ]
    })
}

/// Replaces U+0000 (written as a TOML escape, `"\u0000"`) in every string
/// and key with U+FFFD, as CommonMark does in text: no NUL reaches a page,
/// the search index or an export.
pub fn replace_nul(table: &mut DeTable<'_>) {
    if table.keys().any(|k| k.get_ref().contains('\0')) {
        for (key, value) in std::mem::take(table) {
            let span = key.span();
            let key = match key.into_inner() {
                Cow::Borrowed(k) if !k.contains('\0') => Cow::Borrowed(k),
                k => Cow::Owned(k.replace('\0', "\u{FFFD}")),
            };
            table.insert(Spanned::new(span, key), value);
        }
    }
    for (_, value) in table.iter_mut() {
        replace_nul_value(value.get_mut());
    }
}

fn replace_nul_value(value: &mut DeValue<'_>) {
    match value {
        DeValue::String(text) if text.contains('\0') => {
            *text = Cow::Owned(text.replace('\0', "\u{FFFD}"));
        }
        DeValue::Array(items) => {
            for item in items.iter_mut() {
                replace_nul_value(item.get_mut());
            }
        }
        DeValue::Table(table) => replace_nul(table),
        _ => {}
    }
}

/// The keys a table accepts.
#[derive(Debug, Clone, Copy)]
pub enum Shape {
    /// A plain value; its type is checked by serde later.
    Value,
    /// A table with exactly these keys.
    Table(&'static [(&'static str, Shape)]),
    /// An array of tables, each with exactly these keys.
    Tables(&'static [(&'static str, Shape)]),
    /// A table or value whose keys are free (`[extra]`, per-language labels).
    Free,
}

/// An unknown key found while walking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownKey {
    /// Dotted path of the key (`autolink.first_olny`).
    pub path: String,
    pub span: Range<usize>,
    /// `did you mean "x"?`, or the list of keys allowed there.
    pub hint: String,
}

/// Collects every key of `table` that `keys` does not allow, recursively.
pub fn unknown_keys(table: &DeTable<'_>, keys: &[(&str, Shape)]) -> Vec<UnknownKey> {
    let mut found = Vec::new();
    walk_table(table, keys, "", &mut found);
    found.sort_by_key(|u| u.span.start);
    found
}

fn walk_table(
    table: &DeTable<'_>,
    keys: &[(&str, Shape)],
    prefix: &str,
    found: &mut Vec<UnknownKey>,
) {
    for (key, value) in table {
        let name: &str = key.get_ref();
        let path = if prefix.is_empty() {
            name.to_string()
        } else {
            format!("{prefix}.{name}")
        };
        match keys.iter().find(|(known, _)| *known == name) {
            Some((_, shape)) => walk_value(value, *shape, &path, found),
            None => found.push(UnknownKey {
                hint: crate::suggest::did_you_mean(name, keys.iter().map(|(k, _)| *k))
                    .unwrap_or_else(|| {
                        let known: Vec<&str> = keys.iter().map(|(k, _)| *k).collect();
                        format!("allowed keys here: {}", known.join(", "))
                    }),
                path,
                span: key.span(),
            }),
        }
    }
}

fn walk_value(value: &Spanned<DeValue<'_>>, shape: Shape, path: &str, found: &mut Vec<UnknownKey>) {
    match (shape, value.get_ref()) {
        (Shape::Table(keys), DeValue::Table(table)) => walk_table(table, keys, path, found),
        (Shape::Tables(keys), DeValue::Array(items)) => {
            for item in items.iter() {
                if let DeValue::Table(table) = item.get_ref() {
                    walk_table(table, keys, path, found);
                }
            }
        }
        // Type mismatches are reported by serde with a precise message.
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEYS: &[(&str, Shape)] = &[
        ("title", Shape::Value),
        ("extra", Shape::Free),
        ("autolink", Shape::Table(&[("enabled", Shape::Value)])),
        ("steps", Shape::Tables(&[("stage", Shape::Value)])),
    ];

    #[test]
    fn nul_escapes_become_replacement_characters() {
        let text = "a = \"x\\u0000y\"\nb = [\"\\u0000\", { c = \"\\U00000000\" }]\n[t]\n\"k\\u0000\" = 1\n";
        let mut table = DeTable::parse(text).unwrap();
        replace_nul(table.get_mut());
        let value: toml::Table =
            serde::Deserialize::deserialize(Deserializer::from(table)).unwrap();
        assert_eq!(value["a"].as_str(), Some("x\u{FFFD}y"));
        assert_eq!(value["b"][0].as_str(), Some("\u{FFFD}"));
        assert_eq!(value["b"][1]["c"].as_str(), Some("\u{FFFD}"));
        assert!(value["t"].as_table().unwrap().contains_key("k\u{FFFD}"));
    }

    #[test]
    fn reports_every_unknown_key_with_position() {
        let text = "titel = 1\nfoo = 2\n[extra]\nanything = 1\n[autolink]\nenabeld = true\n[[steps]]\nstage = 'a'\nstag = 'b'\n";
        let table = DeTable::parse(text).unwrap();
        let found = unknown_keys(table.get_ref(), KEYS);
        let paths: Vec<_> = found.iter().map(|u| u.path.as_str()).collect();
        assert_eq!(paths, ["titel", "foo", "autolink.enabeld", "steps.stag"]);
        assert_eq!(&text[found[0].span.clone()], "titel");
        assert_eq!(found[0].hint, "did you mean \"title\"?");
        assert_eq!(
            found[1].hint,
            "allowed keys here: title, extra, autolink, steps"
        );
        assert_eq!(&text[found[3].span.clone()], "stag");
    }
}
