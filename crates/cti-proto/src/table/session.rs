//! Session messages: OPEN, HEARTBEAT, CLOSE, FAILURE_CONF / FAILURE_EVENT, SYSTEM_EVENT
//! (digest 02-session §3).

use super::*;
use crate::values::*;

/// The messages of this file.
pub(super) static MESSAGES: &[&MessageSpec] = &[
    &FAILURE_CONF,
    &FAILURE_EVENT,
    &OPEN_REQ,
    &OPEN_CONF,
    &HEARTBEAT_REQ,
    &HEARTBEAT_CONF,
    &CLOSE_REQ,
    &CLOSE_CONF,
    &SYSTEM_EVENT,
];

/// FAILURE_CONF (1): the negative answer to any request.
pub static FAILURE_CONF: MessageSpec = MessageSpec::new(
    1,
    "FAILURE_CONF",
    "FailureConf",
    S2C,
    Kind::Confirmation,
    Class::Error,
)
.summary("Negative answer to any request, with an E_CTI status code.")
.fixed(&[
    FixedField::u32("InvokeID", "invoke_id"),
    FixedField::u32("Status", "status").values(&STATUS_CODES),
])
.floating(&[FloatItem::Field(FloatField::string(7, "Text", "text", 255))]);

/// FAILURE_EVENT (2): an unsolicited failure notice.
pub static FAILURE_EVENT: MessageSpec = MessageSpec::new(
    2,
    "FAILURE_EVENT",
    "FailureEvent",
    S2C,
    Kind::Event,
    Class::Error,
)
.summary("Unsolicited failure notice, with an E_CTI status code.")
.fixed(&[FixedField::u32("Status", "status").values(&STATUS_CODES)])
.floating(&[FloatItem::Field(FloatField::string(7, "Text", "text", 255))]);

/// OPEN_REQ (3).
pub static OPEN_REQ: MessageSpec =
    MessageSpec::new(3, "OPEN_REQ", "OpenReq", C2S, Kind::Request, Class::Session)
        .summary("Opens a session: version, idle timeout, services and event masks.")
        .fixed(&[
            FixedField::u32("InvokeID", "invoke_id"),
            FixedField::u32("VersionNumber", "version_number"),
            FixedField::u32("IdleTimeout", "idle_timeout"),
            FixedField::reserved_u32(0),
            FixedField::u32("ServicesRequested", "services_requested").mask(&SERVICE_MASK),
            FixedField::u32("CallMsgMask", "call_msg_mask").mask(&CALL_EVENT_MASK),
            FixedField::u32("AgentStateMask", "agent_state_mask").mask(&AGENT_STATE_MASK),
            FixedField::u32("ConfigMsgMask", "config_msg_mask").mask(&CONFIG_MSG_MASK),
            FixedField::reserved_u32(0).unconfirmed(
                "from a UCCX server log (CSCvs94144: reserve1..3, BodyLength 69) and UCCE",
            ),
            FixedField::reserved_u32(0).unconfirmed(
                "from a UCCX server log (CSCvs94144: reserve1..3, BodyLength 69) and UCCE",
            ),
            FixedField::reserved_u32(0).unconfirmed(
                "from a UCCX server log (CSCvs94144: reserve1..3, BodyLength 69) and UCCE",
            ),
        ])
        .floating(&[
            FloatItem::Field(
                FloatField::string(1, "ClientID", "client_id", 64)
                    .unconfirmed("OPEN_REQ floating table unreadable; UCCE and CSCvs94144 log"),
            ),
            FloatItem::Field(
                FloatField::unspec(2, "ClientPassword", "client_password", 64)
                    .unconfirmed("OPEN_REQ floating table unreadable; UCCE and CSCvs94144 log"),
            ),
            FloatItem::Field(
                FloatField::string(3, "ClientSignature", "client_signature", 64)
                    .unconfirmed("OPEN_REQ floating table unreadable; UCCE"),
            ),
            FloatItem::Field(
                FloatField::string(4, "AgentExtension", "agent_extension", 16)
                    .unconfirmed("OPEN_REQ floating table unreadable; CSCvs94144 log"),
            ),
            FloatItem::Field(
                FloatField::string(6, "AgentInstrument", "agent_instrument", 64)
                    .unconfirmed("OPEN_REQ floating table unreadable; CSCvs94144 log"),
            ),
            FloatItem::Field(
                FloatField::string(194, "AgentID", "agent_id", 129)
                    .unconfirmed("OPEN_REQ floating table unreadable; CSCvs94144 log"),
            ),
        ]);

/// OPEN_CONF (4).
pub static OPEN_CONF: MessageSpec = MessageSpec::new(
    4,
    "OPEN_CONF",
    "OpenConf",
    S2C,
    Kind::Confirmation,
    Class::Session,
)
.summary("Session opened: services granted, online flag, the agent's state.")
.fixed(&[
    FixedField::u32("InvokeID", "invoke_id"),
    FixedField::u32("ServicesGranted", "services_granted").mask(&SERVICE_MASK),
    FixedField::reserved_u32(0),
    FixedField::reserved_u32(0),
    FixedField::reserved_time(0),
    FixedField::bool("UnifiedCCXOnline", "ccx_online"),
    FixedField::reserved_u16(0),
    FixedField::u16("AgentState", "agent_state").values(&AGENT_STATES),
])
.floating(&[
    FloatItem::Field(FloatField::string(
        4,
        "AgentExtension",
        "agent_extension",
        16,
    )),
    FloatItem::Field(
        FloatField::string(5, "reserved", "", 12).presence(Presence::ReservedOptional(0)),
    ),
    FloatItem::Field(FloatField::string(
        6,
        "AgentInstrument",
        "agent_instrument",
        64,
    )),
    FloatItem::Field(FloatField::string(194, "AgentID", "agent_id", 129)),
    FloatItem::Field(FloatField::count_u16(228, "NumPeripherals", "peripherals").since(14)),
    FloatItem::Group(Group {
        name: "peripheral",
        ident: "peripherals",
        type_name: "OpenConfPeripheral",
        count: GroupCount::Float(228),
        max: 1,
        since: 14,
        items: &[
            FloatItem::Field(FloatField::u32(208, "FltPeripheralID", "peripheral_id").since(14)),
            FloatItem::Field(
                FloatField::u16(224, "MultilineAgentControl", "multiline_agent_control").since(14),
            ),
        ],
    }),
    FloatItem::Field(
        FloatField::u16(248, "ConfigMsgMaskGranted", "config_msg_mask_granted")
            .since(18)
            .mask(&CONFIG_MSG_MASK),
    ),
]);

/// HEARTBEAT_REQ (5).
pub static HEARTBEAT_REQ: MessageSpec = MessageSpec::new(
    5,
    "HEARTBEAT_REQ",
    "HeartbeatReq",
    C2S,
    Kind::Request,
    Class::Session,
)
.summary("Keeps the session alive; the server answers at once.")
.fixed(&[FixedField::u32("InvokeID", "invoke_id")]);

/// HEARTBEAT_CONF (6). DECISION: the by-class table names ID 6 HEARTBEAT_REQ; the by-ID table
/// and the message page say HEARTBEAT_CONF, which we follow.
pub static HEARTBEAT_CONF: MessageSpec = MessageSpec::new(
    6,
    "HEARTBEAT_CONF",
    "HeartbeatConf",
    S2C,
    Kind::Confirmation,
    Class::Session,
)
.summary("Answer to HEARTBEAT_REQ.")
.fixed(&[FixedField::u32("InvokeID", "invoke_id")]);

/// CLOSE_REQ (7).
pub static CLOSE_REQ: MessageSpec = MessageSpec::new(
    7,
    "CLOSE_REQ",
    "CloseReq",
    C2S,
    Kind::Request,
    Class::Session,
)
.summary("Ends the session, giving a reason.")
.fixed(&[
    FixedField::u32("InvokeID", "invoke_id"),
    FixedField::u32("Status", "status").values(&STATUS_CODES),
]);

/// CLOSE_CONF (8).
pub static CLOSE_CONF: MessageSpec = MessageSpec::new(
    8,
    "CLOSE_CONF",
    "CloseConf",
    S2C,
    Kind::Confirmation,
    Class::Session,
)
.summary("Answer to CLOSE_REQ; the client then closes the connection.")
.fixed(&[FixedField::u32("InvokeID", "invoke_id")]);

/// SYSTEM_EVENT (31).
pub static SYSTEM_EVENT: MessageSpec = MessageSpec::new(
    31,
    "SYSTEM_EVENT",
    "SystemEvent",
    S2C,
    Kind::Event,
    Class::Session,
)
.summary("Unified CCX or a device changed status; sent to every session.")
.fixed(&[
    FixedField::u32("CCXStatus", "ccx_status").values(&CCX_STATUS),
    FixedField::time("CCXTime", "ccx_time"),
    FixedField::u32("SystemEventID", "system_event_id").values(&SYSTEM_EVENT_IDS),
    FixedField::u32("SystemEventArg1", "arg1"),
    FixedField::u32("SystemEventArg2", "arg2"),
    FixedField::u32("SystemEventArg3", "arg3"),
    FixedField::u16("EventDeviceType", "event_device_type").values(&DEVICE_TYPES),
])
.floating(&[
    FloatItem::Field(FloatField::string(7, "Text", "text", 255)),
    FloatItem::Field(FloatField::string(
        206,
        "EventDeviceID",
        "event_device_id",
        64,
    )),
]);
