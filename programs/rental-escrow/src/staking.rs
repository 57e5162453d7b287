//! Calls into node_staking (lock and unlock a node, by CPI with the rental
//! authority PDA signing) and its read-only rentability rule.
use anchor_lang::{
    prelude::*,
    solana_program::{
        instruction::{AccountMeta, Instruction},
        program::invoke_signed,
    },
    Discriminator, InstructionData,
};
use node_staking::{
    instructions::SlashArgs,
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

/// The accounts of a lock or unlock CPI. node_staking's program account is
/// not passed: the runtime finds the callee among the instruction's
/// accounts, where each caller's `Program<NodeStaking>` checked its id.
pub struct StakingCpi<'a, 'info> {
    pub config: &'a EscrowConfig,
    pub rental_authority: AccountInfo<'info>,
    pub staking_config: AccountInfo<'info>,
    pub node: AccountInfo<'info>,
}

impl<'info> StakingCpi<'_, 'info> {
    /// Counts a new rental on the node; node_staking refuses a node that is
    /// not Active (its status re-evaluated against its stake and minimums)
    /// or a paused protocol.
    pub fn lock(&self, spec_tier: AccountInfo<'info>) -> Result<()> {
        let ix = lock_node_ix(
            self.rental_authority.key(),
            self.staking_config.key(),
            spec_tier.key(),
            self.node.key(),
        );
        self.invoke(
            &ix,
            &[
                self.rental_authority.clone(),
                self.staking_config.clone(),
                spec_tier,
                self.node.clone(),
            ],
        )
    }

    /// Stops counting an ended rental on the node.
    pub fn unlock(&self) -> Result<()> {
        let ix = unlock_node_ix(
            self.rental_authority.key(),
            self.staking_config.key(),
            self.node.key(),
        );
        self.invoke(
            &ix,
            &[
                self.rental_authority.clone(),
                self.staking_config.clone(),
                self.node.clone(),
            ],
        )
    }

    /// Slashes the node (node_staking's `slash`, the rental authority
    /// signing): `accounts` are the ones beyond the lock's, `args` the
    /// resolution's slash.
    pub fn slash(&self, accounts: SlashAccounts<'info>, args: SlashArgs) -> Result<()> {
        let ix = slash_ix(
            self.rental_authority.key(),
            self.staking_config.key(),
            self.node.key(),
            &accounts,
            args,
        );
        let SlashAccounts {
            payer,
            spec_tier,
            slash_record,
            vault,
            treasury,
            renter_tokens,
            stake_mint,
            token_program,
            system_program,
        } = accounts;
        self.invoke(
            &ix,
            &[
                self.rental_authority.clone(),
                payer,
                self.staking_config.clone(),
                spec_tier,
                self.node.clone(),
                slash_record,
                vault,
                treasury,
                renter_tokens,
                stake_mint,
                token_program,
                system_program,
            ],
        )
    }

    /// Calls node_staking with the rental authority PDA signing.
    fn invoke(&self, ix: &Instruction, infos: &[AccountInfo<'info>]) -> Result<()> {
        let bump = [self.config.rental_authority_bump];
        let seeds: &[&[u8]] = &[RENTAL_AUTHORITY_SEED, &bump];
        invoke_signed(ix, infos, &[seeds]).map_err(Into::into)
    }
}

/// node_staking's `lock_node` (no arguments), built in place: what
/// `node_staking::cpi::lock_node` builds (the unit test below compares
/// them), without its `Vec` growth and trait calls per account.
fn lock_node_ix(authority: Pubkey, config: Pubkey, spec_tier: Pubkey, node: Pubkey) -> Instruction {
    Instruction {
        program_id: node_staking::ID,
        accounts: vec![
            AccountMeta::new_readonly(authority, true),
            AccountMeta::new_readonly(config, false),
            AccountMeta::new_readonly(spec_tier, false),
            AccountMeta::new(node, false),
        ],
        data: node_staking::instruction::LockNode::DISCRIMINATOR.to_vec(),
    }
}

/// node_staking's `unlock_node` (no arguments), built in place.
fn unlock_node_ix(authority: Pubkey, config: Pubkey, node: Pubkey) -> Instruction {
    Instruction {
        program_id: node_staking::ID,
        accounts: vec![
            AccountMeta::new_readonly(authority, true),
            AccountMeta::new_readonly(config, false),
            AccountMeta::new(node, false),
        ],
        data: node_staking::instruction::UnlockNode::DISCRIMINATOR.to_vec(),
    }
}

/// The accounts of node_staking's `slash` that a lock does not take (the
/// node's tier, the slash record to create, the node's vault, node_staking's
/// treasury, the renter's token account for their share, the stake mint, the
/// token and System programs); `payer` pays for the record.
pub struct SlashAccounts<'info> {
    pub payer: AccountInfo<'info>,
    pub spec_tier: AccountInfo<'info>,
    pub slash_record: AccountInfo<'info>,
    pub vault: AccountInfo<'info>,
    pub treasury: AccountInfo<'info>,
    pub renter_tokens: AccountInfo<'info>,
    pub stake_mint: AccountInfo<'info>,
    pub token_program: AccountInfo<'info>,
    pub system_program: AccountInfo<'info>,
}

/// node_staking's `slash` with `renter_tokens` given, built in place: what
/// `node_staking::cpi::slash` builds (the unit test below compares them).
fn slash_ix(
    authority: Pubkey,
    config: Pubkey,
    node: Pubkey,
    a: &SlashAccounts,
    args: SlashArgs,
) -> Instruction {
    Instruction {
        program_id: node_staking::ID,
        accounts: vec![
            AccountMeta::new_readonly(authority, true),
            AccountMeta::new(a.payer.key(), true),
            AccountMeta::new(config, false),
            AccountMeta::new_readonly(a.spec_tier.key(), false),
            AccountMeta::new(node, false),
            AccountMeta::new(a.slash_record.key(), false),
            AccountMeta::new(a.vault.key(), false),
            AccountMeta::new(a.treasury.key(), false),
            AccountMeta::new(a.renter_tokens.key(), false),
            AccountMeta::new_readonly(a.stake_mint.key(), false),
            AccountMeta::new_readonly(a.token_program.key(), false),
            AccountMeta::new_readonly(a.system_program.key(), false),
        ],
        data: node_staking::instruction::Slash { args }.data(),
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
    use anchor_lang::InstructionData;

    #[test]
    fn lock_and_unlock_are_what_the_anchor_cpi_client_builds() {
        let [a, c, t, n] = [(); 4].map(|_| Pubkey::new_unique());
        let lock = node_staking::accounts::RentalLock {
            rental_authority: a,
            config: c,
            spec_tier: t,
            node: n,
        };
        assert_eq!(
            lock_node_ix(a, c, t, n),
            Instruction {
                program_id: node_staking::ID,
                accounts: lock.to_account_metas(None),
                data: node_staking::instruction::LockNode.data(),
            }
        );
        let unlock = node_staking::accounts::RentalUnlock {
            rental_authority: a,
            config: c,
            node: n,
        };
        assert_eq!(
            unlock_node_ix(a, c, n),
            Instruction {
                program_id: node_staking::ID,
                accounts: unlock.to_account_metas(None),
                data: node_staking::instruction::UnlockNode.data(),
            }
        );
    }

    #[test]
    fn slash_is_what_the_anchor_cpi_client_builds() {
        let keys = [(); 12].map(|_| Pubkey::new_unique());
        let [authority, payer, config, spec_tier, node, slash_record, vault, treasury, renter_tokens, stake_mint, token_program, system_program] =
            keys;
        let mut lamports = [0u64; 9];
        let mut data: [[u8; 0]; 9] = [[]; 9];
        let owner = Pubkey::default();
        let info_keys = [
            payer,
            spec_tier,
            slash_record,
            vault,
            treasury,
            renter_tokens,
            stake_mint,
            token_program,
            system_program,
        ];
        let mut infos = lamports
            .iter_mut()
            .zip(data.iter_mut())
            .zip(info_keys.iter());
        let mut next = || {
            let ((l, d), k) = infos.next().unwrap();
            AccountInfo::new(k, false, false, l, d, &owner, false, 0)
        };
        let accounts = SlashAccounts {
            payer: next(),
            spec_tier: next(),
            slash_record: next(),
            vault: next(),
            treasury: next(),
            renter_tokens: next(),
            stake_mint: next(),
            token_program: next(),
            system_program: next(),
        };
        let args = || SlashArgs {
            evidence_hash: [7; 32],
            reason: node_staking::state::SlashReason::QosFailure,
            fraction_bps: 1_234,
            renter_share_bps: 5_678,
        };
        let anchor = node_staking::accounts::Slash {
            authority,
            payer,
            config,
            spec_tier,
            node,
            slash_record,
            vault,
            treasury,
            renter_tokens: Some(renter_tokens),
            stake_mint,
            token_program,
            system_program,
        };
        assert_eq!(
            slash_ix(authority, config, node, &accounts, args()),
            Instruction {
                program_id: node_staking::ID,
                accounts: anchor.to_account_metas(None),
                data: node_staking::instruction::Slash { args: args() }.data(),
            }
        );
    }

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
