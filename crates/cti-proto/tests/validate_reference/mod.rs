//! The strict validator as it was before it was optimised (commit aa55801), kept verbatim as a
//! reference: `roundtrip.rs` checks the optimised one gives the same answer on every input.
//!
//! When a validation rule changes on purpose, make the same change here (the reference is
//! deliberately the simple, obviously-right version of the rules).
#![allow(dead_code, clippy::all)]

use cti_proto::layout::{Layout, NO_GROUP, NO_SLOT};
use cti_proto::spec::{Direction, FixedRole, FloatType, Presence, Rule};
use cti_proto::view::{fixed_value, FrameView};
use cti_proto::wire::{self, HEADER_LEN, NAMED_DATA_LIMIT, NAMED_NAME_MAX, NAMED_VALUE_MAX};
use cti_proto::{DecodeError, Problem};

/// Validate `view` as a message sent by `from`.
pub fn validate(view: &FrameView<'_>, from: Direction) -> Result<(), DecodeError> {
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
    // Fixed part: length, then reserved values; remember count fields.
    let body = view.body();
    let mut fixed_vals = [0u64; 48];
    let mut pos = 0usize;
    for (i, f) in spec.fixed.iter().enumerate() {
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
        let v = fixed_value(f.ty, b).as_u64().unwrap_or(0);
        if let FixedRole::Reserved(expected) = f.role {
            let found = mask_to_width(v, n);
            if found != mask_to_width(expected, n) {
                return Err(DecodeError::new(
                    Problem::ReservedValue { expected, found },
                    f.name,
                    None,
                    HEADER_LEN + pos,
                ));
            }
        }
        if i < fixed_vals.len() {
            fixed_vals[i] = v;
        }
        pos += n;
    }
    let mut st = State::new(layout, version);
    let mut first = true;
    let mut w =
        cti_proto::layout::Walker::new(layout, &body[pos..], HEADER_LEN + pos, view.settings());
    while let Some(r) = w.next() {
        let r = r?;
        let tag = r.raw.tag;
        let off = r.raw.offset;
        if first {
            first = false;
            for rule in spec.rules {
                if let Rule::First(t) = rule {
                    if *t != tag {
                        let name = layout_name(layout, *t);
                        return Err(DecodeError::new(Problem::NotFirst, name, Some(*t), off));
                    }
                }
            }
        }
        if r.slot == NO_SLOT {
            let problem = if cti_proto::layout::known_tag(tag) {
                Problem::TagNotAllowed
            } else {
                Problem::UnknownTag
            };
            return Err(DecodeError::new(problem, "floating field", Some(tag), off));
        }
        let slot = &layout.slots[r.slot as usize];
        let f = slot.field;
        let err = |p| DecodeError::new(p, f.name, Some(tag), off);
        if version < f.since {
            return Err(err(Problem::TagNotAllowed));
        }
        if r.implicit {
            return Err(err(Problem::OutsideGroup));
        }
        // Data checks by type.
        let len = r.raw.data.len();
        match f.ty {
            FloatType::String | FloatType::Unspec => {
                if len > f.max as usize {
                    return Err(err(Problem::TooLong {
                        len,
                        max: f.max as usize,
                    }));
                }
            }
            FloatType::Bool => {
                if !(1..=f.max.max(2) as usize).contains(&len) {
                    return Err(err(Problem::WrongLength { len, expected: 2 }));
                }
            }
            FloatType::NamedVar | FloatType::NamedArray => {
                if len > f.max as usize {
                    return Err(err(Problem::TooLong {
                        len,
                        max: f.max as usize,
                    }));
                }
                let data = if f.ty == FloatType::NamedArray {
                    r.raw.data.get(1..).unwrap_or(&[])
                } else {
                    r.raw.data
                };
                let Some((name, value)) = wire::split_named(data) else {
                    return Err(err(Problem::BadNamedData));
                };
                if name.len() + 1 > NAMED_NAME_MAX {
                    return Err(err(Problem::TooLong {
                        len: name.len() + 1,
                        max: NAMED_NAME_MAX,
                    }));
                }
                if value.len() + 1 > NAMED_VALUE_MAX {
                    return Err(err(Problem::TooLong {
                        len: value.len() + 1,
                        max: NAMED_VALUE_MAX,
                    }));
                }
                st.named_bytes += len;
                if st.named_bytes > NAMED_DATA_LIMIT {
                    return Err(err(Problem::NamedDataTooLarge {
                        len: st.named_bytes,
                    }));
                }
            }
            t => {
                let expected = t.exact_len().unwrap_or(len);
                if len != expected {
                    return Err(err(Problem::WrongLength { len, expected }));
                }
            }
        }
        let num = cti_proto::view::float_value(f, r.raw.data).as_u64();
        if let Presence::Reserved(expected) | Presence::ReservedOptional(expected) = f.presence {
            if let (Some(found), true) = (num, f.ty != FloatType::String) {
                if found != expected {
                    return Err(err(Problem::ReservedValue { expected, found }));
                }
            }
        }
        // Group bookkeeping.
        // Close what this field ends: a new outer instance or a top-level field ends both
        // levels; a new nested instance or a member of the outer instance ends the nested one.
        let ends_outer = r.opens & 1 != 0 || slot.group == NO_GROUP;
        let continues_nested =
            r.opens == 0 && slot.group != NO_GROUP && layout.groups[slot.group as usize].depth == 1;
        if !continues_nested {
            st.close_depth(layout, 1, off)?;
        }
        if ends_outer {
            st.close_depth(layout, 0, off)?;
        }
        if r.opens & 1 != 0 {
            let g = if slot.group != NO_GROUP && layout.groups[slot.group as usize].depth == 0 {
                slot.group
            } else {
                layout.groups[slot.group as usize].parent
            };
            st.open(layout, 0, g, off)?;
        }
        if r.opens & 2 != 0 {
            st.open(layout, 1, slot.group, off)?;
        }
        let bit = 1u128 << r.slot;
        let scope = st.scope_of(layout, slot.group);
        if *scope & bit != 0 {
            return Err(err(Problem::Duplicate));
        }
        *scope |= bit;
        if let Some(v) = num {
            if let Presence::CountOf(_) = f.presence {
                st.float_counts[r.slot as usize % 128] = v as u16;
            }
        }
    }
    st.close_depth(layout, 1, HEADER_LEN + body.len())?;
    st.close_depth(layout, 0, HEADER_LEN + body.len())?;
    let end = HEADER_LEN + body.len();
    st.check_required(layout, NO_GROUP, st.top, end)?;
    // Top-level group counts.
    for (gi, g) in layout.groups.iter().enumerate() {
        if g.parent != NO_GROUP || version < g.group.since {
            continue;
        }
        let declared = if g.count_fixed != u8::MAX {
            fixed_vals.get(g.count_fixed as usize).copied().unwrap_or(0) as usize
        } else {
            if st.top & (1u128 << g.count_slot) == 0 {
                continue;
            }
            st.float_counts[g.count_slot as usize] as usize
        };
        let found = st.instances[gi] as usize;
        check_count(g.group.name, g.group.max, declared, found, end)?;
    }
    // Rules.
    for rule in spec.rules {
        match *rule {
            Rule::AtLeastOne(tags) => {
                if !tags.iter().any(|t| {
                    let s = layout.slot_of(*t);
                    s != NO_SLOT && st.top & (1u128 << s) != 0
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
                    .map(|i| fixed_vals.get(i).copied() == Some(value))
                    .unwrap_or(false);
                let s = layout.slot_of(tag);
                if holds && s != NO_SLOT && st.top & (1u128 << s) == 0 {
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

struct State {
    version: u8,
    top: u128,
    inst: [u128; 2],
    open: [u8; 2],
    /// Instances per group (nested groups: within the current parent instance).
    instances: [u16; cti_proto::layout::MAX_GROUPS],
    float_counts: [u16; 128],
    named_bytes: usize,
}

impl State {
    fn new(_layout: &Layout, version: u8) -> Self {
        State {
            version,
            top: 0,
            inst: [0; 2],
            open: [NO_GROUP; 2],
            instances: [0; cti_proto::layout::MAX_GROUPS],
            float_counts: [0; 128],
            named_bytes: 0,
        }
    }

    fn scope_of(&mut self, layout: &Layout, group: u8) -> &mut u128 {
        if group == NO_GROUP {
            &mut self.top
        } else {
            &mut self.inst[layout.groups[group as usize].depth as usize]
        }
    }

    fn open(
        &mut self,
        layout: &Layout,
        depth: usize,
        g: u8,
        off: usize,
    ) -> Result<(), DecodeError> {
        self.open[depth] = g;
        self.inst[depth] = 0;
        let gi = g as usize;
        self.instances[gi] = self.instances[gi].saturating_add(1);
        if depth == 0 {
            // A new outer instance restarts the counts of its nested groups.
            for (ni, n) in layout.groups.iter().enumerate() {
                if n.parent == g {
                    self.instances[ni] = 0;
                }
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
        self.check_required(layout, g, seen, off)?;
        if depth == 0 {
            // Nested counts carried by a floating field of this instance.
            for (ni, n) in layout.groups.iter().enumerate() {
                if n.parent != g || n.count_slot == NO_SLOT || self.version < n.group.since {
                    continue;
                }
                if seen & (1u128 << n.count_slot) == 0 {
                    continue;
                }
                let declared = self.float_counts[n.count_slot as usize] as usize;
                check_count(
                    n.group.name,
                    n.group.max,
                    declared,
                    self.instances[ni] as usize,
                    off,
                )?;
            }
        }
        Ok(())
    }

    fn check_required(
        &self,
        layout: &Layout,
        group: u8,
        seen: u128,
        off: usize,
    ) -> Result<(), DecodeError> {
        for (i, s) in layout.slots.iter().enumerate() {
            if s.group != group || self.version < s.field.since {
                continue;
            }
            if group != NO_GROUP && self.version < layout.groups[group as usize].group.since {
                continue;
            }
            let required = matches!(s.field.presence, Presence::Required | Presence::Reserved(_));
            if required && seen & (1u128 << i) == 0 {
                return Err(DecodeError::new(
                    Problem::Missing,
                    s.field.name,
                    Some(s.field.tag),
                    off,
                ));
            }
        }
        Ok(())
    }
}
