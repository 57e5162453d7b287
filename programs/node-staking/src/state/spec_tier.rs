use anchor_lang::prelude::*;

use crate::{
    constants::{BPS, MAX_SHARES_PER_TOKEN},
    errors::StakingError,
};

/// A hardware spec tier (PDA `[SPEC_TIER_SEED, tier_id]`), managed by the admin.
///
/// Created only at this PDA (`init` in create_spec_tier), and `tier_id` is its seed and never changes; so an
/// `Account<SpecTier>` (owner + discriminator) is the tier of its `tier_id`
/// (`tier_id == node.spec_tier` binds it to a node), and instructions do
/// not re-derive its seeds (1,500 CU each).
#[account]
#[derive(InitSpace)]
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

impl SpecTier {
    /// The cap must hold the node's own minimum (max of the tier's and the
    /// config's `min_provider_stake`), and stay small enough that shares
    /// minted for it fit in u64 at the lowest share price.
    pub fn invariant(&self, config_min_provider_stake: u64) -> Result<()> {
        require!(
            self.max_node_stake > 0 && self.max_node_stake <= u64::MAX / MAX_SHARES_PER_TOKEN,
            StakingError::InvalidTierCap
        );
        require!(
            self.max_node_stake >= self.min_provider_stake.max(config_min_provider_stake),
            StakingError::TierCapBelowMinimum
        );
        require!(self.max_delegated_bps <= BPS, StakingError::InvalidBps);
        Ok(())
    }
}
