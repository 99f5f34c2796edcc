//! Limits: maximum connections, maximum body size, and a client that stops reading. A
//! connection beyond a limit is closed cleanly and counted; no other session notices.

mod support;

use std::time::Duration;

use ccx_server::ServerConfig;
use support::*;
use tokio::io::AsyncReadExt;

#[tokio::test(start_paused = true)]
async fn connections_beyond_the_maximum_are_closed_and_counted() {
    let config = ServerConfig {
        max_connections: 2,
        ..Default::default()
    };
    let ts = TestServer::with(config, false, false).await;
    let mut a = ts.bridge().await;
    let mut b = ts.connect().await;
    b.heartbeat_ok_before_open().await;
    let mut extra = ts.connect().await;
    assert!(extra.expect_closed().await.is_empty());
    a.heartbeat_ok().await;
    b.open_ok(bridge_open(2, 16)).await;
    assert!(ts
        .server
        .metrics_text()
        .contains("ccx_connections_refused_total{reason=\"max_connections\"} 1"));
    // A freed place is taken again.
    drop(b);
    tokio::time::sleep(Duration::from_millis(10)).await;
    let mut c = ts.connect().await;
    c.open_ok(bridge_open(3, 16)).await;
    a.heartbeat_ok().await;
    ts.stop().await;
}

#[tokio::test(start_paused = true)]
async fn a_body_over_the_maximum_closes_the_connection() {
    let config = ServerConfig {
        max_body: 256,
        ..Default::default()
    };
    let ts = TestServer::with(config, false, false).await;
    let mut healthy = ts.bridge().await;
    let mut c = ts.bridge().await;
    // A header that declares 100 000 body bytes: nothing of it is buffered.
    c.send(&[0, 1, 0x86, 0xA0, 0, 0, 0, 5]).await;
    assert!(c.expect_closed().await.is_empty());
    healthy.heartbeat_ok().await;
    // A body at the limit is fine.
    let mut ok = ts.bridge().await;
    let mut body = vec![0, 0, 0, 9];
    body.resize(256, 0);
    ok.send(&frame(5, &body)).await;
    let f = ok.frame().await;
    assert_eq!(
        u32_at(&f, 4),
        1,
        "answered (FAILURE_CONF for the junk), not dropped"
    );
    ok.heartbeat_ok().await;
    assert!(ts
        .server
        .metrics_text()
        .contains("ccx_connections_refused_total{reason=\"body_too_large\"} 1"));
    ts.stop().await;
}

#[tokio::test(start_paused = true)]
async fn a_client_that_stops_reading_is_disconnected_without_holding_up_the_others() {
    let config = ServerConfig {
        outbound_queue: 16,
        ..Default::default()
    };
    let ts = TestServer::with(config, false, false).await;
    // This client reads everything it is sent.
    let mut reader = ts.bridge().await;
    // This one never reads (and has a small receive window).
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.set_recv_buffer_size(4096).unwrap();
    let mut stalled = ts.connect().await;
    stalled.stream = socket.connect(ts.addr).await.unwrap();
    stalled.open_ok(bridge_open(5, 16)).await;
    // Events for everyone until the stalled client is dropped (bounded in count).
    let mut events = 0u64;
    let mut received = 0u64;
    while ts.server.sessions().len() == 2 && events < 400_000 {
        for _ in 0..8 {
            ts.server.set_ccx_online(events % 2 == 1);
            events += 1;
        }
        received += reader.drain().await as u64;
    }
    received += reader.drain().await as u64;
    assert_eq!(
        ts.server.sessions().len(),
        1,
        "stalled client dropped after {events} events"
    );
    assert!(ts
        .server
        .metrics_text()
        .contains("ccx_slow_consumers_dropped_total 1"));
    // The reader got every event and still works.
    assert_eq!(received, events);
    reader.heartbeat_ok().await;
    // The stalled client finds its connection closed after what was already buffered.
    let mut sink = vec![0u8; 1 << 16];
    loop {
        match tokio::time::timeout(ANSWER_WAIT, stalled.stream.read(&mut sink)).await {
            Ok(Ok(0)) | Ok(Err(_)) => break,
            Ok(Ok(_)) => {}
            Err(_) => panic!("the stalled connection was not closed"),
        }
    }
    ts.stop().await;
}
