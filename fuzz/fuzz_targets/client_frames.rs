//! The client's frame handling: arbitrary server bytes, split anywhere, with arbitrary time
//! steps, into ccx-client's sans-IO state machine (`ClientCore`), opened or not, at any
//! version. The assertions are in `ccx_client::fuzzing::check_client_frames`, shared with
//! `crates/ccx-client/tests/client_fuzz_corpus.rs`, which replays `corpus/client_frames/`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    ccx_client::fuzzing::check_client_frames(data);
});
