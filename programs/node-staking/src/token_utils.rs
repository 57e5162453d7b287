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
        .ok_or_else(|| named_error!(StakingError::MintMismatch))
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

/// Bytes of a multisig account, which Token-2022's unpack refuses as an account.
const MULTISIG_LEN: usize = 355;
/// Token-2022's account-type byte (after the base layout) for a token account.
const ACCOUNT_TYPE_ACCOUNT: u8 = 2;

/// Fails unless `account` exists and `token_program` owns it, with the
/// errors `InterfaceAccount` gives: AccountNotInitialized for a missing
/// account, AccountOwnedByWrongProgram for another owner.
#[inline(always)]
pub fn check_token_program_owns(
    account: &AccountInfo,
    token_program: &Pubkey,
    name: &str,
) -> Result<()> {
    if *account.owner == anchor_lang::system_program::ID && account.lamports() == 0 {
        return Err(named_error!(ErrorCode::AccountNotInitialized).with_account_name(name));
    }
    if account.owner != token_program {
        return Err(named_error!(ErrorCode::AccountOwnedByWrongProgram)
            .with_account_name(name)
            .with_pubkeys((*account.owner, *token_program)));
    }
    Ok(())
}

/// The fields of a token account this program reads, from its base layout
/// in place: mint (bytes 0..32), owner (32..64), amount (64..72). `load`
/// accepts what `InterfaceAccount<TokenAccount>` unpacks (an initialised
/// or frozen SPL Token account of exactly 165 bytes, or a Token-2022
/// account whose account-type byte says so; it does not parse extension
/// data, which the token program checks in every transfer). Its errors:
/// AccountNotInitialized for a missing account and
/// AccountOwnedByWrongProgram for another owner than the pinned token
/// program, as `InterfaceAccount` gave; AccountDidNotDeserialize for
/// anything else (a mint, a multisig, an uninitialised account), where the
/// unpack returned InvalidAccountData or UninitializedAccount.
pub struct TokenAccountView {
    pub mint: Pubkey,
    pub owner: Pubkey,
    pub amount: u64,
}

impl TokenAccountView {
    pub fn load(account: &AccountInfo, token_program: &Pubkey, name: &str) -> Result<Self> {
        check_token_program_owns(account, token_program, name)?;
        let data = account.try_borrow_data()?;
        // Token-2022's unpack wants the account-type byte and more after it.
        let shape_ok = data.len() == TOKEN_ACCOUNT_LEN
            || (data.len() > TOKEN_ACCOUNT_LEN + 1
                && data.len() != MULTISIG_LEN
                && data[TOKEN_ACCOUNT_LEN] == ACCOUNT_TYPE_ACCOUNT);
        // AccountState at byte 108: 0 uninitialised, 1 initialised, 2 frozen.
        if !shape_ok || !matches!(data[108], 1 | 2) {
            return Err(named_error!(ErrorCode::AccountDidNotDeserialize).with_account_name(name));
        }
        let key = |at: usize| {
            let mut k = [0u8; 32];
            k.copy_from_slice(&data[at..at + 32]);
            Pubkey::new_from_array(k)
        };
        let mut amount = [0u8; 8];
        amount.copy_from_slice(&data[64..72]);
        Ok(Self {
            mint: key(0),
            owner: key(32),
            amount: u64::from_le_bytes(amount),
        })
    }
}

/// Checks a payout destination as the `InterfaceAccount` constraints did:
/// a token account (`TokenAccountView`) of `mint` (MintMismatch), held by
/// `holder` when one is required (DestinationNotOwned).
pub fn check_destination(
    account: &AccountInfo,
    token_program: &Pubkey,
    mint: &Pubkey,
    holder: Option<&Pubkey>,
    name: &str,
) -> Result<()> {
    let view = TokenAccountView::load(account, token_program, name)?;
    ensure_keys_eq!(view.mint, *mint, StakingError::MintMismatch);
    if let Some(holder) = holder {
        ensure_keys_eq!(view.owner, *holder, StakingError::DestinationNotOwned);
    }
    Ok(())
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
    ensure!(
        mint.decimals <= MAX_MINT_DECIMALS,
        StakingError::UnsupportedMintDecimals
    );
    let info = mint.to_account_info();
    if *info.owner == anchor_spl::token_2022::ID {
        let data = info.try_borrow_data()?;
        let state = StateWithExtensions::<MintState>::unpack(&data)
            .map_err(|_| named_error!(StakingError::UnsupportedMintExtension))?;
        let types = state
            .get_extension_types()
            .map_err(|_| named_error!(StakingError::UnsupportedMintExtension))?;
        for t in types {
            ensure!(
                ALLOWED_MINT_EXTENSIONS.contains(&t),
                StakingError::UnsupportedMintExtension
            );
        }
    }
    ensure!(
        mint.freeze_authority.is_none(),
        StakingError::MintHasFreezeAuthority
    );
    Ok(())
}

/// Fails unless the instruction got no remaining accounts.
pub fn no_remaining_accounts(remaining: &[AccountInfo]) -> Result<()> {
    ensure!(
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

#[cfg(test)]
mod tests {
    use super::*;
    use anchor_lang::solana_program::program_pack::Pack;
    use anchor_spl::token_2022::spl_token_2022::{
        extension::StateWithExtensions, state::Account as Token2022Account,
    };
    use proptest::prelude::*;

    fn load_with(data: &mut [u8], owner: &Pubkey, lamports: u64) -> Result<TokenAccountView> {
        let key = Pubkey::new_unique();
        let mut lamports = lamports;
        let info = AccountInfo::new(&key, false, true, &mut lamports, data, owner, false, 0);
        TokenAccountView::load(&info, &anchor_spl::token::ID, "t")
    }

    fn err_name(r: Result<TokenAccountView>) -> String {
        match r {
            Err(anchor_lang::error::Error::AnchorError(e)) => e.error_name,
            _ => "ok or another error".into(),
        }
    }

    #[test]
    fn refuses_what_interface_account_refuses_with_its_errors() {
        let token = anchor_spl::token::ID;
        let mut account = [0u8; 165];
        account[108] = 1;
        assert!(load_with(&mut account, &token, 1).is_ok());
        account[108] = 2; // frozen: unpacks, the transfer refuses it
        assert!(load_with(&mut account, &token, 1).is_ok());
        account[108] = 0;
        assert_eq!(
            err_name(load_with(&mut account, &token, 1)),
            "AccountDidNotDeserialize"
        );
        account[108] = 1;
        let mut mint = [1u8; 82];
        assert_eq!(
            err_name(load_with(&mut mint, &token, 1)),
            "AccountDidNotDeserialize"
        );
        let mut multisig = [1u8; 355];
        multisig[165] = ACCOUNT_TYPE_ACCOUNT;
        assert_eq!(
            err_name(load_with(&mut multisig, &token, 1)),
            "AccountDidNotDeserialize"
        );
        let mut too_short = [1u8; 166]; // a type byte and nothing after it
        too_short[108] = 1;
        too_short[165] = ACCOUNT_TYPE_ACCOUNT;
        assert_eq!(
            err_name(load_with(&mut too_short, &token, 1)),
            "AccountDidNotDeserialize"
        );
        let mut t22_mint = [1u8; 170];
        t22_mint[165] = 1; // AccountType::Mint
        assert_eq!(
            err_name(load_with(&mut t22_mint, &token, 1)),
            "AccountDidNotDeserialize"
        );
        assert_eq!(
            err_name(load_with(&mut account, &Pubkey::new_unique(), 1)),
            "AccountOwnedByWrongProgram"
        );
        assert_eq!(
            err_name(load_with(&mut [], &anchor_lang::system_program::ID, 0)),
            "AccountNotInitialized"
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]

        /// Whatever Token-2022's unpack accepts, `load` accepts with the same
        /// mint, owner and amount (it does not check extension data, which
        /// the token program checks in the transfer); up to 165 bytes it
        /// accepts exactly what SPL Token's unpack accepts, for the
        /// well-formed option tags only the token program could have written.
        #[test]
        fn agrees_with_the_token_programs_unpack(
            len in prop_oneof![Just(82usize), Just(165), Just(166), Just(170), Just(234), Just(355), 0usize..400],
            state in 0u8..4,
            account_type in 0u8..4,
            seed in any::<[u8; 32]>(),
        ) {
            let mut data: Vec<u8> = (0..len).map(|i| seed[i % 32].wrapping_mul(i as u8 | 1)).collect();
            if len > 108 { data[108] = state; }
            if len > 165 { data[165] = account_type; }
            // COption tags (delegate, is_native, close authority) as the
            // token program writes them: 0 or 1, then three zero bytes.
            for (i, at) in [72usize, 109, 129].into_iter().enumerate() {
                if len >= at + 4 {
                    data[at..at + 4].copy_from_slice(&[seed[i] & 1, 0, 0, 0]);
                }
            }
            let unpacked = StateWithExtensions::<Token2022Account>::unpack(&data).map(|s| s.base);
            let spl = anchor_spl::token::spl_token::state::Account::unpack(&data);
            let ours = load_with(&mut data.clone(), &anchor_spl::token::ID, 1);
            if let Ok(base) = unpacked {
                let view = ours.as_ref().unwrap();
                prop_assert_eq!(view.mint, base.mint);
                prop_assert_eq!(view.owner, base.owner);
                prop_assert_eq!(view.amount, base.amount);
            }
            if len <= 165 {
                prop_assert_eq!(ours.is_ok(), spl.is_ok());
            }
        }
    }
}
