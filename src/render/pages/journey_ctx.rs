//! Contexts of the journey pages: the stage × channel matrix with its
//! summary (`/journey/`), the list of journeys (`/journeys/`) and one
//! journey's steps, stage groups and emotion curve (`/journeys/<slug>/`).

use super::super::context::*;
use super::super::{emotion, emotion_lane};
use super::{Renderer, Taxon};
use crate::link::{DocId, ResolvedStep};
use crate::model::Journey;

impl<'a> Renderer<'a> {
    pub(super) fn matrix(&self, lang: &str) -> Matrix<'_> {
        let config = &self.site.config;
        let touchpoints: Vec<(DocId, &crate::model::Touchpoint)> =
            self.touchpoint_docs(lang).collect();
        let stages: Vec<Label> = config
            .stages
            .iter()
            .map(|s| self.label(s, lang, Taxon::Stages))
            .collect();
        let rows: Vec<MatrixRow<'_>> = config
            .channels
            .iter()
            .map(|channel| {
                let in_channel: Vec<&(DocId, &crate::model::Touchpoint)> = touchpoints
                    .iter()
                    .filter(|(_, t)| t.channel == channel.id)
                    .collect();
                MatrixRow {
                    channel: self.label(channel, lang, Taxon::Channels),
                    count: in_channel.len(),
                    cells: stages
                        .iter()
                        .map(|stage| MatrixCell {
                            stage: stage.clone(),
                            touchpoints: in_channel
                                .iter()
                                .filter(|(_, t)| t.stages.contains(&stage.id))
                                .map(|(id, _)| self.link(*id))
                                .collect(),
                        })
                        .collect(),
                }
            })
            .collect();
        let cells = rows.iter().map(|r| r.cells.len()).sum();
        let gaps = rows
            .iter()
            .flat_map(|r| &r.cells)
            .filter(|c| c.touchpoints.is_empty())
            .count();
        let links_where = |missing: fn(&crate::model::Touchpoint) -> bool| -> Vec<Link<'_>> {
            touchpoints
                .iter()
                .filter(|(_, t)| missing(t))
                .map(|(id, _)| self.link(*id))
                .collect()
        };
        Matrix {
            stage_counts: self.stage_counts(lang),
            touchpoints: touchpoints.len(),
            cells,
            gaps,
            without_owner: links_where(|t| t.owner.is_none()),
            without_kpis: links_where(|t| t.kpis.is_empty()),
            without_stages: links_where(|t| t.stages.is_empty()),
            stages,
            rows,
        }
    }

    pub(super) fn journey_entries(&self, lang: &str) -> Vec<JourneyEntry<'_>> {
        let ids = &self.lists_of(lang).journeys;
        let mut entries: Vec<(DocId, JourneyEntry<'_>)> = ids
            .iter()
            .map(|&id| (id, self.journey_entry(id, lang)))
            .collect();
        // A future state goes with the current journey it improves, when
        // that one is listed here too.
        let mut futures: Vec<(DocId, JourneyEntry<'_>)> = Vec::new();
        entries.retain(|(id, entry)| {
            let paired = self.site.journeys[*id]
                .improves
                .is_some_and(|current| ids.contains(&current));
            if paired {
                futures.push((*id, entry.clone()));
            }
            !paired
        });
        for (id, future) in futures {
            let current = self.site.journeys[id].improves;
            if let Some((_, entry)) = entries.iter_mut().find(|(c, _)| Some(*c) == current) {
                entry.futures.push(JourneyEntry {
                    improves: None,
                    ..future
                });
            }
        }
        entries.into_iter().map(|(_, e)| e).collect()
    }

    pub(super) fn persona_entries(&self, lang: &str) -> Vec<PersonaEntry<'_>> {
        self.lists_of(lang)
            .personas
            .iter()
            .filter_map(|&id| {
                let (persona, links) = self.site.persona(id)?;
                Some(PersonaEntry {
                    link: self.link(id),
                    role: persona.role.as_deref().unwrap_or(""),
                    quote: persona.quote.as_deref().unwrap_or(""),
                    image: links.image.as_ref().map_or(String::new(), |i| self.url(i)),
                    journeys: self.links(&self.lists.journeys_of_persona[id]),
                })
            })
            .collect()
    }

    fn journey_entry(&self, id: DocId, lang: &str) -> JourneyEntry<'_> {
        let Some((journey, links)) = self.site.journey(id) else {
            unreachable!("journey lists hold journeys only");
        };
        let mut stages: Vec<Label> = journey
            .steps
            .iter()
            .filter_map(|s| self.stage_label(&s.stage, lang))
            .collect();
        let mut seen = std::collections::HashSet::new();
        stages.retain(|s| seen.insert(s.id.clone()));
        JourneyEntry {
            link: self.link(id),
            persona: journey.persona_text().to_string(),
            persona_link: links.persona.map(|p| self.link(p)),
            state: journey.state.as_str(),
            steps: journey.steps.len(),
            stages,
            futures: Vec::new(),
            improves: links.improves.map(|c| self.link(c)),
        }
    }

    /// The journey's own fields of its page.
    pub(super) fn journey_details(
        &self,
        id: DocId,
        journey: &'a Journey,
        lang: &str,
    ) -> Details<'a> {
        let links = &self.site.journeys[id];
        let resolved = self.site.journey_steps(id);
        let emotions: Vec<i8> = resolved.iter().map(|s| s.step.emotion).collect();
        let curves = emotion_lane::segments(&emotions);
        let steps: Vec<StepView<'a>> = resolved
            .iter()
            .zip(curves)
            .filter_map(|(r, curve)| self.step_view(r, curve, lang))
            .collect();
        let mut stage_groups: Vec<StageGroup<'a>> = Vec::new();
        for step in &steps {
            match stage_groups.last_mut() {
                Some(group) if group.stage.id == step.stage.id => group.steps.push(step.clone()),
                _ => stage_groups.push(StageGroup {
                    stage: step.stage.clone(),
                    steps: vec![step.clone()],
                }),
            }
        }
        let lanes = Lanes {
            action: steps.iter().any(|s| !s.action.is_empty()),
            note: steps.iter().any(|s| !s.note.is_empty()),
            thinking: steps.iter().any(|s| !s.thinking.is_empty()),
            pain_points: steps.iter().any(|s| !s.pain_points.is_empty()),
            opportunities: steps.iter().any(|s| !s.opportunities.is_empty()),
            backstage: steps.iter().any(|s| !s.backstage.is_empty()),
        };
        let emotion_svg = self.emotion_svg(&steps, lang);
        Details::Journey(Box::new(JourneyView {
            persona: journey.persona_text(),
            persona_link: links.persona.map(|p| self.link(p)),
            state: journey.state.as_str(),
            improves: links.improves.map(|c| self.link(c)),
            improved_by: self.links(&links.improved_by),
            steps,
            stage_groups,
            lanes,
            emotion_svg,
            comparison: links
                .improves
                .and_then(|current| self.comparison(id, current, lang)),
        }))
    }

    /// One step as the map and the timeline show it.
    fn step_view(
        &self,
        resolved: &ResolvedStep<'a>,
        curve: String,
        lang: &str,
    ) -> Option<StepView<'a>> {
        let step = resolved.step;
        let opportunities = step
            .opportunities
            .iter()
            .map(|o| OpportunityView {
                title: &o.title,
                owner: o.owner.as_deref(),
                priority: o.priority.map_or("", |p| p.as_str()),
                priority_label: o.priority.map_or(String::new(), |p| {
                    self.t(lang, &format!("priority_{}", p.as_str()))
                }),
            })
            .collect();
        let texts =
            |items: &'a [crate::model::Item]| items.iter().map(|i| i.text.as_str()).collect();
        Some(StepView {
            number: resolved.number,
            anchor: resolved.anchor(),
            stage: self.stage_label(&step.stage, lang)?,
            touchpoint: self.link(resolved.touchpoint),
            channel: self.channel_label(resolved.channel, lang),
            emotion: step.emotion,
            emotion_word: self.t(
                lang,
                &format!("emotion_{}", emotion_lane::level(step.emotion)),
            ),
            note: &step.note,
            action: &step.action,
            thinking: &step.thinking,
            pain_points: texts(&step.pain_points),
            backstage: texts(&step.backstage),
            opportunities,
            curve,
            level: emotion_lane::level(step.emotion),
        })
    }

    /// The emotion curve of a journey's steps, labelled in `lang`.
    fn emotion_svg(&self, steps: &[StepView<'_>], lang: &str) -> String {
        let t = |key: &str| self.t(lang, key);
        let words = [
            "emotion_m2",
            "emotion_m1",
            "emotion_0",
            "emotion_p1",
            "emotion_p2",
        ]
        .map(t);
        let (title, axis, step) = (t("emotion_curve"), t("emotion"), t("step"));
        let strings = emotion::Strings {
            title: &title,
            axis: &axis,
            step: &step,
            words: words.each_ref().map(String::as_str),
        };
        let points: Vec<emotion::Point<'_>> = steps
            .iter()
            .map(|s| emotion::Point {
                stage_id: &s.stage.id,
                stage: &s.stage.label,
                touchpoint: s.touchpoint.title,
                emotion: s.emotion,
                note: s.note,
            })
            .collect();
        emotion::svg(&points, &strings)
    }
}
