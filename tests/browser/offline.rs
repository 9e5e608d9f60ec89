//! Nothing from elsewhere: every page type of the demo, loaded in the
//! browser with its scripts running, fetches only from its own server —
//! no fonts, scripts, styles or images from another host — and every
//! request finds its file.

use serde_json::json;

use super::server::Server;
use super::webdriver::{Browser, Options, available};

const DEMO_URL: &str = "https://example.com/kb/";

#[test]
fn every_page_type_loads_only_from_its_own_server() {
    let _lock = crate::one_at_a_time();
    if !available() {
        return;
    }
    let site = super::site::demo(DEMO_URL);
    let server = Server::start(&site, "/kb/");
    let b = Browser::start(&Options::default());
    let origin = server.url("").trim_end_matches("/kb/").to_string();
    for page in super::a11y::PAGES {
        server.take_log();
        b.goto(&server.url(page));
        // The search box loads its index on focus: include that too.
        b.run(
            "const q = document.getElementById('search-q'); if (q) q.focus();",
            json!([]),
        );
        b.wait_for(
            "document.readyState === 'complete'
             && performance.getEntriesByType('resource').every(e => e.responseEnd > 0)",
            "the page and what it loads",
        );
        let loaded = b.run(
            "return performance.getEntriesByType('resource').map(e => e.name)",
            json!([]),
        );
        let foreign: Vec<&str> = loaded
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|u| u.as_str())
            .filter(|u| !u.starts_with(&format!("{origin}/")))
            .collect();
        assert!(foreign.is_empty(), "/kb/{page} loads {foreign:?}");
        // Chromium asks for /favicon.ico by itself when a page names no icon.
        for path in server
            .take_log()
            .into_iter()
            .filter(|p| p != "/favicon.ico")
        {
            let rel = path.strip_prefix("/kb/").unwrap_or(&path);
            let file = site.join(rel);
            assert!(
                file.is_file() || file.join("index.html").is_file(),
                "/kb/{page} asks for {path}, which the build did not write"
            );
        }
    }
}
