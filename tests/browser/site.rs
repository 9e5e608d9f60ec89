//! Sites for the browser tests: the repository's demo site, built once per
//! test run with the real binary into Cargo's test folder, and served by
//! [`Server`](super::server::Server) under its base path.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Mutex, OnceLock};

/// The fixture site `tests/fixtures/<case>` built for its own `base_url`,
/// as a folder; built once per test run.
pub(crate) fn fixture(case: &str) -> PathBuf {
    static BUILT: OnceLock<Mutex<Vec<String>>> = OnceLock::new();
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("browser-fixture-{case}"));
    let mut built = BUILT
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    if !built.iter().any(|c| c == case) {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(case);
        let run = Command::new(env!("CARGO_BIN_EXE_touchbase"))
            .args(["build", "--root"])
            .arg(&root)
            .arg("--output")
            .arg(&out)
            .env_remove("TOUCHBASE_LOG")
            .output()
            .expect("touchbase runs");
        assert!(
            run.status.success(),
            "building {case} failed: {}",
            String::from_utf8_lossy(&run.stderr)
        );
        built.push(case.to_string());
    }
    out
}

/// The demo site built with `--base-url URL`, as a folder; built once per
/// distinct URL and test run.
pub(crate) fn demo(base_url: &str) -> PathBuf {
    static BUILT: OnceLock<Mutex<Vec<String>>> = OnceLock::new();
    let slug: String = base_url
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("browser-demo-{slug}"));
    let mut built = BUILT
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    if !built.contains(&slug) {
        let run = Command::new(env!("CARGO_BIN_EXE_touchbase"))
            .args([
                "build",
                "--root",
                env!("CARGO_MANIFEST_DIR"),
                "--base-url",
                base_url,
                "--output",
            ])
            .arg(&out)
            .env_remove("TOUCHBASE_LOG")
            .output()
            .expect("touchbase runs");
        assert!(
            run.status.success(),
            "building the demo failed: {}",
            String::from_utf8_lossy(&run.stderr)
        );
        built.push(slug);
    }
    out
}
