//! accept_admin: the proposed admin takes over (step 2 of 2).
use anchor_lang::prelude::*;

use crate::{
    errors::StakingError, events::AdminChanged, state::Config, token_utils::no_remaining_accounts,
};

#[derive(Accounts)]
pub struct AcceptAdmin<'info> {
    /// Must be the proposed admin.
    pub new_admin: Signer<'info>,

    #[account(mut)]
    pub config: Box<Account<'info, Config>>,
}

impl AcceptAdmin<'_> {
    fn validate(&self) -> Result<()> {
        ensure!(
            self.config.pending_admin != Pubkey::default(),
            StakingError::NoPendingAdmin
        );
        ensure_keys_eq!(
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
