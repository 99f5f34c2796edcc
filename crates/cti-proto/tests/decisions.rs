//! One test per decision taken where the guide contradicts itself or is silent: every
//! `DECISION` comment in `src/table/*.rs`, and the conflicts the digest lists (01 §2.1, 01 §3,
//! 02 §3.3, 03 §C.4/§C.5, 04 §5.5/§6.2, 05 §7.8, 07 §3.4). Each test quotes what was chosen
//! and why, and asserts that behaviour on bytes or on the table, so that changing a decision
//! is a deliberate act that breaks a test.

use std::ptr;

use cti_proto::codes::*;
use cti_proto::layout::{layout_by_name, NO_SLOT};
use cti_proto::msg::*;
use cti_proto::spec::{
    Direction, FixedRole, FloatField, FloatType, Interp, Kind, MessageSpec, Presence, ValueTable,
};
use cti_proto::validate::validate;
use cti_proto::values;
use cti_proto::wire::{Header, LengthWidth, Settings};
use cti_proto::{FrameView, Problem};

#[path = "golden/hex.rs"]
mod hex;
use hex::{hex, show};

fn spec(name: &str) -> &'static MessageSpec {
    layout_by_name(name)
        .unwrap_or_else(|| panic!("{name} not in the table"))
        .spec
}

/// The floating field `tag` of message `name`.
fn field(name: &str, tag: u16) -> &'static FloatField {
    let l = layout_by_name(name).unwrap();
    let s = l.slot_of(tag);
    assert_ne!(s, NO_SLOT, "{name} has no tag {tag}");
    l.slots[s as usize].field
}

fn enum_table(i: Interp) -> &'static ValueTable {
    match i {
        Interp::Enum(t) => t,
        other => panic!("not an enumeration: {other:?}"),
    }
}

/// Strict validation of a server-to-client frame.
fn validate_s2c(s: &Settings, frame: &[u8]) -> Result<(), cti_proto::DecodeError> {
    validate(
        &FrameView::new(frame, s).unwrap(),
        Direction::ServerToClient,
    )
}

fn bytes_of(m: impl Into<Message>, s: &Settings) -> Vec<u8> {
    m.into().to_bytes(s).unwrap().to_vec()
}

// -------------------------------------------------------------------------------------------
// Framing (digest 01).

/// 01 §2.1: the prose says "MessageTypeID and BodyLength", the MHDR table and the unpack
/// procedure put BodyLength first. Chosen: **BodyLength first**, then MessageTypeID (also
/// UCCE's order), because the table and the procedure are the more specific sources.
#[test]
fn header_is_body_length_then_message_type() {
    let s = Settings::new(16);
    let b = bytes_of(
        HeartbeatReq {
            invoke_id: 7,
            ..Default::default()
        },
        &s,
    );
    assert_eq!(
        show(&b),
        show(&hex(&["00000004", "00000005", "00000007"])) // BodyLength 4, type 5, InvokeID
    );
    assert_eq!(
        Header::peek(&b),
        Some(Header {
            body_len: 4,
            type_id: 5
        })
    );
    // Read the other way round the same bytes would claim a 5-byte body: not a frame.
    let swapped = hex(&["00000005", "00000004", "00000007"]);
    assert!(Message::decode_frame(&swapped, &s).is_err());
}

/// 01 §3.1: v18 tags are 2 bytes; whether FieldLength grew too is UNCONFIRMED (UCCX tables
/// print UCHAR, newer UCCE guides 2 bytes). Chosen: the width is a **setting**, **1 byte by
/// default** as the UCCX NAMEDVARIABLE/NAMEDARRAY tables print it, 2 bytes selectable; before
/// v18 it is always 1 byte.
#[test]
fn v18_field_length_width_is_a_setting_defaulting_to_one_byte() {
    let m = FailureConf {
        invoke_id: 1,
        status: StatusCode(0),
        text: Some("ok".into()),
        ..Default::default()
    };
    let s18 = Settings::new(18);
    assert_eq!(s18.v18_length_width, LengthWidth::One);
    assert_eq!((s18.tag_width(), s18.len_width()), (2, 1));
    assert_eq!(
        show(&bytes_of(m.clone(), &s18)),
        show(&hex(&[
            "0000000E 00000001 00000001 00000000",
            "0007 03 'ok' 00"
        ]))
    );
    let two = Settings {
        v18_length_width: LengthWidth::Two,
        ..s18
    };
    assert_eq!((two.tag_width(), two.len_width()), (2, 2));
    let b = bytes_of(m.clone(), &two);
    assert_eq!(
        show(&b),
        show(&hex(&[
            "0000000F 00000001 00000001 00000000",
            "0007 0003 'ok' 00"
        ]))
    );
    assert_eq!(
        Message::decode_frame(&b, &two).unwrap(),
        Message::from(m.clone())
    );
    // The setting has no effect before v18.
    let v17 = Settings {
        v18_length_width: LengthWidth::Two,
        ..Settings::new(17)
    };
    assert_eq!((v17.tag_width(), v17.len_width()), (1, 1));
    assert_eq!(
        show(&bytes_of(m, &v17)),
        show(&hex(&[
            "0000000D 00000001 00000001 00000000",
            "07 03 'ok' 00"
        ]))
    );
}

/// 01 §3.3: UCCX does not say whether STRING fields carry a NUL. Chosen: **send** every
/// string NUL-terminated (FieldLength = bytes + 1), **read** leniently with or without the
/// NUL — the named-variable pages count NULs, UCCE says the maximum includes the NUL, and a
/// lenient reader loses nothing.
#[test]
fn strings_are_sent_with_a_nul_and_read_with_or_without_one() {
    let s = Settings::new(16);
    let fixed = "00000000 00000001 0015 0000 01000123"; // END_CALL_EVENT, 16 bytes
    let without = hex(&["00000016 00000018", fixed, "19 04 '2006'"]);
    let with = hex(&["00000017 00000018", fixed, "19 05 '2006' 00"]);
    for f in [&without, &with] {
        let m = EndCallEvent::decode_frame(f, &s).unwrap();
        assert_eq!(m.connection_device_id, "2006");
        // Written back, it always has its NUL.
        assert_eq!(show(&bytes_of(m, &s)), show(&with));
        validate_s2c(&s, f).unwrap();
    }
}

/// 01 §3.3 / 04 ("an empty string ('' '')"): how an empty string is sent is UNCONFIRMED.
/// Chosen: **FieldLength 1 with a lone NUL** (the CSCvs94144 log's byte count matches it);
/// a zero-length field is accepted as empty too.
#[test]
fn empty_string_is_a_single_nul() {
    let s = Settings::new(16);
    let fixed = "00000000 00000001 0015 0000 01000123";
    let m = EndCallEvent {
        call_id: 0x0100_0123,
        connection_device_id: Default::default(),
        ..Default::default()
    };
    let single_nul = hex(&["00000013 00000018", fixed, "19 01 00"]);
    assert_eq!(show(&bytes_of(m.clone(), &s)), show(&single_nul));
    let zero_length = hex(&["00000012 00000018", fixed, "19 00"]);
    assert_eq!(EndCallEvent::decode_frame(&zero_length, &s).unwrap(), m);
    validate_s2c(&s, &zero_length).unwrap();
}

/// 01 §3.2: "maximum size" of a STRING — UCCE says it includes the NUL, UCCX implies it
/// (129 = 128 + 1). Chosen: **the maximum includes the NUL**, so STRING 64 holds 63
/// characters, on encode and in strict validation alike.
#[test]
fn string_maximum_includes_the_nul() {
    let s = Settings::new(16);
    let req = |id: &str| OpenReq {
        client_id: Some(id.into()),
        ..Default::default()
    };
    assert!(req(&"a".repeat(63)).to_bytes(&s).is_ok());
    let e = req(&"a".repeat(64)).to_bytes(&s).unwrap_err();
    assert_eq!(
        (e.field, e.problem),
        ("ClientID", Problem::TooLong { len: 65, max: 64 })
    );
    // AgentExtension[4] is STRING 16: 15 characters.
    let ext = |x: &str| OpenReq {
        agent_extension: Some(x.into()),
        ..Default::default()
    };
    assert!(ext(&"1".repeat(15)).to_bytes(&s).is_ok());
    assert!(ext(&"1".repeat(16)).to_bytes(&s).is_err());
}

// -------------------------------------------------------------------------------------------
// Session messages (digest 02).

/// 02 §3.3 / 03 §A.1: the by-class table lists ID 6 as "HEARTBEAT_REQ"; the by-ID table and
/// the message page call it HEARTBEAT_CONF. Chosen: **6 = HEARTBEAT_CONF**, server to client
/// (two sources against one, and a request cannot have two IDs).
#[test]
fn id_6_is_heartbeat_conf() {
    let six = cti_proto::layout::layout(6).unwrap().spec;
    assert_eq!(six.name, "HEARTBEAT_CONF");
    assert_eq!(
        (six.direction, six.kind),
        (Direction::ServerToClient, Kind::Confirmation)
    );
    assert_eq!(spec("HEARTBEAT_REQ").id, 5);
    let m = Message::decode_frame(&hex(&["00000004 00000006 00000009"]), &Settings::new(16));
    assert_eq!(
        m.unwrap(),
        Message::HeartbeatConf(HeartbeatConf {
            invoke_id: 9,
            ..Default::default()
        })
    );
}

/// 03 §A: CONFIG_TERMINAL_EVENT's ID is unknown; the digest guessed 239. Cisco's UCCX CTI
/// developer forum gives 239/240 to QUERY_AGENT_QUEUE_STATISTICS_REQ/CONF, so those take 239/240
/// and CONFIG_TERMINAL_EVENT moves to 241, the last number UCCE 12.6 keeps reserved there.
#[test]
fn agent_queue_statistics_are_239_240_and_terminal_config_moves_to_241() {
    let at = |id: u32| cti_proto::layout::layout(id).unwrap().spec.name;
    assert_eq!(at(239), "QUERY_AGENT_QUEUE_STATISTICS_REQ");
    assert_eq!(at(240), "QUERY_AGENT_QUEUE_STATISTICS_CONF");
    assert_eq!(at(241), "CONFIG_TERMINAL_EVENT");
    assert_eq!(
        spec("QUERY_AGENT_QUEUE_STATISTICS_REQ").direction,
        Direction::ClientToServer
    );
    // A request frame with type 239 decodes as the agent-queue statistics request.
    let m = Message::decode_frame(
        &hex(&["0000000B 000000EF", "00000003", "C2 05 'jdoe' 00"]),
        &Settings::new(16),
    );
    assert_eq!(
        m.unwrap(),
        Message::QueryAgentQueueStatisticsReq(QueryAgentQueueStatisticsReq {
            invoke_id: 3,
            agent_id: "jdoe".into(),
            ..Default::default()
        })
    );
}

/// 02 §2.1: E_CTI_INCONSISTENT_AGENT_DATA is named on the UCCX page without a value; the UCCX
/// table marks 24–91 reserved. Chosen: **32**, UCCE's value, marked UNCONFIRMED.
#[test]
fn inconsistent_agent_data_is_32() {
    assert_eq!(
        StatusCode::E_CTI_INCONSISTENT_AGENT_DATA.to_string(),
        "E_CTI_INCONSISTENT_AGENT_DATA (32)"
    );
    assert!(!StatusCode::TABLE.get(32).unwrap().source.is_confirmed());
}

// -------------------------------------------------------------------------------------------
// Configuration (digest 04).

/// 03 §C.4 vs §C.5 (04 §3.3 DOC-CONFLICT): OPEN_REQ's ConfigMsgMask has agent = 0x01 and
/// application = 0x04, CONFIG_REQUEST_EVENT / CONFIG_BEGIN_EVENT's ConfigurationMask the
/// reverse. Chosen: **two different mask types, exactly as printed**, so one cannot be passed
/// for the other.
#[test]
fn config_msg_mask_and_configuration_mask_are_two_bit_orders() {
    assert_eq!(ConfigMsgMask::CONFIG_AGENT_MASK, ConfigMsgMask(0x01));
    assert_eq!(ConfigMsgMask::CONFIG_CSQ_MASK, ConfigMsgMask(0x02));
    assert_eq!(ConfigMsgMask::CONFIG_APPLICATION_MASK, ConfigMsgMask(0x04));
    assert_eq!(ConfigMsgMask::CONFIG_DEVICE_MASK, ConfigMsgMask(0x08));
    assert_eq!(ConfigMsgMask::CONFIG_TERMINAL_MASK, ConfigMsgMask(0x10));
    assert_eq!(
        ConfigurationMask::CONFIGURATION_APPLICATION,
        ConfigurationMask(0x01)
    );
    assert_eq!(
        ConfigurationMask::CONFIGURATION_CSQ,
        ConfigurationMask(0x02)
    );
    assert_eq!(
        ConfigurationMask::CONFIGURATION_AGENT,
        ConfigurationMask(0x04)
    );
    assert_eq!(
        ConfigurationMask::CONFIGURATION_DEVICE,
        ConfigurationMask(0x08)
    );
    assert_eq!(
        ConfigurationMask::CONFIGURATION_TERMINAL,
        ConfigurationMask(0x10)
    );
    // The same bit prints differently in the two.
    assert_eq!(ConfigMsgMask(1).to_string(), "CONFIG_AGENT_MASK");
    assert_eq!(
        ConfigurationMask(1).to_string(),
        "CONFIGURATION_APPLICATION"
    );
    // And each message field has its own type (this compiles only that way round).
    let _: ConfigMsgMask = OpenReq::default().config_msg_mask;
    let _: ConfigurationMask = ConfigRequestEvent::default().configuration_mask;
    let _: ConfigurationMask = ConfigBeginEvent::default().configuration_mask;
}

/// 04 §5.5 DOC-CONFLICT: CONFIG_UNKNOWN_DATA is 3 in the CONFIG_KEY_EVENT table and 2 in the
/// CONFIG_END_EVENT table (where 2 is CONFIG_NO_KEY_SUPPORT in the key table). Chosen:
/// **two status types, one per message, exactly as tabled**.
#[test]
fn config_unknown_data_is_3_for_keys_and_2_for_end() {
    assert_eq!(ConfigKeyStatus::CONFIG_UNKNOWN_DATA, ConfigKeyStatus(3));
    assert_eq!(ConfigKeyStatus(2).name(), Some("CONFIG_NO_KEY_SUPPORT"));
    assert_eq!(ConfigEndStatus::CONFIG_UNKNOWN_DATA, ConfigEndStatus(2));
    assert_eq!(ConfigEndStatus(3).name(), Some("CONFIG_ERROR"));
    let s = Settings::new(16);
    let key = ConfigKeyEvent::decode_frame(&hex(&["00000004 000000E7", "00000003"]), &s).unwrap();
    assert_eq!(key.status.to_string(), "CONFIG_UNKNOWN_DATA (3)");
    let end = ConfigEndEvent::decode_frame(&hex(&["00000004 000000EA", "00000002"]), &s).unwrap();
    assert_eq!(end.status.to_string(), "CONFIG_UNKNOWN_DATA (2)");
}

/// 04 §6.2 DOC-CONFLICT / table `config.rs`: CONFIG_CSQ_EVENT prints its v11 reserved field
/// after RecordType with tag 184, the tag of CSQID right after it. Chosen: **tag 208**, as in
/// every other record message: a tag may appear only once per record.
#[test]
fn config_csq_v11_reserved_field_is_tag_208() {
    let f = field("CONFIG_CSQ_EVENT", 208);
    assert_eq!(
        (f.name, f.since, f.presence),
        ("reserved", 11, Presence::Reserved(0))
    );
    assert_eq!(field("CONFIG_CSQ_EVENT", 184).name, "CSQID");
    // The encoder writes 208 right after RecordType at v11.
    let s = Settings::new(11);
    let b = bytes_of(
        ConfigCsqEvent {
            records: vec![ConfigCsqRecord {
                csq_id: 1,
                csq_name: "S".into(),
                ..Default::default()
            }],
            ..Default::default()
        },
        &s,
    );
    assert_eq!(
        &b[10..22],
        &hex(&["B7 02 0000", "D0 04 00000000", "B8 04"])[..]
    );
    // A record written as printed (184 twice) repeats a field.
    let printed = hex(&[
        "00000012 000000EC",
        "0001",
        "B7 02 0000",
        "B8 04 00000000", // reserved[184] as printed
        "B8 04 00000001", // CSQID[184] (offset 20)
    ]);
    let e = validate_s2c(&s, &printed).unwrap_err();
    assert_eq!(
        (e.problem, e.field, e.tag, e.offset),
        (Problem::Duplicate, "CSQID", Some(184), 20)
    );
}

/// 03 §4 / 04 §6.2: AutoWork[185] is BOOL but printed with size 4; BOOL is 2 bytes elsewhere.
/// Chosen: **read from 1, 2 or 4 bytes** (decoders trust FieldLength), **written as 2** (the
/// BOOL size and the UCCE convention).
#[test]
fn autowork_is_read_from_four_bytes_and_written_as_two() {
    let s = Settings::new(10);
    let frame = |header: &str, autowork: &str| {
        hex(&[
            header,
            "0001",           // NumRecords
            "B7 02 0000",     // RecordType
            "B8 04 00000001", // CSQID
            "40 02 0000",     // reserved[64]
            "C0 04 00000000", // reserved[192]
            autowork,         // AutoWork[185]
            "AD 01 00",       // reserved[173]
            "85 02 'S' 00",   // CSQName
            "B0 01 00",       // reserved[176]
        ])
    };
    let four = frame("00000026 000000EC", "B9 04 00000001");
    let two = frame("00000024 000000EC", "B9 02 0001");
    let m = ConfigCsqEvent::decode_frame(&four, &s).unwrap();
    assert_eq!(m.records[0].auto_work, Some(true));
    validate_s2c(&s, &four).unwrap();
    assert_eq!(show(&bytes_of(m, &s)), show(&two));
    assert_eq!(
        ConfigCsqEvent::decode_frame(&two, &s).unwrap().records[0].auto_work,
        Some(true)
    );
    let off = frame("00000026 000000EC", "B9 04 00000000");
    assert_eq!(
        ConfigCsqEvent::decode_frame(&off, &s).unwrap().records[0].auto_work,
        Some(false)
    );
    // Longer than the printed 4 bytes is still wrong.
    let five = frame("00000027 000000EC", "B9 05 0000000001");
    let e = validate_s2c(&s, &five).unwrap_err();
    assert_eq!(
        (e.problem, e.field),
        (
            Problem::WrongLength {
                len: 5,
                expected: 2
            },
            "AutoWork"
        )
    );
}

/// Table `config.rs`: CONFIG_DEVICE_EVENT prints tag 10 as "reserved", STRING 32, "varies",
/// while its per-type table has a DeviceField3 no other row carries. Chosen: **tag 10 is the
/// optional named field DeviceField3**, so its value is kept instead of dropped.
#[test]
fn config_device_tag_10_is_device_field3() {
    let f = field("CONFIG_DEVICE_EVENT", 10);
    assert_eq!(
        (f.name, f.presence, f.max),
        ("DeviceField3", Presence::Optional, 32)
    );
    let s = Settings::new(10);
    let b = hex(&[
        "00000010 000000EE",
        "0001",
        "B7 02 0000",     // RecordType
        "C3 02 0006",     // DeviceType 6 = CTI port
        "0A 04 'abc' 00", // tag 10
    ]);
    let m = ConfigDeviceEvent::decode_frame(&b, &s).unwrap();
    assert_eq!(m.records[0].device_field3.as_deref(), Some("abc"));
    assert_eq!(show(&bytes_of(m, &s)), show(&b));
}

/// 03 §A.2: TEAM_CONFIG_* are 242–244 in recent UCCE guides and 236–238 in UCCE 8.5, which
/// collides with the config record events. Chosen: **242–244** (no collision; the digest's
/// preference), marked UNCONFIRMED.
#[test]
fn team_config_ids_are_242_to_244() {
    assert_eq!(spec("TEAM_CONFIG_REQ").id, 242);
    assert_eq!(spec("TEAM_CONFIG_EVENT").id, 243);
    assert_eq!(spec("TEAM_CONFIG_CONF").id, 244);
    assert_eq!(spec("CONFIG_CSQ_EVENT").id, 236);
    assert!(!spec("TEAM_CONFIG_REQ").id_source.is_confirmed());
}

// -------------------------------------------------------------------------------------------
// Call control (digest 06) and call events (digest 07).

/// 07 §3.4 and the call-events module DECISION: events mark lineType "(v14+)", but the slot is
/// UCCE's LineType, present in every version, and no page says v14 grows the fixed part.
/// Chosen: **the slot is on the wire in all versions**, as an ordinary lineType value.
#[test]
fn line_type_slot_is_present_in_all_versions() {
    for name in [
        "CALL_DELIVERED_EVENT",
        "CALL_ESTABLISHED_EVENT",
        "CALL_ORIGINATED_EVENT",
        "CALL_CONFERENCED_EVENT",
        "CALL_TRANSFERRED_EVENT",
        "CALL_SERVICE_INITIATED_EVENT",
    ] {
        let m = spec(name);
        assert_eq!(m.fixed_len(10), m.fixed_len(14), "{name}");
        let lt = m.fixed.iter().find(|f| f.name == "lineType").unwrap();
        assert_eq!((lt.since, lt.role), (10, FixedRole::Value), "{name}");
    }
    let m = CallEstablishedEvent {
        line_type: 10,
        connection_device_id: "2006".into(),
        ..Default::default()
    };
    for v in [10, 14] {
        let s = Settings::new(v);
        let b = bytes_of(m.clone(), &s);
        assert_eq!(b.len(), 8 + 50 + 7, "v{v}");
        // After reserved 0, 1, 21, ConnectionDeviceType, CallID and reserved 0xFFFF.
        assert_eq!(&b[24..28], &hex(&["FFFF 000A"])[..], "v{v}");
        assert_eq!(CallEstablishedEvent::decode_frame(&b, &s).unwrap(), m);
    }
}

/// Table `call_events.rs`: CALL_ORIGINATED_EVENT prints the lineType slot as "reserved, 3 for
/// a monitored call, 10 otherwise". Chosen: **a lineType value**, not a reserved constant — a
/// reserved field cannot hold two values.
#[test]
fn call_originated_line_type_is_a_value() {
    let s = Settings::new(16);
    for lt in [3, 10] {
        let m = CallOriginatedEvent {
            line_type: lt,
            connection_device_id: "2006".into(),
            calling_device_id: "2006".into(),
            ..Default::default()
        };
        let b = bytes_of(m.clone(), &s);
        validate_s2c(&s, &b).unwrap();
        assert_eq!(
            CallOriginatedEvent::decode_frame(&b, &s).unwrap().line_type,
            lt
        );
    }
}

/// Table `call_events.rs`: CALL_SERVICE_INITIATED_EVENT prints "reserved = 3" in the usual
/// lineType slot and "lineType (v14+)" in the slot that is `reserved = 0` elsewhere. Chosen:
/// **both slots are line-type values** (`line_type`, `line_type_copy`); a sender fills both
/// so a reader of either layout gets it.
#[test]
fn call_service_initiated_has_two_line_type_slots() {
    let s = Settings::new(16);
    let m = CallServiceInitiatedEvent {
        line_type: 3,
        line_type_copy: 10,
        connection_device_id: "2006".into(),
        calling_device_id: "2006".into(),
        ..Default::default()
    };
    let b = bytes_of(m.clone(), &s);
    assert_eq!(&b[26..28], &[0, 3]); // the usual slot (body offset 18)
    assert_eq!(&b[44..46], &[0, 10]); // after CSQID and its reserved UINT (body offset 36)
    assert_eq!(CallServiceInitiatedEvent::decode_frame(&b, &s).unwrap(), m);
}

/// Table `call_events.rs`: CALL_QUEUED_EVENT prints "ApplicationID[77]", a tag on a fixed
/// field. Chosen: **a doc error**; ApplicationID is the plain fixed UINT it is in the other
/// events, and tag 77 is not a field of the message.
#[test]
fn call_queued_application_id_is_a_fixed_uint() {
    let l = layout_by_name("CALL_QUEUED_EVENT").unwrap();
    assert_eq!(l.slot_of(77), NO_SLOT);
    let f = l
        .spec
        .fixed
        .iter()
        .find(|f| f.name == "ApplicationID")
        .unwrap();
    assert_eq!(f.ty, cti_proto::spec::FixedType::U32);
}

/// Table `call_events.rs`: CALL_CONFERENCED_EVENT (and TRANSFERRED) describe PrimaryDeviceType
/// as "the connection type of PrimaryDeviceID". Chosen: **Primary/SecondaryDeviceType are
/// connection device types**; Controller/AddedParty/Transferring/Transferred types stay DEVID_*
/// device types.
#[test]
fn conferenced_primary_and_secondary_types_are_connection_types() {
    for name in ["CALL_CONFERENCED_EVENT", "CALL_TRANSFERRED_EVENT"] {
        for f in spec(name).fixed {
            let want: Option<&ValueTable> = match f.name {
                "PrimaryDeviceType" | "SecondaryDeviceType" => {
                    Some(&values::CONNECTION_DEVICE_TYPES)
                }
                "ControllerDeviceType"
                | "AddedPartyDeviceType"
                | "TransferringDeviceType"
                | "TransferredDeviceType" => Some(&values::DEVICE_TYPES),
                _ => None,
            };
            if let Some(t) = want {
                assert!(ptr::eq(enum_table(f.interp), t), "{name}.{}", f.name);
            }
        }
    }
}

/// Table `call_control.rs`: ConnectedPartyDeviceType[40] could be read as a DEVID_* device
/// type or a connection type. Chosen: **a connection device type** — the triple names a
/// connection (call ID + type + ID), and the guide's list of DEVID_* fields omits it.
#[test]
fn connected_party_device_type_is_a_connection_type() {
    for name in [
        "CONFERENCE_CALL_CONF",
        "CALL_CONFERENCED_EVENT",
        "CALL_TRANSFERRED_EVENT",
    ] {
        let f = field(name, 40);
        assert!(ptr::eq(
            enum_table(f.interp),
            &values::CONNECTION_DEVICE_TYPES
        ));
    }
    let _: ConnectionDeviceType = ConnectedParty::default().device_type;
}

/// Table `call_control.rs`: the guide marks the ConnectedParty fields optional (the list may be
/// empty) and also says each party is a complete CallID, DeviceType, DeviceID triple. Chosen:
/// **all three required within each party**.
#[test]
fn connected_party_triples_are_complete() {
    for tag in [39, 40, 41] {
        assert_eq!(
            field("CONFERENCE_CALL_CONF", tag).presence,
            Presence::Required
        );
    }
    let s = Settings::new(16);
    let b = hex(&[
        "00000021 00000031",
        "00000048 01000123 0000 0001 FFFF 0003", // NumParties 1
        "2F 05 '2006' 00",
        "27 04 01000123 28 02 0000", // a party without ConnectedPartyDeviceID[41]
    ]);
    let e = validate_s2c(&s, &b).unwrap_err();
    assert_eq!(
        (e.problem, e.status(), e.field, e.tag, e.offset),
        (
            Problem::Missing,
            StatusCode(6),
            "ConnectedPartyDeviceID",
            Some(41),
            41
        )
    );
}

/// Table `call_control.rs`: SNAPSHOT_DEVICE_CONF marks its per-call fields optional and says
/// each must directly follow the previous one. Chosen: **every field required within a call**.
#[test]
fn snapshot_device_call_fields_are_required() {
    for tag in [56, 57, 58, 61] {
        assert_eq!(
            field("SNAPSHOT_DEVICE_CONF", tag).presence,
            Presence::Required
        );
    }
    let s = Settings::new(16);
    let b = hex(&[
        "00000017 00000055",
        "00000084 0001",
        "38 04 01000123",  // CallConnectionCallID
        "3A 05 '2006' 00", // CallConnectionDeviceID, without the DeviceType[57] before it
        "3D 02 0003",
    ]);
    let e = validate_s2c(&s, &b).unwrap_err();
    assert_eq!(
        (e.problem, e.field, e.tag, e.offset),
        (Problem::Missing, "CallConnectionDeviceType", Some(57), 31)
    );
}

/// Table `call_control.rs`: the last fixed USHORT of MAKE/CONSULT/TRANSFER/CONFERENCE_CALL_CONF
/// is printed "reserved = 3", while the special-values table calls that slot lineType (3 or
/// 10) "in CONFs and events". Chosen: **reserved = 3**, the message pages being the more
/// specific source.
#[test]
fn make_call_conf_last_field_is_reserved_3() {
    for name in [
        "MAKE_CALL_CONF",
        "CONSULT_CALL_CONF",
        "TRANSFER_CALL_CONF",
        "CONFERENCE_CALL_CONF",
    ] {
        let last = spec(name).fixed.last().unwrap();
        assert_eq!(last.role, FixedRole::Reserved(3), "{name}");
    }
    let s = Settings::new(16);
    let b = hex(&[
        "00000015 00000039",
        "00000056 01000150 0000 FFFF",
        "000A", // 10 where 3 is required (offset 20)
        "2F 05 '2006' 00",
    ]);
    let e = validate_s2c(&s, &b).unwrap_err();
    assert_eq!(
        (e.problem, e.status(), e.offset),
        (
            Problem::ReservedValue {
                expected: 3,
                found: 10
            },
            StatusCode(7),
            20
        )
    );
}

// -------------------------------------------------------------------------------------------
// Supervisor and statistics (digest 05).

/// Table `supervisor.rs` (whole file): 02 §8.8 saw only the first rows of several supervisor
/// tables; 05 §7 prints fuller UCCX tables and the EMERGENCY_CALL_CONF layout. Chosen:
/// **follow 05-agent**.
#[test]
fn supervisor_messages_follow_the_fuller_05_tables() {
    let l = layout_by_name("SUPERVISOR_ASSIST_REQ").unwrap();
    for (tag, name) in [
        (25, "ConnectionDeviceID"),
        (4, "AgentExtension"),
        (6, "AgentInstrument"),
        (194, "AgentID"),
    ] {
        assert_eq!(l.slots[l.slot_of(tag) as usize].field.name, name);
    }
    let conf = spec("EMERGENCY_CALL_CONF");
    let names: Vec<&str> = conf.fixed.iter().map(|f| f.name).collect();
    assert_eq!(
        names,
        [
            "InvokeID",
            "ConnectionCallID",
            "ConnectionDeviceType",
            "lineHandle",
            "lineType"
        ]
    );
    assert_eq!(
        field("SUPERVISOR_ASSIST_EVENT", 1).presence,
        Presence::Required
    );
}

/// Table `supervisor.rs`: EMERGENCY_CALL_REQ names its second field PeripheralID (not
/// "reserved") and prints no value. Chosen: **a named value, not a reserved constant** —
/// strict validation must not reject a value the guide never fixed (clients should send 1).
#[test]
fn emergency_call_req_peripheral_id_is_a_value() {
    let f = &spec("EMERGENCY_CALL_REQ").fixed[1];
    assert_eq!((f.name, f.role), ("PeripheralID", FixedRole::Value));
    let s = Settings::new(16);
    let b = hex(&[
        "00000015 00000079",
        "00000079 00000007 FFFFFFFF FFFF", // PeripheralID 7
        "19 05 '2006' 00",
    ]);
    FrameView::new(&b, &s).unwrap().validate().unwrap();
    assert_eq!(
        EmergencyCallReq::decode_frame(&b, &s)
            .unwrap()
            .peripheral_id,
        7
    );
}

/// 05 §7.8 DOC-CONFLICT: EMERGENCY_CALL_EVENT starts with InvokeID as the only UCCX source
/// prints it, though an event has none in UCCE; and its AgentExtension is printed 64 (16
/// elsewhere). Chosen: **as printed** — an InvokeID first (18-byte fixed part) and
/// AgentExtension up to 64 bytes here; both to be checked by capture.
#[test]
fn emergency_call_event_has_an_invoke_id_and_a_64_byte_extension() {
    let m = spec("EMERGENCY_CALL_EVENT");
    assert_eq!((m.fixed[0].name, m.fixed_len(16)), ("InvokeID", 18));
    let s = Settings::new(16);
    let head = "00000005 00000001 FFFFFFFF 0000 00000003"; // InvokeID 5, ..., SessionID 3
    let b = hex(&["00000019 0000007B", head, "19 05 '2006' 00"]);
    assert_eq!(Message::decode_frame(&b, &s).unwrap().invoke_id(), Some(5));
    // A 20-character extension (21 bytes) fits here ...
    let ext = "04 15 '01234567890123456789' 00";
    let b = hex(&["00000030 0000007B", head, "19 05 '2006' 00", ext]);
    validate_s2c(&s, &b).unwrap();
    // ... but not in SUPERVISOR_ASSIST_REQ, whose AgentExtension is STRING 16.
    let b = hex(&[
        "0000002C 00000076",
        "00000076 00000001 01000123 0000",
        "19 05 '2006' 00",
        ext, // offset 29
    ]);
    let e = FrameView::new(&b, &s).unwrap().validate().unwrap_err();
    assert_eq!(
        (e.problem, e.field, e.offset),
        (Problem::TooLong { len: 21, max: 16 }, "AgentExtension", 29)
    );
}

/// Table `statistics.rs`: CSQID[62] is printed INT on the QUERY_QUEUE_STATISTICS_REQ page
/// and UINT everywhere else. Chosen: **UINT** (same 4 bytes on the wire) so a CSQ ID has one
/// type throughout; NULL_CSQ reads as 0xFFFFFFFF, not -1.
#[test]
fn queue_statistics_csq_id_is_a_uint() {
    assert_eq!(field("QUERY_QUEUE_STATISTICS_REQ", 62).ty, FloatType::U32);
    let s = Settings::new(16);
    let b = hex(&["0000000A 000003E9", "00000001", "3E 04 FFFFFFFF"]);
    assert_eq!(
        QueryQueueStatisticsReq::decode_frame(&b, &s)
            .unwrap()
            .csq_id,
        u32::MAX
    );
}

/// Table `statistics.rs`: the QUERY_QUEUE_STATISTICS_REQ/CONF pages open by naming
/// QUERY_AGENT_QUEUE_STATISTICS_REQ, against their own titles and fields. Chosen: **the titles**
/// — the queue request carries CSQID[62] and no AgentID, the agent-queue request AgentID[194] and
/// no CSQID, and the queue CONF is the CSQ counters (no AgentID echoed).
#[test]
fn queue_statistics_pages_follow_their_titles() {
    let has = |name: &str, tag: u16| layout_by_name(name).unwrap().slot_of(tag) != NO_SLOT;
    assert_eq!(
        field("QUERY_QUEUE_STATISTICS_REQ", 62).presence,
        Presence::Required
    );
    assert!(!has("QUERY_QUEUE_STATISTICS_REQ", 194));
    assert_eq!(
        field("QUERY_AGENT_QUEUE_STATISTICS_REQ", 194).name,
        "AgentID"
    );
    assert!(!has("QUERY_AGENT_QUEUE_STATISTICS_REQ", 62));
    assert!(!has("QUERY_QUEUE_STATISTICS_CONF", 194));
    assert_eq!(
        spec("QUERY_QUEUE_STATISTICS_CONF").fixed[1].name,
        "LoggedInAgents"
    );
    // A frame of type 1001 carrying a CSQID decodes as the queue request.
    let s = Settings::new(16);
    let b = hex(&["0000000A 000003E9", "00000009", "3E 04 00000002"]);
    let Message::QueryQueueStatisticsReq(m) = Message::decode_frame(&b, &s).unwrap() else {
        panic!("not a QUERY_QUEUE_STATISTICS_REQ");
    };
    assert_eq!((m.invoke_id, m.csq_id), (9, 2));
}

// -------------------------------------------------------------------------------------------
// Every DECISION of the table has its test here.

/// Each `DECISION` written in `src/table/*.rs` (file, the words after `DECISION`), and the test
/// above that pins it down. The function pointers make a renamed or deleted test a compile
/// error.
const TABLE_DECISIONS: &[(&str, &str, fn())] = &[
    (
        "config.rs",
        ": the digest guessed 239",
        agent_queue_statistics_are_239_240_and_terminal_config_moves_to_241,
    ),
    (
        "session.rs",
        ": the by-class table names ID 6",
        id_6_is_heartbeat_conf,
    ),
    (
        "config.rs",
        ": the guide prints the v11 reserved field",
        config_csq_v11_reserved_field_is_tag_208,
    ),
    (
        "config.rs",
        ": the record table prints tag 10",
        config_device_tag_10_is_device_field3,
    ),
    (
        "call_events.rs",
        " (all events with a `lineType (v14+)` slot)",
        line_type_slot_is_present_in_all_versions,
    ),
    (
        "call_events.rs",
        ": lineType (v14+) slot present in all versions",
        line_type_slot_is_present_in_all_versions,
    ),
    (
        "call_events.rs",
        ": the page prints the lineType slot as \"reserved",
        call_originated_line_type_is_a_value,
    ),
    (
        "call_events.rs",
        ": PrimaryDeviceType and SecondaryDeviceType",
        conferenced_primary_and_secondary_types_are_connection_types,
    ),
    (
        "call_events.rs",
        ": this page prints \"reserved = 3\"",
        call_service_initiated_has_two_line_type_slots,
    ),
    (
        "call_events.rs",
        ": the page prints \"ApplicationID\" with tag 77",
        call_queued_application_id_is_a_fixed_uint,
    ),
    (
        "call_control.rs",
        ": ConnectedPartyDeviceType is read as",
        connected_party_device_type_is_a_connection_type,
    ),
    (
        "call_control.rs",
        ": all three fields are required",
        connected_party_triples_are_complete,
    ),
    (
        "call_control.rs",
        ": the last fixed USHORT is `reserved = 3`",
        make_call_conf_last_field_is_reserved_3,
    ),
    (
        "call_control.rs",
        ": the page marks the per-call fields optional",
        snapshot_device_call_fields_are_required,
    ),
    (
        "supervisor.rs",
        " (whole file)",
        supervisor_messages_follow_the_fuller_05_tables,
    ),
    (
        "supervisor.rs",
        ": PeripheralID is modelled as a named value",
        emergency_call_req_peripheral_id_is_a_value,
    ),
    (
        "supervisor.rs",
        ": the fixed part starts with InvokeID",
        emergency_call_event_has_an_invoke_id_and_a_64_byte_extension,
    ),
    (
        "statistics.rs",
        ": CSQID[62] is printed as INT",
        queue_statistics_csq_id_is_a_uint,
    ),
    (
        "statistics.rs",
        ": the QUERY_QUEUE_STATISTICS_REQ and _CONF pages call",
        queue_statistics_pages_follow_their_titles,
    ),
];

#[test]
fn every_table_decision_has_a_test() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/table");
    let mut found: Vec<(String, String)> = Vec::new();
    let mut unregistered = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let file = path.file_name().unwrap().to_str().unwrap().to_string();
        if file == "mod.rs" {
            continue; // describes the convention, decides nothing
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for line in text.lines() {
            // A decision is written "DECISION: ..." or "DECISION (scope): ..."; mentions such
            // as "see the module DECISION" refer to one written elsewhere.
            let Some(i) = line.find("DECISION") else {
                continue;
            };
            let rest = &line[i + "DECISION".len()..];
            if !(rest.starts_with(':') || rest.starts_with(" (")) {
                continue;
            }
            found.push((file.clone(), rest.to_string()));
            if !TABLE_DECISIONS
                .iter()
                .any(|(f, words, _)| *f == file && rest.starts_with(words))
            {
                unregistered.push(format!("{file}: DECISION{rest}"));
            }
        }
    }
    assert!(
        unregistered.is_empty(),
        "decisions without a test in tests/decisions.rs:\n{}",
        unregistered.join("\n")
    );
    // Every registered decision still exists in the table.
    for (file, words, _) in TABLE_DECISIONS {
        assert!(
            found
                .iter()
                .any(|(f, rest)| f == file && rest.starts_with(words)),
            "{file}: no DECISION{words}... any more; remove it from TABLE_DECISIONS"
        );
    }
}
