//! extend_rental: the renter buys more time at the rental's USD rate and the
//! current price, with the same guards as create_rental.
use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, TokenAccount, TokenInterface};

use crate::{
    constants::*,
    errors::EscrowError,
    events::RentalExtended,
    price::{load_price, oracle_err},
    pricing::{cost_micro_usd, tokens_for_usd_ceil},
    state::{EscrowConfig, Rental, RentalStatus},
    token_utils::{no_remaining_accounts, renter_fee, transfer_from_signer},
};

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug)]
pub struct ExtendRentalArgs {
    /// Extra seconds (60 ..= 90 days).
    pub extra_seconds: u64,
    /// Slippage guard on the extra tokens plus fee.
    pub max_tokens: u64,
}

#[derive(Accounts)]
pub struct ExtendRental<'info> {
    pub renter: Signer<'info>,

    #[account(
        seeds = [ESCROW_CONFIG_SEED],
        bump = config.bump,
        has_one = payment_mint @ EscrowError::MintMismatch,
        has_one = treasury @ EscrowError::WrongTreasury,
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
    )]
    pub renter_tokens: Box<InterfaceAccount<'info, TokenAccount>>,

    #[account(mut)]
    pub treasury: Box<InterfaceAccount<'info, TokenAccount>>,

    pub payment_mint: Box<InterfaceAccount<'info, Mint>>,

    /// CHECK: checked by `price::load_price`.
    pub price_account: UncheckedAccount<'info>,

    #[account(address = config.token_program @ EscrowError::TokenProgramMismatch)]
    pub token_program: Interface<'info, TokenInterface>,
}

impl ExtendRental<'_> {
    /// Adds time at the rental's USD rate, converted at the current price.
    /// The stream is re-based at now: what accrued so far stays accrued, the
    /// rest plus the new tokens stream until the new end.
    pub fn handler(ctx: Context<Self>, args: ExtendRentalArgs) -> Result<()> {
        no_remaining_accounts(ctx.remaining_accounts)?;
        let a = &ctx.accounts;
        a.config.check_not_paused()?;
        require!(
            args.extra_seconds >= MIN_RENTAL_SECONDS && args.extra_seconds <= MAX_RENTAL_SECONDS,
            EscrowError::InvalidDuration
        );
        require!(
            a.rental.status == RentalStatus::Active,
            EscrowError::RentalNotActive
        );
        let now = Clock::get()?.unix_timestamp;
        require!(now < a.rental.end_ts, EscrowError::RentalEnded);
        let price = load_price(&a.config, &a.price_account.to_account_info(), now)?;
        let cost = cost_micro_usd(args.extra_seconds, a.rental.rate_micro_usd_per_hour)
            .map_err(oracle_err)?;
        let tokens =
            tokens_for_usd_ceil(cost, &price, a.payment_mint.decimals).map_err(oracle_err)?;
        let fee = renter_fee(tokens, a.config.reservation_fee_bps)?;
        let total = tokens.checked_add(fee).ok_or(EscrowError::MathOverflow)?;
        require!(total <= args.max_tokens, EscrowError::SlippageExceeded);

        let rental_key = ctx.accounts.rental.key();
        let r = &mut ctx.accounts.rental;
        let accrued = r.accrued(now)?;
        r.deposited = r
            .deposited
            .checked_add(tokens)
            .ok_or(EscrowError::MathOverflow)?;
        r.renter_fees = r
            .renter_fees
            .checked_add(fee)
            .ok_or(EscrowError::MathOverflow)?;
        r.stream_tokens = r
            .deposited
            .checked_sub(accrued)
            .ok_or(EscrowError::MathOverflow)?;
        r.stream_base = accrued;
        r.stream_start = now;
        r.end_ts = r
            .end_ts
            .checked_add(args.extra_seconds as i64)
            .ok_or(EscrowError::MathOverflow)?;
        r.price = price.price;
        r.conf = price.conf;
        r.expo = price.expo;
        r.publish_time = price.publish_time;
        r.invariant()?;
        let end_ts = r.end_ts;

        let a = &ctx.accounts;
        transfer_from_signer(
            &a.token_program,
            &a.renter_tokens,
            &a.vault.to_account_info(),
            &a.payment_mint,
            &a.renter,
            tokens,
        )?;
        transfer_from_signer(
            &a.token_program,
            &a.renter_tokens,
            &a.treasury.to_account_info(),
            &a.payment_mint,
            &a.renter,
            fee,
        )?;
        emit!(RentalExtended {
            rental: rental_key,
            end_ts,
            tokens,
            fee,
            price: price.price,
            expo: price.expo,
        });
        Ok(())
    }
}
