//! close_delegation: the delegator closes an empty delegation and takes back
//! its rent. An exit, so it runs while paused.
use anchor_lang::prelude::*;

use crate::{
    constants::*,
    errors::StakingError,
    events::DelegationClosed,
    state::{Delegation, Node},
    token_utils::no_remaining_accounts,
};

#[derive(Accounts)]
pub struct CloseDelegation<'info> {
    /// Receives the delegation's rent.
    #[account(mut)]
    pub delegator: Signer<'info>,

    #[account(
        seeds = [NODE_SEED, node.operator.as_ref(), &node.node_id.to_le_bytes()],
        bump = node.bump,
    )]
    pub node: Box<Account<'info, Node>>,

    #[account(
        mut,
        close = delegator,
        seeds = [DELEGATION_SEED, node.key().as_ref(), delegator.key().as_ref()],
        bump = delegation.bump,
        has_one = delegator @ StakingError::DelegationMismatch,
        has_one = node @ StakingError::DelegationMismatch,
    )]
    pub delegation: Box<Account<'info, Delegation>>,
}

impl CloseDelegation<'_> {
    /// Only an empty delegation closes: no active or unbonding shares and no
    /// rewards left to claim (a delegation without shares accrues nothing).
    fn validate(&self) -> Result<()> {
        let d = &self.delegation;
        require!(
            d.shares == 0 && d.unbonding_shares == 0 && d.pending_rewards == 0,
            StakingError::DelegationNotEmpty
        );
        Ok(())
    }

    pub fn handler(ctx: Context<Self>) -> Result<()> {
        no_remaining_accounts(ctx.remaining_accounts)?;
        ctx.accounts.validate()?;
        emit!(DelegationClosed {
            node: ctx.accounts.node.key(),
            delegator: ctx.accounts.delegator.key(),
        });
        Ok(())
    }
}
