//! test_oracle: a TEST FIXTURE, never deployed outside tests and local demos.
//! It owns accounts whose bytes the tests set to Pyth price layouts (legacy
//! price accounts and PriceUpdateV2), so that rental_escrow — configured
//! with this program as its oracle owner — can be tested on a validator,
//! where accounts cannot be forged. Devnet and mainnet configs point at the
//! real Pyth programs instead.
use anchor_lang::prelude::*;

declare_id!("En78ZTrMi5Ff4NRf26wgzZAaGEY1im2i68smLhh7aTSW");

#[program]
pub mod test_oracle {
    use super::*;

    /// Writes `bytes` at `offset` into a price account this program owns.
    pub fn write(ctx: Context<Write>, offset: u32, bytes: Vec<u8>) -> Result<()> {
        let info = ctx.accounts.price.to_account_info();
        let mut data = info.try_borrow_mut_data()?;
        let start = offset as usize;
        let end = start
            .checked_add(bytes.len())
            .ok_or(FixtureError::OutOfBounds)?;
        require!(end <= data.len(), FixtureError::OutOfBounds);
        data[start..end].copy_from_slice(&bytes);
        Ok(())
    }
}

#[derive(Accounts)]
pub struct Write<'info> {
    pub authority: Signer<'info>,
    /// CHECK: raw fixture bytes; the owner constraint below is the only check a fixture needs.
    #[account(mut, owner = crate::ID @ FixtureError::NotOwned)]
    pub price: UncheckedAccount<'info>,
}

#[error_code]
pub enum FixtureError {
    #[msg("Write goes past the end of the account")]
    OutOfBounds,
    #[msg("Account is not owned by the fixture program")]
    NotOwned,
}
