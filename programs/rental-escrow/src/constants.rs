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

/// Default shortest rental or extension, in seconds.
#[constant]
pub const DEFAULT_MIN_RENTAL_SECONDS: u32 = 60;

/// Longest single purchase (a rental or one extension), in seconds: 90 days.
#[constant]
pub const MAX_RENTAL_SECONDS: u64 = 90 * 24 * 60 * 60;

/// Default cap on a rental's total length (creation plus every extension), in seconds: 90 days.
#[constant]
pub const DEFAULT_MAX_TOTAL_RENTAL_SECONDS: u32 = 90 * 24 * 60 * 60;

/// Highest total-length cap an admin may configure: 365 days, in seconds.
pub const MAX_TOTAL_RENTAL_LIMIT_SECONDS: u32 = 365 * 24 * 60 * 60;

/// Most purchased periods in one rental (the creation and up to 7 extensions).
#[constant]
pub const MAX_RENTAL_PERIODS: u8 = 8;

/// Most create_rental legs of one cluster in one transaction (the most that
/// fit in a v0 transaction with an address lookup table).
#[constant]
pub const MAX_CLUSTER_LEGS: u8 = 8;

/// Default share of accrued tokens a provider's claims leave in escrow until
/// the rental closes, so a dispute can refund it, in basis points (10 %).
#[constant]
pub const DEFAULT_CLAIM_HOLDBACK_BPS: u16 = 1_000;

/// Highest holdback an admin may configure (50 %), in basis points.
pub const MAX_CLAIM_HOLDBACK_BPS: u16 = 5_000;

/// Default time an open dispute waits for the dispute authority before
/// anyone may settle it with the default outcome, in seconds: 7 days.
#[constant]
pub const DEFAULT_DISPUTE_TIMEOUT_SECONDS: u32 = 7 * 24 * 60 * 60;

/// Longest dispute timeout an admin may configure: 90 days, in seconds.
pub const MAX_DISPUTE_TIMEOUT_SECONDS: u32 = 90 * 24 * 60 * 60;

/// Default largest distance of the spot price from the EMA price, in basis points (5 %).
#[constant]
pub const DEFAULT_MAX_EMA_DIVERGENCE_BPS: u16 = 500;

/// Default largest age of a legacy price's aggregate, in slots (60 s at 400 ms).
#[constant]
pub const DEFAULT_MAX_PRICE_AGE_SLOTS: u32 = 150;

/// Pyth receiver program: owns `PriceUpdateV2` accounts (posted updates and
/// the sponsored price-feed accounts), on mainnet-beta and devnet.
pub const PYTH_RECEIVER_PROGRAM_ID: Pubkey = pubkey!("rec5EKMGg6MxZYaMdyBfgwp4d5rB9T1VQH5pJv5LtFJ");

/// Legacy Pyth oracle program (push price accounts) on mainnet-beta.
pub const PYTH_LEGACY_MAINNET_PROGRAM_ID: Pubkey =
    pubkey!("FsJ3A3u2vn5cTVofAjvy6y5kkfAnkzGZBGq9v1ohhAgh");

/// Legacy Pyth oracle program (push price accounts) on devnet.
pub const PYTH_LEGACY_DEVNET_PROGRAM_ID: Pubkey =
    pubkey!("gSbePebfvPy7tRqimPoVecS2UsBvYv46ynrzWocc92s");

/// Longest dispute window an admin may configure: 30 days, in seconds.
pub const MAX_DISPUTE_WINDOW_SECONDS: u32 = 30 * 24 * 60 * 60;
