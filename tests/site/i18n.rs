//! Languages: the default language at the root, every other one under
//! `/<lang>/`; translations paired by file stem or `translation_key`;
//! hreflang alternates with x-default in pages and the sitemap; and a
//! language switcher that falls back to the other language's start page.

use crate::helper::{Built, build_fixture};
use crate::html::{attr_values, main_of, texts};

fn i18n() -> Built {
    let built = build_fixture("i18n", &[]);
    built.assert_clean();
    built
}

/// `(hreflang, href)` of every `<link rel="alternate">` in the head.
fn alternates(html: &str) -> Vec<(String, String)> {
    html.match_indices("<link rel=\"alternate\"")
        .map(|(at, _)| {
            let tag = &html[at..at + html[at..].find('>').expect("a closed tag")];
            (
                attr_values(tag, "hreflang").concat(),
                attr_values(tag, "href").concat(),
            )
        })
        .collect()
}

/// `(lang, href)` of the language switcher's links; the current language
/// has an empty href.
fn switcher(html: &str) -> Vec<(String, String)> {
    let start = html
        .find("<nav class=\"lang-switch\"")
        .expect("a language switcher");
    let nav = &html[start..start + html[start..].find("</nav>").expect("a closed nav")];
    nav.split("<li>")
        .skip(1)
        .map(|item| {
            let lang = attr_values(item, "lang").concat();
            let href = attr_values(item, "href").concat();
            (lang, href)
        })
        .collect()
}

fn pair(lang: &str, url: &str) -> (String, String) {
    (lang.to_string(), url.to_string())
}

#[test]
fn every_language_gets_its_own_tree() {
    let built = i18n();
    let files = built.files();
    for file in [
        "index.html",
        "en/index.html",
        "glossary/index.html",
        "en/glossary/index.html",
        "glossary/kundenbindung/index.html",
        "en/glossary/kundenbindung/index.html",
        "glossary/datenschutz/index.html",
        "en/glossary/privacy/index.html",
        "glossary/nur-deutsch/index.html",
        "touchpoints/hotline/index.html",
        "en/touchpoints/hotline/index.html",
        "en/touchpoints/index.html",
        "en/journey/index.html",
        "en/journeys/index.html",
        "about/index.html",
        "en/about/index.html",
        "en/stages/usage/index.html",
        "en/channels/service/index.html",
        "en/owners/customer-service/index.html",
    ] {
        assert!(files.iter().any(|f| f == file), "missing {file}");
    }
    assert!(
        !files
            .iter()
            .any(|f| f == "en/glossary/nur-deutsch/index.html")
    );
    assert!(!files.iter().any(|f| f == "en/404.html"));
}

#[test]
fn english_pages_use_english_strings_labels_and_links() {
    let built = i18n();
    let html = built.page("en/touchpoints/hotline/");
    assert!(html.starts_with("<!doctype html>\n<html lang=\"en\">"));
    assert!(html.contains("<a class=\"skip-link\" href=\"#main\">Skip to content</a>"));
    assert!(html.contains("<li><a href=\"/kb/en/glossary/\">Glossary</a></li>"));
    let main = main_of(&html);
    assert!(main.contains("<dd><a href=\"/kb/en/channels/service/\">Customer service</a></dd>"));
    assert!(main.contains("class=\"label label-usage\">Usage</a>"));
    // `terms` resolves among the English terms.
    assert!(main.contains("<a href=\"/kb/en/glossary/kundenbindung/\""));
    assert_eq!(
        texts(&built.page("en/glossary/"), "<dt>", "dt"),
        ["Customer retention", "Privacy"]
    );
}

#[test]
fn translations_paired_by_file_stem_link_to_each_other() {
    let built = i18n();
    let de = built.page("glossary/kundenbindung/");
    let en = built.page("en/glossary/kundenbindung/");
    let expected = vec![
        pair("de", "https://example.com/kb/glossary/kundenbindung/"),
        pair("en", "https://example.com/kb/en/glossary/kundenbindung/"),
        pair(
            "x-default",
            "https://example.com/kb/glossary/kundenbindung/",
        ),
    ];
    assert_eq!(alternates(&de), expected);
    assert_eq!(alternates(&en), expected);
    assert_eq!(
        switcher(&de),
        [pair("de", ""), pair("en", "/kb/en/glossary/kundenbindung/")]
    );
    assert_eq!(
        switcher(&en),
        [pair("de", "/kb/glossary/kundenbindung/"), pair("en", "")]
    );
}

#[test]
fn translations_paired_by_translation_key_link_to_each_other() {
    let built = i18n();
    let expected = vec![
        pair("de", "https://example.com/kb/glossary/datenschutz/"),
        pair("en", "https://example.com/kb/en/glossary/privacy/"),
        pair("x-default", "https://example.com/kb/glossary/datenschutz/"),
    ];
    assert_eq!(alternates(&built.page("glossary/datenschutz/")), expected);
    let privacy = built.page("en/glossary/privacy/");
    assert_eq!(alternates(&privacy), expected);
    assert_eq!(
        switcher(&privacy),
        [pair("de", "/kb/glossary/datenschutz/"), pair("en", "")]
    );
}

#[test]
fn page_without_translation_switches_to_the_other_start_page() {
    let built = i18n();
    let html = built.page("glossary/nur-deutsch/");
    assert_eq!(alternates(&html), []);
    assert_eq!(switcher(&html), [pair("de", ""), pair("en", "/kb/en/")]);
}

#[test]
fn generated_pages_are_translations_of_each_other() {
    let built = i18n();
    assert_eq!(
        alternates(&built.page("en/journey/")),
        [
            pair("de", "https://example.com/kb/journey/"),
            pair("en", "https://example.com/kb/en/journey/"),
            pair("x-default", "https://example.com/kb/journey/"),
        ]
    );
    assert_eq!(
        switcher(&built.page("")),
        [pair("de", ""), pair("en", "/kb/en/")]
    );
}

#[test]
fn sitemap_carries_hreflang_alternates() {
    let sitemap = i18n().page("sitemap.xml");
    assert!(
        sitemap.contains(
            "  <url>\n    <loc>https://example.com/kb/en/glossary/privacy/</loc>\n    \
             <xhtml:link rel=\"alternate\" hreflang=\"de\" href=\"https://example.com/kb/glossary/datenschutz/\"/>\n    \
             <xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"https://example.com/kb/en/glossary/privacy/\"/>\n    \
             <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"https://example.com/kb/glossary/datenschutz/\"/>\n  </url>\n"
        ),
        "{sitemap}"
    );
    assert!(
        sitemap.contains(
            "  <url>\n    <loc>https://example.com/kb/glossary/nur-deutsch/</loc>\n  </url>\n"
        ),
        "a page without translation has no alternates: {sitemap}"
    );
}

#[test]
fn a_dot_in_a_file_name_is_a_language_only_for_configured_languages() {
    // `node.js.md` beside `node.md` is the page `node-js`, not `node` in
    // the language `js` (which would clash with `node.md`).
    let built = i18n();
    let files = built.files();
    for (page, title) in [
        ("glossary/node/index.html", "Node"),
        ("glossary/node-js/index.html", "Node.js"),
        ("glossary/asp-net/index.html", "ASP.NET"),
        ("glossary/web-2-0/index.html", "Web 2.0"),
    ] {
        assert!(
            files.contains(&page.to_string()),
            "{page} missing: {files:?}"
        );
        let html = built.page(page.trim_end_matches("index.html"));
        assert!(
            html.contains(&format!("<h1><dfn>{title}</dfn></h1>")),
            "{page}"
        );
        assert!(html.contains("<html lang=\"de\""), "{page}");
    }
    assert!(
        !files
            .iter()
            .any(|f| f.starts_with("js/") || f.starts_with("net/")),
        "{files:?}"
    );
    // A configured suffix still names the language.
    assert!(files.contains(&"en/glossary/kundenbindung/index.html".to_string()));
}
