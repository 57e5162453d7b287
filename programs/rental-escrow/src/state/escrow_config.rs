use anchor_lang::prelude::*;

use crate::{constants::*, errors::EscrowError};

/// Which Pyth account format prices rentals.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub enum OracleKind {
    /// Legacy push-oracle price account (the format `@pythnetwork/client`
    /// `parsePriceData` reads), pinned by address in `oracle_account`.
    PythLegacy,
    /// Pull-oracle `PriceUpdateV2` of the Pyth receiver, fully verified, for
    /// the pinned `feed_id`: the sponsored price-feed account when
    /// `oracle_account` is set, else any posted update (see `price.rs`).
    PythPull,
}

impl OracleKind {
    /// Owner programs allowed for this kind, fixed at build time.
    pub fn allows_owner(&self, program: &Pubkey) -> bool {
        match self {
            OracleKind::PythPull => *program == PYTH_RECEIVER_PROGRAM_ID,
            OracleKind::PythLegacy => {
                *program == PYTH_LEGACY_MAINNET_PROGRAM_ID
                    || *program == PYTH_LEGACY_DEVNET_PROGRAM_ID
            }
        }
    }
}

/// The escrow configuration (one PDA, seeds `[ESCROW_CONFIG_SEED]`).
/// Only `initialize` creates one (Anchor `init` at that PDA, so at most one
/// exists): an account owned by this program with this discriminator is the
/// config, and the rental instructions check no seeds for it.
///
/// The money rules a rental depends on (fees, holdback, dispute window and
/// timeout) are copied into the rental when it is created, so changing them
/// here never touches running rentals.
#[account]
#[derive(InitSpace)]
pub struct EscrowConfig {
    /// Changes parameters and pauses new rentals.
    pub admin: Pubkey,
    /// Proposed next admin (two-step handover); `Pubkey::default()` when none.
    pub pending_admin: Pubkey,
    /// The token rentals are paid in: node_staking's stake mint.
    pub payment_mint: Pubkey,
    /// Token program that owns `payment_mint`.
    pub token_program: Pubkey,
    /// Receives reservation fees (a token account of `payment_mint`).
    pub treasury: Pubkey,
    /// Resolves disputes (refunds, slashes).
    pub dispute_authority: Pubkey,
    pub oracle_kind: OracleKind,
    /// Owner program of the price account: the Pyth receiver (pull) or a
    /// legacy Pyth oracle program; checked against `OracleKind::allows_owner`.
    pub oracle_program: Pubkey,
    /// PythLegacy: the pinned price account. PythPull: the pinned
    /// sponsored price-feed account, or `Pubkey::default()` to accept any
    /// fully verified update for `feed_id`.
    pub oracle_account: Pubkey,
    /// PythPull: the pinned feed id. PythLegacy: unused (zero).
    pub feed_id: [u8; 32],
    /// Largest accepted age of the oracle price, in seconds.
    pub max_price_age_seconds: u32,
    /// Largest accepted age of a legacy price's aggregate, in slots.
    pub max_price_age_slots: u32,
    /// Widest accepted confidence interval, in basis points of the price.
    pub max_confidence_bps: u16,
    /// Largest distance between the spot and the EMA price, in basis points of the EMA.
    pub max_ema_divergence_bps: u16,
    /// Reservation fee charged to the renter (on top) and to the provider
    /// (from each payout), in basis points.
    pub reservation_fee_bps: u16,
    /// Share of accrued tokens provider claims leave in escrow until the
    /// rental closes, in basis points.
    pub claim_holdback_bps: u16,
    /// Seconds after a rental's end during which its renter may dispute it.
    pub dispute_window_seconds: u32,
    /// Seconds an open dispute waits for the dispute authority before anyone
    /// party to the rental may close it with the default outcome.
    pub dispute_timeout_seconds: u32,
    /// Shortest rental or extension, in seconds.
    pub min_rental_seconds: u32,
    /// Longest total rental (creation plus extensions), in seconds.
    pub max_total_rental_seconds: u32,
    /// When true, new rentals and extensions fail; claims, refunds, cancels, disputes and closes still work.
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
                && self.max_price_age_slots > 0
                && self.max_confidence_bps > 0
                && self.max_confidence_bps <= BPS_DENOMINATOR
                && self.max_ema_divergence_bps > 0
                && self.max_ema_divergence_bps <= BPS_DENOMINATOR
                && self.reservation_fee_bps <= MAX_RESERVATION_FEE_BPS
                && self.claim_holdback_bps <= MAX_CLAIM_HOLDBACK_BPS
                && self.dispute_window_seconds > 0
                && self.dispute_window_seconds <= MAX_DISPUTE_WINDOW_SECONDS
                && self.dispute_timeout_seconds > 0
                && self.dispute_timeout_seconds <= MAX_DISPUTE_TIMEOUT_SECONDS
                && self.min_rental_seconds > 0
                && u64::from(self.min_rental_seconds) <= MAX_RENTAL_SECONDS
                && self.max_total_rental_seconds >= self.min_rental_seconds
                && self.max_total_rental_seconds <= MAX_TOTAL_RENTAL_LIMIT_SECONDS
                && self.oracle_kind.allows_owner(&self.oracle_program),
            EscrowError::ConfigInvariantViolated
        );
        Ok(())
    }

    pub fn check_not_paused(&self) -> Result<()> {
        require!(!self.paused, EscrowError::Paused);
        Ok(())
    }
}
