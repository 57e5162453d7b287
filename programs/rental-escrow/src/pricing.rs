//! Pure u128 math turning an hourly USD rate into token amounts.
//!
//! Unit algebra (in the style of Helium's data-credits `mint_data_credits`):
//!
//! ```text
//!   micro-USD  µUSD        1 USD = 10^6 µUSD
//!   rate       µUSD / h    1 h   = 3_600 s
//!
//!   cost [µUSD] = duration [s] * rate [µUSD/h] / 3_600 [s/h]          (ceil)
//!
//!   Pyth gives, per WHOLE token:  price [USD/token] = P * 10^expo
//!   and a confidence interval  ± C * 10^expo.  We convert at the
//!   conservative (lowest plausible) price P' = P - C (must be > 0), which
//!   gives the renter MORE tokens to pay and the protocol FEWER tokens to
//!   pay out per USD.
//!
//!   base units per token = 10^decimals
//!
//!   tokens [base] = cost [µUSD] / 10^6 [µUSD/USD]
//!                   / (P' * 10^expo) [USD/token]
//!                   * 10^decimals [base/token]
//!                 = cost * 10^decimals / (10^6 * P' * 10^expo)
//!                 = cost * 10^(decimals - expo - 6) / P'
//!
//!   Let e = decimals - expo - 6 (in [-12, 24] for decimals in [0, 12] and
//!   expo in [-18, 6]):
//!     e >= 0:  tokens = (cost * 10^e) / P'
//!     e <  0:  tokens =  cost / (P' * 10^-e)
//! ```
//!
//! Folding the three powers of ten into one exponent `e` is the same exact
//! rational as the textbook form (`10^-expo` on the numerator for negative
//! exponents, on the denominator otherwise), so floor/ceil results are
//! identical; it only avoids spurious intermediate overflow. With this form
//! an intermediate u128 overflow happens only when the true result is already
//! above `u64::MAX` (`cost * 10^e > 2^128` and `P' < 2^63` imply a quotient
//! `> 2^65`), so `MathOverflow` means exactly "the answer does not fit in u64".
//!
//! Rounding: the renter pays the ceiling ([`cost_micro_usd`],
//! [`tokens_for_usd_ceil`]); payouts and refunds use the floor
//! ([`tokens_for_usd_floor`]) so the escrow never pays out more than it holds.
//!
//! Decisions:
//! * `decimals > 12` -> `OracleError::MathOverflow` (no dedicated variant, so
//!   the program's error mapping stays one-to-one with the oracle errors).
//! * `expo` outside `[-18, 6]` -> `OracleError::UnsupportedExponent`.
//! * `price - conf <= 0` -> `OracleError::NonPositivePrice`.
//! * A result `> u64::MAX` -> `OracleError::MathOverflow`.

use crate::oracle::{OracleError, OraclePrice, MAX_EXPONENT, MIN_EXPONENT};

/// Micro-USD in one USD.
pub const MICRO_USD_PER_USD: u128 = 1_000_000;
/// Decimal exponent of [`MICRO_USD_PER_USD`].
const MICRO_USD_DECIMALS: i32 = 6;
/// Seconds in one hour.
pub const SECONDS_PER_HOUR: u128 = 3_600;
/// Largest supported number of mint decimals.
pub const MAX_TOKEN_DECIMALS: u8 = 12;

/// `ceil(n / d)` for `d > 0`.
fn div_ceil(n: u128, d: u128) -> Result<u128, OracleError> {
    let q = n.checked_div(d).ok_or(OracleError::MathOverflow)?;
    let r = n.checked_rem(d).ok_or(OracleError::MathOverflow)?;
    if r == 0 {
        Ok(q)
    } else {
        q.checked_add(1).ok_or(OracleError::MathOverflow)
    }
}

/// Micro-USD (1 USD = 1_000_000) owed for `duration_seconds` at
/// `rate_micro_usd_per_hour`, rounded UP (the renter pays the ceiling).
///
/// `u64 * u64` always fits in u128, so this never fails in practice; the
/// `Result` keeps the call sites uniform.
pub fn cost_micro_usd(
    duration_seconds: u64,
    rate_micro_usd_per_hour: u64,
) -> Result<u128, OracleError> {
    let micro_usd_seconds_per_hour = u128::from(duration_seconds)
        .checked_mul(u128::from(rate_micro_usd_per_hour))
        .ok_or(OracleError::MathOverflow)?;
    div_ceil(micro_usd_seconds_per_hour, SECONDS_PER_HOUR)
}

/// `tokens = numerator / denominator` (exact rational) for the conversion
/// described in the module docs.
fn conversion_ratio(
    cost_micro_usd: u128,
    price: &OraclePrice,
    decimals: u8,
) -> Result<(u128, u128), OracleError> {
    if decimals > MAX_TOKEN_DECIMALS {
        return Err(OracleError::MathOverflow);
    }
    if !(MIN_EXPONENT..=MAX_EXPONENT).contains(&price.expo) {
        return Err(OracleError::UnsupportedExponent);
    }
    // i64 - u64 always fits in i128.
    let conservative = i128::from(price.price) - i128::from(price.conf);
    if conservative <= 0 {
        return Err(OracleError::NonPositivePrice);
    }
    let conservative = u128::try_from(conservative).map_err(|_| OracleError::NonPositivePrice)?;

    // e = decimals - expo - 6, in [-12, 24]; 10^24 < 2^80 fits in u128.
    let e = i32::from(decimals)
        .checked_sub(price.expo)
        .and_then(|x| x.checked_sub(MICRO_USD_DECIMALS))
        .ok_or(OracleError::MathOverflow)?;
    let scale = 10u128
        .checked_pow(e.unsigned_abs())
        .ok_or(OracleError::MathOverflow)?;
    if e >= 0 {
        let numerator = cost_micro_usd
            .checked_mul(scale)
            .ok_or(OracleError::MathOverflow)?;
        Ok((numerator, conservative))
    } else {
        let denominator = conservative
            .checked_mul(scale)
            .ok_or(OracleError::MathOverflow)?;
        Ok((cost_micro_usd, denominator))
    }
}

fn to_u64(x: u128) -> Result<u64, OracleError> {
    u64::try_from(x).map_err(|_| OracleError::MathOverflow)
}

/// Token base units that pay `cost_micro_usd`, converted at the CONSERVATIVE
/// price (`price - conf`, which must stay > 0 else `NonPositivePrice`),
/// rounded UP.
///
/// Real price in USD per whole token = P' * 10^expo; tokens in base units =
/// cost_micro * 10^decimals / (10^6 * P' * 10^expo). Checked u128 arithmetic;
/// any overflow (or a result > u64::MAX) -> `MathOverflow`; `decimals > 12`
/// -> `MathOverflow`; `expo` outside `[-18, 6]` -> `UnsupportedExponent`.
pub fn tokens_for_usd_ceil(
    cost_micro_usd: u128,
    price: &OraclePrice,
    decimals: u8,
) -> Result<u64, OracleError> {
    let (numerator, denominator) = conversion_ratio(cost_micro_usd, price, decimals)?;
    to_u64(div_ceil(numerator, denominator)?)
}

/// Same conversion as [`tokens_for_usd_ceil`] rounded DOWN (used for
/// payouts/refunds valued in USD).
pub fn tokens_for_usd_floor(
    cost_micro_usd: u128,
    price: &OraclePrice,
    decimals: u8,
) -> Result<u64, OracleError> {
    let (numerator, denominator) = conversion_ratio(cost_micro_usd, price, decimals)?;
    to_u64(
        numerator
            .checked_div(denominator)
            .ok_or(OracleError::MathOverflow)?,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn px(price: i64, conf: u64, expo: i32) -> OraclePrice {
        OraclePrice {
            price,
            conf,
            expo,
            publish_time: 0,
        }
    }

    // ----------------------------------------------------------------------
    // Independent reference: the TEXTBOOK formula evaluated with schoolbook
    // decimal long division on a digit string, so it has no width limit and
    // shares no code or operation order with the implementation.
    //
    //   numerator   = cost * 10^decimals * 10^max(-expo, 0)   (decimal string)
    //   denominator = 10^6 * P' * 10^max(expo, 0)             (< 2^103)
    // ----------------------------------------------------------------------

    /// (quotient digits without leading zeros, remainder != 0)
    fn long_divide(numerator_digits: &str, denominator: u128) -> (String, bool) {
        let mut q = String::new();
        let mut r: u128 = 0;
        for c in numerator_digits.chars() {
            // r < denominator < 2^103, so r * 10 + 9 < 2^107.
            r = r * 10 + u128::from(c.to_digit(10).expect("digit"));
            let digit = r / denominator;
            r %= denominator;
            if !(q.is_empty() && digit == 0) {
                q.push(char::from_digit(digit as u32, 10).expect("digit"));
            }
        }
        if q.is_empty() {
            q.push('0');
        }
        (q, r != 0)
    }

    /// Quotient as u64 if it fits, else None (= expected MathOverflow).
    fn digits_to_u64(q: &str, add_one: bool) -> Option<u64> {
        if q.len() > 20 {
            return None;
        }
        let v: u128 = q.parse().expect("number");
        u64::try_from(v + u128::from(add_one)).ok()
    }

    /// (floor, ceil) per the textbook formula, None when > u64::MAX.
    fn reference(
        cost: u128,
        price: i64,
        conf: u64,
        expo: i32,
        decimals: u8,
    ) -> (Option<u64>, Option<u64>) {
        let p = i128::from(price) - i128::from(conf);
        assert!(p > 0);
        let mut numerator = cost.to_string();
        if cost != 0 {
            let zeros = u32::from(decimals) + if expo < 0 { expo.unsigned_abs() } else { 0 };
            numerator.push_str(&"0".repeat(zeros as usize));
        }
        let denominator =
            1_000_000u128 * (p as u128) * 10u128.pow(if expo > 0 { expo as u32 } else { 0 });
        let (q, rem) = long_divide(&numerator, denominator);
        (digits_to_u64(&q, false), digits_to_u64(&q, rem))
    }

    fn check_against_reference(cost: u128, price: i64, conf: u64, expo: i32, decimals: u8) {
        let (want_floor, want_ceil) = reference(cost, price, conf, expo, decimals);
        let got_floor = tokens_for_usd_floor(cost, &px(price, conf, expo), decimals);
        let got_ceil = tokens_for_usd_ceil(cost, &px(price, conf, expo), decimals);
        let ctx = format!("cost={cost} price={price} conf={conf} expo={expo} decimals={decimals}");
        assert_eq!(
            got_floor,
            want_floor.ok_or(OracleError::MathOverflow),
            "floor {ctx}"
        );
        assert_eq!(
            got_ceil,
            want_ceil.ok_or(OracleError::MathOverflow),
            "ceil {ctx}"
        );
        if let (Ok(f), Ok(c)) = (got_floor, got_ceil) {
            assert!(c == f || c == f + 1, "ceil-floor {ctx}");
        }
    }

    #[test]
    fn reference_long_division_sanity() {
        assert_eq!(long_divide("100", 7), ("14".to_string(), true));
        assert_eq!(long_divide("0", 7), ("0".to_string(), false));
        assert_eq!(long_divide("21", 7), ("3".to_string(), false));
        assert_eq!(
            reference(1_000_000, 15_000_000_000, 0, -8, 9),
            (Some(6_666_666), Some(6_666_667))
        );
    }

    // ------------------------------------------------------ cost_micro_usd ---

    #[test]
    fn cost_literal_cases() {
        assert_eq!(cost_micro_usd(0, 1_000_000), Ok(0));
        assert_eq!(cost_micro_usd(3_600, 0), Ok(0));
        assert_eq!(cost_micro_usd(3_600, 1_000_000), Ok(1_000_000));
        assert_eq!(cost_micro_usd(7_200, 2_500_000), Ok(5_000_000));
        // 1 s of $1/h = 277.77… µUSD -> 278.
        assert_eq!(cost_micro_usd(1, 1_000_000), Ok(278));
        // 1 s at 1 µUSD/h rounds up to 1 µUSD.
        assert_eq!(cost_micro_usd(1, 1), Ok(1));
        assert_eq!(cost_micro_usd(3_600, 1), Ok(1));
        assert_eq!(cost_micro_usd(3_601, 1), Ok(2));
        // 90 min at $2.40/h = $3.60 exactly.
        assert_eq!(cost_micro_usd(5_400, 2_400_000), Ok(3_600_000));
        // 1 day at $0.35/h = $8.40.
        assert_eq!(cost_micro_usd(86_400, 350_000), Ok(8_400_000));
    }

    #[test]
    fn cost_rounds_up_against_reference() {
        for d in [1u64, 2, 59, 60, 61, 3_599, 3_600, 3_601, 86_399, 1_000_003] {
            for r in [1u64, 7, 999, 1_000_000, 1_234_567, 99_999_999_999] {
                let n = u128::from(d) * u128::from(r);
                let (q, rem) = long_divide(&n.to_string(), 3_600);
                let want: u128 = q.parse::<u128>().expect("n") + u128::from(rem);
                assert_eq!(cost_micro_usd(d, r), Ok(want), "{d} {r}");
                let got = cost_micro_usd(d, r).expect("ok");
                assert!(got * 3_600 >= n && (got - 1) * 3_600 < n, "{d} {r}");
            }
        }
    }

    #[test]
    fn cost_extremes_do_not_overflow() {
        let n = u128::from(u64::MAX) * u128::from(u64::MAX);
        let (q, rem) = long_divide(&n.to_string(), 3_600);
        let want: u128 = q.parse::<u128>().expect("n") + u128::from(rem);
        assert_eq!(cost_micro_usd(u64::MAX, u64::MAX), Ok(want));
        assert_eq!(cost_micro_usd(u64::MAX, 0), Ok(0));
        assert_eq!(
            cost_micro_usd(u64::MAX, 1),
            Ok(u128::from(u64::MAX / 3_600 + 1))
        );
    }

    // --------------------------------------------------- tokens_for_usd ---

    #[test]
    fn tokens_literal_cases() {
        // $1 of SOL at $150.00 (expo -8), 9 decimals: 1/150 SOL = 6_666_666.67 lamports.
        let sol = px(15_000_000_000, 0, -8);
        assert_eq!(tokens_for_usd_ceil(1_000_000, &sol, 9), Ok(6_666_667));
        assert_eq!(tokens_for_usd_floor(1_000_000, &sol, 9), Ok(6_666_666));

        // $1 of USDC at $1.00000000, 6 decimals: exactly 1_000_000.
        let usdc = px(100_000_000, 0, -8);
        assert_eq!(tokens_for_usd_ceil(1_000_000, &usdc, 6), Ok(1_000_000));
        assert_eq!(tokens_for_usd_floor(1_000_000, &usdc, 6), Ok(1_000_000));

        // Same with conf 0.01: conservative price 0.99 -> 1_010_101.0101…
        let usdc_conf = px(100_000_000, 1_000_000, -8);
        assert_eq!(tokens_for_usd_ceil(1_000_000, &usdc_conf, 6), Ok(1_010_102));
        assert_eq!(
            tokens_for_usd_floor(1_000_000, &usdc_conf, 6),
            Ok(1_010_101)
        );

        // expo 0, $2/token, 0 decimals: $3 -> 1.5 tokens.
        let two = px(2, 0, 0);
        assert_eq!(tokens_for_usd_ceil(3_000_000, &two, 0), Ok(2));
        assert_eq!(tokens_for_usd_floor(3_000_000, &two, 0), Ok(1));

        // expo 6: $1_000_000/token, 12 decimals: $1 -> 10^-6 token = 10^6 base units.
        let pricey = px(1, 0, 6);
        assert_eq!(tokens_for_usd_ceil(1_000_000, &pricey, 12), Ok(1_000_000));
        assert_eq!(tokens_for_usd_floor(1_000_000, &pricey, 12), Ok(1_000_000));
        // ...and with 0 decimals 1 µUSD is a tiny fraction of a token.
        assert_eq!(tokens_for_usd_ceil(1, &pricey, 0), Ok(1));
        assert_eq!(tokens_for_usd_floor(1, &pricey, 0), Ok(0));

        // expo -18: P = 10^18 -> $1/token; 12 decimals: 1 µUSD = 10^6 base units.
        let one = px(1_000_000_000_000_000_000, 0, -18);
        assert_eq!(tokens_for_usd_ceil(1, &one, 12), Ok(1_000_000));
        assert_eq!(tokens_for_usd_floor(1, &one, 12), Ok(1_000_000));

        // $0.35 of a $0.123456 token (expo -6), 9 decimals:
        // 0.35 / 0.123456 = 2.835018144…  -> 2_835_018_144.1… base units.
        let cheap = px(123_456, 0, -6);
        assert_eq!(tokens_for_usd_floor(350_000, &cheap, 9), Ok(2_835_018_144));
        assert_eq!(tokens_for_usd_ceil(350_000, &cheap, 9), Ok(2_835_018_145));

        // Zero cost is zero tokens.
        assert_eq!(tokens_for_usd_ceil(0, &sol, 9), Ok(0));
        assert_eq!(tokens_for_usd_floor(0, &sol, 9), Ok(0));
    }

    #[test]
    fn ceil_is_at_least_floor_and_covers_cost() {
        // Paying the ceiling is worth >= cost at the conservative price; the
        // floor is worth <= cost.
        let price = px(15_034_567_891, 12_345_678, -8);
        let p_cons = 15_034_567_891u128 - 12_345_678;
        for cost in [1u128, 277, 278, 1_000_000, 8_400_000, 123_456_789_012] {
            let c = u128::from(tokens_for_usd_ceil(cost, &price, 9).expect("ceil"));
            let f = u128::from(tokens_for_usd_floor(cost, &price, 9).expect("floor"));
            // value [µUSD] = tokens * P' * 10^expo * 10^6 / 10^decimals = tokens * P' / 10^11
            assert!(c * p_cons >= cost * 100_000_000_000, "{cost}");
            assert!(f * p_cons <= cost * 100_000_000_000, "{cost}");
            assert!(c == f || c == f + 1);
        }
    }

    #[test]
    fn sweep_expo_minus12_to_0_decimals_0_to_9() {
        let costs = [
            0u128,
            1,
            278,
            999_999,
            1_000_000,
            3_600_001,
            123_456_789_012,
            10u128.pow(15),
        ];
        let prices: [(i64, u64); 7] = [
            (1, 0),
            (7, 3),
            (100_000_000, 0),
            (100_000_000, 99_999_999),
            (15_034_567_891, 12_345_678),
            (987_654_321_987, 1),
            (i64::MAX, 0),
        ];
        for expo in -12..=0 {
            for decimals in 0..=9u8 {
                for &cost in &costs {
                    for &(price, conf) in &prices {
                        check_against_reference(cost, price, conf, expo, decimals);
                    }
                }
            }
        }
    }

    #[test]
    fn sweep_full_ranges_and_extremes() {
        let costs = [
            1u128,
            1_000_000,
            u128::from(u64::MAX),
            u128::from(u64::MAX) * 3_600,
            u128::MAX,
        ];
        let prices: [(i64, u64); 5] = [
            (1, 0),
            (2, 1),
            (i64::MAX, 0),
            (i64::MAX, u64::from(u32::MAX)),
            (i64::MAX, i64::MAX as u64 - 1),
        ];
        for expo in MIN_EXPONENT..=MAX_EXPONENT {
            for decimals in 0..=MAX_TOKEN_DECIMALS {
                for &cost in &costs {
                    for &(price, conf) in &prices {
                        check_against_reference(cost, price, conf, expo, decimals);
                    }
                }
            }
        }
    }

    #[test]
    fn overflow_only_when_result_exceeds_u64() {
        // u64::MAX base units exactly: cost 18_446_744_073_709_551_615 µUSD at
        // $1/token (P = 1, expo 0) with 6 decimals.
        let one_usd = px(1, 0, 0);
        let max = u128::from(u64::MAX);
        assert_eq!(tokens_for_usd_floor(max, &one_usd, 6), Ok(u64::MAX));
        assert_eq!(tokens_for_usd_ceil(max, &one_usd, 6), Ok(u64::MAX));
        assert_eq!(
            tokens_for_usd_floor(max + 1, &one_usd, 6),
            Err(OracleError::MathOverflow)
        );
        assert_eq!(
            tokens_for_usd_ceil(max + 1, &one_usd, 6),
            Err(OracleError::MathOverflow)
        );
        // P = 2: (2*MAX + 1) / 2 floors to MAX but ceils to MAX + 1.
        let two_usd = px(2, 0, 0);
        assert_eq!(tokens_for_usd_floor(2 * max + 1, &two_usd, 6), Ok(u64::MAX));
        assert_eq!(
            tokens_for_usd_ceil(2 * max + 1, &two_usd, 6),
            Err(OracleError::MathOverflow)
        );
        // Largest intermediate: cost u128::MAX, e = 24.
        let tiny = px(1, 0, -18);
        assert_eq!(
            tokens_for_usd_floor(u128::MAX, &tiny, 12),
            Err(OracleError::MathOverflow)
        );
        // Huge price and conf up to just below price.
        let p = px(i64::MAX, u64::MAX, -8);
        assert_eq!(
            tokens_for_usd_ceil(1, &p, 9),
            Err(OracleError::NonPositivePrice)
        );
    }

    #[test]
    fn rejects_non_positive_conservative_price() {
        for (price, conf) in [
            (0i64, 0u64),
            (-1, 0),
            (i64::MIN, u64::MAX),
            (100, 100),
            (100, 101),
            (1, u64::MAX),
        ] {
            let p = px(price, conf, -8);
            assert_eq!(
                tokens_for_usd_ceil(1_000_000, &p, 6),
                Err(OracleError::NonPositivePrice)
            );
            assert_eq!(
                tokens_for_usd_floor(1_000_000, &p, 6),
                Err(OracleError::NonPositivePrice)
            );
        }
        // conf = price - 1 leaves P' = 1: fine.
        assert_eq!(tokens_for_usd_floor(1_000_000, &px(100, 99, 0), 0), Ok(1));
    }

    #[test]
    fn rejects_unsupported_exponent_and_decimals() {
        for expo in [i32::MIN, -19, 7, i32::MAX] {
            let p = px(100, 0, expo);
            assert_eq!(
                tokens_for_usd_ceil(1, &p, 6),
                Err(OracleError::UnsupportedExponent)
            );
            assert_eq!(
                tokens_for_usd_floor(1, &p, 6),
                Err(OracleError::UnsupportedExponent)
            );
        }
        for decimals in [13u8, 18, u8::MAX] {
            let p = px(100, 0, -2);
            assert_eq!(
                tokens_for_usd_ceil(1, &p, decimals),
                Err(OracleError::MathOverflow)
            );
            assert_eq!(
                tokens_for_usd_floor(1, &p, decimals),
                Err(OracleError::MathOverflow)
            );
        }
    }

    /// 100 000 random cases (`PROPTEST_CASES` overrides) against the textbook
    /// reference: exponents −18..=6, decimals 0..=12, costs and prices from 1
    /// to the type limits. Ceil and floor agree with the reference, including
    /// exactly when the answer does not fit in u64.
    mod properties {
        use super::*;
        use proptest::prelude::*;

        fn cases() -> ProptestConfig {
            ProptestConfig {
                cases: std::env::var("PROPTEST_CASES")
                    .ok()
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(100_000),
                failure_persistence: None,
                ..ProptestConfig::default()
            }
        }

        fn amount() -> impl Strategy<Value = u128> {
            prop_oneof![
                0u128..=1_000,
                1u128..=u64::MAX as u128,
                (0u32..39).prop_map(|e| 10u128.saturating_pow(e)),
                (u64::MAX as u128)..=(u64::MAX as u128) * 3_600,
            ]
        }

        proptest! {
            #![proptest_config(cases())]

            #[test]
            fn conversion_matches_the_reference(
                cost in amount(),
                price in prop_oneof![1i64..=1_000, 1i64..=i64::MAX, Just(i64::MAX)],
                conf_frac in 0u32..=10_000,
                expo in MIN_EXPONENT..=MAX_EXPONENT,
                decimals in 0u8..=MAX_TOKEN_DECIMALS,
            ) {
                // conf below price so that the conservative price stays > 0.
                let conf = ((price as u128 - 1) * conf_frac as u128 / 10_000) as u64;
                check_against_reference(cost, price, conf, expo, decimals);
            }

            #[test]
            fn cost_is_the_ceiling(duration in 0u64..=u64::MAX, rate in 0u64..=u64::MAX) {
                let exact = (duration as u128) * (rate as u128);
                let c = cost_micro_usd(duration, rate).unwrap();
                prop_assert!(c * SECONDS_PER_HOUR >= exact && c * SECONDS_PER_HOUR < exact + SECONDS_PER_HOUR);
            }
        }
    }
}
