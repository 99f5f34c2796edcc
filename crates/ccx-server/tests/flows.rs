//! The call flows of `docs/call-flows.md`, end to end over real TCP: a bridge session observes
//! (ALL_EVENTS), agent-mode desktops act (CLIENT_EVENTS | CLIENT_CONTROL, logged in with
//! SET_AGENT_STATE_REQ), calls arrive through the admin API (`POST /api/calls`). Each step
//! checks the exact sequence of messages every session received and their key fields: CallID
//! consistency, ANI/DNIS, call variables, CSQ and application, devices and device types,
//! connection states, event causes, call types, agent states and reason codes.
//!
//! Time is paused: the ring-no-answer, abandon, talk and outside-answer timers of the model
//! fire as virtual time passes, so nothing waits for real and nothing asserts on timing.

#[macro_use]
mod flows_support;

use cti_proto::codes::{
    AgentState, CallEventMask, CallType, DeviceType, EventCause, LocalConnectionState as Lcs,
    ReasonCode,
};
use cti_proto::msg::{
    AnswerCallReq, ClearCallReq, ClearConnectionReq, ConferenceCallReq, ConsultCallReq,
    HoldCallReq, MakeCallReq, Message, NamedVariable, RetrieveCallReq, SetCallDataReq,
    TransferCallReq,
};
use flows_support::*;
use serde_json::json;

// ----- steps shared by several flows -----

/// Open `login`'s desktop, log the agent in, and make it Ready if asked. The bridge and the
/// desktop both see the agent's state changes, ending in the state asked for.
async fn desk(center: &Center, bridge: &mut Peer, login: &str, ready: bool) -> Peer {
    let mut desk = center.agent(login).await;
    desk.set_state(AgentState::AGENT_STATE_LOGIN).await;
    if ready {
        desk.set_state(AgentState::AGENT_STATE_READY).await;
    }
    let want = if ready {
        AgentState::AGENT_STATE_READY
    } else {
        AgentState::AGENT_STATE_NOT_READY
    };
    for peer in [&mut *bridge, &mut desk] {
        let got = peer.pending().await;
        assert!(
            !got.is_empty(),
            "{}: no AGENT_STATE_EVENT for {login}",
            peer.name
        );
        for m in &got {
            let Message::AgentStateEvent(e) = m else {
                panic!(
                    "{}: only agent states while {login} logs in: {m:?}",
                    peer.name
                );
            };
            assert_eq!(e.agent_id.as_deref(), Some(login));
            assert_eq!(
                e.agent_extension.as_deref(),
                Some(extension(login).as_str())
            );
        }
        let last = at!(got, got.len() - 1, AgentStateEvent);
        assert_eq!(
            last.agent_state, want,
            "{}: {login} ends up {want}",
            peer.name
        );
    }
    desk
}

/// Check an AGENT_STATE_EVENT's agent, state and reason.
#[track_caller]
fn assert_agent_state(m: &Message, login: &str, state: AgentState, reason: ReasonCode) {
    let Message::AgentStateEvent(e) = m else {
        panic!("expected AGENT_STATE_EVENT of {login}, got {m:?}");
    };
    assert_eq!(e.agent_id.as_deref(), Some(login), "AgentID");
    assert_eq!(
        e.agent_instrument.as_deref(),
        Some(extension(login).as_str())
    );
    assert_eq!(e.agent_state, state, "{login}'s state");
    assert_eq!(e.event_reason_code, reason, "{login}'s reason code");
}

/// The BEGIN_CALL_EVENT of the caller's inbound call.
#[track_caller]
fn assert_inbound_begin(m: &Message, id: u32, call_type: CallType) {
    let Message::BeginCallEvent(e) = m else {
        panic!("expected BEGIN_CALL_EVENT, got {m:?}");
    };
    assert_eq!(e.call_id, id, "CallID");
    assert_eq!(e.call_type, call_type);
    assert_eq!(e.ani.as_deref(), Some(CALLER), "ANI");
    assert_eq!(e.dnis.as_deref(), Some(SALES_TRIGGER), "DNIS");
    assert_eq!(e.call_variable_1.as_deref(), Some(ACCOUNT), "CallVariable1");
    assert_eq!(
        e.named_variables,
        vec![NamedVariable::new("user.account", ACCOUNT)],
        "ECC variables"
    );
}

/// What the bridge sees when the call reaches the Sales route point and queues: BEGIN_CALL,
/// DELIVERED at the route point, ESTABLISHED on a CTI port, QUEUED on CSQ 1. Returns the port.
#[track_caller]
fn assert_queued(got: &[Message], id: u32) -> String {
    assert_inbound_begin(&got[0], id, CallType::CALLTYPE_CCX_IN);

    let d = at!(got, 1, CallDeliveredEvent);
    assert_eq!(d.call_id, id);
    assert_eq!(d.alerting_device_id.as_deref(), Some(SALES_TRIGGER));
    assert_eq!(d.alerting_device_type, DeviceType::DEVID_ROUTE_POINT);
    assert_eq!(d.calling_device_id.as_deref(), Some(CALLER));
    assert_eq!(d.called_device_id.as_deref(), Some(SALES_TRIGGER));
    assert_eq!(d.local_connection_state, Lcs::LCS_ALERTING);
    assert_eq!(d.event_cause, EventCause::CEC_NEW_CALL);
    assert_eq!(d.application_id, 1, "Sales application");
    assert_eq!(d.csq_id, 1, "Sales CSQ");
    assert_eq!(d.ani.as_deref(), Some(CALLER));
    assert_eq!(d.dnis.as_deref(), Some(SALES_TRIGGER));

    let e = at!(got, 2, CallEstablishedEvent);
    assert_eq!(e.call_id, id);
    assert_eq!(e.answering_device_type, DeviceType::DEVID_CTI_PORT);
    let port = e
        .answering_device_id
        .clone()
        .expect("the answering CTI port");
    assert!(port.starts_with("70"), "a demo CTI port: {port}");
    assert_eq!(e.calling_device_id.as_deref(), Some(CALLER));
    assert_eq!(e.local_connection_state, Lcs::LCS_CONNECT);

    let q = at!(got, 3, CallQueuedEvent);
    assert_eq!(q.call_id, id);
    assert_eq!(q.connection_device_id, port, "queued on the CTI port");
    assert_eq!(q.queue_device_id.as_deref(), Some("1"), "queue = CSQ 1");
    assert_eq!(q.queue_device_type, DeviceType::DEVID_QUEUE);
    assert_eq!(q.local_connection_state, Lcs::LCS_QUEUED);
    assert_eq!(q.application_id, 1);
    port.into()
}

/// DELIVERED at the agent's phone then DIVERTED from the port to it, at `got[i..]`.
#[track_caller]
fn assert_offered_at(got: &[Message], i: usize, id: u32, login: &str, port: &str) {
    let ext = extension(login);
    let d = at!(got, i, CallDeliveredEvent);
    assert_eq!(d.call_id, id);
    assert_eq!(d.alerting_device_id.as_deref(), Some(ext.as_str()));
    assert_eq!(d.alerting_device_type, DeviceType::DEVID_AGENT_DEVICE);
    assert_eq!(d.calling_device_id.as_deref(), Some(CALLER));
    assert_eq!(d.called_device_id.as_deref(), Some(ext.as_str()));
    assert_eq!(d.last_redirect_device_id.as_deref(), Some(port));
    assert_eq!(d.local_connection_state, Lcs::LCS_ALERTING);
    assert_eq!(d.csq_id, 1);
    assert_eq!(d.application_id, 1);
    assert_eq!(d.call_variable_1.as_deref(), Some(ACCOUNT));

    let v = at!(got, i + 1, CallDivertedEvent);
    assert_eq!(v.call_id, id);
    assert_eq!(v.diverting_device_id, port);
    assert_eq!(v.diverting_device_type, DeviceType::DEVID_CTI_PORT);
    assert_eq!(v.called_device_id, ext);
    assert_eq!(v.called_device_type, DeviceType::DEVID_AGENT_DEVICE);
    assert_eq!(v.event_cause, EventCause::CEC_REDIRECTED);
}

/// The caller dials Sales while `login` is the longest-Ready agent: checks what the bridge
/// and the agent's desktop see, and returns the CallID and the CTI port.
async fn call_offered_to(
    center: &Center,
    bridge: &mut Peer,
    desk: &mut Peer,
    extra: serde_json::Value,
) -> (u32, String) {
    let login = desk.agent.clone().unwrap();
    let id = center.inject(sales_call(extra)).await;

    let got = bridge.pending().await;
    assert_names(
        "bridge",
        &got,
        &[
            "BEGIN_CALL_EVENT",
            "CALL_DELIVERED_EVENT",
            "CALL_ESTABLISHED_EVENT",
            "CALL_QUEUED_EVENT",
            "AGENT_STATE_EVENT",
            "CALL_DELIVERED_EVENT",
            "CALL_DIVERTED_EVENT",
        ],
    );
    let port = assert_queued(&got, id);
    assert_agent_state(
        &got[4],
        &login,
        AgentState::AGENT_STATE_RESERVED,
        ReasonCode(0),
    );
    assert_offered_at(&got, 5, id, &login, &port);

    let got = desk.pending().await;
    assert_names(
        &login,
        &got,
        &[
            "AGENT_STATE_EVENT",
            "BEGIN_CALL_EVENT",
            "CALL_DELIVERED_EVENT",
            "CALL_DIVERTED_EVENT",
        ],
    );
    assert_agent_state(
        &got[0],
        &login,
        AgentState::AGENT_STATE_RESERVED,
        ReasonCode(0),
    );
    assert_inbound_begin(&got[1], id, CallType::CALLTYPE_CCX_IN);
    assert_offered_at(&got, 2, id, &login, &port);
    (id, port)
}

/// The agent answers the ringing call `id`: ESTABLISHED at its phone, then Talking.
async fn answer(desk: &mut Peer, others: &mut [&mut Peer], id: u32, calling: &str) {
    let login = desk.agent.clone().unwrap();
    let ext = extension(&login);
    let invoke_id = desk.invoke();
    let answer = desk
        .request(AnswerCallReq {
            invoke_id,
            call_id: id,
            connection_device_id: Some(ext.clone().into()),
            agent_instrument: Some(ext.clone().into()),
            ..Default::default()
        })
        .await;
    assert!(matches!(answer, Message::AnswerCallConf(_)), "{answer:?}");
    for peer in std::iter::once(desk).chain(others.iter_mut().map(|p| &mut **p)) {
        let got = peer.pending().await;
        assert_names(
            &peer.name,
            &got,
            &["CALL_ESTABLISHED_EVENT", "AGENT_STATE_EVENT"],
        );
        let e = at!(got, 0, CallEstablishedEvent);
        assert_eq!(e.call_id, id);
        assert_eq!(e.answering_device_id.as_deref(), Some(ext.as_str()));
        assert_eq!(e.answering_device_type, DeviceType::DEVID_AGENT_DEVICE);
        assert_eq!(e.calling_device_id.as_deref(), Some(calling));
        assert_eq!(e.local_connection_state, Lcs::LCS_CONNECT);
        assert_agent_state(
            &got[1],
            &login,
            AgentState::AGENT_STATE_TALKING,
            ReasonCode(0),
        );
    }
}

/// The caller has hung up: CONNECTION_CLEARED (the caller's connection), CALL_CLEARED,
/// END_CALL, at `got[i..]`.
#[track_caller]
fn assert_caller_hung_up(got: &[Message], i: usize, id: u32) {
    let c = at!(got, i, CallConnectionClearedEvent);
    assert_eq!(c.call_id, id);
    assert_eq!(c.releasing_device_id, CALLER);
    assert_eq!(c.releasing_device_type, DeviceType::DEVID_DEVICE_IDENTIFIER);
    let c = at!(got, i + 1, CallClearedEvent);
    assert_eq!(c.call_id, id);
    assert_eq!(c.local_connection_state, Lcs::LCS_NULL);
    let e = at!(got, i + 2, EndCallEvent);
    assert_eq!(e.call_id, id);
}

// ----- the flows -----

#[tokio::test(start_paused = true)]
async fn inbound_acd_call_answered() {
    let center = Center::start().await;
    let mut bridge = center.bridge("bridge").await;
    let mut agent01 = desk(&center, &mut bridge, "agent01", true).await;

    let (id, _port) =
        call_offered_to(&center, &mut bridge, &mut agent01, json!({ "talk_s": 20 })).await;
    answer(&mut agent01, &mut [&mut bridge], id, CALLER).await;

    // The caller hangs up 20 s after the answer. Sales has no auto-work and the center is
    // auto-available: agent01 goes straight back to Ready.
    wait_s(21).await;
    for peer in [&mut bridge, &mut agent01] {
        let got = peer.pending().await;
        assert_names(
            &peer.name,
            &got,
            &[
                "CALL_CONNECTION_CLEARED_EVENT",
                "CALL_CLEARED_EVENT",
                "END_CALL_EVENT",
                "AGENT_STATE_EVENT",
            ],
        );
        assert_caller_hung_up(&got, 0, id);
        assert_agent_state(
            &got[3],
            "agent01",
            AgentState::AGENT_STATE_READY,
            ReasonCode(0),
        );
    }
    center.stop().await;
}

#[tokio::test(start_paused = true)]
async fn hold_and_retrieve() {
    let center = Center::start().await;
    let mut bridge = center.bridge("bridge").await;
    let mut agent01 = desk(&center, &mut bridge, "agent01", true).await;
    let (id, _) = call_offered_to(&center, &mut bridge, &mut agent01, json!({})).await;
    answer(&mut agent01, &mut [&mut bridge], id, CALLER).await;

    let invoke_id = agent01.invoke();
    let r = agent01
        .request(HoldCallReq {
            invoke_id,
            call_id: id,
            connection_device_id: "2001".into(),
            ..Default::default()
        })
        .await;
    assert!(matches!(r, Message::HoldCallConf(_)), "{r:?}");
    // No Hold agent state in UCCX: the agent stays Talking, so only the call event.
    for peer in [&mut bridge, &mut agent01] {
        let got = peer.pending().await;
        assert_names(&peer.name, &got, &["CALL_HELD_EVENT"]);
        let h = at!(got, 0, CallHeldEvent);
        assert_eq!(h.call_id, id);
        assert_eq!(h.holding_device_id, "2001");
        assert_eq!(h.holding_device_type, DeviceType::DEVID_AGENT_DEVICE);
        assert_eq!(h.local_connection_state, Lcs::LCS_HOLD);
    }

    let invoke_id = agent01.invoke();
    let r = agent01
        .request(RetrieveCallReq {
            invoke_id,
            held_call_id: id,
            held_connection_device_id: "2001".into(),
            ..Default::default()
        })
        .await;
    assert!(matches!(r, Message::RetrieveCallConf(_)), "{r:?}");
    for peer in [&mut bridge, &mut agent01] {
        let got = peer.pending().await;
        assert_names(&peer.name, &got, &["CALL_RETRIEVED_EVENT"]);
        let e = at!(got, 0, CallRetrievedEvent);
        assert_eq!(e.call_id, id);
        assert_eq!(e.retrieving_device_id.as_deref(), Some("2001"));
        assert_eq!(e.local_connection_state, Lcs::LCS_CONNECT);
    }
    center.stop().await;
}

#[tokio::test(start_paused = true)]
async fn call_msg_mask_without_call_held_filters_the_agent_session() {
    let center = Center::start().await;
    let mut bridge = center.bridge("bridge").await;
    let mask = CallEventMask(!CallEventMask::CALL_HELD_MASK.0);
    let mut agent01 = center.agent_with_mask("agent01", mask).await;
    agent01.set_state(AgentState::AGENT_STATE_LOGIN).await;
    agent01.set_state(AgentState::AGENT_STATE_READY).await;
    bridge.pending().await;
    agent01.pending().await;
    let (id, _) = call_offered_to(&center, &mut bridge, &mut agent01, json!({})).await;
    answer(&mut agent01, &mut [&mut bridge], id, CALLER).await;

    let invoke_id = agent01.invoke();
    let r = agent01
        .request(HoldCallReq {
            invoke_id,
            call_id: id,
            connection_device_id: "2001".into(),
            ..Default::default()
        })
        .await;
    assert!(matches!(r, Message::HoldCallConf(_)), "{r:?}");
    // The bridge (every call event) gets CALL_HELD; the desktop whose mask lacks it does not.
    assert_names("bridge", &bridge.pending().await, &["CALL_HELD_EVENT"]);
    agent01.assert_quiet().await;

    let invoke_id = agent01.invoke();
    let r = agent01
        .request(RetrieveCallReq {
            invoke_id,
            held_call_id: id,
            held_connection_device_id: "2001".into(),
            ..Default::default()
        })
        .await;
    assert!(matches!(r, Message::RetrieveCallConf(_)), "{r:?}");
    // CALL_RETRIEVED is in its mask.
    for peer in [&mut bridge, &mut agent01] {
        let got = peer.pending().await;
        assert_names(&peer.name, &got, &["CALL_RETRIEVED_EVENT"]);
    }
    center.stop().await;
}

/// agent01 talks to the caller and consults agent02 (Not Ready), who answers. Returns the
/// call IDs (original, consult).
async fn consulted(
    center: &Center,
    bridge: &mut Peer,
    agent01: &mut Peer,
    agent02: &mut Peer,
) -> (u32, u32) {
    let (id, _) = call_offered_to(center, bridge, agent01, json!({})).await;
    answer(agent01, &mut [&mut *bridge], id, CALLER).await;

    let invoke_id = agent01.invoke();
    let r = agent01
        .request(ConsultCallReq {
            invoke_id,
            active_call_id: id,
            active_connection_device_id: "2001".into(),
            dialed_number: "2002".into(),
            consult_type: 1,
            ..Default::default()
        })
        .await;
    let Message::ConsultCallConf(conf) = r else {
        panic!("CONSULT_CALL_REQ: {r:?}");
    };
    let c2 = conf.new_call_id;
    assert_ne!(c2, id, "the consult call is a new call");

    // The original call is held, the consult call starts at agent01's phone and rings at
    // agent02's. The consult call carries the original call's data.
    for peer in [&mut *bridge, &mut *agent01] {
        let got = peer.pending().await;
        assert_names(
            &peer.name,
            &got,
            &[
                "CALL_HELD_EVENT",
                "BEGIN_CALL_EVENT",
                "CALL_SERVICE_INITIATED_EVENT",
                "CALL_ORIGINATED_EVENT",
                "CALL_DELIVERED_EVENT",
            ],
        );
        let h = at!(got, 0, CallHeldEvent);
        assert_eq!((h.call_id, h.holding_device_id.as_str()), (id, "2001"));
        assert_eq!(h.local_connection_state, Lcs::LCS_HOLD);
        let b = at!(got, 1, BeginCallEvent);
        assert_eq!(b.call_id, c2);
        assert_eq!(b.call_type, CallType::CALLTYPE_CONSULT);
        assert_eq!(b.connection_device_id, "2001");
        assert_eq!(b.call_variable_1.as_deref(), Some(ACCOUNT));
        let s = at!(got, 2, CallServiceInitiatedEvent);
        assert_eq!((s.call_id, s.calling_device_id.as_str()), (c2, "2001"));
        assert_eq!(s.local_connection_state, Lcs::LCS_INITIATE);
        let o = at!(got, 3, CallOriginatedEvent);
        assert_eq!(o.call_id, c2);
        assert_eq!(o.calling_device_id, "2001");
        assert_eq!(o.called_device_id.as_deref(), Some("2002"));
        assert_eq!(o.called_device_type, DeviceType::DEVID_AGENT_DEVICE);
        let d = at!(got, 4, CallDeliveredEvent);
        assert_eq!(d.call_id, c2);
        assert_eq!(d.alerting_device_id.as_deref(), Some("2002"));
        assert_eq!(d.calling_device_id.as_deref(), Some("2001"));
        assert_eq!(d.local_connection_state, Lcs::LCS_ALERTING);
    }
    let got = agent02.pending().await;
    assert_names(
        "agent02",
        &got,
        &["BEGIN_CALL_EVENT", "CALL_DELIVERED_EVENT"],
    );
    let b = at!(got, 0, BeginCallEvent);
    assert_eq!((b.call_id, b.call_type), (c2, CallType::CALLTYPE_CONSULT));
    assert_eq!(at!(got, 1, CallDeliveredEvent).call_id, c2);

    // agent02 answers the consult call; agent01 is not told agent02's state.
    let invoke_id = agent02.invoke();
    let r = agent02
        .request(AnswerCallReq {
            invoke_id,
            call_id: c2,
            agent_instrument: Some("2002".into()),
            ..Default::default()
        })
        .await;
    assert!(matches!(r, Message::AnswerCallConf(_)), "{r:?}");
    for peer in [&mut *bridge, &mut *agent02] {
        let got = peer.pending().await;
        assert_names(
            &peer.name,
            &got,
            &["CALL_ESTABLISHED_EVENT", "AGENT_STATE_EVENT"],
        );
        let e = at!(got, 0, CallEstablishedEvent);
        assert_eq!(e.call_id, c2);
        assert_eq!(e.answering_device_id.as_deref(), Some("2002"));
        assert_eq!(e.calling_device_id.as_deref(), Some("2001"));
        assert_agent_state(
            &got[1],
            "agent02",
            AgentState::AGENT_STATE_TALKING,
            ReasonCode(0),
        );
    }
    let got = agent01.pending().await;
    assert_names("agent01", &got, &["CALL_ESTABLISHED_EVENT"]);
    assert_eq!(at!(got, 0, CallEstablishedEvent).call_id, c2);
    (id, c2)
}

#[tokio::test(start_paused = true)]
async fn consult_then_transfer() {
    let center = Center::start().await;
    let mut bridge = center.bridge("bridge").await;
    let mut agent01 = desk(&center, &mut bridge, "agent01", true).await;
    let mut agent02 = desk(&center, &mut bridge, "agent02", false).await;
    let (id, c2) = consulted(&center, &mut bridge, &mut agent01, &mut agent02).await;

    let invoke_id = agent01.invoke();
    let r = agent01
        .request(TransferCallReq {
            invoke_id,
            active_call_id: c2,
            held_call_id: id,
            active_connection_device_id: "2001".into(),
            held_connection_device_id: "2001".into(),
            ..Default::default()
        })
        .await;
    let Message::TransferCallConf(conf) = r else {
        panic!("TRANSFER_CALL_REQ: {r:?}");
    };
    assert_eq!(conf.new_call_id, id, "the original call survives");
    assert_eq!(conf.num_parties, 2, "caller and agent02");

    let check_transferred = |got: &[Message], i: usize| {
        let t = at!(got, i, CallTransferredEvent);
        assert_eq!((t.primary_call_id, t.secondary_call_id), (id, c2));
        assert_eq!(t.transferring_device_id.as_deref(), Some("2001"));
        assert_eq!(t.transferred_device_id.as_deref(), Some("2002"));
        assert_eq!(t.event_cause, EventCause::CEC_TRANSFER);
        let mut parties: Vec<&str> = t
            .connected_parties
            .iter()
            .map(|p| p.device_id.as_str())
            .collect();
        parties.sort();
        assert_eq!(parties, [CALLER, "2002"]);
        assert!(t.connected_parties.iter().all(|p| p.call_id == id));
    };
    let check_transfer_in = |got: &[Message], i: usize| {
        let u = at!(got, i, CallDataUpdateEvent);
        assert_eq!(u.call_id, id);
        assert_eq!(u.call_type, CallType::CALLTYPE_TRANSFER_IN);
    };
    let check_end = |got: &[Message], i: usize, call: u32| {
        assert_eq!(at!(got, i, EndCallEvent).call_id, call);
    };

    // agent01 leaves the original call and goes Ready; the consult call ends for everyone.
    let got = agent01.pending().await;
    assert_names(
        "agent01",
        &got,
        &[
            "CALL_TRANSFERRED_EVENT",
            "END_CALL_EVENT",
            "END_CALL_EVENT",
            "AGENT_STATE_EVENT",
        ],
    );
    check_transferred(&got, 0);
    check_end(&got, 1, id);
    check_end(&got, 2, c2);
    assert_agent_state(
        &got[3],
        "agent01",
        AgentState::AGENT_STATE_READY,
        ReasonCode(0),
    );

    // agent02 joins the original call with its own BEGIN_CALL (reclassified TRANSFER_IN).
    let got = agent02.pending().await;
    assert_names(
        "agent02",
        &got,
        &[
            "BEGIN_CALL_EVENT",
            "CALL_TRANSFERRED_EVENT",
            "CALL_DATA_UPDATE_EVENT",
            "END_CALL_EVENT",
        ],
    );
    assert_inbound_begin(&got[0], id, CallType::CALLTYPE_TRANSFER_IN);
    check_transferred(&got, 1);
    check_transfer_in(&got, 2);
    check_end(&got, 3, c2);

    // The bridge knew both calls already: no new BEGIN, no END for the surviving call.
    let got = bridge.pending().await;
    assert_names(
        "bridge",
        &got,
        &[
            "CALL_TRANSFERRED_EVENT",
            "CALL_DATA_UPDATE_EVENT",
            "END_CALL_EVENT",
            "AGENT_STATE_EVENT",
        ],
    );
    check_transferred(&got, 0);
    check_transfer_in(&got, 1);
    check_end(&got, 2, c2);
    assert_agent_state(
        &got[3],
        "agent01",
        AgentState::AGENT_STATE_READY,
        ReasonCode(0),
    );

    // agent02 now owns the caller and hangs up: the call ends for agent02 and the bridge,
    // agent01 hears nothing more.
    let invoke_id = agent02.invoke();
    let r = agent02
        .request(ClearCallReq {
            invoke_id,
            call_id: id,
            connection_device_id: "2002".into(),
            ..Default::default()
        })
        .await;
    assert!(matches!(r, Message::ClearCallConf(_)), "{r:?}");
    for peer in [&mut bridge, &mut agent02] {
        let got = peer.pending().await;
        let ends: Vec<u32> = got
            .iter()
            .filter_map(|m| match m {
                Message::EndCallEvent(e) => Some(e.call_id),
                _ => None,
            })
            .collect();
        assert_eq!(ends, [id], "{}: the transferred call ends once", peer.name);
        assert!(
            got.iter().all(|m| match m {
                Message::AgentStateEvent(e) => e.agent_id.as_deref() == Some("agent02"),
                m => m.name().starts_with("CALL_") || matches!(m, Message::EndCallEvent(_)),
            }),
            "{}: {:?}",
            peer.name,
            names(&got)
        );
    }
    agent01.assert_quiet().await;
    center.stop().await;
}

#[tokio::test(start_paused = true)]
async fn consult_then_conference() {
    let center = Center::start().await;
    let mut bridge = center.bridge("bridge").await;
    let mut agent01 = desk(&center, &mut bridge, "agent01", true).await;
    let mut agent02 = desk(&center, &mut bridge, "agent02", false).await;
    let (id, c2) = consulted(&center, &mut bridge, &mut agent01, &mut agent02).await;

    let invoke_id = agent01.invoke();
    let r = agent01
        .request(ConferenceCallReq {
            invoke_id,
            held_call_id: id,
            active_call_id: c2,
            held_connection_device_id: "2001".into(),
            active_connection_device_id: "2001".into(),
            ..Default::default()
        })
        .await;
    let Message::ConferenceCallConf(conf) = r else {
        panic!("CONFERENCE_CALL_REQ: {r:?}");
    };
    assert_eq!(conf.new_call_id, id, "the conference is the original call");
    let mut parties: Vec<&str> = conf
        .connected_parties
        .iter()
        .map(|p| p.device_id.as_str())
        .collect();
    parties.sort();
    assert_eq!(parties, [CALLER, "2001", "2002"]);

    let check_conferenced = |got: &[Message], i: usize| {
        let c = at!(got, i, CallConferencedEvent);
        assert_eq!((c.primary_call_id, c.secondary_call_id), (id, c2));
        assert_eq!(c.controller_device_id.as_deref(), Some("2001"));
        assert_eq!(c.added_party_device_id.as_deref(), Some("2002"));
        assert_eq!(c.connected_parties.len(), 3);
        assert_eq!(c.event_cause, EventCause::CEC_KEY_CONFERENCE);
    };
    let check_conference_type = |got: &[Message], i: usize| {
        let u = at!(got, i, CallDataUpdateEvent);
        assert_eq!(
            (u.call_id, u.call_type),
            (id, CallType::CALLTYPE_CONFERENCE)
        );
    };

    let got = agent01.pending().await;
    assert_names(
        "agent01",
        &got,
        &["CALL_CONFERENCED_EVENT", "END_CALL_EVENT"],
    );
    check_conferenced(&got, 0);
    assert_eq!(at!(got, 1, EndCallEvent).call_id, c2);

    let got = agent02.pending().await;
    assert_names(
        "agent02",
        &got,
        &[
            "BEGIN_CALL_EVENT",
            "CALL_DATA_UPDATE_EVENT",
            "CALL_CONFERENCED_EVENT",
            "END_CALL_EVENT",
        ],
    );
    assert_inbound_begin(&got[0], id, CallType::CALLTYPE_CONFERENCE);
    check_conference_type(&got, 1);
    check_conferenced(&got, 2);
    assert_eq!(at!(got, 3, EndCallEvent).call_id, c2);

    let got = bridge.pending().await;
    assert_names(
        "bridge",
        &got,
        &[
            "CALL_DATA_UPDATE_EVENT",
            "CALL_CONFERENCED_EVENT",
            "END_CALL_EVENT",
        ],
    );
    check_conference_type(&got, 0);
    check_conferenced(&got, 1);
    assert_eq!(at!(got, 2, EndCallEvent).call_id, c2);

    // agent01 drops out of the conference: the call goes on between the caller and agent02.
    let invoke_id = agent01.invoke();
    let r = agent01
        .request(ClearConnectionReq {
            invoke_id,
            call_id: id,
            connection_device_id: "2001".into(),
            ..Default::default()
        })
        .await;
    assert!(matches!(r, Message::ClearConnectionConf(_)), "{r:?}");
    let check_dropped = |got: &[Message]| {
        let c = at!(got, 0, CallConnectionClearedEvent);
        assert_eq!(c.call_id, id);
        assert_eq!(c.releasing_device_id, "2001");
        assert_eq!(c.releasing_device_type, DeviceType::DEVID_AGENT_DEVICE);
    };
    let got = agent01.pending().await;
    assert_names(
        "agent01",
        &got,
        &[
            "CALL_CONNECTION_CLEARED_EVENT",
            "END_CALL_EVENT",
            "AGENT_STATE_EVENT",
        ],
    );
    check_dropped(&got);
    assert_eq!(at!(got, 1, EndCallEvent).call_id, id);
    assert_agent_state(
        &got[2],
        "agent01",
        AgentState::AGENT_STATE_READY,
        ReasonCode(0),
    );
    let got = agent02.pending().await;
    assert_names("agent02", &got, &["CALL_CONNECTION_CLEARED_EVENT"]);
    check_dropped(&got);
    let got = bridge.pending().await;
    assert_names(
        "bridge",
        &got,
        &["CALL_CONNECTION_CLEARED_EVENT", "AGENT_STATE_EVENT"],
    );
    check_dropped(&got);
    assert_agent_state(
        &got[1],
        "agent01",
        AgentState::AGENT_STATE_READY,
        ReasonCode(0),
    );
    center.stop().await;
}

#[tokio::test(start_paused = true)]
async fn outbound_make_call() {
    const OUTSIDE: &str = "+14155550100";
    let center = Center::start().await;
    let mut bridge = center.bridge("bridge").await;
    let mut agent01 = desk(&center, &mut bridge, "agent01", false).await;

    let invoke_id = agent01.invoke();
    let r = agent01
        .request(MakeCallReq {
            invoke_id,
            agent_instrument: "2001".into(),
            dialed_number: OUTSIDE.into(),
            ..Default::default()
        })
        .await;
    let Message::MakeCallConf(conf) = r else {
        panic!("MAKE_CALL_REQ: {r:?}");
    };
    let id = conf.new_call_id;
    for peer in [&mut bridge, &mut agent01] {
        let got = peer.pending().await;
        assert_names(
            &peer.name,
            &got,
            &[
                "BEGIN_CALL_EVENT",
                "CALL_SERVICE_INITIATED_EVENT",
                "AGENT_STATE_EVENT",
                "CALL_ORIGINATED_EVENT",
                "CALL_DATA_UPDATE_EVENT",
            ],
        );
        let b = at!(got, 0, BeginCallEvent);
        assert_eq!(b.call_id, id);
        assert_eq!(b.call_type, CallType::CALLTYPE_AGENT_INSIDE);
        assert_eq!(b.connection_device_id, "2001");
        assert_eq!(b.ani.as_deref(), Some("2001"));
        let s = at!(got, 1, CallServiceInitiatedEvent);
        assert_eq!((s.call_id, s.calling_device_id.as_str()), (id, "2001"));
        assert_eq!(s.local_connection_state, Lcs::LCS_INITIATE);
        assert_agent_state(
            &got[2],
            "agent01",
            AgentState::AGENT_STATE_TALKING,
            ReasonCode(0),
        );
        let o = at!(got, 3, CallOriginatedEvent);
        assert_eq!(o.call_id, id);
        assert_eq!(o.called_device_id.as_deref(), Some(OUTSIDE));
        assert_eq!(o.called_device_type, DeviceType::DEVID_DEVICE_IDENTIFIER);
        // Reclassified outbound once it leaves the switch.
        let u = at!(got, 4, CallDataUpdateEvent);
        assert_eq!((u.call_id, u.call_type), (id, CallType::CALLTYPE_OUT));
    }

    // The outside number answers after the demo's outside_answer_s (3 s).
    wait_s(4).await;
    for peer in [&mut bridge, &mut agent01] {
        let got = peer.pending().await;
        assert_names(&peer.name, &got, &["CALL_ESTABLISHED_EVENT"]);
        let e = at!(got, 0, CallEstablishedEvent);
        assert_eq!(e.call_id, id);
        assert_eq!(e.answering_device_id.as_deref(), Some(OUTSIDE));
        assert_eq!(e.answering_device_type, DeviceType::DEVID_DEVICE_IDENTIFIER);
        assert_eq!(e.calling_device_id.as_deref(), Some("2001"));
        assert_eq!(e.local_connection_state, Lcs::LCS_CONNECT);
    }

    let invoke_id = agent01.invoke();
    let r = agent01
        .request(ClearCallReq {
            invoke_id,
            call_id: id,
            connection_device_id: "2001".into(),
            ..Default::default()
        })
        .await;
    assert!(matches!(r, Message::ClearCallConf(_)), "{r:?}");
    for peer in [&mut bridge, &mut agent01] {
        let got = peer.pending().await;
        assert_names(
            &peer.name,
            &got,
            &[
                "CALL_CONNECTION_CLEARED_EVENT",
                "CALL_CLEARED_EVENT",
                "END_CALL_EVENT",
                "AGENT_STATE_EVENT",
            ],
        );
        let c = at!(got, 0, CallConnectionClearedEvent);
        assert_eq!((c.call_id, c.releasing_device_id.as_str()), (id, "2001"));
        assert_eq!(c.releasing_device_type, DeviceType::DEVID_AGENT_DEVICE);
        let c = at!(got, 1, CallClearedEvent);
        assert_eq!((c.call_id, c.local_connection_state), (id, Lcs::LCS_NULL));
        assert_eq!(at!(got, 2, EndCallEvent).call_id, id);
        // Back to Not Ready (where the agent dialed from), with the system reason.
        assert_agent_state(
            &got[3],
            "agent01",
            AgentState::AGENT_STATE_NOT_READY,
            ReasonCode::AGT_CALL_ENDED,
        );
    }
    center.stop().await;
}

#[tokio::test(start_paused = true)]
async fn abandon_in_queue() {
    let center = Center::start().await;
    let mut bridge = center.bridge("bridge").await;
    // Logged in but Not Ready: nobody can take the call.
    let mut agent01 = desk(&center, &mut bridge, "agent01", false).await;

    let id = center.inject(sales_call(json!({ "patience_s": 30 }))).await;
    let got = bridge.pending().await;
    assert_names(
        "bridge",
        &got,
        &[
            "BEGIN_CALL_EVENT",
            "CALL_DELIVERED_EVENT",
            "CALL_ESTABLISHED_EVENT",
            "CALL_QUEUED_EVENT",
        ],
    );
    assert_queued(&got, id);
    agent01.assert_quiet().await;

    // 30 s later the caller hangs up. No CALL_DEQUEUED_EVENT: UCCX does not send it for
    // normal queue exits. No agent was involved, so the desktop hears nothing.
    wait_s(31).await;
    let got = bridge.pending().await;
    assert_names(
        "bridge",
        &got,
        &[
            "CALL_CONNECTION_CLEARED_EVENT",
            "CALL_CLEARED_EVENT",
            "END_CALL_EVENT",
        ],
    );
    assert_caller_hung_up(&got, 0, id);
    agent01.assert_quiet().await;

    let sales = center
        .server
        .csqs()
        .into_iter()
        .find(|q| q.id == 1)
        .unwrap();
    assert_eq!((sales.queued, sales.abandoned, sales.handled), (0, 1, 0));
    center.stop().await;
}

#[tokio::test(start_paused = true)]
async fn ring_no_answer_requeues_to_another_agent() {
    let center = Center::start().await;
    let mut bridge = center.bridge("bridge").await;
    let mut agent01 = desk(&center, &mut bridge, "agent01", true).await;
    // agent02 becomes Ready later, so agent01 is the longest available.
    wait_s(1).await;
    let mut agent02 = desk(&center, &mut bridge, "agent02", true).await;

    let (id, port) = call_offered_to(&center, &mut bridge, &mut agent01, json!({})).await;
    agent02.assert_quiet().await;

    // agent01 does not answer within the demo's ring_no_answer_s (12 s).
    wait_s(13).await;
    let check_rona = |got: &[Message], i: usize| {
        let v = at!(got, i, CallDivertedEvent);
        assert_eq!(v.call_id, id);
        assert_eq!(v.diverting_device_id, "2001");
        assert_eq!(v.diverting_device_type, DeviceType::DEVID_AGENT_DEVICE);
        assert_eq!(v.called_device_id, "1", "back to CSQ 1");
        assert_eq!(v.called_device_type, DeviceType::DEVID_QUEUE);
        assert_eq!(v.event_cause, EventCause::CEC_CALL_NOT_ANSWERED);
    };
    let got = agent01.pending().await;
    assert_names(
        "agent01",
        &got,
        &["CALL_DIVERTED_EVENT", "END_CALL_EVENT", "AGENT_STATE_EVENT"],
    );
    check_rona(&got, 0);
    assert_eq!(at!(got, 1, EndCallEvent).call_id, id);
    assert_agent_state(
        &got[2],
        "agent01",
        AgentState::AGENT_STATE_NOT_READY,
        ReasonCode::AGT_RNA,
    );

    let got = bridge.pending().await;
    assert_names(
        "bridge",
        &got,
        &[
            "CALL_DIVERTED_EVENT",
            "AGENT_STATE_EVENT",
            "CALL_QUEUED_EVENT",
            "AGENT_STATE_EVENT",
            "CALL_DELIVERED_EVENT",
            "CALL_DIVERTED_EVENT",
        ],
    );
    check_rona(&got, 0);
    assert_agent_state(
        &got[1],
        "agent01",
        AgentState::AGENT_STATE_NOT_READY,
        ReasonCode::AGT_RNA,
    );
    let q = at!(got, 2, CallQueuedEvent);
    assert_eq!(
        (q.call_id, q.connection_device_id.as_str()),
        (id, port.as_str())
    );
    assert_eq!(q.queue_device_id.as_deref(), Some("1"));
    assert_agent_state(
        &got[3],
        "agent02",
        AgentState::AGENT_STATE_RESERVED,
        ReasonCode(0),
    );
    assert_offered_at(&got, 4, id, "agent02", &port);

    let got = agent02.pending().await;
    assert_names(
        "agent02",
        &got,
        &[
            "AGENT_STATE_EVENT",
            "BEGIN_CALL_EVENT",
            "CALL_DELIVERED_EVENT",
            "CALL_DIVERTED_EVENT",
        ],
    );
    assert_agent_state(
        &got[0],
        "agent02",
        AgentState::AGENT_STATE_RESERVED,
        ReasonCode(0),
    );
    assert_inbound_begin(&got[1], id, CallType::CALLTYPE_CCX_IN);
    assert_offered_at(&got, 2, id, "agent02", &port);

    // agent02 answers the same call.
    answer(&mut agent02, &mut [&mut bridge], id, CALLER).await;
    agent01.assert_quiet().await;
    center.stop().await;
}

#[tokio::test(start_paused = true)]
async fn set_call_data() {
    let center = Center::start().await;
    let mut bridge = center.bridge("bridge").await;
    let mut agent01 = desk(&center, &mut bridge, "agent01", true).await;
    let (id, _) = call_offered_to(&center, &mut bridge, &mut agent01, json!({})).await;
    answer(&mut agent01, &mut [&mut bridge], id, CALLER).await;

    let invoke_id = agent01.invoke();
    let r = agent01
        .request(SetCallDataReq {
            invoke_id,
            call_id: id,
            connection_device_id: "2001".into(),
            // Unchanged: left out of the update.
            call_variable_1: Some(ACCOUNT.into()),
            call_variable_2: Some("gold".into()),
            named_variables: vec![NamedVariable::new("user.note", "call back")],
            ..Default::default()
        })
        .await;
    assert!(matches!(r, Message::SetCallDataConf(_)), "{r:?}");
    for peer in [&mut bridge, &mut agent01] {
        let got = peer.pending().await;
        assert_names(&peer.name, &got, &["CALL_DATA_UPDATE_EVENT"]);
        let u = at!(got, 0, CallDataUpdateEvent);
        assert_eq!(u.call_id, id);
        assert_eq!(u.call_type, CallType::CALLTYPE_CCX_IN);
        assert_eq!(u.call_variable_1, None, "unchanged values are not reported");
        assert_eq!(u.call_variable_2.as_deref(), Some("gold"));
        assert_eq!(
            u.named_variables,
            vec![NamedVariable::new("user.note", "call back")]
        );
    }
    center.stop().await;
}
