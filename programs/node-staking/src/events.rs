use anchor_lang::prelude::*;

/// Emitted once, when the protocol config is created.
#[event]
pub struct ConfigInitialized {
    pub admin: Pubkey,
    pub stake_mint: Pubkey,
    /// Base units of `stake_mint`.
    pub min_provider_stake: u64,
    /// Seconds.
    pub unbonding_seconds: u32,
}
