//! Framing: the 8-byte message header, the per-version floating-field header, the body-size
//! limit, and the low-level reader and writer the typed messages are built on.
//!
//! A frame is `BodyLength (u32) | MessageTypeID (u32) | body`, big-endian, no padding
//! (digest 01 §2). Floating fields are `tag | length | data`: a 1-byte tag and 1-byte length in
//! versions 10–17, a 2-byte tag from version 18. The guide does not say whether the v18 length
//! also grew, so its width is a setting ([`LengthWidth`]), one byte by default as the UCCX
//! NAMEDVARIABLE tables print it.

use bytes::{BufMut, BytesMut};

use crate::error::{EncodeError, Problem};

/// Bytes in the message header.
pub const HEADER_LEN: usize = 8;
/// Default largest body accepted: 32 KiB.
pub const DEFAULT_MAX_BODY: u32 = 32 * 1024;
/// Combined limit of the NAMEDVARIABLE and NAMEDARRAY data of one message.
pub const NAMED_DATA_LIMIT: usize = 2000;
/// Longest NAMEDVARIABLE / NAMEDARRAY name, NUL included.
pub const NAMED_NAME_MAX: usize = 33;
/// Longest NAMEDVARIABLE / NAMEDARRAY value, NUL included.
pub const NAMED_VALUE_MAX: usize = 211;

/// Width of a floating field's length at protocol version 18.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Hash)]
pub enum LengthWidth {
    /// One byte, as the UCCX NAMEDVARIABLE / NAMEDARRAY tables print it (the default).
    #[default]
    One,
    /// Two bytes, as the newer UCCE guides document.
    Two,
}

/// What a codec needs to know about the session: the negotiated version and the limits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Settings {
    /// Negotiated protocol version (10–18).
    pub version: u8,
    /// Width of FieldLength at version 18 and later.
    pub v18_length_width: LengthWidth,
    /// Largest body accepted, checked from the header before the body is buffered.
    pub max_body: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings::new(crate::spec::MAX_VERSION)
    }
}

impl Settings {
    /// Settings for `version` with the default limits.
    pub const fn new(version: u8) -> Self {
        Settings {
            version,
            v18_length_width: LengthWidth::One,
            max_body: DEFAULT_MAX_BODY,
        }
    }
    /// The same settings at another version.
    pub const fn with_version(mut self, version: u8) -> Self {
        self.version = version;
        self
    }
    /// Bytes of a floating field's tag.
    #[inline]
    pub const fn tag_width(&self) -> usize {
        if self.version >= 18 {
            2
        } else {
            1
        }
    }
    /// Bytes of a floating field's length.
    #[inline]
    pub const fn len_width(&self) -> usize {
        if self.version >= 18 {
            match self.v18_length_width {
                LengthWidth::One => 1,
                LengthWidth::Two => 2,
            }
        } else {
            1
        }
    }
    /// Largest tag that fits.
    pub const fn max_tag(&self) -> u16 {
        if self.version >= 18 {
            u16::MAX
        } else {
            u8::MAX as u16
        }
    }
    /// Largest field length that fits.
    pub const fn max_field_len(&self) -> usize {
        if self.len_width() == 2 {
            u16::MAX as usize
        } else {
            u8::MAX as usize
        }
    }
}

/// The 8-byte header.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Header {
    /// Bytes after the header.
    pub body_len: u32,
    /// MessageTypeID.
    pub type_id: u32,
}

impl Header {
    /// Read a header from the first 8 bytes of `buf`, if there are that many.
    #[inline]
    pub fn peek(buf: &[u8]) -> Option<Header> {
        let h: &[u8; HEADER_LEN] = buf.get(..HEADER_LEN)?.try_into().ok()?;
        Some(Header {
            body_len: u32::from_be_bytes([h[0], h[1], h[2], h[3]]),
            type_id: u32::from_be_bytes([h[4], h[5], h[6], h[7]]),
        })
    }
    /// Total frame length.
    #[inline]
    pub fn frame_len(&self) -> usize {
        HEADER_LEN + self.body_len as usize
    }
}

/// How much of a byte stream forms the next frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Split {
    /// A whole frame of this many bytes is available.
    Frame(Header),
    /// More bytes are needed; the header (if read) is valid.
    Incomplete,
}

/// A header that can never be accepted: its BodyLength exceeds the limit. Nothing of the
/// body has been buffered when this is reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("message type {type_id} declares a body of {body_len} bytes, over the limit of {max}")]
pub struct TooLarge {
    /// Declared body length.
    pub body_len: u32,
    /// MessageTypeID from the header.
    pub type_id: u32,
    /// The limit.
    pub max: u32,
}

/// Look at the front of a byte stream: is a whole frame there? Checks the body limit from the
/// header alone, so a caller never buffers an oversized body.
#[inline]
pub fn split(buf: &[u8], max_body: u32) -> Result<Split, TooLarge> {
    let Some(h) = Header::peek(buf) else {
        return Ok(Split::Incomplete);
    };
    if h.body_len > max_body {
        return Err(TooLarge {
            body_len: h.body_len,
            type_id: h.type_id,
            max: max_body,
        });
    }
    if buf.len() >= h.frame_len() {
        Ok(Split::Frame(h))
    } else {
        Ok(Split::Incomplete)
    }
}

/// One floating field as it is on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RawFieldRef<'a> {
    /// FieldDataID.
    pub tag: u16,
    /// The data bytes.
    pub data: &'a [u8],
    /// Offset of the field's tag from the start of the frame.
    pub offset: usize,
}

/// An owned floating field the table does not know (kept by lenient decoding).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RawField {
    /// FieldDataID.
    pub tag: u16,
    /// The data bytes.
    pub data: Vec<u8>,
}

/// Iterates over the floating fields of a body, bounds-checked, without allocating.
#[derive(Clone, Debug)]
pub struct RawFields<'a> {
    /// The fields not read yet.
    rest: &'a [u8],
    /// Offset from the start of the frame of the byte after the body.
    end: usize,
    wide_tag: bool,
    wide_len: bool,
}

impl<'a> RawFields<'a> {
    /// Walk `buf`, whose first byte is at `base` from the start of the frame.
    #[inline]
    pub fn new(buf: &'a [u8], base: usize, settings: &Settings) -> Self {
        RawFields {
            rest: buf,
            end: base + buf.len(),
            wide_tag: settings.tag_width() == 2,
            wide_len: settings.len_width() == 2,
        }
    }
}

impl<'a> Iterator for RawFields<'a> {
    type Item = Result<RawFieldRef<'a>, (Problem, usize)>;

    #[inline(always)]
    fn next(&mut self) -> Option<Self::Item> {
        let rest = self.rest;
        if rest.is_empty() {
            return None;
        }
        let offset = self.end - rest.len();
        let hl = 2 + self.wide_tag as usize + self.wide_len as usize;
        let Some((head, after)) = rest.split_at_checked(hl) else {
            self.rest = &[];
            return Some(Err((Problem::FieldHeaderTruncated, offset)));
        };
        let tag = match head {
            [a, b, ..] if self.wide_tag => u16::from_be_bytes([*a, *b]),
            _ => u16::from(head[0]),
        };
        let len = match head {
            [.., a, b] if self.wide_len => usize::from(u16::from_be_bytes([*a, *b])),
            _ => usize::from(head[hl - 1]),
        };
        let Some((data, tail)) = after.split_at_checked(len) else {
            self.rest = &[];
            return Some(Err((
                Problem::FieldOverrun {
                    len,
                    left: after.len(),
                },
                offset,
            )));
        };
        self.rest = tail;
        Some(Ok(RawFieldRef { tag, data, offset }))
    }
}

/// Reads a fixed part front to back.
#[derive(Clone, Debug)]
pub struct FixedReader<'a> {
    body: &'a [u8],
    pos: usize,
}

impl<'a> FixedReader<'a> {
    /// Read from the start of `body`.
    #[inline]
    pub fn new(body: &'a [u8]) -> Self {
        FixedReader { body, pos: 0 }
    }
    /// Bytes consumed so far.
    #[inline]
    pub fn pos(&self) -> usize {
        self.pos
    }
    /// The unread rest of the body.
    #[inline]
    pub fn rest(&self) -> &'a [u8] {
        &self.body[self.pos..]
    }
    #[inline]
    fn take<const N: usize>(&mut self, field: &'static str) -> Result<[u8; N], crate::DecodeError> {
        match self.body.get(self.pos..self.pos + N) {
            Some(b) => {
                self.pos += N;
                let mut a = [0u8; N];
                a.copy_from_slice(b);
                Ok(a)
            }
            None => Err(crate::DecodeError::fixed_truncated(
                field,
                HEADER_LEN + self.pos,
            )),
        }
    }
    /// A UCHAR.
    #[inline]
    pub fn u8(&mut self, field: &'static str) -> Result<u8, crate::DecodeError> {
        Ok(self.take::<1>(field)?[0])
    }
    /// A USHORT.
    #[inline]
    pub fn u16(&mut self, field: &'static str) -> Result<u16, crate::DecodeError> {
        Ok(u16::from_be_bytes(self.take(field)?))
    }
    /// A SHORT.
    #[inline]
    pub fn i16(&mut self, field: &'static str) -> Result<i16, crate::DecodeError> {
        Ok(i16::from_be_bytes(self.take(field)?))
    }
    /// A UINT or TIME.
    #[inline]
    pub fn u32(&mut self, field: &'static str) -> Result<u32, crate::DecodeError> {
        Ok(u32::from_be_bytes(self.take(field)?))
    }
    /// An INT.
    #[inline]
    pub fn i32(&mut self, field: &'static str) -> Result<i32, crate::DecodeError> {
        Ok(i32::from_be_bytes(self.take(field)?))
    }
    /// A BOOL (any non-zero value is true).
    #[inline]
    pub fn bool(&mut self, field: &'static str) -> Result<bool, crate::DecodeError> {
        Ok(self.u16(field)? != 0)
    }
    /// An 8-byte UNSPEC read as an integer.
    #[inline]
    pub fn u64(&mut self, field: &'static str) -> Result<u64, crate::DecodeError> {
        Ok(u64::from_be_bytes(self.take(field)?))
    }
    /// Skip `n` bytes of a field whose value does not matter here.
    #[inline]
    pub fn skip(&mut self, n: usize, field: &'static str) -> Result<(), crate::DecodeError> {
        if self.body.len() - self.pos < n {
            return Err(crate::DecodeError::fixed_truncated(
                field,
                HEADER_LEN + self.pos,
            ));
        }
        self.pos += n;
        Ok(())
    }
}

/// Writes one frame: header placeholder, fixed part, floating fields, then back-patches
/// BodyLength.
pub struct FrameWriter<'a> {
    out: &'a mut BytesMut,
    start: usize,
    settings: Settings,
    named_bytes: usize,
}

impl<'a> FrameWriter<'a> {
    /// Begin a frame of `type_id` at the end of `out`.
    #[inline]
    pub fn begin(out: &'a mut BytesMut, type_id: u32, settings: &Settings) -> Self {
        let start = out.len();
        out.reserve(64);
        out.put_u32(0);
        out.put_u32(type_id);
        FrameWriter {
            out,
            start,
            settings: *settings,
            named_bytes: 0,
        }
    }
    /// The session settings.
    #[inline]
    pub fn settings(&self) -> &Settings {
        &self.settings
    }
    /// The negotiated version.
    #[inline]
    pub fn version(&self) -> u8 {
        self.settings.version
    }
    /// Back-patch BodyLength; fails if the body exceeds the limit.
    pub fn finish(self) -> Result<(), EncodeError> {
        let body = self.out.len() - self.start - HEADER_LEN;
        if body > self.settings.max_body as usize {
            self.out.truncate(self.start);
            return Err(EncodeError::new(
                "BodyLength",
                Problem::TooLong {
                    len: body,
                    max: self.settings.max_body as usize,
                },
            ));
        }
        self.out[self.start..self.start + 4].copy_from_slice(&(body as u32).to_be_bytes());
        Ok(())
    }
    /// Abandon the frame (on an encoding error), leaving `out` as it was.
    pub fn abandon(self) {
        self.out.truncate(self.start);
    }

    // Fixed part.

    /// A UCHAR.
    #[inline]
    pub fn u8(&mut self, v: u8) {
        self.out.put_u8(v)
    }
    /// A USHORT.
    #[inline]
    pub fn u16(&mut self, v: u16) {
        self.out.put_u16(v)
    }
    /// A SHORT.
    #[inline]
    pub fn i16(&mut self, v: i16) {
        self.out.put_i16(v)
    }
    /// A UINT or TIME.
    #[inline]
    pub fn u32(&mut self, v: u32) {
        self.out.put_u32(v)
    }
    /// An INT.
    #[inline]
    pub fn i32(&mut self, v: i32) {
        self.out.put_i32(v)
    }
    /// A BOOL.
    #[inline]
    pub fn bool(&mut self, v: bool) {
        self.out.put_u16(v as u16)
    }
    /// An 8-byte UNSPEC.
    #[inline]
    pub fn u64(&mut self, v: u64) {
        self.out.put_u64(v)
    }
    /// A count of group instances, checked against the group's maximum.
    #[inline]
    pub fn count(&self, n: usize, max: u16, field: &'static str) -> Result<u16, EncodeError> {
        if n > max as usize {
            return Err(EncodeError::new(field, Problem::TooMany { found: n, max }));
        }
        Ok(n as u16)
    }

    // Floating part.

    #[inline]
    fn field_header(
        &mut self,
        tag: u16,
        len: usize,
        field: &'static str,
    ) -> Result<(), EncodeError> {
        if tag > self.settings.max_tag() {
            return Err(EncodeError::new(field, Problem::TagTooWide { tag }));
        }
        if len > self.settings.max_field_len() {
            return Err(EncodeError::new(
                field,
                Problem::TooLong {
                    len,
                    max: self.settings.max_field_len(),
                },
            ));
        }
        if self.settings.tag_width() == 2 {
            self.out.put_u16(tag);
        } else {
            self.out.put_u8(tag as u8);
        }
        if self.settings.len_width() == 2 {
            self.out.put_u16(len as u16);
        } else {
            self.out.put_u8(len as u8);
        }
        Ok(())
    }
    /// A STRING field: the text and a NUL; the total must not exceed `max`.
    #[inline]
    pub fn string(
        &mut self,
        tag: u16,
        v: &str,
        max: u16,
        field: &'static str,
    ) -> Result<(), EncodeError> {
        let len = v.len() + 1;
        if len > max as usize {
            return Err(EncodeError::new(
                field,
                Problem::TooLong {
                    len,
                    max: max as usize,
                },
            ));
        }
        self.field_header(tag, len, field)?;
        self.out.put_slice(v.as_bytes());
        self.out.put_u8(0);
        Ok(())
    }
    /// An UNSPEC field.
    #[inline]
    pub fn bytes(
        &mut self,
        tag: u16,
        v: &[u8],
        max: u16,
        field: &'static str,
    ) -> Result<(), EncodeError> {
        if v.len() > max as usize {
            return Err(EncodeError::new(
                field,
                Problem::TooLong {
                    len: v.len(),
                    max: max as usize,
                },
            ));
        }
        self.field_header(tag, v.len(), field)?;
        self.out.put_slice(v);
        Ok(())
    }
    /// A USHORT field.
    #[inline]
    pub fn u16_field(&mut self, tag: u16, v: u16, field: &'static str) -> Result<(), EncodeError> {
        self.field_header(tag, 2, field)?;
        self.out.put_u16(v);
        Ok(())
    }
    /// A UINT or TIME field.
    #[inline]
    pub fn u32_field(&mut self, tag: u16, v: u32, field: &'static str) -> Result<(), EncodeError> {
        self.field_header(tag, 4, field)?;
        self.out.put_u32(v);
        Ok(())
    }
    /// An INT field.
    #[inline]
    pub fn i32_field(&mut self, tag: u16, v: i32, field: &'static str) -> Result<(), EncodeError> {
        self.field_header(tag, 4, field)?;
        self.out.put_i32(v);
        Ok(())
    }
    /// A BOOL field (2 bytes).
    #[inline]
    pub fn bool_field(
        &mut self,
        tag: u16,
        v: bool,
        field: &'static str,
    ) -> Result<(), EncodeError> {
        self.u16_field(tag, v as u16, field)
    }
    /// A configuration key field (8 bytes).
    #[inline]
    pub fn key_field(&mut self, tag: u16, v: u64, field: &'static str) -> Result<(), EncodeError> {
        self.field_header(tag, 8, field)?;
        self.out.put_u64(v);
        Ok(())
    }
    fn named(
        &mut self,
        tag: u16,
        index: Option<u8>,
        name: &str,
        value: &str,
        field: &'static str,
    ) -> Result<(), EncodeError> {
        let n = name.len() + 1;
        let v = value.len() + 1;
        if n > NAMED_NAME_MAX {
            return Err(EncodeError::new(
                field,
                Problem::TooLong {
                    len: n,
                    max: NAMED_NAME_MAX,
                },
            ));
        }
        if v > NAMED_VALUE_MAX {
            return Err(EncodeError::new(
                field,
                Problem::TooLong {
                    len: v,
                    max: NAMED_VALUE_MAX,
                },
            ));
        }
        let len = n + v + index.is_some() as usize;
        self.named_bytes += len;
        if self.named_bytes > NAMED_DATA_LIMIT {
            return Err(EncodeError::new(
                field,
                Problem::NamedDataTooLarge {
                    len: self.named_bytes,
                },
            ));
        }
        self.field_header(tag, len, field)?;
        if let Some(i) = index {
            self.out.put_u8(i);
        }
        self.out.put_slice(name.as_bytes());
        self.out.put_u8(0);
        self.out.put_slice(value.as_bytes());
        self.out.put_u8(0);
        Ok(())
    }
    /// A NAMEDVARIABLE field.
    #[inline]
    pub fn named_var(&mut self, v: &crate::msg::NamedVariable) -> Result<(), EncodeError> {
        self.named(82, None, &v.name, &v.value, "NamedVariable")
    }
    /// A NAMEDARRAY field.
    #[inline]
    pub fn named_array(&mut self, v: &crate::msg::NamedArrayElement) -> Result<(), EncodeError> {
        self.named(83, Some(v.index), &v.name, &v.value, "NamedArray")
    }
    /// Bytes appended as they are (the body of an unknown message).
    #[inline]
    pub fn raw_body(&mut self, b: &[u8]) {
        self.out.put_slice(b);
    }
    /// A field kept from decoding, written back as it came.
    #[inline]
    pub fn raw(&mut self, f: &RawField) -> Result<(), EncodeError> {
        self.field_header(f.tag, f.data.len(), "unknown field")?;
        self.out.put_slice(&f.data);
        Ok(())
    }
}

/// Read a STRING leniently: one trailing NUL (and anything after a first NUL) is dropped;
/// invalid UTF-8 is replaced.
#[inline]
pub fn string_bytes(data: &[u8]) -> &[u8] {
    match first_nul(data) {
        Some(i) => &data[..i],
        None => data,
    }
}

/// Split NAMEDVARIABLE data into name and value (each without its NUL).
#[inline]
pub fn split_named(data: &[u8]) -> Option<(&[u8], &[u8])> {
    let n = first_nul(data)?;
    let (name, rest) = data.split_at(n);
    let rest = rest.get(1..).unwrap_or_default();
    Some((name, string_bytes(rest)))
}

/// The index of the first NUL byte. Every string read searches for its NUL, so this looks at
/// eight bytes per step (the classic "has a zero byte" word test) instead of one, and covers
/// the tail with one last word that overlaps the previous one (its bytes before the overlap
/// are known to be non-zero) rather than byte by byte.
#[inline]
pub(crate) fn first_nul(data: &[u8]) -> Option<usize> {
    let n = data.len();
    if n >= 8 {
        let mut at = 0usize;
        while at + 8 < n {
            if let Some(i) = zero_in_word(word8(data, at)) {
                return Some(at + i);
            }
            at += 8;
        }
        return zero_in_word(word8(data, n - 8)).map(|i| n - 8 + i);
    }
    if n >= 4 {
        let word4 = |at: usize| match data.get(at..at + 4) {
            Some(&[a, b, c, d]) => u32::from_le_bytes([a, b, c, d]) as u64 | 0xffff_ffff << 32,
            _ => u64::MAX,
        };
        return zero_in_word(word4(0)).or_else(|| zero_in_word(word4(n - 4)).map(|i| n - 4 + i));
    }
    data.iter().position(|&b| b == 0)
}

/// The eight bytes at `at`, little-endian (all ones past the end, which has no zero byte).
#[inline(always)]
fn word8(data: &[u8], at: usize) -> u64 {
    match data.get(at..at + 8) {
        Some(&[a, b, c, d, e, f, g, h]) => u64::from_le_bytes([a, b, c, d, e, f, g, h]),
        _ => u64::MAX,
    }
}

/// The index of the first zero byte of a little-endian word.
#[inline(always)]
fn zero_in_word(w: u64) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // A high bit survives only in bytes that were zero, or above a zero byte (the borrow);
    // read little-endian, the lowest one marks the first zero exactly.
    let zeros = w.wrapping_sub(ONES) & !w & HIGHS;
    (zeros != 0).then(|| (zeros.trailing_zeros() / 8) as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_nul_agrees_with_a_byte_search() {
        // Every length up to 40 and every position of one or two zeros (and none).
        for n in 0..40usize {
            for z1 in 0..=n {
                for z2 in z1..=n {
                    let mut v = vec![0x41u8; n];
                    if z1 < n {
                        v[z1] = 0;
                    }
                    if z2 < n {
                        v[z2] = 0;
                    }
                    // Bytes that trip naive word tests (0x80, 0x01 after a zero).
                    for (i, b) in v.iter_mut().enumerate() {
                        if *b != 0 && i % 3 == 1 {
                            *b = if i % 2 == 0 { 0x80 } else { 0x01 };
                        }
                    }
                    let expected = v.iter().position(|&b| b == 0);
                    assert_eq!(first_nul(&v), expected, "{v:?}");
                }
            }
        }
    }

    #[test]
    fn split_checks_limit_before_the_body_arrives() {
        let hdr = [0, 0, 0x10, 0, 0, 0, 0, 5];
        assert_eq!(
            split(&hdr, 1024),
            Err(TooLarge {
                body_len: 0x1000,
                type_id: 5,
                max: 1024
            })
        );
        assert_eq!(split(&hdr[..7], 1024), Ok(Split::Incomplete));
        let whole = [0, 0, 0, 4, 0, 0, 0, 5, 0, 0, 0, 9];
        assert_eq!(split(&whole[..11], 1024), Ok(Split::Incomplete));
        assert_eq!(
            split(&whole, 1024),
            Ok(Split::Frame(Header {
                body_len: 4,
                type_id: 5
            }))
        );
    }

    #[test]
    fn raw_fields_by_version() {
        let s17 = Settings::new(17);
        let v: Vec<_> = RawFields::new(&[7, 2, b'a', 0, 8, 0], 20, &s17).collect();
        assert_eq!(v.len(), 2);
        assert_eq!(
            v[0],
            Ok(RawFieldRef {
                tag: 7,
                data: b"a\0",
                offset: 20
            })
        );
        assert_eq!(
            v[1],
            Ok(RawFieldRef {
                tag: 8,
                data: b"",
                offset: 24
            })
        );
        let s18 = Settings::new(18);
        let v: Vec<_> = RawFields::new(&[1, 0x2e, 2, 0, 3], 0, &s18).collect();
        assert_eq!(
            v,
            vec![Ok(RawFieldRef {
                tag: 302,
                data: &[0, 3],
                offset: 0
            })]
        );
        let s18w = Settings {
            v18_length_width: LengthWidth::Two,
            ..s18
        };
        let v: Vec<_> = RawFields::new(&[1, 0x2e, 0, 2, 0, 3], 0, &s18w).collect();
        assert_eq!(
            v,
            vec![Ok(RawFieldRef {
                tag: 302,
                data: &[0, 3],
                offset: 0
            })]
        );
    }

    #[test]
    fn raw_fields_report_overrun_and_stop() {
        let s = Settings::new(16);
        let mut it = RawFields::new(&[7, 9, b'a'], 8, &s);
        assert_eq!(
            it.next(),
            Some(Err((Problem::FieldOverrun { len: 9, left: 1 }, 8)))
        );
        assert_eq!(it.next(), None);
        let mut it = RawFields::new(&[7], 8, &s);
        assert_eq!(it.next(), Some(Err((Problem::FieldHeaderTruncated, 8))));
        assert_eq!(it.next(), None);
    }

    #[test]
    fn lenient_strings() {
        assert_eq!(string_bytes(b"abc\0"), b"abc");
        assert_eq!(string_bytes(b"abc"), b"abc");
        assert_eq!(string_bytes(b"\0"), b"");
        assert_eq!(split_named(b"n\0v\0"), Some((&b"n"[..], &b"v"[..])));
        assert_eq!(split_named(b"nv"), None);
    }

    #[test]
    fn first_nul_matches_a_byte_search_at_every_position_and_length() {
        let mut data = [0x80u8; 40];
        for (i, b) in data.iter_mut().enumerate() {
            *b = if i % 3 == 0 { 0x80 } else { 0x41 + i as u8 };
        }
        for len in 0..=data.len() {
            let slice = &data[..len];
            assert_eq!(first_nul(slice), None, "no NUL in {len} bytes");
            for nul in 0..len {
                let mut with = data;
                with[nul] = 0;
                // A second NUL later must not matter, nor bytes of 0x01 or 0x80 around it.
                if nul + 3 < len {
                    with[nul + 3] = 0;
                }
                if nul > 0 {
                    with[nul - 1] = 0x01;
                }
                let slice = &with[..len];
                let expect = slice.iter().position(|&b| b == 0);
                assert_eq!(first_nul(slice), expect, "len {len}, NUL at {nul}");
                assert_eq!(expect, Some(nul));
            }
        }
    }
}
