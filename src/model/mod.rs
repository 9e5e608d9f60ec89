//! The content model: validated, typed documents as the `parse` stage makes
//! them. Raw serde types live in `parse`; nothing here can be invalid.

mod journey;
mod meta;
mod persona;
mod term;
mod touchpoint;

pub use journey::{Item, Journey, JourneyState, Opportunity, Priority, Step};
pub use meta::{Meta, Reference};
pub use persona::Persona;
pub use term::Term;
pub use touchpoint::{Ownership, Touchpoint};

/// The five kinds of content, by the `content/` folder they live in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Term,
    Touchpoint,
    Journey,
    Persona,
    Page,
}

impl Kind {
    /// The kind of a file in the `content/<section>/` folder.
    pub fn from_section(section: Option<&str>) -> Self {
        match section {
            Some("glossary") => Kind::Term,
            Some("touchpoints") => Kind::Touchpoint,
            Some("journeys") => Kind::Journey,
            Some("personas") => Kind::Persona,
            _ => Kind::Page,
        }
    }

    /// The URL section of this kind (`glossary/`), empty for pages.
    pub fn section(self) -> &'static str {
        match self {
            Kind::Term => "glossary",
            Kind::Touchpoint => "touchpoints",
            Kind::Journey => "journeys",
            Kind::Persona => "personas",
            Kind::Page => "",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Kind::Term => "term",
            Kind::Touchpoint => "touchpoint",
            Kind::Journey => "journey",
            Kind::Persona => "persona",
            Kind::Page => "page",
        }
    }
}

/// A plain page (about, imprint, guides): only the common fields.
#[derive(Debug, Clone)]
pub struct Page {
    pub meta: Meta,
}
