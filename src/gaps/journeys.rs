//! Gap analysis of journeys and personas: a journey that skips a stage, a
//! step that feels bad with no opportunity to make it better, an
//! opportunity nobody owns, a persona no journey is told from.

use std::ops::Range;

use super::{key_or_title, label, step_stage_span, warning};
use crate::diagnostic::Diagnostic;
use crate::link::{DocId, LinkedSite};
use crate::model::{Journey, Opportunity, Step};
use crate::parse::Doc;
use crate::source::Source;

/// A step feeling this bad or worse needs an opportunity.
pub(super) const PAIN_THRESHOLD: i8 = -1;

/// The findings of one journey.
pub(super) fn journey(
    site: &LinkedSite,
    id: DocId,
    j: &Journey,
    source: &Source,
    found: &mut Vec<Diagnostic>,
) {
    skipped_stages(site, j, source, found);
    for (index, step) in j.steps.iter().enumerate() {
        // The touchpoint's title; as written when it names nothing.
        let touchpoint = site.journeys[id]
            .steps
            .get(index)
            .and_then(|s| s.touchpoint)
            .map_or(step.touchpoint.name.as_str(), |t| {
                site.docs[t].meta().title.as_str()
            });
        let place = StepPlace {
            number: index + 1,
            journey: &j.meta.title,
            touchpoint,
            step,
        };
        if step.emotion <= PAIN_THRESHOLD && step.opportunities.is_empty() {
            found.push(unaddressed(site, &place, source));
        }
        for opportunity in step.opportunities.iter().filter(|o| o.owner.is_none()) {
            found.push(unowned(&place, opportunity, source));
        }
    }
}

/// A step as the messages name it.
struct StepPlace<'a> {
    number: usize,
    journey: &'a str,
    touchpoint: &'a str,
    step: &'a Step,
}

impl StepPlace<'_> {
    fn name(&self) -> String {
        format!("step {} of \"{}\"", self.number, self.journey)
    }
}

fn unaddressed(site: &LinkedSite, place: &StepPlace<'_>, source: &Source) -> Diagnostic {
    let step = place.step;
    let config = &site.config;
    let stage = config
        .stages
        .iter()
        .find(|s| s.id == step.stage)
        .map_or(step.stage.as_str(), |s| label(s, config));
    let pains = match step.pain_points.as_slice() {
        [] => String::new(),
        [one] => format!(", pain point \"{}\"", one.text),
        [first, rest @ ..] => format!(", pain points \"{}\" and {} more", first.text, rest.len()),
    };
    warning(
        source,
        step.emotion_span.clone(),
        format!(
            "unaddressed pain point: {} at \"{}\" in stage \"{stage}\" has emotion {}{pains} and no opportunity",
            place.name(),
            place.touchpoint,
            step.emotion,
        ),
        "add `opportunities = [\"…\"]` to this step with what would make it better".into(),
    )
}

fn unowned(place: &StepPlace<'_>, opportunity: &Opportunity, source: &Source) -> Diagnostic {
    let hint = if written_as_table(source, &opportunity.span) {
        "add `owner = \"…\"` to its table with the team that takes it on".to_string()
    } else {
        format!(
            "write it as a table with the team that takes it on: `{{ title = \"{}\", owner = \"…\" }}`",
            opportunity.title
        )
    };
    warning(
        source,
        opportunity.span.clone(),
        format!(
            "opportunity without owner: \"{}\" in {}",
            opportunity.title,
            place.name()
        ),
        hint,
    )
}

/// Whether the opportunity at `span` is the `title` of a table (else it is
/// written as a plain string in a list).
fn written_as_table(source: &Source, span: &Range<usize>) -> bool {
    let line_start = source.text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let before = source.text[line_start..span.start].trim_end();
    before
        .strip_suffix('=')
        .is_some_and(|key| key.trim_end().ends_with("title"))
}

/// Personas that no journey names, neither they nor a translation.
pub(super) fn unused_personas(site: &LinkedSite, found: &mut Vec<Diagnostic>) {
    let mut used = vec![false; site.docs.len()];
    for links in &site.journeys {
        if let Some(p) = links.persona {
            used[p] = true;
            for &t in &site.translations[p] {
                used[t] = true;
            }
        }
    }
    for (id, doc) in site.docs.iter().enumerate() {
        let Doc::Persona(persona) = doc else { continue };
        if used[id] {
            continue;
        }
        let title = &persona.meta.title;
        let source = &site.sources[persona.meta.source];
        found.push(warning(
            source,
            key_or_title(source, "title"),
            format!("persona without journeys: no journey is told from \"{title}\""),
            format!(
                "name it in a journey's front matter, `persona = \"{title}\"`, or remove the persona"
            ),
        ));
    }
}

/// Every stage between the journey's earliest and latest stage needs a step.
fn skipped_stages(site: &LinkedSite, j: &Journey, source: &Source, found: &mut Vec<Diagnostic>) {
    let config = &site.config;
    let position = |id: &str| config.stages.iter().position(|s| s.id == id);
    // Per step (same index as the `[[steps]]` tables): its stage's position.
    let steps: Vec<Option<usize>> = j.steps.iter().map(|s| position(&s.stage)).collect();
    let visited: Vec<usize> = steps.iter().flatten().copied().collect();
    let (Some(&first), Some(&last)) = (visited.iter().min(), visited.iter().max()) else {
        return;
    };
    let label = |i: usize| label(&config.stages[i], config);
    // Runs of consecutive stages without a step, each bounded by visited ones.
    let mut runs: Vec<Range<usize>> = Vec::new();
    for stage in first + 1..last {
        if visited.contains(&stage) {
            continue;
        }
        match runs.last_mut() {
            Some(run) if run.end == stage => run.end += 1,
            _ => runs.push(stage..stage + 1),
        }
    }
    for run in runs {
        // Point at the step where the journey resumes after the gap.
        let resumes = steps
            .iter()
            .position(|p| p.is_some_and(|v| v >= run.end))
            .unwrap_or(0);
        let span =
            step_stage_span(source, resumes).unwrap_or_else(|| key_or_title(source, "steps"));
        let names: Vec<String> = run.clone().map(|i| format!("\"{}\"", label(i))).collect();
        let ids: Vec<String> = run
            .clone()
            .map(|i| format!("`stage = \"{}\"`", config.stages[i].id))
            .collect();
        found.push(warning(
            source,
            span,
            format!(
                "journey skips a stage: \"{}\" has no step in {}",
                j.meta.title,
                names.join(" or ")
            ),
            format!(
                "it goes from \"{}\" to \"{}\"; add a step with {}",
                label(run.start - 1),
                label(run.end),
                ids.join(" and one with ")
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_a_table_title_from_a_plain_string() {
        let text = "opportunities = [\"A\", { title = \"B\" }]\n[[steps.opportunities]]\ntitle  =  \"C\"\nopportunities = [\n  \"D\",\n]\n";
        let src = Source::new("content/journeys/j.md", text.to_string());
        let span = |needle: &str| {
            let at = text.find(needle).unwrap();
            at..at + needle.len()
        };
        assert!(!written_as_table(&src, &span("\"A\"")));
        assert!(written_as_table(&src, &span("\"B\"")));
        assert!(written_as_table(&src, &span("\"C\"")));
        assert!(!written_as_table(&src, &span("\"D\"")));
    }
}
