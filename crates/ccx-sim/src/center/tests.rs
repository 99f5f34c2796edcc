//! Unit tests of the center with a virtual clock. Every message the model emits is encoded at
//! versions 10, 14 and 18, and every session's stream is checked for BEGIN/END discipline.

use std::collections::BTreeMap;

use cti_proto::codes::*;
use cti_proto::msg::*;

use crate::observe::{encodes_everywhere, names, Ledger, Views};
use crate::{Center, Config, Ctx, Millis, NewCall, Out, Traffic};

pub(crate) fn set_state(login: &str, ext: &str, state: AgentState, reason: u16) -> Message {
    SetAgentStateReq {
        invoke_id: 9,
        agent_state: state,
        event_reason_code: ReasonCode(reason),
        agent_instrument: ext.into(),
        agent_id: Some(login.into()),
        agent_password: (state == AgentState::AGENT_STATE_LOGIN)
            .then(|| format!("pw{ext}"))
            .map(Into::into),
        ..Default::default()
    }
    .into()
}

/// A center on a virtual clock, with a bridge view and agent views.
struct T {
    c: Center,
    now: Millis,
    v: Views,
    ledgers: BTreeMap<String, (usize, Ledger)>,
}

const BRIDGE: &str = "<bridge>";

impl T {
    fn new(agents: &[&str]) -> T {
        T::with(Config::demo(), agents)
    }
    fn with(config: Config, agents: &[&str]) -> T {
        let mut ledgers = BTreeMap::new();
        ledgers.insert(BRIDGE.to_string(), (0, Ledger::default()));
        for a in agents {
            ledgers.insert(a.to_string(), (0, Ledger::default()));
        }
        T {
            c: Center::new(config, 42),
            now: 0,
            v: Views::watching(agents),
            ledgers,
        }
    }

    fn feed(&mut self, outs: Vec<Out>) -> Vec<Message> {
        for o in &outs {
            encodes_everywhere(o.msg()).unwrap();
        }
        let replies = self.v.record(&outs);
        for (who, (seen, ledger)) in self.ledgers.iter_mut() {
            let stream = if who == BRIDGE {
                &self.v.bridge
            } else {
                self.v.agents.get(who).unwrap()
            };
            for m in &stream[*seen..] {
                ledger
                    .see(m)
                    .unwrap_or_else(|e| panic!("{who}: {e}\nstream: {:?}", names(stream)));
            }
            *seen = stream.len();
        }
        replies
    }

    fn req(&mut self, ctx: &Ctx, m: impl Into<Message>) -> Vec<Message> {
        let outs = self.c.request(self.now, ctx, &m.into());
        self.feed(outs)
    }

    fn advance(&mut self, ms: Millis) {
        let until = self.now + ms;
        while let Some(d) = self.c.next_deadline().filter(|&d| d <= until) {
            self.now = d;
            let outs = self.c.tick(d);
            self.feed(outs);
        }
        self.now = until;
    }

    fn agent_ctx(login: &str) -> Ctx {
        let ext = Self::ext(login);
        Ctx::agent(7, 18, login, &ext)
    }

    fn ext(login: &str) -> String {
        match login.strip_prefix("agent") {
            Some(n) => format!("20{n}"),
            None => format!("21{}", &login[3..]),
        }
    }

    fn login(&mut self, login: &str, ready: bool) {
        let ext = Self::ext(login);
        let ctx = Self::agent_ctx(login);
        let r = self.req(
            &ctx,
            set_state(login, &ext, AgentState::AGENT_STATE_LOGIN, 0),
        );
        assert!(matches!(r[0], Message::SetAgentStateConf(_)), "{r:?}");
        if ready {
            self.req(
                &ctx,
                set_state(login, &ext, AgentState::AGENT_STATE_READY, 0),
            );
        }
    }

    fn inject(&mut self, dnis: &str, patience: Option<u32>, talk: Option<u32>) -> u32 {
        let mut vars: [Option<String>; 10] = Default::default();
        vars[0] = Some("4711".into());
        let (id, outs) = self
            .c
            .inject_call(
                self.now,
                NewCall {
                    dnis: dnis.into(),
                    ani: "+15550001".into(),
                    call_variables: vars,
                    ecc: vec![NamedVariable::new("user.account", "4711")],
                    patience_s: patience,
                    talk_s: talk,
                    ..Default::default()
                },
            )
            .unwrap();
        self.feed(outs);
        id
    }

    fn state(&self, login: &str) -> AgentState {
        self.c.agent_state(login).unwrap()
    }

    fn clear(&mut self) {
        self.v.clear();
        for (seen, _) in self.ledgers.values_mut() {
            *seen = 0;
        }
    }

    fn open_calls(&self, who: &str) -> usize {
        self.ledgers[who].1.open_calls().len()
    }
}

fn answer(call_id: u32, ext: &str) -> Message {
    AnswerCallReq {
        invoke_id: 1,
        call_id,
        connection_device_id: Some("+15550001".into()),
        agent_instrument: Some(ext.into()),
        ..Default::default()
    }
    .into()
}

fn failure_status(r: &[Message]) -> StatusCode {
    match &r[0] {
        Message::FailureConf(f) => f.status,
        other => panic!("expected FAILURE_CONF, got {other:?}"),
    }
}

fn control_failure(r: &[Message]) -> ControlFailureCode {
    match &r[0] {
        Message::ControlFailureConf(f) => f.failure_code,
        other => panic!("expected CONTROL_FAILURE_CONF, got {other:?}"),
    }
}

fn agent_states(ms: &[Message]) -> Vec<(AgentState, ReasonCode)> {
    ms.iter()
        .filter_map(|m| match m {
            Message::AgentStateEvent(e) => Some((e.agent_state, e.event_reason_code)),
            _ => None,
        })
        .collect()
}

#[test]
fn login_ready_not_ready_logout() {
    let mut t = T::new(&["agent01"]);
    t.login("agent01", false);
    assert_eq!(
        agent_states(t.v.agent("agent01")),
        [(AgentState::AGENT_STATE_NOT_READY, ReasonCode::AGT_LOGON)]
    );
    let ctx = T::agent_ctx("agent01");
    t.req(
        &ctx,
        set_state("agent01", "2001", AgentState::AGENT_STATE_READY, 0),
    );
    t.req(
        &ctx,
        set_state("agent01", "2001", AgentState::AGENT_STATE_NOT_READY, 101),
    );
    t.req(
        &ctx,
        set_state("agent01", "2001", AgentState::AGENT_STATE_LOGOUT, 200),
    );
    assert_eq!(
        agent_states(t.v.agent("agent01"))[1..],
        [
            (AgentState::AGENT_STATE_READY, ReasonCode(0)),
            (AgentState::AGENT_STATE_NOT_READY, ReasonCode(101)),
            (AgentState::AGENT_STATE_LOGOUT, ReasonCode(200)),
        ]
    );
    // The bridge sees the same agent-state events.
    assert_eq!(agent_states(&t.v.bridge).len(), 4);
}

#[test]
fn bad_password_not_logged_on_and_illegal_requests() {
    let mut t = T::new(&["agent01"]);
    let ctx = T::agent_ctx("agent01");
    let mut m = set_state("agent01", "2001", AgentState::AGENT_STATE_LOGIN, 0);
    if let Message::SetAgentStateReq(r) = &mut m {
        r.agent_password = Some("nope".into());
    }
    assert_eq!(
        failure_status(&t.req(&ctx, m)),
        StatusCode::E_CTI_INVALID_PASSWORD
    );
    let r = t.req(
        &ctx,
        set_state("agent01", "2001", AgentState::AGENT_STATE_READY, 0),
    );
    assert_eq!(failure_status(&r), StatusCode::E_CTI_AGENT_NOT_LOGGED_ON);
    t.login("agent01", false);
    // Work only while talking; Talking is never requested.
    let r = t.req(
        &ctx,
        set_state("agent01", "2001", AgentState::AGENT_STATE_WORK, 0),
    );
    assert_eq!(
        control_failure(&r),
        ControlFailureCode::CF_REQUEST_INCOMPATIBLE_WITH_OBJECT
    );
    let r = t.req(
        &ctx,
        set_state("agent01", "2001", AgentState::AGENT_STATE_TALKING, 0),
    );
    assert_eq!(
        control_failure(&r),
        ControlFailureCode::CF_VALUE_OUT_OF_RANGE
    );
    // Another agent's state from an agent session.
    let r = t.req(
        &ctx,
        set_state("agent02", "2002", AgentState::AGENT_STATE_LOGOUT, 0),
    );
    assert_eq!(failure_status(&r), StatusCode::E_CTI_INVALID_AGENT_DATA);
    // Query by extension only.
    let q = QueryAgentStateReq {
        invoke_id: 3,
        agent_extension: Some("2001".into()),
        ..Default::default()
    };
    let r = t.req(&ctx, q);
    let Message::QueryAgentStateConf(s) = &r[0] else {
        panic!()
    };
    assert_eq!(s.agent_state, AgentState::AGENT_STATE_NOT_READY);
    assert_eq!(s.agent_id, "agent01");
    assert_eq!(s.csqs.len(), 1);
}

#[test]
fn authentication_only_from_version_12() {
    let mut t = T::new(&["agent01"]);
    let mut m = set_state("agent01", "unknown", AgentState::AGENT_STATE_LOGIN, 0);
    if let Message::SetAgentStateReq(r) = &mut m {
        r.forced_flag = 2;
        r.agent_password = Some("pw2001".into());
    }
    let mut ctx = T::agent_ctx("agent01");
    ctx.version = 11;
    assert_eq!(
        control_failure(&t.req(&ctx, m.clone())),
        ControlFailureCode::CF_VALUE_OUT_OF_RANGE
    );
    ctx.version = 12;
    let r = t.req(&ctx, m);
    assert!(matches!(r[0], Message::SetAgentStateConf(_)));
    assert_eq!(t.state("agent01"), AgentState::AGENT_STATE_LOGOUT);
}

#[test]
fn forced_logout_while_talking_keeps_the_call() {
    let mut t = T::new(&["agent01"]);
    t.login("agent01", true);
    let id = t.inject("5000", None, None);
    t.req(&T::agent_ctx("agent01"), answer(id, "2001"));
    let ctx = T::agent_ctx("agent01");
    let r = t.req(
        &ctx,
        set_state("agent01", "2001", AgentState::AGENT_STATE_LOGOUT, 0),
    );
    assert_eq!(
        control_failure(&r),
        ControlFailureCode::CF_REQUEST_INCOMPATIBLE_WITH_OBJECT
    );
    let mut m = set_state("agent01", "2001", AgentState::AGENT_STATE_LOGOUT, 0);
    if let Message::SetAgentStateReq(r) = &mut m {
        r.forced_flag = 1;
    }
    assert!(matches!(t.req(&ctx, m)[0], Message::SetAgentStateConf(_)));
    assert_eq!(t.state("agent01"), AgentState::AGENT_STATE_LOGOUT);
    assert_eq!(t.c.calls().len(), 1);
}

#[test]
fn inbound_call_answered_then_caller_hangs_up() {
    let mut t = T::new(&["agent01"]);
    t.login("agent01", true);
    t.clear();
    let id = t.inject("5000", None, Some(60));
    assert_eq!(
        names(&t.v.bridge),
        [
            "BEGIN_CALL_EVENT",
            "CALL_DELIVERED_EVENT",
            "CALL_ESTABLISHED_EVENT",
            "CALL_QUEUED_EVENT",
            "AGENT_STATE_EVENT",
            "CALL_DELIVERED_EVENT",
            "CALL_DIVERTED_EVENT",
        ]
    );
    assert_eq!(
        names(t.v.agent("agent01")),
        [
            "AGENT_STATE_EVENT",
            "BEGIN_CALL_EVENT",
            "CALL_DELIVERED_EVENT",
            "CALL_DIVERTED_EVENT"
        ]
    );
    // The screen pop carries the call data.
    let Message::CallDeliveredEvent(d) = &t.v.agent("agent01")[2] else {
        panic!()
    };
    assert_eq!(d.alerting_device_id.as_deref(), Some("2001"));
    assert_eq!(d.alerting_device_type, DeviceType::DEVID_AGENT_DEVICE);
    assert_eq!(d.local_connection_state, LocalConnectionState::LCS_ALERTING);
    assert_eq!(d.csq_id, 1);
    assert_eq!(d.application_id, 1);
    assert_eq!(d.call_variable_1.as_deref(), Some("4711"));
    assert_eq!(
        d.named_variables,
        [NamedVariable::new("user.account", "4711")]
    );
    assert_eq!(d.dnis.as_deref(), Some("5000"));
    assert_eq!(t.state("agent01"), AgentState::AGENT_STATE_RESERVED);
    let Message::BeginCallEvent(b) = &t.v.agent("agent01")[1] else {
        panic!()
    };
    assert_eq!(b.call_type, CallType::CALLTYPE_CCX_IN);
    assert_eq!(b.call_id, id);

    t.clear();
    let r = t.req(&T::agent_ctx("agent01"), answer(id, "2001"));
    assert!(matches!(r[0], Message::AnswerCallConf(_)));
    assert_eq!(
        names(t.v.agent("agent01")),
        ["CALL_ESTABLISHED_EVENT", "AGENT_STATE_EVENT"]
    );
    let Message::CallEstablishedEvent(e) = &t.v.agent("agent01")[0] else {
        panic!()
    };
    assert_eq!(e.answering_device_id.as_deref(), Some("2001"));
    assert_eq!(e.local_connection_state, LocalConnectionState::LCS_CONNECT);
    assert_eq!(t.state("agent01"), AgentState::AGENT_STATE_TALKING);

    t.clear();
    t.advance(60_000);
    assert_eq!(
        names(t.v.agent("agent01")),
        [
            "CALL_CONNECTION_CLEARED_EVENT",
            "CALL_CLEARED_EVENT",
            "END_CALL_EVENT",
            "AGENT_STATE_EVENT"
        ]
    );
    // Sales has no auto-work and the center is auto-available.
    assert_eq!(t.state("agent01"), AgentState::AGENT_STATE_READY);
    assert!(t.c.calls().is_empty());
    assert_eq!(t.open_calls(BRIDGE), 0);
    assert_eq!(t.open_calls("agent01"), 0);
    let q = &t.c.csqs()[0];
    assert_eq!(
        (q.handled, q.handled_within_service_level, q.abandoned),
        (1, 1, 0)
    );
}

#[test]
fn wrap_up_after_auto_work_csq_then_ready_on_timer() {
    let mut t = T::new(&["agent11"]);
    t.login("agent11", true);
    let id = t.inject("5001", None, Some(10));
    t.req(&T::agent_ctx("agent11"), answer(id, "2011"));
    t.advance(10_000);
    assert_eq!(t.state("agent11"), AgentState::AGENT_STATE_WORK);
    t.clear();
    t.advance(20_000); // Support's wrap-up is 20 s.
    assert_eq!(
        agent_states(t.v.agent("agent11")),
        [(
            AgentState::AGENT_STATE_READY,
            ReasonCode::AGT_WORK_TIMER_EXP
        )]
    );
}

#[test]
fn work_requested_while_talking_applies_at_call_end() {
    let mut t = T::new(&["agent01"]);
    t.login("agent01", true);
    let id = t.inject("5000", None, Some(10));
    let ctx = T::agent_ctx("agent01");
    t.req(&ctx, answer(id, "2001"));
    let r = t.req(
        &ctx,
        set_state("agent01", "2001", AgentState::AGENT_STATE_WORK, 0),
    );
    assert!(matches!(r[0], Message::SetAgentStateConf(_)));
    assert_eq!(t.state("agent01"), AgentState::AGENT_STATE_TALKING);
    let r = t.req(
        &ctx,
        set_state("agent01", "2001", AgentState::AGENT_STATE_READY, 0),
    );
    assert_eq!(
        control_failure(&r),
        ControlFailureCode::CF_REQUEST_INCOMPATIBLE_WITH_OBJECT
    );
    t.advance(10_000);
    assert_eq!(t.state("agent01"), AgentState::AGENT_STATE_WORK);
}

#[test]
fn hold_and_retrieve() {
    let mut t = T::new(&["agent01"]);
    t.login("agent01", true);
    let id = t.inject("5000", None, None);
    let ctx = T::agent_ctx("agent01");
    t.req(&ctx, answer(id, "2001"));
    t.clear();
    let hold = HoldCallReq {
        invoke_id: 2,
        call_id: id,
        connection_device_id: "2001".into(),
        ..Default::default()
    };
    assert!(matches!(
        t.req(&ctx, hold.clone())[0],
        Message::HoldCallConf(_)
    ));
    let Message::CallHeldEvent(h) = &t.v.bridge[0] else {
        panic!()
    };
    assert_eq!(
        (h.holding_device_type, h.local_connection_state),
        (
            DeviceType::DEVID_AGENT_DEVICE,
            LocalConnectionState::LCS_HOLD
        )
    );
    // Holding a held call is refused.
    assert_eq!(
        control_failure(&t.req(&ctx, hold)),
        ControlFailureCode::CF_REQUEST_INCOMPATIBLE_WITH_OBJECT
    );
    let retrieve = RetrieveCallReq {
        invoke_id: 3,
        held_call_id: id,
        held_connection_device_id: "2001".into(),
        ..Default::default()
    };
    assert!(matches!(
        t.req(&ctx, retrieve)[0],
        Message::RetrieveCallConf(_)
    ));
    assert_eq!(
        names(t.v.agent("agent01")),
        ["CALL_HELD_EVENT", "CALL_RETRIEVED_EVENT"]
    );
    assert_eq!(t.state("agent01"), AgentState::AGENT_STATE_TALKING);
}

/// agent01 on an inbound call consults agent02, who answers. Returns (call, consult call).
fn consulted(t: &mut T) -> (u32, u32) {
    t.login("agent01", true);
    t.login("agent02", false);
    let id = t.inject("5000", None, None);
    let a1 = T::agent_ctx("agent01");
    t.req(&a1, answer(id, "2001"));
    t.clear();
    let consult = ConsultCallReq {
        invoke_id: 4,
        active_call_id: id,
        consult_type: 1,
        active_connection_device_id: "2001".into(),
        dialed_number: "2002".into(),
        ..Default::default()
    };
    let r = t.req(&a1, consult);
    let Message::ConsultCallConf(cc) = &r[0] else {
        panic!("{r:?}")
    };
    let c2 = cc.new_call_id;
    assert_eq!(
        names(t.v.agent("agent01")),
        [
            "CALL_HELD_EVENT",
            "BEGIN_CALL_EVENT",
            "CALL_SERVICE_INITIATED_EVENT",
            "CALL_ORIGINATED_EVENT",
            "CALL_DELIVERED_EVENT"
        ]
    );
    assert_eq!(
        names(t.v.agent("agent02")),
        ["BEGIN_CALL_EVENT", "CALL_DELIVERED_EVENT"]
    );
    let Message::BeginCallEvent(b) = &t.v.agent("agent02")[0] else {
        panic!()
    };
    assert_eq!(b.call_type, CallType::CALLTYPE_CONSULT);
    // The consult call inherits the call data.
    assert_eq!(b.call_variable_1.as_deref(), Some("4711"));
    let a2 = T::agent_ctx("agent02");
    t.req(
        &a2,
        AnswerCallReq {
            invoke_id: 5,
            call_id: c2,
            agent_instrument: Some("2002".into()),
            ..Default::default()
        },
    );
    assert_eq!(t.state("agent02"), AgentState::AGENT_STATE_TALKING);
    t.clear();
    (id, c2)
}

#[test]
fn consult_then_transfer() {
    let mut t = T::new(&["agent01", "agent02"]);
    let (c1, c2) = consulted(&mut t);
    let a1 = T::agent_ctx("agent01");
    let tr = TransferCallReq {
        invoke_id: 6,
        active_call_id: c2,
        held_call_id: c1,
        active_connection_device_id: "2001".into(),
        held_connection_device_id: "2001".into(),
        ..Default::default()
    };
    let r = t.req(&a1, tr);
    let Message::TransferCallConf(tc) = &r[0] else {
        panic!("{r:?}")
    };
    assert_eq!((tc.new_call_id, tc.num_parties), (c1, 2));
    assert_eq!(
        names(t.v.agent("agent01")),
        [
            "CALL_TRANSFERRED_EVENT",
            "END_CALL_EVENT",
            "END_CALL_EVENT",
            "AGENT_STATE_EVENT"
        ]
    );
    assert_eq!(
        names(t.v.agent("agent02")),
        [
            "BEGIN_CALL_EVENT",
            "CALL_TRANSFERRED_EVENT",
            "CALL_DATA_UPDATE_EVENT",
            "END_CALL_EVENT"
        ]
    );
    let Message::CallDataUpdateEvent(u) = &t.v.agent("agent02")[2] else {
        panic!()
    };
    assert_eq!(u.call_type, CallType::CALLTYPE_TRANSFER_IN);
    assert_eq!(t.state("agent01"), AgentState::AGENT_STATE_READY);
    assert_eq!(t.open_calls("agent01"), 0);
    assert_eq!(t.open_calls("agent02"), 1);
    assert_eq!(t.open_calls(BRIDGE), 1);
    let calls = t.c.calls();
    assert_eq!(calls.len(), 1);
    assert_eq!(
        calls[0]
            .parties
            .iter()
            .map(|p| p.device.as_str())
            .collect::<Vec<_>>(),
        ["+15550001", "2002"]
    );
    // agent02 hangs up: the call ends everywhere.
    let a2 = T::agent_ctx("agent02");
    t.req(
        &a2,
        ClearConnectionReq {
            invoke_id: 7,
            call_id: c1,
            connection_device_id: "2002".into(),
            ..Default::default()
        },
    );
    assert!(t.c.calls().is_empty());
    assert_eq!(t.open_calls(BRIDGE), 0);
    assert_eq!(t.open_calls("agent02"), 0);
    // agent02 took over a routed Sales call: Sales has no wrap-up, so Ready.
    assert_eq!(t.state("agent02"), AgentState::AGENT_STATE_READY);
}

#[test]
fn consult_then_conference_then_one_party_leaves() {
    let mut t = T::new(&["agent01", "agent02"]);
    let (c1, c2) = consulted(&mut t);
    let a1 = T::agent_ctx("agent01");
    let conf = ConferenceCallReq {
        invoke_id: 8,
        held_call_id: c1,
        active_call_id: c2,
        held_connection_device_id: "2001".into(),
        active_connection_device_id: "2001".into(),
        ..Default::default()
    };
    let r = t.req(&a1, conf);
    let Message::ConferenceCallConf(cc) = &r[0] else {
        panic!("{r:?}")
    };
    assert_eq!(cc.connected_parties.len(), 3);
    assert_eq!(
        names(t.v.agent("agent01")),
        ["CALL_CONFERENCED_EVENT", "END_CALL_EVENT"]
    );
    assert_eq!(
        names(t.v.agent("agent02")),
        [
            "BEGIN_CALL_EVENT",
            "CALL_DATA_UPDATE_EVENT",
            "CALL_CONFERENCED_EVENT",
            "END_CALL_EVENT"
        ]
    );
    let Message::CallConferencedEvent(e) = &t.v.bridge[1] else {
        panic!("{:?}", names(&t.v.bridge))
    };
    assert_eq!(e.event_cause, EventCause::CEC_KEY_CONFERENCE);
    assert_eq!((e.primary_call_id, e.secondary_call_id), (c1, c2));
    t.clear();
    // agent01 drops out; the caller and agent02 stay.
    t.req(
        &a1,
        ClearConnectionReq {
            invoke_id: 9,
            call_id: c1,
            connection_device_id: "2001".into(),
            ..Default::default()
        },
    );
    assert_eq!(
        names(t.v.agent("agent01")),
        [
            "CALL_CONNECTION_CLEARED_EVENT",
            "END_CALL_EVENT",
            "AGENT_STATE_EVENT"
        ]
    );
    assert_eq!(
        names(t.v.agent("agent02")),
        ["CALL_CONNECTION_CLEARED_EVENT"]
    );
    assert_eq!(t.c.calls()[0].parties.len(), 2);
}

#[test]
fn reconnect_cancels_a_ringing_consult() {
    let mut t = T::new(&["agent01", "agent02"]);
    t.login("agent01", true);
    t.login("agent02", true);
    // agent01 gets the first call (longest available).
    let id = t.inject("5000", None, None);
    let a1 = T::agent_ctx("agent01");
    t.req(&a1, answer(id, "2001"));
    let r = t.req(
        &a1,
        ConsultCallReq {
            invoke_id: 4,
            active_call_id: id,
            active_connection_device_id: "2001".into(),
            dialed_number: "2002".into(),
            ..Default::default()
        },
    );
    let Message::ConsultCallConf(cc) = &r[0] else {
        panic!("{r:?}")
    };
    t.clear();
    let rc = ReconnectCallReq {
        invoke_id: 5,
        active_call_id: cc.new_call_id,
        held_call_id: id,
        active_connection_device_id: "2001".into(),
        held_connection_device_id: "2001".into(),
        ..Default::default()
    };
    assert!(matches!(t.req(&a1, rc)[0], Message::ReconnectCallConf(_)));
    assert_eq!(
        names(t.v.agent("agent01")),
        [
            "CALL_CONNECTION_CLEARED_EVENT",
            "CALL_CLEARED_EVENT",
            "END_CALL_EVENT",
            "CALL_RETRIEVED_EVENT"
        ]
    );
    assert_eq!(
        agent_states(t.v.agent("agent02")),
        [(
            AgentState::AGENT_STATE_NOT_READY,
            ReasonCode::AGT_CANCEL_CONSULT
        )]
    );
}

#[test]
fn outbound_make_call_to_an_outside_number() {
    let mut t = T::new(&["agent01"]);
    t.login("agent01", false);
    t.clear();
    let a1 = T::agent_ctx("agent01");
    let r = t.req(
        &a1,
        MakeCallReq {
            invoke_id: 1,
            agent_instrument: "2001".into(),
            dialed_number: "+14155550100".into(),
            ..Default::default()
        },
    );
    let Message::MakeCallConf(mc) = &r[0] else {
        panic!("{r:?}")
    };
    assert_eq!(mc.new_connection_device_id, "2001");
    assert_eq!(
        names(t.v.agent("agent01")),
        [
            "BEGIN_CALL_EVENT",
            "CALL_SERVICE_INITIATED_EVENT",
            "AGENT_STATE_EVENT",
            "CALL_ORIGINATED_EVENT",
            "CALL_DATA_UPDATE_EVENT"
        ]
    );
    let Message::CallDataUpdateEvent(u) = &t.v.agent("agent01")[4] else {
        panic!()
    };
    assert_eq!(u.call_type, CallType::CALLTYPE_OUT);
    t.clear();
    t.advance(3_000);
    assert_eq!(names(t.v.agent("agent01")), ["CALL_ESTABLISHED_EVENT"]);
    t.clear();
    t.req(
        &a1,
        ClearCallReq {
            invoke_id: 2,
            call_id: mc.new_call_id,
            connection_device_id: "2001".into(),
            ..Default::default()
        },
    );
    assert_eq!(
        names(t.v.agent("agent01")),
        [
            "CALL_CONNECTION_CLEARED_EVENT",
            "CALL_CLEARED_EVENT",
            "END_CALL_EVENT",
            "AGENT_STATE_EVENT"
        ]
    );
    // Back to where the agent was before the call.
    assert_eq!(t.state("agent01"), AgentState::AGENT_STATE_NOT_READY);
}

#[test]
fn internal_call_rings_the_other_agent_and_busy_fails() {
    let mut t = T::new(&["agent01", "agent02"]);
    t.login("agent01", false);
    t.login("agent02", false);
    let a1 = T::agent_ctx("agent01");
    let r = t.req(
        &a1,
        MakeCallReq {
            invoke_id: 1,
            agent_instrument: "2001".into(),
            dialed_number: "2002".into(),
            ..Default::default()
        },
    );
    let Message::MakeCallConf(mc) = &r[0] else {
        panic!("{r:?}")
    };
    let Message::BeginCallEvent(b) = &t.v.agent("agent02")[1] else {
        panic!()
    };
    assert_eq!(b.call_type, CallType::CALLTYPE_AGENT_INSIDE);
    t.req(
        &T::agent_ctx("agent02"),
        AnswerCallReq {
            invoke_id: 2,
            call_id: mc.new_call_id,
            agent_instrument: Some("2002".into()),
            ..Default::default()
        },
    );
    assert_eq!(t.state("agent02"), AgentState::AGENT_STATE_TALKING);
    // Dialing yourself, an empty number, or while on an active call is refused.
    let r = t.req(
        &a1,
        MakeCallReq {
            invoke_id: 3,
            agent_instrument: "2001".into(),
            dialed_number: "2003".into(),
            ..Default::default()
        },
    );
    assert_eq!(
        control_failure(&r),
        ControlFailureCode::CF_REQUEST_INCOMPATIBLE_WITH_OBJECT
    );
}

#[test]
fn abandon_in_queue() {
    let mut t = T::new(&[]);
    let id = t.inject("5002", Some(30), None);
    t.clear();
    t.advance(30_000);
    assert_eq!(
        names(&t.v.bridge),
        [
            "CALL_CONNECTION_CLEARED_EVENT",
            "CALL_CLEARED_EVENT",
            "END_CALL_EVENT"
        ]
    );
    let Message::CallConnectionClearedEvent(c) = &t.v.bridge[0] else {
        panic!()
    };
    assert_eq!(
        (c.call_id, c.releasing_device_id.as_str()),
        (id, "+15550001")
    );
    assert_eq!(t.c.csqs()[2].abandoned, 1);
    assert_eq!(t.c.csqs()[2].queued, 0);
    assert!(t.c.calls().is_empty());
}

#[test]
fn abandon_while_ringing_makes_the_agent_ready_again() {
    let mut t = T::new(&["agent01"]);
    t.login("agent01", true);
    t.inject("5000", Some(5), None);
    assert_eq!(t.state("agent01"), AgentState::AGENT_STATE_RESERVED);
    t.clear();
    t.advance(5_000);
    assert_eq!(
        names(t.v.agent("agent01")),
        [
            "CALL_CONNECTION_CLEARED_EVENT",
            "CALL_CLEARED_EVENT",
            "END_CALL_EVENT",
            "AGENT_STATE_EVENT"
        ]
    );
    assert_eq!(t.state("agent01"), AgentState::AGENT_STATE_READY);
}

#[test]
fn ring_no_answer_requeues_to_the_next_agent() {
    let mut t = T::new(&["agent01", "agent02"]);
    t.login("agent01", true);
    t.now += 1000;
    t.login("agent02", true);
    let id = t.inject("5000", None, None);
    // Longest available: agent01 was Ready first.
    assert_eq!(t.state("agent01"), AgentState::AGENT_STATE_RESERVED);
    t.clear();
    t.advance(12_000);
    assert_eq!(
        names(t.v.agent("agent01")),
        ["CALL_DIVERTED_EVENT", "END_CALL_EVENT", "AGENT_STATE_EVENT"]
    );
    assert_eq!(
        agent_states(t.v.agent("agent01")),
        [(AgentState::AGENT_STATE_NOT_READY, ReasonCode::AGT_RNA)]
    );
    assert_eq!(t.state("agent02"), AgentState::AGENT_STATE_RESERVED);
    assert!(names(&t.v.bridge).contains(&"CALL_QUEUED_EVENT"));
    let Message::BeginCallEvent(b) = &t.v.agent("agent02")[1] else {
        panic!("{:?}", names(t.v.agent("agent02")))
    };
    assert_eq!(b.call_id, id);
}

#[test]
fn most_skilled_routing_picks_the_best_agent() {
    // Support (CSQ 2) routes most-skilled; agent16's Support competence is above agent11's.
    let demo = Config::demo();
    let comp = |l: &str| demo.agents.iter().find(|a| a.login_id == l).unwrap().skills["Support"];
    let (a, b) = ("agent11", "agent16");
    let best = if comp(a) >= comp(b) { a } else { b };
    let mut t = T::new(&[a, b]);
    t.login(a, true);
    t.login(b, true);
    t.inject("5001", None, None);
    assert_eq!(t.state(best), AgentState::AGENT_STATE_RESERVED);
}

#[test]
fn set_call_data_reports_only_changes() {
    let mut t = T::new(&["agent01"]);
    t.login("agent01", true);
    let id = t.inject("5000", None, None);
    let a1 = T::agent_ctx("agent01");
    t.req(&a1, answer(id, "2001"));
    t.clear();
    let m = SetCallDataReq {
        invoke_id: 3,
        call_id: id,
        connection_device_id: "2001".into(),
        call_variable_1: Some("4711".into()), // unchanged
        call_variable_2: Some("gold".into()),
        call_variable_3: Some(Default::default()), // empty: no change
        named_variables: vec![NamedVariable::new("user.note", "callback")],
        named_arrays: vec![NamedArrayElement {
            index: 2,
            name: "user.items".into(),
            value: "x".into(),
        }],
        ..Default::default()
    };
    assert!(matches!(t.req(&a1, m)[0], Message::SetCallDataConf(_)));
    let Message::CallDataUpdateEvent(u) = &t.v.agent("agent01")[0] else {
        panic!()
    };
    assert_eq!(
        (
            u.call_variable_1.as_deref(),
            u.call_variable_2.as_deref(),
            u.call_variable_3.as_deref()
        ),
        (None, Some("gold"), None)
    );
    assert_eq!(u.named_variables.len(), 1);
    assert_eq!(u.named_arrays.len(), 1);
    // Clearing with one space; the snapshot shows the result.
    t.req(
        &a1,
        SetCallDataReq {
            invoke_id: 4,
            call_id: id,
            connection_device_id: "2001".into(),
            call_variable_1: Some(" ".into()),
            ..Default::default()
        },
    );
    let r = t.req(
        &a1,
        SnapshotCallReq {
            invoke_id: 5,
            call_id: id,
            connection_device_id: "2001".into(),
            ..Default::default()
        },
    );
    let Message::SnapshotCallConf(s) = &r[0] else {
        panic!()
    };
    assert_eq!(s.call_variable_1, None);
    assert_eq!(s.call_variable_2.as_deref(), Some("gold"));
    assert_eq!(s.named_variables.len(), 2);
    assert_eq!(s.call_devices.len(), 2);
    // Too much ECC data.
    let big: Vec<NamedVariable> = (0..10)
        .map(|i| NamedVariable::new(format!("v{i}"), "x".repeat(200)))
        .collect();
    let r = t.req(
        &a1,
        SetCallDataReq {
            invoke_id: 6,
            call_id: id,
            connection_device_id: "2001".into(),
            named_variables: big,
            ..Default::default()
        },
    );
    assert_eq!(failure_status(&r), StatusCode::E_CTI_INVALID_FIELD_LENGTH);
}

#[test]
fn failures_have_their_codes() {
    let mut t = T::new(&["agent01"]);
    let bridge = Ctx::bridge(1, 18);
    let hold = HoldCallReq {
        invoke_id: 2,
        call_id: 12345,
        connection_device_id: "2001".into(),
        ..Default::default()
    };
    assert_eq!(
        failure_status(&t.req(&bridge, hold.clone())),
        StatusCode::E_CTI_INVALID_CALLID
    );
    let stats = QueryQueueStatisticsReq {
        invoke_id: 3,
        csq_id: 99,
        ..Default::default()
    };
    assert_eq!(
        failure_status(&t.req(&bridge, stats)),
        StatusCode::E_CTI_INVALID_CSQ
    );
    let mc = MakeCallReq {
        invoke_id: 4,
        agent_instrument: "2001".into(),
        dialed_number: "123".into(),
        ..Default::default()
    };
    assert_eq!(
        failure_status(&t.req(&bridge, mc)),
        StatusCode::E_CTI_AGENT_NOT_LOGGED_ON
    );
    let no_control = Ctx {
        services: ServiceMask::CTI_SERVICE_ALL_EVENTS,
        ..Ctx::default()
    };
    assert_eq!(
        control_failure(&t.req(&no_control, hold.clone())),
        ControlFailureCode::CF_PRIVILEGE_VIOLATION_ON_SPECIFIED_DEVICE
    );
    // The phone system goes down: call control and agent state changes fail with 94.
    t.login("agent01", true);
    let outs = t.c.set_phone_system_up(t.now, false);
    t.feed(outs);
    assert!(!t.c.phone_system_up());
    assert_eq!(t.state("agent01"), AgentState::AGENT_STATE_NOT_READY);
    assert_eq!(
        failure_status(&t.req(&bridge, hold)),
        StatusCode::E_CTI_JTAPI_CCM_PROBLEM
    );
    let r = t.req(
        &T::agent_ctx("agent01"),
        set_state("agent01", "2001", AgentState::AGENT_STATE_READY, 0),
    );
    assert_eq!(failure_status(&r), StatusCode::E_CTI_JTAPI_CCM_PROBLEM);
    assert!(t
        .c
        .inject_call(
            t.now,
            NewCall {
                dnis: "5000".into(),
                ..Default::default()
            }
        )
        .is_err());
    let outs = t.c.set_phone_system_up(t.now, true);
    t.feed(outs);
    assert_eq!(
        agent_states(t.v.agent("agent01")).last(),
        Some(&(AgentState::AGENT_STATE_NOT_READY, ReasonCode::AGT_PHONE_UP))
    );
    // Agent sessions act on their own phone only.
    t.login("agent02", true);
    let id = t.inject("5000", None, None);
    let r = t.req(&T::agent_ctx("agent01"), answer(id, "2002"));
    assert_eq!(
        control_failure(&r),
        ControlFailureCode::CF_PRIVILEGE_VIOLATION_ON_SPECIFIED_DEVICE
    );
    // An unknown message type.
    let r = t.req(
        &bridge,
        HeartbeatReq {
            invoke_id: 5,
            ..Default::default()
        },
    );
    assert_eq!(failure_status(&r), StatusCode::E_CTI_INVALID_MESSAGE_TYPE);
}

#[test]
fn statistics_and_device_queries() {
    let mut t = T::new(&["agent01"]);
    t.login("agent01", false);
    t.inject("5000", None, None);
    t.inject("5000", None, None);
    let bridge = Ctx::bridge(1, 18);
    let r = t.req(
        &bridge,
        QueryQueueStatisticsReq {
            invoke_id: 1,
            csq_id: 1,
            ..Default::default()
        },
    );
    let Message::QueryQueueStatisticsConf(q) = &r[0] else {
        panic!()
    };
    assert_eq!(
        (
            q.logged_in_agents,
            q.unavailable_agents,
            q.calls_in_priority_queue1
        ),
        (1, 1, 2)
    );
    t.advance(5_000);
    let r = t.req(
        &bridge,
        QueryAgentQueueStatisticsReq {
            invoke_id: 2,
            agent_id: "agent01".into(),
            ..Default::default()
        },
    );
    let Message::QueryAgentQueueStatisticsConf(q) = &r[0] else {
        panic!()
    };
    assert_eq!((q.calls_in_queue, q.oldest_call_in_queue), (2, 5));
    let r = t.req(
        &bridge,
        QuerySummaryStatisticsReq {
            invoke_id: 3,
            ..Default::default()
        },
    );
    let Message::QuerySummaryStatisticsConf(q) = &r[0] else {
        panic!()
    };
    assert_eq!(
        (q.num_queues, q.logged_in_agents, q.calls_in_priority_queue1),
        (4, 1, 2)
    );
    let r = t.req(
        &bridge,
        QueryDeviceInfoReq {
            invoke_id: 4,
            agent_instrument: "2001".into(),
            ..Default::default()
        },
    );
    let Message::QueryDeviceInfoConf(d) = &r[0] else {
        panic!()
    };
    assert_eq!(d.max_held_calls, 1);
    let r = t.req(
        &bridge,
        SnapshotDeviceReq {
            invoke_id: 5,
            agent_instrument: "7001".into(),
            ..Default::default()
        },
    );
    let Message::SnapshotDeviceConf(s) = &r[0] else {
        panic!()
    };
    assert_eq!(s.calls.len(), 1);
    assert_eq!(
        s.calls[0].call_device_connection_state,
        LocalConnectionState::LCS_CONNECT
    );
    let r = t.req(
        &bridge,
        SnapshotDeviceReq {
            invoke_id: 6,
            agent_instrument: "9999".into(),
            ..Default::default()
        },
    );
    assert_eq!(
        control_failure(&r),
        ControlFailureCode::CF_INVALID_CSTA_DEVICE_ID
    );
}

#[test]
fn supervisor_barge_in_intercept_and_assist() {
    let mut t = T::new(&["agent01", "sup01"]);
    t.login("agent01", true);
    t.login("sup01", false);
    let id = t.inject("5000", None, None);
    let a1 = T::agent_ctx("agent01");
    t.req(&a1, answer(id, "2001"));
    let mut sup = T::agent_ctx("sup01");
    sup.services |= ServiceMask::CTI_SERVICE_SUPERVISOR;
    t.clear();
    let barge = SuperviseCallReq {
        invoke_id: 1,
        agent_call_id: 0xFFFF_FFFF,
        supervisor_call_id: 0xFFFF_FFFF,
        supervisory_action: 3,
        agent_id: Some("agent01".into()),
        ..Default::default()
    };
    let r = t.req(&sup, barge);
    let Message::SuperviseCallConf(c) = &r[0] else {
        panic!("{r:?}")
    };
    assert_eq!(c.call_id, id);
    assert_eq!(
        names(t.v.agent("sup01")),
        [
            "BEGIN_CALL_EVENT",
            "CALL_CONFERENCED_EVENT",
            "AGENT_STATE_EVENT"
        ]
    );
    t.clear();
    let intercept = SuperviseCallReq {
        invoke_id: 2,
        agent_call_id: 0xFFFF_FFFF,
        supervisor_call_id: 0xFFFF_FFFF,
        supervisory_action: 4,
        agent_id: Some("agent01".into()),
        ..Default::default()
    };
    t.req(&sup, intercept);
    assert_eq!(
        names(t.v.agent("agent01")),
        [
            "CALL_CONNECTION_CLEARED_EVENT",
            "END_CALL_EVENT",
            "AGENT_STATE_EVENT"
        ]
    );
    let parties: Vec<String> = t.c.calls()[0]
        .parties
        .iter()
        .map(|p| p.device.clone())
        .collect();
    assert_eq!(parties, ["+15550001", "2101"]);
    // A supervisor of another team may not barge in.
    let mut sup2 = T::agent_ctx("sup02");
    sup2.services |= ServiceMask::CTI_SERVICE_SUPERVISOR;
    t.login("sup02", false);
    let r = t.req(
        &sup2,
        SuperviseCallReq {
            invoke_id: 3,
            agent_call_id: 0xFFFF_FFFF,
            supervisor_call_id: 0xFFFF_FFFF,
            supervisory_action: 3,
            agent_id: Some("agent02".into()),
            ..Default::default()
        },
    );
    assert_eq!(
        control_failure(&r),
        ControlFailureCode::CF_PRIVILEGE_VIOLATION_ON_SPECIFIED_DEVICE
    );
    // Monitor (1) is not a UCCX action.
    let r = t.req(
        &sup,
        SuperviseCallReq {
            invoke_id: 4,
            supervisory_action: 1,
            agent_id: Some("agent01".into()),
            ..Default::default()
        },
    );
    assert_eq!(
        control_failure(&r),
        ControlFailureCode::CF_VALUE_OUT_OF_RANGE
    );

    // agent03 asks for help; sup01 is busy (on the call), so no supervisor is free.
    t.login("agent03", false);
    let a3 = T::agent_ctx("agent03");
    let r = t.req(
        &a3,
        SupervisorAssistReq {
            invoke_id: 5,
            call_id: 0xFFFF_FFFF,
            connection_device_id: "2003".into(),
            ..Default::default()
        },
    );
    assert_eq!(failure_status(&r), StatusCode::E_CTI_UNSPECIFIED_FAILURE);
    // sup01 leaves the call; now the assist call rings at sup01.
    t.req(
        &sup,
        SuperviseCallReq {
            invoke_id: 6,
            agent_call_id: id,
            supervisor_call_id: id,
            supervisory_action: 0,
            ..Default::default()
        },
    );
    assert!(t.c.calls().is_empty());
    t.clear();
    let r = t.req(
        &a3,
        SupervisorAssistReq {
            invoke_id: 7,
            call_id: 0xFFFF_FFFF,
            connection_device_id: "2003".into(),
            ..Default::default()
        },
    );
    let Message::SupervisorAssistConf(c) = &r[0] else {
        panic!("{r:?}")
    };
    assert_eq!(
        names(t.v.agent("sup01"))[..3],
        [
            "SUPERVISOR_ASSIST_EVENT",
            "BEGIN_CALL_EVENT",
            "CALL_DELIVERED_EVENT"
        ]
    );
    let Message::BeginCallEvent(b) = &t.v.agent("sup01")[1] else {
        panic!()
    };
    assert_eq!(
        (b.call_id, b.call_type),
        (c.call_id, CallType::CALLTYPE_ASSIST)
    );
}

#[test]
fn configuration_protocol_keys_snapshot_and_updates() {
    let mut t = T::new(&[]);
    let mut ctx = Ctx::bridge(1, 16);
    let r = t.req(&ctx, ConfigRequestKeyEvent::default());
    let Message::ConfigKeyEvent(k) = &r[0] else {
        panic!()
    };
    assert_eq!(k.status, ConfigKeyStatus::CONFIG_SUCCESS);
    let keys = (
        k.application_key.unwrap(),
        k.csq_key.unwrap(),
        k.agent_key.unwrap(),
        k.device_key.unwrap(),
    );
    assert!(keys.0 != 0 && keys.1 != 0 && keys.2 != 0 && keys.3 != 0);
    // The same configuration gives the same keys.
    let again = T::new(&[]);
    let mut out = Vec::new();
    again.c.config_request_key(&ctx, &mut out);
    assert_eq!(out[0].msg(), &r[0]);

    // Ask for agents and CSQs while the session's ConfigMsgMask allows agents only
    // (ConfigMsgMask agent = 0x01; ConfigurationMask agent = 0x04).
    ctx.config_msg_mask = ConfigMsgMask::CONFIG_AGENT_MASK;
    let r = t.req(
        &ctx,
        ConfigRequestEvent {
            configuration_mask: ConfigurationMask(0x06),
            ..Default::default()
        },
    );
    let Message::ConfigBeginEvent(b) = &r[0] else {
        panic!()
    };
    assert_eq!(
        (b.config_type, b.configuration_mask),
        (1, ConfigurationMask::CONFIGURATION_AGENT)
    );
    assert_eq!(names(&r[1..6]), ["CONFIG_AGENT_EVENT"; 5]);
    let n: usize = r
        .iter()
        .map(|m| {
            if let Message::ConfigAgentEvent(e) = m {
                assert!(e.records.len() <= 10);
                e.records.len()
            } else {
                0
            }
        })
        .sum();
    assert_eq!(n, 44);
    assert!(
        matches!(r.last(), Some(Message::ConfigEndEvent(e)) if e.status == ConfigEndStatus::CONFIG_SUCCESS)
    );

    // Without the service.
    let plain = Ctx::agent(2, 16, "agent01", "2001");
    let r = t.req(&plain, ConfigRequestKeyEvent::default());
    assert!(
        matches!(&r[0], Message::ConfigKeyEvent(k) if k.status == ConfigKeyStatus::CONFIG_SERVICE_PROVIDER)
    );

    // Replace the configuration: drop agent40, rename CSQ 4, move agent39 to team 1.
    t.login("agent40", true);
    t.clear();
    let mut c = Config::demo();
    c.agents.retain(|a| a.login_id != "agent40");
    c.csqs[3].name = "Espanol".into();
    c.agents
        .iter_mut()
        .find(|a| a.login_id == "agent39")
        .unwrap()
        .team = 1;
    let outs = t.c.replace_config(t.now, c);
    t.feed(outs);
    let blocks: Vec<(ConfigMsgMask, &str)> =
        t.v.config.iter().map(|(b, m)| (*b, m.name())).collect();
    assert!(blocks.contains(&(ConfigMsgMask::CONFIG_CSQ_MASK, "CONFIG_CSQ_EVENT")));
    assert!(blocks.contains(&(ConfigMsgMask::CONFIG_AGENT_MASK, "CONFIG_AGENT_EVENT")));
    assert!(!blocks
        .iter()
        .any(|(b, _)| *b == ConfigMsgMask::CONFIG_APPLICATION_MASK));
    let deleted = t.v.config.iter().any(|(_, m)| matches!(m, Message::ConfigAgentEvent(e) if e.records.iter().any(|r| r.login_id == "agent40" && r.record_type == RecordType::RECORD_TYPE_DELETE)));
    assert!(deleted);
    let Some((_, Message::ConfigBeginEvent(b))) = t.v.config.first() else {
        panic!()
    };
    assert_eq!(b.config_type, 2);
    // Team 4 lost agent39 and team 1 gained it.
    assert_eq!(t.v.team.len(), 2);
    // agent40 was logged out (AGENT_DELETED).
    assert_eq!(
        agent_states(&t.v.bridge),
        [(AgentState::AGENT_STATE_LOGOUT, ReasonCode::AGENT_DELETED)]
    );
    assert_eq!(t.c.agent_state("agent40"), None);
    let r = t.req(&ctx, ConfigRequestKeyEvent::default());
    let Message::ConfigKeyEvent(k2) = &r[0] else {
        panic!()
    };
    assert_eq!(k2.application_key.unwrap(), keys.0);
    assert_ne!(k2.csq_key.unwrap(), keys.1);
    assert_ne!(k2.agent_key.unwrap(), keys.2);
}

#[test]
fn team_configuration() {
    let mut t = T::new(&[]);
    let mut ctx = Ctx::agent(1, 16, "sup01", "2101");
    let r = t.req(
        &ctx,
        TeamConfigReq {
            invoke_id: 1,
            config_param: 1,
            ..Default::default()
        },
    );
    assert!(matches!(&r[0], Message::TeamConfigConf(c) if c.status == 1));
    ctx.services |= ServiceMask::CTI_SERVICE_SUPERVISOR;
    let r = t.req(
        &ctx,
        TeamConfigReq {
            invoke_id: 2,
            config_param: 1,
            ..Default::default()
        },
    );
    assert_eq!(
        names(&r),
        [
            "TEAM_CONFIG_EVENT",
            "TEAM_CONFIG_EVENT",
            "TEAM_CONFIG_EVENT",
            "TEAM_CONFIG_EVENT",
            "TEAM_CONFIG_CONF"
        ]
    );
    let Message::TeamConfigEvent(e) = &r[3] else {
        panic!()
    };
    assert_eq!(e.team_name, "Latam Team");
    let sup4 = e.members.iter().find(|m| m.agent_id == "sup04").unwrap();
    assert_eq!(sup4.agent_flags, Some(1));
    let sup1 = e.members.iter().find(|m| m.agent_id == "sup01").unwrap();
    assert_eq!(sup1.agent_flags, Some(4));
    assert!(e
        .members
        .iter()
        .any(|m| m.member_type == Some(2) && m.agent_id == "4"));
}

#[test]
fn traffic_runs_a_live_center_deterministically() {
    fn run(seed: u64) -> (Vec<String>, usize) {
        let mut t = T::new(&["agent01", "agent11"]);
        t.c = Center::new(Config::demo(), seed);
        let outs = t.c.set_traffic(
            0,
            Some(Traffic {
                calls_per_hour: 1200.0,
                handle_time_s: 60.0,
                wrap_up_s: 5.0,
                abandon_rate: 0.2,
            }),
        );
        t.feed(outs);
        t.advance(600_000);
        let outs = t.c.set_traffic(t.now, None);
        t.feed(outs);
        // Let every call end: callers hang up after their talk time; the rest are abandoned
        // or answered by the still-simulated agents... which stop acting without traffic, so
        // calls waiting stay waiting.
        let names: Vec<String> = names(&t.v.bridge).iter().map(|s| s.to_string()).collect();
        (names, t.ledgers[BRIDGE].1.begun)
    }
    let (a, begun) = run(5);
    let (b, _) = run(5);
    assert_eq!(a, b, "the same seed gives the same day");
    // 1200 calls/h for 10 minutes: about 200 calls.
    assert!((120..300).contains(&begun), "{begun} calls");
    assert!(a.iter().filter(|n| *n == "CALL_ESTABLISHED_EVENT").count() > 100);
    let (c, _) = run(6);
    assert_ne!(a, c);
}

#[test]
fn restarting_traffic_does_not_double_the_arrivals() {
    let rate = |c: &mut Center, from: Millis, to: Millis| {
        let mut arrivals = 0;
        while let Some(d) = c.next_deadline().filter(|&d| d <= to) {
            for o in c.tick(d.max(from)) {
                if let Out::Event(e) = &o {
                    if matches!(e.msg, Message::BeginCallEvent(_))
                        && e.audience == crate::Audience::Agents(Vec::new())
                    {
                        arrivals += 1;
                    }
                }
            }
        }
        arrivals
    };
    let t = Traffic {
        calls_per_hour: 3600.0,
        handle_time_s: 30.0,
        wrap_up_s: 1.0,
        abandon_rate: 0.0,
    };
    let mut c = Center::new(Config::synthetic(400), 3);
    c.set_traffic(0, Some(t));
    c.set_traffic(0, None);
    c.set_traffic(0, Some(t));
    // One call a second on average: 600 s give about 600 arrivals, not twice that.
    let n = rate(&mut c, 0, 600_000);
    assert!((450..750).contains(&n), "{n} arrivals in 600 s");
}

#[test]
fn the_center_can_move_between_threads() {
    fn send<T: Send>() {}
    send::<Center>();
}

#[test]
fn big_teams_and_snapshots_are_split_to_fit_their_messages() {
    let mut t = T::with(Config::synthetic(250), &[]);
    let mut ctx = Ctx::bridge(1, 14);
    let r = t.req(
        &ctx,
        TeamConfigReq {
            invoke_id: 1,
            config_param: 3,
            ..Default::default()
        },
    );
    // 3 teams of 100, 100 and 50 agents (+1 CSQ each): 64 members per event at most.
    let events: Vec<&TeamConfigEvent> = r
        .iter()
        .filter_map(|m| {
            if let Message::TeamConfigEvent(e) = m {
                Some(e)
            } else {
                None
            }
        })
        .collect();
    assert_eq!(events.len(), 5);
    assert!(events.iter().all(|e| e.members.len() <= 64));
    assert_eq!(events.iter().filter(|e| e.operation == 1).count(), 3);
    assert_eq!(events.iter().map(|e| e.members.len()).sum::<usize>(), 253);
    ctx.config_msg_mask = ConfigMsgMask(0x1F);
    let r = t.req(
        &ctx,
        ConfigRequestEvent {
            configuration_mask: ConfigurationMask(0x0F),
            ..Default::default()
        },
    );
    let agents: usize = r
        .iter()
        .map(|m| match m {
            Message::ConfigAgentEvent(e) => {
                assert!(e.records.len() <= 10);
                e.records.len()
            }
            _ => 0,
        })
        .sum();
    assert_eq!(agents, 250);
    assert!(matches!(r.last(), Some(Message::ConfigEndEvent(_))));
}
