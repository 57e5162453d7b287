use anchor_lang::{prelude::*, solana_program::bpf_loader_upgradeable};
use anchor_spl::token_interface::{Mint, TokenInterface};
use node_staking::state::Config as StakingConfig;
use node_staking::{ensure, ensure_keys_eq};

use crate::{
    constants::*,
    errors::EscrowError,
    events::EscrowConfigInitialized,
    state::{EscrowConfig, OracleKind},
    token_utils::{no_remaining_accounts, TokenAccountView},
};

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug)]
pub struct InitializeArgs {
    pub oracle_kind: OracleKind,
    /// Owner program of the price account: the Pyth receiver (pull) or a
    /// legacy Pyth oracle program (build-time allow-list).
    pub oracle_program: Pubkey,
    /// PythLegacy: the pinned price account. PythPull: the sponsored
    /// price-feed account, or `Pubkey::default()` for any posted update.
    pub oracle_account: Pubkey,
    /// PythPull: the feed id.
    pub feed_id: [u8; 32],
    /// Resolves disputes.
    pub dispute_authority: Pubkey,
    /// Seconds; `None` = 60.
    pub max_price_age_seconds: Option<u32>,
    /// Basis points of the price; `None` = 200 (2 %).
    pub max_confidence_bps: Option<u16>,
    /// Basis points, each side; `None` = 25 (0.25 %).
    pub reservation_fee_bps: Option<u16>,
    /// Seconds; `None` = 1 day.
    pub dispute_window_seconds: Option<u32>,
}

#[derive(Accounts)]
pub struct Initialize<'info> {
    /// Pays for the config account and becomes the admin. Must be the
    /// program's upgrade authority, so nobody can initialise a fresh
    /// deployment first.
    #[account(mut)]
    pub admin: Signer<'info>,

    /// This program's ProgramData; its upgrade authority must be `admin`.
    /// CHECK: address by seeds under the upgradeable loader, owner, and the
    /// authority read in place (crates/upgrade-authority, no bincode).
    #[account(
        seeds = [crate::ID.as_ref()],
        bump,
        seeds::program = bpf_loader_upgradeable::ID,
        owner = bpf_loader_upgradeable::ID @ EscrowError::NotUpgradeAuthority,
        constraint = program_data.try_borrow_data().is_ok_and(|data| {
            upgrade_authority::is_upgrade_authority(&data, &admin.key())
        }) @ EscrowError::NotUpgradeAuthority,
    )]
    pub program_data: UncheckedAccount<'info>,

    /// Created here; a second initialize fails because the PDA exists.
    /// CHECK: created by `pda::create_account` in the handler, as `init` did.
    #[account(mut, seeds = [ESCROW_CONFIG_SEED], bump)]
    pub config: UncheckedAccount<'info>,

    /// node_staking's config (owner and discriminator checked by `Account`):
    /// rentals are paid in its stake mint, which it has vetted.
    pub staking_config: Box<Account<'info, StakingConfig>>,

    /// The payment token: node_staking's stake mint.
    #[account(
        mint::token_program = token_program,
        constraint = payment_mint.key() == staking_config.stake_mint
            @ EscrowError::PaymentMintNotStakeMint,
    )]
    pub payment_mint: Box<InterfaceAccount<'info, Mint>>,

    /// CHECK: receives reservation fees: a token account of the payment
    /// mint under its token program (`validate`: `TokenAccountView`,
    /// MintMismatch).
    pub treasury: UncheckedAccount<'info>,

    #[account(
        constraint = token_program.key() == staking_config.token_program
            @ EscrowError::PaymentMintNotStakeMint,
    )]
    pub token_program: Interface<'info, TokenInterface>,
    pub system_program: Program<'info, System>,
}

impl Initialize<'_> {
    fn validate(&self, args: &InitializeArgs) -> Result<()> {
        let treasury =
            TokenAccountView::load(&self.treasury, &self.token_program.key(), "treasury")?;
        ensure_keys_eq!(
            treasury.mint,
            self.payment_mint.key(),
            EscrowError::MintMismatch
        );
        ensure!(
            args.oracle_kind.allows_owner(&args.oracle_program),
            EscrowError::OracleProgramNotAllowed
        );
        if let Some(age) = args.max_price_age_seconds {
            ensure!(
                age > 0 && age <= MAX_PRICE_AGE_LIMIT_SECONDS,
                EscrowError::InvalidMaxPriceAge
            );
        }
        if let Some(bps) = args.max_confidence_bps {
            ensure!(
                bps > 0 && bps <= BPS_DENOMINATOR,
                EscrowError::InvalidMaxConfidence
            );
        }
        if let Some(fee) = args.reservation_fee_bps {
            ensure!(fee <= MAX_RESERVATION_FEE_BPS, EscrowError::InvalidFee);
        }
        if let Some(w) = args.dispute_window_seconds {
            ensure!(
                w > 0 && w <= MAX_DISPUTE_WINDOW_SECONDS,
                EscrowError::InvalidDisputeWindow
            );
        }
        Ok(())
    }

    /// Creates the config with the given oracle and the defaults for every
    /// other limit (change them with update_config).
    pub fn handler(ctx: Context<Self>, args: InitializeArgs) -> Result<()> {
        no_remaining_accounts(ctx.remaining_accounts)?;
        let bump = ctx.bumps.config;
        node_staking::pda::create_account(
            &ctx.accounts.admin.to_account_info(),
            &ctx.accounts.config,
            &ctx.accounts.system_program.to_account_info(),
            &[ESCROW_CONFIG_SEED, &[bump]],
            8 + EscrowConfig::INIT_SPACE,
            &crate::ID,
        )?;
        ctx.accounts.validate(&args)?;
        // One-time: the bump search is acceptable here; every later use of
        // the rental authority reads the stored bump.
        let (_, rental_authority_bump) =
            Pubkey::find_program_address(&[RENTAL_AUTHORITY_SEED], &crate::ID);

        let config = EscrowConfig {
            admin: ctx.accounts.admin.key(),
            pending_admin: Pubkey::default(),
            payment_mint: ctx.accounts.payment_mint.key(),
            token_program: ctx.accounts.token_program.key(),
            treasury: ctx.accounts.treasury.key(),
            dispute_authority: args.dispute_authority,
            oracle_kind: args.oracle_kind,
            oracle_program: args.oracle_program,
            oracle_account: args.oracle_account,
            feed_id: args.feed_id,
            max_price_age_seconds: args
                .max_price_age_seconds
                .unwrap_or(DEFAULT_MAX_PRICE_AGE_SECONDS),
            max_price_age_slots: DEFAULT_MAX_PRICE_AGE_SLOTS,
            max_confidence_bps: args
                .max_confidence_bps
                .unwrap_or(DEFAULT_MAX_CONFIDENCE_BPS),
            max_ema_divergence_bps: DEFAULT_MAX_EMA_DIVERGENCE_BPS,
            reservation_fee_bps: args
                .reservation_fee_bps
                .unwrap_or(DEFAULT_RESERVATION_FEE_BPS),
            claim_holdback_bps: DEFAULT_CLAIM_HOLDBACK_BPS,
            dispute_window_seconds: args
                .dispute_window_seconds
                .unwrap_or(DEFAULT_DISPUTE_WINDOW_SECONDS),
            dispute_timeout_seconds: DEFAULT_DISPUTE_TIMEOUT_SECONDS,
            min_rental_seconds: DEFAULT_MIN_RENTAL_SECONDS,
            max_total_rental_seconds: DEFAULT_MAX_TOTAL_RENTAL_SECONDS,
            paused: false,
            bump,
            rental_authority_bump,
            reserved: [0; 64],
        };
        config.invariant()?;
        config.try_serialize(&mut &mut ctx.accounts.config.try_borrow_mut_data()?[..])?;

        emit!(EscrowConfigInitialized {
            admin: config.admin,
            payment_mint: config.payment_mint,
            oracle_program: config.oracle_program,
            max_price_age_seconds: config.max_price_age_seconds,
            max_confidence_bps: config.max_confidence_bps,
            reservation_fee_bps: config.reservation_fee_bps,
        });
        Ok(())
    }
}
