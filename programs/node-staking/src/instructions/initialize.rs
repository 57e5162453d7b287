use anchor_lang::{prelude::*, solana_program::bpf_loader_upgradeable};
use anchor_spl::token_interface::{Mint, TokenInterface};

use crate::{
    constants::*,
    errors::StakingError,
    events::ConfigInitialized,
    state::Config,
    token_utils::{no_remaining_accounts, validate_stake_mint, TokenAccountView},
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
    /// Pays for the config account and becomes the admin (and, until
    /// changed, the slash and reward authority). Must be the program's
    /// upgrade authority, so nobody can initialise a fresh deployment first.
    #[account(mut)]
    pub admin: Signer<'info>,

    /// This program's ProgramData; its upgrade authority must be `admin`.
    /// CHECK: address by seeds under the upgradeable loader, owner, and the
    /// authority read in place (crates/upgrade-authority, no bincode).
    #[account(
        seeds = [crate::ID.as_ref()],
        bump,
        seeds::program = bpf_loader_upgradeable::ID,
        owner = bpf_loader_upgradeable::ID @ StakingError::NotUpgradeAuthority,
        constraint = program_data.try_borrow_data().is_ok_and(|data| {
            upgrade_authority::is_upgrade_authority(&data, &admin.key())
        }) @ StakingError::NotUpgradeAuthority,
    )]
    pub program_data: UncheckedAccount<'info>,

    /// Created here; a second initialize fails because the PDA exists.
    /// CHECK: created by `pda::create_account` in the handler, as `init` did.
    #[account(mut, seeds = [CONFIG_SEED], bump)]
    pub config: UncheckedAccount<'info>,

    /// The staking token; owner checked by `InterfaceAccount`, extensions in `validate`.
    #[account(mint::token_program = token_program)]
    pub stake_mint: Box<InterfaceAccount<'info, Mint>>,

    /// CHECK: receives slashed stake: a token account of the stake mint
    /// under its token program (`validate`: `TokenAccountView`,
    /// TreasuryMintMismatch).
    pub treasury: UncheckedAccount<'info>,

    pub token_program: Interface<'info, TokenInterface>,
    pub system_program: Program<'info, System>,
}

impl Initialize<'_> {
    fn validate(&self, args: &InitializeArgs) -> Result<()> {
        if let Some(seconds) = args.unbonding_seconds {
            ensure!(
                seconds > 0 && seconds <= MAX_UNBONDING_SECONDS,
                StakingError::InvalidUnbondingPeriod
            );
        }
        if let Some(min) = args.min_provider_stake {
            ensure!(min > 0, StakingError::InvalidMinProviderStake);
        }
        let treasury =
            TokenAccountView::load(&self.treasury, &self.token_program.key(), "treasury")?;
        ensure_keys_eq!(
            treasury.mint,
            self.stake_mint.key(),
            StakingError::TreasuryMintMismatch
        );
        validate_stake_mint(&self.stake_mint)
    }

    pub fn handler(ctx: Context<Self>, args: InitializeArgs) -> Result<()> {
        no_remaining_accounts(ctx.remaining_accounts)?;
        let bump = ctx.bumps.config;
        crate::pda::create_account(
            &ctx.accounts.admin.to_account_info(),
            &ctx.accounts.config,
            &ctx.accounts.system_program.to_account_info(),
            &[CONFIG_SEED, &[bump]],
            8 + Config::INIT_SPACE,
            &crate::ID,
        )?;
        ctx.accounts.validate(&args)?;

        // 10^decimals ≤ 10^12, so 1 000 000 × 10^12 < u64::MAX.
        let unit = 10u64
            .checked_pow(u32::from(ctx.accounts.stake_mint.decimals))
            .ok_or_else(|| named_error!(StakingError::MathOverflow))?;
        let whole = |tokens: u64| {
            tokens
                .checked_mul(unit)
                .ok_or_else(|| named_error!(StakingError::MathOverflow))
        };
        let min_provider_stake = match args.min_provider_stake {
            Some(min) => min,
            None => whole(DEFAULT_MIN_PROVIDER_STAKE_TOKENS)?,
        };
        let unbonding_seconds = args.unbonding_seconds.unwrap_or(DEFAULT_UNBONDING_SECONDS);
        let admin = ctx.accounts.admin.key();

        let config = Config {
            admin,
            pending_admin: Pubkey::default(),
            stake_mint: ctx.accounts.stake_mint.key(),
            token_program: ctx.accounts.token_program.key(),
            treasury: ctx.accounts.treasury.key(),
            slash_authority: admin,
            reward_authority: admin,
            rental_authority: Pubkey::default(),
            min_provider_stake,
            min_delegation: whole(DEFAULT_MIN_DELEGATION_TOKENS)?,
            max_slash_per_epoch: whole(DEFAULT_MAX_SLASH_PER_EPOCH_TOKENS)?,
            slash_epoch: 0,
            slashed_in_epoch: 0,
            unbonding_seconds,
            epoch_seconds: DEFAULT_EPOCH_SECONDS,
            min_uptime_bps: DEFAULT_MIN_UPTIME_BPS,
            max_low_epochs: DEFAULT_MAX_LOW_EPOCHS,
            nodes_registered: 0,
            paused: false,
            bump,
            reserved: [0; 64],
        };
        config.invariant()?;
        config.try_serialize(&mut &mut ctx.accounts.config.try_borrow_mut_data()?[..])?;

        emit!(ConfigInitialized {
            admin,
            stake_mint: config.stake_mint,
            treasury: config.treasury,
            min_provider_stake,
            unbonding_seconds,
        });
        Ok(())
    }
}
