//! Test support: a scripted mock CTI node over real TCP on 127.0.0.1 port 0. A test accepts
//! connections, reads the client's frames as typed messages and answers from its own script.
#![allow(dead_code)]

use std::time::Duration;

use bytes::BytesMut;
use cti_proto::codec::FrameCodec;
use cti_proto::codes::{ServiceMask, StatusCode};
use cti_proto::msg::{FailureConf, HeartbeatConf, OpenConf, OpenReq};
use cti_proto::wire::Settings;
use cti_proto::Message;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio_util::codec::Decoder;

/// How long a test waits for anything before failing (virtual time when paused).
pub const WAIT: Duration = Duration::from_secs(120);

/// A listening mock node.
pub struct MockNode {
    listener: TcpListener,
    /// `127.0.0.1:PORT`.
    pub addr: String,
}

impl MockNode {
    pub async fn bind() -> MockNode {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap().to_string();
        MockNode { listener, addr }
    }

    /// The next connection.
    pub async fn accept(&self) -> MockConn {
        let (stream, _) = tokio::time::timeout(WAIT, self.listener.accept())
            .await
            .expect("the client connects")
            .unwrap();
        MockConn {
            stream,
            buf: BytesMut::new(),
            codec: FrameCodec::default(),
            settings: Settings::new(18),
        }
    }
}

/// One accepted connection.
pub struct MockConn {
    stream: TcpStream,
    buf: BytesMut,
    codec: FrameCodec,
    /// Settings the mock encodes and decodes with (set from OPEN_REQ).
    pub settings: Settings,
}

impl MockConn {
    /// The next message from the client; `None` when it closed the connection.
    pub async fn recv(&mut self) -> Option<Message> {
        loop {
            if let Some(f) = self.codec.decode(&mut self.buf).unwrap() {
                if f.header.type_id == 3 && f.body().len() >= 8 {
                    // OPEN_REQ: its fixed part names the version its floating part uses.
                    let b = f.body();
                    self.settings = Settings::new(b[7]);
                }
                let m = Message::decode_frame(&f.bytes, &self.settings)
                    .expect("client sends valid frames");
                if let Message::OpenReq(o) = &m {
                    self.settings = Settings::new(o.version_number as u8);
                }
                return Some(m);
            }
            let n = tokio::time::timeout(WAIT, self.stream.read_buf(&mut self.buf))
                .await
                .expect("the client sends something")
                .unwrap_or(0);
            if n == 0 {
                return None;
            }
        }
    }

    /// The next message that is not a heartbeat (heartbeats are answered on the way).
    pub async fn recv_request(&mut self) -> Option<Message> {
        loop {
            match self.recv().await? {
                Message::HeartbeatReq(h) => {
                    self.send(HeartbeatConf {
                        invoke_id: h.invoke_id,
                        ..Default::default()
                    })
                    .await
                }
                m => return Some(m),
            }
        }
    }

    pub async fn expect_open(&mut self) -> OpenReq {
        match self.recv().await {
            Some(Message::OpenReq(o)) => o,
            other => panic!("expected OPEN_REQ, got {other:?}"),
        }
    }

    /// Read OPEN_REQ and accept it.
    pub async fn accept_open(&mut self, services: ServiceMask) -> OpenReq {
        let open = self.expect_open().await;
        self.send(OpenConf {
            invoke_id: open.invoke_id,
            services_granted: services,
            ccx_online: true,
            ..Default::default()
        })
        .await;
        open
    }

    /// Read OPEN_REQ and refuse it.
    pub async fn refuse_open(&mut self, status: StatusCode) -> OpenReq {
        let open = self.expect_open().await;
        self.send(FailureConf {
            invoke_id: open.invoke_id,
            status,
            ..Default::default()
        })
        .await;
        open
    }

    pub async fn send(&mut self, m: impl Into<Message>) {
        let b = m.into().to_bytes(&self.settings).unwrap();
        self.send_raw(&b).await;
    }

    pub async fn send_raw(&mut self, b: &[u8]) {
        self.stream.write_all(b).await.unwrap();
    }

    /// Answer heartbeats until the client closes the connection; returns what else came.
    pub async fn serve_heartbeats(mut self) -> Vec<Message> {
        let mut other = Vec::new();
        while let Some(m) = self.recv().await {
            match m {
                Message::HeartbeatReq(h) => {
                    self.send(HeartbeatConf {
                        invoke_id: h.invoke_id,
                        ..Default::default()
                    })
                    .await
                }
                m => other.push(m),
            }
        }
        other
    }
}
