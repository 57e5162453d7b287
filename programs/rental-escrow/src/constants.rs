use anchor_lang::prelude::*;

/// Seed of the escrow config PDA: `[ESCROW_CONFIG_SEED]`.
#[constant]
pub const ESCROW_CONFIG_SEED: &[u8] = b"escrow_config";

/// Seed of this program's signer PDA, registered in node_staking as its
/// rental authority: `[RENTAL_AUTHORITY_SEED]`.
#[constant]
pub const RENTAL_AUTHORITY_SEED: &[u8] = b"rental_authority";

/// Seed of a rental PDA: `[RENTAL_SEED, renter, rental_id (u64 LE)]`.
#[constant]
pub const RENTAL_SEED: &[u8] = b"rental";

/// Seed of a rental's token vault: `[RENTAL_VAULT_SEED, rental]`; authority = the rental PDA.
#[constant]
pub const RENTAL_VAULT_SEED: &[u8] = b"rental_vault";

/// Default largest accepted age of a price, in seconds.
#[constant]
pub const DEFAULT_MAX_PRICE_AGE_SECONDS: u32 = 60;

/// Default widest accepted confidence interval, in basis points of the price.
#[constant]
pub const DEFAULT_MAX_CONFIDENCE_BPS: u16 = 200;

/// Default reservation fee charged to each side (io.net: 0.25 %), in basis points.
#[constant]
pub const DEFAULT_RESERVATION_FEE_BPS: u16 = 25;

/// Default time after a rental's end during which the renter may open a dispute, in seconds.
#[constant]
pub const DEFAULT_DISPUTE_WINDOW_SECONDS: u32 = 24 * 60 * 60;

/// Basis points in one whole (100 %).
pub const BPS_DENOMINATOR: u16 = 10_000;

/// Longest price age an admin may configure, in seconds (1 hour).
pub const MAX_PRICE_AGE_LIMIT_SECONDS: u32 = 3_600;

/// Highest reservation fee an admin may configure (10 %), in basis points.
pub const MAX_RESERVATION_FEE_BPS: u16 = 1_000;

/// Shortest rental, in seconds.
#[constant]
pub const MIN_RENTAL_SECONDS: u64 = 60;

/// Longest rental (or extension), in seconds: 90 days.
#[constant]
pub const MAX_RENTAL_SECONDS: u64 = 90 * 24 * 60 * 60;

/// Longest dispute window an admin may configure: 30 days, in seconds.
pub const MAX_DISPUTE_WINDOW_SECONDS: u32 = 30 * 24 * 60 * 60;
