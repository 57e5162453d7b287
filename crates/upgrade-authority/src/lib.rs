//! The upgrade authority recorded in a ProgramData account of the upgradeable
//! loader (loader v3), read from its bytes in place.
//!
//! Anchor's `Account<ProgramData>` deserialises the account with bincode,
//! which links serde's error reporting, float formatting included: about
//! 40 KB of each program for one check in `initialize`. The layout is fixed
//! by the loader (bincode of `UpgradeableLoaderState::ProgramData`): a u32
//! little-endian variant tag (3), the u64 slot of the last deploy, then the
//! authority as an `Option<Pubkey>` (one tag byte, 0 or 1, then 32 bytes when
//! 1). The program's code follows from byte 45 (`METADATA_LEN`).
use solana_pubkey::Pubkey;

/// `UpgradeableLoaderState::ProgramData`'s variant index.
pub const PROGRAM_DATA_TAG: u32 = 3;
/// Bytes before the program's code: tag, slot, the option tag and a pubkey.
pub const METADATA_LEN: usize = 4 + 8 + 1 + 32;

/// Why `data` is not a ProgramData account's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotProgramData;

/// The upgrade authority in a ProgramData account's `data`: `Some(key)`, or
/// `None` for an immutable program; `Err` when `data` is not ProgramData
/// (another loader state, too short, or an option tag other than 0 or 1).
pub fn upgrade_authority(data: &[u8]) -> Result<Option<Pubkey>, NotProgramData> {
    let meta = data.get(..METADATA_LEN).ok_or(NotProgramData)?;
    if meta[..4] != PROGRAM_DATA_TAG.to_le_bytes() {
        return Err(NotProgramData);
    }
    match meta[12] {
        0 => Ok(None),
        1 => {
            let mut key = [0u8; 32];
            key.copy_from_slice(&meta[13..METADATA_LEN]);
            Ok(Some(Pubkey::new_from_array(key)))
        }
        _ => Err(NotProgramData),
    }
}

/// True if `data` is a ProgramData account's whose upgrade authority is
/// `key` (false for an immutable program or any other account).
pub fn is_upgrade_authority(data: &[u8], key: &Pubkey) -> bool {
    upgrade_authority(data) == Ok(Some(*key))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use solana_loader_v3_interface::state::UpgradeableLoaderState;

    fn encode(state: &UpgradeableLoaderState, code: &[u8]) -> Vec<u8> {
        let mut data = bincode::serialize(state).unwrap();
        data.extend_from_slice(code);
        data
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]
        #[test]
        fn reads_what_the_loader_writes(
            slot in any::<u64>(),
            key in proptest::option::of(proptest::array::uniform32(any::<u8>())),
            code in proptest::collection::vec(any::<u8>(), 0..64),
        ) {
            let authority = key.map(Pubkey::new_from_array);
            let state = UpgradeableLoaderState::ProgramData { slot, upgrade_authority_address: authority };
            // The loader always reserves the full 45 bytes, also for `None`.
            let mut data = encode(&state, &[]);
            data.resize(UpgradeableLoaderState::size_of_programdata_metadata(), 0);
            prop_assert_eq!(data.len(), METADATA_LEN);
            data.extend_from_slice(&code);
            prop_assert_eq!(upgrade_authority(&data), Ok(authority));
            let other = Pubkey::new_from_array([0xab; 32]);
            prop_assert_eq!(is_upgrade_authority(&data, &other), authority == Some(other));
            if let Some(k) = authority {
                prop_assert!(is_upgrade_authority(&data, &k));
            }
        }

        #[test]
        fn refuses_other_states(key in proptest::array::uniform32(any::<u8>())) {
            let key = Pubkey::new_from_array(key);
            for state in [
                UpgradeableLoaderState::Uninitialized,
                UpgradeableLoaderState::Buffer { authority_address: Some(key) },
                UpgradeableLoaderState::Program { programdata_address: key },
            ] {
                let mut data = encode(&state, &[]);
                data.resize(64, 1);
                prop_assert_eq!(upgrade_authority(&data), Err(NotProgramData));
            }
        }
    }

    #[test]
    fn refuses_short_or_malformed_data() {
        let state = UpgradeableLoaderState::ProgramData {
            slot: 7,
            upgrade_authority_address: Some(Pubkey::new_from_array([9; 32])),
        };
        let data = encode(&state, &[]);
        assert_eq!(
            upgrade_authority(&data[..METADATA_LEN - 1]),
            Err(NotProgramData)
        );
        assert_eq!(upgrade_authority(&[]), Err(NotProgramData));
        let mut bad_option = data.clone();
        bad_option[12] = 2;
        assert_eq!(upgrade_authority(&bad_option), Err(NotProgramData));
    }
}
