//! Support for the call-flow tests: a server with the demo center on 127.0.0.1 port 0 (admin
//! HTTP included), and raw CTI peers over TCP that open a bridge or agent session, log in,
//! act, and collect what the server sent them.
//!
//! The collecting primitive is [`Peer::pending`]: it sends a HEARTBEAT_REQ and returns every
//! message that arrives before the matching HEARTBEAT_CONF. The server writes events a session
//! was handed before it reads that session's next request, so "pending" is exactly what the
//! flow so far produced for the session, in wire order, and an empty list proves silence.
#![allow(dead_code)]

use std::net::SocketAddr;
use std::time::Duration;

use bytes::BytesMut;
use ccx_server::{Listeners, Running, Server, ServerConfig};
use cti_proto::codec::FrameCodec;
use cti_proto::codes::{AgentState, AgentStateMask, CallEventMask, ConfigMsgMask, ServiceMask};
use cti_proto::msg::{HeartbeatReq, Message, OpenReq, SetAgentStateReq};
use cti_proto::wire::Settings;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio_util::codec::Decoder;
use tokio_util::sync::CancellationToken;

/// Protocol version every peer speaks (the newest: every field present).
pub const VERSION: u8 = 18;

/// How long a peer waits for a frame before the test fails. Virtual time under
/// `start_paused`: it only has to be longer than the longest model timer a flow waits for.
pub const FRAME_WAIT: Duration = Duration::from_secs(600);

/// IdleTimeout of every session: longer than any wait in a flow, so no session is dropped.
const IDLE_TIMEOUT_S: u32 = 3600;

/// The caller of every inbound flow.
pub const CALLER: &str = "+15550001";
/// The Sales trigger of the demo (application 1, CSQ 1).
pub const SALES_TRIGGER: &str = "5000";
/// CallVariable1 of the caller.
pub const ACCOUNT: &str = "4711";

/// A server with the demo center and the admin HTTP API, started for one test.
pub struct Center {
    pub server: Server,
    pub cti: SocketAddr,
    pub http: SocketAddr,
    shutdown: CancellationToken,
    running: Option<Running>,
}

impl Center {
    pub async fn start() -> Center {
        let bind = || async { TcpListener::bind("127.0.0.1:0").await.unwrap() };
        let listeners = Listeners {
            cti: bind().await,
            standby: None,
            http: Some(bind().await),
        };
        let shutdown = CancellationToken::new();
        let running =
            ccx_server::start(listeners, ServerConfig::default(), shutdown.clone()).unwrap();
        let server = running.server.clone();
        Center {
            cti: server.cti_addrs()[0],
            http: running.http_addr.unwrap(),
            server,
            shutdown,
            running: Some(running),
        }
    }

    /// A bridge-mode session (ALL_EVENTS, every call event and agent state).
    pub async fn bridge(&self, name: &str) -> Peer {
        let mut p = Peer::connect(self.cti, name).await;
        p.open(OpenReq {
            invoke_id: 1,
            version_number: VERSION as u32,
            idle_timeout: IDLE_TIMEOUT_S,
            services_requested: ServiceMask::CTI_SERVICE_ALL_EVENTS
                | ServiceMask::CTI_SERVICE_CLIENT_CONTROL
                | ServiceMask::CTI_SERVICE_CALL_DATA_UPDATE,
            call_msg_mask: CallEventMask(0xFFFF_FFFF),
            agent_state_mask: AgentStateMask(0x1FF),
            config_msg_mask: ConfigMsgMask::NONE,
            client_id: Some(name.into()),
            client_password: Some(vec![]),
            ..Default::default()
        })
        .await;
        p
    }

    /// An agent-mode desktop of the demo agent `login` (agentNN on extension 20NN), with
    /// every call event and agent state.
    pub async fn agent(&self, login: &str) -> Peer {
        self.agent_with_mask(login, CallEventMask(0xFFFF_FFFF))
            .await
    }

    /// An agent-mode desktop with this CallMsgMask.
    pub async fn agent_with_mask(&self, login: &str, call_msg_mask: CallEventMask) -> Peer {
        let mut p = Peer::connect(self.cti, login).await;
        let conf = p
            .open(OpenReq {
                invoke_id: 1,
                version_number: VERSION as u32,
                idle_timeout: IDLE_TIMEOUT_S,
                services_requested: ServiceMask::CTI_SERVICE_CLIENT_EVENTS
                    | ServiceMask::CTI_SERVICE_CLIENT_CONTROL
                    | ServiceMask::CTI_SERVICE_CALL_DATA_UPDATE,
                call_msg_mask,
                agent_state_mask: AgentStateMask(0x1FF),
                client_id: Some(format!("desk-{login}").into()),
                client_password: Some(vec![]),
                agent_id: Some(login.into()),
                ..Default::default()
            })
            .await;
        assert_eq!(conf.agent_id.as_deref(), Some(login));
        assert_eq!(
            conf.agent_extension.as_deref(),
            Some(extension(login).as_str())
        );
        p.agent = Some(login.into());
        p
    }

    /// An inbound call through the admin API (`POST /api/calls`); returns its CallID.
    pub async fn inject(&self, call: serde_json::Value) -> u32 {
        let r = ccx_server::admin_client::request(
            self.http,
            "POST",
            "/api/calls",
            Some("application/json"),
            call.to_string().as_bytes(),
            Duration::from_secs(10),
        )
        .await
        .unwrap();
        assert_eq!(r.status, 200, "POST /api/calls: {}", r.body);
        let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
        v["call_id"].as_u64().expect("call_id in the answer") as u32
    }

    pub async fn stop(mut self) {
        self.shutdown.cancel();
        if let Some(r) = self.running.take() {
            r.join().await;
        }
    }
}

/// The caller of the flows dialing Sales, with CallVariable1 and one ECC variable, plus
/// `extra` fields (`talk_s`, `patience_s`) for the `POST /api/calls` body.
pub fn sales_call(extra: serde_json::Value) -> serde_json::Value {
    let mut call = serde_json::json!({
        "dnis": SALES_TRIGGER,
        "ani": CALLER,
        "call_variables": [ACCOUNT, null, null, null, null, null, null, null, null, null],
        "ecc": [{ "name": "user.account", "value": ACCOUNT }],
    });
    if let (Some(c), Some(e)) = (call.as_object_mut(), extra.as_object()) {
        for (k, v) in e {
            c.insert(k.clone(), v.clone());
        }
    }
    call
}

/// The demo agent's extension, which is also its phone (agent01 → 2001).
pub fn extension(login: &str) -> String {
    let n: u32 = login.trim_start_matches("agent").parse().unwrap();
    format!("{}", 2000 + n)
}

/// Let `secs` of virtual time pass (the server's timers fire on the way).
pub async fn wait_s(secs: u64) {
    tokio::time::sleep(Duration::from_secs(secs)).await;
}

/// A raw CTI client: frames in, frames out, decoded at the session's version.
pub struct Peer {
    pub name: String,
    /// The agent bound to this session (agent mode).
    pub agent: Option<String>,
    stream: TcpStream,
    buf: BytesMut,
    codec: FrameCodec,
    settings: Settings,
    next_invoke: u32,
    /// Messages read while waiting for a set-up answer, not yet handed out.
    backlog: Vec<Message>,
}

impl Peer {
    async fn connect(addr: SocketAddr, name: &str) -> Peer {
        let stream = TcpStream::connect(addr).await.unwrap();
        stream.set_nodelay(true).unwrap();
        Peer {
            name: name.into(),
            agent: None,
            stream,
            buf: BytesMut::new(),
            codec: FrameCodec::new(1 << 20),
            settings: Settings::new(VERSION),
            next_invoke: 100,
            backlog: Vec::new(),
        }
    }

    async fn open(&mut self, req: OpenReq) -> cti_proto::msg::OpenConf {
        self.send(req).await;
        match self.next().await {
            Message::OpenConf(c) => c,
            other => panic!("{}: expected OPEN_CONF, got {other:?}", self.name),
        }
    }

    /// A fresh InvokeID for a request.
    pub fn invoke(&mut self) -> u32 {
        self.next_invoke += 1;
        self.next_invoke
    }

    pub async fn send(&mut self, msg: impl Into<Message>) {
        let b = msg.into().to_bytes(&self.settings).unwrap();
        self.stream.write_all(&b).await.unwrap();
    }

    /// The next message; the test fails if none comes or the server closes the connection.
    pub async fn next(&mut self) -> Message {
        let name = self.name.clone();
        let frame = tokio::time::timeout(FRAME_WAIT, async {
            loop {
                if let Some(f) = self.codec.decode(&mut self.buf).unwrap() {
                    return f.bytes;
                }
                match self.stream.read_buf(&mut self.buf).await {
                    Ok(0) | Err(_) => panic!("{name}: the server closed the connection"),
                    Ok(_) => {}
                }
            }
        })
        .await
        .unwrap_or_else(|_| panic!("{name}: nothing from the server in time"));
        Message::decode_frame(&frame, &self.settings)
            .unwrap_or_else(|e| panic!("{name}: undecodable frame {frame:?}: {e}"))
    }

    /// Every message the server has sent this session so far and not yet read, in order
    /// (a heartbeat round trip marks the end).
    pub async fn pending(&mut self) -> Vec<Message> {
        let id = self.invoke();
        self.send(HeartbeatReq {
            invoke_id: id,
            ..Default::default()
        })
        .await;
        let mut got = std::mem::take(&mut self.backlog);
        loop {
            match self.next().await {
                Message::HeartbeatConf(c) if c.invoke_id == id => return got,
                m => got.push(m),
            }
        }
    }

    /// Nothing is pending for this session.
    pub async fn assert_quiet(&mut self) {
        let got = self.pending().await;
        assert!(
            got.is_empty(),
            "{}: expected nothing, got {:?}",
            self.name,
            names(&got)
        );
    }

    /// A request whose answer must be the very next message: anything the session was
    /// sent before has been read with [`Peer::pending`], and the events the request causes
    /// for this session follow its answer (and are left pending).
    pub async fn request(&mut self, msg: impl Into<Message>) -> Message {
        assert!(
            self.backlog.is_empty(),
            "{}: unread messages before a request: {:?}",
            self.name,
            names(&self.backlog)
        );
        let msg = msg.into();
        let want = msg.invoke_id();
        self.send(msg).await;
        let answer = self.next().await;
        assert_eq!(
            answer.invoke_id(),
            want,
            "{}: the answer comes first and echoes the InvokeID: {answer:?}",
            self.name
        );
        answer
    }

    /// A request during set-up: messages still arriving from earlier requests are kept for
    /// [`Peer::pending`] until the answer comes.
    async fn request_in_setup(&mut self, msg: impl Into<Message>) -> Message {
        let msg = msg.into();
        let want = msg.invoke_id();
        self.send(msg).await;
        loop {
            let m = self.next().await;
            if m.invoke_id() == want && !is_event(&m) {
                return m;
            }
            self.backlog.push(m);
        }
    }

    /// SET_AGENT_STATE_REQ for the bound agent; the answer must be SET_AGENT_STATE_CONF.
    pub async fn set_state(&mut self, state: AgentState) {
        let login = self.agent.clone().expect("an agent-mode peer");
        let ext = extension(&login);
        let invoke_id = self.invoke();
        let req = SetAgentStateReq {
            invoke_id,
            agent_state: state,
            agent_instrument: ext.clone().into(),
            agent_id: Some(login.into()),
            agent_password: Some(format!("pw{ext}").into()),
            ..Default::default()
        };
        match self.request_in_setup(req).await {
            Message::SetAgentStateConf(_) => {}
            other => panic!("{}: SET_AGENT_STATE_REQ {state}: {other:?}", self.name),
        }
    }
}

/// Unsolicited messages (which carry no InvokeID).
fn is_event(m: &Message) -> bool {
    m.invoke_id().is_none()
}

/// The message names, for sequence assertions and readable failures.
pub fn names(msgs: &[Message]) -> Vec<&'static str> {
    msgs.iter().map(|m| m.name()).collect()
}

/// Assert the exact sequence of message names a session received.
#[track_caller]
pub fn assert_names(who: &str, got: &[Message], want: &[&str]) {
    assert_eq!(names(got), want, "{who}: messages in order");
}

/// Take the message at `i`, which must be of this variant.
macro_rules! at {
    ($msgs:expr, $i:expr, $variant:ident) => {
        match &$msgs[$i] {
            cti_proto::msg::Message::$variant(m) => m,
            other => panic!(
                "message {} should be {}, is {:?}",
                $i,
                stringify!($variant),
                other
            ),
        }
    };
}
