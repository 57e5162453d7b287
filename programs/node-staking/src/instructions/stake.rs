//! stake: the operator adds provider stake; the node becomes Active at the minimum.
use anchor_lang::prelude::*;
use anchor_spl::token_interface::TokenInterface;

use crate::{
    errors::StakingError,
    events::{NodeStatusChanged, Staked},
    math,
    state::{Config, Node, NodeStatus, SpecTier},
    token_utils::{deposit, mint_decimals, no_remaining_accounts, token_account_mint},
};

/// Recomputes the node's status and emits the change, if any.
pub fn refresh_status(node: &mut Node, node_key: Pubkey, required_minimum: u64) {
    let old = node.status;
    node.refresh_status(required_minimum);
    emit_status_change(node_key, old, node.status);
}

/// Emits `NodeStatusChanged` if the status moved: one event per
/// instruction, for the net change (slash and credit_rewards refresh and
/// may then jail before they report).
pub fn emit_status_change(node_key: Pubkey, old: NodeStatus, new: NodeStatus) {
    if new != old {
        emit!(NodeStatusChanged {
            node: node_key,
            old,
            new,
        });
    }
}

#[derive(Accounts)]
pub struct Stake<'info> {
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

    /// CHECK: the operator's tokens: a token account of the stake mint
    /// (`token_account_mint`); the token program checks the operator owns them.
    #[account(
        mut,
        constraint = token_account_mint(&operator_tokens, &config.token_program)
            == Some(config.stake_mint) @ StakingError::MintMismatch,
    )]
    pub operator_tokens: UncheckedAccount<'info>,

    /// CHECK: the config's stake mint (`has_one = stake_mint`).
    pub stake_mint: UncheckedAccount<'info>,

    #[account(address = config.token_program @ StakingError::TokenProgramMismatch)]
    pub token_program: Interface<'info, TokenInterface>,
}

impl Stake<'_> {
    fn validate(&self, amount: u64) -> Result<()> {
        self.config.check_not_paused()?;
        ensure!(amount > 0, StakingError::ZeroAmount);
        ensure!(
            self.node.status != NodeStatus::Jailed,
            StakingError::NodeJailed
        );
        Ok(())
    }

    /// Adds provider stake. The node becomes Active once the provider stake
    /// reaches max(global, tier) minimum; any inflow above the tier cap fails.
    /// Only the cap applies: more provider stake lowers the delegated share,
    /// so the share limit cannot refuse a top-up.
    pub fn handler(ctx: Context<Self>, amount: u64) -> Result<()> {
        no_remaining_accounts(ctx.remaining_accounts)?;
        ctx.accounts.validate(amount)?;
        let required = Node::required_minimum(&ctx.accounts.config, &ctx.accounts.spec_tier);
        let node_key = ctx.accounts.node.key();
        {
            let node = &mut ctx.accounts.node;
            node.provider_stake = math::add(node.provider_stake, amount)?;
            node.check_cap(&ctx.accounts.spec_tier)?;
            refresh_status(node, node_key, required);
            node.invariant()?;
        }
        let a = &ctx.accounts;
        deposit(
            &a.token_program,
            &a.operator_tokens,
            &a.vault,
            &a.stake_mint,
            mint_decimals(&a.stake_mint)?,
            &a.operator,
            amount,
        )?;
        emit!(Staked {
            node: node_key,
            amount,
            provider_stake: ctx.accounts.node.provider_stake,
        });
        Ok(())
    }
}
