//! Golden frames: for every message type of the table, at least one frame worked out by hand
//! from the protocol digest (`spec/*.md`) and the table, byte by byte, and checked in both
//! directions against the typed message it stands for:
//!
//! * typed → `encode` gives exactly the hand-written bytes;
//! * bytes → `Message::decode_frame` gives exactly the typed value;
//! * the bytes pass strict validation in the message's own direction (they are well formed).
//!
//! The bytes are NOT produced by the code under test: each chunk below is one field, written
//! from the digest's layout tables, with a comment naming it. Conventions used throughout
//! (digest 01 §2–§5): big-endian numbers, an 8-byte header `BodyLength | MessageTypeID` with
//! BodyLength excluding the header, floating fields `tag | length | data` with a 1-byte tag in
//! versions 10–17 and a 2-byte tag from 18 (1-byte length by default), strings sent with a
//! trailing NUL counted in the length, reserved fields sent with the guide's constant, and
//! floating fields sent in the order of the table.
//!
//! `every_message_type_has_a_golden_frame` fails when a message type of the table has none.

use std::collections::BTreeSet;

use cti_proto::codes::*;
use cti_proto::msg::*;
use cti_proto::validate::validate;
use cti_proto::wire::{LengthWidth, Settings};
use cti_proto::FrameView;

#[path = "golden/hex.rs"]
mod hex;
use hex::{first_diff, hex, show};

/// The guide's example call IDs (digest 07 §6): an original call and its consult call.
const CALL: u32 = 0x0100_0123; // 16777507
const CONSULT: u32 = 0x0100_013F; // 16777535

/// One hand-worked frame and the typed message it stands for.
struct Case {
    line: u32,
    settings: Settings,
    msg: Message,
    bytes: Vec<u8>,
}

/// `golden!(version, typed value, [annotated hex chunks])`.
macro_rules! golden {
    ($v:expr, $msg:expr, [$($chunk:expr),* $(,)?]) => {
        golden!(@ Settings::new($v), $msg, [$($chunk),*])
    };
    (@ $settings:expr, $msg:expr, [$($chunk:expr),* $(,)?]) => {
        Case {
            line: line!(),
            settings: $settings,
            msg: Message::from($msg),
            bytes: hex(&[$($chunk),*]),
        }
    };
}

/// Check one case; describe every way it fails.
fn check(c: &Case) -> Vec<String> {
    let mut errs = Vec::new();
    let s = &c.settings;
    let name = c.msg.name();
    let at = format!("line {} ({name} v{})", c.line, s.version);
    // The hand-worked data must at least be self-consistent.
    if c.bytes.len() < 8 {
        return vec![format!("{at}: golden frame shorter than a header")];
    }
    let declared = u32::from_be_bytes(c.bytes[..4].try_into().unwrap()) as usize;
    if declared != c.bytes.len() - 8 {
        return vec![format!(
            "{at}: golden data inconsistent: header says {declared} body bytes, {} written",
            c.bytes.len() - 8
        )];
    }
    // typed -> bytes
    match c.msg.to_bytes(s) {
        Ok(b) if b[..] == c.bytes[..] => {}
        Ok(b) => errs.push(format!(
            "{at}: encode differs at byte {:?}\n  want:\n{}\n  got:\n{}",
            first_diff(&c.bytes, &b),
            show(&c.bytes),
            show(&b)
        )),
        Err(e) => errs.push(format!("{at}: encode failed: {e}")),
    }
    // bytes -> typed
    match Message::decode_frame(&c.bytes, s) {
        Ok(m) if m == c.msg => {}
        Ok(m) => errs.push(format!(
            "{at}: decode differs\n  want: {:?}\n  got:  {m:?}",
            c.msg
        )),
        Err(e) => errs.push(format!("{at}: decode failed: {e}")),
    }
    // A golden frame is a well-formed message in its own direction.
    let spec = c.msg.spec().expect("golden frames are table messages");
    match FrameView::new(&c.bytes, s) {
        Ok(v) => {
            if let Err(e) = validate(&v, spec.direction) {
                errs.push(format!("{at}: strict validation rejects it: {e}"));
            }
        }
        Err(e) => errs.push(format!("{at}: view failed: {e}")),
    }
    errs
}

fn check_all(cases: &[Case]) {
    let errs: Vec<String> = cases.iter().flat_map(check).collect();
    assert!(
        errs.is_empty(),
        "{} golden failure(s):\n\n{}",
        errs.len(),
        errs.join("\n\n")
    );
}

// -------------------------------------------------------------------------------------------
// Session and error messages (digest 02 §3).

fn session_cases() -> Vec<Case> {
    vec![
        golden!(
            16,
            FailureConf {
                invoke_id: 7,
                status: StatusCode::E_CTI_INVALID_FIELD,
                text: Some("bad tag".into()),
                ..Default::default()
            },
            [
                "00000012 00000001",  // header: BodyLength 18, FAILURE_CONF (1)
                "00000007",           // InvokeID 7
                "00000003",           // Status E_CTI_INVALID_FIELD (3)
                "07 08 'bad tag' 00", // Text[7]: 7 bytes + NUL
            ]
        ),
        golden!(
            16,
            FailureEvent {
                status: StatusCode::E_CTI_JTAPI_CCM_PROBLEM,
                text: Some("CUCM down".into()),
                ..Default::default()
            },
            [
                "00000010 00000002",    // header: 16, FAILURE_EVENT (2)
                "0000005E",             // Status E_CTI_JTAPI_CCM_PROBLEM (94)
                "07 0A 'CUCM down' 00", // Text[7]: 9 + NUL
            ]
        ),
        // The agent-mode OPEN_REQ of the UCCX server log in bug CSCvs94144 (digest 02
        // §3.1.1): BodyLength 69 = 44-byte fixed part + 25 bytes of floating fields.
        golden!(
            16,
            OpenReq {
                invoke_id: 1,
                version_number: 16,
                idle_timeout: 100,
                services_requested: ServiceMask(7),
                call_msg_mask: CallEventMask(0x267D),
                agent_state_mask: AgentStateMask(0x1FF),
                config_msg_mask: ConfigMsgMask(0xF),
                client_id: Some(Default::default()),
                client_password: Some(vec![0]),
                agent_extension: Some("52293".into()),
                agent_instrument: Some(Default::default()),
                agent_id: Some("52293".into()),
                ..Default::default()
            },
            [
                "00000045 00000003",          // header: 69, OPEN_REQ (3)
                "00000001",                   // InvokeID
                "00000010",                   // VersionNumber 16
                "00000064",                   // IdleTimeout 100
                "00000000",                   // reserved = 0
                "00000007", // ServicesRequested CLIENT_EVENTS|CALL_DATA_UPDATE|CLIENT_CONTROL
                "0000267D", // CallMsgMask 9853
                "000001FF", // AgentStateMask: all nine bits
                "0000000F", // ConfigMsgMask: the four v<=17 bits
                "00000000 00000000 00000000", // reserved x3 = 0 (reserve1..3 in the log)
                "01 01 00", // ClientID[1]: empty string = a lone NUL
                "02 01 00", // ClientPassword[2]: UNSPEC, one byte
                "04 06 '52293' 00", // AgentExtension[4]
                "06 01 00", // AgentInstrument[6]: empty
                "C2 06 '52293' 00", // AgentID[194]
            ]
        ),
        // A bridge-mode OPEN_REQ at v18: 2-byte tags, 1-byte lengths.
        golden!(
            18,
            OpenReq {
                invoke_id: 2,
                version_number: 18,
                idle_timeout: 40,
                services_requested: ServiceMask::CTI_SERVICE_ALL_EVENTS
                    | ServiceMask::CTI_SERVICE_CONFIG_EVENTS,
                call_msg_mask: CallEventMask(5),
                agent_state_mask: AgentStateMask(0x1FF),
                config_msg_mask: ConfigMsgMask(0x1F),
                client_id: Some("wallboard".into()),
                client_password: Some(b"s3cret".to_vec()),
                client_signature: Some("wb-1".into()),
                ..Default::default()
            },
            [
                "0000004A 00000003",                   // header: 74 = 44 + 30, OPEN_REQ
                "00000002 00000012 00000028 00000000", // InvokeID, VersionNumber 18, IdleTimeout 40, reserved
                "00040010", // ServicesRequested ALL_EVENTS (0x10) | CONFIG_EVENTS (0x40000)
                "00000005 000001FF 0000001F", // CallMsgMask, AgentStateMask, ConfigMsgMask (incl. TERMINAL 0x10)
                "00000000 00000000 00000000", // reserved x3
                "0001 0A 'wallboard' 00",     // ClientID[1]: 2-byte tag, 9 + NUL
                "0002 06 's3cret'",           // ClientPassword[2]: UNSPEC, no NUL
                "0003 05 'wb-1' 00",          // ClientSignature[3]
            ]
        ),
        // OPEN_CONF before v14: no peripheral fields.
        golden!(
            13,
            OpenConf {
                invoke_id: 1,
                services_granted: ServiceMask(7),
                ccx_online: true,
                agent_state: AgentState::AGENT_STATE_NOT_READY,
                agent_extension: Some("52293".into()),
                agent_instrument: Some("52293".into()),
                agent_id: Some("jdoe".into()),
                ..Default::default()
            },
            [
                "00000031 00000004", // header: 49 = 26 + 23, OPEN_CONF (4)
                "00000001",          // InvokeID
                "00000007",          // ServicesGranted
                "00000000 00000000", // reserved UINT x2 = 0
                "00000000",          // reserved TIME = 0
                "0001",              // UnifiedCCXOnline: BOOL, 2 bytes, true
                "0000",              // reserved USHORT = 0
                "0002",              // AgentState NOT_READY
                "04 06 '52293' 00",  // AgentExtension[4]
                "06 06 '52293' 00",  // AgentInstrument[6]
                "C2 05 'jdoe' 00",   // AgentID[194]
            ]
        ),
        // v14 adds NumPeripherals[228] and one (FltPeripheralID, MultilineAgentControl) pair.
        golden!(
            14,
            OpenConf {
                invoke_id: 1,
                services_granted: ServiceMask(7),
                ccx_online: true,
                agent_state: AgentState::AGENT_STATE_NOT_READY,
                agent_extension: Some("52293".into()),
                agent_instrument: Some("52293".into()),
                agent_id: Some("jdoe".into()),
                peripherals: vec![OpenConfPeripheral {
                    peripheral_id: Some(5000),
                    multiline_agent_control: Some(1),
                }],
                ..Default::default()
            },
            [
                "0000003F 00000004", // header: 63 = 26 + 37
                "00000001 00000007 00000000 00000000 00000000 0001 0000 0002", // fixed part as at v13
                "04 06 '52293' 00",                                            // AgentExtension[4]
                "06 06 '52293' 00",                                            // AgentInstrument[6]
                "C2 05 'jdoe' 00",                                             // AgentID[194]
                "E4 02 0001",     // NumPeripherals[228] = 1
                "D0 04 00001388", // FltPeripheralID[208] = 5000
                "E0 02 0001",     // MultilineAgentControl[224] = 1
            ]
        ),
        // v18 adds ConfigMsgMaskGranted[248] (USHORT) and every tag takes 2 bytes.
        golden!(
            18,
            OpenConf {
                invoke_id: 1,
                services_granted: ServiceMask(7),
                ccx_online: true,
                agent_state: AgentState::AGENT_STATE_NOT_READY,
                agent_extension: Some("52293".into()),
                agent_instrument: Some("52293".into()),
                agent_id: Some("jdoe".into()),
                peripherals: vec![OpenConfPeripheral {
                    peripheral_id: Some(5000),
                    multiline_agent_control: Some(1),
                }],
                config_msg_mask_granted: Some(0x1F),
                ..Default::default()
            },
            [
                "0000004A 00000004", // header: 74 = 26 + 48
                "00000001 00000007 00000000 00000000 00000000 0001 0000 0002", // fixed part
                "0004 06 '52293' 00", // AgentExtension[4]
                "0006 06 '52293' 00", // AgentInstrument[6]
                "00C2 05 'jdoe' 00", // AgentID[194]
                "00E4 02 0001",      // NumPeripherals[228]
                "00D0 04 00001388",  // FltPeripheralID[208]
                "00E0 02 0001",      // MultilineAgentControl[224]
                "00F8 02 001F",      // ConfigMsgMaskGranted[248]: USHORT, config masks 0x1F
            ]
        ),
        golden!(
            10,
            HeartbeatReq {
                invoke_id: 0x0102_0304,
                ..Default::default()
            },
            [
                "00000004 00000005", // header: 4, HEARTBEAT_REQ (5)
                "01020304",          // InvokeID
            ]
        ),
        golden!(
            16,
            HeartbeatConf {
                invoke_id: 0xFFFF_FFFE,
                ..Default::default()
            },
            [
                "00000004 00000006", // header: 4, HEARTBEAT_CONF (6)
                "FFFFFFFE",          // InvokeID echoed
            ]
        ),
        golden!(
            16,
            CloseReq {
                invoke_id: 9,
                status: StatusCode::E_CTI_NO_ERROR,
                ..Default::default()
            },
            [
                "00000008 00000007", // header: 8, CLOSE_REQ (7)
                "00000009",          // InvokeID
                "00000000",          // Status E_CTI_NO_ERROR: an ordinary close
            ]
        ),
        golden!(
            16,
            CloseConf {
                invoke_id: 9,
                ..Default::default()
            },
            [
                "00000004 00000008", // header: 4, CLOSE_CONF (8)
                "00000009",          // InvokeID
            ]
        ),
        golden!(
            16,
            SystemEvent {
                ccx_status: CcxStatus(0x400),
                ccx_time: 1_700_000_000,
                system_event_id: SystemEventId(10),
                arg1: 0,
                arg2: 0,
                arg3: 0,
                event_device_type: DeviceType(76),
                text: Some("phone down".into()),
                event_device_id: Some("2006".into()),
                ..Default::default()
            },
            [
                "0000002E 0000001F",          // header: 46 = 26 + 20, SYSTEM_EVENT (31)
                "00000400",                   // CCXStatus CCX_IN_SERVICE
                "6553F100",                   // CCXTime 1700000000
                "0000000A",                   // SystemEventID SYS_INSTRUMENT_OUT_OF_SERVICE (10)
                "00000000 00000000 00000000", // SystemEventArg1..3
                "004C",                       // EventDeviceType DEVID_AGENT_DEVICE (76)
                "07 0B 'phone down' 00",      // Text[7]
                "CE 05 '2006' 00",            // EventDeviceID[206]
            ]
        ),
    ]
}

// -------------------------------------------------------------------------------------------
// Agent state (digest 05 §4, 02 §8.1–8.2).

fn agent_cases() -> Vec<Case> {
    vec![
        golden!(
            16,
            AgentStateEvent {
                csq_state: AgentState::AGENT_STATE_NOT_READY,
                state_duration: 0,
                csq_id: 1,
                agent_state: AgentState::AGENT_STATE_NOT_READY,
                event_reason_code: ReasonCode(32760),
                cti_client_signature: Some("desk-1".into()),
                agent_id: Some("jdoe".into()),
                agent_extension: Some("2006".into()),
                agent_instrument: Some("2006".into()),
                csqs: vec![
                    CsqState {
                        csq_id: 1,
                        csq_state: AgentState::AGENT_STATE_NOT_READY
                    },
                    CsqState {
                        csq_id: 5,
                        csq_state: AgentState(7)
                    },
                ],
                ..Default::default()
            },
            [
                "00000080 0000001E", // header: 128 = 58 + 70, AGENT_STATE_EVENT (30)
                "00000000",          // reserved = 0 (UCCE MonitorID)
                "00000001",          // reserved = 1 (PeripheralID)
                "00000000",          // reserved = 0 (SessionID)
                "0015",              // reserved = 21 (PeripheralType)
                "0002",              // CSQState NOT_READY
                "00000000",          // StateDuration
                "00000001",          // CSQID 1
                "FFFFFFFF",          // reserved = 0xFFFFFFFF (SkillGroupID)
                "0000",              // reserved = 0
                "0002",              // AgentState NOT_READY
                "7FF8",              // EventReasonCode AGT_LOGON (32760)
                "00000001",          // reserved INT = 1 (MRDID)
                "00000000",          // reserved = 0 (NumTasks)
                "0000",              // reserved = 0 (AgentMode)
                "00000000",          // reserved = 0 (MaxTaskLimit)
                "00000000",          // reserved INT = 0 (ICMAgentID)
                "00000001",          // reserved INT = 1 (AgentAvailabilityStatus)
                "0002",              // numCSQs = 2
                "17 07 'desk-1' 00", // CTIClientSignature[23]
                "C2 05 'jdoe' 00",   // AgentID[194]
                "04 05 '2006' 00",   // AgentExtension[4]
                "06 05 '2006' 00",   // AgentInstrument[6]
                "3E 04 00000001",    // CSQ 1: CSQID[62]
                "3F 04 00000000",    //        reserved[63] = 0
                "40 02 0000",        //        reserved[64] = 0
                "41 02 0002",        //        CSQState[65] NOT_READY
                "3E 04 00000005",    // CSQ 2: CSQID[62] 5
                "3F 04 00000000",    //        reserved[63]
                "40 02 0000",        //        reserved[64]
                "41 02 0007",        //        CSQState[65] BUSY_OTHER
            ]
        ),
        // v18: ActiveTerminal[303], a tag that needs the 2-byte FieldDataID.
        golden!(
            18,
            AgentStateEvent {
                agent_state: AgentState::AGENT_STATE_READY,
                csq_state: AgentState::AGENT_STATE_READY,
                csq_id: 0xFFFF_FFFF,
                agent_id: Some("jdoe".into()),
                active_terminal: Some("SEP0011".into()),
                ..Default::default()
            },
            [
                "0000004D 0000001E",                                 // header: 77 = 58 + 19
                "00000000 00000001 00000000 0015",                   // reserved 0, 1, 0, 21
                "0003",                                              // CSQState READY
                "00000000",                                          // StateDuration
                "FFFFFFFF",                                          // CSQID = NULL_CSQ
                "FFFFFFFF 0000",                                     // reserved 0xFFFFFFFF, 0
                "0003 0000", // AgentState READY, EventReasonCode 0
                "00000001 00000000 0000 00000000 00000000 00000001", // reserved 1, 0, 0, 0, 0, 1
                "0000",      // numCSQs = 0: the fixed-part CSQ is the only record
                "00C2 05 'jdoe' 00", // AgentID[194]
                "012F 08 'SEP0011' 00", // ActiveTerminal[303] = 0x012F
            ]
        ),
        golden!(
            16,
            QueryAgentStateReq {
                invoke_id: 0x10,
                agent_id: Some("jdoe".into()),
                ..Default::default()
            },
            [
                "00000017 00000024", // header: 23 = 16 + 7, QUERY_AGENT_STATE_REQ (36)
                "00000010",          // InvokeID
                "00000001",          // reserved UINT = 1
                "00000001",          // reserved INT = 1
                "00000000",          // reserved INT = 0
                "C2 05 'jdoe' 00",   // AgentID[194]
            ]
        ),
        golden!(
            16,
            QueryAgentStateConf {
                invoke_id: 0x10,
                agent_state: AgentState::AGENT_STATE_TALKING,
                agent_extension: Some("2006".into()),
                agent_instrument: Some("2006".into()),
                agent_id: "jdoe".into(),
                csqs: vec![CsqState {
                    csq_id: 1,
                    csq_state: AgentState::AGENT_STATE_TALKING
                }],
                internal_agent_state: Some(4),
                ..Default::default()
            },
            [
                "0000004B 00000025", // header: 75 = 30 + 45, QUERY_AGENT_STATE_CONF (37)
                "00000010",          // InvokeID
                "0004",              // AgentState TALKING
                "0001",              // numCSQs = 1
                "00000001",          // reserved INT = 1
                "00000000",          // reserved = 0
                "0000",              // reserved USHORT = 0
                "00000000 00000000", // reserved = 0, 0
                "00000001",          // reserved = 1
                "04 05 '2006' 00",   // AgentExtension[4]
                "06 05 '2006' 00",   // AgentInstrument[6]
                "C2 05 'jdoe' 00",   // AgentID[194]
                "3E 04 00000001 3F 04 00000000 40 02 0000 41 02 0004", // CSQ group: 1, 0, 0, TALKING
                "FF 02 0004", // InternalAgentState[255] TALKING
            ]
        ),
        // SET_AGENT_STATE_REQ before v12: 17-byte fixed part, no AgentCapacity.
        golden!(
            11,
            SetAgentStateReq {
                invoke_id: 0x21,
                agent_state: AgentState::AGENT_STATE_LOGIN,
                event_reason_code: ReasonCode(0),
                forced_flag: 1,
                agent_instrument: "2006".into(),
                agent_password: Some("pw1".into()),
                agent_id: Some("jdoe".into()),
                ..Default::default()
            },
            [
                "00000025 00000026", // header: 37 = 17 + 20, SET_AGENT_STATE_REQ (38)
                "00000021",          // InvokeID
                "00000001",          // reserved = 1
                "0000",              // AgentState LOGIN
                "0000 0000",         // reserved USHORT x2 = 0
                "0000",              // EventReasonCode 0
                "01",                // ForcedFlag: UCHAR, 1 = force
                "06 05 '2006' 00",   // AgentInstrument[6]
                "31 04 'pw1' 00",    // AgentPassword[49]
                "C2 05 'jdoe' 00",   // AgentID[194]
            ]
        ),
        // v12: AgentCapacity UINT after ForcedFlag; authenticate-only login (ForcedFlag 2).
        golden!(
            12,
            SetAgentStateReq {
                invoke_id: 0x21,
                agent_state: AgentState::AGENT_STATE_LOGIN,
                event_reason_code: ReasonCode(0),
                forced_flag: 2,
                agent_capacity: 1,
                agent_instrument: "unknown".into(),
                agent_password: Some("pw1".into()),
                agent_id: Some("jdoe".into()),
                ..Default::default()
            },
            [
                "0000002C 00000026",                     // header: 44 = 21 + 23
                "00000021 00000001 0000 0000 0000 0000", // InvokeID, reserved 1, LOGIN, 0, 0, reason 0
                "02",                                    // ForcedFlag 2: authenticate only
                "00000001",                              // AgentCapacity: outbound enabled (v12)
                "06 08 'unknown' 00",                    // AgentInstrument[6] = "unknown"
                "31 04 'pw1' 00",                        // AgentPassword[49]
                "C2 05 'jdoe' 00",                       // AgentID[194]
            ]
        ),
        // v18: ActiveTerminal[303] chosen at login.
        golden!(
            18,
            SetAgentStateReq {
                invoke_id: 0x22,
                agent_state: AgentState::AGENT_STATE_LOGIN,
                agent_instrument: "2006".into(),
                agent_password: Some("pw1".into()),
                agent_id: Some("jdoe".into()),
                active_terminal: Some("SEP0011".into()),
                ..Default::default()
            },
            [
                "00000037 00000026",                                 // header: 55 = 21 + 34
                "00000022 00000001 0000 0000 0000 0000 00 00000000", // fixed part, v12+ layout
                "0006 05 '2006' 00",                                 // AgentInstrument[6]
                "0031 04 'pw1' 00",                                  // AgentPassword[49]
                "00C2 05 'jdoe' 00",                                 // AgentID[194]
                "012F 08 'SEP0011' 00",                              // ActiveTerminal[303]
            ]
        ),
        golden!(
            16,
            SetAgentStateConf {
                invoke_id: 0x21,
                ..Default::default()
            },
            [
                "00000004 00000027", // header: 4, SET_AGENT_STATE_CONF (39)
                "00000021",          // InvokeID
            ]
        ),
    ]
}

// -------------------------------------------------------------------------------------------
// Call control and queries (digest 06 §3, 02 §8.3–8.9).

fn call_control_cases() -> Vec<Case> {
    vec![
        golden!(
            16,
            SetCallDataReq {
                invoke_id: 0x30,
                connection_device_type: ConnectionDeviceType(0),
                call_id: CALL,
                call_type: CallType(1),
                called_party_disposition: 0,
                connection_device_id: "2006".into(),
                call_variable_1: Some("acct=42".into()),
                named_variables: vec![NamedVariable::new("user.layout", "A")],
                named_arrays: vec![NamedArrayElement {
                    index: 2,
                    name: "arr".into(),
                    value: "x".into()
                }],
                ..Default::default()
            },
            [
                "00000048 0000001A",             // header: 72 = 30 + 42, SET_CALL_DATA_REQ (26)
                "00000030",                      // InvokeID
                "00000001",                      // reserved = 1
                "0000",                          // ConnectionDeviceType STATIC
                "01000123",                      // CallID 16777507
                "0001",                          // NumNamedVariables
                "0001",                          // NumNamedArrays
                "0001",                          // CallType CCX_IN
                "0000",                          // CalledPartyDisposition
                "00000000",                      // reserved = 0 (CampaignID)
                "00000001",                      // reserved = 1 (QueryRuleID)
                "19 05 '2006' 00",               // ConnectionDeviceID[25]
                "0D 08 'acct=42' 00",            // CallVariable1[13]
                "52 0E 'user.layout' 00 'A' 00", // NamedVariable[82]: name+NUL (12) value+NUL (2)
                "53 07 02 'arr' 00 'x' 00",      // NamedArray[83]: index 2, name+NUL, value+NUL
            ]
        ),
        golden!(
            16,
            SetCallDataConf {
                invoke_id: 0x30,
                ..Default::default()
            },
            [
                "00000004 0000001B", // header: 4, SET_CALL_DATA_CONF (27)
                "00000030",          // InvokeID
            ]
        ),
        golden!(
            16,
            ControlFailureConf {
                invoke_id: 0x30,
                failure_code: ControlFailureCode(11),
                ccx_error_code: CcxErrorCode(88012),
                text: Some("no call".into()),
                ..Default::default()
            },
            [
                "00000014 00000023",  // header: 20 = 10 + 10, CONTROL_FAILURE_CONF (35)
                "00000030",           // InvokeID
                "000B",               // FailureCode CF_INVALID_CSTA_CALL_ID (11): USHORT
                "000157CC",           // UnifiedCCXErrorCode CCX_CALL_ID_NULL (88012)
                "07 08 'no call' 00", // Text[7]
            ]
        ),
        golden!(
            16,
            AlternateCallReq {
                invoke_id: 0x40,
                active_call_id: CALL,
                other_call_id: CALL + 1,
                active_connection_device_type: ConnectionDeviceType(0),
                other_connection_device_type: ConnectionDeviceType(0),
                active_connection_device_id: "2006".into(),
                other_connection_device_id: "2005".into(),
                agent_instrument: Some("2006".into()),
                ..Default::default()
            },
            [
                "00000029 00000028", // header: 41 = 20 + 21, ALTERNATE_CALL_REQ (40)
                "00000040 00000001", // InvokeID, reserved = 1
                "01000123 01000124", // ActiveCallID, OtherCallID
                "0000 0000",         // Active/OtherConnectionDeviceType
                "32 05 '2006' 00",   // ActiveConnectionDeviceID[50]
                "34 05 '2005' 00",   // OtherConnectionDeviceID[52]
                "06 05 '2006' 00",   // AgentInstrument[6]
            ]
        ),
        golden!(
            16,
            AlternateCallConf {
                invoke_id: 0x40,
                ..Default::default()
            },
            [
            "00000004 00000029 00000040", // header: 4, ALTERNATE_CALL_CONF (41); InvokeID
        ]
        ),
        // Answer by phone only: no CallID (0xFFFFFFFF), CONNECTION_ID_NONE.
        golden!(
            16,
            AnswerCallReq {
                invoke_id: 0x42,
                call_id: 0xFFFF_FFFF,
                connection_device_type: ConnectionDeviceType(0xFFFF),
                agent_instrument: Some("2006".into()),
                ..Default::default()
            },
            [
                "00000015 0000002A", // header: 21 = 14 + 7, ANSWER_CALL_REQ (42)
                "00000042 00000001", // InvokeID, reserved = 1
                "FFFFFFFF",          // CallID: none
                "FFFF",              // ConnectionDeviceType CONNECTION_ID_NONE
                "06 05 '2006' 00",   // AgentInstrument[6]
            ]
        ),
        golden!(
            16,
            AnswerCallConf {
                invoke_id: 0x42,
                ..Default::default()
            },
            [
            "00000004 0000002B 00000042", // header: 4, ANSWER_CALL_CONF (43); InvokeID
        ]
        ),
        golden!(
            16,
            ClearCallReq {
                invoke_id: 0x44,
                call_id: CALL,
                connection_device_type: ConnectionDeviceType(0),
                connection_device_id: "2005".into(),
                ..Default::default()
            },
            [
                "00000015 0000002C",               // header: 21, CLEAR_CALL_REQ (44)
                "00000044 00000001 01000123 0000", // InvokeID, reserved 1, CallID, STATIC
                "19 05 '2005' 00",                 // ConnectionDeviceID[25]
            ]
        ),
        golden!(
            16,
            ClearCallConf {
                invoke_id: 0x44,
                ..Default::default()
            },
            [
            "00000004 0000002D 00000044", // header: 4, CLEAR_CALL_CONF (45); InvokeID
        ]
        ),
        golden!(
            16,
            ClearConnectionReq {
                invoke_id: 0x46,
                call_id: CALL,
                connection_device_type: ConnectionDeviceType(0),
                connection_device_id: "2006".into(),
                agent_instrument: Some("2006".into()),
                ..Default::default()
            },
            [
                "0000001C 0000002E", // header: 28 = 14 + 14, CLEAR_CONNECTION_REQ (46)
                "00000046 00000001 01000123 0000", // InvokeID, reserved 1, CallID, STATIC
                "19 05 '2006' 00",   // ConnectionDeviceID[25]
                "06 05 '2006' 00",   // AgentInstrument[6]
            ]
        ),
        golden!(
            16,
            ClearConnectionConf {
                invoke_id: 0x46,
                ..Default::default()
            },
            [
            "00000004 0000002F 00000046", // header: 4, CLEAR_CONNECTION_CONF (47); InvokeID
        ]
        ),
        golden!(
            16,
            ConferenceCallReq {
                invoke_id: 0x48,
                held_call_id: CALL,
                active_call_id: CONSULT,
                held_connection_device_type: ConnectionDeviceType(0),
                active_connection_device_type: ConnectionDeviceType(0),
                held_connection_device_id: "2006".into(),
                active_connection_device_id: "2006".into(),
                ..Default::default()
            },
            [
                "00000036 00000030",             // header: 54 = 40 + 14, CONFERENCE_CALL_REQ (48)
                "00000048 00000001",             // InvokeID, reserved = 1
                "01000123",                      // HeldCallID (held before active here)
                "0100013F",                      // ActiveCallID 16777535
                "0000 0000",                     // Held/ActiveConnectionDeviceType
                "0000 0000 0000 0000 0000 0000", // reserved USHORT x6 = 0
                "0000 0000",                     // reserved BOOL x2 = 0
                "0000 0000",                     // NumNamedVariables, NumNamedArrays
                "35 05 '2006' 00",               // HeldConnectionDeviceID[53]
                "32 05 '2006' 00",               // ActiveConnectionDeviceID[50]
            ]
        ),
        golden!(
            16,
            ConferenceCallConf {
                invoke_id: 0x48,
                new_call_id: CALL,
                new_connection_device_type: ConnectionDeviceType(0),
                new_connection_device_id: "2006".into(),
                connected_parties: vec![
                    ConnectedParty {
                        call_id: CALL,
                        device_type: ConnectionDeviceType(0),
                        device_id: "2005".into()
                    },
                    ConnectedParty {
                        call_id: CALL,
                        device_type: ConnectionDeviceType(0),
                        device_id: "2006".into()
                    },
                    ConnectedParty {
                        call_id: CALL,
                        device_type: ConnectionDeviceType(0),
                        device_id: "2007".into()
                    },
                ],
                ..Default::default()
            },
            [
                "0000004A 00000031", // header: 74 = 16 + 58, CONFERENCE_CALL_CONF (49)
                "00000048",          // InvokeID
                "01000123",          // NewCallID
                "0000",              // NewConnectionDeviceType
                "0003",              // NumParties = 3
                "FFFF",              // reserved = 0xFFFF (UCCE LineHandle)
                "0003",              // reserved = 3 (UCCE LineType)
                "2F 05 '2006' 00",   // NewConnectionDeviceID[47]
                "27 04 01000123 28 02 0000 29 05 '2005' 00", // party 1: CallID[39], type[40], ID[41]
                "27 04 01000123 28 02 0000 29 05 '2006' 00", // party 2
                "27 04 01000123 28 02 0000 29 05 '2007' 00", // party 3
            ]
        ),
        golden!(
            16,
            ConsultCallReq {
                invoke_id: 0x50,
                active_call_id: CALL,
                active_connection_device_type: ConnectionDeviceType(0),
                consult_type: 1,
                active_connection_device_id: "2006".into(),
                dialed_number: "2007".into(),
                agent_instrument: Some("2006".into()),
                named_variables: vec![NamedVariable::new("BAResponse", "Accept")],
                ..Default::default()
            },
            [
                "0000004D 00000032",   // header: 77 = 36 + 41, CONSULT_CALL_REQ (50)
                "00000050 00000001",   // InvokeID, reserved = 1
                "01000123",            // ActiveCallID
                "0000",                // ActiveConnectionDeviceType
                "0000 0000",           // reserved USHORT x2 = 0
                "0001",                // ConsultType 1 = transfer
                "0000 0000 0000 0000", // reserved USHORT x4 = 0
                "0000 0000",           // reserved BOOL x2 = 0
                "0001 0000",           // NumNamedVariables 1, NumNamedArrays 0
                "32 05 '2006' 00",     // ActiveConnectionDeviceID[50]
                "0B 05 '2007' 00",     // DialedNumber[11]
                "06 05 '2006' 00",     // AgentInstrument[6]
                "52 12 'BAResponse' 00 'Accept' 00", // NamedVariable[82]: 11 + 7 = 18
            ]
        ),
        golden!(
            16,
            ConsultCallConf {
                invoke_id: 0x50,
                new_call_id: CONSULT,
                new_connection_device_type: ConnectionDeviceType(0),
                new_connection_device_id: "2006".into(),
                ..Default::default()
            },
            [
                "00000015 00000033",      // header: 21, CONSULT_CALL_CONF (51)
                "00000050 0100013F 0000", // InvokeID, NewCallID, NewConnectionDeviceType
                "FFFF 0003",              // reserved = 0xFFFF, reserved = 3
                "2F 05 '2006' 00",        // NewConnectionDeviceID[47]
            ]
        ),
        golden!(
            16,
            HoldCallReq {
                invoke_id: 0x54,
                call_id: CALL,
                connection_device_type: ConnectionDeviceType(0),
                connection_device_id: "2006".into(),
                ..Default::default()
            },
            [
                "00000017 00000036",               // header: 23 = 16 + 7, HOLD_CALL_REQ (54)
                "00000054 00000001 01000123 0000", // InvokeID, reserved 1, CallID, STATIC
                "0000",                            // reserved BOOL = 0 (UCCE ReservationCall)
                "19 05 '2006' 00",                 // ConnectionDeviceID[25]
            ]
        ),
        golden!(
            16,
            HoldCallConf {
                invoke_id: 0x54,
                ..Default::default()
            },
            [
            "00000004 00000037 00000054", // header: 4, HOLD_CALL_CONF (55); InvokeID
        ]
        ),
        // MAKE_CALL_REQ before v14: 28-byte fixed part.
        golden!(
            13,
            MakeCallReq {
                invoke_id: 0x56,
                agent_instrument: "2006".into(),
                dialed_number: "915551234".into(),
                ..Default::default()
            },
            [
                "0000002F 00000038",             // header: 47 = 28 + 19, MAKE_CALL_REQ (56)
                "00000056 00000001",             // InvokeID, reserved = 1
                "0000 0000 0000 0000 0000 0000", // reserved USHORT x6 = 0
                "0000 0000",                     // reserved BOOL x2 = 0
                "0000 0000",                     // NumNamedVariables, NumNamedArrays
                "06 05 '2006' 00",               // AgentInstrument[6]
                "0B 0A '915551234' 00",          // DialedNumber[11]
            ]
        ),
        // v14 appends reserved UINT = NULL_CSQ (0xFFFFFFFF).
        golden!(
            14,
            MakeCallReq {
                invoke_id: 0x56,
                agent_instrument: "2006".into(),
                dialed_number: "915551234".into(),
                named_arrays: vec![NamedArrayElement {
                    index: 0,
                    name: "tags".into(),
                    value: "vip".into()
                }],
                ..Default::default()
            },
            [
                "0000003F 00000038", // header: 63 = 32 + 31
                "00000056 00000001 0000 0000 0000 0000 0000 0000 0000 0000", // as at v13
                "0000 0001",         // NumNamedVariables 0, NumNamedArrays 1
                "FFFFFFFF",          // reserved = NULL_CSQ (v14+)
                "06 05 '2006' 00",   // AgentInstrument[6]
                "0B 0A '915551234' 00", // DialedNumber[11]
                "53 0A 00 'tags' 00 'vip' 00", // NamedArray[83]: index 0, 5 + 4 bytes
            ]
        ),
        golden!(
            16,
            MakeCallConf {
                invoke_id: 0x56,
                new_call_id: 0x0100_0150,
                new_connection_device_type: ConnectionDeviceType(0),
                new_connection_device_id: "2006".into(),
                ..Default::default()
            },
            [
                "00000015 00000039",      // header: 21, MAKE_CALL_CONF (57)
                "00000056 01000150 0000", // InvokeID, NewCallID, NewConnectionDeviceType
                "FFFF 0003",              // reserved = 0xFFFF, reserved = 3
                "2F 05 '2006' 00",        // NewConnectionDeviceID[47]
            ]
        ),
        golden!(
            16,
            ReconnectCallReq {
                invoke_id: 0x60,
                active_call_id: CONSULT,
                held_call_id: CALL,
                active_connection_device_type: ConnectionDeviceType(0),
                held_connection_device_type: ConnectionDeviceType(0),
                active_connection_device_id: "2006".into(),
                held_connection_device_id: "2006".into(),
                ..Default::default()
            },
            [
                "00000022 0000003C", // header: 34 = 20 + 14, RECONNECT_CALL_REQ (60)
                "00000060 00000001 0100013F 01000123 0000 0000", // InvokeID, reserved, Active, Held, types
                "32 05 '2006' 00",                               // ActiveConnectionDeviceID[50]
                "35 05 '2006' 00",                               // HeldConnectionDeviceID[53]
            ]
        ),
        golden!(
            16,
            ReconnectCallConf {
                invoke_id: 0x60,
                ..Default::default()
            },
            [
            "00000004 0000003D 00000060", // header: 4, RECONNECT_CALL_CONF (61); InvokeID
        ]
        ),
        golden!(
            16,
            RetrieveCallReq {
                invoke_id: 0x62,
                held_call_id: CALL,
                held_connection_device_type: ConnectionDeviceType(0),
                held_connection_device_id: "2006".into(),
                agent_instrument: Some("2006".into()),
                ..Default::default()
            },
            [
                "0000001C 0000003E",               // header: 28 = 14 + 14, RETRIEVE_CALL_REQ (62)
                "00000062 00000001 01000123 0000", // InvokeID, reserved, HeldCallID, type
                "35 05 '2006' 00",                 // HeldConnectionDeviceID[53]
                "06 05 '2006' 00",                 // AgentInstrument[6]
            ]
        ),
        golden!(
            16,
            RetrieveCallConf {
                invoke_id: 0x62,
                ..Default::default()
            },
            [
            "00000004 0000003F 00000062", // header: 4, RETRIEVE_CALL_CONF (63); InvokeID
        ]
        ),
        golden!(
            16,
            TransferCallReq {
                invoke_id: 0x64,
                active_call_id: CONSULT,
                held_call_id: CALL,
                active_connection_device_type: ConnectionDeviceType(0),
                held_connection_device_type: ConnectionDeviceType(0),
                active_connection_device_id: "2006".into(),
                held_connection_device_id: "2006".into(),
                ..Default::default()
            },
            [
                "00000036 00000040", // header: 54 = 40 + 14, TRANSFER_CALL_REQ (64)
                "00000064 00000001", // InvokeID, reserved = 1
                "0100013F 01000123", // ActiveCallID, HeldCallID (active first here)
                "0000 0000",         // Active/HeldConnectionDeviceType
                "0000 0000 0000 0000 0000 0000 0000 0000", // reserved USHORT x6, BOOL x2
                "0000 0000",         // NumNamedVariables, NumNamedArrays
                "32 05 '2006' 00",   // ActiveConnectionDeviceID[50]
                "35 05 '2006' 00",   // HeldConnectionDeviceID[53]
            ]
        ),
        golden!(
            16,
            TransferCallConf {
                invoke_id: 0x64,
                new_call_id: CALL,
                new_connection_device_type: ConnectionDeviceType(0),
                num_parties: 2,
                new_connection_device_id: "2007".into(),
                ..Default::default()
            },
            [
                "00000017 00000041",      // header: 23 = 16 + 7, TRANSFER_CALL_CONF (65)
                "00000064 01000123 0000", // InvokeID, NewCallID, type
                "0002",                   // NumParties (no party rows on the UCCX page)
                "FFFF 0003",              // reserved 0xFFFF, 3
                "2F 05 '2007' 00",        // NewConnectionDeviceID[47]
            ]
        ),
        golden!(
            16,
            QueryDeviceInfoReq {
                invoke_id: 0x78,
                agent_instrument: "2006".into(),
                ..Default::default()
            },
            [
                "00000011 0000004E",      // header: 17 = 10 + 7, QUERY_DEVICE_INFO_REQ (78)
                "00000078 00000001 0000", // InvokeID, reserved 1, reserved USHORT 0
                "06 05 '2006' 00",        // AgentInstrument[6]
            ]
        ),
        golden!(
            16,
            QueryDeviceInfoConf {
                invoke_id: 0x78,
                max_active_calls: 1,
                max_held_calls: 1,
                max_devices_in_conference: 4,
                make_call_setup: AgentStateMask(0x0C),
                ..Default::default()
            },
            [
                "00000030 0000004F", // header: 48 = 40 + 8, QUERY_DEVICE_INFO_CONF (79)
                "00000078",          // InvokeID
                "FFFF FFFF FFFF",    // reserved USHORT x3 = -1
                "0000 0000",         // reserved USHORT x2 = 0
                "0001 0001 0004",    // MaxActiveCalls, MaxHeldCalls, MaxDevicesInConference
                "0000000C",          // MakeCallSetup NOT_READY|AVAILABLE masks
                "00000000 00000000 00000000 00000000", // reserved UINT x4 = 0
                "46 02 0000",        // reserved[70] = 0
                "47 02 0000",        // reserved[71] = 0
            ]
        ),
        golden!(
            16,
            SnapshotCallReq {
                invoke_id: 0x82,
                call_id: CALL,
                connection_device_type: ConnectionDeviceType(0),
                connection_device_id: "2006".into(),
                ..Default::default()
            },
            [
                "00000015 00000052",               // header: 21, SNAPSHOT_CALL_REQ (82)
                "00000082 00000001 01000123 0000", // InvokeID, reserved 1, CallID, type
                "19 05 '2006' 00",                 // ConnectionDeviceID[25]
            ]
        ),
        // SNAPSHOT_CALL_CONF at v10: 16-byte fixed part.
        golden!(
            10,
            SnapshotCallConf {
                invoke_id: 0x82,
                call_type: CallType(1),
                ani: Some("5551234".into()),
                call_devices: vec![SnapshotCallDevice {
                    call_connection_call_id: CALL,
                    call_connection_device_type: ConnectionDeviceType(0),
                    call_connection_device_id: "2006".into(),
                    call_device_type: DeviceType(76),
                    call_device_id: "2006".into(),
                    call_device_connection_state: LocalConnectionState(3),
                }],
                ..Default::default()
            },
            [
                "00000046 00000053",  // header: 70 = 16 + 54, SNAPSHOT_CALL_CONF (83)
                "00000082",           // InvokeID
                "0001",               // CallType CCX_IN
                "0000",               // reserved = 0
                "0001",               // NumCallDevices
                "0000 0000",          // NumNamedVariables, NumNamedArrays
                "0000",               // reserved = 0
                "08 08 '5551234' 00", // ANI[8]
                "48 04 00000000",     // reserved[72] = 0 (required)
                "49 04 00000000",     // reserved[73] = 0 (required)
                "38 04 01000123",     // CallConnectionCallID[56]
                "39 02 0000",         // CallConnectionDeviceType[57]
                "3A 05 '2006' 00",    // CallConnectionDeviceID[58]
                "3B 02 004C",         // CallDeviceType[59] DEVID_AGENT_DEVICE
                "3C 05 '2006' 00",    // CallDeviceID[60]
                "3D 02 0003",         // CallDeviceConnectionState[61] LCS_CONNECT
            ]
        ),
        // v11 appends reserved INT = 0: 20-byte fixed part.
        golden!(
            11,
            SnapshotCallConf {
                invoke_id: 0x82,
                call_type: CallType(1),
                dnis: Some("7000".into()),
                call_variable_1: Some("x".into()),
                named_variables: vec![NamedVariable::new("v", "1")],
                ..Default::default()
            },
            [
                "00000031 00000053",             // header: 49 = 20 + 29
                "00000082 0001 0000",            // InvokeID, CallType, reserved
                "0000 0001 0000", // NumCallDevices 0, NumNamedVariables 1, NumNamedArrays 0
                "0000",           // reserved = 0
                "00000000",       // reserved INT = 0 (v11+)
                "0A 05 '7000' 00", // DNIS[10]
                "48 04 00000000 49 04 00000000", // reserved[72], reserved[73]
                "0D 02 'x' 00",   // CallVariable1[13]
                "52 04 'v' 00 '1' 00", // NamedVariable[82]
            ]
        ),
        golden!(
            16,
            SnapshotDeviceReq {
                invoke_id: 0x84,
                snapshot_device_type: DeviceType(76),
                agent_instrument: "2006".into(),
                ..Default::default()
            },
            [
                "00000011 00000054",      // header: 17, SNAPSHOT_DEVICE_REQ (84)
                "00000084 00000001 004C", // InvokeID, reserved 1, SnapshotDeviceType 76
                "06 05 '2006' 00",        // AgentInstrument[6]
            ]
        ),
        golden!(
            16,
            SnapshotDeviceConf {
                invoke_id: 0x84,
                calls: vec![
                    SnapshotDeviceCall {
                        call_connection_call_id: CALL,
                        call_connection_device_type: ConnectionDeviceType(0),
                        call_connection_device_id: "2006".into(),
                        call_device_connection_state: LocalConnectionState(4),
                    },
                    SnapshotDeviceCall {
                        call_connection_call_id: CONSULT,
                        call_connection_device_type: ConnectionDeviceType(0),
                        call_connection_device_id: "2006".into(),
                        call_device_connection_state: LocalConnectionState(3),
                    },
                ],
                ..Default::default()
            },
            [
                "00000030 00000055", // header: 48 = 6 + 42, SNAPSHOT_DEVICE_CONF (85)
                "00000084 0002",     // InvokeID, NumCalls 2
                "38 04 01000123 39 02 0000 3A 05 '2006' 00 3D 02 0004", // call 1: held
                "38 04 0100013F 39 02 0000 3A 05 '2006' 00 3D 02 0003", // call 2: connected
            ]
        ),
        golden!(
            16,
            SendDtmfSignalReq {
                invoke_id: 0x91,
                call_id: CALL,
                connection_device_type: ConnectionDeviceType(0),
                tone_duration: 100,
                pause_duration: 50,
                connection_device_id: "2006".into(),
                dtmf_string: "12#".into(),
                ..Default::default()
            },
            [
                "00000021 0000005B", // header: 33 = 20 + 13, SEND_DTMF_SIGNAL_REQ (91)
                "00000091 00000001 01000123 0000", // InvokeID, reserved 1, CallID, type
                "0064",              // ToneDuration 100 ms (USHORT)
                "00000032",          // PauseDuration 50 ms (UINT)
                "19 05 '2006' 00",   // ConnectionDeviceID[25]
                "43 04 '12#' 00",    // DTMFString[67]
            ]
        ),
        golden!(
            16,
            SendDtmfSignalConf {
                invoke_id: 0x91,
                ..Default::default()
            },
            [
            "00000004 0000005C 00000091", // header: 4, SEND_DTMF_SIGNAL_CONF (92); InvokeID
        ]
        ),
        golden!(
            16,
            BadCallReq {
                invoke_id: 0x8B,
                connection_device_type: ConnectionDeviceType(0),
                call_id: CALL,
                connection_device_id: "2006".into(),
                agent_id: Some("jdoe".into()),
                ..Default::default()
            },
            [
                "0000001C 0000008B", // header: 28 = 14 + 14, BAD_CALL_REQ (139)
                "0000008B 00000001", // InvokeID, reserved 1
                "0000 01000123",     // ConnectionDeviceType before CallID here
                "19 05 '2006' 00",   // ConnectionDeviceID[25]
                "C2 05 'jdoe' 00",   // AgentID[194]
            ]
        ),
        golden!(
            16,
            BadCallConf {
                invoke_id: 0x8B,
                ..Default::default()
            },
            [
            "00000004 0000008C 0000008B", // header: 4, BAD_CALL_CONF (140); InvokeID
        ]
        ),
    ]
}

// -------------------------------------------------------------------------------------------
// Call events (digest 07 §2–3).

fn call_event_cases() -> Vec<Case> {
    vec![
        golden!(
            16,
            CallDeliveredEvent {
                connection_device_type: ConnectionDeviceType(0),
                call_id: CALL,
                line_type: 3,
                application_id: 2,
                csq_id: 1,
                alerting_device_type: DeviceType(76),
                calling_device_type: DeviceType(0),
                called_device_type: DeviceType(74),
                last_redirect_device_type: DeviceType(0xFFFF),
                local_connection_state: LocalConnectionState(2),
                event_cause: EventCause(22),
                connection_device_id: "2006".into(),
                alerting_device_id: Some("2006".into()),
                calling_device_id: Some("2005".into()),
                called_device_id: Some("7000".into()),
                ani: Some("2005".into()),
                dnis: Some("7000".into()),
                named_variables: vec![NamedVariable::new("acct", "42")],
                secondary_connection_call_id: Some(CALL + 1),
                ..Default::default()
            },
            [
                "00000070 00000009",       // header: 112 = 54 + 58, CALL_DELIVERED_EVENT (9)
                "00000000 00000001 0015",  // reserved 0, 1, 21
                "0000",                    // ConnectionDeviceType
                "01000123",                // CallID
                "FFFF",                    // reserved = 0xFFFF (UCCE LineHandle)
                "0003",                    // lineType 3 = business call
                "00000002",                // ApplicationID
                "FFFFFFFF",                // reserved = 0xFFFFFFFF
                "00000001",                // CSQID
                "FFFFFFFF",                // reserved = 0xFFFFFFFF
                "0000",                    // reserved = 0
                "004C",                    // AlertingDeviceType DEVID_AGENT_DEVICE
                "0000",                    // CallingDeviceType DEVID_DEVICE_IDENTIFIER
                "004A",                    // CalledDeviceType DEVID_ROUTE_POINT
                "FFFF",                    // LastRedirectDeviceType DEVID_NONE
                "0002",                    // LocalConnectionState LCS_ALERTING
                "0016",                    // EventCause CEC_NEW_CALL (22)
                "0001 0000",               // NumNamedVariables 1, NumNamedArrays 0
                "19 05 '2006' 00",         // ConnectionDeviceID[25]
                "1A 05 '2006' 00",         // AlertingDeviceID[26]
                "1B 05 '2005' 00",         // CallingDeviceID[27]
                "1C 05 '7000' 00",         // CalledDeviceID[28]
                "08 05 '2005' 00",         // ANI[8]
                "0A 05 '7000' 00",         // DNIS[10]
                "52 08 'acct' 00 '42' 00", // NamedVariable[82]
                "CA 04 01000124",          // SecondaryConnectionCallID[202]
            ]
        ),
        golden!(
            16,
            CallEstablishedEvent {
                connection_device_type: ConnectionDeviceType(0),
                call_id: CALL,
                line_type: 3,
                application_id: 2,
                csq_id: 1,
                answering_device_type: DeviceType(76),
                calling_device_type: DeviceType(0),
                called_device_type: DeviceType(74),
                last_redirect_device_type: DeviceType(0xFFFF),
                local_connection_state: LocalConnectionState(3),
                event_cause: EventCause(22),
                connection_device_id: "2006".into(),
                answering_device_id: Some("2006".into()),
                calling_device_id: Some("2005".into()),
                ..Default::default()
            },
            [
                "00000047 0000000A", // header: 71 = 50 + 21, CALL_ESTABLISHED_EVENT (10)
                "00000000 00000001 0015 0000 01000123", // reserved 0,1,21; type; CallID
                "FFFF 0003",         // reserved 0xFFFF, lineType 3
                "00000002 FFFFFFFF 00000001 FFFFFFFF 0000", // ApplicationID, rsv, CSQID, rsv, rsv 0
                "004C 0000 004A FFFF", // Answering, Calling, Called, LastRedirect device types
                "0003 0016",         // LCS_CONNECT, CEC_NEW_CALL
                "19 05 '2006' 00",   // ConnectionDeviceID[25]
                "1E 05 '2006' 00",   // AnsweringDeviceID[30]
                "1B 05 '2005' 00",   // CallingDeviceID[27]
            ]
        ),
        // The hold of the guide's transfer example: HoldingDeviceType 76, LCS_HOLD, CEC_NONE.
        golden!(
            16,
            CallHeldEvent {
                connection_device_type: ConnectionDeviceType(0),
                call_id: CALL,
                holding_device_type: DeviceType(76),
                local_connection_state: LocalConnectionState(4),
                event_cause: EventCause(0xFFFF),
                connection_device_id: "2006".into(),
                holding_device_id: "2006".into(),
                ..Default::default()
            },
            [
                "00000024 0000000B",      // header: 36 = 22 + 14, CALL_HELD_EVENT (11)
                "00000000 00000001 0015", // reserved 0, 1, 21
                "0000 01000123",          // ConnectionDeviceType, CallID
                "004C 0004 FFFF",         // HoldingDeviceType 76, LCS_HOLD, CEC_NONE
                "19 05 '2006' 00",        // ConnectionDeviceID[25]
                "1F 05 '2006' 00",        // HoldingDeviceID[31]
            ]
        ),
        golden!(
            16,
            CallRetrievedEvent {
                connection_device_type: ConnectionDeviceType(0),
                call_id: CALL,
                retrieving_device_type: DeviceType(76),
                local_connection_state: LocalConnectionState(3),
                event_cause: EventCause(0xFFFF),
                connection_device_id: "2006".into(),
                retrieving_device_id: Some("2006".into()),
                ..Default::default()
            },
            [
                "00000024 0000000C",                    // header: 36, CALL_RETRIEVED_EVENT (12)
                "00000000 00000001 0015 0000 01000123", // reserved 0,1,21; type; CallID
                "004C 0003 FFFF",  // RetrievingDeviceType, LCS_CONNECT, CEC_NONE
                "19 05 '2006' 00", // ConnectionDeviceID[25]
                "20 05 '2006' 00", // RetrievingDeviceID[32]
            ]
        ),
        golden!(
            16,
            CallClearedEvent {
                call_id: CALL,
                local_connection_state: LocalConnectionState(0),
                event_cause: EventCause(0xFFFF),
                connection_device_id: Some("2005".into()),
                ..Default::default()
            },
            [
                "0000001B 0000000D",      // header: 27 = 20 + 7, CALL_CLEARED_EVENT (13)
                "00000000 00000001 0015", // reserved 0, 1, 21
                "0000",                   // reserved = 0 (ConnectionDeviceType slot)
                "01000123",               // CallID
                "0000 FFFF",              // LCS_NULL, CEC_NONE
                "19 05 '2005' 00",        // ConnectionDeviceID[25]
            ]
        ),
        golden!(
            16,
            CallConnectionClearedEvent {
                connection_device_type: ConnectionDeviceType(0),
                call_id: CALL,
                releasing_device_type: DeviceType(76),
                local_connection_state: LocalConnectionState(0xFFFF),
                event_cause: EventCause(0xFFFF),
                connection_device_id: "2005".into(),
                releasing_device_id: "2005".into(),
                ..Default::default()
            },
            [
                "00000024 0000000E", // header: 36, CALL_CONNECTION_CLEARED_EVENT (14)
                "00000000 00000001 0015 0000 01000123", // reserved 0,1,21; type; CallID
                "004C FFFF FFFF",    // ReleasingDeviceType, LCS_NONE, CEC_NONE
                "19 05 '2005' 00",   // ConnectionDeviceID[25]
                "21 05 '2005' 00",   // ReleasingDeviceID[33]
            ]
        ),
        golden!(
            16,
            CallOriginatedEvent {
                connection_device_type: ConnectionDeviceType(0),
                call_id: 0x0100_0150,
                line_type: 3,
                application_id: 0xFFFF_FFFF,
                csq_id: 0xFFFF_FFFF,
                calling_device_type: DeviceType(76),
                called_device_type: DeviceType(0),
                local_connection_state: LocalConnectionState(3),
                event_cause: EventCause(22),
                connection_device_id: "2006".into(),
                calling_device_id: "2006".into(),
                called_device_id: Some("2007".into()),
                ..Default::default()
            },
            [
                "00000043 0000000F", // header: 67 = 46 + 21, CALL_ORIGINATED_EVENT (15)
                "00000000 00000001 0015 0000 01000150", // reserved 0,1,21; type; CallID
                "FFFF 0003",         // reserved 0xFFFF; lineType 3 (monitored call)
                "FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF", // ApplicationID -1, rsv, CSQID -1, rsv
                "0000",              // reserved = 0
                "004C 0000",         // CallingDeviceType, CalledDeviceType
                "0003 0016",         // LCS_CONNECT, CEC_NEW_CALL
                "19 05 '2006' 00",   // ConnectionDeviceID[25]
                "1B 05 '2006' 00",   // CallingDeviceID[27]
                "1C 05 '2007' 00",   // CalledDeviceID[28]
            ]
        ),
        golden!(
            16,
            CallFailedEvent {
                connection_device_type: ConnectionDeviceType(0),
                call_id: CALL,
                failing_device_type: DeviceType(0),
                called_device_type: DeviceType(0),
                local_connection_state: LocalConnectionState(6),
                event_cause: EventCause(3),
                connection_device_id: "2006".into(),
                failing_device_id: Some("2007".into()),
                called_device_id: Some("2007".into()),
                ..Default::default()
            },
            [
                "0000002D 00000010", // header: 45 = 24 + 21, CALL_FAILED_EVENT (16)
                "00000000 00000001 0015 0000 01000123", // reserved 0,1,21; type; CallID
                "0000 0000",         // FailingDeviceType, CalledDeviceType
                "0006 0003",         // LCS_FAIL, CEC_BUSY
                "19 05 '2006' 00",   // ConnectionDeviceID[25]
                "22 05 '2007' 00",   // FailingDeviceID[34]
                "1C 05 '2007' 00",   // CalledDeviceID[28]
            ]
        ),
        golden!(
            16,
            CallConferencedEvent {
                primary_device_type: ConnectionDeviceType(0),
                primary_call_id: CALL,
                line_type: 3,
                secondary_device_type: ConnectionDeviceType(0),
                secondary_call_id: CONSULT,
                controller_device_type: DeviceType(76),
                added_party_device_type: DeviceType(76),
                local_connection_state: LocalConnectionState(3),
                event_cause: EventCause(17),
                primary_device_id: Some("2005".into()),
                secondary_device_id: Some("2006".into()),
                controller_device_id: Some("2006".into()),
                added_party_device_id: Some("2007".into()),
                connected_parties: vec![
                    ConnectedParty {
                        call_id: CALL,
                        device_type: ConnectionDeviceType(0),
                        device_id: "2005".into()
                    },
                    ConnectedParty {
                        call_id: CALL,
                        device_type: ConnectionDeviceType(0),
                        device_id: "2007".into()
                    },
                ],
                ..Default::default()
            },
            [
                "0000006C 00000011",      // header: 108 = 46 + 62, CALL_CONFERENCED_EVENT (17)
                "00000000 00000001 0015", // reserved 0, 1, 21
                "0000 01000123",          // PrimaryDeviceType, PrimaryCallID
                "FFFF 0003",              // reserved 0xFFFF, lineType 3
                "FFFFFFFF FFFFFFFF 0000", // reserved
                "0002",                   // NumParties
                "0000 0100013F",          // SecondaryDeviceType, SecondaryCallID
                "004C 004C",              // ControllerDeviceType, AddedPartyDeviceType
                "0003 0011",              // LCS_CONNECT, CEC_KEY_CONFERENCE (17)
                "23 05 '2005' 00",        // PrimaryDeviceID[35]
                "24 05 '2006' 00",        // SecondaryDeviceID[36]
                "25 05 '2006' 00",        // ControllerDeviceID[37]
                "26 05 '2007' 00",        // AddedPartyDeviceID[38]
                "27 04 01000123 28 02 0000 29 05 '2005' 00", // party 1
                "27 04 01000123 28 02 0000 29 05 '2007' 00", // party 2
            ]
        ),
        golden!(
            16,
            CallTransferredEvent {
                primary_device_type: ConnectionDeviceType(0),
                primary_call_id: CALL,
                line_type: 3,
                secondary_device_type: ConnectionDeviceType(0),
                secondary_call_id: CONSULT,
                transferring_device_type: DeviceType(76),
                transferred_device_type: DeviceType(76),
                local_connection_state: LocalConnectionState(3),
                event_cause: EventCause(32),
                primary_device_id: Some("2005".into()),
                secondary_device_id: Some("2006".into()),
                transferring_device_id: Some("2006".into()),
                transferred_device_id: Some("2007".into()),
                connected_parties: vec![
                    ConnectedParty {
                        call_id: CALL,
                        device_type: ConnectionDeviceType(0),
                        device_id: "2005".into()
                    },
                    ConnectedParty {
                        call_id: CALL,
                        device_type: ConnectionDeviceType(0),
                        device_id: "2007".into()
                    },
                ],
                ..Default::default()
            },
            [
                "0000006C 00000012", // header: 108 = 46 + 62, CALL_TRANSFERRED_EVENT (18)
                "00000000 00000001 0015 0000 01000123 FFFF 0003 FFFFFFFF FFFFFFFF 0000", // as CONFERENCED
                "0002 0000 0100013F", // NumParties, SecondaryDeviceType, SecondaryCallID
                "004C 004C",          // TransferringDeviceType, TransferredDeviceType
                "0003 0020",          // LCS_CONNECT, CEC_TRANSFER (32)
                "23 05 '2005' 00",    // PrimaryDeviceID[35]
                "24 05 '2006' 00",    // SecondaryDeviceID[36]
                "2A 05 '2006' 00",    // TransferringDeviceID[42]
                "2B 05 '2007' 00",    // TransferredDeviceID[43]
                "27 04 01000123 28 02 0000 29 05 '2005' 00", // party 1
                "27 04 01000123 28 02 0000 29 05 '2007' 00", // party 2
            ]
        ),
        golden!(
            16,
            CallDivertedEvent {
                connection_device_type: ConnectionDeviceType(0),
                call_id: CALL,
                application_id: 2,
                diverting_device_type: DeviceType(77),
                called_device_type: DeviceType(76),
                local_connection_state: LocalConnectionState(0),
                event_cause: EventCause(28),
                connection_device_id: "2006".into(),
                diverting_device_id: "6001".into(),
                called_device_id: "2006".into(),
                ..Default::default()
            },
            [
                "00000035 00000013", // header: 53 = 32 + 21, CALL_DIVERTED_EVENT (19)
                "00000000 00000001 0015 0000 01000123", // reserved 0,1,21; type; CallID
                "00000002 FFFFFFFF", // ApplicationID, reserved 0xFFFFFFFF
                "004D 004C",         // DivertingDeviceType DEVID_QUEUE, CalledDeviceType
                "0000 001C",         // LCS_NULL, CEC_REDIRECTED (28)
                "19 05 '2006' 00",   // ConnectionDeviceID[25]
                "2C 05 '6001' 00",   // DivertingDeviceID[44]
                "1C 05 '2006' 00",   // CalledDeviceID[28]
            ]
        ),
        // The consult example's service-initiated event: ApplicationID -1, CSQID 1, LCS 1.
        golden!(
            16,
            CallServiceInitiatedEvent {
                connection_device_type: ConnectionDeviceType(0),
                call_id: CONSULT,
                line_type: 3,
                application_id: 0xFFFF_FFFF,
                csq_id: 1,
                line_type_copy: 3,
                calling_device_type: DeviceType(76),
                local_connection_state: LocalConnectionState(1),
                event_cause: EventCause(0xFFFF),
                connection_device_id: "2006".into(),
                calling_device_id: "2006".into(),
                ..Default::default()
            },
            [
                "0000003A 00000014", // header: 58 = 44 + 14, CALL_SERVICE_INITIATED_EVENT (20)
                "00000000 00000001 0015 0000 0100013F", // reserved 0,1,21; type; CallID
                "FFFF 0003",         // reserved 0xFFFF; lineType ("reserved = 3" on this page)
                "FFFFFFFF FFFFFFFF", // ApplicationID -1, reserved
                "00000001 FFFFFFFF", // CSQID 1, reserved
                "0003",              // lineType (v14+) as this page places it
                "004C 0001 FFFF",    // CallingDeviceType, LCS_INITIATE, CEC_NONE
                "19 05 '2006' 00",   // ConnectionDeviceID[25]
                "1B 05 '2006' 00",   // CallingDeviceID[27]
            ]
        ),
        golden!(
            16,
            CallQueuedEvent {
                connection_device_type: ConnectionDeviceType(0),
                call_id: CALL,
                application_id: 2,
                queue_device_type: DeviceType(77),
                calling_device_type: DeviceType(0),
                called_device_type: DeviceType(74),
                last_redirect_device_type: DeviceType(0xFFFF),
                local_connection_state: LocalConnectionState(5),
                event_cause: EventCause(0xFFFF),
                connection_device_id: "6001".into(),
                queue_device_id: Some("Support".into()),
                calling_device_id: Some("2005".into()),
                called_device_id: Some("7000".into()),
                csqs: vec![QueuedCsq { csq_id: 1 }, QueuedCsq { csq_id: 4 }],
                ..Default::default()
            },
            [
                "00000067 00000015", // header: 103 = 40 + 63, CALL_QUEUED_EVENT (21)
                "00000000 00000001 0015 0000 01000123", // reserved 0,1,21; type; CallID
                "00000002 FFFFFFFF", // ApplicationID, reserved
                "004D 0000 004A FFFF", // Queue, Calling, Called, LastRedirect device types
                "0000",              // reserved = 0 (UCCE NumQueued slot)
                "0002",              // NumCSQs
                "0005 FFFF",         // LCS_QUEUED, CEC_NONE
                "19 05 '6001' 00",   // ConnectionDeviceID[25]
                "2D 08 'Support' 00", // QueueDeviceID[45]
                "1B 05 '2005' 00",   // CallingDeviceID[27]
                "1C 05 '7000' 00",   // CalledDeviceID[28]
                "3E 04 00000001 3F 04 00000000 40 02 0000", // CSQ 1: CSQID, reserved 0, reserved 0
                "3E 04 00000004 3F 04 00000000 40 02 0000", // CSQ 4
            ]
        ),
        golden!(
            16,
            BeginCallEvent {
                call_type: CallType(1),
                connection_device_type: ConnectionDeviceType(0),
                call_id: CALL,
                called_party_disposition: 0,
                connection_device_id: "2005".into(),
                ani: Some("2005".into()),
                user_to_user_info: Some(vec![1, 2, 3]),
                dialed_number: Some("7000".into()),
                named_arrays: vec![NamedArrayElement {
                    index: 1,
                    name: "a".into(),
                    value: "b".into()
                }],
                cti_clients: vec![CtiClient {
                    signature: "desk-1".into(),
                    timestamp: Some(1_700_000_000)
                }],
                ..Default::default()
            },
            [
                "0000004A 00000017",      // header: 74 = 26 + 48, BEGIN_CALL_EVENT (23)
                "00000000 00000001 0015", // reserved 0, 1, 21
                "0001",                   // NumCTIClients
                "0000 0001",              // NumNamedVariables 0, NumNamedArrays 1
                "0001",                   // CallType CCX_IN
                "0000",                   // ConnectionDeviceType
                "01000123",               // CallID
                "0000",                   // CalledPartyDisposition
                "19 05 '2005' 00",        // ConnectionDeviceID[25]
                "08 05 '2005' 00",        // ANI[8]
                "09 03 010203",           // UserToUserInfo[9]: UNSPEC
                "0B 05 '7000' 00",        // DialedNumber[11]
                "53 05 01 'a' 00 'b' 00", // NamedArray[83]: index 1
                "17 07 'desk-1' 00",      // CTIClientSignature[23]
                "18 04 6553F100",         // CTIClientTimestamp[24]: TIME 1700000000
            ]
        ),
        // The outbound example's END_CALL_EVENT: an empty ConnectionDeviceID.
        golden!(
            16,
            EndCallEvent {
                connection_device_type: ConnectionDeviceType(0),
                call_id: CALL,
                connection_device_id: Default::default(),
                ..Default::default()
            },
            [
                "00000013 00000018", // header: 19 = 16 + 3, END_CALL_EVENT (24)
                "00000000 00000001 0015 0000 01000123", // reserved 0,1,21; type; CallID
                "19 01 00",          // ConnectionDeviceID[25]: empty string = a lone NUL
            ]
        ),
        golden!(
            16,
            CallDataUpdateEvent {
                call_type: CallType(15),
                connection_device_type: ConnectionDeviceType(0),
                call_id: CALL,
                new_connection_device_type: ConnectionDeviceType(0),
                new_call_id: CALL,
                called_party_disposition: 0,
                campaign_id: 0,
                query_rule_id: 0,
                connection_device_id: "2005".into(),
                call_variable_2: Some(" ".into()),
                named_variables: vec![NamedVariable::new("BAResponse", "Skip")],
                customer_phone_number: Some("5551234".into()),
                ..Default::default()
            },
            [
                "0000004F 00000019",      // header: 79 = 40 + 39, CALL_DATA_UPDATE_EVENT (25)
                "00000000 00000001 0015", // reserved 0, 1, 21
                "0000 0001 0000",         // NumCTIClients 0, NumNamedVariables 1, NumNamedArrays 0
                "000F",                   // CallType CONFERENCE (15)
                "0000 01000123",          // ConnectionDeviceType, CallID
                "0000 01000123",          // NewConnectionDeviceType, NewCallID (unchanged)
                "0000",                   // CalledPartyDisposition
                "00000000 00000000",      // CampaignID, QueryRuleID
                "19 05 '2005' 00",        // ConnectionDeviceID[25]
                "0E 02 ' ' 00",           // CallVariable2[14]: one space = cleared
                "52 10 'BAResponse' 00 'Skip' 00", // NamedVariable[82]: 11 + 5
                "5F 08 '5551234' 00",     // CustomerPhoneNumber[95]
            ]
        ),
        golden!(
            16,
            CallDequeuedEvent {
                connection_device_type: ConnectionDeviceType(0),
                call_id: CALL,
                application_id: 2,
                queue_device_type: DeviceType(77),
                num_queued: 3,
                local_connection_state: LocalConnectionState(0),
                event_cause: EventCause(0xFFFF),
                connection_device_id: "6001".into(),
                queue_device_id: "Support".into(),
                csqs: vec![QueuedCsq { csq_id: 2 }],
                ..Default::default()
            },
            [
                "00000043 00000056", // header: 67 = 34 + 33, CALL_DEQUEUED_EVENT (86)
                "00000000 00000001 0015 0000 01000123", // reserved 0,1,21; type; CallID
                "00000002 FFFFFFFF", // ApplicationID, reserved
                "004D 0003 0001",    // QueueDeviceType, NumQueued 3, NumCSQs 1
                "0000 FFFF",         // LCS_NULL, CEC_NONE
                "19 05 '6001' 00",   // ConnectionDeviceID[25]
                "2D 08 'Support' 00", // QueueDeviceID[45]
                "3E 04 00000002 3F 04 00000000 40 02 0000", // CSQ 2
            ]
        ),
        golden!(
            16,
            RtpStartedEvent {
                client_port: 42001,
                direction: 1,
                rtp_type: 0,
                bit_rate: 0,
                echo_cancellation: 1,
                packet_size: 20,
                payload_type: 3,
                connection_device_type: ConnectionDeviceType(0),
                call_id: CALL,
                connection_device_id: "2006".into(),
                client_address: "10.0.0.15".into(),
                sending_address: Some("10.0.0.16".into()),
                sending_port: Some(20000),
                ..Default::default()
            },
            [
                "00000047 00000074",    // header: 71 = 34 + 37, RTP_STARTED_EVENT (116)
                "00000000 00000001",    // reserved 0, 1 (no 21 here)
                "0000A411",             // clientPort 42001
                "0001 0000",            // Direction output, RTPType audio
                "00000000",             // BitRate
                "0001",                 // EchoCancellation on
                "00000014",             // PacketSize 20 ms
                "0003",                 // PayloadType G711ULAW64K
                "0000 01000123",        // ConnectionDeviceType, CallID
                "19 05 '2006' 00",      // ConnectionDeviceID[25]
                "51 0A '10.0.0.15' 00", // ClientAddress[81]
                "7D 0A '10.0.0.16' 00", // SendingAddress[125]
                "7E 04 00004E20",       // SendingPort[126] 20000
            ]
        ),
        golden!(
            16,
            RtpStoppedEvent {
                client_port: 42001,
                direction: 0,
                connection_device_type: ConnectionDeviceType(0),
                call_id: CALL,
                connection_device_id: "2006".into(),
                client_address: "10.0.0.15".into(),
                agent_extension: Some("2006".into()),
                agent_id: Some("jdoe".into()),
                ..Default::default()
            },
            [
                "00000035 00000075",          // header: 53 = 20 + 33, RTP_STOPPED_EVENT (117)
                "00000000 00000001 0000A411", // reserved 0, 1, clientPort
                "0000 0000 01000123",         // Direction input, ConnectionDeviceType, CallID
                "19 05 '2006' 00",            // ConnectionDeviceID[25]
                "51 0A '10.0.0.15' 00",       // ClientAddress[81]
                "04 05 '2006' 00",            // AgentExtension[4]
                "C2 05 'jdoe' 00",            // AgentID[194]
            ]
        ),
    ]
}

// -------------------------------------------------------------------------------------------
// Configuration (digest 04).

fn config_cases() -> Vec<Case> {
    let app = ConfigApplicationRecord {
        record_type: RecordType(0),
        application_id: 2,
        max_queued: 10,
        previous_application_id: 2,
        application_name: "Main line".into(),
        description: None,
    };
    vec![
        // CONFIG_REQUEST_KEY_EVENT: no fixed part at v10, a reserved UINT from v11.
        golden!(
            10,
            ConfigRequestKeyEvent::default(),
            [
                "00000006 000000E6", // header: 6, CONFIG_REQUEST_KEY_EVENT (230)
                "83 04 00000000",    // reserved[131] = 0 (required)
            ]
        ),
        golden!(
            11,
            ConfigRequestKeyEvent::default(),
            [
                "0000000A 000000E6", // header: 10
                "00000000",          // reserved = 0 (v11+)
                "83 04 00000000",    // reserved[131] = 0
            ]
        ),
        golden!(
            16,
            ConfigKeyEvent {
                status: ConfigKeyStatus(0),
                application_key: Some(7),
                csq_key: Some(3),
                agent_key: Some(16),
                device_key: Some(1),
                ..Default::default()
            },
            [
                "0000002C 000000E7",      // header: 44 = 4 + 40, CONFIG_KEY_EVENT (231)
                "00000000",               // Status CONFIG_SUCCESS
                "B1 08 0000000000000007", // ApplicationConfigKey[177]: UNSPEC(8) as u64
                "B2 08 0000000000000003", // CSQConfigKey[178]
                "B3 08 0000000000000010", // AgentConfigKey[179]
                "B4 08 0000000000000001", // DeviceConfigKey[180]
            ]
        ),
        golden!(
            10,
            ConfigRequestEvent {
                configuration_mask: ConfigurationMask(0x0F),
                ..Default::default()
            },
            [
                "0000000A 000000E8", // header: 10, CONFIG_REQUEST_EVENT (232)
                "0000000F",          // ConfigurationMask: application|CSQ|agent|device
                "83 04 00000000",    // reserved[131] = 0
            ]
        ),
        golden!(
            11,
            ConfigRequestEvent {
                configuration_mask: ConfigurationMask(0x07),
                ..Default::default()
            },
            [
                "0000000E 000000E8", // header: 14
                "00000007",          // ConfigurationMask
                "00000000",          // reserved = 0 (v11+)
                "83 04 00000000",    // reserved[131] = 0
            ]
        ),
        golden!(
            16,
            ConfigBeginEvent {
                config_type: 1,
                configuration_mask: ConfigurationMask(0x0F),
                application_key: Some(7),
                csq_key: Some(3),
                agent_key: Some(16),
                device_key: Some(1),
                ..Default::default()
            },
            [
                "0000002E 000000E9", // header: 46 = 6 + 40, CONFIG_BEGIN_EVENT (233)
                "0001",              // ConfigType 1 = initial
                "0000000F",          // ConfigurationMask
                "B1 08 0000000000000007 B2 08 0000000000000003", // keys 177, 178
                "B3 08 0000000000000010 B4 08 0000000000000001", // keys 179, 180
            ]
        ),
        golden!(
            16,
            ConfigEndEvent {
                status: ConfigEndStatus(4),
                text: Some("no data".into()),
                ..Default::default()
            },
            [
                "0000000E 000000EA",  // header: 14, CONFIG_END_EVENT (234)
                "00000004",           // Status CONFIG_EMPTY
                "07 08 'no data' 00", // Text[7]
            ]
        ),
        // An application record at v10: no v11 reserved fields.
        golden!(
            10,
            ConfigApplicationEvent {
                records: vec![app.clone()],
                ..Default::default()
            },
            [
                "00000036 000000EB",    // header: 54 = 2 + 52, CONFIG_APPLICATION_EVENT (235)
                "0001",                 // NumRecords
                "B7 02 0000",           // RecordType[183] add
                "B8 04 00000002",       // ApplicationID[184]
                "81 04 0000000A",       // MaxQueued[129] 10
                "AD 01 00",             // reserved[173]: empty string
                "84 04 00000002",       // PreviousApplicationID[132]
                "85 0A 'Main line' 00", // ApplicationName[133]
                "AE 04 00000000",       // reserved[174] = 0
                "AF 04 00000000",       // reserved[175] = 0
                "B0 01 00",             // reserved[176]: empty string
            ]
        ),
        // The same record at v11: reserved[208], [213], [216] appear.
        golden!(
            11,
            ConfigApplicationEvent {
                records: vec![app],
                ..Default::default()
            },
            [
                "00000048 000000EB",                      // header: 72 = 2 + 70
                "0001",                                   // NumRecords
                "B7 02 0000",                             // RecordType[183]
                "D0 04 00000000",                         // reserved[208] = 0 (v11)
                "B8 04 00000002",                         // ApplicationID[184]
                "D5 04 00000000",                         // reserved[213] = 0 (v11)
                "81 04 0000000A AD 01 00 84 04 00000002", // MaxQueued, reserved[173], PreviousApplicationID
                "85 0A 'Main line' 00",                   // ApplicationName[133]
                "AE 04 00000000 AF 04 00000000 B0 01 00", // reserved 174, 175, 176
                "D8 04 00000000",                         // reserved[216] = 0 (v11)
            ]
        ),
        golden!(
            16,
            ConfigCsqEvent {
                records: vec![
                    ConfigCsqRecord {
                        record_type: RecordType(0),
                        csq_id: 1,
                        auto_work: Some(true),
                        csq_name: "Support".into(),
                        description: None,
                        mr_domain_id: 0,
                    },
                    ConfigCsqRecord {
                        record_type: RecordType(2),
                        csq_id: 3,
                        auto_work: None,
                        csq_name: "Sales".into(),
                        description: Some("old".into()),
                        mr_domain_id: 1,
                    },
                ],
                ..Default::default()
            },
            [
                "00000076 000000EC",  // header: 118 = 2 + 58 + 58, CONFIG_CSQ_EVENT (236)
                "0002",               // NumRecords
                "B7 02 0000",         // record 1: RecordType[183] add
                "D0 04 00000000",     //   reserved[208] = 0 (printed as 184; see decisions)
                "B8 04 00000001",     //   CSQID[184]
                "D5 04 00000000",     //   reserved[213] = 0
                "40 02 0000",         //   reserved[64] = 0
                "C0 04 00000000",     //   reserved[192] = 0
                "B9 02 0001",         //   AutoWork[185]: BOOL written as 2 bytes, true
                "AD 01 00",           //   reserved[173]: empty string
                "85 08 'Support' 00", //  CSQName[133]
                "D8 04 00000000",     //   MRDomainID[216] voice
                "B0 01 00",           //   reserved[176]: empty string
                "B7 02 0002",         // record 2: RecordType delete
                "D0 04 00000000 B8 04 00000003 D5 04 00000000 40 02 0000 C0 04 00000000", // rsv, CSQID 3, rsv
                "AD 01 00",         //   reserved[173] (AutoWork absent = FALSE)
                "85 06 'Sales' 00", //   CSQName[133]
                "86 04 'old' 00",   //   Description[134]
                "D8 04 00000001",   //   MRDomainID[216] email
                "B0 01 00",         //   reserved[176]
            ]
        ),
        // Nested groups: agent records with their CSQ pairs (NumCSQ[191] then CSQID/reserved).
        golden!(
            16,
            ConfigAgentEvent {
                records: vec![
                    ConfigAgentRecord {
                        record_type: RecordType(0),
                        agent_type: 1,
                        login_id: "jdoe".into(),
                        last_name: Some("Doe".into()),
                        first_name: Some("John".into()),
                        extension: Some("2006".into()),
                        csqs: vec![ConfigAgentCsq { csq_id: 1 }, ConfigAgentCsq { csq_id: 3 }],
                        agent_state: Some(AgentState::AGENT_STATE_NOT_READY),
                        ..Default::default()
                    },
                    ConfigAgentRecord {
                        record_type: RecordType(0),
                        agent_type: 2,
                        login_id: "boss".into(),
                        ..Default::default()
                    },
                ],
                ..Default::default()
            },
            [
                "00000078 000000ED", // header: 120 = 2 + 81 + 37, CONFIG_AGENT_EVENT (237)
                "0002",              // NumRecords
                "B7 02 0000",        // record 1: RecordType[183]
                "D0 04 00000000",    //   reserved[208] = 0
                "BD 02 0001",        //   AgentType[189] agent
                "BE 05 'jdoe' 00",   //   LoginID[190]
                "D6 01 00",          //   reserved[214]: empty string
                "CF 01 00",          //   reserved[207]: empty string
                "8A 04 'Doe' 00",    //   LastName[138]
                "89 05 'John' 00",   //   FirstName[137]
                "AD 05 '2006' 00",   //   Extension[173]
                "8D 04 00000000",    //   reserved[141] = 0
                "BF 02 0002",        //   NumCSQ[191] = 2
                "3E 04 00000001 40 02 0000", // CSQ pair: CSQID[62] 1, reserved[64] 0
                "3E 04 00000003 40 02 0000", // CSQ pair: CSQID[62] 3, reserved[64] 0
                "F7 02 0002",        //   agentState[247] NOT_READY
                "B7 02 0000",        // record 2: RecordType[183]
                "D0 04 00000000",    //   reserved[208]
                "BD 02 0002",        //   AgentType[189] supervisor
                "BE 05 'boss' 00",   //   LoginID[190]
                "D6 01 00 CF 01 00", //   reserved[214], reserved[207]
                "8D 04 00000000",    //   reserved[141]
                "BF 02 0000",        //   NumCSQ[191] = 0
            ]
        ),
        // v18: 2-byte tags, MRD_ID[246] (v17+) and ActiveTerminal[303] (v18).
        golden!(
            18,
            ConfigAgentEvent {
                records: vec![ConfigAgentRecord {
                    record_type: RecordType(0),
                    agent_type: 1,
                    login_id: "jdoe".into(),
                    csqs: vec![ConfigAgentCsq { csq_id: 1 }],
                    mrd_id: Some(1),
                    active_terminal: Some("SEP0011".into()),
                    ..Default::default()
                }],
                ..Default::default()
            },
            [
                "0000004D 000000ED",             // header: 77 = 2 + 75
                "0001",                          // NumRecords
                "00B7 02 0000",                  // RecordType[183]
                "00D0 04 00000000",              // reserved[208]
                "00BD 02 0001",                  // AgentType[189]
                "00BE 05 'jdoe' 00",             // LoginID[190]
                "00D6 01 00 00CF 01 00",         // reserved[214], reserved[207]
                "008D 04 00000000",              // reserved[141]
                "00BF 02 0001",                  // NumCSQ[191]
                "003E 04 00000001 0040 02 0000", // CSQ pair
                "00F6 04 00000001",              // MRD_ID[246] (v17+)
                "012F 08 'SEP0011' 00",          // ActiveTerminal[303] (v18)
            ]
        ),
        // A route point record (DeviceType 5): DeviceField0 = call control group,
        // DeviceField1 = application, DeviceField2 = the route point's number.
        golden!(
            16,
            ConfigDeviceEvent {
                records: vec![ConfigDeviceRecord {
                    record_type: RecordType(0),
                    device_field0: Some(4),
                    device_type: 5,
                    max_queued: Some(20),
                    device_field1: Some(2),
                    device_field2: Some("7000".into()),
                    device_field3: None,
                    device_field4: None,
                    description: Some("Main line".into()),
                }],
                ..Default::default()
            },
            [
                "00000035 000000EE",    // header: 53 = 2 + 51, CONFIG_DEVICE_EVENT (238)
                "0001",                 // NumRecords
                "B7 02 0000",           // RecordType[183]
                "D0 04 00000000",       // reserved[208]
                "B8 04 00000004",       // DeviceField0[184]: CallControlGroupID 4
                "C3 02 0005",           // DeviceType[195]: 5 = route point
                "81 04 00000014",       // MaxQueued[129]: session limit 20
                "C1 04 00000002",       // DeviceField1[193]: ApplicationID 2
                "0B 05 '7000' 00",      // DeviceField2[11]
                "86 0A 'Main line' 00", // Description[134]
            ]
        ),
        // CONFIG_TERMINAL_EVENT exists from v18 only; its tags 302-305 exceed one byte.
        golden!(
            18,
            ConfigTerminalEvent {
                records: vec![ConfigTerminalRecord {
                    record_type: RecordType(0),
                    terminal_type: 1,
                    terminal_device_name: "SEP0011".into(),
                    terminal_type_name: "Cisco 8865".into(),
                    instruments: vec!["2006".into(), "4006".into()],
                }],
                ..Default::default()
            },
            [
                "0000003A 000000F1",       // header: 58 = 2 + 56, CONFIG_TERMINAL_EVENT (241)
                "0001",                    // NumRecords
                "00B7 02 0000",            // RecordType[183] add
                "012E 02 0001",            // TerminalType[302]
                "012F 08 'SEP0011' 00",    // TerminalDeviceName[303]
                "0130 0B 'Cisco 8865' 00", // TerminalTypeName[304]
                "0131 02 0002",            // NumInstruments[305] = 2
                "0006 05 '2006' 00",       // Instrument[6]
                "0006 05 '4006' 00",       // Instrument[6]
            ]
        ),
        golden!(
            16,
            TeamConfigReq {
                invoke_id: 0xF2,
                config_param: 1,
                ..Default::default()
            },
            [
                "0000000E 000000F2", // header: 14, TEAM_CONFIG_REQ (242)
                "000000F2",          // InvokeID
                "0001",              // ConfigParam 0x1 = initial configuration
                "0000000000000000",  // reserved UNSPEC(8) = 0
            ]
        ),
        golden!(
            16,
            TeamConfigEvent {
                team_id: 7,
                operation: 1,
                team_name: "Default".into(),
                members: vec![
                    TeamMember {
                        agent_id: "boss".into(),
                        agent_flags: Some(1),
                        record_type: Some(RecordType(0)),
                        member_type: Some(1),
                    },
                    TeamMember {
                        agent_id: "3".into(),
                        agent_flags: None,
                        record_type: None,
                        member_type: Some(2),
                    },
                ],
                ..Default::default()
            },
            [
                "00000035 000000F3",  // header: 53 = 16 + 37, TEAM_CONFIG_EVENT (243)
                "00000007",           // TeamID
                "0002",               // NumRecords (members)
                "0001",               // Operation 1 = add team
                "0000000000000000",   // reserved UNSPEC(8)
                "CC 08 'Default' 00", // TeamName[204]: must be first
                "C2 05 'boss' 00",    // member 1: AgentID[194]
                "57 02 0001",         //   AgentFlags[87] primary supervisor
                "B7 02 0000",         //   RecordType[183] add
                "CD 02 0001",         //   MemberType[205] agent or supervisor
                "C2 02 '3' 00",       // member 2: AgentID[194] = CSQ ID as text
                "CD 02 0002",         //   MemberType[205] CSQ
            ]
        ),
        golden!(
            16,
            TeamConfigConf {
                invoke_id: 0xF2,
                status: 0,
                text: Some("ok".into()),
                ..Default::default()
            },
            [
                "0000000D 000000F4", // header: 13, TEAM_CONFIG_CONF (244)
                "000000F2 00000000", // InvokeID, Status success
                "07 03 'ok' 00",     // Text[7]
            ]
        ),
    ]
}

// -------------------------------------------------------------------------------------------
// Statistics (digest 05 §8; IDs are ccx placeholders).

fn statistics_cases() -> Vec<Case> {
    vec![
        golden!(
            16,
            QueryQueueStatisticsReq {
                invoke_id: 1,
                csq_id: 1,
                ..Default::default()
            },
            [
                "0000000A 000003E9", // header: 10, QUERY_QUEUE_STATISTICS_REQ (1001)
                "00000001",          // InvokeID
                "3E 04 00000001",    // CSQID[62]
            ]
        ),
        golden!(
            16,
            QueryQueueStatisticsConf {
                invoke_id: 1,
                logged_in_agents: 5,
                in_session_agents: 1,
                available_agents: 2,
                unavailable_agents: 1,
                in_work_agents: 1,
                selected_agents: 0,
                calls_in_priority_queue1: 3,
                calls_in_priority_queue6: 1,
                ..Default::default()
            },
            [
                "00000028 000003EA",             // header: 40, QUERY_QUEUE_STATISTICS_CONF (1002)
                "00000001",                      // InvokeID
                "0005 0001 0002 0001 0001 0000", // LoggedIn, InSession, Available, UnAvailable, InWork, Selected
                "00000003 00000000 00000000 00000000 00000000 00000001", // CallsInPriorityQueue1..6
            ]
        ),
        golden!(
            16,
            QueryAgentQueueStatisticsReq {
                invoke_id: 3,
                agent_id: "jdoe".into(),
                ..Default::default()
            },
            [
                "0000000B 000000EF", // header: 11, QUERY_AGENT_QUEUE_STATISTICS_REQ (239)
                "00000003",          // InvokeID
                "C2 05 'jdoe' 00",   // AgentID[194]
            ]
        ),
        golden!(
            16,
            QueryAgentQueueStatisticsConf {
                invoke_id: 3,
                calls_in_queue: 4,
                oldest_call_in_queue: 95,
                agent_id: "jdoe".into(),
                ..Default::default()
            },
            [
                "00000013 000000F0", // header: 19, QUERY_AGENT_QUEUE_STATISTICS_CONF (240)
                "00000003 00000004 0000005F", // InvokeID, CallsInQueue 4, OldestCallInQueue 95
                "C2 05 'jdoe' 00",   // AgentID[194]
            ]
        ),
        golden!(
            16,
            QuerySummaryStatisticsReq {
                invoke_id: 5,
                ..Default::default()
            },
            [
                "00000004 000003ED 00000005", // header: 4, QUERY_SUMMARY_STATISTICS_REQ (1005); InvokeID
            ]
        ),
        golden!(
            16,
            QuerySummaryStatisticsConf {
                invoke_id: 5,
                num_queues: 3,
                logged_in_agents: 12,
                in_session_agents: 4,
                available_agents: 5,
                unavailable_agents: 2,
                in_work_agents: 1,
                selected_agents: 0,
                calls_in_priority_queue1: 2,
                calls_in_priority_queue8: 9,
                ..Default::default()
            },
            [
                "00000032 000003EE", // header: 50, QUERY_SUMMARY_STATISTICS_CONF (1006)
                "00000005",          // InvokeID
                "0003 000C 0004 0005 0002 0001 0000", // NumQueues, LoggedIn, InSession, Available, UnAvailable, InWork, Selected
                "00000002 00000000 00000000 00000000", // CallsInPriorityQueue1..4
                "00000000 00000000 00000000 00000009", // CallsInPriorityQueue5..8 (8: UINT 4 assumed, row cut)
            ]
        ),
    ]
}

// -------------------------------------------------------------------------------------------
// Supervisor, assistance and emergency (digest 05 §7).

fn supervisor_cases() -> Vec<Case> {
    vec![
        golden!(
            16,
            SupervisorAssistReq {
                invoke_id: 0x76,
                call_id: CALL,
                connection_device_type: ConnectionDeviceType(0),
                connection_device_id: "2006".into(),
                agent_extension: Some("2006".into()),
                agent_id: Some("jdoe".into()),
                ..Default::default()
            },
            [
                "00000023 00000076", // header: 35 = 14 + 21, SUPERVISOR_ASSIST_REQ (118)
                "00000076 00000001 01000123 0000", // InvokeID, reserved 1, CallID, type
                "19 05 '2006' 00",   // ConnectionDeviceID[25]
                "04 05 '2006' 00",   // AgentExtension[4]
                "C2 05 'jdoe' 00",   // AgentID[194]
            ]
        ),
        golden!(
            16,
            SupervisorAssistConf {
                invoke_id: 0x76,
                call_id: 0x0100_0200,
                connection_device_type: ConnectionDeviceType(0),
                connection_device_id: "2006".into(),
                ..Default::default()
            },
            [
                "00000015 00000077",      // header: 21, SUPERVISOR_ASSIST_CONF (119)
                "00000076 01000200 0000", // InvokeID, CallID of the assist call, type
                "FFFF 0000",              // reserved 0xFFFF (LineHandle), reserved 0 (LineType)
                "19 05 '2006' 00",        // ConnectionDeviceID[25]
            ]
        ),
        golden!(
            16,
            SupervisorAssistEvent {
                call_id: 0x0100_0200,
                connection_device_type: ConnectionDeviceType(0),
                connection_device_id: "2006".into(),
                client_id: "desk-1".into(),
                text: Some("need help".into()),
                ..Default::default()
            },
            [
                "0000002A 00000078",    // header: 42 = 14 + 28, SUPERVISOR_ASSIST_EVENT (120)
                "00000001",             // reserved = 1
                "01000200 0000",        // CallID, ConnectionDeviceType
                "00000000",             // reserved = 0 (UCCE SessionID)
                "19 05 '2006' 00",      // ConnectionDeviceID[25]
                "01 07 'desk-1' 00",    // ClientID[1]
                "07 0A 'need help' 00", // Text[7]
            ]
        ),
        golden!(
            16,
            EmergencyCallReq {
                invoke_id: 0x79,
                peripheral_id: 1,
                connection_call_id: 0xFFFF_FFFF,
                connection_device_id_type: ConnectionDeviceType(0xFFFF),
                connection_device_id: "2006".into(),
                agent_id: Some("jdoe".into()),
                agent_instrument: Some("2006".into()),
                ..Default::default()
            },
            [
                "00000023 00000079", // header: 35 = 14 + 21, EMERGENCY_CALL_REQ (121)
                "00000079",          // InvokeID
                "00000001",          // PeripheralID (named here; 1 as elsewhere)
                "FFFFFFFF FFFF",     // ConnectionCallID none, ConnectionDeviceIDType none
                "19 05 '2006' 00",   // ConnectionDeviceID[25]
                "C2 05 'jdoe' 00",   // AgentID[194]
                "06 05 '2006' 00",   // AgentInstrument[6]
            ]
        ),
        golden!(
            16,
            EmergencyCallConf {
                invoke_id: 0x79,
                connection_call_id: 0x0100_0201,
                connection_device_type: ConnectionDeviceType(0),
                line_handle: 0xFFFF,
                line_type: 3,
                connection_device_id: "2006".into(),
                ..Default::default()
            },
            [
                "00000015 0000007A",      // header: 21, EMERGENCY_CALL_CONF (122)
                "00000079 01000201 0000", // InvokeID, ConnectionCallID, type
                "FFFF 0003",              // lineHandle unknown, lineType business
                "19 05 '2006' 00",        // ConnectionDeviceID[25]
            ]
        ),
        golden!(
            16,
            EmergencyCallEvent {
                invoke_id: 0x79,
                peripheral_id: 1,
                connection_call_id: 0x0100_0201,
                connection_device_type: ConnectionDeviceType(0),
                session_id: 12,
                connection_device_id: "2006".into(),
                client_id: Some("desk-1".into()),
                client_address: Some("10.0.0.5".into()),
                agent_extension: Some("2006".into()),
                agent_id: Some("jdoe".into()),
                agent_instrument: Some("2006".into()),
                ..Default::default()
            },
            [
                "00000042 0000007B",      // header: 66 = 18 + 48, EMERGENCY_CALL_EVENT (123)
                "00000079",               // InvokeID, as the UCCX page prints it
                "00000001 01000201 0000", // PeripheralID, ConnectionCallID, ConnectionDeviceType
                "0000000C",               // SessionID
                "19 05 '2006' 00",        // ConnectionDeviceID[25]
                "01 07 'desk-1' 00",      // ClientID[1]
                "51 09 '10.0.0.5' 00",    // clientAddress[81]
                "04 05 '2006' 00",        // AgentExtension[4]
                "C2 05 'jdoe' 00",        // AgentID[194]
                "06 05 '2006' 00",        // AgentInstrument[6]
            ]
        ),
        golden!(
            16,
            SuperviseCallReq {
                invoke_id: 0x7C,
                agent_call_id: CALL,
                supervisor_call_id: 0xFFFF_FFFF,
                agent_connection_device_type: ConnectionDeviceType(0),
                supervisor_connection_device_type: ConnectionDeviceType(0xFFFF),
                supervisory_action: 3,
                agent_connection_device_id: Some("2006".into()),
                supervisor_instrument: Some("2010".into()),
                ..Default::default()
            },
            [
                "00000024 0000007C", // header: 36 = 22 + 14, SUPERVISE_CALL_REQ (124)
                "0000007C 00000001", // InvokeID, reserved = 1
                "01000123 FFFFFFFF", // AgentCallID, SupervisorCallID none
                "0000 FFFF",         // Agent/SupervisorConnectionDeviceType
                "0003",              // SupervisoryAction 3 = barge-in
                "5A 05 '2006' 00",   // AgentConnectionDeviceID[90]
                "55 05 '2010' 00",   // SupervisorInstrument[85]
            ]
        ),
        golden!(
            16,
            SuperviseCallConf {
                invoke_id: 0x7C,
                call_id: CALL,
                connection_device_type: ConnectionDeviceType(0),
                connection_device_id: "2006".into(),
                ..Default::default()
            },
            [
                "00000011 0000007D",      // header: 17 = 10 + 7, SUPERVISE_CALL_CONF (125)
                "0000007C 01000123 0000", // InvokeID, CallID, type
                "19 05 '2006' 00",        // ConnectionDeviceID[25]
            ]
        ),
    ]
}

fn all_cases() -> Vec<Case> {
    [
        session_cases(),
        agent_cases(),
        call_control_cases(),
        call_event_cases(),
        config_cases(),
        statistics_cases(),
        supervisor_cases(),
    ]
    .into_iter()
    .flatten()
    .collect()
}

#[test]
fn session_messages_are_byte_exact() {
    check_all(&session_cases());
}

#[test]
fn agent_messages_are_byte_exact() {
    check_all(&agent_cases());
}

#[test]
fn call_control_messages_are_byte_exact() {
    check_all(&call_control_cases());
}

#[test]
fn call_events_are_byte_exact() {
    check_all(&call_event_cases());
}

#[test]
fn configuration_messages_are_byte_exact() {
    check_all(&config_cases());
}

#[test]
fn statistics_messages_are_byte_exact() {
    check_all(&statistics_cases());
}

#[test]
fn supervisor_messages_are_byte_exact() {
    check_all(&supervisor_cases());
}

#[test]
fn every_message_type_has_a_golden_frame() {
    let covered: BTreeSet<u32> = all_cases().iter().map(|c| c.msg.type_id()).collect();
    let missing: Vec<String> = cti_proto::table::messages()
        .iter()
        .filter(|m| !covered.contains(&m.id))
        .map(|m| format!("{} ({})", m.name, m.id))
        .collect();
    assert!(
        missing.is_empty(),
        "no golden frame for: {}",
        missing.join(", ")
    );
    // And no golden frame claims a type the table does not have.
    for c in all_cases() {
        assert!(
            c.msg.spec().is_some(),
            "line {}: not a table message",
            c.line
        );
    }
}

#[test]
fn version_dependent_fixed_fields_are_exercised() {
    // The brief's version pairs must each have a golden frame on both sides of the change.
    let have: BTreeSet<(&str, u8)> = all_cases()
        .iter()
        .map(|c| (c.msg.name(), c.settings.version))
        .collect();
    for (name, v) in [
        ("SET_AGENT_STATE_REQ", 11),
        ("SET_AGENT_STATE_REQ", 12),
        ("MAKE_CALL_REQ", 13),
        ("MAKE_CALL_REQ", 14),
        ("SNAPSHOT_CALL_CONF", 10),
        ("SNAPSHOT_CALL_CONF", 11),
        ("CONFIG_REQUEST_EVENT", 10),
        ("CONFIG_REQUEST_EVENT", 11),
        ("CONFIG_REQUEST_KEY_EVENT", 10),
        ("CONFIG_REQUEST_KEY_EVENT", 11),
        ("OPEN_CONF", 13),
        ("OPEN_CONF", 14),
        ("OPEN_CONF", 18),
        ("CONFIG_TERMINAL_EVENT", 18),
    ] {
        assert!(have.contains(&(name, v)), "no golden {name} at v{v}");
    }
}

/// Fields that do not exist at the session's version are left out when encoding, whatever
/// the typed value holds, and read back as their defaults.
#[test]
fn fields_newer_than_the_session_are_not_sent() {
    let s11 = Settings::new(11);
    let m = SetAgentStateReq {
        invoke_id: 0x21,
        agent_state: AgentState::AGENT_STATE_READY,
        agent_capacity: 1,
        agent_instrument: "2006".into(),
        active_terminal: Some("SEP0011".into()),
        ..Default::default()
    };
    let want = hex(&[
        "00000018 00000026",                        // header: 24 = 17 + 7
        "00000021 00000001 0003 0000 0000 0000 00", // 17 bytes: no AgentCapacity before v12
        "06 05 '2006' 00", // AgentInstrument[6]; no ActiveTerminal before v18
    ]);
    assert_eq!(show(&m.to_bytes(&s11).unwrap()), show(&want));
    let back = SetAgentStateReq::decode_frame(&want, &s11).unwrap();
    assert_eq!(back.agent_capacity, 0);
    assert_eq!(back.active_terminal, None);

    let s13 = Settings::new(13);
    let conf = OpenConf {
        invoke_id: 1,
        peripherals: vec![OpenConfPeripheral {
            peripheral_id: Some(5000),
            multiline_agent_control: Some(1),
        }],
        config_msg_mask_granted: Some(0x1F),
        ..Default::default()
    };
    let want = hex(&[
        "0000001A 00000004", // header: 26, fixed part only
        "00000001 00000000 00000000 00000000 00000000 0000 0000 0000",
    ]);
    assert_eq!(show(&conf.to_bytes(&s13).unwrap()), show(&want));
}

/// v18 with the 2-byte FieldLength option: the same CONFIG_TERMINAL_EVENT as the golden frame
/// above, each length now two bytes.
#[test]
fn v18_two_byte_lengths_are_byte_exact() {
    let s = Settings {
        v18_length_width: LengthWidth::Two,
        ..Settings::new(18)
    };
    let c = golden!(@ s, ConfigTerminalEvent {
        records: vec![ConfigTerminalRecord {
            record_type: RecordType(0),
            terminal_type: 1,
            terminal_device_name: "SEP0011".into(),
            terminal_type_name: "Cisco 8865".into(),
            instruments: vec!["2006".into()],
        }],
        ..Default::default()
    }, [
        "00000038 000000F1", // header: 56 = 2 + 54, CONFIG_TERMINAL_EVENT (241)
        "0001",              // NumRecords
        "00B7 0002 0000",    // RecordType[183]: 2-byte tag, 2-byte length
        "012E 0002 0001",    // TerminalType[302]
        "012F 0008 'SEP0011' 00", // TerminalDeviceName[303]
        "0130 000B 'Cisco 8865' 00", // TerminalTypeName[304]
        "0131 0002 0001",    // NumInstruments[305]
        "0006 0005 '2006' 00", // Instrument[6]
    ]);
    check_all(&[c]);
}

/// The checker itself can fail: a golden frame with one wrong byte, or a typed value that
/// differs from its frame, is reported in every direction it affects.
#[test]
fn a_wrong_golden_frame_is_caught() {
    let good = &session_cases()[0]; // FAILURE_CONF, status 3
    assert!(check(good).is_empty());
    let mut bad_bytes = Case {
        line: good.line,
        settings: good.settings,
        msg: good.msg.clone(),
        bytes: good.bytes.clone(),
    };
    bad_bytes.bytes[15] = 4; // Status 3 -> 4
    let errs = check(&bad_bytes);
    assert!(
        errs.iter()
            .any(|e| e.contains("encode differs at byte Some(15)")),
        "{errs:?}"
    );
    assert!(
        errs.iter().any(|e| e.contains("decode differs")),
        "{errs:?}"
    );
    let mut short = bad_bytes;
    short.bytes.pop();
    assert!(check(&short)[0].contains("golden data inconsistent"));
}

/// A client keeps floating fields it does not know and sends them back unchanged.
#[test]
fn unknown_fields_survive_a_round_trip() {
    let s = Settings::new(16);
    let bytes = hex(&[
        "00000010 00000002", // header: 16, FAILURE_EVENT
        "00000011",          // Status E_CTI_UNSPECIFIED_FAILURE (17)
        "07 03 'hi' 00",     // Text[7]
        "FA 05 0102030405",  // tag 250, unknown to the table
    ]);
    let m = FailureEvent::decode_frame(&bytes, &s).unwrap();
    assert_eq!(m.status, StatusCode::E_CTI_UNSPECIFIED_FAILURE);
    assert_eq!(m.text.as_deref(), Some("hi"));
    assert_eq!(
        m.unknown,
        vec![cti_proto::wire::RawField {
            tag: 250,
            data: vec![1, 2, 3, 4, 5]
        }]
    );
    assert_eq!(show(&m.to_bytes(&s).unwrap()), show(&bytes));

    // An unknown message type is kept whole as well.
    let raw = hex(&["00000003 00000063", "AABBCC"]); // type 99, 3-byte body
    let m = Message::decode_frame(&raw, &s).unwrap();
    assert_eq!(
        m,
        Message::Unknown(RawMessage {
            type_id: 99,
            body: vec![0xAA, 0xBB, 0xCC]
        })
    );
    assert_eq!(show(&m.to_bytes(&s).unwrap()), show(&raw));
}
