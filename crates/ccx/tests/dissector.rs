//! The generated Wireshark dissector against real traffic: a CTI exchange over 127.0.0.1 is
//! captured with dumpcap (or tshark), then tshark reads the capture with the generated script
//! and we check message names and field values; `ccx decode` reads the same capture.
//!
//! Needs tshark/dumpcap and permission to capture on the loopback interface. Without them the
//! test explains why and passes, unless CCX_REQUIRE_TSHARK is set (CI sets it), in which case
//! it fails.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command as Proc, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use assert_cmd::Command;
use cti_proto::codes::*;
use cti_proto::msg::*;
use cti_proto::wire::Header;
use cti_proto::Settings;
use serde_json::Value;

const REQUIRE: &str = "CCX_REQUIRE_TSHARK";

/// Skip (print why and return) or fail, as CCX_REQUIRE_TSHARK says.
macro_rules! unavailable {
    ($($why:tt)*) => {{
        let why = format!($($why)*);
        if std::env::var_os(REQUIRE).is_some() {
            panic!("{why} (and {REQUIRE} is set)");
        }
        eprintln!("SKIPPED: {why}; set {REQUIRE}=1 to make this a failure");
        return;
    }};
}

fn have(tool: &str) -> bool {
    Proc::new(tool)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map(|s| s.success())
        .unwrap_or(false)
}

fn work_dir() -> PathBuf {
    let d = std::env::temp_dir().join(format!("ccx-dissector-test-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// A running capture on `lo`, stopped by SIGINT so that the file is complete.
struct Capture {
    child: Child,
}

impl Capture {
    /// Start capturing TCP port `port` into `file`; wait (bounded) until the tool says it is
    /// capturing. Err explains why capturing is impossible here.
    fn start(tool: &str, port: u16, file: &Path) -> Result<Capture, String> {
        let mut child = Proc::new(tool)
            .args(["-i", "lo", "-f", &format!("tcp port {port}"), "-w"])
            .arg(file)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot run {tool}: {e}"))?;
        let stderr = child.stderr.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut seen = String::new();
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if line.contains("Capturing on") {
                    let _ = tx.send(Ok(()));
                }
                seen.push_str(&line);
                seen.push('\n');
            }
            let _ = tx.send(Err(seen));
        });
        match rx.recv_timeout(Duration::from_secs(30)) {
            Ok(Ok(())) => {
                // "Capturing on" is printed as the capture starts; give the kernel filter a
                // moment to be in place before traffic begins.
                std::thread::sleep(Duration::from_millis(500));
                Ok(Capture { child })
            }
            Ok(Err(out)) => {
                let _ = child.wait();
                Err(format!("{tool} cannot capture on lo: {}", out.trim()))
            }
            Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                Err(format!("{tool} did not start capturing within 30 s"))
            }
        }
    }

    /// Stop with SIGINT (so the capture file is finished) and wait, bounded.
    fn stop(mut self) {
        // Let the last packets reach the capture buffer before stopping.
        std::thread::sleep(Duration::from_millis(500));
        let _ = Proc::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn read_frame(s: &mut TcpStream) -> Vec<u8> {
    let mut h = [0u8; 8];
    s.read_exact(&mut h).unwrap();
    let len = Header::peek(&h).unwrap().body_len as usize;
    let mut f = h.to_vec();
    f.resize(8 + len, 0);
    s.read_exact(&mut f[8..]).unwrap();
    f
}

fn bytes(m: impl Into<Message>, s: &Settings) -> Vec<u8> {
    m.into().to_bytes(s).unwrap().to_vec()
}

/// What the server side of the exchange sends, in order, after the OPEN_REQ.
fn run_exchange(listener: TcpListener) {
    let s = Settings::new(16);
    let port = listener.local_addr().unwrap().port();
    let server = std::thread::spawn(move || {
        let (mut c, _) = listener.accept().unwrap();
        c.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        c.set_nodelay(true).unwrap();
        let open = read_frame(&mut c);
        assert_eq!(Header::peek(&open).unwrap().type_id, 3);
        c.write_all(&bytes(
            OpenConf {
                invoke_id: 1,
                services_granted: ServiceMask(0x5),
                ccx_online: true,
                agent_state: AgentState::AGENT_STATE_READY,
                agent_id: Some("a1001".into()),
                peripherals: vec![OpenConfPeripheral {
                    peripheral_id: Some(5000),
                    multiline_agent_control: Some(0),
                }],
                ..Default::default()
            },
            &s,
        ))
        .unwrap();
        c.write_all(&bytes(
            AgentStateEvent {
                agent_state: AgentState::AGENT_STATE_READY,
                agent_id: Some("a1001".into()),
                csqs: vec![
                    CsqState {
                        csq_id: 5,
                        csq_state: AgentState::AGENT_STATE_READY,
                    },
                    CsqState {
                        csq_id: 6,
                        csq_state: AgentState::AGENT_STATE_NOT_READY,
                    },
                ],
                ..Default::default()
            },
            &s,
        ))
        .unwrap();
        let _heartbeat = read_frame(&mut c);
        let _set_state = read_frame(&mut c);
        // Two messages in one write.
        let mut two = bytes(
            HeartbeatConf {
                invoke_id: 2,
                ..Default::default()
            },
            &s,
        );
        two.extend(bytes(
            CallDeliveredEvent {
                call_id: 77,
                connection_device_id: "1001".into(),
                ani: Some("5551234".into()),
                named_variables: vec![NamedVariable::new("user.account", "12345")],
                ..Default::default()
            },
            &s,
        ));
        c.write_all(&two).unwrap();
        let _close = read_frame(&mut c);
        c.write_all(&bytes(
            CloseConf {
                invoke_id: 4,
                ..Default::default()
            },
            &s,
        ))
        .unwrap();
        let mut rest = Vec::new();
        let _ = c.read_to_end(&mut rest);
    });

    let mut c = TcpStream::connect(("127.0.0.1", port)).unwrap();
    c.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    c.set_nodelay(true).unwrap();
    let open = bytes(
        OpenReq {
            invoke_id: 1,
            version_number: 16,
            idle_timeout: 40,
            services_requested: ServiceMask(0x5),
            agent_state_mask: AgentStateMask(0x3),
            client_id: Some("dissector-test".into()),
            agent_extension: Some("1001".into()),
            agent_id: Some("a1001".into()),
            ..Default::default()
        },
        &s,
    );
    // The OPEN_REQ in two writes, so that it usually spans two segments.
    c.write_all(&open[..20]).unwrap();
    std::thread::sleep(Duration::from_millis(50));
    c.write_all(&open[20..]).unwrap();
    let _conf = read_frame(&mut c);
    let _event = read_frame(&mut c);
    let mut two = bytes(
        HeartbeatReq {
            invoke_id: 2,
            ..Default::default()
        },
        &s,
    );
    two.extend(bytes(
        SetAgentStateReq {
            invoke_id: 3,
            agent_state: AgentState::AGENT_STATE_NOT_READY,
            event_reason_code: ReasonCode(22),
            agent_instrument: "1001".into(),
            ..Default::default()
        },
        &s,
    ));
    c.write_all(&two).unwrap();
    let _hb = read_frame(&mut c);
    let _delivered = read_frame(&mut c);
    c.write_all(&bytes(
        CloseReq {
            invoke_id: 4,
            status: StatusCode(0),
            ..Default::default()
        },
        &s,
    ))
    .unwrap();
    let _close = read_frame(&mut c);
    drop(c);
    server.join().unwrap();
}

const EXPECTED: [&str; 9] = [
    "OPEN_REQ",
    "OPEN_CONF",
    "AGENT_STATE_EVENT",
    "HEARTBEAT_REQ",
    "SET_AGENT_STATE_REQ",
    "HEARTBEAT_CONF",
    "CALL_DELIVERED_EVENT",
    "CLOSE_REQ",
    "CLOSE_CONF",
];

fn tshark(lua: &Path, port: u16, capture: &Path, extra: &[&str]) -> String {
    let out = Proc::new("tshark")
        .arg("-X")
        .arg(format!("lua_script:{}", lua.display()))
        .args(["-o", &format!("ccx.ports:{port}"), "-r"])
        .arg(capture)
        .args(["-Y", "ccx"])
        .args(extra)
        .output()
        .expect("tshark runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "tshark failed: {stderr}");
    assert!(
        !stderr.contains("Lua: Error") && !stderr.contains("lua_script"),
        "the script did not load cleanly: {stderr}"
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn dissector_reads_captured_ccx_traffic_and_so_does_ccx_decode() {
    if !have("tshark") {
        unavailable!("tshark is not installed (Debian package `tshark`)");
    }
    let tool = if have("dumpcap") { "dumpcap" } else { "tshark" };
    let dir = work_dir();
    let lua = dir.join("ccx.lua");
    Command::cargo_bin("ccx")
        .unwrap()
        .args(["dissector", "-o"])
        .arg(&lua)
        .assert()
        .success();
    assert_eq!(
        std::fs::read_to_string(&lua).unwrap(),
        cti_proto::dissector::lua()
    );

    // Capture the exchange. The capture tool reports that it is capturing a moment before
    // its filter sees packets on a loaded machine; if the client's SYN is not in the file,
    // the start was missed and the exchange is run again on a new port (at most 3 times).
    let capture_file = dir.join("exchange.pcapng");
    let mut port = 0;
    for attempt in 1..=3 {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        port = listener.local_addr().unwrap().port();
        let capture = match Capture::start(tool, port, &capture_file) {
            Ok(c) => c,
            Err(why) => unavailable!("{why}"),
        };
        run_exchange(listener);
        capture.stop();
        let syn = Proc::new("tshark")
            .arg("-r")
            .arg(&capture_file)
            .args([
                "-Y",
                "tcp.flags.syn == 1 && tcp.flags.ack == 0",
                "-T",
                "fields",
            ])
            .args(["-e", "frame.number"])
            .output()
            .expect("tshark runs");
        if !String::from_utf8_lossy(&syn.stdout).trim().is_empty() {
            break;
        }
        assert!(
            attempt < 3,
            "three captures missed the start of the exchange"
        );
        eprintln!("capture attempt {attempt} missed the SYN; trying again");
    }

    // Message names, in order, one line per frame (several messages in one frame are joined).
    let fields = tshark(
        &lua,
        port,
        &capture_file,
        &[
            "-T",
            "fields",
            "-e",
            "ccx.message",
            "-E",
            "occurrence=a",
            "-E",
            "aggregator=,",
        ],
    );
    let names: Vec<&str> = fields
        .lines()
        .flat_map(|l| l.split(','))
        .filter(|s| !s.is_empty())
        .collect();
    assert_eq!(names, EXPECTED, "tshark saw: {fields}");

    let ids = tshark(
        &lua,
        port,
        &capture_file,
        &[
            "-T",
            "fields",
            "-e",
            "ccx.InvokeID",
            "-E",
            "occurrence=a",
            "-E",
            "aggregator=,",
        ],
    );
    let ids: Vec<&str> = ids
        .lines()
        .flat_map(|l| l.split(','))
        .filter(|s| !s.is_empty())
        .collect();
    assert_eq!(ids, ["1", "1", "2", "3", "2", "4", "4"], "InvokeIDs");

    // Field values in the detail view.
    let detail = tshark(&lua, port, &capture_file, &["-O", "ccx"]);
    for want in [
        "VersionNumber: 16",
        "ClientID: dissector-test",
        "[Protocol version used: 16]",
        "AgentID: a1001",
        "FltPeripheralID: 5000",
        "AgentState: AGENT_STATE_READY (3)",
        "CSQ state 2",
        "CSQID: 6",
        "CSQState: AGENT_STATE_NOT_READY (2)",
        "EventReasonCode: SUP_AGT_TO_LOGOUT (22)",
        "NamedVariable: user.account=12345",
        "ANI: 5551234",
        "= CTI_SERVICE_CLIENT_EVENTS: True",
        "AgentStateMask: 0x00000003 (AGENT_LOGIN_MASK | AGENT_LOGOUT_MASK)",
    ] {
        assert!(
            detail.contains(want),
            "{want:?} not in tshark -O ccx:\n{detail}"
        );
    }
    assert!(!detail.contains("Malformed"), "{detail}");

    // Display filters on generated fields work.
    let filtered = tshark(
        &lua,
        port,
        &capture_file,
        &[
            "-Y",
            "ccx.nv.name == \"user.account\"",
            "-T",
            "fields",
            "-e",
            "ccx.nv.value",
        ],
    );
    assert_eq!(filtered.trim(), "12345");

    // ccx decode reads the same capture.
    let out = Command::cargo_bin("ccx")
        .unwrap()
        .args(["decode", "--json", "--port", &port.to_string()])
        .arg(&capture_file)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let lines: Vec<Value> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let types: Vec<&str> = lines.iter().map(|l| l["type"].as_str().unwrap()).collect();
    assert_eq!(types, EXPECTED);
    assert_eq!(lines[1]["protocol_version"], 16);
    assert_eq!(lines[1]["fields"]["AgentID"], "a1001");
    assert_eq!(lines[2]["fields"]["csqs"][1]["CSQID"], 6);
    assert_eq!(
        lines[6]["fields"]["named_variables"][0],
        serde_json::json!({"name": "user.account", "value": "12345"})
    );
    assert_eq!(lines[0]["direction"], "client_to_server");
    assert_eq!(lines[1]["direction"], "server_to_client");

    let _ = std::fs::remove_dir_all(&dir);
}
