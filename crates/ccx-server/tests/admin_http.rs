//! The admin HTTP API over real TCP, and the metrics it serves.

mod support;

use std::time::Duration;

use ccx_server::admin_client::{request, Response};
use ccx_server::ServerConfig;
use cti_proto::codes::SystemEventId;
use cti_proto::msg::Message;
use cti_proto::StatusCode;
use support::*;

async fn http(ts: &TestServer, method: &str, path: &str, body: &str) -> Response {
    request(
        ts.http.unwrap(),
        method,
        path,
        Some("application/json"),
        body.as_bytes(),
        Duration::from_secs(10),
    )
    .await
    .unwrap()
}

#[tokio::test]
async fn admin_api_drives_the_server() {
    let ts = TestServer::with(ServerConfig::default(), true, true).await;
    let mut bridge = ts.bridge().await;
    let mut desk = ts.connect().await;
    desk.open_ok(agent_open(2, 16, "desk", "agent31")).await;

    let r = http(&ts, "GET", "/api/sessions", "").await;
    assert_eq!(r.status, 200);
    let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(v["count"], 2);
    let modes: Vec<&str> = v["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["mode"].as_str().unwrap())
        .collect();
    assert!(
        modes.contains(&"bridge") && modes.contains(&"agent"),
        "{modes:?}"
    );

    let r = http(&ts, "POST", "/api/faults/ccx-offline", "").await;
    assert_eq!(r.status, 200);
    match bridge.msg().await {
        Message::SystemEvent(e) => assert_eq!(e.system_event_id, SystemEventId::SYS_CCX_OFFLINE),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        http(&ts, "POST", "/api/faults/ccx-online", "").await.status,
        200
    );
    bridge
        .msg_where(|m| matches!(m, Message::SystemEvent(_)))
        .await;

    assert_eq!(
        http(&ts, "POST", "/api/faults/cucm-down", "").await.status,
        200
    );
    assert_eq!(
        http(&ts, "POST", "/api/faults/cucm-up", "").await.status,
        200
    );

    for path in ["/api/agents", "/api/csqs", "/api/calls"] {
        let r = http(&ts, "GET", path, "").await;
        assert_eq!(r.status, 200, "{path}");
        assert!(serde_json::from_str::<serde_json::Value>(&r.body)
            .unwrap()
            .is_array());
    }
    let agents: serde_json::Value =
        serde_json::from_str(&http(&ts, "GET", "/api/agents", "").await.body).unwrap();
    assert!(agents.as_array().unwrap().len() >= 40);

    let r = http(
        &ts,
        "POST",
        "/api/calls",
        r#"{"dnis": "99999", "ani": "4085551234"}"#,
    )
    .await;
    assert!(!r.is_success(), "{r:?}");
    assert!(r.body.contains("error"));
    let r = http(&ts, "POST", "/api/calls", r#"{"nonsense": 1}"#).await;
    assert_eq!(r.status, 400);

    let r = http(&ts, "PUT", "/api/config", "this is not [toml").await;
    assert_eq!(r.status, 422, "{r:?}");
    let r = http(&ts, "PUT", "/api/config", &ccx_sim::Config::demo_toml()).await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(
        http(&ts, "POST", "/api/config/reload", "").await.status,
        200
    );

    let r = http(&ts, "GET", "/metrics", "").await;
    assert_eq!(r.status, 200);
    for want in [
        "ccx_sessions{mode=\"bridge\"} 1",
        "ccx_sessions{mode=\"agent\"} 1",
        "ccx_messages_in_total{type=\"OPEN_REQ\"} 2",
        "ccx_messages_out_total{type=\"OPEN_CONF\"} 2",
        "ccx_messages_out_total{type=\"SYSTEM_EVENT\"}",
        "ccx_idle_drops_total 0",
        "ccx_slow_consumers_dropped_total 0",
        "ccx_connections_refused_total",
    ] {
        assert!(r.body.contains(want), "missing {want} in\n{}", r.body);
    }

    // A failure shows up by status.
    let mut c = ts.connect().await;
    c.heartbeat_ok_before_open().await;
    let r = http(&ts, "GET", "/metrics", "").await;
    assert!(
        r.body.contains(
            "ccx_failures_total{status=\"E_CTI_SESSION_NOT_OPEN\",message=\"FAILURE_CONF\"} 1"
        ),
        "{}",
        r.body
    );

    let r = http(&ts, "POST", "/api/failover", "").await;
    assert_eq!(r.status, 200);
    assert!(r.body.contains(&ts.standby.unwrap().to_string()));
    assert!(bridge.expect_closed().await.is_empty());
    let mut c = ts.connect().await;
    c.expect_failure(
        &open_frame(&bridge_open(9, 16)),
        9,
        StatusCode::E_CTI_SERVER_NOT_MASTER,
    )
    .await;

    let r = http(&ts, "GET", "/api/nothing-here", "").await;
    assert_eq!(r.status, 404);
    ts.stop().await;
}
