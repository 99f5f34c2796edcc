//! The master/standby pair: the standby refuses every OPEN_REQ; failover swaps the roles, the
//! old master drops its connections as a failed node would, and a client that follows the
//! guide's cluster procedure (try the next node) is back in session.

mod support;

use std::net::SocketAddr;

use ccx_server::ServerConfig;
use cti_proto::StatusCode;
use support::*;

/// The guide's cluster procedure: try each node until one answers OPEN_CONF.
async fn connect_to_cluster(nodes: &[SocketAddr], invoke: u32) -> (Client, SocketAddr) {
    for &node in nodes.iter().cycle().take(2 * nodes.len()) {
        let mut c = Client::connect(node).await;
        c.send(&open_frame(&bridge_open(invoke, 16))).await;
        let f = c.frame().await;
        if u32_at(&f, 4) == 4 {
            return (c, node);
        }
        assert_failure_conf(&f, invoke, StatusCode::E_CTI_SERVER_NOT_MASTER);
    }
    panic!("no master in {nodes:?}");
}

#[tokio::test(start_paused = true)]
async fn failover_swaps_roles_and_clients_reconnect_to_the_new_master() {
    let ts = TestServer::with(ServerConfig::default(), true, false).await;
    let nodes = [ts.addr, ts.standby.unwrap()];
    let (mut client, node) = connect_to_cluster(&nodes, 1).await;
    assert_eq!(node, nodes[0]);
    let mut desk = ts.connect().await;
    desk.open_ok(agent_open(2, 16, "desk", "agent21")).await;
    let mut waiting_on_standby = Client::connect(nodes[1]).await;
    waiting_on_standby.heartbeat_ok_before_open().await;

    assert_eq!(ts.server.failover().unwrap(), nodes[1]);
    // The old master's sessions are dropped without a word.
    assert!(client.expect_closed().await.is_empty());
    assert!(desk.expect_closed().await.is_empty());
    assert!(ts.server.sessions().is_empty());
    // A connection already on the new master opens now.
    waiting_on_standby.open_ok(bridge_open(3, 16)).await;
    // The old master is now the standby.
    let mut c = Client::connect(nodes[0]).await;
    c.expect_failure(
        &open_frame(&bridge_open(4, 16)),
        4,
        StatusCode::E_CTI_SERVER_NOT_MASTER,
    )
    .await;
    // Clients following the cluster procedure land on the new master.
    let (mut client, node) = connect_to_cluster(&nodes, 5).await;
    assert_eq!(node, nodes[1]);
    client.heartbeat_ok().await;
    let mut desk = Client::connect(nodes[1]).await;
    desk.open_ok(agent_open(6, 16, "desk", "agent21")).await;
    // And back again.
    assert_eq!(ts.server.failover().unwrap(), nodes[0]);
    assert!(client.expect_closed().await.is_empty());
    let (mut client, node) = connect_to_cluster(&nodes, 7).await;
    assert_eq!(node, nodes[0]);
    client.heartbeat_ok().await;
    ts.stop().await;
}

#[tokio::test(start_paused = true)]
async fn failover_without_a_standby_is_refused() {
    let ts = TestServer::start().await;
    let mut c = ts.bridge().await;
    assert!(ts.server.failover().is_err());
    c.heartbeat_ok().await;
    ts.stop().await;
}
