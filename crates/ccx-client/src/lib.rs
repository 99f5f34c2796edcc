//! # ccx-client
//!
//! An async client for the Cisco Unified CCX CTI protocol: what an agent desktop, a wallboard
//! or a recorder needs, without touching framing, heartbeats or failover.
//!
//! * [`ClientConfig`] says where to connect (a node list, tried in order and wrapping around
//!   as the guide's cluster procedure asks), in which mode (bridge or agent), with which
//!   services, masks and protocol version (18 stepping down on E_CTI_INVALID_VERSION, or
//!   fixed), and every timer (heartbeats, IdleTimeout, per-request timeout, the ≥ 10 s wait
//!   after a rejected open).
//! * [`Client`] is a cheap, cloneable handle on one session, with a typed method per client
//!   request ([`Client::set_agent_state`], [`Client::make_call`], [`Client::config_snapshot`],
//!   [`Client::teams`] …) and a generic [`Client::request`]. Answers are matched by InvokeID;
//!   FAILURE_CONF and CONTROL_FAILURE_CONF come back as [`RequestError`]s carrying the status.
//! * [`Events`] is the stream of unsolicited messages and connection changes
//!   ([`ConnectionEvent`]: connected, opened, rejected, disconnected, failed over, closed).
//! * [`ConfigCache`] holds applications, CSQs, agents, devices, terminals and teams, kept
//!   current from keys, snapshots and update blocks.
//! * [`ClientCore`] is the protocol state machine underneath, without I/O or clock, usable on
//!   its own (it is what the tests drive with virtual time and what the fuzz target feeds).
//!
//! ```no_run
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! use ccx_client::{Client, ClientConfig, Event};
//! use ccx_client::requests::build;
//!
//! let config = ClientConfig::builder().nodes(["uccx-a:12028", "uccx-b:12028"]).build()?;
//! let (client, mut events) = Client::connect(config).await?;
//! let state = client.query_agent_state(build::query_agent("1001")).await?;
//! println!("agent 1001 is {}", state.agent_state);
//! while let Some(event) = events.recv().await {
//!     if let Event::Message(m) = event {
//!         println!("{}", m.message.name());
//!     }
//! }
//! client.close().await;
//! # Ok(()) }
//! ```
#![warn(missing_docs)]

pub mod cache;
pub mod client;
pub mod config;
pub mod error;
#[doc(hidden)]
pub mod fuzzing;
pub mod requests;
pub mod state;

pub use cache::{ConfigCache, ConfigKeys, Team};
pub use client::{Client, Events, SessionInfo, SessionState};
pub use config::{
    AgentIdentity, ClientConfig, ClientConfigBuilder, ConfigError, ConfigSync, Mode, VersionPolicy,
};
pub use error::{CloseReason, RequestError};
pub use state::{
    Action, ClientCore, ConfigSnapshot, ConnectionEvent, Event, Incoming, Output, Reply, RequestId,
    TeamConfig,
};
