//! Browser tests: what only a browser shows (search, tooltips, the
//! catalogue's filters, the live preview, keyboard use, pages without
//! JavaScript, accessibility), in headless Chromium driven over WebDriver.
//!
//! They run whenever `/usr/bin/chromium` and `/usr/bin/chromedriver` exist
//! (Debian packages `chromium` and `chromium-driver`). Without them each
//! test returns at once and the run prints one `SKIPPED: …` line that the
//! harness does not capture — except under `CI=true`,
//! `TOUCHBASE_REQUIRE_BROWSER=1` or `TOUCHBASE_REQUIRE_TOOLS=1`, where a
//! missing browser is a failure. Every test here must start a
//! [`webdriver::Browser`] (or call [`webdriver::ran`]): `.ci/run` counts
//! the tests that did against the list of tests, so a test that skipped
//! in CI fails the run. Each test starts its own browser; a lock runs
//! them one at a time so a small machine is not swamped by several
//! Chromiums.

// `touchbase serve` for the live-preview tests, and what it needs.
#[allow(dead_code)]
#[path = "serve/client.rs"]
mod client;
#[allow(dead_code)]
#[path = "common/files.rs"]
mod files;
#[path = "common/npm.rs"]
mod npm;
#[path = "common/search_cases.rs"]
mod search_cases;
#[path = "common/skip.rs"]
mod skip;

#[path = "browser/axe.rs"]
mod axe;
#[path = "browser/server.rs"]
mod server;
#[path = "browser/site.rs"]
mod site;
#[path = "browser/webdriver.rs"]
mod webdriver;

#[path = "browser/a11y.rs"]
mod a11y;
#[path = "browser/catalogue.rs"]
mod catalogue;
#[path = "browser/journey_map.rs"]
mod journey_map;
#[path = "browser/layout.rs"]
mod layout;
#[path = "browser/offline.rs"]
mod offline;
#[path = "browser/opportunities.rs"]
mod opportunities;
#[path = "browser/preview.rs"]
mod preview;
#[path = "browser/search.rs"]
mod search;
#[path = "browser/tooltip.rs"]
mod tooltip;

use std::sync::{Mutex, MutexGuard};

/// Holds the one-browser-at-a-time lock while a test runs.
pub(crate) fn one_at_a_time() -> MutexGuard<'static, ()> {
    static LOCK: Mutex<()> = Mutex::new(());
    LOCK.lock().unwrap_or_else(|e| e.into_inner())
}
