//! Browser tests: what only a browser shows (search, keyboard use, pages
//! without JavaScript), in headless Chromium driven over WebDriver.
//!
//! They run whenever `/usr/bin/chromium` and `/usr/bin/chromedriver` exist
//! (Debian packages `chromium` and `chromium-driver`) and print
//! `SKIPPED: …` otherwise — except under `CI=true` or
//! `TOUCHBASE_REQUIRE_BROWSER=1`, where a missing browser is a failure.
//! Each test starts its own browser; a lock runs them one at a time so
//! a small machine is not swamped by several Chromiums.

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
#[path = "browser/journey_map.rs"]
mod journey_map;
#[path = "browser/opportunities.rs"]
mod opportunities;
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
