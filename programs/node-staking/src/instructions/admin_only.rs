//! propose_admin (step 1 of the handover) and set_paused: admin-only
//! instructions that take the same accounts.
use anchor_lang::prelude::*;

use crate::{
    errors::StakingError,
    events::{AdminProposed, PausedChanged},
    state::Config,
    token_utils::no_remaining_accounts,
};

#[derive(Accounts)]
pub struct AdminOnly<'info> {
    pub admin: Signer<'info>,

    #[account(
        mut,
        has_one = admin @ StakingError::Unauthorized,
    )]
    pub config: Box<Account<'info, Config>>,
}

impl AdminOnly<'_> {
    /// Step 1: the admin names a successor (or `Pubkey::default()` to cancel).
    pub fn propose_admin(ctx: Context<Self>, proposed: Pubkey) -> Result<()> {
        no_remaining_accounts(ctx.remaining_accounts)?;
        let config = &mut ctx.accounts.config;
        config.pending_admin = proposed;
        emit!(AdminProposed {
            admin: config.admin,
            proposed,
        });
        Ok(())
    }

    pub fn set_paused(ctx: Context<Self>, paused: bool) -> Result<()> {
        no_remaining_accounts(ctx.remaining_accounts)?;
        let config = &mut ctx.accounts.config;
        let old = config.paused;
        config.paused = paused;
        emit!(PausedChanged { old, new: paused });
        Ok(())
    }
}
