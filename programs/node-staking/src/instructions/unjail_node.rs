//! unjail_node: the admin releases a jailed node.
use anchor_lang::prelude::*;

use crate::{
    constants::*,
    errors::StakingError,
    events::NodeStatusChanged,
    state::{Config, Node, NodeStatus, SpecTier},
    token_utils::no_remaining_accounts,
};

#[derive(Accounts)]
pub struct UnjailNode<'info> {
    pub admin: Signer<'info>,

    #[account(
        seeds = [CONFIG_SEED],
        bump = config.bump,
        has_one = admin @ StakingError::Unauthorized,
    )]
    pub config: Box<Account<'info, Config>>,

    #[account(
        seeds = [SPEC_TIER_SEED, &node.spec_tier.to_le_bytes()],
        bump = spec_tier.bump,
    )]
    pub spec_tier: Box<Account<'info, SpecTier>>,

    #[account(
        mut,
        seeds = [NODE_SEED, node.operator.as_ref(), &node.node_id.to_le_bytes()],
        bump = node.bump,
    )]
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
        require!(
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
