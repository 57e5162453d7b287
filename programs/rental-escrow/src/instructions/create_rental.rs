use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, TokenAccount, TokenInterface};
use node_staking::{
    cpi::accounts::RentalLock,
    program::NodeStaking,
    state::{Node, NodeStatus},
};

use crate::{
    constants::*,
    errors::EscrowError,
    events::RentalCreated,
    price::{load_price, oracle_err},
    pricing::{cost_micro_usd, tokens_for_usd_ceil},
    state::{EscrowConfig, Rental, RentalStatus},
    token_utils::{no_remaining_accounts, renter_fee, transfer_from_signer},
};

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug)]
pub struct CreateRentalArgs {
    /// Renter-chosen id, unique per renter.
    pub rental_id: u64,
    /// Seconds (60 ..= 90 days).
    pub duration_seconds: u64,
    /// Ids of the node's QoS add-ons to include (at most 4, distinct).
    pub qos_addon_ids: Vec<u8>,
    /// Slippage guard: the most base units (escrow + renter fee) the renter pays.
    pub max_tokens: u64,
    /// Groups rentals created together (0 = none).
    pub cluster_id: u64,
}

#[derive(Accounts)]
#[instruction(args: CreateRentalArgs)]
pub struct CreateRental<'info> {
    #[account(mut)]
    pub renter: Signer<'info>,

    #[account(
        seeds = [ESCROW_CONFIG_SEED],
        bump = config.bump,
        has_one = payment_mint @ EscrowError::MintMismatch,
        has_one = treasury @ EscrowError::WrongTreasury,
    )]
    pub config: Box<Account<'info, EscrowConfig>>,

    #[account(
        init,
        payer = renter,
        space = 8 + Rental::INIT_SPACE,
        seeds = [RENTAL_SEED, renter.key().as_ref(), &args.rental_id.to_le_bytes()],
        bump,
    )]
    pub rental: Box<Account<'info, Rental>>,

    #[account(
        init,
        payer = renter,
        seeds = [RENTAL_VAULT_SEED, rental.key().as_ref()],
        bump,
        token::mint = payment_mint,
        token::authority = rental,
        token::token_program = token_program,
    )]
    pub vault: Box<InterfaceAccount<'info, TokenAccount>>,

    #[account(
        mut,
        constraint = renter_tokens.mint == payment_mint.key() @ EscrowError::MintMismatch,
    )]
    pub renter_tokens: Box<InterfaceAccount<'info, TokenAccount>>,

    #[account(mut)]
    pub treasury: Box<InterfaceAccount<'info, TokenAccount>>,

    pub payment_mint: Box<InterfaceAccount<'info, Mint>>,

    /// The node rented; owner (node_staking) checked by `Account`, status in `validate`.
    #[account(mut)]
    pub node: Box<Account<'info, Node>>,

    /// CHECK: owner, pinned address or feed, status, age and confidence are
    /// checked by `price::load_price`.
    pub price_account: UncheckedAccount<'info>,

    /// CHECK: node_staking's config; node_staking checks it in the lock CPI.
    pub staking_config: UncheckedAccount<'info>,

    /// CHECK: this program's signer PDA (seeds checked here), node_staking's rental authority.
    #[account(seeds = [RENTAL_AUTHORITY_SEED], bump = config.rental_authority_bump)]
    pub rental_authority: UncheckedAccount<'info>,

    #[account(
        constraint = node_staking_program.key() == config.node_staking_program
            @ EscrowError::WrongNodeStakingProgram,
    )]
    pub node_staking_program: Program<'info, NodeStaking>,

    #[account(address = config.token_program @ EscrowError::TokenProgramMismatch)]
    pub token_program: Interface<'info, TokenInterface>,
    pub system_program: Program<'info, System>,
}

/// Node price plus the chosen add-ons, in micro-USD per hour.
pub fn rental_rate(node: &Node, addon_ids: &[u8]) -> Result<(u64, [u8; 4])> {
    require!(addon_ids.len() <= 4, EscrowError::UnknownQosAddon);
    let mut rate = node.price_micro_usd_per_hour;
    let mut chosen = [0u8; 4];
    for (i, id) in addon_ids.iter().enumerate() {
        require!(!addon_ids[..i].contains(id), EscrowError::DuplicateQosAddon);
        let addon = node
            .qos_addons
            .iter()
            .find(|a| a.id != 0 && a.id == *id)
            .ok_or(EscrowError::UnknownQosAddon)?;
        rate = rate
            .checked_add(addon.price_micro_usd_per_hour)
            .ok_or(EscrowError::MathOverflow)?;
        chosen[i] = *id;
    }
    Ok((rate, chosen))
}

impl CreateRental<'_> {
    fn validate(&self, args: &CreateRentalArgs) -> Result<()> {
        self.config.check_not_paused()?;
        require!(
            args.duration_seconds >= MIN_RENTAL_SECONDS
                && args.duration_seconds <= MAX_RENTAL_SECONDS,
            EscrowError::InvalidDuration
        );
        require!(
            self.node.status == NodeStatus::Active,
            EscrowError::NodeNotRentable
        );
        Ok(())
    }

    /// Prices the rental in USD, converts it at the current (conservative)
    /// oracle price, escrows the tokens, and locks the node in node_staking.
    pub fn handler(ctx: Context<Self>, args: CreateRentalArgs) -> Result<()> {
        no_remaining_accounts(ctx.remaining_accounts)?;
        ctx.accounts.validate(&args)?;
        let now = Clock::get()?.unix_timestamp;
        let a = &ctx.accounts;
        let price = load_price(&a.config, &a.price_account.to_account_info(), now)?;
        let (rate, qos_addon_ids) = rental_rate(&a.node, &args.qos_addon_ids)?;
        let cost = cost_micro_usd(args.duration_seconds, rate).map_err(oracle_err)?;
        let tokens =
            tokens_for_usd_ceil(cost, &price, a.payment_mint.decimals).map_err(oracle_err)?;
        let fee = renter_fee(tokens, a.config.reservation_fee_bps)?;
        let total = tokens.checked_add(fee).ok_or(EscrowError::MathOverflow)?;
        require!(total <= args.max_tokens, EscrowError::SlippageExceeded);
        let end_ts = now
            .checked_add(args.duration_seconds as i64)
            .ok_or(EscrowError::MathOverflow)?;

        let rental_key = ctx.accounts.rental.key();
        let vault_key = ctx.accounts.vault.key();
        let node_key = ctx.accounts.node.key();
        let provider = ctx.accounts.node.operator;
        ctx.accounts.rental.set_inner(Rental {
            renter: ctx.accounts.renter.key(),
            rental_id: args.rental_id,
            node: node_key,
            provider,
            cluster_id: args.cluster_id,
            vault: vault_key,
            rate_micro_usd_per_hour: rate,
            qos_addon_ids,
            price: price.price,
            conf: price.conf,
            expo: price.expo,
            publish_time: price.publish_time,
            start_ts: now,
            end_ts,
            stream_start: now,
            stream_base: 0,
            stream_tokens: tokens,
            deposited: tokens,
            claimed: 0,
            refunded: 0,
            renter_fees: fee,
            status: RentalStatus::Active,
            disputed_at: 0,
            bump: ctx.bumps.rental,
            vault_bump: ctx.bumps.vault,
            reserved: [0; 32],
        });
        ctx.accounts.rental.invariant()?;

        let a = &ctx.accounts;
        transfer_from_signer(
            &a.token_program,
            &a.renter_tokens,
            &a.vault.to_account_info(),
            &a.payment_mint,
            &a.renter,
            tokens,
        )?;
        transfer_from_signer(
            &a.token_program,
            &a.renter_tokens,
            &a.treasury.to_account_info(),
            &a.payment_mint,
            &a.renter,
            fee,
        )?;

        let bump = [a.config.rental_authority_bump];
        let seeds: &[&[u8]] = &[RENTAL_AUTHORITY_SEED, &bump];
        node_staking::cpi::lock_node(CpiContext::new_with_signer(
            a.node_staking_program.to_account_info(),
            RentalLock {
                rental_authority: a.rental_authority.to_account_info(),
                config: a.staking_config.to_account_info(),
                node: a.node.to_account_info(),
            },
            &[seeds],
        ))?;

        emit!(RentalCreated {
            rental: rental_key,
            renter: a.renter.key(),
            node: node_key,
            cluster_id: args.cluster_id,
            rate_micro_usd_per_hour: rate,
            start_ts: now,
            end_ts,
            tokens,
            fee,
            price: price.price,
            expo: price.expo,
            publish_time: price.publish_time,
        });
        Ok(())
    }
}
