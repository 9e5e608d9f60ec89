//! `touchbase import`: the fixture spreadsheets of `tests/fixtures/import/`
//! (made by `scripts/make-import-fixtures.py`) imported into a copy of
//! that site and the written files compared with `expected/`; updates that
//! keep bodies; imports that fail writing nothing; the demo's exports
//! imported back into a fresh site; a German Excel export of thirty
//! touchpoints imported into a copy of the demo. The messages themselves
//! are in the CLI transcripts (`tests/cmd/import-*.toml`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use tempfile::TempDir;

use crate::helper::{FIXTURES, Ran, copy_dir, touchbase, tree};

/// A copy of a site in a temporary folder.
struct Site {
    dir: TempDir,
}

impl Site {
    /// A copy of `tests/fixtures/import`.
    fn fixture() -> Self {
        Self::copy(&Path::new(FIXTURES).join("import"))
    }

    /// A copy of the repository's demo site: its config, content and
    /// static files (the logo the config names).
    fn demo() -> Self {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        let site = Self::empty(&repo.join("touchbase.toml"));
        for dir in ["content", "static"] {
            if repo.join(dir).is_dir() {
                copy_dir(&repo.join(dir), &site.root().join(dir));
            }
        }
        site
    }

    /// A site with only the config `config`.
    fn empty(config: &Path) -> Self {
        let dir = tempfile::tempdir().expect("a temporary folder");
        std::fs::create_dir_all(dir.path().join("site")).expect("a site folder");
        std::fs::copy(config, dir.path().join("site/touchbase.toml")).expect("copying the config");
        Self { dir }
    }

    fn copy(from: &Path) -> Self {
        let dir = tempfile::tempdir().expect("a temporary folder");
        copy_dir(from, &dir.path().join("site"));
        Self { dir }
    }

    fn root(&self) -> PathBuf {
        self.dir.path().join("site")
    }

    fn run(&self, args: &[&str]) -> Ran {
        touchbase(&self.root(), args)
    }

    /// Runs an import that must succeed.
    fn import(&self, args: &[&str]) -> Ran {
        let mut all = vec!["import"];
        all.extend_from_slice(args);
        let ran = self.run(&all);
        assert_eq!(ran.status, 0, "{all:?}\n{}\n{}", ran.stdout, ran.stderr);
        ran
    }

    /// Every file of `content/`.
    fn content(&self) -> BTreeMap<String, Vec<u8>> {
        tree(&self.root().join("content"))
    }

    fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root().join("content").join(rel))
            .unwrap_or_else(|e| panic!("reading {rel}: {e}"))
    }
}

/// The files `after` has and `before` has not, or has with other bytes.
fn written(
    before: &BTreeMap<String, Vec<u8>>,
    after: &BTreeMap<String, Vec<u8>>,
) -> BTreeMap<String, String> {
    after
        .iter()
        .filter(|(path, bytes)| before.get(*path) != Some(*bytes))
        .map(|(path, bytes)| {
            (
                path.clone(),
                String::from_utf8(bytes.clone()).expect("UTF-8"),
            )
        })
        .collect()
}

/// The files of `tests/fixtures/import/expected/<case>/`.
fn expected(case: &str) -> BTreeMap<String, String> {
    tree(&Path::new(FIXTURES).join("import/expected").join(case))
        .into_iter()
        .map(|(path, bytes)| (path, String::from_utf8(bytes).expect("UTF-8")))
        .collect()
}

/// Imports `args` into a fresh copy of the fixture site and compares
/// the files it wrote with `expected/<case>/`.
fn imports_as_expected(case: &str, args: &[&str]) {
    let site = Site::fixture();
    let before = site.content();
    site.import(args);
    assert_eq!(written(&before, &site.content()), expected(case), "{case}");
}

#[test]
fn excel_csv_with_semicolons_bom_crlf_and_line_breaks_in_cells() {
    imports_as_expected(
        "excel-csv",
        &["touchpoints", "sheets/touchpoints-excel.csv"],
    );
}

#[test]
fn xlsx_first_sheet_and_a_named_sheet() {
    imports_as_expected("xlsx-touchpoints", &["touchpoints", "sheets/workbook.xlsx"]);
    imports_as_expected(
        "xlsx-terms",
        &["terms", "sheets/workbook.xlsx", "--sheet", "Begriffe"],
    );
}

#[test]
fn importing_a_workbook_again_with_update_changes_nothing() {
    let site = Site::fixture();
    site.import(&["touchpoints", "sheets/workbook.xlsx"]);
    let first = site.content();
    let again = site.import(&["touchpoints", "sheets/workbook.xlsx", "--update"]);
    assert!(
        again
            .stdout
            .contains(": 0 files created, 0 updated, 2 unchanged;"),
        "{}",
        again.stdout
    );
    assert!(
        again.stderr.contains(
            "warning: the `Text` column is not applied to the 1 existing file of the import\n"
        ),
        "{}",
        again.stderr
    );
    assert_eq!(site.content(), first);
}

#[test]
fn ods_terms_pair_with_their_translations() {
    imports_as_expected("ods-terms", &["terms", "sheets/glossary.ods"]);
    let site = Site::fixture();
    site.import(&["terms", "sheets/glossary.ods"]);
    let built = site.run(&["build"]);
    assert_eq!(built.status, 0, "{}", built.stderr);
    let german =
        std::fs::read_to_string(site.root().join("public/glossary/kundenbindung/index.html"))
            .expect("the German page");
    assert!(
        german.contains(
            "hreflang=\"en\" href=\"https://example.com/kb/en/glossary/customer-loyalty/\""
        ),
        "the German term links its English translation"
    );
}

#[test]
fn dry_run_writes_nothing() {
    let site = Site::fixture();
    let before = site.content();
    let ran = site.import(&["touchpoints", "sheets/touchpoints-excel.csv", "--dry-run"]);
    assert_eq!(site.content(), before);
    assert_eq!(
        ran.stdout.matches("Would create ").count(),
        3,
        "{}",
        ran.stdout
    );
}

#[test]
fn update_rewrites_front_matter_and_keeps_the_body_byte_for_byte() {
    let site = Site::fixture();
    let original = site.read("touchpoints/hotline.md");
    site.import(&["touchpoints", "sheets/update.csv", "--update"]);
    let updated = site.read("touchpoints/hotline.md");
    let body = |text: &str| text.splitn(3, "+++\n").nth(2).expect("a body").to_string();
    assert_eq!(body(&updated), body(&original));
    assert_eq!(updated, expected("update")["touchpoints/hotline.md"]);
    // The same import again changes nothing.
    let again = site.import(&["touchpoints", "sheets/update.csv", "--update"]);
    assert!(
        again
            .stdout
            .contains(": 0 files created, 0 updated, 2 unchanged;"),
        "{}",
        again.stdout
    );
    assert_eq!(site.read("touchpoints/hotline.md"), updated);
}

#[test]
fn one_bad_row_writes_nothing() {
    for sheet in [
        "sheets/one-bad-row.csv",
        "sheets/duplicate-slug.csv",
        "sheets/exists.csv",
    ] {
        let site = Site::fixture();
        let before = site.content();
        let ran = site.run(&["import", "touchpoints", sheet]);
        assert_eq!(ran.status, 1, "{sheet}: {}", ran.stderr);
        assert!(
            ran.stderr.ends_with("Nothing was written.\n"),
            "{}",
            ran.stderr
        );
        assert_eq!(site.content(), before, "{sheet}");
    }
}

/// The front matter of a content file as TOML.
fn front_matter(text: &str) -> toml::Table {
    let split = touchbase::frontmatter::split(text).expect("front matter");
    toml::from_str(&text[split.front_matter]).expect("valid TOML")
}

/// What `slug`, `lang` and `translation_key` come to for the file `rel`
/// (relative to `content/`) with this front matter; the keys are removed.
fn identity(rel: &str, table: &mut toml::Table) -> (String, String, String) {
    let name = rel.rsplit('/').next().unwrap().trim_end_matches(".md");
    let (stem, suffix) = match name.rsplit_once('.') {
        Some((stem, suffix)) => (stem, suffix),
        None => (name, "de"),
    };
    let mut take = |key: &str, default: &str| match table.remove(key) {
        Some(v) => v.as_str().expect("a string").to_string(),
        None => default.to_string(),
    };
    let slug = touchbase::slug::slugify(&take("slug", stem));
    let lang = take("lang", suffix);
    let key = take("translation_key", stem);
    (slug, lang, key)
}

/// The title and URL of every `terms`/`related` reference of each entry
/// of an export, by the entry's URL.
fn resolved(export: &Path, list: &str, field: &str) -> BTreeMap<String, Vec<String>> {
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(export).expect("an export")).expect("JSON");
    json[list]
        .as_array()
        .expect("a list")
        .iter()
        .map(|entry| {
            let refs = entry[field].as_array().expect("references");
            let urls = refs.iter().map(|r| r["url"].as_str().unwrap().to_string());
            (entry["url"].as_str().unwrap().to_string(), urls.collect())
        })
        .collect()
}

#[test]
fn the_demo_exports_import_back_to_the_same_front_matter() {
    let demo = Site::demo();
    let built = demo.run(&["build"]);
    assert_eq!(built.status, 0, "{}", built.stderr);
    let public = demo.root().join("public");
    let fresh = Site::empty(&demo.root().join("touchbase.toml"));
    if demo.root().join("static").is_dir() {
        copy_dir(&demo.root().join("static"), &fresh.root().join("static"));
    }
    // Only terms and touchpoints come back: the footer link to the about
    // page, which the import does not bring, goes.
    let config = fresh.root().join("touchbase.toml");
    let text = std::fs::read_to_string(&config).expect("the config");
    let kept: Vec<&str> = text
        .split("\n\n")
        .filter(|block| !block.contains("url = { de = \"/about/\""))
        .collect();
    assert!(
        kept.len() < text.split("\n\n").count(),
        "the footer link is gone"
    );
    std::fs::write(&config, kept.join("\n\n")).expect("writing the config");
    let glossary = public.join("glossary.csv");
    let touchpoints = public.join("touchpoints.csv");
    fresh.import(&["terms", glossary.to_str().unwrap()]);
    fresh.import(&["touchpoints", touchpoints.to_str().unwrap()]);
    let rebuilt = fresh.run(&["build"]);
    assert_eq!(rebuilt.status, 0, "{}", rebuilt.stderr);

    let original = demo.content();
    let imported = fresh.content();
    let mut compared = 0;
    for (path, bytes) in &original {
        if !path.starts_with("glossary/") && !path.starts_with("touchpoints/") {
            continue;
        }
        let copy = imported
            .get(path)
            .unwrap_or_else(|| panic!("{path} was not imported to the same file"));
        let mut want = front_matter(std::str::from_utf8(bytes).unwrap());
        let mut got = front_matter(std::str::from_utf8(copy).unwrap());
        // `slug`, `lang` and `translation_key` may be said by the file
        // name instead; what they come to must agree.
        assert_eq!(
            identity(path, &mut got),
            identity(path, &mut want),
            "{path}"
        );
        // References come back as the title of what they name (checked
        // below through both builds); everything else as written.
        for key in ["terms", "related"] {
            want.remove(key);
            got.remove(key);
        }
        assert_eq!(got, want, "{path}");
        compared += 1;
    }
    assert_eq!(compared, imported.len(), "no other file was imported");
    assert!(
        compared > 60,
        "the demo has terms and touchpoints in two languages"
    );
    for (file, list, field) in [
        ("touchpoints.json", "touchpoints", "terms"),
        ("glossary.json", "terms", "related"),
    ] {
        assert_eq!(
            resolved(&fresh.root().join("public").join(file), list, field),
            resolved(&public.join(file), list, field),
            "{file}: every reference names the same entry"
        );
    }
}

#[test]
fn a_german_excel_export_of_thirty_touchpoints_imports_into_the_demo() {
    let demo = Site::demo();
    let sheets = Path::new(FIXTURES).join("import/sheets");
    let broken = sheets.join("demo-30-broken.csv");
    let before = demo.content();
    let ran = demo.run(&["import", "touchpoints", broken.to_str().unwrap()]);
    assert_eq!(ran.status, 1, "{}", ran.stderr);
    assert!(
        ran.stderr.contains("error: unknown stage `Bindnug`\n")
            && ran.stderr.contains("demo-30-broken.csv:17:4\n"),
        "{}",
        ran.stderr
    );
    assert_eq!(demo.content(), before, "nothing is written");

    let ran = demo.import(&["touchpoints", sheets.join("demo-30.csv").to_str().unwrap()]);
    assert!(
        ran.stdout
            .contains(": 30 files created, 0 updated, 0 unchanged; 1 warning.\n"),
        "{}",
        ran.stdout
    );
    assert!(
        ran.stderr.contains("read as windows-1252"),
        "{}",
        ran.stderr
    );
    let written = written(&before, &demo.content());
    assert_eq!(written.len(), 30);
    let sms = front_matter(&written["touchpoints/paketbenachrichtigung-per-sms.md"]);
    assert_eq!(sms["channel"].as_str(), Some("after-purchase"));
    assert_eq!(
        sms["stages"].as_array().unwrap(),
        &vec![
            toml::Value::from("purchase"),
            toml::Value::from("onboarding")
        ]
    );
    assert_eq!(sms["updated"].to_string(), "2026-05-01");
    let built = demo.run(&["build"]);
    assert_eq!(built.status, 0, "{}", built.stderr);
}
