//! settle_delegation: anyone brings a delegation up to date with its node
//! (rewards into pending, shares of a wiped pool generation dropped).
use anchor_lang::prelude::*;

use crate::{
    errors::StakingError,
    events::DelegationSettled,
    state::{Delegation, Node},
    token_utils::no_remaining_accounts,
};

#[derive(Accounts)]
pub struct SettleDelegation<'info> {
    /// Anyone: settling only moves the delegator's own rewards into its
    /// pending balance and drops shares that are worth nothing.
    pub signer: Signer<'info>,

    /// CHECK: the delegation's owner; bound to it by the delegation's
    /// `has_one = delegator`.
    pub delegator: UncheckedAccount<'info>,

    #[account(mut)]
    pub node: Box<Account<'info, Node>>,

    #[account(
        mut,
        has_one = node @ StakingError::DelegationMismatch,
        has_one = delegator @ StakingError::DelegationMismatch,
    )]
    pub delegation: Box<Account<'info, Delegation>>,
}

impl SettleDelegation<'_> {
    /// Lets an operator clear stale shares of a wiped pool (which keep the
    /// node from closing) without waiting for their holders. Runs while paused.
    pub fn handler(ctx: Context<Self>) -> Result<()> {
        no_remaining_accounts(ctx.remaining_accounts)?;
        let node_key = ctx.accounts.node.key();
        let node = &mut ctx.accounts.node;
        let delegation = &mut ctx.accounts.delegation;
        ensure!(
            delegation.node_incarnation == node.incarnation,
            StakingError::DelegationMismatch
        );
        delegation.settle(node)?;
        node.invariant()?;
        emit!(DelegationSettled {
            node: node_key,
            delegator: delegation.delegator,
            shares: delegation.shares,
            pending_rewards: delegation.pending_rewards,
        });
        Ok(())
    }
}
