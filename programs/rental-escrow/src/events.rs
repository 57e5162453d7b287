//! Every state change emits one of these (`emit!`, read from the logs).
use anchor_lang::prelude::*;

#[event]
pub struct EscrowConfigInitialized {
    pub admin: Pubkey,
    pub payment_mint: Pubkey,
    pub oracle_program: Pubkey,
    /// Seconds.
    pub max_price_age_seconds: u32,
    /// Basis points of the price.
    pub max_confidence_bps: u16,
    /// Basis points, each side.
    pub reservation_fee_bps: u16,
}

/// A numeric escrow parameter changed.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum EscrowParam {
    MaxPriceAgeSeconds,
    MaxConfidenceBps,
    ReservationFeeBps,
    DisputeWindowSeconds,
    MaxPriceAgeSlots,
    MaxEmaDivergenceBps,
    ClaimHoldbackBps,
    DisputeTimeoutSeconds,
    MinRentalSeconds,
    MaxTotalRentalSeconds,
}

#[event]
pub struct EscrowParamChanged {
    pub param: EscrowParam,
    pub old: u64,
    pub new: u64,
}

/// An account or authority the escrow config points at.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum EscrowRole {
    DisputeAuthority,
    Treasury,
    OracleProgram,
    OracleAccount,
}

#[event]
pub struct EscrowRoleChanged {
    pub role: EscrowRole,
    pub old: Pubkey,
    pub new: Pubkey,
}

#[event]
pub struct OracleFeedChanged {
    pub old: [u8; 32],
    pub new: [u8; 32],
    pub pull: bool,
}

#[event]
pub struct AdminProposed {
    pub admin: Pubkey,
    pub proposed: Pubkey,
}

#[event]
pub struct AdminChanged {
    pub old: Pubkey,
    pub new: Pubkey,
}

#[event]
pub struct PausedChanged {
    pub old: bool,
    pub new: bool,
}

#[event]
pub struct RentalCreated {
    pub rental: Pubkey,
    pub renter: Pubkey,
    pub node: Pubkey,
    pub cluster_id: u64,
    pub rate_micro_usd_per_hour: u64,
    pub start_ts: i64,
    pub end_ts: i64,
    /// Base units escrowed, and the renter's fee on top.
    pub tokens: u64,
    pub fee: u64,
    pub price: i64,
    pub expo: i32,
    pub publish_time: i64,
}

#[event]
pub struct RentalExtended {
    pub rental: Pubkey,
    /// The new period: its end, tokens and renter fee (both escrowed).
    pub end_ts: i64,
    pub tokens: u64,
    pub fee: u64,
    /// The node's rate now (micro-USD per hour) and the price used.
    pub rate_micro_usd_per_hour: u64,
    pub price: i64,
    pub expo: i32,
    pub publish_time: i64,
}

#[event]
pub struct RentalClaimed {
    pub rental: Pubkey,
    /// Paid to the provider.
    pub payout: u64,
    /// The provider-side fee on this claim, held in the vault for the
    /// treasury (paid with the renter fees at the final settlement, whose
    /// event's `fee` includes it: sum `fee` of settlements, not this).
    pub fee_held: u64,
}

#[event]
pub struct RentalCancelled {
    pub rental: Pubkey,
    /// Returned to the renter: unserved tokens and their fees.
    pub refund: u64,
    /// Tokens accrued to the provider up to the cancellation.
    pub accrued: u64,
}

#[event]
pub struct RentalClosed {
    pub rental: Pubkey,
    /// To the provider, to the treasury, back to the renter.
    pub payout: u64,
    pub fee: u64,
    pub refund: u64,
    /// Tokens in the vault beyond the accounting (donations), returned to the renter.
    pub surplus: u64,
    /// True when an expired dispute was settled with the default outcome.
    pub dispute_expired: bool,
}

#[event]
pub struct DisputeOpened {
    pub rental: Pubkey,
    pub renter: Pubkey,
}

#[event]
pub struct DisputeResolved {
    pub rental: Pubkey,
    pub refund: u64,
    pub payout: u64,
    pub fee: u64,
    /// Service was paid until this time (the dispute, or later if the
    /// resolution says the renter kept using the node).
    pub paid_until: i64,
    pub slashed: bool,
}
