//! Every state change emits one of these (`emit!`, read from the logs).
use anchor_lang::prelude::*;

use crate::state::{NodeStatus, QosAddon, Region, SlashReason};

#[event]
pub struct ConfigInitialized {
    pub admin: Pubkey,
    pub stake_mint: Pubkey,
    pub treasury: Pubkey,
    /// Base units.
    pub min_provider_stake: u64,
    /// Seconds.
    pub unbonding_seconds: u32,
}

/// A numeric config parameter changed.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConfigParam {
    MinProviderStake,
    MinDelegation,
    MaxSlashPerEpoch,
    UnbondingSeconds,
    EpochSeconds,
    MinUptimeBps,
    MaxLowEpochs,
}

#[event]
pub struct ConfigParamChanged {
    pub param: ConfigParam,
    pub old: u64,
    pub new: u64,
}

/// An authority or account the config points at.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConfigRole {
    SlashAuthority,
    RewardAuthority,
    RentalAuthority,
    Treasury,
}

#[event]
pub struct ConfigRoleChanged {
    pub role: ConfigRole,
    pub old: Pubkey,
    pub new: Pubkey,
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
pub struct SpecTierCreated {
    pub tier_id: u16,
    pub name: [u8; 24],
    pub max_node_stake: u64,
    pub min_provider_stake: u64,
    pub max_delegated_bps: u16,
}

#[event]
pub struct SpecTierUpdated {
    pub tier_id: u16,
    pub old_max_node_stake: u64,
    pub new_max_node_stake: u64,
    pub old_min_provider_stake: u64,
    pub new_min_provider_stake: u64,
    pub old_max_delegated_bps: u16,
    pub new_max_delegated_bps: u16,
    pub old_active: bool,
    pub new_active: bool,
}

#[event]
pub struct NodeRegistered {
    pub node: Pubkey,
    pub operator: Pubkey,
    pub node_id: u64,
    pub spec_tier: u16,
    pub gpu_count: u16,
    pub region: Region,
    pub price_micro_usd_per_hour: u64,
    pub commission_bps: u16,
}

#[event]
pub struct NodePricingUpdated {
    pub node: Pubkey,
    pub old_price_micro_usd_per_hour: u64,
    pub new_price_micro_usd_per_hour: u64,
    pub qos_addons: [QosAddon; 4],
}

#[event]
pub struct CommissionChangeScheduled {
    pub node: Pubkey,
    pub old_bps: u16,
    pub new_bps: u16,
    /// Unix time it takes effect.
    pub effective_at: i64,
}

#[event]
pub struct NodeStatusChanged {
    pub node: Pubkey,
    pub old: NodeStatus,
    pub new: NodeStatus,
}

#[event]
pub struct Staked {
    pub node: Pubkey,
    pub amount: u64,
    pub provider_stake: u64,
}

#[event]
pub struct UnstakeRequested {
    pub node: Pubkey,
    pub amount: u64,
    pub provider_unbonding: u64,
    pub ready_at: i64,
}

#[event]
pub struct UnstakeWithdrawn {
    pub node: Pubkey,
    pub amount: u64,
}

#[event]
pub struct Delegated {
    pub node: Pubkey,
    pub delegator: Pubkey,
    pub amount: u64,
    pub shares: u64,
}

#[event]
pub struct Undelegated {
    pub node: Pubkey,
    pub delegator: Pubkey,
    pub shares: u64,
    /// Tokens the shares were worth, now unbonding.
    pub amount: u64,
    pub ready_at: i64,
}

#[event]
pub struct UndelegationWithdrawn {
    pub node: Pubkey,
    pub delegator: Pubkey,
    pub amount: u64,
}

#[event]
pub struct RewardsCredited {
    pub node: Pubkey,
    pub epoch: u64,
    pub uptime_bps: u16,
    /// Base units funded (0 for a low epoch).
    pub amount: u64,
    pub to_operator: u64,
    pub to_delegators: u64,
    pub low_epoch: bool,
}

#[event]
pub struct RewardsClaimed {
    pub node: Pubkey,
    pub claimant: Pubkey,
    pub amount: u64,
    pub operator: bool,
}

#[event]
pub struct Slashed {
    pub node: Pubkey,
    pub evidence_hash: [u8; 32],
    pub reason: SlashReason,
    pub fraction_bps: u16,
    pub amount: u64,
    pub from_provider: u64,
    pub from_pool: u64,
    pub from_unbonding: u64,
    pub to_renter: u64,
    pub authority: Pubkey,
}

#[event]
pub struct NodeRentalLockChanged {
    pub node: Pubkey,
    pub active_rentals: u32,
    pub locked: bool,
}

#[event]
pub struct DelegationClosed {
    pub node: Pubkey,
    pub delegator: Pubkey,
}

#[event]
pub struct NodeClosed {
    pub node: Pubkey,
    pub operator: Pubkey,
    /// Vault tokens no balance accounted for, sent to the treasury.
    pub swept_to_treasury: u64,
}

#[event]
pub struct DelegationSettled {
    pub node: Pubkey,
    pub delegator: Pubkey,
    /// Active shares after settling (0 when they were of a wiped generation).
    pub shares: u64,
    /// Settled rewards waiting to be claimed, base units.
    pub pending_rewards: u64,
}

#[event]
pub struct SlashRecordClosed {
    pub node: Pubkey,
    pub evidence_hash: [u8; 32],
    /// Got the record's rent back.
    pub payer: Pubkey,
}
