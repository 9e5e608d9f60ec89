//! Killed and concurrent builds: a build killed before it could replace
//! the output leaves the output as it was, and the next build removes what
//! it left behind — only that, never the folder of a build still running.
//! Two builds into one output folder take turns, and the output is always
//! one complete build.
//!
//! The builds are real processes. `TOUCHBASE_TEST_HOLD_COMMIT` names a
//! FIFO at which a build waits once its whole output is staged (holding
//! the output's lock): opening the FIFO for writing returns exactly when
//! the build got there, so nothing here depends on timing.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use crate::helper::{build_fixture, entries, tree};

/// Generous: only reached when something is broken.
const BOUND: Duration = Duration::from_secs(120);

fn spawn_build(root: &Path, hold: Option<&Path>) -> Child {
    let mut command = Command::new(env!("CARGO_BIN_EXE_touchbase"));
    command
        .arg("build")
        .current_dir(root)
        .env_remove("TOUCHBASE_LOG")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(fifo) = hold {
        command.env("TOUCHBASE_TEST_HOLD_COMMIT", fifo);
    }
    command.spawn().expect("starting touchbase build")
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success(), "mkfifo {}", path.display());
}

/// Waits until the build holding at `fifo` got there; the returned file
/// lets it go when dropped.
fn reached_commit(fifo: &Path, build: &mut Child) -> std::fs::File {
    let (tx, rx) = mpsc::channel();
    let path = fifo.to_path_buf();
    std::thread::spawn(move || {
        let _ = tx.send(std::fs::OpenOptions::new().write(true).open(path));
    });
    match rx.recv_timeout(BOUND) {
        Ok(file) => file.expect("opening the FIFO"),
        Err(_) => {
            let _ = build.kill();
            let output = build_output(build);
            panic!("the build never reached its commit:\n{output}");
        }
    }
}

fn build_output(build: &mut Child) -> String {
    let mut text = String::new();
    for pipe in [
        build
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn std::io::Read>),
        build
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn std::io::Read>),
    ]
    .into_iter()
    .flatten()
    {
        let mut pipe = pipe;
        let _ = pipe.read_to_string(&mut text);
    }
    text
}

fn staging_folders(root: &Path) -> Vec<String> {
    entries(root)
        .into_iter()
        .filter(|e| {
            e.starts_with(".public.touchbase-new-") || e.starts_with(".public.touchbase-old-")
        })
        .collect()
}

/// The id of a process that has ended.
fn dead_pid() -> u32 {
    let mut child = Command::new("true").spawn().expect("`true` runs");
    let pid = child.id();
    child.wait().expect("`true` ends");
    pid
}

fn folder_with_a_file(path: &Path) {
    std::fs::create_dir_all(path.join("glossary")).expect("creating a folder");
    std::fs::write(path.join("glossary/index.html"), "half a site").expect("writing a file");
}

#[test]
fn leftovers_of_builds_no_longer_running_are_removed_and_only_those() {
    let mut built = build_fixture("basic", &[]);
    built.assert_clean();
    let root = built.root();
    let dead = dead_pid();
    // A process that runs until its stdin closes stands for a build that
    // is still writing (of a touchbase without the output lock).
    let mut live = Command::new("cat")
        .stdin(Stdio::piped())
        .spawn()
        .expect("`cat` runs");
    let stale_new = root.join(format!(".public.touchbase-new-{dead}"));
    let stale_old = root.join(format!(".public.touchbase-old-{dead}"));
    let running = root.join(format!(".public.touchbase-new-{}", live.id()));
    let other_output = root.join(format!(".site.touchbase-new-{dead}"));
    for folder in [&stale_new, &stale_old, &running, &other_output] {
        folder_with_a_file(folder);
    }

    built.rebuild(&[]);
    built.assert_clean();
    assert!(
        !stale_new.exists() && !stale_old.exists(),
        "{:?}",
        entries(&root)
    );
    assert!(
        running.join("glossary/index.html").is_file(),
        "a running build's folder was removed"
    );
    assert!(
        other_output.exists(),
        "the folder of another output was removed"
    );

    drop(live.stdin.take());
    live.wait().expect("`cat` ends");
    built.rebuild(&[]);
    built.assert_clean();
    assert!(!running.exists(), "{:?}", entries(&root));
}

#[test]
fn a_build_killed_before_its_commit_leaves_the_output_intact() {
    let mut built = build_fixture("basic", &[]);
    built.assert_clean();
    let root = built.root();
    let before = tree(&built.output());
    std::fs::remove_file(root.join("content/impressum.md")).expect("removing a page");
    let fifo = built.dir.path().join("hold");
    mkfifo(&fifo);

    let mut build = spawn_build(&root, Some(&fifo));
    let held = reached_commit(&fifo, &mut build);
    let staged = root.join(format!(".public.touchbase-new-{}", build.id()));
    assert!(staged.join("index.html").is_file(), "{:?}", entries(&root));
    build.kill().expect("killing the build");
    build.wait().expect("the build ends");
    drop(held);

    assert!(tree(&built.output()) == before, "the output changed");
    assert_eq!(staging_folders(&root).len(), 1);
    built.rebuild(&[]);
    built.assert_clean();
    assert!(!built.output().join("impressum").exists());
    assert_eq!(staging_folders(&root), Vec::<String>::new());
}

#[test]
fn two_builds_into_one_output_take_turns() {
    let built = build_fixture("basic", &[]);
    built.assert_clean();
    let root = built.root();
    let fifo = built.dir.path().join("hold");
    mkfifo(&fifo);

    let mut first = spawn_build(&root, Some(&fifo));
    let held = reached_commit(&fifo, &mut first);
    // The second build starts from other content while the first holds
    // its staged output.
    std::fs::remove_file(root.join("content/impressum.md")).expect("removing a page");
    let mut second = spawn_build(&root, None);
    let stderr = second.stderr.take().expect("stderr is piped");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let waiting = rx.recv_timeout(BOUND).unwrap_or_else(|_| {
        let _ = second.kill();
        panic!(
            "the second build did not wait:\n{}",
            build_output(&mut second)
        )
    });
    assert!(
        waiting.starts_with(&format!(
            "Waiting for another touchbase build (process {}) to finish writing",
            first.id()
        )),
        "{waiting}"
    );
    assert!(
        second.try_wait().expect("polling").is_none(),
        "the second build went on"
    );

    drop(held);
    let first_status = first.wait().expect("the first build ends");
    let second_status = second.wait().expect("the second build ends");
    assert!(first_status.success() && second_status.success());
    let rest: Vec<String> = rx.try_iter().collect();
    assert!(rest.iter().all(|l| !l.starts_with("error")), "{rest:?}");

    // The output is the second build, complete: the same as a build of
    // the same content from scratch.
    let reference = build_fixture("basic", &[]);
    std::fs::remove_file(reference.root().join("content/impressum.md")).expect("removing");
    let mut reference = reference;
    reference.rebuild(&[]);
    reference.assert_clean();
    assert!(
        tree(&built.output()) == tree(&reference.output()),
        "not one complete build"
    );
    assert_eq!(staging_folders(&root), Vec::<String>::new());
}
