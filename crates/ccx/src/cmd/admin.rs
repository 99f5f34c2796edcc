//! `ccx admin`: the admin HTTP API of a running `ccx serve`, one subcommand per call.

use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;

/// Options of `ccx admin`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Admin HTTP address of the server.
    #[arg(long, default_value = "127.0.0.1:8080", global = true)]
    pub http: SocketAddr,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Faults that can be switched on and off.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// Unified CCX goes offline (SYSTEM_EVENT SYS_CCX_OFFLINE to every session).
    CcxOffline,
    /// Unified CCX comes back online.
    CcxOnline,
    /// The phone system goes down (call control answers E_CTI_JTAPI_CCM_PROBLEM).
    CucmDown,
    /// The phone system comes back.
    CucmUp,
    /// The next request fails inside the server (E_CTI_UNSPECIFIED_FAILURE).
    InternalError,
}

impl Fault {
    fn path(self) -> &'static str {
        match self {
            Fault::CcxOffline => "/api/faults/ccx-offline",
            Fault::CcxOnline => "/api/faults/ccx-online",
            Fault::CucmDown => "/api/faults/cucm-down",
            Fault::CucmUp => "/api/faults/cucm-up",
            Fault::InternalError => "/api/faults/internal-error",
        }
    }
}

/// Admin calls.
#[derive(clap::Subcommand, Debug)]
pub enum Command {
    /// List the open sessions (GET /api/sessions).
    Sessions,
    /// Switch a fault on or off (POST /api/faults/…).
    Fault {
        /// The fault.
        #[arg(value_enum)]
        fault: Fault,
    },
    /// Read the configuration again (POST /api/config/reload).
    Reload,
    /// Replace the configuration with a TOML file (PUT /api/config).
    Config {
        /// The TOML file.
        file: std::path::PathBuf,
    },
    /// Swap master and standby (POST /api/failover).
    Failover,
    /// Agents and their states (GET /api/agents).
    Agents,
    /// CSQs and their queues (GET /api/csqs).
    Csqs,
    /// Calls in progress (GET /api/calls).
    Calls,
    /// Place an inbound call (POST /api/calls).
    Call {
        /// Number dialed (an application's trigger).
        #[arg(long)]
        dnis: String,
        /// Caller's number.
        #[arg(long, default_value = "4085551234")]
        ani: String,
        /// Call variable N=VALUE (N from 1 to 10); repeatable.
        #[arg(long = "var", value_name = "N=VALUE")]
        vars: Vec<String>,
        /// ECC variable NAME=VALUE; repeatable.
        #[arg(long = "ecc", value_name = "NAME=VALUE")]
        ecc: Vec<String>,
        /// Digits the caller enters in the IVR.
        #[arg(long)]
        digits: Option<String>,
    },
    /// Prometheus metrics (GET /metrics).
    Metrics,
}

/// Run `ccx admin`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let (method, path, content_type, body) = match &args.command {
        Command::Sessions => ("GET", "/api/sessions".to_string(), None, Vec::new()),
        Command::Fault { fault } => ("POST", fault.path().to_string(), None, Vec::new()),
        Command::Reload => ("POST", "/api/config/reload".into(), None, Vec::new()),
        Command::Config { file } => {
            let text =
                std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
            ("PUT", "/api/config".into(), Some("application/toml"), text)
        }
        Command::Failover => ("POST", "/api/failover".into(), None, Vec::new()),
        Command::Agents => ("GET", "/api/agents".into(), None, Vec::new()),
        Command::Csqs => ("GET", "/api/csqs".into(), None, Vec::new()),
        Command::Calls => ("GET", "/api/calls".into(), None, Vec::new()),
        Command::Call {
            dnis,
            ani,
            vars,
            ecc,
            digits,
        } => {
            let body = call_body(dnis, ani, vars, ecc, digits.as_deref())?;
            ("POST", "/api/calls".into(), Some("application/json"), body)
        }
        Command::Metrics => ("GET", "/metrics".into(), None, Vec::new()),
    };
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let response = rt.block_on(ccx_server::admin_client::request(
        args.http,
        method,
        &path,
        content_type,
        &body,
        Duration::from_secs(30),
    ))?;
    let text = match serde_json::from_str::<serde_json::Value>(&response.body) {
        Ok(v) => serde_json::to_string_pretty(&v)?,
        Err(_) => response.body.clone(),
    };
    if response.is_success() {
        println!("{}", text.trim_end());
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!("ccx admin: HTTP {}: {}", response.status, text.trim_end());
        Ok(ExitCode::from(1))
    }
}

fn call_body(
    dnis: &str,
    ani: &str,
    vars: &[String],
    ecc: &[String],
    digits: Option<&str>,
) -> anyhow::Result<Vec<u8>> {
    let mut call_variables: Vec<serde_json::Value> = vec![serde_json::Value::Null; 10];
    for v in vars {
        let (n, value) = v
            .split_once('=')
            .with_context(|| format!("--var {v:?}: expected N=VALUE"))?;
        let n: usize = n
            .parse()
            .ok()
            .filter(|n| (1..=10).contains(n))
            .with_context(|| format!("--var {v:?}: N must be 1 to 10"))?;
        call_variables[n - 1] = value.into();
    }
    let mut ecc_list = Vec::new();
    for e in ecc {
        let (name, value) = e
            .split_once('=')
            .with_context(|| format!("--ecc {e:?}: expected NAME=VALUE"))?;
        ecc_list.push(serde_json::json!({ "name": name, "value": value }));
    }
    let mut body = serde_json::json!({
        "dnis": dnis,
        "ani": ani,
        "call_variables": call_variables,
        "ecc": ecc_list,
    });
    if let Some(d) = digits {
        body["caller_entered_digits"] = d.into();
    }
    Ok(serde_json::to_vec(&body)?)
}
