//! Loads and checks the configured oracle price (owner, pinned account or
//! feed, Trading status, freshness, confidence) for a rental instruction.
use anchor_lang::prelude::*;

use crate::{
    errors::EscrowError,
    oracle::{parse_pyth_legacy, parse_pyth_pull, validate_price, OracleError, OraclePrice},
    state::{EscrowConfig, OracleKind},
};

impl From<OracleError> for EscrowError {
    fn from(e: OracleError) -> Self {
        match e {
            OracleError::InvalidAccountData => EscrowError::InvalidOracleData,
            OracleError::NotTrading => EscrowError::PriceNotTrading,
            OracleError::NonPositivePrice => EscrowError::NonPositivePrice,
            OracleError::StalePrice => EscrowError::StalePrice,
            OracleError::ConfidenceTooWide => EscrowError::PriceConfidenceTooWide,
            OracleError::UnsupportedExponent => EscrowError::UnsupportedExponent,
            OracleError::FeedMismatch => EscrowError::FeedMismatch,
            OracleError::InsufficientVerification => EscrowError::InsufficientVerification,
            OracleError::MathOverflow => EscrowError::MathOverflow,
        }
    }
}

/// Maps an oracle/pricing error into the program's named error.
pub fn oracle_err(e: OracleError) -> Error {
    error!(EscrowError::from(e))
}

/// The price to use now, or the named reason it cannot be used.
pub fn load_price(config: &EscrowConfig, account: &AccountInfo, now: i64) -> Result<OraclePrice> {
    require_keys_eq!(
        *account.owner,
        config.oracle_program,
        EscrowError::WrongOracleOwner
    );
    let data = account.try_borrow_data()?;
    let price = match config.oracle_kind {
        OracleKind::PythLegacy => {
            require_keys_eq!(
                account.key(),
                config.oracle_account,
                EscrowError::WrongOracleAccount
            );
            parse_pyth_legacy(&data).map_err(oracle_err)?
        }
        OracleKind::PythPull => parse_pyth_pull(&data, &config.feed_id).map_err(oracle_err)?,
    };
    validate_price(
        &price,
        now,
        config.max_price_age_seconds,
        config.max_confidence_bps,
    )
    .map_err(oracle_err)?;
    Ok(price)
}
