//! `ccx serve`, `ccx demo-config` and `ccx admin` as a user runs them: a real process on
//! 127.0.0.1 port 0, a CTI client over TCP, admin subcommands, and SIGTERM.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use cti_proto::codes::{CcxStatus, ServiceMask, SystemEventId};
use cti_proto::msg::{CtiMessage, Message, OpenReq};
use cti_proto::wire::Settings;

fn ccx() -> Command {
    Command::new(env!("CARGO_BIN_EXE_ccx"))
}

struct Served {
    child: Child,
    cti: SocketAddr,
    http: SocketAddr,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Start `ccx serve` on port 0 and read the addresses from its "accepting connections" line.
fn serve(extra: &[&str]) -> Served {
    let mut child = ccx()
        .args(["serve", "--listen", "127.0.0.1:0", "--http", "127.0.0.1:0"])
        .args(extra)
        .env("RUST_LOG", "info")
        .env("NO_COLOR", "1")
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let mut lines = BufReader::new(stderr).lines();
    let deadline = Instant::now() + Duration::from_secs(30);
    let (cti, http) = loop {
        assert!(Instant::now() < deadline, "no listening line");
        let line = lines.next().expect("ccx serve exited").unwrap();
        if line.contains("accepting connections") {
            let after = |key: &str| -> String {
                let i = line.find(key).unwrap() + key.len();
                line[i..]
                    .split(|c: char| c.is_whitespace())
                    .next()
                    .unwrap()
                    .trim_matches('"')
                    .to_string()
            };
            break (
                after("cti=").parse().unwrap(),
                after("http=").parse().unwrap(),
            );
        }
    };
    // Keep draining the log so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    Served { child, cti, http }
}

fn read_frame(s: &mut TcpStream) -> Option<Vec<u8>> {
    let mut head = [0u8; 8];
    if s.read_exact(&mut head).is_err() {
        return None;
    }
    let len = u32::from_be_bytes([head[0], head[1], head[2], head[3]]) as usize;
    let mut f = head.to_vec();
    f.resize(8 + len, 0);
    s.read_exact(&mut f[8..]).ok()?;
    Some(f)
}

fn open_bridge(addr: SocketAddr) -> TcpStream {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let req = OpenReq {
        invoke_id: 1,
        version_number: 16,
        idle_timeout: 120,
        services_requested: ServiceMask::CTI_SERVICE_ALL_EVENTS,
        client_id: Some("cli-test".into()),
        ..Default::default()
    };
    s.write_all(&req.to_bytes(&Settings::new(16)).unwrap())
        .unwrap();
    let f = read_frame(&mut s).unwrap();
    assert!(matches!(
        Message::decode_frame(&f, &Settings::new(16)).unwrap(),
        Message::OpenConf(_)
    ));
    s
}

fn admin(http: SocketAddr, args: &[&str]) -> (bool, String) {
    let out = ccx()
        .args(["admin", "--http", &http.to_string()])
        .args(args)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn demo_config_prints_a_loadable_configuration() {
    let out = ccx().arg("demo-config").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let config = ccx_sim::Config::from_toml(&text).unwrap();
    assert_eq!(config, ccx_sim::Config::demo());
}

#[test]
fn serve_answers_clients_obeys_admin_and_shuts_down_on_sigterm() {
    let mut served = serve(&["--max-connections", "100"]);
    let mut client = open_bridge(served.cti);

    let (ok, out) = admin(served.http, &["sessions"]);
    assert!(ok, "{out}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["count"], 1);
    assert_eq!(v["sessions"][0]["client_id"], "cli-test");

    let (ok, out) = admin(served.http, &["fault", "ccx-offline"]);
    assert!(ok, "{out}");
    let f = read_frame(&mut client).unwrap();
    match Message::decode_frame(&f, &Settings::new(16)).unwrap() {
        Message::SystemEvent(e) => assert_eq!(e.system_event_id, SystemEventId::SYS_CCX_OFFLINE),
        other => panic!("{other:?}"),
    }
    let (ok, _) = admin(served.http, &["fault", "ccx-online"]);
    assert!(ok);
    read_frame(&mut client).unwrap();

    let (ok, out) = admin(served.http, &["metrics"]);
    assert!(ok);
    assert!(out.contains("ccx_sessions{mode=\"bridge\"} 1"), "{out}");
    let (ok, _) = admin(served.http, &["failover"]);
    assert!(!ok, "no standby: refused");
    let (ok, _) = admin(served.http, &["call", "--dnis", "no-such-number"]);
    assert!(!ok);
    let (ok, out) = admin(served.http, &["agents"]);
    assert!(ok && out.contains("agent01"), "{out}");

    // SIGTERM: the session is told, then closed, and the process exits cleanly.
    let pid = served.child.id().to_string();
    assert!(Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap()
        .success());
    let f = read_frame(&mut client).expect("SYSTEM_EVENT before the close");
    match Message::decode_frame(&f, &Settings::new(16)).unwrap() {
        Message::SystemEvent(e) => assert_eq!(e.ccx_status, CcxStatus::CCX_SHUTTING_DOWN),
        other => panic!("{other:?}"),
    }
    assert!(
        read_frame(&mut client).is_none(),
        "closed after the SYSTEM_EVENT"
    );
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Some(status) = served.child.try_wait().unwrap() {
            assert!(status.success(), "{status:?}");
            break;
        }
        assert!(Instant::now() < deadline, "ccx serve did not exit");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn standby_node_and_failover_through_the_cli() {
    // Reserve a free port for the standby node.
    let standby = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let served = serve(&["--standby", &standby.to_string()]);
    let mut client = open_bridge(served.cti);
    let (ok, out) = admin(served.http, &["failover"]);
    assert!(ok, "{out}");
    assert!(out.contains(&standby.to_string()), "{out}");
    assert!(
        read_frame(&mut client).is_none(),
        "the old master drops its sessions"
    );
    open_bridge(standby);
}
