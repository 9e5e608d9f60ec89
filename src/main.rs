//! The `touchbase` binary: parses the command line and hands over to the
//! library's commands.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    touchbase::cmd::run(touchbase::cmd::Cli::parse())
}
