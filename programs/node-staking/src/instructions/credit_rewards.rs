//! credit_rewards: the reward authority credits and funds a node's epoch by
//! attested uptime ("supply-maintenance" rewards).
use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, TokenAccount, TokenInterface};

use crate::{
    constants::*,
    errors::StakingError,
    events::{NodeStatusChanged, RewardsCredited},
    math,
    state::{Config, Node, NodeStatus},
    token_utils::{deposit, no_remaining_accounts},
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
        seeds = [CONFIG_SEED],
        bump = config.bump,
        has_one = reward_authority @ StakingError::Unauthorized,
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

    #[account(mut)]
    pub vault: Box<InterfaceAccount<'info, TokenAccount>>,

    /// The reward authority's tokens that fund this credit.
    #[account(
        mut,
        constraint = source.mint == stake_mint.key() @ StakingError::RewardAccountMismatch,
    )]
    pub source: Box<InterfaceAccount<'info, TokenAccount>>,

    pub stake_mint: Box<InterfaceAccount<'info, Mint>>,

    #[account(address = config.token_program @ StakingError::TokenProgramMismatch)]
    pub token_program: Interface<'info, TokenInterface>,
}

impl CreditRewards<'_> {
    fn validate(&self, args: &CreditRewardsArgs, now: i64) -> Result<()> {
        self.config.check_not_paused()?;
        require!(args.uptime_bps <= BPS, StakingError::InvalidUptime);
        require!(
            args.epoch <= self.config.epoch_at(now),
            StakingError::RewardEpochInFuture
        );
        require!(
            args.epoch >= self.node.next_reward_epoch,
            StakingError::RewardAlreadyCredited
        );
        match self.node.status {
            NodeStatus::Active => Ok(()),
            NodeStatus::Jailed => err!(StakingError::NodeJailed),
            _ => err!(StakingError::NodeNotActive),
        }
    }

    /// Applies the availability rule on-chain. Below `min_uptime_bps` the node
    /// earns nothing and a low epoch is counted (`max_low_epochs` in a row
    /// jail it). Otherwise `amount` is split: the delegators' stake-weighted
    /// share minus the operator's commission goes to the pool's
    /// reward-per-share accumulator (rounded down); the operator gets the rest.
    pub fn handler(ctx: Context<Self>, args: CreditRewardsArgs) -> Result<()> {
        no_remaining_accounts(ctx.remaining_accounts)?;
        let now = Clock::get()?.unix_timestamp;
        ctx.accounts.validate(&args, now)?;
        let node_key = ctx.accounts.node.key();
        let max_low = ctx.accounts.config.max_low_epochs;
        let low = args.uptime_bps < ctx.accounts.config.min_uptime_bps;
        let (to_operator, to_delegators, funded);
        {
            let node = &mut ctx.accounts.node;
            node.next_reward_epoch = args
                .epoch
                .checked_add(1)
                .ok_or(StakingError::MathOverflow)?;
            node.apply_due_commission(now);
            if low {
                node.consecutive_low_epochs = node.consecutive_low_epochs.saturating_add(1);
                if node.consecutive_low_epochs >= max_low {
                    let old = node.status;
                    node.status = NodeStatus::Jailed;
                    emit!(NodeStatusChanged {
                        node: node_key,
                        old,
                        new: NodeStatus::Jailed,
                    });
                }
                (to_operator, to_delegators, funded) = (0, 0, 0);
            } else {
                node.consecutive_low_epochs = 0;
                let stake = node.active_stake()?;
                require!(args.amount == 0 || stake > 0, StakingError::NoStakeToReward);
                let delegated_gross = if stake == 0 {
                    0
                } else {
                    math::mul_div_floor(args.amount, node.pool_tokens, stake)?
                };
                let commission = math::bps_of(delegated_gross, node.commission_bps)?;
                let delegators_net = delegated_gross - commission;
                let mut distributed = 0u64;
                if node.pool_shares > 0 && delegators_net > 0 {
                    let inc = (delegators_net as u128) * REWARD_SCALE / (node.pool_shares as u128);
                    node.acc_reward_per_share = node
                        .acc_reward_per_share
                        .checked_add(inc)
                        .ok_or(StakingError::MathOverflow)?;
                    // What the shares can actually claim; the rounding dust goes to the operator.
                    distributed = u64::try_from(inc * (node.pool_shares as u128) / REWARD_SCALE)
                        .map_err(|_| error!(StakingError::MathOverflow))?;
                }
                let operator_part = args.amount - distributed;
                node.operator_rewards = math::add(node.operator_rewards, operator_part)?;
                node.reward_reserve = math::add(node.reward_reserve, args.amount)?;
                (to_operator, to_delegators, funded) = (operator_part, distributed, args.amount);
            }
            node.invariant()?;
        }
        if funded > 0 {
            let a = &ctx.accounts;
            deposit(
                &a.token_program,
                &a.source,
                &a.vault,
                &a.stake_mint,
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
