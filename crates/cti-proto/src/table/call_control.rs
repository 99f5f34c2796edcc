//! Call-control messages: the client requests that act on calls and their confirmations
//! (answer, hold, retrieve, alternate, reconnect, clear, make, consult, transfer, conference,
//! DTMF, bad-call report), CONTROL_FAILURE_CONF that replaces any of those confirmations on
//! failure, SET_CALL_DATA, and the call/device queries QUERY_DEVICE_INFO, SNAPSHOT_CALL and
//! SNAPSHOT_DEVICE (digest 06-call-control §3, 02-session §8.3–8.7 and §8.9).
//!
//! IDs up to 57 are read in the UCCX by-ID table; the higher ones are UCCE numbers and are
//! marked unconfirmed. Several request pages were cut before their floating part ended; the
//! fields after the cut come from the UCCE layout and carry `unconfirmed` with the reason.
//! The supervisor, assistance and emergency requests live in `supervisor.rs`.

use super::*;
use crate::values::*;

/// The messages of this file.
pub(super) static MESSAGES: &[&MessageSpec] = &[
    &SET_CALL_DATA_REQ,
    &SET_CALL_DATA_CONF,
    &CONTROL_FAILURE_CONF,
    &ALTERNATE_CALL_REQ,
    &ALTERNATE_CALL_CONF,
    &ANSWER_CALL_REQ,
    &ANSWER_CALL_CONF,
    &CLEAR_CALL_REQ,
    &CLEAR_CALL_CONF,
    &CLEAR_CONNECTION_REQ,
    &CLEAR_CONNECTION_CONF,
    &CONFERENCE_CALL_REQ,
    &CONFERENCE_CALL_CONF,
    &CONSULT_CALL_REQ,
    &CONSULT_CALL_CONF,
    &HOLD_CALL_REQ,
    &HOLD_CALL_CONF,
    &MAKE_CALL_REQ,
    &MAKE_CALL_CONF,
    &RECONNECT_CALL_REQ,
    &RECONNECT_CALL_CONF,
    &RETRIEVE_CALL_REQ,
    &RETRIEVE_CALL_CONF,
    &TRANSFER_CALL_REQ,
    &TRANSFER_CALL_CONF,
    &QUERY_DEVICE_INFO_REQ,
    &QUERY_DEVICE_INFO_CONF,
    &SNAPSHOT_CALL_REQ,
    &SNAPSHOT_CALL_CONF,
    &SNAPSHOT_DEVICE_REQ,
    &SNAPSHOT_DEVICE_CONF,
    &SEND_DTMF_SIGNAL_REQ,
    &SEND_DTMF_SIGNAL_CONF,
    &BAD_CALL_REQ,
    &BAD_CALL_CONF,
];

// Where the inferred fields of this file come from (one text per page that was cut).
/// ConnectedParty rows: cut on every UCCX page that has them.
const PARTY_ROWS: &str = "FieldDataID table and UCCE; the party rows are cut on the UCCX pages";
/// SET_CALL_DATA_REQ after CallVariable10.
const SET_DATA_CUT: &str = "ICM-derived; SET_CALL_DATA_REQ page cut at CallWrapupData";
/// CLEAR_CONNECTION_CONF.
const NO_PAGE: &str =
    "no CLEAR_CONNECTION_CONF page found; all sibling CONFs (and UCCE) are InvokeID only";
/// CONFERENCE_CALL_REQ floating part (UCCE requires both connection IDs).
const CONFERENCE_CUT: &str = "ICM-derived; CONFERENCE_CALL_REQ floating table not readable";
/// CONSULT_CALL_REQ NumNamedArrays.
const CONSULT_ARRAYS: &str =
    "page cut after NumNamedVariables; assumed as in MAKE/CONFERENCE_CALL_REQ";
/// CONSULT_CALL_REQ floating part.
const CONSULT_CUT: &str = "ICM-derived; CONSULT_CALL_REQ floating table not readable";
/// MAKE_CALL_REQ after DialedNumber.
const MAKE_CUT: &str = "ICM-derived; MAKE_CALL_REQ page cut after DialedNumber";
/// TRANSFER_CALL_REQ NumNamedArrays.
const TRANSFER_ARRAYS: &str = "page cut after NumNamedVariables; assumed as in CONFERENCE_CALL_REQ";
/// TRANSFER_CALL_REQ floating part (UCCE requires both connection IDs; DialedNumber is its
/// single-step transfer).
const TRANSFER_CUT: &str = "ICM-derived; TRANSFER_CALL_REQ floating table not readable";
/// QUERY_DEVICE_INFO_CONF tag 71.
const TAG_71: &str = "page cut at tag 71; USHORT 0 per the call-control pages (UCCE LineType)";
/// SNAPSHOT_CALL_CONF per-device rows.
const SNAPSHOT_CALL_ROWS: &str =
    "names from NumCallDevices' text, types from FieldDataID; rows cut";

/// NamedVariable / NamedArray where the page is cut before them but has the counters.
const NAMED_BY_COUNT: &str = "implied by the NumNamedVariables/NumNamedArrays counters; rows cut";

/// One party of a call that results from a conference or transfer: ConnectedPartyCallID[39],
/// ConnectedPartyDeviceType[40], ConnectedPartyDeviceID[41], counted by the fixed NumParties
/// (at most 16). Shared by CONFERENCE_CALL_CONF, CALL_CONFERENCED_EVENT and
/// CALL_TRANSFERRED_EVENT so that the three stay identical.
///
/// DECISION: ConnectedPartyDeviceType is read as a connection device type
/// (CONNECTION_DEVICE_TYPES), not a DEVID_* device type: the triple names a connection
/// (call ID + type + ID), as CallConnectionDeviceType does in the snapshots, and the guide's
/// list of DEVID_* fields does not include it.
///
/// DECISION: all three fields are required within each party. The guide marks them optional
/// because the list may be empty; it also says each party is sent as a complete triple in
/// the order CallID, DeviceType, DeviceID.
pub(super) const CONNECTED_PARTIES: FloatItem = FloatItem::Group(Group {
    name: "connected party",
    ident: "connected_parties",
    type_name: "ConnectedParty",
    count: GroupCount::Fixed,
    max: 16,
    since: 10,
    items: &[
        FloatItem::Field(FloatField::u32(39, "ConnectedPartyCallID", "call_id").required()),
        FloatItem::Field(
            FloatField::u16(40, "ConnectedPartyDeviceType", "device_type")
                .required()
                .values(&CONNECTION_DEVICE_TYPES)
                .unconfirmed(PARTY_ROWS),
        ),
        FloatItem::Field(
            FloatField::string(41, "ConnectedPartyDeviceID", "device_id", 64)
                .required()
                .unconfirmed(PARTY_ROWS),
        ),
    ],
});

/// SET_CALL_DATA_REQ (26).
pub static SET_CALL_DATA_REQ: MessageSpec = MessageSpec::new(
    26,
    "SET_CALL_DATA_REQ",
    "SetCallDataReq",
    C2S,
    Kind::Request,
    Class::CallData,
)
.summary(
    "Changes a call's variables, wrap-up data or named variables; omitted items stay as they are.",
)
.fixed(&[
    FixedField::u32("InvokeID", "invoke_id"),
    FixedField::reserved_u32(1),
    FixedField::u16("ConnectionDeviceType", "connection_device_type")
        .values(&CONNECTION_DEVICE_TYPES),
    FixedField::u32("CallID", "call_id"),
    FixedField::count_u16("NumNamedVariables", "named_variables"),
    FixedField::count_u16("NumNamedArrays", "named_arrays"),
    FixedField::u16("CallType", "call_type").values(&CALL_TYPES),
    FixedField::u16("CalledPartyDisposition", "called_party_disposition").values(&DISPOSITIONS),
    FixedField::reserved_u32(0),
    FixedField::reserved_u32(1),
])
.floating(&[
    FloatItem::Field(
        FloatField::string(25, "ConnectionDeviceID", "connection_device_id", 64).required(),
    ),
    FloatItem::Field(FloatField::string(8, "ANI", "ani", 40)),
    FloatItem::Field(FloatField::string(
        12,
        "CallerEnteredDigits",
        "caller_entered_digits",
        40,
    )),
    FloatItem::Field(FloatField::string(
        13,
        "CallVariable1",
        "call_variable_1",
        40,
    )),
    FloatItem::Field(FloatField::string(
        14,
        "CallVariable2",
        "call_variable_2",
        40,
    )),
    FloatItem::Field(FloatField::string(
        15,
        "CallVariable3",
        "call_variable_3",
        40,
    )),
    FloatItem::Field(FloatField::string(
        16,
        "CallVariable4",
        "call_variable_4",
        40,
    )),
    FloatItem::Field(FloatField::string(
        17,
        "CallVariable5",
        "call_variable_5",
        40,
    )),
    FloatItem::Field(FloatField::string(
        18,
        "CallVariable6",
        "call_variable_6",
        40,
    )),
    FloatItem::Field(FloatField::string(
        19,
        "CallVariable7",
        "call_variable_7",
        40,
    )),
    FloatItem::Field(FloatField::string(
        20,
        "CallVariable8",
        "call_variable_8",
        40,
    )),
    FloatItem::Field(FloatField::string(
        21,
        "CallVariable9",
        "call_variable_9",
        40,
    )),
    FloatItem::Field(FloatField::string(
        22,
        "CallVariable10",
        "call_variable_10",
        40,
    )),
    FloatItem::Field(
        FloatField::string(46, "CallWrapupData", "call_wrapup_data", 40).unconfirmed(SET_DATA_CUT),
    ),
    FloatItem::Group(Group {
        name: "named variable",
        ident: "named_variables",
        type_name: "",
        count: GroupCount::Fixed,
        max: 250,
        since: 10,
        items: &[FloatItem::Field(
            FloatField::named_var("named_variables").unconfirmed(NAMED_BY_COUNT),
        )],
    }),
    FloatItem::Group(Group {
        name: "named array",
        ident: "named_arrays",
        type_name: "",
        count: GroupCount::Fixed,
        max: 250,
        since: 10,
        items: &[FloatItem::Field(
            FloatField::named_array("named_arrays").unconfirmed(NAMED_BY_COUNT),
        )],
    }),
]);

/// SET_CALL_DATA_CONF (27).
pub static SET_CALL_DATA_CONF: MessageSpec = MessageSpec::new(
    27,
    "SET_CALL_DATA_CONF",
    "SetCallDataConf",
    S2C,
    Kind::Confirmation,
    Class::CallData,
)
.summary("The call data are stored and will survive the end of the session.")
.fixed(&[FixedField::u32("InvokeID", "invoke_id")]);

/// CONTROL_FAILURE_CONF (35).
pub static CONTROL_FAILURE_CONF: MessageSpec = MessageSpec::new(
    35,
    "CONTROL_FAILURE_CONF",
    "ControlFailureConf",
    S2C,
    Kind::Confirmation,
    Class::CallControl,
)
.summary("Negative answer to a call-control request: failure code and UCCX error code.")
.fixed(&[
    FixedField::u32("InvokeID", "invoke_id"),
    FixedField::u16("FailureCode", "failure_code").values(&CONTROL_FAILURE_CODES),
    FixedField::u32("UnifiedCCXErrorCode", "ccx_error_code").values(&CCX_ERROR_CODES),
])
.floating(&[FloatItem::Field(FloatField::string(7, "Text", "text", 255))]);

/// ALTERNATE_CALL_REQ (40).
pub static ALTERNATE_CALL_REQ: MessageSpec = MessageSpec::new(
    40,
    "ALTERNATE_CALL_REQ",
    "AlternateCallReq",
    C2S,
    Kind::Request,
    Class::CallControl,
)
.summary("Holds the active call, then retrieves or answers another call on the same phone.")
.fixed(&[
    FixedField::u32("InvokeID", "invoke_id"),
    FixedField::reserved_u32(1),
    FixedField::u32("ActiveCallID", "active_call_id"),
    FixedField::u32("OtherCallID", "other_call_id"),
    FixedField::u16(
        "ActiveConnectionDeviceType",
        "active_connection_device_type",
    )
    .values(&CONNECTION_DEVICE_TYPES),
    FixedField::u16("OtherConnectionDeviceType", "other_connection_device_type")
        .values(&CONNECTION_DEVICE_TYPES),
])
.floating(&[
    FloatItem::Field(
        FloatField::string(
            50,
            "ActiveConnectionDeviceID",
            "active_connection_device_id",
            64,
        )
        .required(),
    ),
    FloatItem::Field(
        FloatField::string(
            52,
            "OtherConnectionDeviceID",
            "other_connection_device_id",
            64,
        )
        .required(),
    ),
    FloatItem::Field(FloatField::string(
        6,
        "AgentInstrument",
        "agent_instrument",
        64,
    )),
]);

/// ALTERNATE_CALL_CONF (41).
pub static ALTERNATE_CALL_CONF: MessageSpec = MessageSpec::new(
    41,
    "ALTERNATE_CALL_CONF",
    "AlternateCallConf",
    S2C,
    Kind::Confirmation,
    Class::CallControl,
)
.summary("Answer to ALTERNATE_CALL_REQ.")
.fixed(&[FixedField::u32("InvokeID", "invoke_id")]);

/// ANSWER_CALL_REQ (42).
pub static ANSWER_CALL_REQ: MessageSpec = MessageSpec::new(
    42,
    "ANSWER_CALL_REQ",
    "AnswerCallReq",
    C2S,
    Kind::Request,
    Class::CallControl,
)
.summary("Answers a ringing call, named by its calling connection or by the ringing phone.")
.fixed(&[
    FixedField::u32("InvokeID", "invoke_id"),
    FixedField::reserved_u32(1),
    FixedField::u32("CallID", "call_id"),
    FixedField::u16("ConnectionDeviceType", "connection_device_type")
        .values(&CONNECTION_DEVICE_TYPES),
])
.floating(&[
    FloatItem::Field(FloatField::string(
        25,
        "ConnectionDeviceID",
        "connection_device_id",
        64,
    )),
    FloatItem::Field(FloatField::string(
        6,
        "AgentInstrument",
        "agent_instrument",
        64,
    )),
])
.rules(&[Rule::AtLeastOne(&[25, 6])]);

/// ANSWER_CALL_CONF (43).
pub static ANSWER_CALL_CONF: MessageSpec = MessageSpec::new(
    43,
    "ANSWER_CALL_CONF",
    "AnswerCallConf",
    S2C,
    Kind::Confirmation,
    Class::CallControl,
)
.summary("Answer to ANSWER_CALL_REQ.")
.fixed(&[FixedField::u32("InvokeID", "invoke_id")]);

/// CLEAR_CALL_REQ (44).
pub static CLEAR_CALL_REQ: MessageSpec = MessageSpec::new(
    44,
    "CLEAR_CALL_REQ",
    "ClearCallReq",
    C2S,
    Kind::Request,
    Class::CallControl,
)
.summary("Drops every party of a call at once.")
.fixed(&[
    FixedField::u32("InvokeID", "invoke_id"),
    FixedField::reserved_u32(1),
    FixedField::u32("CallID", "call_id"),
    FixedField::u16("ConnectionDeviceType", "connection_device_type")
        .values(&CONNECTION_DEVICE_TYPES),
])
.floating(&[
    FloatItem::Field(
        FloatField::string(25, "ConnectionDeviceID", "connection_device_id", 64).required(),
    ),
    FloatItem::Field(FloatField::string(
        6,
        "AgentInstrument",
        "agent_instrument",
        64,
    )),
]);

/// CLEAR_CALL_CONF (45).
pub static CLEAR_CALL_CONF: MessageSpec = MessageSpec::new(
    45,
    "CLEAR_CALL_CONF",
    "ClearCallConf",
    S2C,
    Kind::Confirmation,
    Class::CallControl,
)
.summary("Answer to CLEAR_CALL_REQ.")
.fixed(&[FixedField::u32("InvokeID", "invoke_id")]);

/// CLEAR_CONNECTION_REQ (46): same layout as CLEAR_CALL_REQ.
pub static CLEAR_CONNECTION_REQ: MessageSpec = MessageSpec::new(
    46,
    "CLEAR_CONNECTION_REQ",
    "ClearConnectionReq",
    C2S,
    Kind::Request,
    Class::CallControl,
)
.summary("Drops one party from a call; the call ends when at most one party is left.")
.fixed(&[
    FixedField::u32("InvokeID", "invoke_id"),
    FixedField::reserved_u32(1),
    FixedField::u32("CallID", "call_id"),
    FixedField::u16("ConnectionDeviceType", "connection_device_type")
        .values(&CONNECTION_DEVICE_TYPES),
])
.floating(&[
    FloatItem::Field(
        FloatField::string(25, "ConnectionDeviceID", "connection_device_id", 64).required(),
    ),
    FloatItem::Field(FloatField::string(
        6,
        "AgentInstrument",
        "agent_instrument",
        64,
    )),
]);

/// CLEAR_CONNECTION_CONF (47). No guide page was found for it; the UCCX summary page even
/// names CONFERENCE_CALL_CONF as the answer to CLEAR_CONNECTION_REQ (a copy error).
pub static CLEAR_CONNECTION_CONF: MessageSpec = MessageSpec::new(
    47,
    "CLEAR_CONNECTION_CONF",
    "ClearConnectionConf",
    S2C,
    Kind::Confirmation,
    Class::CallControl,
)
.summary("Answer to CLEAR_CONNECTION_REQ.")
.fixed(&[FixedField::u32("InvokeID", "invoke_id").unconfirmed(NO_PAGE)]);

/// CONFERENCE_CALL_REQ (48). The held call comes before the active one here, unlike
/// TRANSFER_CALL_REQ.
pub static CONFERENCE_CALL_REQ: MessageSpec = MessageSpec::new(
    48,
    "CONFERENCE_CALL_REQ",
    "ConferenceCallReq",
    C2S,
    Kind::Request,
    Class::CallControl,
)
.summary("Joins a held call and an active call of the same phone into a conference.")
.fixed(&[
    FixedField::u32("InvokeID", "invoke_id"),
    FixedField::reserved_u32(1),
    FixedField::u32("HeldCallID", "held_call_id"),
    FixedField::u32("ActiveCallID", "active_call_id"),
    FixedField::u16("HeldConnectionDeviceType", "held_connection_device_type")
        .values(&CONNECTION_DEVICE_TYPES),
    FixedField::u16(
        "ActiveConnectionDeviceType",
        "active_connection_device_type",
    )
    .values(&CONNECTION_DEVICE_TYPES),
    FixedField::reserved_u16(0),
    FixedField::reserved_u16(0),
    FixedField::reserved_u16(0),
    FixedField::reserved_u16(0),
    FixedField::reserved_u16(0),
    FixedField::reserved_u16(0),
    FixedField::reserved_bool(0),
    FixedField::reserved_bool(0),
    FixedField::count_u16("NumNamedVariables", "named_variables"),
    FixedField::count_u16("NumNamedArrays", "named_arrays")
        .unconfirmed("name seen; USHORT size assumed"),
])
.floating(&[
    FloatItem::Field(
        FloatField::string(
            53,
            "HeldConnectionDeviceID",
            "held_connection_device_id",
            64,
        )
        .required()
        .unconfirmed(CONFERENCE_CUT),
    ),
    FloatItem::Field(
        FloatField::string(
            50,
            "ActiveConnectionDeviceID",
            "active_connection_device_id",
            64,
        )
        .required()
        .unconfirmed(CONFERENCE_CUT),
    ),
    FloatItem::Field(
        FloatField::string(6, "AgentInstrument", "agent_instrument", 64)
            .unconfirmed(CONFERENCE_CUT),
    ),
    FloatItem::Group(Group {
        name: "named variable",
        ident: "named_variables",
        type_name: "",
        count: GroupCount::Fixed,
        max: 250,
        since: 10,
        items: &[FloatItem::Field(
            FloatField::named_var("named_variables").unconfirmed(CONFERENCE_CUT),
        )],
    }),
    FloatItem::Group(Group {
        name: "named array",
        ident: "named_arrays",
        type_name: "",
        count: GroupCount::Fixed,
        max: 250,
        since: 10,
        items: &[FloatItem::Field(
            FloatField::named_array("named_arrays").unconfirmed(CONFERENCE_CUT),
        )],
    }),
]);

/// CONFERENCE_CALL_CONF (49).
pub static CONFERENCE_CALL_CONF: MessageSpec = MessageSpec::new(
    49,
    "CONFERENCE_CALL_CONF",
    "ConferenceCallConf",
    S2C,
    Kind::Confirmation,
    Class::CallControl,
)
.summary("The conference call's ID and connection, with the list of its parties.")
.fixed(&[
    FixedField::u32("InvokeID", "invoke_id"),
    FixedField::u32("NewCallID", "new_call_id"),
    FixedField::u16("NewConnectionDeviceType", "new_connection_device_type")
        .values(&CONNECTION_DEVICE_TYPES),
    FixedField::count_u16("NumParties", "connected_parties"),
    FixedField::reserved_u16(0xFFFF),
    FixedField::reserved_u16(3),
])
.floating(&[
    FloatItem::Field(
        FloatField::string(47, "NewConnectionDeviceID", "new_connection_device_id", 64).required(),
    ),
    CONNECTED_PARTIES,
]);

/// CONSULT_CALL_REQ (50), UCCE's CONSULTATION_CALL_REQ. The page is cut after
/// NumNamedVariables; whether a v14 NULL_CSQ field follows as in MAKE_CALL_REQ is unknown,
/// so none is modelled.
pub static CONSULT_CALL_REQ: MessageSpec = MessageSpec::new(
    50,
    "CONSULT_CALL_REQ",
    "ConsultCallReq",
    C2S,
    Kind::Request,
    Class::CallControl,
)
.summary("Holds the active call and dials a consult call that inherits its call data.")
.fixed(&[
    FixedField::u32("InvokeID", "invoke_id"),
    FixedField::reserved_u32(1),
    FixedField::u32("ActiveCallID", "active_call_id"),
    FixedField::u16(
        "ActiveConnectionDeviceType",
        "active_connection_device_type",
    )
    .values(&CONNECTION_DEVICE_TYPES),
    FixedField::reserved_u16(0),
    FixedField::reserved_u16(0),
    FixedField::u16("ConsultType", "consult_type").values(&CONSULT_TYPES),
    FixedField::reserved_u16(0),
    FixedField::reserved_u16(0),
    FixedField::reserved_u16(0),
    FixedField::reserved_u16(0),
    FixedField::reserved_bool(0),
    FixedField::reserved_bool(0),
    FixedField::count_u16("NumNamedVariables", "named_variables"),
    FixedField::count_u16("NumNamedArrays", "named_arrays").unconfirmed(CONSULT_ARRAYS),
])
.floating(&[
    FloatItem::Field(
        FloatField::string(
            50,
            "ActiveConnectionDeviceID",
            "active_connection_device_id",
            64,
        )
        .required()
        .unconfirmed(CONSULT_CUT),
    ),
    FloatItem::Field(
        FloatField::string(11, "DialedNumber", "dialed_number", 40)
            .required()
            .unconfirmed(CONSULT_CUT),
    ),
    FloatItem::Field(
        FloatField::string(6, "AgentInstrument", "agent_instrument", 64).unconfirmed(CONSULT_CUT),
    ),
    FloatItem::Field(
        FloatField::string(13, "CallVariable1", "call_variable_1", 40).unconfirmed(CONSULT_CUT),
    ),
    FloatItem::Field(
        FloatField::string(14, "CallVariable2", "call_variable_2", 40).unconfirmed(CONSULT_CUT),
    ),
    FloatItem::Field(
        FloatField::string(15, "CallVariable3", "call_variable_3", 40).unconfirmed(CONSULT_CUT),
    ),
    FloatItem::Field(
        FloatField::string(16, "CallVariable4", "call_variable_4", 40).unconfirmed(CONSULT_CUT),
    ),
    FloatItem::Field(
        FloatField::string(17, "CallVariable5", "call_variable_5", 40).unconfirmed(CONSULT_CUT),
    ),
    FloatItem::Field(
        FloatField::string(18, "CallVariable6", "call_variable_6", 40).unconfirmed(CONSULT_CUT),
    ),
    FloatItem::Field(
        FloatField::string(19, "CallVariable7", "call_variable_7", 40).unconfirmed(CONSULT_CUT),
    ),
    FloatItem::Field(
        FloatField::string(20, "CallVariable8", "call_variable_8", 40).unconfirmed(CONSULT_CUT),
    ),
    FloatItem::Field(
        FloatField::string(21, "CallVariable9", "call_variable_9", 40).unconfirmed(CONSULT_CUT),
    ),
    FloatItem::Field(
        FloatField::string(22, "CallVariable10", "call_variable_10", 40).unconfirmed(CONSULT_CUT),
    ),
    FloatItem::Field(
        FloatField::string(46, "CallWrapupData", "call_wrapup_data", 40).unconfirmed(CONSULT_CUT),
    ),
    FloatItem::Group(Group {
        name: "named variable",
        ident: "named_variables",
        type_name: "",
        count: GroupCount::Fixed,
        max: 250,
        since: 10,
        items: &[FloatItem::Field(
            FloatField::named_var("named_variables").unconfirmed(CONSULT_CUT),
        )],
    }),
    FloatItem::Group(Group {
        name: "named array",
        ident: "named_arrays",
        type_name: "",
        count: GroupCount::Fixed,
        max: 250,
        since: 10,
        items: &[FloatItem::Field(
            FloatField::named_array("named_arrays").unconfirmed(CONSULT_CUT),
        )],
    }),
]);

/// CONSULT_CALL_CONF (51): same layout as MAKE_CALL_CONF.
pub static CONSULT_CALL_CONF: MessageSpec = MessageSpec::new(
    51,
    "CONSULT_CALL_CONF",
    "ConsultCallConf",
    S2C,
    Kind::Confirmation,
    Class::CallControl,
)
.summary("The consult call's ID and connection.")
.fixed(&[
    FixedField::u32("InvokeID", "invoke_id"),
    FixedField::u32("NewCallID", "new_call_id"),
    FixedField::u16("NewConnectionDeviceType", "new_connection_device_type")
        .values(&CONNECTION_DEVICE_TYPES),
    FixedField::reserved_u16(0xFFFF),
    FixedField::reserved_u16(3),
])
.floating(&[FloatItem::Field(
    FloatField::string(47, "NewConnectionDeviceID", "new_connection_device_id", 64).required(),
)]);

/// HOLD_CALL_REQ (54).
pub static HOLD_CALL_REQ: MessageSpec = MessageSpec::new(
    54,
    "HOLD_CALL_REQ",
    "HoldCallReq",
    C2S,
    Kind::Request,
    Class::CallControl,
)
.summary("Puts a connection on hold.")
.fixed(&[
    FixedField::u32("InvokeID", "invoke_id"),
    FixedField::reserved_u32(1),
    FixedField::u32("CallID", "call_id"),
    FixedField::u16("ConnectionDeviceType", "connection_device_type")
        .values(&CONNECTION_DEVICE_TYPES),
    FixedField::reserved_bool(0),
])
.floating(&[
    FloatItem::Field(
        FloatField::string(25, "ConnectionDeviceID", "connection_device_id", 64).required(),
    ),
    FloatItem::Field(FloatField::string(
        6,
        "AgentInstrument",
        "agent_instrument",
        64,
    )),
]);

/// HOLD_CALL_CONF (55).
pub static HOLD_CALL_CONF: MessageSpec = MessageSpec::new(
    55,
    "HOLD_CALL_CONF",
    "HoldCallConf",
    S2C,
    Kind::Confirmation,
    Class::CallControl,
)
.summary("Answer to HOLD_CALL_REQ.")
.fixed(&[FixedField::u32("InvokeID", "invoke_id")]);

/// MAKE_CALL_REQ (56). Protocol 14 appends a reserved UINT that must hold NULL_CSQ.
pub static MAKE_CALL_REQ: MessageSpec = MessageSpec::new(
    56,
    "MAKE_CALL_REQ",
    "MakeCallReq",
    C2S,
    Kind::Request,
    Class::CallControl,
)
.summary("Dials a number from the agent's phone.")
.fixed(&[
    FixedField::u32("InvokeID", "invoke_id"),
    FixedField::reserved_u32(1),
    FixedField::reserved_u16(0),
    FixedField::reserved_u16(0),
    FixedField::reserved_u16(0),
    FixedField::reserved_u16(0),
    FixedField::reserved_u16(0),
    FixedField::reserved_u16(0),
    FixedField::reserved_bool(0),
    FixedField::reserved_bool(0),
    FixedField::count_u16("NumNamedVariables", "named_variables"),
    FixedField::count_u16("NumNamedArrays", "named_arrays"),
    FixedField::reserved_u32(0xFFFF_FFFF).since(14),
])
.floating(&[
    FloatItem::Field(FloatField::string(6, "AgentInstrument", "agent_instrument", 64).required()),
    FloatItem::Field(FloatField::string(11, "DialedNumber", "dialed_number", 40).required()),
    FloatItem::Field(
        FloatField::string(13, "CallVariable1", "call_variable_1", 40).unconfirmed(MAKE_CUT),
    ),
    FloatItem::Field(
        FloatField::string(14, "CallVariable2", "call_variable_2", 40).unconfirmed(MAKE_CUT),
    ),
    FloatItem::Field(
        FloatField::string(15, "CallVariable3", "call_variable_3", 40).unconfirmed(MAKE_CUT),
    ),
    FloatItem::Field(
        FloatField::string(16, "CallVariable4", "call_variable_4", 40).unconfirmed(MAKE_CUT),
    ),
    FloatItem::Field(
        FloatField::string(17, "CallVariable5", "call_variable_5", 40).unconfirmed(MAKE_CUT),
    ),
    FloatItem::Field(
        FloatField::string(18, "CallVariable6", "call_variable_6", 40).unconfirmed(MAKE_CUT),
    ),
    FloatItem::Field(
        FloatField::string(19, "CallVariable7", "call_variable_7", 40).unconfirmed(MAKE_CUT),
    ),
    FloatItem::Field(
        FloatField::string(20, "CallVariable8", "call_variable_8", 40).unconfirmed(MAKE_CUT),
    ),
    FloatItem::Field(
        FloatField::string(21, "CallVariable9", "call_variable_9", 40).unconfirmed(MAKE_CUT),
    ),
    FloatItem::Field(
        FloatField::string(22, "CallVariable10", "call_variable_10", 40).unconfirmed(MAKE_CUT),
    ),
    FloatItem::Field(
        FloatField::string(46, "CallWrapupData", "call_wrapup_data", 40).unconfirmed(MAKE_CUT),
    ),
    FloatItem::Group(Group {
        name: "named variable",
        ident: "named_variables",
        type_name: "",
        count: GroupCount::Fixed,
        max: 250,
        since: 10,
        items: &[FloatItem::Field(
            FloatField::named_var("named_variables").unconfirmed(MAKE_CUT),
        )],
    }),
    FloatItem::Group(Group {
        name: "named array",
        ident: "named_arrays",
        type_name: "",
        count: GroupCount::Fixed,
        max: 250,
        since: 10,
        items: &[FloatItem::Field(
            FloatField::named_array("named_arrays").unconfirmed(MAKE_CUT),
        )],
    }),
]);

/// MAKE_CALL_CONF (57).
///
/// DECISION: the last fixed USHORT is `reserved = 3` as the MAKE/CONSULT/TRANSFER/CONFERENCE
/// CONF pages print it, although the special-values table calls that slot lineType (3 or 10)
/// "in CONFs and events": the message pages are the more specific source.
pub static MAKE_CALL_CONF: MessageSpec = MessageSpec::new(
    57,
    "MAKE_CALL_CONF",
    "MakeCallConf",
    S2C,
    Kind::Confirmation,
    Class::CallControl,
)
.summary("The new call's ID and the agent phone's connection to it.")
.fixed(&[
    FixedField::u32("InvokeID", "invoke_id"),
    FixedField::u32("NewCallID", "new_call_id"),
    FixedField::u16("NewConnectionDeviceType", "new_connection_device_type")
        .values(&CONNECTION_DEVICE_TYPES),
    FixedField::reserved_u16(0xFFFF),
    FixedField::reserved_u16(3),
])
.floating(&[FloatItem::Field(
    FloatField::string(47, "NewConnectionDeviceID", "new_connection_device_id", 64).required(),
)]);

/// RECONNECT_CALL_REQ (60).
pub static RECONNECT_CALL_REQ: MessageSpec = MessageSpec::new(
    60,
    "RECONNECT_CALL_REQ",
    "ReconnectCallReq",
    C2S,
    Kind::Request,
    Class::CallControl,
)
.id_unconfirmed(UCCE_ID)
.summary("Drops the active call and retrieves the held one, e.g. to abandon a consult.")
.fixed(&[
    FixedField::u32("InvokeID", "invoke_id"),
    FixedField::reserved_u32(1),
    FixedField::u32("ActiveCallID", "active_call_id"),
    FixedField::u32("HeldCallID", "held_call_id"),
    FixedField::u16(
        "ActiveConnectionDeviceType",
        "active_connection_device_type",
    )
    .values(&CONNECTION_DEVICE_TYPES),
    FixedField::u16("HeldConnectionDeviceType", "held_connection_device_type")
        .values(&CONNECTION_DEVICE_TYPES),
])
.floating(&[
    FloatItem::Field(
        FloatField::string(
            50,
            "ActiveConnectionDeviceID",
            "active_connection_device_id",
            64,
        )
        .required(),
    ),
    FloatItem::Field(
        FloatField::string(
            53,
            "HeldConnectionDeviceID",
            "held_connection_device_id",
            64,
        )
        .required(),
    ),
    FloatItem::Field(FloatField::string(
        6,
        "AgentInstrument",
        "agent_instrument",
        64,
    )),
]);

/// RECONNECT_CALL_CONF (61).
pub static RECONNECT_CALL_CONF: MessageSpec = MessageSpec::new(
    61,
    "RECONNECT_CALL_CONF",
    "ReconnectCallConf",
    S2C,
    Kind::Confirmation,
    Class::CallControl,
)
.id_unconfirmed(UCCE_ID)
.summary("Answer to RECONNECT_CALL_REQ.")
.fixed(&[FixedField::u32("InvokeID", "invoke_id")]);

/// RETRIEVE_CALL_REQ (62).
pub static RETRIEVE_CALL_REQ: MessageSpec = MessageSpec::new(
    62,
    "RETRIEVE_CALL_REQ",
    "RetrieveCallReq",
    C2S,
    Kind::Request,
    Class::CallControl,
)
.id_unconfirmed(UCCE_ID)
.summary("Takes a held connection off hold.")
.fixed(&[
    FixedField::u32("InvokeID", "invoke_id"),
    FixedField::reserved_u32(1),
    FixedField::u32("HeldCallID", "held_call_id"),
    FixedField::u16("HeldConnectionDeviceType", "held_connection_device_type")
        .values(&CONNECTION_DEVICE_TYPES),
])
.floating(&[
    FloatItem::Field(
        FloatField::string(
            53,
            "HeldConnectionDeviceID",
            "held_connection_device_id",
            64,
        )
        .required(),
    ),
    FloatItem::Field(FloatField::string(
        6,
        "AgentInstrument",
        "agent_instrument",
        64,
    )),
]);

/// RETRIEVE_CALL_CONF (63).
pub static RETRIEVE_CALL_CONF: MessageSpec = MessageSpec::new(
    63,
    "RETRIEVE_CALL_CONF",
    "RetrieveCallConf",
    S2C,
    Kind::Confirmation,
    Class::CallControl,
)
.id_unconfirmed(UCCE_ID)
.summary("Answer to RETRIEVE_CALL_REQ.")
.fixed(&[FixedField::u32("InvokeID", "invoke_id")]);

/// TRANSFER_CALL_REQ (64). The active call comes before the held one here, unlike
/// CONFERENCE_CALL_REQ. How UCCX asks for a single-step (blind) transfer is not documented;
/// UCCE uses this message with DialedNumber.
pub static TRANSFER_CALL_REQ: MessageSpec = MessageSpec::new(
    64,
    "TRANSFER_CALL_REQ",
    "TransferCallReq",
    C2S,
    Kind::Request,
    Class::CallControl,
)
.id_unconfirmed(UCCE_ID)
.summary("Completes a consult transfer: joins the held and active calls, drops this phone.")
.fixed(&[
    FixedField::u32("InvokeID", "invoke_id"),
    FixedField::reserved_u32(1),
    FixedField::u32("ActiveCallID", "active_call_id"),
    FixedField::u32("HeldCallID", "held_call_id"),
    FixedField::u16(
        "ActiveConnectionDeviceType",
        "active_connection_device_type",
    )
    .values(&CONNECTION_DEVICE_TYPES),
    FixedField::u16("HeldConnectionDeviceType", "held_connection_device_type")
        .values(&CONNECTION_DEVICE_TYPES),
    FixedField::reserved_u16(0),
    FixedField::reserved_u16(0),
    FixedField::reserved_u16(0),
    FixedField::reserved_u16(0),
    FixedField::reserved_u16(0),
    FixedField::reserved_u16(0),
    FixedField::reserved_bool(0),
    FixedField::reserved_bool(0),
    FixedField::count_u16("NumNamedVariables", "named_variables"),
    FixedField::count_u16("NumNamedArrays", "named_arrays").unconfirmed(TRANSFER_ARRAYS),
])
.floating(&[
    FloatItem::Field(
        FloatField::string(
            50,
            "ActiveConnectionDeviceID",
            "active_connection_device_id",
            64,
        )
        .required()
        .unconfirmed(TRANSFER_CUT),
    ),
    FloatItem::Field(
        FloatField::string(
            53,
            "HeldConnectionDeviceID",
            "held_connection_device_id",
            64,
        )
        .required()
        .unconfirmed(TRANSFER_CUT),
    ),
    FloatItem::Field(
        FloatField::string(6, "AgentInstrument", "agent_instrument", 64).unconfirmed(TRANSFER_CUT),
    ),
    FloatItem::Field(
        FloatField::string(11, "DialedNumber", "dialed_number", 40).unconfirmed(TRANSFER_CUT),
    ),
    FloatItem::Group(Group {
        name: "named variable",
        ident: "named_variables",
        type_name: "",
        count: GroupCount::Fixed,
        max: 250,
        since: 10,
        items: &[FloatItem::Field(
            FloatField::named_var("named_variables").unconfirmed(TRANSFER_CUT),
        )],
    }),
    FloatItem::Group(Group {
        name: "named array",
        ident: "named_arrays",
        type_name: "",
        count: GroupCount::Fixed,
        max: 250,
        since: 10,
        items: &[FloatItem::Field(
            FloatField::named_array("named_arrays").unconfirmed(TRANSFER_CUT),
        )],
    }),
]);

/// TRANSFER_CALL_CONF (65). The UCCX page lists no party fields although it has NumParties,
/// so NumParties is a plain value here (UCCE sends ConnectedParty triples after it).
pub static TRANSFER_CALL_CONF: MessageSpec = MessageSpec::new(
    65,
    "TRANSFER_CALL_CONF",
    "TransferCallConf",
    S2C,
    Kind::Confirmation,
    Class::CallControl,
)
.id_unconfirmed(UCCE_ID)
.summary("The transferred call's ID and connection, and how many parties it has.")
.fixed(&[
    FixedField::u32("InvokeID", "invoke_id"),
    FixedField::u32("NewCallID", "new_call_id"),
    FixedField::u16("NewConnectionDeviceType", "new_connection_device_type")
        .values(&CONNECTION_DEVICE_TYPES),
    FixedField::u16("NumParties", "num_parties"),
    FixedField::reserved_u16(0xFFFF),
    FixedField::reserved_u16(3),
])
.floating(&[FloatItem::Field(
    FloatField::string(47, "NewConnectionDeviceID", "new_connection_device_id", 64).required(),
)]);

/// QUERY_DEVICE_INFO_REQ (78).
pub static QUERY_DEVICE_INFO_REQ: MessageSpec = MessageSpec::new(
    78,
    "QUERY_DEVICE_INFO_REQ",
    "QueryDeviceInfoReq",
    C2S,
    Kind::Request,
    Class::Query,
)
.id_unconfirmed(UCCE_ID)
.summary("Asks what a phone can do: call limits and when a call may be made.")
.fixed(&[
    FixedField::u32("InvokeID", "invoke_id"),
    FixedField::reserved_u32(1),
    FixedField::reserved_u16(0),
])
.floating(&[FloatItem::Field(
    FloatField::string(6, "AgentInstrument", "agent_instrument", 64).required(),
)]);

/// QUERY_DEVICE_INFO_CONF (79). A third-party simulator sends other constants in the first
/// reserved fields and in tags 70/71 (UCCE's LineHandle/LineType); the guide's values are
/// the ones modelled.
pub static QUERY_DEVICE_INFO_CONF: MessageSpec = MessageSpec::new(
    79,
    "QUERY_DEVICE_INFO_CONF",
    "QueryDeviceInfoConf",
    S2C,
    Kind::Confirmation,
    Class::Query,
)
.id_unconfirmed(UCCE_ID)
.summary("A phone's call limits and the agent states in which MAKE_CALL_REQ is allowed.")
.fixed(&[
    FixedField::u32("InvokeID", "invoke_id"),
    FixedField::reserved_u16(0xFFFF),
    FixedField::reserved_u16(0xFFFF),
    FixedField::reserved_u16(0xFFFF),
    FixedField::reserved_u16(0),
    FixedField::reserved_u16(0),
    FixedField::u16("MaxActiveCalls", "max_active_calls"),
    FixedField::u16("MaxHeldCalls", "max_held_calls"),
    FixedField::u16("MaxDevicesInConference", "max_devices_in_conference"),
    FixedField::u32("MakeCallSetup", "make_call_setup").mask(&AGENT_STATE_MASK),
    FixedField::reserved_u32(0),
    FixedField::reserved_u32(0),
    FixedField::reserved_u32(0),
    FixedField::reserved_u32(0),
])
.floating(&[
    FloatItem::Field(FloatField::reserved_u16(70, 0)),
    FloatItem::Field(FloatField::reserved_u16(71, 0).unconfirmed(TAG_71)),
]);

/// SNAPSHOT_CALL_REQ (82).
pub static SNAPSHOT_CALL_REQ: MessageSpec = MessageSpec::new(
    82,
    "SNAPSHOT_CALL_REQ",
    "SnapshotCallReq",
    C2S,
    Kind::Request,
    Class::Query,
)
.id_unconfirmed(UCCE_ID)
.summary("Asks for a call's data and the devices on it.")
.fixed(&[
    FixedField::u32("InvokeID", "invoke_id"),
    FixedField::reserved_u32(1),
    FixedField::u32("CallID", "call_id"),
    FixedField::u16("ConnectionDeviceType", "connection_device_type")
        .values(&CONNECTION_DEVICE_TYPES),
])
.floating(&[FloatItem::Field(
    FloatField::string(25, "ConnectionDeviceID", "connection_device_id", 64).required(),
)]);

/// SNAPSHOT_CALL_CONF (83). Protocol 11 appends a reserved INT. Only the head of the floating
/// table was readable; the per-device rows and the named variables/arrays are inferred from
/// the NumCallDevices description, the FieldDataID table and the counters.
pub static SNAPSHOT_CALL_CONF: MessageSpec = MessageSpec::new(
    83,
    "SNAPSHOT_CALL_CONF",
    "SnapshotCallConf",
    S2C,
    Kind::Confirmation,
    Class::Query,
)
.id_unconfirmed(UCCE_ID)
.summary("A call's data and each device on it with its connection state.")
.fixed(&[
    FixedField::u32("InvokeID", "invoke_id"),
    FixedField::u16("CallType", "call_type").values(&CALL_TYPES),
    FixedField::reserved_u16(0),
    FixedField::count_u16("NumCallDevices", "call_devices"),
    FixedField::count_u16("NumNamedVariables", "named_variables"),
    FixedField::count_u16("NumNamedArrays", "named_arrays"),
    FixedField::reserved_u16(0),
    FixedField::reserved_i32(0).since(11),
])
.floating(&[
    FloatItem::Field(FloatField::string(8, "ANI", "ani", 40)),
    FloatItem::Field(FloatField::string(10, "DNIS", "dnis", 32)),
    FloatItem::Field(FloatField::string(11, "DialedNumber", "dialed_number", 40)),
    FloatItem::Field(FloatField::string(
        12,
        "CallerEnteredDigits",
        "caller_entered_digits",
        40,
    )),
    FloatItem::Field(FloatField::reserved_u32(72, 0)),
    FloatItem::Field(FloatField::reserved_u32(73, 0)),
    FloatItem::Field(FloatField::string(
        13,
        "CallVariable1",
        "call_variable_1",
        40,
    )),
    FloatItem::Field(FloatField::string(
        14,
        "CallVariable2",
        "call_variable_2",
        40,
    )),
    FloatItem::Field(FloatField::string(
        15,
        "CallVariable3",
        "call_variable_3",
        40,
    )),
    FloatItem::Field(FloatField::string(
        16,
        "CallVariable4",
        "call_variable_4",
        40,
    )),
    FloatItem::Field(FloatField::string(
        17,
        "CallVariable5",
        "call_variable_5",
        40,
    )),
    FloatItem::Field(FloatField::string(
        18,
        "CallVariable6",
        "call_variable_6",
        40,
    )),
    FloatItem::Field(FloatField::string(
        19,
        "CallVariable7",
        "call_variable_7",
        40,
    )),
    FloatItem::Field(FloatField::string(
        20,
        "CallVariable8",
        "call_variable_8",
        40,
    )),
    FloatItem::Field(FloatField::string(
        21,
        "CallVariable9",
        "call_variable_9",
        40,
    )),
    FloatItem::Field(FloatField::string(
        22,
        "CallVariable10",
        "call_variable_10",
        40,
    )),
    FloatItem::Field(
        FloatField::string(46, "CallWrapupData", "call_wrapup_data", 40)
            .unconfirmed("listed as not supported; size from UCCE"),
    ),
    FloatItem::Group(Group {
        name: "call device",
        ident: "call_devices",
        type_name: "SnapshotCallDevice",
        count: GroupCount::Fixed,
        max: 16,
        since: 10,
        items: &[
            FloatItem::Field(
                FloatField::u32(56, "CallConnectionCallID", "call_connection_call_id")
                    .required()
                    .unconfirmed(SNAPSHOT_CALL_ROWS),
            ),
            FloatItem::Field(
                FloatField::u16(
                    57,
                    "CallConnectionDeviceType",
                    "call_connection_device_type",
                )
                .required()
                .values(&CONNECTION_DEVICE_TYPES)
                .unconfirmed(SNAPSHOT_CALL_ROWS),
            ),
            FloatItem::Field(
                FloatField::string(
                    58,
                    "CallConnectionDeviceID",
                    "call_connection_device_id",
                    64,
                )
                .required()
                .unconfirmed(SNAPSHOT_CALL_ROWS),
            ),
            FloatItem::Field(
                FloatField::u16(59, "CallDeviceType", "call_device_type")
                    .required()
                    .values(&DEVICE_TYPES)
                    .unconfirmed(SNAPSHOT_CALL_ROWS),
            ),
            FloatItem::Field(
                FloatField::string(60, "CallDeviceID", "call_device_id", 64)
                    .required()
                    .unconfirmed(SNAPSHOT_CALL_ROWS),
            ),
            FloatItem::Field(
                FloatField::u16(
                    61,
                    "CallDeviceConnectionState",
                    "call_device_connection_state",
                )
                .required()
                .values(&LOCAL_CONNECTION_STATES)
                .unconfirmed(SNAPSHOT_CALL_ROWS),
            ),
        ],
    }),
    FloatItem::Group(Group {
        name: "named variable",
        ident: "named_variables",
        type_name: "",
        count: GroupCount::Fixed,
        max: 250,
        since: 10,
        items: &[FloatItem::Field(
            FloatField::named_var("named_variables").unconfirmed(NAMED_BY_COUNT),
        )],
    }),
    FloatItem::Group(Group {
        name: "named array",
        ident: "named_arrays",
        type_name: "",
        count: GroupCount::Fixed,
        max: 250,
        since: 10,
        items: &[FloatItem::Field(
            FloatField::named_array("named_arrays").unconfirmed(NAMED_BY_COUNT),
        )],
    }),
]);

/// SNAPSHOT_DEVICE_REQ (84).
pub static SNAPSHOT_DEVICE_REQ: MessageSpec = MessageSpec::new(
    84,
    "SNAPSHOT_DEVICE_REQ",
    "SnapshotDeviceReq",
    C2S,
    Kind::Request,
    Class::Query,
)
.id_unconfirmed(UCCE_ID)
.summary("Asks for the calls present at a phone or other device.")
.fixed(&[
    FixedField::u32("InvokeID", "invoke_id"),
    FixedField::reserved_u32(1),
    FixedField::u16("SnapshotDeviceType", "snapshot_device_type").values(&DEVICE_TYPES),
])
.floating(&[FloatItem::Field(
    FloatField::string(6, "AgentInstrument", "agent_instrument", 64).required(),
)]);

/// SNAPSHOT_DEVICE_CONF (85). UCCX carries the state in tag 61, not UCCE's CallState\[75\].
///
/// DECISION: the page marks the per-call fields optional (the list may be empty) and says
/// each must directly follow the previous one; every field is required within a call.
pub static SNAPSHOT_DEVICE_CONF: MessageSpec = MessageSpec::new(
    85,
    "SNAPSHOT_DEVICE_CONF",
    "SnapshotDeviceConf",
    S2C,
    Kind::Confirmation,
    Class::Query,
)
.id_unconfirmed(UCCE_ID)
.summary("The calls at a device, each with the device's connection and its state.")
.fixed(&[
    FixedField::u32("InvokeID", "invoke_id"),
    FixedField::count_u16("NumCalls", "calls"),
])
.floating(&[FloatItem::Group(Group {
    name: "call",
    ident: "calls",
    type_name: "SnapshotDeviceCall",
    count: GroupCount::Fixed,
    max: 16,
    since: 10,
    items: &[
        FloatItem::Field(
            FloatField::u32(56, "CallConnectionCallID", "call_connection_call_id").required(),
        ),
        FloatItem::Field(
            FloatField::u16(
                57,
                "CallConnectionDeviceType",
                "call_connection_device_type",
            )
            .required()
            .values(&CONNECTION_DEVICE_TYPES),
        ),
        FloatItem::Field(
            FloatField::string(
                58,
                "CallConnectionDeviceID",
                "call_connection_device_id",
                64,
            )
            .required(),
        ),
        FloatItem::Field(
            FloatField::u16(
                61,
                "CallDeviceConnectionState",
                "call_device_connection_state",
            )
            .required()
            .values(&LOCAL_CONNECTION_STATES),
        ),
    ],
})]);

/// SEND_DTMF_SIGNAL_REQ (91). ToneDuration is a USHORT and PauseDuration a UINT, as printed.
pub static SEND_DTMF_SIGNAL_REQ: MessageSpec = MessageSpec::new(
    91,
    "SEND_DTMF_SIGNAL_REQ",
    "SendDtmfSignalReq",
    C2S,
    Kind::Request,
    Class::CallControl,
)
.id_unconfirmed(UCCE_ID)
.summary("Plays DTMF digits into a call for one of its parties.")
.fixed(&[
    FixedField::u32("InvokeID", "invoke_id"),
    FixedField::reserved_u32(1),
    FixedField::u32("CallID", "call_id"),
    FixedField::u16("ConnectionDeviceType", "connection_device_type")
        .values(&CONNECTION_DEVICE_TYPES),
    FixedField::u16("ToneDuration", "tone_duration"),
    FixedField::u32("PauseDuration", "pause_duration"),
])
.floating(&[
    FloatItem::Field(
        FloatField::string(25, "ConnectionDeviceID", "connection_device_id", 64).required(),
    ),
    FloatItem::Field(FloatField::string(67, "DTMFString", "dtmf_string", 32).required()),
    FloatItem::Field(FloatField::string(
        6,
        "AgentInstrument",
        "agent_instrument",
        64,
    )),
]);

/// SEND_DTMF_SIGNAL_CONF (92).
pub static SEND_DTMF_SIGNAL_CONF: MessageSpec = MessageSpec::new(
    92,
    "SEND_DTMF_SIGNAL_CONF",
    "SendDtmfSignalConf",
    S2C,
    Kind::Confirmation,
    Class::CallControl,
)
.id_unconfirmed(UCCE_ID)
.summary("Answer to SEND_DTMF_SIGNAL_REQ.")
.fixed(&[FixedField::u32("InvokeID", "invoke_id")]);

/// BAD_CALL_REQ (139). The connection type comes before the call ID here.
pub static BAD_CALL_REQ: MessageSpec = MessageSpec::new(
    139,
    "BAD_CALL_REQ",
    "BadCallReq",
    C2S,
    Kind::Request,
    Class::CallControl,
)
.id_unconfirmed(UCCE_ID)
.summary("Reports poor voice quality on a call; Unified CCX logs it.")
.fixed(&[
    FixedField::u32("InvokeID", "invoke_id"),
    FixedField::reserved_u32(1),
    FixedField::u16("ConnectionDeviceType", "connection_device_type")
        .values(&CONNECTION_DEVICE_TYPES),
    FixedField::u32("CallID", "call_id"),
])
.floating(&[
    FloatItem::Field(
        FloatField::string(25, "ConnectionDeviceID", "connection_device_id", 64).required(),
    ),
    FloatItem::Field(FloatField::string(194, "AgentID", "agent_id", 129)),
]);

/// BAD_CALL_CONF (140).
pub static BAD_CALL_CONF: MessageSpec = MessageSpec::new(
    140,
    "BAD_CALL_CONF",
    "BadCallConf",
    S2C,
    Kind::Confirmation,
    Class::CallControl,
)
.id_unconfirmed(UCCE_ID)
.summary("Answer to BAD_CALL_REQ.")
.fixed(&[FixedField::u32("InvokeID", "invoke_id")]);
