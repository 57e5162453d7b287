//! claim_operator_rewards: the operator claims its commission.
use anchor_lang::prelude::*;
use anchor_spl::token_interface::TokenInterface;

use crate::{
    errors::StakingError,
    events::RewardsClaimed,
    math,
    state::{Config, Node},
    token_utils::{check_destination, mint_decimals, no_remaining_accounts, pay_out},
};

#[derive(Accounts)]
pub struct ClaimOperatorRewards<'info> {
    pub operator: Signer<'info>,

    #[account(
        has_one = stake_mint @ StakingError::MintMismatch,
    )]
    pub config: Box<Account<'info, Config>>,

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

    /// CHECK: where the rewards go, any token account of the stake mint
    /// (`check_destination` in the handler: MintMismatch), not the vault.
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

impl ClaimOperatorRewards<'_> {
    /// Pays the operator's rewards (own-stake share, commission and rounding dust).
    pub fn handler(ctx: Context<Self>) -> Result<()> {
        no_remaining_accounts(ctx.remaining_accounts)?;
        // Account checks first, as Anchor's constraints ran before the body.
        check_destination(
            &ctx.accounts.destination,
            &ctx.accounts.token_program.key(),
            &ctx.accounts.stake_mint.key(),
            None,
            "destination",
        )?;
        ctx.accounts.config.check_not_paused()?;
        let node_key = ctx.accounts.node.key();
        let amount = ctx.accounts.node.operator_rewards;
        ensure!(amount > 0, StakingError::NothingToClaim);
        {
            let node = &mut ctx.accounts.node;
            node.operator_rewards = 0;
            node.reward_reserve = math::sub(node.reward_reserve, amount)?;
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
        emit!(RewardsClaimed {
            node: node_key,
            claimant: a.operator.key(),
            amount,
            operator: true,
        });
        Ok(())
    }
}
