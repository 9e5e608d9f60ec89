//! Snapshots of the `<main>` element of the key pages of the `basic`
//! fixture. A changed snapshot is a changed page: read the diff before
//! accepting it.

use crate::helper::{Built, build_fixture};
use crate::html::main_of;

fn basic() -> Built {
    let built = build_fixture("basic", &[]);
    built.assert_clean();
    built
}

#[test]
fn term_page() {
    let html = basic().page("glossary/customer-journey/");
    insta::assert_snapshot!(main_of(&html));
}

#[test]
fn touchpoint_page() {
    let html = basic().page("touchpoints/live-chat/");
    insta::assert_snapshot!(main_of(&html));
}

#[test]
fn glossary_index() {
    let html = basic().page("glossary/");
    insta::assert_snapshot!(main_of(&html));
}

#[test]
fn touchpoint_catalogue() {
    let html = basic().page("touchpoints/");
    insta::assert_snapshot!(main_of(&html));
}

#[test]
fn journey_page() {
    let html = basic().page("journeys/erstkauf/");
    insta::assert_snapshot!(main_of(&html));
}
