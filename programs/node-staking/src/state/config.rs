use anchor_lang::prelude::*;

use crate::{
    constants::{BPS, MAX_UNBONDING_SECONDS},
    errors::StakingError,
};

/// The protocol configuration (one PDA, seeds `[CONFIG_SEED]`).
///
/// Created only at this PDA (`init` in initialize), and only once; so an
/// `Account<Config>` (owner + discriminator) is the config, and instructions do
/// not re-derive its seeds (1,500 CU each).
#[account]
#[derive(InitSpace)]
pub struct Config {
    /// Changes parameters and authorities, manages spec tiers, pauses.
    pub admin: Pubkey,
    /// Proposed next admin (two-step handover); `Pubkey::default()` when none.
    pub pending_admin: Pubkey,
    /// The staking token (SPL Token or Token-2022 mint, no hostile extensions).
    pub stake_mint: Pubkey,
    /// Token program that owns `stake_mint`.
    pub token_program: Pubkey,
    /// Token account (of `stake_mint`) that receives slashed stake.
    pub treasury: Pubkey,
    /// May slash nodes with evidence.
    pub slash_authority: Pubkey,
    /// May credit availability rewards (and funds them).
    pub reward_authority: Pubkey,
    /// rental_escrow's PDA: locks/unlocks nodes for rentals and slashes on a
    /// resolved dispute. `Pubkey::default()` until the admin sets it.
    pub rental_authority: Pubkey,
    /// Smallest provider stake that makes a node Active, in base units (default 100 tokens).
    pub min_provider_stake: u64,
    /// Smallest delegation, in base units.
    pub min_delegation: u64,
    /// Circuit breaker: most base units slashed in one protocol epoch.
    pub max_slash_per_epoch: u64,
    /// Protocol epoch that `slashed_in_epoch` counts.
    pub slash_epoch: u64,
    /// Base units slashed so far in `slash_epoch`.
    pub slashed_in_epoch: u64,
    /// Seconds between an unstake/undelegate request and the withdrawal it unlocks.
    pub unbonding_seconds: u32,
    /// Length of a protocol epoch in seconds (epoch = unix_timestamp / epoch_seconds).
    pub epoch_seconds: u32,
    /// Attested uptime below this (basis points) earns nothing and counts as a low epoch.
    pub min_uptime_bps: u16,
    /// Consecutive low epochs that jail a node.
    pub max_low_epochs: u8,
    /// Nodes ever registered; each node stores its number as `incarnation`,
    /// so a node re-registered at the same address is told apart from the
    /// closed one (delegations of the closed node cannot touch the new one).
    pub nodes_registered: u64,
    /// When true, inflows, new unbonding requests, reward credits and claims,
    /// and new rental locks fail. Slashes, matured withdrawals, settlement,
    /// closing empty accounts and admin instructions stay available.
    pub paused: bool,
    /// Bump of this PDA.
    pub bump: u8,
    /// Reserved for future fields; always zero.
    pub reserved: [u8; 64],
}

impl Config {
    /// Properties that must hold after every instruction that writes the config.
    pub fn invariant(&self) -> Result<()> {
        require!(
            self.min_provider_stake > 0
                && self.min_delegation > 0
                && self.max_slash_per_epoch > 0
                && self.epoch_seconds > 0
                && self.max_low_epochs > 0
                && self.min_uptime_bps <= BPS
                && self.unbonding_seconds > 0
                && self.unbonding_seconds <= MAX_UNBONDING_SECONDS,
            StakingError::ConfigInvariantViolated
        );
        Ok(())
    }

    /// The protocol epoch at `unix_timestamp` (0 for timestamps before 1970).
    pub fn epoch_at(&self, unix_timestamp: i64) -> u64 {
        (unix_timestamp.max(0) as u64) / u64::from(self.epoch_seconds)
    }

    /// Unix time at which protocol epoch `epoch` starts.
    pub fn epoch_start(&self, epoch: u64) -> Result<i64> {
        epoch
            .checked_mul(u64::from(self.epoch_seconds))
            .and_then(|t| i64::try_from(t).ok())
            .ok_or_else(|| error!(StakingError::MathOverflow))
    }

    pub fn check_not_paused(&self) -> Result<()> {
        require!(!self.paused, StakingError::Paused);
        Ok(())
    }
}
