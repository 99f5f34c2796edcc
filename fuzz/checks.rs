// The checks shared by the fuzz targets (fuzz/fuzz_targets/*.rs) and by the ordinary tests
// that replay the committed corpus (crates/cti-proto/tests/fuzz_corpus.rs) and feed random
// bytes (crates/cti-proto/tests/roundtrip.rs). Each of those `include!`s this file, so a
// fuzzer finding and a test failure are the same assertion.
//
// The includer must install the counting allocator:
//     #[global_allocator]
//     static ALLOC: CountingAlloc = CountingAlloc;
// and must enable cti-proto's "tokio" feature for the FrameCodec half of `check_stream` to
// run, and "serde" for the JSON rendering check (each is compiled out otherwise).

use std::alloc::{GlobalAlloc, Layout as AllocLayout, System};
use std::cell::Cell;

use cti_proto::msg::Message;
use cti_proto::spec::Direction;
use cti_proto::validate::{validate, Validator};
use cti_proto::wire::{self, LengthWidth, Settings, Split, HEADER_LEN};
use cti_proto::FrameView;

/// Heap bytes one `Message::decode` may request per byte of frame, plus a constant for the
/// first allocations: decoding is linear in the bytes actually received and never sized from a
/// declared length or count.
///
/// Why 64 and not 4: the owned representation is larger than the wire. A string is copied once
/// (at most 3 bytes per byte, when invalid UTF-8 becomes U+FFFD), but every group instance and
/// every unknown field becomes a whole element of a `Vec`: a two-byte empty unknown field is a
/// 32-byte `RawField`, a four-byte empty NAMEDVARIABLE a 48-byte `NamedVariable`, a four-byte
/// RecordType opens a CONFIG_AGENT_EVENT record of ~90 bytes, and `Vec` growth doubles it.
/// `group_floods_stay_within_the_allocation_bound` (tests/roundtrip.rs) packs bodies with the
/// shortest instance of every group and measured at most 46 bytes per frame byte.
pub const DECODE_ALLOC_PER_BYTE: usize = 64;
/// See [`DECODE_ALLOC_PER_BYTE`].
pub const DECODE_ALLOC_CONST: usize = 4096;

/// The most heap bytes `Message::decode` may request for a frame of `frame_len` bytes.
pub fn decode_alloc_bound(frame_len: usize) -> usize {
    DECODE_ALLOC_PER_BYTE * frame_len + DECODE_ALLOC_CONST
}

/// A global allocator that counts, per thread, the allocations made and the bytes requested
/// (a `realloc` counts as its growth), so a test can measure one call while other tests run on
/// other threads.
pub struct CountingAlloc;

thread_local! {
    static ALLOC_CALLS: Cell<u64> = const { Cell::new(0) };
    static ALLOC_BYTES: Cell<u64> = const { Cell::new(0) };
}

fn note_alloc(bytes: usize) {
    // `try_with` because the allocator also runs while thread-locals are torn down.
    let _ = ALLOC_CALLS.try_with(|c| c.set(c.get() + 1));
    let _ = ALLOC_BYTES.try_with(|c| c.set(c.get() + bytes as u64));
}

// SAFETY: every call is forwarded unchanged to `System`; the counters are plain thread-local
// cells that never allocate (const-initialised, no destructor).
unsafe impl GlobalAlloc for CountingAlloc {
    unsafe fn alloc(&self, layout: AllocLayout) -> *mut u8 {
        note_alloc(layout.size());
        System.alloc(layout)
    }
    unsafe fn alloc_zeroed(&self, layout: AllocLayout) -> *mut u8 {
        note_alloc(layout.size());
        System.alloc_zeroed(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: AllocLayout) {
        System.dealloc(ptr, layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: AllocLayout, new_size: usize) -> *mut u8 {
        note_alloc(new_size.saturating_sub(layout.size()));
        System.realloc(ptr, layout, new_size)
    }
}

/// What one measured call allocated on this thread.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AllocStats {
    /// Calls to alloc / alloc_zeroed / realloc.
    pub calls: u64,
    /// Bytes requested (growth only for realloc).
    pub bytes: u64,
}

/// Run `f` and report what it allocated on this thread.
pub fn measure_allocs<R>(f: impl FnOnce() -> R) -> (R, AllocStats) {
    let calls0 = ALLOC_CALLS.with(|c| c.get());
    let bytes0 = ALLOC_BYTES.with(|c| c.get());
    let r = f();
    let stats = AllocStats {
        calls: ALLOC_CALLS.with(|c| c.get()) - calls0,
        bytes: ALLOC_BYTES.with(|c| c.get()) - bytes0,
    };
    (r, stats)
}

/// Every session setting the codec supports: versions 10–18 with the default one-byte v18
/// field length, and version 18 with the two-byte length.
pub fn all_settings() -> Vec<Settings> {
    let mut v: Vec<Settings> = (10..=18).map(Settings::new).collect();
    v.push(Settings {
        v18_length_width: LengthWidth::Two,
        ..Settings::new(18)
    });
    v
}

/// Build the lookup tables once, outside any measured call (they allocate on first use).
pub fn warm_up() {
    let _ = cti_proto::layout::layouts();
    let _ = cti_proto::layout::known_tag(0);
}

/// Input bytes as the decode target sees them: the frame as given, plus (when it has a
/// header whose BodyLength disagrees with its length) the same bytes with BodyLength
/// corrected, so random inputs reach the body checks instead of stopping at the length.
pub fn check_decode_input(data: &[u8]) {
    warm_up();
    for s in all_settings() {
        check_frame(data, &s);
    }
    if data.len() >= HEADER_LEN {
        let body_len = (data.len() - HEADER_LEN) as u32;
        if data[..4] != body_len.to_be_bytes() {
            let mut fixed = data.to_vec();
            fixed[..4].copy_from_slice(&body_len.to_be_bytes());
            for s in all_settings() {
                check_frame(&fixed, &s);
            }
        }
    }
}

/// The result of the borrowed checks on one frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ViewOutcome {
    /// `FrameView::new` accepted the frame.
    pub viewed: bool,
    /// Strict validation as the message's own direction (or as either direction for unknown
    /// types) accepted it.
    pub valid: bool,
}

/// Everything the decode fuzz target asserts about one frame at one setting:
///
/// * the borrowed view, its fixed and floating iterators and strict validation never panic
///   and allocate nothing;
/// * `Message::decode_frame` never panics, allocates at most [`decode_alloc_bound`] bytes,
///   and gives `Unknown` exactly for types the table lacks;
/// * whatever decodes and re-encodes decodes again, and that second encoding is a fixed point
///   (bytes → typed → bytes → typed → bytes stabilises after one round);
/// * a frame that passes strict validation re-encodes (when its strings fit) to a frame that
///   also passes, and decodes back to an equal typed value.
pub fn check_frame(frame: &[u8], s: &Settings) -> ViewOutcome {
    let (outcome, stats) = measure_allocs(|| borrowed_checks(frame, s));
    assert_eq!(
        stats,
        AllocStats::default(),
        "borrowed view / validation allocated (v{}, frame {:02x?})",
        s.version,
        frame
    );

    check_validator(frame, s);

    // Rendering (allocates, so outside the measurement above) never panics either.
    if let Ok(view) = FrameView::new(frame, s) {
        let text = cti_proto::render::text(&view);
        assert!(!text.is_empty());
        #[cfg(feature = "serde")]
        let _ = cti_proto::render::json(&view);
    }

    let (decoded, stats) = measure_allocs(|| Message::decode_frame(frame, s));
    assert!(
        stats.bytes as usize <= decode_alloc_bound(frame.len()),
        "Message::decode_frame requested {} bytes in {} calls for a {}-byte frame \
         (bound {}) at v{}: {:02x?}",
        stats.bytes,
        stats.calls,
        frame.len(),
        decode_alloc_bound(frame.len()),
        s.version,
        frame
    );
    assert_eq!(
        decoded.is_ok() && outcome.viewed,
        decoded.is_ok(),
        "decode accepted a frame the view refused"
    );
    let Ok(m) = decoded else {
        return outcome;
    };
    let type_id = u32::from_be_bytes([frame[4], frame[5], frame[6], frame[7]]);
    assert_eq!(m.type_id(), type_id);
    let known = cti_proto::layout::layout(type_id).is_some();
    assert_eq!(
        matches!(m, Message::Unknown(_)),
        !known,
        "Unknown exactly for types outside the table (type {type_id})"
    );

    let Ok(first) = m.to_bytes(s) else {
        // A value read leniently may not fit its maximum again (e.g. invalid UTF-8 replaced
        // by U+FFFD grows); refusing to encode it is correct, panicking is not.
        return outcome;
    };
    let again = Message::decode_frame(&first, s)
        .unwrap_or_else(|e| panic!("our own encoding does not decode: {e} ({first:02x?})"));
    let second = again
        .to_bytes(s)
        .unwrap_or_else(|e| panic!("a decoded own encoding does not encode: {e}"));
    assert_eq!(
        first, second,
        "encode(decode(encode(m))) differs from encode(m) at v{}",
        s.version
    );
    if outcome.valid {
        assert_eq!(
            again, m,
            "a valid frame does not survive typed → bytes → typed"
        );
        let view = FrameView::new(&first, s).expect("own encoding has a consistent header");
        let dir = view.spec().map(|sp| sp.direction).expect("known type");
        if let Err(e) = validate(&view, dir) {
            panic!(
                "a valid frame re-encodes to an invalid one at v{}: {e}\n in:  {frame:02x?}\n out: {first:02x?}",
                s.version
            );
        }
    }
    outcome
}

fn borrowed_checks(frame: &[u8], s: &Settings) -> ViewOutcome {
    let Ok(view) = FrameView::new(frame, s) else {
        return ViewOutcome {
            viewed: false,
            valid: false,
        };
    };
    let mut fixed_bytes = 0usize;
    for (f, value, offset) in view.fixed() {
        assert_eq!(offset, HEADER_LEN + fixed_bytes);
        fixed_bytes += f.ty.size();
        let _ = value.as_u64();
    }
    assert!(fixed_bytes <= view.body().len());
    let mut last_offset = 0usize;
    for f in view.floating() {
        let Ok(f) = f else { break };
        assert!(f.offset() >= last_offset.max(HEADER_LEN));
        assert!(f.offset() + f.data().len() <= frame.len());
        last_offset = f.offset() + 1;
        let _ = f.value();
    }
    let as_client = validate(&view, Direction::ClientToServer);
    let as_server = validate(&view, Direction::ServerToClient);
    if let Err(e) = &as_client {
        let _ = e.status();
        assert!(
            e.offset <= frame.len(),
            "error offset past the frame: {e:?}"
        );
    }
    if let Err(e) = &as_server {
        assert!(
            e.offset <= frame.len(),
            "error offset past the frame: {e:?}"
        );
    }
    let valid = match view.spec() {
        Some(spec) => match spec.direction {
            Direction::ClientToServer => {
                assert!(as_server.is_err(), "a request validated as server traffic");
                as_client.is_ok()
            }
            Direction::ServerToClient => {
                assert!(as_client.is_err(), "an event validated as client traffic");
                as_server.is_ok()
            }
        },
        None => {
            assert!(as_client.is_err() && as_server.is_err());
            false
        }
    };
    ViewOutcome {
        viewed: true,
        valid,
    }
}

/// A `Validator` answers as `validate` does: fresh, again once it may have learnt the frame's
/// shape, and for copies of the frame with one body byte changed (which keep its shape more
/// often than not, so they are checked by the learnt shape).
fn check_validator(frame: &[u8], s: &Settings) {
    let Ok(view) = FrameView::new(frame, s) else {
        return;
    };
    for dir in [Direction::ClientToServer, Direction::ServerToClient] {
        let want = validate(&view, dir);
        let mut v = Validator::new();
        assert_eq!(v.validate(&view, dir), want, "fresh validator (v{})", s.version);
        assert_eq!(v.validate(&view, dir), want, "after learning (v{})", s.version);
        if want.is_err() || frame.len() <= HEADER_LEN {
            continue;
        }
        // Up to 16 positions spread over the body, each byte changed two ways.
        let body = frame.len() - HEADER_LEN;
        let mut changed = frame.to_vec();
        for k in 0..body.min(16) {
            let at = HEADER_LEN + k * body / body.min(16);
            for x in [0x01, 0xff] {
                changed[at] ^= x;
                let cv = FrameView::new(&changed, s).expect("same length");
                let want = validate(&cv, dir);
                assert_eq!(
                    v.validate(&cv, dir),
                    want,
                    "learnt shape, byte {at} ^ {x:#x} (v{}): {:02x?}",
                    s.version,
                    changed
                );
                changed[at] ^= x;
                // Back to the frame it learnt (the changed one may have replaced the shape).
                assert_eq!(v.validate(&view, dir), Ok(()));
            }
        }
    }
}

/// What the stream target does with its input: byte 0 picks the body limit, byte 1 the
/// protocol version and bytes 2–9 seed the chunk sizes; the rest is the byte stream.
pub struct StreamInput<'a> {
    /// Largest body accepted.
    pub max_body: u32,
    /// Session settings used to check each frame.
    pub settings: Settings,
    /// Seed for the chunk sizes.
    pub chunk_seed: u64,
    /// The stream.
    pub stream: &'a [u8],
}

impl<'a> StreamInput<'a> {
    /// Split fuzzer input into parameters and stream.
    pub fn parse(data: &'a [u8]) -> Option<Self> {
        if data.len() < 10 {
            return None;
        }
        let max_body = match data[0] % 4 {
            0 => wire::DEFAULT_MAX_BODY,
            1 => 64,
            2 => 1024,
            _ => 0,
        };
        let settings = all_settings()[data[1] as usize % 10];
        let chunk_seed = u64::from_le_bytes(data[2..10].try_into().unwrap());
        Some(StreamInput {
            max_body,
            settings,
            chunk_seed,
            stream: &data[10..],
        })
    }

    /// Build fuzzer input from parameters and a stream (for the seed corpus).
    pub fn build(limit_pick: u8, settings_pick: u8, chunk_seed: u64, stream: &[u8]) -> Vec<u8> {
        let mut v = vec![limit_pick, settings_pick];
        v.extend_from_slice(&chunk_seed.to_le_bytes());
        v.extend_from_slice(stream);
        v
    }
}

/// How a stream ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StreamEnd {
    /// Every byte was framed.
    Clean,
    /// These bytes are the start of a frame that never completed.
    Partial(usize),
    /// A header declared a body over the limit; the stream cannot be resynchronised.
    TooLarge(wire::TooLarge),
}

/// Frame a whole buffer in one go with `wire::split`: the reference answer.
pub fn split_all(stream: &[u8], max_body: u32) -> (Vec<&[u8]>, StreamEnd) {
    let mut frames = Vec::new();
    let mut rest = stream;
    loop {
        match wire::split(rest, max_body) {
            Ok(Split::Frame(h)) => {
                assert!(h.body_len <= max_body);
                let (frame, tail) = rest.split_at(h.frame_len());
                frames.push(frame);
                rest = tail;
            }
            Ok(Split::Incomplete) if rest.is_empty() => return (frames, StreamEnd::Clean),
            Ok(Split::Incomplete) => return (frames, StreamEnd::Partial(rest.len())),
            Err(e) => return (frames, StreamEnd::TooLarge(e)),
        }
    }
}

/// Chunk sizes from a seed: mostly small (1–16 bytes), sometimes large, never zero.
pub fn chunk_sizes(seed: u64) -> impl Iterator<Item = usize> {
    let mut x = seed | 1;
    std::iter::from_fn(move || {
        // xorshift64
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        Some(match x % 8 {
            0 => 1,
            1..=5 => 1 + (x >> 8) as usize % 16,
            6 => 1 + (x >> 8) as usize % 300,
            _ => 1 + (x >> 8) as usize % 5000,
        })
    })
}

/// Everything the stream fuzz target asserts: feeding the stream in arbitrary chunks to
/// `wire::split` (and to `FrameCodec` with the "tokio" feature) yields exactly the frames and
/// the ending that splitting the whole buffer at once does, and each frame passes
/// [`check_frame`] at the chosen setting.
pub fn check_stream(data: &[u8]) {
    warm_up();
    let Some(input) = StreamInput::parse(data) else {
        return;
    };
    let (want, want_end) = split_all(input.stream, input.max_body);

    // Incremental framing with wire::split over a growing buffer.
    let mut got: Vec<Vec<u8>> = Vec::new();
    let mut buf: Vec<u8> = Vec::new();
    let mut fed = 0usize;
    let mut end = None;
    let mut sizes = chunk_sizes(input.chunk_seed);
    'feed: while fed < input.stream.len() {
        let n = sizes.next().unwrap().min(input.stream.len() - fed);
        buf.extend_from_slice(&input.stream[fed..fed + n]);
        fed += n;
        loop {
            match wire::split(&buf, input.max_body) {
                Ok(Split::Frame(h)) => {
                    got.push(buf.drain(..h.frame_len()).collect());
                }
                Ok(Split::Incomplete) => break,
                Err(e) => {
                    end = Some(StreamEnd::TooLarge(e));
                    break 'feed;
                }
            }
        }
    }
    let end = end.unwrap_or(if buf.is_empty() {
        StreamEnd::Clean
    } else {
        StreamEnd::Partial(buf.len())
    });
    assert_eq!(
        got.len(),
        want.len(),
        "chunked split found another frame count"
    );
    for (g, w) in got.iter().zip(&want) {
        assert_eq!(g.as_slice(), *w);
    }
    assert_eq!(end, want_end);

    #[cfg(feature = "tokio")]
    check_frame_codec(&input, &want, &want_end);

    for frame in &want {
        check_frame(frame, &input.settings);
    }
}

#[cfg(feature = "tokio")]
fn check_frame_codec(input: &StreamInput<'_>, want: &[&[u8]], want_end: &StreamEnd) {
    use bytes::BytesMut;
    use cti_proto::codec::{FrameCodec, FrameError};
    use tokio_util::codec::Decoder;

    let mut codec = FrameCodec::new(input.max_body);
    let mut buf = BytesMut::new();
    let mut got = Vec::new();
    let mut fed = 0usize;
    let mut end = None;
    let mut sizes = chunk_sizes(input.chunk_seed.rotate_left(17));
    'feed: while fed < input.stream.len() {
        let n = sizes.next().unwrap().min(input.stream.len() - fed);
        buf.extend_from_slice(&input.stream[fed..fed + n]);
        fed += n;
        loop {
            match codec.decode(&mut buf) {
                Ok(Some(frame)) => {
                    assert_eq!(frame.bytes.len(), frame.header.frame_len());
                    assert_eq!(frame.body().len(), frame.header.body_len as usize);
                    got.push(frame.bytes);
                }
                Ok(None) => {
                    // Whatever is buffered is a frame prefix: never more than one frame.
                    if let Some(h) = wire::Header::peek(&buf) {
                        assert!(buf.len() < h.frame_len());
                        assert!(h.body_len <= input.max_body);
                    }
                    break;
                }
                Err(FrameError::TooLarge(e)) => {
                    end = Some(StreamEnd::TooLarge(e));
                    break 'feed;
                }
                Err(FrameError::Io(e)) => panic!("the framer invented an I/O error: {e}"),
            }
        }
    }
    let end = end.unwrap_or(if buf.is_empty() {
        StreamEnd::Clean
    } else {
        StreamEnd::Partial(buf.len())
    });
    assert_eq!(
        got.len(),
        want.len(),
        "FrameCodec found another frame count"
    );
    for (g, w) in got.iter().zip(want) {
        assert_eq!(&g[..], *w);
    }
    assert_eq!(&end, want_end);
}
