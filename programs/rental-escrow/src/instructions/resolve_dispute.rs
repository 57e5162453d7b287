//! resolve_dispute: the dispute authority refunds part of the unclaimed tokens
//! and may slash the node through node_staking.
use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, TokenAccount, TokenInterface};
use node_staking::{
    cpi::accounts::Slash,
    program::NodeStaking,
    state::{Node, SlashReason},
};

use crate::{
    constants::*,
    errors::EscrowError,
    events::DisputeResolved,
    state::{EscrowConfig, Rental, RentalStatus},
    token_utils::{no_remaining_accounts, pay_all_from_vault, split_fee},
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
    /// Share of the accrued-but-unclaimed tokens refunded to the renter, basis points.
    pub refund_bps: u16,
    /// Optional slash of the node through node_staking.
    pub slash: Option<DisputeSlash>,
}

#[derive(Accounts)]
pub struct ResolveDispute<'info> {
    /// Also pays for node_staking's slash record.
    #[account(mut)]
    pub dispute_authority: Signer<'info>,

    #[account(
        seeds = [ESCROW_CONFIG_SEED],
        bump = config.bump,
        has_one = dispute_authority @ EscrowError::NotDisputeAuthority,
        has_one = payment_mint @ EscrowError::MintMismatch,
        has_one = treasury @ EscrowError::WrongTreasury,
    )]
    pub config: Box<Account<'info, EscrowConfig>>,

    #[account(
        mut,
        seeds = [RENTAL_SEED, rental.renter.as_ref(), &rental.rental_id.to_le_bytes()],
        bump = rental.bump,
        has_one = vault @ EscrowError::WrongVault,
        has_one = node @ EscrowError::WrongNode,
    )]
    pub rental: Box<Account<'info, Rental>>,

    #[account(mut)]
    pub vault: Box<InterfaceAccount<'info, TokenAccount>>,

    #[account(
        mut,
        constraint = provider_tokens.mint == payment_mint.key() @ EscrowError::MintMismatch,
        constraint = provider_tokens.owner == rental.provider @ EscrowError::WrongProvider,
    )]
    pub provider_tokens: Box<InterfaceAccount<'info, TokenAccount>>,

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

    /// CHECK: node_staking's config (its CPI checks it).
    #[account(mut)]
    pub staking_config: UncheckedAccount<'info>,

    /// CHECK: this program's signer PDA (seeds checked here).
    #[account(seeds = [RENTAL_AUTHORITY_SEED], bump = config.rental_authority_bump)]
    pub rental_authority: UncheckedAccount<'info>,

    /// CHECK: node_staking's slash record PDA; node_staking creates and checks it.
    #[account(mut)]
    pub slash_record: Option<UncheckedAccount<'info>>,

    /// CHECK: the node's vault; node_staking checks it against the node.
    #[account(mut)]
    pub node_vault: Option<UncheckedAccount<'info>>,

    /// CHECK: node_staking's treasury; node_staking checks it against its config.
    #[account(mut)]
    pub staking_treasury: Option<UncheckedAccount<'info>>,

    #[account(
        constraint = node_staking_program.key() == config.node_staking_program
            @ EscrowError::WrongNodeStakingProgram,
    )]
    pub node_staking_program: Program<'info, NodeStaking>,

    #[account(address = config.token_program @ EscrowError::TokenProgramMismatch)]
    pub token_program: Interface<'info, TokenInterface>,
    pub system_program: Program<'info, System>,
}

impl ResolveDispute<'_> {
    /// Settles a disputed rental now: the part not yet accrued returns to the
    /// renter; of the accrued-but-unclaimed part, `refund_bps` returns to the
    /// renter and the rest goes to the provider (minus fee). Optionally slashes
    /// the node through node_staking with part of the slash to the renter.
    pub fn handler(ctx: Context<Self>, args: ResolveDisputeArgs) -> Result<()> {
        no_remaining_accounts(ctx.remaining_accounts)?;
        require!(
            args.refund_bps <= BPS_DENOMINATOR,
            EscrowError::InvalidRefund
        );
        require!(
            ctx.accounts.rental.status == RentalStatus::Disputed,
            EscrowError::NotDisputed
        );
        let now = Clock::get()?.unix_timestamp;
        let fee_bps = ctx.accounts.config.reservation_fee_bps;
        let rental_key = ctx.accounts.rental.key();
        let (payout, fee, refund);
        {
            let r = &mut ctx.accounts.rental;
            let accrued = r.accrued(now)?;
            let unclaimed = accrued
                .checked_sub(r.claimed)
                .ok_or(EscrowError::MathOverflow)?;
            let refund_accrued = u64::try_from(
                (unclaimed as u128) * (args.refund_bps as u128) / (BPS_DENOMINATOR as u128),
            )
            .map_err(|_| error!(EscrowError::MathOverflow))?;
            let to_provider = unclaimed - refund_accrued;
            (payout, fee) = split_fee(to_provider, fee_bps)?;
            r.claimed = r
                .claimed
                .checked_add(to_provider)
                .ok_or(EscrowError::MathOverflow)?;
            // Everything still held after the provider's part goes back.
            refund = r.held()?;
            r.refunded = r
                .refunded
                .checked_add(refund)
                .ok_or(EscrowError::MathOverflow)?;
            r.stream_base = r.claimed;
            r.stream_tokens = 0;
            r.stream_start = now.min(r.end_ts).max(r.stream_start);
            r.end_ts = r.stream_start;
            r.status = RentalStatus::Resolved;
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

        if let Some(s) = &args.slash {
            let (Some(record), Some(node_vault), Some(staking_treasury)) =
                (&a.slash_record, &a.node_vault, &a.staking_treasury)
            else {
                return err!(EscrowError::SlashAccountsMissing);
            };
            let bump = [a.config.rental_authority_bump];
            let seeds: &[&[u8]] = &[RENTAL_AUTHORITY_SEED, &bump];
            node_staking::cpi::slash(
                CpiContext::new_with_signer(
                    a.node_staking_program.to_account_info(),
                    Slash {
                        authority: a.rental_authority.to_account_info(),
                        payer: a.dispute_authority.to_account_info(),
                        config: a.staking_config.to_account_info(),
                        node: a.node.to_account_info(),
                        slash_record: record.to_account_info(),
                        vault: node_vault.to_account_info(),
                        treasury: staking_treasury.to_account_info(),
                        renter_tokens: Some(a.renter_tokens.to_account_info()),
                        stake_mint: a.payment_mint.to_account_info(),
                        token_program: a.token_program.to_account_info(),
                        system_program: a.system_program.to_account_info(),
                    },
                    &[seeds],
                ),
                node_staking::instructions::SlashArgs {
                    evidence_hash: s.evidence_hash,
                    reason: s.reason,
                    fraction_bps: s.fraction_bps,
                    renter_share_bps: s.renter_share_bps,
                },
            )?;
        }
        emit!(DisputeResolved {
            rental: rental_key,
            refund,
            payout,
            fee,
            slashed: args.slash.is_some(),
        });
        Ok(())
    }
}
