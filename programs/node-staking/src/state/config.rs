use anchor_lang::prelude::*;

use crate::{
    constants::{BPS, MAX_UNBONDING_SECONDS},
    errors::StakingError,
    fixed_layout::{Reader, Writer},
    fixed_layout_account,
};

/// The protocol configuration (one PDA, seeds `[CONFIG_SEED]`).
///
/// Created only at this PDA (`init` in initialize), and only once; so an
/// `Account<Config>` (owner + discriminator) is the config, and instructions do
/// not re-derive its seeds (1,500 CU each).
///
/// Read by every instruction, so read and written at fixed offsets
/// (`crate::fixed_layout`, as the Node): what `#[account]` would generate
/// comes from `fixed_layout_account!`; IDL builds derive `AnchorSerialize`
/// as `#[account]` does.
#[derive(AnchorDeserialize, Clone, InitSpace)]
#[cfg_attr(feature = "idl-build", derive(AnchorSerialize))]
#[cfg_attr(test, derive(Debug, PartialEq))]
pub struct Config {
    /// Changes parameters and authorities, manages spec tiers, pauses.
    pub admin: Pubkey,
    /// Proposed next admin (two-step handover); `Pubkey::default()` when none.
    pub pending_admin: Pubkey,
    /// The staking token (SPL Token or Token-2022 mint, no hostile extensions).
    pub stake_mint: Pubkey,
    /// Token program that owns `stake_mint`.
    pub token_program: Pubkey,
    /// Token account (of `stake_mint`) that receives slashed stake.
    pub treasury: Pubkey,
    /// May slash nodes with evidence.
    pub slash_authority: Pubkey,
    /// May credit availability rewards (and funds them).
    pub reward_authority: Pubkey,
    /// rental_escrow's PDA: locks/unlocks nodes for rentals and slashes on a
    /// resolved dispute. `Pubkey::default()` until the admin sets it.
    pub rental_authority: Pubkey,
    /// Smallest provider stake that makes a node Active, in base units (default 100 tokens).
    pub min_provider_stake: u64,
    /// Smallest delegation, in base units.
    pub min_delegation: u64,
    /// Circuit breaker: most base units slashed in one protocol epoch.
    pub max_slash_per_epoch: u64,
    /// Protocol epoch that `slashed_in_epoch` counts.
    pub slash_epoch: u64,
    /// Base units slashed so far in `slash_epoch`.
    pub slashed_in_epoch: u64,
    /// Seconds between an unstake/undelegate request and the withdrawal it unlocks.
    pub unbonding_seconds: u32,
    /// Length of a protocol epoch in seconds (epoch = unix_timestamp / epoch_seconds).
    pub epoch_seconds: u32,
    /// Attested uptime below this (basis points) earns nothing and counts as a low epoch.
    pub min_uptime_bps: u16,
    /// Consecutive low epochs that jail a node.
    pub max_low_epochs: u8,
    /// Nodes ever registered; each node stores its number as `incarnation`,
    /// so a node re-registered at the same address is told apart from the
    /// closed one (delegations of the closed node cannot touch the new one).
    pub nodes_registered: u64,
    /// When true, inflows, new unbonding requests, reward credits and claims,
    /// and new rental locks fail. Slashes, matured withdrawals, settlement,
    /// closing empty accounts and admin instructions stay available.
    pub paused: bool,
    /// Bump of this PDA.
    pub bump: u8,
    /// Reserved for future fields; always zero.
    pub reserved: [u8; 64],
}

fixed_layout_account!(Config, [155, 12, 170, 224, 30, 250, 204, 130]);

/// Bytes of a serialised Config, discriminator included.
pub const CONFIG_LEN: usize = 8 + Config::INIT_SPACE;

impl Config {
    /// The account bytes (discriminator, then the Borsh layout), built at
    /// fixed offsets.
    pub fn to_bytes(&self) -> [u8; CONFIG_LEN] {
        let mut w = Writer::<CONFIG_LEN>::new();
        w.put(Self::DISCRIMINATOR);
        w.key(&self.admin);
        w.key(&self.pending_admin);
        w.key(&self.stake_mint);
        w.key(&self.token_program);
        w.key(&self.treasury);
        w.key(&self.slash_authority);
        w.key(&self.reward_authority);
        w.key(&self.rental_authority);
        w.u64(self.min_provider_stake);
        w.u64(self.min_delegation);
        w.u64(self.max_slash_per_epoch);
        w.u64(self.slash_epoch);
        w.u64(self.slashed_in_epoch);
        w.u32(self.unbonding_seconds);
        w.u32(self.epoch_seconds);
        w.u16(self.min_uptime_bps);
        w.u8(self.max_low_epochs);
        w.u64(self.nodes_registered);
        w.u8(self.paused as u8);
        w.u8(self.bump);
        w.put(&self.reserved);
        w.finish()
    }

    /// The config in `bytes` (discriminator first, not checked here), read
    /// at fixed offsets; `None` where Borsh would fail (too short, a bool
    /// byte other than 0 or 1).
    pub fn from_bytes(bytes: &[u8]) -> Option<Self> {
        if bytes.len() < CONFIG_LEN {
            return None;
        }
        let mut r = Reader::new(bytes, 8);
        // A struct expression evaluates its fields in the order written.
        Some(Self {
            admin: r.key(),
            pending_admin: r.key(),
            stake_mint: r.key(),
            token_program: r.key(),
            treasury: r.key(),
            slash_authority: r.key(),
            reward_authority: r.key(),
            rental_authority: r.key(),
            min_provider_stake: r.u64(),
            min_delegation: r.u64(),
            max_slash_per_epoch: r.u64(),
            slash_epoch: r.u64(),
            slashed_in_epoch: r.u64(),
            unbonding_seconds: r.u32(),
            epoch_seconds: r.u32(),
            min_uptime_bps: r.u16(),
            max_low_epochs: r.u8(),
            nodes_registered: r.u64(),
            paused: r.bool()?,
            bump: r.u8(),
            reserved: r.take(),
        })
    }
}

impl Config {
    /// Properties that must hold after every instruction that writes the config.
    pub fn invariant(&self) -> Result<()> {
        ensure!(
            self.min_provider_stake > 0
                && self.min_delegation > 0
                && self.max_slash_per_epoch > 0
                && self.epoch_seconds > 0
                && self.max_low_epochs > 0
                && self.min_uptime_bps <= BPS
                && self.unbonding_seconds > 0
                && self.unbonding_seconds <= MAX_UNBONDING_SECONDS,
            StakingError::ConfigInvariantViolated
        );
        Ok(())
    }

    /// The protocol epoch at `unix_timestamp` (0 for timestamps before 1970).
    pub fn epoch_at(&self, unix_timestamp: i64) -> u64 {
        (unix_timestamp.max(0) as u64) / u64::from(self.epoch_seconds)
    }

    /// Unix time at which protocol epoch `epoch` starts.
    pub fn epoch_start(&self, epoch: u64) -> Result<i64> {
        epoch
            .checked_mul(u64::from(self.epoch_seconds))
            .and_then(|t| i64::try_from(t).ok())
            .ok_or_else(|| named_error!(StakingError::MathOverflow))
    }

    pub fn check_not_paused(&self) -> Result<()> {
        ensure!(!self.paused, StakingError::Paused);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use anchor_lang::{AccountDeserialize, AccountSerialize, Discriminator, Owner};
    use proptest::prelude::*;

    fn config(keys: [[u8; 32]; 8], words: [u64; 9], small: [u8; 4]) -> Config {
        let k = |i: usize| Pubkey::new_from_array(keys[i]);
        Config {
            admin: k(0),
            pending_admin: k(1),
            stake_mint: k(2),
            token_program: k(3),
            treasury: k(4),
            slash_authority: k(5),
            reward_authority: k(6),
            rental_authority: k(7),
            min_provider_stake: words[0],
            min_delegation: words[1],
            max_slash_per_epoch: words[2],
            slash_epoch: words[3],
            slashed_in_epoch: words[4],
            unbonding_seconds: words[5] as u32,
            epoch_seconds: (words[5] >> 32) as u32,
            min_uptime_bps: words[6] as u16,
            max_low_epochs: small[0],
            nodes_registered: words[7],
            paused: small[1] & 1 == 1,
            bump: small[2],
            reserved: [small[3]; 64],
        }
    }

    #[test]
    fn the_written_out_account_code_matches_what_account_generates() {
        let disc = solana_sha256_hasher::hash(b"account:Config").to_bytes();
        assert_eq!(Config::DISCRIMINATOR, &disc[..8]);
        assert_eq!(Config::owner(), crate::ID);
    }

    #[test]
    fn from_bytes_refuses_what_borsh_refuses() {
        let good = config([[9; 32]; 8], [7; 9], [1; 4]).to_bytes();
        assert!(Config::from_bytes(&good).is_some());
        assert!(Config::from_bytes(&good[..CONFIG_LEN - 1]).is_none());
        let paused_at = 8 + 8 * 32 + 5 * 8 + 2 * 4 + 2 + 1 + 8;
        for bad in [2u8, 255] {
            let mut b = good;
            b[paused_at] = bad;
            assert!(Config::from_bytes(&b).is_none());
            assert!(<Config as AnchorDeserialize>::deserialize(&mut &b[8..]).is_err());
        }
        assert!(Config::try_deserialize(&mut &good[..7]).is_err());
        let mut other = good;
        other[0] ^= 1;
        assert!(Config::try_deserialize(&mut &other[..]).is_err());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1_000))]

        /// `to_bytes` is the Borsh layout: the derived deserialiser reads
        /// back the same config and it fills the account exactly.
        #[test]
        fn to_bytes_round_trips_through_the_borsh_deserialiser(
            keys in proptest::array::uniform8(any::<[u8; 32]>()),
            words in proptest::array::uniform9(any::<u64>()),
            small in proptest::array::uniform4(any::<u8>()),
        ) {
            let c = config(keys, words, small);
            let bytes = c.to_bytes();
            prop_assert_eq!(bytes.len(), 8 + Config::INIT_SPACE);
            prop_assert_eq!(&bytes[..8], Config::DISCRIMINATOR);
            prop_assert_eq!(&Config::try_deserialize(&mut &bytes[..]).unwrap(), &c);
            let derived = <Config as AnchorDeserialize>::deserialize(&mut &bytes[8..]).unwrap();
            prop_assert_eq!(&derived, &c);
            let mut via_writer = Vec::new();
            c.try_serialize(&mut via_writer).unwrap();
            prop_assert_eq!(&via_writer[..], &bytes[..]);
            prop_assert_eq!(&c.try_to_vec().unwrap()[..], &bytes[8..]);
        }
    }
}
