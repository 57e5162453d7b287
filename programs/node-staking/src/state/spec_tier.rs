use anchor_lang::prelude::*;

use crate::{
    constants::{BPS, MAX_SHARES_PER_TOKEN},
    errors::StakingError,
    fixed_layout::{Reader, Writer},
    fixed_layout_account,
};

/// A hardware spec tier (PDA `[SPEC_TIER_SEED, tier_id]`), managed by the admin.
///
/// Created only at this PDA (`init` in create_spec_tier), and `tier_id` is its seed and never changes; so an
/// `Account<SpecTier>` (owner + discriminator) is the tier of its `tier_id`
/// (`tier_id == node.spec_tier` binds it to a node), and instructions do
/// not re-derive its seeds (1,500 CU each).
///
/// Read at fixed offsets (`crate::fixed_layout`, as the Config): what
/// `#[account]` would generate comes from `fixed_layout_account!`; IDL
/// builds derive `AnchorSerialize` as `#[account]` does.
#[derive(AnchorDeserialize, Clone, InitSpace)]
#[cfg_attr(feature = "idl-build", derive(AnchorSerialize))]
#[cfg_attr(test, derive(Debug, PartialEq))]
pub struct SpecTier {
    pub tier_id: u16,
    /// UTF-8 name, zero-padded (e.g. "H100-80GB").
    pub name: [u8; 24],
    /// Cap on provider + delegated stake of one node, in base units.
    /// Lowering it never confiscates: it only blocks new inflows above it.
    pub max_node_stake: u64,
    /// Tier minimum provider stake in base units; the node needs
    /// max(config minimum, this). 0 = only the config minimum.
    pub min_provider_stake: u64,
    /// Largest share of a node's (provider + delegated) stake that may be
    /// delegated, in basis points (io.net caps co-stake at 5 000).
    pub max_delegated_bps: u16,
    /// New nodes may register in this tier.
    pub active: bool,
    /// Bump of this PDA.
    pub bump: u8,
    /// Reserved for future fields; always zero.
    pub reserved: [u8; 32],
}

fixed_layout_account!(SpecTier, [85, 176, 3, 109, 3, 14, 223, 162]);

/// Bytes of a serialised SpecTier, discriminator included.
pub const SPEC_TIER_LEN: usize = 8 + SpecTier::INIT_SPACE;

impl SpecTier {
    /// The account bytes (discriminator, then the Borsh layout), built at
    /// fixed offsets.
    pub fn to_bytes(&self) -> [u8; SPEC_TIER_LEN] {
        let mut w = Writer::<SPEC_TIER_LEN>::new();
        w.put(Self::DISCRIMINATOR);
        w.u16(self.tier_id);
        w.put(&self.name);
        w.u64(self.max_node_stake);
        w.u64(self.min_provider_stake);
        w.u16(self.max_delegated_bps);
        w.u8(self.active as u8);
        w.u8(self.bump);
        w.put(&self.reserved);
        w.finish()
    }

    /// The tier in `bytes` (discriminator first, not checked here), read at
    /// fixed offsets; `None` where Borsh would fail (too short, a bool byte
    /// other than 0 or 1).
    pub fn from_bytes(bytes: &[u8]) -> Option<Self> {
        if bytes.len() < SPEC_TIER_LEN {
            return None;
        }
        let mut r = Reader::new(bytes, 8);
        Some(Self {
            tier_id: r.u16(),
            name: r.take(),
            max_node_stake: r.u64(),
            min_provider_stake: r.u64(),
            max_delegated_bps: r.u16(),
            active: r.bool()?,
            bump: r.u8(),
            reserved: r.take(),
        })
    }
}

impl SpecTier {
    /// The cap must hold the node's own minimum (max of the tier's and the
    /// config's `min_provider_stake`), and stay small enough that shares
    /// minted for it fit in u64 at the lowest share price.
    pub fn invariant(&self, config_min_provider_stake: u64) -> Result<()> {
        ensure!(
            self.max_node_stake > 0 && self.max_node_stake <= u64::MAX / MAX_SHARES_PER_TOKEN,
            StakingError::InvalidTierCap
        );
        ensure!(
            self.max_node_stake >= self.min_provider_stake.max(config_min_provider_stake),
            StakingError::TierCapBelowMinimum
        );
        ensure!(self.max_delegated_bps <= BPS, StakingError::InvalidBps);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use anchor_lang::{AccountDeserialize, AccountSerialize, Discriminator, Owner};
    use proptest::prelude::*;

    fn tier(words: [u64; 3], name: [u8; 24], small: [u8; 3]) -> SpecTier {
        SpecTier {
            tier_id: words[2] as u16,
            name,
            max_node_stake: words[0],
            min_provider_stake: words[1],
            max_delegated_bps: (words[2] >> 16) as u16,
            active: small[0] & 1 == 1,
            bump: small[1],
            reserved: [small[2]; 32],
        }
    }

    #[test]
    fn the_written_out_account_code_matches_what_account_generates() {
        let disc = solana_sha256_hasher::hash(b"account:SpecTier").to_bytes();
        assert_eq!(SpecTier::DISCRIMINATOR, &disc[..8]);
        assert_eq!(SpecTier::owner(), crate::ID);
    }

    #[test]
    fn from_bytes_refuses_what_borsh_refuses() {
        let good = tier([7; 3], [b'a'; 24], [1; 3]).to_bytes();
        assert!(SpecTier::from_bytes(&good).is_some());
        assert!(SpecTier::from_bytes(&good[..SPEC_TIER_LEN - 1]).is_none());
        let active_at = 8 + 2 + 24 + 8 + 8 + 2;
        for bad in [2u8, 255] {
            let mut b = good;
            b[active_at] = bad;
            assert!(SpecTier::from_bytes(&b).is_none());
            assert!(<SpecTier as AnchorDeserialize>::deserialize(&mut &b[8..]).is_err());
        }
        assert!(SpecTier::try_deserialize(&mut &good[..7]).is_err());
        let mut other = good;
        other[0] ^= 1;
        assert!(SpecTier::try_deserialize(&mut &other[..]).is_err());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1_000))]

        /// `to_bytes` is the Borsh layout: the derived deserialiser reads
        /// back the same tier and it fills the account exactly.
        #[test]
        fn to_bytes_round_trips_through_the_borsh_deserialiser(
            words in proptest::array::uniform3(any::<u64>()),
            name in any::<[u8; 24]>(),
            small in proptest::array::uniform3(any::<u8>()),
        ) {
            let t = tier(words, name, small);
            let bytes = t.to_bytes();
            prop_assert_eq!(bytes.len(), 8 + SpecTier::INIT_SPACE);
            prop_assert_eq!(&bytes[..8], SpecTier::DISCRIMINATOR);
            prop_assert_eq!(&SpecTier::try_deserialize(&mut &bytes[..]).unwrap(), &t);
            let derived = <SpecTier as AnchorDeserialize>::deserialize(&mut &bytes[8..]).unwrap();
            prop_assert_eq!(&derived, &t);
            let mut via_writer = Vec::new();
            t.try_serialize(&mut via_writer).unwrap();
            prop_assert_eq!(&via_writer[..], &bytes[..]);
            prop_assert_eq!(&t.try_to_vec().unwrap()[..], &bytes[8..]);
        }
    }
}
