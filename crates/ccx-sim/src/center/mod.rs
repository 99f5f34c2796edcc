//! The center: runtime state of agents, CSQs and calls, and the entry points the server calls.
//!
//! Layout of the runtime state, chosen so that no event needs a scan over all agents or calls:
//! * agents live in a slab (`Vec`, never shrinking, so indexes held by calls stay valid even
//!   when a configuration change deletes an agent), indexed by login ID and by phone number;
//! * each CSQ keeps its Ready members in an ordered set whose first element is the agent its
//!   routing policy picks, and its waiting calls in a FIFO;
//! * calls are a map by CallID; every call knows its parties and the agents that have been
//!   told about it (BEGIN_CALL_EVENT), every agent the calls on its phone.
//!
//! The submodules split the behaviour: `agents` (agent states), `calls` (call flows and call
//! control), `routing` (queues and agent selection), `configproto` (configuration messages),
//! `traffic` (generator and simulated agents), `events` (message builders), `timers`.

mod agents;
mod calls;
mod configproto;
mod events;
mod routing;
mod timers;
mod traffic;

#[cfg(test)]
mod tests;

use std::collections::{BTreeSet, HashMap, VecDeque};

use cti_proto::codes::{
    AgentState, CallType, CcxErrorCode, ControlFailureCode, DeviceType, LocalConnectionState,
    ReasonCode, StatusCode,
};
use cti_proto::msg::{ControlFailureConf, FailureConf, Message, NamedArrayElement, NamedVariable};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use crate::config::{Agent, Config, Csq};
use crate::{
    AgentRef, AgentSnapshot, Audience, CallSnapshot, CsqSnapshot, Ctx, Event, Millis, NewCall, Out,
    PartySnapshot, SimError, Traffic,
};

use timers::{Timer, Timers};

pub use agents::is_legal_transition;

/// "No CSQ" / "no application" on the wire.
pub(crate) const NONE_ID: u32 = u32::MAX;

/// What an agent asked for while Talking, applied when its calls end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Pending {
    Work,
    NotReady(ReasonCode),
}

/// One agent's runtime state.
#[derive(Clone, Debug)]
pub(crate) struct AgentRt {
    pub(crate) cfg: Agent,
    /// Removed by a configuration change; kept so that indexes stay valid.
    pub(crate) deleted: bool,
    pub(crate) state: AgentState,
    pub(crate) reason: ReasonCode,
    pub(crate) since: Millis,
    /// Bumped on every state change; timers set for an older epoch are stale.
    pub(crate) epoch: u32,
    /// CSQ slab indexes the agent serves, with its rank key in each (see `routing`).
    pub(crate) csqs: Vec<(u32, u32)>,
    /// Calls on the agent's phone.
    pub(crate) calls: Vec<u32>,
    /// Work / Not Ready requested while Talking.
    pub(crate) pending: Option<Pending>,
    /// The state to go back to after a call that was not routed to the agent.
    pub(crate) before_call: AgentState,
    /// The CSQ (slab index) of the routed call the agent is on or just finished.
    pub(crate) acd_csq: Option<u32>,
    /// When set, the agent sits in its CSQs' available sets under this key.
    pub(crate) available_key: Option<(Millis, u64)>,
    /// A client session drives this agent; it is not simulated.
    pub(crate) driven: bool,
}

impl AgentRt {
    fn new(cfg: Agent) -> AgentRt {
        AgentRt {
            cfg,
            deleted: false,
            state: AgentState::AGENT_STATE_LOGOUT,
            reason: ReasonCode(0),
            since: 0,
            epoch: 0,
            csqs: Vec::new(),
            calls: Vec::new(),
            pending: None,
            before_call: AgentState::AGENT_STATE_NOT_READY,
            acd_csq: None,
            available_key: None,
            driven: false,
        }
    }
    pub(crate) fn logged_in(&self) -> bool {
        self.state != AgentState::AGENT_STATE_LOGOUT
    }
}

/// One CSQ's runtime state.
#[derive(Clone, Debug)]
pub(crate) struct CsqRt {
    pub(crate) cfg: Csq,
    pub(crate) deleted: bool,
    /// Waiting calls in arrival order as (CallID, queue ticket); entries whose ticket no
    /// longer matches the call's are stale and skipped.
    pub(crate) queue: VecDeque<(u32, u64)>,
    /// Calls really waiting.
    pub(crate) queued: u32,
    /// Ready members, first = the one the policy picks: (rank, ready since, tiebreak, agent).
    pub(crate) available: BTreeSet<(u32, Millis, u64, u32)>,
    /// Member agents (slab indexes).
    pub(crate) members: Vec<u32>,
    pub(crate) handled: u64,
    pub(crate) handled_in_sl: u64,
    pub(crate) abandoned: u64,
}

impl CsqRt {
    fn new(cfg: Csq) -> CsqRt {
        CsqRt {
            cfg,
            deleted: false,
            queue: VecDeque::new(),
            queued: 0,
            available: BTreeSet::new(),
            members: Vec::new(),
            handled: 0,
            handled_in_sl: 0,
            abandoned: 0,
        }
    }
}

/// One party (connection) of a call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Party {
    pub(crate) device: String,
    pub(crate) dtype: DeviceType,
    pub(crate) lcs: LocalConnectionState,
    /// The logged-in agent on this device.
    pub(crate) agent: Option<u32>,
}

/// Where a call is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Phase {
    /// Waiting in a CSQ for an agent.
    Queued,
    /// Routed: ringing at this agent, who is Reserved.
    Offered { agent: u32 },
    /// Anything else: dialing, ringing at a non-routed device, connected, held.
    Active,
}

/// A call.
#[derive(Clone, Debug)]
pub(crate) struct Call {
    pub(crate) id: u32,
    pub(crate) call_type: CallType,
    /// ApplicationID, or NONE_ID.
    pub(crate) app_id: u32,
    /// CSQ slab index of a routed call.
    pub(crate) csq: Option<u32>,
    pub(crate) ani: String,
    pub(crate) dnis: Option<String>,
    pub(crate) dialed: Option<String>,
    pub(crate) ced: Option<String>,
    pub(crate) vars: [Option<String>; 10],
    pub(crate) wrapup: Option<String>,
    pub(crate) named_vars: Vec<NamedVariable>,
    pub(crate) named_arrays: Vec<NamedArrayElement>,
    pub(crate) parties: Vec<Party>,
    pub(crate) phase: Phase,
    /// Agents told about the call (BEGIN_CALL_EVENT) and not yet released (END_CALL_EVENT).
    pub(crate) assoc: Vec<u32>,
    /// Bumped when the call is answered: timers of the waiting caller (abandon) go stale.
    pub(crate) epoch: u32,
    /// Bumped whenever the call starts or stops ringing somewhere: ring-no-answer and
    /// answer timers go stale.
    pub(crate) ring: u32,
    pub(crate) started: Millis,
    pub(crate) queued_at: Millis,
    pub(crate) ticket: u64,
    /// CTI port (index) holding the caller while in the IVR / queue.
    pub(crate) port: Option<u32>,
    /// The call counts against this application's MaxQueued.
    pub(crate) app_slot: Option<u32>,
    /// The simulated caller hangs up this long after being answered.
    pub(crate) talk_ms: Option<Millis>,
    /// For a consult call: the held call it was made from, and whether it was cancelled
    /// before the consulted agent answered.
    pub(crate) consult_of: Option<u32>,
    /// 3 = business (ACD) call, 10 = non-business.
    pub(crate) line_type: u16,
}

/// The traffic generator's state.
#[derive(Clone, Copy, Debug)]
pub(crate) struct TrafficRt {
    pub(crate) settings: Traffic,
    pub(crate) generation: u32,
}

/// A pool of CTI ports.
#[derive(Clone, Debug, Default)]
pub(crate) struct Ports {
    pub(crate) numbers: Vec<String>,
    pub(crate) free: Vec<u32>,
    pub(crate) busy: Vec<bool>,
}

impl Ports {
    fn new(numbers: &[String]) -> Ports {
        Ports {
            numbers: numbers.to_vec(),
            // Popped from the end: hand out the lowest number first.
            free: (0..numbers.len() as u32).rev().collect(),
            busy: vec![false; numbers.len()],
        }
    }
    pub(crate) fn take(&mut self) -> Option<u32> {
        let p = self.free.pop()?;
        self.busy[p as usize] = true;
        Some(p)
    }
    pub(crate) fn give_back(&mut self, p: u32) {
        if let Some(b) = self.busy.get_mut(p as usize) {
            if *b {
                *b = false;
                self.free.push(p);
            }
        }
    }
}

/// The four configuration keys.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Keys {
    pub(crate) application: u64,
    pub(crate) csq: u64,
    pub(crate) agent: u64,
    pub(crate) device: u64,
}

/// The simulated contact center. See the crate documentation.
#[derive(Debug)]
pub struct Center {
    pub(crate) config: Config,
    pub(crate) rng: ChaCha8Rng,
    pub(crate) phone_up: bool,
    pub(crate) agents: Vec<AgentRt>,
    pub(crate) agent_by_login: HashMap<String, u32>,
    /// Extensions and instruments → agent.
    pub(crate) agent_by_device: HashMap<String, u32>,
    pub(crate) csqs: Vec<CsqRt>,
    pub(crate) csq_by_id: HashMap<u32, u32>,
    /// Trigger number → index into `config.applications`.
    pub(crate) app_by_trigger: HashMap<String, usize>,
    /// Application ID → calls it holds.
    pub(crate) app_load: HashMap<u32, u32>,
    pub(crate) ports: Ports,
    pub(crate) port_by_number: HashMap<String, u32>,
    pub(crate) calls: HashMap<u32, Call>,
    pub(crate) next_call_id: u32,
    pub(crate) timers: Timers,
    pub(crate) traffic: Option<TrafficRt>,
    /// Generations of the traffic generator so far: a restarted generator never matches the
    /// arrival timers of an earlier one.
    pub(crate) traffic_generations: u32,
    pub(crate) keys: Keys,
    pub(crate) tiebreak: u64,
}

/// Shorthand for pushing an event.
pub(crate) fn emit(out: &mut Vec<Out>, msg: impl Into<Message>, audience: Audience) {
    out.push(Out::Event(Event {
        msg: msg.into(),
        audience,
    }));
}

/// Shorthand for pushing a reply.
pub(crate) fn reply(out: &mut Vec<Out>, msg: impl Into<Message>) {
    out.push(Out::Reply(msg.into()));
}

/// FAILURE_CONF with a status and an explanation.
pub(crate) fn failure(out: &mut Vec<Out>, invoke_id: u32, status: StatusCode, text: String) {
    reply(
        out,
        FailureConf {
            invoke_id,
            status,
            text: Some(clip(text, 254).into()),
            ..Default::default()
        },
    );
}

/// CONTROL_FAILURE_CONF with a CF code, a UCCX error code and an explanation.
pub(crate) fn control_failure(
    out: &mut Vec<Out>,
    invoke_id: u32,
    code: ControlFailureCode,
    ccx: CcxErrorCode,
    text: String,
) {
    reply(
        out,
        ControlFailureConf {
            invoke_id,
            failure_code: code,
            ccx_error_code: ccx,
            text: Some(clip(text, 254).into()),
            ..Default::default()
        },
    );
}

/// The string when present and not empty.
pub(crate) fn given(v: Option<&str>) -> Option<&str> {
    v.filter(|s| !s.is_empty())
}

/// The string when present and not empty.
pub(crate) fn given_s(v: &Option<cti_proto::msg::Text>) -> Option<&str> {
    v.as_deref().filter(|s| !s.is_empty())
}

/// Cut a string to at most `max` bytes on a character boundary.
pub(crate) fn clip(mut s: String, max: usize) -> String {
    if s.len() > max {
        let mut n = max;
        while !s.is_char_boundary(n) {
            n -= 1;
        }
        s.truncate(n);
    }
    s
}

impl Center {
    /// A center running `config` (which should have passed [`Config::validate`]; an invalid
    /// one is used as well as it can be), with every agent logged out and the phone system up.
    /// `seed` drives every random choice (traffic, simulated agents).
    pub fn new(config: Config, seed: u64) -> Center {
        let mut c = Center {
            config: Config {
                center: config.center.clone(),
                devices: config.devices.clone(),
                applications: Vec::new(),
                csqs: Vec::new(),
                teams: Vec::new(),
                agents: Vec::new(),
                reason_codes: Vec::new(),
            },
            rng: ChaCha8Rng::seed_from_u64(seed),
            phone_up: true,
            agents: Vec::new(),
            agent_by_login: HashMap::new(),
            agent_by_device: HashMap::new(),
            csqs: Vec::new(),
            csq_by_id: HashMap::new(),
            app_by_trigger: HashMap::new(),
            app_load: HashMap::new(),
            ports: Ports::default(),
            port_by_number: HashMap::new(),
            calls: HashMap::new(),
            next_call_id: config.center.first_call_id.max(1),
            timers: Timers::default(),
            traffic: None,
            traffic_generations: 0,
            keys: Keys::default(),
            tiebreak: 0,
        };
        let mut ignored = Vec::new();
        c.install_config(0, config, &mut ignored);
        c
    }

    /// The configuration in force.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// OPEN_REQ agent-mode check: at least one identifier given, and every given one belongs
    /// to the same configured agent. `Err(E_CTI_INVALID_AGENT_DATA)` otherwise.
    pub fn lookup_agent(
        &self,
        agent_id: Option<&str>,
        extension: Option<&str>,
        instrument: Option<&str>,
    ) -> Result<AgentRef, StatusCode> {
        let a = self
            .find_agent(agent_id, extension, instrument)
            .ok_or(StatusCode::E_CTI_INVALID_AGENT_DATA)?;
        let ag = &self.agents[a as usize];
        Ok(AgentRef {
            login_id: ag.cfg.login_id.clone(),
            extension: ag.cfg.extension.clone(),
            instrument: ag.cfg.instrument().to_owned(),
            state: ag.state,
            supervisor: ag.cfg.kind == crate::config::AgentKind::Supervisor,
        })
    }

    /// The agent's current state (LOGOUT when not logged in), or None for an unknown login.
    pub fn agent_state(&self, login_id: &str) -> Option<AgentState> {
        self.agent_by_login
            .get(login_id)
            .map(|&a| self.agents[a as usize].state)
    }

    /// Find the agent the given identifiers all name (empty strings count as absent).
    pub(crate) fn find_agent(
        &self,
        agent_id: Option<&str>,
        extension: Option<&str>,
        instrument: Option<&str>,
    ) -> Option<u32> {
        let mut found: Option<u32> = None;
        let mut agree = |a: Option<u32>| -> bool {
            match (a, found) {
                (None, _) => false,
                (Some(a), None) => {
                    found = Some(a);
                    true
                }
                (Some(a), Some(f)) => a == f,
            }
        };
        if let Some(id) = given(agent_id) {
            if !agree(self.agent_by_login.get(id).copied()) {
                return None;
            }
        }
        if let Some(ext) = given(extension) {
            let a = self
                .agent_by_device
                .get(ext)
                .copied()
                .filter(|&a| self.agents[a as usize].cfg.extension == ext);
            if !agree(a) {
                return None;
            }
        }
        if let Some(ins) = given(instrument) {
            if !agree(self.agent_by_device.get(ins).copied()) {
                return None;
            }
        }
        found
    }

    /// Handle any client request other than OPEN / HEARTBEAT / CLOSE. Returns the reply (the
    /// CONF, or FAILURE_CONF / CONTROL_FAILURE_CONF with the right code) and the events it
    /// causes, in the order they happen.
    pub fn request(&mut self, now: Millis, ctx: &Ctx, msg: &Message) -> Vec<Out> {
        let mut out = Vec::new();
        match msg {
            Message::SetAgentStateReq(m) => self.set_agent_state(now, ctx, m, &mut out),
            Message::QueryAgentStateReq(m) => self.query_agent_state(ctx, m, &mut out),
            Message::ConfigRequestKeyEvent(_) => self.config_request_key(ctx, &mut out),
            Message::ConfigRequestEvent(m) => self.config_request(ctx, m, &mut out),
            Message::TeamConfigReq(m) => self.team_config_request(ctx, m, &mut out),
            Message::QueryQueueStatisticsReq(m) => self.query_queue_statistics(now, m, &mut out),
            Message::QueryAgentQueueStatisticsReq(m) => {
                self.query_agent_queue_statistics(now, m, &mut out)
            }
            Message::QuerySummaryStatisticsReq(m) => {
                self.query_summary_statistics(now, m, &mut out)
            }
            _ => self.call_request(now, ctx, msg, &mut out),
        }
        out
    }

    /// Fire every timer due at or before `now`.
    pub fn tick(&mut self, now: Millis) -> Vec<Out> {
        let mut out = Vec::new();
        while let Some((at, t)) = self.timers.pop_due(now) {
            // Handlers see the time the timer was due, so that a late tick produces exactly
            // what a punctual one would have.
            self.fire(at, t, &mut out);
        }
        out
    }

    /// When [`Center::tick`] next has something to do.
    pub fn next_deadline(&self) -> Option<Millis> {
        self.timers.next()
    }

    fn fire(&mut self, now: Millis, t: Timer, out: &mut Vec<Out>) {
        match t {
            Timer::RingNoAnswer { call, epoch } => self.on_ring_no_answer(now, call, epoch, out),
            Timer::WrapUp { agent, epoch } => self.on_wrap_up_end(now, agent, epoch, out),
            Timer::Arrival { generation } => self.on_arrival(now, generation, out),
            Timer::Abandon { call, epoch } => self.on_abandon(now, call, epoch, out),
            Timer::CallerHangup { call, epoch } => self.on_caller_hangup(now, call, epoch, out),
            Timer::OutsideAnswer { call, epoch } => self.on_outside_answer(now, call, epoch, out),
            Timer::SimAnswer { call, agent, epoch } => {
                self.on_sim_answer(now, call, agent, epoch, out)
            }
            Timer::SimAgent { agent, epoch } => self.on_sim_agent(now, agent, epoch, out),
        }
    }

    /// Take the phone system (CUCM) down or bring it back (`/api/faults/cucm-down|up`).
    /// While it is down call control answers E_CTI_JTAPI_CCM_PROBLEM, no call arrives and
    /// logged-in agents are Not Ready (AGT_PHONE_DOWN); when it returns they stay Not Ready
    /// with reason AGT_PHONE_UP.
    pub fn set_phone_system_up(&mut self, now: Millis, up: bool) -> Vec<Out> {
        let mut out = Vec::new();
        if self.phone_up == up {
            return out;
        }
        self.phone_up = up;
        let reason = if up {
            ReasonCode::AGT_PHONE_UP
        } else {
            ReasonCode::AGT_PHONE_DOWN
        };
        for a in 0..self.agents.len() as u32 {
            let ag = &self.agents[a as usize];
            if ag.deleted || !ag.logged_in() {
                continue;
            }
            if !up && ag.state == AgentState::AGENT_STATE_RESERVED {
                self.withdraw_offer(now, a, AgentState::AGENT_STATE_NOT_READY, reason, &mut out);
                continue;
            }
            match ag.state {
                AgentState::AGENT_STATE_TALKING => {
                    self.agents[a as usize].pending = Some(Pending::NotReady(reason));
                }
                _ => self.set_state(now, a, AgentState::AGENT_STATE_NOT_READY, reason, &mut out),
            }
            if up {
                self.sim_schedule(now, a);
            }
        }
        out
    }

    /// Whether the phone system is up.
    pub fn phone_system_up(&self) -> bool {
        self.phone_up
    }

    /// Put a new configuration in force while running. Emits the configuration update blocks
    /// (Audience::Config), TEAM_CONFIG_EVENTs (Audience::Team) and the agent-state changes it
    /// causes (deleted agents and agents whose extension changed are logged out).
    pub fn replace_config(&mut self, now: Millis, config: Config) -> Vec<Out> {
        let mut out = Vec::new();
        self.install_config(now, config, &mut out);
        out
    }

    /// An inbound call arrives at a route point (`POST /api/calls`). Returns its CallID.
    pub fn inject_call(&mut self, now: Millis, call: NewCall) -> Result<(u32, Vec<Out>), SimError> {
        let mut out = Vec::new();
        let id = self.arrive(now, call, &mut out)?;
        Ok((id, out))
    }

    /// The session went away (closed or dropped). An agent bound to it is logged out with
    /// reason AGT_CONN_DOWN (its calls stay up) and is simulated again if traffic runs.
    pub fn session_ended(&mut self, now: Millis, ctx: &Ctx) -> Vec<Out> {
        let mut out = Vec::new();
        let Some(a) = ctx
            .agent
            .as_deref()
            .and_then(|l| self.agent_by_login.get(l).copied())
        else {
            return out;
        };
        self.agents[a as usize].driven = false;
        if self.agents[a as usize].logged_in() {
            self.logout(now, a, ReasonCode::AGT_CONN_DOWN, &mut out);
        }
        self.sim_schedule(now, a);
        out
    }

    /// Mark an agent as driven by a client session (not simulated) or not.
    pub fn set_driven(&mut self, login_id: &str, driven: bool) {
        if let Some(&a) = self.agent_by_login.get(login_id) {
            self.agents[a as usize].driven = driven;
            // Timers already set for a simulated agent become stale.
            self.agents[a as usize].epoch += 1;
        }
    }

    /// Start, change or stop the traffic generator. While it runs, agents that no client
    /// drives are simulated: they log in, answer, talk, wrap up and become Ready again.
    pub fn set_traffic(&mut self, now: Millis, traffic: Option<Traffic>) -> Vec<Out> {
        let mut out = Vec::new();
        self.start_traffic(now, traffic, &mut out);
        out
    }

    /// Live agent states.
    pub fn agents(&self) -> Vec<AgentSnapshot> {
        self.agents
            .iter()
            .filter(|a| !a.deleted)
            .map(|a| AgentSnapshot {
                login_id: a.cfg.login_id.clone(),
                name: format!("{} {}", a.cfg.first_name, a.cfg.last_name),
                extension: a.cfg.extension.clone(),
                instrument: a.cfg.instrument().to_owned(),
                kind: a.cfg.kind,
                team: a.cfg.team,
                state: a.state.name().unwrap_or("UNKNOWN").to_owned(),
                state_code: a.state.0,
                reason_code: a.reason.0,
                since_ms: a.since,
                csqs: a
                    .csqs
                    .iter()
                    .map(|&(q, _)| self.csqs[q as usize].cfg.id)
                    .collect(),
                calls: a.calls.clone(),
                driven: a.driven,
            })
            .collect()
    }

    /// Live CSQ states.
    pub fn csqs(&self) -> Vec<CsqSnapshot> {
        self.csqs
            .iter()
            .enumerate()
            .filter(|(_, q)| !q.deleted)
            .map(|(i, q)| {
                let n = self.csq_counts(i as u32);
                CsqSnapshot {
                    id: q.cfg.id,
                    name: q.cfg.name.clone(),
                    policy: q.cfg.policy,
                    queued: q.queued,
                    oldest_queued_at_ms: self.oldest_queued(i as u32),
                    logged_in: n.logged_in,
                    ready: n.ready,
                    reserved: n.reserved,
                    talking: n.talking,
                    work: n.work,
                    not_ready: n.not_ready,
                    handled: q.handled,
                    handled_within_service_level: q.handled_in_sl,
                    abandoned: q.abandoned,
                }
            })
            .collect()
    }

    /// Live calls, in CallID order.
    pub fn calls(&self) -> Vec<CallSnapshot> {
        let mut ids: Vec<u32> = self.calls.keys().copied().collect();
        ids.sort_unstable();
        ids.iter()
            .map(|id| {
                let c = &self.calls[id];
                CallSnapshot {
                    id: c.id,
                    call_type: c.call_type.name().unwrap_or("UNKNOWN").to_owned(),
                    phase: self.phase_name(c).to_owned(),
                    ani: c.ani.clone(),
                    dnis: c.dnis.clone(),
                    application_id: (c.app_id != NONE_ID).then_some(c.app_id),
                    csq_id: c.csq.map(|q| self.csqs[q as usize].cfg.id),
                    parties: c
                        .parties
                        .iter()
                        .map(|p| PartySnapshot {
                            device: p.device.clone(),
                            device_type: p.dtype.name().unwrap_or("UNKNOWN").to_owned(),
                            state: p.lcs.name().unwrap_or("UNKNOWN").to_owned(),
                            agent: p
                                .agent
                                .map(|a| self.agents[a as usize].cfg.login_id.clone()),
                        })
                        .collect(),
                    started_ms: c.started,
                }
            })
            .collect()
    }

    fn phase_name(&self, c: &Call) -> &'static str {
        match c.phase {
            Phase::Queued => "queued",
            Phase::Offered { .. } => "offered",
            Phase::Active => {
                let any = |s| c.parties.iter().any(|p| p.lcs == s);
                if any(LocalConnectionState::LCS_INITIATE) {
                    "dialing"
                } else if any(LocalConnectionState::LCS_ALERTING) {
                    "ringing"
                } else if any(LocalConnectionState::LCS_HOLD) {
                    "held"
                } else {
                    "connected"
                }
            }
        }
    }

    /// The login ID of agent `a`.
    pub(crate) fn login(&self, a: u32) -> String {
        self.agents[a as usize].cfg.login_id.clone()
    }
}
