//! Tests that need a program besides the Rust toolchain (Chromium and its
//! driver, Java, npm) skip without it on a developer's machine, so that
//! `cargo test` works with Rust alone — but visibly: the skip is written
//! straight to the terminal, past the test harness's output capture, so
//! it shows in every `cargo test` run. In CI (`CI=true`) or with
//! `TOUCHBASE_REQUIRE_TOOLS=1` a missing program fails the test instead.

use std::collections::BTreeSet;
use std::io::Write;
use std::sync::Mutex;

/// Whether every program the tests use must be there: in CI, or when
/// asked for with `TOUCHBASE_REQUIRE_TOOLS=1` (or, for the browser,
/// `TOUCHBASE_REQUIRE_BROWSER=1`).
pub(crate) fn required(also: &[&str]) -> bool {
    let set = |name: &str, value: &str| std::env::var(name).is_ok_and(|v| v == value);
    set("CI", "true")
        || set("TOUCHBASE_REQUIRE_TOOLS", "1")
        || also.iter().any(|name| set(name, "1"))
}

/// Reports that `what` (the tests, named for a person) cannot run because
/// `missing`, with `install`
/// saying what to do; fails the calling test instead when programs are
/// [`required`]. Each message is printed once per test binary.
pub(crate) fn skip(what: &str, missing: &str, install: &str, also: &[&str]) {
    assert!(
        !required(also),
        "{what} must run here (CI or TOUCHBASE_REQUIRE_TOOLS) but {missing}: {install}"
    );
    static SHOWN: Mutex<BTreeSet<String>> = Mutex::new(BTreeSet::new());
    let line = format!(
        "SKIPPED: {what} did not run: {missing} ({install}); TOUCHBASE_REQUIRE_TOOLS=1 makes this a failure\n"
    );
    let mut shown = SHOWN.lock().unwrap_or_else(|e| e.into_inner());
    if shown.insert(line.clone()) {
        // Not `eprintln!`: the harness captures that and shows it only
        // for failed tests.
        let _ = std::io::stderr().lock().write_all(line.as_bytes());
    }
}
