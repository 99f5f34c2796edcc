//! Invariants of the message table (`src/table/`) and the value tables (`src/values.rs`):
//! the structure everything else is generated from must be self-consistent, and the fixed
//! part sizes must be the ones worked out by hand from the digest.

use std::collections::{BTreeMap, BTreeSet};
use std::ptr;

use cti_proto::codegen::{enum_tables, mask_tables};
use cti_proto::spec::*;
use cti_proto::table::messages;

/// Every group of `items`, depth first, with the items list that encloses it.
fn groups_in(items: &'static [FloatItem], out: &mut Vec<(&'static Group, &'static [FloatItem])>) {
    for it in items {
        if let FloatItem::Group(g) = it {
            out.push((g, items));
            groups_in(g.items, out);
        }
    }
}

fn all_groups(m: &MessageSpec) -> Vec<(&'static Group, &'static [FloatItem])> {
    let mut v = Vec::new();
    groups_in(m.floating, &mut v);
    v
}

/// Every floating field of `items`, depth first.
fn fields_in(items: &'static [FloatItem], out: &mut Vec<&'static FloatField>) {
    for it in items {
        match it {
            FloatItem::Field(f) => out.push(f),
            FloatItem::Group(g) => fields_in(g.items, out),
        }
    }
}

fn all_fields(m: &MessageSpec) -> Vec<&'static FloatField> {
    let mut v = Vec::new();
    fields_in(m.floating, &mut v);
    v
}

/// Every floating field with the version from which it can be on the wire: the latest of its
/// own, its groups' and its message's.
fn effective_since(
    items: &'static [FloatItem],
    outer: u8,
    out: &mut Vec<(&'static FloatField, u8)>,
) {
    for it in items {
        match it {
            FloatItem::Field(f) => out.push((f, f.since.max(outer))),
            FloatItem::Group(g) => effective_since(g.items, g.since.max(outer), out),
        }
    }
}

fn is_value(f: &FloatField) -> bool {
    matches!(f.presence, Presence::Required | Presence::Optional)
}

/// Collects every violation, then fails once listing them all.
#[derive(Default)]
struct Problems(Vec<String>);

impl Problems {
    fn check(&mut self, ok: bool, what: impl FnOnce() -> String) {
        if !ok {
            self.0.push(what());
        }
    }
    fn done(self, title: &str) {
        assert!(
            self.0.is_empty(),
            "{title}: {} problem(s)\n{}",
            self.0.len(),
            self.0.join("\n")
        );
    }
}

#[test]
fn ids_are_unique_and_sorted() {
    let ms = messages();
    assert!(ms.len() >= 90, "only {} messages", ms.len());
    for pair in ms.windows(2) {
        assert!(
            pair[0].id < pair[1].id,
            "{} ({}) is not before {} ({})",
            pair[0].name,
            pair[0].id,
            pair[1].name,
            pair[1].id
        );
    }
    let names: BTreeSet<&str> = ms.iter().map(|m| m.name).collect();
    assert_eq!(names.len(), ms.len(), "a message name appears twice");
}

#[test]
fn names_idents_directions_and_kinds_agree() {
    let mut p = Problems::default();
    for m in messages() {
        // OPEN_REQ -> OpenReq: the typed struct is the guide's name in CamelCase.
        let camel: String = m
            .name
            .split('_')
            .map(|w| {
                let mut c = w.chars();
                match c.next() {
                    Some(f) => f.to_string() + &c.as_str().to_ascii_lowercase(),
                    None => String::new(),
                }
            })
            .collect();
        p.check(m.ident == camel, || {
            format!("{}: ident {} is not {camel}", m.name, m.ident)
        });
        p.check(
            m.name
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_'),
            || format!("{}: not an UPPER_SNAKE guide name", m.name),
        );
        // Requests travel client to server; confirmations and events server to client.
        let want = match m.kind {
            Kind::Request => Direction::ClientToServer,
            Kind::Confirmation | Kind::Event => Direction::ServerToClient,
        };
        p.check(m.direction == want, || {
            format!("{}: {:?} but {:?}", m.name, m.kind, m.direction)
        });
        p.check(!m.summary.is_empty(), || format!("{}: no summary", m.name));
        p.check((MIN_VERSION..=MAX_VERSION).contains(&m.since), || {
            format!("{}: since {}", m.name, m.since)
        });
    }
    p.done("names, directions, kinds");
}

#[test]
fn every_tag_appears_once_per_message() {
    let mut p = Problems::default();
    for m in messages() {
        let mut seen = BTreeMap::new();
        for f in all_fields(m) {
            if let Some(prev) = seen.insert(f.tag, f.name) {
                p.0.push(format!(
                    "{}: tag {} is both {prev} and {}",
                    m.name, f.tag, f.name
                ));
            }
        }
    }
    p.done("tags");
}

#[test]
fn every_group_starts_with_a_field() {
    let mut p = Problems::default();
    for m in messages() {
        for (g, _) in all_groups(m) {
            p.check(matches!(g.items.first(), Some(FloatItem::Field(_))), || {
                format!("{}: group {} does not start with a field", m.name, g.name)
            });
            p.check(
                g.max > 0 && !g.ident.is_empty() && !g.name.is_empty(),
                || format!("{}: group {} lacks a max, ident or name", m.name, g.name),
            );
            p.check(g.since >= m.since, || {
                format!("{}: group {} older than its message", m.name, g.name)
            });
        }
    }
    p.done("group starts");
}

#[test]
fn every_count_field_matches_its_group() {
    let mut p = Problems::default();
    for m in messages() {
        let groups = all_groups(m);
        // Each group has exactly one counter, of the right kind, in the right place.
        for (g, scope) in &groups {
            match g.count {
                GroupCount::Fixed => {
                    let counters: Vec<&FixedField> = m
                        .fixed
                        .iter()
                        .filter(|f| f.role == FixedRole::Count(g.ident))
                        .collect();
                    p.check(counters.len() == 1, || {
                        format!(
                            "{}: group {} has {} fixed counters",
                            m.name,
                            g.ident,
                            counters.len()
                        )
                    });
                    if let Some(c) = counters.first() {
                        p.check(c.ty == FixedType::U16, || {
                            format!("{}: counter {} is not a USHORT", m.name, c.name)
                        });
                        p.check(c.since <= g.since, || {
                            format!("{}: counter {} newer than its group", m.name, c.name)
                        });
                    }
                    // A fixed counter counts a top-level group.
                    p.check(ptr::eq(*scope, m.floating), || {
                        format!("{}: nested group {} has a fixed counter", m.name, g.ident)
                    });
                }
                GroupCount::Float(tag) => {
                    let pos_counter = scope
                        .iter()
                        .position(|it| matches!(it, FloatItem::Field(f) if f.tag == tag));
                    let pos_group = scope
                        .iter()
                        .position(|it| matches!(it, FloatItem::Group(x) if ptr::eq(x, *g)));
                    match (pos_counter, pos_group) {
                        (Some(c), Some(gp)) => {
                            let FloatItem::Field(f) = &scope[c] else {
                                unreachable!()
                            };
                            p.check(f.presence == Presence::CountOf(g.ident), || {
                                format!("{}: tag {tag} does not count {}", m.name, g.ident)
                            });
                            p.check(f.ty == FloatType::U16, || {
                                format!("{}: counter {tag} is not a USHORT", m.name)
                            });
                            p.check(c < gp, || {
                                format!("{}: counter {tag} follows its group", m.name)
                            });
                        }
                        _ => p.0.push(format!(
                            "{}: counter tag {tag} of {} not beside it",
                            m.name, g.ident
                        )),
                    }
                }
            }
        }
        // Each counter counts a group that exists.
        for f in m.fixed {
            if let FixedRole::Count(ident) = f.role {
                p.check(
                    groups
                        .iter()
                        .any(|(g, _)| g.ident == ident && g.count == GroupCount::Fixed),
                    || format!("{}: {} counts no group {ident}", m.name, f.name),
                );
            }
        }
        for f in all_fields(m) {
            if let Presence::CountOf(ident) = f.presence {
                p.check(
                    groups
                        .iter()
                        .any(|(g, _)| g.ident == ident && g.count == GroupCount::Float(f.tag)),
                    || format!("{}: {}[{}] counts no group {ident}", m.name, f.name, f.tag),
                );
            }
        }
    }
    p.done("counts");
}

fn is_rust_ident(s: &str) -> bool {
    !s.is_empty()
        && s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// Idents of one struct: the given items' value fields and group vectors.
fn struct_idents(items: &[FloatItem], out: &mut Vec<&'static str>) {
    for it in items {
        match it {
            FloatItem::Field(f) if is_value(f) => out.push(f.ident),
            FloatItem::Field(_) => {}
            FloatItem::Group(g) => out.push(g.ident),
        }
    }
}

#[test]
fn idents_are_unique_and_non_empty_for_value_fields() {
    let mut p = Problems::default();
    for m in messages() {
        // The message struct: fixed value fields, top-level floating values and groups.
        let mut idents: Vec<&str> = Vec::new();
        for f in m.fixed {
            match f.role {
                FixedRole::Value => {
                    p.check(is_rust_ident(f.ident), || {
                        format!("{}: fixed {} has ident {:?}", m.name, f.name, f.ident)
                    });
                    idents.push(f.ident);
                }
                _ => p.check(f.ident.is_empty(), || {
                    format!("{}: non-value fixed {} has an ident", m.name, f.name)
                }),
            }
        }
        struct_idents(m.floating, &mut idents);
        let mut structs = vec![(m.name.to_string(), idents)];
        for (g, _) in all_groups(m) {
            let mut gi = Vec::new();
            struct_idents(g.items, &mut gi);
            structs.push((format!("{} group {}", m.name, g.ident), gi));
        }
        for (what, idents) in structs {
            let set: BTreeSet<&str> = idents.iter().copied().collect();
            p.check(set.len() == idents.len(), || {
                format!("{what}: repeated ident in {idents:?}")
            });
            for i in idents {
                p.check(is_rust_ident(i), || format!("{what}: bad ident {i:?}"));
                p.check(i != "unknown", || {
                    format!("{what}: ident 'unknown' is taken by unknown fields")
                });
            }
        }
        for f in all_fields(m) {
            if is_value(f) {
                p.check(!f.ident.is_empty(), || {
                    format!("{}: {}[{}] has no ident", m.name, f.name, f.tag)
                });
            } else {
                p.check(f.ident.is_empty(), || {
                    format!("{}: non-value {}[{}] has an ident", m.name, f.name, f.tag)
                });
            }
        }
    }
    p.done("idents");
}

/// The shape of a group for comparison: tags, idents, types, presence and version, nested
/// groups included; names of the source notes are left out.
fn shape(items: &[FloatItem]) -> Vec<String> {
    items
        .iter()
        .map(|it| match it {
            FloatItem::Field(f) => format!(
                "{}:{}:{:?}:{:?}:{}:max{}",
                f.tag, f.ident, f.ty, f.presence, f.since, f.max
            ),
            FloatItem::Group(g) => format!(
                "group {}:{}:{:?}[{}]",
                g.ident,
                g.type_name,
                g.count,
                shape(g.items).join(",")
            ),
        })
        .collect()
}

#[test]
fn groups_sharing_a_type_have_identical_items() {
    let mut by_type: BTreeMap<&str, Vec<(&str, Vec<String>)>> = BTreeMap::new();
    for m in messages() {
        for (g, _) in all_groups(m) {
            if g.type_name.is_empty() {
                // A one-field group uses the field's type; nothing to share.
                assert_eq!(
                    g.items.len(),
                    1,
                    "{}: group {} needs a type",
                    m.name,
                    g.ident
                );
                continue;
            }
            by_type
                .entry(g.type_name)
                .or_default()
                .push((m.name, shape(g.items)));
        }
    }
    let mut p = Problems::default();
    for (ty, uses) in &by_type {
        let (first_msg, first) = &uses[0];
        for (msg, s) in &uses[1..] {
            p.check(s == first, || {
                format!("type {ty}: {first_msg} has {first:?}\n    but {msg} has {s:?}")
            });
        }
    }
    p.done("shared group types");
    // The shared types the table documents as shared really are used more than once.
    for ty in ["CsqState", "ConnectedParty", "QueuedCsq"] {
        assert!(by_type.get(ty).map(Vec::len).unwrap_or(0) >= 2, "{ty}");
    }
}

fn reason_ok(s: Source) -> bool {
    match s {
        Source::Confirmed => true,
        Source::Unconfirmed(why) => !why.trim().is_empty(),
    }
}

#[test]
fn every_unconfirmed_source_has_a_reason() {
    let mut p = Problems::default();
    for m in messages() {
        p.check(reason_ok(m.id_source), || format!("{}: ID", m.name));
        for f in m.fixed {
            p.check(reason_ok(f.source), || format!("{}: {}", m.name, f.name));
        }
        for f in all_fields(m) {
            p.check(reason_ok(f.source), || {
                format!("{}: {}[{}]", m.name, f.name, f.tag)
            });
        }
    }
    for t in enum_tables() {
        for v in t.values {
            p.check(reason_ok(v.source), || format!("{}: {}", t.name, v.name));
        }
    }
    for t in mask_tables() {
        for v in t.bits {
            p.check(reason_ok(v.source), || format!("{}: {}", t.name, v.name));
        }
    }
    p.done("sources");
    // Unconfirmed entries exist (the digest marks many), so the check above ran on some.
    assert!(messages().iter().any(|m| !m.id_source.is_confirmed()));
}

#[test]
fn every_value_table_used_is_listed() {
    let enums = enum_tables();
    let masks = mask_tables();
    let listed = |i: Interp| match i {
        Interp::Plain => true,
        Interp::Enum(t) => enums.iter().any(|e| ptr::eq(*e, t)),
        Interp::Mask(t) => masks.iter().any(|e| ptr::eq(*e, t)),
    };
    let mut p = Problems::default();
    let mut used = 0;
    for m in messages() {
        for f in m.fixed {
            used += !matches!(f.interp, Interp::Plain) as usize;
            p.check(listed(f.interp), || format!("{}: {}", m.name, f.name));
        }
        for f in all_fields(m) {
            used += !matches!(f.interp, Interp::Plain) as usize;
            p.check(listed(f.interp), || {
                format!("{}: {}[{}]", m.name, f.name, f.tag)
            });
        }
    }
    p.done("value tables");
    assert!(used > 100, "only {used} fields refer to value tables");
}

#[test]
fn field_sizes_and_versions_are_sane() {
    let mut p = Problems::default();
    for m in messages() {
        let mut last_since = MIN_VERSION;
        for f in m.fixed {
            p.check((MIN_VERSION..=MAX_VERSION).contains(&f.since), || {
                format!("{}: {} since {}", m.name, f.name, f.since)
            });
            // A field added by a later version sits after the older ones, so older readers
            // see an unchanged prefix.
            p.check(f.since >= last_since, || {
                format!(
                    "{}: {} (v{}) after a v{last_since} field",
                    m.name, f.name, f.since
                )
            });
            last_since = f.since;
            if let FixedRole::Reserved(v) = f.role {
                let bits = f.ty.size() * 8;
                p.check(bits >= 64 || v < 1u64 << bits, || {
                    format!("{}: reserved {v} does not fit {:?}", m.name, f.ty)
                });
            }
        }
        let mut fields = Vec::new();
        effective_since(m.floating, m.since, &mut fields);
        for (f, since) in fields {
            p.check((MIN_VERSION..=MAX_VERSION).contains(&f.since), || {
                format!("{}: {}[{}] since {}", m.name, f.name, f.tag, f.since)
            });
            // Tags above 255 need the 2-byte tag of v18: the field, its group or its message
            // must not exist before then.
            p.check(f.tag <= 255 || since >= 18, || {
                format!("{}: tag {} exists before v18", m.name, f.tag)
            });
            if let Some(n) = f.ty.exact_len() {
                p.check(f.max as usize == n, || {
                    format!(
                        "{}: {}[{}] max {} for a {n}-byte type",
                        m.name, f.name, f.tag, f.max
                    )
                });
            }
            p.check(f.max > 0, || {
                format!("{}: {}[{}] max 0", m.name, f.name, f.tag)
            });
        }
    }
    p.done("sizes and versions");
}

/// `(first version, last version, bytes)` ranges of one message's fixed part.
type Lengths = &'static [(u8, u8, usize)];

/// Fixed-part sizes in bytes, worked out by hand from the digest's layout tables, per range
/// of protocol versions.
const FIXED_LENGTHS: &[(&str, Lengths)] = &[
    ("FAILURE_CONF", &[(10, 18, 8)]),
    ("FAILURE_EVENT", &[(10, 18, 4)]),
    ("OPEN_REQ", &[(10, 18, 44)]), // 8 UINTs + 3 reserved UINTs (CSCvs94144: BodyLength 69)
    ("OPEN_CONF", &[(10, 18, 26)]),
    ("HEARTBEAT_REQ", &[(10, 18, 4)]),
    ("CLOSE_REQ", &[(10, 18, 8)]),
    ("SYSTEM_EVENT", &[(10, 18, 26)]),
    ("AGENT_STATE_EVENT", &[(10, 18, 58)]),
    ("QUERY_AGENT_STATE_REQ", &[(10, 18, 16)]),
    ("QUERY_AGENT_STATE_CONF", &[(10, 18, 30)]),
    ("SET_AGENT_STATE_REQ", &[(10, 11, 17), (12, 18, 21)]),
    ("CONTROL_FAILURE_CONF", &[(10, 18, 10)]),
    ("SET_CALL_DATA_REQ", &[(10, 18, 30)]),
    ("ALTERNATE_CALL_REQ", &[(10, 18, 20)]),
    ("ANSWER_CALL_REQ", &[(10, 18, 14)]),
    ("CLEAR_CALL_REQ", &[(10, 18, 14)]),
    ("CLEAR_CONNECTION_REQ", &[(10, 18, 14)]),
    ("CONFERENCE_CALL_REQ", &[(10, 18, 40)]),
    ("CONFERENCE_CALL_CONF", &[(10, 18, 16)]),
    ("CONSULT_CALL_REQ", &[(10, 18, 36)]),
    ("CONSULT_CALL_CONF", &[(10, 18, 14)]),
    ("HOLD_CALL_REQ", &[(10, 18, 16)]),
    ("MAKE_CALL_REQ", &[(10, 13, 28), (14, 18, 32)]),
    ("MAKE_CALL_CONF", &[(10, 18, 14)]),
    ("RECONNECT_CALL_REQ", &[(10, 18, 20)]),
    ("RETRIEVE_CALL_REQ", &[(10, 18, 14)]),
    ("TRANSFER_CALL_REQ", &[(10, 18, 40)]),
    ("TRANSFER_CALL_CONF", &[(10, 18, 16)]),
    ("QUERY_DEVICE_INFO_REQ", &[(10, 18, 10)]),
    ("QUERY_DEVICE_INFO_CONF", &[(10, 18, 40)]),
    ("SNAPSHOT_CALL_REQ", &[(10, 18, 14)]),
    ("SNAPSHOT_CALL_CONF", &[(10, 10, 16), (11, 18, 20)]),
    ("SNAPSHOT_DEVICE_REQ", &[(10, 18, 10)]),
    ("SNAPSHOT_DEVICE_CONF", &[(10, 18, 6)]),
    ("SEND_DTMF_SIGNAL_REQ", &[(10, 18, 20)]),
    ("BAD_CALL_REQ", &[(10, 18, 14)]),
    ("CALL_DELIVERED_EVENT", &[(10, 18, 54)]),
    ("CALL_ESTABLISHED_EVENT", &[(10, 18, 50)]),
    ("CALL_HELD_EVENT", &[(10, 18, 22)]),
    ("CALL_RETRIEVED_EVENT", &[(10, 18, 22)]),
    ("CALL_CLEARED_EVENT", &[(10, 18, 20)]),
    ("CALL_CONNECTION_CLEARED_EVENT", &[(10, 18, 22)]),
    ("CALL_ORIGINATED_EVENT", &[(10, 18, 46)]),
    ("CALL_FAILED_EVENT", &[(10, 18, 24)]),
    ("CALL_CONFERENCED_EVENT", &[(10, 18, 46)]),
    ("CALL_TRANSFERRED_EVENT", &[(10, 18, 46)]),
    ("CALL_DIVERTED_EVENT", &[(10, 18, 32)]),
    ("CALL_SERVICE_INITIATED_EVENT", &[(10, 18, 44)]),
    ("CALL_QUEUED_EVENT", &[(10, 18, 40)]),
    ("CALL_DEQUEUED_EVENT", &[(10, 18, 34)]),
    ("BEGIN_CALL_EVENT", &[(10, 18, 26)]),
    ("END_CALL_EVENT", &[(10, 18, 16)]),
    ("CALL_DATA_UPDATE_EVENT", &[(10, 18, 40)]),
    ("RTP_STARTED_EVENT", &[(10, 18, 34)]),
    ("RTP_STOPPED_EVENT", &[(10, 18, 20)]),
    ("SUPERVISOR_ASSIST_REQ", &[(10, 18, 14)]),
    ("SUPERVISOR_ASSIST_CONF", &[(10, 18, 14)]),
    ("SUPERVISOR_ASSIST_EVENT", &[(10, 18, 14)]),
    ("EMERGENCY_CALL_REQ", &[(10, 18, 14)]),
    ("EMERGENCY_CALL_CONF", &[(10, 18, 14)]),
    ("EMERGENCY_CALL_EVENT", &[(10, 18, 18)]),
    ("SUPERVISE_CALL_REQ", &[(10, 18, 22)]),
    ("SUPERVISE_CALL_CONF", &[(10, 18, 10)]),
    ("CONFIG_REQUEST_KEY_EVENT", &[(10, 10, 0), (11, 18, 4)]),
    ("CONFIG_KEY_EVENT", &[(10, 18, 4)]),
    ("CONFIG_REQUEST_EVENT", &[(10, 10, 4), (11, 18, 8)]),
    ("CONFIG_BEGIN_EVENT", &[(10, 18, 6)]),
    ("CONFIG_END_EVENT", &[(10, 18, 4)]),
    ("CONFIG_APPLICATION_EVENT", &[(10, 18, 2)]),
    ("CONFIG_CSQ_EVENT", &[(10, 18, 2)]),
    ("CONFIG_AGENT_EVENT", &[(10, 18, 2)]),
    ("CONFIG_DEVICE_EVENT", &[(10, 18, 2)]),
    ("CONFIG_TERMINAL_EVENT", &[(18, 18, 2)]),
    ("TEAM_CONFIG_REQ", &[(10, 18, 14)]),
    ("TEAM_CONFIG_EVENT", &[(10, 18, 16)]),
    ("TEAM_CONFIG_CONF", &[(10, 18, 8)]),
    ("QUERY_QUEUE_STATISTICS_CONF", &[(10, 18, 40)]), // the confirmed head only
    ("QUERY_AGENT_QUEUE_STATISTICS_CONF", &[(10, 18, 12)]),
    ("QUERY_SUMMARY_STATISTICS_CONF", &[(10, 18, 50)]), // the confirmed head only
];

#[test]
fn fixed_lengths_match_the_digest() {
    let mut p = Problems::default();
    for (name, ranges) in FIXED_LENGTHS {
        let Some(l) = cti_proto::layout::layout_by_name(name) else {
            p.0.push(format!("{name}: not in the table"));
            continue;
        };
        for &(from, to, len) in *ranges {
            for v in from..=to {
                p.check(l.spec.fixed_len(v) == len, || {
                    format!(
                        "{name} v{v}: {} bytes, digest says {len}",
                        l.spec.fixed_len(v)
                    )
                });
                p.check(l.fixed_len(v) == len, || {
                    format!("{name} v{v}: layout caches {} bytes", l.fixed_len(v))
                });
            }
        }
    }
    p.done("fixed lengths");
}

/// The value tables: ascending, unique values and names, every bit of a mask a single bit.
#[test]
fn value_tables_are_well_formed() {
    let mut p = Problems::default();
    for t in enum_tables() {
        p.check(matches!(t.repr, "u8" | "u16" | "u32"), || {
            format!("{}: repr {}", t.name, t.repr)
        });
        let names: BTreeSet<&str> = t.values.iter().map(|v| v.name).collect();
        p.check(names.len() == t.values.len(), || {
            format!("{}: repeated name", t.name)
        });
        for w in t.values.windows(2) {
            p.check(w[0].value < w[1].value, || {
                format!("{}: {} not below {}", t.name, w[0].name, w[1].name)
            });
        }
    }
    for t in mask_tables() {
        for b in t.bits {
            p.check(b.value.count_ones() == 1, || {
                format!("{}: {} is not one bit", t.name, b.name)
            });
        }
        for w in t.bits.windows(2) {
            p.check(w[0].value < w[1].value, || {
                format!("{}: {} not below {}", t.name, w[0].name, w[1].name)
            });
        }
    }
    p.done("value tables");
}
