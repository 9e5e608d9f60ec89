//! One persona's path through the stages, step by step, and the lanes of
//! its journey map: what the customer does, thinks and feels at each step,
//! the touchpoint and channel, pain points, opportunities and what the
//! company does backstage.

use std::ops::Range;

use super::{Meta, Reference};

/// Whether a journey describes how things are or how they should become.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum JourneyState {
    #[default]
    Current,
    Future,
}

impl JourneyState {
    pub const ALL: [&'static str; 2] = ["current", "future"];

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "current" => Some(Self::Current),
            "future" => Some(Self::Future),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        Self::ALL[self as usize]
    }
}

/// How urgent an opportunity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Priority {
    High,
    Medium,
    Low,
}

impl Priority {
    /// In order of urgency: sorting by `Priority` puts `high` first.
    pub const ALL: [&'static str; 3] = ["high", "medium", "low"];

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "high" => Some(Self::High),
            "medium" => Some(Self::Medium),
            "low" => Some(Self::Low),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        Self::ALL[self as usize]
    }
}

/// An idea for improving a step, written as a plain string or as a table
/// with `title`, `owner` and `priority`; both forms end up here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opportunity {
    pub title: String,
    /// The team that owns it; `None` when not given.
    pub owner: Option<String>,
    pub priority: Option<Priority>,
    /// Byte range in the file: the string, or the table's `title` value.
    pub span: Range<usize>,
}

/// A text of a list lane (a pain point, a backstage activity) with its
/// position in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub text: String,
    pub span: Range<usize>,
}

#[derive(Debug, Clone)]
pub struct Step {
    /// A stage id from the config.
    pub stage: String,
    /// A touchpoint slug or title, as written.
    pub touchpoint: Reference,
    /// -2 (very bad) ..= 2 (very good).
    pub emotion: i8,
    pub note: String,
    /// What the customer does (empty when not given).
    pub action: String,
    /// What the customer thinks (empty when not given).
    pub thinking: String,
    /// A channel id overriding the touchpoint's channel for this step.
    pub channel: Option<String>,
    pub pain_points: Vec<Item>,
    /// What the company does that the customer does not see.
    pub backstage: Vec<Item>,
    pub opportunities: Vec<Opportunity>,
    /// Byte range of the step's `stage` value in the file.
    pub stage_span: Range<usize>,
    /// Byte range of the step's `emotion` value in the file.
    pub emotion_span: Range<usize>,
}

#[derive(Debug, Clone)]
pub struct Journey {
    pub meta: Meta,
    /// A persona's title, alias or slug, or any text; resolved in `link`.
    pub persona: Option<Reference>,
    pub state: JourneyState,
    /// For a future-state journey: the current journey it improves, as
    /// written (title or slug); resolved in `link`.
    pub improves: Option<Reference>,
    pub steps: Vec<Step>,
}

impl Journey {
    /// The persona as written, or `""`.
    pub fn persona_text(&self) -> &str {
        self.persona.as_ref().map_or("", |p| p.name.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn priorities_sort_by_urgency_and_round_trip() {
        let mut all: Vec<Priority> = Priority::ALL
            .iter()
            .rev()
            .map(|s| Priority::parse(s).unwrap())
            .collect();
        all.sort();
        assert_eq!(all, [Priority::High, Priority::Medium, Priority::Low]);
        assert_eq!(Priority::Medium.as_str(), "medium");
        assert_eq!(Priority::parse("High"), None);
        assert_eq!(JourneyState::parse("future"), Some(JourneyState::Future));
        assert_eq!(JourneyState::default().as_str(), "current");
        assert_eq!(JourneyState::parse("planned"), None);
    }
}
