//! Operator settings: pricing and commission.
use anchor_lang::prelude::*;

use crate::{
    constants::BPS,
    errors::StakingError,
    events::{CommissionChangeScheduled, NodePricingUpdated},
    instructions::register_node::encode_addons,
    state::{Config, Node, QosAddon},
    token_utils::no_remaining_accounts,
};

#[derive(Accounts)]
pub struct OperatorOnly<'info> {
    pub operator: Signer<'info>,

    pub config: Box<Account<'info, Config>>,

    #[account(
        mut,
        has_one = operator @ StakingError::NotNodeOperator,
    )]
    pub node: Box<Account<'info, Node>>,
}

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug)]
pub struct UpdatePricingArgs {
    /// Micro-USD per hour (> 0).
    pub price_micro_usd_per_hour: u64,
    pub qos_addons: Vec<QosAddon>,
}

impl OperatorOnly<'_> {
    /// New prices apply to rentals created afterwards; running rentals keep
    /// the rate they stored.
    pub fn update_pricing(ctx: Context<Self>, args: UpdatePricingArgs) -> Result<()> {
        no_remaining_accounts(ctx.remaining_accounts)?;
        ctx.accounts.config.check_not_paused()?;
        ensure!(
            args.price_micro_usd_per_hour > 0,
            StakingError::InvalidPrice
        );
        let addons = encode_addons(&args.qos_addons)?;
        let node_key = ctx.accounts.node.key();
        let node = &mut ctx.accounts.node;
        let old = node.price_micro_usd_per_hour;
        node.price_micro_usd_per_hour = args.price_micro_usd_per_hour;
        node.qos_addons = addons;
        node.invariant()?;
        emit!(NodePricingUpdated {
            node: node_key,
            old_price_micro_usd_per_hour: old,
            new_price_micro_usd_per_hour: args.price_micro_usd_per_hour,
            qos_addons: addons,
        });
        Ok(())
    }

    /// Schedules a commission change one unbonding period ahead, so that
    /// delegators who disagree can leave before it applies.
    pub fn set_commission(ctx: Context<Self>, commission_bps: u16) -> Result<()> {
        no_remaining_accounts(ctx.remaining_accounts)?;
        let config = &ctx.accounts.config;
        config.check_not_paused()?;
        ensure!(commission_bps <= BPS, StakingError::InvalidCommission);
        let now = Clock::get()?.unix_timestamp;
        let effective_at = now
            .checked_add(i64::from(config.unbonding_seconds))
            .ok_or_else(|| named_error!(StakingError::MathOverflow))?;
        let node_key = ctx.accounts.node.key();
        let node = &mut ctx.accounts.node;
        node.apply_due_commission(now);
        node.pending_commission_bps = commission_bps;
        node.commission_effective_at = effective_at;
        node.invariant()?;
        emit!(CommissionChangeScheduled {
            node: node_key,
            old_bps: node.commission_bps,
            new_bps: commission_bps,
            effective_at,
        });
        Ok(())
    }
}
