//! Safe wrappers around the helpers of tools/sbf/legalize/sbf_rt.ll, compiled
//! for the host by build.rs, and an operand generator for the tests.

extern "C" {
    fn __sbf_udivmod128(out: *mut u64, nl: u64, nh: u64, dl: u64, dh: u64);
    fn __sbf_mulhu64(a: u64, b: u64) -> u64;
    fn __sbf_umulo128(out: *mut u64, al: u64, ah: u64, bl: u64, bh: u64) -> u8;
    fn __sbf_smulo128(out: *mut u64, al: u64, ah: u64, bl: u64, bh: u64) -> u8;
}

fn lo(x: u128) -> u64 {
    x as u64
}
fn hi(x: u128) -> u64 {
    (x >> 64) as u64
}
fn join(l: u64, h: u64) -> u128 {
    (u128::from(h) << 64) | u128::from(l)
}

/// (n / d, n % d) through `__sbf_udivmod128`; d must not be 0.
pub fn udivmod128(n: u128, d: u128) -> (u128, u128) {
    assert!(d != 0);
    let mut out = [0u64; 4];
    unsafe { __sbf_udivmod128(out.as_mut_ptr(), lo(n), hi(n), lo(d), hi(d)) };
    (join(out[0], out[1]), join(out[2], out[3]))
}

pub fn mulhu64(a: u64, b: u64) -> u64 {
    unsafe { __sbf_mulhu64(a, b) }
}

/// Wrapping product and overflow flag through `__sbf_umulo128`.
pub fn umulo128(a: u128, b: u128) -> (u128, bool) {
    let mut out = [0u64; 2];
    let o = unsafe { __sbf_umulo128(out.as_mut_ptr(), lo(a), hi(a), lo(b), hi(b)) };
    (join(out[0], out[1]), o & 1 != 0)
}

/// Wrapping product and overflow flag through `__sbf_smulo128`.
pub fn smulo128(a: i128, b: i128) -> (i128, bool) {
    let (a, b) = (a as u128, b as u128);
    let mut out = [0u64; 2];
    let o = unsafe { __sbf_smulo128(out.as_mut_ptr(), lo(a), hi(a), lo(b), hi(b)) };
    (join(out[0], out[1]) as i128, o & 1 != 0)
}

/// xorshift128+ (deterministic: the same seed gives the same operands).
pub struct Rng(u64, u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        let mut r = Rng(
            seed ^ 0x9E37_79B9_7F4A_7C15,
            seed.wrapping_mul(0xBF58_476D_1CE4_E5B9) | 1,
        );
        for _ in 0..16 {
            r.next_u64();
        }
        r
    }
    pub fn next_u64(&mut self) -> u64 {
        let (mut s1, s0) = (self.0, self.1);
        self.0 = s0;
        s1 ^= s1 << 23;
        self.1 = s1 ^ s0 ^ (s1 >> 17) ^ (s0 >> 26);
        self.1.wrapping_add(s0)
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }
    pub fn u128(&mut self) -> u128 {
        join(self.next_u64(), self.next_u64())
    }

    /// An operand shaped to reach every branch of the division: a random bit
    /// length (so every size class of dividend and divisor is common), and
    /// either random bits, long runs of ones and zeros (these make the
    /// quotient-digit estimate too large, exercising the corrections), or a
    /// power of two plus or minus a small value.
    pub fn operand(&mut self) -> u128 {
        let bits = self.below(129) as u32;
        if bits == 0 {
            return 0;
        }
        let mask = if bits == 128 {
            u128::MAX
        } else {
            (1u128 << bits) - 1
        };
        match self.below(4) {
            0 | 1 => (self.u128() & mask) | (1u128 << (bits - 1)),
            2 => {
                let mut v = 0u128;
                let mut pos = 0u32;
                let mut one = self.below(2) == 1;
                while pos < bits {
                    let run = 1 + self.below(40) as u32;
                    let run = run.min(bits - pos);
                    if one {
                        let m = if run == 128 {
                            u128::MAX
                        } else {
                            (1u128 << run) - 1
                        };
                        v |= m << pos;
                    }
                    pos += run;
                    one = !one;
                }
                v | (1u128 << (bits - 1))
            }
            _ => {
                let p = 1u128 << (bits - 1);
                let small = u128::from(self.below(3));
                if self.below(2) == 0 {
                    p.wrapping_add(small)
                } else {
                    p.wrapping_sub(small).max(1)
                }
            }
        }
    }
}

/// The edge operands the issue names, and their neighbours.
pub fn edge_values() -> Vec<u128> {
    let mut v = vec![
        0u128,
        1,
        2,
        3,
        u128::MAX,
        u128::MAX - 1,
        u128::MAX / 2,
        u128::MAX / 3,
    ];
    for k in [31u32, 32, 33, 63, 64, 65, 95, 96, 97, 126, 127] {
        let p = 1u128 << k;
        v.extend([p - 1, p, p + 1]);
    }
    v.extend([
        10u128.pow(12),
        10u128.pow(18),
        10u128.pow(19),
        10u128.pow(24),
        10u128.pow(38),
    ]);
    v.sort_unstable();
    v.dedup();
    v
}
