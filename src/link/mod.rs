//! Stage 3: resolve every reference between documents and convert each
//! markdown body once. Produces the `LinkedSite` that `render` needs:
//! front-matter references (`related`, `terms`, journey steps) resolved to
//! documents, translations paired, backlinks collected.

mod index;

use std::collections::BTreeMap;

use rayon::prelude::*;

pub use index::NameIndex;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::markdown::{self, Rendered};
use crate::model::{Kind, Reference};
use crate::parse::{Doc, ParsedSite};
use crate::source::Source;

/// Index of a document in `LinkedSite::docs`.
pub type DocId = usize;

/// A site whose references are resolved. Only [`link`] makes one.
#[derive(Debug)]
pub struct LinkedSite {
    pub config: Config,
    pub sources: Vec<Source>,
    pub docs: Vec<Doc>,
    /// The converted body of each document (same index as `docs`).
    pub rendered: Vec<Rendered>,
    /// Other-language versions of each document, in `config.languages` order.
    pub translations: Vec<Vec<DocId>>,
    /// Resolved `related` (terms) or `terms` (touchpoints) of each document.
    pub related: Vec<Vec<DocId>>,
    /// For journeys: the touchpoint of each step (same order as `steps`).
    pub steps: Vec<Vec<DocId>>,
    /// Documents that refer to each document, sorted, without duplicates.
    pub backlinks: Vec<Vec<DocId>>,
    pub assets: Vec<(std::path::PathBuf, String)>,
    pub diagnostics: Vec<Diagnostic>,
}

impl LinkedSite {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// Document ids of one kind in one language.
    pub fn of_kind<'a>(&'a self, kind: Kind, lang: &'a str) -> impl Iterator<Item = DocId> + 'a {
        self.docs
            .iter()
            .enumerate()
            .filter(move |(_, d)| d.kind() == kind && d.meta().lang == lang)
            .map(|(id, _)| id)
    }
}

pub fn link(parsed: ParsedSite) -> LinkedSite {
    let ParsedSite {
        config,
        sources,
        docs,
        assets,
        mut diagnostics,
    } = parsed;
    let index = NameIndex::new(&docs, &config.default_language);
    let rendered: Vec<Rendered> = docs
        .par_iter()
        .map(|doc| markdown::convert(&sources[doc.meta().source].text[doc.meta().body.clone()]))
        .collect();
    let mut resolver = Resolver {
        index: &index,
        docs: &docs,
        sources: &sources,
        diagnostics: &mut diagnostics,
    };
    let mut related = Vec::with_capacity(docs.len());
    let mut steps = Vec::with_capacity(docs.len());
    for doc in &docs {
        let (refs, step_refs): (Vec<&Reference>, Vec<&Reference>) = match doc {
            Doc::Term(t) => (t.related.iter().collect(), Vec::new()),
            Doc::Touchpoint(t) => (t.terms.iter().collect(), Vec::new()),
            Doc::Journey(j) => (Vec::new(), j.steps.iter().map(|s| &s.touchpoint).collect()),
            Doc::Page(_) => (Vec::new(), Vec::new()),
        };
        related.push(resolver.resolve_all(doc, &refs, Kind::Term));
        steps.push(resolver.resolve_all(doc, &step_refs, Kind::Touchpoint));
    }
    let backlinks = backlinks(docs.len(), &related, &steps);
    let translations = translations(&docs, &config);
    LinkedSite {
        config,
        sources,
        docs,
        rendered,
        translations,
        related,
        steps,
        backlinks,
        assets,
        diagnostics,
    }
}

struct Resolver<'a> {
    index: &'a NameIndex,
    docs: &'a [Doc],
    sources: &'a [Source],
    diagnostics: &'a mut Vec<Diagnostic>,
}

impl Resolver<'_> {
    /// Resolves references of `from` to documents of `kind`; each one that
    /// names nothing becomes an error with the nearest titles as a hint.
    fn resolve_all(&mut self, from: &Doc, refs: &[&Reference], kind: Kind) -> Vec<DocId> {
        let lang = &from.meta().lang;
        let mut found = Vec::with_capacity(refs.len());
        for reference in refs {
            match self.index.resolve(&reference.name, kind, lang) {
                Some(id) => found.push(id),
                None => {
                    let titles = self.index.titles(self.docs, kind, lang);
                    let hint =
                        crate::suggest::did_you_mean(&reference.name, titles.iter().copied())
                            .unwrap_or_else(|| {
                                format!("no {} has this title, alias or slug", kind.name())
                            });
                    let source = &self.sources[from.meta().source];
                    self.diagnostics.push(
                        source
                            .error(
                                reference.span.clone(),
                                format!("`{}` refers to no {}", reference.name, kind.name()),
                            )
                            .with_hint(hint),
                    );
                }
            }
        }
        found
    }
}

fn backlinks(count: usize, related: &[Vec<DocId>], steps: &[Vec<DocId>]) -> Vec<Vec<DocId>> {
    let mut back: Vec<Vec<DocId>> = vec![Vec::new(); count];
    for (from, targets) in related.iter().enumerate().chain(steps.iter().enumerate()) {
        for &to in targets {
            if to != from {
                back[to].push(from);
            }
        }
    }
    for list in &mut back {
        list.sort_unstable();
        list.dedup();
    }
    back
}

/// Pairs documents of one kind that share a `translation_key`.
fn translations(docs: &[Doc], config: &Config) -> Vec<Vec<DocId>> {
    let mut groups: BTreeMap<(Kind, &str), Vec<DocId>> = BTreeMap::new();
    for (id, doc) in docs.iter().enumerate() {
        groups
            .entry((doc.kind(), doc.meta().translation_key.as_str()))
            .or_default()
            .push(id);
    }
    let lang_rank = |id: &DocId| {
        let lang = &docs[*id].meta().lang;
        config
            .languages
            .iter()
            .position(|l| l == lang)
            .unwrap_or(usize::MAX)
    };
    let mut out = vec![Vec::new(); docs.len()];
    for members in groups.into_values() {
        for &id in &members {
            let mut others: Vec<DocId> = members.iter().copied().filter(|&o| o != id).collect();
            others.sort_by_key(lang_rank);
            out[id] = others;
        }
    }
    out
}
