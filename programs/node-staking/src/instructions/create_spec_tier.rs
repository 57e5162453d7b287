//! create_spec_tier: the admin adds a hardware spec tier and its stake cap.
use anchor_lang::prelude::*;

use crate::{
    constants::{BPS, SPEC_TIER_SEED},
    errors::StakingError,
    events::SpecTierCreated,
    state::{Config, SpecTier},
    token_utils::no_remaining_accounts,
};

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug)]
pub struct CreateSpecTierArgs {
    pub tier_id: u16,
    /// 1 to 24 bytes of UTF-8, e.g. "H100-80GB".
    pub name: String,
    /// Base units.
    pub max_node_stake: u64,
    /// Base units; 0 = only the config minimum.
    pub min_provider_stake: u64,
    /// Basis points (≤ 10 000).
    pub max_delegated_bps: u16,
}

#[derive(Accounts)]
#[instruction(args: CreateSpecTierArgs)]
pub struct CreateSpecTier<'info> {
    #[account(mut)]
    pub admin: Signer<'info>,

    #[account(
        has_one = admin @ StakingError::Unauthorized,
    )]
    pub config: Box<Account<'info, Config>>,

    /// Created here at the address of these seeds; creating it fails
    /// ("already in use") if the tier exists.
    /// CHECK: created by `pda::create_account` in the handler, as `init` did.
    #[account(
        mut,
        seeds = [SPEC_TIER_SEED, &args.tier_id.to_le_bytes()],
        bump,
    )]
    pub spec_tier: UncheckedAccount<'info>,

    pub system_program: Program<'info, System>,
}

fn encode_name(name: &str) -> Result<[u8; 24]> {
    let bytes = name.as_bytes();
    ensure!(
        !bytes.is_empty() && bytes.len() <= 24,
        StakingError::InvalidTierName
    );
    let mut out = [0u8; 24];
    out[..bytes.len()].copy_from_slice(bytes);
    Ok(out)
}

impl CreateSpecTier<'_> {
    pub fn handler(ctx: Context<Self>, args: CreateSpecTierArgs) -> Result<()> {
        no_remaining_accounts(ctx.remaining_accounts)?;
        let a = &ctx.accounts;
        let bump = ctx.bumps.spec_tier;
        crate::pda::create_account(
            &a.admin.to_account_info(),
            &a.spec_tier,
            &a.system_program.to_account_info(),
            &[SPEC_TIER_SEED, &args.tier_id.to_le_bytes(), &[bump]],
            8 + SpecTier::INIT_SPACE,
            &crate::ID,
        )?;
        let name = encode_name(&args.name)?;
        ensure!(args.max_delegated_bps <= BPS, StakingError::InvalidBps);
        let tier = SpecTier {
            tier_id: args.tier_id,
            name,
            max_node_stake: args.max_node_stake,
            min_provider_stake: args.min_provider_stake,
            max_delegated_bps: args.max_delegated_bps,
            active: true,
            bump,
            reserved: [0; 32],
        };
        tier.invariant(a.config.min_provider_stake)?;
        tier.try_serialize(&mut &mut a.spec_tier.try_borrow_mut_data()?[..])?;
        emit!(SpecTierCreated {
            tier_id: args.tier_id,
            name,
            max_node_stake: args.max_node_stake,
            min_provider_stake: args.min_provider_stake,
            max_delegated_bps: args.max_delegated_bps,
        });
        Ok(())
    }
}
