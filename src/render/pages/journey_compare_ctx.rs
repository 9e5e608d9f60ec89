//! A future-state journey next to the current one it improves: both
//! emotion curves by stage and, per stage, what changes (steps, average
//! emotion, touchpoints added and dropped, the current pain points).

use super::super::context::*;
use super::super::emotion_compare::{self, StagePoint};
use super::Renderer;
use crate::link::{DocId, ResolvedStep};

/// The steps of one journey in one stage.
struct Side<'s, 'a> {
    steps: Vec<&'s ResolvedStep<'a>>,
}

impl<'a> Side<'_, 'a> {
    fn average(&self) -> Option<f64> {
        if self.steps.is_empty() {
            return None;
        }
        let sum: i32 = self.steps.iter().map(|s| i32::from(s.step.emotion)).sum();
        Some(f64::from(sum) / self.steps.len() as f64)
    }

    fn touchpoints(&self) -> Vec<DocId> {
        let mut out: Vec<DocId> = Vec::new();
        for s in &self.steps {
            if !out.contains(&s.touchpoint) {
                out.push(s.touchpoint);
            }
        }
        out
    }

    fn view(&self) -> StageSide<'a> {
        StageSide {
            steps: self.steps.len(),
            emotion: self
                .average()
                .map_or(String::new(), emotion_compare::format_average),
            pain_points: self
                .steps
                .iter()
                .flat_map(|s| s.step.pain_points.iter().map(|p| p.text.as_str()))
                .collect(),
        }
    }
}

impl<'a> Renderer<'a> {
    /// Future state `future` compared with `current`; `None` when the two
    /// share no stage and neither has steps.
    pub(super) fn comparison(
        &self,
        future: DocId,
        current: DocId,
        lang: &str,
    ) -> Option<Comparison<'a>> {
        let site = self.site;
        let (now, then) = (site.journey_steps(current), site.journey_steps(future));
        if now.is_empty() && then.is_empty() {
            return None;
        }
        let in_stage = |steps: &[ResolvedStep<'a>], id: &str| -> Vec<usize> {
            (0..steps.len())
                .filter(|&i| steps[i].step.stage == id)
                .collect()
        };
        let mut stages: Vec<StageChange<'a>> = Vec::new();
        let mut points: Vec<(String, Option<f64>, Option<f64>)> = Vec::new();
        for stage in &site.config.stages {
            let a = Side {
                steps: in_stage(&now, &stage.id)
                    .into_iter()
                    .map(|i| &now[i])
                    .collect(),
            };
            let b = Side {
                steps: in_stage(&then, &stage.id)
                    .into_iter()
                    .map(|i| &then[i])
                    .collect(),
            };
            if a.steps.is_empty() && b.steps.is_empty() {
                continue;
            }
            let Some(label) = self.stage_label(&stage.id, lang) else {
                continue;
            };
            let (before, after) = (a.average(), b.average());
            let (change, trend) = match (before, after) {
                (Some(x), Some(y)) => {
                    let delta = y - x;
                    let trend = match delta {
                        d if d > 0.05 => "better",
                        d if d < -0.05 => "worse",
                        _ => "same",
                    };
                    (emotion_compare::format_average(delta), trend)
                }
                _ => (String::new(), ""),
            };
            let (ta, tb) = (a.touchpoints(), b.touchpoints());
            points.push((label.label.clone(), before, after));
            stages.push(StageChange {
                current: a.view(),
                future: b.view(),
                change,
                trend,
                added: tb
                    .iter()
                    .filter(|t| !ta.contains(t))
                    .map(|&t| self.link(t))
                    .collect(),
                removed: ta
                    .iter()
                    .filter(|t| !tb.contains(t))
                    .map(|&t| self.link(t))
                    .collect(),
                stage: label,
            });
        }
        let t = |key: &str| self.t(lang, key);
        let (current_title, future_title) = (
            site.docs[current].meta().title.as_str(),
            site.docs[future].meta().title.as_str(),
        );
        let legend_current = format!("{}: {current_title}", t("state_current"));
        let legend_future = format!("{}: {future_title}", t("state_future"));
        let (title, axis, none) = (t("compare_curve"), t("emotion"), t("compare_no_step"));
        let strings = emotion_compare::Strings {
            title: &title,
            current: &legend_current,
            future: &legend_future,
            axis: &axis,
            none: &none,
        };
        let chart: Vec<StagePoint<'_>> = points
            .iter()
            .map(|(stage, current, future)| StagePoint {
                stage,
                current: *current,
                future: *future,
            })
            .collect();
        Some(Comparison {
            current: self.link(current),
            svg: emotion_compare::svg(&chart, &strings),
            stages,
        })
    }
}
