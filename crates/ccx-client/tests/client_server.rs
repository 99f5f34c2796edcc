//! The client against the real `ccx serve` server, in-process on 127.0.0.1 port 0 (real time:
//! the server's contact center runs on the wall clock).

use std::time::Duration;

use ccx_client::requests::{build, ANY_CALL};
use ccx_client::{
    AgentIdentity, Client, ClientConfig, ConnectionEvent, Event, Events, Reply, RequestError,
    VersionPolicy,
};
use ccx_server::{Listeners, Running, Server, ServerConfig};
use ccx_sim::NewCall;
use cti_proto::codes::{
    AgentState, ConfigurationMask, ConnectionDeviceType, DeviceType, ServiceMask, StatusCode,
};
use cti_proto::msg::*;
use cti_proto::Message;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;

const WAIT: Duration = Duration::from_secs(10);

struct TestServer {
    server: Server,
    nodes: Vec<String>,
    shutdown: CancellationToken,
    running: Option<Running>,
}

impl TestServer {
    async fn start(standby: bool) -> TestServer {
        let bind = || async { TcpListener::bind("127.0.0.1:0").await.unwrap() };
        let listeners = Listeners {
            cti: bind().await,
            standby: if standby { Some(bind().await) } else { None },
            http: None,
        };
        let shutdown = CancellationToken::new();
        let running =
            ccx_server::start(listeners, ServerConfig::default(), shutdown.clone()).unwrap();
        let server = running.server.clone();
        let nodes = server.cti_addrs().iter().map(|a| a.to_string()).collect();
        TestServer {
            server,
            nodes,
            shutdown,
            running: Some(running),
        }
    }

    async fn stop(mut self) {
        self.shutdown.cancel();
        if let Some(r) = self.running.take() {
            r.join().await;
        }
    }

    fn bridge(&self) -> ccx_client::ClientConfigBuilder {
        ClientConfig::builder()
            .nodes(self.nodes.clone())
            .client_id("test-bridge")
    }

    fn agent(&self, n: u32) -> ccx_client::ClientConfigBuilder {
        ClientConfig::builder()
            .nodes(self.nodes.clone())
            .client_id(format!("test-agent{n:02}"))
            .agent(AgentIdentity {
                agent_id: Some(format!("agent{n:02}")),
                ..Default::default()
            })
            .services(
                ServiceMask::CTI_SERVICE_CLIENT_CONTROL | ServiceMask::CTI_SERVICE_CALL_DATA_UPDATE,
            )
    }
}

async fn wait_for<T>(events: &mut Events, mut pick: impl FnMut(&Message) -> Option<T>) -> T {
    tokio::time::timeout(WAIT, async {
        loop {
            match events.recv().await.expect("event stream open") {
                Event::Message(m) => {
                    if let Some(t) = pick(&m.message) {
                        return t;
                    }
                }
                Event::Connection(_) => {}
            }
        }
    })
    .await
    .expect("the awaited message arrives")
}

fn agent_state_of(m: &Message, login: &str) -> Option<AgentState> {
    match m {
        Message::AgentStateEvent(e) if e.agent_id.as_deref() == Some(login) => Some(e.agent_state),
        _ => None,
    }
}

/// Log an agent in and make it Ready; returns its instrument.
async fn login_ready(agent: &Client, n: u32) -> String {
    let s = agent.session().unwrap();
    let instrument = s
        .conf
        .agent_instrument
        .clone()
        .expect("agent mode OPEN_CONF names the phone");
    let login = format!("agent{n:02}");
    agent
        .set_agent_state(build::login(
            &login,
            &instrument,
            &format!("pw{}", 2000 + n),
            false,
        ))
        .await
        .unwrap();
    agent
        .set_agent_state(build::agent_state(
            AgentState::AGENT_STATE_READY,
            0,
            None,
            &instrument,
            false,
        ))
        .await
        .unwrap();
    instrument.into()
}

#[tokio::test]
async fn opens_in_bridge_and_agent_mode() {
    let srv = TestServer::start(false).await;
    let (bridge, _be) = Client::connect(srv.bridge().build().unwrap())
        .await
        .unwrap();
    let s = bridge.session().unwrap();
    assert_eq!(s.version, 18);
    assert!(s.services.contains(ServiceMask::CTI_SERVICE_ALL_EVENTS));

    let (agent, _ae) = Client::connect(srv.agent(1).build().unwrap())
        .await
        .unwrap();
    let s = agent.session().unwrap();
    assert!(s.services.contains(ServiceMask::CTI_SERVICE_CLIENT_EVENTS));
    assert_eq!(s.conf.agent_id.as_deref(), Some("agent01"));
    assert_eq!(s.conf.agent_extension.as_deref(), Some("2001"));

    // An older version, fixed: the session runs at it.
    let (old, _oe) = Client::connect(
        srv.bridge()
            .version(VersionPolicy::Fixed(14))
            .build()
            .unwrap(),
    )
    .await
    .unwrap();
    assert_eq!(old.session().unwrap().version, 14);

    // An unknown agent is refused for good.
    let bad = srv.agent(1).agent(AgentIdentity {
        agent_id: Some("nobody".into()),
        ..Default::default()
    });
    match Client::connect(bad.build().unwrap()).await {
        Err(ccx_client::CloseReason::Rejected { status, .. }) => {
            assert!(
                status == StatusCode::E_CTI_INVALID_AGENT_DATA
                    || status == StatusCode::E_CTI_INCONSISTENT_AGENT_DATA,
                "{status}"
            )
        }
        other => panic!("{other:?}"),
    }
    for c in [bridge, agent, old] {
        c.close().await;
    }
    srv.stop().await;
}

#[tokio::test]
async fn agent_state_requests_and_events_reach_both_modes() {
    let srv = TestServer::start(false).await;
    let (bridge, mut be) = Client::connect(srv.bridge().build().unwrap())
        .await
        .unwrap();
    let (agent, mut ae) = Client::connect(srv.agent(2).build().unwrap())
        .await
        .unwrap();
    let instrument = agent.session().unwrap().conf.agent_instrument.unwrap();

    agent
        .set_agent_state(build::login("agent02", &instrument, "pw2002", false))
        .await
        .unwrap();
    assert_eq!(
        wait_for(&mut ae, |m| agent_state_of(m, "agent02")).await,
        AgentState::AGENT_STATE_NOT_READY
    );
    assert_eq!(
        wait_for(&mut be, |m| agent_state_of(m, "agent02")).await,
        AgentState::AGENT_STATE_NOT_READY
    );

    agent
        .set_agent_state(build::agent_state(
            AgentState::AGENT_STATE_READY,
            0,
            None,
            &instrument,
            false,
        ))
        .await
        .unwrap();
    assert_eq!(
        wait_for(&mut be, |m| agent_state_of(m, "agent02")).await,
        AgentState::AGENT_STATE_READY
    );
    let q = bridge
        .query_agent_state(build::query_agent("agent02"))
        .await
        .unwrap();
    assert_eq!(q.agent_state, AgentState::AGENT_STATE_READY);

    // A wrong password is refused with its status; the state does not change.
    let (agent3, _e3) = Client::connect(srv.agent(3).build().unwrap())
        .await
        .unwrap();
    let ins3 = agent3.session().unwrap().conf.agent_instrument.unwrap();
    let err = agent3
        .set_agent_state(build::login("agent03", &ins3, "wrong", false))
        .await
        .unwrap_err();
    assert!(err.is_refusal(), "{err}");

    // Not Ready with a reason, then logout.
    agent
        .set_agent_state(build::agent_state(
            AgentState::AGENT_STATE_NOT_READY,
            7,
            None,
            &instrument,
            false,
        ))
        .await
        .unwrap();
    assert_eq!(
        wait_for(&mut be, |m| agent_state_of(m, "agent02")).await,
        AgentState::AGENT_STATE_NOT_READY
    );
    agent
        .set_agent_state(build::agent_state(
            AgentState::AGENT_STATE_LOGOUT,
            7,
            Some("agent02"),
            &instrument,
            false,
        ))
        .await
        .unwrap();
    assert_eq!(
        wait_for(&mut be, |m| agent_state_of(m, "agent02")).await,
        AgentState::AGENT_STATE_LOGOUT
    );

    // Questions about unknown things get typed refusals.
    let e = bridge
        .query_agent_state(build::query_agent("nobody"))
        .await
        .unwrap_err();
    assert!(e.is_refusal(), "{e}");
    for c in [bridge, agent, agent3] {
        c.close().await;
    }
    srv.stop().await;
}

#[tokio::test]
async fn an_inbound_call_is_delivered_answered_held_retrieved_and_cleared() {
    let srv = TestServer::start(false).await;
    let (bridge, mut be) = Client::connect(srv.bridge().build().unwrap())
        .await
        .unwrap();
    let (agent, mut ae) = Client::connect(srv.agent(1).build().unwrap())
        .await
        .unwrap();
    let instrument = login_ready(&agent, 1).await;

    let call_id = srv
        .server
        .inject_call(NewCall {
            dnis: "5000".into(),
            ani: "5551234".into(),
            ..Default::default()
        })
        .unwrap();
    let (delivered, device) = wait_for(&mut ae, |m| match m {
        Message::CallDeliveredEvent(d) if d.call_id == call_id => {
            Some((d.clone(), d.connection_device_id.clone()))
        }
        _ => None,
    })
    .await;
    assert_eq!(delivered.ani.as_deref(), Some("5551234"));
    wait_for(&mut be, |m| {
        matches!(m, Message::CallDeliveredEvent(d) if d.call_id == call_id).then_some(())
    })
    .await;

    agent
        .answer_call(build::answer(ANY_CALL, None, &instrument))
        .await
        .unwrap();
    wait_for(&mut ae, |m| {
        matches!(m, Message::CallEstablishedEvent(e) if e.call_id == call_id).then_some(())
    })
    .await;

    // The agent's own connection is the one on its phone.
    let mine = agent
        .snapshot_device(SnapshotDeviceReq {
            snapshot_device_type: DeviceType::DEVID_DEVICE_IDENTIFIER,
            agent_instrument: instrument.clone().into(),
            ..Default::default()
        })
        .await
        .unwrap();
    let conn = mine
        .calls
        .iter()
        .find(|c| c.call_connection_call_id == call_id)
        .expect("the call is on the phone");
    let my_device = conn.call_connection_device_id.clone();
    let _ = device;

    agent
        .hold_call(build::hold(call_id, &my_device, &instrument))
        .await
        .unwrap();
    wait_for(&mut ae, |m| {
        matches!(m, Message::CallHeldEvent(e) if e.call_id == call_id).then_some(())
    })
    .await;
    agent
        .retrieve_call(build::retrieve(call_id, &my_device, &instrument))
        .await
        .unwrap();
    wait_for(&mut ae, |m| {
        matches!(m, Message::CallRetrievedEvent(e) if e.call_id == call_id).then_some(())
    })
    .await;

    let snap = bridge
        .snapshot_call(SnapshotCallReq {
            call_id,
            connection_device_type: ConnectionDeviceType::CONNECTION_ID_STATIC,
            connection_device_id: my_device.clone(),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(snap.ani.as_deref(), Some("5551234"));

    agent
        .set_call_data(SetCallDataReq {
            call_id,
            connection_device_type: ConnectionDeviceType::CONNECTION_ID_STATIC,
            connection_device_id: my_device.clone(),
            call_variable_1: Some("account 42".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    agent
        .clear_connection(build::clear_connection(call_id, &my_device, &instrument))
        .await
        .unwrap();
    wait_for(&mut be, |m| {
        matches!(m, Message::CallClearedEvent(e) if e.call_id == call_id).then_some(())
    })
    .await;

    // A call that does not exist: refused with a status, not a timeout.
    let e = agent
        .hold_call(build::hold(0x7777, &my_device, &instrument))
        .await
        .unwrap_err();
    assert!(e.is_refusal(), "{e}");
    for c in [bridge, agent] {
        c.close().await;
    }
    srv.stop().await;
}

#[tokio::test]
async fn every_client_request_gets_its_answer() {
    let srv = TestServer::start(false).await;
    let sup = ClientConfig::builder()
        .nodes(srv.nodes.clone())
        .client_id("test-sup")
        .agent(AgentIdentity {
            agent_id: Some("sup01".into()),
            ..Default::default()
        })
        .services(
            ServiceMask::CTI_SERVICE_CLIENT_CONTROL
                | ServiceMask::CTI_SERVICE_SUPERVISOR
                | ServiceMask::CTI_SERVICE_CALL_DATA_UPDATE,
        )
        .build()
        .unwrap();
    let (c, _events) = Client::connect(sup).await.unwrap();
    let ins = c.session().unwrap().conf.agent_instrument.unwrap();
    c.set_agent_state(build::login("sup01", &ins, "pw2101", false))
        .await
        .unwrap();
    let dev = ins.clone();
    let s = ConnectionDeviceType::CONNECTION_ID_STATIC;
    let requests: Vec<Message> = vec![
        build::query_agent("agent01").into(),
        QueryDeviceInfoReq {
            agent_instrument: ins.clone(),
            ..Default::default()
        }
        .into(),
        SnapshotDeviceReq {
            agent_instrument: ins.clone(),
            snapshot_device_type: DeviceType::DEVID_DEVICE_IDENTIFIER,
            ..Default::default()
        }
        .into(),
        SnapshotCallReq {
            call_id: 1,
            connection_device_type: s,
            connection_device_id: dev.clone(),
            ..Default::default()
        }
        .into(),
        build::make_call(&ins, "5551000").into(),
        AnswerCallReq {
            call_id: 1,
            connection_device_type: s,
            connection_device_id: Some(dev.clone()),
            ..Default::default()
        }
        .into(),
        HoldCallReq {
            call_id: 1,
            connection_device_type: s,
            connection_device_id: dev.clone(),
            ..Default::default()
        }
        .into(),
        RetrieveCallReq {
            held_call_id: 1,
            held_connection_device_type: s,
            held_connection_device_id: dev.clone(),
            ..Default::default()
        }
        .into(),
        AlternateCallReq {
            active_call_id: 1,
            other_call_id: 2,
            active_connection_device_type: s,
            other_connection_device_type: s,
            active_connection_device_id: dev.clone(),
            other_connection_device_id: dev.clone(),
            ..Default::default()
        }
        .into(),
        ReconnectCallReq {
            active_call_id: 1,
            held_call_id: 2,
            active_connection_device_type: s,
            held_connection_device_type: s,
            active_connection_device_id: dev.clone(),
            held_connection_device_id: dev.clone(),
            ..Default::default()
        }
        .into(),
        ConsultCallReq {
            active_call_id: 1,
            active_connection_device_type: s,
            active_connection_device_id: dev.clone(),
            dialed_number: "2002".into(),
            ..Default::default()
        }
        .into(),
        TransferCallReq {
            active_call_id: 1,
            held_call_id: 2,
            active_connection_device_type: s,
            held_connection_device_type: s,
            active_connection_device_id: dev.clone(),
            held_connection_device_id: dev.clone(),
            ..Default::default()
        }
        .into(),
        ConferenceCallReq {
            held_call_id: 1,
            active_call_id: 2,
            held_connection_device_type: s,
            active_connection_device_type: s,
            held_connection_device_id: dev.clone(),
            active_connection_device_id: dev.clone(),
            ..Default::default()
        }
        .into(),
        ClearCallReq {
            call_id: 1,
            connection_device_type: s,
            connection_device_id: dev.clone(),
            ..Default::default()
        }
        .into(),
        ClearConnectionReq {
            call_id: 1,
            connection_device_type: s,
            connection_device_id: dev.clone(),
            ..Default::default()
        }
        .into(),
        SendDtmfSignalReq {
            call_id: 1,
            connection_device_type: s,
            connection_device_id: dev.clone(),
            dtmf_string: "12#".into(),
            ..Default::default()
        }
        .into(),
        SetCallDataReq {
            call_id: 1,
            connection_device_type: s,
            connection_device_id: dev.clone(),
            ..Default::default()
        }
        .into(),
        SupervisorAssistReq {
            call_id: 0xFFFF_FFFF,
            connection_device_type: s,
            connection_device_id: dev.clone(),
            ..Default::default()
        }
        .into(),
        EmergencyCallReq {
            connection_call_id: 0xFFFF_FFFF,
            connection_device_id_type: s,
            connection_device_id: dev.clone(),
            ..Default::default()
        }
        .into(),
        SuperviseCallReq {
            agent_call_id: 1,
            supervisor_call_id: 0xFFFF_FFFF,
            agent_connection_device_type: s,
            supervisor_connection_device_type: s,
            supervisory_action: 1,
            agent_id: Some("agent01".into()),
            ..Default::default()
        }
        .into(),
        BadCallReq {
            call_id: 1,
            connection_device_type: s,
            connection_device_id: dev.clone(),
            ..Default::default()
        }
        .into(),
        QueryQueueStatisticsReq {
            csq_id: 1,
            ..Default::default()
        }
        .into(),
        QueryAgentQueueStatisticsReq {
            agent_id: "agent01".into(),
            ..Default::default()
        }
        .into(),
        QuerySummaryStatisticsReq::default().into(),
        TeamConfigReq {
            config_param: 1,
            ..Default::default()
        }
        .into(),
        HeartbeatReq::default().into(),
    ];
    let mut answered = Vec::new();
    for req in requests {
        let name = req.name();
        match c.request(req).await {
            Ok(_) => answered.push((name, "ok".to_string())),
            Err(e) if e.is_refusal() => answered.push((name, e.to_string())),
            Err(e) => panic!("{name}: {e}"),
        }
    }
    // The plain confirmations must come back typed, not just as answers.
    assert!(c
        .query_summary_statistics(QuerySummaryStatisticsReq::default())
        .await
        .is_ok());
    assert!(c
        .query_queue_statistics(QueryQueueStatisticsReq {
            csq_id: 1,
            ..Default::default()
        })
        .await
        .is_ok());
    let teams = c.teams().await.unwrap();
    assert!(!teams.teams.is_empty(), "a supervisor sees its team");
    eprintln!("{answered:#?}");
    c.close().await;
    srv.stop().await;
}

#[tokio::test]
async fn the_config_cache_follows_snapshots_and_updates() {
    let srv = TestServer::start(false).await;
    let cfg = srv
        .bridge()
        .services(ServiceMask::CTI_SERVICE_SUPERVISOR)
        .config_events()
        .build()
        .unwrap();
    let (c, _events) = Client::connect(cfg).await.unwrap();
    let mut cache = c.watch_config_cache();
    let full = tokio::time::timeout(
        WAIT,
        cache.wait_for(|k| k.agents.len() >= 44 && !k.teams.is_empty()),
    )
    .await
    .expect("the snapshot arrives")
    .unwrap()
    .clone();
    assert_eq!(full.applications.len(), 3);
    assert_eq!(full.csqs.len(), 4);
    assert!(full.agents.contains_key("agent01"));
    assert!(full.keys.agent.is_some());
    assert!(!full.devices.is_empty());

    // Remove the last agent from the configuration: an update block takes it out of the cache.
    let toml = ccx_sim::Config::demo_toml();
    let cut = remove_agent(&toml, "agent40");
    srv.server.put_config(&cut).unwrap();
    tokio::time::timeout(WAIT, cache.wait_for(|k| !k.agents.contains_key("agent40")))
        .await
        .expect("the update arrives")
        .unwrap();
    assert!(
        c.config_cache().keys.agent != full.keys.agent,
        "the agent key moved"
    );

    // A snapshot on request returns the records too.
    let snap = c
        .config_snapshot(ConfigurationMask::CONFIGURATION_CSQ)
        .await
        .unwrap();
    assert!(snap.begin.is_some() && snap.end.is_some());
    assert!(snap
        .records
        .iter()
        .any(|m| matches!(m, Message::ConfigCsqEvent(_))));
    let keys = c.config_keys().await.unwrap();
    assert_eq!(keys.agent_key, c.config_cache().keys.agent);
    c.close().await;
    srv.stop().await;
}

/// The demo configuration without one agent.
fn remove_agent(text: &str, login: &str) -> String {
    let mut t: toml::Table = text.parse().unwrap();
    let agents = t.get_mut("agents").and_then(|a| a.as_array_mut()).unwrap();
    agents.retain(|a| a.get("login_id").and_then(|l| l.as_str()) != Some(login));
    toml::to_string(&t).unwrap()
}

#[tokio::test]
async fn failover_during_traffic_reopens_on_the_new_master_and_events_continue() {
    let srv = TestServer::start(true).await;
    let cfg = srv
        .bridge()
        .backoff(Duration::from_millis(50), Duration::from_millis(200))
        .rejected_open_delay(Duration::from_millis(200))
        .build()
        .unwrap();
    let (bridge, mut be) = Client::connect(cfg).await.unwrap();
    let first = bridge.session().unwrap().node;
    assert_eq!(first, srv.nodes[0]);
    let (agent, ae) = Client::connect(
        srv.agent(4)
            .backoff(Duration::from_millis(50), Duration::from_millis(200))
            .rejected_open_delay(Duration::from_millis(200))
            .build()
            .unwrap(),
    )
    .await
    .unwrap();
    let instrument = login_ready(&agent, 4).await;
    wait_for(&mut be, |m| {
        (agent_state_of(m, "agent04") == Some(AgentState::AGENT_STATE_READY)).then_some(())
    })
    .await;

    // Traffic: requests flow while the master changes.
    let traffic = {
        let agent = agent.clone();
        let instrument = instrument.clone();
        tokio::spawn(async move {
            let mut ok = 0;
            let mut lost = 0;
            for _ in 0..200 {
                match agent.query_agent_state(build::query_agent("agent04")).await {
                    Ok(_) => ok += 1,
                    Err(RequestError::ConnectionLost) => lost += 1,
                    Err(e) => panic!("{e}"),
                }
                let _ = &instrument;
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
            (ok, lost)
        })
    };
    tokio::time::sleep(Duration::from_millis(100)).await;
    let new_master = srv.server.failover().unwrap().to_string();
    assert_eq!(new_master, srv.nodes[1]);

    let failed_over = tokio::time::timeout(WAIT, async {
        loop {
            if let Some(Event::Connection(ConnectionEvent::FailedOver { from, to })) =
                be.recv().await
            {
                return (from, to);
            }
        }
    })
    .await
    .expect("the bridge fails over");
    assert_eq!(failed_over, (srv.nodes[0].clone(), srv.nodes[1].clone()));
    assert_eq!(bridge.session().unwrap().node, srv.nodes[1]);

    let (ok, _lost) = traffic.await.unwrap();
    assert!(ok > 0);

    // The agent is back in session too; it logs in again on the new master and the bridge
    // sees that (events after the failover).
    tokio::time::timeout(WAIT, async {
        loop {
            if agent.session().is_some_and(|s| s.node == srv.nodes[1]) {
                break;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    })
    .await
    .expect("the agent reopens on the new master");
    let _ = ae.dropped();
    agent
        .set_agent_state(build::login("agent04", &instrument, "pw2004", true))
        .await
        .unwrap();
    let _ = agent
        .set_agent_state(build::agent_state(
            AgentState::AGENT_STATE_READY,
            0,
            None,
            &instrument,
            false,
        ))
        .await;
    wait_for(&mut be, |m| agent_state_of(m, "agent04")).await;
    let r = bridge.request(build::query_agent("agent04")).await.unwrap();
    assert!(matches!(
        r,
        Reply::Confirmation(Message::QueryAgentStateConf(_))
    ));
    for c in [bridge, agent] {
        c.close().await;
    }
    srv.stop().await;
}
