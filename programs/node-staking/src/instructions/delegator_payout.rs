//! withdraw_undelegated and claim_rewards: the delegator's two payouts, which
//! take the same accounts.
use anchor_lang::prelude::*;
use anchor_spl::token_interface::TokenInterface;

use crate::{
    errors::StakingError,
    events::{RewardsClaimed, UndelegationWithdrawn},
    math,
    state::{Config, Delegation, Node},
    token_utils::{check_destination, mint_decimals, no_remaining_accounts, pay_out},
};

#[derive(Accounts)]
pub struct DelegatorPayout<'info> {
    /// The delegator, or anyone paying out to a token account the delegator
    /// owns (so an operator winding a node down need not wait for them).
    pub signer: Signer<'info>,

    /// CHECK: the delegation's owner; bound to it by the delegation's
    /// `has_one = delegator`.
    pub delegator: UncheckedAccount<'info>,

    #[account(
        has_one = stake_mint @ StakingError::MintMismatch,
    )]
    pub config: Box<Account<'info, Config>>,

    #[account(
        mut,
        has_one = vault @ StakingError::VaultMismatch,
    )]
    pub node: Box<Account<'info, Node>>,

    #[account(
        mut,
        has_one = node @ StakingError::DelegationMismatch,
        has_one = delegator @ StakingError::DelegationMismatch,
    )]
    pub delegation: Box<Account<'info, Delegation>>,

    /// CHECK: the node's vault (`has_one = vault` on the node); the token
    /// program checks it in the transfer.
    #[account(mut)]
    pub vault: UncheckedAccount<'info>,

    /// CHECK: where the tokens go: any token account of the stake mint when
    /// the delegator signs, else one the delegator owns
    /// (`check_destination`: MintMismatch, DestinationNotOwned), not the vault.
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

impl DelegatorPayout<'_> {
    /// The destination holds the stake mint, and is the delegator's unless
    /// the delegator signs.
    fn check_destination(&self) -> Result<()> {
        let delegator = self.delegator.key();
        check_destination(
            &self.destination,
            &self.token_program.key(),
            &self.stake_mint.key(),
            (self.signer.key() != delegator).then_some(&delegator),
            "destination",
        )
    }

    /// Pays out the delegator's matured unbonding shares at the unbonding
    /// pool's current (post-slash) rate, rounded down. Allowed while paused.
    pub fn withdraw_undelegated(ctx: Context<Self>) -> Result<()> {
        no_remaining_accounts(ctx.remaining_accounts)?;
        ctx.accounts.check_destination()?;
        let now = Clock::get()?.unix_timestamp;
        let node_key = ctx.accounts.node.key();
        let amount;
        {
            let node = &mut ctx.accounts.node;
            let delegation = &mut ctx.accounts.delegation;
            ensure!(
                delegation.node_incarnation == node.incarnation,
                StakingError::NothingToWithdraw
            );
            // Drops unbonding shares of a wiped generation (worth nothing).
            delegation.settle(node)?;
            let ushares = delegation.unbonding_shares;
            ensure!(ushares > 0, StakingError::NothingToWithdraw);
            ensure!(
                now >= delegation.unbonding_ready_at,
                StakingError::UnbondingNotElapsed
            );
            amount =
                math::tokens_for_shares(ushares, node.unbonding_tokens, node.unbonding_shares)?;
            node.unbonding_tokens = math::sub(node.unbonding_tokens, amount)?;
            node.unbonding_shares = math::sub(node.unbonding_shares, ushares)?;
            delegation.unbonding_shares = 0;
            delegation.unbonding_ready_at = 0;
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
        emit!(UndelegationWithdrawn {
            node: node_key,
            delegator: a.delegator.key(),
            amount,
        });
        Ok(())
    }

    /// Pays the delegator's settled rewards.
    pub fn claim_rewards(ctx: Context<Self>) -> Result<()> {
        no_remaining_accounts(ctx.remaining_accounts)?;
        // Account checks first, as Anchor's constraints ran before the body.
        ctx.accounts.check_destination()?;
        ctx.accounts.config.check_not_paused()?;
        let node_key = ctx.accounts.node.key();
        let amount;
        {
            let node = &mut ctx.accounts.node;
            let delegation = &mut ctx.accounts.delegation;
            ensure!(
                delegation.node_incarnation == node.incarnation,
                StakingError::NothingToClaim
            );
            delegation.settle(node)?;
            ensure!(delegation.pending_rewards > 0, StakingError::NothingToClaim);
            amount = delegation.take_pending_rewards(node)?;
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
            claimant: a.delegator.key(),
            amount,
            operator: false,
        });
        Ok(())
    }
}
