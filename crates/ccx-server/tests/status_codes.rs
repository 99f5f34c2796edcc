//! One test per row of the status table: the exact answer (message type, InvokeID
//! echoed, status) over real TCP, what happens to the connection afterwards, and a second,
//! healthy session on the same server that keeps working throughout.

mod support;

use ccx_server::ServerConfig;
use cti_proto::codes::{ConfigMsgMask, ServiceMask};
use cti_proto::msg::{CtiMessage, HeartbeatReq, Message, OpenReq, QueryAgentStateReq};
use cti_proto::StatusCode;
use support::*;

#[tokio::test(start_paused = true)]
async fn e_cti_invalid_version_1() {
    let ts = TestServer::start().await;
    let mut healthy = ts.bridge().await;
    let mut c = ts.connect().await;
    for (invoke, version) in [(11, 9), (12, 19), (13, 0)] {
        let mut req = bridge_open(invoke, 16);
        req.version_number = version;
        let f = req.to_bytes(&cti_proto::Settings::new(16)).unwrap();
        c.expect_failure(&f, invoke, StatusCode::E_CTI_INVALID_VERSION)
            .await;
        healthy.heartbeat_ok().await;
    }
    // The connection stays up: the client may retry with a supported version.
    c.open_ok(bridge_open(14, 18)).await;
    c.heartbeat_ok().await;
    healthy.heartbeat_ok().await;
    ts.stop().await;
}

#[tokio::test(start_paused = true)]
async fn e_cti_invalid_message_type_2() {
    let ts = TestServer::start().await;
    let mut healthy = ts.bridge().await;
    let mut c = ts.bridge().await;
    // A type the table does not know.
    c.expect_failure(
        &frame(250, &[0, 0, 0, 21]),
        21,
        StatusCode::E_CTI_INVALID_MESSAGE_TYPE,
    )
    .await;
    // A server-only type sent by the client: HEARTBEAT_CONF, and OPEN_CONF.
    c.expect_failure(
        &frame(6, &[0, 0, 0, 22]),
        22,
        StatusCode::E_CTI_INVALID_MESSAGE_TYPE,
    )
    .await;
    let open_conf = bytes_of(
        cti_proto::msg::OpenConf {
            invoke_id: 23,
            ..Default::default()
        },
        16,
    );
    c.expect_failure(&open_conf, 23, StatusCode::E_CTI_INVALID_MESSAGE_TYPE)
        .await;
    c.heartbeat_ok().await;
    healthy.heartbeat_ok().await;
    ts.stop().await;
}

#[tokio::test(start_paused = true)]
async fn e_cti_invalid_field_3() {
    let ts = TestServer::start().await;
    let mut healthy = ts.bridge().await;
    let mut c = ts.bridge().await;
    // HEARTBEAT_REQ with a tag no message defines (200), then with a known tag it does not
    // allow (Text[7]).
    c.expect_failure(
        &frame(5, &[0, 0, 0, 31, 200, 1, 0]),
        31,
        StatusCode::E_CTI_INVALID_FIELD,
    )
    .await;
    c.expect_failure(
        &frame(5, &[0, 0, 0, 32, 7, 2, b'x', 0]),
        32,
        StatusCode::E_CTI_INVALID_FIELD,
    )
    .await;
    c.heartbeat_ok().await;
    healthy.heartbeat_ok().await;
    ts.stop().await;
}

#[tokio::test(start_paused = true)]
async fn e_cti_session_not_open_4() {
    let ts = TestServer::start().await;
    let mut healthy = ts.bridge().await;
    let mut c = ts.connect().await;
    let hb = bytes_of(
        HeartbeatReq {
            invoke_id: 41,
            ..Default::default()
        },
        16,
    );
    c.expect_failure(&hb, 41, StatusCode::E_CTI_SESSION_NOT_OPEN)
        .await;
    let q = bytes_of(
        QueryAgentStateReq {
            invoke_id: 42,
            agent_id: Some("agent01".into()),
            ..Default::default()
        },
        16,
    );
    c.expect_failure(&q, 42, StatusCode::E_CTI_SESSION_NOT_OPEN)
        .await;
    healthy.heartbeat_ok().await;
    // Still connected: the session can be opened now.
    c.open_ok(bridge_open(43, 16)).await;
    c.heartbeat_ok().await;
    ts.stop().await;
}

#[tokio::test(start_paused = true)]
async fn e_cti_session_already_open_5() {
    let ts = TestServer::start().await;
    let mut healthy = ts.bridge().await;
    let mut c = ts.bridge().await;
    c.expect_failure(
        &open_frame(&bridge_open(51, 16)),
        51,
        StatusCode::E_CTI_SESSION_ALREADY_OPEN,
    )
    .await;
    c.heartbeat_ok().await;
    healthy.heartbeat_ok().await;
    assert_eq!(ts.server.sessions().len(), 2);
    ts.stop().await;
}

#[tokio::test(start_paused = true)]
async fn e_cti_required_data_missing_6() {
    let ts = TestServer::start().await;
    let mut healthy = ts.bridge().await;
    let mut c = ts.connect().await;
    // Agent mode with no AgentID, AgentExtension or AgentInstrument.
    let mut req = agent_open(61, 16, "desk", "agent01");
    req.agent_id = None;
    c.expect_failure(
        &open_frame(&req),
        61,
        StatusCode::E_CTI_REQUIRED_DATA_MISSING,
    )
    .await;
    healthy.heartbeat_ok().await;
    // The connection stays up.
    c.open_ok(agent_open(62, 16, "desk", "agent01")).await;
    c.heartbeat_ok().await;
    ts.stop().await;
}

#[tokio::test(start_paused = true)]
async fn e_cti_invalid_peripheral_id_7() {
    let ts = TestServer::start().await;
    let mut healthy = ts.bridge().await;
    let mut c = ts.connect().await;
    // OPEN_REQ's reserved UINT after IdleTimeout must be 0.
    let mut f = open_frame(&bridge_open(71, 16)).to_vec();
    f[8 + 12..8 + 16].copy_from_slice(&5u32.to_be_bytes());
    c.expect_failure(&f, 71, StatusCode::E_CTI_INVALID_PERIPHERAL_ID)
        .await;
    healthy.heartbeat_ok().await;
    c.open_ok(bridge_open(72, 16)).await;
    // On an open session: QUERY_AGENT_STATE_REQ's first reserved field must be 1.
    let mut body = vec![0, 0, 0, 73, 0, 0, 0, 9, 0, 0, 0, 1, 0, 0, 0, 0];
    body.extend_from_slice(&[194, 8]);
    body.extend_from_slice(b"agent01\0");
    c.expect_failure(
        &frame(36, &body),
        73,
        StatusCode::E_CTI_INVALID_PERIPHERAL_ID,
    )
    .await;
    c.heartbeat_ok().await;
    ts.stop().await;
}

#[tokio::test(start_paused = true)]
async fn e_cti_invalid_agent_data_8() {
    let ts = TestServer::start().await;
    let mut healthy = ts.bridge().await;
    let mut c = ts.connect().await;
    c.expect_failure(
        &open_frame(&agent_open(81, 16, "desk", "nobody")),
        81,
        StatusCode::E_CTI_INVALID_AGENT_DATA,
    )
    .await;
    // agent01's AgentID with agent02's extension: they do not belong together.
    let mut req = agent_open(82, 16, "desk", "agent01");
    req.agent_extension = Some(extension_of("agent02").into());
    c.expect_failure(&open_frame(&req), 82, StatusCode::E_CTI_INVALID_AGENT_DATA)
        .await;
    healthy.heartbeat_ok().await;
    c.open_ok(agent_open(83, 16, "desk", "agent01")).await;
    ts.stop().await;
}

#[tokio::test(start_paused = true)]
async fn e_cti_device_in_use_10() {
    let ts = TestServer::start().await;
    let mut healthy = ts.bridge().await;
    let mut first = ts.connect().await;
    first
        .open_ok(agent_open(101, 16, "desk-a", "agent05"))
        .await;
    let mut other = ts.connect().await;
    other
        .expect_failure(
            &open_frame(&agent_open(102, 16, "desk-b", "agent05")),
            102,
            StatusCode::E_CTI_DEVICE_IN_USE,
        )
        .await;
    // The phone's own session is untouched, the refused connection stays up.
    first.heartbeat_ok().await;
    healthy.heartbeat_ok().await;
    other
        .open_ok(agent_open(103, 16, "desk-b", "agent06"))
        .await;
    ts.stop().await;
}

#[tokio::test(start_paused = true)]
async fn e_cti_new_session_opened_11() {
    let ts = TestServer::start().await;
    let mut healthy = ts.bridge().await;
    let mut old = ts.connect().await;
    old.open_ok(agent_open(111, 16, "desk", "agent07")).await;
    let mut new = ts.connect().await;
    new.open_ok(agent_open(112, 16, "desk", "agent07")).await;
    // The older session is told, then closed.
    let before_close = old.expect_closed().await;
    assert_eq!(before_close.len(), 1, "{before_close:?}");
    assert_failure_event(&before_close[0], StatusCode::E_CTI_NEW_SESSION_OPENED);
    new.heartbeat_ok().await;
    healthy.heartbeat_ok().await;
    let sessions = ts.server.sessions();
    assert_eq!(
        sessions
            .iter()
            .filter(|s| s.agent.as_deref() == Some("agent07"))
            .count(),
        1
    );
    ts.stop().await;
}

#[tokio::test(start_paused = true)]
async fn e_cti_unspecified_failure_17() {
    let ts = TestServer::start().await;
    let mut healthy = ts.bridge().await;
    let mut c = ts.bridge().await;
    ts.server.inject_internal_failure();
    let q = bytes_of(
        QueryAgentStateReq {
            invoke_id: 171,
            agent_id: Some("agent01".into()),
            ..Default::default()
        },
        16,
    );
    c.expect_failure(&q, 171, StatusCode::E_CTI_UNSPECIFIED_FAILURE)
        .await;
    // Answered, logged, never a crash: the session and the server go on.
    c.heartbeat_ok().await;
    healthy.heartbeat_ok().await;
    let q = bytes_of(
        QueryAgentStateReq {
            invoke_id: 172,
            agent_id: Some("agent01".into()),
            ..Default::default()
        },
        16,
    );
    c.send(&q).await;
    let f = c.frame().await;
    assert_ne!(
        (u32_at(&f, 4), u32_at(&f, 12)),
        (1, 17),
        "the failure was one-shot"
    );
    ts.stop().await;
}

#[tokio::test(start_paused = true)]
async fn e_cti_invalid_timeout_18() {
    let ts = TestServer::start().await;
    let mut healthy = ts.bridge().await;
    let mut c = ts.connect().await;
    for (invoke, idle) in [(181, 19), (182, 0)] {
        let mut req = bridge_open(invoke, 16);
        req.idle_timeout = idle;
        c.expect_failure(&open_frame(&req), invoke, StatusCode::E_CTI_INVALID_TIMEOUT)
            .await;
    }
    healthy.heartbeat_ok().await;
    let mut req = bridge_open(183, 16);
    req.idle_timeout = 20;
    c.open_ok(req).await;
    ts.stop().await;
}

#[tokio::test(start_paused = true)]
async fn e_cti_invalid_field_length_23() {
    let ts = TestServer::start().await;
    let mut healthy = ts.bridge().await;
    let mut c = ts.bridge().await;
    // AgentID is at most 129 bytes.
    let mut body = vec![0, 0, 0, 231, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 194, 200];
    body.extend(std::iter::repeat_n(b'a', 200));
    c.expect_failure(
        &frame(36, &body),
        231,
        StatusCode::E_CTI_INVALID_FIELD_LENGTH,
    )
    .await;
    // A fixed part cut short: CLOSE_REQ with only its InvokeID.
    c.expect_failure(
        &frame(7, &[0, 0, 0, 232]),
        232,
        StatusCode::E_CTI_INVALID_FIELD_LENGTH,
    )
    .await;
    // A floating field whose length runs past the body.
    c.expect_failure(
        &frame(5, &[0, 0, 0, 233, 7, 50, b'x']),
        233,
        StatusCode::E_CTI_INVALID_FIELD_LENGTH,
    )
    .await;
    c.heartbeat_ok().await;
    healthy.heartbeat_ok().await;
    ts.stop().await;
}

#[tokio::test(start_paused = true)]
async fn e_cti_server_not_master_92() {
    let ts = TestServer::with(ServerConfig::default(), true, false).await;
    let mut healthy = ts.bridge().await;
    let mut c = Client::connect(ts.standby.unwrap()).await;
    c.expect_failure(
        &open_frame(&bridge_open(921, 16)),
        921,
        StatusCode::E_CTI_SERVER_NOT_MASTER,
    )
    .await;
    c.expect_failure(
        &open_frame(&agent_open(922, 18, "desk", "agent01")),
        922,
        StatusCode::E_CTI_SERVER_NOT_MASTER,
    )
    .await;
    // The connection stays up (the client moves on to the next node by itself).
    let hb = bytes_of(
        HeartbeatReq {
            invoke_id: 923,
            ..Default::default()
        },
        16,
    );
    c.expect_failure(&hb, 923, StatusCode::E_CTI_SESSION_NOT_OPEN)
        .await;
    healthy.heartbeat_ok().await;
    ts.stop().await;
}

#[tokio::test(start_paused = true)]
async fn e_cti_auto_config_reset_96() {
    let ts = TestServer::start().await;
    let mut healthy = ts.bridge().await;
    let mut config_client = ts.connect().await;
    let req = OpenReq {
        invoke_id: 961,
        version_number: 18,
        idle_timeout: 60,
        services_requested: ServiceMask::CTI_SERVICE_CONFIG_EVENTS,
        config_msg_mask: ConfigMsgMask(0x1F),
        client_id: Some("config".into()),
        ..Default::default()
    };
    let conf = config_client.open_ok(req).await;
    assert!(conf
        .services_granted
        .contains(ServiceMask::CTI_SERVICE_CONFIG_EVENTS));
    assert_eq!(conf.config_msg_mask_granted, Some(0x1F));
    ts.server.reload_config().unwrap();
    let f = loop {
        let f = config_client.frame().await;
        if u32_at(&f, 4) == 2 {
            break f;
        }
    };
    assert_failure_event(&f, StatusCode::E_CTI_AUTO_CONFIG_RESET);
    // The configuration client stays connected; the bridge client is not a configuration
    // client and gets nothing (its next frame is its own HEARTBEAT_CONF).
    config_client.heartbeat_ok().await;
    healthy.heartbeat_ok().await;
    ts.stop().await;
}

#[tokio::test(start_paused = true)]
async fn requests_are_checked_in_full_after_one_of_the_same_shape_passed() {
    // Each session's validator keeps the shape (field sequence) of the last valid request of
    // each type; a later request with the same fields is still checked for its reserved values
    // and lengths.
    let ts = TestServer::start().await;
    let mut c = ts.bridge().await;
    let query = |invoke: u8, reserved: u8, agent: &[u8]| {
        let mut body = vec![0, 0, 0, invoke, 0, 0, 0, reserved, 0, 0, 0, 1, 0, 0, 0, 0];
        body.extend_from_slice(&[194, agent.len() as u8]);
        body.extend_from_slice(agent);
        frame(36, &body)
    };
    c.send(&query(81, 1, b"agent01\0")).await;
    match c.msg().await {
        Message::QueryAgentStateConf(conf) => assert_eq!(conf.invoke_id, 81),
        other => panic!("expected QUERY_AGENT_STATE_CONF, got {other:?}"),
    }
    c.expect_failure(
        &query(82, 0, b"agent01\0"),
        82,
        StatusCode::E_CTI_INVALID_PERIPHERAL_ID,
    )
    .await;
    c.expect_failure(
        &query(83, 1, &[b'a'; 200]),
        83,
        StatusCode::E_CTI_INVALID_FIELD_LENGTH,
    )
    .await;
    c.send(&query(84, 1, b"agent01\0")).await;
    match c.msg().await {
        Message::QueryAgentStateConf(conf) => assert_eq!(conf.invoke_id, 84),
        other => panic!("expected QUERY_AGENT_STATE_CONF, got {other:?}"),
    }
    c.heartbeat_ok().await;
    ts.stop().await;
}
