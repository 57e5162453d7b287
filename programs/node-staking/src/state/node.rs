use anchor_lang::prelude::*;

use crate::{
    constants::{BPS, MAX_POOL_WIPES, MAX_QOS_ADDONS, MAX_SHARES_PER_TOKEN, REWARD_SCALE},
    errors::StakingError,
    fixed_layout::{Reader, Writer},
    fixed_layout_account, math,
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
///
/// What `#[account]` would generate comes from `fixed_layout_account!` (discriminator
/// `sha256("account:Node")[..8]`, owner, Borsh layout) so that, outside IDL
/// builds, the node is read and written at fixed offsets
/// (`crate::fixed_layout`): one length check and one copy instead of a
/// check and a `sol_memcpy` per field. IDL builds derive `AnchorSerialize`
/// as `#[account]` does.
#[derive(AnchorDeserialize, Clone, InitSpace)]
#[cfg_attr(feature = "idl-build", derive(AnchorSerialize))]
#[cfg_attr(test, derive(Debug, PartialEq))]
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

fixed_layout_account!(Node, [208, 53, 1, 3, 49, 122, 180, 49]);

/// Bytes of a serialised Node, discriminator included.
pub const NODE_LEN: usize = 8 + Node::INIT_SPACE;

impl Node {
    /// The account bytes (discriminator, then the Borsh layout: fields in
    /// declaration order, integers little-endian, enums as their variant
    /// index), built at fixed offsets.
    pub fn to_bytes(&self) -> [u8; NODE_LEN] {
        let mut w = Writer::<NODE_LEN>::new();
        w.put(Self::DISCRIMINATOR);
        w.key(&self.operator);
        w.u64(self.node_id);
        w.key(&self.vault);
        w.u16(self.spec_tier);
        w.u16(self.gpu_count);
        w.u8(self.region as u8);
        w.u8(self.status as u8);
        w.u64(self.price_micro_usd_per_hour);
        for addon in &self.qos_addons {
            w.u8(addon.id);
            w.u64(addon.price_micro_usd_per_hour);
        }
        w.u16(self.commission_bps);
        w.u16(self.pending_commission_bps);
        w.i64(self.commission_effective_at);
        w.u32(self.active_rentals);
        w.u8(self.consecutive_low_epochs);
        w.i64(self.rewarded_until);
        w.u64(self.provider_stake);
        w.u64(self.provider_unbonding);
        w.i64(self.provider_unbonding_ready_at);
        w.u64(self.pool_tokens);
        w.u64(self.pool_shares);
        w.u32(self.pool_generation);
        w.u64(self.unbonding_tokens);
        w.u64(self.unbonding_shares);
        w.u32(self.unbonding_generation);
        w.u128(self.acc_reward_per_share);
        for acc in &self.wiped_acc {
            w.u128(*acc);
        }
        w.u64(self.stale_pool_shares);
        w.u128(self.reward_remainder);
        w.u128(self.delegator_rewards_owed);
        w.u64(self.delegator_pending);
        w.u64(self.reward_reserve);
        w.u64(self.operator_rewards);
        w.u64(self.total_slashed);
        w.i64(self.registered_at);
        w.u64(self.incarnation);
        w.u8(self.bump);
        w.u8(self.vault_bump);
        w.put(&self.reserved);
        w.finish()
    }

    /// The node in `bytes` (discriminator first, not checked here), read at
    /// fixed offsets; `None` where Borsh would fail (too short, a region or
    /// status byte out of range). Same result as the derived deserialiser
    /// (unit test), without its per-field reads.
    pub fn from_bytes(bytes: &[u8]) -> Option<Self> {
        if bytes.len() < NODE_LEN {
            return None;
        }
        let mut r = Reader::new(bytes, 8);
        // Fields are read in declaration order: a struct expression
        // evaluates its fields in the order written.
        Some(Self {
            operator: r.key(),
            node_id: r.u64(),
            vault: r.key(),
            spec_tier: r.u16(),
            gpu_count: r.u16(),
            region: match r.u8() {
                0 => Region::Americas,
                1 => Region::Europe,
                2 => Region::Asia,
                3 => Region::Other,
                _ => return None,
            },
            status: match r.u8() {
                0 => NodeStatus::Pending,
                1 => NodeStatus::Active,
                2 => NodeStatus::Jailed,
                3 => NodeStatus::Exiting,
                _ => return None,
            },
            price_micro_usd_per_hour: r.u64(),
            qos_addons: core::array::from_fn(|_| QosAddon {
                id: r.u8(),
                price_micro_usd_per_hour: r.u64(),
            }),
            commission_bps: r.u16(),
            pending_commission_bps: r.u16(),
            commission_effective_at: r.i64(),
            active_rentals: r.u32(),
            consecutive_low_epochs: r.u8(),
            rewarded_until: r.i64(),
            provider_stake: r.u64(),
            provider_unbonding: r.u64(),
            provider_unbonding_ready_at: r.i64(),
            pool_tokens: r.u64(),
            pool_shares: r.u64(),
            pool_generation: r.u32(),
            unbonding_tokens: r.u64(),
            unbonding_shares: r.u64(),
            unbonding_generation: r.u32(),
            acc_reward_per_share: r.u128(),
            wiped_acc: core::array::from_fn(|_| r.u128()),
            stale_pool_shares: r.u64(),
            reward_remainder: r.u128(),
            delegator_rewards_owed: r.u128(),
            delegator_pending: r.u64(),
            reward_reserve: r.u64(),
            operator_rewards: r.u64(),
            total_slashed: r.u64(),
            registered_at: r.i64(),
            incarnation: r.u64(),
            bump: r.u8(),
            vault_bump: r.u8(),
            reserved: r.take(),
        })
    }
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
        ensure!(
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
        ensure!(lhs <= rhs, StakingError::DelegationShareExceeded);
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
            .ok_or_else(|| named_error!(StakingError::NodeInvariantViolated))
    }

    /// Spreads `delegators_net` base units over the active shares, exactly:
    /// the scaled amount plus the remainder of earlier credits is divided by
    /// the shares, and what does not divide waits for the next credit.
    /// Returns nothing; the caller has already reserved the tokens.
    pub fn spread_delegator_rewards(&mut self, delegators_net: u64) -> Result<()> {
        if delegators_net == 0 {
            return Ok(());
        }
        ensure!(self.pool_shares > 0, StakingError::NodeInvariantViolated);
        let total = (delegators_net as u128)
            .checked_mul(REWARD_SCALE)
            .and_then(|v| v.checked_add(self.reward_remainder))
            .ok_or_else(|| named_error!(StakingError::MathOverflow))?;
        let shares = self.pool_shares as u128;
        let inc = total / shares;
        self.reward_remainder = total % shares;
        self.acc_reward_per_share = self
            .acc_reward_per_share
            .checked_add(inc)
            .ok_or_else(|| named_error!(StakingError::MathOverflow))?;
        // inc × shares = total − remainder ≤ total: no overflow.
        self.delegator_rewards_owed = self
            .delegator_rewards_owed
            .checked_add(inc * shares)
            .ok_or_else(|| named_error!(StakingError::MathOverflow))?;
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
                .ok_or_else(|| named_error!(StakingError::MathOverflow))?;
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
            .ok_or_else(|| named_error!(StakingError::NodeInvariantViolated))?;
        let covered = (delegators_reserve as u128)
            .checked_mul(REWARD_SCALE)
            .ok_or_else(|| named_error!(StakingError::NodeInvariantViolated))?;
        let owed = self
            .delegator_rewards_owed
            .checked_add(self.reward_remainder)
            .ok_or_else(|| named_error!(StakingError::NodeInvariantViolated))?;
        let pending_scaled = (self.delegator_pending as u128)
            .checked_mul(REWARD_SCALE)
            .ok_or_else(|| named_error!(StakingError::NodeInvariantViolated))?;
        ensure!(
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const REGIONS: [Region; 4] = [
        Region::Americas,
        Region::Europe,
        Region::Asia,
        Region::Other,
    ];
    const STATUSES: [NodeStatus; 4] = [
        NodeStatus::Pending,
        NodeStatus::Active,
        NodeStatus::Jailed,
        NodeStatus::Exiting,
    ];

    /// A node whose every field comes from `words`, `keys` and `small`.
    fn node(words: &[u64], keys: [[u8; 32]; 2], small: [u8; 8], region: u8, status: u8) -> Node {
        let w = |i: usize| words[i];
        let wide = |i: usize| (u128::from(w(i)) << 64) | u128::from(w(i + 1));
        let mut qos_addons = [QosAddon::default(); MAX_QOS_ADDONS as usize];
        for (i, a) in qos_addons.iter_mut().enumerate() {
            *a = QosAddon {
                id: small[i],
                price_micro_usd_per_hour: w(i),
            };
        }
        let mut wiped_acc = [0u128; MAX_POOL_WIPES];
        for (i, acc) in wiped_acc.iter_mut().enumerate() {
            *acc = wide(4 + 2 * i);
        }
        Node {
            operator: Pubkey::new_from_array(keys[0]),
            node_id: w(12),
            vault: Pubkey::new_from_array(keys[1]),
            spec_tier: w(13) as u16,
            gpu_count: (w(13) >> 16) as u16,
            region: REGIONS[region as usize],
            status: STATUSES[status as usize],
            price_micro_usd_per_hour: w(14),
            qos_addons,
            commission_bps: (w(13) >> 32) as u16,
            pending_commission_bps: (w(13) >> 48) as u16,
            commission_effective_at: w(15) as i64,
            active_rentals: w(16) as u32,
            consecutive_low_epochs: small[4],
            rewarded_until: w(17) as i64,
            provider_stake: w(18),
            provider_unbonding: w(19),
            provider_unbonding_ready_at: w(20) as i64,
            pool_tokens: w(21),
            pool_shares: w(22),
            pool_generation: (w(16) >> 32) as u32,
            unbonding_tokens: w(23),
            unbonding_shares: w(24),
            unbonding_generation: w(25) as u32,
            acc_reward_per_share: wide(26),
            wiped_acc,
            stale_pool_shares: w(28),
            reward_remainder: wide(29),
            delegator_rewards_owed: wide(31),
            delegator_pending: w(33),
            reward_reserve: w(34),
            operator_rewards: w(35),
            total_slashed: w(36),
            registered_at: w(37) as i64,
            incarnation: w(38),
            bump: small[5],
            vault_bump: small[6],
            reserved: [small[7]; 64],
        }
    }

    #[test]
    fn the_written_out_account_code_matches_what_account_generates() {
        let disc = solana_sha256_hasher::hash(b"account:Node").to_bytes();
        assert_eq!(Node::DISCRIMINATOR, &disc[..8]);
        assert_eq!(Node::owner(), crate::ID);
    }

    #[test]
    fn from_bytes_refuses_what_borsh_refuses() {
        let good = node(&[7; 40], [[1; 32], [2; 32]], [3; 8], 1, 1).to_bytes();
        assert!(Node::from_bytes(&good).is_some());
        assert!(Node::from_bytes(&good[..NODE_LEN - 1]).is_none());
        // region and status follow operator, node_id, vault, spec_tier, gpu_count.
        let region_at = 8 + 32 + 8 + 32 + 2 + 2;
        for (at, bad) in [(region_at, 4u8), (region_at + 1, 4u8), (region_at, 255)] {
            let mut b = good;
            b[at] = bad;
            assert!(Node::from_bytes(&b).is_none());
            assert!(<Node as AnchorDeserialize>::deserialize(&mut &b[8..]).is_err());
        }
        assert!(Node::try_deserialize(&mut &good[..7]).is_err());
        let mut other = good;
        other[0] ^= 1;
        assert!(Node::try_deserialize(&mut &other[..]).is_err());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1_000))]

        /// `to_bytes` is the Borsh layout: what the derived deserialiser
        /// reads back is the same node, field for field, and it fills the
        /// account exactly; `from_bytes` agrees with it.
        #[test]
        fn to_bytes_round_trips_through_the_borsh_deserialiser(
            words in proptest::collection::vec(any::<u64>(), 40),
            keys in proptest::array::uniform2(any::<[u8; 32]>()),
            small in proptest::array::uniform8(any::<u8>()),
            region in 0u8..4,
            status in 0u8..4,
        ) {
            let n = node(&words, keys, small, region, status);
            let bytes = n.to_bytes();
            prop_assert_eq!(bytes.len(), 8 + Node::INIT_SPACE);
            prop_assert_eq!(&bytes[..8], Node::DISCRIMINATOR);
            let back = Node::try_deserialize(&mut &bytes[..]).unwrap();
            prop_assert_eq!(&back, &n);
            let derived = <Node as AnchorDeserialize>::deserialize(&mut &bytes[8..]).unwrap();
            prop_assert_eq!(&derived, &n);
            let mut via_writer = Vec::new();
            n.try_serialize(&mut via_writer).unwrap();
            prop_assert_eq!(&via_writer[..], &bytes[..]);
            prop_assert_eq!(&n.try_to_vec().unwrap()[..], &bytes[8..]);
        }
    }
}
