//! Contexts of the generated listing pages: start page, A–Z glossary,
//! catalogue, journey matrix, journeys, taxonomies and their listings.

use tera::Context;

use super::super::context::*;
use super::{Renderer, Taxon};
use crate::link::DocId;
use crate::parse::Doc;

impl Renderer<'_> {
    fn lists_of(&self, lang: &str) -> &super::super::lists::LangLists {
        &self.lists.by_lang[lang]
    }

    fn touchpoint_docs(
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
    pub(super) fn recent(&self, lang: &str) -> Vec<Link> {
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

    pub(super) fn letters(&self, lang: &str) -> Vec<Letter> {
        let mut terms: Vec<DocId> = self.lists_of(lang).terms.clone();
        terms.sort_by_cached_key(|&id| crate::collate::sort_key(&self.site.docs[id].meta().title));
        let mut letters: Vec<Letter> = ('A'..='Z')
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

    pub(super) fn insert_catalogue(&self, ctx: &mut Context, lang: &str) {
        let config = &self.site.config;
        let groups: Vec<ChannelGroup<'_>> = config
            .channels
            .iter()
            .map(|channel| ChannelGroup {
                channel: self.label(channel, lang, Taxon::Channels),
                touchpoints: self
                    .touchpoint_docs(lang)
                    .filter(|(_, t)| t.channel == channel.id)
                    .map(|(id, t)| TouchpointRow {
                        title: &t.meta.title,
                        url: self.url(&self.site.docs[id].meta().path),
                        description: &t.meta.description,
                        stages: t
                            .stages
                            .iter()
                            .filter_map(|s| self.stage_label(s, lang))
                            .collect(),
                        owner: self.owner(t.owner.as_ref(), lang),
                        kpis: &t.kpis,
                        ownership: t.ownership.map_or("", |o| o.as_str()),
                    })
                    .collect(),
            })
            .collect();
        ctx.insert("groups", &groups);
        let labels = |list: &[crate::config::Category], taxon| -> Vec<Label> {
            list.iter().map(|c| self.label(c, lang, taxon)).collect()
        };
        ctx.insert("channels", &labels(&config.channels, Taxon::Channels));
        ctx.insert("stages", &labels(&config.stages, Taxon::Stages));
        let owners: Vec<Owner> = self
            .lists_of(lang)
            .owners
            .by_slug
            .values()
            .filter_map(|(name, _)| self.owner(Some(name), lang))
            .collect();
        ctx.insert("owners", &owners);
    }

    pub(super) fn matrix(&self, lang: &str) -> Matrix {
        let config = &self.site.config;
        let stages: Vec<Label> = config
            .stages
            .iter()
            .map(|s| self.label(s, lang, Taxon::Stages))
            .collect();
        let rows = config
            .channels
            .iter()
            .map(|channel| MatrixRow {
                channel: self.label(channel, lang, Taxon::Channels),
                cells: stages
                    .iter()
                    .map(|stage| MatrixCell {
                        stage: stage.clone(),
                        touchpoints: self
                            .touchpoint_docs(lang)
                            .filter(|(_, t)| {
                                t.channel == channel.id && t.stages.contains(&stage.id)
                            })
                            .map(|(id, _)| self.link(id))
                            .collect(),
                    })
                    .collect(),
            })
            .collect();
        Matrix { stages, rows }
    }

    pub(super) fn journey_entries(&self, lang: &str) -> Vec<JourneyEntry> {
        self.lists_of(lang)
            .journeys
            .iter()
            .map(|&id| JourneyEntry {
                link: self.link(id),
                persona: match &self.site.docs[id] {
                    Doc::Journey(j) => j.persona.clone(),
                    _ => String::new(),
                },
            })
            .collect()
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

    pub(super) fn listing(&self, lang: &str, taxon: Taxon, key: &str) -> Listing {
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
