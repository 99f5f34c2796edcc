//! TODO
#[allow(unused_imports)]
use super::*;

/// The messages of this file.
pub(super) static MESSAGES: &[&MessageSpec] = &[];
