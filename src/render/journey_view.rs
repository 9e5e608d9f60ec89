//! What journey templates see: a journey's page (persona, state, the
//! journey map with its lanes, the timeline, the emotion curves, the
//! comparison of a future state with the current one) and the entries of
//! `/journeys/`. The shapes are documented in `themes/default/CONTEXT.md`.

use serde::Serialize;

use super::context::{Label, Link};

/// `page`'s own fields on a journey's page.
#[derive(Debug, Clone, Serialize)]
pub struct JourneyView<'a> {
    /// The persona as written (plain text; empty when none is given).
    pub persona: &'a str,
    /// The persona's page, when `persona` names one.
    pub persona_link: Option<Link<'a>>,
    /// `current` or `future`.
    pub state: &'static str,
    /// For a future state: the current journey it improves.
    pub improves: Option<Link<'a>>,
    /// For a current journey: the future states improving it.
    pub improved_by: Vec<Link<'a>>,
    pub steps: Vec<StepView<'a>>,
    /// The steps again, runs of the same stage grouped.
    pub stage_groups: Vec<StageGroup<'a>>,
    /// Which lanes of the map have content in any step.
    pub lanes: Lanes,
    /// Ready SVG markup of the emotion curve (empty without steps).
    pub emotion_svg: String,
    /// For a future state whose current journey is known: both curves and
    /// what changed per stage.
    pub comparison: Option<Comparison<'a>>,
}

/// The optional lanes of the journey map: `true` when any step fills it.
/// Stage, touchpoint and emotion are always shown.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, Eq)]
pub struct Lanes {
    pub action: bool,
    pub note: bool,
    pub thinking: bool,
    pub pain_points: bool,
    pub opportunities: bool,
    pub backstage: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct StepView<'a> {
    /// 1-based position in the journey, as the emotion curve numbers it.
    pub number: usize,
    /// Id of the step's column on the map (`step-3`).
    pub anchor: String,
    pub stage: Label,
    pub touchpoint: Link<'a>,
    /// The step's own channel, else its touchpoint's.
    pub channel: Label,
    pub emotion: i8,
    /// The emotion in words (`positive`), in the page's language.
    pub emotion_word: String,
    pub note: &'a str,
    pub action: &'a str,
    pub thinking: &'a str,
    pub pain_points: Vec<&'a str>,
    pub backstage: Vec<&'a str>,
    pub opportunities: Vec<OpportunityView<'a>>,
    /// Ready SVG markup: this step's piece of the emotion curve in the
    /// map's emotion lane (decorative; the value is in `emotion`).
    pub curve: String,
    /// `p2`, `p1`, `0`, `m1`, `m2`: the emotion as a CSS class suffix.
    pub level: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct OpportunityView<'a> {
    pub title: &'a str,
    /// The team that owns it, as written.
    pub owner: Option<&'a str>,
    /// `high`, `medium`, `low` or empty.
    pub priority: &'static str,
    /// The priority in words, in the page's language (empty without one).
    pub priority_label: String,
}

/// Consecutive steps of a journey in one stage.
#[derive(Debug, Clone, Serialize)]
pub struct StageGroup<'a> {
    pub stage: Label,
    pub steps: Vec<StepView<'a>>,
}

/// A future-state journey next to the current one it improves.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison<'a> {
    pub current: Link<'a>,
    /// Ready SVG markup: both curves by stage, the current one dashed.
    pub svg: String,
    /// Every stage either journey visits, in config order.
    pub stages: Vec<StageChange<'a>>,
}

/// What changes in one stage from the current to the future state.
#[derive(Debug, Clone, Serialize)]
pub struct StageChange<'a> {
    pub stage: Label,
    pub current: StageSide<'a>,
    pub future: StageSide<'a>,
    /// Future minus current average emotion, one decimal (`+1.5`, `−0.5`,
    /// `0`); empty when either side has no step in the stage.
    pub change: String,
    /// `better`, `worse`, `same` or empty, as a CSS class.
    pub trend: &'static str,
    /// Touchpoints only the future state uses here.
    pub added: Vec<Link<'a>>,
    /// Touchpoints only the current state uses here.
    pub removed: Vec<Link<'a>>,
}

/// One journey's steps in one stage.
#[derive(Debug, Clone, Serialize)]
pub struct StageSide<'a> {
    pub steps: usize,
    /// Average emotion, one decimal (`+1`, `−0.5`); empty without steps.
    pub emotion: String,
    pub pain_points: Vec<&'a str>,
}

/// A persona on `/personas/`.
#[derive(Debug, Clone, Serialize)]
pub struct PersonaEntry<'a> {
    #[serde(flatten)]
    pub link: Link<'a>,
    pub role: &'a str,
    pub quote: &'a str,
    /// URL of its image, or empty.
    pub image: String,
    /// The journeys told from it.
    pub journeys: Vec<Link<'a>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct JourneyEntry<'a> {
    #[serde(flatten)]
    pub link: Link<'a>,
    pub persona: String,
    pub persona_link: Option<Link<'a>>,
    /// `current` or `future`.
    pub state: &'static str,
    pub steps: usize,
    /// The stages the journey visits, in journey order, each once.
    pub stages: Vec<Label>,
    /// For a current journey: its future states, listed with it (and not
    /// again on their own).
    pub futures: Vec<JourneyEntry<'a>>,
    /// For a future state listed on its own: the journey it improves.
    pub improves: Option<Link<'a>>,
}
