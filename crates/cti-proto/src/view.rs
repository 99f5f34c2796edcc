//! A borrowed, zero-copy view of one frame: the header, the fixed fields by name, and an
//! iterator over the floating fields with each field's definition. Nothing here allocates.

use crate::layout::{self, Layout, Resolved, Walker};
use crate::spec::{FixedField, FixedType, FloatField, FloatType, MessageSpec};
use crate::wire::{self, Header, Settings, HEADER_LEN};
use crate::{DecodeError, Problem};

/// A decoded scalar or the bytes of a field, borrowed from the frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldValue<'a> {
    /// An unsigned number (UCHAR, USHORT, UINT, BOOL, TIME, 8-byte keys).
    Uint(u64),
    /// A signed number (SHORT, INT).
    Int(i64),
    /// A STRING, without its NUL (may be invalid UTF-8).
    Str(&'a [u8]),
    /// UNSPEC bytes.
    Bytes(&'a [u8]),
    /// A NAMEDVARIABLE.
    NamedVar {
        /// Name.
        name: &'a [u8],
        /// Value.
        value: &'a [u8],
    },
    /// A NAMEDARRAY element.
    NamedArray {
        /// Index.
        index: u8,
        /// Name.
        name: &'a [u8],
        /// Value.
        value: &'a [u8],
    },
}

impl FieldValue<'_> {
    /// The number, for numeric values.
    pub fn as_u64(&self) -> Option<u64> {
        match *self {
            FieldValue::Uint(v) => Some(v),
            FieldValue::Int(v) => Some(v as u64),
            _ => None,
        }
    }
}

/// Read a fixed field's value from its bytes.
#[inline]
pub fn fixed_value(ty: FixedType, b: &[u8]) -> FieldValue<'_> {
    match ty {
        FixedType::U8 => FieldValue::Uint(b[0] as u64),
        FixedType::U16 | FixedType::Bool => {
            FieldValue::Uint(u16::from_be_bytes([b[0], b[1]]) as u64)
        }
        FixedType::I16 => FieldValue::Int(i16::from_be_bytes([b[0], b[1]]) as i64),
        FixedType::U32 | FixedType::Time => {
            FieldValue::Uint(u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as u64)
        }
        FixedType::I32 => FieldValue::Int(i32::from_be_bytes([b[0], b[1], b[2], b[3]]) as i64),
        FixedType::Unspec8 => FieldValue::Uint(u64::from_be_bytes([
            b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7],
        ])),
    }
}

/// Read a floating field's value leniently: numbers of an unexpected length are shown as
/// bytes, strings lose their NUL.
// Always inlined for the common types (strings, USHORT, UINT), so a caller walking fields
// pays no call for them; the rest share one out-of-line function, which keeps this small
// enough that the callers' loops stay compact.
#[inline(always)]
pub fn float_value<'a>(f: &FloatField, data: &'a [u8]) -> FieldValue<'a> {
    match f.ty {
        FloatType::String => FieldValue::Str(wire::string_bytes(data)),
        FloatType::Unspec => FieldValue::Bytes(data),
        FloatType::U16 if data.len() == 2 => {
            FieldValue::Uint(u16::from_be_bytes([data[0], data[1]]) as u64)
        }
        FloatType::U32 | FloatType::Time if data.len() == 4 => {
            FieldValue::Uint(u32::from_be_bytes([data[0], data[1], data[2], data[3]]) as u64)
        }
        _ => other_float_value(f.ty, data),
    }
}

/// [`float_value`] for the less common types (and numbers of an unexpected length).
#[inline(never)]
fn other_float_value(ty: FloatType, data: &[u8]) -> FieldValue<'_> {
    match ty {
        FloatType::I32 if data.len() == 4 => {
            FieldValue::Int(i32::from_be_bytes([data[0], data[1], data[2], data[3]]) as i64)
        }
        FloatType::Key if data.len() == 8 => {
            let mut a = [0u8; 8];
            a.copy_from_slice(data);
            FieldValue::Uint(u64::from_be_bytes(a))
        }
        FloatType::Bool if !data.is_empty() && data.len() <= 8 => {
            FieldValue::Uint(data.iter().any(|&b| b != 0) as u64)
        }
        FloatType::NamedVar => match wire::split_named(data) {
            Some((name, value)) => FieldValue::NamedVar { name, value },
            None => FieldValue::Bytes(data),
        },
        FloatType::NamedArray => match data
            .split_first()
            .and_then(|(i, rest)| Some((*i, wire::split_named(rest)?)))
        {
            Some((index, (name, value))) => FieldValue::NamedArray { index, name, value },
            None => FieldValue::Bytes(data),
        },
        _ => FieldValue::Bytes(data),
    }
}

/// One whole frame, borrowed.
#[derive(Clone, Copy, Debug)]
pub struct FrameView<'a> {
    header: Header,
    body: &'a [u8],
    layout: Option<&'static Layout>,
    settings: Settings,
}

impl<'a> FrameView<'a> {
    /// View `frame`, which must be exactly one frame (header included).
    #[inline]
    pub fn new(frame: &'a [u8], settings: &Settings) -> Result<Self, DecodeError> {
        let Some(header) = Header::peek(frame) else {
            return Err(DecodeError::new(
                Problem::LengthMismatch {
                    declared: 0,
                    found: frame.len(),
                },
                "header",
                None,
                0,
            ));
        };
        let body = &frame[HEADER_LEN..];
        if body.len() != header.body_len as usize {
            return Err(DecodeError::new(
                Problem::LengthMismatch {
                    declared: header.body_len as usize,
                    found: body.len(),
                },
                "BodyLength",
                None,
                0,
            ));
        }
        Ok(Self::from_parts(header.type_id, body, settings))
    }

    /// View a body whose header was already read.
    #[inline]
    pub fn from_parts(type_id: u32, body: &'a [u8], settings: &Settings) -> Self {
        FrameView {
            header: Header {
                body_len: body.len() as u32,
                type_id,
            },
            body,
            layout: layout::layout(type_id),
            settings: *settings,
        }
    }

    /// The header.
    #[inline]
    pub fn header(&self) -> Header {
        self.header
    }
    /// MessageTypeID.
    #[inline]
    pub fn type_id(&self) -> u32 {
        self.header.type_id
    }
    /// The body bytes.
    #[inline]
    pub fn body(&self) -> &'a [u8] {
        self.body
    }
    /// The session settings this view reads with.
    #[inline]
    pub fn settings(&self) -> &Settings {
        &self.settings
    }
    /// The message's layout, if the table knows the type.
    #[inline]
    pub fn layout(&self) -> Option<&'static Layout> {
        self.layout
    }
    /// The message's definition, if the table knows the type.
    #[inline]
    pub fn spec(&self) -> Option<&'static MessageSpec> {
        self.layout.map(|l| l.spec)
    }
    /// The guide's name of the message, if known.
    #[inline]
    pub fn name(&self) -> Option<&'static str> {
        self.spec().map(|s| s.name)
    }

    /// The fixed fields present at this version, with their values and frame offsets. Stops
    /// early if the body is shorter than the fixed part.
    pub fn fixed(&self) -> impl Iterator<Item = (&'static FixedField, FieldValue<'a>, usize)> + 'a {
        let fields: &'static [FixedField] = self.spec().map(|s| s.fixed).unwrap_or(&[]);
        let v = self.settings.version;
        let body = self.body;
        let mut pos = 0usize;
        fields
            .iter()
            .filter(move |f| f.present_in(v))
            .map_while(move |f| {
                let n = f.ty.size();
                let b = body.get(pos..pos + n)?;
                let off = HEADER_LEN + pos;
                pos += n;
                Some((f, fixed_value(f.ty, b), off))
            })
    }

    /// The value of the fixed field named `name` (the guide's name; the first if repeated).
    pub fn fixed_field(&self, name: &str) -> Option<FieldValue<'a>> {
        self.fixed()
            .find(|(f, _, _)| f.name == name)
            .map(|(_, v, _)| v)
    }

    /// Length of the fixed part at this version (0 for unknown types).
    #[inline]
    pub fn fixed_len(&self) -> usize {
        self.layout
            .map(|l| l.fixed_len(self.settings.version))
            .unwrap_or(0)
    }

    /// The floating part's bytes (empty if the body is shorter than the fixed part).
    #[inline]
    pub fn floating_bytes(&self) -> &'a [u8] {
        self.body.get(self.fixed_len()..).unwrap_or(&[])
    }

    /// Walk the floating fields, each resolved to its definition where the table has one.
    /// Unknown message types yield no fields (their body is opaque).
    #[inline]
    pub fn floating(&self) -> FloatingIter<'a> {
        FloatingIter {
            walker: self.layout.map(|l| {
                Walker::new(
                    l,
                    self.floating_bytes(),
                    HEADER_LEN + self.fixed_len(),
                    &self.settings,
                )
            }),
        }
    }

    /// Check the frame as a server checks a client's request (see [`crate::validate`]).
    pub fn validate(&self) -> Result<(), DecodeError> {
        crate::validate::validate(self, crate::spec::Direction::ClientToServer)
    }
}

/// A floating field with its definition.
#[derive(Clone, Copy, Debug)]
pub struct FloatingField<'a> {
    /// The field as resolved by the walker.
    pub resolved: Resolved<'a>,
    /// Its definition, if this message defines the tag.
    pub spec: Option<&'static FloatField>,
}

impl<'a> FloatingField<'a> {
    /// FieldDataID.
    #[inline]
    pub fn tag(&self) -> u16 {
        self.resolved.raw.tag
    }
    /// The data bytes.
    #[inline]
    pub fn data(&self) -> &'a [u8] {
        self.resolved.raw.data
    }
    /// Offset from the start of the frame.
    #[inline]
    pub fn offset(&self) -> usize {
        self.resolved.raw.offset
    }
    /// The value, read by the field's type (bytes for unknown tags).
    #[inline]
    pub fn value(&self) -> FieldValue<'a> {
        match self.spec {
            Some(f) => float_value(f, self.data()),
            None => FieldValue::Bytes(self.data()),
        }
    }
}

/// Iterator over a frame's floating fields.
#[derive(Clone, Debug)]
pub struct FloatingIter<'a> {
    walker: Option<Walker<'a>>,
}

impl<'a> Iterator for FloatingIter<'a> {
    type Item = Result<FloatingField<'a>, DecodeError>;
    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        let w = self.walker.as_mut()?;
        let layout = w.layout();
        Some(w.next()?.map(|r| FloatingField {
            resolved: r,
            spec: layout.field_of(r.slot),
        }))
    }
}
