//! Contexts of the generated listing pages: start page, A–Z glossary,
//! taxonomies and their listings. The catalogue is in `catalogue_ctx`, the
//! journey matrix and journeys in `journey_ctx`.

use super::super::context::*;
use super::super::jsonld;
use super::{Renderer, Taxon};
use crate::link::DocId;
use crate::parse::Doc;

impl Renderer<'_> {
    pub(super) fn lists_of(&self, lang: &str) -> &super::super::lists::LangLists {
        &self.lists.by_lang[lang]
    }

    pub(super) fn touchpoint_docs(
        &self,
        lang: &str,
    ) -> impl Iterator<Item = (DocId, &crate::model::Touchpoint)> {
        self.lists_of(lang)
            .touchpoints
            .iter()
            .filter_map(|&id| match &self.site.docs[id] {
                Doc::Touchpoint(t) => Some((id, t)),
                _ => None,
            })
    }

    pub(super) fn counts(&self, lang: &str) -> Counts {
        let lists = self.lists_of(lang);
        Counts {
            terms: lists.terms.len(),
            touchpoints: lists.touchpoints.len(),
            journeys: lists.journeys.len(),
        }
    }

    pub(super) fn stage_counts(&self, lang: &str) -> Vec<StageCount> {
        self.site
            .config
            .stages
            .iter()
            .map(|stage| StageCount {
                label: self.label(stage, lang, Taxon::Stages),
                count: self
                    .touchpoint_docs(lang)
                    .filter(|(_, t)| t.stages.contains(&stage.id))
                    .count(),
            })
            .collect()
    }

    /// The five most recently updated terms.
    pub(super) fn recent(&self, lang: &str) -> Vec<Link<'_>> {
        let mut terms: Vec<(&str, DocId)> = self
            .lists_of(lang)
            .terms
            .iter()
            .filter_map(|&id| Some((self.site.docs[id].meta().updated.as_deref()?, id)))
            .collect();
        terms.sort_by(|a, b| b.0.cmp(a.0).then(a.1.cmp(&b.1)));
        terms
            .into_iter()
            .take(5)
            .map(|(_, id)| self.link(id))
            .collect()
    }

    pub(super) fn letters(&self, lang: &str) -> Vec<Letter<'_>> {
        let mut terms: Vec<DocId> = self.lists_of(lang).terms.clone();
        terms.sort_by_cached_key(|&id| crate::collate::sort_key(&self.site.docs[id].meta().title));
        let mut letters: Vec<Letter<'_>> = ('A'..='Z')
            .chain(['#'])
            .map(|c| Letter {
                letter: c.to_string(),
                id: if c == '#' {
                    "letter-other".into()
                } else {
                    format!("letter-{c}")
                },
                terms: Vec::new(),
            })
            .collect();
        for id in terms {
            let doc = &self.site.docs[id];
            let letter = crate::collate::letter(&doc.meta().title);
            let slot = if letter == '#' {
                26
            } else {
                (letter as u8 - b'A') as usize
            };
            let abbreviation = match doc {
                Doc::Term(t) => t.abbreviation.clone().unwrap_or_default(),
                _ => String::new(),
            };
            letters[slot].terms.push(GlossaryEntry {
                link: self.link(id),
                abbreviation,
            });
        }
        letters
    }

    /// (name, slug, documents) of every entry of a taxonomy.
    fn taxon_entries(&self, lang: &str, taxon: Taxon) -> Vec<(String, String, Vec<DocId>)> {
        let lists = self.lists_of(lang);
        let from_groups = |groups: &super::super::lists::Groups| {
            groups
                .by_slug
                .iter()
                .map(|(slug, (name, ids))| (name.clone(), slug.clone(), ids.clone()))
                .collect()
        };
        let config = &self.site.config;
        match taxon {
            Taxon::Tags => from_groups(&lists.tags),
            Taxon::Owners => from_groups(&lists.owners),
            Taxon::Channels => config
                .channels
                .iter()
                .map(|c| {
                    let ids = self
                        .touchpoint_docs(lang)
                        .filter(|(_, t)| t.channel == c.id)
                        .map(|(id, _)| id)
                        .collect();
                    (
                        c.label(lang, &config.default_language).to_string(),
                        c.id.clone(),
                        ids,
                    )
                })
                .collect(),
            Taxon::Stages => config
                .stages
                .iter()
                .map(|c| {
                    let ids = self
                        .touchpoint_docs(lang)
                        .filter(|(_, t)| t.stages.contains(&c.id))
                        .map(|(id, _)| id)
                        .collect();
                    (
                        c.label(lang, &config.default_language).to_string(),
                        c.id.clone(),
                        ids,
                    )
                })
                .collect(),
        }
    }

    pub(super) fn taxonomy(&self, lang: &str, taxon: Taxon) -> Taxonomy {
        let home = &self.lang(lang).home;
        let mut entries: Vec<TaxonomyEntry> = self
            .taxon_entries(lang, taxon)
            .into_iter()
            .map(|(name, slug, ids)| TaxonomyEntry {
                url: format!("{home}{}/{slug}/", taxon.key()),
                name,
                count: ids.len(),
            })
            .collect();
        if matches!(taxon, Taxon::Tags | Taxon::Owners) {
            entries.sort_by_cached_key(|e| crate::collate::sort_key(&e.name));
        }
        Taxonomy {
            kind: taxon.key(),
            title: self.t(lang, taxon.key()),
            entries,
        }
    }

    pub(super) fn listing(&self, lang: &str, taxon: Taxon, key: &str) -> Listing<'_> {
        let (name, ids) = self
            .taxon_entries(lang, taxon)
            .into_iter()
            .find(|(_, slug, _)| slug == key)
            .map(|(name, _, ids)| (name, ids))
            .unwrap_or_default();
        Listing {
            kind: taxon.key(),
            description: String::new(),
            items: ids
                .into_iter()
                .map(|id| ListingItem {
                    link: self.link(id),
                    kind: self.site.docs[id].kind().name(),
                })
                .collect(),
            name,
        }
    }
}

/// JSON-LD of the glossary (see `render::jsonld`).
impl Renderer<'_> {
    fn glossary_set(&self, lang: &str) -> (String, String) {
        let prefix = super::lang_prefix(&self.site.config, lang);
        (
            format!("{} – {}", self.t(lang, "glossary_title"), self.info.title),
            self.full_url(&format!("{prefix}glossary/")),
        )
    }

    fn term_ref<'s>(&'s self, id: DocId, url: &'s str) -> Option<jsonld::TermRef<'s>> {
        let Doc::Term(term) = &self.site.docs[id] else {
            return None;
        };
        let mut alternate_names: Vec<&str> = term.aliases.iter().map(String::as_str).collect();
        if let Some(abbr) = term.abbreviation.as_deref() {
            if !abbr.is_empty() && !alternate_names.contains(&abbr) {
                alternate_names.push(abbr);
            }
        }
        Some(jsonld::TermRef {
            name: &term.meta.title,
            description: &term.meta.description,
            url,
            alternate_names,
        })
    }

    /// The `DefinedTermSet` of a language's glossary index.
    pub(super) fn glossary_jsonld(&self, lang: &str) -> String {
        let (name, url) = self.glossary_set(lang);
        let set = jsonld::SetRef {
            name: &name,
            url: &url,
            lang,
        };
        let ids = &self.lists_of(lang).terms;
        let urls: Vec<String> = ids
            .iter()
            .map(|&id| self.full_url(&self.site.docs[id].meta().path))
            .collect();
        let terms: Vec<jsonld::TermRef<'_>> = ids
            .iter()
            .zip(&urls)
            .filter_map(|(&id, url)| self.term_ref(id, url))
            .collect();
        jsonld::defined_term_set(&set, &terms)
    }

    /// The `DefinedTerm` of a term page; empty for other documents.
    pub(super) fn term_jsonld(&self, id: DocId) -> String {
        let meta = self.site.docs[id].meta();
        let (name, set_url) = self.glossary_set(&meta.lang);
        let url = self.full_url(&meta.path);
        let Some(term) = self.term_ref(id, &url) else {
            return String::new();
        };
        let set = jsonld::SetRef {
            name: &name,
            url: &set_url,
            lang: &meta.lang,
        };
        jsonld::defined_term(&term, &set)
    }
}
