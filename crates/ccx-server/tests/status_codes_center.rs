//! The status rows the contact center answers (9, 13, 93, 94), over real TCP against the demo
//! configuration, with a healthy session alongside.

mod support;

use cti_proto::codes::{AgentState, ConnectionDeviceType};
use cti_proto::msg::{AnswerCallReq, Message, QueryQueueStatisticsReq, SetAgentStateReq};
use cti_proto::StatusCode;
use support::*;

fn set_state(invoke_id: u32, agent: &str, state: AgentState) -> SetAgentStateReq {
    let ext = extension_of(agent);
    SetAgentStateReq {
        invoke_id,
        agent_state: state,
        agent_instrument: ext.clone().into(),
        agent_id: Some(agent.into()),
        agent_password: Some(format!("pw{ext}").into()),
        ..Default::default()
    }
}

#[tokio::test(start_paused = true)]
async fn e_cti_agent_not_logged_on_9() {
    let ts = TestServer::start().await;
    let mut healthy = ts.bridge().await;
    let mut desk = ts.connect().await;
    desk.open_ok(agent_open(90, 16, "desk", "agent03")).await;
    let f = bytes_of(set_state(91, "agent03", AgentState::AGENT_STATE_READY), 16);
    desk.expect_failure(&f, 91, StatusCode::E_CTI_AGENT_NOT_LOGGED_ON)
        .await;
    desk.heartbeat_ok().await;
    healthy.heartbeat_ok().await;
    // Once logged on, the same request succeeds.
    desk.send(&bytes_of(
        set_state(92, "agent03", AgentState::AGENT_STATE_LOGIN),
        16,
    ))
    .await;
    let conf = desk
        .msg_where(|m| matches!(m, Message::SetAgentStateConf(_) | Message::FailureConf(_)))
        .await;
    assert!(
        matches!(&conf, Message::SetAgentStateConf(c) if c.invoke_id == 92),
        "{conf:?}"
    );
    ts.stop().await;
}

#[tokio::test(start_paused = true)]
async fn e_cti_invalid_callid_13() {
    let ts = TestServer::start().await;
    let mut healthy = ts.bridge().await;
    let mut desk = ts.connect().await;
    desk.open_ok(agent_open(130, 16, "desk", "agent04")).await;
    let answer = AnswerCallReq {
        invoke_id: 131,
        call_id: 987_654,
        connection_device_type: ConnectionDeviceType::CONNECTION_ID_STATIC,
        connection_device_id: Some(extension_of("agent04").into()),
        agent_instrument: Some(extension_of("agent04").into()),
        ..Default::default()
    };
    desk.expect_failure(&bytes_of(answer, 16), 131, StatusCode::E_CTI_INVALID_CALLID)
        .await;
    desk.heartbeat_ok().await;
    healthy.heartbeat_ok().await;
    ts.stop().await;
}

#[tokio::test(start_paused = true)]
async fn e_cti_invalid_csq_93() {
    let ts = TestServer::start().await;
    let mut healthy = ts.bridge().await;
    let mut c = ts.bridge().await;
    let q = QueryQueueStatisticsReq {
        invoke_id: 931,
        csq_id: 999_999,
        ..Default::default()
    };
    c.expect_failure(&bytes_of(q, 16), 931, StatusCode::E_CTI_INVALID_CSQ)
        .await;
    c.heartbeat_ok().await;
    healthy.heartbeat_ok().await;
    ts.stop().await;
}

#[tokio::test(start_paused = true)]
async fn e_cti_jtapi_ccm_problem_94() {
    let ts = TestServer::start().await;
    let mut healthy = ts.bridge().await;
    let mut desk = ts.connect().await;
    desk.open_ok(agent_open(940, 16, "desk", "agent02")).await;
    ts.server.set_phone_system_up(false);
    let f = bytes_of(set_state(941, "agent02", AgentState::AGENT_STATE_LOGIN), 16);
    desk.expect_failure(&f, 941, StatusCode::E_CTI_JTAPI_CCM_PROBLEM)
        .await;
    desk.heartbeat_ok().await;
    healthy.heartbeat_ok().await;
    ts.server.set_phone_system_up(true);
    desk.send(&bytes_of(
        set_state(942, "agent02", AgentState::AGENT_STATE_LOGIN),
        16,
    ))
    .await;
    let conf = desk
        .msg_where(|m| matches!(m, Message::SetAgentStateConf(_) | Message::FailureConf(_)))
        .await;
    assert!(
        matches!(&conf, Message::SetAgentStateConf(c) if c.invoke_id == 942),
        "{conf:?}"
    );
    ts.stop().await;
}
