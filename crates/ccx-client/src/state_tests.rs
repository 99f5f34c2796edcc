//! Unit tests of the sans-IO core against a virtual clock: the test plays the server by
//! reading what the core transmits and feeding answers back.

use super::*;
use crate::config::{AgentIdentity, VersionPolicy};
use cti_proto::codes::{
    AgentState, CcxErrorCode, ConfigEndStatus, ConfigKeyStatus, ControlFailureCode, RecordType,
};
use cti_proto::msg::{
    AgentStateEvent, CloseConf, ConfigAgentEvent, ConfigAgentRecord, ConfigKeyEvent,
    ControlFailureConf, HeartbeatConf, QueryAgentStateConf, QueryAgentStateReq, SetAgentStateConf,
    SetAgentStateReq, SystemEvent, TeamMember,
};

struct Harness {
    core: ClientCore,
    now: Instant,
    /// Version the "server" encodes with.
    version: u8,
}

impl Harness {
    fn new(cfg: ClientConfig) -> Harness {
        let now = Instant::now();
        let mut core = ClientCore::new(cfg, now);
        core.handle_timeout(now);
        Harness {
            core,
            now,
            version: 18,
        }
    }

    fn config() -> crate::config::ClientConfigBuilder {
        ClientConfig::builder()
            .nodes(["a:1", "b:2"])
            .rejected_open_delay(Duration::from_secs(10))
    }

    fn advance(&mut self, d: Duration) {
        self.now += d;
        self.core.handle_timeout(self.now);
    }

    /// Run the clock to the core's next deadline.
    fn run_to_next_deadline(&mut self) {
        let t = self.core.poll_timeout().expect("a deadline");
        if t > self.now {
            self.now = t;
        }
        self.core.handle_timeout(self.now);
    }

    fn actions(&mut self) -> Vec<Action> {
        std::iter::from_fn(|| self.core.poll_action()).collect()
    }

    fn sent(&mut self) -> Vec<Message> {
        let s = Settings::new(self.core.settings().version);
        std::iter::from_fn(|| self.core.poll_transmit())
            .map(|b| Message::decode_frame(&b, &s).expect("client frames decode"))
            .collect()
    }

    fn outputs(&mut self) -> Vec<Output> {
        std::iter::from_fn(|| self.core.poll_output()).collect()
    }

    fn feed(&mut self, m: impl Into<Message>) {
        let b = m.into().to_bytes(&Settings::new(self.version)).unwrap();
        self.core.handle_input(self.now, &b);
    }

    /// Connect (expecting `index`) and answer the OPEN_REQ with OPEN_CONF.
    fn open(&mut self, index: usize, services: ServiceMask) -> OpenReq {
        let acts = self.actions();
        assert!(
            acts.iter()
                .any(|a| matches!(a, Action::Connect { index: i, .. } if *i == index)),
            "expected a connect to node {index}, got {acts:?}"
        );
        self.core.handle_connected(self.now);
        let open = match self.sent().pop() {
            Some(Message::OpenReq(o)) => o,
            other => panic!("expected OPEN_REQ, got {other:?}"),
        };
        self.version = open.version_number as u8;
        self.feed(OpenConf {
            invoke_id: open.invoke_id,
            services_granted: services,
            ccx_online: true,
            ..Default::default()
        });
        assert!(self.core.is_open());
        open
    }

    fn replies(&mut self) -> Vec<(RequestId, Result<Reply, RequestError>)> {
        self.outputs()
            .into_iter()
            .filter_map(|o| match o {
                Output::Reply { id, result } => Some((id, result)),
                _ => None,
            })
            .collect()
    }

    fn connection_events(&mut self) -> Vec<ConnectionEvent> {
        self.outputs()
            .into_iter()
            .filter_map(|o| match o {
                Output::Event(Event::Connection(c)) => Some(c),
                _ => None,
            })
            .collect()
    }
}

#[test]
fn opens_with_the_configured_request() {
    let cfg = Harness::config()
        .agent(AgentIdentity {
            agent_id: Some("1001".into()),
            extension: Some("5001".into()),
            instrument: None,
        })
        .services(ServiceMask::CTI_SERVICE_CLIENT_CONTROL)
        .client_id("desk")
        .build()
        .unwrap();
    let mut h = Harness::new(cfg);
    let open = h.open(0, ServiceMask(0x5));
    assert_eq!(open.version_number, 18);
    assert_eq!(open.idle_timeout, 40);
    assert_eq!(open.services_requested, ServiceMask(0x5));
    assert_eq!(open.agent_state_mask.0, 0x1FF);
    assert_eq!(open.agent_id.as_deref(), Some("1001"));
    assert_eq!(open.agent_extension.as_deref(), Some("5001"));
    assert_eq!(open.client_id.as_deref(), Some("desk"));
    let ev = h.connection_events();
    assert!(matches!(&ev[0], ConnectionEvent::Connected { node } if node == "a:1"));
    assert!(
        matches!(&ev[1], ConnectionEvent::Opened { version: 18, services, .. } if *services == ServiceMask(0x5))
    );
}

#[test]
fn heartbeats_every_interval_and_answered_ones_keep_the_session() {
    let mut h = Harness::new(Harness::config().build().unwrap());
    h.open(0, ServiceMask::CTI_SERVICE_ALL_EVENTS);
    for _ in 0..10 {
        assert_eq!(h.core.poll_timeout(), Some(h.now + Duration::from_secs(10)));
        h.run_to_next_deadline();
        let sent = h.sent();
        let [Message::HeartbeatReq(hb)] = &sent[..] else {
            panic!("expected one heartbeat, got {sent:?}")
        };
        h.feed(HeartbeatConf {
            invoke_id: hb.invoke_id,
            ..Default::default()
        });
    }
    assert!(h.core.is_open());
}

#[test]
fn three_unanswered_heartbeats_fail_the_session_and_move_to_the_next_node() {
    let mut h = Harness::new(Harness::config().build().unwrap());
    h.open(0, ServiceMask::CTI_SERVICE_ALL_EVENTS);
    h.outputs();
    let start = h.now;
    for _ in 0..3 {
        h.run_to_next_deadline();
        assert!(matches!(h.sent()[..], [Message::HeartbeatReq(_)]));
        assert!(h.core.is_open());
    }
    h.run_to_next_deadline();
    assert!(!h.core.is_open());
    assert_eq!(h.now - start, Duration::from_secs(40));
    assert!(h.actions().contains(&Action::Disconnect));
    let ev = h.connection_events();
    assert!(
        matches!(&ev[..], [ConnectionEvent::Disconnected { reason, .. }] if reason.contains("3 heartbeats"))
    );
    // Reconnects at once, to the other node; and reports the failover once open there.
    h.run_to_next_deadline();
    h.open(1, ServiceMask::CTI_SERVICE_ALL_EVENTS);
    let ev = h.connection_events();
    assert!(ev.iter().any(
        |e| matches!(e, ConnectionEvent::FailedOver { from, to } if from == "a:1" && to == "b:2")
    ));
}

#[test]
fn answers_are_matched_by_invoke_id_in_any_order() {
    let mut h = Harness::new(Harness::config().build().unwrap());
    h.open(0, ServiceMask::CTI_SERVICE_ALL_EVENTS);
    let t = Duration::from_secs(30);
    let a = h.core.request(
        h.now,
        QueryAgentStateReq {
            agent_id: Some("a".into()),
            ..Default::default()
        }
        .into(),
        t,
    );
    let b = h.core.request(
        h.now,
        QueryAgentStateReq {
            agent_id: Some("b".into()),
            ..Default::default()
        }
        .into(),
        t,
    );
    let sent = h.sent();
    let ids: Vec<u32> = sent.iter().map(|m| m.invoke_id().unwrap()).collect();
    assert_ne!(ids[0], ids[1]);
    h.feed(QueryAgentStateConf {
        invoke_id: ids[1],
        agent_id: "b".into(),
        agent_state: AgentState::AGENT_STATE_READY,
        ..Default::default()
    });
    h.feed(QueryAgentStateConf {
        invoke_id: ids[0],
        agent_id: "a".into(),
        agent_state: AgentState::AGENT_STATE_TALKING,
        ..Default::default()
    });
    let r = h.replies();
    let who = |id: RequestId| match &r.iter().find(|(i, _)| *i == id).unwrap().1 {
        Ok(Reply::Confirmation(Message::QueryAgentStateConf(c))) => c.agent_id.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(who(a), "a");
    assert_eq!(who(b), "b");
}

#[test]
fn failures_carry_their_status() {
    let mut h = Harness::new(Harness::config().build().unwrap());
    h.open(0, ServiceMask::CTI_SERVICE_ALL_EVENTS);
    let t = Duration::from_secs(30);
    let a = h.core.request(h.now, SetAgentStateReq::default().into(), t);
    let b = h.core.request(h.now, SetAgentStateReq::default().into(), t);
    let ids: Vec<u32> = h.sent().iter().map(|m| m.invoke_id().unwrap()).collect();
    h.feed(FailureConf {
        invoke_id: ids[0],
        status: StatusCode::E_CTI_AGENT_NOT_LOGGED_ON,
        text: Some("not logged on".into()),
        ..Default::default()
    });
    h.feed(ControlFailureConf {
        invoke_id: ids[1],
        failure_code: ControlFailureCode::CF_INVALID_CSTA_DEVICE_ID,
        ccx_error_code: CcxErrorCode::CCX_AGENT_INVALID,
        ..Default::default()
    });
    let r = h.replies();
    assert_eq!(
        r[0],
        (
            a,
            Err(RequestError::Failure {
                status: StatusCode::E_CTI_AGENT_NOT_LOGGED_ON,
                text: Some("not logged on".into())
            })
        )
    );
    assert_eq!(
        r[1],
        (
            b,
            Err(RequestError::ControlFailure {
                code: ControlFailureCode::CF_INVALID_CSTA_DEVICE_ID,
                ccx_error: CcxErrorCode::CCX_AGENT_INVALID,
                text: None
            })
        )
    );
    assert!(r[0]
        .1
        .as_ref()
        .unwrap_err()
        .to_string()
        .contains("E_CTI_AGENT_NOT_LOGGED_ON (9)"));
}

#[test]
fn a_request_without_answer_times_out_and_a_late_answer_becomes_an_event() {
    let mut h = Harness::new(Harness::config().build().unwrap());
    h.open(0, ServiceMask::CTI_SERVICE_ALL_EVENTS);
    h.outputs();
    let id = h.core.request(
        h.now,
        SetAgentStateReq::default().into(),
        Duration::from_secs(3),
    );
    let invoke = h.sent()[0].invoke_id().unwrap();
    assert_eq!(h.core.poll_timeout(), Some(h.now + Duration::from_secs(3)));
    h.run_to_next_deadline();
    assert_eq!(
        h.replies(),
        vec![(id, Err(RequestError::Timeout(Duration::from_secs(3))))]
    );
    h.feed(SetAgentStateConf {
        invoke_id: invoke,
        ..Default::default()
    });
    let out = h.outputs();
    assert!(
        matches!(&out[..], [Output::Event(Event::Message(m))] if m.message.name() == "SET_AGENT_STATE_CONF")
    );
}

#[test]
fn requests_before_the_open_wait_for_it_and_fail_when_the_session_is_lost() {
    let mut h = Harness::new(Harness::config().build().unwrap());
    let early = h.core.request(
        h.now,
        SetAgentStateReq::default().into(),
        Duration::from_secs(30),
    );
    assert!(h.replies().is_empty());
    h.open(0, ServiceMask::CTI_SERVICE_ALL_EVENTS);
    let sent = h.sent();
    assert!(
        matches!(sent[..], [Message::SetAgentStateReq(_)]),
        "{sent:?}"
    );
    h.core.handle_disconnected(h.now, "reset");
    assert_eq!(
        h.replies(),
        vec![(early, Err(RequestError::ConnectionLost))]
    );
}

#[test]
fn steps_the_version_down_waiting_after_each_refusal() {
    let cfg = Harness::config()
        .version(VersionPolicy::StepDown { start: 18, min: 15 })
        .build()
        .unwrap();
    let mut h = Harness::new(cfg);
    let mut versions = Vec::new();
    for _ in 0..3 {
        let acts = h.actions();
        assert!(
            acts.contains(&Action::Connect {
                index: 0,
                addr: "a:1".into()
            }),
            "{acts:?}"
        );
        h.core.handle_connected(h.now);
        let Some(Message::OpenReq(open)) = h.sent().pop() else {
            panic!()
        };
        versions.push(open.version_number);
        h.feed(FailureConf {
            invoke_id: open.invoke_id,
            status: StatusCode::E_CTI_INVALID_VERSION,
            ..Default::default()
        });
        assert!(h.actions().contains(&Action::Disconnect));
        let before = h.now;
        h.run_to_next_deadline();
        assert_eq!(
            h.now - before,
            Duration::from_secs(10),
            "the guide's wait after a refusal"
        );
    }
    assert_eq!(versions, [18, 17, 16]);
    h.open(0, ServiceMask::CTI_SERVICE_ALL_EVENTS);
    assert_eq!(h.core.settings().version, 15);
    let ev = h.connection_events();
    assert!(ev
        .iter()
        .any(|e| matches!(e, ConnectionEvent::Opened { version: 15, .. })));
}

#[test]
fn the_lowest_version_refused_closes_the_client() {
    let cfg = Harness::config()
        .version(VersionPolicy::Fixed(16))
        .build()
        .unwrap();
    let mut h = Harness::new(cfg);
    h.actions();
    h.core.handle_connected(h.now);
    let Some(Message::OpenReq(open)) = h.sent().pop() else {
        panic!()
    };
    h.feed(FailureConf {
        invoke_id: open.invoke_id,
        status: StatusCode::E_CTI_INVALID_VERSION,
        ..Default::default()
    });
    assert!(h.core.is_closed());
    let ev = h.connection_events();
    assert!(
        matches!(ev.last(), Some(ConnectionEvent::Closed { reason: CloseReason::Rejected { status, .. } }) if *status == StatusCode::E_CTI_INVALID_VERSION)
    );
}

#[test]
fn not_master_moves_on_at_once_and_a_standby_round_waits() {
    let mut h = Harness::new(Harness::config().build().unwrap());
    for (index, waits) in [(0, false), (1, true)] {
        let acts = h.actions();
        assert!(
            acts.iter()
                .any(|a| matches!(a, Action::Connect { index: i, .. } if *i == index)),
            "{acts:?}"
        );
        h.core.handle_connected(h.now);
        let Some(Message::OpenReq(open)) = h.sent().pop() else {
            panic!()
        };
        h.feed(FailureConf {
            invoke_id: open.invoke_id,
            status: StatusCode::E_CTI_SERVER_NOT_MASTER,
            ..Default::default()
        });
        let before = h.now;
        h.run_to_next_deadline();
        let waited = h.now - before;
        assert_eq!(
            waited == Duration::from_secs(10),
            waits,
            "node {index} waited {waited:?}"
        );
    }
    // Around again, to the first node.
    h.open(0, ServiceMask::CTI_SERVICE_ALL_EVENTS);
}

#[test]
fn unreachable_nodes_are_tried_in_turn_until_the_rounds_run_out() {
    let mut h = Harness::new(Harness::config().initial_rounds(2).build().unwrap());
    let mut tried = Vec::new();
    while !h.core.is_closed() {
        for a in h.actions() {
            if let Action::Connect { index, .. } = a {
                tried.push(index);
                h.core.handle_connect_failed(h.now, "refused");
            }
        }
        if !h.core.is_closed() {
            h.run_to_next_deadline();
        }
    }
    assert_eq!(tried, [0, 1, 0, 1]);
    assert!(matches!(
        h.connection_events().last(),
        Some(ConnectionEvent::Closed {
            reason: CloseReason::Unreachable { .. }
        })
    ));
}

#[test]
fn an_open_without_answer_moves_to_the_next_node() {
    let mut h = Harness::new(
        Harness::config()
            .open_timeout(Duration::from_secs(7))
            .build()
            .unwrap(),
    );
    h.actions();
    h.core.handle_connected(h.now);
    h.sent();
    h.run_to_next_deadline();
    assert!(h.actions().contains(&Action::Disconnect));
    h.run_to_next_deadline();
    h.open(1, ServiceMask::CTI_SERVICE_ALL_EVENTS);
}

#[test]
fn failure_conf_to_a_heartbeat_drops_the_session() {
    let mut h = Harness::new(Harness::config().build().unwrap());
    h.open(0, ServiceMask::CTI_SERVICE_ALL_EVENTS);
    h.run_to_next_deadline();
    let invoke = h.sent()[0].invoke_id().unwrap();
    h.feed(FailureConf {
        invoke_id: invoke,
        status: StatusCode::E_CTI_CTI_SERVER_OFFLINE,
        ..Default::default()
    });
    assert!(!h.core.is_open());
    assert!(h.actions().contains(&Action::Disconnect));
}

#[test]
fn an_oversized_header_drops_the_session() {
    let mut h = Harness::new(Harness::config().max_body(1024).build().unwrap());
    h.open(0, ServiceMask::CTI_SERVICE_ALL_EVENTS);
    h.core.handle_input(h.now, &[0, 1, 0, 0, 0, 0, 0, 30]);
    assert!(!h.core.is_open());
    assert!(h.actions().contains(&Action::Disconnect));
}

#[test]
fn frames_split_anywhere_and_undecodable_ones_are_skipped() {
    let mut h = Harness::new(Harness::config().build().unwrap());
    h.open(0, ServiceMask::CTI_SERVICE_ALL_EVENTS);
    h.outputs();
    let s = Settings::new(18);
    let mut bytes = Vec::new();
    // A HEARTBEAT_CONF with a truncated fixed part: does not decode.
    bytes.extend_from_slice(&[0, 0, 0, 2, 0, 0, 0, 6, 0, 0]);
    let ev = AgentStateEvent {
        agent_state: AgentState::AGENT_STATE_READY,
        agent_id: Some("1001".into()),
        ..Default::default()
    };
    bytes.extend_from_slice(&Message::from(ev.clone()).to_bytes(&s).unwrap());
    for b in &bytes {
        h.core.handle_input(h.now, std::slice::from_ref(b));
    }
    let out = h.outputs();
    assert_eq!(out.len(), 1, "{out:?}");
    let Output::Event(Event::Message(m)) = &out[0] else {
        panic!()
    };
    assert_eq!(m.message, Message::AgentStateEvent(ev));
    assert!(m.view().is_ok());
    assert!(h.core.is_open());
}

#[test]
fn config_snapshot_is_collected_and_cached() {
    let cfg = Harness::config()
        .services(ServiceMask::CTI_SERVICE_CONFIG_EVENTS)
        .build()
        .unwrap();
    let mut h = Harness::new(cfg);
    h.open(0, ServiceMask(0x40010));
    let mask = ConfigurationMask::CONFIGURATION_AGENT;
    let id = h.core.request(
        h.now,
        ConfigRequestEvent {
            configuration_mask: mask,
            ..Default::default()
        }
        .into(),
        Duration::from_secs(30),
    );
    assert!(matches!(h.sent()[..], [Message::ConfigRequestEvent(_)]));
    h.feed(ConfigBeginEvent {
        config_type: 1,
        configuration_mask: mask,
        agent_key: Some(7),
        ..Default::default()
    });
    let rec = |login: &str| ConfigAgentRecord {
        record_type: RecordType::RECORD_TYPE_ADD,
        agent_type: 1,
        login_id: login.into(),
        ..Default::default()
    };
    h.feed(ConfigAgentEvent {
        records: vec![rec("a"), rec("b")],
        ..Default::default()
    });
    h.feed(ConfigEndEvent {
        status: ConfigEndStatus::CONFIG_SUCCESS,
        ..Default::default()
    });
    let r = h.replies();
    let [(rid, Ok(Reply::ConfigSnapshot(snap)))] = &r[..] else {
        panic!("{r:?}")
    };
    assert_eq!(*rid, id);
    assert_eq!(snap.records.len(), 1);
    assert_eq!(snap.begin.as_ref().unwrap().agent_key, Some(7));
    assert_eq!(h.core.cache().agents.len(), 2);
    assert_eq!(h.core.cache().keys.agent, Some(7));

    // An update block afterwards is an event, and patches the cache.
    h.feed(ConfigBeginEvent {
        config_type: 2,
        configuration_mask: mask,
        agent_key: Some(8),
        ..Default::default()
    });
    h.feed(ConfigAgentEvent {
        records: vec![ConfigAgentRecord {
            record_type: RecordType::RECORD_TYPE_DELETE,
            ..rec("a")
        }],
        ..Default::default()
    });
    h.feed(ConfigEndEvent {
        status: ConfigEndStatus::CONFIG_SUCCESS,
        ..Default::default()
    });
    let out = h.outputs();
    assert_eq!(out.len(), 3, "BEGIN, records and END are events: {out:?}");
    assert_eq!(
        h.core.cache().agents.keys().cloned().collect::<Vec<_>>(),
        ["b"]
    );
    assert_eq!(h.core.cache().keys.agent, Some(8));
}

#[test]
fn an_end_alone_answers_a_snapshot_request_with_its_status() {
    let cfg = Harness::config()
        .services(ServiceMask::CTI_SERVICE_CONFIG_EVENTS)
        .build()
        .unwrap();
    let mut h = Harness::new(cfg);
    h.open(0, ServiceMask(0x40010));
    let id = h.core.request(
        h.now,
        ConfigRequestEvent {
            configuration_mask: ConfigurationMask(0xF),
            ..Default::default()
        }
        .into(),
        Duration::from_secs(30),
    );
    h.sent();
    h.feed(ConfigEndEvent {
        status: ConfigEndStatus::CONFIG_SERVICE_PROVIDER,
        ..Default::default()
    });
    assert_eq!(
        h.replies(),
        vec![(
            id,
            Err(RequestError::ConfigEnd {
                status: ConfigEndStatus::CONFIG_SERVICE_PROVIDER,
                text: None
            })
        )]
    );
}

#[test]
fn automatic_sync_asks_for_stale_classes_then_teams() {
    let cfg = Harness::config()
        .services(ServiceMask::CTI_SERVICE_CONFIG_EVENTS | ServiceMask::CTI_SERVICE_SUPERVISOR)
        .config_sync(ConfigSync::Automatic)
        .build()
        .unwrap();
    let mut h = Harness::new(cfg);
    h.open(0, ServiceMask(0x40090));
    let sent = h.sent();
    assert!(
        matches!(
            sent[..],
            [Message::ConfigRequestKeyEvent(_), Message::TeamConfigReq(_)]
        ),
        "{sent:?}"
    );
    let Message::TeamConfigReq(team_req) = &sent[1] else {
        panic!()
    };
    h.feed(ConfigKeyEvent {
        status: ConfigKeyStatus::CONFIG_SUCCESS,
        application_key: Some(1),
        csq_key: Some(2),
        agent_key: Some(3),
        device_key: Some(4),
        ..Default::default()
    });
    let sent = h.sent();
    let [Message::ConfigRequestEvent(req)] = &sent[..] else {
        panic!("{sent:?}")
    };
    assert_eq!(
        req.configuration_mask,
        ConfigurationMask(0x1F),
        "everything is stale at first (v18: terminals too)"
    );
    h.feed(TeamConfigEvent {
        team_id: 4,
        operation: 1,
        team_name: "Support".into(),
        members: vec![TeamMember {
            agent_id: "1001".into(),
            agent_flags: Some(0),
            record_type: Some(RecordType::RECORD_TYPE_ADD),
            member_type: Some(1),
        }],
        ..Default::default()
    });
    h.feed(TeamConfigConf {
        invoke_id: team_req.invoke_id,
        status: 0,
        ..Default::default()
    });
    assert_eq!(h.core.cache().teams[&4].name, "Support");
    let out = h.outputs();
    assert!(
        !out.iter().any(|o| matches!(o, Output::Reply { .. })),
        "internal requests have no reply"
    );
    let names: Vec<&str> = out
        .iter()
        .filter_map(|o| match o {
            Output::Event(Event::Message(m)) => Some(m.message.name()),
            _ => None,
        })
        .collect();
    assert_eq!(
        names,
        ["CONFIG_KEY_EVENT", "TEAM_CONFIG_EVENT", "TEAM_CONFIG_CONF"],
        "what the client fetched by itself is news to the application"
    );
}

#[test]
fn system_offline_fails_over_when_configured() {
    let mut h = Harness::new(Harness::config().build().unwrap());
    h.open(0, ServiceMask::CTI_SERVICE_ALL_EVENTS);
    h.feed(SystemEvent {
        system_event_id: SystemEventId::SYS_CCX_OFFLINE,
        ..Default::default()
    });
    assert!(
        !h.core.is_open(),
        "two nodes: the cluster procedure leaves an offline node"
    );

    let mut h = Harness::new(ClientConfig::builder().node("a:1").build().unwrap());
    h.open(0, ServiceMask::CTI_SERVICE_ALL_EVENTS);
    h.feed(SystemEvent {
        system_event_id: SystemEventId::SYS_CCX_OFFLINE,
        ..Default::default()
    });
    assert!(
        h.core.is_open(),
        "one node: stay and wait for SYS_CCX_ONLINE"
    );
}

#[test]
fn new_session_opened_elsewhere_closes_for_good() {
    let mut h = Harness::new(Harness::config().build().unwrap());
    h.open(0, ServiceMask::CTI_SERVICE_ALL_EVENTS);
    h.feed(cti_proto::msg::FailureEvent {
        status: StatusCode::E_CTI_NEW_SESSION_OPENED,
        ..Default::default()
    });
    assert!(h.core.is_closed());
}

#[test]
fn close_sends_close_req_and_waits_for_close_conf() {
    let mut h = Harness::new(Harness::config().build().unwrap());
    h.open(0, ServiceMask::CTI_SERVICE_ALL_EVENTS);
    h.outputs();
    h.core.close(h.now);
    let sent = h.sent();
    let [Message::CloseReq(c)] = &sent[..] else {
        panic!("{sent:?}")
    };
    assert_eq!(c.status, StatusCode::E_CTI_NO_ERROR);
    assert!(!h.core.is_closed());
    let late = h.core.request(
        h.now,
        SetAgentStateReq::default().into(),
        Duration::from_secs(1),
    );
    h.feed(CloseConf {
        invoke_id: c.invoke_id,
        ..Default::default()
    });
    assert!(h.core.is_closed());
    assert!(h.actions().contains(&Action::Disconnect));
    assert_eq!(h.replies(), vec![(late, Err(RequestError::Closed))]);
}

#[test]
fn close_gives_up_waiting_after_the_close_timeout() {
    let mut h = Harness::new(Harness::config().build().unwrap());
    h.open(0, ServiceMask::CTI_SERVICE_ALL_EVENTS);
    h.core.close(h.now);
    h.advance(Duration::from_secs(5));
    assert!(h.core.is_closed());
}

#[test]
fn non_requests_are_refused_at_once() {
    let mut h = Harness::new(Harness::config().build().unwrap());
    h.open(0, ServiceMask::CTI_SERVICE_ALL_EVENTS);
    let id = h.core.request(
        h.now,
        SetAgentStateConf::default().into(),
        Duration::from_secs(1),
    );
    assert_eq!(
        h.replies(),
        vec![(id, Err(RequestError::NotARequest("SET_AGENT_STATE_CONF")))]
    );
    assert!(h.sent().is_empty());
}

#[test]
fn every_request_puts_its_invoke_id_first() {
    // The core writes the InvokeID into the first four body bytes of any request; the table
    // must agree for every request that has one.
    for s in cti_proto::table::messages() {
        if s.kind == Kind::Request
            && s.direction == Direction::ClientToServer
            && !matches!(s.name, "CONFIG_REQUEST_KEY_EVENT" | "CONFIG_REQUEST_EVENT")
        {
            assert_eq!(
                s.fixed.first().map(|f| f.name),
                Some("InvokeID"),
                "{}",
                s.name
            );
        }
    }
}

#[test]
fn arbitrary_bytes_never_panic() {
    // A small deterministic generator; the fuzz target does this at scale.
    let mut seed = 0x2545F4914F6CDD1Du64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for round in 0..300 {
        let mut h = Harness::new(Harness::config().max_body(4096).build().unwrap());
        if round % 2 == 0 {
            h.open(0, ServiceMask::CTI_SERVICE_ALL_EVENTS);
        } else {
            h.actions();
            h.core.handle_connected(h.now);
        }
        for _ in 0..20 {
            let len = (next() % 64) as usize;
            let mut chunk: Vec<u8> = (0..len).map(|_| next() as u8).collect();
            if next() % 3 == 0 && chunk.len() >= 8 {
                // A plausible header: small length, a known type.
                chunk[..4].copy_from_slice(&((len as u32).saturating_sub(8)).to_be_bytes());
                chunk[4..8].copy_from_slice(&((next() % 260) as u32).to_be_bytes());
            }
            h.core.handle_input(h.now, &chunk);
            h.outputs();
            h.actions();
            while h.core.poll_transmit().is_some() {}
            h.advance(Duration::from_millis(next() % 20_000));
        }
    }
}
