use anchor_lang::prelude::*;

use crate::{
    oracle::OraclePrice,
    price::oracle_err,
    pricing::{cost_micro_usd, tokens_for_usd_ceil},
};

/// Inputs of a quote: the same numbers `create_rental` uses.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug)]
pub struct QuoteArgs {
    pub duration_seconds: u64,
    pub rate_micro_usd_per_hour: u64,
    pub price: i64,
    pub conf: u64,
    pub expo: i32,
    pub decimals: u8,
}

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug)]
pub struct QuoteResult {
    /// micro-USD, rounded up.
    pub cost_micro_usd: u128,
    /// Base units at the conservative price (price − conf), rounded up.
    pub tokens: u64,
}

#[derive(Accounts)]
pub struct Quote {}

impl Quote {
    /// The on-chain conversion, for clients to check their quotes against
    /// (`.view()`); it reads no accounts and changes nothing.
    pub fn handler(_ctx: Context<Self>, args: QuoteArgs) -> Result<QuoteResult> {
        let cost = cost_micro_usd(args.duration_seconds, args.rate_micro_usd_per_hour)
            .map_err(oracle_err)?;
        let price = OraclePrice {
            price: args.price,
            conf: args.conf,
            expo: args.expo,
            publish_time: 0,
        };
        let tokens = tokens_for_usd_ceil(cost, &price, args.decimals).map_err(oracle_err)?;
        Ok(QuoteResult {
            cost_micro_usd: cost,
            tokens,
        })
    }
}
