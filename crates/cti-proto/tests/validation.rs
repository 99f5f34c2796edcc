//! Strict (server-side) validation, one test per status the server answers with
//! (digest 03 §D.1, 01 §3.2, 02 §2.1), each on hand-written bytes, checking the status, the
//! field named and the byte offset (from the start of the frame, header included):
//!
//! | status | broken rule |
//! |---|---|
//! | E_CTI_INVALID_MESSAGE_TYPE (2) | unknown type; server-to-client type from a client; type newer than the session |
//! | E_CTI_INVALID_FIELD (3) | unknown tag; tag not allowed in this message or at this version; repeated field |
//! | E_CTI_REQUIRED_DATA_MISSING (6) | required field absent (plain, at-least-one, required-when) |
//! | E_CTI_INVALID_PERIPHERAL_ID (7) | reserved fixed field with a value other than the guide's |
//! | E_CTI_INVALID_FIELD_LENGTH (23) | field over its maximum, numeric field of the wrong size, short fixed part, field past the body, named data over 2000 bytes |
//!
//! Also: validation never panics and never allocates (a counting global allocator watches
//! this test binary), every `Problem` maps to its status, and the whole E_CTI status table.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicUsize, Ordering};

use cti_proto::codes::StatusCode;
use cti_proto::msg::*;
use cti_proto::spec::{Direction, Source};
use cti_proto::validate::{validate, Validator};
use cti_proto::wire::{LengthWidth, RawField, Settings};
use cti_proto::{DecodeError, FrameView, Problem};

#[path = "golden/hex.rs"]
mod hex;
use hex::hex;

// -------------------------------------------------------------------------------------------
// A counting allocator: counts allocations made by the thread that armed it, so tests running
// in parallel in this binary do not disturb the count.

struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    static ARMED: Cell<bool> = const { Cell::new(false) };
}

fn note_allocation() {
    if ARMED.try_with(Cell::get).unwrap_or(false) {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
    }
}

// SAFETY: every call is forwarded unchanged to the system allocator; counting touches only an
// atomic and a const-initialised thread-local that never allocates.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note_allocation();
        System.alloc(layout)
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note_allocation();
        System.alloc_zeroed(layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note_allocation();
        System.realloc(ptr, layout, new_size)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Allocations made by `f` on this thread.
fn allocations_in(f: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    ARMED.with(|a| a.set(true));
    f();
    ARMED.with(|a| a.set(false));
    ALLOCATIONS.load(Ordering::Relaxed) - before
}

// -------------------------------------------------------------------------------------------
// Helpers.

/// Validate a client's request at `version`; it must fail.
fn reject(version: u8, chunks: &[&str]) -> DecodeError {
    reject_from(Direction::ClientToServer, Settings::new(version), chunks)
}

fn reject_from(from: Direction, s: Settings, chunks: &[&str]) -> DecodeError {
    let frame = hex(chunks);
    let v = FrameView::new(&frame, &s).expect("the frame's length matches its header");
    match validate(&v, from) {
        Ok(()) => panic!("accepted: {}", hex::show(&frame)),
        Err(e) => e,
    }
}

fn accept(version: u8, chunks: &[&str]) {
    let frame = hex(chunks);
    let s = Settings::new(version);
    if let Err(e) = FrameView::new(&frame, &s).and_then(|v| v.validate()) {
        panic!("rejected: {e}\n{}", hex::show(&frame));
    }
}

/// Assert problem, status, field, tag and offset at once, so a failure shows all of them.
#[track_caller]
fn expect(
    e: DecodeError,
    problem: Problem,
    status: StatusCode,
    field: &str,
    tag: Option<u16>,
    offset: usize,
) {
    assert_eq!(
        (e.problem, e.status(), e.field, e.tag, e.offset),
        (problem, status, field, tag, offset),
        "{e}"
    );
}

/// The 44-byte OPEN_REQ fixed part of a v16 agent-mode session, with `reserved` as the 4th
/// field and `last` as the 11th (both must be 0).
fn open_req_fixed(reserved: &str, last: &str) -> Vec<String> {
    vec![
        "00000001 00000010 00000064".into(), // InvokeID, VersionNumber 16, IdleTimeout 100
        reserved.into(),                     // reserved = 0 (offset 20)
        "00000007 00000005 000001FF 0000000F".into(), // services and masks
        "00000000 00000000".into(),          // reserved x2
        last.into(),                         // reserved (offset 48)
    ]
}

fn owned(chunks: &[String]) -> Vec<&str> {
    chunks.iter().map(String::as_str).collect()
}

// -------------------------------------------------------------------------------------------
// E_CTI_INVALID_MESSAGE_TYPE (2)

#[test]
fn unknown_message_type_is_invalid_message_type() {
    let e = reject(16, &["00000004 000000C8", "00000001"]); // type 200: not in the table
    expect(
        e,
        Problem::UnknownType,
        StatusCode::E_CTI_INVALID_MESSAGE_TYPE,
        "MessageTypeID",
        None,
        4,
    );
}

#[test]
fn server_to_client_type_from_a_client_is_invalid_message_type() {
    // HEARTBEAT_CONF (6) is what the server sends; a client may not.
    let e = reject(16, &["00000004 00000006", "00000009"]);
    expect(
        e,
        Problem::WrongDirection,
        StatusCode::E_CTI_INVALID_MESSAGE_TYPE,
        "HEARTBEAT_CONF",
        None,
        4,
    );
    // The same frame is fine coming from the server.
    let s = Settings::new(16);
    let f = hex(&["00000004 00000006", "00000009"]);
    validate(&FrameView::new(&f, &s).unwrap(), Direction::ServerToClient).unwrap();
    // And a client request is wrong coming from the server.
    let f = hex(&["00000004 00000005", "00000009"]);
    let e = validate(&FrameView::new(&f, &s).unwrap(), Direction::ServerToClient).unwrap_err();
    assert_eq!(
        (e.problem, e.field, e.offset),
        (Problem::WrongDirection, "HEARTBEAT_REQ", 4)
    );
}

#[test]
fn message_newer_than_the_session_is_invalid_message_type() {
    // CONFIG_TERMINAL_EVENT exists from v18 only.
    let e = reject_from(
        Direction::ServerToClient,
        Settings::new(17),
        &["00000002 000000F1", "0000"],
    );
    expect(
        e,
        Problem::NotInVersion { since: 18 },
        StatusCode::E_CTI_INVALID_MESSAGE_TYPE,
        "CONFIG_TERMINAL_EVENT",
        None,
        4,
    );
}

// -------------------------------------------------------------------------------------------
// E_CTI_INVALID_FIELD (3)

/// QUERY_AGENT_STATE_REQ's 16-byte fixed part (valid reserved values).
const QASR: &str = "00000010 00000001 00000001 00000000";

#[test]
fn unknown_tag_is_invalid_field() {
    let e = reject(
        16,
        &[
            "0000001A 00000024", // 26, QUERY_AGENT_STATE_REQ
            QASR,
            "C2 05 'jdoe' 00", // AgentID[194] (offset 24)
            "FA 01 00",        // tag 250: no message defines it (offset 31)
        ],
    );
    expect(
        e,
        Problem::UnknownTag,
        StatusCode::E_CTI_INVALID_FIELD,
        "floating field",
        Some(250),
        31,
    );
}

#[test]
fn known_tag_not_allowed_in_this_message_is_invalid_field() {
    let e = reject(
        16,
        &[
            "0000001C 00000024", // 28, QUERY_AGENT_STATE_REQ
            QASR,
            "C2 05 'jdoe' 00", // AgentID[194]
            "07 03 'hi' 00",   // Text[7]: defined elsewhere, not here (offset 31)
        ],
    );
    expect(
        e,
        Problem::TagNotAllowed,
        StatusCode::E_CTI_INVALID_FIELD,
        "floating field",
        Some(7),
        31,
    );
}

#[test]
fn tag_newer_than_the_session_is_invalid_field() {
    // OPEN_CONF's ConfigMsgMaskGranted[248] exists from v18; at v17 it is not allowed.
    let fixed = "00000001 00000007 00000000 00000000 00000000 0001 0000 0002"; // 26 bytes
    let e = reject_from(
        Direction::ServerToClient,
        Settings::new(17),
        &["0000001E 00000004", fixed, "F8 02 001F"],
    );
    expect(
        e,
        Problem::TagNotAllowed,
        StatusCode::E_CTI_INVALID_FIELD,
        "ConfigMsgMaskGranted",
        Some(248),
        34,
    );
    // Likewise NumPeripherals[228] (v14) at v13.
    let e = reject_from(
        Direction::ServerToClient,
        Settings::new(13),
        &["0000001E 00000004", fixed, "E4 02 0001"],
    );
    expect(
        e,
        Problem::TagNotAllowed,
        StatusCode::E_CTI_INVALID_FIELD,
        "NumPeripherals",
        Some(228),
        34,
    );
    // At v18 the same field is fine (with its 2-byte tag).
    let s = Settings::new(18);
    let f = hex(&["0000001F 00000004", fixed, "00F8 02 001F"]);
    validate(&FrameView::new(&f, &s).unwrap(), Direction::ServerToClient).unwrap();
}

#[test]
fn repeated_field_is_invalid_field() {
    let e = reject(
        16,
        &[
            "00000025 00000024", // 37, QUERY_AGENT_STATE_REQ
            QASR,
            "C2 05 'jdoe' 00", // AgentID[194]
            "04 05 '2006' 00", // AgentExtension[4]
            "C2 05 'jdoe' 00", // AgentID[194] again (offset 38)
        ],
    );
    expect(
        e,
        Problem::Duplicate,
        StatusCode::E_CTI_INVALID_FIELD,
        "AgentID",
        Some(194),
        38,
    );
}

// -------------------------------------------------------------------------------------------
// E_CTI_REQUIRED_DATA_MISSING (6)

/// SET_AGENT_STATE_REQ's 21-byte fixed part (v12+) for `state`.
fn sasr(state: &str) -> String {
    format!("00000021 00000001 {state} 0000 0000 0000 00 00000000")
}

#[test]
fn missing_required_field_is_required_data_missing() {
    // SET_AGENT_STATE_REQ to READY without AgentInstrument[6]; reported at the end of the body.
    let e = reject(16, &["00000015 00000026", &sasr("0003")]);
    expect(
        e,
        Problem::Missing,
        StatusCode::E_CTI_REQUIRED_DATA_MISSING,
        "AgentInstrument",
        Some(6),
        29,
    );
    // A required reserved field counts too: CONFIG_REQUEST_EVENT without reserved[131].
    let e = reject(16, &["00000008 000000E8", "0000000F 00000000"]);
    expect(
        e,
        Problem::Missing,
        StatusCode::E_CTI_REQUIRED_DATA_MISSING,
        "reserved",
        Some(131),
        16,
    );
}

#[test]
fn missing_required_field_of_a_group_is_required_data_missing() {
    // SNAPSHOT_DEVICE_CONF: a call without CallDeviceConnectionState[61].
    let e = reject_from(
        Direction::ServerToClient,
        Settings::new(16),
        &[
            "00000017 00000055", // 23
            "00000084 0001",     // InvokeID, NumCalls 1
            "38 04 01000123 39 02 0000 3A 05 '2006' 00",
        ],
    );
    expect(
        e,
        Problem::Missing,
        StatusCode::E_CTI_REQUIRED_DATA_MISSING,
        "CallDeviceConnectionState",
        Some(61),
        31,
    );
}

#[test]
fn fewer_group_entries_than_counted_is_required_data_missing() {
    // SET_CALL_DATA_REQ says one named variable and sends none.
    let fixed = "00000030 00000001 0000 01000123 0001 0000 0001 0000 00000000 00000001";
    let e = reject(16, &["00000025 0000001A", fixed, "19 05 '2006' 00"]);
    expect(
        e,
        Problem::CountMismatch {
            declared: 1,
            found: 0,
        },
        StatusCode::E_CTI_REQUIRED_DATA_MISSING,
        "named variable",
        None,
        45,
    );
    // More than counted is a field that should not be there.
    let fixed0 = "00000030 00000001 0000 01000123 0000 0000 0001 0000 00000000 00000001";
    let e = reject(
        16,
        &[
            "0000002B 0000001A",
            fixed0,
            "19 05 '2006' 00",
            "52 04 'v' 00 '1' 00",
        ],
    );
    assert_eq!(
        (e.problem, e.status()),
        (
            Problem::CountMismatch {
                declared: 0,
                found: 1
            },
            StatusCode::E_CTI_INVALID_FIELD
        )
    );
}

#[test]
fn none_of_at_least_one_is_required_data_missing() {
    // QUERY_AGENT_STATE_REQ names the agent by none of AgentExtension[4], AgentInstrument[6],
    // AgentID[194]: the first of the three is named.
    let e = reject(16, &["00000010 00000024", QASR]);
    expect(
        e,
        Problem::Missing,
        StatusCode::E_CTI_REQUIRED_DATA_MISSING,
        "AgentExtension",
        Some(4),
        24,
    );
    // Any one of them is enough.
    for f in ["04 05 '2006' 00", "06 05 '2006' 00", "C2 05 'jdoe' 00"] {
        accept(16, &["00000017 00000024", QASR, f]);
    }
}

#[test]
fn login_without_password_is_required_data_missing() {
    // Rule::RequiredWhen: AgentPassword[49] is required when AgentState = LOGIN (0).
    let e = reject(
        16,
        &[
            "00000023 00000026", // 35 = 21 + 14
            &sasr("0000"),       // LOGIN
            "06 05 '2006' 00",   // AgentInstrument[6]
            "C2 05 'jdoe' 00",   // AgentID[194]
        ],
    );
    expect(
        e,
        Problem::Missing,
        StatusCode::E_CTI_REQUIRED_DATA_MISSING,
        "AgentPassword",
        Some(49),
        43,
    );
    // AgentID[194] is required for LOGOUT (1).
    let e = reject(16, &["0000001C 00000026", &sasr("0001"), "06 05 '2006' 00"]);
    expect(
        e,
        Problem::Missing,
        StatusCode::E_CTI_REQUIRED_DATA_MISSING,
        "AgentID",
        Some(194),
        36,
    );
    // Neither is required to go READY (3).
    accept(16, &["0000001C 00000026", &sasr("0003"), "06 05 '2006' 00"]);
}

// -------------------------------------------------------------------------------------------
// E_CTI_INVALID_PERIPHERAL_ID (7)

#[test]
fn open_req_reserved_not_zero_is_invalid_peripheral_id() {
    let fixed = open_req_fixed("00000005", "00000000");
    let mut chunks = vec!["0000002C 00000003"];
    chunks.extend(owned(&fixed));
    expect(
        reject(16, &chunks),
        Problem::ReservedValue {
            expected: 0,
            found: 5,
        },
        StatusCode::E_CTI_INVALID_PERIPHERAL_ID,
        "reserved",
        None,
        20,
    );
    // The last of the three trailing reserved UINTs.
    let fixed = open_req_fixed("00000000", "00000001");
    let mut chunks = vec!["0000002C 00000003"];
    chunks.extend(owned(&fixed));
    expect(
        reject(16, &chunks),
        Problem::ReservedValue {
            expected: 0,
            found: 1,
        },
        StatusCode::E_CTI_INVALID_PERIPHERAL_ID,
        "reserved",
        None,
        48,
    );
    // All zero: accepted.
    let fixed = open_req_fixed("00000000", "00000000");
    let mut chunks = vec!["0000002C 00000003"];
    chunks.extend(owned(&fixed));
    accept(16, &chunks);
}

#[test]
fn query_agent_state_req_reserved_not_one_is_invalid_peripheral_id() {
    expect(
        reject(
            16,
            &[
                "00000017 00000024",
                "00000010 00000000 00000001 00000000", // 2nd field must be 1
                "C2 05 'jdoe' 00",
            ],
        ),
        Problem::ReservedValue {
            expected: 1,
            found: 0,
        },
        StatusCode::E_CTI_INVALID_PERIPHERAL_ID,
        "reserved",
        None,
        12,
    );
    expect(
        reject(
            16,
            &[
                "00000017 00000024",
                "00000010 00000001 00000002 00000000", // 3rd field (INT) must be 1
                "C2 05 'jdoe' 00",
            ],
        ),
        Problem::ReservedValue {
            expected: 1,
            found: 2,
        },
        StatusCode::E_CTI_INVALID_PERIPHERAL_ID,
        "reserved",
        None,
        16,
    );
}

#[test]
fn make_call_req_null_csq_is_checked_from_v14() {
    let fixed = "00000056 00000001 0000 0000 0000 0000 0000 0000 0000 0000 0000 0000";
    let floating = "06 05 '2006' 00 0B 05 '2007' 00";
    // v14: the trailing reserved UINT must be NULL_CSQ.
    expect(
        reject(14, &["0000002E 00000038", fixed, "00000000", floating]),
        Problem::ReservedValue {
            expected: 0xFFFF_FFFF,
            found: 0,
        },
        StatusCode::E_CTI_INVALID_PERIPHERAL_ID,
        "reserved",
        None,
        36,
    );
    accept(14, &["0000002E 00000038", fixed, "FFFFFFFF", floating]);
    // v13: there is no such field; the same 4 bytes would be read as floating data.
    accept(13, &["0000002A 00000038", fixed, floating]);
}

// -------------------------------------------------------------------------------------------
// E_CTI_INVALID_FIELD_LENGTH (23)

#[test]
fn floating_field_over_its_maximum_is_invalid_field_length() {
    // ClientID[1] is STRING 64, NUL included: 64 characters + NUL = 65 bytes is one too many.
    let fixed = open_req_fixed("00000000", "00000000");
    let long = format!("01 41 '{}' 00", "a".repeat(64));
    let mut chunks = vec!["0000006F 00000003"]; // 111 = 44 + 2 + 65
    chunks.extend(owned(&fixed));
    chunks.push(&long);
    expect(
        reject(16, &chunks),
        Problem::TooLong { len: 65, max: 64 },
        StatusCode::E_CTI_INVALID_FIELD_LENGTH,
        "ClientID",
        Some(1),
        52,
    );
    // 63 characters + NUL fit exactly.
    let fits = format!("01 40 '{}' 00", "a".repeat(63));
    let mut chunks = vec!["0000006E 00000003"]; // 110
    chunks.extend(owned(&fixed));
    chunks.push(&fits);
    accept(16, &chunks);
}

#[test]
fn numeric_field_of_the_wrong_length_is_invalid_field_length() {
    // CSQID[62] is a UINT: 4 bytes, not 2.
    expect(
        reject(16, &["00000008 000003E9", "00000001", "3E 02 0001"]),
        Problem::WrongLength {
            len: 2,
            expected: 4,
        },
        StatusCode::E_CTI_INVALID_FIELD_LENGTH,
        "CSQID",
        Some(62),
        12,
    );
    // reserved[131] is a UINT too.
    expect(
        reject(16, &["0000000B 000000E8", "00000000 00000000", "83 01 00"]),
        Problem::WrongLength {
            len: 1,
            expected: 4,
        },
        StatusCode::E_CTI_INVALID_FIELD_LENGTH,
        "reserved",
        Some(131),
        16,
    );
}

#[test]
fn body_shorter_than_its_fixed_part_is_invalid_field_length() {
    // OPEN_REQ with 20 body bytes: CallMsgMask (offset 28) does not fit.
    expect(
        reject(
            16,
            &[
                "00000014 00000003",
                "00000001 00000010 00000064 00000000 00000007",
            ],
        ),
        Problem::FixedTruncated,
        StatusCode::E_CTI_INVALID_FIELD_LENGTH,
        "CallMsgMask",
        None,
        28,
    );
    // SET_AGENT_STATE_REQ at v12 needs AgentCapacity: a v11-sized (17-byte) body is short.
    expect(
        reject(
            12,
            &[
                "00000011 00000026",
                "00000021 00000001 0003 0000 0000 0000 01",
            ],
        ),
        Problem::FixedTruncated,
        StatusCode::E_CTI_INVALID_FIELD_LENGTH,
        "AgentCapacity",
        None,
        25,
    );
}

#[test]
fn field_running_past_the_body_is_invalid_field_length() {
    // AgentID[194] claims 9 bytes; only 5 are left.
    expect(
        reject(16, &["00000017 00000024", QASR, "C2 09 'jdoe' 00"]),
        Problem::FieldOverrun { len: 9, left: 5 },
        StatusCode::E_CTI_INVALID_FIELD_LENGTH,
        "floating field",
        None,
        24,
    );
    // At v18 a body that ends inside a 2-byte tag.
    expect(
        reject(18, &["00000011 00000024", QASR, "00"]),
        Problem::FieldHeaderTruncated,
        StatusCode::E_CTI_INVALID_FIELD_LENGTH,
        "floating field",
        None,
        24,
    );
}

/// One NAMEDVARIABLE of 244 data bytes: a 32-character name and a 210-character value, each
/// with its NUL (the largest a single variable can be: 33 + 211).
fn big_named_var(i: usize) -> String {
    let name = format!("{:0>32}", i);
    let value = "v".repeat(210);
    format!("52 F4 '{name}' 00 '{value}' 00")
}

#[test]
fn named_variables_over_2000_bytes_are_invalid_field_length() {
    // SET_CALL_DATA_REQ with nine 244-byte variables: 8 x 244 = 1952 fits, the ninth makes
    // 2196 > 2000. It starts at 8 + 30 + 7 + 8 x 246 = 2013.
    let fixed = "00000030 00000001 0000 01000123 0009 0000 0001 0000 00000000 00000001";
    let vars: Vec<String> = (0..9).map(big_named_var).collect();
    let header = format!("{:08X} 0000001A", 30 + 7 + 9 * 246);
    let mut chunks = vec![header.as_str(), fixed, "19 05 '2006' 00"];
    chunks.extend(vars.iter().map(String::as_str));
    expect(
        reject(16, &chunks),
        Problem::NamedDataTooLarge { len: 2196 },
        StatusCode::E_CTI_INVALID_FIELD_LENGTH,
        "NamedVariable",
        Some(82),
        2013,
    );
    // Eight of them are fine.
    let fixed8 = "00000030 00000001 0000 01000123 0008 0000 0001 0000 00000000 00000001";
    let header = format!("{:08X} 0000001A", 30 + 7 + 8 * 246);
    let mut chunks = vec![header.as_str(), fixed8, "19 05 '2006' 00"];
    chunks.extend(vars[..8].iter().map(String::as_str));
    accept(16, &chunks);
}

#[test]
fn malformed_named_variables_are_invalid_field_length() {
    let fixed = "00000030 00000001 0000 01000123 0001 0000 0001 0000 00000000 00000001";
    // A name of 33 characters + NUL = 34 > 33.
    let name = format!("52 24 '{}' 00 'x' 00", "n".repeat(33));
    expect(
        reject(16, &["0000004B 0000001A", fixed, "19 05 '2006' 00", &name]),
        Problem::TooLong { len: 34, max: 33 },
        StatusCode::E_CTI_INVALID_FIELD_LENGTH,
        "NamedVariable",
        Some(82),
        45,
    );
    // No NUL at all: name and value cannot be told apart.
    expect(
        reject(
            16,
            &["0000002A 0000001A", fixed, "19 05 '2006' 00", "52 03 'abc'"],
        ),
        Problem::BadNamedData,
        StatusCode::E_CTI_INVALID_FIELD_LENGTH,
        "NamedVariable",
        Some(82),
        45,
    );
}

// -------------------------------------------------------------------------------------------
// Never panics, never allocates.

/// Valid frames of many shapes, hand-written above or encoded from typed values.
fn sample_frames() -> Vec<(Settings, Vec<u8>)> {
    let mut out = Vec::new();
    let s16 = Settings::new(16);
    let s18 = Settings::new(18);
    let s18w = Settings {
        v18_length_width: LengthWidth::Two,
        ..s18
    };
    let fixed = open_req_fixed("00000000", "00000000");
    let mut open = vec!["00000045 00000003"];
    open.extend(owned(&fixed));
    open.extend([
        "01 01 00 02 01 00",
        "04 06 '52293' 00 06 01 00 C2 06 '52293' 00",
    ]);
    out.push((s16, hex(&open)));
    out.push((
        s16,
        hex(&[
            "00000029 00000026",
            &sasr("0000"),
            "06 05 '2006' 00 31 04 'pw1' 00 C2 05 'jdoe' 00",
        ]),
    ));
    out.push((s16, hex(&["00000017 00000024", QASR, "C2 05 'jdoe' 00"])));
    let typed: Vec<Message> = vec![
        SetCallDataReq {
            invoke_id: 1,
            call_id: 7,
            connection_device_id: "2006".into(),
            call_variable_1: Some("x".into()),
            named_variables: vec![NamedVariable::new("a", "b")],
            named_arrays: vec![NamedArrayElement {
                index: 1,
                name: "c".into(),
                value: "d".into(),
            }],
            ..Default::default()
        }
        .into(),
        ConfigAgentEvent {
            records: vec![ConfigAgentRecord {
                login_id: "jdoe".into(),
                csqs: vec![ConfigAgentCsq { csq_id: 1 }, ConfigAgentCsq { csq_id: 2 }],
                active_terminal: Some("SEP1".into()),
                ..Default::default()
            }],
            ..Default::default()
        }
        .into(),
        QueryAgentStateConf {
            agent_id: "jdoe".into(),
            csqs: vec![CsqState::default(), CsqState::default()],
            ..Default::default()
        }
        .into(),
        TeamConfigEvent {
            team_name: "T".into(),
            members: vec![TeamMember {
                agent_id: "a".into(),
                member_type: Some(1),
                ..Default::default()
            }],
            ..Default::default()
        }
        .into(),
        ConfigTerminalEvent {
            records: vec![ConfigTerminalRecord {
                terminal_device_name: "SEP1".into(),
                terminal_type_name: "x".into(),
                instruments: vec!["1".into(), "2".into()],
                ..Default::default()
            }],
            ..Default::default()
        }
        .into(),
        MakeCallReq {
            agent_instrument: "2006".into(),
            dialed_number: "2007".into(),
            ..Default::default()
        }
        .into(),
    ];
    for m in &typed {
        for s in [Settings::new(10), s16, s18, s18w] {
            if let Ok(b) = m.to_bytes(&s) {
                out.push((s, b.to_vec()));
            }
        }
    }
    out
}

/// Every truncation (with the header fixed up) and a few byte values at every position.
fn mutations(frames: &[(Settings, Vec<u8>)]) -> Vec<(Settings, Vec<u8>)> {
    let mut out = Vec::new();
    for (s, f) in frames {
        out.push((*s, f.clone()));
        for cut in 8..f.len() {
            let mut t = f[..cut].to_vec();
            t[..4].copy_from_slice(&((cut - 8) as u32).to_be_bytes());
            out.push((*s, t));
        }
        for i in 0..f.len() {
            for v in [0x00, 0x01, 0x7F, 0xFF, f[i].wrapping_add(1)] {
                let mut m = f.clone();
                m[i] = v;
                out.push((*s, m));
            }
        }
    }
    out
}

#[test]
fn validation_never_panics_and_never_allocates() {
    // Start from valid frames only (a typed message encoded at a version older than the
    // message itself, e.g. CONFIG_TERMINAL_EVENT at v10, is not one).
    let samples: Vec<_> = sample_frames()
        .into_iter()
        .filter(|(s, f)| {
            let v = FrameView::new(f, s).expect("sample frames are whole");
            [Direction::ClientToServer, Direction::ServerToClient]
                .into_iter()
                .any(|d| validate(&v, d).is_ok())
        })
        .collect();
    assert!(samples.len() >= 20, "only {} valid samples", samples.len());
    let frames = mutations(&samples);
    assert!(frames.len() > 5_000);
    // Build the table's lookup structures (a one-time `OnceLock` per process) before
    // counting: the first unknown tag, for one, builds the set of tags known anywhere.
    cti_proto::layout::known_tag(0);
    let _ = cti_proto::layout::layouts();
    let (mut ok, mut rejected) = (0usize, 0usize);
    let n = allocations_in(|| {
        for (s, f) in &frames {
            // (A mutated header whose length disagrees with the frame yields no view.)
            if let Ok(v) = FrameView::new(f, s) {
                for from in [Direction::ClientToServer, Direction::ServerToClient] {
                    match validate(&v, from) {
                        Ok(()) => ok += 1,
                        Err(e) => {
                            // Every rejection carries a status the server can send.
                            assert!(e.status().0 != 0);
                            rejected += 1;
                        }
                    }
                }
                // The borrowed view's readers are allocation-free too.
                let fixed = v.fixed().count();
                let floating = v.floating().take(200).count();
                assert!(fixed + floating < 10_000);
            }
        }
    });
    assert_eq!(n, 0, "strict validation allocated {n} times");
    assert!(ok > 20 && rejected > 1_000, "ok {ok}, rejected {rejected}");
}

#[test]
fn the_counting_allocator_sees_allocations() {
    // The no-allocation test above would pass vacuously if counting were broken.
    let n = allocations_in(|| {
        let v: Vec<u8> = Vec::with_capacity(16);
        std::hint::black_box(v);
    });
    assert_eq!(n, 1);
}

// -------------------------------------------------------------------------------------------
// Problem -> status, for every variant.

/// The status each problem is answered with, decided here from the list (an
/// exhaustive match: a new variant does not compile until it is given a status).
fn expected_status(p: Problem) -> u32 {
    match p {
        // 2: the message type itself is wrong.
        Problem::UnknownType | Problem::WrongDirection | Problem::NotInVersion { .. } => 2,
        // 3: a floating field that should not be there (or not there / not in that order).
        Problem::UnknownTag
        | Problem::TagNotAllowed
        | Problem::Duplicate
        | Problem::OutsideGroup
        | Problem::NotFirst
        | Problem::TooMany { .. }
        | Problem::TagTooWide { .. } => 3,
        // 6 when entries are missing, 3 when there are more than counted.
        Problem::CountMismatch { declared, found } => {
            if found < declared {
                6
            } else {
                3
            }
        }
        Problem::Missing => 6,
        Problem::ReservedValue { .. } => 7,
        Problem::FixedTruncated
        | Problem::FieldHeaderTruncated
        | Problem::FieldOverrun { .. }
        | Problem::TooLong { .. }
        | Problem::WrongLength { .. }
        | Problem::BadNamedData
        | Problem::NamedDataTooLarge { .. }
        | Problem::LengthMismatch { .. } => 23,
    }
}

#[test]
fn every_problem_has_its_status() {
    let all = [
        Problem::UnknownType,
        Problem::WrongDirection,
        Problem::NotInVersion { since: 18 },
        Problem::FixedTruncated,
        Problem::ReservedValue {
            expected: 1,
            found: 0,
        },
        Problem::FieldHeaderTruncated,
        Problem::FieldOverrun { len: 9, left: 5 },
        Problem::UnknownTag,
        Problem::TagNotAllowed,
        Problem::TooLong { len: 65, max: 64 },
        Problem::WrongLength {
            len: 2,
            expected: 4,
        },
        Problem::Duplicate,
        Problem::Missing,
        Problem::CountMismatch {
            declared: 2,
            found: 1,
        },
        Problem::CountMismatch {
            declared: 1,
            found: 2,
        },
        Problem::TooMany { found: 21, max: 20 },
        Problem::OutsideGroup,
        Problem::NotFirst,
        Problem::BadNamedData,
        Problem::NamedDataTooLarge { len: 2001 },
        Problem::TagTooWide { tag: 303 },
        Problem::LengthMismatch {
            declared: 8,
            found: 4,
        },
    ];
    for p in all {
        assert_eq!(p.status().0, expected_status(p), "{p:?}");
        // Each problem says what is wrong in words.
        assert!(!p.to_string().is_empty());
    }
    // Spot checks of the literal numbers, independent of the helper above.
    assert_eq!(Problem::UnknownTag.status(), StatusCode(3));
    assert_eq!(Problem::Missing.status(), StatusCode(6));
    assert_eq!(
        Problem::ReservedValue {
            expected: 0,
            found: 1
        }
        .status(),
        StatusCode(7)
    );
    assert_eq!(Problem::FixedTruncated.status(), StatusCode(23));
}

#[test]
fn problems_that_only_other_paths_report() {
    // The group problems, reached through a server-to-client message.
    let s = Settings::new(16);
    let qasc = "00000010 0004 0001 00000001 00000000 0000 00000000 00000000 00000001"; // 30 bytes
    let f = hex(&[
        "00000039 00000025",
        qasc,
        "C2 05 'jdoe' 00",
        "41 02 0004",     // CSQState[65] before the CSQID[62] that opens its group
        "3E 04 00000001", // CSQID
        "3F 04 00000000 40 02 0000",
    ]);
    let e = validate(&FrameView::new(&f, &s).unwrap(), Direction::ServerToClient).unwrap_err();
    assert_eq!(
        (e.problem, e.field, e.offset),
        (Problem::OutsideGroup, "CSQState", 45)
    );
    // TEAM_CONFIG_EVENT: TeamName[204] must come first.
    let f = hex(&[
        "0000001E 000000F3",
        "00000007 0001 0001 0000000000000000",
        "C2 02 'a' 00",   // AgentID[194] first (offset 24)
        "CC 04 'Tea' 00", // TeamName[204]
        "CD 02 0001",
    ]);
    let e = validate(&FrameView::new(&f, &s).unwrap(), Direction::ServerToClient).unwrap_err();
    assert_eq!(
        (e.problem, e.status(), e.field, e.offset),
        (Problem::NotFirst, StatusCode(3), "TeamName", 24)
    );
    // A frame shorter than its header says.
    let f = hex(&["00000008 00000005", "00000001"]);
    let e = FrameView::new(&f, &s).unwrap_err();
    assert_eq!(
        (e.problem, e.status()),
        (
            Problem::LengthMismatch {
                declared: 8,
                found: 4
            },
            StatusCode(23)
        )
    );
    // An unknown field with a tag over 255 cannot be sent before v18.
    let m = FailureEvent {
        unknown: vec![RawField {
            tag: 303,
            data: vec![0],
        }],
        ..Default::default()
    };
    let e = m.to_bytes(&s).unwrap_err();
    assert_eq!(e.problem, Problem::TagTooWide { tag: 303 });
    assert!(m.to_bytes(&Settings::new(18)).is_ok());
}

// -------------------------------------------------------------------------------------------
// The E_CTI status table (digest 03 §D.1).

/// Names of the E_CTI codes, from the digest: UCCX names, and for the values the UCCX table
/// marks "reserved" (12, 14–16, 19–22, 24–37, 95) the UCCE names it gives "for decoding only".
/// 38–91 have no name in the digest.
const NAMES: &[(u32, &str, bool)] = &[
    // (value, name, named in the UCCX table itself)
    (0, "E_CTI_NO_ERROR", true),
    (1, "E_CTI_INVALID_VERSION", true),
    (2, "E_CTI_INVALID_MESSAGE_TYPE", true),
    (3, "E_CTI_INVALID_FIELD", true),
    (4, "E_CTI_SESSION_NOT_OPEN", true),
    (5, "E_CTI_SESSION_ALREADY_OPEN", true),
    (6, "E_CTI_REQUIRED_DATA_MISSING", true),
    (7, "E_CTI_INVALID_PERIPHERAL_ID", true),
    (8, "E_CTI_INVALID_AGENT_DATA", true),
    (9, "E_CTI_AGENT_NOT_LOGGED_ON", true),
    (10, "E_CTI_DEVICE_IN_USE", true),
    (11, "E_CTI_NEW_SESSION_OPENED", true),
    (12, "E_CTI_FUNCTION_NOT_AVAILABLE", false),
    (13, "E_CTI_INVALID_CALLID", true),
    (14, "E_CTI_PROTECTED_VARIABLE", false),
    (15, "E_CTI_CTI_SERVER_OFFLINE", false),
    (16, "E_CTI_TIMEOUT", false),
    (17, "E_CTI_UNSPECIFIED_FAILURE", true),
    (18, "E_CTI_INVALID_TIMEOUT", true),
    (19, "E_CTI_INVALID_SERVICE_MASK", false),
    (20, "E_CTI_INVALID_CALL_MSG_MASK", false),
    (21, "E_CTI_INVALID_AGENT_STATE_MASK", false),
    (22, "E_CTI_INVALID_RESERVED_FIELD", false),
    (23, "E_CTI_INVALID_FIELD_LENGTH", true),
    (24, "E_CTI_INVALID_DIGITS", false),
    (25, "E_CTI_BAD_MESSAGE_FORMAT", false),
    (26, "E_CTI_INVALID_TAG_FOR_MSG_TYPE", false),
    (27, "E_CTI_INVALID_DEVICE_ID_TYPE", false),
    (28, "E_CTI_INVALID_LCL_CONN_STATE", false),
    (29, "E_CTI_INVALID_EVENT_CAUSE", false),
    (30, "E_CTI_INVALID_NUM_PARTIES", false),
    (31, "E_CTI_INVALID_SYS_EVENT_ID", false),
    (32, "E_CTI_INCONSISTENT_AGENT_DATA", false),
    (33, "E_CTI_INVALID_CONNECTION_ID_TYPE", false),
    (34, "E_CTI_INVALID_CALL_TYPE", false),
    (35, "E_CTI_NOT_CALL_PARTY", false),
    (36, "E_CTI_INVALID_PASSWORD", false),
    (37, "E_CTI_CLIENT_DISCONNECTED", false),
    (92, "E_CTI_SERVER_NOT_MASTER", true),
    (93, "E_CTI_INVALID_CSQ", true),
    (94, "E_CTI_JTAPI_CCM_PROBLEM", true),
    (95, "E_INVALID_CONFIG_MSG_MASK", false),
    (96, "E_CTI_AUTO_CONFIG_RESET", true),
];

#[test]
fn the_whole_status_table_has_names_and_display() {
    for v in 0..=96u32 {
        let code = StatusCode(v);
        match NAMES.iter().find(|(n, _, _)| *n == v) {
            Some((_, name, uccx)) => {
                assert_eq!(code.name(), Some(*name), "{v}");
                assert_eq!(code.to_string(), format!("{name} ({v})"));
                let meaning = code.meaning().unwrap_or_default();
                assert!(!meaning.is_empty(), "{name} has no description");
                // Values the UCCX table marks reserved carry an UNCONFIRMED source.
                let src = StatusCode::TABLE.get(v).unwrap().source;
                assert_eq!(src.is_confirmed(), *uccx, "{name}: {src:?}");
                if let Source::Unconfirmed(why) = src {
                    assert!(!why.is_empty());
                }
            }
            None => {
                assert_eq!(code.name(), None, "{v} should have no name");
                assert_eq!(code.to_string(), v.to_string());
            }
        }
    }
    // The constants are the numbers.
    assert_eq!(StatusCode::E_CTI_INVALID_FIELD, StatusCode(3));
    assert_eq!(StatusCode::E_CTI_INVALID_FIELD_LENGTH, StatusCode(23));
    assert_eq!(StatusCode::E_CTI_AUTO_CONFIG_RESET, StatusCode(96));
    assert_eq!(
        StatusCode::E_CTI_INVALID_FIELD.to_string(),
        "E_CTI_INVALID_FIELD (3)"
    );
    assert_eq!(format!("{:?}", StatusCode(3)), "E_CTI_INVALID_FIELD (3)");
    // Values outside the table survive and print as numbers.
    assert_eq!(StatusCode(97).to_string(), "97");
    assert_eq!(StatusCode(4_000_000_000).to_string(), "4000000000");
    assert_eq!(u32::from(StatusCode(1234)), 1234);
    // A decode error prints its status the same way.
    let e = DecodeError::new(Problem::UnknownTag, "floating field", Some(250), 31);
    assert!(e.to_string().ends_with("(E_CTI_INVALID_FIELD (3))"), "{e}");
}

// -------------------------------------------------------------------------------------------
// A `Validator` that has learnt a message's shape still checks everything that depends on the
// bytes: each case first teaches it a valid frame, then gives it one with the same fields
// (same tags, same order) that breaks a rule, and expects `validate`'s exact answer.

/// Teach a fresh `Validator` the frame `learnt` (which must pass), then validate `chunks` with
/// it: returns its error, after checking it is `validate`'s.
fn reject_after_learning(version: u8, learnt: &[&str], chunks: &[&str]) -> DecodeError {
    let s = Settings::new(version);
    let mut validator = Validator::new();
    let first = hex(learnt);
    let view = FrameView::new(&first, &s).expect("whole frame");
    if let Err(e) = validator.validate(&view, Direction::ClientToServer) {
        panic!(
            "the frame to learn was rejected: {e}\n{}",
            hex::show(&first)
        );
    }
    let frame = hex(chunks);
    let view = FrameView::new(&frame, &s).expect("whole frame");
    let plain = validate(&view, Direction::ClientToServer);
    let learnt = validator.validate(&view, Direction::ClientToServer);
    assert_eq!(learnt, plain, "{}", hex::show(&frame));
    // And once more, now that it has seen this frame too.
    assert_eq!(validator.validate(&view, Direction::ClientToServer), plain);
    learnt.expect_err("accepted")
}

#[test]
fn a_learnt_shape_still_checks_required_when_rules() {
    // SET_AGENT_STATE_REQ to READY with AgentInstrument only is fine; the same field to
    // LOGOUT needs AgentID[194], to LOGIN AgentPassword[49] (Rule::RequiredWhen reads the
    // fixed part).
    let ready = ["0000001C 00000026", &sasr("0003"), "06 05 '2006' 00"];
    let e = reject_after_learning(
        16,
        &ready,
        &["0000001C 00000026", &sasr("0001"), "06 05 '2006' 00"],
    );
    expect(
        e,
        Problem::Missing,
        StatusCode::E_CTI_REQUIRED_DATA_MISSING,
        "AgentID",
        Some(194),
        36,
    );
    let e = reject_after_learning(
        16,
        &ready,
        &["0000001C 00000026", &sasr("0000"), "06 05 '2006' 00"],
    );
    assert_eq!((e.problem, e.field), (Problem::Missing, "AgentPassword"));
}

#[test]
fn a_learnt_shape_still_checks_the_fixed_part_and_lengths() {
    let ok = open_req_fixed("00000000", "00000000");
    let bad = open_req_fixed("00000005", "00000000");
    let mut learnt = vec!["0000002C 00000003"];
    learnt.extend(owned(&ok));
    let mut chunks = vec!["0000002C 00000003"];
    chunks.extend(owned(&bad));
    let e = reject_after_learning(16, &learnt, &chunks);
    assert_eq!(
        (e.problem, e.offset),
        (
            Problem::ReservedValue {
                expected: 0,
                found: 5
            },
            20
        )
    );
    // The same field, longer than its maximum (AgentInstrument[6] is at most 64 bytes).
    let ready = ["0000001C 00000026", &sasr("0003"), "06 05 '2006' 00"];
    let long = format!("06 41 '{}' 00", "2".repeat(64));
    let header = format!("{:08X} 00000026", 0x15 + 2 + 65);
    let e = reject_after_learning(16, &ready, &[&header, &sasr("0003"), &long]);
    assert_eq!(
        (e.problem, e.field, e.offset),
        (Problem::TooLong { len: 65, max: 64 }, "AgentInstrument", 29)
    );
}

#[test]
fn a_learnt_shape_still_checks_named_data() {
    // Nine small NAMEDVARIABLEs, then nine of 244 bytes: the ninth passes 2000 bytes.
    let fixed = "00000030 00000001 0000 01000123 0009 0000 0001 0000 00000000 00000001";
    let small: Vec<String> = (0..9).map(|i| format!("52 04 'v{i}' 00 00")).collect();
    let header = format!("{:08X} 0000001A", 30 + 7 + 9 * 6);
    let mut learnt = vec![header.as_str(), fixed, "19 05 '2006' 00"];
    learnt.extend(small.iter().map(String::as_str));
    let vars: Vec<String> = (0..9).map(big_named_var).collect();
    let header = format!("{:08X} 0000001A", 30 + 7 + 9 * 246);
    let mut chunks = vec![header.as_str(), fixed, "19 05 '2006' 00"];
    chunks.extend(vars.iter().map(String::as_str));
    let e = reject_after_learning(16, &learnt, &chunks);
    assert_eq!(
        (e.problem, e.offset),
        (Problem::NamedDataTooLarge { len: 2196 }, 2013)
    );
}

#[test]
fn a_validator_allocates_nothing_once_it_knows_a_shape() {
    let frame = hex(&["0000001C 00000026", &sasr("0003"), "06 05 '2006' 00"]);
    let s = Settings::new(16);
    let view = FrameView::new(&frame, &s).unwrap();
    let mut validator = Validator::new();
    validator
        .validate(&view, Direction::ClientToServer)
        .unwrap();
    let n = allocations_in(|| {
        for _ in 0..10 {
            validator
                .validate(&view, Direction::ClientToServer)
                .unwrap();
        }
    });
    assert_eq!(n, 0);
}
