//! CI recipes that `touchbase init --ci` writes: a GitHub Actions workflow
//! or a GitLab CI file that checks every pull or merge request and deploys
//! the default branch to GitHub Pages or GitLab Pages.

use std::path::{Path, PathBuf};

/// Where the site is hosted and checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Provider {
    /// GitHub Actions and GitHub Pages.
    Github,
    /// GitLab CI and GitLab Pages.
    Gitlab,
}

/// A CI file, ready to be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipe {
    /// Relative to the repository root: `.github/workflows/touchbase.yml`.
    pub path: &'static str,
    pub text: String,
}

const GITHUB: &str = include_str!("../scaffold/ci/github.yml");
const GITLAB: &str = include_str!("../scaffold/ci/gitlab.yml");

/// The recipe for `provider`, for a site in the folder `site` of the
/// repository (`.` or `docs/kb`, with `/`), installing this version of
/// touchbase.
pub fn recipe(provider: Provider, site: &str) -> Recipe {
    let (path, template) = match provider {
        Provider::Github => (".github/workflows/touchbase.yml", GITHUB),
        Provider::Gitlab => (".gitlab-ci.yml", GITLAB),
    };
    Recipe {
        path,
        text: template
            .replace("__TOUCHBASE_VERSION__", env!("CARGO_PKG_VERSION"))
            .replace("__SITE__", site),
    }
}

/// The repository holding `dir` (the nearest folder upwards with a `.git`),
/// else `dir` itself; and the site's folder relative to it, with `/`.
pub fn locate(dir: &Path) -> anyhow::Result<(PathBuf, String)> {
    let dir = crate::fs::canonicalize(dir)?;
    let root = dir
        .ancestors()
        .find(|d| d.join(".git").exists())
        .unwrap_or(&dir)
        .to_path_buf();
    let rel: Vec<String> = dir
        .strip_prefix(&root)
        .unwrap_or(Path::new(""))
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let site = if rel.is_empty() {
        ".".to_string()
    } else {
        rel.join("/")
    };
    Ok((root, site))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recipes_name_this_version_and_the_site_folder() {
        let github = recipe(Provider::Github, "docs/kb");
        assert_eq!(github.path, ".github/workflows/touchbase.yml");
        assert!(github.text.contains(&format!(
            "TOUCHBASE_VERSION: \"{}\"",
            env!("CARGO_PKG_VERSION")
        )));
        assert!(github.text.contains("SITE: \"docs/kb\""));
        assert!(!github.text.contains("__"));
        let gitlab = recipe(Provider::Gitlab, ".");
        assert_eq!(gitlab.path, ".gitlab-ci.yml");
        assert!(gitlab.text.contains("SITE: \".\""));
        assert!(!gitlab.text.contains("__"));
    }

    #[test]
    fn the_site_folder_is_relative_to_the_repository() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("docs/kb");
        std::fs::create_dir_all(&site).unwrap();
        // No repository: the site folder is the root.
        let (root, rel) = locate(&site).unwrap();
        assert_eq!((root, rel.as_str()), (site.canonicalize().unwrap(), "."));
        std::fs::create_dir(dir.path().join(".git")).unwrap();
        let (root, rel) = locate(&site).unwrap();
        assert_eq!(
            (root, rel.as_str()),
            (dir.path().canonicalize().unwrap(), "docs/kb")
        );
    }
}
