//! open_dispute: the renter, within the window, freezes provider claims.
use anchor_lang::prelude::*;
use node_staking::ensure;

use crate::{
    errors::EscrowError,
    events::DisputeOpened,
    state::{Rental, RentalStatus},
    token_utils::no_remaining_accounts,
};

#[derive(Accounts)]
pub struct OpenDispute<'info> {
    pub renter: Signer<'info>,

    #[account(
        mut,
        has_one = renter @ EscrowError::NotRenter,
    )]
    pub rental: Box<Account<'info, Rental>>,
}

impl OpenDispute<'_> {
    /// Stops accrual at now and freezes provider claims until the dispute
    /// authority resolves it, or until it times out (`close_rental` then
    /// applies the default outcome). Allowed until the rental's dispute
    /// window after the end (and while paused).
    pub fn handler(ctx: Context<Self>) -> Result<()> {
        no_remaining_accounts(ctx.remaining_accounts)?;
        let now = Clock::get()?.unix_timestamp;
        let rental_key = ctx.accounts.rental.key();
        let r = &mut ctx.accounts.rental;
        ensure!(
            matches!(r.status, RentalStatus::Active | RentalStatus::Cancelled),
            EscrowError::RentalNotActive
        );
        ensure!(
            now <= r.end_ts.saturating_add(i64::from(r.dispute_window_seconds)),
            EscrowError::DisputeWindowClosed
        );
        r.status = RentalStatus::Disputed;
        r.disputed_at = now;
        r.invariant()?;
        emit!(DisputeOpened {
            rental: rental_key,
            renter: r.renter,
        });
        Ok(())
    }
}
