//! `ccx watch`: open a session (bridge mode unless an agent is named) and print every message
//! the server sends, readably or as JSON lines, until a count, a duration or Ctrl-C.

use std::collections::HashSet;
use std::io::Write;
use std::process::ExitCode;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use anyhow::Context;
use ccx_client::{ConnectionEvent, Event, Incoming};
use cti_proto::codes::ServiceMask;

use super::client_common::{self, parse_duration, AgentArgs, ServerArgs};

/// Options of `ccx watch`.
#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:\n  \
    ccx watch --server 127.0.0.1:42027\n  \
    ccx watch -s uccx-a:12028,uccx-b:12028 --json --type AGENT_STATE_EVENT\n  \
    ccx watch -s 127.0.0.1:42027 --agent agent01 --count 10")]
pub struct Args {
    #[command(flatten)]
    pub server: ServerArgs,
    /// Agent mode: with --agent, --extension or --instrument the session is bound to that
    /// agent and sees only its events (default: bridge mode, everything).
    #[command(flatten)]
    pub who: AgentArgs,
    /// Print JSON lines (one object per message) instead of text.
    #[arg(long)]
    pub json: bool,
    /// Print only messages of this type (e.g. AGENT_STATE_EVENT or 30); repeatable.
    #[arg(long = "type", value_name = "NAME")]
    pub types: Vec<String>,
    /// Stop after printing this many messages.
    #[arg(long)]
    pub count: Option<u64>,
    /// Stop after this long (e.g. 30s, 5m).
    #[arg(long, value_parser = parse_duration)]
    pub duration: Option<Duration>,
    /// Also ask for configuration events: the initial snapshot and every update.
    #[arg(long)]
    pub config: bool,
    /// Also ask for CTI_SERVICE_SUPERVISOR (team configuration and its updates).
    #[arg(long)]
    pub supervisor: bool,
    /// Also print the confirmations the client receives (OPEN_CONF, HEARTBEAT_CONF …).
    #[arg(long)]
    pub replies: bool,
}

/// Run `ccx watch`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    client_common::init_logging();
    client_common::runtime()?.block_on(watch(args))
}

async fn watch(args: Args) -> anyhow::Result<ExitCode> {
    let mut b = args.server.builder()?.echo_replies(args.replies);
    if args.who.any() {
        b = b.agent(args.who.identity());
    }
    let mut extra = ServiceMask::NONE;
    if args.supervisor {
        extra |= ServiceMask::CTI_SERVICE_SUPERVISOR;
    }
    b = b.services(extra);
    if args.config {
        b = b.config_events();
    }
    let config = b.build().context("invalid options")?;
    let filter = TypeFilter::new(&args.types)?;
    let (client, mut events) = client_common::connect(config, args.server.connect_timeout).await?;
    let stop_at = args.duration.map(|d| tokio::time::Instant::now() + d);
    let mut printed = 0u64;
    let stdout = std::io::stdout();
    let mut result = Ok(ExitCode::SUCCESS);
    loop {
        if args.count.is_some_and(|c| printed >= c) {
            break;
        }
        let next = async {
            match stop_at {
                Some(t) => tokio::time::timeout_at(t, events.recv()).await.ok(),
                None => Some(events.recv().await),
            }
        };
        let ev = tokio::select! {
            e = next => e,
            _ = tokio::signal::ctrl_c() => None,
        };
        let Some(Some(ev)) = ev else { break };
        match ev {
            Event::Message(m) => {
                if !filter.accepts(m.message.type_id(), m.message.name()) {
                    continue;
                }
                let line = if args.json {
                    json_line(&m)
                } else {
                    text_block(&m)
                };
                let mut out = stdout.lock();
                if out
                    .write_all(line.as_bytes())
                    .and_then(|_| out.flush())
                    .is_err()
                {
                    // The reader went away (e.g. `| head`): stop quietly.
                    break;
                }
                printed += 1;
            }
            Event::Connection(c) => {
                eprintln!("# {}", describe(&c));
                if let ConnectionEvent::Closed { reason } = c {
                    if reason != ccx_client::CloseReason::Requested {
                        result = Err(anyhow::anyhow!("session closed: {reason}"));
                    }
                    break;
                }
            }
        }
    }
    client.close().await;
    if events.dropped() > 0 {
        eprintln!(
            "# {} events were dropped (output too slow)",
            events.dropped()
        );
    }
    result
}

fn now_utc() -> String {
    let d = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    cti_proto::render::utc(d.as_secs() as i64, d.subsec_nanos(), 3)
}

fn text_block(m: &Incoming) -> String {
    let body = match m.view() {
        Ok(v) => cti_proto::render::text(&v),
        Err(e) => format!("{} (frame does not parse: {e})\n", m.message.name()),
    };
    format!("{} {body}", now_utc())
}

fn json_line(m: &Incoming) -> String {
    let mut v = match m.view() {
        Ok(v) => cti_proto::render::json(&v),
        Err(e) => serde_json::json!({ "type": m.message.name(), "error": e.to_string() }),
    };
    if let Some(o) = v.as_object_mut() {
        o.insert("time".into(), serde_json::Value::String(now_utc()));
    }
    format!("{v}\n")
}

/// A connection event for people.
pub fn describe(c: &ConnectionEvent) -> String {
    match c {
        ConnectionEvent::Connected { node } => format!("connected to {node}"),
        ConnectionEvent::Opened {
            node,
            version,
            services,
            ..
        } => format!("session open on {node} (version {version}, services {services})"),
        ConnectionEvent::Rejected {
            node,
            version,
            status,
            text,
        } => format!(
            "{node} refused the session at version {version}: {status}{}",
            text.as_deref()
                .map(|t| format!(": {t}"))
                .unwrap_or_default()
        ),
        ConnectionEvent::Disconnected { node, reason } => format!("{node}: {reason}"),
        ConnectionEvent::FailedOver { from, to } => format!("failed over from {from} to {to}"),
        ConnectionEvent::Closed { reason } => format!("closed: {reason}"),
    }
}

/// Which message types to print.
struct TypeFilter {
    names: HashSet<String>,
    ids: HashSet<u32>,
}

impl TypeFilter {
    fn new(types: &[String]) -> anyhow::Result<TypeFilter> {
        let mut f = TypeFilter {
            names: HashSet::new(),
            ids: HashSet::new(),
        };
        for t in types {
            if let Ok(id) = t.parse::<u32>() {
                f.ids.insert(id);
                continue;
            }
            let name = t.to_ascii_uppercase().replace('-', "_");
            if !cti_proto::table::messages().iter().any(|s| s.name == name) {
                anyhow::bail!("--type {t}: no message of that name (e.g. AGENT_STATE_EVENT)");
            }
            f.names.insert(name);
        }
        Ok(f)
    }

    fn accepts(&self, id: u32, name: &str) -> bool {
        (self.names.is_empty() && self.ids.is_empty())
            || self.ids.contains(&id)
            || self.names.contains(name)
    }
}
