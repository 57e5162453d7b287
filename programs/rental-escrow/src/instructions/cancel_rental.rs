//! cancel_rental: the renter ends early; the provider keeps what accrued, the
//! renter gets the rest back.
use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, TokenAccount, TokenInterface};

use crate::{
    constants::*,
    errors::EscrowError,
    events::RentalCancelled,
    state::{EscrowConfig, Rental, RentalStatus},
    token_utils::{no_remaining_accounts, pay_from_vault},
};

#[derive(Accounts)]
pub struct CancelRental<'info> {
    pub renter: Signer<'info>,

    #[account(
        seeds = [ESCROW_CONFIG_SEED],
        bump = config.bump,
        has_one = payment_mint @ EscrowError::MintMismatch,
    )]
    pub config: Box<Account<'info, EscrowConfig>>,

    #[account(
        mut,
        seeds = [RENTAL_SEED, rental.renter.as_ref(), &rental.rental_id.to_le_bytes()],
        bump = rental.bump,
        has_one = renter @ EscrowError::NotRenter,
        has_one = vault @ EscrowError::WrongVault,
    )]
    pub rental: Box<Account<'info, Rental>>,

    #[account(mut)]
    pub vault: Box<InterfaceAccount<'info, TokenAccount>>,

    #[account(
        mut,
        constraint = renter_tokens.mint == payment_mint.key() @ EscrowError::MintMismatch,
        constraint = renter_tokens.key() != vault.key() @ EscrowError::DestinationMismatch,
    )]
    pub renter_tokens: Box<InterfaceAccount<'info, TokenAccount>>,

    pub payment_mint: Box<InterfaceAccount<'info, Mint>>,

    #[account(address = config.token_program @ EscrowError::TokenProgramMismatch)]
    pub token_program: Interface<'info, TokenInterface>,
}

impl CancelRental<'_> {
    /// Ends the rental now: what accrued stays for the provider, the rest
    /// returns to the renter. Open while paused.
    pub fn handler(ctx: Context<Self>) -> Result<()> {
        no_remaining_accounts(ctx.remaining_accounts)?;
        let now = Clock::get()?.unix_timestamp;
        let rental_key = ctx.accounts.rental.key();
        let r = &mut ctx.accounts.rental;
        require!(
            r.status == RentalStatus::Active,
            EscrowError::RentalNotActive
        );
        require!(now < r.end_ts, EscrowError::RentalEnded);
        let accrued = r.accrued(now)?;
        let refund = r
            .stream_base
            .checked_add(r.stream_tokens)
            .and_then(|v| v.checked_sub(accrued))
            .ok_or(EscrowError::MathOverflow)?;
        r.refunded = r
            .refunded
            .checked_add(refund)
            .ok_or(EscrowError::MathOverflow)?;
        r.stream_base = accrued;
        r.stream_tokens = 0;
        r.stream_start = now;
        r.end_ts = now;
        r.status = RentalStatus::Cancelled;
        r.invariant()?;
        let a = &ctx.accounts;
        pay_from_vault(
            &a.token_program,
            &a.vault,
            &a.renter_tokens.to_account_info(),
            &a.payment_mint,
            &a.rental,
            refund,
        )?;
        emit!(RentalCancelled {
            rental: rental_key,
            refund,
            accrued,
        });
        Ok(())
    }
}
