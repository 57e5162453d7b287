//! node_staking: provider stake, delegation, availability rewards and
//! slashing for a GPU-compute DePIN market. The rules are in the repository
//! README ("Protocol rules") and the invariants in SECURITY.md.
use anchor_lang::prelude::*;

#[macro_use]
pub mod raise;

pub mod constants;
pub mod errors;
pub mod events;
pub mod fixed_layout;
pub mod instructions;
pub mod invoke;
pub mod math;
pub mod pda;
#[cfg(test)]
mod proptests;
pub mod state;
pub mod token_utils;

use instructions::*;

// Where security researchers find the maintainers (read by explorers from the
// deployed ELF). Set the values at build time: see build.rs.
#[cfg(not(feature = "no-entrypoint"))]
solana_security_txt::security_txt! {
    name: "GPU DePIN node_staking",
    project_url: env!("GPU_DEPIN_PROJECT_URL"),
    contacts: env!("GPU_DEPIN_SECURITY_CONTACTS"),
    policy: "SECURITY.md in the source repository",
    preferred_languages: "en",
    source_code: env!("GPU_DEPIN_SOURCE_CODE")
}

declare_id!("AJjQ7ZnNJMpupytfNmTxBtM3mHg9yNi3x14m5Yy2EPbE");

// Solana's bump allocator behind one out-of-line call (the `custom-heap`
// feature, on by default, turns off the inlined default; crates/sbf-heap).
sbf_heap::global_allocator!();

#[program]
pub mod node_staking {
    use super::*;

    /// Creates the protocol config; the signer (the program's upgrade authority) becomes the admin.
    pub fn initialize(ctx: Context<Initialize>, args: InitializeArgs) -> Result<()> {
        Initialize::handler(ctx, args)
    }

    /// Admin: changes parameters and authorities (each change emits old/new).
    pub fn update_config(ctx: Context<UpdateConfig>, args: UpdateConfigArgs) -> Result<()> {
        UpdateConfig::handler(ctx, args)
    }

    /// Admin: names the next admin (step 1 of 2).
    pub fn propose_admin(ctx: Context<AdminOnly>, proposed: Pubkey) -> Result<()> {
        AdminOnly::propose_admin(ctx, proposed)
    }

    /// Proposed admin: accepts (step 2 of 2).
    pub fn accept_admin(ctx: Context<AcceptAdmin>) -> Result<()> {
        AcceptAdmin::handler(ctx)
    }

    /// Admin: pauses or resumes the protocol.
    pub fn set_paused(ctx: Context<AdminOnly>, paused: bool) -> Result<()> {
        AdminOnly::set_paused(ctx, paused)
    }

    /// Admin: creates a hardware spec tier with its stake cap.
    pub fn create_spec_tier(ctx: Context<CreateSpecTier>, args: CreateSpecTierArgs) -> Result<()> {
        CreateSpecTier::handler(ctx, args)
    }

    /// Admin: changes a spec tier (a lower cap blocks inflows, never confiscates).
    pub fn update_spec_tier(ctx: Context<UpdateSpecTier>, args: UpdateSpecTierArgs) -> Result<()> {
        UpdateSpecTier::handler(ctx, args)
    }

    /// Operator: registers a node (Pending until staked) and its vault.
    pub fn register_node(ctx: Context<RegisterNode>, args: RegisterNodeArgs) -> Result<()> {
        RegisterNode::handler(ctx, args)
    }

    /// Operator: sets the node's USD price and QoS add-ons.
    pub fn update_pricing(ctx: Context<OperatorOnly>, args: UpdatePricingArgs) -> Result<()> {
        OperatorOnly::update_pricing(ctx, args)
    }

    /// Operator: schedules a commission change one unbonding period ahead.
    pub fn set_commission(ctx: Context<OperatorOnly>, commission_bps: u16) -> Result<()> {
        OperatorOnly::set_commission(ctx, commission_bps)
    }

    /// Operator: adds provider stake (activates the node at the minimum).
    pub fn stake(ctx: Context<Stake>, amount: u64) -> Result<()> {
        Stake::handler(ctx, amount)
    }

    /// Operator: starts unbonding provider stake.
    pub fn request_unstake(ctx: Context<RequestUnstake>, amount: u64) -> Result<()> {
        RequestUnstake::handler(ctx, amount)
    }

    /// Operator: withdraws matured unbonding provider stake.
    pub fn withdraw_unstaked(ctx: Context<WithdrawUnstaked>) -> Result<()> {
        WithdrawUnstaked::handler(ctx)
    }

    /// Holder: delegates tokens to an Active node for pool shares.
    pub fn delegate(ctx: Context<Delegate>, amount: u64) -> Result<()> {
        Delegate::handler(ctx, amount)
    }

    /// Delegator (or anyone, for all shares, once the provider has no stake): moves shares into unbonding.
    pub fn undelegate(ctx: Context<Undelegate>, shares: u64) -> Result<()> {
        Undelegate::handler(ctx, shares)
    }

    /// Delegator (or anyone, to the delegator's account): withdraws matured unbonding.
    pub fn withdraw_undelegated(ctx: Context<DelegatorPayout>) -> Result<()> {
        DelegatorPayout::withdraw_undelegated(ctx)
    }

    /// Delegator (or anyone, to the delegator's account): claims settled rewards.
    pub fn claim_rewards(ctx: Context<DelegatorPayout>) -> Result<()> {
        DelegatorPayout::claim_rewards(ctx)
    }

    /// Delegator: closes an empty delegation (also after close_node) and takes back its rent.
    pub fn close_delegation(ctx: Context<CloseDelegation>) -> Result<()> {
        CloseDelegation::handler(ctx)
    }

    /// Anyone: settles a delegation's rewards and drops shares of a wiped pool generation.
    pub fn settle_delegation(ctx: Context<SettleDelegation>) -> Result<()> {
        SettleDelegation::handler(ctx)
    }

    /// Anyone: re-evaluates a node's status against its stake and the current minimums.
    pub fn refresh_node(ctx: Context<RefreshNode>) -> Result<()> {
        RefreshNode::handler(ctx)
    }

    /// Anyone, after the retention period: closes a slash record, rent to its payer.
    pub fn close_slash_record(ctx: Context<CloseSlashRecord>) -> Result<()> {
        CloseSlashRecord::handler(ctx)
    }

    /// Operator: closes a node that owes nothing; vault dust to the treasury, rent back.
    pub fn close_node(ctx: Context<CloseNode>) -> Result<()> {
        CloseNode::handler(ctx)
    }

    /// Operator: claims the operator's rewards.
    pub fn claim_operator_rewards(ctx: Context<ClaimOperatorRewards>) -> Result<()> {
        ClaimOperatorRewards::handler(ctx)
    }

    /// Reward authority: credits (and funds) a node's epoch by attested uptime.
    pub fn credit_rewards(ctx: Context<CreditRewards>, args: CreditRewardsArgs) -> Result<()> {
        CreditRewards::handler(ctx, args)
    }

    /// Slash or rental authority: slashes a node with evidence (O(1); also while paused).
    pub fn slash(ctx: Context<Slash>, args: SlashArgs) -> Result<()> {
        Slash::handler(ctx, args)
    }

    /// Rental authority: marks a rental started on the node.
    pub fn lock_node(ctx: Context<RentalLock>) -> Result<()> {
        RentalLock::lock(ctx)
    }

    /// Rental authority: marks a rental ended on the node.
    pub fn unlock_node(ctx: Context<RentalUnlock>) -> Result<()> {
        RentalUnlock::unlock(ctx)
    }

    /// Admin: releases a jailed node (also while paused).
    pub fn unjail_node(ctx: Context<UnjailNode>) -> Result<()> {
        UnjailNode::handler(ctx)
    }
}
