//! The journey map in a real browser: its scroll region is reached with
//! Tab and scrolled with the arrow keys while the lane names stay in
//! place; narrow screens get the timeline instead, except when a link
//! points at a step of the map; and axe-core finds nothing on a journey
//! map, a future state, a persona page and the persona index, in light
//! and dark mode.

use serde_json::{Value, json};

use super::axe::assert_accessible;
use super::server::Server;
use super::webdriver::{Browser, Options, available, keys};

const DEMO_URL: &str = "https://example.com/kb/";
/// The demo's widest map: eight steps.
const MAP: &str = "journeys/reklamation-und-wiederkauf/";

fn demo() -> Option<(Browser, Server)> {
    if !available() {
        return None;
    }
    let server = Server::start(&super::site::demo(DEMO_URL), "/kb/");
    Some((Browser::start(&Options::default()), server))
}

/// The map region's scroll position, and the left edges of the region
/// and of the first lane name.
const GEOMETRY: &str = "const r = document.querySelector('.journey-map-scroll');
    const lane = r.querySelector('tbody th[scope=row]');
    return [r.scrollLeft, r.scrollWidth > r.clientWidth,
            Math.round(r.getBoundingClientRect().left),
            Math.round(lane.getBoundingClientRect().left)];";

#[test]
fn the_map_scrolls_by_keyboard_with_the_lane_names_fixed() {
    let _lock = crate::one_at_a_time();
    let Some((b, server)) = demo() else {
        return;
    };
    b.goto(&server.url(MAP));
    let before = b.run(GEOMETRY, json!([]));
    assert_eq!(before[0], json!(0));
    assert_eq!(
        before[1],
        json!(true),
        "eight steps are wider than the window"
    );
    // Tab from the map's heading reaches the region (a link-free caption
    // and a focusable wrapper come before the table's links).
    b.run(
        "const h = document.getElementById('map-title'); h.tabIndex = -1; h.focus();",
        json!([]),
    );
    b.press(keys::TAB);
    let focused = b.run(
        "return document.activeElement.classList.contains('journey-map-scroll')
            && document.activeElement.getAttribute('role') === 'region'
            && document.activeElement.getAttribute('aria-labelledby') === 'map-caption';",
        json!([]),
    );
    assert_eq!(focused, json!(true), "Tab reaches the map region");
    b.press(&keys::ARROW_RIGHT.repeat(6));
    let after = b.wait_for(
        &format!(
            "(() => {{ const g = (() => {{ {GEOMETRY} }})(); return g[0] > 0 ? g : null; }})()"
        ),
        "the map to scroll sideways",
    );
    assert!(after[0].as_f64().unwrap() > 0.0, "{after}");
    // The lane names stay at the region's left edge.
    let edge = |g: &Value| g[3].as_i64().unwrap() - g[2].as_i64().unwrap();
    assert_eq!(edge(&after), edge(&before), "{before} → {after}");
}

/// Which of the two views a page shows: [map, timeline].
const VIEWS: &str = "return ['.journey-map-section', '.journey-timeline']
    .map(s => getComputedStyle(document.querySelector(s)).display !== 'none');";

#[test]
fn narrow_screens_show_the_timeline_and_step_links_still_find_the_map() {
    let _lock = crate::one_at_a_time();
    let Some((b, server)) = demo() else {
        return;
    };
    b.goto(&server.url(MAP));
    assert_eq!(b.run(VIEWS, json!([])), json!([true, false]));
    b.cdp(
        "Emulation.setDeviceMetricsOverride",
        json!({"width": 400, "height": 800, "deviceScaleFactor": 1, "mobile": true}),
    );
    b.goto(&server.url(MAP));
    assert_eq!(b.run(VIEWS, json!([])), json!([false, true]));
    // A link to a step (as the opportunities page makes) shows that column.
    b.goto(&server.url(&format!("{MAP}#step-4")));
    let shown = b.run(
        "const th = document.getElementById('step-4');
         return [getComputedStyle(document.querySelector('.journey-map-section')).display !== 'none',
                 th.getBoundingClientRect().width > 0];",
        json!([]),
    );
    assert_eq!(shown, json!([true, true]));
}

#[test]
fn journey_maps_and_persona_pages_pass_axe_in_light_and_dark_mode() {
    let _lock = crate::one_at_a_time();
    let Some((b, server)) = demo() else {
        return;
    };
    for page in [
        MAP,
        "journeys/erstkauf-im-onlineshop-zielbild/",
        "en/journeys/erstkauf-im-onlineshop/",
        "journeys/",
        "personas/",
        "personas/neukundin/",
        "en/personas/neukundin/",
    ] {
        b.goto(&server.url(page));
        assert_accessible(&b, &format!("/kb/{page}"));
    }
}
