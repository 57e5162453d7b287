//! Checked integer math. Every function states its rounding; the rule is that
//! rounding never favours the caller over the pool: shares minted and tokens
//! paid out round down.
use anchor_lang::prelude::*;

use crate::{constants::BPS, errors::StakingError};

/// floor(a × b / c), in u128; fails on c = 0 or a result above u64::MAX.
pub fn mul_div_floor(a: u64, b: u64, c: u64) -> Result<u64> {
    ensure!(c != 0, StakingError::MathOverflow);
    let q = (a as u128)
        .checked_mul(b as u128)
        .ok_or_else(|| named_error!(StakingError::MathOverflow))?
        / (c as u128);
    u64::try_from(q).map_err(|_| named_error!(StakingError::MathOverflow))
}

/// floor(amount × bps / 10 000).
pub fn bps_of(amount: u64, bps: u16) -> Result<u64> {
    mul_div_floor(amount, bps as u64, BPS as u64)
}

pub fn add(a: u64, b: u64) -> Result<u64> {
    a.checked_add(b)
        .ok_or_else(|| named_error!(StakingError::MathOverflow))
}

pub fn sub(a: u64, b: u64) -> Result<u64> {
    a.checked_sub(b)
        .ok_or_else(|| named_error!(StakingError::MathOverflow))
}

/// Shares minted for `amount` tokens entering a pool, rounded down.
/// An empty pool mints 1 share per token. Share prices only fall (slashing);
/// rewards go through the accumulator, so the first depositor cannot inflate
/// the price and donations to the vault do not change it.
pub fn shares_for_deposit(amount: u64, pool_tokens: u64, pool_shares: u64) -> Result<u64> {
    if pool_shares == 0 {
        return Ok(amount);
    }
    ensure!(pool_tokens > 0, StakingError::PoolWipedOut);
    mul_div_floor(amount, pool_shares, pool_tokens)
}

/// Tokens `shares` are worth, rounded down; 0 for an empty pool.
pub fn tokens_for_shares(shares: u64, pool_tokens: u64, pool_shares: u64) -> Result<u64> {
    if pool_shares == 0 {
        return Ok(0);
    }
    mul_div_floor(shares, pool_tokens, pool_shares)
}
