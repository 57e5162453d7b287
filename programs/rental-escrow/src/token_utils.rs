//! Token movements out of rental vaults and small shared checks.
use anchor_lang::prelude::*;
use anchor_spl::token_interface::{self, CloseAccount, TokenInterface};
use node_staking::invoke;
use node_staking::{ensure, ensure_keys_eq, named_error};

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
        ensure_keys_eq!(
            *mint.owner,
            token_program.key(),
            EscrowError::TokenProgramMismatch
        );
        let decimals = {
            let data = mint.try_borrow_data()?;
            // Base Mint: 36 authority + 8 supply + 1 decimals + 1 is_initialized + 36.
            ensure!(data.len() >= 82 && data[45] == 1, EscrowError::MintMismatch);
            data[44]
        };
        Ok(Self {
            info: mint.clone(),
            decimals,
        })
    }
}

pub use node_staking::token_utils::TokenAccountView;

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
    ensure_keys_eq!(view.mint, *mint, EscrowError::MintMismatch);
    if let Some((holder, wrong_holder)) = holder {
        ensure_keys_eq!(view.owner, *holder, wrong_holder);
    }
    Ok(())
}

/// The two payees of a settlement (close_rental, resolve_dispute): the
/// provider's token account (WrongProvider) and the renter's
/// (DestinationMismatch), both of the payment mint.
pub fn check_settlement_payees(
    provider_tokens: &AccountInfo,
    renter_tokens: &AccountInfo,
    token_program: &Pubkey,
    mint: &Pubkey,
    rental: &Rental,
) -> Result<()> {
    check_payee(
        provider_tokens,
        token_program,
        mint,
        Some((&rental.provider, EscrowError::WrongProvider)),
        "provider_tokens",
    )?;
    check_payee(
        renter_tokens,
        token_program,
        mint,
        Some((&rental.renter, EscrowError::DestinationMismatch)),
        "renter_tokens",
    )
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
    node_staking::token_utils::check_token_program_owns(account, token_program, "renter_tokens")?;
    ensure!(
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
    let payout = u64::try_from(keep).map_err(|_| named_error!(EscrowError::MathOverflow))?;
    Ok((payout, amount - payout))
}

/// The renter-side fee on `amount` escrowed, rounded up.
pub fn renter_fee(amount: u64, fee_bps: u16) -> Result<u64> {
    let fee = ((amount as u128) * (fee_bps as u128)).div_ceil(10_000);
    u64::try_from(fee).map_err(|_| named_error!(EscrowError::MathOverflow))
}

pub fn no_remaining_accounts(remaining: &[AccountInfo]) -> Result<()> {
    ensure!(
        remaining.is_empty(),
        EscrowError::UnexpectedRemainingAccounts
    );
    Ok(())
}
