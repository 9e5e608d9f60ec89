//! Derived lists the listing pages need, computed once per build: documents
//! per language in display order, tags, owners, and the reverse references
//! (touchpoints naming a term, journeys using a touchpoint).

use std::collections::BTreeMap;

use crate::link::{DocId, LinkedSite};
use crate::model::Kind;
use crate::parse::Doc;
use crate::slug::slugify;

/// Documents grouped by a name (a tag or an owner), keyed by its slug.
#[derive(Debug, Default)]
pub struct Groups {
    /// slug → (name as first written, documents in display order)
    pub by_slug: BTreeMap<String, (String, Vec<DocId>)>,
}

impl Groups {
    fn add(&mut self, name: &str, doc: DocId) {
        let slug = slugify(name);
        if slug.is_empty() {
            return;
        }
        let entry = self
            .by_slug
            .entry(slug)
            .or_insert_with(|| (name.to_string(), Vec::new()));
        if !entry.1.contains(&doc) {
            entry.1.push(doc);
        }
    }
}

/// Lists of one language.
#[derive(Debug, Default)]
pub struct LangLists {
    /// Terms in German dictionary order.
    pub terms: Vec<DocId>,
    /// Touchpoints by weight, then title.
    pub touchpoints: Vec<DocId>,
    pub journeys: Vec<DocId>,
    pub personas: Vec<DocId>,
    pub pages: Vec<DocId>,
    pub tags: Groups,
    pub owners: Groups,
}

/// Everything derived from the site for listings, built once.
#[derive(Debug)]
pub struct Lists {
    pub by_lang: BTreeMap<String, LangLists>,
    /// Per document: touchpoints whose `terms` name it (for terms).
    pub touchpoints_of_term: Vec<Vec<DocId>>,
    /// Per document: journeys that use it in a step (for touchpoints).
    pub journeys_of_touchpoint: Vec<Vec<DocId>>,
    /// Per document: journeys told from it (for personas), in display order.
    pub journeys_of_persona: Vec<Vec<DocId>>,
}

impl Lists {
    pub fn new(site: &LinkedSite) -> Self {
        let mut by_lang: BTreeMap<String, LangLists> = site
            .config
            .languages
            .iter()
            .map(|l| (l.clone(), LangLists::default()))
            .collect();
        let order = display_order(site);
        for &id in &order {
            let doc = &site.docs[id];
            let meta = doc.meta();
            let Some(lists) = by_lang.get_mut(&meta.lang) else {
                continue;
            };
            match doc.kind() {
                Kind::Term => lists.terms.push(id),
                Kind::Touchpoint => lists.touchpoints.push(id),
                Kind::Journey => lists.journeys.push(id),
                Kind::Persona => lists.personas.push(id),
                Kind::Page => lists.pages.push(id),
            }
            for tag in &meta.tags {
                lists.tags.add(tag, id);
            }
            if let Doc::Touchpoint(t) = doc {
                if let Some(owner) = &t.owner {
                    lists.owners.add(owner, id);
                }
            }
        }
        let mut touchpoints_of_term = vec![Vec::new(); site.docs.len()];
        let mut journeys_of_touchpoint = vec![Vec::new(); site.docs.len()];
        let mut journeys_of_persona = vec![Vec::new(); site.docs.len()];
        for &id in &order {
            match site.docs[id].kind() {
                Kind::Touchpoint => site.related[id]
                    .iter()
                    .for_each(|&t| push_unique(&mut touchpoints_of_term[t], id)),
                Kind::Journey => {
                    site.steps[id]
                        .iter()
                        .for_each(|&t| push_unique(&mut journeys_of_touchpoint[t], id));
                    if let Some(p) = site.journeys[id].persona {
                        push_unique(&mut journeys_of_persona[p], id);
                    }
                }
                _ => {}
            }
        }
        Self {
            by_lang,
            touchpoints_of_term,
            journeys_of_touchpoint,
            journeys_of_persona,
        }
    }
}

fn push_unique(list: &mut Vec<DocId>, id: DocId) {
    if !list.contains(&id) {
        list.push(id);
    }
}

/// All documents sorted the way listings show them: by `weight`, then
/// title in German dictionary order, then path (always deterministic).
fn display_order(site: &LinkedSite) -> Vec<DocId> {
    let mut order: Vec<DocId> = (0..site.docs.len()).collect();
    order.sort_by_cached_key(|&id| {
        let meta = site.docs[id].meta();
        (
            meta.weight,
            crate::collate::sort_key(&meta.title),
            meta.path.clone(),
        )
    });
    order
}
