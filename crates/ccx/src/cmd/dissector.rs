//! `ccx dissector` (being built).

use std::process::ExitCode;

/// Options of `ccx dissector`.
#[derive(clap::Args, Debug)]
pub struct Args {}

/// Run `ccx dissector`.
pub fn run(_args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("ccx dissector is being built")
}
