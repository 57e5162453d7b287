//! Node locks for rentals (rental authority only) and unjailing (admin).
use anchor_lang::prelude::*;

use crate::{
    constants::*,
    errors::StakingError,
    events::{NodeRentalLockChanged, NodeStatusChanged},
    state::{Config, Node, NodeStatus, SpecTier},
    token_utils::no_remaining_accounts,
};

#[derive(Accounts)]
pub struct RentalLock<'info> {
    /// rental_escrow's PDA, signing by CPI.
    pub rental_authority: Signer<'info>,

    #[account(
        seeds = [CONFIG_SEED],
        bump = config.bump,
        has_one = rental_authority @ StakingError::NotRentalAuthority,
    )]
    pub config: Box<Account<'info, Config>>,

    #[account(
        mut,
        seeds = [NODE_SEED, node.operator.as_ref(), &node.node_id.to_le_bytes()],
        bump = node.bump,
    )]
    pub node: Box<Account<'info, Node>>,
}

impl RentalLock<'_> {
    /// A rental starts: the node must be Active (not jailed, pending or exiting).
    pub fn lock(ctx: Context<Self>) -> Result<()> {
        no_remaining_accounts(ctx.remaining_accounts)?;
        ctx.accounts.config.check_not_paused()?;
        let node_key = ctx.accounts.node.key();
        let node = &mut ctx.accounts.node;
        match node.status {
            NodeStatus::Active => {}
            NodeStatus::Jailed => return err!(StakingError::NodeJailed),
            _ => return err!(StakingError::NodeNotActive),
        }
        node.active_rentals = node
            .active_rentals
            .checked_add(1)
            .ok_or(StakingError::MathOverflow)?;
        emit!(NodeRentalLockChanged {
            node: node_key,
            active_rentals: node.active_rentals,
            locked: true,
        });
        Ok(())
    }

    /// A rental ended. Allowed while paused: releasing a lock only lowers risk.
    pub fn unlock(ctx: Context<Self>) -> Result<()> {
        no_remaining_accounts(ctx.remaining_accounts)?;
        let node_key = ctx.accounts.node.key();
        let node = &mut ctx.accounts.node;
        require!(node.active_rentals > 0, StakingError::NoActiveRentals);
        node.active_rentals -= 1;
        emit!(NodeRentalLockChanged {
            node: node_key,
            active_rentals: node.active_rentals,
            locked: false,
        });
        Ok(())
    }
}

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
    /// Clears the jail and the low-epoch count; the status follows the stake again.
    pub fn handler(ctx: Context<Self>) -> Result<()> {
        no_remaining_accounts(ctx.remaining_accounts)?;
        ctx.accounts.config.check_not_paused()?;
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
