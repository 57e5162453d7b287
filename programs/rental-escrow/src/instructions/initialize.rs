use anchor_lang::prelude::*;
use anchor_spl::token_interface::Mint;

use crate::{
    constants::{
        BPS_DENOMINATOR, DEFAULT_MAX_CONFIDENCE_BPS, DEFAULT_MAX_PRICE_AGE_SECONDS,
        ESCROW_CONFIG_SEED, MAX_PRICE_AGE_LIMIT_SECONDS,
    },
    errors::EscrowError,
    events::EscrowConfigInitialized,
    state::EscrowConfig,
};

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug)]
pub struct InitializeArgs {
    /// The node_staking program whose nodes are rented.
    pub node_staking_program: Pubkey,
    /// Seconds; `None` = 60.
    pub max_price_age_seconds: Option<u32>,
    /// Basis points of the price; `None` = 200 (2 %).
    pub max_confidence_bps: Option<u16>,
}

#[derive(Accounts)]
pub struct Initialize<'info> {
    /// Pays for the config account and becomes the admin.
    #[account(mut)]
    pub admin: Signer<'info>,

    /// Created here; a second initialize fails because the PDA exists.
    #[account(
        init,
        payer = admin,
        space = 8 + EscrowConfig::INIT_SPACE,
        seeds = [ESCROW_CONFIG_SEED],
        bump,
    )]
    pub config: Account<'info, EscrowConfig>,

    /// The payment token; owner (Token or Token-2022) checked by `InterfaceAccount`.
    pub payment_mint: InterfaceAccount<'info, Mint>,

    pub system_program: Program<'info, System>,
}

impl Initialize<'_> {
    fn validate(&self, args: &InitializeArgs, remaining: &[AccountInfo]) -> Result<()> {
        require!(
            remaining.is_empty(),
            EscrowError::UnexpectedRemainingAccounts
        );
        if let Some(age) = args.max_price_age_seconds {
            require!(
                age > 0 && age <= MAX_PRICE_AGE_LIMIT_SECONDS,
                EscrowError::InvalidMaxPriceAge
            );
        }
        if let Some(bps) = args.max_confidence_bps {
            require!(
                bps > 0 && bps <= BPS_DENOMINATOR,
                EscrowError::InvalidMaxConfidence
            );
        }
        Ok(())
    }

    pub fn handler(ctx: Context<Self>, args: InitializeArgs) -> Result<()> {
        ctx.accounts.validate(&args, ctx.remaining_accounts)?;

        let config = &mut ctx.accounts.config;
        config.set_inner(EscrowConfig {
            admin: ctx.accounts.admin.key(),
            payment_mint: ctx.accounts.payment_mint.key(),
            node_staking_program: args.node_staking_program,
            max_price_age_seconds: args
                .max_price_age_seconds
                .unwrap_or(DEFAULT_MAX_PRICE_AGE_SECONDS),
            max_confidence_bps: args
                .max_confidence_bps
                .unwrap_or(DEFAULT_MAX_CONFIDENCE_BPS),
            paused: false,
            bump: ctx.bumps.config,
            reserved: [0; 64],
        });
        config.invariant()?;

        emit!(EscrowConfigInitialized {
            admin: config.admin,
            payment_mint: config.payment_mint,
            node_staking_program: config.node_staking_program,
            max_price_age_seconds: config.max_price_age_seconds,
            max_confidence_bps: config.max_confidence_bps,
        });
        Ok(())
    }
}
