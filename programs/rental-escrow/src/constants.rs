use anchor_lang::prelude::*;

/// Seed of the escrow config PDA: `[ESCROW_CONFIG_SEED]`.
#[constant]
pub const ESCROW_CONFIG_SEED: &[u8] = b"escrow_config";

/// Default largest accepted age of a price, in seconds.
#[constant]
pub const DEFAULT_MAX_PRICE_AGE_SECONDS: u32 = 60;

/// Default widest accepted confidence interval, in basis points of the price.
#[constant]
pub const DEFAULT_MAX_CONFIDENCE_BPS: u16 = 200;

/// Basis points in one whole (100 %).
pub const BPS_DENOMINATOR: u16 = 10_000;

/// Longest price age an admin may configure, in seconds (1 hour).
pub const MAX_PRICE_AGE_LIMIT_SECONDS: u32 = 3_600;
