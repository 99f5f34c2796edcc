//! # ccx-sim
//!
//! A simulated Unified CCX contact center with its phone system, as a pure, deterministic state
//! machine: no I/O, no clock (time is passed in as [`Millis`]), randomness only from a seeded
//! RNG. The server feeds it client requests ([`Center::request`]), admin actions
//! ([`Center::inject_call`], [`Center::replace_config`], [`Center::set_phone_system_up`]) and the
//! passage of time ([`Center::tick`] at [`Center::next_deadline`]); it answers with [`Out`]s:
//! replies for the requesting session and events for an [`Audience`] the server fans out.
//!
//! * [`config`]: the TOML configuration and its validation; [`Config::demo`] is the built-in
//!   demo center.
//! * [`Center`]: agents and their states, CSQs and routing, calls and their events, the
//!   configuration protocol, the traffic generator and simulated agents.
//!
//! Where the guide is silent or marked UNCONFIRMED in the digest, the model chooses, and says
//! so here:
//! * call-event orders marked inferred follow UCCE/CSTA (see `docs/call-flows.md`);
//! * a wrong login password answers FAILURE_CONF E_CTI_INVALID_PASSWORD; no free supervisor
//!   for SUPERVISOR_ASSIST_REQ / EMERGENCY_CALL_REQ answers E_CTI_UNSPECIFIED_FAILURE;
//! * Not Ready requested while Talking is kept and applied when the call ends ("talking
//!   pending not ready"), like Work; Ready while Talking or Reserved is refused;
//! * the wrap-up timer ends in Ready (AGT_WORK_TIMER_EXP); a consult cancelled while ringing
//!   puts a Ready target Not Ready (AGT_CANCEL_CONSULT);
//! * SUPERVISE_CALL_REQ accepts the actions the UCCX page names: 0 clear, 3 barge-in,
//!   4 intercept;
//! * CONFIG_REQUEST_EVENT with mask 0 (updates only) gets no reply; configuration keys are
//!   hashes of their class's records, so they change exactly when that class does;
//! * RTP_STARTED / RTP_STOPPED (optional events) are not sent; single-step (blind) transfer
//!   is refused.
//!
//! ```
//! use ccx_sim::{Center, Config, Ctx, Out};
//! use cti_proto::codes::{AgentState, ServiceMask};
//! use cti_proto::msg::{Message, SetAgentStateReq};
//!
//! let mut center = Center::new(Config::demo(), 7);
//! let ctx = Ctx {
//!     services: ServiceMask::CTI_SERVICE_CLIENT_EVENTS | ServiceMask::CTI_SERVICE_CLIENT_CONTROL,
//!     agent: Some("agent01".into()),
//!     instrument: Some("2001".into()),
//!     ..Ctx::default()
//! };
//! let login = SetAgentStateReq {
//!     invoke_id: 1,
//!     agent_state: AgentState::AGENT_STATE_LOGIN,
//!     agent_instrument: "2001".into(),
//!     agent_id: Some("agent01".into()),
//!     agent_password: Some("pw2001".into()),
//!     ..Default::default()
//! };
//! let out = center.request(0, &ctx, &Message::from(login));
//! assert!(matches!(&out[0], Out::Reply(Message::SetAgentStateConf(_))));
//! assert_eq!(center.agent_state("agent01"), Some(AgentState::AGENT_STATE_NOT_READY));
//! ```
#![warn(missing_docs)]

mod center;
pub mod config;
mod demo;
pub mod observe;

use cti_proto::codes::{AgentState, ConfigMsgMask, ServiceMask};
use cti_proto::msg::{Message, NamedArrayElement, NamedVariable};
use serde::{Deserialize, Serialize};

pub use center::{is_legal_transition, Center};
pub use config::{Config, ConfigError};

/// Virtual time in milliseconds. The server passes the time elapsed since it started.
pub type Millis = u64;

/// What the server knows about the session making a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ctx {
    /// Server-assigned session id.
    pub session: u64,
    /// Negotiated protocol version (10–18).
    pub version: u8,
    /// Services granted at OPEN.
    pub services: ServiceMask,
    /// Login ID of the agent bound to this session (agent mode).
    pub agent: Option<String>,
    /// The phone bound to this session (agent mode).
    pub instrument: Option<String>,
    /// The client's ClientID.
    pub client_id: String,
    /// OPEN_REQ ConfigMsgMask: the configuration classes the session may receive. Note the
    /// bit order differs from CONFIG_REQUEST_EVENT's ConfigurationMask (see
    /// [`configuration_mask_for`]).
    pub config_msg_mask: ConfigMsgMask,
}

impl Default for Ctx {
    fn default() -> Self {
        Ctx {
            session: 0,
            version: 18,
            services: ServiceMask::NONE,
            agent: None,
            instrument: None,
            client_id: String::new(),
            config_msg_mask: ConfigMsgMask::NONE,
        }
    }
}

impl Ctx {
    /// A bridge-mode session (ALL_EVENTS) with every service a bridge client asks for.
    pub fn bridge(session: u64, version: u8) -> Ctx {
        Ctx {
            session,
            version,
            services: ServiceMask::CTI_SERVICE_ALL_EVENTS
                | ServiceMask::CTI_SERVICE_CLIENT_CONTROL
                | ServiceMask::CTI_SERVICE_CALL_DATA_UPDATE
                | ServiceMask::CTI_SERVICE_SUPERVISOR
                | ServiceMask::CTI_SERVICE_CONFIG_EVENTS,
            client_id: format!("bridge{session}"),
            config_msg_mask: ConfigMsgMask(0x1F),
            ..Ctx::default()
        }
    }
    /// An agent-mode session (CLIENT_EVENTS + CALL_DATA_UPDATE + CLIENT_CONTROL) bound to
    /// `login_id` on `instrument`.
    pub fn agent(session: u64, version: u8, login_id: &str, instrument: &str) -> Ctx {
        Ctx {
            session,
            version,
            services: ServiceMask::CTI_SERVICE_CLIENT_EVENTS
                | ServiceMask::CTI_SERVICE_CLIENT_CONTROL
                | ServiceMask::CTI_SERVICE_CALL_DATA_UPDATE,
            agent: Some(login_id.to_owned()),
            instrument: Some(instrument.to_owned()),
            client_id: format!("agent{session}"),
            ..Ctx::default()
        }
    }
}

/// The CONFIG_REQUEST_EVENT / CONFIG_BEGIN_EVENT ConfigurationMask bits (application 0x01,
/// CSQ 0x02, agent 0x04, device 0x08, terminal 0x10) that an OPEN_REQ ConfigMsgMask (agent
/// 0x01, CSQ 0x02, application 0x04, device 0x08, terminal 0x10) allows. The guide prints the
/// two with application and agent swapped; they are different enums.
pub fn configuration_mask_for(m: ConfigMsgMask) -> cti_proto::codes::ConfigurationMask {
    use cti_proto::codes::ConfigurationMask as C;
    let mut out = C::NONE;
    if m.contains(ConfigMsgMask::CONFIG_APPLICATION_MASK) {
        out |= C::CONFIGURATION_APPLICATION;
    }
    if m.contains(ConfigMsgMask::CONFIG_CSQ_MASK) {
        out |= C::CONFIGURATION_CSQ;
    }
    if m.contains(ConfigMsgMask::CONFIG_AGENT_MASK) {
        out |= C::CONFIGURATION_AGENT;
    }
    if m.contains(ConfigMsgMask::CONFIG_DEVICE_MASK) {
        out |= C::CONFIGURATION_DEVICE;
    }
    if m.contains(ConfigMsgMask::CONFIG_TERMINAL_MASK) {
        out |= C::CONFIGURATION_TERMINAL;
    }
    out
}

/// What the model says: a reply for the requesting session, or an event for an audience.
#[derive(Clone, Debug, PartialEq)]
pub enum Out {
    /// The answer to the request, for the requesting session only. A request may produce
    /// several replies (a configuration snapshot: CONFIG_BEGIN_EVENT, records,
    /// CONFIG_END_EVENT; TEAM_CONFIG_EVENTs then TEAM_CONFIG_CONF).
    Reply(Message),
    /// An unsolicited message for whoever the audience selects.
    Event(Event),
}

impl Out {
    /// The message, whichever kind of output this is.
    pub fn msg(&self) -> &Message {
        match self {
            Out::Reply(m) => m,
            Out::Event(e) => &e.msg,
        }
    }
}

/// An unsolicited message and who gets it.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// The message.
    pub msg: Message,
    /// Who gets it.
    pub audience: Audience,
}

/// Which sessions an event is for. The server applies CallMsgMask / AgentStateMask /
/// ConfigMsgMask on top, by message type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Audience {
    /// Agent-state and call events: every bridge (ALL_EVENTS) session, plus the agent-mode
    /// sessions bound to these agents (login IDs). An empty list means bridge sessions only.
    Agents(Vec<String>),
    /// Only the agent-mode sessions bound to these agents, not the bridge sessions: a
    /// BEGIN_CALL_EVENT or END_CALL_EVENT for agents joining or leaving a call the bridge
    /// sessions already know about (each session sees exactly one BEGIN_CALL and one
    /// END_CALL per call).
    AgentsOnly(Vec<String>),
    /// Bridge sessions only (e.g. CALL_QUEUED of an inbound call).
    Bridge,
    /// Configuration update blocks: sessions with CTI_SERVICE_CONFIG_EVENTS whose
    /// ConfigMsgMask has this bit (and that have sent CONFIG_REQUEST_EVENT).
    Config(ConfigMsgMask),
    /// Team updates: sessions with CTI_SERVICE_SUPERVISOR that sent TEAM_CONFIG_REQ.
    Team,
    /// Every open session (SYSTEM_EVENT).
    All,
}

/// An agent as found by [`Center::lookup_agent`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgentRef {
    /// Login ID.
    pub login_id: String,
    /// ICD extension.
    pub extension: String,
    /// Phone (instrument) number.
    pub instrument: String,
    /// Current state (LOGOUT when not logged in).
    pub state: AgentState,
    /// Configured as a supervisor.
    pub supervisor: bool,
}

/// An inbound call arriving at a route point (`POST /api/calls`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct NewCall {
    /// The number dialed: a trigger of an application.
    pub dnis: String,
    /// The caller's number.
    pub ani: String,
    /// CallVariable1..10 (each at most 39 bytes).
    pub call_variables: [Option<String>; 10],
    /// ECC named variables.
    #[serde(with = "serde_named_variables")]
    pub ecc: Vec<NamedVariable>,
    /// ECC named array elements.
    #[serde(with = "serde_named_arrays")]
    pub ecc_arrays: Vec<NamedArrayElement>,
    /// Digits the caller entered in the IVR (choose a CSQ through the application's menu).
    pub caller_entered_digits: Option<String>,
    /// The caller hangs up after waiting this many seconds without being answered.
    pub patience_s: Option<u32>,
    /// The caller hangs up this many seconds after an agent answers.
    pub talk_s: Option<u32>,
}

/// Settings of the traffic generator.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Traffic {
    /// Mean arrival rate (Poisson) over all applications.
    pub calls_per_hour: f64,
    /// Mean talk time in seconds (exponentially distributed).
    pub handle_time_s: f64,
    /// Seconds a simulated agent spends in wrap-up before going Ready again.
    pub wrap_up_s: f64,
    /// Share of callers (0–1) who hang up if they wait too long; their patience is
    /// exponentially distributed with a mean of 60 s.
    pub abandon_rate: f64,
}

impl Default for Traffic {
    fn default() -> Self {
        Traffic {
            calls_per_hour: 360.0,
            handle_time_s: 180.0,
            wrap_up_s: 15.0,
            abandon_rate: 0.1,
        }
    }
}

/// Why the model refused an admin action.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SimError {
    /// The DNIS is not the trigger of any application.
    #[error("{0:?} is not the trigger number of any application")]
    UnknownRoutePoint(String),
    /// The phone system (CUCM) is down: no call can reach a route point.
    #[error("the phone system is down")]
    PhoneSystemDown,
    /// The application already holds `max_queued` calls.
    #[error("application {app} already holds its maximum of {max} calls")]
    ApplicationFull {
        /// Application ID.
        app: u32,
        /// Its MaxQueued.
        max: u32,
    },
    /// Every CTI port is in use.
    #[error("every CTI port is in use")]
    NoFreePort,
    /// A value does not fit its wire field.
    #[error("{field}: {problem}")]
    InvalidField {
        /// The field.
        field: String,
        /// What is wrong.
        problem: String,
    },
}

/// An agent's live state, for `GET /api/agents`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AgentSnapshot {
    /// Login ID.
    pub login_id: String,
    /// "First Last".
    pub name: String,
    /// Extension.
    pub extension: String,
    /// Instrument.
    pub instrument: String,
    /// "agent" or "supervisor".
    pub kind: config::AgentKind,
    /// Team ID.
    pub team: u32,
    /// State name, e.g. "AGENT_STATE_READY".
    pub state: String,
    /// State value.
    pub state_code: u16,
    /// Reason code of the last change.
    pub reason_code: u16,
    /// When the state was entered (model time).
    pub since_ms: Millis,
    /// CSQ IDs the agent serves.
    pub csqs: Vec<u32>,
    /// Calls on the agent's phone.
    pub calls: Vec<u32>,
    /// A client session drives this agent.
    pub driven: bool,
}

/// A CSQ's live state, for `GET /api/csqs`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CsqSnapshot {
    /// CSQ ID.
    pub id: u32,
    /// Name.
    pub name: String,
    /// Routing policy.
    pub policy: config::RoutingPolicy,
    /// Calls waiting.
    pub queued: u32,
    /// When the oldest waiting call was queued (model time).
    pub oldest_queued_at_ms: Option<Millis>,
    /// Member agents logged in.
    pub logged_in: u32,
    /// Members Ready.
    pub ready: u32,
    /// Members Reserved.
    pub reserved: u32,
    /// Members Talking.
    pub talking: u32,
    /// Members in Work.
    pub work: u32,
    /// Members Not Ready.
    pub not_ready: u32,
    /// Calls answered by an agent.
    pub handled: u64,
    /// Calls answered within the service-level threshold.
    pub handled_within_service_level: u64,
    /// Calls abandoned while queued or ringing.
    pub abandoned: u64,
}

/// A call's live state, for `GET /api/calls`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CallSnapshot {
    /// CallID.
    pub id: u32,
    /// CallType name, e.g. "CALLTYPE_CCX_IN".
    pub call_type: String,
    /// "queued" (waiting in its CSQ), "offered" (routed: ringing at a Reserved agent),
    /// "dialing", "ringing", "held" or "connected".
    pub phase: String,
    /// ANI.
    pub ani: String,
    /// DNIS.
    pub dnis: Option<String>,
    /// Application ID, if the call ran one.
    pub application_id: Option<u32>,
    /// CSQ ID, if the call was queued on one.
    pub csq_id: Option<u32>,
    /// Parties: device, device type and connection state.
    pub parties: Vec<PartySnapshot>,
    /// When the call started (model time).
    pub started_ms: Millis,
}

/// One party of a call.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PartySnapshot {
    /// Device number.
    pub device: String,
    /// DeviceType name.
    pub device_type: String,
    /// LocalConnectionState name.
    pub state: String,
    /// The agent on this device, if any.
    pub agent: Option<String>,
}

/// Serde for ECC variables, which cti-proto keeps serde-free.
mod serde_named_variables {
    use super::*;
    #[derive(Serialize, Deserialize)]
    struct Var {
        name: String,
        value: String,
    }
    pub fn serialize<S: serde::Serializer>(v: &[NamedVariable], s: S) -> Result<S::Ok, S::Error> {
        let vs: Vec<Var> = v
            .iter()
            .map(|v| Var {
                name: v.name.clone().into(),
                value: v.value.clone().into(),
            })
            .collect();
        vs.serialize(s)
    }
    pub fn deserialize<'de, D: serde::Deserializer<'de>>(
        d: D,
    ) -> Result<Vec<NamedVariable>, D::Error> {
        let vs = Vec::<Var>::deserialize(d)?;
        Ok(vs
            .into_iter()
            .map(|v| NamedVariable::new(v.name, v.value))
            .collect())
    }
}

/// Serde for ECC array elements.
mod serde_named_arrays {
    use super::*;
    #[derive(Serialize, Deserialize)]
    struct Elem {
        name: String,
        index: u8,
        value: String,
    }
    pub fn serialize<S: serde::Serializer>(
        v: &[NamedArrayElement],
        s: S,
    ) -> Result<S::Ok, S::Error> {
        let vs: Vec<Elem> = v
            .iter()
            .map(|v| Elem {
                name: v.name.clone().into(),
                index: v.index,
                value: v.value.clone().into(),
            })
            .collect();
        vs.serialize(s)
    }
    pub fn deserialize<'de, D: serde::Deserializer<'de>>(
        d: D,
    ) -> Result<Vec<NamedArrayElement>, D::Error> {
        let vs = Vec::<Elem>::deserialize(d)?;
        Ok(vs
            .into_iter()
            .map(|e| NamedArrayElement {
                index: e.index,
                name: e.name.into(),
                value: e.value.into(),
            })
            .collect())
    }
}
