//! Contexts of the journey pages: the stage × channel matrix with its
//! summary (`/journey/`), the list of journeys (`/journeys/`) and one
//! journey's steps, stage groups and emotion curve (`/journeys/<slug>/`).

use super::super::context::*;
use super::super::emotion;
use super::{Renderer, Taxon};
use crate::link::DocId;
use crate::model::Journey;
use crate::parse::Doc;

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
        self.lists_of(lang)
            .journeys
            .iter()
            .map(|&id| {
                let (persona, steps, mut stages) = match &self.site.docs[id] {
                    Doc::Journey(j) => (
                        j.persona_text().to_string(),
                        j.steps.len(),
                        j.steps
                            .iter()
                            .filter_map(|s| self.stage_label(&s.stage, lang))
                            .collect::<Vec<_>>(),
                    ),
                    _ => (String::new(), 0, Vec::new()),
                };
                let mut seen = std::collections::HashSet::new();
                stages.retain(|s| seen.insert(s.id.clone()));
                JourneyEntry {
                    link: self.link(id),
                    persona,
                    steps,
                    stages,
                }
            })
            .collect()
    }

    /// The journey's own fields of its page.
    pub(super) fn journey_details(
        &self,
        id: DocId,
        journey: &'a Journey,
        lang: &str,
    ) -> Details<'a> {
        let steps: Vec<StepView<'a>> = journey
            .steps
            .iter()
            .zip(&self.site.steps[id])
            .filter_map(|(step, &target)| {
                Some((
                    self.stage_label(&step.stage, lang)?,
                    self.link(target),
                    step,
                ))
            })
            .enumerate()
            .map(|(i, (stage, touchpoint, step))| StepView {
                number: i + 1,
                stage,
                touchpoint,
                emotion: step.emotion,
                note: &step.note,
            })
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
        let emotion_svg = self.emotion_svg(&steps, lang);
        Details::Journey {
            persona: journey.persona_text(),
            steps,
            stage_groups,
            emotion_svg,
        }
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
