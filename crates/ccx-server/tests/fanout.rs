//! Unsolicited events: filtered by each session's mode and masks; SYSTEM_EVENT to all.

mod support;

use cti_proto::codes::{AgentState, AgentStateMask, CcxStatus, SystemEventId};
use cti_proto::msg::{Message, SetAgentStateReq};
use support::*;

fn login(invoke_id: u32, agent: &str) -> SetAgentStateReq {
    let ext = extension_of(agent);
    SetAgentStateReq {
        invoke_id,
        agent_state: AgentState::AGENT_STATE_LOGIN,
        agent_instrument: ext.clone().into(),
        agent_id: Some(agent.into()),
        agent_password: Some(format!("pw{ext}").into()),
        ..Default::default()
    }
}

fn is_state_event_of(m: &Message, agent: &str) -> bool {
    matches!(m, Message::AgentStateEvent(e) if e.agent_id.as_deref() == Some(agent))
}

#[tokio::test(start_paused = true)]
async fn agent_state_events_follow_mode_and_masks() {
    let ts = TestServer::start().await;
    // Bridge, every agent state.
    let mut all_states = ts.bridge().await;
    // Bridge at version 10, every agent state: same event, encoded for its version.
    let mut old_bridge = ts.connect().await;
    old_bridge.open_ok(bridge_open(2, 10)).await;
    // Bridge without NOT_READY in its AgentStateMask.
    let mut no_not_ready = ts.connect().await;
    let mut req = bridge_open(3, 16);
    req.agent_state_mask = AgentStateMask(0x1FF & !AgentStateMask::AGENT_NOT_READY_MASK.0);
    no_not_ready.open_ok(req).await;
    // Agent mode for another agent.
    let mut other_desk = ts.connect().await;
    other_desk
        .open_ok(agent_open(4, 16, "desk-b", "agent12"))
        .await;
    // Agent mode for the agent who logs in.
    let mut desk = ts.connect().await;
    desk.open_ok(agent_open(5, 16, "desk-a", "agent11")).await;

    desk.send_msg(login(6, "agent11")).await;
    let mut got_conf = false;
    let mut got_event = false;
    while !(got_conf && got_event) {
        match desk.msg().await {
            Message::SetAgentStateConf(c) => {
                assert_eq!(c.invoke_id, 6);
                got_conf = true;
            }
            m if is_state_event_of(&m, "agent11") => got_event = true,
            other => panic!("unexpected {other:?}"),
        }
    }
    let ev = all_states
        .msg_where(|m| is_state_event_of(m, "agent11"))
        .await;
    let Message::AgentStateEvent(e) = ev else {
        unreachable!()
    };
    assert_eq!(e.agent_state, AgentState::AGENT_STATE_NOT_READY);
    old_bridge
        .msg_where(|m| is_state_event_of(m, "agent11"))
        .await;
    // Filtered out: their next frame is the answer to their own heartbeat.
    no_not_ready.heartbeat_ok().await;
    other_desk.heartbeat_ok().await;
    ts.stop().await;
}

#[tokio::test(start_paused = true)]
async fn system_events_reach_every_session_and_open_conf_tells_the_truth() {
    let ts = TestServer::start().await;
    let mut bridge = ts.bridge().await;
    let mut no_masks = ts.connect().await;
    let mut req = bridge_open(2, 14);
    req.agent_state_mask = AgentStateMask::NONE;
    req.call_msg_mask = cti_proto::codes::CallEventMask::NONE;
    no_masks.open_ok(req).await;
    let mut desk = ts.connect().await;
    let conf = desk.open_ok(agent_open(3, 18, "desk", "agent13")).await;
    assert!(conf.ccx_online);
    assert_eq!(conf.agent_id.as_deref(), Some("agent13"));
    assert_eq!(conf.agent_extension.as_deref(), Some("2013"));
    assert_eq!(conf.peripherals.len(), 1, "v14+ fields");

    ts.server.set_ccx_online(false);
    for c in [&mut bridge, &mut no_masks, &mut desk] {
        match c.msg().await {
            Message::SystemEvent(e) => {
                assert_eq!(e.system_event_id, SystemEventId::SYS_CCX_OFFLINE);
                assert_ne!(e.ccx_status, CcxStatus::CCX_IN_SERVICE);
            }
            other => panic!("{other:?}"),
        }
    }
    let mut late = ts.connect().await;
    assert!(!late.open_ok(bridge_open(4, 16)).await.ccx_online);

    ts.server.set_ccx_online(true);
    for c in [&mut bridge, &mut no_masks, &mut desk, &mut late] {
        match c.msg().await {
            Message::SystemEvent(e) => {
                assert_eq!(e.system_event_id, SystemEventId::SYS_CCX_ONLINE);
                assert_eq!(e.ccx_status, CcxStatus::CCX_IN_SERVICE);
            }
            other => panic!("{other:?}"),
        }
    }
    let mut later = ts.connect().await;
    assert!(later.open_ok(bridge_open(5, 16)).await.ccx_online);
    ts.stop().await;
}

#[tokio::test(start_paused = true)]
async fn contact_center_timers_run_without_any_session() {
    let ts = TestServer::start().await;
    // Let the server's timer task park first, with nothing to wait for.
    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
    let call = ccx_sim::NewCall {
        dnis: "5000".into(),
        ani: "4085551234".into(),
        patience_s: Some(5),
        ..Default::default()
    };
    ts.server.inject_call(call).unwrap();
    assert_eq!(ts.server.calls().len(), 1);
    // Nobody is logged on: the caller hangs up after 5 s of (virtual) waiting.
    tokio::time::sleep(std::time::Duration::from_secs(6)).await;
    assert!(ts.server.calls().is_empty(), "{:?}", ts.server.calls());
    ts.stop().await;
}
