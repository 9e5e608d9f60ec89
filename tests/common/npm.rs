//! Installing the pinned npm packages some tests run (axe-core, vnu-jar)
//! into Cargo's test folder.

use std::path::Path;
use std::process::Command;
use std::sync::{Mutex, PoisonError};

/// Installs `package` (`name@version`) into `prefix` unless `wanted`, a
/// file the package brings, is there already. Tests running at the same
/// time take turns, so none reads a file another is still writing. A
/// failed install is tried once more (the registry fails now and then, in
/// CI too). `Err` says what npm printed, or why it did not run.
pub(crate) fn install(prefix: &Path, package: &str, wanted: &Path) -> Result<(), String> {
    static TURN: Mutex<()> = Mutex::new(());
    let _turn = TURN.lock().unwrap_or_else(PoisonError::into_inner);
    if wanted.is_file() {
        return Ok(());
    }
    std::fs::create_dir_all(prefix).map_err(|e| format!("creating {}: {e}", prefix.display()))?;
    let mut failed = String::new();
    for _ in 0..2 {
        let run = Command::new("npm")
            .args([
                "install",
                "--no-audit",
                "--no-fund",
                "--loglevel=error",
                "--prefix",
            ])
            .arg(prefix)
            .arg(package)
            .output()
            .map_err(|e| format!("npm does not run ({e}); install Node.js and npm"))?;
        if run.status.success() && wanted.is_file() {
            return Ok(());
        }
        failed = format!(
            "npm install {package} failed twice (it needs the npm registry): {}\n{}{}",
            run.status,
            String::from_utf8_lossy(&run.stdout),
            String::from_utf8_lossy(&run.stderr)
        );
    }
    Err(failed)
}
