//! The value tables: every enumeration, mask and status code of the protocol, with the
//! source of each number. Typed newtypes with named constants are generated from these
//! tables (see [`crate::msg`]); printing and JSON output look names up here.
//!
//! Numbers and constant names come from the protocol digest (`spec/*.md`); the meanings are
//! our own one-line summaries. Where the guide prints a value without a constant name, the
//! table says so and the name is ours.

use crate::spec::{MaskTable, Value, ValueTable};

/// Shorthand for an unconfirmed value.
const fn u(v: Value, why: &'static str) -> Value {
    v.unconfirmed(why)
}

/// Why a status code that the UCCX table marks "reserved" still has a name.
const RESERVED_UCCE: &str = "reserved in the UCCX table; UCCE name";

/// Why a call-event mask bit is only a UCCE number.
const CALL_MASK_UCCE: &str = "UCCE value; the UCCX mask table was cut after 0x800";

/// Why a call-event mask bit names an event UCCX does not have.
const CALL_MASK_UCCE_ONLY: &str =
    "UCCE-only bit; not in the UCCX table, the event is not sent by UCCX";

/// E_CTI status codes (FAILURE_CONF, FAILURE_EVENT, CLOSE_REQ Status).
pub static STATUS_CODES: ValueTable = ValueTable {
    name: "E_CTI status codes (FAILURE_CONF, FAILURE_EVENT, CLOSE_REQ Status)",
    rust_type: "StatusCode",
    repr: "u32",
    values: &[
        Value::new(0, "E_CTI_NO_ERROR", "success; also the status of an ordinary CLOSE_REQ"),
        Value::new(1, "E_CTI_INVALID_VERSION", "the server does not speak the protocol version asked for"),
        Value::new(2, "E_CTI_INVALID_MESSAGE_TYPE", "the MessageTypeID is unknown or not accepted here"),
        Value::new(3, "E_CTI_INVALID_FIELD", "a floating field carries a tag the server does not accept (UCCE: E_CTI_INVALID_FIELD_TAG)"),
        Value::new(4, "E_CTI_SESSION_NOT_OPEN", "a request arrived before the session was opened"),
        Value::new(5, "E_CTI_SESSION_ALREADY_OPEN", "OPEN_REQ on a connection whose session is already open"),
        Value::new(6, "E_CTI_REQUIRED_DATA_MISSING", "one or more mandatory floating fields are absent"),
        Value::new(7, "E_CTI_INVALID_PERIPHERAL_ID", "a reserved fixed field does not hold its required value"),
        Value::new(8, "E_CTI_INVALID_AGENT_DATA", "the agent identification supplied is not valid"),
        Value::new(9, "E_CTI_AGENT_NOT_LOGGED_ON", "the agent concerned is not logged in"),
        Value::new(10, "E_CTI_DEVICE_IN_USE", "the agent's phone is already bound to another client session"),
        Value::new(11, "E_CTI_NEW_SESSION_OPENED", "this session was ended because the same client opened a new one"),
        u(Value::new(12, "E_CTI_FUNCTION_NOT_AVAILABLE", "the requested function is not offered"), RESERVED_UCCE),
        Value::new(13, "E_CTI_INVALID_CALLID", "the CallID does not name a known call"),
        u(Value::new(14, "E_CTI_PROTECTED_VARIABLE", "the call variable may not be changed by this client"), RESERVED_UCCE),
        u(Value::new(15, "E_CTI_CTI_SERVER_OFFLINE", "the CTI server is not available"), RESERVED_UCCE),
        u(Value::new(16, "E_CTI_TIMEOUT", "the server gave up waiting for a result"), RESERVED_UCCE),
        Value::new(17, "E_CTI_UNSPECIFIED_FAILURE", "a failure with no more specific code"),
        Value::new(18, "E_CTI_INVALID_TIMEOUT", "the IdleTimeout in OPEN_REQ is below the 20-second minimum"),
        u(Value::new(19, "E_CTI_INVALID_SERVICE_MASK", "ServicesRequested holds bits the server does not accept"), RESERVED_UCCE),
        u(Value::new(20, "E_CTI_INVALID_CALL_MSG_MASK", "CallMsgMask holds bits the server does not accept"), RESERVED_UCCE),
        u(Value::new(21, "E_CTI_INVALID_AGENT_STATE_MASK", "AgentStateMask holds bits the server does not accept"), RESERVED_UCCE),
        u(Value::new(22, "E_CTI_INVALID_RESERVED_FIELD", "a reserved field holds a value other than the required one"), RESERVED_UCCE),
        Value::new(23, "E_CTI_INVALID_FIELD_LENGTH", "a floating field is longer than its maximum"),
        u(Value::new(24, "E_CTI_INVALID_DIGITS", "a digit string contains characters that are not allowed"), RESERVED_UCCE),
        u(Value::new(25, "E_CTI_BAD_MESSAGE_FORMAT", "the message could not be parsed"), RESERVED_UCCE),
        u(Value::new(26, "E_CTI_INVALID_TAG_FOR_MSG_TYPE", "a floating field that does not belong in this message type"), RESERVED_UCCE),
        u(Value::new(27, "E_CTI_INVALID_DEVICE_ID_TYPE", "a device type value is out of range"), RESERVED_UCCE),
        u(Value::new(28, "E_CTI_INVALID_LCL_CONN_STATE", "a local connection state value is out of range"), RESERVED_UCCE),
        u(Value::new(29, "E_CTI_INVALID_EVENT_CAUSE", "an event cause value is out of range"), RESERVED_UCCE),
        u(Value::new(30, "E_CTI_INVALID_NUM_PARTIES", "the number of call parties is out of range"), RESERVED_UCCE),
        u(Value::new(31, "E_CTI_INVALID_SYS_EVENT_ID", "a system event ID value is out of range"), RESERVED_UCCE),
        u(
            Value::new(32, "E_CTI_INCONSISTENT_AGENT_DATA", "agent-mode OPEN_REQ whose phone and agent fields do not agree"),
            "reserved in the UCCX table; UCCE name and number (the UCCX connection-failure page names the code without a value)",
        ),
        u(Value::new(33, "E_CTI_INVALID_CONNECTION_ID_TYPE", "a connection device type value is out of range"), RESERVED_UCCE),
        u(Value::new(34, "E_CTI_INVALID_CALL_TYPE", "a call type value is out of range"), RESERVED_UCCE),
        u(Value::new(35, "E_CTI_NOT_CALL_PARTY", "the device named is not a party to the call"), RESERVED_UCCE),
        u(Value::new(36, "E_CTI_INVALID_PASSWORD", "the password supplied was rejected"), RESERVED_UCCE),
        u(Value::new(37, "E_CTI_CLIENT_DISCONNECTED", "the client connection went away"), RESERVED_UCCE),
        Value::new(92, "E_CTI_SERVER_NOT_MASTER", "this node is the standby of a cluster; connect to the master"),
        Value::new(93, "E_CTI_INVALID_CSQ", "the CSQ named does not exist (UCCE calls it E_CTI_INVALID_CSD)"),
        Value::new(94, "E_CTI_JTAPI_CCM_PROBLEM", "trouble between UCCX and JTAPI / Unified CM"),
        u(Value::new(95, "E_INVALID_CONFIG_MSG_MASK", "ConfigMsgMask in OPEN_REQ holds bits the server does not accept"), RESERVED_UCCE),
        Value::new(96, "E_CTI_AUTO_CONFIG_RESET", "configuration changed: resend CONFIG_REQUEST_KEY_EVENT and CONFIG_REQUEST_EVENT"),
    ],
};

/// CTI service masks (ServicesRequested / ServicesGranted).
pub static SERVICE_MASK: MaskTable = MaskTable {
    name: "CTI service masks (ServicesRequested / ServicesGranted)",
    rust_type: "ServiceMask",
    bits: &[
        Value::new(
            0x0000_0001,
            "CTI_SERVICE_CLIENT_EVENTS",
            "agent mode: call and agent events of one phone; exclusive with ALL_EVENTS",
        ),
        Value::new(
            0x0000_0002,
            "CTI_SERVICE_CALL_DATA_UPDATE",
            "the client may change call context data",
        ),
        Value::new(
            0x0000_0004,
            "CTI_SERVICE_CLIENT_CONTROL",
            "the client may control the calls and agent state of its phone",
        ),
        Value::new(
            0x0000_0010,
            "CTI_SERVICE_ALL_EVENTS",
            "bridge mode: call and agent events of every phone; exclusive with CLIENT_EVENTS",
        ),
        Value::new(
            0x0000_0080,
            "CTI_SERVICE_SUPERVISOR",
            "supervisor functions, team configuration included",
        ),
        Value::new(
            0x0000_2000,
            "CTI_AGENT_STATE_CONTROL_ONLY",
            "agent-state control only (protocol 12 and later)",
        ),
        Value::new(
            0x0004_0000,
            "CTI_SERVICE_CONFIG_EVENTS",
            "configuration keys, snapshots and updates",
        ),
    ],
};

/// Unsolicited call-event message masks (CallMsgMask).
pub static CALL_EVENT_MASK: MaskTable = MaskTable {
    name: "Unsolicited call-event message masks (CallMsgMask)",
    rust_type: "CallEventMask",
    bits: &[
        Value::new(0x0000_0001, "CALL_DELIVERED_MASK", "deliver CALL_DELIVERED_EVENT"),
        Value::new(0x0000_0002, "CALL_QUEUED_MASK", "deliver CALL_QUEUED_EVENT"),
        Value::new(0x0000_0004, "CALL_ESTABLISHED_MASK", "deliver CALL_ESTABLISHED_EVENT"),
        Value::new(0x0000_0008, "CALL_HELD_MASK", "deliver CALL_HELD_EVENT"),
        Value::new(0x0000_0010, "CALL_RETRIEVED_MASK", "deliver CALL_RETRIEVED_EVENT"),
        Value::new(0x0000_0020, "CALL_CLEARED_MASK", "deliver CALL_CLEARED_EVENT"),
        Value::new(0x0000_0040, "CALL_CONNECTION_CLEARED_MASK", "deliver CALL_CONNECTION_CLEARED_EVENT"),
        Value::new(0x0000_0080, "CALL_ORIGINATED_MASK", "deliver CALL_ORIGINATED_EVENT"),
        Value::new(0x0000_0100, "CALL_CONFERENCED_MASK", "deliver CALL_CONFERENCED_EVENT"),
        Value::new(0x0000_0200, "CALL_TRANSFERRED_MASK", "deliver CALL_TRANSFERRED_EVENT"),
        Value::new(0x0000_0400, "CALL_DIVERTED_MASK", "deliver CALL_DIVERTED_EVENT"),
        Value::new(0x0000_0800, "CALL_SERVICE_INITIATED_MASK", "deliver CALL_SERVICE_INITIATED_EVENT"),
        u(Value::new(0x0000_1000, "CALL_TRANSLATION_ROUTE_MASK", "UCCE translation-route events"), CALL_MASK_UCCE_ONLY),
        u(
            Value::new(0x0000_2000, "BEGIN_CALL_MASK", "deliver BEGIN_CALL_EVENT"),
            "name in the UCCX table, value cut; UCCE value, and a real UCCX OPEN_REQ (CSCvs94144) sets this bit",
        ),
        u(Value::new(0x0000_4000, "END_CALL_MASK", "deliver END_CALL_EVENT"), CALL_MASK_UCCE),
        u(Value::new(0x0000_8000, "CALL_DATA_UPDATE_MASK", "deliver CALL_DATA_UPDATE_EVENT"), CALL_MASK_UCCE),
        u(Value::new(0x0001_0000, "CALL_FAILED_MASK", "deliver CALL_FAILED_EVENT"), CALL_MASK_UCCE),
        u(Value::new(0x0002_0000, "CALL_REACHED_NETWORK_MASK", "UCCE call-reached-network events"), CALL_MASK_UCCE_ONLY),
        u(Value::new(0x0004_0000, "CALL_DEQUEUED_MASK", "deliver CALL_DEQUEUED_EVENT"), CALL_MASK_UCCE),
        u(Value::new(0x0008_0000, "AGENT_PRE_CALL_MASK", "UCCE pre-call notifications"), CALL_MASK_UCCE_ONLY),
        u(Value::new(0x0010_0000, "AGENT_PRE_CALL_ABORT_MASK", "UCCE pre-call abort notifications"), CALL_MASK_UCCE_ONLY),
        u(Value::new(0x0020_0000, "RTP_STARTED_MASK", "deliver RTP_STARTED_EVENT"), CALL_MASK_UCCE),
        u(Value::new(0x0040_0000, "RTP_STOPPED_MASK", "deliver RTP_STOPPED_EVENT"), CALL_MASK_UCCE),
    ],
};

/// Agent-state masks (AgentStateMask, MakeCallSetup).
pub static AGENT_STATE_MASK: MaskTable = MaskTable {
    name: "Agent-state masks (AgentStateMask, MakeCallSetup)",
    rust_type: "AgentStateMask",
    bits: &[
        Value::new(0x0000_0001, "AGENT_LOGIN_MASK", "report agents logging in"),
        Value::new(
            0x0000_0002,
            "AGENT_LOGOUT_MASK",
            "report agents logging out",
        ),
        Value::new(
            0x0000_0004,
            "AGENT_NOT_READY_MASK",
            "report changes to Not Ready",
        ),
        Value::new(
            0x0000_0008,
            "AGENT_AVAILABLE_MASK",
            "report changes to Ready (available)",
        ),
        Value::new(
            0x0000_0010,
            "AGENT_TALKING_MASK",
            "report changes to Talking",
        ),
        Value::new(
            0x0000_0020,
            "AGENT_WORK_MASK",
            "report changes to Work (UCCE: WORK_NOT_READY)",
        ),
        Value::new(
            0x0000_0040,
            "AGENT_TALKING_PENDING_WORK_MASK",
            "report Talking with Work to follow (UCCE: WORK_READY)",
        ),
        Value::new(
            0x0000_0080,
            "AGENT_TALKING_PENDING_NOT_READY_MASK",
            "report Talking with Not Ready to follow (UCCE: BUSY_OTHER)",
        ),
        Value::new(
            0x0000_0100,
            "AGENT_RESERVED_MASK",
            "report changes to Reserved",
        ),
    ],
};

/// Configuration-information masks (ConfigMsgMask, ConfigMsgMaskGranted).
pub static CONFIG_MSG_MASK: MaskTable = MaskTable {
    name: "Configuration-information masks (ConfigMsgMask, ConfigMsgMaskGranted)",
    rust_type: "ConfigMsgMask",
    bits: &[
        Value::new(
            0x0000_0001,
            "CONFIG_AGENT_MASK",
            "send CONFIG_AGENT_EVENT updates",
        ),
        Value::new(
            0x0000_0002,
            "CONFIG_CSQ_MASK",
            "send CONFIG_CSQ_EVENT updates (the guide's text says skill group)",
        ),
        Value::new(
            0x0000_0004,
            "CONFIG_APPLICATION_MASK",
            "send CONFIG_APPLICATION_EVENT updates (the guide's text says service)",
        ),
        Value::new(
            0x0000_0008,
            "CONFIG_DEVICE_MASK",
            "send CONFIG_DEVICE_EVENT updates",
        ),
        Value::new(
            0x0000_0010,
            "CONFIG_TERMINAL_MASK",
            "send CONFIG_TERMINAL_EVENT updates (protocol 18 and later)",
        ),
    ],
};

/// ConfigurationMask of CONFIG_REQUEST_EVENT / CONFIG_BEGIN_EVENT (different bit order).
///
/// The guide prints these bits without constant names; the names are ours. Application and
/// agent swap places compared with [`CONFIG_MSG_MASK`]. A mask of 0 in CONFIG_REQUEST_EVENT
/// asks for no snapshot and only turns updates on.
pub static CONFIGURATION_MASK: MaskTable = MaskTable {
    name: "ConfigurationMask of CONFIG_REQUEST_EVENT / CONFIG_BEGIN_EVENT (different bit order)",
    rust_type: "ConfigurationMask",
    bits: &[
        Value::new(
            0x01,
            "CONFIGURATION_APPLICATION",
            "application data (0x04 in ConfigMsgMask)",
        ),
        Value::new(0x02, "CONFIGURATION_CSQ", "CSQ data"),
        Value::new(
            0x04,
            "CONFIGURATION_AGENT",
            "agent data (0x01 in ConfigMsgMask)",
        ),
        Value::new(0x08, "CONFIGURATION_DEVICE", "device data"),
        Value::new(
            0x10,
            "CONFIGURATION_TERMINAL",
            "terminal data (protocol 18 and later)",
        ),
    ],
};

/// Agent states.
///
/// The union of the two tables of the guide's agent-state page: Table 1 (0–5, 7–9) and
/// Table 2 (0–7, 11, 12). Each meaning says when a value is in one table only.
pub static AGENT_STATES: ValueTable = ValueTable {
    name: "Agent states",
    rust_type: "AgentState",
    repr: "u16",
    values: &[
        Value::new(
            0,
            "AGENT_STATE_LOGIN",
            "log-in request value; UCCX never reports an agent in this state",
        ),
        Value::new(1, "AGENT_STATE_LOGOUT", "logged out"),
        Value::new(
            2,
            "AGENT_STATE_NOT_READY",
            "logged in but not taking routed calls",
        ),
        Value::new(
            3,
            "AGENT_STATE_READY",
            "waiting for a routed call (UCCE: AGENT_STATE_AVAILABLE)",
        ),
        Value::new(4, "AGENT_STATE_TALKING", "on a call; set by the system"),
        Value::new(
            5,
            "AGENT_STATE_WORK",
            "after-call work; may be requested during Talking to apply after the call",
        ),
        Value::new(
            6,
            "AGENT_STATE_WORK_READY",
            "after-call work that ends in Ready (Table 2 only)",
        ),
        Value::new(
            7,
            "BUSY_OTHER",
            "per-CSQ state: busy on a call from another CSQ (CSQState only)",
        ),
        Value::new(
            8,
            "AGENT_STATE_RESERVED",
            "held for a call about to be offered; set by the system (Table 1 only)",
        ),
        Value::new(9, "AGENT_STATE_UNKNOWN", "state not known (Table 1 only)"),
        Value::new(
            11,
            "AGENT_STATE_ACTIVE",
            "active, a transitional state (Table 2 only)",
        ),
        Value::new(
            12,
            "AGENT_STATE_PAUSED",
            "paused, a transitional state (Table 2 only)",
        ),
    ],
};

/// Internal agent states (QUERY_AGENT_STATE_CONF).
///
/// Table 2 of the guide's agent-state page, which lists transitional states as well. Table 2
/// has no 8 (Reserved) or 9 (Unknown).
pub static INTERNAL_AGENT_STATES: ValueTable = ValueTable {
    name: "Internal agent states (QUERY_AGENT_STATE_CONF)",
    rust_type: "",
    repr: "u16",
    values: &[
        Value::new(0, "AGENT_STATE_LOGIN", "logging in"),
        Value::new(1, "AGENT_STATE_LOGOUT", "logged out"),
        Value::new(2, "AGENT_STATE_NOT_READY", "not taking routed calls"),
        Value::new(3, "AGENT_STATE_READY", "waiting for a routed call"),
        Value::new(4, "AGENT_STATE_TALKING", "on a call"),
        Value::new(5, "AGENT_STATE_WORK", "after-call work"),
        Value::new(
            6,
            "AGENT_STATE_WORK_READY",
            "after-call work that ends in Ready",
        ),
        Value::new(7, "BUSY_OTHER", "busy on a call from another CSQ"),
        Value::new(11, "AGENT_STATE_ACTIVE", "active (transitional)"),
        Value::new(12, "AGENT_STATE_PAUSED", "paused (transitional)"),
    ],
};

/// SystemEventID values.
pub static SYSTEM_EVENT_IDS: ValueTable = ValueTable {
    name: "SystemEventID values",
    rust_type: "SystemEventId",
    repr: "u32",
    values: &[
        Value::new(
            3,
            "SYS_CCX_ONLINE",
            "UCCX came online (UCCE: SYS_PERIPHERAL_ONLINE)",
        ),
        Value::new(
            4,
            "SYS_CCX_OFFLINE",
            "UCCX went offline (UCCE: SYS_PERIPHERAL_OFFLINE)",
        ),
        Value::new(
            10,
            "SYS_INSTRUMENT_OUT_OF_SERVICE",
            "the device in EventDeviceID left service",
        ),
        Value::new(
            11,
            "SYS_INSTRUMENT_BACK_IN_SERVICE",
            "the device in EventDeviceID is back in service",
        ),
    ],
};

/// Unified CCX status values (SYSTEM_EVENT.CCXStatus).
///
/// The guide calls them masks, but they are sequential codes: compare for equality.
pub static CCX_STATUS: ValueTable = ValueTable {
    name: "Unified CCX status values (SYSTEM_EVENT.CCXStatus)",
    rust_type: "CcxStatus",
    repr: "u32",
    values: &[
        Value::new(0x100, "CCX_INITIALIZING", "starting up"),
        Value::new(0x200, "CCX_SHUTTING_DOWN", "stopping"),
        Value::new(0x300, "CCX_SHUTDOWN", "stopped"),
        Value::new(0x400, "CCX_IN_SERVICE", "fully working"),
        Value::new(0x500, "CCX_PARTIAL_SERVICE", "working with reduced service"),
        Value::new(0x600, "CCX_OUT_OF_SERVICE", "could not start"),
    ],
};

/// DeviceType values of call messages.
pub static DEVICE_TYPES: ValueTable = ValueTable {
    name: "DeviceType values of call messages",
    rust_type: "DeviceType",
    repr: "u16",
    values: &[
        Value::new(0, "DEVID_DEVICE_IDENTIFIER", "an IP phone extension"),
        Value::new(73, "DEVID_CTI_PORT", "a CTI port"),
        Value::new(74, "DEVID_ROUTE_POINT", "a route point (trigger)"),
        Value::new(76, "DEVID_AGENT_DEVICE", "an agent's phone"),
        Value::new(77, "DEVID_QUEUE", "a queue (CSQ)"),
        Value::new(
            78,
            "DEVID_NON_ACD_DEVICE_IDENTIFIER",
            "an agent's non-ACD line, Primary.Actual form (protocol 14 and later)",
        ),
        Value::new(0xFFFF, "DEVID_NONE", "no device ID given"),
    ],
};

/// ConnectionDeviceType values.
pub static CONNECTION_DEVICE_TYPES: ValueTable = ValueTable {
    name: "ConnectionDeviceType values",
    rust_type: "ConnectionDeviceType",
    repr: "u16",
    values: &[
        Value::new(
            0,
            "CONNECTION_ID_STATIC",
            "the connection ID stays the same from call to call",
        ),
        Value::new(
            1,
            "CONNECTION_ID_DYNAMIC",
            "the connection ID may differ from call to call",
        ),
        Value::new(0xFFFF, "CONNECTION_ID_NONE", "no connection ID given"),
    ],
};

/// CallType values.
pub static CALL_TYPES: ValueTable = ValueTable {
    name: "CallType values",
    rust_type: "CallType",
    repr: "u16",
    values: &[
        Value::new(0, "CALLTYPE_INVALID", "no valid call type"),
        Value::new(
            1,
            "CALLTYPE_CCX_IN",
            "inbound call queued by UCCX (the CallType Fields page says CALLTYPE_ACD_IN)",
        ),
        Value::new(
            4,
            "CALLTYPE_TRANSFER_IN",
            "an ACD call that was transferred",
        ),
        Value::new(
            6,
            "CALLTYPE_OTHER_IN",
            "a non-ACD call reaching an agent from outside",
        ),
        Value::new(9, "CALLTYPE_OUT", "an agent call that left the switch"),
        Value::new(
            10,
            "CALLTYPE_AGENT_INSIDE",
            "an agent-placed call that is not a consult",
        ),
        Value::new(11, "CALLTYPE_OFFERED", "a blind-transferred call"),
        Value::new(12, "CALLTYPE_CONSULT", "a call created by a consult"),
        Value::new(
            15,
            "CALLTYPE_CONFERENCE",
            "an ACD call that was conferenced",
        ),
        Value::new(17, "CALLTYPE_PREVIEW", "an outbound preview call"),
        Value::new(18, "CALLTYPE_RESERVATION", "an outbound reservation call"),
        Value::new(
            19,
            "CALLTYPE_ASSIST",
            "an agent's call to a supervisor for help",
        ),
        Value::new(
            20,
            "CALLTYPE_EMERGENCY",
            "an agent's emergency call to a supervisor",
        ),
        Value::new(
            21,
            "CALLTYPE_SUPERVISOR_MONITOR",
            "a supervisor silently monitoring",
        ),
        Value::new(
            23,
            "CALLTYPE_SUPERVISOR_BARGE_IN",
            "a supervisor joined the agent's call",
        ),
        Value::new(
            24,
            "CALLTYPE_SUPERVISOR_INTERCEPT",
            "a supervisor took the call over from the agent",
        ),
        Value::new(
            34,
            "CALLTYPE_AGENT_OUTBOUND",
            "a progressive or predictive outbound call",
        ),
    ],
};

/// Call EventCause (CEC) values.
pub static EVENT_CAUSES: ValueTable = ValueTable {
    name: "Call EventCause (CEC) values",
    rust_type: "EventCause",
    repr: "u16",
    values: &[
        Value::new(2, "CEC_ALTERNATE", "the agent alternated between two calls"),
        Value::new(3, "CEC_BUSY", "the destination was busy"),
        Value::new(5, "CEC_CALL_CANCELLED", "the call was cancelled"),
        Value::new(9, "CEC_CALL_FORWARD", "the call was forwarded"),
        Value::new(10, "CEC_CALL_NOT_ANSWERED", "the call rang without answer"),
        Value::new(
            13,
            "CEC_DEST_NOT_OBTAINABLE",
            "the destination could not be reached",
        ),
        Value::new(
            15,
            "CEC_INCOMPATIBLE_DESTINATION",
            "the destination cannot take this kind of call",
        ),
        Value::new(
            17,
            "CEC_KEY_CONFERENCE",
            "a conference made from the phone's keys",
        ),
        Value::new(22, "CEC_NEW_CALL", "a new call"),
        Value::new(23, "CEC_NO_AVAILABLE_AGENTS", "no agent was available"),
        Value::new(28, "CEC_REDIRECTED", "the call was redirected"),
        Value::new(32, "CEC_TRANSFER", "the call was transferred"),
        Value::new(35, "CEC_TIME_OUT", "a timer expired"),
        Value::new(
            43,
            "CEC_SUPERVISOR_ASSIST",
            "an agent asked a supervisor for help",
        ),
        Value::new(
            44,
            "CEC_EMERGENCY_CALL",
            "an agent placed an emergency call",
        ),
        Value::new(45, "CEC_SUPERVISOR_CLEAR", "a supervisor left the call"),
        Value::new(
            46,
            "CEC_SUPERVISOR_MONITOR",
            "a supervisor is monitoring the call",
        ),
        Value::new(
            47,
            "CEC_SUPERVISOR_WHISPER",
            "a supervisor is coaching the agent",
        ),
        Value::new(
            48,
            "CEC_SUPERVISOR_BARGE_IN",
            "a supervisor joined the call",
        ),
        Value::new(
            49,
            "CEC_SUPERVISOR_INTERCEPT",
            "a supervisor took the call over",
        ),
        Value::new(
            50,
            "CEC_CALL_PARTY_UPDATE_IND",
            "the parties of the call changed",
        ),
        Value::new(
            1014,
            "CECX_DROP_HANDLED_OTHER",
            "extended clear cause: the call was handled elsewhere",
        ),
        Value::new(0xFFFF, "CEC_NONE", "no cause given"),
    ],
};

/// LocalConnectionState (LCS) values.
pub static LOCAL_CONNECTION_STATES: ValueTable = ValueTable {
    name: "LocalConnectionState (LCS) values",
    rust_type: "LocalConnectionState",
    repr: "u16",
    values: &[
        Value::new(0, "LCS_NULL", "the device has no connection to the call"),
        Value::new(1, "LCS_INITIATE", "the device is dialling"),
        Value::new(2, "LCS_ALERTING", "the device is ringing"),
        Value::new(3, "LCS_CONNECT", "the device is talking on the call"),
        Value::new(4, "LCS_HOLD", "the device has the call on hold"),
        Value::new(5, "LCS_QUEUED", "the call is waiting in a queue"),
        Value::new(6, "LCS_FAIL", "the connection attempt failed"),
        Value::new(0xFFFF, "LCS_NONE", "no state applies"),
    ],
};

/// Control Failure (CF) codes.
pub static CONTROL_FAILURE_CODES: ValueTable = ValueTable {
    name: "Control Failure (CF) codes",
    rust_type: "ControlFailureCode",
    repr: "u16",
    values: &[
        Value::new(
            0,
            "CF_GENERIC_UNSPECIFIED",
            "failure with no specific reason",
        ),
        Value::new(1, "CF_GENERIC_OPERATION", "the operation failed"),
        Value::new(
            2,
            "CF_REQUEST_INCOMPATIBLE_WITH_OBJECT",
            "the request does not fit the call or device in its current state",
        ),
        Value::new(3, "CF_VALUE_OUT_OF_RANGE", "a parameter is out of range"),
        Value::new(4, "CF_OBJECT_NOT_KNOWN", "the call or device is unknown"),
        Value::new(
            5,
            "CF_INVALID_CALLING_DEVICE",
            "the calling device is not valid",
        ),
        Value::new(
            6,
            "CF_INVALID_CALLED_DEVICE",
            "the called device is not valid",
        ),
        Value::new(
            7,
            "CF_INVALID_FORWARDING_DESTINATION",
            "the forwarding target is not valid",
        ),
        Value::new(
            8,
            "CF_PRIVILEGE_VIOLATION_ON_SPECIFIED_DEVICE",
            "not allowed on the device named",
        ),
        Value::new(
            9,
            "CF_PRIVILEGE_VIOLATION_ON_CALLED_DEVICE",
            "not allowed on the called device",
        ),
        Value::new(
            10,
            "CF_PRIVILEGE_VIOLATION_ON_CALLING_DEVICE",
            "not allowed on the calling device",
        ),
        Value::new(11, "CF_INVALID_CSTA_CALL_ID", "the call ID is not valid"),
        Value::new(
            12,
            "CF_INVALID_CSTA_DEVICE_ID",
            "the device ID is not valid",
        ),
        Value::new(
            13,
            "CF_INVALID_CSTA_CONNECTION_ID",
            "the connection ID is not valid",
        ),
        Value::new(14, "CF_INVALID_DESTINATION", "the destination is not valid"),
    ],
};

/// Unified CCX error codes (CONTROL_FAILURE_CONF).
///
/// CCX_ACTIVE_TERMINAL_NOT_SPECIFIED (protocol 18) exists but its number was not seen, so it
/// has no entry.
pub static CCX_ERROR_CODES: ValueTable = ValueTable {
    name: "Unified CCX error codes (CONTROL_FAILURE_CONF)",
    rust_type: "CcxErrorCode",
    repr: "u32",
    values: &[
        Value::new(0, "CCX_DEFAULT_ERROR_CODE", "no detail available"),
        Value::new(
            88001,
            "CCX_JTAPI_CCM_PROBLEM",
            "trouble between UCCX and JTAPI / Unified CM",
        ),
        Value::new(88002, "CCX_LOOKUP_FAILURE", "a lookup failed"),
        Value::new(
            88003,
            "CCX_AGENT_DN_NOT_ASSIGNED",
            "the agent has no extension assigned",
        ),
        Value::new(
            88004,
            "CCX_AGENT_DEVICE_OFF",
            "the agent's phone is out of service or not registered",
        ),
        Value::new(88005, "CCX_AGENT_DEVICE_BUSY", "the agent's phone is busy"),
        Value::new(88006, "CCX_RMCM_CONTACT_NULL", "no RmCm contact exists"),
        Value::new(
            88007,
            "CCX_RMCM_CONTACT_INVALID",
            "the RmCm contact is not valid",
        ),
        Value::new(88008, "CCX_AGENT_NULL", "no agent"),
        Value::new(88009, "CCX_AGENT_INVALID", "the agent is not valid"),
        Value::new(
            88010,
            "CCX_INVALID_ARGUMENT",
            "a request argument is not valid",
        ),
        Value::new(
            88011,
            "CCX_NO_CALLBACK_FROM_AGENT",
            "the agent side never answered back",
        ),
        Value::new(88012, "CCX_CALL_ID_NULL", "no call ID"),
        Value::new(88013, "CCX_CALL_OBJECT_NULL", "no call object"),
        Value::new(88014, "CCX_JTAPI_PROVIDER_NULL", "no JTAPI provider"),
        Value::new(88015, "CCX_DIALED_NUMBER_NULL", "no dialled number"),
        Value::new(88016, "CCX_DEVICE_ID_NULL", "no device ID"),
        Value::new(
            88017,
            "CCX_TERMINAL_CONNECTION_NULL",
            "no terminal connection",
        ),
        u(
            Value::new(
                88018,
                "CCX_CALL_CONTROL_MASK_NOT_ON",
                "the session was not granted call control",
            ),
            "next number after 88017; the UCCX table was cut at this row",
        ),
    ],
};

/// Agent-state reason codes (system codes).
///
/// The codes UCCX itself puts in EventReasonCode; codes chosen by clients (customer-defined
/// Not Ready and Logout reasons) are not listed.
pub static REASON_CODES: ValueTable = ValueTable {
    name: "Agent-state reason codes (system codes)",
    rust_type: "ReasonCode",
    repr: "u16",
    values: &[
        Value::new(22, "SUP_AGT_TO_LOGOUT", "a supervisor logged the agent out (UCCX predefined reason-code table)"),
        Value::new(33, "SUP_AGT_TO_NOT_READY", "a supervisor moved the agent to Not Ready (UCCX predefined reason-code table)"),
        Value::new(32741, "AGT_EXTENSION_CONFLICT", "another agent logged in on the same extension, so this one was logged out"),
        Value::new(32742, "AGT_SEC_LINE_OFFHOOK", "a monitored non-ICD line was used, so Ready became Not Ready"),
        Value::new(32743, "EMAIL_CONTACT_NOT_ACCEPTED", "an email contact could not be accepted automatically"),
        Value::new(32745, "OUTBOUND_WORK_REASONCODE", "after-call work following an outbound call (UCCX predefined reason-code table)"),
        Value::new(32746, "AGT_RESERVED_OUTBOUND_DIRECT_PREVIEW", "reserved for a direct-preview outbound call (printed AGT_RESERVED_OUTBOUND_DIRECT(PREVIEW))"),
        Value::new(32747, "AGT_RESERVED_OUTBOUND", "reserved for a progressive or predictive outbound call"),
        Value::new(32748, "AGENT_DELETED", "the agent was removed in Unified CM, so logged out (UCCX predefined reason-code table)"),
        Value::new(32749, "AGT_CANCEL_CONSULT", "a cancelled consult left the consulted agent Not Ready (admin table: CANCEL_FEATURE)"),
        Value::new(32750, "AGT_ICD_EXTENSION_CHANGED", "the agent's ICD extension changed, so logged out (admin table: AGT_IPCC_EXT_CHANGED)"),
        Value::new(32751, "AGT_SKIPS", "the agent skipped a preview outbound call"),
        Value::new(32752, "AGT_CANCEL_RESERVATION", "the agent cancelled a preview outbound reservation"),
        Value::new(32753, "AGT_LINE_RESTRICTED", "the agent's line is restricted"),
        Value::new(32754, "AGT_DEVICE_RESTRICTED", "the agent's device is restricted"),
        Value::new(32755, "AGT_CALL_ENDED", "a call ended and the agent went to the next state"),
        Value::new(32756, "AGT_PHONE_UP", "the agent's phone came back"),
        Value::new(32757, "CM_FAILOVER", "Unified CM failed over"),
        Value::new(32758, "AGT_WORK_TIMER_EXP", "the wrap-up timer ran out"),
        Value::new(32759, "AGT_PHONE_DOWN", "the agent's phone went down"),
        Value::new(32760, "AGT_LOGON", "the agent logged in"),
        Value::new(32761, "AGT_NON_ICD", "the agent received a direct non-ICD call"),
        Value::new(32762, "AGT_OFFHOOK", "the agent took the phone off hook"),
        Value::new(32763, "AGT_RNA", "an offered call was not answered (ring-no-answer)"),
        Value::new(32764, "CCX_FAILURE", "UCCX failed"),
        Value::new(32765, "AGT_CONN_DOWN", "the agent's desktop or IP Phone Agent stopped or lost its connection"),
        u(
            Value::new(32766, "CLOSE_CAD", "the agent desktop was closed"),
            "inferred from the order of a third-party reason-code list; not in a UCCX table",
        ),
        Value::new(32767, "AGT_RELOGON", "the agent logged in again"),
    ],
};

/// CONFIG_KEY_EVENT status.
///
/// Not the same numbering as [`CONFIG_END_STATUS`]: CONFIG_UNKNOWN_DATA is 3 here, 2 there.
pub static CONFIG_KEY_STATUS: ValueTable = ValueTable {
    name: "CONFIG_KEY_EVENT status",
    rust_type: "ConfigKeyStatus",
    repr: "u32",
    values: &[
        Value::new(0, "CONFIG_SUCCESS", "the keys follow"),
        Value::new(
            1,
            "CONFIG_SERVICE_PROVIDER",
            "no keys: the session did not ask for configuration events in OPEN_REQ",
        ),
        Value::new(
            2,
            "CONFIG_NO_KEY_SUPPORT",
            "the server cannot supply keys (internal error)",
        ),
        Value::new(
            3,
            "CONFIG_UNKNOWN_DATA",
            "reserved[131] of the request was not valid",
        ),
    ],
};

/// CONFIG_END_EVENT status.
///
/// Not the same numbering as [`CONFIG_KEY_STATUS`]: CONFIG_UNKNOWN_DATA is 2 here, 3 there.
pub static CONFIG_END_STATUS: ValueTable = ValueTable {
    name: "CONFIG_END_EVENT status",
    rust_type: "ConfigEndStatus",
    repr: "u32",
    values: &[
        Value::new(0, "CONFIG_SUCCESS", "the configuration was sent completely"),
        Value::new(
            1,
            "CONFIG_SERVICE_PROVIDER",
            "the session did not ask for configuration events in OPEN_REQ",
        ),
        Value::new(
            2,
            "CONFIG_UNKNOWN_DATA",
            "reserved[131] of CONFIG_REQUEST_EVENT was not valid",
        ),
        Value::new(
            3,
            "CONFIG_ERROR",
            "an error occurred; what was sent may be wrong or incomplete",
        ),
        Value::new(4, "CONFIG_EMPTY", "the server has no configuration to send"),
        Value::new(
            5,
            "CONFIG_PARTIAL",
            "only part of the configuration was sent",
        ),
    ],
};

// The guide prints the values of the tables below without constant names; the names are ours.

/// CONFIG_BEGIN_EVENT ConfigType.
pub static CONFIG_TYPES: ValueTable = ValueTable {
    name: "CONFIG_BEGIN_EVENT ConfigType",
    rust_type: "",
    repr: "u16",
    values: &[
        Value::new(1, "CONFIG_TYPE_INITIAL", "a full snapshot follows"),
        Value::new(2, "CONFIG_TYPE_UPDATE", "changes follow"),
    ],
};

/// RecordType\[183\].
pub static RECORD_TYPES: ValueTable = ValueTable {
    name: "RecordType[183]",
    rust_type: "RecordType",
    repr: "u16",
    values: &[
        Value::new(0, "RECORD_TYPE_ADD", "the record is new"),
        Value::new(
            1,
            "RECORD_TYPE_CHANGE",
            "the record was modified (not used for terminals or team members)",
        ),
        Value::new(2, "RECORD_TYPE_DELETE", "the record was removed"),
    ],
};

/// AgentType\[189\].
pub static AGENT_TYPES: ValueTable = ValueTable {
    name: "AgentType[189]",
    rust_type: "",
    repr: "u16",
    values: &[
        Value::new(1, "AGENT_TYPE_AGENT", "an agent"),
        Value::new(2, "AGENT_TYPE_SUPERVISOR", "a supervisor"),
    ],
};

/// CONFIG_DEVICE_EVENT DeviceType\[195\].
///
/// Not the DEVID_* numbering of call messages ([`DEVICE_TYPES`]).
pub static CONFIG_DEVICE_TYPES: ValueTable = ValueTable {
    name: "CONFIG_DEVICE_EVENT DeviceType[195]",
    rust_type: "",
    repr: "u16",
    values: &[
        Value::new(3, "CONFIG_DEVICE_AGENT", "an agent device"),
        Value::new(5, "CONFIG_DEVICE_ROUTE_POINT", "a route point"),
        Value::new(6, "CONFIG_DEVICE_CTI_PORT", "a CTI port"),
        Value::new(
            7,
            "CONFIG_DEVICE_CALL_CONTROL_GROUP",
            "a call control group",
        ),
    ],
};

/// MR Domain ID\[216\].
pub static MR_DOMAINS: ValueTable = ValueTable {
    name: "MR Domain ID[216]",
    rust_type: "",
    repr: "u32",
    values: &[
        Value::new(0, "MR_DOMAIN_VOICE", "voice"),
        Value::new(1, "MR_DOMAIN_EMAIL", "email (UCCX 7.0(1) and later)"),
    ],
};

/// TEAM_CONFIG_EVENT Operation.
pub static TEAM_OPERATIONS: ValueTable = ValueTable {
    name: "TEAM_CONFIG_EVENT Operation",
    rust_type: "",
    repr: "u16",
    values: &[
        Value::new(1, "TEAM_ADD", "a team was added"),
        Value::new(
            2,
            "TEAM_REMOVE",
            "a team was removed; forget all its members",
        ),
        Value::new(
            3,
            "TEAM_CHANGE",
            "a team's name, members or supervisors changed",
        ),
    ],
};

/// TEAM_CONFIG_REQ ConfigParam.
pub static TEAM_CONFIG_PARAM: MaskTable = MaskTable {
    name: "TEAM_CONFIG_REQ ConfigParam",
    rust_type: "",
    bits: &[
        Value::new(0x1, "TEAM_CONFIG_INITIAL", "send the current teams first"),
        Value::new(0x2, "TEAM_CONFIG_UPDATES", "send changes only"),
    ],
};

/// TEAM_CONFIG_CONF Status.
pub static TEAM_CONFIG_STATUS: ValueTable = ValueTable {
    name: "TEAM_CONFIG_CONF Status",
    rust_type: "",
    repr: "u32",
    values: &[
        Value::new(0, "TEAM_CONFIG_SUCCESS", "the team upload succeeded"),
        Value::new(
            1,
            "TEAM_CONFIG_INTERNAL_ERROR",
            "UCCX hit an internal error",
        ),
    ],
};

/// TEAM_CONFIG_EVENT MemberType\[205\].
pub static MEMBER_TYPES: ValueTable = ValueTable {
    name: "TEAM_CONFIG_EVENT MemberType[205]",
    rust_type: "",
    repr: "u16",
    values: &[
        Value::new(
            1,
            "MEMBER_AGENT",
            "an agent or supervisor (AgentID holds the login ID)",
        ),
        Value::new(2, "MEMBER_CSQ", "a CSQ (AgentID holds the CSQ ID as text)"),
    ],
};

/// TEAM_CONFIG_EVENT AgentFlags\[87\]. A regular agent has no bit set (0).
pub static AGENT_FLAGS: MaskTable = MaskTable {
    name: "TEAM_CONFIG_EVENT AgentFlags[87]",
    rust_type: "",
    bits: &[
        Value::new(
            0x1,
            "AGENT_FLAG_PRIMARY_SUPERVISOR",
            "the team's primary supervisor",
        ),
        Value::new(0x2, "AGENT_FLAG_TEMPORARY_AGENT", "a temporary agent"),
        Value::new(0x4, "AGENT_FLAG_SUPERVISOR", "a supervisor of the team"),
    ],
};

/// SET_AGENT_STATE_REQ ForcedFlag.
pub static FORCED_FLAGS: ValueTable = ValueTable {
    name: "SET_AGENT_STATE_REQ ForcedFlag",
    rust_type: "",
    repr: "u8",
    values: &[
        Value::new(0, "FORCED_FALSE", "do not force the login or logout"),
        Value::new(1, "FORCED_TRUE", "force the login or logout"),
        Value::new(2, "FORCED_AUTHENTICATE_ONLY", "with AGENT_STATE_LOGIN: check the credentials only, no state change (protocol 12 and later)"),
    ],
};

/// SET_AGENT_STATE_REQ AgentCapacity.
pub static AGENT_CAPACITY: MaskTable = MaskTable {
    name: "SET_AGENT_STATE_REQ AgentCapacity",
    rust_type: "",
    bits: &[Value::new(
        0x1,
        "AGENT_CAPACITY_OUTBOUND",
        "the agent may take outbound calls",
    )],
};

/// CONSULT_CALL_REQ ConsultType.
pub static CONSULT_TYPES: ValueTable = ValueTable {
    name: "CONSULT_CALL_REQ ConsultType",
    rust_type: "",
    repr: "u16",
    values: &[
        Value::new(0, "CONSULT_UNSPECIFIED", "no purpose given"),
        Value::new(
            1,
            "CONSULT_TRANSFER",
            "the consult is meant to end in a transfer",
        ),
        Value::new(
            2,
            "CONSULT_CONFERENCE",
            "the consult is meant to end in a conference",
        ),
    ],
};

/// SUPERVISE_CALL_REQ SupervisoryAction.
///
/// The UCCX table was unreadable: numbers and names are UCCE's, which match the order of the
/// UCCX CEC_SUPERVISOR_* causes (45–49).
pub static SUPERVISORY_ACTIONS: ValueTable = ValueTable {
    name: "SUPERVISE_CALL_REQ SupervisoryAction",
    rust_type: "",
    repr: "u16",
    values: &[
        u(
            Value::new(
                0,
                "SUPERVISOR_CLEAR",
                "take the supervisor's device out of the call",
            ),
            "UCCE value; the UCCX table was not readable",
        ),
        u(
            Value::new(1, "SUPERVISOR_MONITOR", "listen silently"),
            "UCCE value; the UCCX table was not readable",
        ),
        u(
            Value::new(2, "SUPERVISOR_WHISPER", "speak to the agent only"),
            "UCCE value; the UCCX table was not readable",
        ),
        u(
            Value::new(3, "SUPERVISOR_BARGE_IN", "join the agent's call"),
            "UCCE value; the UCCX table was not readable",
        ),
        u(
            Value::new(
                4,
                "SUPERVISOR_INTERCEPT",
                "take the call over from the agent",
            ),
            "UCCE value; the UCCX table was not readable",
        ),
    ],
};

/// CalledPartyDisposition values.
pub static DISPOSITIONS: ValueTable = ValueTable {
    name: "CalledPartyDisposition values",
    rust_type: "",
    repr: "u16",
    values: &[
        u(
            Value::new(0, "CD_INVALID", "no disposition"),
            "name printed in the outbound example; the value 0 is assumed from the other examples",
        ),
        Value::new(15, "CD_REDIRECTED", "the call was redirected"),
        Value::new(
            29,
            "CD_ANNOUNCED_TRANSFER",
            "the call was transferred after a consult",
        ),
        Value::new(30, "CD_CONFERENCED", "the call was conferenced"),
    ],
};

/// lineType values.
pub static LINE_TYPES: ValueTable = ValueTable {
    name: "lineType values",
    rust_type: "",
    repr: "u16",
    values: &[
        Value::new(3, "LINE_TYPE_BUSINESS", "a business (ACD) call"),
        Value::new(10, "LINE_TYPE_NON_BUSINESS", "a non-business call"),
    ],
};

/// OPEN_CONF UnifiedCCXOnline.
pub static ONLINE_FLAGS: ValueTable = ValueTable {
    name: "OPEN_CONF UnifiedCCXOnline",
    rust_type: "",
    repr: "u16",
    values: &[
        Value::new(0, "CCX_OFFLINE", "UCCX is offline"),
        Value::new(1, "CCX_ONLINE", "UCCX is online"),
    ],
};

/// RTP Direction.
pub static RTP_DIRECTIONS: ValueTable = ValueTable {
    name: "RTP Direction",
    rust_type: "",
    repr: "u16",
    values: &[
        Value::new(0, "RTP_INPUT", "the phone receives"),
        Value::new(1, "RTP_OUTPUT", "the phone sends"),
        Value::new(2, "RTP_BIDIRECTIONAL", "both ways"),
    ],
};

/// RTPType.
pub static RTP_TYPES: ValueTable = ValueTable {
    name: "RTPType",
    rust_type: "",
    repr: "u16",
    values: &[
        Value::new(0, "RTP_AUDIO", "audio stream"),
        Value::new(1, "RTP_VIDEO", "video stream"),
        Value::new(2, "RTP_DATA", "data stream"),
    ],
};

/// RTP PayloadType (audio codec) values. The guide's list may go on past 18.
pub static PAYLOAD_TYPES: ValueTable = ValueTable {
    name: "RTP PayloadType (audio codec) values",
    rust_type: "",
    repr: "u16",
    values: &[
        Value::new(0, "NONSTANDARD", "a codec outside this list"),
        Value::new(1, "G711ALAW64K", "G.711 A-law, 64 kbit/s"),
        Value::new(2, "G711ALAW56K", "G.711 A-law, 56 kbit/s"),
        Value::new(3, "G711ULAW64K", "G.711 mu-law, 64 kbit/s"),
        Value::new(4, "G711ULAW56K", "G.711 mu-law, 56 kbit/s"),
        Value::new(5, "G722_64K", "G.722, 64 kbit/s"),
        Value::new(6, "G722_56K", "G.722, 56 kbit/s"),
        Value::new(7, "G722_48K", "G.722, 48 kbit/s"),
        Value::new(8, "G7231", "G.723.1"),
        Value::new(9, "G728", "G.728"),
        Value::new(10, "G729", "G.729"),
        Value::new(11, "G729ANNEXA", "G.729 Annex A"),
        Value::new(12, "IS11172AUDIOCAP", "ISO 11172 (MPEG-1) audio"),
        Value::new(13, "IS13818AUDIOCAP", "ISO 13818 (MPEG-2) audio"),
        Value::new(
            14,
            "ACY_G729AASSN",
            "G.729 Annex A with silence suppression",
        ),
        Value::new(15, "DATA64", "data, 64 kbit/s"),
        Value::new(16, "DATA56", "data, 56 kbit/s"),
        Value::new(17, "GSM", "GSM"),
        Value::new(18, "ACTIVEVOICE", "ActiveVoice"),
    ],
};

/// CONFIG_TERMINAL_EVENT TerminalType.
pub static TERMINAL_TYPES: ValueTable = ValueTable {
    name: "CONFIG_TERMINAL_EVENT TerminalType",
    rust_type: "",
    repr: "u16",
    // Deliberately empty: the CONFIG_TERMINAL_EVENT page gives TerminalType[302] as a USHORT
    // code but no list of its values, and no other source was found. The record carries
    // TerminalTypeName[304] as text, so values print as plain numbers until a capture shows
    // the codes.
    values: &[],
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::Source;
    use std::collections::HashSet;

    fn value_tables() -> Vec<&'static ValueTable> {
        vec![
            &STATUS_CODES,
            &AGENT_STATES,
            &INTERNAL_AGENT_STATES,
            &SYSTEM_EVENT_IDS,
            &CCX_STATUS,
            &DEVICE_TYPES,
            &CONNECTION_DEVICE_TYPES,
            &CALL_TYPES,
            &EVENT_CAUSES,
            &LOCAL_CONNECTION_STATES,
            &CONTROL_FAILURE_CODES,
            &CCX_ERROR_CODES,
            &REASON_CODES,
            &CONFIG_KEY_STATUS,
            &CONFIG_END_STATUS,
            &CONFIG_TYPES,
            &RECORD_TYPES,
            &AGENT_TYPES,
            &CONFIG_DEVICE_TYPES,
            &MR_DOMAINS,
            &TEAM_OPERATIONS,
            &TEAM_CONFIG_STATUS,
            &MEMBER_TYPES,
            &FORCED_FLAGS,
            &CONSULT_TYPES,
            &SUPERVISORY_ACTIONS,
            &DISPOSITIONS,
            &LINE_TYPES,
            &ONLINE_FLAGS,
            &RTP_DIRECTIONS,
            &RTP_TYPES,
            &PAYLOAD_TYPES,
            &TERMINAL_TYPES,
        ]
    }

    fn mask_tables() -> Vec<&'static MaskTable> {
        vec![
            &SERVICE_MASK,
            &CALL_EVENT_MASK,
            &AGENT_STATE_MASK,
            &CONFIG_MSG_MASK,
            &CONFIGURATION_MASK,
            &TEAM_CONFIG_PARAM,
            &AGENT_FLAGS,
            &AGENT_CAPACITY,
        ]
    }

    /// Checks shared by enumerations and masks: ascending, unique names usable as Rust
    /// constants, a meaning, and a reason on every unconfirmed value.
    fn check_entries(table: &str, entries: &[Value], max: u32) {
        for pair in entries.windows(2) {
            assert!(
                pair[0].value < pair[1].value,
                "{table}: {} ({}) is not below {} ({})",
                pair[0].name,
                pair[0].value,
                pair[1].name,
                pair[1].value
            );
        }
        let mut names = HashSet::new();
        for e in entries {
            assert!(names.insert(e.name), "{table}: name {} used twice", e.name);
            assert!(
                e.value <= max,
                "{table}: {} = {} does not fit",
                e.name,
                e.value
            );
            assert!(
                e.name.starts_with(|c: char| c.is_ascii_uppercase())
                    && e.name
                        .chars()
                        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_'),
                "{table}: {} is not a constant name",
                e.name
            );
            assert!(!e.meaning.is_empty(), "{table}: {} has no meaning", e.name);
            if let Source::Unconfirmed(why) = e.source {
                assert!(
                    !why.is_empty(),
                    "{table}: {} is unconfirmed without a reason",
                    e.name
                );
            }
        }
    }

    #[test]
    fn value_tables_are_well_formed() {
        for t in value_tables() {
            let max = match t.repr {
                "u8" => u8::MAX as u32,
                "u16" => u16::MAX as u32,
                "u32" => u32::MAX,
                other => panic!("{}: unknown repr {other}", t.name),
            };
            check_entries(t.name, t.values, max);
            if std::ptr::eq(t, &TERMINAL_TYPES) {
                assert!(
                    t.values.is_empty(),
                    "TerminalType values were unknown; update this test"
                );
            } else {
                assert!(!t.values.is_empty(), "{}: empty", t.name);
            }
        }
    }

    #[test]
    fn mask_tables_are_well_formed() {
        for t in mask_tables() {
            check_entries(t.name, t.bits, u32::MAX);
            assert!(!t.bits.is_empty(), "{}: empty", t.name);
            for b in t.bits {
                assert!(
                    b.value.is_power_of_two(),
                    "{}: {} = {:#x} is not a single bit",
                    t.name,
                    b.name,
                    b.value
                );
            }
        }
    }

    #[test]
    fn known_numbers() {
        assert_eq!(STATUS_CODES.name_of(7), Some("E_CTI_INVALID_PERIPHERAL_ID"));
        assert_eq!(
            STATUS_CODES.name_of(32),
            Some("E_CTI_INCONSISTENT_AGENT_DATA")
        );
        assert_eq!(STATUS_CODES.name_of(50), None);
        assert!(!STATUS_CODES.get(12).unwrap().source.is_confirmed());
        assert!(STATUS_CODES.get(96).unwrap().source.is_confirmed());
        assert_eq!(CONFIG_KEY_STATUS.name_of(3), Some("CONFIG_UNKNOWN_DATA"));
        assert_eq!(CONFIG_END_STATUS.name_of(2), Some("CONFIG_UNKNOWN_DATA"));
        assert_eq!(DEVICE_TYPES.name_of(0xFFFF), Some("DEVID_NONE"));
        assert_eq!(EVENT_CAUSES.name_of(1014), Some("CECX_DROP_HANDLED_OTHER"));
        assert_eq!(
            CONFIG_MSG_MASK.split(0x5),
            (vec!["CONFIG_AGENT_MASK", "CONFIG_APPLICATION_MASK"], 0)
        );
        assert_eq!(
            CONFIGURATION_MASK.split(0x21),
            (vec!["CONFIGURATION_APPLICATION"], 0x20)
        );
        assert_eq!(
            CALL_EVENT_MASK.split(0x5).0,
            vec!["CALL_DELIVERED_MASK", "CALL_ESTABLISHED_MASK"]
        );
    }
}
