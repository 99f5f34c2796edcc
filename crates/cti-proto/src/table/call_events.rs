//! Unsolicited call events: BEGIN_CALL / END_CALL / CALL_DATA_UPDATE, the connection events
//! from CALL_DELIVERED to CALL_DEQUEUED, and the optional RTP_STARTED / RTP_STOPPED media
//! events (digest 07-call-events §2–3).
//!
//! Every call event except the RTP pair opens with the same three reserved fields (0, 1, 21)
//! where UCCE carries MonitorID, PeripheralID and PeripheralType. UCCX reuses other UCCE slots
//! for its own data (ApplicationID, CSQID, lineType) and fills the rest with fixed values.
//! Many event pages were cut before their fixed or floating part ended; the missing fields are
//! completed from the UCCE layout of the same event and carry `unconfirmed` with the reason.
//!
//! DECISION (all events with a `lineType (v14+)` slot): the slot is the UCCE LineType field,
//! present on the wire in every version (the fixed size does not change with v14), so it is
//! an ordinary `lineType` value without a version gate.
//!
//! SUPERVISOR_ASSIST_EVENT and EMERGENCY_CALL_EVENT are in `supervisor.rs`.

use super::call_control::CONNECTED_PARTIES;
use super::*;
use crate::values::*;

/// The messages of this file.
pub(super) static MESSAGES: &[&MessageSpec] = &[
    &CALL_DELIVERED_EVENT,
    &CALL_ESTABLISHED_EVENT,
    &CALL_HELD_EVENT,
    &CALL_RETRIEVED_EVENT,
    &CALL_CLEARED_EVENT,
    &CALL_CONNECTION_CLEARED_EVENT,
    &CALL_ORIGINATED_EVENT,
    &CALL_FAILED_EVENT,
    &CALL_CONFERENCED_EVENT,
    &CALL_TRANSFERRED_EVENT,
    &CALL_DIVERTED_EVENT,
    &CALL_SERVICE_INITIATED_EVENT,
    &CALL_QUEUED_EVENT,
    &BEGIN_CALL_EVENT,
    &END_CALL_EVENT,
    &CALL_DATA_UPDATE_EVENT,
    &CALL_DEQUEUED_EVENT,
    &RTP_STARTED_EVENT,
    &RTP_STOPPED_EVENT,
];

// Where the inferred fields of this file come from (one text per page that was cut).
/// CTIClientSignature / CTIClientTimestamp groups.
const CTI_CLIENT_ROWS: &str =
    "ICM-derived; the UCCX event pages are cut before the CTI client rows";
/// CSQ groups of the queue events.
const CSQ_ROWS: &str = "as the agent-state CSQ records; rows not readable on the queue event pages";
/// BEGIN_CALL_EVENT after ConnectionDeviceID.
const BEGIN_CUT: &str = "ICM-derived; BEGIN_CALL_EVENT page cut after ConnectionDeviceID";
/// CALL_DATA_UPDATE_EVENT fixed fields after NewCallID.
const UPDATE_TAIL: &str =
    "from the outbound example's field list and ICM; page cut after NewCallID";
/// CALL_DATA_UPDATE_EVENT floating part.
const UPDATE_FLOAT: &str = "outbound example field list and ICM; floating table not readable";
/// CustomerPhoneNumber / CustomerAccountNumber.
const CUSTOMER_TAGS: &str = "tag and size from a simulator and ICM; named in the outbound example";
/// CALL_DELIVERED_EVENT fixed fields after LocalConnectionState.
const DELIVERED_TAIL: &str =
    "ICM-derived, sent by a simulator; page cut after LocalConnectionState";
/// CALL_DELIVERED_EVENT floating part.
const DELIVERED_FLOAT: &str = "ICM-derived; CALL_DELIVERED_EVENT floating table not readable";
/// SecondaryConnectionCallID.
const SECONDARY_CALL: &str = "ICM v14: the consult leg from the CTI port to the agent phone";
/// CALL_ESTABLISHED_EVENT fixed fields after LastRedirectDeviceType.
const ESTABLISHED_TAIL: &str =
    "ICM-derived, sent by a simulator; page cut after LastRedirectDeviceType";
/// CALL_ESTABLISHED_EVENT floating part.
const ESTABLISHED_FLOAT: &str = "ICM-derived; CALL_ESTABLISHED_EVENT floating table not readable";
/// RetrievingDeviceID size.
const RETRIEVING_SIZE: &str = "size cut on the page; 64 as in ICM and the FieldDataID table";
/// ConnectionDeviceID of CALL_CLEARED_EVENT.
const CLEARED_TAG: &str = "the page prints this field without a tag; 25 as in every other event";
/// CALL_ORIGINATED_EVENT after CallingDeviceID.
const ORIGINATED_CUT: &str = "ICM-derived; CALL_ORIGINATED_EVENT page cut after CallingDeviceID";
/// CALL_CONFERENCED_EVENT fixed fields after NumParties.
const CONFERENCED_TAIL: &str = "names from the conference example, types from ICM; page cut";
/// CALL_CONFERENCED_EVENT floating part.
const CONFERENCED_FLOAT: &str =
    "names from the conference example, tags from FieldDataID; order unseen";
/// CALL_TRANSFERRED_EVENT after NumParties.
const TRANSFERRED_CUT: &str = "ICM-derived; CALL_TRANSFERRED_EVENT page cut after NumParties";
/// CalledDeviceID size of CALL_DIVERTED_EVENT.
const DIVERTED_SIZE: &str = "size cut on the page; 64 as every other device ID";
/// CALL_QUEUED_EVENT floating part.
const QUEUED_FLOAT: &str = "ICM-derived; CALL_QUEUED_EVENT floating table not readable";
/// QueueDeviceID of CALL_DEQUEUED_EVENT.
const DEQUEUED_QUEUE: &str = "size and presence cut on the page (it shows \"(r...\"); as in ICM";
/// RTP_STARTED_EVENT after ConnectionDeviceID.
const RTP_STARTED_CUT: &str = "assumed as RTP_STOPPED_EVENT; page cut after ConnectionDeviceID";

/// The CTI clients a call was handed to before: CTIClientSignature[23] and
/// CTIClientTimestamp[24], counted by the fixed NumCTIClients. The UCCX pages were cut before
/// these rows; layout from UCCE. The timestamp is optional as in UCCE. No maximum is
/// documented: 16 is ccx's own limit, as for the other party lists.
const CTI_CLIENTS: FloatItem = FloatItem::Group(Group {
    name: "CTI client",
    ident: "cti_clients",
    type_name: "CtiClient",
    count: GroupCount::Fixed,
    max: 16,
    since: 10,
    items: &[
        FloatItem::Field(
            FloatField::string(23, "CTIClientSignature", "signature", 64)
                .required()
                .unconfirmed(CTI_CLIENT_ROWS),
        ),
        FloatItem::Field(
            FloatField::time(24, "CTIClientTimestamp", "timestamp").unconfirmed(CTI_CLIENT_ROWS),
        ),
    ],
});

/// The CSQs a call is queued to (CALL_QUEUED_EVENT) or removed from (CALL_DEQUEUED_EVENT):
/// CSQID[62] and two reserved fields, counted by the fixed NumCSQs. The same tags form the
/// CSQ records of the agent-state messages; the rows were not readable on these pages.
const QUEUED_CSQS: FloatItem = FloatItem::Group(Group {
    name: "queued CSQ",
    ident: "csqs",
    type_name: "QueuedCsq",
    count: GroupCount::Fixed,
    max: 20,
    since: 10,
    items: &[
        FloatItem::Field(
            FloatField::u32(62, "CSQID", "csq_id")
                .required()
                .unconfirmed(CSQ_ROWS),
        ),
        FloatItem::Field(FloatField::reserved_u32(63, 0).unconfirmed(CSQ_ROWS)),
        FloatItem::Field(FloatField::reserved_u16(64, 0).unconfirmed(CSQ_ROWS)),
    ],
});

/// BEGIN_CALL_EVENT (23).
pub static BEGIN_CALL_EVENT: MessageSpec = MessageSpec::new(
    23,
    "BEGIN_CALL_EVENT",
    "BeginCallEvent",
    S2C,
    Kind::Event,
    Class::CallEvent,
)
.summary("A call becomes visible to the client; carries its initial call data.")
.fixed(&[
    FixedField::reserved_u32(0),
    FixedField::reserved_u32(1),
    FixedField::reserved_u16(21),
    FixedField::count_u16("NumCTIClients", "cti_clients"),
    FixedField::count_u16("NumNamedVariables", "named_variables"),
    FixedField::count_u16("NumNamedArrays", "named_arrays"),
    FixedField::u16("CallType", "call_type").values(&CALL_TYPES),
    FixedField::u16("ConnectionDeviceType", "connection_device_type")
        .values(&CONNECTION_DEVICE_TYPES),
    FixedField::u32("CallID", "call_id"),
    FixedField::u16("CalledPartyDisposition", "called_party_disposition").values(&DISPOSITIONS),
])
.floating(&[
    FloatItem::Field(
        FloatField::string(25, "ConnectionDeviceID", "connection_device_id", 64).required(),
    ),
    FloatItem::Field(FloatField::string(8, "ANI", "ani", 40).unconfirmed(BEGIN_CUT)),
    FloatItem::Field(
        FloatField::unspec(9, "UserToUserInfo", "user_to_user_info", 131).unconfirmed(BEGIN_CUT),
    ),
    FloatItem::Field(FloatField::string(10, "DNIS", "dnis", 32).unconfirmed(BEGIN_CUT)),
    FloatItem::Field(
        FloatField::string(11, "DialedNumber", "dialed_number", 40).unconfirmed(BEGIN_CUT),
    ),
    FloatItem::Field(
        FloatField::string(12, "CallerEnteredDigits", "caller_entered_digits", 40)
            .unconfirmed(BEGIN_CUT),
    ),
    FloatItem::Field(
        FloatField::string(13, "CallVariable1", "call_variable_1", 40).unconfirmed(BEGIN_CUT),
    ),
    FloatItem::Field(
        FloatField::string(14, "CallVariable2", "call_variable_2", 40).unconfirmed(BEGIN_CUT),
    ),
    FloatItem::Field(
        FloatField::string(15, "CallVariable3", "call_variable_3", 40).unconfirmed(BEGIN_CUT),
    ),
    FloatItem::Field(
        FloatField::string(16, "CallVariable4", "call_variable_4", 40).unconfirmed(BEGIN_CUT),
    ),
    FloatItem::Field(
        FloatField::string(17, "CallVariable5", "call_variable_5", 40).unconfirmed(BEGIN_CUT),
    ),
    FloatItem::Field(
        FloatField::string(18, "CallVariable6", "call_variable_6", 40).unconfirmed(BEGIN_CUT),
    ),
    FloatItem::Field(
        FloatField::string(19, "CallVariable7", "call_variable_7", 40).unconfirmed(BEGIN_CUT),
    ),
    FloatItem::Field(
        FloatField::string(20, "CallVariable8", "call_variable_8", 40).unconfirmed(BEGIN_CUT),
    ),
    FloatItem::Field(
        FloatField::string(21, "CallVariable9", "call_variable_9", 40).unconfirmed(BEGIN_CUT),
    ),
    FloatItem::Field(
        FloatField::string(22, "CallVariable10", "call_variable_10", 40).unconfirmed(BEGIN_CUT),
    ),
    FloatItem::Field(
        FloatField::string(46, "CallWrapupData", "call_wrapup_data", 40).unconfirmed(BEGIN_CUT),
    ),
    FloatItem::Group(Group {
        name: "named variable",
        ident: "named_variables",
        type_name: "",
        count: GroupCount::Fixed,
        max: 250,
        since: 10,
        items: &[FloatItem::Field(
            FloatField::named_var("named_variables").unconfirmed(BEGIN_CUT),
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
            FloatField::named_array("named_arrays").unconfirmed(BEGIN_CUT),
        )],
    }),
    CTI_CLIENTS,
]);

/// END_CALL_EVENT (24).
pub static END_CALL_EVENT: MessageSpec = MessageSpec::new(
    24,
    "END_CALL_EVENT",
    "EndCallEvent",
    S2C,
    Kind::Event,
    Class::CallEvent,
)
.summary("No more events for this call will reach this client; the call may go on.")
.fixed(&[
    FixedField::reserved_u32(0),
    FixedField::reserved_u32(1),
    FixedField::reserved_u16(21),
    FixedField::u16("ConnectionDeviceType", "connection_device_type")
        .values(&CONNECTION_DEVICE_TYPES),
    FixedField::u32("CallID", "call_id"),
])
.floating(&[FloatItem::Field(
    FloatField::string(25, "ConnectionDeviceID", "connection_device_id", 64).required(),
)]);

/// CALL_DATA_UPDATE_EVENT (25). The page says the three counters are "set to 0", but the
/// outbound example carries a named variable, so they are real counts here.
pub static CALL_DATA_UPDATE_EVENT: MessageSpec = MessageSpec::new(
    25,
    "CALL_DATA_UPDATE_EVENT",
    "CallDataUpdateEvent",
    S2C,
    Kind::Event,
    Class::CallEvent,
)
.summary("A call's data, type or ID changed; only the changed items are sent.")
.fixed(&[
    FixedField::reserved_u32(0),
    FixedField::reserved_u32(1),
    FixedField::reserved_u16(21),
    FixedField::count_u16("NumCTIClients", "cti_clients"),
    FixedField::count_u16("NumNamedVariables", "named_variables"),
    FixedField::count_u16("NumNamedArrays", "named_arrays"),
    FixedField::u16("CallType", "call_type").values(&CALL_TYPES),
    FixedField::u16("ConnectionDeviceType", "connection_device_type")
        .values(&CONNECTION_DEVICE_TYPES),
    FixedField::u32("CallID", "call_id"),
    FixedField::u16("NewConnectionDeviceType", "new_connection_device_type")
        .values(&CONNECTION_DEVICE_TYPES),
    FixedField::u32("NewCallID", "new_call_id"),
    FixedField::u16("CalledPartyDisposition", "called_party_disposition")
        .values(&DISPOSITIONS)
        .unconfirmed(UPDATE_TAIL),
    FixedField::u32("CampaignID", "campaign_id").unconfirmed(UPDATE_TAIL),
    FixedField::u32("QueryRuleID", "query_rule_id").unconfirmed(UPDATE_TAIL),
])
.floating(&[
    FloatItem::Field(
        FloatField::string(25, "ConnectionDeviceID", "connection_device_id", 64)
            .required()
            .unconfirmed(UPDATE_FLOAT),
    ),
    FloatItem::Field(
        FloatField::string(47, "NewConnectionDeviceID", "new_connection_device_id", 64)
            .unconfirmed(UPDATE_FLOAT),
    ),
    FloatItem::Field(FloatField::string(8, "ANI", "ani", 40).unconfirmed(UPDATE_FLOAT)),
    FloatItem::Field(FloatField::string(10, "DNIS", "dnis", 32).unconfirmed(UPDATE_FLOAT)),
    FloatItem::Field(
        FloatField::string(11, "DialedNumber", "dialed_number", 40).unconfirmed(UPDATE_FLOAT),
    ),
    FloatItem::Field(
        FloatField::string(12, "CallerEnteredDigits", "caller_entered_digits", 40)
            .unconfirmed(UPDATE_FLOAT),
    ),
    FloatItem::Field(
        FloatField::string(13, "CallVariable1", "call_variable_1", 40).unconfirmed(UPDATE_FLOAT),
    ),
    FloatItem::Field(
        FloatField::string(14, "CallVariable2", "call_variable_2", 40).unconfirmed(UPDATE_FLOAT),
    ),
    FloatItem::Field(
        FloatField::string(15, "CallVariable3", "call_variable_3", 40).unconfirmed(UPDATE_FLOAT),
    ),
    FloatItem::Field(
        FloatField::string(16, "CallVariable4", "call_variable_4", 40).unconfirmed(UPDATE_FLOAT),
    ),
    FloatItem::Field(
        FloatField::string(17, "CallVariable5", "call_variable_5", 40).unconfirmed(UPDATE_FLOAT),
    ),
    FloatItem::Field(
        FloatField::string(18, "CallVariable6", "call_variable_6", 40).unconfirmed(UPDATE_FLOAT),
    ),
    FloatItem::Field(
        FloatField::string(19, "CallVariable7", "call_variable_7", 40).unconfirmed(UPDATE_FLOAT),
    ),
    FloatItem::Field(
        FloatField::string(20, "CallVariable8", "call_variable_8", 40).unconfirmed(UPDATE_FLOAT),
    ),
    FloatItem::Field(
        FloatField::string(21, "CallVariable9", "call_variable_9", 40).unconfirmed(UPDATE_FLOAT),
    ),
    FloatItem::Field(
        FloatField::string(22, "CallVariable10", "call_variable_10", 40).unconfirmed(UPDATE_FLOAT),
    ),
    FloatItem::Field(
        FloatField::string(46, "CallWrapupData", "call_wrapup_data", 40).unconfirmed(UPDATE_FLOAT),
    ),
    FloatItem::Group(Group {
        name: "named variable",
        ident: "named_variables",
        type_name: "",
        count: GroupCount::Fixed,
        max: 250,
        since: 10,
        items: &[FloatItem::Field(
            FloatField::named_var("named_variables").unconfirmed(UPDATE_FLOAT),
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
            FloatField::named_array("named_arrays").unconfirmed(UPDATE_FLOAT),
        )],
    }),
    FloatItem::Field(
        FloatField::string(95, "CustomerPhoneNumber", "customer_phone_number", 20)
            .unconfirmed(CUSTOMER_TAGS),
    ),
    FloatItem::Field(
        FloatField::string(96, "CustomerAccountNumber", "customer_account_number", 32)
            .unconfirmed(CUSTOMER_TAGS),
    ),
    CTI_CLIENTS,
]);

/// CALL_DELIVERED_EVENT (9). See the module DECISION on `lineType`.
pub static CALL_DELIVERED_EVENT: MessageSpec = MessageSpec::new(
    9,
    "CALL_DELIVERED_EVENT",
    "CallDeliveredEvent",
    S2C,
    Kind::Event,
    Class::CallEvent,
)
.summary("A call arrived at a device: a phone rings, or a route point or queue gets it.")
.fixed(&[
    FixedField::reserved_u32(0),
    FixedField::reserved_u32(1),
    FixedField::reserved_u16(21),
    FixedField::u16("ConnectionDeviceType", "connection_device_type")
        .values(&CONNECTION_DEVICE_TYPES),
    FixedField::u32("CallID", "call_id"),
    FixedField::reserved_u16(0xFFFF),
    // DECISION: lineType (v14+) slot present in all versions; see the module doc.
    FixedField::u16("lineType", "line_type").values(&LINE_TYPES),
    FixedField::u32("ApplicationID", "application_id"),
    FixedField::reserved_u32(0xFFFF_FFFF),
    FixedField::u32("CSQID", "csq_id"),
    FixedField::reserved_u32(0xFFFF_FFFF),
    FixedField::reserved_u16(0),
    FixedField::u16("AlertingDeviceType", "alerting_device_type").values(&DEVICE_TYPES),
    FixedField::u16("CallingDeviceType", "calling_device_type").values(&DEVICE_TYPES),
    FixedField::u16("CalledDeviceType", "called_device_type").values(&DEVICE_TYPES),
    FixedField::u16("LastRedirectDeviceType", "last_redirect_device_type").values(&DEVICE_TYPES),
    FixedField::u16("LocalConnectionState", "local_connection_state")
        .values(&LOCAL_CONNECTION_STATES),
    FixedField::u16("EventCause", "event_cause")
        .values(&EVENT_CAUSES)
        .unconfirmed(DELIVERED_TAIL),
    FixedField::count_u16("NumNamedVariables", "named_variables").unconfirmed(DELIVERED_TAIL),
    FixedField::count_u16("NumNamedArrays", "named_arrays").unconfirmed(DELIVERED_TAIL),
])
.floating(&[
    FloatItem::Field(
        FloatField::string(25, "ConnectionDeviceID", "connection_device_id", 64)
            .required()
            .unconfirmed(DELIVERED_FLOAT),
    ),
    FloatItem::Field(
        FloatField::string(26, "AlertingDeviceID", "alerting_device_id", 64)
            .unconfirmed(DELIVERED_FLOAT),
    ),
    FloatItem::Field(
        FloatField::string(27, "CallingDeviceID", "calling_device_id", 64)
            .unconfirmed(DELIVERED_FLOAT),
    ),
    FloatItem::Field(
        FloatField::string(28, "CalledDeviceID", "called_device_id", 64)
            .unconfirmed(DELIVERED_FLOAT),
    ),
    FloatItem::Field(
        FloatField::string(29, "LastRedirectDeviceID", "last_redirect_device_id", 64)
            .unconfirmed(DELIVERED_FLOAT),
    ),
    FloatItem::Field(FloatField::string(8, "ANI", "ani", 40).unconfirmed(DELIVERED_FLOAT)),
    FloatItem::Field(FloatField::string(10, "DNIS", "dnis", 32).unconfirmed(DELIVERED_FLOAT)),
    FloatItem::Field(
        FloatField::string(11, "DialedNumber", "dialed_number", 40).unconfirmed(DELIVERED_FLOAT),
    ),
    FloatItem::Field(
        FloatField::string(12, "CallerEnteredDigits", "caller_entered_digits", 40)
            .unconfirmed(DELIVERED_FLOAT),
    ),
    FloatItem::Field(
        FloatField::string(13, "CallVariable1", "call_variable_1", 40).unconfirmed(DELIVERED_FLOAT),
    ),
    FloatItem::Field(
        FloatField::string(14, "CallVariable2", "call_variable_2", 40).unconfirmed(DELIVERED_FLOAT),
    ),
    FloatItem::Field(
        FloatField::string(15, "CallVariable3", "call_variable_3", 40).unconfirmed(DELIVERED_FLOAT),
    ),
    FloatItem::Field(
        FloatField::string(16, "CallVariable4", "call_variable_4", 40).unconfirmed(DELIVERED_FLOAT),
    ),
    FloatItem::Field(
        FloatField::string(17, "CallVariable5", "call_variable_5", 40).unconfirmed(DELIVERED_FLOAT),
    ),
    FloatItem::Field(
        FloatField::string(18, "CallVariable6", "call_variable_6", 40).unconfirmed(DELIVERED_FLOAT),
    ),
    FloatItem::Field(
        FloatField::string(19, "CallVariable7", "call_variable_7", 40).unconfirmed(DELIVERED_FLOAT),
    ),
    FloatItem::Field(
        FloatField::string(20, "CallVariable8", "call_variable_8", 40).unconfirmed(DELIVERED_FLOAT),
    ),
    FloatItem::Field(
        FloatField::string(21, "CallVariable9", "call_variable_9", 40).unconfirmed(DELIVERED_FLOAT),
    ),
    FloatItem::Field(
        FloatField::string(22, "CallVariable10", "call_variable_10", 40)
            .unconfirmed(DELIVERED_FLOAT),
    ),
    FloatItem::Field(
        FloatField::string(46, "CallWrapupData", "call_wrapup_data", 40)
            .unconfirmed(DELIVERED_FLOAT),
    ),
    FloatItem::Group(Group {
        name: "named variable",
        ident: "named_variables",
        type_name: "",
        count: GroupCount::Fixed,
        max: 250,
        since: 10,
        items: &[FloatItem::Field(
            FloatField::named_var("named_variables").unconfirmed(DELIVERED_FLOAT),
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
            FloatField::named_array("named_arrays").unconfirmed(DELIVERED_FLOAT),
        )],
    }),
    FloatItem::Field(
        FloatField::u32(
            202,
            "SecondaryConnectionCallID",
            "secondary_connection_call_id",
        )
        .unconfirmed(SECONDARY_CALL),
    ),
]);

/// CALL_ESTABLISHED_EVENT (10). See the module DECISION on `lineType`.
pub static CALL_ESTABLISHED_EVENT: MessageSpec = MessageSpec::new(
    10,
    "CALL_ESTABLISHED_EVENT",
    "CallEstablishedEvent",
    S2C,
    Kind::Event,
    Class::CallEvent,
)
.summary("A call was answered: a new connection exists.")
.fixed(&[
    FixedField::reserved_u32(0),
    FixedField::reserved_u32(1),
    FixedField::reserved_u16(21),
    FixedField::u16("ConnectionDeviceType", "connection_device_type")
        .values(&CONNECTION_DEVICE_TYPES),
    FixedField::u32("CallID", "call_id"),
    FixedField::reserved_u16(0xFFFF),
    // DECISION: lineType (v14+) slot present in all versions; see the module doc.
    FixedField::u16("lineType", "line_type").values(&LINE_TYPES),
    FixedField::u32("ApplicationID", "application_id"),
    FixedField::reserved_u32(0xFFFF_FFFF),
    FixedField::u32("CSQID", "csq_id"),
    FixedField::reserved_u32(0xFFFF_FFFF),
    FixedField::reserved_u16(0),
    FixedField::u16("AnsweringDeviceType", "answering_device_type").values(&DEVICE_TYPES),
    FixedField::u16("CallingDeviceType", "calling_device_type").values(&DEVICE_TYPES),
    FixedField::u16("CalledDeviceType", "called_device_type").values(&DEVICE_TYPES),
    FixedField::u16("LastRedirectDeviceType", "last_redirect_device_type").values(&DEVICE_TYPES),
    FixedField::u16("LocalConnectionState", "local_connection_state")
        .values(&LOCAL_CONNECTION_STATES)
        .unconfirmed(ESTABLISHED_TAIL),
    FixedField::u16("EventCause", "event_cause")
        .values(&EVENT_CAUSES)
        .unconfirmed(ESTABLISHED_TAIL),
])
.floating(&[
    FloatItem::Field(
        FloatField::string(25, "ConnectionDeviceID", "connection_device_id", 64)
            .required()
            .unconfirmed(ESTABLISHED_FLOAT),
    ),
    FloatItem::Field(
        FloatField::string(30, "AnsweringDeviceID", "answering_device_id", 64)
            .unconfirmed(ESTABLISHED_FLOAT),
    ),
    FloatItem::Field(
        FloatField::string(27, "CallingDeviceID", "calling_device_id", 64)
            .unconfirmed(ESTABLISHED_FLOAT),
    ),
    FloatItem::Field(
        FloatField::string(28, "CalledDeviceID", "called_device_id", 64)
            .unconfirmed(ESTABLISHED_FLOAT),
    ),
    FloatItem::Field(
        FloatField::string(29, "LastRedirectDeviceID", "last_redirect_device_id", 64)
            .unconfirmed(ESTABLISHED_FLOAT),
    ),
]);

/// CALL_HELD_EVENT (11).
pub static CALL_HELD_EVENT: MessageSpec = MessageSpec::new(
    11,
    "CALL_HELD_EVENT",
    "CallHeldEvent",
    S2C,
    Kind::Event,
    Class::CallEvent,
)
.summary("A connection was put on hold.")
.fixed(&[
    FixedField::reserved_u32(0),
    FixedField::reserved_u32(1),
    FixedField::reserved_u16(21),
    FixedField::u16("ConnectionDeviceType", "connection_device_type")
        .values(&CONNECTION_DEVICE_TYPES),
    FixedField::u32("CallID", "call_id"),
    FixedField::u16("HoldingDeviceType", "holding_device_type").values(&DEVICE_TYPES),
    FixedField::u16("LocalConnectionState", "local_connection_state")
        .values(&LOCAL_CONNECTION_STATES),
    FixedField::u16("EventCause", "event_cause").values(&EVENT_CAUSES),
])
.floating(&[
    FloatItem::Field(
        FloatField::string(25, "ConnectionDeviceID", "connection_device_id", 64).required(),
    ),
    FloatItem::Field(FloatField::string(31, "HoldingDeviceID", "holding_device_id", 64).required()),
]);

/// CALL_RETRIEVED_EVENT (12).
pub static CALL_RETRIEVED_EVENT: MessageSpec = MessageSpec::new(
    12,
    "CALL_RETRIEVED_EVENT",
    "CallRetrievedEvent",
    S2C,
    Kind::Event,
    Class::CallEvent,
)
.summary("A held connection was taken off hold.")
.fixed(&[
    FixedField::reserved_u32(0),
    FixedField::reserved_u32(1),
    FixedField::reserved_u16(21),
    FixedField::u16("ConnectionDeviceType", "connection_device_type")
        .values(&CONNECTION_DEVICE_TYPES),
    FixedField::u32("CallID", "call_id"),
    FixedField::u16("RetrievingDeviceType", "retrieving_device_type").values(&DEVICE_TYPES),
    FixedField::u16("LocalConnectionState", "local_connection_state")
        .values(&LOCAL_CONNECTION_STATES),
    FixedField::u16("EventCause", "event_cause").values(&EVENT_CAUSES),
])
.floating(&[
    FloatItem::Field(
        FloatField::string(25, "ConnectionDeviceID", "connection_device_id", 64).required(),
    ),
    FloatItem::Field(
        FloatField::string(32, "RetrievingDeviceID", "retrieving_device_id", 64)
            .unconfirmed(RETRIEVING_SIZE),
    ),
]);

/// CALL_CLEARED_EVENT (13). The ConnectionDeviceType slot is reserved (0) here.
pub static CALL_CLEARED_EVENT: MessageSpec = MessageSpec::new(
    13,
    "CALL_CLEARED_EVENT",
    "CallClearedEvent",
    S2C,
    Kind::Event,
    Class::CallEvent,
)
.summary("A call ended, normally when its last party hung up.")
.fixed(&[
    FixedField::reserved_u32(0),
    FixedField::reserved_u32(1),
    FixedField::reserved_u16(21),
    FixedField::reserved_u16(0),
    FixedField::u32("CallID", "call_id"),
    FixedField::u16("LocalConnectionState", "local_connection_state")
        .values(&LOCAL_CONNECTION_STATES),
    FixedField::u16("EventCause", "event_cause").values(&EVENT_CAUSES),
])
.floating(&[FloatItem::Field(
    FloatField::string(25, "ConnectionDeviceID", "connection_device_id", 64)
        .unconfirmed(CLEARED_TAG),
)]);

/// CALL_CONNECTION_CLEARED_EVENT (14).
pub static CALL_CONNECTION_CLEARED_EVENT: MessageSpec = MessageSpec::new(
    14,
    "CALL_CONNECTION_CLEARED_EVENT",
    "CallConnectionClearedEvent",
    S2C,
    Kind::Event,
    Class::CallEvent,
)
.summary("One party left a call.")
.fixed(&[
    FixedField::reserved_u32(0),
    FixedField::reserved_u32(1),
    FixedField::reserved_u16(21),
    FixedField::u16("ConnectionDeviceType", "connection_device_type")
        .values(&CONNECTION_DEVICE_TYPES),
    FixedField::u32("CallID", "call_id"),
    FixedField::u16("ReleasingDeviceType", "releasing_device_type").values(&DEVICE_TYPES),
    FixedField::u16("LocalConnectionState", "local_connection_state")
        .values(&LOCAL_CONNECTION_STATES),
    FixedField::u16("EventCause", "event_cause").values(&EVENT_CAUSES),
])
.floating(&[
    FloatItem::Field(
        FloatField::string(25, "ConnectionDeviceID", "connection_device_id", 64).required(),
    ),
    FloatItem::Field(
        FloatField::string(33, "ReleasingDeviceID", "releasing_device_id", 64).required(),
    ),
]);

/// CALL_ORIGINATED_EVENT (15).
///
/// DECISION: the page prints the lineType slot as "reserved, 3 for a monitored call, 10
/// otherwise"; a reserved field cannot hold two values, so it is the `lineType` value of the
/// other events (see the module doc).
pub static CALL_ORIGINATED_EVENT: MessageSpec = MessageSpec::new(
    15,
    "CALL_ORIGINATED_EVENT",
    "CallOriginatedEvent",
    S2C,
    Kind::Event,
    Class::CallEvent,
)
.summary("A monitored device started a call.")
.fixed(&[
    FixedField::reserved_u32(0),
    FixedField::reserved_u32(1),
    FixedField::reserved_u16(21),
    FixedField::u16("ConnectionDeviceType", "connection_device_type")
        .values(&CONNECTION_DEVICE_TYPES),
    FixedField::u32("CallID", "call_id"),
    FixedField::reserved_u16(0xFFFF),
    FixedField::u16("lineType", "line_type").values(&LINE_TYPES),
    FixedField::u32("ApplicationID", "application_id"),
    FixedField::reserved_u32(0xFFFF_FFFF),
    FixedField::u32("CSQID", "csq_id"),
    FixedField::reserved_u32(0xFFFF_FFFF),
    FixedField::reserved_u16(0),
    FixedField::u16("CallingDeviceType", "calling_device_type").values(&DEVICE_TYPES),
    FixedField::u16("CalledDeviceType", "called_device_type").values(&DEVICE_TYPES),
    FixedField::u16("LocalConnectionState", "local_connection_state")
        .values(&LOCAL_CONNECTION_STATES),
    FixedField::u16("EventCause", "event_cause").values(&EVENT_CAUSES),
])
.floating(&[
    FloatItem::Field(
        FloatField::string(25, "ConnectionDeviceID", "connection_device_id", 64).required(),
    ),
    FloatItem::Field(FloatField::string(27, "CallingDeviceID", "calling_device_id", 64).required()),
    FloatItem::Field(
        FloatField::string(28, "CalledDeviceID", "called_device_id", 64)
            .unconfirmed(ORIGINATED_CUT),
    ),
]);

/// CALL_FAILED_EVENT (16).
pub static CALL_FAILED_EVENT: MessageSpec = MessageSpec::new(
    16,
    "CALL_FAILED_EVENT",
    "CallFailedEvent",
    S2C,
    Kind::Event,
    Class::CallEvent,
)
.summary("A call could not be completed (busy, unobtainable, ...).")
.fixed(&[
    FixedField::reserved_u32(0),
    FixedField::reserved_u32(1),
    FixedField::reserved_u16(21),
    FixedField::u16("ConnectionDeviceType", "connection_device_type")
        .values(&CONNECTION_DEVICE_TYPES),
    FixedField::u32("CallID", "call_id"),
    FixedField::u16("FailingDeviceType", "failing_device_type").values(&DEVICE_TYPES),
    FixedField::u16("CalledDeviceType", "called_device_type").values(&DEVICE_TYPES),
    FixedField::u16("LocalConnectionState", "local_connection_state")
        .values(&LOCAL_CONNECTION_STATES),
    FixedField::u16("EventCause", "event_cause").values(&EVENT_CAUSES),
])
.floating(&[
    FloatItem::Field(
        FloatField::string(25, "ConnectionDeviceID", "connection_device_id", 64).required(),
    ),
    FloatItem::Field(FloatField::string(
        34,
        "FailingDeviceID",
        "failing_device_id",
        64,
    )),
    FloatItem::Field(FloatField::string(
        28,
        "CalledDeviceID",
        "called_device_id",
        64,
    )),
]);

/// CALL_CONFERENCED_EVENT (17). Sent after any CALL_DELIVERED_EVENT of the secondary call.
/// The fixed part after NumParties comes from the conference example and ICM.
///
/// DECISION: PrimaryDeviceType and SecondaryDeviceType are read as connection device types
/// (CONNECTION_DEVICE_TYPES): the page describes PrimaryDeviceType as the connection type of
/// PrimaryDeviceID. See the module DECISION on `lineType`.
pub static CALL_CONFERENCED_EVENT: MessageSpec = MessageSpec::new(
    17,
    "CALL_CONFERENCED_EVENT",
    "CallConferencedEvent",
    S2C,
    Kind::Event,
    Class::CallEvent,
)
.summary("Two calls were joined into a conference; lists the resulting parties.")
.fixed(&[
    FixedField::reserved_u32(0),
    FixedField::reserved_u32(1),
    FixedField::reserved_u16(21),
    FixedField::u16("PrimaryDeviceType", "primary_device_type").values(&CONNECTION_DEVICE_TYPES),
    FixedField::u32("PrimaryCallID", "primary_call_id"),
    FixedField::reserved_u16(0xFFFF),
    FixedField::u16("lineType", "line_type").values(&LINE_TYPES),
    FixedField::reserved_u32(0xFFFF_FFFF),
    FixedField::reserved_u32(0xFFFF_FFFF),
    FixedField::reserved_u16(0),
    FixedField::count_u16("NumParties", "connected_parties"),
    FixedField::u16("SecondaryDeviceType", "secondary_device_type")
        .values(&CONNECTION_DEVICE_TYPES)
        .unconfirmed(CONFERENCED_TAIL),
    FixedField::u32("SecondaryCallID", "secondary_call_id").unconfirmed(CONFERENCED_TAIL),
    FixedField::u16("ControllerDeviceType", "controller_device_type")
        .values(&DEVICE_TYPES)
        .unconfirmed(CONFERENCED_TAIL),
    FixedField::u16("AddedPartyDeviceType", "added_party_device_type")
        .values(&DEVICE_TYPES)
        .unconfirmed(CONFERENCED_TAIL),
    FixedField::u16("LocalConnectionState", "local_connection_state")
        .values(&LOCAL_CONNECTION_STATES)
        .unconfirmed(CONFERENCED_TAIL),
    FixedField::u16("EventCause", "event_cause")
        .values(&EVENT_CAUSES)
        .unconfirmed(CONFERENCED_TAIL),
])
.floating(&[
    FloatItem::Field(
        FloatField::string(35, "PrimaryDeviceID", "primary_device_id", 64)
            .unconfirmed(CONFERENCED_FLOAT),
    ),
    FloatItem::Field(
        FloatField::string(36, "SecondaryDeviceID", "secondary_device_id", 64)
            .unconfirmed(CONFERENCED_FLOAT),
    ),
    FloatItem::Field(
        FloatField::string(37, "ControllerDeviceID", "controller_device_id", 64)
            .unconfirmed(CONFERENCED_FLOAT),
    ),
    FloatItem::Field(
        FloatField::string(38, "AddedPartyDeviceID", "added_party_device_id", 64)
            .unconfirmed(CONFERENCED_FLOAT),
    ),
    CONNECTED_PARTIES,
]);

/// CALL_TRANSFERRED_EVENT (18). Sent after any CALL_DELIVERED_EVENT of the secondary call.
/// Identical to CALL_CONFERENCED_EVENT up to NumParties; the rest is from ICM. See the
/// DECISIONs of CALL_CONFERENCED_EVENT (device types) and of the module (`lineType`).
pub static CALL_TRANSFERRED_EVENT: MessageSpec = MessageSpec::new(
    18,
    "CALL_TRANSFERRED_EVENT",
    "CallTransferredEvent",
    S2C,
    Kind::Event,
    Class::CallEvent,
)
.summary("A call was transferred; lists the parties of the resulting call.")
.fixed(&[
    FixedField::reserved_u32(0),
    FixedField::reserved_u32(1),
    FixedField::reserved_u16(21),
    FixedField::u16("PrimaryDeviceType", "primary_device_type").values(&CONNECTION_DEVICE_TYPES),
    FixedField::u32("PrimaryCallID", "primary_call_id"),
    FixedField::reserved_u16(0xFFFF),
    FixedField::u16("lineType", "line_type").values(&LINE_TYPES),
    FixedField::reserved_u32(0xFFFF_FFFF),
    FixedField::reserved_u32(0xFFFF_FFFF),
    FixedField::reserved_u16(0),
    FixedField::count_u16("NumParties", "connected_parties"),
    FixedField::u16("SecondaryDeviceType", "secondary_device_type")
        .values(&CONNECTION_DEVICE_TYPES)
        .unconfirmed(TRANSFERRED_CUT),
    FixedField::u32("SecondaryCallID", "secondary_call_id").unconfirmed(TRANSFERRED_CUT),
    FixedField::u16("TransferringDeviceType", "transferring_device_type")
        .values(&DEVICE_TYPES)
        .unconfirmed(TRANSFERRED_CUT),
    FixedField::u16("TransferredDeviceType", "transferred_device_type")
        .values(&DEVICE_TYPES)
        .unconfirmed(TRANSFERRED_CUT),
    FixedField::u16("LocalConnectionState", "local_connection_state")
        .values(&LOCAL_CONNECTION_STATES)
        .unconfirmed(TRANSFERRED_CUT),
    FixedField::u16("EventCause", "event_cause")
        .values(&EVENT_CAUSES)
        .unconfirmed(TRANSFERRED_CUT),
])
.floating(&[
    FloatItem::Field(
        FloatField::string(35, "PrimaryDeviceID", "primary_device_id", 64)
            .unconfirmed(TRANSFERRED_CUT),
    ),
    FloatItem::Field(
        FloatField::string(36, "SecondaryDeviceID", "secondary_device_id", 64)
            .unconfirmed(TRANSFERRED_CUT),
    ),
    FloatItem::Field(
        FloatField::string(42, "TransferringDeviceID", "transferring_device_id", 64)
            .unconfirmed(TRANSFERRED_CUT),
    ),
    FloatItem::Field(
        FloatField::string(43, "TransferredDeviceID", "transferred_device_id", 64)
            .unconfirmed(TRANSFERRED_CUT),
    ),
    CONNECTED_PARTIES,
]);

/// CALL_DIVERTED_EVENT (19). UCCX's usual signal that a call left the queue for an agent.
pub static CALL_DIVERTED_EVENT: MessageSpec = MessageSpec::new(
    19,
    "CALL_DIVERTED_EVENT",
    "CallDivertedEvent",
    S2C,
    Kind::Event,
    Class::CallEvent,
)
.summary("A call moved from one device to another, e.g. from the queue to an agent.")
.fixed(&[
    FixedField::reserved_u32(0),
    FixedField::reserved_u32(1),
    FixedField::reserved_u16(21),
    FixedField::u16("ConnectionDeviceType", "connection_device_type")
        .values(&CONNECTION_DEVICE_TYPES),
    FixedField::u32("CallID", "call_id"),
    FixedField::u32("ApplicationID", "application_id"),
    FixedField::reserved_u32(0xFFFF_FFFF),
    FixedField::u16("DivertingDeviceType", "diverting_device_type").values(&DEVICE_TYPES),
    FixedField::u16("CalledDeviceType", "called_device_type").values(&DEVICE_TYPES),
    FixedField::u16("LocalConnectionState", "local_connection_state")
        .values(&LOCAL_CONNECTION_STATES),
    FixedField::u16("EventCause", "event_cause").values(&EVENT_CAUSES),
])
.floating(&[
    FloatItem::Field(
        FloatField::string(25, "ConnectionDeviceID", "connection_device_id", 64).required(),
    ),
    FloatItem::Field(
        FloatField::string(44, "DivertingDeviceID", "diverting_device_id", 64).required(),
    ),
    FloatItem::Field(
        FloatField::string(28, "CalledDeviceID", "called_device_id", 64)
            .required()
            .unconfirmed(DIVERTED_SIZE),
    ),
]);

/// CALL_SERVICE_INITIATED_EVENT (20).
///
/// DECISION: this page prints "reserved = 3" in the usual lineType slot and "lineType (v14+)"
/// in the slot that is `reserved = 0` in the other events (UCCE SkillGroupPriority). Sizes
/// agree either way; both slots are modelled as line-type values (`line_type` in the usual
/// slot, per the module DECISION; `line_type_copy` where this page prints it), and a sender
/// puts the line type in both, so a reader of either layout gets it.
pub static CALL_SERVICE_INITIATED_EVENT: MessageSpec = MessageSpec::new(
    20,
    "CALL_SERVICE_INITIATED_EVENT",
    "CallServiceInitiatedEvent",
    S2C,
    Kind::Event,
    Class::CallEvent,
)
.summary("A device went off-hook to place a call (including a consult call).")
.fixed(&[
    FixedField::reserved_u32(0),
    FixedField::reserved_u32(1),
    FixedField::reserved_u16(21),
    FixedField::u16("ConnectionDeviceType", "connection_device_type")
        .values(&CONNECTION_DEVICE_TYPES),
    FixedField::u32("CallID", "call_id"),
    FixedField::reserved_u16(0xFFFF),
    FixedField::u16("lineType", "line_type").values(&LINE_TYPES),
    FixedField::u32("ApplicationID", "application_id"),
    FixedField::reserved_u32(0xFFFF_FFFF),
    FixedField::u32("CSQID", "csq_id"),
    FixedField::reserved_u32(0xFFFF_FFFF),
    FixedField::u16("lineTypeCopy", "line_type_copy").values(&LINE_TYPES),
    FixedField::u16("CallingDeviceType", "calling_device_type").values(&DEVICE_TYPES),
    FixedField::u16("LocalConnectionState", "local_connection_state")
        .values(&LOCAL_CONNECTION_STATES),
    FixedField::u16("EventCause", "event_cause").values(&EVENT_CAUSES),
])
.floating(&[
    FloatItem::Field(
        FloatField::string(25, "ConnectionDeviceID", "connection_device_id", 64).required(),
    ),
    FloatItem::Field(FloatField::string(27, "CallingDeviceID", "calling_device_id", 64).required()),
]);

/// CALL_QUEUED_EVENT (21). Agent-mode clients get it only for their own outbound call waiting
/// for a resource; bridge clients also for queued inbound calls.
///
/// DECISION: the page prints "ApplicationID" with tag 77, a tag on a fixed field; 77 is read as
/// a doc error and ApplicationID as the plain fixed UINT it is in the other events.
pub static CALL_QUEUED_EVENT: MessageSpec = MessageSpec::new(
    21,
    "CALL_QUEUED_EVENT",
    "CallQueuedEvent",
    S2C,
    Kind::Event,
    Class::CallEvent,
)
.summary("A call was queued for a resource, in one or more CSQs.")
.fixed(&[
    FixedField::reserved_u32(0),
    FixedField::reserved_u32(1),
    FixedField::reserved_u16(21),
    FixedField::u16("ConnectionDeviceType", "connection_device_type")
        .values(&CONNECTION_DEVICE_TYPES),
    FixedField::u32("CallID", "call_id"),
    FixedField::u32("ApplicationID", "application_id"),
    FixedField::reserved_u32(0xFFFF_FFFF),
    FixedField::u16("QueueDeviceType", "queue_device_type").values(&DEVICE_TYPES),
    FixedField::u16("CallingDeviceType", "calling_device_type").values(&DEVICE_TYPES),
    FixedField::u16("CalledDeviceType", "called_device_type").values(&DEVICE_TYPES),
    FixedField::u16("LastRedirectDeviceType", "last_redirect_device_type").values(&DEVICE_TYPES),
    FixedField::reserved_u16(0),
    FixedField::count_u16("NumCSQs", "csqs"),
    FixedField::u16("LocalConnectionState", "local_connection_state")
        .values(&LOCAL_CONNECTION_STATES),
    FixedField::u16("EventCause", "event_cause").values(&EVENT_CAUSES),
])
.floating(&[
    FloatItem::Field(
        FloatField::string(25, "ConnectionDeviceID", "connection_device_id", 64)
            .required()
            .unconfirmed(QUEUED_FLOAT),
    ),
    FloatItem::Field(
        FloatField::string(45, "QueueDeviceID", "queue_device_id", 64).unconfirmed(QUEUED_FLOAT),
    ),
    FloatItem::Field(
        FloatField::string(27, "CallingDeviceID", "calling_device_id", 64)
            .unconfirmed(QUEUED_FLOAT),
    ),
    FloatItem::Field(
        FloatField::string(28, "CalledDeviceID", "called_device_id", 64).unconfirmed(QUEUED_FLOAT),
    ),
    FloatItem::Field(
        FloatField::string(29, "LastRedirectDeviceID", "last_redirect_device_id", 64)
            .unconfirmed(QUEUED_FLOAT),
    ),
    QUEUED_CSQS,
]);

/// CALL_DEQUEUED_EVENT (86). Not sent when a call leaves the queue normally (UCCX sends
/// CALL_DIVERTED_EVENT or the clearing events then); only for an explicit removal, e.g. from
/// some of several CSQs. NumCSQs 0 means removed from all.
pub static CALL_DEQUEUED_EVENT: MessageSpec = MessageSpec::new(
    86,
    "CALL_DEQUEUED_EVENT",
    "CallDequeuedEvent",
    S2C,
    Kind::Event,
    Class::CallEvent,
)
.id_unconfirmed(UCCE_ID)
.summary("A call was explicitly removed from one or more CSQs.")
.fixed(&[
    FixedField::reserved_u32(0),
    FixedField::reserved_u32(1),
    FixedField::reserved_u16(21),
    FixedField::u16("ConnectionDeviceType", "connection_device_type")
        .values(&CONNECTION_DEVICE_TYPES),
    FixedField::u32("CallID", "call_id"),
    FixedField::u32("ApplicationID", "application_id"),
    FixedField::reserved_u32(0xFFFF_FFFF),
    FixedField::u16("QueueDeviceType", "queue_device_type").values(&DEVICE_TYPES),
    FixedField::u16("NumQueued", "num_queued"),
    FixedField::count_u16("NumCSQs", "csqs"),
    FixedField::u16("LocalConnectionState", "local_connection_state")
        .values(&LOCAL_CONNECTION_STATES),
    FixedField::u16("EventCause", "event_cause").values(&EVENT_CAUSES),
])
.floating(&[
    FloatItem::Field(
        FloatField::string(25, "ConnectionDeviceID", "connection_device_id", 64).required(),
    ),
    FloatItem::Field(
        FloatField::string(45, "QueueDeviceID", "queue_device_id", 64)
            .required()
            .unconfirmed(DEQUEUED_QUEUE),
    ),
    QUEUED_CSQS,
]);

/// RTP_STARTED_EVENT (116), optional. Opens with only two reserved fields. The floating part
/// after ConnectionDeviceID was not readable and is assumed to be that of RTP_STOPPED_EVENT.
pub static RTP_STARTED_EVENT: MessageSpec = MessageSpec::new(
    116,
    "RTP_STARTED_EVENT",
    "RtpStartedEvent",
    S2C,
    Kind::Event,
    Class::CallEvent,
)
.id_unconfirmed(UCCE_ID)
.summary("A phone started sending or receiving a media stream on a call leg.")
.fixed(&[
    FixedField::reserved_u32(0),
    FixedField::reserved_u32(1),
    FixedField::u32("clientPort", "client_port"),
    FixedField::u16("Direction", "direction").values(&RTP_DIRECTIONS),
    FixedField::u16("RTPType", "rtp_type").values(&RTP_TYPES),
    FixedField::u32("BitRate", "bit_rate"),
    FixedField::u16("EchoCancellation", "echo_cancellation"),
    FixedField::u32("PacketSize", "packet_size"),
    FixedField::u16("PayloadType", "payload_type").values(&PAYLOAD_TYPES),
    FixedField::u16("ConnectionDeviceType", "connection_device_type")
        .values(&CONNECTION_DEVICE_TYPES),
    FixedField::u32("CallID", "call_id"),
])
.floating(&[
    FloatItem::Field(
        FloatField::string(25, "ConnectionDeviceID", "connection_device_id", 64).required(),
    ),
    FloatItem::Field(
        FloatField::string(81, "ClientAddress", "client_address", 16)
            .required()
            .unconfirmed(RTP_STARTED_CUT),
    ),
    FloatItem::Field(
        FloatField::string(4, "AgentExtension", "agent_extension", 16).unconfirmed(RTP_STARTED_CUT),
    ),
    FloatItem::Field(
        FloatField::string(6, "AgentInstrument", "agent_instrument", 64)
            .unconfirmed(RTP_STARTED_CUT),
    ),
    FloatItem::Field(
        FloatField::string(125, "SendingAddress", "sending_address", 16)
            .unconfirmed(RTP_STARTED_CUT),
    ),
    FloatItem::Field(
        FloatField::u32(126, "SendingPort", "sending_port").unconfirmed(RTP_STARTED_CUT),
    ),
    FloatItem::Field(
        FloatField::string(194, "AgentID", "agent_id", 129).unconfirmed(RTP_STARTED_CUT),
    ),
]);

/// RTP_STOPPED_EVENT (117), optional. Opens with only two reserved fields.
pub static RTP_STOPPED_EVENT: MessageSpec = MessageSpec::new(
    117,
    "RTP_STOPPED_EVENT",
    "RtpStoppedEvent",
    S2C,
    Kind::Event,
    Class::CallEvent,
)
.id_unconfirmed(UCCE_ID)
.summary("A phone stopped a media stream on a call leg (hold or disconnect).")
.fixed(&[
    FixedField::reserved_u32(0),
    FixedField::reserved_u32(1),
    FixedField::u32("clientPort", "client_port"),
    FixedField::u16("Direction", "direction").values(&RTP_DIRECTIONS),
    FixedField::u16("ConnectionDeviceType", "connection_device_type")
        .values(&CONNECTION_DEVICE_TYPES),
    FixedField::u32("CallID", "call_id"),
])
.floating(&[
    FloatItem::Field(
        FloatField::string(25, "ConnectionDeviceID", "connection_device_id", 64).required(),
    ),
    FloatItem::Field(FloatField::string(81, "ClientAddress", "client_address", 16).required()),
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
    FloatItem::Field(FloatField::string(
        125,
        "SendingAddress",
        "sending_address",
        16,
    )),
    FloatItem::Field(FloatField::u32(126, "SendingPort", "sending_port")),
    FloatItem::Field(FloatField::string(194, "AgentID", "agent_id", 129)),
]);
