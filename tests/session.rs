//! The live preview's rebuilds: after an edit, an incremental rebuild must
//! leave exactly the files a fresh full build writes, byte for byte — on
//! the repository's own demo site, for edits that change links and
//! backlinks, for edits that need a full rebuild, and across an edit that
//! breaks the site and the one that fixes it.

use std::path::{Path, PathBuf};

use touchbase::build::Options;

#[path = "common/files.rs"]
mod files;
use files::{copy_dir, tree};
use touchbase::session::Session;

const REPO: &str = env!("CARGO_MANIFEST_DIR");

/// A copy of the demo site and a session serving it into `out/`.
struct Demo {
    dir: tempfile::TempDir,
    session: Session,
}

impl Demo {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        copy_dir(&Path::new(REPO).join("content"), &site.join("content"));
        // The demo's `[brand]` logo.
        copy_dir(&Path::new(REPO).join("static"), &site.join("static"));
        std::fs::copy(
            Path::new(REPO).join("touchbase.toml"),
            site.join("touchbase.toml"),
        )
        .unwrap();
        let mut session = Session::new(Self::options(&site, dir.path().join("out")));
        let outcome = session.build().unwrap();
        assert!(
            !outcome.report.has_errors(),
            "{:?}",
            outcome.report.diagnostics
        );
        Self { dir, session }
    }

    fn options(site: &Path, output: PathBuf) -> Options {
        Options {
            root: site.to_path_buf(),
            output: Some(output),
            base_url: Some("http://127.0.0.1:4000/".into()),
            drafts: false,
            write: true,
        }
    }

    fn file(&self, rel: &str) -> PathBuf {
        self.dir.path().join("site/content").join(rel)
    }

    fn edit(&self, rel: &str, from: &str, to: &str) -> PathBuf {
        let path = self.file(rel);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{rel} does not contain {from:?}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
        path
    }

    /// Rebuilds after an edit of `path`, asserts it went incrementally and
    /// without errors, that each of `changed` was written again, and that
    /// the output equals a full build.
    fn rebuild_incrementally(&mut self, path: PathBuf, changed: &[&str]) {
        let outcome = self.session.rebuild(&[path]).unwrap();
        assert!(outcome.incremental);
        assert!(
            !outcome.report.has_errors(),
            "{:?}",
            outcome.report.diagnostics
        );
        for page in changed {
            assert!(
                outcome.changed.iter().any(|c| c == page),
                "{page} not in {:?}",
                outcome.changed
            );
        }
        self.assert_equals_full_build();
    }

    /// Asserts the live output, once settled, equals a fresh full build of
    /// the same sources.
    fn assert_equals_full_build(&mut self) {
        self.session.settle().unwrap();
        let fresh = self
            .dir
            .path()
            .join(format!("fresh-{}", std::process::id()));
        let report =
            touchbase::build::run(&Self::options(&self.dir.path().join("site"), fresh.clone()))
                .unwrap();
        assert!(!report.has_errors(), "{:?}", report.diagnostics);
        let (live, full) = (tree(&self.dir.path().join("out")), tree(&fresh));
        assert_eq!(
            live.keys().collect::<Vec<_>>(),
            full.keys().collect::<Vec<_>>()
        );
        for (path, bytes) in &full {
            assert!(live[path] == *bytes, "{path} differs from a full build");
        }
        std::fs::remove_dir_all(fresh).unwrap();
    }
}

#[test]
fn a_text_edit_that_changes_links_rebuilds_incrementally_and_equals_a_full_build() {
    let mut demo = Demo::new();
    // Adds a link to Onboarding (its backlinks change) and new text.
    let path = demo.edit(
        "glossary/kundenbindung.md",
        "Kundenbindung beschreibt",
        "Nach dem [[Onboarding]] beschreibt Kundenbindung",
    );
    demo.rebuild_incrementally(
        path,
        &[
            "glossary/kundenbindung/index.html",
            "glossary/onboarding/index.html",
        ],
    );
    // And takes the link away again.
    let path = demo.edit(
        "glossary/kundenbindung.md",
        "Nach dem [[Onboarding]] beschreibt",
        "Auch hier beschreibt",
    );
    demo.rebuild_incrementally(path, &["glossary/onboarding/index.html"]);
}

#[test]
fn front_matter_edits_that_keep_names_and_urls_rebuild_incrementally() {
    let mut demo = Demo::new();
    // A description shows in every tooltip of a link to the term, in lists
    // and in the glossary.
    let path = demo.edit(
        "glossary/crm.md",
        "description = \"",
        "description = \"Neu: ",
    );
    demo.rebuild_incrementally(path, &["glossary/index.html"]);
    // A touchpoint's facets and references: catalogue, matrix, journeys, terms.
    let path = demo.edit(
        "touchpoints/live-chat.md",
        "stages = [",
        "stages = [\"loyalty\", ",
    );
    demo.rebuild_incrementally(path, &[]);
    let path = demo.edit(
        "touchpoints/live-chat.md",
        "terms = [",
        "terms = [\"Onboarding\", ",
    );
    demo.rebuild_incrementally(path, &["glossary/onboarding/index.html"]);
}

#[test]
fn persona_and_future_state_edits_update_the_pages_on_both_sides() {
    let mut demo = Demo::new();
    // The journey moves to another persona: both persona pages list it
    // (or no longer do).
    let path = demo.edit(
        "journeys/reklamation-und-wiederkauf.md",
        "persona = \"Stammkunde\"",
        "persona = \"Erstkundin\"",
    );
    demo.rebuild_incrementally(
        path,
        &[
            "journeys/reklamation-und-wiederkauf/index.html",
            "personas/stammkunde/index.html",
            "personas/neukundin/index.html",
        ],
    );
    // The future state improves another journey: both current journeys
    // change their link to it.
    let path = demo.edit(
        "journeys/erstkauf-im-onlineshop-zielbild.md",
        "improves = \"Erstkauf im Onlineshop\"",
        "improves = \"Reklamation und Wiederkauf\"",
    );
    demo.rebuild_incrementally(
        path,
        &[
            "journeys/erstkauf-im-onlineshop-zielbild/index.html",
            "journeys/erstkauf-im-onlineshop/index.html",
            "journeys/reklamation-und-wiederkauf/index.html",
            "journeys/index.html",
        ],
    );
    // A persona's own fields show on its page and in /personas/.
    let path = demo.edit("personas/stammkunde.md", "role = \"", "role = \"Neu: ");
    demo.rebuild_incrementally(
        path,
        &["personas/stammkunde/index.html", "personas/index.html"],
    );
}

#[test]
fn renaming_a_page_rebuilds_everything_and_equals_a_full_build() {
    let mut demo = Demo::new();
    let path = demo.edit(
        "glossary/onboarding.md",
        "title = \"Onboarding\"",
        "title = \"Kunden-Onboarding\"",
    );
    let outcome = demo.session.rebuild(&[path]).unwrap();
    assert!(!outcome.incremental);
    assert!(
        !outcome.report.has_errors(),
        "{:?}",
        outcome.report.diagnostics
    );
    demo.assert_equals_full_build();
}

#[test]
fn a_broken_edit_keeps_the_last_good_pages_and_the_fix_restores_them() {
    let mut demo = Demo::new();
    let page = demo
        .dir
        .path()
        .join("out/glossary/kundenbindung/index.html");
    let before = std::fs::read(&page).unwrap();
    let path = demo.edit(
        "glossary/kundenbindung.md",
        "Kundenbindung beschreibt",
        "[[Gibtsnicht]] beschreibt",
    );
    let outcome = demo.session.rebuild(std::slice::from_ref(&path)).unwrap();
    assert!(outcome.report.has_errors());
    assert!(
        outcome
            .report
            .diagnostics
            .iter()
            .any(|d| d.message.contains("Gibtsnicht"))
    );
    assert_eq!(
        std::fs::read(&page).unwrap(),
        before,
        "the last good page is kept"
    );
    demo.edit(
        "glossary/kundenbindung.md",
        "[[Gibtsnicht]] beschreibt",
        "Kundenbindung beschreibt",
    );
    let outcome = demo.session.rebuild(&[path]).unwrap();
    assert!(
        !outcome.report.has_errors(),
        "{:?}",
        outcome.report.diagnostics
    );
    assert_eq!(std::fs::read(&page).unwrap(), before);
    demo.assert_equals_full_build();
}

/// Generous: reached only when something is broken.
const BOUND: std::time::Duration = std::time::Duration::from_secs(120);

#[test]
fn a_page_rebuild_never_waits_for_the_search_index() {
    use std::sync::{Arc, Mutex, mpsc};
    let mut demo = Demo::new();
    // The index build tells when it starts and then waits for the test.
    let (started, index_started) = mpsc::channel();
    let (release, released) = mpsc::channel::<()>();
    let released = Mutex::new(released);
    demo.session.set_index_hook(Arc::new(move || {
        let _ = started.send(());
        let _ = released.lock().unwrap().recv();
    }));
    let first = demo.edit(
        "glossary/kundenbindung.md",
        "Kundenbindung beschreibt",
        "Erstens beschreibt",
    );
    assert!(demo.session.rebuild(&[first]).unwrap().incremental);
    assert!(demo.session.pending());
    let second = demo.edit(
        "glossary/kundenbindung.md",
        "Erstens beschreibt",
        "Zweitens beschreibt",
    );
    let page = demo
        .dir
        .path()
        .join("out/glossary/kundenbindung/index.html");

    // What `serve` does: a quiet moment starts the index, the next save
    // is rebuilt. The session goes to a thread so the test can watch.
    let Demo { dir, mut session } = demo;
    let (rebuilt, page_rebuilt) = mpsc::channel();
    let worker = std::thread::spawn(move || {
        session.idle();
        let outcome = session.rebuild(&[second]);
        let _ = rebuilt.send(outcome.map(|o| o.incremental).map_err(|e| e.to_string()));
        session
    });
    index_started
        .recv_timeout(BOUND)
        .expect("the index build started");
    let incremental = page_rebuilt
        .recv_timeout(BOUND)
        .expect("the page was rebuilt while the index was held back");
    assert_eq!(incremental, Ok(true));
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.contains("Zweitens beschreibt"), "{html}");

    // Let the overtaken index go: it writes nothing, and the index of the
    // latest text makes the output equal a full build.
    release.send(()).unwrap();
    let session = worker.join().unwrap();
    let mut demo = Demo { dir, session };
    assert!(demo.session.pending(), "the overtaken index does not count");
    demo.session.idle();
    release.send(()).unwrap();
    demo.assert_equals_full_build();
}
