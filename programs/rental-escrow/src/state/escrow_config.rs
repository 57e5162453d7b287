use anchor_lang::prelude::*;

use crate::{
    constants::{BPS_DENOMINATOR, MAX_PRICE_AGE_LIMIT_SECONDS},
    errors::EscrowError,
};

/// The escrow configuration (one PDA, seeds `[ESCROW_CONFIG_SEED]`).
#[account]
#[derive(InitSpace)]
pub struct EscrowConfig {
    /// May change parameters and pause new rentals.
    pub admin: Pubkey,
    /// The token rentals are paid in (the protocol token).
    pub payment_mint: Pubkey,
    /// The node_staking program whose Node accounts are rented.
    pub node_staking_program: Pubkey,
    /// Largest accepted age of the oracle price, in seconds.
    pub max_price_age_seconds: u32,
    /// Widest accepted confidence interval, in basis points of the price.
    pub max_confidence_bps: u16,
    /// When true, new rentals and extensions fail; refunds and claims still work.
    pub paused: bool,
    /// Bump of this PDA.
    pub bump: u8,
    /// Reserved for future fields; always zero.
    pub reserved: [u8; 64],
}

impl EscrowConfig {
    /// Properties that must hold after every instruction that writes the config.
    pub fn invariant(&self) -> Result<()> {
        require!(
            self.max_price_age_seconds > 0
                && self.max_price_age_seconds <= MAX_PRICE_AGE_LIMIT_SECONDS,
            EscrowError::ConfigInvariantViolated
        );
        require!(
            self.max_confidence_bps > 0 && self.max_confidence_bps <= BPS_DENOMINATOR,
            EscrowError::ConfigInvariantViolated
        );
        Ok(())
    }
}
