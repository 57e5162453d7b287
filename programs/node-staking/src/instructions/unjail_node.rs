//! unjail_node: the admin releases a jailed node.
use anchor_lang::prelude::*;

use crate::{
    errors::StakingError,
    events::NodeStatusChanged,
    state::{Config, Node, NodeStatus, SpecTier},
    token_utils::no_remaining_accounts,
};

#[derive(Accounts)]
pub struct UnjailNode<'info> {
    pub admin: Signer<'info>,

    #[account(
        has_one = admin @ StakingError::Unauthorized,
    )]
    pub config: Box<Account<'info, Config>>,

    #[account(
        constraint = spec_tier.tier_id == node.spec_tier @ StakingError::TierMismatch,
    )]
    pub spec_tier: Box<Account<'info, SpecTier>>,

    #[account(mut)]
    pub node: Box<Account<'info, Node>>,
}

impl UnjailNode<'_> {
    /// Clears the jail and the low-epoch count; the status follows the stake
    /// again. An admin action, so it runs while paused.
    pub fn handler(ctx: Context<Self>) -> Result<()> {
        no_remaining_accounts(ctx.remaining_accounts)?;
        let required = Node::required_minimum(&ctx.accounts.config, &ctx.accounts.spec_tier);
        let node_key = ctx.accounts.node.key();
        let node = &mut ctx.accounts.node;
        ensure!(
            node.status == NodeStatus::Jailed,
            StakingError::NodeNotJailed
        );
        node.consecutive_low_epochs = 0;
        node.status = NodeStatus::Pending;
        node.refresh_status(required);
        emit!(NodeStatusChanged {
            node: node_key,
            old: NodeStatus::Jailed,
            new: node.status,
        });
        node.invariant()
    }
}
