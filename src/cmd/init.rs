//! `touchbase init`: scaffold a small site that builds without errors.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Result, bail};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Folder to create the site in (created if missing).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
}

/// The files of a new site, relative to its folder.
const FILES: &[(&str, &str)] = &[
    (
        "touchbase.toml",
        include_str!("../../scaffold/touchbase.toml"),
    ),
    (
        "content/about.md",
        include_str!("../../scaffold/content/about.md"),
    ),
    (
        "content/glossary/customer-journey.md",
        include_str!("../../scaffold/content/glossary/customer-journey.md"),
    ),
    (
        "content/glossary/kundenbindung.md",
        include_str!("../../scaffold/content/glossary/kundenbindung.md"),
    ),
    (
        "content/glossary/touchpoint.md",
        include_str!("../../scaffold/content/glossary/touchpoint.md"),
    ),
    (
        "content/touchpoints/bonusprogramm.md",
        include_str!("../../scaffold/content/touchpoints/bonusprogramm.md"),
    ),
    (
        "content/touchpoints/hotline.md",
        include_str!("../../scaffold/content/touchpoints/hotline.md"),
    ),
    (
        "content/touchpoints/website.md",
        include_str!("../../scaffold/content/touchpoints/website.md"),
    ),
    (
        "content/journeys/erster-einkauf.md",
        include_str!("../../scaffold/content/journeys/erster-einkauf.md"),
    ),
];

pub fn run(args: &Args) -> Result<ExitCode> {
    scaffold(&args.dir)?;
    let shown = args.dir.display();
    super::print(&format!(
        "Created a new site in {shown}.\nNext:\n  touchbase build --root {shown}\n  open {}\n",
        args.dir.join("public").join("index.html").display()
    ));
    Ok(ExitCode::SUCCESS)
}

/// Writes the sample site into `dir`; refuses a folder that already has a
/// site or any of the files, so nothing is ever overwritten.
pub fn scaffold(dir: &Path) -> Result<()> {
    if let Some((existing, _)) = FILES.iter().find(|(rel, _)| dir.join(rel).exists()) {
        bail!(
            "{} already exists; touchbase init never overwrites files\n  hint: choose an empty folder, e.g. `touchbase init my-site`",
            dir.join(existing).display()
        );
    }
    for (rel, text) in FILES {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            crate::fs::create_dir_all(parent)?;
        }
        crate::fs::create_new(&path, text)?;
    }
    Ok(())
}
