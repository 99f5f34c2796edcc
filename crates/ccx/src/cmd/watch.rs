//! `ccx watch` (being built).

use std::process::ExitCode;

/// Options of `ccx watch`.
#[derive(clap::Args, Debug)]
pub struct Args {}

/// Run `ccx watch`.
pub fn run(_args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("ccx watch is being built")
}
