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
//!   field, its byte offset and the E_CTI status to answer with; its
//!   [`Validator`](validate::Validator) gives the same answers faster to a connection whose
//!   messages repeat the same fields.
//! * [`msg`] holds one typed, owned struct per message kind, generated from the table, with
//!   `encode` and `decode`; [`codes`] the newtypes for status codes, states and masks.
//!
//! ```
//! use cti_proto::msg::{CtiMessage, HeartbeatReq, Message};
//! use cti_proto::wire::Settings;
//!
//! let s = Settings::new(16);
//! let bytes = HeartbeatReq { invoke_id: 7, ..Default::default() }.to_bytes(&s).unwrap();
//! assert_eq!(&bytes[..], &[0, 0, 0, 4, 0, 0, 0, 5, 0, 0, 0, 7]);
//! let back = Message::decode_frame(&bytes, &s).unwrap();
//! assert_eq!(back.invoke_id(), Some(7));
//! ```
#![warn(missing_docs)]

#[doc(hidden)]
pub mod codegen;
pub mod codes;
pub mod dissector;
mod error;
pub mod layout;
pub mod msg;
pub mod render;
pub mod spec;
pub mod table;
pub mod validate;
pub mod values;
pub mod view;
pub mod wire;

#[cfg(feature = "tokio")]
pub mod codec;

pub use codes::StatusCode;
pub use error::{DecodeError, EncodeError, Problem};
pub use msg::{CtiMessage, Message};
pub use view::FrameView;
pub use wire::Settings;
