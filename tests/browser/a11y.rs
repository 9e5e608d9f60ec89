//! axe-core on every page type of the demo, in light and dark mode: the
//! promise that every page passes WCAG 2.2 AA checks.

use super::axe::assert_accessible;
use super::server::Server;
use super::webdriver::{Browser, Options, available};

const DEMO_URL: &str = "https://example.com/kb/";

/// One page of each type the demo has (site paths under `/kb/`).
pub(crate) const PAGES: &[&str] = &[
    "",
    "glossary/",
    "glossary/kundenkontaktpunkt/",
    // A term with a highlighted code block.
    "glossary/crm/",
    "touchpoints/",
    "touchpoints/live-chat/",
    "journey/",
    "journeys/",
    "journeys/erstkauf-im-onlineshop/",
    "personas/",
    "personas/neukundin/",
    "opportunities/",
    "tags/",
    "channels/online/",
    "stages/purchase/",
    "owners/",
    "about/",
    "en/",
    "en/glossary/crm/",
    "404.html",
];

#[test]
fn every_page_type_passes_axe_in_light_and_dark_mode() {
    let _lock = crate::one_at_a_time();
    if !available() {
        return;
    }
    let server = Server::start(&super::site::demo(DEMO_URL), "/kb/");
    let b = Browser::start(&Options::default());
    for page in PAGES {
        b.goto(&server.url(page));
        assert_accessible(&b, &format!("/kb/{page}"));
    }
}

#[test]
fn the_search_page_with_highlighted_matches_passes_axe() {
    // Two search forms on one page need names of their own
    // (landmark-unique), and highlighted words (`<mark>`) keep 4.5:1 in
    // the dark colour scheme too.
    let _lock = crate::one_at_a_time();
    if !available() {
        return;
    }
    let server = Server::start(&super::site::demo(DEMO_URL), "/kb/");
    let b = Browser::start(&Options::default());
    b.goto(&server.url("search/?q=kunden"));
    b.wait_for(
        "document.querySelector('#search-results .search-snippet mark')",
        "results with highlighted matches",
    );
    assert_accessible(&b, "/kb/search/?q=kunden");
    let names = b.run(
        "return [...document.querySelectorAll('[role=search]')].map(f => f.getAttribute('aria-label'));",
        serde_json::json!([]),
    );
    assert_eq!(names, serde_json::json!(["Suche", "Suche und Filter"]));
}
