//! The contact center's configuration: applications and their trigger numbers, CSQs, agents,
//! devices, teams and reason codes, as read from TOML and checked before use.
//!
//! Every rule the rest of the model relies on is checked here, once: identifiers are unique,
//! references point at something that exists, and every string fits the wire field it will be
//! sent in. A [`ConfigError`] names the entry at fault (`agents[3] "agent04"`) and says what is
//! wrong with it, so a hand-edited file can be fixed from the message alone.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;

use serde::{Deserialize, Serialize};

/// Largest agent count per CSQ list in QUERY_AGENT_STATE_CONF (numCSQs, max 20), which is the
/// tightest of the per-agent CSQ limits (CONFIG_AGENT_EVENT allows 25, AGENT_STATE_EVENT 99).
pub const MAX_CSQS_PER_AGENT: usize = 20;

/// The whole configuration of one simulated center. Build it with [`Config::from_toml`] or
/// [`Config::demo`]; [`Config::validate`] checks a value built by hand.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Center-wide settings (timers, behaviour after calls).
    #[serde(default)]
    pub center: CenterSettings,
    /// Devices that are not agent phones: CTI ports and their call-control group.
    #[serde(default)]
    pub devices: Devices,
    /// Applications (IVR scripts) and the trigger numbers that start them.
    #[serde(default)]
    pub applications: Vec<Application>,
    /// Contact service queues.
    #[serde(default)]
    pub csqs: Vec<Csq>,
    /// Teams; their members are the agents whose `team` names them.
    #[serde(default)]
    pub teams: Vec<Team>,
    /// Agents and supervisors.
    #[serde(default)]
    pub agents: Vec<Agent>,
    /// Reason codes agents give when going Not Ready or logging out.
    #[serde(default)]
    pub reason_codes: Vec<ReasonCodeDef>,
}

/// Center-wide settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CenterSettings {
    /// Display name of the center.
    pub name: String,
    /// Seconds a routed call may ring at an agent before it goes back to the queue and the
    /// agent is made Not Ready with reason AGT_RNA (32763).
    pub ring_no_answer_s: u32,
    /// Seconds of wrap-up (Work) after a call from a CSQ with `auto_work`, unless the CSQ sets
    /// its own; when they run out the agent becomes Ready (reason AGT_WORK_TIMER_EXP).
    pub wrap_up_s: u32,
    /// After a routed call without wrap-up: true = the agent becomes Ready, false = Not Ready
    /// (reason AGT_CALL_ENDED).
    pub auto_available: bool,
    /// Calls one agent phone line can carry at once (a held call plus a consult call needs 2).
    pub max_calls_per_device: u16,
    /// Seconds an outside number takes to answer an outbound or consult call.
    pub outside_answer_s: u32,
    /// The first call ID handed out; real UCCX IDs look like 16777507 (0x01000123).
    pub first_call_id: u32,
}

impl Default for CenterSettings {
    fn default() -> Self {
        CenterSettings {
            name: "ccx simulated center".into(),
            ring_no_answer_s: 12,
            wrap_up_s: 30,
            auto_available: true,
            max_calls_per_device: 2,
            outside_answer_s: 3,
            first_call_id: 0x0100_0100,
        }
    }
}

/// Devices other than agent phones.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Devices {
    /// ID of the call-control group that owns the route points and CTI ports.
    pub call_control_group: u32,
    /// CTI port numbers: the virtual phones that hold callers while they are in the IVR or in
    /// queue. A call needs a free port to enter an application.
    pub cti_ports: Vec<String>,
}

impl Default for Devices {
    fn default() -> Self {
        Devices {
            call_control_group: 1,
            cti_ports: Vec::new(),
        }
    }
}

/// An application (IVR script).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Application {
    /// ApplicationID.
    pub id: u32,
    /// ApplicationName.
    pub name: String,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Trigger (CTI route point) numbers that start the application.
    pub triggers: Vec<String>,
    /// Most calls the application holds at once (MaxQueued / route point SessionLimit).
    pub max_queued: u32,
    /// The CSQ the script queues its calls on.
    pub csq: u32,
    /// IVR menu: caller-entered digits that send the call to another CSQ instead
    /// (e.g. `{ "2" = 4 }`: press 2 for the Spanish queue).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub menu: BTreeMap<String, u32>,
}

impl Application {
    /// The CSQ a call with these caller-entered digits is queued on.
    pub fn csq_for(&self, digits: Option<&str>) -> u32 {
        digits
            .and_then(|d| self.menu.get(d))
            .copied()
            .unwrap_or(self.csq)
    }
}

/// How a CSQ picks among its available agents.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoutingPolicy {
    /// The agent who has been Ready the longest.
    LongestAvailable,
    /// The agent with the highest total competence in the CSQ's skills; ties go to the one
    /// Ready the longest.
    MostSkilled,
}

/// A contact service queue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Csq {
    /// CSQID.
    pub id: u32,
    /// CSQName.
    pub name: String,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Agent selection.
    pub policy: RoutingPolicy,
    /// Skills the CSQ asks for, with the minimum competence (1–10). An agent belongs to the
    /// CSQ when it has every one of them at least at that level.
    pub skills: BTreeMap<String, u8>,
    /// Service-level threshold: seconds within which a call should be answered.
    pub service_level_s: u32,
    /// AutoWork: agents go to Work (wrap-up) after a call from this CSQ.
    #[serde(default)]
    pub auto_work: bool,
    /// Wrap-up seconds for this CSQ (default: the center's `wrap_up_s`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wrap_up_s: Option<u32>,
}

/// Agent or supervisor (CONFIG_AGENT_EVENT AgentType 1 / 2).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgentKind {
    /// An agent.
    #[default]
    Agent,
    /// A supervisor (also takes calls).
    Supervisor,
}

/// An agent.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Agent {
    /// UCCX login ID.
    pub login_id: String,
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// The agent's ICD extension.
    pub extension: String,
    /// The phone's number as a CTI client names it (AgentInstrument); defaults to the
    /// extension.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instrument: Option<String>,
    /// Password checked at login.
    pub password: String,
    /// Agent or supervisor.
    #[serde(default)]
    pub kind: AgentKind,
    /// The team the agent belongs to.
    pub team: u32,
    /// Skills and competence (1–10).
    #[serde(default)]
    pub skills: BTreeMap<String, u8>,
}

impl Agent {
    /// The phone's instrument number.
    pub fn instrument(&self) -> &str {
        self.instrument.as_deref().unwrap_or(&self.extension)
    }
    /// Whether the agent meets every skill requirement of `csq`.
    pub fn qualifies_for(&self, csq: &Csq) -> bool {
        !csq.skills.is_empty()
            && csq
                .skills
                .iter()
                .all(|(s, min)| self.skills.get(s).is_some_and(|c| c >= min))
    }
    /// Total competence in the skills `csq` asks for (the MostSkilled ranking).
    pub fn competence_for(&self, csq: &Csq) -> u32 {
        csq.skills
            .keys()
            .map(|s| self.skills.get(s).copied().unwrap_or(0) as u32)
            .sum()
    }
}

/// A team.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Team {
    /// TeamID.
    pub id: u32,
    /// TeamName.
    pub name: String,
    /// Login IDs of the team's supervisors; the first is the primary supervisor.
    #[serde(default)]
    pub supervisors: Vec<String>,
    /// CSQs assigned to the team.
    #[serde(default)]
    pub csqs: Vec<u32>,
}

/// What a reason code is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReasonKind {
    /// Going Not Ready.
    NotReady,
    /// Logging out.
    Logout,
}

/// A configured reason code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReasonCodeDef {
    /// The code (1–32740; higher codes are the system's).
    pub code: u16,
    /// What agents see.
    pub label: String,
    /// Not Ready or Logout.
    pub kind: ReasonKind,
}

/// Why a configuration was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// Not TOML, or not the shape of a configuration (unknown key, wrong type...).
    #[error("configuration is not valid: {0}")]
    Parse(String),
    /// A value breaks a rule.
    #[error("{entry}: {problem}")]
    Invalid {
        /// The entry at fault, e.g. `agents[3] "agent04"`.
        entry: String,
        /// What is wrong.
        problem: String,
    },
}

fn invalid(entry: impl Into<String>, problem: impl Into<String>) -> ConfigError {
    ConfigError::Invalid {
        entry: entry.into(),
        problem: problem.into(),
    }
}

/// The largest value of a wire STRING field of `max` bytes (the NUL counts).
fn fits(entry: &str, what: &str, v: &str, max: usize) -> Result<(), ConfigError> {
    if v.len() + 1 > max {
        return Err(invalid(
            entry,
            format!(
                "{what} {v:?} is {} bytes; the wire field holds at most {}",
                v.len(),
                max - 1
            ),
        ));
    }
    if v.contains('\0') {
        return Err(invalid(entry, format!("{what} {v:?} contains a NUL byte")));
    }
    Ok(())
}

fn non_empty(entry: &str, what: &str, v: &str) -> Result<(), ConfigError> {
    if v.trim().is_empty() {
        return Err(invalid(entry, format!("{what} is empty")));
    }
    Ok(())
}

/// A dialable number: digits, optionally with a leading '+' and '*'/'#'.
fn dialable(entry: &str, what: &str, v: &str) -> Result<(), ConfigError> {
    non_empty(entry, what, v)?;
    let body = v.strip_prefix('+').unwrap_or(v);
    if body.is_empty()
        || !body
            .chars()
            .all(|c| c.is_ascii_digit() || c == '*' || c == '#')
    {
        return Err(invalid(
            entry,
            format!("{what} {v:?} is not a phone number (digits, '*', '#', leading '+')"),
        ));
    }
    Ok(())
}

fn real_id(entry: &str, what: &str, id: u32) -> Result<(), ConfigError> {
    if id == 0 || id == u32::MAX {
        return Err(invalid(
            entry,
            format!("{what} {id} is reserved (0 and 4294967295 mean \"none\" on the wire)"),
        ));
    }
    Ok(())
}

impl Config {
    /// Parse and validate a TOML configuration.
    pub fn from_toml(s: &str) -> Result<Config, ConfigError> {
        let c: Config = toml::from_str(s).map_err(|e| ConfigError::Parse(e.to_string()))?;
        c.validate()?;
        Ok(c)
    }

    /// The configuration as TOML (what [`Config::from_toml`] reads back).
    pub fn to_toml(&self) -> String {
        toml::to_string(self).expect("a configuration always serializes")
    }

    /// The built-in demo center: 3 applications, 4 CSQs, 40 agents in 4 teams with
    /// supervisors. See [`Config::demo_toml`] for its text.
    pub fn demo() -> Config {
        Config::from_toml(&Config::demo_toml()).expect("the demo configuration is valid")
    }

    /// A large generated center for load tests: `agents` agents (login IDs `a00000`…, extensions
    /// from 100000, passwords `pw` + extension) in teams of 100 whose first member is the
    /// supervisor, 10 CSQs, 5 applications on triggers 6000–6004 and a CTI port per two agents.
    pub fn synthetic(agents: usize) -> Config {
        crate::demo::synthetic(agents)
    }

    /// The demo center as commented TOML.
    pub fn demo_toml() -> String {
        crate::demo::demo_toml()
    }

    /// The login IDs of the members of team `id`, in configuration order.
    pub fn team_members(&self, id: u32) -> impl Iterator<Item = &Agent> {
        self.agents.iter().filter(move |a| a.team == id)
    }

    /// Check every rule; the error names the first entry that breaks one.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let c = &self.center;
        if c.ring_no_answer_s == 0 || c.ring_no_answer_s > 3600 {
            return Err(invalid(
                "center",
                format!(
                    "ring_no_answer_s {} is out of range 1..=3600",
                    c.ring_no_answer_s
                ),
            ));
        }
        if c.wrap_up_s > 7200 {
            return Err(invalid(
                "center",
                format!("wrap_up_s {} is out of range 0..=7200", c.wrap_up_s),
            ));
        }
        if !(1..=16).contains(&c.max_calls_per_device) {
            return Err(invalid(
                "center",
                format!(
                    "max_calls_per_device {} is out of range 1..=16",
                    c.max_calls_per_device
                ),
            ));
        }
        if c.outside_answer_s > 3600 {
            return Err(invalid(
                "center",
                format!(
                    "outside_answer_s {} is out of range 0..=3600",
                    c.outside_answer_s
                ),
            ));
        }
        if c.first_call_id == 0 || c.first_call_id > 0xF000_0000 {
            return Err(invalid(
                "center",
                format!(
                    "first_call_id {} is out of range 1..=4026531840",
                    c.first_call_id
                ),
            ));
        }
        fits("center", "name", &c.name, 256)?;

        self.validate_entries()
    }

    fn validate_entries(&self) -> Result<(), ConfigError> {
        // Every number a call can be sent to must mean one thing.
        let mut numbers: HashMap<String, String> = HashMap::new();
        let mut take = |num: &str, owner: &str| -> Result<(), ConfigError> {
            if let Some(prev) = numbers.get(num) {
                return Err(invalid(
                    owner,
                    format!("number {num:?} is already used by {prev}"),
                ));
            }
            numbers.insert(num.to_owned(), owner.to_owned());
            Ok(())
        };

        let d = &self.devices;
        real_id("devices", "call_control_group", d.call_control_group)?;
        for (i, p) in d.cti_ports.iter().enumerate() {
            let e = format!("devices.cti_ports[{i}] {p:?}");
            dialable(&e, "CTI port", p)?;
            fits(&e, "CTI port", p, 16)?;
            take(p, &e)?;
        }

        let mut csq_ids = HashSet::new();
        let mut csq_names = HashSet::new();
        for (i, q) in self.csqs.iter().enumerate() {
            let e = format!("csqs[{i}] {:?}", q.name);
            real_id(&e, "id", q.id)?;
            if !csq_ids.insert(q.id) {
                return Err(invalid(e, format!("CSQ id {} is used twice", q.id)));
            }
            non_empty(&e, "name", &q.name)?;
            fits(&e, "name", &q.name, 64)?;
            if !csq_names.insert(q.name.as_str()) {
                return Err(invalid(e, "the name is used by another CSQ"));
            }
            if let Some(d) = &q.description {
                fits(&e, "description", d, 128)?;
            }
            if q.skills.is_empty() {
                return Err(invalid(
                    e,
                    "skills is empty: a CSQ needs at least one skill to select agents",
                ));
            }
            for (s, min) in &q.skills {
                non_empty(&e, "skill name", s)?;
                if !(1..=10).contains(min) {
                    return Err(invalid(
                        e,
                        format!("skill {s:?} minimum competence {min} is out of range 1..=10"),
                    ));
                }
            }
            if q.service_level_s == 0 || q.service_level_s > 3600 {
                return Err(invalid(
                    e,
                    format!(
                        "service_level_s {} is out of range 1..=3600",
                        q.service_level_s
                    ),
                ));
            }
            if let Some(w) = q.wrap_up_s {
                if w > 7200 {
                    return Err(invalid(
                        e,
                        format!("wrap_up_s {w} is out of range 0..=7200"),
                    ));
                }
            }
        }

        let mut app_ids = HashSet::new();
        for (i, a) in self.applications.iter().enumerate() {
            let e = format!("applications[{i}] {:?}", a.name);
            real_id(&e, "id", a.id)?;
            if !app_ids.insert(a.id) {
                return Err(invalid(e, format!("application id {} is used twice", a.id)));
            }
            non_empty(&e, "name", &a.name)?;
            fits(&e, "name", &a.name, 64)?;
            if let Some(d) = &a.description {
                fits(&e, "description", d, 128)?;
            }
            if a.max_queued == 0 {
                return Err(invalid(
                    e,
                    "max_queued is 0: the application could take no call",
                ));
            }
            if !csq_ids.contains(&a.csq) {
                return Err(invalid(
                    e,
                    format!("csq {} is not a configured CSQ id", a.csq),
                ));
            }
            for (digits, q) in &a.menu {
                if digits.is_empty()
                    || !digits
                        .chars()
                        .all(|c| c.is_ascii_digit() || c == '*' || c == '#')
                {
                    return Err(invalid(
                        e,
                        format!("menu key {digits:?} is not a digit string"),
                    ));
                }
                if !csq_ids.contains(q) {
                    return Err(invalid(
                        e,
                        format!("menu {digits:?} names csq {q}, which is not a configured CSQ id"),
                    ));
                }
            }
            if a.triggers.is_empty() {
                return Err(invalid(
                    e,
                    "triggers is empty: no number starts the application",
                ));
            }
            for t in &a.triggers {
                dialable(&e, "trigger", t)?;
                // A trigger travels as DNIS (STRING 32) and DialedNumber (STRING 40).
                fits(&e, "trigger", t, 32)?;
                take(t, &e)?;
            }
        }

        let mut logins: HashMap<&str, usize> = HashMap::new();
        for (i, a) in self.agents.iter().enumerate() {
            let e = format!("agents[{i}] {:?}", a.login_id);
            non_empty(&e, "login_id", &a.login_id)?;
            fits(&e, "login_id", &a.login_id, 129)?;
            if a.login_id.eq_ignore_ascii_case("unknown") {
                return Err(invalid(
                    e,
                    "login_id \"unknown\" is reserved (authentication-only instrument)",
                ));
            }
            if let Some(prev) = logins.insert(a.login_id.as_str(), i) {
                return Err(invalid(
                    e,
                    format!("login_id is already used by agents[{prev}]"),
                ));
            }
            fits(&e, "first_name", &a.first_name, 32)?;
            fits(&e, "last_name", &a.last_name, 32)?;
            dialable(&e, "extension", &a.extension)?;
            fits(&e, "extension", &a.extension, 16)?;
            take(&a.extension, &e)?;
            if let Some(ins) = &a.instrument {
                dialable(&e, "instrument", ins)?;
                fits(&e, "instrument", ins, 64)?;
                if ins != &a.extension {
                    take(ins, &e)?;
                }
            }
            non_empty(&e, "password", &a.password)?;
            fits(&e, "password", &a.password, 64)?;
            if !self.teams.iter().any(|t| t.id == a.team) {
                return Err(invalid(
                    e,
                    format!("team {} is not a configured team id", a.team),
                ));
            }
            for (s, c) in &a.skills {
                non_empty(&e, "skill name", s)?;
                if !(1..=10).contains(c) {
                    return Err(invalid(
                        e,
                        format!("skill {s:?} competence {c} is out of range 1..=10"),
                    ));
                }
            }
            let n = self.csqs.iter().filter(|q| a.qualifies_for(q)).count();
            if n > MAX_CSQS_PER_AGENT {
                return Err(invalid(
                    e,
                    format!(
                        "the skills put the agent in {n} CSQs; at most {MAX_CSQS_PER_AGENT} fit in QUERY_AGENT_STATE_CONF"
                    ),
                ));
            }
        }

        let mut team_ids = HashSet::new();
        for (i, t) in self.teams.iter().enumerate() {
            let e = format!("teams[{i}] {:?}", t.name);
            real_id(&e, "id", t.id)?;
            if !team_ids.insert(t.id) {
                return Err(invalid(e, format!("team id {} is used twice", t.id)));
            }
            non_empty(&e, "name", &t.name)?;
            fits(&e, "name", &t.name, 50)?;
            let mut seen = HashSet::new();
            for s in &t.supervisors {
                let Some(&ai) = logins.get(s.as_str()) else {
                    return Err(invalid(
                        e,
                        format!("supervisor {s:?} is not a configured agent login_id"),
                    ));
                };
                if self.agents[ai].kind != AgentKind::Supervisor {
                    return Err(invalid(
                        e,
                        format!("supervisor {s:?} is configured with kind = \"agent\""),
                    ));
                }
                if !seen.insert(s.as_str()) {
                    return Err(invalid(e, format!("supervisor {s:?} is listed twice")));
                }
            }
            let mut qs = HashSet::new();
            for q in &t.csqs {
                if !csq_ids.contains(q) {
                    return Err(invalid(e, format!("csq {q} is not a configured CSQ id")));
                }
                if !qs.insert(*q) {
                    return Err(invalid(e, format!("csq {q} is listed twice")));
                }
            }
        }

        let mut codes = HashSet::new();
        for (i, r) in self.reason_codes.iter().enumerate() {
            let e = format!("reason_codes[{i}] {:?}", r.label);
            if r.code == 0 || r.code > 32740 {
                return Err(invalid(
                    e,
                    format!(
                        "code {} is out of range 1..=32740 (0 means none, 32741 and up are system codes)",
                        r.code
                    ),
                ));
            }
            if !codes.insert(r.code) {
                return Err(invalid(e, format!("code {} is used twice", r.code)));
            }
            non_empty(&e, "label", &r.label)?;
            fits(&e, "label", &r.label, 64)?;
        }
        Ok(())
    }
}

impl fmt::Display for RoutingPolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            RoutingPolicy::LongestAvailable => "longest_available",
            RoutingPolicy::MostSkilled => "most_skilled",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(toml: &str) -> String {
        Config::from_toml(toml).unwrap_err().to_string()
    }

    #[test]
    fn demo_is_valid_and_round_trips() {
        let demo = Config::demo();
        assert_eq!(demo.applications.len(), 3);
        assert_eq!(demo.csqs.len(), 4);
        assert_eq!(demo.teams.len(), 4);
        assert_eq!(
            demo.agents
                .iter()
                .filter(|a| a.kind == AgentKind::Agent)
                .count(),
            40
        );
        for t in &demo.teams {
            assert!(
                !t.supervisors.is_empty(),
                "team {} has no supervisor",
                t.name
            );
        }
        // Written out and read back, the configuration is the same.
        assert_eq!(Config::from_toml(&demo.to_toml()).unwrap(), demo);
        // Every agent serves at least one CSQ.
        for a in &demo.agents {
            assert!(
                demo.csqs.iter().any(|q| a.qualifies_for(q)),
                "{} serves no CSQ",
                a.login_id
            );
        }
    }

    #[test]
    fn synthetic_centers_are_valid() {
        for n in [1, 99, 100, 5000] {
            let c = Config::synthetic(n);
            c.validate().unwrap_or_else(|e| panic!("{n}: {e}"));
            assert_eq!(c.agents.len(), n);
        }
    }

    #[test]
    fn errors_name_the_entry() {
        let demo = Config::demo_toml();
        let dup = demo.replacen("extension = \"2002\"", "extension = \"2001\"", 1);
        let e = err(&dup);
        assert!(e.contains("agents[5] \"agent02\""), "{e}");
        assert!(
            e.contains("\"2001\" is already used by agents[4] \"agent01\""),
            "{e}"
        );

        let bad_csq = demo.replacen("csq = 3", "csq = 9", 1);
        let e = err(&bad_csq);
        assert!(e.starts_with("applications[2] \"Billing\": csq 9"), "{e}");

        let typo = demo.replacen("auto_work = true", "autowork = true", 1);
        assert!(err(&typo).contains("unknown field `autowork`"));

        let bad_sup = demo.replacen(
            "supervisors = [\"sup02\"]",
            "supervisors = [\"agent12\"]",
            1,
        );
        let e = err(&bad_sup);
        assert!(
            e.contains("teams[1] \"Support Team\"") && e.contains("kind = \"agent\""),
            "{e}"
        );

        let long = demo.replacen(
            "name = \"Sales\"\ndescription",
            &format!("name = \"{}\"\ndescription", "x".repeat(64)),
            1,
        );
        assert!(err(&long).contains("at most 63"), "{}", err(&long));

        let clash = demo.replacen("triggers = [\"5002\"]", "triggers = [\"7001\"]", 1);
        assert!(
            err(&clash).contains("already used by devices.cti_ports[0]"),
            "{}",
            err(&clash)
        );
    }
}
