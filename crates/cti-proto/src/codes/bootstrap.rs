//! Minimal stand-in for `generated.rs`, used only with `--cfg ccx_bootstrap` to rebuild the
//! generator when the generated file itself no longer compiles (see `scripts/regen`).
use crate::values;
/// E_CTI status codes.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct StatusCode(pub u32);
#[allow(missing_docs)]
impl StatusCode {
    pub const E_CTI_INVALID_MESSAGE_TYPE: Self = Self(2);
    pub const E_CTI_INVALID_FIELD: Self = Self(3);
    pub const E_CTI_REQUIRED_DATA_MISSING: Self = Self(6);
    pub const E_CTI_INVALID_PERIPHERAL_ID: Self = Self(7);
    pub const E_CTI_INVALID_FIELD_LENGTH: Self = Self(23);
}
crate::codes::impl_code!(StatusCode, u32, values::STATUS_CODES);
