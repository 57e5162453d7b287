//! rental_escrow: rentals of GPU nodes priced in USD per hour, converted to
//! tokens with a Pyth price, held in escrow and streamed to the provider.
use anchor_lang::prelude::*;

pub mod constants;
pub mod errors;
pub mod events;
pub mod instructions;
pub mod state;

use instructions::*;

declare_id!("H2NUcPQMPgYYhbzY8toBq5Nq1uZDaVunoSjzZBhGEA6e");

#[program]
pub mod rental_escrow {
    use super::*;

    /// Creates the escrow config PDA; the signer becomes the admin.
    pub fn initialize(ctx: Context<Initialize>, args: InitializeArgs) -> Result<()> {
        Initialize::handler(ctx, args)
    }
}
