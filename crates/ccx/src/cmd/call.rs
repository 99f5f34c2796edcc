//! `ccx call` (being built).

use std::process::ExitCode;

/// Options of `ccx call`.
#[derive(clap::Args, Debug)]
pub struct Args {}

/// Run `ccx call`.
pub fn run(_args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("ccx call is being built")
}
