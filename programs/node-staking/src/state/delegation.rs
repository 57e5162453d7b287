use anchor_lang::prelude::*;

use crate::{
    constants::REWARD_SCALE,
    errors::StakingError,
    fixed_layout::{Reader, Writer},
    fixed_layout_account, math,
    state::Node,
};

/// One holder's delegation to one node (PDA `[DELEGATION_SEED, node, delegator]`).
///
/// Created only at this PDA (`init` in delegate), and `node` and `delegator` are its seeds and never change; so an
/// `Account<Delegation>` (owner + discriminator) is the delegation of its `node` and
/// `delegator` (`has_one = node, has_one = delegator` binds it), and instructions do
/// not re-derive its seeds (1,500 CU each).
///
/// Read and written at fixed offsets (`crate::fixed_layout`), as the Node:
/// what `#[account]` would generate comes from `fixed_layout_account!`; IDL builds derive
/// `AnchorSerialize` as `#[account]` does.
#[derive(AnchorDeserialize, Clone, InitSpace)]
#[cfg_attr(feature = "idl-build", derive(AnchorSerialize))]
#[cfg_attr(test, derive(Debug, PartialEq))]
pub struct Delegation {
    pub node: Pubkey,
    pub delegator: Pubkey,
    /// The node's `incarnation` this delegation belongs to. A node closed and
    /// registered again at the same address has a new one; a delegation of
    /// the closed node holds nothing (close_node requires it) and is reset.
    pub node_incarnation: u64,
    /// Shares of the node's active pool, of generation `pool_generation`.
    pub shares: u64,
    pub pool_generation: u32,
    /// The node's `acc_reward_per_share` at the last settlement.
    pub reward_checkpoint: u128,
    /// Settled rewards below one base unit, in base units × REWARD_SCALE
    /// (always < REWARD_SCALE); they count towards the next settlement.
    pub reward_carry: u64,
    /// Rewards settled and not yet claimed, in base units.
    pub pending_rewards: u64,
    /// Shares of the node's unbonding pool (still slashable), of generation
    /// `unbonding_generation`.
    pub unbonding_shares: u64,
    pub unbonding_generation: u32,
    /// Unix time from which the unbonding shares can be withdrawn.
    pub unbonding_ready_at: i64,
    /// Bump of this PDA.
    pub bump: u8,
    /// Reserved for future fields; always zero.
    pub reserved: [u8; 32],
}

fixed_layout_account!(Delegation, [237, 90, 140, 159, 124, 255, 243, 80]);

/// Bytes of a serialised Delegation, discriminator included.
pub const DELEGATION_LEN: usize = 8 + Delegation::INIT_SPACE;

impl Delegation {
    /// The account bytes (discriminator, then the Borsh layout), built at
    /// fixed offsets.
    pub fn to_bytes(&self) -> [u8; DELEGATION_LEN] {
        let mut w = Writer::<DELEGATION_LEN>::new();
        w.put(Self::DISCRIMINATOR);
        w.key(&self.node);
        w.key(&self.delegator);
        w.u64(self.node_incarnation);
        w.u64(self.shares);
        w.u32(self.pool_generation);
        w.u128(self.reward_checkpoint);
        w.u64(self.reward_carry);
        w.u64(self.pending_rewards);
        w.u64(self.unbonding_shares);
        w.u32(self.unbonding_generation);
        w.i64(self.unbonding_ready_at);
        w.u8(self.bump);
        w.put(&self.reserved);
        w.finish()
    }

    /// The delegation in `bytes` (discriminator first, not checked here),
    /// read at fixed offsets; `None` when too short, as Borsh.
    pub fn from_bytes(bytes: &[u8]) -> Option<Self> {
        if bytes.len() < DELEGATION_LEN {
            return None;
        }
        let mut r = Reader::new(bytes, 8);
        Some(Self {
            node: r.key(),
            delegator: r.key(),
            node_incarnation: r.u64(),
            shares: r.u64(),
            pool_generation: r.u32(),
            reward_checkpoint: r.u128(),
            reward_carry: r.u64(),
            pending_rewards: r.u64(),
            unbonding_shares: r.u64(),
            unbonding_generation: r.u32(),
            unbonding_ready_at: r.i64(),
            bump: r.u8(),
            reserved: r.take(),
        })
    }
}

/// `REWARD_SCALE` as a u64 (10^12 fits).
const SCALE_U64: u64 = REWARD_SCALE as u64;

impl Delegation {
    /// Brings the delegation up to date with the node, and must run before
    /// any of its shares change:
    /// - rewards earned since the last settlement move into
    ///   `pending_rewards` (whole base units; the sub-unit rest stays in
    ///   `reward_carry`, so nothing is lost to rounding between settlements);
    /// - shares of a wiped generation are dropped (worth 0 tokens) after
    ///   earning up to the wipe.
    ///
    /// Exact: the scaled amount earned is `shares × (acc − checkpoint)`,
    /// which the node already counted in `delegator_rewards_owed`.
    pub fn settle(&mut self, node: &mut Node) -> Result<()> {
        let acc_end = node.acc_for_generation(self.pool_generation)?;
        let earned = (self.shares as u128)
            .checked_mul(
                acc_end
                    .checked_sub(self.reward_checkpoint)
                    .ok_or_else(|| named_error!(StakingError::NodeInvariantViolated))?,
            )
            .and_then(|v| v.checked_add(self.reward_carry as u128))
            .ok_or_else(|| named_error!(StakingError::MathOverflow))?;
        // Native 64-bit division when the amount fits (nothing or little
        // earned since the last settlement), the u128 one otherwise.
        let (whole, carry) = match u64::try_from(earned) {
            Ok(small) => (small / SCALE_U64, small % SCALE_U64),
            Err(_) => (
                u64::try_from(earned / REWARD_SCALE).map_err(|_| StakingError::MathOverflow)?,
                // earned % SCALE < 10^12 fits in u64.
                (earned % REWARD_SCALE) as u64,
            ),
        };
        self.reward_carry = carry;
        self.pending_rewards = math::add(self.pending_rewards, whole)?;
        node.delegator_pending = math::add(node.delegator_pending, whole)?;
        if self.pool_generation != node.pool_generation {
            node.stale_pool_shares = math::sub(node.stale_pool_shares, self.shares)?;
            self.shares = 0;
            self.pool_generation = node.pool_generation;
        }
        self.reward_checkpoint = node.acc_reward_per_share;
        if self.unbonding_generation != node.unbonding_generation {
            self.unbonding_shares = 0;
            self.unbonding_ready_at = 0;
            self.unbonding_generation = node.unbonding_generation;
        }
        Ok(())
    }

    /// Pays out the settled rewards: the node's ledger forgets them.
    /// Returns the base units to transfer.
    pub fn take_pending_rewards(&mut self, node: &mut Node) -> Result<u64> {
        let amount = self.pending_rewards;
        self.pending_rewards = 0;
        node.delegator_pending = math::sub(node.delegator_pending, amount)?;
        node.delegator_rewards_owed = node
            .delegator_rewards_owed
            .checked_sub((amount as u128) * REWARD_SCALE)
            .ok_or_else(|| named_error!(StakingError::NodeInvariantViolated))?;
        node.reward_reserve = math::sub(node.reward_reserve, amount)?;
        Ok(amount)
    }

    /// An empty delegation closes: its sub-unit carry is forfeited and stays
    /// in the node's reserve as dust (swept to the treasury at close_node).
    pub fn forfeit_carry(&mut self, node: &mut Node) -> Result<()> {
        node.delegator_rewards_owed = node
            .delegator_rewards_owed
            .checked_sub(self.reward_carry as u128)
            .ok_or_else(|| named_error!(StakingError::NodeInvariantViolated))?;
        self.reward_carry = 0;
        Ok(())
    }

    /// True when this delegation holds nothing: no shares, no unbonding, no
    /// pending rewards (call after `settle`).
    pub fn is_empty(&self) -> bool {
        self.shares == 0 && self.unbonding_shares == 0 && self.pending_rewards == 0
    }

    /// Starts (or restarts) this account as a delegation of `node`.
    pub fn reset_for(&mut self, node_key: Pubkey, delegator: Pubkey, node: &Node, bump: u8) {
        *self = Self::fresh(node_key, delegator, node, bump);
    }

    /// A new, empty delegation of `node` starting at its current accumulator.
    pub fn fresh(node_key: Pubkey, delegator: Pubkey, node: &Node, bump: u8) -> Self {
        Delegation {
            node: node_key,
            delegator,
            node_incarnation: node.incarnation,
            shares: 0,
            pool_generation: node.pool_generation,
            reward_checkpoint: node.acc_reward_per_share,
            reward_carry: 0,
            pending_rewards: 0,
            unbonding_shares: 0,
            unbonding_generation: node.unbonding_generation,
            unbonding_ready_at: 0,
            bump,
            reserved: [0; 32],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_written_out_account_code_matches_what_account_generates() {
        let disc = solana_sha256_hasher::hash(b"account:Delegation").to_bytes();
        assert_eq!(Delegation::DISCRIMINATOR, &disc[..8]);
        assert_eq!(Delegation::owner(), crate::ID);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1_000))]

        /// `to_bytes` is the Borsh layout and `from_bytes` reads it back, as
        /// the derived deserialiser does; shorter data and another
        /// discriminator are refused.
        #[test]
        fn to_bytes_round_trips_through_the_borsh_deserialiser(
            words in proptest::array::uniform12(any::<u64>()),
            keys in proptest::array::uniform2(any::<[u8; 32]>()),
            bump in any::<u8>(),
            fill in any::<u8>(),
        ) {
            let d = Delegation {
                node: Pubkey::new_from_array(keys[0]),
                delegator: Pubkey::new_from_array(keys[1]),
                node_incarnation: words[0],
                shares: words[1],
                pool_generation: words[2] as u32,
                reward_checkpoint: (u128::from(words[3]) << 64) | u128::from(words[4]),
                reward_carry: words[5],
                pending_rewards: words[6],
                unbonding_shares: words[7],
                unbonding_generation: (words[2] >> 32) as u32,
                unbonding_ready_at: words[8] as i64,
                bump,
                reserved: [fill; 32],
            };
            let bytes = d.to_bytes();
            prop_assert_eq!(bytes.len(), 8 + Delegation::INIT_SPACE);
            prop_assert_eq!(&Delegation::try_deserialize(&mut &bytes[..]).unwrap(), &d);
            let derived = <Delegation as AnchorDeserialize>::deserialize(&mut &bytes[8..]).unwrap();
            prop_assert_eq!(&derived, &d);
            let mut via_writer = Vec::new();
            d.try_serialize(&mut via_writer).unwrap();
            prop_assert_eq!(&via_writer[..], &bytes[..]);
            prop_assert_eq!(&d.try_to_vec().unwrap()[..], &bytes[8..]);
            prop_assert!(Delegation::try_deserialize(&mut &bytes[..DELEGATION_LEN - 1]).is_err());
            let mut other = bytes;
            other[0] ^= 1;
            prop_assert!(Delegation::try_deserialize(&mut &other[..]).is_err());
        }
    }
}
