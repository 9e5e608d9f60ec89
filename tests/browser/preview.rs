//! The live preview in a real browser, against a running `touchbase serve`
//! (the real binary, see `tests/serve/`): the error overlay that *Hide*
//! and Escape put aside, the scroll position kept across a reload, and a
//! stylesheet-only change swapping the CSS without reloading the page.

use serde_json::json;

use crate::client::Serve;

use super::webdriver::{Browser, Options, available, keys};

const PAGE: &str = "/glossary/crm/";
const TERM: &str = "content/glossary/crm.md";

fn term(body: &str) -> String {
    format!(
        "+++\ntitle = \"Kundenbeziehungsmanagement\"\ndescription = \"Systematische Pflege der Kundenbeziehungen.\"\nabbreviation = \"CRM\"\n+++\n\n{body}\n"
    )
}

/// Whether the overlay is on screen.
const OVERLAY_SHOWN: &str = "(() => { const o = document.getElementById('touchbase-overlay');
    return !!o && !o.hidden && o.getClientRects().length > 0; })()";

#[test]
fn the_error_overlay_hides_with_its_button_and_with_escape() {
    let _lock = crate::one_at_a_time();
    if !available() {
        return;
    }
    let serve = Serve::start("basic");
    let b = Browser::start(&Options::default());
    b.goto(&serve.url(PAGE));
    b.wait_for(
        "document.querySelector('script[data-touchbase-id]')",
        "the live-reload script",
    );
    assert_eq!(b.run(&format!("return {OVERLAY_SHOWN}"), json!([])), false);

    // A broken save: the open page reloads and shows the problems.
    std::fs::write(serve.root().join(TERM), "+++\ntitel = \"CRM\"\n+++\n").unwrap();
    b.wait_across_reload(OVERLAY_SHOWN, "the overlay after a broken save");
    let text = b.run(
        "return document.querySelector('#touchbase-overlay pre').textContent",
        json!([]),
    );
    assert!(
        text.as_str().unwrap().contains(
            "error: unknown key `titel` in term front matter\n --> content/glossary/crm.md:2:1"
        ),
        "{text}"
    );
    // Hide has the focus, so Enter or a click puts the overlay aside.
    let focused = b.run("return document.activeElement.textContent", json!([]));
    assert_eq!(focused, "Hide");
    b.click(&b.find("#touchbase-overlay [data-touchbase-close]"));
    b.wait_for(&format!("!{OVERLAY_SHOWN}"), "Hide to hide the overlay");

    // Every page shows it until the site is fixed; Escape hides it too.
    b.goto(&serve.url("/about/"));
    b.wait_for(OVERLAY_SHOWN, "the overlay on another page");
    b.press(keys::ESCAPE);
    b.wait_for(&format!("!{OVERLAY_SHOWN}"), "Escape to hide the overlay");

    // The fix removes it.
    std::fs::write(serve.root().join(TERM), term("Repariert PREVIEW-FIXED.")).unwrap();
    b.goto(&serve.url(PAGE));
    b.wait_across_reload(
        "document.body.textContent.includes('PREVIEW-FIXED') && !document.getElementById('touchbase-overlay')",
        "the fixed page without the overlay",
    );
}

#[test]
fn a_reload_keeps_the_scroll_position() {
    let _lock = crate::one_at_a_time();
    if !available() {
        return;
    }
    // A page several screens long.
    let long: String = (1..=120)
        .map(|i| format!("Absatz {i}: Ein CRM-System speichert, was Kunden erlebt haben.\n\n"))
        .collect();
    let serve = Serve::start_with("basic", |site| {
        std::fs::write(site.join(TERM), term(&long)).unwrap()
    });
    let b = Browser::start(&Options::default());
    b.goto(&serve.url(PAGE));
    b.wait_for(
        "document.readyState === 'complete' && document.querySelector('script[data-touchbase-id]')",
        "the page",
    );
    // Chromium restores the position of a reloaded page by itself; turned
    // off, as other browsers may have it, only the live-reload script can.
    let y = b.run(
        "history.scrollRestoration = 'manual';
         window.scrollTo({top: 1500, behavior: 'instant'}); window.beforeReload = true; return window.scrollY;",
        json!([]),
    );
    assert_eq!(y, 1500, "the page is long enough to scroll");

    // An edit below what is on screen.
    std::fs::write(
        serve.root().join(TERM),
        term(&format!("{long}Neu am Ende: PREVIEW-RELOADED.")),
    )
    .unwrap();
    b.wait_across_reload(
        "document.body.textContent.includes('PREVIEW-RELOADED') && document.readyState === 'complete' && window.scrollY > 0",
        "the reloaded page, scrolled",
    );
    let after = b.run(
        "return [window.scrollY, window.beforeReload === undefined, history.scrollRestoration]",
        json!([]),
    );
    assert_eq!(
        after,
        json!([1500, true, "manual"]),
        "[scrollY, reloaded, restoration]"
    );
}

#[test]
fn a_stylesheet_change_swaps_the_css_without_a_reload() {
    let _lock = crate::one_at_a_time();
    if !available() {
        return;
    }
    // The site's own assets/style.css in place of the theme's.
    let css = "static/assets/style.css";
    let serve = Serve::start_with("basic", |site| {
        std::fs::create_dir_all(site.join("static/assets")).unwrap();
        std::fs::write(site.join(css), "body { background-color: rgb(1, 2, 3); }\n").unwrap();
    });
    let b = Browser::start(&Options::default());
    b.goto(&serve.url(PAGE));
    b.wait_for(
        "getComputedStyle(document.body).backgroundColor === 'rgb(1, 2, 3)'
         && document.querySelector('script[data-touchbase-id]')",
        "the first stylesheet",
    );
    b.run("window.beforeChange = 42;", json!([]));

    std::fs::write(
        serve.root().join(css),
        "body { background-color: rgb(4, 5, 6); }\n",
    )
    .unwrap();
    b.wait_for(
        "getComputedStyle(document.body).backgroundColor === 'rgb(4, 5, 6)'",
        "the new stylesheet",
    );
    let state = b.run(
        "return [window.beforeChange,
                 [...document.querySelectorAll('link[rel=stylesheet]')]
                   .map(l => new URL(l.href).pathname)
                   .filter(p => p.endsWith('/style.css')).length]",
        json!([]),
    );
    assert_eq!(state, json!([42, 1]), "[no reload, one style.css link]");
}
