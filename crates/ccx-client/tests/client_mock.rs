//! The client over real TCP against scripted mock nodes, with paused tokio time for
//! heartbeats and timeouts.

mod support;

use std::time::Duration;

use ccx_client::requests::build;
use ccx_client::{
    Client, ClientConfig, CloseReason, ConnectionEvent, Event, Events, RequestError, VersionPolicy,
};
use cti_proto::codes::{AgentState, ServiceMask, StatusCode};
use cti_proto::msg::{AgentStateEvent, CloseConf, QueryAgentStateConf, SetAgentStateConf};
use cti_proto::Message;
use support::{MockNode, WAIT};

async fn next_connection_event(events: &mut Events) -> ConnectionEvent {
    loop {
        match tokio::time::timeout(WAIT, events.recv())
            .await
            .expect("an event")
            .expect("open stream")
        {
            Event::Connection(c) => return c,
            Event::Message(_) => {}
        }
    }
}

async fn next_message(events: &mut Events) -> Message {
    loop {
        match tokio::time::timeout(WAIT, events.recv())
            .await
            .expect("an event")
            .expect("open stream")
        {
            Event::Message(m) => return m.message,
            Event::Connection(_) => {}
        }
    }
}

#[tokio::test(start_paused = true)]
async fn opens_correlates_answers_and_closes() {
    let node = MockNode::bind().await;
    let cfg = ClientConfig::builder().node(&node.addr).build().unwrap();
    let connecting = tokio::spawn(Client::connect(cfg));
    let mut conn = node.accept().await;
    let open = conn.accept_open(ServiceMask::CTI_SERVICE_ALL_EVENTS).await;
    assert_eq!(open.version_number, 18);
    let (client, mut events) = connecting.await.unwrap().unwrap();
    assert_eq!(client.session().unwrap().version, 18);

    // Two requests in flight; the mock answers them in reverse order.
    let c1 = client.clone();
    let q1 = tokio::spawn(async move { c1.query_agent_state(build::query_agent("agent01")).await });
    let c2 = client.clone();
    let q2 = tokio::spawn(async move {
        c2.set_agent_state(build::agent_state(
            AgentState::AGENT_STATE_READY,
            0,
            Some("agent02"),
            "2002",
            false,
        ))
        .await
    });
    let mut got = Vec::new();
    while got.len() < 2 {
        got.push(conn.recv_request().await.unwrap());
    }
    for m in got.iter().rev() {
        match m {
            Message::QueryAgentStateReq(r) => {
                conn.send(QueryAgentStateConf {
                    invoke_id: r.invoke_id,
                    agent_state: AgentState::AGENT_STATE_TALKING,
                    agent_id: "agent01".into(),
                    ..Default::default()
                })
                .await
            }
            Message::SetAgentStateReq(r) => {
                assert_eq!(r.agent_id.as_deref(), Some("agent02"));
                conn.send(SetAgentStateConf {
                    invoke_id: r.invoke_id,
                    ..Default::default()
                })
                .await
            }
            other => panic!("unexpected {other:?}"),
        }
    }
    let q1 = q1.await.unwrap().unwrap();
    assert_eq!(q1.agent_state, AgentState::AGENT_STATE_TALKING);
    q2.await.unwrap().unwrap();

    // An unsolicited event reaches the stream.
    conn.send(AgentStateEvent {
        agent_state: AgentState::AGENT_STATE_READY,
        agent_id: Some("agent02".into()),
        ..Default::default()
    })
    .await;
    assert!(
        matches!(next_message(&mut events).await, Message::AgentStateEvent(e) if e.agent_id.as_deref() == Some("agent02"))
    );

    // Close: CLOSE_REQ, the mock answers, the client stops.
    let closer = {
        let c = client.clone();
        tokio::spawn(async move { c.close().await })
    };
    let close = loop {
        match conn.recv().await.unwrap() {
            Message::CloseReq(c) => break c,
            _ => continue,
        }
    };
    assert_eq!(close.status, StatusCode::E_CTI_NO_ERROR);
    conn.send(CloseConf {
        invoke_id: close.invoke_id,
        ..Default::default()
    })
    .await;
    closer.await.unwrap();
    assert!(matches!(
        client.state(),
        ccx_client::SessionState::Closed(CloseReason::Requested)
    ));
    assert_eq!(
        client
            .query_agent_state(build::query_agent("x"))
            .await
            .unwrap_err(),
        RequestError::Closed
    );
}

#[tokio::test(start_paused = true)]
async fn failure_conf_and_timeout_reach_the_caller() {
    let node = MockNode::bind().await;
    let cfg = ClientConfig::builder()
        .node(&node.addr)
        .request_timeout(Duration::from_secs(15))
        .build()
        .unwrap();
    let connecting = tokio::spawn(Client::connect(cfg));
    let mut conn = node.accept().await;
    conn.accept_open(ServiceMask::CTI_SERVICE_ALL_EVENTS).await;
    let (client, _events) = connecting.await.unwrap().unwrap();

    let c = client.clone();
    let refused =
        tokio::spawn(async move { c.query_agent_state(build::query_agent("nobody")).await });
    let Some(Message::QueryAgentStateReq(r)) = conn.recv_request().await else {
        panic!()
    };
    conn.send(cti_proto::msg::FailureConf {
        invoke_id: r.invoke_id,
        status: StatusCode::E_CTI_INVALID_AGENT_DATA,
        text: Some("no such agent".into()),
        ..Default::default()
    })
    .await;
    let e = refused.await.unwrap().unwrap_err();
    assert_eq!(e.status(), Some(StatusCode::E_CTI_INVALID_AGENT_DATA));

    // No answer at all: the per-request timeout fires (heartbeats keep being answered).
    let c = client.clone();
    let silent = tokio::spawn(async move { c.query_agent_state(build::query_agent("slow")).await });
    let _ = conn.recv_request().await.unwrap();
    let serve = tokio::spawn(conn.serve_heartbeats());
    assert_eq!(
        silent.await.unwrap().unwrap_err(),
        RequestError::Timeout(Duration::from_secs(15))
    );
    assert!(
        client.session().is_some(),
        "a slow answer does not end the session"
    );
    client.close().await;
    serve.await.unwrap();
}

#[tokio::test(start_paused = true)]
async fn unanswered_heartbeats_fail_the_session_and_the_client_reconnects() {
    let node = MockNode::bind().await;
    let cfg = ClientConfig::builder().node(&node.addr).build().unwrap();
    let connecting = tokio::spawn(Client::connect(cfg));
    let mut conn = node.accept().await;
    conn.accept_open(ServiceMask::CTI_SERVICE_ALL_EVENTS).await;
    let (client, mut events) = connecting.await.unwrap().unwrap();
    assert!(matches!(
        next_connection_event(&mut events).await,
        ConnectionEvent::Connected { .. }
    ));
    assert!(matches!(
        next_connection_event(&mut events).await,
        ConnectionEvent::Opened { .. }
    ));

    // Answer two heartbeats, then go silent: the client sends three more and gives up.
    let mut answered = 0;
    let mut unanswered = 0;
    while let Some(m) = conn.recv().await {
        match m {
            Message::HeartbeatReq(h) if answered < 2 => {
                answered += 1;
                conn.send(cti_proto::msg::HeartbeatConf {
                    invoke_id: h.invoke_id,
                    ..Default::default()
                })
                .await;
            }
            Message::HeartbeatReq(_) => unanswered += 1,
            other => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!((answered, unanswered), (2, 3));
    match next_connection_event(&mut events).await {
        ConnectionEvent::Disconnected { reason, .. } => {
            assert!(reason.contains("heartbeats"), "{reason}")
        }
        other => panic!("{other:?}"),
    }
    // Back in session on a new connection.
    let mut conn = node.accept().await;
    conn.accept_open(ServiceMask::CTI_SERVICE_ALL_EVENTS).await;
    loop {
        if let ConnectionEvent::Opened { .. } = next_connection_event(&mut events).await {
            break;
        }
    }
    let serve = tokio::spawn(conn.serve_heartbeats());
    client.close().await;
    serve.await.unwrap();
}

#[tokio::test(start_paused = true)]
async fn steps_the_version_down_on_invalid_version() {
    let node = MockNode::bind().await;
    let cfg = ClientConfig::builder()
        .node(&node.addr)
        .version(VersionPolicy::StepDown { start: 18, min: 10 })
        .build()
        .unwrap();
    let connecting = tokio::spawn(Client::connect(cfg));
    let mut asked = Vec::new();
    let conn = loop {
        let mut conn = node.accept().await;
        let open = conn.expect_open().await;
        asked.push(open.version_number);
        if open.version_number > 16 {
            conn.send(cti_proto::msg::FailureConf {
                invoke_id: open.invoke_id,
                status: StatusCode::E_CTI_INVALID_VERSION,
                ..Default::default()
            })
            .await;
            // The client resets the connection after a refusal.
            assert!(conn.recv().await.is_none());
        } else {
            conn.send(cti_proto::msg::OpenConf {
                invoke_id: open.invoke_id,
                services_granted: ServiceMask::CTI_SERVICE_ALL_EVENTS,
                ..Default::default()
            })
            .await;
            break conn;
        }
    };
    let (client, _events) = connecting.await.unwrap().unwrap();
    assert_eq!(asked, [18, 17, 16]);
    assert_eq!(client.session().unwrap().version, 16);
    let serve = tokio::spawn(conn.serve_heartbeats());
    client.close().await;
    serve.await.unwrap();
}

#[tokio::test(start_paused = true)]
async fn a_refused_open_before_any_session_fails_connect() {
    let node = MockNode::bind().await;
    let cfg = ClientConfig::builder()
        .node(&node.addr)
        .agent(ccx_client::AgentIdentity {
            agent_id: Some("ghost".into()),
            ..Default::default()
        })
        .build()
        .unwrap();
    let connecting = tokio::spawn(Client::connect(cfg));
    let mut conn = node.accept().await;
    conn.refuse_open(StatusCode::E_CTI_INVALID_AGENT_DATA).await;
    match connecting.await.unwrap() {
        Err(CloseReason::Rejected { status, .. }) => {
            assert_eq!(status, StatusCode::E_CTI_INVALID_AGENT_DATA)
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test(start_paused = true)]
async fn cluster_procedure_skips_the_standby_and_fails_over() {
    let a = MockNode::bind().await;
    let b = MockNode::bind().await;
    let cfg = ClientConfig::builder()
        .nodes([a.addr.clone(), b.addr.clone()])
        .build()
        .unwrap();
    let connecting = tokio::spawn(Client::connect(cfg));
    // A is the standby.
    let mut ca = a.accept().await;
    ca.refuse_open(StatusCode::E_CTI_SERVER_NOT_MASTER).await;
    // B is the master.
    let mut cb = b.accept().await;
    cb.accept_open(ServiceMask::CTI_SERVICE_ALL_EVENTS).await;
    let (client, mut events) = connecting.await.unwrap().unwrap();
    assert_eq!(client.session().unwrap().node, b.addr);

    // B dies; A has become master. The client goes around to A and says it failed over.
    drop(cb);
    let mut ca = a.accept().await;
    ca.accept_open(ServiceMask::CTI_SERVICE_ALL_EVENTS).await;
    loop {
        if let ConnectionEvent::FailedOver { from, to } = next_connection_event(&mut events).await {
            assert_eq!(
                (from.as_str(), to.as_str()),
                (b.addr.as_str(), a.addr.as_str())
            );
            break;
        }
    }
    // Requests work on the new master, events flow.
    let c = client.clone();
    let q = tokio::spawn(async move { c.query_agent_state(build::query_agent("agent01")).await });
    let Some(Message::QueryAgentStateReq(r)) = ca.recv_request().await else {
        panic!()
    };
    ca.send(QueryAgentStateConf {
        invoke_id: r.invoke_id,
        agent_id: "agent01".into(),
        ..Default::default()
    })
    .await;
    q.await.unwrap().unwrap();
    ca.send(AgentStateEvent {
        agent_id: Some("agent09".into()),
        ..Default::default()
    })
    .await;
    assert!(matches!(
        next_message(&mut events).await,
        Message::AgentStateEvent(_)
    ));
    let serve = tokio::spawn(ca.serve_heartbeats());
    client.close().await;
    serve.await.unwrap();
}

#[tokio::test(start_paused = true)]
async fn garbage_from_the_server_is_skipped_and_an_oversized_frame_reconnects() {
    let node = MockNode::bind().await;
    let cfg = ClientConfig::builder()
        .node(&node.addr)
        .max_body(4096)
        .build()
        .unwrap();
    let connecting = tokio::spawn(Client::connect(cfg));
    let mut conn = node.accept().await;
    conn.accept_open(ServiceMask::CTI_SERVICE_ALL_EVENTS).await;
    let (client, mut events) = connecting.await.unwrap().unwrap();
    // A frame of an unknown type, one that does not decode, then a good event.
    conn.send_raw(&[0, 0, 0, 3, 0, 0, 0x99, 0x99, 1, 2, 3])
        .await;
    conn.send_raw(&[0, 0, 0, 1, 0, 0, 0, 30, 7]).await;
    conn.send(AgentStateEvent {
        agent_id: Some("agent03".into()),
        ..Default::default()
    })
    .await;
    assert!(matches!(next_message(&mut events).await, Message::Unknown(r) if r.type_id == 0x9999));
    assert!(matches!(
        next_message(&mut events).await,
        Message::AgentStateEvent(_)
    ));
    assert!(client.session().is_some());
    // A header announcing 1 MiB: the stream cannot be trusted any more.
    conn.send_raw(&[0, 0x10, 0, 0, 0, 0, 0, 30]).await;
    assert!(
        conn.recv().await.is_none(),
        "the client drops the connection"
    );
    let mut conn = node.accept().await;
    conn.accept_open(ServiceMask::CTI_SERVICE_ALL_EVENTS).await;
    let serve = tokio::spawn(conn.serve_heartbeats());
    client.close().await;
    serve.await.unwrap();
}

#[tokio::test(start_paused = true)]
async fn a_dropped_request_future_is_harmless_and_dropping_the_client_closes_the_session() {
    let node = MockNode::bind().await;
    let cfg = ClientConfig::builder().node(&node.addr).build().unwrap();
    let connecting = tokio::spawn(Client::connect(cfg));
    let mut conn = node.accept().await;
    conn.accept_open(ServiceMask::CTI_SERVICE_ALL_EVENTS).await;
    let (client, events) = connecting.await.unwrap().unwrap();

    // Start a request and give up on it before the answer comes.
    let abandoned = tokio::time::timeout(
        Duration::from_millis(10),
        client.query_agent_state(build::query_agent("agent01")),
    )
    .await;
    assert!(abandoned.is_err(), "the caller gave up");
    let Some(Message::QueryAgentStateReq(first)) = conn.recv_request().await else {
        panic!()
    };
    conn.send(QueryAgentStateConf {
        invoke_id: first.invoke_id,
        agent_id: "agent01".into(),
        ..Default::default()
    })
    .await;

    // The session is fine and the next request gets its own answer.
    let c = client.clone();
    let q = tokio::spawn(async move { c.query_agent_state(build::query_agent("agent02")).await });
    let Some(Message::QueryAgentStateReq(second)) = conn.recv_request().await else {
        panic!()
    };
    assert_ne!(first.invoke_id, second.invoke_id);
    conn.send(QueryAgentStateConf {
        invoke_id: second.invoke_id,
        agent_id: "agent02".into(),
        ..Default::default()
    })
    .await;
    assert_eq!(q.await.unwrap().unwrap().agent_id, "agent02");

    // Dropping every handle closes the session properly.
    drop(client);
    drop(events);
    let close = loop {
        match conn
            .recv()
            .await
            .expect("CLOSE_REQ before the socket closes")
        {
            Message::CloseReq(c) => break c,
            _ => continue,
        }
    };
    conn.send(CloseConf {
        invoke_id: close.invoke_id,
        ..Default::default()
    })
    .await;
    assert!(
        conn.recv().await.is_none(),
        "then the client closes the connection"
    );
}
