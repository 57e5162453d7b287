//! update_spec_tier: the admin changes a tier; a lower cap blocks new inflows,
//! never confiscates.
use anchor_lang::prelude::*;

use crate::{
    constants::BPS,
    errors::StakingError,
    events::SpecTierUpdated,
    state::{Config, SpecTier},
    token_utils::no_remaining_accounts,
};

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, Default)]
pub struct UpdateSpecTierArgs {
    pub max_node_stake: Option<u64>,
    pub min_provider_stake: Option<u64>,
    pub max_delegated_bps: Option<u16>,
    /// false stops new registrations in this tier.
    pub active: Option<bool>,
}

#[derive(Accounts)]
pub struct UpdateSpecTier<'info> {
    pub admin: Signer<'info>,

    #[account(
        has_one = admin @ StakingError::Unauthorized,
    )]
    pub config: Box<Account<'info, Config>>,

    #[account(mut)]
    pub spec_tier: Box<Account<'info, SpecTier>>,
}

impl UpdateSpecTier<'_> {
    /// Lowering a cap never confiscates stake: existing stake above it stays;
    /// only new inflows above the cap fail.
    pub fn handler(ctx: Context<Self>, args: UpdateSpecTierArgs) -> Result<()> {
        no_remaining_accounts(ctx.remaining_accounts)?;
        let tier = &mut ctx.accounts.spec_tier;
        let old = (
            tier.max_node_stake,
            tier.min_provider_stake,
            tier.max_delegated_bps,
            tier.active,
        );
        if let Some(v) = args.max_node_stake {
            tier.max_node_stake = v;
        }
        if let Some(v) = args.min_provider_stake {
            tier.min_provider_stake = v;
        }
        if let Some(v) = args.max_delegated_bps {
            ensure!(v <= BPS, StakingError::InvalidBps);
            tier.max_delegated_bps = v;
        }
        if let Some(v) = args.active {
            tier.active = v;
        }
        tier.invariant(ctx.accounts.config.min_provider_stake)?;
        emit!(SpecTierUpdated {
            tier_id: tier.tier_id,
            old_max_node_stake: old.0,
            new_max_node_stake: tier.max_node_stake,
            old_min_provider_stake: old.1,
            new_min_provider_stake: tier.min_provider_stake,
            old_max_delegated_bps: old.2,
            new_max_delegated_bps: tier.max_delegated_bps,
            old_active: old.3,
            new_active: tier.active,
        });
        Ok(())
    }
}
