//! Token movements in and out of node vaults, and stake-mint validation.
use anchor_lang::prelude::*;
use anchor_spl::{
    token_2022::spl_token_2022::{
        extension::{BaseStateWithExtensions, ExtensionType, StateWithExtensions},
        state::Mint as MintState,
    },
    token_interface::Mint,
};

use crate::{
    constants::{MAX_MINT_DECIMALS, NODE_SEED},
    errors::StakingError,
    invoke::transfer_checked,
    state::Node,
};

/// Moves `amount` from a user's token account into a vault; `authority` signs.
/// The token program checks `from`'s owner, both accounts' mint and the
/// decimals.
pub fn deposit<'info>(
    token_program: &AccountInfo<'info>,
    from: &AccountInfo<'info>,
    vault: &AccountInfo<'info>,
    mint: &AccountInfo<'info>,
    decimals: u8,
    authority: &AccountInfo<'info>,
    amount: u64,
) -> Result<()> {
    transfer_checked(
        token_program,
        from,
        mint,
        vault,
        authority,
        amount,
        decimals,
        &[],
    )
}

/// Moves `amount` out of a node's vault; the node PDA signs.
pub fn pay_out<'info>(
    token_program: &AccountInfo<'info>,
    vault: &AccountInfo<'info>,
    to: &AccountInfo<'info>,
    mint: &AccountInfo<'info>,
    decimals: u8,
    node: &Account<'info, Node>,
    amount: u64,
) -> Result<()> {
    if amount == 0 {
        return Ok(());
    }
    let (node_id, bump) = node.signer_seeds_parts();
    let seeds: &[&[u8]] = &[NODE_SEED, node.operator.as_ref(), &node_id, &bump];
    transfer_checked(
        token_program,
        vault,
        mint,
        to,
        &node.to_account_info(),
        amount,
        decimals,
        &[seeds],
    )
}

/// Offset of `decimals` in a mint's base layout (SPL Token and Token-2022):
/// mint authority (36 bytes, COption<Pubkey>), then supply (8).
const MINT_DECIMALS_OFFSET: usize = 44;
/// Size of a token account's base layout (SPL Token and Token-2022).
const TOKEN_ACCOUNT_LEN: usize = 165;

/// The stake mint's decimals, read from its base layout instead of
/// unpacking the whole mint. Callers pin `mint` to `config.stake_mint`
/// (`has_one`), which initialize validated (and which cannot be closed: a
/// close authority is a rejected extension); transfer_checked checks the
/// decimals again against the mint.
pub fn mint_decimals(mint: &AccountInfo) -> Result<u8> {
    let data = mint.try_borrow_data()?;
    data.get(MINT_DECIMALS_OFFSET)
        .copied()
        .ok_or_else(|| error!(StakingError::MintMismatch))
}

/// The mint of a token account owned by `token_program` (the first 32 bytes
/// of the base layout, the same for SPL Token and Token-2022); `None` for
/// anything else. The same bytes `InterfaceAccount<TokenAccount>` would
/// compare, without unpacking the account; the token program checks the
/// rest (initialised, not frozen, owner) in the transfer. Loose on its own
/// (a Token-2022 mint or a multisig of 165+ bytes passes): use it only for
/// the source of a transfer the token program then checks, never to read
/// `amount`/`owner` or to vet a destination.
pub fn token_account_mint(account: &AccountInfo, token_program: &Pubkey) -> Option<Pubkey> {
    if account.owner != token_program {
        return None;
    }
    let data = account.try_borrow_data().ok()?;
    if data.len() < TOKEN_ACCOUNT_LEN {
        return None;
    }
    Pubkey::try_from(&data[..32]).ok()
}

/// Token-2022 extensions a stake mint may carry. Anything else (transfer fee,
/// permanent delegate, transfer hook, default-frozen accounts, non-transferable,
/// confidential transfers, close authority, interest, pausable, ...) is
/// rejected, because it would let tokens move or shrink outside the protocol's
/// accounting.
const ALLOWED_MINT_EXTENSIONS: &[ExtensionType] =
    &[ExtensionType::MetadataPointer, ExtensionType::TokenMetadata];

/// Rejects mints with too many decimals, a freeze authority (it could freeze
/// every node vault) or hostile Token-2022 extensions.
pub fn validate_stake_mint(mint: &InterfaceAccount<Mint>) -> Result<()> {
    require!(
        mint.decimals <= MAX_MINT_DECIMALS,
        StakingError::UnsupportedMintDecimals
    );
    let info = mint.to_account_info();
    if *info.owner == anchor_spl::token_2022::ID {
        let data = info.try_borrow_data()?;
        let state = StateWithExtensions::<MintState>::unpack(&data)
            .map_err(|_| error!(StakingError::UnsupportedMintExtension))?;
        let types = state
            .get_extension_types()
            .map_err(|_| error!(StakingError::UnsupportedMintExtension))?;
        for t in types {
            require!(
                ALLOWED_MINT_EXTENSIONS.contains(&t),
                StakingError::UnsupportedMintExtension
            );
        }
    }
    require!(
        mint.freeze_authority.is_none(),
        StakingError::MintHasFreezeAuthority
    );
    Ok(())
}

/// Fails unless the instruction got no remaining accounts.
pub fn no_remaining_accounts(remaining: &[AccountInfo]) -> Result<()> {
    require!(
        remaining.is_empty(),
        StakingError::UnexpectedRemainingAccounts
    );
    Ok(())
}

/// Bytes of a token account of `mint`: 165 under SPL Token; under
/// Token-2022, with the account extensions the mint's extensions require
/// (as Anchor's `init` with `token::mint` computes it). Also used by
/// rental_escrow for its rental vaults.
pub fn token_account_space(mint: &AccountInfo) -> Result<usize> {
    if *mint.owner == anchor_spl::token_2022::ID {
        use anchor_spl::token_2022::spl_token_2022::state::Account;
        let data = mint.try_borrow_data()?;
        let state = StateWithExtensions::<MintState>::unpack(&data)?;
        let required =
            ExtensionType::get_required_init_account_extensions(&state.get_extension_types()?);
        Ok(ExtensionType::try_calculate_account_len::<Account>(
            &required,
        )?)
    } else {
        Ok(anchor_spl::token::TokenAccount::LEN)
    }
}
