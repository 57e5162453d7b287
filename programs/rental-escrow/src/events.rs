use anchor_lang::prelude::*;

/// Emitted once, when the escrow config is created.
#[event]
pub struct EscrowConfigInitialized {
    pub admin: Pubkey,
    pub payment_mint: Pubkey,
    pub node_staking_program: Pubkey,
    /// Seconds.
    pub max_price_age_seconds: u32,
    /// Basis points of the price.
    pub max_confidence_bps: u16,
}
