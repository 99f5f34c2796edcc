//! Agent states: SET_AGENT_STATE_REQ and QUERY_AGENT_STATE_REQ, the transitions calls cause,
//! wrap-up, and AGENT_STATE_EVENT.
//!
//! Every state change goes through [`Center::set_state`], which checks it against
//! [`is_legal_transition`], keeps the CSQs' available sets right and emits the event.

use cti_proto::codes::{
    AgentState, CcxErrorCode as CCX, ControlFailureCode as CF, ReasonCode, ServiceMask, StatusCode,
};
use cti_proto::msg::{
    AgentStateEvent, CsqState, QueryAgentStateConf, QueryAgentStateReq, SetAgentStateConf,
    SetAgentStateReq,
};

use super::{control_failure, emit, failure, given_s, reply, Center, Pending};
use crate::config::AgentKind;
use crate::{Audience, Ctx, Millis, Out};

const LOGIN: AgentState = AgentState::AGENT_STATE_LOGIN;
const LOGOUT: AgentState = AgentState::AGENT_STATE_LOGOUT;
const NOT_READY: AgentState = AgentState::AGENT_STATE_NOT_READY;
const READY: AgentState = AgentState::AGENT_STATE_READY;
const TALKING: AgentState = AgentState::AGENT_STATE_TALKING;
const WORK: AgentState = AgentState::AGENT_STATE_WORK;
const RESERVED: AgentState = AgentState::AGENT_STATE_RESERVED;

/// Whether the model may move an agent from `from` to `to`. Re-reporting the same state
/// (a new Not Ready reason, a re-login) is allowed. The table follows 05-agent §6: clients
/// move agents between Logout, Not Ready, Ready and Work; routing reserves Ready agents;
/// answering makes them Talking; a call's end leads to Work, Ready or Not Ready; ring no
/// answer leads from Reserved to Not Ready; a forced logout leaves any logged-in state.
pub fn is_legal_transition(from: AgentState, to: AgentState) -> bool {
    if from == to {
        return from != LOGIN;
    }
    match from {
        LOGOUT => to == NOT_READY,
        NOT_READY => matches!(to, READY | LOGOUT | TALKING),
        READY => matches!(to, NOT_READY | LOGOUT | RESERVED | TALKING),
        RESERVED => matches!(to, TALKING | NOT_READY | READY | LOGOUT),
        TALKING => matches!(to, WORK | READY | NOT_READY | LOGOUT),
        WORK => matches!(to, READY | NOT_READY | LOGOUT | TALKING),
        _ => false,
    }
}

impl Center {
    /// Change agent `a`'s state, emit AGENT_STATE_EVENT, and follow up (wrap-up timer,
    /// routing a waiting call to a newly Ready agent, simulated behaviour).
    pub(crate) fn set_state(
        &mut self,
        now: Millis,
        a: u32,
        state: AgentState,
        reason: ReasonCode,
        out: &mut Vec<Out>,
    ) {
        let old = self.agents[a as usize].state;
        debug_assert!(
            is_legal_transition(old, state),
            "illegal agent transition {old} -> {state}"
        );
        {
            let ag = &mut self.agents[a as usize];
            ag.state = state;
            ag.reason = reason;
            ag.since = now;
            ag.epoch = ag.epoch.wrapping_add(1);
            if state == LOGOUT {
                ag.pending = None;
            }
            if !matches!(state, RESERVED | TALKING | WORK) {
                ag.acd_csq = None;
            }
        }
        self.refresh_availability(now, a);
        let ev = self.agent_state_event(a);
        emit(out, ev, Audience::Agents(vec![self.login(a)]));
        if state == WORK {
            let secs = self.wrap_up_seconds(a);
            if secs > 0 {
                let epoch = self.agents[a as usize].epoch;
                self.timers.set(
                    now + secs as Millis * 1000,
                    super::Timer::WrapUp { agent: a, epoch },
                );
            }
        }
        if state == READY {
            self.route_to_agent(now, a, out);
        }
        self.sim_schedule(now, a);
    }

    fn wrap_up_seconds(&self, a: u32) -> u32 {
        let center = self.config.center.wrap_up_s;
        match self.agents[a as usize].acd_csq {
            Some(q) => self.csqs[q as usize].cfg.wrap_up_s.unwrap_or(center),
            None => center,
        }
    }

    pub(crate) fn on_wrap_up_end(&mut self, now: Millis, a: u32, epoch: u32, out: &mut Vec<Out>) {
        let ag = &self.agents[a as usize];
        if ag.epoch != epoch || ag.state != WORK {
            return;
        }
        // UCCX names the reason (AGT_WORK_TIMER_EXP) but not the target state; Ready is what
        // "WORK_READY: after-call work, becomes ready when finished" describes.
        let to = if self.phone_up { READY } else { NOT_READY };
        self.set_state(now, a, to, ReasonCode::AGT_WORK_TIMER_EXP, out);
    }

    /// Agent `a` has a connection that is no longer just ringing: it is Talking.
    pub(crate) fn agent_engaged(&mut self, now: Millis, a: u32, out: &mut Vec<Out>) {
        let ag = &mut self.agents[a as usize];
        match ag.state {
            TALKING | LOGOUT => {}
            RESERVED => self.set_state(now, a, TALKING, ReasonCode(0), out),
            s => {
                ag.before_call = s;
                self.set_state(now, a, TALKING, ReasonCode(0), out);
            }
        }
    }

    /// Agent `a`'s phone has no call any more: leave Talking for Work, Ready or Not Ready.
    pub(crate) fn agent_calls_ended(&mut self, now: Millis, a: u32, out: &mut Vec<Out>) {
        self.refresh_availability(now, a);
        let ag = &mut self.agents[a as usize];
        if ag.state != TALKING || !ag.calls.is_empty() {
            return;
        }
        let (to, reason) = match ag.pending.take() {
            Some(Pending::Work) => (WORK, ReasonCode(0)),
            Some(Pending::NotReady(r)) => (NOT_READY, r),
            None => match ag.acd_csq {
                Some(q) => {
                    if self.csqs[q as usize].cfg.auto_work {
                        (WORK, ReasonCode(0))
                    } else if self.config.center.auto_available {
                        (READY, ReasonCode(0))
                    } else {
                        (NOT_READY, ReasonCode::AGT_CALL_ENDED)
                    }
                }
                None => match ag.before_call {
                    READY => (READY, ReasonCode(0)),
                    WORK => (WORK, ReasonCode(0)),
                    _ => (NOT_READY, ReasonCode::AGT_CALL_ENDED),
                },
            },
        };
        let to = if to == READY && !self.phone_up {
            NOT_READY
        } else {
            to
        };
        self.set_state(now, a, to, reason, out);
    }

    /// Log agent `a` out. A call ringing at it (Reserved) goes back to its queue; calls it is
    /// on stay up (forced logout does not drop calls).
    pub(crate) fn logout(&mut self, now: Millis, a: u32, reason: ReasonCode, out: &mut Vec<Out>) {
        if self.agents[a as usize].state == RESERVED {
            self.withdraw_offer(now, a, LOGOUT, reason, out);
        }
        if self.agents[a as usize].logged_in() {
            self.set_state(now, a, LOGOUT, reason, out);
        }
    }

    /// The AGENT_STATE_EVENT describing agent `a` now.
    pub(crate) fn agent_state_event(&self, a: u32) -> AgentStateEvent {
        let ag = &self.agents[a as usize];
        let acd = ag.acd_csq;
        AgentStateEvent {
            csq_state: ag.state,
            state_duration: 0,
            csq_id: acd.map(|q| self.csqs[q as usize].cfg.id).unwrap_or(0),
            agent_state: ag.state,
            event_reason_code: ag.reason,
            agent_id: Some(ag.cfg.login_id.clone().into()),
            agent_extension: Some(ag.cfg.extension.clone().into()),
            agent_instrument: Some(ag.cfg.instrument().into()),
            csqs: self.csq_states(a),
            ..Default::default()
        }
    }

    /// The agent's state in each of its CSQs: while busy with a routed call, BUSY_OTHER in
    /// the CSQs the call did not come from.
    fn csq_states(&self, a: u32) -> Vec<CsqState> {
        let ag = &self.agents[a as usize];
        ag.csqs
            .iter()
            .map(|&(q, _)| CsqState {
                csq_id: self.csqs[q as usize].cfg.id,
                csq_state: match ag.acd_csq {
                    Some(busy) if busy != q && matches!(ag.state, RESERVED | TALKING | WORK) => {
                        AgentState::BUSY_OTHER
                    }
                    _ => ag.state,
                },
            })
            .collect()
    }

    /// Whether the session may change agent `a`'s state: its own agent, any agent for a
    /// bridge session with control, or a team member for a supervisor session.
    fn may_change_state(&self, ctx: &Ctx, a: u32) -> Result<(), (StatusCode, String)> {
        let control = ServiceMask::CTI_SERVICE_CLIENT_CONTROL
            | ServiceMask::CTI_AGENT_STATE_CONTROL_ONLY
            | ServiceMask::CTI_SERVICE_SUPERVISOR;
        if !ctx.services.intersects(control) {
            return Err((
                StatusCode::E_CTI_FUNCTION_NOT_AVAILABLE,
                "the session was not granted CLIENT_CONTROL or AGENT_STATE_CONTROL_ONLY".into(),
            ));
        }
        let target = &self.agents[a as usize].cfg;
        match ctx.agent.as_deref() {
            None => Ok(()),
            Some(me) if me == target.login_id => Ok(()),
            Some(me) => {
                let supervises = ctx.services.contains(ServiceMask::CTI_SERVICE_SUPERVISOR)
                    && self.supervises(me, target.team);
                if supervises {
                    Ok(())
                } else {
                    Err((
                        StatusCode::E_CTI_INVALID_AGENT_DATA,
                        format!(
                            "this session is bound to {me}, not to {} (and does not supervise its team)",
                            target.login_id
                        ),
                    ))
                }
            }
        }
    }

    /// Whether `login` is a supervisor of team `team`.
    pub(crate) fn supervises(&self, login: &str, team: u32) -> bool {
        self.config
            .teams
            .iter()
            .any(|t| t.id == team && t.supervisors.iter().any(|s| s == login))
    }

    pub(crate) fn set_agent_state(
        &mut self,
        now: Millis,
        ctx: &Ctx,
        req: &SetAgentStateReq,
        out: &mut Vec<Out>,
    ) {
        let inv = req.invoke_id;

        let auth_only = req.agent_state == LOGIN && req.forced_flag == 2;
        if req.forced_flag > 2
            || (req.forced_flag == 2 && (req.agent_state != LOGIN || ctx.version < 12))
        {
            return control_failure(
                out,
                inv,
                CF::CF_VALUE_OUT_OF_RANGE,
                CCX::CCX_INVALID_ARGUMENT,
                format!(
                    "ForcedFlag {} is not valid here (2 = authenticate only: LOGIN, version 12 and later)",
                    req.forced_flag
                ),
            );
        }
        // Identify the agent: AgentID (required for LOGIN / LOGOUT by the guide, accepted
        // for all), else the instrument, else the session's own agent.
        let instrument = Some(req.agent_instrument.as_str())
            .filter(|s| !(s.is_empty() || auth_only && s.eq_ignore_ascii_case("unknown")));
        let a = match (given_s(&req.agent_id), instrument) {
            (Some(id), ins) => self.find_agent(Some(id), None, ins),
            (None, Some(ins)) => self.find_agent(None, None, Some(ins)),
            (None, None) => ctx
                .agent
                .as_deref()
                .and_then(|l| self.agent_by_login.get(l).copied()),
        };
        let Some(a) = a else {
            if req.agent_state == LOGIN && given_s(&req.agent_id).is_none() {
                return failure(
                    out,
                    inv,
                    StatusCode::E_CTI_REQUIRED_DATA_MISSING,
                    "AgentID is required to log in".into(),
                );
            }
            return failure(
                out,
                inv,
                StatusCode::E_CTI_INVALID_AGENT_DATA,
                format!(
                    "no configured agent matches AgentID {:?} and AgentInstrument {:?}",
                    req.agent_id.as_deref().unwrap_or(""),
                    req.agent_instrument
                ),
            );
        };
        if let Err((status, text)) = self.may_change_state(ctx, a) {
            return failure(out, inv, status, text);
        }
        if req.agent_state == LOGIN {
            let Some(pw) = given_s(&req.agent_password) else {
                return failure(
                    out,
                    inv,
                    StatusCode::E_CTI_REQUIRED_DATA_MISSING,
                    "AgentPassword is required to log in".into(),
                );
            };
            // The password check is the UCCX user's; its status code is not documented for
            // UCCX (E_CTI_INVALID_PASSWORD is the UCCE value).
            if pw != self.agents[a as usize].cfg.password {
                return failure(
                    out,
                    inv,
                    StatusCode::E_CTI_INVALID_PASSWORD,
                    format!("wrong password for agent {}", self.login(a)),
                );
            }
            if auth_only {
                return reply(
                    out,
                    SetAgentStateConf {
                        invoke_id: inv,
                        ..Default::default()
                    },
                );
            }
        }
        if !self.phone_up {
            return failure(
                out,
                inv,
                StatusCode::E_CTI_JTAPI_CCM_PROBLEM,
                "the phone system (Unified CM) is down".into(),
            );
        }
        let state = self.agents[a as usize].state;
        let reason = req.event_reason_code;
        let incompatible = |out: &mut Vec<Out>, why: String| {
            control_failure(
                out,
                inv,
                CF::CF_REQUEST_INCOMPATIBLE_WITH_OBJECT,
                CCX::CCX_DEFAULT_ERROR_CODE,
                why,
            )
        };
        let conf = |out: &mut Vec<Out>| {
            reply(
                out,
                SetAgentStateConf {
                    invoke_id: inv,
                    ..Default::default()
                },
            )
        };
        if req.agent_state != LOGIN && state == LOGOUT {
            return failure(
                out,
                inv,
                StatusCode::E_CTI_AGENT_NOT_LOGGED_ON,
                format!("agent {} is not logged on", self.login(a)),
            );
        }
        match req.agent_state {
            LOGIN => {
                conf(out);
                if state == LOGOUT {
                    self.set_state(now, a, NOT_READY, ReasonCode::AGT_LOGON, out);
                } else {
                    // Already logged in: UCCX reports the re-login with the state unchanged.
                    let r = ReasonCode::AGT_RELOGON;
                    self.agents[a as usize].reason = r;
                    let ev = self.agent_state_event(a);
                    emit(out, ev, Audience::Agents(vec![self.login(a)]));
                }
            }
            LOGOUT => {
                let busy = matches!(state, TALKING | RESERVED);
                if busy && req.forced_flag != 1 {
                    return incompatible(
                        out,
                        format!(
                            "agent {} is {state}: logging out needs ForcedFlag 1",
                            self.login(a)
                        ),
                    );
                }
                let reason = if reason.0 == 0 && ctx.agent.as_deref() != Some(&self.agents[a as usize].cfg.login_id) && ctx.agent.is_some() {
                    ReasonCode::SUP_AGT_TO_LOGOUT
                } else {
                    reason
                };
                conf(out);
                self.logout(now, a, reason, out);
            }
            NOT_READY => {
                let reason = if reason.0 == 0 && ctx.agent.is_some() && ctx.agent.as_deref() != Some(&self.agents[a as usize].cfg.login_id) {
                    ReasonCode::SUP_AGT_TO_NOT_READY
                } else {
                    reason
                };
                match state {
                    TALKING => {
                        // "Talking pending Not Ready": applied when the call ends.
                        self.agents[a as usize].pending = Some(Pending::NotReady(reason));
                        conf(out);
                    }
                    RESERVED => {
                        conf(out);
                        self.withdraw_offer(now, a, NOT_READY, reason, out);
                    }
                    _ => {
                        conf(out);
                        self.set_state(now, a, NOT_READY, reason, out);
                    }
                }
            }
            READY => match state {
                READY => conf(out),
                NOT_READY | WORK => {
                    conf(out);
                    self.set_state(now, a, READY, reason, out);
                }
                _ => incompatible(
                    out,
                    format!("agent {} is {state} and cannot be made Ready now", self.login(a)),
                ),
            },
            WORK => match state {
                TALKING => {
                    self.agents[a as usize].pending = Some(Pending::Work);
                    conf(out);
                }
                WORK => conf(out),
                _ => incompatible(
                    out,
                    format!(
                        "agent {} is {state}: Work can only be requested while Talking",
                        self.login(a)
                    ),
                ),
            },
            other => control_failure(
                out,
                inv,
                CF::CF_VALUE_OUT_OF_RANGE,
                CCX::CCX_INVALID_ARGUMENT,
                format!("{other} cannot be requested; clients may ask for LOGIN, LOGOUT, NOT_READY, READY or WORK"),
            ),
        }
    }

    pub(crate) fn query_agent_state(
        &self,
        ctx: &Ctx,
        req: &QueryAgentStateReq,
        out: &mut Vec<Out>,
    ) {
        let inv = req.invoke_id;

        let (id, ext, ins) = (
            given_s(&req.agent_id),
            given_s(&req.agent_extension),
            given_s(&req.agent_instrument),
        );
        let a = if id.is_none() && ext.is_none() && ins.is_none() {
            match ctx
                .agent
                .as_deref()
                .and_then(|l| self.agent_by_login.get(l).copied())
            {
                Some(a) => Some(a),
                None => {
                    return failure(
                        out,
                        inv,
                        StatusCode::E_CTI_REQUIRED_DATA_MISSING,
                        "one of AgentID, AgentExtension, AgentInstrument is required".into(),
                    )
                }
            }
        } else {
            self.find_agent(id, ext, ins)
        };
        let Some(a) = a else {
            return failure(
                out,
                inv,
                StatusCode::E_CTI_INVALID_AGENT_DATA,
                "no configured agent matches the identifiers given".into(),
            );
        };
        let ag = &self.agents[a as usize];
        let on = ag.logged_in();
        reply(
            out,
            QueryAgentStateConf {
                invoke_id: inv,
                agent_state: ag.state,
                agent_extension: on.then(|| ag.cfg.extension.clone()).map(Into::into),
                agent_instrument: on.then(|| ag.cfg.instrument().to_owned()).map(Into::into),
                agent_id: ag.cfg.login_id.clone().into(),
                csqs: self.csq_states(a),
                internal_agent_state: None,
                ..Default::default()
            },
        );
    }

    /// Whether agent `a` is a supervisor.
    pub(crate) fn is_supervisor(&self, a: u32) -> bool {
        self.agents[a as usize].cfg.kind == AgentKind::Supervisor
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transitions_follow_the_table() {
        assert!(is_legal_transition(LOGOUT, NOT_READY));
        assert!(!is_legal_transition(LOGOUT, READY));
        assert!(is_legal_transition(READY, RESERVED));
        assert!(!is_legal_transition(NOT_READY, RESERVED));
        assert!(is_legal_transition(RESERVED, NOT_READY));
        assert!(is_legal_transition(TALKING, WORK));
        assert!(!is_legal_transition(WORK, RESERVED));
        assert!(!is_legal_transition(LOGIN, LOGIN));
        assert!(is_legal_transition(NOT_READY, NOT_READY));
    }
}
