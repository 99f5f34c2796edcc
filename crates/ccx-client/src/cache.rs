//! The configuration cache: applications, CSQs, agents, devices and terminals as the server
//! last described them, plus teams, kept current from CONFIG_KEY_EVENT keys, snapshots
//! (CONFIG_BEGIN_EVENT initial … CONFIG_END_EVENT) and update blocks (CONFIG_BEGIN_EVENT update
//! … CONFIG_END_EVENT), and TEAM_CONFIG_EVENTs.
//!
//! A block is applied when its CONFIG_END_EVENT reports success, all at once, so a reader never
//! sees half a snapshot. A complete snapshot of a class replaces the cached class (the guide:
//! "discard the old copy and use the new set"). Records that arrive outside any block are
//! applied as they come, which is what a lenient reader of a sloppy server should do.

use std::collections::BTreeMap;

use cti_proto::codes::{ConfigEndStatus, ConfigurationMask, RecordType};
use cti_proto::msg::{
    ConfigAgentRecord, ConfigApplicationRecord, ConfigBeginEvent, ConfigCsqRecord,
    ConfigDeviceRecord, ConfigTerminalRecord, TeamConfigEvent, TeamMember,
};
use cti_proto::Message;

/// ConfigType of CONFIG_BEGIN_EVENT: a full snapshot follows.
pub const CONFIG_TYPE_INITIAL: u16 = 1;
/// ConfigType of CONFIG_BEGIN_EVENT: changes follow.
pub const CONFIG_TYPE_UPDATE: u16 = 2;
/// TEAM_CONFIG_EVENT Operation: a team was added.
pub const TEAM_ADD: u16 = 1;
/// TEAM_CONFIG_EVENT Operation: a team was removed.
pub const TEAM_REMOVE: u16 = 2;
/// TEAM_CONFIG_EVENT Operation: a team changed.
pub const TEAM_CHANGE: u16 = 3;

/// The four configuration keys (u64 each; 0 or absent means "reload").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct ConfigKeys {
    /// ApplicationConfigKey\[177\].
    pub application: Option<u64>,
    /// CSQConfigKey\[178\].
    pub csq: Option<u64>,
    /// AgentConfigKey\[179\].
    pub agent: Option<u64>,
    /// DeviceConfigKey\[180\].
    pub device: Option<u64>,
}

impl ConfigKeys {
    /// The classes (as a CONFIG_REQUEST_EVENT mask, limited to `wanted`) whose keys in `server`
    /// differ from these, are zero, or are unknown. Terminals have no key: they are always
    /// included when wanted.
    pub fn stale(&self, server: &ConfigKeys, wanted: ConfigurationMask) -> ConfigurationMask {
        let mut m = ConfigurationMask::NONE;
        let pairs = [
            (
                self.application,
                server.application,
                ConfigurationMask::CONFIGURATION_APPLICATION,
            ),
            (self.csq, server.csq, ConfigurationMask::CONFIGURATION_CSQ),
            (
                self.agent,
                server.agent,
                ConfigurationMask::CONFIGURATION_AGENT,
            ),
            (
                self.device,
                server.device,
                ConfigurationMask::CONFIGURATION_DEVICE,
            ),
        ];
        for (mine, theirs, bit) in pairs {
            let fresh = matches!((mine, theirs), (Some(a), Some(b)) if a == b && b != 0);
            if !fresh {
                m |= bit;
            }
        }
        m |= ConfigurationMask::CONFIGURATION_TERMINAL;
        m.and(wanted)
    }

    fn merge(&mut self, other: &ConfigKeys) {
        self.application = other.application.or(self.application);
        self.csq = other.csq.or(self.csq);
        self.agent = other.agent.or(self.agent);
        self.device = other.device.or(self.device);
    }

    fn from_begin(b: &ConfigBeginEvent) -> ConfigKeys {
        ConfigKeys {
            application: b.application_key,
            csq: b.csq_key,
            agent: b.agent_key,
            device: b.device_key,
        }
    }
}

/// Identity of a device record: its CONFIG_DEVICE_EVENT DeviceType and the field that names it
/// (DeviceField2: login ID, route point or CTI port; DeviceField0 when that is absent).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DeviceKey {
    /// DeviceType\[195\] of the record (3 agent, 5 route point, 6 CTI port, 7 call control group).
    pub device_type: u16,
    /// DeviceField2, or DeviceField0 as decimal text.
    pub name: String,
}

impl DeviceKey {
    /// The key of a record.
    pub fn of(r: &ConfigDeviceRecord) -> DeviceKey {
        let name = match (&r.device_field2, r.device_field0) {
            (Some(n), _) if !n.is_empty() => n.to_string(),
            (_, Some(f0)) => f0.to_string(),
            _ => String::new(),
        };
        DeviceKey {
            device_type: r.device_type,
            name,
        }
    }
}

/// A team and its members (agents, supervisors and CSQs), by AgentID.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Team {
    /// TeamID.
    pub id: u32,
    /// TeamName.
    pub name: String,
    /// Members by AgentID\[194\] (a login ID, or a CSQ ID as text).
    pub members: BTreeMap<String, TeamMember>,
}

/// Everything the cache holds. Cloned into an `Arc` for readers.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ConfigCache {
    /// Keys of the data held (from the last applied snapshot or update block).
    pub keys: ConfigKeys,
    /// Applications by ApplicationID.
    pub applications: BTreeMap<u32, ConfigApplicationRecord>,
    /// CSQs by CSQID.
    pub csqs: BTreeMap<u32, ConfigCsqRecord>,
    /// Agents by LoginID.
    pub agents: BTreeMap<String, ConfigAgentRecord>,
    /// Devices by [`DeviceKey`].
    pub devices: BTreeMap<DeviceKey, ConfigDeviceRecord>,
    /// Terminals (v18) by TerminalDeviceName.
    pub terminals: BTreeMap<String, ConfigTerminalRecord>,
    /// Teams by TeamID.
    pub teams: BTreeMap<u32, Team>,
    /// Number of changes applied; tells readers whether anything moved.
    pub generation: u64,
}

/// One record of any class.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Record {
    Application(ConfigApplicationRecord),
    Csq(ConfigCsqRecord),
    Agent(ConfigAgentRecord),
    Device(ConfigDeviceRecord),
    Terminal(ConfigTerminalRecord),
}

/// A block being received: its BEGIN and the records so far.
#[derive(Clone, Debug, Default)]
struct OpenBlock {
    initial: bool,
    mask: ConfigurationMask,
    keys: ConfigKeys,
    records: Vec<Record>,
}

/// Feeds configuration messages into a [`ConfigCache`].
#[derive(Clone, Debug, Default)]
pub struct CacheUpdater {
    cache: ConfigCache,
    block: Option<OpenBlock>,
}

impl CacheUpdater {
    /// An empty cache.
    pub fn new() -> Self {
        Self::default()
    }

    /// The cache as it stands.
    pub fn cache(&self) -> &ConfigCache {
        &self.cache
    }

    /// True while a BEGIN … END block is open.
    pub fn in_block(&self) -> bool {
        self.block.is_some()
    }

    /// Forget the keys, so the next synchronisation reloads everything (after
    /// E_CTI_AUTO_CONFIG_RESET).
    pub fn invalidate_keys(&mut self) {
        self.cache.keys = ConfigKeys::default();
    }

    /// Drop a half-received block (the session was lost in the middle of it).
    pub fn abandon_block(&mut self) {
        self.block = None;
    }

    /// Take one message from the server. Non-configuration messages are ignored.
    pub fn apply(&mut self, msg: &Message) {
        match msg {
            Message::ConfigBeginEvent(b) => {
                self.block = Some(OpenBlock {
                    initial: b.config_type == CONFIG_TYPE_INITIAL,
                    mask: b.configuration_mask,
                    keys: ConfigKeys::from_begin(b),
                    records: Vec::new(),
                });
            }
            Message::ConfigEndEvent(e) => {
                if let Some(block) = self.block.take() {
                    self.finish(block, e.status);
                }
            }
            Message::ConfigApplicationEvent(m) => {
                self.record_all(m.records.iter().cloned().map(Record::Application))
            }
            Message::ConfigCsqEvent(m) => {
                self.record_all(m.records.iter().cloned().map(Record::Csq))
            }
            Message::ConfigAgentEvent(m) => {
                self.record_all(m.records.iter().cloned().map(Record::Agent))
            }
            Message::ConfigDeviceEvent(m) => {
                self.record_all(m.records.iter().cloned().map(Record::Device))
            }
            Message::ConfigTerminalEvent(m) => {
                self.record_all(m.records.iter().cloned().map(Record::Terminal))
            }
            Message::TeamConfigEvent(t) => self.team(t),
            _ => {}
        }
    }

    fn record_all(&mut self, records: impl Iterator<Item = Record>) {
        match &mut self.block {
            Some(b) => b.records.extend(records),
            None => {
                let mut any = false;
                for r in records {
                    self.apply_record(r);
                    any = true;
                }
                if any {
                    self.cache.generation += 1;
                }
            }
        }
    }

    fn finish(&mut self, block: OpenBlock, status: ConfigEndStatus) {
        let complete =
            status == ConfigEndStatus::CONFIG_SUCCESS || status == ConfigEndStatus::CONFIG_EMPTY;
        if !complete {
            // A failed or partial block: keep the old data, and forget the keys of the classes
            // it covered so the next synchronisation asks again.
            self.forget_keys(block.mask);
            return;
        }
        let c = &mut self.cache;
        if block.initial {
            let m = block.mask;
            if m.contains(ConfigurationMask::CONFIGURATION_APPLICATION) {
                c.applications.clear();
            }
            if m.contains(ConfigurationMask::CONFIGURATION_CSQ) {
                c.csqs.clear();
            }
            if m.contains(ConfigurationMask::CONFIGURATION_AGENT) {
                c.agents.clear();
            }
            if m.contains(ConfigurationMask::CONFIGURATION_DEVICE) {
                c.devices.clear();
            }
            if m.contains(ConfigurationMask::CONFIGURATION_TERMINAL) {
                c.terminals.clear();
            }
        }
        c.keys.merge(&block.keys);
        for r in block.records {
            self.apply_record(r);
        }
        self.cache.generation += 1;
    }

    fn forget_keys(&mut self, mask: ConfigurationMask) {
        let k = &mut self.cache.keys;
        if mask.contains(ConfigurationMask::CONFIGURATION_APPLICATION) {
            k.application = None;
        }
        if mask.contains(ConfigurationMask::CONFIGURATION_CSQ) {
            k.csq = None;
        }
        if mask.contains(ConfigurationMask::CONFIGURATION_AGENT) {
            k.agent = None;
        }
        if mask.contains(ConfigurationMask::CONFIGURATION_DEVICE) {
            k.device = None;
        }
    }

    fn apply_record(&mut self, r: Record) {
        let c = &mut self.cache;
        let delete = |t: RecordType| t == RecordType::RECORD_TYPE_DELETE;
        match r {
            Record::Application(a) => {
                if delete(a.record_type) {
                    c.applications.remove(&a.application_id);
                } else {
                    if a.previous_application_id != a.application_id
                        && a.previous_application_id != 0
                    {
                        c.applications.remove(&a.previous_application_id);
                    }
                    c.applications.insert(a.application_id, a);
                }
            }
            Record::Csq(q) => {
                if delete(q.record_type) {
                    c.csqs.remove(&q.csq_id);
                } else {
                    c.csqs.insert(q.csq_id, q);
                }
            }
            Record::Agent(a) => {
                if delete(a.record_type) {
                    c.agents.remove(a.login_id.as_str());
                } else {
                    c.agents.insert(a.login_id.clone().into(), a);
                }
            }
            Record::Device(d) => {
                let k = DeviceKey::of(&d);
                if delete(d.record_type) {
                    c.devices.remove(&k);
                } else {
                    c.devices.insert(k, d);
                }
            }
            Record::Terminal(t) => {
                if delete(t.record_type) {
                    c.terminals.remove(t.terminal_device_name.as_str());
                } else {
                    c.terminals.insert(t.terminal_device_name.clone().into(), t);
                }
            }
        }
    }

    /// Replace every team with the ones of a complete initial team upload.
    pub fn replace_teams(&mut self, teams: &[TeamConfigEvent]) {
        self.cache.teams.clear();
        for t in teams {
            self.team(t);
        }
        self.cache.generation += 1;
    }

    fn team(&mut self, t: &TeamConfigEvent) {
        let teams = &mut self.cache.teams;
        match t.operation {
            TEAM_REMOVE => {
                teams.remove(&t.team_id);
            }
            op => {
                let team = teams.entry(t.team_id).or_insert_with(|| Team {
                    id: t.team_id,
                    ..Team::default()
                });
                if op == TEAM_ADD {
                    team.members.clear();
                }
                if !t.team_name.is_empty() || op == TEAM_ADD {
                    team.name = t.team_name.clone().into();
                }
                for m in &t.members {
                    if m.record_type == Some(RecordType::RECORD_TYPE_DELETE) {
                        team.members.remove(m.agent_id.as_str());
                    } else {
                        team.members.insert(m.agent_id.clone().into(), m.clone());
                    }
                }
            }
        }
        self.cache.generation += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cti_proto::msg::{ConfigAgentEvent, ConfigCsqEvent, ConfigEndEvent};

    fn begin(initial: bool, mask: ConfigurationMask, agent_key: u64) -> Message {
        ConfigBeginEvent {
            config_type: if initial {
                CONFIG_TYPE_INITIAL
            } else {
                CONFIG_TYPE_UPDATE
            },
            configuration_mask: mask,
            agent_key: Some(agent_key),
            ..Default::default()
        }
        .into()
    }
    fn end(status: ConfigEndStatus) -> Message {
        ConfigEndEvent {
            status,
            ..Default::default()
        }
        .into()
    }
    fn agent(login: &str, rt: RecordType) -> ConfigAgentRecord {
        ConfigAgentRecord {
            record_type: rt,
            agent_type: 1,
            login_id: login.into(),
            ..Default::default()
        }
    }
    fn agents(records: Vec<ConfigAgentRecord>) -> Message {
        ConfigAgentEvent {
            records,
            ..Default::default()
        }
        .into()
    }

    #[test]
    fn snapshot_replaces_and_updates_patch() {
        let mut u = CacheUpdater::new();
        let mask = ConfigurationMask::CONFIGURATION_AGENT;
        u.apply(&begin(true, mask, 5));
        u.apply(&agents(vec![
            agent("a", RecordType::RECORD_TYPE_ADD),
            agent("b", RecordType::RECORD_TYPE_ADD),
        ]));
        assert!(u.cache().agents.is_empty(), "nothing applied before END");
        u.apply(&end(ConfigEndStatus::CONFIG_SUCCESS));
        assert_eq!(u.cache().agents.len(), 2);
        assert_eq!(u.cache().keys.agent, Some(5));

        u.apply(&begin(false, mask, 6));
        u.apply(&agents(vec![
            agent("a", RecordType::RECORD_TYPE_DELETE),
            agent("c", RecordType::RECORD_TYPE_ADD),
        ]));
        u.apply(&end(ConfigEndStatus::CONFIG_SUCCESS));
        let names: Vec<_> = u.cache().agents.keys().cloned().collect();
        assert_eq!(names, ["b", "c"]);
        assert_eq!(u.cache().keys.agent, Some(6));

        // A new snapshot discards what is not in it.
        u.apply(&begin(true, mask, 7));
        u.apply(&agents(vec![agent("z", RecordType::RECORD_TYPE_ADD)]));
        u.apply(&end(ConfigEndStatus::CONFIG_SUCCESS));
        let names: Vec<_> = u.cache().agents.keys().cloned().collect();
        assert_eq!(names, ["z"]);
    }

    #[test]
    fn failed_block_keeps_data_and_forgets_keys() {
        let mut u = CacheUpdater::new();
        let mask = ConfigurationMask::CONFIGURATION_AGENT;
        u.apply(&begin(true, mask, 5));
        u.apply(&agents(vec![agent("a", RecordType::RECORD_TYPE_ADD)]));
        u.apply(&end(ConfigEndStatus::CONFIG_SUCCESS));
        u.apply(&begin(true, mask, 9));
        u.apply(&agents(vec![agent("x", RecordType::RECORD_TYPE_ADD)]));
        u.apply(&end(ConfigEndStatus::CONFIG_ERROR));
        assert!(u.cache().agents.contains_key("a"));
        assert!(!u.cache().agents.contains_key("x"));
        assert_eq!(u.cache().keys.agent, None);
    }

    #[test]
    fn records_outside_blocks_apply_at_once() {
        let mut u = CacheUpdater::new();
        u.apply(
            &ConfigCsqEvent {
                records: vec![ConfigCsqRecord {
                    csq_id: 3,
                    csq_name: "Sales".into(),
                    ..Default::default()
                }],
                ..Default::default()
            }
            .into(),
        );
        assert_eq!(u.cache().csqs[&3].csq_name, "Sales");
        // A stray END without BEGIN changes nothing.
        let g = u.cache().generation;
        u.apply(&end(ConfigEndStatus::CONFIG_SUCCESS));
        assert_eq!(u.cache().generation, g);
    }

    #[test]
    fn stale_classes_follow_the_keys() {
        let mine = ConfigKeys {
            application: Some(1),
            csq: Some(2),
            agent: Some(3),
            device: None,
        };
        let theirs = ConfigKeys {
            application: Some(1),
            csq: Some(9),
            agent: Some(3),
            device: Some(4),
        };
        let all = ConfigurationMask(0x0F);
        assert_eq!(
            mine.stale(&theirs, all),
            ConfigurationMask::CONFIGURATION_CSQ | ConfigurationMask::CONFIGURATION_DEVICE
        );
        assert_eq!(theirs.stale(&theirs, all), ConfigurationMask::NONE);
        let zero = ConfigKeys {
            application: Some(0),
            ..theirs
        };
        assert!(zero
            .stale(&zero, all)
            .contains(ConfigurationMask::CONFIGURATION_APPLICATION));
    }

    #[test]
    fn teams_add_change_remove() {
        let mut u = CacheUpdater::new();
        let member = |id: &str, rt| TeamMember {
            agent_id: id.into(),
            agent_flags: Some(0),
            record_type: Some(rt),
            member_type: Some(1),
        };
        u.apply(
            &TeamConfigEvent {
                team_id: 1,
                operation: TEAM_ADD,
                team_name: "T1".into(),
                members: vec![
                    member("a", RecordType::RECORD_TYPE_ADD),
                    member("b", RecordType::RECORD_TYPE_ADD),
                ],
                ..Default::default()
            }
            .into(),
        );
        u.apply(
            &TeamConfigEvent {
                team_id: 1,
                operation: TEAM_CHANGE,
                team_name: "Team one".into(),
                members: vec![member("a", RecordType::RECORD_TYPE_DELETE)],
                ..Default::default()
            }
            .into(),
        );
        let t = &u.cache().teams[&1];
        assert_eq!(t.name, "Team one");
        assert_eq!(t.members.keys().cloned().collect::<Vec<_>>(), ["b"]);
        u.apply(
            &TeamConfigEvent {
                team_id: 1,
                operation: TEAM_REMOVE,
                ..Default::default()
            }
            .into(),
        );
        assert!(u.cache().teams.is_empty());
    }
}
