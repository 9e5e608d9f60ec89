//! The journey overview, journeys, the catalogue and the gap analysis, on
//! the `journey` fixture: four stages, two channels, a touchpoint without
//! owner, one without KPIs, one without stages, four matrix gaps (two of
//! them in one stage), a journey that skips a stage, and a term with
//! `</script>` in its title that no page links to. Expected values come
//! from the fixture's own front matter wherever they can. The export files
//! of the same fixture are checked in `exports.rs`.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

use crate::helper::{Built, FIXTURES, build_fixture, entries, touchbase};
use crate::html::main_of;

pub(crate) fn built() -> Built {
    let built = build_fixture("journey", &[]);
    built.assert_clean();
    built
}

/// The front matter of a fixture file as TOML.
pub(crate) fn front_matter(rel: &str) -> toml::Table {
    let text = std::fs::read_to_string(Path::new(FIXTURES).join("journey").join(rel))
        .expect("reading a fixture file");
    let inner = text
        .strip_prefix("+++\n")
        .and_then(|rest| rest.split_once("\n+++\n"))
        .expect("front matter between +++ lines")
        .0;
    inner.parse().expect("front matter is TOML")
}

/// The fixture's content files of a section, sorted by file name.
pub(crate) fn files(section: &str) -> Vec<(String, toml::Table)> {
    let dir = Path::new(FIXTURES).join("journey/content").join(section);
    entries(&dir)
        .into_iter()
        .map(|name| {
            let table = front_matter(&format!("content/{section}/{name}"));
            (name.trim_end_matches(".md").to_string(), table)
        })
        .collect()
}

pub(crate) fn strings(table: &toml::Table, key: &str) -> Vec<String> {
    table
        .get(key)
        .and_then(|v| v.as_array())
        .map(|a| a.iter().map(|v| v.as_str().unwrap().to_string()).collect())
        .unwrap_or_default()
}

pub(crate) fn string(table: &toml::Table, key: &str) -> String {
    table
        .get(key)
        .and_then(|v| v.as_str())
        .unwrap_or("")
        .trim()
        .to_string()
}

/// The text from `start` to the first `end` after it, both included.
pub(crate) fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let at = text.find(start).unwrap_or_else(|| panic!("no {start}"));
    let after = at + start.len();
    let stop = after
        + text[after..]
            .find(end)
            .unwrap_or_else(|| panic!("no {end}"))
        + end.len();
    &text[at..stop]
}

#[test]
fn matrix_fragment() {
    let html = built().page("journey/");
    insta::assert_snapshot!(between(&html, "<table class=\"matrix\">", "</table>"));
}

#[test]
fn journey_emotion_svg() {
    let html = built().page("journeys/kauf/");
    insta::assert_snapshot!(between(&html, "<svg class=\"emotion-svg\"", "</svg>"));
}

/// The numbers of every `name="…"` attribute in `svg`, in order.
fn numbers(svg: &str, name: &str) -> Vec<i32> {
    crate::html::attr_values(svg, name)
        .into_iter()
        .map(|v| v.parse().unwrap_or_else(|_| panic!("{name}={v:?}")))
        .collect()
}

#[test]
fn emotion_curve_coordinates() {
    let html = built().page("journeys/kauf/");
    let svg = between(&html, "<svg class=\"emotion-svg\"", "</svg>");
    // kauf.md: awareness +1, purchase −2, usage +2. The plot puts +2 at
    // y = 56 and each level 40 below the one above; steps are 128 wide
    // from x = 130, each point at the centre of its step.
    let points = between(svg, "<polyline class=\"curve\" points=\"", "\"");
    assert!(
        points.ends_with("points=\"194,96 322,216 450,56\""),
        "{svg}"
    );
    let circles = between(svg, "<g class=\"steps\">", "</svg>");
    assert_eq!(numbers(circles, "cx"), [194, 322, 450]);
    assert_eq!(numbers(circles, "cy"), [96, 216, 56]);
    // The grid lines, +2 down to −2, sit where their labels say.
    let axis = between(svg, "<g class=\"axis\">", "</g>");
    assert_eq!(numbers(axis, "y1"), [56, 96, 136, 176, 216]);
    assert_eq!(
        crate::html::texts(axis, "<text class=\"tick\"", "text"),
        [
            "+2 sehr positiv",
            "+1 positiv",
            "0 neutral",
            "−1 negativ",
            "−2 sehr negativ"
        ]
    );
    // One band per stage, each as wide as its one step.
    let bands = between(svg, "<g class=\"stages\">", "</g>");
    assert_eq!(numbers(bands, "width"), [128, 128, 128]);
    assert_eq!(
        crate::html::texts(bands, "<text class=\"stage-name\"", "text"),
        ["Bewusstsein", "Kauf", "Nutzung"]
    );
}

/// A matrix cell: (channel id, stage id).
type Cell = (String, String);

/// (channel, stage, touchpoint slug) of every link in the matrix body, and
/// the cells marked as gaps.
fn matrix_cells(html: &str) -> (BTreeSet<(String, String, String)>, BTreeSet<Cell>) {
    let body = between(html, "<tbody>", "</tbody>");
    let mut filled = BTreeSet::new();
    let mut gaps = BTreeSet::new();
    for row in body.split("<tr>").skip(1) {
        let channel = between(row, "/kb/channels/", "/\"")
            .trim_start_matches("/kb/channels/")
            .trim_end_matches("/\"")
            .to_string();
        for cell in row.split("<td").skip(1) {
            let stage = between(cell, "data-stage=\"", "\"")["data-stage=\"".len()..]
                .trim_end_matches('"')
                .to_string();
            let cell = &cell[..cell.find("</td>").expect("a closed cell")];
            if cell.starts_with(" class=\"gap\"") {
                assert!(cell.contains("keine Touchpoints"), "{cell}");
                gaps.insert((channel.clone(), stage.clone()));
            }
            for (at, _) in cell.match_indices("href=\"/kb/touchpoints/") {
                let rest = &cell[at + "href=\"/kb/touchpoints/".len()..];
                let slug = rest[..rest.find('/').unwrap()].to_string();
                filled.insert((channel.clone(), stage.clone(), slug));
            }
        }
    }
    (filled, gaps)
}

#[test]
fn every_touchpoint_is_in_exactly_the_cells_of_its_channel_and_stages() {
    let html = built().page("journey/");
    let (filled, gaps) = matrix_cells(&html);
    let mut expected = BTreeSet::new();
    for (slug, fm) in files("touchpoints") {
        for stage in strings(&fm, "stages") {
            expected.insert((string(&fm, "channel"), stage, slug.clone()));
        }
    }
    assert_eq!(filled, expected);
    let config: toml::Table =
        std::fs::read_to_string(Path::new(FIXTURES).join("journey/touchbase.toml"))
            .unwrap()
            .parse()
            .unwrap();
    let ids = |key: &str| -> Vec<String> {
        config[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["id"].as_str().unwrap().to_string())
            .collect()
    };
    let empty: BTreeSet<Cell> = ids("channels")
        .iter()
        .flat_map(|c| ids("stages").into_iter().map(move |s| (c.clone(), s)))
        .filter(|(c, s)| !expected.iter().any(|(ec, es, _)| ec == c && es == s))
        .collect();
    assert_eq!(gaps, empty);
    assert_eq!(gaps.len(), 4, "the fixture has four gaps");
    // The summary above the table names the touchpoints lacking an owner
    // or KPIs.
    let summary = between(&html, "<section class=\"matrix-summary\"", "</section>");
    assert!(
        summary.contains("4 von 8 Feldern ohne Touchpoint"),
        "{summary}"
    );
    assert!(summary.contains(">Hotline</a>"), "{summary}");
    assert!(
        summary.contains("Live-Chat &quot;Plus&quot;, rund um die Uhr</a>"),
        "{summary}"
    );
    assert!(summary.contains(">Notizzettel</a>"), "{summary}");
}

#[test]
fn journeys_pages_and_the_touchpoints_they_use() {
    let site = built();
    let page = site.page("journeys/kauf/");
    let main = main_of(&page);
    // Steps in order, grouped by stage, numbered like the curve.
    let order: Vec<usize> = ["Bewusstsein", "Kauf", "Nutzung"]
        .iter()
        .map(|s| main.find(&format!(">{s}</a></h3>")).expect(s))
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    assert!(main.contains("<ol class=\"steps\" start=\"2\">"));
    assert!(main.contains("Der Chat antwortet nicht."));
    let svg = between(main, "<svg class=\"emotion-svg\"", "</svg>");
    assert!(svg.contains("role=\"img\""));
    assert!(svg.contains("<desc id=\"emotion-desc\">Schritt 1, Bewusstsein, Website: +1 (positiv). Schritt 2, Kauf, Live-Chat &quot;Plus&quot;, rund um die Uhr: −2 (sehr negativ). Schritt 3, Nutzung, Hotline: +2 (sehr positiv).</desc>"), "{svg}");
    let list = site.page("journeys/");
    assert!(list.contains(">Kauf mit Hindernissen</a>") && list.contains(">Sprung</a>"));
    let hotline = site.page("touchpoints/hotline/");
    let used = between(&hotline, "id=\"touchpoint-journeys\"", "</section>");
    assert!(
        used.contains(">Kauf mit Hindernissen</a>") && used.contains(">Sprung</a>"),
        "{used}"
    );
}

#[test]
fn catalogue_lists_every_touchpoint_and_links_its_filters() {
    let site = built();
    let html = site.page("touchpoints/");
    let body = between(&html, "<tbody>", "</tbody>");
    assert_eq!(body.matches("<tr ").count(), files("touchpoints").len());
    assert!(body.contains("data-channel=\"service\" data-stage=\"purchase usage\" data-owner=\"kundenservice\" data-ownership=\"partner\""));
    // Without JavaScript every filter is a link to an existing listing page.
    let filters = between(&html, "<section class=\"filters\"", "</section>");
    for href in crate::html::attr_values(filters, "href") {
        let path = href.strip_prefix("/kb/").expect("a site path");
        assert!(
            site.output().join(path).join("index.html").is_file(),
            "{href}"
        );
    }
    for want in [
        "/kb/channels/online/",
        "/kb/stages/usage/",
        "/kb/owners/marketing/",
    ] {
        assert!(filters.contains(&format!("href=\"{want}\"")), "{want}");
    }
    assert!(html.contains("catalogue.js"));
    assert!(site.output().join("assets/catalogue.js").is_file());
}

/// 1-based number of the first line of `rel` that starts with `start`.
fn line_of(rel: &str, start: &str) -> usize {
    let text = std::fs::read_to_string(Path::new(FIXTURES).join("journey").join(rel)).unwrap();
    text.lines()
        .position(|l| l.starts_with(start))
        .expect(start)
        + 1
}

#[test]
fn check_reports_gaps_as_warnings_with_locations() {
    let site = built();
    let ran = touchbase(&site.root(), &["check", "--format", "json"]);
    assert_eq!(ran.status, 0, "{}", ran.stdout);
    let report: Value = serde_json::from_str(&ran.stdout).expect("JSON on stdout");
    let found: BTreeSet<(String, u64, u64, String)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            assert_eq!(d["severity"], "warning");
            assert!(d["hint"].is_string());
            let message = d["message"].as_str().unwrap();
            let category = message.split(':').next().unwrap().to_string();
            (
                d["path"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                category,
            )
        })
        .collect();
    let at = |path: &str, line: usize, column: u64, category: &str| {
        (path.to_string(), line as u64, column, category.to_string())
    };
    // The stage of the second `[[steps]]` table of sprung.md.
    let sprung =
        std::fs::read_to_string(Path::new(FIXTURES).join("journey/content/journeys/sprung.md"))
            .unwrap();
    let second = sprung.match_indices("[[steps]]").nth(1).unwrap().0;
    let resumed = sprung[..second].lines().count()
        + sprung[second..]
            .lines()
            .position(|l| l.starts_with("stage"))
            .unwrap();
    let expected: BTreeSet<_> = [
        at(
            "content/touchpoints/hotline.md",
            line_of("content/touchpoints/hotline.md", "title"),
            1,
            "touchpoint without owner",
        ),
        at(
            "content/touchpoints/chat.md",
            line_of("content/touchpoints/chat.md", "kpis"),
            1,
            "touchpoint without KPIs",
        ),
        at(
            "content/touchpoints/notiz.md",
            line_of("content/touchpoints/notiz.md", "title"),
            1,
            "touchpoint without stages",
        ),
        at(
            "content/journeys/sprung.md",
            resumed + 1,
            1,
            "journey skips a stage",
        ),
        at(
            "content/glossary/script.md",
            line_of("content/glossary/script.md", "title"),
            1,
            "term without links",
        ),
        at(
            "touchbase.toml",
            line_of("touchbase.toml", "id = \"awareness\""),
            6,
            "gap in the journey matrix",
        ),
        at(
            "touchbase.toml",
            line_of("touchbase.toml", "id = \"usage\""),
            6,
            "gap in the journey matrix",
        ),
        at(
            "touchbase.toml",
            line_of("touchbase.toml", "id = \"loyalty\""),
            6,
            "gap in the journey matrix",
        ),
    ]
    .into();
    assert_eq!(found, expected);
    // The empty cells of one stage are one warning.
    let messages: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["message"].as_str())
        .collect();
    assert!(
        messages.contains(
            &"gap in the journey matrix: no touchpoint in stage \"Bindung\" and 2 channels: \"Online\", \"Service\""
        ),
        "{messages:?}"
    );
    assert_eq!(report["summary"]["warnings"], 8);
    assert_eq!(report["summary"]["errors"], 0);
    assert_eq!(report["summary"]["ok"], true);

    let strict = touchbase(&site.root(), &["check", "--strict", "--format", "json"]);
    assert_eq!(strict.status, 1, "{}", strict.stdout);
    let report: Value = serde_json::from_str(&strict.stdout).unwrap();
    assert_eq!(report["summary"]["errors"], 8);
    assert_eq!(report["summary"]["ok"], false);
}

#[test]
fn build_prints_the_gap_warnings_too() {
    let site = built();
    assert!(
        site.stdout.contains("0 errors, 8 warnings"),
        "{}",
        site.stdout
    );
    let warnings = site
        .stderr
        .lines()
        .filter(|l| l.starts_with("warning: "))
        .count();
    assert_eq!(warnings, 8, "{}", site.stderr);
    assert!(site.stderr.contains(" --> content/touchpoints/hotline.md:"));
}

#[test]
fn a_site_with_errors_gets_no_gap_warnings() {
    let mut site = built();
    let hotline = site.root().join("content/touchpoints/hotline.md");
    let text = std::fs::read_to_string(&hotline).unwrap();
    std::fs::write(
        &hotline,
        text.replace("channel = \"service\"", "channel = \"servce\""),
    )
    .unwrap();
    site.rebuild(&[]);
    assert_eq!(site.status, 1);
    assert!(!site.stderr.contains("warning:"), "{}", site.stderr);
}
