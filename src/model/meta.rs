//! The fields every kind of document shares.

use std::ops::Range;

use super::Kind;

/// A name in front matter that refers to another document (`related`,
/// `terms`, a journey step's `touchpoint`), with its position in the file
/// so a reference to nothing can be reported where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub name: String,
    pub span: Range<usize>,
}

/// Common front matter and where the document came from.
#[derive(Debug, Clone)]
pub struct Meta {
    pub kind: Kind,
    /// Index of the document's `Source` in `ParsedSite::sources`.
    pub source: usize,
    pub title: String,
    pub description: String,
    pub tags: Vec<String>,
    pub draft: bool,
    /// `YYYY-MM-DD`
    pub updated: Option<String>,
    pub lang: String,
    pub translation_key: String,
    /// The URL slug; for pages it may contain `/` (`guides/setup`).
    pub slug: String,
    pub weight: i64,
    pub extra: toml::Table,
    /// The markdown body in the source text.
    pub body: Range<usize>,
    /// Site-relative output path of the page, without the base path and
    /// with a trailing slash: `glossary/crm/`, `en/touchpoints/live-chat/`.
    pub path: String,
}
