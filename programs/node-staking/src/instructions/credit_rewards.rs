//! credit_rewards: the reward authority credits and funds a node's epoch by
//! attested uptime ("supply-maintenance" rewards).
use anchor_lang::prelude::*;
use anchor_spl::token_interface::TokenInterface;

use super::stake::emit_status_change;
use crate::{
    constants::*,
    errors::StakingError,
    events::RewardsCredited,
    math,
    state::{Config, Node, NodeStatus, SpecTier},
    token_utils::{deposit, mint_decimals, no_remaining_accounts, token_account_mint},
};

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug)]
pub struct CreditRewardsArgs {
    /// Protocol epoch (unix_timestamp / epoch_seconds) being credited; must be
    /// past every epoch already credited and not in the future.
    pub epoch: u64,
    /// Attested uptime in basis points (≤ 10 000).
    pub uptime_bps: u16,
    /// Base units funded from `source` (ignored for a low epoch).
    pub amount: u64,
}

#[derive(Accounts)]
pub struct CreditRewards<'info> {
    pub reward_authority: Signer<'info>,

    #[account(
        has_one = reward_authority @ StakingError::Unauthorized,
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

    /// CHECK: the node's vault (`has_one = vault` on the node); the token
    /// program checks it in the transfer.
    #[account(mut)]
    pub vault: UncheckedAccount<'info>,

    /// CHECK: the reward authority's tokens that fund this credit: a token
    /// account of the stake mint (`token_account_mint`); the token program
    /// checks the reward authority owns them.
    #[account(
        mut,
        constraint = token_account_mint(&source, &config.token_program)
            == Some(config.stake_mint) @ StakingError::RewardAccountMismatch,
    )]
    pub source: UncheckedAccount<'info>,

    /// CHECK: the config's stake mint (`has_one = stake_mint`).
    pub stake_mint: UncheckedAccount<'info>,

    #[account(address = config.token_program @ StakingError::TokenProgramMismatch)]
    pub token_program: Interface<'info, TokenInterface>,
}

impl CreditRewards<'_> {
    /// Checks the arguments and the epoch; returns the epoch's start and end.
    fn validate(&self, args: &CreditRewardsArgs, now: i64) -> Result<(i64, i64)> {
        self.config.check_not_paused()?;
        ensure!(args.uptime_bps <= BPS, StakingError::InvalidUptime);
        ensure!(
            args.epoch <= self.config.epoch_at(now),
            StakingError::RewardEpochInFuture
        );
        let start = self.config.epoch_start(args.epoch)?;
        let end = start
            .checked_add(i64::from(self.config.epoch_seconds))
            .ok_or_else(|| named_error!(StakingError::MathOverflow))?;
        // Time, not epoch numbers: a changed epoch length cannot re-credit.
        ensure!(
            start >= self.node.rewarded_until,
            StakingError::RewardAlreadyCredited
        );
        Ok((start, end))
    }

    /// Applies the availability rule on-chain. Below `min_uptime_bps` the node
    /// earns nothing and a low epoch is counted (`max_low_epochs` in a row
    /// jail it; a credit that skips epochs restarts the count). Otherwise
    /// `amount` is split: the delegators' stake-weighted share (rounded
    /// down) minus the operator's commission (rounded down) is spread exactly
    /// over the pool's shares; the operator gets the rest. Only an Active
    /// node (status brought up to date first) is credited.
    pub fn handler(ctx: Context<Self>, args: CreditRewardsArgs) -> Result<()> {
        no_remaining_accounts(ctx.remaining_accounts)?;
        let now = Clock::get()?.unix_timestamp;
        let (start, end) = ctx.accounts.validate(&args, now)?;
        let required = Node::required_minimum(&ctx.accounts.config, &ctx.accounts.spec_tier);
        let node_key = ctx.accounts.node.key();
        let max_low = ctx.accounts.config.max_low_epochs;
        let low = args.uptime_bps < ctx.accounts.config.min_uptime_bps;
        let (to_operator, to_delegators, funded);
        {
            let node = &mut ctx.accounts.node;
            // One status event for the net change (a node a lowered minimum
            // made Active again and that this low epoch jails reports
            // Pending -> Jailed), as slash does (fuzz finding F-3).
            let status_before = node.status;
            node.refresh_status(required);
            match node.status {
                NodeStatus::Active => {}
                NodeStatus::Jailed => return named_err!(StakingError::NodeJailed),
                _ => return named_err!(StakingError::NodeNotActive),
            }
            let adjacent = start == node.rewarded_until;
            node.rewarded_until = end;
            node.apply_due_commission(now);
            if low {
                node.consecutive_low_epochs = if adjacent {
                    node.consecutive_low_epochs.saturating_add(1)
                } else {
                    1
                };
                if node.consecutive_low_epochs >= max_low {
                    node.status = NodeStatus::Jailed;
                }
                (to_operator, to_delegators, funded) = (0, 0, 0);
            } else {
                node.consecutive_low_epochs = 0;
                let stake = node.active_stake()?;
                // Active implies provider stake ≥ the minimum > 0.
                ensure!(stake > 0, StakingError::NodeInvariantViolated);
                let delegated_gross = math::mul_div_floor(args.amount, node.pool_tokens, stake)?;
                let commission = math::bps_of(delegated_gross, node.commission_bps)?;
                let delegators_net = math::sub(delegated_gross, commission)?;
                node.spread_delegator_rewards(delegators_net)?;
                let operator_part = math::sub(args.amount, delegators_net)?;
                node.operator_rewards = math::add(node.operator_rewards, operator_part)?;
                node.reward_reserve = math::add(node.reward_reserve, args.amount)?;
                (to_operator, to_delegators, funded) = (operator_part, delegators_net, args.amount);
            }
            node.invariant()?;
            emit_status_change(node_key, status_before, node.status);
        }
        if funded > 0 {
            let a = &ctx.accounts;
            deposit(
                &a.token_program,
                &a.source.to_account_info(),
                &a.vault.to_account_info(),
                &a.stake_mint.to_account_info(),
                mint_decimals(&a.stake_mint)?,
                &a.reward_authority,
                funded,
            )?;
        }
        emit!(RewardsCredited {
            node: node_key,
            epoch: args.epoch,
            uptime_bps: args.uptime_bps,
            amount: funded,
            to_operator,
            to_delegators,
            low_epoch: low,
        });
        Ok(())
    }
}
