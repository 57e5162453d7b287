//! request_unstake: provider stake starts unbonding and stays slashable.
use anchor_lang::prelude::*;

use super::stake::refresh_status;
use crate::{
    errors::StakingError,
    events::UnstakeRequested,
    math,
    state::{Config, Node, SpecTier},
    token_utils::no_remaining_accounts,
};

#[derive(Accounts)]
pub struct RequestUnstake<'info> {
    pub operator: Signer<'info>,

    pub config: Box<Account<'info, Config>>,

    #[account(
        constraint = spec_tier.tier_id == node.spec_tier @ StakingError::TierMismatch,
    )]
    pub spec_tier: Box<Account<'info, SpecTier>>,

    #[account(
        mut,
        has_one = operator @ StakingError::NotNodeOperator,
    )]
    pub node: Box<Account<'info, Node>>,
}

impl RequestUnstake<'_> {
    fn validate(&self, amount: u64, required: u64) -> Result<()> {
        self.config.check_not_paused()?;
        ensure!(amount > 0, StakingError::ZeroAmount);
        ensure!(
            amount <= self.node.provider_stake,
            StakingError::InsufficientStake
        );
        if self.node.active_rentals > 0 {
            ensure!(
                self.node.provider_stake - amount >= required,
                StakingError::BelowMinimumWithActiveRentals
            );
        }
        Ok(())
    }

    /// Moves `amount` of provider stake into unbonding. A new request adds to
    /// the pending one and restarts its clock. Unbonding stake stays slashable.
    pub fn handler(ctx: Context<Self>, amount: u64) -> Result<()> {
        no_remaining_accounts(ctx.remaining_accounts)?;
        let required = Node::required_minimum(&ctx.accounts.config, &ctx.accounts.spec_tier);
        ctx.accounts.validate(amount, required)?;
        let now = Clock::get()?.unix_timestamp;
        let ready_at = now
            .checked_add(i64::from(ctx.accounts.config.unbonding_seconds))
            .ok_or_else(|| named_error!(StakingError::MathOverflow))?;
        let node_key = ctx.accounts.node.key();
        let node = &mut ctx.accounts.node;
        node.provider_stake = math::sub(node.provider_stake, amount)?;
        node.provider_unbonding = math::add(node.provider_unbonding, amount)?;
        node.provider_unbonding_ready_at = ready_at;
        refresh_status(node, node_key, required);
        node.invariant()?;
        emit!(UnstakeRequested {
            node: node_key,
            amount,
            provider_unbonding: node.provider_unbonding,
            ready_at,
        });
        Ok(())
    }
}
