//! Finds documents by name: title, alias or slug, ignoring case and umlaut
//! spelling, in the linking page's language first, then the default one.

use std::collections::HashMap;

use crate::model::Kind;
use crate::parse::Doc;
use crate::slug::{fold, slugify};

use super::DocId;

/// Lookup tables from names to documents, per kind and language.
#[derive(Debug, Default)]
pub struct NameIndex {
    /// (kind, lang, folded title or alias) → document
    names: HashMap<(Kind, String, String), DocId>,
    /// (kind, lang, slug) → document
    slugs: HashMap<(Kind, String, String), DocId>,
    default_language: String,
}

impl NameIndex {
    pub fn new(docs: &[Doc], default_language: &str) -> Self {
        let mut index = Self {
            default_language: default_language.to_string(),
            ..Self::default()
        };
        for (id, doc) in docs.iter().enumerate() {
            let meta = doc.meta();
            let key = |name: &str| (meta.kind, meta.lang.clone(), fold(name));
            index.names.entry(key(&meta.title)).or_insert(id);
            if let Doc::Term(term) = doc {
                for alias in term.aliases.iter().chain(&term.abbreviation) {
                    index.names.entry(key(alias)).or_insert(id);
                }
            }
            index
                .slugs
                .entry((meta.kind, meta.lang.clone(), meta.slug.clone()))
                .or_insert(id);
        }
        index
    }

    /// The document of `kind` called `name`, looked up in `lang`, then in
    /// the default language.
    pub fn resolve(&self, name: &str, kind: Kind, lang: &str) -> Option<DocId> {
        let folded = fold(name);
        let slug = slugify(name);
        let mut langs = vec![lang];
        if lang != self.default_language {
            langs.push(&self.default_language);
        }
        langs.into_iter().find_map(|lang| {
            self.names
                .get(&(kind, lang.to_string(), folded.clone()))
                .or_else(|| self.slugs.get(&(kind, lang.to_string(), slug.clone())))
                .copied()
        })
    }

    /// Titles of `kind` in `lang` and the default language, for suggestions.
    pub fn titles<'a>(&self, docs: &'a [Doc], kind: Kind, lang: &str) -> Vec<&'a str> {
        docs.iter()
            .filter(|d| {
                d.kind() == kind
                    && (d.meta().lang == lang || d.meta().lang == self.default_language)
            })
            .map(|d| d.meta().title.as_str())
            .collect()
    }
}
