//! cancel_rental: the renter ends early; the provider keeps what accrued, the
//! renter gets the rest (tokens and their renter fees) back, and the node is
//! no longer locked by this rental.
use anchor_lang::prelude::*;
use anchor_spl::token_interface::TokenInterface;
use node_staking::program::NodeStaking;
use node_staking::{ensure, named_error};

use crate::{
    errors::EscrowError,
    events::RentalCancelled,
    staking::{is_rental_authority, StakingCpi},
    state::{EscrowConfig, Rental, RentalStatus},
    token_utils::{check_payee, no_remaining_accounts, pay_from_vault, MintRef},
};

#[derive(Accounts)]
pub struct CancelRental<'info> {
    pub renter: Signer<'info>,

    /// The escrow config: owner and discriminator checked by `Account`;
    /// `initialize` creates the only one (at its PDA), so no seeds here.
    #[account(
        has_one = payment_mint @ EscrowError::MintMismatch,
    )]
    pub config: Box<Account<'info, EscrowConfig>>,

    #[account(
        mut,
        has_one = renter @ EscrowError::NotRenter,
        has_one = vault @ EscrowError::WrongVault,
        has_one = node @ EscrowError::WrongNode,
    )]
    pub rental: Box<Account<'info, Rental>>,

    /// CHECK: the rental's vault (has_one above), a token account this
    /// program created for it; the token program checks it in the transfers.
    #[account(mut)]
    pub vault: UncheckedAccount<'info>,

    /// CHECK: where the refund goes, a token account of the payment mint
    /// (`check_payee` in the handler: MintMismatch), not the vault.
    #[account(
        mut,
        constraint = renter_tokens.key() != vault.key() @ EscrowError::DestinationMismatch,
    )]
    pub renter_tokens: UncheckedAccount<'info>,

    /// CHECK: the config's payment mint (has_one above); its decimals are
    /// read by `MintRef::load`, and the token program checks it again.
    pub payment_mint: UncheckedAccount<'info>,

    /// CHECK: the rental's node (has_one above); node_staking checks it in the unlock CPI.
    #[account(mut)]
    pub node: UncheckedAccount<'info>,

    /// CHECK: node_staking's config; node_staking checks it in the unlock CPI.
    pub staking_config: UncheckedAccount<'info>,

    /// CHECK: this program's signer PDA (seeds checked here).
    #[account(constraint = is_rental_authority(&rental_authority.key(), &config) @ EscrowError::WrongRentalAuthority)]
    pub rental_authority: UncheckedAccount<'info>,

    /// Needed for the CPI into node_staking even though no code reads it:
    /// the runtime finds the callee among the instruction's accounts.
    pub node_staking_program: Program<'info, NodeStaking>,

    #[account(address = config.token_program @ EscrowError::TokenProgramMismatch)]
    pub token_program: Interface<'info, TokenInterface>,
}

impl CancelRental<'_> {
    /// Ends the rental now. Policy for the reservation fee: the treasury
    /// earns it as service is delivered, so a cancel refunds the fee of the
    /// unserved time too (all of it at second 0). Open while paused.
    pub fn handler(ctx: Context<Self>) -> Result<()> {
        no_remaining_accounts(ctx.remaining_accounts)?;
        check_payee(
            &ctx.accounts.renter_tokens,
            &ctx.accounts.token_program.key(),
            &ctx.accounts.payment_mint.key(),
            None,
            "renter_tokens",
        )?;
        let now = Clock::get()?.unix_timestamp;
        let rental_key = ctx.accounts.rental.key();
        let r = &mut ctx.accounts.rental;
        ensure!(
            r.status == RentalStatus::Active,
            EscrowError::RentalNotActive
        );
        ensure!(now < r.end_ts, EscrowError::RentalEnded);
        let acc = r.accrued(now)?;
        let tokens_back = r
            .deposited
            .checked_sub(acc.tokens)
            .ok_or_else(|| named_error!(EscrowError::RentalInvariantViolated))?;
        let fees_back = r
            .renter_fees
            .checked_sub(acc.fees)
            .ok_or_else(|| named_error!(EscrowError::RentalInvariantViolated))?;
        r.refunded = tokens_back;
        r.fees_refunded = fees_back;
        r.end_ts = now.max(r.start_ts);
        r.status = RentalStatus::Cancelled;
        let was_locked = r.node_locked;
        r.node_locked = false;
        r.invariant()?;
        let refund = tokens_back
            .checked_add(fees_back)
            .ok_or_else(|| named_error!(EscrowError::MathOverflow))?;
        let a = &ctx.accounts;
        let mint = MintRef::load(&a.payment_mint, &a.token_program)?;
        pay_from_vault(
            &a.token_program,
            &a.vault,
            &a.renter_tokens.to_account_info(),
            &mint,
            &a.rental,
            refund,
        )?;
        if was_locked {
            StakingCpi {
                config: &a.config,
                rental_authority: a.rental_authority.to_account_info(),
                staking_config: a.staking_config.to_account_info(),
                node: a.node.to_account_info(),
            }
            .unlock()?;
        }
        emit!(RentalCancelled {
            rental: rental_key,
            refund,
            accrued: acc.tokens,
        });
        Ok(())
    }
}
