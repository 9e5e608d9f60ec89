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
    "touchpoints/",
    "touchpoints/live-chat/",
    "journey/",
    "journeys/",
    "journeys/erstkauf-im-onlineshop/",
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
