//! The tokio front end: listeners, one task per connection, the hub's timer, limits, failover
//! and shutdown. Everything that decides lives in [`crate::session`] and [`crate::hub`]; this
//! module moves bytes and time in and out of them.
//!
//! Each connection task reads frames with [`FrameCodec`], feeds its [`Session`], and writes
//! from one queue: its own answers and the events the hub hands it through a bounded channel.
//! The hub never waits for a connection: when a session's channel is full its client has
//! stopped reading, and it is disconnected and counted as a slow consumer.

use std::collections::{HashMap, VecDeque};
use std::io::IoSlice;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use bytes::{Buf, Bytes, BytesMut};
use ccx_sim::{Center, Config, NewCall, Traffic};
use cti_proto::codec::{FrameCodec, FrameError};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{mpsc, Notify};
use tokio::time::Instant;
use tokio_util::codec::Decoder;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;
use tracing::{info, warn, Instrument};

use crate::hub::{Deliveries, Hub, NodeId, SessionInfo};
use crate::metrics::Metrics;
use crate::session::{CloseReason, Millis, Mode, Output, Session, SessionId, SessionLimits};

/// How the server runs.
#[derive(Clone, Debug)]
pub struct ServerConfig {
    /// The contact center.
    pub center: Config,
    /// Where `center` came from; `POST /api/config/reload` reads it again (the built-in demo
    /// when `None`).
    pub config_path: Option<PathBuf>,
    /// Seed of the contact center's random numbers.
    pub seed: u64,
    /// Simulated traffic, if any.
    pub traffic: Option<Traffic>,
    /// Most connections held at once; more are closed at accept.
    pub max_connections: usize,
    /// Largest frame body accepted; a larger header closes the connection.
    pub max_body: u32,
    /// A connection that has not opened a session this long after accept is closed.
    pub pre_open_timeout: Duration,
    /// Frames a session may have waiting to be written before it counts as a slow consumer.
    pub outbound_queue: usize,
    /// How long shutdown waits for sessions to take their last frames.
    pub shutdown_grace: Duration,
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            center: Config::demo(),
            config_path: None,
            seed: 1,
            traffic: None,
            max_connections: 20_000,
            max_body: cti_proto::wire::DEFAULT_MAX_BODY,
            pre_open_timeout: Duration::from_secs(30),
            outbound_queue: 1024,
            shutdown_grace: Duration::from_secs(5),
        }
    }
}

/// The sockets a server serves: the CTI port, the optional standby node's CTI port, and the
/// optional admin HTTP port.
#[derive(Debug)]
pub struct Listeners {
    /// The first node (master at start).
    pub cti: TcpListener,
    /// The second node (standby at start), for `--standby`.
    pub standby: Option<TcpListener>,
    /// Admin HTTP.
    pub http: Option<TcpListener>,
}

/// Why an admin action failed.
#[derive(Debug, thiserror::Error)]
pub enum AdminError {
    /// The new configuration is invalid.
    #[error("configuration: {0}")]
    Config(#[from] ccx_sim::ConfigError),
    /// The configuration file could not be read.
    #[error("cannot read {path}: {error}")]
    Read {
        /// The file.
        path: String,
        /// Why.
        error: std::io::Error,
    },
    /// The contact center refused.
    #[error(transparent)]
    Sim(#[from] ccx_sim::SimError),
    /// There is no standby node to fail over to.
    #[error("no standby node: start the server with --standby")]
    NoStandby,
}

enum Outbound {
    Frame(Bytes),
    Close(CloseReason),
}

struct Outbox {
    tx: mpsc::Sender<Outbound>,
    kill: CancellationToken,
}

struct Core {
    hub: Hub,
    outboxes: HashMap<SessionId, Outbox>,
}

struct Shared {
    core: Mutex<Core>,
    start: Instant,
    config: ServerConfig,
    metrics: Metrics,
    next_id: AtomicU64,
    connections: AtomicUsize,
    /// Cancelled to drop every connection of a node at once (failover); replaced after.
    node_tokens: Mutex<Vec<CancellationToken>>,
    node_addrs: Vec<SocketAddr>,
    /// Parent of every connection's kill token: cancelled when the shutdown grace expires.
    hard_stop: CancellationToken,
    timer_wake: Notify,
    tracker: TaskTracker,
}

impl Shared {
    fn now(&self) -> Millis {
        self.start.elapsed().as_millis() as Millis
    }

    fn lock(&self) -> MutexGuard<'_, Core> {
        self.core.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Hand the hub's frames to the sessions' queues without waiting; a full queue means the
    /// client stopped reading, and it is disconnected.
    fn deliver(&self, core: &mut Core, d: Deliveries) {
        self.metrics.encode_failures(d.encode_failures);
        for (id, frame) in d.frames {
            let Some(ob) = core.outboxes.get(&id) else {
                continue;
            };
            self.metrics.frame_out(&frame);
            if ob.tx.try_send(Outbound::Frame(frame)).is_err() {
                self.drop_slow_consumer(core, id);
            }
        }
        for (id, reason) in d.closes {
            let Some(ob) = core.outboxes.get(&id) else {
                continue;
            };
            if ob.tx.try_send(Outbound::Close(reason)).is_err() {
                self.drop_slow_consumer(core, id);
            }
        }
        // Whatever changed the hub may have moved the contact center's next deadline.
        self.timer_wake.notify_one();
    }

    fn drop_slow_consumer(&self, core: &mut Core, id: SessionId) {
        if let Some(ob) = core.outboxes.remove(&id) {
            if !ob.tx.is_closed() {
                warn!(
                    session = id,
                    "client stopped reading: disconnected as a slow consumer"
                );
                self.metrics.closed(CloseReason::SlowConsumer);
            }
            ob.kill.cancel();
        }
    }
}

/// A running server: its addresses and the admin operations (the same as the HTTP API).
#[derive(Clone)]
pub struct Server {
    shared: Arc<Shared>,
}

/// The server's tasks, to wait for after shutdown.
pub struct Running {
    /// The handle.
    pub server: Server,
    /// The admin HTTP address, if served.
    pub http_addr: Option<SocketAddr>,
    done: tokio::task::JoinHandle<()>,
}

impl Running {
    /// Wait until the server has shut down (after the shutdown token is cancelled).
    pub async fn join(self) {
        let _ = self.done.await;
    }
}

/// Serve until `shutdown` is cancelled, then shut down cleanly.
pub async fn run(
    listeners: Listeners,
    config: ServerConfig,
    shutdown: CancellationToken,
) -> std::io::Result<()> {
    start(listeners, config, shutdown)?.join().await;
    Ok(())
}

/// Start serving on `listeners` (bind them to port 0 in tests); returns at once.
pub fn start(
    listeners: Listeners,
    config: ServerConfig,
    shutdown: CancellationToken,
) -> std::io::Result<Running> {
    let start = Instant::now();
    let epoch_s = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as u32)
        .unwrap_or(0);
    let mut center = Center::new(config.center.clone(), config.seed);
    if config.traffic.is_some() {
        // No session exists yet: nothing the model says now has a recipient.
        let _ = center.set_traffic(0, config.traffic);
    }
    let mut node_addrs = vec![listeners.cti.local_addr()?];
    if let Some(l) = &listeners.standby {
        node_addrs.push(l.local_addr()?);
    }
    let http_addr = match &listeners.http {
        Some(l) => Some(l.local_addr()?),
        None => None,
    };
    let hard_stop = CancellationToken::new();
    let shared = Arc::new(Shared {
        core: Mutex::new(Core {
            hub: Hub::new(center, epoch_s),
            outboxes: HashMap::new(),
        }),
        start,
        metrics: Metrics::new(),
        next_id: AtomicU64::new(1),
        connections: AtomicUsize::new(0),
        node_tokens: Mutex::new(node_addrs.iter().map(|_| hard_stop.child_token()).collect()),
        node_addrs: node_addrs.clone(),
        hard_stop,
        timer_wake: Notify::new(),
        tracker: TaskTracker::new(),
        config,
    });
    let server = Server {
        shared: shared.clone(),
    };
    let stop_accepting = CancellationToken::new();
    let mut accept_tasks = Vec::new();
    accept_tasks.push(tokio::spawn(accept_loop(
        shared.clone(),
        0,
        listeners.cti,
        stop_accepting.clone(),
    )));
    if let Some(l) = listeners.standby {
        accept_tasks.push(tokio::spawn(accept_loop(
            shared.clone(),
            1,
            l,
            stop_accepting.clone(),
        )));
    }
    let timer = tokio::spawn(timer_loop(shared.clone(), stop_accepting.clone()));
    let http = listeners.http.map(|l| {
        let app = crate::admin::router(server.clone());
        let stop = stop_accepting.clone();
        tokio::spawn(async move {
            let r = axum::serve(l, app)
                .with_graceful_shutdown(async move { stop.cancelled().await })
                .await;
            if let Err(e) = r {
                warn!(error = %e, "admin HTTP server failed");
            }
        })
    });
    let roles: Vec<String> = node_addrs
        .iter()
        .enumerate()
        .map(|(i, a)| format!("{a} ({})", if i == 0 { "master" } else { "standby" }))
        .collect();
    info!(
        cti = %roles.join(", "),
        http = %http_addr.map(|a| a.to_string()).unwrap_or_else(|| "off".into()),
        "CTI server accepting connections"
    );
    let done = tokio::spawn({
        let shared = shared.clone();
        async move {
            shutdown.cancelled().await;
            stop_accepting.cancel();
            for t in accept_tasks {
                let _ = t.await;
            }
            graceful_shutdown(&shared).await;
            let _ = timer.await;
            if let Some(h) = http {
                let _ = h.await;
            }
        }
    });
    Ok(Running {
        server,
        http_addr,
        done,
    })
}

async fn graceful_shutdown(shared: &Arc<Shared>) {
    {
        let mut core = shared.lock();
        let mut d = Deliveries::default();
        let now = shared.now();
        core.hub.shutdown(now, &mut d);
        // Connections that never opened a session are closed too.
        for (id, ob) in &core.outboxes {
            if !d.closes.iter().any(|(c, _)| c == id) {
                let _ = ob.tx.try_send(Outbound::Close(CloseReason::Shutdown));
            }
        }
        shared.deliver(&mut core, d);
    }
    shared.tracker.close();
    info!(
        connections = shared.connections.load(Ordering::Relaxed),
        "shutting down: sessions told, waiting for them to close"
    );
    if tokio::time::timeout(shared.config.shutdown_grace, shared.tracker.wait())
        .await
        .is_err()
    {
        warn!("shutdown grace expired: dropping the remaining connections");
        shared.hard_stop.cancel();
        shared.tracker.wait().await;
    }
    info!("CTI server stopped");
}

async fn accept_loop(
    shared: Arc<Shared>,
    node: NodeId,
    listener: TcpListener,
    stop: CancellationToken,
) {
    loop {
        let accepted = tokio::select! {
            _ = stop.cancelled() => return,
            a = listener.accept() => a,
        };
        let (stream, peer) = match accepted {
            Ok(x) => x,
            Err(e) => {
                // Out of file descriptors and the like: wait a little rather than spin.
                warn!(error = %e, "accept failed");
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let n = shared.connections.fetch_add(1, Ordering::AcqRel);
        if n >= shared.config.max_connections {
            shared.connections.fetch_sub(1, Ordering::AcqRel);
            shared.metrics.refused_max_connections();
            warn!(%peer, max = shared.config.max_connections, "connection refused: maximum connections reached");
            drop(stream);
            continue;
        }
        shared.metrics.set_connections(n + 1);
        let _ = stream.set_nodelay(true);
        let id = shared.next_id.fetch_add(1, Ordering::Relaxed);
        let (tx, rx) = mpsc::channel(shared.config.outbound_queue.max(1));
        let kill = shared.hard_stop.child_token();
        let node_token = shared.node_tokens.lock().unwrap_or_else(|e| e.into_inner())[node].clone();
        shared.lock().outboxes.insert(
            id,
            Outbox {
                tx,
                kill: kill.clone(),
            },
        );
        let span = tracing::info_span!("conn", session = id, %peer, node);
        let conn = Connection {
            shared: shared.clone(),
            id,
            node,
            rx,
            kill,
            node_token,
        };
        shared.tracker.spawn(conn.run(stream).instrument(span));
    }
}

async fn timer_loop(shared: Arc<Shared>, stop: CancellationToken) {
    loop {
        let deadline = shared.lock().hub.next_deadline();
        let sleep = async {
            match deadline {
                Some(ms) => {
                    tokio::time::sleep_until(shared.start + Duration::from_millis(ms)).await
                }
                None => std::future::pending().await,
            }
        };
        tokio::select! {
            _ = stop.cancelled() => return,
            _ = shared.timer_wake.notified() => continue,
            _ = sleep => {}
        }
        let mut core = shared.lock();
        let mut d = Deliveries::default();
        let now = shared.now();
        core.hub.tick(now, &mut d);
        shared.deliver(&mut core, d);
    }
}

struct Connection {
    shared: Arc<Shared>,
    id: SessionId,
    node: NodeId,
    rx: mpsc::Receiver<Outbound>,
    kill: CancellationToken,
    node_token: CancellationToken,
}

/// Longest time a closing session may take to write its last frames.
const FLUSH_LIMIT: Duration = Duration::from_secs(5);
/// Frames written with one system call.
const MAX_IOV: usize = 32;

impl Connection {
    async fn run(mut self, mut stream: TcpStream) {
        let shared = self.shared.clone();
        let limits = SessionLimits {
            pre_open_timeout: shared.config.pre_open_timeout.as_millis() as Millis,
            max_body: shared.config.max_body,
        };
        let mut session = Session::new(self.id, shared.now(), limits);
        let mut codec = FrameCodec::new(shared.config.max_body);
        let mut rbuf = BytesMut::with_capacity(256);
        let mut queue: VecDeque<Bytes> = VecDeque::new();
        let mut outs: Vec<Output> = Vec::new();
        let mut closing: Option<(CloseReason, Instant)> = None;
        let limit = shared.config.outbound_queue.max(1);
        let (mut rd, mut wr) = stream.split();
        let end_reason = loop {
            // Take the frames already waiting, so one write carries many of them instead of
            // the write branch winning every turn with a single frame.
            while closing.is_none() && queue.len() < limit {
                match self.rx.try_recv() {
                    Ok(Outbound::Frame(b)) => queue.push_back(b),
                    Ok(Outbound::Close(reason)) => {
                        session.close(reason, &mut outs);
                        outs.clear();
                        closing = Some((reason, Instant::now() + FLUSH_LIMIT));
                    }
                    // Empty, or closed: the `recv` branch below sees a closed channel.
                    Err(_) => break,
                }
            }
            if let Some((reason, _)) = closing {
                if queue.is_empty() {
                    break reason;
                }
            }
            let deadline = session
                .next_deadline()
                .map(|ms| shared.start + Duration::from_millis(ms));
            let flush_deadline = closing.map(|(_, at)| at);
            let mut iov = [IoSlice::new(&[]); MAX_IOV];
            let n_iov = fill_iov(&queue, &mut iov);
            tokio::select! {
                biased;
                _ = self.kill.cancelled() => {
                    let killed = if shared.hard_stop.is_cancelled() {
                        CloseReason::Shutdown
                    } else {
                        CloseReason::SlowConsumer
                    };
                    break closing.map(|(r, _)| r).unwrap_or(killed);
                }
                _ = self.node_token.cancelled() => break CloseReason::Failover,
                r = wr.write_vectored(&iov[..n_iov]), if n_iov > 0 => match r {
                    Ok(0) | Err(_) => break CloseReason::Disconnected,
                    Ok(mut n) => {
                        while n > 0 {
                            let Some(front) = queue.front_mut() else { break };
                            if n >= front.len() {
                                n -= front.len();
                                queue.pop_front();
                            } else {
                                front.advance(n);
                                n = 0;
                            }
                        }
                    }
                },
                m = self.rx.recv(), if closing.is_none() && queue.len() < limit => match m {
                    Some(Outbound::Frame(b)) => queue.push_back(b),
                    Some(Outbound::Close(reason)) => {
                        session.close(reason, &mut outs);
                        outs.clear();
                        closing = Some((reason, Instant::now() + FLUSH_LIMIT));
                    }
                    None => break CloseReason::Disconnected,
                },
                r = rd.read_buf(&mut rbuf), if closing.is_none() => match r {
                    Ok(0) | Err(_) => break CloseReason::Disconnected,
                    Ok(_) => {
                        let now = shared.now();
                        loop {
                            match codec.decode(&mut rbuf) {
                                Ok(Some(frame)) => {
                                    shared.metrics.frame_in(&frame.bytes);
                                    session.handle_frame(now, &frame.bytes, &mut outs);
                                    self.process(&mut session, &mut outs, &mut queue, &mut closing);
                                    if closing.is_some() {
                                        break;
                                    }
                                }
                                Ok(None) => break,
                                Err(FrameError::TooLarge(e)) => {
                                    warn!(error = %e, "frame over the body limit: connection closed");
                                    session.close(CloseReason::BodyTooLarge, &mut outs);
                                    self.process(&mut session, &mut outs, &mut queue, &mut closing);
                                    break;
                                }
                                Err(FrameError::Io(_)) => break,
                            }
                        }
                        if queue.len() > 2 * limit {
                            // The client sends requests but does not read the answers.
                            break CloseReason::SlowConsumer;
                        }
                    }
                },
                _ = sleep_opt(deadline), if closing.is_none() && deadline.is_some() => {
                    session.handle_timeout(shared.now(), &mut outs);
                    self.process(&mut session, &mut outs, &mut queue, &mut closing);
                }
                _ = sleep_opt(flush_deadline), if flush_deadline.is_some() => {
                    break closing.map(|(r, _)| r).unwrap_or(CloseReason::Disconnected);
                }
            }
            if let Some((reason, _)) = closing {
                if queue.is_empty() {
                    break reason;
                }
            }
        };
        let _ = (rd, wr);
        let _ = stream.shutdown().await;
        self.finish(end_reason, session.is_open());
    }

    /// Carry out what the session asked for.
    fn process(
        &self,
        session: &mut Session,
        outs: &mut Vec<Output>,
        queue: &mut VecDeque<Bytes>,
        closing: &mut Option<(CloseReason, Instant)>,
    ) {
        let shared = &self.shared;
        let mut work: VecDeque<Output> = outs.drain(..).collect();
        while let Some(o) = work.pop_front() {
            match o {
                Output::Send(b) => {
                    shared.metrics.frame_out(&b);
                    queue.push_back(b);
                }
                Output::Open(req) => {
                    let mut more = Vec::new();
                    {
                        let mut core = shared.lock();
                        let mut d = Deliveries::default();
                        let now = shared.now();
                        match core.hub.open(now, self.id, self.node, &req, &mut d) {
                            Ok(conf) => {
                                info!(
                                    mode = req.mode.as_str(),
                                    version = req.version,
                                    client = %req.client_id,
                                    agent = conf.agent_id.as_deref().unwrap_or(""),
                                    "session opened"
                                );
                                session.open_accepted(now, conf, &mut more);
                            }
                            Err((status, text)) => {
                                info!(%status, "OPEN_REQ refused");
                                session.open_refused(status, text, &mut more);
                            }
                        }
                        shared.deliver(&mut core, d);
                    }
                    work.extend(more);
                }
                Output::Request(msg) => {
                    let invoke_id = msg.invoke_id().unwrap_or(0);
                    let replies = {
                        let mut core = shared.lock();
                        let mut d = Deliveries::default();
                        let now = shared.now();
                        let r = core.hub.request(now, self.id, &msg, &mut d);
                        shared.deliver(&mut core, d);
                        r
                    };
                    let mut more = Vec::new();
                    session.replies(invoke_id, &replies, &mut more);
                    work.extend(more);
                }
                Output::Close(reason) => {
                    if closing.is_none() {
                        *closing = Some((reason, Instant::now() + FLUSH_LIMIT));
                    }
                }
            }
        }
    }

    fn finish(&self, reason: CloseReason, was_open: bool) {
        let shared = &self.shared;
        {
            let mut core = shared.lock();
            core.outboxes.remove(&self.id);
            let mut d = Deliveries::default();
            let now = shared.now();
            core.hub.session_ended(now, self.id, &mut d);
            shared.deliver(&mut core, d);
        }
        // Slow consumers are counted where they are detected.
        if reason != CloseReason::SlowConsumer {
            shared.metrics.closed(reason);
        }
        let n = shared.connections.fetch_sub(1, Ordering::AcqRel) - 1;
        shared.metrics.set_connections(n);
        match reason {
            CloseReason::IdleTimeout => warn!("session dropped: nothing received for IdleTimeout"),
            CloseReason::PreOpenTimeout => warn!("connection closed: no OPEN_REQ in time"),
            _ => info!(reason = reason.as_str(), was_open, "connection closed"),
        }
    }
}

fn fill_iov<'a>(queue: &'a VecDeque<Bytes>, iov: &mut [IoSlice<'a>; MAX_IOV]) -> usize {
    let mut n = 0;
    for b in queue.iter().take(MAX_IOV) {
        iov[n] = IoSlice::new(b);
        n += 1;
    }
    n
}

async fn sleep_opt(at: Option<Instant>) {
    match at {
        Some(at) => tokio::time::sleep_until(at).await,
        None => std::future::pending().await,
    }
}

impl Server {
    fn with_hub<R>(&self, f: impl FnOnce(&mut Hub, Millis, &mut Deliveries) -> R) -> R {
        let shared = &self.shared;
        let mut core = shared.lock();
        let mut d = Deliveries::default();
        let now = shared.now();
        let r = f(&mut core.hub, now, &mut d);
        shared.deliver(&mut core, d);
        r
    }

    /// The CTI addresses: node 0 first, then the standby node if any.
    pub fn cti_addrs(&self) -> &[SocketAddr] {
        &self.shared.node_addrs
    }

    /// The address of the node that currently accepts sessions.
    pub fn master_addr(&self) -> SocketAddr {
        let m = self.shared.lock().hub.master();
        self.shared.node_addrs[m]
    }

    /// The open sessions.
    pub fn sessions(&self) -> Vec<SessionInfo> {
        self.shared.lock().hub.sessions().cloned().collect()
    }

    /// Unified CCX goes offline (`true`) or back online.
    pub fn set_ccx_online(&self, online: bool) {
        info!(online, "Unified CCX status changed by the admin API");
        self.with_hub(|hub, now, d| hub.set_online(now, online, d));
    }

    /// The phone system (Unified CM) goes down or comes back.
    pub fn set_phone_system_up(&self, up: bool) {
        info!(up, "phone system status changed by the admin API");
        self.with_hub(|hub, now, d| hub.set_phone_system_up(now, up, d));
    }

    /// Read the configuration again (the `--config` file, or the demo) and apply it.
    pub fn reload_config(&self) -> Result<(), AdminError> {
        let config = match &self.shared.config.config_path {
            Some(p) => {
                let text = std::fs::read_to_string(p).map_err(|error| AdminError::Read {
                    path: p.display().to_string(),
                    error,
                })?;
                Config::from_toml(&text)?
            }
            None => Config::demo(),
        };
        self.apply_config(config);
        Ok(())
    }

    /// Apply a new configuration given as TOML.
    pub fn put_config(&self, toml: &str) -> Result<(), AdminError> {
        let config = Config::from_toml(toml)?;
        self.apply_config(config);
        Ok(())
    }

    fn apply_config(&self, config: Config) {
        info!("configuration replaced");
        self.with_hub(|hub, now, d| hub.replace_config(now, config, d));
    }

    /// Swap master and standby. The old master's connections are dropped at once.
    pub fn failover(&self) -> Result<SocketAddr, AdminError> {
        if self.shared.node_addrs.len() < 2 {
            return Err(AdminError::NoStandby);
        }
        let (old, new) = {
            let mut core = self.shared.lock();
            let old = core.hub.master();
            let mut d = Deliveries::default();
            let now = self.shared.now();
            let new = core.hub.failover(now, &mut d);
            self.shared.deliver(&mut core, d);
            (old, new)
        };
        {
            let mut tokens = self
                .shared
                .node_tokens
                .lock()
                .unwrap_or_else(|e| e.into_inner());
            tokens[old].cancel();
            tokens[old] = self.shared.hard_stop.child_token();
        }
        let addr = self.shared.node_addrs[new];
        warn!(old_master = %self.shared.node_addrs[old], new_master = %addr, "failover: roles swapped");
        Ok(addr)
    }

    /// An inbound call arrives at a route point.
    pub fn inject_call(&self, call: NewCall) -> Result<u32, AdminError> {
        Ok(self.with_hub(|hub, now, d| hub.inject_call(now, call, d))?)
    }

    /// Start, change or stop simulated traffic.
    pub fn set_traffic(&self, traffic: Option<Traffic>) {
        self.with_hub(|hub, now, d| hub.set_traffic(now, traffic, d));
    }

    /// The next contact-center request fails inside the server (E_CTI_UNSPECIFIED_FAILURE).
    pub fn inject_internal_failure(&self) {
        self.shared.lock().hub.inject_internal_failure();
    }

    /// Agents, for `GET /api/agents`.
    pub fn agents(&self) -> Vec<ccx_sim::AgentSnapshot> {
        self.shared.lock().hub.center().agents()
    }

    /// CSQs, for `GET /api/csqs`.
    pub fn csqs(&self) -> Vec<ccx_sim::CsqSnapshot> {
        self.shared.lock().hub.center().csqs()
    }

    /// Calls, for `GET /api/calls`.
    pub fn calls(&self) -> Vec<ccx_sim::CallSnapshot> {
        self.shared.lock().hub.center().calls()
    }

    /// Prometheus text.
    pub fn metrics_text(&self) -> String {
        let mut by_mode = [0usize; 3];
        for s in self.shared.lock().hub.sessions() {
            by_mode[match s.mode {
                Mode::Agent => 0,
                Mode::Bridge => 1,
                Mode::Plain => 2,
            }] += 1;
        }
        self.shared.metrics.render(by_mode)
    }

    /// Live connections (opened sessions or not).
    pub fn connection_count(&self) -> usize {
        self.shared.connections.load(Ordering::Acquire)
    }
}
