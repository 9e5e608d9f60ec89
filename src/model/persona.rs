//! A persona: the customer a journey is told from, with role, goals,
//! needs, frustrations and a quote.

use super::{Meta, Reference};

#[derive(Debug, Clone)]
pub struct Persona {
    pub meta: Meta,
    /// Other names a journey's `persona` may use.
    pub aliases: Vec<String>,
    pub role: Option<String>,
    pub goals: Vec<String>,
    pub needs: Vec<String>,
    pub frustrations: Vec<String>,
    pub quote: Option<String>,
    /// An image file, relative to the persona's file (or a site path
    /// starting with `/`), as written; resolved in `link`.
    pub image: Option<Reference>,
}
