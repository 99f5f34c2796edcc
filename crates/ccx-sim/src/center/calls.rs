//! Calls: arrival at a route point, the application and its queue, offering to agents, ring
//! no answer and abandons, and every call-control request of the guide.
//!
//! Event sequences follow 07-call-events §8. Most of those sequences are marked inferred in the
//! digest; where they are, the order here is the UCCE/CSTA one (a device's BEGIN_CALL_EVENT
//! before any other event of the call; DELIVERED, then DIVERTED out of the queue; CONNECTION_
//! CLEARED before CALL_CLEARED before END_CALL; agent-state changes after the call events that
//! cause them, except RESERVED, which precedes the delivery as in §8.1).
//!
//! Who hears what: every call event goes to the bridge sessions and to the agents associated
//! with the call (`Call::assoc`, those sent BEGIN_CALL_EVENT). An agent joining a call that is
//! already known gets its own BEGIN_CALL_EVENT (Audience::AgentsOnly), and one leaving a call
//! that goes on gets its own END_CALL_EVENT; the final END_CALL_EVENT goes to everyone at once.
//! So every session sees exactly one BEGIN and one END per call.

use cti_proto::codes::{
    AgentState, CallType, CcxErrorCode as CCX, ConnectionDeviceType, ControlFailureCode as CF,
    DeviceType, EventCause, LocalConnectionState as LCS, ReasonCode, ServiceMask, StatusCode,
};
use cti_proto::msg::*;
use rand::Rng;

use super::events::nobody;
use super::timers::Timer;
use super::{
    control_failure, emit, failure, given, given_s, reply, Call, Center, Party, Phase, NONE_ID,
};
use crate::{Audience, Ctx, Millis, NewCall, Out, SimError};

/// Most parties on one call (NumParties / NumCallDevices max 16).
const MAX_PARTIES: usize = 16;
/// ECC bytes one message may carry (names, values, NULs and array indexes).
const ECC_LIMIT: usize = 2000;

/// Why a request fails: a FAILURE_CONF status or a CONTROL_FAILURE_CONF code.
#[derive(Debug)]
pub(crate) enum Fail {
    Status(StatusCode, String),
    Control(CF, CCX, String),
}

impl Fail {
    fn send(self, out: &mut Vec<Out>, invoke_id: u32) {
        match self {
            Fail::Status(s, t) => failure(out, invoke_id, s, t),
            Fail::Control(c, x, t) => control_failure(out, invoke_id, c, x, t),
        }
    }
}

fn incompatible(text: String) -> Fail {
    Fail::Control(
        CF::CF_REQUEST_INCOMPATIBLE_WITH_OBJECT,
        CCX::CCX_DEFAULT_ERROR_CODE,
        text,
    )
}

fn bad_call(id: u32) -> Fail {
    Fail::Status(
        StatusCode::E_CTI_INVALID_CALLID,
        format!("call {id} does not exist"),
    )
}

fn no_connection(id: u32, dev: &str) -> Fail {
    Fail::Control(
        CF::CF_INVALID_CSTA_CONNECTION_ID,
        CCX::CCX_TERMINAL_CONNECTION_NULL,
        format!("device {dev:?} has no connection on call {id}"),
    )
}

/// Where a dialed number leads.
#[derive(Clone, Debug)]
enum Dest {
    /// An agent's phone.
    Agent(u32),
    /// An application trigger (index into the configured applications).
    Trigger(usize, String),
    /// Anything else: an unmonitored phone that answers after `outside_answer_s`.
    Outside(String),
}

/// Context a new call starts with (copied from the consulted call, then overridden).
#[derive(Clone, Debug, Default)]
struct Context {
    ani: Option<String>,
    dnis: Option<String>,
    ced: Option<String>,
    vars: [Option<String>; 10],
    wrapup: Option<String>,
    named_vars: Vec<NamedVariable>,
    named_arrays: Vec<NamedArrayElement>,
    csq: Option<u32>,
}

fn ecc_bytes(vars: &[NamedVariable], arrays: &[NamedArrayElement]) -> usize {
    vars.iter()
        .map(|v| v.name.len() + v.value.len() + 2)
        .sum::<usize>()
        + arrays
            .iter()
            .map(|v| v.name.len() + v.value.len() + 3)
            .sum::<usize>()
}

fn check_len(field: &str, v: &Option<String>, max: usize) -> Result<(), String> {
    match v {
        Some(s) if s.len() > max => Err(format!("{field} is {} bytes; at most {max} fit", s.len())),
        Some(s) if s.contains('\0') => Err(format!("{field} contains a NUL byte")),
        _ => Ok(()),
    }
}

fn check_ecc(vars: &[NamedVariable], arrays: &[NamedArrayElement]) -> Result<(), String> {
    for v in vars {
        if v.name.is_empty() || v.name.len() > 32 || v.value.len() > 210 {
            return Err(format!(
                "ECC variable {:?}: names take 1..=32 bytes, values at most 210",
                v.name
            ));
        }
    }
    for v in arrays {
        if v.name.is_empty() || v.name.len() > 32 || v.value.len() > 210 {
            return Err(format!(
                "ECC array {:?}[{}]: names take 1..=32 bytes, values at most 210",
                v.name, v.index
            ));
        }
    }
    let n = ecc_bytes(vars, arrays);
    if n > ECC_LIMIT {
        return Err(format!(
            "ECC data takes {n} bytes; a message carries at most {ECC_LIMIT}"
        ));
    }
    Ok(())
}

fn dialable(s: &str) -> bool {
    let body = s.strip_prefix('+').unwrap_or(s);
    !body.is_empty()
        && body.len() <= 39
        && body
            .chars()
            .all(|c| c.is_ascii_digit() || c == '*' || c == '#')
}

/// Set or clear one ECC variable (a value of one space clears, as for call variables).
fn merge_var(list: &mut Vec<NamedVariable>, v: &NamedVariable) -> bool {
    let pos = list.iter().position(|x| x.name == v.name);
    merge_entry(list, pos, v, &v.value, |x| &mut x.value)
}

/// Set or clear one ECC array element, matched by name and index.
fn merge_array(list: &mut Vec<NamedArrayElement>, v: &NamedArrayElement) -> bool {
    let pos = list
        .iter()
        .position(|x| x.name == v.name && x.index == v.index);
    merge_entry(list, pos, v, &v.value, |x| &mut x.value)
}

/// Apply one ECC entry whose match in `list` is at `pos`: an empty value leaves it, one space
/// clears it, anything else sets it. True when something changed.
fn merge_entry<T: Clone>(
    list: &mut Vec<T>,
    pos: Option<usize>,
    new: &T,
    value: &str,
    value_of: fn(&mut T) -> &mut cti_proto::msg::Text,
) -> bool {
    match (pos, value) {
        (_, "") | (None, " ") => false,
        (Some(i), " ") => {
            list.remove(i);
            true
        }
        (Some(i), val) => {
            let cur = value_of(&mut list[i]);
            if cur.as_str() == val {
                false
            } else {
                *cur = val.into();
                true
            }
        }
        (None, _) => {
            list.push(new.clone());
            true
        }
    }
}

/// Apply a SET_CALL_DATA value: empty = unchanged, one space = clear. Returns the value to
/// report when it changed.
fn merge_field(
    slot: &mut Option<String>,
    new: &Option<cti_proto::msg::Text>,
) -> Option<cti_proto::msg::Text> {
    match new.as_deref() {
        None | Some("") => None,
        Some(" ") => {
            if slot.is_some() {
                *slot = None;
                Some(" ".into())
            } else {
                None
            }
        }
        Some(v) => {
            if slot.as_deref() == Some(v) {
                None
            } else {
                *slot = Some(v.to_owned());
                Some(v.into())
            }
        }
    }
}

impl Center {
    // ----- devices, parties and audiences -----

    fn new_call_id(&mut self) -> u32 {
        loop {
            let id = self.next_call_id;
            self.next_call_id = match id.wrapping_add(1) {
                0 | u32::MAX => 1,
                n => n,
            };
            if id != 0 && id != NONE_ID && !self.calls.contains_key(&id) {
                return id;
            }
        }
    }

    pub(crate) fn agent_party(&self, a: u32, lcs: LCS) -> Party {
        Party {
            device: self.agents[a as usize].cfg.extension.clone(),
            dtype: DeviceType::DEVID_AGENT_DEVICE,
            lcs,
            agent: Some(a),
        }
    }

    fn route_point_party(number: &str) -> Party {
        Party {
            device: number.to_owned(),
            dtype: DeviceType::DEVID_ROUTE_POINT,
            lcs: LCS::LCS_CONNECT,
            agent: None,
        }
    }

    fn outside_party(number: &str, lcs: LCS) -> Party {
        Party {
            device: number.to_owned(),
            dtype: DeviceType::DEVID_DEVICE_IDENTIFIER,
            lcs,
            agent: None,
        }
    }

    /// The party holding a call in the IVR / queue: its CTI port, or the route point when no
    /// port is configured.
    fn holder_party(&self, c: &Call) -> Party {
        match c.port {
            Some(p) => Party {
                device: self.ports.numbers[p as usize].clone(),
                dtype: DeviceType::DEVID_CTI_PORT,
                lcs: LCS::LCS_CONNECT,
                agent: None,
            },
            None => Self::route_point_party(c.dnis.as_deref().unwrap_or("")),
        }
    }

    /// A device ID as clients may write it: "primary.actual" (v14) counts by its actual part,
    /// and an agent's instrument stands for its phone, which events name by extension.
    pub(crate) fn normalize(&self, dev: &str) -> String {
        let actual = dev.rsplit('.').next().unwrap_or(dev);
        match self.agent_by_device.get(actual) {
            Some(&a) => self.agents[a as usize].cfg.extension.clone(),
            None => actual.to_owned(),
        }
    }

    fn logins(&self, agents: &[u32]) -> Vec<String> {
        agents.iter().map(|&a| self.login(a)).collect()
    }

    /// Bridge sessions and the agents associated with the call.
    pub(crate) fn aud(&self, id: u32) -> Audience {
        match self.calls.get(&id) {
            Some(c) => Audience::Agents(self.logins(&c.assoc)),
            None => Audience::Agents(Vec::new()),
        }
    }

    fn call(&self, id: u32) -> &Call {
        &self.calls[&id]
    }

    fn call_mut(&mut self, id: u32) -> &mut Call {
        self.calls.get_mut(&id).expect("call exists")
    }

    /// Agent `a` joins call `id` that the bridge sessions already know: BEGIN_CALL_EVENT for
    /// the agent alone.
    fn join(&mut self, id: u32, a: u32, call_type: CallType, conn: &str, out: &mut Vec<Out>) {
        if self.call(id).assoc.contains(&a) {
            return;
        }
        self.call_mut(id).assoc.push(a);
        let ev = self.ev_begin(self.call(id), call_type, conn);
        emit(out, ev, Audience::AgentsOnly(vec![self.login(a)]));
    }

    /// Agent `a` leaves call `id`, which goes on: END_CALL_EVENT for the agent alone.
    fn leave(&mut self, id: u32, a: u32, conn: &str, out: &mut Vec<Out>) {
        let c = self.call_mut(id);
        let Some(i) = c.assoc.iter().position(|&x| x == a) else {
            return;
        };
        c.assoc.remove(i);
        let ev = self.ev_end(id, conn);
        emit(out, ev, Audience::AgentsOnly(vec![self.login(a)]));
    }

    fn attach(&mut self, now: Millis, id: u32, a: u32) {
        let ag = &mut self.agents[a as usize];
        if !ag.calls.contains(&id) {
            ag.calls.push(id);
        }
        self.refresh_availability(now, a);
    }

    fn detach(&mut self, id: u32, a: u32) {
        self.agents[a as usize].calls.retain(|&c| c != id);
    }

    fn line_full(&self, a: u32) -> bool {
        self.agents[a as usize].calls.len() >= self.config.center.max_calls_per_device as usize
    }

    pub(crate) fn is_simulated(&self, a: u32) -> bool {
        let ag = &self.agents[a as usize];
        self.traffic.is_some() && !ag.driven && !ag.deleted
    }

    fn sim_answer_later(&mut self, now: Millis, id: u32, a: u32) {
        if self.is_simulated(a) {
            let delay = self.rng.gen_range(1000..=3000);
            let ring = self.call(id).ring;
            self.timers.set(
                now + delay,
                Timer::SimAnswer {
                    call: id,
                    agent: a,
                    epoch: ring,
                },
            );
        }
    }

    fn resolve(&self, number: &str) -> Dest {
        let actual = number.rsplit('.').next().unwrap_or(number);
        // An agent's phone is the agent's device whether or not the agent is logged in: it
        // rings all the same, and its calls must be the agent's when the agent logs in.
        if let Some(&a) = self.agent_by_device.get(actual) {
            if !self.agents[a as usize].deleted {
                return Dest::Agent(a);
            }
        }
        if let Some(&i) = self.app_by_trigger.get(actual) {
            return Dest::Trigger(i, actual.to_owned());
        }
        Dest::Outside(actual.to_owned())
    }

    // ----- inbound calls -----

    pub(crate) fn arrive(
        &mut self,
        now: Millis,
        nc: NewCall,
        out: &mut Vec<Out>,
    ) -> Result<u32, SimError> {
        let field = |field: &str, problem: String| SimError::InvalidField {
            field: field.into(),
            problem,
        };
        if !self.phone_up {
            return Err(SimError::PhoneSystemDown);
        }
        let Some(&app_idx) = self.app_by_trigger.get(&nc.dnis) else {
            return Err(SimError::UnknownRoutePoint(nc.dnis));
        };
        if nc.ani.len() > 39 || nc.ani.contains('\0') {
            return Err(field("ani", "at most 39 bytes, no NUL".into()));
        }
        for (i, v) in nc.call_variables.iter().enumerate() {
            check_len(&format!("call_variables[{i}]"), v, 39)
                .map_err(|p| field("call_variables", p))?;
        }
        check_len("caller_entered_digits", &nc.caller_entered_digits, 39)
            .map_err(|p| field("caller_entered_digits", p))?;
        check_ecc(&nc.ecc, &nc.ecc_arrays).map_err(|p| field("ecc", p))?;
        self.check_capacity(app_idx)?;

        let id = self.new_call_id();
        let mut c = Call {
            id,
            call_type: CallType::CALLTYPE_CCX_IN,
            app_id: NONE_ID,
            csq: None,
            ani: nc.ani.clone(),
            dnis: Some(nc.dnis.clone()),
            dialed: Some(nc.dnis.clone()),
            ced: nc.caller_entered_digits.clone().filter(|s| !s.is_empty()),
            vars: nc.call_variables.clone(),
            wrapup: None,
            named_vars: nc.ecc.clone(),
            named_arrays: nc.ecc_arrays.clone(),
            parties: vec![Self::outside_party(
                if nc.ani.is_empty() {
                    "unknown"
                } else {
                    &nc.ani
                },
                LCS::LCS_CONNECT,
            )],
            phase: Phase::Active,
            assoc: Vec::new(),
            epoch: 0,
            ring: 0,
            started: now,
            queued_at: now,
            ticket: 0,
            port: None,
            app_slot: None,
            talk_ms: nc.talk_s.map(|s| s as Millis * 1000),
            consult_of: None,
            line_type: 3,
        };
        for v in c.vars.iter_mut() {
            if v.as_deref() == Some("") {
                *v = None;
            }
        }
        let conn = c.parties[0].device.clone();
        let begin = self.ev_begin(&c, c.call_type, &conn);
        self.calls.insert(id, c);
        emit(out, begin, Audience::Agents(Vec::new()));
        self.start_application(now, id, app_idx, &nc.dnis, out);
        if let Some(p) = nc.patience_s {
            let epoch = self.call(id).epoch;
            if self
                .calls
                .get(&id)
                .is_some_and(|c| c.phase != Phase::Active)
            {
                self.timers
                    .set(now + p as Millis * 1000, Timer::Abandon { call: id, epoch });
            }
        }
        Ok(id)
    }

    /// Whether application `app_idx` can take one more call.
    fn check_capacity(&self, app_idx: usize) -> Result<(), SimError> {
        let app = &self.config.applications[app_idx];
        let load = self.app_load.get(&app.id).copied().unwrap_or(0);
        if load >= app.max_queued {
            return Err(SimError::ApplicationFull {
                app: app.id,
                max: app.max_queued,
            });
        }
        if !self.ports.numbers.is_empty() && self.ports.free.is_empty() {
            return Err(SimError::NoFreePort);
        }
        Ok(())
    }

    /// The call reaches route point `trigger`: the application answers it on a CTI port and
    /// queues it on its CSQ (capacity checked by the caller).
    fn start_application(
        &mut self,
        now: Millis,
        id: u32,
        app_idx: usize,
        trigger: &str,
        out: &mut Vec<Out>,
    ) {
        let app = self.config.applications[app_idx].clone();
        *self.app_load.entry(app.id).or_insert(0) += 1;
        let port = self.ports.take();
        let q = self
            .csq_by_id
            .get(&app.csq_for(self.call(id).ced.as_deref()))
            .copied();
        {
            let c = self.call_mut(id);
            c.app_id = app.id;
            c.app_slot = Some(app.id);
            c.port = port;
            c.csq = q;
            c.dnis = Some(trigger.to_owned());
            c.line_type = 3;
        }
        let mut rp = Self::route_point_party(trigger);
        rp.lcs = LCS::LCS_ALERTING;
        let ev = self.ev_delivered(self.call(id), &rp, &rp, &nobody(), EventCause::CEC_NEW_CALL);
        emit(out, ev, self.aud(id));
        let holder = self.holder_party(self.call(id));
        self.call_mut(id).parties.push(holder.clone());
        let ev = self.ev_established(self.call(id), &holder, &rp, &rp);
        emit(out, ev, self.aud(id));
        if q.is_none() {
            // The CSQ was deleted under the application: nowhere to queue.
            self.clear_party(now, id, 0, EventCause::CEC_NONE, out);
            return;
        }
        self.queue_call(now, id, false, out);
    }

    /// Put the call (back) in its CSQ: CALL_QUEUED_EVENT, then look for an agent.
    fn queue_call(&mut self, now: Millis, id: u32, front: bool, out: &mut Vec<Out>) {
        let holder = self.holder_party(self.call(id));
        if !self
            .call(id)
            .parties
            .iter()
            .any(|p| p.device == holder.device)
        {
            self.call_mut(id).parties.push(holder.clone());
        }
        let Some(q) = self.call(id).csq else {
            return;
        };
        if self.csqs[q as usize].deleted {
            // The CSQ was removed while the call rang at an agent: nowhere to wait.
            self.clear_party(now, id, 0, EventCause::CEC_NONE, out);
            return;
        }
        let rp = Self::route_point_party(self.call(id).dnis.as_deref().unwrap_or(""));
        let ev = self.ev_queued(self.call(id), &holder, &rp);
        // Inbound queued calls are for bridge sessions only; an agent's own call waiting for
        // a resource (a consult to a trigger) also goes to that agent.
        let aud = if self.call(id).assoc.is_empty() {
            Audience::Bridge
        } else {
            self.aud(id)
        };
        emit(out, ev, aud);
        self.enqueue(now, id, q, front);
        self.route_call(now, id, out);
    }

    /// Routing picked agent `a` (Ready, in CSQ `q`) for the queued call `id`.
    pub(crate) fn offer(&mut self, now: Millis, id: u32, a: u32, q: u32, out: &mut Vec<Out>) {
        {
            let c = self.call_mut(id);
            c.phase = Phase::Offered { agent: a };
            c.ring += 1;
        }
        self.agents[a as usize].acd_csq = Some(q);
        self.set_state(now, a, AgentState::AGENT_STATE_RESERVED, ReasonCode(0), out);
        let party = self.agent_party(a, LCS::LCS_ALERTING);
        self.call_mut(id).parties.push(party.clone());
        self.attach(now, id, a);
        let conn = Self::caller_of(self.call(id)).device;
        let call_type = self.call(id).call_type;
        self.join(id, a, call_type, &conn, out);
        let holder = self.holder_party(self.call(id));
        let ev = self.ev_delivered(
            self.call(id),
            &party,
            &party,
            &holder,
            EventCause::CEC_NEW_CALL,
        );
        emit(out, ev, self.aud(id));
        let ev = self.ev_diverted(self.call(id), &holder, &party, EventCause::CEC_REDIRECTED);
        emit(out, ev, self.aud(id));
        self.call_mut(id)
            .parties
            .retain(|p| p.device != holder.device);
        let ring = self.call(id).ring;
        self.timers.set(
            now + self.config.center.ring_no_answer_s as Millis * 1000,
            Timer::RingNoAnswer {
                call: id,
                epoch: ring,
            },
        );
        self.sim_answer_later(now, id, a);
    }

    /// Take an offered call back from agent `a` (ring no answer, the agent went Not Ready or
    /// logged out): DIVERTED back to the queue, the agent's END_CALL_EVENT, the agent's new
    /// state, and the call queued again at the head of its CSQ.
    #[allow(clippy::too_many_arguments)]
    fn take_back(
        &mut self,
        now: Millis,
        id: u32,
        a: u32,
        cause: EventCause,
        to: AgentState,
        reason: ReasonCode,
        out: &mut Vec<Out>,
    ) {
        self.call_mut(id).ring += 1;
        let Some(i) = self
            .call(id)
            .parties
            .iter()
            .position(|p| p.agent == Some(a))
        else {
            return;
        };
        let party = self.call_mut(id).parties.remove(i);
        self.detach(id, a);
        let q = self.call(id).csq.expect("offered calls have a CSQ");
        let queue = Party {
            device: self.csqs[q as usize].cfg.id.to_string(),
            dtype: DeviceType::DEVID_QUEUE,
            lcs: LCS::LCS_QUEUED,
            agent: None,
        };
        let ev = self.ev_diverted(self.call(id), &party, &queue, cause);
        emit(out, ev, self.aud(id));
        self.leave(id, a, &party.device, out);
        self.call_mut(id).phase = Phase::Active;
        if self.agents[a as usize].state == AgentState::AGENT_STATE_RESERVED {
            self.set_state(now, a, to, reason, out);
        }
        self.queue_call(now, id, true, out);
    }

    /// Agent `a`, Reserved, stops being offered its call and goes to `to` (Not Ready or
    /// Logout) with `reason`.
    pub(crate) fn withdraw_offer(
        &mut self,
        now: Millis,
        a: u32,
        to: AgentState,
        reason: ReasonCode,
        out: &mut Vec<Out>,
    ) {
        let offered = self.agents[a as usize].calls.iter().copied().find(|id| {
            self.calls
                .get(id)
                .is_some_and(|c| c.phase == Phase::Offered { agent: a })
        });
        match offered {
            Some(id) => self.take_back(now, id, a, EventCause::CEC_REDIRECTED, to, reason, out),
            None => {
                if self.agents[a as usize].state == AgentState::AGENT_STATE_RESERVED {
                    self.set_state(now, a, to, reason, out);
                }
            }
        }
    }

    pub(crate) fn on_ring_no_answer(
        &mut self,
        now: Millis,
        id: u32,
        ring: u32,
        out: &mut Vec<Out>,
    ) {
        let Some(c) = self.calls.get(&id) else {
            return;
        };
        let Phase::Offered { agent } = c.phase else {
            return;
        };
        if c.ring != ring {
            return;
        }
        self.take_back(
            now,
            id,
            agent,
            EventCause::CEC_CALL_NOT_ANSWERED,
            AgentState::AGENT_STATE_NOT_READY,
            ReasonCode::AGT_RNA,
            out,
        );
    }

    pub(crate) fn on_abandon(&mut self, now: Millis, id: u32, epoch: u32, out: &mut Vec<Out>) {
        let Some(c) = self.calls.get(&id) else {
            return;
        };
        if c.epoch != epoch || c.phase == Phase::Active {
            return;
        }
        if let Some(q) = c.csq {
            self.csqs[q as usize].abandoned += 1;
        }
        self.clear_party(now, id, 0, EventCause::CEC_NONE, out);
    }

    pub(crate) fn on_caller_hangup(
        &mut self,
        now: Millis,
        id: u32,
        epoch: u32,
        out: &mut Vec<Out>,
    ) {
        let Some(c) = self.calls.get(&id) else {
            return;
        };
        if c.epoch != epoch || c.parties.is_empty() || c.parties[0].agent.is_some() {
            return;
        }
        self.clear_party(now, id, 0, EventCause::CEC_NONE, out);
    }

    pub(crate) fn on_outside_answer(
        &mut self,
        now: Millis,
        id: u32,
        ring: u32,
        out: &mut Vec<Out>,
    ) {
        let Some(c) = self.calls.get(&id) else {
            return;
        };
        if c.ring != ring {
            return;
        }
        if let Some(i) = c
            .parties
            .iter()
            .position(|p| p.agent.is_none() && p.lcs == LCS::LCS_ALERTING)
        {
            self.answer(now, id, i, out);
        }
    }

    pub(crate) fn on_sim_answer(
        &mut self,
        now: Millis,
        id: u32,
        a: u32,
        ring: u32,
        out: &mut Vec<Out>,
    ) {
        let Some(c) = self.calls.get(&id) else {
            return;
        };
        if c.ring != ring || !self.is_simulated(a) || !self.phone_up {
            return;
        }
        if self.not_reserved_elsewhere(a, id).is_err() {
            return;
        }
        if let Some(i) = c
            .parties
            .iter()
            .position(|p| p.agent == Some(a) && p.lcs == LCS::LCS_ALERTING)
        {
            self.answer(now, id, i, out);
        }
    }

    /// Party `i`, ringing, answers.
    fn answer(&mut self, now: Millis, id: u32, i: usize, out: &mut Vec<Out>) {
        let routed = matches!(self.call(id).phase, Phase::Offered { agent } if self.call(id).parties[i].agent == Some(agent));
        let port = self.call(id).port;
        {
            let c = self.call_mut(id);
            c.parties[i].lcs = LCS::LCS_CONNECT;
            c.ring += 1;
        }
        let mut last_redirect = nobody();
        if routed {
            last_redirect = self.holder_party(self.call(id));
            let (queued_at, q) = {
                let c = self.call_mut(id);
                c.phase = Phase::Active;
                c.epoch += 1;
                c.port = None;
                (c.queued_at, c.csq)
            };
            if let Some(p) = port {
                self.ports.give_back(p);
            }
            if let Some(q) = q {
                let csq = &mut self.csqs[q as usize];
                csq.handled += 1;
                if now.saturating_sub(queued_at) <= csq.cfg.service_level_s as Millis * 1000 {
                    csq.handled_in_sl += 1;
                }
            }
            if let Some(t) = self.call(id).talk_ms {
                let epoch = self.call(id).epoch;
                self.timers
                    .set(now + t, Timer::CallerHangup { call: id, epoch });
            }
        }
        let party = self.call(id).parties[i].clone();
        let ev = self.ev_established(self.call(id), &party, &party, &last_redirect);
        emit(out, ev, self.aud(id));
        if let Some(a) = party.agent {
            self.agent_engaged(now, a, out);
        }
    }

    /// Party `i` leaves the call. When at most one party is left, the call ends.
    pub(crate) fn clear_party(
        &mut self,
        now: Millis,
        id: u32,
        i: usize,
        cause: EventCause,
        out: &mut Vec<Out>,
    ) {
        let p = self.call(id).parties[i].clone();
        let ev = self.ev_connection_cleared(self.call(id), &p, cause);
        emit(out, ev, self.aud(id));
        self.call_mut(id).parties.remove(i);
        if let Some(a) = p.agent {
            self.detach(id, a);
        }
        if self.call(id).parties.len() <= 1 {
            self.finish_call(now, id, cause, &p.device, out);
            if let Some(a) = p.agent {
                self.agent_calls_ended(now, a, out);
            }
            return;
        }
        if let Some(a) = p.agent {
            self.leave(id, a, &p.device, out);
            self.agent_calls_ended(now, a, out);
        }
    }

    /// The call ends: CALL_CLEARED_EVENT, END_CALL_EVENT for everyone associated, resources
    /// released, and the remaining agents' states moved on.
    fn finish_call(
        &mut self,
        now: Millis,
        id: u32,
        cause: EventCause,
        conn: &str,
        out: &mut Vec<Out>,
    ) {
        let aud = self.aud(id);
        let ev = self.ev_cleared(self.call(id), conn, cause);
        emit(out, ev, aud.clone());
        emit(out, self.ev_end(id, conn), aud);
        self.dequeue(id);
        let c = self.calls.remove(&id).expect("call exists");
        if let Some(p) = c.port {
            self.ports.give_back(p);
        }
        if let Some(app) = c.app_slot {
            if let Some(n) = self.app_load.get_mut(&app) {
                *n = n.saturating_sub(1);
            }
        }
        let offered = match c.phase {
            Phase::Offered { agent } => Some(agent),
            _ => None,
        };
        let mut ringing_consulted = Vec::new();
        for p in &c.parties {
            if let Some(a) = p.agent {
                self.detach(id, a);
                if c.consult_of.is_some() && p.lcs == LCS::LCS_ALERTING {
                    ringing_consulted.push(a);
                }
            }
        }
        if let Some(a) = offered {
            self.detach(id, a);
            if self.agents[a as usize].state == AgentState::AGENT_STATE_RESERVED {
                let to = if self.phone_up {
                    AgentState::AGENT_STATE_READY
                } else {
                    AgentState::AGENT_STATE_NOT_READY
                };
                self.set_state(now, a, to, ReasonCode(0), out);
            }
        }
        for p in &c.parties {
            if let Some(a) = p.agent {
                if Some(a) != offered {
                    self.agent_calls_ended(now, a, out);
                }
            }
        }
        for a in ringing_consulted {
            // "Consulted agent put to Not Ready by consult cancel" (AGT_CANCEL_CONSULT).
            if self.agents[a as usize].state == AgentState::AGENT_STATE_READY {
                self.set_state(
                    now,
                    a,
                    AgentState::AGENT_STATE_NOT_READY,
                    ReasonCode::AGT_CANCEL_CONSULT,
                    out,
                );
            }
        }
    }

    /// The CSQ at slab index `q` was deleted: its waiting callers are disconnected.
    pub(crate) fn drop_queued_calls(&mut self, now: Millis, q: u32, out: &mut Vec<Out>) {
        while let Some((id, _)) = self.queue_head(q) {
            self.dequeue(id);
            self.clear_party(now, id, 0, EventCause::CEC_NONE, out);
        }
    }

    // ----- outgoing calls (make call, consult, assistance) -----

    /// Check that agent `a` may dial `dialed`, and where it leads.
    fn plan_dial(&self, a: u32, dialed: &str) -> Result<Dest, Fail> {
        if dialed.is_empty() {
            return Err(Fail::Control(
                CF::CF_INVALID_CALLED_DEVICE,
                CCX::CCX_DIALED_NUMBER_NULL,
                "DialedNumber is empty".into(),
            ));
        }
        if !dialable(dialed.rsplit('.').next().unwrap_or(dialed)) {
            return Err(Fail::Control(
                CF::CF_INVALID_DESTINATION,
                CCX::CCX_INVALID_ARGUMENT,
                format!("{dialed:?} is not a number that can be dialed"),
            ));
        }
        if self.line_full(a) {
            return Err(Fail::Control(
                CF::CF_INVALID_CALLING_DEVICE,
                CCX::CCX_AGENT_DEVICE_BUSY,
                format!(
                    "the phone of {} already carries {} calls",
                    self.login(a),
                    self.config.center.max_calls_per_device
                ),
            ));
        }
        let dest = self.resolve(dialed);
        if let Dest::Agent(t) = dest {
            if t == a {
                return Err(Fail::Control(
                    CF::CF_INVALID_CALLED_DEVICE,
                    CCX::CCX_INVALID_ARGUMENT,
                    "an agent cannot call its own phone".into(),
                ));
            }
        }
        Ok(dest)
    }

    /// Agent `a` places call `id` to `dest`: BEGIN_CALL, SERVICE_INITIATED, ORIGINATED, then
    /// ringing at the destination (DELIVERED for a monitored phone), a failure (busy), or the
    /// application.
    #[allow(clippy::too_many_arguments)]
    fn dial(
        &mut self,
        now: Millis,
        a: u32,
        id: u32,
        dest: Dest,
        dialed: &str,
        call_type: CallType,
        consult_of: Option<u32>,
        ctx: Context,
        out: &mut Vec<Out>,
    ) {
        let me = self.agent_party(a, LCS::LCS_INITIATE);
        let c = Call {
            id,
            call_type,
            app_id: NONE_ID,
            csq: ctx.csq,
            ani: ctx.ani.unwrap_or_else(|| me.device.clone()),
            dnis: ctx.dnis,
            dialed: Some(dialed.to_owned()),
            ced: ctx.ced,
            vars: ctx.vars,
            wrapup: ctx.wrapup,
            named_vars: ctx.named_vars,
            named_arrays: ctx.named_arrays,
            parties: vec![me.clone()],
            phase: Phase::Active,
            assoc: vec![a],
            epoch: 0,
            ring: 0,
            started: now,
            queued_at: now,
            ticket: 0,
            port: None,
            app_slot: None,
            talk_ms: None,
            consult_of,
            line_type: 3,
        };
        let begin = self.ev_begin(&c, call_type, &me.device);
        self.calls.insert(id, c);
        self.attach(now, id, a);
        emit(out, begin, self.aud(id));
        let ev = self.ev_service_initiated(self.call(id), &me);
        emit(out, ev, self.aud(id));
        self.agent_engaged(now, a, out);
        self.call_mut(id).parties[0].lcs = LCS::LCS_CONNECT;
        let me = self.call(id).parties[0].clone();
        match dest {
            Dest::Agent(t) => {
                let called = self.agent_party(t, LCS::LCS_ALERTING);
                let ev = self.ev_originated(self.call(id), &me, &called);
                emit(out, ev, self.aud(id));
                if self.line_full(t) {
                    return self.fail_dial(now, id, &called, out);
                }
                self.call_mut(id).parties.push(called.clone());
                self.attach(now, id, t);
                self.join(id, t, call_type, &me.device, out);
                let ev = self.ev_delivered(
                    self.call(id),
                    &called,
                    &called,
                    &nobody(),
                    EventCause::CEC_NEW_CALL,
                );
                emit(out, ev, self.aud(id));
                self.sim_answer_later(now, id, t);
            }
            Dest::Outside(n) => {
                let called = Self::outside_party(&n, LCS::LCS_ALERTING);
                let ev = self.ev_originated(self.call(id), &me, &called);
                emit(out, ev, self.aud(id));
                if call_type == CallType::CALLTYPE_AGENT_INSIDE {
                    // The call leaves the switch: reclassified OUT (07 §4.5).
                    self.call_mut(id).call_type = CallType::CALLTYPE_OUT;
                    self.call_mut(id).line_type = 10;
                    let ev = self.ev_call_type_update(self.call(id), &me.device);
                    emit(out, ev, self.aud(id));
                }
                self.call_mut(id).parties.push(called);
                let ring = self.call(id).ring;
                self.timers.set(
                    now + self.config.center.outside_answer_s as Millis * 1000,
                    Timer::OutsideAnswer {
                        call: id,
                        epoch: ring,
                    },
                );
            }
            Dest::Trigger(app_idx, trigger) => {
                let mut rp = Self::route_point_party(&trigger);
                rp.lcs = LCS::LCS_ALERTING;
                let ev = self.ev_originated(self.call(id), &me, &rp);
                emit(out, ev, self.aud(id));
                if !self.phone_up || self.check_capacity(app_idx).is_err() {
                    return self.fail_dial(now, id, &rp, out);
                }
                if call_type == CallType::CALLTYPE_AGENT_INSIDE {
                    self.call_mut(id).call_type = CallType::CALLTYPE_CCX_IN;
                }
                self.call_mut(id).csq = None;
                self.start_application(now, id, app_idx, &trigger, out);
            }
        }
    }

    /// The destination is busy: CALL_FAILED_EVENT, and the caller's connection is cleared.
    fn fail_dial(&mut self, now: Millis, id: u32, failing: &Party, out: &mut Vec<Out>) {
        let ev = self.ev_failed(self.call(id), failing, EventCause::CEC_BUSY);
        emit(out, ev, self.aud(id));
        self.clear_party(now, id, 0, EventCause::CEC_BUSY, out);
    }

    /// The context a consult call starts with: the consulted call's, with the request's
    /// values on top.
    fn consult_context(&self, from: &Call, req: &ConsultCallReq) -> Context {
        let mut ctx = Context {
            ani: None,
            dnis: from.dnis.clone(),
            ced: from.ced.clone(),
            vars: from.vars.clone(),
            wrapup: from.wrapup.clone(),
            named_vars: from.named_vars.clone(),
            named_arrays: from.named_arrays.clone(),
            csq: from.csq,
        };
        let overrides = [
            &req.call_variable_1,
            &req.call_variable_2,
            &req.call_variable_3,
            &req.call_variable_4,
            &req.call_variable_5,
            &req.call_variable_6,
            &req.call_variable_7,
            &req.call_variable_8,
            &req.call_variable_9,
            &req.call_variable_10,
        ];
        for (slot, v) in ctx.vars.iter_mut().zip(overrides) {
            merge_field(slot, v);
        }
        merge_field(&mut ctx.wrapup, &req.call_wrapup_data);
        for v in &req.named_variables {
            merge_var(&mut ctx.named_vars, v);
        }
        for v in &req.named_arrays {
            merge_array(&mut ctx.named_arrays, v);
        }
        ctx
    }

    // ----- requests -----

    /// Call control, call data, snapshots, supervisor functions: everything that is not agent
    /// state, configuration or statistics.
    pub(crate) fn call_request(
        &mut self,
        now: Millis,
        ctx: &Ctx,
        msg: &Message,
        out: &mut Vec<Out>,
    ) {
        let inv = msg.invoke_id().unwrap_or(0);
        let r = match msg {
            Message::AnswerCallReq(m) => self.req_answer(now, ctx, m, out),
            Message::HoldCallReq(m) => self.req_hold(now, ctx, m, out),
            Message::RetrieveCallReq(m) => self.req_retrieve(now, ctx, m, out),
            Message::AlternateCallReq(m) => self.req_alternate(now, ctx, m, out),
            Message::ReconnectCallReq(m) => self.req_reconnect(now, ctx, m, out),
            Message::ClearConnectionReq(m) => self.req_clear_connection(now, ctx, m, out),
            Message::ClearCallReq(m) => self.req_clear_call(now, ctx, m, out),
            Message::MakeCallReq(m) => self.req_make_call(now, ctx, m, out),
            Message::ConsultCallReq(m) => self.req_consult(now, ctx, m, out),
            Message::TransferCallReq(m) => self.req_transfer(now, ctx, m, out),
            Message::ConferenceCallReq(m) => self.req_conference(now, ctx, m, out),
            Message::SendDtmfSignalReq(m) => self.req_dtmf(ctx, m, out),
            Message::SetCallDataReq(m) => self.req_set_call_data(ctx, m, out),
            Message::SnapshotCallReq(m) => self.req_snapshot_call(m, out),
            Message::SnapshotDeviceReq(m) => self.req_snapshot_device(m, out),
            Message::QueryDeviceInfoReq(m) => self.req_query_device_info(m, out),
            Message::SupervisorAssistReq(m) => self.req_assist(now, ctx, m, out),
            Message::EmergencyCallReq(m) => self.req_emergency(now, ctx, m, out),
            Message::SuperviseCallReq(m) => self.req_supervise(now, ctx, m, out),
            Message::BadCallReq(m) => self.req_bad_call(m, out),
            other => Err(Fail::Status(
                StatusCode::E_CTI_INVALID_MESSAGE_TYPE,
                format!(
                    "{} is not a request the contact center handles",
                    other.name()
                ),
            )),
        };
        if let Err(f) = r {
            f.send(out, inv);
        }
    }

    /// Call control needs CLIENT_CONTROL and a working phone system.
    fn need_control(&self, ctx: &Ctx) -> Result<(), Fail> {
        if !ctx
            .services
            .contains(ServiceMask::CTI_SERVICE_CLIENT_CONTROL)
        {
            return Err(Fail::Control(
                CF::CF_PRIVILEGE_VIOLATION_ON_SPECIFIED_DEVICE,
                CCX::CCX_CALL_CONTROL_MASK_NOT_ON,
                "the session was not granted CTI_SERVICE_CLIENT_CONTROL".into(),
            ));
        }
        if !self.phone_up {
            return Err(Fail::Status(
                StatusCode::E_CTI_JTAPI_CCM_PROBLEM,
                "the phone system (Unified CM) is down".into(),
            ));
        }
        Ok(())
    }

    /// An agent-mode session acts on its own phone only.
    fn own_device(&self, ctx: &Ctx, device: &str) -> Result<(), Fail> {
        match ctx.instrument.as_deref() {
            Some(mine) if self.normalize(mine) != device => Err(Fail::Control(
                CF::CF_PRIVILEGE_VIOLATION_ON_SPECIFIED_DEVICE,
                CCX::CCX_DEFAULT_ERROR_CODE,
                format!("this session controls {mine}, not {device}"),
            )),
            _ => Ok(()),
        }
    }

    /// The device a request acts with: the connection named, else AgentInstrument, else the
    /// session's phone.
    fn acting_device(
        &self,
        ctx: &Ctx,
        conn: Option<&str>,
        instrument: Option<&str>,
    ) -> Option<String> {
        given(conn)
            .or(given(instrument))
            .or(given(ctx.instrument.as_deref()))
            .map(|d| self.normalize(d))
    }

    /// Find the connection (call, party index) a request names, checking the session may act
    /// on it.
    fn connection(
        &self,
        ctx: &Ctx,
        call: u32,
        conn: &str,
        instrument: Option<&str>,
    ) -> Result<(u32, usize), Fail> {
        let c = self.calls.get(&call).ok_or_else(|| bad_call(call))?;
        let dev = self
            .acting_device(ctx, Some(conn), instrument)
            .ok_or_else(|| no_connection(call, conn))?;
        let i = c
            .parties
            .iter()
            .position(|p| p.device == dev)
            .ok_or_else(|| no_connection(call, &dev))?;
        self.own_device(ctx, &dev)?;
        Ok((call, i))
    }

    fn req_answer(
        &mut self,
        now: Millis,
        ctx: &Ctx,
        m: &AnswerCallReq,
        out: &mut Vec<Out>,
    ) -> Result<(), Fail> {
        self.need_control(ctx)?;
        let dev = given_s(&m.agent_instrument)
            .or(given(ctx.instrument.as_deref()))
            .map(|d| self.normalize(d));
        let alerting = |c: &Call, dev: &Option<String>| {
            c.parties.iter().position(|p| {
                p.lcs == LCS::LCS_ALERTING
                    && p.agent.is_some()
                    && dev.as_ref().is_none_or(|d| &p.device == d)
            })
        };
        let (id, i) = if m.call_id == NONE_ID || m.call_id == 0 {
            let Some(d) = &dev else {
                return Err(Fail::Status(
                    StatusCode::E_CTI_REQUIRED_DATA_MISSING,
                    "without a CallID, AgentInstrument names the phone to answer on".into(),
                ));
            };
            let a = self.agent_by_device.get(d.as_str()).copied();
            // The routed call first: a Reserved agent answers that one.
            let found = a.and_then(|a| {
                let calls = &self.agents[a as usize].calls;
                let offered = |id: &u32| self.call(*id).phase == Phase::Offered { agent: a };
                calls
                    .iter()
                    .filter(|id| offered(id))
                    .chain(calls.iter().filter(|id| !offered(id)))
                    .find_map(|&id| alerting(self.call(id), &dev).map(|i| (id, i)))
            });
            found.ok_or_else(|| incompatible(format!("nothing is ringing at {d}")))?
        } else {
            let c = self
                .calls
                .get(&m.call_id)
                .ok_or_else(|| bad_call(m.call_id))?;
            let i = alerting(c, &dev).ok_or_else(|| {
                incompatible(format!(
                    "call {} is not ringing at {}",
                    m.call_id,
                    dev.as_deref().unwrap_or("an agent phone")
                ))
            })?;
            (m.call_id, i)
        };
        let d = self.call(id).parties[i].device.clone();
        self.own_device(ctx, &d)?;
        if let Some(a) = self.call(id).parties[i].agent {
            self.not_reserved_elsewhere(a, id)?;
        }
        reply(
            out,
            AnswerCallConf {
                invoke_id: m.invoke_id,
                ..Default::default()
            },
        );
        self.answer(now, id, i, out);
        Ok(())
    }

    /// A Reserved agent deals with the call routed to it before any other.
    fn not_reserved_elsewhere(&self, a: u32, call: u32) -> Result<(), Fail> {
        if self.agents[a as usize].state != AgentState::AGENT_STATE_RESERVED {
            return Ok(());
        }
        let offered = self.agents[a as usize].calls.iter().copied().find(|id| {
            self.calls
                .get(id)
                .is_some_and(|c| c.phase == Phase::Offered { agent: a })
        });
        match offered {
            Some(o) if o != call => Err(incompatible(format!(
                "agent {} is reserved for call {o}: answer it or let it go first",
                self.login(a)
            ))),
            _ => Ok(()),
        }
    }

    fn hold(&mut self, id: u32, i: usize, out: &mut Vec<Out>) {
        self.call_mut(id).parties[i].lcs = LCS::LCS_HOLD;
        let p = self.call(id).parties[i].clone();
        let ev = self.ev_held(self.call(id), &p);
        emit(out, ev, self.aud(id));
    }

    fn retrieve(&mut self, id: u32, i: usize, out: &mut Vec<Out>) {
        self.call_mut(id).parties[i].lcs = LCS::LCS_CONNECT;
        let p = self.call(id).parties[i].clone();
        let ev = self.ev_retrieved(self.call(id), &p);
        emit(out, ev, self.aud(id));
    }

    /// Whether agent `a` has a connected (active) call other than `except`.
    fn has_active_call(&self, a: u32, except: u32) -> bool {
        self.agents[a as usize].calls.iter().any(|&id| {
            id != except
                && self.calls.get(&id).is_some_and(|c| {
                    c.parties
                        .iter()
                        .any(|p| p.agent == Some(a) && p.lcs == LCS::LCS_CONNECT)
                })
        })
    }

    fn req_hold(
        &mut self,
        _now: Millis,
        ctx: &Ctx,
        m: &HoldCallReq,
        out: &mut Vec<Out>,
    ) -> Result<(), Fail> {
        self.need_control(ctx)?;
        let (id, i) = self.connection(
            ctx,
            m.call_id,
            &m.connection_device_id,
            m.agent_instrument.as_deref(),
        )?;
        let p = &self.call(id).parties[i];
        if p.lcs != LCS::LCS_CONNECT || p.agent.is_none() {
            return Err(incompatible(format!(
                "the connection of {} on call {id} is {} and cannot be held",
                p.device, p.lcs
            )));
        }
        reply(
            out,
            HoldCallConf {
                invoke_id: m.invoke_id,
                ..Default::default()
            },
        );
        self.hold(id, i, out);
        Ok(())
    }

    fn req_retrieve(
        &mut self,
        _now: Millis,
        ctx: &Ctx,
        m: &RetrieveCallReq,
        out: &mut Vec<Out>,
    ) -> Result<(), Fail> {
        self.need_control(ctx)?;
        let (id, i) = self.connection(
            ctx,
            m.held_call_id,
            &m.held_connection_device_id,
            m.agent_instrument.as_deref(),
        )?;
        let p = &self.call(id).parties[i];
        if p.lcs != LCS::LCS_HOLD {
            return Err(incompatible(format!(
                "call {id} is not held at {} (it is {})",
                p.device, p.lcs
            )));
        }
        if let Some(a) = p.agent {
            if self.has_active_call(a, id) {
                return Err(incompatible(format!(
                    "{} has another active call: use ALTERNATE_CALL_REQ or RECONNECT_CALL_REQ",
                    p.device
                )));
            }
        }
        reply(
            out,
            RetrieveCallConf {
                invoke_id: m.invoke_id,
                ..Default::default()
            },
        );
        self.retrieve(id, i, out);
        Ok(())
    }

    fn req_alternate(
        &mut self,
        now: Millis,
        ctx: &Ctx,
        m: &AlternateCallReq,
        out: &mut Vec<Out>,
    ) -> Result<(), Fail> {
        self.need_control(ctx)?;
        let (a_id, ai) = self.connection(
            ctx,
            m.active_call_id,
            &m.active_connection_device_id,
            m.agent_instrument.as_deref(),
        )?;
        let dev = self.call(a_id).parties[ai].device.clone();
        let (o_id, oi) = self.connection(ctx, m.other_call_id, &dev, None)?;
        if a_id == o_id {
            return Err(incompatible(
                "the active and the other call are the same call".into(),
            ));
        }
        if self.call(a_id).parties[ai].lcs != LCS::LCS_CONNECT {
            return Err(incompatible(format!("call {a_id} is not active at {dev}")));
        }
        let other = self.call(o_id).parties[oi].lcs;
        if other != LCS::LCS_HOLD && other != LCS::LCS_ALERTING {
            return Err(incompatible(format!(
                "call {o_id} is {other} at {dev}: neither held nor ringing"
            )));
        }
        reply(
            out,
            AlternateCallConf {
                invoke_id: m.invoke_id,
                ..Default::default()
            },
        );
        self.hold(a_id, ai, out);
        if other == LCS::LCS_HOLD {
            self.retrieve(o_id, oi, out);
        } else {
            self.answer(now, o_id, oi, out);
        }
        Ok(())
    }

    fn req_reconnect(
        &mut self,
        now: Millis,
        ctx: &Ctx,
        m: &ReconnectCallReq,
        out: &mut Vec<Out>,
    ) -> Result<(), Fail> {
        self.need_control(ctx)?;
        let (a_id, ai) = self.connection(
            ctx,
            m.active_call_id,
            &m.active_connection_device_id,
            m.agent_instrument.as_deref(),
        )?;
        let dev = self.call(a_id).parties[ai].device.clone();
        let (h_id, hi) = self.connection(
            ctx,
            m.held_call_id,
            &m.held_connection_device_id,
            Some(&dev),
        )?;
        if a_id == h_id {
            return Err(incompatible(
                "the active and the held call are the same call".into(),
            ));
        }
        if self.call(h_id).parties[hi].device != dev
            || self.call(h_id).parties[hi].lcs != LCS::LCS_HOLD
        {
            return Err(incompatible(format!("call {h_id} is not held at {dev}")));
        }
        reply(
            out,
            ReconnectCallConf {
                invoke_id: m.invoke_id,
                ..Default::default()
            },
        );
        self.clear_party(now, a_id, ai, EventCause::CEC_NONE, out);
        if let Some(hi) = self
            .calls
            .get(&h_id)
            .and_then(|c| c.parties.iter().position(|p| p.device == dev))
        {
            self.retrieve(h_id, hi, out);
        }
        Ok(())
    }

    fn req_clear_connection(
        &mut self,
        now: Millis,
        ctx: &Ctx,
        m: &ClearConnectionReq,
        out: &mut Vec<Out>,
    ) -> Result<(), Fail> {
        self.need_control(ctx)?;
        let (id, i) = self.connection(
            ctx,
            m.call_id,
            &m.connection_device_id,
            m.agent_instrument.as_deref(),
        )?;
        reply(
            out,
            ClearConnectionConf {
                invoke_id: m.invoke_id,
                ..Default::default()
            },
        );
        let p = self.call(id).parties[i].clone();
        match self.call(id).phase {
            // An agent turning down a routed call: it goes back to the queue, as when the
            // agent does not answer.
            Phase::Offered { agent } if p.agent == Some(agent) => self.take_back(
                now,
                id,
                agent,
                EventCause::CEC_CALL_NOT_ANSWERED,
                AgentState::AGENT_STATE_NOT_READY,
                ReasonCode::AGT_RNA,
                out,
            ),
            _ => self.clear_party(now, id, i, EventCause::CEC_NONE, out),
        }
        Ok(())
    }

    fn req_clear_call(
        &mut self,
        now: Millis,
        ctx: &Ctx,
        m: &ClearCallReq,
        out: &mut Vec<Out>,
    ) -> Result<(), Fail> {
        self.need_control(ctx)?;
        let (id, _) = self.connection(
            ctx,
            m.call_id,
            &m.connection_device_id,
            m.agent_instrument.as_deref(),
        )?;
        reply(
            out,
            ClearCallConf {
                invoke_id: m.invoke_id,
                ..Default::default()
            },
        );
        while self.calls.contains_key(&id) {
            self.clear_party(now, id, 0, EventCause::CEC_NONE, out);
        }
        Ok(())
    }

    /// The logged-in agent on the phone `instrument` names, which the session may use.
    fn dialing_agent(&self, ctx: &Ctx, instrument: &str) -> Result<u32, Fail> {
        let dev = self.normalize(if instrument.is_empty() {
            ctx.instrument.as_deref().unwrap_or("")
        } else {
            instrument
        });
        let a = self.agent_by_device.get(&dev).copied().ok_or_else(|| {
            Fail::Control(
                CF::CF_INVALID_CALLING_DEVICE,
                CCX::CCX_AGENT_INVALID,
                format!("{dev:?} is not an agent phone"),
            )
        })?;
        self.own_device(ctx, &dev)?;
        if !self.agents[a as usize].logged_in() {
            return Err(Fail::Status(
                StatusCode::E_CTI_AGENT_NOT_LOGGED_ON,
                format!("agent {} is not logged on", self.login(a)),
            ));
        }
        Ok(a)
    }

    fn req_make_call(
        &mut self,
        now: Millis,
        ctx: &Ctx,
        m: &MakeCallReq,
        out: &mut Vec<Out>,
    ) -> Result<(), Fail> {
        self.need_control(ctx)?;
        let a = self.dialing_agent(ctx, &m.agent_instrument)?;
        let state = self.agents[a as usize].state;
        if !matches!(
            state,
            AgentState::AGENT_STATE_NOT_READY
                | AgentState::AGENT_STATE_READY
                | AgentState::AGENT_STATE_WORK
        ) || self.has_active_call(a, NONE_ID)
        {
            return Err(incompatible(format!(
                "agent {} is {state}: calls are made from Not Ready, Ready or Work with no active call (consult instead)",
                self.login(a)
            )));
        }
        let dest = self.plan_dial(a, &m.dialed_number)?;
        let vars = [
            &m.call_variable_1,
            &m.call_variable_2,
            &m.call_variable_3,
            &m.call_variable_4,
            &m.call_variable_5,
            &m.call_variable_6,
            &m.call_variable_7,
            &m.call_variable_8,
            &m.call_variable_9,
            &m.call_variable_10,
        ];
        check_ecc(&m.named_variables, &m.named_arrays)
            .map_err(|t| Fail::Status(StatusCode::E_CTI_INVALID_FIELD_LENGTH, t))?;
        let mut ctx_data = Context {
            named_vars: m.named_variables.clone(),
            named_arrays: m.named_arrays.clone(),
            wrapup: m
                .call_wrapup_data
                .clone()
                .filter(|s| !s.is_empty())
                .map(Into::into),
            ..Default::default()
        };
        for (slot, v) in ctx_data.vars.iter_mut().zip(vars) {
            *slot = v
                .clone()
                .filter(|s| !s.is_empty() && s != " ")
                .map(Into::into);
        }
        let id = self.new_call_id();
        let me = self.agents[a as usize].cfg.extension.clone();
        reply(
            out,
            MakeCallConf {
                invoke_id: m.invoke_id,
                new_call_id: id,
                new_connection_device_type: ConnectionDeviceType::CONNECTION_ID_STATIC,
                new_connection_device_id: me.into(),
                ..Default::default()
            },
        );
        self.dial(
            now,
            a,
            id,
            dest,
            &m.dialed_number,
            CallType::CALLTYPE_AGENT_INSIDE,
            None,
            ctx_data,
            out,
        );
        Ok(())
    }

    fn req_consult(
        &mut self,
        now: Millis,
        ctx: &Ctx,
        m: &ConsultCallReq,
        out: &mut Vec<Out>,
    ) -> Result<(), Fail> {
        self.need_control(ctx)?;
        let (c1, i) = self.connection(
            ctx,
            m.active_call_id,
            &m.active_connection_device_id,
            m.agent_instrument.as_deref(),
        )?;
        let p = self.call(c1).parties[i].clone();
        let Some(a) = p.agent else {
            return Err(incompatible(format!("{} is not an agent phone", p.device)));
        };
        if p.lcs != LCS::LCS_CONNECT {
            return Err(incompatible(format!(
                "call {c1} is {} at {}, not active",
                p.lcs, p.device
            )));
        }
        let dest = self.plan_dial(a, &m.dialed_number)?;
        check_ecc(&m.named_variables, &m.named_arrays)
            .map_err(|t| Fail::Status(StatusCode::E_CTI_INVALID_FIELD_LENGTH, t))?;
        let context = self.consult_context(self.call(c1), m);
        check_ecc(&context.named_vars, &context.named_arrays)
            .map_err(|t| Fail::Status(StatusCode::E_CTI_INVALID_FIELD_LENGTH, t))?;
        let id = self.new_call_id();
        reply(
            out,
            ConsultCallConf {
                invoke_id: m.invoke_id,
                new_call_id: id,
                new_connection_device_type: ConnectionDeviceType::CONNECTION_ID_STATIC,
                new_connection_device_id: p.device.clone().into(),
                ..Default::default()
            },
        );
        self.hold(c1, i, out);
        self.dial(
            now,
            a,
            id,
            dest,
            &m.dialed_number,
            CallType::CALLTYPE_CONSULT,
            Some(c1),
            context,
            out,
        );
        Ok(())
    }

    /// The transferring / conferencing agent's connections: held on `held`, active on
    /// `active`, and the parties of `active` that will move to `held`.
    #[allow(clippy::too_many_arguments)]
    fn merge_check(
        &self,
        ctx: &Ctx,
        held: u32,
        active: u32,
        held_conn: &str,
        active_conn: &str,
        instrument: Option<&str>,
        need_answered: bool,
    ) -> Result<(usize, usize), Fail> {
        let (_, ai) = self.connection(ctx, active, active_conn, instrument)?;
        let dev = self.call(active).parties[ai].device.clone();
        let (_, hi) = self.connection(ctx, held, held_conn, Some(&dev))?;
        if held == active {
            return Err(incompatible(
                "the held and the active call are the same call".into(),
            ));
        }
        if self.call(held).parties[hi].device != dev
            || self.call(held).parties[hi].lcs != LCS::LCS_HOLD
        {
            return Err(incompatible(format!("call {held} is not held at {dev}")));
        }
        if self.call(active).parties[ai].lcs != LCS::LCS_CONNECT {
            return Err(incompatible(format!(
                "call {active} is not active at {dev}"
            )));
        }
        if self.call(active).phase != Phase::Active {
            return Err(incompatible(format!(
                "call {active} is still in its application's queue"
            )));
        }
        let others: Vec<&Party> = self
            .call(active)
            .parties
            .iter()
            .filter(|p| p.device != dev)
            .collect();
        if others.is_empty() {
            return Err(incompatible(format!("call {active} has no other party")));
        }
        if need_answered && others.iter().any(|p| p.lcs != LCS::LCS_CONNECT) {
            return Err(incompatible(format!("call {active} is not answered yet")));
        }
        if self.call(held).parties.len() - 1 + others.len() + usize::from(!need_answered)
            > MAX_PARTIES + 1
        {
            return Err(incompatible(format!(
                "a call holds at most {MAX_PARTIES} parties"
            )));
        }
        Ok((hi, ai))
    }

    /// Move the parties of `from` other than `dev` into `into`; agents among them join `into`.
    fn move_parties(
        &mut self,
        now: Millis,
        from: u32,
        into: u32,
        dev: &str,
        out: &mut Vec<Out>,
    ) -> Vec<Party> {
        let moving: Vec<Party> = self
            .call(from)
            .parties
            .iter()
            .filter(|p| p.device != dev)
            .cloned()
            .collect();
        self.call_mut(from).parties.retain(|p| p.device == dev);
        let call_type = self.call(into).call_type;
        let conn = Self::caller_of(self.call(into)).device;
        for p in &moving {
            self.call_mut(into).parties.push(p.clone());
            if let Some(t) = p.agent {
                self.detach(from, t);
                self.attach(now, into, t);
                self.join(into, t, call_type, &conn, out);
                if self.call(into).csq.is_some() && self.call(into).app_id != NONE_ID {
                    // A routed call handed over: its CSQ decides the new agent's wrap-up.
                    self.agents[t as usize].acd_csq = self.call(into).csq;
                }
                if p.lcs == LCS::LCS_ALERTING {
                    self.sim_answer_later(now, into, t);
                }
            } else if p.lcs == LCS::LCS_ALERTING {
                let ring = self.call(into).ring;
                self.timers.set(
                    now + self.config.center.outside_answer_s as Millis * 1000,
                    Timer::OutsideAnswer {
                        call: into,
                        epoch: ring,
                    },
                );
            }
        }
        moving
    }

    /// The secondary call disappears into the primary: END_CALL_EVENT for everyone who knew it.
    fn dissolve(&mut self, id: u32, conn: &str, out: &mut Vec<Out>) {
        let aud = self.aud(id);
        emit(out, self.ev_end(id, conn), aud);
        if let Some(c) = self.calls.remove(&id) {
            for p in &c.parties {
                if let Some(a) = p.agent {
                    self.detach(id, a);
                }
            }
            if let Some(p) = c.port {
                self.ports.give_back(p);
            }
            if let Some(app) = c.app_slot {
                if let Some(n) = self.app_load.get_mut(&app) {
                    *n = n.saturating_sub(1);
                }
            }
        }
    }

    fn is_acd(c: &Call) -> bool {
        matches!(
            c.call_type,
            CallType::CALLTYPE_CCX_IN
                | CallType::CALLTYPE_TRANSFER_IN
                | CallType::CALLTYPE_CONFERENCE
        )
    }

    fn req_transfer(
        &mut self,
        now: Millis,
        ctx: &Ctx,
        m: &TransferCallReq,
        out: &mut Vec<Out>,
    ) -> Result<(), Fail> {
        self.need_control(ctx)?;
        if m.held_call_id == NONE_ID {
            return Err(incompatible(
                "single-step (blind) transfer is not supported: consult first, then transfer"
                    .into(),
            ));
        }
        let (c1, c2) = (m.held_call_id, m.active_call_id);
        self.calls.get(&c1).ok_or_else(|| bad_call(c1))?;
        self.calls.get(&c2).ok_or_else(|| bad_call(c2))?;
        let (hi, ai) = self.merge_check(
            ctx,
            c1,
            c2,
            &m.held_connection_device_id,
            &m.active_connection_device_id,
            m.agent_instrument.as_deref(),
            false,
        )?;
        let me = self.call(c2).parties[ai].clone();
        // The transferring agent, as its held connection names it.
        let a = self.call(c1).parties[hi].agent;
        let target = self
            .call(c2)
            .parties
            .iter()
            .find(|p| p.device != me.device)
            .cloned()
            .expect("checked");
        let parties_after = self.call(c1).parties.len() - 1 + self.call(c2).parties.len() - 1;
        reply(
            out,
            TransferCallConf {
                invoke_id: m.invoke_id,
                new_call_id: c1,
                new_connection_device_type: ConnectionDeviceType::CONNECTION_ID_STATIC,
                num_parties: parties_after as u16,
                new_connection_device_id: target.device.clone().into(),
                ..Default::default()
            },
        );
        // A routed call moved to another agent is "transferred in".
        let retyped = Self::is_acd(self.call(c1))
            && self.call(c1).call_type != CallType::CALLTYPE_TRANSFER_IN;
        if retyped {
            self.call_mut(c1).call_type = CallType::CALLTYPE_TRANSFER_IN;
        }
        self.call_mut(c1).parties.remove(hi);
        if let Some(a) = a {
            self.detach(c1, a);
        }
        self.move_parties(now, c2, c1, &me.device, out);
        // Everyone who knew either call hears about the transfer.
        let mut hearers = self.call(c1).assoc.clone();
        for x in &self.call(c2).assoc {
            if !hearers.contains(x) {
                hearers.push(*x);
            }
        }
        let ev = self.ev_transferred(self.call(c1), c2, &me, &target);
        emit(out, ev, Audience::Agents(self.logins(&hearers)));
        if let Some(a) = a {
            self.leave(c1, a, &me.device, out);
        }
        if retyped {
            let conn = Self::caller_of(self.call(c1)).device;
            let ev = self.ev_call_type_update(self.call(c1), &conn);
            emit(out, ev, self.aud(c1));
        }
        self.dissolve(c2, &me.device, out);
        if let Some(a) = a {
            self.agent_calls_ended(now, a, out);
        }
        if self.call(c1).parties.len() <= 1 {
            self.finish_call(now, c1, EventCause::CEC_NONE, &me.device, out);
        }
        Ok(())
    }

    fn req_conference(
        &mut self,
        now: Millis,
        ctx: &Ctx,
        m: &ConferenceCallReq,
        out: &mut Vec<Out>,
    ) -> Result<(), Fail> {
        self.need_control(ctx)?;
        let (c1, c2) = (m.held_call_id, m.active_call_id);
        self.calls.get(&c1).ok_or_else(|| bad_call(c1))?;
        self.calls.get(&c2).ok_or_else(|| bad_call(c2))?;
        let (hi, ai) = self.merge_check(
            ctx,
            c1,
            c2,
            &m.held_connection_device_id,
            &m.active_connection_device_id,
            m.agent_instrument.as_deref(),
            true,
        )?;
        let me = self.call(c2).parties[ai].clone();
        let added = self
            .call(c2)
            .parties
            .iter()
            .find(|p| p.device != me.device)
            .cloned()
            .expect("checked");
        let retyped =
            Self::is_acd(self.call(c1)) && self.call(c1).call_type != CallType::CALLTYPE_CONFERENCE;
        if retyped {
            self.call_mut(c1).call_type = CallType::CALLTYPE_CONFERENCE;
        }
        self.call_mut(c1).parties[hi].lcs = LCS::LCS_CONNECT;
        // The CONF lists the parties as they will be.
        let mut preview = self.call(c1).clone();
        preview.parties.extend(
            self.call(c2)
                .parties
                .iter()
                .filter(|p| p.device != me.device)
                .cloned(),
        );
        reply(
            out,
            ConferenceCallConf {
                invoke_id: m.invoke_id,
                new_call_id: c1,
                new_connection_device_type: ConnectionDeviceType::CONNECTION_ID_STATIC,
                new_connection_device_id: me.device.clone().into(),
                connected_parties: Self::connected_parties(&preview),
                ..Default::default()
            },
        );
        let moved = self.move_parties(now, c2, c1, &me.device, out);
        if retyped {
            // To the bridge and the parties that joined, not to the conferencing agent
            // (07 §8.4 #2).
            let conn = Self::caller_of(self.call(c1)).device;
            let joined: Vec<u32> = moved.iter().filter_map(|p| p.agent).collect();
            let ev = self.ev_call_type_update(self.call(c1), &conn);
            emit(out, ev, Audience::Agents(self.logins(&joined)));
        }
        let ev = self.ev_conferenced(
            self.call(c1),
            c2,
            &me,
            &added,
            EventCause::CEC_KEY_CONFERENCE,
        );
        emit(out, ev, self.aud(c1));
        if let Some(a) = me.agent {
            self.detach(c2, a);
        }
        self.dissolve(c2, &me.device, out);
        Ok(())
    }

    fn req_dtmf(
        &mut self,
        ctx: &Ctx,
        m: &SendDtmfSignalReq,
        out: &mut Vec<Out>,
    ) -> Result<(), Fail> {
        self.need_control(ctx)?;
        let (id, i) = self.connection(
            ctx,
            m.call_id,
            &m.connection_device_id,
            m.agent_instrument.as_deref(),
        )?;
        if self.call(id).parties[i].lcs != LCS::LCS_CONNECT {
            return Err(incompatible(format!(
                "call {id} is not active at {}",
                self.call(id).parties[i].device
            )));
        }
        if m.dtmf_string.is_empty()
            || !m
                .dtmf_string
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '*' | '#' | 'A'..='D' | 'a'..='d' | ','))
        {
            return Err(Fail::Control(
                CF::CF_VALUE_OUT_OF_RANGE,
                CCX::CCX_INVALID_ARGUMENT,
                format!("{:?} is not a DTMF string (0-9 * # A-D ,)", m.dtmf_string),
            ));
        }
        reply(
            out,
            SendDtmfSignalConf {
                invoke_id: m.invoke_id,
                ..Default::default()
            },
        );
        Ok(())
    }

    fn req_set_call_data(
        &mut self,
        ctx: &Ctx,
        m: &SetCallDataReq,
        out: &mut Vec<Out>,
    ) -> Result<(), Fail> {
        if !ctx
            .services
            .contains(ServiceMask::CTI_SERVICE_CALL_DATA_UPDATE)
        {
            return Err(Fail::Control(
                CF::CF_PRIVILEGE_VIOLATION_ON_SPECIFIED_DEVICE,
                CCX::CCX_DEFAULT_ERROR_CODE,
                "the session was not granted CTI_SERVICE_CALL_DATA_UPDATE".into(),
            ));
        }
        let c = self
            .calls
            .get(&m.call_id)
            .ok_or_else(|| bad_call(m.call_id))?;
        if let Some(me) = ctx
            .agent
            .as_deref()
            .and_then(|l| self.agent_by_login.get(l))
        {
            if !c.assoc.contains(me) {
                return Err(Fail::Control(
                    CF::CF_PRIVILEGE_VIOLATION_ON_SPECIFIED_DEVICE,
                    CCX::CCX_DEFAULT_ERROR_CODE,
                    format!(
                        "agent {} is not associated with call {}",
                        self.login(*me),
                        m.call_id
                    ),
                ));
            }
        }
        let mut next = c.clone();
        let mut ev = CallDataUpdateEvent {
            call_type: c.call_type,
            connection_device_type: ConnectionDeviceType::CONNECTION_ID_STATIC,
            call_id: c.id,
            new_connection_device_type: ConnectionDeviceType::CONNECTION_ID_STATIC,
            new_call_id: c.id,
            connection_device_id: m.connection_device_id.clone(),
            ..Default::default()
        };
        let mut ani = (!next.ani.is_empty()).then(|| next.ani.clone());
        ev.ani = merge_field(&mut ani, &m.ani);
        next.ani = ani.unwrap_or_default();
        ev.caller_entered_digits = merge_field(&mut next.ced, &m.caller_entered_digits);
        let vars = [
            &m.call_variable_1,
            &m.call_variable_2,
            &m.call_variable_3,
            &m.call_variable_4,
            &m.call_variable_5,
            &m.call_variable_6,
            &m.call_variable_7,
            &m.call_variable_8,
            &m.call_variable_9,
            &m.call_variable_10,
        ];
        let mut changed_vars: [Option<cti_proto::msg::Text>; 10] = Default::default();
        for (k, v) in vars.iter().enumerate() {
            changed_vars[k] = merge_field(&mut next.vars[k], v);
        }
        [
            ev.call_variable_1,
            ev.call_variable_2,
            ev.call_variable_3,
            ev.call_variable_4,
            ev.call_variable_5,
            ev.call_variable_6,
            ev.call_variable_7,
            ev.call_variable_8,
            ev.call_variable_9,
            ev.call_variable_10,
        ] = changed_vars;
        ev.call_wrapup_data = merge_field(&mut next.wrapup, &m.call_wrapup_data);
        for v in &m.named_variables {
            if merge_var(&mut next.named_vars, v) {
                ev.named_variables.push(v.clone());
            }
        }
        for v in &m.named_arrays {
            if merge_array(&mut next.named_arrays, v) {
                ev.named_arrays.push(v.clone());
            }
        }
        check_ecc(&next.named_vars, &next.named_arrays)
            .map_err(|t| Fail::Status(StatusCode::E_CTI_INVALID_FIELD_LENGTH, t))?;
        check_ecc(&ev.named_variables, &ev.named_arrays)
            .map_err(|t| Fail::Status(StatusCode::E_CTI_INVALID_FIELD_LENGTH, t))?;
        let changed = ev.ani.is_some()
            || ev.caller_entered_digits.is_some()
            || ev.call_wrapup_data.is_some()
            || !ev.named_variables.is_empty()
            || !ev.named_arrays.is_empty()
            || [
                &ev.call_variable_1,
                &ev.call_variable_2,
                &ev.call_variable_3,
                &ev.call_variable_4,
                &ev.call_variable_5,
                &ev.call_variable_6,
                &ev.call_variable_7,
                &ev.call_variable_8,
                &ev.call_variable_9,
                &ev.call_variable_10,
            ]
            .iter()
            .any(|v| v.is_some());
        let id = m.call_id;
        self.calls.insert(id, next);
        reply(
            out,
            SetCallDataConf {
                invoke_id: m.invoke_id,
                ..Default::default()
            },
        );
        if changed {
            emit(out, ev, self.aud(id));
        }
        Ok(())
    }

    fn req_snapshot_call(&mut self, m: &SnapshotCallReq, out: &mut Vec<Out>) -> Result<(), Fail> {
        let c = self
            .calls
            .get(&m.call_id)
            .ok_or_else(|| bad_call(m.call_id))?;
        let conf = self.snapshot_call(m.invoke_id, c);
        reply(out, conf);
        Ok(())
    }

    fn req_snapshot_device(
        &mut self,
        m: &SnapshotDeviceReq,
        out: &mut Vec<Out>,
    ) -> Result<(), Fail> {
        let dev = self.normalize(&m.agent_instrument);
        let on_device = |c: &Call| {
            c.parties
                .iter()
                .find(|p| p.device == dev)
                .map(|p| SnapshotDeviceCall {
                    call_connection_call_id: c.id,
                    call_connection_device_type: ConnectionDeviceType::CONNECTION_ID_STATIC,
                    call_connection_device_id: p.device.clone().into(),
                    call_device_connection_state: p.lcs,
                })
        };
        let calls: Vec<SnapshotDeviceCall> = if let Some(&a) = self.agent_by_device.get(&dev) {
            self.agents[a as usize]
                .calls
                .iter()
                .filter_map(|id| self.calls.get(id).and_then(on_device))
                .collect()
        } else if self.port_by_number.contains_key(&dev) || self.app_by_trigger.contains_key(&dev) {
            // Ports and route points are not indexed by call; a snapshot is rare enough to
            // look through the calls.
            let mut v: Vec<SnapshotDeviceCall> =
                self.calls.values().filter_map(on_device).collect();
            v.sort_by_key(|c| c.call_connection_call_id);
            v
        } else {
            return Err(Fail::Control(
                CF::CF_INVALID_CSTA_DEVICE_ID,
                CCX::CCX_DEVICE_ID_NULL,
                format!("{dev:?} is not a device of this center"),
            ));
        };
        reply(
            out,
            SnapshotDeviceConf {
                invoke_id: m.invoke_id,
                calls: calls.into_iter().take(16).collect(),
                ..Default::default()
            },
        );
        Ok(())
    }

    fn req_query_device_info(
        &mut self,
        m: &QueryDeviceInfoReq,
        out: &mut Vec<Out>,
    ) -> Result<(), Fail> {
        let dev = self.normalize(&m.agent_instrument);
        if !self.agent_by_device.contains_key(&dev) {
            return Err(Fail::Control(
                CF::CF_INVALID_CSTA_DEVICE_ID,
                CCX::CCX_DEVICE_ID_NULL,
                format!("{dev:?} is not an agent phone of this center"),
            ));
        }
        use cti_proto::codes::AgentStateMask as M;
        reply(
            out,
            QueryDeviceInfoConf {
                invoke_id: m.invoke_id,
                max_active_calls: 1,
                max_held_calls: self.config.center.max_calls_per_device.saturating_sub(1),
                max_devices_in_conference: MAX_PARTIES as u16,
                make_call_setup: M::AGENT_NOT_READY_MASK
                    | M::AGENT_AVAILABLE_MASK
                    | M::AGENT_WORK_MASK,
                ..Default::default()
            },
        );
        Ok(())
    }

    /// The agent asking for help, and a supervisor of its team who can take a call.
    fn assist_parties(
        &self,
        ctx: &Ctx,
        id: Option<&str>,
        ext: Option<&str>,
        ins: Option<&str>,
    ) -> Result<(u32, u32), Fail> {
        let a = if given(id).or(given(ext)).or(given(ins)).is_some() {
            self.find_agent(given(id), given(ext), given(ins))
        } else {
            ctx.agent
                .as_deref()
                .and_then(|l| self.agent_by_login.get(l).copied())
        }
        .ok_or_else(|| {
            Fail::Status(
                StatusCode::E_CTI_INVALID_AGENT_DATA,
                "no configured agent matches the request".into(),
            )
        })?;
        if !self.agents[a as usize].logged_in() {
            return Err(Fail::Status(
                StatusCode::E_CTI_AGENT_NOT_LOGGED_ON,
                format!("agent {} is not logged on", self.login(a)),
            ));
        }
        self.own_device(ctx, &self.agents[a as usize].cfg.extension.clone())?;
        let team = self.agents[a as usize].cfg.team;
        let sups = self
            .config
            .teams
            .iter()
            .find(|t| t.id == team)
            .map(|t| t.supervisors.clone())
            .unwrap_or_default();
        let free = sups
            .iter()
            .filter_map(|s| self.agent_by_login.get(s).copied())
            .find(|&s| {
                let ag = &self.agents[s as usize];
                s != a
                    && !ag.deleted
                    && matches!(
                        ag.state,
                        AgentState::AGENT_STATE_READY
                            | AgentState::AGENT_STATE_NOT_READY
                            | AgentState::AGENT_STATE_WORK
                    )
                    && !self.line_full(s)
            });
        // No UCCX status is documented for "no supervisor": FAILURE_CONF with the generic one.
        let s = free.ok_or_else(|| {
            Fail::Status(
                StatusCode::E_CTI_UNSPECIFIED_FAILURE,
                format!("no supervisor of team {team} is logged on and free"),
            )
        })?;
        Ok((a, s))
    }

    /// Start an assistance call (assist or emergency) from agent `a` to supervisor `s`,
    /// holding `call` first when the agent is on it. Returns the new CallID.
    #[allow(clippy::too_many_arguments)]
    fn assist_call(
        &mut self,
        now: Millis,
        a: u32,
        s: u32,
        call: u32,
        call_type: CallType,
        notify: Message,
        out: &mut Vec<Out>,
    ) -> u32 {
        let id = self.new_call_id();
        let mut context = Context::default();
        let mut consult_of = None;
        if let Some(c) = self.calls.get(&call) {
            if let Some(i) = c
                .parties
                .iter()
                .position(|p| p.agent == Some(a) && p.lcs == LCS::LCS_CONNECT)
            {
                context = Context {
                    dnis: c.dnis.clone(),
                    ced: c.ced.clone(),
                    vars: c.vars.clone(),
                    wrapup: c.wrapup.clone(),
                    named_vars: c.named_vars.clone(),
                    named_arrays: c.named_arrays.clone(),
                    csq: c.csq,
                    ani: None,
                };
                consult_of = Some(call);
                self.hold(call, i, out);
            }
        }
        emit(
            out,
            with_call_id(notify, id),
            Audience::Agents(vec![self.login(s)]),
        );
        let sup_ext = self.agents[s as usize].cfg.extension.clone();
        self.dial(
            now,
            a,
            id,
            Dest::Agent(s),
            &sup_ext,
            call_type,
            consult_of,
            context,
            out,
        );
        id
    }

    fn assist_check(&self, a: u32, call: u32) -> Result<(), Fail> {
        self.not_reserved_elsewhere(a, NONE_ID)?;
        if call != NONE_ID {
            let c = self.calls.get(&call).ok_or_else(|| bad_call(call))?;
            if !c
                .parties
                .iter()
                .any(|p| p.agent == Some(a) && p.lcs == LCS::LCS_CONNECT)
            {
                return Err(incompatible(format!(
                    "agent {} is not active on call {call}",
                    self.login(a)
                )));
            }
        } else if self.has_active_call(a, NONE_ID) {
            return Err(incompatible(format!(
                "agent {} has an active call: name it in CallID",
                self.login(a)
            )));
        }
        if self.line_full(a) {
            return Err(Fail::Control(
                CF::CF_INVALID_CALLING_DEVICE,
                CCX::CCX_AGENT_DEVICE_BUSY,
                format!("the phone of {} carries no more calls", self.login(a)),
            ));
        }
        Ok(())
    }

    fn req_assist(
        &mut self,
        now: Millis,
        ctx: &Ctx,
        m: &SupervisorAssistReq,
        out: &mut Vec<Out>,
    ) -> Result<(), Fail> {
        self.need_control(ctx)?;
        let (a, s) = self.assist_parties(
            ctx,
            m.agent_id.as_deref(),
            m.agent_extension.as_deref(),
            m.agent_instrument.as_deref(),
        )?;
        self.assist_check(a, m.call_id)?;
        let ext = self.agents[a as usize].cfg.extension.clone();
        let id_preview = self.peek_call_id();
        reply(
            out,
            SupervisorAssistConf {
                invoke_id: m.invoke_id,
                call_id: id_preview,
                connection_device_type: ConnectionDeviceType::CONNECTION_ID_STATIC,
                connection_device_id: ext.clone().into(),
                ..Default::default()
            },
        );
        let client = if ctx.client_id.is_empty() {
            "ccx".to_owned()
        } else {
            ctx.client_id.clone()
        };
        let notify = SupervisorAssistEvent {
            call_id: 0,
            connection_device_type: ConnectionDeviceType::CONNECTION_ID_STATIC,
            connection_device_id: ext.into(),
            client_id: super::clip(client, 63).into(),
            text: Some(format!("agent {} asks for assistance", self.login(a)).into()),
            ..Default::default()
        };
        let id = self.assist_call(
            now,
            a,
            s,
            m.call_id,
            CallType::CALLTYPE_ASSIST,
            notify.into(),
            out,
        );
        debug_assert_eq!(id, id_preview);
        Ok(())
    }

    fn req_emergency(
        &mut self,
        now: Millis,
        ctx: &Ctx,
        m: &EmergencyCallReq,
        out: &mut Vec<Out>,
    ) -> Result<(), Fail> {
        self.need_control(ctx)?;
        let (a, s) = self.assist_parties(
            ctx,
            m.agent_id.as_deref(),
            None,
            m.agent_instrument.as_deref(),
        )?;
        self.assist_check(a, m.connection_call_id)?;
        let ag = &self.agents[a as usize].cfg;
        let (ext, login, ins) = (
            ag.extension.clone(),
            ag.login_id.clone(),
            ag.instrument().to_owned(),
        );
        let id_preview = self.peek_call_id();
        reply(
            out,
            EmergencyCallConf {
                invoke_id: m.invoke_id,
                connection_call_id: id_preview,
                connection_device_type: ConnectionDeviceType::CONNECTION_ID_STATIC,
                line_handle: 0xFFFF,
                line_type: 3,
                connection_device_id: ext.clone().into(),
                ..Default::default()
            },
        );
        let client = if ctx.client_id.is_empty() {
            "ccx".to_owned()
        } else {
            ctx.client_id.clone()
        };
        let notify = EmergencyCallEvent {
            invoke_id: m.invoke_id,
            peripheral_id: 1,
            connection_call_id: 0,
            connection_device_type: ConnectionDeviceType::CONNECTION_ID_STATIC,
            session_id: ctx.session as u32,
            connection_device_id: ext.clone().into(),
            client_id: Some(super::clip(client, 63).into()),
            agent_extension: Some(ext.into()),
            agent_id: Some(login.into()),
            agent_instrument: Some(ins.into()),
            ..Default::default()
        };
        let id = self.assist_call(
            now,
            a,
            s,
            m.connection_call_id,
            CallType::CALLTYPE_EMERGENCY,
            notify.into(),
            out,
        );
        debug_assert_eq!(id, id_preview);
        Ok(())
    }

    /// The CallID the next call will get.
    fn peek_call_id(&self) -> u32 {
        let mut id = self.next_call_id;
        while id == 0 || id == NONE_ID || self.calls.contains_key(&id) {
            id = match id.wrapping_add(1) {
                0 | u32::MAX => 1,
                n => n,
            };
        }
        id
    }

    fn req_supervise(
        &mut self,
        now: Millis,
        ctx: &Ctx,
        m: &SuperviseCallReq,
        out: &mut Vec<Out>,
    ) -> Result<(), Fail> {
        if !ctx.services.contains(ServiceMask::CTI_SERVICE_SUPERVISOR) {
            return Err(Fail::Control(
                CF::CF_PRIVILEGE_VIOLATION_ON_SPECIFIED_DEVICE,
                CCX::CCX_CALL_CONTROL_MASK_NOT_ON,
                "the session was not granted CTI_SERVICE_SUPERVISOR".into(),
            ));
        }
        if !self.phone_up {
            return Err(Fail::Status(
                StatusCode::E_CTI_JTAPI_CCM_PROBLEM,
                "the phone system (Unified CM) is down".into(),
            ));
        }
        const CLEAR: u16 = 0;
        const BARGE_IN: u16 = 3;
        const INTERCEPT: u16 = 4;
        if !matches!(m.supervisory_action, CLEAR | BARGE_IN | INTERCEPT) {
            return Err(Fail::Control(
                CF::CF_VALUE_OUT_OF_RANGE,
                CCX::CCX_INVALID_ARGUMENT,
                format!(
                    "SupervisoryAction {} is not one UCCX defines: 0 clear, 3 barge-in, 4 intercept",
                    m.supervisory_action
                ),
            ));
        }
        let sup = given_s(&m.supervisor_instrument)
            .or(given(ctx.instrument.as_deref()))
            .and_then(|d| self.agent_by_device.get(&self.normalize(d)).copied())
            .or_else(|| {
                ctx.agent
                    .as_deref()
                    .and_then(|l| self.agent_by_login.get(l).copied())
            })
            .ok_or_else(|| {
                Fail::Status(
                    StatusCode::E_CTI_INVALID_AGENT_DATA,
                    "no supervisor phone is named".into(),
                )
            })?;
        if !self.is_supervisor(sup) || !self.agents[sup as usize].logged_in() {
            return Err(Fail::Status(
                StatusCode::E_CTI_INVALID_AGENT_DATA,
                format!("{} is not a logged-on supervisor", self.login(sup)),
            ));
        }
        let sup_dev = self.agents[sup as usize].cfg.extension.clone();
        if m.supervisory_action == CLEAR {
            let call = if m.supervisor_call_id != NONE_ID {
                m.supervisor_call_id
            } else {
                m.agent_call_id
            };
            let c = self.calls.get(&call).ok_or_else(|| bad_call(call))?;
            let i = c
                .parties
                .iter()
                .position(|p| p.device == sup_dev)
                .ok_or_else(|| no_connection(call, &sup_dev))?;
            reply(
                out,
                SuperviseCallConf {
                    invoke_id: m.invoke_id,
                    call_id: call,
                    connection_device_type: ConnectionDeviceType::CONNECTION_ID_STATIC,
                    connection_device_id: sup_dev.into(),
                    ..Default::default()
                },
            );
            self.clear_party(now, call, i, EventCause::CEC_SUPERVISOR_CLEAR, out);
            return Ok(());
        }
        // The agent: by its call and connection, or by its identifiers.
        let agent =
            if m.agent_call_id != NONE_ID && given_s(&m.agent_connection_device_id).is_some() {
                let dev = self.normalize(m.agent_connection_device_id.as_deref().unwrap_or(""));
                self.agent_by_device.get(&dev).copied()
            } else {
                self.find_agent(
                    given_s(&m.agent_id),
                    given_s(&m.agent_extension),
                    given_s(&m.agent_instrument),
                )
            }
            .ok_or_else(|| {
                Fail::Status(
                    StatusCode::E_CTI_INVALID_AGENT_DATA,
                    "no configured agent matches the request".into(),
                )
            })?;
        if !self.supervises(&self.login(sup), self.agents[agent as usize].cfg.team) {
            return Err(Fail::Control(
                CF::CF_PRIVILEGE_VIOLATION_ON_SPECIFIED_DEVICE,
                CCX::CCX_DEFAULT_ERROR_CODE,
                format!(
                    "{} does not supervise the team of {}",
                    self.login(sup),
                    self.login(agent)
                ),
            ));
        }
        let call = if m.agent_call_id != NONE_ID {
            m.agent_call_id
        } else {
            self.agents[agent as usize]
                .calls
                .iter()
                .copied()
                .find(|id| {
                    self.calls.get(id).is_some_and(|c| {
                        c.parties
                            .iter()
                            .any(|p| p.agent == Some(agent) && p.lcs == LCS::LCS_CONNECT)
                    })
                })
                .ok_or_else(|| {
                    incompatible(format!("agent {} has no active call", self.login(agent)))
                })?
        };
        let c = self.calls.get(&call).ok_or_else(|| bad_call(call))?;
        let ai = c
            .parties
            .iter()
            .position(|p| p.agent == Some(agent) && p.lcs == LCS::LCS_CONNECT)
            .ok_or_else(|| {
                incompatible(format!(
                    "agent {} is not active on call {call}",
                    self.login(agent)
                ))
            })?;
        let agent_dev = c.parties[ai].device.clone();
        let already = c.parties.iter().any(|p| p.agent == Some(sup));
        self.not_reserved_elsewhere(sup, NONE_ID)?;
        if !already && (self.line_full(sup) || self.has_active_call(sup, NONE_ID)) {
            return Err(Fail::Control(
                CF::CF_INVALID_CALLING_DEVICE,
                CCX::CCX_AGENT_DEVICE_BUSY,
                format!("the supervisor's phone {sup_dev} is busy"),
            ));
        }
        if already && m.supervisory_action == BARGE_IN {
            return Err(incompatible(format!("{sup_dev} is already on call {call}")));
        }
        if c.parties.len() >= MAX_PARTIES {
            return Err(incompatible(format!(
                "a call holds at most {MAX_PARTIES} parties"
            )));
        }
        reply(
            out,
            SuperviseCallConf {
                invoke_id: m.invoke_id,
                call_id: call,
                connection_device_type: ConnectionDeviceType::CONNECTION_ID_STATIC,
                connection_device_id: agent_dev.clone().into(),
                ..Default::default()
            },
        );
        let (call_type, cause) = if m.supervisory_action == BARGE_IN {
            (
                CallType::CALLTYPE_SUPERVISOR_BARGE_IN,
                EventCause::CEC_SUPERVISOR_BARGE_IN,
            )
        } else {
            (
                CallType::CALLTYPE_SUPERVISOR_INTERCEPT,
                EventCause::CEC_SUPERVISOR_INTERCEPT,
            )
        };
        if !already {
            let sp = self.agent_party(sup, LCS::LCS_CONNECT);
            self.call_mut(call).parties.push(sp.clone());
            self.attach(now, call, sup);
            let conn = Self::caller_of(self.call(call)).device;
            self.join(call, sup, call_type, &conn, out);
            let ev = self.ev_conferenced(self.call(call), call, &sp, &sp, cause);
            emit(out, ev, self.aud(call));
            self.agent_engaged(now, sup, out);
        }
        if m.supervisory_action == INTERCEPT {
            if let Some(i) = self
                .call(call)
                .parties
                .iter()
                .position(|p| p.device == agent_dev)
            {
                self.clear_party(now, call, i, EventCause::CEC_SUPERVISOR_INTERCEPT, out);
            }
        }
        Ok(())
    }

    fn req_bad_call(&mut self, m: &BadCallReq, out: &mut Vec<Out>) -> Result<(), Fail> {
        self.calls
            .get(&m.call_id)
            .ok_or_else(|| bad_call(m.call_id))?;
        reply(
            out,
            BadCallConf {
                invoke_id: m.invoke_id,
                ..Default::default()
            },
        );
        Ok(())
    }
}

/// Put the new call's ID into an assistance notification.
fn with_call_id(m: Message, id: u32) -> Message {
    match m {
        Message::SupervisorAssistEvent(mut e) => {
            e.call_id = id;
            e.into()
        }
        Message::EmergencyCallEvent(mut e) => {
            e.connection_call_id = id;
            e.into()
        }
        other => other,
    }
}
