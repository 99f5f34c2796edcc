//! `ccx agent` (being built).

use std::process::ExitCode;

/// Options of `ccx agent`.
#[derive(clap::Args, Debug)]
pub struct Args {}

/// Run `ccx agent`.
pub fn run(_args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("ccx agent is being built")
}
