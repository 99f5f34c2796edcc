//! Agent-state messages (digest 05-agent §4, 02-session §8.1–8.2): the unsolicited
//! AGENT_STATE_EVENT, the QUERY_AGENT_STATE request and its answer, and the SET_AGENT_STATE
//! request (login, logout, Not Ready, Ready, Work) and its answer.
//!
//! All four IDs (30, 36–39) are read in the UCCX by-ID table. A refused SET_AGENT_STATE_REQ is
//! answered with CONTROL_FAILURE_CONF (35), which lives with the call-control messages. The
//! per-CSQ records of AGENT_STATE_EVENT and QUERY_AGENT_STATE_CONF share one Rust type,
//! `CsqState`.

use super::*;
use crate::values::*;

/// The messages of this file.
pub(super) static MESSAGES: &[&MessageSpec] = &[
    &AGENT_STATE_EVENT,
    &QUERY_AGENT_STATE_REQ,
    &QUERY_AGENT_STATE_CONF,
    &SET_AGENT_STATE_REQ,
    &SET_AGENT_STATE_CONF,
];

/// Why the floating part of AGENT_STATE_EVENT past CTIClientSignature is inferred.
const ASE_TAIL: &str =
    "AGENT_STATE_EVENT page truncated after CTIClientSignature; by analogy with QUERY_AGENT_STATE_CONF and UCCE";

/// AGENT_STATE_EVENT (30): an agent's state changed.
pub static AGENT_STATE_EVENT: MessageSpec = MessageSpec::new(
    30,
    "AGENT_STATE_EVENT",
    "AgentStateEvent",
    S2C,
    Kind::Event,
    Class::AgentState,
)
.summary("An agent changed state, overall and with respect to one or more CSQs, with the reason.")
.fixed(&[
    FixedField::reserved_u32(0),
    FixedField::reserved_u32(1),
    FixedField::reserved_u32(0),
    FixedField::reserved_u16(21),
    FixedField::u16("CSQState", "csq_state").values(&AGENT_STATES),
    FixedField::u32("StateDuration", "state_duration"),
    FixedField::u32("CSQID", "csq_id"),
    FixedField::reserved_u32(0xFFFF_FFFF),
    FixedField::reserved_u16(0),
    FixedField::u16("AgentState", "agent_state").values(&AGENT_STATES),
    FixedField::u16("EventReasonCode", "event_reason_code").values(&REASON_CODES),
    FixedField::reserved_i32(1),
    FixedField::reserved_u32(0),
    FixedField::reserved_u16(0),
    FixedField::reserved_u32(0),
    FixedField::reserved_i32(0),
    FixedField::reserved_i32(1),
    FixedField::count_u16("numCSQs", "csqs"),
])
.floating(&[
    FloatItem::Field(
        FloatField::string(23, "CTIClientSignature", "cti_client_signature", 64)
            .unconfirmed("size not printed on the UCCX page; 64 is the UCCE size"),
    ),
    FloatItem::Field(FloatField::string(194, "AgentID", "agent_id", 129).unconfirmed(ASE_TAIL)),
    FloatItem::Field(FloatField::string(4, "AgentExtension", "agent_extension", 16).unconfirmed(ASE_TAIL)),
    FloatItem::Field(FloatField::string(6, "AgentInstrument", "agent_instrument", 64).unconfirmed(ASE_TAIL)),
    // Structurally the same record as in QUERY_AGENT_STATE_CONF (same tags, types, presence),
    // hence the shared type `CsqState`; only the source of the layout differs. At most 99 per
    // event (the server sends another event for more); numCSQs = 0 means the fixed-part
    // CSQID/CSQState is the only record.
    FloatItem::Group(Group {
        name: "CSQ state",
        ident: "csqs",
        type_name: "CsqState",
        count: GroupCount::Fixed,
        max: 99,
        since: 10,
        items: &[
            FloatItem::Field(FloatField::u32(62, "CSQID", "csq_id").required().unconfirmed(ASE_TAIL)),
            FloatItem::Field(FloatField::reserved_u32(63, 0).unconfirmed(ASE_TAIL)),
            FloatItem::Field(FloatField::reserved_u16(64, 0).unconfirmed(ASE_TAIL)),
            FloatItem::Field(
                FloatField::u16(65, "CSQState", "csq_state")
                    .required()
                    .values(&AGENT_STATES)
                    .unconfirmed(ASE_TAIL),
            ),
        ],
    }),
    FloatItem::Field(
        FloatField::string(303, "ActiveTerminal", "active_terminal", 64)
            .since(18)
            .unconfirmed("v18 addition named in the 12.5(1)SU1 changes; position on the truncated page inferred"),
    ),
]);

/// QUERY_AGENT_STATE_REQ (36).
pub static QUERY_AGENT_STATE_REQ: MessageSpec = MessageSpec::new(
    36,
    "QUERY_AGENT_STATE_REQ",
    "QueryAgentStateReq",
    C2S,
    Kind::Request,
    Class::AgentState,
)
.summary("Asks for one agent's current state, naming the agent by extension, instrument or ID.")
.fixed(&[
    FixedField::u32("InvokeID", "invoke_id"),
    FixedField::reserved_u32(1),
    FixedField::reserved_i32(1),
    FixedField::reserved_i32(0),
])
.floating(&[
    FloatItem::Field(FloatField::string(
        4,
        "AgentExtension",
        "agent_extension",
        16,
    )),
    FloatItem::Field(FloatField::string(
        6,
        "AgentInstrument",
        "agent_instrument",
        64,
    )),
    FloatItem::Field(FloatField::string(194, "AgentID", "agent_id", 129)),
])
.rules(&[Rule::AtLeastOne(&[4, 6, 194])]);

/// QUERY_AGENT_STATE_CONF (37).
pub static QUERY_AGENT_STATE_CONF: MessageSpec = MessageSpec::new(
    37,
    "QUERY_AGENT_STATE_CONF",
    "QueryAgentStateConf",
    S2C,
    Kind::Confirmation,
    Class::AgentState,
)
.summary("An agent's overall state and its state in each CSQ.")
.fixed(&[
    FixedField::u32("InvokeID", "invoke_id"),
    FixedField::u16("AgentState", "agent_state").values(&AGENT_STATES),
    FixedField::count_u16("numCSQs", "csqs"),
    FixedField::reserved_i32(1),
    FixedField::reserved_u32(0),
    FixedField::reserved_u16(0),
    FixedField::reserved_u32(0),
    FixedField::reserved_u32(0),
    FixedField::reserved_u32(1),
])
.floating(&[
    FloatItem::Field(
        FloatField::string(5, "reserved", "", 12).presence(Presence::ReservedOptional(0)),
    ),
    FloatItem::Field(FloatField::string(
        4,
        "AgentExtension",
        "agent_extension",
        16,
    )),
    FloatItem::Field(FloatField::string(
        6,
        "AgentInstrument",
        "agent_instrument",
        64,
    )),
    FloatItem::Field(FloatField::string(194, "AgentID", "agent_id", 129).required()),
    FloatItem::Group(Group {
        name: "CSQ state",
        ident: "csqs",
        type_name: "CsqState",
        count: GroupCount::Fixed,
        max: 20,
        since: 10,
        items: &[
            FloatItem::Field(FloatField::u32(62, "CSQID", "csq_id").required()),
            FloatItem::Field(FloatField::reserved_u32(63, 0)),
            FloatItem::Field(FloatField::reserved_u16(64, 0)),
            FloatItem::Field(
                FloatField::u16(65, "CSQState", "csq_state")
                    .required()
                    .values(&AGENT_STATES),
            ),
        ],
    }),
    FloatItem::Field(
        FloatField::u16(255, "InternalAgentState", "internal_agent_state")
            .values(&INTERNAL_AGENT_STATES)
            .unconfirmed("the guide prints no tag; 255 is UCCE's tag reserved 'for CCX'"),
    ),
]);

/// SET_AGENT_STATE_REQ (38).
pub static SET_AGENT_STATE_REQ: MessageSpec = MessageSpec::new(
    38,
    "SET_AGENT_STATE_REQ",
    "SetAgentStateReq",
    C2S,
    Kind::Request,
    Class::AgentState,
)
.summary("Logs an agent in or out or moves it to Not Ready, Ready or Work; success does not prove the change.")
.fixed(&[
    FixedField::u32("InvokeID", "invoke_id"),
    FixedField::reserved_u32(1),
    FixedField::u16("AgentState", "agent_state").values(&AGENT_STATES),
    FixedField::reserved_u16(0),
    FixedField::reserved_u16(0),
    FixedField::u16("EventReasonCode", "event_reason_code").values(&REASON_CODES),
    FixedField::u8("ForcedFlag", "forced_flag").values(&FORCED_FLAGS),
    FixedField::u32("AgentCapacity", "agent_capacity").since(12).mask(&AGENT_CAPACITY),
])
.floating(&[
    FloatItem::Field(FloatField::string(6, "AgentInstrument", "agent_instrument", 64).required()),
    FloatItem::Field(FloatField::string(49, "AgentPassword", "agent_password", 64)),
    FloatItem::Field(FloatField::string(194, "AgentID", "agent_id", 129)),
    FloatItem::Field(FloatField::string(303, "ActiveTerminal", "active_terminal", 64).since(18)),
])
.rules(&[
    Rule::RequiredWhen { tag: 49, field: "AgentState", value: 0 },
    Rule::RequiredWhen { tag: 194, field: "AgentState", value: 0 },
    Rule::RequiredWhen { tag: 194, field: "AgentState", value: 1 },
]);

/// SET_AGENT_STATE_CONF (39).
pub static SET_AGENT_STATE_CONF: MessageSpec = MessageSpec::new(
    39,
    "SET_AGENT_STATE_CONF",
    "SetAgentStateConf",
    S2C,
    Kind::Confirmation,
    Class::AgentState,
)
.summary(
    "SET_AGENT_STATE_REQ was accepted; the state change itself is reported by AGENT_STATE_EVENT.",
)
.fixed(&[FixedField::u32("InvokeID", "invoke_id")]);
