//! lock_node and unlock_node: the rental authority (rental_escrow's PDA) marks
//! rentals started and ended on a node.
use anchor_lang::prelude::*;

use crate::{
    constants::*,
    errors::StakingError,
    events::NodeRentalLockChanged,
    state::{Config, Node, NodeStatus},
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
