//! Program-derived addresses without the `create_program_address` syscall.
//!
//! The runtime charges 1,500 CU for every `create_program_address` (and
//! `find_program_address` pays it once per bump it tries, so its cost
//! depends on the seeds). The same address is one `sol_sha256` plus one
//! `sol_curve_validate_point` (~85 + ~1 per 2 bytes hashed, and 159 CU),
//! the exact computation the runtime does: SHA-256 over the seeds, the bump,
//! the program id and "ProgramDerivedAddress", valid only if the digest is
//! not an Ed25519 point.
//!
//! `is_canonical_bump` proves a bump is the one `find_program_address`
//! returns (every higher bump gives a curve point), so an account created
//! with it is the one account those seeds can name: uniqueness (one
//! delegation per delegator and node, one node per operator and id) does
//! not rest on the client.
use solana_curve25519::edwards::{validate_edwards, PodEdwardsPoint};
use solana_pubkey::Pubkey;
use solana_sha256_hasher::hashv;

const PDA_MARKER: &[u8] = b"ProgramDerivedAddress";

/// The candidate address for `seeds` and `bump` (a valid PDA only if it is
/// off the curve; see `is_off_curve`).
///
/// # Panics
/// With more than 15 seeds (the runtime's limit is 16 including the bump):
/// a caller's bug, never user input (seed counts are fixed in code).
pub fn candidate(seeds: &[&[u8]], bump: u8, program_id: &Pubkey) -> [u8; 32] {
    assert!(seeds.len() <= 15, "at most 15 seeds");
    let bump = [bump];
    let mut parts: [&[u8]; 18] = [&[]; 18];
    let n = seeds.len();
    parts[..n].copy_from_slice(&seeds[..n]);
    parts[n] = &bump;
    parts[n + 1] = program_id.as_ref();
    parts[n + 2] = PDA_MARKER;
    hashv(&parts[..n + 3]).to_bytes()
}

/// True if `bytes` is not a point on the Ed25519 curve (no private key can
/// sign for it), the runtime's rule for a program-derived address.
pub fn is_off_curve(bytes: &[u8; 32]) -> bool {
    !validate_edwards(&PodEdwardsPoint(*bytes))
}

/// True if `bump` is the canonical bump of `seeds`: its candidate is off the
/// curve and every higher bump's candidate is on it. Cost: one hash and one
/// curve check per bump from `bump` to 255 (1 for the half of all seeds
/// whose canonical bump is 255, 2 for a quarter, ...).
pub fn is_canonical_bump(seeds: &[&[u8]], bump: u8, program_id: &Pubkey) -> bool {
    if seeds.len() > 15 || seeds.iter().any(|s| s.len() > 32) {
        return false;
    }
    if !is_off_curve(&candidate(seeds, bump, program_id)) {
        return false;
    }
    (u16::from(bump) + 1..=u16::from(u8::MAX))
        .all(|higher| !is_off_curve(&candidate(seeds, higher as u8, program_id)))
}

/// The canonical address and bump of `seeds` (what `find_program_address`
/// returns), or `None` if no bump gives an off-curve address.
pub fn find_canonical(seeds: &[&[u8]], program_id: &Pubkey) -> Option<(Pubkey, u8)> {
    if seeds.len() > 15 || seeds.iter().any(|s| s.len() > 32) {
        return None;
    }
    (0..=u8::MAX).rev().find_map(|bump| {
        let address = candidate(seeds, bump, program_id);
        is_off_curve(&address).then(|| (Pubkey::new_from_array(address), bump))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn check(seeds: &[&[u8]], program_id: &Pubkey) {
        let (address, bump) = Pubkey::find_program_address(seeds, program_id);
        assert_eq!(find_canonical(seeds, program_id), Some((address, bump)));
        assert!(is_canonical_bump(seeds, bump, program_id));
        for other in 0..=u8::MAX {
            let valid =
                Pubkey::create_program_address(&[seeds, &[&[other][..]]].concat(), program_id);
            // Off-curve exactly when the runtime accepts it, same address.
            assert_eq!(
                valid.ok().map(|k| k.to_bytes()),
                is_off_curve(&candidate(seeds, other, program_id))
                    .then(|| candidate(seeds, other, program_id))
            );
            if other != bump {
                assert!(!is_canonical_bump(seeds, other, program_id));
            }
        }
    }

    #[test]
    fn matches_find_program_address_on_fixed_seeds() {
        let program = Pubkey::new_from_array([7; 32]);
        check(&[b"config"], &program);
        check(&[], &program);
        check(&[b"node", &[1; 32], &42u64.to_le_bytes()], &program);
        check(&[&[0xff; 32], &[0; 32]], &program);
    }

    #[test]
    fn rejects_what_the_runtime_rejects() {
        let program = Pubkey::new_from_array([3; 32]);
        let long = [0u8; 33];
        assert!(find_canonical(&[&long], &program).is_none());
        assert!(!is_canonical_bump(&[&long], 255, &program));
        let many: Vec<&[u8]> = vec![b"x"; 16];
        assert!(find_canonical(&many, &program).is_none());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn matches_find_program_address(
            a in proptest::collection::vec(any::<u8>(), 0..=32),
            b in proptest::array::uniform32(any::<u8>()),
            id in any::<u64>(),
            program in proptest::array::uniform32(any::<u8>()),
        ) {
            let program = Pubkey::new_from_array(program);
            check(&[&a, &b, &id.to_le_bytes()], &program);
        }
    }
}
