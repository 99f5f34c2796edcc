//! `ccx serve` and `ccx demo-config` (being built).

use std::process::ExitCode;

/// Options of `ccx serve`.
#[derive(clap::Args, Debug)]
pub struct Args {}

/// Options of `ccx demo-config`.
#[derive(clap::Args, Debug)]
pub struct DemoConfigArgs {}

/// Run `ccx serve`.
pub fn run(_args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("ccx serve is being built")
}

/// Run `ccx demo-config`.
pub fn demo_config(_args: DemoConfigArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("ccx demo-config is being built")
}
