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

/// The owned text of typed messages (STRING fields, named variables and arrays):
/// [`compact_str::CompactString`], which keeps text of up to 24 bytes inline, so the short
/// strings CTI is made of (agent IDs, extensions, device IDs, call variables) need no heap
/// allocation. It derefs to `str`, converts from `&str` and `String` with `.into()`, and
/// (with feature `serde`) serializes as a string.
pub type Text = compact_str::CompactString;

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
    pub name: Text,
    /// Value (at most 210 bytes).
    pub value: Text,
}

impl NamedVariable {
    /// A variable.
    pub fn new(name: impl Into<Text>, value: impl Into<Text>) -> Self {
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
    pub name: Text,
    /// Value (at most 210 bytes).
    pub value: Text,
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
    use super::{NamedArrayElement, NamedVariable, Text as Owned};
    use crate::spec::MessageSpec;
    use crate::wire::{self, RawField, RawFields, Settings};
    use crate::{DecodeError, Problem};

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

    /// A floating part that does not frame (the error the walker gives).
    #[cold]
    #[inline(never)]
    pub fn framing((problem, offset): (Problem, usize)) -> DecodeError {
        DecodeError::new(problem, "floating field", None, offset)
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

    /// The text of the STRING, NAMEDVARIABLE and NAMEDARRAY fields of one floating part.
    ///
    /// Text is UTF-8 (invalid bytes are replaced). Checking each field on its own costs a call
    /// to the UTF-8 validator per field, most of it set-up for a few bytes; instead, the first
    /// text field checks the floating part from its start up to the first invalid byte (tags,
    /// lengths and numbers in between included: they are nearly always ASCII), and every later
    /// field inside that run is a slice of it. A field past the run starts a new one; a field
    /// that is not valid on its own is converted on its own, as before.
    pub struct Text<'a> {
        /// The floating part: every field's data is a slice of it.
        buf: &'a [u8],
        /// Checked text: a slice of `buf`.
        run: &'a str,
    }

    impl<'a> Text<'a> {
        /// Text of the fields of `buf`.
        #[inline]
        pub fn new(buf: &'a [u8]) -> Self {
            Text { buf, run: "" }
        }

        /// A STRING field: the text before the first NUL.
        #[inline]
        pub fn string(&mut self, d: &'a [u8]) -> Owned {
            self.owned(wire::string_bytes(d))
        }

        /// A NAMEDVARIABLE field.
        #[inline(always)]
        pub fn named_var(
            &mut self,
            d: &'a [u8],
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
                name: self.owned(n),
                value: self.owned(v),
            })
        }

        /// A NAMEDARRAY field.
        #[inline(always)]
        pub fn named_array(
            &mut self,
            d: &'a [u8],
            name: &'static str,
            tag: u16,
            off: usize,
        ) -> Result<NamedArrayElement, DecodeError> {
            let bad = DecodeError::new(Problem::BadNamedData, name, Some(tag), off);
            let (index, rest) = d.split_first().ok_or(bad)?;
            let (n, v) = wire::split_named(rest).ok_or(bad)?;
            Ok(NamedArrayElement {
                index: *index,
                name: self.owned(n),
                value: self.owned(v),
            })
        }

        /// `b` (a slice of `buf`) as owned text.
        #[inline]
        fn owned(&mut self, b: &'a [u8]) -> Owned {
            // Where `b` starts in `run`. Only addresses are compared: a range of `run` found
            // here is exactly the bytes of `b`.
            let rel = (b.as_ptr() as usize).wrapping_sub(self.run.as_ptr() as usize);
            match self.run.get(rel..rel.wrapping_add(b.len())) {
                Some(s) => Owned::from(s),
                None => self.start_run(rel, b),
            }
        }

        /// `b`, `rel` bytes after the start of the run, is not a slice of it: start a new run
        /// at `b` (the rest of `buf` up to its first invalid byte), or convert `b` on its own
        /// when that byte is inside it.
        ///
        /// A field starting inside the run but not a slice of it either runs past the run's
        /// end, so contains the invalid byte there, or cuts a character: it is converted on
        /// its own, never made a new run. As fields come in order, runs never overlap, each
        /// byte is checked at most twice, and the work stays linear in the floating part
        /// whatever the fields hold.
        #[inline(never)]
        fn start_run(&mut self, rel: usize, b: &'a [u8]) -> Owned {
            if b.is_empty() {
                return Owned::default();
            }
            if rel >= self.run.len() {
                let p = (b.as_ptr() as usize).wrapping_sub(self.buf.as_ptr() as usize);
                if let Some(rest) = self.buf.get(p..) {
                    if std::ptr::eq(rest.as_ptr(), b.as_ptr()) {
                        // A run that ends within 16 bytes (a short field, then a byte over
                        // 0x7F) is found by looking, and checked once; a longer one is found by
                        // the validator, and checked again up to the byte that stopped it.
                        let short = short_ascii(rest).filter(|&n| n >= b.len());
                        let run = match short {
                            Some(n) => std::str::from_utf8(&rest[..n]).ok(),
                            None => match std::str::from_utf8(rest) {
                                Ok(run) => Some(run),
                                // Valid past `b`: check that much again to keep it as text.
                                Err(e) if e.valid_up_to() >= b.len() => {
                                    std::str::from_utf8(&rest[..e.valid_up_to()]).ok()
                                }
                                Err(_) => None,
                            },
                        };
                        if let Some(run) = run {
                            self.run = run;
                            if let Some(s) = run.get(..b.len()) {
                                return Owned::from(s);
                            }
                        }
                    }
                }
            }
            utf8_lossy(b)
        }
    }

    /// Where the first byte over 0x7F is, if it is among the first 16 bytes of `b` (or `b`'s
    /// length if `b` is shorter and all ASCII).
    #[inline]
    fn short_ascii(b: &[u8]) -> Option<usize> {
        const HIGHS: u64 = 0x8080_8080_8080_8080;
        let Some((lo, hi)) = b.first_chunk::<16>().map(|c| c.split_at(8)) else {
            return Some(b.iter().position(|c| !c.is_ascii()).unwrap_or(b.len()));
        };
        let word = |w: &[u8]| <[u8; 8]>::try_from(w).map_or(0, u64::from_le_bytes) & HIGHS;
        // Read little-endian, the lowest high bit marks the first non-ASCII byte.
        let (lo, hi) = (word(lo), word(hi));
        match (lo, hi) {
            (0, 0) => None,
            (0, hi) => Some(8 + (hi.trailing_zeros() / 8) as usize),
            (lo, _) => Some((lo.trailing_zeros() / 8) as usize),
        }
    }

    /// `b` as text: valid UTF-8 as it is, invalid bytes replaced.
    fn utf8_lossy(b: &[u8]) -> Owned {
        Owned::from_utf8_lossy(b)
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

#[cfg(test)]
mod tests {
    use super::support::Text;

    /// Reference: each field on its own, as `String::from_utf8_lossy` reads it.
    fn lossy(b: &[u8]) -> String {
        String::from_utf8_lossy(crate::wire::string_bytes(b)).into_owned()
    }

    #[test]
    fn text_runs_give_every_field_as_a_lossy_read_would() {
        // Fields of a floating part, with the bytes between them (tags, lengths, numbers)
        // ASCII or not, and text that is ASCII, other UTF-8, invalid, empty or unterminated.
        let pieces: &[&[u8]] = &[
            b"ab\0",
            b"\x00\xc2",
            b"agent0001\0",
            b"",
            b"\0",
            b"x\0",
            b"\xf4\x24\x00",
            b"caf\xc3\xa9\0",
            b"\x80",
            b"bad\xff\xfe\0",
            b"\xc3",
            b"\xa9tail\0",
            b"n\0",
            b"long enough to take the word loop, still ASCII\0",
            b"no nul",
        ];
        let buf: Vec<u8> = pieces.concat();
        // Every field shape: each piece, and every sub-range of the whole buffer.
        let mut ranges = Vec::new();
        let mut at = 0;
        for p in pieces {
            ranges.push((at, at + p.len()));
            at += p.len();
        }
        for (a, b) in ranges.clone() {
            let mut text = Text::new(&buf);
            assert_eq!(text.string(&buf[a..b]), lossy(&buf[a..b]));
        }
        let mut text = Text::new(&buf);
        for (a, b) in &ranges {
            assert_eq!(text.string(&buf[*a..*b]), lossy(&buf[*a..*b]), "{a}..{b}");
        }
        for a in 0..buf.len() {
            for b in a..=buf.len() {
                let mut text = Text::new(&buf);
                // A field read after others, so the run left by them is in play.
                let _ = text.string(&buf[..a.min(3)]);
                let _ = text.string(&buf[a / 2..a]);
                assert_eq!(text.string(&buf[a..b]), lossy(&buf[a..b]), "{a}..{b}");
            }
        }
    }

    #[test]
    fn text_named_data() {
        let buf = b"\x00\x52\x0cuser.x\0v\xc3\xa9\0\x00\x53\x06\x02arr\0\xff\0";
        let mut text = Text::new(buf);
        let v = text.named_var(&buf[3..14], "NamedVariable", 82, 0).unwrap();
        assert_eq!((v.name.as_str(), v.value.as_str()), ("user.x", "v\u{e9}"));
        let a = text.named_array(&buf[17..], "NamedArray", 83, 0).unwrap();
        assert_eq!(
            (a.index, a.name.as_str(), a.value.as_str()),
            (2, "arr", "\u{fffd}")
        );
        assert!(text.named_var(b"no nul", "NamedVariable", 82, 0).is_err());
    }
}
