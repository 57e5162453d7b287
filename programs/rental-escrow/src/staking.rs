//! Calls into node_staking (lock and unlock a node, by CPI with the rental
//! authority PDA signing) and its read-only rentability rule.
use anchor_lang::prelude::*;
use node_staking::{
    cpi::accounts::{RentalLock, RentalUnlock},
    program::NodeStaking,
    state::{Config as StakingConfig, Node, NodeStatus, SpecTier},
};

use crate::{constants::RENTAL_AUTHORITY_SEED, state::EscrowConfig};

/// True if `key` is this program's rental authority PDA
/// `[RENTAL_AUTHORITY_SEED]` with the config's stored bump: the address
/// `create_program_address` would return, by one `sol_sha256` (~100 CU)
/// instead of that syscall (1,500 CU). The bump came from
/// `find_program_address` at `initialize`, so the address is off the curve.
pub fn is_rental_authority(key: &Pubkey, config: &EscrowConfig) -> bool {
    key.to_bytes()
        == pda_bump::candidate(
            &[RENTAL_AUTHORITY_SEED],
            config.rental_authority_bump,
            &crate::ID,
        )
}

/// The accounts of a lock or unlock CPI.
pub struct StakingCpi<'a, 'info> {
    pub config: &'a EscrowConfig,
    pub program: &'a Program<'info, NodeStaking>,
    pub rental_authority: AccountInfo<'info>,
    pub staking_config: AccountInfo<'info>,
    pub node: AccountInfo<'info>,
}

impl<'info> StakingCpi<'_, 'info> {
    /// Counts a new rental on the node; node_staking refuses a node that is
    /// not Active (its status re-evaluated against its stake and minimums)
    /// or a paused protocol.
    pub fn lock(&self, spec_tier: AccountInfo<'info>) -> Result<()> {
        let bump = [self.config.rental_authority_bump];
        let seeds: &[&[u8]] = &[RENTAL_AUTHORITY_SEED, &bump];
        node_staking::cpi::lock_node(CpiContext::new_with_signer(
            self.program.to_account_info(),
            RentalLock {
                rental_authority: self.rental_authority.clone(),
                config: self.staking_config.clone(),
                spec_tier,
                node: self.node.clone(),
            },
            &[seeds],
        ))
    }

    /// Stops counting an ended rental on the node.
    pub fn unlock(&self) -> Result<()> {
        let bump = [self.config.rental_authority_bump];
        let seeds: &[&[u8]] = &[RENTAL_AUTHORITY_SEED, &bump];
        node_staking::cpi::unlock_node(CpiContext::new_with_signer(
            self.program.to_account_info(),
            RentalUnlock {
                rental_authority: self.rental_authority.clone(),
                config: self.staking_config.clone(),
                node: self.node.clone(),
            },
            &[seeds],
        ))
    }
}

/// node_staking's rule for a rentable node, read without writing: the status
/// `refresh_status` would store (not Jailed, provider stake at or above
/// max(global, tier) minimum, hence Active) and the protocol not paused.
/// The stored status may be stale after a minimum changed (it is refreshed
/// lazily), so it is recomputed here as `lock_node` recomputes it: a node that
/// `create_rental` accepts is one `extend_rental` accepts (fuzz finding F-1).
pub fn node_rentable(node: &Node, staking_config: &StakingConfig, tier: &SpecTier) -> bool {
    node.status != NodeStatus::Jailed
        && node.provider_stake >= Node::required_minimum(staking_config, tier)
        && !staking_config.paused
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rental_authority_check_is_the_pda_with_the_stored_bump() {
        let (authority, bump) = Pubkey::find_program_address(&[RENTAL_AUTHORITY_SEED], &crate::ID);
        let mut config: EscrowConfig =
            AnchorDeserialize::deserialize(&mut &[0u8; 8 + EscrowConfig::INIT_SPACE][..]).unwrap();
        config.rental_authority_bump = bump;
        assert!(is_rental_authority(&authority, &config));
        assert!(!is_rental_authority(&Pubkey::new_unique(), &config));
        config.rental_authority_bump = bump.wrapping_sub(1);
        assert!(!is_rental_authority(&authority, &config));
    }
}
