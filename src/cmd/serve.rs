//! `touchbase serve`: local preview (not available yet).

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Site folder, the one holding touchbase.toml.
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// Port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Open the site in the browser.
    #[arg(long)]
    pub open: bool,
}

pub fn run(_args: &Args) -> Result<ExitCode> {
    super::eprint(
        "touchbase serve is not yet available.\n  hint: run `touchbase build` and open public/index.html, or serve public/ with any static file server\n",
    );
    Ok(ExitCode::from(super::FAILURE))
}
