//! touchbase turns a folder of markdown files — glossary terms, customer
//! touchpoints and journeys with TOML front matter — into a cross-linked,
//! searchable static site.
//!
//! The build is a pipeline of stages with plain data between them:
//! `load` → `parse` → `link` → `render` → `write`. Content problems are
//! collected as [`Diagnostic`]s across the whole run, never thrown.

pub mod brand;
pub mod build;
pub mod ci;
pub mod cmd;
pub mod collate;
pub mod colour;
pub mod config;
pub mod diagnostic;
pub mod export;
pub mod frontmatter;
pub mod fs;
pub mod fuzzing;
pub mod gaps;
pub mod hash;
pub mod highlight;
pub mod import;
pub mod link;
pub mod load;
pub mod markdown;
pub mod memory;
pub mod model;
pub mod parse;
pub mod render;
pub mod schema;
pub mod search;
pub mod serve;
pub mod session;
pub mod slug;
pub mod source;
pub mod suggest;
pub mod theme;
pub mod write;

pub use diagnostic::{Diagnostic, Severity};
