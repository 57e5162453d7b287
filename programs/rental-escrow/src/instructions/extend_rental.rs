//! extend_rental: the renter buys another period of time on a node that is
//! still rentable, at the node's current USD rate and the current price.
use anchor_lang::prelude::*;
use anchor_spl::token_interface::TokenInterface;
use node_staking::state::{Config as StakingConfig, Node, SpecTier};
use node_staking::{ensure, named_error};

use super::create_rental::rental_rate;
use crate::{
    constants::*,
    errors::EscrowError,
    events::RentalExtended,
    price::{load_price, oracle_err},
    pricing::{cost_micro_usd, tokens_for_usd_ceil},
    staking::node_rentable,
    state::{EscrowConfig, Rental, RentalStatus},
    token_utils::{
        check_payer_tokens, no_remaining_accounts, renter_fee, transfer_from_signer, MintRef,
    },
};

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug)]
pub struct ExtendRentalArgs {
    /// Extra seconds (the config's minimum ..= 90 days, within the total cap).
    pub extra_seconds: u64,
    /// Slippage guard on the extra tokens plus fee.
    pub max_tokens: u64,
}

#[derive(Accounts)]
pub struct ExtendRental<'info> {
    pub renter: Signer<'info>,

    /// The escrow config: owner and discriminator checked by `Account`;
    /// `initialize` creates the only one (at its PDA), so no seeds here.
    #[account(
        has_one = payment_mint @ EscrowError::MintMismatch,
    )]
    pub config: Box<Account<'info, EscrowConfig>>,

    #[account(
        mut,
        has_one = renter @ EscrowError::NotRenter,
        has_one = vault @ EscrowError::WrongVault,
        has_one = node @ EscrowError::WrongNode,
    )]
    pub rental: Box<Account<'info, Rental>>,

    /// CHECK: the rental's vault (has_one above), a token account this
    /// program created for it; the token program checks it in the transfers.
    #[account(mut)]
    pub vault: UncheckedAccount<'info>,

    /// CHECK: the renter's token account of the payment mint, the source of
    /// the payment: its owning program and its mint are checked by
    /// `check_payer_tokens` (AccountNotInitialized, AccountOwnedByWrongProgram,
    /// MintMismatch); the token program checks the rest in the transfer.
    #[account(
        mut,
        constraint = renter_tokens.key() != vault.key() @ EscrowError::DestinationMismatch,
    )]
    pub renter_tokens: UncheckedAccount<'info>,

    /// CHECK: the config's payment mint (has_one above); its decimals are
    /// read by `MintRef::load`, and the token program checks it again.
    pub payment_mint: UncheckedAccount<'info>,

    /// The rented node (owner checked by `Account`; the rental's, by has_one).
    pub node: Box<Account<'info, Node>>,

    /// node_staking's config (owner and discriminator checked by `Account`;
    /// there is one).
    pub staking_config: Box<Account<'info, StakingConfig>>,

    /// The node's tier: a SpecTier of node_staking (owner and discriminator
    /// checked by `Account`) with the node's tier id; one exists per id.
    #[account(constraint = staking_spec_tier.tier_id == node.spec_tier @ EscrowError::WrongNode)]
    pub staking_spec_tier: Box<Account<'info, SpecTier>>,

    /// CHECK: checked by `price::load_price`.
    pub price_account: UncheckedAccount<'info>,

    #[account(address = config.token_program @ EscrowError::TokenProgramMismatch)]
    pub token_program: Interface<'info, TokenInterface>,
}

impl ExtendRental<'_> {
    fn validate(&self, args: &ExtendRentalArgs, now: i64) -> Result<()> {
        // Account checks first, as Anchor's constraints ran before the body.
        check_payer_tokens(
            &self.renter_tokens,
            &self.token_program.key(),
            &self.payment_mint.key(),
        )?;
        self.config.check_not_paused()?;
        let c = &self.config;
        let r = &self.rental;
        ensure!(
            args.extra_seconds >= u64::from(c.min_rental_seconds)
                && args.extra_seconds <= MAX_RENTAL_SECONDS,
            EscrowError::InvalidDuration
        );
        ensure!(
            r.status == RentalStatus::Active,
            EscrowError::RentalNotActive
        );
        ensure!(now < r.end_ts, EscrowError::RentalEnded);
        ensure!(
            r.period_count < MAX_RENTAL_PERIODS,
            EscrowError::TooManyExtensions
        );
        let total = (r.end_ts - r.start_ts) as u64 + args.extra_seconds;
        ensure!(
            total <= u64::from(c.max_total_rental_seconds),
            EscrowError::RentalTooLong
        );
        ensure!(
            node_rentable(&self.node, &self.staking_config, &self.staking_spec_tier),
            EscrowError::NodeNotRentable
        );
        Ok(())
    }

    /// Adds a period after the current end: priced at the node's current
    /// rate (with the rental's add-ons) and the current price, which may not
    /// be older than the one the rental last used. Its tokens stream over
    /// the new period only, so a cancel refunds each period's unused part at
    /// the price it was bought at. The renter fee uses the rental's fee rate.
    pub fn handler(ctx: Context<Self>, args: ExtendRentalArgs) -> Result<()> {
        no_remaining_accounts(ctx.remaining_accounts)?;
        let clock = Clock::get()?;
        let now = clock.unix_timestamp;
        ctx.accounts.validate(&args, now)?;
        let a = &ctx.accounts;
        let mint = MintRef::load(&a.payment_mint, &a.token_program)?;
        let price = load_price(
            &a.config,
            &a.price_account.to_account_info(),
            &clock,
            Some(a.rental.publish_time),
        )?;
        let ids: Vec<u8> = a
            .rental
            .qos_addon_ids
            .iter()
            .copied()
            .filter(|id| *id != 0)
            .collect();
        let (rate, _) = rental_rate(&a.node, &ids)?;
        let cost = cost_micro_usd(args.extra_seconds, rate).map_err(oracle_err)?;
        let tokens = tokens_for_usd_ceil(cost, &price, mint.decimals).map_err(oracle_err)?;
        let fee = renter_fee(tokens, a.rental.reservation_fee_bps)?;
        let total = tokens
            .checked_add(fee)
            .ok_or_else(|| named_error!(EscrowError::MathOverflow))?;
        ensure!(total <= args.max_tokens, EscrowError::SlippageExceeded);

        let rental_key = ctx.accounts.rental.key();
        let r = &mut ctx.accounts.rental;
        let end_ts = r
            .end_ts
            .checked_add(args.extra_seconds as i64)
            .ok_or_else(|| named_error!(EscrowError::MathOverflow))?;
        r.push_period(end_ts, tokens, fee)?;
        r.rate_micro_usd_per_hour = rate;
        r.price = price.price;
        r.conf = price.conf;
        r.expo = price.expo;
        r.publish_time = price.publish_time;
        r.invariant()?;

        let a = &ctx.accounts;
        transfer_from_signer(
            &a.token_program,
            &a.renter_tokens,
            &a.vault,
            &mint,
            &a.renter,
            total,
        )?;
        emit!(RentalExtended {
            rental: rental_key,
            end_ts,
            tokens,
            fee,
            rate_micro_usd_per_hour: rate,
            price: price.price,
            expo: price.expo,
            publish_time: price.publish_time,
        });
        Ok(())
    }
}
