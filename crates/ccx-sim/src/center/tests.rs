//! Unit tests of the center with a virtual clock.

use cti_proto::codes::{AgentState, ReasonCode, StatusCode};
use cti_proto::msg::{Message, QueryAgentStateReq, SetAgentStateReq};

use crate::{Center, Config, Ctx, Out};

pub(crate) fn set_state(login: &str, ext: &str, state: AgentState, reason: u16) -> Message {
    SetAgentStateReq {
        invoke_id: 9,
        agent_state: state,
        event_reason_code: ReasonCode(reason),
        agent_instrument: ext.into(),
        agent_id: Some(login.into()),
        agent_password: (state == AgentState::AGENT_STATE_LOGIN).then(|| format!("pw{ext}")),
        ..Default::default()
    }
    .into()
}

fn replies(out: &[Out]) -> Vec<&Message> {
    out.iter()
        .filter_map(|o| match o {
            Out::Reply(m) => Some(m),
            _ => None,
        })
        .collect()
}

#[test]
fn login_ready_not_ready_logout() {
    let mut c = Center::new(Config::demo(), 1);
    let ctx = Ctx::agent(1, 16, "agent01", "2001");
    let out = c.request(
        0,
        &ctx,
        &set_state("agent01", "2001", AgentState::AGENT_STATE_LOGIN, 0),
    );
    assert!(matches!(replies(&out)[0], Message::SetAgentStateConf(_)));
    let Out::Event(ev) = &out[1] else { panic!() };
    let Message::AgentStateEvent(e) = &ev.msg else {
        panic!()
    };
    assert_eq!(e.agent_state, AgentState::AGENT_STATE_NOT_READY);
    assert_eq!(e.event_reason_code, ReasonCode::AGT_LOGON);
    c.request(
        1,
        &ctx,
        &set_state("agent01", "2001", AgentState::AGENT_STATE_READY, 0),
    );
    assert_eq!(
        c.agent_state("agent01"),
        Some(AgentState::AGENT_STATE_READY)
    );
    c.request(
        2,
        &ctx,
        &set_state("agent01", "2001", AgentState::AGENT_STATE_NOT_READY, 101),
    );
    assert_eq!(
        c.agent_state("agent01"),
        Some(AgentState::AGENT_STATE_NOT_READY)
    );
    c.request(
        3,
        &ctx,
        &set_state("agent01", "2001", AgentState::AGENT_STATE_LOGOUT, 200),
    );
    assert_eq!(
        c.agent_state("agent01"),
        Some(AgentState::AGENT_STATE_LOGOUT)
    );
}

#[test]
fn bad_password_and_not_logged_on() {
    let mut c = Center::new(Config::demo(), 1);
    let ctx = Ctx::agent(1, 16, "agent01", "2001");
    let mut m = set_state("agent01", "2001", AgentState::AGENT_STATE_LOGIN, 0);
    if let Message::SetAgentStateReq(r) = &mut m {
        r.agent_password = Some("nope".into());
    }
    let out = c.request(0, &ctx, &m);
    let Message::FailureConf(f) = replies(&out)[0] else {
        panic!("{out:?}")
    };
    assert_eq!(f.status, StatusCode::E_CTI_INVALID_PASSWORD);
    let out = c.request(
        0,
        &ctx,
        &set_state("agent01", "2001", AgentState::AGENT_STATE_READY, 0),
    );
    let Message::FailureConf(f) = replies(&out)[0] else {
        panic!("{out:?}")
    };
    assert_eq!(f.status, StatusCode::E_CTI_AGENT_NOT_LOGGED_ON);
    let q = QueryAgentStateReq {
        invoke_id: 3,
        agent_id: Some("agent01".into()),
        ..Default::default()
    };
    let out = c.request(0, &ctx, &q.into());
    let Message::QueryAgentStateConf(s) = replies(&out)[0] else {
        panic!()
    };
    assert_eq!(s.agent_state, AgentState::AGENT_STATE_LOGOUT);
}

#[test]
fn lookup_agent_checks_consistency() {
    let c = Center::new(Config::demo(), 1);
    assert_eq!(
        c.lookup_agent(Some("agent03"), Some("2003"), None)
            .unwrap()
            .instrument,
        "2003"
    );
    assert_eq!(
        c.lookup_agent(None, None, Some("2101")).unwrap().login_id,
        "sup01"
    );
    assert!(c.lookup_agent(None, None, Some("2101")).unwrap().supervisor);
    assert_eq!(
        c.lookup_agent(Some("agent03"), Some("2004"), None),
        Err(StatusCode::E_CTI_INVALID_AGENT_DATA)
    );
    assert_eq!(
        c.lookup_agent(None, None, None),
        Err(StatusCode::E_CTI_INVALID_AGENT_DATA)
    );
    assert_eq!(
        c.lookup_agent(Some("nobody"), None, None),
        Err(StatusCode::E_CTI_INVALID_AGENT_DATA)
    );
}
