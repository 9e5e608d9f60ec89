//! Validation of a journey's front matter: persona, state, `improves`, and
//! each step with the lanes of the journey map.

use std::ops::Range;

use toml::Spanned;

use super::fields::clean_list;
use super::{FileParser, RawFrontMatter, RawOpportunity, RawStep};
use crate::model::{Item, Journey, JourneyState, Meta, Opportunity, Priority, Reference, Step};

impl FileParser<'_> {
    pub(super) fn journey(&mut self, meta: Meta, raw: RawFrontMatter) -> Journey {
        let state = match &raw.state {
            Some(s) => JourneyState::parse(s.get_ref()).unwrap_or_else(|| {
                self.unknown(s, "state", &JourneyState::ALL);
                JourneyState::Current
            }),
            None => JourneyState::Current,
        };
        let improves = raw.improves.as_ref().and_then(|i| self.improves(i, state));
        let persona = raw
            .persona
            .as_ref()
            .and_then(|p| self.references(Some(&vec![p.clone()])).pop());
        let steps = raw
            .steps
            .unwrap_or_default()
            .into_iter()
            .filter_map(|s| self.step(s))
            .collect();
        Journey {
            persona,
            state,
            improves,
            steps,
            meta,
        }
    }

    /// `improves` belongs to future-state journeys and must name something.
    fn improves(&mut self, raw: &Spanned<String>, state: JourneyState) -> Option<Reference> {
        if state != JourneyState::Future {
            self.error(
                raw.span(),
                "`improves` is only for future-state journeys",
                "add `state = \"future\"` to this journey, or remove `improves`",
            );
            return None;
        }
        let found = self.references(Some(&vec![raw.clone()])).pop();
        if found.is_none() {
            self.error(
                raw.span(),
                "`improves` is empty",
                "name the current journey this one improves, by title or slug",
            );
        }
        found
    }

    /// An error for a value outside a fixed set, with a did-you-mean.
    fn unknown(&mut self, value: &Spanned<String>, what: &str, allowed: &[&str]) {
        let hint = crate::suggest::did_you_mean(value.get_ref(), allowed.iter().copied())
            .unwrap_or_else(|| format!("use one of: {}", allowed.join(", ")));
        self.error(
            value.span(),
            format!("unknown {what} `{}`", value.get_ref()),
            hint,
        );
    }

    fn step(&mut self, raw: RawStep) -> Option<Step> {
        let stage = self.category(&raw.stage, &self.config.stages, "stage");
        let emotion = *raw.emotion.get_ref();
        if !(-2..=2).contains(&emotion) {
            self.error(
                raw.emotion.span(),
                format!("emotion {emotion} is out of range"),
                "use a whole number from -2 (very bad) to 2 (very good)",
            );
        }
        let touchpoint = self.references(Some(&vec![raw.touchpoint.clone()])).pop();
        if touchpoint.is_none() {
            self.error(
                raw.touchpoint.span(),
                "a step needs a `touchpoint`",
                "name a touchpoint by slug or title",
            );
        }
        // `None` when the channel is unknown (an error), `Some(None)` when
        // the step has none of its own.
        let channel = match &raw.channel {
            Some(c) => self.category(c, &self.config.channels, "channel").map(Some),
            None => Some(None),
        };
        let opportunities = raw
            .opportunities
            .into_iter()
            .flatten()
            .filter_map(|o| self.opportunity(o))
            .collect();
        let text = |value: Option<String>| value.unwrap_or_default().trim().to_string();
        Some(Step {
            stage: stage?,
            touchpoint: touchpoint?,
            emotion: i8::try_from(emotion)
                .ok()
                .filter(|e| (-2..=2).contains(e))?,
            note: text(raw.note),
            action: text(raw.action),
            thinking: text(raw.thinking),
            channel: channel?,
            pain_points: self.items(raw.pain_points),
            backstage: self.items(raw.backstage),
            opportunities,
            stage_span: self.absolute(raw.stage.span()),
            emotion_span: self.absolute(raw.emotion.span()),
        })
    }

    /// A byte range of the front matter as a range of the whole file.
    fn absolute(&self, span: Range<usize>) -> Range<usize> {
        self.offset + span.start..self.offset + span.end
    }

    /// The texts of a list lane: trimmed, empty ones and repeats dropped.
    fn items(&self, raw: Option<Vec<Spanned<String>>>) -> Vec<Item> {
        let raw = raw.unwrap_or_default();
        let texts: Vec<String> = raw.iter().map(|r| r.get_ref().clone()).collect();
        let kept = clean_list(&texts);
        kept.into_iter()
            .map(|text| {
                let first = raw
                    .iter()
                    .find(|r| r.get_ref().trim() == text)
                    .expect("a kept text was written");
                Item {
                    span: self.absolute(first.span()),
                    text,
                }
            })
            .collect()
    }

    fn opportunity(&mut self, raw: Spanned<RawOpportunity>) -> Option<Opportunity> {
        let outer = raw.span();
        let trimmed = |s: &Spanned<String>| {
            let t = s.get_ref().trim();
            (!t.is_empty()).then(|| t.to_string())
        };
        match raw.into_inner() {
            RawOpportunity::Text(text) => {
                let title = text.trim();
                if title.is_empty() {
                    self.error(
                        outer,
                        "an opportunity is empty",
                        "write what could be improved, or remove the empty string",
                    );
                    return None;
                }
                Some(Opportunity {
                    title: title.to_string(),
                    owner: None,
                    priority: None,
                    span: self.absolute(outer),
                })
            }
            RawOpportunity::Table {
                title,
                owner,
                priority,
            } => {
                let priority = match &priority {
                    Some(p) => match Priority::parse(p.get_ref()) {
                        Some(parsed) => Some(parsed),
                        None => {
                            self.unknown(p, "priority", &Priority::ALL);
                            return None;
                        }
                    },
                    None => None,
                };
                let Some((name, span)) = title.as_ref().and_then(|t| Some((trimmed(t)?, t.span())))
                else {
                    let span = title.as_ref().map_or(outer, Spanned::span);
                    self.error(
                        span,
                        "an opportunity needs a `title`",
                        "add `title = \"…\"` saying what could be improved",
                    );
                    return None;
                };
                Some(Opportunity {
                    title: name,
                    owner: owner.as_ref().and_then(trimmed),
                    priority,
                    span: self.absolute(span),
                })
            }
        }
    }
}
