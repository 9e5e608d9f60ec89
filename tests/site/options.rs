//! Every documented option and setting, end to end through the binary, each
//! test written so that it fails when its option is ignored: `check
//! --drafts`, `[autolink] enabled` and `first_only`, `TOUCHBASE_LOG`, a
//! theme in `themes/<name>/` with the default theme behind it, UI string
//! overrides in `i18n/<lang>.toml`, `static/`, `[[#heading]]` links and
//! other URL schemes, `updated` written as a string, the exports of a
//! multi-language site in config order, and what ends a build with exit
//! status 2 without touching anything.

use std::path::Path;

use serde_json::Value;

use crate::helper::{FIXTURES, build_edited, build_fixture, touchbase_with_log, tree};
use crate::html::{main_of, texts};
use crate::links::{pairs, prose_links};

/// Replaces `from` (which must be there) with `to` in a file of a site.
fn edit(site: &Path, rel: &str, from: &str, to: &str) {
    let path = site.join(rel);
    let text = std::fs::read_to_string(&path).expect("reading a site file");
    assert!(text.contains(from), "{rel} has no {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).expect("writing a site file");
}

/// The last line of `text`.
fn last_line(text: &str) -> &str {
    text.lines().last().unwrap_or_default()
}

#[test]
fn check_drafts_checks_the_drafts_too() {
    // The draft of `basic` gets a broken link on its line 7.
    let built = build_edited(
        "basic",
        |site| {
            edit(
                site,
                "content/glossary/entwurf.md",
                "noch in Arbeit.",
                "noch in Arbeit.\n\nSiehe [[Gibt es nicht]].",
            )
        },
        &[],
    );
    built.assert_clean();
    let without = built.run(&["check"]);
    assert_eq!(without.status, 0, "{}", without.stdout);
    assert!(!without.stdout.contains("entwurf.md"), "{}", without.stdout);
    let with = built.run(&["check", "--drafts"]);
    assert_eq!(with.status, 1, "{}", with.stdout);
    assert!(
        with.stdout.contains(
            "error: `[[Gibt es nicht]]` links to nothing\n --> content/glossary/entwurf.md:9:7\n"
        ),
        "{}",
        with.stdout
    );
    assert_eq!(
        last_line(&with.stdout),
        "Check failed: 1 error, 0 warnings."
    );
}

#[test]
fn check_drafts_counts_the_draft_pages() {
    let built = build_fixture("basic", &[]);
    built.assert_clean();
    let pages = |args: &[&str]| -> usize {
        let ran = built.run(args);
        assert_eq!(ran.status, 0, "{}", ran.stdout);
        let summary = last_line(&ran.stdout);
        summary
            .strip_prefix("Checked ")
            .and_then(|rest| rest.split(' ').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("no page count in {summary:?}"))
    };
    // The draft term adds its own page and nothing else: it has no tags.
    assert_eq!(pages(&["check", "--drafts"]), pages(&["check"]) + 1);
}

/// `crosslinks` with its `[autolink]` table changed by `edit`.
fn autolink_page(from: &str, to: &str) -> Vec<(String, String)> {
    let built = build_edited(
        "crosslinks",
        |site| edit(site, "touchbase.toml", from, to),
        &[],
    );
    built.assert_clean();
    prose_links(&built.page("guides/autolink/"))
        .into_iter()
        .filter(|(href, _)| href.starts_with("/kb/"))
        .collect()
}

#[test]
fn autolink_enabled_false_links_no_mention() {
    assert_eq!(
        autolink_page("enabled = true", "enabled = false"),
        pairs(&[])
    );
    // Wiki links are not autolinks: they still resolve.
    let built = build_edited(
        "crosslinks",
        |site| edit(site, "touchbase.toml", "enabled = true", "enabled = false"),
        &[],
    );
    let links = prose_links(&built.page("guides/links/"));
    assert_eq!(
        links.first(),
        Some(&("/kb/glossary/kundenbindung/".into(), "Kundenbindung".into()))
    );
}

#[test]
fn autolink_first_only_false_links_every_mention() {
    assert_eq!(
        autolink_page("first_only = true", "first_only = false"),
        pairs(&[
            ("/kb/glossary/kundenbindung/", "Kundenbindung"),
            ("/kb/glossary/kundenbindung/", "Kundenbindung"),
            (
                "/kb/glossary/customer-journey-mapping/",
                "Customer Journey Mapping"
            ),
            ("/kb/glossary/customer-journey/", "Customer Journey"),
            ("/kb/glossary/kundenkontaktpunkt/", "Kundenkontaktpunkte"),
            ("/kb/glossary/strasse/", "Aussenwerbung"),
            ("/kb/glossary/strasse/", "AUSSENWERBUNG"),
            ("/kb/glossary/live-chat/", "Live-Chat"),
        ])
    );
}

#[test]
fn touchbase_log_debug_times_each_stage_on_stderr() {
    let built = build_fixture("basic", &[]);
    built.assert_clean();
    assert!(!built.stderr.contains("[touchbase]"), "{}", built.stderr);
    let ran = touchbase_with_log(&built.root(), &["build"], Some("debug"));
    assert_eq!(ran.status, 0, "{}", ran.stderr);
    // stdout carries the summary only.
    assert_eq!(ran.stdout.lines().count(), 1, "{}", ran.stdout);
    assert!(ran.stdout.starts_with("Built "), "{}", ran.stdout);
    for stage in ["load", "parse", "link", "render", "search", "write"] {
        assert!(
            ran.stderr
                .lines()
                .any(|l| l.starts_with(&format!("[touchbase] {stage}: ")) && l.ends_with(" ms")),
            "no time for {stage}: {}",
            ran.stderr
        );
    }
}

fn themed() -> crate::helper::Built {
    let built = build_fixture("theme", &[]);
    built.assert_clean();
    built
}

#[test]
fn a_theme_folder_overrides_the_default_theme_file_by_file() {
    let built = themed();
    // themes/hausstil/templates/404.html …
    let not_found = built.page("404.html");
    assert!(
        main_of(&not_found).contains("<article class=\"entry hausstil-404\">"),
        "{not_found}"
    );
    // … extends the default theme's base.html …
    assert!(not_found.contains("<a class=\"skip-link\" href=\"#main\">"));
    // … and templates the theme lacks come from the default theme.
    assert!(
        main_of(&built.page("glossary/crm/")).contains("<article class=\"entry term\">"),
        "the default term.html"
    );
    // The site's own templates/ beat the theme's.
    let about = main_of(&built.page("about/")).to_string();
    assert!(
        about.contains("<article class=\"entry site-page\">"),
        "{about}"
    );
    assert!(!about.contains("hausstil-page"), "{about}");
}

#[test]
fn theme_and_site_static_files_are_copied_over_the_default_ones() {
    let built = themed();
    let source = Path::new(FIXTURES).join("theme");
    let output = tree(&built.output());
    let read = |rel: &str| std::fs::read(source.join(rel)).expect("a fixture file");
    assert_eq!(
        output["assets/hausstil.css"],
        read("themes/hausstil/static/assets/hausstil.css")
    );
    // static/ of the site, at the output root, nested folders kept …
    assert_eq!(output["favicon.svg"], read("static/favicon.svg"));
    assert_eq!(
        output["downloads/leitfaden.txt"],
        read("static/downloads/leitfaden.txt")
    );
    // … and beating the theme's file of the same name.
    assert_eq!(output["assets/print.css"], read("static/assets/print.css"));
    // The default theme's files are still there.
    let style = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static/assets/style.css"),
    )
    .unwrap();
    assert_eq!(output["assets/style.css"], style.as_bytes());
    assert!(output.contains_key("assets/search.js"));
}

#[test]
fn ui_strings_are_overridden_key_by_key() {
    let built = themed();
    let home = built.page("");
    // themes/hausstil/i18n/de.toml sets the glossary's name in the menu.
    assert!(home.contains("<li><a href=\"/kb/glossary/\">Begriffe</a></li>"));
    // A key neither overrides keeps the default theme's text.
    assert!(home.contains("<a class=\"skip-link\" href=\"#main\">Zum Inhalt springen</a>"));
    // Both set `page_not_found`: the site's i18n/de.toml wins.
    assert_eq!(
        texts(&built.page("404.html"), "<h1", "h1"),
        ["Diese Seite fehlt"]
    );
    // i18n/en.toml of the site for the English pages; the rest in English.
    let en = built.page("en/");
    assert!(en.contains("<li><a href=\"/kb/en/glossary/\">Terms</a></li>"));
    assert!(en.contains("<a class=\"skip-link\" href=\"#main\">Skip to content</a>"));
}

#[test]
fn heading_links_within_a_page_and_other_schemes() {
    let built = build_fixture("crosslinks", &[]);
    built.assert_clean();
    let page = "/kb/guides/ziele/";
    assert_eq!(
        prose_links(&built.page("guides/ziele/")),
        pairs(&[
            (&format!("{page}#zweiter-abschnitt"), "#Zweiter Abschnitt"),
            (&format!("{page}#zweiter-abschnitt"), "zum selben Abschnitt"),
            (&format!("{page}#erster-abschnitt"), "Anfang"),
            // Left exactly as written.
            ("mailto:kb@example.com?subject=Frage", "das Team"),
            ("tel:+49-30-1234567", "Anruf"),
            ("ftp://files.example.com/plan.pdf", "Datei"),
            ("matrix:r/kb:example.com", "Raum"),
            ("ssh://example.com", "Fernsteuerung"),
            ("https://example.org/a?b=1&amp;c=2#d", "mit Anfrage"),
            (
                "https://example.org/automatisch",
                "https://example.org/automatisch"
            ),
        ])
    );
}

#[test]
fn a_heading_link_within_a_page_is_checked() {
    let built = build_edited(
        "crosslinks",
        |site| {
            edit(
                site,
                "content/guides/ziele.md",
                "Zurück zum",
                "Zum [[#Dritter Abschnitt]]. Zurück zum",
            )
        },
        &[],
    );
    assert_eq!(built.status, 1, "{}", built.stderr);
    assert!(
        built.stderr.contains(
            "error: `#dritter-abschnitt` is not a heading of \"Andere Ziele\"\n  --> content/guides/ziele.md:12:5\n"
        ),
        "{}",
        built.stderr
    );
    assert!(!built.output().exists());
}

#[test]
fn updated_may_be_a_string() {
    // content/touchpoints/hotline.md of `basic` has `updated = "2026-02-14"`.
    let built = build_fixture("basic", &[]);
    built.assert_clean();
    let json: Value = serde_json::from_str(&built.page("touchpoints.json")).unwrap();
    let hotline = json["touchpoints"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["slug"] == "hotline")
        .expect("the hotline");
    assert_eq!(hotline["updated"], "2026-02-14");
    assert!(built.page("sitemap.xml").contains(
        "<loc>https://example.com/kb/touchpoints/hotline/</loc>\n    <lastmod>2026-02-14</lastmod>"
    ));
    assert!(
        built
            .page("touchpoints/hotline/")
            .contains("<time datetime=\"2026-02-14\">14.02.2026</time>")
    );
}

/// `(lang, slug)` of every entry of an export list, in file order.
fn order(list: &Value) -> Vec<(String, String)> {
    list.as_array()
        .expect("a list")
        .iter()
        .map(|t| {
            (
                t["lang"].as_str().unwrap().to_string(),
                t["slug"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// The `i18n` fixture with a French hotline and `languages` replaced.
fn with_languages(languages: &str) -> crate::helper::Built {
    let built = build_edited(
        "i18n",
        |site| {
            edit(
                site,
                "touchbase.toml",
                "languages = [\"de\", \"en\"]",
                &format!("languages = {languages}"),
            );
            std::fs::write(
                site.join("content/touchpoints/hotline.fr.md"),
                "+++\ntitle = \"Assistance\"\ndescription = \"Aide par téléphone.\"\nchannel = \"service\"\nstages = [\"usage\"]\n+++\n",
            )
            .unwrap();
        },
        &[],
    );
    built.assert_clean();
    built
}

#[test]
fn exports_list_languages_in_config_order() {
    let json = |built: &crate::helper::Built, file: &str, key: &str| -> Vec<(String, String)> {
        let value: Value = serde_json::from_str(&built.page(file)).unwrap();
        order(&value[key])
    };
    let csv = |built: &crate::helper::Built| -> Vec<(String, String)> {
        let text = built.page("touchpoints.csv");
        text.trim_start_matches('\u{feff}')
            .split("\r\n")
            .skip(1)
            .filter(|l| !l.is_empty())
            .map(|l| {
                let mut fields = l.split(',');
                let lang = fields.next().unwrap().to_string();
                (lang, fields.next().unwrap().to_string())
            })
            .collect()
    };
    let pair = |l: &str, s: &str| (l.to_string(), s.to_string());
    // The default language (de) first, then the others as listed.
    for (languages, order) in [
        ("[\"de\", \"en\", \"fr\"]", ["de", "en", "fr"]),
        ("[\"de\", \"fr\", \"en\"]", ["de", "fr", "en"]),
        // `i18n` sets `default_language = "de"`.
        ("[\"fr\", \"de\", \"en\"]", ["de", "fr", "en"]),
    ] {
        let built = with_languages(languages);
        // The theme has no French strings: English ones stand in.
        assert!(
            built
                .page("fr/")
                .contains("<a class=\"skip-link\" href=\"#main\">Skip to content</a>")
        );
        let touchpoints: Vec<_> = order.iter().map(|l| pair(l, "hotline")).collect();
        assert_eq!(
            json(&built, "touchpoints.json", "touchpoints"),
            touchpoints,
            "{languages}"
        );
        assert_eq!(csv(&built), touchpoints, "{languages}");
        // Language by language (French has no terms), each language in
        // the order of its A–Z listing.
        let value: Value = serde_json::from_str(&built.page("glossary.json")).unwrap();
        let terms = value["terms"].as_array().unwrap();
        let mut langs: Vec<&str> = terms.iter().map(|t| t["lang"].as_str().unwrap()).collect();
        langs.dedup();
        let with_terms: Vec<&str> = order.into_iter().filter(|l| *l != "fr").collect();
        assert_eq!(langs, with_terms, "{languages}");
        for (lang, prefix) in [("de", ""), ("en", "en/")] {
            let titles: Vec<&str> = terms
                .iter()
                .filter(|t| t["lang"] == lang)
                .map(|t| t["title"].as_str().unwrap())
                .collect();
            let listed = texts(&built.page(&format!("{prefix}glossary/")), "<dt>", "dt");
            assert_eq!(titles, listed, "{languages} {lang}");
        }
    }
}

#[test]
fn an_output_folder_that_cannot_be_written_is_exit_2_and_changes_nothing() {
    let source = tree(&Path::new(FIXTURES).join("basic"));
    // A file where the output folder should be, and a file in its path.
    for (setup, args, message) in [
        (
            Some("public"),
            &[][..],
            "error: the output path public exists and is not a folder\n",
        ),
        (
            None,
            &["--output", "touchbase.toml/public"][..],
            "error: creating folder touchbase.toml: ",
        ),
    ] {
        let built = build_edited(
            "basic",
            |site| {
                if let Some(file) = setup {
                    std::fs::write(site.join(file), "keep me").unwrap();
                }
            },
            args,
        );
        assert_eq!(built.status, 2, "{args:?}: {}", built.stderr);
        assert!(
            built.stderr.starts_with(message),
            "{args:?}: {}",
            built.stderr
        );
        assert_eq!(built.stdout, "", "{args:?}");
        let mut expected = source.clone();
        if let Some(file) = setup {
            expected.insert(file.to_string(), b"keep me".to_vec());
        }
        assert!(
            tree(&built.root()) == expected,
            "{args:?}: the site changed"
        );
    }
}

#[test]
fn a_bad_base_url_is_exit_2_and_writes_nothing() {
    for url in ["example.com/kb/", "ftp://example.com/", ""] {
        let built = build_fixture("basic", &["--base-url", url]);
        assert_eq!(built.status, 2, "{url:?}: {}", built.stderr);
        assert!(
            built.stderr.starts_with("error: --base-url: "),
            "{url:?}: {}",
            built.stderr
        );
        assert!(!built.output().exists(), "{url:?}");
    }
}

#[test]
fn extra_tables_reach_the_templates() {
    // templates/page.html of `theme` prints page.extra and site.extra.
    let about = themed().page("about/");
    assert!(
        about.contains("<p class=\"extra\">CX-Team: Glossar, Katalog · Klar und freundlich</p>"),
        "{about}"
    );
}

#[test]
fn output_dir_moves_the_output() {
    let built = build_edited(
        "basic",
        |site| {
            let config = site.join("touchbase.toml");
            let text = std::fs::read_to_string(&config).unwrap();
            std::fs::write(&config, format!("{text}output_dir = \"dist/site\"\n")).unwrap();
        },
        &[],
    );
    built.assert_clean();
    assert!(built.root().join("dist/site/index.html").is_file());
    assert!(!built.output().exists(), "nothing in public/");
    assert!(built.stdout.contains(" into "), "{}", built.stdout);
    assert!(built.stdout.contains("dist/site in "), "{}", built.stdout);
}

#[test]
fn weight_comes_before_the_title_in_listings() {
    // `basic`: Unternehmenswebsite has `weight = -1`; by title alone it
    // would come last.
    let built = build_fixture("basic", &[]);
    built.assert_clean();
    let order = |html: &str| -> Vec<String> {
        let body = html.split("<tbody>").nth(1).unwrap_or_default();
        texts(body, "<th scope=\"row\"", "th")
            .into_iter()
            .map(|t| t.split(['\n']).next().unwrap_or_default().to_string())
            .collect()
    };
    let rows = order(&built.page("touchpoints/"));
    assert!(
        rows.len() == 3
            && rows[0].starts_with("Unternehmenswebsite")
            && rows[1].starts_with("Live-Chat")
            && rows[2].starts_with("Telefon-Hotline"),
        "{rows:?}"
    );
    let json: Value = serde_json::from_str(&built.page("touchpoints.json")).unwrap();
    let slugs: Vec<&str> = json["touchpoints"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["slug"].as_str().unwrap())
        .collect();
    assert_eq!(slugs, ["website", "live-chat", "hotline"]);
}

#[test]
fn new_writes_into_the_site_given_with_root() {
    let built = build_fixture("basic", &[]);
    let outside = built.dir.path();
    let site = built.root();
    let ran = crate::helper::touchbase(
        outside,
        &[
            "new",
            "term",
            "Neuer Begriff",
            "--root",
            site.to_str().unwrap(),
        ],
    );
    assert_eq!(ran.status, 0, "{}", ran.stderr);
    assert!(site.join("content/glossary/neuer-begriff.md").is_file());
    assert!(!outside.join("content").exists());
}

#[test]
fn markdown_extensions_of_the_readme() {
    // CommonMark plus tables, footnotes, strikethrough, task lists and
    // heading attributes.
    let built = build_fixture("heading-ids", &[]);
    built.assert_clean();
    let html = built.page("markdown/");
    let main = main_of(&html);
    for want in [
        "<h2 id=\"meine-kennung\">Eigene Kennung</h2>",
        "<del>Durchgestrichen</del>",
        "<input disabled=\"\" type=\"checkbox\" checked=\"\"/>\nErledigt",
        "<input disabled=\"\" type=\"checkbox\"/>\nOffen",
        "<th style=\"text-align: right\">Wert</th>",
        "<td style=\"text-align: right\">1</td>",
        "<sup class=\"footnote-reference\"><a href=\"#eins\">1</a></sup>",
    ] {
        assert!(main.contains(want), "no {want:?} in {main}");
    }
}
