//! Tooltips of term links in a real browser: keyboard focus shows the
//! term's description, Escape hides it, hovering shows it, the link is
//! described to screen readers, and without JavaScript the description is
//! the link's `title`.

use serde_json::json;

use super::server::Server;
use super::webdriver::{Browser, Options, available, keys};

const DEMO_URL: &str = "https://example.com/kb/";
/// A term page of the demo whose text links other terms.
const PAGE: &str = "glossary/kundenkontaktpunkt/";

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

/// Whether the tooltip is visible, and its text.
const TOOLTIP_STATE: &str = "(() => { const t = document.querySelector('.tb-tooltip');
    return t ? [!t.hidden && t.offsetWidth > 0, t.textContent] : null; })()";

#[test]
fn keyboard_focus_shows_the_description_and_escape_hides_it() {
    let _lock = crate::one_at_a_time();
    let Some((b, _server)) = page_with_tooltips() else {
        return;
    };
    // Tab from the start of the main text to its first term link.
    let (description, described_by) = {
        let link = b.run(
            "const a = document.querySelector('main .prose a.term-link');
             document.querySelector('main').focus();
             return [a.getAttribute('data-tooltip'), a.getAttribute('aria-describedby'), a.getAttribute('title')];",
            json!([]),
        );
        assert!(link[2].is_null(), "the native title is replaced: {link}");
        (
            link[0].as_str().unwrap().to_string(),
            link[1].as_str().unwrap().to_string(),
        )
    };
    assert!(!description.is_empty());
    let focused = b.run(
        "const a = document.querySelector('main .prose a.term-link'); a.focus(); return document.activeElement === a;",
        json!([]),
    );
    assert_eq!(focused, json!(true));
    let shown = b.wait_for(
        &format!("(() => {{ const s = {TOOLTIP_STATE}; return s && s[0] && s[1]; }})()"),
        "the tooltip on focus",
    );
    assert_eq!(shown, json!(description));
    // Screen readers get the same text from the element the link points to.
    let read = b.run(
        "return document.getElementById(arguments[0]).textContent;",
        json!([described_by]),
    );
    assert_eq!(read, json!(description));
    b.press(keys::ESCAPE);
    b.wait_for(
        &format!("(() => {{ const s = {TOOLTIP_STATE}; return s && !s[0]; }})()"),
        "the tooltip to hide on Escape",
    );
}

#[test]
fn hovering_shows_the_description() {
    let _lock = crate::one_at_a_time();
    let Some((b, _server)) = page_with_tooltips() else {
        return;
    };
    b.run(
        "document.querySelector('main .prose a.term-link').dispatchEvent(new MouseEvent('mouseenter'));",
        json!([]),
    );
    b.wait_for(
        &format!("(() => {{ const s = {TOOLTIP_STATE}; return s && s[0]; }})()"),
        "the tooltip on hover",
    );
}

#[test]
fn without_javascript_the_description_is_the_title() {
    let _lock = crate::one_at_a_time();
    let Some((b, server)) = demo(&Options { no_script: true }) else {
        return;
    };
    b.goto(&server.url(PAGE));
    let title = b.run(
        "const a = document.querySelector('main .prose a.term-link'); return a && a.getAttribute('title');",
        json!([]),
    );
    assert!(title.as_str().is_some_and(|t| !t.is_empty()), "{title}");
}
