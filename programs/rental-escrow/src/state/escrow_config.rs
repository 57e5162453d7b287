use anchor_lang::prelude::*;

use crate::{
    constants::{
        BPS_DENOMINATOR, MAX_DISPUTE_WINDOW_SECONDS, MAX_PRICE_AGE_LIMIT_SECONDS,
        MAX_RESERVATION_FEE_BPS,
    },
    errors::EscrowError,
};

/// Which Pyth account format prices rentals.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub enum OracleKind {
    /// Legacy push-oracle price account (the format `@pythnetwork/client`
    /// `parsePriceData` reads), pinned by address in `oracle_account`.
    PythLegacy,
    /// Pull-oracle `PriceUpdateV2` (receiver program), any account with
    /// full verification and the pinned `feed_id`.
    PythPull,
}

/// The escrow configuration (one PDA, seeds `[ESCROW_CONFIG_SEED]`).
#[account]
#[derive(InitSpace)]
pub struct EscrowConfig {
    /// Changes parameters and pauses new rentals.
    pub admin: Pubkey,
    /// Proposed next admin (two-step handover); `Pubkey::default()` when none.
    pub pending_admin: Pubkey,
    /// The token rentals are paid in (the protocol token).
    pub payment_mint: Pubkey,
    /// Token program that owns `payment_mint`.
    pub token_program: Pubkey,
    /// The node_staking program whose Node accounts are rented.
    pub node_staking_program: Pubkey,
    /// Receives reservation fees (a token account of `payment_mint`).
    pub treasury: Pubkey,
    /// Resolves disputes (refunds, slashes).
    pub dispute_authority: Pubkey,
    pub oracle_kind: OracleKind,
    /// Owner program of the price account (Pyth oracle or receiver program).
    pub oracle_program: Pubkey,
    /// PythLegacy: the pinned price account. PythPull: unused (default).
    pub oracle_account: Pubkey,
    /// PythPull: the pinned feed id. PythLegacy: unused (zero).
    pub feed_id: [u8; 32],
    /// Largest accepted age of the oracle price, in seconds.
    pub max_price_age_seconds: u32,
    /// Widest accepted confidence interval, in basis points of the price.
    pub max_confidence_bps: u16,
    /// Reservation fee charged to the renter (on top) and to the provider
    /// (from each payout), in basis points.
    pub reservation_fee_bps: u16,
    /// Seconds after a rental's end during which its renter may dispute it.
    pub dispute_window_seconds: u32,
    /// When true, new rentals and extensions fail; claims, refunds, cancels and closes still work.
    pub paused: bool,
    /// Bump of this PDA.
    pub bump: u8,
    /// Bump of the rental-authority PDA.
    pub rental_authority_bump: u8,
    /// Reserved for future fields; always zero.
    pub reserved: [u8; 64],
}

impl EscrowConfig {
    /// Properties that must hold after every instruction that writes the config.
    pub fn invariant(&self) -> Result<()> {
        require!(
            self.max_price_age_seconds > 0
                && self.max_price_age_seconds <= MAX_PRICE_AGE_LIMIT_SECONDS
                && self.max_confidence_bps > 0
                && self.max_confidence_bps <= BPS_DENOMINATOR
                && self.reservation_fee_bps <= MAX_RESERVATION_FEE_BPS
                && self.dispute_window_seconds > 0
                && self.dispute_window_seconds <= MAX_DISPUTE_WINDOW_SECONDS,
            EscrowError::ConfigInvariantViolated
        );
        Ok(())
    }

    pub fn check_not_paused(&self) -> Result<()> {
        require!(!self.paused, EscrowError::Paused);
        Ok(())
    }
}
