//! Session life cycle over TCP: heartbeat, close, idle timeout, pre-open timeout, shutdown.

mod support;

use std::time::Duration;

use ccx_server::ServerConfig;
use cti_proto::codes::{CcxStatus, SystemEventId};
use cti_proto::msg::{CloseReq, Message};
use cti_proto::StatusCode;
use support::*;

#[tokio::test(start_paused = true)]
async fn heartbeats_are_answered_at_every_version() {
    let ts = TestServer::start().await;
    for v in 10..=18 {
        let mut c = ts.connect().await;
        c.open_ok(bridge_open(v, v)).await;
        for _ in 0..3 {
            c.heartbeat_ok().await;
        }
    }
    ts.stop().await;
}

#[tokio::test(start_paused = true)]
async fn close_req_is_confirmed_then_the_connection_closes() {
    let ts = TestServer::start().await;
    let mut healthy = ts.bridge().await;
    let mut c = ts.bridge().await;
    assert_eq!(ts.server.sessions().len(), 2);
    c.send_msg(CloseReq {
        invoke_id: 77,
        status: StatusCode::E_CTI_NO_ERROR,
        ..Default::default()
    })
    .await;
    let rest = c.expect_closed().await;
    assert_eq!(rest.len(), 1);
    assert_eq!(
        &rest[0][..],
        &[0, 0, 0, 4, 0, 0, 0, 8, 0, 0, 0, 77],
        "CLOSE_CONF"
    );
    healthy.heartbeat_ok().await;
    assert_eq!(ts.server.sessions().len(), 1);
    ts.stop().await;
}

#[tokio::test(start_paused = true)]
async fn a_session_that_receives_nothing_for_idle_timeout_is_dropped() {
    let ts = TestServer::start().await;
    let mut quiet = ts.connect().await;
    let mut req = bridge_open(1, 16);
    req.idle_timeout = 20;
    quiet.open_ok(req.clone()).await;
    let mut healthy = ts.connect().await;
    healthy.open_ok(req).await;
    // The healthy client heartbeats every 10 s; the quiet one sends nothing.
    for _ in 0..3 {
        tokio::time::sleep(Duration::from_secs(10)).await;
        healthy.heartbeat_ok().await;
    }
    assert!(
        quiet.expect_closed().await.is_empty(),
        "dropped without a word"
    );
    healthy.heartbeat_ok().await;
    assert_eq!(ts.server.sessions().len(), 1);
    assert!(ts.server.metrics_text().contains("ccx_idle_drops_total 1"));
    ts.stop().await;
}

#[tokio::test(start_paused = true)]
async fn heartbeats_keep_a_session_alive_past_its_idle_timeout() {
    let ts = TestServer::start().await;
    let mut c = ts.connect().await;
    let mut req = bridge_open(1, 16);
    req.idle_timeout = 20;
    c.open_ok(req).await;
    for _ in 0..10 {
        tokio::time::sleep(Duration::from_secs(15)).await;
        c.heartbeat_ok().await;
    }
    assert_eq!(ts.server.sessions().len(), 1);
    ts.stop().await;
}

#[tokio::test(start_paused = true)]
async fn a_connection_without_open_req_is_closed_after_the_pre_open_timeout() {
    let config = ServerConfig {
        pre_open_timeout: Duration::from_secs(5),
        ..Default::default()
    };
    let ts = TestServer::with(config, false, false).await;
    let mut healthy = ts.bridge().await;
    let mut silent = ts.connect().await;
    let mut refused = ts.connect().await;
    let mut req = bridge_open(3, 16);
    req.version_number = 30;
    refused
        .expect_failure(&open_frame(&req), 3, StatusCode::E_CTI_INVALID_VERSION)
        .await;
    tokio::time::sleep(Duration::from_secs(4)).await;
    healthy.heartbeat_ok().await;
    assert!(silent.expect_closed().await.is_empty());
    assert!(refused.expect_closed().await.is_empty());
    healthy.heartbeat_ok().await;
    ts.stop().await;
}

#[tokio::test(start_paused = true)]
async fn the_default_pre_open_timeout_is_30_s() {
    let ts = TestServer::start().await;
    let mut silent = ts.connect().await;
    assert!(silent.quiet_for(Duration::from_secs(29)).await);
    assert!(silent.expect_closed().await.is_empty());
    ts.stop().await;
}

#[tokio::test(start_paused = true)]
async fn shutdown_tells_every_session_then_closes() {
    let ts = TestServer::start().await;
    let mut bridge = ts.bridge().await;
    let mut desk = ts.connect().await;
    desk.open_ok(agent_open(2, 18, "desk", "agent09")).await;
    let mut unopened = ts.connect().await;
    let token = ts.shutdown.clone();
    let server = ts.server.clone();
    let stopping = tokio::spawn(ts.stop());
    token.cancel();
    for c in [&mut bridge, &mut desk] {
        let frames = c.expect_closed().await;
        assert_eq!(frames.len(), 1, "{frames:?}");
        match Message::decode_frame(&frames[0], &c.settings).unwrap() {
            Message::SystemEvent(e) => {
                assert_eq!(e.ccx_status, CcxStatus::CCX_SHUTTING_DOWN);
                assert_eq!(e.system_event_id, SystemEventId::SYS_CCX_OFFLINE);
            }
            other => panic!("{other:?}"),
        }
    }
    assert!(unopened.expect_closed().await.is_empty());
    stopping.await.unwrap();
    assert_eq!(server.connection_count(), 0);
}
