use anchor_lang::prelude::*;
use node_staking::{ensure, named_error};

use node_staking::{
    fixed_layout::{Reader, Writer},
    fixed_layout_account,
};

use crate::{
    constants::{BPS_DENOMINATOR, MAX_RENTAL_PERIODS},
    errors::EscrowError,
    token_utils::split_fee,
};

/// Where the vault's tokens go when a rental is settled for good.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Settlement {
    /// To the provider, after the provider-side fee.
    pub payout: u64,
    /// To the treasury: the provider-side fees (held from claims and on the
    /// rest) and the renter fees earned.
    pub to_treasury: u64,
    /// Back to the renter: unserved tokens and fees, and the refunded part
    /// of the accrued tokens.
    pub to_renter: u64,
}

/// Where a rental is in its life.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub enum RentalStatus {
    /// Streaming to the provider until `end_ts`.
    Active,
    /// The renter disputed it: accrual stopped at `disputed_at` and provider
    /// claims are frozen until it is resolved or times out.
    Disputed,
    /// Ended early by the renter; what accrued stays claimable.
    Cancelled,
    /// Settled by the dispute authority (or by the dispute timeout).
    Resolved,
}

/// One purchase of rental time. Period `k` runs from the end of period
/// `k − 1` (period 0 from `Rental::start_ts`) to `end_ts`; its tokens and
/// fee accrue linearly over it, each rounded down.
#[derive(
    AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, Default, PartialEq, Eq, InitSpace,
)]
pub struct RentalPeriod {
    /// Unix time this period ends.
    pub end_ts: i64,
    /// Tokens escrowed for it (base units), at the price of its purchase.
    pub tokens: u64,
    /// Renter fee escrowed with it (base units); the treasury earns it as
    /// the period is served, and a cancel refunds the unserved part.
    pub fee: u64,
}

/// Tokens and fees a rental has accrued by some time.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Accrual {
    pub tokens: u64,
    pub fees: u64,
}

/// One rental of one node (PDA `[RENTAL_SEED, renter, rental_id]`).
///
/// Token accounting (base units of the payment mint): the vault holds
/// `deposited + renter_fees − claimed − fees_collected − refunded −
/// fees_refunded + fees_held` (plus anything donated to it, which goes to
/// the renter at close). Fees stay in the vault until the rental is settled
/// for good (resolve_dispute or close_rental), which pays the treasury once.
///
/// Only `create_rental` creates a Rental, and only at this PDA, so an account
/// owned by this program with Rental's discriminator is a rental at its PDA:
/// later instructions check owner and discriminator (`Account`) and bind the
/// other accounts to it with `has_one`, without re-deriving the seeds.
///
/// What `#[account]` would generate comes from `fixed_layout_account!` (discriminator
/// `sha256("account:Rental")[..8]`, owner, Borsh layout) so that, outside
/// IDL builds, the Rental is serialised into one buffer and written with
/// one copy: Anchor writes a `mut` account back through one `sol_memcpy`
/// per Borsh write (~60 for a Rental, ~2,200 CU on every instruction that
/// writes one). IDL builds derive `AnchorSerialize` as `#[account]` does.
#[derive(AnchorDeserialize, Clone, InitSpace)]
#[cfg_attr(feature = "idl-build", derive(AnchorSerialize))]
#[cfg_attr(test, derive(Debug, PartialEq))]
pub struct Rental {
    pub renter: Pubkey,
    pub rental_id: u64,
    /// The node_staking Node rented, and its operator (the provider) at creation.
    pub node: Pubkey,
    pub provider: Pubkey,
    /// Rentals created together in one transaction share it (0 = none).
    pub cluster_id: u64,
    /// The rental's token vault (PDA `[RENTAL_VAULT_SEED, rental]`).
    pub vault: Pubkey,
    /// QoS add-on ids chosen (0 = unused slot).
    pub qos_addon_ids: [u8; 4],
    /// Node price + chosen add-ons at the last purchase, micro-USD per hour.
    pub rate_micro_usd_per_hour: u64,
    /// The oracle price of the last purchase, with its confidence, exponent
    /// and publish time (an extension may not use an older one).
    pub price: i64,
    pub conf: u64,
    pub expo: i32,
    pub publish_time: i64,
    /// Unix time the rental started.
    pub start_ts: i64,
    /// End of service: the last period's end, or the cancel time, or (once
    /// a dispute is settled) the time service was paid until.
    pub end_ts: i64,
    /// Purchased periods, in order; `period_count` of them are used.
    pub periods: [RentalPeriod; MAX_RENTAL_PERIODS as usize],
    pub period_count: u8,
    /// Money rules in force when the rental was created (config changes do
    /// not reach running rentals): fee each side, claim holdback, dispute
    /// window after `end_ts`, and how long a dispute may wait.
    pub reservation_fee_bps: u16,
    pub claim_holdback_bps: u16,
    pub dispute_window_seconds: u32,
    pub dispute_timeout_seconds: u32,
    /// Tokens escrowed for service in total (sum of the periods' tokens).
    pub deposited: u64,
    /// Renter fees escrowed in total (sum of the periods' fees).
    pub renter_fees: u64,
    /// Tokens settled to the provider side (payouts + provider fees).
    pub claimed: u64,
    /// Renter fees settled to the treasury (set at the final settlement).
    pub fees_collected: u64,
    /// Tokens returned to the renter.
    pub refunded: u64,
    /// Renter fees returned to the renter.
    pub fees_refunded: u64,
    pub status: RentalStatus,
    /// Unix time the dispute was opened (0 if never); accrual stops there.
    pub disputed_at: i64,
    /// True while this rental counts in the node's `active_rentals`.
    pub node_locked: bool,
    pub bump: u8,
    pub vault_bump: u8,
    /// Provider-side fees of the claims so far (part of `claimed`), kept in
    /// the vault for the treasury until the final settlement pays them.
    pub fees_held: u64,
    /// Reserved for future fields; always zero.
    pub reserved: [u8; 24],
}

fixed_layout_account!(Rental, [121, 83, 229, 235, 73, 50, 143, 184]);

/// Bytes of a serialised Rental, discriminator included.
pub const RENTAL_LEN: usize = 8 + Rental::INIT_SPACE;

impl Rental {
    /// The account bytes (discriminator, then the Borsh layout: fields in
    /// declaration order, integers little-endian, the status as its variant
    /// index, bools as 0/1), built at fixed offsets.
    pub fn to_bytes(&self) -> [u8; RENTAL_LEN] {
        let mut w = Writer::<RENTAL_LEN>::new();
        w.put(Self::DISCRIMINATOR);
        w.key(&self.renter);
        w.u64(self.rental_id);
        w.key(&self.node);
        w.key(&self.provider);
        w.u64(self.cluster_id);
        w.key(&self.vault);
        w.put(&self.qos_addon_ids);
        w.u64(self.rate_micro_usd_per_hour);
        w.i64(self.price);
        w.u64(self.conf);
        w.i32(self.expo);
        w.i64(self.publish_time);
        w.i64(self.start_ts);
        w.i64(self.end_ts);
        for p in &self.periods {
            w.i64(p.end_ts);
            w.u64(p.tokens);
            w.u64(p.fee);
        }
        w.u8(self.period_count);
        w.u16(self.reservation_fee_bps);
        w.u16(self.claim_holdback_bps);
        w.u32(self.dispute_window_seconds);
        w.u32(self.dispute_timeout_seconds);
        w.u64(self.deposited);
        w.u64(self.renter_fees);
        w.u64(self.claimed);
        w.u64(self.fees_collected);
        w.u64(self.refunded);
        w.u64(self.fees_refunded);
        w.u8(self.status as u8);
        w.i64(self.disputed_at);
        w.u8(u8::from(self.node_locked));
        w.u8(self.bump);
        w.u8(self.vault_bump);
        w.u64(self.fees_held);
        w.put(&self.reserved);
        w.finish()
    }
}

impl Rental {
    /// The rental in `bytes` (discriminator first, not checked here), read
    /// at fixed offsets; `None` where Borsh would fail (too short, a status
    /// or bool byte out of range). Same result as the derived deserialiser
    /// (unit test), without its per-field reads.
    pub fn from_bytes(bytes: &[u8]) -> Option<Self> {
        if bytes.len() < RENTAL_LEN {
            return None;
        }
        let mut r = Reader::new(bytes, 8);
        // Fields are read in declaration order: a struct expression
        // evaluates its fields in the order written.
        Some(Self {
            renter: r.key(),
            rental_id: r.u64(),
            node: r.key(),
            provider: r.key(),
            cluster_id: r.u64(),
            vault: r.key(),
            qos_addon_ids: r.take(),
            rate_micro_usd_per_hour: r.u64(),
            price: r.i64(),
            conf: r.u64(),
            expo: r.i32(),
            publish_time: r.i64(),
            start_ts: r.i64(),
            end_ts: r.i64(),
            periods: core::array::from_fn(|_| RentalPeriod {
                end_ts: r.i64(),
                tokens: r.u64(),
                fee: r.u64(),
            }),
            period_count: r.u8(),
            reservation_fee_bps: r.u16(),
            claim_holdback_bps: r.u16(),
            dispute_window_seconds: r.u32(),
            dispute_timeout_seconds: r.u32(),
            deposited: r.u64(),
            renter_fees: r.u64(),
            claimed: r.u64(),
            fees_collected: r.u64(),
            refunded: r.u64(),
            fees_refunded: r.u64(),
            status: match r.u8() {
                0 => RentalStatus::Active,
                1 => RentalStatus::Disputed,
                2 => RentalStatus::Cancelled,
                3 => RentalStatus::Resolved,
                _ => return None,
            },
            disputed_at: r.i64(),
            node_locked: r.bool()?,
            bump: r.u8(),
            vault_bump: r.u8(),
            fees_held: r.u64(),
            reserved: r.take(),
        })
    }
}

impl Rental {
    /// The end of the last purchased period.
    pub fn booked_end(&self) -> i64 {
        self.periods[(self.period_count.max(1) - 1) as usize].end_ts
    }

    /// The last moment service counts for at `now`: not after `end_ts`, and
    /// not after `disputed_at` while a dispute is open.
    pub fn served_until(&self, now: i64) -> i64 {
        let mut t = now.min(self.end_ts);
        if self.status == RentalStatus::Disputed {
            t = t.min(self.disputed_at);
        }
        t
    }

    /// Tokens and fees accrued by service up to `t` (each period rounded
    /// down: payouts round down, the renter's refunds get the rounding).
    pub fn accrual_at(&self, t: i64) -> Result<Accrual> {
        let mut acc = Accrual::default();
        let mut start = self.start_ts;
        for p in &self.periods[..self.period_count as usize] {
            let len = p.end_ts.checked_sub(start).filter(|l| *l > 0);
            let len =
                len.ok_or_else(|| named_error!(EscrowError::RentalInvariantViolated))? as u128;
            let elapsed = (t.clamp(start, p.end_ts) - start) as u128;
            let tokens = (p.tokens as u128) * elapsed / len;
            let fees = (p.fee as u128) * elapsed / len;
            // Each part is at most the period's amount: it fits in u64.
            acc.tokens = acc
                .tokens
                .checked_add(tokens as u64)
                .ok_or_else(|| named_error!(EscrowError::MathOverflow))?;
            acc.fees = acc
                .fees
                .checked_add(fees as u64)
                .ok_or_else(|| named_error!(EscrowError::MathOverflow))?;
            start = p.end_ts;
        }
        Ok(acc)
    }

    /// What has accrued for service by `now`.
    pub fn accrued(&self, now: i64) -> Result<Accrual> {
        self.accrual_at(self.served_until(now))
    }

    /// The most the provider side may have claimed by `now`: the accrued
    /// tokens minus the holdback, which waits in escrow for the close.
    pub fn claimable_total(&self, now: i64) -> Result<u64> {
        let accrued = self.accrued(now)?.tokens as u128;
        let keep = (BPS_DENOMINATOR - self.claim_holdback_bps.min(BPS_DENOMINATOR)) as u128;
        Ok((accrued * keep / BPS_DENOMINATOR as u128) as u64)
    }

    /// Base units still owed out of the vault by the accounting.
    pub fn held(&self) -> Result<u64> {
        self.deposited
            .checked_add(self.renter_fees)
            .and_then(|v| v.checked_add(self.fees_held))
            .and_then(|v| v.checked_sub(self.claimed))
            .and_then(|v| v.checked_sub(self.fees_collected))
            .and_then(|v| v.checked_sub(self.refunded))
            .and_then(|v| v.checked_sub(self.fees_refunded))
            .ok_or_else(|| named_error!(EscrowError::RentalInvariantViolated))
    }

    /// Adds a purchased period ending `extra` seconds after the current end.
    pub fn push_period(&mut self, end_ts: i64, tokens: u64, fee: u64) -> Result<()> {
        let i = self.period_count as usize;
        ensure!(
            i < MAX_RENTAL_PERIODS as usize,
            EscrowError::TooManyExtensions
        );
        self.periods[i] = RentalPeriod {
            end_ts,
            tokens,
            fee,
        };
        self.period_count += 1;
        self.end_ts = end_ts;
        self.deposited = self
            .deposited
            .checked_add(tokens)
            .ok_or_else(|| named_error!(EscrowError::MathOverflow))?;
        self.renter_fees = self
            .renter_fees
            .checked_add(fee)
            .ok_or_else(|| named_error!(EscrowError::MathOverflow))?;
        Ok(())
    }

    /// Settles the rental for good with service paid until `settle_at` (at
    /// most `end_ts`) and `refund_bps` of the accrued tokens returned to the
    /// renter (at most what the provider has not claimed; the claim holdback
    /// keeps that at least `claim_holdback_bps` of them). After this the
    /// accounting holds nothing: every base unit has one destination.
    pub fn settle_final(&mut self, settle_at: i64, refund_bps: u16) -> Result<Settlement> {
        ensure!(refund_bps <= BPS_DENOMINATOR, EscrowError::InvalidRefund);
        let settle_at = settle_at.clamp(self.start_ts, self.end_ts);
        let acc = self.accrual_at(settle_at)?;
        let unclaimed = acc
            .tokens
            .checked_sub(self.claimed)
            .ok_or_else(|| named_error!(EscrowError::RentalInvariantViolated))?;
        let refund_of_accrued =
            ((acc.tokens as u128) * (refund_bps as u128) / (BPS_DENOMINATOR as u128)) as u64;
        let refund_of_accrued = refund_of_accrued.min(unclaimed);
        let provider_total = acc.tokens - refund_of_accrued;
        let (payout, provider_fee) =
            split_fee(provider_total - self.claimed, self.reservation_fee_bps)?;
        let fees_earned_now = acc
            .fees
            .checked_sub(self.fees_collected)
            .ok_or_else(|| named_error!(EscrowError::RentalInvariantViolated))?;
        let tokens_back = self
            .deposited
            .checked_sub(provider_total)
            .and_then(|v| v.checked_sub(self.refunded))
            .ok_or_else(|| named_error!(EscrowError::RentalInvariantViolated))?;
        let fees_back = self
            .renter_fees
            .checked_sub(acc.fees)
            .and_then(|v| v.checked_sub(self.fees_refunded))
            .ok_or_else(|| named_error!(EscrowError::RentalInvariantViolated))?;
        self.end_ts = settle_at;
        self.claimed = provider_total;
        self.fees_collected = acc.fees;
        self.refunded = self.deposited - provider_total;
        self.fees_refunded = self.renter_fees - acc.fees;
        let fees_held = std::mem::take(&mut self.fees_held);
        Ok(Settlement {
            payout,
            to_treasury: provider_fee
                .checked_add(fees_earned_now)
                .and_then(|v| v.checked_add(fees_held))
                .ok_or_else(|| named_error!(EscrowError::MathOverflow))?,
            to_renter: tokens_back
                .checked_add(fees_back)
                .ok_or_else(|| named_error!(EscrowError::MathOverflow))?,
        })
    }

    /// Properties that must hold after every instruction that writes a
    /// rental: the periods are in order and add up to the totals; service
    /// ends within them; nothing is paid out twice (provider plus renter
    /// never exceed what was escrowed, per tokens and per fees); and the
    /// provider side never got more than service accrued (the fees held
    /// are part of what it was credited).
    pub fn invariant(&self) -> Result<()> {
        self.held()?;
        let n = self.period_count as usize;
        ensure!(
            (1..=MAX_RENTAL_PERIODS as usize).contains(&n),
            EscrowError::RentalInvariantViolated
        );
        let mut start = self.start_ts;
        let (mut tokens, mut fees) = (0u64, 0u64);
        for p in &self.periods[..n] {
            ensure!(p.end_ts > start, EscrowError::RentalInvariantViolated);
            tokens = tokens
                .checked_add(p.tokens)
                .ok_or_else(|| named_error!(EscrowError::RentalInvariantViolated))?;
            fees = fees
                .checked_add(p.fee)
                .ok_or_else(|| named_error!(EscrowError::RentalInvariantViolated))?;
            start = p.end_ts;
        }
        let at_end = self.accrual_at(self.end_ts)?;
        ensure!(
            tokens == self.deposited
                && fees == self.renter_fees
                && self.start_ts <= self.end_ts
                && self.end_ts <= self.booked_end()
                && self
                    .claimed
                    .checked_add(self.refunded)
                    .is_some_and(|v| v <= self.deposited)
                && self
                    .fees_collected
                    .checked_add(self.fees_refunded)
                    .is_some_and(|v| v <= self.renter_fees)
                && self.claimed <= at_end.tokens
                && self.fees_held <= self.claimed
                && self.fees_collected <= at_end.fees,
            EscrowError::RentalInvariantViolated
        );
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token_utils::{renter_fee, split_fee};
    use proptest::prelude::*;

    /// A one-period rental of `tokens` over `len` seconds from t = 0.
    fn rental(tokens: u64, len: i64, fee_bps: u16, holdback_bps: u16) -> Rental {
        let fee = renter_fee(tokens, fee_bps).unwrap();
        let mut periods = [RentalPeriod::default(); MAX_RENTAL_PERIODS as usize];
        periods[0] = RentalPeriod {
            end_ts: len,
            tokens,
            fee,
        };
        Rental {
            renter: Pubkey::new_unique(),
            rental_id: 1,
            node: Pubkey::new_unique(),
            provider: Pubkey::new_unique(),
            cluster_id: 0,
            vault: Pubkey::new_unique(),
            qos_addon_ids: [0; 4],
            rate_micro_usd_per_hour: 1,
            price: 1,
            conf: 0,
            expo: 0,
            publish_time: 0,
            start_ts: 0,
            end_ts: len,
            periods,
            period_count: 1,
            reservation_fee_bps: fee_bps,
            claim_holdback_bps: holdback_bps,
            dispute_window_seconds: 1,
            dispute_timeout_seconds: 1,
            deposited: tokens,
            renter_fees: fee,
            claimed: 0,
            fees_collected: 0,
            refunded: 0,
            fees_refunded: 0,
            status: RentalStatus::Active,
            disputed_at: 0,
            node_locked: true,
            bump: 255,
            vault_bump: 255,
            fees_held: 0,
            reserved: [0; 24],
        }
    }

    /// claim's bookkeeping (claim.rs): returns the payout.
    fn claim(r: &mut Rental, now: i64) -> u64 {
        let claimable = r.claimable_total(now).unwrap();
        let amount = claimable.saturating_sub(r.claimed);
        let (payout, fee) = split_fee(amount, r.reservation_fee_bps).unwrap();
        r.claimed = claimable;
        r.fees_held += fee;
        r.invariant().unwrap();
        payout
    }

    #[test]
    fn from_bytes_refuses_what_borsh_refuses() {
        let r = rental(1_000, 100, 25, 1_000);
        let good = r.to_bytes();
        assert!(Rental::from_bytes(&good).is_some());
        assert!(Rental::from_bytes(&good[..RENTAL_LEN - 1]).is_none());
        // status, then node_locked: their offsets from the end (bump,
        // vault_bump, fees_held, reserved follow node_locked).
        let node_locked_at = RENTAL_LEN - 24 - 8 - 2 - 1;
        let status_at = node_locked_at - 8 - 1;
        for (at, bad) in [(status_at, 4u8), (node_locked_at, 2u8)] {
            let mut b = good;
            b[at] = bad;
            assert!(Rental::from_bytes(&b).is_none());
            assert!(<Rental as AnchorDeserialize>::deserialize(&mut &b[8..]).is_err());
        }
        assert!(Rental::try_deserialize(&mut &good[..7]).is_err());
    }

    #[test]
    fn the_written_out_account_code_matches_what_account_generates() {
        let disc = solana_sha256_hasher::hash(b"account:Rental").to_bytes();
        assert_eq!(Rental::DISCRIMINATOR, &disc[..8]);
        assert_eq!(Rental::owner(), crate::ID);
        // fixed_layout_account! is defined in node_staking: its `crate::ID`
        // must be the expanding crate's, not node_staking's.
        assert_ne!(Rental::owner(), node_staking::ID);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        /// `to_bytes` is the Borsh layout: what the derived deserialiser
        /// reads back is the same rental, field for field, and it fills the
        /// account exactly.
        #[test]
        fn to_bytes_round_trips_through_the_borsh_deserialiser(
            words in proptest::collection::vec(any::<u64>(), 40),
            keys in proptest::array::uniform4(any::<[u8; 32]>()),
            small in proptest::array::uniform8(any::<u8>()),
            status in 0u8..4,
            count in 1u8..=8,
        ) {
            let w = |i: usize| words[i];
            let mut periods = [RentalPeriod::default(); MAX_RENTAL_PERIODS as usize];
            for (i, p) in periods.iter_mut().enumerate() {
                *p = RentalPeriod { end_ts: w(i) as i64, tokens: w(8 + i), fee: w(16 + i) };
            }
            let r = Rental {
                renter: Pubkey::new_from_array(keys[0]),
                rental_id: w(24),
                node: Pubkey::new_from_array(keys[1]),
                provider: Pubkey::new_from_array(keys[2]),
                cluster_id: w(25),
                vault: Pubkey::new_from_array(keys[3]),
                qos_addon_ids: [small[0], small[1], small[2], small[3]],
                rate_micro_usd_per_hour: w(26),
                price: w(27) as i64,
                conf: w(28),
                expo: w(29) as i32,
                publish_time: w(30) as i64,
                start_ts: w(31) as i64,
                end_ts: w(32) as i64,
                periods,
                period_count: count,
                reservation_fee_bps: w(33) as u16,
                claim_holdback_bps: (w(33) >> 16) as u16,
                dispute_window_seconds: w(34) as u32,
                dispute_timeout_seconds: (w(34) >> 32) as u32,
                deposited: w(35),
                renter_fees: w(36),
                claimed: w(37),
                fees_collected: w(38),
                refunded: w(39),
                fees_refunded: w(0) ^ w(1),
                status: [RentalStatus::Active, RentalStatus::Disputed, RentalStatus::Cancelled, RentalStatus::Resolved][status as usize],
                disputed_at: (w(2) ^ w(3)) as i64,
                node_locked: small[4] & 1 == 1,
                bump: small[5],
                vault_bump: small[6],
                fees_held: w(4) ^ w(5),
                reserved: [small[7]; 24],
            };
            let bytes = r.to_bytes();
            prop_assert_eq!(bytes.len(), 8 + Rental::INIT_SPACE);
            let back = Rental::try_deserialize(&mut &bytes[..]).unwrap();
            prop_assert_eq!(&back, &r);
            // The fixed-offset reader agrees with the derived Borsh one.
            let derived = <Rental as AnchorDeserialize>::deserialize(&mut &bytes[8..]).unwrap();
            prop_assert_eq!(&derived, &r);
            // The AnchorSerialize / AccountSerialize paths write the same bytes.
            let mut via_writer = Vec::new();
            r.try_serialize(&mut via_writer).unwrap();
            prop_assert_eq!(&via_writer[..], &bytes[..]);
            prop_assert_eq!(&r.try_to_vec().unwrap()[..], &bytes[8..]);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]
        /// Claims pay the provider only; the final settlement pays the
        /// treasury the held provider fees and the renter fees once: every
        /// base unit escrowed leaves the vault exactly once, and the
        /// treasury gets the same total as when each claim paid it.
        #[test]
        fn fees_held_in_the_vault_are_paid_once_at_settlement(
            tokens in 1u64..=1_000_000_000_000,
            len in 1i64..=7_776_000,
            fee_bps in 0u16..=1_000,
            holdback_bps in 0u16..=5_000,
            claims in proptest::collection::vec(0.0f64..=1.0, 0..4),
            settle in 0.0f64..=1.0,
            refund_bps in 0u16..=10_000,
        ) {
            let mut r = rental(tokens, len, fee_bps, holdback_bps);
            let escrowed = r.held().unwrap();
            let mut times: Vec<i64> = claims.iter().map(|f| (f * len as f64) as i64).collect();
            times.sort();
            let (mut paid, mut provider_fees) = (0u64, 0u64);
            for &t in &times {
                let before = r.fees_held;
                paid += claim(&mut r, t);
                provider_fees += r.fees_held - before;
                // Nothing reached the treasury yet: the vault still holds the fees.
                prop_assert_eq!(r.fees_collected, 0);
                prop_assert_eq!(r.held().unwrap(), escrowed - paid);
            }
            // Settlements come after the claims (close at the end, or a
            // dispute, which freezes claims).
            let last = times.last().copied().unwrap_or(0);
            let settle_at = ((settle * len as f64) as i64).max(last);
            let claimed_before = r.claimed;
            let s = r.settle_final(settle_at, refund_bps).unwrap();
            r.invariant().unwrap();
            prop_assert_eq!(r.fees_held, 0);
            prop_assert_eq!(r.held().unwrap(), 0);
            prop_assert_eq!(paid + s.payout + s.to_treasury + s.to_renter, escrowed);
            // The treasury gets every provider fee (held from the claims and
            // on the rest) and the renter fees earned by the settlement.
            let (rest_payout, rest_fee) = split_fee(r.claimed - claimed_before, fee_bps).unwrap();
            let acc = r.accrual_at(settle_at).unwrap();
            prop_assert_eq!(s.payout, rest_payout);
            prop_assert_eq!(s.to_treasury, provider_fees + rest_fee + acc.fees);
        }
    }
}
