//! `ccx decode` end to end: hex and raw input, JSON lines, bad frames and exit codes, and
//! captures written here from synthetic TCP packets (split frames, retransmissions, segments out
//! of order, IPv6, Linux cooked capture, pcap and pcapng).

use std::borrow::Cow;
use std::path::PathBuf;
use std::time::Duration;

use assert_cmd::Command;
use cti_proto::codes::*;
use cti_proto::msg::*;
use cti_proto::wire::LengthWidth;
use cti_proto::Settings;
use etherparse::{LinuxSllPacketType, PacketBuilder};
use pcap_file::pcap::{PcapHeader, PcapPacket, PcapWriter};
use pcap_file::pcapng::blocks::enhanced_packet::EnhancedPacketBlock;
use pcap_file::pcapng::blocks::interface_description::{
    InterfaceDescriptionBlock, InterfaceDescriptionOption,
};
use pcap_file::pcapng::PcapNgWriter;
use pcap_file::DataLink;
use predicates::prelude::*;
use serde_json::Value;

fn ccx() -> Command {
    Command::cargo_bin("ccx").unwrap()
}

fn hex(b: &[u8]) -> String {
    b.iter()
        .map(|x| format!("{x:02x}"))
        .collect::<Vec<_>>()
        .join(" ")
}

fn temp_path(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ccx-decode-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// Removes a scratch file when the test ends, pass or fail.
struct Remove(PathBuf);

impl Drop for Remove {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn heartbeat(invoke_id: u32, s: &Settings) -> Vec<u8> {
    HeartbeatReq {
        invoke_id,
        ..Default::default()
    }
    .to_bytes(s)
    .unwrap()
    .to_vec()
}

#[test]
fn one_heartbeat_from_a_hex_argument() {
    ccx()
        .args(["decode", "00 00 00 04 00 00 00 05 00 00 00 07"])
        .assert()
        .success()
        .stdout("HEARTBEAT_REQ (5), body 4 bytes\n  InvokeID: 7\n")
        .stderr("");
    // The same bytes as separate arguments, 0x prefixes and commas.
    ccx()
        .args(["decode", "0x00,0x00,0x00,0x04", "0x00000005", "00:00:00:07"])
        .assert()
        .success()
        .stdout("HEARTBEAT_REQ (5), body 4 bytes\n  InvokeID: 7\n");
}

#[test]
fn many_frames_from_stdin_as_json_lines() {
    let s = Settings::new(18);
    let mut bytes = heartbeat(1, &s);
    let fc = FailureConf {
        invoke_id: 2,
        status: StatusCode::E_CTI_INVALID_FIELD,
        text: Some("no such tag".into()),
        ..Default::default()
    };
    bytes.extend(fc.to_bytes(&s).unwrap());
    let ase = AgentStateEvent {
        agent_state: AgentState::AGENT_STATE_READY,
        agent_id: Some("1001".into()),
        csqs: vec![CsqState {
            csq_id: 5,
            csq_state: AgentState::AGENT_STATE_READY,
        }],
        ..Default::default()
    };
    bytes.extend(ase.to_bytes(&s).unwrap());
    let out = ccx()
        .args(["decode", "--json"])
        .write_stdin(format!("{}\n", hex(&bytes)))
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
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["type"], "HEARTBEAT_REQ");
    assert_eq!(lines[0]["offset"], 0);
    assert_eq!(lines[0]["fields"]["InvokeID"], 1);
    assert_eq!(lines[1]["type"], "FAILURE_CONF");
    assert_eq!(lines[1]["offset"], 12);
    assert_eq!(
        lines[1]["fields"]["Status"],
        serde_json::json!({"value": 3, "name": "E_CTI_INVALID_FIELD"})
    );
    assert_eq!(lines[1]["fields"]["Text"], "no such tag");
    assert_eq!(lines[2]["type"], "AGENT_STATE_EVENT");
    assert_eq!(lines[2]["fields"]["csqs"][0]["CSQID"], 5);
    assert_eq!(lines[2]["protocol_version"], 18);
    assert!(lines.iter().all(|l| l.get("invalid").is_none()));
}

#[test]
fn a_bad_frame_is_reported_with_offsets_and_decoding_goes_on() {
    // FAILURE_CONF with a 300-byte Text (at most 255), at v18 with 2-byte field lengths.
    let s = Settings {
        v18_length_width: LengthWidth::Two,
        ..Settings::new(18)
    };
    let mut bytes = heartbeat(1, &s);
    let at = bytes.len();
    let mut body = vec![0, 0, 0, 9, 0, 0, 0, 3];
    body.extend([0, 7, 0x01, 0x2C]);
    body.extend(std::iter::repeat_n(b'x', 299));
    body.push(0);
    bytes.extend((body.len() as u32).to_be_bytes());
    bytes.extend(1u32.to_be_bytes());
    bytes.extend(&body);
    bytes.extend(heartbeat(3, &s));
    let text_at = at + 16;
    ccx()
        .args(["decode", "--v18-length-width", "2", &hex(&bytes)])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("FAILURE_CONF (1)"))
        .stdout(predicate::str::contains("InvokeID: 3"))
        .stderr(predicate::str::contains(format!(
            "frame at byte {at}: FAILURE_CONF Text[7] at byte {text_at}: 300 bytes, at most 255 allowed (E_CTI_INVALID_FIELD_LENGTH (23))"
        )));
    // The same in JSON: the bad frame carries "invalid".
    let out = ccx()
        .args(["decode", "--json", "--v18-length-width=2", &hex(&bytes)])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let lines: Vec<Value> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert!(lines[1]["invalid"]
        .as_str()
        .unwrap()
        .contains("300 bytes, at most 255 allowed"));
    assert_eq!(lines[2]["fields"]["InvokeID"], 3);
}

#[test]
fn a_cut_frame_stops_decoding_with_exit_1() {
    let s = Settings::new(18);
    let mut bytes = heartbeat(1, &s);
    bytes.extend(&heartbeat(2, &s)[..10]);
    ccx()
        .args(["decode", &hex(&bytes)])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("InvokeID: 1"))
        .stderr(predicate::str::contains(
            "frame at byte 12: HEARTBEAT_REQ header declares a body of 4 bytes, only 2 present",
        ));
    ccx()
        .args(["decode", "00 00 00"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("frame at byte 0: 3 byte(s) left"));
}

#[test]
fn unknown_types_and_tags_are_shown_as_hex_and_reported() {
    ccx()
        .args(["decode", "00 00 00 02 00 00 27 10 ab cd"])
        .assert()
        .code(1)
        .stdout("UNKNOWN (type 10000), body 2 bytes\n  body: ab cd\n")
        .stderr(predicate::str::contains(
            "frame at byte 0: type 10000 MessageTypeID at byte 4: unknown message type",
        ));
    ccx()
        .args([
            "decode",
            "--protocol-version",
            "16",
            "00 00 00 08 00 00 00 05 00 00 00 09 fa 02 ca fe",
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("  tag 250: ca fe\n"));
}

#[test]
fn raw_bytes_from_a_file_and_the_protocol_version() {
    // A v16 OPEN_CONF (1-byte tags) decodes at --protocol-version 16.
    let s = Settings::new(16);
    let oc = OpenConf {
        invoke_id: 1,
        services_granted: ServiceMask(1),
        ccx_online: true,
        agent_state: AgentState::AGENT_STATE_LOGIN,
        agent_id: Some("a1".into()),
        ..Default::default()
    };
    let path = temp_path("open_conf.bin");
    let _cleanup = Remove(path.clone());
    std::fs::write(&path, oc.to_bytes(&s).unwrap()).unwrap();
    ccx()
        .args(["decode", "--protocol-version", "16", "--file"])
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::contains("UnifiedCCXOnline: true"))
        .stdout(predicate::str::contains(
            "AgentState: AGENT_STATE_LOGIN (0)",
        ))
        .stdout(predicate::str::contains("AgentID[194]: \"a2\"").not())
        .stdout(predicate::str::contains("AgentID[194]: \"a1\""));
    // A raw file given as the positional argument is refused with a hint.
    ccx()
        .arg("decode")
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--file"));
}

#[test]
fn usage_errors_exit_2() {
    ccx().args(["decode", "0g"]).assert().code(2);
    ccx().args(["decode", "abc"]).assert().code(2);
    ccx()
        .args(["decode", "--protocol-version", "9", "00"])
        .assert()
        .code(2);
    ccx()
        .args(["decode", "--v18-length-width", "3", "00"])
        .assert()
        .code(2);
    ccx()
        .args(["decode", "--pcap", "/nonexistent/x.pcap"])
        .assert()
        .code(2);
    ccx().args(["decode", ""]).assert().code(2);
}

#[test]
fn help_explains_with_an_example() {
    ccx()
        .args(["decode", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("--protocol-version"))
        .stdout(predicate::str::contains("--json"))
        .stdout(predicate::str::contains("--port"))
        .stdout(predicate::str::contains(
            "ccx decode 00 00 00 04 00 00 00 05 00 00 00 07",
        ))
        .stdout(predicate::str::contains("Exit status"));
}

// ---- Captures -------------------------------------------------------------------------------

/// How packets are framed at the link layer.
#[derive(Clone, Copy)]
enum Link {
    Ethernet4,
    Ipv6Raw,
    Sll4,
}

/// One side of a synthetic TCP connection: addresses and the next sequence number.
struct Side {
    ip4: [u8; 4],
    ip6: [u8; 16],
    port: u16,
    seq: u32,
}

/// Builds the packets of one TCP connection, each with its capture time.
struct Conn {
    link: Link,
    client: Side,
    server: Side,
    packets: Vec<(Duration, Vec<u8>)>,
    t: Duration,
}

impl Conn {
    fn new(link: Link, client_port: u16, server_port: u16, client_isn: u32) -> Self {
        let mut ip6c = [0u8; 16];
        ip6c[0] = 0xfd;
        ip6c[15] = 1;
        let mut ip6s = ip6c;
        ip6s[15] = 2;
        Conn {
            link,
            client: Side {
                ip4: [192, 0, 2, 1],
                ip6: ip6c,
                port: client_port,
                seq: client_isn,
            },
            server: Side {
                ip4: [192, 0, 2, 2],
                ip6: ip6s,
                port: server_port,
                seq: 7_000_000,
            },
            packets: Vec::new(),
            t: Duration::new(1_700_000_000, 250_000_000),
        }
    }

    fn raw(&mut self, from_client: bool, seq: u32, syn: bool, payload: &[u8]) {
        let (a, b) = if from_client {
            (&self.client, &self.server)
        } else {
            (&self.server, &self.client)
        };
        let (sport, dport) = (a.port, b.port);
        let mut out = Vec::new();
        macro_rules! finish {
            ($ip:expr) => {{
                let tcp = $ip.tcp(sport, dport, seq, 65535);
                let tcp = if syn { tcp.syn() } else { tcp.ack(b.seq) };
                tcp.write(&mut out, payload).unwrap();
            }};
        }
        match self.link {
            Link::Ethernet4 => {
                finish!(PacketBuilder::ethernet2([2; 6], [4; 6]).ipv4(a.ip4, b.ip4, 64))
            }
            Link::Ipv6Raw => finish!(PacketBuilder::ipv6(a.ip6, b.ip6, 64)),
            Link::Sll4 => {
                finish!(
                    PacketBuilder::linux_sll(LinuxSllPacketType::OUTGOING, 6, [2; 8])
                        .ipv4(a.ip4, b.ip4, 64)
                )
            }
        }
        self.t += Duration::from_millis(1);
        self.packets.push((self.t, out));
    }

    fn handshake(&mut self) {
        let (c, s) = (self.client.seq, self.server.seq);
        self.raw(true, c, true, b"");
        self.raw(false, s, true, b"");
        self.client.seq = c.wrapping_add(1);
        self.server.seq = s.wrapping_add(1);
    }

    /// Send `data` in segments of the given sizes (the rest in one last segment).
    fn send(&mut self, from_client: bool, data: &[u8], sizes: &[usize]) {
        let mut pos = 0;
        for &n in sizes.iter().chain(std::iter::once(&usize::MAX)) {
            if pos >= data.len() {
                break;
            }
            let end = pos.saturating_add(n).min(data.len());
            let seq = self.seq(from_client);
            self.raw(from_client, seq, false, &data[pos..end]);
            *self.seq_mut(from_client) = seq.wrapping_add((end - pos) as u32);
            pos = end;
        }
    }

    fn seq(&self, from_client: bool) -> u32 {
        if from_client {
            self.client.seq
        } else {
            self.server.seq
        }
    }

    fn seq_mut(&mut self, from_client: bool) -> &mut u32 {
        if from_client {
            &mut self.client.seq
        } else {
            &mut self.server.seq
        }
    }
}

fn write_pcap(path: &PathBuf, link: DataLink, packets: &[(Duration, Vec<u8>)]) {
    let file = std::fs::File::create(path).unwrap();
    let header = PcapHeader {
        datalink: link,
        ..Default::default()
    };
    let mut w = PcapWriter::with_header(file, header).unwrap();
    for (t, p) in packets {
        w.write_packet(&PcapPacket::new(*t, p.len() as u32, p))
            .unwrap();
    }
}

/// pcapng with nanosecond timestamps (if_tsresol 9), or the default microseconds.
fn write_pcapng(path: &PathBuf, link: DataLink, nanos: bool, packets: &[(Duration, Vec<u8>)]) {
    let file = std::fs::File::create(path).unwrap();
    let mut w = PcapNgWriter::new(file).unwrap();
    let options = if nanos {
        vec![InterfaceDescriptionOption::IfTsResol(9)]
    } else {
        vec![]
    };
    w.write_pcapng_block(InterfaceDescriptionBlock {
        linktype: link,
        snaplen: 0xFFFF,
        options,
    })
    .unwrap();
    for (t, p) in packets {
        // pcap-file writes the Duration's nanoseconds as the raw tick count.
        let ticks = if nanos {
            *t
        } else {
            Duration::from_nanos(t.as_micros() as u64)
        };
        w.write_pcapng_block(EnhancedPacketBlock {
            interface_id: 0,
            timestamp: ticks,
            original_len: p.len() as u32,
            data: Cow::Borrowed(p),
            options: vec![],
        })
        .unwrap();
    }
}

/// A v16 session: OPEN_REQ split over three segments with a retransmission and a segment
/// out of order, OPEN_CONF from the server, then two heartbeats in one segment and their
/// answers.
fn session(link: Link, server_port: u16, client_isn: u32) -> Conn {
    let s = Settings::new(16);
    let mut c = Conn::new(link, 40_001, server_port, client_isn);
    c.handshake();
    let open = OpenReq {
        invoke_id: 1,
        version_number: 16,
        idle_timeout: 40,
        services_requested: ServiceMask(0x5),
        agent_state_mask: AgentStateMask(0x3),
        client_id: Some("recorder".into()),
        agent_id: Some("1001".into()),
        ..Default::default()
    }
    .to_bytes(&s)
    .unwrap();
    // Segments [0..10), [10..30), [30..): send the third before the second, then
    // retransmit the first.
    let start = c.client.seq;
    c.raw(true, start, false, &open[..10]);
    c.raw(true, start.wrapping_add(30), false, &open[30..]);
    c.raw(true, start, false, &open[..10]);
    c.raw(true, start.wrapping_add(10), false, &open[10..30]);
    // An overlapping retransmission of the middle and the end.
    c.raw(true, start.wrapping_add(20), false, &open[20..]);
    c.client.seq = start.wrapping_add(open.len() as u32);
    let conf = OpenConf {
        invoke_id: 1,
        services_granted: ServiceMask(0x5),
        ccx_online: true,
        agent_state: AgentState::AGENT_STATE_READY,
        agent_id: Some("1001".into()),
        peripherals: vec![OpenConfPeripheral {
            peripheral_id: Some(5000),
            multiline_agent_control: Some(0),
        }],
        ..Default::default()
    }
    .to_bytes(&s)
    .unwrap();
    c.send(false, &conf, &[7]);
    let mut two = heartbeat(2, &s);
    two.extend(heartbeat(3, &s));
    c.send(true, &two, &[]);
    let mut answers = HeartbeatConf {
        invoke_id: 2,
        ..Default::default()
    }
    .to_bytes(&s)
    .unwrap()
    .to_vec();
    answers.extend(
        HeartbeatConf {
            invoke_id: 3,
            ..Default::default()
        }
        .to_bytes(&s)
        .unwrap(),
    );
    c.send(false, &answers, &[5, 5]);
    c
}

fn json_lines(out: &[u8]) -> Vec<Value> {
    String::from_utf8(out.to_vec())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn check_session_json(lines: &[Value], client: &str, server: &str) {
    let types: Vec<&str> = lines.iter().map(|l| l["type"].as_str().unwrap()).collect();
    assert_eq!(
        types,
        [
            "OPEN_REQ",
            "OPEN_CONF",
            "HEARTBEAT_REQ",
            "HEARTBEAT_REQ",
            "HEARTBEAT_CONF",
            "HEARTBEAT_CONF"
        ]
    );
    assert_eq!(lines[0]["direction"], "client_to_server");
    assert_eq!(lines[0]["src"], client);
    assert_eq!(lines[0]["dst"], server);
    assert_eq!(lines[0]["fields"]["ClientID"], "recorder");
    assert_eq!(lines[0]["fields"]["VersionNumber"], 16);
    assert_eq!(lines[1]["direction"], "server_to_client");
    assert_eq!(lines[1]["src"], server);
    // The OPEN_CONF is read at the version the OPEN_REQ asked for.
    assert_eq!(lines[1]["protocol_version"], 16);
    assert_eq!(lines[1]["fields"]["AgentID"], "1001");
    assert_eq!(
        lines[1]["fields"]["peripherals"][0]["FltPeripheralID"],
        5000
    );
    assert_eq!(lines[3]["fields"]["InvokeID"], 3);
    assert_eq!(
        lines[3]["stream_offset"],
        lines[2]["stream_offset"].as_u64().unwrap() + 12
    );
    assert_eq!(lines[5]["fields"]["InvokeID"], 3);
    for l in lines {
        assert!(l.get("invalid").is_none(), "{l}");
        assert_eq!(l["connection"], 1);
    }
}

#[test]
fn pcap_ethernet_ipv4_with_split_retransmitted_and_reordered_segments() {
    let c = session(Link::Ethernet4, 42027, 1000);
    let path = temp_path("session.pcap");
    let _cleanup = Remove(path.clone());
    write_pcap(&path, DataLink::ETHERNET, &c.packets);
    let out = ccx()
        .args(["decode", "--json"])
        .arg(&path)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let lines = json_lines(&out);
    check_session_json(&lines, "192.0.2.1:40001", "192.0.2.2:42027");
    // The OPEN_REQ completes with the fourth client packet: 1 ms per packet after .250 s.
    assert_eq!(lines[0]["time"], "2023-11-14T22:13:20.256000Z");
    // Text form: time, addresses and direction, then the message.
    ccx()
        .arg("decode")
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "2023-11-14T22:13:20.256000Z 192.0.2.1:40001 → 192.0.2.2:42027 (client→server, connection 1)\nOPEN_REQ (3), body ",
        ))
        .stdout(predicate::str::contains(
            "192.0.2.2:42027 → 192.0.2.1:40001 (server→client, connection 1)\nOPEN_CONF (4)",
        ))
        .stdout(predicate::str::contains("  ClientID[1]: \"recorder\"\n"));
}

#[test]
fn pcapng_ipv6_raw_and_sequence_wraparound() {
    // The client's sequence numbers wrap around 2^32 in the middle of the OPEN_REQ.
    let c = session(Link::Ipv6Raw, 12028, u32::MAX - 20);
    let path = temp_path("session6.pcapng");
    let _cleanup = Remove(path.clone());
    write_pcapng(&path, DataLink::IPV6, true, &c.packets);
    let out = ccx()
        .args(["decode", "--json", "--pcap"])
        .arg(&path)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let lines = json_lines(&out);
    check_session_json(&lines, "[fd00::1]:40001", "[fd00::2]:12028");
    assert_eq!(lines[0]["time"], "2023-11-14T22:13:20.256000Z");
}

#[test]
fn linux_cooked_capture_custom_port_and_microsecond_pcapng() {
    let c = session(Link::Sll4, 5555, 77);
    let path = temp_path("sll.pcapng");
    let _cleanup = Remove(path.clone());
    write_pcapng(&path, DataLink::LINUX_SLL, false, &c.packets);
    // Not on a default port: nothing found, exit 1 with a hint.
    ccx()
        .arg("decode")
        .arg(&path)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("--port"));
    let out = ccx()
        .args(["decode", "--json", "--port", "5555"])
        .arg(&path)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let lines = json_lines(&out);
    check_session_json(&lines, "192.0.2.1:40001", "192.0.2.2:5555");
    assert_eq!(lines[0]["time"], "2023-11-14T22:13:20.256000Z");
}

#[test]
fn a_capture_cut_mid_frame_and_a_lost_segment_are_reported() {
    let s = Settings::new(18);
    let mut c = Conn::new(Link::Ethernet4, 40_002, 42027, 5);
    c.handshake();
    let hb = heartbeat(9, &s);
    // Client: one whole heartbeat, then half of one.
    let mut data = hb.clone();
    data.extend(&hb[..6]);
    c.send(true, &data, &[]);
    // Server: a segment lost before this one (a gap of 12 bytes).
    let conf = HeartbeatConf {
        invoke_id: 9,
        ..Default::default()
    }
    .to_bytes(&s)
    .unwrap();
    let seq = c.server.seq.wrapping_add(12);
    c.raw(false, seq, false, &conf);
    let path = temp_path("cut.pcap");
    let _cleanup = Remove(path.clone());
    write_pcap(&path, DataLink::ETHERNET, &c.packets);
    ccx()
        .arg("decode")
        .arg(&path)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("HEARTBEAT_REQ (5)"))
        .stderr(predicate::str::contains(
            "192.0.2.1:40002 → 192.0.2.2:42027 at stream byte 12: the capture ends inside a frame: 6 bytes captured",
        ))
        .stderr(predicate::str::contains(
            "192.0.2.2:42027 → 192.0.2.1:40002 at stream byte 0: bytes missing from the capture at stream byte 0; 12 bytes after the gap were not decoded",
        ));
}

#[test]
fn a_server_message_sent_by_the_client_is_flagged() {
    let s = Settings::new(18);
    let mut c = Conn::new(Link::Ethernet4, 40_003, 42027, 5);
    c.handshake();
    let conf = HeartbeatConf {
        invoke_id: 1,
        ..Default::default()
    }
    .to_bytes(&s)
    .unwrap();
    c.send(true, &conf, &[]);
    let path = temp_path("wrongdir.pcap");
    let _cleanup = Remove(path.clone());
    write_pcap(&path, DataLink::ETHERNET, &c.packets);
    ccx()
        .arg("decode")
        .arg(&path)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("HEARTBEAT_CONF (6)"))
        .stderr(predicate::str::contains(
            "frame at stream byte 0: HEARTBEAT_CONF at byte 4: message type is not sent in this direction",
        ));
}

#[test]
fn garbage_captures_fail_cleanly() {
    // pcapng magic then junk: the section header cannot be read.
    let path = temp_path("junk.pcapng");
    let _cleanup = Remove(path.clone());
    let mut junk = vec![0x0A, 0x0D, 0x0D, 0x0A];
    junk.extend((0..200u32).map(|i| (i * 37 % 251) as u8));
    std::fs::write(&path, &junk).unwrap();
    ccx()
        .arg("decode")
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("pcapng").and(predicate::str::contains("panicked").not()));
    // A valid pcap header, then a record claiming a 4 GB packet.
    let c = session(Link::Ethernet4, 42027, 1);
    let path = temp_path("junk.pcap");
    let _cleanup2 = Remove(path.clone());
    write_pcap(&path, DataLink::ETHERNET, &c.packets[..3]);
    let mut bytes = std::fs::read(&path).unwrap();
    bytes.extend([
        0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
    ]);
    bytes.extend([0xAB; 64]);
    std::fs::write(&path, &bytes).unwrap();
    ccx().arg("decode").arg(&path).assert().code(1).stderr(
        predicate::str::contains("cut short").and(predicate::str::contains("panicked").not()),
    );
    // Random bytes after a pcap header, many times: never a panic.
    let mut x: u32 = 12345;
    for round in 0..20 {
        let mut bytes = std::fs::read(&path).unwrap()[..24].to_vec();
        for _ in 0..(round * 50) {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            bytes.push(x as u8);
        }
        std::fs::write(&path, &bytes).unwrap();
        let out = ccx().arg("decode").arg(&path).output().unwrap();
        assert!(matches!(out.status.code(), Some(0..=2)), "{out:?}");
        assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
    }
}
