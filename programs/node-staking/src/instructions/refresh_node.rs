//! refresh_node: anyone re-evaluates a node's status against its stake and
//! the current minimums (after an admin raised or lowered a minimum).
use anchor_lang::prelude::*;

use super::stake::refresh_status;
use crate::{
    errors::StakingError,
    state::{Config, Node, SpecTier},
    token_utils::no_remaining_accounts,
};

#[derive(Accounts)]
pub struct RefreshNode<'info> {
    pub config: Box<Account<'info, Config>>,

    #[account(
        constraint = spec_tier.tier_id == node.spec_tier @ StakingError::TierMismatch,
    )]
    pub spec_tier: Box<Account<'info, SpecTier>>,

    #[account(mut)]
    pub node: Box<Account<'info, Node>>,
}

impl RefreshNode<'_> {
    /// Every instruction that needs an Active node (delegate, credit_rewards,
    /// lock_node) already re-evaluates it first; this stores the result so
    /// that readers (the SDK's status filters) see it too. Runs while paused.
    pub fn handler(ctx: Context<Self>) -> Result<()> {
        no_remaining_accounts(ctx.remaining_accounts)?;
        let required = Node::required_minimum(&ctx.accounts.config, &ctx.accounts.spec_tier);
        let node_key = ctx.accounts.node.key();
        let node = &mut ctx.accounts.node;
        refresh_status(node, node_key, required);
        node.invariant()
    }
}
