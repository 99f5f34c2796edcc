//! Codec throughput over a realistic mixed stream of CTI traffic, at protocol versions 18 and
//! 16, next to memcpy of the same bytes in the same run:
//!
//! * borrowed: split the stream with `wire::split`, `FrameView::new`, strict validation as each
//!   message's own direction, and a walk over every floating field's value — once as
//!   `validate` then `FrameView::floating`, once fused with `validate_with`;
//! * owned: split, then `Message::decode` into the typed messages;
//! * encode: `Message::encode` of the typed messages into one reused `BytesMut`;
//! * memcpy: `copy_from_slice` of the whole stream into a reused buffer.
//!
//! Run: `cargo bench -p cti-proto --bench codec` (prints medians of interleaved samples, so the
//! modes share whatever noise the machine has). A counting allocator reports heap allocations
//! per frame of each mode.
//!
//! For instruction counts: `CODEC_BENCH_ONLY=<mode> CODEC_BENCH_PASSES=<n>` runs one mode
//! (memcpy, borrowed, fused, validator, owned, encode) for `n` untimed passes at v18; run it under
//! `valgrind --tool=callgrind --toggle-collect='codec::<mode>_pass'` and divide the collected
//! instructions by `n` × the frames it prints (the owned mode runs one extra pass while
//! setting up, to check the stream decodes). `CODEC_BENCH_CALLS=<calls>` (default 2000) sets
//! the size of that run's stream, e.g. 100 calls (742 frames, 125 KB) to keep it in L2, and
//! `CODEC_BENCH_VERSION=<10–18>` its protocol version.

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use bytes::BytesMut;
use cti_proto::codes::*;
use cti_proto::msg::*;
use cti_proto::spec::Direction;
use cti_proto::validate::{validate, validate_with, Validator};
use cti_proto::view::FieldValue;
use cti_proto::wire::{self, Split};
use cti_proto::{FrameView, Settings};

struct CountingAlloc;
static ALLOCS: AtomicU64 = AtomicU64::new(0);

// SAFETY: forwards to `System` unchanged; only counts calls.
unsafe impl GlobalAlloc for CountingAlloc {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        ALLOCS.fetch_add(1, Ordering::Relaxed);
        System.alloc(l)
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        System.dealloc(p, l)
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, n: usize) -> *mut u8 {
        ALLOCS.fetch_add(1, Ordering::Relaxed);
        System.realloc(p, l, n)
    }
}

#[global_allocator]
static ALLOC: CountingAlloc = CountingAlloc;

/// The traffic of `calls` inbound calls on a small contact center: each call moves an agent
/// through Reserved → Talking → Work → Ready with the call's delivered / established / cleared
/// events (call variables and ECC variables on delivery), heartbeats every few calls and a
/// batch of agent configuration records now and then.
fn traffic(calls: u32) -> Vec<Message> {
    let mut out: Vec<Message> = Vec::new();
    for i in 0..calls {
        let agent = format!("agent{:04}", i % 200);
        let ext = format!("{}", 4000 + i % 200);
        let call_id = 16_000_000 + i;
        let state = |s: AgentState, dur: u32| AgentStateEvent {
            agent_state: s,
            csq_state: s,
            state_duration: dur,
            csq_id: 7,
            event_reason_code: ReasonCode(0),
            cti_client_signature: Some("ccx-sim".into()),
            agent_id: Some(agent.clone().into()),
            agent_extension: Some(ext.clone().into()),
            agent_instrument: Some(ext.clone().into()),
            csqs: vec![
                CsqState {
                    csq_id: 7,
                    csq_state: s,
                },
                CsqState {
                    csq_id: 9,
                    csq_state: s,
                },
            ],
            active_terminal: Some(format!("SEP00AABB{:06X}", i % 200).into()),
            ..Default::default()
        };
        out.push(state(AgentState::AGENT_STATE_RESERVED, 31).into());
        out.push(
            CallDeliveredEvent {
                connection_device_type: ConnectionDeviceType(0),
                call_id,
                line_type: 0,
                application_id: 12,
                csq_id: 7,
                alerting_device_type: DeviceType(0),
                calling_device_type: DeviceType(0),
                called_device_type: DeviceType(0),
                last_redirect_device_type: DeviceType(0),
                local_connection_state: LocalConnectionState(2),
                event_cause: EventCause::CEC_NEW_CALL,
                connection_device_id: ext.clone().into(),
                alerting_device_id: Some(ext.clone().into()),
                calling_device_id: Some(format!("+1415555{:04}", i % 10_000).into()),
                called_device_id: Some("8005550100".into()),
                last_redirect_device_id: Some("8005550100".into()),
                ani: Some(format!("+1415555{:04}", i % 10_000).into()),
                dnis: Some("8005550100".into()),
                dialed_number: Some("8005550100".into()),
                caller_entered_digits: Some(format!("{}", 100_000 + i).into()),
                call_variable_1: Some(format!("account={}", 40_000_000 + i).into()),
                call_variable_2: Some("lang=en_US".into()),
                call_variable_3: Some("segment=gold".into()),
                call_variable_4: Some(format!("case=CS{:08}", i).into()),
                call_variable_5: Some("ivr=billing/payments/late".into()),
                named_variables: vec![
                    NamedVariable::new("user.customer.id", format!("{}", 900_000 + i)),
                    NamedVariable::new("user.language", "en_US"),
                    NamedVariable::new("user.priority", format!("{}", i % 5)),
                ],
                named_arrays: vec![NamedArrayElement {
                    index: 0,
                    name: "user.skills".into(),
                    value: "billing".into(),
                }],
                ..Default::default()
            }
            .into(),
        );
        out.push(state(AgentState::AGENT_STATE_TALKING, 4).into());
        out.push(
            CallEstablishedEvent {
                call_id,
                application_id: 12,
                csq_id: 7,
                local_connection_state: LocalConnectionState(3),
                event_cause: EventCause::CEC_NEW_CALL,
                connection_device_id: ext.clone().into(),
                answering_device_id: Some(ext.clone().into()),
                calling_device_id: Some(format!("+1415555{:04}", i % 10_000).into()),
                called_device_id: Some("8005550100".into()),
                last_redirect_device_id: Some("8005550100".into()),
                ..Default::default()
            }
            .into(),
        );
        out.push(
            CallClearedEvent {
                call_id,
                local_connection_state: LocalConnectionState(0),
                event_cause: EventCause::CEC_NEW_CALL,
                connection_device_id: Some(ext.clone().into()),
                ..Default::default()
            }
            .into(),
        );
        out.push(state(AgentState::AGENT_STATE_WORK, 187).into());
        out.push(state(AgentState::AGENT_STATE_READY, 45).into());
        if i % 5 == 0 {
            out.push(
                HeartbeatReq {
                    invoke_id: i,
                    ..Default::default()
                }
                .into(),
            );
            out.push(
                HeartbeatConf {
                    invoke_id: i,
                    ..Default::default()
                }
                .into(),
            );
        }
        if i % 50 == 0 {
            let records = (0..10)
                .map(|r| ConfigAgentRecord {
                    record_type: RecordType(1),
                    agent_type: 1,
                    login_id: format!("agent{:04}", (i + r) % 200).into(),
                    last_name: Some("Lindqvist".into()),
                    first_name: Some("Maja".into()),
                    extension: Some(format!("{}", 4000 + (i + r) % 200).into()),
                    description: Some("Billing team, second line".into()),
                    csqs: (0..3).map(|c| ConfigAgentCsq { csq_id: 7 + c }).collect(),
                    agent_state: Some(AgentState::AGENT_STATE_READY),
                    mrd_id: Some(1),
                    active_terminal: Some("SEP00AABBCCDDEE".into()),
                })
                .collect();
            out.push(
                ConfigAgentEvent {
                    records,
                    ..Default::default()
                }
                .into(),
            );
        }
    }
    out
}

fn encode_all(msgs: &[Message], s: &Settings) -> Vec<u8> {
    let mut out = BytesMut::new();
    for m in msgs {
        m.encode(s, &mut out).expect("benchmark traffic encodes");
    }
    out.to_vec()
}

/// Split the stream into frames and hand each one's view, with its own direction, to `each`.
#[inline(always)]
fn for_each_view<'a>(
    stream: &'a [u8],
    s: &Settings,
    mut each: impl FnMut(FrameView<'a>, Direction),
) {
    let mut rest = stream;
    while let Ok(Split::Frame(h)) = wire::split(rest, s.max_body) {
        let (frame, tail) = rest.split_at(h.frame_len());
        rest = tail;
        let view = FrameView::new(frame, s).expect("whole frame");
        let dir = match view.spec() {
            Some(spec) => spec.direction,
            None => panic!("unknown type in benchmark traffic"),
        };
        each(view, dir);
    }
}

#[inline(never)]
/// (a) Split, view, validate as the message's own direction, read every field.
fn borrowed_pass(stream: &[u8], s: &Settings) -> u64 {
    let mut acc = 0u64;
    for_each_view(stream, s, |view, dir| {
        if validate(&view, dir).is_err() {
            panic!("benchmark traffic must validate");
        }
        for f in view.floating() {
            let f = f.expect("validated");
            acc = acc.wrapping_add(consume(f.value()));
        }
    });
    acc
}

/// What the benchmark does with each field's value: enough that it must be computed.
#[inline(always)]
fn consume(v: FieldValue<'_>) -> u64 {
    match v {
        FieldValue::Uint(v) => v,
        FieldValue::Int(v) => v as u64,
        FieldValue::Str(b) | FieldValue::Bytes(b) => b.len() as u64,
        FieldValue::NamedVar { name, value } => (name.len() + value.len()) as u64,
        FieldValue::NamedArray { index, name, value } => {
            (index as usize + name.len() + value.len()) as u64
        }
    }
}

#[inline(never)]
/// (a') The same in one walk: `validate_with` hands each field over as it checks it.
fn fused_pass(stream: &[u8], s: &Settings) -> u64 {
    let mut acc = 0u64;
    for_each_view(stream, s, |view, dir| {
        let verdict = validate_with(&view, dir, |f| {
            acc = acc.wrapping_add(consume(f.value()));
        });
        if verdict.is_err() {
            panic!("benchmark traffic must validate");
        }
    });
    acc
}

#[inline(never)]
/// (a'') The same with a [`Validator`] that keeps each message type's shape across passes, as
/// a connection would.
fn validator_pass(stream: &[u8], s: &Settings, validator: &mut Validator) -> u64 {
    let mut acc = 0u64;
    for_each_view(stream, s, |view, dir| {
        let verdict = validator.validate_with(&view, dir, |f| {
            acc = acc.wrapping_add(consume(f.value()));
        });
        if verdict.is_err() {
            panic!("benchmark traffic must validate");
        }
    });
    acc
}

#[inline(never)]
/// (b) Split and decode into typed messages.
fn owned_pass(stream: &[u8], s: &Settings) -> usize {
    let mut rest = stream;
    let mut n = 0usize;
    while let Ok(Split::Frame(h)) = wire::split(rest, s.max_body) {
        let (frame, tail) = rest.split_at(h.frame_len());
        rest = tail;
        let m = Message::decode(h.type_id, &frame[wire::HEADER_LEN..], s).expect("decodes");
        black_box(&m);
        n += 1;
    }
    n
}

#[inline(never)]
/// (c) Encode every typed message into one reused buffer.
fn encode_pass(msgs: &[Message], s: &Settings, out: &mut BytesMut) -> usize {
    out.clear();
    for m in msgs {
        m.encode(s, out).expect("encodes");
    }
    out.len()
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mode {
    Memcpy,
    Borrowed,
    Fused,
    Shapes,
    Owned,
    Encode,
}

impl Mode {
    const ALL: [Mode; 6] = [
        Mode::Memcpy,
        Mode::Borrowed,
        Mode::Fused,
        Mode::Shapes,
        Mode::Owned,
        Mode::Encode,
    ];
    fn name(self) -> &'static str {
        match self {
            Mode::Memcpy => "memcpy",
            Mode::Borrowed => "borrowed: validate, then walk",
            Mode::Fused => "borrowed: validate_with",
            Mode::Shapes => "borrowed: Validator",
            Mode::Owned => "owned decode (Message)",
            Mode::Encode => "encode (Message)",
        }
    }
    fn key(self) -> &'static str {
        match self {
            Mode::Memcpy => "memcpy",
            Mode::Borrowed => "borrowed",
            Mode::Fused => "fused",
            Mode::Shapes => "validator",
            Mode::Owned => "owned",
            Mode::Encode => "encode",
        }
    }
}

struct Workload {
    settings: Settings,
    stream: Vec<u8>,
    msgs: Vec<Message>,
    copy: Vec<u8>,
    out: BytesMut,
    validator: Validator,
}

impl Workload {
    fn new(version: u8, calls: u32) -> Self {
        let settings = Settings::new(version);
        // Build the table's lookup structures now, so no mode's first pass pays for them.
        assert!(!cti_proto::layout::layouts().is_empty());
        let msgs = traffic(calls);
        let stream = encode_all(&msgs, &settings);
        // What is measured must be what we think: every frame decodes back to its message.
        let decoded_count = owned_pass(&stream, &settings);
        assert_eq!(decoded_count, msgs.len());
        let copy = vec![0u8; stream.len()];
        let out = BytesMut::with_capacity(stream.len() * 2);
        Workload {
            settings,
            stream,
            msgs,
            copy,
            out,
            validator: Validator::new(),
        }
    }

    fn pass(&mut self, mode: Mode) {
        match mode {
            Mode::Memcpy => {
                self.copy.copy_from_slice(black_box(&self.stream));
                black_box(&mut self.copy);
            }
            Mode::Borrowed => {
                black_box(borrowed_pass(black_box(&self.stream), &self.settings));
            }
            Mode::Fused => {
                black_box(fused_pass(black_box(&self.stream), &self.settings));
            }
            Mode::Shapes => {
                black_box(validator_pass(
                    black_box(&self.stream),
                    &self.settings,
                    &mut self.validator,
                ));
            }
            Mode::Owned => {
                black_box(owned_pass(black_box(&self.stream), &self.settings));
            }
            Mode::Encode => {
                black_box(encode_pass(
                    black_box(&self.msgs),
                    &self.settings,
                    &mut self.out,
                ));
            }
        }
    }

    /// Passes of `mode` that take about `target`.
    fn calibrate(&mut self, mode: Mode, target: Duration) -> u32 {
        let mut n = 1u32;
        loop {
            let t = Instant::now();
            for _ in 0..n {
                self.pass(mode);
            }
            let e = t.elapsed();
            if e >= target / 2 || n >= 1 << 20 {
                let scale = target.as_secs_f64() / e.as_secs_f64().max(1e-9);
                return ((n as f64 * scale).ceil() as u32).max(1);
            }
            n *= 2;
        }
    }
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

fn bench_version(version: u8, calls: u32, samples: usize) {
    let mut w = Workload::new(version, calls);
    let bytes = w.stream.len() as f64;
    let frames = w.msgs.len() as f64;
    println!(
        "\n== protocol version {version}: {} frames, {} bytes per pass ({:.0} bytes/frame), {samples} interleaved samples ==",
        frames, bytes, bytes / frames
    );

    // Allocations per frame, from one warm pass of each mode.
    let mut allocs = [0f64; Mode::ALL.len()];
    for (i, mode) in Mode::ALL.into_iter().enumerate() {
        w.pass(mode);
        let before = ALLOCS.load(Ordering::Relaxed);
        w.pass(mode);
        allocs[i] = (ALLOCS.load(Ordering::Relaxed) - before) as f64 / frames;
    }

    let iters: Vec<u32> = Mode::ALL
        .into_iter()
        .map(|m| w.calibrate(m, Duration::from_millis(40)))
        .collect();
    let mut secs_per_pass: Vec<Vec<f64>> = vec![Vec::new(); Mode::ALL.len()];
    for _ in 0..samples {
        for (i, mode) in Mode::ALL.into_iter().enumerate() {
            let t = Instant::now();
            for _ in 0..iters[i] {
                w.pass(mode);
            }
            secs_per_pass[i].push(t.elapsed().as_secs_f64() / iters[i] as f64);
        }
    }
    let med: Vec<f64> = secs_per_pass.iter_mut().map(|v| median(v)).collect();
    let memcpy = med[0];
    println!(
        "{:<28} {:>10} {:>12} {:>9} {:>10} {:>13}",
        "mode", "MB/s", "msgs/s", "ns/msg", "memcpy ×", "allocs/frame"
    );
    for (i, mode) in Mode::ALL.into_iter().enumerate() {
        let (lo, hi) = secs_per_pass[i]
            .iter()
            .fold((f64::MAX, 0f64), |(lo, hi), &x| (lo.min(x), hi.max(x)));
        println!(
            "{:<28} {:>10.0} {:>12.0} {:>9.1} {:>10.3} {:>13.2}   (MB/s range {:.0}–{:.0})",
            mode.name(),
            bytes / med[i] / 1e6,
            frames / med[i],
            med[i] / frames * 1e9,
            memcpy / med[i],
            allocs[i],
            bytes / hi / 1e6,
            bytes / lo / 1e6,
        );
    }
}

/// Inbound calls in the measured stream (14,840 frames).
const STREAM_CALLS: u32 = 2000;

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` runs us with no flag: do a quick
    // smoke pass then, so the benchmark is checked without spending the time.
    let args: Vec<String> = std::env::args().collect();
    let benching = args.iter().any(|a| a == "--bench");

    if let Ok(only) = std::env::var("CODEC_BENCH_ONLY") {
        let passes: u32 = std::env::var("CODEC_BENCH_PASSES")
            .ok()
            .and_then(|p| p.parse().ok())
            .unwrap_or(1);
        let calls: u32 = std::env::var("CODEC_BENCH_CALLS")
            .ok()
            .and_then(|c| c.parse().ok())
            .unwrap_or(STREAM_CALLS);
        let version: u8 = std::env::var("CODEC_BENCH_VERSION")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(18);
        let mut w = Workload::new(version, calls);
        let mode = Mode::ALL
            .into_iter()
            .find(|m| m.key() == only)
            .expect("CODEC_BENCH_ONLY=memcpy|borrowed|fused|validator|owned|encode");
        for _ in 0..passes {
            w.pass(mode);
        }
        println!(
            "{} passes of {} over {} frames, {} bytes",
            passes,
            mode.key(),
            w.msgs.len(),
            w.stream.len()
        );
        return;
    }

    if !benching {
        let mut w = Workload::new(18, 20);
        for mode in Mode::ALL {
            w.pass(mode);
        }
        println!("codec bench: smoke pass ok (run `cargo bench` to measure)");
        return;
    }
    let samples = std::env::var("CODEC_BENCH_SAMPLES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(15);
    println!(
        "cti-proto codec benchmark (MB = 10^6 bytes; medians; 'memcpy ×' = memcpy time / mode time)"
    );
    for version in [18, 16] {
        bench_version(version, STREAM_CALLS, samples);
    }
}
