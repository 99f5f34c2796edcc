//! # ccx-server
//!
//! The CTI server of `ccx serve`: sessions, fan-out and an admin HTTP API in front of the
//! simulated contact center of `ccx-sim`.
//!
//! * [`session`] is one connection's session layer as a sans-IO state machine (frames and
//!   `now` in; frames, hub requests and deadlines out).
//! * [`hub`] owns the contact center and the registry of open sessions: who may open, and
//!   who receives each event (sans-IO too).
//! * [`server`] is the tokio front end: listeners, one task per connection, limits, the
//!   hub's timer, failover and shutdown. [`run`] / [`start`] are its entry points.
//! * [`admin`] is the admin HTTP API, [`admin_client`] a tiny client for it, and [`metrics`]
//!   the Prometheus metrics.
pub mod admin;
pub mod admin_client;
pub mod hub;
pub mod metrics;
pub mod server;
pub mod session;

pub use server::{run, start, AdminError, Listeners, Running, Server, ServerConfig};
/// The shutdown signal [`run`] and [`start`] take.
pub use tokio_util::sync::CancellationToken;
