use anchor_lang::prelude::*;

use crate::{
    constants::{BPS, MAX_POOL_WIPES, MAX_QOS_ADDONS, MAX_SHARES_PER_TOKEN, REWARD_SCALE},
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
    /// The provider has no active stake left and some still unbonding.
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
/// Token accounting (all in base units of the stake mint): the node's vault
/// holds at least
/// `provider_stake + provider_unbonding + pool_tokens + unbonding_tokens + reward_reserve`.
///
/// Reward ledger (see `invariant`): `reward_reserve` is split into the
/// operator's `operator_rewards` and the delegators' part. Delegators'
/// entitlements are kept exactly, in base units × `REWARD_SCALE`
/// ("scaled"), in `delegator_rewards_owed`; what a credit could not spread
/// over the shares waits in `reward_remainder` for the next credit.
///
/// Created only at its PDA `[NODE_SEED, operator, node_id]` (`init` in
/// register_node), and `operator`/`node_id` never change; so an
/// `Account<Node>` (owner + discriminator) is the node of those seeds, and
/// instructions do not re-derive them (1,500 CU each).
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
    /// Low-uptime epochs in a row (a gap between credited epochs restarts the count).
    pub consecutive_low_epochs: u8,
    /// Unix time up to which epochs have been credited (the end of the last
    /// credited epoch). Kept in seconds, so a change of the epoch length can
    /// neither re-credit time nor block crediting.
    pub rewarded_until: i64,
    /// Provider's active stake.
    pub provider_stake: u64,
    /// Provider stake waiting for `provider_unbonding_ready_at` (still slashable).
    pub provider_unbonding: u64,
    pub provider_unbonding_ready_at: i64,
    /// Active delegated tokens and the shares that claim them.
    pub pool_tokens: u64,
    pub pool_shares: u64,
    /// Generation of the active pool: a slash that empties it starts a new
    /// one, and shares of older generations are worth nothing.
    pub pool_generation: u32,
    /// Undelegated tokens waiting out the unbonding period (still slashable).
    pub unbonding_tokens: u64,
    pub unbonding_shares: u64,
    /// Generation of the unbonding pool (as `pool_generation`).
    pub unbonding_generation: u32,
    /// Delegator rewards per active share, × REWARD_SCALE. Only grows.
    pub acc_reward_per_share: u128,
    /// `acc_reward_per_share` when generation `g` of the active pool was
    /// wiped: where shares of generation `g` stop earning.
    pub wiped_acc: [u128; MAX_POOL_WIPES],
    /// Shares of wiped generations whose delegations have not settled yet.
    pub stale_pool_shares: u64,
    /// Delegators' rewards credited but not yet spread over shares, scaled.
    pub reward_remainder: u128,
    /// Everything delegators can still claim, scaled: settled pending
    /// rewards × REWARD_SCALE, their sub-unit carries, and what shares have
    /// earned since their last settlement.
    pub delegator_rewards_owed: u128,
    /// Sum of the delegations' settled `pending_rewards`, in base units.
    pub delegator_pending: u64,
    /// Rewards funded and not yet claimed (operator's + delegators' + dust).
    pub reward_reserve: u64,
    /// Of `reward_reserve`, the operator's claimable rewards.
    pub operator_rewards: u64,
    /// Base units slashed from this node over its life.
    pub total_slashed: u64,
    /// Unix time of registration.
    pub registered_at: i64,
    /// The config's `nodes_registered` when this node was registered.
    pub incarnation: u64,
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

    /// Recomputes Pending/Active/Exiting from the provider stake and the
    /// current minimum. Jailed is sticky until the admin unjails the node.
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

    /// The tier cap on provider + delegated stake (every inflow).
    pub fn check_cap(&self, tier: &SpecTier) -> Result<()> {
        require!(
            self.active_stake()? <= tier.max_node_stake,
            StakingError::NodeCapExceeded
        );
        Ok(())
    }

    /// Delegation inflow: the cap, and the tier's largest delegated share
    /// pool / (provider + pool) ≤ max_delegated_bps / 10 000.
    pub fn check_delegation_inflow(&self, tier: &SpecTier) -> Result<()> {
        self.check_cap(tier)?;
        let lhs = (self.pool_tokens as u128) * (BPS as u128);
        let rhs = (self.active_stake()? as u128) * (tier.max_delegated_bps as u128);
        require!(lhs <= rhs, StakingError::DelegationShareExceeded);
        Ok(())
    }

    /// The active pool takes no new shares once its last generation was wiped.
    pub fn pool_closed(&self) -> bool {
        self.pool_shares > 0 && self.pool_tokens == 0
    }

    /// Where shares of generation `generation` stop (or have not yet stopped) earning.
    pub fn acc_for_generation(&self, generation: u32) -> Result<u128> {
        if generation == self.pool_generation {
            return Ok(self.acc_reward_per_share);
        }
        self.wiped_acc
            .get(generation as usize)
            .copied()
            .ok_or_else(|| error!(StakingError::NodeInvariantViolated))
    }

    /// Spreads `delegators_net` base units over the active shares, exactly:
    /// the scaled amount plus the remainder of earlier credits is divided by
    /// the shares, and what does not divide waits for the next credit.
    /// Returns nothing; the caller has already reserved the tokens.
    pub fn spread_delegator_rewards(&mut self, delegators_net: u64) -> Result<()> {
        if delegators_net == 0 {
            return Ok(());
        }
        require!(self.pool_shares > 0, StakingError::NodeInvariantViolated);
        let total = (delegators_net as u128)
            .checked_mul(REWARD_SCALE)
            .and_then(|v| v.checked_add(self.reward_remainder))
            .ok_or(StakingError::MathOverflow)?;
        let shares = self.pool_shares as u128;
        let inc = total / shares;
        self.reward_remainder = total % shares;
        self.acc_reward_per_share = self
            .acc_reward_per_share
            .checked_add(inc)
            .ok_or(StakingError::MathOverflow)?;
        // inc × shares = total − remainder ≤ total: no overflow.
        self.delegator_rewards_owed = self
            .delegator_rewards_owed
            .checked_add(inc * shares)
            .ok_or(StakingError::MathOverflow)?;
        Ok(())
    }

    /// After a slash: an active pool that is empty, or worth less than one
    /// base unit per `MAX_SHARES_PER_TOKEN` shares, is wiped. Returns the
    /// extra base units taken from the pool's remainder (0 if none).
    /// Its shares become a past generation: they keep their rewards up to
    /// now and are worth no tokens.
    pub fn wipe_collapsed_pools(&mut self) -> Result<(u64, u64)> {
        let mut from_pool = 0;
        if self.pool_shares > 0 && collapsed(self.pool_tokens, self.pool_shares) {
            let next = self.pool_generation as usize;
            if next < MAX_POOL_WIPES {
                from_pool = self.pool_tokens;
                self.wiped_acc[next] = self.acc_reward_per_share;
                self.stale_pool_shares = math::add(self.stale_pool_shares, self.pool_shares)?;
                self.pool_tokens = 0;
                self.pool_shares = 0;
                self.pool_generation += 1;
            } else if self.pool_tokens > 0 {
                // Out of generations: the pool stays closed with its shares.
                from_pool = self.pool_tokens;
                self.pool_tokens = 0;
            }
        }
        let mut from_unbonding = 0;
        if self.unbonding_shares > 0 && collapsed(self.unbonding_tokens, self.unbonding_shares) {
            // Unbonding shares earn no rewards: a new generation needs no record.
            from_unbonding = self.unbonding_tokens;
            self.unbonding_tokens = 0;
            self.unbonding_shares = 0;
            self.unbonding_generation = self
                .unbonding_generation
                .checked_add(1)
                .ok_or(StakingError::MathOverflow)?;
        }
        Ok((from_pool, from_unbonding))
    }

    /// True when no delegator can claim anything from this node: no active,
    /// unbonding or unsettled stale shares and no settled pending rewards.
    /// (Sub-unit carries of delegations cannot be claimed.)
    pub fn owes_delegators_nothing(&self) -> bool {
        self.pool_shares == 0
            && self.stale_pool_shares == 0
            && self.unbonding_shares == 0
            && self.delegator_pending == 0
    }

    /// Properties that must hold after every instruction that writes a node.
    ///
    /// The reward ledger: the delegators' part of the reserve covers
    /// everything they can claim, `(reward_reserve − operator_rewards) ×
    /// SCALE ≥ delegator_rewards_owed + reward_remainder`, and the settled
    /// pending rewards are part of what is owed.
    pub fn invariant(&self) -> Result<()> {
        let delegators_reserve = self
            .reward_reserve
            .checked_sub(self.operator_rewards)
            .ok_or(StakingError::NodeInvariantViolated)?;
        let covered = (delegators_reserve as u128)
            .checked_mul(REWARD_SCALE)
            .ok_or(StakingError::NodeInvariantViolated)?;
        let owed = self
            .delegator_rewards_owed
            .checked_add(self.reward_remainder)
            .ok_or(StakingError::NodeInvariantViolated)?;
        let pending_scaled = (self.delegator_pending as u128)
            .checked_mul(REWARD_SCALE)
            .ok_or(StakingError::NodeInvariantViolated)?;
        require!(
            self.commission_bps <= BPS
                && self.pending_commission_bps <= BPS
                && covered >= owed
                && self.delegator_rewards_owed >= pending_scaled
                && (self.pool_tokens == 0 || self.pool_shares > 0)
                && (self.pool_shares == 0
                    || self.pool_tokens > 0
                    || self.pool_generation as usize >= MAX_POOL_WIPES)
                && (self.unbonding_shares > 0) == (self.unbonding_tokens > 0)
                && self.pool_generation as usize <= MAX_POOL_WIPES,
            StakingError::NodeInvariantViolated
        );
        Ok(())
    }

    pub fn signer_seeds_parts(&self) -> ([u8; 8], [u8; 1]) {
        (self.node_id.to_le_bytes(), [self.bump])
    }
}

/// A pool is collapsed when it holds no tokens, or fewer than one base unit
/// per `MAX_SHARES_PER_TOKEN` shares.
fn collapsed(tokens: u64, shares: u64) -> bool {
    (tokens as u128) * (MAX_SHARES_PER_TOKEN as u128) < shares as u128
}
