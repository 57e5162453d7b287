//! Closing what is empty, so rent is never stranded: close_delegation
//! (delegator) and close_node (operator). Both are exits and run while paused.
use anchor_lang::prelude::*;
use anchor_spl::token_interface::{self, CloseAccount, Mint, TokenAccount, TokenInterface};

use crate::{
    constants::*,
    errors::StakingError,
    events::{DelegationClosed, NodeClosed},
    state::{Config, Delegation, Node, NodeStatus},
    token_utils::{no_remaining_accounts, pay_out},
};

#[derive(Accounts)]
pub struct CloseDelegation<'info> {
    /// Receives the delegation's rent.
    #[account(mut)]
    pub delegator: Signer<'info>,

    #[account(
        seeds = [NODE_SEED, node.operator.as_ref(), &node.node_id.to_le_bytes()],
        bump = node.bump,
    )]
    pub node: Box<Account<'info, Node>>,

    #[account(
        mut,
        close = delegator,
        seeds = [DELEGATION_SEED, node.key().as_ref(), delegator.key().as_ref()],
        bump = delegation.bump,
        has_one = delegator @ StakingError::DelegationMismatch,
        has_one = node @ StakingError::DelegationMismatch,
    )]
    pub delegation: Box<Account<'info, Delegation>>,
}

impl CloseDelegation<'_> {
    /// Only an empty delegation closes: no active or unbonding shares and no
    /// rewards left to claim (a delegation without shares accrues nothing).
    fn validate(&self) -> Result<()> {
        let d = &self.delegation;
        require!(
            d.shares == 0 && d.unbonding_shares == 0 && d.pending_rewards == 0,
            StakingError::DelegationNotEmpty
        );
        Ok(())
    }

    pub fn handler(ctx: Context<Self>) -> Result<()> {
        no_remaining_accounts(ctx.remaining_accounts)?;
        ctx.accounts.validate()?;
        emit!(DelegationClosed {
            node: ctx.accounts.node.key(),
            delegator: ctx.accounts.delegator.key(),
        });
        Ok(())
    }
}

#[derive(Accounts)]
pub struct CloseNode<'info> {
    /// Receives the rent of the node and of its vault.
    #[account(mut)]
    pub operator: Signer<'info>,

    #[account(
        seeds = [CONFIG_SEED],
        bump = config.bump,
        has_one = stake_mint @ StakingError::MintMismatch,
        has_one = treasury @ StakingError::WrongTreasury,
    )]
    pub config: Box<Account<'info, Config>>,

    #[account(
        mut,
        close = operator,
        seeds = [NODE_SEED, node.operator.as_ref(), &node.node_id.to_le_bytes()],
        bump = node.bump,
        has_one = operator @ StakingError::NotNodeOperator,
        has_one = vault @ StakingError::VaultMismatch,
    )]
    pub node: Box<Account<'info, Node>>,

    #[account(mut)]
    pub vault: Box<InterfaceAccount<'info, TokenAccount>>,

    /// Receives tokens in the vault that no balance accounts for (donations,
    /// rounding remainders); checked against the config.
    #[account(mut)]
    pub treasury: Box<InterfaceAccount<'info, TokenAccount>>,

    pub stake_mint: Box<InterfaceAccount<'info, Mint>>,

    #[account(address = config.token_program @ StakingError::TokenProgramMismatch)]
    pub token_program: Interface<'info, TokenInterface>,
}

impl CloseNode<'_> {
    /// A node closes only when it owes nothing to anyone: no provider stake
    /// or unbonding, no delegated or unbonding pool shares, no unclaimed
    /// rewards, no running rentals. A jailed node stays on record until the
    /// admin unjails it.
    fn validate(&self) -> Result<()> {
        let n = &self.node;
        require!(n.status != NodeStatus::Jailed, StakingError::NodeJailed);
        require!(
            n.provider_stake == 0
                && n.provider_unbonding == 0
                && n.pool_shares == 0
                && n.pool_tokens == 0
                && n.unbonding_shares == 0
                && n.unbonding_tokens == 0
                && n.reward_reserve == 0
                && n.active_rentals == 0,
            StakingError::NodeNotEmpty
        );
        Ok(())
    }

    pub fn handler(ctx: Context<Self>) -> Result<()> {
        no_remaining_accounts(ctx.remaining_accounts)?;
        ctx.accounts.validate()?;
        let a = &ctx.accounts;
        let swept = a.vault.amount;
        pay_out(
            &a.token_program,
            &a.vault,
            &a.treasury.to_account_info(),
            &a.stake_mint,
            &a.node,
            swept,
        )?;
        let (node_id, bump) = a.node.signer_seeds_parts();
        let seeds: &[&[u8]] = &[NODE_SEED, a.node.operator.as_ref(), &node_id, &bump];
        token_interface::close_account(CpiContext::new_with_signer(
            a.token_program.to_account_info(),
            CloseAccount {
                account: a.vault.to_account_info(),
                destination: a.operator.to_account_info(),
                authority: a.node.to_account_info(),
            },
            &[seeds],
        ))?;
        emit!(NodeClosed {
            node: a.node.key(),
            operator: a.operator.key(),
            swept_to_treasury: swept,
        });
        Ok(())
    }
}
