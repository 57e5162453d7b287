//! System and token program instructions built in place for a CPI.
//!
//! Anchor's CPI helpers build the same instructions through bincode
//! (System) or an enum packer that re-checks the program id (anchor_spl),
//! with a `Vec` for the data and a `CpiContext` per call. Here each
//! instruction's bytes are written into a fixed array (the layouts below are
//! the programs' wire formats; the unit tests compare every one with the
//! programs' own builders) and handed to `invoke_signed`, which keeps its
//! borrow checks. The callee checks everything it always checks. Unlike
//! anchor_spl's builders these do not check that the program is SPL Token
//! or Token-2022: every caller passes a program its accounts pin
//! (`Program<System>`, or a token program constrained to the config's). (`CloseAccount` stays with anchor_spl: built in
//! place it measured about 30–50 CU dearer, `make cu`.) The callee's program account is not among the
//! account infos: the runtime finds it among the instruction's accounts,
//! where every caller pins it (`Program<System>`, the config's token
//! program). rental_escrow uses these too.
use anchor_lang::{
    prelude::*,
    solana_program::{
        instruction::{AccountMeta, Instruction},
        program::invoke_signed,
    },
};

/// System instruction indices (bincode's u32 little-endian enum tag).
const SYSTEM_CREATE_ACCOUNT: u32 = 0;
const SYSTEM_ASSIGN: u32 = 1;
const SYSTEM_TRANSFER: u32 = 2;
const SYSTEM_ALLOCATE: u32 = 8;

/// Token instruction tags (the same for SPL Token and Token-2022).
const TOKEN_TRANSFER_CHECKED: u8 = 12;
const TOKEN_INITIALIZE_ACCOUNT3: u8 = 18;

fn ix(program_id: &Pubkey, accounts: Vec<AccountMeta>, data: &[u8]) -> Instruction {
    Instruction {
        program_id: *program_id,
        accounts,
        data: data.to_vec(),
    }
}

/// System `CreateAccount` (tag, lamports, space, owner): `from` pays and
/// signs, `to` signs.
fn create_account_ix(
    system: &Pubkey,
    from: &Pubkey,
    to: &Pubkey,
    lamports: u64,
    space: u64,
    owner: &Pubkey,
) -> Instruction {
    let mut data = [0u8; 52];
    data[..4].copy_from_slice(&SYSTEM_CREATE_ACCOUNT.to_le_bytes());
    data[4..12].copy_from_slice(&lamports.to_le_bytes());
    data[12..20].copy_from_slice(&space.to_le_bytes());
    data[20..].copy_from_slice(owner.as_ref());
    ix(
        system,
        vec![AccountMeta::new(*from, true), AccountMeta::new(*to, true)],
        &data,
    )
}

/// System `Transfer` (tag, lamports) from the signer `from`.
fn transfer_lamports_ix(system: &Pubkey, from: &Pubkey, to: &Pubkey, lamports: u64) -> Instruction {
    let mut data = [0u8; 12];
    data[..4].copy_from_slice(&SYSTEM_TRANSFER.to_le_bytes());
    data[4..].copy_from_slice(&lamports.to_le_bytes());
    ix(
        system,
        vec![AccountMeta::new(*from, true), AccountMeta::new(*to, false)],
        &data,
    )
}

/// System `Allocate` (tag, space); the account signs.
fn allocate_ix(system: &Pubkey, account: &Pubkey, space: u64) -> Instruction {
    let mut data = [0u8; 12];
    data[..4].copy_from_slice(&SYSTEM_ALLOCATE.to_le_bytes());
    data[4..].copy_from_slice(&space.to_le_bytes());
    ix(system, vec![AccountMeta::new(*account, true)], &data)
}

/// System `Assign` (tag, owner); the account signs.
fn assign_ix(system: &Pubkey, account: &Pubkey, owner: &Pubkey) -> Instruction {
    let mut data = [0u8; 36];
    data[..4].copy_from_slice(&SYSTEM_ASSIGN.to_le_bytes());
    data[4..].copy_from_slice(owner.as_ref());
    ix(system, vec![AccountMeta::new(*account, true)], &data)
}

/// Token `TransferChecked` (tag, amount, decimals; source, mint,
/// destination, authority signing).
fn transfer_checked_ix(
    token_program: &Pubkey,
    from: &Pubkey,
    mint: &Pubkey,
    to: &Pubkey,
    authority: &Pubkey,
    amount: u64,
    decimals: u8,
) -> Instruction {
    let mut data = [0u8; 10];
    data[0] = TOKEN_TRANSFER_CHECKED;
    data[1..9].copy_from_slice(&amount.to_le_bytes());
    data[9] = decimals;
    ix(
        token_program,
        vec![
            AccountMeta::new(*from, false),
            AccountMeta::new_readonly(*mint, false),
            AccountMeta::new(*to, false),
            AccountMeta::new_readonly(*authority, true),
        ],
        &data,
    )
}

/// Token `InitializeAccount3` (tag, owner; account, mint).
fn initialize_account3_ix(
    token_program: &Pubkey,
    account: &Pubkey,
    mint: &Pubkey,
    owner: &Pubkey,
) -> Instruction {
    let mut data = [0u8; 33];
    data[0] = TOKEN_INITIALIZE_ACCOUNT3;
    data[1..].copy_from_slice(owner.as_ref());
    ix(
        token_program,
        vec![
            AccountMeta::new(*account, false),
            AccountMeta::new_readonly(*mint, false),
        ],
        &data,
    )
}

fn run(ix: &Instruction, infos: &[AccountInfo], signer_seeds: &[&[&[u8]]]) -> Result<()> {
    invoke_signed(ix, infos, signer_seeds).map_err(Into::into)
}

/// System `CreateAccount`: `to` (signing with `signer_seeds`) gets `lamports`,
/// `space` bytes and `owner`; `from` pays and signs.
pub fn create_account<'info>(
    system: &AccountInfo<'info>,
    from: &AccountInfo<'info>,
    to: &AccountInfo<'info>,
    lamports: u64,
    space: u64,
    owner: &Pubkey,
    signer_seeds: &[&[&[u8]]],
) -> Result<()> {
    run(
        &create_account_ix(system.key, from.key, to.key, lamports, space, owner),
        &[from.clone(), to.clone()],
        signer_seeds,
    )
}

/// System `Transfer` of `lamports` from the signer `from` to `to`.
pub fn transfer_lamports<'info>(
    system: &AccountInfo<'info>,
    from: &AccountInfo<'info>,
    to: &AccountInfo<'info>,
    lamports: u64,
) -> Result<()> {
    run(
        &transfer_lamports_ix(system.key, from.key, to.key, lamports),
        &[from.clone(), to.clone()],
        &[],
    )
}

/// System `Allocate` of `space` bytes to `account` (signing with `signer_seeds`).
pub fn allocate<'info>(
    system: &AccountInfo<'info>,
    account: &AccountInfo<'info>,
    space: u64,
    signer_seeds: &[&[&[u8]]],
) -> Result<()> {
    run(
        &allocate_ix(system.key, account.key, space),
        std::slice::from_ref(account),
        signer_seeds,
    )
}

/// System `Assign` of `account` (signing with `signer_seeds`) to `owner`.
pub fn assign<'info>(
    system: &AccountInfo<'info>,
    account: &AccountInfo<'info>,
    owner: &Pubkey,
    signer_seeds: &[&[&[u8]]],
) -> Result<()> {
    run(
        &assign_ix(system.key, account.key, owner),
        std::slice::from_ref(account),
        signer_seeds,
    )
}

/// Token `TransferChecked`. The token program checks the source's owner or
/// delegate against `authority`, both accounts' mint, and `decimals`
/// against the mint.
#[allow(clippy::too_many_arguments)]
pub fn transfer_checked<'info>(
    token_program: &AccountInfo<'info>,
    from: &AccountInfo<'info>,
    mint: &AccountInfo<'info>,
    to: &AccountInfo<'info>,
    authority: &AccountInfo<'info>,
    amount: u64,
    decimals: u8,
    signer_seeds: &[&[&[u8]]],
) -> Result<()> {
    run(
        &transfer_checked_ix(
            token_program.key,
            from.key,
            mint.key,
            to.key,
            authority.key,
            amount,
            decimals,
        ),
        &[from.clone(), mint.clone(), to.clone(), authority.clone()],
        signer_seeds,
    )
}

/// Token `InitializeAccount3` of `account` for `mint`, owned by `owner`.
pub fn initialize_account3<'info>(
    token_program: &AccountInfo<'info>,
    account: &AccountInfo<'info>,
    mint: &AccountInfo<'info>,
    owner: &Pubkey,
) -> Result<()> {
    run(
        &initialize_account3_ix(token_program.key, account.key, mint.key, owner),
        &[account.clone(), mint.clone()],
        &[],
    )
}

#[cfg(test)]
mod tests {
    //! Every instruction above (program id, accounts, data) against the
    //! System and token programs' own builders.
    use super::*;
    use anchor_lang::solana_program::system_instruction;
    use anchor_spl::token_2022::spl_token_2022::instruction as token_ix;

    const VALUES: [u64; 5] = [0, 1, 0xff, 0x0102_0304_0506_0708, u64::MAX];

    #[test]
    fn system_instructions_match_the_system_program() {
        let sys = anchor_lang::system_program::ID;
        let (a, b, owner) = (
            Pubkey::new_unique(),
            Pubkey::new_unique(),
            Pubkey::new_unique(),
        );
        for v in VALUES {
            let w = v.rotate_left(17);
            assert_eq!(
                system_instruction::create_account(&a, &b, v, w, &owner),
                create_account_ix(&sys, &a, &b, v, w, &owner)
            );
            assert_eq!(
                system_instruction::transfer(&a, &b, v),
                transfer_lamports_ix(&sys, &a, &b, v)
            );
            assert_eq!(
                system_instruction::allocate(&a, v),
                allocate_ix(&sys, &a, v)
            );
        }
        assert_eq!(
            system_instruction::assign(&a, &owner),
            assign_ix(&sys, &a, &owner)
        );
    }

    #[test]
    fn token_instructions_match_spl_token_2022() {
        let (a, b, mint, owner) = (
            Pubkey::new_unique(),
            Pubkey::new_unique(),
            Pubkey::new_unique(),
            Pubkey::new_unique(),
        );
        for program in [anchor_spl::token::ID, anchor_spl::token_2022::ID] {
            for amount in VALUES {
                for decimals in [0u8, 6, 9, 255] {
                    let theirs = token_ix::transfer_checked(
                        &program,
                        &a,
                        &mint,
                        &b,
                        &owner,
                        &[],
                        amount,
                        decimals,
                    )
                    .unwrap();
                    let ours =
                        transfer_checked_ix(&program, &a, &mint, &b, &owner, amount, decimals);
                    assert_eq!(theirs, ours);
                }
            }
            assert_eq!(
                token_ix::initialize_account3(&program, &a, &mint, &owner).unwrap(),
                initialize_account3_ix(&program, &a, &mint, &owner)
            );
        }
    }
}
