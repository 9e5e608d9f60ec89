//! The output folder as DESIGN.md fixes it: which files a site produces,
//! that every page carries the basics (language, canonical URL, skip link),
//! that every internal link resolves, that `--base-url` moves everything,
//! that builds are byte-for-byte reproducible, and that a failed build
//! never damages the previous output.

use crate::helper::{build_fixture, entries, page_file, tree};
use crate::html::{attr_of, attr_values, broken_links, main_of};

#[test]
fn basic_site_has_the_designed_layout() {
    let built = build_fixture("basic", &[]);
    built.assert_clean();
    let files = built.files();
    let expected = [
        "index.html",
        "404.html",
        "robots.txt",
        "sitemap.xml",
        "assets/style.css",
        "assets/syntax-light.css",
        "assets/syntax-dark.css",
        "glossary/index.html",
        "glossary/crm/index.html",
        "glossary/customer-journey/index.html",
        "glossary/kundenbindung/index.html",
        "touchpoints/index.html",
        "touchpoints/hotline/index.html",
        "touchpoints/live-chat/index.html",
        "touchpoints/website/index.html",
        "journey/index.html",
        "journeys/index.html",
        "journeys/erstkauf/index.html",
        "about/index.html",
        "impressum/index.html",
        "tags/index.html",
        "tags/bindung/index.html",
        "tags/cx/index.html",
        "tags/service/index.html",
        "channels/index.html",
        "channels/online/index.html",
        "channels/offline/index.html",
        "channels/service/index.html",
        "channels/after-purchase/index.html",
        "stages/index.html",
        "stages/awareness/index.html",
        "stages/consideration/index.html",
        "stages/purchase/index.html",
        "stages/onboarding/index.html",
        "stages/usage/index.html",
        "stages/loyalty/index.html",
        "stages/advocacy/index.html",
        "owners/index.html",
        "owners/kundenservice/index.html",
        "owners/marketing/index.html",
    ];
    let missing: Vec<&str> = expected
        .into_iter()
        .filter(|f| !files.iter().any(|have| have == f))
        .collect();
    assert!(missing.is_empty(), "missing {missing:?} in {files:#?}");
    assert!(
        !files.iter().any(|f| f.starts_with("en/")),
        "a one-language site has no language tree: {files:#?}"
    );
}

#[test]
fn sitemap_lists_every_page_but_the_404_and_robots_points_to_it() {
    let built = build_fixture("basic", &[]);
    built.assert_clean();
    let mut pages: Vec<String> = built
        .files()
        .into_iter()
        // The search pages (`noindex`) stay out of the sitemap too.
        .filter(|f| f.ends_with(".html") && f != "404.html" && !f.contains("search/"))
        .map(|f| {
            format!(
                "https://example.com/kb/{}",
                f.trim_end_matches("index.html")
            )
        })
        .collect();
    pages.sort();
    let sitemap = built.page("sitemap.xml");
    let locs: Vec<String> = sitemap
        .split("<loc>")
        .skip(1)
        .map(|s| s[..s.find("</loc>").expect("a closed <loc>")].to_string())
        .collect();
    assert_eq!(locs, pages);
    assert!(sitemap.contains(
        "<loc>https://example.com/kb/glossary/customer-journey/</loc>\n    <lastmod>2026-03-01</lastmod>"
    ));
    assert_eq!(
        built.page("robots.txt"),
        "User-agent: *\nAllow: /\nSitemap: https://example.com/kb/sitemap.xml\n"
    );
}

#[test]
fn every_page_has_language_canonical_url_skip_link_and_main() {
    for case in ["basic", "i18n"] {
        let built = build_fixture(case, &[]);
        built.assert_clean();
        for file in built.files().iter().filter(|f| f.ends_with(".html")) {
            let html = built.page(file);
            let lang = if file.starts_with("en/") { "en" } else { "de" };
            assert!(
                html.starts_with(&format!("<!doctype html>\n<html lang=\"{lang}\">")),
                "{case}/{file}"
            );
            // The 404 page is served at any address: no canonical URL.
            let canonical = (file != "404.html").then(|| {
                format!(
                    "https://example.com/kb/{}",
                    file.trim_end_matches("index.html")
                )
            });
            assert_eq!(
                attr_of(&html, "<link rel=\"canonical\"", "href"),
                canonical.as_deref(),
                "{case}/{file}"
            );
            let description = attr_of(&html, "<meta name=\"description\"", "content");
            assert!(
                description.is_some_and(|d| !d.trim().is_empty()),
                "{case}/{file}: meta description {description:?}"
            );
            assert!(
                html.contains("<a class=\"skip-link\" href=\"#main\">"),
                "{case}/{file}"
            );
            assert_eq!(html.matches("<main").count(), 1, "{case}/{file}");
            assert!(
                html.contains("<main id=\"main\" tabindex=\"-1\">"),
                "{case}/{file}"
            );
        }
    }
}

#[test]
fn meta_description_comes_from_front_matter_and_is_escaped() {
    let built = build_fixture("basic", &[]);
    built.assert_clean();
    let description = |page: &str| {
        attr_of(&built.page(page), "<meta name=\"description\"", "content").map(str::to_string)
    };
    assert_eq!(
        description("touchpoints/live-chat/").as_deref(),
        Some("Kunden klären Fragen im Chat auf der Website.")
    );
    assert_eq!(
        description("about/").as_deref(),
        Some("Wozu diese &quot;Wissensdatenbank&quot; dient &amp; wer sie pflegt.")
    );
    // Without a description: the first paragraph, else a sentence made
    // for the kind of page, in the page's language.
    assert_eq!(
        description("impressum/").as_deref(),
        Some("Verantwortlich für den Inhalt ist das CX-Team.")
    );
    assert_eq!(
        description("glossary/").as_deref(),
        Some(
            "Glossar von A bis Z – Kontaktpunkte KB: alle Begriffe mit Definition, Synonymen und verwandten Begriffen."
        )
    );
    assert_eq!(
        description("channels/online/").as_deref(),
        Some("Kanal „Online-Präsenz“ – Kontaktpunkte KB: alle Touchpoints in diesem Kanal.")
    );
}

#[test]
fn generated_meta_descriptions_are_translated() {
    let built = build_fixture("i18n", &[]);
    built.assert_clean();
    let description = |page: &str| {
        attr_of(&built.page(page), "<meta name=\"description\"", "content").map(str::to_string)
    };
    let de = description("touchpoints/").unwrap();
    let en = description("en/touchpoints/").unwrap();
    assert!(de.starts_with("Touchpoint-Katalog – "), "{de}");
    assert!(en.starts_with("Catalogue of every touchpoint of "), "{en}");
}

#[test]
fn syntax_stylesheets_are_linked_only_where_code_is_highlighted() {
    let built = build_fixture("basic", &[]);
    built.assert_clean();
    let with_code = built.page("glossary/customer-journey/");
    // Each scheme reads only its own sheet: the light theme's specific
    // rules would otherwise win over the dark theme's in dark mode.
    assert!(with_code.contains(
        "<link rel=\"stylesheet\" href=\"/kb/assets/syntax-light.css\" media=\"not all and (prefers-color-scheme: dark)\">"
    ));
    assert!(with_code.contains(
        "<link rel=\"stylesheet\" href=\"/kb/assets/syntax-dark.css\" media=\"(prefers-color-scheme: dark)\">"
    ));
    assert!(main_of(&with_code).contains("<pre class=\"code hl-code\" data-lang=\"json\">"));
    let without = built.page("glossary/kundenbindung/");
    assert!(!without.contains("syntax-light.css"));
    assert!(without.contains("<link rel=\"stylesheet\" href=\"/kb/assets/style.css\">"));
}

#[test]
fn every_internal_link_resolves_to_an_output_file() {
    for case in ["basic", "i18n"] {
        let built = build_fixture(case, &[]);
        built.assert_clean();
        let broken = broken_links(&built.output(), "/kb/");
        assert!(broken.is_empty(), "{case}: {broken:#?}");
    }
}

#[test]
fn relative_links_to_source_files_become_output_urls() {
    let built = build_fixture("source-links", &[]);
    built.assert_clean();
    let broken = broken_links(&built.output(), "/kb/");
    assert!(broken.is_empty(), "{broken:#?}");
    let crm = built.page("glossary/crm/");
    let links = attr_values(main_of(&crm), "href");
    assert!(links.contains(&"/kb/touchpoints/hotline/"), "{links:?}");
    assert!(
        links.contains(&"/kb/glossary/kundenbindung/#messung"),
        "{links:?}"
    );
}

#[test]
fn robots_note_is_printed_only_under_a_sub_path() {
    // The text is in tests/cmd/build-sub-path-robots-note.toml.
    let sub = build_fixture("basic", &[]);
    sub.assert_clean();
    assert!(
        sub.stderr.contains("note: the site lives under /kb/"),
        "{}",
        sub.stderr
    );
    let root = build_fixture("basic", &["--base-url", "https://kb.example.com/"]);
    root.assert_clean();
    assert!(!root.stderr.contains("robots.txt"), "{}", root.stderr);
    assert_eq!(
        root.page("robots.txt"),
        "User-agent: *\nAllow: /\nSitemap: https://kb.example.com/sitemap.xml\n"
    );
}

#[test]
fn base_url_option_moves_canonical_urls_assets_and_sitemap() {
    let built = build_fixture("basic", &["--base-url", "https://other.org/sub/"]);
    built.assert_clean();
    for file in built.files().into_iter().filter(|f| !f.ends_with(".ico")) {
        let text = built.page(&file);
        assert!(
            !text.contains("example.com"),
            "{file} still names the configured base_url"
        );
        if !file.ends_with(".html") {
            continue;
        }
        for link in attr_values(&text, "href")
            .into_iter()
            .chain(attr_values(&text, "src"))
            .filter(|l| l.starts_with('/'))
        {
            assert!(link.starts_with("/sub/"), "{file}: {link}");
        }
    }
    let term = built.page("glossary/customer-journey/");
    assert_eq!(
        attr_of(&term, "<link rel=\"canonical\"", "href"),
        Some("https://other.org/sub/glossary/customer-journey/")
    );
    assert!(term.contains("<link rel=\"stylesheet\" href=\"/sub/assets/style.css\">"));
    assert!(
        built
            .page("sitemap.xml")
            .contains("<loc>https://other.org/sub/touchpoints/live-chat/</loc>")
    );
    assert!(
        built
            .page("robots.txt")
            .contains("Sitemap: https://other.org/sub/sitemap.xml")
    );
    assert!(broken_links(&built.output(), "/sub/").is_empty());
}

#[test]
fn building_twice_gives_identical_files() {
    for case in ["basic", "i18n", "unicode"] {
        let mut built = build_fixture(case, &[]);
        built.assert_clean();
        built.rebuild(&["--output", "../second"]);
        built.assert_clean();
        let first = tree(&built.output());
        let second = tree(&built.dir.path().join("second"));
        assert_eq!(
            first.keys().collect::<Vec<_>>(),
            second.keys().collect::<Vec<_>>(),
            "{case}: the file lists differ"
        );
        for (path, bytes) in &first {
            assert!(second[path] == *bytes, "{case}: {path} differs");
        }
    }
}

/// Breaks a site that built before: a content error stops the build before
/// rendering, a template error only while pages are being written.
const BREAKAGES: [(&str, &str); 2] = [
    (
        "content/glossary/kundenbindung.md",
        "Kundenbindung ohne Kopfdaten.\n",
    ),
    (
        "templates/term.html",
        "{% extends \"base.html\" %}\n{% block main %}{{ page.no_such_field }}{% endblock main %}\n",
    ),
];

#[test]
fn failed_build_leaves_the_previous_output_intact() {
    for (file, text) in BREAKAGES {
        let mut built = build_fixture("basic", &[]);
        built.assert_clean();
        let before = tree(&built.output());
        let broken = built.root().join(file);
        std::fs::create_dir_all(broken.parent().expect("a folder")).expect("creating a folder");
        std::fs::write(&broken, text).expect("breaking a file");
        let site_entries = entries(&built.root());

        built.rebuild(&[]);

        assert_eq!(built.status, 1, "{file}: {}", built.stderr);
        assert!(
            tree(&built.output()) == before,
            "{file}: the output changed"
        );
        assert_eq!(
            entries(&built.root()),
            site_entries,
            "{file}: no staging folder is left beside the output"
        );
    }
}

#[test]
fn successful_build_replaces_the_previous_output() {
    let mut built = build_fixture("basic", &[]);
    built.assert_clean();
    assert!(built.output().join("impressum/index.html").is_file());
    let site_entries = entries(&built.root());

    std::fs::remove_file(built.root().join("content/impressum.md")).expect("removing a page");
    built.rebuild(&[]);

    built.assert_clean();
    assert!(!built.output().join("impressum").exists());
    assert_eq!(entries(&built.root()), site_entries);
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let draft = "glossary/entwurf/index.html";
    let published = build_fixture("basic", &[]);
    published.assert_clean();
    assert!(!published.files().iter().any(|f| f == draft));
    for page in ["glossary/", "tags/", "", "sitemap.xml"] {
        let text = published.page(page);
        assert!(
            !text.contains("entwurf") && !text.contains("Entwurfsbegriff"),
            "the draft shows on {}",
            page_file(page)
        );
    }

    let with_drafts = build_fixture("basic", &["--drafts"]);
    with_drafts.assert_clean();
    assert!(with_drafts.files().iter().any(|f| f == draft));
    assert!(
        with_drafts
            .page("glossary/")
            .contains("<a href=\"/kb/glossary/entwurf/\">Entwurfsbegriff</a>")
    );
    assert!(
        with_drafts
            .page("sitemap.xml")
            .contains("<loc>https://example.com/kb/glossary/entwurf/</loc>")
    );
}

#[test]
fn site_templates_override_the_theme_file_by_file() {
    let built = build_fixture("template-override", &[]);
    built.assert_clean();
    let not_found = built.page("404.html");
    assert!(
        main_of(&not_found).contains("<h1 class=\"own-404\">Hier ist nichts.</h1>"),
        "{not_found}"
    );
    // The overriding template still extends the built-in base.html …
    assert!(not_found.contains("<a class=\"skip-link\" href=\"#main\">"));
    // … and pages it does not override keep the built-in templates.
    assert!(
        built
            .page("glossary/crm/")
            .contains("<article class=\"entry term\">")
    );
}
