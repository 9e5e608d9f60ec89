//! The opportunity backlog on the `opportunities` fixture: the gap
//! warnings about journeys and personas with their locations, the
//! `/opportunities/` page, `opportunities.csv` and `journeys.json` parsed
//! back and compared with the fixture's front matter, and the pain points
//! journeys attach to touchpoints (matrix and touchpoint pages).

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

use crate::helper::{Built, FIXTURES, build_fixture, touchbase};

const CASE: &str = "opportunities";

fn built() -> Built {
    let built = build_fixture(CASE, &[]);
    assert_eq!(built.status, 0, "{}", built.stderr);
    built
}

fn source(rel: &str) -> String {
    std::fs::read_to_string(Path::new(FIXTURES).join(CASE).join(rel)).expect(rel)
}

/// 1-based line and column (in characters) of the first `needle` in a
/// fixture file.
fn locate(rel: &str, needle: &str) -> (u64, u64) {
    let text = source(rel);
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} in {rel}"));
    let line = text[..at].matches('\n').count() + 1;
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let column = text[start..at].chars().count() + 1;
    (line as u64, column as u64)
}

#[test]
fn journey_and_persona_gaps_are_warnings_at_their_place() {
    let site = built();
    let ran = touchbase(&site.root(), &["check", "--format", "json"]);
    assert_eq!(ran.status, 0, "{}", ran.stdout);
    let report: Value = serde_json::from_str(&ran.stdout).expect("JSON on stdout");
    let found: BTreeSet<(String, u64, u64, String)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| !d["message"].as_str().unwrap().starts_with("gap in the"))
        .map(|d| {
            assert_eq!(d["severity"], "warning");
            assert!(d["hint"].is_string());
            (
                d["path"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let at = |rel: &str, needle: &str, message: &str| {
        let (line, column) = locate(rel, needle);
        (rel.to_string(), line, column, message.to_string())
    };
    let erstkauf = "content/journeys/erstkauf.md";
    let expected: BTreeSet<_> = [
        // A plain string: the string itself.
        at(
            erstkauf,
            "\"Versandkosten früh zeigen\"",
            "opportunity without owner: \"Versandkosten früh zeigen\" in step 2 of \"Erstkauf\"",
        ),
        // A table: its title's value.
        at(
            erstkauf,
            "\"Wartezeit anzeigen\"",
            "opportunity without owner: \"Wartezeit anzeigen\" in step 4 of \"Erstkauf\"",
        ),
        // Emotion -2 with a pain point and no opportunity: its emotion.
        at(
            erstkauf,
            "-2",
            "unaddressed pain point: step 3 of \"Erstkauf\" at \"Hotline\" in stage \"Kauf\" has emotion -2, pain point \"Kein Rückruf\" and no opportunity",
        ),
        // The old format (no lanes) is checked the same way.
        at(
            "content/journeys/reklamation.md",
            "-1",
            "unaddressed pain point: step 1 of \"Reklamation\" at \"Hotline\" in stage \"Nutzung\" has emotion -1 and no opportunity",
        ),
        // No journey names it: its title line. (The English persona is a
        // translation of one a journey names, so it counts as used.)
        at(
            "content/personas/schnaeppchenjaegerin.md",
            "title",
            "persona without journeys: no journey is told from \"Schnäppchenjägerin\"",
        ),
    ]
    .into();
    assert_eq!(found, expected);
    // Step 2 feels -1 but has an opportunity, and the English journey's
    // only step too: neither is reported.
    assert!(
        !ran.stdout.contains("step 2 of \\\"Erstkauf\\\" at"),
        "{}",
        ran.stdout
    );
    // `--strict` fails on them like on every gap.
    let strict = touchbase(&site.root(), &["check", "--strict"]);
    assert_eq!(strict.status, 1, "{}", strict.stdout);
}
