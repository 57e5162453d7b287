//! close_delegation: the delegator closes an empty delegation and takes back
//! its rent, also after its node was closed. An exit, so it runs while paused.
use anchor_lang::prelude::*;

use crate::{
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

    /// CHECK: the delegation's node address (`has_one = node` below). When it holds a
    /// live Node of the delegation's incarnation, the handler loads it
    /// (owner checked there, discriminator by `try_deserialize`) and requires
    /// the delegation to be empty; otherwise the node was closed, which
    /// requires every delegation to be empty already.
    #[account(mut)]
    pub node: UncheckedAccount<'info>,

    #[account(
        mut,
        close = delegator,
        has_one = node @ StakingError::DelegationMismatch,
        has_one = delegator @ StakingError::DelegationMismatch,
    )]
    pub delegation: Box<Account<'info, Delegation>>,
}

impl CloseDelegation<'_> {
    /// Only an empty delegation closes: no active or unbonding shares and no
    /// rewards left to claim. Its sub-unit reward carry is forfeited to the
    /// node's reserve (dust, swept to the treasury when the node closes).
    pub fn handler(ctx: Context<Self>) -> Result<()> {
        no_remaining_accounts(ctx.remaining_accounts)?;
        let info = ctx.accounts.node.to_account_info();
        if info.owner == &crate::ID && !info.data_is_empty() {
            // Discriminator checked by try_deserialize.
            let mut node = Node::try_deserialize(&mut &info.try_borrow_data()?[..])?;
            let delegation = &mut ctx.accounts.delegation;
            if delegation.node_incarnation == node.incarnation {
                delegation.settle(&mut node)?;
                ensure!(delegation.is_empty(), StakingError::DelegationNotEmpty);
                delegation.forfeit_carry(&mut node)?;
                node.invariant()?;
                node.try_serialize(&mut &mut info.try_borrow_mut_data()?[..])?;
            }
        }
        emit!(DelegationClosed {
            node: ctx.accounts.node.key(),
            delegator: ctx.accounts.delegator.key(),
        });
        Ok(())
    }
}
