//! The shape of the message table: what a message, a fixed field, a floating field, a repeated
//! group and a value table are.
//!
//! The data itself lives in [`crate::table`] (messages) and [`crate::values`] (enumerations,
//! masks, status codes). Everything else in the crate (the encoder, the decoder, strict
//! validation, the typed messages in [`crate::msg`], `docs/messages.md`, the Wireshark
//! dissector) is derived from these two modules, so a correction to the protocol is made there
//! and nowhere else.
//!
//! The types have `const fn` builders so the table reads like the guide:
//!
//! ```
//! use cti_proto::spec::*;
//! static F: FixedField = FixedField::u32("InvokeID", "invoke_id");
//! static R: FixedField = FixedField::reserved_u32(1);
//! static S: FloatField = FloatField::string(1, "ClientID", "client_id", 64).required();
//! assert_eq!(R.role, FixedRole::Reserved(1));
//! assert_eq!(S.presence, Presence::Required);
//! ```

/// Lowest protocol version the codec speaks.
pub const MIN_VERSION: u8 = 10;
/// Highest protocol version the codec speaks.
pub const MAX_VERSION: u8 = 18;

/// Which way a message travels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Direction {
    /// Sent by a CTI client to the server.
    ClientToServer,
    /// Sent by the server to a client.
    ServerToClient,
}

/// Whether a message asks, answers or informs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A client request (the guide's "solicit" messages); carries an InvokeID.
    Request,
    /// The answer to a request (the guide's "solicited" messages).
    Confirmation,
    /// An unsolicited message.
    Event,
}

/// The guide's message classes, used for grouping in docs and filters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Class {
    /// FAILURE_CONF, FAILURE_EVENT.
    Error,
    /// OPEN, HEARTBEAT, CLOSE, SYSTEM_EVENT.
    Session,
    /// Unsolicited call events.
    CallEvent,
    /// SET_CALL_DATA.
    CallData,
    /// Agent state requests and events.
    AgentState,
    /// Call control requests and confirmations.
    CallControl,
    /// Snapshot and device queries.
    Query,
    /// Supervisor, assistance and emergency messages.
    Supervisor,
    /// Configuration keys, snapshots, records and team configuration.
    Configuration,
    /// Queue and agent statistics queries.
    Statistics,
}

/// Where a number in the table came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// Read in a Unified CCX source (marked ✔ in the digest).
    Confirmed,
    /// Not found in a Unified CCX source: inferred. The text says from what, so the value can
    /// be corrected here when a capture settles it.
    Unconfirmed(&'static str),
}

impl Source {
    /// True when the value was read in a Unified CCX source.
    pub const fn is_confirmed(self) -> bool {
        matches!(self, Source::Confirmed)
    }
}

/// The wire type of a fixed-part field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FixedType {
    /// UCHAR, 1 byte.
    U8,
    /// USHORT, 2 bytes big-endian.
    U16,
    /// SHORT, 2 bytes big-endian signed.
    I16,
    /// UINT, 4 bytes big-endian.
    U32,
    /// INT, 4 bytes big-endian signed.
    I32,
    /// BOOL, 2 bytes (0 false, 1 true).
    Bool,
    /// TIME, 4 bytes: seconds since 1970-01-01 UTC.
    Time,
    /// UNSPEC of a fixed size (only the 8-byte reserved fields of TEAM_CONFIG_*).
    Unspec8,
}

impl FixedType {
    /// Size on the wire in bytes.
    pub const fn size(self) -> usize {
        match self {
            FixedType::U8 => 1,
            FixedType::U16 | FixedType::I16 | FixedType::Bool => 2,
            FixedType::U32 | FixedType::I32 | FixedType::Time => 4,
            FixedType::Unspec8 => 8,
        }
    }

    /// The guide's name of the type.
    pub const fn guide_name(self) -> &'static str {
        match self {
            FixedType::U8 => "UCHAR",
            FixedType::U16 => "USHORT",
            FixedType::I16 => "SHORT",
            FixedType::U32 => "UINT",
            FixedType::I32 => "INT",
            FixedType::Bool => "BOOL",
            FixedType::Time => "TIME",
            FixedType::Unspec8 => "UNSPEC",
        }
    }
}

/// The wire type of a floating field's data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FloatType {
    /// STRING\[n\]: UTF-8, sent NUL-terminated (the NUL counts toward the maximum), read
    /// leniently (with or without NUL).
    String,
    /// UNSPEC\[n\]: opaque bytes.
    Unspec,
    /// UNSPEC(8) holding a configuration key, read as a big-endian 64-bit integer.
    Key,
    /// USHORT.
    U16,
    /// UINT.
    U32,
    /// INT.
    I32,
    /// BOOL: written as 2 bytes; read from 1, 2 or 4 bytes (the guide prints AutoWork as 4).
    Bool,
    /// TIME: seconds since 1970-01-01 UTC.
    Time,
    /// NAMEDVARIABLE: NUL-terminated name (≤ 33) then NUL-terminated value (≤ 211).
    NamedVar,
    /// NAMEDARRAY: one index byte, then name and value as in NAMEDVARIABLE.
    NamedArray,
}

impl FloatType {
    /// The exact data length of a numeric type, `None` for variable-length types.
    pub const fn exact_len(self) -> Option<usize> {
        match self {
            FloatType::U16 => Some(2),
            FloatType::U32 | FloatType::I32 | FloatType::Time => Some(4),
            FloatType::Key => Some(8),
            _ => None,
        }
    }

    /// The guide's name of the type.
    pub const fn guide_name(self) -> &'static str {
        match self {
            FloatType::String => "STRING",
            FloatType::Unspec | FloatType::Key => "UNSPEC",
            FloatType::U16 => "USHORT",
            FloatType::U32 => "UINT",
            FloatType::I32 => "INT",
            FloatType::Bool => "BOOL",
            FloatType::Time => "TIME",
            FloatType::NamedVar => "NAMEDVAR",
            FloatType::NamedArray => "NAMEDARRAY",
        }
    }
}

/// How a numeric value is read by people: a plain number, one value of an enumeration, or a
/// set of mask bits.
#[derive(Clone, Copy, Debug)]
pub enum Interp {
    /// A plain number (or a string / bytes).
    Plain,
    /// One value of this enumeration.
    Enum(&'static ValueTable),
    /// A bitwise OR of these mask bits.
    Mask(&'static MaskTable),
}

/// What a fixed-part field is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FixedRole {
    /// An ordinary value, a named field of the typed message.
    Value,
    /// A reserved field with the value the guide requires. Strict validation rejects another
    /// value with E_CTI_INVALID_PERIPHERAL_ID (7); the typed message has no field for it.
    Reserved(u64),
    /// A reserved field for which the guide gives no value: any value is accepted, 0 is sent.
    ReservedAny,
    /// Counts the instances of the floating group with this `ident`; the typed message derives
    /// it from the length of that group's `Vec`.
    Count(&'static str),
}

/// One field of a message's fixed part.
#[derive(Clone, Copy, Debug)]
pub struct FixedField {
    /// The guide's name ("reserved" for reserved fields).
    pub name: &'static str,
    /// The Rust field name in the typed message (empty for reserved and count fields).
    pub ident: &'static str,
    /// Wire type.
    pub ty: FixedType,
    /// Protocol version that introduced the field: absent from the wire below it.
    pub since: u8,
    /// Value, reserved constant or group count.
    pub role: FixedRole,
    /// How to print the value.
    pub interp: Interp,
    /// Where the field's existence and position come from.
    pub source: Source,
}

impl FixedField {
    const fn new(name: &'static str, ident: &'static str, ty: FixedType) -> Self {
        FixedField {
            name,
            ident,
            ty,
            since: MIN_VERSION,
            role: FixedRole::Value,
            interp: Interp::Plain,
            source: Source::Confirmed,
        }
    }
    /// A UCHAR field.
    pub const fn u8(name: &'static str, ident: &'static str) -> Self {
        Self::new(name, ident, FixedType::U8)
    }
    /// A USHORT field.
    pub const fn u16(name: &'static str, ident: &'static str) -> Self {
        Self::new(name, ident, FixedType::U16)
    }
    /// A SHORT field.
    pub const fn i16(name: &'static str, ident: &'static str) -> Self {
        Self::new(name, ident, FixedType::I16)
    }
    /// A UINT field.
    pub const fn u32(name: &'static str, ident: &'static str) -> Self {
        Self::new(name, ident, FixedType::U32)
    }
    /// An INT field.
    pub const fn i32(name: &'static str, ident: &'static str) -> Self {
        Self::new(name, ident, FixedType::I32)
    }
    /// A BOOL field.
    pub const fn bool(name: &'static str, ident: &'static str) -> Self {
        Self::new(name, ident, FixedType::Bool)
    }
    /// A TIME field.
    pub const fn time(name: &'static str, ident: &'static str) -> Self {
        Self::new(name, ident, FixedType::Time)
    }
    /// A reserved UCHAR with a required value.
    pub const fn reserved_u8(value: u64) -> Self {
        Self::new("reserved", "", FixedType::U8).role(FixedRole::Reserved(value))
    }
    /// A reserved USHORT with a required value.
    pub const fn reserved_u16(value: u64) -> Self {
        Self::new("reserved", "", FixedType::U16).role(FixedRole::Reserved(value))
    }
    /// A reserved UINT with a required value.
    pub const fn reserved_u32(value: u64) -> Self {
        Self::new("reserved", "", FixedType::U32).role(FixedRole::Reserved(value))
    }
    /// A reserved INT with a required value (give negative values as their u32 bit pattern).
    pub const fn reserved_i32(value: u64) -> Self {
        Self::new("reserved", "", FixedType::I32).role(FixedRole::Reserved(value))
    }
    /// A reserved BOOL with a required value.
    pub const fn reserved_bool(value: u64) -> Self {
        Self::new("reserved", "", FixedType::Bool).role(FixedRole::Reserved(value))
    }
    /// A reserved TIME with a required value.
    pub const fn reserved_time(value: u64) -> Self {
        Self::new("reserved", "", FixedType::Time).role(FixedRole::Reserved(value))
    }
    /// A reserved UNSPEC(8) with a required value.
    pub const fn reserved_unspec8(value: u64) -> Self {
        Self::new("reserved", "", FixedType::Unspec8).role(FixedRole::Reserved(value))
    }
    /// A USHORT counting the instances of the group `group_ident`.
    pub const fn count_u16(name: &'static str, group_ident: &'static str) -> Self {
        Self::new(name, "", FixedType::U16).role(FixedRole::Count(group_ident))
    }
    /// Set the role.
    pub const fn role(mut self, role: FixedRole) -> Self {
        self.role = role;
        self
    }
    /// Mark as introduced in protocol version `v`.
    pub const fn since(mut self, v: u8) -> Self {
        self.since = v;
        self
    }
    /// Print as a value of `table`.
    pub const fn values(mut self, table: &'static ValueTable) -> Self {
        self.interp = Interp::Enum(table);
        self
    }
    /// Print as bits of `table`.
    pub const fn mask(mut self, table: &'static MaskTable) -> Self {
        self.interp = Interp::Mask(table);
        self
    }
    /// Record that the field is inferred, and from what.
    pub const fn unconfirmed(mut self, why: &'static str) -> Self {
        self.source = Source::Unconfirmed(why);
        self
    }
    /// True when the field is on the wire at protocol version `v`.
    pub const fn present_in(&self, v: u8) -> bool {
        v >= self.since
    }
}

/// Whether a floating field must be present.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Presence {
    /// Must be present (once per message, or once per group instance inside a group).
    Required,
    /// May be absent.
    Optional,
    /// A reserved field the server must send with this value; a client must accept it.
    /// Strict validation requires it present with this value (E_CTI_INVALID_PERIPHERAL_ID).
    Reserved(u64),
    /// A reserved field that may be sent (with this value) or left out. The typed message
    /// does not carry it and never sends it.
    ReservedOptional(u64),
    /// Counts the instances of the nested group with this `ident`; derived when encoding.
    CountOf(&'static str),
}

/// One floating (tagged) field.
#[derive(Clone, Copy, Debug)]
pub struct FloatField {
    /// FieldDataID.
    pub tag: u16,
    /// The guide's name.
    pub name: &'static str,
    /// The Rust field name in the typed message (empty for reserved and count fields).
    pub ident: &'static str,
    /// Wire type of the data.
    pub ty: FloatType,
    /// Maximum data bytes (NULs of strings included).
    pub max: u16,
    /// Required, optional, reserved or a count.
    pub presence: Presence,
    /// Protocol version that introduced the field in this message.
    pub since: u8,
    /// How to print the value.
    pub interp: Interp,
    /// Where the field's tag, size and presence come from.
    pub source: Source,
}

impl FloatField {
    const fn new(
        tag: u16,
        name: &'static str,
        ident: &'static str,
        ty: FloatType,
        max: u16,
    ) -> Self {
        FloatField {
            tag,
            name,
            ident,
            ty,
            max,
            presence: Presence::Optional,
            since: MIN_VERSION,
            interp: Interp::Plain,
            source: Source::Confirmed,
        }
    }
    /// A STRING field of at most `max` bytes including the NUL.
    pub const fn string(tag: u16, name: &'static str, ident: &'static str, max: u16) -> Self {
        Self::new(tag, name, ident, FloatType::String, max)
    }
    /// An UNSPEC field of at most `max` bytes.
    pub const fn unspec(tag: u16, name: &'static str, ident: &'static str, max: u16) -> Self {
        Self::new(tag, name, ident, FloatType::Unspec, max)
    }
    /// An 8-byte configuration key.
    pub const fn key(tag: u16, name: &'static str, ident: &'static str) -> Self {
        Self::new(tag, name, ident, FloatType::Key, 8)
    }
    /// A USHORT field.
    pub const fn u16(tag: u16, name: &'static str, ident: &'static str) -> Self {
        Self::new(tag, name, ident, FloatType::U16, 2)
    }
    /// A UINT field.
    pub const fn u32(tag: u16, name: &'static str, ident: &'static str) -> Self {
        Self::new(tag, name, ident, FloatType::U32, 4)
    }
    /// An INT field.
    pub const fn i32(tag: u16, name: &'static str, ident: &'static str) -> Self {
        Self::new(tag, name, ident, FloatType::I32, 4)
    }
    /// A BOOL field; `max` is the largest length accepted (the guide prints 4 once).
    pub const fn bool(tag: u16, name: &'static str, ident: &'static str, max: u16) -> Self {
        Self::new(tag, name, ident, FloatType::Bool, max)
    }
    /// A TIME field.
    pub const fn time(tag: u16, name: &'static str, ident: &'static str) -> Self {
        Self::new(tag, name, ident, FloatType::Time, 4)
    }
    /// A NAMEDVARIABLE field (tag 82).
    pub const fn named_var(ident: &'static str) -> Self {
        Self::new(82, "NamedVariable", ident, FloatType::NamedVar, 251)
    }
    /// A NAMEDARRAY field (tag 83).
    pub const fn named_array(ident: &'static str) -> Self {
        Self::new(83, "NamedArray", ident, FloatType::NamedArray, 252)
    }
    /// A reserved USHORT that must be present with `value`.
    pub const fn reserved_u16(tag: u16, value: u64) -> Self {
        Self::new(tag, "reserved", "", FloatType::U16, 2).presence(Presence::Reserved(value))
    }
    /// A reserved UINT that must be present with `value`.
    pub const fn reserved_u32(tag: u16, value: u64) -> Self {
        Self::new(tag, "reserved", "", FloatType::U32, 4).presence(Presence::Reserved(value))
    }
    /// A USHORT counting the nested group `group_ident`.
    pub const fn count_u16(tag: u16, name: &'static str, group_ident: &'static str) -> Self {
        Self::new(tag, name, "", FloatType::U16, 2).presence(Presence::CountOf(group_ident))
    }
    /// Set the presence.
    pub const fn presence(mut self, p: Presence) -> Self {
        self.presence = p;
        self
    }
    /// Mark as required.
    pub const fn required(self) -> Self {
        self.presence(Presence::Required)
    }
    /// Mark as introduced in protocol version `v`.
    pub const fn since(mut self, v: u8) -> Self {
        self.since = v;
        self
    }
    /// Print as a value of `table`.
    pub const fn values(mut self, table: &'static ValueTable) -> Self {
        self.interp = Interp::Enum(table);
        self
    }
    /// Print as bits of `table`.
    pub const fn mask(mut self, table: &'static MaskTable) -> Self {
        self.interp = Interp::Mask(table);
        self
    }
    /// Record that the field is inferred, and from what.
    pub const fn unconfirmed(mut self, why: &'static str) -> Self {
        self.source = Source::Unconfirmed(why);
        self
    }
    /// True when the field is reserved (not carried by the typed message).
    pub const fn is_reserved(&self) -> bool {
        matches!(
            self.presence,
            Presence::Reserved(_) | Presence::ReservedOptional(_)
        )
    }
}

/// How many instances a repeated group has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GroupCount {
    /// Given by the fixed field whose role is `Count(this group's ident)`.
    Fixed,
    /// Given by the floating field with this tag in the enclosing scope.
    Float(u16),
}

/// A repeated group of floating fields, such as the CSQ records of AGENT_STATE_EVENT or the
/// records of CONFIG_AGENT_EVENT. Its first item is a field whose tag starts a new instance.
#[derive(Clone, Copy, Debug)]
pub struct Group {
    /// Name for docs ("CSQ record").
    pub name: &'static str,
    /// The Rust field name of the `Vec` in the typed message.
    pub ident: &'static str,
    /// The Rust type of one instance. Groups of exactly one field use that field's type
    /// directly and leave this empty.
    pub type_name: &'static str,
    /// Where the count comes from.
    pub count: GroupCount,
    /// The most instances one message may carry.
    pub max: u16,
    /// Protocol version that introduced the group.
    pub since: u8,
    /// The fields (and nested groups) of one instance, in wire order.
    pub items: &'static [FloatItem],
}

impl Group {
    /// The field whose tag opens a new instance.
    pub fn start(&self) -> &'static FloatField {
        match &self.items[0] {
            FloatItem::Field(f) => f,
            FloatItem::Group(_) => panic!("a group must start with a field"),
        }
    }
}

/// An entry of a floating part: a field, or a repeated group.
#[derive(Clone, Copy, Debug)]
pub enum FloatItem {
    /// A single field.
    Field(FloatField),
    /// A repeated group.
    Group(Group),
}

/// A constraint across fields that a simple required/optional mark cannot say.
#[derive(Clone, Copy, Debug)]
pub enum Rule {
    /// At least one of these tags must be present (E_CTI_REQUIRED_DATA_MISSING).
    AtLeastOne(&'static [u16]),
    /// `tag` is required when the fixed field `field` equals `value`.
    RequiredWhen {
        /// The conditional tag.
        tag: u16,
        /// Name of the fixed field tested.
        field: &'static str,
        /// The value that makes the tag required.
        value: u64,
    },
    /// `tag` must be the first floating field.
    First(u16),
}

/// One message type.
#[derive(Debug)]
pub struct MessageSpec {
    /// MessageTypeID.
    pub id: u32,
    /// Where the ID comes from.
    pub id_source: Source,
    /// The guide's name, e.g. `OPEN_REQ`.
    pub name: &'static str,
    /// The Rust type name, e.g. `OpenReq`.
    pub ident: &'static str,
    /// Direction.
    pub direction: Direction,
    /// Request, confirmation or event.
    pub kind: Kind,
    /// Message class.
    pub class: Class,
    /// Protocol version that introduced the message.
    pub since: u8,
    /// One line in our words.
    pub summary: &'static str,
    /// Fixed part in wire order.
    pub fixed: &'static [FixedField],
    /// Floating part in the order we send it.
    pub floating: &'static [FloatItem],
    /// Extra constraints checked by strict validation.
    pub rules: &'static [Rule],
}

impl MessageSpec {
    /// Start a message entry.
    pub const fn new(
        id: u32,
        name: &'static str,
        ident: &'static str,
        direction: Direction,
        kind: Kind,
        class: Class,
    ) -> Self {
        MessageSpec {
            id,
            id_source: Source::Confirmed,
            name,
            ident,
            direction,
            kind,
            class,
            since: MIN_VERSION,
            summary: "",
            fixed: &[],
            floating: &[],
            rules: &[],
        }
    }
    /// Record that the ID is inferred, and from what.
    pub const fn id_unconfirmed(mut self, why: &'static str) -> Self {
        self.id_source = Source::Unconfirmed(why);
        self
    }
    /// One-line description.
    pub const fn summary(mut self, s: &'static str) -> Self {
        self.summary = s;
        self
    }
    /// The fixed part.
    pub const fn fixed(mut self, f: &'static [FixedField]) -> Self {
        self.fixed = f;
        self
    }
    /// The floating part.
    pub const fn floating(mut self, f: &'static [FloatItem]) -> Self {
        self.floating = f;
        self
    }
    /// Extra rules.
    pub const fn rules(mut self, r: &'static [Rule]) -> Self {
        self.rules = r;
        self
    }
    /// Introduced in version `v`.
    pub const fn since(mut self, v: u8) -> Self {
        self.since = v;
        self
    }
    /// Length of the fixed part at protocol version `v`.
    pub fn fixed_len(&self, v: u8) -> usize {
        self.fixed
            .iter()
            .filter(|f| f.present_in(v))
            .map(|f| f.ty.size())
            .sum()
    }
}

/// One named value of an enumeration.
#[derive(Clone, Copy, Debug)]
pub struct Value {
    /// The number.
    pub value: u32,
    /// The guide's constant name.
    pub name: &'static str,
    /// One line in our words.
    pub meaning: &'static str,
    /// Where it comes from.
    pub source: Source,
}

impl Value {
    /// A confirmed value.
    pub const fn new(value: u32, name: &'static str, meaning: &'static str) -> Self {
        Value {
            value,
            name,
            meaning,
            source: Source::Confirmed,
        }
    }
    /// Record that the value is inferred, and from what.
    pub const fn unconfirmed(mut self, why: &'static str) -> Self {
        self.source = Source::Unconfirmed(why);
        self
    }
}

/// An enumeration of wire values.
#[derive(Debug)]
pub struct ValueTable {
    /// Name for docs, e.g. "E_CTI status codes".
    pub name: &'static str,
    /// The Rust newtype generated for it (e.g. `StatusCode`), or empty for none.
    pub rust_type: &'static str,
    /// Wire width of the newtype: `u16` or `u32`.
    pub repr: &'static str,
    /// The values, ascending.
    pub values: &'static [Value],
}

impl ValueTable {
    /// The entry for `v`, if it has a name.
    pub fn get(&self, v: u32) -> Option<&'static Value> {
        self.values.iter().find(|e| e.value == v)
    }
    /// The constant name of `v`, if it has one.
    pub fn name_of(&self, v: u32) -> Option<&'static str> {
        self.get(v).map(|e| e.name)
    }
}

/// A set of named bits.
#[derive(Debug)]
pub struct MaskTable {
    /// Name for docs.
    pub name: &'static str,
    /// The Rust newtype generated for it, or empty for none.
    pub rust_type: &'static str,
    /// The bits (each a single bit), ascending.
    pub bits: &'static [Value],
}

impl MaskTable {
    /// Names of the bits set in `v`, then any bits without a name as one hex number.
    pub fn split(&self, v: u32) -> (Vec<&'static str>, u32) {
        let mut names = Vec::new();
        let mut rest = v;
        for b in self.bits {
            if v & b.value == b.value && b.value != 0 {
                names.push(b.name);
                rest &= !b.value;
            }
        }
        (names, rest)
    }
}
