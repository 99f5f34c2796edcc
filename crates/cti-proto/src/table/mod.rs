//! The message table: every message type of protocol versions 10 to 18, in one place.
//!
//! Each entry gives the MessageTypeID (with its source when it is inferred), the fixed part in
//! wire order and the floating fields with their tags, sizes and presence. Numbers marked
//! `unconfirmed` were not found in a Unified CCX source; the text says where they come from,
//! so a capture can correct them here and everything derived from the table follows.
//!
//! Decisions taken where the guide contradicts itself are written next to the entry they
//! affect, prefixed `DECISION:`; each has a test in `tests/decisions.rs`.

use crate::spec::*;

mod agent;
mod call_control;
mod call_events;
mod config;
mod session;
mod statistics;
mod supervisor;

pub use agent::*;
pub use call_control::*;
pub use call_events::*;
pub use config::*;
pub use session::*;
pub use statistics::*;
pub use supervisor::*;

/// Shorthand used by the table files.
pub(crate) const C2S: Direction = Direction::ClientToServer;
/// Shorthand used by the table files.
pub(crate) const S2C: Direction = Direction::ServerToClient;

/// Source text for message IDs taken from UCCE (GED-188) numbering.
pub(crate) const UCCE_ID: &str =
    "UCCE GED-188 message number; the UCCX by-ID table is unreadable past 57";

/// Every message type, ordered by MessageTypeID.
pub fn messages() -> &'static [&'static MessageSpec] {
    static ALL: std::sync::OnceLock<Vec<&'static MessageSpec>> = std::sync::OnceLock::new();
    ALL.get_or_init(|| {
        let mut all: Vec<&'static MessageSpec> = [
            session::MESSAGES,
            agent::MESSAGES,
            call_control::MESSAGES,
            call_events::MESSAGES,
            config::MESSAGES,
            statistics::MESSAGES,
            supervisor::MESSAGES,
        ]
        .concat();
        all.sort_by_key(|m| m.id);
        all
    })
}
