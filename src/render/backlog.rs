//! The opportunity backlog and the findings journeys attach to touchpoints,
//! derived once per build from the journeys' lanes: every opportunity of
//! every journey in backlog order (for `/opportunities/` and
//! `opportunities.csv`), and per touchpoint the steps that report pain
//! points or opportunities at it (for the journey matrix and touchpoint
//! pages).

use std::collections::BTreeMap;

use crate::link::{DocId, LinkedSite};
use crate::model::{Journey, Opportunity, Step};
use crate::parse::Doc;

/// One step of a journey: the journey and the step's position in
/// `Journey::steps` (0-based; its number on the page is `index + 1`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StepRef {
    pub journey: DocId,
    pub index: usize,
}

impl StepRef {
    /// The step's number on the journey page and its anchor (`#step-3`).
    pub fn number(self) -> usize {
        self.index + 1
    }
}

/// One opportunity: its step and its position in the step's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpportunityRef {
    pub step: StepRef,
    pub index: usize,
}

/// Opportunities and findings at touchpoints, by document id.
#[derive(Debug, Default)]
pub struct Backlog {
    /// Per language: every opportunity of its journeys, grouped by stage
    /// (config order), then by priority (high first, none last), then by
    /// journey in display order, step and the order written.
    pub by_lang: BTreeMap<String, Vec<OpportunityRef>>,
    /// Per document (touchpoints): the steps at it that have pain points
    /// or opportunities, by journey in display order, then step. A step
    /// counts at the touchpoint's translation into its journey's language
    /// when there is one.
    pub steps_at: Vec<Vec<StepRef>>,
    /// Per document (touchpoints): how many pain points journeys report
    /// at it.
    pub pain_points: Vec<usize>,
}

impl Backlog {
    /// `journeys` are the journey ids in display order (all languages).
    pub fn new(site: &LinkedSite, journeys: &[DocId]) -> Self {
        let mut backlog = Backlog {
            by_lang: site
                .config
                .languages
                .iter()
                .map(|l| (l.clone(), Vec::new()))
                .collect(),
            steps_at: vec![Vec::new(); site.docs.len()],
            pain_points: vec![0; site.docs.len()],
        };
        let stage_rank = |id: &str| site.config.stages.iter().position(|s| s.id == id);
        let mut ranks = vec![usize::MAX; site.docs.len()];
        for (rank, &journey) in journeys.iter().enumerate() {
            ranks[journey] = rank;
            let Some((j, links)) = site.journey(journey) else {
                continue;
            };
            let lang = &j.meta.lang;
            for (index, step) in j.steps.iter().enumerate() {
                let at = StepRef { journey, index };
                if let Some(Some(named)) = links.steps.get(index).map(|s| s.touchpoint) {
                    let touchpoint = in_language(site, named, lang);
                    if !step.pain_points.is_empty() || !step.opportunities.is_empty() {
                        backlog.steps_at[touchpoint].push(at);
                    }
                    backlog.pain_points[touchpoint] += step.pain_points.len();
                }
                let Some(list) = backlog.by_lang.get_mut(lang) else {
                    continue;
                };
                list.extend(
                    (0..step.opportunities.len()).map(|index| OpportunityRef { step: at, index }),
                );
            }
        }
        for list in backlog.by_lang.values_mut() {
            list.sort_by_cached_key(|o| {
                let (step, opportunity) = resolve(site, *o).expect("listed from a journey");
                (
                    stage_rank(&step.stage).unwrap_or(usize::MAX),
                    opportunity.priority.map_or(3, |p| p as usize),
                    ranks[o.step.journey],
                    o.step.index,
                    o.index,
                )
            });
        }
        backlog
    }
}

impl Backlog {
    /// Pain points journeys report at `touchpoint` in the stage `stage`.
    pub fn pain_points_in_stage(&self, site: &LinkedSite, touchpoint: DocId, stage: &str) -> usize {
        self.steps_at[touchpoint]
            .iter()
            .filter_map(|&at| step(site, at))
            .filter(|s| s.stage == stage)
            .map(|s| s.pain_points.len())
            .sum()
    }
}

/// Touchpoint `id` as a journey of `lang` sees it: its translation into
/// `lang` when it has one (a journey that falls back to a touchpoint of
/// the default language reports at the page of its own language), else
/// itself.
fn in_language(site: &LinkedSite, id: DocId, lang: &str) -> DocId {
    if site.docs[id].meta().lang == lang {
        return id;
    }
    site.translations[id]
        .iter()
        .copied()
        .find(|&t| site.docs[t].meta().lang == lang)
        .unwrap_or(id)
}

/// The step and the opportunity an [`OpportunityRef`] points at.
pub fn resolve(site: &LinkedSite, at: OpportunityRef) -> Option<(&Step, &Opportunity)> {
    let step = step(site, at.step)?;
    Some((step, step.opportunities.get(at.index)?))
}

/// The step a [`StepRef`] points at.
pub fn step(site: &LinkedSite, at: StepRef) -> Option<&Step> {
    journey(site, at.journey)?.steps.get(at.index)
}

fn journey(site: &LinkedSite, id: DocId) -> Option<&Journey> {
    match &site.docs[id] {
        Doc::Journey(j) => Some(j),
        _ => None,
    }
}
