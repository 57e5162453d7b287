//! claim: the provider takes what accrued per second, minus the fee.
use anchor_lang::prelude::*;
use anchor_spl::token_interface::TokenInterface;
use node_staking::{ensure, ensure_keys_eq, named_error};

use crate::{
    errors::EscrowError,
    events::RentalClaimed,
    state::{Rental, RentalStatus},
    token_utils::{no_remaining_accounts, pay_from_vault, split_fee, MintRef, TokenAccountView},
};

#[derive(Accounts)]
pub struct ClaimRental<'info> {
    /// The node's operator recorded at creation.
    pub provider: Signer<'info>,

    /// A rental of this program (owner and discriminator checked by
    /// `Account`); see `Rental` for why its seeds are not re-derived.
    #[account(
        mut,
        has_one = provider @ EscrowError::NotProvider,
        has_one = vault @ EscrowError::WrongVault,
    )]
    pub rental: Box<Account<'info, Rental>>,

    /// CHECK: the rental's vault (has_one), read by `TokenAccountView` in
    /// `validate`: create_rental made it for the config's payment mint under
    /// the config's token program, and neither can change, so it pins the
    /// mint and the token program below without the config.
    #[account(mut)]
    pub vault: UncheckedAccount<'info>,

    /// CHECK: where the payout goes, any token account of the payment mint
    /// (`validate`: `TokenAccountView`, MintMismatch), not the vault.
    #[account(
        mut,
        constraint = provider_tokens.key() != vault.key() @ EscrowError::DestinationMismatch,
    )]
    pub provider_tokens: UncheckedAccount<'info>,

    /// CHECK: the payment mint: the vault's (`validate`, MintMismatch); its
    /// decimals are read by `MintRef::load`, and the token program checks it
    /// again.
    pub payment_mint: UncheckedAccount<'info>,

    /// The payment mint's token program: the vault's owner.
    #[account(
        constraint = token_program.key() == *vault.owner @ EscrowError::TokenProgramMismatch,
    )]
    pub token_program: Interface<'info, TokenInterface>,
}

impl ClaimRental<'_> {
    /// The payment mint is the vault's, and the payout account holds it.
    fn validate(&self) -> Result<()> {
        let program = self.token_program.key();
        let vault = TokenAccountView::load(&self.vault, &program, "vault")?;
        ensure_keys_eq!(
            self.payment_mint.key(),
            vault.mint,
            EscrowError::MintMismatch
        );
        let to = TokenAccountView::load(&self.provider_tokens, &program, "provider_tokens")?;
        ensure_keys_eq!(to.mint, vault.mint, EscrowError::MintMismatch);
        Ok(())
    }

    /// Pays the provider what accrued since the last claim (per period,
    /// rounded down), up to the accrued tokens minus the rental's holdback,
    /// minus the provider-side fee, in one transfer. The fee stays in the
    /// vault (`fees_held`), like the renter fees earned so far: the final
    /// settlement (close_rental or resolve_dispute) pays the treasury once.
    /// Frozen while disputed, nothing once resolved; open while paused.
    pub fn handler(ctx: Context<Self>) -> Result<()> {
        no_remaining_accounts(ctx.remaining_accounts)?;
        ctx.accounts.validate()?;
        let now = Clock::get()?.unix_timestamp;
        let rental_key = ctx.accounts.rental.key();
        let r = &mut ctx.accounts.rental;
        ensure!(
            r.status != RentalStatus::Disputed,
            EscrowError::RentalDisputed
        );
        // A resolution settled the provider's side for good.
        ensure!(
            r.status != RentalStatus::Resolved,
            EscrowError::NothingToClaim
        );
        let claimable = r.claimable_total(now)?;
        let amount = claimable.saturating_sub(r.claimed);
        ensure!(amount > 0, EscrowError::NothingToClaim);
        let (payout, fee) = split_fee(amount, r.reservation_fee_bps)?;
        r.claimed = claimable;
        r.fees_held = r
            .fees_held
            .checked_add(fee)
            .ok_or_else(|| named_error!(EscrowError::MathOverflow))?;
        r.invariant()?;
        let a = &ctx.accounts;
        let mint = MintRef::load(&a.payment_mint, &a.token_program)?;
        pay_from_vault(
            &a.token_program,
            &a.vault,
            &a.provider_tokens.to_account_info(),
            &mint,
            &a.rental,
            payout,
        )?;
        emit!(RentalClaimed {
            rental: rental_key,
            payout,
            fee_held: fee,
        });
        Ok(())
    }
}
