//! `ccx admin` (being built).

use std::process::ExitCode;

/// Options of `ccx admin`.
#[derive(clap::Args, Debug)]
pub struct Args {}

/// Run `ccx admin`.
pub fn run(_args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("ccx admin is being built")
}
