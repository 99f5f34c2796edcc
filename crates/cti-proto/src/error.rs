//! Errors. A [`DecodeError`] says which field at which byte offset broke which rule, and
//! carries the E_CTI status a server answers a client with; an [`EncodeError`] says which
//! value cannot be sent. Neither allocates.

use core::fmt;

use crate::codes::StatusCode;

/// What was wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    /// The MessageTypeID is not in the table.
    UnknownType,
    /// A server-to-client message sent by a client (or the reverse).
    WrongDirection,
    /// The message does not exist at the session's protocol version.
    NotInVersion {
        /// Version that introduced it.
        since: u8,
    },
    /// The body ends inside the fixed part.
    FixedTruncated,
    /// A reserved field does not hold the value the guide requires.
    ReservedValue {
        /// Required value.
        expected: u64,
        /// Value found.
        found: u64,
    },
    /// The body ends inside a floating field's tag or length.
    FieldHeaderTruncated,
    /// A floating field's length runs past the end of the body.
    FieldOverrun {
        /// Declared length.
        len: usize,
        /// Bytes left in the body.
        left: usize,
    },
    /// A tag the table does not know for any message.
    UnknownTag,
    /// A known tag that this message (at this version) does not allow.
    TagNotAllowed,
    /// Data longer than the field's maximum.
    TooLong {
        /// Length found.
        len: usize,
        /// Maximum.
        max: usize,
    },
    /// A numeric field of the wrong length.
    WrongLength {
        /// Length found.
        len: usize,
        /// Length required.
        expected: usize,
    },
    /// A field that may appear once appears again.
    Duplicate,
    /// A required field is absent.
    Missing,
    /// A group has fewer or more instances than its count field says.
    CountMismatch {
        /// Count declared.
        declared: usize,
        /// Instances found.
        found: usize,
    },
    /// More instances than the group allows.
    TooMany {
        /// Instances found.
        found: usize,
        /// Maximum.
        max: u16,
    },
    /// A member of a repeated group appears before the field that starts the group.
    OutsideGroup,
    /// A field that must come first does not.
    NotFirst,
    /// NAMEDVARIABLE / NAMEDARRAY data without its NUL terminators.
    BadNamedData,
    /// NAMEDVARIABLE + NAMEDARRAY data of one message over 2000 bytes.
    NamedDataTooLarge {
        /// Total bytes.
        len: usize,
    },
    /// A tag that does not fit the tag width of the session's version.
    TagTooWide {
        /// The tag.
        tag: u16,
    },
    /// The frame is shorter or longer than its header says.
    LengthMismatch {
        /// BodyLength in the header.
        declared: usize,
        /// Bytes present.
        found: usize,
    },
}

impl Problem {
    /// The E_CTI status a server answers this problem with (digest 03 §D.1).
    pub fn status(self) -> StatusCode {
        use Problem::*;
        match self {
            UnknownType | WrongDirection | NotInVersion { .. } => {
                StatusCode::E_CTI_INVALID_MESSAGE_TYPE
            }
            UnknownTag
            | TagNotAllowed
            | Duplicate
            | OutsideGroup
            | NotFirst
            | TooMany { .. }
            | TagTooWide { .. } => StatusCode::E_CTI_INVALID_FIELD,
            CountMismatch { declared, found } => {
                if found < declared {
                    StatusCode::E_CTI_REQUIRED_DATA_MISSING
                } else {
                    StatusCode::E_CTI_INVALID_FIELD
                }
            }
            Missing => StatusCode::E_CTI_REQUIRED_DATA_MISSING,
            ReservedValue { .. } => StatusCode::E_CTI_INVALID_PERIPHERAL_ID,
            FixedTruncated
            | FieldHeaderTruncated
            | FieldOverrun { .. }
            | TooLong { .. }
            | WrongLength { .. }
            | BadNamedData
            | NamedDataTooLarge { .. }
            | LengthMismatch { .. } => StatusCode::E_CTI_INVALID_FIELD_LENGTH,
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use Problem::*;
        match *self {
            UnknownType => f.write_str("unknown message type"),
            WrongDirection => f.write_str("message type is not sent in this direction"),
            NotInVersion { since } => {
                write!(f, "message type exists from protocol version {since}")
            }
            FixedTruncated => f.write_str("body ends inside the fixed part"),
            ReservedValue { expected, found } => {
                write!(f, "reserved field holds {found}, must be {expected}")
            }
            FieldHeaderTruncated => f.write_str("body ends inside a floating field header"),
            FieldOverrun { len, left } => write!(
                f,
                "field length {len} runs past the body ({left} bytes left)"
            ),
            UnknownTag => f.write_str("unknown floating field tag"),
            TagNotAllowed => f.write_str("floating field not allowed in this message"),
            TooLong { len, max } => write!(f, "{len} bytes, at most {max} allowed"),
            WrongLength { len, expected } => write!(f, "{len} bytes, must be {expected}"),
            Duplicate => f.write_str("field repeated"),
            Missing => f.write_str("required field missing"),
            CountMismatch { declared, found } => write!(f, "count says {declared}, found {found}"),
            TooMany { found, max } => write!(f, "{found} entries, at most {max} allowed"),
            OutsideGroup => f.write_str("group member before the field that starts its group"),
            NotFirst => f.write_str("field must be the first floating field"),
            BadNamedData => f.write_str("named variable without NUL-terminated name and value"),
            NamedDataTooLarge { len } => {
                write!(f, "named variables total {len} bytes, at most 2000 allowed")
            }
            TagTooWide { tag } => write!(
                f,
                "tag {tag} does not fit this protocol version's tag width"
            ),
            LengthMismatch { declared, found } => {
                write!(f, "header declares {declared} body bytes, found {found}")
            }
        }
    }
}

/// A message that breaks the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DecodeError {
    /// What was wrong.
    pub problem: Problem,
    /// The guide's name of the offending field (or of the message for type problems).
    pub field: &'static str,
    /// The offending tag, for floating fields.
    pub tag: Option<u16>,
    /// Byte offset from the start of the frame (header included).
    pub offset: usize,
}

impl DecodeError {
    /// A new error.
    pub const fn new(
        problem: Problem,
        field: &'static str,
        tag: Option<u16>,
        offset: usize,
    ) -> Self {
        DecodeError {
            problem,
            field,
            tag,
            offset,
        }
    }
    pub(crate) const fn fixed_truncated(field: &'static str, offset: usize) -> Self {
        DecodeError::new(Problem::FixedTruncated, field, None, offset)
    }
    /// The E_CTI status a server answers with.
    pub fn status(&self) -> StatusCode {
        self.problem.status()
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.field)?;
        if let Some(t) = self.tag {
            write!(f, "[{t}]")?;
        }
        write!(
            f,
            " at byte {}: {} ({})",
            self.offset,
            self.problem,
            self.status()
        )
    }
}

impl std::error::Error for DecodeError {}

/// A value that cannot be encoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EncodeError {
    /// The guide's name of the field.
    pub field: &'static str,
    /// What is wrong with it.
    pub problem: Problem,
}

impl EncodeError {
    /// A new error.
    pub const fn new(field: &'static str, problem: Problem) -> Self {
        EncodeError { field, problem }
    }
}

impl fmt::Display for EncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot encode {}: {}", self.field, self.problem)
    }
}

impl std::error::Error for EncodeError {}
