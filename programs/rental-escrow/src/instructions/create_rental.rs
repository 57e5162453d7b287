use anchor_lang::{
    prelude::*, solana_program::sysvar::instructions::ID as INSTRUCTIONS_ID, Discriminator,
};
use anchor_spl::token_interface::TokenInterface;
use node_staking::{ensure, ensure_keys_eq, named_error};
use node_staking::{
    pda::create_account, program::NodeStaking, state::Node, token_utils::token_account_space,
};

use crate::{
    constants::*,
    errors::EscrowError,
    events::RentalCreated,
    price::{load_price, oracle_err},
    pricing::{cost_micro_usd, tokens_for_usd_ceil},
    staking::{is_rental_authority, StakingCpi},
    state::{EscrowConfig, Rental, RentalPeriod, RentalStatus},
    token_utils::{
        check_payer_tokens, no_remaining_accounts, renter_fee, transfer_from_signer, MintRef,
    },
};

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug)]
pub struct CreateRentalArgs {
    /// Renter-chosen id, unique per renter.
    pub rental_id: u64,
    /// Seconds (the config's minimum ..= 90 days, and within the total cap).
    pub duration_seconds: u64,
    /// Ids of the node's QoS add-ons to include (at most 4, distinct).
    pub qos_addon_ids: Vec<u8>,
    /// Slippage guard: the most base units (escrow + renter fee) the renter pays.
    pub max_tokens: u64,
    /// Groups rentals created together in this transaction (0 = none); at
    /// most `MAX_CLUSTER_LEGS` create_rental instructions of this renter in
    /// the transaction may carry the same id.
    pub cluster_id: u64,
}

#[derive(Accounts)]
#[instruction(args: CreateRentalArgs)]
pub struct CreateRental<'info> {
    #[account(mut)]
    pub renter: Signer<'info>,

    /// The escrow config: owner and discriminator checked by `Account`;
    /// `initialize` creates the only one (at its PDA), so no seeds here.
    #[account(
        has_one = payment_mint @ EscrowError::MintMismatch,
    )]
    pub config: Box<Account<'info, EscrowConfig>>,

    /// CHECK: created here as a Rental at the PDA `[RENTAL_SEED, renter,
    /// rental_id]` with its canonical bump (address checked in the handler,
    /// `WrongRentalAddress`; the System program refuses an account in use).
    #[account(mut)]
    pub rental: UncheckedAccount<'info>,

    /// CHECK: created here as the rental's token vault (authority: the
    /// rental) at the PDA `[RENTAL_VAULT_SEED, rental]` with its canonical
    /// bump (address checked in the handler, `WrongVault`). Holds the
    /// rental's tokens and the renter's fee until they are earned.
    #[account(mut)]
    pub vault: UncheckedAccount<'info>,

    /// CHECK: the renter's token account of the payment mint, the source of
    /// the payment: its owning program and its mint are checked by
    /// `check_payer_tokens` (AccountNotInitialized, AccountOwnedByWrongProgram,
    /// MintMismatch); the token program checks the rest in the transfer.
    #[account(mut)]
    pub renter_tokens: UncheckedAccount<'info>,

    /// CHECK: the config's payment mint (has_one above); its decimals are
    /// read by `MintRef::load`, and the token program checks it again.
    pub payment_mint: UncheckedAccount<'info>,

    /// The node rented; owner (node_staking) checked by `Account`, its
    /// status by node_staking in the lock CPI.
    #[account(mut)]
    pub node: Box<Account<'info, Node>>,

    /// CHECK: owner, pinned address or feed, status, age, confidence and
    /// EMA divergence are checked by `price::load_price`.
    pub price_account: UncheckedAccount<'info>,

    /// CHECK: node_staking's config; node_staking checks it in the lock CPI.
    pub staking_config: UncheckedAccount<'info>,

    /// CHECK: the node's spec tier; node_staking checks its seeds in the lock CPI.
    pub staking_spec_tier: UncheckedAccount<'info>,

    /// CHECK: this program's signer PDA (seeds checked here), node_staking's rental authority.
    #[account(constraint = is_rental_authority(&rental_authority.key(), &config) @ EscrowError::WrongRentalAuthority)]
    pub rental_authority: UncheckedAccount<'info>,

    /// Needed for the CPI into node_staking even though no code reads it:
    /// the runtime finds the callee among the instruction's accounts.
    pub node_staking_program: Program<'info, NodeStaking>,

    /// CHECK: the instructions sysvar (address checked); needed for a cluster leg.
    #[account(address = INSTRUCTIONS_ID)]
    pub instructions: Option<UncheckedAccount<'info>>,

    #[account(address = config.token_program @ EscrowError::TokenProgramMismatch)]
    pub token_program: Interface<'info, TokenInterface>,
    pub system_program: Program<'info, System>,
}

/// Node price plus the chosen add-ons at their current prices, in
/// micro-USD per hour, and the ids laid out in a fixed array.
pub fn rental_rate(node: &Node, addon_ids: &[u8]) -> Result<(u64, [u8; 4])> {
    ensure!(addon_ids.len() <= 4, EscrowError::UnknownQosAddon);
    let mut rate = node.price_micro_usd_per_hour;
    let mut chosen = [0u8; 4];
    for (i, id) in addon_ids.iter().enumerate() {
        ensure!(!addon_ids[..i].contains(id), EscrowError::DuplicateQosAddon);
        let addon = node
            .qos_addons
            .iter()
            .find(|a| a.id != 0 && a.id == *id)
            .ok_or_else(|| named_error!(EscrowError::UnknownQosAddon))?;
        rate = rate
            .checked_add(addon.price_micro_usd_per_hour)
            .ok_or_else(|| named_error!(EscrowError::MathOverflow))?;
        chosen[i] = *id;
    }
    Ok((rate, chosen))
}

/// Counts the create_rental instructions in this transaction with this
/// renter and `cluster_id`, and refuses more than `MAX_CLUSTER_LEGS`.
fn check_cluster(instructions: &AccountInfo, renter: &Pubkey, cluster_id: u64) -> Result<()> {
    let data = instructions.try_borrow_data()?;
    let legs = cluster_legs(&data, renter, cluster_id).ok_or(ProgramError::InvalidAccountData)?;
    ensure!(
        legs <= u32::from(MAX_CLUSTER_LEGS),
        EscrowError::TooManyClusterLegs
    );
    Ok(())
}

/// The number of create_rental instructions of `renter` with `cluster_id`
/// in the instructions sysvar's `data`, read in place: the sysvar's layout
/// is a u16 instruction count, a u16 offset per instruction, and at each
/// offset a u16 account count, (u8 flags, 32-byte key) per account, the
/// 32-byte program id, a u16 data length and the data. This is what
/// `load_instruction_at_checked` parses, without building every
/// instruction's account list (about 1,300 CU per instruction for a
/// create_rental, paid by every leg for every instruction); the unit tests
/// compare the two. `None` if the data does not follow the layout.
fn cluster_legs(data: &[u8], renter: &Pubkey, cluster_id: u64) -> Option<u32> {
    let u16_at = |at: usize| -> Option<usize> {
        let b = data.get(at..at.checked_add(2)?)?;
        Some(usize::from(u16::from_le_bytes([b[0], b[1]])))
    };
    let slice = |at: usize, len: usize| data.get(at..at.checked_add(len)?);
    let mut legs = 0u32;
    for i in 0..u16_at(0)? {
        let start = u16_at(2 + 2 * i)?;
        let accounts = u16_at(start)?;
        let program_at = start + 2 + 33 * accounts;
        if slice(program_at, 32)? != crate::ID.as_ref() || accounts == 0 {
            continue;
        }
        let ix_data = slice(program_at + 34, u16_at(program_at + 32)?)?;
        if ix_data.get(..8) != Some(crate::instruction::CreateRental::DISCRIMINATOR)
            || slice(start + 3, 32)? != renter.as_ref()
        {
            continue;
        }
        let Ok(other) = CreateRentalArgs::deserialize(&mut &ix_data[8..]) else {
            continue;
        };
        if other.cluster_id == cluster_id {
            legs += 1;
        }
    }
    Some(legs)
}

impl CreateRental<'_> {
    fn validate(&self, args: &CreateRentalArgs) -> Result<()> {
        // Account checks first, as Anchor's constraints ran before the body.
        check_payer_tokens(
            &self.renter_tokens,
            &self.token_program.key(),
            &self.payment_mint.key(),
        )?;
        self.config.check_not_paused()?;
        let c = &self.config;
        ensure!(
            args.duration_seconds >= u64::from(c.min_rental_seconds)
                && args.duration_seconds <= MAX_RENTAL_SECONDS,
            EscrowError::InvalidDuration
        );
        ensure!(
            args.duration_seconds <= u64::from(c.max_total_rental_seconds),
            EscrowError::RentalTooLong
        );
        if args.cluster_id != 0 {
            let ixs = self
                .instructions
                .as_ref()
                .ok_or_else(|| named_error!(EscrowError::ClusterNeedsInstructions))?;
            check_cluster(ixs, &self.renter.key(), args.cluster_id)?;
        }
        Ok(())
    }

    /// Creates the rental and its vault at their canonical PDAs. The bumps
    /// are found with `pda_bump::find_canonical` (one `sol_sha256` and one
    /// curve check, ~300 CU, per bump tried) rather than Anchor's `init`
    /// search (`create_program_address`, 1,500 CU per bump tried): the same
    /// addresses and bumps, so one rental per renter and id, and one vault
    /// per rental, exactly as before. Returns the two bumps.
    fn create_accounts(&self, rental_id: u64) -> Result<(u8, u8)> {
        let renter = self.renter.key();
        let id = rental_id.to_le_bytes();
        let (rental, bump) =
            pda_bump::find_canonical(&[RENTAL_SEED, renter.as_ref(), &id], &crate::ID)
                .ok_or_else(|| named_error!(EscrowError::WrongRentalAddress))?;
        ensure_keys_eq!(self.rental.key(), rental, EscrowError::WrongRentalAddress);
        let (vault, vault_bump) =
            pda_bump::find_canonical(&[RENTAL_VAULT_SEED, rental.as_ref()], &crate::ID)
                .ok_or_else(|| named_error!(EscrowError::WrongVault))?;
        ensure_keys_eq!(self.vault.key(), vault, EscrowError::WrongVault);

        let payer = self.renter.to_account_info();
        let system = self.system_program.to_account_info();
        create_account(
            &payer,
            &self.rental,
            &system,
            &[RENTAL_SEED, renter.as_ref(), &id, &[bump]],
            8 + Rental::INIT_SPACE,
            &crate::ID,
        )?;
        let mint = self.payment_mint.to_account_info();
        create_account(
            &payer,
            &self.vault,
            &system,
            &[RENTAL_VAULT_SEED, rental.as_ref(), &[vault_bump]],
            token_account_space(&mint)?,
            &self.token_program.key(),
        )?;
        node_staking::invoke::initialize_account3(
            &self.token_program.to_account_info(),
            &self.vault,
            &mint,
            &rental,
        )?;
        Ok((bump, vault_bump))
    }

    /// Prices the rental in USD, converts it at the current (conservative)
    /// oracle price, creates the rental and its vault, escrows the tokens
    /// and the renter fee (earned by the treasury as service is delivered),
    /// fixes the money rules in the rental, and locks the node in
    /// node_staking.
    pub fn handler(ctx: Context<Self>, args: CreateRentalArgs) -> Result<()> {
        no_remaining_accounts(ctx.remaining_accounts)?;
        ctx.accounts.validate(&args)?;
        let clock = Clock::get()?;
        let now = clock.unix_timestamp;
        let a = &ctx.accounts;
        let mint = MintRef::load(&a.payment_mint, &a.token_program)?;
        let price = load_price(&a.config, &a.price_account.to_account_info(), &clock, None)?;
        let (rate, qos_addon_ids) = rental_rate(&a.node, &args.qos_addon_ids)?;
        let cost = cost_micro_usd(args.duration_seconds, rate).map_err(oracle_err)?;
        let tokens = tokens_for_usd_ceil(cost, &price, mint.decimals).map_err(oracle_err)?;
        let fee = renter_fee(tokens, a.config.reservation_fee_bps)?;
        let total = tokens
            .checked_add(fee)
            .ok_or_else(|| named_error!(EscrowError::MathOverflow))?;
        ensure!(total <= args.max_tokens, EscrowError::SlippageExceeded);
        let end_ts = now
            .checked_add(args.duration_seconds as i64)
            .ok_or_else(|| named_error!(EscrowError::MathOverflow))?;

        let (bump, vault_bump) = ctx.accounts.create_accounts(args.rental_id)?;
        let rental_key = ctx.accounts.rental.key();
        let vault_key = ctx.accounts.vault.key();
        let node_key = ctx.accounts.node.key();
        let provider = ctx.accounts.node.operator;
        let c = &ctx.accounts.config;
        let mut periods = [RentalPeriod::default(); MAX_RENTAL_PERIODS as usize];
        periods[0] = RentalPeriod {
            end_ts,
            tokens,
            fee,
        };
        let rental = Rental {
            renter: ctx.accounts.renter.key(),
            rental_id: args.rental_id,
            node: node_key,
            provider,
            cluster_id: args.cluster_id,
            vault: vault_key,
            qos_addon_ids,
            rate_micro_usd_per_hour: rate,
            price: price.price,
            conf: price.conf,
            expo: price.expo,
            publish_time: price.publish_time,
            start_ts: now,
            end_ts,
            periods,
            period_count: 1,
            reservation_fee_bps: c.reservation_fee_bps,
            claim_holdback_bps: c.claim_holdback_bps,
            dispute_window_seconds: c.dispute_window_seconds,
            dispute_timeout_seconds: c.dispute_timeout_seconds,
            deposited: tokens,
            renter_fees: fee,
            claimed: 0,
            fees_collected: 0,
            refunded: 0,
            fees_refunded: 0,
            status: RentalStatus::Active,
            disputed_at: 0,
            node_locked: true,
            bump,
            vault_bump,
            fees_held: 0,
            reserved: [0; 24],
        };
        rental.invariant()?;
        {
            let info = ctx.accounts.rental.to_account_info();
            let mut data = info.try_borrow_mut_data()?;
            rental.try_serialize(&mut &mut data[..])?;
        }

        let a = &ctx.accounts;
        transfer_from_signer(
            &a.token_program,
            &a.renter_tokens,
            &a.vault,
            &mint,
            &a.renter,
            total,
        )?;
        StakingCpi {
            config: &a.config,
            rental_authority: a.rental_authority.to_account_info(),
            staking_config: a.staking_config.to_account_info(),
            node: a.node.to_account_info(),
        }
        .lock(a.staking_spec_tier.to_account_info())?;

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

#[cfg(test)]
mod tests {
    use super::*;
    use anchor_lang::{
        solana_program::{
            instruction::{BorrowedAccountMeta, BorrowedInstruction},
            sysvar::instructions::{construct_instructions_data, load_instruction_at_checked},
        },
        InstructionData,
    };
    use proptest::prelude::*;

    /// The count as the previous code took it: every instruction
    /// deserialised by `load_instruction_at_checked`.
    fn legs_by_loading(data: &[u8], renter: &Pubkey, cluster_id: u64) -> u32 {
        let key = INSTRUCTIONS_ID;
        let owner = anchor_lang::solana_program::sysvar::ID;
        let mut lamports = 0;
        let mut bytes = data.to_vec();
        let info = AccountInfo::new(
            &key,
            false,
            false,
            &mut lamports,
            &mut bytes,
            &owner,
            false,
            0,
        );
        let mut legs = 0;
        let mut i = 0;
        while let Ok(ix) = load_instruction_at_checked(i, &info) {
            i += 1;
            if ix.program_id != crate::ID
                || ix.data.get(..8) != Some(crate::instruction::CreateRental::DISCRIMINATOR)
                || ix.accounts.first().map(|a| a.pubkey) != Some(*renter)
            {
                continue;
            }
            if let Ok(o) = CreateRentalArgs::deserialize(&mut &ix.data[8..]) {
                legs += u32::from(o.cluster_id == cluster_id);
            }
        }
        legs
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2_000))]

        /// Random transactions of up to 12 instructions: create_rental
        /// instructions of two renters with random clusters, add-on lists
        /// and account counts (0 included), other programs, other
        /// instructions of this program, truncated argument data.
        #[test]
        fn the_in_place_count_is_what_loading_each_instruction_counts(
            shape in proptest::collection::vec(
                (0u8..5, 0usize..20, 0u64..3, 0usize..5, any::<u64>(), 0usize..60),
                0..12,
            ),
        ) {
            let renters = [Pubkey::new_unique(), Pubkey::new_unique()];
            let others = [Pubkey::new_unique(), Pubkey::new_unique()];
            let mut keys: Vec<Vec<Pubkey>> = Vec::new();
            let mut datas: Vec<Vec<u8>> = Vec::new();
            let mut programs: Vec<Pubkey> = Vec::new();
            for (kind, accounts, cluster, addons, id, cut) in &shape {
                let args = CreateRentalArgs {
                    rental_id: *id,
                    duration_seconds: 3_600,
                    qos_addon_ids: vec![1; *addons],
                    max_tokens: u64::MAX,
                    cluster_id: *cluster,
                };
                let mut data = crate::instruction::CreateRental { args }.data();
                let mut first = renters[0];
                let mut program = crate::ID;
                match kind {
                    0 => {}
                    1 => first = renters[1],
                    2 => program = others[0],
                    3 => data[0] ^= 1,
                    _ => data.truncate(*cut),
                }
                let mut k = vec![first];
                k.extend((1..*accounts).map(|_| others[1]));
                k.truncate(*accounts);
                keys.push(k);
                datas.push(data);
                programs.push(program);
            }
            let ixs: Vec<BorrowedInstruction> = (0..shape.len())
                .map(|i| BorrowedInstruction {
                    program_id: &programs[i],
                    accounts: keys[i]
                        .iter()
                        .map(|k| BorrowedAccountMeta { pubkey: k, is_signer: true, is_writable: true })
                        .collect(),
                    data: &datas[i],
                })
                .collect();
            let sysvar = construct_instructions_data(&ixs);
            for renter in &renters {
                for cluster in 0..3 {
                    prop_assert_eq!(
                        cluster_legs(&sysvar, renter, cluster),
                        Some(legs_by_loading(&sysvar, renter, cluster))
                    );
                }
            }
        }
    }

    #[test]
    fn a_truncated_sysvar_is_refused() {
        let renter = Pubkey::new_unique();
        let args = CreateRentalArgs {
            rental_id: 1,
            duration_seconds: 60,
            qos_addon_ids: vec![],
            max_tokens: 1,
            cluster_id: 7,
        };
        let data = crate::instruction::CreateRental { args }.data();
        let ix = BorrowedInstruction {
            program_id: &crate::ID,
            accounts: vec![BorrowedAccountMeta {
                pubkey: &renter,
                is_signer: true,
                is_writable: true,
            }],
            data: &data,
        };
        let sysvar = construct_instructions_data(&[ix]);
        assert_eq!(cluster_legs(&sysvar, &renter, 7), Some(1));
        for len in 0..sysvar.len() - 2 {
            assert_eq!(
                cluster_legs(&sysvar[..len], &renter, 7),
                None,
                "length {len}"
            );
        }
    }
}
