use anchor_lang::prelude::*;

/// Seed of the protocol config PDA: `[CONFIG_SEED]`.
#[constant]
pub const CONFIG_SEED: &[u8] = b"config";

/// Seed of a spec tier PDA: `[SPEC_TIER_SEED, tier_id (u16 LE)]`.
#[constant]
pub const SPEC_TIER_SEED: &[u8] = b"spec_tier";

/// Seed of a node PDA: `[NODE_SEED, operator, node_id (u64 LE)]`.
#[constant]
pub const NODE_SEED: &[u8] = b"node";

/// Seed of a node's token vault: `[VAULT_SEED, node]`; its authority is the node PDA.
#[constant]
pub const VAULT_SEED: &[u8] = b"vault";

/// Seed of a delegation PDA: `[DELEGATION_SEED, node, delegator]`.
#[constant]
pub const DELEGATION_SEED: &[u8] = b"delegation";

/// Seed of a slash record PDA: `[SLASH_SEED, node, evidence_hash]`.
#[constant]
pub const SLASH_SEED: &[u8] = b"slash";

/// Minimum provider stake in whole tokens (the seed article's "at least 100
/// tokens"); stored on-chain in base units, 100 × 10^decimals.
#[constant]
pub const DEFAULT_MIN_PROVIDER_STAKE_TOKENS: u64 = 100;

/// Default smallest delegation, in whole tokens.
#[constant]
pub const DEFAULT_MIN_DELEGATION_TOKENS: u64 = 1;

/// Default per-epoch slash circuit breaker, in whole tokens.
#[constant]
pub const DEFAULT_MAX_SLASH_PER_EPOCH_TOKENS: u64 = 1_000_000;

/// Default unbonding period: 14 days, in seconds.
#[constant]
pub const DEFAULT_UNBONDING_SECONDS: u32 = 14 * 24 * 60 * 60;

/// Default length of a protocol epoch (reward and slash accounting): 1 day, in seconds.
#[constant]
pub const DEFAULT_EPOCH_SECONDS: u32 = 24 * 60 * 60;

/// Default minimum attested uptime that earns rewards: 90 %, in basis points.
#[constant]
pub const DEFAULT_MIN_UPTIME_BPS: u16 = 9_000;

/// Default number of consecutive low-uptime epochs that jails a node.
#[constant]
pub const DEFAULT_MAX_LOW_EPOCHS: u8 = 3;

/// Longest unbonding period an admin may configure: 365 days, in seconds.
pub const MAX_UNBONDING_SECONDS: u32 = 365 * 24 * 60 * 60;

/// Basis points in one whole (100 %).
pub const BPS: u16 = 10_000;

/// Most QoS add-ons one node can offer.
#[constant]
pub const MAX_QOS_ADDONS: u8 = 4;

/// Fixed-point scale of `Node::acc_reward_per_share` (reward base units per share × 10^12).
pub const REWARD_SCALE: u128 = 1_000_000_000_000;

/// Decimal places a stake mint may have (keeps 100 × 10^decimals within u64).
pub const MAX_MINT_DECIMALS: u8 = 12;

/// How many times a node's delegation pool can be emptied by slashes and
/// start a new generation. A fifth wipe leaves the pool closed to new
/// delegations (`PoolWipedOut`); its old shares still settle their rewards.
pub const MAX_POOL_WIPES: usize = 4;

/// A slash that leaves a pool worth less than one base unit per this many
/// shares (0.1 % of the shares' face value) takes the rest of that pool too,
/// so share prices stay within 1 000 shares per base unit and new shares
/// always fit in u64 (tier caps are at most u64::MAX / this).
pub const MAX_SHARES_PER_TOKEN: u64 = 1_000;

/// Seconds a slash record must be kept (replay protection) before anyone may
/// close it and return its rent to the payer: 90 days.
#[constant]
pub const SLASH_RECORD_RETENTION_SECONDS: i64 = 90 * 24 * 60 * 60;
