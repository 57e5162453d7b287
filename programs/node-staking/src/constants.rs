use anchor_lang::prelude::*;

/// Seed of the protocol config PDA: `[CONFIG_SEED]`.
#[constant]
pub const CONFIG_SEED: &[u8] = b"config";

/// Minimum provider stake in whole tokens (the seed article's "at least 100
/// tokens"); stored on-chain in base units, 100 × 10^decimals.
#[constant]
pub const DEFAULT_MIN_PROVIDER_STAKE_TOKENS: u64 = 100;

/// Default unbonding period: 14 days, in seconds.
#[constant]
pub const DEFAULT_UNBONDING_SECONDS: u32 = 14 * 24 * 60 * 60;

/// Longest unbonding period an admin may configure: 365 days, in seconds.
pub const MAX_UNBONDING_SECONDS: u32 = 365 * 24 * 60 * 60;
