//! The hub: the contact center and the registry of open sessions, as a sans-IO state machine.
//!
//! The hub owns the [`ccx_sim::Center`] and knows every open session (node, mode, masks,
//! version, bound agent and phone, client id). It decides what a session alone cannot: whether
//! an OPEN_REQ may open (master role, agent data, devices in use, a client replacing its own
//! session), and who receives each event. It reads no clock and does no I/O: callers pass
//! `now` and collect what to send in [`Deliveries`]. An event is encoded once per protocol
//! version and the same [`Bytes`] handed to every recipient of that version.

use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};

use bytes::Bytes;
use ccx_sim::{Audience, Center, Config, Ctx, NewCall, Out};
use cti_proto::codes::{
    AgentState, AgentStateMask, CallEventMask, CcxStatus, ConfigMsgMask, DeviceType, ServiceMask,
    SystemEventId,
};
use cti_proto::msg::{
    CtiMessage, FailureConf, FailureEvent, Message, OpenConf, OpenConfPeripheral, SystemEvent,
};
use cti_proto::wire::Settings;
use cti_proto::StatusCode;
use serde::Serialize;

use crate::session::{CloseReason, Millis, Mode, OpenRequest, SessionId};

/// Which node of the pair a connection arrived on (0 = the first `--listen`, 1 = `--standby`).
pub type NodeId = usize;

/// Services this server can grant (digest 03 §C.1).
const SUPPORTED_SERVICES: u32 =
    0x0000_0001 | 0x0000_0002 | 0x0000_0004 | 0x0000_0010 | 0x0000_0080 | 0x0000_2000 | 0x0004_0000;

/// What the hub wants sent or closed, in order.
#[derive(Debug, Default)]
pub struct Deliveries {
    /// Frames for sessions, in the order they must be written.
    pub frames: Vec<(SessionId, Bytes)>,
    /// Sessions to close once their frames above are written.
    pub closes: Vec<(SessionId, CloseReason)>,
    /// Events that could not be encoded for some version (logged; counted by the caller).
    pub encode_failures: u32,
}

impl Deliveries {
    /// Nothing to do.
    pub fn is_empty(&self) -> bool {
        self.frames.is_empty() && self.closes.is_empty()
    }
}

/// One open session as the hub sees it.
#[derive(Clone, Debug, Serialize)]
pub struct SessionInfo {
    /// Session id.
    pub id: SessionId,
    /// Node the session is connected to.
    pub node: NodeId,
    /// Client mode.
    pub mode: Mode,
    /// Negotiated protocol version.
    pub version: u8,
    /// IdleTimeout in seconds.
    pub idle_timeout_s: u32,
    /// ServicesGranted.
    pub services: u32,
    /// CallMsgMask.
    pub call_msg_mask: u32,
    /// AgentStateMask.
    pub agent_state_mask: u32,
    /// ConfigMsgMask.
    pub config_msg_mask: u32,
    /// ClientID.
    pub client_id: String,
    /// Login id of the bound agent (agent mode).
    pub agent: Option<String>,
    /// Extension of the bound agent (agent mode).
    pub extension: Option<String>,
    /// The bound phone (agent mode).
    pub instrument: Option<String>,
    /// True once the session asked for team updates (TEAM_CONFIG_REQ).
    pub team_updates: bool,
    /// True once the session asked for the configuration (CONFIG_REQUEST_EVENT); update
    /// blocks go only to such sessions.
    pub config_updates: bool,
    /// When the session opened, in server milliseconds.
    pub opened_at_ms: Millis,
}

/// The contact center and every open session.
pub struct Hub {
    center: Center,
    sessions: BTreeMap<SessionId, SessionInfo>,
    online: bool,
    master: NodeId,
    /// Wall-clock seconds (Unix time) at `now == 0`, for SYSTEM_EVENT.CCXTime.
    epoch_s: u32,
    /// One-shot fault: the next contact-center request fails inside the guarded call.
    fail_next_request: bool,
}

impl Hub {
    /// A hub around `center`; `epoch_s` is the Unix time at `now == 0`.
    pub fn new(center: Center, epoch_s: u32) -> Hub {
        Hub {
            center,
            sessions: BTreeMap::new(),
            online: true,
            master: 0,
            epoch_s,
            fail_next_request: false,
        }
    }

    /// The contact center.
    pub fn center(&self) -> &Center {
        &self.center
    }

    /// The contact center, for calls that emit nothing.
    pub fn center_mut(&mut self) -> &mut Center {
        &mut self.center
    }

    /// The open sessions.
    pub fn sessions(&self) -> impl Iterator<Item = &SessionInfo> {
        self.sessions.values()
    }

    /// One open session.
    pub fn session(&self, id: SessionId) -> Option<&SessionInfo> {
        self.sessions.get(&id)
    }

    /// Number of open sessions.
    pub fn session_count(&self) -> usize {
        self.sessions.len()
    }

    /// True while Unified CCX is online (OPEN_CONF.UnifiedCCXOnline).
    pub fn online(&self) -> bool {
        self.online
    }

    /// The node that accepts sessions.
    pub fn master(&self) -> NodeId {
        self.master
    }

    /// Decide an OPEN_REQ that arrived on `node`. On success the session is registered and
    /// the OPEN_CONF to send is returned; older sessions this one replaces get their
    /// FAILURE_EVENT and close in `d`.
    pub fn open(
        &mut self,
        now: Millis,
        id: SessionId,
        node: NodeId,
        req: &OpenRequest,
        d: &mut Deliveries,
    ) -> Result<OpenConf, (StatusCode, Option<String>)> {
        if node != self.master {
            return Err((
                StatusCode::E_CTI_SERVER_NOT_MASTER,
                Some("this node is the standby; connect to the master".into()),
            ));
        }
        let mut granted = ServiceMask(req.services_requested.0 & SUPPORTED_SERVICES);
        if req.version < 12 {
            granted = ServiceMask(granted.0 & !ServiceMask::CTI_AGENT_STATE_CONTROL_ONLY.0);
        }
        match req.mode {
            Mode::Agent => granted.0 &= !ServiceMask::CTI_SERVICE_ALL_EVENTS.0,
            Mode::Bridge => granted.0 &= !ServiceMask::CTI_SERVICE_CLIENT_EVENTS.0,
            Mode::Plain => {}
        }
        let mut conf = OpenConf {
            invoke_id: req.invoke_id,
            ccx_online: self.online,
            agent_state: AgentState::AGENT_STATE_LOGOUT,
            ..Default::default()
        };
        let mut info = SessionInfo {
            id,
            node,
            mode: req.mode,
            version: req.version,
            idle_timeout_s: req.idle_timeout_s,
            services: 0,
            call_msg_mask: req.call_msg_mask.0,
            agent_state_mask: req.agent_state_mask.0,
            config_msg_mask: req.config_msg_mask.0,
            client_id: req.client_id.clone(),
            agent: None,
            extension: None,
            instrument: None,
            team_updates: false,
            config_updates: false,
            opened_at_ms: now,
        };
        if req.mode == Mode::Agent {
            let agent = self
                .center
                .lookup_agent(
                    req.agent_id.as_deref(),
                    req.agent_extension.as_deref(),
                    req.agent_instrument.as_deref(),
                )
                .map_err(|status| {
                    (
                        status,
                        Some("no configured agent matches AgentID, AgentExtension and AgentInstrument".into()),
                    )
                })?;
            // One phone, one client: another client's session on this phone or agent refuses
            // the open; the same client's older session is replaced by this one.
            let holders: Vec<(SessionId, bool)> = self
                .sessions
                .values()
                .filter(|s| {
                    s.mode == Mode::Agent
                        && (s.instrument.as_deref() == Some(agent.instrument.as_str())
                            || s.agent.as_deref() == Some(agent.login_id.as_str()))
                })
                .map(|s| (s.id, s.client_id == req.client_id))
                .collect();
            if holders.iter().any(|(_, same_client)| !same_client) {
                return Err((
                    StatusCode::E_CTI_DEVICE_IN_USE,
                    Some(format!(
                        "phone {} is in use by another client",
                        agent.instrument
                    )),
                ));
            }
            for (old, _) in holders {
                let failure = FailureEvent {
                    status: StatusCode::E_CTI_NEW_SESSION_OPENED,
                    text: Some(format!("session {id} of the same client replaces this one").into()),
                    ..Default::default()
                };
                if let Some(info) = self.sessions.get(&old) {
                    let s = Settings::new(info.version);
                    match failure.to_bytes(&s) {
                        Ok(b) => d.frames.push((old, b)),
                        Err(_) => d.encode_failures += 1,
                    }
                }
                self.end(now, old, CloseReason::Replaced, d);
            }
            if !granted.contains(ServiceMask::CTI_SERVICE_SUPERVISOR) || !agent.supervisor {
                granted.0 &= !ServiceMask::CTI_SERVICE_SUPERVISOR.0;
            }
            conf.agent_state = self
                .center
                .agent_state(&agent.login_id)
                .unwrap_or(agent.state);
            conf.agent_extension = Some(agent.extension.clone().into());
            conf.agent_instrument = Some(agent.instrument.clone().into());
            conf.agent_id = Some(agent.login_id.clone().into());
            self.center.set_driven(&agent.login_id, true);
            info.agent = Some(agent.login_id);
            info.extension = Some(agent.extension);
            info.instrument = Some(agent.instrument);
        }
        if req.version >= 14 {
            conf.peripherals = vec![OpenConfPeripheral {
                peripheral_id: Some(0),
                multiline_agent_control: Some(1),
            }];
        }
        if req.version >= 18 {
            let config_granted = if granted.contains(ServiceMask::CTI_SERVICE_CONFIG_EVENTS) {
                req.config_msg_mask.0 & 0x1F
            } else {
                0
            };
            conf.config_msg_mask_granted = Some(config_granted as u16);
        }
        conf.services_granted = granted;
        info.services = granted.0;
        self.sessions.insert(id, info);
        Ok(conf)
    }

    /// A request from an open session. Returns the replies for the requester; events go to
    /// `d`. A panic inside the contact center is an internal failure: logged and answered
    /// with E_CTI_UNSPECIFIED_FAILURE, never a crash.
    pub fn request(
        &mut self,
        now: Millis,
        id: SessionId,
        msg: &Message,
        d: &mut Deliveries,
    ) -> Vec<Message> {
        let invoke_id = msg.invoke_id().unwrap_or(0);
        let Some(info) = self.sessions.get_mut(&id) else {
            return vec![failure_conf(
                invoke_id,
                StatusCode::E_CTI_SESSION_NOT_OPEN,
                None,
            )];
        };
        let services = ServiceMask(info.services);
        match msg {
            Message::TeamConfigReq(_) if services.contains(ServiceMask::CTI_SERVICE_SUPERVISOR) => {
                info.team_updates = true
            }
            Message::ConfigRequestEvent(_)
                if services.contains(ServiceMask::CTI_SERVICE_CONFIG_EVENTS) =>
            {
                info.config_updates = true
            }
            _ => {}
        }
        let ctx = ctx_of(info);
        let fail_now = std::mem::take(&mut self.fail_next_request);
        let center = &mut self.center;
        let result = catch_unwind(AssertUnwindSafe(|| {
            if fail_now {
                panic!("injected internal failure (POST /api/faults/internal-error)");
            }
            center.request(now, &ctx, msg)
        }));
        match result {
            Ok(outs) => {
                let mut replies = Vec::new();
                self.route(outs, Some(&mut replies), d);
                replies
            }
            Err(panic) => {
                let what = panic_text(&panic);
                tracing::error!(session = id, message = msg.name(), panic = %what, "internal failure while handling a request");
                vec![failure_conf(
                    invoke_id,
                    StatusCode::E_CTI_UNSPECIFIED_FAILURE,
                    Some("internal failure".into()),
                )]
            }
        }
    }

    /// Arm a one-shot internal failure for the next contact-center request.
    pub fn inject_internal_failure(&mut self) {
        self.fail_next_request = true;
    }

    /// A session went away (closed, dropped, timed out). Idempotent.
    pub fn session_ended(&mut self, now: Millis, id: SessionId, d: &mut Deliveries) {
        if let Some(info) = self.sessions.remove(&id) {
            self.forget(now, info, d);
        }
    }

    fn end(&mut self, now: Millis, id: SessionId, reason: CloseReason, d: &mut Deliveries) {
        if let Some(info) = self.sessions.remove(&id) {
            d.closes.push((id, reason));
            self.forget(now, info, d);
        }
    }

    fn forget(&mut self, now: Millis, info: SessionInfo, d: &mut Deliveries) {
        let ctx = ctx_of(&info);
        if let Some(agent) = &info.agent {
            let still_driven = self
                .sessions
                .values()
                .any(|s| s.agent.as_deref() == Some(agent.as_str()));
            if !still_driven {
                self.center.set_driven(agent, false);
            }
        }
        let center = &mut self.center;
        match catch_unwind(AssertUnwindSafe(|| center.session_ended(now, &ctx))) {
            Ok(outs) => self.route(outs, None, d),
            Err(panic) => {
                tracing::error!(session = info.id, panic = %panic_text(&panic), "internal failure while ending a session");
            }
        }
    }

    /// When [`Hub::tick`] next has something to do.
    pub fn next_deadline(&self) -> Option<Millis> {
        self.center.next_deadline()
    }

    /// Fire the contact center's timers due at `now`.
    pub fn tick(&mut self, now: Millis, d: &mut Deliveries) {
        let center = &mut self.center;
        match catch_unwind(AssertUnwindSafe(|| center.tick(now))) {
            Ok(outs) => self.route(outs, None, d),
            Err(panic) => {
                tracing::error!(panic = %panic_text(&panic), "internal failure in the contact center's timers")
            }
        }
    }

    /// Unified CCX goes offline or online: SYSTEM_EVENT to every session; OPEN_CONF follows.
    pub fn set_online(&mut self, now: Millis, online: bool, d: &mut Deliveries) {
        if self.online == online {
            return;
        }
        self.online = online;
        let (id, status, text) = if online {
            (
                SystemEventId::SYS_CCX_ONLINE,
                CcxStatus::CCX_IN_SERVICE,
                "Unified CCX is online",
            )
        } else {
            (
                SystemEventId::SYS_CCX_OFFLINE,
                CcxStatus::CCX_OUT_OF_SERVICE,
                "Unified CCX is offline",
            )
        };
        let ev = self.system_event(now, id, status, text);
        self.fan_out(&ev, |_| true, d);
    }

    /// The phone system (Unified CM) goes down or comes back.
    pub fn set_phone_system_up(&mut self, now: Millis, up: bool, d: &mut Deliveries) {
        let outs = self.center.set_phone_system_up(now, up);
        self.route(outs, None, d);
    }

    /// New configuration while running: the update blocks, then FAILURE_EVENT
    /// E_CTI_AUTO_CONFIG_RESET to every configuration client.
    pub fn replace_config(&mut self, now: Millis, config: Config, d: &mut Deliveries) {
        let outs = self.center.replace_config(now, config);
        self.route(outs, None, d);
        let reset: Message = FailureEvent {
            status: StatusCode::E_CTI_AUTO_CONFIG_RESET,
            text: Some(
                "configuration changed: request the keys and the configuration again".into(),
            ),
            ..Default::default()
        }
        .into();
        self.fan_out(
            &reset,
            |s| ServiceMask(s.services).contains(ServiceMask::CTI_SERVICE_CONFIG_EVENTS),
            d,
        );
    }

    /// An inbound call arrives (POST /api/calls).
    pub fn inject_call(
        &mut self,
        now: Millis,
        call: NewCall,
        d: &mut Deliveries,
    ) -> Result<u32, ccx_sim::SimError> {
        let (call_id, outs) = self.center.inject_call(now, call)?;
        self.route(outs, None, d);
        Ok(call_id)
    }

    /// Start, change or stop simulated traffic.
    pub fn set_traffic(
        &mut self,
        now: Millis,
        traffic: Option<ccx_sim::Traffic>,
        d: &mut Deliveries,
    ) {
        let outs = self.center.set_traffic(now, traffic);
        self.route(outs, None, d);
    }

    /// Swap the roles: the other node becomes master, and the sessions of the old master are
    /// dropped without a word, as a failed node's would be. Returns the new master.
    pub fn failover(&mut self, now: Millis, d: &mut Deliveries) -> NodeId {
        let old = self.master;
        self.master = 1 - old;
        let ids: Vec<SessionId> = self
            .sessions
            .values()
            .filter(|s| s.node == old)
            .map(|s| s.id)
            .collect();
        for id in ids {
            self.end(now, id, CloseReason::Failover, d);
        }
        self.master
    }

    /// The server is stopping: SYSTEM_EVENT (CCX_SHUTTING_DOWN) to every session, then every
    /// session closes.
    pub fn shutdown(&mut self, now: Millis, d: &mut Deliveries) {
        let ev = self.system_event(
            now,
            SystemEventId::SYS_CCX_OFFLINE,
            CcxStatus::CCX_SHUTTING_DOWN,
            "the CTI server is shutting down",
        );
        self.fan_out(&ev, |_| true, d);
        let ids: Vec<SessionId> = self.sessions.keys().copied().collect();
        for id in ids {
            self.end(now, id, CloseReason::Shutdown, d);
        }
    }

    fn system_event(
        &self,
        now: Millis,
        id: SystemEventId,
        status: CcxStatus,
        text: &str,
    ) -> Message {
        SystemEvent {
            ccx_status: status,
            ccx_time: self.epoch_s.wrapping_add((now / 1000) as u32),
            system_event_id: id,
            event_device_type: DeviceType::DEVID_NONE,
            text: Some(text.into()),
            ..Default::default()
        }
        .into()
    }

    /// Send the contact center's outputs: replies to the requester, events by audience.
    fn route(
        &mut self,
        outs: Vec<Out>,
        mut replies: Option<&mut Vec<Message>>,
        d: &mut Deliveries,
    ) {
        for out in outs {
            match out {
                Out::Reply(m) => match replies.as_deref_mut() {
                    Some(r) => r.push(m),
                    None => {
                        tracing::warn!(
                            message = m.name(),
                            "a reply without a requester was dropped"
                        )
                    }
                },
                Out::Event(ev) => {
                    let msg = ev.msg;
                    match ev.audience {
                        Audience::Agents(agents) => self.fan_out(
                            &msg,
                            |s| match s.mode {
                                Mode::Bridge => passes_masks(s, &msg),
                                Mode::Agent => {
                                    s.agent.as_ref().is_some_and(|a| agents.contains(a))
                                        && passes_masks(s, &msg)
                                }
                                Mode::Plain => false,
                            },
                            d,
                        ),
                        Audience::AgentsOnly(agents) => self.fan_out(
                            &msg,
                            |s| {
                                s.mode == Mode::Agent
                                    && s.agent.as_ref().is_some_and(|a| agents.contains(a))
                                    && passes_masks(s, &msg)
                            },
                            d,
                        ),
                        Audience::Bridge => self.fan_out(
                            &msg,
                            |s| s.mode == Mode::Bridge && passes_masks(s, &msg),
                            d,
                        ),
                        Audience::Config(mask) => self.fan_out(
                            &msg,
                            |s| {
                                s.config_updates
                                    && ServiceMask(s.services)
                                        .contains(ServiceMask::CTI_SERVICE_CONFIG_EVENTS)
                                    && ConfigMsgMask(s.config_msg_mask).intersects(mask)
                            },
                            d,
                        ),
                        Audience::Team => self.fan_out(&msg, |s| s.team_updates, d),
                        Audience::All => self.fan_out(&msg, |_| true, d),
                    }
                }
            }
        }
    }

    /// Encode `msg` once per version among the sessions `to` selects, and queue it for each.
    fn fan_out(&self, msg: &Message, to: impl Fn(&SessionInfo) -> bool, d: &mut Deliveries) {
        let mut by_version: [Option<Option<Bytes>>; 9] = Default::default();
        for s in self.sessions.values().filter(|s| to(s)) {
            let slot = &mut by_version[(s.version.clamp(10, 18) - 10) as usize];
            let bytes = slot.get_or_insert_with(|| {
                let r = msg.to_bytes(&Settings::new(s.version));
                if let Err(e) = &r {
                    tracing::error!(message = msg.name(), version = s.version, error = %e, "event failed to encode");
                }
                r.ok()
            });
            match bytes {
                Some(b) => d.frames.push((s.id, b.clone())),
                None => d.encode_failures += 1,
            }
        }
    }
}

fn ctx_of(s: &SessionInfo) -> Ctx {
    Ctx {
        session: s.id,
        version: s.version,
        services: ServiceMask(s.services),
        agent: s.agent.clone(),
        instrument: s.instrument.clone(),
        client_id: s.client_id.clone(),
        config_msg_mask: ConfigMsgMask(s.config_msg_mask),
    }
}

fn failure_conf(invoke_id: u32, status: StatusCode, text: Option<String>) -> Message {
    FailureConf {
        invoke_id,
        status,
        text: text.map(Into::into),
        ..Default::default()
    }
    .into()
}

fn panic_text(p: &Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = p.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = p.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic".to_string()
    }
}

/// The CallMsgMask bit that selects a call event, if the message is one.
pub fn call_event_bit(msg: &Message) -> Option<CallEventMask> {
    use Message as M;
    let bit = match msg {
        M::CallDeliveredEvent(_) => CallEventMask::CALL_DELIVERED_MASK,
        M::CallQueuedEvent(_) => CallEventMask::CALL_QUEUED_MASK,
        M::CallEstablishedEvent(_) => CallEventMask::CALL_ESTABLISHED_MASK,
        M::CallHeldEvent(_) => CallEventMask::CALL_HELD_MASK,
        M::CallRetrievedEvent(_) => CallEventMask::CALL_RETRIEVED_MASK,
        M::CallClearedEvent(_) => CallEventMask::CALL_CLEARED_MASK,
        M::CallConnectionClearedEvent(_) => CallEventMask::CALL_CONNECTION_CLEARED_MASK,
        M::CallOriginatedEvent(_) => CallEventMask::CALL_ORIGINATED_MASK,
        M::CallConferencedEvent(_) => CallEventMask::CALL_CONFERENCED_MASK,
        M::CallTransferredEvent(_) => CallEventMask::CALL_TRANSFERRED_MASK,
        M::CallDivertedEvent(_) => CallEventMask::CALL_DIVERTED_MASK,
        M::CallServiceInitiatedEvent(_) => CallEventMask::CALL_SERVICE_INITIATED_MASK,
        M::BeginCallEvent(_) => CallEventMask::BEGIN_CALL_MASK,
        M::EndCallEvent(_) => CallEventMask::END_CALL_MASK,
        M::CallDataUpdateEvent(_) => CallEventMask::CALL_DATA_UPDATE_MASK,
        M::CallFailedEvent(_) => CallEventMask::CALL_FAILED_MASK,
        M::CallDequeuedEvent(_) => CallEventMask::CALL_DEQUEUED_MASK,
        M::RtpStartedEvent(_) => CallEventMask::RTP_STARTED_MASK,
        M::RtpStoppedEvent(_) => CallEventMask::RTP_STOPPED_MASK,
        _ => return None,
    };
    Some(bit)
}

/// The AgentStateMask bit that selects an AGENT_STATE_EVENT by the agent's new state.
pub fn agent_state_bit(state: AgentState) -> Option<AgentStateMask> {
    let bit = match state {
        AgentState::AGENT_STATE_LOGIN => AgentStateMask::AGENT_LOGIN_MASK,
        AgentState::AGENT_STATE_LOGOUT => AgentStateMask::AGENT_LOGOUT_MASK,
        AgentState::AGENT_STATE_NOT_READY => AgentStateMask::AGENT_NOT_READY_MASK,
        AgentState::AGENT_STATE_READY => AgentStateMask::AGENT_AVAILABLE_MASK,
        AgentState::AGENT_STATE_TALKING => AgentStateMask::AGENT_TALKING_MASK,
        AgentState::AGENT_STATE_WORK | AgentState::AGENT_STATE_WORK_READY => {
            AgentStateMask::AGENT_WORK_MASK
        }
        AgentState::AGENT_STATE_RESERVED => AgentStateMask::AGENT_RESERVED_MASK,
        _ => return None,
    };
    Some(bit)
}

/// True when the session's CallMsgMask / AgentStateMask let `msg` through. Messages no mask
/// governs always pass.
fn passes_masks(s: &SessionInfo, msg: &Message) -> bool {
    if let Some(bit) = call_event_bit(msg) {
        return CallEventMask(s.call_msg_mask).intersects(bit);
    }
    if let Message::AgentStateEvent(a) = msg {
        if let Some(bit) = agent_state_bit(a.agent_state) {
            return AgentStateMask(s.agent_state_mask).intersects(bit);
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use ccx_sim::Config;

    fn hub() -> Hub {
        Hub::new(Center::new(Config::demo(), 1), 1_700_000_000)
    }

    fn open_req(mode: Mode, version: u8, client: &str, agent: Option<&str>) -> OpenRequest {
        let services = match mode {
            Mode::Agent => {
                ServiceMask::CTI_SERVICE_CLIENT_EVENTS | ServiceMask::CTI_SERVICE_ALL_EVENTS
            }
            Mode::Bridge => {
                ServiceMask::CTI_SERVICE_ALL_EVENTS | ServiceMask::CTI_SERVICE_CONFIG_EVENTS
            }
            Mode::Plain => ServiceMask::CTI_SERVICE_CONFIG_EVENTS,
        };
        OpenRequest {
            invoke_id: 1,
            version,
            idle_timeout_s: 60,
            services_requested: services,
            mode,
            call_msg_mask: CallEventMask(0xFFFF_FFFF),
            agent_state_mask: AgentStateMask(0x1FF),
            config_msg_mask: ConfigMsgMask(0x1F),
            client_id: client.into(),
            client_signature: None,
            agent_id: agent.map(str::to_string),
            agent_extension: None,
            agent_instrument: None,
        }
    }

    #[test]
    fn services_granted_keep_one_mode_and_what_the_version_has() {
        let mut h = hub();
        let mut d = Deliveries::default();
        let mut req = open_req(Mode::Agent, 11, "c", Some("agent01"));
        req.services_requested |=
            ServiceMask::CTI_AGENT_STATE_CONTROL_ONLY | ServiceMask(0x8000_0000);
        let conf = h.open(0, 1, 0, &req, &mut d).unwrap();
        assert_eq!(
            conf.services_granted,
            ServiceMask::CTI_SERVICE_CLIENT_EVENTS
        );
        assert!(conf.peripherals.is_empty(), "v14 fields only from 14");
        assert_eq!(conf.config_msg_mask_granted, None);
        let conf = h
            .open(0, 2, 0, &open_req(Mode::Bridge, 18, "b", None), &mut d)
            .unwrap();
        assert_eq!(
            conf.services_granted,
            ServiceMask::CTI_SERVICE_ALL_EVENTS | ServiceMask::CTI_SERVICE_CONFIG_EVENTS
        );
        assert_eq!(conf.config_msg_mask_granted, Some(0x1F));
        assert_eq!(conf.peripherals.len(), 1);
    }

    #[test]
    fn one_phone_one_client() {
        let mut h = hub();
        let mut d = Deliveries::default();
        h.open(
            0,
            1,
            0,
            &open_req(Mode::Agent, 16, "a", Some("agent01")),
            &mut d,
        )
        .unwrap();
        let err = h
            .open(
                0,
                2,
                0,
                &open_req(Mode::Agent, 16, "b", Some("agent01")),
                &mut d,
            )
            .unwrap_err();
        assert_eq!(err.0, StatusCode::E_CTI_DEVICE_IN_USE);
        assert!(d.is_empty());
        h.open(
            0,
            3,
            0,
            &open_req(Mode::Agent, 18, "a", Some("agent01")),
            &mut d,
        )
        .unwrap();
        assert_eq!(d.closes, vec![(1, CloseReason::Replaced)]);
        assert_eq!(d.frames.len(), 1);
        assert_eq!(d.frames[0].0, 1);
        assert_eq!(h.session_count(), 1);
        assert_eq!(h.session(3).unwrap().agent.as_deref(), Some("agent01"));
        let err = h
            .open(
                0,
                4,
                0,
                &open_req(Mode::Agent, 16, "a", Some("ghost")),
                &mut d,
            )
            .unwrap_err();
        assert_eq!(err.0, StatusCode::E_CTI_INVALID_AGENT_DATA);
    }

    #[test]
    fn an_event_is_encoded_once_per_version_and_shared() {
        let mut h = hub();
        let mut d = Deliveries::default();
        for (id, v) in [(1, 16), (2, 16), (3, 18), (4, 16)] {
            h.open(0, id, 0, &open_req(Mode::Bridge, v, "b", None), &mut d)
                .unwrap();
        }
        h.set_online(1000, false, &mut d);
        assert_eq!(d.frames.len(), 4);
        let ptr = |i: usize| d.frames[i].1.as_ptr();
        assert_eq!(ptr(0), ptr(1), "v16 sessions share one buffer");
        assert_eq!(ptr(0), ptr(3));
        assert_ne!(ptr(0), ptr(2), "v18 has its own encoding");
        // Going offline twice says nothing new.
        let mut d = Deliveries::default();
        h.set_online(2000, false, &mut d);
        assert!(d.is_empty());
    }

    #[test]
    fn failover_drops_the_old_masters_sessions_and_refuses_opens_there() {
        let mut h = hub();
        let mut d = Deliveries::default();
        h.open(0, 1, 0, &open_req(Mode::Bridge, 16, "b", None), &mut d)
            .unwrap();
        let err = h
            .open(0, 2, 1, &open_req(Mode::Bridge, 16, "b", None), &mut d)
            .unwrap_err();
        assert_eq!(err.0, StatusCode::E_CTI_SERVER_NOT_MASTER);
        assert_eq!(h.failover(10, &mut d), 1);
        assert_eq!(d.closes, vec![(1, CloseReason::Failover)]);
        assert!(d.frames.is_empty(), "a failed node says nothing");
        h.open(20, 2, 1, &open_req(Mode::Bridge, 16, "b", None), &mut d)
            .unwrap();
        let err = h
            .open(0, 3, 0, &open_req(Mode::Bridge, 16, "b", None), &mut d)
            .unwrap_err();
        assert_eq!(err.0, StatusCode::E_CTI_SERVER_NOT_MASTER);
    }

    #[test]
    fn config_reset_goes_to_configuration_clients_only() {
        let mut h = hub();
        let mut d = Deliveries::default();
        h.open(0, 1, 0, &open_req(Mode::Plain, 18, "cfg", None), &mut d)
            .unwrap();
        let mut no_config = open_req(Mode::Bridge, 16, "b", None);
        no_config.services_requested = ServiceMask::CTI_SERVICE_ALL_EVENTS;
        h.open(0, 2, 0, &no_config, &mut d).unwrap();
        h.replace_config(5, Config::demo(), &mut d);
        let to_2 = d.frames.iter().filter(|(id, _)| *id == 2).count();
        assert_eq!(to_2, 0);
        let last = &d.frames.last().unwrap();
        assert_eq!(last.0, 1);
        assert_eq!(
            &last.1[4..12],
            &[0, 0, 0, 2, 0, 0, 0, 96],
            "FAILURE_EVENT 96"
        );
    }

    #[test]
    fn masks_select_events_by_type_and_state() {
        let s = SessionInfo {
            id: 1,
            node: 0,
            mode: Mode::Bridge,
            version: 16,
            idle_timeout_s: 60,
            services: 0x10,
            call_msg_mask: CallEventMask::CALL_DELIVERED_MASK.0,
            agent_state_mask: AgentStateMask::AGENT_AVAILABLE_MASK.0,
            config_msg_mask: 0,
            client_id: String::new(),
            agent: None,
            extension: None,
            instrument: None,
            team_updates: false,
            config_updates: false,
            opened_at_ms: 0,
        };
        let delivered = Message::CallDeliveredEvent(Default::default());
        let cleared = Message::CallClearedEvent(Default::default());
        let ready = Message::AgentStateEvent(cti_proto::msg::AgentStateEvent {
            agent_state: AgentState::AGENT_STATE_READY,
            ..Default::default()
        });
        let talking = Message::AgentStateEvent(cti_proto::msg::AgentStateEvent {
            agent_state: AgentState::AGENT_STATE_TALKING,
            ..Default::default()
        });
        assert!(passes_masks(&s, &delivered));
        assert!(!passes_masks(&s, &cleared));
        assert!(passes_masks(&s, &ready));
        assert!(!passes_masks(&s, &talking));
        assert!(passes_masks(&s, &Message::SystemEvent(Default::default())));
    }
}
