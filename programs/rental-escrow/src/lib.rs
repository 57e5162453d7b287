//! rental_escrow: rentals of GPU nodes priced in USD per hour, converted to
//! tokens with a Pyth price, held in escrow, streamed to the provider,
//! refundable, disputable, and grouped into clusters. See the repository
//! README ("Protocol rules") and SECURITY.md.
use anchor_lang::prelude::*;

pub mod constants;
pub mod errors;
pub mod events;
pub mod instructions;
pub mod oracle;
pub mod price;
pub mod pricing;
pub mod staking;
pub mod state;
pub mod token_utils;

use instructions::*;

// Where security researchers find the maintainers (read by explorers from the
// deployed ELF). Set the values at build time: see build.rs.
#[cfg(not(feature = "no-entrypoint"))]
solana_security_txt::security_txt! {
    name: "GPU DePIN rental_escrow",
    project_url: env!("GPU_DEPIN_PROJECT_URL"),
    contacts: env!("GPU_DEPIN_SECURITY_CONTACTS"),
    policy: "SECURITY.md in the source repository",
    preferred_languages: "en",
    source_code: env!("GPU_DEPIN_SOURCE_CODE")
}

declare_id!("H2NUcPQMPgYYhbzY8toBq5Nq1uZDaVunoSjzZBhGEA6e");

// Solana's bump allocator behind one out-of-line call (the `custom-heap`
// feature, on by default, turns off the inlined default; crates/sbf-heap).
sbf_heap::global_allocator!();

#[program]
pub mod rental_escrow {
    use super::*;

    /// Creates the escrow config; the signer (the program's upgrade authority) becomes the admin.
    pub fn initialize(ctx: Context<Initialize>, args: InitializeArgs) -> Result<()> {
        Initialize::handler(ctx, args)
    }

    /// Admin: changes parameters, oracle settings and authorities (old/new events).
    pub fn update_config(
        ctx: Context<UpdateEscrowConfig>,
        args: UpdateEscrowConfigArgs,
    ) -> Result<()> {
        UpdateEscrowConfig::handler(ctx, args)
    }

    /// Admin: names the next admin (step 1 of 2).
    pub fn propose_admin(ctx: Context<EscrowAdminOnly>, proposed: Pubkey) -> Result<()> {
        EscrowAdminOnly::propose_admin(ctx, proposed)
    }

    /// Proposed admin: accepts (step 2 of 2).
    pub fn accept_admin(ctx: Context<EscrowAcceptAdmin>) -> Result<()> {
        EscrowAcceptAdmin::handler(ctx)
    }

    /// Admin: pauses or resumes new rentals and extensions.
    pub fn set_paused(ctx: Context<EscrowAdminOnly>, paused: bool) -> Result<()> {
        EscrowAdminOnly::set_paused(ctx, paused)
    }

    /// Renter: rents a node for a duration at its USD rate, paying tokens at the oracle price.
    pub fn create_rental(ctx: Context<CreateRental>, args: CreateRentalArgs) -> Result<()> {
        CreateRental::handler(ctx, args)
    }

    /// Renter: buys another period on a rentable node at its current rate and price.
    pub fn extend_rental(ctx: Context<ExtendRental>, args: ExtendRentalArgs) -> Result<()> {
        ExtendRental::handler(ctx, args)
    }

    /// Provider: claims what accrued (per second, minus the holdback) minus the provider fee.
    pub fn claim(ctx: Context<ClaimRental>) -> Result<()> {
        ClaimRental::handler(ctx)
    }

    /// Renter: ends the rental early; the unserved tokens and fees are refunded.
    pub fn cancel_rental(ctx: Context<CancelRental>) -> Result<()> {
        CancelRental::handler(ctx)
    }

    /// Renter or provider: settles and closes a finished (or timed-out disputed) rental, unlocking the node.
    pub fn close_rental(ctx: Context<CloseRental>) -> Result<()> {
        CloseRental::handler(ctx)
    }

    /// Renter: disputes the rental within the window, stopping accrual and freezing claims.
    pub fn open_dispute(ctx: Context<OpenDispute>) -> Result<()> {
        OpenDispute::handler(ctx)
    }

    /// Anyone: the on-chain USD → token conversion for given inputs (read-only).
    pub fn quote(ctx: Context<Quote>, args: QuoteArgs) -> Result<QuoteResult> {
        Quote::handler(ctx, args)
    }

    /// Dispute authority: settles a dispute (refund, payout), unlocks and optionally slashes the node.
    pub fn resolve_dispute(ctx: Context<ResolveDispute>, args: ResolveDisputeArgs) -> Result<()> {
        ResolveDispute::handler(ctx, args)
    }
}
