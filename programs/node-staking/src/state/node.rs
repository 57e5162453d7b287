use anchor_lang::prelude::*;

use crate::{
    constants::{BPS, MAX_QOS_ADDONS},
    errors::StakingError,
    math,
    state::{Config, SpecTier},
};

/// Where a node's hardware is.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub enum Region {
    Americas,
    Europe,
    Asia,
    Other,
}

/// Life cycle of a node.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub enum NodeStatus {
    /// Provider stake below the required minimum.
    Pending,
    /// Staked at or above the minimum: accepts delegations and rentals.
    Active,
    /// Too many low-uptime epochs or a data-leak slash: no new delegations or
    /// rentals, no rewards, until the admin unjails it.
    Jailed,
    /// The provider asked to unstake everything.
    Exiting,
}

/// A priced quality-of-service option (e.g. dedicated bandwidth, SLA tier).
#[derive(
    AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, Default, PartialEq, Eq, InitSpace,
)]
pub struct QosAddon {
    /// Operator-chosen id, unique within the node; 0 marks an unused slot.
    pub id: u8,
    /// Extra price in micro-USD per hour (1 USD = 1 000 000).
    pub price_micro_usd_per_hour: u64,
}

/// A GPU node (PDA `[NODE_SEED, operator, node_id]`) with its stake pools.
///
/// Token accounting (all in base units of the stake mint) — the node's vault
/// holds at least
/// `provider_stake + provider_unbonding + pool_tokens + unbonding_tokens + reward_reserve`.
#[account]
#[derive(InitSpace)]
pub struct Node {
    pub operator: Pubkey,
    /// Operator-chosen id, unique per operator.
    pub node_id: u64,
    /// The node's vault (PDA `[VAULT_SEED, node]`, authority = this node).
    pub vault: Pubkey,
    pub spec_tier: u16,
    pub gpu_count: u16,
    pub region: Region,
    pub status: NodeStatus,
    /// Base rental price in micro-USD per hour.
    pub price_micro_usd_per_hour: u64,
    pub qos_addons: [QosAddon; MAX_QOS_ADDONS as usize],
    /// Operator's share of the delegators' rewards, in basis points.
    pub commission_bps: u16,
    /// Scheduled commission, applied once `commission_effective_at` has passed.
    pub pending_commission_bps: u16,
    /// Unix time the pending commission takes effect; 0 when none is scheduled.
    pub commission_effective_at: i64,
    /// Rentals currently running on this node (maintained by rental_escrow).
    pub active_rentals: u32,
    /// Low-uptime epochs in a row.
    pub consecutive_low_epochs: u8,
    /// The earliest protocol epoch that may still be credited.
    pub next_reward_epoch: u64,
    /// Provider's active stake.
    pub provider_stake: u64,
    /// Provider stake waiting for `provider_unbonding_ready_at` (still slashable).
    pub provider_unbonding: u64,
    pub provider_unbonding_ready_at: i64,
    /// Active delegated tokens and the shares that claim them.
    pub pool_tokens: u64,
    pub pool_shares: u64,
    /// Undelegated tokens waiting out the unbonding period (still slashable).
    pub unbonding_tokens: u64,
    pub unbonding_shares: u64,
    /// Delegator rewards per active share, × REWARD_SCALE.
    pub acc_reward_per_share: u128,
    /// Rewards funded and not yet claimed (operator's + delegators').
    pub reward_reserve: u64,
    /// Of `reward_reserve`, the operator's claimable rewards.
    pub operator_rewards: u64,
    /// Base units slashed from this node over its life.
    pub total_slashed: u64,
    /// Unix time of registration.
    pub registered_at: i64,
    /// Bump of this PDA and of its vault.
    pub bump: u8,
    pub vault_bump: u8,
    /// Reserved for future fields; always zero.
    pub reserved: [u8; 64],
}

impl Node {
    /// Stake that counts against the tier cap and earns rewards.
    pub fn active_stake(&self) -> Result<u64> {
        math::add(self.provider_stake, self.pool_tokens)
    }

    /// Everything that can be slashed.
    pub fn slashable(&self) -> Result<u64> {
        math::add(
            math::add(self.provider_stake, self.provider_unbonding)?,
            math::add(self.pool_tokens, self.unbonding_tokens)?,
        )
    }

    /// The provider stake that activates this node: max(global, tier minimum).
    pub fn required_minimum(config: &Config, tier: &SpecTier) -> u64 {
        config.min_provider_stake.max(tier.min_provider_stake)
    }

    /// Recomputes Pending/Active/Exiting from the provider stake. Jailed is
    /// sticky until the admin unjails the node.
    pub fn refresh_status(&mut self, required_minimum: u64) {
        if self.status == NodeStatus::Jailed {
            return;
        }
        self.status = if self.provider_stake >= required_minimum {
            NodeStatus::Active
        } else if self.provider_stake == 0 && self.provider_unbonding > 0 {
            NodeStatus::Exiting
        } else {
            NodeStatus::Pending
        };
    }

    /// Applies a scheduled commission change once its time has come.
    pub fn apply_due_commission(&mut self, now: i64) {
        if self.commission_effective_at != 0 && now >= self.commission_effective_at {
            self.commission_bps = self.pending_commission_bps;
            self.commission_effective_at = 0;
        }
    }

    /// Inflow checks shared by stake and delegate: the tier cap on
    /// provider + delegated stake, and the tier's delegated share.
    pub fn check_inflow(&self, tier: &SpecTier) -> Result<()> {
        require!(
            self.active_stake()? <= tier.max_node_stake,
            StakingError::NodeCapExceeded
        );
        // pool / (provider + pool) <= max_delegated_bps / 10 000
        let lhs = (self.pool_tokens as u128) * (BPS as u128);
        let rhs = (self.active_stake()? as u128) * (tier.max_delegated_bps as u128);
        require!(lhs <= rhs, StakingError::DelegationShareExceeded);
        Ok(())
    }

    /// Properties that must hold after every instruction that writes a node.
    pub fn invariant(&self) -> Result<()> {
        require!(
            self.commission_bps <= BPS
                && self.pending_commission_bps <= BPS
                && self.operator_rewards <= self.reward_reserve
                && (self.pool_shares > 0 || self.pool_tokens == 0)
                && (self.unbonding_shares > 0 || self.unbonding_tokens == 0),
            StakingError::NodeInvariantViolated
        );
        Ok(())
    }

    pub fn signer_seeds_parts(&self) -> ([u8; 8], [u8; 1]) {
        (self.node_id.to_le_bytes(), [self.bump])
    }
}
