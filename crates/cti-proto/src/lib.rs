//! # cti-proto
//!
//! The Cisco Unified CCX CTI protocol, versions 10 to 18, as data and a codec, with no I/O.
//!
//! * [`spec`] is the shape of the message table, [`table`] the table itself and [`values`] the
//!   enumerations, masks and status codes. Everything below is derived from those two.
//! * [`wire`] frames bytes: the 8-byte header, floating-field headers whose width depends on
//!   the protocol version, and the body-size limit checked before anything is buffered.
//! * [`view`] reads one frame in place, without allocating: fixed fields by name and an
//!   iterator over floating fields.
//! * [`validate`] checks a client's request the way the server must, naming the offending
//!   field, its byte offset and the E_CTI status to answer with.
//! * [`msg`] holds one typed, owned struct per message kind, generated from the table, with
//!   `encode` and `decode`.
#![warn(missing_docs)]

pub mod spec;
pub mod table;
pub mod values;
