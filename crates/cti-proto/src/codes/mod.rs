//! Open newtypes for the protocol's codes (status codes, agent states, device types, call
//! types, event causes, masks …), generated from [`crate::values`]. Values without a name
//! survive decoding and print as numbers.

#[cfg_attr(ccx_bootstrap, path = "bootstrap.rs")]
#[rustfmt::skip]
mod generated;
pub use generated::*;

/// Implements name lookup, `Display` and `Debug` for an enumeration newtype.
macro_rules! impl_code {
    ($ty:ident, $repr:ty, $table:path) => {
        impl $ty {
            /// The table this type's values come from.
            pub const TABLE: &'static $crate::spec::ValueTable = &$table;
            /// The guide's constant name, if the value has one.
            pub fn name(self) -> Option<&'static str> {
                Self::TABLE.name_of(self.0 as u32)
            }
            /// One line saying what the value means, if it has a name.
            pub fn meaning(self) -> Option<&'static str> {
                Self::TABLE.get(self.0 as u32).map(|v| v.meaning)
            }
        }
        impl core::fmt::Display for $ty {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                match self.name() {
                    Some(n) => write!(f, "{} ({})", n, self.0),
                    None => write!(f, "{}", self.0),
                }
            }
        }
        impl core::fmt::Debug for $ty {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                core::fmt::Display::fmt(self, f)
            }
        }
        impl From<$repr> for $ty {
            fn from(v: $repr) -> Self {
                Self(v)
            }
        }
        impl From<$ty> for $repr {
            fn from(v: $ty) -> Self {
                v.0
            }
        }
    };
}
pub(crate) use impl_code;

/// Implements bit operations, `Display` and `Debug` for a mask newtype.
// The bootstrap stand-in for the generated code (`--cfg ccx_bootstrap`) defines no mask.
#[cfg_attr(ccx_bootstrap, allow(unused_macros))]
macro_rules! impl_mask {
    ($ty:ident, $table:path) => {
        impl $ty {
            /// The table this type's bits come from.
            pub const TABLE: &'static $crate::spec::MaskTable = &$table;
            /// No bits.
            pub const NONE: Self = Self(0);
            /// True when every bit of `other` is set.
            pub const fn contains(self, other: Self) -> bool {
                self.0 & other.0 == other.0
            }
            /// True when any bit of `other` is set.
            pub const fn intersects(self, other: Self) -> bool {
                self.0 & other.0 != 0
            }
            /// The bits of `self` that are also in `other`.
            pub const fn and(self, other: Self) -> Self {
                Self(self.0 & other.0)
            }
            /// True when no bit is set.
            pub const fn is_empty(self) -> bool {
                self.0 == 0
            }
        }
        impl core::ops::BitOr for $ty {
            type Output = Self;
            fn bitor(self, o: Self) -> Self {
                Self(self.0 | o.0)
            }
        }
        impl core::ops::BitOrAssign for $ty {
            fn bitor_assign(&mut self, o: Self) {
                self.0 |= o.0
            }
        }
        impl core::ops::BitAnd for $ty {
            type Output = Self;
            fn bitand(self, o: Self) -> Self {
                Self(self.0 & o.0)
            }
        }
        impl core::fmt::Display for $ty {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                let (names, rest) = Self::TABLE.split(self.0);
                if names.is_empty() && rest == 0 {
                    return f.write_str("0");
                }
                let mut first = true;
                for n in names {
                    if !first {
                        f.write_str("|")?;
                    }
                    first = false;
                    f.write_str(n)?;
                }
                if rest != 0 {
                    if !first {
                        f.write_str("|")?;
                    }
                    write!(f, "0x{:X}", rest)?;
                }
                Ok(())
            }
        }
        impl core::fmt::Debug for $ty {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                write!(f, "{}(0x{:08X} {})", stringify!($ty), self.0, self)
            }
        }
        impl From<u32> for $ty {
            fn from(v: u32) -> Self {
                Self(v)
            }
        }
    };
}
#[cfg_attr(ccx_bootstrap, allow(unused_imports))]
pub(crate) use impl_mask;
