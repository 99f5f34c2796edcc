//! `ccx decode` (being built).

use std::process::ExitCode;

/// Options of `ccx decode`.
#[derive(clap::Args, Debug)]
pub struct Args {}

/// Run `ccx decode`.
pub fn run(_args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("ccx decode is being built")
}
