//! The touchpoint catalogue (`/touchpoints/`) in a real browser: the
//! select boxes narrow the table by channel, stage, owner and ownership,
//! the status line counts the rows, the choice is kept in the address and
//! restored from a shared link, Reset shows every row again, and the
//! column headers sort the table (again: reverse order). Expected rows
//! come from the demo's `touchpoints.json`, not from the page.

use serde_json::{Value, json};

use super::server::Server;
use super::webdriver::{Browser, Options, available};

const DEMO_URL: &str = "https://example.com/kb/";

/// What the filters look at, per German touchpoint of the demo.
struct Touchpoint {
    title: String,
    channel: String,
    stages: Vec<String>,
    owner: String,
    ownership: String,
}

fn touchpoints() -> Vec<Touchpoint> {
    let file = super::site::demo(DEMO_URL).join("touchpoints.json");
    let json: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    let text = |v: &Value| v.as_str().unwrap_or_default().to_string();
    json["touchpoints"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["lang"] == "de")
        .map(|t| Touchpoint {
            title: text(&t["title"]),
            channel: text(&t["channel"]),
            stages: t["stages"].as_array().unwrap().iter().map(text).collect(),
            owner: touchbase::slug::slugify(t["owner"].as_str().unwrap_or_default()),
            ownership: text(&t["ownership"]),
        })
        .collect()
}

/// The catalogue with its script running, or `None` when skipped.
fn catalogue(query: &str) -> Option<(Browser, Server)> {
    if !available() {
        return None;
    }
    let server = Server::start(&super::site::demo(DEMO_URL), "/kb/");
    let b = Browser::start(&Options::default());
    b.goto(&server.url(&format!("touchpoints/{query}")));
    b.wait_for(
        "document.querySelector('form.catalogue-filter')",
        "the catalogue script",
    );
    Some((b, server))
}

/// Titles of the rows on screen, top to bottom.
fn shown(b: &Browser) -> Vec<String> {
    let rows = b.run(
        "return [...document.querySelectorAll('#catalogue tbody tr')]
           .filter(r => r.getClientRects().length > 0)
           .map(r => r.querySelector('th a').textContent)",
        json!([]),
    );
    serde_json::from_value(rows).expect("a list of titles")
}

/// The address's query and the status line, once the address is `query`.
fn status_at(b: &Browser, query: &str) -> String {
    let status = b.wait_for(
        &format!(
            "location.search === {} && document.querySelector('.filter-status').textContent",
            json!(query)
        ),
        &format!("the address ?{query}"),
    );
    status.as_str().unwrap().to_string()
}

/// Chooses `value` in the select box of filter `key`, as a user does.
fn choose(b: &Browser, key: &str, value: &str) {
    b.click(&b.find(&format!(
        "form.catalogue-filter select[name={key}] option[value=\"{value}\"]"
    )));
}

fn titles(all: &[Touchpoint], keep: impl Fn(&Touchpoint) -> bool) -> Vec<&str> {
    all.iter()
        .filter(|t| keep(t))
        .map(|t| t.title.as_str())
        .collect()
}

/// The titles in `order` that pass `keep`, in that order.
fn filtered(
    order: &[String],
    all: &[Touchpoint],
    keep: impl Fn(&Touchpoint) -> bool,
) -> Vec<String> {
    let kept = titles(all, keep);
    order
        .iter()
        .filter(|t| kept.contains(&t.as_str()))
        .cloned()
        .collect()
}

#[test]
fn filters_narrow_the_table_and_the_address_keeps_them() {
    let _lock = crate::one_at_a_time();
    let Some((b, server)) = catalogue("") else {
        return;
    };
    let all = touchpoints();
    let total = all.len();
    let order = shown(&b);
    let mut sorted = order.clone();
    sorted.sort();
    let mut expected: Vec<String> = all.iter().map(|t| t.title.clone()).collect();
    expected.sort();
    assert_eq!(sorted, expected, "every touchpoint is listed");
    assert_eq!(
        status_at(&b, ""),
        format!("{total} von {total} Touchpoints angezeigt")
    );

    choose(&b, "channel", "online");
    let online = filtered(&order, &all, |t| t.channel == "online");
    let status = status_at(&b, "?channel=online");
    assert_eq!(shown(&b), online);
    assert_eq!(
        status,
        format!("{} von {total} Touchpoints angezeigt", online.len())
    );

    choose(&b, "stage", "purchase");
    let both = filtered(&order, &all, |t| {
        t.channel == "online" && t.stages.iter().any(|s| s == "purchase")
    });
    assert!(
        !both.is_empty() && both.len() < online.len(),
        "the demo has online touchpoints in and out of the purchase stage"
    );
    status_at(&b, "?channel=online&stage=purchase");
    assert_eq!(shown(&b), both);

    // A shared link restores the choice, in the select boxes too.
    b.goto(&server.url("touchpoints/?channel=online&stage=purchase"));
    b.wait_for(
        "document.querySelector('form.catalogue-filter')",
        "the catalogue script",
    );
    assert_eq!(shown(&b), both);
    let selected = b.run(
        "return [...document.querySelectorAll('form.catalogue-filter select')].map(s => [s.name, s.value])",
        json!([]),
    );
    assert_eq!(
        selected,
        json!([
            ["channel", "online"],
            ["stage", "purchase"],
            ["owner", ""],
            ["ownership", ""]
        ])
    );

    // Reset shows everything and clears the address.
    b.click(&b.find("form.catalogue-filter .filter-reset"));
    status_at(&b, "");
    assert_eq!(shown(&b), order);

    choose(&b, "owner", "kundenservice");
    status_at(&b, "?owner=kundenservice");
    assert_eq!(
        shown(&b),
        filtered(&order, &all, |t| t.owner == "kundenservice")
    );
    choose(&b, "owner", "");
    choose(&b, "ownership", "partner");
    status_at(&b, "?ownership=partner");
    let partner = filtered(&order, &all, |t| t.ownership == "partner");
    assert!(!partner.is_empty());
    assert_eq!(shown(&b), partner);
}

#[test]
fn an_unknown_filter_in_the_address_is_ignored() {
    let _lock = crate::one_at_a_time();
    let Some((b, _server)) = catalogue("?channel=nirgends&stage=purchase") else {
        return;
    };
    let all = touchpoints();
    let order: Vec<String> = all.iter().map(|t| t.title.clone()).collect();
    let mut expected = filtered(&order, &all, |t| t.stages.iter().any(|s| s == "purchase"));
    let mut got = shown(&b);
    expected.sort();
    got.sort();
    assert_eq!(got, expected);
}

#[test]
fn column_headers_sort_the_table() {
    let _lock = crate::one_at_a_time();
    let Some((b, _server)) = catalogue("") else {
        return;
    };
    let order = shown(&b);
    let header = |column: usize| {
        b.find(&format!(
            "#catalogue thead th:nth-child({column}) button.sort"
        ))
    };
    let sort_state = |b: &Browser| {
        b.run(
            "return [...document.querySelectorAll('#catalogue thead th')].map(th => th.getAttribute('aria-sort'))",
            json!([]),
        )
    };
    // By channel, in the order of the config's [[channels]]; rows of one
    // channel keep their order.
    let config = touchbase::build::read_config(std::path::Path::new(env!("CARGO_MANIFEST_DIR")))
        .expect("the demo's config")
        .expect("a valid config");
    let rank = |title: &str| {
        let channel = &touchpoints()
            .into_iter()
            .find(|t| t.title == title)
            .unwrap()
            .channel
            .clone();
        config
            .channels
            .iter()
            .position(|c| c.id == *channel)
            .unwrap()
    };
    let mut by_channel = order.clone();
    by_channel.sort_by_key(|t| rank(t));
    assert_ne!(by_channel, order, "sorting by channel changes the order");
    b.click(&header(2));
    assert_eq!(shown(&b), by_channel);
    assert_eq!(
        sort_state(&b),
        json!([null, "ascending", null, null, null, null])
    );
    // By title: German dictionary order (Ä with A, ß as ss).
    let mut by_title = order.clone();
    by_title.sort_by(|a, c| touchbase::collate::compare(a, c));
    b.click(&header(1));
    assert_eq!(shown(&b), by_title);
    assert_eq!(
        sort_state(&b),
        json!(["ascending", null, null, null, null, null])
    );
    // The same header again: reverse order.
    b.click(&header(1));
    by_title.reverse();
    assert_eq!(shown(&b), by_title);
    assert_eq!(
        sort_state(&b),
        json!(["descending", null, null, null, null, null])
    );
    // The KPI column is not sortable.
    let kpi = b.run(
        "return document.querySelector('#catalogue thead th:nth-child(6) button')",
        json!([]),
    );
    assert_eq!(kpi, Value::Null);
    // Sorting keeps the filter.
    choose(&b, "channel", "service");
    status_at(&b, "?channel=service");
    let service: Vec<String> = by_title
        .iter()
        .filter(|t| {
            rank(t)
                == config
                    .channels
                    .iter()
                    .position(|c| c.id == "service")
                    .unwrap()
        })
        .cloned()
        .collect();
    assert_eq!(shown(&b), service);
}

/// A small site whose titles only sort right in German dictionary order
/// (umlauts with their base letter, lowercase among uppercase), built
/// into a temporary folder.
fn umlaut_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let site = dir.path().join("site");
    std::fs::create_dir_all(site.join("content/touchpoints")).unwrap();
    std::fs::write(
        site.join("touchbase.toml"),
        "title = \"Sortierung\"\nbase_url = \"https://example.com/kb/\"\n",
    )
    .unwrap();
    for (slug, title, channel) in [
        ("zustellung", "Zustellung", "after-purchase"),
        ("uebergabe", "Übergabe an der Tür", "offline"),
        ("abholung", "abholstation", "offline"),
        ("oel", "Ölwechsel-Termin", "service"),
        ("aerger", "Ärger-Hotline", "service"),
        ("online", "Onlineshop", "online"),
    ] {
        std::fs::write(
            site.join(format!("content/touchpoints/{slug}.md")),
            format!("+++\ntitle = \"{title}\"\nchannel = \"{channel}\"\n+++\n"),
        )
        .unwrap();
    }
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_touchbase"))
        .args(["build", "--root"])
        .arg(&site)
        .arg("--output")
        .arg(dir.path().join("public"))
        .env_remove("TOUCHBASE_LOG")
        .output()
        .expect("touchbase runs");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    dir
}

#[test]
fn titles_sort_in_german_dictionary_order() {
    let _lock = crate::one_at_a_time();
    if !available() {
        return;
    }
    let site = umlaut_site();
    let server = Server::start(&site.path().join("public"), "/kb/");
    let b = Browser::start(&Options::default());
    b.goto(&server.url("touchpoints/"));
    b.wait_for(
        "document.querySelector('form.catalogue-filter')",
        "the catalogue script",
    );
    let german = [
        "abholstation",
        "Ärger-Hotline",
        "Ölwechsel-Termin",
        "Onlineshop",
        "Übergabe an der Tür",
        "Zustellung",
    ];
    assert_eq!(shown(&b), german, "the build's order");
    // By channel first, then by title again: the script's own order.
    b.click(&b.find("#catalogue thead th:nth-child(2) button.sort"));
    assert_ne!(shown(&b), german);
    b.click(&b.find("#catalogue thead th:nth-child(1) button.sort"));
    assert_eq!(shown(&b), german);
}
