//! Property tests of the codec against the message table.
//!
//! * Every message type at every protocol version (10–18, and 18 with two-byte field
//!   lengths): a random valid frame built from the table alone (see `frame_gen`) passes strict
//!   validation as its own direction, decodes to its typed message, re-encodes byte for byte,
//!   and decodes again to an equal value.
//! * Arbitrary bytes, random type IDs with random bodies, truncated and bit-flipped valid
//!   frames never panic the view, validation, decoding or rendering; the view and validation
//!   allocate nothing and owned decoding allocates at most `decode_alloc_bound(frame length)`
//!   (checks shared with the fuzz targets, `fuzz/checks.rs`), including bodies packed with the
//!   shortest possible group instances.
//! * Strict validation gives exactly the answer of the simpler validator it was optimised
//!   from (`validate_reference`), on valid frames and near misses at every version; and a
//!   `Validator` that has learnt the valid frame's shape gives each near miss `validate_with`'s
//!   answer and hands over the same fields.
//!
//! A failing case prints its seed; proptest records it in `roundtrip.proptest-regressions`,
//! which is replayed first on every run.

mod frame_gen;
mod validate_reference;

#[allow(dead_code)]
mod checks {
    include!("../../../fuzz/checks.rs");
}

use checks::{all_settings, check_decode_input, check_frame, measure_allocs, CountingAlloc};
use cti_proto::layout::{layouts, Layout};
use cti_proto::msg::Message;
use cti_proto::validate::{validate, validate_with, Validator};
use cti_proto::{FrameView, Problem, Settings, StatusCode};
use frame_gen::{valid_frame, Rng, Shape};
use proptest::prelude::*;

#[global_allocator]
static ALLOC: CountingAlloc = CountingAlloc;

/// Check one generated valid frame end to end; `what` names the case in failures.
fn check_valid(layout: &Layout, s: &Settings, g: &frame_gen::Generated, what: &str) {
    let spec = layout.spec;
    let frame = &g.frame;
    let ctx = || {
        format!(
            "{} at v{}{} ({what}): {:02x?}",
            spec.name,
            s.version,
            if s.len_width() == 2 { " wide" } else { "" },
            frame
        )
    };

    // Borrowed view.
    let view = FrameView::new(frame, s).unwrap_or_else(|e| panic!("view: {e} — {}", ctx()));
    assert_eq!(view.name(), Some(spec.name));
    assert_eq!(
        view.fixed().count(),
        spec.fixed
            .iter()
            .filter(|f| f.present_in(s.version))
            .count(),
        "fixed fields — {}",
        ctx()
    );
    let floating: Vec<_> = view
        .floating()
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("floating: {e} — {}", ctx()));
    assert_eq!(floating.len(), g.floating_fields, "field count — {}", ctx());
    assert!(floating.iter().all(|f| f.spec.is_some()), "{}", ctx());

    // Strict validation as the message's own direction; the fused walk hands out exactly the
    // fields the view's iterator gives.
    let verdict = validate(&view, spec.direction);
    let mut handed = Vec::new();
    let fused = validate_with(&view, spec.direction, |f| handed.push(f));
    assert_eq!(fused, verdict, "{}", ctx());
    if verdict.is_ok() {
        assert_eq!(handed.len(), floating.len(), "{}", ctx());
        for (a, b) in handed.iter().zip(&floating) {
            assert_eq!(a.resolved.raw, b.resolved.raw, "{}", ctx());
            assert_eq!(
                (a.resolved.slot, a.resolved.opens, a.resolved.implicit),
                (b.resolved.slot, b.resolved.opens, b.resolved.implicit),
                "{}",
                ctx()
            );
            assert!(std::ptr::eq(a.spec.unwrap(), b.spec.unwrap()));
        }
    }
    if s.version >= spec.since {
        if let Err(e) = verdict {
            panic!("strict validation refused: {e} — {}", ctx());
        }
    } else {
        assert_eq!(
            verdict.map_err(|e| e.problem),
            Err(Problem::NotInVersion { since: spec.since }),
            "{}",
            ctx()
        );
    }

    // bytes → typed → bytes → typed.
    let m = Message::decode_frame(frame, s).unwrap_or_else(|e| panic!("decode: {e} — {}", ctx()));
    assert!(!matches!(m, Message::Unknown(_)), "{}", ctx());
    assert_eq!(m.name(), spec.name);
    let again = m
        .to_bytes(s)
        .unwrap_or_else(|e| panic!("re-encode: {e} — {}", ctx()));
    if again[..] != frame[..] {
        panic!(
            "re-encoding differs — {}\n  typed: {m:?}\n  again: {:02x?}",
            ctx(),
            &again[..]
        );
    }
    let m2 = Message::decode_frame(&again, s).unwrap();
    assert_eq!(m2, m, "{}", ctx());

    // The shared fuzz checks hold too (allocation limits included).
    let outcome = check_frame(frame, s);
    assert_eq!(outcome.valid, s.version >= spec.since, "{}", ctx());
}

fn settings_label(s: &Settings) -> String {
    format!(
        "v{}{}",
        s.version,
        if s.len_width() == 2 { "w" } else { "" }
    )
}

#[test]
fn minimal_frame_of_every_message_at_every_version_round_trips() {
    for layout in layouts() {
        for s in all_settings() {
            let g = valid_frame(layout, &s, &mut Rng::new(0), Shape::Minimal);
            check_valid(layout, &s, &g, "minimal");
        }
    }
}

#[test]
fn the_builder_reaches_groups_rules_and_long_values() {
    // Guard against a builder that quietly generates only trivial frames.
    let mut rng = Rng::new(7);
    let s = Settings::new(18);
    let mut with_instances = 0;
    let mut max_len = 0;
    for layout in layouts() {
        for _ in 0..8 {
            let g = valid_frame(layout, &s, &mut rng, Shape::Random);
            with_instances += (g.instances > 0) as usize;
            max_len = max_len.max(g.frame.len());
        }
    }
    let grouped = layouts().iter().filter(|l| !l.groups.is_empty()).count();
    assert!(grouped >= 10, "only {grouped} messages have groups");
    assert!(
        with_instances >= grouped,
        "{with_instances} frames had groups"
    );
    assert!(max_len > 2000, "longest frame only {max_len} bytes");
}

#[test]
fn counting_allocator_counts() {
    // The zero-allocation assertions mean something only if the counter sees allocations.
    let (v, stats) = measure_allocs(|| vec![1u8; 100]);
    assert_eq!(v.len(), 100);
    assert!(stats.calls >= 1 && stats.bytes >= 100, "{stats:?}");
    let (_, none) = measure_allocs(|| 1 + 1);
    assert_eq!(none.calls, 0);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// Every message type × every version, one random valid frame each per case (each case
    /// checks ~950 frames).
    #[test]
    fn random_valid_frame_of_every_message_at_every_version_round_trips(seed in any::<u64>()) {
        let mut rng = Rng::new(seed);
        for layout in layouts() {
            for s in all_settings() {
                let g = valid_frame(layout, &s, &mut rng, Shape::Random);
                check_valid(layout, &s, &g, &format!("seed {seed}"));
            }
        }
    }

    /// Lenient decoding keeps floating fields the message does not define and writes them
    /// back; strict validation refuses them with E_CTI_INVALID_FIELD.
    #[test]
    fn unknown_fields_survive_lenient_decoding(seed in any::<u64>(), pick in any::<prop::sample::Index>(), sp in 0usize..10) {
        let layout = &layouts()[pick.index(layouts().len())];
        let s = all_settings()[sp];
        let mut rng = Rng::new(seed);
        let mut frame = valid_frame(layout, &s, &mut rng, Shape::Random).frame;
        let mut added = 0;
        for _ in 0..rng.range(1, 3) {
            let tag = rng.below(s.max_tag() as u64 + 1) as u16;
            if layout.slot_of(tag) != cti_proto::layout::NO_SLOT {
                continue;
            }
            let len = rng.range(0, 20);
            if s.tag_width() == 2 { frame.extend_from_slice(&tag.to_be_bytes()) } else { frame.push(tag as u8) }
            if s.len_width() == 2 { frame.extend_from_slice(&(len as u16).to_be_bytes()) } else { frame.push(len as u8) }
            frame.extend((0..len).map(|_| rng.next_u64() as u8));
            added += 1;
        }
        let body_len = (frame.len() - 8) as u32;
        frame[..4].copy_from_slice(&body_len.to_be_bytes());
        prop_assume!(body_len <= s.max_body);
        let m = Message::decode_frame(&frame, &s).unwrap();
        prop_assert_eq!(&m.to_bytes(&s).unwrap()[..], &frame[..], "{} {}", layout.spec.name, settings_label(&s));
        if added > 0 && s.version >= layout.spec.since {
            let view = FrameView::new(&frame, &s).unwrap();
            let e = validate(&view, layout.spec.direction).unwrap_err();
            prop_assert_eq!(e.status(), StatusCode::E_CTI_INVALID_FIELD, "{}", e);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Bytes that are not a frame at all, or a header with any length.
    #[test]
    fn arbitrary_bytes_never_panic(data in prop::collection::vec(any::<u8>(), 0..400)) {
        check_decode_input(&data);
    }

    /// Known and unknown type IDs with random bodies of consistent length.
    #[test]
    fn random_bodies_never_panic(
        known in any::<bool>(),
        pick in any::<prop::sample::Index>(),
        random_id in any::<u32>(),
        body in prop::collection::vec(any::<u8>(), 0..600),
    ) {
        let id = if known { layouts()[pick.index(layouts().len())].spec.id } else { random_id };
        let mut frame = Vec::with_capacity(8 + body.len());
        frame.extend_from_slice(&(body.len() as u32).to_be_bytes());
        frame.extend_from_slice(&id.to_be_bytes());
        frame.extend_from_slice(&body);
        check_decode_input(&frame);
    }

    /// Valid frames cut short or with flipped bits: close to valid, so they reach deep into
    /// the decoders.
    #[test]
    fn truncated_and_bit_flipped_valid_frames_never_panic(
        seed in any::<u64>(),
        pick in any::<prop::sample::Index>(),
        sp in 0usize..10,
    ) {
        let layout = &layouts()[pick.index(layouts().len())];
        let s = all_settings()[sp];
        let mut rng = Rng::new(seed);
        let frame = valid_frame(layout, &s, &mut rng, Shape::Random).frame;
        // Cut at a random point, keeping the header (so the view fails) and fixing it (so the
        // body is parsed as far as it goes).
        let cut = rng.range(0, frame.len());
        check_frame(&frame[..cut], &s);
        if cut >= 8 {
            let mut short = frame[..cut].to_vec();
            short[..4].copy_from_slice(&((cut - 8) as u32).to_be_bytes());
            check_frame(&short, &s);
        }
        // Flip one to four bits anywhere after the header, then anywhere at all.
        for skip_header in [true, false] {
            let mut flipped = frame.clone();
            for _ in 0..rng.range(1, 4) {
                let lo = if skip_header && frame.len() > 8 { 8 } else { 0 };
                let i = rng.range(lo, frame.len() - 1);
                flipped[i] ^= 1 << rng.below(8);
            }
            check_decode_input(&flipped);
        }
    }
}

/// The worst case for owned decoding: a body packed with the shortest possible instance of a
/// repeated group (its opening field alone, with the least data it can have), each of which
/// makes the decoder push a whole group element.
#[test]
fn group_floods_stay_within_the_allocation_bound() {
    checks::warm_up();
    let mut worst = (0.0f64, String::new());
    let mut over = Vec::new();
    for layout in layouts() {
        for s in [Settings::new(16), Settings::new(18)] {
            // Each group's opening field, and a tag this message does not define (kept in
            // `unknown`, one `RawField` per two bytes of frame).
            let unknown_tag = (1..=255u16)
                .rev()
                .find(|t| layout.slot_of(*t) == cti_proto::layout::NO_SLOT)
                .unwrap();
            let unknown = cti_proto::spec::FloatField::unspec(unknown_tag, "unknown", "", 0);
            let starts = layout
                .slots
                .iter()
                .filter(|sl| sl.is_start)
                .map(|sl| sl.field);
            for f in starts.chain([&unknown]) {
                if f.tag > s.max_tag() {
                    continue;
                }
                let data: &[u8] = match f.ty.exact_len() {
                    Some(n) => &[0u8; 8][..n],
                    None => match f.ty {
                        cti_proto::spec::FloatType::Bool => &[0, 1],
                        cti_proto::spec::FloatType::NamedVar => &[0, 0],
                        cti_proto::spec::FloatType::NamedArray => &[0, 0, 0],
                        _ => &[],
                    },
                };
                let mut field = Vec::new();
                if s.tag_width() == 2 {
                    field.extend_from_slice(&f.tag.to_be_bytes());
                } else {
                    field.push(f.tag as u8);
                }
                field.push(data.len() as u8);
                field.extend_from_slice(data);
                let fixed_len = layout.fixed_len(s.version);
                for body_len in [256usize, 4096] {
                    let mut frame = vec![0u8; 8 + fixed_len];
                    while frame.len() + field.len() <= 8 + body_len {
                        frame.extend_from_slice(&field);
                    }
                    let n = (frame.len() - 8) as u32;
                    frame[..4].copy_from_slice(&n.to_be_bytes());
                    frame[4..8].copy_from_slice(&layout.spec.id.to_be_bytes());
                    let (r, stats) = measure_allocs(|| Message::decode_frame(&frame, &s));
                    let ratio = stats.bytes as f64 / frame.len() as f64;
                    if ratio > worst.0 {
                        worst = (
                            ratio,
                            format!(
                                "{} tag {} v{} {} bytes: {:?} {} B",
                                layout.spec.name,
                                f.tag,
                                s.version,
                                frame.len(),
                                r.map(|_| ()),
                                stats.bytes
                            ),
                        );
                    }
                    if stats.bytes as usize > checks::decode_alloc_bound(frame.len()) {
                        over.push(format!(
                            "{} tag {} v{} {} bytes → {} B",
                            layout.spec.name,
                            f.tag,
                            s.version,
                            frame.len(),
                            stats.bytes
                        ));
                    }
                }
            }
        }
    }
    eprintln!(
        "worst decode allocation per frame byte: {:.1} ({})",
        worst.0, worst.1
    );
    assert!(
        over.is_empty(),
        "{} floods over the bound:\n{}",
        over.len(),
        over.join("\n")
    );
}

/// Found by the bit-flip property: a count field older than its group (CONFIG_TERMINAL_EVENT's
/// NumRecords exists at every version, its records only from 18) must count 0 where the
/// encoder leaves the group out, or the frame contradicts itself.
#[test]
fn a_group_absent_at_the_version_is_counted_as_zero() {
    use cti_proto::msg::{ConfigTerminalEvent, ConfigTerminalRecord, CtiMessage};
    let m = ConfigTerminalEvent {
        records: vec![ConfigTerminalRecord::default()],
        ..Default::default()
    };
    let s = Settings::new(16);
    let bytes = m.to_bytes(&s).unwrap();
    assert_eq!(&bytes[8..], &[0, 0], "NumRecords 0 and no records at v16");
    let back = ConfigTerminalEvent::decode_frame(&bytes, &s).unwrap();
    assert_eq!(back.to_bytes(&s).unwrap(), bytes);
}

/// The optimised validator gives exactly the reference validator's answer (same problem,
/// field, tag and offset) for `frame` as either direction.
fn same_verdict_as_reference(frame: &[u8], s: &Settings) {
    checks::warm_up();
    let Ok(view) = FrameView::new(frame, s) else {
        return;
    };
    for dir in [
        cti_proto::spec::Direction::ClientToServer,
        cti_proto::spec::Direction::ServerToClient,
    ] {
        let (fast, stats) = measure_allocs(|| validate(&view, dir));
        assert_eq!(stats.calls, 0);
        let mut seen = 0usize;
        let (fused, stats) = measure_allocs(|| validate_with(&view, dir, |_| seen += 1));
        assert_eq!(stats.calls, 0);
        assert_eq!(fused, fast);
        let reference = validate_reference::validate(&view, dir);
        assert_eq!(fast, reference, "v{} {:?}: {:02x?}", s.version, dir, frame);
    }
}

/// A field as `validate_with` hands it over: tag, offset, length, slot, instances opened.
type Handed = (u16, usize, usize, u8, u8);

/// What a validation answers and the fields it hands over, comparable.
fn handed(
    run: impl FnOnce(
        &mut dyn FnMut(cti_proto::view::FloatingField<'_>),
    ) -> Result<(), cti_proto::DecodeError>,
) -> (Result<(), cti_proto::DecodeError>, Vec<Handed>) {
    let mut got = Vec::new();
    let r = run(&mut |f| {
        got.push((
            f.tag(),
            f.offset(),
            f.data().len(),
            f.resolved.slot,
            f.resolved.opens,
        ))
    });
    (r, got)
}

/// A `Validator` that has learnt `learnt`'s shape gives `frame` exactly `validate_with`'s
/// answer and hands over the same fields, and so does it again once it has seen `frame`, and
/// for both frames in turn (each tried against the other's shape first); a validator that has
/// seen both allocates nothing for either.
fn same_verdict_with_shapes(learnt: &[u8], frame: &[u8], s: &Settings) {
    let (Ok(lv), Ok(view)) = (FrameView::new(learnt, s), FrameView::new(frame, s)) else {
        return;
    };
    for dir in [
        cti_proto::spec::Direction::ClientToServer,
        cti_proto::spec::Direction::ServerToClient,
    ] {
        let want = handed(|each| validate_with(&view, dir, each));
        let mut v = Validator::new();
        let _ = v.validate(&lv, dir);
        let got = handed(|each| v.validate_with(&view, dir, each));
        assert_eq!(
            got, want,
            "v{} {:?}: {:02x?} after {:02x?}",
            s.version, dir, frame, learnt
        );
        let again = handed(|each| v.validate_with(&view, dir, each));
        assert_eq!(
            again, want,
            "again: v{} {:?}: {:02x?}",
            s.version, dir, frame
        );
        // Each now tried against the other's shape first (when both passed: it keeps both).
        let learnt_want = handed(|each| validate_with(&lv, dir, each));
        for _ in 0..2 {
            assert_eq!(handed(|each| v.validate_with(&lv, dir, each)), learnt_want);
            assert_eq!(handed(|each| v.validate_with(&view, dir, each)), want);
        }
        let ((), stats) = measure_allocs(|| {
            let _ = v.validate(&lv, dir);
            let _ = v.validate(&view, dir);
        });
        assert_eq!(
            stats.calls, 0,
            "a validator that knows both shapes allocates"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    /// Valid frames and near misses of every kind, against the reference validator.
    #[test]
    fn validation_matches_the_reference_validator(
        seed in any::<u64>(),
        pick in any::<prop::sample::Index>(),
        sp in 0usize..10,
    ) {
        let layout = &layouts()[pick.index(layouts().len())];
        let s = all_settings()[sp];
        let mut rng = Rng::new(seed);
        let frame = valid_frame(layout, &s, &mut rng, Shape::Random).frame;
        let fix_len = |mut f: Vec<u8>| {
            if f.len() >= 8 {
                let n = (f.len() - 8) as u32;
                f[..4].copy_from_slice(&n.to_be_bytes());
            }
            f
        };
        same_verdict_as_reference(&frame, &s);
        // The same bytes read at every other setting, and at versions outside 10–18.
        for other in all_settings() {
            same_verdict_as_reference(&frame, &other);
        }
        same_verdict_as_reference(&frame, &Settings::new(9));
        same_verdict_as_reference(&frame, &Settings::new(19));
        for _ in 0..8 {
            let mut m = frame.clone();
            match rng.below(6) {
                0 => {
                    let cut = rng.range(8, m.len());
                    m.truncate(cut);
                }
                1 if m.len() > 8 => {
                    let i = rng.range(8, m.len() - 1);
                    m[i] ^= 1 << rng.below(8);
                }
                2 => {
                    let i = rng.range(8, m.len());
                    let n = rng.range(1, 6);
                    let junk: Vec<u8> = (0..n).map(|_| rng.next_u64() as u8).collect();
                    m.splice(i..i, junk);
                }
                3 => {
                    // Duplicate a stretch (repeats fields and group instances).
                    let a = rng.range(8, m.len());
                    let b = rng.range(a, m.len());
                    let piece = m[a..b].to_vec();
                    m.extend(piece);
                }
                4 => {
                    let i = rng.range(8, m.len());
                    let j = rng.range(i, m.len());
                    m.drain(i..j);
                }
                _ if m.len() > 8 => {
                    let i = rng.range(8, m.len() - 1);
                    m[i] = rng.next_u64() as u8;
                }
                _ => m.push(rng.next_u64() as u8),
            }
            let m = fix_len(m);
            same_verdict_as_reference(&m, &s);
            same_verdict_with_shapes(&frame, &m, &s);
        }
    }
}
