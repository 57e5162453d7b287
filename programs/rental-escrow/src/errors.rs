use anchor_lang::prelude::*;

#[error_code]
pub enum EscrowError {
    // 6000 0x1770
    #[msg("Maximum price age must be between 1 second and 1 hour")]
    InvalidMaxPriceAge,
    // 6001 0x1771
    #[msg("Maximum confidence must be between 1 and 10000 basis points")]
    InvalidMaxConfidence,
    // 6002 0x1772
    #[msg("Config invariant violated")]
    ConfigInvariantViolated,
    // 6003 0x1773
    #[msg("This instruction takes no remaining accounts")]
    UnexpectedRemainingAccounts,
}
