//! Loads and checks the configured oracle price (owner, pinned account or
//! feed, Trading status, freshness in seconds and slots, no future publish
//! time, confidence, EMA divergence, never older than the rental's last) for
//! a rental instruction.
use anchor_lang::prelude::*;
use node_staking::{ensure, ensure_keys_eq, named_error};

use crate::{
    errors::EscrowError,
    oracle::{
        read_pyth_legacy, read_pyth_pull, validate_ema, validate_price, validate_slot, OracleError,
        OraclePrice,
    },
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
            OracleError::FuturePrice => EscrowError::FuturePrice,
            OracleError::EmaDivergence => EscrowError::EmaDivergence,
        }
    }
}

/// Maps an oracle/pricing error into the program's named error.
pub fn oracle_err(e: OracleError) -> Error {
    named_error!(EscrowError::from(e))
}

/// The price to use now, or the named reason it cannot be used.
/// `not_older_than`: the publish time the rental last used (extensions),
/// so a renter cannot go back to an earlier, more favourable update.
pub fn load_price(
    config: &EscrowConfig,
    account: &AccountInfo,
    clock: &Clock,
    not_older_than: Option<i64>,
) -> Result<OraclePrice> {
    ensure_keys_eq!(
        *account.owner,
        config.oracle_program,
        EscrowError::WrongOracleOwner
    );
    let pinned = config.oracle_account != Pubkey::default();
    if config.oracle_kind == OracleKind::PythLegacy || pinned {
        ensure_keys_eq!(
            account.key(),
            config.oracle_account,
            EscrowError::WrongOracleAccount
        );
    }
    let data = account.try_borrow_data()?;
    let reading = match config.oracle_kind {
        OracleKind::PythLegacy => read_pyth_legacy(&data).map_err(oracle_err)?,
        OracleKind::PythPull => read_pyth_pull(&data, &config.feed_id).map_err(oracle_err)?,
    };
    let price = reading.price;
    validate_price(
        &price,
        clock.unix_timestamp,
        config.max_price_age_seconds,
        config.max_confidence_bps,
    )
    .map_err(oracle_err)?;
    if let Some(slot) = reading.publish_slot {
        validate_slot(slot, clock.slot, config.max_price_age_slots).map_err(oracle_err)?;
    }
    validate_ema(
        price.price,
        reading.ema_price,
        config.max_ema_divergence_bps,
    )
    .map_err(oracle_err)?;
    if let Some(last) = not_older_than {
        ensure!(
            price.publish_time >= last,
            EscrowError::PriceOlderThanLastUsed
        );
    }
    Ok(price)
}
