//! `ccx dissector`: write the Wireshark Lua dissector generated from the message table
//! ([`cti_proto::dissector::lua`]).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;

const LOADING: &str = "\
Loading it:
  wireshark -X lua_script:ccx.lua capture.pcapng
  tshark -X lua_script:ccx.lua -r capture.pcapng -Y ccx -V
or copy ccx.lua into Wireshark's personal Lua plugins folder (Help > About Wireshark >
Folders) and restart Wireshark.

Preferences (Edit > Preferences > Protocols > CCX, or tshark -o):
  ccx.ports    TCP ports of CTI servers (default 42027,12028), e.g. -o ccx.ports:42027,5000
  ccx.version  protocol version until an OPEN_REQ is seen in a conversation (default 18)
  ccx.len2     two-byte floating-field lengths at version 18 (default FALSE)

Display filters: ccx, ccx.message == \"OPEN_REQ\", ccx.InvokeID == 7,
ccx.ServicesRequested.CTI_SERVICE_CLIENT_EVENTS, ccx.nv.name == \"user.account\".
";

/// Options of `ccx dissector`.
#[derive(clap::Args, Debug)]
#[command(after_long_help = LOADING)]
pub struct Args {
    /// Write the script to this file instead of stdout.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
}

/// Run `ccx dissector`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let script = cti_proto::dissector::lua();
    match args.output {
        Some(path) => {
            std::fs::write(&path, script)
                .with_context(|| format!("cannot write {}", path.display()))?;
            eprintln!(
                "ccx: wrote {}; load it with `wireshark -X lua_script:{}`",
                path.display(),
                path.display()
            );
        }
        None => {
            let mut out = std::io::stdout().lock();
            if let Err(e) = out.write_all(script.as_bytes()).and_then(|_| out.flush()) {
                if e.kind() != std::io::ErrorKind::BrokenPipe {
                    return Err(e).context("cannot write the script to stdout");
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
