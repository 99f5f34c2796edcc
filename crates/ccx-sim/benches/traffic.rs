//! Simulated calls per second: a center of 5,000 agents (`Config::synthetic`) under the
//! traffic generator, with every message the model emits encoded once at protocol version 18
//! (as the server encodes each event once per version before fanning it out).
//!
//! Each iteration runs the model until `CALLS` more calls have arrived (with the arrivals,
//! answers, talk, hang-ups, wrap-ups and re-routing they cause); divan reports the rate as
//! items (calls) per second. Run: `cargo bench -p ccx-sim --bench traffic`.

use bytes::BytesMut;
use ccx_sim::{Audience, Center, Config, Out, Traffic};
use cti_proto::msg::Message;
use cti_proto::wire::Settings;

const AGENTS: usize = 5_000;
const CALLS: usize = 2_000;

fn main() {
    divan::main();
}

/// A busy center: every agent logged in and Ready, calls arriving at 20 per second of model
/// time (about 80% occupancy with 180 s talk and 15 s wrap-up), already running for a minute.
fn warmed_up() -> Center {
    let mut c = Center::new(Config::synthetic(AGENTS), 7);
    let traffic = Traffic {
        calls_per_hour: 72_000.0,
        handle_time_s: 180.0,
        wrap_up_s: 15.0,
        abandon_rate: 0.1,
    };
    let _ = c.set_traffic(0, Some(traffic));
    let mut now = 0;
    while now < 60_000 {
        now = c.next_deadline().unwrap();
        let _ = c.tick(now);
    }
    c
}

/// Run the model on until `calls` more calls have arrived; returns the bytes encoded (so nothing is optimized
/// away).
fn run(c: &mut Center, calls: usize, buf: &mut BytesMut) -> usize {
    let s = Settings::new(18);
    let mut arrived = 0;
    let mut bytes = 0;
    while arrived < calls {
        let now = c.next_deadline().expect("traffic keeps timers pending");
        for o in c.tick(now) {
            if let Out::Event(e) = &o {
                // The first BEGIN_CALL_EVENT of a call goes to the bridge sessions.
                if matches!(e.msg, Message::BeginCallEvent(_))
                    && matches!(&e.audience, Audience::Agents(l) if l.is_empty())
                {
                    arrived += 1;
                }
            }
            buf.clear();
            o.msg().encode(&s, buf).expect("every event encodes");
            bytes += buf.len();
        }
    }
    bytes
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn calls_with_5000_agents(bencher: divan::Bencher) {
    bencher
        .counter(divan::counter::ItemsCount::new(CALLS))
        .with_inputs(warmed_up)
        .bench_local_values(|mut c| {
            let mut buf = BytesMut::with_capacity(4096);
            divan::black_box(run(&mut c, CALLS, &mut buf));
            c
        });
}
