//! Session state machine against a virtual clock.

use super::*;
use cti_proto::codes::AgentState;
use cti_proto::msg::{HeartbeatReq, QueryAgentStateReq};

fn frame(type_id: u32, body: &[u8]) -> Vec<u8> {
    let mut f = Vec::with_capacity(8 + body.len());
    f.extend_from_slice(&(body.len() as u32).to_be_bytes());
    f.extend_from_slice(&type_id.to_be_bytes());
    f.extend_from_slice(body);
    f
}

fn bridge_open(invoke_id: u32, version: u32, idle: u32) -> Vec<u8> {
    OpenReq {
        invoke_id,
        version_number: version,
        idle_timeout: idle,
        services_requested: ServiceMask::CTI_SERVICE_ALL_EVENTS,
        client_id: Some("test".into()),
        client_password: Some(vec![]),
        ..Default::default()
    }
    .to_bytes(&Settings::new(version.clamp(10, 18) as u8))
    .unwrap()
    .to_vec()
}

fn sent(out: &[Output]) -> Vec<Message> {
    out.iter()
        .filter_map(|o| match o {
            Output::Send(b) => Some(Message::decode_frame(b, &Settings::new(16)).unwrap()),
            _ => None,
        })
        .collect()
}

/// InvokeID and Status of the one FAILURE_CONF sent (read from the fixed part, which is the
/// same at every version).
fn failure(out: &[Output]) -> (u32, StatusCode) {
    match out {
        [Output::Send(b)] if b[4..8] == [0, 0, 0, 1] => {
            let u = |i: usize| u32::from_be_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]);
            (u(8), StatusCode(u(12)))
        }
        other => panic!("expected one FAILURE_CONF, got {other:?}"),
    }
}

fn opened(version: u32, idle: u32) -> Session {
    let mut s = Session::new(1, 0, SessionLimits::default());
    let mut out = vec![];
    s.handle_frame(0, &bridge_open(1, version, idle), &mut out);
    assert!(matches!(out.as_slice(), [Output::Open(_)]), "{out:?}");
    out.clear();
    s.open_accepted(0, OpenConf::default(), &mut out);
    assert!(s.is_open());
    s
}

#[test]
fn open_req_goes_to_the_hub_and_open_conf_echoes_the_invoke_id() {
    let mut s = Session::new(1, 0, SessionLimits::default());
    let mut out = vec![];
    s.handle_frame(5, &bridge_open(77, 16, 40), &mut out);
    let [Output::Open(req)] = out.as_slice() else {
        panic!("{out:?}")
    };
    assert_eq!(req.invoke_id, 77);
    assert_eq!(req.version, 16);
    assert_eq!(req.mode, Mode::Bridge);
    assert_eq!(req.client_id, "test");
    out.clear();
    s.open_accepted(
        5,
        OpenConf {
            ccx_online: true,
            agent_state: AgentState::AGENT_STATE_LOGOUT,
            ..Default::default()
        },
        &mut out,
    );
    match sent(&out).as_slice() {
        [Message::OpenConf(c)] => {
            assert_eq!(c.invoke_id, 77);
            assert!(c.ccx_online);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(s.settings().version, 16);
    assert_eq!(s.next_deadline(), Some(5 + 40_000));
}

#[test]
fn versions_outside_10_to_18_are_refused_and_the_session_may_retry() {
    for v in [0u32, 9, 19, 1000] {
        let mut s = Session::new(1, 0, SessionLimits::default());
        let mut out = vec![];
        let mut f = bridge_open(3, 16, 40);
        f[12..16].copy_from_slice(&v.to_be_bytes());
        s.handle_frame(0, &f, &mut out);
        assert_eq!(
            failure(&out),
            (3, StatusCode::E_CTI_INVALID_VERSION),
            "v{v}"
        );
        assert!(!s.is_closed());
        out.clear();
        s.handle_frame(1, &bridge_open(4, 18, 40), &mut out);
        assert!(matches!(out.as_slice(), [Output::Open(_)]));
    }
}

#[test]
fn idle_timeout_below_20_s_is_refused() {
    let mut s = Session::new(1, 0, SessionLimits::default());
    let mut out = vec![];
    s.handle_frame(0, &bridge_open(9, 15, 19), &mut out);
    assert_eq!(failure(&out), (9, StatusCode::E_CTI_INVALID_TIMEOUT));
    out.clear();
    s.handle_frame(0, &bridge_open(10, 15, 20), &mut out);
    assert!(matches!(out.as_slice(), [Output::Open(_)]));
}

#[test]
fn agent_mode_needs_an_agent_identifier() {
    let mut s = Session::new(1, 0, SessionLimits::default());
    let mut out = vec![];
    let mut req = OpenReq {
        invoke_id: 2,
        version_number: 16,
        idle_timeout: 40,
        services_requested: ServiceMask::CTI_SERVICE_CLIENT_EVENTS
            | ServiceMask::CTI_SERVICE_CLIENT_CONTROL,
        client_id: Some("desk".into()),
        client_password: Some(vec![]),
        agent_instrument: Some(Default::default()),
        ..Default::default()
    };
    let s16 = Settings::new(16);
    s.handle_frame(0, &req.to_bytes(&s16).unwrap(), &mut out);
    assert_eq!(failure(&out), (2, StatusCode::E_CTI_REQUIRED_DATA_MISSING));
    out.clear();
    req.agent_id = Some("agent01".into());
    s.handle_frame(0, &req.to_bytes(&s16).unwrap(), &mut out);
    let [Output::Open(o)] = out.as_slice() else {
        panic!("{out:?}")
    };
    assert_eq!(o.mode, Mode::Agent);
    assert_eq!(o.agent_id.as_deref(), Some("agent01"));
    assert_eq!(o.agent_instrument, None, "empty strings count as absent");
}

#[test]
fn client_events_and_all_events_are_exclusive() {
    let both = ServiceMask::CTI_SERVICE_CLIENT_EVENTS | ServiceMask::CTI_SERVICE_ALL_EVENTS;
    let mut req = OpenReq {
        invoke_id: 2,
        version_number: 16,
        idle_timeout: 40,
        services_requested: both,
        ..Default::default()
    };
    let s16 = Settings::new(16);
    let mut s = Session::new(1, 0, SessionLimits::default());
    let mut out = vec![];
    s.handle_frame(0, &req.to_bytes(&s16).unwrap(), &mut out);
    let [Output::Open(o)] = out.as_slice() else {
        panic!()
    };
    assert_eq!(o.mode, Mode::Bridge);
    req.agent_extension = Some("1001".into());
    let mut s = Session::new(1, 0, SessionLimits::default());
    out.clear();
    s.handle_frame(0, &req.to_bytes(&s16).unwrap(), &mut out);
    let [Output::Open(o)] = out.as_slice() else {
        panic!()
    };
    assert_eq!(o.mode, Mode::Agent);
}

#[test]
fn bridge_mode_drops_agent_fields() {
    let req = OpenReq {
        invoke_id: 2,
        version_number: 12,
        idle_timeout: 40,
        services_requested: ServiceMask::CTI_SERVICE_ALL_EVENTS,
        agent_id: Some("x".into()),
        ..Default::default()
    };
    let mut s = Session::new(1, 0, SessionLimits::default());
    let mut out = vec![];
    s.handle_frame(0, &req.to_bytes(&Settings::new(12)).unwrap(), &mut out);
    let [Output::Open(o)] = out.as_slice() else {
        panic!()
    };
    assert_eq!(o.agent_id, None);
}

#[test]
fn requests_before_open_get_session_not_open_with_their_invoke_id() {
    let mut s = Session::new(1, 0, SessionLimits::default());
    let mut out = vec![];
    let hb = HeartbeatReq {
        invoke_id: 41,
        ..Default::default()
    };
    s.handle_frame(0, &hb.to_bytes(&Settings::new(16)).unwrap(), &mut out);
    assert_eq!(failure(&out), (41, StatusCode::E_CTI_SESSION_NOT_OPEN));
    out.clear();
    s.handle_frame(0, &frame(9999, &[0, 0, 0, 42]), &mut out);
    assert_eq!(failure(&out), (42, StatusCode::E_CTI_SESSION_NOT_OPEN));
}

#[test]
fn second_open_req_is_already_open() {
    let mut s = opened(16, 40);
    let mut out = vec![];
    s.handle_frame(1, &bridge_open(8, 16, 40), &mut out);
    assert_eq!(failure(&out), (8, StatusCode::E_CTI_SESSION_ALREADY_OPEN));
    assert!(s.is_open());
}

#[test]
fn heartbeat_is_confirmed_and_close_closes() {
    let mut s = opened(16, 40);
    let mut out = vec![];
    let hb = HeartbeatReq {
        invoke_id: 5,
        ..Default::default()
    };
    s.handle_frame(1, &hb.to_bytes(&Settings::new(16)).unwrap(), &mut out);
    assert_eq!(
        out,
        vec![Output::Send(Bytes::from_static(&[
            0, 0, 0, 4, 0, 0, 0, 6, 0, 0, 0, 5
        ]))]
    );
    out.clear();
    s.handle_frame(2, &frame(7, &[0, 0, 0, 6, 0, 0, 0, 0]), &mut out);
    assert_eq!(
        out,
        vec![
            Output::Send(Bytes::from_static(&[0, 0, 0, 4, 0, 0, 0, 8, 0, 0, 0, 6])),
            Output::Close(CloseReason::ClientClosed)
        ]
    );
    assert!(s.is_closed());
    assert_eq!(s.next_deadline(), None);
}

#[test]
fn idle_timeout_counts_from_the_last_frame_received() {
    let mut s = opened(16, 20);
    let mut out = vec![];
    let hb = HeartbeatReq::default()
        .to_bytes(&Settings::new(16))
        .unwrap();
    s.handle_frame(15_000, &hb, &mut out);
    s.handle_timeout(34_999, &mut out);
    assert!(!out.iter().any(|o| matches!(o, Output::Close(_))));
    assert_eq!(s.next_deadline(), Some(35_000));
    out.clear();
    s.handle_timeout(35_000, &mut out);
    assert_eq!(out, vec![Output::Close(CloseReason::IdleTimeout)]);
}

#[test]
fn pre_open_timeout_is_not_reset_by_refused_requests() {
    let limits = SessionLimits {
        pre_open_timeout: 30_000,
        ..Default::default()
    };
    let mut s = Session::new(1, 1_000, limits);
    let mut out = vec![];
    s.handle_frame(20_000, &bridge_open(1, 30, 40), &mut out);
    out.clear();
    s.handle_timeout(30_999, &mut out);
    assert!(out.is_empty());
    s.handle_timeout(31_000, &mut out);
    assert_eq!(out, vec![Output::Close(CloseReason::PreOpenTimeout)]);
}

#[test]
fn strict_validation_answers_with_the_right_status() {
    let mut s = opened(16, 40);
    let cases: Vec<(Vec<u8>, u32, StatusCode)> = vec![
        // Unknown type.
        (
            frame(250, &[0, 0, 0, 1]),
            1,
            StatusCode::E_CTI_INVALID_MESSAGE_TYPE,
        ),
        // A server-only type sent by the client (HEARTBEAT_CONF).
        (
            frame(6, &[0, 0, 0, 2]),
            2,
            StatusCode::E_CTI_INVALID_MESSAGE_TYPE,
        ),
        // HEARTBEAT_REQ with a floating field of unknown tag 200.
        (
            frame(5, &[0, 0, 0, 3, 200, 1, 0]),
            3,
            StatusCode::E_CTI_INVALID_FIELD,
        ),
        // QUERY_AGENT_STATE_REQ with reserved field = 2 instead of 1.
        (
            frame(
                36,
                &[
                    0, 0, 0, 4, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 0, 194, 2, b'a', 0,
                ],
            ),
            4,
            StatusCode::E_CTI_INVALID_PERIPHERAL_ID,
        ),
        // Truncated fixed part.
        (frame(5, &[0, 0]), 0, StatusCode::E_CTI_INVALID_FIELD_LENGTH),
    ];
    for (f, invoke, status) in cases {
        let mut out = vec![];
        s.handle_frame(1, &f, &mut out);
        assert_eq!(failure(&out), (invoke, status), "{f:?}");
        assert!(s.is_open());
    }
    // A field longer than allowed (AgentID is at most 129 bytes), built by hand because the
    // encoder refuses to write it.
    let mut body = vec![0, 0, 0, 6, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 194, 200];
    body.extend(std::iter::repeat_n(b'a', 200));
    let mut out = vec![];
    s.handle_frame(1, &frame(36, &body), &mut out);
    assert_eq!(failure(&out), (6, StatusCode::E_CTI_INVALID_FIELD_LENGTH));
}

#[test]
fn valid_requests_go_to_the_hub() {
    let mut s = opened(16, 40);
    let q = QueryAgentStateReq {
        invoke_id: 6,
        agent_id: Some("a1".into()),
        ..Default::default()
    };
    let mut out = vec![];
    s.handle_frame(1, &q.to_bytes(&Settings::new(16)).unwrap(), &mut out);
    assert_eq!(
        out,
        vec![Output::Request(Box::new(Message::QueryAgentStateReq(q)))]
    );
}

#[test]
fn version_18_uses_two_byte_tags() {
    let req = OpenReq {
        invoke_id: 1,
        version_number: 18,
        idle_timeout: 40,
        services_requested: ServiceMask::CTI_SERVICE_ALL_EVENTS,
        client_id: Some("v18".into()),
        ..Default::default()
    };
    let v18 = req.to_bytes(&Settings::new(18)).unwrap();
    let mut s = Session::new(1, 0, SessionLimits::default());
    let mut out = vec![];
    s.handle_frame(0, &v18, &mut out);
    let [Output::Open(o)] = out.as_slice() else {
        panic!("{out:?}")
    };
    assert_eq!(o.client_id, "v18");
    // The same request with 1-byte tags but claiming version 18 is malformed.
    let mut v17_bytes = req.to_bytes(&Settings::new(17)).unwrap().to_vec();
    v17_bytes[12..16].copy_from_slice(&18u32.to_be_bytes());
    let mut s = Session::new(1, 0, SessionLimits::default());
    out.clear();
    s.handle_frame(0, &v17_bytes, &mut out);
    let (_, status) = failure(&out);
    assert_ne!(status, StatusCode::E_CTI_NO_ERROR);
}

#[test]
fn a_reply_that_cannot_be_encoded_becomes_unspecified_failure() {
    let mut s = opened(16, 40);
    let mut out = vec![];
    let bad = Message::FailureConf(FailureConf {
        invoke_id: 3,
        status: StatusCode::E_CTI_INVALID_CALLID,
        text: Some("x".repeat(1000).into()),
        ..Default::default()
    });
    s.replies(3, &[bad], &mut out);
    assert_eq!(failure(&out), (3, StatusCode::E_CTI_UNSPECIFIED_FAILURE));
}
