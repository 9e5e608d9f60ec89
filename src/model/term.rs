//! A glossary entry.

use super::{Meta, Reference};

#[derive(Debug, Clone)]
pub struct Term {
    pub meta: Meta,
    /// Other names that link to this term (synonyms, inflected forms).
    pub aliases: Vec<String>,
    pub abbreviation: Option<String>,
    /// Titles of related terms, as written.
    pub related: Vec<Reference>,
}
