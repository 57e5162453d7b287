use anchor_lang::prelude::*;
use node_staking::ensure;
use node_staking::{
    fixed_layout::{Reader, Writer},
    fixed_layout_account,
};

use crate::{constants::*, errors::EscrowError};

/// Which Pyth account format prices rentals.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub enum OracleKind {
    /// Legacy push-oracle price account (the format `@pythnetwork/client`
    /// `parsePriceData` reads), pinned by address in `oracle_account`.
    PythLegacy,
    /// Pull-oracle `PriceUpdateV2` of the Pyth receiver, fully verified, for
    /// the pinned `feed_id`: the sponsored price-feed account when
    /// `oracle_account` is set, else any posted update (see `price.rs`).
    PythPull,
}

impl OracleKind {
    /// Owner programs allowed for this kind, fixed at build time.
    pub fn allows_owner(&self, program: &Pubkey) -> bool {
        match self {
            OracleKind::PythPull => *program == PYTH_RECEIVER_PROGRAM_ID,
            OracleKind::PythLegacy => {
                *program == PYTH_LEGACY_MAINNET_PROGRAM_ID
                    || *program == PYTH_LEGACY_DEVNET_PROGRAM_ID
            }
        }
    }
}

/// The escrow configuration (one PDA, seeds `[ESCROW_CONFIG_SEED]`).
/// Only `initialize` creates one (Anchor `init` at that PDA, so at most one
/// exists): an account owned by this program with this discriminator is the
/// config, and the rental instructions check no seeds for it.
///
/// The money rules a rental depends on (fees, holdback, dispute window and
/// timeout) are copied into the rental when it is created, so changing them
/// here never touches running rentals.
///
/// Read on every instruction, so read and written at fixed offsets
/// (`node_staking::fixed_layout`, as the Rental): what `#[account]` would
/// generate comes from `fixed_layout_account!`; IDL builds derive
/// `AnchorSerialize` as `#[account]` does.
#[derive(AnchorDeserialize, Clone, InitSpace)]
#[cfg_attr(feature = "idl-build", derive(AnchorSerialize))]
#[cfg_attr(test, derive(Debug, PartialEq))]
pub struct EscrowConfig {
    /// Changes parameters and pauses new rentals.
    pub admin: Pubkey,
    /// Proposed next admin (two-step handover); `Pubkey::default()` when none.
    pub pending_admin: Pubkey,
    /// The token rentals are paid in: node_staking's stake mint.
    pub payment_mint: Pubkey,
    /// Token program that owns `payment_mint`.
    pub token_program: Pubkey,
    /// Receives reservation fees (a token account of `payment_mint`).
    pub treasury: Pubkey,
    /// Resolves disputes (refunds, slashes).
    pub dispute_authority: Pubkey,
    pub oracle_kind: OracleKind,
    /// Owner program of the price account: the Pyth receiver (pull) or a
    /// legacy Pyth oracle program; checked against `OracleKind::allows_owner`.
    pub oracle_program: Pubkey,
    /// PythLegacy: the pinned price account. PythPull: the pinned
    /// sponsored price-feed account, or `Pubkey::default()` to accept any
    /// fully verified update for `feed_id`.
    pub oracle_account: Pubkey,
    /// PythPull: the pinned feed id. PythLegacy: unused (zero).
    pub feed_id: [u8; 32],
    /// Largest accepted age of the oracle price, in seconds.
    pub max_price_age_seconds: u32,
    /// Largest accepted age of a legacy price's aggregate, in slots.
    pub max_price_age_slots: u32,
    /// Widest accepted confidence interval, in basis points of the price.
    pub max_confidence_bps: u16,
    /// Largest distance between the spot and the EMA price, in basis points of the EMA.
    pub max_ema_divergence_bps: u16,
    /// Reservation fee charged to the renter (on top) and to the provider
    /// (from each payout), in basis points.
    pub reservation_fee_bps: u16,
    /// Share of accrued tokens provider claims leave in escrow until the
    /// rental closes, in basis points.
    pub claim_holdback_bps: u16,
    /// Seconds after a rental's end during which its renter may dispute it.
    pub dispute_window_seconds: u32,
    /// Seconds an open dispute waits for the dispute authority before anyone
    /// party to the rental may close it with the default outcome.
    pub dispute_timeout_seconds: u32,
    /// Shortest rental or extension, in seconds.
    pub min_rental_seconds: u32,
    /// Longest total rental (creation plus extensions), in seconds.
    pub max_total_rental_seconds: u32,
    /// When true, new rentals and extensions fail; claims, refunds, cancels, disputes and closes still work.
    pub paused: bool,
    /// Bump of this PDA.
    pub bump: u8,
    /// Bump of the rental-authority PDA.
    pub rental_authority_bump: u8,
    /// Reserved for future fields; always zero.
    pub reserved: [u8; 64],
}

fixed_layout_account!(EscrowConfig, [138, 174, 227, 187, 239, 148, 1, 44]);

/// Bytes of a serialised EscrowConfig, discriminator included.
pub const ESCROW_CONFIG_LEN: usize = 8 + EscrowConfig::INIT_SPACE;

impl EscrowConfig {
    /// The account bytes (discriminator, then the Borsh layout), built at
    /// fixed offsets.
    pub fn to_bytes(&self) -> [u8; ESCROW_CONFIG_LEN] {
        let mut w = Writer::<ESCROW_CONFIG_LEN>::new();
        w.put(Self::DISCRIMINATOR);
        w.key(&self.admin);
        w.key(&self.pending_admin);
        w.key(&self.payment_mint);
        w.key(&self.token_program);
        w.key(&self.treasury);
        w.key(&self.dispute_authority);
        w.u8(self.oracle_kind as u8);
        w.key(&self.oracle_program);
        w.key(&self.oracle_account);
        w.put(&self.feed_id);
        w.u32(self.max_price_age_seconds);
        w.u32(self.max_price_age_slots);
        w.u16(self.max_confidence_bps);
        w.u16(self.max_ema_divergence_bps);
        w.u16(self.reservation_fee_bps);
        w.u16(self.claim_holdback_bps);
        w.u32(self.dispute_window_seconds);
        w.u32(self.dispute_timeout_seconds);
        w.u32(self.min_rental_seconds);
        w.u32(self.max_total_rental_seconds);
        w.u8(self.paused as u8);
        w.u8(self.bump);
        w.u8(self.rental_authority_bump);
        w.put(&self.reserved);
        w.finish()
    }

    /// The config in `bytes` (discriminator first, not checked here), read
    /// at fixed offsets; `None` where Borsh would fail (too short, an oracle
    /// kind or bool byte out of range).
    pub fn from_bytes(bytes: &[u8]) -> Option<Self> {
        if bytes.len() < ESCROW_CONFIG_LEN {
            return None;
        }
        let mut r = Reader::new(bytes, 8);
        // A struct expression evaluates its fields in the order written.
        Some(Self {
            admin: r.key(),
            pending_admin: r.key(),
            payment_mint: r.key(),
            token_program: r.key(),
            treasury: r.key(),
            dispute_authority: r.key(),
            oracle_kind: match r.u8() {
                0 => OracleKind::PythLegacy,
                1 => OracleKind::PythPull,
                _ => return None,
            },
            oracle_program: r.key(),
            oracle_account: r.key(),
            feed_id: r.take(),
            max_price_age_seconds: r.u32(),
            max_price_age_slots: r.u32(),
            max_confidence_bps: r.u16(),
            max_ema_divergence_bps: r.u16(),
            reservation_fee_bps: r.u16(),
            claim_holdback_bps: r.u16(),
            dispute_window_seconds: r.u32(),
            dispute_timeout_seconds: r.u32(),
            min_rental_seconds: r.u32(),
            max_total_rental_seconds: r.u32(),
            paused: r.bool()?,
            bump: r.u8(),
            rental_authority_bump: r.u8(),
            reserved: r.take(),
        })
    }
}

impl EscrowConfig {
    /// Properties that must hold after every instruction that writes the config.
    pub fn invariant(&self) -> Result<()> {
        ensure!(
            self.max_price_age_seconds > 0
                && self.max_price_age_seconds <= MAX_PRICE_AGE_LIMIT_SECONDS
                && self.max_price_age_slots > 0
                && self.max_confidence_bps > 0
                && self.max_confidence_bps <= BPS_DENOMINATOR
                && self.max_ema_divergence_bps > 0
                && self.max_ema_divergence_bps <= BPS_DENOMINATOR
                && self.reservation_fee_bps <= MAX_RESERVATION_FEE_BPS
                && self.claim_holdback_bps <= MAX_CLAIM_HOLDBACK_BPS
                && self.dispute_window_seconds > 0
                && self.dispute_window_seconds <= MAX_DISPUTE_WINDOW_SECONDS
                && self.dispute_timeout_seconds > 0
                && self.dispute_timeout_seconds <= MAX_DISPUTE_TIMEOUT_SECONDS
                && self.min_rental_seconds > 0
                && u64::from(self.min_rental_seconds) <= MAX_RENTAL_SECONDS
                && self.max_total_rental_seconds >= self.min_rental_seconds
                && self.max_total_rental_seconds <= MAX_TOTAL_RENTAL_LIMIT_SECONDS
                && self.oracle_kind.allows_owner(&self.oracle_program),
            EscrowError::ConfigInvariantViolated
        );
        Ok(())
    }

    pub fn check_not_paused(&self) -> Result<()> {
        ensure!(!self.paused, EscrowError::Paused);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use anchor_lang::{AccountDeserialize, AccountSerialize, Discriminator, Owner};
    use proptest::prelude::*;

    fn config(keys: [[u8; 32]; 9], words: [u32; 10], small: [u8; 8], kind: u8) -> EscrowConfig {
        let k = |i: usize| Pubkey::new_from_array(keys[i]);
        EscrowConfig {
            admin: k(0),
            pending_admin: k(1),
            payment_mint: k(2),
            token_program: k(3),
            treasury: k(4),
            dispute_authority: k(5),
            oracle_kind: if kind == 0 {
                OracleKind::PythLegacy
            } else {
                OracleKind::PythPull
            },
            oracle_program: k(6),
            oracle_account: k(7),
            feed_id: keys[8],
            max_price_age_seconds: words[0],
            max_price_age_slots: words[1],
            max_confidence_bps: words[2] as u16,
            max_ema_divergence_bps: words[3] as u16,
            reservation_fee_bps: words[4] as u16,
            claim_holdback_bps: words[5] as u16,
            dispute_window_seconds: words[6],
            dispute_timeout_seconds: words[7],
            min_rental_seconds: words[8],
            max_total_rental_seconds: words[9],
            paused: small[0] & 1 == 1,
            bump: small[1],
            rental_authority_bump: small[2],
            reserved: [small[3]; 64],
        }
    }

    #[test]
    fn the_written_out_account_code_matches_what_account_generates() {
        let disc = solana_sha256_hasher::hash(b"account:EscrowConfig").to_bytes();
        assert_eq!(EscrowConfig::DISCRIMINATOR, &disc[..8]);
        assert_eq!(EscrowConfig::owner(), crate::ID);
    }

    #[test]
    fn from_bytes_refuses_what_borsh_refuses() {
        let good = config([[9; 32]; 9], [7; 10], [1; 8], 1).to_bytes();
        assert!(EscrowConfig::from_bytes(&good).is_some());
        assert!(EscrowConfig::from_bytes(&good[..ESCROW_CONFIG_LEN - 1]).is_none());
        let kind_at = 8 + 6 * 32;
        let paused_at = kind_at + 1 + 3 * 32 + 2 * 4 + 4 * 2 + 4 * 4;
        for (at, bad) in [
            (kind_at, 2u8),
            (kind_at, 255),
            (paused_at, 2),
            (paused_at, 255),
        ] {
            let mut b = good;
            b[at] = bad;
            assert!(EscrowConfig::from_bytes(&b).is_none());
            assert!(<EscrowConfig as AnchorDeserialize>::deserialize(&mut &b[8..]).is_err());
        }
        assert!(EscrowConfig::try_deserialize(&mut &good[..7]).is_err());
        let mut other = good;
        other[0] ^= 1;
        assert!(EscrowConfig::try_deserialize(&mut &other[..]).is_err());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1_000))]

        /// `to_bytes` is the Borsh layout: the derived deserialiser reads
        /// back the same config and it fills the account exactly.
        #[test]
        fn to_bytes_round_trips_through_the_borsh_deserialiser(
            keys in proptest::array::uniform9(any::<[u8; 32]>()),
            words in proptest::array::uniform10(any::<u32>()),
            small in proptest::array::uniform8(any::<u8>()),
            kind in 0u8..2,
        ) {
            let c = config(keys, words, small, kind);
            let bytes = c.to_bytes();
            prop_assert_eq!(bytes.len(), 8 + EscrowConfig::INIT_SPACE);
            prop_assert_eq!(&bytes[..8], EscrowConfig::DISCRIMINATOR);
            prop_assert_eq!(&EscrowConfig::try_deserialize(&mut &bytes[..]).unwrap(), &c);
            let derived = <EscrowConfig as AnchorDeserialize>::deserialize(&mut &bytes[8..]).unwrap();
            prop_assert_eq!(&derived, &c);
            let mut via_writer = Vec::new();
            c.try_serialize(&mut via_writer).unwrap();
            prop_assert_eq!(&via_writer[..], &bytes[..]);
            prop_assert_eq!(&c.try_to_vec().unwrap()[..], &bytes[8..]);
        }
    }
}
