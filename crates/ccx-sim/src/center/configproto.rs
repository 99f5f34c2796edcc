//! Configuration in force, and the configuration protocol: keys (CONFIG_REQUEST_KEY_EVENT →
//! CONFIG_KEY_EVENT), snapshots (CONFIG_REQUEST_EVENT → CONFIG_BEGIN_EVENT, records, at most
//! 10 per message, CONFIG_END_EVENT), update blocks when the configuration is replaced, and
//! team data (TEAM_CONFIG_REQ → TEAM_CONFIG_EVENTs, TEAM_CONFIG_CONF).
//!
//! A key is a 64-bit FNV-1a hash of its class's records (without the agents' live state), so it
//! changes exactly when that class changes, and a server restarted with the same file hands
//! out the same keys — a client's stored copy stays valid. A key is never 0, which means
//! "upload needed".

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;

use cti_proto::codes::{
    AgentState, ConfigEndStatus, ConfigKeyStatus, ConfigMsgMask, ConfigurationMask, ReasonCode,
    RecordType, ServiceMask,
};
use cti_proto::msg::{
    ConfigAgentCsq, ConfigAgentEvent, ConfigAgentRecord, ConfigApplicationEvent,
    ConfigApplicationRecord, ConfigBeginEvent, ConfigCsqEvent, ConfigCsqRecord, ConfigDeviceEvent,
    ConfigDeviceRecord, ConfigEndEvent, ConfigKeyEvent, ConfigRequestEvent, ConfigTerminalEvent,
    ConfigTerminalRecord, Message, TeamConfigConf, TeamConfigEvent, TeamConfigReq, TeamMember,
};

use super::{emit, reply, routing, AgentRt, Center, CsqRt, Keys, Ports};
use crate::config::{AgentKind, Config};
use crate::{configuration_mask_for, Audience, Ctx, Millis, Out};

/// Records per CONFIG_*_EVENT message.
const RECORDS_PER_MESSAGE: usize = 10;
/// Member records per TEAM_CONFIG_EVENT.
const MEMBERS_PER_TEAM_EVENT: usize = 64;

/// CONFIG_DEVICE_EVENT DeviceType values (not the DEVID_* of call events).
const CFG_DEV_AGENT: u16 = 3;
const CFG_DEV_ROUTE_POINT: u16 = 5;
const CFG_DEV_CTI_PORT: u16 = 6;
const CFG_DEV_CALL_CONTROL_GROUP: u16 = 7;

/// TEAM_CONFIG_EVENT Operation values.
const TEAM_ADD: u16 = 1;
const TEAM_REMOVE: u16 = 2;
const TEAM_CHANGE: u16 = 3;
/// AgentFlags.
const FLAG_PRIMARY_SUPERVISOR: u16 = 0x1;
const FLAG_SUPERVISOR: u16 = 0x4;
/// MemberType.
const MEMBER_AGENT: u16 = 1;
const MEMBER_CSQ: u16 = 2;

fn fnv1a(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h.max(1)
}

fn key_of<T: std::fmt::Debug>(records: &[T]) -> u64 {
    let mut s = String::new();
    for r in records {
        let _ = write!(s, "{r:?};");
    }
    fnv1a(&s)
}

/// A stable internal record ID for an agent (CONFIG_DEVICE_EVENT DeviceField0 of type 3).
fn agent_record_id(login: &str) -> u32 {
    (fnv1a(login) as u32 & 0x7FFF_FFFF).max(1)
}

/// The configuration records of one snapshot, each class in a stable order.
#[derive(Default)]
struct Records {
    apps: Vec<ConfigApplicationRecord>,
    csqs: Vec<ConfigCsqRecord>,
    agents: Vec<ConfigAgentRecord>,
    devices: Vec<ConfigDeviceRecord>,
    terminals: Vec<ConfigTerminalRecord>,
}

/// Build every record of `config`, with agent states left out (they are not configuration).
fn records_of(config: &Config) -> Records {
    let add = RecordType::RECORD_TYPE_ADD;
    let mut r = Records::default();
    for a in &config.applications {
        r.apps.push(ConfigApplicationRecord {
            record_type: add,
            application_id: a.id,
            max_queued: a.max_queued,
            previous_application_id: a.id,
            application_name: a.name.clone().into(),
            description: a.description.clone().map(Into::into),
        });
    }
    for q in &config.csqs {
        r.csqs.push(ConfigCsqRecord {
            record_type: add,
            csq_id: q.id,
            auto_work: Some(q.auto_work),
            csq_name: q.name.clone().into(),
            description: q.description.clone().map(Into::into),
            mr_domain_id: 0,
        });
    }
    for a in &config.agents {
        r.agents.push(ConfigAgentRecord {
            record_type: add,
            agent_type: if a.kind == AgentKind::Supervisor {
                2
            } else {
                1
            },
            login_id: a.login_id.clone().into(),
            last_name: Some(a.last_name.clone().into()),
            first_name: Some(a.first_name.clone().into()),
            extension: Some(a.extension.clone().into()),
            description: None,
            csqs: config
                .csqs
                .iter()
                .filter(|q| a.qualifies_for(q))
                .map(|q| ConfigAgentCsq { csq_id: q.id })
                .collect(),
            agent_state: None,
            mrd_id: None,
            active_terminal: None,
        });
    }
    let ccg = config.devices.call_control_group;
    for a in &config.agents {
        r.devices.push(ConfigDeviceRecord {
            record_type: add,
            device_field0: Some(agent_record_id(&a.login_id)),
            device_type: CFG_DEV_AGENT,
            device_field2: Some(a.login_id.clone().into()),
            device_field4: Some(a.extension.clone().into()),
            description: Some(format!("{} {}", a.first_name, a.last_name).into()),
            ..Default::default()
        });
    }
    for app in &config.applications {
        for t in &app.triggers {
            r.devices.push(ConfigDeviceRecord {
                record_type: add,
                device_field0: Some(ccg),
                device_type: CFG_DEV_ROUTE_POINT,
                max_queued: Some(app.max_queued),
                device_field1: Some(app.id),
                device_field2: Some(t.clone().into()),
                description: Some(format!("trigger of {}", app.name).into()),
                ..Default::default()
            });
        }
    }
    for p in &config.devices.cti_ports {
        r.devices.push(ConfigDeviceRecord {
            record_type: add,
            device_field0: Some(ccg),
            device_type: CFG_DEV_CTI_PORT,
            device_field2: Some(p.clone().into()),
            description: Some("CTI port".into()),
            ..Default::default()
        });
    }
    if !config.devices.cti_ports.is_empty() || !config.applications.is_empty() {
        r.devices.push(ConfigDeviceRecord {
            record_type: add,
            device_field0: Some(ccg),
            device_type: CFG_DEV_CALL_CONTROL_GROUP,
            max_queued: Some(config.devices.cti_ports.len() as u32),
            description: Some("call control group".into()),
            ..Default::default()
        });
    }
    for a in &config.agents {
        // One terminal (phone) per agent extension; the device name follows Cisco's
        // SEP<MAC> pattern with a made-up, stable MAC.
        r.terminals.push(ConfigTerminalRecord {
            record_type: add,
            terminal_type: 1,
            terminal_device_name: format!("SEP{:012X}", fnv1a(&a.extension) & 0xFFFF_FFFF_FFFF)
                .into(),
            terminal_type_name: "Cisco 8841".into(),
            instruments: vec![a.instrument().into()],
        });
    }
    r
}

fn keys_of(r: &Records) -> Keys {
    Keys {
        application: key_of(&r.apps),
        csq: key_of(&r.csqs),
        agent: key_of(&r.agents),
        device: key_of(&r.devices),
    }
}

/// Add / Change / Delete records turning `old` into `new`; `id` is a record's identity.
fn diff<T: Clone + PartialEq, K: Ord>(
    old: &[T],
    new: &[T],
    id: impl Fn(&T) -> K,
    set_type: impl Fn(&mut T, RecordType),
) -> Vec<T> {
    let old_by: BTreeMap<K, &T> = old.iter().map(|r| (id(r), r)).collect();
    let new_by: BTreeMap<K, &T> = new.iter().map(|r| (id(r), r)).collect();
    let mut out = Vec::new();
    for r in old {
        if !new_by.contains_key(&id(r)) {
            let mut d = r.clone();
            set_type(&mut d, RecordType::RECORD_TYPE_DELETE);
            out.push(d);
        }
    }
    for r in new {
        match old_by.get(&id(r)) {
            None => out.push(r.clone()),
            Some(o) if *o != r => {
                let mut c = r.clone();
                set_type(&mut c, RecordType::RECORD_TYPE_CHANGE);
                out.push(c);
            }
            Some(_) => {}
        }
    }
    out
}

/// Members of every team as (member ID, member type) → flags.
fn team_members(config: &Config) -> HashMap<u32, BTreeMap<(u16, String), u16>> {
    let mut m: HashMap<u32, BTreeMap<(u16, String), u16>> = HashMap::new();
    for t in &config.teams {
        let e = m.entry(t.id).or_default();
        for a in config.team_members(t.id) {
            e.insert((MEMBER_AGENT, a.login_id.clone()), 0);
        }
        for (i, s) in t.supervisors.iter().enumerate() {
            let flag = if i == 0 {
                FLAG_PRIMARY_SUPERVISOR
            } else {
                FLAG_SUPERVISOR
            };
            e.insert((MEMBER_AGENT, s.clone()), flag);
        }
        for q in &t.csqs {
            e.insert((MEMBER_CSQ, q.to_string()), 0);
        }
    }
    m
}

fn member(kind: u16, id: &str, flags: u16, rt: RecordType) -> TeamMember {
    TeamMember {
        agent_id: id.into(),
        agent_flags: Some(flags),
        record_type: Some(rt),
        member_type: Some(kind),
    }
}

/// TEAM_CONFIG_EVENTs for one team: the first with `op`, further ones (more than 64 members)
/// as Change with more Add records.
fn team_events(id: u32, name: &str, op: u16, members: Vec<TeamMember>) -> Vec<TeamConfigEvent> {
    if members.is_empty() {
        return vec![TeamConfigEvent {
            team_id: id,
            operation: op,
            team_name: name.into(),
            ..Default::default()
        }];
    }
    members
        .chunks(MEMBERS_PER_TEAM_EVENT)
        .enumerate()
        .map(|(i, chunk)| TeamConfigEvent {
            team_id: id,
            operation: if i == 0 { op } else { TEAM_CHANGE },
            team_name: name.into(),
            members: chunk.to_vec(),
            ..Default::default()
        })
        .collect()
}

impl Center {
    /// Install `new` (at start or while running) and report what changed.
    pub(crate) fn install_config(&mut self, now: Millis, new: Config, out: &mut Vec<Out>) {
        let starting = self.agents.is_empty() && self.csqs.is_empty();
        let old = std::mem::replace(&mut self.config, new);
        let old_records = records_of(&old);
        let new_records = records_of(&self.config);
        self.keys = keys_of(&new_records);

        // Everyone leaves the available sets while memberships are rebuilt.
        for a in 0..self.agents.len() as u32 {
            self.clear_availability(a);
        }

        // CSQs: keep slab slots (calls refer to them), update, add, mark deleted.
        let mut seen = vec![false; self.csqs.len()];
        for q in &self.config.csqs {
            match self.csq_by_id.get(&q.id) {
                Some(&i) => {
                    seen[i as usize] = true;
                    let rt = &mut self.csqs[i as usize];
                    rt.cfg = q.clone();
                    rt.deleted = false;
                }
                None => {
                    // A CSQ deleted earlier and configured again gets its old slot back.
                    let old = self.csqs.iter().position(|r| r.deleted && r.cfg.id == q.id);
                    let i = match old {
                        Some(i) => {
                            let rt = &mut self.csqs[i];
                            rt.cfg = q.clone();
                            rt.deleted = false;
                            if i < seen.len() {
                                seen[i] = true;
                            }
                            i
                        }
                        None => {
                            self.csqs.push(CsqRt::new(q.clone()));
                            self.csqs.len() - 1
                        }
                    };
                    self.csq_by_id.insert(q.id, i as u32);
                }
            }
        }
        let mut dropped_csqs = Vec::new();
        for (i, s) in seen.iter().enumerate() {
            if !s && !self.csqs[i].deleted {
                self.csqs[i].deleted = true;
                self.csq_by_id.remove(&self.csqs[i].cfg.id);
                dropped_csqs.push(i as u32);
            }
        }

        // Agents: same, and log out those deleted or moved to another phone.
        let mut seen = vec![false; self.agents.len()];
        let mut logouts: Vec<(u32, ReasonCode)> = Vec::new();
        for a in &self.config.agents {
            match self.agent_by_login.get(&a.login_id) {
                Some(&i) => {
                    seen[i as usize] = true;
                    let rt = &mut self.agents[i as usize];
                    if rt.cfg.extension != a.extension || rt.cfg.instrument() != a.instrument() {
                        logouts.push((i, ReasonCode::AGT_ICD_EXTENSION_CHANGED));
                    }
                    rt.cfg = a.clone();
                    rt.deleted = false;
                }
                None => {
                    // An agent deleted earlier and configured again gets its old slot back:
                    // calls may still name it.
                    let old = self
                        .agents
                        .iter()
                        .position(|r| r.deleted && r.cfg.login_id == a.login_id);
                    let i = match old {
                        Some(i) => {
                            let rt = &mut self.agents[i];
                            rt.cfg = a.clone();
                            rt.deleted = false;
                            if i < seen.len() {
                                seen[i] = true;
                            }
                            i
                        }
                        None => {
                            self.agents.push(AgentRt::new(a.clone()));
                            self.agents.len() - 1
                        }
                    };
                    self.agent_by_login.insert(a.login_id.clone(), i as u32);
                }
            }
        }
        for (i, s) in seen.iter().enumerate() {
            if !s && !self.agents[i].deleted {
                logouts.push((i as u32, ReasonCode::AGENT_DELETED));
            }
        }

        // Memberships and the phone-number index.
        self.agent_by_device.clear();
        for q in &mut self.csqs {
            q.members.clear();
        }
        for (i, rt) in self.agents.iter_mut().enumerate() {
            rt.csqs.clear();
            if !seen.get(i).copied().unwrap_or(true) {
                continue;
            }
            self.agent_by_device
                .insert(rt.cfg.extension.clone(), i as u32);
            self.agent_by_device
                .insert(rt.cfg.instrument().to_owned(), i as u32);
            for (qi, q) in self.csqs.iter_mut().enumerate() {
                if !q.deleted && rt.cfg.qualifies_for(&q.cfg) {
                    rt.csqs.push((qi as u32, routing::rank(&rt.cfg, &q.cfg)));
                    q.members.push(i as u32);
                }
            }
        }

        // Applications and CTI ports.
        self.app_by_trigger.clear();
        for (i, app) in self.config.applications.iter().enumerate() {
            for t in &app.triggers {
                self.app_by_trigger.insert(t.clone(), i);
            }
        }
        let old_ports = std::mem::take(&mut self.ports);
        self.ports = Ports::new(&self.config.devices.cti_ports);
        self.port_by_number = self
            .config
            .devices
            .cti_ports
            .iter()
            .enumerate()
            .map(|(i, p)| (p.clone(), i as u32))
            .collect();
        for c in self.calls.values_mut() {
            if let Some(p) = c.port {
                let number = &old_ports.numbers[p as usize];
                c.port = self.port_by_number.get(number).copied();
                if let Some(np) = c.port {
                    self.ports.busy[np as usize] = true;
                    self.ports.free.retain(|&f| f != np);
                }
            }
        }

        if starting {
            for a in 0..self.agents.len() as u32 {
                self.refresh_availability(now, a);
            }
            return;
        }

        self.config_update_blocks(&old_records, &new_records, out);
        self.team_updates(&old, out);

        for (a, reason) in logouts {
            if self.agents[a as usize].logged_in() {
                self.logout(now, a, reason, out);
            }
            if !seen.get(a as usize).copied().unwrap_or(true) {
                self.agents[a as usize].deleted = true;
                self.agent_by_login
                    .remove(&self.agents[a as usize].cfg.login_id);
            }
        }
        for a in 0..self.agents.len() as u32 {
            self.refresh_availability(now, a);
        }
        for q in dropped_csqs {
            self.drop_queued_calls(now, q, out);
        }
        self.route_all(now, out);
    }

    /// CONFIG update blocks for every class that changed, one block per class (each goes to
    /// the sessions whose ConfigMsgMask has that class).
    fn config_update_blocks(&self, old: &Records, new: &Records, out: &mut Vec<Out>) {
        let keys = self.keys;
        let begin = |mask: ConfigurationMask| ConfigBeginEvent {
            config_type: 2,
            configuration_mask: mask,
            application_key: Some(keys.application),
            csq_key: Some(keys.csq),
            agent_key: Some(keys.agent),
            device_key: Some(keys.device),
            ..Default::default()
        };
        let end = || ConfigEndEvent {
            status: ConfigEndStatus::CONFIG_SUCCESS,
            ..Default::default()
        };
        let mut block = |mask: ConfigurationMask, bit: ConfigMsgMask, msgs: Vec<Message>| {
            if msgs.is_empty() {
                return;
            }
            emit(out, begin(mask), Audience::Config(bit));
            for m in msgs {
                emit(out, m, Audience::Config(bit));
            }
            emit(out, end(), Audience::Config(bit));
        };
        let apps = diff(
            &old.apps,
            &new.apps,
            |r| r.application_id,
            |r, t| r.record_type = t,
        );
        block(
            ConfigurationMask::CONFIGURATION_APPLICATION,
            ConfigMsgMask::CONFIG_APPLICATION_MASK,
            chunk(apps, |records| {
                ConfigApplicationEvent {
                    records,
                    ..Default::default()
                }
                .into()
            }),
        );
        let csqs = diff(&old.csqs, &new.csqs, |r| r.csq_id, |r, t| r.record_type = t);
        block(
            ConfigurationMask::CONFIGURATION_CSQ,
            ConfigMsgMask::CONFIG_CSQ_MASK,
            chunk(csqs, |records| {
                ConfigCsqEvent {
                    records,
                    ..Default::default()
                }
                .into()
            }),
        );
        let mut agents = diff(
            &old.agents,
            &new.agents,
            |r| r.login_id.clone(),
            |r, t| r.record_type = t,
        );
        for r in &mut agents {
            r.agent_state = Some(self.live_state(&r.login_id));
        }
        block(
            ConfigurationMask::CONFIGURATION_AGENT,
            ConfigMsgMask::CONFIG_AGENT_MASK,
            chunk(agents, |records| {
                ConfigAgentEvent {
                    records,
                    ..Default::default()
                }
                .into()
            }),
        );
        let devices = diff(
            &old.devices,
            &new.devices,
            |r| (r.device_type, r.device_field2.clone(), r.device_field0),
            |r, t| r.record_type = t,
        );
        block(
            ConfigurationMask::CONFIGURATION_DEVICE,
            ConfigMsgMask::CONFIG_DEVICE_MASK,
            chunk(devices, |records| {
                ConfigDeviceEvent {
                    records,
                    ..Default::default()
                }
                .into()
            }),
        );
        // Terminal records have no Change: a changed terminal is deleted and added again.
        let mut terminals = diff(
            &old.terminals,
            &new.terminals,
            |r| r.terminal_device_name.clone(),
            |r, t| r.record_type = t,
        );
        let mut expanded = Vec::new();
        for r in terminals.drain(..) {
            if r.record_type == RecordType::RECORD_TYPE_CHANGE {
                if let Some(o) = old
                    .terminals
                    .iter()
                    .find(|o| o.terminal_device_name == r.terminal_device_name)
                {
                    let mut d = o.clone();
                    d.record_type = RecordType::RECORD_TYPE_DELETE;
                    expanded.push(d);
                }
                let mut a = r;
                a.record_type = RecordType::RECORD_TYPE_ADD;
                expanded.push(a);
            } else {
                expanded.push(r);
            }
        }
        block(
            ConfigurationMask::CONFIGURATION_TERMINAL,
            ConfigMsgMask::CONFIG_TERMINAL_MASK,
            chunk(expanded, |records| {
                ConfigTerminalEvent {
                    records,
                    ..Default::default()
                }
                .into()
            }),
        );
    }

    /// TEAM_CONFIG_EVENTs for teams added, removed or changed.
    fn team_updates(&self, old: &Config, out: &mut Vec<Out>) {
        let before = team_members(old);
        let after = team_members(&self.config);
        for t in &old.teams {
            if !self.config.teams.iter().any(|n| n.id == t.id) {
                emit(
                    out,
                    TeamConfigEvent {
                        team_id: t.id,
                        operation: TEAM_REMOVE,
                        team_name: t.name.clone().into(),
                        ..Default::default()
                    },
                    Audience::Team,
                );
            }
        }
        for t in &self.config.teams {
            let now_members = &after[&t.id];
            match old.teams.iter().find(|o| o.id == t.id) {
                None => {
                    let members = now_members
                        .iter()
                        .map(|((k, id), f)| member(*k, id, *f, RecordType::RECORD_TYPE_ADD))
                        .collect();
                    for ev in team_events(t.id, &t.name, TEAM_ADD, members) {
                        emit(out, ev, Audience::Team);
                    }
                }
                Some(o) => {
                    let was = &before[&o.id];
                    let mut changes = Vec::new();
                    for ((k, id), f) in was {
                        if now_members.get(&(*k, id.clone())) != Some(f) {
                            changes.push(member(*k, id, *f, RecordType::RECORD_TYPE_DELETE));
                        }
                    }
                    for ((k, id), f) in now_members {
                        if was.get(&(*k, id.clone())) != Some(f) {
                            changes.push(member(*k, id, *f, RecordType::RECORD_TYPE_ADD));
                        }
                    }
                    if changes.is_empty() && o.name == t.name {
                        continue;
                    }
                    for ev in team_events(t.id, &t.name, TEAM_CHANGE, changes) {
                        emit(out, ev, Audience::Team);
                    }
                }
            }
        }
    }

    fn live_state(&self, login: &str) -> AgentState {
        self.agent_by_login
            .get(login)
            .map(|&a| self.agents[a as usize].state)
            .unwrap_or(AgentState::AGENT_STATE_LOGOUT)
    }

    pub(crate) fn config_request_key(&self, ctx: &Ctx, out: &mut Vec<Out>) {
        if !ctx
            .services
            .contains(ServiceMask::CTI_SERVICE_CONFIG_EVENTS)
        {
            return reply(
                out,
                ConfigKeyEvent {
                    status: ConfigKeyStatus::CONFIG_SERVICE_PROVIDER,
                    ..Default::default()
                },
            );
        }
        reply(
            out,
            ConfigKeyEvent {
                status: ConfigKeyStatus::CONFIG_SUCCESS,
                application_key: Some(self.keys.application),
                csq_key: Some(self.keys.csq),
                agent_key: Some(self.keys.agent),
                device_key: Some(self.keys.device),
                ..Default::default()
            },
        );
    }

    pub(crate) fn config_request(&self, ctx: &Ctx, req: &ConfigRequestEvent, out: &mut Vec<Out>) {
        if !ctx
            .services
            .contains(ServiceMask::CTI_SERVICE_CONFIG_EVENTS)
        {
            return reply(
                out,
                ConfigEndEvent {
                    status: ConfigEndStatus::CONFIG_SERVICE_PROVIDER,
                    text: Some("CTI_SERVICE_CONFIG_EVENTS was not granted".into()),
                    ..Default::default()
                },
            );
        }
        if req.configuration_mask.is_empty() {
            // "In sync, start sending updates": no snapshot and, as documented, no answer.
            return;
        }
        // What the session may receive is also limited by its OPEN_REQ ConfigMsgMask, whose
        // bits are ordered differently.
        let mut mask = req.configuration_mask & configuration_mask_for(ctx.config_msg_mask);
        if ctx.version < 18 {
            mask = mask & ConfigurationMask(0x0F);
        }
        let r = records_of(&self.config);
        let has = |m: ConfigurationMask| mask.contains(m);
        let total = [
            (
                has(ConfigurationMask::CONFIGURATION_APPLICATION),
                r.apps.len(),
            ),
            (has(ConfigurationMask::CONFIGURATION_CSQ), r.csqs.len()),
            (has(ConfigurationMask::CONFIGURATION_AGENT), r.agents.len()),
            (
                has(ConfigurationMask::CONFIGURATION_DEVICE),
                r.devices.len(),
            ),
            (
                has(ConfigurationMask::CONFIGURATION_TERMINAL),
                r.terminals.len(),
            ),
        ]
        .iter()
        .filter(|(on, _)| *on)
        .map(|(_, n)| n)
        .sum::<usize>();
        if total == 0 && !mask.is_empty() {
            return reply(
                out,
                ConfigEndEvent {
                    status: ConfigEndStatus::CONFIG_EMPTY,
                    text: Some("no configuration of the requested kinds exists".into()),
                    ..Default::default()
                },
            );
        }
        let keys = self.keys;
        reply(
            out,
            ConfigBeginEvent {
                config_type: 1,
                configuration_mask: mask,
                application_key: has(ConfigurationMask::CONFIGURATION_APPLICATION)
                    .then_some(keys.application),
                csq_key: has(ConfigurationMask::CONFIGURATION_CSQ).then_some(keys.csq),
                agent_key: has(ConfigurationMask::CONFIGURATION_AGENT).then_some(keys.agent),
                device_key: has(ConfigurationMask::CONFIGURATION_DEVICE).then_some(keys.device),
                ..Default::default()
            },
        );
        let mut send = |msgs: Vec<Message>| {
            for m in msgs {
                reply(out, m);
            }
        };
        if has(ConfigurationMask::CONFIGURATION_APPLICATION) {
            send(chunk(r.apps, |records| {
                ConfigApplicationEvent {
                    records,
                    ..Default::default()
                }
                .into()
            }));
        }
        if has(ConfigurationMask::CONFIGURATION_CSQ) {
            send(chunk(r.csqs, |records| {
                ConfigCsqEvent {
                    records,
                    ..Default::default()
                }
                .into()
            }));
        }
        if has(ConfigurationMask::CONFIGURATION_AGENT) {
            let mut agents = r.agents;
            for a in &mut agents {
                a.agent_state = Some(self.live_state(&a.login_id));
            }
            send(chunk(agents, |records| {
                ConfigAgentEvent {
                    records,
                    ..Default::default()
                }
                .into()
            }));
        }
        if has(ConfigurationMask::CONFIGURATION_DEVICE) {
            send(chunk(r.devices, |records| {
                ConfigDeviceEvent {
                    records,
                    ..Default::default()
                }
                .into()
            }));
        }
        if has(ConfigurationMask::CONFIGURATION_TERMINAL) {
            send(chunk(r.terminals, |records| {
                ConfigTerminalEvent {
                    records,
                    ..Default::default()
                }
                .into()
            }));
        }
        reply(
            out,
            ConfigEndEvent {
                status: ConfigEndStatus::CONFIG_SUCCESS,
                ..Default::default()
            },
        );
    }

    pub(crate) fn team_config_request(&self, ctx: &Ctx, req: &TeamConfigReq, out: &mut Vec<Out>) {
        if !ctx.services.contains(ServiceMask::CTI_SERVICE_SUPERVISOR) {
            return reply(
                out,
                TeamConfigConf {
                    invoke_id: req.invoke_id,
                    status: 1,
                    text: Some("CTI_SERVICE_SUPERVISOR was not granted".into()),
                    ..Default::default()
                },
            );
        }
        if req.config_param & !0x3 != 0 || req.config_param == 0 {
            return reply(
                out,
                TeamConfigConf {
                    invoke_id: req.invoke_id,
                    status: 1,
                    text: Some(
                        format!(
                            "ConfigParam {:#x} is not 0x1 (initial), 0x2 (updates) or 0x3",
                            req.config_param
                        )
                        .into(),
                    ),
                    ..Default::default()
                },
            );
        }
        if req.config_param & 0x1 != 0 {
            let all = team_members(&self.config);
            for t in &self.config.teams {
                let members = all[&t.id]
                    .iter()
                    .map(|((k, id), f)| member(*k, id, *f, RecordType::RECORD_TYPE_ADD))
                    .collect();
                for ev in team_events(t.id, &t.name, TEAM_ADD, members) {
                    reply(out, ev);
                }
            }
        }
        reply(
            out,
            TeamConfigConf {
                invoke_id: req.invoke_id,
                status: 0,
                ..Default::default()
            },
        );
    }
}

/// Split records into messages of at most ten.
fn chunk<T: Clone>(records: Vec<T>, make: impl Fn(Vec<T>) -> Message) -> Vec<Message> {
    records
        .chunks(RECORDS_PER_MESSAGE)
        .map(|c| make(c.to_vec()))
        .collect()
}
