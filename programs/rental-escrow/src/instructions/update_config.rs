//! update_config: the admin changes escrow parameters (each change emits old/new).
use anchor_lang::prelude::*;
use node_staking::{ensure, ensure_keys_eq};

use crate::{
    constants::*,
    errors::EscrowError,
    events::*,
    state::{EscrowConfig, OracleKind},
    token_utils::{no_remaining_accounts, TokenAccountView},
};

/// Each `Some` field replaces the current value; every change emits its old and new value.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, Default)]
pub struct UpdateEscrowConfigArgs {
    /// Seconds (1 ..= 3 600).
    pub max_price_age_seconds: Option<u32>,
    /// Slots (≥ 1); legacy prices only.
    pub max_price_age_slots: Option<u32>,
    /// Basis points (1 ..= 10 000).
    pub max_confidence_bps: Option<u16>,
    /// Basis points of the EMA (1 ..= 10 000).
    pub max_ema_divergence_bps: Option<u16>,
    /// Basis points (≤ 1 000); applies to rentals created afterwards.
    pub reservation_fee_bps: Option<u16>,
    /// Basis points (≤ 5 000); applies to rentals created afterwards.
    pub claim_holdback_bps: Option<u16>,
    /// Seconds (1 ..= 30 days); applies to rentals created afterwards.
    pub dispute_window_seconds: Option<u32>,
    /// Seconds (1 ..= 90 days); applies to rentals created afterwards.
    pub dispute_timeout_seconds: Option<u32>,
    /// Seconds (1 ..= 90 days), for new rentals and extensions.
    pub min_rental_seconds: Option<u32>,
    /// Seconds (≥ the minimum, ≤ 365 days), for new rentals and extensions.
    pub max_total_rental_seconds: Option<u32>,
    pub dispute_authority: Option<Pubkey>,
    /// New oracle: kind, owner program, pinned account (legacy) and feed id (pull).
    pub oracle: Option<OracleSettings>,
}

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug)]
pub struct OracleSettings {
    pub kind: OracleKind,
    pub program: Pubkey,
    pub account: Pubkey,
    pub feed_id: [u8; 32],
}

#[derive(Accounts)]
pub struct UpdateEscrowConfig<'info> {
    pub admin: Signer<'info>,

    #[account(
        mut,
        seeds = [ESCROW_CONFIG_SEED],
        bump = config.bump,
        has_one = admin @ EscrowError::Unauthorized,
    )]
    pub config: Box<Account<'info, EscrowConfig>>,

    /// CHECK: optional new treasury: a token account of the payment mint
    /// under its token program (`validate`: `TokenAccountView`, MintMismatch).
    pub new_treasury: Option<UncheckedAccount<'info>>,
}

fn change<T: Copy + Into<u64>>(field: &mut T, new: Option<T>, param: EscrowParam) {
    if let Some(new) = new {
        let old = *field;
        *field = new;
        emit!(EscrowParamChanged {
            param,
            old: old.into(),
            new: new.into(),
        });
    }
}

fn change_role(field: &mut Pubkey, new: Option<Pubkey>, role: EscrowRole) {
    if let Some(new) = new {
        let old = *field;
        *field = new;
        emit!(EscrowRoleChanged { role, old, new });
    }
}

impl UpdateEscrowConfig<'_> {
    fn validate(&self, args: &UpdateEscrowConfigArgs) -> Result<()> {
        // Admin changes stay possible while paused.
        if let Some(t) = &self.new_treasury {
            let view = TokenAccountView::load(t, &self.config.token_program, "new_treasury")?;
            ensure_keys_eq!(
                view.mint,
                self.config.payment_mint,
                EscrowError::MintMismatch
            );
        }
        if let Some(v) = args.max_price_age_seconds {
            ensure!(
                v > 0 && v <= MAX_PRICE_AGE_LIMIT_SECONDS,
                EscrowError::InvalidMaxPriceAge
            );
        }
        if let Some(v) = args.max_price_age_slots {
            ensure!(v > 0, EscrowError::InvalidMaxPriceAge);
        }
        if let Some(v) = args.max_confidence_bps {
            ensure!(
                v > 0 && v <= BPS_DENOMINATOR,
                EscrowError::InvalidMaxConfidence
            );
        }
        if let Some(v) = args.max_ema_divergence_bps {
            ensure!(
                v > 0 && v <= BPS_DENOMINATOR,
                EscrowError::InvalidEmaDivergence
            );
        }
        if let Some(v) = args.reservation_fee_bps {
            ensure!(v <= MAX_RESERVATION_FEE_BPS, EscrowError::InvalidFee);
        }
        if let Some(v) = args.claim_holdback_bps {
            ensure!(v <= MAX_CLAIM_HOLDBACK_BPS, EscrowError::InvalidHoldback);
        }
        if let Some(v) = args.dispute_window_seconds {
            ensure!(
                v > 0 && v <= MAX_DISPUTE_WINDOW_SECONDS,
                EscrowError::InvalidDisputeWindow
            );
        }
        if let Some(v) = args.dispute_timeout_seconds {
            ensure!(
                v > 0 && v <= MAX_DISPUTE_TIMEOUT_SECONDS,
                EscrowError::InvalidDisputeTimeout
            );
        }
        let min = args
            .min_rental_seconds
            .unwrap_or(self.config.min_rental_seconds);
        let max = args
            .max_total_rental_seconds
            .unwrap_or(self.config.max_total_rental_seconds);
        ensure!(
            min > 0
                && u64::from(min) <= MAX_RENTAL_SECONDS
                && max >= min
                && max <= MAX_TOTAL_RENTAL_LIMIT_SECONDS,
            EscrowError::InvalidRentalLimits
        );
        if let Some(o) = &args.oracle {
            ensure!(
                o.kind.allows_owner(&o.program),
                EscrowError::OracleProgramNotAllowed
            );
        }
        Ok(())
    }

    pub fn handler(ctx: Context<Self>, args: UpdateEscrowConfigArgs) -> Result<()> {
        no_remaining_accounts(ctx.remaining_accounts)?;
        ctx.accounts.validate(&args)?;
        let new_treasury = ctx.accounts.new_treasury.as_ref().map(|t| t.key());
        let c = &mut ctx.accounts.config;
        change(
            &mut c.max_price_age_seconds,
            args.max_price_age_seconds,
            EscrowParam::MaxPriceAgeSeconds,
        );
        change(
            &mut c.max_price_age_slots,
            args.max_price_age_slots,
            EscrowParam::MaxPriceAgeSlots,
        );
        change(
            &mut c.max_confidence_bps,
            args.max_confidence_bps,
            EscrowParam::MaxConfidenceBps,
        );
        change(
            &mut c.max_ema_divergence_bps,
            args.max_ema_divergence_bps,
            EscrowParam::MaxEmaDivergenceBps,
        );
        change(
            &mut c.reservation_fee_bps,
            args.reservation_fee_bps,
            EscrowParam::ReservationFeeBps,
        );
        change(
            &mut c.claim_holdback_bps,
            args.claim_holdback_bps,
            EscrowParam::ClaimHoldbackBps,
        );
        change(
            &mut c.dispute_window_seconds,
            args.dispute_window_seconds,
            EscrowParam::DisputeWindowSeconds,
        );
        change(
            &mut c.dispute_timeout_seconds,
            args.dispute_timeout_seconds,
            EscrowParam::DisputeTimeoutSeconds,
        );
        change(
            &mut c.min_rental_seconds,
            args.min_rental_seconds,
            EscrowParam::MinRentalSeconds,
        );
        change(
            &mut c.max_total_rental_seconds,
            args.max_total_rental_seconds,
            EscrowParam::MaxTotalRentalSeconds,
        );
        change_role(
            &mut c.dispute_authority,
            args.dispute_authority,
            EscrowRole::DisputeAuthority,
        );
        change_role(&mut c.treasury, new_treasury, EscrowRole::Treasury);
        if let Some(o) = args.oracle {
            change_role(
                &mut c.oracle_program,
                Some(o.program),
                EscrowRole::OracleProgram,
            );
            change_role(
                &mut c.oracle_account,
                Some(o.account),
                EscrowRole::OracleAccount,
            );
            let old = c.feed_id;
            c.feed_id = o.feed_id;
            c.oracle_kind = o.kind;
            emit!(OracleFeedChanged {
                old,
                new: o.feed_id,
                pull: o.kind == OracleKind::PythPull,
            });
        }
        c.invariant()
    }
}
