//! close_slash_record: anyone closes a slash record after its retention
//! period; the rent goes back to whoever paid for it.
use anchor_lang::prelude::*;

use crate::{
    constants::*, errors::StakingError, events::SlashRecordClosed, state::SlashRecord,
    token_utils::no_remaining_accounts,
};

#[derive(Accounts)]
pub struct CloseSlashRecord<'info> {
    pub signer: Signer<'info>,

    /// CHECK: receives the rent; must be the record's payer (constraint below).
    #[account(mut, address = slash_record.payer @ StakingError::Unauthorized)]
    pub payer: UncheckedAccount<'info>,

    #[account(
        mut,
        close = payer,
    )]
    pub slash_record: Box<Account<'info, SlashRecord>>,
}

impl CloseSlashRecord<'_> {
    /// A record guards against replaying its evidence for
    /// `SLASH_RECORD_RETENTION_SECONDS` (90 days); after that its rent is
    /// returned. Slashes are signed by the slash or rental authority, which
    /// must not cite evidence older than the retention period again.
    pub fn handler(ctx: Context<Self>) -> Result<()> {
        no_remaining_accounts(ctx.remaining_accounts)?;
        let now = Clock::get()?.unix_timestamp;
        let r = &ctx.accounts.slash_record;
        let closable_at = r
            .slashed_at
            .checked_add(SLASH_RECORD_RETENTION_SECONDS)
            .ok_or_else(|| named_error!(StakingError::MathOverflow))?;
        ensure!(now >= closable_at, StakingError::SlashRecordRetained);
        emit!(SlashRecordClosed {
            node: r.node,
            evidence_hash: r.evidence_hash,
            payer: r.payer,
        });
        Ok(())
    }
}
