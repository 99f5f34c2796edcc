//! Agent-state messages: QUERY_AGENT_STATE, SET_AGENT_STATE, AGENT_STATE_EVENT (digest
//! 05-agent §4, 02-session §8.1–8.2).

use super::*;
use crate::values::*;

/// The messages of this file.
pub(super) static MESSAGES: &[&MessageSpec] = &[&QUERY_AGENT_STATE_CONF];

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
    FloatItem::Field(FloatField::string(5, "reserved", "", 12).presence(Presence::ReservedOptional(0))),
    FloatItem::Field(FloatField::string(4, "AgentExtension", "agent_extension", 16)),
    FloatItem::Field(FloatField::string(6, "AgentInstrument", "agent_instrument", 64)),
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
            FloatItem::Field(FloatField::u16(65, "CSQState", "csq_state").required().values(&AGENT_STATES)),
        ],
    }),
    FloatItem::Field(
        FloatField::u16(255, "InternalAgentState", "internal_agent_state")
            .values(&INTERNAL_AGENT_STATES)
            .unconfirmed("the guide prints no tag; 255 is UCCE's tag reserved 'for CCX'"),
    ),
]);
