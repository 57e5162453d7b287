//! Two-step admin handover and the pause switch.
use anchor_lang::prelude::*;

use crate::{
    constants::CONFIG_SEED,
    errors::StakingError,
    events::{AdminChanged, AdminProposed, PausedChanged},
    state::Config,
    token_utils::no_remaining_accounts,
};

#[derive(Accounts)]
pub struct AdminOnly<'info> {
    pub admin: Signer<'info>,

    #[account(
        mut,
        seeds = [CONFIG_SEED],
        bump = config.bump,
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

#[derive(Accounts)]
pub struct AcceptAdmin<'info> {
    /// Must be the proposed admin.
    pub new_admin: Signer<'info>,

    #[account(mut, seeds = [CONFIG_SEED], bump = config.bump)]
    pub config: Box<Account<'info, Config>>,
}

impl AcceptAdmin<'_> {
    fn validate(&self) -> Result<()> {
        require!(
            self.config.pending_admin != Pubkey::default(),
            StakingError::NoPendingAdmin
        );
        require_keys_eq!(
            self.config.pending_admin,
            self.new_admin.key(),
            StakingError::NotPendingAdmin
        );
        Ok(())
    }

    /// Step 2: the proposed admin accepts; the old admin loses all rights.
    pub fn handler(ctx: Context<Self>) -> Result<()> {
        no_remaining_accounts(ctx.remaining_accounts)?;
        ctx.accounts.validate()?;
        let config = &mut ctx.accounts.config;
        let old = config.admin;
        config.admin = ctx.accounts.new_admin.key();
        config.pending_admin = Pubkey::default();
        emit!(AdminChanged {
            old,
            new: config.admin,
        });
        Ok(())
    }
}
