//! Context of the opportunity backlog (`/opportunities/`): every
//! opportunity of the language's journeys, grouped by stage, with the
//! values the filter script reads and the filter choices. Without
//! JavaScript the owner and priority choices link to the same backlog cut
//! to one owner (`/opportunities/owners/<owner>/`) or priority
//! (`/opportunities/priorities/<priority>/`), and the journeys to their
//! pages.

use std::collections::BTreeMap;

use super::super::backlog::{self, OpportunityRef};
use super::super::context::{
    Backlog, Cut, FilterChoice, Finding, FindingOpportunity, Link, OpportunityRow,
    StageOpportunities, StepLink,
};
use super::{Renderer, Taxon};
use crate::link::DocId;
use crate::model::Priority;

/// The two ways the backlog is cut into pages of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Facet {
    Owners,
    Priorities,
}

impl Facet {
    pub fn key(self) -> &'static str {
        match self {
            Facet::Owners => "owners",
            Facet::Priorities => "priorities",
        }
    }
}

/// The rows and filter choices of a language's whole backlog, which its
/// page and every cut page share: made once, when the first of them is
/// rendered.
pub(super) struct BacklogRows<'a> {
    /// Each opportunity with the index of its stage in the config.
    rows: Vec<(usize, OpportunityRow<'a>)>,
    owners: Vec<FilterChoice>,
    priorities: Vec<FilterChoice>,
    journeys: Vec<FilterChoice>,
}

impl<'a> Renderer<'a> {
    /// The backlog of `lang`, whole or cut to one owner or priority.
    pub(super) fn backlog(&self, lang: &str, cut: Option<(Facet, &str)>) -> Backlog<'_> {
        let home = &self.lang(lang).home;
        let all = self.backlog_rows(lang);
        let kept = |row: &OpportunityRow<'_>| match cut {
            Some((Facet::Owners, id)) => row.owner.as_ref().is_some_and(|o| o.id == id),
            Some((Facet::Priorities, id)) => row.priority == id,
            None => true,
        };
        let cut = cut.map(|(facet, id)| {
            let (kind, choices) = match facet {
                Facet::Owners => ("owner", &all.owners),
                Facet::Priorities => ("priority", &all.priorities),
            };
            Cut {
                kind,
                id: id.to_string(),
                label: choices
                    .iter()
                    .find(|c| c.id == id)
                    .map_or_else(|| id.to_string(), |c| c.label.clone()),
            }
        });
        let mut stages: Vec<StageOpportunities<'_>> = Vec::new();
        let mut count = 0;
        for (stage, row) in all.rows.iter().filter(|(_, r)| kept(r)) {
            let stage = *stage;
            count += 1;
            match stages.last_mut() {
                Some(group) if group.stage.id == self.site.config.stages[stage].id => {
                    group.opportunities.push(row);
                }
                _ => stages.push(StageOpportunities {
                    stage: self.label(&self.site.config.stages[stage], lang, Taxon::Stages),
                    opportunities: vec![row],
                }),
            }
        }
        Backlog {
            stages,
            count,
            owners: all.owners.clone(),
            priorities: all.priorities.clone(),
            journeys: all.journeys.clone(),
            cut,
            url: format!("{home}opportunities/"),
            exports: ["journeys.json", "opportunities.csv"]
                .into_iter()
                .map(|file| Link {
                    title: file,
                    url: self.url(file),
                    description: "",
                })
                .collect(),
        }
    }

    /// The rows and choices of `lang`'s whole backlog.
    fn backlog_rows(&self, lang: &str) -> &BacklogRows<'a> {
        let cell = self
            .backlogs
            .get(lang)
            .unwrap_or_else(|| &self.backlogs[&self.site.config.default_language]);
        cell.get_or_init(|| {
            let home = &self.lang(lang).home;
            let all: &[OpportunityRef] = self
                .lists
                .backlog
                .by_lang
                .get(lang)
                .map_or(&[], Vec::as_slice);
            let rows: Vec<(usize, OpportunityRow<'a>)> = all
                .iter()
                .filter_map(|&at| self.opportunity_row(at, home))
                .collect();
            BacklogRows {
                owners: self.owner_choices(&rows, home),
                priorities: self.priority_choices(&rows, lang, home),
                journeys: self.journey_choices(&rows, lang),
                rows,
            }
        })
    }

    /// The cut pages of `lang`: each priority (always, so the filter links
    /// lead somewhere) and each owner named by an opportunity.
    pub(super) fn backlog_cuts(&self, lang: &str) -> Vec<(Facet, String)> {
        let mut cuts: Vec<(Facet, String)> = Priority::ALL
            .iter()
            .map(|p| (Facet::Priorities, p.to_string()))
            .collect();
        let mut owners: Vec<String> = self
            .lists
            .backlog
            .by_lang
            .get(lang)
            .into_iter()
            .flatten()
            .filter_map(|&at| backlog::resolve(self.site, at)?.1.owner.as_deref())
            .map(crate::slug::slugify)
            .filter(|id| !id.is_empty())
            .collect();
        owners.sort_unstable();
        owners.dedup();
        cuts.extend(owners.into_iter().map(|id| (Facet::Owners, id)));
        cuts
    }

    /// The steps of journeys at touchpoint `id` that report pain points or
    /// opportunities, by journey in display order, then step.
    pub(super) fn findings(&self, id: DocId, lang: &str) -> Vec<Finding<'a>> {
        let site = self.site;
        self.lists.backlog.steps_at[id]
            .iter()
            .filter_map(|&at| {
                let (journey, _) = site.journey(at.journey)?;
                let step = backlog::step(site, at)?;
                let link = self.link(at.journey);
                Some(Finding {
                    url: format!("{}#{}", link.url, crate::link::step_anchor(at.number())),
                    journey: link,
                    state: journey.state.as_str(),
                    stage: self.stage_label(&step.stage, lang),
                    number: at.number(),
                    emotion: step.emotion,
                    pain_points: step.pain_points.iter().map(|p| p.text.as_str()).collect(),
                    opportunities: step
                        .opportunities
                        .iter()
                        .map(|o| FindingOpportunity {
                            title: &o.title,
                            owner: o.owner.as_deref(),
                            priority: o.priority.map_or("", Priority::as_str),
                        })
                        .collect(),
                })
            })
            .collect()
    }

    /// One row and the position of its stage in the config.
    fn opportunity_row(
        &self,
        at: OpportunityRef,
        home: &str,
    ) -> Option<(usize, OpportunityRow<'a>)> {
        let site = self.site;
        let (step, opportunity) = backlog::resolve(site, at)?;
        let (journey, links) = site.journey(at.step.journey)?;
        let stage = site.config.stages.iter().position(|s| s.id == step.stage)?;
        let link = self.link(at.step.journey);
        let number = at.step.number();
        let owner = opportunity.owner.as_ref().map(|name| {
            let id = crate::slug::slugify(name);
            FilterChoice {
                url: format!("{home}opportunities/owners/{id}/"),
                label: name.clone(),
                id,
                count: 0,
            }
        });
        Some((
            stage,
            OpportunityRow {
                title: &opportunity.title,
                owner,
                priority: opportunity.priority.map_or("", Priority::as_str),
                priority_rank: opportunity.priority.map_or(3, |p| p as usize),
                step: StepLink {
                    number,
                    url: format!("{}#{}", link.url, crate::link::step_anchor(number)),
                    touchpoint: links
                        .steps
                        .get(at.step.index)
                        .and_then(|s| s.touchpoint)
                        .map(|t| self.link(t)),
                    emotion: step.emotion,
                },
                journey: link,
                journey_id: &journey.meta.slug,
                state: journey.state.as_str(),
                pain_points: step.pain_points.iter().map(|p| p.text.as_str()).collect(),
            },
        ))
    }

    /// Every owner named, by name in German dictionary order.
    fn owner_choices(&self, rows: &[(usize, OpportunityRow<'_>)], home: &str) -> Vec<FilterChoice> {
        let mut by_id: BTreeMap<&str, FilterChoice> = BTreeMap::new();
        for owner in rows.iter().filter_map(|(_, r)| r.owner.as_ref()) {
            if owner.id.is_empty() {
                continue;
            }
            by_id
                .entry(&owner.id)
                .or_insert_with(|| FilterChoice {
                    url: format!("{home}opportunities/owners/{}/", owner.id),
                    ..owner.clone()
                })
                .count += 1;
        }
        let mut owners: Vec<FilterChoice> = by_id.into_values().collect();
        owners.sort_by_cached_key(|c| (crate::collate::sort_key(&c.label), c.id.clone()));
        owners
    }

    /// The three priorities, most urgent first, each with its count.
    fn priority_choices(
        &self,
        rows: &[(usize, OpportunityRow<'_>)],
        lang: &str,
        home: &str,
    ) -> Vec<FilterChoice> {
        Priority::ALL
            .iter()
            .map(|&id| FilterChoice {
                id: id.to_string(),
                label: self.t(lang, &format!("priority_{id}")),
                url: format!("{home}opportunities/priorities/{id}/"),
                count: rows.iter().filter(|(_, r)| r.priority == id).count(),
            })
            .collect()
    }

    /// The journeys of `lang` with opportunities, in display order.
    fn journey_choices(
        &self,
        rows: &[(usize, OpportunityRow<'_>)],
        lang: &str,
    ) -> Vec<FilterChoice> {
        self.lists_of(lang)
            .journeys
            .iter()
            .filter_map(|&id| {
                let meta = &self.site.journey(id)?.0.meta;
                let count = rows
                    .iter()
                    .filter(|(_, r)| r.journey_id == meta.slug)
                    .count();
                (count > 0).then(|| FilterChoice {
                    id: meta.slug.clone(),
                    label: meta.title.clone(),
                    url: self.url(&meta.path),
                    count,
                })
            })
            .collect()
    }
}
