//! Cross-links on the `crosslinks` fixture: every link syntax resolves to
//! the right page, term links carry their description, autolinking obeys
//! its rules (first mention, longest match, whole words, never in headings,
//! code, links or image text), backlinks count every kind of reference, and
//! links resolve in the page's own language first.

use crate::helper::{Built, build_fixture};
use crate::html::main_of;

fn crosslinks() -> Built {
    let built = build_fixture("crosslinks", &[]);
    built.assert_clean();
    built
}

/// `(href, text)` of every `<a>` inside `<main>`'s prose.
pub(crate) fn prose_links(html: &str) -> Vec<(String, String)> {
    let main = main_of(html);
    let prose = main.split("<div class=\"prose\">").nth(1).unwrap_or("");
    let end = [
        "<section class=\"links\"",
        "<div class=\"tags\"",
        "</article>",
    ]
    .iter()
    .filter_map(|marker| prose.find(marker))
    .min()
    .unwrap_or(prose.len());
    let prose = &prose[..end];
    let mut out = Vec::new();
    for part in prose.split("<a ").skip(1) {
        let href = part
            .split("href=\"")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .unwrap_or("");
        let text = part
            .split_once('>')
            .map_or("", |(_, r)| r.split("</a>").next().unwrap_or(""));
        out.push((href.to_string(), text.to_string()));
    }
    out
}

pub(crate) fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn every_link_syntax_resolves() {
    let built = crosslinks();
    let links = prose_links(&built.page("guides/links/"));
    assert_eq!(
        links,
        pairs(&[
            ("/kb/glossary/kundenbindung/", "Kundenbindung"),
            ("/kb/glossary/kundenbindung/", "treue Kunden"),
            ("/kb/glossary/kundenkontaktpunkt/", "Touchpoint"),
            ("/kb/glossary/kundenbindung/#messung", "Kundenbindung"),
            ("/kb/glossary/customer-journey/", "customer_journey"),
            ("/kb/touchpoints/live-chat/", "Live-Chat"),
            ("/kb/glossary/live-chat/", "Live-Chat"),
            ("/kb/journeys/kauf/", "Kauf"),
            ("/kb/guides/autolink/", "autolink"),
            ("/kb/glossary/kundenbindung/#messung", "Bindung"),
            ("/kb/touchpoints/live-chat/", "Chat"),
            ("/kb/glossary/", "Glossar"),
            ("/kb/glossary/kundenkontaktpunkt/", "Kontakt"),
            ("https://example.org/x", "Beispiel"),
            ("/kb/glossary/kundenbindung/", "Bindung"),
        ])
    );
}

#[test]
fn links_to_terms_carry_the_description_as_tooltip() {
    let built = crosslinks();
    let html = built.page("guides/links/");
    assert!(html.contains(
        "<a href=\"/kb/glossary/kundenbindung/\" class=\"term-link\" title=\"Wie gut Kunden wiederkommen.\">Kundenbindung</a>"
    ));
    // A link to a touchpoint has a title but is not a term link.
    assert!(html.contains(
        "<a href=\"/kb/touchpoints/live-chat/\" title=\"Der Touchpoint Live-Chat.\">Live-Chat</a>"
    ));
    assert!(html.contains("tooltip.js"));
}

#[test]
fn autolinking_rules() {
    let built = crosslinks();
    let html = built.page("guides/autolink/");
    let autolinks: Vec<(String, String)> = prose_links(&html)
        .into_iter()
        .filter(|(href, _)| href.starts_with("/kb/"))
        .collect();
    assert_eq!(
        autolinks,
        pairs(&[
            // First mention only; the heading is skipped.
            ("/kb/glossary/kundenbindung/", "Kundenbindung"),
            // Longest match first, then the shorter term on its own.
            (
                "/kb/glossary/customer-journey-mapping/",
                "Customer Journey Mapping"
            ),
            ("/kb/glossary/customer-journey/", "Customer Journey"),
            // Not in code, links or image text: the plural alias is the first prose mention.
            ("/kb/glossary/kundenkontaktpunkt/", "Kundenkontaktpunkte"),
            // Case-insensitive; ß also matches its ss spelling (as in AUSSENWERBUNG).
            ("/kb/glossary/strasse/", "Aussenwerbung"),
            // A mention in a code block is not the first mention.
            ("/kb/glossary/live-chat/", "Live-Chat"),
        ])
    );
    assert!(html.contains("<h2 id=\"kundenbindung-im-titel\">Kundenbindung im Titel</h2>"));
    assert!(html.contains("Kundenbindungsprogramme enthalten"));
    assert!(html.contains("alt=\"Kundenkontaktpunkt im Bild\""));
    assert!(html.contains("class=\"term-link autolink\""));
    assert!(html.contains("Im Codeblock: Live-Chat"));
}

#[test]
fn a_term_is_never_autolinked_on_its_own_page() {
    let built = crosslinks();
    let links = prose_links(&built.page("glossary/kundenkontaktpunkt/"));
    assert_eq!(links, []);
}

/// The titles listed under "Erwähnt in" on a page.
fn backlinks(html: &str) -> Vec<String> {
    let Some(section) = html.split("id=\"backlinks\"").nth(1) else {
        return Vec::new();
    };
    let section = section.split("</section>").next().unwrap_or("");
    section
        .split("<a ")
        .skip(1)
        .filter_map(|a| {
            a.split_once('>')
                .map(|(_, r)| r.split("</a>").next().unwrap_or("").to_string())
        })
        .collect()
}

#[test]
fn backlinks_count_every_kind_of_reference() {
    let built = crosslinks();
    // Wiki link, source link, table cell and autolink all point here.
    let mut found = backlinks(&built.page("glossary/kundenbindung/"));
    found.sort();
    assert_eq!(found, ["Alle Verweise", "Automatische Verweise"]);
    // A journey step and the `terms` of a touchpoint count too.
    let mut touchpoint = backlinks(&built.page("touchpoints/live-chat/"));
    touchpoint.sort();
    assert_eq!(touchpoint, ["Alle Verweise", "Kauf"]);
    // The autolinked prose mention counts; the one in a code block does not link.
    let mut term = backlinks(&built.page("glossary/live-chat/"));
    term.sort();
    assert_eq!(
        term,
        ["Alle Verweise", "Automatische Verweise", "Live-Chat"]
    );
}

#[test]
fn links_resolve_in_the_page_language_first() {
    let built = crosslinks();
    let links = prose_links(&built.page("en/guides/links/"));
    assert_eq!(
        links,
        pairs(&[
            ("/kb/en/glossary/customer-journey/", "Customer Journey"),
            // No English version: the default language's term.
            ("/kb/glossary/kundenbindung/", "Kundenbindung"),
        ])
    );
}

#[test]
fn images_are_rewritten_relative_to_the_source_file() {
    let built = crosslinks();
    assert!(
        built
            .page("guides/autolink/")
            .contains("src=\"/kb/guides/bild.png\"")
    );
    assert!(built.output().join("guides/bild.png").is_file());
}
