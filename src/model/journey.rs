//! One persona's path through the stages, step by step.

use super::{Meta, Reference};

#[derive(Debug, Clone)]
pub struct Step {
    /// A stage id from the config.
    pub stage: String,
    /// A touchpoint slug or title, as written.
    pub touchpoint: Reference,
    /// -2 (very bad) ..= 2 (very good).
    pub emotion: i8,
    pub note: String,
}

#[derive(Debug, Clone)]
pub struct Journey {
    pub meta: Meta,
    pub persona: String,
    pub steps: Vec<Step>,
}
