//! Typed, owned messages: one struct per message kind, generated from the table, each with
//! `encode` and `decode` (see [`CtiMessage`]), and the [`Message`] enum over all of them.
//!
//! Decoding is lenient, as a client needs: floating fields the table does not define are kept
//! in each message's `unknown` list and written back on encode; unknown message types become
//! [`Message::Unknown`]; a group member seen before its group's first field still opens the
//! group. Use [`crate::view::FrameView::validate`] first where the strict server rules apply.
//! Reserved fields are not part of the structs: they are written with the value the guide
//! requires and ignored when read.

use bytes::{Bytes, BytesMut};

use crate::spec::MessageSpec;
use crate::wire::{FrameWriter, Header, Settings, HEADER_LEN};
use crate::{DecodeError, EncodeError, Problem};

#[cfg_attr(ccx_bootstrap, path = "bootstrap.rs")]
#[rustfmt::skip]
mod generated;
pub use generated::*;

/// What every typed message can do.
pub trait CtiMessage: Sized {
    /// The message's table entry.
    const SPEC: &'static MessageSpec;
    /// MessageTypeID.
    const ID: u32 = Self::SPEC.id;

    /// Decode a body (the bytes after the header) at the session's settings.
    fn decode_body(body: &[u8], settings: &Settings) -> Result<Self, DecodeError>;

    /// Write the body's fields (used by [`CtiMessage::encode`]).
    fn encode_fields(&self, w: &mut FrameWriter<'_>) -> Result<(), EncodeError>;

    /// Append the whole frame to `out`. On error `out` is left as it was.
    fn encode(&self, settings: &Settings, out: &mut BytesMut) -> Result<(), EncodeError> {
        let mut w = FrameWriter::begin(out, Self::ID, settings);
        match self.encode_fields(&mut w) {
            Ok(()) => w.finish(),
            Err(e) => {
                w.abandon();
                Err(e)
            }
        }
    }

    /// The whole frame as one buffer.
    fn to_bytes(&self, settings: &Settings) -> Result<Bytes, EncodeError> {
        let mut out = BytesMut::new();
        self.encode(settings, &mut out)?;
        Ok(out.freeze())
    }

    /// Decode a whole frame (header included) that must be of this type.
    fn decode_frame(frame: &[u8], settings: &Settings) -> Result<Self, DecodeError> {
        let (h, body) = split_frame(frame)?;
        if h.type_id != Self::ID {
            return Err(DecodeError::new(
                Problem::UnknownType,
                Self::SPEC.name,
                None,
                4,
            ));
        }
        Self::decode_body(body, settings)
    }
}

fn split_frame(frame: &[u8]) -> Result<(Header, &[u8]), DecodeError> {
    let h = Header::peek(frame).ok_or(DecodeError::new(
        Problem::LengthMismatch {
            declared: 0,
            found: frame.len(),
        },
        "header",
        None,
        0,
    ))?;
    let body = &frame[HEADER_LEN..];
    if body.len() != h.body_len as usize {
        return Err(DecodeError::new(
            Problem::LengthMismatch {
                declared: h.body_len as usize,
                found: body.len(),
            },
            "BodyLength",
            None,
            0,
        ));
    }
    Ok((h, body))
}

impl Message {
    /// Decode a whole frame (header included).
    pub fn decode_frame(frame: &[u8], settings: &Settings) -> Result<Message, DecodeError> {
        let (h, body) = split_frame(frame)?;
        Message::decode(h.type_id, body, settings)
    }

    /// The whole frame as one buffer.
    pub fn to_bytes(&self, settings: &Settings) -> Result<Bytes, EncodeError> {
        let mut out = BytesMut::new();
        self.encode(settings, &mut out)?;
        Ok(out.freeze())
    }

    /// The guide's name of the message ("UNKNOWN" for unknown types).
    pub fn name(&self) -> &'static str {
        self.spec().map(|s| s.name).unwrap_or("UNKNOWN")
    }
}

/// A NAMEDVARIABLE: an ECC variable's name and value.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct NamedVariable {
    /// Variable name (at most 32 bytes).
    pub name: String,
    /// Value (at most 210 bytes).
    pub value: String,
}

impl NamedVariable {
    /// A variable.
    pub fn new(name: impl Into<String>, value: impl Into<String>) -> Self {
        NamedVariable {
            name: name.into(),
            value: value.into(),
        }
    }
}

/// A NAMEDARRAY element: an ECC array's name, index and value.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct NamedArrayElement {
    /// Array index.
    pub index: u8,
    /// Array name (at most 32 bytes).
    pub name: String,
    /// Value (at most 210 bytes).
    pub value: String,
}

/// A message whose type the table does not know, kept as its body bytes.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct RawMessage {
    /// MessageTypeID.
    pub type_id: u32,
    /// The body.
    pub body: Vec<u8>,
}

impl RawMessage {
    /// Append the frame to `out`.
    pub fn encode(&self, settings: &Settings, out: &mut BytesMut) -> Result<(), EncodeError> {
        let mut w = FrameWriter::begin(out, self.type_id, settings);
        w.raw_body(&self.body);
        w.finish()
    }
}

/// Helpers called by the generated decoders.
#[allow(dead_code)]
pub(crate) mod support {
    use super::{Message, NamedArrayElement, NamedVariable};
    use crate::layout::Layout;
    use crate::spec::MessageSpec;
    use crate::wire::{self, RawField, RawFields, Settings};
    use crate::{DecodeError, Problem};

    /// Decode a body with `parts` (a message's inlined decoder) and wrap it as a [`Message`].
    /// One function per message type, kept out of line: `Message::decode` jumps here with its
    /// own return slot, and the decoder builds the message in place there (no copy of the
    /// message, nor of the whole enum, between the decoder and the caller).
    #[inline(never)]
    pub fn decode_as<T>(
        body: &[u8],
        settings: &Settings,
        parts: impl FnOnce(&[u8], &Settings) -> Result<T, DecodeError>,
        wrap: impl FnOnce(T) -> Message,
    ) -> Result<Message, DecodeError> {
        parts(body, settings).map(wrap)
    }

    /// The error for a body that ends inside the fixed part at version `v`: the first field
    /// that does not fit, as reading the fields one by one would report it.
    #[cold]
    #[inline(never)]
    pub fn fixed_truncated(spec: &'static MessageSpec, body: &[u8], v: u8) -> DecodeError {
        let mut pos = 0usize;
        for f in spec.fixed.iter().filter(|f| f.present_in(v)) {
            let n = f.ty.size();
            if body.len() - pos < n {
                return DecodeError::fixed_truncated(f.name, wire::HEADER_LEN + pos);
            }
            pos += n;
        }
        DecodeError::fixed_truncated("fixed part", wire::HEADER_LEN + pos)
    }

    pub fn layout_of(spec: &'static MessageSpec) -> &'static Layout {
        crate::layout::layout(spec.id).expect("every table message has a layout")
    }

    #[inline]
    pub fn string(d: &[u8]) -> String {
        let b = wire::string_bytes(d);
        // Valid UTF-8 is the rule: check it with the fast validator and copy once; only
        // invalid text takes the replacing path.
        match std::str::from_utf8(b) {
            Ok(s) => s.to_owned(),
            Err(_) => String::from_utf8_lossy(b).into_owned(),
        }
    }

    fn wrong(d: &[u8], n: usize, name: &'static str, tag: u16, off: usize) -> DecodeError {
        DecodeError::new(
            Problem::WrongLength {
                len: d.len(),
                expected: n,
            },
            name,
            Some(tag),
            off,
        )
    }

    pub fn u16(d: &[u8], name: &'static str, tag: u16, off: usize) -> Result<u16, DecodeError> {
        match d {
            [a, b] => Ok(u16::from_be_bytes([*a, *b])),
            _ => Err(wrong(d, 2, name, tag, off)),
        }
    }

    pub fn u32(d: &[u8], name: &'static str, tag: u16, off: usize) -> Result<u32, DecodeError> {
        match d {
            [a, b, c, e] => Ok(u32::from_be_bytes([*a, *b, *c, *e])),
            _ => Err(wrong(d, 4, name, tag, off)),
        }
    }

    pub fn i32(d: &[u8], name: &'static str, tag: u16, off: usize) -> Result<i32, DecodeError> {
        Ok(u32(d, name, tag, off)? as i32)
    }

    pub fn key(d: &[u8], name: &'static str, tag: u16, off: usize) -> Result<u64, DecodeError> {
        let a: [u8; 8] = d.try_into().map_err(|_| wrong(d, 8, name, tag, off))?;
        Ok(u64::from_be_bytes(a))
    }

    pub fn bool(d: &[u8], name: &'static str, tag: u16, off: usize) -> Result<bool, DecodeError> {
        if d.is_empty() || d.len() > 8 {
            return Err(wrong(d, 2, name, tag, off));
        }
        Ok(d.iter().any(|&b| b != 0))
    }

    pub fn named_var(
        d: &[u8],
        name: &'static str,
        tag: u16,
        off: usize,
    ) -> Result<NamedVariable, DecodeError> {
        let (n, v) = wire::split_named(d).ok_or(DecodeError::new(
            Problem::BadNamedData,
            name,
            Some(tag),
            off,
        ))?;
        Ok(NamedVariable {
            name: String::from_utf8_lossy(n).into_owned(),
            value: String::from_utf8_lossy(v).into_owned(),
        })
    }

    pub fn named_array(
        d: &[u8],
        name: &'static str,
        tag: u16,
        off: usize,
    ) -> Result<NamedArrayElement, DecodeError> {
        let bad = DecodeError::new(Problem::BadNamedData, name, Some(tag), off);
        let (index, rest) = d.split_first().ok_or(bad)?;
        let (n, v) = wire::split_named(rest).ok_or(bad)?;
        Ok(NamedArrayElement {
            index: *index,
            name: String::from_utf8_lossy(n).into_owned(),
            value: String::from_utf8_lossy(v).into_owned(),
        })
    }

    /// Keep every floating field of a message that defines none.
    pub fn unknown_fields(
        rest: &[u8],
        base: usize,
        settings: &Settings,
        out: &mut Vec<RawField>,
    ) -> Result<(), DecodeError> {
        for f in RawFields::new(rest, base, settings) {
            let f = f.map_err(|(p, off)| DecodeError::new(p, "floating field", None, off))?;
            out.push(RawField {
                tag: f.tag,
                data: f.data.to_vec(),
            });
        }
        Ok(())
    }
}
