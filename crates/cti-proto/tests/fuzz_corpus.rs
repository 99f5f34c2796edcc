//! Replays the committed fuzz corpus (`fuzz/corpus/<target>/`) through the same checks the
//! fuzz targets run (`fuzz/checks.rs`), so every input a fuzzer ever kept is a regression test
//! of the ordinary `cargo test`.
//!
//! The seed part of the corpus is written by this file: run
//! `CCX_BLESS=1 cargo test -p cti-proto --test fuzz_corpus` to (re)write it (after adding a
//! message type to the table, add it to `default_messages()` first). Seeds are, per
//! message type, the encoding of its `Default` typed message at versions 16 and 18 and a
//! random valid frame built from the table at versions 15 and 18; then invalid frames
//! (truncated, bad lengths, unknown types, flipped bits, oversized headers) and, for the
//! stream target, mixed streams cut into chunks.

mod frame_gen;

#[allow(dead_code)]
mod checks {
    include!("../../../fuzz/checks.rs");
}

use std::path::{Path, PathBuf};

use checks::{check_decode_input, check_stream, CountingAlloc, StreamInput};
use cti_proto::layout::layouts;
use cti_proto::msg::*;
use cti_proto::validate::validate;
use cti_proto::{FrameView, Settings};
use frame_gen::{valid_frame, Rng, Shape};

#[global_allocator]
static ALLOC: CountingAlloc = CountingAlloc;

fn corpus_dir(target: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fuzz/corpus")
        .join(target)
}

macro_rules! defaults {
    ($($t:ident),* $(,)?) => {
        vec![$(Message::from($t::default())),*]
    };
}

/// The `Default` value of every typed message.
fn default_messages() -> Vec<Message> {
    defaults![
        FailureConf,
        FailureEvent,
        OpenReq,
        OpenConf,
        HeartbeatReq,
        HeartbeatConf,
        CloseReq,
        CloseConf,
        CallDeliveredEvent,
        CallEstablishedEvent,
        CallHeldEvent,
        CallRetrievedEvent,
        CallClearedEvent,
        CallConnectionClearedEvent,
        CallOriginatedEvent,
        CallFailedEvent,
        CallConferencedEvent,
        CallTransferredEvent,
        CallDivertedEvent,
        CallServiceInitiatedEvent,
        CallQueuedEvent,
        BeginCallEvent,
        EndCallEvent,
        CallDataUpdateEvent,
        SetCallDataReq,
        SetCallDataConf,
        AgentStateEvent,
        SystemEvent,
        ControlFailureConf,
        QueryAgentStateReq,
        QueryAgentStateConf,
        SetAgentStateReq,
        SetAgentStateConf,
        AlternateCallReq,
        AlternateCallConf,
        AnswerCallReq,
        AnswerCallConf,
        ClearCallReq,
        ClearCallConf,
        ClearConnectionReq,
        ClearConnectionConf,
        ConferenceCallReq,
        ConferenceCallConf,
        ConsultCallReq,
        ConsultCallConf,
        HoldCallReq,
        HoldCallConf,
        MakeCallReq,
        MakeCallConf,
        ReconnectCallReq,
        ReconnectCallConf,
        RetrieveCallReq,
        RetrieveCallConf,
        TransferCallReq,
        TransferCallConf,
        QueryDeviceInfoReq,
        QueryDeviceInfoConf,
        SnapshotCallReq,
        SnapshotCallConf,
        SnapshotDeviceReq,
        SnapshotDeviceConf,
        CallDequeuedEvent,
        SendDtmfSignalReq,
        SendDtmfSignalConf,
        RtpStartedEvent,
        RtpStoppedEvent,
        SupervisorAssistReq,
        SupervisorAssistConf,
        SupervisorAssistEvent,
        EmergencyCallReq,
        EmergencyCallConf,
        EmergencyCallEvent,
        SuperviseCallReq,
        SuperviseCallConf,
        BadCallReq,
        BadCallConf,
        ConfigRequestKeyEvent,
        ConfigKeyEvent,
        ConfigRequestEvent,
        ConfigBeginEvent,
        ConfigEndEvent,
        ConfigApplicationEvent,
        ConfigCsqEvent,
        ConfigAgentEvent,
        ConfigDeviceEvent,
        ConfigTerminalEvent,
        TeamConfigReq,
        TeamConfigEvent,
        TeamConfigConf,
        QueryQueueStatisticsReq,
        QueryQueueStatisticsConf,
        QueryAgentQueueStatisticsReq,
        QueryAgentQueueStatisticsConf,
        QuerySummaryStatisticsReq,
        QuerySummaryStatisticsConf,
    ]
}

fn file_name(kind: &str, name: &str, version: u8) -> String {
    format!("{kind}-{}-v{version}.bin", name.to_ascii_lowercase())
}

/// The seed inputs of the decode target, by file name.
fn decode_seeds() -> Vec<(String, Vec<u8>)> {
    let mut seeds = Vec::new();
    for m in default_messages() {
        for v in [16, 18] {
            let bytes = m
                .to_bytes(&Settings::new(v))
                .expect("a default message encodes");
            seeds.push((file_name("default", m.name(), v), bytes.to_vec()));
        }
    }
    for (i, l) in layouts().iter().enumerate() {
        for v in [15, 18] {
            let v = v.max(l.spec.since);
            let mut rng = Rng::new(0xC0DEC ^ ((i as u64) << 8) ^ v as u64);
            let g = valid_frame(l, &Settings::new(v), &mut rng, Shape::Random);
            seeds.push((file_name("valid", l.spec.name, v), g.frame));
        }
    }
    // Invalid frames, each a different way to be wrong.
    let s = Settings::new(16);
    let hb = HeartbeatReq {
        invoke_id: 7,
        ..Default::default()
    }
    .to_bytes(&s)
    .unwrap()
    .to_vec();
    let delivered = seeds
        .iter()
        .find(|(n, _)| n == "valid-call_delivered_event-v15.bin")
        .map(|(_, b)| b.clone())
        .unwrap();
    let with_len = |mut f: Vec<u8>| {
        let n = (f.len() - 8) as u32;
        f[..4].copy_from_slice(&n.to_be_bytes());
        f
    };
    let invalid: Vec<(&str, Vec<u8>)> = vec![
        ("empty", vec![]),
        ("header-only-short", vec![0, 0, 0]),
        ("body-length-too-big", {
            let mut f = hb.clone();
            f[3] = 9;
            f
        }),
        ("body-length-huge", {
            let mut f = hb.clone();
            f[..4].copy_from_slice(&u32::MAX.to_be_bytes());
            f
        }),
        ("unknown-type", {
            let mut f = hb.clone();
            f[4..8].copy_from_slice(&9999u32.to_be_bytes());
            f
        }),
        ("fixed-part-truncated", with_len(hb[..10].to_vec())),
        ("field-header-truncated", with_len([&hb[..], &[7]].concat())),
        (
            "field-overrun",
            with_len([&hb[..], &[7, 200, b'a']].concat()),
        ),
        ("unknown-tag", with_len([&hb[..], &[250, 1, 0]].concat())),
    ];
    // Near misses: may or may not still be valid, but reach deep into the decoders.
    let mut mutated = vec![(
        "truncated",
        with_len(delivered[..delivered.len() * 2 / 3].to_vec()),
    )];
    for (i, bit) in [3usize, 77, 130, 260].into_iter().enumerate() {
        let mut f = delivered.clone();
        let at = 8 + bit % (f.len() - 8);
        f[at] ^= 1 << (i % 8);
        mutated.push((["flip-a", "flip-b", "flip-c", "flip-d"][i], f));
    }
    for (name, f) in invalid {
        seeds.push((format!("invalid-{name}.bin"), f));
    }
    for (name, f) in mutated {
        seeds.push((format!("mutated-call_delivered_event-{name}.bin"), f));
    }
    seeds
}

/// A mixed stream of valid frames at `v`.
fn mixed_stream(v: u8, seed: u64) -> Vec<u8> {
    let s = Settings::new(v);
    let mut rng = Rng::new(seed);
    let mut out = Vec::new();
    for name in [
        "HEARTBEAT_REQ",
        "AGENT_STATE_EVENT",
        "CALL_DELIVERED_EVENT",
        "CALL_ESTABLISHED_EVENT",
        "CALL_CLEARED_EVENT",
        "CONFIG_AGENT_EVENT",
        "HEARTBEAT_CONF",
    ] {
        let l = cti_proto::layout::layout_by_name(name).unwrap();
        out.extend(valid_frame(l, &s, &mut rng, Shape::Random).frame);
    }
    out
}

/// The seed inputs of the stream target, by file name.
fn stream_seeds() -> Vec<(String, Vec<u8>)> {
    let v18 = mixed_stream(18, 1);
    let v16 = mixed_stream(16, 2);
    let oversized = [&v16[..40], &[0, 0, 0x10, 0, 0, 0, 0, 5], &v16[40..]].concat();
    vec![
        ("mixed-v18", StreamInput::build(0, 8, 1, &v18)),
        ("mixed-v18-wide-limit-1k", StreamInput::build(2, 9, 2, &v18)),
        ("mixed-v16", StreamInput::build(0, 6, 3, &v16)),
        (
            "mixed-v16-truncated",
            StreamInput::build(0, 6, 4, &v16[..v16.len() - 5]),
        ),
        ("mixed-v16-limit-64", StreamInput::build(1, 6, 5, &v16)),
        ("oversized-header", StreamInput::build(0, 6, 6, &oversized)),
        ("limit-0", StreamInput::build(3, 0, 7, &v16)),
        ("empty", StreamInput::build(0, 0, 8, &[])),
    ]
    .into_iter()
    .map(|(n, b)| (format!("seed-{n}.bin"), b))
    .collect()
}

fn corpus(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = corpus_dir(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).unwrap())
        })
        .collect();
    files.sort();
    files
}

/// With `CCX_BLESS=1`, write the seeds; otherwise check that each is committed. Only presence
/// is required: a table change may change a seed's bytes without making the committed one
/// useless, and `corpus_has_a_valid_frame_of_every_message_type` catches seeds that no longer
/// validate.
fn check_seeds(target: &str, seeds: Vec<(String, Vec<u8>)>) {
    let dir = corpus_dir(target);
    let bless = std::env::var_os("CCX_BLESS").is_some();
    if bless {
        std::fs::create_dir_all(&dir).unwrap();
    }
    let mut missing = Vec::new();
    for (name, bytes) in seeds {
        let path = dir.join(&name);
        if bless {
            if std::fs::read(&path).ok().as_deref() != Some(&bytes[..]) {
                std::fs::write(&path, &bytes).unwrap();
            }
        } else if !path.is_file() {
            missing.push(name);
        }
    }
    assert!(
        missing.is_empty(),
        "{} seed files of fuzz/corpus/{target} are missing (first: {}); run \
         `CCX_BLESS=1 cargo test -p cti-proto --test fuzz_corpus`",
        missing.len(),
        missing[0]
    );
}

#[test]
fn default_list_covers_every_message_type() {
    let mut ids: Vec<u32> = default_messages().iter().map(|m| m.type_id()).collect();
    ids.sort();
    let table: Vec<u32> = layouts().iter().map(|l| l.spec.id).collect();
    assert_eq!(ids, table, "add the new message to default_messages()");
}

#[test]
fn decode_seeds_are_committed() {
    check_seeds("decode", decode_seeds());
}

#[test]
fn stream_seeds_are_committed() {
    check_seeds("stream", stream_seeds());
}

#[test]
fn corpus_has_a_valid_frame_of_every_message_type() {
    let files = corpus("decode");
    for l in layouts() {
        let spec = l.spec;
        let ok = files.iter().any(|(name, bytes)| {
            let Some(v) = name
                .strip_prefix(&format!("valid-{}-v", spec.name.to_ascii_lowercase()))
                .and_then(|r| r.strip_suffix(".bin"))
                .and_then(|r| r.parse::<u8>().ok())
            else {
                return false;
            };
            let s = Settings::new(v);
            let Ok(view) = FrameView::new(bytes, &s) else {
                return false;
            };
            validate(&view, spec.direction).is_ok()
                && Message::decode_frame(bytes, &s)
                    .map(|m| m.type_id() == spec.id)
                    .unwrap_or(false)
        });
        assert!(ok, "no valid corpus frame for {}", spec.name);
    }
}

#[test]
fn every_decode_corpus_file_passes_the_fuzz_checks() {
    let files = corpus("decode");
    assert!(files.len() >= 4 * layouts().len(), "{} files", files.len());
    for (name, bytes) in &files {
        let r = std::panic::catch_unwind(|| check_decode_input(bytes));
        assert!(
            r.is_ok(),
            "fuzz/corpus/decode/{name} fails the decode checks"
        );
    }
    // The invalid seeds really are invalid (the checks above would pass vacuously on frames
    // that never reach the validator's error paths otherwise).
    for (name, bytes) in files.iter().filter(|(n, _)| n.starts_with("invalid-")) {
        let refused = [Settings::new(16), Settings::new(18)].iter().all(|s| {
            FrameView::new(bytes, s).map_or(true, |view| {
                let dir = view
                    .spec()
                    .map_or(cti_proto::spec::Direction::ClientToServer, |sp| {
                        sp.direction
                    });
                validate(&view, dir).is_err()
            })
        });
        assert!(refused, "{name} validates");
    }
}

#[test]
fn every_stream_corpus_file_passes_the_fuzz_checks() {
    let files = corpus("stream");
    assert!(files.len() >= 8, "{} files", files.len());
    for (name, bytes) in &files {
        let r = std::panic::catch_unwind(|| check_stream(bytes));
        assert!(
            r.is_ok(),
            "fuzz/corpus/stream/{name} fails the stream checks"
        );
    }
}
