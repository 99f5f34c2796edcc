//! The subcommands, one module each.

pub mod admin;
pub mod agent;
pub mod call;
pub mod client_common;
pub mod decode;
pub mod dissector;
pub mod load;
pub mod serve;
pub mod watch;
