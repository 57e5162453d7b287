use anchor_lang::prelude::*;

use crate::{
    constants::{BPS, MAX_UNBONDING_SECONDS},
    errors::StakingError,
    events::{ConfigParam, ConfigParamChanged, ConfigRole, ConfigRoleChanged},
    state::Config,
    token_utils::{no_remaining_accounts, TokenAccountView},
};

/// Each `Some` field replaces the current value; every change emits its old and new value.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, Default)]
pub struct UpdateConfigArgs {
    /// Base units.
    pub min_provider_stake: Option<u64>,
    /// Base units.
    pub min_delegation: Option<u64>,
    /// Base units per protocol epoch.
    pub max_slash_per_epoch: Option<u64>,
    /// Seconds (1 ..= 365 days).
    pub unbonding_seconds: Option<u32>,
    /// Seconds (≥ 1).
    pub epoch_seconds: Option<u32>,
    /// Basis points (≤ 10 000).
    pub min_uptime_bps: Option<u16>,
    /// ≥ 1.
    pub max_low_epochs: Option<u8>,
    pub slash_authority: Option<Pubkey>,
    pub reward_authority: Option<Pubkey>,
    pub rental_authority: Option<Pubkey>,
}

#[derive(Accounts)]
pub struct UpdateConfig<'info> {
    pub admin: Signer<'info>,

    #[account(
        mut,
        has_one = admin @ StakingError::Unauthorized,
    )]
    pub config: Box<Account<'info, Config>>,

    /// CHECK: optional new treasury: a token account of the stake mint under
    /// its token program (`validate`: `TokenAccountView`, TreasuryMintMismatch).
    pub new_treasury: Option<UncheckedAccount<'info>>,
}

fn change<T: Copy + Into<u64>>(field: &mut T, new: Option<T>, param: ConfigParam) {
    if let Some(new) = new {
        let old = *field;
        *field = new;
        emit!(ConfigParamChanged {
            param,
            old: old.into(),
            new: new.into(),
        });
    }
}

fn change_role(field: &mut Pubkey, new: Option<Pubkey>, role: ConfigRole) {
    if let Some(new) = new {
        let old = *field;
        *field = new;
        emit!(ConfigRoleChanged { role, old, new });
    }
}

impl UpdateConfig<'_> {
    fn validate(&self, args: &UpdateConfigArgs) -> Result<()> {
        if let Some(t) = &self.new_treasury {
            let view = TokenAccountView::load(t, &self.config.token_program, "new_treasury")?;
            ensure_keys_eq!(
                view.mint,
                self.config.stake_mint,
                StakingError::TreasuryMintMismatch
            );
        }
        // Admin changes stay possible while paused: they are how a paused
        // protocol gets repaired.
        if let Some(v) = args.min_provider_stake {
            ensure!(v > 0, StakingError::InvalidMinProviderStake);
        }
        if let Some(v) = args.min_delegation {
            ensure!(v > 0, StakingError::InvalidMinDelegation);
        }
        if let Some(v) = args.max_slash_per_epoch {
            ensure!(v > 0, StakingError::InvalidSlashLimit);
        }
        if let Some(v) = args.unbonding_seconds {
            ensure!(
                v > 0 && v <= MAX_UNBONDING_SECONDS,
                StakingError::InvalidUnbondingPeriod
            );
        }
        if let Some(v) = args.epoch_seconds {
            ensure!(v > 0, StakingError::InvalidEpochLength);
        }
        if let Some(v) = args.min_uptime_bps {
            ensure!(v <= BPS, StakingError::InvalidBps);
        }
        if let Some(v) = args.max_low_epochs {
            ensure!(v > 0, StakingError::InvalidMaxLowEpochs);
        }
        Ok(())
    }

    pub fn handler(ctx: Context<Self>, args: UpdateConfigArgs) -> Result<()> {
        no_remaining_accounts(ctx.remaining_accounts)?;
        ctx.accounts.validate(&args)?;
        let new_treasury = ctx.accounts.new_treasury.as_ref().map(|t| t.key());
        let c = &mut ctx.accounts.config;
        change(
            &mut c.min_provider_stake,
            args.min_provider_stake,
            ConfigParam::MinProviderStake,
        );
        change(
            &mut c.min_delegation,
            args.min_delegation,
            ConfigParam::MinDelegation,
        );
        change(
            &mut c.max_slash_per_epoch,
            args.max_slash_per_epoch,
            ConfigParam::MaxSlashPerEpoch,
        );
        change(
            &mut c.unbonding_seconds,
            args.unbonding_seconds,
            ConfigParam::UnbondingSeconds,
        );
        if let Some(new_len) = args.epoch_seconds {
            // Nodes store credited time in seconds, so only the slash circuit
            // breaker's epoch number needs converting: the current window
            // keeps its count under the new length.
            let now = Clock::get()?.unix_timestamp;
            let counting_now = c.slash_epoch == c.epoch_at(now);
            change(
                &mut c.epoch_seconds,
                Some(new_len),
                ConfigParam::EpochSeconds,
            );
            if counting_now {
                c.slash_epoch = c.epoch_at(now);
            }
        }
        change(
            &mut c.min_uptime_bps,
            args.min_uptime_bps,
            ConfigParam::MinUptimeBps,
        );
        change(
            &mut c.max_low_epochs,
            args.max_low_epochs,
            ConfigParam::MaxLowEpochs,
        );
        change_role(
            &mut c.slash_authority,
            args.slash_authority,
            ConfigRole::SlashAuthority,
        );
        change_role(
            &mut c.reward_authority,
            args.reward_authority,
            ConfigRole::RewardAuthority,
        );
        change_role(
            &mut c.rental_authority,
            args.rental_authority,
            ConfigRole::RentalAuthority,
        );
        change_role(&mut c.treasury, new_treasury, ConfigRole::Treasury);
        c.invariant()
    }
}
