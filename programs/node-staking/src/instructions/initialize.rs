use anchor_lang::prelude::*;
use anchor_spl::token_interface::Mint;

use crate::{
    constants::{
        CONFIG_SEED, DEFAULT_MIN_PROVIDER_STAKE_TOKENS, DEFAULT_UNBONDING_SECONDS,
        MAX_UNBONDING_SECONDS,
    },
    errors::StakingError,
    events::ConfigInitialized,
    state::Config,
};

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, Default)]
pub struct InitializeArgs {
    /// Base units; `None` = 100 whole tokens (100 × 10^decimals).
    pub min_provider_stake: Option<u64>,
    /// Seconds; `None` = 14 days.
    pub unbonding_seconds: Option<u32>,
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
        space = 8 + Config::INIT_SPACE,
        seeds = [CONFIG_SEED],
        bump,
    )]
    pub config: Account<'info, Config>,

    /// The staking token; owner (Token or Token-2022) checked by `InterfaceAccount`.
    pub stake_mint: InterfaceAccount<'info, Mint>,

    pub system_program: Program<'info, System>,
}

impl Initialize<'_> {
    fn validate(&self, args: &InitializeArgs, remaining: &[AccountInfo]) -> Result<()> {
        require!(
            remaining.is_empty(),
            StakingError::UnexpectedRemainingAccounts
        );
        if let Some(seconds) = args.unbonding_seconds {
            require!(
                seconds > 0 && seconds <= MAX_UNBONDING_SECONDS,
                StakingError::InvalidUnbondingPeriod
            );
        }
        if let Some(min) = args.min_provider_stake {
            require!(min > 0, StakingError::InvalidMinProviderStake);
        }
        Ok(())
    }

    pub fn handler(ctx: Context<Self>, args: InitializeArgs) -> Result<()> {
        ctx.accounts.validate(&args, ctx.remaining_accounts)?;

        let decimals = u32::from(ctx.accounts.stake_mint.decimals);
        let min_provider_stake = match args.min_provider_stake {
            Some(min) => min,
            None => 10u64
                .checked_pow(decimals)
                .and_then(|unit| unit.checked_mul(DEFAULT_MIN_PROVIDER_STAKE_TOKENS))
                .ok_or(StakingError::MathOverflow)?,
        };
        let unbonding_seconds = args.unbonding_seconds.unwrap_or(DEFAULT_UNBONDING_SECONDS);

        let config = &mut ctx.accounts.config;
        config.set_inner(Config {
            admin: ctx.accounts.admin.key(),
            stake_mint: ctx.accounts.stake_mint.key(),
            min_provider_stake,
            unbonding_seconds,
            paused: false,
            bump: ctx.bumps.config,
            reserved: [0; 64],
        });
        config.invariant()?;

        emit!(ConfigInitialized {
            admin: config.admin,
            stake_mint: config.stake_mint,
            min_provider_stake,
            unbonding_seconds,
        });
        Ok(())
    }
}
