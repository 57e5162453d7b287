//! Pure parsing and validation of Pyth price data.
//!
//! Nothing in here knows about Anchor accounts: every function takes the raw
//! account bytes (`&[u8]`) and returns [`OracleError`], which the program's
//! error enum maps. The owner of the account (legacy Pyth oracle program or
//! the Pyth receiver `rec5EKMGg6MxZYaMdyBfgwp4d5rB9T1VQH5pJv5LtFJ`) must be
//! checked by the caller; these functions only look at the bytes.
//!
//! Every read is bounds-checked and little-endian; no input can panic.

/// Why a price was rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OracleError {
    /// Too short, bad magic, bad version, bad discriminator, wrong account
    /// type or an unknown enum tag.
    InvalidAccountData,
    /// The legacy aggregate status is not `Trading`.
    NotTrading,
    /// `price <= 0` (or, in pricing, `price - conf <= 0`).
    NonPositivePrice,
    /// `publish_time + max_age < now`.
    StalePrice,
    /// `conf / price` is wider than the configured basis points.
    ConfidenceTooWide,
    /// Exponent outside `[MIN_EXPONENT, MAX_EXPONENT]`.
    UnsupportedExponent,
    /// The pull update is for a different feed id.
    FeedMismatch,
    /// The pull update is only partially verified (fewer Wormhole signatures).
    InsufficientVerification,
    /// Checked arithmetic overflowed (also: unsupported token decimals).
    MathOverflow,
    /// `publish_time` more than `MAX_FUTURE_SECONDS` after the chain's clock.
    FuturePrice,
    /// The spot price is further from the EMA price than the configured bound.
    EmaDivergence,
}

/// What an oracle account says besides the price itself: the EMA price (same
/// exponent) and, for legacy accounts, the slot the aggregate was published in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PriceReading {
    pub price: OraclePrice,
    pub ema_price: i64,
    pub publish_slot: Option<u64>,
}

/// Largest accepted lead of a `publish_time` over the chain's clock, in
/// seconds (validators' clocks and Pyth publishers drift by a few seconds).
pub const MAX_FUTURE_SECONDS: i64 = 5;

/// A price as Pyth publishes it: the real value is `price * 10^expo` with a
/// confidence interval of `± conf * 10^expo`, in USD per whole token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OraclePrice {
    pub price: i64,
    pub conf: u64,
    pub expo: i32,
    /// Unix seconds.
    pub publish_time: i64,
}

/// Smallest exponent accepted by [`validate_price`] and the pricing module.
pub const MIN_EXPONENT: i32 = -18;
/// Largest exponent accepted by [`validate_price`] and the pricing module.
pub const MAX_EXPONENT: i32 = 6;

// ---------------------------------------------------------------------------
// Legacy Pyth v2 price account (push oracle).
//
// Offsets are exactly those of `parsePriceData` in @pythnetwork/client 2.22.1
// (lib/index.js):
//
//   0   u32  magic              (0xa1b2c3d4)
//   4   u32  version            (2)
//   8   u32  account type       (3 = price)
//   12  u32  size
//   16  u32  price type
//   20  i32  exponent
//   24  u32  number of component prices
//   28  u32  number of quoters
//   32  u64  last slot
//   40  u64  valid slot
//   48  24B  EMA price          (value i64, numerator i64, denominator i64)
//   72  24B  EMA confidence     (same)
//   96  i64  timestamp          <- publish time of the current aggregate
//   104 u8   min publishers
//   105 u8   message sent
//   106 u8   max latency
//   107 i8   flags
//   108 i32  feed index
//   112 32B  product account
//   144 32B  next price account
//   176 u64  previous slot
//   184 i64  previous price
//   192 u64  previous confidence
//   200 i64  previous timestamp
//   208 32B  aggregate price info:
//            208 i64 price, 216 u64 conf, 224 u32 status,
//            228 u32 corporate action, 232 u64 publish slot
//   240 ...  up to 32 components of 96 bytes each (full account: 3312 bytes)
// ---------------------------------------------------------------------------

/// Pyth magic number at offset 0.
pub const PYTH_LEGACY_MAGIC: u32 = 0xa1b2_c3d4;
/// Supported legacy account version.
pub const PYTH_LEGACY_VERSION: u32 = 2;
/// Legacy account type of a price account.
pub const PYTH_LEGACY_ACCOUNT_TYPE_PRICE: u32 = 3;
/// Aggregate status `Trading`.
pub const PYTH_LEGACY_STATUS_TRADING: u32 = 1;
/// Bytes up to and including the aggregate price info: the minimum we read.
pub const PYTH_LEGACY_MIN_LEN: usize = 240;
/// Full size of a legacy price account with all 32 component slots.
pub const PYTH_LEGACY_PRICE_ACCOUNT_LEN: usize = 3312;

const LEGACY_MAGIC_OFFSET: usize = 0;
const LEGACY_VERSION_OFFSET: usize = 4;
const LEGACY_TYPE_OFFSET: usize = 8;
const LEGACY_EXPONENT_OFFSET: usize = 20;
const LEGACY_EMA_PRICE_OFFSET: usize = 48;
const LEGACY_TIMESTAMP_OFFSET: usize = 96;
const LEGACY_AGG_PRICE_OFFSET: usize = 208;
const LEGACY_AGG_CONF_OFFSET: usize = 216;
const LEGACY_AGG_STATUS_OFFSET: usize = 224;
const LEGACY_AGG_PUB_SLOT_OFFSET: usize = 232;

// ---------------------------------------------------------------------------
// Pyth pull oracle `PriceUpdateV2` (pyth-solana-receiver-sdk), borsh encoded:
//
//   0   [u8; 8]  Anchor discriminator = sha256("account:PriceUpdateV2")[..8]
//   8   Pubkey   write_authority
//   40  u8       verification_level tag: 0 = Partial { num_signatures: u8 }, 1 = Full
//   -- with Full (1 byte enum) the price message starts at 41 --
//   41  [u8;32]  feed_id
//   73  i64      price
//   81  u64      conf
//   89  i32      exponent
//   93  i64      publish_time
//   101 i64      prev_publish_time
//   109 i64      ema_price
//   117 u64      ema_conf
//   125 u64      posted_slot
//   133          end of data (the account is allocated PriceUpdateV2::LEN = 134
//                bytes, sized for the 2-byte Partial variant)
// ---------------------------------------------------------------------------

/// Anchor discriminator of `PriceUpdateV2` (sha256("account:PriceUpdateV2")[..8];
/// checked with node:crypto in tests/rental-escrow/pyth-fixtures.test.ts).
pub const PRICE_UPDATE_V2_DISCRIMINATOR: [u8; 8] = [34, 241, 35, 99, 157, 126, 244, 205];
/// Allocated size of a `PriceUpdateV2` account.
pub const PRICE_UPDATE_V2_LEN: usize = 134;

const PULL_VERIFICATION_OFFSET: usize = 40;
const PULL_VERIFICATION_PARTIAL: u8 = 0;
const PULL_VERIFICATION_FULL: u8 = 1;
/// Start of `price_message` when the verification level is `Full`.
const PULL_MESSAGE_OFFSET_FULL: usize = 41;
/// `feed_id .. posted_slot` (32 + 8 + 8 + 4 + 8 + 8 + 8 + 8 + 8).
const PULL_MESSAGE_AND_SLOT_LEN: usize = 92;

// --- bounds-checked little-endian readers ----------------------------------

fn read_array<const N: usize>(data: &[u8], offset: usize) -> Result<[u8; N], OracleError> {
    let end = offset
        .checked_add(N)
        .ok_or(OracleError::InvalidAccountData)?;
    let bytes = data
        .get(offset..end)
        .ok_or(OracleError::InvalidAccountData)?;
    <[u8; N]>::try_from(bytes).map_err(|_| OracleError::InvalidAccountData)
}

fn read_u8(data: &[u8], offset: usize) -> Result<u8, OracleError> {
    data.get(offset)
        .copied()
        .ok_or(OracleError::InvalidAccountData)
}

fn read_u32(data: &[u8], offset: usize) -> Result<u32, OracleError> {
    Ok(u32::from_le_bytes(read_array::<4>(data, offset)?))
}

fn read_i32(data: &[u8], offset: usize) -> Result<i32, OracleError> {
    Ok(i32::from_le_bytes(read_array::<4>(data, offset)?))
}

fn read_u64(data: &[u8], offset: usize) -> Result<u64, OracleError> {
    Ok(u64::from_le_bytes(read_array::<8>(data, offset)?))
}

fn read_i64(data: &[u8], offset: usize) -> Result<i64, OracleError> {
    Ok(i64::from_le_bytes(read_array::<8>(data, offset)?))
}

/// Parses a legacy Pyth v2 price account.
///
/// Checks (in order): length >= 240, magic, version 2, account type price (3),
/// aggregate status Trading (1). Returns the aggregate price, confidence and
/// exponent, with `publish_time` = the account's `timestamp` (offset 96).
pub fn parse_pyth_legacy(data: &[u8]) -> Result<OraclePrice, OracleError> {
    if data.len() < PYTH_LEGACY_MIN_LEN {
        return Err(OracleError::InvalidAccountData);
    }
    if read_u32(data, LEGACY_MAGIC_OFFSET)? != PYTH_LEGACY_MAGIC
        || read_u32(data, LEGACY_VERSION_OFFSET)? != PYTH_LEGACY_VERSION
        || read_u32(data, LEGACY_TYPE_OFFSET)? != PYTH_LEGACY_ACCOUNT_TYPE_PRICE
    {
        return Err(OracleError::InvalidAccountData);
    }
    if read_u32(data, LEGACY_AGG_STATUS_OFFSET)? != PYTH_LEGACY_STATUS_TRADING {
        return Err(OracleError::NotTrading);
    }
    Ok(OraclePrice {
        price: read_i64(data, LEGACY_AGG_PRICE_OFFSET)?,
        conf: read_u64(data, LEGACY_AGG_CONF_OFFSET)?,
        expo: read_i32(data, LEGACY_EXPONENT_OFFSET)?,
        publish_time: read_i64(data, LEGACY_TIMESTAMP_OFFSET)?,
    })
}

/// Parses a Pyth receiver `PriceUpdateV2` account.
///
/// Checks (in order): discriminator, verification level (Partial ->
/// `InsufficientVerification`, unknown tag -> `InvalidAccountData`), length
/// of the Full layout (133 bytes), `feed_id == expected_feed_id`.
pub fn parse_pyth_pull(
    data: &[u8],
    expected_feed_id: &[u8; 32],
) -> Result<OraclePrice, OracleError> {
    if read_array::<8>(data, 0)? != PRICE_UPDATE_V2_DISCRIMINATOR {
        return Err(OracleError::InvalidAccountData);
    }
    match read_u8(data, PULL_VERIFICATION_OFFSET)? {
        PULL_VERIFICATION_FULL => {}
        PULL_VERIFICATION_PARTIAL => return Err(OracleError::InsufficientVerification),
        _ => return Err(OracleError::InvalidAccountData),
    }
    let m = PULL_MESSAGE_OFFSET_FULL;
    if data.len() < m + PULL_MESSAGE_AND_SLOT_LEN {
        return Err(OracleError::InvalidAccountData);
    }
    let feed_id = read_array::<32>(data, m)?;
    if &feed_id != expected_feed_id {
        return Err(OracleError::FeedMismatch);
    }
    Ok(OraclePrice {
        price: read_i64(data, m + 32)?,
        conf: read_u64(data, m + 40)?,
        expo: read_i32(data, m + 48)?,
        publish_time: read_i64(data, m + 52)?,
    })
}

/// `parse_pyth_legacy` plus the EMA price (offset 48) and the aggregate's
/// publish slot (offset 232).
pub fn read_pyth_legacy(data: &[u8]) -> Result<PriceReading, OracleError> {
    let price = parse_pyth_legacy(data)?;
    Ok(PriceReading {
        price,
        ema_price: read_i64(data, LEGACY_EMA_PRICE_OFFSET)?,
        publish_slot: Some(read_u64(data, LEGACY_AGG_PUB_SLOT_OFFSET)?),
    })
}

/// `parse_pyth_pull` plus the EMA price (message offset 68).
pub fn read_pyth_pull(
    data: &[u8],
    expected_feed_id: &[u8; 32],
) -> Result<PriceReading, OracleError> {
    let price = parse_pyth_pull(data, expected_feed_id)?;
    Ok(PriceReading {
        price,
        ema_price: read_i64(data, PULL_MESSAGE_OFFSET_FULL + 68)?,
        publish_slot: None,
    })
}

/// Rejects a spot price further than `max_divergence_bps` from the EMA price:
/// `|price − ema| × 10 000 ≤ max_divergence_bps × ema` (a non-positive EMA
/// is rejected as `NonPositivePrice`). Exactly at the bound is accepted.
pub fn validate_ema(
    price: i64,
    ema_price: i64,
    max_divergence_bps: u16,
) -> Result<(), OracleError> {
    if ema_price <= 0 {
        return Err(OracleError::NonPositivePrice);
    }
    // |i64 − i64| < 2^64 and × 10 000 < 2^78; u16 × i64 < 2^79: no overflow.
    let diff = (i128::from(price) - i128::from(ema_price)).unsigned_abs();
    if diff * 10_000 > u128::from(max_divergence_bps) * u128::from(ema_price.unsigned_abs()) {
        return Err(OracleError::EmaDivergence);
    }
    Ok(())
}

/// Rejects a legacy aggregate published more than `max_age_slots` slots ago
/// or in a future slot.
pub fn validate_slot(
    publish_slot: u64,
    current_slot: u64,
    max_age_slots: u32,
) -> Result<(), OracleError> {
    if publish_slot > current_slot {
        return Err(OracleError::FuturePrice);
    }
    if current_slot - publish_slot > u64::from(max_age_slots) {
        return Err(OracleError::StalePrice);
    }
    Ok(())
}

/// Checks a parsed price, in this order:
/// 1. `price > 0` else `NonPositivePrice`;
/// 2. `expo` in `[-18, 6]` else `UnsupportedExponent`;
/// 3. `publish_time + max_age_seconds >= now` else `StalePrice` (exactly
///    `max_age_seconds` old is accepted), and `publish_time ≤ now +
///    MAX_FUTURE_SECONDS` else `FuturePrice`;
/// 4. `conf * 10_000 <= max_conf_bps * price` else `ConfidenceTooWide`.
///
/// All comparisons are done in i128/u128 and cannot overflow.
pub fn validate_price(
    p: &OraclePrice,
    now: i64,
    max_age_seconds: u32,
    max_conf_bps: u16,
) -> Result<(), OracleError> {
    if p.price <= 0 {
        return Err(OracleError::NonPositivePrice);
    }
    if !(MIN_EXPONENT..=MAX_EXPONENT).contains(&p.expo) {
        return Err(OracleError::UnsupportedExponent);
    }
    // i64 + u32 always fits in i128.
    if i128::from(p.publish_time) + i128::from(max_age_seconds) < i128::from(now) {
        return Err(OracleError::StalePrice);
    }
    if i128::from(p.publish_time) > i128::from(now) + i128::from(MAX_FUTURE_SECONDS) {
        return Err(OracleError::FuturePrice);
    }
    // price > 0 here, so the cast is lossless. u64 * 10_000 < 2^78 and
    // u16 * i64 < 2^79: no overflow in u128.
    let lhs = u128::from(p.conf) * 10_000;
    let rhs = u128::from(max_conf_bps) * u128::from(p.price.unsigned_abs());
    if lhs > rhs {
        return Err(OracleError::ConfidenceTooWide);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_700_000_000;

    // ------------------------------------------------------------ legacy ---

    /// Independent legacy encoder (writes only the fields the parser reads plus
    /// a few others so the offsets are exercised).
    fn legacy(price: i64, conf: u64, expo: i32, timestamp: i64, status: u32) -> Vec<u8> {
        let mut d = vec![0u8; PYTH_LEGACY_PRICE_ACCOUNT_LEN];
        d[0..4].copy_from_slice(&0xa1b2c3d4u32.to_le_bytes());
        d[4..8].copy_from_slice(&2u32.to_le_bytes());
        d[8..12].copy_from_slice(&3u32.to_le_bytes());
        d[12..16].copy_from_slice(&3312u32.to_le_bytes());
        d[16..20].copy_from_slice(&1u32.to_le_bytes());
        d[20..24].copy_from_slice(&expo.to_le_bytes());
        // EMA price / conf and previous values: decoys that must not be read.
        d[48..56].copy_from_slice(&(price / 2).to_le_bytes());
        d[72..80].copy_from_slice(&(conf / 2).to_le_bytes());
        d[96..104].copy_from_slice(&timestamp.to_le_bytes());
        d[184..192].copy_from_slice(&777i64.to_le_bytes());
        d[192..200].copy_from_slice(&888u64.to_le_bytes());
        d[200..208].copy_from_slice(&timestamp.wrapping_sub(100).to_le_bytes());
        d[208..216].copy_from_slice(&price.to_le_bytes());
        d[216..224].copy_from_slice(&conf.to_le_bytes());
        d[224..228].copy_from_slice(&status.to_le_bytes());
        d[232..240].copy_from_slice(&42u64.to_le_bytes());
        d
    }

    /// First 240 bytes produced by `encodePythLegacyPrice` in
    /// tests/helpers/pyth.ts for { price: 6_512_345_678, conf: 1_234_567,
    /// expo: -8, publishTime: 1_700_000_123, status: "trading" } with the
    /// default product key; the TS test proves `parsePriceData` decodes it.
    const TS_LEGACY_GOLDEN_HEX: &str = concat!(
        "d4c3b2a10200000003000000f00c000001000000f8ffffff00000000000000000000000000000000",
        "00000000000000004e822a84010000004e822a8401000000010000000000000087d6120000000000",
        "87d612000000000001000000000000007bf153650000000001000000000000000000000000000000",
        "00000000000000000000000000000000000000000000000000000000000000000000000000000000",
        "0000000000000000000000000000000000000000000000004e822a840100000087d6120000000000",
        "7bf15365000000004e822a840100000087d612000000000001000000000000000000000000000000",
    );

    fn hex_to_bytes(s: &str) -> Vec<u8> {
        s.as_bytes()
            .chunks(2)
            .map(|c| {
                let hi = (c[0] as char).to_digit(16).expect("hex");
                let lo = (c[1] as char).to_digit(16).expect("hex");
                (hi * 16 + lo) as u8
            })
            .collect()
    }

    #[test]
    fn legacy_parses_aggregate_and_timestamp() {
        let d = legacy(6_512_345_678, 1_234_567, -8, NOW, 1);
        assert_eq!(
            parse_pyth_legacy(&d),
            Ok(OraclePrice {
                price: 6_512_345_678,
                conf: 1_234_567,
                expo: -8,
                publish_time: NOW
            })
        );
    }

    #[test]
    fn legacy_parses_ts_golden_vector() {
        let mut d = hex_to_bytes(TS_LEGACY_GOLDEN_HEX);
        assert_eq!(d.len(), PYTH_LEGACY_MIN_LEN);
        assert_eq!(
            parse_pyth_legacy(&d),
            Ok(OraclePrice {
                price: 6_512_345_678,
                conf: 1_234_567,
                expo: -8,
                publish_time: 1_700_000_123
            })
        );
        d.resize(PYTH_LEGACY_PRICE_ACCOUNT_LEN, 0);
        assert!(parse_pyth_legacy(&d).is_ok());
    }

    #[test]
    fn legacy_extreme_values_roundtrip() {
        for (price, conf, expo, ts) in [
            (i64::MAX, u64::MAX, i32::MIN, i64::MAX),
            (i64::MIN, 0, i32::MAX, i64::MIN),
            (-1, 1, -18, 0),
            (0, 0, 6, -1),
        ] {
            let d = legacy(price, conf, expo, ts, 1);
            assert_eq!(
                parse_pyth_legacy(&d),
                Ok(OraclePrice {
                    price,
                    conf,
                    expo,
                    publish_time: ts
                })
            );
        }
    }

    #[test]
    fn legacy_minimum_length_is_240() {
        let d = legacy(100, 1, -2, NOW, 1);
        assert!(parse_pyth_legacy(&d[..PYTH_LEGACY_MIN_LEN]).is_ok());
        for len in [0, 3, 4, 12, 100, 224, 228, 239] {
            assert_eq!(
                parse_pyth_legacy(&d[..len]),
                Err(OracleError::InvalidAccountData),
                "{len}"
            );
        }
    }

    #[test]
    fn legacy_rejects_bad_magic_version_type() {
        let good = legacy(100, 1, -2, NOW, 1);
        let mut d = good.clone();
        d[0] ^= 1;
        assert_eq!(parse_pyth_legacy(&d), Err(OracleError::InvalidAccountData));
        for version in [0u32, 1, 3] {
            let mut d = good.clone();
            d[4..8].copy_from_slice(&version.to_le_bytes());
            assert_eq!(parse_pyth_legacy(&d), Err(OracleError::InvalidAccountData));
        }
        for ty in [0u32, 1, 2, 4, 5] {
            let mut d = good.clone();
            d[8..12].copy_from_slice(&ty.to_le_bytes());
            assert_eq!(parse_pyth_legacy(&d), Err(OracleError::InvalidAccountData));
        }
    }

    #[test]
    fn legacy_rejects_not_trading() {
        for status in [0u32, 2, 3, 4, 5, u32::MAX] {
            let d = legacy(100, 1, -2, NOW, status);
            assert_eq!(
                parse_pyth_legacy(&d),
                Err(OracleError::NotTrading),
                "{status}"
            );
        }
        // Only the aggregate status counts: a Trading status elsewhere is ignored.
        let mut d = legacy(100, 1, -2, NOW, 0);
        d[240 + 32 + 16..240 + 32 + 20].copy_from_slice(&1u32.to_le_bytes());
        assert_eq!(parse_pyth_legacy(&d), Err(OracleError::NotTrading));
    }

    #[test]
    fn legacy_never_panics_on_garbage() {
        let mut seed: u64 = 0x1234_5678_9abc_def0;
        for len in 0..300usize {
            let mut d = vec![0u8; len];
            for b in d.iter_mut() {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                *b = seed as u8;
            }
            let _ = parse_pyth_legacy(&d);
            if len >= 12 {
                d[0..12].copy_from_slice(&legacy(1, 1, 0, 0, 1)[0..12]);
                let _ = parse_pyth_legacy(&d);
            }
            let _ = parse_pyth_pull(&d, &[0u8; 32]);
        }
    }

    // -------------------------------------------------------------- pull ---

    const FEED: [u8; 32] = [7u8; 32];

    /// Independent borsh encoder of PriceUpdateV2.
    fn pull(
        level: &[u8],
        feed: [u8; 32],
        price: i64,
        conf: u64,
        expo: i32,
        publish_time: i64,
    ) -> Vec<u8> {
        let mut d = Vec::new();
        d.extend_from_slice(&[34, 241, 35, 99, 157, 126, 244, 205]);
        d.extend_from_slice(&[9u8; 32]); // write authority
        d.extend_from_slice(level);
        d.extend_from_slice(&feed);
        d.extend_from_slice(&price.to_le_bytes());
        d.extend_from_slice(&conf.to_le_bytes());
        d.extend_from_slice(&expo.to_le_bytes());
        d.extend_from_slice(&publish_time.to_le_bytes());
        d.extend_from_slice(&publish_time.wrapping_sub(1).to_le_bytes()); // prev_publish_time
        d.extend_from_slice(&(price / 3).to_le_bytes()); // ema_price (decoy)
        d.extend_from_slice(&(conf / 3).to_le_bytes()); // ema_conf (decoy)
        d.extend_from_slice(&123_456u64.to_le_bytes()); // posted_slot
        d.resize(d.len().max(PRICE_UPDATE_V2_LEN), 0);
        d
    }

    #[test]
    fn pull_parses_full_update() {
        let d = pull(&[1], FEED, 15_000_000_000, 7_500_000, -8, NOW);
        assert_eq!(d.len(), PRICE_UPDATE_V2_LEN);
        assert_eq!(
            parse_pyth_pull(&d, &FEED),
            Ok(OraclePrice {
                price: 15_000_000_000,
                conf: 7_500_000,
                expo: -8,
                publish_time: NOW
            })
        );
        // Exactly the serialized 133 bytes (no trailing allocation byte) is enough.
        assert!(parse_pyth_pull(&d[..133], &FEED).is_ok());
        assert_eq!(
            parse_pyth_pull(&d[..132], &FEED),
            Err(OracleError::InvalidAccountData)
        );
    }

    #[test]
    fn pull_extreme_values_roundtrip() {
        let d = pull(&[1], FEED, i64::MIN, u64::MAX, i32::MIN, i64::MAX);
        assert_eq!(
            parse_pyth_pull(&d, &FEED),
            Ok(OraclePrice {
                price: i64::MIN,
                conf: u64::MAX,
                expo: i32::MIN,
                publish_time: i64::MAX
            })
        );
    }

    #[test]
    fn pull_rejects_partial_verification() {
        for sigs in [0u8, 5, 13, 255] {
            let d = pull(&[0, sigs], FEED, 100, 1, -2, NOW);
            assert_eq!(
                parse_pyth_pull(&d, &FEED),
                Err(OracleError::InsufficientVerification)
            );
        }
    }

    #[test]
    fn pull_rejects_unknown_verification_tag() {
        for tag in [2u8, 3, 255] {
            let d = pull(&[tag], FEED, 100, 1, -2, NOW);
            assert_eq!(
                parse_pyth_pull(&d, &FEED),
                Err(OracleError::InvalidAccountData)
            );
        }
    }

    #[test]
    fn pull_rejects_wrong_feed() {
        let d = pull(&[1], FEED, 100, 1, -2, NOW);
        let mut other = FEED;
        other[31] ^= 1;
        assert_eq!(parse_pyth_pull(&d, &other), Err(OracleError::FeedMismatch));
        assert_eq!(
            parse_pyth_pull(&d, &[0u8; 32]),
            Err(OracleError::FeedMismatch)
        );
    }

    #[test]
    fn pull_rejects_bad_discriminator() {
        let good = pull(&[1], FEED, 100, 1, -2, NOW);
        for i in 0..8 {
            let mut d = good.clone();
            d[i] ^= 0x80;
            assert_eq!(
                parse_pyth_pull(&d, &FEED),
                Err(OracleError::InvalidAccountData)
            );
        }
        // A legacy account is not a pull update.
        let legacy = legacy(100, 1, -2, NOW, 1);
        assert_eq!(
            parse_pyth_pull(&legacy, &FEED),
            Err(OracleError::InvalidAccountData)
        );
    }

    #[test]
    fn pull_rejects_truncated() {
        let d = pull(&[1], FEED, 100, 1, -2, NOW);
        for len in [0, 7, 8, 40, 41, 72, 73, 100, 124, 132] {
            assert_eq!(
                parse_pyth_pull(&d[..len], &FEED),
                Err(OracleError::InvalidAccountData),
                "{len}"
            );
        }
        // Partial is reported as soon as the tag is readable.
        let p = pull(&[0, 5], FEED, 100, 1, -2, NOW);
        assert_eq!(
            parse_pyth_pull(&p[..41], &FEED),
            Err(OracleError::InsufficientVerification)
        );
    }

    // ---------------------------------------------------------- validate ---

    fn p(price: i64, conf: u64, expo: i32, publish_time: i64) -> OraclePrice {
        OraclePrice {
            price,
            conf,
            expo,
            publish_time,
        }
    }

    #[test]
    fn validate_accepts_good_price() {
        assert_eq!(
            validate_price(&p(100_000_000, 100_000, -8, NOW), NOW, 60, 200),
            Ok(())
        );
    }

    #[test]
    fn validate_staleness_boundary() {
        let max_age = 60u32;
        // Exactly max_age old: accepted.
        assert_eq!(
            validate_price(&p(100, 0, -2, NOW - 60), NOW, max_age, 200),
            Ok(())
        );
        // One second older: stale.
        assert_eq!(
            validate_price(&p(100, 0, -2, NOW - 61), NOW, max_age, 200),
            Err(OracleError::StalePrice)
        );
        // Future publish time: up to MAX_FUTURE_SECONDS ahead.
        assert_eq!(
            validate_price(&p(100, 0, -2, NOW + 5), NOW, max_age, 200),
            Ok(())
        );
        assert_eq!(
            validate_price(&p(100, 0, -2, NOW + 6), NOW, max_age, 200),
            Err(OracleError::FuturePrice)
        );
        assert_eq!(
            validate_price(&p(100, 0, -2, NOW + 3_600), NOW, max_age, 200),
            Err(OracleError::FuturePrice)
        );
        // max_age 0: only now or later.
        assert_eq!(validate_price(&p(100, 0, -2, NOW), NOW, 0, 200), Ok(()));
        assert_eq!(
            validate_price(&p(100, 0, -2, NOW - 1), NOW, 0, 200),
            Err(OracleError::StalePrice)
        );
    }

    #[test]
    fn validate_staleness_extremes_do_not_overflow() {
        assert_eq!(
            validate_price(&p(1, 0, 0, i64::MAX), i64::MAX, u32::MAX, 1),
            Ok(())
        );
        assert_eq!(
            validate_price(&p(1, 0, 0, i64::MIN), i64::MAX, u32::MAX, 1),
            Err(OracleError::StalePrice)
        );
        assert_eq!(
            validate_price(&p(1, 0, 0, i64::MIN), i64::MIN, 0, 1),
            Ok(())
        );
        assert_eq!(
            validate_price(&p(1, 0, 0, i64::MAX), i64::MIN, u32::MAX, 1),
            Err(OracleError::FuturePrice)
        );
    }

    #[test]
    fn ema_divergence_boundary() {
        // 100 bps of an EMA of 1_000_000 = 10_000 either way.
        assert_eq!(validate_ema(1_010_000, 1_000_000, 100), Ok(()));
        assert_eq!(validate_ema(990_000, 1_000_000, 100), Ok(()));
        assert_eq!(
            validate_ema(1_010_001, 1_000_000, 100),
            Err(OracleError::EmaDivergence)
        );
        assert_eq!(
            validate_ema(989_999, 1_000_000, 100),
            Err(OracleError::EmaDivergence)
        );
        // One bps past the bound.
        assert_eq!(
            validate_ema(1_010_100, 1_000_000, 100),
            Err(OracleError::EmaDivergence)
        );
        assert_eq!(validate_ema(5, 0, 100), Err(OracleError::NonPositivePrice));
        assert_eq!(
            validate_ema(i64::MAX, 1, u16::MAX),
            Err(OracleError::EmaDivergence)
        );
        assert_eq!(validate_ema(i64::MIN, i64::MAX, u16::MAX), Ok(()));
    }

    #[test]
    fn slot_staleness_boundary() {
        assert_eq!(validate_slot(100, 250, 150), Ok(()));
        assert_eq!(validate_slot(100, 251, 150), Err(OracleError::StalePrice));
        assert_eq!(validate_slot(251, 250, 150), Err(OracleError::FuturePrice));
        assert_eq!(
            validate_slot(0, u64::MAX, u32::MAX),
            Err(OracleError::StalePrice)
        );
    }

    #[test]
    fn readings_carry_ema_and_slot() {
        let d = legacy(6_512_345_678, 1_234_567, -8, NOW, 1);
        let r = read_pyth_legacy(&d).unwrap();
        assert_eq!(r.ema_price, 6_512_345_678 / 2);
        assert_eq!(r.publish_slot, Some(42));
        let d = pull(&[1], FEED, 15_000_000_000, 7_500_000, -8, NOW);
        let r = read_pyth_pull(&d, &FEED).unwrap();
        assert_eq!(r.ema_price, 5_000_000_000);
        assert_eq!(r.publish_slot, None);
    }

    #[test]
    fn validate_confidence_boundary() {
        // 200 bps of 1_000_000 = 20_000.
        assert_eq!(
            validate_price(&p(1_000_000, 20_000, -6, NOW), NOW, 60, 200),
            Ok(())
        );
        assert_eq!(
            validate_price(&p(1_000_000, 20_001, -6, NOW), NOW, 60, 200),
            Err(OracleError::ConfidenceTooWide)
        );
        // 1 bps over (201 bps at a 200 bps limit).
        assert_eq!(
            validate_price(&p(1_000_000, 20_100, -6, NOW), NOW, 60, 200),
            Err(OracleError::ConfidenceTooWide)
        );
        // Non-round: price 12_345, 1 bps -> conf*10_000 <= 12_345 -> conf 1 ok, 2 not.
        assert_eq!(validate_price(&p(12_345, 1, -2, NOW), NOW, 60, 1), Ok(()));
        assert_eq!(
            validate_price(&p(12_345, 2, -2, NOW), NOW, 60, 1),
            Err(OracleError::ConfidenceTooWide)
        );
        // max_conf_bps 0 only accepts conf 0.
        assert_eq!(validate_price(&p(100, 0, -2, NOW), NOW, 60, 0), Ok(()));
        assert_eq!(
            validate_price(&p(100, 1, -2, NOW), NOW, 60, 0),
            Err(OracleError::ConfidenceTooWide)
        );
    }

    #[test]
    fn validate_rejects_non_positive_price() {
        for price in [0, -1, i64::MIN] {
            assert_eq!(
                validate_price(&p(price, 0, -8, NOW), NOW, 60, 10_000),
                Err(OracleError::NonPositivePrice)
            );
        }
    }

    #[test]
    fn validate_exponent_range() {
        for expo in [-18, -12, -8, 0, 6] {
            assert_eq!(
                validate_price(&p(100, 0, expo, NOW), NOW, 60, 200),
                Ok(()),
                "{expo}"
            );
        }
        for expo in [i32::MIN, -19, 7, i32::MAX] {
            assert_eq!(
                validate_price(&p(100, 0, expo, NOW), NOW, 60, 200),
                Err(OracleError::UnsupportedExponent),
                "{expo}"
            );
        }
    }

    #[test]
    fn validate_extremes_never_panic() {
        assert_eq!(
            validate_price(&p(i64::MAX, u64::MAX, -18, NOW), NOW, 60, u16::MAX),
            Ok(())
        );
        assert_eq!(
            validate_price(&p(1, u64::MAX, 6, NOW), NOW, 60, u16::MAX),
            Err(OracleError::ConfidenceTooWide)
        );
        assert_eq!(
            validate_price(&p(i64::MAX, 0, 6, NOW), NOW, u32::MAX, 0),
            Ok(())
        );
    }
}
