//! Token movements in and out of node vaults, and stake-mint validation.
use anchor_lang::prelude::*;
use anchor_spl::{
    token_2022::spl_token_2022::{
        extension::{BaseStateWithExtensions, ExtensionType, StateWithExtensions},
        state::Mint as MintState,
    },
    token_interface::{self, Mint, TokenAccount, TokenInterface, TransferChecked},
};

use crate::{
    constants::{MAX_MINT_DECIMALS, NODE_SEED},
    errors::StakingError,
    state::Node,
};

/// Moves `amount` from a user's token account into a vault; `authority` signs.
pub fn deposit<'info>(
    token_program: &Interface<'info, TokenInterface>,
    from: &InterfaceAccount<'info, TokenAccount>,
    vault: &InterfaceAccount<'info, TokenAccount>,
    mint: &InterfaceAccount<'info, Mint>,
    authority: &Signer<'info>,
    amount: u64,
) -> Result<()> {
    token_interface::transfer_checked(
        CpiContext::new(
            token_program.to_account_info(),
            TransferChecked {
                from: from.to_account_info(),
                mint: mint.to_account_info(),
                to: vault.to_account_info(),
                authority: authority.to_account_info(),
            },
        ),
        amount,
        mint.decimals,
    )
}

/// Moves `amount` out of a node's vault; the node PDA signs.
pub fn pay_out<'info>(
    token_program: &Interface<'info, TokenInterface>,
    vault: &InterfaceAccount<'info, TokenAccount>,
    to: &AccountInfo<'info>,
    mint: &InterfaceAccount<'info, Mint>,
    node: &Account<'info, Node>,
    amount: u64,
) -> Result<()> {
    if amount == 0 {
        return Ok(());
    }
    let (node_id, bump) = node.signer_seeds_parts();
    let seeds: &[&[u8]] = &[NODE_SEED, node.operator.as_ref(), &node_id, &bump];
    token_interface::transfer_checked(
        CpiContext::new_with_signer(
            token_program.to_account_info(),
            TransferChecked {
                from: vault.to_account_info(),
                mint: mint.to_account_info(),
                to: to.clone(),
                authority: node.to_account_info(),
            },
            &[seeds],
        ),
        amount,
        mint.decimals,
    )
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
