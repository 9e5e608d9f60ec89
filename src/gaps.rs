//! Gap analysis: what the knowledge base is missing, as warnings with file
//! locations. A touchpoint without owner, KPIs or stages; a stage × channel
//! cell of the journey matrix that no touchpoint covers; a journey that
//! skips a stage between its first and last step; a term no page links to.
//! `check` and `build` print them; `check --strict` fails on them.
//!
//! Every message starts with one of [`CATEGORIES`] and a colon, so tools
//! (and tests) can tell gap findings from other warnings.

use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use crate::config::Category;
use crate::diagnostic::{Diagnostic, Severity};
use crate::frontmatter;
use crate::link::LinkedSite;
use crate::model::{Journey, Touchpoint};
use crate::parse::Doc;
use crate::source::Source;

/// The kinds of findings, as each message begins.
pub const CATEGORIES: [&str; 6] = [
    "touchpoint without owner",
    "touchpoint without KPIs",
    "touchpoint without stages",
    "gap in the journey matrix",
    "journey skips a stage",
    "term without links",
];

/// Whether a diagnostic message comes from the gap analysis.
pub fn is_gap(message: &str) -> bool {
    CATEGORIES
        .iter()
        .any(|c| message.strip_prefix(c).is_some_and(|r| r.starts_with(':')))
}

/// All findings for a linked site. `config` is the text of
/// `touchbase.toml`, used to point matrix gaps at their `[[stages]]` entry.
pub fn analyse(site: &LinkedSite, config: &Source) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for doc in &site.docs {
        let source = &site.sources[doc.meta().source];
        match doc {
            Doc::Touchpoint(t) => touchpoint(t, source, &mut found),
            Doc::Journey(j) => journey(site, j, source, &mut found),
            _ => {}
        }
    }
    matrix(site, config, &mut found);
    unlinked_terms(site, &mut found);
    found
}

fn warning(source: &Source, span: Range<usize>, message: String, hint: String) -> Diagnostic {
    source
        .diagnostic(Severity::Warning, span, message)
        .with_hint(hint)
}

/// Where to point at a front-matter key: the key itself when the file has
/// it (`kpis = []`), else the title line, else the first line.
fn key_or_title(source: &Source, key: &str) -> Range<usize> {
    key_span(source, key)
        .or_else(|| key_span(source, "title"))
        .unwrap_or(0..3)
}

/// The span of a top-level `key = …` of the front matter.
fn key_span(source: &Source, key: &str) -> Option<Range<usize>> {
    let front = frontmatter::split(&source.text).ok()?.front_matter;
    let mut offset = front.start;
    for line in source.text[front].split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with('[') {
            return None;
        }
        if is_key_line(trimmed, key) {
            let start = offset + (line.len() - trimmed.len());
            return Some(start..start + key.len());
        }
        offset += line.len();
    }
    None
}

fn is_key_line(line: &str, key: &str) -> bool {
    line.strip_prefix(key)
        .is_some_and(|rest| rest.trim_start().starts_with('='))
}

/// The span of the `stage` key of the `index`-th `[[steps]]` table.
fn step_stage_span(source: &Source, index: usize) -> Option<Range<usize>> {
    let front = frontmatter::split(&source.text).ok()?.front_matter;
    let mut offset = front.start;
    // The `[[steps]]` table being read, and how many came before it; a
    // step's own subtables (`[[steps.opportunities]]`) hold no `stage`.
    let mut table: Option<usize> = None;
    let mut seen = 0;
    for line in source.text[front].split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with("[[steps]]") {
            table = Some(seen);
            seen += 1;
        } else if trimmed.starts_with('[') {
            table = None;
        } else if table == Some(index) && is_key_line(trimmed, "stage") {
            let start = offset + (line.len() - trimmed.len());
            return Some(start..start + "stage".len());
        }
        offset += line.len();
    }
    None
}

fn touchpoint(t: &Touchpoint, source: &Source, found: &mut Vec<Diagnostic>) {
    let title = &t.meta.title;
    if t.owner.is_none() {
        found.push(warning(
            source,
            key_or_title(source, "owner"),
            format!("touchpoint without owner: \"{title}\""),
            "add `owner = \"…\"` with the team responsible for it".into(),
        ));
    }
    if t.kpis.is_empty() {
        found.push(warning(
            source,
            key_or_title(source, "kpis"),
            format!("touchpoint without KPIs: \"{title}\""),
            "add `kpis = [\"…\"]` with the figures that show how well it works".into(),
        ));
    }
    if t.stages.is_empty() {
        found.push(warning(
            source,
            key_or_title(source, "stages"),
            format!("touchpoint without stages: \"{title}\""),
            "add `stages = [\"…\"]` with the journey stages it serves; it appears in no cell of the journey matrix".into(),
        ));
    }
}

/// Every stage between the journey's earliest and latest stage needs a step.
fn journey(site: &LinkedSite, j: &Journey, source: &Source, found: &mut Vec<Diagnostic>) {
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

fn label<'a>(category: &'a Category, config: &'a crate::config::Config) -> &'a str {
    category.label(&config.default_language, &config.default_language)
}

/// Where each `[[stages]]` entry's `id` is written in the config.
#[derive(Deserialize, Default)]
struct ConfigPositions {
    #[serde(default)]
    stages: Vec<IdPosition>,
}

#[derive(Deserialize)]
struct IdPosition {
    id: Spanned<String>,
}

/// Cells no touchpoint (of any language) covers, one warning per stage.
/// Skipped for a site without touchpoints: a glossary-only site has no
/// matrix to fill.
fn matrix(site: &LinkedSite, config_source: &Source, found: &mut Vec<Diagnostic>) {
    let touchpoints: Vec<&Touchpoint> = site
        .docs
        .iter()
        .filter_map(|d| match d {
            Doc::Touchpoint(t) => Some(t),
            _ => None,
        })
        .collect();
    if touchpoints.is_empty() {
        return;
    }
    let positions: ConfigPositions = toml::from_str(&config_source.text).unwrap_or_default();
    let config = &site.config;
    for stage in &config.stages {
        let at = positions
            .stages
            .iter()
            .find(|p| *p.id.get_ref() == stage.id)
            .map(|p| p.id.span());
        let empty: Vec<&Category> = config
            .channels
            .iter()
            .filter(|channel| {
                !touchpoints
                    .iter()
                    .any(|t| t.channel == channel.id && t.stages.contains(&stage.id))
            })
            .collect();
        let Some((message, hint)) = matrix_message(stage, &empty, config) else {
            continue;
        };
        found.push(match &at {
            Some(span) => warning(config_source, span.clone(), message, hint),
            None => {
                Diagnostic::file(config_source.path(), Severity::Warning, message).with_hint(hint)
            }
        });
    }
}

/// One warning per stage: the empty cells of a stage share its location.
fn matrix_message(
    stage: &Category,
    empty: &[&Category],
    config: &crate::config::Config,
) -> Option<(String, String)> {
    let quoted = |list: Vec<&str>| {
        list.iter()
            .map(|s| format!("\"{s}\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let labels = quoted(empty.iter().map(|c| label(c, config)).collect());
    let ids = quoted(empty.iter().map(|c| c.id.as_str()).collect());
    let stage_label = label(stage, config);
    let message = match empty {
        [] => return None,
        [_] => format!(
            "gap in the journey matrix: no touchpoint in stage \"{stage_label}\" and channel {labels}"
        ),
        _ => format!(
            "gap in the journey matrix: no touchpoint in stage \"{stage_label}\" and {} channels: {labels}",
            empty.len()
        ),
    };
    let hint = if empty.len() == 1 {
        format!(
            "add a touchpoint with `channel = {ids}` and `stages = [\"{}\"]`, or accept the gap",
            stage.id
        )
    } else {
        format!(
            "add touchpoints with `stages = [\"{}\"]` and `channel =` one of {ids}, or accept the gaps",
            stage.id
        )
    };
    Some((message, hint))
}

fn unlinked_terms(site: &LinkedSite, found: &mut Vec<Diagnostic>) {
    for (id, doc) in site.docs.iter().enumerate() {
        let Doc::Term(term) = doc else { continue };
        if !site.backlinks[id].is_empty() {
            continue;
        }
        let source = &site.sources[term.meta.source];
        found.push(warning(
            source,
            key_or_title(source, "title"),
            format!("term without links: no page links to \"{}\"", term.meta.title),
            format!(
                "link it where it is used, e.g. `[[{}]]`, or name it in a touchpoint's `terms` or a term's `related`",
                term.meta.title
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(text: &str) -> Source {
        Source::new("content/touchpoints/x.md", text.to_string())
    }

    #[test]
    fn finds_keys_of_the_front_matter_only() {
        let src = source("+++\ntitle = \"X\"\nkpis = []\n[extra]\nowner = 1\n+++\nowner = 2\n");
        let kpis = key_span(&src, "kpis").unwrap();
        assert_eq!(src.line_col(kpis.start), (3, 1));
        assert_eq!(&src.text[kpis], "kpis");
        // `owner` only appears in a table and in the body.
        assert_eq!(key_span(&src, "owner"), None);
        assert_eq!(src.line_col(key_or_title(&src, "owner").start), (2, 1));
        assert_eq!(key_or_title(&source("no front matter"), "owner"), 0..3);
    }

    #[test]
    fn a_key_is_not_a_prefix_of_another() {
        let src = source("+++\nstagesx = 1\nstages = [\"a\"]\n+++\n");
        assert_eq!(
            src.line_col(key_span(&src, "stages").unwrap().start),
            (3, 1)
        );
    }

    #[test]
    fn finds_the_stage_of_a_step() {
        let src = source(
            "+++\ntitle = \"J\"\n[[steps]]\nstage = \"a\"\n\n[[steps]]\ntouchpoint = \"t\"\n  stage = \"c\"\n+++\n",
        );
        assert_eq!(
            src.line_col(step_stage_span(&src, 0).unwrap().start),
            (4, 1)
        );
        assert_eq!(
            src.line_col(step_stage_span(&src, 1).unwrap().start),
            (8, 3)
        );
        assert_eq!(step_stage_span(&src, 2), None);
    }

    #[test]
    fn a_steps_subtables_do_not_count_as_steps() {
        let src = source(
            "+++\n[[steps]]\nstage = \"a\"\n[[steps.opportunities]]\ntitle = \"o\"\n[[steps]]\nstage = \"b\"\n+++\n",
        );
        assert_eq!(
            src.line_col(step_stage_span(&src, 1).unwrap().start),
            (7, 1)
        );
        assert_eq!(step_stage_span(&src, 2), None);
    }

    #[test]
    fn gap_messages_are_recognised() {
        assert!(is_gap("touchpoint without owner: \"Hotline\""));
        assert!(is_gap("term without links: no page links to \"CRM\""));
        assert!(!is_gap("touchpoint without owner"));
        assert!(!is_gap("unknown channel `onlin`"));
    }
}
