//! Stage 3: resolve every reference between documents and convert each
//! markdown body once. Produces the `LinkedSite` that `render` needs:
//! front-matter references (`related`, `terms`, journey steps) resolved to
//! documents, translations paired, backlinks collected.

mod autolink;
mod index;
mod journeys;
mod resolve;

use std::collections::{BTreeMap, HashSet};

use rayon::prelude::*;

pub use autolink::Autolinker;
pub use index::NameIndex;
pub use journeys::{JourneyLinks, LinkedStep, PersonaLinks, ResolvedStep, step_anchor};
pub use resolve::{Anchor, DocLinker, OutLink};

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::markdown::{self, Rendered};
use crate::model::{Kind, Reference};
use crate::parse::{Doc, ParsedSite};
use crate::source::Source;

/// Index of a document in `LinkedSite::docs`.
pub type DocId = usize;

/// A site whose references are resolved. Only [`link`] makes one.
/// Cloning it (for the live preview, when an edit comes while the search
/// index is built from the previous state) copies the documents and
/// shares the lookup tables.
#[derive(Debug, Clone)]
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
    /// For journeys: persona, `improves`, and each step's touchpoint and
    /// channel, resolved (default for other kinds). See [`LinkedSite::journey`].
    pub journeys: Vec<JourneyLinks>,
    /// For personas: the image, resolved (default for other kinds).
    pub personas: Vec<PersonaLinks>,
    /// Documents that refer to each document, sorted, without duplicates.
    pub backlinks: Vec<Vec<DocId>>,
    /// The links found in each document's body.
    pub outgoing: Vec<Vec<OutLink>>,
    pub assets: Vec<(std::path::PathBuf, String)>,
    /// Every diagnostic of the run so far.
    pub diagnostics: Vec<Diagnostic>,
    /// The lookup tables the bodies were linked with, kept so one page can
    /// be converted again (live preview).
    pub links: std::sync::Arc<Links>,
    /// Diagnostics not tied to converting a body (parse, names, references).
    base_diagnostics: Vec<Diagnostic>,
    /// Diagnostics found while converting each body.
    body_diagnostics: Vec<Vec<Diagnostic>>,
    /// Diagnostics of resolving journeys and personas (recomputed whole).
    journey_diagnostics: Vec<Diagnostic>,
}

impl LinkedSite {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// For a run that renders this site once and keeps nothing: lets the
    /// source texts go (rendering reads only the converted bodies) and hands
    /// over each document's converted body, which only its own page reads,
    /// and plain text, which only the search index reads, so that each is
    /// freed as soon as its reader is done with it. On the 10k corpus these
    /// are 43, 68 and 37 MB.
    pub fn release_for_rendering(&mut self) -> Released {
        for source in &mut self.sources {
            source.release_text();
        }
        let (html, text) = self
            .rendered
            .iter_mut()
            .map(|r| (std::mem::take(&mut r.html), std::mem::take(&mut r.text)))
            .unzip();
        Released { html, text }
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

/// What [`LinkedSite::release_for_rendering`] hands over, by document id.
pub struct Released {
    /// The converted bodies.
    pub html: Vec<String>,
    /// The bodies' plain text.
    pub text: Vec<String>,
}

/// Everything a page's linker needs besides the documents, shared
/// read-only by all pages.
#[derive(Debug)]
pub struct Links {
    pub(crate) index: NameIndex,
    pub(crate) autolinker: Autolinker,
    pub(crate) autolink: crate::config::Autolink,
    pub(crate) broken_severity: crate::diagnostic::Severity,
    pub(crate) base_path: String,
    /// Site paths of everything besides documents: generated pages and files.
    pub(crate) known_paths: HashSet<String>,
    /// Ids the theme's templates use; heading ids avoid them.
    pub(crate) reserved_ids: HashSet<String>,
}

impl Links {
    /// Whether a site path (`/glossary/crm/`, `/favicon.svg`, without the
    /// base path) names a page or file of the build; else the nearest
    /// existing path, as a hint.
    pub fn check_site_path(&self, path: &str) -> Result<(), Option<String>> {
        let path = path.split(['#', '?']).next().unwrap_or("");
        let path = path.trim_start_matches('/');
        let page = if path.is_empty() || path.ends_with('/') {
            path.to_string()
        } else {
            format!("{path}/")
        };
        let found = self.index.by_path(&page).is_some()
            || self
                .index
                .by_path(path.trim_end_matches("index.html"))
                .is_some()
            || self.known_paths.contains(path)
            || self.known_paths.contains(page.as_str());
        if found {
            return Ok(());
        }
        let candidates: Vec<&str> = self
            .index
            .doc_paths()
            .chain(self.known_paths.iter().map(String::as_str))
            .collect();
        Err(
            crate::suggest::did_you_mean(&page, candidates.iter().copied())
                .map(|h| h.replacen('"', "\"/", 1)),
        )
    }
}

/// Links the site. `files` are the paths of the non-page files the output
/// will hold (content assets, static files), so links to them are checked.
/// Heading ids avoid `reserved_ids`, the ids the theme's templates use.
/// Without `keep_bodies` (a site linked once, never converted again),
/// each file keeps only its front matter once its body is converted.
pub fn link(
    parsed: ParsedSite,
    files: impl IntoIterator<Item = String>,
    reserved_ids: &HashSet<String>,
    keep_bodies: bool,
) -> LinkedSite {
    let ParsedSite {
        config,
        sources,
        docs,
        assets,
        mut diagnostics,
    } = parsed;
    let ((index, duplicates), autolinker) = rayon::join(
        || NameIndex::new(&docs, &sources, &config.default_language),
        || {
            if config.autolink.enabled {
                Autolinker::new(&docs)
            } else {
                Autolinker::default()
            }
        },
    );
    diagnostics.extend(duplicates);
    let mut known_paths = generated_paths(&config, &docs);
    known_paths.extend(files);
    known_paths.extend(assets.iter().map(|(_, rel)| rel.clone()));
    let links = Links {
        index,
        autolinker,
        autolink: config.autolink,
        broken_severity: config.broken_links,
        base_path: config.base_url.path.clone(),
        known_paths,
        reserved_ids: reserved_ids.clone(),
    };
    let mut sources = sources;
    let converted = convert_all(&links, &docs, &mut sources, keep_bodies);
    let mut rendered = Vec::with_capacity(docs.len());
    let mut outgoing = Vec::with_capacity(docs.len());
    let mut body_diagnostics = Vec::with_capacity(docs.len());
    for (r, found, out) in converted {
        rendered.push(r);
        body_diagnostics.push(found);
        outgoing.push(out);
    }
    let mut resolver = Resolver {
        index: &links.index,
        docs: &docs,
        sources: &sources,
        diagnostics: &mut diagnostics,
    };
    let mut related = Vec::with_capacity(docs.len());
    let mut steps = Vec::with_capacity(docs.len());
    for doc in &docs {
        let (r, s) = resolver.resolve_doc(doc);
        related.push(r);
        steps.push(s);
    }
    let translations = translations(&docs, &config);
    let resolved = journeys::resolve(&links, &docs, &sources);
    let mut site = LinkedSite {
        config,
        sources,
        docs,
        rendered,
        translations,
        related,
        steps,
        journeys: resolved.journeys,
        personas: resolved.personas,
        backlinks: Vec::new(),
        outgoing,
        assets,
        diagnostics: Vec::new(),
        links: std::sync::Arc::new(links),
        base_diagnostics: diagnostics,
        body_diagnostics,
        journey_diagnostics: resolved.diagnostics,
    };
    site.refresh();
    site
}

/// Converts every document's body, in document order. Without
/// `keep_bodies`, each file is cut down to its front matter once its body
/// is converted: for a site linked once, the bodies go while the HTML is
/// made instead of after. What later checks point at (front matter, links
/// with anchors) is kept.
fn convert_all(
    links: &Links,
    docs: &[Doc],
    sources: &mut [Source],
    keep_bodies: bool,
) -> Vec<Converted> {
    let mut owner: Vec<Option<DocId>> = vec![None; sources.len()];
    for (id, doc) in docs.iter().enumerate() {
        owner[doc.meta().source] = Some(id);
    }
    let mut converted: Vec<(DocId, Converted)> = sources
        .par_iter_mut()
        .zip(owner)
        .filter_map(|(source, id)| {
            let id = id?;
            let done = convert(links, docs, source, id);
            if !keep_bodies {
                source.keep_until(docs[id].meta().body.start);
            }
            Some((id, done))
        })
        .collect();
    converted.sort_unstable_by_key(|(id, _)| *id);
    assert_eq!(converted.len(), docs.len(), "one file per document");
    converted.into_iter().map(|(_, done)| done).collect()
}

/// A converted body: its HTML and more, the problems found in its links,
/// and the links themselves.
type Converted = (Rendered, Vec<Diagnostic>, Vec<OutLink>);

/// Converts the body of document `id`, read from its file `source`.
fn convert(links: &Links, docs: &[Doc], source: &Source, id: DocId) -> Converted {
    let meta = docs[id].meta();
    let mut linker = DocLinker {
        links,
        docs,
        source,
        id,
        offset: meta.body.start,
        diagnostics: Vec::new(),
        outgoing: Vec::new(),
        linked_terms: Default::default(),
    };
    // A journey's page gives each step's map column the id `step-N`.
    let with_steps;
    let reserved = match &docs[id] {
        Doc::Journey(j) if !j.steps.is_empty() => {
            let mut ids = links.reserved_ids.clone();
            ids.extend((1..=j.steps.len()).map(step_anchor));
            with_steps = ids;
            &with_steps
        }
        _ => &links.reserved_ids,
    };
    let rendered = markdown::convert(&source.text[meta.body.clone()], &mut linker, reserved);
    (rendered, linker.diagnostics, linker.outgoing)
}

impl LinkedSite {
    /// Replaces documents with edits of the same files that keep everything
    /// other pages find them by (kind, language, URL, title, aliases,
    /// abbreviation, tags, owner), and brings everything depending on them
    /// up to date (backlinks, anchor checks, diagnostics). Their bodies are
    /// converted again. When `front_matter` changed too (descriptions,
    /// references, facets), so are the bodies that link to them (the links
    /// carry their description), and their `related`, `terms` and steps are
    /// resolved again. Returns the pages whose content may have changed.
    pub fn replace_docs(
        &mut self,
        edits: Vec<(DocId, Source, Doc)>,
        front_matter: bool,
    ) -> Vec<DocId> {
        let edited: Vec<DocId> = edits.iter().map(|(id, _, _)| *id).collect();
        let mut affected: Vec<DocId> = edited.clone();
        for (id, source, doc) in edits {
            let index = self.docs[id].meta().source;
            self.sources[index] = source;
            self.docs[id] = doc;
        }
        let mut reconvert = edited.clone();
        if front_matter {
            let mut resolver = Resolver {
                index: &self.links.index,
                docs: &self.docs,
                sources: &self.sources,
                diagnostics: &mut self.base_diagnostics,
            };
            for &id in &edited {
                let (related, steps) = resolver.resolve_doc(&self.docs[id]);
                affected.extend(self.related[id].iter().chain(&self.steps[id]));
                affected.extend(related.iter().chain(&steps));
                self.related[id] = related;
                self.steps[id] = steps;
            }
            // Pages naming an edited page in their references list it.
            affected.extend((0..self.docs.len()).filter(|&d| {
                self.related[d]
                    .iter()
                    .chain(&self.steps[d])
                    .any(|t| edited.contains(t))
            }));
            // Pages whose text links to an edited page show its description.
            reconvert.extend(
                (0..self.docs.len())
                    .filter(|&d| self.outgoing[d].iter().any(|l| edited.contains(&l.target))),
            );
            reconvert.sort_unstable();
            reconvert.dedup();
            // Personas, `improves` and channels: resolved again as a whole,
            // as one edit can change what other journeys name.
            let resolved = journeys::resolve(&self.links, &self.docs, &self.sources);
            for (id, (old, new)) in self.journeys.iter().zip(&resolved.journeys).enumerate() {
                if old != new {
                    affected.push(id);
                    for j in [old, new] {
                        affected.extend(j.persona.iter().chain(&j.improves).chain(&j.improved_by));
                    }
                }
            }
            for &id in &edited {
                let j = &resolved.journeys[id];
                affected.extend(j.persona.iter().chain(&j.improves).chain(&j.improved_by));
            }
            self.journeys = resolved.journeys;
            self.personas = resolved.personas;
            self.journey_diagnostics = resolved.diagnostics;
        }
        let converted: Vec<(DocId, Converted)> = reconvert
            .par_iter()
            .map(|&id| {
                let source = &self.sources[self.docs[id].meta().source];
                (id, convert(&self.links, &self.docs, source, id))
            })
            .collect();
        for (id, (rendered, found, outgoing)) in converted {
            if front_matter {
                // Pages this one links to list it, with its description.
                affected.extend(self.outgoing[id].iter().chain(&outgoing).map(|l| l.target));
            }
            self.rendered[id] = rendered;
            self.body_diagnostics[id] = found;
            self.outgoing[id] = outgoing;
            affected.push(id);
        }
        let before = std::mem::take(&mut self.backlinks);
        self.refresh();
        affected.extend((0..self.docs.len()).filter(|&d| before[d] != self.backlinks[d]));
        affected.sort_unstable();
        affected.dedup();
        affected
    }

    /// Recomputes what depends on every body at once: backlinks, anchor
    /// checks and the list of diagnostics.
    fn refresh(&mut self) {
        let body_links: Vec<Vec<DocId>> = self
            .outgoing
            .iter()
            .map(|out| out.iter().map(|l| l.target).collect())
            .collect();
        let journey_refs: Vec<Vec<DocId>> = self
            .journeys
            .iter()
            .map(|j| j.persona.into_iter().chain(j.improves).collect())
            .collect();
        self.backlinks = backlinks(
            &self.docs,
            [&self.related, &self.steps, &body_links, &journey_refs],
        );
        let mut diagnostics = self.base_diagnostics.clone();
        diagnostics.extend(self.journey_diagnostics.iter().cloned());
        diagnostics.extend(self.body_diagnostics.iter().flatten().cloned());
        check_anchors(self, &mut diagnostics);
        self.diagnostics = diagnostics;
    }
}

/// The paths of the pages the site generates besides documents, per
/// language: section indexes and listings.
fn generated_paths(config: &Config, docs: &[Doc]) -> HashSet<String> {
    let mut paths: HashSet<String> = ["404.html", "sitemap.xml", "robots.txt"]
        .map(String::from)
        .into();
    for lang in &config.languages {
        let prefix = if *lang == config.default_language {
            String::new()
        } else {
            format!("{lang}/")
        };
        paths.insert(prefix.clone());
        let has_personas = docs.iter().any(|d| d.kind() == Kind::Persona);
        for section in crate::parse::SECTIONS {
            if *section != "personas" || has_personas {
                paths.insert(format!("{prefix}{section}/"));
            }
        }
        for stage in &config.stages {
            paths.insert(format!("{prefix}stages/{}/", stage.id));
        }
        for channel in &config.channels {
            paths.insert(format!("{prefix}channels/{}/", channel.id));
        }
        for priority in crate::model::Priority::ALL {
            paths.insert(format!("{prefix}opportunities/priorities/{priority}/"));
        }
    }
    for doc in docs {
        let meta = doc.meta();
        let prefix = if meta.lang == config.default_language {
            String::new()
        } else {
            format!("{}/", meta.lang)
        };
        for tag in &meta.tags {
            paths.insert(format!("{prefix}tags/{}/", crate::slug::slugify(tag)));
        }
        match doc {
            Doc::Touchpoint(t) => {
                if let Some(owner) = &t.owner {
                    paths.insert(format!("{prefix}owners/{}/", crate::slug::slugify(owner)));
                }
            }
            Doc::Journey(j) => {
                let owners = j.steps.iter().flat_map(|s| &s.opportunities);
                for owner in owners.filter_map(|o| o.owner.as_deref()) {
                    let slug = crate::slug::slugify(owner);
                    paths.insert(format!("{prefix}opportunities/owners/{slug}/"));
                }
            }
            _ => {}
        }
    }
    paths
}

/// Every `#anchor` must name a heading of its target page.
fn check_anchors(site: &LinkedSite, diagnostics: &mut Vec<Diagnostic>) {
    for out in &site.outgoing {
        for link in out {
            let Some(Anchor { id: anchor, at }) = &link.anchor else {
                continue;
            };
            let toc = &site.rendered[link.target].toc;
            if toc.iter().any(|h| h.id == *anchor) {
                continue;
            }
            let target = site.docs[link.target].meta();
            let ids: Vec<&str> = toc.iter().map(|h| h.id.as_str()).collect();
            let hint =
                crate::suggest::did_you_mean(anchor, ids.iter().copied()).unwrap_or_else(|| {
                    if ids.is_empty() {
                        format!("\"{}\" has no headings", target.title)
                    } else {
                        format!("its headings: {}", ids.join(", "))
                    }
                });
            let mut found = Diagnostic::clone(at);
            found.message = format!("`#{anchor}` is not a heading of \"{}\"", target.title);
            diagnostics.push(found.with_hint(hint));
        }
    }
}

struct Resolver<'a> {
    index: &'a NameIndex,
    docs: &'a [Doc],
    sources: &'a [Source],
    diagnostics: &'a mut Vec<Diagnostic>,
}

impl Resolver<'_> {
    /// Resolves a document's `related` (terms) or `terms` (touchpoints), and
    /// a journey's step touchpoints.
    fn resolve_doc(&mut self, doc: &Doc) -> (Vec<DocId>, Vec<DocId>) {
        let (refs, step_refs): (Vec<&Reference>, Vec<&Reference>) = match doc {
            Doc::Term(t) => (t.related.iter().collect(), Vec::new()),
            Doc::Touchpoint(t) => (t.terms.iter().collect(), Vec::new()),
            Doc::Journey(j) => (Vec::new(), j.steps.iter().map(|s| &s.touchpoint).collect()),
            Doc::Persona(_) | Doc::Page(_) => (Vec::new(), Vec::new()),
        };
        (
            self.resolve_all(doc, &refs, Kind::Term),
            self.resolve_all(doc, &step_refs, Kind::Touchpoint),
        )
    }

    /// Resolves references of `from` to documents of `kind`; each one that
    /// names nothing becomes an error with the nearest titles as a hint.
    fn resolve_all(&mut self, from: &Doc, refs: &[&Reference], kind: Kind) -> Vec<DocId> {
        let lang = &from.meta().lang;
        let mut found = Vec::with_capacity(refs.len());
        for reference in refs {
            match self.index.resolve(&reference.name, kind, lang) {
                Some(id) => found.push(id),
                None => {
                    let titles = self.index.titles(self.docs, Some(kind), lang);
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

/// Who links to each document, from every kind of reference, in the
/// document's own language (a page linking across languages is not listed).
fn backlinks(docs: &[Doc], kinds: [&Vec<Vec<DocId>>; 4]) -> Vec<Vec<DocId>> {
    let mut back: Vec<Vec<DocId>> = vec![Vec::new(); docs.len()];
    let keys: Vec<_> = docs
        .par_iter()
        .map(|d| crate::collate::sort_key(&d.meta().title))
        .collect();
    for (from, targets) in kinds.into_iter().flat_map(|k| k.iter().enumerate()) {
        for &to in targets {
            if to != from && docs[to].meta().lang == docs[from].meta().lang {
                back[to].push(from);
            }
        }
    }
    for list in &mut back {
        list.sort_by(|a, b| keys[*a].cmp(&keys[*b]).then(a.cmp(b)));
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
