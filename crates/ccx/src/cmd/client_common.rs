//! What the client commands (`watch`, `agent`, `call`, `load`) share: the connection options,
//! the agent identification options, durations on the command line, rendering a message, and
//! the runtime they run in.

use std::time::Duration;

use anyhow::{bail, Context};
use ccx_client::{AgentIdentity, ClientConfig, ClientConfigBuilder, VersionPolicy};
use cti_proto::wire::Settings;
use cti_proto::{FrameView, Message};

/// Where and how to connect.
#[derive(clap::Args, Debug, Clone)]
pub struct ServerArgs {
    /// CTI server nodes as HOST:PORT, comma-separated (or repeated), tried in this order and
    /// wrapping around, as the guide's cluster procedure asks. Also from CCX_SERVER.
    #[arg(
        long,
        short = 's',
        env = "CCX_SERVER",
        value_delimiter = ',',
        global = true
    )]
    pub server: Vec<String>,
    /// ClientID sent in OPEN_REQ.
    #[arg(long, default_value = "ccx", global = true)]
    pub client_id: String,
    /// ClientPassword sent in OPEN_REQ.
    #[arg(long, default_value = "", global = true)]
    pub client_password: String,
    /// ClientSignature sent in OPEN_REQ (shown to others as the CTI client of a call).
    #[arg(long, global = true)]
    pub signature: Option<String>,
    /// Protocol version to use, 10-18. Default: 18, stepping down one version at a time when a
    /// server answers E_CTI_INVALID_VERSION.
    #[arg(long, global = true, value_parser = clap::value_parser!(u8).range(10..=18))]
    pub version: Option<u8>,
    /// Heartbeat interval (IdleTimeout is four times this). E.g. 10s, 500ms, 1m.
    #[arg(long, default_value = "10s", value_parser = parse_duration, global = true)]
    pub heartbeat: Duration,
    /// Give up when no session is open after this long.
    #[arg(long, default_value = "20s", value_parser = parse_duration, global = true)]
    pub connect_timeout: Duration,
    /// How long to wait for the answer to a request (call control may take 10-15 s).
    #[arg(long, default_value = "30s", value_parser = parse_duration, global = true)]
    pub timeout: Duration,
}

/// Which agent (and phone) a command is about.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct AgentArgs {
    /// Agent login ID (AgentID).
    #[arg(long, global = true)]
    pub agent: Option<String>,
    /// Agent phone extension (AgentExtension).
    #[arg(long, global = true)]
    pub extension: Option<String>,
    /// Agent phone instrument (AgentInstrument); defaults to the extension.
    #[arg(long, global = true)]
    pub instrument: Option<String>,
}

impl AgentArgs {
    /// True when any identifier was given.
    pub fn any(&self) -> bool {
        self.agent.is_some() || self.extension.is_some() || self.instrument.is_some()
    }
    /// As the library's identity.
    pub fn identity(&self) -> AgentIdentity {
        AgentIdentity {
            agent_id: self.agent.clone(),
            extension: self.extension.clone(),
            instrument: self.instrument.clone(),
        }
    }
}

impl ServerArgs {
    /// A config builder with these options (bridge mode; the caller changes it).
    pub fn builder(&self) -> anyhow::Result<ClientConfigBuilder> {
        if self.server.is_empty() {
            bail!("no CTI server given: use --server HOST:PORT (or set CCX_SERVER)");
        }
        let hb = self.heartbeat;
        let mut b = ClientConfig::builder()
            .nodes(self.server.iter().cloned())
            .client_id(self.client_id.clone())
            .client_password(self.client_password.as_bytes().to_vec())
            .heartbeat_interval(hb)
            .idle_timeout(hb * 4)
            .request_timeout(self.timeout)
            .connect_timeout(self.connect_timeout.min(Duration::from_secs(5)));
        if let Some(s) = &self.signature {
            b = b.client_signature(s.clone());
        }
        if let Some(v) = self.version {
            b = b.version(VersionPolicy::Fixed(v));
        }
        Ok(b)
    }
}

/// Parse `10s`, `500ms`, `2m`, `1h` or a plain number of seconds (fractions allowed).
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    let s = s.trim();
    let (num, unit) = match s.find(|c: char| !(c.is_ascii_digit() || c == '.')) {
        Some(i) => s.split_at(i),
        None => (s, "s"),
    };
    let n: f64 = num
        .parse()
        .map_err(|_| format!("{s:?} is not a duration (e.g. 10s, 500ms, 2m)"))?;
    let secs = match unit.trim() {
        "ms" => n / 1000.0,
        "s" | "" => n,
        "m" | "min" => n * 60.0,
        "h" => n * 3600.0,
        u => return Err(format!("unknown unit {u:?} in {s:?} (use ms, s, m or h)")),
    };
    if !secs.is_finite() || !(0.0..=1e9).contains(&secs) {
        return Err(format!("{s:?} is out of range"));
    }
    Ok(Duration::from_secs_f64(secs))
}

/// A multi-threaded runtime for one command.
pub fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")
}

/// Log to stderr, filtered by RUST_LOG (default: warnings).
pub fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}

/// The frame of a message at `version`, rendered as text (a message that cannot be encoded is
/// shown as its Debug form).
pub fn render_text(msg: &Message, version: u8) -> String {
    let s = Settings::new(version);
    match msg.to_bytes(&s) {
        Ok(b) => match FrameView::new(&b, &s) {
            Ok(v) => cti_proto::render::text(&v),
            Err(_) => format!("{msg:?}\n"),
        },
        Err(_) => format!("{msg:?}\n"),
    }
}

/// Connect with the command's connect timeout; the error says why no session opened.
pub async fn connect(
    config: ClientConfig,
    within: Duration,
) -> anyhow::Result<(ccx_client::Client, ccx_client::Events)> {
    let nodes = config.nodes.join(",");
    match tokio::time::timeout(within, ccx_client::Client::connect(config)).await {
        Ok(Ok(c)) => Ok(c),
        Ok(Err(reason)) => bail!("no session: {reason}"),
        Err(_) => bail!("no session opened with {nodes} within {within:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("10s"), Ok(Duration::from_secs(10)));
        assert_eq!(parse_duration("250ms"), Ok(Duration::from_millis(250)));
        assert_eq!(parse_duration("2m"), Ok(Duration::from_secs(120)));
        assert_eq!(parse_duration("1.5"), Ok(Duration::from_millis(1500)));
        assert!(parse_duration("ten").is_err());
        assert!(parse_duration("5 parsecs").is_err());
    }
}
