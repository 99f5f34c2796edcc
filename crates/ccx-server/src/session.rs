//! The session layer of one connection, as a sans-IO state machine.
//!
//! A [`Session`] is fed whole frames (from [`cti_proto::codec::FrameCodec`]) and the current
//! time; it answers what it can answer alone (HEARTBEAT, CLOSE, every malformed or misplaced
//! request) and hands the rest to the hub as [`Output::Open`] and [`Output::Request`]. It reads
//! no clock and does no I/O: the caller asks [`Session::next_deadline`] when to wake it and
//! calls [`Session::handle_timeout`] then.
//!
//! Life cycle: `AwaitingOpen` (pre-open timer running) → `Opening` (the hub decides) → `Open`
//! (IdleTimeout enforced) → `Closed`. A refused OPEN_REQ leaves the session in `AwaitingOpen`:
//! the guide makes the client reset the connection, and the pre-open timer still bounds it.

use bytes::Bytes;
use cti_proto::codes::{AgentStateMask, CallEventMask, ConfigMsgMask, ServiceMask};
use cti_proto::msg::{
    CloseConf, CtiMessage, FailureConf, HeartbeatConf, Message, OpenConf, OpenReq,
};
use cti_proto::spec::Direction;
use cti_proto::validate::Validator;
use cti_proto::wire::{Header, Settings, HEADER_LEN};
use cti_proto::{FrameView, StatusCode};

/// Virtual milliseconds since the server started (the same clock as `ccx_sim::Millis`).
pub type Millis = u64;

/// Server-assigned session number, unique for the server's lifetime.
pub type SessionId = u64;

/// Oldest protocol version the server speaks.
pub const MIN_VERSION: u32 = 10;
/// Newest protocol version the server speaks.
pub const MAX_VERSION: u32 = 18;
/// Smallest IdleTimeout accepted in OPEN_REQ, in seconds (E_CTI_INVALID_TIMEOUT below it).
pub const MIN_IDLE_TIMEOUT_S: u32 = 20;

const OPEN_REQ: u32 = OpenReq::ID;
const HEARTBEAT_REQ: u32 = 5;
const CLOSE_REQ: u32 = 7;

/// Limits a session enforces on its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SessionLimits {
    /// A connection that has not opened a session this long after it was accepted is closed.
    pub pre_open_timeout: Millis,
    /// Largest body accepted (also given to the framer).
    pub max_body: u32,
}

impl Default for SessionLimits {
    fn default() -> Self {
        SessionLimits {
            pre_open_timeout: 30_000,
            max_body: cti_proto::wire::DEFAULT_MAX_BODY,
        }
    }
}

/// How a client wants to see events (digest 02 §6.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// CTI_SERVICE_CLIENT_EVENTS: the events of one agent and phone.
    Agent,
    /// CTI_SERVICE_ALL_EVENTS: every agent and call event.
    Bridge,
    /// Neither: requests, configuration or supervisor services only.
    Plain,
}

impl Mode {
    /// Label used in logs and metrics.
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Agent => "agent",
            Mode::Bridge => "bridge",
            Mode::Plain => "plain",
        }
    }
}

/// A well-formed OPEN_REQ, checked as far as one connection can check it; the hub decides the
/// rest (agent data, devices in use, master role).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpenRequest {
    /// InvokeID to echo.
    pub invoke_id: u32,
    /// Negotiated protocol version.
    pub version: u8,
    /// IdleTimeout in seconds.
    pub idle_timeout_s: u32,
    /// Services asked for.
    pub services_requested: ServiceMask,
    /// The mode the request selects (CLIENT_EVENTS and ALL_EVENTS are exclusive).
    pub mode: Mode,
    /// CallMsgMask.
    pub call_msg_mask: CallEventMask,
    /// AgentStateMask.
    pub agent_state_mask: AgentStateMask,
    /// ConfigMsgMask.
    pub config_msg_mask: ConfigMsgMask,
    /// ClientID (empty when absent).
    pub client_id: String,
    /// ClientSignature, if given.
    pub client_signature: Option<String>,
    /// AgentID, if given and not empty (agent mode).
    pub agent_id: Option<String>,
    /// AgentExtension, if given and not empty (agent mode).
    pub agent_extension: Option<String>,
    /// AgentInstrument, if given and not empty (agent mode).
    pub agent_instrument: Option<String>,
}

/// Why a session ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CloseReason {
    /// The client sent CLOSE_REQ.
    ClientClosed,
    /// The client closed the connection (or it failed).
    Disconnected,
    /// Nothing received for IdleTimeout seconds.
    IdleTimeout,
    /// No OPEN_REQ within the pre-open timeout.
    PreOpenTimeout,
    /// A frame header declared a body over the limit.
    BodyTooLarge,
    /// The client does not read what it is sent.
    SlowConsumer,
    /// The same client opened a new session for the same agent (E_CTI_NEW_SESSION_OPENED).
    Replaced,
    /// The node stopped being master (failover).
    Failover,
    /// The server is shutting down.
    Shutdown,
}

impl CloseReason {
    /// Label used in logs and metrics.
    pub fn as_str(self) -> &'static str {
        match self {
            CloseReason::ClientClosed => "client_closed",
            CloseReason::Disconnected => "disconnected",
            CloseReason::IdleTimeout => "idle_timeout",
            CloseReason::PreOpenTimeout => "pre_open_timeout",
            CloseReason::BodyTooLarge => "body_too_large",
            CloseReason::SlowConsumer => "slow_consumer",
            CloseReason::Replaced => "replaced",
            CloseReason::Failover => "failover",
            CloseReason::Shutdown => "shutdown",
        }
    }
}

/// What the session wants done.
#[derive(Clone, Debug, PartialEq)]
pub enum Output {
    /// Send this frame to the client.
    Send(Bytes),
    /// Ask the hub to open the session; answer with [`Session::open_accepted`] or
    /// [`Session::open_refused`].
    Open(OpenRequest),
    /// A valid request for the contact center; answer with [`Session::replies`].
    Request(Box<Message>),
    /// Close the connection once the frames before this are written.
    Close(CloseReason),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    AwaitingOpen,
    Opening {
        invoke_id: u32,
        settings: Settings,
        idle_timeout_s: u32,
    },
    Open {
        idle_ms: Millis,
    },
    Closed,
}

/// One connection's session state machine.
#[derive(Debug)]
pub struct Session {
    id: SessionId,
    limits: SessionLimits,
    state: State,
    settings: Settings,
    accepted_at: Millis,
    last_received: Millis,
    /// Checks the requests of the open session; it keeps each request type's shape, so the
    /// repetitive traffic of a desktop is checked quickly.
    validator: Validator,
}

impl Session {
    /// A session for a connection accepted at `now`.
    pub fn new(id: SessionId, now: Millis, limits: SessionLimits) -> Session {
        let mut settings = Settings::new(MAX_VERSION as u8);
        settings.max_body = limits.max_body;
        Session {
            id,
            limits,
            state: State::AwaitingOpen,
            settings,
            accepted_at: now,
            last_received: now,
            validator: Validator::new(),
        }
    }

    /// The session's id.
    pub fn id(&self) -> SessionId {
        self.id
    }

    /// True once OPEN_CONF was sent.
    pub fn is_open(&self) -> bool {
        matches!(self.state, State::Open { .. })
    }

    /// True once the session asked for the connection to be closed.
    pub fn is_closed(&self) -> bool {
        self.state == State::Closed
    }

    /// The codec settings of the session (the negotiated version once open).
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// When [`Session::handle_timeout`] must next be called.
    pub fn next_deadline(&self) -> Option<Millis> {
        match self.state {
            State::AwaitingOpen | State::Opening { .. } => {
                Some(self.accepted_at + self.limits.pre_open_timeout)
            }
            State::Open { idle_ms } => Some(self.last_received + idle_ms),
            State::Closed => None,
        }
    }

    /// Fire the timers due at `now`.
    pub fn handle_timeout(&mut self, now: Millis, out: &mut Vec<Output>) {
        let Some(deadline) = self.next_deadline() else {
            return;
        };
        if now < deadline {
            return;
        }
        let reason = if self.is_open() {
            CloseReason::IdleTimeout
        } else {
            CloseReason::PreOpenTimeout
        };
        self.close(reason, out);
    }

    /// The connection is gone or must go for a reason found outside the session.
    pub fn close(&mut self, reason: CloseReason, out: &mut Vec<Output>) {
        if self.state != State::Closed {
            self.state = State::Closed;
            out.push(Output::Close(reason));
        }
    }

    /// One whole frame (header included) received at `now`.
    pub fn handle_frame(&mut self, now: Millis, frame: &[u8], out: &mut Vec<Output>) {
        let Some(header) = Header::peek(frame) else {
            return;
        };
        match self.state {
            State::Closed => {}
            State::AwaitingOpen | State::Opening { .. } => {
                // Only the pre-open timer runs before the session is open: it is not reset.
                if header.type_id == OPEN_REQ {
                    self.handle_open(frame, out);
                } else {
                    let invoke_id = request_invoke_id(header.type_id, &frame[HEADER_LEN..]);
                    self.fail(invoke_id, StatusCode::E_CTI_SESSION_NOT_OPEN, None, out);
                }
            }
            State::Open { .. } => {
                self.last_received = now;
                self.handle_open_session_frame(header, frame, out);
            }
        }
    }

    fn handle_open(&mut self, frame: &[u8], out: &mut Vec<Output>) {
        let body = &frame[HEADER_LEN..];
        let invoke_id = read_u32(body, 0).unwrap_or(0);
        // The version chooses the floating-field width, so it is read before anything else.
        // Until the version is known the floating-field width is too, so these failures
        // carry no Text: InvokeID and Status read the same at every version.
        let Some(version) = read_u32(body, 4) else {
            return self.fail(invoke_id, StatusCode::E_CTI_INVALID_FIELD_LENGTH, None, out);
        };
        if !(MIN_VERSION..=MAX_VERSION).contains(&version) {
            tracing::debug!(session = self.id, version, "OPEN_REQ version not supported");
            return self.fail(invoke_id, StatusCode::E_CTI_INVALID_VERSION, None, out);
        }
        let mut settings = Settings::new(version as u8);
        settings.max_body = self.limits.max_body;
        let view = match FrameView::new(frame, &settings) {
            Ok(v) => v,
            Err(e) => {
                return self.fail_at(&settings, invoke_id, e.status(), Some(e.to_string()), out)
            }
        };
        if let Err(e) = view.validate() {
            return self.fail_at(&settings, invoke_id, e.status(), Some(e.to_string()), out);
        }
        let req = match OpenReq::decode_frame(frame, &settings) {
            Ok(r) => r,
            Err(e) => {
                tracing::error!(session = self.id, error = %e, "validated OPEN_REQ failed to decode");
                return self.fail_at(
                    &settings,
                    invoke_id,
                    StatusCode::E_CTI_UNSPECIFIED_FAILURE,
                    None,
                    out,
                );
            }
        };
        if req.idle_timeout < MIN_IDLE_TIMEOUT_S {
            let text = format!(
                "IdleTimeout {} s is below {MIN_IDLE_TIMEOUT_S} s",
                req.idle_timeout
            );
            return self.fail_at(
                &settings,
                invoke_id,
                StatusCode::E_CTI_INVALID_TIMEOUT,
                Some(text),
                out,
            );
        }
        let non_empty = |s: &Option<cti_proto::msg::Text>| {
            s.as_deref().filter(|s| !s.is_empty()).map(String::from)
        };
        let agent_id = non_empty(&req.agent_id);
        let agent_extension = non_empty(&req.agent_extension);
        let agent_instrument = non_empty(&req.agent_instrument);
        let names_an_agent =
            agent_id.is_some() || agent_extension.is_some() || agent_instrument.is_some();
        let services = req.services_requested;
        let client_events = services.contains(ServiceMask::CTI_SERVICE_CLIENT_EVENTS);
        let all_events = services.contains(ServiceMask::CTI_SERVICE_ALL_EVENTS);
        // The two modes exclude each other; a client asking for both gets the one its agent
        // fields point to.
        let mode = match (client_events, all_events) {
            (true, true) if names_an_agent => Mode::Agent,
            (true, false) => Mode::Agent,
            (_, true) => Mode::Bridge,
            (false, false) => Mode::Plain,
        };
        if mode == Mode::Agent && !names_an_agent {
            let text = "agent mode needs AgentID, AgentExtension or AgentInstrument".to_string();
            return self.fail_at(
                &settings,
                invoke_id,
                StatusCode::E_CTI_REQUIRED_DATA_MISSING,
                Some(text),
                out,
            );
        }
        let (agent_id, agent_extension, agent_instrument) = if mode == Mode::Agent {
            (agent_id, agent_extension, agent_instrument)
        } else {
            (None, None, None)
        };
        self.state = State::Opening {
            invoke_id,
            settings,
            idle_timeout_s: req.idle_timeout,
        };
        out.push(Output::Open(OpenRequest {
            invoke_id,
            version: version as u8,
            idle_timeout_s: req.idle_timeout,
            services_requested: services,
            mode,
            call_msg_mask: req.call_msg_mask,
            agent_state_mask: req.agent_state_mask,
            config_msg_mask: req.config_msg_mask,
            client_id: req.client_id.unwrap_or_default().into(),
            client_signature: req.client_signature.map(Into::into),
            agent_id,
            agent_extension,
            agent_instrument,
        }));
    }

    /// The hub opened the session: send OPEN_CONF and start the idle timer at `now`.
    pub fn open_accepted(&mut self, now: Millis, conf: OpenConf, out: &mut Vec<Output>) {
        let State::Opening {
            invoke_id,
            settings,
            idle_timeout_s,
        } = self.state
        else {
            return;
        };
        let conf = OpenConf { invoke_id, ..conf };
        match conf.to_bytes(&settings) {
            Ok(b) => {
                self.settings = settings;
                self.last_received = now;
                self.state = State::Open {
                    idle_ms: u64::from(idle_timeout_s) * 1000,
                };
                out.push(Output::Send(b));
            }
            Err(e) => {
                tracing::error!(session = self.id, error = %e, "OPEN_CONF failed to encode");
                self.state = State::AwaitingOpen;
                self.fail_at(
                    &settings,
                    invoke_id,
                    StatusCode::E_CTI_UNSPECIFIED_FAILURE,
                    None,
                    out,
                );
            }
        }
    }

    /// The hub refused the OPEN_REQ. The connection stays up: the client resets it.
    pub fn open_refused(
        &mut self,
        status: StatusCode,
        text: Option<String>,
        out: &mut Vec<Output>,
    ) {
        let State::Opening {
            invoke_id,
            settings,
            ..
        } = self.state
        else {
            return;
        };
        self.state = State::AwaitingOpen;
        self.fail_at(&settings, invoke_id, status, text, out);
    }

    fn handle_open_session_frame(&mut self, header: Header, frame: &[u8], out: &mut Vec<Output>) {
        let body = &frame[HEADER_LEN..];
        if header.type_id == OPEN_REQ {
            let invoke_id = read_u32(body, 0).unwrap_or(0);
            return self.fail(invoke_id, StatusCode::E_CTI_SESSION_ALREADY_OPEN, None, out);
        }
        let view = match FrameView::new(frame, &self.settings) {
            Ok(v) => v,
            Err(e) => {
                let invoke_id = request_invoke_id(header.type_id, body);
                return self.fail(invoke_id, e.status(), Some(e.to_string()), out);
            }
        };
        if let Err(e) = self.validator.validate(&view, Direction::ClientToServer) {
            let invoke_id = request_invoke_id(header.type_id, body);
            return self.fail(invoke_id, e.status(), Some(e.to_string()), out);
        }
        match header.type_id {
            HEARTBEAT_REQ => {
                let invoke_id = read_u32(body, 0).unwrap_or(0);
                self.send(
                    &HeartbeatConf {
                        invoke_id,
                        ..Default::default()
                    },
                    invoke_id,
                    out,
                );
            }
            CLOSE_REQ => {
                let invoke_id = read_u32(body, 0).unwrap_or(0);
                self.send(
                    &CloseConf {
                        invoke_id,
                        ..Default::default()
                    },
                    invoke_id,
                    out,
                );
                self.close(CloseReason::ClientClosed, out);
            }
            type_id => match Message::decode(type_id, body, &self.settings) {
                Ok(msg) => out.push(Output::Request(Box::new(msg))),
                Err(e) => {
                    tracing::error!(session = self.id, error = %e, "validated request failed to decode");
                    let invoke_id = request_invoke_id(type_id, body);
                    self.fail(invoke_id, StatusCode::E_CTI_UNSPECIFIED_FAILURE, None, out);
                }
            },
        }
    }

    /// Answers from the hub to the request whose InvokeID is `invoke_id`. A reply that cannot
    /// be encoded is an internal failure: it is logged and answered with
    /// E_CTI_UNSPECIFIED_FAILURE instead.
    pub fn replies(&mut self, invoke_id: u32, replies: &[Message], out: &mut Vec<Output>) {
        if self.state == State::Closed {
            return;
        }
        for r in replies {
            match r.to_bytes(&self.settings) {
                Ok(b) => out.push(Output::Send(b)),
                Err(e) => {
                    tracing::error!(session = self.id, message = r.name(), error = %e, "reply failed to encode");
                    self.fail(invoke_id, StatusCode::E_CTI_UNSPECIFIED_FAILURE, None, out);
                    return;
                }
            }
        }
    }

    /// Answer `invoke_id` with FAILURE_CONF.
    pub fn fail(
        &mut self,
        invoke_id: u32,
        status: StatusCode,
        text: Option<String>,
        out: &mut Vec<Output>,
    ) {
        let settings = self.settings;
        self.fail_at(&settings, invoke_id, status, text, out);
    }

    /// FAILURE_CONF encoded at `settings` (an OPEN_REQ is answered at the version it asked for).
    fn fail_at(
        &self,
        settings: &Settings,
        invoke_id: u32,
        status: StatusCode,
        text: Option<String>,
        out: &mut Vec<Output>,
    ) {
        tracing::debug!(session = self.id, invoke_id, %status, text = text.as_deref().unwrap_or(""), "FAILURE_CONF");
        let text = text.map(|mut t| {
            // Text[7] holds at most 255 bytes, NUL included.
            truncate_utf8(&mut t, 254);
            t
        });
        let msg = FailureConf {
            invoke_id,
            status,
            text: text.map(Into::into),
            ..Default::default()
        };
        match msg.to_bytes(settings) {
            Ok(b) => out.push(Output::Send(b)),
            Err(_) => {
                let bare = FailureConf {
                    invoke_id,
                    status,
                    ..Default::default()
                };
                if let Ok(b) = bare.to_bytes(settings) {
                    out.push(Output::Send(b));
                }
            }
        }
    }

    fn send<M: CtiMessage>(&mut self, msg: &M, invoke_id: u32, out: &mut Vec<Output>) {
        match msg.to_bytes(&self.settings) {
            Ok(b) => out.push(Output::Send(b)),
            Err(e) => {
                tracing::error!(session = self.id, error = %e, "confirmation failed to encode");
                self.fail(invoke_id, StatusCode::E_CTI_UNSPECIFIED_FAILURE, None, out);
            }
        }
    }
}

fn read_u32(body: &[u8], at: usize) -> Option<u32> {
    let b = body.get(at..at + 4)?;
    Some(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
}

/// The InvokeID of a request to echo in FAILURE_CONF: the first fixed field when the table
/// says it is the InvokeID; for types the table does not know, the first four bytes, since
/// every client request of the guide starts with it; otherwise 0.
pub fn request_invoke_id(type_id: u32, body: &[u8]) -> u32 {
    match cti_proto::layout::layout(type_id) {
        Some(l) => match l.spec.fixed.first() {
            Some(f) if f.name == "InvokeID" => read_u32(body, 0).unwrap_or(0),
            _ => 0,
        },
        None => read_u32(body, 0).unwrap_or(0),
    }
}

fn truncate_utf8(s: &mut String, max: usize) {
    if s.len() > max {
        let mut end = max;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        s.truncate(end);
    }
}

#[cfg(test)]
mod tests;
