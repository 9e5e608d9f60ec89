//! `touchbase init`: scaffold a small site that builds without errors.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Result, bail};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Folder to create the site in (created if missing).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Also write a CI recipe: check pull/merge requests, deploy the default branch to Pages.
    #[arg(long, value_enum, value_name = "PROVIDER")]
    pub ci: Option<crate::ci::Provider>,
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
    let Some(provider) = args.ci else {
        scaffold(&args.dir)?;
        print_next(&args.dir);
        return Ok(ExitCode::SUCCESS);
    };
    // With --ci, an existing site gets only the recipe.
    let new_site = !args.dir.join(crate::config::CONFIG_FILE).exists();
    crate::fs::create_dir_all(&args.dir)?;
    let (repo, site) = crate::ci::locate(&args.dir)?;
    let recipe = crate::ci::recipe(provider, &site);
    let target = repo.join(recipe.path);
    if target.exists() {
        bail!(
            "{} already exists; touchbase init never overwrites files\n  hint: rename or delete it to write a new one, or merge the recipe from the README by hand",
            target.display()
        );
    }
    if new_site {
        scaffold(&args.dir)?;
    }
    if let Some(parent) = target.parent() {
        crate::fs::create_dir_all(parent)?;
    }
    crate::fs::create_new(&target, &recipe.text)?;
    if new_site {
        print_next(&args.dir);
    }
    let (requests, pages, enable) = match provider {
        crate::ci::Provider::Github => (
            "pull requests",
            "GitHub Pages",
            "in the repository's Settings → Pages, choose \"GitHub Actions\" as the source",
        ),
        crate::ci::Provider::Gitlab => (
            "merge requests",
            "GitLab Pages",
            "GitLab Pages publishes the `pages` job's output; see Deploy → Pages",
        ),
    };
    // Shown relative to the current folder when it is below it.
    let shown = std::env::current_dir()
        .and_then(|cwd| cwd.canonicalize())
        .ok()
        .and_then(|cwd| target.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| target.clone());
    super::print(&format!(
        "Wrote {}: {requests} run `touchbase check --strict`, the default branch is deployed to {pages}.\n  hint: {enable}, then commit and push the file.\n",
        shown.display()
    ));
    Ok(ExitCode::SUCCESS)
}

fn print_next(dir: &Path) {
    let shown = dir.display();
    super::print(&format!(
        "Created a new site in {shown}.\nNext:\n  touchbase build --root {shown}\n  open {}\n",
        dir.join("public").join("index.html").display()
    ));
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
