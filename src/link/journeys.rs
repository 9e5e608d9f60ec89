//! Resolves what journeys and personas name in their front matter: a
//! journey's persona (a persona document, or plain text when none matches),
//! the current journey a future-state journey `improves`, each step's
//! touchpoint and effective channel, and a persona's image file.

use std::ops::Range;

use super::{DocId, Links};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Journey, JourneyState, Kind, Persona, Step};
use crate::parse::Doc;
use crate::source::Source;

/// A journey's references, resolved.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JourneyLinks {
    /// The persona document that `persona` names; `None` when the journey
    /// has no persona or its text names no persona (it is then shown as
    /// plain text, `Journey::persona_text`).
    pub persona: Option<DocId>,
    /// For a future-state journey: the current journey it improves.
    pub improves: Option<DocId>,
    /// For a current journey: the future-state journeys of its language
    /// that improve it, in file order.
    pub improved_by: Vec<DocId>,
    /// One entry per step of `Journey::steps`, in the same order.
    pub steps: Vec<LinkedStep>,
}

/// A step's references, resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkedStep {
    /// The step's touchpoint; `None` only when it names nothing (which is
    /// an error, so a site that renders always has it).
    pub touchpoint: Option<DocId>,
    /// The channel of this step: its own `channel`, else its touchpoint's
    /// (empty when neither is known).
    pub channel: String,
}

/// A persona's references, resolved.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PersonaLinks {
    /// Site-relative path of its image file (`images/neukundin.jpg`).
    pub image: Option<String>,
}

/// What [`resolve`] found for every document (same index as `docs`).
#[derive(Debug, Default)]
pub(super) struct Resolved {
    pub(super) journeys: Vec<JourneyLinks>,
    pub(super) personas: Vec<PersonaLinks>,
    pub(super) diagnostics: Vec<Diagnostic>,
}

/// Resolves the persona, `improves` and steps of every journey and the
/// image of every persona. Problems: `improves` naming nothing, itself or
/// a future-state journey, and an image that is not a file of the site,
/// are errors; a persona naming nothing is a warning (when the site has
/// personas at all), as the text is still shown.
pub(super) fn resolve(links: &Links, docs: &[Doc], sources: &[Source]) -> Resolved {
    let has_personas = docs.iter().any(|d| d.kind() == Kind::Persona);
    let mut out = Resolved {
        journeys: vec![JourneyLinks::default(); docs.len()],
        personas: vec![PersonaLinks::default(); docs.len()],
        diagnostics: Vec::new(),
    };
    for (id, doc) in docs.iter().enumerate() {
        let source = &sources[doc.meta().source];
        let mut found = |span: Range<usize>, severity, message: String, hint: String| {
            out.diagnostics
                .push(source.diagnostic(severity, span, message).with_hint(hint));
        };
        match doc {
            Doc::Journey(j) => {
                let linker = JourneyLinker {
                    links,
                    docs,
                    id,
                    journey: j,
                };
                out.journeys[id] = linker.links(has_personas, &mut found);
            }
            Doc::Persona(p) => {
                out.personas[id] = PersonaLinks {
                    image: image(links, source, p, &mut found),
                };
            }
            _ => {}
        }
    }
    for id in 0..docs.len() {
        if let Some(current) = out.journeys[id].improves {
            if docs[current].meta().lang == docs[id].meta().lang {
                out.journeys[current].improved_by.push(id);
            }
        }
    }
    out
}

type Report<'r> = dyn FnMut(Range<usize>, Severity, String, String) + 'r;

struct JourneyLinker<'a> {
    links: &'a Links,
    docs: &'a [Doc],
    id: DocId,
    journey: &'a Journey,
}

impl JourneyLinker<'_> {
    fn lang(&self) -> &str {
        &self.docs[self.id].meta().lang
    }

    fn links(&self, has_personas: bool, report: &mut Report<'_>) -> JourneyLinks {
        JourneyLinks {
            persona: self.persona(has_personas, report),
            improves: self.improves(report),
            improved_by: Vec::new(),
            steps: self.journey.steps.iter().map(|s| self.step(s)).collect(),
        }
    }

    fn persona(&self, has_personas: bool, report: &mut Report<'_>) -> Option<DocId> {
        let persona = self.journey.persona.as_ref()?;
        let index = &self.links.index;
        let found = index.resolve(&persona.name, Kind::Persona, self.lang());
        if found.is_none() && has_personas {
            let names = index.titles(self.docs, Some(Kind::Persona), self.lang());
            let hint = crate::suggest::did_you_mean(&persona.name, names.iter().copied())
                .unwrap_or_else(|| {
                    format!(
                        "no persona has this title, alias or slug; create one with `touchbase new persona \"{}\"`",
                        persona.name
                    )
                });
            report(
                persona.span.clone(),
                Severity::Warning,
                format!(
                    "persona `{}` names no persona; it is shown as plain text",
                    persona.name
                ),
                hint,
            );
        }
        found
    }

    fn improves(&self, report: &mut Report<'_>) -> Option<DocId> {
        let wanted = self.journey.improves.as_ref()?;
        let index = &self.links.index;
        let Some(target) = index.resolve(&wanted.name, Kind::Journey, self.lang()) else {
            let titles: Vec<&str> = index
                .titles(self.docs, Some(Kind::Journey), self.lang())
                .into_iter()
                .filter(|t| *t != self.docs[self.id].meta().title)
                .collect();
            let hint = crate::suggest::did_you_mean(&wanted.name, titles.iter().copied())
                .unwrap_or_else(|| {
                    "name the current journey this one improves, by its title or slug".into()
                });
            report(
                wanted.span.clone(),
                Severity::Error,
                format!("`{}` refers to no journey", wanted.name),
                hint,
            );
            return None;
        };
        let problem = match &self.docs[target] {
            _ if target == self.id => Some(format!(
                "journey \"{}\" cannot improve itself",
                self.docs[self.id].meta().title
            )),
            Doc::Journey(j) if j.state == JourneyState::Future => Some(format!(
                "\"{}\" is a future-state journey too",
                j.meta.title
            )),
            _ => None,
        };
        if let Some(message) = problem {
            report(
                wanted.span.clone(),
                Severity::Error,
                message,
                "`improves` names the current journey (state \"current\") that this one improves"
                    .into(),
            );
            return None;
        }
        Some(target)
    }

    fn step(&self, step: &Step) -> LinkedStep {
        let touchpoint =
            self.links
                .index
                .resolve(&step.touchpoint.name, Kind::Touchpoint, self.lang());
        let channel = match (&step.channel, touchpoint.map(|t| &self.docs[t])) {
            (Some(own), _) => own.clone(),
            (None, Some(Doc::Touchpoint(t))) => t.channel.clone(),
            _ => String::new(),
        };
        LinkedStep {
            touchpoint,
            channel,
        }
    }
}

/// The site path of a persona's image, checked against the site's files.
fn image(
    links: &Links,
    source: &Source,
    persona: &Persona,
    report: &mut Report<'_>,
) -> Option<String> {
    let image = persona.image.as_ref()?;
    let raw = image.name.as_str();
    let path = if let Some(site) = raw.strip_prefix('/') {
        Some(site.to_string())
    } else if super::resolve::is_external(raw) {
        report(
            image.span.clone(),
            Severity::Error,
            format!("`image` is an address on another site: `{raw}`"),
            "pages load nothing from elsewhere: put the image into content/ and give its path relative to this file".into(),
        );
        return None;
    } else {
        let own = source.path().to_string_lossy().replace('\\', "/");
        let own = own
            .strip_prefix(&format!("{}/", crate::load::CONTENT_DIR))
            .unwrap_or(&own)
            .to_string();
        let dir = own.rsplit_once('/').map_or("", |(d, _)| d);
        super::resolve::join_relative(dir, &super::resolve::percent_decode(raw))
    };
    if let Some(found) = path
        .as_ref()
        .filter(|p| links.known_paths.contains(p.as_str()))
    {
        return Some(found.clone());
    }
    let wanted = path.unwrap_or_default();
    let candidates = links.known_paths.iter().filter(|p| is_image(p));
    let nearest = crate::suggest::nearest(&wanted, candidates.map(String::as_str), 1);
    let hint = match nearest.first() {
        // Suggest the file as the author writes it: relative to this file.
        Some(near) if !raw.starts_with('/') => {
            format!("did you mean \"{}\"?", relative_to(source, near))
        }
        Some(near) => format!("did you mean \"/{near}\"?"),
        None => "put the image into content/ and give its path relative to this file, like `../images/persona.jpg`".into(),
    };
    report(
        image.span.clone(),
        Severity::Error,
        format!("`image` names no file of the site: `{raw}`"),
        hint,
    );
    None
}

/// `path` (site-relative, from `content/`) as a path relative to the
/// folder of `source`'s file.
fn relative_to(source: &Source, path: &str) -> String {
    let own = source.path().to_string_lossy().replace('\\', "/");
    let depth = own.matches('/').count().saturating_sub(1);
    format!("{}{path}", "../".repeat(depth))
}

fn is_image(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    [".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".avif"]
        .iter()
        .any(|e| lower.ends_with(e))
}

/// A journey step with its references resolved, as later stages use it.
#[derive(Debug, Clone, Copy)]
pub struct ResolvedStep<'a> {
    /// 1-based position in the journey: the step's number on the map and
    /// the curve, and its anchor on the journey's page (`#step-3`).
    pub number: usize,
    pub step: &'a Step,
    pub touchpoint: DocId,
    /// The step's `channel`, else its touchpoint's.
    pub channel: &'a str,
}

impl ResolvedStep<'_> {
    /// The id of the step's column on the journey's page: `step-3`.
    pub fn anchor(&self) -> String {
        step_anchor(self.number)
    }
}

/// The anchor id of step `number` (1-based) on a journey's page.
pub fn step_anchor(number: usize) -> String {
    format!("step-{number}")
}

impl super::LinkedSite {
    /// Journey `id` with its resolved references; `None` for other kinds.
    pub fn journey(&self, id: DocId) -> Option<(&Journey, &JourneyLinks)> {
        match &self.docs[id] {
            Doc::Journey(j) => Some((j, &self.journeys[id])),
            _ => None,
        }
    }

    /// The steps of journey `id` whose touchpoint resolved (all of them on
    /// a site without errors), numbered from 1 as written.
    pub fn journey_steps(&self, id: DocId) -> Vec<ResolvedStep<'_>> {
        let Some((journey, links)) = self.journey(id) else {
            return Vec::new();
        };
        journey
            .steps
            .iter()
            .zip(&links.steps)
            .enumerate()
            .filter_map(|(i, (step, linked))| {
                Some(ResolvedStep {
                    number: i + 1,
                    step,
                    touchpoint: linked.touchpoint?,
                    channel: &linked.channel,
                })
            })
            .collect()
    }

    /// Persona `id` with its resolved references; `None` for other kinds.
    pub fn persona(&self, id: DocId) -> Option<(&Persona, &PersonaLinks)> {
        match &self.docs[id] {
            Doc::Persona(p) => Some((p, &self.personas[id])),
            _ => None,
        }
    }
}
