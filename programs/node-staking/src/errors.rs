use anchor_lang::prelude::*;

#[error_code]
pub enum StakingError {
    // 6000 0x1770
    #[msg("Unbonding period must be between 1 second and 365 days")]
    InvalidUnbondingPeriod,
    // 6001 0x1771
    #[msg("Minimum provider stake must be greater than zero")]
    InvalidMinProviderStake,
    // 6002 0x1772
    #[msg("Arithmetic overflow")]
    MathOverflow,
    // 6003 0x1773
    #[msg("Config invariant violated")]
    ConfigInvariantViolated,
    // 6004 0x1774
    #[msg("This instruction takes no remaining accounts")]
    UnexpectedRemainingAccounts,
}
