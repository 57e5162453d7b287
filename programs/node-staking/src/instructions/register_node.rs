use anchor_lang::prelude::*;
use anchor_spl::token_interface::TokenInterface;

use crate::{
    constants::*,
    errors::StakingError,
    events::NodeRegistered,
    state::{Config, Node, NodeStatus, QosAddon, Region, SpecTier},
    token_utils::{no_remaining_accounts, token_account_space},
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
pub struct RegisterNode<'info> {
    #[account(mut)]
    pub operator: Signer<'info>,

    /// Counts registrations (the node's `incarnation`).
    #[account(
        mut,
        has_one = stake_mint @ StakingError::MintMismatch,
    )]
    pub config: Box<Account<'info, Config>>,

    /// Any tier (owner + discriminator: created only at its PDA).
    pub spec_tier: Box<Account<'info, SpecTier>>,

    /// CHECK: created by the handler at the canonical PDA
    /// `[NODE_SEED, operator, node_id]` (`ConstraintSeeds` otherwise; "already
    /// in use" if the node exists), as Anchor's `init` did.
    #[account(mut)]
    pub node: UncheckedAccount<'info>,

    /// CHECK: the node's vault, created by the handler at the canonical PDA
    /// `[VAULT_SEED, node]` and initialised as a token account of the stake
    /// mint owned by the node PDA, as Anchor's `init` with `token::` did.
    #[account(mut)]
    pub vault: UncheckedAccount<'info>,

    /// CHECK: the config's stake mint (`has_one = stake_mint`).
    pub stake_mint: UncheckedAccount<'info>,

    #[account(address = config.token_program @ StakingError::TokenProgramMismatch)]
    pub token_program: Interface<'info, TokenInterface>,
    pub system_program: Program<'info, System>,
}

/// Checks a QoS add-on list and lays it out in the fixed-size array.
pub fn encode_addons(addons: &[QosAddon]) -> Result<[QosAddon; MAX_QOS_ADDONS as usize]> {
    ensure!(
        addons.len() <= MAX_QOS_ADDONS as usize,
        StakingError::TooManyQosAddons
    );
    let mut out = [QosAddon::default(); MAX_QOS_ADDONS as usize];
    for (i, addon) in addons.iter().enumerate() {
        ensure!(
            addon.id != 0 && addon.price_micro_usd_per_hour > 0,
            StakingError::InvalidPrice
        );
        ensure!(
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
        ensure!(self.spec_tier.active, StakingError::TierInactive);
        ensure!(
            args.gpu_count >= 1 && args.gpu_count <= 1024,
            StakingError::InvalidGpuCount
        );
        ensure!(
            args.price_micro_usd_per_hour > 0,
            StakingError::InvalidPrice
        );
        ensure!(args.commission_bps <= BPS, StakingError::InvalidCommission);
        Ok(())
    }

    /// Creates the node account and its vault at their canonical PDAs
    /// (pda-bump's search, not Anchor's find_program_address); returns
    /// their bumps.
    fn create_node_and_vault(&self, node_id: u64) -> Result<(u8, u8)> {
        let payer = self.operator.to_account_info();
        let system = self.system_program.to_account_info();
        let node = self.node.to_account_info();
        let operator = self.operator.key();
        let id = node_id.to_le_bytes();
        let node_seeds: &[&[u8]] = &[NODE_SEED, operator.as_ref(), &id];
        let node_bump = crate::pda::expect_canonical(&node, node_seeds, "node")?;
        crate::pda::create_account(
            &payer,
            &node,
            &system,
            &[NODE_SEED, operator.as_ref(), &id, &[node_bump]],
            8 + Node::INIT_SPACE,
            &crate::ID,
        )?;

        let vault = self.vault.to_account_info();
        let node_key = node.key();
        let vault_seeds: &[&[u8]] = &[VAULT_SEED, node_key.as_ref()];
        let vault_bump = crate::pda::expect_canonical(&vault, vault_seeds, "vault")?;
        let mint = self.stake_mint.to_account_info();
        crate::pda::create_account(
            &payer,
            &vault,
            &system,
            &[VAULT_SEED, node_key.as_ref(), &[vault_bump]],
            token_account_space(&mint)?,
            &self.token_program.key(),
        )?;
        crate::invoke::initialize_account3(
            &self.token_program.to_account_info(),
            &vault,
            &mint,
            &node_key,
        )?;
        Ok((node_bump, vault_bump))
    }

    pub fn handler(ctx: Context<Self>, args: RegisterNodeArgs) -> Result<()> {
        no_remaining_accounts(ctx.remaining_accounts)?;
        ctx.accounts.validate(&args)?;
        let qos_addons = encode_addons(&args.qos_addons)?;
        let now = Clock::get()?.unix_timestamp;
        let (node_bump, vault_bump) = ctx.accounts.create_node_and_vault(args.node_id)?;
        let node_key = ctx.accounts.node.key();
        let vault = ctx.accounts.vault.key();
        let config = &mut ctx.accounts.config;
        // The current epoch may still be credited.
        let rewarded_until = config.epoch_start(config.epoch_at(now))?;
        config.nodes_registered = config
            .nodes_registered
            .checked_add(1)
            .ok_or_else(|| named_error!(StakingError::MathOverflow))?;
        let incarnation = config.nodes_registered;
        let node = Box::new(Node {
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
            bump: node_bump,
            vault_bump,
            reserved: [0; 64],
        });
        node.invariant()?;
        node.try_serialize(&mut &mut ctx.accounts.node.try_borrow_mut_data()?[..])?;
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
