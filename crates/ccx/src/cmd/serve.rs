//! `ccx serve`: a CTI server backed by the simulated contact center, with an admin HTTP API;
//! `ccx demo-config`: the built-in demo configuration as TOML.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;
use ccx_server::{CancellationToken, Listeners, ServerConfig};
use tokio::net::TcpListener;

/// Log output format.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogFormat {
    /// Human-readable lines.
    Text,
    /// One JSON object per line.
    Json,
}

/// Options of `ccx serve`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// CTI address (the master node).
    #[arg(long, default_value = "127.0.0.1:42027")]
    pub listen: SocketAddr,
    /// Admin HTTP address (JSON API and /metrics).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub http: SocketAddr,
    /// Contact-center configuration (TOML; `ccx demo-config` prints the built-in one).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Run a second node, the standby, on this address (POST /api/failover swaps the roles).
    #[arg(long, value_name = "ADDR:PORT")]
    pub standby: Option<SocketAddr>,
    /// Log format.
    #[arg(long, value_enum, default_value = "text")]
    pub log_format: LogFormat,
    /// Most connections held at once; more are closed at accept.
    #[arg(long, default_value_t = 20_000)]
    pub max_connections: usize,
    /// Largest message body accepted, in bytes; a larger one closes the connection.
    #[arg(long, default_value_t = cti_proto::wire::DEFAULT_MAX_BODY)]
    pub max_body: u32,
    /// Seconds a connection may stay without an open session.
    #[arg(long, default_value_t = 30)]
    pub pre_open_timeout: u64,
    /// Simulated inbound calls per hour (off when not given).
    #[arg(long, value_name = "CALLS_PER_HOUR")]
    pub traffic: Option<f64>,
    /// Mean talk time of simulated calls, in seconds.
    #[arg(long, default_value_t = 180.0)]
    pub handle_time: f64,
    /// Seconds simulated agents spend in wrap-up.
    #[arg(long, default_value_t = 15.0)]
    pub wrap_up: f64,
    /// Share of callers (0–1) who hang up when they wait too long.
    #[arg(long, default_value_t = 0.1)]
    pub abandon_rate: f64,
    /// Seed of the simulation's random numbers.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

/// Options of `ccx demo-config`.
#[derive(clap::Args, Debug)]
pub struct DemoConfigArgs {}

/// Run `ccx serve` until SIGINT or SIGTERM.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    init_logging(args.log_format);
    let center = match &args.config {
        Some(p) => {
            let text = std::fs::read_to_string(p)
                .with_context(|| format!("cannot read {}", p.display()))?;
            ccx_sim::Config::from_toml(&text).with_context(|| format!("{}", p.display()))?
        }
        None => ccx_sim::Config::demo(),
    };
    let traffic = args.traffic.map(|calls_per_hour| ccx_sim::Traffic {
        calls_per_hour,
        handle_time_s: args.handle_time,
        wrap_up_s: args.wrap_up,
        abandon_rate: args.abandon_rate,
    });
    let config = ServerConfig {
        center,
        config_path: args.config.clone(),
        seed: args.seed,
        traffic,
        max_connections: args.max_connections,
        max_body: args.max_body,
        pre_open_timeout: Duration::from_secs(args.pre_open_timeout),
        ..ServerConfig::default()
    };
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    rt.block_on(async move {
        let listeners = Listeners {
            cti: TcpListener::bind(args.listen)
                .await
                .with_context(|| format!("cannot listen on {}", args.listen))?,
            standby: match args.standby {
                Some(a) => Some(
                    TcpListener::bind(a)
                        .await
                        .with_context(|| format!("cannot listen on {a}"))?,
                ),
                None => None,
            },
            http: Some(
                TcpListener::bind(args.http)
                    .await
                    .with_context(|| format!("cannot listen on {}", args.http))?,
            ),
        };
        let shutdown = CancellationToken::new();
        let running = ccx_server::start(listeners, config, shutdown.clone())?;
        wait_for_signal().await;
        tracing::info!("signal received: shutting down");
        shutdown.cancel();
        running.join().await;
        anyhow::Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}

async fn wait_for_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

fn init_logging(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let _ = match format {
        LogFormat::Text => builder.try_init(),
        LogFormat::Json => builder.json().try_init(),
    };
}

/// Run `ccx demo-config`.
pub fn demo_config(_args: DemoConfigArgs) -> anyhow::Result<ExitCode> {
    print!("{}", ccx_sim::Config::demo_toml());
    Ok(ExitCode::SUCCESS)
}
