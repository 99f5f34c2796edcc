//! One frame rendered for people ([`text`]) and for programs (`json`, feature `serde`),
//! straight from the message table through a [`FrameView`], so that every message type, field,
//! enumeration and mask the table knows is shown by name without any per-message code.
//!
//! What the renderers show:
//! * the message name and MessageTypeID (unknown types: the body as hex);
//! * every fixed field by name; enumerations by constant name, masks split into flag names,
//!   TIME fields with their UTC date; reserved fields only when they hold something other than
//!   the guide's value (the JSON keeps all of them);
//! * every floating field by name with its tag, strings quoted, UNSPEC as hex, named variables
//!   as `name="value"`, unknown tags as `tag N: <hex>`;
//! * repeated groups as numbered instances (nested groups inside their parent instance);
//! * where the frame breaks its own framing (fixed part cut short, a floating field running
//!   past the body), what was readable and then the error.
//!
//! Rendering is lenient: it never validates and never panics, whatever the bytes. Strict
//! checks are [`crate::validate`]'s job.

use std::fmt::Write as _;

use crate::layout::{Layout, NO_GROUP, NO_SLOT};
use crate::spec::{
    FixedField, FixedRole, FixedType, FloatField, FloatItem, FloatType, Group, Interp, Presence,
};
use crate::view::{FieldValue, FrameView};
use crate::DecodeError;

/// Lowercase hex of `bytes`, two digits per byte, separated by spaces.
pub fn hex(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 3);
    for (i, b) in bytes.iter().enumerate() {
        if i > 0 {
            s.push(' ');
        }
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// Lowercase hex of `bytes` without separators (the JSON form).
pub fn hex_compact(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// `unix_secs` (plus `nanos`) as an ISO 8601 UTC timestamp, e.g. `2023-11-14T22:13:20Z`, or
/// with `frac_digits` (1–9) digits of the second after a dot.
pub fn utc(unix_secs: i64, nanos: u32, frac_digits: u8) -> String {
    let days = unix_secs.div_euclid(86_400);
    let secs_of_day = unix_secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    let (hh, mm, ss) = (
        secs_of_day / 3600,
        (secs_of_day % 3600) / 60,
        secs_of_day % 60,
    );
    let mut s = format!("{y:04}-{m:02}-{d:02}T{hh:02}:{mm:02}:{ss:02}");
    let digits = frac_digits.min(9) as u32;
    if digits > 0 {
        let frac = nanos.min(999_999_999) / 10u32.pow(9 - digits);
        let _ = write!(s, ".{frac:0width$}", width = digits as usize);
    }
    s.push('Z');
    s
}

/// Gregorian date of a day count since 1970-01-01 (Howard Hinnant's `civil_from_days`).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// One step of walking a frame for rendering: the fixed fields, then group instances and
/// floating fields in wire order, then at most one error that ends the walk.
#[derive(Clone, Copy, Debug)]
enum Item<'a> {
    Fixed {
        field: &'static FixedField,
        value: FieldValue<'a>,
    },
    /// The body ends inside the fixed part.
    FixedTruncated {
        found: usize,
        expected: usize,
    },
    /// A new instance of `group` begins; `level` 1 is a top-level group, 2 a nested one.
    Open {
        group: &'static Group,
        level: u8,
        instance: u32,
    },
    /// A floating field at `level` (0 top, 1 in a group, 2 in a nested group).
    Float {
        level: u8,
        field: Option<&'static FloatField>,
        tag: u16,
        value: FieldValue<'a>,
        data: &'a [u8],
        /// Offset of the field's tag from the start of the frame (shown in the JSON).
        #[cfg_attr(not(feature = "serde"), allow(dead_code))]
        offset: usize,
    },
    Error(DecodeError),
}

/// Walk `view` into [`Item`]s, tracking which group instance each floating field is in.
fn walk<'a>(view: &FrameView<'a>, mut sink: impl FnMut(Item<'a>)) {
    let Some(layout) = view.layout() else {
        return;
    };
    let mut fixed_bytes = 0usize;
    for (field, value, _) in view.fixed() {
        fixed_bytes += field.ty.size();
        sink(Item::Fixed { field, value });
    }
    let expected = view.fixed_len();
    if fixed_bytes < expected {
        sink(Item::FixedTruncated {
            found: view.body().len(),
            expected,
        });
        return;
    }
    let mut instances = [0u32; crate::layout::MAX_GROUPS];
    let mut level = 0u8;
    for f in view.floating() {
        let f = match f {
            Ok(f) => f,
            Err(e) => {
                sink(Item::Error(e));
                return;
            }
        };
        let r = f.resolved;
        let field_level = if r.slot == NO_SLOT {
            level
        } else {
            let slot = &layout.slots[r.slot as usize];
            if slot.group == NO_GROUP {
                level = 0;
            } else {
                let gi = slot.group as usize;
                let depth = layout.groups[gi].depth;
                if r.opens & 1 != 0 {
                    let outer = if depth == 0 {
                        gi
                    } else {
                        layout.groups[gi].parent as usize
                    };
                    open(layout, outer, 1, &mut instances, &mut sink);
                }
                if r.opens & 2 != 0 {
                    open(layout, gi, 2, &mut instances, &mut sink);
                }
                level = depth + 1;
            }
            level
        };
        sink(Item::Float {
            level: field_level,
            field: f.spec,
            tag: f.tag(),
            value: f.value(),
            data: f.data(),
            offset: f.offset(),
        });
    }
}

fn open<'a>(
    layout: &Layout,
    gi: usize,
    level: u8,
    instances: &mut [u32; crate::layout::MAX_GROUPS],
    sink: &mut impl FnMut(Item<'a>),
) {
    if gi >= instances.len() {
        return;
    }
    instances[gi] = instances[gi].saturating_add(1);
    // Nested groups number their instances within each instance of their parent.
    for (ni, g) in layout.groups.iter().enumerate() {
        if g.parent as usize == gi && ni < instances.len() {
            instances[ni] = 0;
        }
    }
    sink(Item::Open {
        group: layout.groups[gi].group,
        level,
        instance: instances[gi],
    });
}

/// A group of exactly one field is shown as a numbered list of that field, not as instances.
fn single_field(group: &Group) -> bool {
    matches!(group.items, [FloatItem::Field(_)])
}

/// True when a reserved fixed field holds the value the guide requires (it is then not shown).
fn reserved_as_expected(field: &FixedField, value: &FieldValue<'_>) -> bool {
    let v = value.as_u64().unwrap_or(u64::MAX);
    let width_mask = match field.ty.size() {
        8 => u64::MAX,
        n => (1u64 << (n * 8)) - 1,
    };
    match field.role {
        FixedRole::Reserved(expected) => v & width_mask == expected & width_mask,
        FixedRole::ReservedAny => v == 0,
        _ => false,
    }
}

fn float_reserved_as_expected(field: &FloatField, value: &FieldValue<'_>) -> bool {
    match field.presence {
        Presence::Reserved(e) | Presence::ReservedOptional(e) => match value {
            FieldValue::Uint(v) => *v == e,
            FieldValue::Int(v) => *v as u64 == e,
            FieldValue::Str(s) => s.is_empty() || e == 0 && s.iter().all(|&b| b == b'0'),
            _ => false,
        },
        _ => false,
    }
}

fn quoted(bytes: &[u8]) -> String {
    format!("{:?}", String::from_utf8_lossy(bytes))
}

/// A numeric value in words: enumeration name, mask flags, date, or the plain number.
fn number_text(v: u64, interp: Interp, width: usize, is_time: bool, is_bool: bool) -> String {
    match interp {
        Interp::Enum(table) => match u32::try_from(v).ok().and_then(|n| table.name_of(n)) {
            Some(name) => format!("{name} ({v})"),
            None => format!("{v} (unnamed)"),
        },
        Interp::Mask(table) => {
            let (names, rest) = table.split(v as u32);
            let digits = (width * 2).max(2);
            let mut s = format!("0x{v:0digits$X}");
            if names.is_empty() && rest == 0 {
                s.push_str(" (none)");
                return s;
            }
            s.push_str(" = ");
            let mut parts: Vec<String> = names.iter().map(|n| n.to_string()).collect();
            if rest != 0 {
                parts.push(format!("0x{rest:X}"));
            }
            s.push_str(&parts.join(" | "));
            s
        }
        Interp::Plain if is_time && v != 0 => {
            format!("{v} ({})", utc(v as i64, 0, 0))
        }
        Interp::Plain if is_bool => match v {
            0 => "false".into(),
            1 => "true".into(),
            n => format!("true ({n})"),
        },
        Interp::Plain => v.to_string(),
    }
}

fn fixed_text(field: &FixedField, value: &FieldValue<'_>) -> String {
    match *value {
        FieldValue::Uint(v) if field.ty == FixedType::Unspec8 => format!("0x{v:016X}"),
        FieldValue::Uint(v) => number_text(
            v,
            field.interp,
            field.ty.size(),
            field.ty == FixedType::Time,
            field.ty == FixedType::Bool,
        ),
        FieldValue::Int(v) => v.to_string(),
        ref other => value_text(other),
    }
}

fn float_text(field: &FloatField, value: &FieldValue<'_>, data: &[u8]) -> String {
    match *value {
        FieldValue::Uint(v) if field.ty == FloatType::Key => format!("0x{v:016X}"),
        FieldValue::Uint(v) => number_text(
            v,
            field.interp,
            data.len(),
            field.ty == FloatType::Time,
            field.ty == FloatType::Bool,
        ),
        FieldValue::Int(v) => v.to_string(),
        // A numeric field of the wrong length arrives here as bytes.
        FieldValue::Bytes(b) if field.ty.exact_len().is_some() || field.ty == FloatType::Bool => {
            format!(
                "{} (wrong length {} for {})",
                hex(b),
                b.len(),
                field.ty.guide_name()
            )
        }
        ref other => value_text(other),
    }
}

fn value_text(value: &FieldValue<'_>) -> String {
    match *value {
        FieldValue::Uint(v) => v.to_string(),
        FieldValue::Int(v) => v.to_string(),
        FieldValue::Str(s) => quoted(s),
        FieldValue::Bytes([]) => "(empty)".into(),
        FieldValue::Bytes(b) => hex(b),
        FieldValue::NamedVar { name, value } => {
            format!("{}={}", String::from_utf8_lossy(name), quoted(value))
        }
        FieldValue::NamedArray { index, name, value } => format!(
            "{}[{index}]={}",
            String::from_utf8_lossy(name),
            quoted(value)
        ),
    }
}

/// The frame as indented text: a title line with the message name, MessageTypeID and body
/// length, then one line per field. Every line ends with a newline.
///
/// ```
/// use cti_proto::msg::{CtiMessage, HeartbeatReq};
/// use cti_proto::{render, FrameView, Settings};
///
/// let s = Settings::new(18);
/// let bytes = HeartbeatReq { invoke_id: 7, ..Default::default() }.to_bytes(&s).unwrap();
/// let view = FrameView::new(&bytes, &s).unwrap();
/// assert_eq!(render::text(&view), "HEARTBEAT_REQ (5), body 4 bytes\n  InvokeID: 7\n");
/// ```
pub fn text(view: &FrameView<'_>) -> String {
    let mut out = String::new();
    let body = view.body();
    let Some(spec) = view.spec() else {
        let _ = writeln!(
            out,
            "UNKNOWN (type {}), body {} bytes",
            view.type_id(),
            body.len()
        );
        if !body.is_empty() {
            let _ = writeln!(out, "  body: {}", hex(body));
        }
        return out;
    };
    let _ = writeln!(
        out,
        "{} ({}), body {} bytes",
        spec.name,
        spec.id,
        body.len()
    );
    // Single-field groups print their one field at the group's own level, numbered.
    let mut single: [Option<u32>; 3] = [None; 3];
    walk(view, |item| match item {
        Item::Fixed { field, value } => {
            if matches!(field.role, FixedRole::Reserved(_) | FixedRole::ReservedAny)
                && reserved_as_expected(field, &value)
            {
                return;
            }
            let note = match field.role {
                FixedRole::Reserved(e) => format!(" (guide requires {e})"),
                _ => String::new(),
            };
            let _ = writeln!(out, "  {}: {}{note}", field.name, fixed_text(field, &value));
        }
        Item::FixedTruncated { found, expected } => {
            let _ = writeln!(
                out,
                "  error: body of {found} bytes ends inside the fixed part of {expected} bytes"
            );
        }
        Item::Open {
            group,
            level,
            instance,
        } => {
            let indent = "  ".repeat(level as usize);
            if single_field(group) {
                single[level as usize] = Some(instance);
            } else {
                single[level as usize] = None;
                let _ = writeln!(out, "{indent}{} {instance}:", group.name);
            }
        }
        Item::Float {
            level,
            field,
            tag,
            value,
            data,
            ..
        } => {
            let lvl = level as usize;
            match field {
                Some(f) => {
                    if f.is_reserved() && float_reserved_as_expected(f, &value) {
                        return;
                    }
                    let (indent, number) = match single.get(lvl).copied().flatten() {
                        Some(n) if lvl > 0 => ("  ".repeat(lvl), format!(" #{n}")),
                        _ => ("  ".repeat(lvl + 1), String::new()),
                    };
                    let _ = writeln!(
                        out,
                        "{indent}{}[{tag}]{number}: {}",
                        f.name,
                        float_text(f, &value, data)
                    );
                }
                None => {
                    let indent = "  ".repeat(lvl + 1);
                    let shown = if data.is_empty() {
                        "(empty)".to_string()
                    } else {
                        hex(data)
                    };
                    let _ = writeln!(out, "{indent}tag {tag}: {shown}");
                }
            }
        }
        Item::Error(e) => {
            let _ = writeln!(out, "  error: {e}");
        }
    });
    out
}

#[cfg(feature = "serde")]
pub use self::json_impl::json;

#[cfg(feature = "serde")]
mod json_impl {
    use serde_json::{json as j, Map, Value};

    use super::*;

    fn number_json(v: u64, interp: Interp, is_bool: bool) -> Value {
        match interp {
            Interp::Enum(table) => j!({
                "value": v,
                "name": u32::try_from(v).ok().and_then(|n| table.name_of(n)),
            }),
            Interp::Mask(table) => {
                let (names, rest) = table.split(v as u32);
                let mut m = Map::new();
                m.insert("value".into(), v.into());
                m.insert("flags".into(), names.into());
                if rest != 0 {
                    m.insert("other".into(), rest.into());
                }
                Value::Object(m)
            }
            Interp::Plain if is_bool => Value::Bool(v != 0),
            Interp::Plain => v.into(),
        }
    }

    fn value_json(value: &FieldValue<'_>) -> Value {
        match *value {
            FieldValue::Uint(v) => v.into(),
            FieldValue::Int(v) => v.into(),
            FieldValue::Str(s) => String::from_utf8_lossy(s).into(),
            FieldValue::Bytes(b) => hex_compact(b).into(),
            FieldValue::NamedVar { name, value } => j!({
                "name": String::from_utf8_lossy(name),
                "value": String::from_utf8_lossy(value),
            }),
            FieldValue::NamedArray { index, name, value } => j!({
                "index": index,
                "name": String::from_utf8_lossy(name),
                "value": String::from_utf8_lossy(value),
            }),
        }
    }

    fn fixed_json(field: &FixedField, value: &FieldValue<'_>) -> Value {
        match *value {
            FieldValue::Uint(v) if field.ty != FixedType::Unspec8 => {
                number_json(v, field.interp, field.ty == FixedType::Bool)
            }
            ref other => value_json(other),
        }
    }

    fn float_json(field: &FloatField, value: &FieldValue<'_>) -> Value {
        match *value {
            FieldValue::Uint(v) if field.ty != FloatType::Key => {
                number_json(v, field.interp, field.ty == FloatType::Bool)
            }
            ref other => value_json(other),
        }
    }

    /// Insert under `key`, or `key#2`, `key#3`… when a field repeats where it should not.
    fn insert_unique(m: &mut Map<String, Value>, key: &str, v: Value) {
        if !m.contains_key(key) {
            m.insert(key.to_string(), v);
            return;
        }
        let mut n = 2;
        while m.contains_key(&format!("{key}#{n}")) {
            n += 1;
        }
        m.insert(format!("{key}#{n}"), v);
    }

    /// An open group instance being filled: the group, and its fields so far.
    struct OpenInstance {
        group: &'static Group,
        fields: Map<String, Value>,
        /// The one value of a single-field group.
        single: Option<Value>,
    }

    impl OpenInstance {
        fn into_value(self) -> Value {
            if single_field(self.group) {
                self.single.unwrap_or(Value::Null)
            } else {
                Value::Object(self.fields)
            }
        }
    }

    fn push_instance(into: &mut Map<String, Value>, inst: OpenInstance) {
        let key = inst.group.ident.to_string();
        let v = inst.into_value();
        match into.get_mut(&key) {
            Some(Value::Array(a)) => a.push(v),
            _ => {
                into.insert(key, Value::Array(vec![v]));
            }
        }
    }

    /// The frame as one JSON object, easy to query:
    ///
    /// ```json
    /// {"type": "AGENT_STATE_EVENT", "id": 30, "body_len": 60,
    ///  "fields": {"AgentState": {"value": 3, "name": "AGENT_STATE_READY"},
    ///             "AgentID": "1001",
    ///             "csqs": [{"CSQID": 5, "CSQState": {"value": 3, "name": "AGENT_STATE_READY"}}]},
    ///  "reserved": [0, 1, 0, 21],
    ///  "floating": [{"tag": 194, "name": "AgentID", "offset": 60, "value": "1001"}, …]}
    /// ```
    ///
    /// * `fields` holds the fixed and floating fields by the guide's name; a repeated group is
    ///   an array under the group's snake_case identifier (`csqs`, `named_variables`) whose
    ///   items are objects of the group's fields, or the bare values for one-field groups.
    ///   Enumerations are `{"value", "name"}` (`name` null when the table has none), masks
    ///   `{"value", "flags": [...]}` plus `"other"` for unnamed bits, BOOL a JSON bool,
    ///   strings strings, UNSPEC and keys of unexpected length lowercase hex, named variables
    ///   `{"name", "value"}` (arrays add `"index"`).
    /// * `reserved` lists the reserved fixed fields' values in wire order.
    /// * `floating` lists every floating field in wire order with its tag and frame offset;
    ///   unknown tags have `"name": null` and their data as hex in `value`.
    /// * `unknown` lists unknown tags (`{"tag", "hex"}`), only when there are some.
    /// * `error` describes a framing error that ended the walk, only when there is one.
    /// * An unknown message type gives `{"type": "UNKNOWN", "id", "body_len", "body": hex}`.
    pub fn json(view: &FrameView<'_>) -> Value {
        let body = view.body();
        let mut top = Map::new();
        let Some(spec) = view.spec() else {
            top.insert("type".into(), "UNKNOWN".into());
            top.insert("id".into(), view.type_id().into());
            top.insert("body_len".into(), body.len().into());
            top.insert("body".into(), hex_compact(body).into());
            return Value::Object(top);
        };
        top.insert("type".into(), spec.name.into());
        top.insert("id".into(), spec.id.into());
        top.insert("body_len".into(), body.len().into());
        let mut fields = Map::new();
        let mut reserved = Vec::new();
        let mut floating = Vec::new();
        let mut unknown = Vec::new();
        let mut error: Option<String> = None;
        // Open instances: [outer, nested].
        let mut open: [Option<OpenInstance>; 2] = [None, None];

        fn close_nested(open: &mut [Option<OpenInstance>; 2], top: &mut Map<String, Value>) {
            if let Some(inner) = open[1].take() {
                match open[0].as_mut() {
                    Some(outer) => push_instance(&mut outer.fields, inner),
                    None => push_instance(top, inner),
                }
            }
        }
        fn close_all(open: &mut [Option<OpenInstance>; 2], top: &mut Map<String, Value>) {
            close_nested(open, top);
            if let Some(outer) = open[0].take() {
                push_instance(top, outer);
            }
        }

        walk(view, |item| match item {
            Item::Fixed { field, value } => match field.role {
                FixedRole::Reserved(_) | FixedRole::ReservedAny => {
                    reserved.push(fixed_json(field, &value))
                }
                _ => insert_unique(&mut fields, field.name, fixed_json(field, &value)),
            },
            Item::FixedTruncated { found, expected } => {
                error = Some(format!(
                    "body of {found} bytes ends inside the fixed part of {expected} bytes"
                ));
            }
            Item::Open { group, level, .. } => {
                let inst = OpenInstance {
                    group,
                    fields: Map::new(),
                    single: None,
                };
                if level == 1 {
                    close_all(&mut open, &mut fields);
                    open[0] = Some(inst);
                } else {
                    close_nested(&mut open, &mut fields);
                    open[1] = Some(inst);
                }
            }
            Item::Float {
                level,
                field,
                tag,
                value,
                data,
                offset,
            } => {
                let v = match field {
                    Some(f) => float_json(f, &value),
                    None => hex_compact(data).into(),
                };
                floating.push(j!({
                    "tag": tag,
                    "name": field.map(|f| f.name),
                    "offset": offset,
                    "value": v.clone(),
                }));
                let Some(f) = field else {
                    unknown.push(j!({"tag": tag, "hex": hex_compact(data)}));
                    return;
                };
                if f.is_reserved() {
                    return;
                }
                match level {
                    0 => {
                        close_all(&mut open, &mut fields);
                        insert_unique(&mut fields, f.name, v);
                    }
                    1 => {
                        close_nested(&mut open, &mut fields);
                        if let Some(o) = open[0].as_mut() {
                            if single_field(o.group) && o.single.is_none() {
                                o.single = Some(v);
                            } else {
                                insert_unique(&mut o.fields, f.name, v);
                            }
                        }
                    }
                    _ => {
                        if let Some(o) = open[1].as_mut() {
                            if single_field(o.group) && o.single.is_none() {
                                o.single = Some(v);
                            } else {
                                insert_unique(&mut o.fields, f.name, v);
                            }
                        }
                    }
                }
            }
            Item::Error(e) => error = Some(e.to_string()),
        });
        close_all(&mut open, &mut fields);
        top.insert("fields".into(), Value::Object(fields));
        top.insert("reserved".into(), Value::Array(reserved));
        top.insert("floating".into(), Value::Array(floating));
        if !unknown.is_empty() {
            top.insert("unknown".into(), Value::Array(unknown));
        }
        if let Some(e) = error {
            top.insert("error".into(), e.into());
        }
        Value::Object(top)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::values::{AGENT_STATES, SERVICE_MASK};

    #[test]
    fn utc_dates() {
        assert_eq!(utc(0, 0, 0), "1970-01-01T00:00:00Z");
        assert_eq!(utc(1_700_000_000, 0, 0), "2023-11-14T22:13:20Z");
        // 2000-02-29 (a leap day of a century leap year) and the last second of 1999.
        assert_eq!(utc(951_782_400, 0, 0), "2000-02-29T00:00:00Z");
        assert_eq!(utc(946_684_799, 0, 0), "1999-12-31T23:59:59Z");
        assert_eq!(utc(-1, 0, 0), "1969-12-31T23:59:59Z");
        assert_eq!(utc(1, 123_456_789, 6), "1970-01-01T00:00:01.123456Z");
        assert_eq!(utc(1, 5_000_000, 3), "1970-01-01T00:00:01.005Z");
        assert_eq!(utc(u32::MAX as i64, 0, 0), "2106-02-07T06:28:15Z");
    }

    #[test]
    fn hex_forms() {
        assert_eq!(hex(&[]), "");
        assert_eq!(hex(&[0, 0xAB, 7]), "00 ab 07");
        assert_eq!(hex_compact(&[0, 0xAB, 7]), "00ab07");
    }

    #[test]
    fn numbers_in_words() {
        assert_eq!(
            number_text(3, Interp::Enum(&AGENT_STATES), 2, false, false),
            "AGENT_STATE_READY (3)"
        );
        assert_eq!(
            number_text(60_000, Interp::Enum(&AGENT_STATES), 2, false, false),
            "60000 (unnamed)"
        );
        let first = SERVICE_MASK.bits[0];
        assert_eq!(
            number_text(
                first.value as u64 | 0x8000_0000,
                Interp::Mask(&SERVICE_MASK),
                4,
                false,
                false
            ),
            format!(
                "0x{:08X} = {} | 0x80000000",
                first.value | 0x8000_0000,
                first.name
            )
        );
        assert_eq!(
            number_text(0, Interp::Mask(&SERVICE_MASK), 2, false, false),
            "0x0000 (none)"
        );
        assert_eq!(
            number_text(86_400, Interp::Plain, 4, true, false),
            "86400 (1970-01-02T00:00:00Z)"
        );
        assert_eq!(number_text(0, Interp::Plain, 4, true, false), "0");
        assert_eq!(number_text(1, Interp::Plain, 2, false, true), "true");
        assert_eq!(number_text(0, Interp::Plain, 2, false, true), "false");
        assert_eq!(number_text(2, Interp::Plain, 2, false, true), "true (2)");
    }

    #[test]
    fn reserved_fields_show_only_when_off_the_guide() {
        let s = crate::Settings::new(16);
        // OPEN_CONF with its first reserved UINT (after ServicesGranted) set to 5.
        let mut body = vec![0u8; 26];
        body[11] = 5;
        let view = FrameView::from_parts(4, &body, &s);
        let t = text(&view);
        assert!(t.contains("\n  reserved: 5 (guide requires 0)\n"), "{t}");
        assert_eq!(t.matches("reserved").count(), 1, "{t}");
    }

    #[test]
    fn nested_group_instances_number_within_their_parent() {
        use crate::msg::{ConfigAgentCsq, ConfigAgentEvent, ConfigAgentRecord, CtiMessage};
        let s = crate::Settings::new(18);
        let rec = |id: &str, csqs: &[u32]| ConfigAgentRecord {
            login_id: id.into(),
            csqs: csqs.iter().map(|c| ConfigAgentCsq { csq_id: *c }).collect(),
            ..Default::default()
        };
        let m = ConfigAgentEvent {
            records: vec![rec("a1", &[1, 2]), rec("a2", &[3])],
            ..Default::default()
        };
        let b = m.to_bytes(&s).unwrap();
        let view = FrameView::new(&b, &s).unwrap();
        let t = text(&view);
        let first = "    agent CSQ 1:\n      CSQID[62]: 1\n    agent CSQ 2:\n      CSQID[62]: 2\n  agent record 2:\n";
        assert!(t.contains(first), "{t}");
        let second =
            "    LoginID[190]: \"a2\"\n    NumCSQ[191]: 1\n    agent CSQ 1:\n      CSQID[62]: 3\n";
        assert!(t.contains(second), "{t}");
        assert!(t.contains("\n  agent record 1:\n"), "{t}");
    }
}
