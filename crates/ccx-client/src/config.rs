//! What a client connects to and how it behaves: the node list, agent or bridge mode, the
//! services and masks it asks for, the protocol version policy and every timer of the guide's
//! session rules. Built with [`ClientConfig::builder`]; [`ClientConfigBuilder::build`] checks
//! the combination before anything touches the network.

use std::time::Duration;

use cti_proto::codes::{AgentStateMask, CallEventMask, ConfigMsgMask, ServiceMask};
use cti_proto::wire::LengthWidth;

/// Lowest protocol version the guide defines.
pub const MIN_VERSION: u8 = 10;
/// Highest protocol version the guide defines (UCCX 12.5(1)SU1 and later).
pub const MAX_VERSION: u8 = 18;

/// Which kind of session to open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Bridge mode (CTI_SERVICE_ALL_EVENTS): every agent-state and call event of the center.
    Bridge,
    /// Agent mode (CTI_SERVICE_CLIENT_EVENTS): one agent and one phone. At least one of the
    /// identifiers must be given; all given ones must belong to the same configured agent.
    Agent(AgentIdentity),
}

/// The agent (and phone) an agent-mode session is bound to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AgentIdentity {
    /// UCCX login ID (AgentID\[194\]).
    pub agent_id: Option<String>,
    /// Phone extension (AgentExtension\[4\]).
    pub extension: Option<String>,
    /// Phone instrument (AgentInstrument\[6\]).
    pub instrument: Option<String>,
}

impl AgentIdentity {
    /// True when no identifier is given.
    pub fn is_empty(&self) -> bool {
        self.agent_id.is_none() && self.extension.is_none() && self.instrument.is_none()
    }
}

/// Which protocol version to ask for in OPEN_REQ.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VersionPolicy {
    /// Start at `start` and, when a node answers E_CTI_INVALID_VERSION, retry one lower, down
    /// to `min` (the guide has no counter-offer; this is its recommended fallback).
    StepDown {
        /// First version tried.
        start: u8,
        /// Lowest version tried.
        min: u8,
    },
    /// Always this version; E_CTI_INVALID_VERSION is a rejection like any other.
    Fixed(u8),
}

impl Default for VersionPolicy {
    fn default() -> Self {
        VersionPolicy::StepDown {
            start: MAX_VERSION,
            min: MIN_VERSION,
        }
    }
}

impl VersionPolicy {
    /// The first version to ask for.
    pub fn first(self) -> u8 {
        match self {
            VersionPolicy::StepDown { start, .. } => start,
            VersionPolicy::Fixed(v) => v,
        }
    }
    /// The version to try after `v` was refused, if any.
    pub fn below(self, v: u8) -> Option<u8> {
        match self {
            VersionPolicy::StepDown { min, .. } if v > min => Some(v - 1),
            _ => None,
        }
    }
}

/// Which configuration the client keeps in its cache, and whether it fetches it by itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ConfigSync {
    /// Do nothing by itself; the cache still follows whatever configuration messages arrive.
    #[default]
    Manual,
    /// After every open that grants CTI_SERVICE_CONFIG_EVENTS: ask for the keys, then for a
    /// snapshot of the classes whose keys changed (or an updates-only request when all match);
    /// again after E_CTI_AUTO_CONFIG_RESET. With CTI_SERVICE_SUPERVISOR granted, also ask for
    /// the team configuration.
    Automatic,
}

/// Every setting of a client. Cheap to clone.
#[derive(Clone, Debug)]
pub struct ClientConfig {
    /// Cluster nodes as `HOST:PORT`, in the order they are tried (wrapping around).
    pub nodes: Vec<String>,
    /// Agent or bridge mode.
    pub mode: Mode,
    /// Services asked for in addition to the mode's own bit.
    pub extra_services: ServiceMask,
    /// CallMsgMask of OPEN_REQ.
    pub call_msg_mask: CallEventMask,
    /// AgentStateMask of OPEN_REQ.
    pub agent_state_mask: AgentStateMask,
    /// ConfigMsgMask of OPEN_REQ.
    pub config_msg_mask: ConfigMsgMask,
    /// ClientID\[1\].
    pub client_id: String,
    /// ClientPassword\[2\].
    pub client_password: Vec<u8>,
    /// ClientSignature\[3\], if any.
    pub client_signature: Option<String>,
    /// Version policy.
    pub version: VersionPolicy,
    /// Width of a floating field's length at version 18.
    pub v18_length_width: LengthWidth,
    /// Largest message body accepted from the server.
    pub max_body: u32,
    /// Time between HEARTBEAT_REQs (guide: 5–30 s).
    pub heartbeat_interval: Duration,
    /// IdleTimeout sent in OPEN_REQ (guide: 4 × the heartbeat interval, 20–119 s).
    pub idle_timeout: Duration,
    /// Unanswered heartbeats in a row after which the session is declared failed.
    pub max_missed_heartbeats: u32,
    /// How long a TCP connect may take before the next node is tried.
    pub connect_timeout: Duration,
    /// How long to wait for the answer to OPEN_REQ before the next node is tried.
    pub open_timeout: Duration,
    /// Wait after a rejected OPEN_REQ before the next OPEN_REQ (guide: at least 10 s). Also the
    /// pause after a whole round of nodes failed.
    pub rejected_open_delay: Duration,
    /// First wait before reconnecting after a lost session; doubles up to `max_backoff`.
    pub initial_backoff: Duration,
    /// Longest wait between reconnect rounds.
    pub max_backoff: Duration,
    /// Per-request timeout when the caller gives none (call control may take 10–15 s).
    pub request_timeout: Duration,
    /// How long to wait for CLOSE_CONF after CLOSE_REQ (guide: at most 5 s).
    pub close_timeout: Duration,
    /// Before the first successful open: give up after this many rounds over the node list
    /// (`None`: keep trying). Once a session has been open the client reconnects until closed.
    pub initial_rounds: Option<u32>,
    /// Leave the node and fail over when a SYSTEM_EVENT reports SYS_CCX_OFFLINE (the guide's
    /// cluster procedure). On a single node this only reconnects to the same node.
    pub reconnect_on_offline: bool,
    /// Configuration synchronisation.
    pub config_sync: ConfigSync,
    /// Also put confirmations (and snapshot records) on the event stream, after routing them
    /// to their request. For tools that print everything a server sends.
    pub echo_replies: bool,
    /// Events buffered for the application before new ones are dropped (and counted).
    pub event_buffer: usize,
}

impl ClientConfig {
    /// A builder with the guide's defaults: bridge mode, version 18 stepping down, 10 s
    /// heartbeats, IdleTimeout 40 s, 3 missed heartbeats, ≥ 10 s after a rejected open.
    pub fn builder() -> ClientConfigBuilder {
        ClientConfigBuilder {
            cfg: ClientConfig {
                nodes: Vec::new(),
                mode: Mode::Bridge,
                extra_services: ServiceMask::NONE,
                call_msg_mask: all_call_events(),
                agent_state_mask: all_agent_states(),
                config_msg_mask: ConfigMsgMask::NONE,
                client_id: "ccx-client".to_string(),
                client_password: Vec::new(),
                client_signature: None,
                version: VersionPolicy::default(),
                v18_length_width: LengthWidth::One,
                max_body: 64 * 1024,
                heartbeat_interval: Duration::from_secs(10),
                idle_timeout: Duration::from_secs(40),
                max_missed_heartbeats: 3,
                connect_timeout: Duration::from_secs(5),
                open_timeout: Duration::from_secs(10),
                rejected_open_delay: Duration::from_secs(10),
                initial_backoff: Duration::from_millis(500),
                max_backoff: Duration::from_secs(10),
                request_timeout: Duration::from_secs(30),
                close_timeout: Duration::from_secs(5),
                initial_rounds: None,
                reconnect_on_offline: false,
                config_sync: ConfigSync::Manual,
                echo_replies: false,
                event_buffer: 16 * 1024,
            },
            offline_set: false,
        }
    }

    /// ServicesRequested of OPEN_REQ: the mode's bit plus the extra services.
    pub fn services(&self) -> ServiceMask {
        let mode = match self.mode {
            Mode::Bridge => ServiceMask::CTI_SERVICE_ALL_EVENTS,
            Mode::Agent(_) => ServiceMask::CTI_SERVICE_CLIENT_EVENTS,
        };
        mode | self.extra_services
    }
}

/// Every call event mask bit the table knows.
pub fn all_call_events() -> CallEventMask {
    CallEventMask(CallEventMask::TABLE.bits.iter().fold(0, |a, b| a | b.value))
}

/// Every agent-state mask bit the table knows.
pub fn all_agent_states() -> AgentStateMask {
    AgentStateMask(
        AgentStateMask::TABLE
            .bits
            .iter()
            .fold(0, |a, b| a | b.value),
    )
}

/// A configuration that cannot work.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// No node to connect to.
    #[error("no CTI server node given")]
    NoNodes,
    /// A node is not `HOST:PORT`.
    #[error("node {0:?} is not HOST:PORT")]
    BadNode(String),
    /// A version outside 10–18, or a step-down range upside down.
    #[error("protocol version {0} is outside {MIN_VERSION}-{MAX_VERSION}")]
    BadVersion(u8),
    /// Agent mode without any agent identifier.
    #[error("agent mode needs an agent ID, extension or instrument")]
    NoAgentIdentity,
    /// Both mode bits asked for.
    #[error("CTI_SERVICE_CLIENT_EVENTS and CTI_SERVICE_ALL_EVENTS exclude each other; choose the mode with `mode`")]
    BothModes,
    /// A timer that makes no sense.
    #[error("{0}")]
    BadTimer(&'static str),
}

/// Builds a [`ClientConfig`].
#[derive(Clone, Debug)]
pub struct ClientConfigBuilder {
    cfg: ClientConfig,
    offline_set: bool,
}

impl ClientConfigBuilder {
    /// Add one node (`HOST:PORT`).
    pub fn node(mut self, node: impl Into<String>) -> Self {
        self.cfg.nodes.push(node.into());
        self
    }
    /// Add nodes (`HOST:PORT` each), in failover order.
    pub fn nodes<I: IntoIterator<Item = S>, S: Into<String>>(mut self, nodes: I) -> Self {
        self.cfg.nodes.extend(nodes.into_iter().map(Into::into));
        self
    }
    /// Bridge mode (the default).
    pub fn bridge(mut self) -> Self {
        self.cfg.mode = Mode::Bridge;
        self
    }
    /// Agent mode for this agent and phone.
    pub fn agent(mut self, identity: AgentIdentity) -> Self {
        self.cfg.mode = Mode::Agent(identity);
        self
    }
    /// Services asked for in addition to the mode bit (e.g. CLIENT_CONTROL, CONFIG_EVENTS).
    pub fn services(mut self, services: ServiceMask) -> Self {
        self.cfg.extra_services = services;
        self
    }
    /// CallMsgMask (default: every call event).
    pub fn call_msg_mask(mut self, mask: CallEventMask) -> Self {
        self.cfg.call_msg_mask = mask;
        self
    }
    /// AgentStateMask (default: every state).
    pub fn agent_state_mask(mut self, mask: AgentStateMask) -> Self {
        self.cfg.agent_state_mask = mask;
        self
    }
    /// ConfigMsgMask (default: none).
    pub fn config_msg_mask(mut self, mask: ConfigMsgMask) -> Self {
        self.cfg.config_msg_mask = mask;
        self
    }
    /// ClientID.
    pub fn client_id(mut self, id: impl Into<String>) -> Self {
        self.cfg.client_id = id.into();
        self
    }
    /// ClientPassword.
    pub fn client_password(mut self, password: impl Into<Vec<u8>>) -> Self {
        self.cfg.client_password = password.into();
        self
    }
    /// ClientSignature.
    pub fn client_signature(mut self, signature: impl Into<String>) -> Self {
        self.cfg.client_signature = Some(signature.into());
        self
    }
    /// Version policy (default: 18 stepping down to 10).
    pub fn version(mut self, policy: VersionPolicy) -> Self {
        self.cfg.version = policy;
        self
    }
    /// Width of the v18 floating-field length.
    pub fn v18_length_width(mut self, width: LengthWidth) -> Self {
        self.cfg.v18_length_width = width;
        self
    }
    /// Largest body accepted.
    pub fn max_body(mut self, max: u32) -> Self {
        self.cfg.max_body = max;
        self
    }
    /// Heartbeat interval (default 10 s).
    pub fn heartbeat_interval(mut self, d: Duration) -> Self {
        self.cfg.heartbeat_interval = d;
        self
    }
    /// IdleTimeout (default 40 s).
    pub fn idle_timeout(mut self, d: Duration) -> Self {
        self.cfg.idle_timeout = d;
        self
    }
    /// Unanswered heartbeats in a row that fail the session (default 3).
    pub fn max_missed_heartbeats(mut self, n: u32) -> Self {
        self.cfg.max_missed_heartbeats = n;
        self
    }
    /// TCP connect timeout (default 5 s).
    pub fn connect_timeout(mut self, d: Duration) -> Self {
        self.cfg.connect_timeout = d;
        self
    }
    /// Time to wait for OPEN_CONF (default 10 s).
    pub fn open_timeout(mut self, d: Duration) -> Self {
        self.cfg.open_timeout = d;
        self
    }
    /// Wait after a rejected open (default 10 s, the guide's minimum).
    pub fn rejected_open_delay(mut self, d: Duration) -> Self {
        self.cfg.rejected_open_delay = d;
        self
    }
    /// Reconnect backoff: first wait and cap (defaults 0.5 s and 10 s).
    pub fn backoff(mut self, initial: Duration, max: Duration) -> Self {
        self.cfg.initial_backoff = initial;
        self.cfg.max_backoff = max;
        self
    }
    /// Default per-request timeout (default 30 s).
    pub fn request_timeout(mut self, d: Duration) -> Self {
        self.cfg.request_timeout = d;
        self
    }
    /// Time to wait for CLOSE_CONF (default 5 s).
    pub fn close_timeout(mut self, d: Duration) -> Self {
        self.cfg.close_timeout = d;
        self
    }
    /// Give up the first connection after this many rounds over the nodes.
    pub fn initial_rounds(mut self, rounds: u32) -> Self {
        self.cfg.initial_rounds = Some(rounds);
        self
    }
    /// Fail over on SYS_CCX_OFFLINE (default: only with more than one node).
    pub fn reconnect_on_offline(mut self, yes: bool) -> Self {
        self.cfg.reconnect_on_offline = yes;
        self.offline_set = true;
        self
    }
    /// Configuration synchronisation (default manual).
    pub fn config_sync(mut self, sync: ConfigSync) -> Self {
        self.cfg.config_sync = sync;
        self
    }
    /// Keep the configuration cache current by itself: adds CTI_SERVICE_CONFIG_EVENTS, every
    /// ConfigMsgMask bit and automatic synchronisation (and the team configuration when
    /// CTI_SERVICE_SUPERVISOR is also asked for).
    pub fn config_events(mut self) -> Self {
        self.cfg.extra_services |= ServiceMask::CTI_SERVICE_CONFIG_EVENTS;
        self.cfg.config_msg_mask =
            ConfigMsgMask(ConfigMsgMask::TABLE.bits.iter().fold(0, |a, b| a | b.value));
        self.cfg.config_sync = ConfigSync::Automatic;
        self
    }
    /// Echo confirmations on the event stream.
    pub fn echo_replies(mut self, yes: bool) -> Self {
        self.cfg.echo_replies = yes;
        self
    }
    /// Events buffered for the application (default 16384).
    pub fn event_buffer(mut self, n: usize) -> Self {
        self.cfg.event_buffer = n.max(1);
        self
    }

    /// Check and finish.
    pub fn build(mut self) -> Result<ClientConfig, ConfigError> {
        let c = &mut self.cfg;
        if c.nodes.is_empty() {
            return Err(ConfigError::NoNodes);
        }
        for n in &c.nodes {
            match n.rsplit_once(':') {
                Some((host, port)) if !host.is_empty() && port.parse::<u16>().is_ok() => {}
                _ => return Err(ConfigError::BadNode(n.clone())),
            }
        }
        match c.version {
            VersionPolicy::Fixed(v) => check_version(v)?,
            VersionPolicy::StepDown { start, min } => {
                check_version(start)?;
                check_version(min)?;
                if min > start {
                    return Err(ConfigError::BadVersion(min));
                }
            }
        }
        if let Mode::Agent(id) = &c.mode {
            if id.is_empty() {
                return Err(ConfigError::NoAgentIdentity);
            }
        }
        if c.extra_services.intersects(
            ServiceMask::CTI_SERVICE_ALL_EVENTS | ServiceMask::CTI_SERVICE_CLIENT_EVENTS,
        ) {
            return Err(ConfigError::BothModes);
        }
        if c.heartbeat_interval.is_zero() {
            return Err(ConfigError::BadTimer(
                "heartbeat interval must be above zero",
            ));
        }
        if c.idle_timeout < c.heartbeat_interval * 2 {
            return Err(ConfigError::BadTimer(
                "IdleTimeout must be at least twice the heartbeat interval",
            ));
        }
        if c.idle_timeout.as_secs() > u32::MAX as u64 {
            return Err(ConfigError::BadTimer("IdleTimeout does not fit 32 bits"));
        }
        if c.max_missed_heartbeats == 0 {
            return Err(ConfigError::BadTimer(
                "max missed heartbeats must be at least 1",
            ));
        }
        if !self.offline_set {
            c.reconnect_on_offline = c.nodes.len() > 1;
        }
        Ok(self.cfg)
    }
}

fn check_version(v: u8) -> Result<(), ConfigError> {
    if (MIN_VERSION..=MAX_VERSION).contains(&v) {
        Ok(())
    } else {
        Err(ConfigError::BadVersion(v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_follow_the_guide() {
        let c = ClientConfig::builder().node("h:42027").build().unwrap();
        assert_eq!(c.heartbeat_interval, Duration::from_secs(10));
        assert_eq!(c.idle_timeout, Duration::from_secs(40));
        assert_eq!(c.max_missed_heartbeats, 3);
        assert_eq!(c.rejected_open_delay, Duration::from_secs(10));
        assert_eq!(c.version.first(), 18);
        assert_eq!(c.services(), ServiceMask::CTI_SERVICE_ALL_EVENTS);
        assert!(!c.reconnect_on_offline);
        assert_eq!(all_agent_states().0, 0x1FF);
    }

    #[test]
    fn rejects_impossible_settings() {
        let b = || ClientConfig::builder().node("h:1");
        assert_eq!(
            ClientConfig::builder().build().unwrap_err(),
            ConfigError::NoNodes
        );
        assert!(matches!(
            ClientConfig::builder().node("nohost").build(),
            Err(ConfigError::BadNode(_))
        ));
        assert_eq!(
            b().version(VersionPolicy::Fixed(9)).build().unwrap_err(),
            ConfigError::BadVersion(9)
        );
        assert_eq!(
            b().agent(AgentIdentity::default()).build().unwrap_err(),
            ConfigError::NoAgentIdentity
        );
        assert_eq!(
            b().services(ServiceMask::CTI_SERVICE_ALL_EVENTS)
                .build()
                .unwrap_err(),
            ConfigError::BothModes
        );
        assert!(b().idle_timeout(Duration::from_secs(15)).build().is_err());
        let two = ClientConfig::builder()
            .nodes(["a:1", "b:2"])
            .build()
            .unwrap();
        assert!(two.reconnect_on_offline);
    }

    #[test]
    fn step_down_stops_at_the_minimum() {
        let p = VersionPolicy::StepDown { start: 12, min: 11 };
        assert_eq!(p.below(12), Some(11));
        assert_eq!(p.below(11), None);
        assert_eq!(VersionPolicy::Fixed(15).below(15), None);
    }
}
