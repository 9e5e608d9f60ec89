//! The search index of a small fixture site (`tests/fixtures/search/`),
//! built with the real binary and queried with the reference engine
//! (`touchbase::search::query`, which the browser tests hold the client
//! to): typo tolerance, umlauts, stemming, ranking, filters, and the
//! client's size budget.

#[allow(dead_code)]
#[path = "common/files.rs"]
mod files;
#[allow(dead_code)]
#[path = "site/helper.rs"]
mod helper;

#[path = "common/search_cases.rs"]
mod search_cases;

use std::path::Path;

use touchbase::search::query::{Filter, Hit, Index, TIER_EXACT, TIER_FUZZY, TIER_PREFIX};

/// The fixture built once per test; the index of `lang` opened on it.
fn index(built: &helper::Built, lang: &str) -> Index<impl Fn(&str) -> Option<String>> {
    let dir = built.output().join("search").join(lang);
    Index::open(move |p| std::fs::read_to_string(dir.join(p)).ok()).expect("the index opens")
}

fn titles<R: Fn(&str) -> Option<String>>(ix: &Index<R>, hits: &[Hit]) -> Vec<String> {
    hits.iter().map(|h| ix.rows[h.id].title.clone()).collect()
}

fn search<R: Fn(&str) -> Option<String>>(ix: &Index<R>, q: &str) -> Vec<String> {
    titles(ix, &ix.search(q, &Filter::default()))
}

fn built() -> helper::Built {
    let built = helper::build_fixture("search", &[]);
    assert_eq!(built.status, 0, "{}", built.stderr);
    built
}

#[test]
fn every_query_of_the_shared_table_finds_its_titles() {
    let built = built();
    let (de, en) = (index(&built, "de"), index(&built, "en"));
    let mut wrong = Vec::new();
    for case in search_cases::CASES {
        let ix = if case.lang == "en" { &en } else { &de };
        let [kind, channel, stage] = case.filter.map(|f| (!f.is_empty()).then(|| f.to_string()));
        let found = titles(
            ix,
            &ix.search(
                case.query,
                &Filter {
                    kind,
                    channel,
                    stage,
                },
            ),
        );
        if found != case.titles {
            wrong.push(format!(
                "{} {:?} {:?}: {found:?}, not {:?}",
                case.lang, case.query, case.filter, case.titles
            ));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn prefixes_rank_shorter_titles_first_then_full_text() {
    let built = built();
    let de = index(&built, "de");
    assert_eq!(
        search(&de, "kundenbind"),
        ["Kundenbindung", "Kundenbindungsprogramm", "Kundenkarte"],
        "two name prefixes, the shorter first; then the body mention"
    );
    let hits = de.search("kundenbind", &Filter::default());
    assert_eq!(
        hits.iter().map(|h| h.tier).collect::<Vec<_>>(),
        [TIER_PREFIX, TIER_PREFIX, 0]
    );
    assert!(hits[2].score > 0);
}

#[test]
fn typos_within_budget_match_names() {
    let built = built();
    let de = index(&built, "de");
    // One edit from four letters, two from eight; a swap counts as one.
    let first = |q: &str| de.search(q, &Filter::default()).first().cloned();
    let hit = first("Kundenkontakpunkt").expect("a missing letter");
    assert_eq!(de.rows[hit.id].title, "Kundenkontaktpunkt");
    assert_eq!((hit.tier, hit.distance), (TIER_FUZZY, 1));
    let hit = first("kundenlyoalität").expect("two swapped letters");
    assert_eq!(de.rows[hit.id].title, "Kundenbindung");
    assert_eq!((hit.tier, hit.distance, hit.alias), (TIER_FUZZY, 1, true));
    let hit = first("Kundnekotnaktpunkt").expect("two swaps in a long word");
    assert_eq!((hit.tier, hit.distance), (TIER_FUZZY, 2));
    assert_eq!(
        search(&de, "Kndnekotnaktpunkt"),
        Vec::<String>::new(),
        "three edits are too many"
    );
    assert!(search(&de, "Kuhdenkarte").contains(&"Kundenkarte".to_string()));
    assert_eq!(
        search(&de, "kx"),
        Vec::<String>::new(),
        "no typos under four letters"
    );
    assert_eq!(search(&de, "kk"), ["Kundenkarte"], "an abbreviation");
}

#[test]
fn umlauts_sharp_s_and_case_agree() {
    let built = built();
    let de = index(&built, "de");
    for q in [
        "aussenwerbung",
        "Außenwerbung",
        "AUSSENWERBUNG",
        "Aussenwerbung",
    ] {
        let hits = de.search(q, &Filter::default());
        assert_eq!(de.rows[hits[0].id].title, "Außenwerbung", "{q}");
        assert_eq!(hits[0].tier, TIER_EXACT, "{q}");
    }
    assert_eq!(search(&de, "kundenloyalitaet")[0], "Kundenbindung");
    assert_eq!(search(&de, "Über uns"), ["Über uns"]);
    // The page by name, then a description with "über".
    assert_eq!(search(&de, "ueber"), ["Über uns", "Kontaktformular"]);
    let row = &de.rows[de.search("uber uns", &Filter::default())[0].id];
    assert_eq!(row.path, "ueber-uns/");
}

#[test]
fn titles_beat_aliases_and_fields_are_weighted() {
    let built = built();
    let de = index(&built, "de");
    let hits = de.search("Touchpoint", &Filter::default());
    assert_eq!(de.rows[hits[0].id].title, "Kundenkontaktpunkt");
    assert!(hits[0].alias);
    assert_eq!(search(&de, "Kontaktpunkt")[0], "Kundenkontaktpunkt");
    // "Plakate": in Außenwerbung's description, in a body elsewhere.
    assert_eq!(
        search(&de, "Plakate"),
        ["Außenwerbung", "Kundenkontaktpunkt"]
    );
    // A heading counts more than body text ("zählt" vs. "Punkte").
    let hits = de.search("zählt", &Filter::default());
    assert_eq!(titles(&de, &hits), ["Außenwerbung"]);
}

#[test]
fn stems_join_inflections_and_all_words_are_required() {
    let built = built();
    let de = index(&built, "de");
    // "Käufen" in the body, "Kauf" in the query.
    assert_eq!(search(&de, "Käufe"), ["Kundenbindung"]);
    assert_eq!(
        search(&de, "kunden punkte"),
        ["Kundenkarte", "Kundenbindungsprogramm"]
    );
    assert_eq!(search(&de, "kunden xylophon"), Vec::<String>::new());
    let en = index(&built, "en");
    assert_eq!(search(&en, "touchpo")[0], "Touchpoint");
    assert_eq!(search(&en, "customer")[0], "Customer loyalty");
    assert!(search(&en, "recommending").contains(&"Customer loyalty".to_string()));
    assert_eq!(en.rows[0].path, "en/glossary/customer-loyalty/");
}

#[test]
fn filters_by_kind_channel_and_stage() {
    let built = built();
    let de = index(&built, "de");
    let filtered = |kind: Option<&str>, channel: Option<&str>, stage: Option<&str>| {
        let f = Filter {
            kind: kind.map(String::from),
            channel: channel.map(String::from),
            stage: stage.map(String::from),
        };
        titles(&de, &de.search("kunden", &f))
    };
    let all = filtered(None, None, None);
    // Names starting with the query, shorter first; then the text.
    assert_eq!(
        all,
        [
            "Kundenkarte",
            "Kundenbindung",
            "Kundenkontaktpunkt",
            "Kundenbindungsprogramm",
            "Über uns",
            "Kontaktformular"
        ]
    );
    assert_eq!(
        filtered(Some("touchpoint"), None, None),
        ["Kundenbindungsprogramm", "Kontaktformular"]
    );
    assert_eq!(filtered(None, Some("service"), None), ["Kontaktformular"]);
    assert_eq!(
        filtered(None, None, Some("loyalty")),
        ["Kundenbindungsprogramm"]
    );
    assert_eq!(filtered(Some("page"), None, None), ["Über uns"]);
    assert_eq!(
        filtered(Some("term"), Some("service"), None),
        Vec::<String>::new()
    );
}

#[test]
fn index_files_are_per_language_and_deterministic() {
    let mut built = built();
    let first = helper::tree(&built.output().join("search"));
    assert!(first.contains_key("de/names.json") && first.contains_key("en/names.json"));
    assert!(
        first.keys().any(|k| k.starts_with("de/t/"))
            && first.keys().any(|k| k.starts_with("de/d/"))
    );
    let names = String::from_utf8(first["en/names.json"].clone()).unwrap();
    assert!(
        names.contains("Touchpoint") && !names.contains("Kundenkarte"),
        "{names}"
    );
    built.rebuild(&[]);
    assert_eq!(
        first,
        helper::tree(&built.output().join("search")),
        "byte-identical"
    );
    let page = built.page("search/index.html");
    assert!(page.contains("noindex") && page.contains(r#"data-index="/kb/search/de/""#));
    assert!(
        built
            .page("en/search/index.html")
            .contains(r#"data-index="/kb/search/en/""#)
    );
    assert!(
        !built.page("sitemap.xml").contains("/search/"),
        "no search pages in the sitemap"
    );
}

/// The client, minified by dropping comments and every space a JavaScript
/// parser does not need, stays within 15 KB. (A real minifier also renames
/// variables and comes out smaller still.)
#[test]
fn client_fits_the_size_budget() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static/assets/search.js");
    let source = std::fs::read_to_string(path).expect("search.js");
    let minified = strip_js(&source);
    eprintln!(
        "search.js: {} bytes, {} minified",
        source.len(),
        minified.len()
    );
    assert!(
        minified.len() > 5_000,
        "the stripper kept the code: {}",
        minified.len()
    );
    assert!(
        minified.len() <= 15 * 1024,
        "search.js is {} bytes minified",
        minified.len()
    );
}

/// Removes comments and unneeded whitespace from JavaScript, keeping
/// strings, template literals and regular expressions as they are.
fn strip_js(src: &str) -> String {
    let chars: Vec<char> = src.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    let word = |c: char| c.is_alphanumeric() || c == '_' || c == '$';
    let mut space = false;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied().unwrap_or(' ');
        if c == '/' && next == '/' {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
            space = true;
            continue;
        }
        if c == '/' && next == '*' {
            i += 2;
            while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                i += 1;
            }
            i += 2;
            space = true;
            continue;
        }
        if c.is_whitespace() {
            space = true;
            i += 1;
            continue;
        }
        if space {
            // A space only between two word characters (`const x`), or
            // where dropping it would join two operators (`a - -b`).
            let before = out.chars().last().unwrap_or(' ');
            if (word(before) && word(c)) || (before == c && "+-".contains(c)) {
                out.push(' ');
            }
            space = false;
        }
        let regex = c == '/' && {
            let before = out.trim_end().chars().last().unwrap_or('(');
            "(,=:[!&|?{};+".contains(before) || out.ends_with("return")
        };
        if c == '\'' || c == '"' || c == '`' || regex {
            let quote = c;
            out.push(c);
            i += 1;
            let mut class = false;
            while i < chars.len() {
                let d = chars[i];
                out.push(d);
                i += 1;
                if d == '\\' {
                    out.push(chars[i]);
                    i += 1;
                } else if regex && d == '[' {
                    class = true;
                } else if regex && d == ']' {
                    class = false;
                } else if d == quote && !class {
                    break;
                }
            }
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

#[test]
fn the_stripper_keeps_code_intact() {
    assert_eq!(
        strip_js(
            "const a = 'x  y'; // note\n/* block */ let b = a - -1, r = /a b[/]/g;\nreturn /x/;"
        ),
        "const a='x  y';let b=a- -1,r=/a b[/]/g;return/x/;"
    );
}

/// Personas and journey lanes, on the `opportunities` fixture.
fn journeys_index() -> helper::Built {
    let built = helper::build_fixture("opportunities", &[]);
    assert_eq!(built.status, 0, "{}", built.stderr);
    built
}

#[test]
fn personas_are_found_by_name_alias_and_profile_with_their_own_kind() {
    let built = journeys_index();
    let de = index(&built, "de");
    let persona = Filter {
        kind: Some("persona".into()),
        ..Filter::default()
    };
    // The title and the alias are names: exact, prefix and typo matches.
    let first = |q: &str, f: &Filter| titles(&de, &de.search(q, f)).first().cloned();
    assert_eq!(
        first("Neukundin", &Filter::default()).as_deref(),
        Some("Neukundin")
    );
    assert_eq!(first("erstkund", &persona).as_deref(), Some("Neukundin"));
    assert_eq!(
        first("Schnappchenjagerin", &persona).as_deref(),
        Some("Schnäppchenjägerin")
    );
    // Role, goals, needs, frustrations and the quote are text.
    assert_eq!(search(&de, "Versteckte Gebühren"), ["Schnäppchenjägerin"]);
    assert_eq!(search(&de, "Passende Größe"), ["Neukundin"]);
    assert_eq!(search(&de, "nur bestellen wenn passt"), ["Neukundin"]);
    // "Privatkundin" and "Privatkunde" share their stem.
    let mut roles = titles(&de, &de.search("Privatkundin", &persona));
    roles.sort();
    assert_eq!(roles, ["Neukundin", "Schnäppchenjägerin", "Stammkunde"]);
    // The kind is `persona`, and the path is the persona's page.
    let hit = &de.search("Stammkunde", &persona)[0];
    let row = &de.rows[hit.id];
    assert_eq!(
        (row.kind, row.path.as_str()),
        ("persona", "personas/stammkunde/")
    );
    // Every persona of the language is in the index, and only there.
    let all: Vec<&str> = de
        .rows
        .iter()
        .filter(|r| r.kind == "persona")
        .map(|r| r.title.as_str())
        .collect();
    assert_eq!(all, ["Neukundin", "Schnäppchenjägerin", "Stammkunde"]);
    let en = index(&built, "en");
    let all: Vec<&str> = en
        .rows
        .iter()
        .filter(|r| r.kind == "persona")
        .map(|r| r.path.as_str())
        .collect();
    assert_eq!(all, ["en/personas/neukundin/"]);
}

#[test]
fn journeys_are_found_by_their_lanes() {
    let built = journeys_index();
    let de = index(&built, "de");
    let journey = Filter {
        kind: Some("journey".into()),
        ..Filter::default()
    };
    let journeys = |q: &str| titles(&de, &de.search(q, &journey));
    // A pain point, an opportunity, its owner, an action, a thought, a
    // backstage activity: each finds the journey that names it.
    assert_eq!(journeys("Warenkorb"), ["Erstkauf"]);
    assert_eq!(journeys("Rückruf-Termin buchbar"), ["Erstkauf"]);
    assert_eq!(journeys("Größenberater"), ["Erstkauf morgen"]);
    assert_eq!(journeys("Anzeige"), ["Erstkauf"]);
    assert_eq!(journeys("Versand kostet"), ["Erstkauf"]);
    assert_eq!(journeys("Bestand geprüft"), ["Erstkauf"]);
    assert_eq!(journeys("Produkt"), ["Erstkauf morgen"]);
    // Without a filter too, and in the journey's own language only.
    assert_eq!(search(&de, "Versandkosten"), ["Erstkauf"]);
    let en = index(&built, "en");
    assert_eq!(
        titles(&en, &en.search("size chart", &Filter::default())),
        ["First purchase"]
    );
    assert!(en.search("Versandkosten", &Filter::default()).is_empty());
}

#[test]
fn a_one_shot_build_indexes_the_same_text_as_a_kept_site() {
    // `touchbase build` hands the bodies' plain text to the index and lets
    // it go; the live preview keeps its site and indexes from it. Both
    // must give the same files.
    let built = built();
    let options = touchbase::build::Options {
        root: built.root(),
        output: Some(built.dir.path().join("kept")),
        write: true,
        ..Default::default()
    };
    let (report, kept) = touchbase::build::run_kept(&options).expect("the build runs");
    assert!(!report.has_errors(), "{:?}", report.diagnostics);
    let kept = kept.expect("a successful build keeps its site");
    let files = touchbase::search::files(&kept.linked);
    assert!(files.len() > 3, "an index for each language");
    for file in files {
        let written = std::fs::read(built.output().join(&file.path)).expect("the build wrote it");
        let touchbase::render::Content::Bytes(bytes) = file.content else {
            panic!("{} is not generated", file.path);
        };
        assert!(written == bytes, "{} differs", file.path);
    }
}
