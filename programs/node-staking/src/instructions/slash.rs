use anchor_lang::prelude::*;
use anchor_spl::token_interface::TokenInterface;

use super::stake::emit_status_change;
use crate::{
    constants::*,
    errors::StakingError,
    events::Slashed,
    math,
    state::{Config, Node, NodeStatus, SlashReason, SlashRecord, SpecTier},
    token_utils::{check_destination, mint_decimals, no_remaining_accounts, pay_out},
};

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug)]
pub struct SlashArgs {
    /// Hash of the off-chain evidence; a second slash with the same hash fails.
    pub evidence_hash: [u8; 32],
    pub reason: SlashReason,
    /// Fraction of the node's total slashable stake (provider + delegated +
    /// unbonding), in basis points (1 ..= 10 000).
    pub fraction_bps: u16,
    /// Part of the slashed amount sent to the harmed renter, in basis points
    /// (0 ..= 10 000); needs `renter_tokens`.
    pub renter_share_bps: u16,
}

#[derive(Accounts)]
pub struct Slash<'info> {
    /// The slash authority, or rental_escrow's rental authority (a PDA signing
    /// by CPI on a resolved dispute).
    pub authority: Signer<'info>,

    /// Pays for the slash record (any signer; the dispute authority on a dispute).
    #[account(mut)]
    pub payer: Signer<'info>,

    #[account(
        mut,
        has_one = treasury @ StakingError::WrongTreasury,
        has_one = stake_mint @ StakingError::MintMismatch,
    )]
    pub config: Box<Account<'info, Config>>,

    /// The node's tier (its minimum decides the status after the slash).
    #[account(
        constraint = spec_tier.tier_id == node.spec_tier @ StakingError::TierMismatch,
    )]
    pub spec_tier: Box<Account<'info, SpecTier>>,

    #[account(
        mut,
        has_one = vault @ StakingError::VaultMismatch,
    )]
    pub node: Box<Account<'info, Node>>,

    /// CHECK: replay protection. The handler creates it at the canonical PDA
    /// `[SLASH_SEED, node, evidence_hash]` (`ConstraintSeeds` otherwise);
    /// creating it fails ("already in use") if this evidence was already used.
    #[account(mut)]
    pub slash_record: UncheckedAccount<'info>,

    /// CHECK: the node's vault (`has_one = vault` on the node); the token
    /// program checks it in the transfer.
    #[account(mut)]
    pub vault: UncheckedAccount<'info>,

    /// CHECK: the config's treasury (`has_one = treasury`); the token
    /// program checks its mint in the transfer.
    #[account(mut)]
    pub treasury: UncheckedAccount<'info>,

    /// CHECK: the harmed renter's token account, when part of the slash goes
    /// to them: a token account of the stake mint (`validate`:
    /// `check_destination`, MintMismatch), not the vault.
    #[account(
        mut,
        constraint = renter_tokens.key() != vault.key() @ StakingError::DestinationIsVault,
    )]
    pub renter_tokens: Option<UncheckedAccount<'info>>,

    /// CHECK: the config's stake mint (`has_one = stake_mint`).
    pub stake_mint: UncheckedAccount<'info>,

    #[account(address = config.token_program @ StakingError::TokenProgramMismatch)]
    pub token_program: Interface<'info, TokenInterface>,
    pub system_program: Program<'info, System>,
}

/// How a slash of `amount` is split: the provider (active stake, then its
/// unbonding) absorbs first; the rest comes pro-rata from the delegated
/// active and unbonding pools, each share rounded down (the slash may come
/// out up to 1 base unit short, never more than exists).
pub struct SlashSplit {
    pub from_provider_stake: u64,
    pub from_provider_unbonding: u64,
    pub from_pool: u64,
    pub from_unbonding: u64,
}

impl SlashSplit {
    pub fn compute(node: &Node, amount: u64) -> Result<Self> {
        let from_provider_stake = amount.min(node.provider_stake);
        let rest = amount - from_provider_stake;
        let from_provider_unbonding = rest.min(node.provider_unbonding);
        let rest = rest - from_provider_unbonding;
        let delegated = math::add(node.pool_tokens, node.unbonding_tokens)?;
        let (from_pool, from_unbonding) = if rest == 0 || delegated == 0 {
            (0, 0)
        } else if rest >= delegated {
            (node.pool_tokens, node.unbonding_tokens)
        } else {
            (
                math::mul_div_floor(rest, node.pool_tokens, delegated)?,
                math::mul_div_floor(rest, node.unbonding_tokens, delegated)?,
            )
        };
        Ok(Self {
            from_provider_stake,
            from_provider_unbonding,
            from_pool,
            from_unbonding,
        })
    }

    pub fn total(&self) -> Result<u64> {
        math::add(
            math::add(self.from_provider_stake, self.from_provider_unbonding)?,
            math::add(self.from_pool, self.from_unbonding)?,
        )
    }
}

impl Slash<'_> {
    /// Runs while paused: a pause must not let stake escape a slash (matured
    /// withdrawals stay open while paused, so slashes do too).
    fn validate(&self, args: &SlashArgs) -> Result<()> {
        if let Some(renter_tokens) = &self.renter_tokens {
            check_destination(
                renter_tokens,
                &self.token_program.key(),
                &self.stake_mint.key(),
                None,
                "renter_tokens",
            )?;
        }
        let signer = self.authority.key();
        ensure!(
            signer == self.config.slash_authority
                || (self.config.rental_authority != Pubkey::default()
                    && signer == self.config.rental_authority),
            StakingError::NotSlashAuthority
        );
        ensure!(
            args.fraction_bps >= 1 && args.fraction_bps <= BPS,
            StakingError::InvalidSlashFraction
        );
        ensure!(args.renter_share_bps <= BPS, StakingError::InvalidBps);
        if args.renter_share_bps > 0 {
            ensure!(
                self.renter_tokens.is_some(),
                StakingError::RenterAccountRequired
            );
        }
        Ok(())
    }

    /// Takes `fraction_bps` of the node's slashable stake, in O(1) whatever
    /// the number of delegators: pools shrink, shares stay, so every
    /// delegator's claim falls pro-rata. A pool left empty (or worth less
    /// than a base unit per 1 000 shares, whose rest is then taken too)
    /// starts a new generation. The status follows the provider stake that
    /// is left; a data-leak slash jails the node.
    pub fn handler(ctx: Context<Self>, args: SlashArgs) -> Result<()> {
        no_remaining_accounts(ctx.remaining_accounts)?;
        ctx.accounts.validate(&args)?;
        let now = Clock::get()?.unix_timestamp;
        let node_key = ctx.accounts.node.key();

        let required = Node::required_minimum(&ctx.accounts.config, &ctx.accounts.spec_tier);
        let requested = math::bps_of(ctx.accounts.node.slashable()?, args.fraction_bps)?;
        let mut split = SlashSplit::compute(&ctx.accounts.node, requested)?;
        {
            let node = &mut ctx.accounts.node;
            node.provider_stake = math::sub(node.provider_stake, split.from_provider_stake)?;
            node.provider_unbonding =
                math::sub(node.provider_unbonding, split.from_provider_unbonding)?;
            node.pool_tokens = math::sub(node.pool_tokens, split.from_pool)?;
            node.unbonding_tokens = math::sub(node.unbonding_tokens, split.from_unbonding)?;
            let (rest_of_pool, rest_of_unbonding) = node.wipe_collapsed_pools()?;
            split.from_pool = math::add(split.from_pool, rest_of_pool)?;
            split.from_unbonding = math::add(split.from_unbonding, rest_of_unbonding)?;
        }
        let amount = split.total()?;

        // Per-epoch circuit breaker.
        {
            let config = &mut ctx.accounts.config;
            let epoch = config.epoch_at(now);
            if config.slash_epoch != epoch {
                config.slash_epoch = epoch;
                config.slashed_in_epoch = 0;
            }
            let total = math::add(config.slashed_in_epoch, amount)?;
            ensure!(
                total <= config.max_slash_per_epoch,
                StakingError::SlashLimitExceeded
            );
            config.slashed_in_epoch = total;
        }

        let to_renter = if ctx.accounts.renter_tokens.is_some() {
            math::bps_of(amount, args.renter_share_bps)?
        } else {
            0
        };
        {
            let node = &mut ctx.accounts.node;
            node.total_slashed = math::add(node.total_slashed, amount)?;
            // One event for the net change (a data leak below the minimum
            // goes Active -> Jailed, not Active -> Pending -> Jailed).
            let old = node.status;
            node.refresh_status(required);
            if args.reason == SlashReason::DataLeak {
                node.status = NodeStatus::Jailed;
            }
            emit_status_change(node_key, old, node.status);
            node.invariant()?;
        }

        let authority = ctx.accounts.authority.key();
        let record_info = ctx.accounts.slash_record.to_account_info();
        let seeds: &[&[u8]] = &[SLASH_SEED, node_key.as_ref(), &args.evidence_hash];
        let bump = crate::pda::expect_canonical(&record_info, seeds, "slash_record")?;
        crate::pda::create_account(
            &ctx.accounts.payer.to_account_info(),
            &record_info,
            &ctx.accounts.system_program.to_account_info(),
            &[seeds[0], seeds[1], seeds[2], &[bump]],
            8 + SlashRecord::INIT_SPACE,
            &crate::ID,
        )?;
        let record = SlashRecord {
            node: node_key,
            evidence_hash: args.evidence_hash,
            reason: args.reason,
            fraction_bps: args.fraction_bps,
            amount,
            to_renter,
            authority,
            payer: ctx.accounts.payer.key(),
            slashed_at: now,
            bump,
        };
        record.try_serialize(&mut &mut record_info.try_borrow_mut_data()?[..])?;

        let a = &ctx.accounts;
        if let Some(renter) = &a.renter_tokens {
            pay_out(
                &a.token_program,
                &a.vault.to_account_info(),
                &renter.to_account_info(),
                &a.stake_mint.to_account_info(),
                mint_decimals(&a.stake_mint)?,
                &a.node,
                to_renter,
            )?;
        }
        pay_out(
            &a.token_program,
            &a.vault.to_account_info(),
            &a.treasury.to_account_info(),
            &a.stake_mint.to_account_info(),
            mint_decimals(&a.stake_mint)?,
            &a.node,
            amount - to_renter,
        )?;
        emit!(Slashed {
            node: node_key,
            evidence_hash: args.evidence_hash,
            reason: args.reason,
            fraction_bps: args.fraction_bps,
            amount,
            from_provider: split.from_provider_stake + split.from_provider_unbonding,
            from_pool: split.from_pool,
            from_unbonding: split.from_unbonding,
            to_renter,
            authority,
        });
        Ok(())
    }
}
