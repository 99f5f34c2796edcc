//! Strict validation: a request checked the way the server must check it, against the table.
//!
//! The first broken rule is reported with the field, its byte offset and the E_CTI status the
//! server answers with (see [`Problem::status`]):
//!
//! | Problem | Status |
//! |---|---|
//! | unknown type, or a server-to-client type from a client | E_CTI_INVALID_MESSAGE_TYPE (2) |
//! | unknown tag, tag not allowed here, repeated field, group member out of place | E_CTI_INVALID_FIELD (3) |
//! | required floating field missing | E_CTI_REQUIRED_DATA_MISSING (6) |
//! | reserved field with a value other than the guide's | E_CTI_INVALID_PERIPHERAL_ID (7) |
//! | field longer than its maximum, numeric field of the wrong length, body shorter than its fixed part | E_CTI_INVALID_FIELD_LENGTH (23) |
//!
//! Validation walks the frame once and allocates nothing. [`validate`] and [`validate_with`]
//! know nothing between frames; a [`Validator`], one per connection, remembers each message
//! type's last valid field sequence and checks a frame that repeats it only for what depends
//! on its bytes, with the same answers.

use crate::layout::{
    version_index, Layout, Resolved, SlotCheck, TopCountAt, MAX_GROUPS, MAX_SLOTS, NO_GROUP,
    NO_SLOT, VALUE_COUNT, VALUE_IGNORED, VALUE_RESERVED,
};
use crate::spec::{Direction, FixedRole, FloatField, FloatType, Presence, Rule};
use crate::view::{fixed_value, FloatingField, FrameView};
use crate::wire::{
    self, RawFieldRef, HEADER_LEN, NAMED_DATA_LIMIT, NAMED_NAME_MAX, NAMED_VALUE_MAX,
};
use crate::{DecodeError, Problem};

/// Validate `view` as a message sent by `from`.
pub fn validate(view: &FrameView<'_>, from: Direction) -> Result<(), DecodeError> {
    validate_with(view, from, |_| {})
}

/// Validate `view` as a message sent by `from`, handing each floating field to `each` as soon
/// as its own checks pass, resolved as [`FrameView::floating`] would resolve it: one walk
/// instead of validating and then walking.
///
/// The checks that need the whole message (required fields, group counts, cross-field rules)
/// run after the last field, so `each` may have seen fields of a frame that is then refused:
/// act on what it collected only when this returns `Ok`.
///
/// ```
/// use cti_proto::msg::{CtiMessage, HeartbeatReq};
/// use cti_proto::spec::Direction;
/// use cti_proto::{validate::validate_with, FrameView, Settings};
///
/// let s = Settings::new(16);
/// let bytes = HeartbeatReq { invoke_id: 7, ..Default::default() }.to_bytes(&s).unwrap();
/// let mut tags = Vec::new();
/// validate_with(&FrameView::new(&bytes, &s).unwrap(), Direction::ClientToServer, |f| {
///     tags.push(f.tag())
/// })
/// .unwrap();
/// assert!(tags.is_empty()); // HEARTBEAT_REQ has no floating fields
/// ```
#[inline]
pub fn validate_with<'a>(
    view: &FrameView<'a>,
    from: Direction,
    each: impl FnMut(FloatingField<'a>),
) -> Result<(), DecodeError> {
    validate_walk(view, from, each).map(|_| ())
}

/// Strict validation that remembers, per message type, the field sequences (*shapes*) of the
/// last two differently shaped frames of that type that passed, so that a frame with one of
/// those sequences is checked only for what depends on its bytes.
///
/// Everything [`validate`] checks about which fields a frame has — allowed tags, order,
/// duplicates, group instances and their members, required fields — depends only on the
/// message type, the settings and the sequence of tags. A frame whose tags match a shape
/// therefore has those checks' answer already; what is left is framing, the fixed part, each
/// field's length, reserved values, named-variable sizes, and the counts and rules that read
/// the fixed part. Anything that does not match, or fails, is validated from the start by the
/// ordinary path, which reports the exact problem: the answer is always [`validate_with`]'s
/// (the property tests check this), only quicker for the repetitive traffic a CTI link
/// carries. A field that counts a group's instances must also hold the shape's count.
///
/// One `Validator` per connection (or thread); it allocates while it learns a message type's
/// shapes and not after, and holds only the types it has seen: each keeps two shapes of at most
/// 256 fields (about 260 bytes plus 16 per field). Two, because a type often comes in two
/// forms on one link (with and without some optional field); a frame that matches neither
/// replaces the shape used least recently.
///
/// ```
/// use cti_proto::msg::{CtiMessage, HeartbeatReq};
/// use cti_proto::spec::Direction;
/// use cti_proto::validate::Validator;
/// use cti_proto::{FrameView, Settings};
///
/// let s = Settings::new(18);
/// let mut v = Validator::new();
/// for id in 1..=3 {
///     let bytes = HeartbeatReq { invoke_id: id, ..Default::default() }.to_bytes(&s).unwrap();
///     v.validate(&FrameView::new(&bytes, &s).unwrap(), Direction::ClientToServer).unwrap();
/// }
/// ```
#[derive(Debug, Default)]
pub struct Validator {
    /// Per layout index, 1 + the index in `shapes` of that type's shapes (0: none yet). Empty
    /// until the first shape is kept.
    shape_of: Vec<u16>,
    /// The shapes learnt, per type, in the order the types were first seen.
    shapes: Vec<TypeShapes>,
    /// Where the next shape is recorded while a frame is validated the ordinary way.
    scratch: Vec<Step>,
}

/// The most fields a kept shape has (a bound on the memory one message type can take).
const MAX_SHAPE_STEPS: usize = 256;

/// The shapes kept for one message type.
#[derive(Debug, Default)]
struct TypeShapes {
    ways: [Shape; 2],
    /// The way matched or learnt most recently (tried first; the other is replaced next).
    recent: u8,
}

/// The fields of a frame that passed, with the state its validation ended in.
#[derive(Debug)]
struct Shape {
    /// The settings it was learnt under (version, tag width, length width); all zero for none
    /// (no real key is: the tag width is at least 1).
    key: [u8; 3],
    steps: Vec<Step>,
    end: State,
}

impl Default for Shape {
    fn default() -> Self {
        Shape {
            key: [0; 3],
            steps: Vec::new(),
            end: State::new(0),
        }
    }
}

/// One field of a shape: its checks, tag and slot, the group instances it opened and, for a
/// field that counts a group's instances, the count (as validation keeps it).
#[derive(Debug, Clone, Copy)]
struct Step {
    check: &'static SlotCheck,
    tag: u16,
    count: u16,
    slot: u8,
    opens: u8,
}

impl Validator {
    /// A validator that knows no shapes yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// [`validate`], remembering shapes.
    pub fn validate(&mut self, view: &FrameView<'_>, from: Direction) -> Result<(), DecodeError> {
        self.validate_with(view, from, |_| {})
    }

    /// [`validate_with`], remembering shapes: the same answer, and `each` sees the same fields.
    #[inline]
    pub fn validate_with<'a>(
        &mut self,
        view: &FrameView<'a>,
        from: Direction,
        mut each: impl FnMut(FloatingField<'a>),
    ) -> Result<(), DecodeError> {
        let Some(layout) = view.layout() else {
            return validate_with(view, from, each);
        };
        let s = view.settings();
        let key = [s.version, s.tag_width() as u8, s.len_width() as u8];
        // Fields already handed to `each` by replays that then missed.
        let mut handed = 0usize;
        let known = self
            .shape_of
            .get(layout.index as usize)
            .copied()
            .unwrap_or(0);
        let ti = (known as usize).wrapping_sub(1);
        if let Some(t) = self.shapes.get(ti) {
            let recent = t.recent as usize & 1;
            // The shape matched last first; only a frame of the other shape pays for two.
            match try_shape::<false>(&t.ways[recent], key, view, from, 0, &mut each) {
                Ok(()) => return Ok(()),
                Err(n) => handed = n,
            }
            match try_shape::<true>(&t.ways[recent ^ 1], key, view, from, handed, &mut each) {
                Ok(()) => {
                    self.shapes[ti].recent ^= 1;
                    return Ok(());
                }
                Err(n) => handed = handed.max(n),
            }
        }
        self.learn(view, from, layout, key, handed, each)
    }

    /// Validate the ordinary way, handing `each` the fields after the first `handed`, and keep
    /// the frame's shape if it passes.
    #[inline(never)]
    fn learn<'a>(
        &mut self,
        view: &FrameView<'a>,
        from: Direction,
        layout: &'static Layout,
        key: [u8; 3],
        handed: usize,
        mut each: impl FnMut(FloatingField<'a>),
    ) -> Result<(), DecodeError> {
        let steps = &mut self.scratch;
        steps.clear();
        let (mut seen, mut keep) = (0usize, true);
        let end = validate_walk(view, from, |f| {
            if steps.len() < MAX_SHAPE_STEPS {
                let slot = f.resolved.slot;
                let check = &layout.checks[slot as usize & (MAX_SLOTS - 1)];
                let counts = check.counts != NO_GROUP;
                steps.push(Step {
                    check,
                    tag: f.tag(),
                    slot,
                    opens: f.resolved.opens,
                    // Kept as `check_field` keeps it (truncated to 16 bits).
                    count: if counts {
                        f.value().as_u64().unwrap_or(0) as u16
                    } else {
                        0
                    },
                });
            } else {
                keep = false;
            }
            if seen >= handed {
                each(f);
            }
            seen += 1;
        })?;
        if keep {
            let li = layout.index as usize;
            if self.shape_of.is_empty() {
                self.shape_of = vec![0; crate::layout::layouts().len()];
            }
            if self.shape_of[li] == 0 {
                self.shapes.push(TypeShapes::default());
                self.shape_of[li] = self.shapes.len() as u16;
            }
            let t = &mut self.shapes[self.shape_of[li] as usize - 1];
            // The way not used most recently (an empty one, while there is one).
            let way = (t.recent as usize & 1) ^ 1;
            t.recent = way as u8;
            let shape = &mut t.ways[way];
            std::mem::swap(&mut shape.steps, steps);
            shape.key = key;
            shape.end = end;
        }
        Ok(())
    }
}

/// [`replay`] at the widths of `key`, if `shape` was learnt under `key` (else `Err(0)`).
#[inline(always)]
fn try_shape<'a, const SKIP: bool>(
    shape: &Shape,
    key: [u8; 3],
    view: &FrameView<'a>,
    from: Direction,
    handed: usize,
    each: &mut impl FnMut(FloatingField<'a>),
) -> Result<(), usize> {
    if shape.key != key {
        return Err(0);
    }
    match (key[1], key[2]) {
        (1, _) => replay::<1, 1, SKIP>(view, from, shape, handed, each),
        (_, 1) => replay::<2, 1, SKIP>(view, from, shape, handed, each),
        _ => replay::<2, 2, SKIP>(view, from, shape, handed, each),
    }
}

/// Check a frame against a learnt `shape` (tag width `TW`, length width `LW`), handing `each`
/// the fields after the first `handed` (which an earlier replay handed over; only when `SKIP`,
/// else none were): `Ok` when it passes, else `Err` with the index of the field where the
/// replay stopped (anything unexpected stops it, to be validated the ordinary way); the fields
/// before that one passed.
#[inline(always)]
fn replay<'a, const TW: usize, const LW: usize, const SKIP: bool>(
    view: &FrameView<'a>,
    from: Direction,
    shape: &Shape,
    handed: usize,
    each: &mut impl FnMut(FloatingField<'a>),
) -> Result<(), usize> {
    let Ok((layout, pos)) = check_head(view, from) else {
        return Err(0);
    };
    let body = view.body();
    let (buf, base) = (&body[pos..], HEADER_LEN + pos);
    let mut rest = buf;
    let mut named_bytes = 0usize;
    let mut steps = shape.steps.iter();
    // The index of the current field, given how many steps are left after it.
    let stopped = |left: usize| shape.steps.len() - left - 1;
    while let Some(step) = steps.next() {
        let Some((tag, len)) = field_header::<TW, LW>(rest) else {
            return Err(stopped(steps.len()));
        };
        let Some((data, tail)) = rest[TW + LW..].split_at_checked(len) else {
            return Err(stopped(steps.len()));
        };
        let c = step.check;
        if tag != step.tag || (len as u16).wrapping_sub(c.min_len) > c.len_span {
            return Err(stopped(steps.len()));
        }
        if c.looks_at_data {
            if c.named {
                match named_fits(c.field, data, named_bytes) {
                    Some(total) => named_bytes = total,
                    None => return Err(stopped(steps.len())),
                }
            }
            if c.needs_value && !replay_value_ok(c, step.count, data) {
                return Err(stopped(steps.len()));
            }
        }
        // A field before `handed` went to `each` in an earlier replay: the same field, since
        // both shapes agree up to here.
        if !SKIP || stopped(steps.len()) >= handed {
            let off = base + (buf.len() - rest.len());
            each(checked_field(
                c.field, tag, data, off, step.slot, step.opens,
            ));
        }
        rest = tail;
    }
    let n = shape.steps.len();
    if !rest.is_empty() {
        return Err(n);
    }
    // The group and required checks gave the shape's answer; the counts in the fixed part and
    // the rules that read it are this frame's own.
    let end = HEADER_LEN + body.len();
    if !layout.groups.is_empty() && check_top_counts(layout, &shape.end, body, end).is_err() {
        return Err(n);
    }
    if !layout.spec.rules.is_empty() && check_rules(layout, &shape.end, body, end).is_err() {
        return Err(n);
    }
    Ok(())
}

/// The value checks of a replayed field that `needs_value`: a reserved value must be the
/// guide's, and a count the shape's (another count would change what the group checks see).
#[inline(always)]
fn replay_value_ok(c: &SlotCheck, count: u16, data: &[u8]) -> bool {
    if c.value_use != VALUE_IGNORED {
        // A USHORT/UINT group member (its length already checked).
        let Some(v) = short_uint(data) else {
            return false;
        };
        return if c.value_use == VALUE_RESERVED {
            v == c.reserved
        } else {
            v as u16 == count
        };
    }
    let num = crate::view::float_value(c.field, data).as_u64();
    reserved_breach(c.field, num).is_none()
        && (c.counts == NO_GROUP || num.map(|v| v as u16) == Some(count))
}

/// The value of a USHORT or UINT field's data (`None` for any other length).
#[inline(always)]
fn short_uint(data: &[u8]) -> Option<u64> {
    match *data {
        [a, b] => Some(u16::from_be_bytes([a, b]) as u64),
        [a, b, c, d] => Some(u32::from_be_bytes([a, b, c, d]) as u64),
        _ => None,
    }
}

/// The checks made before any floating field: the type, its direction and version, the fixed
/// part. Returns the layout and the fixed part's length.
#[inline(always)]
fn check_head(
    view: &FrameView<'_>,
    from: Direction,
) -> Result<(&'static Layout, usize), DecodeError> {
    let Some(layout) = view.layout() else {
        return Err(DecodeError::new(
            Problem::UnknownType,
            "MessageTypeID",
            None,
            4,
        ));
    };
    let spec = layout.spec;
    if spec.direction != from {
        return Err(DecodeError::new(
            Problem::WrongDirection,
            spec.name,
            None,
            4,
        ));
    }
    let version = view.settings().version;
    if version < spec.since {
        return Err(DecodeError::new(
            Problem::NotInVersion { since: spec.since },
            spec.name,
            None,
            4,
        ));
    }
    let pos = check_fixed(layout, view.body(), version)?;
    Ok((layout, pos))
}

/// [`validate_with`], returning what the walk ended with (for [`Validator`] to keep).
#[inline(always)]
fn validate_walk<'a>(
    view: &FrameView<'a>,
    from: Direction,
    mut each: impl FnMut(FloatingField<'a>),
) -> Result<State, DecodeError> {
    let (layout, pos) = check_head(view, from)?;
    let spec = layout.spec;
    let body = view.body();
    let mut st = State::new(view.settings().version);
    let (floating, base) = (&body[pos..], HEADER_LEN + pos);
    let s = view.settings();
    // One copy of the field loop per header width, so the widths are constants in it.
    match (s.tag_width(), s.len_width()) {
        (1, _) => check_floating::<1, 1>(layout, &mut st, floating, base, &mut each)?,
        (_, 1) => check_floating::<2, 1>(layout, &mut st, floating, base, &mut each)?,
        _ => check_floating::<2, 2>(layout, &mut st, floating, base, &mut each)?,
    }
    let end = HEADER_LEN + body.len();
    st.close_depth(layout, 1, end)?;
    st.close_depth(layout, 0, end)?;
    st.check_required(layout, NO_GROUP, st.top.bits(), end)?;
    if !layout.groups.is_empty() {
        check_top_counts(layout, &st, body, end)?;
    }
    if !spec.rules.is_empty() {
        check_rules(layout, &st, body, end)?;
    }
    Ok(st)
}

/// Walk the floating fields (tag width `TW`, length width `LW`), checking each against the
/// table and tracking group instances. Resolves group membership the way
/// [`crate::layout::Walker`] does, inline, from the packed per-slot checks.
#[inline]
fn check_floating<'a, const TW: usize, const LW: usize>(
    layout: &'static Layout,
    st: &mut State,
    buf: &'a [u8],
    base: usize,
    each: &mut impl FnMut(FloatingField<'a>),
) -> Result<(), DecodeError> {
    let version = st.version;
    if let Some(first) = layout.first_tag {
        check_first::<TW, LW>(layout, first, buf, base)?;
    }
    let checks = &*layout.checks;
    let mut rest = buf;
    while !rest.is_empty() {
        let field = rest;
        // The field's offset in the frame, computed where it is used so that a consumer that
        // ignores it does not pay for it.
        let off = || base + (buf.len() - field.len());
        let Some((tag, len)) = field_header::<TW, LW>(rest) else {
            return Err(framing(Problem::FieldHeaderTruncated, off()));
        };
        let Some((data, tail)) = rest[TW + LW..].split_at_checked(len) else {
            let left = rest.len() - (TW + LW);
            return Err(framing(Problem::FieldOverrun { len, left }, off()));
        };
        rest = tail;
        let slot = layout.slot_of(tag);
        // NO_SLOT masked to 7 bits is a sentinel record (not plain, `since` above every version).
        let c = &checks[slot as usize & (MAX_SLOTS - 1)];
        let opens = if c.plain {
            // The common case, a plain top-level field in slot 0–63: the same checks as
            // `check_field`, in the same order, without the group and value machinery.
            if version < c.since {
                return Err(field_error(c.field, Problem::TagNotAllowed, off()));
            }
            if (len as u16).wrapping_sub(c.min_len) > c.len_span {
                return Err(field_error(c.field, length_problem(c.field, len), off()));
            }
            if st.open != [NO_GROUP; 2] {
                st.close_depth(layout, 1, off())?;
                st.close_depth(layout, 0, off())?;
            }
            let bit = 1u64 << (slot & 63);
            if st.top.0[0] & bit != 0 {
                return Err(field_error(c.field, Problem::Duplicate, off()));
            }
            st.top.0[0] |= bit;
            0
        } else if c.simple_member {
            let fast = if c.flat_member {
                member_fast::<true>(layout, st, c, slot, data)
            } else {
                member_fast_nested(layout, st, c, slot, data)
            };
            match fast {
                Some(opens) => opens,
                None => check_field(layout, st, c, slot, data, off())?,
            }
        } else {
            if slot == NO_SLOT {
                return Err(not_allowed(tag, off()));
            }
            check_field(layout, st, c, slot, data, off())?
        };
        // One call site, so the caller's closure is inlined once.
        each(checked_field(c.field, tag, data, off(), slot, opens));
    }
    Ok(())
}

/// The checks of [`check_field`] for a `simple_member` field, when everything is as it should
/// be: returns which instances it opens, or `None`, having changed nothing, for anything
/// else (a problem to report, an instance opened without its first field), which
/// `check_field` then handles.
///
/// `FLAT` is for a `flat_member` (a top-level group with no groups inside, no count to keep):
/// the nested-group and count handling drop out at compile time, so that instance stays small
/// enough to inline into the field loop.
#[inline(always)]
fn member_fast<const FLAT: bool>(
    layout: &Layout,
    st: &mut State,
    c: &SlotCheck,
    slot: u8,
    data: &[u8],
) -> Option<u8> {
    if st.version < c.since || (data.len() as u16).wrapping_sub(c.min_len) > c.len_span {
        return None;
    }
    let mut named_bytes = st.named_bytes;
    if c.named {
        named_bytes = named_fits(c.field, data, named_bytes)?;
    }
    let mut value = 0u64;
    if c.value_use != VALUE_IGNORED {
        value = short_uint(data)?;
        if c.value_use == VALUE_RESERVED && value != c.reserved {
            return None;
        }
    }
    let g = c.group;
    let gi = g as usize & (MAX_GROUPS - 1);
    let opens = if FLAT || c.depth == 0 {
        // An open nested instance ends here either way (none can be open under a flat group
        // unless the frame is irregular).
        if st.open[1] != NO_GROUP && (FLAT || st.missing(layout, st.open[1], st.inst[1])) {
            return None;
        }
        if c.is_start {
            // Ends the open outer instance, if any, and opens a new one of `g`.
            let prev = st.open[0];
            if prev != NO_GROUP
                && (st.missing(layout, prev, st.inst[0])
                    || (layout.nested_counted[prev as usize] != 0
                        && (FLAT || !st.nested_counts_hold(layout, prev, st.inst[0]))))
            {
                return None;
            }
            let n = st.instances[gi].saturating_add(1);
            if n > c.group_max {
                return None;
            }
            st.instances[gi] = n;
            if !FLAT {
                let mut nested = layout.nested[gi];
                while nested != 0 {
                    st.instances[nested.trailing_zeros() as usize & (MAX_GROUPS - 1)] = 0;
                    nested &= nested - 1;
                }
            }
            st.open = [g, NO_GROUP];
            st.inst[0] = SlotSet::default();
            1
        } else {
            if st.open[0] != g || st.inst[0].contains(slot) {
                return None;
            }
            if !FLAT {
                st.open[1] = NO_GROUP;
            }
            0
        }
    } else {
        let parent = c.parent;
        if st.open[0] != parent {
            return None;
        }
        if c.is_start {
            if st.open[1] != NO_GROUP && st.missing(layout, st.open[1], st.inst[1]) {
                return None;
            }
            let n = st.instances[gi].saturating_add(1);
            if n > c.group_max {
                return None;
            }
            st.instances[gi] = n;
            st.open[1] = g;
            st.inst[1] = SlotSet::default();
            2
        } else {
            if st.open[1] != g || st.inst[1].contains(slot) {
                return None;
            }
            0
        }
    };
    st.inst[if FLAT { 0 } else { c.depth as usize & 1 }].insert(slot);
    st.named_bytes = named_bytes;
    if !FLAT && c.value_use == VALUE_COUNT {
        st.float_counts[c.counts as usize & (MAX_GROUPS - 1)] = value as u16;
    }
    Some(opens)
}

/// [`member_fast`] for members of nested groups and of groups with groups inside them (rarer,
/// and kept out of the field loop).
#[inline(never)]
fn member_fast_nested(
    layout: &Layout,
    st: &mut State,
    c: &SlotCheck,
    slot: u8,
    data: &[u8],
) -> Option<u8> {
    member_fast::<false>(layout, st, c, slot, data)
}

/// The named-data checks of `check_named` when they pass: the message's named bytes so far
/// with this field's added; `None` for any problem (left to `check_named` to name).
// Out of line, so its search loop does not crowd the field loop's registers.
#[inline(never)]
fn named_fits(f: &FloatField, data: &[u8], named_bytes: usize) -> Option<usize> {
    let named = if f.ty == FloatType::NamedArray {
        data.get(1..)?
    } else {
        data
    };
    let name_len = wire::first_nul(named)?;
    let rest = named.len() - name_len - 1;
    // The value ends at its NUL or at the end of the data: only a long field needs the search.
    if name_len + 1 > NAMED_NAME_MAX
        || (rest + 1 > NAMED_VALUE_MAX
            && wire::string_bytes(&named[name_len + 1..]).len() + 1 > NAMED_VALUE_MAX)
    {
        return None;
    }
    let total = named_bytes + data.len();
    (total <= NAMED_DATA_LIMIT).then_some(total)
}

/// The checks of a field that is grouped, named or has a value to look at; returns which
/// group instances it opens (as [`Resolved::opens`]).
// Not inlined: the fast paths take most fields, and a smaller loop keeps its values in
// registers.
#[inline(never)]
fn check_field(
    layout: &Layout,
    st: &mut State,
    c: &SlotCheck,
    slot: u8,
    data: &[u8],
    off: usize,
) -> Result<u8, DecodeError> {
    let f = c.field;
    let len = data.len();
    // Which group instance the field belongs to (as `Walker::next` resolves it).
    let (opens, implicit) = if c.group == NO_GROUP {
        (0, false)
    } else {
        // Resolved from the open instances as the walker resolves it (on every path that
        // accepts a field the walker's open groups and `st.open` agree, so `st.open` is the
        // walker's state); the instances themselves change below.
        let mut walker_open = st.open;
        crate::layout::enter_group(&mut walker_open, c.group, c.depth, c.parent, c.is_start)
    };
    if st.version < c.since {
        return Err(field_error(f, Problem::TagNotAllowed, off));
    }
    if implicit {
        return Err(field_error(f, Problem::OutsideGroup, off));
    }
    if (len as u16).wrapping_sub(c.min_len) > c.len_span {
        return Err(field_error(f, length_problem(f, len), off));
    }
    if c.named {
        check_named(f, data, &mut st.named_bytes).map_err(|p| field_error(f, p, off))?;
    }
    // Reserved values and counts are the only places the value itself matters.
    let mut num = None;
    if c.needs_value {
        num = crate::view::float_value(f, data).as_u64();
        if let Some(p) = reserved_breach(f, num) {
            return Err(field_error(f, p, off));
        }
    }
    // Group bookkeeping.
    // Close what this field ends: a new outer instance or a top-level field ends both
    // levels; a new nested instance or a member of the outer instance ends the nested one.
    let ends_outer = opens & 1 != 0 || c.group == NO_GROUP;
    let continues_nested = opens == 0 && c.depth == 1;
    if !continues_nested {
        st.close_depth(layout, 1, off)?;
    }
    if ends_outer {
        st.close_depth(layout, 0, off)?;
    }
    if opens & 1 != 0 {
        let g = if c.depth == 0 { c.group } else { c.parent };
        st.open(layout, 0, g, off)?;
    }
    if opens & 2 != 0 {
        st.open(layout, 1, c.group, off)?;
    }
    let scope = match c.depth {
        0 => &mut st.inst[0],
        1 => &mut st.inst[1],
        _ => &mut st.top,
    };
    if !scope.insert(slot) {
        return Err(field_error(f, Problem::Duplicate, off));
    }
    if let (Some(v), true) = (num, c.counts != NO_GROUP) {
        st.float_counts[c.counts as usize & (MAX_GROUPS - 1)] = v as u16;
    }
    Ok(opens)
}

/// The problem with a reserved floating field whose value (`num`, when numeric) is not the
/// guide's; `None` for any other field.
#[inline]
fn reserved_breach(f: &FloatField, num: Option<u64>) -> Option<Problem> {
    if let Presence::Reserved(expected) | Presence::ReservedOptional(expected) = f.presence {
        if let (Some(found), true) = (num, f.ty != FloatType::String) {
            if found != expected {
                return Some(Problem::ReservedValue { expected, found });
            }
        }
    }
    None
}

/// A field that passed its checks, as the view's iterator would give it (never implicit: an
/// implicitly opened group is refused).
#[inline(always)]
fn checked_field<'a>(
    field: &'static FloatField,
    tag: u16,
    data: &'a [u8],
    offset: usize,
    slot: u8,
    opens: u8,
) -> FloatingField<'a> {
    FloatingField {
        resolved: Resolved {
            raw: RawFieldRef { tag, data, offset },
            slot,
            opens,
            implicit: false,
        },
        spec: Some(field),
    }
}

#[cold]
fn framing(p: Problem, off: usize) -> DecodeError {
    DecodeError::new(p, "floating field", None, off)
}

#[cold]
fn field_error(f: &FloatField, p: Problem, off: usize) -> DecodeError {
    DecodeError::new(p, f.name, Some(f.tag), off)
}

/// The problem with a data length outside what the field's type allows.
fn length_problem(f: &FloatField, len: usize) -> Problem {
    match f.ty {
        FloatType::String | FloatType::Unspec | FloatType::NamedVar | FloatType::NamedArray => {
            Problem::TooLong {
                len,
                max: f.max as usize,
            }
        }
        FloatType::Bool => Problem::WrongLength { len, expected: 2 },
        t => Problem::WrongLength {
            len,
            expected: t.exact_len().unwrap_or(len),
        },
    }
}

/// Check the fixed part's length and reserved values; return its length.
#[inline]
fn check_fixed(layout: &Layout, body: &[u8], version: u8) -> Result<usize, DecodeError> {
    let len = layout.fixed_len(version);
    if body.len() < len {
        return check_fixed_in_order(layout, body, version);
    }
    let vi = version_index(version);
    for w in &layout.reserved_words[vi] {
        let at = w.offset as usize;
        let Some(&[a, b, c, d, e, f, g, h]) = body.get(at..at + 8) else {
            // A body under 8 bytes: no word fits, so field by field.
            return check_fixed_fields(layout, body, version, len);
        };
        if u64::from_be_bytes([a, b, c, d, e, f, g, h]) & w.mask != w.expected {
            return check_fixed_in_order(layout, body, version);
        }
    }
    Ok(len)
}

/// The reserved values of a complete fixed part, one field at a time.
#[cold]
fn check_fixed_fields(
    layout: &Layout,
    body: &[u8],
    version: u8,
    len: usize,
) -> Result<usize, DecodeError> {
    let vi = version_index(version);
    for r in &layout.reserved_fixed[vi] {
        let at = r.offset as usize;
        let found = body[at..at + r.size as usize]
            .iter()
            .fold(0u64, |v, b| v << 8 | *b as u64);
        if found != r.expected {
            return check_fixed_in_order(layout, body, version);
        }
    }
    Ok(len)
}

/// Check the fixed part's length and reserved values field by field, reporting the first
/// problem in wire order; return its length.
#[cold]
fn check_fixed_in_order(layout: &Layout, body: &[u8], version: u8) -> Result<usize, DecodeError> {
    let mut pos = 0usize;
    for f in layout.spec.fixed {
        if !f.present_in(version) {
            continue;
        }
        let n = f.ty.size();
        let Some(b) = body.get(pos..pos + n) else {
            return Err(DecodeError::new(
                Problem::FixedTruncated,
                f.name,
                None,
                HEADER_LEN + pos,
            ));
        };
        if let FixedRole::Reserved(expected) = f.role {
            let found = mask_to_width(fixed_value(f.ty, b).as_u64().unwrap_or(0), n);
            if found != mask_to_width(expected, n) {
                return Err(DecodeError::new(
                    Problem::ReservedValue { expected, found },
                    f.name,
                    None,
                    HEADER_LEN + pos,
                ));
            }
        }
        pos += n;
    }
    Ok(pos)
}

/// The value of fixed field `index` (0 when absent at `version`).
fn fixed_field_value(layout: &Layout, body: &[u8], version: u8, index: usize) -> u64 {
    let f = &layout.spec.fixed[index];
    if !f.present_in(version) {
        return 0;
    }
    let at = layout.fixed_offset(index, version);
    body.get(at..at + f.ty.size())
        .and_then(|b| fixed_value(f.ty, b).as_u64())
        .unwrap_or(0)
}

/// The tag and data length at the start of `buf` (tag width `TW`, length width `LW`), or
/// `None` when `buf` is shorter than a field header.
#[inline(always)]
fn field_header<const TW: usize, const LW: usize>(buf: &[u8]) -> Option<(u16, usize)> {
    if buf.len() < TW + LW {
        return None;
    }
    let tag = if TW == 1 {
        buf[0] as u16
    } else {
        u16::from_be_bytes([buf[0], buf[1]])
    };
    let len = if LW == 1 {
        buf[TW] as usize
    } else {
        u16::from_be_bytes([buf[TW], buf[TW + 1]]) as usize
    };
    Some((tag, len))
}

/// `Rule::First`: the first floating field must be `first` (looked at only when the first
/// field is whole; the field loop reports framing errors).
#[cold]
fn check_first<const TW: usize, const LW: usize>(
    layout: &Layout,
    first: u16,
    buf: &[u8],
    base: usize,
) -> Result<(), DecodeError> {
    let Some((tag, len)) = field_header::<TW, LW>(buf) else {
        return Ok(());
    };
    if buf.len() >= TW + LW + len && tag != first {
        let name = layout_name(layout, first);
        return Err(DecodeError::new(Problem::NotFirst, name, Some(first), base));
    }
    Ok(())
}

#[cold]
fn not_allowed(tag: u16, off: usize) -> DecodeError {
    let problem = if crate::layout::known_tag(tag) {
        Problem::TagNotAllowed
    } else {
        Problem::UnknownTag
    };
    DecodeError::new(problem, "floating field", Some(tag), off)
}

fn check_named(f: &FloatField, data: &[u8], named_bytes: &mut usize) -> Result<(), Problem> {
    if let Some(total) = named_fits(f, data, *named_bytes) {
        *named_bytes = total;
        return Ok(());
    }
    let len = data.len();
    if len > f.max as usize {
        return Err(Problem::TooLong {
            len,
            max: f.max as usize,
        });
    }
    let named = if f.ty == FloatType::NamedArray {
        data.get(1..).unwrap_or(&[])
    } else {
        data
    };
    let Some((name, value)) = wire::split_named(named) else {
        return Err(Problem::BadNamedData);
    };
    if name.len() + 1 > NAMED_NAME_MAX {
        return Err(Problem::TooLong {
            len: name.len() + 1,
            max: NAMED_NAME_MAX,
        });
    }
    if value.len() + 1 > NAMED_VALUE_MAX {
        return Err(Problem::TooLong {
            len: value.len() + 1,
            max: NAMED_VALUE_MAX,
        });
    }
    *named_bytes += len;
    if *named_bytes > NAMED_DATA_LIMIT {
        return Err(Problem::NamedDataTooLarge { len: *named_bytes });
    }
    Ok(())
}

/// Instance counts of the top-level groups against their count fields.
#[inline(always)]
fn check_top_counts(
    layout: &Layout,
    st: &State,
    body: &[u8],
    end: usize,
) -> Result<(), DecodeError> {
    let vi = version_index(st.version);
    for t in &layout.top_counts[vi] {
        let gi = t.group as usize & (MAX_GROUPS - 1);
        let declared = match t.count {
            TopCountAt::Fixed(at) => {
                // Counts are USHORTs, inside the fixed part already checked to be complete.
                let at = at as usize;
                match body.get(at..at + 2) {
                    Some(&[a, b]) => u16::from_be_bytes([a, b]),
                    _ => 0,
                }
            }
            TopCountAt::Absent => 0,
            TopCountAt::Floating(slot) => {
                if !st.top.contains(slot) {
                    continue;
                }
                st.float_counts[gi]
            }
        };
        let found = st.instances[gi];
        if found > t.max || declared != found {
            let g = layout.groups[gi].group;
            check_count(g.name, g.max, declared as usize, found as usize, end)?;
        }
    }
    Ok(())
}

fn check_rules(layout: &Layout, st: &State, body: &[u8], end: usize) -> Result<(), DecodeError> {
    let spec = layout.spec;
    for rule in spec.rules {
        match *rule {
            Rule::AtLeastOne(tags) => {
                if !tags.iter().any(|t| {
                    let s = layout.slot_of(*t);
                    s != NO_SLOT && st.top.contains(s)
                }) {
                    let name = tags
                        .first()
                        .map(|t| layout_name(layout, *t))
                        .unwrap_or("field");
                    return Err(DecodeError::new(
                        Problem::Missing,
                        name,
                        tags.first().copied(),
                        end,
                    ));
                }
            }
            Rule::RequiredWhen { tag, field, value } => {
                let idx = spec.fixed.iter().position(|f| f.name == field);
                let holds = idx
                    .map(|i| fixed_field_value(layout, body, st.version, i) == value)
                    .unwrap_or(false);
                let s = layout.slot_of(tag);
                if holds && s != NO_SLOT && !st.top.contains(s) {
                    return Err(DecodeError::new(
                        Problem::Missing,
                        layout_name(layout, tag),
                        Some(tag),
                        end,
                    ));
                }
            }
            Rule::First(_) => {}
        }
    }
    Ok(())
}

fn layout_name(layout: &Layout, tag: u16) -> &'static str {
    let s = layout.slot_of(tag);
    if s == NO_SLOT {
        "field"
    } else {
        layout.slots[s as usize].field.name
    }
}

fn mask_to_width(v: u64, bytes: usize) -> u64 {
    if bytes >= 8 {
        v
    } else {
        v & ((1u64 << (bytes * 8)) - 1)
    }
}

fn check_count(
    name: &'static str,
    max: u16,
    declared: usize,
    found: usize,
    off: usize,
) -> Result<(), DecodeError> {
    if found > max as usize {
        return Err(DecodeError::new(
            Problem::TooMany { found, max },
            name,
            None,
            off,
        ));
    }
    if declared != found {
        return Err(DecodeError::new(
            Problem::CountMismatch { declared, found },
            name,
            None,
            off,
        ));
    }
    Ok(())
}

/// What validation tracks while it walks: the fields seen per scope, the open group instances
/// and instance counts. Small and fixed-size, so validation never allocates.
/// A set of slot indices (below 128) as two words: testing and adding a slot costs a word
/// pick and a 64-bit shift, where a `u128` mask needed 128-bit shifts per field.
#[derive(Clone, Copy, Default, Debug)]
struct SlotSet([u64; 2]);

impl SlotSet {
    /// Add `slot`; false if it was already there.
    #[inline(always)]
    fn insert(&mut self, slot: u8) -> bool {
        let word = &mut self.0[(slot >> 6) as usize & 1];
        let bit = 1u64 << (slot & 63);
        let fresh = *word & bit == 0;
        *word |= bit;
        fresh
    }

    #[inline(always)]
    fn contains(&self, slot: u8) -> bool {
        self.0[(slot >> 6) as usize & 1] & (1u64 << (slot & 63)) != 0
    }

    /// The same set as a `u128` mask (bit `i` = slot `i`), to compare with required masks.
    #[inline(always)]
    fn bits(&self) -> u128 {
        (self.0[1] as u128) << 64 | self.0[0] as u128
    }
}

#[derive(Debug)]
struct State {
    version: u8,
    /// Top-level slots seen.
    top: SlotSet,
    /// Slots seen in the open instance at each depth.
    inst: [SlotSet; 2],
    /// The group open at each depth, or `NO_GROUP`.
    open: [u8; 2],
    /// Instances per group (nested groups: within the current parent instance).
    instances: [u16; MAX_GROUPS],
    /// Count declared by a floating count field, per counted group.
    float_counts: [u16; MAX_GROUPS],
    named_bytes: usize,
}

impl State {
    #[inline]
    fn new(version: u8) -> Self {
        State {
            version,
            top: SlotSet::default(),
            inst: [SlotSet::default(); 2],
            open: [NO_GROUP; 2],
            instances: [0; MAX_GROUPS],
            float_counts: [0; MAX_GROUPS],
            named_bytes: 0,
        }
    }

    #[inline]
    fn open(
        &mut self,
        layout: &Layout,
        depth: usize,
        g: u8,
        off: usize,
    ) -> Result<(), DecodeError> {
        self.open[depth] = g;
        self.inst[depth] = SlotSet::default();
        let gi = g as usize;
        self.instances[gi] = self.instances[gi].saturating_add(1);
        if depth == 0 {
            // A new outer instance restarts the counts of its nested groups.
            let mut nested = layout.nested[gi];
            while nested != 0 {
                self.instances[nested.trailing_zeros() as usize & (MAX_GROUPS - 1)] = 0;
                nested &= nested - 1;
            }
        }
        let grp = layout.groups[gi].group;
        if self.instances[gi] as usize > grp.max as usize {
            return Err(DecodeError::new(
                Problem::TooMany {
                    found: self.instances[gi] as usize,
                    max: grp.max,
                },
                grp.name,
                None,
                off,
            ));
        }
        Ok(())
    }

    /// Close the instance open at `depth`, if any: its required fields and, for an outer
    /// instance, the counts of its nested groups.
    #[inline(always)]
    fn close_depth(
        &mut self,
        layout: &Layout,
        depth: usize,
        off: usize,
    ) -> Result<(), DecodeError> {
        let g = self.open[depth];
        if g == NO_GROUP {
            return Ok(());
        }
        self.open[depth] = NO_GROUP;
        let seen = self.inst[depth];
        self.check_required(layout, g, seen.bits(), off)?;
        if depth == 0 && layout.nested_counted[g as usize] != 0 {
            self.check_nested_counts(layout, g, seen, off)?;
        }
        Ok(())
    }

    /// The counts of the groups nested in the closing instance of `g` that a floating field
    /// of that instance (`seen`) declares.
    #[cold]
    fn check_nested_counts(
        &self,
        layout: &Layout,
        g: u8,
        seen: SlotSet,
        off: usize,
    ) -> Result<(), DecodeError> {
        let mut counted = layout.nested_counted[g as usize];
        while counted != 0 {
            let ni = counted.trailing_zeros() as usize;
            counted &= counted - 1;
            let n = &layout.groups[ni];
            if self.version < n.group.since || !seen.contains(n.count_slot) {
                continue;
            }
            let declared = self.float_counts[ni] as usize;
            check_count(
                n.group.name,
                n.group.max,
                declared,
                self.instances[ni] as usize,
                off,
            )?;
        }
        Ok(())
    }

    /// True when a required field of an instance of `group` is not in `seen`.
    #[inline(always)]
    fn missing(&self, layout: &Layout, group: u8, seen: SlotSet) -> bool {
        layout.required_mask(group, self.version) & !seen.bits() != 0
    }

    /// True when the nested groups counted by a floating field of the instance of `g` that
    /// holds `seen` have as many instances as declared.
    #[cold]
    fn nested_counts_hold(&self, layout: &Layout, g: u8, seen: SlotSet) -> bool {
        self.check_nested_counts(layout, g, seen, 0).is_ok()
    }

    /// The first required field of `group`'s scope (or the top level) missing from `seen`.
    #[inline]
    fn check_required(
        &self,
        layout: &Layout,
        group: u8,
        seen: u128,
        off: usize,
    ) -> Result<(), DecodeError> {
        let missing = layout.required_mask(group, self.version) & !seen;
        if missing == 0 {
            return Ok(());
        }
        let s = &layout.slots[missing.trailing_zeros() as usize];
        Err(DecodeError::new(
            Problem::Missing,
            s.field.name,
            Some(s.field.tag),
            off,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::msg::{CtiMessage, HeartbeatReq, QueryAgentStateReq};
    use crate::Settings;

    fn query(s: &Settings, agent_id: bool, extension: bool, instrument: bool) -> Vec<u8> {
        let text = |on: bool| on.then(|| "4001".into());
        QueryAgentStateReq {
            agent_id: agent_id.then(|| "agent01".into()),
            agent_extension: text(extension),
            agent_instrument: text(instrument),
            ..Default::default()
        }
        .to_bytes(s)
        .unwrap()
        .to_vec()
    }

    /// The field counts of `v`'s shapes for `type_index`-th type seen, most recent first.
    fn shapes_of(v: &Validator, t: usize) -> [Option<usize>; 2] {
        let t = &v.shapes[t];
        let r = t.recent as usize;
        [r, r ^ 1].map(|w| (t.ways[w].key != [0; 3]).then(|| t.ways[w].steps.len()))
    }

    /// A validator holds shapes only for the types it has seen valid frames of, two each, and
    /// replaces the one used least recently.
    #[test]
    fn a_validator_keeps_two_shapes_per_type_seen() {
        let s = Settings::new(18);
        let mut v = Validator::new();
        assert!(v.shape_of.is_empty() && v.shapes.is_empty());
        for id in 0..3 {
            let hb = HeartbeatReq {
                invoke_id: id,
                ..Default::default()
            };
            let bytes = hb.to_bytes(&s).unwrap();
            let view = FrameView::new(&bytes, &s).unwrap();
            v.validate(&view, Direction::ClientToServer).unwrap();
        }
        assert_eq!(v.shapes.len(), 1);
        assert_eq!(shapes_of(&v, 0), [Some(0), None]);
        assert_eq!(v.shape_of.len(), crate::layout::layouts().len());
        // A refused frame teaches nothing (QUERY_AGENT_STATE_REQ needs one of the three).
        let check = |v: &mut Validator, frame: &[u8]| {
            let view = FrameView::new(frame, &s).unwrap();
            v.validate(&view, Direction::ClientToServer)
        };
        assert!(check(&mut v, &query(&s, false, false, false)).is_err());
        assert_eq!(v.shapes.len(), 1);
        let one = query(&s, true, false, false);
        let two = query(&s, true, true, false);
        let three = query(&s, true, true, true);
        check(&mut v, &one).unwrap();
        assert_eq!(shapes_of(&v, 1), [Some(1), None]);
        check(&mut v, &two).unwrap();
        assert_eq!(shapes_of(&v, 1), [Some(2), Some(1)]);
        // Matching the older shape makes it the recent one.
        check(&mut v, &one).unwrap();
        assert_eq!(shapes_of(&v, 1), [Some(1), Some(2)]);
        // A third shape replaces the one used least recently.
        check(&mut v, &three).unwrap();
        assert_eq!(shapes_of(&v, 1), [Some(3), Some(1)]);
        assert_eq!(v.shapes.len(), 2);
    }
}
