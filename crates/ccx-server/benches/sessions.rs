//! Session-layer benchmark: OPEN handshakes per second, heartbeat round trip (p50/p99) and
//! resident memory per open session, for `ccx serve`'s server and, in the same run, for a bare
//! tokio echo server with the same framing. Each server runs in a child process (this same
//! executable, chosen by `CCX_BENCH_ROLE`) so that its resident memory is its own.
//!
//! ```text
//! cargo bench -p ccx-server --bench sessions
//! CCX_BENCH_SESSIONS=10000 CCX_BENCH_ROUNDS=3 CCX_BENCH_HEARTBEATS=2000 cargo bench -p ccx-server --bench sessions
//! ```
//!
//! Bounded: a fixed number of sessions, heartbeats and rounds, and a deadline for the whole
//! run. Loopback only. The file-descriptor limit is raised inside the benchmark (soft limit to
//! the hard limit), not on the machine.

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use bytes::BytesMut;
use ccx_server::{Listeners, ServerConfig};
use cti_proto::codec::FrameCodec;
use cti_proto::codes::{CallEventMask, ServiceMask};
use cti_proto::msg::{CtiMessage, HeartbeatReq, OpenReq};
use cti_proto::wire::Settings;
use futures::StreamExt;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio_util::codec::Decoder;

const DEADLINE: Duration = Duration::from_secs(600);
const IN_FLIGHT: usize = 128;

fn env_num(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    match std::env::var("CCX_BENCH_ROLE").as_deref() {
        Ok("server") => child(Role::Ccx),
        Ok("echo") => child(Role::Echo),
        _ => parent(),
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Role {
    Ccx,
    Echo,
}

/// A server process: prints its port, serves until its stdin closes.
fn child(role: Role) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async move {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let shutdown = ccx_server::CancellationToken::new();
        let running = match role {
            Role::Ccx => {
                let config = ServerConfig {
                    max_connections: 50_000,
                    ..ServerConfig::default()
                };
                let listeners = Listeners {
                    cti: listener,
                    standby: None,
                    http: None,
                };
                Some(ccx_server::start(listeners, config, shutdown.clone()).unwrap())
            }
            Role::Echo => {
                tokio::spawn(echo_server(listener));
                None
            }
        };
        println!("PORT {port}");
        // Serve until the parent closes our stdin.
        tokio::task::spawn_blocking(|| {
            let mut s = String::new();
            while std::io::stdin()
                .read_line(&mut s)
                .map(|n| n > 0)
                .unwrap_or(false)
            {}
        })
        .await
        .unwrap();
        shutdown.cancel();
        if let Some(r) = running {
            let _ = tokio::time::timeout(Duration::from_secs(10), r.join()).await;
        }
    });
}

/// The baseline: every frame is written back as it came, with the same framer.
async fn echo_server(listener: TcpListener) {
    loop {
        let Ok((mut s, _)) = listener.accept().await else {
            continue;
        };
        let _ = s.set_nodelay(true);
        tokio::spawn(async move {
            let mut codec = FrameCodec::default();
            let mut buf = BytesMut::with_capacity(256);
            loop {
                match s.read_buf(&mut buf).await {
                    Ok(0) | Err(_) => return,
                    Ok(_) => {}
                }
                while let Ok(Some(f)) = codec.decode(&mut buf) {
                    if s.write_all(&f.bytes).await.is_err() {
                        return;
                    }
                }
            }
        });
    }
}

struct ServerProcess {
    child: Child,
    addr: SocketAddr,
}

impl ServerProcess {
    fn start(role: Role) -> ServerProcess {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .env(
                "CCX_BENCH_ROLE",
                if role == Role::Ccx { "server" } else { "echo" },
            )
            .env("RUST_LOG", "off")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let port: u16 = line.trim().trim_start_matches("PORT ").parse().unwrap();
        ServerProcess {
            child,
            addr: SocketAddr::from(([127, 0, 0, 1], port)),
        }
    }

    fn rss_bytes(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap();
        let kb: u64 = status
            .lines()
            .find(|l| l.starts_with("VmRSS:"))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap();
        kb * 1024
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        drop(self.child.stdin.take());
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Conn {
    stream: TcpStream,
    buf: BytesMut,
    codec: FrameCodec,
}

impl Conn {
    async fn frame(&mut self) -> std::io::Result<()> {
        loop {
            if self
                .codec
                .decode(&mut self.buf)
                .map_err(std::io::Error::other)?
                .is_some()
            {
                return Ok(());
            }
            if self.stream.read_buf(&mut self.buf).await? == 0 {
                return Err(std::io::ErrorKind::UnexpectedEof.into());
            }
        }
    }
}

async fn handshake(addr: SocketAddr, open: &[u8]) -> std::io::Result<Conn> {
    let stream = TcpStream::connect(addr).await?;
    stream.set_nodelay(true)?;
    // RST on close: no TIME_WAIT left behind to exhaust ephemeral ports between rounds. (The
    // deprecation warns of blocking on drop, which a zero linger does not do.)
    #[allow(deprecated)]
    stream.set_linger(Some(Duration::ZERO))?;
    let mut c = Conn {
        stream,
        buf: BytesMut::with_capacity(64),
        codec: FrameCodec::default(),
    };
    c.stream.write_all(open).await?;
    c.frame().await?;
    Ok(c)
}

#[derive(Clone, Copy, Debug, Default)]
struct Sample {
    handshakes_per_s: f64,
    hb_p50_us: f64,
    hb_p99_us: f64,
    rss_per_session: f64,
}

async fn measure(role: Role, sessions: usize, heartbeats: usize, started: Instant) -> Sample {
    let server = ServerProcess::start(role);
    let s16 = Settings::new(16);
    let open = OpenReq {
        invoke_id: 1,
        version_number: 16,
        idle_timeout: 600,
        services_requested: ServiceMask::CTI_SERVICE_ALL_EVENTS,
        call_msg_mask: CallEventMask(0xFFFF),
        client_id: Some("bench".into()),
        ..Default::default()
    }
    .to_bytes(&s16)
    .unwrap();
    // Warm up, then take the baseline.
    drop(handshake(server.addr, &open).await.unwrap());
    tokio::time::sleep(Duration::from_millis(200)).await;
    let rss_before = server.rss_bytes();
    let t0 = Instant::now();
    let addr = server.addr;
    let mut conns: Vec<Conn> = futures::stream::iter(0..sessions)
        .map(|_| {
            let open = open.clone();
            async move { handshake(addr, &open).await }
        })
        .buffer_unordered(IN_FLIGHT)
        .map(|r| r.expect("handshake failed"))
        .collect()
        .await;
    let elapsed = t0.elapsed();
    assert!(started.elapsed() < DEADLINE, "benchmark deadline passed");
    tokio::time::sleep(Duration::from_millis(500)).await;
    let rss_after = server.rss_bytes();
    let mut rtts = Vec::with_capacity(heartbeats);
    for k in 0..heartbeats {
        let c = &mut conns[(k * 7919) % sessions];
        let hb = HeartbeatReq {
            invoke_id: k as u32,
            ..Default::default()
        }
        .to_bytes(&s16)
        .unwrap();
        let t = Instant::now();
        c.stream.write_all(&hb).await.unwrap();
        c.frame().await.unwrap();
        rtts.push(t.elapsed().as_secs_f64() * 1e6);
    }
    rtts.sort_by(|a, b| a.total_cmp(b));
    let pct = |p: f64| rtts[((rtts.len() as f64 - 1.0) * p).round() as usize];
    drop(conns);
    drop(server);
    Sample {
        handshakes_per_s: sessions as f64 / elapsed.as_secs_f64(),
        hb_p50_us: pct(0.50),
        hb_p99_us: pct(0.99),
        rss_per_session: (rss_after.saturating_sub(rss_before)) as f64 / sessions as f64,
    }
}

fn raise_fd_limit() -> u64 {
    // SAFETY: getrlimit/setrlimit only read and write the struct passed to them.
    unsafe {
        let mut lim = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim) == 0 {
            lim.rlim_cur = lim.rlim_max;
            libc::setrlimit(libc::RLIMIT_NOFILE, &lim);
            libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim);
        }
        lim.rlim_cur
    }
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn parent() {
    let sessions = env_num("CCX_BENCH_SESSIONS", 10_000);
    let rounds = env_num("CCX_BENCH_ROUNDS", 3).max(1);
    let heartbeats = env_num("CCX_BENCH_HEARTBEATS", 2_000).max(1);
    let fds = raise_fd_limit();
    assert!(
        fds as usize > sessions + 100,
        "file-descriptor limit {fds} is too low for {sessions} sessions"
    );
    println!(
        "sessions benchmark: {sessions} concurrent sessions, {heartbeats} heartbeats, {rounds} rounds, fd limit {fds}"
    );
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let started = Instant::now();
    let mut ccx = Vec::new();
    let mut echo = Vec::new();
    for round in 1..=rounds {
        let a = rt.block_on(measure(Role::Ccx, sessions, heartbeats, started));
        let b = rt.block_on(measure(Role::Echo, sessions, heartbeats, started));
        println!("round {round}: ccx {a:?}");
        println!("round {round}: echo {b:?}");
        ccx.push(a);
        echo.push(b);
    }
    let med = |v: &[Sample], f: fn(&Sample) -> f64| median(v.iter().map(f).collect());
    type Row = (&'static str, fn(&Sample) -> f64, &'static str);
    let rows: [Row; 4] = [
        ("OPEN handshakes/s", |s| s.handshakes_per_s, ""),
        ("heartbeat RTT p50", |s| s.hb_p50_us, " µs"),
        ("heartbeat RTT p99", |s| s.hb_p99_us, " µs"),
        (
            "RSS per open session",
            |s| s.rss_per_session / 1024.0,
            " KiB",
        ),
    ];
    println!();
    println!("| metric (median of {rounds}) | ccx server | bare echo | ccx / echo |");
    println!("|---|---|---|---|");
    for (name, f, unit) in rows {
        let a = med(&ccx, f);
        let b = med(&echo, f);
        println!("| {name} | {a:.1}{unit} | {b:.1}{unit} | {:.2} |", a / b);
    }
}
