//! Every fixture site builds or fails the way it should, and so do the two
//! real sites we know: the CNCF glossary corpus and the repository's own
//! demo site. The exact error texts are in the CLI transcripts
//! (`tests/cmd/check-*.toml`); here we check exit codes, that every error
//! of a run is reported, and that a failed build writes nothing.

use std::path::Path;

use crate::helper::{FIXTURES, build_copy, build_fixture, entries, touchbase, tree};

/// Fixture sites that must build without a single diagnostic.
const GOOD: &[&str] = &[
    "basic",
    "brand",
    "crosslinks",
    "heading-ids",
    "i18n",
    "journey",
    "opportunities",
    "search",
    "source-links",
    "template-override",
    "theme",
    "unicode",
];

#[test]
fn good_fixtures_build_cleanly() {
    for case in GOOD {
        let built = build_fixture(case, &[]);
        built.assert_clean();
        assert!(
            built.output().join("index.html").is_file(),
            "{case}: no start page"
        );
    }
}

/// Fixture sites that build, with warnings (exact texts in `tests/cmd/`):
/// name and number of warnings.
const WARNS: &[(&str, usize)] = &[("brand-low-contrast", 3)];

#[test]
fn warning_fixtures_build_and_list_their_warnings() {
    for (case, warnings) in WARNS {
        let built = build_fixture(case, &[]);
        assert_eq!(built.status, 0, "{case}: {}", built.stderr);
        assert!(built.output().join("index.html").is_file(), "{case}");
        let reported = crate::helper::without_gap_warnings(&built.stderr)
            .lines()
            .filter(|l| l.starts_with("warning: "))
            .count();
        assert_eq!(reported, *warnings, "{case}: {}", built.stderr);
    }
}

#[test]
fn every_fixture_folder_is_tested() {
    let mut expected: Vec<&str> = GOOD.to_vec();
    expected.extend(WARNS.iter().map(|(case, _)| *case));
    expected.push("bad-input");
    expected.push("broken-links");
    // Builds with one warning (a persona naming nothing): journey_model.rs.
    expected.push("journey-map");
    expected.push("import");
    // Inputs the fuzzers found, replayed by the unit tests of src/fuzzing.rs.
    expected.push("fuzz");
    expected.sort_unstable();
    assert_eq!(entries(Path::new(FIXTURES)), expected);
    let mut bad: Vec<&str> = BAD_INPUT.to_vec();
    // Only warnings: the build succeeds (tests/site/bad_input.rs).
    bad.extend(["static-replaces-page", "unconfigured-language"]);
    bad.sort_unstable();
    assert_eq!(entries(&Path::new(FIXTURES).join("bad-input")), bad);
}

#[test]
fn broken_links_fail_with_every_link_listed() {
    // The messages and locations are in tests/cmd/check-broken-links.toml.
    let built = build_fixture("broken-links", &[]);
    assert_eq!(built.status, 1, "{}", built.stderr);
    let errors = built
        .stderr
        .lines()
        .filter(|l| l.starts_with("error: "))
        .count();
    assert_eq!(errors, 9, "{}", built.stderr);
    assert!(!built.output().exists());
}

#[test]
fn broken_links_can_be_downgraded_to_warnings() {
    let source = Path::new(FIXTURES).join("broken-links");
    let dir = tempfile::tempdir().expect("a temporary folder");
    crate::helper::copy_dir(&source, &dir.path().join("site"));
    let config = dir.path().join("site/touchbase.toml");
    let text = std::fs::read_to_string(&config).expect("config");
    std::fs::write(&config, format!("{text}\n[links]\nbroken = \"warning\"\n")).expect("config");
    // Duplicate names and front-matter references stay errors; links in
    // the text become warnings.
    let ran = touchbase(&dir.path().join("site"), &["check"]);
    let errors = ran
        .stdout
        .lines()
        .filter(|l| l.starts_with("error: "))
        .count();
    let warnings = ran
        .stdout
        .lines()
        .filter(|l| l.starts_with("warning: "))
        .count();
    assert_eq!((ran.status, errors, warnings), (1, 4, 5), "{}", ran.stdout);
}

/// Builds `bad-input/<case>` and checks that it fails with `status`, lists
/// `errors` errors, and leaves the site folder exactly as it was: no output
/// folder, no staging folder, no source file touched.
fn assert_build_fails(case: &str, status: i32, errors: usize) {
    let source = Path::new(FIXTURES).join("bad-input").join(case);
    let built = build_fixture(&format!("bad-input/{case}"), &[]);
    assert_eq!(
        built.status, status,
        "{case}: stdout:\n{}\nstderr:\n{}",
        built.stdout, built.stderr
    );
    assert_eq!(built.stdout, "", "{case}: a failed build prints no summary");
    let reported = built
        .stderr
        .lines()
        .filter(|l| l.starts_with("error: "))
        .count();
    assert_eq!(reported, errors, "{case}: stderr:\n{}", built.stderr);
    assert_eq!(
        tree(&built.root()),
        tree(&source),
        "{case}: the site changed"
    );
}

/// One test per folder of `tests/fixtures/bad-input/`: name, folder,
/// expected exit status and number of errors.
macro_rules! bad_input {
    ($($(#[$attr:meta])* $name:ident: $case:literal => $status:literal, $errors:literal;)*) => {
        const BAD_INPUT: &[&str] = &[$($case),*];
        $(
            $(#[$attr])*
            #[test]
            fn $name() {
                assert_build_fails($case, $status, $errors);
            }
        )*
    };
}

bad_input! {
    unknown_front_matter_key: "unknown-key" => 1, 1;
    unknown_config_key: "unknown-config-key" => 1, 1;
    unclosed_front_matter: "unclosed-front-matter" => 1, 1;
    no_front_matter: "no-front-matter" => 1, 1;
    empty_file: "empty-file" => 1, 1;
    empty_front_matter: "empty-front-matter" => 1, 1;
    invalid_toml: "invalid-toml" => 1, 1;
    wrong_value_type: "wrong-type" => 1, 1;
    unknown_channel: "unknown-channel" => 1, 1;
    unknown_stage: "unknown-stage" => 1, 1;
    emotion_out_of_range: "emotion-out-of-range" => 1, 1;
    invalid_date: "invalid-date" => 1, 1;
    duplicate_slug: "duplicate-slug" => 1, 1;
    invalid_utf8: "invalid-utf8" => 1, 1;
    related_names_no_term: "unknown-related" => 1, 1;
    broken_template_override: "broken-template" => 1, 1;
    output_dir_is_site_root: "output-is-root" => 2, 1;
    several_errors_in_several_files: "many-errors" => 1, 7;
    duplicate_title_or_alias: "duplicate-title" => 1, 1;
    invalid_ownership: "invalid-ownership" => 1, 1;
    updated_neither_date_nor_date_string: "invalid-updated" => 1, 2;
    reserved_page_urls: "reserved-page-url" => 1, 15;
    journey_lane_values: "journey-lanes" => 1, 11;
    journey_lane_type: "journey-lane-type" => 1, 1;
    journey_references: "journey-references" => 1, 4;
    persona_fields: "persona-fields" => 1, 5;
    unknown_brand_keys: "brand-unknown-key" => 1, 2;
    invalid_brand_values: "brand-invalid" => 1, 6;
    missing_brand_files: "brand-missing-file" => 1, 3;
    config_errors_all_at_once: "bad-config" => 1, 7;
    broken_ui_strings: "bad-ui-strings" => 1, 1;
    broken_link_in_a_file_with_bom_and_crlf: "bom-crlf" => 1, 1;
    deeply_nested_input: "deep-nesting" => 1, 2;
    duplicate_translation_key: "duplicate-translation-key" => 1, 1;
    empty_slug: "empty-slug" => 1, 1;
    language_not_configured: "language-not-configured" => 1, 1;
    latin1_file: "latin1" => 1, 1;
    touchpoint_without_channel: "missing-channel" => 1, 1;
    stage_listed_twice: "stage-listed-twice" => 1, 1;
    template_not_utf8: "template-not-utf8" => 1, 1;
}

/// The CLI transcripts, where the exact messages are.
const TRANSCRIPTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cmd");

#[test]
fn every_bad_input_fixture_has_a_transcript() {
    for case in BAD_INPUT {
        let named = ["check", "build"]
            .map(|command| Path::new(TRANSCRIPTS).join(format!("{command}-{case}.toml")));
        let found = named.iter().find(|p| p.is_file());
        let text = std::fs::read_to_string(found.unwrap_or_else(|| panic!("{case}: no {named:?}")))
            .expect("a transcript");
        assert!(
            text.contains(&format!("fs.base = \"../fixtures/bad-input/{case}\"")),
            "{case}: the transcript runs elsewhere"
        );
    }
}

#[test]
fn every_reserved_first_segment_of_the_readme_is_refused() {
    // README: "The site's own sections (`glossary`, …) and the language
    // codes cannot be used as a page's first path segment."
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let sentence = readme
        .split("The site's own sections (")
        .nth(1)
        .and_then(|rest| rest.split(')').next())
        .expect("README names the reserved sections");
    let sections: Vec<&str> = sentence
        .split(',')
        .map(|s| s.trim().trim_matches('`'))
        .collect();
    assert!(sections.contains(&"glossary"), "{sections:?}");
    // The fixture has a page for each (and for both language codes).
    let case = "reserved-page-url";
    let built = build_fixture(&format!("bad-input/{case}"), &[]);
    for first in sections.iter().chain(&["de", "en"]) {
        assert!(
            built
                .stderr
                .contains(&format!("error: the page URL /{first}/")),
            "/{first}/ is not refused: {}",
            built.stderr
        );
    }
}

#[test]
fn an_unconfigured_language_suffix_is_part_of_the_name_with_a_warning() {
    let case = "bad-input/unconfigured-language";
    let built = build_fixture(case, &[]);
    assert_eq!(built.status, 0, "{}", built.stderr);
    assert!(
        built.stderr.starts_with(
            "warning: the file name ends in `.fr.md`, but `fr` is not a configured language: read as the page `crm-fr` in `de`\n --> content/glossary/crm.fr.md:1:1\n"
        ),
        "{}",
        built.stderr
    );
    assert!(built.output().join("glossary/crm-fr/index.html").is_file());
}

#[test]
fn refused_output_folders_delete_nothing() {
    let cases: [(&str, &[&str]); 4] = [
        ("bad-input/output-is-root", &[]),
        ("basic", &["--output", "."]),
        ("basic", &["--output", "content"]),
        ("basic", &["--output", ".."]),
    ];
    for (case, args) in cases {
        let source = tree(&Path::new(FIXTURES).join(case));
        let built = build_fixture(case, args);
        assert_eq!(built.status, 2, "{case} {args:?}: {}", built.stderr);
        assert!(
            built.stderr.starts_with("error: refusing to use "),
            "{case} {args:?}: {}",
            built.stderr
        );
        assert_eq!(tree(&built.root()), source, "{case} {args:?}");
        assert_eq!(entries(built.dir.path()), ["site"], "{case} {args:?}");
    }
}

#[test]
fn output_folder_may_not_replace_site_templates() {
    let built = build_fixture("template-override", &["--output", "templates"]);
    assert_eq!(built.status, 2, "{}", built.stdout);
    assert_eq!(
        tree(&built.root().join("templates")),
        tree(&Path::new(FIXTURES).join("template-override/templates"))
    );
}

/// Whether a run's stderr reports an error (warnings are allowed).
fn has_error(stderr: &str) -> bool {
    stderr.lines().any(|l| l.starts_with("error"))
}

/// The CNCF glossary, 107 terms in English and German (read-only: copied).
const CNCF_CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpora/cncf-glossary");

#[test]
fn cncf_glossary_corpus_builds_without_errors() {
    let built = build_copy(Path::new(CNCF_CORPUS), &[]);
    assert_eq!(built.status, 0, "{}", built.stderr);
    assert!(!has_error(&built.stderr), "{}", built.stderr);
    assert!(built.stdout.starts_with("Built "), "{}", built.stdout);
    assert!(built.output().join("glossary/index.html").is_file());
    assert!(built.output().join("de/glossary/index.html").is_file());
}

#[test]
fn demo_site_of_the_repository_checks_and_builds() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let checked = touchbase(repo, &["check"]);
    assert_eq!(checked.status, 0, "{}", checked.stdout);
    assert!(
        // The summary comes last, after the gap analysis' warnings.
        checked
            .stdout
            .lines()
            .last()
            .is_some_and(|l| l.starts_with("Checked ") && l.contains(" pages: 0 errors, ")),
        "{}",
        checked.stdout
    );

    let out = tempfile::tempdir().expect("a temporary folder");
    let public = out.path().join("public");
    let public_arg = public.to_str().expect("a UTF-8 temporary path");
    let built = touchbase(repo, &["build", "--output", public_arg]);
    assert_eq!(built.status, 0, "{}", built.stderr);
    assert!(!has_error(&built.stderr), "{}", built.stderr);
    assert!(public.join("index.html").is_file());
    assert!(public.join("en/index.html").is_file());
    assert_eq!(entries(out.path()), ["public"], "no staging folder is left");
}
