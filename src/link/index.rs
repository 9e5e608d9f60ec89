//! Finds documents by name: title, alias or slug, ignoring case and umlaut
//! spelling, in the linking page's language first, then the default one;
//! and by source file or output path, for markdown links.

use std::cell::LazyCell;
use std::collections::BTreeSet;

use crate::diagnostic::Diagnostic;
use crate::hash::FxHashMap;
use crate::model::Kind;
use crate::parse::Doc;
use crate::slug::{fold, slugify};
use crate::source::Source;

use super::DocId;

/// The order in which kinds are tried for a wiki link without a section
/// prefix: a term wins over a touchpoint of the same name.
const KIND_ORDER: [Kind; 5] = [
    Kind::Term,
    Kind::Touchpoint,
    Kind::Journey,
    Kind::Persona,
    Kind::Page,
];

/// Names of one kind in one language.
#[derive(Debug, Default, Clone)]
struct Table {
    /// Folded title or alias → document
    names: FxHashMap<String, DocId>,
    /// Slug → document
    slugs: FxHashMap<String, DocId>,
}

/// Lookup tables from names and paths to documents.
#[derive(Debug, Default, Clone)]
pub struct NameIndex {
    /// Per (kind, language): lookups by `&str` without allocating a key.
    tables: FxHashMap<(Kind, String), Table>,
    /// Source path relative to `content/` (`glossary/crm.md`) → document
    sources: FxHashMap<String, DocId>,
    /// Output path (`en/glossary/crm/`) → document
    paths: FxHashMap<String, DocId>,
    default_language: String,
}

impl NameIndex {
    /// Builds the index. Two documents of one kind and language claiming the
    /// same title or alias is an error naming both.
    pub fn new(
        docs: &[Doc],
        sources: &[Source],
        default_language: &str,
    ) -> (Self, Vec<Diagnostic>) {
        let mut index = Self {
            default_language: default_language.to_string(),
            ..Self::default()
        };
        let mut diagnostics = Vec::new();
        for (id, doc) in docs.iter().enumerate() {
            let meta = doc.meta();
            let mut names: Vec<&str> = vec![&meta.title];
            match doc {
                Doc::Term(term) => {
                    names.extend(term.aliases.iter().map(String::as_str));
                    names.extend(term.abbreviation.as_deref());
                }
                Doc::Persona(persona) => names.extend(persona.aliases.iter().map(String::as_str)),
                _ => {}
            }
            let mut own = BTreeSet::new();
            let table = index
                .tables
                .entry((meta.kind, meta.lang.clone()))
                .or_default();
            for name in names {
                let folded = fold(name);
                if !own.insert(folded.clone()) {
                    continue;
                }
                match table.names.get(&folded) {
                    Some(&first) => diagnostics.push(duplicate(docs, sources, first, id, name)),
                    None => {
                        table.names.insert(folded, id);
                    }
                }
            }
            table.slugs.entry(meta.slug.clone()).or_insert(id);
            let path = sources[meta.source].path();
            let rel = path.strip_prefix(crate::load::CONTENT_DIR).unwrap_or(path);
            index
                .sources
                .insert(rel.to_string_lossy().replace('\\', "/"), id);
            index.paths.insert(meta.path.clone(), id);
        }
        (index, diagnostics)
    }

    fn table(&self, kind: Kind, lang: &str) -> Option<&Table> {
        // Few (kind, language) pairs exist: a scan beats allocating a key.
        self.tables
            .iter()
            .find(|((k, l), _)| *k == kind && l == lang)
            .map(|(_, t)| t)
    }

    /// `slug` is made only when no name matches (most links use names).
    fn lookup(
        &self,
        kind: Kind,
        lang: &str,
        folded: &str,
        slug: &LazyCell<String, impl FnOnce() -> String>,
    ) -> Option<DocId> {
        let table = self.table(kind, lang)?;
        table
            .names
            .get(folded)
            .or_else(|| table.slugs.get(slug.as_str()))
            .copied()
    }

    fn languages<'a>(&'a self, lang: &'a str) -> impl Iterator<Item = &'a str> {
        std::iter::once(lang)
            .chain((lang != self.default_language).then_some(self.default_language.as_str()))
    }

    /// The document of `kind` called `name`, looked up in `lang`, then in
    /// the default language.
    pub fn resolve(&self, name: &str, kind: Kind, lang: &str) -> Option<DocId> {
        let (folded, slug) = (fold(name), LazyCell::new(|| slugify(name)));
        self.languages(lang)
            .find_map(|l| self.lookup(kind, l, &folded, &slug))
    }

    /// The target of a wiki link (without its `#anchor`): a section prefix
    /// (`touchpoints/Live-Chat`) picks the kind, else terms come first,
    /// then touchpoints, journeys, personas and pages. A page may also be named by
    /// its path (`guides/setup`).
    pub fn resolve_wiki(&self, target: &str, lang: &str) -> Option<DocId> {
        if let Some((section, name)) = target.split_once('/') {
            let kind = KIND_ORDER
                .into_iter()
                .find(|k| !k.section().is_empty() && k.section() == section.trim());
            if let Some(kind) = kind {
                return self.resolve(name, kind, lang);
            }
        }
        let (folded, slug) = (fold(target), LazyCell::new(|| slugify(target)));
        self.languages(lang).find_map(|l| {
            KIND_ORDER
                .into_iter()
                .find_map(|kind| self.lookup(kind, l, &folded, &slug))
                .or_else(|| {
                    let parts: Vec<String> = target
                        .split('/')
                        .map(slugify)
                        .filter(|s| !s.is_empty())
                        .collect();
                    self.table(Kind::Page, l)?
                        .slugs
                        .get(&parts.join("/"))
                        .copied()
                })
        })
    }

    /// The document written in `content/<rel>`.
    pub fn by_source(&self, rel: &str) -> Option<DocId> {
        self.sources.get(rel).copied()
    }

    /// The document published at the site path `path` (`glossary/crm/`).
    pub fn by_path(&self, path: &str) -> Option<DocId> {
        self.paths.get(path).copied()
    }

    /// Every document's output path, for suggestions.
    pub fn doc_paths(&self) -> impl Iterator<Item = &str> {
        self.paths.keys().map(String::as_str)
    }

    /// Every source path, for suggestions.
    pub fn source_paths(&self) -> impl Iterator<Item = &str> {
        self.sources.keys().map(String::as_str)
    }

    /// Titles of `kind` in `lang` and the default language, for suggestions.
    pub fn titles<'a>(&self, docs: &'a [Doc], kind: Option<Kind>, lang: &str) -> Vec<&'a str> {
        docs.iter()
            .filter(|d| kind.is_none_or(|k| d.kind() == k))
            .filter(|d| d.meta().lang == lang || d.meta().lang == self.default_language)
            .map(|d| d.meta().title.as_str())
            .collect()
    }
}

fn duplicate(
    docs: &[Doc],
    sources: &[Source],
    first: DocId,
    second: DocId,
    name: &str,
) -> Diagnostic {
    let meta = docs[second].meta();
    let source = &sources[meta.source];
    let quoted = toml::Value::String(name.to_string()).to_string();
    let front = &source.text[..meta.body.start.min(source.text.len())];
    let start = front.find(&quoted).unwrap_or(0);
    let end = if start == 0 { 3 } else { start + quoted.len() };
    let kind = meta.kind.name();
    source
        .error(start..end, format!("two {kind}s in `{}` are called \"{name}\"", meta.lang))
        .with_hint(format!(
            "{} also has this title or alias; a link to \"{name}\" must name one {kind}, so rename or drop one of them",
            sources[docs[first].meta().source].path().display()
        ))
}
