//! Tooltips of term links in a real browser: the text shown is the linked
//! term's `description` (from the demo's `glossary.json`, not from the
//! page) on keyboard focus, on hover and on a first tap, Escape hides it,
//! a second tap follows the link, screen readers get the same text, and
//! without JavaScript the description is the link's `title`.

use serde_json::{Value, json};

use super::server::Server;
use super::webdriver::{Browser, Element, Options, available, keys};

const DEMO_URL: &str = "https://example.com/kb/";
/// A term page of the demo whose text links other terms.
const PAGE: &str = "glossary/kundenkontaktpunkt/";
/// The first term link in the page's text.
const LINK: &str = "main .prose a.term-link";

fn demo(options: &Options) -> Option<(Browser, Server)> {
    if !available() {
        return None;
    }
    let server = Server::start(&super::site::demo(DEMO_URL), "/kb/");
    Some((Browser::start(options), server))
}

/// The demo page with the tooltip script running.
fn page_with_tooltips() -> Option<(Browser, Server)> {
    let (b, server) = demo(&Options::default())?;
    b.goto(&server.url(PAGE));
    b.wait_for(
        "document.querySelector('.tb-tooltip')",
        "the tooltip script",
    );
    Some((b, server))
}

/// The `description` of the term whose page is at site path `href`
/// (`/kb/glossary/crm/`), from the demo's `glossary.json`.
fn description_of(href: &str) -> String {
    let file = super::site::demo(DEMO_URL).join("glossary.json");
    let json: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    let url = format!("https://example.com{href}");
    json["terms"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["url"] == url.as_str())
        .and_then(|t| t["description"].as_str())
        .unwrap_or_else(|| panic!("no term at {url}"))
        .to_string()
}

/// The first term link of the page's text and its target's description.
fn first_link(b: &Browser) -> (Element, String, String) {
    let href = b.run(
        &format!("return document.querySelector('{LINK}').getAttribute('href')"),
        json!([]),
    );
    let href = href.as_str().expect("a term link").to_string();
    let description = description_of(&href);
    assert!(!description.is_empty(), "{href} has a description");
    (b.find(LINK), href, description)
}

/// Waits until the tooltip shows and returns its text.
fn shown_tooltip(b: &Browser, what: &str) -> Value {
    b.wait_for(
        "(() => { const t = document.querySelector('.tb-tooltip');
           return t && !t.hidden && t.offsetWidth > 0 && t.textContent; })()",
        what,
    )
}

fn wait_hidden(b: &Browser, what: &str) {
    b.wait_for(
        "(() => { const t = document.querySelector('.tb-tooltip');
           return t && (t.hidden || t.offsetWidth === 0); })()",
        what,
    );
}

#[test]
fn keyboard_focus_shows_the_description_and_escape_hides_it() {
    let _lock = crate::one_at_a_time();
    let Some((b, _server)) = page_with_tooltips() else {
        return;
    };
    let (_, _, description) = first_link(&b);
    // The native title is gone (no double tooltip); screen readers get
    // the description through aria-describedby.
    let link = b.run(
        &format!(
            "const a = document.querySelector('{LINK}');
             return [a.getAttribute('title'),
                     document.getElementById(a.getAttribute('aria-describedby')).textContent];"
        ),
        json!([]),
    );
    assert_eq!(link, json!([null, description]));
    // Focus what comes before the link in tab order, then press Tab.
    b.run(
        &format!(
            "const a = document.querySelector('{LINK}');
             const all = [...document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]')]
               .filter(e => e.tabIndex >= 0 && e.getClientRects().length > 0);
             all[all.indexOf(a) - 1].focus();"
        ),
        json!([]),
    );
    b.press(keys::TAB);
    let focused = b.run(
        &format!("return document.activeElement === document.querySelector('{LINK}');"),
        json!([]),
    );
    assert_eq!(focused, json!(true), "Tab reaches the link");
    assert_eq!(
        shown_tooltip(&b, "the tooltip on focus"),
        json!(description)
    );
    b.press(keys::ESCAPE);
    wait_hidden(&b, "the tooltip to hide on Escape");
}

#[test]
fn hovering_shows_the_description() {
    let _lock = crate::one_at_a_time();
    let Some((b, _server)) = page_with_tooltips() else {
        return;
    };
    let (link, _, description) = first_link(&b);
    b.pointer("mouse", &link, false);
    assert_eq!(
        shown_tooltip(&b, "the tooltip on hover"),
        json!(description)
    );
    // Moving away hides it.
    b.pointer("mouse", &b.find("h1"), false);
    wait_hidden(&b, "the tooltip to hide when the mouse leaves");
}

#[test]
fn first_tap_shows_the_description_second_tap_follows_the_link() {
    let _lock = crate::one_at_a_time();
    let Some((b, server)) = page_with_tooltips() else {
        return;
    };
    let (link, href, description) = first_link(&b);
    b.pointer("touch", &link, true);
    assert_eq!(
        shown_tooltip(&b, "the tooltip on a tap"),
        json!(description)
    );
    assert_eq!(b.url(), server.url(PAGE), "the first tap stays on the page");
    b.pointer("touch", &link, true);
    b.wait_for(
        &format!("location.pathname === {}", json!(href)),
        "the second tap to follow the link",
    );
}

#[test]
fn a_tap_elsewhere_hides_the_tooltip() {
    let _lock = crate::one_at_a_time();
    let Some((b, server)) = page_with_tooltips() else {
        return;
    };
    let (link, _, _) = first_link(&b);
    b.pointer("touch", &link, true);
    shown_tooltip(&b, "the tooltip on a tap");
    b.pointer("touch", &b.find("h1"), true);
    wait_hidden(&b, "the tooltip to hide on a tap elsewhere");
    // The link needs a first tap again.
    b.pointer("touch", &link, true);
    shown_tooltip(&b, "the tooltip on a new tap");
    assert_eq!(b.url(), server.url(PAGE));
}

#[test]
fn without_javascript_the_description_is_the_title() {
    let _lock = crate::one_at_a_time();
    let Some((b, server)) = demo(&Options { no_script: true }) else {
        return;
    };
    b.goto(&server.url(PAGE));
    let link = b.run(
        &format!(
            "const a = document.querySelector('{LINK}'); return [a.getAttribute('href'), a.getAttribute('title')];"
        ),
        json!([]),
    );
    let href = link[0].as_str().expect("a term link");
    assert_eq!(link[1], json!(description_of(href)));
}
