use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, TokenAccount, TokenInterface};

use crate::{
    constants::*,
    errors::StakingError,
    events::NodeRegistered,
    state::{Config, Node, NodeStatus, QosAddon, Region, SpecTier},
    token_utils::no_remaining_accounts,
};

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug)]
pub struct RegisterNodeArgs {
    /// Operator-chosen id, unique per operator.
    pub node_id: u64,
    /// 1 ..= 1024.
    pub gpu_count: u16,
    pub region: Region,
    /// Micro-USD per hour (> 0).
    pub price_micro_usd_per_hour: u64,
    /// Up to 4 priced QoS add-ons with distinct non-zero ids.
    pub qos_addons: Vec<QosAddon>,
    /// Operator's share of delegator rewards, basis points (≤ 10 000).
    pub commission_bps: u16,
}

#[derive(Accounts)]
#[instruction(args: RegisterNodeArgs)]
pub struct RegisterNode<'info> {
    #[account(mut)]
    pub operator: Signer<'info>,

    /// Counts registrations (the node's `incarnation`).
    #[account(
        mut,
        has_one = stake_mint @ StakingError::MintMismatch,
    )]
    pub config: Box<Account<'info, Config>>,

    #[account()]
    pub spec_tier: Box<Account<'info, SpecTier>>,

    #[account(
        init,
        payer = operator,
        space = 8 + Node::INIT_SPACE,
        seeds = [NODE_SEED, operator.key().as_ref(), &args.node_id.to_le_bytes()],
        bump,
    )]
    pub node: Box<Account<'info, Node>>,

    /// The node's vault, owned by the node PDA.
    #[account(
        init,
        payer = operator,
        seeds = [VAULT_SEED, node.key().as_ref()],
        bump,
        token::mint = stake_mint,
        token::authority = node,
        token::token_program = token_program,
    )]
    pub vault: Box<InterfaceAccount<'info, TokenAccount>>,

    pub stake_mint: Box<InterfaceAccount<'info, Mint>>,

    #[account(address = config.token_program @ StakingError::TokenProgramMismatch)]
    pub token_program: Interface<'info, TokenInterface>,
    pub system_program: Program<'info, System>,
}

/// Checks a QoS add-on list and lays it out in the fixed-size array.
pub fn encode_addons(addons: &[QosAddon]) -> Result<[QosAddon; MAX_QOS_ADDONS as usize]> {
    require!(
        addons.len() <= MAX_QOS_ADDONS as usize,
        StakingError::TooManyQosAddons
    );
    let mut out = [QosAddon::default(); MAX_QOS_ADDONS as usize];
    for (i, addon) in addons.iter().enumerate() {
        require!(
            addon.id != 0 && addon.price_micro_usd_per_hour > 0,
            StakingError::InvalidPrice
        );
        require!(
            !addons[..i].iter().any(|a| a.id == addon.id),
            StakingError::DuplicateQosAddon
        );
        out[i] = *addon;
    }
    Ok(out)
}

impl RegisterNode<'_> {
    fn validate(&self, args: &RegisterNodeArgs) -> Result<()> {
        self.config.check_not_paused()?;
        require!(self.spec_tier.active, StakingError::TierInactive);
        require!(
            args.gpu_count >= 1 && args.gpu_count <= 1024,
            StakingError::InvalidGpuCount
        );
        require!(
            args.price_micro_usd_per_hour > 0,
            StakingError::InvalidPrice
        );
        require!(args.commission_bps <= BPS, StakingError::InvalidCommission);
        Ok(())
    }

    pub fn handler(ctx: Context<Self>, args: RegisterNodeArgs) -> Result<()> {
        no_remaining_accounts(ctx.remaining_accounts)?;
        ctx.accounts.validate(&args)?;
        let qos_addons = encode_addons(&args.qos_addons)?;
        let now = Clock::get()?.unix_timestamp;
        let node_key = ctx.accounts.node.key();
        let vault = ctx.accounts.vault.key();
        let config = &mut ctx.accounts.config;
        // The current epoch may still be credited.
        let rewarded_until = config.epoch_start(config.epoch_at(now))?;
        config.nodes_registered = config
            .nodes_registered
            .checked_add(1)
            .ok_or(StakingError::MathOverflow)?;
        let incarnation = config.nodes_registered;
        let node = &mut ctx.accounts.node;
        node.set_inner(Node {
            operator: ctx.accounts.operator.key(),
            node_id: args.node_id,
            vault,
            spec_tier: ctx.accounts.spec_tier.tier_id,
            gpu_count: args.gpu_count,
            region: args.region,
            status: NodeStatus::Pending,
            price_micro_usd_per_hour: args.price_micro_usd_per_hour,
            qos_addons,
            commission_bps: args.commission_bps,
            pending_commission_bps: args.commission_bps,
            commission_effective_at: 0,
            active_rentals: 0,
            consecutive_low_epochs: 0,
            rewarded_until,
            provider_stake: 0,
            provider_unbonding: 0,
            provider_unbonding_ready_at: 0,
            pool_tokens: 0,
            pool_shares: 0,
            pool_generation: 0,
            unbonding_tokens: 0,
            unbonding_shares: 0,
            unbonding_generation: 0,
            acc_reward_per_share: 0,
            wiped_acc: [0; MAX_POOL_WIPES],
            stale_pool_shares: 0,
            reward_remainder: 0,
            delegator_rewards_owed: 0,
            delegator_pending: 0,
            reward_reserve: 0,
            operator_rewards: 0,
            total_slashed: 0,
            registered_at: now,
            incarnation,
            bump: ctx.bumps.node,
            vault_bump: ctx.bumps.vault,
            reserved: [0; 64],
        });
        node.invariant()?;
        emit!(NodeRegistered {
            node: node_key,
            operator: node.operator,
            node_id: args.node_id,
            spec_tier: node.spec_tier,
            gpu_count: args.gpu_count,
            region: args.region,
            price_micro_usd_per_hour: args.price_micro_usd_per_hour,
            commission_bps: args.commission_bps,
        });
        Ok(())
    }
}
