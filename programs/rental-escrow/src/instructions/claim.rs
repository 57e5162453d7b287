//! claim: the provider takes what accrued per second, minus the fee.
use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, TokenAccount, TokenInterface};

use crate::{
    errors::EscrowError,
    events::RentalClaimed,
    state::{EscrowConfig, Rental, RentalStatus},
    token_utils::{no_remaining_accounts, pay_all_from_vault, split_fee},
};

#[derive(Accounts)]
pub struct ClaimRental<'info> {
    /// The node's operator recorded at creation.
    pub provider: Signer<'info>,

    /// The escrow config: owner and discriminator checked by `Account`;
    /// `initialize` creates the only one (at its PDA), so no seeds here.
    #[account(
        has_one = payment_mint @ EscrowError::MintMismatch,
        has_one = treasury @ EscrowError::WrongTreasury,
    )]
    pub config: Box<Account<'info, EscrowConfig>>,

    #[account(
        mut,
        has_one = provider @ EscrowError::NotProvider,
        has_one = vault @ EscrowError::WrongVault,
    )]
    pub rental: Box<Account<'info, Rental>>,

    #[account(mut)]
    pub vault: Box<InterfaceAccount<'info, TokenAccount>>,

    /// Where the payout goes (any token account of the payment mint).
    #[account(
        mut,
        constraint = provider_tokens.mint == payment_mint.key() @ EscrowError::MintMismatch,
        constraint = provider_tokens.key() != vault.key() @ EscrowError::DestinationMismatch,
    )]
    pub provider_tokens: Box<InterfaceAccount<'info, TokenAccount>>,

    #[account(mut)]
    pub treasury: Box<InterfaceAccount<'info, TokenAccount>>,

    pub payment_mint: Box<InterfaceAccount<'info, Mint>>,

    #[account(address = config.token_program @ EscrowError::TokenProgramMismatch)]
    pub token_program: Interface<'info, TokenInterface>,
}

impl ClaimRental<'_> {
    /// Pays the provider what accrued since the last claim (per period,
    /// rounded down), up to the accrued tokens minus the rental's holdback,
    /// minus the provider-side fee; the treasury gets that fee and the
    /// renter fees earned so far in one transfer. Frozen while disputed,
    /// nothing once resolved; open while paused.
    pub fn handler(ctx: Context<Self>) -> Result<()> {
        no_remaining_accounts(ctx.remaining_accounts)?;
        let now = Clock::get()?.unix_timestamp;
        let rental_key = ctx.accounts.rental.key();
        let r = &mut ctx.accounts.rental;
        require!(
            r.status != RentalStatus::Disputed,
            EscrowError::RentalDisputed
        );
        // A resolution settled the provider's side for good.
        require!(
            r.status != RentalStatus::Resolved,
            EscrowError::NothingToClaim
        );
        let claimable = r.claimable_total(now)?;
        let amount = claimable.saturating_sub(r.claimed);
        require!(amount > 0, EscrowError::NothingToClaim);
        let fees_earned = r.accrued(now)?.fees;
        let renter_fees_now = fees_earned
            .checked_sub(r.fees_collected)
            .ok_or(EscrowError::RentalInvariantViolated)?;
        r.claimed = claimable;
        r.fees_collected = fees_earned;
        r.invariant()?;
        let (payout, provider_fee) = split_fee(amount, r.reservation_fee_bps)?;
        let fee = provider_fee
            .checked_add(renter_fees_now)
            .ok_or(EscrowError::MathOverflow)?;
        let a = &ctx.accounts;
        pay_all_from_vault(
            &a.token_program,
            &a.vault,
            &a.payment_mint,
            &a.rental,
            &[
                (a.provider_tokens.to_account_info(), payout),
                (a.treasury.to_account_info(), fee),
            ],
        )?;
        emit!(RentalClaimed {
            rental: rental_key,
            payout,
            fee,
        });
        Ok(())
    }
}
