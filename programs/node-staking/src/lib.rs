//! node_staking: provider stake, delegation, availability rewards and slashing
//! for a GPU-compute DePIN market. See the repository README for the protocol.
use anchor_lang::prelude::*;

pub mod constants;
pub mod errors;
pub mod events;
pub mod instructions;
pub mod state;

use instructions::*;

declare_id!("AJjQ7ZnNJMpupytfNmTxBtM3mHg9yNi3x14m5Yy2EPbE");

#[program]
pub mod node_staking {
    use super::*;

    /// Creates the protocol config PDA; the signer becomes the admin.
    pub fn initialize(ctx: Context<Initialize>, args: InitializeArgs) -> Result<()> {
        Initialize::handler(ctx, args)
    }
}
