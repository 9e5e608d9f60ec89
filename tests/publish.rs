//! Publishing touchbase and sites built with it: what the crate package
//! holds, the shape of the Dockerfile (no Docker engine runs here), and
//! the CI recipes `touchbase init --ci` writes — valid YAML, commands the
//! CLI accepts, and check steps that really turn `check --format json`
//! into annotations.

use std::path::{Path, PathBuf};
use std::process::Command;

#[path = "common/skip.rs"]
mod skip;

use clap::Parser;
use touchbase::cmd::Cli;
use yaml_rust2::{Yaml, YamlLoader};

const REPO: &str = env!("CARGO_MANIFEST_DIR");

fn run(cwd: &Path, program: &str, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(program)
        .args(args)
        .current_dir(cwd)
        .env_remove("TOUCHBASE_LOG")
        .output()
        .unwrap_or_else(|e| panic!("running {program}: {e}"));
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn package_holds_code_theme_and_scaffold_only() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let (status, stdout, stderr) = run(
        Path::new(REPO),
        &cargo,
        &["package", "--list", "--allow-dirty", "--offline"],
    );
    assert_eq!(status, 0, "{stderr}");
    let files: Vec<&str> = stdout.lines().collect();
    for needed in [
        "Cargo.toml",
        "Cargo.lock",
        "README.md",
        "build.rs",
        "src/main.rs",
        "src/serve/live.js",
        "themes/default/templates/base.html",
        "themes/default/static/assets/style.css",
        "themes/default/static/favicon.ico",
        "themes/default/i18n/de.toml",
        "scaffold/touchbase.toml",
        "scaffold/ci/github.yml",
    ] {
        assert!(files.contains(&needed), "{needed} is missing: {files:#?}");
    }
    let unwanted = |f: &&&str| {
        let f: &str = f;
        [
            "content/",
            "tests/",
            "static/",
            "scripts/",
            "examples/",
            ".ci/",
        ]
        .iter()
        .any(|p| f.starts_with(p))
            || ["touchbase.toml", "BENCHMARKS.md", "Dockerfile"].contains(&f)
    };
    let extra: Vec<&&str> = files.iter().filter(unwanted).collect();
    assert!(extra.is_empty(), "the crate should not hold {extra:#?}");
}

/// The instructions of a Dockerfile: (keyword, arguments), continuation
/// lines joined, comments dropped.
fn instructions(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut current = String::new();
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('#') || (line.is_empty() && current.is_empty()) {
            continue;
        }
        current.push_str(line.trim_end_matches('\\'));
        current.push(' ');
        if !line.ends_with('\\') {
            let (word, rest) = current
                .trim()
                .split_once(' ')
                .unwrap_or((current.trim(), ""));
            out.push((word.to_uppercase(), rest.trim().to_string()));
            current.clear();
        }
    }
    out
}

#[test]
fn dockerfile_builds_in_stages_and_runs_only_the_binary_as_non_root() {
    let text = std::fs::read_to_string(Path::new(REPO).join("Dockerfile")).unwrap();
    let all = instructions(&text);
    let froms: Vec<&String> = all
        .iter()
        .filter(|(k, _)| k == "FROM")
        .map(|(_, a)| a)
        .collect();
    assert_eq!(froms.len(), 2, "a build stage and a final stage: {froms:?}");
    assert!(
        froms[0].starts_with("rust:") && froms[0].ends_with(" AS build"),
        "{}",
        froms[0]
    );
    // The builder's Rust is at least the crate's rust-version.
    let manifest = std::fs::read_to_string(Path::new(REPO).join("Cargo.toml")).unwrap();
    let wanted = manifest
        .lines()
        .find_map(|l| l.strip_prefix("rust-version = "))
        .unwrap()
        .trim_matches('"');
    let version = |v: &str| -> Vec<u32> { v.split('.').map(|p| p.parse().unwrap()).collect() };
    let builder = froms[0]
        .trim_start_matches("rust:")
        .split('-')
        .next()
        .unwrap();
    assert!(version(builder) >= version(wanted), "{builder} < {wanted}");
    // The final stage: only the binary, a non-root user, touchbase first.
    let last_from = all.iter().rposition(|(k, _)| k == "FROM").unwrap();
    let last = &all[last_from..];
    let copies: Vec<&String> = last
        .iter()
        .filter(|(k, _)| k == "COPY" || k == "ADD")
        .map(|(_, a)| a)
        .collect();
    assert_eq!(
        copies,
        ["--from=build /usr/local/bin/touchbase /usr/local/bin/touchbase"]
    );
    assert!(
        !last.iter().any(|(k, _)| k == "RUN"),
        "nothing else installed"
    );
    let user = last
        .iter()
        .rev()
        .find(|(k, _)| k == "USER")
        .expect("a USER");
    assert!(
        !["root", "0", "root:root", "0:0"].contains(&user.1.as_str()),
        "USER {}",
        user.1
    );
    let entry = last
        .iter()
        .find(|(k, _)| k == "ENTRYPOINT")
        .expect("an ENTRYPOINT");
    assert_eq!(entry.1, r#"["/usr/local/bin/touchbase"]"#);
    let cmd = last.iter().find(|(k, _)| k == "CMD").expect("a CMD");
    let args: Vec<String> = serde_json::from_str(&cmd.1).unwrap();
    let mut argv = vec!["touchbase".to_string()];
    argv.extend(args);
    Cli::try_parse_from(&argv).unwrap_or_else(|e| panic!("CMD {argv:?}: {e}"));
    // Everything the build stage copies exists and passes .dockerignore
    // (an allow-list: `*` then `!path` lines).
    let ignore = std::fs::read_to_string(Path::new(REPO).join(".dockerignore")).unwrap();
    let allowed: Vec<&str> = ignore.lines().filter_map(|l| l.strip_prefix('!')).collect();
    assert!(ignore.lines().any(|l| l.trim() == "*"), "an allow-list");
    for (_, args) in all[..last_from].iter().filter(|(k, _)| k == "COPY") {
        let parts: Vec<&str> = args.split_whitespace().collect();
        for source in &parts[..parts.len() - 1] {
            assert!(
                Path::new(REPO).join(source).exists(),
                "COPY {source}: no such file"
            );
            assert!(
                allowed.iter().any(|a| source == a
                    || source.starts_with(&format!("{a}/"))
                    || a.starts_with(&format!("{source}/"))),
                "COPY {source} is ignored by .dockerignore"
            );
        }
    }
}

/// A git repository in a temporary folder with a new site in `docs/kb`
/// and the recipe of `provider` written by `touchbase init --ci`.
fn repo_with_recipe(provider: &str) -> (tempfile::TempDir, PathBuf, String) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    let (status, stdout, stderr) = run(
        dir.path(),
        env!("CARGO_BIN_EXE_touchbase"),
        &["init", "docs/kb", "--ci", provider],
    );
    assert_eq!(status, 0, "{stdout}{stderr}");
    let file = match provider {
        "github" => ".github/workflows/touchbase.yml",
        _ => ".gitlab-ci.yml",
    };
    assert!(stdout.contains(&format!("Wrote {file}: ")), "{stdout}");
    let text = std::fs::read_to_string(dir.path().join(file)).unwrap();
    let root = dir.path().to_path_buf();
    (dir, root, text)
}

fn parse_yaml(text: &str) -> Yaml {
    let mut docs = YamlLoader::load_from_str(text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(docs.len(), 1);
    docs.remove(0)
}

/// Every `touchbase …` command in a shell script, as arguments with the
/// recipe's variables filled in, parsed by the real command line. A line
/// naming a subcommand must start with it (nothing hides in a pipeline).
fn touchbase_commands(script: &str, vars: &[(&str, &str)]) -> Vec<Vec<String>> {
    use clap::CommandFactory;
    let subcommands: Vec<String> = Cli::command()
        .get_subcommands()
        .map(|c| format!("touchbase {}", c.get_name()))
        .collect();
    let mut found = Vec::new();
    for line in script.lines() {
        if !subcommands.iter().any(|s| line.contains(&format!("{s} "))) {
            continue;
        }
        let command = line.trim();
        assert!(
            command.starts_with("touchbase "),
            "not a plain command: {line}"
        );
        let command = command.split(['>', '|']).next().unwrap();
        let mut text = command.to_string();
        for (name, value) in vars {
            text = text.replace(&format!("${{{{ {name} }}}}"), value);
            text = text.replace(&format!("${name}"), value);
        }
        let argv: Vec<String> = text
            .split_whitespace()
            .map(|w| w.trim_matches('"').to_string())
            .collect();
        Cli::try_parse_from(&argv)
            .unwrap_or_else(|e| panic!("`{command}` is not a touchbase command: {e}"));
        found.push(argv);
    }
    found
}

fn steps_scripts(job: &Yaml) -> String {
    job["steps"]
        .as_vec()
        .unwrap()
        .iter()
        .filter_map(|s| s["run"].as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn github_workflow_checks_pull_requests_and_deploys_the_default_branch() {
    let (_dir, _root, text) = repo_with_recipe("github");
    let yaml = parse_yaml(&text);
    assert!(!yaml["on"]["pull_request"].is_badvalue());
    assert_eq!(yaml["env"]["SITE"].as_str(), Some("docs/kb"));
    assert_eq!(
        yaml["env"]["TOUCHBASE_VERSION"].as_str(),
        Some(env!("CARGO_PKG_VERSION"))
    );
    let check = &yaml["jobs"]["check"];
    assert_eq!(
        check["if"].as_str(),
        Some("github.event_name == 'pull_request'")
    );
    let deploy = &yaml["jobs"]["deploy"];
    assert!(
        deploy["if"]
            .as_str()
            .unwrap()
            .contains("github.ref_name == github.event.repository.default_branch")
    );
    assert_eq!(deploy["permissions"]["pages"].as_str(), Some("write"));
    let uses: Vec<&str> = deploy["steps"]
        .as_vec()
        .unwrap()
        .iter()
        .filter_map(|s| s["uses"].as_str())
        .collect();
    assert!(uses.contains(&"actions/deploy-pages@v4"), "{uses:?}");
    let vars = [
        ("SITE", "docs/kb"),
        ("RUNNER_TEMP", "/tmp/runner"),
        ("steps.pages.outputs.base_url", "https://acme.github.io/kb"),
    ];
    let checks = touchbase_commands(&steps_scripts(check), &vars);
    assert_eq!(
        checks,
        [[
            "touchbase",
            "check",
            "--root",
            "docs/kb",
            "--strict",
            "--format",
            "json"
        ]]
    );
    let builds = touchbase_commands(&steps_scripts(deploy), &vars);
    assert_eq!(
        builds,
        [[
            "touchbase",
            "build",
            "--root",
            "docs/kb",
            "--output",
            "/tmp/runner/site",
            "--base-url",
            "https://acme.github.io/kb/"
        ]]
    );
    for job in [check, deploy] {
        assert!(
            steps_scripts(job)
                .contains("cargo install touchbase --version \"$TOUCHBASE_VERSION\" --locked"),
            "{text}"
        );
    }
}

#[test]
fn gitlab_recipe_checks_merge_requests_and_publishes_pages() {
    let (_dir, _root, text) = repo_with_recipe("gitlab");
    let yaml = parse_yaml(&text);
    assert_eq!(yaml["variables"]["SITE"].as_str(), Some("docs/kb"));
    let check = &yaml["touchbase-check"];
    assert_eq!(
        check["rules"][0]["if"].as_str(),
        Some("$CI_PIPELINE_SOURCE == \"merge_request_event\"")
    );
    assert_eq!(
        check["artifacts"]["reports"]["codequality"].as_str(),
        Some("gl-code-quality-report.json")
    );
    let pages = &yaml["pages"];
    assert_eq!(
        pages["rules"][0]["if"].as_str(),
        Some("$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH")
    );
    assert_eq!(pages["artifacts"]["paths"][0].as_str(), Some("public"));
    let script = |job: &Yaml| {
        job["script"]
            .as_vec()
            .unwrap()
            .iter()
            .map(|l| l.as_str().unwrap())
            .collect::<Vec<_>>()
            .join("\n")
    };
    let vars = [
        ("SITE", "docs/kb"),
        ("CI_PAGES_URL", "https://acme.gitlab.io/kb"),
    ];
    assert_eq!(
        touchbase_commands(&script(check), &vars),
        [[
            "touchbase",
            "check",
            "--root",
            "docs/kb",
            "--strict",
            "--format",
            "json"
        ]]
    );
    assert_eq!(
        touchbase_commands(&script(pages), &vars),
        [[
            "touchbase",
            "build",
            "--root",
            "docs/kb",
            "--output",
            "public",
            "--base-url",
            "https://acme.gitlab.io/kb/"
        ]]
    );
    let install = yaml[".touchbase"]["before_script"][1].as_str().unwrap();
    assert_eq!(
        install,
        "command -v touchbase || cargo install touchbase --version \"$TOUCHBASE_VERSION\" --locked"
    );
}

/// Whether `jq` (which the recipes' check steps use) is there; else the
/// test is skipped visibly (a failure in CI).
fn have_jq() -> bool {
    let found = Command::new("jq")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        skip::skip(
            "the CI recipes' check steps",
            "jq is missing",
            "apt-get install jq",
            &[],
        );
    }
    found
}

/// Runs a recipe's check script with bash in `root`, the touchbase binary
/// of this build first on PATH (so the install step is skipped).
fn run_script(root: &Path, script: &str, env: &[(&str, &str)]) -> (i32, String, String) {
    let bin = Path::new(env!("CARGO_BIN_EXE_touchbase")).parent().unwrap();
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap());
    let out = Command::new("bash")
        .args(["-e", "-c", script])
        .current_dir(root)
        .env("PATH", path)
        .envs(env.iter().copied())
        .env_remove("TOUCHBASE_LOG")
        .output()
        .expect("bash runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Breaks the new site: a misspelt key in a term.
fn break_site(root: &Path) {
    let term = root.join("docs/kb/content/glossary/touchpoint.md");
    let text = std::fs::read_to_string(&term).unwrap();
    std::fs::write(&term, text.replacen("title = ", "titel = ", 1)).unwrap();
}

#[test]
fn github_check_step_annotates_every_problem_at_its_line() {
    if !have_jq() {
        return;
    }
    let (_dir, root, text) = repo_with_recipe("github");
    let yaml = parse_yaml(&text);
    let script = steps_scripts(&yaml["jobs"]["check"]);
    let temp = tempfile::tempdir().unwrap();
    let env = [
        ("SITE", "docs/kb"),
        ("RUNNER_TEMP", temp.path().to_str().unwrap()),
    ];
    // A new site has gaps: warnings, which --strict makes errors.
    let (status, stdout, stderr) = run_script(&root, &script, &env);
    assert_eq!(status, 1, "{stdout}{stderr}");
    let annotations: Vec<&str> = stdout.lines().filter(|l| l.starts_with("::")).collect();
    assert!(!annotations.is_empty(), "{stdout}");
    assert!(
        annotations
            .iter()
            .all(|l| l.starts_with("::error file=docs/kb/")),
        "{annotations:#?}"
    );
    assert!(
        annotations.iter().any(|l| l.starts_with(
            "::error file=docs/kb/touchbase.toml,line=1,col=1,title=touchbase::gap in the journey matrix"
        )),
        "{annotations:#?}"
    );
    break_site(&root);
    let (status, stdout, _) = run_script(&root, &script, &env);
    assert_eq!(status, 1);
    let expected = "::error file=docs/kb/content/glossary/touchpoint.md,line=2,col=1,title=touchbase::unknown key `titel` in term front matter (hint: did you mean \"title\"?)";
    assert!(stdout.lines().any(|l| l == expected), "{stdout}");
}

#[test]
fn gitlab_check_job_writes_a_code_quality_report() {
    if !have_jq() {
        return;
    }
    let (_dir, root, text) = repo_with_recipe("gitlab");
    let yaml = parse_yaml(&text);
    // The job's own first line installs jq in its image; here jq is there.
    let script: Vec<&str> = yaml["touchbase-check"]["script"]
        .as_vec()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap())
        .filter(|l| !l.starts_with("apt-get"))
        .collect();
    break_site(&root);
    let (status, stdout, stderr) = run_script(&root, &script.join("\n"), &[("SITE", "docs/kb")]);
    assert_eq!(status, 1, "{stdout}{stderr}");
    let report: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("gl-code-quality-report.json")).unwrap(),
    )
    .unwrap();
    let first = report
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["description"].as_str().unwrap().contains("`titel`"))
        .unwrap_or_else(|| panic!("{report:#}"));
    assert_eq!(first["check_name"], "touchbase");
    assert_eq!(first["severity"], "major");
    assert_eq!(
        first["location"],
        serde_json::json!({"path": "docs/kb/content/glossary/touchpoint.md", "lines": {"begin": 2}})
    );
    assert_eq!(
        first["description"],
        "unknown key `titel` in term front matter (hint: did you mean \"title\"?)"
    );
    let fingerprints: std::collections::BTreeSet<&str> = report
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap())
        .collect();
    assert_eq!(
        fingerprints.len(),
        report.as_array().unwrap().len(),
        "unique"
    );
}

#[test]
fn init_ci_never_overwrites_and_keeps_an_existing_site() {
    let (dir, root, text) = repo_with_recipe("github");
    // The site exists: a second provider adds only its recipe.
    let config = std::fs::read(root.join("docs/kb/touchbase.toml")).unwrap();
    let (status, stdout, stderr) = run(
        dir.path(),
        env!("CARGO_BIN_EXE_touchbase"),
        &["init", "docs/kb", "--ci", "gitlab"],
    );
    assert_eq!(status, 0, "{stdout}{stderr}");
    assert!(!stdout.contains("Created a new site"), "{stdout}");
    assert_eq!(
        std::fs::read(root.join("docs/kb/touchbase.toml")).unwrap(),
        config
    );
    // The same recipe again: refused, the file unchanged.
    let workflow = root.join(".github/workflows/touchbase.yml");
    std::fs::write(&workflow, "# edited by hand\n").unwrap();
    let (status, _, stderr) = run(
        dir.path(),
        env!("CARGO_BIN_EXE_touchbase"),
        &["init", "docs/kb", "--ci", "github"],
    );
    assert_eq!(status, 2);
    assert!(
        stderr.contains("already exists; touchbase init never overwrites files"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(&workflow).unwrap(),
        "# edited by hand\n"
    );
    assert!(text.starts_with("# Written by `touchbase init --ci github`."));
}
