//! Pages whose scripts fill them in after loading: nothing already on
//! screen may move (Lighthouse's cumulative layout shift), and the
//! catalogue's filters, which are in the page from the start, still work.

use serde_json::json;

use super::server::Server;
use super::webdriver::{Browser, Options, available};

const DEMO_URL: &str = "https://example.com/kb/";

/// The layout shift of the page so far, not caused by input: read from a
/// buffered `PerformanceObserver`. To know that every buffered entry has
/// arrived, the script then moves the page itself once (a marker shift)
/// and sums only the entries before it.
fn layout_shift(b: &Browser) -> f64 {
    let total = b.run_async(
        "const done = arguments[arguments.length - 1];
         let mark = Infinity, total = 0;
         new PerformanceObserver(list => {
           for (const e of list.getEntries()) {
             if (e.startTime >= mark) { done(total); return; }
             if (!e.hadRecentInput) total += e.value;
           }
         }).observe({ type: 'layout-shift', buffered: true });
         requestAnimationFrame(() => requestAnimationFrame(() => {
           mark = performance.now();
           const push = document.createElement('div');
           push.style.height = '300px';
           document.body.prepend(push);
         }));",
        json!([]),
    );
    total.as_f64().expect("a number")
}

#[test]
fn search_results_and_catalogue_filters_appear_without_layout_shift() {
    let _lock = crate::one_at_a_time();
    if !available() {
        return;
    }
    let server = Server::start(&super::site::demo(DEMO_URL), "/kb/");
    let b = Browser::start(&Options::default());
    b.goto(&server.url("search/?q=kunde"));
    b.wait_for(
        "document.querySelectorAll('#search-results .search-snippet').length > 3",
        "search results with snippets",
    );
    assert_eq!(layout_shift(&b), 0.0, "/search/?q=kunde");
    // A filter in the address (?channel=online) hides rows once the
    // script runs; the plain catalogue must not move at all.
    b.goto(&server.url("touchpoints/"));
    b.wait_for(
        "document.querySelector('.filter-status').textContent",
        "the catalogue's status line",
    );
    assert_eq!(layout_shift(&b), 0.0, "/touchpoints/");
}

#[test]
fn catalogue_filters_narrow_the_table_and_keep_the_choice_in_the_address() {
    let _lock = crate::one_at_a_time();
    if !available() {
        return;
    }
    let server = Server::start(&super::site::demo(DEMO_URL), "/kb/");
    let b = Browser::start(&Options::default());
    b.goto(&server.url("touchpoints/?channel=online"));
    let state = |b: &Browser| {
        b.wait_for(
            "document.querySelector('.filter-status').textContent
             && [document.querySelector('.filter-status').textContent,
                 [...document.querySelectorAll('#catalogue tbody tr')].filter(r => !r.hidden).map(r => r.dataset.channel),
                 document.querySelectorAll('#catalogue tbody tr').length,
                 location.search]",
            "the catalogue's state",
        )
    };
    let s = state(&b);
    let shown: Vec<String> = serde_json::from_value(s[1].clone()).unwrap();
    let total = s[2].as_u64().unwrap() as usize;
    assert!(!shown.is_empty() && shown.len() < total, "{s}");
    assert!(shown.iter().all(|c| c == "online"), "{shown:?}");
    assert_eq!(
        s[0].as_str().unwrap(),
        format!("{} von {total} Touchpoints angezeigt", shown.len())
    );
    // Reset shows everything again and clears the address.
    b.run("document.querySelector('.filter-reset').click()", json!([]));
    let s = state(&b);
    let shown: Vec<String> = serde_json::from_value(s[1].clone()).unwrap();
    assert_eq!(shown.len(), total);
    assert_eq!(s[3], "");
    // Without JavaScript: no form, the links to the listing pages instead.
    let b = Browser::start(&Options { no_script: true });
    b.goto(&server.url("touchpoints/"));
    let seen = b.run(
        "return [getComputedStyle(document.querySelector('.catalogue-filter')).display,
                 [...document.querySelectorAll('#catalogue-filters a')].map(a => a.getAttribute('href'))]",
        json!([]),
    );
    assert_eq!(seen[0], "none");
    assert!(
        seen[1]
            .as_array()
            .unwrap()
            .contains(&json!("/kb/channels/online/")),
        "{seen}"
    );
}
