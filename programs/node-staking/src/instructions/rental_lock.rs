//! lock_node and unlock_node: the rental authority (rental_escrow's PDA) marks
//! rentals started and ended on a node.
use anchor_lang::prelude::*;

use super::stake::refresh_status;
use crate::{
    errors::StakingError,
    events::NodeRentalLockChanged,
    state::{Config, Node, NodeStatus, SpecTier},
    token_utils::no_remaining_accounts,
};

#[derive(Accounts)]
pub struct RentalLock<'info> {
    /// rental_escrow's PDA, signing by CPI.
    pub rental_authority: Signer<'info>,

    #[account(
        has_one = rental_authority @ StakingError::NotRentalAuthority,
    )]
    pub config: Box<Account<'info, Config>>,

    /// The node's tier: its minimum decides whether the node is Active.
    #[account(
        constraint = spec_tier.tier_id == node.spec_tier @ StakingError::TierMismatch,
    )]
    pub spec_tier: Box<Account<'info, SpecTier>>,

    #[account(mut)]
    pub node: Box<Account<'info, Node>>,
}

impl RentalLock<'_> {
    /// A rental starts: the node must be Active (not jailed, pending or
    /// exiting) once its status is brought up to date with its stake and
    /// the current minimums.
    pub fn lock(ctx: Context<Self>) -> Result<()> {
        no_remaining_accounts(ctx.remaining_accounts)?;
        ctx.accounts.config.check_not_paused()?;
        let required = Node::required_minimum(&ctx.accounts.config, &ctx.accounts.spec_tier);
        let node_key = ctx.accounts.node.key();
        let node = &mut ctx.accounts.node;
        refresh_status(node, node_key, required);
        match node.status {
            NodeStatus::Active => {}
            NodeStatus::Jailed => return named_err!(StakingError::NodeJailed),
            _ => return named_err!(StakingError::NodeNotActive),
        }
        node.active_rentals = node
            .active_rentals
            .checked_add(1)
            .ok_or_else(|| named_error!(StakingError::MathOverflow))?;
        node.invariant()?;
        emit!(NodeRentalLockChanged {
            node: node_key,
            active_rentals: node.active_rentals,
            locked: true,
        });
        Ok(())
    }
}

#[derive(Accounts)]
pub struct RentalUnlock<'info> {
    /// rental_escrow's PDA, signing by CPI.
    pub rental_authority: Signer<'info>,

    #[account(
        has_one = rental_authority @ StakingError::NotRentalAuthority,
    )]
    pub config: Box<Account<'info, Config>>,

    #[account(mut)]
    pub node: Box<Account<'info, Node>>,
}

impl RentalUnlock<'_> {
    /// A rental ended. Allowed while paused: releasing a lock only lowers risk.
    pub fn unlock(ctx: Context<Self>) -> Result<()> {
        no_remaining_accounts(ctx.remaining_accounts)?;
        let node_key = ctx.accounts.node.key();
        let node = &mut ctx.accounts.node;
        ensure!(node.active_rentals > 0, StakingError::NoActiveRentals);
        node.active_rentals -= 1;
        node.invariant()?;
        emit!(NodeRentalLockChanged {
            node: node_key,
            active_rentals: node.active_rentals,
            locked: false,
        });
        Ok(())
    }
}
