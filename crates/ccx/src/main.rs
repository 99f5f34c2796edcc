//! `ccx`: serve, watch, drive, decode and load-test the Cisco Unified CCX CTI protocol.
//!
//! Each subcommand lives in its own module under `cmd/`; this file only dispatches.

use clap::{Parser, Subcommand};

mod capture;
mod cmd;

/// Serve, watch, drive, decode and load-test the Cisco Unified CCX CTI protocol.
#[derive(Parser, Debug)]
#[command(name = "ccx", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Run a CTI server backed by a simulated contact center (the built-in demo by default).
    Serve(cmd::serve::Args),
    /// Print the built-in demo contact-center configuration as TOML.
    DemoConfig(cmd::serve::DemoConfigArgs),
    /// Call the admin HTTP API of a running `ccx serve`.
    Admin(cmd::admin::Args),
    /// Decode CTI frames from hex, raw bytes or a .pcap/.pcapng capture.
    Decode(cmd::decode::Args),
    /// Write a Wireshark Lua dissector generated from the message table.
    Dissector(cmd::dissector::Args),
    /// Connect to a CTI server and print every message it sends.
    Watch(cmd::watch::Args),
    /// Agent-state requests: login, ready, not-ready, work, logout, state.
    Agent(cmd::agent::Args),
    /// Call-control requests: make, answer, hold, retrieve, consult, transfer, conference, clear, set-data, dtmf.
    Call(cmd::call::Args),
    /// Load-test a CTI server with many bridge and agent sessions.
    Load(cmd::load::Args),
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Serve(a) => cmd::serve::run(a),
        Command::DemoConfig(a) => cmd::serve::demo_config(a),
        Command::Admin(a) => cmd::admin::run(a),
        Command::Decode(a) => cmd::decode::run(a),
        Command::Dissector(a) => cmd::dissector::run(a),
        Command::Watch(a) => cmd::watch::run(a),
        Command::Agent(a) => cmd::agent::run(a),
        Command::Call(a) => cmd::call::run(a),
        Command::Load(a) => cmd::load::run(a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("ccx: {e:#}");
            std::process::ExitCode::from(2)
        }
    }
}
