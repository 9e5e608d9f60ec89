//! `touchbase new term|touchpoint|journey|persona "Title"`: create a content file
//! with a filled-in front matter skeleton.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, bail};

use crate::config::Config;
use crate::model::Kind;
use crate::slug::slugify;

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum NewKind {
    Term,
    Touchpoint,
    Journey,
    Persona,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to create.
    pub kind: NewKind,
    /// Its title; the file name is the slug of it (`Außenwerbung` → aussenwerbung.md).
    pub title: String,
    /// Site folder, the one holding touchbase.toml.
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// Language of the new file (default: the site's default language).
    #[arg(long, value_name = "CODE")]
    pub lang: Option<String>,
}

pub fn run(args: &Args) -> Result<ExitCode> {
    let config = match crate::build::read_config(&args.root)? {
        Ok(config) => config,
        Err(found) => {
            super::eprint(&super::format_diagnostics(&found));
            return Ok(ExitCode::from(super::CONTENT_ERRORS));
        }
    };
    let title = args.title.trim();
    let slug = slugify(title);
    if slug.is_empty() {
        bail!(
            "the title {:?} has no letters or digits to make a file name from",
            args.title
        );
    }
    let lang = args
        .lang
        .clone()
        .unwrap_or_else(|| config.default_language.clone());
    if !config.languages.contains(&lang) {
        bail!(
            "language `{lang}` is not configured\n  hint: use one of: {}",
            config.languages.join(", ")
        );
    }
    let kind = match args.kind {
        NewKind::Term => Kind::Term,
        NewKind::Touchpoint => Kind::Touchpoint,
        NewKind::Journey => Kind::Journey,
        NewKind::Persona => Kind::Persona,
    };
    let suffix = if lang == config.default_language {
        String::new()
    } else {
        format!(".{lang}")
    };
    let dir = args
        .root
        .join(crate::load::CONTENT_DIR)
        .join(kind.section());
    let path = dir.join(format!("{slug}{suffix}.md"));
    if path.exists() {
        bail!(
            "{} already exists; touchbase new never overwrites files",
            path.display()
        );
    }
    crate::fs::create_dir_all(&dir)?;
    crate::fs::create_new(&path, skeleton(kind, title, &config))?;
    super::print(&format!("Created {}\n", path.display()));
    Ok(ExitCode::SUCCESS)
}

/// TOML string literal for `text`.
fn quoted(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// The front matter skeleton and a placeholder body for a new file.
pub fn skeleton(kind: Kind, title: &str, config: &Config) -> String {
    let head = format!("+++\ntitle = {}\ndescription = \"\"\n", quoted(title));
    let first_stage = config.stages.first().map_or("awareness", |s| s.id.as_str());
    let channels: Vec<&str> = config.channels.iter().map(|c| c.id.as_str()).collect();
    let fields = match kind {
        Kind::Term => "aliases = []\nabbreviation = \"\"\nrelated = []\ntags = []\n".to_string(),
        Kind::Touchpoint => format!(
            "# channel: one of {}\nchannel = {}\nstages = [{}]\nowner = \"\"\nkpis = []\n# ownership: brand, partner, customer or external\nownership = \"brand\"\nterms = []\n",
            channels.join(", "),
            quoted(channels.first().copied().unwrap_or("online")),
            quoted(first_stage)
        ),
        Kind::Journey => format!(
            "persona = \"\"              # a persona's title, alias or slug
# A future state names the current journey it improves:
# state = \"future\"
# improves = \"title-or-slug\"

# One [[steps]] table per step, in journey order:
# [[steps]]
# stage = {}
# touchpoint = \"slug-or-title\"
# emotion = 0          # -2 (very bad) .. 2 (very good)
# note = \"\"
# The lanes of the journey map, each optional:
# action = \"\"          # what the customer does
# thinking = \"\"        # what the customer thinks
# channel = \"\"         # overrides the touchpoint's channel
# pain_points = []
# backstage = []       # what the company does unseen
# opportunities = []   # strings, or tables: {{ title = \"…\", owner = \"…\", priority = \"high\" }}
",
            quoted(first_stage)
        ),
        Kind::Persona => "aliases = []\nrole = \"\"\ngoals = []\nneeds = []\nfrustrations = []\nquote = \"\"\n# image = \"../images/persona.jpg\"   # optional, relative to this file\n".to_string(),
        Kind::Page => String::new(),
    };
    format!("{head}{fields}+++\n\nWrite the text of \"{title}\" here.\n")
}
