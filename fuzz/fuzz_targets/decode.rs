//! One frame through everything that reads frames: the borrowed view and its iterators,
//! strict validation (plain and with a shape-keeping `Validator`), owned decoding with an
//! allocation bound, and re-encoding of whatever decodes, at every protocol version 10–18 (and
//! 18 with two-byte field lengths). The assertions are in `../checks.rs`, shared with
//! `tests/fuzz_corpus.rs`.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[allow(dead_code)]
mod checks {
    include!("../checks.rs");
}

#[global_allocator]
static ALLOC: checks::CountingAlloc = checks::CountingAlloc;

fuzz_target!(|data: &[u8]| {
    checks::check_decode_input(data);
});
