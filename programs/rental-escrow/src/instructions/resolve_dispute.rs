//! resolve_dispute: the dispute authority settles a disputed rental for good
//! and may slash the node through node_staking.
use anchor_lang::prelude::*;
use anchor_spl::token_interface::TokenInterface;
use node_staking::ensure;
use node_staking::{instructions::SlashArgs, program::NodeStaking, state::SlashReason};

use crate::{
    constants::*,
    errors::EscrowError,
    events::DisputeResolved,
    staking::{is_rental_authority, SlashAccounts, StakingCpi},
    state::{EscrowConfig, Rental, RentalStatus},
    token_utils::{check_settlement_payees, no_remaining_accounts, pay_all_from_vault, MintRef},
};

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug)]
pub struct DisputeSlash {
    pub evidence_hash: [u8; 32],
    pub reason: SlashReason,
    /// Fraction of the node's slashable stake, basis points.
    pub fraction_bps: u16,
    /// Part of the slash paid to the renter, basis points.
    pub renter_share_bps: u16,
}

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug)]
pub struct ResolveDisputeArgs {
    /// Share of the tokens accrued for service (claimed or not) returned to
    /// the renter, basis points; paid from what the provider has not claimed
    /// (at least the rental's holdback of it).
    pub refund_bps: u16,
    /// The renter kept using the node after disputing: pay service until
    /// now (at most the end) instead of until the dispute.
    pub pay_after_dispute: bool,
    /// Optional slash of the node through node_staking.
    pub slash: Option<DisputeSlash>,
}

#[derive(Accounts)]
pub struct ResolveDispute<'info> {
    /// Also pays for node_staking's slash record.
    #[account(mut)]
    pub dispute_authority: Signer<'info>,

    /// The escrow config: owner and discriminator checked by `Account`;
    /// `initialize` creates the only one (at its PDA), so no seeds here.
    #[account(
        has_one = dispute_authority @ EscrowError::NotDisputeAuthority,
        has_one = payment_mint @ EscrowError::MintMismatch,
        has_one = treasury @ EscrowError::WrongTreasury,
    )]
    pub config: Box<Account<'info, EscrowConfig>>,

    #[account(
        mut,
        has_one = vault @ EscrowError::WrongVault,
        has_one = node @ EscrowError::WrongNode,
    )]
    pub rental: Box<Account<'info, Rental>>,

    /// CHECK: the rental's vault (has_one above), a token account this
    /// program created for it; the token program checks it in the transfers.
    #[account(mut)]
    pub vault: UncheckedAccount<'info>,

    /// CHECK: the provider's token account of the payment mint
    /// (`check_payee` in the handler: MintMismatch, WrongProvider).
    #[account(mut)]
    pub provider_tokens: UncheckedAccount<'info>,

    /// CHECK: the renter's token account of the payment mint
    /// (`check_payee` in the handler: MintMismatch, DestinationMismatch).
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

    /// CHECK: the rental's node (has_one above); node_staking checks it in its CPIs.
    #[account(mut)]
    pub node: UncheckedAccount<'info>,

    /// CHECK: node_staking's config (its CPIs check it).
    #[account(mut)]
    pub staking_config: UncheckedAccount<'info>,

    /// CHECK: this program's signer PDA (seeds checked here).
    #[account(constraint = is_rental_authority(&rental_authority.key(), &config) @ EscrowError::WrongRentalAuthority)]
    pub rental_authority: UncheckedAccount<'info>,

    /// CHECK: the node's spec tier; node_staking checks its seeds in the slash CPI.
    pub staking_spec_tier: Option<UncheckedAccount<'info>>,

    /// CHECK: node_staking's slash record PDA; node_staking creates and checks it.
    #[account(mut)]
    pub slash_record: Option<UncheckedAccount<'info>>,

    /// CHECK: the node's vault; node_staking checks it against the node.
    #[account(mut)]
    pub node_vault: Option<UncheckedAccount<'info>>,

    /// CHECK: node_staking's treasury; node_staking checks it against its config.
    #[account(mut)]
    pub staking_treasury: Option<UncheckedAccount<'info>>,

    /// Needed for the CPI into node_staking even though no code reads it:
    /// the runtime finds the callee among the instruction's accounts.
    pub node_staking_program: Program<'info, NodeStaking>,

    #[account(address = config.token_program @ EscrowError::TokenProgramMismatch)]
    pub token_program: Interface<'info, TokenInterface>,
    pub system_program: Program<'info, System>,
}

impl ResolveDispute<'_> {
    fn validate(&self, args: &ResolveDisputeArgs) -> Result<()> {
        check_settlement_payees(
            &self.provider_tokens,
            &self.renter_tokens,
            &self.token_program.key(),
            &self.payment_mint.key(),
            &self.rental,
        )?;
        ensure!(
            args.refund_bps <= BPS_DENOMINATOR,
            EscrowError::InvalidRefund
        );
        ensure!(
            self.rental.status == RentalStatus::Disputed,
            EscrowError::NotDisputed
        );
        if args.slash.is_some() {
            ensure!(
                self.staking_spec_tier.is_some()
                    && self.slash_record.is_some()
                    && self.node_vault.is_some()
                    && self.staking_treasury.is_some(),
                EscrowError::SlashAccountsMissing
            );
        }
        Ok(())
    }

    /// Settles a disputed rental for good: service is paid until the
    /// dispute (or until now with `pay_after_dispute`); `refund_bps` of the
    /// accrued tokens go back to the renter with everything unserved; the
    /// provider gets the rest (minus fee), the treasury the fees. The node
    /// is unlocked and optionally slashed (works while either program is
    /// paused: a pause must not let a provider escape a slash).
    pub fn handler(ctx: Context<Self>, args: ResolveDisputeArgs) -> Result<()> {
        no_remaining_accounts(ctx.remaining_accounts)?;
        ctx.accounts.validate(&args)?;
        let now = Clock::get()?.unix_timestamp;
        let rental_key = ctx.accounts.rental.key();
        let (settlement, paid_until, was_locked);
        {
            let r = &mut ctx.accounts.rental;
            let settle_at = if args.pay_after_dispute {
                now
            } else {
                r.disputed_at
            };
            settlement = r.settle_final(settle_at, args.refund_bps)?;
            paid_until = r.end_ts;
            r.status = RentalStatus::Resolved;
            was_locked = r.node_locked;
            r.node_locked = false;
            r.invariant()?;
        }
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
                (a.renter_tokens.to_account_info(), settlement.to_renter),
            ],
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

        if let (Some(s), Some(tier), Some(record), Some(node_vault), Some(staking_treasury)) = (
            &args.slash,
            &a.staking_spec_tier,
            &a.slash_record,
            &a.node_vault,
            &a.staking_treasury,
        ) {
            StakingCpi {
                config: &a.config,
                rental_authority: a.rental_authority.to_account_info(),
                staking_config: a.staking_config.to_account_info(),
                node: a.node.to_account_info(),
            }
            .slash(
                SlashAccounts {
                    payer: a.dispute_authority.to_account_info(),
                    spec_tier: tier.to_account_info(),
                    slash_record: record.to_account_info(),
                    vault: node_vault.to_account_info(),
                    treasury: staking_treasury.to_account_info(),
                    renter_tokens: a.renter_tokens.to_account_info(),
                    stake_mint: a.payment_mint.to_account_info(),
                    token_program: a.token_program.to_account_info(),
                    system_program: a.system_program.to_account_info(),
                },
                SlashArgs {
                    evidence_hash: s.evidence_hash,
                    reason: s.reason,
                    fraction_bps: s.fraction_bps,
                    renter_share_bps: s.renter_share_bps,
                },
            )?;
        }
        emit!(DisputeResolved {
            rental: rental_key,
            refund: settlement.to_renter,
            payout: settlement.payout,
            fee: settlement.to_treasury,
            paid_until,
            slashed: args.slash.is_some(),
        });
        Ok(())
    }
}
