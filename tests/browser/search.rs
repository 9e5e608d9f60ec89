//! Search in a real browser: the demo queries, keyboard use of the
//! combobox, the filters and the no-script path of `/search/`, a site under
//! another sub-path, and the client agreeing with the Rust reference
//! (`touchbase::search::query`) on ranking, stemming and normalisation.

use serde_json::{Value, json};
use touchbase::search::normalize::{Stem, name, words};
use touchbase::search::query::{Filter, Index};

use super::server::Server;
use super::webdriver::{Browser, Options, available, keys};

const DEMO_URL: &str = "https://example.com/kb/";

/// A browser on the demo site (served under `/kb/`), or `None` when the
/// browser tests are skipped.
fn demo() -> Option<(Browser, Server)> {
    if !available() {
        return None;
    }
    let server = Server::start(&super::site::demo(DEMO_URL), "/kb/");
    Some((Browser::start(&Options::default()), server))
}

/// Types `query` into the header box (after clearing it with Escape) and
/// returns the titles of the suggestions once they belong to this query.
fn suggest(b: &Browser, query: &str) -> Vec<String> {
    let input = b.find("#search-q");
    b.send_keys(&input, keys::ESCAPE);
    b.send_keys(&input, query);
    let titles = b.wait_for(
        &format!(
            "document.querySelector('.search-box [role=status]').textContent
             && document.querySelector('.search-all').href.endsWith('?q=' + encodeURIComponent({q}))
             && [...document.querySelectorAll('#search-list .search-title')].map(e => e.textContent)",
            q = json!(query)
        ),
        &format!("suggestions for {query:?}"),
    );
    serde_json::from_value(titles).expect("a list of titles")
}

#[test]
fn demo_queries_find_their_pages() {
    let _lock = crate::one_at_a_time();
    let Some((b, server)) = demo() else { return };
    b.goto(&server.url(""));
    for (query, first) in [
        ("kundenbind", "Kundenbindung"),
        ("Kundenkontakpunkt", "Kundenkontaktpunkt"),
        ("aussenwerbung", "Außenwerbung"),
        ("Außenwerbung", "Außenwerbung"),
    ] {
        let titles = suggest(&b, query);
        assert_eq!(
            titles.first().map(String::as_str),
            Some(first),
            "{query}: {titles:?}"
        );
    }
    b.goto(&server.url("en/"));
    let titles = suggest(&b, "touchpo");
    assert_eq!(titles[0], "Touchpoint", "{titles:?}");
    let href = b.run(
        "return document.querySelector('#search-list a').getAttribute('href')",
        json!([]),
    );
    assert_eq!(href, "/kb/en/glossary/touchpoint/");
}

#[test]
fn results_show_kind_snippet_highlight_and_count() {
    let _lock = crate::one_at_a_time();
    let Some((b, server)) = demo() else { return };
    b.goto(&server.url(""));
    suggest(&b, "aussenwerbung");
    // Snippets follow the titles as soon as their chunk has arrived.
    b.wait_for(
        "document.querySelector('#search-list li .search-snippet')",
        "a snippet",
    );
    let first = b.run(
        "const li = document.querySelector('#search-list li');
         return [li.querySelector('.search-kind').textContent,
                 li.querySelector('.search-snippet').textContent,
                 li.querySelector('.search-snippet mark') && li.querySelector('.search-snippet mark').textContent,
                 document.querySelector('.search-box [role=status]').textContent,
                 document.querySelector('#search-q').getAttribute('aria-expanded')]",
        json!([]),
    );
    assert_eq!(first[0], "Touchpoint");
    assert!(
        first[1]
            .as_str()
            .unwrap()
            .starts_with("Werbung im öffentlichen Raum"),
        "{first}"
    );
    assert_eq!(
        first[2],
        Value::Null,
        "the description does not name the query: {first}"
    );
    assert!(first[3].as_str().unwrap().ends_with("Treffer"), "{first}");
    assert_eq!(first[4], "true");
    suggest(&b, "kunden");
    b.wait_for(
        "document.querySelectorAll('#search-list .search-snippet').length >= 3",
        "snippets",
    );
    let marked = b.run(
        "return [...document.querySelectorAll('#search-list mark')].map(m => m.textContent)",
        json!([]),
    );
    assert!(
        marked.as_array().unwrap().iter().any(|m| m
            .as_str()
            .unwrap()
            .to_lowercase()
            .starts_with("kunde")),
        "{marked}"
    );
}

#[test]
fn keyboard_slash_arrows_enter_and_escape() {
    let _lock = crate::one_at_a_time();
    let Some((b, server)) = demo() else { return };
    b.goto(&server.url("glossary/"));
    b.press("/");
    let focused = b.run("return document.activeElement.id", json!([]));
    assert_eq!(focused, "search-q", "`/` focuses the search box");
    let input = b.find("#search-q");
    let titles = suggest(&b, "kunden");
    assert!(titles.len() >= 3, "{titles:?}");
    let state = |b: &Browser| {
        b.run(
            "const i = document.querySelector('#search-q');
             return [i.getAttribute('aria-activedescendant'),
                     [...document.querySelectorAll('#search-list [aria-selected=true]')].map(o => o.id)]",
            json!([]),
        )
    };
    b.send_keys(&input, keys::ARROW_DOWN);
    assert_eq!(state(&b), json!(["search-opt-0", ["search-opt-0"]]));
    b.send_keys(&input, keys::ARROW_DOWN);
    assert_eq!(state(&b), json!(["search-opt-1", ["search-opt-1"]]));
    b.send_keys(&input, keys::ARROW_UP);
    assert_eq!(state(&b), json!(["search-opt-0", ["search-opt-0"]]));
    let target = b.run(
        "return document.querySelector('#search-opt-0 a').href",
        json!([]),
    );
    b.send_keys(&input, keys::ENTER);
    b.wait_for(
        &format!("location.href === {target}"),
        "Enter to open the active suggestion",
    );
    // Escape clears and closes.
    let input = b.find("#search-q");
    suggest(&b, "kunden");
    b.send_keys(&input, keys::ESCAPE);
    let after = b.run(
        "return [document.querySelector('#search-q').value,
                 document.querySelector('.search-popup').hidden,
                 document.querySelector('#search-q').getAttribute('aria-expanded')]",
        json!([]),
    );
    assert_eq!(after, json!(["", true, "false"]));
    // Enter without a chosen suggestion opens the search page.
    b.send_keys(&input, "kundenbindung");
    b.send_keys(&input, keys::ENTER);
    b.wait_for(
        "location.pathname === '/kb/search/' && location.search === '?q=kundenbindung'",
        "the search page",
    );
}

#[test]
fn search_page_filters_by_kind_channel_and_stage() {
    let _lock = crate::one_at_a_time();
    let Some((b, server)) = demo() else { return };
    // The results on screen (kind, link) and the announced count.
    let results = |b: &Browser, what: &str| -> (Vec<(String, String)>, usize) {
        let found = b.wait_for(
            "document.querySelector('#search-status').textContent
             && [document.querySelector('#search-status').textContent,
                 [...document.querySelectorAll('#search-results li')].map(li =>
                   [li.querySelector('.search-kind').textContent, li.querySelector('a').getAttribute('href')])]",
            what,
        );
        let count = found[0]
            .as_str()
            .unwrap()
            .split(' ')
            .next()
            .unwrap()
            .parse()
            .unwrap_or(0);
        (
            serde_json::from_value(found[1].clone()).expect("pairs"),
            count,
        )
    };
    // Each result's page names its channel or stage in a link.
    let on_page = |href: &str, needle: &str| {
        std::fs::read_to_string(
            super::site::demo(DEMO_URL)
                .join(href.trim_start_matches("/kb/"))
                .join("index.html"),
        )
        .expect("the result's page")
        .contains(needle)
    };
    b.goto(&server.url("search/?q=kunden"));
    let (all, all_count) = results(&b, "results for kunden");
    let kinds: std::collections::BTreeSet<&str> = all.iter().map(|(k, _)| k.as_str()).collect();
    assert!(kinds.len() >= 2, "several kinds: {kinds:?}");
    assert_eq!(all.len(), all_count.min(20), "20 at a time");
    b.goto(&server.url("search/?q=kunden&kind=touchpoint"));
    let (touchpoints, tp_count) = results(&b, "touchpoints for kunden");
    assert!(
        !touchpoints.is_empty() && tp_count < all_count,
        "{tp_count} of {all_count}"
    );
    assert!(
        touchpoints
            .iter()
            .all(|(k, h)| k == "Touchpoint" && h.starts_with("/kb/touchpoints/")),
        "{touchpoints:?}"
    );
    // Changing a select filters again and updates the address.
    b.run(
        "const s = document.querySelector('#search-channel');
         s.value = 'service'; s.dispatchEvent(new Event('change', {bubbles: true}));",
        json!([]),
    );
    b.wait_for(
        "location.search.includes('channel=service')",
        "the address to follow",
    );
    let (service, service_count) = results(&b, "service touchpoints");
    assert!(
        !service.is_empty() && service_count < tp_count,
        "{service:?}"
    );
    for (_, href) in &service {
        assert!(
            on_page(href, "/kb/channels/service/"),
            "{href} is in channel service"
        );
    }
    b.goto(&server.url("search/?q=kunden&stage=loyalty&kind=touchpoint"));
    let (loyal, loyal_count) = results(&b, "loyalty touchpoints");
    assert!(!loyal.is_empty() && loyal_count < tp_count, "{loyal:?}");
    for (_, href) in &loyal {
        assert!(
            on_page(href, "/kb/stages/loyalty/"),
            "{href} is in stage loyalty"
        );
    }
    let selected = b.run(
        "return document.querySelector('#search-stage').value",
        json!([]),
    );
    assert_eq!(
        selected, "loyalty",
        "the form shows the filter of the address"
    );
}

#[test]
fn without_javascript_the_form_leads_to_the_search_page() {
    let _lock = crate::one_at_a_time();
    if !available() {
        return;
    }
    let server = Server::start(&super::site::demo(DEMO_URL), "/kb/");
    let b = Browser::start(&Options { no_script: true });
    b.goto(&server.url(""));
    let input = b.find("#search-q");
    b.send_keys(&input, "Außenwerbung");
    b.send_keys(&input, keys::ENTER);
    let url = b.url();
    assert!(url.ends_with("/kb/search/?q=Au%C3%9Fenwerbung"), "{url}");
    // Without scripts `execute` still runs (WebDriver's own), so read the page.
    let shown = b.run(
        "return [document.querySelector('noscript') !== null,
                 document.querySelector('main').innerText,
                 getComputedStyle(document.querySelector('form[data-search=page]')).display]",
        json!([]),
    );
    assert_eq!(shown[0], true);
    assert!(
        shown[1]
            .as_str()
            .unwrap()
            .contains("Die Suche braucht JavaScript"),
        "{shown}"
    );
    assert_eq!(shown[2], "none", "the script-only form stays hidden");
    let links = b.run(
        "return [...document.querySelectorAll('main a')].map(a => a.getAttribute('href'))",
        json!([]),
    );
    assert_eq!(links, json!(["/kb/glossary/", "/kb/touchpoints/"]));
}

#[test]
fn works_under_another_sub_path() {
    let _lock = crate::one_at_a_time();
    if !available() {
        return;
    }
    let server = Server::start(&super::site::demo("https://example.org/a/b/"), "/a/b/");
    let b = Browser::start(&Options::default());
    b.goto(&server.url("en/glossary/"));
    server.take_log();
    let titles = suggest(&b, "touchpo");
    assert_eq!(titles[0], "Touchpoint");
    let href = b.run(
        "return document.querySelector('#search-list a').getAttribute('href')",
        json!([]),
    );
    assert_eq!(href, "/a/b/en/glossary/touchpoint/");
    let fetched = server.take_log();
    assert!(
        fetched.contains(&"/a/b/search/en/names.json".to_string()),
        "{fetched:?}"
    );
    let index: Vec<&String> = fetched.iter().filter(|p| p.contains("/search/")).collect();
    assert!(
        index.iter().all(|p| p.starts_with("/a/b/search/en/")),
        "only this language's index: {fetched:?}"
    );
}

#[test]
fn a_query_fetches_names_once_and_few_shards() {
    let _lock = crate::one_at_a_time();
    let Some((b, server)) = demo() else { return };
    b.goto(&server.url(""));
    server.take_log();
    let input = b.find("#search-q");
    b.click(&input);
    b.wait_for(
        "performance.getEntriesByType('resource').some(e => e.name.includes('names.json'))",
        "names.json on focus",
    );
    suggest(&b, "kundenbindung");
    suggest(&b, "kundenbindungen");
    let fetched = server.take_log();
    let names = fetched
        .iter()
        .filter(|p| p.ends_with("/names.json"))
        .count();
    assert_eq!(names, 1, "{fetched:?}");
    let shards = fetched
        .iter()
        .filter(|p| p.contains("/search/de/t/"))
        .count();
    let total_shards = std::fs::read_dir(super::site::demo(DEMO_URL).join("search/de/t"))
        .unwrap()
        .count();
    assert!(
        (1..=3).contains(&shards) && shards < total_shards,
        "{fetched:?}"
    );
}

#[test]
fn client_finds_the_fixed_results_of_the_shared_table() {
    let _lock = crate::one_at_a_time();
    if !available() {
        return;
    }
    let server = Server::start(&super::site::fixture("search"), "/kb/");
    let b = Browser::start(&Options::default());
    b.goto(&server.url(""));
    let mut wrong = Vec::new();
    for case in crate::search_cases::CASES {
        let [kind, channel, stage] = case.filter;
        let found = b.run_async(
            "const [url, q, kind, channel, stage, done] = arguments;
             touchbaseSearch.open(url)
               .then(ix => ix.search(q, {kind, channel, stage}).then(h => h.map(x => ix.rows[x.id].title)))
               .then(done, e => done(String(e)));",
            json!([format!("/kb/search/{}/", case.lang), case.query, kind, channel, stage]),
        );
        if found != json!(case.titles) {
            wrong.push(format!(
                "{} {:?} {:?}: {found}, not {:?}",
                case.lang, case.query, case.filter, case.titles
            ));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
    // And through the header box, as a user types.
    for query in ["kundenbind", "Kundnekotnaktpunkt", "AUSSENWERBUNG"] {
        let case = crate::search_cases::CASES
            .iter()
            .find(|c| c.query == query && c.filter == ["", "", ""])
            .expect("a case");
        assert_eq!(suggest(&b, query), case.titles, "{query}");
    }
}

/// Queries whose ranking the client must share with the reference.
const QUERIES: &[(&str, &str)] = &[
    ("", "kundenbind"),
    ("", "Kundenkontakpunkt"),
    ("", "aussenwerbung"),
    ("", "Kunden Erlebnis"),
    ("", "kunde"),
    ("", "Hotline"),
    ("", "Retoure"),
    ("", "Pesona"),
    ("", "bewertungen"),
    ("", "zufriedenheit messen"),
    ("en/", "touchpo"),
    ("en/", "customer"),
    ("en/", "returns"),
    ("en/", "loyalty programme"),
];

#[test]
fn client_ranks_like_the_reference() {
    let _lock = crate::one_at_a_time();
    let Some((b, server)) = demo() else { return };
    let site = super::site::demo(DEMO_URL);
    b.goto(&server.url(""));
    for (prefix, query) in QUERIES {
        let lang = if prefix.is_empty() { "de" } else { "en" };
        for filter in [None, Some("touchpoint")] {
            let dir = site.join("search").join(lang);
            let index =
                Index::open(|p| std::fs::read_to_string(dir.join(p)).ok()).expect("the index");
            let f = Filter {
                kind: filter.map(String::from),
                ..Filter::default()
            };
            let expected: Vec<usize> = index.search(query, &f).iter().map(|h| h.id).collect();
            let got = b.run_async(
                "const [url, q, kind, done] = arguments;
                 touchbaseSearch.open(url).then(ix => ix.search(q, {kind})).then(h => done(h.map(x => x.id)));",
                json!([format!("/kb/search/{lang}/"), query, filter.unwrap_or("")]),
            );
            let got: Vec<usize> = serde_json::from_value(got).expect("ids");
            assert_eq!(got, expected, "{lang} {query:?} {filter:?}");
            if filter.is_none() && !["Pesona"].contains(query) {
                assert!(!expected.is_empty(), "{query} finds something");
            }
        }
    }
}

#[test]
fn client_stems_and_folds_like_the_build() {
    let _lock = crate::one_at_a_time();
    let Some((b, server)) = demo() else { return };
    b.goto(&server.url(""));
    // Every word of the demo content and the CNCF glossary, plus
    // spellings that must agree.
    let mut text = String::from(
        "Außenwerbung AUSSENWERBUNG Käse Kaese Łódź Café Crème İstanbul ﬁle Ærø queueing generously skies dying inning news \
         Ähnlichkeiten möglicherweise Beschäftigung häufigsten Bäuerinnen Straße",
    );
    for dir in [
        "content",
        "content/glossary",
        "content/touchpoints",
        "content/journeys",
        "tests/corpora/cncf-glossary/content/glossary",
    ] {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            if entry.path().extension().is_some_and(|e| e == "md") {
                text.push('\n');
                text.push_str(&std::fs::read_to_string(entry.path()).unwrap());
            }
        }
    }
    let mut list: Vec<String> = words(&text).collect();
    list.sort();
    list.dedup();
    let (de, en) = (Stem::for_language("de"), Stem::for_language("en"));
    let expected: Vec<Value> = list
        .iter()
        .map(|w| json!([w, de.stem(w), en.stem(w), name(w)]))
        .collect();
    assert!(expected.len() > 2000, "enough words: {}", expected.len());
    let got = b.run(
        "const t = touchbaseSearch, plain = w => /^[a-z]+$/.test(w);
         return arguments[0].map(w => [w, plain(w) ? t.de(w) : w, plain(w) ? t.en(w) : w, t.name(w)]);",
        json!([expected.iter().map(|e| e[0].clone()).collect::<Vec<_>>()]),
    );
    let got = got.as_array().expect("a list");
    let differ: Vec<(&Value, &Value)> = expected
        .iter()
        .zip(got)
        .filter(|(a, b)| a != b)
        .take(10)
        .collect();
    assert!(
        differ.is_empty(),
        "client differs from the build: {differ:?}"
    );
    // The tokenizer itself, on raw text with punctuation and accents.
    let sample = "Außenwerbung, Kaese & Café-Crème (B2B) — Łódź İstanbul ﬁle";
    let client = b.run(
        "return touchbaseSearch.words(arguments[0])",
        json!([sample]),
    );
    assert_eq!(client, json!(words(sample).collect::<Vec<_>>()));
}
