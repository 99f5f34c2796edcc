//! The client's protocol state machine, without I/O and without a clock (sans-IO).
//!
//! [`ClientCore`] owns everything the guide asks of a CTI client: which node to try next, the
//! OPEN_REQ and its answer (version step-down, NOT_MASTER, the ≥ 10 s pause after a rejected
//! open), heartbeats and the three-missed rule, InvokeID correlation and per-request timeouts,
//! the requests that are answered by several messages, configuration synchronisation and the
//! cache, and CLOSE_REQ on shutdown.
//!
//! The caller feeds it what happened — [`ClientCore::handle_connected`],
//! [`ClientCore::handle_input`] (raw bytes, any split), [`ClientCore::handle_disconnected`],
//! [`ClientCore::handle_timeout`], [`ClientCore::request`], [`ClientCore::close`] — always with
//! the current time, and then drains what to do: [`ClientCore::poll_action`] (connect to a node,
//! drop the socket), [`ClientCore::poll_transmit`] (bytes to write), [`ClientCore::poll_output`]
//! (events and answers) and [`ClientCore::poll_timeout`] (when to call back). The tokio driver in
//! [`crate::client`] is one such caller; the unit tests below and the fuzz target are others.
//!
//! Whatever bytes a server sends, nothing here panics: frames that do not decode are logged and
//! skipped (a confirmation that does not decode fails its request at once), and a header that
//! declares an oversized body ends the session, since the stream cannot be resynchronised.

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

use bytes::{Bytes, BytesMut};
use cti_proto::codes::{
    ConfigEndStatus, ConfigKeyStatus, ConfigMsgMask, ConfigurationMask, ServiceMask, StatusCode,
    SystemEventId,
};
use cti_proto::msg::{
    CloseReq, ConfigBeginEvent, ConfigEndEvent, ConfigKeyEvent, ConfigRequestEvent,
    ConfigRequestKeyEvent, FailureConf, HeartbeatReq, OpenConf, OpenReq, TeamConfigConf,
    TeamConfigEvent, TeamConfigReq,
};
use cti_proto::spec::{Direction, Kind};
use cti_proto::wire::{self, Settings, Split, HEADER_LEN};
use cti_proto::{CtiMessage, Message};

use crate::cache::{CacheUpdater, ConfigCache, ConfigKeys, CONFIG_TYPE_INITIAL};
use crate::config::{ClientConfig, ConfigSync, Mode};
use crate::error::{CloseReason, RequestError};

/// TEAM_CONFIG_REQ ConfigParam: send the initial team configuration.
pub const TEAM_CONFIG_INITIAL: u16 = 0x1;

/// Identifies a request submitted with [`ClientCore::request`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RequestId(pub u64);

/// Something the driver must do to the network.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// Open a TCP connection to this node, then call [`ClientCore::handle_connected`] or
    /// [`ClientCore::handle_connect_failed`].
    Connect {
        /// Index in the node list.
        index: usize,
        /// `HOST:PORT`.
        addr: String,
    },
    /// Close the current socket (after writing what [`ClientCore::poll_transmit`] gave).
    Disconnect,
}

/// A message from the server, with the frame it came in.
#[derive(Clone, Debug, PartialEq)]
pub struct Incoming {
    /// The decoded message.
    pub message: Message,
    /// The whole frame, header included.
    pub frame: Bytes,
    /// The session's codec settings (for [`cti_proto::FrameView::new`]).
    pub settings: Settings,
}

impl Incoming {
    /// A borrowed view of the frame, for rendering or field-level access.
    pub fn view(&self) -> Result<cti_proto::FrameView<'_>, cti_proto::DecodeError> {
        cti_proto::FrameView::new(&self.frame, &self.settings)
    }
}

/// What happened to the connection.
#[derive(Clone, Debug, PartialEq)]
pub enum ConnectionEvent {
    /// TCP is up to this node; OPEN_REQ is on its way.
    Connected {
        /// `HOST:PORT`.
        node: String,
    },
    /// The session is open.
    Opened {
        /// `HOST:PORT`.
        node: String,
        /// Negotiated protocol version.
        version: u8,
        /// ServicesGranted (may be fewer than asked for).
        services: ServiceMask,
        /// The whole OPEN_CONF.
        conf: OpenConf,
    },
    /// A node refused OPEN_REQ.
    Rejected {
        /// `HOST:PORT`.
        node: String,
        /// Version that was asked for.
        version: u8,
        /// The E_CTI status.
        status: StatusCode,
        /// The server's text.
        text: Option<String>,
    },
    /// A connection attempt or an open session ended; the client will try again.
    Disconnected {
        /// `HOST:PORT`.
        node: String,
        /// Why.
        reason: String,
    },
    /// The session is open again, on another node than before.
    FailedOver {
        /// Node of the previous session.
        from: String,
        /// Node of this session.
        to: String,
    },
    /// The client stopped for good.
    Closed {
        /// Why.
        reason: CloseReason,
    },
}

/// Everything that reaches the application that is not an answer.
// A message is large; boxing it would cost an allocation per event for nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    /// An unsolicited message, or an answer to the client's own configuration
    /// synchronisation (with `echo_replies`: any message).
    Message(Incoming),
    /// A change of the connection.
    Connection(ConnectionEvent),
}

/// A configuration snapshot: CONFIG_BEGIN_EVENT, the record messages, CONFIG_END_EVENT.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ConfigSnapshot {
    /// The BEGIN (absent when the server answered with END alone, or for an updates-only
    /// request, which has no answer).
    pub begin: Option<ConfigBeginEvent>,
    /// CONFIG_APPLICATION/CSQ/AGENT/DEVICE/TERMINAL_EVENTs in arrival order.
    pub records: Vec<Message>,
    /// The END (absent for an updates-only request).
    pub end: Option<ConfigEndEvent>,
}

/// The answer to TEAM_CONFIG_REQ: the TEAM_CONFIG_EVENTs, then TEAM_CONFIG_CONF.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TeamConfig {
    /// One event per team.
    pub teams: Vec<TeamConfigEvent>,
    /// The closing confirmation.
    pub conf: TeamConfigConf,
}

/// A successful answer.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum Reply {
    /// The request's confirmation (e.g. SET_AGENT_STATE_CONF, CONFIG_KEY_EVENT).
    Confirmation(Message),
    /// The answer to CONFIG_REQUEST_EVENT.
    ConfigSnapshot(ConfigSnapshot),
    /// The answer to TEAM_CONFIG_REQ.
    TeamConfig(TeamConfig),
}

/// What the driver hands to the application.
#[derive(Clone, Debug, PartialEq)]
pub enum Output {
    /// An event.
    Event(Event),
    /// The outcome of a request.
    Reply {
        /// Which request.
        id: RequestId,
        /// Its outcome.
        result: Result<Reply, RequestError>,
    },
}

/// Who is waiting for an answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Owner {
    User(RequestId),
    SyncKeys,
    SyncSnapshot,
    SyncTeams,
}

#[derive(Debug)]
struct Pending {
    owner: Owner,
    name: &'static str,
    deadline: Instant,
    timeout: Duration,
    teams: Option<Vec<TeamConfigEvent>>,
}

#[derive(Debug)]
struct SnapshotWaiter {
    owner: Owner,
    deadline: Instant,
    timeout: Duration,
    begun: bool,
    snapshot: ConfigSnapshot,
}

#[derive(Debug)]
struct Queued {
    id: RequestId,
    msg: Message,
    deadline: Instant,
    timeout: Duration,
}

#[derive(Debug)]
enum State {
    /// Waiting before the next connection attempt.
    Idle { until: Instant },
    /// `Action::Connect` given; waiting for the socket.
    Connecting { index: usize, deadline: Instant },
    /// OPEN_REQ sent.
    Opening {
        index: usize,
        invoke: u32,
        deadline: Instant,
    },
    /// Session open.
    Open { index: usize },
    /// CLOSE_REQ sent.
    Closing { invoke: u32, deadline: Instant },
    /// Finished.
    Closed,
}

/// The sans-IO client. See the module documentation.
#[derive(Debug)]
pub struct ClientCore {
    cfg: ClientConfig,
    state: State,
    /// Next node to try.
    next_index: usize,
    /// Version to ask for next.
    version: u8,
    settings: Settings,
    rx: BytesMut,
    tx: VecDeque<Bytes>,
    actions: VecDeque<Action>,
    outputs: VecDeque<Output>,
    next_invoke: u32,
    next_request: u64,
    pending: HashMap<u32, Pending>,
    queued: VecDeque<Queued>,
    key_waiters: VecDeque<(Owner, Instant, Duration)>,
    snapshot_waiters: VecDeque<SnapshotWaiter>,
    /// Whether the block being received answers the front snapshot waiter.
    solicited_block: bool,
    next_heartbeat: Option<Instant>,
    unanswered_heartbeats: u32,
    heartbeat_invokes: VecDeque<u32>,
    was_open: bool,
    last_open_node: Option<usize>,
    failed_in_round: usize,
    rounds_failed: u32,
    backoff: Duration,
    last_failure: String,
    services_granted: ServiceMask,
    cache: CacheUpdater,
    connected: bool,
}

impl ClientCore {
    /// A client that will connect to the first node at once.
    pub fn new(cfg: ClientConfig, now: Instant) -> Self {
        let version = cfg.version.first();
        let settings = session_settings(&cfg, version);
        let backoff = cfg.initial_backoff;
        ClientCore {
            cfg,
            state: State::Idle { until: now },
            next_index: 0,
            version,
            settings,
            rx: BytesMut::new(),
            tx: VecDeque::new(),
            actions: VecDeque::new(),
            outputs: VecDeque::new(),
            next_invoke: 1,
            next_request: 1,
            pending: HashMap::new(),
            queued: VecDeque::new(),
            key_waiters: VecDeque::new(),
            snapshot_waiters: VecDeque::new(),
            solicited_block: false,
            next_heartbeat: None,
            unanswered_heartbeats: 0,
            heartbeat_invokes: VecDeque::new(),
            was_open: false,
            last_open_node: None,
            failed_in_round: 0,
            rounds_failed: 0,
            backoff,
            last_failure: String::new(),
            services_granted: ServiceMask::NONE,
            cache: CacheUpdater::new(),
            connected: false,
        }
    }

    /// The configuration.
    pub fn config(&self) -> &ClientConfig {
        &self.cfg
    }

    /// True once the client has stopped for good.
    pub fn is_closed(&self) -> bool {
        matches!(self.state, State::Closed)
    }

    /// True while a session is open.
    pub fn is_open(&self) -> bool {
        matches!(self.state, State::Open { .. })
    }

    /// The codec settings of the current (or last) session.
    pub fn settings(&self) -> Settings {
        self.settings
    }

    /// The configuration cache.
    pub fn cache(&self) -> &ConfigCache {
        self.cache.cache()
    }

    /// Services granted by the last OPEN_CONF.
    pub fn services_granted(&self) -> ServiceMask {
        self.services_granted
    }

    // ---------------------------------------------------------------- outputs

    /// The next thing to do to the network.
    pub fn poll_action(&mut self) -> Option<Action> {
        self.actions.pop_front()
    }

    /// The next bytes to write to the socket.
    pub fn poll_transmit(&mut self) -> Option<Bytes> {
        self.tx.pop_front()
    }

    /// The next event or answer.
    pub fn poll_output(&mut self) -> Option<Output> {
        self.outputs.pop_front()
    }

    /// When [`ClientCore::handle_timeout`] must be called next.
    pub fn poll_timeout(&self) -> Option<Instant> {
        let mut t: Option<Instant> = match self.state {
            State::Idle { until } => Some(until),
            State::Connecting { deadline, .. } => Some(deadline),
            State::Opening { deadline, .. } => Some(deadline),
            State::Open { .. } => self.next_heartbeat,
            State::Closing { deadline, .. } => Some(deadline),
            State::Closed => return None,
        };
        let mut consider = |d: Instant| {
            t = Some(match t {
                Some(x) if x <= d => x,
                _ => d,
            })
        };
        self.pending.values().for_each(|p| consider(p.deadline));
        self.queued.iter().for_each(|q| consider(q.deadline));
        self.key_waiters.iter().for_each(|(_, d, _)| consider(*d));
        self.snapshot_waiters
            .iter()
            .for_each(|w| consider(w.deadline));
        t
    }

    // ---------------------------------------------------------------- inputs

    /// The socket asked for by [`Action::Connect`] is up.
    pub fn handle_connected(&mut self, now: Instant) {
        let State::Connecting { index, .. } = self.state else {
            return;
        };
        self.connected = true;
        self.rx.clear();
        self.settings = session_settings(&self.cfg, self.version);
        let invoke = self.take_invoke();
        let open = self.open_req(invoke);
        self.emit_connection(ConnectionEvent::Connected {
            node: self.node(index),
        });
        match open.to_bytes(&self.settings) {
            Ok(b) => self.tx.push_back(b),
            Err(e) => {
                // Only an over-long configured string can do this; no retry can fix it.
                self.finish_closed(CloseReason::Rejected {
                    node: self.node(index),
                    status: StatusCode::E_CTI_INVALID_FIELD_LENGTH,
                    text: Some(e.to_string()),
                });
                return;
            }
        }
        self.state = State::Opening {
            index,
            invoke,
            deadline: now + self.cfg.open_timeout,
        };
    }

    /// The socket asked for by [`Action::Connect`] could not be opened.
    pub fn handle_connect_failed(&mut self, now: Instant, reason: &str) {
        if let State::Connecting { index, .. } = self.state {
            self.attempt_failed(now, index, format!("connect failed: {reason}"), None);
        }
    }

    /// The socket closed or failed.
    pub fn handle_disconnected(&mut self, now: Instant, reason: &str) {
        self.connected = false;
        match self.state {
            State::Connecting { index, .. } | State::Opening { index, .. } => {
                self.attempt_failed(now, index, format!("connection lost: {reason}"), None)
            }
            State::Open { index } => {
                self.session_failed(now, index, format!("connection lost: {reason}"))
            }
            State::Closing { .. } => self.finish_closed(CloseReason::Requested),
            State::Idle { .. } | State::Closed => {}
        }
    }

    /// Bytes read from the socket (any amount, any split).
    pub fn handle_input(&mut self, now: Instant, data: &[u8]) {
        if !self.connected
            || !matches!(
                self.state,
                State::Opening { .. } | State::Open { .. } | State::Closing { .. }
            )
        {
            return;
        }
        self.rx.extend_from_slice(data);
        loop {
            if !self.connected {
                return;
            }
            match wire::split(&self.rx, self.cfg.max_body) {
                Ok(Split::Incomplete) => return,
                Ok(Split::Frame(h)) => {
                    let frame = self.rx.split_to(h.frame_len()).freeze();
                    self.handle_frame(now, h.type_id, frame);
                }
                Err(e) => {
                    tracing::warn!(error = %e, "oversized frame; dropping the connection");
                    self.rx.clear();
                    self.connection_broken(now, format!("protocol error: {e}"));
                    return;
                }
            }
        }
    }

    /// Time has come (see [`ClientCore::poll_timeout`]).
    pub fn handle_timeout(&mut self, now: Instant) {
        self.expire_requests(now);
        match self.state {
            State::Idle { until } if now >= until => self.start_connect(now),
            State::Connecting { index, deadline } if now >= deadline => {
                self.attempt_failed(now, index, "connect timed out".into(), None)
            }
            State::Opening {
                index, deadline, ..
            } if now >= deadline => {
                self.attempt_failed(now, index, "no answer to OPEN_REQ".into(), None)
            }
            State::Open { index } => {
                if let Some(at) = self.next_heartbeat {
                    if now >= at {
                        if self.unanswered_heartbeats >= self.cfg.max_missed_heartbeats {
                            let n = self.unanswered_heartbeats;
                            self.session_failed(now, index, format!("{n} heartbeats unanswered"));
                        } else {
                            self.send_heartbeat();
                            // Keep a regular spacing, but never schedule into the past.
                            let next = at + self.cfg.heartbeat_interval;
                            self.next_heartbeat = Some(if next <= now {
                                now + self.cfg.heartbeat_interval
                            } else {
                                next
                            });
                        }
                    }
                }
            }
            State::Closing { deadline, .. } if now >= deadline => {
                self.finish_closed(CloseReason::Requested)
            }
            _ => {}
        }
    }

    /// Submit a request. Its outcome comes out of [`ClientCore::poll_output`] as
    /// [`Output::Reply`] with the returned id. The InvokeID in `msg` is replaced. While no
    /// session is open the request waits (its timeout running) and is sent after the next open.
    pub fn request(&mut self, now: Instant, msg: Message, timeout: Duration) -> RequestId {
        let id = RequestId(self.next_request);
        self.next_request += 1;
        let bad = match msg.spec() {
            None => Some(msg.name()),
            Some(s) if s.direction != Direction::ClientToServer || s.kind != Kind::Request => {
                Some(s.name)
            }
            Some(_) => match msg {
                Message::OpenReq(_) | Message::CloseReq(_) => Some(msg.name()),
                _ => None,
            },
        };
        if let Some(name) = bad {
            self.reply(id, Err(RequestError::NotARequest(name)));
            return id;
        }
        match self.state {
            State::Closed | State::Closing { .. } => self.reply(id, Err(RequestError::Closed)),
            State::Open { .. } => self.send_request(now, Owner::User(id), msg, timeout),
            _ => self.queued.push_back(Queued {
                id,
                msg,
                deadline: now + timeout,
                timeout,
            }),
        }
        id
    }

    /// Close the client: CLOSE_REQ if a session is open (then CLOSE_CONF or the close timeout),
    /// otherwise at once. Waiting requests fail with [`RequestError::Closed`].
    pub fn close(&mut self, now: Instant) {
        for q in std::mem::take(&mut self.queued) {
            self.reply(q.id, Err(RequestError::Closed));
        }
        match self.state {
            State::Open { .. } => {
                let invoke = self.take_invoke();
                let req = CloseReq {
                    invoke_id: invoke,
                    status: StatusCode::E_CTI_NO_ERROR,
                    ..Default::default()
                };
                match req.to_bytes(&self.settings) {
                    Ok(b) => {
                        self.tx.push_back(b);
                        self.state = State::Closing {
                            invoke,
                            deadline: now + self.cfg.close_timeout,
                        };
                    }
                    Err(_) => self.finish_closed(CloseReason::Requested),
                }
            }
            State::Closing { .. } | State::Closed => {}
            _ => self.finish_closed(CloseReason::Requested),
        }
    }

    // ---------------------------------------------------------------- connection life

    /// Drop the socket; bytes not yet written belong to it and are discarded.
    fn disconnect(&mut self) {
        self.tx.clear();
        self.connected = false;
        self.actions.push_back(Action::Disconnect);
    }

    fn node(&self, index: usize) -> String {
        self.cfg.nodes.get(index).cloned().unwrap_or_default()
    }

    fn take_invoke(&mut self) -> u32 {
        let i = self.next_invoke;
        self.next_invoke = self.next_invoke.wrapping_add(1).max(1);
        i
    }

    fn open_req(&self, invoke: u32) -> OpenReq {
        let mut req = OpenReq {
            invoke_id: invoke,
            version_number: self.version as u32,
            idle_timeout: self.cfg.idle_timeout.as_secs() as u32,
            services_requested: self.cfg.services(),
            call_msg_mask: self.cfg.call_msg_mask,
            agent_state_mask: self.cfg.agent_state_mask,
            config_msg_mask: self.cfg.config_msg_mask,
            client_id: Some(self.cfg.client_id.clone().into()),
            client_password: Some(self.cfg.client_password.clone()),
            client_signature: self.cfg.client_signature.clone().map(Into::into),
            ..Default::default()
        };
        if let Mode::Agent(a) = &self.cfg.mode {
            req.agent_id = a.agent_id.clone().map(Into::into);
            req.agent_extension = a.extension.clone().map(Into::into);
            req.agent_instrument = a.instrument.clone().map(Into::into);
        }
        req
    }

    fn start_connect(&mut self, now: Instant) {
        let index = self.next_index % self.cfg.nodes.len().max(1);
        self.actions.push_back(Action::Connect {
            index,
            addr: self.node(index),
        });
        self.state = State::Connecting {
            index,
            deadline: now + self.cfg.connect_timeout,
        };
    }

    /// A connection attempt (connect or open) on `index` failed. `delay` overrides the pause
    /// before the next attempt.
    fn attempt_failed(
        &mut self,
        now: Instant,
        index: usize,
        reason: String,
        delay: Option<Duration>,
    ) {
        self.disconnect();
        self.emit_connection(ConnectionEvent::Disconnected {
            node: self.node(index),
            reason: reason.clone(),
        });
        self.last_failure = format!("{}: {reason}", self.node(index));
        self.next_index = (index + 1) % self.cfg.nodes.len().max(1);
        self.failed_in_round += 1;
        let mut wait = delay.unwrap_or(Duration::ZERO);
        if self.failed_in_round >= self.cfg.nodes.len() {
            // A whole round of nodes failed: pause before going around again.
            self.failed_in_round = 0;
            self.rounds_failed += 1;
            if !self.was_open {
                if let Some(max) = self.cfg.initial_rounds {
                    if self.rounds_failed >= max {
                        let last = std::mem::take(&mut self.last_failure);
                        self.finish_closed(CloseReason::Unreachable { last });
                        return;
                    }
                }
            }
            wait = wait.max(self.backoff);
            self.backoff = (self.backoff * 2).min(self.cfg.max_backoff);
        }
        self.state = State::Idle { until: now + wait };
    }

    /// An open session failed (socket error, heartbeats, offline, protocol error).
    fn session_failed(&mut self, now: Instant, index: usize, reason: String) {
        tracing::info!(node = %self.node(index), %reason, "session lost");
        self.disconnect();
        self.drop_session_state();
        self.emit_connection(ConnectionEvent::Disconnected {
            node: self.node(index),
            reason,
        });
        // The cluster procedure: go to the next node (wrapping around); the first attempt is
        // immediate, a failed round then waits with backoff.
        self.next_index = (index + 1) % self.cfg.nodes.len().max(1);
        self.failed_in_round = 0;
        self.state = State::Idle { until: now };
    }

    fn connection_broken(&mut self, now: Instant, reason: String) {
        match self.state {
            State::Open { index } => self.session_failed(now, index, reason),
            State::Opening { index, .. } | State::Connecting { index, .. } => {
                self.attempt_failed(now, index, reason, None)
            }
            State::Closing { .. } => {
                self.disconnect();
                self.finish_closed(CloseReason::Requested)
            }
            _ => {}
        }
    }

    /// Forget everything tied to the session that just ended; sent requests fail.
    fn drop_session_state(&mut self) {
        self.next_heartbeat = None;
        self.unanswered_heartbeats = 0;
        self.heartbeat_invokes.clear();
        self.rx.clear();
        self.cache.abandon_block();
        self.solicited_block = false;
        let pending: Vec<Pending> = self.pending.drain().map(|(_, p)| p).collect();
        for p in pending {
            if let Owner::User(id) = p.owner {
                self.reply(id, Err(RequestError::ConnectionLost));
            }
        }
        for (owner, _, _) in std::mem::take(&mut self.key_waiters) {
            if let Owner::User(id) = owner {
                self.reply(id, Err(RequestError::ConnectionLost));
            }
        }
        for w in std::mem::take(&mut self.snapshot_waiters) {
            if let Owner::User(id) = w.owner {
                self.reply(id, Err(RequestError::ConnectionLost));
            }
        }
    }

    fn finish_closed(&mut self, reason: CloseReason) {
        if matches!(self.state, State::Closed) {
            return;
        }
        if !matches!(self.state, State::Idle { .. }) {
            self.disconnect();
        }
        let pending: Vec<Pending> = self.pending.drain().map(|(_, p)| p).collect();
        for p in pending {
            if let Owner::User(id) = p.owner {
                self.reply(id, Err(RequestError::Closed));
            }
        }
        for (owner, _, _) in std::mem::take(&mut self.key_waiters) {
            if let Owner::User(id) = owner {
                self.reply(id, Err(RequestError::Closed));
            }
        }
        for w in std::mem::take(&mut self.snapshot_waiters) {
            if let Owner::User(id) = w.owner {
                self.reply(id, Err(RequestError::Closed));
            }
        }
        for q in std::mem::take(&mut self.queued) {
            self.reply(q.id, Err(RequestError::Closed));
        }
        self.next_heartbeat = None;
        self.state = State::Closed;
        self.emit_connection(ConnectionEvent::Closed { reason });
    }

    fn opened(&mut self, now: Instant, index: usize, conf: OpenConf) {
        self.state = State::Open { index };
        self.was_open = true;
        self.failed_in_round = 0;
        self.rounds_failed = 0;
        self.backoff = self.cfg.initial_backoff;
        self.unanswered_heartbeats = 0;
        self.next_heartbeat = Some(now + self.cfg.heartbeat_interval);
        self.services_granted = conf.services_granted;
        let node = self.node(index);
        let previous = self.last_open_node.replace(index);
        self.emit_connection(ConnectionEvent::Opened {
            node: node.clone(),
            version: self.version,
            services: conf.services_granted,
            conf,
        });
        if let Some(prev) = previous {
            if prev != index {
                self.emit_connection(ConnectionEvent::FailedOver {
                    from: self.node(prev),
                    to: node,
                });
            }
        }
        if self.cfg.config_sync == ConfigSync::Automatic {
            self.start_sync(now);
        }
        for q in std::mem::take(&mut self.queued) {
            let left = q.deadline.saturating_duration_since(now);
            if left.is_zero() {
                self.reply(q.id, Err(RequestError::Timeout(q.timeout)));
            } else {
                self.send_request(now, Owner::User(q.id), q.msg, left);
            }
        }
    }

    fn open_refused(
        &mut self,
        now: Instant,
        index: usize,
        status: StatusCode,
        text: Option<String>,
    ) {
        tracing::info!(node = %self.node(index), %status, "OPEN_REQ refused");
        self.disconnect();
        self.emit_connection(ConnectionEvent::Rejected {
            node: self.node(index),
            version: self.version,
            status,
            text: text.clone(),
        });
        if status == StatusCode::E_CTI_SERVER_NOT_MASTER {
            // The next node may be the master: go at once; a whole round of standbys (a
            // failover in progress) waits the rejected-open delay.
            self.failed_in_round += 1;
            self.last_failure = format!("{}: {status}", self.node(index));
            self.next_index = (index + 1) % self.cfg.nodes.len().max(1);
            if self.failed_in_round >= self.cfg.nodes.len() {
                self.failed_in_round = 0;
                self.rounds_failed += 1;
                if !self.was_open
                    && self
                        .cfg
                        .initial_rounds
                        .is_some_and(|m| self.rounds_failed >= m)
                {
                    let last = std::mem::take(&mut self.last_failure);
                    self.finish_closed(CloseReason::Unreachable { last });
                    return;
                }
                self.state = State::Idle {
                    until: now + self.cfg.rejected_open_delay,
                };
            } else {
                self.state = State::Idle { until: now };
            }
            return;
        }
        if status == StatusCode::E_CTI_INVALID_VERSION {
            if let Some(lower) = self.cfg.version.below(self.version) {
                // Fix the data (the version) and retry the same node after the guide's wait.
                self.version = lower;
                self.next_index = index;
                self.state = State::Idle {
                    until: now + self.cfg.rejected_open_delay,
                };
                return;
            }
        }
        if !self.was_open {
            self.finish_closed(CloseReason::Rejected {
                node: self.node(index),
                status,
                text,
            });
            return;
        }
        // A node that accepted us before refuses now (e.g. the phone is still bound to our
        // dead session): keep trying, the guide's wait apart.
        self.last_failure = format!("{}: {status}", self.node(index));
        self.next_index = (index + 1) % self.cfg.nodes.len().max(1);
        self.state = State::Idle {
            until: now + self.cfg.rejected_open_delay,
        };
    }

    // ---------------------------------------------------------------- requests

    fn send_heartbeat(&mut self) {
        let invoke = self.take_invoke();
        let hb = HeartbeatReq {
            invoke_id: invoke,
            ..Default::default()
        };
        if let Ok(b) = hb.to_bytes(&self.settings) {
            self.tx.push_back(b);
            self.unanswered_heartbeats += 1;
            self.heartbeat_invokes.push_back(invoke);
            while self.heartbeat_invokes.len() > self.cfg.max_missed_heartbeats as usize + 1 {
                self.heartbeat_invokes.pop_front();
            }
        }
    }

    fn send_request(&mut self, now: Instant, owner: Owner, msg: Message, timeout: Duration) {
        let mut buf = BytesMut::new();
        if let Err(e) = msg.encode(&self.settings, &mut buf) {
            if let Owner::User(id) = owner {
                self.reply(id, Err(RequestError::Encode(e)));
            }
            return;
        }
        let deadline = now + timeout;
        let name = msg.name();
        match &msg {
            Message::ConfigRequestKeyEvent(_) => {
                self.key_waiters.push_back((owner, deadline, timeout))
            }
            Message::ConfigRequestEvent(r) => {
                if r.configuration_mask.is_empty() {
                    // "Updates only": the guide defines no answer, so it is done once sent.
                    if let Owner::User(id) = owner {
                        self.reply(id, Ok(Reply::ConfigSnapshot(ConfigSnapshot::default())));
                    }
                } else {
                    self.snapshot_waiters.push_back(SnapshotWaiter {
                        owner,
                        deadline,
                        timeout,
                        begun: false,
                        snapshot: ConfigSnapshot::default(),
                    });
                }
            }
            _ => {
                // Every other request carries its InvokeID as the first fixed field.
                let invoke = self.take_invoke();
                if buf.len() >= HEADER_LEN + 4 {
                    buf[HEADER_LEN..HEADER_LEN + 4].copy_from_slice(&invoke.to_be_bytes());
                }
                let teams = matches!(msg, Message::TeamConfigReq(_)).then(Vec::new);
                self.pending.insert(
                    invoke,
                    Pending {
                        owner,
                        name,
                        deadline,
                        timeout,
                        teams,
                    },
                );
            }
        }
        self.tx.push_back(buf.freeze());
    }

    fn expire_requests(&mut self, now: Instant) {
        let expired: Vec<u32> = self
            .pending
            .iter()
            .filter(|(_, p)| p.deadline <= now)
            .map(|(k, _)| *k)
            .collect();
        for k in expired {
            if let Some(p) = self.pending.remove(&k) {
                self.owner_failed(p.owner, p.timeout);
            }
        }
        while let Some(pos) = self.queued.iter().position(|q| q.deadline <= now) {
            if let Some(q) = self.queued.remove(pos) {
                self.reply(q.id, Err(RequestError::Timeout(q.timeout)));
            }
        }
        while self.key_waiters.front().is_some_and(|(_, d, _)| *d <= now) {
            if let Some((owner, _, t)) = self.key_waiters.pop_front() {
                self.owner_failed(owner, t);
            }
        }
        while let Some(pos) = self.snapshot_waiters.iter().position(|w| w.deadline <= now) {
            if pos == 0 && self.solicited_block {
                // Its block is in flight; the records that still come are updates to the cache.
                self.solicited_block = false;
            }
            if let Some(w) = self.snapshot_waiters.remove(pos) {
                self.owner_failed(w.owner, w.timeout);
            }
        }
    }

    fn owner_failed(&mut self, owner: Owner, timeout: Duration) {
        match owner {
            Owner::User(id) => self.reply(id, Err(RequestError::Timeout(timeout))),
            other => tracing::warn!(?other, "configuration synchronisation got no answer"),
        }
    }

    fn reply(&mut self, id: RequestId, result: Result<Reply, RequestError>) {
        self.outputs.push_back(Output::Reply { id, result });
    }

    fn emit_connection(&mut self, e: ConnectionEvent) {
        self.outputs.push_back(Output::Event(Event::Connection(e)));
    }

    fn emit_message(&mut self, message: Message, frame: Bytes) {
        self.outputs
            .push_back(Output::Event(Event::Message(Incoming {
                message,
                frame,
                settings: self.settings,
            })));
    }

    /// An answer to the client's own synchronisation is news to the application: it goes on
    /// the event stream; an answer to the application's request is only echoed.
    fn pass(&mut self, internal: bool, message: &Message, frame: &Bytes) {
        if internal {
            self.emit_message(message.clone(), frame.clone());
        } else {
            self.echo(message, frame);
        }
    }

    fn echo(&mut self, message: &Message, frame: &Bytes) {
        if self.cfg.echo_replies {
            self.emit_message(message.clone(), frame.clone());
        }
    }

    // ---------------------------------------------------------------- configuration sync

    fn wanted_classes(&self) -> ConfigurationMask {
        let m = self.cfg.config_msg_mask;
        let mut out = ConfigurationMask::NONE;
        let map = [
            (
                ConfigMsgMask::CONFIG_APPLICATION_MASK,
                ConfigurationMask::CONFIGURATION_APPLICATION,
            ),
            (
                ConfigMsgMask::CONFIG_CSQ_MASK,
                ConfigurationMask::CONFIGURATION_CSQ,
            ),
            (
                ConfigMsgMask::CONFIG_AGENT_MASK,
                ConfigurationMask::CONFIGURATION_AGENT,
            ),
            (
                ConfigMsgMask::CONFIG_DEVICE_MASK,
                ConfigurationMask::CONFIGURATION_DEVICE,
            ),
            (
                ConfigMsgMask::CONFIG_TERMINAL_MASK,
                ConfigurationMask::CONFIGURATION_TERMINAL,
            ),
        ];
        for (from, to) in map {
            if m.contains(from) {
                out |= to;
            }
        }
        if out.is_empty() {
            out = ConfigurationMask::CONFIGURATION_APPLICATION
                | ConfigurationMask::CONFIGURATION_CSQ
                | ConfigurationMask::CONFIGURATION_AGENT
                | ConfigurationMask::CONFIGURATION_DEVICE
                | ConfigurationMask::CONFIGURATION_TERMINAL;
        }
        if self.version < 18 {
            out = ConfigurationMask(out.0 & !ConfigurationMask::CONFIGURATION_TERMINAL.0);
        }
        out
    }

    fn start_sync(&mut self, now: Instant) {
        let t = self.cfg.request_timeout;
        if self
            .services_granted
            .contains(ServiceMask::CTI_SERVICE_CONFIG_EVENTS)
        {
            let req = ConfigRequestKeyEvent::default();
            self.send_request(now, Owner::SyncKeys, req.into(), t);
        }
        if self
            .services_granted
            .contains(ServiceMask::CTI_SERVICE_SUPERVISOR)
        {
            let req = TeamConfigReq {
                config_param: TEAM_CONFIG_INITIAL,
                ..Default::default()
            };
            self.send_request(now, Owner::SyncTeams, req.into(), t);
        }
    }

    fn sync_keys_arrived(&mut self, now: Instant, keys: &ConfigKeyEvent) {
        if keys.status != ConfigKeyStatus::CONFIG_SUCCESS {
            tracing::warn!(status = %keys.status, "configuration keys refused");
            return;
        }
        let server = ConfigKeys {
            application: keys.application_key,
            csq: keys.csq_key,
            agent: keys.agent_key,
            device: keys.device_key,
        };
        let mask = self
            .cache
            .cache()
            .keys
            .stale(&server, self.wanted_classes());
        let req = ConfigRequestEvent {
            configuration_mask: mask,
            ..Default::default()
        };
        self.send_request(
            now,
            Owner::SyncSnapshot,
            req.into(),
            self.cfg.request_timeout,
        );
    }

    // ---------------------------------------------------------------- frames

    fn handle_frame(&mut self, now: Instant, type_id: u32, frame: Bytes) {
        let body = &frame[HEADER_LEN..];
        let msg = match Message::decode(type_id, body, &self.settings) {
            Ok(m) => m,
            Err(e) => {
                tracing::warn!(type_id, error = %e, "skipping a frame that does not decode");
                self.undecodable(now, type_id, body, e);
                return;
            }
        };
        match self.state {
            State::Opening { index, invoke, .. } => {
                self.frame_while_opening(now, index, invoke, msg, frame)
            }
            State::Open { .. } | State::Closing { .. } => self.frame_in_session(now, msg, frame),
            _ => {}
        }
    }

    /// A frame that does not decode: if it is an answer, fail its request now rather than let
    /// it time out. A FAILURE_CONF keeps InvokeID and Status at fixed offsets whatever its
    /// floating part holds (a server that refuses our version may encode it in its own).
    fn undecodable(&mut self, now: Instant, type_id: u32, body: &[u8], e: cti_proto::DecodeError) {
        let invoke = body
            .get(..4)
            .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]));
        if type_id == FailureConf::ID {
            if let (Some(invoke), Some(s)) = (invoke, body.get(4..8)) {
                let status = StatusCode(u32::from_be_bytes([s[0], s[1], s[2], s[3]]));
                let f = FailureConf {
                    invoke_id: invoke,
                    status,
                    ..Default::default()
                };
                match self.state {
                    State::Opening {
                        index,
                        invoke: open,
                        ..
                    } if open == invoke => self.open_refused(now, index, status, None),
                    _ => self.failure_conf(now, f),
                }
                return;
            }
        }
        let is_answer = cti_proto::table::messages()
            .iter()
            .any(|s| s.id == type_id && s.kind == Kind::Confirmation);
        if let (true, Some(invoke)) = (is_answer, invoke) {
            if let Some(p) = self.pending.remove(&invoke) {
                if let Owner::User(id) = p.owner {
                    let _ = e;
                    self.reply(
                        id,
                        Err(RequestError::UnexpectedReply {
                            expected: p.name,
                            got: "a confirmation that does not decode",
                        }),
                    );
                }
            }
        }
    }

    fn frame_while_opening(
        &mut self,
        now: Instant,
        index: usize,
        invoke: u32,
        msg: Message,
        frame: Bytes,
    ) {
        match msg {
            Message::OpenConf(c) if c.invoke_id == invoke => {
                self.echo(&Message::OpenConf(c.clone()), &frame);
                self.opened(now, index, c)
            }
            Message::FailureConf(f) if f.invoke_id == invoke => {
                self.echo(&Message::FailureConf(f.clone()), &frame);
                self.open_refused(now, index, f.status, f.text.map(Into::into))
            }
            other => {
                // Nothing but the answer is expected yet; pass it on rather than lose it.
                tracing::debug!(message = other.name(), "message before OPEN_CONF");
                self.emit_message(other, frame);
            }
        }
    }

    fn frame_in_session(&mut self, now: Instant, msg: Message, frame: Bytes) {
        let block_was_open = self.cache.in_block();
        self.cache.apply(&msg);
        match msg {
            Message::HeartbeatConf(ref h) => {
                // Any answer shows the server is alive; one to a caller's own probe also
                // answers that request.
                self.unanswered_heartbeats = 0;
                self.echo(&msg, &frame);
                if let Some(p) = self.pending.remove(&h.invoke_id) {
                    if let Owner::User(id) = p.owner {
                        self.reply(id, Ok(Reply::Confirmation(msg)));
                    }
                }
            }
            Message::CloseConf(c) => {
                self.echo(&Message::CloseConf(c.clone()), &frame);
                if let State::Closing { invoke, .. } = self.state {
                    if invoke == c.invoke_id {
                        self.finish_closed(CloseReason::Requested);
                    }
                }
            }
            Message::FailureConf(ref f) => {
                self.echo(&msg, &frame);
                let f = f.clone();
                if self.heartbeat_invokes.contains(&f.invoke_id) {
                    // The guide: FAILURE_CONF to a heartbeat means the server is offline.
                    let reason = format!("heartbeat refused: {}", f.status);
                    self.connection_broken(now, reason);
                } else if !self.pending.contains_key(&f.invoke_id) {
                    if !self.cfg.echo_replies {
                        self.emit_message(msg, frame);
                    }
                } else {
                    self.failure_conf(now, f);
                }
            }
            Message::ConfigKeyEvent(ref k) => {
                let internal = self
                    .key_waiters
                    .front()
                    .is_some_and(|(o, _, _)| !matches!(o, Owner::User(_)));
                self.pass(internal, &msg, &frame);
                match self.key_waiters.pop_front() {
                    Some((Owner::User(id), _, _)) => {
                        let result = if k.status == ConfigKeyStatus::CONFIG_SUCCESS {
                            Ok(Reply::Confirmation(msg))
                        } else {
                            Err(RequestError::ConfigKeys(k.status))
                        };
                        self.reply(id, result);
                    }
                    Some(_) => {
                        let k = k.clone();
                        self.sync_keys_arrived(now, &k)
                    }
                    None => {
                        if !self.cfg.echo_replies {
                            self.emit_message(msg, frame)
                        }
                    }
                }
            }
            Message::ConfigBeginEvent(ref b) => {
                let solicited = b.config_type == CONFIG_TYPE_INITIAL
                    && self.snapshot_waiters.front().is_some_and(|w| !w.begun);
                self.solicited_block = solicited;
                if solicited {
                    let internal = self.front_snapshot_is_internal();
                    self.pass(internal, &msg, &frame);
                    if let Some(w) = self.snapshot_waiters.front_mut() {
                        w.begun = true;
                        w.snapshot.begin = Some(b.clone());
                    }
                } else {
                    self.emit_message(msg, frame);
                }
            }
            Message::ConfigApplicationEvent(_)
            | Message::ConfigCsqEvent(_)
            | Message::ConfigAgentEvent(_)
            | Message::ConfigDeviceEvent(_)
            | Message::ConfigTerminalEvent(_) => {
                if self.solicited_block {
                    let internal = self.front_snapshot_is_internal();
                    self.pass(internal, &msg, &frame);
                    if let Some(w) = self.snapshot_waiters.front_mut() {
                        w.snapshot.records.push(msg);
                    }
                } else {
                    self.emit_message(msg, frame);
                }
            }
            Message::ConfigEndEvent(ref e) => {
                // An END answers the front waiter when its block is the waiter's, or when it
                // comes alone (the server's error answer) while no update block is open.
                let answers = self.solicited_block
                    || (!block_was_open && self.snapshot_waiters.front().is_some_and(|w| !w.begun));
                self.solicited_block = false;
                if answers {
                    let internal = self.front_snapshot_is_internal();
                    self.pass(internal, &msg, &frame);
                    if let Some(mut w) = self.snapshot_waiters.pop_front() {
                        w.snapshot.end = Some(e.clone());
                        let ok = e.status == ConfigEndStatus::CONFIG_SUCCESS
                            || e.status == ConfigEndStatus::CONFIG_EMPTY;
                        match w.owner {
                            Owner::User(id) => {
                                let r = if ok {
                                    Ok(Reply::ConfigSnapshot(w.snapshot))
                                } else {
                                    Err(RequestError::ConfigEnd {
                                        status: e.status,
                                        text: e.text.clone().map(Into::into),
                                    })
                                };
                                self.reply(id, r);
                            }
                            _ if !ok => {
                                tracing::warn!(status = %e.status, "configuration snapshot failed")
                            }
                            _ => {}
                        }
                    }
                } else {
                    self.emit_message(msg, frame);
                }
            }
            Message::TeamConfigEvent(ref t) => {
                let collector = self
                    .pending
                    .iter_mut()
                    .filter(|(_, p)| p.teams.is_some())
                    .min_by_key(|(k, _)| **k)
                    .map(|(_, p)| p);
                match collector {
                    Some(p) => {
                        if let Some(teams) = p.teams.as_mut() {
                            teams.push(t.clone());
                        }
                        let internal = !matches!(p.owner, Owner::User(_));
                        self.pass(internal, &msg, &frame);
                    }
                    None => self.emit_message(msg, frame),
                }
            }
            Message::TeamConfigConf(ref c) => match self.pending.remove(&c.invoke_id) {
                Some(p) => {
                    self.pass(!matches!(p.owner, Owner::User(_)), &msg, &frame);
                    let teams = p.teams.unwrap_or_default();
                    if c.status == 0 {
                        self.cache.replace_teams(&teams);
                    }
                    if let Owner::User(id) = p.owner {
                        let r = if c.status == 0 {
                            Ok(Reply::TeamConfig(TeamConfig {
                                teams,
                                conf: c.clone(),
                            }))
                        } else {
                            Err(RequestError::TeamConfig {
                                status: c.status,
                                text: c.text.clone().map(Into::into),
                            })
                        };
                        self.reply(id, r);
                    }
                }
                None => self.emit_message(msg, frame),
            },
            Message::FailureEvent(ref f) => {
                let status = f.status;
                self.emit_message(msg, frame);
                if status == StatusCode::E_CTI_NEW_SESSION_OPENED {
                    self.finish_closed(CloseReason::Superseded);
                } else if status == StatusCode::E_CTI_AUTO_CONFIG_RESET {
                    self.cache.invalidate_keys();
                    if self.cfg.config_sync == ConfigSync::Automatic && self.is_open() {
                        self.start_sync(now);
                    }
                }
            }
            Message::SystemEvent(ref s) => {
                let offline = s.system_event_id == SystemEventId::SYS_CCX_OFFLINE;
                self.emit_message(msg, frame);
                if offline && self.cfg.reconnect_on_offline {
                    self.connection_broken(now, "UCCX went offline (SYSTEM_EVENT)".into());
                }
            }
            other => {
                let is_answer = other.spec().is_some_and(|s| {
                    s.kind == Kind::Confirmation && s.direction == Direction::ServerToClient
                });
                match other.invoke_id().filter(|_| is_answer) {
                    Some(invoke) => match self.pending.remove(&invoke) {
                        Some(p) => {
                            self.echo(&other, &frame);
                            let r = match other {
                                Message::ControlFailureConf(c) => {
                                    Err(RequestError::ControlFailure {
                                        code: c.failure_code,
                                        ccx_error: c.ccx_error_code,
                                        text: c.text.map(Into::into),
                                    })
                                }
                                m => Ok(Reply::Confirmation(m)),
                            };
                            if let Owner::User(id) = p.owner {
                                self.reply(id, r);
                            }
                        }
                        None => {
                            tracing::debug!(invoke, message = other.name(), "answer to no request");
                            self.emit_message(other, frame);
                        }
                    },
                    None => self.emit_message(other, frame),
                }
            }
        }
    }

    fn front_snapshot_is_internal(&self) -> bool {
        self.snapshot_waiters
            .front()
            .is_some_and(|w| !matches!(w.owner, Owner::User(_)))
    }

    fn failure_conf(&mut self, _now: Instant, f: FailureConf) {
        if let Some(p) = self.pending.remove(&f.invoke_id) {
            if let Owner::User(id) = p.owner {
                self.reply(
                    id,
                    Err(RequestError::Failure {
                        status: f.status,
                        text: f.text.map(Into::into),
                    }),
                );
            } else {
                tracing::warn!(status = %f.status, "configuration synchronisation refused");
            }
        }
    }
}

fn session_settings(cfg: &ClientConfig, version: u8) -> Settings {
    let mut s = Settings::new(version);
    s.v18_length_width = cfg.v18_length_width;
    s.max_body = cfg.max_body;
    s
}

#[cfg(test)]
#[path = "state_tests.rs"]
mod tests;
