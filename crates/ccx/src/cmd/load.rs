//! `ccx load`: load-test a CTI server with N bridge sessions and M agent sessions.
//!
//! Phase 1 opens every session (bounded concurrency) and measures handshakes (TCP connect +
//! OPEN_REQ/OPEN_CONF). Phase 2 logs the agents in and drives each through calls until the
//! duration or the call count is reached: Not Ready, MAKE_CALL_REQ to an outside number,
//! (with `--hold`: wait for the answer, HOLD, RETRIEVE), CLEAR_CONNECTION_REQ, Ready,
//! QUERY_AGENT_STATE_REQ. With `--inbound` calls are injected through the admin API instead
//! and the agents, Ready, answer each CALL_DELIVERED, clear the call and go Ready again.
//! Every request's latency goes into a histogram per message type;
//! every session counts the events it receives. The result is a final table.

use std::collections::BTreeMap;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use ccx_client::requests::{build, ANY_CALL};
use ccx_client::{AgentIdentity, Client, Event, Events, RequestError};
use cti_proto::codes::{AgentState, ServiceMask};
use cti_proto::Message;
use hdrhistogram::Histogram;
use indicatif::{ProgressBar, ProgressStyle};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::sync::Semaphore;

use super::client_common::{self, parse_duration, ServerArgs};

/// Options of `ccx load`.
#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:\n  \
    ccx load -s 127.0.0.1:42027 --bridges 5 --agents 40 --duration 30s\n  \
    ccx load -s 127.0.0.1:42027 --http 127.0.0.1:8080 --agents 40 --calls 1000\n  \
    ccx load -s 127.0.0.1:42027 --bridges 2000 --agents 0 --duration 5s")]
pub struct Args {
    #[command(flatten)]
    pub server: ServerArgs,
    /// Bridge-mode sessions (they receive every event).
    #[arg(long, default_value_t = 2)]
    pub bridges: usize,
    /// Agent-mode sessions, each driving one agent through calls.
    #[arg(long, default_value_t = 10)]
    pub agents: usize,
    /// The agents to drive, LOGIN:EXTENSION:PASSWORD, comma-separated. Default: fetched from
    /// the admin API when --http is given, else the demo center's agent01, agent02 ….
    #[arg(long, value_delimiter = ',', value_name = "LOGIN:EXT:PASSWORD")]
    pub agent_list: Vec<String>,
    /// Admin HTTP address of a `ccx serve` (HOST:PORT): the agents come from GET /api/agents.
    #[arg(long, value_name = "HOST:PORT")]
    pub http: Option<String>,
    /// Password of each agent, with {extension} and {login} replaced (the demo's pattern).
    #[arg(long, default_value = "pw{extension}")]
    pub password_pattern: String,
    /// How long to drive calls.
    #[arg(long, default_value = "10s", value_parser = parse_duration)]
    pub duration: Duration,
    /// Stop after this many calls in total.
    #[arg(long)]
    pub calls: Option<u64>,
    /// Number dialed by the agents' outbound calls.
    #[arg(long, default_value = "5550100")]
    pub dial: String,
    /// Wait for each call to be answered, then hold and retrieve it before clearing.
    #[arg(long)]
    pub hold: bool,
    /// Inbound mode: inject this many calls per second through the admin API (needs --http)
    /// to the --dnis numbers; the agents stay Ready and answer what rings instead of dialing.
    #[arg(long, value_name = "CALLS_PER_S")]
    pub inbound: Option<f64>,
    /// Trigger numbers the inbound calls dial, comma-separated (demo: 5000 Sales, 5001
    /// Support, 5002 Billing).
    #[arg(long, value_delimiter = ',', default_value = "5000")]
    pub dnis: Vec<String>,
    /// Sessions opened at once during the handshake phase.
    #[arg(long, default_value_t = 64)]
    pub concurrency: usize,
    /// No progress bar.
    #[arg(long)]
    pub quiet: bool,
}

/// Run `ccx load`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    client_common::init_logging();
    raise_fd_limit();
    client_common::runtime()?.block_on(load(args))
}

/// Every session holds a socket: lift the soft file limit to the hard one.
fn raise_fd_limit() {
    #[cfg(unix)]
    // SAFETY: getrlimit/setrlimit only read and write the struct passed by pointer.
    unsafe {
        let mut l = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut l) == 0 && l.rlim_cur < l.rlim_max {
            l.rlim_cur = l.rlim_max;
            let _ = libc::setrlimit(libc::RLIMIT_NOFILE, &l);
        }
    }
}

#[derive(Clone, Debug)]
struct AgentSpec {
    login: String,
    extension: String,
    password: String,
}

/// Latencies per request type (microseconds), and outcome counts.
#[derive(Default)]
struct Stats {
    latency: BTreeMap<&'static str, Histogram<u64>>,
    ok: u64,
    refused: u64,
    timed_out: u64,
    lost: u64,
    calls: u64,
}

impl Stats {
    fn record(&mut self, name: &'static str, took: Duration, result: &Result<(), RequestError>) {
        let h = self.latency.entry(name).or_insert_with(|| {
            Histogram::new_with_bounds(1, 600_000_000, 3).expect("valid bounds")
        });
        let _ = h.record((took.as_micros() as u64).max(1));
        match result {
            Ok(()) => self.ok += 1,
            Err(e) if e.is_refusal() => self.refused += 1,
            Err(RequestError::Timeout(_)) => self.timed_out += 1,
            Err(_) => self.lost += 1,
        }
    }
    fn merge(&mut self, o: Stats) {
        for (k, h) in o.latency {
            match self.latency.get_mut(k) {
                Some(mine) => {
                    let _ = mine.add(&h);
                }
                None => {
                    self.latency.insert(k, h);
                }
            }
        }
        self.ok += o.ok;
        self.refused += o.refused;
        self.timed_out += o.timed_out;
        self.lost += o.lost;
        self.calls += o.calls;
    }
}

/// Counters shared with the progress bar.
#[derive(Default)]
struct Live {
    injected: AtomicU64,
    events: AtomicU64,
    bridge_events: AtomicU64,
    requests: AtomicU64,
    calls: AtomicU64,
}

async fn load(args: Args) -> anyhow::Result<ExitCode> {
    if args.server.server.is_empty() {
        bail!("no CTI server given: use --server HOST:PORT (or set CCX_SERVER)");
    }
    if args.inbound.is_some() && args.http.is_none() {
        bail!("--inbound injects calls through the admin API: give --http HOST:PORT");
    }
    let agents = agent_specs(&args).await?;
    if agents.len() < args.agents {
        bail!(
            "{} agent sessions asked for, only {} agents known (give --agent-list or --http)",
            args.agents,
            agents.len()
        );
    }
    let live = Arc::new(Live::default());
    let bar = if args.quiet {
        ProgressBar::hidden()
    } else {
        ProgressBar::new((args.bridges + args.agents) as u64)
    };
    bar.set_style(
        ProgressStyle::with_template("{prefix:>10} [{bar:30}] {pos}/{len} {msg}")
            .expect("valid template")
            .progress_chars("=> "),
    );

    // Phase 1: handshakes.
    bar.set_prefix("opening");
    let gate = Arc::new(Semaphore::new(args.concurrency.max(1)));
    let mut opening = Vec::new();
    let total = args.bridges + args.agents;
    for i in 0..total {
        let config = if i < args.bridges {
            args.server
                .builder()?
                .client_id(format!("load-bridge-{i}"))
                .build()?
        } else {
            let a = &agents[i - args.bridges];
            args.server
                .builder()?
                .client_id(format!("load-{}", a.login))
                .agent(AgentIdentity {
                    agent_id: Some(a.login.clone()),
                    extension: Some(a.extension.clone()),
                    instrument: None,
                })
                .services(ServiceMask::CTI_SERVICE_CLIENT_CONTROL)
                .build()?
        };
        let gate = gate.clone();
        let within = args.server.connect_timeout;
        let bar = bar.clone();
        opening.push(tokio::spawn(async move {
            let _permit = gate.acquire_owned().await;
            let start = Instant::now();
            let r = tokio::time::timeout(within, Client::connect(config)).await;
            bar.inc(1);
            match r {
                Ok(Ok(c)) => Ok((c, start.elapsed())),
                Ok(Err(e)) => Err(e.to_string()),
                Err(_) => Err(format!("no session within {within:?}")),
            }
        }));
    }
    let phase1 = Instant::now();
    let mut handshake = Histogram::<u64>::new_with_bounds(1, 600_000_000, 3)?;
    let mut bridges = Vec::new();
    let mut agent_clients = Vec::new();
    let mut failed_opens = Vec::new();
    for (i, t) in opening.into_iter().enumerate() {
        match t.await? {
            Ok(((client, events), took)) => {
                let _ = handshake.record((took.as_micros() as u64).max(1));
                if i < args.bridges {
                    bridges.push((client, Some(events)));
                } else {
                    agent_clients.push((client, Some(events), agents[i - args.bridges].clone()));
                }
            }
            Err(e) => failed_opens.push(e),
        }
    }
    let opened = bridges.len() + agent_clients.len();
    let phase1_time = phase1.elapsed();

    // Event counters.
    let mut counters = Vec::new();
    for (_, events) in bridges.iter_mut() {
        if let Some(events) = events.take() {
            counters.push(tokio::spawn(count_events(events, live.clone(), true)));
        }
    }

    // Phase 2: drive the agents.
    bar.set_prefix("driving");
    bar.set_position(0);
    bar.set_length(args.duration.as_millis() as u64);
    let deadline = tokio::time::Instant::now() + args.duration;
    let phase2 = Instant::now();
    let mut drivers = Vec::new();
    let budget = Arc::new(AtomicU64::new(args.calls.unwrap_or(u64::MAX)));
    for (client, events, spec) in agent_clients.iter_mut() {
        let Some(events) = events.take() else {
            continue;
        };
        drivers.push(tokio::spawn(drive_agent(
            client.clone(),
            events,
            spec.clone(),
            args.dial.clone(),
            args.hold,
            args.inbound.is_some(),
            deadline,
            budget.clone(),
            live.clone(),
        )));
    }
    let injector = match (args.inbound, &args.http) {
        (Some(rate), Some(http)) if rate > 0.0 => Some(tokio::spawn(inject_calls(
            http.clone(),
            args.dnis.clone(),
            rate,
            deadline,
            live.clone(),
        ))),
        _ => None,
    };
    let ticker = {
        let bar = bar.clone();
        let live = live.clone();
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(Duration::from_millis(200)).await;
                bar.set_position(phase2.elapsed().as_millis() as u64);
                bar.set_message(format!(
                    "{} calls, {} requests, {} events",
                    live.calls.load(Ordering::Relaxed),
                    live.requests.load(Ordering::Relaxed),
                    live.events.load(Ordering::Relaxed)
                ));
            }
        })
    };
    let mut stats = Stats::default();
    for d in drivers {
        stats.merge(d.await?);
    }
    let injected = match injector {
        Some(t) => Some(t.await?),
        None => None,
    };
    // With no agents (or all done early), bridges still listen until the deadline.
    if agent_clients.is_empty() {
        tokio::time::sleep_until(deadline).await;
    }
    let phase2_time = phase2.elapsed();
    ticker.abort();
    bar.finish_and_clear();

    // Close everything: CLOSE_REQ on each session.
    let closing: Vec<_> = bridges
        .iter()
        .map(|(c, _)| c.clone())
        .chain(agent_clients.iter().map(|(c, _, _)| c.clone()))
        .map(|c| tokio::spawn(async move { c.close().await }))
        .collect();
    for c in closing {
        let _ = c.await;
    }
    for c in counters {
        let _ = c.await;
    }

    print_report(
        &args,
        &ReportInput {
            opened,
            failed_opens: &failed_opens,
            phase1_time,
            handshake: &handshake,
            phase2_time,
            stats: &stats,
            live: &live,
            injected,
        },
    );
    Ok(
        if failed_opens.is_empty() && stats.lost == 0 && stats.timed_out == 0 {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        },
    )
}

async fn count_events(mut events: Events, live: Arc<Live>, bridge: bool) {
    while let Some(e) = events.recv().await {
        if let Event::Message(_) = e {
            live.events.fetch_add(1, Ordering::Relaxed);
            if bridge {
                live.bridge_events.fetch_add(1, Ordering::Relaxed);
            }
        }
    }
}

#[allow(clippy::too_many_arguments)]
async fn drive_agent(
    client: Client,
    events: Events,
    spec: AgentSpec,
    dial: String,
    hold: bool,
    inbound: bool,
    deadline: tokio::time::Instant,
    budget: Arc<AtomicU64>,
    live: Arc<Live>,
) -> Stats {
    let mut stats = Stats::default();
    let instrument = client
        .session()
        .and_then(|s| s.conf.agent_instrument)
        .filter(|i| !i.is_empty())
        .unwrap_or_else(|| spec.extension.clone().into());
    // Events of this agent's session: counted, and watched for its calls being answered.
    let (est_tx, mut est_rx) = tokio::sync::mpsc::unbounded_channel::<u32>();
    let (ring_tx, mut ring_rx) = tokio::sync::mpsc::unbounded_channel::<u32>();
    let counter = {
        let live = live.clone();
        let phone = instrument.clone();
        tokio::spawn(async move {
            let mut events = events;
            while let Some(e) = events.recv().await {
                if let Event::Message(m) = e {
                    live.events.fetch_add(1, Ordering::Relaxed);
                    match &m.message {
                        Message::CallEstablishedEvent(c) => {
                            let _ = est_tx.send(c.call_id);
                        }
                        Message::CallDeliveredEvent(d)
                            if d.alerting_device_id.as_deref() == Some(phone.as_str()) =>
                        {
                            let _ = ring_tx.send(d.call_id);
                        }
                        _ => {}
                    }
                }
            }
        })
    };
    macro_rules! timed {
        ($name:expr, $fut:expr) => {{
            let start = Instant::now();
            let r = $fut.await;
            let unit = r.as_ref().map(|_| ()).map_err(|e| e.clone());
            stats.record($name, start.elapsed(), &unit);
            live.requests.fetch_add(1, Ordering::Relaxed);
            r
        }};
    }
    let login = build::login(&spec.login, &instrument, &spec.password, true);
    if timed!("SET_AGENT_STATE_REQ", client.set_agent_state(login)).is_err() {
        counter.abort();
        return stats;
    }
    if inbound {
        let ready = build::agent_state(AgentState::AGENT_STATE_READY, 0, None, &instrument, false);
        let _ = timed!("SET_AGENT_STATE_REQ", client.set_agent_state(ready));
    }
    while inbound && tokio::time::Instant::now() < deadline {
        let Ok(Some(call)) = tokio::time::timeout_at(deadline, ring_rx.recv()).await else {
            break;
        };
        let answer = build::answer(ANY_CALL, None, &instrument);
        if timed!("ANSWER_CALL_REQ", client.answer_call(answer)).is_err() {
            continue;
        }
        stats.calls += 1;
        live.calls.fetch_add(1, Ordering::Relaxed);
        if hold {
            let _ = timed!(
                "HOLD_CALL_REQ",
                client.hold_call(build::hold(call, &instrument, &instrument))
            );
            let _ = timed!(
                "RETRIEVE_CALL_REQ",
                client.retrieve_call(build::retrieve(call, &instrument, &instrument))
            );
        }
        let _ = timed!(
            "CLEAR_CONNECTION_REQ",
            client.clear_connection(build::clear_connection(call, &instrument, &instrument))
        );
        // Out of wrap-up (an auto-work CSQ) and back to Ready for the next call.
        let ready = build::agent_state(AgentState::AGENT_STATE_READY, 0, None, &instrument, false);
        let _ = timed!("SET_AGENT_STATE_REQ", client.set_agent_state(ready));
    }
    while !inbound && tokio::time::Instant::now() < deadline {
        if budget
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |b| b.checked_sub(1))
            .is_err()
        {
            break;
        }
        let nr = build::agent_state(
            AgentState::AGENT_STATE_NOT_READY,
            0,
            None,
            &instrument,
            false,
        );
        let _ = timed!("SET_AGENT_STATE_REQ", client.set_agent_state(nr));
        let made = timed!(
            "MAKE_CALL_REQ",
            client.make_call(build::make_call(&instrument, &dial))
        );
        if let Ok(conf) = made {
            let call = conf.new_call_id;
            let device = conf.new_connection_device_id.clone();
            stats.calls += 1;
            live.calls.fetch_add(1, Ordering::Relaxed);
            if hold {
                let answered = tokio::time::timeout(Duration::from_secs(15), async {
                    while let Some(id) = est_rx.recv().await {
                        if id == call {
                            return true;
                        }
                    }
                    false
                })
                .await
                .unwrap_or(false);
                if answered {
                    let _ = timed!(
                        "HOLD_CALL_REQ",
                        client.hold_call(build::hold(call, &device, &instrument))
                    );
                    let _ = timed!(
                        "RETRIEVE_CALL_REQ",
                        client.retrieve_call(build::retrieve(call, &device, &instrument))
                    );
                }
            }
            let _ = timed!(
                "CLEAR_CONNECTION_REQ",
                client.clear_connection(build::clear_connection(call, &device, &instrument))
            );
        }
        let ready = build::agent_state(AgentState::AGENT_STATE_READY, 0, None, &instrument, false);
        let _ = timed!("SET_AGENT_STATE_REQ", client.set_agent_state(ready));
        let _ = timed!(
            "QUERY_AGENT_STATE_REQ",
            client.query_agent_state(build::query_agent(&spec.login))
        );
    }
    counter.abort();
    stats
}

struct ReportInput<'a> {
    opened: usize,
    failed_opens: &'a [String],
    phase1_time: Duration,
    handshake: &'a Histogram<u64>,
    phase2_time: Duration,
    stats: &'a Stats,
    live: &'a Live,
    injected: Option<(u64, u64)>,
}

fn ms(us: u64) -> String {
    format!("{:.3} ms", us as f64 / 1000.0)
}

fn print_report(args: &Args, r: &ReportInput<'_>) {
    let per_s = |n: u64, d: Duration| n as f64 / d.as_secs_f64().max(1e-9);
    let total = args.bridges + args.agents;
    println!(
        "ccx load: {} bridge + {} agent sessions against {}",
        args.bridges,
        args.agents,
        args.server.server.join(",")
    );
    println!();
    println!("| what | value |");
    println!("|---|---|");
    println!("| sessions opened | {} of {} |", r.opened, total);
    println!(
        "| handshakes/s | {:.0} ({} in {:.3} s) |",
        per_s(r.opened as u64, r.phase1_time),
        r.opened,
        r.phase1_time.as_secs_f64()
    );
    if !r.handshake.is_empty() {
        println!(
            "| handshake p50 / p99 / max | {} / {} / {} |",
            ms(r.handshake.value_at_quantile(0.5)),
            ms(r.handshake.value_at_quantile(0.99)),
            ms(r.handshake.max())
        );
    }
    let s = r.stats;
    let requests = s.ok + s.refused + s.timed_out + s.lost;
    println!("| drive time | {:.3} s |", r.phase2_time.as_secs_f64());
    println!("| calls handled | {} |", s.calls);
    if let Some((ok, failed)) = r.injected {
        println!("| calls injected | {ok} ({failed} refused by the admin API) |");
    }
    println!(
        "| requests | {} ({} ok, {} refused, {} timed out, {} lost) |",
        requests, s.ok, s.refused, s.timed_out, s.lost
    );
    println!("| requests/s | {:.0} |", per_s(requests, r.phase2_time));
    let mut all = Histogram::<u64>::new_with_bounds(1, 600_000_000, 3).expect("valid bounds");
    for h in s.latency.values() {
        let _ = all.add(h);
    }
    if !all.is_empty() {
        println!(
            "| request latency p50 / p99 / max | {} / {} / {} |",
            ms(all.value_at_quantile(0.5)),
            ms(all.value_at_quantile(0.99)),
            ms(all.max())
        );
    }
    let events = r.live.events.load(Ordering::Relaxed);
    println!(
        "| events received | {} ({} by bridges) |",
        events,
        r.live.bridge_events.load(Ordering::Relaxed)
    );
    println!("| events/s | {:.0} |", per_s(events, r.phase2_time));
    if !s.latency.is_empty() {
        println!();
        println!("| request | count | p50 | p99 | max |");
        println!("|---|---|---|---|---|");
        for (name, h) in &s.latency {
            println!(
                "| {} | {} | {} | {} | {} |",
                name,
                h.len(),
                ms(h.value_at_quantile(0.5)),
                ms(h.value_at_quantile(0.99)),
                ms(h.max())
            );
        }
    }
    if !r.failed_opens.is_empty() {
        eprintln!(
            "ccx load: {} sessions did not open; first: {}",
            r.failed_opens.len(),
            r.failed_opens[0]
        );
    }
}

/// The agents to drive: the explicit list, the admin API's, or the demo's.
async fn agent_specs(args: &Args) -> anyhow::Result<Vec<AgentSpec>> {
    let password = |login: &str, ext: &str| {
        args.password_pattern
            .replace("{extension}", ext)
            .replace("{login}", login)
    };
    if !args.agent_list.is_empty() {
        return args
            .agent_list
            .iter()
            .map(|s| {
                let mut p = s.splitn(3, ':');
                let (Some(login), Some(ext)) = (p.next(), p.next()) else {
                    bail!("--agent-list {s}: use LOGIN:EXTENSION[:PASSWORD]");
                };
                Ok(AgentSpec {
                    login: login.into(),
                    extension: ext.into(),
                    password: p
                        .next()
                        .map(str::to_string)
                        .unwrap_or_else(|| password(login, ext)),
                })
            })
            .collect();
    }
    if let Some(http) = &args.http {
        let body = http_get(http, "/api/agents").await?;
        let v: serde_json::Value =
            serde_json::from_str(&body).context("GET /api/agents: not JSON")?;
        let list = v.as_array().context("GET /api/agents: not a list")?;
        return Ok(list
            .iter()
            .filter(|a| a["kind"] == "agent")
            .filter_map(|a| {
                let login = a["login_id"].as_str()?;
                let ext = a["extension"].as_str()?;
                Some(AgentSpec {
                    login: login.into(),
                    extension: ext.into(),
                    password: password(login, ext),
                })
            })
            .collect());
    }
    Ok((1..=args.agents.max(1))
        .map(|n| {
            let login = format!("agent{n:02}");
            let ext = (2000 + n).to_string();
            AgentSpec {
                password: password(&login, &ext),
                login,
                extension: ext,
            }
        })
        .collect())
}

/// POST inbound calls at `rate` per second until the deadline; (accepted, refused).
async fn inject_calls(
    http: String,
    dnis: Vec<String>,
    rate: f64,
    deadline: tokio::time::Instant,
    live: Arc<Live>,
) -> (u64, u64) {
    let period = Duration::from_secs_f64(1.0 / rate.max(0.001));
    let mut tick = tokio::time::interval(period);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    let (mut ok, mut refused) = (0u64, 0u64);
    let mut n = 0usize;
    while tokio::time::Instant::now() < deadline {
        tick.tick().await;
        let body = serde_json::json!({
            "dnis": dnis[n % dnis.len().max(1)],
            "ani": format!("555{:04}", n % 10_000),
        });
        n += 1;
        match http_request(&http, "POST", "/api/calls", Some(&body.to_string())).await {
            Ok(_) => {
                ok += 1;
                live.injected.fetch_add(1, Ordering::Relaxed);
            }
            Err(_) => refused += 1,
        }
    }
    (ok, refused)
}

/// GET `path` from `addr` over HTTP/1.1 (the admin API on loopback); the body on 200.
async fn http_get(addr: &str, path: &str) -> anyhow::Result<String> {
    http_request(addr, "GET", path, None).await
}

/// One HTTP/1.1 request to the admin API on loopback; the body on a 2xx answer.
async fn http_request(
    addr: &str,
    method: &str,
    path: &str,
    body: Option<&str>,
) -> anyhow::Result<String> {
    let mut s = tokio::time::timeout(
        Duration::from_secs(10),
        tokio::net::TcpStream::connect(addr),
    )
    .await
    .with_context(|| format!("connecting to {addr} timed out"))?
    .with_context(|| format!("cannot connect to {addr}"))?;
    let body = body.unwrap_or("");
    let req = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    s.write_all(req.as_bytes()).await?;
    let mut buf = Vec::new();
    tokio::time::timeout(Duration::from_secs(10), s.read_to_end(&mut buf))
        .await
        .context("the admin API did not answer")??;
    let text = String::from_utf8_lossy(&buf);
    let (head, rest) = text
        .split_once("\r\n\r\n")
        .context("not an HTTP response")?;
    let status = head.split_whitespace().nth(1).unwrap_or("");
    let content = if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        dechunk(rest)
    } else {
        rest.to_string()
    };
    if !status.starts_with('2') {
        bail!("{method} {path}: HTTP {status}: {}", content.trim());
    }
    Ok(content)
}

fn dechunk(mut s: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = s.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 || rest.len() < n {
            break;
        }
        out.push_str(&rest[..n]);
        s = rest[n..].trim_start_matches("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunked_bodies_are_joined() {
        assert_eq!(
            dechunk("5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"),
            "hello world"
        );
    }
}
