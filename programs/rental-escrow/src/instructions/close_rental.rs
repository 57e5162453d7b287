//! close_rental: after the end and full settlement, closes the rental and its
//! vault, returns rent to the renter and unlocks the node by CPI.
use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, TokenAccount, TokenInterface};
use node_staking::{cpi::accounts::RentalLock, program::NodeStaking, state::Node};

use crate::{
    constants::*,
    errors::EscrowError,
    events::RentalClosed,
    state::{EscrowConfig, Rental, RentalStatus},
    token_utils::{close_vault, no_remaining_accounts, pay_all_from_vault, split_fee},
};

#[derive(Accounts)]
pub struct CloseRental<'info> {
    /// The renter (any time after the end, a cancel or a resolution), or the
    /// provider (once the dispute window after the end has passed).
    pub closer: Signer<'info>,

    #[account(
        seeds = [ESCROW_CONFIG_SEED],
        bump = config.bump,
        has_one = payment_mint @ EscrowError::MintMismatch,
        has_one = treasury @ EscrowError::WrongTreasury,
    )]
    pub config: Box<Account<'info, EscrowConfig>>,

    /// Closed here; its rent goes back to the renter.
    #[account(
        mut,
        close = renter,
        seeds = [RENTAL_SEED, rental.renter.as_ref(), &rental.rental_id.to_le_bytes()],
        bump = rental.bump,
        has_one = renter @ EscrowError::NotRenter,
        has_one = vault @ EscrowError::WrongVault,
        has_one = node @ EscrowError::WrongNode,
    )]
    pub rental: Box<Account<'info, Rental>>,

    /// CHECK: receives the rental's and the vault's rent; must be the rental's renter (has_one).
    #[account(mut)]
    pub renter: UncheckedAccount<'info>,

    #[account(mut)]
    pub vault: Box<InterfaceAccount<'info, TokenAccount>>,

    /// The provider's token account (owned by the rental's provider).
    #[account(
        mut,
        constraint = provider_tokens.mint == payment_mint.key() @ EscrowError::MintMismatch,
        constraint = provider_tokens.owner == rental.provider @ EscrowError::WrongProvider,
    )]
    pub provider_tokens: Box<InterfaceAccount<'info, TokenAccount>>,

    /// The renter's token account, for any leftover.
    #[account(
        mut,
        constraint = renter_tokens.mint == payment_mint.key() @ EscrowError::MintMismatch,
        constraint = renter_tokens.owner == rental.renter @ EscrowError::DestinationMismatch,
    )]
    pub renter_tokens: Box<InterfaceAccount<'info, TokenAccount>>,

    #[account(mut)]
    pub treasury: Box<InterfaceAccount<'info, TokenAccount>>,

    pub payment_mint: Box<InterfaceAccount<'info, Mint>>,

    #[account(mut)]
    pub node: Box<Account<'info, Node>>,

    /// CHECK: node_staking's config; node_staking checks it in the unlock CPI.
    pub staking_config: UncheckedAccount<'info>,

    /// CHECK: this program's signer PDA (seeds checked here).
    #[account(seeds = [RENTAL_AUTHORITY_SEED], bump = config.rental_authority_bump)]
    pub rental_authority: UncheckedAccount<'info>,

    #[account(
        constraint = node_staking_program.key() == config.node_staking_program
            @ EscrowError::WrongNodeStakingProgram,
    )]
    pub node_staking_program: Program<'info, NodeStaking>,

    #[account(address = config.token_program @ EscrowError::TokenProgramMismatch)]
    pub token_program: Interface<'info, TokenInterface>,
}

fn unlock<'info>(
    config: &EscrowConfig,
    program: &Program<'info, NodeStaking>,
    rental_authority: &AccountInfo<'info>,
    staking_config: &AccountInfo<'info>,
    node: &AccountInfo<'info>,
) -> Result<()> {
    let bump = [config.rental_authority_bump];
    let seeds: &[&[u8]] = &[RENTAL_AUTHORITY_SEED, &bump];
    node_staking::cpi::unlock_node(CpiContext::new_with_signer(
        program.to_account_info(),
        RentalLock {
            rental_authority: rental_authority.clone(),
            config: staking_config.clone(),
            node: node.clone(),
        },
        &[seeds],
    ))
}

impl CloseRental<'_> {
    fn validate(&self, now: i64) -> Result<()> {
        let r = &self.rental;
        require!(
            r.status != RentalStatus::Disputed,
            EscrowError::RentalDisputed
        );
        require!(now >= r.end_ts, EscrowError::RentalNotFinished);
        let closer = self.closer.key();
        if closer != r.renter {
            require_keys_eq!(closer, r.provider, EscrowError::NotRenter);
            let window_end = r
                .end_ts
                .saturating_add(i64::from(self.config.dispute_window_seconds));
            require!(
                r.status == RentalStatus::Resolved || now > window_end,
                EscrowError::RentalNotFinished
            );
        }
        Ok(())
    }

    /// Pays the provider what accrued and was not claimed (minus fee), returns
    /// any leftover to the renter, closes the vault and the rental (rent to
    /// the renter), and unlocks the node.
    pub fn handler(ctx: Context<Self>) -> Result<()> {
        no_remaining_accounts(ctx.remaining_accounts)?;
        let now = Clock::get()?.unix_timestamp;
        ctx.accounts.validate(now)?;
        let fee_bps = ctx.accounts.config.reservation_fee_bps;
        let rental_key = ctx.accounts.rental.key();
        let (payout, fee, refund);
        {
            let r = &mut ctx.accounts.rental;
            let accrued = r.accrued(now)?;
            let owed = accrued
                .checked_sub(r.claimed)
                .ok_or(EscrowError::MathOverflow)?;
            r.claimed = accrued;
            (payout, fee) = split_fee(owed, fee_bps)?;
            refund = r.held()?;
            r.refunded = r
                .refunded
                .checked_add(refund)
                .ok_or(EscrowError::MathOverflow)?;
            r.invariant()?;
        }
        let a = &ctx.accounts;
        pay_all_from_vault(
            &a.token_program,
            &a.vault,
            &a.payment_mint,
            &a.rental,
            &[
                (a.provider_tokens.to_account_info(), payout),
                (a.treasury.to_account_info(), fee),
                (a.renter_tokens.to_account_info(), refund),
            ],
        )?;
        close_vault(
            &a.token_program,
            &a.vault,
            &a.renter.to_account_info(),
            &a.rental,
        )?;
        unlock(
            &a.config,
            &a.node_staking_program,
            &a.rental_authority.to_account_info(),
            &a.staking_config.to_account_info(),
            &a.node.to_account_info(),
        )?;
        emit!(RentalClosed {
            rental: rental_key,
            payout,
            fee,
            refund,
        });
        Ok(())
    }
}
