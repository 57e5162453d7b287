//! accept_admin: the proposed admin takes over (step 2 of 2).
use anchor_lang::prelude::*;
use node_staking::{ensure, ensure_keys_eq};

use crate::{
    constants::*, errors::EscrowError, events::*, state::EscrowConfig,
    token_utils::no_remaining_accounts,
};

#[derive(Accounts)]
pub struct EscrowAcceptAdmin<'info> {
    pub new_admin: Signer<'info>,

    #[account(mut, seeds = [ESCROW_CONFIG_SEED], bump = config.bump)]
    pub config: Box<Account<'info, EscrowConfig>>,
}

impl EscrowAcceptAdmin<'_> {
    /// Step 2: the proposed admin accepts; the old admin loses all rights.
    pub fn handler(ctx: Context<Self>) -> Result<()> {
        no_remaining_accounts(ctx.remaining_accounts)?;
        let config = &mut ctx.accounts.config;
        ensure!(
            config.pending_admin != Pubkey::default(),
            EscrowError::NoPendingAdmin
        );
        ensure_keys_eq!(
            config.pending_admin,
            ctx.accounts.new_admin.key(),
            EscrowError::NotPendingAdmin
        );
        let old = config.admin;
        config.admin = config.pending_admin;
        config.pending_admin = Pubkey::default();
        emit!(AdminChanged {
            old,
            new: config.admin,
        });
        Ok(())
    }
}
