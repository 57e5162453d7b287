//! open_dispute: the renter, within the window, freezes provider claims.
use anchor_lang::prelude::*;

use crate::{
    constants::*,
    errors::EscrowError,
    events::DisputeOpened,
    state::{EscrowConfig, Rental, RentalStatus},
    token_utils::no_remaining_accounts,
};

#[derive(Accounts)]
pub struct OpenDispute<'info> {
    pub renter: Signer<'info>,

    #[account(seeds = [ESCROW_CONFIG_SEED], bump = config.bump)]
    pub config: Box<Account<'info, EscrowConfig>>,

    #[account(
        mut,
        seeds = [RENTAL_SEED, rental.renter.as_ref(), &rental.rental_id.to_le_bytes()],
        bump = rental.bump,
        has_one = renter @ EscrowError::NotRenter,
    )]
    pub rental: Box<Account<'info, Rental>>,
}

impl OpenDispute<'_> {
    /// Freezes provider claims until the dispute authority resolves it.
    /// Allowed until `dispute_window_seconds` after the end (and while paused).
    pub fn handler(ctx: Context<Self>) -> Result<()> {
        no_remaining_accounts(ctx.remaining_accounts)?;
        let now = Clock::get()?.unix_timestamp;
        let window = i64::from(ctx.accounts.config.dispute_window_seconds);
        let rental_key = ctx.accounts.rental.key();
        let r = &mut ctx.accounts.rental;
        require!(
            matches!(r.status, RentalStatus::Active | RentalStatus::Cancelled),
            EscrowError::RentalNotActive
        );
        require!(
            now <= r.end_ts.saturating_add(window),
            EscrowError::DisputeWindowClosed
        );
        r.status = RentalStatus::Disputed;
        r.disputed_at = now;
        emit!(DisputeOpened {
            rental: rental_key,
            renter: r.renter,
        });
        Ok(())
    }
}
