//! The value tables: every enumeration, mask and status code of the protocol, with the
//! source of each number. Typed newtypes with named constants are generated from these
//! tables (see [`crate::msg`]); printing and JSON output look names up here.

use crate::spec::{MaskTable, Source, Value, ValueTable};

/// Shorthand for an unconfirmed value.
const fn u(v: Value, why: &'static str) -> Value {
    v.unconfirmed(why)
}

#[allow(dead_code)]
const UCCE: Source = Source::Unconfirmed("UCCE GED-188 value; not in a Unified CCX source");

/// E_CTI status codes (FAILURE_CONF, FAILURE_EVENT, CLOSE_REQ Status).
pub static STATUS_CODES: ValueTable = ValueTable {
    name: "E_CTI status codes (FAILURE_CONF, FAILURE_EVENT, CLOSE_REQ Status)",
    rust_type: "StatusCode",
    repr: "u32",
    values: &[
        // TODO(values): fill from the digest
    ],
};

/// CTI service masks (ServicesRequested / ServicesGranted).
pub static SERVICE_MASK: MaskTable = MaskTable {
    name: "CTI service masks (ServicesRequested / ServicesGranted)",
    rust_type: "ServiceMask",
    bits: &[
        // TODO(values): fill from the digest
    ],
};

/// Unsolicited call-event message masks (CallMsgMask).
pub static CALL_EVENT_MASK: MaskTable = MaskTable {
    name: "Unsolicited call-event message masks (CallMsgMask)",
    rust_type: "CallEventMask",
    bits: &[
        // TODO(values): fill from the digest
    ],
};

/// Agent-state masks (AgentStateMask, MakeCallSetup).
pub static AGENT_STATE_MASK: MaskTable = MaskTable {
    name: "Agent-state masks (AgentStateMask, MakeCallSetup)",
    rust_type: "AgentStateMask",
    bits: &[
        // TODO(values): fill from the digest
    ],
};

/// Configuration-information masks (ConfigMsgMask, ConfigMsgMaskGranted).
pub static CONFIG_MSG_MASK: MaskTable = MaskTable {
    name: "Configuration-information masks (ConfigMsgMask, ConfigMsgMaskGranted)",
    rust_type: "ConfigMsgMask",
    bits: &[
        // TODO(values): fill from the digest
    ],
};

/// ConfigurationMask of CONFIG_REQUEST_EVENT / CONFIG_BEGIN_EVENT (different bit order).
pub static CONFIGURATION_MASK: MaskTable = MaskTable {
    name: "ConfigurationMask of CONFIG_REQUEST_EVENT / CONFIG_BEGIN_EVENT (different bit order)",
    rust_type: "ConfigurationMask",
    bits: &[
        // TODO(values): fill from the digest
    ],
};

/// Agent states.
pub static AGENT_STATES: ValueTable = ValueTable {
    name: "Agent states",
    rust_type: "AgentState",
    repr: "u16",
    values: &[
        // TODO(values): fill from the digest
    ],
};

/// Internal agent states (QUERY_AGENT_STATE_CONF).
pub static INTERNAL_AGENT_STATES: ValueTable = ValueTable {
    name: "Internal agent states (QUERY_AGENT_STATE_CONF)",
    rust_type: "",
    repr: "u16",
    values: &[
        // TODO(values): fill from the digest
    ],
};

/// SystemEventID values.
pub static SYSTEM_EVENT_IDS: ValueTable = ValueTable {
    name: "SystemEventID values",
    rust_type: "SystemEventId",
    repr: "u32",
    values: &[
        // TODO(values): fill from the digest
    ],
};

/// Unified CCX status values (SYSTEM_EVENT.CCXStatus).
pub static CCX_STATUS: ValueTable = ValueTable {
    name: "Unified CCX status values (SYSTEM_EVENT.CCXStatus)",
    rust_type: "CcxStatus",
    repr: "u32",
    values: &[
        // TODO(values): fill from the digest
    ],
};

/// DeviceType values of call messages.
pub static DEVICE_TYPES: ValueTable = ValueTable {
    name: "DeviceType values of call messages",
    rust_type: "DeviceType",
    repr: "u16",
    values: &[
        // TODO(values): fill from the digest
    ],
};

/// ConnectionDeviceType values.
pub static CONNECTION_DEVICE_TYPES: ValueTable = ValueTable {
    name: "ConnectionDeviceType values",
    rust_type: "ConnectionDeviceType",
    repr: "u16",
    values: &[
        // TODO(values): fill from the digest
    ],
};

/// CallType values.
pub static CALL_TYPES: ValueTable = ValueTable {
    name: "CallType values",
    rust_type: "CallType",
    repr: "u16",
    values: &[
        // TODO(values): fill from the digest
    ],
};

/// Call EventCause (CEC) values.
pub static EVENT_CAUSES: ValueTable = ValueTable {
    name: "Call EventCause (CEC) values",
    rust_type: "EventCause",
    repr: "u16",
    values: &[
        // TODO(values): fill from the digest
    ],
};

/// LocalConnectionState (LCS) values.
pub static LOCAL_CONNECTION_STATES: ValueTable = ValueTable {
    name: "LocalConnectionState (LCS) values",
    rust_type: "LocalConnectionState",
    repr: "u16",
    values: &[
        // TODO(values): fill from the digest
    ],
};

/// Control Failure (CF) codes.
pub static CONTROL_FAILURE_CODES: ValueTable = ValueTable {
    name: "Control Failure (CF) codes",
    rust_type: "ControlFailureCode",
    repr: "u16",
    values: &[
        // TODO(values): fill from the digest
    ],
};

/// Unified CCX error codes (CONTROL_FAILURE_CONF).
pub static CCX_ERROR_CODES: ValueTable = ValueTable {
    name: "Unified CCX error codes (CONTROL_FAILURE_CONF)",
    rust_type: "CcxErrorCode",
    repr: "u32",
    values: &[
        // TODO(values): fill from the digest
    ],
};

/// Agent-state reason codes (system codes).
pub static REASON_CODES: ValueTable = ValueTable {
    name: "Agent-state reason codes (system codes)",
    rust_type: "ReasonCode",
    repr: "u16",
    values: &[
        // TODO(values): fill from the digest
    ],
};

/// CONFIG_KEY_EVENT status.
pub static CONFIG_KEY_STATUS: ValueTable = ValueTable {
    name: "CONFIG_KEY_EVENT status",
    rust_type: "ConfigKeyStatus",
    repr: "u32",
    values: &[
        // TODO(values): fill from the digest
    ],
};

/// CONFIG_END_EVENT status.
pub static CONFIG_END_STATUS: ValueTable = ValueTable {
    name: "CONFIG_END_EVENT status",
    rust_type: "ConfigEndStatus",
    repr: "u32",
    values: &[
        // TODO(values): fill from the digest
    ],
};

/// CONFIG_BEGIN_EVENT ConfigType.
pub static CONFIG_TYPES: ValueTable = ValueTable {
    name: "CONFIG_BEGIN_EVENT ConfigType",
    rust_type: "",
    repr: "u16",
    values: &[
        // TODO(values): fill from the digest
    ],
};

/// RecordType[183].
pub static RECORD_TYPES: ValueTable = ValueTable {
    name: "RecordType[183]",
    rust_type: "RecordType",
    repr: "u16",
    values: &[
        // TODO(values): fill from the digest
    ],
};

/// AgentType[189].
pub static AGENT_TYPES: ValueTable = ValueTable {
    name: "AgentType[189]",
    rust_type: "",
    repr: "u16",
    values: &[
        // TODO(values): fill from the digest
    ],
};

/// CONFIG_DEVICE_EVENT DeviceType[195].
pub static CONFIG_DEVICE_TYPES: ValueTable = ValueTable {
    name: "CONFIG_DEVICE_EVENT DeviceType[195]",
    rust_type: "",
    repr: "u16",
    values: &[
        // TODO(values): fill from the digest
    ],
};

/// MR Domain ID[216].
pub static MR_DOMAINS: ValueTable = ValueTable {
    name: "MR Domain ID[216]",
    rust_type: "",
    repr: "u32",
    values: &[
        // TODO(values): fill from the digest
    ],
};

/// TEAM_CONFIG_EVENT Operation.
pub static TEAM_OPERATIONS: ValueTable = ValueTable {
    name: "TEAM_CONFIG_EVENT Operation",
    rust_type: "",
    repr: "u16",
    values: &[
        // TODO(values): fill from the digest
    ],
};

/// TEAM_CONFIG_REQ ConfigParam.
pub static TEAM_CONFIG_PARAM: MaskTable = MaskTable {
    name: "TEAM_CONFIG_REQ ConfigParam",
    rust_type: "",
    bits: &[
        // TODO(values): fill from the digest
    ],
};

/// TEAM_CONFIG_CONF Status.
pub static TEAM_CONFIG_STATUS: ValueTable = ValueTable {
    name: "TEAM_CONFIG_CONF Status",
    rust_type: "",
    repr: "u32",
    values: &[
        // TODO(values): fill from the digest
    ],
};

/// TEAM_CONFIG_EVENT MemberType[205].
pub static MEMBER_TYPES: ValueTable = ValueTable {
    name: "TEAM_CONFIG_EVENT MemberType[205]",
    rust_type: "",
    repr: "u16",
    values: &[
        // TODO(values): fill from the digest
    ],
};

/// TEAM_CONFIG_EVENT AgentFlags[87].
pub static AGENT_FLAGS: MaskTable = MaskTable {
    name: "TEAM_CONFIG_EVENT AgentFlags[87]",
    rust_type: "",
    bits: &[
        // TODO(values): fill from the digest
    ],
};

/// SET_AGENT_STATE_REQ ForcedFlag.
pub static FORCED_FLAGS: ValueTable = ValueTable {
    name: "SET_AGENT_STATE_REQ ForcedFlag",
    rust_type: "",
    repr: "u8",
    values: &[
        // TODO(values): fill from the digest
    ],
};

/// SET_AGENT_STATE_REQ AgentCapacity.
pub static AGENT_CAPACITY: MaskTable = MaskTable {
    name: "SET_AGENT_STATE_REQ AgentCapacity",
    rust_type: "",
    bits: &[
        // TODO(values): fill from the digest
    ],
};

/// CONSULT_CALL_REQ ConsultType.
pub static CONSULT_TYPES: ValueTable = ValueTable {
    name: "CONSULT_CALL_REQ ConsultType",
    rust_type: "",
    repr: "u16",
    values: &[
        // TODO(values): fill from the digest
    ],
};

/// SUPERVISE_CALL_REQ SupervisoryAction.
pub static SUPERVISORY_ACTIONS: ValueTable = ValueTable {
    name: "SUPERVISE_CALL_REQ SupervisoryAction",
    rust_type: "",
    repr: "u16",
    values: &[
        // TODO(values): fill from the digest
    ],
};

/// CalledPartyDisposition values.
pub static DISPOSITIONS: ValueTable = ValueTable {
    name: "CalledPartyDisposition values",
    rust_type: "",
    repr: "u16",
    values: &[
        // TODO(values): fill from the digest
    ],
};

/// lineType values.
pub static LINE_TYPES: ValueTable = ValueTable {
    name: "lineType values",
    rust_type: "",
    repr: "u16",
    values: &[
        // TODO(values): fill from the digest
    ],
};

/// OPEN_CONF UnifiedCCXOnline.
pub static ONLINE_FLAGS: ValueTable = ValueTable {
    name: "OPEN_CONF UnifiedCCXOnline",
    rust_type: "",
    repr: "u16",
    values: &[
        // TODO(values): fill from the digest
    ],
};

/// RTP Direction.
pub static RTP_DIRECTIONS: ValueTable = ValueTable {
    name: "RTP Direction",
    rust_type: "",
    repr: "u16",
    values: &[
        // TODO(values): fill from the digest
    ],
};

/// RTPType.
pub static RTP_TYPES: ValueTable = ValueTable {
    name: "RTPType",
    rust_type: "",
    repr: "u16",
    values: &[
        // TODO(values): fill from the digest
    ],
};

/// RTP PayloadType (audio codec) values.
pub static PAYLOAD_TYPES: ValueTable = ValueTable {
    name: "RTP PayloadType (audio codec) values",
    rust_type: "",
    repr: "u16",
    values: &[
        // TODO(values): fill from the digest
    ],
};

/// CONFIG_TERMINAL_EVENT TerminalType.
pub static TERMINAL_TYPES: ValueTable = ValueTable {
    name: "CONFIG_TERMINAL_EVENT TerminalType",
    rust_type: "",
    repr: "u16",
    values: &[
        // TODO(values): fill from the digest
    ],
};
