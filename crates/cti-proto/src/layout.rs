//! Per-message lookup structures derived once from the table, and the floating-field walker
//! that resolves each tag to its place in the message (top level or which repeated group)
//! without allocating.
//!
//! The walker serves the borrowed view (lenient: unknown tags pass through, a group member
//! seen before its group's first field opens the group). Its group-tracking rule,
//! `enter_group`, is shared with strict validation and with the typed decoders, which
//! dispatch on tags they know at compile time instead of walking the layout.

use std::sync::OnceLock;

use crate::spec::FloatField;
use crate::spec::{FixedRole, FloatItem, FloatType, Group, GroupCount, MessageSpec, Presence};
use crate::wire::{RawFieldRef, RawFields, Settings};
use crate::DecodeError;

/// No slot: the tag is not part of this message.
pub const NO_SLOT: u8 = u8::MAX;
/// No group: the field is at the top level.
pub const NO_GROUP: u8 = u8::MAX;
/// Most floating fields (slots) one message may define.
pub const MAX_SLOTS: usize = 128;
/// Most repeated groups one message may define.
pub const MAX_GROUPS: usize = 8;
/// Tags of the table are below this (the highest is in the 300s); the per-message tag lookup
/// is a table of this size.
const TAG_TABLE: usize = 512;

/// One floating field of a message, flattened out of its groups.
#[derive(Debug)]
pub struct Slot {
    /// The field.
    pub field: &'static FloatField,
    /// Index of the group it belongs to, or [`NO_GROUP`].
    pub group: u8,
    /// True for the field that starts a new instance of its group.
    pub is_start: bool,
}

/// What strict validation needs of one slot, packed so the per-field loop reads one small
/// record instead of following the table's references.
#[derive(Clone, Copy, Debug)]
pub(crate) struct SlotCheck {
    /// The field's definition (handed on with each checked field).
    pub field: &'static FloatField,
    /// Shortest data length accepted without further thought.
    pub min_len: u16,
    /// Longest accepted data length minus `min_len`, so one wrapping subtraction and one
    /// comparison test both ends.
    pub len_span: u16,
    /// Version that introduced the field.
    pub since: u8,
    /// Group of the field, or [`NO_GROUP`].
    pub group: u8,
    /// Depth of that group (0 or 1), or `u8::MAX` at the top level.
    pub depth: u8,
    /// The enclosing group of a nested group, else [`NO_GROUP`].
    pub parent: u8,
    /// Opens a new instance of its group.
    pub is_start: bool,
    /// The field's value must be read (reserved values, counts).
    pub needs_value: bool,
    /// NAMEDVARIABLE / NAMEDARRAY data to split and measure.
    pub named: bool,
    /// `named || needs_value`: the field's data is looked at beyond its length.
    pub looks_at_data: bool,
    /// A top-level field in slot 0–63 whose value and data need no look: neither grouped, nor
    /// `needs_value`, nor `named` (precomputed so the validator's fast path tests one flag).
    /// False for the [`NO_SLOT`] sentinel, so the fast path needs no separate unknown test.
    pub plain: bool,
    /// A member of a group whose checks the validator's second fast path can make: the value,
    /// if `needs_value`, is a USHORT/UINT compared with `reserved` or stored as a count
    /// (`value_use`), or a STRING whose value is not checked.
    pub simple_member: bool,
    /// A `simple_member` of a top-level group with no groups inside it and no count: the most
    /// common kind, checked inline.
    pub flat_member: bool,
    /// What the member fast path does with the value: [`VALUE_IGNORED`], [`VALUE_RESERVED`]
    /// or [`VALUE_COUNT`].
    pub value_use: u8,
    /// The group whose instances this field counts (`Presence::CountOf`), or [`NO_GROUP`].
    pub counts: u8,
    /// Most instances of the field's group (for `simple_member`).
    pub group_max: u16,
    /// The required value of a reserved field (for `simple_member`).
    pub reserved: u64,
}

/// [`SlotCheck::value_use`]: the value is not looked at.
pub(crate) const VALUE_IGNORED: u8 = 0;
/// [`SlotCheck::value_use`]: the value must equal [`SlotCheck::reserved`].
pub(crate) const VALUE_RESERVED: u8 = 1;
/// [`SlotCheck::value_use`]: the value counts the instances of [`SlotCheck::counts`].
pub(crate) const VALUE_COUNT: u8 = 2;

/// The field definition behind the [`NO_SLOT`] sentinel of [`Layout::checks`]; never handed
/// out, since the validator refuses the tag before using it.
static NO_FIELD: FloatField = FloatField::unspec(0, "unknown field", "", 0);

impl SlotCheck {
    /// The record at every index no slot uses, [`NO_SLOT`]'s (index 127) included.
    const SENTINEL: SlotCheck = SlotCheck {
        field: &NO_FIELD,
        min_len: 0,
        len_span: 0,
        since: u8::MAX,
        group: NO_GROUP,
        depth: u8::MAX,
        parent: NO_GROUP,
        is_start: false,
        needs_value: false,
        named: false,
        looks_at_data: false,
        plain: false,
        simple_member: false,
        flat_member: false,
        value_use: VALUE_IGNORED,
        counts: NO_GROUP,
        group_max: 0,
        reserved: 0,
    };
}

/// Where the declared count of a top-level group is.
#[derive(Clone, Copy, Debug)]
pub(crate) enum TopCountAt {
    /// A USHORT of the fixed part at this body offset.
    Fixed(u16),
    /// A fixed field absent at this version: the count is 0.
    Absent,
    /// A floating field in this slot (no count when the field is absent).
    Floating(u8),
}

/// A top-level group whose instances are counted after the last field.
#[derive(Clone, Copy, Debug)]
pub(crate) struct TopCount {
    /// The group.
    pub group: u8,
    /// Most instances allowed.
    pub max: u16,
    /// Its declared count.
    pub count: TopCountAt,
}

/// Reserved fixed fields checked as one masked 8-byte word: the body bytes
/// `offset..offset + 8`, big-endian, ANDed with `mask`, must equal `expected`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ReservedWord {
    /// Offset in the body (the word lies inside the fixed part).
    pub offset: u16,
    /// The bits that belong to reserved fields.
    pub mask: u64,
    /// Their required values.
    pub expected: u64,
}

/// A reserved fixed field to check: where it is at one version and the value it must hold.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ReservedFixed {
    /// Offset in the body.
    pub offset: u16,
    /// Size in bytes.
    pub size: u8,
    /// The required value, masked to the field's width.
    pub expected: u64,
}

/// One repeated group of a message.
#[derive(Debug)]
pub struct GroupInfo {
    /// The group.
    pub group: &'static Group,
    /// Enclosing group, or [`NO_GROUP`].
    pub parent: u8,
    /// 0 for a group at the top level, 1 for a group inside another.
    pub depth: u8,
    /// For a count in the fixed part: the fixed field's index; else `u8::MAX`.
    pub count_fixed: u8,
    /// For a count in a floating field: that field's slot; else [`NO_SLOT`].
    pub count_slot: u8,
}

/// Everything derived from one [`MessageSpec`].
#[derive(Debug)]
pub struct Layout {
    /// The message.
    pub spec: &'static MessageSpec,
    /// Floating fields in table order (depth first).
    pub slots: Vec<Slot>,
    /// Repeated groups in table order.
    pub groups: Vec<GroupInfo>,
    /// Slot of each tag below [`TAG_TABLE`], a fixed-size table so a lookup by a one-byte tag
    /// needs no bounds check.
    by_tag: Box<[u8; TAG_TABLE]>,
    fixed_len: [u16; 9],
    /// Required slots of each scope (index 0: top level; `g + 1`: group `g`) at each version
    /// 10–18, as bit masks over slot indices.
    required: Vec<[u128; 9]>,
    /// Per slot, what validation checks; [`MAX_SLOTS`] records (the unused ones, and so
    /// [`NO_SLOT`] masked to 7 bits, are [`SlotCheck::SENTINEL`]), indexed without bounds checks.
    pub(crate) checks: Box<[SlotCheck; MAX_SLOTS]>,
    /// Per version 10–18, the reserved fixed fields present.
    pub(crate) reserved_fixed: [Vec<ReservedFixed>; 9],
    /// Per version 10–18, the same reserved fields as masked words (fewer loads and compares
    /// than one per field; a mismatch is then reported field by field).
    pub(crate) reserved_words: [Vec<ReservedWord>; 9],
    /// Per version 10–18, the top-level groups present and where their counts are, to check
    /// after the last field.
    pub(crate) top_counts: [Vec<TopCount>; 9],
    /// Per group, the groups nested in it as a bit mask over group indices.
    pub(crate) nested: Vec<u8>,
    /// Per group, the nested groups counted by a floating field of the outer instance.
    pub(crate) nested_counted: Vec<u8>,
    /// The tag that must come first (`Rule::First`), if the message has one.
    pub(crate) first_tag: Option<u16>,
    /// Per fixed field, its body offset at each version 10–18.
    fixed_offsets: Vec<[u16; 9]>,
    /// This layout's position in [`layouts`] (a dense key for per-message state).
    pub(crate) index: u16,
}

impl Layout {
    fn build(spec: &'static MessageSpec) -> Layout {
        let mut l = Layout {
            spec,
            slots: Vec::new(),
            groups: Vec::new(),
            by_tag: Box::new([NO_SLOT; TAG_TABLE]),
            fixed_len: [0; 9],
            required: Vec::new(),
            checks: Box::new([SlotCheck::SENTINEL; MAX_SLOTS]),
            reserved_fixed: Default::default(),
            reserved_words: Default::default(),
            top_counts: Default::default(),
            nested: Vec::new(),
            nested_counted: Vec::new(),
            first_tag: None,
            fixed_offsets: Vec::new(),
            index: 0,
        };
        l.add_items(spec.floating, NO_GROUP, 0);
        assert!(
            l.slots.len() < MAX_SLOTS,
            "{}: too many floating fields",
            spec.name
        );
        assert!(
            l.groups.len() <= MAX_GROUPS,
            "{}: too many groups",
            spec.name
        );
        for (i, s) in l.slots.iter().enumerate() {
            let t = s.field.tag as usize;
            assert!(
                t < TAG_TABLE,
                "{}: tag {} above the tag table",
                spec.name,
                t
            );
            assert!(
                l.by_tag[t] == NO_SLOT,
                "{}: tag {} appears twice",
                spec.name,
                t
            );
            l.by_tag[t] = i as u8;
        }
        // Resolve count fields.
        for gi in 0..l.groups.len() {
            let g = l.groups[gi].group;
            match g.count {
                GroupCount::Fixed => {
                    let idx = spec
                        .fixed
                        .iter()
                        .position(|f| f.role == FixedRole::Count(g.ident))
                        .unwrap_or_else(|| {
                            panic!("{}: no fixed count for group {}", spec.name, g.ident)
                        });
                    assert!(
                        spec.fixed[idx].ty == crate::spec::FixedType::U16,
                        "{}: the count of group {} must be a USHORT",
                        spec.name,
                        g.ident
                    );
                    l.groups[gi].count_fixed = idx as u8;
                }
                GroupCount::Float(tag) => {
                    let s = l.slot_of(tag);
                    assert!(s != NO_SLOT, "{}: count tag {} missing", spec.name, tag);
                    assert!(
                        l.slots[s as usize].group == l.groups[gi].parent,
                        "{}: count tag {} in wrong scope",
                        spec.name,
                        tag
                    );
                    l.groups[gi].count_slot = s;
                }
            }
        }
        for v in 10..=18u8 {
            l.fixed_len[(v - 10) as usize] = spec.fixed_len(v) as u16;
        }
        l.required = vec![[0u128; 9]; l.groups.len() + 1];
        for (i, s) in l.slots.iter().enumerate() {
            let required = matches!(s.field.presence, Presence::Required | Presence::Reserved(_));
            if !required {
                continue;
            }
            let scope = if s.group == NO_GROUP {
                0
            } else {
                s.group as usize + 1
            };
            for v in 10..=18u8 {
                let group_absent =
                    s.group != NO_GROUP && v < l.groups[s.group as usize].group.since;
                if v >= s.field.since && !group_absent {
                    l.required[scope][(v - 10) as usize] |= 1u128 << i;
                }
            }
        }
        for (i, s) in l.slots.iter().enumerate() {
            let f = s.field;
            let (min_len, max_len) = match f.ty {
                FloatType::String
                | FloatType::Unspec
                | FloatType::NamedVar
                | FloatType::NamedArray => (0, f.max),
                FloatType::Bool => (1, f.max.max(2)),
                t => {
                    let n = t.exact_len().unwrap_or(0) as u16;
                    (n, n)
                }
            };
            let (depth, parent) = if s.group == NO_GROUP {
                (u8::MAX, NO_GROUP)
            } else {
                let g = &l.groups[s.group as usize];
                (g.depth, g.parent)
            };
            // A reserved STRING's value is never compared (the guide gives numbers only), so
            // its value need not be read.
            let needs_value = matches!(
                f.presence,
                Presence::Reserved(_) | Presence::ReservedOptional(_) | Presence::CountOf(_)
            ) && f.ty != FloatType::String;
            let named = matches!(f.ty, FloatType::NamedVar | FloatType::NamedArray);
            let counted = l.groups.iter().position(|n| n.count_slot == i as u8);
            l.checks[i] = SlotCheck {
                field: f,
                min_len,
                len_span: max_len - min_len,
                since: f.since,
                group: s.group,
                depth,
                parent,
                is_start: s.is_start,
                needs_value,
                named,
                looks_at_data: needs_value || named,
                // Slots 0–63 only: the fast path tracks them in one word.
                plain: s.group == NO_GROUP && !needs_value && !named && i < 64,
                simple_member: false,
                flat_member: false,
                value_use: VALUE_IGNORED,
                counts: counted.map_or(NO_GROUP, |g| g as u8),
                group_max: 0,
                reserved: 0,
            };
            if s.group != NO_GROUP {
                let by_value = matches!(f.ty, FloatType::U16 | FloatType::U32 | FloatType::Time);
                let value_use = match (f.presence, needs_value, counted) {
                    (_, false, None) => Some(VALUE_IGNORED),
                    (Presence::CountOf(_), true, Some(_)) if by_value => Some(VALUE_COUNT),
                    (Presence::Reserved(_) | Presence::ReservedOptional(_), true, None)
                        if by_value =>
                    {
                        Some(VALUE_RESERVED)
                    }
                    _ => None,
                };
                if let Some(value_use) = value_use {
                    let c = &mut l.checks[i];
                    c.simple_member = true;
                    c.flat_member = depth == 0
                        && value_use != VALUE_COUNT
                        && !l.groups.iter().any(|n| n.parent == s.group);
                    c.value_use = value_use;
                    c.group_max = l.groups[s.group as usize].group.max;
                    c.reserved = match f.presence {
                        Presence::Reserved(v) | Presence::ReservedOptional(v) => v,
                        _ => 0,
                    };
                }
            }
        }
        l.nested = vec![0; l.groups.len()];
        l.nested_counted = vec![0; l.groups.len()];
        for (ni, n) in l.groups.iter().enumerate() {
            if n.parent != NO_GROUP {
                l.nested[n.parent as usize] |= 1 << ni;
                if n.count_slot != NO_SLOT {
                    l.nested_counted[n.parent as usize] |= 1 << ni;
                }
            }
        }
        l.first_tag = spec.rules.iter().find_map(|r| match r {
            crate::spec::Rule::First(t) => Some(*t),
            _ => None,
        });
        l.fixed_offsets = vec![[0u16; 9]; spec.fixed.len()];
        for v in 10..=18u8 {
            let vi = (v - 10) as usize;
            let mut pos = 0usize;
            for (i, f) in spec.fixed.iter().enumerate() {
                l.fixed_offsets[i][vi] = pos as u16;
                if !f.present_in(v) {
                    continue;
                }
                let n = f.ty.size();
                if let FixedRole::Reserved(expected) = f.role {
                    let mask = if n >= 8 {
                        u64::MAX
                    } else {
                        (1u64 << (n * 8)) - 1
                    };
                    l.reserved_fixed[vi].push(ReservedFixed {
                        offset: pos as u16,
                        size: n as u8,
                        expected: expected & mask,
                    });
                }
                pos += n;
            }
        }
        for vi in 0..9 {
            l.reserved_words[vi] = reserved_words(&l.reserved_fixed[vi], l.fixed_len[vi] as usize);
            let v = vi as u8 + 10;
            for (gi, g) in l.groups.iter().enumerate() {
                if g.parent != NO_GROUP || v < g.group.since {
                    continue;
                }
                let count = if g.count_fixed != u8::MAX {
                    let index = g.count_fixed as usize;
                    if spec.fixed[index].present_in(v) {
                        TopCountAt::Fixed(l.fixed_offsets[index][vi])
                    } else {
                        TopCountAt::Absent
                    }
                } else {
                    TopCountAt::Floating(g.count_slot)
                };
                l.top_counts[vi].push(TopCount {
                    group: gi as u8,
                    max: g.group.max,
                    count,
                });
            }
        }
        l
    }

    fn add_items(&mut self, items: &'static [FloatItem], group: u8, depth: u8) {
        for (i, it) in items.iter().enumerate() {
            match it {
                FloatItem::Field(f) => self.slots.push(Slot {
                    field: f,
                    group,
                    is_start: group != NO_GROUP && i == 0,
                }),
                FloatItem::Group(g) => {
                    assert!(
                        depth < 2,
                        "{}: groups nest at most two deep",
                        self.spec.name
                    );
                    let gi = self.groups.len() as u8;
                    self.groups.push(GroupInfo {
                        group: g,
                        parent: group,
                        depth,
                        count_fixed: u8::MAX,
                        count_slot: NO_SLOT,
                    });
                    self.add_items(g.items, gi, depth + 1);
                }
            }
        }
    }

    /// The slot of `tag` in this message, or [`NO_SLOT`].
    #[inline(always)]
    pub fn slot_of(&self, tag: u16) -> u8 {
        if (tag as usize) < TAG_TABLE {
            self.by_tag[tag as usize]
        } else {
            NO_SLOT
        }
    }

    /// The definition of the field in `slot` (`None` for [`NO_SLOT`] or a slot out of range).
    #[inline(always)]
    pub fn field_of(&self, slot: u8) -> Option<&'static FloatField> {
        ((slot as usize) < self.slots.len())
            .then(|| self.checks[slot as usize & (MAX_SLOTS - 1)].field)
    }

    /// The slots that must be present in one instance of `group` (or at the top level for
    /// [`NO_GROUP`]) at `version`, as a bit mask over slot indices.
    #[inline]
    pub fn required_mask(&self, group: u8, version: u8) -> u128 {
        let scope = if group == NO_GROUP {
            0
        } else {
            group as usize + 1
        };
        self.required[scope][version_index(version)]
    }

    /// The group whose instances the floating field in `slot` counts, or [`NO_GROUP`].
    #[inline]
    pub fn counted_group(&self, slot: u8) -> u8 {
        if (slot as usize) < self.slots.len() {
            self.checks[slot as usize & (MAX_SLOTS - 1)].counts
        } else {
            NO_GROUP
        }
    }

    /// Body offset of fixed field `index` at `version` (where it would be if present).
    #[inline]
    pub fn fixed_offset(&self, index: usize, version: u8) -> usize {
        self.fixed_offsets[index][version_index(version)] as usize
    }

    /// Length of the fixed part at `version` (clamped to 10–18).
    #[inline]
    pub fn fixed_len(&self, version: u8) -> usize {
        self.fixed_len[version_index(version)] as usize
    }
}

/// Cover `fields` (reserved fixed fields of one version, in offset order, inside a fixed part
/// of `fixed_len` bytes) with as few 8-byte masked words as possible, each lying inside the
/// fixed part. Fields longer than 8 bytes are not part of the table; should one appear it is
/// covered by consecutive words.
fn reserved_words(fields: &[ReservedFixed], fixed_len: usize) -> Vec<ReservedWord> {
    let mut bytes: Vec<(usize, u8)> = Vec::new(); // (body offset, required byte)
    for r in fields {
        let n = r.size as usize;
        for i in 0..n {
            let shift = 8 * (n - 1 - i);
            let b = if shift >= 64 {
                0
            } else {
                (r.expected >> shift) as u8
            };
            bytes.push((r.offset as usize + i, b));
        }
    }
    let mut words = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        // A word starting at the first uncovered byte, moved back to end inside the fixed part.
        let start = bytes[i].0.min(fixed_len.saturating_sub(8));
        let mut w = ReservedWord {
            offset: start as u16,
            mask: 0,
            expected: 0,
        };
        while i < bytes.len() && bytes[i].0 < start + 8 {
            let shift = 8 * (7 - (bytes[i].0 - start));
            w.mask |= 0xff << shift;
            w.expected |= (bytes[i].1 as u64) << shift;
            i += 1;
        }
        words.push(w);
    }
    words
}

/// The index of `version` (clamped to 10–18) in the per-version tables: 0–8.
#[inline(always)]
pub(crate) fn version_index(version: u8) -> usize {
    (version.clamp(10, 18) - 10) as usize
}

struct Registry {
    layouts: Vec<Layout>,
    by_id: Vec<u16>,
    by_name: Vec<(&'static str, u16)>,
}

static REGISTRY: OnceLock<Registry> = OnceLock::new();

/// The layouts of every message, built on first use. The check for "built" is inlined into
/// each frame's lookup; building is not.
#[inline]
fn registry() -> &'static Registry {
    match REGISTRY.get() {
        Some(r) => r,
        None => build_registry(),
    }
}

#[cold]
#[inline(never)]
fn build_registry() -> &'static Registry {
    REGISTRY.get_or_init(|| {
        let msgs = crate::table::messages();
        let mut layouts: Vec<Layout> = msgs.iter().map(|m| Layout::build(m)).collect();
        for (i, l) in layouts.iter_mut().enumerate() {
            l.index = i as u16;
        }
        let max_id = msgs.iter().map(|m| m.id).max().unwrap_or(0) as usize;
        let mut by_id = vec![u16::MAX; max_id + 1];
        for (i, m) in msgs.iter().enumerate() {
            assert!(
                by_id[m.id as usize] == u16::MAX,
                "message id {} defined twice",
                m.id
            );
            by_id[m.id as usize] = i as u16;
        }
        let mut by_name: Vec<_> = msgs
            .iter()
            .enumerate()
            .map(|(i, m)| (m.name, i as u16))
            .collect();
        by_name.sort();
        Registry {
            layouts,
            by_id,
            by_name,
        }
    })
}

/// The layout of message type `id`, if the table has it.
#[inline]
pub fn layout(id: u32) -> Option<&'static Layout> {
    let r = registry();
    let i = *r.by_id.get(id as usize)?;
    r.layouts.get(i as usize)
}

/// The layout of the message named `name` (e.g. `"OPEN_REQ"`, case-insensitive).
pub fn layout_by_name(name: &str) -> Option<&'static Layout> {
    let r = registry();
    let up = name.to_ascii_uppercase();
    let i = r
        .by_name
        .binary_search_by(|(n, _)| (*n).cmp(up.as_str()))
        .ok()?;
    r.layouts.get(r.by_name[i].1 as usize)
}

/// True when some message of the table defines `tag`.
pub fn known_tag(tag: u16) -> bool {
    static TAGS: OnceLock<Vec<bool>> = OnceLock::new();
    let t = TAGS.get_or_init(|| {
        let mut v = vec![false; u16::MAX as usize + 1];
        for l in layouts() {
            for s in &l.slots {
                v[s.field.tag as usize] = true;
            }
        }
        v
    });
    t[tag as usize]
}

/// Every layout, in MessageTypeID order.
pub fn layouts() -> &'static [Layout] {
    &registry().layouts
}

/// One floating field resolved against its message.
#[derive(Clone, Copy, Debug)]
pub struct Resolved<'a> {
    /// The field as on the wire.
    pub raw: RawFieldRef<'a>,
    /// Its slot in the layout, or [`NO_SLOT`] for a tag this message does not define.
    pub slot: u8,
    /// Bit 0: this field opens a new instance of a top-level group; bit 1: of a nested group.
    pub opens: u8,
    /// True when a group instance was opened by a member other than the group's first field.
    pub implicit: bool,
}

/// Track which group instances are open as a grouped field arrives: `open` holds the group
/// open at depth 0 and 1. Returns which depths the field opens a new instance at (bit 0, bit 1)
/// and whether that happened without the group's first field. Shared by [`Walker`] and strict
/// validation, so both resolve every field the same way.
#[inline(always)]
pub(crate) fn enter_group(
    open: &mut [u8; 2],
    group: u8,
    depth: u8,
    parent: u8,
    is_start: bool,
) -> (u8, bool) {
    let d = depth as usize & 1;
    let mut opens = 0u8;
    let mut implicit = false;
    if is_start || open[d] != group {
        opens |= 1 << d;
        implicit = !is_start;
        if d == 1 && open[0] != parent {
            open[0] = parent;
            opens |= 1;
            implicit = true;
        }
        open[d] = group;
        if d == 0 {
            open[1] = NO_GROUP;
        }
    } else if d == 0 {
        // A member of the outer instance ends any nested instance.
        open[1] = NO_GROUP;
    }
    (opens, implicit)
}

/// Walks the floating part of one message, resolving tags and tracking group instances.
#[derive(Clone, Debug)]
pub struct Walker<'a> {
    layout: &'static Layout,
    fields: RawFields<'a>,
    open: [u8; 2],
}

impl<'a> Walker<'a> {
    /// Walk `floating` (the body after the fixed part), whose first byte is `base` bytes from
    /// the start of the frame.
    #[inline]
    pub fn new(
        layout: &'static Layout,
        floating: &'a [u8],
        base: usize,
        settings: &Settings,
    ) -> Self {
        Walker {
            layout,
            fields: RawFields::new(floating, base, settings),
            open: [NO_GROUP; 2],
        }
    }

    /// The layout being walked.
    #[inline]
    pub fn layout(&self) -> &'static Layout {
        self.layout
    }

    /// The next field, or a framing error (after which the walk ends).
    // Always inlined: the view's iterator loops over it, and as a call it costs a large part
    // of each step.
    #[inline(always)]
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Option<Result<Resolved<'a>, DecodeError>> {
        let raw = match self.fields.next()? {
            Ok(r) => r,
            Err((p, off)) => return Some(Err(DecodeError::new(p, "floating field", None, off))),
        };
        let slot = self.layout.slot_of(raw.tag);
        if slot == NO_SLOT {
            return Some(Ok(Resolved {
                raw,
                slot,
                opens: 0,
                implicit: false,
            }));
        }
        let c = &self.layout.checks[slot as usize & (MAX_SLOTS - 1)];
        if c.group == NO_GROUP {
            self.open = [NO_GROUP; 2];
            return Some(Ok(Resolved {
                raw,
                slot,
                opens: 0,
                implicit: false,
            }));
        }
        let (opens, implicit) = enter_group(&mut self.open, c.group, c.depth, c.parent, c.is_start);
        Some(Ok(Resolved {
            raw,
            slot,
            opens,
            implicit,
        }))
    }
}
