//! Random valid frames built from the message table alone, without the typed messages, so the
//! typed encoders and decoders can be checked against something they did not produce.
//!
//! The builder follows the table the way the typed encoder does: fixed fields present at the
//! version (reserved ones with their required value, `ReservedAny` as 0, counts equal to the
//! instances generated), then floating fields in table order, each at most once per scope,
//! only those present at the version, required ones always, optional ones at random,
//! `ReservedOptional` ones never (the typed encoder omits them), every group instance opened
//! by its first field, and the cross-field rules (`First`, `AtLeastOne`, `RequiredWhen`)
//! honoured. Values respect the types, the maxima, the one-byte length limit of versions
//! below 18 and the 2000-byte NAMEDVARIABLE/NAMEDARRAY budget.

#![allow(dead_code)]

use cti_proto::layout::Layout;
use cti_proto::spec::{
    FixedRole, FixedType, FloatField, FloatItem, FloatType, Group, Presence, Rule,
};
use cti_proto::wire::{Settings, HEADER_LEN, NAMED_DATA_LIMIT, NAMED_NAME_MAX, NAMED_VALUE_MAX};

/// A small deterministic generator (SplitMix64): a failing case is reproduced from its seed.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// Seeded generator.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    /// Next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }
    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below((hi - lo + 1) as u64) as usize
    }
    /// True with probability `num / den`.
    pub fn chance(&mut self, num: u64, den: u64) -> bool {
        self.below(den) < num
    }
    /// A length in `0..=max`, biased toward the edges (empty, full) and short values.
    pub fn len_upto(&mut self, max: usize) -> usize {
        match self.below(6) {
            0 => 0,
            1 => max,
            2 => self.range(0, max),
            _ => self.range(0, max.min(12)),
        }
    }
}

/// What the builder aims for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// Zero values, required fields only, no group instances.
    Minimal,
    /// Random values, random optional fields, random group sizes up to each group's maximum.
    Random,
}

/// A generated frame and what went into it.
#[derive(Clone, Debug)]
pub struct Generated {
    /// The whole frame, header included.
    pub frame: Vec<u8>,
    /// Floating fields written.
    pub floating_fields: usize,
    /// Group instances written (all levels).
    pub instances: usize,
}

struct Builder<'a> {
    rng: &'a mut Rng,
    settings: Settings,
    shape: Shape,
    /// Largest instance count tried for any group (lowered when a frame came out too big).
    instance_cap: usize,
    /// Optional tags that must be written (rules).
    forced: Vec<u16>,
    named_left: usize,
    fields: usize,
    instances: usize,
}

/// Build a random valid frame of `layout`'s message at `settings`.
pub fn valid_frame(layout: &Layout, settings: &Settings, rng: &mut Rng, shape: Shape) -> Generated {
    let mut cap = usize::MAX;
    loop {
        let mut b = Builder {
            rng,
            settings: *settings,
            shape,
            instance_cap: cap,
            forced: Vec::new(),
            named_left: NAMED_DATA_LIMIT,
            fields: 0,
            instances: 0,
        };
        if let Some(g) = b.frame(layout) {
            return g;
        }
        // Too big for the body limit or the named-data budget: fewer instances.
        cap = if cap == usize::MAX { 8 } else { cap / 2 };
    }
}

impl Builder<'_> {
    fn frame(&mut self, layout: &Layout) -> Option<Generated> {
        let spec = layout.spec;
        let v = self.settings.version;
        // Fixed values first: rules may depend on them.
        let fixed: Vec<Option<u64>> = spec
            .fixed
            .iter()
            .map(|f| {
                f.present_in(v).then(|| match f.role {
                    FixedRole::Value => self.fixed_value(f.ty),
                    FixedRole::Reserved(x) => x,
                    FixedRole::ReservedAny | FixedRole::Count(_) => 0,
                })
            })
            .collect();
        for rule in spec.rules {
            match *rule {
                Rule::First(tag) => self.forced.push(tag),
                Rule::AtLeastOne(tags) => {
                    let present: Vec<u16> = tags
                        .iter()
                        .copied()
                        .filter(|t| field_present(layout, *t, v))
                        .collect();
                    if !present.is_empty() {
                        let pick = present[self.rng.below(present.len() as u64) as usize];
                        self.forced.push(pick);
                    }
                }
                Rule::RequiredWhen { tag, field, value } => {
                    let holds = spec
                        .fixed
                        .iter()
                        .zip(&fixed)
                        .any(|(f, x)| f.name == field && *x == Some(value));
                    if holds {
                        self.forced.push(tag);
                    }
                }
            }
        }
        let mut floating = Vec::new();
        let counts = self.items(spec.floating, false, &mut floating)?;
        let mut body = Vec::new();
        for (f, value) in spec.fixed.iter().zip(&fixed) {
            let Some(mut value) = *value else { continue };
            if let FixedRole::Count(ident) = f.role {
                value = counts
                    .iter()
                    .find(|(g, _)| *g == ident)
                    .map(|(_, n)| *n as u64)
                    .unwrap_or(0);
            }
            put_fixed(&mut body, f.ty, value);
        }
        body.extend_from_slice(&floating);
        if body.len() > self.settings.max_body as usize {
            return None;
        }
        let mut frame = Vec::with_capacity(HEADER_LEN + body.len());
        frame.extend_from_slice(&(body.len() as u32).to_be_bytes());
        frame.extend_from_slice(&spec.id.to_be_bytes());
        frame.extend_from_slice(&body);
        Some(Generated {
            frame,
            floating_fields: self.fields,
            instances: self.instances,
        })
    }

    fn fixed_value(&mut self, ty: FixedType) -> u64 {
        if self.shape == Shape::Minimal {
            return 0;
        }
        let x = self.rng.next_u64();
        match ty {
            FixedType::Bool => x & 1,
            FixedType::U8 => x & 0xFF,
            FixedType::U16 | FixedType::I16 => x & 0xFFFF,
            FixedType::U32 | FixedType::I32 | FixedType::Time => match self.rng.below(4) {
                0 => 0,
                1 => x & 0xF,
                _ => x & 0xFFFF_FFFF,
            },
            FixedType::Unspec8 => x,
        }
    }

    /// Write one scope's items (the message's floating part or one group instance) and return
    /// the instance count chosen for each group of the scope.
    fn items(
        &mut self,
        items: &'static [FloatItem],
        in_group: bool,
        out: &mut Vec<u8>,
    ) -> Option<Vec<(&'static str, usize)>> {
        let v = self.settings.version;
        let mut counts = Vec::new();
        for it in items {
            if let FloatItem::Group(g) = it {
                let n = self.instance_count(g);
                counts.push((g.ident, n));
            }
        }
        for (i, it) in items.iter().enumerate() {
            match it {
                FloatItem::Field(f) => {
                    if v < f.since {
                        continue;
                    }
                    let opens_instance = in_group && i == 0;
                    match f.presence {
                        Presence::Required => self.field(f, out)?,
                        Presence::Optional => {
                            let write = opens_instance
                                || self.forced.contains(&f.tag)
                                || (self.shape == Shape::Random && self.rng.chance(1, 2));
                            if write {
                                self.field(f, out)?;
                            }
                        }
                        Presence::Reserved(x) => self.reserved(f, x, out)?,
                        Presence::ReservedOptional(_) => {}
                        Presence::CountOf(ident) => {
                            let n = counts
                                .iter()
                                .find(|(g, _)| *g == ident)
                                .map(|(_, n)| *n)
                                .unwrap_or(0);
                            self.header(f.tag, 2, out);
                            out.extend_from_slice(&(n as u16).to_be_bytes());
                        }
                    }
                }
                FloatItem::Group(g) => {
                    let n = counts
                        .iter()
                        .find(|(id, _)| *id == g.ident)
                        .map(|(_, n)| *n)
                        .unwrap_or(0);
                    for _ in 0..n {
                        self.instances += 1;
                        self.items(g.items, true, out)?;
                    }
                }
            }
            if out.len() > self.settings.max_body as usize {
                return None;
            }
        }
        Some(counts)
    }

    fn instance_count(&mut self, g: &Group) -> usize {
        let v = self.settings.version;
        let start = g.start();
        // A group whose opening field is absent at this version (or never sent) cannot have
        // instances that strict validation accepts.
        if v < g.since || v < start.since || matches!(start.presence, Presence::ReservedOptional(_))
        {
            return 0;
        }
        if self.shape == Shape::Minimal {
            return 0;
        }
        let max = g.max as usize;
        let n = match self.rng.below(8) {
            0 | 1 => 0,
            2..=5 => self.rng.range(1, max.min(3)),
            6 => max,
            _ => self.rng.range(0, max),
        };
        n.min(self.instance_cap)
    }

    fn header(&mut self, tag: u16, len: usize, out: &mut Vec<u8>) {
        let s = &self.settings;
        assert!(
            tag <= s.max_tag(),
            "the table allows tag {tag} at version {}, where tags are one byte",
            s.version
        );
        assert!(len <= s.max_field_len());
        if s.tag_width() == 2 {
            out.extend_from_slice(&tag.to_be_bytes());
        } else {
            out.push(tag as u8);
        }
        if s.len_width() == 2 {
            out.extend_from_slice(&(len as u16).to_be_bytes());
        } else {
            out.push(len as u8);
        }
        self.fields += 1;
    }

    /// The value of a field the typed encoder writes itself (reserved, "sent as `x`").
    fn reserved(&mut self, f: &FloatField, x: u64, out: &mut Vec<u8>) -> Option<()> {
        let data: Vec<u8> = match f.ty {
            FloatType::String => vec![0],
            FloatType::U16 => (x as u16).to_be_bytes().to_vec(),
            FloatType::U32 | FloatType::Time | FloatType::I32 => (x as u32).to_be_bytes().to_vec(),
            FloatType::Bool => vec![0, (x != 0) as u8],
            FloatType::Key => x.to_be_bytes().to_vec(),
            FloatType::Unspec | FloatType::NamedVar | FloatType::NamedArray => Vec::new(),
        };
        self.header(f.tag, data.len(), out);
        out.extend_from_slice(&data);
        Some(())
    }

    fn field(&mut self, f: &FloatField, out: &mut Vec<u8>) -> Option<()> {
        let minimal = self.shape == Shape::Minimal;
        let room = (f.max as usize).min(self.settings.max_field_len());
        let data: Vec<u8> = match f.ty {
            FloatType::String => {
                let n = if minimal {
                    0
                } else {
                    self.rng.len_upto(room.saturating_sub(1))
                };
                let mut d = self.text(n);
                d.push(0);
                d
            }
            FloatType::Unspec => {
                let n = if minimal { 0 } else { self.rng.len_upto(room) };
                (0..n).map(|_| self.rng.next_u64() as u8).collect()
            }
            FloatType::Key => self.num(8),
            FloatType::U16 => self.num(2),
            FloatType::U32 | FloatType::I32 | FloatType::Time => self.num(4),
            FloatType::Bool => vec![0, (!minimal && self.rng.chance(1, 2)) as u8],
            FloatType::NamedVar | FloatType::NamedArray => {
                let index = f.ty == FloatType::NamedArray;
                let fixed_part = 2 + index as usize;
                let room = room.min(self.named_left);
                if room < fixed_part {
                    return None;
                }
                let spare = room - fixed_part;
                let (n, val) = if minimal {
                    (0, 0)
                } else {
                    let n = self.rng.len_upto(spare.min(NAMED_NAME_MAX - 1));
                    let val = self.rng.len_upto((spare - n).min(NAMED_VALUE_MAX - 1));
                    (n, val)
                };
                let mut d = Vec::new();
                if index {
                    d.push(if minimal {
                        0
                    } else {
                        self.rng.next_u64() as u8
                    });
                }
                d.extend(self.text(n));
                d.push(0);
                d.extend(self.text(val));
                d.push(0);
                self.named_left -= d.len();
                d
            }
        };
        self.header(f.tag, data.len(), out);
        out.extend_from_slice(&data);
        Some(())
    }

    fn num(&mut self, n: usize) -> Vec<u8> {
        if self.shape == Shape::Minimal {
            return vec![0; n];
        }
        let x = match self.rng.below(4) {
            0 => 0,
            1 => u64::MAX,
            _ => self.rng.next_u64(),
        };
        x.to_be_bytes()[8 - n..].to_vec()
    }

    /// `n` bytes of valid UTF-8 without NUL: mostly ASCII, sometimes two- and three-byte
    /// characters.
    fn text(&mut self, n: usize) -> Vec<u8> {
        let mut s = String::with_capacity(n);
        while s.len() < n {
            let left = n - s.len();
            let c = match self.rng.below(10) {
                0 if left >= 3 => '€',
                1 if left >= 2 => 'é',
                _ => (b' ' + self.rng.below(95) as u8) as char,
            };
            s.push(c);
        }
        s.into_bytes()
    }
}

fn field_present(layout: &Layout, tag: u16, v: u8) -> bool {
    layout
        .slots
        .iter()
        .any(|s| s.field.tag == tag && v >= s.field.since)
}

fn put_fixed(out: &mut Vec<u8>, ty: FixedType, v: u64) {
    let n = ty.size();
    out.extend_from_slice(&v.to_be_bytes()[8 - n..]);
}
