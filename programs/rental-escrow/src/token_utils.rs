//! Token movements out of rental vaults and small shared checks.
use anchor_lang::prelude::*;
use anchor_spl::token_interface::{self, CloseAccount, TokenInterface};
use node_staking::invoke;

use crate::{constants::RENTAL_SEED, errors::EscrowError, state::Rental};

/// The payment mint as the token CPIs need it: the account and its decimals.
pub struct MintRef<'info> {
    pub info: AccountInfo<'info>,
    pub decimals: u8,
}

impl<'info> MintRef<'info> {
    /// Reads the decimals of a mint whose address the caller has already
    /// pinned (`has_one = payment_mint` on the config, or the vault's mint):
    /// byte 44 of the base mint layout, the same in SPL Token and Token-2022,
    /// after checking the owner is the (pinned) token program and the mint is
    /// initialised. This is what deserialising `InterfaceAccount<Mint>` would
    /// read, without unpacking the rest; `transfer_checked` checks the mint
    /// and the decimals again.
    pub fn load(
        mint: &AccountInfo<'info>,
        token_program: &Interface<'info, TokenInterface>,
    ) -> Result<Self> {
        require_keys_eq!(
            *mint.owner,
            token_program.key(),
            EscrowError::TokenProgramMismatch
        );
        let decimals = {
            let data = mint.try_borrow_data()?;
            // Base Mint: 36 authority + 8 supply + 1 decimals + 1 is_initialized + 36.
            require!(data.len() >= 82 && data[45] == 1, EscrowError::MintMismatch);
            data[44]
        };
        Ok(Self {
            info: mint.clone(),
            decimals,
        })
    }
}

/// Bytes of a token account's base layout (SPL Token and Token-2022).
const TOKEN_ACCOUNT_LEN: usize = 165;
/// Bytes of a multisig account, which Token-2022's unpack refuses as an account.
const MULTISIG_LEN: usize = 355;
/// Token-2022's account-type byte (after the base layout) for a token account.
const ACCOUNT_TYPE_ACCOUNT: u8 = 2;

/// The fields of a token account this program reads, from its base layout
/// in place: mint (bytes 0..32), owner (32..64), amount (64..72). `load`
/// accepts what `InterfaceAccount<TokenAccount>` unpacks (an initialised
/// or frozen SPL Token account of exactly 165 bytes, or a Token-2022
/// account whose account-type byte says so) and refuses the rest with the
/// same errors: AccountNotInitialized for a missing account,
/// AccountOwnedByWrongProgram for another owner than the pinned token
/// program, AccountDidNotDeserialize for anything else (a mint, a multisig,
/// an uninitialised account). The token program checks the accounts again
/// in every transfer.
pub struct TokenAccountView {
    pub mint: Pubkey,
    pub owner: Pubkey,
    pub amount: u64,
}

impl TokenAccountView {
    pub fn load(account: &AccountInfo, token_program: &Pubkey, name: &str) -> Result<Self> {
        if *account.owner == anchor_lang::system_program::ID && account.lamports() == 0 {
            return Err(error!(ErrorCode::AccountNotInitialized).with_account_name(name));
        }
        if account.owner != token_program {
            return Err(error!(ErrorCode::AccountOwnedByWrongProgram)
                .with_account_name(name)
                .with_pubkeys((*account.owner, *token_program)));
        }
        let data = account.try_borrow_data()?;
        let shape_ok = data.len() == TOKEN_ACCOUNT_LEN
            || (data.len() > TOKEN_ACCOUNT_LEN
                && data.len() != MULTISIG_LEN
                && data[TOKEN_ACCOUNT_LEN] == ACCOUNT_TYPE_ACCOUNT);
        // AccountState at byte 108: 0 uninitialised, 1 initialised, 2 frozen.
        if !shape_ok || !matches!(data[108], 1 | 2) {
            return Err(error!(ErrorCode::AccountDidNotDeserialize).with_account_name(name));
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

/// Checks a payout destination: a token account (`TokenAccountView`) of
/// `mint` (MintMismatch) held by `holder` when given (`wrong_holder`
/// otherwise): the checks the `InterfaceAccount` constraints made.
pub fn check_payee(
    account: &AccountInfo,
    token_program: &Pubkey,
    mint: &Pubkey,
    holder: Option<(&Pubkey, EscrowError)>,
    name: &str,
) -> Result<()> {
    let view = TokenAccountView::load(account, token_program, name)?;
    require_keys_eq!(view.mint, *mint, EscrowError::MintMismatch);
    if let Some((holder, wrong_holder)) = holder {
        require_keys_eq!(view.owner, *holder, wrong_holder);
    }
    Ok(())
}

/// Checks that `account`, the source of a renter's payment, is a token
/// account of `mint` under the pinned token program, with the errors
/// `InterfaceAccount<TokenAccount>` and the mint constraint gave:
/// `AccountNotInitialized` when it does not exist (a renter without a token
/// account), `AccountOwnedByWrongProgram` when another program owns it,
/// `MintMismatch` when it is not a token account of `mint` (the 32 mint
/// bytes of the base layout), all without unpacking the account. The
/// token program checks the rest (initialised, not frozen, owner or
/// delegate, balance) in the transfer, for which alone this is used.
pub fn check_payer_tokens(
    account: &AccountInfo,
    token_program: &Pubkey,
    mint: &Pubkey,
) -> Result<()> {
    if *account.owner == anchor_lang::system_program::ID && account.lamports() == 0 {
        return Err(error!(ErrorCode::AccountNotInitialized).with_account_name("renter_tokens"));
    }
    if account.owner != token_program {
        return Err(error!(ErrorCode::AccountOwnedByWrongProgram)
            .with_account_name("renter_tokens")
            .with_pubkeys((*account.owner, *token_program)));
    }
    require!(
        node_staking::token_utils::token_account_mint(account, token_program).as_ref()
            == Some(mint),
        EscrowError::MintMismatch
    );
    Ok(())
}

/// Moves `amount` from the renter's (or another signer's) token account
/// `from`; the token program checks its owner against `authority`, its
/// mint and the decimals.
pub fn transfer_from_signer<'info>(
    token_program: &Interface<'info, TokenInterface>,
    from: &AccountInfo<'info>,
    to: &AccountInfo<'info>,
    mint: &MintRef<'info>,
    authority: &Signer<'info>,
    amount: u64,
) -> Result<()> {
    if amount == 0 {
        return Ok(());
    }
    invoke::transfer_checked(
        &token_program.to_account_info(),
        from,
        &mint.info,
        to,
        &authority.to_account_info(),
        amount,
        mint.decimals,
        &[],
    )
}

/// Moves `amount` out of a rental's vault; the rental PDA signs.
pub fn pay_from_vault<'info>(
    token_program: &Interface<'info, TokenInterface>,
    vault: &impl ToAccountInfo<'info>,
    to: &AccountInfo<'info>,
    mint: &MintRef<'info>,
    rental: &Account<'info, Rental>,
    amount: u64,
) -> Result<()> {
    if amount == 0 {
        return Ok(());
    }
    let id = rental.rental_id.to_le_bytes();
    let bump = [rental.bump];
    let seeds: &[&[u8]] = &[RENTAL_SEED, rental.renter.as_ref(), &id, &bump];
    invoke::transfer_checked(
        &token_program.to_account_info(),
        &vault.to_account_info(),
        &mint.info,
        to,
        &rental.to_account_info(),
        amount,
        mint.decimals,
        &[seeds],
    )
}

/// Pays each `(destination, amount)` from the rental's vault, in order, through
/// `pay_from_vault` (zero amounts are skipped). Settlements pay the provider,
/// the treasury and the renter this way.
pub fn pay_all_from_vault<'info>(
    token_program: &Interface<'info, TokenInterface>,
    vault: &impl ToAccountInfo<'info>,
    mint: &MintRef<'info>,
    rental: &Account<'info, Rental>,
    payments: &[(AccountInfo<'info>, u64)],
) -> Result<()> {
    for (to, amount) in payments {
        pay_from_vault(token_program, vault, to, mint, rental, *amount)?;
    }
    Ok(())
}

/// Closes an empty vault; its rent lamports go to `destination`.
pub fn close_vault<'info>(
    token_program: &Interface<'info, TokenInterface>,
    vault: &impl ToAccountInfo<'info>,
    destination: &AccountInfo<'info>,
    rental: &Account<'info, Rental>,
) -> Result<()> {
    let id = rental.rental_id.to_le_bytes();
    let bump = [rental.bump];
    let seeds: &[&[u8]] = &[RENTAL_SEED, rental.renter.as_ref(), &id, &bump];
    token_interface::close_account(CpiContext::new_with_signer(
        token_program.to_account_info(),
        CloseAccount {
            account: vault.to_account_info(),
            destination: destination.clone(),
            authority: rental.to_account_info(),
        },
        &[seeds],
    ))
}

/// The provider-side fee on a payout of `amount`: payouts round down, so the
/// fee is the ceiling of amount × fee_bps / 10 000.
pub fn split_fee(amount: u64, fee_bps: u16) -> Result<(u64, u64)> {
    let keep = (amount as u128) * (10_000 - fee_bps as u128) / 10_000;
    let payout = u64::try_from(keep).map_err(|_| error!(EscrowError::MathOverflow))?;
    Ok((payout, amount - payout))
}

/// The renter-side fee on `amount` escrowed, rounded up.
pub fn renter_fee(amount: u64, fee_bps: u16) -> Result<u64> {
    let fee = ((amount as u128) * (fee_bps as u128)).div_ceil(10_000);
    u64::try_from(fee).map_err(|_| error!(EscrowError::MathOverflow))
}

pub fn no_remaining_accounts(remaining: &[AccountInfo]) -> Result<()> {
    require!(
        remaining.is_empty(),
        EscrowError::UnexpectedRemainingAccounts
    );
    Ok(())
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
