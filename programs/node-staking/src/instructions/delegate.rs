//! delegate: tokens for shares of the node's pool. Delegations are pool shares,
//! so slashes and rewards cost O(1) whatever the number of delegators.
use anchor_lang::prelude::*;
use anchor_spl::token_interface::TokenInterface;

use super::stake::refresh_status;
use crate::{
    constants::*,
    errors::StakingError,
    events::Delegated,
    math,
    state::{Config, Delegation, Node, NodeStatus, SpecTier},
    token_utils::{deposit, mint_decimals, no_remaining_accounts, token_account_mint},
};

#[derive(Accounts)]
pub struct Delegate<'info> {
    #[account(mut)]
    pub delegator: Signer<'info>,

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
        has_one = vault @ StakingError::VaultMismatch,
    )]
    pub node: Box<Account<'info, Node>>,

    /// CHECK: the delegation of this node and delegator. Created by the
    /// handler on the first delegation, at the canonical PDA
    /// `[DELEGATION_SEED, node, delegator]` (checked there, `ConstraintSeeds`);
    /// afterwards loaded by the handler: owner (this program), discriminator
    /// (`try_deserialize`) and its stored `node` and `delegator`
    /// (`DelegationMismatch`), which only the PDA of those seeds can hold.
    #[account(mut)]
    pub delegation: UncheckedAccount<'info>,

    /// CHECK: the node's vault (`has_one = vault` on the node); the token
    /// program checks it in the transfer.
    #[account(mut)]
    pub vault: UncheckedAccount<'info>,

    /// CHECK: the delegator's tokens: a token account of the stake mint
    /// (`token_account_mint`); the token program checks the delegator owns them.
    #[account(
        mut,
        constraint = token_account_mint(&delegator_tokens, &config.token_program)
            == Some(config.stake_mint) @ StakingError::MintMismatch,
    )]
    pub delegator_tokens: UncheckedAccount<'info>,

    /// CHECK: the config's stake mint (`has_one = stake_mint`).
    pub stake_mint: UncheckedAccount<'info>,

    #[account(address = config.token_program @ StakingError::TokenProgramMismatch)]
    pub token_program: Interface<'info, TokenInterface>,
    pub system_program: Program<'info, System>,
}

/// The delegation account: loaded if it exists (owner, discriminator, and
/// the stored node and delegator), otherwise created at the canonical PDA of
/// `[DELEGATION_SEED, node, delegator]` (paid by the delegator).
fn load_or_create_delegation(
    a: &Delegate,
    node_key: Pubkey,
    delegator: Pubkey,
    node: &Node,
) -> Result<Delegation> {
    let info = a.delegation.to_account_info();
    if info.owner == &crate::ID {
        let delegation = Delegation::try_deserialize(&mut &info.try_borrow_data()?[..])?;
        ensure!(
            delegation.node == node_key && delegation.delegator == delegator,
            StakingError::DelegationMismatch
        );
        return Ok(delegation);
    }
    if info.owner != &anchor_lang::system_program::ID {
        return Err(
            named_error!(ErrorCode::AccountOwnedByWrongProgram).with_account_name("delegation")
        );
    }
    let seeds: &[&[u8]] = &[DELEGATION_SEED, node_key.as_ref(), delegator.as_ref()];
    let bump = crate::pda::expect_canonical(&info, seeds, "delegation")?;
    crate::pda::create_account(
        &a.delegator.to_account_info(),
        &info,
        &a.system_program.to_account_info(),
        &[seeds[0], seeds[1], seeds[2], &[bump]],
        8 + Delegation::INIT_SPACE,
        &crate::ID,
    )?;
    Ok(Delegation::fresh(node_key, delegator, node, bump))
}

impl Delegate<'_> {
    fn validate(&self, amount: u64) -> Result<()> {
        self.config.check_not_paused()?;
        ensure!(amount > 0, StakingError::ZeroAmount);
        ensure!(
            amount >= self.config.min_delegation,
            StakingError::BelowMinimumDelegation
        );
        require_keys_neq!(
            self.delegator.key(),
            self.node.operator,
            StakingError::SelfDelegation
        );
        Ok(())
    }

    /// Buys pool shares for `amount` tokens (rounded down), within the tier
    /// cap and delegated-share limit. The node's status is first brought up
    /// to date with its stake and the current minimums; only an Active node
    /// takes delegations.
    pub fn handler(ctx: Context<Self>, amount: u64) -> Result<()> {
        no_remaining_accounts(ctx.remaining_accounts)?;
        ctx.accounts.validate(amount)?;
        let required = Node::required_minimum(&ctx.accounts.config, &ctx.accounts.spec_tier);
        let node_key = ctx.accounts.node.key();
        let delegator = ctx.accounts.delegator.key();
        let shares;
        let mut loaded =
            load_or_create_delegation(ctx.accounts, node_key, delegator, &ctx.accounts.node)?;
        {
            let node = &mut ctx.accounts.node;
            refresh_status(node, node_key, required);
            match node.status {
                NodeStatus::Active => {}
                NodeStatus::Jailed => return named_err!(StakingError::NodeJailed),
                _ => return named_err!(StakingError::NodeNotActive),
            }
            ensure!(!node.pool_closed(), StakingError::PoolWipedOut);
            let delegation = &mut loaded;
            // One left by a closed node at this address holds nothing
            // (close_node requires it): it starts again.
            if delegation.node_incarnation != node.incarnation {
                let bump = delegation.bump;
                delegation.reset_for(node_key, delegator, node, bump);
            }
            delegation.settle(node)?;
            shares = math::shares_for_deposit(amount, node.pool_tokens, node.pool_shares)?;
            ensure!(shares > 0, StakingError::NodeInvariantViolated);
            node.pool_tokens = math::add(node.pool_tokens, amount)?;
            node.pool_shares = math::add(node.pool_shares, shares)?;
            node.check_delegation_inflow(&ctx.accounts.spec_tier)?;
            delegation.shares = math::add(delegation.shares, shares)?;
            node.invariant()?;
            let info = ctx.accounts.delegation.to_account_info();
            delegation.try_serialize(&mut &mut info.try_borrow_mut_data()?[..])?;
        }
        let a = &ctx.accounts;
        deposit(
            &a.token_program,
            &a.delegator_tokens.to_account_info(),
            &a.vault.to_account_info(),
            &a.stake_mint.to_account_info(),
            mint_decimals(&a.stake_mint)?,
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
