//! # ccx-server
//!
//! The CTI server of `ccx serve`: sessions, fan-out and an admin HTTP API in front of the
//! simulated contact center of `ccx-sim`.
//!
//! * [`session`] is one connection's session layer as a sans-IO state machine (frames and
//!   `now` in; frames, hub requests and deadlines out).
pub mod session;
