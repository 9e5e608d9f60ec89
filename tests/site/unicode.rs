//! Unicode in names and files: umlauts and ß in file names, titles, owners
//! and tags become ASCII slugs; a byte-order mark and CRLF line endings are
//! harmless; the A–Z glossary files Ä under A and digits under `#`; and
//! headings get unique ids and a table of contents.

use std::path::Path;

use crate::helper::{Built, FIXTURES, build_fixture};
use crate::html::{attr_values, ids, main_of, texts};

fn unicode() -> Built {
    let built = build_fixture("unicode", &[]);
    built.assert_clean();
    built
}

#[test]
fn fixture_files_keep_their_encoding_quirks() {
    let glossary = Path::new(FIXTURES).join("unicode/content/glossary");
    assert!(glossary.join("Außenwerbung.md").is_file());
    let bom = std::fs::read(glossary.join("bestandskunde.md")).expect("the BOM fixture");
    assert!(bom.starts_with(b"\xEF\xBB\xBF+++\n"));
    let crlf = std::fs::read(glossary.join("onlineshop.md")).expect("the CRLF fixture");
    let newlines = crlf.iter().filter(|&&b| b == b'\n').count();
    let crlfs = crlf.windows(2).filter(|w| w == b"\r\n").count();
    assert!(newlines > 0 && newlines == crlfs, "every line ends in CRLF");
}

#[test]
fn umlauts_become_ascii_slugs_and_stay_in_the_text() {
    let built = unicode();
    let files = built.files();
    for file in [
        "glossary/aussenwerbung/index.html",
        "touchpoints/plakatwand/index.html",
        "owners/oeffentlichkeitsarbeit/index.html",
        "tags/strasse/index.html",
    ] {
        assert!(files.iter().any(|f| f == file), "missing {file}");
    }
    let term = built.page("glossary/aussenwerbung/");
    assert!(term.contains("<title>Außenwerbung – Umlaute &amp; Co.</title>"));
    assert!(main_of(&term).contains("<h1><dfn>Außenwerbung</dfn></h1>"));
    let touchpoint = main_of(&built.page("touchpoints/plakatwand/")).to_string();
    assert!(
        touchpoint
            .contains("<a href=\"/owners/oeffentlichkeitsarbeit/\">Öffentlichkeitsarbeit</a>")
    );
    assert!(touchpoint.contains("<a href=\"/tags/strasse/\" rel=\"tag\">Straße</a>"));
}

#[test]
fn references_match_slugs_and_titles_ignoring_case_and_umlauts() {
    // `terms = ["aussenwerbung", "ÄRGERNIS"]`: a slug and a shouted title.
    let html = unicode().page("touchpoints/plakatwand/");
    let start = html.find("id=\"related-terms\"").expect("related terms");
    let section = &html[start..start + html[start..].find("</section>").expect("a closed section")];
    assert_eq!(texts(section, "<li>", "li"), ["Außenwerbung", "Ärgernis"]);
}

#[test]
fn byte_order_mark_and_crlf_are_harmless() {
    let built = unicode();
    let bom = built.page("glossary/bestandskunde/");
    assert!(main_of(&bom).contains("<h1><dfn>Bestandskunde</dfn></h1>"));
    assert!(!bom.contains('\u{feff}'));
    let crlf = built.page("glossary/onlineshop/");
    assert!(main_of(&crlf).contains("<p class=\"lead\">Der eigene Shop im Netz.</p>"));
    assert!(!crlf.contains('\r'), "CRLF leaks into the output");
}

#[test]
fn emoji_survive_in_titles_and_text() {
    let built = unicode();
    let title = built.page("glossary/zufriedenheit/");
    assert!(title.contains("<title>Zufriedenheit 💛 – Umlaute &amp; Co.</title>"));
    let body = built.page("glossary/ueberraschung/");
    assert!(
        main_of(&body)
            .contains("<p>Ein kleines Geschenk im Paket 🎁 sorgt für ein Lächeln 😊.</p>")
    );
}

/// The letter navigation of the A–Z page: (linked letters, unlinked ones).
fn letter_nav(html: &str) -> (Vec<String>, Vec<String>) {
    let start = html
        .find("<nav class=\"letter-nav\"")
        .expect("a letter navigation");
    let nav = &html[start..start + html[start..].find("</nav>").expect("a closed nav")];
    (
        texts(nav, "<a href=\"#letter-", "a"),
        texts(nav, "<span aria-disabled=\"true\">", "span"),
    )
}

/// The term titles filed under the letter group with id `letter-<id>`.
fn group(html: &str, id: &str) -> Vec<String> {
    let start = html
        .find(&format!("<h2 id=\"letter-{id}\">"))
        .unwrap_or_else(|| panic!("no group {id}"));
    let section = &html[start..start + html[start..].find("</section>").expect("a closed group")];
    texts(section, "<dt>", "dt")
}

#[test]
fn glossary_files_umlauts_with_their_letter_and_digits_under_hash() {
    let html = unicode().page("glossary/");
    let (linked, unlinked) = letter_nav(&html);
    assert_eq!(linked, ["A", "B", "O", "S", "U", "Z", "#"]);
    // Letters without terms are shown, not linked.
    assert_eq!(
        unlinked,
        [
            "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "P", "Q", "R", "T", "V",
            "W", "X", "Y"
        ]
    );
    assert!(attr_values(&html, "href").contains(&"#letter-other"));

    assert_eq!(
        group(&html, "A"),
        ["Abonnement", "Ärgernis", "Außenwerbung"]
    );
    assert_eq!(group(&html, "B"), ["Bestandskunde"]);
    assert_eq!(group(&html, "O"), ["Ökosystem", "Onlineshop"]);
    assert_eq!(group(&html, "U"), ["Überraschungsmoment"]);
    assert_eq!(group(&html, "Z"), ["Zufriedenheit 💛"]);
    assert_eq!(group(&html, "other"), ["24/7-Service"]);
    let mut s = group(&html, "S");
    s.sort();
    assert_eq!(s, ["Service Blueprint", "Service-Level-Agreement (SLA)"]);
}

#[test]
fn spaces_and_hyphens_sort_alike() {
    let html = unicode().page("glossary/");
    assert_eq!(
        group(&html, "S"),
        ["Service Blueprint", "Service-Level-Agreement (SLA)"]
    );
}

/// `(id, text)` of every `<h2>` inside the page's prose.
fn prose_headings(html: &str) -> Vec<(String, String)> {
    let main = main_of(html);
    let start = main.find("<div class=\"prose\">").expect("a prose block");
    // The template closes the prose block on a line of its own.
    let prose = &main[start
        ..start
            + main[start..]
                .find("\n  </div>")
                .expect("a closed prose block")];
    prose
        .match_indices("<h2 id=\"")
        .map(|(at, _)| {
            let id = attr_values(&prose[at..], "id")[0].to_string();
            let text = texts(&prose[at..], "<h2", "h2")[0].clone();
            (id, text)
        })
        .collect()
}

/// `(href, text)` of every table-of-contents entry.
fn toc(html: &str) -> Vec<(String, String)> {
    let main = main_of(html);
    let Some(start) = main.find("<nav class=\"toc\"") else {
        return Vec::new();
    };
    let nav = &main[start..start + main[start..].find("</nav>").expect("a closed toc")];
    let hrefs = attr_values(nav, "href");
    let titles = texts(nav, "<li class=\"toc-l2\">", "li");
    hrefs.into_iter().map(str::to_string).zip(titles).collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn repeated_headings_get_numbered_ids_and_toc_entries() {
    let built = unicode();
    let term = built.page("glossary/aussenwerbung/");
    assert_eq!(
        prose_headings(&term),
        pairs(&[
            ("beispiele", "Beispiele"),
            ("wirkung", "Wirkung"),
            ("beispiele-1", "Beispiele")
        ])
    );
    assert_eq!(
        toc(&term),
        pairs(&[
            ("#beispiele", "Beispiele"),
            ("#wirkung", "Wirkung"),
            ("#beispiele-1", "Beispiele")
        ])
    );
    // Umlauts in headings follow the slug rule, also in a CRLF file.
    let crlf = built.page("glossary/onlineshop/");
    assert_eq!(
        prose_headings(&crlf),
        pairs(&[("groesse", "Größe"), ("groesse-1", "Größe")])
    );
    assert_eq!(
        toc(&crlf),
        pairs(&[("#groesse", "Größe"), ("#groesse-1", "Größe")])
    );
}

#[test]
fn table_of_contents_needs_two_headings() {
    let built = unicode();
    assert_eq!(toc(&built.page("glossary/abo/")), []);
    assert!(!built.page("glossary/abo/").contains("class=\"toc\""));
}

#[test]
fn heading_ids_never_repeat_an_id_of_the_page() {
    let built = build_fixture("heading-ids", &[]);
    built.assert_clean();
    let html = built.page("glossary/quellen/");
    let mut all = ids(&html);
    all.sort_unstable();
    let mut unique = all.clone();
    unique.dedup();
    assert_eq!(all, unique, "repeated ids");
}

#[test]
fn nul_characters_become_replacement_characters_in_every_output() {
    // CommonMark: U+0000 is replaced by U+FFFD. A raw NUL byte in a body,
    // and one written as a TOML escape in front matter, reach the pages,
    // the search index and the exports only as U+FFFD.
    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = dir.path().join("site");
    crate::helper::copy_dir(&Path::new(FIXTURES).join("basic"), &root);
    std::fs::write(
        root.join("content/glossary/nul.md"),
        "+++\ntitle = \"Null\\u0000zeichen\"\ndescription = \"Ein \\u0000 in der Beschreibung.\"\naliases = [\"Nullbyte\\u0000\"]\ntags = [\"n\\u0000l\"]\n[extra]\nnote = \"x\\u0000y\"\n+++\n\nText mit \0 Nullbyte und [[Kundenbindung]].\n\n```\ncode \0 block\n```\n",
    )
    .expect("writing the NUL term");
    std::fs::write(
        root.join("content/touchpoints/nul.md"),
        "+++\ntitle = \"Kasse\\u0000\"\ndescription = \"Zahlen \\u0000 an der Kasse.\"\nchannel = \"offline\"\nstages = [\"purchase\"]\nowner = \"Filiale\\u0000\"\nkpis = [\"Warte\\u0000zeit\"]\n+++\n\nBezahlen \0 vor Ort.\n",
    )
    .expect("writing the NUL touchpoint");
    let config = root.join("touchbase.toml");
    let text = std::fs::read_to_string(&config).expect("the config");
    let text = text.replace(
        "title = \"Kontaktpunkte KB\"",
        "title = \"Kontakt\\u0000punkte\"",
    );
    std::fs::write(&config, text).expect("writing the config");
    let ran = crate::helper::touchbase(&root, &["build"]);
    assert_eq!(ran.status, 0, "{}", ran.stderr);
    let out = crate::helper::tree(&root.join("public"));
    let with_nul: Vec<&String> = out
        .iter()
        // Text outputs only: the theme's favicon is a binary image.
        .filter(|(path, bytes)| !path.ends_with(".ico") && bytes.contains(&0))
        .map(|(path, _)| path)
        .collect();
    assert!(with_nul.is_empty(), "NUL bytes in {with_nul:?}");
    let text = |path: &str| String::from_utf8_lossy(&out[path]).into_owned();
    let page = text("glossary/nul/index.html");
    assert!(page.contains("Null\u{FFFD}zeichen"), "{page}");
    assert!(page.contains("Text mit \u{FFFD} Nullbyte"), "{page}");
    assert!(page.contains("code \u{FFFD} block"), "{page}");
    assert!(page.contains("Kontakt\u{FFFD}punkte"), "{page}");
    for export in ["glossary.json", "touchpoints.json", "touchpoints.csv"] {
        let text = text(export);
        assert!(!text.contains("\\u0000"), "{export}: {text}");
        assert!(text.contains('\u{FFFD}'), "{export}: {text}");
    }
    let names = text("search/de/names.json");
    assert!(names.contains("Null\u{FFFD}zeichen") || names.contains("Null\\ufffdzeichen"));
    assert!(!names.contains("\\u0000"), "{names}");
}
