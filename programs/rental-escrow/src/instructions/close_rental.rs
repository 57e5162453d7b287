//! close_rental: after the end, settles whatever is left, returns anything
//! extra in the vault to the renter, closes the vault and the rental (rent
//! to the renter) and unlocks the node by CPI.
use anchor_lang::prelude::*;
use anchor_spl::token_interface::TokenInterface;
use node_staking::program::NodeStaking;
use node_staking::{ensure, named_error};

use crate::{
    errors::EscrowError,
    events::RentalClosed,
    staking::{is_rental_authority, StakingCpi},
    state::{EscrowConfig, Rental, RentalStatus, Settlement},
    token_utils::{
        check_settlement_payees, close_vault, no_remaining_accounts, pay_all_from_vault, MintRef,
        TokenAccountView,
    },
};

#[derive(Accounts)]
pub struct CloseRental<'info> {
    /// The renter once the rental ended; anyone once the dispute window
    /// has passed (see `validate`).
    pub closer: Signer<'info>,

    /// The escrow config: owner and discriminator checked by `Account`;
    /// `initialize` creates the only one (at its PDA), so no seeds here.
    #[account(
        has_one = payment_mint @ EscrowError::MintMismatch,
        has_one = treasury @ EscrowError::WrongTreasury,
    )]
    pub config: Box<Account<'info, EscrowConfig>>,

    /// Closed here; its rent goes back to the renter.
    #[account(
        mut,
        close = renter,
        has_one = renter @ EscrowError::NotRenter,
        has_one = vault @ EscrowError::WrongVault,
        has_one = node @ EscrowError::WrongNode,
    )]
    pub rental: Box<Account<'info, Rental>>,

    /// CHECK: receives the rental's and the vault's rent; must be the rental's renter (has_one).
    #[account(mut)]
    pub renter: UncheckedAccount<'info>,

    /// CHECK: the rental's vault (has_one above), a token account this
    /// program created for it; its balance is read by `TokenAccountView`.
    #[account(mut)]
    pub vault: UncheckedAccount<'info>,

    /// CHECK: the provider's token account of the payment mint
    /// (`check_payee` in the handler: MintMismatch, WrongProvider).
    #[account(mut)]
    pub provider_tokens: UncheckedAccount<'info>,

    /// CHECK: the renter's token account, for refunds and anything extra in
    /// the vault (`check_payee` in the handler: MintMismatch,
    /// DestinationMismatch).
    #[account(mut)]
    pub renter_tokens: UncheckedAccount<'info>,

    /// CHECK: the config's treasury (has_one above), a token account of the
    /// payment mint (checked when initialize or update_config set it); the
    /// token program checks it again in the transfer.
    #[account(mut)]
    pub treasury: UncheckedAccount<'info>,

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

impl CloseRental<'_> {
    /// Every ended rental can be closed: by its renter at any time after the
    /// end of service (closing waives the rest of the dispute window); by its
    /// provider once the dispute window after the end has passed, or at once
    /// when resolved. A disputed rental closes (with the default outcome:
    /// service paid until the dispute, no refund of it, no slash) once the
    /// dispute has waited `dispute_timeout_seconds`. Returns whether the
    /// dispute expired.
    fn validate(&self, now: i64) -> Result<bool> {
        let r = &self.rental;
        let expired = if r.status == RentalStatus::Disputed {
            let deadline = r
                .disputed_at
                .saturating_add(i64::from(r.dispute_timeout_seconds));
            ensure!(now >= deadline, EscrowError::RentalDisputed);
            true
        } else {
            ensure!(now >= r.end_ts, EscrowError::RentalNotFinished);
            false
        };
        // The renter closes once it ended; anyone else (the provider, or a
        // keeper sweeping the fees held for the treasury) once the dispute
        // window has passed: every destination is pinned to the rental.
        if self.closer.key() != r.renter {
            let window_end = r.end_ts.saturating_add(i64::from(r.dispute_window_seconds));
            ensure!(
                expired || r.status == RentalStatus::Resolved || now > window_end,
                EscrowError::RentalNotFinished
            );
        }
        Ok(expired)
    }

    /// The payees' token accounts (as the `InterfaceAccount` constraints
    /// checked them) and the vault's balance.
    fn check_token_accounts(&self) -> Result<u64> {
        let program = self.token_program.key();
        check_settlement_payees(
            &self.provider_tokens,
            &self.renter_tokens,
            &program,
            &self.payment_mint.key(),
            &self.rental,
        )?;
        Ok(TokenAccountView::load(&self.vault, &program, "vault")?.amount)
    }

    /// Pays the provider everything accrued and unclaimed (holdback included,
    /// minus fee), the treasury the renter fees earned, the renter the rest
    /// plus whatever else sits in the vault (a donation cannot block the
    /// close), then closes the vault and the rental and unlocks the node.
    pub fn handler(ctx: Context<Self>) -> Result<()> {
        no_remaining_accounts(ctx.remaining_accounts)?;
        let now = Clock::get()?.unix_timestamp;
        let expired = ctx.accounts.validate(now)?;
        let rental_key = ctx.accounts.rental.key();
        let vault_amount = ctx.accounts.check_token_accounts()?;
        let (settlement, surplus, was_locked);
        {
            let r = &mut ctx.accounts.rental;
            settlement = if r.status == RentalStatus::Resolved {
                // resolve_dispute settled everything already.
                Settlement::default()
            } else {
                let settle_at = if expired { r.disputed_at } else { r.end_ts };
                r.settle_final(settle_at, 0)?
            };
            if expired {
                r.status = RentalStatus::Resolved;
            }
            r.invariant()?;
            let owed = settlement
                .payout
                .checked_add(settlement.to_treasury)
                .and_then(|v| v.checked_add(settlement.to_renter))
                .ok_or_else(|| named_error!(EscrowError::MathOverflow))?;
            // The accounting never promises more than the vault holds.
            surplus = vault_amount
                .checked_sub(owed)
                .ok_or_else(|| named_error!(EscrowError::RentalInvariantViolated))?;
            was_locked = r.node_locked;
            r.node_locked = false;
        }
        let to_renter = settlement
            .to_renter
            .checked_add(surplus)
            .ok_or_else(|| named_error!(EscrowError::MathOverflow))?;
        let a = &ctx.accounts;
        let mint = MintRef::load(&a.payment_mint, &a.token_program)?;
        pay_all_from_vault(
            &a.token_program,
            &a.vault,
            &mint,
            &a.rental,
            &[
                (a.provider_tokens.to_account_info(), settlement.payout),
                (a.treasury.to_account_info(), settlement.to_treasury),
                (a.renter_tokens.to_account_info(), to_renter),
            ],
        )?;
        close_vault(
            &a.token_program,
            &a.vault,
            &a.renter.to_account_info(),
            &a.rental,
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
        emit!(RentalClosed {
            rental: rental_key,
            payout: settlement.payout,
            fee: settlement.to_treasury,
            refund: settlement.to_renter,
            surplus,
            dispute_expired: expired,
        });
        Ok(())
    }
}
