//! withdraw_unstaked: pays out matured provider unbonding (allowed while paused).
use anchor_lang::prelude::*;
use anchor_spl::token_interface::TokenInterface;

use super::stake::refresh_status;
use crate::{
    errors::StakingError,
    events::UnstakeWithdrawn,
    state::{Config, Node, SpecTier},
    token_utils::{check_destination, mint_decimals, no_remaining_accounts, pay_out},
};

#[derive(Accounts)]
pub struct WithdrawUnstaked<'info> {
    pub operator: Signer<'info>,

    #[account(
        has_one = stake_mint @ StakingError::MintMismatch,
    )]
    pub config: Box<Account<'info, Config>>,

    #[account(
        constraint = spec_tier.tier_id == node.spec_tier @ StakingError::TierMismatch,
    )]
    pub spec_tier: Box<Account<'info, SpecTier>>,

    #[account(
        mut,
        has_one = operator @ StakingError::NotNodeOperator,
        has_one = vault @ StakingError::VaultMismatch,
    )]
    pub node: Box<Account<'info, Node>>,

    /// CHECK: the node's vault (`has_one = vault` on the node); the token
    /// program checks it in the transfer.
    #[account(mut)]
    pub vault: UncheckedAccount<'info>,

    /// CHECK: where the unbonded stake goes, any token account of the stake
    /// mint (`check_destination` in the handler: MintMismatch), not the vault.
    #[account(
        mut,
        constraint = destination.key() != vault.key() @ StakingError::DestinationIsVault,
    )]
    pub destination: UncheckedAccount<'info>,

    /// CHECK: the config's stake mint (`has_one = stake_mint`).
    pub stake_mint: UncheckedAccount<'info>,

    #[account(address = config.token_program @ StakingError::TokenProgramMismatch)]
    pub token_program: Interface<'info, TokenInterface>,
}

impl WithdrawUnstaked<'_> {
    /// Pays out the provider's matured unbonding (what a slash left of it).
    /// Allowed while paused: matured withdrawals are never blocked.
    pub fn handler(ctx: Context<Self>) -> Result<()> {
        no_remaining_accounts(ctx.remaining_accounts)?;
        check_destination(
            &ctx.accounts.destination,
            &ctx.accounts.token_program.key(),
            &ctx.accounts.stake_mint.key(),
            None,
            "destination",
        )?;
        let now = Clock::get()?.unix_timestamp;
        let amount = ctx.accounts.node.provider_unbonding;
        ensure!(amount > 0, StakingError::NothingToWithdraw);
        ensure!(
            now >= ctx.accounts.node.provider_unbonding_ready_at,
            StakingError::UnbondingNotElapsed
        );
        let required = Node::required_minimum(&ctx.accounts.config, &ctx.accounts.spec_tier);
        let node_key = ctx.accounts.node.key();
        {
            let node = &mut ctx.accounts.node;
            node.provider_unbonding = 0;
            node.provider_unbonding_ready_at = 0;
            refresh_status(node, node_key, required);
            node.invariant()?;
        }
        let a = &ctx.accounts;
        pay_out(
            &a.token_program,
            &a.vault.to_account_info(),
            &a.destination.to_account_info(),
            &a.stake_mint.to_account_info(),
            mint_decimals(&a.stake_mint)?,
            &a.node,
            amount,
        )?;
        emit!(UnstakeWithdrawn {
            node: node_key,
            amount,
        });
        Ok(())
    }
}
