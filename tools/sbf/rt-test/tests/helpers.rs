//! The helpers of sbf_rt.ll (compiled from the IR itself, see build.rs)
//! against Rust's u128 / i128 arithmetic.
use sbf_rt_test::*;

const RANDOM_CASES: u64 = 2_000_000;

fn check_div(n: u128, d: u128) {
    let (q, r) = udivmod128(n, d);
    assert_eq!((q, r), (n / d, n % d), "udivmod128({n:#x}, {d:#x})");
}

#[test]
fn udivmod128_edge_operands() {
    let e = edge_values();
    let mut count = 0u64;
    for &n in &e {
        for &d in &e {
            if d != 0 {
                check_div(n, d);
                count += 1;
            }
        }
    }
    // Quotients at the top of their range: n = q * d + r for edge q, d, r < d.
    for &q in &e {
        for &d in &e {
            if d == 0 {
                continue;
            }
            if let Some(p) = q.checked_mul(d) {
                for r in [0, 1, d - 1, d / 2] {
                    if let Some(n) = p.checked_add(r) {
                        check_div(n, d);
                        count += 1;
                    }
                }
            }
        }
    }
    println!("udivmod128: {count} edge cases");
    assert!(count > 5_000);
}

#[test]
fn udivmod128_random_operands() {
    let mut rng = Rng::new(0x5bf_d17);
    let mut classes = [0u64; 4];
    let mut near_exact = 0u64;
    for _ in 0..RANDOM_CASES {
        let n = rng.operand();
        let mut d = rng.operand();
        if d == 0 {
            d = 1 + u128::from(rng.below(1 << 20));
        }
        // Count the helper's paths: d < 2^32, d < 2^64 (n >= 2^64), d >= 2^64.
        let class = if n >> 64 == 0 && d >> 64 == 0 {
            0
        } else if d >> 32 == 0 {
            1
        } else if d >> 64 == 0 {
            2
        } else {
            3
        };
        classes[class] += 1;
        check_div(n, d);
        // A quotient near the top of its range for the same divisor.
        let q = rng.operand() >> rng.below(128);
        if let Some(n2) = q.checked_mul(d).and_then(|p| p.checked_add(d - 1)) {
            check_div(n2, d);
            near_exact += 1;
        }
    }
    println!(
        "udivmod128: {RANDOM_CASES} random cases, by path {classes:?}, and {near_exact} with a remainder of d - 1"
    );
    assert!(classes.iter().all(|&c| c > RANDOM_CASES / 20));
}

#[test]
fn mul_helpers_random_and_edge() {
    let mut rng = Rng::new(42);
    let e = edge_values();
    let mut pairs: Vec<(u128, u128)> = e
        .iter()
        .flat_map(|&a| e.iter().map(move |&b| (a, b)))
        .collect();
    for _ in 0..500_000 {
        pairs.push((rng.operand(), rng.operand()));
    }
    for (a, b) in pairs {
        assert_eq!(
            mulhu64(a as u64, b as u64),
            ((u128::from(a as u64) * u128::from(b as u64)) >> 64) as u64
        );
        let (p, o) = a.overflowing_mul(b);
        assert_eq!(umulo128(a, b), (p, o), "umulo128({a:#x}, {b:#x})");
        let (sa, sb) = (a as i128, b as i128);
        let (sp, so) = sa.overflowing_mul(sb);
        assert_eq!(smulo128(sa, sb), (sp, so), "smulo128({sa}, {sb})");
    }
}
