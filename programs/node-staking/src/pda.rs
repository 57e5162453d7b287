//! Creating the program's PDAs without Anchor's bump search.
//!
//! Anchor's `init` runs `find_program_address` (1,500 CU per bump tried,
//! ~1.5 tries on average with a long tail) even when the bump is given.
//! Here the canonical bump comes from `pda_bump::find_canonical`: the same
//! computation (SHA-256 of seeds, bump, program id and marker; valid if off
//! the Ed25519 curve) at one `sol_sha256` + one curve check per bump tried
//! (~300 CU), so the account created is still the one address those seeds
//! name (the bump `find_program_address` returns), and uniqueness (one
//! delegation per node and delegator, one record per evidence, one node per
//! operator and id) still does not rest on the client.
use anchor_lang::prelude::*;

use crate::invoke;

/// The canonical PDA of `seeds` and its bump; fails with `ConstraintSeeds`
/// (as Anchor's `init` did) unless `account` is that address.
pub fn expect_canonical(account: &AccountInfo, seeds: &[&[u8]], name: &str) -> Result<u8> {
    let (address, bump) = pda_bump::find_canonical(seeds, &crate::ID)
        .ok_or_else(|| named_error!(ErrorCode::ConstraintSeeds).with_account_name(name))?;
    if account.key() != address {
        return Err(named_error!(ErrorCode::ConstraintSeeds)
            .with_account_name(name)
            .with_pubkeys((account.key(), address)));
    }
    Ok(bump)
}

/// Creates `account`, a PDA that signs with `signer_seeds` (seeds + bump),
/// with `space` bytes owned by `owner`, rent from `payer`; as Anchor's
/// `init` does, an address someone pre-funded is topped up, allocated and
/// assigned instead (so lamports sent to it cannot block the creation). The
/// System program refuses an account that already has data or an owner.
/// rental_escrow creates its rentals and vaults with it too.
pub fn create_account<'info>(
    payer: &AccountInfo<'info>,
    account: &AccountInfo<'info>,
    system: &AccountInfo<'info>,
    signer_seeds: &[&[u8]],
    space: usize,
    owner: &Pubkey,
) -> Result<()> {
    let rent = Rent::get()?;
    let current = account.lamports();
    let signer = &[signer_seeds];
    let space_u64 = space as u64;
    if current == 0 {
        invoke::create_account(
            system,
            payer,
            account,
            rent.minimum_balance(space),
            space_u64,
            owner,
            signer,
        )
    } else {
        require_keys_neq!(
            payer.key(),
            account.key(),
            ErrorCode::TryingToInitPayerAsProgramAccount
        );
        let required = rent.minimum_balance(space).max(1).saturating_sub(current);
        if required > 0 {
            invoke::transfer_lamports(system, payer, account, required)?;
        }
        invoke::allocate(system, account, space_u64, signer)?;
        invoke::assign(system, account, owner, signer)
    }
}
