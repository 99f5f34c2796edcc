//! `ccx load` (being built).

use std::process::ExitCode;

/// Options of `ccx load`.
#[derive(clap::Args, Debug)]
pub struct Args {}

/// Run `ccx load`.
pub fn run(_args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("ccx load is being built")
}
