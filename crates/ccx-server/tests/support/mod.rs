//! Test support: a server on 127.0.0.1 port 0, a raw CTI client over TCP, and frame builders.
#![allow(dead_code)]

use std::net::SocketAddr;
use std::time::Duration;

use bytes::{Bytes, BytesMut};
use ccx_server::{Listeners, Running, Server, ServerConfig};
use cti_proto::codec::FrameCodec;
use cti_proto::codes::{AgentStateMask, CallEventMask, ConfigMsgMask, ServiceMask};
use cti_proto::msg::{CtiMessage, HeartbeatReq, Message, OpenReq};
use cti_proto::wire::Settings;
use cti_proto::StatusCode;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio_util::codec::Decoder;
use tokio_util::sync::CancellationToken;

/// How long a test waits for an answer before it fails (virtual time when paused).
pub const ANSWER_WAIT: Duration = Duration::from_secs(5);

/// A server started for one test.
pub struct TestServer {
    pub server: Server,
    pub addr: SocketAddr,
    pub standby: Option<SocketAddr>,
    pub http: Option<SocketAddr>,
    pub shutdown: CancellationToken,
    running: Option<Running>,
}

impl TestServer {
    pub async fn start() -> TestServer {
        Self::with(ServerConfig::default(), false, false).await
    }

    pub async fn with(config: ServerConfig, standby: bool, http: bool) -> TestServer {
        let bind = || async { TcpListener::bind("127.0.0.1:0").await.unwrap() };
        let listeners = Listeners {
            cti: bind().await,
            standby: if standby { Some(bind().await) } else { None },
            http: if http { Some(bind().await) } else { None },
        };
        let standby_addr = listeners.standby.as_ref().map(|l| l.local_addr().unwrap());
        let shutdown = CancellationToken::new();
        let running = ccx_server::start(listeners, config, shutdown.clone()).unwrap();
        let server = running.server.clone();
        TestServer {
            addr: server.cti_addrs()[0],
            standby: standby_addr,
            http: running.http_addr,
            server,
            shutdown,
            running: Some(running),
        }
    }

    pub async fn connect(&self) -> Client {
        Client::connect(self.addr).await
    }

    /// A bridge-mode session, open and checked.
    pub async fn bridge(&self) -> Client {
        let mut c = self.connect().await;
        c.open_ok(bridge_open(1, 16)).await;
        c
    }

    pub async fn stop(mut self) {
        self.shutdown.cancel();
        if let Some(r) = self.running.take() {
            r.join().await;
        }
    }
}

/// A raw CTI client: frames in, frames out.
pub struct Client {
    pub stream: TcpStream,
    buf: BytesMut,
    codec: FrameCodec,
    pub settings: Settings,
    next_invoke: u32,
}

impl Client {
    pub async fn connect(addr: SocketAddr) -> Client {
        let stream = TcpStream::connect(addr).await.unwrap();
        stream.set_nodelay(true).unwrap();
        Client {
            stream,
            buf: BytesMut::new(),
            codec: FrameCodec::new(1 << 20),
            settings: Settings::new(16),
            next_invoke: 1000,
        }
    }

    pub async fn send(&mut self, frame: &[u8]) {
        self.stream.write_all(frame).await.unwrap();
    }

    pub async fn send_msg(&mut self, msg: impl Into<Message>) {
        let b = msg.into().to_bytes(&self.settings).unwrap();
        self.send(&b).await;
    }

    /// The next frame, or `None` if the server closed the connection.
    pub async fn recv(&mut self) -> Option<Bytes> {
        tokio::time::timeout(ANSWER_WAIT, self.recv_forever())
            .await
            .expect("no answer from the server in time")
    }

    async fn recv_forever(&mut self) -> Option<Bytes> {
        loop {
            if let Some(f) = self.codec.decode(&mut self.buf).unwrap() {
                return Some(f.bytes);
            }
            match self.stream.read_buf(&mut self.buf).await {
                Ok(0) | Err(_) => return None,
                Ok(_) => {}
            }
        }
    }

    /// The next frame, which must exist.
    pub async fn frame(&mut self) -> Bytes {
        self.recv().await.expect("the server closed the connection")
    }

    /// The next frame, decoded at the session's version.
    pub async fn msg(&mut self) -> Message {
        let f = self.frame().await;
        Message::decode_frame(&f, &self.settings).unwrap()
    }

    /// The next frame that is not `skip`ped (e.g. unrelated events).
    pub async fn msg_where(&mut self, want: impl Fn(&Message) -> bool) -> Message {
        loop {
            let m = self.msg().await;
            if want(&m) {
                return m;
            }
        }
    }

    /// Read every frame that arrives until none has come for 1 ms; returns how many.
    pub async fn drain(&mut self) -> usize {
        let mut n = 0;
        while let Ok(Some(_)) =
            tokio::time::timeout(Duration::from_millis(1), self.recv_forever()).await
        {
            n += 1;
        }
        n
    }

    /// True if nothing arrives within `wait` (and the connection stays up).
    pub async fn quiet_for(&mut self, wait: Duration) -> bool {
        tokio::time::timeout(wait, self.recv_forever())
            .await
            .is_err()
    }

    /// The server closes the connection (after any frames still on the way).
    pub async fn expect_closed(&mut self) -> Vec<Bytes> {
        let mut before = vec![];
        while let Some(f) = self.recv().await {
            before.push(f);
        }
        before
    }

    pub async fn open_ok(&mut self, req: OpenReq) -> cti_proto::msg::OpenConf {
        self.settings = Settings::new(req.version_number as u8);
        let invoke = req.invoke_id;
        self.send(&req.to_bytes(&self.settings).unwrap()).await;
        match self.msg().await {
            Message::OpenConf(c) => {
                assert_eq!(c.invoke_id, invoke);
                c
            }
            other => panic!("expected OPEN_CONF, got {other:?}"),
        }
    }

    /// HEARTBEAT_REQ answered by HEARTBEAT_CONF with the same InvokeID, byte for byte.
    pub async fn heartbeat_ok(&mut self) {
        self.next_invoke += 1;
        let id = self.next_invoke;
        let req = HeartbeatReq {
            invoke_id: id,
            ..Default::default()
        };
        self.send(&req.to_bytes(&self.settings).unwrap()).await;
        let f = self.frame().await;
        let mut want = vec![0, 0, 0, 4, 0, 0, 0, 6];
        want.extend_from_slice(&id.to_be_bytes());
        assert_eq!(&f[..], &want[..], "HEARTBEAT_CONF");
    }

    /// Before OPEN: a HEARTBEAT_REQ is answered E_CTI_SESSION_NOT_OPEN (the connection is up).
    pub async fn heartbeat_ok_before_open(&mut self) {
        let f = bytes_of(
            HeartbeatReq {
                invoke_id: 4,
                ..Default::default()
            },
            16,
        );
        self.expect_failure(&f, 4, StatusCode::E_CTI_SESSION_NOT_OPEN)
            .await;
    }

    /// Sends `frame` and checks the answer is FAILURE_CONF with `invoke_id` and `status`.
    pub async fn expect_failure(&mut self, frame: &[u8], invoke_id: u32, status: StatusCode) {
        self.send(frame).await;
        let f = self.frame().await;
        assert_failure_conf(&f, invoke_id, status);
    }
}

/// Checks the bytes of a FAILURE_CONF: MessageTypeID 1, the InvokeID echoed, the status;
/// BodyLength matches the frame (an optional Text may follow).
pub fn assert_failure_conf(f: &[u8], invoke_id: u32, status: StatusCode) {
    assert!(f.len() >= 16, "FAILURE_CONF too short: {f:?}");
    assert_eq!(u32_at(f, 0) as usize, f.len() - 8, "BodyLength");
    assert_eq!(u32_at(f, 4), 1, "MessageTypeID is FAILURE_CONF: {f:?}");
    assert_eq!(u32_at(f, 8), invoke_id, "InvokeID echoed");
    assert_eq!(StatusCode(u32_at(f, 12)), status, "Status");
}

/// Checks the bytes of a FAILURE_EVENT: MessageTypeID 2 and the status.
pub fn assert_failure_event(f: &[u8], status: StatusCode) {
    assert_eq!(u32_at(f, 0) as usize, f.len() - 8, "BodyLength");
    assert_eq!(u32_at(f, 4), 2, "MessageTypeID is FAILURE_EVENT: {f:?}");
    assert_eq!(StatusCode(u32_at(f, 8)), status, "Status");
}

pub fn u32_at(f: &[u8], i: usize) -> u32 {
    u32::from_be_bytes([f[i], f[i + 1], f[i + 2], f[i + 3]])
}

/// A frame with any type and body.
pub fn frame(type_id: u32, body: &[u8]) -> Vec<u8> {
    let mut f = Vec::with_capacity(8 + body.len());
    f.extend_from_slice(&(body.len() as u32).to_be_bytes());
    f.extend_from_slice(&type_id.to_be_bytes());
    f.extend_from_slice(body);
    f
}

/// OPEN_REQ for a bridge-mode client with every event.
pub fn bridge_open(invoke_id: u32, version: u32) -> OpenReq {
    OpenReq {
        invoke_id,
        version_number: version,
        idle_timeout: 60,
        services_requested: ServiceMask::CTI_SERVICE_ALL_EVENTS
            | ServiceMask::CTI_SERVICE_CLIENT_CONTROL
            | ServiceMask::CTI_SERVICE_CALL_DATA_UPDATE,
        call_msg_mask: CallEventMask(0xFFFF_FFFF),
        agent_state_mask: AgentStateMask(0x1FF),
        config_msg_mask: ConfigMsgMask::NONE,
        client_id: Some("bridge".into()),
        client_password: Some(vec![]),
        ..Default::default()
    }
}

/// OPEN_REQ for an agent-mode desktop of the demo agent `agent` (agentNN, extension 20NN).
pub fn agent_open(invoke_id: u32, version: u32, client_id: &str, agent: &str) -> OpenReq {
    OpenReq {
        invoke_id,
        version_number: version,
        idle_timeout: 60,
        services_requested: ServiceMask::CTI_SERVICE_CLIENT_EVENTS
            | ServiceMask::CTI_SERVICE_CLIENT_CONTROL
            | ServiceMask::CTI_SERVICE_CALL_DATA_UPDATE,
        call_msg_mask: CallEventMask(0xFFFF_FFFF),
        agent_state_mask: AgentStateMask(0x1FF),
        client_id: Some(client_id.into()),
        client_password: Some(vec![]),
        agent_id: Some(agent.into()),
        ..Default::default()
    }
}

/// The demo agent's extension (agent01 → 2001).
pub fn extension_of(agent: &str) -> String {
    let n: u32 = agent.trim_start_matches("agent").parse().unwrap();
    format!("{}", 2000 + n)
}

pub fn bytes_of(msg: impl Into<Message>, version: u8) -> Bytes {
    msg.into().to_bytes(&Settings::new(version)).unwrap()
}

pub fn open_frame(req: &OpenReq) -> Bytes {
    req.to_bytes(&Settings::new(req.version_number.clamp(10, 18) as u8))
        .unwrap()
}
