//! Named errors built out of line. Anchor's `require!`, `require_keys_eq!`
//! and `error!` expand the whole `AnchorError` (name, number, message and
//! source line) at every call site. `ensure!`, `ensure_keys_eq!` and
//! `named_error!` build the same error, with the same log line, in one
//! `#[cold]` function per error type, so each site is a call instead (issue
//! 14: program size). Both programs use them in place of Anchor's.
use anchor_lang::error::{AnchorError, Error, ErrorOrigin, Source};
pub use anchor_lang::prelude::Pubkey;

/// An `#[error_code]` enum: Anchor generates `name()`, the number and the
/// message; this trait names them for `raise`.
pub trait ProgramErrorCode: Copy + Into<u32> + core::fmt::Display {
    fn error_name(&self) -> String;
}

/// What `error!(code)` builds at `filename:line`.
#[cold]
#[inline(never)]
pub fn raise<E: ProgramErrorCode>(code: E, filename: &'static str, line: u32) -> Error {
    Error::from(AnchorError {
        error_name: code.error_name(),
        error_code_number: code.into(),
        error_msg: code.to_string(),
        error_origin: Some(ErrorOrigin::Source(Source { filename, line })),
        compared_values: None,
    })
}

/// What `require_keys_eq!(left, right, code)` returns when they differ.
#[cold]
#[inline(never)]
pub fn raise_keys<E: ProgramErrorCode>(
    code: E,
    filename: &'static str,
    line: u32,
    left: &Pubkey,
    right: &Pubkey,
) -> Error {
    raise(code, filename, line).with_pubkeys((*left, *right))
}

/// Anchor's `require!(invariant, code)`: returns `code` (logged with this
/// file and line) unless `invariant` holds.
#[macro_export]
macro_rules! ensure {
    ($invariant:expr, $code:expr $(,)?) => {
        if !($invariant) {
            return Err($crate::raise::raise($code, file!(), line!()));
        }
    };
}

/// Anchor's `require_keys_eq!(left, right, code)`: returns `code` with both
/// keys (logged as Anchor logs them) unless they are equal.
#[macro_export]
macro_rules! ensure_keys_eq {
    ($left:expr, $right:expr, $code:expr $(,)?) => {{
        let (left, right): ($crate::raise::Pubkey, $crate::raise::Pubkey) = ($left, $right);
        if left != right {
            return Err($crate::raise::raise_keys(
                $code,
                file!(),
                line!(),
                &left,
                &right,
            ));
        }
    }};
}

/// Anchor's `error!(code)`: the error, logged with this file and line.
#[macro_export]
macro_rules! named_error {
    ($code:expr $(,)?) => {
        $crate::raise::raise($code, file!(), line!())
    };
}

/// Anchor's `err!(code)`: `Err(named_error!(code))`.
#[macro_export]
macro_rules! named_err {
    ($code:expr $(,)?) => {
        Err($crate::raise::raise($code, file!(), line!()))
    };
}

impl ProgramErrorCode for anchor_lang::error::ErrorCode {
    fn error_name(&self) -> String {
        self.name()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::errors::StakingError;
    use anchor_lang::error::ErrorCode;

    /// Everything the runtime log and the client see (name, number,
    /// message, origin, compared keys) is what Anchor's macros build.
    fn same<E: ProgramErrorCode>(code: E, anchor: Error) {
        let source = Source {
            filename: "programs/x/src/y.rs",
            line: 42,
        };
        assert_eq!(
            format!("{:?}", raise(code, source.filename, source.line)),
            format!("{:?}", anchor.with_source(source))
        );
    }

    #[test]
    fn raise_builds_what_anchors_error_macro_builds() {
        same(
            StakingError::MathOverflow,
            anchor_lang::error!(StakingError::MathOverflow),
        );
        same(
            StakingError::NodeJailed,
            anchor_lang::error!(StakingError::NodeJailed),
        );
        same(
            ErrorCode::ConstraintSeeds,
            anchor_lang::error!(ErrorCode::ConstraintSeeds),
        );
        same(
            ErrorCode::AccountNotInitialized,
            anchor_lang::error!(ErrorCode::AccountNotInitialized),
        );
    }

    #[test]
    fn raise_keys_adds_the_keys_as_require_keys_eq_does() {
        let (left, right) = (Pubkey::new_unique(), Pubkey::new_unique());
        let source = Source {
            filename: "programs/x/src/y.rs",
            line: 7,
        };
        assert_eq!(
            format!(
                "{:?}",
                raise_keys(
                    StakingError::MathOverflow,
                    source.filename,
                    source.line,
                    &left,
                    &right
                )
            ),
            format!(
                "{:?}",
                anchor_lang::error!(StakingError::MathOverflow)
                    .with_source(source)
                    .with_pubkeys((left, right))
            )
        );
    }

    fn guarded(ok: bool) -> anchor_lang::Result<()> {
        ensure!(ok, StakingError::NodeJailed);
        Ok(())
    }

    fn keys_guarded(left: Pubkey, right: Pubkey) -> anchor_lang::Result<()> {
        ensure_keys_eq!(left, right, StakingError::NodeJailed);
        Ok(())
    }

    #[test]
    fn the_macros_return_the_error_only_when_the_check_fails() {
        assert!(guarded(true).is_ok());
        assert_eq!(
            guarded(false).unwrap_err(),
            anchor_lang::error!(StakingError::NodeJailed)
        );
        let key = Pubkey::new_unique();
        assert!(keys_guarded(key, key).is_ok());
        let err = keys_guarded(key, Pubkey::new_unique()).unwrap_err();
        assert!(format!("{err:?}").contains("Pubkeys"));
        let failed: anchor_lang::Result<()> = named_err!(StakingError::NodeJailed);
        assert_eq!(
            failed.unwrap_err(),
            anchor_lang::error!(StakingError::NodeJailed)
        );
    }
}
