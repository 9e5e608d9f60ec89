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
        .filter(|d| {
            let message = d["message"].as_str().unwrap();
            [
                "unaddressed pain point:",
                "opportunity without owner:",
                "persona without journeys:",
            ]
            .iter()
            .any(|c| message.starts_with(c))
        })
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

/// One fixture file's front matter.
fn front_matter(rel: &str) -> toml::Table {
    let text = source(rel);
    let inner = text
        .strip_prefix("+++\n")
        .and_then(|rest| rest.split_once("\n+++\n"))
        .expect("front matter between +++ lines")
        .0;
    inner.parse().expect("front matter is TOML")
}

/// The files of a content section: (language, slug, front matter).
fn section(name: &str) -> Vec<(String, String, toml::Table)> {
    let dir = Path::new(FIXTURES).join(CASE).join("content").join(name);
    crate::helper::entries(&dir)
        .into_iter()
        .map(|file| {
            let stem = file.trim_end_matches(".md");
            let (slug, lang) = match stem.strip_suffix(".en") {
                Some(slug) => (slug, "en"),
                None => (stem, "de"),
            };
            let table = front_matter(&format!("content/{name}/{file}"));
            // The page's slug: `slug` when given, else the file's stem.
            let slug = table
                .get("slug")
                .map_or(slug.to_string(), |s| text(Some(s)));
            (lang.to_string(), slug, table)
        })
        .collect()
}

fn text(value: Option<&toml::Value>) -> String {
    value.and_then(|v| v.as_str()).unwrap_or("").to_string()
}

fn texts(value: Option<&toml::Value>) -> Vec<String> {
    value
        .and_then(|v| v.as_array())
        .map(|a| a.iter().map(|v| v.as_str().unwrap().to_string()).collect())
        .unwrap_or_default()
}

/// A step's touchpoint (named by slug or title, own language first) as
/// (title, channel).
fn touchpoint(name: &str, lang: &str) -> (String, String) {
    let all = section("touchpoints");
    let find = |l: &str| {
        all.iter()
            .find(|(tl, slug, t)| tl == l && (slug == name || text(t.get("title")) == name))
    };
    let (_, _, t) = find(lang).or_else(|| find("de")).expect(name);
    (text(t.get("title")), text(t.get("channel")))
}

/// Every opportunity of the fixture's journeys as the CSV's columns,
/// worked out from the front matter alone.
fn expected_opportunities() -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for (lang, slug, journey) in section("journeys") {
        let steps = journey.get("steps").and_then(|s| s.as_array()).unwrap();
        for (i, step) in steps.iter().enumerate() {
            let step = step.as_table().unwrap();
            let (tp, tp_channel) = touchpoint(&text(step.get("touchpoint")), &lang);
            let channel = step.get("channel").map_or(tp_channel, |c| text(Some(c)));
            let prefix = if lang == "de" { "" } else { "en/" };
            for o in step
                .get("opportunities")
                .and_then(|o| o.as_array())
                .into_iter()
                .flatten()
            {
                let (title, owner, priority) = match o {
                    toml::Value::String(s) => (s.clone(), String::new(), String::new()),
                    toml::Value::Table(t) => (
                        text(t.get("title")),
                        text(t.get("owner")),
                        text(t.get("priority")),
                    ),
                    other => panic!("{other:?}"),
                };
                rows.push(vec![
                    lang.clone(),
                    title,
                    owner,
                    priority,
                    text(step.get("stage")),
                    text(journey.get("title")),
                    journey
                        .get("state")
                        .map_or("current".to_string(), |s| text(Some(s))),
                    (i + 1).to_string(),
                    tp.clone(),
                    channel.clone(),
                    step["emotion"].as_integer().unwrap().to_string(),
                    texts(step.get("pain_points")).join("; "),
                    format!(
                        "https://example.com/kb/{prefix}journeys/{slug}/#step-{}",
                        i + 1
                    ),
                ]);
            }
        }
    }
    rows
}

const STAGES: [&str; 4] = ["awareness", "consideration", "purchase", "usage"];
const PRIORITIES: [&str; 4] = ["high", "medium", "low", ""];

#[test]
fn opportunities_csv_matches_the_source() {
    let site = built();
    let bytes = std::fs::read(site.output().join("opportunities.csv")).unwrap();
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "UTF-8 with a byte-order mark");
    let records = crate::exports::parse_csv(std::str::from_utf8(&bytes[3..]).unwrap());
    // The columns as README lists them.
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let listed = readme
        .split("`opportunities.csv`: ")
        .nth(1)
        .and_then(|rest| rest.split("with the columns `").nth(1))
        .and_then(|rest| rest.split('`').next())
        .expect("README lists the columns of opportunities.csv");
    let header: Vec<&str> = records[0].iter().map(String::as_str).collect();
    assert_eq!(header, listed.split(", ").collect::<Vec<_>>());
    let rows = &records[1..];
    let got: BTreeSet<&Vec<String>> = rows.iter().collect();
    let expected = expected_opportunities();
    assert_eq!(rows.len(), expected.len(), "one row per opportunity");
    assert_eq!(got, expected.iter().collect());
    // A comma and quotes survive the round trip.
    assert!(rows.iter().any(|r| r[1] == "Reservieren, online"));
    assert!(
        rows.iter()
            .any(|r| r[11].contains("Bewertungen \"gekauft\"?"))
    );
    // Language by language, each by stage in config order, then priority.
    let key = |r: &Vec<String>| {
        (
            r[0] != "de",
            STAGES.iter().position(|s| *s == r[4]).unwrap(),
            PRIORITIES.iter().position(|p| *p == r[3]).unwrap(),
        )
    };
    let keys: Vec<_> = rows.iter().map(key).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
}

#[test]
fn journeys_json_has_every_lane_of_every_journey() {
    let site = built();
    let json: Value = serde_json::from_str(&site.page("journeys.json")).unwrap();
    assert_eq!(json["format"], 1);
    let journeys = json["journeys"].as_array().unwrap();
    let source = section("journeys");
    assert_eq!(journeys.len(), source.len());
    for (lang, slug, fm) in &source {
        let j = journeys
            .iter()
            .find(|j| j["lang"] == lang.as_str() && j["slug"] == slug.as_str())
            .unwrap_or_else(|| panic!("{lang}/{slug} exported"));
        assert_eq!(j["title"], text(fm.get("title")));
        assert_eq!(j["description"], text(fm.get("description")));
        assert_eq!(
            j["state"],
            fm.get("state").map_or("current".into(), |s| text(Some(s)))
        );
        assert_eq!(
            j["source"],
            format!(
                "content/journeys/{slug}{}.md",
                if lang == "en" { ".en" } else { "" }
            )
        );
        let steps = fm["steps"].as_array().unwrap();
        let out = j["steps"].as_array().unwrap();
        assert_eq!(out.len(), steps.len(), "{slug}");
        for (i, (step, got)) in steps.iter().zip(out).enumerate() {
            let step = step.as_table().unwrap();
            assert_eq!(got["number"], i + 1);
            assert!(
                got["url"]
                    .as_str()
                    .unwrap()
                    .ends_with(&format!("journeys/{slug}/#step-{}", i + 1))
            );
            let (tp, channel) = touchpoint(&text(step.get("touchpoint")), lang);
            assert_eq!(got["touchpoint"]["title"], tp);
            assert_eq!(
                got["channel"],
                step.get("channel").map_or(channel, |c| text(Some(c)))
            );
            for key in ["stage", "note", "action", "thinking"] {
                assert_eq!(got[key], text(step.get(key)), "{slug} {i} {key}");
            }
            assert_eq!(got["emotion"], step["emotion"].as_integer().unwrap());
            for key in ["pain_points", "backstage"] {
                let list: Vec<String> = serde_json::from_value(got[key].clone()).unwrap();
                assert_eq!(list, texts(step.get(key)), "{slug} {i} {key}");
            }
            let opportunities: Vec<(String, Value, Value)> = got["opportunities"]
                .as_array()
                .unwrap()
                .iter()
                .map(|o| {
                    (
                        o["title"].as_str().unwrap().to_string(),
                        o["owner"].clone(),
                        o["priority"].clone(),
                    )
                })
                .collect();
            let written: Vec<(String, Value, Value)> = step
                .get("opportunities")
                .and_then(|o| o.as_array())
                .into_iter()
                .flatten()
                .map(|o| match o {
                    toml::Value::String(s) => (s.clone(), Value::Null, Value::Null),
                    toml::Value::Table(t) => {
                        let or_null =
                            |k: &str| t.get(k).map_or(Value::Null, |v| text(Some(v)).into());
                        (text(t.get("title")), or_null("owner"), or_null("priority"))
                    }
                    other => panic!("{other:?}"),
                })
                .collect();
            assert_eq!(opportunities, written, "{slug} step {}", i + 1);
        }
    }
    // References: personas by alias or plain text, `improves` both ways.
    let by = |lang: &str, slug: &str| {
        journeys
            .iter()
            .find(|j| j["lang"] == lang && j["slug"] == slug)
            .unwrap()
    };
    let erstkauf = by("de", "erstkauf");
    assert_eq!(
        erstkauf["persona"]["title"], "Neukundin",
        "the alias resolves"
    );
    assert_eq!(
        erstkauf["persona"]["url"],
        "https://example.com/kb/personas/neukundin/"
    );
    assert_eq!(
        by("en", "first-purchase")["persona"]["url"],
        "https://example.com/kb/en/personas/neukundin/"
    );
    assert_eq!(erstkauf["improves"], Value::Null);
    assert_eq!(erstkauf["improved_by"][0]["title"], "Erstkauf morgen");
    assert_eq!(
        by("de", "erstkauf-morgen")["improves"]["url"],
        "https://example.com/kb/journeys/erstkauf/"
    );
    // Languages in config order.
    let langs: Vec<&str> = journeys
        .iter()
        .map(|j| j["lang"].as_str().unwrap())
        .collect();
    assert_eq!(langs, ["de", "de", "de", "en"]);
}

/// A row of a backlog page: stage id, title, owner id, priority, journey
/// slug, and the step link.
type Row = (String, String, String, String, String, String);

/// The rows of a backlog page, in page order.
fn backlog_rows(html: &str) -> Vec<Row> {
    let main = crate::html::main_of(html);
    let mut rows = Vec::new();
    for section in main.split("<section class=\"opportunity-stage\"").skip(1) {
        let stage = crate::html::attr_values(section, "aria-labelledby")[0]
            .strip_prefix("opportunities-")
            .unwrap()
            .to_string();
        for tr in section.split("<tr data-owner=").skip(1) {
            let tr = format!("<tr data-owner={}", &tr[..tr.find("</tr>").unwrap()]);
            let attr = |name: &str| crate::html::attr_values(&tr, name)[0].to_string();
            let title = crate::html::texts(&tr, "class=\"opportunity-title\"", "span")[0].clone();
            let step = crate::html::attr_values(&tr, "href")
                .into_iter()
                .find(|h| h.contains("#step-"))
                .expect("a link to the step")
                .to_string();
            rows.push((
                stage.clone(),
                title,
                attr("data-owner"),
                attr("data-priority"),
                attr("data-journey"),
                step,
            ));
        }
    }
    rows
}

/// The fixture's opportunities of one language as backlog rows.
fn expected_rows(lang: &str) -> Vec<Row> {
    expected_opportunities()
        .into_iter()
        .filter(|r| r[0] == lang)
        .map(|r| {
            let path = r[12]
                .strip_prefix("https://example.com")
                .unwrap()
                .to_string();
            let journey = path.split('/').rev().nth(1).unwrap().to_string();
            (
                r[4].clone(),
                r[1].clone(),
                touchbase::slug::slugify(&r[2]),
                r[3].clone(),
                journey,
                path,
            )
        })
        .collect()
}

#[test]
fn backlog_lists_every_opportunity_by_stage_linking_its_step() {
    let site = built();
    let html = site.page("opportunities/");
    let rows = backlog_rows(&html);
    let mut expected = expected_rows("de");
    // By stage in config order, then priority (none last), then journey
    // in display order and step.
    let journeys = ["erstkauf", "erstkauf-morgen", "reklamation"];
    expected.sort_by_key(|r| {
        (
            STAGES.iter().position(|s| *s == r.0),
            PRIORITIES.iter().position(|p| *p == r.3),
            journeys.iter().position(|j| *j == r.4),
            r.5.clone(),
        )
    });
    assert_eq!(rows, expected);
    // Each step link leads to the step's column on the journey's map.
    for (.., step) in &rows {
        let (page, anchor) = step.split_once('#').unwrap();
        let journey = site.page(page.strip_prefix("/kb/").unwrap());
        assert!(
            crate::html::ids(&journey).contains(&anchor),
            "{step}: no such id on the journey page"
        );
    }
    // The English backlog has the English journey's only.
    assert_eq!(
        backlog_rows(&site.page("en/opportunities/")),
        expected_rows("en")
    );
    assert!(crate::html::broken_links(&site.output(), "/kb/").is_empty());
}

#[test]
fn without_javascript_the_filters_lead_to_the_same_selections() {
    let site = built();
    let html = site.page("opportunities/");
    let all = backlog_rows(&html);
    let filters = crate::journey::between(&html, "id=\"opportunity-filters\"", "</section>");
    let group = |name: &str| -> Vec<(String, String)> {
        let part = crate::journey::between(filters, &format!("data-filter=\"{name}\""), "</ul>");
        let hrefs = crate::html::attr_values(part, "href");
        let values = crate::html::attr_values(part, "data-value");
        hrefs
            .into_iter()
            .zip(values)
            .map(|(h, v)| (h.to_string(), v.to_string()))
            .collect()
    };
    // An owner's or a priority's link shows exactly its rows (every value
    // that occurs is offered), a journey's leads to the journey's page.
    let owners = group("owner");
    let owner_ids: BTreeSet<&str> = all
        .iter()
        .map(|r| r.2.as_str())
        .filter(|o| !o.is_empty())
        .collect();
    assert_eq!(
        owners
            .iter()
            .map(|(_, v)| v.as_str())
            .collect::<BTreeSet<_>>(),
        owner_ids
    );
    for (href, id) in &owners {
        assert_eq!(href, &format!("/kb/opportunities/owners/{id}/"));
        let cut = backlog_rows(&site.page(href.strip_prefix("/kb/").unwrap()));
        let wanted: Vec<Row> = all.iter().filter(|r| r.2 == *id).cloned().collect();
        assert_eq!(cut, wanted, "{href}");
    }
    let priorities = group("priority");
    assert_eq!(
        priorities
            .iter()
            .map(|(_, v)| v.as_str())
            .collect::<Vec<_>>(),
        ["high", "medium", "low"]
    );
    for (href, id) in &priorities {
        let cut = backlog_rows(&site.page(href.strip_prefix("/kb/").unwrap()));
        let wanted: Vec<Row> = all.iter().filter(|r| r.3 == *id).cloned().collect();
        assert_eq!(cut, wanted, "{href}");
    }
    for (href, id) in group("journey") {
        assert_eq!(href, format!("/kb/journeys/{id}/"));
        assert!(all.iter().any(|r| r.4 == id));
    }
    // A cut page marks its choice and links back to the whole backlog,
    // and is not filtered again by the script.
    let cut = site.page("opportunities/owners/marketing/");
    assert!(cut.contains("data-value=\"marketing\" aria-current=\"page\""));
    assert!(cut.contains("<a href=\"/kb/opportunities/\">Alle Chancen</a>"));
    assert!(!cut.contains("data-filters="));
    assert!(html.contains("data-filters=\"opportunity-groups\""));
}

/// Per touchpoint (lang, slug) of the fixture: its channel and stages.
fn touchpoint_cells() -> Vec<(String, String, String, Vec<String>)> {
    section("touchpoints")
        .into_iter()
        .map(|(lang, slug, t)| (lang, slug, text(t.get("channel")), texts(t.get("stages"))))
        .collect()
}

/// A step of the fixture: touchpoint slug, stage, step URL, pain points,
/// opportunity titles.
type SourceStep = (String, String, String, Vec<String>, Vec<String>);

/// The steps of the fixture's journeys of `lang`.
fn steps_of(lang: &str) -> Vec<SourceStep> {
    let tps = section("touchpoints");
    let mut out = Vec::new();
    for (l, slug, journey) in section("journeys").into_iter().filter(|(l, ..)| l == lang) {
        let prefix = if l == "de" { "" } else { "en/" };
        for (i, step) in journey["steps"].as_array().unwrap().iter().enumerate() {
            let step = step.as_table().unwrap();
            let name = text(step.get("touchpoint"));
            let named = |lang: &str| {
                tps.iter()
                    .find(|(tl, s, t)| tl == lang && (*s == name || text(t.get("title")) == name))
            };
            // Own language first, else the default one; then reported at
            // the translation into the journey's language, if any (the
            // fixture pairs translations by file name).
            let tp = match named(&l) {
                Some((_, tp, _)) => tp.clone(),
                None => {
                    let (_, german, _) = named("de").unwrap();
                    let file = Path::new(FIXTURES)
                        .join(CASE)
                        .join(format!("content/touchpoints/{german}.{l}.md"));
                    match file.is_file() {
                        true => {
                            let t = front_matter(&format!("content/touchpoints/{german}.{l}.md"));
                            t.get("slug").map_or(german.clone(), |s| text(Some(s)))
                        }
                        false => german.clone(),
                    }
                }
            };
            let opportunities = step
                .get("opportunities")
                .and_then(|o| o.as_array())
                .into_iter()
                .flatten()
                .map(|o| match o {
                    toml::Value::String(s) => s.clone(),
                    toml::Value::Table(t) => text(t.get("title")),
                    other => panic!("{other:?}"),
                })
                .collect();
            out.push((
                tp,
                text(step.get("stage")),
                format!("/kb/{prefix}journeys/{slug}/#step-{}", i + 1),
                texts(step.get("pain_points")),
                opportunities,
            ));
        }
    }
    out
}

#[test]
fn the_matrix_counts_pain_points_per_cell_and_names_the_worst_touchpoints() {
    let site = built();
    for (lang, prefix) in [("de", ""), ("en", "en/")] {
        let html = site.page(&format!("{prefix}journey/"));
        // Expected: a step's pain points count in the cell of its
        // touchpoint's channel and the step's stage.
        let mut expected: std::collections::BTreeMap<(String, String), usize> = Default::default();
        let mut per_touchpoint: std::collections::BTreeMap<String, usize> = Default::default();
        let cells = touchpoint_cells();
        for (tp, stage, _, pains, _) in steps_of(lang) {
            let (_, _, channel, stages) = cells.iter().find(|c| c.0 == lang && c.1 == tp).unwrap();
            if !pains.is_empty() {
                *per_touchpoint.entry(tp.clone()).or_default() += pains.len();
                if stages.contains(&stage) {
                    *expected.entry((channel.clone(), stage)).or_default() += pains.len();
                }
            }
        }
        let body = crate::journey::between(&html, "<tbody>", "</tbody>");
        let mut found = std::collections::BTreeMap::new();
        for row in body.split("<tr>").skip(1) {
            let channel = crate::html::attr_values(row, "href")[0]
                .trim_end_matches('/')
                .rsplit('/')
                .next()
                .unwrap()
                .to_string();
            for cell in row.split("<td").skip(1) {
                let cell = &cell[..cell.find("</td>").unwrap()];
                let stage = crate::html::attr_values(cell, "data-stage")[0].to_string();
                if let Some(text) = crate::html::texts(cell, "class=\"cell-pains\"", "p").first() {
                    let (n, word) = text.split_once(' ').unwrap();
                    let n: usize = n.parse().unwrap();
                    assert_eq!(
                        word.to_lowercase(),
                        if n == 1 { "pain point" } else { "pain points" }
                    );
                    found.insert((channel.clone(), stage), n);
                }
            }
        }
        assert_eq!(found, expected, "{lang}");
        // The summary: the total, and the touchpoints with any, most first.
        let summary =
            crate::journey::between(&html, "class=\"count-list most-pain-points\"", "</ol>");
        let listed: Vec<(String, usize)> = summary
            .split("<li>")
            .skip(1)
            .map(|li| {
                let href = crate::html::attr_values(li, "href")[0];
                let slug = href.split('/').rev().nth(1).unwrap().to_string();
                let count = crate::html::texts(li, "class=\"count\"", "span")[0]
                    .split(' ')
                    .next()
                    .unwrap()
                    .parse()
                    .unwrap();
                assert!(href.ends_with("/#touchpoint-findings"), "{href}");
                (slug, count)
            })
            .collect();
        let mut worst: Vec<(String, usize)> = per_touchpoint.into_iter().collect();
        worst.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        assert_eq!(listed, worst, "{lang}");
        let total: usize = worst.iter().map(|w| w.1).sum();
        assert!(
            html.contains(&format!("<dd>{total}</dd>")),
            "{lang}: total {total}"
        );
    }
}

#[test]
fn touchpoint_pages_list_what_journeys_report_there() {
    let site = built();
    for (lang, prefix) in [("de", ""), ("en", "en/")] {
        let steps = steps_of(lang);
        for (_, slug, ..) in touchpoint_cells().into_iter().filter(|c| c.0 == lang) {
            let html = site.page(&format!("{prefix}touchpoints/{slug}/"));
            let expected: Vec<(String, Vec<String>, Vec<String>)> = steps
                .iter()
                .filter(|s| s.0 == slug && !(s.3.is_empty() && s.4.is_empty()))
                .map(|s| (s.2.clone(), s.3.clone(), s.4.clone()))
                .collect();
            if expected.is_empty() {
                assert!(!html.contains("touchpoint-findings"), "{slug}");
                continue;
            }
            let table = crate::journey::between(&html, "class=\"findings-table\"", "</table>");
            let rows: Vec<(String, Vec<String>, Vec<String>)> = table
                .split("<tr>")
                .skip(2)
                .map(|tr| {
                    let step = crate::html::attr_values(tr, "href")
                        .into_iter()
                        .find(|h| h.contains("#step-"))
                        .unwrap()
                        .to_string();
                    let cells: Vec<&str> = tr.split("<td>").skip(1).collect();
                    let items = |cell: &str| -> Vec<String> {
                        crate::html::texts(cell, "<li", "li")
                            .into_iter()
                            .map(|t| t.split(" (").next().unwrap().replace("&quot;", "\""))
                            .collect()
                    };
                    (step, items(cells[0]), items(cells[1]))
                })
                .collect();
            // By journey in display order (by title), then step.
            if slug == "website" && lang == "de" {
                let order: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
                assert_eq!(
                    order,
                    [
                        "/kb/journeys/erstkauf/#step-1",
                        "/kb/journeys/erstkauf/#step-2",
                        "/kb/journeys/erstkauf-morgen/#step-1"
                    ]
                );
            }
            let mut sorted = expected.clone();
            sorted.sort();
            let mut got = rows.clone();
            got.sort();
            assert_eq!(got, sorted, "{lang} {slug}");
        }
    }
}
