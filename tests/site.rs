//! Whole-site tests: fixture sites from `tests/fixtures/` are copied to a
//! temporary folder, built with the real `touchbase` binary, and the files
//! it writes are checked — layout, links, languages, Unicode, and snapshots
//! of rendered pages. What a user reads on the terminal is covered by the
//! CLI transcripts in `tests/cli.rs` instead.

#[path = "common/files.rs"]
mod files;
#[path = "site/helper.rs"]
mod helper;
#[path = "site/html.rs"]
mod html;
#[path = "common/npm.rs"]
mod npm;
#[path = "common/skip.rs"]
mod skip;

#[path = "site/bad_input.rs"]
mod bad_input;
#[path = "site/brand.rs"]
mod brand;
#[path = "site/crash.rs"]
mod crash;
#[path = "site/exports.rs"]
mod exports;
#[path = "site/fixtures.rs"]
mod fixtures;
#[path = "site/i18n.rs"]
mod i18n;
#[path = "site/import.rs"]
mod import;
#[path = "site/journey.rs"]
mod journey;
#[path = "site/journey_map.rs"]
mod journey_map;
#[path = "site/journey_model.rs"]
mod journey_model;
#[path = "site/links.rs"]
mod links;
#[path = "site/opportunities.rs"]
mod opportunities;
#[path = "site/options.rs"]
mod options;
#[path = "site/output.rs"]
mod output;
#[path = "site/snapshots.rs"]
mod snapshots;
#[path = "site/unicode.rs"]
mod unicode;
#[path = "site/validity.rs"]
mod validity;
