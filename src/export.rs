//! Machine-readable copies of the catalogue and the glossary, written with
//! every build so other tools (spreadsheets, BI, CI jobs) can use the same
//! data as the site: `touchpoints.json`, `touchpoints.csv`,
//! `glossary.json` and `glossary.csv` at the root of the output. The CSV
//! files import back with `touchbase import` to the same front matter. Field names are stable and
//! documented in the README; adding a field is fine, renaming one is not.

use serde::Serialize;

use crate::link::{DocId, LinkedSite};
use crate::parse::Doc;
use crate::render::lists::Lists;
use crate::render::{Content, OutputFile};

/// The export files, by their path in the output.
pub const FILES: [&str; 4] = [
    "touchpoints.json",
    "touchpoints.csv",
    "glossary.json",
    "glossary.csv",
];

/// Version of the JSON layout, raised only on an incompatible change.
const FORMAT: u32 = 1;

/// A reference to another entry: its title and full URL.
#[derive(Debug, Serialize)]
struct Ref {
    title: String,
    url: String,
}

#[derive(Debug, Serialize)]
struct TouchpointOut<'a> {
    slug: &'a str,
    lang: &'a str,
    translation_key: &'a str,
    title: &'a str,
    description: &'a str,
    url: String,
    channel: &'a str,
    stages: &'a [String],
    owner: Option<&'a str>,
    kpis: &'a [String],
    ownership: Option<&'static str>,
    terms: Vec<Ref>,
    journeys: Vec<Ref>,
    tags: &'a [String],
    updated: Option<&'a str>,
    weight: i64,
    source: String,
}

#[derive(Debug, Serialize)]
struct TermOut<'a> {
    slug: &'a str,
    lang: &'a str,
    translation_key: &'a str,
    title: &'a str,
    description: &'a str,
    url: String,
    aliases: &'a [String],
    abbreviation: Option<&'a str>,
    related: Vec<Ref>,
    touchpoints: Vec<Ref>,
    tags: &'a [String],
    updated: Option<&'a str>,
    weight: i64,
    source: String,
}

#[derive(Debug, Serialize)]
struct Export<'a> {
    format: u32,
    title: &'a str,
    base_url: &'a str,
    #[serde(flatten)]
    items: Items<'a>,
}

/// The list of an export file, under its own key.
#[derive(Debug, Serialize)]
#[serde(rename_all = "lowercase")]
enum Items<'a> {
    Touchpoints(Vec<TouchpointOut<'a>>),
    Terms(Vec<TermOut<'a>>),
}

/// Builds the export files.
pub fn files(site: &LinkedSite, lists: &Lists) -> Vec<OutputFile> {
    let exporter = Exporter { site, lists };
    let touchpoints: Vec<TouchpointOut<'_>> = exporter
        .in_order(|l| &l.touchpoints)
        .filter_map(|id| exporter.touchpoint(id))
        .collect();
    let terms: Vec<TermOut<'_>> = exporter
        .in_order(|l| &l.terms)
        .filter_map(|id| exporter.term(id))
        .collect();
    let csv = touchpoints_csv(&touchpoints);
    let terms_csv = glossary_csv(&terms);
    let config = &site.config;
    let head = |items| Export {
        format: FORMAT,
        title: &config.title,
        base_url: &config.base_url.full,
        items,
    };
    let touchpoints = json(&head(Items::Touchpoints(touchpoints)));
    let terms = json(&head(Items::Terms(terms)));
    vec![
        file("touchpoints.json", touchpoints),
        file("touchpoints.csv", csv),
        file("glossary.json", terms),
        file("glossary.csv", terms_csv),
    ]
}

fn file(path: &str, content: String) -> OutputFile {
    OutputFile {
        path: path.to_string(),
        content: Content::Bytes(content.into_bytes()),
    }
}

fn json<T: Serialize>(value: &T) -> String {
    let mut text = serde_json::to_string_pretty(value).expect("export data serialises");
    text.push('\n');
    text
}

struct Exporter<'a> {
    site: &'a LinkedSite,
    lists: &'a Lists,
}

impl<'a> Exporter<'a> {
    /// Documents of one list, language by language in config order, each
    /// language in display order.
    fn in_order(
        &self,
        list: impl Fn(&'a crate::render::lists::LangLists) -> &'a Vec<DocId> + 'a,
    ) -> impl Iterator<Item = DocId> + 'a {
        let lists = self.lists;
        self.site
            .config
            .languages
            .iter()
            .filter_map(move |lang| lists.by_lang.get(lang))
            .flat_map(move |l| list(l).iter().copied())
    }

    fn url(&self, id: DocId) -> String {
        format!(
            "{}{}",
            self.site.config.base_url.full,
            self.site.docs[id].meta().path
        )
    }

    fn refs(&self, ids: &[DocId]) -> Vec<Ref> {
        ids.iter()
            .map(|&id| Ref {
                title: self.site.docs[id].meta().title.clone(),
                url: self.url(id),
            })
            .collect()
    }

    fn source(&self, id: DocId) -> String {
        let meta = self.site.docs[id].meta();
        self.site.sources[meta.source]
            .path()
            .to_string_lossy()
            .replace('\\', "/")
    }

    fn touchpoint(&self, id: DocId) -> Option<TouchpointOut<'a>> {
        let Doc::Touchpoint(t) = &self.site.docs[id] else {
            return None;
        };
        let meta = &t.meta;
        Some(TouchpointOut {
            slug: &meta.slug,
            lang: &meta.lang,
            translation_key: &meta.translation_key,
            title: &meta.title,
            description: &meta.description,
            url: self.url(id),
            channel: &t.channel,
            stages: &t.stages,
            owner: t.owner.as_deref(),
            kpis: &t.kpis,
            ownership: t.ownership.map(|o| o.as_str()),
            terms: self.refs(&self.site.related[id]),
            journeys: self.refs(&self.lists.journeys_of_touchpoint[id]),
            tags: &meta.tags,
            updated: meta.updated.as_deref(),
            weight: meta.weight,
            source: self.source(id),
        })
    }

    fn term(&self, id: DocId) -> Option<TermOut<'a>> {
        let Doc::Term(t) = &self.site.docs[id] else {
            return None;
        };
        let meta = &t.meta;
        Some(TermOut {
            slug: &meta.slug,
            lang: &meta.lang,
            translation_key: &meta.translation_key,
            title: &meta.title,
            description: &meta.description,
            url: self.url(id),
            aliases: &t.aliases,
            abbreviation: t.abbreviation.as_deref().filter(|a| !a.is_empty()),
            related: self.refs(&self.site.related[id]),
            touchpoints: self.refs(&self.lists.touchpoints_of_term[id]),
            tags: &meta.tags,
            updated: meta.updated.as_deref(),
            weight: meta.weight,
            source: self.source(id),
        })
    }
}

/// The columns of `touchpoints.csv`, in order. New columns go at the end.
pub const CSV_COLUMNS: [&str; 16] = [
    "lang",
    "slug",
    "title",
    "description",
    "channel",
    "stages",
    "owner",
    "kpis",
    "ownership",
    "terms",
    "journeys",
    "tags",
    "updated",
    "url",
    "translation_key",
    "weight",
];

/// The columns of `glossary.csv`, in order. New columns go at the end.
pub const GLOSSARY_COLUMNS: [&str; 13] = [
    "lang",
    "slug",
    "title",
    "description",
    "aliases",
    "abbreviation",
    "related",
    "touchpoints",
    "tags",
    "updated",
    "url",
    "translation_key",
    "weight",
];

/// Titles of references joined like every list.
fn titles(refs: &[Ref]) -> String {
    refs.iter()
        .map(|r| r.title.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

/// `weight` as a cell: empty for the default 0.
fn weight(weight: i64) -> String {
    if weight == 0 {
        String::new()
    } else {
        weight.to_string()
    }
}

/// RFC 4180: CRLF line ends, a field in double quotes when it holds a
/// comma, a quote or a line break, quotes doubled. A UTF-8 byte-order mark
/// first, so spreadsheet programs read umlauts right. Lists are joined
/// with "; ", references by title.
fn touchpoints_csv(touchpoints: &[TouchpointOut<'_>]) -> String {
    let mut out = String::from("\u{feff}");
    push_record(&mut out, CSV_COLUMNS.iter().map(|c| c.to_string()));
    for t in touchpoints {
        push_record(
            &mut out,
            [
                t.lang.to_string(),
                t.slug.to_string(),
                t.title.to_string(),
                t.description.to_string(),
                t.channel.to_string(),
                t.stages.join("; "),
                t.owner.unwrap_or("").to_string(),
                t.kpis.join("; "),
                t.ownership.unwrap_or("").to_string(),
                titles(&t.terms),
                titles(&t.journeys),
                t.tags.join("; "),
                t.updated.unwrap_or("").to_string(),
                t.url.clone(),
                t.translation_key.to_string(),
                weight(t.weight),
            ],
        );
    }
    out
}

/// `glossary.csv`, written like `touchpoints.csv`.
fn glossary_csv(terms: &[TermOut<'_>]) -> String {
    let mut out = String::from("\u{feff}");
    push_record(&mut out, GLOSSARY_COLUMNS.iter().map(|c| c.to_string()));
    for t in terms {
        push_record(
            &mut out,
            [
                t.lang.to_string(),
                t.slug.to_string(),
                t.title.to_string(),
                t.description.to_string(),
                t.aliases.join("; "),
                t.abbreviation.unwrap_or("").to_string(),
                titles(&t.related),
                titles(&t.touchpoints),
                t.tags.join("; "),
                t.updated.unwrap_or("").to_string(),
                t.url.clone(),
                t.translation_key.to_string(),
                weight(t.weight),
            ],
        );
    }
    out
}

fn push_record(out: &mut String, fields: impl IntoIterator<Item = String>) {
    for (i, field) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&csv_field(&field));
    }
    out.push_str("\r\n");
}

/// One field, quoted when RFC 4180 requires it.
pub fn csv_field(value: &str) -> std::borrow::Cow<'_, str> {
    if value.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", value.replace('"', "\"\"")).into()
    } else {
        value.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_only_when_needed() {
        assert_eq!(csv_field("Kundenservice"), "Kundenservice");
        assert_eq!(csv_field("a; b"), "a; b");
        assert_eq!(csv_field("Preis, Leistung"), "\"Preis, Leistung\"");
        assert_eq!(csv_field("der \"Chat\""), "\"der \"\"Chat\"\"\"");
        assert_eq!(csv_field("zwei\nZeilen"), "\"zwei\nZeilen\"");
        assert_eq!(csv_field(""), "");
    }

    #[test]
    fn records_end_with_crlf() {
        let mut out = String::new();
        push_record(&mut out, ["a".to_string(), "b,c".to_string()]);
        assert_eq!(out, "a,\"b,c\"\r\n");
    }
}
