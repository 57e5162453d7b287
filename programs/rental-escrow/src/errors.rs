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
    // 6004 0x1774
    #[msg("Reservation fee must be at most 1000 basis points")]
    InvalidFee,
    // 6005 0x1775
    #[msg("Dispute window must be between 1 second and 30 days")]
    InvalidDisputeWindow,
    // 6006 0x1776
    #[msg("The escrow is paused")]
    Paused,
    // 6007 0x1777
    #[msg("Signer is not the admin")]
    Unauthorized,
    // 6008 0x1778
    #[msg("No admin handover is pending")]
    NoPendingAdmin,
    // 6009 0x1779
    #[msg("Signer is not the proposed admin")]
    NotPendingAdmin,
    // 6010 0x177a
    #[msg("Price account is not the configured one")]
    WrongOracleAccount,
    // 6011 0x177b
    #[msg("Price account is not owned by the configured oracle program")]
    WrongOracleOwner,
    // 6012 0x177c
    #[msg("Price account data is not a valid Pyth price")]
    InvalidOracleData,
    // 6013 0x177d
    #[msg("Pyth price status is not Trading")]
    PriceNotTrading,
    // 6014 0x177e
    #[msg("Oracle price is zero or negative")]
    NonPositivePrice,
    // 6015 0x177f
    #[msg("Oracle price is older than the maximum age")]
    StalePrice,
    // 6016 0x1780
    #[msg("Oracle confidence interval is wider than the configured bound")]
    PriceConfidenceTooWide,
    // 6017 0x1781
    #[msg("Oracle exponent or mint decimals are outside the supported range")]
    UnsupportedExponent,
    // 6018 0x1782
    #[msg("Price update is for another feed")]
    FeedMismatch,
    // 6019 0x1783
    #[msg("Price update is not fully verified")]
    InsufficientVerification,
    // 6020 0x1784
    #[msg("Arithmetic overflow")]
    MathOverflow,
    // 6021 0x1785
    #[msg("Rental duration must be between 60 seconds and 90 days")]
    InvalidDuration,
    // 6022 0x1786
    #[msg("Node is not active")]
    NodeNotRentable,
    // 6023 0x1787
    #[msg("Node does not offer the requested QoS add-on")]
    UnknownQosAddon,
    // 6024 0x1788
    #[msg("A QoS add-on was requested twice")]
    DuplicateQosAddon,
    // 6025 0x1789
    #[msg("Cost in tokens exceeds the renter's max_tokens")]
    SlippageExceeded,
    // 6026 0x178a
    #[msg("Account is not the configured node_staking program")]
    WrongNodeStakingProgram,
    // 6027 0x178b
    #[msg("Token account is not for the payment mint")]
    MintMismatch,
    // 6028 0x178c
    #[msg("Token program does not own the payment mint")]
    TokenProgramMismatch,
    // 6029 0x178d
    #[msg("Signer is not the renter")]
    NotRenter,
    // 6030 0x178e
    #[msg("Signer is not the node's operator")]
    NotProvider,
    // 6031 0x178f
    #[msg("Rental is not active")]
    RentalNotActive,
    // 6032 0x1790
    #[msg("Rental has already ended")]
    RentalEnded,
    // 6033 0x1791
    #[msg("Rental is under dispute")]
    RentalDisputed,
    // 6034 0x1792
    #[msg("Nothing has accrued since the last claim")]
    NothingToClaim,
    // 6035 0x1793
    #[msg("Rental has not ended or is under dispute")]
    RentalNotFinished,
    // 6036 0x1794
    #[msg("The dispute window has closed")]
    DisputeWindowClosed,
    // 6037 0x1795
    #[msg("Rental is not under dispute")]
    NotDisputed,
    // 6038 0x1796
    #[msg("Signer is not the dispute authority")]
    NotDisputeAuthority,
    // 6039 0x1797
    #[msg("Refund must be at most 10000 basis points")]
    InvalidRefund,
    // 6040 0x1798
    #[msg("A slash needs the node_staking accounts")]
    SlashAccountsMissing,
    // 6041 0x1799
    #[msg("Node does not match the rental")]
    WrongNode,
    // 6042 0x179a
    #[msg("Treasury is not the configured one")]
    WrongTreasury,
    // 6043 0x179b
    #[msg("Provider token account is not owned by the node's operator")]
    WrongProvider,
    // 6044 0x179c
    #[msg("Rental invariant violated")]
    RentalInvariantViolated,
    // 6045 0x179d
    #[msg("Token account does not belong to the expected owner")]
    DestinationMismatch,
    // 6046 0x179e
    #[msg("Vault is not the rental's vault")]
    WrongVault,
}
