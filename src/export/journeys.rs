//! The journeys as data: `journeys.json` (every journey with every lane of
//! its map) and `opportunities.csv` (the opportunity backlog, one row per
//! opportunity, in the order of `/opportunities/`).

use serde::Serialize;

use super::{Exporter, Ref, push_record};
use crate::link::DocId;
use crate::model::{Item, Opportunity, Step};
use crate::render::backlog::{self, OpportunityRef};

#[derive(Debug, Serialize)]
pub(super) struct JourneyOut<'a> {
    slug: &'a str,
    lang: &'a str,
    translation_key: &'a str,
    title: &'a str,
    description: &'a str,
    url: String,
    state: &'static str,
    persona: Option<PersonaOut<'a>>,
    improves: Option<Ref>,
    improved_by: Vec<Ref>,
    tags: &'a [String],
    updated: Option<&'a str>,
    source: String,
    steps: Vec<StepOut<'a>>,
}

/// A journey's persona: a persona page, or plain text (`url` null).
#[derive(Debug, Serialize)]
struct PersonaOut<'a> {
    title: &'a str,
    url: Option<String>,
}

#[derive(Debug, Serialize)]
struct StepOut<'a> {
    number: usize,
    url: String,
    stage: &'a str,
    touchpoint: Option<Ref>,
    channel: &'a str,
    emotion: i8,
    note: &'a str,
    action: &'a str,
    thinking: &'a str,
    pain_points: Vec<&'a str>,
    backstage: Vec<&'a str>,
    opportunities: Vec<OpportunityOut<'a>>,
}

#[derive(Debug, Serialize)]
struct OpportunityOut<'a> {
    title: &'a str,
    owner: Option<&'a str>,
    priority: Option<&'static str>,
}

impl<'a> From<&'a Opportunity> for OpportunityOut<'a> {
    fn from(o: &'a Opportunity) -> Self {
        OpportunityOut {
            title: &o.title,
            owner: o.owner.as_deref(),
            priority: o.priority.map(|p| p.as_str()),
        }
    }
}

fn texts(items: &[Item]) -> Vec<&str> {
    items.iter().map(|i| i.text.as_str()).collect()
}

impl<'a> Exporter<'a> {
    pub(super) fn journey(&self, id: DocId) -> Option<JourneyOut<'a>> {
        let site = self.site;
        let (j, links) = site.journey(id)?;
        let meta = &j.meta;
        let persona = j.persona.as_ref().map(|p| match links.persona {
            Some(doc) => PersonaOut {
                title: &site.docs[doc].meta().title,
                url: Some(self.url(doc)),
            },
            None => PersonaOut {
                title: &p.name,
                url: None,
            },
        });
        let steps = j
            .steps
            .iter()
            .enumerate()
            .map(|(index, step)| {
                let linked = links.steps.get(index);
                StepOut {
                    number: index + 1,
                    url: self.step_url(id, index + 1),
                    stage: &step.stage,
                    touchpoint: linked
                        .and_then(|s| s.touchpoint)
                        .map(|t| self.refs(&[t]).remove(0)),
                    channel: linked.map_or("", |s| s.channel.as_str()),
                    emotion: step.emotion,
                    note: &step.note,
                    action: &step.action,
                    thinking: &step.thinking,
                    pain_points: texts(&step.pain_points),
                    backstage: texts(&step.backstage),
                    opportunities: step.opportunities.iter().map(Into::into).collect(),
                }
            })
            .collect();
        Some(JourneyOut {
            slug: &meta.slug,
            lang: &meta.lang,
            translation_key: &meta.translation_key,
            title: &meta.title,
            description: &meta.description,
            url: self.url(id),
            state: j.state.as_str(),
            persona,
            improves: links.improves.map(|i| self.refs(&[i]).remove(0)),
            improved_by: self.refs(&links.improved_by),
            tags: &meta.tags,
            updated: meta.updated.as_deref(),
            source: self.source(id),
            steps,
        })
    }

    /// Full URL of step `number` on its journey's page.
    fn step_url(&self, journey: DocId, number: usize) -> String {
        format!("{}#{}", self.url(journey), crate::link::step_anchor(number))
    }

    /// The opportunity backlog, language by language.
    fn opportunities(&self) -> impl Iterator<Item = OpportunityRef> + 'a {
        let backlog = &self.lists.backlog;
        self.site
            .config
            .languages
            .iter()
            .filter_map(move |lang| backlog.by_lang.get(lang))
            .flat_map(|list| list.iter().copied())
    }
}

/// The columns of `opportunities.csv`, in order.
pub const CSV_COLUMNS: [&str; 13] = [
    "lang",
    "title",
    "owner",
    "priority",
    "stage",
    "journey",
    "state",
    "step",
    "touchpoint",
    "channel",
    "emotion",
    "pain_points",
    "url",
];

/// `opportunities.csv`: RFC 4180 like `touchpoints.csv`, one row per
/// opportunity; the journey and the touchpoint by title, pain points of
/// the step joined with "; ", `url` the step on its journey's page.
pub(super) fn opportunities_csv(exporter: &Exporter<'_>) -> String {
    let site = exporter.site;
    let mut out = String::from("\u{feff}");
    push_record(&mut out, CSV_COLUMNS.iter().map(|c| c.to_string()));
    for at in exporter.opportunities() {
        let Some((step, opportunity)) = backlog::resolve(site, at) else {
            continue;
        };
        let Some((journey, links)) = site.journey(at.step.journey) else {
            continue;
        };
        let linked = links.steps.get(at.step.index);
        let touchpoint = linked
            .and_then(|s| s.touchpoint)
            .map_or(step.touchpoint.name.as_str(), |t| {
                site.docs[t].meta().title.as_str()
            });
        push_record(
            &mut out,
            row(exporter, at, step, opportunity, journey, touchpoint, linked),
        );
    }
    out
}

fn row(
    exporter: &Exporter<'_>,
    at: OpportunityRef,
    step: &Step,
    opportunity: &Opportunity,
    journey: &crate::model::Journey,
    touchpoint: &str,
    linked: Option<&crate::link::LinkedStep>,
) -> [String; 13] {
    [
        journey.meta.lang.clone(),
        opportunity.title.clone(),
        opportunity.owner.clone().unwrap_or_default(),
        opportunity
            .priority
            .map_or(String::new(), |p| p.as_str().to_string()),
        step.stage.clone(),
        journey.meta.title.clone(),
        journey.state.as_str().to_string(),
        at.step.number().to_string(),
        touchpoint.to_string(),
        linked.map_or(String::new(), |s| s.channel.clone()),
        step.emotion.to_string(),
        texts(&step.pain_points).join("; "),
        exporter.step_url(at.step.journey, at.step.number()),
    ]
}
