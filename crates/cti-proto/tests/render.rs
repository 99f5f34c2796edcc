//! The renderers over real encoded frames: names from the table, enumerations, masks, groups,
//! named variables, unknown tags and types, and no panic on arbitrary bytes.

use cti_proto::codes::*;
use cti_proto::msg::*;
use cti_proto::{render, FrameView, Settings};

fn view_of(bytes: &[u8], s: &Settings) -> FrameView<'static> {
    let leaked: &'static [u8] = Box::leak(bytes.to_vec().into_boxed_slice());
    FrameView::new(leaked, s).unwrap()
}

#[test]
fn open_req_text_names_every_field_and_splits_masks() {
    let s = Settings::new(16);
    let m = OpenReq {
        invoke_id: 1,
        version_number: 16,
        idle_timeout: 100,
        services_requested: ServiceMask(0x7),
        call_msg_mask: CallEventMask(0),
        agent_state_mask: AgentStateMask(0x1FF),
        config_msg_mask: ConfigMsgMask(0xF),
        client_id: Some("rec".into()),
        client_password: Some(vec![0xAB, 0]),
        agent_extension: Some("52293".into()),
        ..Default::default()
    };
    let b = m.to_bytes(&s).unwrap();
    let t = render::text(&view_of(&b, &s));
    let lines: Vec<&str> = t.lines().collect();
    assert_eq!(
        lines[0],
        format!("OPEN_REQ (3), body {} bytes", b.len() - 8)
    );
    assert!(t.contains("\n  InvokeID: 1\n"), "{t}");
    assert!(t.contains("\n  VersionNumber: 16\n"), "{t}");
    assert!(t.contains("\n  IdleTimeout: 100\n"), "{t}");
    // Reserved fields that hold the guide's value are not shown.
    assert!(!t.contains("reserved"), "{t}");
    let services = lines
        .iter()
        .find(|l| l.starts_with("  ServicesRequested: "))
        .unwrap();
    assert!(
        services.starts_with("  ServicesRequested: 0x00000007 = "),
        "{t}"
    );
    let (names, _) = cti_proto::values::SERVICE_MASK.split(7);
    assert_eq!(names.len(), 3);
    for n in names {
        assert!(services.contains(n), "{services}");
    }
    assert!(t.contains("\n  CallMsgMask: 0x00000000 (none)\n"), "{t}");
    assert!(t.contains("\n  ClientID[1]: \"rec\"\n"), "{t}");
    assert!(t.contains("\n  ClientPassword[2]: ab 00\n"), "{t}");
    assert!(t.contains("\n  AgentExtension[4]: \"52293\"\n"), "{t}");
}

#[test]
fn failure_conf_enumeration_by_name_and_unknown_value_by_number() {
    let s = Settings::new(18);
    let m = FailureConf {
        invoke_id: 4,
        status: StatusCode::E_CTI_INVALID_FIELD,
        text: Some("bad \"tag\"".into()),
        ..Default::default()
    };
    let b = m.to_bytes(&s).unwrap();
    let t = render::text(&view_of(&b, &s));
    assert!(t.contains("\n  Status: E_CTI_INVALID_FIELD (3)\n"), "{t}");
    assert!(t.contains("\n  Text[7]: \"bad \\\"tag\\\"\"\n"), "{t}");
    let m = FailureConf {
        invoke_id: 4,
        status: StatusCode(4_000_000),
        ..Default::default()
    };
    let b = m.to_bytes(&s).unwrap();
    let t = render::text(&view_of(&b, &s));
    assert!(t.contains("\n  Status: 4000000 (unnamed)\n"), "{t}");
}

#[test]
fn groups_are_numbered_instances() {
    let s = Settings::new(18);
    let m = AgentStateEvent {
        agent_state: AgentState::AGENT_STATE_READY,
        agent_id: Some("1001".into()),
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
    };
    let b = m.to_bytes(&s).unwrap();
    let t = render::text(&view_of(&b, &s));
    let expected = "  CSQ state 1:\n    CSQID[62]: 5\n    CSQState[65]: AGENT_STATE_READY (3)\n  CSQ state 2:\n    CSQID[62]: 6\n    CSQState[65]: AGENT_STATE_NOT_READY (2)\n";
    assert!(t.contains(expected), "{t}");
    assert!(t.contains("\n  AgentState: AGENT_STATE_READY (3)\n"), "{t}");
    assert!(t.contains("\n  numCSQs: 2\n"), "{t}");
}

#[test]
fn named_variables_as_name_equals_value() {
    let s = Settings::new(18);
    let m = CallDeliveredEvent {
        call_id: 77,
        connection_device_id: "1001".into(),
        named_variables: vec![
            NamedVariable::new("user.account", "12345"),
            NamedVariable::new("lang", "en"),
        ],
        named_arrays: vec![NamedArrayElement {
            index: 2,
            name: "skills".into(),
            value: "billing".into(),
        }],
        ..Default::default()
    };
    let b = m.to_bytes(&s).unwrap();
    let t = render::text(&view_of(&b, &s));
    assert!(
        t.contains("\n  NamedVariable[82] #1: user.account=\"12345\"\n"),
        "{t}"
    );
    assert!(t.contains("\n  NamedVariable[82] #2: lang=\"en\"\n"), "{t}");
    assert!(
        t.contains("\n  NamedArray[83] #1: skills[2]=\"billing\"\n"),
        "{t}"
    );
}

#[test]
fn unknown_type_and_unknown_tag_as_hex() {
    let s = Settings::new(16);
    let frame = [0, 0, 0, 3, 0, 0, 0xEE, 0xEE, 1, 2, 3];
    let t = render::text(&FrameView::new(&frame, &s).unwrap());
    assert_eq!(t, "UNKNOWN (type 61166), body 3 bytes\n  body: 01 02 03\n");
    // HEARTBEAT_REQ with a trailing unknown floating field (tag 250, 2 bytes).
    let frame = [0, 0, 0, 8, 0, 0, 0, 5, 0, 0, 0, 9, 250, 2, 0xCA, 0xFE];
    let t = render::text(&FrameView::new(&frame, &s).unwrap());
    assert_eq!(
        t,
        "HEARTBEAT_REQ (5), body 8 bytes\n  InvokeID: 9\n  tag 250: ca fe\n"
    );
}

#[test]
fn truncated_fixed_part_and_overrunning_field_are_reported_not_fatal() {
    let s = Settings::new(16);
    let frame = [0, 0, 0, 6, 0, 0, 0, 1, 0, 0, 0, 9, 0, 0];
    let t = render::text(&FrameView::new(&frame, &s).unwrap());
    assert!(t.contains("InvokeID: 9"), "{t}");
    assert!(
        t.contains("error: body of 6 bytes ends inside the fixed part of 8"),
        "{t}"
    );
    let frame = [
        0, 0, 0, 11, 0, 0, 0, 1, 0, 0, 0, 9, 0, 0, 0, 3, 7, 200, b'x',
    ];
    let t = render::text(&FrameView::new(&frame, &s).unwrap());
    assert!(t.contains("Status: E_CTI_INVALID_FIELD (3)"), "{t}");
    assert!(t.contains("error: floating field at byte 16"), "{t}");
}

#[test]
fn arbitrary_bytes_never_panic() {
    // A deterministic pseudo-random walk over every message type, versions and lengths.
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    for layout in cti_proto::layout::layouts() {
        for v in [10u8, 14, 17, 18] {
            let s = Settings::new(v);
            for _ in 0..40 {
                let len = (next() % 120) as usize;
                let body: Vec<u8> = (0..len).map(|_| next() as u8).collect();
                let view = FrameView::from_parts(layout.spec.id, &body, &s);
                let t = render::text(&view);
                assert!(t.starts_with(layout.spec.name));
                #[cfg(feature = "serde")]
                {
                    let j = render::json(&view);
                    assert_eq!(j["type"], layout.spec.name);
                }
            }
        }
    }
}

#[cfg(feature = "serde")]
mod json {
    use super::*;
    use serde_json::json;

    #[test]
    fn json_fields_enums_masks_and_groups() {
        let s = Settings::new(18);
        let m = AgentStateEvent {
            agent_state: AgentState::AGENT_STATE_READY,
            agent_id: Some("1001".into()),
            csqs: vec![CsqState {
                csq_id: 5,
                csq_state: AgentState(999),
            }],
            ..Default::default()
        };
        let b = m.to_bytes(&s).unwrap();
        let j = render::json(&view_of(&b, &s));
        assert_eq!(j["type"], "AGENT_STATE_EVENT");
        assert_eq!(j["id"], 30);
        assert_eq!(j["body_len"], b.len() - 8);
        assert_eq!(
            j["fields"]["AgentState"],
            json!({"value": 3, "name": "AGENT_STATE_READY"})
        );
        assert_eq!(j["fields"]["AgentID"], "1001");
        assert_eq!(
            j["fields"]["csqs"],
            json!([{"CSQID": 5, "CSQState": {"value": 999, "name": null}}])
        );
        // Reserved fixed fields in wire order: 0, 1, 0, 21, 0xFFFFFFFF, 0, 1, 0, 0, 0, 0, 1.
        assert_eq!(j["reserved"][1], 1);
        assert_eq!(j["reserved"][3], 21);
        let floating = j["floating"].as_array().unwrap();
        let agent_id = floating.iter().find(|f| f["tag"] == 194).unwrap();
        assert_eq!(agent_id["name"], "AgentID");
        assert_eq!(agent_id["value"], "1001");
        let off = agent_id["offset"].as_u64().unwrap() as usize;
        assert_eq!(&b[off..off + 2], &[0, 194]);

        let m = OpenReq {
            services_requested: ServiceMask(0x8000_0001),
            ..Default::default()
        };
        let b = m.to_bytes(&s).unwrap();
        let j = render::json(&view_of(&b, &s));
        let sr = &j["fields"]["ServicesRequested"];
        let (names, rest) = cti_proto::values::SERVICE_MASK.split(0x8000_0001);
        assert_eq!(rest, 0x8000_0000, "bit 31 has no name in the table");
        assert_eq!(
            sr,
            &json!({"value": 0x8000_0001u32, "flags": names, "other": rest})
        );
    }

    #[test]
    fn json_named_variables_unknowns_and_errors() {
        let s = Settings::new(16);
        let m = CallDeliveredEvent {
            connection_device_id: "1001".into(),
            named_variables: vec![NamedVariable::new("a", "1"), NamedVariable::new("b", "2")],
            ..Default::default()
        };
        let b = m.to_bytes(&s).unwrap();
        let j = render::json(&view_of(&b, &s));
        assert_eq!(
            j["fields"]["named_variables"],
            json!([{"name": "a", "value": "1"}, {"name": "b", "value": "2"}])
        );
        assert_eq!(j["fields"]["ConnectionDeviceID"], "1001");

        let frame = [0, 0, 0, 8, 0, 0, 0, 5, 0, 0, 0, 9, 250, 2, 0xCA, 0xFE];
        let j = render::json(&FrameView::new(&frame, &s).unwrap());
        assert_eq!(j["unknown"], json!([{"tag": 250, "hex": "cafe"}]));
        assert_eq!(
            j["floating"],
            json!([{"tag": 250, "name": null, "offset": 12, "value": "cafe"}])
        );
        assert!(j.get("error").is_none());

        let frame = [0, 0, 0, 2, 0, 0, 0, 5, 0, 0];
        let j = render::json(&FrameView::new(&frame, &s).unwrap());
        assert!(j["error"].as_str().unwrap().contains("fixed part"), "{j}");

        let frame = [0, 0, 0, 1, 0, 1, 0, 0, 0xFF];
        let j = render::json(&FrameView::new(&frame, &s).unwrap());
        assert_eq!(
            j,
            json!({"type": "UNKNOWN", "id": 65536, "body_len": 1, "body": "ff"})
        );
    }
}
