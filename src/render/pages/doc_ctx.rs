//! Contexts of the documents' own pages (terms, touchpoints, journeys,
//! personas, pages) and the links, labels, owners and tags they show.

use super::super::context::*;
use super::{Renderer, Taxon};
use crate::config::Category;
use crate::link::DocId;
use crate::parse::Doc;

impl<'a> Renderer<'a> {
    pub fn link(&self, id: DocId) -> Link<'a> {
        let meta = self.site.docs[id].meta();
        Link {
            title: &meta.title,
            url: self.url(&meta.path),
            description: &meta.description,
        }
    }

    pub(super) fn links(&self, ids: &[DocId]) -> Vec<Link<'a>> {
        ids.iter().map(|&id| self.link(id)).collect()
    }

    pub(super) fn label(&self, category: &Category, lang: &str, taxon: Taxon) -> Label {
        Label {
            id: category.id.clone(),
            label: category
                .label(lang, &self.site.config.default_language)
                .to_string(),
            url: format!("{}{}/{}/", self.lang(lang).home, taxon.key(), category.id),
        }
    }

    pub(super) fn stage_label(&self, id: &str, lang: &str) -> Option<Label> {
        self.site
            .config
            .stages
            .iter()
            .find(|c| c.id == id)
            .map(|c| self.label(c, lang, Taxon::Stages))
    }

    /// The labels of a touchpoint's stages, in the order written.
    pub(super) fn stage_labels(&self, ids: &[String], lang: &str) -> Vec<Label> {
        ids.iter()
            .filter_map(|s| self.stage_label(s, lang))
            .collect()
    }

    pub(super) fn channel_label(&self, id: &str, lang: &str) -> Label {
        match self.site.config.channels.iter().find(|c| c.id == id) {
            Some(c) => self.label(c, lang, Taxon::Channels),
            None => Label {
                id: id.to_string(),
                label: id.to_string(),
                url: String::new(),
            },
        }
    }

    pub(super) fn owner(&self, name: Option<&String>, lang: &str) -> Option<Owner> {
        let name = name?;
        let slug = crate::slug::slugify(name);
        Some(Owner {
            name: name.clone(),
            url: format!("{}owners/{slug}/", self.lang(lang).home),
            id: slug,
        })
    }

    pub(super) fn tags(&self, tags: &[String], lang: &str) -> Vec<Tag> {
        tags.iter()
            .filter(|t| !crate::slug::slugify(t).is_empty())
            .map(|t| Tag {
                name: t.clone(),
                url: format!("{}tags/{}/", self.lang(lang).home, crate::slug::slugify(t)),
            })
            .collect()
    }

    pub(super) fn page_view<'b>(
        &'b self,
        id: DocId,
        body: &'b str,
    ) -> (&'static str, PageView<'b>) {
        let doc = &self.site.docs[id];
        let meta = doc.meta();
        let lang = meta.lang.as_str();
        let rendered = &self.site.rendered[id];
        let (template, details) = match doc {
            Doc::Term(t) => (
                "term.html",
                Details::Term {
                    aliases: &t.aliases,
                    abbreviation: t.abbreviation.as_deref().unwrap_or(""),
                    related: self.links(&self.site.related[id]),
                    touchpoints: self.links(&self.lists.touchpoints_of_term[id]),
                },
            ),
            Doc::Touchpoint(t) => (
                "touchpoint.html",
                Details::Touchpoint {
                    channel: self.channel_label(&t.channel, lang),
                    stages: self.stage_labels(&t.stages, lang),
                    owner: self.owner(t.owner.as_ref(), lang),
                    kpis: &t.kpis,
                    ownership: t.ownership.map_or("", |o| o.as_str()),
                    terms: self.links(&self.site.related[id]),
                    journeys: self.links(&self.lists.journeys_of_touchpoint[id]),
                    findings: self.findings(id, lang),
                },
            ),
            Doc::Journey(j) => ("journey.html", self.journey_details(id, j, lang)),
            Doc::Persona(p) => (
                "persona.html",
                Details::Persona {
                    aliases: &p.aliases,
                    role: p.role.as_deref().unwrap_or(""),
                    goals: &p.goals,
                    needs: &p.needs,
                    frustrations: &p.frustrations,
                    quote: p.quote.as_deref().unwrap_or(""),
                    image: self.site.personas[id]
                        .image
                        .as_ref()
                        .map_or(String::new(), |i| self.url(i)),
                    journeys: self.links(&self.lists.journeys_of_persona[id]),
                },
            ),
            Doc::Page(_) => ("page.html", Details::Page {}),
        };
        let page = PageView {
            title: &meta.title,
            description: &meta.description,
            body,
            toc: &rendered.toc,
            tags: self.tags(&meta.tags, lang),
            updated: meta.updated.as_deref().unwrap_or(""),
            url: self.url(&meta.path),
            kind: doc.kind().name(),
            extra: &meta.extra,
            backlinks: self.links(&self.site.backlinks[id]),
            details,
        };
        (template, page)
    }
}
