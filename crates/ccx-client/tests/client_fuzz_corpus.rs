//! Replays the committed corpus of the `client_frames` fuzz target through the same check the
//! fuzzer runs (`ccx_client::fuzzing::check_client_frames`), plus seeds built here from real
//! frames. `CCX_BLESS=1` rewrites the seed files of the corpus.

use std::path::PathBuf;

use ccx_client::fuzzing::check_client_frames;
use cti_proto::codes::{
    AgentState, ConfigEndStatus, ConfigurationMask, RecordType, StatusCode, SystemEventId,
};
use cti_proto::msg::*;
use cti_proto::wire::Settings;
use cti_proto::Message;

fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus/client_frames")
}

/// An input: scenario flags, then (chunk, time step) pairs.
fn input(flags: u8, steps: &[(&[u8], u8)]) -> Vec<u8> {
    let mut v = vec![flags];
    for (chunk, step) in steps {
        for part in chunk.chunks(255) {
            v.push(part.len() as u8);
            v.extend_from_slice(part);
            v.push(*step);
        }
    }
    v
}

fn seeds() -> Vec<(&'static str, Vec<u8>)> {
    let v18 = Settings::new(18);
    let f = |m: Message| m.to_bytes(&v18).unwrap().to_vec();
    // Flags: bit 0 open, version 18 = 10 + 8 → bits 1-4 = 8.
    let open18 = 1 | (8 << 1);
    let agent = f(AgentStateEvent {
        agent_state: AgentState::AGENT_STATE_READY,
        agent_id: Some("agent01".into()),
        ..Default::default()
    }
    .into());
    let begin = f(ConfigBeginEvent {
        config_type: 1,
        configuration_mask: ConfigurationMask::CONFIGURATION_AGENT,
        agent_key: Some(9),
        ..Default::default()
    }
    .into());
    let records = f(ConfigAgentEvent {
        records: vec![ConfigAgentRecord {
            record_type: RecordType::RECORD_TYPE_ADD,
            agent_type: 1,
            login_id: "agent01".into(),
            ..Default::default()
        }],
        ..Default::default()
    }
    .into());
    let end = f(ConfigEndEvent {
        status: ConfigEndStatus::CONFIG_SUCCESS,
        ..Default::default()
    }
    .into());
    let team = f(TeamConfigEvent {
        team_id: 1,
        operation: 1,
        team_name: "T".into(),
        ..Default::default()
    }
    .into());
    let offline = f(SystemEvent {
        system_event_id: SystemEventId::SYS_CCX_OFFLINE,
        ..Default::default()
    }
    .into());
    let reset = f(FailureEvent {
        status: StatusCode::E_CTI_AUTO_CONFIG_RESET,
        ..Default::default()
    }
    .into());
    let keys = f(ConfigKeyEvent {
        application_key: Some(1),
        csq_key: Some(2),
        agent_key: Some(3),
        device_key: Some(4),
        ..Default::default()
    }
    .into());
    let mut all = Vec::new();
    all.extend_from_slice(&agent);
    all.extend_from_slice(&begin);
    all.extend_from_slice(&records);
    all.extend_from_slice(&end);
    vec![
        (
            "events",
            input(open18, &[(&agent, 1), (&agent[..7], 0), (&agent[7..], 120)]),
        ),
        (
            "config_block",
            input(
                open18 | 0x20,
                &[(&keys, 0), (&begin, 0), (&records, 0), (&end, 5)],
            ),
        ),
        (
            "teams_and_reset",
            input(
                open18 | 0x20 | 0x40,
                &[(&team, 0), (&reset, 0), (&keys, 50)],
            ),
        ),
        (
            "offline",
            input(open18, &[(&offline, 0), (&all, 255), (&[], 255)]),
        ),
        (
            "oversized",
            input(open18, &[(&[0, 1, 0, 0, 0, 0, 0, 30], 0), (&agent, 100)]),
        ),
        (
            "truncated_fixed",
            input(
                open18,
                &[
                    (&[0, 0, 0, 2, 0, 0, 0, 1, 0, 0], 0),
                    (&[0, 0, 0, 1, 0, 0, 0, 37, 9], 200),
                ],
            ),
        ),
        (
            "before_open",
            input(
                8 << 1,
                &[
                    (&agent, 0),
                    (&[0, 0, 0, 8, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 92], 110),
                ],
            ),
        ),
        ("v10_garbage", input(1, &[(&[0xFF; 40], 3), (&all, 255)])),
    ]
}

#[test]
fn seeds_pass_the_check() {
    let bless = std::env::var_os("CCX_BLESS").is_some();
    if bless {
        std::fs::create_dir_all(corpus_dir()).unwrap();
    }
    for (name, data) in seeds() {
        check_client_frames(&data);
        if bless {
            std::fs::write(corpus_dir().join(format!("seed_{name}")), &data).unwrap();
        }
    }
}

#[test]
fn committed_corpus_passes_the_check() {
    let dir = corpus_dir();
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        check_client_frames(&std::fs::read(&path).unwrap());
        n += 1;
    }
    assert!(n >= 8, "the corpus holds the seeds at least ({n} files)");
}
