use anchor_lang::prelude::*;

use crate::{constants::REWARD_SCALE, errors::StakingError, state::Node};

/// One holder's delegation to one node (PDA `[DELEGATION_SEED, node, delegator]`).
#[account]
#[derive(InitSpace)]
pub struct Delegation {
    pub node: Pubkey,
    pub delegator: Pubkey,
    /// Shares of the node's active delegation pool.
    pub shares: u64,
    /// `shares × acc_reward_per_share / REWARD_SCALE` at the last settlement.
    pub reward_debt: u128,
    /// Rewards settled and not yet claimed, in base units.
    pub pending_rewards: u64,
    /// Shares of the node's unbonding pool (still slashable).
    pub unbonding_shares: u64,
    /// Unix time from which the unbonding shares can be withdrawn.
    pub unbonding_ready_at: i64,
    /// Bump of this PDA.
    pub bump: u8,
    /// Reserved for future fields; always zero.
    pub reserved: [u8; 32],
}

impl Delegation {
    fn accrued(&self, node: &Node) -> Result<u128> {
        (self.shares as u128)
            .checked_mul(node.acc_reward_per_share)
            .map(|v| v / REWARD_SCALE)
            .ok_or_else(|| error!(StakingError::MathOverflow))
    }

    /// Moves rewards accrued since the last settlement into `pending_rewards`
    /// (rounded down). Must run before `shares` changes.
    pub fn settle(&mut self, node: &Node) -> Result<()> {
        let accrued = self.accrued(node)?;
        let earned = accrued
            .checked_sub(self.reward_debt)
            .ok_or(StakingError::MathOverflow)?;
        let earned = u64::try_from(earned).map_err(|_| error!(StakingError::MathOverflow))?;
        self.pending_rewards = self
            .pending_rewards
            .checked_add(earned)
            .ok_or(StakingError::MathOverflow)?;
        self.reward_debt = accrued;
        Ok(())
    }

    /// Re-bases the debt after `shares` changed, so new shares earn only
    /// future rewards (no flash-stake capture).
    pub fn rebase(&mut self, node: &Node) -> Result<()> {
        self.reward_debt = self.accrued(node)?;
        Ok(())
    }
}
