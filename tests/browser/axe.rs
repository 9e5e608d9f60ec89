//! Accessibility checks with axe-core in the real browser: the npm
//! package `axe-core` (a pinned version) is installed once per test run
//! into Cargo's test folder, injected into the page over WebDriver and
//! run with all its default rules (WCAG 2.0–2.2 A/AA and best practices),
//! in the light and the dark colour scheme.
//!
//! Use [`assert_accessible`] from any browser test after loading a page.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde_json::{Value, json};

use super::webdriver::Browser;

/// The axe-core release the checks run with.
const AXE_VERSION: &str = "4.11.0";

/// The source of `axe.min.js`, installing the package with npm on first
/// use. Panics with what to do when npm is missing or fails.
fn axe_source() -> &'static str {
    static SOURCE: OnceLock<String> = OnceLock::new();
    SOURCE.get_or_init(|| {
        let prefix = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("axe-core-{AXE_VERSION}"));
        let file = axe_file(&prefix);
        crate::npm::install(&prefix, &format!("axe-core@{AXE_VERSION}"), &file)
            .unwrap_or_else(|e| panic!("the accessibility checks need axe-core: {e}"));
        std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("reading {}: {e}", file.display()))
    })
}

fn axe_file(prefix: &Path) -> PathBuf {
    prefix.join("node_modules/axe-core/axe.min.js")
}

/// Runs axe-core on the page the browser shows, in the light and the dark
/// colour scheme, and fails the test with every violation listed (rule,
/// impact, help text and the first elements affected). `what` names the
/// page in the failure message.
pub(crate) fn assert_accessible(b: &Browser, what: &str) {
    let mut report = Vec::new();
    for scheme in ["light", "dark"] {
        b.color_scheme(scheme);
        for violation in violations(b) {
            report.push(format!("[{scheme}] {}", describe(&violation)));
        }
    }
    b.color_scheme("light");
    assert!(
        report.is_empty(),
        "axe-core found {} violation(s) on {what}:\n{}",
        report.len(),
        report.join("\n")
    );
}

/// The violations axe-core reports for the page as it is now.
fn violations(b: &Browser) -> Vec<Value> {
    let loaded = b.run("return typeof window.axe === 'object';", json!([]));
    if loaded != Value::Bool(true) {
        b.run(&format!("{}\nreturn true;", axe_source()), json!([]));
    }
    let result = b.run_async(
        "const done = arguments[arguments.length - 1];
         axe.run(document, { resultTypes: ['violations'] })
           .then(r => done(r.violations))
           .catch(e => done({ error: String(e) }));",
        json!([]),
    );
    if let Some(error) = result.get("error") {
        panic!("axe-core did not run: {error}");
    }
    result.as_array().cloned().unwrap_or_default()
}

/// One violation as a line: rule, impact, help, and up to three elements
/// with axe's summary of what fails.
fn describe(v: &Value) -> String {
    let nodes = v["nodes"].as_array().cloned().unwrap_or_default();
    let shown: Vec<String> = nodes
        .iter()
        .take(3)
        .map(|n| {
            format!(
                "    {} — {}",
                n["target"],
                n["failureSummary"]
                    .as_str()
                    .unwrap_or("")
                    .replace('\n', " ")
            )
        })
        .collect();
    format!(
        "{} ({}): {} [{} element(s)]\n{}",
        v["id"].as_str().unwrap_or("?"),
        v["impact"].as_str().unwrap_or("?"),
        v["help"].as_str().unwrap_or(""),
        nodes.len(),
        shown.join("\n")
    )
}
