//! The tokio edge: a cheap, cloneable [`Client`] handle, an [`Events`] stream, and the spawned
//! connection task that drives a [`ClientCore`] with real sockets and real (or paused) time.
//!
//! The task owns the socket and the state machine; handles talk to it over a channel, so any
//! number of tasks can make requests at once. Every request future is cancellation-safe:
//! dropping it only discards the answer when it comes. When the last handle is dropped the task
//! closes the session (CLOSE_REQ) and ends.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use bytes::BytesMut;
use cti_proto::codes::ServiceMask;
use cti_proto::msg::OpenConf;
use cti_proto::Message;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::net::TcpStream;
use tokio::sync::{mpsc, oneshot, watch};

use crate::cache::ConfigCache;
use crate::config::ClientConfig;
use crate::error::{CloseReason, RequestError};
use crate::state::{Action, ClientCore, ConnectionEvent, Event, Output, Reply, RequestId};

/// The session currently open.
#[derive(Clone, Debug, PartialEq)]
pub struct SessionInfo {
    /// `HOST:PORT` of the node.
    pub node: String,
    /// Negotiated protocol version.
    pub version: u8,
    /// ServicesGranted.
    pub services: ServiceMask,
    /// The OPEN_CONF (agent mode: the agent's ID, extension, instrument and state).
    pub conf: OpenConf,
}

/// Where the connection stands.
#[derive(Clone, Debug, PartialEq)]
pub enum SessionState {
    /// Connecting, opening, or waiting to reconnect.
    Connecting,
    /// A session is open.
    Open(SessionInfo),
    /// Stopped for good.
    Closed(CloseReason),
}

// Messages are large; boxing them would cost an allocation per request for nothing.
#[allow(clippy::large_enum_variant)]
enum Command {
    Request {
        msg: Message,
        timeout: Duration,
        reply: oneshot::Sender<Result<Reply, RequestError>>,
    },
    Close,
}

struct Shared {
    cmds: mpsc::UnboundedSender<Command>,
    state: watch::Receiver<SessionState>,
    cache: watch::Receiver<Arc<ConfigCache>>,
    config: ClientConfig,
}

/// A handle on a CTI client connection. Clone it freely; all clones share one session.
#[derive(Clone)]
pub struct Client {
    shared: Arc<Shared>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("nodes", &self.shared.config.nodes)
            .field("state", &*self.shared.state.borrow())
            .finish()
    }
}

/// The stream of events: unsolicited messages and connection changes, in arrival order.
///
/// If the application does not keep up, events beyond the configured buffer are dropped (the
/// connection task never waits for the application, so heartbeats keep flowing); see
/// [`Events::dropped`].
#[derive(Debug)]
pub struct Events {
    rx: mpsc::Receiver<Event>,
    dropped: Arc<AtomicU64>,
}

impl Events {
    /// The next event; `None` once the client has closed and every event was taken.
    pub async fn recv(&mut self) -> Option<Event> {
        self.rx.recv().await
    }
    /// The next event if one is waiting.
    pub fn try_recv(&mut self) -> Option<Event> {
        self.rx.try_recv().ok()
    }
    /// Events dropped so far because the buffer was full.
    pub fn dropped(&self) -> u64 {
        self.dropped.load(Ordering::Relaxed)
    }
}

impl futures::Stream for Events {
    type Item = Event;
    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Event>> {
        self.rx.poll_recv(cx)
    }
}

impl Client {
    /// Start the client and wait until the first session is open. Fails when the client stops
    /// before that: a node refused the session for good, or `initial_rounds` ran out.
    pub async fn connect(config: ClientConfig) -> Result<(Client, Events), CloseReason> {
        let (client, events) = Client::start(config);
        let mut state = client.shared.state.clone();
        loop {
            match &*state.borrow_and_update() {
                SessionState::Open(_) => break,
                SessionState::Closed(r) => return Err(r.clone()),
                SessionState::Connecting => {}
            }
            if state.changed().await.is_err() {
                return Err(CloseReason::Requested);
            }
        }
        Ok((client, events))
    }

    /// Start the client without waiting: requests made before the session opens wait for it.
    /// Must be called inside a tokio runtime.
    pub fn start(config: ClientConfig) -> (Client, Events) {
        let (cmd_tx, cmd_rx) = mpsc::unbounded_channel();
        let (ev_tx, ev_rx) = mpsc::channel(config.event_buffer.max(1));
        let (state_tx, state_rx) = watch::channel(SessionState::Connecting);
        let (cache_tx, cache_rx) = watch::channel(Arc::new(ConfigCache::default()));
        let dropped = Arc::new(AtomicU64::new(0));
        let core = ClientCore::new(config.clone(), now());
        let driver = Driver {
            core,
            cmds: cmd_rx,
            events: ev_tx,
            dropped: dropped.clone(),
            state: state_tx,
            cache: cache_tx,
            replies: HashMap::new(),
        };
        tokio::spawn(driver.run());
        let client = Client {
            shared: Arc::new(Shared {
                cmds: cmd_tx,
                state: state_rx,
                cache: cache_rx,
                config,
            }),
        };
        (client, Events { rx: ev_rx, dropped })
    }

    /// The configuration this client runs with.
    pub fn config(&self) -> &ClientConfig {
        &self.shared.config
    }

    /// Where the connection stands now.
    pub fn state(&self) -> SessionState {
        self.shared.state.borrow().clone()
    }

    /// The open session, if any.
    pub fn session(&self) -> Option<SessionInfo> {
        match &*self.shared.state.borrow() {
            SessionState::Open(s) => Some(s.clone()),
            _ => None,
        }
    }

    /// A receiver that sees every change of [`Client::state`].
    pub fn watch_state(&self) -> watch::Receiver<SessionState> {
        self.shared.state.clone()
    }

    /// The configuration cache as it stands (a cheap shared snapshot).
    pub fn config_cache(&self) -> Arc<ConfigCache> {
        self.shared.cache.borrow().clone()
    }

    /// A receiver that sees every new version of the configuration cache.
    pub fn watch_config_cache(&self) -> watch::Receiver<Arc<ConfigCache>> {
        self.shared.cache.clone()
    }

    /// Send any client request and wait for its answer, with the default timeout. The InvokeID
    /// is assigned by the client. FAILURE_CONF and CONTROL_FAILURE_CONF come back as errors.
    pub async fn request(&self, msg: impl Into<Message>) -> Result<Reply, RequestError> {
        self.request_with_timeout(msg, self.shared.config.request_timeout)
            .await
    }

    /// [`Client::request`] with its own timeout.
    pub async fn request_with_timeout(
        &self,
        msg: impl Into<Message>,
        timeout: Duration,
    ) -> Result<Reply, RequestError> {
        let (tx, rx) = oneshot::channel();
        self.shared
            .cmds
            .send(Command::Request {
                msg: msg.into(),
                timeout,
                reply: tx,
            })
            .map_err(|_| RequestError::Closed)?;
        rx.await.unwrap_or(Err(RequestError::Closed))
    }

    /// Close the session (CLOSE_REQ, then CLOSE_CONF or the close timeout) and wait until the
    /// client has stopped.
    pub async fn close(&self) {
        let _ = self.shared.cmds.send(Command::Close);
        let mut state = self.shared.state.clone();
        loop {
            if matches!(&*state.borrow_and_update(), SessionState::Closed(_)) {
                return;
            }
            if state.changed().await.is_err() {
                return;
            }
        }
    }
}

fn now() -> Instant {
    tokio::time::Instant::now().into_std()
}

type ConnectFuture = Pin<Box<dyn Future<Output = std::io::Result<TcpStream>> + Send>>;

struct Driver {
    core: ClientCore,
    cmds: mpsc::UnboundedReceiver<Command>,
    events: mpsc::Sender<Event>,
    dropped: Arc<AtomicU64>,
    state: watch::Sender<SessionState>,
    cache: watch::Sender<Arc<ConfigCache>>,
    replies: HashMap<RequestId, oneshot::Sender<Result<Reply, RequestError>>>,
}

impl Driver {
    async fn run(mut self) {
        let mut reader: Option<OwnedReadHalf> = None;
        let mut writer: Option<OwnedWriteHalf> = None;
        let mut connecting: Option<ConnectFuture> = None;
        let mut wbuf = BytesMut::new();
        let mut rbuf = BytesMut::with_capacity(16 * 1024);
        let mut cmds_open = true;
        let mut cache_generation = 0;
        loop {
            while let Some(a) = self.core.poll_action() {
                match a {
                    Action::Connect { addr, .. } => {
                        reader = None;
                        writer = None;
                        wbuf.clear();
                        connecting = Some(Box::pin(TcpStream::connect(addr)));
                    }
                    Action::Disconnect => {
                        if let Some(w) = writer.as_mut() {
                            // Best effort for what is already queued (e.g. a CLOSE_REQ).
                            let _ = w.try_write(&wbuf);
                        }
                        reader = None;
                        writer = None;
                        connecting = None;
                        wbuf.clear();
                    }
                }
            }
            while let Some(b) = self.core.poll_transmit() {
                wbuf.extend_from_slice(&b);
            }
            while let Some(o) = self.core.poll_output() {
                self.dispatch(o);
            }
            let generation = self.core.cache().generation;
            if generation != cache_generation {
                cache_generation = generation;
                self.cache.send_replace(Arc::new(self.core.cache().clone()));
            }
            if self.core.is_closed() {
                if let Some(w) = writer.as_mut() {
                    let _ = w.write_all(&wbuf).await;
                }
                break;
            }
            let deadline = self.core.poll_timeout();
            tokio::select! {
                cmd = self.cmds.recv(), if cmds_open => match cmd {
                    Some(Command::Request { msg, timeout, reply }) => {
                        let id = self.core.request(now(), msg, timeout);
                        self.replies.insert(id, reply);
                    }
                    Some(Command::Close) => self.core.close(now()),
                    None => {
                        cmds_open = false;
                        self.core.close(now());
                    }
                },
                res = async { connecting.as_mut().expect("guarded").await }, if connecting.is_some() => {
                    connecting = None;
                    match res {
                        Ok(s) => {
                            let _ = s.set_nodelay(true);
                            let (r, w) = s.into_split();
                            reader = Some(r);
                            writer = Some(w);
                            self.core.handle_connected(now());
                        }
                        Err(e) => self.core.handle_connect_failed(now(), &e.to_string()),
                    }
                }
                res = async { reader.as_mut().expect("guarded").read_buf(&mut rbuf).await }, if reader.is_some() => {
                    match res {
                        Ok(0) => {
                            reader = None;
                            writer = None;
                            self.core.handle_disconnected(now(), "closed by the server");
                        }
                        Ok(_) => {
                            self.core.handle_input(now(), &rbuf);
                            rbuf.clear();
                        }
                        Err(e) => {
                            reader = None;
                            writer = None;
                            self.core.handle_disconnected(now(), &e.to_string());
                        }
                    }
                }
                res = async { writer.as_mut().expect("guarded").write_buf(&mut wbuf).await }, if writer.is_some() && !wbuf.is_empty() => {
                    if let Err(e) = res {
                        reader = None;
                        writer = None;
                        wbuf.clear();
                        self.core.handle_disconnected(now(), &e.to_string());
                    }
                }
                _ = sleep_until(deadline), if deadline.is_some() => {
                    self.core.handle_timeout(now());
                }
            }
            if rbuf.capacity() < 4096 {
                rbuf.reserve(16 * 1024);
            }
        }
        for (_, r) in self.replies.drain() {
            let _ = r.send(Err(RequestError::Closed));
        }
    }

    fn dispatch(&mut self, o: Output) {
        match o {
            Output::Reply { id, result } => {
                if let Some(tx) = self.replies.remove(&id) {
                    let _ = tx.send(result);
                }
            }
            Output::Event(e) => {
                if let Event::Connection(c) = &e {
                    let next = match c {
                        ConnectionEvent::Opened {
                            node,
                            version,
                            services,
                            conf,
                        } => Some(SessionState::Open(SessionInfo {
                            node: node.clone(),
                            version: *version,
                            services: *services,
                            conf: conf.clone(),
                        })),
                        ConnectionEvent::Disconnected { .. }
                        | ConnectionEvent::Connected { .. } => Some(SessionState::Connecting),
                        ConnectionEvent::Closed { reason } => {
                            Some(SessionState::Closed(reason.clone()))
                        }
                        _ => None,
                    };
                    if let Some(s) = next {
                        if *self.state.borrow() != s {
                            self.state.send_replace(s);
                        }
                    }
                }
                match self.events.try_send(e) {
                    Ok(()) => {}
                    Err(mpsc::error::TrySendError::Full(_)) => {
                        self.dropped.fetch_add(1, Ordering::Relaxed);
                    }
                    Err(mpsc::error::TrySendError::Closed(_)) => {}
                }
            }
        }
    }
}

async fn sleep_until(deadline: Option<Instant>) {
    match deadline {
        Some(d) => tokio::time::sleep_until(tokio::time::Instant::from_std(d)).await,
        None => std::future::pending().await,
    }
}
