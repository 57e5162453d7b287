//! undelegate: moves shares into unbonding (still slashable).
use anchor_lang::prelude::*;

use crate::{
    errors::StakingError,
    events::Undelegated,
    math,
    state::{Config, Delegation, Node},
    token_utils::no_remaining_accounts,
};

#[derive(Accounts)]
pub struct Undelegate<'info> {
    /// The delegator; or anyone, for all of the shares, once the node's
    /// provider has no active stake left (see `validate`).
    pub signer: Signer<'info>,

    /// CHECK: the delegation's owner; bound to it by the delegation's
    /// `has_one = delegator`.
    pub delegator: UncheckedAccount<'info>,

    pub config: Box<Account<'info, Config>>,

    #[account(mut)]
    pub node: Box<Account<'info, Node>>,

    #[account(
        mut,
        has_one = node @ StakingError::DelegationMismatch,
        has_one = delegator @ StakingError::DelegationMismatch,
    )]
    pub delegation: Box<Account<'info, Delegation>>,
}

impl Undelegate<'_> {
    /// The delegator may undelegate any part. Anyone else may undelegate all
    /// of it once the node's provider has no active stake (the node is
    /// winding down or was slashed out), like the stake program's
    /// `DeactivateDelinquent`: the tokens stay the delegator's and start
    /// unbonding, so a node never waits on its delegators to close.
    fn validate(&self, shares: u64) -> Result<()> {
        self.config.check_not_paused()?;
        ensure!(shares > 0, StakingError::ZeroAmount);
        if self.signer.key() != self.delegator.key() {
            ensure!(
                self.node.provider_stake == 0 && shares == self.delegation.shares,
                StakingError::NotPermissionless
            );
        }
        Ok(())
    }

    /// Sells `shares` of the active pool (tokens rounded down) into the
    /// unbonding pool, where they stay slashable until withdrawn. A new
    /// request adds to the pending one and restarts its clock. Shares worth
    /// less than one base unit are refused unless they are all the
    /// delegation holds.
    pub fn handler(ctx: Context<Self>, shares: u64) -> Result<()> {
        no_remaining_accounts(ctx.remaining_accounts)?;
        ctx.accounts.validate(shares)?;
        let now = Clock::get()?.unix_timestamp;
        let ready_at = now
            .checked_add(i64::from(ctx.accounts.config.unbonding_seconds))
            .ok_or_else(|| named_error!(StakingError::MathOverflow))?;
        let node_key = ctx.accounts.node.key();
        let node = &mut ctx.accounts.node;
        let delegation = &mut ctx.accounts.delegation;
        ensure!(
            delegation.node_incarnation == node.incarnation,
            StakingError::InsufficientShares
        );
        delegation.settle(node)?;
        ensure!(
            shares <= delegation.shares,
            StakingError::InsufficientShares
        );
        let tokens = math::tokens_for_shares(shares, node.pool_tokens, node.pool_shares)?;
        ensure!(
            tokens > 0 || shares == delegation.shares,
            StakingError::UndelegationTooSmall
        );
        node.pool_tokens = math::sub(node.pool_tokens, tokens)?;
        node.pool_shares = math::sub(node.pool_shares, shares)?;
        delegation.shares = math::sub(delegation.shares, shares)?;
        if tokens > 0 {
            let ushares =
                math::shares_for_deposit(tokens, node.unbonding_tokens, node.unbonding_shares)?;
            ensure!(ushares > 0, StakingError::NodeInvariantViolated);
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
