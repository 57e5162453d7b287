//! Reading and writing accounts whose Borsh layout has only fixed-size
//! fields (integers, keys, arrays, unit enums) at fixed offsets.
//!
//! Anchor writes a `mut` `Account<T>` back through one `sol_memcpy` per Borsh
//! write, and reads it one field at a time with a length check each: for a
//! Node (about 60 writes) that is some 2,000 CU on every instruction that
//! touches it. An account built here is one stack buffer written with one
//! copy, and read with constant offsets after one length check. The bytes are
//! the Borsh layout (little-endian integers, enums as their variant index), so
//! the IDL and every client are unchanged; each account using this checks it
//! against the derived Borsh code in its unit tests.

use anchor_lang::prelude::Pubkey;

/// Builds `N` account bytes field by field, in declaration order.
pub struct Writer<const N: usize> {
    bytes: [u8; N],
    at: usize,
}

impl<const N: usize> Default for Writer<N> {
    fn default() -> Self {
        Self::new()
    }
}

impl<const N: usize> Writer<N> {
    #[inline(always)]
    pub fn new() -> Self {
        Self {
            bytes: [0u8; N],
            at: 0,
        }
    }

    #[inline(always)]
    pub fn put(&mut self, bytes: &[u8]) {
        self.bytes[self.at..self.at + bytes.len()].copy_from_slice(bytes);
        self.at += bytes.len();
    }

    #[inline(always)]
    pub fn key(&mut self, key: &Pubkey) {
        self.put(key.as_ref());
    }

    #[inline(always)]
    pub fn u8(&mut self, v: u8) {
        self.put(&[v]);
    }

    #[inline(always)]
    pub fn u16(&mut self, v: u16) {
        self.put(&v.to_le_bytes());
    }

    #[inline(always)]
    pub fn u32(&mut self, v: u32) {
        self.put(&v.to_le_bytes());
    }

    #[inline(always)]
    pub fn u64(&mut self, v: u64) {
        self.put(&v.to_le_bytes());
    }

    #[inline(always)]
    pub fn i32(&mut self, v: i32) {
        self.put(&v.to_le_bytes());
    }

    #[inline(always)]
    pub fn i64(&mut self, v: i64) {
        self.put(&v.to_le_bytes());
    }

    #[inline(always)]
    pub fn u128(&mut self, v: u128) {
        self.put(&v.to_le_bytes());
    }

    /// The bytes; every one of them must have been written.
    #[inline(always)]
    pub fn finish(self) -> [u8; N] {
        debug_assert_eq!(self.at, N);
        self.bytes
    }
}

/// Reads fixed-size fields from bytes whose length the caller has checked.
pub struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    /// Starts at `at` (past the discriminator, for an account).
    #[inline(always)]
    pub fn new(bytes: &'a [u8], at: usize) -> Self {
        Self { bytes, at }
    }

    #[inline(always)]
    pub fn take<const M: usize>(&mut self) -> [u8; M] {
        let mut out = [0u8; M];
        out.copy_from_slice(&self.bytes[self.at..self.at + M]);
        self.at += M;
        out
    }

    #[inline(always)]
    pub fn key(&mut self) -> Pubkey {
        Pubkey::new_from_array(self.take())
    }

    #[inline(always)]
    pub fn u8(&mut self) -> u8 {
        self.take::<1>()[0]
    }

    #[inline(always)]
    pub fn u16(&mut self) -> u16 {
        u16::from_le_bytes(self.take())
    }

    #[inline(always)]
    pub fn u32(&mut self) -> u32 {
        u32::from_le_bytes(self.take())
    }

    #[inline(always)]
    pub fn u64(&mut self) -> u64 {
        u64::from_le_bytes(self.take())
    }

    #[inline(always)]
    pub fn i32(&mut self) -> i32 {
        i32::from_le_bytes(self.take())
    }

    #[inline(always)]
    pub fn i64(&mut self) -> i64 {
        i64::from_le_bytes(self.take())
    }

    #[inline(always)]
    pub fn u128(&mut self) -> u128 {
        u128::from_le_bytes(self.take())
    }

    /// A Borsh bool: `None` for a byte other than 0 or 1, as Borsh refuses.
    #[inline(always)]
    pub fn bool(&mut self) -> Option<bool> {
        match self.u8() {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }
}

/// What `#[account]` generates for an account type, written over its
/// fixed-offset codec: `Discriminator` (the given bytes,
/// `sha256("account:<Type>")[..8]`, checked by each type's unit test),
/// `Owner` (the calling crate's `ID`), `AccountSerialize` /
/// `AccountDeserialize` through the type's `to_bytes()` / `from_bytes()`,
/// and, outside IDL builds (which derive it), `AnchorSerialize`.
// `crate::ID` in the expansion is the calling program's id, on purpose.
#[allow(clippy::crate_in_macro_def)]
#[macro_export]
macro_rules! fixed_layout_account {
    ($ty:ident, $discriminator:expr) => {
        impl anchor_lang::Discriminator for $ty {
            const DISCRIMINATOR: &'static [u8] = &$discriminator;
        }

        impl anchor_lang::Owner for $ty {
            fn owner() -> anchor_lang::prelude::Pubkey {
                crate::ID
            }
        }

        #[cfg(not(feature = "idl-build"))]
        impl anchor_lang::AnchorSerialize for $ty {
            fn serialize<W: std::io::Write>(&self, writer: &mut W) -> std::io::Result<()> {
                writer.write_all(&self.to_bytes()[8..])
            }
        }

        impl anchor_lang::AccountSerialize for $ty {
            fn try_serialize<W: std::io::Write>(&self, writer: &mut W) -> anchor_lang::Result<()> {
                writer.write_all(&self.to_bytes()).map_err(|_| {
                    $crate::named_error!(anchor_lang::error::ErrorCode::AccountDidNotSerialize)
                })
            }
        }

        impl anchor_lang::AccountDeserialize for $ty {
            fn try_deserialize(buf: &mut &[u8]) -> anchor_lang::Result<Self> {
                use anchor_lang::Discriminator;
                if buf.len() < Self::DISCRIMINATOR.len() {
                    return Err(anchor_lang::error::ErrorCode::AccountDiscriminatorNotFound.into());
                }
                if &buf[..Self::DISCRIMINATOR.len()] != Self::DISCRIMINATOR {
                    return Err($crate::named_error!(
                        anchor_lang::error::ErrorCode::AccountDiscriminatorMismatch
                    )
                    .with_account_name(stringify!($ty)));
                }
                Self::try_deserialize_unchecked(buf)
            }

            fn try_deserialize_unchecked(buf: &mut &[u8]) -> anchor_lang::Result<Self> {
                Self::from_bytes(buf)
                    .ok_or_else(|| anchor_lang::error::ErrorCode::AccountDidNotDeserialize.into())
            }
        }
    };
}
