//! The check behind the `client_frames` fuzz target (fuzz/fuzz_targets/client_frames.rs) and
//! the test that replays its committed corpus: drive a [`ClientCore`] with arbitrary server
//! bytes and arbitrary time steps, and hold it to its promises. Not part of the API.
//!
//! Input layout: byte 0 chooses the scenario (bit 0: answer the OPEN_REQ first; bits 1–4:
//! version 10 + n % 9; bit 5: automatic configuration sync; bit 6: echo replies). The rest is
//! a sequence of `[len][len bytes of server data][time step in 100 ms units]`.

use std::time::{Duration, Instant};

use cti_proto::codes::ServiceMask;
use cti_proto::msg::{CtiMessage, OpenConf};
use cti_proto::wire::Settings;
use cti_proto::Message;

use crate::config::{ClientConfig, ConfigSync, VersionPolicy};
use crate::state::{Action, ClientCore};

/// Run one input. Panics (the fuzzer's finding) when a promise is broken.
pub fn check_client_frames(data: &[u8]) {
    let Some((&flags, mut rest)) = data.split_first() else {
        return;
    };
    let version = 10 + ((flags >> 1) & 0x0F) % 9;
    let mut b = ClientConfig::builder()
        .nodes(["a:1", "b:2"])
        .version(VersionPolicy::Fixed(version))
        .max_body(8 * 1024)
        .echo_replies(flags & 0x40 != 0)
        .services(ServiceMask::CTI_SERVICE_CONFIG_EVENTS | ServiceMask::CTI_SERVICE_SUPERVISOR);
    if flags & 0x20 != 0 {
        b = b.config_sync(ConfigSync::Automatic);
    }
    let cfg = b.build().expect("a valid configuration");
    let mut now = Instant::now();
    let mut core = ClientCore::new(cfg, now);
    core.handle_timeout(now);
    let mut connected = false;
    drain(&mut core, &mut connected, now);
    if flags & 1 != 0 {
        // Answer the OPEN_REQ so the bytes reach an open session.
        let s = Settings::new(version);
        let mut open_invoke = None;
        while let Some(t) = core.poll_transmit() {
            if let Ok(Message::OpenReq(o)) = Message::decode_frame(&t, &s) {
                open_invoke = Some(o.invoke_id);
            }
        }
        if let Some(invoke) = open_invoke {
            let conf = OpenConf {
                invoke_id: invoke,
                services_granted: ServiceMask(0x40090),
                ..Default::default()
            };
            if let Ok(bytes) = conf.to_bytes(&s) {
                core.handle_input(now, &bytes);
            }
        }
    }
    while let Some((&len, tail)) = rest.split_first() {
        let n = (len as usize).min(tail.len());
        let (chunk, tail) = tail.split_at(n);
        core.handle_input(now, chunk);
        drain(&mut core, &mut connected, now);
        let step = tail.first().copied().unwrap_or(0);
        rest = tail.get(1..).unwrap_or(&[]);
        now += Duration::from_millis(100 * step as u64);
        core.handle_timeout(now);
        drain(&mut core, &mut connected, now);
        if !core.is_closed() {
            // A deadline left in the past would make a driver spin.
            let t = core
                .poll_timeout()
                .expect("a running client always has a deadline");
            assert!(t >= now, "a deadline in the past after handle_timeout");
        }
    }
}

/// Take everything out; play the driver (connect at once); check what the client sends.
fn drain(core: &mut ClientCore, connected: &mut bool, now: Instant) {
    for _ in 0..8 {
        let mut any = false;
        while let Some(a) = core.poll_action() {
            any = true;
            match a {
                Action::Connect { .. } => {
                    *connected = true;
                    core.handle_connected(now);
                }
                Action::Disconnect => *connected = false,
            }
        }
        let s = core.settings();
        while let Some(t) = core.poll_transmit() {
            any = true;
            let m =
                Message::decode_frame(&t, &s).expect("the client only sends frames that decode");
            assert!(
                m.spec()
                    .is_some_and(|sp| sp.direction == cti_proto::spec::Direction::ClientToServer),
                "the client only sends client messages"
            );
        }
        while core.poll_output().is_some() {
            any = true;
        }
        if !any {
            break;
        }
    }
}
