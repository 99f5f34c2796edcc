//! Real-time statistics queries (digest 05-agent §8): counters for one CSQ
//! (QUERY_QUEUE_STATISTICS_*), for the CSQs of one agent (QUERY_AGENT_QUEUE_STATISTICS_*) and
//! for the whole system (QUERY_SUMMARY_STATISTICS_*).
//!
//! These are UCCX-only messages (UCCE has none of these names). Only the agent-queue pair has a
//! known number: 239/240, from an answer on Cisco's UCCX CTI developer forum (the guide's pages
//! do not print MessageTypeIDs). No source gives the others, so 1001, 1002, 1005 and 1006 are ccx
//! placeholders until a capture shows the real numbers. Cisco advises against polling these
//! often; counters change when a call's after-call work completes.
//!
//! What the guide's pages gave (developer.cisco.com, contact-center-express, one page per
//! message; every stored copy of the two CONF pages breaks off part-way through its table):
//!
//! * QUERY_QUEUE_STATISTICS_REQ, QUERY_AGENT_QUEUE_STATISTICS_REQ/CONF and
//!   QUERY_SUMMARY_STATISTICS_REQ: complete. The summary request is one table holding InvokeID
//!   only; it has no floating part.
//! * QUERY_QUEUE_STATISTICS_CONF ("partial"): read through CallsInPriorityQueue6 (offset 36, a
//!   40-byte head); the next row's name begins "CallsInPriority" and is cut there.
//! * QUERY_SUMMARY_STATISTICS_CONF ("partial"): read through CallsInPriorityQueue7; the name of
//!   CallsInPriorityQueue8 is printed but its description, type and size are cut, so that row
//!   is modelled as UINT 4 like its neighbours and kept unconfirmed (a 50-byte head).
//!
//! Still unread, for both CONFs: every row after the last one above, and whether a floating part
//! follows. The pages' introductions say that "today" values count since a StartTime carried in
//! the message, so a StartTime and some "today" counters sit in the unread tails, at offsets and
//! with types not seen; the queue CONF page announces "tables" (plural) and the summary CONF page
//! one "table", which hints that only the queue CONF has a floating part. Nothing of the tails is
//! modelled: a guessed layout would be worse than a short one, since every field after a wrong
//! guess would be misplaced.

use super::*;

/// The messages of this file.
pub(super) static MESSAGES: &[&MessageSpec] = &[
    &QUERY_QUEUE_STATISTICS_REQ,
    &QUERY_QUEUE_STATISTICS_CONF,
    &QUERY_AGENT_QUEUE_STATISTICS_REQ,
    &QUERY_AGENT_QUEUE_STATISTICS_CONF,
    &QUERY_SUMMARY_STATISTICS_REQ,
    &QUERY_SUMMARY_STATISTICS_CONF,
];

/// Source text for the agent-queue pair's IDs.
const FORUM_ID: &str =
    "Cisco UCCX CTI developer forum answer (message 1062794): \"The messagetypeid is \
     239\" / \"240\"; not printed in the guide";

/// Source text for the placeholder IDs of this file.
const NO_ID: &str =
    "no source: number unknown in UCCX and absent from UCCE; ccx placeholder until a capture shows it";

/// QUERY_QUEUE_STATISTICS_REQ (placeholder 1001).
// DECISION: the QUERY_QUEUE_STATISTICS_REQ and _CONF pages call the request
// "QUERY_AGENT_QUEUE_STATISTICS_REQ" in their opening sentence, while their titles, their CSQID
// field and the separate agent-queue pages say otherwise; we follow the titles (this request
// names one CSQ by CSQID[62], the agent-queue request names an agent by AgentID[194]) and read
// the sentence as a copy slip.
// DECISION: CSQID[62] is printed as INT on this page but is UINT in every other message using
// tag 62; we keep UINT (same 4 bytes on the wire) so a CSQ ID has one type throughout.
pub static QUERY_QUEUE_STATISTICS_REQ: MessageSpec = MessageSpec::new(
    1001,
    "QUERY_QUEUE_STATISTICS_REQ",
    "QueryQueueStatisticsReq",
    C2S,
    Kind::Request,
    Class::Statistics,
)
.id_unconfirmed(NO_ID)
.summary("Asks for the current agent and queued-call counters of one CSQ.")
.fixed(&[FixedField::u32("InvokeID", "invoke_id")])
.floating(&[FloatItem::Field(
    FloatField::u32(62, "CSQID", "csq_id").required(),
)]);

/// QUERY_QUEUE_STATISTICS_CONF (placeholder 1002); partial: only the confirmed leading fixed
/// fields are modelled.
pub static QUERY_QUEUE_STATISTICS_CONF: MessageSpec = MessageSpec::new(
    1002,
    "QUERY_QUEUE_STATISTICS_CONF",
    "QueryQueueStatisticsConf",
    S2C,
    Kind::Confirmation,
    Class::Statistics,
)
.id_unconfirmed(NO_ID)
.summary("Partial: a CSQ's agents by state and its queued calls at priorities 1–6 (rest of layout unread).")
.fixed(&[
    FixedField::u32("InvokeID", "invoke_id"),
    FixedField::u16("LoggedInAgents", "logged_in_agents"),
    FixedField::u16("InSessionAgents", "in_session_agents"),
    FixedField::u16("AvailableAgents", "available_agents"),
    FixedField::u16("UnAvailableAgents", "unavailable_agents"),
    FixedField::u16("InWorkAgents", "in_work_agents"),
    FixedField::u16("SelectedAgents", "selected_agents"),
    FixedField::u32("CallsInPriorityQueue1", "calls_in_priority_queue1"),
    FixedField::u32("CallsInPriorityQueue2", "calls_in_priority_queue2"),
    FixedField::u32("CallsInPriorityQueue3", "calls_in_priority_queue3"),
    FixedField::u32("CallsInPriorityQueue4", "calls_in_priority_queue4"),
    FixedField::u32("CallsInPriorityQueue5", "calls_in_priority_queue5"),
    FixedField::u32("CallsInPriorityQueue6", "calls_in_priority_queue6"),
]);

/// QUERY_AGENT_QUEUE_STATISTICS_REQ (239).
pub static QUERY_AGENT_QUEUE_STATISTICS_REQ: MessageSpec = MessageSpec::new(
    239,
    "QUERY_AGENT_QUEUE_STATISTICS_REQ",
    "QueryAgentQueueStatisticsReq",
    C2S,
    Kind::Request,
    Class::Statistics,
)
.id_unconfirmed(FORUM_ID)
.summary("Asks how many calls wait in the CSQs of one agent, and for how long the oldest has.")
.fixed(&[FixedField::u32("InvokeID", "invoke_id")])
.floating(&[FloatItem::Field(
    FloatField::string(194, "AgentID", "agent_id", 129).required(),
)]);

/// QUERY_AGENT_QUEUE_STATISTICS_CONF (240).
pub static QUERY_AGENT_QUEUE_STATISTICS_CONF: MessageSpec = MessageSpec::new(
    240,
    "QUERY_AGENT_QUEUE_STATISTICS_CONF",
    "QueryAgentQueueStatisticsConf",
    S2C,
    Kind::Confirmation,
    Class::Statistics,
)
.id_unconfirmed(FORUM_ID)
.summary("Calls queued over all CSQs of the agent and the wait of the oldest one.")
.fixed(&[
    FixedField::u32("InvokeID", "invoke_id"),
    FixedField::u32("CallsInQueue", "calls_in_queue"),
    FixedField::u32("OldestCallInQueue", "oldest_call_in_queue"),
])
.floating(&[FloatItem::Field(
    FloatField::string(194, "AgentID", "agent_id", 129).required(),
)]);

/// QUERY_SUMMARY_STATISTICS_REQ (placeholder 1005).
pub static QUERY_SUMMARY_STATISTICS_REQ: MessageSpec = MessageSpec::new(
    1005,
    "QUERY_SUMMARY_STATISTICS_REQ",
    "QuerySummaryStatisticsReq",
    C2S,
    Kind::Request,
    Class::Statistics,
)
.id_unconfirmed(NO_ID)
.summary("Asks for the system-wide agent and queued-call counters.")
.fixed(&[FixedField::u32("InvokeID", "invoke_id")]);

/// QUERY_SUMMARY_STATISTICS_CONF (placeholder 1006); partial: only the confirmed leading fixed
/// fields are modelled.
pub static QUERY_SUMMARY_STATISTICS_CONF: MessageSpec = MessageSpec::new(
    1006,
    "QUERY_SUMMARY_STATISTICS_CONF",
    "QuerySummaryStatisticsConf",
    S2C,
    Kind::Confirmation,
    Class::Statistics,
)
.id_unconfirmed(NO_ID)
.summary("Partial: number of CSQs, agents by state system-wide, queued calls at priorities 1–8 (rest unread).")
.fixed(&[
    FixedField::u32("InvokeID", "invoke_id"),
    FixedField::u16("NumQueues", "num_queues"),
    FixedField::u16("LoggedInAgents", "logged_in_agents"),
    FixedField::u16("InSessionAgents", "in_session_agents"),
    FixedField::u16("AvailableAgents", "available_agents"),
    FixedField::u16("UnAvailableAgents", "unavailable_agents"),
    FixedField::u16("InWorkAgents", "in_work_agents"),
    FixedField::u16("SelectedAgents", "selected_agents"),
    FixedField::u32("CallsInPriorityQueue1", "calls_in_priority_queue1"),
    FixedField::u32("CallsInPriorityQueue2", "calls_in_priority_queue2"),
    FixedField::u32("CallsInPriorityQueue3", "calls_in_priority_queue3"),
    FixedField::u32("CallsInPriorityQueue4", "calls_in_priority_queue4"),
    FixedField::u32("CallsInPriorityQueue5", "calls_in_priority_queue5"),
    FixedField::u32("CallsInPriorityQueue6", "calls_in_priority_queue6"),
    FixedField::u32("CallsInPriorityQueue7", "calls_in_priority_queue7"),
    FixedField::u32("CallsInPriorityQueue8", "calls_in_priority_queue8").unconfirmed(
        "the stored page breaks off inside this row: name printed, type and size not; \
         UINT 4 assumed like CallsInPriorityQueue1-7",
    ),
]);
