//! A byte stream fed in arbitrary chunks to `wire::split` and `codec::FrameCodec`: the same
//! frames and the same ending as splitting it whole, and every frame passes the decode
//! checks. Input layout and assertions are in `../checks.rs` (`StreamInput`, `check_stream`).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[allow(dead_code)]
mod checks {
    include!("../checks.rs");
}

#[global_allocator]
static ALLOC: checks::CountingAlloc = checks::CountingAlloc;

fuzz_target!(|data: &[u8]| {
    checks::check_stream(data);
});
