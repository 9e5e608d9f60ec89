//! The opportunity backlog of the demo (`/opportunities/`) in a real
//! browser: the select boxes filter the rows and keep the choice in the
//! address, a shared address restores it, reset and sorting work, the
//! page without JavaScript lists everything with filter links, and
//! axe-core finds nothing on the backlog, a cut of it, the matrix with its
//! pain points and a touchpoint page listing them.

use serde_json::{Value, json};

use super::axe::assert_accessible;
use super::server::Server;
use super::webdriver::{Browser, Options, available};

const DEMO_URL: &str = "https://example.com/kb/";

fn demo(options: &Options) -> Option<(Browser, Server)> {
    if !available() {
        return None;
    }
    let server = Server::start(&super::site::demo(DEMO_URL), "/kb/");
    Some((Browser::start(options), server))
}

/// Every row of the backlog: `[owner, priority, journey, shown]`, and the
/// shown stage sections and the status line.
const STATE: &str = "return [
    [...document.querySelectorAll('#opportunity-groups tbody tr')].map(r =>
      [r.dataset.owner, r.dataset.priority, r.dataset.journey, !r.hidden && !r.closest('section').hidden]),
    [...document.querySelectorAll('#opportunity-groups section')].filter(s => !s.hidden).map(s => s.id || s.getAttribute('aria-labelledby')),
    (document.querySelector('#opportunity-filters .filter-status') || {}).textContent || ''
  ];";

struct State {
    rows: Vec<(String, String, String, bool)>,
    sections: Vec<String>,
    status: String,
}

fn state(b: &Browser) -> State {
    let v = b.run(STATE, json!([]));
    let rows = v[0]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let s = |i: usize| r[i].as_str().unwrap_or_default().to_string();
            (s(0), s(1), s(2), r[3] == Value::Bool(true))
        })
        .collect();
    State {
        rows,
        sections: serde_json::from_value(v[1].clone()).unwrap(),
        status: v[2].as_str().unwrap().to_string(),
    }
}

/// Chooses `value` in the select box of filter `name`, as a user would.
fn choose(b: &Browser, name: &str, value: &str) {
    b.run(
        "const s = document.querySelector(`.catalogue-filter select[name=${arguments[0]}]`);
         s.value = arguments[1]; s.dispatchEvent(new Event('change', {bubbles: true}));",
        json!([name, value]),
    );
}

/// The rows shown are exactly those `keep` accepts, and the stage
/// sections shown are those with a row shown.
fn assert_shown(s: &State, keep: impl Fn(&(String, String, String, bool)) -> bool, what: &str) {
    let wanted = s.rows.iter().filter(|r| keep(r)).count();
    assert!(wanted > 0, "{what}: the demo has rows for it");
    for row in &s.rows {
        assert_eq!(row.3, keep(row), "{what}: {row:?}");
    }
    assert!(
        s.status
            .starts_with(&format!("{wanted} von {}", s.rows.len())),
        "{what}: {}",
        s.status
    );
}

#[test]
fn filters_narrow_the_backlog_and_keep_the_choice_in_the_address() {
    let _lock = crate::one_at_a_time();
    let Some((b, server)) = demo(&Options::default()) else {
        return;
    };
    b.goto(&server.url("opportunities/"));
    b.wait_for(
        "document.querySelector('.catalogue-filter select[name=owner]')",
        "the filter form",
    );
    let all = state(&b);
    assert!(
        all.rows.len() >= 5 && all.rows.iter().all(|r| r.3),
        "{:?}",
        all.rows
    );
    // With JavaScript the select boxes show, the links (in <noscript>) do not.
    let shown = b.run(
        "return [document.querySelector('.catalogue-filter').offsetParent !== null,
                 document.querySelectorAll('#opportunity-filters .filter-group').length]",
        json!([]),
    );
    assert_eq!(shown, json!([true, 0]));

    choose(&b, "owner", "kundenservice");
    let s = state(&b);
    assert_shown(&s, |r| r.0 == "kundenservice", "owner");
    assert!(
        s.sections.len() < all.sections.len(),
        "stages without a row are hidden"
    );
    assert!(
        b.url().ends_with("/kb/opportunities/?owner=kundenservice"),
        "{}",
        b.url()
    );

    choose(&b, "priority", "high");
    let s = state(&b);
    assert_shown(
        &s,
        |r| r.0 == "kundenservice" && r.1 == "high",
        "owner and priority",
    );
    assert!(
        b.url()
            .ends_with("/kb/opportunities/?owner=kundenservice&priority=high"),
        "{}",
        b.url()
    );

    // A shared address selects the same rows on arrival.
    b.goto(&server.url("opportunities/?journey=erstkauf-im-onlineshop&priority=medium"));
    b.wait_for(
        "document.querySelector('.catalogue-filter select[name=journey]')",
        "the filter form",
    );
    let s = state(&b);
    assert_shown(
        &s,
        |r| r.2 == "erstkauf-im-onlineshop" && r.1 == "medium",
        "journey and priority from the address",
    );
    let selected = b.run(
        "return ['owner', 'priority', 'journey'].map(n => document.querySelector(`.catalogue-filter select[name=${n}]`).value)",
        json!([]),
    );
    assert_eq!(selected, json!(["", "medium", "erstkauf-im-onlineshop"]));

    // Reset shows everything again and clears the address.
    b.click(&b.find(".catalogue-filter .filter-reset"));
    let s = state(&b);
    assert!(s.rows.iter().all(|r| r.3), "{:?}", s.rows);
    assert!(b.url().ends_with("/kb/opportunities/"), "{}", b.url());
}

#[test]
fn headers_sort_their_stage_table_by_priority() {
    let _lock = crate::one_at_a_time();
    let Some((b, server)) = demo(&Options::default()) else {
        return;
    };
    b.goto(&server.url("opportunities/"));
    b.wait_for(
        "document.querySelector('table.opportunities th .sort')",
        "sort buttons",
    );
    let ranks = |b: &Browser| -> Vec<Vec<u64>> {
        serde_json::from_value(b.run(
            "return [...document.querySelectorAll('table.opportunities')].map(t =>
               [...t.tBodies[0].rows].map(r => Number(r.cells[2].dataset.sort)))",
            json!([]),
        ))
        .unwrap()
    };
    // Most urgent first as built; the priority header sorts one table
    // descending on a second click.
    for table in ranks(&b) {
        assert!(table.windows(2).all(|w| w[0] <= w[1]), "{table:?}");
    }
    let longest = ranks(&b)
        .iter()
        .enumerate()
        .max_by_key(|(_, t)| t.len())
        .map(|(i, _)| i)
        .unwrap();
    b.run(
        "const t = document.querySelectorAll('table.opportunities')[arguments[0]];
         const th = t.tHead.rows[0].cells[2]; th.querySelector('button').click(); th.querySelector('button').click();",
        json!([longest]),
    );
    let sorted = &ranks(&b)[longest];
    assert!(sorted.windows(2).all(|w| w[0] >= w[1]), "{sorted:?}");
    let aria = b.run(
        "return document.querySelectorAll('table.opportunities')[arguments[0]].tHead.rows[0].cells[2].getAttribute('aria-sort')",
        json!([longest]),
    );
    assert_eq!(aria, "descending");
}

#[test]
fn without_javascript_the_backlog_is_complete_and_filters_are_links() {
    let _lock = crate::one_at_a_time();
    let Some((b, server)) = demo(&Options { no_script: true }) else {
        return;
    };
    b.goto(&server.url("opportunities/"));
    let s = state(&b);
    assert!(s.rows.len() >= 5 && s.rows.iter().all(|r| r.3));
    let links = b.run(
        "return [...document.querySelectorAll('#opportunity-filters .filter-group')].filter(g => !g.hidden && g.offsetParent)
           .map(g => [g.dataset.filter, [...g.querySelectorAll('a')].map(a => a.getAttribute('href'))])",
        json!([]),
    );
    let groups: Vec<(String, Vec<String>)> = serde_json::from_value(links).unwrap();
    let form = b.run(
        "return document.querySelector('.catalogue-filter').offsetParent === null",
        json!([]),
    );
    assert_eq!(form, true, "the select boxes are hidden without JavaScript");
    let names: Vec<&str> = groups.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["owner", "priority", "journey"]);
    assert!(
        groups[0]
            .1
            .contains(&"/kb/opportunities/owners/kundenservice/".to_string())
    );
    // Following an owner's link shows that owner's rows only.
    b.goto(&server.url("opportunities/owners/kundenservice/"));
    let cut = state(&b);
    assert!(!cut.rows.is_empty());
    assert!(
        cut.rows.iter().all(|r| r.0 == "kundenservice" && r.3),
        "{:?}",
        cut.rows
    );
    assert_eq!(
        cut.rows.len(),
        s.rows.iter().filter(|r| r.0 == "kundenservice").count()
    );
}

#[test]
fn backlog_matrix_and_touchpoint_findings_pass_axe() {
    let _lock = crate::one_at_a_time();
    let Some((b, server)) = demo(&Options::default()) else {
        return;
    };
    b.goto(&server.url("opportunities/"));
    b.wait_for(
        "document.querySelector('.catalogue-filter')",
        "the filter form",
    );
    assert_accessible(&b, "/kb/opportunities/");
    choose(&b, "owner", "kundenservice");
    assert_accessible(&b, "/kb/opportunities/?owner=kundenservice");
    for page in [
        "opportunities/priorities/high/",
        "en/opportunities/",
        "journey/",
        "touchpoints/telefon-hotline/",
    ] {
        b.goto(&server.url(page));
        assert_accessible(&b, &format!("/kb/{page}"));
    }
}
