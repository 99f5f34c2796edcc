//! `ccx decode`: print CTI frames readably (or as JSON lines) from hex, raw bytes or a
//! `.pcap`/`.pcapng` capture.
//!
//! Frames are rendered from the message table by [`cti_proto::render`] and checked with the
//! strict validation of [`cti_proto::validate`]; a frame that breaks the table is reported with
//! its byte offset and reason, and decoding goes on with the next frame whenever the header
//! says where that is.

use std::collections::HashMap;
use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};
use cti_proto::spec::{Direction, MAX_VERSION, MIN_VERSION};
use cti_proto::wire::{Header, LengthWidth, HEADER_LEN};
use cti_proto::{render, validate, FrameView, Settings};

use crate::capture::{self, Dir, Event, Place};

const EXAMPLES: &str = "\
Input:
  HEX        hex bytes as arguments or on stdin; whitespace, commas, colons and 0x prefixes are
             ignored, so `00 00 00 04`, `0x00,0x00,0x00,0x04` and `00000004` are all the same
  --file     raw frame bytes (`-` for stdin)
  CAPTURE    a .pcap or .pcapng file (or --pcap FILE): TCP to or from the server ports is
             reassembled per connection and direction, and each message is printed with its
             capture time and direction

One input may hold many frames back to back. A frame that breaks the message table is
reported on stderr as `frame at byte N: ...` and decoding continues with the next frame when
the header says where it is. An OPEN_REQ sets the protocol version of the frames after it
(and of its own floating part) from its VersionNumber; --protocol-version is the version
before any OPEN_REQ.

Exit status: 0 when every frame decoded and validated, 1 when some frame or stream was bad,
2 on usage errors.

Examples:
  $ ccx decode 00 00 00 04 00 00 00 05 00 00 00 07
  HEARTBEAT_REQ (5), body 4 bytes
    InvokeID: 7

  $ echo 0x00000004,0x00000005,0x0000002a | ccx decode --json
  $ ccx decode --file frames.bin --protocol-version 16
  $ ccx decode capture.pcapng --port 42027 --json
";

/// Options of `ccx decode`.
#[derive(clap::Args, Debug)]
#[command(after_long_help = EXAMPLES)]
pub struct Args {
    /// Hex bytes of one or more frames, or the path of a .pcap/.pcapng capture. Without it,
    /// hex is read from stdin.
    #[arg(value_name = "HEX|CAPTURE")]
    input: Vec<String>,

    /// Read raw frame bytes from this file (`-` for stdin) instead of hex.
    #[arg(long, value_name = "PATH", conflicts_with_all = ["input", "pcap"])]
    file: Option<PathBuf>,

    /// Read a .pcap or .pcapng capture (pcap and pcapng are told apart by their magic number).
    #[arg(long, value_name = "FILE", conflicts_with = "input")]
    pcap: Option<PathBuf>,

    /// Protocol version of the frames (10–18) until an OPEN_REQ says otherwise.
    #[arg(long, value_name = "N", default_value_t = MAX_VERSION,
          value_parser = clap::value_parser!(u8).range(MIN_VERSION as i64..=MAX_VERSION as i64))]
    protocol_version: u8,

    /// Bytes of a floating field's length at protocol version 18 (1 or 2).
    #[arg(long, value_name = "1|2", default_value_t = 1,
          value_parser = clap::value_parser!(u8).range(1..=2))]
    v18_length_width: u8,

    /// Print one JSON object per message, one per line (JSON lines).
    #[arg(long)]
    json: bool,

    /// TCP port of a CTI server in a capture (repeatable).
    #[arg(long = "port", value_name = "P", default_values_t = [42027u16, 12028])]
    ports: Vec<u16>,

    /// Largest body accepted in a capture: a bigger BodyLength means the stream is lost.
    #[arg(long, value_name = "BYTES", default_value_t = cti_proto::wire::DEFAULT_MAX_BODY)]
    max_body: u32,
}

/// Run `ccx decode`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut settings = Settings::new(args.protocol_version);
    settings.v18_length_width = if args.v18_length_width == 2 {
        LengthWidth::Two
    } else {
        LengthWidth::One
    };
    let out = io::stdout().lock();
    let mut printer = Printer {
        out: io::BufWriter::new(out),
        json: args.json,
        broken_pipe: false,
        printed: 0,
        bad: 0,
    };
    if let Some(path) = capture_path(&args)? {
        let cfg = capture::Config {
            server_ports: args.ports.clone(),
            max_body: args.max_body,
            ..capture::Config::default()
        };
        decode_capture(&path, cfg, settings, &mut printer)?;
    } else {
        let bytes = read_bytes(&args)?;
        if bytes.is_empty() {
            bail!("nothing to decode: the input is empty");
        }
        decode_stream(&bytes, settings, &mut printer);
    }
    printer.finish()
}

/// The capture to read, if the input is one.
fn capture_path(args: &Args) -> anyhow::Result<Option<PathBuf>> {
    if let Some(p) = &args.pcap {
        capture::require_capture(p)?;
        return Ok(Some(p.clone()));
    }
    if let [one] = args.input.as_slice() {
        let p = Path::new(one);
        if p.is_file() {
            if capture::sniff_file(p)?.is_some() {
                return Ok(Some(p.to_path_buf()));
            }
            bail!(
                "{one} is a file but not a pcap or pcapng capture; use `--file {one}` for raw frame bytes"
            );
        }
    }
    Ok(None)
}

fn read_bytes(args: &Args) -> anyhow::Result<Vec<u8>> {
    if let Some(path) = &args.file {
        let mut buf = Vec::new();
        if path.as_os_str() == "-" {
            io::stdin().lock().read_to_end(&mut buf)?;
        } else {
            buf = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
        }
        return Ok(buf);
    }
    let text = if args.input.is_empty() {
        let stdin = io::stdin();
        if stdin.is_terminal() {
            bail!("give hex bytes as arguments or on stdin, raw bytes with --file, or a capture (see --help)");
        }
        let mut s = String::new();
        stdin
            .lock()
            .read_to_string(&mut s)
            .context("stdin is not text; use --file - for raw bytes")?;
        s
    } else {
        args.input.join(" ")
    };
    parse_hex(&text)
}

/// Hex text to bytes. Separators (whitespace, commas, colons) split tokens; a token may start
/// with `0x`; each token must have an even number of hex digits.
pub fn parse_hex(text: &str) -> anyhow::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() / 2);
    for token in text.split(|c: char| c.is_whitespace() || c == ',' || c == ':') {
        if token.is_empty() {
            continue;
        }
        let digits = token
            .strip_prefix("0x")
            .or_else(|| token.strip_prefix("0X"))
            .unwrap_or(token);
        if let Some(bad) = digits.chars().find(|c| !c.is_ascii_hexdigit()) {
            bail!("not hex: {bad:?} in {token:?}");
        }
        if digits.len() % 2 != 0 {
            bail!("odd number of hex digits in {token:?}: give whole bytes, e.g. 0{digits}");
        }
        for pair in digits.as_bytes().chunks(2) {
            let s = std::str::from_utf8(pair).unwrap_or("00");
            out.push(u8::from_str_radix(s, 16)?);
        }
    }
    Ok(out)
}

/// The version an OPEN_REQ asks for, clamped to what the codec speaks.
fn open_req_version(frame: &[u8]) -> Option<u8> {
    let h = Header::peek(frame)?;
    if h.type_id != cti_proto::table::OPEN_REQ.id {
        return None;
    }
    let v = frame.get(HEADER_LEN + 4..HEADER_LEN + 8)?;
    let v = u32::from_be_bytes([v[0], v[1], v[2], v[3]]);
    Some(v.clamp(MIN_VERSION as u32, MAX_VERSION as u32) as u8)
}

/// One decoded frame: its rendering and, if it breaks the table, why.
struct Decoded {
    text: String,
    json: serde_json::Value,
    problem: Option<String>,
}

/// Render and validate one whole frame found at absolute offset `at` of its stream.
fn decode_frame(
    frame: &[u8],
    at: u64,
    settings: &Settings,
    from: Option<Direction>,
    json: bool,
) -> Decoded {
    let view = match FrameView::new(frame, settings) {
        Ok(v) => v,
        Err(e) => {
            return Decoded {
                text: String::new(),
                json: serde_json::Value::Null,
                problem: Some(e.to_string()),
            }
        }
    };
    let from = from
        .or(view.spec().map(|s| s.direction))
        .unwrap_or(Direction::ClientToServer);
    let problem = validate::validate(&view, from).err().map(|e| {
        let name = match view.name() {
            Some(n) => n.to_string(),
            None => format!("type {}", view.type_id()),
        };
        let field = if e.field == name {
            String::new()
        } else {
            match e.tag {
                Some(t) => format!(" {}[{t}]", e.field),
                None => format!(" {}", e.field),
            }
        };
        format!(
            "{name}{field} at byte {}: {} ({})",
            at + e.offset as u64,
            e.problem,
            e.status()
        )
    });
    Decoded {
        text: if json {
            String::new()
        } else {
            render::text(&view)
        },
        json: if json {
            render::json(&view)
        } else {
            serde_json::Value::Null
        },
        problem,
    }
}

struct Printer<W: Write> {
    out: W,
    json: bool,
    broken_pipe: bool,
    printed: u64,
    bad: u64,
}

impl<W: Write> Printer<W> {
    fn write(&mut self, s: &str) {
        if self.broken_pipe {
            return;
        }
        if let Err(e) = self.out.write_all(s.as_bytes()) {
            // Reading into `head` and the like is normal; anything else is reported at the end.
            if e.kind() != io::ErrorKind::BrokenPipe {
                eprintln!("ccx: cannot write output: {e}");
            }
            self.broken_pipe = true;
        }
    }

    /// Print a decoded frame with what to put before it (text) or add to it (JSON).
    fn frame(
        &mut self,
        d: Decoded,
        title: Option<String>,
        extra: serde_json::Map<String, serde_json::Value>,
    ) {
        if self.json {
            let mut obj = match d.json {
                serde_json::Value::Object(m) => m,
                _ => serde_json::Map::new(),
            };
            for (k, v) in extra {
                obj.insert(k, v);
            }
            if let Some(p) = &d.problem {
                obj.insert("invalid".into(), p.clone().into());
            }
            let line = ordered_line(obj);
            self.write(&line);
            self.write("\n");
        } else {
            if self.printed > 0 {
                self.write("\n");
            }
            if let Some(t) = title {
                self.write(&t);
                self.write("\n");
            }
            self.write(&d.text);
        }
        self.printed += 1;
    }

    /// Report a bad frame or stream on stderr (after flushing stdout, to keep the order).
    fn problem(&mut self, text: &str) {
        self.bad += 1;
        let _ = self.out.flush();
        eprintln!("{text}");
    }

    fn finish(mut self) -> anyhow::Result<ExitCode> {
        let _ = self.out.flush();
        if self.bad > 0 {
            eprintln!(
                "ccx: {} message(s) decoded, {} problem(s)",
                self.printed, self.bad
            );
            return Ok(ExitCode::from(1));
        }
        Ok(ExitCode::SUCCESS)
    }
}

/// Top-level keys of a JSON line in the order people read them; any others follow.
const KEY_ORDER: &[&str] = &[
    "time",
    "connection",
    "direction",
    "src",
    "dst",
    "stream_offset",
    "offset",
    "protocol_version",
    "type",
    "id",
    "body_len",
    "fields",
    "reserved",
    "floating",
    "unknown",
    "body",
    "error",
    "invalid",
];

/// One JSON object on one line, its top-level keys in [`KEY_ORDER`] (serde_json's map
/// would sort them alphabetically).
fn ordered_line(mut obj: serde_json::Map<String, serde_json::Value>) -> String {
    let mut parts = Vec::with_capacity(obj.len());
    let mut push = |k: &str, v: &serde_json::Value| {
        parts.push(format!("{}:{}", serde_json::Value::from(k), v));
    };
    for k in KEY_ORDER {
        if let Some(v) = obj.remove(*k) {
            push(k, &v);
        }
    }
    for (k, v) in &obj {
        push(k, v);
    }
    format!("{{{}}}", parts.join(","))
}

/// Decode concatenated frames.
fn decode_stream<W: Write>(bytes: &[u8], mut settings: Settings, p: &mut Printer<W>) {
    let mut at = 0usize;
    while at < bytes.len() {
        let rest = &bytes[at..];
        let Some(h) = Header::peek(rest) else {
            p.problem(&format!(
                "frame at byte {at}: {} byte(s) left, too few for an 8-byte header; stopping",
                rest.len()
            ));
            return;
        };
        if rest.len() < h.frame_len() {
            let name = cti_proto::layout::layout(h.type_id)
                .map(|l| l.spec.name.to_string())
                .unwrap_or_else(|| format!("type {}", h.type_id));
            p.problem(&format!(
                "frame at byte {at}: {name} header declares a body of {} bytes, only {} present; stopping",
                h.body_len,
                rest.len() - HEADER_LEN
            ));
            return;
        }
        let frame = &rest[..h.frame_len()];
        if let Some(v) = open_req_version(frame) {
            settings.version = v;
        }
        let d = decode_frame(frame, at as u64, &settings, None, p.json);
        let problem = d.problem.clone();
        let mut extra = serde_json::Map::new();
        extra.insert("offset".into(), at.into());
        extra.insert("protocol_version".into(), settings.version.into());
        p.frame(d, None, extra);
        if let Some(text) = problem {
            p.problem(&format!("frame at byte {at}: {text}"));
        }
        at += h.frame_len();
    }
}

fn time_text(place: &Place) -> String {
    render::utc(place.time.as_secs() as i64, place.time.subsec_nanos(), 6)
}

/// Decode every CTI connection of a capture.
fn decode_capture<W: Write>(
    path: &Path,
    cfg: capture::Config,
    base: Settings,
    p: &mut Printer<W>,
) -> anyhow::Result<()> {
    let ports = cfg.server_ports.clone();
    let mut versions: HashMap<u64, u8> = HashMap::new();
    let mut sink = |e: Event<'_>| match e {
        Event::Frame { place, frame } => {
            let version = versions.entry(place.conn).or_insert(base.version);
            if place.dir == Dir::ClientToServer {
                if let Some(v) = open_req_version(frame) {
                    *version = v;
                }
            }
            let settings = base.with_version(*version);
            let from = match place.dir {
                Dir::ClientToServer => Direction::ClientToServer,
                Dir::ServerToClient => Direction::ServerToClient,
            };
            let d = decode_frame(frame, place.stream_offset, &settings, Some(from), p.json);
            let problem = d.problem.clone();
            let title = format!(
                "{} {} → {} ({}, connection {})",
                time_text(&place),
                place.src,
                place.dst,
                place.dir.arrow(),
                place.conn
            );
            let mut extra = serde_json::Map::new();
            extra.insert("time".into(), time_text(&place).into());
            extra.insert("connection".into(), place.conn.into());
            extra.insert("direction".into(), place.dir.key().into());
            extra.insert("src".into(), place.src.to_string().into());
            extra.insert("dst".into(), place.dst.to_string().into());
            extra.insert("stream_offset".into(), place.stream_offset.into());
            extra.insert("protocol_version".into(), settings.version.into());
            p.frame(d, Some(title), extra);
            if let Some(text) = problem {
                p.problem(&format!(
                    "{} {} → {} frame at stream byte {}: {text}",
                    time_text(&place),
                    place.src,
                    place.dst,
                    place.stream_offset
                ));
            }
        }
        Event::Problem { place, text } => p.problem(&format!(
            "{} {} → {} at stream byte {}: {text}",
            time_text(&place),
            place.src,
            place.dst,
            place.stream_offset
        )),
    };
    let stats = capture::read(path, cfg, &mut sink)?;
    if stats.connections == 0 {
        let list: Vec<String> = ports.iter().map(|p| p.to_string()).collect();
        p.problem(&format!(
            "ccx: no TCP traffic to or from port {} in {} ({} packets); give the server port with --port",
            list.join(", "),
            path.display(),
            stats.packets
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_forms() {
        assert_eq!(parse_hex("00 0a FF").unwrap(), vec![0, 10, 255]);
        assert_eq!(parse_hex("0x00,0x0A, 0Xff\n").unwrap(), vec![0, 10, 255]);
        assert_eq!(parse_hex("000aff").unwrap(), vec![0, 10, 255]);
        assert_eq!(parse_hex("0x000aff 01:02").unwrap(), vec![0, 10, 255, 1, 2]);
        assert_eq!(parse_hex("  \n").unwrap(), Vec::<u8>::new());
        assert!(parse_hex("0g").unwrap_err().to_string().contains("'g'"));
        assert!(parse_hex("abc")
            .unwrap_err()
            .to_string()
            .contains("odd number"));
    }

    #[test]
    fn open_req_versions_are_clamped() {
        let mut f = vec![0, 0, 0, 8, 0, 0, 0, 3, 0, 0, 0, 1, 0, 0, 0, 16];
        assert_eq!(open_req_version(&f), Some(16));
        f[15] = 99;
        assert_eq!(open_req_version(&f), Some(18));
        f[15] = 2;
        assert_eq!(open_req_version(&f), Some(10));
        f[7] = 5;
        assert_eq!(open_req_version(&f), None);
        assert_eq!(open_req_version(&f[..10]), None);
    }

    fn printer() -> Printer<Vec<u8>> {
        Printer {
            out: Vec::new(),
            json: false,
            broken_pipe: false,
            printed: 0,
            bad: 0,
        }
    }

    #[test]
    fn stream_continues_after_a_bad_frame_and_stops_at_a_short_header() {
        let hb = [0, 0, 0, 4, 0, 0, 0, 5, 0, 0, 0, 7];
        // A FAILURE_CONF (server→client type, fine here) with an unknown tag 250.
        let bad = [0, 0, 0, 11, 0, 0, 0, 1, 0, 0, 0, 9, 0, 0, 0, 3, 250, 1, 0];
        let mut bytes = hb.to_vec();
        bytes.extend_from_slice(&bad);
        bytes.extend_from_slice(&hb);
        bytes.extend_from_slice(&[0, 0]);
        let mut p = printer();
        decode_stream(&bytes, Settings::new(16), &mut p);
        let out = String::from_utf8(p.out.clone()).unwrap();
        assert_eq!(out.matches("HEARTBEAT_REQ (5)").count(), 2, "{out}");
        assert!(out.contains("FAILURE_CONF (1)"), "{out}");
        assert_eq!(p.printed, 3);
        assert_eq!(p.bad, 2);
    }
}
