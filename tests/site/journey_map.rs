//! The journey map of `/journeys/<slug>/`, read back as a table: its
//! columns are the steps, grouped under stage header cells whose colspans
//! add up; every lane row has one cell per step, and each cell holds what
//! that step's front matter says (not a snapshot: the front matter of the
//! `journey-map` fixture is the expected value). Also the future state
//! next to its current journey, persona pages and `/personas/`.

use std::path::Path;

use crate::helper::{Built, FIXTURES, build_fixture};
use crate::html::{broken_links, ids, main_of, strip_tags};

fn built() -> Built {
    let built = build_fixture("journey-map", &[]);
    assert_eq!(built.status, 0, "{}", built.stderr);
    built
}

/// The steps of a journey of the fixture, as TOML tables.
fn steps(rel: &str) -> Vec<toml::Table> {
    let text = std::fs::read_to_string(Path::new(FIXTURES).join("journey-map/content").join(rel))
        .expect("a fixture journey");
    let front = text
        .strip_prefix("+++\n")
        .and_then(|rest| rest.split_once("\n+++\n"))
        .expect("front matter")
        .0;
    let table: toml::Table = front.parse().expect("TOML");
    table["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .map(|s| s.as_table().expect("a step table").clone())
        .collect()
}

fn text_of(step: &toml::Table, key: &str) -> String {
    step.get(key)
        .and_then(|v| v.as_str())
        .unwrap_or("")
        .to_string()
}

/// Texts of a list lane; opportunities by their title.
fn list_of(step: &toml::Table, key: &str) -> Vec<String> {
    step.get(key)
        .and_then(|v| v.as_array())
        .map(|a| {
            a.iter()
                .map(|v| match v {
                    toml::Value::Table(t) => t["title"].as_str().unwrap().to_string(),
                    other => other.as_str().unwrap().to_string(),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// One cell of the table: tag, first column (0-based), colspan, inner HTML.
#[derive(Debug, Clone)]
struct Cell {
    tag: String,
    column: usize,
    span: usize,
    html: String,
}

/// The rows of the first `<table class="journey-map">`: each row's class
/// and its cells, columns counted through colspans.
fn map_rows(html: &str) -> Vec<(String, Vec<Cell>)> {
    let start = html
        .find("<table class=\"journey-map\">")
        .expect("a journey map");
    let table = &html[start..start + html[start..].find("</table>").unwrap()];
    let mut rows = Vec::new();
    for row in table.split("<tr").skip(1) {
        let class = row
            .split_once("class=\"")
            .map(|(_, r)| r[..r.find('"').unwrap()].to_string())
            .unwrap_or_default();
        let row = &row[..row.find("</tr>").expect("a closed row")];
        let mut cells = Vec::new();
        let mut column = 0;
        let mut rest = row;
        while let Some(at) = rest.find(['<']) {
            let after = &rest[at..];
            let tag = if after.starts_with("<th") {
                "th"
            } else if after.starts_with("<td") {
                "td"
            } else {
                rest = &rest[at + 1..];
                continue;
            };
            let open_end = after.find('>').unwrap();
            let open = &after[..open_end];
            let span = open
                .split_once("colspan=\"")
                .map_or(1, |(_, r)| r[..r.find('"').unwrap()].parse().unwrap());
            let close = format!("</{tag}>");
            let end = after.find(&close).expect("a closed cell");
            cells.push(Cell {
                tag: tag.to_string(),
                column,
                span,
                html: after[open_end + 1..end].to_string(),
            });
            column += span;
            rest = &after[end + close.len()..];
        }
        rows.push((class, cells));
    }
    rows
}

fn row<'a>(rows: &'a [(String, Vec<Cell>)], class: &str) -> Option<&'a [Cell]> {
    rows.iter()
        .find(|(c, _)| c == class)
        .map(|(_, cells)| cells.as_slice())
}

/// The items of the `<li>`s in a cell, without the opportunity details.
fn items(cell: &Cell) -> Vec<String> {
    cell.html
        .split("<li>")
        .skip(1)
        .map(|li| {
            let li = &li[..li.find("</li>").unwrap()];
            let li = li
                .split(" <span class=\"opportunity-meta\">")
                .next()
                .unwrap();
            unescape(&strip_tags(li))
        })
        .collect()
}

/// Text with the five HTML escapes written back.
fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[test]
fn map_columns_are_the_steps_and_lane_cells_sit_in_their_step_column() {
    let built = built();
    let source = steps("journeys/erstkauf.md");
    let html = built.page("journeys/erstkauf/");
    let rows = map_rows(main_of(&html));
    let n = source.len();
    // Every row spans the lane column plus one column per step.
    for (class, cells) in &rows {
        let width: usize = cells.iter().map(|c| c.span).sum();
        assert_eq!(width, n + 1, "row {class}");
        assert_eq!(cells[0].tag, "th", "row {class} starts with its lane name");
        assert!(!cells[0].html.trim().is_empty());
    }
    // Stage headers: colspans cover the runs of steps in one stage.
    let stages = row(&rows, "lane-stage").expect("a stage row");
    let labels = ["awareness", "purchase", "usage"];
    for cell in &stages[1..] {
        let covered: Vec<String> = (cell.column - 1..cell.column - 1 + cell.span)
            .map(|i| text_of(&source[i], "stage"))
            .collect();
        assert!(
            covered.iter().all(|s| *s == covered[0]),
            "{covered:?} under {}",
            cell.html
        );
        assert!(cell.html.contains(&format!("/stages/{}/", covered[0])));
    }
    assert_eq!(stages.len() - 1, labels.len());
    assert_eq!(stages[2].span, 2, "two purchase steps in a row");
    // One step header per step, with the anchor the step is linked by.
    let header = row(&rows, "lane-step").unwrap();
    for (i, cell) in header[1..].iter().enumerate() {
        assert_eq!(cell.column, i + 1);
        assert!(cell.html.ends_with(&(i + 1).to_string()));
    }
    let page_ids = ids(&html);
    for i in 1..=n {
        assert_eq!(
            page_ids
                .iter()
                .filter(|id| **id == format!("step-{i}"))
                .count(),
            1
        );
    }
    // Each lane's cell i holds step i's value.
    let lanes: [(&str, &str); 4] = [
        ("lane-action", "action"),
        ("lane-note", "note"),
        ("lane-thinking", "thinking"),
        ("lane-touchpoint", "touchpoint"),
    ];
    for (class, key) in lanes {
        let cells = row(&rows, class).unwrap_or_else(|| panic!("no {class}"));
        for (i, step) in source.iter().enumerate() {
            let cell = &cells[i + 1];
            assert_eq!(cell.column, i + 1);
            let text = unescape(&strip_tags(&cell.html));
            let want = text_of(step, key);
            if key == "touchpoint" {
                assert!(
                    cell.html
                        .contains(&format!("/touchpoints/{}/", want.to_lowercase())),
                    "{class} {i}: {}",
                    cell.html
                );
            } else {
                assert_eq!(text, want, "{class} step {}", i + 1);
            }
        }
    }
    for (class, key) in [
        ("lane-pain-points", "pain_points"),
        ("lane-opportunities", "opportunities"),
        ("lane-backstage", "backstage"),
    ] {
        let cells = row(&rows, class).unwrap_or_else(|| panic!("no {class}"));
        for (i, step) in source.iter().enumerate() {
            assert_eq!(items(&cells[i + 1]), list_of(step, key), "{class} {i}");
        }
    }
    // The channel: the step's own, else its touchpoint's.
    let touchpoints = row(&rows, "lane-touchpoint").unwrap();
    let channels: Vec<&str> = touchpoints[1..]
        .iter()
        .map(|c| {
            let at = c.html.find("/channels/").unwrap() + "/channels/".len();
            &c.html[at..at + c.html[at..].find('/').unwrap()]
        })
        .collect();
    assert_eq!(channels, ["online", "online", "offline", "service"]);
    // Emotion: each cell draws its step's point at its level.
    let emotions = row(&rows, "lane-emotion").unwrap();
    for (i, step) in source.iter().enumerate() {
        let e = step["emotion"].as_integer().unwrap();
        let cell = &emotions[i + 1];
        assert!(
            cell.html.contains(&format!("50,{}", 50 - 20 * e)),
            "{}",
            cell.html
        );
        let sign = if e > 0 {
            "+"
        } else if e < 0 {
            "-"
        } else {
            ""
        };
        assert!(
            strip_tags(&cell.html).starts_with(&format!("{sign}{}", e.abs())),
            "{}",
            cell.html
        );
    }
    // Owners and priorities of opportunities.
    let opportunities = &row(&rows, "lane-opportunities").unwrap()[2].html;
    assert!(opportunities.contains("priority-high\">Priorität: hoch</span> · <span class=\"opportunity-owner\">Verantwortlich: Kundenservice</span>"), "{opportunities}");
}

#[test]
fn lanes_without_content_are_left_out_and_old_journeys_keep_their_timeline() {
    let built = built();
    let html = built.page("journeys/erstkauf-morgen/");
    let rows = map_rows(main_of(&html));
    let classes: Vec<&str> = rows.iter().map(|(c, _)| c.as_str()).collect();
    assert_eq!(
        classes,
        [
            "lane-stage",
            "lane-step",
            "lane-action",
            "lane-touchpoint",
            "lane-emotion"
        ]
    );
    let old = built.page("journeys/reklamation/");
    let main = main_of(&old);
    let rows = map_rows(main);
    let classes: Vec<&str> = rows.iter().map(|(c, _)| c.as_str()).collect();
    assert_eq!(
        classes,
        [
            "lane-stage",
            "lane-step",
            "lane-touchpoint",
            "lane-note",
            "lane-emotion"
        ]
    );
    // The narrow-screen timeline and the standalone curve are still there.
    assert!(main.contains("<ol class=\"timeline\">"));
    assert!(main.contains("<svg class=\"emotion-svg\""));
    assert!(main.contains("<p class=\"step-note\">Lange Warteschleife.</p>"));
    assert!(!main.contains("step-lanes"));
    // The persona that names nothing stays text.
    assert!(main.contains("<span class=\"label-text\">Persona:</span> Verärgerter Kunde</p>"));
}

#[test]
fn future_state_shows_both_curves_and_what_changed() {
    let built = built();
    let future = built.page("journeys/erstkauf-morgen/");
    let main = main_of(&future);
    assert!(main.contains("<span class=\"state-future\">Zielbild</span>"));
    assert!(main.contains("Verbessert:</span> <a href=\"/kb/journeys/erstkauf/\""));
    let svg = &main[main
        .find("<svg class=\"compare-svg\"")
        .expect("a comparison chart")..];
    let svg = &svg[..svg.find("</svg>").unwrap()];
    // Current dashed, future solid, and the values as text.
    let current = &svg[svg.find("<g class=\"current\">").unwrap()..];
    assert!(current[..current.find("</g>").unwrap()].contains("stroke-dasharray"));
    let future_curve = &svg[svg.find("<g class=\"future\">").unwrap()..];
    assert!(!future_curve[..future_curve.find("</g>").unwrap()].contains("stroke-dasharray"));
    assert!(svg.contains("<desc id=\"compare-desc\">Bewusstsein: Ist-Zustand: Erstkauf +1, Zielbild: Erstkauf morgen +2. Kauf: Ist-Zustand: Erstkauf −1, Zielbild: Erstkauf morgen +1. Nutzung: Ist-Zustand: Erstkauf +2, Zielbild: Erstkauf morgen +2.</desc>"), "{svg}");
    // Per stage: averages, change, touchpoints added and dropped.
    let table = &main[main.find("<table class=\"compare-table\">").unwrap()..];
    let purchase = &table[table.find("/stages/purchase/").unwrap()..];
    let purchase = &purchase[..purchase.find("</tr>").unwrap()];
    assert!(purchase.contains("2 Schritte · Ø Emotion −1"), "{purchase}");
    assert!(purchase.contains("<li>Kein Rückruf</li>"));
    assert!(purchase.contains("class=\"trend-better\">Ø Emotion +2"));
    let added = &purchase[purchase.find("compare-added").unwrap()..];
    assert!(added[..added.find("</p>").unwrap()].contains(">Website</a>"));
    let removed = &purchase[purchase.find("compare-removed").unwrap()..];
    assert!(removed.contains(">Hotline</a>") && removed.contains(">Filiale</a>"));
    // The current journey links to its future state; /journeys/ pairs them.
    let current = built.page("journeys/erstkauf/");
    assert!(current.contains("Zielbild dazu:</span> <a href=\"/kb/journeys/erstkauf-morgen/\""));
    assert!(!current.contains("compare-svg"));
    let list = built.page("journeys/");
    let list = main_of(&list);
    let pair = &list[list
        .find("<li class=\"card journey-pair\">")
        .expect("a pair")..];
    let pair = &pair[..pair.find("\n  </li>").unwrap()];
    assert!(pair.contains(">Erstkauf</a>") && pair.contains(">Erstkauf morgen</a>"));
    assert_eq!(list.matches(">Erstkauf morgen</a>").count(), 1);
}

#[test]
fn persona_pages_list_their_journeys_in_every_language() {
    let built = built();
    let page = built.page("personas/neukundin/");
    let main = main_of(&page);
    assert!(main.contains("<h1>Neukundin</h1>"));
    assert!(main.contains("Rolle:</span> Privatkundin"));
    assert!(main.contains("<h2 id=\"persona-goals\">Ziele</h2>"));
    assert!(main.contains("<li>Verlässliche Größenangaben</li>"));
    assert!(main.contains("<blockquote class=\"persona-quote\"><p>Ich bestelle nur, wenn ich weiß, dass es passt.</p></blockquote>"));
    // The image is copied and linked with the site's sub-path.
    assert!(main.contains("<img class=\"persona-image\" src=\"/kb/images/neukundin.gif\""));
    assert!(built.output().join("images/neukundin.gif").is_file());
    let journeys = &main[main.find("id=\"persona-journeys\"").expect("its journeys")..];
    assert!(journeys.contains(">Erstkauf</a>") && journeys.contains(">Erstkauf morgen</a>"));
    assert!(!journeys.contains("Reklamation"));
    // The English translation, its switcher and its journeys.
    let en = built.page("en/personas/neukundin/");
    assert!(en.contains("hreflang=\"de\" href=\"https://example.com/kb/personas/neukundin/\""));
    assert!(en.contains(">First purchase</a>"));
    assert!(page.contains("<a href=\"/kb/en/personas/neukundin/\" hreflang=\"en\""));
    // The index of each language, in the navigation and the sitemap.
    let index = built.page("personas/");
    let index = main_of(&index);
    assert!(index.contains(">Neukundin</a>") && index.contains(">Stammkunde</a>"));
    let en_index = built.page("en/personas/");
    let en_index = main_of(&en_index);
    assert!(en_index.contains(">New customer</a>") && !en_index.contains("Stammkunde"));
    assert!(page.contains("<a href=\"/kb/personas/\" aria-current=\"page\">Personas</a>"));
    let sitemap = std::fs::read_to_string(built.output().join("sitemap.xml")).unwrap();
    for path in [
        "personas/",
        "en/personas/",
        "personas/neukundin/",
        "en/personas/neukundin/",
    ] {
        assert!(
            sitemap.contains(&format!("<loc>https://example.com/kb/{path}</loc>")),
            "{path}"
        );
    }
    assert_eq!(broken_links(&built.output(), "/kb/"), Vec::<String>::new());
}

#[test]
fn sites_without_personas_have_no_persona_pages() {
    let built = build_fixture("journey", &[]);
    assert!(!built.output().join("personas").exists());
    assert!(!built.page("").contains("/personas/"));
}

#[test]
fn building_the_map_twice_gives_identical_files() {
    let mut built = built();
    built.rebuild(&["--output", "../second"]);
    assert_eq!(built.status, 0, "{}", built.stderr);
    let first = crate::helper::tree(&built.output());
    let second = crate::helper::tree(&built.dir.path().join("second"));
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &first {
        assert!(second[path] == *bytes, "{path} differs");
    }
}
