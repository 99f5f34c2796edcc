//! Contact-center load benchmark: a center of 5,000 agents (`Config::synthetic`) with the
//! traffic generator and its simulated agents, every event encoded and delivered over loopback
//! TCP to 10 bridge sessions (ALL_EVENTS, every mask bit) that read everything.
//!
//! ```text
//! cargo bench -p ccx-server --bench center_load
//! CCX_BENCH_ROUNDS=1 CCX_BENCH_RATES=500,1000 CCX_BENCH_MEASURE_S=8 cargo bench -p ccx-server --bench center_load
//! ```
//!
//! Each round starts a fresh server, opens the 10 bridges, starts traffic and waits until
//! 95 % of the agents are Ready, then measures:
//!
//! * **Latency** at `CCX_BENCH_LATENCY_RATE` calls/s (200): the traffic generator supplies all
//!   but `CCX_BENCH_PROBES` calls/s (20); the benchmark injects those itself with
//!   `Server::inject_call` (what `POST /api/calls` calls), noting the instant just before. The
//!   model emits a call's first four events (BEGIN_CALL, CALL_DELIVERED at the route point,
//!   CALL_ESTABLISHED on the CTI port, CALL_QUEUED) inside that call; the hub encodes them and
//!   hands them to the sessions' queues; each bridge notes the instant its `read` returned them.
//!   Latency = read instant − inject instant, for each of those events at each bridge: the
//!   model, encoding, the hand-off, the connection task's write, loopback and the client's
//!   read. Events the model emits from its timers take the same path from the model on; how
//!   late the timer task wakes is not part of the figure.
//! * **Throughput** at each offered rate of `CCX_BENCH_RATES` (calls/s): `CCX_BENCH_WARM_S`
//!   seconds to reach a steady state, then over `CCX_BENCH_MEASURE_S` seconds the calls begun
//!   (BEGIN_CALL_EVENT) and completed (END_CALL_EVENT) per second of wall time at a bridge, and
//!   frames per second read by all 10 bridges. Up to `CCX_BENCH_GEN_MAX` calls/s (500) the
//!   traffic generator alone makes the calls. Above, the generator runs at `CCX_BENCH_BASE`
//!   calls/s (100) and the benchmark injects the rest as 1-second calls: the generator cannot
//!   go much past 500 calls/s (it draws inter-arrival gaps in whole milliseconds, at least 1),
//!   and its calls ring 1-3 s and talk at least 5 s, so 5,000 agents cannot answer more than
//!   about 700 of them a second. A rate is *sustained* when no bridge was dropped as a slow
//!   consumer, nothing was refused (free CTI ports), completions kept up with arrivals (at
//!   least 97 %) and the calls in the system did not grow by more than 5 %. The ramp stops at
//!   the first rate where a bridge was dropped.
//!
//! Every round ends with a delivery check: each bridge read the same number of frames, and
//! together exactly what the server counted as queued for them (`ccx_messages_out_total`).
//!
//! The server runs in this process on its own single-worker tokio runtime, the 10 bridges and
//! the injector on another single-worker runtime; CPU per runtime thread is read from
//! `/proc/self/task`. Bounded: a fixed number of phases of fixed length, each wait capped, and a
//! deadline for the whole run. Loopback only.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use bytes::{Buf, BytesMut};
use ccx_server::{Listeners, Server, ServerConfig};
use ccx_sim::{Config, NewCall, Traffic};
use cti_proto::codes::{AgentStateMask, CallEventMask, ConfigMsgMask, ServiceMask};
use cti_proto::msg::{
    BeginCallEvent, CallDeliveredEvent, CallEstablishedEvent, CallQueuedEvent, CtiMessage,
    EndCallEvent, Message, OpenReq,
};
use cti_proto::wire::Settings;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// The whole run stops here, whatever the settings.
const DEADLINE: Duration = Duration::from_secs(1800);
const BRIDGES: usize = 10;
const VERSION: u8 = 18;

fn env_num(name: &str, default: f64) -> f64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn env_list(name: &str, default: &[f64]) -> Vec<f64> {
    match std::env::var(name) {
        Ok(v) => v.split(',').filter_map(|x| x.trim().parse().ok()).collect(),
        Err(_) => default.to_vec(),
    }
}

struct BenchConfig {
    agents: usize,
    rounds: usize,
    rates: Vec<f64>,
    gen_max: f64,
    base: f64,
    warm: Duration,
    measure: Duration,
    latency_rate: f64,
    probes: f64,
    outbound_queue: usize,
}

/// What one bridge has read.
#[derive(Default)]
struct BridgeStats {
    frames: AtomicU64,
    begins: AtomicU64,
    ends: AtomicU64,
    closed: AtomicBool,
}

/// What the bridges share with the controller.
struct Shared {
    bridges: Vec<BridgeStats>,
    /// Longest a 1 ms sleep on the bridges' runtime overshot, in µs (how long the bridges
    /// could not run), since the last reset.
    max_stall_us: AtomicU64,
    /// Longest `Server::inject_call` took, in µs, since the last reset.
    max_inject_us: AtomicU64,
    /// While set, bridges note what they read of BEGIN_CALL, CALL_DELIVERED,
    /// CALL_ESTABLISHED and CALL_QUEUED.
    record: AtomicBool,
    log: Mutex<Vec<Seen>>,
}

/// A call event a bridge read: (bridge, message type, CallID, read instant).
type Seen = (usize, u32, u32, Instant);

/// A small deterministic RNG for exponential gaps (xorshift64*).
struct Rng(u64);
impl Rng {
    fn unit(&mut self) -> f64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        let x = self.0.wrapping_mul(0x2545_F491_4F6C_DD1D);
        (x >> 11) as f64 / (1u64 << 53) as f64
    }
    fn exp_s(&mut self, rate: f64) -> f64 {
        -(1.0 - self.unit()).ln() / rate
    }
}

fn traffic(calls_per_s: f64) -> Traffic {
    Traffic {
        calls_per_hour: calls_per_s * 3600.0,
        // The generator's talk time is at least 5 s whatever the mean; no wrap-up, no
        // abandons, so every call begun is a call completed.
        handle_time_s: 1.0,
        wrap_up_s: 0.0,
        abandon_rate: 0.0,
    }
}

fn open_req(n: usize) -> OpenReq {
    OpenReq {
        invoke_id: 1,
        version_number: VERSION as u32,
        idle_timeout: 3600,
        services_requested: ServiceMask::CTI_SERVICE_ALL_EVENTS
            | ServiceMask::CTI_SERVICE_CALL_DATA_UPDATE,
        call_msg_mask: CallEventMask(0xFFFF_FFFF),
        agent_state_mask: AgentStateMask(0x1FF),
        config_msg_mask: ConfigMsgMask::NONE,
        client_id: Some(format!("bench-bridge-{n}").into()),
        client_password: Some(vec![]),
        ..Default::default()
    }
}

/// Open a bridge session and read everything until the connection closes.
async fn bridge(
    addr: SocketAddr,
    n: usize,
    shared: Arc<Shared>,
    opened: tokio::sync::mpsc::Sender<()>,
) {
    let settings = Settings::new(VERSION);
    let mut s = TcpStream::connect(addr).await.unwrap();
    s.set_nodelay(true).unwrap();
    s.write_all(&open_req(n).to_bytes(&settings).unwrap())
        .await
        .unwrap();
    let mut buf = BytesMut::with_capacity(256 * 1024);
    let mut open = false;
    let stats = &shared.bridges[n];
    let mut local_log: Vec<Seen> = Vec::new();
    loop {
        match s.read_buf(&mut buf).await {
            Ok(0) | Err(_) => break,
            Ok(_) => {}
        }
        let now = Instant::now();
        let record = shared.record.load(Ordering::Relaxed);
        let (mut frames, mut begins, mut ends) = (0u64, 0u64, 0u64);
        while buf.len() >= 8 {
            let len = u32::from_be_bytes([buf[0], buf[1], buf[2], buf[3]]) as usize;
            if buf.len() < 8 + len {
                break;
            }
            let ty = u32::from_be_bytes([buf[4], buf[5], buf[6], buf[7]]);
            if !open {
                assert_eq!(
                    ty,
                    cti_proto::msg::OpenConf::ID,
                    "bridge {n}: OPEN_CONF first"
                );
                open = true;
                buf.advance(8 + len);
                let _ = opened.send(()).await;
                continue;
            }
            frames += 1;
            if ty == BeginCallEvent::ID {
                begins += 1;
            } else if ty == EndCallEvent::ID {
                ends += 1;
            }
            if record
                && (ty == BeginCallEvent::ID
                    || ty == CallDeliveredEvent::ID
                    || ty == CallEstablishedEvent::ID
                    || ty == CallQueuedEvent::ID)
            {
                let frame = &buf[..8 + len];
                let id = match Message::decode_frame(frame, &settings) {
                    Ok(Message::BeginCallEvent(e)) => e.call_id,
                    Ok(Message::CallDeliveredEvent(e)) => e.call_id,
                    Ok(Message::CallEstablishedEvent(e)) => e.call_id,
                    Ok(Message::CallQueuedEvent(e)) => e.call_id,
                    other => panic!("bridge {n}: undecodable call event: {other:?}"),
                };
                local_log.push((n, ty, id, now));
            }
            buf.advance(8 + len);
        }
        stats.frames.fetch_add(frames, Ordering::Relaxed);
        stats.begins.fetch_add(begins, Ordering::Relaxed);
        stats.ends.fetch_add(ends, Ordering::Relaxed);
        if !local_log.is_empty() {
            shared.log.lock().unwrap().append(&mut local_log);
        }
    }
    shared.log.lock().unwrap().append(&mut local_log);
    stats.closed.store(true, Ordering::Relaxed);
}

/// CPU seconds used so far by this process's threads, by thread name: the server's runtime
/// ("ccx-server"), the bridges' runtime ("bench-bridges"), and the rest.
fn cpu_by_thread() -> HashMap<String, f64> {
    let tick = 100.0; // USER_HZ on Linux
    let mut out = HashMap::new();
    let Ok(dir) = std::fs::read_dir("/proc/self/task") else {
        return out;
    };
    for t in dir.flatten() {
        let Ok(stat) = std::fs::read_to_string(t.path().join("stat")) else {
            continue;
        };
        // pid (comm) state ... utime stime are fields 14 and 15; comm may hold spaces.
        let (Some(open), Some(close)) = (stat.find('('), stat.rfind(')')) else {
            continue;
        };
        let name = stat[open + 1..close].to_string();
        let rest: Vec<&str> = stat[close + 2..].split_whitespace().collect();
        let secs = rest
            .get(11)
            .zip(rest.get(12))
            .and_then(|(u, s)| Some((u.parse::<f64>().ok()? + s.parse::<f64>().ok()?) / tick));
        let key = match name.as_str() {
            "ccx-server" | "bench-bridges" => name,
            _ => "other".to_string(),
        };
        *out.entry(key).or_insert(0.0) += secs.unwrap_or(0.0);
    }
    out
}

/// Counters at one instant (call counts from bridge 0, frames from all).
#[derive(Clone, Copy)]
struct Snap {
    at: Instant,
    begins: u64,
    ends: u64,
    frames: u64,
}

impl Snap {
    /// Calls begun and not yet ended.
    fn in_system(&self) -> u64 {
        self.begins.saturating_sub(self.ends)
    }
}

fn snap(shared: &Shared) -> Snap {
    Snap {
        at: Instant::now(),
        begins: shared.bridges[0].begins.load(Ordering::Relaxed),
        ends: shared.bridges[0].ends.load(Ordering::Relaxed),
        frames: shared
            .bridges
            .iter()
            .map(|b| b.frames.load(Ordering::Relaxed))
            .sum(),
    }
}

fn any_dropped(shared: &Shared) -> bool {
    shared
        .bridges
        .iter()
        .any(|b| b.closed.load(Ordering::Relaxed))
}

/// One offered rate.
#[derive(Clone, Debug, Default)]
struct Throughput {
    offered: f64,
    begun_per_s: f64,
    completed_per_s: f64,
    frames_per_s: f64,
    refused: usize,
    in_system: (u64, u64),
    server_cpu: f64,
    bridges_cpu: f64,
    dropped: bool,
    max_stall_ms: f64,
    max_inject_ms: f64,
}

impl Throughput {
    fn sustained(&self) -> bool {
        let (a, b) = self.in_system;
        !self.dropped
            && self.refused == 0
            && self.completed_per_s >= 0.97 * self.begun_per_s
            && b as f64 <= a as f64 * 1.05 + 20.0
    }
}

#[derive(Clone, Debug, Default)]
struct Latency {
    samples: usize,
    p50_ms: f64,
    p99_ms: f64,
    max_ms: f64,
    frames_per_s: f64,
    completed_per_s: f64,
}

struct Round {
    latency: Latency,
    throughput: Vec<Throughput>,
    delivery_ok: bool,
}

/// Injects calls with `talk_s` seconds of talk at `rate` per second (Poisson) until `stop`.
struct Injected {
    /// CallID and the instant just before the injection.
    calls: Vec<(u32, Instant)>,
    /// Refused by the center (no free CTI port, application full).
    refused: usize,
}

async fn inject(
    shared: Arc<Shared>,
    server: Server,
    rate: f64,
    talk_s: u32,
    stop: Arc<AtomicBool>,
    seed: u64,
) -> Injected {
    let mut rng = Rng(seed | 1);
    let mut out = Injected {
        calls: Vec::new(),
        refused: 0,
    };
    let mut next = tokio::time::Instant::now() + Duration::from_secs_f64(rng.exp_s(rate));
    let mut k = 0u32;
    while !stop.load(Ordering::Relaxed) {
        tokio::time::sleep_until(next).await;
        // Every arrival due by now, in a burst if the runtime woke late, as Poisson arrivals
        // would come.
        while tokio::time::Instant::now() >= next && !stop.load(Ordering::Relaxed) {
            k += 1;
            // Every other caller presses 2 in the IVR menu (the application's second CSQ),
            // so the calls spread over all ten CSQs and every agent can take them.
            let call = NewCall {
                dnis: format!("{}", 6000 + k % 5),
                ani: format!("+1555{:07}", k % 10_000_000),
                caller_entered_digits: k.is_multiple_of(2).then(|| "2".to_string()),
                talk_s: Some(talk_s),
                ..Default::default()
            };
            let t0 = Instant::now();
            match server.inject_call(call) {
                Ok(id) => out.calls.push((id, t0)),
                Err(_) => out.refused += 1,
            }
            shared
                .max_inject_us
                .fetch_max(t0.elapsed().as_micros() as u64, Ordering::Relaxed);
            next += Duration::from_secs_f64(rng.exp_s(rate));
        }
    }
    out
}

fn pct(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn messages_out_total(server: &Server) -> u64 {
    server
        .metrics_text()
        .lines()
        .filter(|l| l.starts_with("ccx_messages_out_total{"))
        .filter_map(|l| l.rsplit(' ').next()?.parse::<f64>().ok())
        .map(|v| v as u64)
        .sum()
}

/// A server of `agents` agents on its own single-worker runtime.
struct ServerUnderTest {
    rt: tokio::runtime::Runtime,
    server: Server,
    addr: SocketAddr,
    shutdown: ccx_server::CancellationToken,
    running: ccx_server::Running,
}

fn start_server(agents: usize, seed: u64, outbound_queue: usize) -> ServerUnderTest {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .thread_name("ccx-server")
        .enable_all()
        .build()
        .unwrap();
    let center = Config::synthetic(agents);
    let (server, addr, shutdown, running) = rt.block_on(async {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let shutdown = ccx_server::CancellationToken::new();
        let running = ccx_server::start(
            Listeners {
                cti: listener,
                standby: None,
                http: None,
            },
            ServerConfig {
                center,
                seed,
                outbound_queue,
                ..ServerConfig::default()
            },
            shutdown.clone(),
        )
        .unwrap();
        let server = running.server.clone();
        let addr = server.cti_addrs()[0];
        (server, addr, shutdown, running)
    });
    ServerUnderTest {
        rt,
        server,
        addr,
        shutdown,
        running,
    }
}

impl ServerUnderTest {
    fn stop(self) {
        self.shutdown.cancel();
        let running = self.running;
        self.rt.block_on(async {
            let _ = tokio::time::timeout(Duration::from_secs(10), running.join()).await;
        });
        self.rt.shutdown_timeout(Duration::from_secs(5));
    }
}

/// Waits until the calls in the system are down to `target`, at most `limit`.
async fn drain(shared: &Shared, target: u64, limit: Duration) {
    let until = Instant::now() + limit;
    while snap(shared).in_system() > target && Instant::now() < until {
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

/// One round against a fresh server: latency, then throughput at each rate.
async fn round(
    cfg: &BenchConfig,
    server: Server,
    addr: SocketAddr,
    round_no: usize,
    started: Instant,
) -> Round {
    let shared = Arc::new(Shared {
        max_stall_us: AtomicU64::new(0),
        max_inject_us: AtomicU64::new(0),
        bridges: (0..BRIDGES).map(|_| BridgeStats::default()).collect(),
        record: AtomicBool::new(false),
        log: Mutex::new(Vec::new()),
    });
    let (tx, mut rx) = tokio::sync::mpsc::channel(BRIDGES);
    for n in 0..BRIDGES {
        tokio::spawn(bridge(addr, n, shared.clone(), tx.clone()));
    }
    for _ in 0..BRIDGES {
        rx.recv().await.expect("a bridge failed to open");
    }
    let watchdog = tokio::spawn({
        let shared = shared.clone();
        async move {
            loop {
                let t = Instant::now();
                tokio::time::sleep(Duration::from_millis(1)).await;
                let over = t.elapsed().saturating_sub(Duration::from_millis(1));
                shared
                    .max_stall_us
                    .fetch_max(over.as_micros() as u64, Ordering::Relaxed);
            }
        }
    });

    // Simulated agents log in and become Ready once traffic runs (a few seconds).
    server.set_traffic(Some(traffic(1.0)));
    let ready_by = Instant::now() + Duration::from_secs(30);
    loop {
        let ready = server
            .agents()
            .iter()
            .filter(|a| a.state == "AGENT_STATE_READY")
            .count();
        if ready * 100 >= cfg.agents * 95 || Instant::now() > ready_by {
            println!("  {ready} of {} agents Ready", cfg.agents);
            break;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }

    // Latency: generator plus probes.
    let probes_rate = cfg.probes.min(cfg.latency_rate);
    server.set_traffic(Some(traffic(cfg.latency_rate - probes_rate)));
    let stop = Arc::new(AtomicBool::new(false));
    let probes = tokio::spawn(inject(
        shared.clone(),
        server.clone(),
        probes_rate,
        5,
        stop.clone(),
        round_no as u64 * 104_729,
    ));
    tokio::time::sleep(cfg.warm).await;
    let a = snap(&shared);
    let record_from = Instant::now();
    shared.record.store(true, Ordering::Relaxed);
    tokio::time::sleep(cfg.measure).await;
    let record_to = Instant::now();
    let b = snap(&shared);
    stop.store(true, Ordering::Relaxed);
    let injected = probes.await.unwrap();
    // Let the bridges read what is on its way for the last probes before looking.
    tokio::time::sleep(Duration::from_millis(500)).await;
    shared.record.store(false, Ordering::Relaxed);
    let sent: HashMap<u32, Instant> = injected
        .calls
        .into_iter()
        .filter(|(_, t)| *t >= record_from && *t < record_to)
        .collect();
    // The first BEGIN_CALL, CALL_DELIVERED (route point), CALL_ESTABLISHED (CTI port) and
    // CALL_QUEUED of a call are emitted inside the injection; later ones of the same types
    // (delivery to an agent after a wait, the agent answering, a re-queue) come from timers
    // and are not measured.
    let mut first: HashMap<(usize, u32, u32), Instant> = HashMap::new();
    for &(n, ty, id, at) in shared.log.lock().unwrap().iter() {
        if sent.contains_key(&id) {
            first
                .entry((n, ty, id))
                .and_modify(|t| *t = (*t).min(at))
                .or_insert(at);
        }
    }
    shared.log.lock().unwrap().clear();
    let mut lat: Vec<f64> = first
        .iter()
        .map(|((_, _, id), at)| (*at - sent[id]).as_secs_f64() * 1e3)
        .collect();
    lat.sort_by(|a, b| a.total_cmp(b));
    let expected = sent.len() * 4 * BRIDGES;
    let dt = (b.at - a.at).as_secs_f64();
    let latency = Latency {
        samples: lat.len(),
        p50_ms: pct(&lat, 0.50),
        p99_ms: pct(&lat, 0.99),
        max_ms: lat.last().copied().unwrap_or(f64::NAN),
        frames_per_s: (b.frames - a.frames) as f64 / dt,
        completed_per_s: (b.ends - a.ends) as f64 / dt,
    };
    println!(
        "  latency at {:.0} calls/s ({:.0}/s probes): {} of {expected} probe events timed, p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms; {:.0} frames/s, {:.1} calls/s completed",
        cfg.latency_rate,
        probes_rate,
        latency.samples,
        latency.p50_ms,
        latency.p99_ms,
        latency.max_ms,
        latency.frames_per_s,
        latency.completed_per_s
    );
    server.set_traffic(Some(traffic(1.0)));
    drain(&shared, (cfg.agents / 50) as u64, Duration::from_secs(30)).await;

    // Throughput, rate by rate.
    let mut throughput = Vec::new();
    for &rate in &cfg.rates {
        if started.elapsed() > DEADLINE {
            println!("  deadline passed: ramp stopped");
            break;
        }
        let stop = Arc::new(AtomicBool::new(false));
        let injector = if rate <= cfg.gen_max {
            server.set_traffic(Some(traffic(rate)));
            None
        } else {
            server.set_traffic(Some(traffic(cfg.base)));
            Some(tokio::spawn(inject(
                shared.clone(),
                server.clone(),
                rate - cfg.base,
                1,
                stop.clone(),
                round_no as u64 * 7919 + rate as u64,
            )))
        };
        shared.max_stall_us.store(0, Ordering::Relaxed);
        shared.max_inject_us.store(0, Ordering::Relaxed);
        tokio::time::sleep(cfg.warm).await;
        let a = snap(&shared);
        let cpu_a = cpu_by_thread();
        tokio::time::sleep(cfg.measure).await;
        let b = snap(&shared);
        let cpu_b = cpu_by_thread();
        stop.store(true, Ordering::Relaxed);
        let refused = match injector {
            Some(j) => j.await.unwrap().refused,
            None => 0,
        };
        let dt = (b.at - a.at).as_secs_f64();
        let cpu = |k: &str| {
            100.0 * (cpu_b.get(k).copied().unwrap_or(0.0) - cpu_a.get(k).copied().unwrap_or(0.0))
                / dt
        };
        let t = Throughput {
            offered: rate,
            begun_per_s: (b.begins - a.begins) as f64 / dt,
            completed_per_s: (b.ends - a.ends) as f64 / dt,
            frames_per_s: (b.frames - a.frames) as f64 / dt,
            refused,
            in_system: (a.in_system(), b.in_system()),
            server_cpu: cpu("ccx-server"),
            bridges_cpu: cpu("bench-bridges"),
            dropped: any_dropped(&shared),
            max_stall_ms: shared.max_stall_us.load(Ordering::Relaxed) as f64 / 1e3,
            max_inject_ms: shared.max_inject_us.load(Ordering::Relaxed) as f64 / 1e3,
        };
        println!(
            "  offered {:>5.0}/s ({}): begun {:>6.1}/s, completed {:>6.1}/s, {:>7.0} frames/s read, in system {} -> {}, refused {}, CPU server {:.0}% bridges {:.0}%{} -> {}",
            t.offered,
            if rate <= cfg.gen_max { "generator" } else { "generator + injected" },
            t.begun_per_s,
            t.completed_per_s,
            t.frames_per_s,
            t.in_system.0,
            t.in_system.1,
            t.refused,
            t.server_cpu,
            t.bridges_cpu,
            if t.dropped { ", a bridge was DROPPED" } else { "" },
            if t.sustained() { "sustained" } else { "not sustained" }
        );
        println!(
            "    bridges' runtime stalled at most {:.1} ms; inject_call took at most {:.1} ms",
            t.max_stall_ms, t.max_inject_ms
        );
        let dropped = t.dropped;
        throughput.push(t);
        if dropped {
            println!("  a bridge was dropped as a slow consumer: ramp stopped");
            break;
        }
        // Let the center drain before the next rate.
        server.set_traffic(Some(traffic(1.0)));
        drain(&shared, (cfg.agents / 50) as u64, Duration::from_secs(30)).await;
    }

    // Every frame the server queued for the bridges was read, by each of them alike.
    server.set_traffic(None);
    let mut last = u64::MAX;
    let settle_by = Instant::now() + Duration::from_secs(30);
    loop {
        tokio::time::sleep(Duration::from_millis(300)).await;
        let now = snap(&shared).frames;
        if now == last || Instant::now() > settle_by {
            break;
        }
        last = now;
    }
    let per_bridge: Vec<u64> = shared
        .bridges
        .iter()
        .map(|b| b.frames.load(Ordering::Relaxed))
        .collect();
    let dropped = any_dropped(&shared);
    let queued = messages_out_total(&server);
    let read: u64 = per_bridge.iter().sum::<u64>() + BRIDGES as u64; // + the OPEN_CONFs
    let delivery_ok = !dropped && per_bridge.iter().all(|&f| f == per_bridge[0]) && queued == read;
    println!(
        "  delivery: {} frames read by each bridge, {read} in all (OPEN_CONF included), server queued {queued}{} -> {}",
        per_bridge[0],
        if dropped { ", a bridge was dropped" } else { "" },
        if delivery_ok { "ok" } else { "MISMATCH" }
    );
    watchdog.abort();
    Round {
        latency,
        throughput,
        delivery_ok,
    }
}

fn median(mut v: Vec<f64>) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn main() {
    let cfg = BenchConfig {
        agents: env_num("CCX_BENCH_AGENTS", 5000.0) as usize,
        rounds: env_num("CCX_BENCH_ROUNDS", 3.0).max(1.0) as usize,
        rates: env_list("CCX_BENCH_RATES", &[250.0, 500.0, 750.0, 1000.0, 1100.0]),
        gen_max: env_num("CCX_BENCH_GEN_MAX", 500.0),
        base: env_num("CCX_BENCH_BASE", 100.0),
        warm: Duration::from_secs_f64(env_num("CCX_BENCH_WARM_S", 12.0)),
        measure: Duration::from_secs_f64(env_num("CCX_BENCH_MEASURE_S", 12.0)),
        latency_rate: env_num("CCX_BENCH_LATENCY_RATE", 200.0),
        probes: env_num("CCX_BENCH_PROBES", 20.0),
        outbound_queue: env_num(
            "CCX_BENCH_QUEUE",
            ServerConfig::default().outbound_queue as f64,
        ) as usize,
    };
    println!(
        "center_load: {} agents, {BRIDGES} bridges, rates {:?} calls/s (generator alone up to {}, then generator {} + injected 1 s calls), warm {:?}, measure {:?}, {} rounds",
        cfg.agents, cfg.rates, cfg.gen_max, cfg.base, cfg.warm, cfg.measure, cfg.rounds
    );
    let client_rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .thread_name("bench-bridges")
        .enable_all()
        .build()
        .unwrap();
    let started = Instant::now();
    let mut rounds = Vec::new();
    for r in 1..=cfg.rounds {
        if started.elapsed() > DEADLINE {
            println!("deadline passed: no more rounds");
            break;
        }
        println!("round {r}:");
        let sut = start_server(cfg.agents, r as u64, cfg.outbound_queue);
        let (server, addr) = (sut.server.clone(), sut.addr);
        rounds.push(client_rt.block_on(round(&cfg, server, addr, r, started)));
        sut.stop();
    }

    let n = rounds.len();
    println!();
    println!("| offered calls/s | arrivals | begun calls/s | completed calls/s | frames/s read by {BRIDGES} bridges | server CPU | bridges CPU | sustained |");
    println!("|---|---|---|---|---|---|---|---|");
    for (i, &rate) in cfg.rates.iter().enumerate() {
        let got: Vec<&Throughput> = rounds.iter().filter_map(|r| r.throughput.get(i)).collect();
        if got.is_empty() {
            continue;
        }
        let m = |f: fn(&Throughput) -> f64| median(got.iter().map(|t| f(t)).collect());
        println!(
            "| {rate:.0} | {} | {:.1} | {:.1} | {:.0} | {:.0}% | {:.0}% | {} of {n} |",
            if rate <= cfg.gen_max {
                "generator"
            } else {
                "generator + injected"
            },
            m(|t| t.begun_per_s),
            m(|t| t.completed_per_s),
            m(|t| t.frames_per_s),
            m(|t| t.server_cpu),
            m(|t| t.bridges_cpu),
            got.iter().filter(|t| t.sustained()).count()
        );
    }
    let best: Vec<f64> = rounds
        .iter()
        .map(|r| {
            r.throughput
                .iter()
                .filter(|t| t.sustained())
                .map(|t| t.completed_per_s)
                .fold(0.0, f64::max)
        })
        .collect();
    println!();
    println!(
        "highest sustained completed calls/s per round: {:?}, median {:.1} (target >= 1000)",
        best.iter()
            .map(|b| (b * 10.0).round() / 10.0)
            .collect::<Vec<_>>(),
        median(best.clone())
    );
    let ml = |f: fn(&Latency) -> f64| median(rounds.iter().map(|r| f(&r.latency)).collect());
    println!(
        "event latency at {:.0} calls/s, median of {n} rounds: p50 {:.3} ms, p99 {:.3} ms (target <= 10 ms), max {:.3} ms, {:.0} samples per round",
        cfg.latency_rate,
        ml(|l| l.p50_ms),
        ml(|l| l.p99_ms),
        ml(|l| l.max_ms),
        ml(|l| l.samples as f64)
    );
    println!(
        "delivery check (every queued frame read by every bridge): {}",
        if rounds.iter().all(|r| r.delivery_ok) {
            "ok in every round"
        } else {
            "MISMATCH"
        }
    );
}
