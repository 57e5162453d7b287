//! Delegation: delegate, undelegate (starts unbonding), withdraw_undelegated,
//! claim_rewards. Delegations are shares of the node's pool, so slashes and
//! rewards cost O(1) whatever the number of delegators.
use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, TokenAccount, TokenInterface};

use crate::{
    constants::*,
    errors::StakingError,
    events::{Delegated, RewardsClaimed, Undelegated, UndelegationWithdrawn},
    math,
    state::{Config, Delegation, Node, NodeStatus, SpecTier},
    token_utils::{deposit, no_remaining_accounts, pay_out},
};

#[derive(Accounts)]
pub struct Delegate<'info> {
    #[account(mut)]
    pub delegator: Signer<'info>,

    #[account(
        seeds = [CONFIG_SEED],
        bump = config.bump,
        has_one = stake_mint @ StakingError::MintMismatch,
    )]
    pub config: Box<Account<'info, Config>>,

    #[account(
        seeds = [SPEC_TIER_SEED, &node.spec_tier.to_le_bytes()],
        bump = spec_tier.bump,
    )]
    pub spec_tier: Box<Account<'info, SpecTier>>,

    #[account(
        mut,
        seeds = [NODE_SEED, node.operator.as_ref(), &node.node_id.to_le_bytes()],
        bump = node.bump,
        has_one = vault @ StakingError::VaultMismatch,
    )]
    pub node: Box<Account<'info, Node>>,

    /// Created on the first delegation; its seeds bind it to this node and delegator.
    #[account(
        init_if_needed,
        payer = delegator,
        space = 8 + Delegation::INIT_SPACE,
        seeds = [DELEGATION_SEED, node.key().as_ref(), delegator.key().as_ref()],
        bump,
    )]
    pub delegation: Box<Account<'info, Delegation>>,

    #[account(mut)]
    pub vault: Box<InterfaceAccount<'info, TokenAccount>>,

    #[account(
        mut,
        constraint = delegator_tokens.mint == stake_mint.key() @ StakingError::MintMismatch,
    )]
    pub delegator_tokens: Box<InterfaceAccount<'info, TokenAccount>>,

    pub stake_mint: Box<InterfaceAccount<'info, Mint>>,

    #[account(address = config.token_program @ StakingError::TokenProgramMismatch)]
    pub token_program: Interface<'info, TokenInterface>,
    pub system_program: Program<'info, System>,
}

impl Delegate<'_> {
    fn validate(&self, amount: u64) -> Result<()> {
        self.config.check_not_paused()?;
        require!(amount > 0, StakingError::ZeroAmount);
        require!(
            amount >= self.config.min_delegation,
            StakingError::BelowMinimumDelegation
        );
        require_keys_neq!(
            self.delegator.key(),
            self.node.operator,
            StakingError::SelfDelegation
        );
        match self.node.status {
            NodeStatus::Active => Ok(()),
            NodeStatus::Jailed => err!(StakingError::NodeJailed),
            _ => err!(StakingError::NodeNotActive),
        }
    }

    /// Buys pool shares for `amount` tokens (rounded down), within the tier
    /// cap and delegated-share limit.
    pub fn handler(ctx: Context<Self>, amount: u64) -> Result<()> {
        no_remaining_accounts(ctx.remaining_accounts)?;
        ctx.accounts.validate(amount)?;
        let node_key = ctx.accounts.node.key();
        let delegator = ctx.accounts.delegator.key();
        let shares;
        {
            let node = &mut ctx.accounts.node;
            let delegation = &mut ctx.accounts.delegation;
            if delegation.node == Pubkey::default() {
                delegation.node = node_key;
                delegation.delegator = delegator;
                delegation.bump = ctx.bumps.delegation;
            }
            delegation.settle(node)?;
            shares = math::shares_for_deposit(amount, node.pool_tokens, node.pool_shares)?;
            require!(shares > 0, StakingError::DepositTooSmall);
            node.pool_tokens = math::add(node.pool_tokens, amount)?;
            node.pool_shares = math::add(node.pool_shares, shares)?;
            node.check_inflow(&ctx.accounts.spec_tier)?;
            delegation.shares = math::add(delegation.shares, shares)?;
            delegation.rebase(node)?;
            node.invariant()?;
        }
        let a = &ctx.accounts;
        deposit(
            &a.token_program,
            &a.delegator_tokens,
            &a.vault,
            &a.stake_mint,
            &a.delegator,
            amount,
        )?;
        emit!(Delegated {
            node: node_key,
            delegator,
            amount,
            shares,
        });
        Ok(())
    }
}

#[derive(Accounts)]
pub struct Undelegate<'info> {
    pub delegator: Signer<'info>,

    #[account(seeds = [CONFIG_SEED], bump = config.bump)]
    pub config: Box<Account<'info, Config>>,

    #[account(
        mut,
        seeds = [NODE_SEED, node.operator.as_ref(), &node.node_id.to_le_bytes()],
        bump = node.bump,
    )]
    pub node: Box<Account<'info, Node>>,

    #[account(
        mut,
        seeds = [DELEGATION_SEED, node.key().as_ref(), delegator.key().as_ref()],
        bump = delegation.bump,
        has_one = delegator @ StakingError::DelegationMismatch,
        has_one = node @ StakingError::DelegationMismatch,
    )]
    pub delegation: Box<Account<'info, Delegation>>,
}

impl Undelegate<'_> {
    /// Sells `shares` of the active pool (tokens rounded down) into the
    /// unbonding pool, where they stay slashable until withdrawn. A new
    /// request adds to the pending one and restarts its clock.
    pub fn handler(ctx: Context<Self>, shares: u64) -> Result<()> {
        no_remaining_accounts(ctx.remaining_accounts)?;
        ctx.accounts.config.check_not_paused()?;
        require!(shares > 0, StakingError::ZeroAmount);
        require!(
            shares <= ctx.accounts.delegation.shares,
            StakingError::InsufficientShares
        );
        let now = Clock::get()?.unix_timestamp;
        let ready_at = now
            .checked_add(i64::from(ctx.accounts.config.unbonding_seconds))
            .ok_or(StakingError::MathOverflow)?;
        let node_key = ctx.accounts.node.key();
        let node = &mut ctx.accounts.node;
        let delegation = &mut ctx.accounts.delegation;
        delegation.settle(node)?;
        let tokens = math::tokens_for_shares(shares, node.pool_tokens, node.pool_shares)?;
        node.pool_tokens = math::sub(node.pool_tokens, tokens)?;
        node.pool_shares = math::sub(node.pool_shares, shares)?;
        delegation.shares = math::sub(delegation.shares, shares)?;
        delegation.rebase(node)?;
        if tokens > 0 {
            let ushares =
                math::shares_for_deposit(tokens, node.unbonding_tokens, node.unbonding_shares)?;
            node.unbonding_tokens = math::add(node.unbonding_tokens, tokens)?;
            node.unbonding_shares = math::add(node.unbonding_shares, ushares)?;
            delegation.unbonding_shares = math::add(delegation.unbonding_shares, ushares)?;
            delegation.unbonding_ready_at = ready_at;
        }
        node.invariant()?;
        emit!(Undelegated {
            node: node_key,
            delegator: delegation.delegator,
            shares,
            amount: tokens,
            ready_at,
        });
        Ok(())
    }
}

#[derive(Accounts)]
pub struct DelegatorPayout<'info> {
    pub delegator: Signer<'info>,

    #[account(
        seeds = [CONFIG_SEED],
        bump = config.bump,
        has_one = stake_mint @ StakingError::MintMismatch,
    )]
    pub config: Box<Account<'info, Config>>,

    #[account(
        mut,
        seeds = [NODE_SEED, node.operator.as_ref(), &node.node_id.to_le_bytes()],
        bump = node.bump,
        has_one = vault @ StakingError::VaultMismatch,
    )]
    pub node: Box<Account<'info, Node>>,

    #[account(
        mut,
        seeds = [DELEGATION_SEED, node.key().as_ref(), delegator.key().as_ref()],
        bump = delegation.bump,
        has_one = delegator @ StakingError::DelegationMismatch,
        has_one = node @ StakingError::DelegationMismatch,
    )]
    pub delegation: Box<Account<'info, Delegation>>,

    #[account(mut)]
    pub vault: Box<InterfaceAccount<'info, TokenAccount>>,

    /// Where the tokens go (any token account of the stake mint).
    #[account(
        mut,
        constraint = destination.mint == stake_mint.key() @ StakingError::MintMismatch,
        constraint = destination.key() != vault.key() @ StakingError::DestinationIsVault,
    )]
    pub destination: Box<InterfaceAccount<'info, TokenAccount>>,

    pub stake_mint: Box<InterfaceAccount<'info, Mint>>,

    #[account(address = config.token_program @ StakingError::TokenProgramMismatch)]
    pub token_program: Interface<'info, TokenInterface>,
}

impl DelegatorPayout<'_> {
    /// Pays out the delegator's matured unbonding shares at the unbonding
    /// pool's current (post-slash) rate, rounded down. Allowed while paused.
    pub fn withdraw_undelegated(ctx: Context<Self>) -> Result<()> {
        no_remaining_accounts(ctx.remaining_accounts)?;
        let now = Clock::get()?.unix_timestamp;
        let node_key = ctx.accounts.node.key();
        let amount;
        {
            let node = &mut ctx.accounts.node;
            let delegation = &mut ctx.accounts.delegation;
            let ushares = delegation.unbonding_shares;
            require!(ushares > 0, StakingError::NothingToWithdraw);
            require!(
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
            &a.vault,
            &a.destination.to_account_info(),
            &a.stake_mint,
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
        ctx.accounts.config.check_not_paused()?;
        let node_key = ctx.accounts.node.key();
        let amount;
        {
            let node = &mut ctx.accounts.node;
            let delegation = &mut ctx.accounts.delegation;
            delegation.settle(node)?;
            amount = delegation.pending_rewards;
            require!(amount > 0, StakingError::NothingToClaim);
            delegation.pending_rewards = 0;
            node.reward_reserve = math::sub(node.reward_reserve, amount)?;
            node.invariant()?;
        }
        let a = &ctx.accounts;
        pay_out(
            &a.token_program,
            &a.vault,
            &a.destination.to_account_info(),
            &a.stake_mint,
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
