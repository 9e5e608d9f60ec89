//! `[brand]`: the logo, favicon, accent colour and footer links of the
//! company on every page type, under a sub-path — and the theme's own
//! favicon on sites without a brand.

use crate::helper::build_fixture;
use crate::html::{attr_of, broken_links};

/// One page of each type the site has, in both languages.
const PAGE_TYPES: &[&str] = &[
    "",
    "glossary/",
    "glossary/kundenbindung/",
    "touchpoints/",
    "touchpoints/hotline/",
    "journey/",
    "journeys/",
    "journeys/erstkauf/",
    "tags/",
    "tags/cx/",
    "channels/service/",
    "stages/usage/",
    "owners/kundenservice/",
    "search/",
    "impressum/",
    "404.html",
    "en/",
    "en/glossary/",
    "en/glossary/kundenbindung/",
    "en/touchpoints/",
    "en/impressum/",
];

#[test]
fn logo_favicon_accent_and_footer_are_on_every_page_type_with_the_sub_path() {
    for (base_url, base_path) in [
        ("https://example.com/kb/", "/kb/"),
        ("https://other.org/sub/dir/", "/sub/dir/"),
    ] {
        let built = build_fixture("brand", &["--base-url", base_url]);
        built.assert_clean();
        let html_files: Vec<String> = built
            .files()
            .into_iter()
            .filter(|f| f.ends_with(".html"))
            .collect();
        for page in PAGE_TYPES {
            let file = crate::helper::page_file(page);
            assert!(html_files.contains(&file), "no page {file}");
        }
        for file in &html_files {
            let html = built.page(file);
            let en = file.starts_with("en/");
            let logo = format!(
                "<img class=\"site-logo\" src=\"{base_path}assets/brand/logo.png\" alt=\"Marken-KB\" width=\"120\" height=\"30\">"
            );
            assert!(html.contains(&logo), "{file}: no logo");
            assert_eq!(
                attr_of(&html, "<link rel=\"icon\"", "href"),
                Some(format!("{base_path}favicon.svg").as_str()),
                "{file}"
            );
            assert_eq!(html.matches("<link rel=\"icon\"").count(), 1, "{file}");
            assert!(
                html.contains("--accent:#0f766e;--link:#0f766e;--focus:#0f766e"),
                "{file}: no accent"
            );
            let footer = &html[html.find("<footer").expect("a footer")..];
            let expected = if en {
                [
                    format!("<a href=\"{base_path}impressum/\">Imprint</a>"),
                    "<a href=\"https://example.com/privacy/\">Privacy</a>".to_string(),
                    "<a href=\"mailto:kb@example.com\">Kontakt</a>".to_string(),
                ]
            } else {
                [
                    format!("<a href=\"{base_path}impressum/\">Impressum</a>"),
                    "<a href=\"https://example.com/datenschutz/\">Datenschutz</a>".to_string(),
                    "<a href=\"mailto:kb@example.com\">Kontakt</a>".to_string(),
                ]
            };
            let mut at = 0;
            for link in &expected {
                let found = footer[at..].find(link.as_str());
                assert!(found.is_some(), "{file}: no {link} (in order) in\n{footer}");
                at += found.unwrap();
            }
        }
        let broken = broken_links(&built.output(), base_path);
        assert!(broken.is_empty(), "{broken:#?}");
    }
}

#[test]
fn brand_files_are_copied_and_replace_the_theme_favicon() {
    let built = build_fixture("brand", &[]);
    built.assert_clean();
    let read = |path: &std::path::Path| std::fs::read(path).expect("reading a file");
    let source = built.root().join("assets");
    assert_eq!(
        read(&built.output().join("assets/brand/logo.png")),
        read(&source.join("logo.png"))
    );
    assert_eq!(
        read(&built.output().join("favicon.svg")),
        read(&source.join("icon.svg"))
    );
    // touchbase's own icon would show instead of the company's.
    assert!(!built.output().join("favicon.ico").exists());
}

#[test]
fn without_brand_the_theme_favicon_is_linked_and_shipped() {
    let built = build_fixture("basic", &[]);
    built.assert_clean();
    for file in built.files().iter().filter(|f| f.ends_with(".html")) {
        let html = built.page(file);
        assert!(
            html.contains(
                "<link rel=\"icon\" href=\"/kb/favicon.ico\" type=\"image/x-icon\" sizes=\"32x32\">"
            ),
            "{file}"
        );
        assert!(
            html.contains("<link rel=\"icon\" href=\"/kb/favicon.svg\" type=\"image/svg+xml\">"),
            "{file}"
        );
        assert!(!html.contains("site-logo"), "{file}");
        assert!(!html.contains("--accent:"), "{file}: no accent colour");
        assert!(
            html.contains(
                "<p class=\"site-title\"><a href=\"/kb/\" rel=\"home\">Kontaktpunkte KB</a></p>"
            ),
            "{file}"
        );
    }
    let ico = std::fs::read(built.output().join("favicon.ico")).expect("favicon.ico");
    assert_eq!(&ico[..4], &[0, 0, 1, 0], "an ICO file");
    let svg = built.page("favicon.svg");
    assert!(svg.starts_with("<svg"), "{svg}");
}
