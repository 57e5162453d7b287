use anchor_lang::prelude::*;

use crate::{constants::MAX_UNBONDING_SECONDS, errors::StakingError};

/// The protocol configuration (one PDA, seeds `[CONFIG_SEED]`).
#[account]
#[derive(InitSpace)]
pub struct Config {
    /// May change parameters, manage spec tiers and pause the protocol.
    pub admin: Pubkey,
    /// The staking token (SPL Token or Token-2022 mint).
    pub stake_mint: Pubkey,
    /// Smallest provider stake that makes a node Active, in base units of
    /// `stake_mint` (default 100 whole tokens = 100 × 10^decimals).
    pub min_provider_stake: u64,
    /// Seconds between an unstake request and the withdrawal it unlocks.
    pub unbonding_seconds: u32,
    /// When true, every inflow and state change except matured withdrawals fails.
    pub paused: bool,
    /// Bump of this PDA, stored so later instructions do not search for it.
    pub bump: u8,
    /// Reserved for future fields; always zero.
    pub reserved: [u8; 64],
}

impl Config {
    /// Properties that must hold after every instruction that writes the config.
    pub fn invariant(&self) -> Result<()> {
        require!(
            self.min_provider_stake > 0,
            StakingError::ConfigInvariantViolated
        );
        require!(
            self.unbonding_seconds > 0 && self.unbonding_seconds <= MAX_UNBONDING_SECONDS,
            StakingError::ConfigInvariantViolated
        );
        Ok(())
    }
}
