//! `touchbase serve`: local preview with live reload (see [`crate::serve`]).

use std::net::IpAddr;
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
    /// Address to listen on; 0.0.0.0 makes the preview reachable from other
    /// machines.
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDR")]
    pub bind: IpAddr,
    /// Open the site in the browser.
    #[arg(long)]
    pub open: bool,
    /// Include files marked `draft = true`.
    #[arg(long)]
    pub drafts: bool,
}

/// Serves until stopped; returns only when serving fails.
pub fn run(args: &Args) -> Result<ExitCode> {
    let config = crate::serve::Config {
        root: args.root.clone(),
        bind: args.bind,
        port: args.port,
        open: args.open,
        drafts: args.drafts,
    };
    match crate::serve::run(&config)? {}
}
